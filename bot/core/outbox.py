"""The durable outbox: postings written with the change that causes them, sent per conversation."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.core.context import STOCKHOLM, Event, Result
from bot.core.model import AuditEntry, Meeting, OutboxLane, Posting, PostingStatus
from bot.core.ports import Store, StoreFactory
from bot.core.postings import AGENDA, MINUTES, SUPERSEDED, MessageRefs
from bot.core.texts import say
from bot.core.tx import Tx

log = logging.getLogger(__name__)

REMINDER = "reminder"
FILE = "file"
NOTICE = "notice"  # a posting given up, told to the one who caused it
REPLY = "reply"  # the answer to a typed command, when the platform sends it through the outbox

# The start of a step's error code when the platform may have made it and it cannot be looked
# for (Teams): given up rather than made again, and told as "maybe not posted".
UNCERTAIN = "uncertain"

# Short: a sender that dies holds its conversations no longer than this; a live one renews.
LEASE = timedelta(seconds=30)

# What a posting is, in the words of the notice (Swedish, English) and the command that retries it.
WHAT: dict[str, tuple[str, str, str]] = {
    "agenda_published": ("ärendelistan", "the agenda", "/mote publicera"),
    "agenda_changed": ("ändringen i ärendelistan", "the change to the agenda", "/mote publicera"),
    "minutes_posted": ("protokollsutkastet", "the draft minutes", "/protokoll posta"),
    "approved": ("justeringsstatusen", "the justering status", "/protokoll visa"),
    "change_requested": ("begäran om ändring", "the change request", "/protokoll visa"),
    "minutes_justerade": ("det justerade protokollet", "the justerade minutes", "/protokoll visa"),
    FILE: ("filen", "the file", "/protokoll export pdf"),
    REMINDER: ("påminnelsen", "the reminder", "/mote påminnelser"),
}


class OutboxStore(Store, Protocol):
    """What the outbox needs of storage beyond the plain Store."""

    def ensure_lane(self, conversation: str) -> None:
        """The conversation's lane exists afterwards (made once, whoever asks at the same time)."""

    def ensure_lanes(self, conversations: Iterable[str]) -> None:
        """As ensure_lane for each, in one order whoever asks: transactions making the same new
        lanes at once take turns instead of waiting for each other."""

    def claim_lanes(
        self, now: datetime, worker: str, limit: int, lease: timedelta, prefixes: tuple[str, ...]
    ) -> list[str]:
        """Lanes with pending postings that nobody holds, now held by worker until now + lease.

        Only conversations whose reference starts with one of prefixes (the platforms the
        worker can post to).
        """

    def outbox_summary(self) -> tuple[int, datetime | None]:
        """How many postings wait, and when the oldest of them was written."""


def _outbox(store: Store) -> OutboxStore:
    return store  # type: ignore[return-value]


# --- writing postings, inside the command's transaction -------------------------------------


def enqueue(
    store: Store,
    conversation: str,
    kind: str,
    now: datetime,
    payload: dict[str, Any],
    *,
    meeting_id: int | None = None,
    requested_by: str = "",
    lang: str = "sv",
) -> Posting:
    """Add a posting to its conversation's lane; sent after this transaction commits."""
    _outbox(store).ensure_lane(conversation)
    return store.add(
        Posting(
            conversation=conversation,
            kind=kind,
            created_at=now,
            payload=json.dumps(payload, ensure_ascii=False),
            meeting_id=meeting_id,
            requested_by=requested_by,
            lang=lang,
        )
    )


def enqueue_events(tx: Tx, result: Result) -> list[Posting]:
    """The command's events as postings to the channel it was typed in, in the same transaction."""
    return [
        enqueue(
            tx.store,
            tx.ctx.channel_ref,
            event.kind,
            tx.now,
            asdict(event),
            meeting_id=event.meeting_id,
            requested_by=tx.ctx.user_ref,
            lang=tx.ctx.lang,
        )
        for event in result.events
    ]


def prepare_lanes(store: Store, conversations: Iterable[str]) -> None:
    """The lanes of many postings about to be written, made first and in one go: two replicas
    writing to the same new lanes at once then take turns rather than deadlock."""
    _outbox(store).ensure_lanes(conversations)


def add_made(made: str, ref: str) -> str:
    """The posting's step references with one more step's (kept in the database)."""
    return json.dumps([*json.loads(made or "[]"), ref])


