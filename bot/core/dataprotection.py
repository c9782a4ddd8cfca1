"""What is stored about a person, forgetting them where the law allows, and pruning old drafts."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from bot.core.context import Result
from bot.core.followups import FORGOTTEN
from bot.core.guard import text_fields
from bot.core.minutes import content_hash
from bot.core.model import (
    RECORD_TYPES,
    AgendaItem,
    Approval,
    AuditEntry,
    Commitment,
    ConversationRef,
    Decision,
    Entry,
    EntryKind,
    Group,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    Party,
    Reminder,
    ReminderStatus,
    SearchEntry,
)
from bot.core.tx import Tx

FORGOTTEN_NAME = "Borttagen person"
FORGOTTEN_PREFIX = FORGOTTEN  # an alias: nobody to remind or reach


def _plain(record: Any) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, date) else str(v) if hasattr(v, "value") else v)
        for k, v in asdict(record).items()
    }


def export_person(tx: Tx, user_ref: str) -> Result:
    """Everything stored about one person, as JSON, for a data subject's access request."""
    store = tx.store
    members = store.find(Member, user_ref=user_ref)
    member_ids = [m.id for m in members]
    names = {m.display_name for m in members if m.display_name}
    data = {
        "person": user_ref,
        "memberships": [
            {
                **_plain(m),
                "group": store.get(Group, m.group_id).key,
                "party": store.get(Party, m.party_id).name,
            }
            for m in members
        ],
        "proposed_items": [_plain(i) for i in store.find(AgendaItem, proposer_ref=user_ref)],
        "notes": [_plain(n) for n in store.find(Entry, author_ref=user_ref, kind=EntryKind.NOTE)],
        "statements": [
            _plain(s) for s in store.find(Entry, author_ref=user_ref, kind=EntryKind.STATEMENT)
        ],
        "decisions_recorded": [_plain(d) for d in store.find(Decision, decided_by=user_ref)],
        "minutes_posted": [
            {"meeting_id": v.meeting_id, "version": v.number, "posted_at": v.posted_at.isoformat()}
            for v in store.find(MinutesVersion, posted_by=user_ref)
        ],
        "justerare": [_plain(j) for j in store.find(Justerare, member_id=member_ids)],
        "approvals": [_plain(a) for a in store.find(Approval, member_id=member_ids)],
        "reminders": [_plain(r) for r in store.find(Reminder, target_ref=user_ref)],
        # Commitments the person is responsible for, recorded or closed, or whose text names them.
        "commitments": [
            {**_plain(c), "why": _why(c, user_ref, names)}
            for c in store.find(Commitment)
            if _why(c, user_ref, names)
        ],
        # Where Teams reaches the person unasked: their platform id and 1:1 conversation.
        "conversation_refs": [_plain(r) for r in store.find(ConversationRef, ref=user_ref)],
        "audit_log": [_plain(a) for a in store.find(AuditEntry, actor_ref=user_ref)],
        # Entries by others that name the person (a member set, a justerare chosen).
        "audit_about": [
            _plain(a)
            for a in store.find(AuditEntry)
            if a.actor_ref != user_ref and user_ref in a.detail
        ],
        "minutes_naming": [
            {
                "meeting_id": v.meeting_id,
                "version": v.number,
                "posted_at": v.posted_at.isoformat(),
                "justerad": _is_public(tx, v),
                "names": sorted(n for n in names if n in v.text),
            }
            for v in store.find(MinutesVersion)
            if any(n in v.text for n in names)
        ],
    }
    return Result(json.dumps(data, ensure_ascii=False, indent=2))


