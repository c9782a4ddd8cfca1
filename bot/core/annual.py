"""The årsklocka at work: each rule's item proposed on the right meeting, and its reminders."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.core.context import STOCKHOLM
from bot.core.meetings import add_item
from bot.core.model import (
    AgendaItem,
    Group,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Member,
    Reminder,
    ReminderKind,
    Role,
    YearRule,
)
from bot.core.ports import Store
from bot.core.reminders import group_channel, office_hours_from, reconcile
from bot.core.tx import Tx
from bot.core.workdays import reminder_moment
from bot.core.yearclock import next_deadline

NOTICE_AHEAD = timedelta(days=21)  # how long before the lead time the chair hears of a gap
# A rule's item belongs on a meeting of its season, not on one the year before it.
SEASON = timedelta(days=45)


def plan_year(tx: Tx, group: Group) -> list[AgendaItem]:
    """Propose every rule's item on the group's last open meeting before the rule's deadline.

    A proposal the chair has not touched moves when a later meeting before the deadline is
    planned; with no meeting before the deadline, the chairs are told in good time.
    """
    store, now = tx.store, tx.now
    today = now.astimezone(STOCKHOLM).date()
    open_meetings = [
        m
        for m in tx.meetings(group)
        if m.status in (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED) and m.starts_at > now
    ]
    proposed: list[AgendaItem] = []
    wanted: list[Reminder] = []
    for rule in store.find(YearRule, group_id=group.id):
        deadline = next_deadline(rule, today)
        source = f"y{rule.id}:{deadline.year}"
        existing = store.find(AgendaItem, source_key=source)
        where = {m.id: m for m in store.find(Meeting, id=[i.meeting_id for i in existing])}
        if any(_settled(item, where[item.meeting_id], now) for item in existing):
            continue  # on a meeting that has been held, or turned down by the chair
        accepted = [i for i in existing if i.status is ItemStatus.ACCEPTED]
        season = deadline - SEASON
        before = [
            m
            for m in open_meetings
            if season <= m.starts_at.astimezone(STOCKHOLM).date() <= deadline
        ]
        target = where[accepted[0].meeting_id] if accepted else (before[-1] if before else None)
        if target is not None:
            item = _place(tx, target, rule, source)
            if item is not None:
                proposed.append(item)
            wanted += _lead_reminder(store, group, rule, target, deadline, source, now)
        else:
            wanted += _gap_reminders(store, group, rule, deadline, source, now)
    reconcile(store, wanted, f"g{group.id}:y", now, group_id=group.id)
    return proposed


def _settled(item: AgendaItem, meeting: Meeting, now: datetime) -> bool:
    if item.status is ItemStatus.REJECTED:
        return True
    if meeting.status is MeetingStatus.CANCELLED:
        return False
    return meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED) or (
        meeting.starts_at <= now
    )


def _place(tx: Tx, target: Meeting, rule: YearRule, source: str) -> AgendaItem | None:
    for item in tx.store.find(AgendaItem, source_key=source):
        if item.meeting_id == target.id or item.status is not ItemStatus.PROPOSED:
            return None  # in place already, or the chair has dealt with it
        if tx.store.get(Meeting, item.meeting_id).status is not MeetingStatus.CANCELLED:
            tx.store.delete(item)  # an untouched proposal follows the rule to the right meeting
    tx.store.lock(Meeting, target.id)
    return add_item(
        tx,
        target,
        rule.section,
        rule.title,
        origin=ItemOrigin.YEARLY,
        status=ItemStatus.PROPOSED,
        presenter=rule.responsible,
        source_key=source,
        late=tx.now > target.agenda_deadline,
    )


def _reminder(
    group: Group,
    key: str,
    kind: ReminderKind,
    due: datetime,
    expires: datetime,
    target: str,
    meeting: Meeting | None,
    **detail: object,
) -> Reminder:
    return Reminder(
        group_id=group.id,
        key=f"g{group.id}:{key}",
        kind=kind,
        due_at=due,
        expires_at=expires,
        target_ref=target,
        meeting_id=meeting.id if meeting else None,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
    )


def _lead_reminder(
    store: Store,
    group: Group,
    rule: YearRule,
    target: Meeting,
    deadline,
    source: str,
    now: datetime,
) -> list[Reminder]:
    channel = group_channel(store, group)
    if channel is None:
        return []
    cutoff = target.agenda_deadline.astimezone(STOCKHOLM).date()
    due = office_hours_from(reminder_moment(cutoff - timedelta(days=rule.lead_days)), now)
    if due >= target.agenda_deadline:
        return []
    return [
        _reminder(
            group,
            f"{source}:lead",
            ReminderKind.YEARLY,
            due,
            target.agenda_deadline,
            channel,
            target,
            title=rule.title,
            responsible=rule.responsible,
            deadline=deadline.isoformat(),
        )
    ]


def _gap_reminders(
    store: Store, group: Group, rule: YearRule, deadline, source: str, now: datetime
) -> list[Reminder]:
    due_day = deadline - timedelta(days=rule.lead_days) - NOTICE_AHEAD
    due = office_hours_from(reminder_moment(due_day), now)
    expires = datetime.combine(deadline + timedelta(days=1), datetime.min.time(), STOCKHOLM)
    if due >= expires:
        return []
    chairs = store.find(Member, group_id=group.id, role=Role.CHAIR)
    return [
        _reminder(
            group,
            f"{source}:gap:{chair.user_ref}",
            ReminderKind.NO_MEETING,
            due,
            expires,
            chair.user_ref,
            None,
            title=rule.title,
            deadline=deadline.isoformat(),
        )
        for chair in chairs
    ]