def event_of(posting: Posting) -> Event:
    """The Event a posting was written from, for the poster that renders it."""
    data = json.loads(posting.payload or "{}")
    for name in ("changes", "user_refs"):
        data[name] = tuple(data.get(name) or ())
    data["items"] = tuple((str(s), int(n), str(t)) for s, n, t in data.get("items") or ())
    return Event(**data)


def payload_of(posting: Posting) -> dict[str, Any]:
    return json.loads(posting.payload or "{}")


# Exports a file posting may carry: the read operation re-run, as its requester, when sent.
EXPORTS = ("agenda_for_export", "minutes_for_export")


def share_export(
    tx: Tx, operation: Any, args: tuple[Any, ...], fmt: str, reply_to: str = ""
) -> Result:
    """A file for the channel: checked now (a refusal is the reply), rendered when sent.

    reply_to is where the adapter may confirm it privately (Slack: the response_url).
    """
    if operation.__name__ not in EXPORTS:
        raise ValueError(f"{operation.__name__} is not an export")
    export = operation(tx, *args)
    meeting = getattr(export, "meeting", None)
    meeting_id = meeting.id if meeting is not None else None
    enqueue(
        tx.store,
        tx.ctx.channel_ref,
        FILE,
        tx.now,
        {"export": operation.__name__, "args": list(args), "format": fmt, "reply_to": reply_to},
        meeting_id=meeting_id,
        requested_by=tx.ctx.user_ref,
        lang=tx.ctx.lang,
    )
    return Result("", meeting_id=meeting_id)


# --- sending: the sender's transactions -----------------------------------------------------


Work = list[tuple[Posting, "MessageRefs"]]


def claim(
    store_factory: StoreFactory,
    now: datetime,
    worker: str,
    prefixes: tuple[str, ...],
    limit: int = 50,
    lease: timedelta = LEASE,
    batch: int = 20,
) -> dict[str, Work]:
    """Claim free lanes with work and read each one's first postings, in one transaction."""
    with store_factory() as store:
        lanes = _outbox(store).claim_lanes(now, worker, limit, lease, prefixes)
        work = {lane: _pending(store, lane, batch) for lane in lanes}
        store.commit()
    return work


def _pending(store: Store, conversation: str, limit: int) -> Work:
    waiting = store.find(Posting, conversation=conversation, status=PostingStatus.PENDING)
    return [(posting, _refs(store, posting.meeting_id)) for posting in waiting[:limit]]


@dataclass(frozen=True)
class Recorded:
    refs: MessageRefs  # the meeting's messages after the step
    drained: bool  # the lane had nothing more and was released in the same transaction


def _held_lane(store: Store, conversation: str, worker: str) -> OutboxLane | None:
    lanes = store.find(OutboxLane, conversation=conversation)
    if not lanes:
        return None
    lane = store.lock(OutboxLane, lanes[0].id) if lanes[0].id is not None else None
    return lane if lane is not None and lane.claimed_by == worker else None


def renew(
    store_factory: StoreFactory,
    conversations: list[str],
    worker: str,
    now: datetime,
    lease: timedelta = LEASE,
) -> list[str]:
    """Extend the leases still held; the ones lost meanwhile are left out of the answer."""
    kept = []
    with store_factory() as store:
        for conversation in conversations:
            lane = _held_lane(store, conversation, worker)
            if lane is not None:
                lane.claimed_until = now + lease
                store.update(lane)
                kept.append(conversation)
        store.commit()
    return kept


def release(store_factory: StoreFactory, conversations: list[str], worker: str) -> None:
    """Give lanes back at once (after the work, or on shutdown), for any sender to take."""
    with store_factory() as store:
        for conversation in conversations:
            lane = _held_lane(store, conversation, worker)
            if lane is not None:
                lane.claimed_by, lane.claimed_until = "", None
                store.update(lane)
        store.commit()


def pending_postings(
    store_factory: StoreFactory, conversation: str, worker: str, limit: int = 20
) -> Work | None:
    """The lane's oldest pending postings with their meetings' message refs; None when the
    lane is no longer ours."""
    with store_factory() as store:
        if _held_lane(store, conversation, worker) is None:
            return None
        return _pending(store, conversation, limit)


