"""Minutes and agendas as format-neutral documents that every file renderer walks the same way."""

from __future__ import annotations

import dataclasses
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from bot.core.agenda_text import ordered
from bot.core.context import STOCKHOLM
from bot.core.minutes import (
    ItemMinutes,
    MinutesDoc,
    Outline,
    PersonLine,
    Stamp,
    chosen_sentence,  # the same wording as the approved text, not a copy that could drift
    decision_sentence,
    headed,
    outline,
    time_text,
)
from bot.core.model import AgendaItem, EntryKind, Group, ItemStatus, Meeting, Section
from bot.core.normalise import printable
from bot.dates import format_date, format_when

Status = Literal["draft", "justerad"]

DRAFT_MARK = "UTKAST"
DRAFT_BANNER = "UTKAST – ej justerat"
PRELIMINARY_BANNER = "Preliminär ärendelista – ännu inte publicerad"
HASH_LINE = "Justerat protokoll, version {version}, SHA-256 {hash}"
HASH_PATTERN = re.compile(r"Justerat protokoll, version (\d+), SHA-256 ([0-9a-f]{64})")
BULLET_PREFIXES = ("• ", "- ", "* ", "– ")


class Kind(StrEnum):
    """What a block is; each renderer gives each kind one look."""

    SUBTITLE = "subtitle"
    META = "meta"
    SECTION = "section"  # a heading under the title: Ärendelista, Information, ..., Justering
    ITEM = "item"  # a heading under a section: one agenda item
    TEXT = "text"
    SUBHEADING = "subheading"  # a heading inside an item's text ("## Fackliga inspel")
    BULLET = "bullet"
    STATEMENT = "statement"  # a party's protokollsanteckning, led by who made it
    DECISION = "decision"
    SIGNATURE = "signature"  # one justerare and whether and when they approved
    COMMITMENT = "commitment"  # who does what by when, under the item it was promised at
    OUTCOME = "outcome"  # a commitment's closing outcome, in the minutes that report it
    TABLE = "table"  # rows of cells, the first the column heads (the list of commitments)


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str
    lead: str = ""  # shown in bold before the text, e.g. "Protokollsanteckning från Vision:"
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells; text is then its caption

    @property
    def plain(self) -> str:
        if self.rows:
            return "\n".join(" | ".join(row) for row in self.rows)
        return f"{self.lead} {self.text}" if self.lead else self.text


@dataclass(frozen=True)
class Document:
    """Everything a file shows: page furniture and the blocks of its body, in order."""

    title: str
    subject: str
    keywords: str
    author: str
    running_head: str  # top of every page
    blocks: tuple[Block, ...]
    banner: str = ""  # a visible warning at the top: a draft, an unpublished agenda
    watermark: str = ""  # a large light word across every page
    footer: str = ""  # bottom of every page (PDF, DOCX) or the end (HTML, Markdown)
    category: str = ""
    identifier: str = ""
    lang: str = "sv"
    file_title: str = ""  # the file's own title when the heading alone says too little

    @property
    def meta_title(self) -> str:
        """The title a file's properties and a browser tab show: findable in an archive."""
        return self.file_title or self.title


# --- minutes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    number: int
    section: Section
    title: str
    presenter: str
    blocks: tuple[Block, ...]
    headed: bool = True  # False: named as its own section, so the text stands under that

    @property
    def heading(self) -> str:
        if not self.headed:
            return ""
        return f"{self.title}, {self.presenter}" if self.presenter else self.title


@dataclass(frozen=True)
class SectionView:
    title: str
    items: tuple[ItemView, ...]
    empty_text: str = ""  # a section stated empty: "Inga beslut"


@dataclass(frozen=True)
class SignerView:
    name: str
    party: str
    approved_at: datetime | None = None

    @property
    def line(self) -> str:
        if self.approved_at is None:
            return f"{self.name}, {self.party} – inte godkänt ännu"
        return f"{self.name}, {self.party} – godkänt {format_when(self.approved_at)}"


