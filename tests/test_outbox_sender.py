"""The outbox sender's own races, made to happen in a fixed order on a real database."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from bot.core import outbox
from bot.core.model import OutboxLane, Posting, PostingStatus
from bot.core.postings import MessageRefs
from bot.outbox.contract import Retry, Step
from bot.outbox.sender import OutboxSender, _at_now
from tests.harness import at

LANE = "test:C1"
NOW = at("2026-03-02T09:00")
LAPSED = NOW + outbox.LEASE + timedelta(seconds=1)  # the lease taken at NOW has run out
WAIT = 30  # seconds a step of a scenario may take on a loaded machine before it is a hang


class GatedPoster:
    """The platform's end: every call it is asked to make, in order; a posting's call can be
    held open (a call under way) until the test lets it answer."""

    platform = "test"

    def __init__(self) -> None:
        self.made: list[int] = []
        self.started: dict[int, asyncio.Event] = {}
        self.gates: dict[int, asyncio.Event] = {}

    def hold(self, posting_id: int) -> asyncio.Event:
        self.gates[posting_id] = asyncio.Event()
        return self.gates[posting_id]

    def began(self, posting_id: int) -> asyncio.Event:
        return self.started.setdefault(posting_id, asyncio.Event())

    def interval(self, conversation: str) -> float:
        return 0.0

    def plan(self, posting: Posting, refs: MessageRefs) -> list[Step]:
        return [Step("post")]

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        assert posting.id is not None
        self.made.append(posting.id)
        self.began(posting.id).set()
        gate = self.gates.get(posting.id)
        if gate is not None:
            await gate.wait()
        return f"ts-{posting.id}"

    def retry(self, error: BaseException) -> Retry | None:
        return None

    def error_code(self, error: BaseException) -> str:
        return "error"


Hook = Callable[[Callable[[], Any]], Awaitable[Any]]


class Clock:
    """The shared wall clock of the leases, moved by the test alone."""

    def __init__(self) -> None:
        self.at = NOW

    def __call__(self) -> Any:
        return self.at


def queue(store_factory, count: int = 1) -> list[int]:
    with store_factory() as store:
        made = [
            outbox.enqueue(store, LANE, outbox.NOTICE, NOW, {"text": f"meddelande {n}"}).id
            for n in range(count)
        ]
        store.commit()
    return made


def lane(store_factory) -> OutboxLane:
    with store_factory() as store:
        return store.find(OutboxLane, conversation=LANE)[0]


def statuses(store_factory) -> list[PostingStatus]:
    with store_factory() as store:
        return [p.status for p in store.find(Posting)]


def each_sent_once(store_factory, poster: GatedPoster, ids: list[int]) -> None:
    """Each posting made once, in order, marked sent, and the lane given back."""
    assert poster.made == ids
    assert statuses(store_factory) == [PostingStatus.SENT] * len(ids)
    assert lane(store_factory).claimed_by == ""


async def to_the_end(sender: OutboxSender) -> None:
    """Every lane task over, then a last look: nothing may be left waiting unclaimed."""
    await finished(sender)
    await sender.drain()


def is_call(call: Callable[[], Any], func: Callable[..., Any]) -> bool:
    """Whether the sender's database call is of func (directly, or with the time read late)."""
    if not isinstance(call, functools.partial):
        return False
    return call.func is func or (call.func is _at_now and call.args[0] is func)


def sender_for(
    store_factory,
    poster: GatedPoster,
    clock: Clock,
    hooks: dict[Any, Hook] | None = None,
    worker: str = "w1",
) -> OutboxSender:
    """A sender whose database work can be stopped at a chosen transaction: hooks maps an
    outbox function to what runs in place of its call (the call passed in to make)."""

    async def run_db(call: Callable[[], Any]) -> Any:
        for func, hook in (hooks or {}).items():
            if is_call(call, func):
                return await hook(call)
        return await asyncio.to_thread(call)

    sender = OutboxSender(store_factory, [poster], worker=worker, now=clock, run_db=run_db)
    sender._events()
    return sender


