"""The minutes as text in the structure our groups have always written, and their content hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import InitVar, dataclass, field
from datetime import datetime

from bot.core.context import STOCKHOLM
from bot.core.housestyle import DEFAULT, HouseStyle, built_in
from bot.core.model import (
    IMPORTED_BY,
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
    employer: bool = False  # of the employer's side: "för arbetsgivaren"


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


@dataclass(frozen=True)
class CommitmentLine:
    """A commitment as the minutes show it: who does what by when (uppföljning)."""

    responsible: str
    what: str
    due: str  # "30 oktober 2026", or "" for by the group's next meeting
    line: str  # the sentence under the item: "HR-chef – ta fram …, senast 30 oktober 2026."
    number: int = 0  # its reference for /uppfoljning; never part of the minutes' text

    @property
    def when(self) -> str:
        return self.due or "till nästa möte"


@dataclass
class ItemMinutes:
    item: AgendaItem
    entries: list[EntryLine] = field(default_factory=list)  # in the order recorded
    decision: Decision | None = None
    decision_party: str = ""
    commitments: list[CommitmentLine] = field(default_factory=list)  # made on this item
    outcomes: list[str] = field(default_factory=list)  # closed ones this follow-up item reports
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
    style: HouseStyle = field(default_factory=lambda: built_in(DEFAULT))
    # Outcomes this meeting reports of commitments with no follow-up item on it.
    outcomes: list[str] = field(default_factory=list)

    @property
    def commitments(self) -> list[CommitmentLine]:
        """Every commitment made at the meeting, in the order of the items: the list at the end."""
        return [c for entry in self.items for c in entry.commitments]


@dataclass(frozen=True)
class Stamp:
    person: PersonLine
    at: datetime


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the one outline every format follows ---------------------------------------------------


@dataclass(frozen=True)
class SectionOutline:
    heading: str  # "" when the items stand under the agenda heading
    items: tuple[ItemMinutes, ...]
    empty_text: str = ""  # "Inga beslut" for a section stated empty
    label: str = ""  # the section's name before the style words it ("Övrigt")


@dataclass(frozen=True)
class Outline:
    """What the minutes say around their items, as the group's house style words it."""

    title: str
    header: tuple[str, ...]
    meta: str
    meta_document: str  # the same with the date written out, as the files show it
    protocol: str
    dnr: str
    agenda_heading: str
    sections: tuple[SectionOutline, ...]
    closing: tuple[str, ...]
    justering_heading: str
    # The justering sentence opening the justering block, when the style words it so ("2021").
    justering_sentence: str = ""
    outcomes_heading: str = ""  # over the outcomes without an item here; "" when there are none
    outcomes: tuple[str, ...] = ()
    commitments_heading: str = ""  # over the list at the end; "" when the style has none
    commitments_columns: tuple[str, ...] = ()  # its column heads, "Vad", "Vem", "När"
    commitments: tuple[tuple[str, str, str], ...] = ()  # (what, who, when) rows


def style_values(doc: MinutesDoc) -> dict[str, str]:
    meeting = doc.meeting
    day = meeting.starts_at.astimezone(STOCKHOLM).date()
    return {
        "group": doc.group.key,
        "group_name": doc.group.name,
        "unit": doc.group.unit,
        "meeting_title": meeting.title,
        "date": day.isoformat(),
        "date_long": format_date(day),
        "protocol": meeting.protocol_number,
        "dnr": meeting.dnr,
    }


def _labels(meeting: Meeting) -> dict[Section, str]:
    labels = {}
    for line in meeting.section_labels.splitlines():
        name, _, label = line.partition("=")
        if name in Section.__members__ and label:
            labels[Section[name]] = label
    return labels


def _stated_empty(meeting: Meeting) -> set[Section]:
    return {Section[n] for n in meeting.empty_sections.split(",") if n in Section.__members__}


def outline(doc: MinutesDoc) -> Outline:
    style, meeting = doc.style, doc.meeting
    values = style_values(doc)
    title = style.fill(style.title_with_meeting if meeting.title else style.title, values)
    header = tuple(line for line in (style.fill(h, values) for h in style.header) if line)
    date = style.fill(style.meta_date, values) if style.meta_date else ""
    labels, empty = _labels(meeting), _stated_empty(meeting)
    by_section: dict[Section, list[ItemMinutes]] = {}
    for entry in doc.items:
        section = entry.item.section
        if section is Section.OPENING and style.opening_under == "information":
            section = Section.INFORMATION
        by_section.setdefault(section, []).append(entry)
    sections = []
    for section in Section:
        items = by_section.get(section, [])
        if not items and section not in empty:
            continue
        heading = label = ""
        if section is not Section.OPENING:
            label = labels.get(section, section.value)
            heading = style.fill(style.section_heading, {"label": label})
        empty_text = "" if items else style.empty_section
        sections.append(SectionOutline(heading, tuple(items), empty_text, label))
    closing = [meeting.closing] if meeting.closing else []
    if style.closing_sentence and doc.justerare:
        closing.append(justering_sentence(doc.justerare))
    return Outline(
        title=title,
        header=header,
        meta=meta_line(meeting, date),
        meta_document=meta_line(meeting, values["date_long"] if date else ""),
        protocol=style.fill(style.protocol_line, values) if meeting.protocol_number else "",
        dnr=f"Dnr: {meeting.dnr}" if meeting.dnr else "",
        agenda_heading=style.agenda_heading,
        sections=tuple(sections),
        closing=tuple(closing),
        justering_heading=style.justering_heading,
        justering_sentence=(
            justering_sentence(doc.justerare) if "{sentence}" in style.justerare_line else ""
        ),
        outcomes_heading=style.outcomes_heading if doc.outcomes else "",
        outcomes=tuple(doc.outcomes),
        **_commitment_list(doc),
    )


