"""Corrections until the minutes are justerade: entries, items, decisions, justerare, meeting."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core import followups
from bot.core.agenda import agenda_changed
from bot.core.agenda_text import meeting_when, when_and_where
from bot.core.content import check_content
from bot.core.context import Result
from bot.core.entries import entries_of, entry_at, move_entry, party_names
from bot.core.limits import check_length
from bot.core.model import (
    AgendaItem,
    Commitment,
    Decision,
    Entry,
    EntryKind,
    Group,
    ImportedMeeting,
    ItemStatus,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    Party,
    Section,
)
from bot.core.permissions import LEAD_ROLES, Action
from bot.core.retiming import retime
from bot.core.texts import UserError
from bot.core.tx import Phase, Tx
from bot.core.undo import Recorder, last_change, restore
from bot.dates import Span, format_when

S = MeetingStatus
ITEM_FIELDS = ("title", "presenter", "description", "links", "section", "risk_assessed")


def _meeting(tx: Tx, ref: int | None) -> tuple[Group, Meeting]:
    """The named meeting, else the one being recorded, else the one being planned."""
    group = tx.group()
    if ref is not None:
        return group, tx.meeting(group, ref, Phase.SESSION)
    try:
        return group, tx.meeting(group, None, Phase.SESSION)
    except UserError:
        return group, tx.meeting(group, None, Phase.AGENDA)


def _is_lead(member: Member) -> bool:
    return member.role in LEAD_ROLES


def _may_change_entry(tx: Tx, group: Group, meeting: Meeting, me: Member, entry: Entry) -> None:
    """Leads change any entry; a member only a statement of their own party."""
    if _is_lead(me):
        return
    if entry.kind is EntryKind.STATEMENT:
        if me.party_id in entry.parties:
            return
        own = tx.store.get(Party, me.party_id)
        raise UserError("statement_not_yours", party=own.label if own else "–")
    tx.require(Action.CORRECT, group, meeting)


def change_entry(tx: Tx, ref: int | None, number: int, seq: int, text: str) -> Result:
    group, meeting = _meeting(tx, ref)
    me = tx.require(Action.CORRECT_STATEMENT, group, meeting)
    item = tx.item(meeting, number)
    entry = entry_at(tx.store, item, seq)
    _may_change_entry(tx, group, meeting, me, entry)
    if entry.kind is EntryKind.STATEMENT:
        check_content(group, "statement", text, required=True)
    else:
        check_content(group, "note", text, required=True)
    if text.strip() == entry.text:
        raise UserError("nothing_changed", example=f"/anteckning ändra {number}.{seq}; ny text")
    undo = Recorder()
    undo.changing(entry)
    entry.text = text.strip()
    entry.changed_at = tx.now
    tx.store.update(entry)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "change_entry")
    tx.record("change_entry", group, meeting, detail=f"entry={number}.{seq}")
    return Result(tx.say("entry_changed", ref=f"{number}.{seq}"), meeting_id=meeting.id)


def remove_entry(tx: Tx, ref: int | None, number: int, seq: int) -> Result:
    group, meeting = _meeting(tx, ref)
    me = tx.require(Action.CORRECT_STATEMENT, group, meeting)
    item = tx.item(meeting, number)
    entry = entry_at(tx.store, item, seq)
    _may_change_entry(tx, group, meeting, me, entry)
    undo = Recorder()
    undo.changing(entry)
    tx.store.delete(entry)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "remove_entry")
    tx.record("remove_entry", group, meeting, detail=f"entry={number}.{seq}")
    return Result(tx.say("entry_removed", ref=f"{number}.{seq}"), meeting_id=meeting.id)


def move_entry_to(tx: Tx, ref: int | None, number: int, seq: int, position: int) -> Result:
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    entry = entry_at(tx.store, item, seq)
    if position < 1:
        raise UserError("need_position", example=f"/anteckning flytta {number}.{seq}; 1")
    undo = Recorder()
    for other in entries_of(tx.store, item):
        undo.changing(other)
    move_entry(tx.store, item, entry, position)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "move_entry")
    tx.record("move_entry", group, meeting, detail=f"entry={number}.{seq} to={position}")
    return Result(
        tx.say("entry_moved", ref=f"{number}.{seq}", position=position), meeting_id=meeting.id
    )


def remove_statement(tx: Tx, ref: int | None, number: int, party_name: str) -> Result:
    """Take a party's statement off an item; from a joint statement only that party's name."""
    group, meeting = _meeting(tx, ref)
    me = tx.require(Action.CORRECT_STATEMENT, group, meeting)
    party = tx.party_named(group, party_name)
    if not _is_lead(me) and party.id != me.party_id:
        own = next(p for p in tx.parties(group) if p.id == me.party_id)
        raise UserError("statement_not_yours", party=own.label)
    item = tx.item(meeting, number)
    theirs = [
        e
        for e in entries_of(tx.store, item)
        if e.kind is EntryKind.STATEMENT and party.id in e.parties
    ]
    if not theirs:
        raise UserError("no_statement", party=party.label, number=number)
    undo = Recorder()
    for entry in theirs:
        undo.changing(entry)
        rest = [p for p in entry.parties if p != party.id]
        if rest:
            entry.party_ids = ",".join(map(str, rest))
            entry.changed_at = tx.now
            tx.store.update(entry)
        else:
            tx.store.delete(entry)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "remove_statement")
    tx.record("remove_statement", group, meeting, detail=f"item={number} party={party.id}")
    return Result(
        tx.say("statement_removed", party=party.label, number=number), meeting_id=meeting.id
    )


def change_item(tx: Tx, ref: int | None, number: int, changes: dict[str, object]) -> Result:
    """Change an item's labelled fields (standing items too); the rest stay as they are."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    example = f"/arende ändra {number}; titel: Ny rubrik"
    if not changes:
        raise UserError("nothing_changed", example=example)
    if "title" in changes:
        check_content(group, "title", str(changes["title"]), required=True)
    if "presenter" in changes:
        check_content(group, "presenter", str(changes["presenter"]))
    if "description" in changes:
        check_content(group, "description", str(changes["description"]))
    if "links" in changes:
        check_content(group, "links", str(changes["links"]))
    section = changes.get("section", item.section)
    risk = changes.get("risk_assessed", item.risk_assessed)
    if risk is not None and section is not Section.BESLUT:
        if "risk_assessed" in changes:
            raise UserError("risk_only_beslut")
        changes["risk_assessed"] = None
    new = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}
    if all(getattr(item, k) == v for k, v in new.items()):
        raise UserError("nothing_changed", example=example)
    undo = Recorder()
    undo.changing(item)
    lines = []
    if new.get("section", item.section) is not item.section:
        others = [
            i for i in tx.store.find(AgendaItem, meeting_id=meeting.id) if i.section is section
        ]
        item.position = max((i.position for i in others), default=0) + 1
        lines.append(f"~ {item.title} → {section.value}")  # type: ignore[union-attr]
    old_title = item.title
    for name, value in new.items():
        setattr(item, name, value)
    if item.title != old_title:
        lines.append(f"~ {old_title} → {item.title}")
    tx.store.update(item)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "change_item")
    names = ",".join(sorted(new))
    tx.record("change_item", group, meeting, detail=f"item={number} fields={names}")
    if not lines:
        lines.append(f"~ {item.title}")
    return Result(
        tx.say("item_changed", number=number),
        agenda_changed(tx, group, meeting, lines),
        meeting.id,
    )