async def finished(sender: OutboxSender) -> None:
    """Until every lane task of the sender, and the ones they hand on to, is over."""
    while sender._lanes:
        await asyncio.wait_for(
            asyncio.gather(*list(sender._lanes.values()), return_exceptions=True), WAIT
        )


def test_a_lane_claimed_again_while_its_call_is_under_way_sends_the_posting_once(
    store_factory,
) -> None:
    """The lease ran out while the call was under way (on the shared clock: a claim that
    waited for the database, a renewal that failed) and our own claim took the lane again,
    with the posting still pending in its batch. A second task for the lane sent that batch
    after the first had sent it: each member's reminder twice (the reverted fix)."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> None:
        answer = poster.hold(first)
        sender = sender_for(store_factory, poster, clock)
        assert await sender.tick() == 1
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        clock.at = LAPSED
        assert await sender.tick() == 1, "the claim did not take the lane again"
        answer.set()
        await to_the_end(sender)

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first])


def test_a_lane_claimed_again_while_its_task_marks_the_posting_sent_sends_it_once(
    store_factory,
) -> None:
    """As above, the claim coming between the call's answer and its record."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> None:
        sender: OutboxSender

        async def claim_then_record(call: Callable[[], Any]) -> Any:
            clock.at = LAPSED
            assert await sender.tick() == 1, "the claim did not take the lane again"
            return await asyncio.to_thread(call)

        sender = sender_for(store_factory, poster, clock, {outbox.record_step: claim_then_record})
        assert await sender.tick() == 1
        await to_the_end(sender)

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first])


