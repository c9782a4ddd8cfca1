"""The minutes as text in the structure our groups have always written, and their content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.context import STOCKHOLM
from bot.core.model import AgendaItem, Decision, Group, ItemOrigin, Meeting, Outcome, Section
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


@dataclass
class ItemMinutes:
    item: AgendaItem
    notes: list[str] = field(default_factory=list)
    statements: list[tuple[str, str]] = field(default_factory=list)  # (party, text)
    decision: Decision | None = None
    decision_party: str = ""


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
    out.append(f"Datum: {local.date().isoformat()}  Tid: {local:%H.%M}  Plats: {meeting.place}")
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
    lines += entry.notes
    lines += [f"Protokollsanteckning från {party}: {text}" for party, text in entry.statements]
    if entry.decision is not None:
        lines.append(decision_sentence(entry.decision, entry.decision_party))
    return lines


def render_item_text(entry: ItemMinutes) -> str:
    """An item's notes, statements and decision as plain text, for search."""
    lines = list(entry.notes)
    lines += [f"Protokollsanteckning från {party}: {text}" for party, text in entry.statements]
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