@dataclass(frozen=True)
class MinutesView:
    """Everything a minutes document shows, whatever the format."""

    group_key: str
    group_name: str
    meeting_id: int | None
    starts_at: datetime
    place: str
    protocol_number: str
    dnr: str
    sections: tuple[SectionView, ...]
    signers: tuple[SignerView, ...]
    secretary: str
    status: Status
    version: int
    content_hash: str
    time: str | None = None  # "13.00", "13.00–15.00", "" when unknown; None: from starts_at
    ends_at: datetime | None = None
    # As the group's house style words them (bot.core.housestyle); the defaults are its "hr".
    heading: str = ""
    header: tuple[str, ...] | None = None  # lines under the title; None: the group's name
    meta: str | None = None  # the Datum/Tid/Plats line; None: from the fields above
    closing: tuple[str, ...] = ()
    justering_heading: str = "Justering"
    justering_sentence: str = ""  # "A justerar protokollet för Vision …" opening that block
    # Outcomes reported without a follow-up item here, and the list of commitments at the end.
    outcomes_heading: str = ""
    outcomes: tuple[str, ...] = ()
    commitments_heading: str = ""
    commitments: tuple[tuple[str, ...], ...] = ()  # the column heads first, then (what, who, when)

    @property
    def title(self) -> str:
        return self.heading or f"Minnesanteckningar från samverkansgrupp {self.group_key}"

    @property
    def date(self) -> date:
        return self.starts_at.astimezone(STOCKHOLM).date()

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def protocol_line(self) -> str:
        return f"Bilaga till protokoll {self.protocol_number}" if self.protocol_number else ""

    @property
    def hash_line(self) -> str:
        """The line that lets anyone check a file against the archive; only justerade carry it."""
        if self.is_draft:
            return ""
        return HASH_LINE.format(version=self.version, hash=self.content_hash)

    @property
    def file_stem(self) -> str:
        kind = "utkast" if self.is_draft else "minnesanteckningar"
        return f"{kind}-{_slug(self.group_key)}-{self.date.isoformat()}"


def minutes_view(
    doc: MinutesDoc,
    *,
    version: int,
    content_hash: str,
    status: Status = "draft",
    stamps: Iterable[Stamp | tuple[str, str, datetime]] = (),
) -> MinutesView:
    """The view of one version of the minutes; stamps are the approvals of that version."""
    if status not in ("draft", "justerad"):
        raise ValueError(f"status must be 'draft' or 'justerad', not {status!r}")
    approvals = [_stamp_tuple(s) for s in stamps]
    shape = outline(doc)
    return MinutesView(
        group_key=doc.group.key,
        group_name=doc.group.name,
        meeting_id=doc.meeting.id,
        starts_at=doc.meeting.starts_at,
        place=doc.meeting.place,
        protocol_number=doc.meeting.protocol_number,
        dnr=doc.meeting.dnr,
        sections=_sections(doc, shape),
        signers=_signers(doc.justerare, approvals),
        secretary=doc.secretary,
        status=status,
        version=version,
        content_hash=content_hash,
        time=time_text(doc.meeting),
        ends_at=doc.meeting.ends_at,
        heading=shape.title,
        header=shape.header,
        meta=shape.meta_document,
        closing=shape.closing,
        justering_heading=shape.justering_heading,
        justering_sentence=shape.justering_sentence,
        outcomes_heading=shape.outcomes_heading,
        outcomes=shape.outcomes,
        commitments_heading=shape.commitments_heading,
        commitments=(shape.commitments_columns, *shape.commitments) if shape.commitments else (),
    )


def _stamp_tuple(stamp: Stamp | tuple[str, str, datetime]) -> tuple[str, str, datetime]:
    if isinstance(stamp, Stamp):
        return (stamp.person.name, stamp.person.party, stamp.at)
    name, party, at = stamp
    return (name, party, at)


def _signers(
    justerare: list[PersonLine], approvals: list[tuple[str, str, datetime]]
) -> tuple[SignerView, ...]:
    when = {(name, party): at for name, party, at in approvals}
    signers = [SignerView(p.name, p.party, when.pop((p.name, p.party), None)) for p in justerare]
    # An approval by someone no longer listed still happened; show it rather than drop it.
    signers += [SignerView(name, party, at) for (name, party), at in when.items()]
    return tuple(signers)


def _sections(doc: MinutesDoc, shape: Outline) -> tuple[SectionView, ...]:
    # The opening items sit under the agenda heading ("Ärendelista") when the style has one.
    sections: list[SectionView] = []
    if shape.agenda_heading and (not shape.sections or shape.sections[0].heading):
        sections.append(SectionView(shape.agenda_heading, ()))
    for section in shape.sections:
        title = section.heading or shape.agenda_heading
        items = tuple(_item_view(entry, doc, section.label) for entry in section.items)
        sections.append(SectionView(title, items, section.empty_text))
    return tuple(sections)