def test_a_lane_whose_task_ended_while_we_claimed_it_is_read_afresh(store_factory) -> None:
    """Our claim took the lane (its lease run out) while its task was on it, and the task
    sent the posting and ended before the claim's answer came back: the batch the claim read
    holds a posting sent since. Started with that batch, the new task sent it again."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> None:
        sender: OutboxSender
        answer = poster.hold(first)

        async def claim_across_the_end(call: Callable[[], Any]) -> Any:
            claimed = await asyncio.to_thread(call)
            if clock.at == LAPSED and not answer.is_set():
                assert [p.id for p, _ in claimed[LANE]] == [first]  # read before the record
                (task,) = sender._lanes.values()
                answer.set()
                await asyncio.wait_for(asyncio.wait([task]), WAIT)
            return claimed

        sender = sender_for(store_factory, poster, clock, {outbox.claim: claim_across_the_end})
        assert await sender.tick() == 1
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        clock.at = LAPSED
        assert await sender.tick() == 1
        await to_the_end(sender)

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first])


def test_another_sender_cannot_take_a_lane_while_its_task_marks_the_posting_sent(
    store_factory,
) -> None:
    """Another replica claims in the middle of the record's transaction, the lease already
    run out on its clock: it must find the lane locked (PostgreSQL) or wait for the record
    (SQLite's single writer), then find nothing left to send."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    other: list[dict[str, outbox.Work]] = []

    def other_claims() -> None:
        other.append(outbox.claim(store_factory, LAPSED, "w2", ("test:",)))

    @contextmanager
    def claimed_before_commit():
        """A store whose commit first lets the other replica claim (its transaction open)."""
        with store_factory() as store:
            commit = store.commit

            def commit_after_the_others_claim() -> None:
                claimer = threading.Thread(target=other_claims)
                claimer.start()
                if store._engine.dialect.name == "postgresql":
                    claimer.join(WAIT)  # SKIP LOCKED: it answers while the record is open
                    assert other, "the other claim waited for the record"
                commit()
                claimer.join(WAIT)

            store.commit = commit_after_the_others_claim
            yield store

    async def scenario() -> None:
        async def record_with_the_other_claiming(call: Callable[[], Any]) -> Any:
            hooked = functools.partial(call.func, claimed_before_commit, *call.args[1:])
            return await asyncio.to_thread(hooked, **call.keywords)

        sender = sender_for(
            store_factory, poster, clock, {outbox.record_step: record_with_the_other_claiming}
        )
        assert await sender.tick() == 1
        await finished(sender)

    asyncio.run(scenario())
    assert other == [{}]
    assert outbox.claim(store_factory, LAPSED, "w2", ("test:",)) == {}
    assert poster.made == [first]
    assert statuses(store_factory) == [PostingStatus.SENT]


def test_a_lane_claimed_while_its_last_task_finishes_is_worked_at_once(store_factory) -> None:
    """The last record gave the lane back; a posting arrived and our claim took the lane while
    its task was still in the sender's table. Skipping the claim left the lane held by nobody
    for a whole lease (here: for ever, the clock stands still)."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    later: list[int] = []

    async def scenario() -> None:
        sender: OutboxSender

        async def record_then_claim(call: Callable[[], Any]) -> Any:
            recorded = await asyncio.to_thread(call)
            if not later:
                assert recorded.drained  # the lane is free in the database
                later.extend(queue(store_factory))
                assert await sender.tick() == 1, "the claim did not take the lane"
            return recorded

        sender = sender_for(store_factory, poster, clock, {outbox.record_step: record_then_claim})
        assert await sender.tick() == 1
        await to_the_end(sender)

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first, *later])


def test_a_stale_renewal_does_not_stop_the_lanes_next_task(store_factory) -> None:
    """The renewal looked at the lanes; the lane's task finished and gave the lane back; the
    renewal's transaction found it not held; a new claim started the lane's next task, whose
    call is under way when the renewal's answer ("lost") arrives. Cancelling that task left
    the lane held and unrenewed, and its call was made again by whoever took the lane after
    the lease: the two-replica test's doubled notes."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    later: list[int] = []

    async def scenario() -> bool:
        sender: OutboxSender
        answer = poster.hold(first)

        async def renew_across_the_hand_over(call: Callable[[], Any]) -> Any:
            (task,) = sender._lanes.values()
            answer.set()
            await asyncio.wait_for(asyncio.wait([task]), WAIT)  # it gave the lane back
            kept = await asyncio.to_thread(call)
            assert kept == []
            later.extend(queue(store_factory))
            poster.hold(later[0])
            assert await sender.tick() == 1
            await asyncio.wait_for(poster.began(later[0]).wait(), WAIT)  # a call under way
            return kept

        sender = sender_for(
            store_factory, poster, clock, {outbox.renew: renew_across_the_hand_over}
        )
        assert await sender.tick() == 1
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        await sender.renew()
        await asyncio.sleep(0)  # a cancellation would be delivered here
        (task,) = sender._lanes.values()
        alive = not task.cancelled() and not task.done()
        poster.gates[later[0]].set()
        await finished(sender)
        return alive

    assert asyncio.run(scenario()), "the lane's new task was stopped by a stale renewal"
    each_sent_once(store_factory, poster, [first, *later])


def test_a_renewal_that_finds_the_lane_taken_stops_its_task(store_factory) -> None:
    """The other half: a lease really lost (another replica took the lane) stops our task, so
    that its retries do not go on beside the new owner's."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> asyncio.Task[None]:
        poster.hold(first)
        sender = sender_for(store_factory, poster, clock)
        assert await sender.tick() == 1
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        (task,) = sender._lanes.values()
        assert outbox.claim(store_factory, LAPSED, "w2", ("test:",)) != {}
        await sender.renew()
        await asyncio.wait_for(asyncio.wait([task]), WAIT)
        assert sender._lanes == {}
        return task

    assert asyncio.run(scenario()).cancelled()
    assert lane(store_factory).claimed_by == "w2"
    assert statuses(store_factory) == [PostingStatus.PENDING]


def test_a_cancelled_lane_task_is_over_only_when_its_transaction_is(store_factory) -> None:
    """A task cancelled while its record runs in the database thread: had it left the table at
    once, the lane's next task (our claim took the lane again meanwhile) would have read the
    posting still pending and sent it a second time."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    in_thread = threading.Event()
    go_on = threading.Event()

    async def scenario() -> None:
        async def held_record(call: Callable[[], Any]) -> Any:
            def held() -> Any:
                in_thread.set()
                assert go_on.wait(WAIT)
                return call()

            return await asyncio.to_thread(held)

        sender = sender_for(store_factory, poster, clock, {outbox.record_step: held_record})
        assert await sender.tick() == 1
        (task,) = sender._lanes.values()
        assert await asyncio.to_thread(in_thread.wait, WAIT)
        clock.at = LAPSED
        assert await sender.tick() == 1  # taken again while the record is under way
        task.cancel()
        for _ in range(20):
            await asyncio.sleep(0)  # turns of the loop, not time
        assert not task.done(), "the task ended while its record was still being written"
        go_on.set()
        await to_the_end(sender)

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first])


