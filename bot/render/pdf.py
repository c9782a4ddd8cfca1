"""Minutes and agendas as A4 PDF (reportlab) with an embedded font that has å, ä and ö."""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from bot.render.document import AgendaView, Block, Document, Kind, MinutesView, document_of

FONT = "JusteraSans"
# Fonts shipped with the project win; otherwise reportlab's own Bitstream Vera, which covers
# Latin-1 and Windows-1252 (å ä ö é ü, – — • § “ ” …): all the Swedish our minutes use.
_FONT_DIRS = (Path(__file__).parent / "fonts", Path(reportlab.__file__).parent / "fonts")
_FONT_FILES = {
    FONT: "Vera.ttf",
    f"{FONT}-Bold": "VeraBd.ttf",
    f"{FONT}-Italic": "VeraIt.ttf",
    f"{FONT}-BoldItalic": "VeraBI.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 22 * mm
TOP, BOTTOM = 25 * mm, 22 * mm
GREY = HexColor("#555555")
DRAFT_RED = HexColor("#b00020")
WATERMARK = Color(0.55, 0.55, 0.55, alpha=0.18)


def render_pdf(view: MinutesView) -> bytes:
    return pdf_of(document_of(view))


def render_agenda_pdf(view: AgendaView) -> bytes:
    return pdf_of(document_of(view))


@cache
def _register_fonts() -> frozenset[int]:
    """Register the font family once; returns the code points the regular face can draw."""
    for name, filename in _FONT_FILES.items():
        path = next(d / filename for d in _FONT_DIRS if (d / filename).is_file())
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT,
        normal=FONT,
        bold=f"{FONT}-Bold",
        italic=f"{FONT}-Italic",
        boldItalic=f"{FONT}-BoldItalic",
    )
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def drawable(text: str) -> str:
    """The text with every character the font cannot draw replaced by its nearest it can."""
    known = _register_fonts()
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) in known or char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        else:
            # "ő" keeps its "o" rather than becoming a box nobody can read back.
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            out.append(base if base and all(ord(c) in known for c in base) else "?")
    return "".join(out)


