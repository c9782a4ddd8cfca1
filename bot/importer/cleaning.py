"""Cleaning of exported minutes: page headers and footers, hyphenated breaks, stray whitespace."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from bot.core.normalise import clean
from bot.importer.vocabulary import (
    BULLET,
    DATE_PATTERN,
    MAIL_FIELD,
    MAIL_FROM,
    ends_with_page_number,
    is_date_only,
    is_lone_number,
    is_page_marker,
    is_print_line,
    later_page_number,
    opens_body,
)

PAGE_BREAK = "\f"

_SPACES = re.compile(r" {2,}")
# How far from a page-number line a date still counts as part of the same page header.
_HEADER_REACH = 2
_TOP_BLOCK_LIMIT = 8


def clean_text(text: str) -> str:
    """The text without page headers and footers, hyphenated breaks joined, at most one blank."""
    # The core's own normalisation (bot.core.normalise), page by page: a form feed is a page.
    pages = [
        [_SPACES.sub(" ", line.replace("\t", " ")).strip() for line in clean(page).split("\n")]
        for page in text.replace("\r\n", "\n").split(PAGE_BREAK)
    ]
    if len(pages) > 1:
        paged = any(
            is_page_marker(line) or ends_with_page_number(line) for page in pages for line in page
        )
        pages = _drop_page_edges(pages)
        if paged:
            pages = _drop_dated_headers(pages)
    lines = [line for page in pages for line in page if not is_print_line(line)]
    lines = _drop_page_headers(lines)
    lines = _drop_repeated_letterhead(lines)
    lines = _drop_repeated_footer(lines)
    lines = _join_hyphenated(lines)
    # A rule left in the text ("-----" above and below "INLEDNING") only sets its neighbours
    # off, as a blank line does; read as text it made the heading an item and split titles.
    lines = ["" if _RULE.match(line) else line for line in lines]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def without_mail_headers(text: str) -> str:
    """The text without the headers of the e-mails it was pasted from: a "Från:" line and the
    mail's fields below it ("Skickat:", "Till:", "Ämne:"), whose date is the mail's own."""
    lines = text.split("\n")
    drop: set[int] = set()
    for index, line in enumerate(lines):
        if not MAIL_FROM.match(line.strip()):
            continue
        end = index + 1
        while end < len(lines) and MAIL_FIELD.match(lines[end].strip()):
            end += 1
        if end - index >= _MAIL_FIELDS:
            drop.update(range(index, end))
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)


# A "Från:" line is a mail's header with at least this many of its fields (itself included).
_MAIL_FIELDS = 3


def content_key(text: str) -> str:
    """A stable hash of the words of the cleaned text: the same minutes give the same key."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", clean_text(text)).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _edges(page: list[str], count: int = 3) -> tuple[list[int], list[int]]:
    """A page's first and last `count` lines, not counting its page numbers and print dates:
    "KOMMUNEN" / "Protokoll" / "2 (3)" / "Utskriven 2026-01-05" / "Kommunstyrelsen 2026-03-12"
    is a header of three lines beside its number and date."""
    filled = [index for index, line in enumerate(page) if line]

    def reach(indexes: list[int]) -> list[int]:
        taken: list[int] = []
        counted = 0
        for index in indexes:
            if counted == count:
                break
            taken.append(index)
            line = page[index]
            if not (is_page_marker(line) or is_lone_number(line) or is_print_line(line)):
                counted += 1
        return taken

    return reach(filled), sorted(reach(filled[::-1]))


def _drop_page_edges(pages: list[list[str]]) -> list[list[str]]:
    """Where the reader marked page breaks (PDF), drop numbers and lines repeated at page edges."""
    seen_top: dict[str, int] = {}
    seen_bottom: dict[str, int] = {}
    for page in pages:
        top, bottom = _edges(page)
        for index in top:
            key = _unnumbered(page[index])
            seen_top[key] = seen_top.get(key, 0) + 1
        for index in bottom:
            key = _unnumbered(page[index])
            seen_bottom[key] = seen_bottom.get(key, 0) + 1
    result = []
    for number, page in enumerate(pages):
        page = list(page)
        top, bottom = _edges(page)
        for index in top:
            line = page[index]
            marker = is_page_marker(line) or is_lone_number(line)
            # The first page keeps its letterhead: it carries the group, the date and the place.
            if marker or (number > 0 and seen_top.get(_unnumbered(line), 0) > 1):
                page[index] = ""
        for index in bottom:
            line = page[index]
            repeated = seen_bottom.get(_unnumbered(line), 0) > 1
            if is_page_marker(line) or is_lone_number(line) or repeated:
                page[index] = ""
        result.append(page)
    headed = _drop_edge_runs(pages, result, from_top=True)
    return _drop_edge_runs(headed, headed, from_top=False)