def remove_item(tx: Tx, ref: int | None, number: int) -> Result:
    """Take an item off the meeting, standing items too; what was recorded on it is not shown."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    if item.status is ItemStatus.REJECTED:
        raise UserError("item_already_removed", number=number)
    # A commitment stands under its item in the minutes: it goes or moves first, on purpose.
    promised = [c.id for c in followups.on_item(tx.store, item.id)]
    if promised:
        numbers = ", ".join(str(n) for n in promised)
        raise UserError("item_has_followups", item=number, numbers=numbers, number=promised[0])
    undo = Recorder()
    undo.changing(item)
    was_on_agenda = item.status is ItemStatus.ACCEPTED
    item.status = ItemStatus.REJECTED
    tx.store.update(item)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "remove_item")
    tx.record("remove_item", group, meeting, detail=f"item={number}")
    changes = [f"- {item.title}"] if was_on_agenda else []
    return Result(
        tx.say("item_removed", number=number, ref=meeting.number),
        agenda_changed(tx, group, meeting, changes),
        meeting.id,
    )


def remove_decision(tx: Tx, ref: int | None, number: int) -> Result:
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    found = tx.store.find(Decision, item_id=item.id)
    if not found:
        raise UserError("no_decision", number=number)
    undo = Recorder()
    undo.changing(found[0])
    tx.store.delete(found[0])
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "remove_decision")
    tx.record("remove_decision", group, meeting, detail=f"item={number}")
    return Result(tx.say("decision_removed", number=number), meeting_id=meeting.id)


def change_justerare(tx: Tx, ref: int | None, user_refs: list[str], *, add: bool) -> Result:
    """Add justerare to or take them off the meeting; the last one stays once minutes are posted."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CHOOSE_JUSTERARE, group, meeting)
    if not user_refs:
        raise UserError("justerare_missing")
    chosen = tx.store.find(Justerare, meeting_id=meeting.id)
    undo = Recorder()
    for user_ref in user_refs:
        member = tx.member_or_none(group, user_ref)
        if member is None:
            raise UserError("justerare_not_member", user=user_ref, group=group.key)
        mine = [j for j in chosen if j.member_id == member.id]
        if add and not mine:
            undo.added(tx.store.add(Justerare(meeting_id=meeting.id, member_id=member.id)))
        elif not add:
            if not mine:
                raise UserError("not_justerare", name=member.display_name)
            undo.changing(mine[0])
            tx.store.delete(mine[0])
            chosen.remove(mine[0])
    if not add and not chosen and tx.store.find(MinutesVersion, meeting_id=meeting.id):
        raise UserError("last_justerare")
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "change_justerare")
    tx.record("change_justerare", group, meeting, detail=f"add={add} count={len(user_refs)}")
    parties = {p.id: p for p in tx.parties(group)}
    members = [
        tx.store.get(Member, j.member_id) for j in tx.store.find(Justerare, meeting_id=meeting.id)
    ]
    names = ", ".join(f"{m.display_name} ({parties[m.party_id].label})" for m in members) or "–"
    return Result(
        tx.say("justerare_chosen", ref=meeting.number, names=names), meeting_id=meeting.id
    )


