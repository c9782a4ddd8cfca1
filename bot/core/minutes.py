"""The minutes as text in the structure our groups have always written, and their content hash."""

from __future__ import annotations

import hashlib
from dataclasses import InitVar, dataclass, field
from datetime import datetime

from bot.core.context import STOCKHOLM
from bot.core.model import (
    AgendaItem,
    Decision,
    EntryKind,
    Group,
    ItemOrigin,
    Meeting,
    Outcome,
    Section,
)
from bot.dates import format_date, format_when

OUTCOME_SENTENCES: dict[Outcome, str] = {
    Outcome.SAMVERKAT: "Ärendet är samverkat.",
    Outcome.ENIGHET: "Arbetsgivaren och de fackliga parterna är eniga. Ärendet är samverkat.",
    Outcome.OENIGHET: "Parterna är oeniga.",
    Outcome.BORDLAGT: "Ärendet bordläggs och tas upp igen vid nästa möte.",
    Outcome.INFORMATION: "Informationen läggs till handlingarna.",
    Outcome.NO_DECISION: "Inget beslut fattades.",
    Outcome.DECIDED: "Beslut fattades.",
}


@dataclass(frozen=True)
class PersonLine:
    name: str
    party: str


@dataclass(frozen=True)
class EntryLine:
    """One entry as the minutes show it; party names who made a statement."""

    kind: EntryKind
    text: str
    party: str = ""
    ref: str = ""  # "4.2", for the secretary's view; never part of the minutes' text

    @property
    def line(self) -> str:
        if self.kind is EntryKind.STATEMENT:
            return f"Protokollsanteckning från {self.party}: {self.text}"
        return self.text


def note(text: str) -> EntryLine:
    return EntryLine(EntryKind.NOTE, text)


def statement(party: str, text: str) -> EntryLine:
    return EntryLine(EntryKind.STATEMENT, text, party)


@dataclass
class ItemMinutes:
    item: AgendaItem
    entries: list[EntryLine] = field(default_factory=list)  # in the order recorded
    decision: Decision | None = None
    decision_party: str = ""
    # Shorthands for building one by hand: notes, then (party, text) statements, after entries.
    notes: InitVar[list[str] | None] = None
    statements: InitVar[list[tuple[str, str]] | None] = None

    def __post_init__(
        self, notes: list[str] | None, statements: list[tuple[str, str]] | None
    ) -> None:
        self.entries = [
            *self.entries,
            *(note(t) for t in notes or ()),
            *(statement(p, t) for p, t in statements or ()),
        ]


@dataclass
class MinutesDoc:
    group: Group
    meeting: Meeting
    items: list[ItemMinutes]
    justerare: list[PersonLine]
    secretary: str = ""


@dataclass(frozen=True)
class Stamp:
    person: PersonLine
    at: datetime


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_minutes(doc: MinutesDoc) -> str:
    """The body that justerare approve; its hash identifies the version."""
    meeting = doc.meeting
    local = meeting.starts_at.astimezone(STOCKHOLM)
    out = [f"Minnesanteckningar från samverkansgrupp {doc.group.key}", doc.group.name, ""]
    out.append(meta_line(meeting, local.date().isoformat()))
    if meeting.protocol_number:
        out.append(f"Bilaga till protokoll {meeting.protocol_number}")
    if meeting.dnr:
        out.append(f"Dnr: {meeting.dnr}")
    out += ["", "Ärendelista"]
    current: Section | None = None
    for entry in doc.items:
        section = entry.item.section
        if section is not current and section is not Section.OPENING:
            out += ["", section.value]
        current = section
        out += ["", *_item_block(entry, doc)]
    out += ["", "Justering"]
    out.append("Justerare: " + ", ".join(f"{p.name} ({p.party})" for p in doc.justerare))
    if doc.secretary:
        out.append(f"Vid anteckningarna: {doc.secretary}")
    return "\n".join(out) + "\n"


def time_text(meeting: Meeting) -> str:
    """The meeting's time as far as it is known: "13.00", "13.00–15.00" or nothing."""
    if not meeting.time_known:
        return ""
    text = f"{meeting.starts_at.astimezone(STOCKHOLM):%H.%M}"
    if meeting.ends_at is not None:
        text += f"–{meeting.ends_at.astimezone(STOCKHOLM):%H.%M}"
    return text


def meta_line(meeting: Meeting, day: str) -> str:
    """Datum, and Tid and Plats only when known: the minutes never invent what nobody said."""
    parts = [f"Datum: {day}"]
    if time_text(meeting):
        parts.append(f"Tid: {time_text(meeting)}")
    if meeting.place:
        parts.append(f"Plats: {meeting.place}")
    return "  ".join(parts)


def render_final(body: str, version: int, stamps: list[Stamp]) -> str:
    """The justerade minutes: the approved body, who approved it when, and its hash."""
    lines = [body.rstrip("\n"), "", "Justerat"]
    for stamp in stamps:
        lines.append(f"{stamp.person.name}, {stamp.person.party}: godkänt {format_when(stamp.at)}")
    lines.append(f"Version {version}, SHA-256 {content_hash(body)}")
    return "\n".join(lines) + "\n"


def _item_block(entry: ItemMinutes, doc: MinutesDoc) -> list[str]:
    item = entry.item
    heading = item.title + (f", {item.presenter}" if item.presenter else "")
    if item.section in (Section.DIALOG, Section.BESLUT, Section.OVRIGT) or (
        item.section is Section.INFORMATION and item.origin is not ItemOrigin.STANDING
    ):
        heading = f"• {heading}"
    lines = [heading]
    if item.title == "Val av justerare" and item.section is Section.OPENING and doc.justerare:
        lines.append(chosen_sentence(doc.justerare))
    if item.section is Section.BESLUT and item.risk_assessed is not None:
        lines.append(
            "Riskbedömning är gjord." if item.risk_assessed else "Riskbedömning är inte gjord."
        )
    if item.links:
        lines.append(f"Underlag: {item.links}")
    lines += [e.line for e in entry.entries]
    if entry.decision is not None:
        lines.append(decision_sentence(entry.decision, entry.decision_party))
    return lines


def render_item_text(entry: ItemMinutes) -> str:
    """An item's notes, statements and decision as plain text, for search."""
    lines = [e.line for e in entry.entries]
    if entry.decision is not None:
        lines.append(decision_sentence(entry.decision, entry.decision_party))
    return "\n".join(lines)


def chosen_sentence(people: list[PersonLine]) -> str:
    names = [f"{p.name}, {p.party}" for p in people]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    return f"{joined} valdes som justerare."


def decision_sentence(decision: Decision, party: str) -> str:
    sentence = OUTCOME_SENTENCES[decision.outcome]
    if decision.outcome is Outcome.OENIGHET:
        who = party or "De fackliga parterna"
        sentence += (
            f" {who} kan begära central förhandling enligt MBL §14 senast "
            f"{format_date(decision.mbl14_deadline)}; arbetsgivaren avvaktar med beslut till dess."
        )
    if decision.text:
        sentence = f"{sentence} {decision.text}"
    return sentence