def _markup(text: str) -> str:
    """User text as reportlab paragraph markup: escaped, its line breaks kept."""
    # Paragraphs collapse runs of spaces; "Datum: …  Plats: …" keeps its gap with a no-break space.
    text = drawable(text).replace("  ", "\u00a0 ")
    return "<br/>".join(escape(line) for line in text.split("\n"))


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = ParagraphStyle(
        "text", fontName=FONT, bulletFontName=FONT, fontSize=10, leading=13.5, spaceAfter=4
    )
    return {
        "title": ParagraphStyle(
            "title", base, fontName=f"{FONT}-Bold", fontSize=15, leading=19, spaceAfter=4
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=12, leading=15, spaceAfter=6),
        "meta": ParagraphStyle("meta", base, spaceAfter=0),
        "section": ParagraphStyle(
            "section",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=13,
            leading=16,
            spaceBefore=14,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "item": ParagraphStyle(
            "item",
            base,
            fontName=f"{FONT}-Bold",
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "text": base,
        "bullet": ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=4, spaceAfter=2),
        "statement": ParagraphStyle("statement", base, leftIndent=12),
        "decision": ParagraphStyle("decision", base, fontName=f"{FONT}-Bold"),
        "commitment": ParagraphStyle("commitment", base, leftIndent=12),
        "cell": ParagraphStyle("cell", base, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontName=f"{FONT}-Bold", spaceAfter=0),
    }


class _Template(BaseDocTemplate):
    """Adds each heading to the PDF outline so a long document can be navigated."""

    def afterFlowable(self, flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        level, title = outline
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


def _paragraphs(doc: Document) -> list[Paragraph]:
    styles = _styles()
    title = Paragraph(_markup(doc.title), styles["title"])
    title.outline = (0, drawable(doc.title))
    story = [title]
    for block in doc.blocks:
        story.append(_paragraph(block, styles))
    return story


def _paragraph(block: Block, styles: dict[str, ParagraphStyle]) -> Paragraph | Table:
    if block.kind is Kind.TABLE:
        return _table(block, styles)
    text = _markup(block.text)
    lead = f"<b>{escape(drawable(block.lead))}</b> " if block.lead else ""
    match block.kind:
        case Kind.SUBHEADING:
            return Paragraph(f"<b>{text}</b>", styles["text"])
        case Kind.SUBTITLE | Kind.META | Kind.SECTION | Kind.ITEM | Kind.DECISION:
            paragraph = Paragraph(lead + text, styles[block.kind.value])
            if block.kind in (Kind.SECTION, Kind.ITEM):
                level = 1 if block.kind is Kind.SECTION else 2
                paragraph.outline = (level, drawable(block.text))
            return paragraph
        case Kind.BULLET | Kind.SIGNATURE:
            return Paragraph(lead + text, styles["bullet"], bulletText="•")
        case Kind.STATEMENT:
            return Paragraph(f"{lead}<i>{text}</i>", styles["statement"])
        case Kind.COMMITMENT | Kind.OUTCOME:
            return Paragraph(lead + text, styles["commitment"])
        case _:
            return Paragraph(lead + text, styles["text"])


def _table(block: Block, styles: dict[str, ParagraphStyle]) -> Table:
    """The list of commitments: what takes half the width, who and by when a quarter each."""
    width = PAGE_WIDTH - LEFT - RIGHT
    head, *rows = block.rows
    cells = [[Paragraph(_markup(c), styles["head"]) for c in head]]
    cells += [[Paragraph(_markup(c), styles["cell"]) for c in row] for row in rows]
    table = Table(cells, colWidths=[width * 0.5, width * 0.25, width * 0.25], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which the line fits; the hash line must stay one line."""
    while size > 5 and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _decorate(doc: Document):
    """What every page shows beneath the text: running head, draft mark, footer line."""
    head = drawable(doc.running_head)
    banner = drawable(doc.banner)
    footer = drawable(doc.footer)
    width = PAGE_WIDTH - LEFT - RIGHT

    def on_page(canvas: Canvas, _template) -> None:
        canvas.saveState()
        if doc.watermark:
            canvas.saveState()
            canvas.setFillColor(WATERMARK)
            canvas.setFont(f"{FONT}-Bold", 120)
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(55)
            canvas.drawCentredString(0, -40, drawable(doc.watermark))
            canvas.restoreState()
        canvas.setFillColor(GREY)
        canvas.setFont(FONT, 8)
        canvas.drawString(LEFT, PAGE_HEIGHT - 14 * mm, head)
        if banner:
            canvas.setFillColor(DRAFT_RED)
            canvas.setFont(f"{FONT}-Bold", 9)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 19 * mm, banner)
        if footer:
            canvas.setFillColor(GREY)
            size = _fit(footer, FONT, 7.5, width)
            canvas.setFont(FONT, size)
            canvas.drawString(LEFT, 12 * mm, footer)
        canvas.restoreState()

    return on_page


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each can say "Sida 2 (5)"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.saveState()
            self.setFillColor(GREY)
            self.setFont(FONT, 8)
            label = f"Sida {number} ({total})"
            self.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 14 * mm, label)
            self.restoreState()
            super().showPage()
        super().save()


def pdf_of(doc: Document) -> bytes:
    _register_fonts()
    out = io.BytesIO()
    template = _Template(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=drawable(doc.meta_title),
        author=drawable(doc.author),
        subject=drawable(doc.subject),
        keywords=drawable(doc.keywords),
        creator="Justera",
        lang="sv-SE",
        # Otherwise every page names Helvetica, a font the file does not carry.
        initialFontName=FONT,
        displayDocTitle=True,
    )
    frame = Frame(
        LEFT,
        BOTTOM,
        PAGE_WIDTH - LEFT - RIGHT,
        PAGE_HEIGHT - TOP - BOTTOM,
        # No padding: the text lines up with the running head and footer.
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(doc))])
    template.build(_paragraphs(doc), canvasmaker=_NumberedCanvas)
    return out.getvalue()