def summary(store_factory: StoreFactory, now: datetime) -> tuple[int, float]:
    """The outbox's depth and the age in seconds of its oldest waiting posting (0 when empty)."""
    with store_factory() as store:
        depth, oldest = _outbox(store).outbox_summary()
    return depth, (now - oldest).total_seconds() if oldest is not None else 0.0


def refs_of(store_factory: StoreFactory, meeting_id: int | None) -> MessageRefs:
    with store_factory() as store:
        return _refs(store, meeting_id)


def _refs(store: Store, meeting_id: int | None) -> MessageRefs:
    meeting = store.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        return MessageRefs("", "")
    return MessageRefs(meeting.agenda_message_ref, meeting.minutes_message_ref)


def _ours(store: Store, posting_id: int, conversation: str, worker: str) -> Posting | None:
    """The posting, locked, while its lane is still ours and it still waits."""
    if _held_lane(store, conversation, worker) is None:
        return None
    posting = store.lock(Posting, posting_id)
    if posting is None or posting.status is not PostingStatus.PENDING:
        return None
    return posting


def begin(
    store_factory: StoreFactory, posting_id: int, conversation: str, worker: str, plan: str
) -> bool:
    """The plan kept, and committed, before the posting's first call: a sender that finds a plan
    knows the step after the recorded ones may have been made (by an owner killed, or one whose
    lease ran out, mid-call) and looks for it first. False when the lane is no longer ours."""
    with store_factory() as store:
        posting = _ours(store, posting_id, conversation, worker)
        if posting is None:
            return False
        if not posting.plan:
            posting.plan = plan
            store.update(posting)
        store.commit()
    return True


def unbegin(store_factory: StoreFactory, posting_id: int, conversation: str, worker: str) -> None:
    """The plan taken back from a posting whose first call was surely never made (refused, and
    the sender stops): the next owner sends it as new instead of looking for it, or giving it up
    where it cannot look."""
    with store_factory() as store:
        posting = _ours(store, posting_id, conversation, worker)
        if posting is not None and posting.steps_done == 0 and posting.plan:
            posting.plan = ""
            store.update(posting)
        store.commit()


def record_step(
    store_factory: StoreFactory,
    posting_id: int,
    conversation: str,
    worker: str,
    now: datetime,
    *,
    remember: str = "",
    ref: str = "",
    lost: str = "",
    error: str = "",
    last: bool = False,
) -> Recorded | None:
    """One step done (or given up): recorded before the next is sent, so that a later posting's
    "post or update" sees this one's message (the plan was kept by begin(), so that a sender
    taking over makes the same calls). Returns the meeting's message refs as they are
    now (and whether the lane was given back, nothing more waiting in it), or None when the
    lane is no longer ours."""
    with store_factory() as store:
        posting = _ours(store, posting_id, conversation, worker)
        if posting is None:
            return None
        posting.made = add_made(posting.made, ref)
        posting.steps_done += 1
        if lost:
            posting.lost = ",".join(filter(None, [posting.lost, lost]))
            posting.error = posting.error or error[:64]  # the first cause, not its echoes
        if remember and ref and posting.meeting_id is not None:
            meeting = store.lock(Meeting, posting.meeting_id)
            if meeting is not None:
                if remember == AGENDA:
                    meeting.agenda_message_ref = ref
                elif remember == MINUTES:
                    old = meeting.minutes_message_ref
                    if old and old != ref:
                        # Kept so that a ✅ on the superseded draft is answered, not ignored.
                        store.add(
                            AuditEntry(
                                at=now,
                                actor_ref="system:outbox",
                                action=SUPERSEDED,
                                group_id=meeting.group_id,
                                meeting_id=meeting.id,
                                detail=f"ref={old}",
                            )
                        )
                    meeting.minutes_message_ref = ref
                store.update(meeting)
        drained = False
        if last:
            _finish(store, posting, now)
            drained = _release_if_drained(store, conversation, worker, posting)
        store.update(posting)
        refs = _refs(store, posting.meeting_id)
        store.commit()
    return Recorded(refs, drained)


def _release_if_drained(store: Store, conversation: str, worker: str, done: Posting) -> bool:
    """Give the lane back in the same transaction when nothing more waits in it."""
    waiting = store.find(Posting, conversation=conversation, status=PostingStatus.PENDING)
    if any(p.id != done.id for p in waiting):
        return False
    lane = _held_lane(store, conversation, worker)
    if lane is not None:
        lane.claimed_by, lane.claimed_until = "", None
        store.update(lane)
    return True


