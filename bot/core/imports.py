"""Old minutes into the archive: a finished meeting with its items, decisions and full text."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from bot.core.context import STOCKHOLM, Result
from bot.core.minutes import content_hash
from bot.core.model import (
    AgendaItem,
    Decision,
    Group,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    MinutesVersion,
    Note,
    Outcome,
    ProcessedRequest,
    SearchEntry,
    Section,
)
from bot.core.privacy import check_text
from bot.core.texts import UserError
from bot.core.tx import Tx, normalise_key

OUTCOMES = {
    "samverkat": Outcome.SAMVERKAT,
    "enighet": Outcome.ENIGHET,
    "oenighet": Outcome.OENIGHET,
    "bordlagt": Outcome.BORDLAGT,
    "inget beslut": Outcome.NO_DECISION,
    "beslutat": Outcome.DECIDED,
}
IMPORTER = "system:import"
NOON = time(12, 0)  # old minutes give a day, seldom a time


def import_minutes(tx: Tx, group_key: str, minutes: Any, key: str) -> Result:
    """Store parsed minutes (bot.importer.ImportedMinutes) as a justerad meeting of the group.

    The same file again (same key) is recognised and skipped; text with a personnummer is
    refused whole, so that nothing of it is archived until someone has removed it.
    """
    found = tx.store.find(Group, key=normalise_key(group_key))
    if not found:
        raise UserError("unknown_group", key=group_key)
    group = found[0]
    if tx.store.find(ProcessedRequest, key=f"import:{key}"):
        return Result(tx.say("import_duplicate", source=minutes.source))
    if minutes.date is None:
        raise UserError("import_no_date", source=minutes.source)
    check_text(minutes.full_text)
    starts = datetime.combine(minutes.date, _time(getattr(minutes, "time", "")), STOCKHOLM)
    meeting = tx.store.add(
        Meeting(
            group_id=group.id,
            starts_at=starts,
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
            tx.store.add(
                Note(item_id=stored.id, author_ref=IMPORTER, text=item.text, created_at=starts)
            )
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
    tx.store.add(ProcessedRequest(key=f"import:{key}", at=tx.now, reply=minutes.source))
    tx.record("import_minutes", group, meeting, detail=f"items={len(minutes.items)}")
    return Result(
        tx.say(
            "import_done",
            source=minutes.source,
            ref=meeting.id,
            found=", ".join(minutes.recognised) or "–",
        ),
        meeting_id=meeting.id,
    )


def _time(text: str) -> time:
    """ "13:00" from the minutes' header; noon when they say no time."""
    try:
        hour, minute = (int(part) for part in text.split(":"))
        return time(hour, minute)
    except ValueError:
        return NOON


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
