"""What is stored about a person, forgetting them where the law allows, and pruning old drafts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from bot.core.context import Result
from bot.core.model import (
    AgendaItem,
    Approval,
    AuditEntry,
    Change,
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
)
from bot.core.tx import Tx

FORGOTTEN_NAME = "Borttagen person"


def _plain(record: Any) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, datetime) else str(v) if hasattr(v, "value") else v)
        for k, v in asdict(record).items()
    }


def export_person(tx: Tx, user_ref: str) -> Result:
    """Everything stored about one person, as JSON, for a data subject's access request."""
    store = tx.store
    members = store.find(Member, user_ref=user_ref)
    member_ids = [m.id for m in members]
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
        "audit_log": [_plain(a) for a in store.find(AuditEntry, actor_ref=user_ref)],
    }
    return Result(json.dumps(data, ensure_ascii=False, indent=2))


def forget_person(tx: Tx, user_ref: str) -> Result:
    """Pseudonymise a person; what justerade minutes (public records) show stays as it is."""
    store = tx.store
    alias = "forgotten:" + hashlib.sha256(user_ref.encode()).hexdigest()[:12]
    kept: list[str] = []
    changed = 0
    for member in store.find(Member, user_ref=user_ref):
        public = _in_justerade_minutes(tx, member)
        if public:
            kept.append(
                f"namnet {member.display_name} i {public} justerade protokoll (allmän handling)"
            )
        else:
            member.display_name = FORGOTTEN_NAME
        member.user_ref, member.is_admin = alias, False
        store.update(member)
        changed += 1
    for kind, field in (
        (AgendaItem, "proposer_ref"),
        (Entry, "author_ref"),
        (Change, "actor_ref"),
        (Decision, "decided_by"),
        (MinutesVersion, "posted_by"),
        (AuditEntry, "actor_ref"),
    ):
        for record in store.find(kind, **{field: user_ref}):
            setattr(record, field, alias)
            store.update(record)
            changed += 1
    for reminder in store.find(Reminder, target_ref=user_ref):
        if reminder.status is ReminderStatus.PENDING:
            reminder.status = ReminderStatus.CANCELLED
        reminder.target_ref = alias
        store.update(reminder)
        changed += 1
    texts = len(store.find(Entry, author_ref=alias))
    if texts:
        kept.append(f"{texts} anteckningar som personen skrev, som mötets innehåll, utan koppling")
    report = [f"{user_ref} är ersatt med {alias} på {changed} ställen."]
    report += [f"Behållet: {k}." for k in kept] or ["Inget med personens namn behölls."]
    tx.record("gdpr_forget", None, None, detail=f"alias={alias}")
    return Result("\n".join(report))


def _in_justerade_minutes(tx: Tx, member: Member) -> int:
    chosen = tx.store.find(Justerare, member_id=member.id)
    meetings = tx.store.find(Meeting, id=[j.meeting_id for j in chosen])
    return sum(1 for m in meetings if m.status is MeetingStatus.JUSTERAD)


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
