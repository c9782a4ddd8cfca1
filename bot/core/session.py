"""What the secretary records in the meeting: justerare, notes, party statements and decisions."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.content import check_content
from bot.core.context import STOCKHOLM, Result
from bot.core.entries import add_entry
from bot.core.meetings import carry_over_into, next_meeting_after
from bot.core.model import (
    AgendaItem,
    Decision,
    Entry,
    EntryKind,
    Group,
    ItemStatus,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    Outcome,
    Party,
    Section,
)
from bot.core.permissions import LEAD_ROLES, Action
from bot.core.texts import UserError
from bot.core.tx import Phase, Tx
from bot.core.undo import Recorder
from bot.dates import format_date

S = MeetingStatus
MBL14_DAYS = 7


def choose_justerare(tx: Tx, ref: int | None, user_refs: list[str]) -> Result:
    """Replace the meeting's justerare (usually one per union present plus one for the employer)."""
    group, meeting = _session(tx, ref, Action.CHOOSE_JUSTERARE)
    if not user_refs:
        raise UserError("justerare_missing")
    if len(set(user_refs)) != len(user_refs):
        raise UserError("justerare_repeated")
    members: list[Member] = []
    for user_ref in user_refs:
        member = tx.member_or_none(group, user_ref)
        if member is None:
            raise UserError("justerare_not_member", user=user_ref, group=group.key)
        members.append(member)
    undo = Recorder()
    for old in tx.store.find(Justerare, meeting_id=meeting.id):
        undo.changing(old)
        tx.store.delete(old)
    for member in members:
        undo.added(tx.store.add(Justerare(meeting_id=meeting.id, member_id=member.id)))
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "choose_justerare")
    tx.record("choose_justerare", group, meeting, detail=f"count={len(members)}")
    parties = {p.id: p for p in tx.parties(group)}
    names = ", ".join(f"{m.display_name} ({parties[m.party_id].label})" for m in members)
    message = tx.say("justerare_chosen", ref=meeting.number, names=names)
    missing = [p.label for p in parties.values() if p.id not in {m.party_id for m in members}]
    if missing:
        message += " " + tx.say("justerare_parties_missing", parties=", ".join(missing))
    return Result(message, meeting_id=meeting.id)


def add_note(tx: Tx, ref: int | None, number: int, text: str) -> Result:
    group, meeting = _session(tx, ref, Action.ADD_NOTE)
    item = _recordable(tx, meeting, number)
    check_content(group, "note", text, required=True)
    undo = Recorder()
    undo.changing(item)
    entry = add_entry(tx.store, item, EntryKind.NOTE, tx.ctx.user_ref, text.strip(), tx.now)
    undo.added(entry)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "add_note")
    tx.record("add_note", group, meeting, detail=f"entry={number}.{entry.seq}")
    return Result(
        tx.say("note_added", number=number, ref=meeting.number, entry=f"{number}.{entry.seq}"),
        meeting_id=meeting.id,
    )


def add_statement(tx: Tx, ref: int | None, number: int, text: str, party_names: str = "") -> Result:
    """A party's protokollsanteckning; the chair or secretary may name the party or parties.

    A member writes for their own party only; a statement of the same parties replaces theirs.
    """
    group, meeting = _session(tx, ref, Action.ADD_STATEMENT)
    me = tx.member(group)
    item = _recordable(tx, meeting, number)
    check_content(group, "statement", text, required=True)
    parties = statement_parties(tx, group, me, party_names)
    ids = ",".join(str(p.id) for p in parties)
    undo = Recorder()
    existing = [
        e
        for e in tx.store.find(Entry, item_id=item.id, kind=EntryKind.STATEMENT)
        if e.party_ids == ids
    ]
    if existing:
        undo.changing(existing[0])
        existing[0].text = text.strip()
        existing[0].author_ref = tx.ctx.user_ref
        existing[0].changed_at = tx.now
        tx.store.update(existing[0])
        entry = existing[0]
    else:
        undo.changing(item)
        entry = add_entry(
            tx.store,
            item,
            EntryKind.STATEMENT,
            tx.ctx.user_ref,
            text.strip(),
            tx.now,
            [p.id for p in parties],
        )
        undo.added(entry)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "add_statement")
    tx.record("add_statement", group, meeting, detail=f"entry={number}.{entry.seq}")
    key = "statement_replaced" if existing else "statement_added"
    label = " och ".join(p.label for p in parties)
    return Result(
        tx.say(key, party=label, number=number, entry=f"{number}.{entry.seq}"),
        meeting_id=meeting.id,
    )


def statement_parties(tx: Tx, group: Group, me: Member, party_names: str) -> list[Party]:
    """Whose statement it is: the author's own party, or the named ones when a lead names them."""
    own = tx.store.get(Party, me.party_id)
    if not party_names.strip():
        return [own]
    named: list[Party] = []
    for name in split_party_names(party_names):
        party = tx.party_named(group, name)
        if party not in named:
            named.append(party)
    if me.role not in LEAD_ROLES and named != [own]:
        # Never stored as the member's own: a member speaks for their own party only.
        raise UserError("statement_other_party", party=own.label, number="7")
    return named