def finish(
    store_factory: StoreFactory, posting_id: int, conversation: str, worker: str, now: datetime
) -> Recorded | None:
    """A posting whose every step is done (a plan of no steps, or a resumed one)."""
    with store_factory() as store:
        posting = _ours(store, posting_id, conversation, worker)
        if posting is None:
            return None
        _finish(store, posting, now)
        drained = _release_if_drained(store, conversation, worker, posting)
        store.update(posting)
        refs = _refs(store, posting.meeting_id)
        store.commit()
    return Recorded(refs, drained)


def _finish(store: Store, posting: Posting, now: datetime) -> None:
    posting.sent_at = now
    if not posting.lost:
        posting.status = PostingStatus.SENT
        return
    posting.status = PostingStatus.GIVEN_UP
    # The log names what was lost, never its text.
    log.error(
        "posting %s (%s, meeting %s) given up: steps %s lost (%s)",
        posting.id,
        posting.kind,
        posting.meeting_id,
        posting.lost,
        posting.error,
    )
    if posting.kind != NOTICE and posting.requested_by and ":" in posting.requested_by:
        enqueue(
            store,
            posting.requested_by,
            NOTICE,
            now,
            {"text": notice_text(posting, _number_of(store, posting.meeting_id))},
            meeting_id=posting.meeting_id,
            lang=posting.lang,
        )


def _number_of(store: Store, meeting_id: int | None) -> int | None:
    meeting = store.get(Meeting, meeting_id) if meeting_id is not None else None
    return meeting.number if meeting is not None else None


def is_uncertain(posting: Posting) -> bool:
    """Given up because it may have been made (the platform's answer never came)."""
    return (posting.error or "").startswith(UNCERTAIN)


def notice_text(posting: Posting, number: int | None = None) -> str:
    sv, en, retry = WHAT.get(posting.kind, ("meddelandet", "the message", "/mote visa"))
    lang = posting.lang if posting.lang in ("sv", "en") else "sv"
    if posting.kind == REPLY:
        # About no meeting; typed again blindly, the command itself could be done twice.
        uncertain = is_uncertain(posting)
        return say(lang, "reply_uncertain" if uncertain else "reply_given_up", error=posting.error)
    return say(
        lang,
        "posting_uncertain" if is_uncertain(posting) else "posting_given_up",
        what=sv if lang == "sv" else en,
        ref=number if number is not None else "–",
        error=posting.error or "?",
        retry=retry,
    )


# --- reading, for /mote visa and /protokoll posta ---------------------------------------------


def open_postings(store: Store, meeting_id: int) -> list[Posting]:
    """The meeting's postings that wait or were given up, oldest first."""
    return store.find(
        Posting, meeting_id=meeting_id, status=[PostingStatus.PENDING, PostingStatus.GIVEN_UP]
    )


def postings_status(tx: Tx, meeting_id: int) -> str:
    """A line or two for /mote visa: what waits to be posted, and what was given up."""
    shown = [p for p in open_postings(tx.store, meeting_id) if p.kind != NOTICE]
    waiting = [p for p in shown if p.status is PostingStatus.PENDING]
    given_up = [p for p in shown if p.status is PostingStatus.GIVEN_UP]
    lines = []
    en = tx.ctx.lang == "en"
    if waiting:
        what = ", ".join(dict.fromkeys(WHAT.get(p.kind, ("?", "?", ""))[en] for p in waiting))
        lines.append(tx.say("postings_waiting", count=len(waiting), what=what))
    for p in given_up:
        sv, english, retry = WHAT.get(p.kind, ("meddelandet", "the message", "/mote visa"))
        lines.append(
            tx.say(
                "posting_uncertain_line" if is_uncertain(p) else "posting_failed_line",
                what=english if en else sv,
                at=p.created_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
                error=p.error or "?",
                retry=retry,
            )
        )
    return "\n".join(lines)


def version_posting(store: Store, meeting_id: int, version: int) -> Posting | None:
    """The latest posting of a version's draft, if any was ever written."""
    found = [
        p
        for p in store.find(Posting, meeting_id=meeting_id)
        if p.kind == "minutes_posted" and payload_of(p).get("version") == version
    ]
    return found[-1] if found else None