def _item_view(entry: ItemMinutes, doc: MinutesDoc, label: str = "") -> ItemView:
    item = entry.item
    blocks: list[Block] = []
    if item.title == "Val av justerare" and item.section is Section.OPENING and doc.justerare:
        style = doc.style
        text = chosen_sentence(doc.justerare, style.chosen_with_party, style.chosen_sentence)
        blocks.append(Block(Kind.TEXT, text))
    if item.section is Section.BESLUT and item.risk_assessed is not None:
        text = "Riskbedömning är gjord." if item.risk_assessed else "Riskbedömning är inte gjord."
        blocks.append(Block(Kind.TEXT, text))
    if item.links:
        blocks.append(Block(Kind.TEXT, item.links, lead="Underlag:"))
    for recorded in entry.entries:
        if recorded.kind is EntryKind.STATEMENT:
            lead = f"Protokollsanteckning från {recorded.party}:"
            blocks.append(Block(Kind.STATEMENT, recorded.text, lead=lead))
        else:
            blocks += text_blocks(recorded.text)
    style = doc.style
    blocks += [
        Block(Kind.COMMITMENT, c.line, lead=style.commitment_lead) for c in entry.commitments
    ]
    blocks += [Block(Kind.OUTCOME, text, lead=style.outcome_lead) for text in entry.outcomes]
    sentence = decision_sentence(entry.decision, entry.decision_party) if entry.decision else ""
    if sentence:
        blocks.append(Block(Kind.DECISION, sentence))
    shown = headed(item, label)
    return ItemView(item.number, item.section, item.title, item.presenter, tuple(blocks), shown)


def subheading(line: str) -> str:
    """The heading a line inside an item's text makes ("## Fackliga inspel"), or ""."""
    match = re.match(r"^#{2,4}\s+(\S.*)$", line.strip())
    return match.group(1).strip() if match else ""


