"""The import corpus: sources rendered as .txt, .docx (with and without styles) and .pdf, scored."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
# "pdf-text": the narrow PDF's text saved as .txt, as a PDF reader's export gives it: the page
# width's line breaks without the bold and larger type that mark the headings.
FORMATS = ("txt", "docx-styles", "docx-plain", "pdf", "pdf-narrow", "pdf-text")
HEADER_FIELDS = ("date", "time", "place", "group_kind", "protocol_number", "dnr")


@dataclass
class Block:
    kind: str  # header, h1, h2, li, row, page, para
    parts: list[str]
    bold: bool = False  # a table's header row written "|! a | b |": its cells in bold type


def blocks(source: str) -> list[Block]:
    """The source's blocks; a paragraph's lines join where the next one goes on in lower case."""
    out: list[Block] = []
    previous_para = False
    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip():
            previous_para = False
            continue
        if line.startswith("@header "):
            out.append(Block("header", [p.strip() for p in line[8:].split("||")]))
        elif line == "@page":
            out.append(Block("page", []))
        elif line.startswith("## "):
            out.append(Block("h2", [line[3:]]))
        elif line.startswith("# "):
            out.append(Block("h1", [line[2:]]))
        elif line.startswith("- "):
            out.append(Block("li", [line[2:]]))
        elif line.startswith("|"):
            bold = line.startswith("|!")
            cells = line.removeprefix("|!" if bold else "|").strip("|").split("|")
            out.append(Block("row", [c.strip() for c in cells], bold))
        elif previous_para and line[:1].islower() and not re.match(r"^[a-h]\) ", line):
            out[-1].parts.append(line)
            continue
        else:
            out.append(Block("para", [line]))
            previous_para = True
            continue
        previous_para = False
    return out


def render_txt(source: str) -> str:
    """As Word's or a PDF reader's text export: markup gone, the writer's own line breaks kept."""
    lines = []
    for raw in source.splitlines():
        if raw.startswith("@header "):
            lines.append("\t".join(p.strip() for p in raw[8:].split("||")))
        elif raw == "@page":
            lines.append("\f")
        elif raw.startswith(("## ", "# ")):
            lines.append(raw.split(" ", 1)[1])
        elif raw.startswith("|"):
            cells = raw.strip().removeprefix("|!").strip("|").split("|")
            lines.append("\t".join(c.strip() for c in cells))
        else:
            lines.append(raw)
    return "\n".join(lines) + "\n"


def render_docx(source: str, path: Path, *, styles: bool) -> None:
    import docx

    document = docx.Document()
    table = None
    header_done = False
    for block in blocks(source):
        if block.kind == "header":
            header = document.sections[0].header
            header.is_linked_to_previous = False
            if not header_done:
                cells = header.add_table(1, len(block.parts), document.sections[0].page_width)
                for cell, text in zip(cells.rows[0].cells, block.parts, strict=True):
                    cell.text = text
                header_done = True
            continue
        if block.kind != "row":
            table = None
        text = " ".join(block.parts)
        if block.kind == "row":
            if table is None or len(block.parts) > len(table.columns):
                # A row wider than the table above it (a header's "Datum | Tid" over the items'
                # four columns) starts a table of its own rather than losing its last cells.
                table = document.add_table(rows=0, cols=len(block.parts))
            for cell, value in zip(table.add_row().cells, block.parts, strict=False):
                cell.text = value
                if block.bold:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        elif block.kind == "page":
            document.add_page_break()
        elif block.kind in ("h1", "h2"):
            if styles:
                document.add_heading(text, level=1 if block.kind == "h1" else 2)
            else:
                document.add_paragraph(text)
        elif block.kind == "li":
            if styles:
                document.add_paragraph(text, style="List Bullet")
            else:
                document.add_paragraph(f"– {text}")
        else:
            document.add_paragraph(text)
    document.save(str(path))