def forget_person(tx: Tx, user_ref: str) -> Result:
    """Pseudonymise a person everywhere; what justerade minutes (public records) show stays.

    Every field holding the reference gets the alias, wherever it is (a column of its own,
    an audit detail, a reminder's key, a stored reply, JSON); the name goes from everything
    that is not the public record, drafts and their versions included. The reply says
    where the name was kept and why.
    """
    store = tx.store
    alias = FORGOTTEN_PREFIX + hashlib.sha256(user_ref.encode()).hexdigest()[:12]
    members = store.find(Member, user_ref=user_ref)
    public = {m.id: _public_meetings(tx, m) for m in members}
    # The name goes wherever it is not needed for the public record.
    names = {m.display_name for m in members if m.display_name.strip() and not public[m.id]}
    kept_names = {m.display_name for m in members if public[m.id]}
    names -= kept_names
    places: dict[str, int] = {}
    for member in members:
        if not public[member.id]:
            member.display_name = FORGOTTEN_NAME
        member.user_ref, member.is_admin = alias, False
        store.update(member)
        places["Member"] = places.get("Member", 0) + 1
    for reminder in store.find(Reminder, target_ref=user_ref):
        if reminder.status is ReminderStatus.PENDING:
            reminder.status = ReminderStatus.CANCELLED
            store.update(reminder)
    # Nobody reaches a forgotten person unasked: their Teams id and 1:1 chat go.
    for reference in store.find(ConversationRef, ref=user_ref):
        store.delete(reference)
        places["ConversationRef"] = places.get("ConversationRef", 0) + 1
    kept_commitments = 0
    for kind in RECORD_TYPES:
        fields = text_fields(kind)
        if not fields:
            continue
        for record in store.find(kind):
            if kind is MinutesVersion and _is_public(tx, record):
                continue
            if _in_public_record(tx, record):
                changed = _replace(record, fields, {user_ref: alias})
                if isinstance(record, Commitment) and _why(record, "", names):
                    kept_commitments += 1
            else:
                changed = _replace(record, fields, {user_ref: alias, **_name_map(names)})
            if changed:
                if kind is MinutesVersion:
                    record.content_hash = content_hash(record.text)
                store.update(record)
                places[kind.__name__] = places.get(kind.__name__, 0) + 1
    where = ", ".join(f"{_PLACE_NAMES.get(k, k)} {n}" for k, n in sorted(places.items()))
    report = [f"{user_ref} är ersatt med {alias} på {sum(places.values())} ställen ({where})."]
    for member in members:
        if public[member.id]:
            shown = ", ".join(f"#{tx.store.get(Meeting, m).number}" for m in public[member.id])
            report.append(
                f"Behållet: namnet {member.display_name} i justerade protokoll (allmän "
                f"handling) för möte {shown} och deras sökindex, eftersom en allmän handling "
                "inte får ändras; utan koppling till personens användar-id."
            )
    if kept_commitments:
        report.append(
            f"Behållet: namnet i {kept_commitments} uppföljningar som justerade protokoll visar "
            "(allmän handling), eftersom en allmän handling inte får ändras."
        )
    texts = len(store.find(Entry, author_ref=alias))
    if texts:
        report.append(
            f"Behållet: {texts} anteckningar som personen skrev, som mötets innehåll, "
            "utan koppling till personen."
        )
    if len(report) == 1:
        report.append("Inget med personens namn behölls.")
    tx.record("gdpr_forget", None, None, detail=f"alias={alias}")
    return Result("\n".join(report))


_PLACE_NAMES = {
    "Member": "medlemskap",
    "AgendaItem": "ärenden",
    "Entry": "anteckningar",
    "Decision": "beslut",
    "MinutesVersion": "protokollversioner",
    "AuditEntry": "loggposter",
    "Reminder": "påminnelser",
    "ProcessedRequest": "sparade svar",
    "YearRule": "årsklockans regler",
    "Commitment": "uppföljningar",
    "ConversationRef": "Teams-adresser",
}


def _why(commitment: Commitment, user_ref: str, names: set[str]) -> list[str]:
    """How a commitment concerns the person: responsible, recorded, closed, or named in it."""
    why = []
    if user_ref and commitment.responsible_ref == user_ref:
        why.append("responsible")
    if user_ref and commitment.created_by == user_ref:
        why.append("recorded")
    if user_ref and commitment.closed_by == user_ref:
        why.append("closed")
    texts = (commitment.responsible, commitment.what, commitment.outcome)
    if any(_names_in(text, names) for text in texts):
        why.append("named")
    return why


