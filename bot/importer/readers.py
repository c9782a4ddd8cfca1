"""Reading minutes files (.txt, .docx, .pdf) as plain text; PDF page breaks become form feeds."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.importer.cleaning import PAGE_BREAK
from bot.importer.shapes import _ends_on_connective
from bot.importer.vocabulary import item_table_columns

MAX_BYTES = 20 * 1024 * 1024
# Fewer letters than this per page means the PDF is a scan without a text layer.
_MIN_LETTERS_PER_PAGE = 20

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class UnreadableFile(ValueError):
    """A file that cannot be imported; the message is one Swedish sentence for the user."""

    def __init__(self, message: str, path: Path | str = "") -> None:
        super().__init__(message)
        self.path = str(path)


def read_text(path: Path | str) -> str:
    """The text of a minutes file; raises UnreadableFile with a sentence the user can act on."""
    return read_document(path)[0]


def read_document(path: Path | str) -> tuple[str, frozenset[str]]:
    """The text and the lines the file marks as headings (Word's heading styles and outline
    levels, a PDF's bold or larger type); raises UnreadableFile like read_text."""
    headings: set[str] = set()
    text = _read(Path(path), headings)
    return text, frozenset(headings)


def _read(path: Path, headings: set[str]) -> str:
    name = path.name
    if not path.is_file():
        raise UnreadableFile(f"Filen {name} finns inte.", path)
    if path.stat().st_size > MAX_BYTES:
        raise UnreadableFile(f"Filen {name} är större än 20 MB och kan inte importeras.", path)
    suffix = path.suffix.casefold()
    if suffix in (".txt", ".text"):
        text = _read_plain(path)
    elif suffix == ".docx":
        text = _read_docx(path, headings)
    elif suffix == ".pdf":
        text = _read_pdf(path, headings)
    elif suffix == ".doc":
        raise UnreadableFile(
            f"Filen {name} är en gammal Word-fil (.doc); spara den som .docx eller PDF och "
            "importera den igen.",
            path,
        )
    else:
        kind = suffix or "utan filändelse"
        raise UnreadableFile(
            f"Filtypen {kind} stöds inte; importera minnesanteckningar som .txt, .docx eller .pdf.",
            path,
        )
    if not any(char.isalpha() for char in text):
        raise UnreadableFile(f"Filen {name} innehåller ingen text.", path)
    headings.update(_underlined(text))
    return text


_UNDERLINE = re.compile(r"^\s*(?:-{3,}|={3,})\s*$")


def _underlined(text: str) -> list[str]:
    """Headings underlined as on a typewriter: a line set off from the text above it, over a
    rule of dashes about as long as itself ("Mötet avslutas" over "--------------")."""
    lines = text.splitlines()
    found = []
    for at in range(1, len(lines)):
        line, above = lines[at - 1].strip(), lines[at - 2].strip() if at >= 2 else ""
        rule = lines[at].strip()
        if (
            _UNDERLINE.match(rule)
            and line
            and not _UNDERLINE.match(line)
            and not line.endswith((".", ",", ";"))
            and (not above or _UNDERLINE.match(above) or above.endswith((".", "!", "?", ":")))
            and len(line) / 2 <= len(rule) <= len(line) * 3 / 2 + 2
        ):
            found.append(line)
    return found


def _read_plain(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Word's "Unicode text" export is UTF-16 with a byte order mark.
        return raw.decode("utf-16")
    if b"\x00" in raw:
        raise UnreadableFile(f"Filen {path.name} ser inte ut att vara en textfil.", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"Filen {path.name} har en teckenkodning som inte känns igen; spara den som UTF-8.",
            path,
        ) from error


def _read_docx(path: Path, headings: set[str]) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from lxml.etree import XMLSyntaxError
    except ImportError as error:
        raise UnreadableFile(
            "Servern saknar stöd för .docx-filer (paketet python-docx är inte installerat).", path
        ) from error
    try:
        document = docx.Document(str(path))
    except (
        zipfile.BadZipFile,
        PackageNotFoundError,
        XMLSyntaxError,
        KeyError,
        ValueError,
        OSError,
    ) as error:
        raise UnreadableFile(
            f"Filen {path.name} kunde inte läsas som ett Word-dokument; den kan vara skadad.", path
        ) from error
    lines: list[str] = []
    section = document.sections[0] if document.sections else None
    if section is not None and not section.header.is_linked_to_previous:
        # The first page's header holds the letterhead: the group, often the date.
        lines.extend(_block_lines(section.header.part.element))
    lines.extend(_block_lines(document.element.body))
    styles = {s.style_id: s for s in document.styles if s.type == 1}  # paragraph styles
    for paragraph in document.element.body.iter(f"{_W}p"):
        lead = _bold_lead(paragraph)
        if lead:
            headings.add(lead[0])
        elif _is_heading(paragraph, styles):
            text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip()
            if text:
                headings.add(text)
    return "\n".join(lines)


# A bold lead of at most this many words may be the title of the text that follows it.
_LEAD_WORDS = 12


def _bold_lead(paragraph: Any) -> tuple[str, str] | None:
    """ "**Budget 2025** Förvaltningen redovisade …": a paragraph that opens with a short bold
    title and goes on in plain type, as (title, text); None for any other paragraph, and for a
    bold label with its value ("**Föredragande:** Anna Ek")."""
    runs = [(_run_text(run), _is_bold(run)) for run in paragraph.iter(f"{_W}r")]
    runs = [(text, bold) for text, bold in runs if text]
    split = next((i for i, (_, bold) in enumerate(runs) if not bold), len(runs))
    lead = "".join(text for text, _ in runs[:split]).strip()
    rest = "".join(text for text, _ in runs[split:]).strip()
    if not lead or not rest or lead.endswith(":") or len(lead.split()) > _LEAD_WORDS:
        return None
    if any(bold for _, bold in runs[split:]):
        return None  # bold again later: emphasis inside the text, not a title before it
    return lead.rstrip(" .–-"), rest


# How the names (and ids) of Word's heading styles begin, in English and Swedish.
_HEADING_STYLES = ("heading", "rubrik", "title")


def _is_heading(paragraph: Any, styles: dict[str, Any]) -> bool:
    """A Word heading style or outline level, or a short paragraph all in bold type."""
    properties = paragraph.find(f"{_W}pPr")
    if properties is not None:
        if properties.find(f"{_W}outlineLvl") is not None:
            return True
        style = properties.find(f"{_W}pStyle")
        if style is not None:
            found = styles.get(style.get(f"{_W}val") or "")
            name = (found.name if found is not None else style.get(f"{_W}val") or "").casefold()
            if name.startswith(_HEADING_STYLES):
                return True
    runs = [run for run in paragraph.iter(f"{_W}r") if _run_text(run).strip()]
    return bool(runs) and all(_is_bold(run) for run in runs)


def _run_text(run: Any) -> str:
    return "".join(t.text or "" for t in run.iter(f"{_W}t"))


# The values of w:val that switch a run property off ("<w:b w:val="0"/>": not bold, as Word
# writes a plain run in a paragraph whose style is bold); no w:val, or any other, is on.
_OFF = ("0", "false", "off")


def _is_bold(run: Any) -> bool:
    if (props := run.find(f"{_W}rPr")) is None or (bold := props.find(f"{_W}b")) is None:
        return False
    return (bold.get(f"{_W}val") or "").casefold() not in _OFF


def _block_lines(container: Any) -> Iterator[str]:
    """Paragraphs and table rows in document order, including content controls (w:sdt)."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield _paragraph_text(child)
        elif tag == f"{_W}tbl":
            yield from _table_lines(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content)


def _table_lines(table: Any) -> Iterator[str]:
    items = False
    for row in table.iterchildren(f"{_W}tr"):
        cells = [cell for cell in row.iterchildren(f"{_W}tc")]
        blocks = [[line for line in _block_lines(cell) if line.strip()] for cell in cells]
        items = items or item_table_columns([" ".join(block) for block in blocks]) is not None
        if items:
            # A table of agenda items: every cell kept in its column, the empty ones too.
            yield " | ".join(" ".join(block) for block in blocks)
        elif len(blocks) == 1 or any(len(block) > 1 for block in blocks):
            # A layout table (one wide cell, or cells with whole paragraphs): read cell by cell.
            for block in blocks:
                yield from block
        else:
            # A data row ("Datum | 2025-03-19"): one line keeps label and value together.
            yield " | ".join(block[0] for block in blocks if block)


def _paragraph_text(paragraph: Any) -> str:
    lead = _bold_lead(paragraph)
    if lead:
        return "\n".join(lead)  # the bold title on its own line above its text
    parts: list[str] = []
    _collect(paragraph, parts)
    text = "".join(parts)
    properties = paragraph.find(f"{_W}pPr")
    listed = properties is not None and properties.find(f"{_W}numPr") is not None
    style = properties.find(f"{_W}pStyle") if properties is not None else None
    style_name = (style.get(f"{_W}val") or "") if style is not None else ""
    heading = style_name.casefold().startswith(_HEADING_STYLES)
    if (
        text.strip()
        and not heading  # a numbered heading's number is the outline's, not a list's
        and (listed or style_name.casefold().startswith(("list", "liststycke")))
    ):
        # Word keeps list bullets and numbers out of the text; the parser reads them as markers.
        return f"• {text.strip()}"
    return text


def _collect(element: Any, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _MC_FALLBACK:
            continue  # the same text as the mc:Choice beside it
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append(" ")
        elif tag == f"{_W}br" and child.get(f"{_W}type") == "page":
            # A page break, as a PDF's pages are: the page's furniture pasted into the text
            # (a PDF converted to Word) stands at its edges, where the cleaning looks for it.
            parts.append(PAGE_BREAK)
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}p" and parts:
            parts.append("\n")
            _collect(child, parts)
        else:
            _collect(child, parts)


def _read_pdf(path: Path, headings: set[str]) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as error:
        raise UnreadableFile(
            "Servern saknar stöd för PDF-filer (paketet pypdf är inte installerat).", path
        ) from error
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(
                f"PDF-filen {path.name} är lösenordsskyddad; spara en kopia utan lösenord och "
                "importera den.",
                path,
            )
        marked: list[tuple[str, float, bool]] = []
        # Where each piece stands: (page, x, y) of its start, in the order of `marked`.
        spots: list[tuple[int, float, float]] = []
        page_number = 0

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            name = str(font.get("/BaseFont", "")) if font else ""
            bold = any(w in name.casefold() for w in ("bold", "black", "heavy", "semibold"))
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            for piece in text.split("\n"):
                if piece.strip():
                    marked.append((piece.strip(), float(size or 0), bold))
                    spots.append((page_number, float(x), float(y)))

        pages = []
        for page_number, page in enumerate(reader.pages):  # noqa: B007 (read by visit)
            pages.append(page.extract_text(visitor_text=visit) or "")
    except UnreadableFile:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFile(
            f"Filen {path.name} kunde inte läsas som PDF; den kan vara skadad.", path
        ) from error
    letters = sum(char.isalpha() for page in pages for char in page)
    if letters < _MIN_LETTERS_PER_PAGE * max(1, len(pages)):
        raise UnreadableFile(
            f"PDF-filen {path.name} saknar läsbar text (den verkar vara inskannad); importera "
            "originalet som .docx eller kör textigenkänning (OCR) först.",
            path,
        )
    cells = _row_cells(marked, spots)
    emphasised = _emphasised([m for i, m in enumerate(marked) if i not in cells])
    headings.update(emphasised)
    wraps = _wrapped_headings(marked, spots, emphasised - {marked[i][0] for i in cells})
    headings.update(" ".join(run) for run in wraps)
    pages = [_joined_wraps(page, wraps) for page in pages]
    # A bold piece and the plain piece right after it: "Budgetläget" + "Prognosen är …".
    leads = {
        f"{text} {marked[i + 1][0].split()[0]}": text
        for i, (text, _size, bold) in enumerate(marked[:-1])
        if bold
        and not marked[i + 1][2]
        and not text.endswith(":")
        and len(text.split()) <= _LEAD_WORDS
    }
    return PAGE_BREAK.join(_split_leads(page, leads) for page in pages)


def _wrapped_headings(
    marked: list[tuple[str, float, bool]],
    spots: list[tuple[int, float, float]],
    emphasised: set[str],
) -> list[list[str]]:
    """A heading the column's width broke: bold pieces on lines right below each other, the
    next one going on in lower case ("Uppföljning av sjukfrånvaron i grupperna under" /
    "hösten och planen för våren"), or a capital after a line that cannot end ("Ägardirektiv
    för Norrbo Bostäder AB," / "Norrbo Energi AB och …"; "… arbetsmiljön i" / "Hemtjänsten
    Väst"). Two headings one above the other ("Information" over "Uppföljning …") each start
    with a capital after a finished line, so they stay apart."""
    runs: list[list[str]] = []
    run: list[str] = []
    for index, (text, size, _bold) in enumerate(marked):
        previous = index - 1
        goes_on = (
            run
            and text in emphasised
            and (text[:1].islower() or _unfinished(marked[previous][0]))
            and not _SUB_ITEM.match(text)  # "a) Sommartidtabell …" under its parent's title
            and marked[previous][1] == size
            and not marked[previous][0].endswith((".", ":", "!", "?"))
            and spots[previous][0] == spots[index][0]
            and 0 < spots[previous][2] - spots[index][2] <= _WRAP_LEADING * size
        )
        if goes_on:
            run.append(text)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [text] if text in emphasised else []
    if len(run) > 1:
        runs.append(run)
    return runs


def _unfinished(line: str) -> bool:
    """A line that stops on a comma or a connective ("… AB,", "… arbetsmiljön i") goes on."""
    return line.endswith(",") or _ends_on_connective(line)


# A lettered or numbered sub-item's mark: "a) ", "ii) ", "b. ".
_SUB_ITEM = re.compile(r"^[a-zåäö]{1,3}[).]\s")

# A wrapped heading's next line stands at most this many times its type's size below it.
_WRAP_LEADING = 1.8


def _joined_wraps(page: str, runs: list[list[str]]) -> str:
    """The page's text with each wrapped heading on one line, as its writer wrote it."""
    if not runs:
        return page
    lines = page.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        for run in runs:
            window = [line.strip() for line in lines[index : index + len(run)]]
            if window == run:
                out.append(" ".join(run))
                index += len(run)
                break
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)


def _split_leads(page: str, leads: dict[str, str]) -> str:
    """ "Budgetläget Prognosen är …" where "Budgetläget" alone was bold: the title on its own
    line above its text, as in a Word paragraph that opens with a bold title."""
    if not leads:
        return page
    lines = []
    for line in page.split("\n"):
        lead = next((t for key, t in leads.items() if line.startswith(key)), None)
        if lead:
            lines += [lead.rstrip(" .–-"), line[len(lead) :].strip()]
        else:
            lines.append(line)
    return "\n".join(lines)


def _row_cells(
    marked: list[tuple[str, float, bool]], spots: list[tuple[int, float, float]]
) -> set[int]:
    """The pieces that are cells of a table: those on a row of pieces whose columns another row
    on the page shares (a bold header row "Kontor | Vakanser | Pågående" over its figures). A
    cell in bold is the table's, no heading of the minutes. Columns, not a gap on the line: a
    line's runs drawn one after another stand wherever their words end."""
    rows: dict[tuple[int, int], list[int]] = {}
    for index, (page, _x, y) in enumerate(spots):
        rows.setdefault((page, round(y)), []).append(index)
    columns = {
        key: {round(spots[i][1]) for i in members}
        for key, members in rows.items()
        if len(members) >= 2
    }
    cells: set[int] = set()
    for key, xs in columns.items():
        if any(
            other != key and other[0] == key[0] and _shared_columns(xs, theirs) >= 2
            for other, theirs in columns.items()
        ):
            cells.update(rows[key])
    return cells


def _shared_columns(ours: set[int], theirs: set[int]) -> int:
    return sum(any(abs(x - t) <= 1 for t in theirs) for x in ours)


def _emphasised(marked: list[tuple[str, float, bool]]) -> set[str]:
    """Pieces in bold or in type larger than the text's own: the PDF's headings."""
    weights: dict[float, int] = {}
    for text, size, _bold in marked:
        weights[size] = weights.get(size, 0) + len(text)
    if not weights:
        return set()
    body = max(weights, key=lambda size: weights[size])
    return {text for text, size, bold in marked if bold or size > body * 1.1}
