"""Collecting, accepting, ordering and publishing the agenda items of a meeting."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import outbox
from bot.core.agenda_text import render_agenda
from bot.core.content import check_content
from bot.core.context import Event, Result
from bot.core.imported import imported_facts
from bot.core.meetings import add_item
from bot.core.model import (
    AgendaItem,
    Group,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Section,
)
from bot.core.permissions import LEAD_ROLES, Action
from bot.core.texts import UserError
from bot.core.tx import Phase, Tx

S = MeetingStatus


def propose_item(
    tx: Tx,
    ref: int | None,
    section: Section,
    title: str,
    *,
    presenter: str = "",
    description: str = "",
    links: str = "",
    risk_assessed: bool | None = None,
) -> Result:
    """Anyone in the group proposes; the chair's and secretary's own items are accepted at once."""
    group = tx.group()
    me = tx.member(group)
    lead = me.role in LEAD_ROLES
    meeting = (lead and ref is None and tx.meeting_in_session_today(group)) or tx.meeting(
        group, ref, Phase.AGENDA
    )
    in_meeting = meeting.status is S.HELD
    tx.require(Action.ADD_ITEM_IN_MEETING if in_meeting else Action.PROPOSE_ITEM, group, meeting)
    if section is Section.OPENING:
        raise UserError("opening_is_standing")
    check_content(group, "title", title, required=True)
    check_content(group, "presenter", presenter)
    check_content(group, "description", description)
    check_content(group, "links", links)
    if risk_assessed is not None and section is not Section.BESLUT:
        raise UserError("risk_only_beslut")
    item = add_item(
        tx,
        meeting,
        section,
        title.strip(),
        origin=ItemOrigin.PROPOSED,
        status=ItemStatus.ACCEPTED if lead else ItemStatus.PROPOSED,
        presenter=presenter.strip(),
        description=description.strip(),
        links=links.strip(),
        risk_assessed=risk_assessed,
        late=tx.now > meeting.agenda_deadline,
    )
    tx.record("propose_item", group, meeting, detail=f"item={item.number}")
    key = "item_added" if lead else "item_proposed"
    message = tx.say(key, number=item.number, ref=meeting.number, section=section.value)
    if item.late:
        message += " " + tx.say("item_late")
    result = Result(message, meeting_id=meeting.id)
    if lead:
        result.events += agenda_changed(tx, group, meeting, [f"+ {item.title}"])
    return result


def accept_items(tx: Tx, ref: int | None, numbers: list[int] | None) -> Result:
    """Accept the numbered proposals, or all waiting ones when numbers is None."""
    group, meeting = _managed(tx, ref)
    items = _items(tx, meeting)
    if numbers is None:
        chosen = [i for i in items if i.status is ItemStatus.PROPOSED]
        if not chosen:
            raise UserError("nothing_to_accept", ref=meeting.number)
    else:
        chosen = [tx.item(meeting, n) for n in numbers]
    changes = []
    for item in chosen:
        if item.status is not ItemStatus.ACCEPTED:
            item.status = ItemStatus.ACCEPTED
            tx.store.update(item)
            changes.append(f"+ {item.title}")
    tx.record("accept_items", group, meeting, detail=",".join(str(i.number) for i in chosen))
    message = tx.say("items_accepted", numbers=_numbers(chosen), ref=meeting.number)
    return Result(message, agenda_changed(tx, group, meeting, changes), meeting.id)


def reject_item(tx: Tx, ref: int | None, number: int) -> Result:
    group, meeting = _managed(tx, ref)
    item = tx.item(meeting, number)
    if item.origin is ItemOrigin.STANDING:
        raise UserError("standing_item_stays", number=number)
    was_on_agenda = item.status is ItemStatus.ACCEPTED
    item.status = ItemStatus.REJECTED
    tx.store.update(item)
    tx.record("reject_item", group, meeting, detail=f"item={number}")
    changes = [f"- {item.title}"] if was_on_agenda else []
    message = tx.say("item_rejected", number=number, ref=meeting.number)
    return Result(message, agenda_changed(tx, group, meeting, changes), meeting.id)


def order_items(tx: Tx, ref: int | None, numbers: list[int]) -> Result:
    """The named items come first in their sections, in the order given; the rest keep theirs."""
    group, meeting = _managed(tx, ref)
    if len(set(numbers)) != len(numbers):
        raise UserError("order_repeats")
    named = [tx.item(meeting, n) for n in numbers]
    items = _items(tx, meeting)
    for section in Section:
        first = [i for i in named if i.section is section]
        rest = sorted(
            (i for i in items if i.section is section and i.number not in numbers),
            key=lambda i: (i.position, i.number),
        )
        for position, item in enumerate(first + rest, start=1):
            if item.position != position:
                item.position = position
                tx.store.update(item)
    tx.record("order_items", group, meeting, detail=",".join(map(str, numbers)))
    changes = [tx.say("order_changed")]
    message = tx.say("items_ordered", ref=meeting.number)
    return Result(message, agenda_changed(tx, group, meeting, changes), meeting.id)


def move_item(tx: Tx, ref: int | None, number: int, section: Section) -> Result:
    group, meeting = _managed(tx, ref)
    item = tx.item(meeting, number)
    # A standing item moves like any other (as with `/arende ändra 3; sektion: Dialog`).
    if section is Section.OPENING:
        raise UserError("unknown_section", given=section.value, example="/arende flytta 5; Beslut")
    if item.section is not section:
        others = [i for i in _items(tx, meeting) if i.section is section]
        item.section = section
        item.position = max((i.position for i in others), default=0) + 1
        if section is not Section.BESLUT:
            item.risk_assessed = None
        tx.store.update(item)
    tx.record("move_item", group, meeting, detail=f"item={number}")
    changes = [f"~ {item.title} → {section.value}"]
    message = tx.say("item_moved", number=number, section=section.value)
    return Result(message, agenda_changed(tx, group, meeting, changes), meeting.id)


def publish_agenda(tx: Tx, ref: int | None) -> Result:
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    tx.require(Action.PUBLISH_AGENDA, group, meeting)
    first_time = meeting.status is S.PLANNED
    meeting.status = S.PUBLISHED
    meeting.published_at = meeting.published_at or tx.now
    tx.store.update(meeting)
    tx.record("publish_agenda", group, meeting)
    items = _items(tx, meeting)
    text = render_agenda(group, meeting, items, "sv")
    waiting = sum(1 for i in items if i.status is ItemStatus.PROPOSED)
    message = tx.say("agenda_published" if first_time else "agenda_republished", ref=meeting.number)
    if waiting:
        message += " " + tx.say("proposals_waiting", count=waiting)
    event = Event("agenda_published", meeting.id, text=text, meeting_number=meeting.number)
    return Result(message, [event], meeting.id)


def show_agenda(tx: Tx, ref: int | None) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    facts = imported_facts(tx, meeting)
    # An imported meeting's deadline is a placeholder (the file names none): not shown.
    text = render_agenda(group, meeting, _items(tx, meeting), tx.ctx.lang, deadline=not facts)
    shown = f"{facts}\n\n{text}" if facts else text
    postings = outbox.postings_status(tx, meeting.id)  # what waits for the channel, or failed
    return Result(f"{shown}\n\n{postings}" if postings else shown, [], meeting.id)


def agenda_changed(tx: Tx, group: Group, meeting: Meeting, changes: list[str]) -> list[Event]:
    """After publication every change updates the published list and says what changed."""
    if meeting.published_at is None or not changes:
        return []
    text = render_agenda(group, meeting, _items(tx, meeting), "sv")
    return [
        Event(
            "agenda_changed",
            meeting.id,
            text=text,
            changes=tuple(changes),
            meeting_number=meeting.number,
        )
    ]


def _managed(tx: Tx, ref: int | None) -> tuple[Group, Meeting]:
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    tx.require(Action.MANAGE_AGENDA, group, meeting)
    return group, meeting


def _items(tx: Tx, meeting: Meeting) -> list[AgendaItem]:
    return tx.store.find(AgendaItem, meeting_id=meeting.id)


def _numbers(items: list[AgendaItem]) -> str:
    return ", ".join(str(i.number) for i in items)


@dataclass(frozen=True)
class AgendaExport:
    group: Group
    meeting: Meeting
    items: list[AgendaItem]


def agenda_for_export(tx: Tx, ref: int | None) -> AgendaExport:
    """The ärendelista of a meeting, for a file or a calendar invitation."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    meeting = tx.meeting(group, ref, Phase.AGENDA)
    return AgendaExport(group, meeting, _items(tx, meeting))
