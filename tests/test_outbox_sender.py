"""The outbox sender's own races, made to happen in a fixed order on a real database."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from bot.core import outbox
from bot.core.model import OutboxLane, Posting, PostingStatus
from bot.core.postings import MessageRefs
from bot.outbox.contract import Retry, Step
from bot.outbox.sender import OutboxSender
from tests.harness import at

LANE = "test:C1"
NOW = at("2026-03-02T09:00")


class RecordingPoster:
    """The platform's end: every call it is asked to make, in order."""

    platform = "test"

    def __init__(self) -> None:
        self.made: list[int] = []

    def interval(self, conversation: str) -> float:
        return 0.0

    def plan(self, posting: Posting, refs: MessageRefs) -> list[Step]:
        return [Step("post")]

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        assert posting.id is not None
        self.made.append(posting.id)
        return f"ts-{posting.id}"

    def retry(self, error: BaseException) -> Retry | None:
        return None

    def error_code(self, error: BaseException) -> str:
        return "error"


def queue(store_factory, count: int = 1) -> None:
    with store_factory() as store:
        for n in range(count):
            outbox.enqueue(store, LANE, outbox.NOTICE, NOW, {"text": f"meddelande {n}"})
        store.commit()


def lane(store_factory) -> OutboxLane:
    with store_factory() as store:
        return store.find(OutboxLane, conversation=LANE)[0]


def statuses(store_factory) -> list[PostingStatus]:
    with store_factory() as store:
        return [p.status for p in store.find(Posting)]


def sender_for(store_factory, poster: RecordingPoster, **kw: Any) -> OutboxSender:
    return OutboxSender(store_factory, [poster], worker="w1", now=lambda: NOW, **kw)


def test_a_stale_renewal_does_not_stop_the_lanes_next_task(store_factory) -> None:
    """Renewal read the lanes, the lane's task finished and gave the lane back, a new claim
    started a second task; the renewal's answer ("not held") is about the first task only.
    Cancelling the second mid-call left the lane held and unrenewed, and its call was made
    again by whoever took the lane after the lease: the two-replica test's doubled notes."""
    poster = RecordingPoster()
    queue(store_factory)

    async def scenario() -> bool:
        gate = asyncio.Event()

        async def first() -> None:
            return None

        async def second() -> None:
            await gate.wait()  # a call under way

        async def run_db(call):
            if isinstance(call, functools.partial) and call.func is outbox.renew:
                # Between the renewal's look at the lanes and its transaction: the first task
                # gives the lane back; after the transaction, the lane is claimed again.
                outbox.release(store_factory, [LANE], "w1")
                kept = call()
                outbox.claim(store_factory, NOW, "w1", ("test:",))
                sender._lanes[LANE] = asyncio.create_task(second())
                return kept
            return call()

        sender = sender_for(store_factory, poster, run_db=run_db)
        outbox.claim(store_factory, NOW, "w1", ("test:",))
        sender._lanes[LANE] = asyncio.create_task(first())
        await asyncio.sleep(0)
        await sender.renew()
        await asyncio.sleep(0)
        task = sender._lanes.get(LANE)
        alive = task is not None and not task.cancelled() and not task.done()
        gate.set()
        if task is not None and not task.cancelled():
            await task
        return alive

    assert asyncio.run(scenario()), "the lane's new task was cancelled by a stale renewal"


def test_a_lane_claimed_while_its_last_task_finishes_is_worked_at_once(store_factory) -> None:
    """The claim saw the lane free (its task had just given it back) while that task was still
    in the sender's table: skipping the claim left the lane held by nobody for a whole lease."""
    poster = RecordingPoster()
    queue(store_factory, 2)

    async def scenario() -> None:
        finishing = asyncio.Event()

        async def last_moments() -> None:
            await finishing.wait()

        sender = sender_for(store_factory, poster)
        sender._events()
        sender._lanes[LANE] = asyncio.create_task(last_moments())
        assert await sender.tick() == 1
        assert lane(store_factory).claimed_by == "w1"
        finishing.set()
        await asyncio.wait_for(asyncio.gather(*sender._lanes.values()), timeout=30)

    asyncio.run(scenario())
    assert len(poster.made) == 2 and len(set(poster.made)) == 2
    assert statuses(store_factory) == [PostingStatus.SENT, PostingStatus.SENT]
    assert lane(store_factory).claimed_by == ""
