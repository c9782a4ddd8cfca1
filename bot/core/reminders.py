"""Which reminders a meeting owes whom and when; kept in step with the meeting as it changes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from bot.core.context import STOCKHOLM
from bot.core.model import (
    AgendaItem,
    Approval,
    ChannelBinding,
    Decision,
    Group,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    Outcome,
    Party,
    PartyKind,
    Reminder,
    ReminderKind,
    ReminderStatus,
    Role,
    Verdict,
)
from bot.core.ports import Store
from bot.core.workdays import reminder_moment

S = MeetingStatus
K = ReminderKind
JUSTERING_WINDOW = timedelta(days=60)  # past this a draft's reminders stop; it needs a person


def office_hours_from(due: datetime, now: datetime) -> datetime:
    """The due moment, or when it has passed, the next working morning from now."""
    if due >= now:
        return due
    day = now.astimezone(STOCKHOLM).date()
    while True:
        moment = reminder_moment(day)
        if moment >= now and moment.date() == day:
            return moment
        day += timedelta(days=1)


def days(setting: str) -> list[int]:
    return sorted({int(part) for part in setting.split(",") if part.strip().isdigit()})


def group_channel(store: Store, group: Group) -> str | None:
    bindings = store.find(ChannelBinding, group_id=group.id)
    return bindings[0].channel_ref if bindings else None


def desired_for_meeting(store: Store, group: Group, meeting: Meeting) -> list[Reminder]:
    """Everything this meeting should remind about, given its state now."""
    wanted: list[Reminder] = []

    def want(
        key: str,
        kind: ReminderKind,
        due: datetime,
        expires: datetime,
        target: str,
        **detail: object,
    ) -> None:
        wanted.append(
            Reminder(
                group_id=group.id,
                key=f"m{meeting.id}:{key}",
                kind=kind,
                due_at=due,
                expires_at=expires,
                target_ref=target,
                meeting_id=meeting.id,
                detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            )
        )

    channel = group_channel(store, group)
    members = store.find(Member, group_id=group.id)
    if meeting.status in (S.PLANNED, S.PUBLISHED):
        deadline_day = meeting.agenda_deadline.astimezone(STOCKHOLM).date()
        for n in days(group.agenda_reminder_days):
            due = reminder_moment(deadline_day - timedelta(days=n))
            if channel and due < meeting.agenda_deadline:
                want(
                    f"agenda:{n}", K.AGENDA_DEADLINE, due, meeting.agenda_deadline, channel, days=n
                )
        start_day = meeting.starts_at.astimezone(STOCKHOLM).date()
        due = reminder_moment(start_day - timedelta(days=1))
        for member in members:
            want(
                f"tomorrow:{member.user_ref}",
                K.MEETING_TOMORROW,
                due,
                meeting.starts_at,
                member.user_ref,
            )
    if meeting.status is S.DRAFT:
        _justering(store, group, meeting, want)
    if meeting.status is not S.CANCELLED:
        _mbl14(store, group, meeting, members, want)
    return wanted


def _justering(store: Store, group: Group, meeting: Meeting, want) -> None:
    versions = store.find(MinutesVersion, meeting_id=meeting.id)
    if not versions:
        return
    latest = max(versions, key=lambda v: v.number)
    approved = {
        a.member_id
        for a in store.find(Approval, version_id=latest.id)
        if a.verdict is Verdict.APPROVED
    }
    posted_day = latest.posted_at.astimezone(STOCKHOLM).date()
    for chosen in store.find(Justerare, meeting_id=meeting.id):
        if chosen.member_id in approved:
            continue
        member = store.get(Member, chosen.member_id)
        for n in days(group.justering_reminder_days):
            due = reminder_moment(posted_day + timedelta(days=n))
            want(
                f"v{latest.number}:justering:{n}:{member.user_ref}",
                K.JUSTERING,
                due,
                latest.posted_at + JUSTERING_WINDOW,
                member.user_ref,
                version=latest.number,
                days=n,
            )
    return []


def _mbl14(store: Store, group: Group, meeting: Meeting, members: list[Member], want) -> None:
    items = {i.id: i for i in store.find(AgendaItem, meeting_id=meeting.id)}
    if not items:
        return
    parties = {p.id: p for p in store.find(Party, group_id=group.id)}
    for decision in store.find(Decision, item_id=list(items)):
        if decision.outcome is not Outcome.OENIGHET or decision.mbl14_deadline is None:
            continue
        item = items[decision.item_id]
        expires = datetime.combine(
            decision.mbl14_deadline + timedelta(days=1), datetime.min.time(), STOCKHOLM
        )
        due = reminder_moment(decision.mbl14_deadline - timedelta(days=2))
        union_ids = (
            {decision.party_id}
            if decision.party_id
            else {p.id for p in parties.values() if p.kind is PartyKind.UNION}
        )
        for member in members:
            if member.role is Role.CHAIR or member.party_id in union_ids:
                want(
                    f"mbl14:{item.number}:{member.user_ref}",
                    K.MBL14,
                    due,
                    expires,
                    member.user_ref,
                    item=item.number,
                    title=item.title,
                    deadline=decision.mbl14_deadline.isoformat(),
                    party=parties[decision.party_id].name if decision.party_id else "",
                )


def reconcile(
    store: Store,
    reminders: list[Reminder],
    prefix: str,
    now: datetime,
    *,
    meeting_id: int | None = None,
    group_id: int | None = None,
) -> None:
    """Make the stored reminders under a key prefix match the wanted ones.

    A new reminder whose moment has already passed is not added: it was never due while
    anyone knew of it. Sent and dropped reminders are history and stay as they are.
    """
    wanted = {r.key: r for r in reminders}
    existing = {r.key: r for r in _under(store, prefix, wanted, meeting_id, group_id)}
    for key, have in existing.items():
        if have.status is ReminderStatus.PENDING and key not in wanted:
            have.status = ReminderStatus.CANCELLED
            store.update(have)
    for key, want in wanted.items():
        have = existing.get(key)
        if have is None:
            if want.due_at >= now:
                store.add(want)
            continue
        if have.status in (ReminderStatus.SENT, ReminderStatus.DROPPED):
            continue
        if have.status is ReminderStatus.CANCELLED and want.due_at < now:
            continue
        fields = (have.due_at, have.expires_at, have.detail, have.meeting_id, have.target_ref)
        changed = (*fields, have.status) != (
            want.due_at,
            want.expires_at,
            want.detail,
            want.meeting_id,
            want.target_ref,  # a commitment given to someone else reminds them instead
            ReminderStatus.PENDING,
        )
        if changed:
            have.due_at, have.expires_at, have.detail = want.due_at, want.expires_at, want.detail
            have.meeting_id, have.status = want.meeting_id, ReminderStatus.PENDING
            have.target_ref = want.target_ref
            store.update(have)


def _under(
    store: Store,
    prefix: str,
    wanted: dict[str, Reminder],
    meeting_id: int | None,
    group_id: int | None,
) -> list[Reminder]:
    # Reminders are found by their meeting or group; the prefix picks this planner's own.
    where = {"meeting_id": meeting_id} if meeting_id is not None else {"group_id": group_id}
    candidates = store.find(Reminder, status=ReminderStatus.PENDING, **where)
    candidates += store.find(Reminder, status=ReminderStatus.CANCELLED, **where)
    found = {r.key: r for r in candidates if r.key.startswith(prefix)}
    # A key may belong to another meeting now (an årsklocka item moved): find it by key too.
    missing = [k for k in wanted if k not in found]
    if missing:
        found.update({r.key: r for r in store.find(Reminder, key=missing)})
    return list(found.values())


def plan_meeting_reminders(store: Store, meeting_id: int, now: datetime) -> None:
    meeting = store.get(Meeting, meeting_id)
    if meeting is None:
        return
    group = store.get(Group, meeting.group_id)
    wanted = desired_for_meeting(store, group, meeting)
    reconcile(store, wanted, f"m{meeting.id}:", now, meeting_id=meeting.id)


def plan_group_reminders(store: Store, group: Group, now: datetime) -> None:
    for meeting in store.find(Meeting, group_id=group.id):
        if meeting.status not in (S.JUSTERAD, S.CANCELLED) or any(
            r.status is ReminderStatus.PENDING for r in store.find(Reminder, meeting_id=meeting.id)
        ):
            plan_meeting_reminders(store, meeting.id, now)
