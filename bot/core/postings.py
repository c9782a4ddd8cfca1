"""Where the bot's messages about a meeting live on the platform, so later ones can refer back."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.context import Result
from bot.core.justering import approve
from bot.core.model import AuditEntry, Meeting
from bot.core.texts import UserError
from bot.core.tx import Tx

AGENDA = "agenda"
MINUTES = "minutes"
SUPERSEDED = "draft_superseded"  # the audit action that keeps an old draft's message ref


@dataclass(frozen=True)
class MessageRefs:
    agenda: str
    minutes: str


def remember_message(tx: Tx, meeting_id: int, kind: str, ref: str) -> Result:
    """Called by an adapter once a posting went out; not a user command."""
    meeting = tx.store.lock(Meeting, meeting_id)
    if meeting is None:
        raise LookupError(f"no meeting {meeting_id}")
    if kind == AGENDA:
        meeting.agenda_message_ref = ref
    elif kind == MINUTES:
        if meeting.minutes_message_ref and meeting.minutes_message_ref != ref:
            # Kept so that a ✅ on the superseded draft is answered, not ignored.
            tx.record(SUPERSEDED, None, meeting, detail=f"ref={meeting.minutes_message_ref}")
        meeting.minutes_message_ref = ref
    else:
        raise ValueError(f"unknown kind of message {kind!r}")
    tx.store.update(meeting)
    return Result("", meeting_id=meeting_id)


def message_refs(tx: Tx, meeting_id: int) -> MessageRefs:
    meeting = tx.store.get(Meeting, meeting_id)
    if meeting is None:
        raise LookupError(f"no meeting {meeting_id}")
    return MessageRefs(meeting.agenda_message_ref, meeting.minutes_message_ref)


def approve_message(tx: Tx, message_ref: str) -> Result:
    """Approval by reacting on the draft: the message must be the latest draft of this channel."""
    group = tx.group()
    meetings = tx.meetings(group)
    for meeting in meetings:
        if meeting.minutes_message_ref and meeting.minutes_message_ref == message_ref:
            return approve(tx, meeting.id)
    ids = [m.id for m in meetings]
    for entry in tx.store.find(AuditEntry, action=SUPERSEDED, detail=f"ref={message_ref}"):
        if entry.meeting_id in ids:
            raise UserError("superseded_draft")
    raise UserError("not_the_latest_draft")
