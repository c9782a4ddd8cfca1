"""Old minutes into the archive: a finished meeting with its items, decisions and full text."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from bot.core.context import STOCKHOLM, Result
from bot.core.entries import add_entry, entries_of
from bot.core.imported import IMPORT_ACTION
from bot.core.minutes import content_hash
from bot.core.model import (
    IMPORTED_BY,
    AgendaItem,
    Decision,
    EntryKind,
    Group,
    ImportedMeeting,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    MinutesVersion,
    Outcome,
    ProcessedRequest,
    SearchEntry,
    Section,
)
from bot.core.ports import Between
from bot.core.privacy import check_text
from bot.core.texts import UserError
from bot.core.tx import Tx, normalise_key
from bot.importer.checks import MAX_ITEMS, MAX_TEXT_CHARS, language_of, similarity

OUTCOMES = {
    "samverkat": Outcome.SAMVERKAT,
    "enighet": Outcome.ENIGHET,
    "oenighet": Outcome.OENIGHET,
    "bordlagt": Outcome.BORDLAGT,
    "inget beslut": Outcome.NO_DECISION,
    "beslutat": Outcome.DECIDED,
}
IMPORTER = IMPORTED_BY


def import_minutes(
    tx: Tx,
    group_key: str,
    minutes: Any,
    key: str,
    *,
    dry_run: bool = False,
    allow_similar: bool = False,
) -> Result:
    """Store parsed minutes (bot.importer.ImportedMinutes) as a justerad meeting of the group.

    The same file again (same key) is recognised and skipped; text with a personnummer is
    refused whole, so that nothing of it is archived until someone has removed it; what is not
    minutes (too long, too many items, not Swedish) and a near copy of imported minutes of the
    same day are refused with a reason. dry_run checks and reports without storing anything.
    """
    found = tx.store.find(Group, key=normalise_key(group_key))
    if not found:
        raise UserError("unknown_group", key=group_key)
    group = found[0]
    if tx.store.find(ProcessedRequest, key=f"import:{key}"):
        return Result(tx.say("import_duplicate", source=minutes.source))
    if minutes.date is None:
        raise UserError("import_no_date", source=minutes.source)
    _check_is_minutes(minutes)
    check_text(minutes.full_text)
    if not allow_similar:
        _check_not_similar(tx, group, minutes)
    report = _report(tx, minutes)
    if dry_run:
        return Result(tx.say("import_preview", source=minutes.source, found=report))
    clock = _time(getattr(minutes, "time", ""))
    # Minutes that name no time are a whole day, as a meeting planned with a date only.
    starts = datetime.combine(minutes.date, clock if clock is not None else time(0), STOCKHOLM)
    meeting = tx.store.add(
        Meeting(
            group_id=group.id,
            starts_at=starts,
            time_known=clock is not None,
            place=minutes.place,
            agenda_deadline=starts,
            status=MeetingStatus.JUSTERAD,
            protocol_number=minutes.protocol_number,
            dnr=minutes.dnr,
        )
    )
    positions: dict[Section, int] = {}
    for number, item in enumerate(minutes.items, start=1):
        section = _section(item.section)
        positions[section] = positions.get(section, 0) + 1
        stored = tx.store.add(
            AgendaItem(
                meeting_id=meeting.id,
                number=number,
                section=section,
                title=item.title[:200],
                proposer_ref=IMPORTER,
                proposed_at=starts,
                presenter=item.presenter[:100],
                position=positions[section],
                origin=ItemOrigin.IMPORTED,
                status=ItemStatus.ACCEPTED,
            )
        )
        if item.text:
            add_entry(tx.store, stored, EntryKind.NOTE, IMPORTER, item.text, starts)
        if item.decision in OUTCOMES:
            tx.store.add(
                Decision(
                    item_id=stored.id,
                    outcome=OUTCOMES[item.decision],
                    decided_by=IMPORTER,
                    decided_at=starts,
                )
            )
        tx.store.add(_entry(group, meeting, item.title, item.text, number))
    justerare = ", ".join(f"{n} ({p})" if p else n for n, p in minutes.justerare)
    extra = "\n".join(
        x for x in (f"Justerare: {justerare}" if justerare else "", minutes.unstructured) if x
    )
    if extra:
        tx.store.add(_entry(group, meeting, minutes.source or "Övrig text", extra, None))
    tx.store.add(
        MinutesVersion(
            meeting_id=meeting.id,
            number=1,
            text=minutes.full_text,
            content_hash=content_hash(minutes.full_text),
            posted_by=IMPORTER,
            posted_at=starts,
        )
    )
    tx.store.add(
        ImportedMeeting(
            meeting_id=meeting.id,
            source=minutes.source[:200],
            content_key=key,
            group_kind=minutes.group_kind[:64],
            justerare=ImportedMeeting.people_text(minutes.justerare),
            report=report,
        )
    )
    tx.store.add(ProcessedRequest(key=f"import:{key}", at=tx.now, reply=minutes.source))
    tx.record(IMPORT_ACTION, group, meeting, detail=f"items={len(minutes.items)}")
    return Result(
        tx.say("import_done", source=minutes.source, ref=meeting.number, found=report),
        meeting_id=meeting.id,
    )


def reindex_imported(tx: Tx, meeting_id: int) -> None:
    """After an admin's correction of an imported meeting its search entries say what its items
    now say: a removed or corrected sentence is no longer found. Live meetings are indexed when
    justerade, never corrected after: nothing to do for them."""
    meeting = tx.store.get(Meeting, meeting_id)
    if meeting is None or not tx.store.find(ImportedMeeting, meeting_id=meeting_id):
        return
    group = tx.store.get(Group, meeting.group_id)
    indexed = {
        e.item_number: e
        for e in tx.store.find(SearchEntry, meeting_id=meeting_id)
        if e.item_number is not None
    }
    for item in tx.store.find(AgendaItem, meeting_id=meeting_id):
        body = "\n".join(e.text for e in entries_of(tx.store, item))
        known = indexed.pop(item.number, None)
        if known is None:
            tx.store.add(_entry(group, meeting, item.title, body, item.number))
        elif (known.title, known.body) != (item.title, body):
            known.title, known.body = item.title, body
            tx.store.update(known)
    for gone in indexed.values():  # an item removed from the meeting
        tx.store.delete(gone)


def _report(tx: Tx, minutes: Any) -> str:
    """What was recognised, then what a person should check ("datum från sidhuvudet")."""
    found = ", ".join(minutes.recognised) or "–"
    uncertain = list(getattr(minutes, "uncertain", []))
    if not uncertain:
        return found
    return f"{found}; {tx.say('import_uncertain')}: {', '.join(uncertain)}"


def _check_is_minutes(minutes: Any) -> None:
    if len(minutes.full_text) > MAX_TEXT_CHARS:
        raise UserError("import_too_long", source=minutes.source, limit=MAX_TEXT_CHARS // 1000)
    if len(minutes.items) > MAX_ITEMS:
        raise UserError("import_too_many_items", source=minutes.source, count=len(minutes.items))
    if language_of(minutes.full_text) == "en":
        raise UserError("import_not_swedish", source=minutes.source)


SIMILAR = 0.8  # share of five-word runs two files have in common


def _check_not_similar(tx: Tx, group: Group, minutes: Any) -> None:
    """A copy with a word changed is the same minutes: same day, most of the text."""
    day = minutes.date
    # Only the group's meetings of that day (an index on group and start), not all its years.
    starts = datetime.combine(day, time(0), STOCKHOLM)
    ends = datetime.combine(day + timedelta(days=1), time(0), STOCKHOLM)
    for meeting in tx.store.find(Meeting, group_id=group.id, starts_at=Between(starts, ends)):
        if not tx.store.find(ImportedMeeting, meeting_id=meeting.id):
            continue
        for version in tx.store.find(MinutesVersion, meeting_id=meeting.id):
            share = similarity(version.text, minutes.full_text)
            if share >= SIMILAR:
                raise UserError(
                    "import_similar",
                    source=minutes.source,
                    ref=meeting.number,
                    share=round(share * 100),
                )


def _time(text: str) -> time | None:
    """ "13:00" from the minutes' header; None when they say no time."""
    try:
        hour, minute = (int(part) for part in text.split(":"))
        return time(hour, minute)
    except ValueError:
        return None


def _section(name: str) -> Section:
    for section in Section:
        if section.value == name:
            return section
    return Section.OVRIGT


def _entry(group: Group, meeting: Meeting, title: str, body: str, number: int | None):
    return SearchEntry(
        group_id=group.id,
        meeting_id=meeting.id,
        held_on=meeting.starts_at.astimezone(STOCKHOLM).date(),
        title=title,
        body=body,
        item_number=number,
    )