def test_a_claim_that_waited_for_the_database_dates_its_lease_from_when_it_ran(
    store_factory,
) -> None:
    """The claim waited its turn for the database thread (other lanes' records before it): its
    lease runs from when it ran. Dated from when it was asked, the lease was that much short,
    and another sender could take the lane while it was being sent."""
    poster = GatedPoster()
    clock = Clock()
    queue(store_factory)
    later = NOW + timedelta(seconds=20)

    async def scenario() -> None:
        async def claim_after_a_wait(call: Callable[[], Any]) -> Any:
            clock.at = later  # the time it took to get a database thread
            return await asyncio.to_thread(call)

        async def look(call: Callable[[], Any]) -> Any:
            assert lane(store_factory).claimed_until == later + outbox.LEASE
            return await asyncio.to_thread(call)

        hooks = {outbox.claim: claim_after_a_wait, outbox.pending_postings: look}
        hooks[outbox.record_step] = look
        sender = sender_for(store_factory, poster, clock, hooks)
        assert await sender.tick() == 1
        await to_the_end(sender)

    asyncio.run(scenario())
    assert len(poster.made) == 1


def test_a_drain_renews_the_leases_it_holds(store_factory) -> None:
    """Benchmarks and the console send with drain() alone: without renewals a lane worked
    longer than a lease was taken by a second sender, which sent it too."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> None:
        answer = poster.hold(first)
        sender = sender_for(store_factory, poster, clock)
        draining = asyncio.create_task(sender.drain())
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        renewing = sender._renewing
        assert renewing is not None and not renewing.done()
        answer.set()
        await asyncio.wait_for(draining, WAIT)
        await asyncio.wait([renewing])
        assert renewing.cancelled()

    asyncio.run(scenario())
    each_sent_once(store_factory, poster, [first])


class Platform:
    """Where messages come to exist: a request on its way (held by the test) makes its message
    only when it arrives; one cut off before it arrives makes none."""

    def __init__(self) -> None:
        self.made: list[int] = []


class InTransit(GatedPoster):
    """A sender's end of the platform: a held call makes its message when let go. A posting
    it is told may have been made (taken over) is looked for first, as the Slack poster does."""

    def __init__(self, platform: Platform) -> None:
        super().__init__()
        self.platform_ = platform
        self.unsure_of: set[int] = set()
        self.cut: list[int] = []

    def unsure(self, posting: Posting, step: Step) -> None:
        assert posting.id is not None
        self.unsure_of.add(posting.id)

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        assert posting.id is not None
        if posting.id in self.unsure_of and posting.id in self.platform_.made:
            return f"ts-{posting.id}"  # found: made by the earlier owner
        self.began(posting.id).set()
        gate = self.gates.get(posting.id)
        try:
            if gate is not None:
                await gate.wait()
        except asyncio.CancelledError:
            self.cut.append(posting.id)
            raise
        self.platform_.made.append(posting.id)
        return f"ts-{posting.id}"


async def turns(count: int = 20) -> None:
    for _ in range(count):
        await asyncio.sleep(0)  # turns of the loop, not time


def test_a_call_does_not_start_with_less_than_half_a_lease_left(store_factory) -> None:
    """The first posting's call took 20 s of a 30 s lease and no renewal came (the database was
    slow): the second's call started with 10 s left, and a second sender took the lane when
    the lease ran out while that call was still on its way, and made it too. Now the call
    renews the lease first."""
    platform = Platform()
    ours, theirs = InTransit(platform), InTransit(platform)
    clock = Clock()
    first, second = queue(store_factory, 2)

    async def scenario() -> None:
        let_first, let_second = ours.hold(first), ours.hold(second)
        sender = sender_for(store_factory, ours, clock)
        assert await sender.tick() == 1
        await asyncio.wait_for(ours.began(first).wait(), WAIT)
        clock.at = NOW + timedelta(seconds=20)
        let_first.set()
        await asyncio.wait_for(ours.began(second).wait(), WAIT)
        assert lane(store_factory).claimed_until == clock.at + outbox.LEASE
        clock.at = LAPSED  # the first lease is over; the renewed one is not
        other = sender_for(store_factory, theirs, clock, worker="w2")
        assert await other.tick() == 0, "another sender took the lane during the call"
        let_second.set()
        await to_the_end(sender)
        await other.drain()

    asyncio.run(scenario())
    assert platform.made == [first, second]
    assert statuses(store_factory) == [PostingStatus.SENT] * 2


def test_a_call_under_way_is_cut_before_an_unrenewed_lease_runs_out(store_factory) -> None:
    """The call is under way and the renewals fail (a database stalled for this replica
    only): with half the lease gone the call is cut and the lane left to lapse, not given
    back. The sender taking it after the lease looks, finds nothing, and makes it once. Not
    cut, the first call arrived after that look and the posting was made twice."""
    platform = Platform()
    ours, theirs = InTransit(platform), InTransit(platform)
    clock = Clock()
    (first,) = queue(store_factory)

    async def stalled(call: Callable[[], Any]) -> Any:
        raise OSError("the database does not answer")

    async def scenario() -> None:
        let_go = ours.hold(first)
        sender = sender_for(store_factory, ours, clock, {outbox.renew: stalled})
        assert await sender.tick() == 1
        await asyncio.wait_for(ours.began(first).wait(), WAIT)
        clock.at = NOW + timedelta(seconds=10)
        with contextlib.suppress(OSError):
            await sender.renew()
        await turns()
        assert ours.cut == [], "cut with two thirds of the lease left"
        clock.at = NOW + timedelta(seconds=20)
        with contextlib.suppress(OSError):
            await sender.renew()
        await turns()
        held = lane(store_factory)
        assert (held.claimed_by, statuses(store_factory)) == ("w1", [PostingStatus.PENDING])
        clock.at = LAPSED
        other = sender_for(store_factory, theirs, clock, worker="w2")
        await other.drain()
        let_go.set()  # a call not cut would arrive now
        await turns()
        await finished(sender)

    asyncio.run(scenario())
    assert platform.made == [first]
    assert ours.cut == [first]
    assert statuses(store_factory) == [PostingStatus.SENT]
    assert lane(store_factory).claimed_by == ""


def test_a_renewal_that_comes_late_but_succeeds_cuts_no_call(store_factory) -> None:
    """The renewal waited 20 s for the database and then extended the lease: the call under
    way goes on (fenced against the lease as it was before the renewal, it was cut)."""
    platform = Platform()
    ours = InTransit(platform)
    clock = Clock()
    (first,) = queue(store_factory)

    async def late(call: Callable[[], Any]) -> Any:
        clock.at = NOW + timedelta(seconds=20)
        return await asyncio.to_thread(call)

    async def scenario() -> None:
        let_go = ours.hold(first)
        sender = sender_for(store_factory, ours, clock, {outbox.renew: late})
        assert await sender.tick() == 1
        await asyncio.wait_for(ours.began(first).wait(), WAIT)
        await sender.renew()
        await turns()
        assert ours.cut == []
        let_go.set()
        await finished(sender)

    asyncio.run(scenario())
    assert platform.made == [first]
    assert statuses(store_factory) == [PostingStatus.SENT]


def test_a_call_cut_by_shutdown_leaves_its_lane_to_others_only_after_a_pause(
    store_factory,
) -> None:
    """SIGTERM's grace ran out while a call was under way: the call is cut, but its request may
    still reach the platform. Given back at once, the lane was taken by another replica at
    once, whose look came before that request arrived; now the lane is another's only 5 s
    later."""
    poster = GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    pause = outbox.LEASE / 6

    async def scenario() -> None:
        poster.hold(first)
        sender = sender_for(store_factory, poster, clock)
        assert await sender.tick() == 1
        await asyncio.wait_for(poster.began(first).wait(), WAIT)
        await sender.shutdown(grace=0)

    asyncio.run(scenario())
    held = lane(store_factory)
    assert (held.claimed_by, held.claimed_until) == ("w1", NOW + pause)
    assert outbox.claim(store_factory, NOW + pause / 2, "w2", ("test:",)) == {}
    later = NOW + pause + timedelta(seconds=1)
    assert set(outbox.claim(store_factory, later, "w2", ("test:",))) == {LANE}


class RateLimited(Exception):
    """The platform's "wait 30 s": the call was refused, nothing made."""


