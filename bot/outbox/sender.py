"""Sends the outbox: claims conversations, posts each one's postings in order, paced and retried."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential_jitter

from bot import metrics
from bot.core import outbox
from bot.core.context import STOCKHOLM
from bot.core.model import Posting
from bot.core.ports import StoreFactory
from bot.core.postings import MessageRefs
from bot.outbox.contract import Poster, Step, dump_plan, load_plan

log = logging.getLogger(__name__)

T = TypeVar("T")

POLL_SECONDS = 2.0  # how often to look for work nobody told us about (another replica's)
GIVE_UP_AFTER = 15 * 60.0  # seconds of retrying one call before it is given up
GRACE_SECONDS = 20.0  # default time on shutdown to finish what is under way


def worker_name() -> str:
    """Unique per process, so each replica's claims are its own."""
    return f"{socket.gethostname()}:{os.getpid()}"


def grace_seconds() -> float:
    """The shutdown grace period: $JUSTERA_SHUTDOWN_GRACE_SECONDS (bot.settings), 20 s unset."""
    from bot.settings import current

    return current().shutdown_grace


def lease_setting() -> timedelta:
    """A lane's lease: $JUSTERA_OUTBOX_LEASE_SECONDS (bot.settings), 30 s unset."""
    from bot.settings import current

    return timedelta(seconds=current().outbox_lease)


async def _in_thread(call: Callable[[], T]) -> T:
    return await asyncio.to_thread(call)


def _at_now(func: Callable[..., T], now: Callable[[], datetime], /, *args: Any, **kw: Any) -> T:
    """func(*args, now=now(), **kw), the time read as the transaction starts: a claim or a
    renewal that waited its turn for a database thread must not date its lease from before."""
    return func(*args, now=now(), **kw)