def text_blocks(text: str) -> list[Block]:
    """A note as paragraphs, its "• " and "- " lines as a list, the way secretaries type them."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(Kind.TEXT, "\n".join(paragraph)))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        bullet = next((p for p in BULLET_PREFIXES if line.startswith(p)), None)
        heading = subheading(line)
        if heading:
            flush()
            blocks.append(Block(Kind.SUBHEADING, heading))
        elif bullet:
            flush()
            blocks.append(Block(Kind.BULLET, line[len(bullet) :].strip()))
        elif line:
            paragraph.append(line)
        else:
            flush()
    flush()
    return blocks


def _meta_lines(
    starts_at: datetime,
    place: str,
    protocol_number: str,
    dnr: str,
    extra: Sequence[str] = (),
    time: str | None = None,
) -> list[Block]:
    local = starts_at.astimezone(STOCKHOLM)
    parts = [f"Datum: {format_date(local)}"]
    clock = f"{local:%H.%M}" if time is None else time
    if clock:
        parts.append(f"Tid: {clock}")
    if place:
        parts.append(f"Plats: {place}")
    lines = ["  ".join(parts), *extra]
    if protocol_number:
        lines.append(f"Bilaga till protokoll {protocol_number}")
    if dnr:
        lines.append(f"Dnr: {dnr}")
    return [Block(Kind.META, line) for line in lines]


def minutes_document(view: MinutesView) -> Document:
    header = (view.group_name,) if view.header is None else view.header
    blocks: list[Block] = [Block(Kind.SUBTITLE, line) for line in header]
    if view.meta is None:
        blocks += _meta_lines(
            view.starts_at, view.place, view.protocol_number, view.dnr, time=view.time
        )
    else:
        lines = [view.meta, view.protocol_line, f"Dnr: {view.dnr}" if view.dnr else ""]
        blocks += [Block(Kind.META, line) for line in lines if line]
    for section in view.sections:
        if section.title:
            blocks.append(Block(Kind.SECTION, section.title))
        if section.empty_text:
            blocks.append(Block(Kind.TEXT, section.empty_text))
        for item in section.items:
            if item.heading:
                blocks.append(Block(Kind.ITEM, item.heading))
            blocks += item.blocks
    if view.outcomes:
        blocks.append(Block(Kind.SECTION, view.outcomes_heading))
        blocks += [Block(Kind.OUTCOME, line) for line in view.outcomes]
    if view.commitments:
        blocks.append(Block(Kind.SECTION, view.commitments_heading))
        blocks.append(Block(Kind.TABLE, view.commitments_heading, rows=view.commitments))
    blocks += [Block(Kind.TEXT, line) for line in view.closing]
    blocks.append(Block(Kind.SECTION, view.justering_heading.rstrip(":")))
    if view.justering_sentence:
        blocks.append(Block(Kind.TEXT, view.justering_sentence))
    if view.secretary:
        blocks.append(Block(Kind.TEXT, f"Vid anteckningarna: {view.secretary}"))
    if view.signers:
        blocks.append(Block(Kind.TEXT, "Justerare:"))
        blocks += [Block(Kind.SIGNATURE, signer.line) for signer in view.signers]
    when = format_date(view.starts_at)
    status_text = "Utkast" if view.is_draft else "Justerat"
    # A style whose heading is only "Minnesanteckningar" still gives its files the group's name.
    named = view.group_key in view.title
    return Document(
        title=view.title,
        file_title="" if named else f"{view.title} – samverkansgrupp {view.group_key}",
        subject=f"Samverkan {view.group_key} {when}, version {view.version}",
        keywords=f"samverkan, minnesanteckningar, {view.group_key}",
        author=view.secretary or "Justera",
        running_head=f"Minnesanteckningar {view.group_key} {when}",
        blocks=tuple(blocks),
        banner=f"{DRAFT_BANNER} (version {view.version})" if view.is_draft else "",
        watermark=DRAFT_MARK if view.is_draft else "",
        footer=(
            f"Utkast, version {view.version} – ej justerat" if view.is_draft else view.hash_line
        ),
        category=status_text,
        identifier="" if view.is_draft else f"sha256:{view.content_hash}",
    )


# --- agenda --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    ordinal: int  # the running number on the printed list
    number: int  # the item's number in the bot's commands
    title: str
    presenter: str = ""
    marks: tuple[str, ...] = ()
    description: str = ""
    links: str = ""

    @property
    def heading(self) -> str:
        text = f"{self.ordinal}. {self.title}"
        if self.presenter:
            text += f" – {self.presenter}"
        if self.marks:
            text += f" ({', '.join(self.marks)})"
        return text


@dataclass(frozen=True)
class AgendaView:
    group_key: str
    group_name: str
    meeting_id: int | None
    starts_at: datetime
    place: str
    agenda_deadline: datetime
    protocol_number: str
    dnr: str
    published: bool
    sections: tuple[tuple[str, tuple[AgendaEntry, ...]], ...] = field(default=())
    time: str | None = None  # as in MinutesView
    ends_at: datetime | None = None

    @property
    def title(self) -> str:
        return f"Ärendelista för samverkansgrupp {self.group_key}"

    @property
    def file_stem(self) -> str:
        day = self.starts_at.astimezone(STOCKHOLM).date().isoformat()
        return f"arendelista-{_slug(self.group_key)}-{day}"


def agenda_view(group: Group, meeting: Meeting, items: Iterable[AgendaItem]) -> AgendaView:
    """The accepted items by section, numbered as they will be taken up."""
    accepted = [i for i in ordered(list(items)) if i.status is ItemStatus.ACCEPTED]
    sections: list[tuple[str, tuple[AgendaEntry, ...]]] = []
    ordinal = 0
    for section in Section:
        entries = []
        for item in (i for i in accepted if i.section is section):
            ordinal += 1
            entries.append(_agenda_entry(ordinal, item))
        if entries:
            sections.append((section.value, tuple(entries)))
    return AgendaView(
        group_key=group.key,
        group_name=group.name,
        meeting_id=meeting.id,
        starts_at=meeting.starts_at,
        place=meeting.place,
        agenda_deadline=meeting.agenda_deadline,
        protocol_number=meeting.protocol_number,
        dnr=meeting.dnr,
        published=meeting.published_at is not None,
        sections=tuple(sections),
        time=time_text(meeting),
        ends_at=meeting.ends_at,
    )


def _agenda_entry(ordinal: int, item: AgendaItem) -> AgendaEntry:
    marks = []
    if item.section is Section.BESLUT and item.risk_assessed is not None:
        marks.append("riskbedömning gjord" if item.risk_assessed else "riskbedömning ej gjord")
    if item.late:
        marks.append("sent inkommet")
    return AgendaEntry(
        ordinal=ordinal,
        number=item.number,
        title=item.title,
        presenter=item.presenter,
        marks=tuple(marks),
        description=item.description,
        links=item.links,
    )


def agenda_document(view: AgendaView) -> Document:
    deadline = f"Sista dag för ärenden: {format_when(view.agenda_deadline)}"
    blocks: list[Block] = [Block(Kind.SUBTITLE, view.group_name)]
    blocks += _meta_lines(
        view.starts_at, view.place, view.protocol_number, view.dnr, [deadline], time=view.time
    )
    for title, entries in view.sections:
        blocks.append(Block(Kind.SECTION, title))
        for entry in entries:
            blocks.append(Block(Kind.ITEM, entry.heading))
            if entry.description:
                blocks += text_blocks(entry.description)
            if entry.links:
                blocks.append(Block(Kind.TEXT, entry.links, lead="Underlag:"))
    if not view.sections:
        blocks.append(Block(Kind.TEXT, "Inga ärenden är ännu godkända för mötet."))
    when = format_date(view.starts_at)
    return Document(
        title=view.title,
        subject=f"Samverkan {view.group_key} {when}",
        keywords=f"samverkan, ärendelista, {view.group_key}",
        author="Justera",
        running_head=f"Ärendelista {view.group_key} {when}",
        blocks=tuple(blocks),
        banner="" if view.published else PRELIMINARY_BANNER,
        category="Ärendelista",
    )


def document_of(view: MinutesView | AgendaView) -> Document:
    """The document to render, every text safe for every format (see printable)."""
    doc = minutes_document(view) if isinstance(view, MinutesView) else agenda_document(view)
    return _printable(doc)


def _printable(doc: Document) -> Document:
    # Stored text may predate the normalisation of input, and justerade minutes never change:
    # a NUL or U+FFFF in them must not stop a Word file or the archive, ever.
    def fix(record: Any) -> Any:
        changes = {
            f.name: printable(value)
            for f in dataclasses.fields(record)
            if isinstance(value := getattr(record, f.name), str) and type(value) is str
        }
        return dataclasses.replace(record, **changes)

    fixed = fix(doc)
    return dataclasses.replace(fixed, blocks=tuple(fix(block) for block in doc.blocks))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "grupp"


# --- reading the hash back -----------------------------------------------------------------------

FORMATS = {
    "pdf": "pdf",
    "docx": "docx",
    "html": "html",
    "htm": "html",
    "md": "md",
    "markdown": "md",
}


def sniff_format(data: bytes) -> str:
    """The format of a file from its first bytes, for a file whose name says nothing."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:512].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "md"