# "Värnsjö kommun, tekniska förvaltningen   FSG 2025-09-16": a header line ending with a date.
_ENDS_WITH_DATE = re.compile(rf"\s(?P<date>{DATE_PATTERN})$", re.IGNORECASE)
_DATED_HEADER_LINES = 2  # a later page's header is at most its first this many lines


def _drop_dated_headers(pages: list[list[str]]) -> list[list[str]]:
    """A later page's header that stands once, the first page having its letterhead instead:
    "Värnsjö kommun, tekniska förvaltningen   FSG 2025-09-16" at the top of page 2, ending with
    the meeting's date the first page gives ("Datum: 2025-09-16"), in paged minutes ("Sida 1
    av 2"). Read as text it ran on from the title above the page break. A line that opens an
    item or says something (a sentence) is the text's, whatever date it ends with."""
    first = " ".join(pages[0])
    result = [pages[0]]
    for page in pages[1:]:
        page = list(page)
        top = [index for index, line in enumerate(page) if line][:_DATED_HEADER_LINES]
        for depth, index in enumerate(top):
            line = page[index]
            if _is_structural(line) or _sentence(line):
                break
            found = _ENDS_WITH_DATE.search(line)
            if found and found["date"] in first:
                for above in top[: depth + 1]:
                    page[above] = ""
                break
        result.append(page)
    return result


def _drop_edge_runs(
    pages: list[list[str]], kept_pages: list[list[str]], *, from_top: bool
) -> list[list[str]]:
    """Drop the lines that stand at the same place from a page's edge on more than one page, as
    long as every line nearer the edge went too: a footer or a later page's header however many
    lines ("STRÖMSVIKS KOMMUN" / "Servicenämnden" / "Gemensam nämnd för Strömsvik," / "Lillåsen
    och Berga"), longer than `_edges` looks at."""
    filled = [[index for index, line in enumerate(page) if line] for page in pages]

    def run(lines: list[int]) -> list[int]:
        return lines[:_EDGE_RUN_LINES] if from_top else lines[-_EDGE_RUN_LINES:][::-1]

    seen: dict[tuple[int, str], int] = {}
    for page, lines in zip(pages, filled, strict=True):
        for depth, index in enumerate(run(lines)):
            key = (depth, _unnumbered(page[index]))
            seen[key] = seen.get(key, 0) + 1
    result = []
    for number, (page, lines, kept) in enumerate(zip(pages, filled, kept_pages, strict=True)):
        kept = list(kept)
        # The first page keeps its letterhead: it carries the group, the date and the place.
        if not (from_top and number == 0):
            for depth, index in enumerate(run(lines)):
                line = page[index]
                if not kept[index]:
                    continue  # gone with the page's edges
                if seen[(depth, _unnumbered(line))] < 2 or _is_structural(line) or _sentence(line):
                    break  # an edge's furniture names; a sentence two pages share is their text
                kept[index] = ""
        result.append(kept)
    return result


# A page's footer or header may be more lines than the edges above look at: "Region Östersand" /
# "APT avd 14" / "Protokoll APT 2026-04-21" / "Sida 1 av 2"; at most this many.
_EDGE_RUN_LINES = 6


def _sentence(line: str) -> bool:
    """ "Informationen noteras.": a line of the text, which no footer is (it names, it says
    nothing), however alike two pages end."""
    return line.endswith((".", ":", "!", "?")) and not is_page_marker(line)


def _unnumbered(line: str) -> str:
    """A page header with its page number blanked: "PROTOKOLL Sida 2 (2)" repeats "PROTOKOLL
    Sida 1 (2)"; other lines as they are ("§ 12" and "§ 19" differ)."""
    return re.sub(r"\d+", "#", line) if ends_with_page_number(line) else line


def _drop_page_headers(lines: list[str]) -> list[str]:
    """Drop "SID 2(4)" lines and the print date beside them; a date alone at the top repeats."""
    filled = [index for index, line in enumerate(lines) if line]
    # "ÄLVBY SJUKHUS  Skyddskommittén 2026-01-22  Sida 2 av 2": a later page's header, even
    # where it stands once (two pages have one such header) or no page break marks its page.
    markers = {
        index
        for index in filled
        if is_page_marker(lines[index])
        or (
            later_page_number(lines[index])
            and not _is_structural(lines[index])
            and not _sentence(lines[index])
        )
    }
    drop = set(markers)
    position = {index: rank for rank, index in enumerate(filled)}
    marker_ranks = sorted(position[index] for index in markers)
    first_date = next((lines[i] for i in filled[:1] if is_date_only(lines[i])), None)
    for rank, index in enumerate(filled):
        line = lines[index]
        if not is_date_only(line):
            continue
        near_marker = any(abs(rank - other) <= _HEADER_REACH for other in marker_ranks)
        repeated_top = rank > 0 and line == first_date
        # "Sammanträdesdatum" above it: the meeting's date in a page header's column.
        labelled = rank > 0 and lines[filled[rank - 1]].casefold().endswith("datum")
        if (near_marker and not labelled) or repeated_top:
            drop.add(index)
    return [line for index, line in enumerate(lines) if index not in drop]