@dataclass
class MeetingChanges:
    """What /mote ändra changes; None leaves a field as it is."""

    when: Span | None = None
    place: str | None = None
    title: str | None = None
    closing: str | None = None
    protocol_number: str | None = None
    dnr: str | None = None
    # An imported meeting's kept fields (bot.core.model.ImportedMeeting): kind and justerare.
    group_kind: str | None = None
    justerare: list[tuple[str, str]] | None = None
    labels: dict[Section, str] = field(default_factory=dict)
    empty_sections: list[Section] | None = None

    def empty(self) -> bool:
        return self == MeetingChanges()


def change_meeting(tx: Tx, ref: int | None, changes: MeetingChanges) -> Result:
    """Time, place and the minutes' own lines of a meeting, until the minutes are justerade."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    example = f"/mote ändra #{meeting.number}; plats: Sof, Bredgatan; tid: 19 mars kl 13–15"
    if changes.empty():
        raise UserError("nothing_changed", example=example)
    undo = Recorder()
    undo.changing(meeting)
    before = (meeting.starts_at, meeting.ends_at, meeting.time_known)
    deadline = meeting.agenda_deadline
    if changes.when is not None:
        span = changes.when
        command = f"/mote ändra #{meeting.number}; tid: "
        retime(tx, group, meeting, span.start, span.end, span.has_time, command=command)
    if changes.place is not None:
        check_length("place", changes.place)
    if changes.protocol_number is not None:
        check_length("protocol_number", changes.protocol_number)
    if changes.dnr is not None:
        check_length("dnr", changes.dnr)
    _change_imported(tx, meeting, changes, undo)
    if changes.title is not None:
        check_content(group, "meeting_title", changes.title)
    if changes.closing is not None:
        check_content(group, "closing", changes.closing)
    for name in ("place", "title", "closing", "protocol_number", "dnr"):
        value = getattr(changes, name)
        if value is not None:
            setattr(meeting, name, value.strip())
    if changes.labels:
        labels = section_labels(meeting)
        for section, label in changes.labels.items():
            check_content(group, "meeting_title", label)
            if label.strip():
                labels[section] = label.strip()
            else:
                labels.pop(section, None)
        meeting.section_labels = "\n".join(f"{s.name}={v}" for s, v in labels.items())
    if changes.empty_sections is not None:
        meeting.empty_sections = ",".join(s.name for s in changes.empty_sections)
    tx.store.update(meeting)
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "change_meeting")
    tx.record("change_meeting", group, meeting)
    lines = []
    lang = tx.ctx.lang
    if (meeting.starts_at, meeting.ends_at, meeting.time_known) != before:
        lines.append(f"~ {meeting_when(meeting, lang)}")
    if changes.place is not None:
        lines.append(f"~ {meeting.place or '–'}")
    message = tx.say("meeting_changed", ref=meeting.number, when=when_and_where(meeting, lang))
    if meeting.agenda_deadline != deadline:
        when = format_when(meeting.agenda_deadline, lang)
        message += " " + tx.say("deadline_now", deadline=when)
    return Result(
        message,
        agenda_changed(tx, group, meeting, lines),
        meeting.id,
    )


def _change_imported(tx: Tx, meeting: Meeting, changes: MeetingChanges, undo: Recorder) -> None:
    """The group kind and the justerare an imported file named, as an admin corrects them."""
    if changes.group_kind is None and changes.justerare is None:
        return
    found = tx.store.find(ImportedMeeting, meeting_id=meeting.id)
    if not found:
        name = "grupptyp" if changes.group_kind is not None else "justerare"
        raise UserError("imported_field_only", field=name)
    imported = found[0]
    undo.changing(imported)
    if changes.group_kind is not None:
        check_length("group_kind", changes.group_kind.strip())
        imported.group_kind = changes.group_kind.strip()
    if changes.justerare is not None:
        for name, party in changes.justerare:
            check_length("display_name", name)
            check_length("party_name", party)
            # The kept field is one "name|party" line per person; a "|" would move the party.
            if "|" in name + party:
                raise UserError("justerare_name_character", char="|", ref=meeting.number)
        imported.justerare = ImportedMeeting.people_text(changes.justerare)
    tx.store.update(imported)


def section_labels(meeting: Meeting) -> dict[Section, str]:
    labels = {}
    for line in meeting.section_labels.splitlines():
        name, _, label = line.partition("=")
        if name in Section.__members__ and label:
            labels[Section[name]] = label
    return labels


def empty_sections(meeting: Meeting) -> list[Section]:
    return [Section[n] for n in meeting.empty_sections.split(",") if n in Section.__members__]


def undo_last(tx: Tx, ref: int | None) -> Result:
    """Take back the last change the caller made on this meeting."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.UNDO, group, meeting)
    change = last_change(tx.store, meeting, tx.ctx.user_ref)
    if change is None:
        raise UserError("nothing_to_undo", ref=meeting.number)
    restore(tx.store, change)
    tx.record("undo", group, meeting, detail=f"change={change.id} action={change.action}")
    return Result(
        tx.say("undone", ref=meeting.number),
        meeting_id=meeting.id,
    )