class Throttled(InTransit):
    """Its first call is refused with a wait (a 429); the sender is stopped while it waits."""

    def __init__(self, platform: Platform) -> None:
        super().__init__(platform)
        self.refused = asyncio.Event()

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        self.refused.set()
        raise RateLimited()

    def retry(self, error: BaseException) -> Retry | None:
        return Retry(after=30.0) if isinstance(error, RateLimited) else None


def test_a_posting_stopped_while_waiting_out_a_refusal_is_sent_as_new_by_the_next_owner(
    store_factory,
) -> None:
    """A deploy stops the sender while it waits out a 429 for a posting's first call: that call
    was surely never made, so its plan is taken back and the next owner sends it without
    taking it for maybe made (in Teams, where nothing can be looked up, it was given up as
    uncertain)."""
    platform = Platform()
    ours, theirs = Throttled(platform), InTransit(platform)
    clock = Clock()
    (first,) = queue(store_factory)

    async def scenario() -> None:
        sender = sender_for(store_factory, ours, clock)
        assert await sender.tick() == 1
        await asyncio.wait_for(ours.refused.wait(), WAIT)
        await turns()
        await sender.shutdown(grace=5)
        other = sender_for(store_factory, theirs, clock, worker="w2")
        await other.drain()

    asyncio.run(scenario())
    assert theirs.unsure_of == set()
    assert platform.made == [first]
    assert statuses(store_factory) == [PostingStatus.SENT]


