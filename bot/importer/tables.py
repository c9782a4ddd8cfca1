"""Agenda items written as a table, read by the columns its header row names, as item lines."""

from __future__ import annotations

import re

from bot.importer.vocabulary import (
    ATTENDANCE_COLUMN,
    CELL_LABEL,
    CLOSING,
    SIGNATURES_HEAD,
    decision_of,
    is_column_heading,
    is_party,
    is_person_name,
    is_presenter,
    item_table_column,
    item_table_columns,
    section_of,
)

_SPACED = re.compile(r"\s{2,}")
# "3", "3.", "§ 3", and a sub-item's "2.1" under a section row.
_ROW_NUMBER = re.compile(r"^(?:§\s*)?\d{1,3}(?:\.\d{1,2})?\.?$")
# A line after a table that is no cell of it: "Justeras: …", "Vid protokollet", "Nästa möte:".
_AFTER_TABLE = re.compile(r"^(?:justera|justering|signera|underskrift)", re.IGNORECASE)
_LABEL = re.compile(r"^[\wÅÄÖåäö][\wÅÄÖåäö /-]{0,24}:(?:\s|$)")
# Cells one a line (a PDF's table) hold a row in at most this many lines per column.
_LINES_PER_CELL = 3


def items_from_tables(text: str) -> str:
    """The text with each table of agenda items written as the items it holds: a header row
    naming the columns (Punkt | Ärende | Föredragande | Beslut), then one item a row ("3. Title",
    "Föredragande: …", the decision's text); the columns of whoever answers for an action
    ("Ansvarig") are left out, as they name no presenter. Word's rows ("a | b"), a text
    export's tab-separated or space-aligned columns and a PDF's cells one a line alike."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        read = _delimited_table(lines, index) or _cell_lines_table(lines, index)
        if read is None:
            out.append(lines[index])
            index += 1
            continue
        rows, index = read
        for number, cells in rows:
            if _SECTION_ROW in cells:
                out += ["", cells[_SECTION_ROW], ""]
            else:
                out += ["", *_item_lines(number, cells), ""]
    return "\n".join(out)


def attendance_rows(text: str) -> str:
    """An attendance table that a PDF reader gives one cell a line ("Namn" / "Funktion" / "Part"
    / "Cecilia Gren" / "förvaltningschef, ordförande" / "Arbetsgivaren" / …) as the rows Word's
    table gives ("Namn | Funktion | Part", "Cecilia Gren | förvaltningschef, ordförande |
    Arbetsgivaren"): read cell by cell, its column heads were taken for titles. Each row opens
    with a person's name and holds at most one cell a column (an empty cell is no line)."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        head = _attendance_head(lines, index)
        at = index + len(head)
        rows: list[list[str]] = []
        while head and _row_opens(lines, at):
            cells = [lines[at].strip()]
            at += 1
            # A name-like cell ("Hälsopartner Norr") is the next row's name only with its
            # cells after it; above an item's title it is this row's last cell.
            while (
                len(cells) < len(head)
                and at < len(lines)
                and _attendance_cell(lines[at])
                and not _row_opens(lines, at)
            ):
                cells.append(lines[at].strip())
                at += 1
            rows.append(cells)
        if not rows:
            out.append(lines[index])
            index += 1
            continue
        out += [" | ".join(head), *(" | ".join(cells) for cells in rows)]
        index = at
    return "\n".join(out)


def _attendance_head(lines: list[str], index: int) -> list[str]:
    """ "Namn" over "Roll" / "Organisation": an attendance table's head one cell a line."""
    if lines[index].strip().casefold() != "namn":
        return []
    if any(SIGNATURES_HEAD.match(line.strip()) for line in lines[max(0, index - 2) : index]):
        return []  # "Justering" / "Underskrift" / "Namn" / "Part": who signs, not who attended
    head = [lines[index].strip()]
    while index + len(head) < len(lines) and ATTENDANCE_COLUMN.match(
        lines[index + len(head)].strip()
    ):
        head.append(lines[index + len(head)].strip())
    return head if len(head) >= 2 else []


def _row_opens(lines: list[str], at: int) -> bool:
    """A person's name with a cell of the row after it."""
    return (
        at + 1 < len(lines)
        and is_person_name(lines[at].strip())
        and _attendance_cell(lines[at + 1])
    )


def _attendance_cell(line: str) -> bool:
    """A role or a side beside the name ("HR-konsult, sekreterare", "Vision"): short, no
    sentence, no item's number."""
    line = line.strip()
    return (
        0 < len(line) <= 80
        and " | " not in line
        and not line.endswith((".", ":", "!", "?"))
        and not _OPENS_NUMBERED.match(line)
    )


# "1. Sammanträdets öppnande", "§ 4 …": the items begin, the table has ended.
_OPENS_NUMBERED = re.compile(r"^(?:§\s*)?\d")


def header_rows(text: str) -> str:
    """A header table's row of labels over its row of values ("Datum | Tid | Lokal | Protokoll
    nr" / "2026-03-10 | 08.30–10.00 | Pumphuset | ASG 2026:3", tab- or space-aligned in a text
    export) as "Label: value" lines, read before the cleaning joins the cells into one line."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        labels = _split(lines[index]) if lines[index].strip() else []
        following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        values = _split(lines[following]) if following is not None else []
        if (
            len(labels) >= 2
            and all(CELL_LABEL.match(label) for label in labels)
            and len(values) == len(labels)
            and not any(CELL_LABEL.match(value) for value in values)
        ):
            out += [
                f"{label.rstrip(':')}: {value}" for label, value in zip(labels, values, strict=True)
            ]
            index = following + 1
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _split(line: str) -> list[str]:
    if "\t" in line:
        return [cell.strip() for cell in line.strip("\n").split("\t")]
    if " | " in line:
        return [cell.strip() for cell in line.split(" | ")]
    return [cell.strip() for cell in _SPACED.split(line.strip())]


def _delimited_table(
    lines: list[str], start: int
) -> tuple[list[tuple[str, dict[str, str]]], int] | None:
    head = _split(lines[start])
    kinds = item_table_columns(head) if len(head) >= 2 else None
    if kinds is None:
        return None
    rows = []
    index = start + 1
    while index < len(lines):
        cells = _split(lines[index])
        while cells and len(cells) > len(kinds) and not cells[-1]:
            cells.pop()  # a trailing tab
        filled = [c for c in cells if c]
        if len(filled) == 1 and len(cells) <= len(kinds) and _section_row(lines, index, filled[0]):
            rows.append(("", {_SECTION_ROW: filled[0]}))
            index += 1
            continue
        if len(filled) < 2 or len(cells) > len(kinds):
            break
        rows.append(_row(kinds, cells))
        index += 1
    return (rows, index) if rows else None


def _cell_lines_table(
    lines: list[str], start: int
) -> tuple[list[tuple[str, dict[str, str]]], int] | None:
    """A header whose cells stand one a line, and rows that each open with the item's number."""
    index = start
    while index < len(lines) and item_table_column(lines[index]) is not None:
        index += 1
    # The template's own word heading the last column ("Utfall") above the first row's number.
    # (Not a section's row in capitals, "FORMALIA", under a header that has its notes' column.)
    if (
        index + 1 < len(lines)
        and "decision" not in {item_table_column(cell) for cell in lines[start:index]}
        and is_column_heading(lines[index])
        and not lines[index].isupper()
        and _number_of(lines[index + 1].strip()) is not None
    ):
        index += 1
    kinds = item_table_columns(lines[start:index]) if index - start >= 3 else None
    if kinds is not None and kinds[0] == "title":
        return _unnumbered_cell_lines(lines, index, kinds)
    if kinds is None or kinds[0] != "number":
        return None
    rows: list[tuple[str, dict[str, str]]] = []
    cells: list[str] = []
    expected = None
    while index < len(lines):
        line = lines[index].strip()
        number = _number_of(line)
        # A label ends the table ("Nästa möte: …" under it), but not as the cell right after a
        # row's number: that is the row's title, which may have a colon ("Arbetsmiljö: tillbud").
        label = _LABEL.match(line) and len(cells) != 1
        ends = not line or CLOSING.match(line) or _AFTER_TABLE.match(line) or label
        if number is not None and (expected is None or _follows(expected, number)):
            if cells:
                rows.append(_row(kinds, cells))
            cells, expected = [line], number
        elif (cells or not rows) and _section_row(lines, index, line):
            if cells:
                rows.append(_row(kinds, cells))
            rows.append(("", {_SECTION_ROW: line}))
            cells = []
        elif cells and not ends and len(cells) <= _LINES_PER_CELL * len(kinds):
            if len(cells) > 1 and _goes_on(cells[-1], line):
                cells[-1] = f"{cells[-1]} {line}"  # a cell the column's width broke
            else:
                cells.append(line)
        else:
            break
        index += 1
    if cells:
        rows.append(_row(kinds, cells))
    return (rows, index) if rows else None


_SENTENCE_END = (".", "!", "?")


def _unnumbered_cell_lines(
    lines: list[str], index: int, kinds: list[str]
) -> tuple[list[tuple[str, dict[str, str]]], int] | None:
    """A table with no number column ("Punkt | Ansvarig | Anteckning"), its cells one a line:
    with no number to open a row, a row opens on a line in capitals that is no sentence after a
    row's notes that ended one ("Mötet öppnades." / "Val av justerare"); a line in lower case
    goes on with the cell above it, as the column's width broke it."""
    rows: list[tuple[str, dict[str, str]]] = []
    cells: list[str] = []
    while index < len(lines):
        line = lines[index].strip()
        if not line or CLOSING.match(line) or _AFTER_TABLE.match(line):
            break
        if _LABEL.match(line) and len(cells) != 1:
            break
        if not cells or (
            len(cells) > 1
            and cells[-1].endswith(_SENTENCE_END)
            and not line.endswith(_SENTENCE_END)
            and line[:1].isupper()
        ):
            if cells:
                rows.append(("", _placed_by_look(kinds, cells)))
            cells = [line]
        elif line[:1].islower():
            cells[-1] = f"{cells[-1]} {line}"
        elif len(cells) <= _LINES_PER_CELL * len(kinds):
            cells.append(line)
        else:
            break
        index += 1
    if cells:
        rows.append(("", _placed_by_look(kinds, cells)))
    return (rows, index) if rows else None


def _goes_on(cell: str, line: str) -> bool:
    """Whether a line goes on with the cell above it: it opens in lower case, or the cell stops
    on a comma or a dash; a role in lower case ("ekonomichef") is a presenter's cell of its own."""
    if is_presenter(line) and not is_party(line):
        return False
    return line[:1].islower() or cell.endswith((",", "–", "-", "och", "samt"))


def _number_of(line: str) -> tuple[int, ...] | None:
    if not _ROW_NUMBER.match(line):
        return None
    return tuple(int(part) for part in re.findall(r"\d+", line))


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether a row's number comes next after the previous row's: 3 after 2, 2.2 after 2.1,
    3.1 (or 3) after 2.4."""
    if len(previous) == 1:
        return number in ((previous[0] + 1,), (previous[0] + 1, 1))
    return number in (
        (*previous[:-1], previous[-1] + 1),
        (previous[0] + 1, 1),
        (previous[0] + 1,),
    )


# A row across the whole table holding only a section's heading ("INFORMATION", "Ärenden för
# beslut") over the rows of that section's items, as Word's merged cells give it.
_SECTION_ROW = "section-row"


def _section_row(lines: list[str], index: int, cell: str) -> bool:
    """Whether the cell is a section's heading and a numbered row (or another such row)
    follows it, so that it stands inside the table rather than after it."""
    if section_of(cell) is None:
        return False
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    first = _split(following)[0] if following.strip() else ""
    return _number_of(first) is not None or _number_of(following.strip()) is not None


def _row(kinds: list[str], cells: list[str]) -> tuple[str, dict[str, str]]:
    """The row's cells by what their column holds; a row with fewer cells than columns (a
    reader that left out the empty ones) is placed by what each cell looks like, in the
    columns' order: a name before the decision's text is the presenter's, one after it an
    action's owner."""
    if len(cells) == len(kinds):
        placed = dict.fromkeys(kinds, "")
        for kind, cell in zip(kinds, cells, strict=True):
            placed[kind] = f"{placed[kind]} {cell}".strip()
    else:
        placed = _placed_by_look(kinds, cells)
    return placed.get("number", ""), placed


