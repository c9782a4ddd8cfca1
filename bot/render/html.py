"""Minutes and agendas as one self-contained HTML page that also prints well on A4."""

from __future__ import annotations

import re
from html import escape

from bot.render.document import AgendaView, Block, Document, Kind, MinutesView, document_of

_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")

STYLE = """
:root { color-scheme: light; }
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; line-height: 1.45; color: #1a1a1a;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
p { margin: .3rem 0; }
.subtitle { font-size: 1.1rem; margin-bottom: .6rem; }
.meta { margin: 0; }
.decision { font-weight: 600; }
.statement { border-left: 3px solid #888; padding-left: .6rem; }
.commitment, .outcome { padding-left: .6rem; border-left: 3px solid #2b6cb0; }
table.commitments { border-collapse: collapse; width: 100%; margin: .4rem 0; }
table.commitments th, table.commitments td { border: 1px solid #bbb; padding: .25rem .4rem;
  text-align: left; vertical-align: top; }
.banner { border: 2px solid #b00020; color: #b00020; font-weight: 700; padding: .5rem .8rem;
  text-align: center; letter-spacing: .04em; }
.watermark { display: none; }
.running-head { display: none; }
footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .4rem; font-size: .85rem;
  font-family: Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  p, li { orphans: 2; widows: 2; }
  a { color: inherit; text-decoration: none; }
  .running-head { display: block; font-size: 8pt; color: #555; margin-bottom: 4mm; }
  /* A fixed box repeats on every printed page, so the draft mark is on each sheet. */
  .watermark { display: block; position: fixed; top: 40%; left: 0; right: 0; text-align: center;
    font-size: 96pt; font-weight: 700; color: rgba(0, 0, 0, .08); transform: rotate(-45deg);
    z-index: -1; }
}
""".strip()


def render_html(view: MinutesView) -> str:
    return html_of(document_of(view))


def render_agenda_html(view: AgendaView) -> str:
    return html_of(document_of(view))


def html_of(doc: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.meta_title)}</title>",
        f'<meta name="description" content="{escape(doc.subject)}">',
        f'<meta name="author" content="{escape(doc.author)}">',
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
    ]
    if doc.watermark:
        out.append(f'<div class="watermark" aria-hidden="true">{escape(doc.watermark)}</div>')
    if doc.banner:
        out.append(f'<p class="banner" role="note">{escape(doc.banner)}</p>')
    out += [
        f'<p class="running-head">{escape(doc.running_head)}</p>',
        "<header>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    body: list[str] = []
    in_header = True
    open_list = False
    for block in doc.blocks:
        if in_header and block.kind not in (Kind.SUBTITLE, Kind.META):
            out.append("</header>")
            out.append("<main>")
            in_header = False
        is_item = block.kind in (Kind.BULLET, Kind.SIGNATURE)
        if open_list and not is_item:
            body.append("</ul>")
            open_list = False
        if is_item and not open_list:
            body.append("<ul>")
            open_list = True
        (out if in_header else body).append(_block(block))
    if open_list:
        body.append("</ul>")
    if in_header:
        out += ["</header>", "<main>"]
    out += body
    out.append("</main>")
    if doc.footer:
        out.append(f'<footer><p class="hash">{escape(doc.footer)}</p></footer>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _text(text: str) -> str:
    """Escaped user text with its line breaks kept and its web addresses made links."""
    lines = []
    for line in text.split("\n"):
        pieces, last = [], 0
        for match in _URL.finditer(line):
            url = match.group(0)
            pieces += [
                escape(line[last : match.start()]),
                f'<a href="{escape(url)}">{escape(url)}</a>',
            ]
            last = match.end()
        pieces.append(escape(line[last:]))
        lines.append("".join(pieces))
    return "<br>\n".join(lines)


def _block(block: Block) -> str:
    text = _text(block.text)
    lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
    match block.kind:
        case Kind.SUBTITLE:
            return f'<p class="subtitle">{text}</p>'
        case Kind.META:
            return f'<p class="meta">{text}</p>'
        case Kind.SECTION:
            return f"<h2>{text}</h2>"
        case Kind.ITEM:
            return f"<h3>{text}</h3>"
        case Kind.SUBHEADING:
            return f"<h4>{text}</h4>"
        case Kind.BULLET | Kind.SIGNATURE:
            return f"<li>{text}</li>"
        case Kind.STATEMENT:
            return f'<p class="statement">{lead}{text}</p>'
        case Kind.DECISION:
            return f'<p class="decision">{lead}{text}</p>'
        case Kind.COMMITMENT | Kind.OUTCOME:
            return f'<p class="{block.kind.value}">{lead}{text}</p>'
        case Kind.TABLE:
            return _table(block)
        case _:
            return f"<p>{lead}{text}</p>"


def _table(block: Block) -> str:
    """The list of commitments: column heads, then one row each."""
    head, *rows = block.rows
    out = [f'<table class="commitments" aria-label="{escape(block.text)}">', "<thead><tr>"]
    out += [f'<th scope="col">{_text(cell)}</th>' for cell in head]
    out.append("</tr></thead>\n<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)
