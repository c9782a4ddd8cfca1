"""Minutes and agendas as Word documents (python-docx): A4, Swedish, with navigable headings."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from bot.render.document import AgendaView, Block, Document, Kind, MinutesView, document_of

DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
GREY = RGBColor(0x55, 0x55, 0x55)


def render_docx(view: MinutesView) -> bytes:
    return docx_of(document_of(view), version=view.version)


def render_agenda_docx(view: AgendaView) -> bytes:
    return docx_of(document_of(view))


def docx_of(doc: Document, *, version: int = 1) -> bytes:
    word = new_docx()
    _set_language(word, "sv-SE")
    # The template's body font is Cambria; a sans face matches the PDF and reads well on screen.
    word.styles["Normal"].font.name = "Calibri"
    section = word.sections[0]
    # python-docx's template is US Letter; Swedish offices print on A4.
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)

    header = section.header.paragraphs[0]
    _run(header, doc.running_head, size=8, color=GREY)
    if doc.banner:
        mark = section.header.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(mark, doc.banner, bold=True, size=14, color=DRAFT_RED)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(footer, "Sida ", size=8)
    _field(footer, "PAGE")
    _run(footer, " (", size=8)
    _field(footer, "NUMPAGES")
    _run(footer, ")", size=8)
    if doc.footer:
        line = section.footer.add_paragraph()
        _run(line, doc.footer, size=7, color=GREY)

    word.add_heading(doc.title, level=0)
    for block in doc.blocks:
        _block(word, block)

    props = word.core_properties
    props.title = doc.meta_title
    props.subject = doc.subject
    props.author = doc.author
    props.keywords = doc.keywords
    props.category = doc.category
    props.language = "sv-SE"
    props.identifier = doc.identifier
    props.comments = doc.footer
    props.last_modified_by = "Justera"
    props.revision = max(version, 1)
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _block(word, block: Block) -> None:
    match block.kind:
        case Kind.SUBTITLE:
            word.add_paragraph(block.text, style="Subtitle")
        case Kind.META:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _lines(paragraph, block.text)
        case Kind.SECTION:
            word.add_heading(block.text, level=1)
        case Kind.ITEM:
            word.add_heading(block.text, level=2)
        case Kind.SUBHEADING:
            word.add_heading(block.text, level=3)
        case Kind.BULLET | Kind.SIGNATURE:
            _lines(word.add_paragraph(style="List Bullet"), block.text)
        case Kind.STATEMENT:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.6)
            _run(paragraph, block.lead + " ", bold=True)
            _lines(paragraph, block.text, italic=True)
        case Kind.DECISION:
            _lines(word.add_paragraph(), block.text, bold=True)
        case Kind.COMMITMENT | Kind.OUTCOME:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.6)
            if block.lead:
                _run(paragraph, block.lead + " ", bold=True)
            _lines(paragraph, block.text)
        case Kind.TABLE:
            _table(word, block)
        case _:
            paragraph = word.add_paragraph()
            if block.lead:
                _run(paragraph, block.lead + " ", bold=True)
            _lines(paragraph, block.text)


def _table(word, block: Block) -> None:
    """The list of commitments as a Word table with a repeated heading row."""
    head, *rows = block.rows
    table = word.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    for r, cells in enumerate((head, *rows)):
        for c, text in enumerate(cells):
            paragraph = table.cell(r, c).paragraphs[0]
            _lines(paragraph, text, bold=r == 0)
    # Word repeats the heading row on every page the table runs over.
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    word.add_paragraph()


def _lines(paragraph: Paragraph, text: str, **style) -> None:
    """The text's line breaks as Word line breaks, not new paragraphs."""
    run = None
    for line in text.split("\n"):
        if run is not None:
            run.add_break()
        run = _run(paragraph, line, **style)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
):
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    return run


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in for each page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_language(word, tag: str) -> None:
    """Mark the text Swedish so Word spell-checks and hyphenates it as Swedish."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