def _placed_by_look(kinds: list[str], cells: list[str]) -> dict[str, str]:
    placed = dict.fromkeys(kinds, "")
    rest = list(cells)
    for kind in ("number", "title"):
        if kind in kinds and rest:
            placed[kind] = rest.pop(0)
    others = [k for k in kinds if k not in ("number", "title")]
    before = others[: others.index("decision")] if "decision" in others else others
    after = others[len(before) + 1 :] if "decision" in others else []
    prose = [i for i, cell in enumerate(rest) if not _name_like(cell)]
    if not prose or "decision" not in others:
        for kind, cell in zip(others, rest, strict=False):
            placed[kind] = cell
        return placed
    first, last = prose[0], prose[-1]
    for kind, cell in zip(before, rest[:first], strict=False):
        placed[kind] = cell
    placed["decision"] = " ".join(rest[first : last + 1])
    for kind, cell in zip(after, rest[last + 1 :], strict=False):
        placed[kind] = cell
    return placed


def _name_like(cell: str) -> bool:
    """A person or a role ("Karin Dahl", "ekonomichef"), not a sentence or an outcome."""
    words = cell.split()
    return (
        0 < len(words) <= 4
        and not cell.endswith((".", "!", "?"))
        and not any(char.isdigit() for char in cell)
        and not decision_of(cell)
    )


def _item_lines(number: str, cells: dict[str, str]) -> list[str]:
    title = cells.get("title", "")
    if number:
        bare = number.rstrip(".")
        title = f"{bare} {title}" if bare.startswith("§") else f"{bare}. {title}"
    out = [title]
    if cells.get("presenter"):
        out.append(f"Föredragande: {cells['presenter']}")
    if cells.get("decision"):
        out.append(cells["decision"])
    return out