def show_item(tx: Tx, ref: int | None, number: int) -> Result:
    """One item with its entries and their references, for the secretary to correct."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.VIEW, group)
    item = tx.item(meeting, number)
    parties = {p.id: p for p in tx.parties(group)}
    lines = [f"[{item.number}] {item.title}" + (f" – {item.presenter}" if item.presenter else "")]
    lines.append(f"{item.section.value}")
    if item.description:
        lines.append(item.description)
    for entry in entries_of(tx.store, item):
        text = entry.text
        if entry.kind is EntryKind.STATEMENT:
            text = f"Protokollsanteckning från {party_names(parties, entry)}: {text}"
        lines.append(f"  {item.number}.{entry.seq}  {text}")
    # Commitments by the number /uppfoljning ändra and ta bort take.
    for commitment in followups.on_item(tx.store, item.id):
        line = followups.minutes_line(commitment)
        lines.append(f"  {tx.say('followup_label', number=commitment.id)}: {line}")
    decision = tx.store.find(Decision, item_id=item.id)
    if decision:
        lines.append(
            f"  {tx.say('decision_label')}: {decision[0].outcome.value} {decision[0].text}".rstrip()
        )
    if len(lines) == 2 + bool(item.description):
        lines.append(tx.say("item_has_no_entries", number=number))
    return Result("\n".join(lines), meeting_id=meeting.id)


def item_text(tx: Tx, ref: int | None, number: int) -> tuple[Meeting, AgendaItem, list[Entry]]:
    """An item and its entries, for an adapter's edit form (the leads correct it whole)."""
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    return meeting, item, entries_of(tx.store, item)