def split_party_names(text: str) -> list[str]:
    parts = re.split(r",|\soch\s|\sand\s|\s&\s", text)
    return [p.strip() for p in parts if p.strip()]


def looks_like_parties(text: str) -> bool:
    """Whether a field reads as a list of party names rather than the start of a statement."""
    names = split_party_names(text)
    return bool(names) and len(text) <= 80 and all(len(n.split()) <= 3 for n in names)


def record_decision(
    tx: Tx,
    ref: int | None,
    number: int,
    outcome: Outcome,
    text: str = "",
    party_name: str = "",
    own_text: bool = False,
) -> Result:
    """Record or replace a decision; oenighet starts the MBL §14 clock, bordlagt carries over.
    With own_text the minutes show the text alone, without the fixed outcome sentence."""
    group, meeting = _session(tx, ref, Action.RECORD_DECISION)
    item = _recordable(tx, meeting, number)
    check_content(group, "decision", text)
    if outcome is Outcome.OENIGHET and not party_name and text.strip():
        # "/beslut 7; oenighet; Vision": a text that is only a party's name names who disagrees.
        wanted = text.strip().rstrip(".").casefold()
        if any(wanted in (p.name.casefold(), p.short_name.casefold()) for p in tx.parties(group)):
            party_name, text = text.strip().rstrip("."), ""
    party = tx.party_named(group, party_name) if party_name else None
    if party is not None and outcome is not Outcome.OENIGHET:
        raise UserError("party_only_oenighet")
    # An imported meeting is history: its corrected decision sets off no live work (no MBL §14
    # clock and its reminders, nothing carried to the next meeting) unless someone asks for it.
    historical = tx.corrects_imported(Action.RECORD_DECISION, meeting)
    deadline = None
    if outcome is Outcome.OENIGHET and not historical:
        # The union may ask for central negotiation within seven days of the local negotiation.
        deadline = meeting.starts_at.astimezone(STOCKHOLM).date() + timedelta(days=MBL14_DAYS)
    existing = tx.store.find(Decision, item_id=item.id)
    decision = Decision(
        item_id=item.id,
        outcome=outcome,
        decided_by=tx.ctx.user_ref,
        decided_at=tx.now,
        text=text.strip(),
        party_id=party.id if party else None,
        mbl14_deadline=deadline,
        own_text=own_text and bool(text.strip()),
    )
    undo = Recorder()
    if existing:
        undo.changing(existing[0])
        decision.id = existing[0].id
        if existing[0].outcome is Outcome.BORDLAGT and outcome is not Outcome.BORDLAGT:
            _withdraw_carry_over(tx, item)
        tx.store.update(decision)
    else:
        undo.added(tx.store.add(decision))
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "record_decision")
    tx.record("record_decision", group, meeting, detail=f"item={number} outcome={outcome.name}")
    message = tx.say("decision_recorded", number=number, outcome=outcome.value)
    if deadline is not None:
        message += " " + tx.say("mbl14_started", date=format_date(deadline, tx.ctx.lang))
    if historical and outcome in (Outcome.BORDLAGT, Outcome.OENIGHET):
        section = item.section if item.section is not Section.OPENING else Section.DIALOG
        message += " " + tx.say(
            "imported_no_follow_up", ref=meeting.number, section=section.value, title=item.title
        )
    elif outcome is Outcome.BORDLAGT:
        message += " " + _carry_forward(tx, group, meeting)
    return Result(message, meeting_id=meeting.id)


def _carry_forward(tx: Tx, group: Group, meeting: Meeting) -> str:
    following = next_meeting_after(tx, group, meeting)
    if following is None:
        return tx.say("carry_when_planned")
    tx.store.lock(Meeting, following.id)
    carry_over_into(tx, group, following)
    return tx.say("carried_to", ref=following.number)


def _withdraw_carry_over(tx: Tx, item: AgendaItem) -> None:
    """A bordlagt decision changed its mind: take back the proposal it made, if still untouched."""
    for carried in tx.store.find(AgendaItem, carried_from_item_id=item.id):
        if carried.status is ItemStatus.PROPOSED:
            tx.store.delete(carried)


def _session(tx: Tx, ref: int | None, action: Action) -> tuple[Group, Meeting]:
    group = tx.group()
    meeting = tx.meeting(group, ref, Phase.SESSION)
    tx.require(action, group, meeting)
    start_day = meeting.starts_at.astimezone(STOCKHOLM).date()
    if (
        meeting.status in (S.PLANNED, S.PUBLISHED)
        and start_day <= tx.now.astimezone(STOCKHOLM).date()
    ):
        meeting.status = S.HELD
        tx.store.update(meeting)
    return group, meeting


def _recordable(tx: Tx, meeting: Meeting, number: int) -> AgendaItem:
    item = tx.item(meeting, number)
    if item.status is not ItemStatus.ACCEPTED:
        raise UserError("item_not_accepted", number=number)
    return item
