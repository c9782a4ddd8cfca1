"""Planning, moving, cancelling and listing a group's meetings; standing and carried-over items."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.agenda_text import meeting_when, when_and_where
from bot.core.context import STOCKHOLM, Result
from bot.core.limits import check_length
from bot.core.model import (
    AgendaItem,
    Decision,
    Group,
    ImportedMeeting,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Outcome,
    Section,
    StandingItem,
)
from bot.core.permissions import Action
from bot.core.retiming import refuse_past, refuse_same_time, retime, usual_deadline
from bot.core.texts import UserError
from bot.core.tx import Phase, Tx
from bot.dates import format_date, format_when

S = MeetingStatus
STANDING_ITEMS: tuple[tuple[Section, str], ...] = (
    (Section.OPENING, "Val av justerare"),
    (Section.OPENING, "Föregående mötesanteckningar"),
    (Section.INFORMATION, "Föredragningslista nämnden"),
)


def standing_items(tx: Tx, group: Group) -> list[tuple[Section, str, str]]:
    """The group's own standing items in their order, or the common three."""
    own = sorted(tx.store.find(StandingItem, group_id=group.id), key=lambda s: s.position)
    if own:
        return [(s.section, s.title, s.presenter) for s in own]
    return [(section, title, "") for section, title in STANDING_ITEMS]


def plan_meeting(
    tx: Tx,
    starts_at: datetime,
    place: str,
    *,
    group_key: str | None = None,
    protocol_number: str = "",
    dnr: str = "",
    agenda_deadline: datetime | None = None,
    ends_at: datetime | None = None,
    time_known: bool = True,
) -> Result:
    """Plan a meeting; a date alone, a time range and no place yet are all fine."""
    group = tx.group(group_key)
    tx.require(Action.PLAN_MEETING, group)
    check_length("place", place)
    check_length("protocol_number", protocol_number)
    check_length("dnr", dnr)
    refuse_past(tx, starts_at, time_known, command=f"/mote planera {group.key}; ")
    deadline = agenda_deadline or usual_deadline(starts_at, time_known)
    if deadline > starts_at:
        raise UserError("deadline_after_meeting")
    moved = agenda_deadline is None and deadline < tx.now
    if moved:
        # Planned less than a week ahead: items proposed today are not late.
        end_of_today = tx.now.astimezone(STOCKHOLM).replace(hour=23, minute=59, second=59)
        deadline = min(end_of_today, starts_at)
    refuse_same_time(tx, group, starts_at)
    meeting = tx.store.add(
        Meeting(
            group_id=group.id,
            starts_at=starts_at,
            place=place.strip(),
            agenda_deadline=deadline,
            protocol_number=protocol_number.strip(),
            dnr=dnr.strip(),
            ends_at=ends_at,
            time_known=time_known,
        )
    )
    for position, (section, title, presenter) in enumerate(standing_items(tx, group), start=1):
        add_item(
            tx,
            meeting,
            section,
            title,
            origin=ItemOrigin.STANDING,
            position=position,
            presenter=presenter,
        )
    carried = carry_over_into(tx, group, meeting)
    tx.record("plan_meeting", group, meeting)
    lang = tx.ctx.lang
    message = tx.say(
        "meeting_planned",
        ref=meeting.number,
        key=group.key,
        when=when_and_where(meeting, lang),
        deadline=format_when(deadline, lang),
    )
    if carried:
        message += "\n" + tx.say("carried_over", titles=", ".join(i.title for i in carried))
    if moved:
        message += "\n" + tx.say("deadline_moved", deadline=format_when(deadline, lang))
    elif deadline < tx.now:
        message += "\n" + tx.say(
            "deadline_passed_warning",
            deadline=format_when(deadline, lang),
            ref=meeting.number,
            example=format_date(starts_at - timedelta(days=1), lang),
        )
    return Result(message, meeting_id=meeting.id)