def _is_structural(line: str) -> bool:
    bare = BULLET.sub(r"\1", line)
    return opens_body(line, bare) or bare != line


def _drop_repeated_letterhead(lines: list[str]) -> list[str]:
    """Drop later runs of the letterhead lines (a Word header repeated on every page)."""
    filled = [index for index, line in enumerate(lines) if line]
    top: list[str] = []
    for index in filled[:_TOP_BLOCK_LIMIT]:
        if _is_structural(lines[index]):
            break
        top.append(lines[index])
    # "Sida 1 (2)" at the top comes again as "Sida 2 (2)": compared with the number blanked.
    letterhead = {_unnumbered(line) for line in top}
    if not letterhead:
        return lines
    # "Vallby Hembygdsförening   Styrelseprotokoll 3/2026" over "Org.nr …   Sida 1 av 2": a line
    # beside the page's number at the top is the page's header where it comes again alone (its
    # own page's number, on a line of its own, went as a page marker).
    beside_number = {
        _unnumbered(line)
        for at, line in enumerate(top)
        if len(line.split()) >= 2
        and not ends_with_page_number(line)
        and any(ends_with_page_number(top[j]) for j in (at - 1, at + 1) if 0 <= j < len(top))
    }
    drop: set[int] = set()
    run: list[int] = []
    for index in [*filled[len(top) :], None]:
        if index is not None and _unnumbered(lines[index]) in letterhead:
            run.append(index)
            continue
        # A lone repeat is a page's header only when it carries the page's number.
        if (
            len(run) >= 2
            or (run and ends_with_page_number(lines[run[0]]))
            or (run and _unnumbered(lines[run[0]]) in beside_number)
        ):
            drop.update(run)
        run = []
    return [line for index, line in enumerate(lines) if index not in drop]


# A line of dashes or equals signs between the text and a page's footer ("-------").
_RULE = re.compile(r"^[-=–—]{5,}$")
_FOOTER_REACH = 3  # the footer's lines are among the text's last this many


def _drop_repeated_footer(lines: list[str]) -> list[str]:
    """A page's footer in a text without page breaks: a line set off by a rule that ends the
    text and comes again earlier, set off the same way ("Åsbo kommun, …, Verkvägen 4" between
    two rules at each page's foot); it goes with its rules."""
    filled = [index for index, line in enumerate(lines) if line]

    def ruled(at: int) -> bool:
        neighbours = [filled[j] for j in (at - 1, at + 1) if 0 <= j < len(filled)]
        return any(_RULE.match(lines[index]) for index in neighbours)

    set_off = [at for at in range(len(filled)) if ruled(at) and not _RULE.match(lines[filled[at]])]
    tail = {lines[filled[at]] for at in set_off if at >= len(filled) - _FOOTER_REACH}
    seen: dict[str, int] = {}
    for at in set_off:
        seen[lines[filled[at]]] = seen.get(lines[filled[at]], 0) + 1
    footer = {line for line in tail if seen[line] > 1 and not _is_structural(line)}
    if not footer:
        return lines
    drop = {filled[at] for at in set_off if lines[filled[at]] in footer}
    # The rules beside a footer line go with it.
    drop |= {
        filled[j]
        for at in range(len(filled))
        if filled[at] in drop
        for j in (at - 1, at + 1)
        if 0 <= j < len(filled) and _RULE.match(lines[filled[j]])
    }
    return [line for index, line in enumerate(lines) if index not in drop]


_HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$|(?<=\d)-$")
_SUSPENDED = frozenset({"och", "eller", "samt", "respektive", "resp", "till"})


def _join_hyphenated(lines: list[str]) -> list[str]:
    """Join "FSG-" + "protokoll" and "organisa-" + "tionen" across a line break (blank or not)."""
    lines = list(lines)
    for index, line in enumerate(lines):
        if not _HYPHEN_END.search(line) or line.endswith(" -"):
            continue
        following = next((j for j in range(index + 1, len(lines)) if lines[j]), None)
        if following is None:
            continue
        head, _, rest = lines[following].partition(" ")
        if not head or not head[0].islower():
            continue
        stem = line.rsplit(" ", 1)[-1][:-1]
        if head.rstrip(".,;:") in _SUSPENDED:
            # "kultur-" + "och fritid": a shared ending, the hyphen and the space both stay.
            lines[index] = f"{line} {head}"
        elif len(stem) <= 2 or any(c.isupper() or c.isdigit() for c in stem[1:]):
            # An abbreviation or a short stem ("FSG-protokoll", "e-post") keeps its hyphen.
            lines[index] = line + head
        else:
            lines[index] = line[:-1] + head
        lines[following] = rest
    return lines
