"""Sending reminders exactly once: claim the due ones, word them, and mark each as sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.core import outbox
from bot.core.agenda_text import meeting_when
from bot.core.model import Group, Meeting, Reminder, ReminderKind, ReminderStatus
from bot.core.ports import Store, StoreFactory
from bot.core.reminders import group_channel
from bot.dates import format_date, format_when

LATE_AFTER = timedelta(minutes=15)  # a reminder sent later than this says so
# Longer than a sender needs for one batch, even all in one channel at one message a second.
LEASE = timedelta(minutes=30)


class ClaimingStore(Store, Protocol):
    def claim_reminders(
        self, now: datetime, worker: str, limit: int, lease: timedelta
    ) -> list[Reminder]:
        """Pending reminders due by now and not held by a live claim, now held by worker."""


@dataclass(frozen=True)
class Delivery:
    reminder_id: int
    target_ref: str
    text: str
    meeting_message_ref: str  # where the adapter may link to, "" when none
    channel_ref: str  # the group's channel, where that message is
    late: bool


def take_due(
    store_factory: StoreFactory, now: datetime, worker: str, limit: int = 200
) -> list[Delivery]:
    """Claim and word the due reminders; expired ones are recorded as dropped instead."""
    deliveries = []
    with store_factory() as store:
        for reminder in store.claim_reminders(now, worker, limit, LEASE):  # type: ignore[attr-defined]
            if now >= reminder.expires_at or superseded(store, reminder, now):
                reminder.status = ReminderStatus.DROPPED
                store.update(reminder)
                continue
            meeting = store.get(Meeting, reminder.meeting_id) if reminder.meeting_id else None
            group = store.get(Group, reminder.group_id)
            late = now - reminder.due_at > LATE_AFTER
            deliveries.append(
                Delivery(
                    reminder_id=reminder.id,
                    target_ref=reminder.target_ref,
                    text=word(reminder, group, meeting, late),
                    meeting_message_ref=meeting.agenda_message_ref if meeting else "",
                    channel_ref=group_channel(store, group) or "",
                    late=late,
                )
            )
        store.commit()
    return deliveries


# Kinds whose reminders repeat the same message at several moments (2 and 5 days, 3 and 1 days).
REPEATING = {ReminderKind.JUSTERING, ReminderKind.AGENDA_DEADLINE, ReminderKind.MEETING_TOMORROW}


def superseded(store: Store, reminder: Reminder, now: datetime) -> bool:
    """After a break, of the overdue reminders of one kind to one person about one meeting only
    the latest goes out: the 2-day and 5-day justering reminders at once read as spam."""
    if reminder.kind not in REPEATING or now - reminder.due_at <= LATE_AFTER:
        return False
    siblings = store.find(
        Reminder,
        status=ReminderStatus.PENDING,
        kind=reminder.kind,
        target_ref=reminder.target_ref,
        meeting_id=reminder.meeting_id,
    )
    return any(
        (s.due_at, s.id) > (reminder.due_at, reminder.id) and s.due_at <= now for s in siblings
    )


def hand_over(
    store_factory: StoreFactory,
    now: datetime,
    worker: str,
    prefixes: tuple[str, ...],
    limit: int = 500,
) -> int:
    """Due reminders become outbox postings, in one transaction: claimed, worded and marked
    sent together, so the outbox's short leases carry them from here on.

    Only reminders to the given platforms ("slack:"); the others are left for their adapter.
    """
    handed = 0
    with store_factory() as store:
        claimed = store.claim_reminders(now, worker, limit, LEASE)  # type: ignore[attr-defined]
        outbox.prepare_lanes(
            store, [r.target_ref for r in claimed if r.target_ref.startswith(prefixes)]
        )
        for reminder in claimed:
            if now >= reminder.expires_at or superseded(store, reminder, now):
                reminder.status = ReminderStatus.DROPPED
            elif not reminder.target_ref.startswith(prefixes):
                reminder.claimed_by, reminder.claimed_until = "", None
            else:
                meeting = store.get(Meeting, reminder.meeting_id) if reminder.meeting_id else None
                group = store.get(Group, reminder.group_id)
                late = now - reminder.due_at > LATE_AFTER
                payload = {
                    "text": word(reminder, group, meeting, late),
                    "channel_ref": group_channel(store, group) or "",
                    "reminder": reminder.id,
                    "due_at": reminder.due_at.isoformat(),  # for the reminder-lag metric
                }
                outbox.enqueue(
                    store,
                    reminder.target_ref,
                    outbox.REMINDER,
                    now,
                    payload,
                    meeting_id=reminder.meeting_id,
                )
                reminder.status = ReminderStatus.SENT
                reminder.sent_at = now
                reminder.late = late
                handed += 1
            store.update(reminder)
        store.commit()
    return handed


def mark_sent(store_factory: StoreFactory, delivery: Delivery, worker: str, now: datetime) -> bool:
    """Record the sending; False when the claim was lost meanwhile (then it may go twice)."""
    with store_factory() as store:
        reminder = store.lock(Reminder, delivery.reminder_id)
        if reminder is None or reminder.status is not ReminderStatus.PENDING:
            return False
        if reminder.claimed_by != worker:
            return False
        reminder.status = ReminderStatus.SENT
        reminder.sent_at = now
        reminder.late = delivery.late
        store.update(reminder)
        store.commit()
    return True


def release(store_factory: StoreFactory, delivery: Delivery, worker: str) -> None:
    """Give a claim back after a failed sending, so the next round tries again."""
    with store_factory() as store:
        reminder = store.lock(Reminder, delivery.reminder_id)
        if reminder is not None and reminder.claimed_by == worker:
            reminder.claimed_by, reminder.claimed_until = "", None
            store.update(reminder)
            store.commit()


def word(reminder: Reminder, group: Group, meeting: Meeting | None, late: bool) -> str:
    """The reminder in Swedish, from the reminder and its meeting as they are now."""
    d = json.loads(reminder.detail or "{}")
    kind = reminder.kind
    prefix = "Försenad påminnelse: " if late else "Påminnelse: "
    if kind in (ReminderKind.YEARLY, ReminderKind.NO_MEETING):
        prefix = "Årsklockan (försenad): " if late else "Årsklockan: "
    if kind is ReminderKind.NO_MEETING:
        return (
            f"{prefix}”{d['title']}” ska upp i {group.key} senast "
            f"{format_date(date.fromisoformat(d['deadline']))}, men gruppen har inget planerat "
            "möte före dess; planera ett med `/mote planera`."
        )
    assert meeting is not None, reminder.key
    # What is known of its time: a date only is no "kl. 00.00", a range has its end.
    about = f"{group.key}s möte #{meeting.number} {meeting_when(meeting)}"
    if kind is ReminderKind.AGENDA_DEADLINE:
        return (
            f"{prefix}sista dag för ärenden till {about} är {format_when(meeting.agenda_deadline)}."
            " Föreslå ärenden med `/arende`."
        )
    if kind is ReminderKind.MEETING_TOMORROW:
        place = f", {meeting.place}" if meeting.place else ""
        return f"{prefix}{about}{place}. Ärendelistan: `/mote visa #{meeting.number}`."
    if kind is ReminderKind.JUSTERING:
        return (
            f"{prefix}protokollet från {about} väntar på din justering (version "
            f"{d['version']}). Godkänn med ✅ på utkastet eller `/protokoll godkänn`."
        )
    if kind is ReminderKind.FOLLOW_UP:
        return (
            f"{prefix}din uppföljning {d['number']} (”{d['title']}”) tas upp på {about}. "
            f"Sista dag för ärenden är {format_when(meeting.agenda_deadline)}. När den är klar: "
            f"`/uppfoljning klar {d['number']}; utfall`."
        )
    if kind is ReminderKind.MBL14:
        who = d.get("party") or "Facket"
        return (
            f"{prefix}{who} kan begära central förhandling enligt MBL §14 om ärende {d['item']} "
            f"(”{d['title']}”) från {about} till och med "
            f"{format_date(date.fromisoformat(d['deadline']))}; arbetsgivaren avvaktar till dess."
        )
    responsible = f" Ansvarig: {d['responsible']}." if d.get("responsible") else ""
    return (
        f"{prefix}”{d['title']}” ska upp senast "
        f"{format_date(date.fromisoformat(d['deadline']))} och är föreslaget på {about}. "
        f"Sista dag för ärenden är {format_when(meeting.agenda_deadline)}.{responsible}"
    )