def _names_in(text: str, names: set[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names if len(n) >= 3)


def _name_map(names: set[str]) -> dict[str, str]:
    # Longest first, so that "Jonas Ek" goes whole before a shorter name inside it.
    return {n: FORGOTTEN_NAME for n in sorted(names, key=len, reverse=True) if len(n) >= 3}


def _replace(record: Any, fields: tuple[str, ...], changes: dict[str, str]) -> bool:
    """Replace whole references and names in the record's text fields ("console:jonas" not
    inside "console:jonasson"), also where JSON escaped them."""
    changed = False
    for name in fields:
        value = getattr(record, name)
        if not value:
            continue
        new = value
        for old, replacement in changes.items():
            for written, instead in {
                (old, replacement),
                (json.dumps(old)[1:-1], json.dumps(replacement)[1:-1]),
            }:
                new = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", lambda _m, i=instead: i, new)
        if new != value:
            setattr(record, name, new)
            changed = True
    return changed


def _public_meetings(tx: Tx, member: Member) -> list[int]:
    """The justerade meetings whose minutes show this member: as justerare or as keeper."""
    chosen = {j.meeting_id for j in tx.store.find(Justerare, member_id=member.id)}
    meetings = []
    for meeting in tx.store.find(Meeting, group_id=member.group_id, status=MeetingStatus.JUSTERAD):
        versions = sorted(
            tx.store.find(MinutesVersion, meeting_id=meeting.id), key=lambda v: v.number
        )
        keeper = versions[0].posted_by if versions else ""
        if meeting.id in chosen or keeper == member.user_ref:
            meetings.append(meeting.number)
    return meetings


def _is_public(tx: Tx, version: MinutesVersion) -> bool:
    """The approved version of justerade minutes: the last one of a justerad meeting."""
    meeting = tx.store.get(Meeting, version.meeting_id)
    if meeting is None or meeting.status is not MeetingStatus.JUSTERAD:
        return False
    latest = max(v.number for v in tx.store.find(MinutesVersion, meeting_id=meeting.id))
    return version.number == latest


def _in_public_record(tx: Tx, record: Any) -> bool:
    """Whether the record is part of what justerade minutes show (their items and search)."""
    if isinstance(record, SearchEntry):
        return True
    meeting_id = getattr(record, "meeting_id", None)
    item_id = getattr(record, "item_id", None)
    if isinstance(record, AgendaItem | Entry | Decision):
        if item_id is not None:
            item = tx.store.get(AgendaItem, item_id)
            meeting_id = item.meeting_id if item else None
        meeting = tx.store.get(Meeting, meeting_id) if meeting_id is not None else None
        return meeting is not None and meeting.status is MeetingStatus.JUSTERAD
    if isinstance(record, Commitment):
        # Its line stands in the minutes where it was made, its outcome where it was closed.
        shown_in = (record.meeting_id, record.closed_in_meeting_id)
        meetings = [tx.store.get(Meeting, m) for m in shown_in if m is not None]
        return any(m is not None and m.status is MeetingStatus.JUSTERAD for m in meetings)
    return False


def prune(tx: Tx, draft_days: int, reference_days: int) -> Result:
    """Drop superseded drafts and forget chat message references after the retention times.

    The approved version of justerade minutes is never touched, nor the latest version of
    minutes still awaiting justering.
    """
    store, now = tx.store, tx.now
    drafts = references = 0
    for meeting in store.find(Meeting):
        versions = sorted(store.find(MinutesVersion, meeting_id=meeting.id), key=lambda v: v.number)
        for version in versions[:-1]:
            if now - version.posted_at > timedelta(days=draft_days):
                for approval in store.find(Approval, version_id=version.id):
                    store.delete(approval)
                store.delete(version)
                drafts += 1
        done = meeting.status in (MeetingStatus.JUSTERAD, MeetingStatus.CANCELLED)
        old = now - meeting.starts_at > timedelta(days=reference_days)
        if done and old and (meeting.agenda_message_ref or meeting.minutes_message_ref):
            meeting.agenda_message_ref = meeting.minutes_message_ref = ""
            store.update(meeting)
            references += 1
    tx.record("prune", None, None, detail=f"drafts={drafts} references={references}")
    return Result(f"Rensat: {drafts} gamla utkast, meddelandereferenser för {references} möten.")
