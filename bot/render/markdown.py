"""Minutes and agendas as Markdown (CommonMark), every user text escaped so it stays text."""

from __future__ import annotations

import re

from bot.render.document import AgendaView, Block, Document, Kind, MinutesView, document_of

# Characters that can start markup anywhere in a CommonMark line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Line starts that would turn a line into a list, quote, heading or rule.
_LINE_START = re.compile(r"^([-+=#]|\d+[.)])")


def escape(text: str, *, line_start: bool = True) -> str:
    """Text that renders as itself; `line_start=False` after a heading's "## ", where a leading
    "1." or "-" cannot start a list."""
    lines = []
    for line in text.split("\n"):
        # Leading spaces would make an indented code block.
        line = _INLINE.sub(r"\\\1", line.strip())
        if line_start:
            line = _LINE_START.sub(lambda m: _escape_start(m.group(1)), line)
        lines.append(line)
    # A backslash before the line end is CommonMark's hard line break.
    return "\\\n".join(lines)


def _escape_start(start: str) -> str:
    return start[:-1] + "\\" + start[-1]


def _heading(text: str) -> str:
    # A heading is one line in Markdown; a line break would end it and start a paragraph.
    return escape(" ".join(text.split()), line_start=False)


def render_markdown(view: MinutesView) -> str:
    return markdown_of(document_of(view))


def render_agenda_markdown(view: AgendaView) -> str:
    return markdown_of(document_of(view))


def markdown_of(doc: Document) -> str:
    parts: list[str] = []
    if doc.banner:
        parts.append(f"> **{escape(doc.banner)}**")
    parts.append(f"# {_heading(doc.title)}")
    meta: list[str] = []
    previous: Kind | None = None
    for block in doc.blocks:
        if block.kind is Kind.META:
            meta.append(escape(block.text))
            previous = block.kind
            continue
        if meta:
            parts.append("\\\n".join(meta))
            meta = []
        text = _block(block)
        # Consecutive list items form one list; anything else is its own paragraph.
        if block.kind in (Kind.BULLET, Kind.SIGNATURE) and previous is block.kind:
            parts[-1] += "\n" + text
        else:
            parts.append(text)
        previous = block.kind
    if meta:
        parts.append("\\\n".join(meta))
    if doc.footer:
        parts += ["---", escape(doc.footer)]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    text = escape(block.text)
    match block.kind:
        case Kind.SECTION:
            return f"## {_heading(block.text)}"
        case Kind.ITEM:
            return f"### {_heading(block.text)}"
        case Kind.SUBHEADING:
            return f"#### {_heading(block.text)}"
        case Kind.BULLET | Kind.SIGNATURE:
            return f"- {text}"
        case Kind.DECISION:
            return f"**{text}**"
        case Kind.SUBTITLE:
            return f"*{text}*"
        case Kind.TABLE:
            head, *rows = block.rows
            lines = [_row(head), "|" + "---|" * len(head)]
            return "\n".join(lines + [_row(row) for row in rows])
        case _:
            return f"**{escape(block.lead)}** {text}" if block.lead else text


def _row(cells: tuple[str, ...]) -> str:
    # A cell is one line: its line breaks read as spaces; "|" is escaped with the rest.
    return "| " + " | ".join(escape(" ".join(c.split()), line_start=False) for c in cells) + " |"