def _commitment_list(doc: MinutesDoc) -> dict[str, object]:
    """The list of what the meeting promised, for the house styles that want one at the end."""
    style, made = doc.style, doc.commitments
    if not style.commitment_list or not made:
        return {}
    return {
        "commitments_heading": style.commitment_list_heading,
        "commitments_columns": style.commitment_list_columns,
        "commitments": tuple((_sentence(c.what), c.responsible, c.when) for c in made),
    }


def _sentence(text: str) -> str:
    return text.strip().rstrip(".")


def render_minutes(doc: MinutesDoc, refs: bool = False) -> str:
    """The body that justerare approve; its hash identifies the version. With refs, the
    secretary's view: each note and statement led by its reference ("[4.2] "), never posted."""
    shape = outline(doc)
    out = [shape.title, *shape.header, ""]
    out += [line for line in (shape.meta, shape.protocol, shape.dnr) if line]
    if shape.agenda_heading:
        out += ["", shape.agenda_heading]
    for section in shape.sections:
        if section.heading:
            out += ["", section.heading]
        if section.empty_text:
            out += ["", section.empty_text]
        for entry in section.items:
            out += ["", *_item_block(entry, doc, section.label, refs)]
    if shape.outcomes:
        out += ["", shape.outcomes_heading, *shape.outcomes]
    if shape.commitments:
        out += ["", shape.commitments_heading, " | ".join(shape.commitments_columns)]
        out += [" | ".join(row) for row in shape.commitments]
    for line in shape.closing:
        out += ["", line]
    out += ["", shape.justering_heading]
    names = ", ".join(f"{p.name} ({p.party})" for p in doc.justerare)
    sentence = justering_sentence(doc.justerare)
    line = doc.style.fill(doc.style.justerare_line, {"names": names, "sentence": sentence})
    if line:
        out.append(line)
    if doc.secretary:
        out.append(doc.style.fill(doc.style.secretary_line, {"secretary": doc.secretary}))
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
    parts = [f"Datum: {day}"] if day else []
    if time_text(meeting):
        parts.append(f"Tid: {time_text(meeting)}")
    if meeting.place:
        parts.append(f"Plats: {meeting.place}")
    return "  ".join(parts)


def render_final(body: str, version: int, stamps: list[Stamp], heading: str = "Justerat") -> str:
    """The justerade minutes: the approved body, who approved it when, and its hash."""
    lines = [body.rstrip("\n"), "", heading]
    for stamp in stamps:
        lines.append(f"{stamp.person.name}, {stamp.person.party}: godkänt {format_when(stamp.at)}")
    lines.append(f"Version {version}, SHA-256 {content_hash(body)}")
    return "\n".join(lines) + "\n"


def marked(item: AgendaItem) -> bool:
    """Whether the style's item marker goes before the item's heading (as in the 2025 form)."""
    return item.section in (Section.DIALOG, Section.BESLUT, Section.OVRIGT) or (
        item.section is Section.INFORMATION and item.origin is not ItemOrigin.STANDING
    )


def is_justerare_item(item: AgendaItem) -> bool:
    return item.title == "Val av justerare" and item.section is Section.OPENING


def headed(item: AgendaItem, label: str) -> bool:
    """Whether an item gets a heading: not one named as its own section with nobody presenting
    ("Övrigt:" then the text, as minutes write a section's only item), never twice the same."""
    return bool(item.presenter) or item.title.strip().casefold() != label.strip().casefold()


def _item_block(
    entry: ItemMinutes, doc: MinutesDoc, label: str = "", refs: bool = False
) -> list[str]:
    item = entry.item
    heading = item.title + (f", {item.presenter}" if item.presenter else "")
    if marked(item):
        heading = f"{doc.style.item_marker}{heading}"
    lines = [heading] if headed(item, label) else []
    if is_justerare_item(item) and doc.justerare:
        style = doc.style
        lines.append(chosen_sentence(doc.justerare, style.chosen_with_party, style.chosen_sentence))
    if item.section is Section.BESLUT and item.risk_assessed is not None:
        lines.append(
            "Riskbedömning är gjord." if item.risk_assessed else "Riskbedömning är inte gjord."
        )
    if item.links:
        lines.append(f"Underlag: {item.links}")
    lines += [
        (f"[{e.ref}] " if refs and e.ref else "") + _plain_line(e.line) for e in entry.entries
    ]
    lines += commitment_lines(entry, doc.style)
    if entry.decision is not None and (
        sentence := decision_sentence(entry.decision, entry.decision_party)
    ):
        lines.append(sentence)
    return lines