def extract_hash(data: bytes, fmt: str | None = None) -> str | None:
    """The SHA-256 in a justerat file's hash line, or None when it carries none (e.g. a draft).

    Only the place the renderers put the line is read (the page footer, the end of the page),
    so a hash line typed into a note cannot make a draft pass for justerade minutes.
    """
    kind = FORMATS.get(fmt.lower().lstrip(".")) if fmt else sniff_format(data)
    if kind is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(sorted(FORMATS))}")
    match = HASH_PATTERN.search(footer_text(data, kind))
    return match.group(2) if match else None


# Below this height (in points from the page bottom) a PDF page has only its footer line.
PDF_FOOTER_TOP = 51


def footer_text(data: bytes, kind: str) -> str:
    """The text of a rendered file's footer: where its hash line is, and nothing users typed."""
    if kind == "pdf":
        # Imported here so that rendering Markdown or HTML needs no PDF reader.
        from pypdf import PdfReader

        parts: list[str] = []

        def visit(text: str, cm: list[float], tm: list[float], *_args) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if y < PDF_FOOTER_TOP:
                parts.append(text)

        for page in PdfReader(io.BytesIO(data)).pages:
            page.extract_text(visitor_text=visit)
            parts.append("\n")
        return "".join(parts)
    if kind == "docx":
        from docx import Document as open_docx

        word = open_docx(io.BytesIO(data))
        return "\n".join(p.text for s in word.sections for p in s.footer.paragraphs)
    text = data.decode("utf-8", errors="replace")
    if kind == "html":
        footers = re.findall(r"<footer>(.*?)</footer>", text, flags=re.DOTALL)
        return html.unescape(re.sub(r"<[^>]+>", " ", footers[-1])) if footers else ""
    # Markdown: what follows the last rule; user text cannot make one, its "-" is escaped.
    return text.rpartition("\n---\n")[2] if "\n---\n" in text else ""