def edit_item(
    tx: Tx,
    ref: int | None,
    number: int,
    title: str,
    presenter: str,
    texts: dict[int, str],
    commitments: dict[int, followups.CommitmentChanges | None] | None = None,
) -> Result:
    """The whole item at once, as an edit form returns it: an emptied entry is removed.

    commitments are the item's commitments the form changed (None: emptied, removed); a
    refusal about one names it in params["followup"], for the form to show it there.
    """
    group, meeting = _meeting(tx, ref)
    tx.require(Action.CORRECT, group, meeting)
    item = tx.item(meeting, number)
    promised = 0
    for commitment_number, changes in (commitments or {}).items():
        try:
            known = tx.store.get(Commitment, commitment_number)
            if known is None or known.item_id != item.id or known.group_id != group.id:
                raise UserError("unknown_followup", number=commitment_number)
            if changes is None:
                followups.remove_commitment(tx, commitment_number)
            elif changes.empty:
                continue
            else:
                try:
                    followups.change_commitment(tx, commitment_number, changes)
                except UserError as error:
                    if error.key != "nothing_changed":
                        raise
                    continue  # the form said what it already says: no change, no refusal
        except UserError as error:
            error.params.setdefault("followup", commitment_number)
            raise
        promised += 1
    check_content(group, "title", title, required=True)
    check_content(group, "presenter", presenter)
    entries = {e.seq: e for e in entries_of(tx.store, item)}
    for seq, text in texts.items():
        if seq not in entries:
            raise UserError("unknown_entry", ref=f"{number}.{seq}", refs="–", number=number)
        if entries[seq].kind is EntryKind.STATEMENT:
            check_content(group, "statement", text)
        else:
            check_content(group, "note", text)
    undo = Recorder()
    changed = 0
    if (item.title, item.presenter) != (title.strip(), presenter.strip()):
        undo.changing(item)
        item.title, item.presenter = title.strip(), presenter.strip()
        tx.store.update(item)
        changed += 1
    for seq, text in texts.items():
        entry = entries[seq]
        if text.strip() == entry.text:
            continue
        undo.changing(entry)
        changed += 1
        if not text.strip():
            tx.store.delete(entry)
            continue
        entry.text, entry.changed_at = text.strip(), tx.now
        tx.store.update(entry)
    if not changed and not promised:
        raise UserError("nothing_changed", example=f"/anteckning ändra {number}.1; Ny text.")
    undo.save(tx.store, meeting, tx.ctx.user_ref, tx.now, "edit_item")
    tx.record("edit_item", group, meeting, detail=f"item={number} changes={changed}")
    return Result(tx.say("item_changed", number=number), meeting_id=meeting.id)


def entry_labels(tx: Tx, meeting_id: int, entry_ids: list[int]) -> dict[int, str]:
    """How an edit form labels each entry: "4.2 Anteckning" or "4.3 Protokollsanteckning …"."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    parties = {p.id: p for p in tx.parties(group)}
    labels = {}
    for entry in tx.store.find(Entry, id=entry_ids) if entry_ids else []:
        item = tx.store.get(AgendaItem, entry.item_id)
        if item is None or item.meeting_id != meeting_id:
            continue
        if entry.kind is EntryKind.STATEMENT:
            label = f"Protokollsanteckning från {party_names(parties, entry)}"
        else:
            label = "Anteckning"
        labels[entry.id] = f"{label} ({item.number}.{entry.seq})"
    return labels