def commitment_lines(entry: ItemMinutes, style: HouseStyle) -> list[str]:
    """Under the item, after what was said: the commitments made, then the outcomes reported."""
    lines = [f"{style.commitment_lead} {c.line}".strip() for c in entry.commitments]
    return lines + [f"{style.outcome_lead} {text}".strip() for text in entry.outcomes]


def _plain_line(text: str) -> str:
    """Sub-headings typed as "## Fackliga inspel" read as the heading alone in plain text."""
    return "\n".join(re.sub(r"^\s*#{2,4}\s+(?=\S)", "", line) for line in text.split("\n"))


def render_item_text(entry: ItemMinutes, style: HouseStyle | None = None) -> str:
    """An item's notes, statements, commitments and decision as plain text, for search."""
    lines = [_plain_line(e.line) for e in entry.entries]
    lines += commitment_lines(entry, style or built_in(DEFAULT))
    if entry.decision is not None and (
        sentence := decision_sentence(entry.decision, entry.decision_party)
    ):
        lines.append(sentence)
    return "\n".join(lines)


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def chosen_sentence(
    people: list[PersonLine],
    with_party: bool = True,
    template: str = "{names} valdes som justerare.",
) -> str:
    """ "Cecilia Berg, Vision, valdes som justerare.": the party closed off by a comma when the
    sentence goes on; a style whose template is "{names}" lists the names alone."""
    names = _joined([f"{p.name}, {p.party}" if with_party else p.name for p in people])
    goes_on = template.strip() != "{names}"
    return template.replace("{names}", names + ("," if with_party and goes_on else "")).strip()


def justering_sentence(people: list[PersonLine]) -> str:
    """ "Anna Berg justerar protokollet för Vision och Karl Holm för arbetsgivaren.": one part per
    party in the order first named, its justerare joined ("A och B … för Vision"); "samt" before
    the last part when a part has several names, so that no "och" reads as joining two parts."""
    parties: dict[str, list[str]] = {}
    for person in people:
        parties.setdefault("arbetsgivaren" if person.employer else person.party, []).append(
            person.name
        )
    if not parties:
        return ""
    parts = [
        _joined(names) + (" justerar protokollet" if n == 0 else "") + (f" för {p}" if p else "")
        for n, (p, names) in enumerate(parties.items())
    ]
    several = len(parts) > 1 and any(len(names) > 1 for names in parties.values())
    joined = ", ".join(parts[:-1]) + " samt " + parts[-1] if several else _joined(parts)
    return joined + "."


# When the typed text already says what the fixed sentence would, the sentence is left out.
ALREADY_SAID: dict[Outcome, re.Pattern[str]] = {
    Outcome.SAMVERKAT: re.compile(r"\bsamverka[dt]", re.IGNORECASE),
    Outcome.ENIGHET: re.compile(r"\beniga?\b|\böverens\b|\benighet\b", re.IGNORECASE),
    Outcome.OENIGHET: re.compile(r"\boeniga?\b|\boenighet\b", re.IGNORECASE),
    Outcome.BORDLAGT: re.compile(r"\bbordl[aä]g|\btas upp igen\b", re.IGNORECASE),
    Outcome.INFORMATION: re.compile(r"\btill handlingarna\b", re.IGNORECASE),
    Outcome.NO_DECISION: re.compile(r"\binga?\s+beslut|\binget beslut", re.IGNORECASE),
}


def decision_sentence(decision: Decision, party: str) -> str:
    """The outcome as the minutes say it; "" for an outcome the importer read from an archived
    item's own text, which says it already."""
    if decision.decided_by == IMPORTED_BY and not decision.text:
        return ""
    if decision.own_text and decision.text:
        return decision.text  # the secretary's own wording of the outcome, as typed
    said = bool(decision.text) and bool(ALREADY_SAID[decision.outcome].search(decision.text))
    sentence = "" if said else OUTCOME_SENTENCES[decision.outcome]
    # No deadline is known for an imported meeting's oenighet (no clock ran here): no clause.
    if decision.outcome is Outcome.OENIGHET and decision.mbl14_deadline is not None:
        who = party or "De fackliga parterna"
        sentence += (
            f" {who} kan begära central förhandling enligt MBL §14 senast "
            f"{format_date(decision.mbl14_deadline)}; arbetsgivaren avvaktar med beslut till dess."
        )
    if decision.text:
        sentence = f"{sentence} {decision.text}"
    return sentence.strip()