class Unreachable(GatedPoster):
    """Each posting's first call fails as a lost connection does (worth another try); its calls
    are not looked for first (a chat.update: nothing to find)."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: set[int] = set()

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        assert posting.id is not None
        if posting.id not in self.refused:
            self.refused.add(posting.id)
            raise ConnectionError("unreachable")
        return await super().perform(posting, step, refs)

    def retry(self, error: BaseException) -> Retry | None:
        return Retry() if isinstance(error, ConnectionError) else None


def test_a_task_that_slept_past_its_lease_makes_no_call_when_the_lane_is_ours_again(
    store_factory,
) -> None:
    """The task waited out a back-off longer than its lease (the process froze: SIGSTOP, a VM
    pause); another sender took the lane, sent the posting and gave the lane back; a new
    posting came and our claim took the lane again before the old task woke. Woken, it found
    the new claim's lease and made its call for the posting the other had sent: the call
    twice (for an update, an older ärendelista over the newer)."""
    ours, theirs = Unreachable(), GatedPoster()
    clock = Clock()
    (first,) = queue(store_factory)
    later: list[int] = []

    async def scenario() -> None:
        asleep, wake = asyncio.Event(), asyncio.Event()

        async def back_off(_seconds: float) -> None:
            asleep.set()
            await wake.wait()

        sender = sender_for(store_factory, ours, clock)
        sender.sleep = back_off
        assert await sender.tick() == 1
        await asyncio.wait_for(asleep.wait(), WAIT)
        clock.at = LAPSED
        await sender_for(store_factory, theirs, clock, worker="w2").drain()
        assert theirs.made == [first]
        later.extend(queue(store_factory))
        assert await sender.tick() == 1, "our claim did not take the lane again"
        wake.set()
        await to_the_end(sender)

    asyncio.run(scenario())
    assert ours.made == later, "the old task made the call the other sender had made"
    assert statuses(store_factory) == [PostingStatus.SENT] * 2
    assert lane(store_factory).claimed_by == ""