def render_pdf(source: str, path: Path, *, narrow: bool = False) -> None:
    """A4 in Helvetica with "Sida N" below; narrow: Times in a narrow column with wide margins,
    headings bold but body-sized, "N (M)" in the page header beside a print date, so lines
    break elsewhere and the page furniture differs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.platypus.flowables import PageBreak

    face, bold = ("Times-Roman", "Times-Bold") if narrow else ("Helvetica", "Helvetica-Bold")
    body = ParagraphStyle("body", fontName=face, fontSize=11 if narrow else 10, leading=13.5)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=11 if narrow else 14, leading=18)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=11 if narrow else 11.5, leading=15)
    h1.spaceBefore, h2.spaceBefore = 8, 4
    bullet = ParagraphStyle("li", parent=body, leftIndent=14, bulletIndent=4)
    parsed = blocks(source)
    header = next((b.parts for b in parsed if b.kind == "header"), [])
    pages = 1 + sum(1 for b in parsed if b.kind == "page")
    side = 130 if narrow else 56

    def page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(face, 9)
        width, height = A4
        if header:
            canvas.drawString(side, height - 40, header[0])
            if len(header) > 1:
                canvas.drawRightString(width - side, height - 40, header[1])
        if narrow:
            canvas.drawRightString(width - side, height - 28, f"{doc.page} ({pages})")
            canvas.drawString(side, height - 28, "Utskriven 2026-01-05")
        else:
            canvas.drawCentredString(width / 2, 30, f"Sida {doc.page}")
        canvas.restoreState()

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    story: list = []
    rows: list[list[str]] = []
    bold_rows: list[int] = []
    for block in [*parsed, Block("end", [])]:
        if block.kind != "row" and rows:
            style = [("FONTNAME", (0, at), (-1, at), bold) for at in bold_rows]
            story.append(Table(rows, hAlign="LEFT", style=TableStyle(style)))
            rows, bold_rows = [], []
        text = escape(" ".join(block.parts))
        if block.kind == "row":
            if block.bold:
                bold_rows.append(len(rows))
            rows.append(block.parts)
        elif block.kind == "h1":
            story.append(Paragraph(text, h1))
        elif block.kind == "h2":
            story.append(Paragraph(text, h2))
        elif block.kind == "li":
            story.append(Paragraph(text, bullet, bulletText="•"))
        elif block.kind == "para":
            story.append(Paragraph(text, body))
            story.append(Spacer(1, 3))
        elif block.kind == "page":
            story.append(PageBreak())
    SimpleDocTemplate(
        str(path), pagesize=A4, topMargin=60, bottomMargin=50, leftMargin=side, rightMargin=side
    ).build(story, onFirstPage=page, onLaterPages=page)


def render(source_path: Path, fmt: str, folder: Path) -> Path:
    source = source_path.read_text(encoding="utf-8")
    stem = source_path.stem
    if fmt == "txt":
        target = folder / f"{stem}.txt"
        target.write_text(render_txt(source), encoding="utf-8")
    elif fmt.startswith("docx"):
        target = folder / f"{stem}-{fmt}.docx"
        render_docx(source, target, styles=fmt == "docx-styles")
    elif fmt == "pdf-text":
        from bot.importer.readers import read_document

        pdf = folder / f"{stem}-{fmt}.pdf"
        render_pdf(source, pdf, narrow=True)
        target = folder / f"{stem}-{fmt}.txt"
        target.write_text(read_document(pdf)[0], encoding="utf-8")
    else:
        target = folder / f"{stem}-{fmt}.pdf"
        render_pdf(source, target, narrow=fmt == "pdf-narrow")
    return target


def documents(part: str) -> list[Path]:
    return sorted((CORPUS / part).glob("*.txt"))


# The held-out set is finished documents, each in the one format it was written in.
HELD_OUT = "heldout"
DOCUMENT_FORMATS = ("txt", "docx", "pdf")


def finished_parts() -> list[str]:
    """The parts made of finished files: those holding a .docx or a .pdf (source parts are .txt)."""
    return sorted(
        p.name
        for p in CORPUS.iterdir()
        if p.is_dir() and any(f.suffix in (".docx", ".pdf") for f in p.iterdir())
    )


def finished(part: str) -> list[Path]:
    """The documents of a part made of finished files (.txt, .docx, .pdf beside their .json)."""
    return sorted(p for p in (CORPUS / part).iterdir() if p.suffix[1:] in DOCUMENT_FORMATS)


@dataclass
class Score:
    matched: int = 0
    total: int = 0
    spurious: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.total += other.total
        self.spurious += other.spurious
        self.misses += other.misses

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 1.0


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def score(minutes, expected_path: Path) -> Score:
    """Fields found as expected: the header's six, each justerare (name and party), and each
    item's title, section, föredragande and decision. An item that should not be there counts
    as a spurious item and as a field missed."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = Score()
    name = expected_path.stem

    def check(label: str, got: str, want: str) -> None:
        result.total += 1
        if _norm(got) == _norm(want):
            result.matched += 1
        else:
            result.misses.append(f"{name}: {label} {got!r} != {want!r}")

    found = {
        "date": minutes.date.isoformat() if isinstance(minutes.date, date) else "",
        "time": minutes.time,
        "place": minutes.place,
        "group_kind": minutes.group_kind,
        "protocol_number": minutes.protocol_number,
        "dnr": minutes.dnr,
    }
    for key in HEADER_FIELDS:
        check(key, found[key], expected[key])
    got_people = dict(minutes.justerare)
    for person, party in expected["justerare"]:
        check(f"justerare {person}", got_people.get(person, "<saknas>"), party)
    for person in set(got_people) - {p for p, _ in expected["justerare"]}:
        result.total += 1
        result.misses.append(f"{name}: extra justerare {person!r}")
    items = {_norm(i.title): i for i in minutes.items}
    wanted = {_norm(title) for _, title, _, _ in expected["items"]}
    for section, title, presenter, decision in expected["items"]:
        item = items.get(_norm(title))
        if item is None:
            result.total += 4
            result.misses.append(f"{name}: item missing {title!r}")
            continue
        check(f"section of {title!r}", item.section, section)
        result.matched += 1
        result.total += 1  # the title itself
        check(f"presenter of {title!r}", item.presenter, presenter)
        check(f"decision of {title!r}", item.decision, decision)
    for item in minutes.items:
        if _norm(item.title) not in wanted:
            result.spurious += 1
            result.total += 1
            result.misses.append(f"{name}: spurious item {item.title!r}")
    return result