def add_item(
    tx: Tx,
    meeting: Meeting,
    section: Section,
    title: str,
    *,
    origin: ItemOrigin,
    status: ItemStatus = ItemStatus.ACCEPTED,
    position: int | None = None,
    **fields: object,
) -> AgendaItem:
    """Add an item with the meeting's next number; the caller holds the meeting's lock.

    Number 0 (and position 0: last in its section) are the store's to fill, from one
    aggregate: reading every item of the meeting to number one was a third of a proposal.
    """
    return tx.store.add(
        AgendaItem(
            meeting_id=meeting.id,
            number=0,
            section=section,
            title=title,
            proposer_ref=tx.ctx.user_ref,
            proposed_at=tx.now,
            origin=origin,
            status=status,
            position=position or 0,
            **fields,  # type: ignore[arg-type]
        )
    )


def carry_over_into(tx: Tx, group: Group, meeting: Meeting) -> list[AgendaItem]:
    """Propose on this meeting every item bordlagt at an earlier one and not yet carried."""
    if meeting.status not in (S.PLANNED, S.PUBLISHED):
        return []
    earlier = [m.id for m in tx.meetings(group) if m.starts_at < meeting.starts_at]
    # Imported meetings are history: what the archive bordlade is not proposed again unasked.
    archived = {i.meeting_id for i in tx.store.find(ImportedMeeting, meeting_id=earlier)}
    items = tx.store.find(AgendaItem, meeting_id=[m for m in earlier if m not in archived])
    if not items:
        return []
    postponed = {
        d.item_id
        for d in tx.store.find(Decision, item_id=[i.id for i in items])
        if d.outcome is Outcome.BORDLAGT
    }
    already = {
        i.carried_from_item_id
        for i in tx.store.find(AgendaItem, carried_from_item_id=list(postponed))
    }
    carried = []
    for item in items:
        if item.id in postponed and item.id not in already:
            carried.append(
                add_item(
                    tx,
                    meeting,
                    item.section,
                    item.title,
                    origin=ItemOrigin.CARRIED_OVER,
                    status=ItemStatus.PROPOSED,
                    presenter=item.presenter,
                    description=item.description,
                    links=item.links,
                    risk_assessed=item.risk_assessed,
                    carried_from_item_id=item.id,
                )
            )
    return carried


def next_meeting_after(tx: Tx, group: Group, meeting: Meeting) -> Meeting | None:
    later = [
        m
        for m in tx.meetings(group)
        if m.starts_at > meeting.starts_at and m.status in (S.PLANNED, S.PUBLISHED)
    ]
    return later[0] if later else None


def move_meeting(
    tx: Tx,
    ref: int | None,
    starts_at: datetime,
    *,
    ends_at: datetime | None = None,
    time_known: bool = True,
) -> Result:
    """Move a meeting to a time, a time range or a date only, as /mote planera takes them."""
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    tx.require(Action.CHANGE_MEETING, group, meeting)
    command = f"/mote flytta #{meeting.number} "
    retime(tx, group, meeting, starts_at, ends_at, time_known, command=command)
    tx.store.update(meeting)
    tx.record("move_meeting", group, meeting)
    lang = tx.ctx.lang
    return Result(
        tx.say(
            "meeting_moved",
            ref=meeting.number,
            when=meeting_when(meeting, lang),
            deadline=format_when(meeting.agenda_deadline, lang),
        ),
        meeting_id=meeting.id,
    )


def cancel_meeting(tx: Tx, ref: int | None) -> Result:
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    tx.require(Action.CHANGE_MEETING, group, meeting)
    meeting.status = S.CANCELLED
    tx.store.update(meeting)
    tx.record("cancel_meeting", group, meeting)
    return Result(tx.say("meeting_cancelled_done", ref=meeting.number), meeting_id=meeting.id)


def list_meetings(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    meetings = tx.meetings(group)
    if not meetings:
        return Result(tx.say("no_meetings", key=group.key))
    lines = [tx.say("meetings_heading", key=group.key)]
    for m in meetings:
        status = tx.say(f"status_{m.status.name.lower()}")
        lines.append(f"  #{m.number}  {when_and_where(m, tx.ctx.lang)} – {status}")
    return Result("\n".join(lines))