class _Noted:
    """A clock that keeps the last time it told: when a claim's or renewal's lease began."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self.now = now
        self.at: datetime | None = None

    def __call__(self) -> datetime:
        self.at = self.now()
        return self.at


class _Interrupted(Exception):
    """Shutting down in the middle of retrying: the call is left for the next owner."""

    def __init__(self, refused: bool = False) -> None:
        super().__init__()
        self.refused = refused  # every try was refused (a 429): nothing was made


def _refused(poster: Poster, error: BaseException) -> bool:
    """A failure after which the call was surely not made: the platform asked us to wait."""
    decision = poster.retry(error)
    return decision is not None and decision.after is not None


class _Fenced(Exception):
    """The lane's lease may lapse before a call could end: the call is not made, or is cut
    while under way, and the lane is left to lapse (not given back) for the next owner, who
    looks for what the call may have made before making it again."""


@dataclass
class OutboxSender:
    """One per process. Any number of processes may run one on the same database."""

    store_factory: StoreFactory
    posters: Sequence[Poster]
    worker: str = field(default_factory=worker_name)
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)  # leases, shared by replicas
    clock: Callable[[], float] = time.monotonic  # pacing and retry windows, this process only
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    # How database work is run off the event loop (SQLite: the bot's one database thread).
    run_db: Callable[[Callable[[], Any]], Awaitable[Any]] = _in_thread
    lease: timedelta = field(default_factory=lease_setting)
    poll: float = POLL_SECONDS
    give_up_after: float = GIVE_UP_AFTER
    lanes_at_once: int = 50
    backoff: Callable[[RetryCallState], float] = field(
        default_factory=lambda: wait_exponential_jitter(initial=1, max=60, jitter=1)
    )
    sent: int = 0
    lost: list[str] = field(default_factory=list)  # "kind meeting step code", for tests
    # At most one task per lane in this process, and a lane's next task starts only once the
    # last one is over, its transactions too: two would send the postings of one batch twice.
    _lanes: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    # Lanes our own claim took again while their task was still on them (the task had just
    # given the lane back, or its lease had run out): a new task reads them afresh after it.
    _again: set[str] = field(default_factory=set)
    # Which claim round last took each lane held: a renewal's answer about a lane claimed
    # since it looked is stale.
    _round_of: dict[str, int] = field(default_factory=dict)
    _rounds: int = 0
    _next_at: dict[str, float] = field(default_factory=dict)
    _wake: asyncio.Event | None = None
    _stopped: asyncio.Event | None = None
    _main: asyncio.Task[None] | None = None
    _claim_lock: asyncio.Lock | None = None
    _renewing: asyncio.Task[None] | None = None
    # Fencing: when each lane's lease, as we last took or renewed it, runs out (shared clock),
    # and the platform call under way in each lane, to be cut before that.
    _until: dict[str, datetime] = field(default_factory=dict)
    _flying: dict[str, asyncio.Task[str]] = field(default_factory=dict)
    _cut: set[str] = field(default_factory=set)

    # --- running ---------------------------------------------------------------------------

    def start(self) -> asyncio.Task[None]:
        """Run in the current event loop until shutdown()."""
        self._events()
        self._main = asyncio.get_running_loop().create_task(self.run())
        return self._main

    def wake(self) -> None:
        """Something was just written to the outbox: look now rather than at the next poll."""
        if self._wake is not None:
            self._wake.set()

    async def run(self) -> None:
        wake, stopped = self._events()
        renewing = self._keep_renewing()
        try:
            while not stopped.is_set():
                wake.clear()
                try:
                    await self.tick()
                    await self.observe()
                except Exception as error:  # the database may be away for a moment
                    log.warning("outbox: no claim this round (%s)", type(error).__name__)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), self.poll)
        finally:
            if renewing is not None:
                renewing.cancel()

    async def tick(self) -> int:
        """Claim free lanes with work in them and start sending each; how many were claimed."""
        if self._stopping:
            return 0
        async with self._claiming():
            return await self._claim()

    def _claiming(self) -> asyncio.Lock:
        # One look at a time: a second look while the first is claiming would find the lanes
        # held (by us) and conclude there is nothing to wait for.
        if self._claim_lock is None:
            self._claim_lock = asyncio.Lock()
        return self._claim_lock

    async def _claim(self) -> int:
        prefixes = tuple(f"{p.platform}:" for p in self.posters)
        wanted = self.lanes_at_once - len(self._lanes)
        if wanted <= 0:
            return 0
        working = set(self._lanes)
        noted = _Noted(self.now)
        claimed = await self.run_db(
            functools.partial(
                _at_now,
                outbox.claim,
                noted,
                self.store_factory,
                worker=self.worker,
                prefixes=prefixes,
                limit=wanted,
                lease=self.lease,
            )
        )
        self._rounds += 1
        for conversation, work in claimed.items():
            self._round_of[conversation] = self._rounds
            if noted.at is not None:
                self._until[conversation] = noted.at + self.lease
            if conversation in self._lanes:
                # Its task is still on it. A second task beside it would send this batch,
                # read before the first has marked its postings sent; skipping the claim would
                # leave the lane held by nobody for a lease. The task's successor reads again.
                self._again.add(conversation)
            else:
                # A task that ended while we claimed may have sent postings of this batch.
                fresh = conversation not in working
                self._lanes[conversation] = asyncio.create_task(
                    self._work(conversation, work if fresh else None)
                )
        return len(claimed)

    async def observe(self) -> None:
        """The outbox's depth and oldest age for /metrics (every replica sees the same rows)."""
        depth, oldest = await self.run_db(lambda: outbox.summary(self.store_factory, self.now()))
        metrics.outbox_state(depth, oldest)

    async def drain(self) -> None:
        """Send until nothing claimable waits (tests, benchmarks, the console)."""
        self._events()
        # Lanes held longer than a lease unrenewed were taken by another sender meanwhile,
        # which sent what this one was sending (the reminder bench's two senders did).
        renewing = self._keep_renewing()
        try:
            while True:
                await self.tick()
                if not self._lanes:
                    return
                await asyncio.gather(*list(self._lanes.values()), return_exceptions=True)
        finally:
            if renewing is not None:
                renewing.cancel()

    def _keep_renewing(self) -> asyncio.Task[None] | None:
        """Start renewing leases unless that runs already; the task when this call started it."""
        if self._renewing is not None and not self._renewing.done():
            return None
        self._renewing = asyncio.create_task(self._renew_forever())
        return self._renewing

    async def shutdown(self, grace: float | None = None) -> None:
        """Take no more work; let what is under way finish within grace; release the rest."""
        grace = grace_seconds() if grace is None else grace
        _, stopped = self._events()
        stopped.set()
        self.wake()
        working = dict(self._lanes)
        late: set[asyncio.Task[None]] = set()
        cut: set[str] = set()
        if working:
            _, late = await asyncio.wait(working.values(), timeout=grace)
            cut = {c for c, task in working.items() if task in late and c in self._flying}
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=5)
        # Lanes that finished gave themselves back; the ones cut short are released here.
        held = sorted({c for c, task in working.items() if task in late} | set(self._lanes))
        self._lanes.clear()
        self._again.clear()
        self._round_of.clear()
        self._until.clear()
        free = [c for c in held if c not in cut]
        if free:
            await self.run_db(lambda: outbox.release(self.store_factory, free, self.worker))
        if cut:
            # A call cut while under way may still reach the platform: its lane is another's
            # only a sixth of a lease (5 s) from now, so that their look comes after it.
            await self.run_db(self._renewal(self.now, sorted(cut), lease=self.lease / 6))
        if self._main is not None:
            await asyncio.wait([self._main], timeout=5)
        log.info("outbox: stopped, %d lanes released", len(held))

    @property
    def failures(self) -> list[str]:
        """What was given up, as "kind meeting step code" (no text)."""
        return self.lost

    @property
    def _stopping(self) -> bool:
        return self._stopped is not None and self._stopped.is_set()

    def _events(self) -> tuple[asyncio.Event, asyncio.Event]:
        if self._wake is None:
            self._wake = asyncio.Event()
        if self._stopped is None:
            self._stopped = asyncio.Event()
        return self._wake, self._stopped

    @property
    def _every(self) -> float:
        """Seconds between two renewal rounds."""
        return max(self.lease.total_seconds() / 3, 0.5)

    @property
    def _need(self) -> timedelta:
        """The lease a call must have left to start, and keep at each renewal round to go on:
        half a lease. A round comes at most a third of a lease after the last, so a call is
        over (answered or cut) a sixth of a lease (5 s) before the lease can run out, and
        another sender, which takes a lane only then, looks after the call is over."""
        return self.lease / 2

    async def _renew_forever(self) -> None:
        # Real time, not the injected clock: a lease is about the wall clock other replicas see.
        renewing: asyncio.Task[None] | None = None
        try:
            while True:
                await asyncio.sleep(self._every)
                # Before the renewal, and not after it: a renewal stalled with the database
                # must not keep a call going past the lease it could not extend.
                self.fence()
                if renewing is None or renewing.done():
                    renewing = asyncio.create_task(self._renew_logged())
        finally:
            if renewing is not None:
                renewing.cancel()

    async def _renew_logged(self) -> None:
        try:
            await self.renew()
        except Exception as error:
            log.warning("outbox: leases not renewed (%s)", type(error).__name__)

    def fence(self) -> int:
        """Cut the calls under way in lanes whose lease has less than half of it left (its
        renewals failed): had they gone on, another sender could take the lane when the lease
        ran out, find nothing yet and post the same thing. How many were cut."""
        cut = 0
        for conversation, call in list(self._flying.items()):
            if call.done() or self._left(conversation) >= self._need:
                continue
            log.warning("outbox: a call cut short, its lane's lease was not renewed")
            metrics.lease_lost("call_cut")
            self._cut.add(conversation)
            call.cancel()
            cut += 1
        return cut

    def _left(self, conversation: str) -> timedelta:
        until = self._until.get(conversation)
        return until - self.now() if until is not None else timedelta(0)

    async def _enough_lease(self, conversation: str) -> None:
        """A call starts only with half a lease left: renewed first when less is left (the
        renewals fell behind), and not made at all when the lane can no longer be renewed.

        Nor by a task whose lane our own claim took again: its lease had lapsed (the process
        froze, or slept out a back-off) or it gave the lane back, and meanwhile another sender
        may have sent what it is about to; the new claim's lease is its successor's, which
        reads the lane afresh."""
        if conversation in self._again:
            log.warning("outbox: no call, the lane's lease lapsed and was claimed again")
            metrics.lease_lost("before_call")
            raise _Fenced
        if self._left(conversation) >= self._need:
            return
        noted = _Noted(self.now)
        try:
            kept = await self._db(self._renewal(noted, [conversation], lease=self.lease))
        except Exception as error:
            log.warning("outbox: no call without a lease (%s)", type(error).__name__)
            metrics.lease_lost("before_call")
            raise _Fenced from error
        if conversation not in kept or noted.at is None:
            log.warning("outbox: no call, the lane's lease lapsed; another sender may have it")
            metrics.lease_lost("before_call")
            raise _Fenced
        self._until[conversation] = noted.at + self.lease

    def _renewal(
        self, clock: Callable[[], datetime], conversations: list[str], *, lease: timedelta
    ) -> Callable[[], list[str]]:
        """outbox.renew of these lanes for this sender, at the clock's now, to run off the loop."""
        return functools.partial(
            _at_now,
            outbox.renew,
            clock,
            self.store_factory,
            conversations,
            self.worker,
            lease=lease,
        )

    async def renew(self) -> None:
        """Extend the leases of the lanes being worked; stop the task of a lane whose lease
        another sender has taken."""
        looked = {conversation: self._round_of.get(conversation) for conversation in self._lanes}
        if not looked:
            return
        noted = _Noted(self.now)
        try:
            kept = await self.run_db(self._renewal(noted, list(looked), lease=self.lease))
        except Exception:
            self.fence()  # a failed renewal leaves less lease to the calls under way
            raise
        if noted.at is not None:
            for conversation in kept:
                self._until[conversation] = noted.at + self.lease
        self.fence()  # after the new leases are known: a late renewal cuts no call it kept
        for conversation in set(looked) - set(kept):
            task = self._lanes.get(conversation)
            # Stale when a claim of ours took the lane since the look: its task had given it
            # back just before, and the lane is being worked again. Stopping that work mid-call
            # left the lane held and unrenewed, and the call (maybe made) was made again after
            # the lease: a posting twice.
            if task is None or self._round_of.get(conversation) != looked[conversation]:
                continue
            log.warning("outbox: lost the lease of a lane; another sender has it")
            metrics.lease_lost("renewal")
            task.cancel()  # the task leaves the table itself, once its transaction is over

    # --- one lane ---------------------------------------------------------------------------

    def _poster(self, conversation: str) -> Poster:
        platform = conversation.partition(":")[0]
        for poster in self.posters:
            if poster.platform == platform:
                return poster
        raise LookupError(f"no poster for {platform}")

    async def _work(self, conversation: str, batch: outbox.Work | None) -> None:
        release = True
        try:
            release = await self._send_lane(conversation, batch)
        except asyncio.CancelledError:
            release = False  # shutdown() or a lost lease decides what becomes of the lane
            raise
        except _Fenced:
            # Not given back: the lease runs out first, so the next owner's look comes after
            # whatever the cut call may still have made.
            release = False
        except Exception as error:
            log.error("outbox: a lane stopped (%s)", type(error).__name__)
            log.debug("outbox lane failure", exc_info=True)
        finally:
            try:
                # Claimed again for us meanwhile: the successor takes the lane as it is.
                again = conversation in self._again and not self._stopping
                if (
                    release
                    and not again
                    and self._lanes.get(conversation) is asyncio.current_task()
                ):
                    with contextlib.suppress(Exception):
                        await self._db(
                            functools.partial(
                                outbox.release, self.store_factory, [conversation], self.worker
                            )
                        )
            finally:
                self._ended(conversation)

    def _ended(self, conversation: str) -> None:
        """A lane's task is over, its last transaction too (no await from here to the table)."""
        if self._lanes.get(conversation) is not asyncio.current_task():
            return  # shutdown() took the lane out of the table already
        del self._lanes[conversation]
        self._cut.discard(conversation)
        if conversation in self._again:
            self._again.discard(conversation)
            # Our claim took the lane again while this task finished: what waits in it now is
            # read by a task of its own, after this one (when stopping, it gives the lane back).
            self._lanes[conversation] = asyncio.create_task(self._work(conversation, None))
        else:
            self._round_of.pop(conversation, None)
            self._until.pop(conversation, None)
        self.wake()  # something may have arrived after the last look

    async def _send_lane(self, conversation: str, batch: outbox.Work | None) -> bool:
        """The lane's postings in order until none waits; whether the lane is still to be given
        back (not when the last record gave it back, nothing more waiting)."""
        poster = self._poster(conversation)
        latest: dict[int | None, MessageRefs] = {}  # what this lane's own postings made
        while not self._stopping:
            if batch is None:
                batch = await self._db(
                    functools.partial(
                        outbox.pending_postings, self.store_factory, conversation, self.worker
                    )
                )
            if not batch:
                break
            for posting, refs in batch:
                after = await self._send(poster, posting, latest.get(posting.meeting_id, refs))
                if after is None:
                    return True
                if after.drained:
                    return False  # given back with the last record already
                latest[posting.meeting_id] = after.refs
                if self._stopping:
                    break
            batch = None
        return True

    async def _db(self, call: Callable[[], T]) -> T:
        """A lane task's transaction, run to its end even when the task is cancelled: the task
        must not be over (and the lane's next task read the postings) while it still writes."""
        running = asyncio.ensure_future(self.run_db(call))
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            if not running.done():
                await asyncio.wait([running])
            raise

    async def _send(
        self, poster: Poster, posting: Posting, refs: MessageRefs
    ) -> outbox.Recorded | None:
        """Every remaining step of one posting: the meeting's refs after it, or None when the
        lane is lost or we stop."""
        assert posting.id is not None
        pid, conversation = posting.id, posting.conversation
        # A plan already stored means an earlier owner (a process killed or stopped, a replica
        # whose lease ran out) began it: the step after its recorded ones it may have made.
        resumed = bool(posting.plan)
        if posting.plan:
            steps = load_plan(posting.plan)
        else:
            # Decided here, once, while we hold the conversation; committed before the first
            # call, so that whoever takes the posting over knows a call may have been made.
            steps = poster.plan(posting, refs)
            plan = dump_plan(steps)
            if steps and not await self._db(
                functools.partial(
                    outbox.begin, self.store_factory, pid, conversation, self.worker, plan
                )
            ):
                return None
            posting.plan = plan  # this copy too: a later step may look up what an earlier made
        if posting.steps_done >= len(steps):
            return await self._db(
                lambda: outbox.finish(
                    self.store_factory, pid, conversation, self.worker, self.now()
                )
            )
        after: outbox.Recorded | None = None
        given_up = bool(posting.lost)
        for index in range(posting.steps_done, len(steps)):
            step, last = steps[index], index == len(steps) - 1
            unsure = getattr(poster, "unsure", None)
            if resumed and index == posting.steps_done and unsure is not None:
                unsure(posting, step)
            try:
                ref = await self._call(poster, posting, step, refs)
            except _Interrupted as stop:
                if stop.refused and index == 0:
                    # Never made: the next owner plans it afresh and sends it, rather than
                    # taking it for maybe made (Teams would give it up as uncertain).
                    await self._db(
                        functools.partial(
                            outbox.unbegin, self.store_factory, pid, conversation, self.worker
                        )
                    )
                return None
            except _Fenced:
                if unsure is not None:
                    unsure(posting, step)  # if this process takes the lane again
                raise
            except Exception as error:
                code = poster.error_code(error)
                self.lost.append(f"{posting.kind} {posting.meeting_id} {step.name} {code}")
                log.warning(
                    "outbox: %s of posting %s (%s, meeting %s) given up (%s)",
                    step.name,
                    pid,
                    posting.kind,
                    posting.meeting_id,
                    code,
                )
                log.debug("outbox step failure", exc_info=True)
                ref, given_up = "", True
                after = await self._record(posting, step, last, lost=step.name, error=code)
            else:
                self.sent += 1
                after = await self._record(posting, step, last, ref=ref)
            if after is None:
                return None
            # As record_step stored it, for the steps after this one in this process.
            posting.made = outbox.add_made(posting.made, ref)
            refs = after.refs
        self._count_posting(posting, given_up)
        return after

    def _count_posting(self, posting: Posting, given_up: bool) -> None:
        metrics.posting(posting.kind, "given_up" if given_up else "sent")
        if posting.kind != outbox.REMINDER or given_up:
            return
        due = outbox.payload_of(posting).get("due_at")
        if due:
            # On the shared wall clock (now), as the reminder's due time is.
            metrics.reminder_sent((self.now() - datetime.fromisoformat(due)).total_seconds())

    def _count_failure(self, poster: Poster, error: BaseException) -> None:
        decision = poster.retry(error)
        if decision is not None and decision.after is not None:
            metrics.rate_limited(poster.platform)  # the platform asked us to wait (429)
        else:
            metrics.platform_error(poster.platform, poster.error_code(error))

    async def _record(
        self, posting: Posting, step: Step, last: bool, **outcome: str
    ) -> outbox.Recorded | None:
        assert posting.id is not None
        pid = posting.id
        return await self._db(
            functools.partial(
                outbox.record_step,
                self.store_factory,
                pid,
                posting.conversation,
                self.worker,
                self.now(),
                remember=step.remember,
                last=last,
                **outcome,
            )
        )

    async def _call(self, poster: Poster, posting: Posting, step: Step, refs: MessageRefs) -> str:
        """One call, paced, retried with back-off and jitter while the failure may pass."""
        conversation = posting.conversation
        started = self.clock()
        refused = True  # so far every try was refused, none maybe made

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            decision = poster.retry(error) if error is not None else None
            metrics.posting(posting.kind, "retry")
            if decision is not None and decision.after is not None:
                return decision.after
            return self.backoff(state)

        def stop(_state: RetryCallState) -> bool:
            return self._stopping or self.clock() - started >= self.give_up_after

        retrying = AsyncRetrying(
            retry=retry_if_exception(
                lambda e: not isinstance(e, _Fenced) and poster.retry(e) is not None
            ),
            wait=wait,
            stop=stop,
            sleep=self._pause,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    await self._pace(conversation)
                    await self._enough_lease(conversation)
                    try:
                        return await self._fenced(conversation, poster.perform(posting, step, refs))
                    except _Fenced:
                        raise
                    except Exception as error:
                        self._count_failure(poster, error)
                        refused = refused and _refused(poster, error)
                        raise
                    finally:
                        # Counted from the answer: time in flight must not shorten the gap.
                        gap = poster.interval(conversation)
                        self._next_at[conversation] = max(
                            self._next_at.get(conversation, 0.0), self.clock() + gap
                        )
        except Exception as error:
            if self._stopping and poster.retry(error) is not None:
                raise _Interrupted(refused) from error
            raise
        raise AssertionError("unreachable")

    async def _fenced(self, conversation: str, call: Awaitable[str]) -> str:
        """The call, which fence() may cut while it is under way."""
        flying = asyncio.ensure_future(call)
        self._flying[conversation] = flying
        try:
            return await flying
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if conversation in self._cut and not (task is not None and task.cancelling()):
                raise _Fenced from None
            raise
        finally:
            if self._flying.get(conversation) is flying:
                del self._flying[conversation]

    async def _pace(self, conversation: str) -> None:
        wait = self._next_at.get(conversation, 0.0) - self.clock()
        if wait > 0:
            await self.sleep(wait)

    async def _pause(self, seconds: float) -> None:
        """A back-off wait that shutdown cuts short."""
        _, stopped = self._events()
        if stopped.is_set():
            return
        sleeper = asyncio.ensure_future(self.sleep(seconds))
        stopper = asyncio.ensure_future(stopped.wait())
        try:
            await asyncio.wait({sleeper, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            stopper.cancel()
