"""Parsing of old samverkan minutes (plain text) into meeting facts, items and decisions."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from bot.importer.body import _HEADS_JUSTERARE, _Body, _Building, _normalise_line
from bot.importer.checks import language_of
from bot.importer.cleaning import clean_text, without_mail_headers
from bot.importer.header import (
    _DNR_ONLY,
    _JUSTERARE_IN_TITLE,
    _JUSTERARE_ITEM,
    _SIGNED_WITH_PARTY,
    _dash_items,
    _date_from_source,
    _date_without_year,
    _dnr,
    _header_cells,
    _header_end,
    _labelled_date,
    _long_title,
    _opened_at,
    _presenters_apart,
    _protocol_number,
    _read_header,
    _signature_cells,
    _titles_before_labels,
    _titles_off_their_sentence,
)
from bot.importer.model import OPENING, ImportedItem, ImportedMinutes
from bot.importer.people import (
    _ALONG_WITH_CHAIR,
    _justering_in,
    _listed_chair,
    _merge_people,
    _minute_keepers,
    _names_only,
    _role_then_party,
    _sides,
)
from bot.importer.shapes import (
    _LABEL_VALUE,
    _ends_sentence,
    _Layout,
    _starts_lower,
    _strip_marker,
    _titleish,
)
from bot.importer.signatures import _warnings
from bot.importer.tables import attendance_rows, header_rows, items_from_tables
from bot.importer.vocabulary import (
    ATTENDANCE,
    ITEM_LABELS,
    NAME_TOKEN,
    PREMISES_OF,
    SECTIONS,
    is_agenda_marker,
    is_closing_item,
    is_employer_organisation,
    is_employer_role,
    is_employers_association,
    is_party,
    is_person_name,
    is_standing,
    is_subheading,
    is_workers_side,
    section_of,
    sourced_section,
    without_title,
)

__all__ = ["ImportedItem", "ImportedMinutes", "parse_minutes"]


def parse_minutes(
    text: str, *, source: str = "", headings: frozenset[str] = frozenset()
) -> ImportedMinutes:
    """Read minutes exported from Word or PDF; what cannot be placed is kept in `unstructured`.

    headings: lines the file itself marks as headings (Word's heading styles, a PDF's bold or
    larger type), normalised by case and spacing; evidence for a title, not proof.
    """
    text = _hanging_titles(text)
    full_text = clean_text(text)
    # A table of items is read by its columns before the cleaning joins them into one line.
    read_text = clean_text(
        items_from_tables(header_rows(attendance_rows(without_mail_headers(text))))
    )
    # "Justerare ____________ Bo Lund": the line to sign on is no part of the name; after a
    # side's caption it stands for the colon ("För Vision ........ Tomas Berglund" is "För
    # Vision: Tomas Berglund", the side that name signs for).
    lines = [
        " ".join(_SIGNING_RULE.sub(" ", _SIDE_LEADER.sub(r"\g<side>: ", line, count=1)).split())
        if ("___" in line or "...." in line)
        else line
        for line in read_text.split("\n")
    ]
    lines = _signature_cells(_header_cells([line for line in lines if line]))
    layout = _Layout(lines)
    end = _header_end(lines)
    header = _read_header(lines[:end])
    marked = frozenset(
        _normalise_line(h) for h in [*headings, *_set_apart(read_text), *_set_in_bodies(text)]
    )
    body = _read_body(lines[end:], lines[:end], layout, marked)
    items = _built_items(body, layout, header.group_kind)
    reread = _safety_net(lines, end, layout, marked, header.group_kind, items)
    if reread is not None:
        body, items = reread

    justerare = list(header.justerare)
    for item in items:
        own = bool(_JUSTERARE_ITEM.match(item.title))
        # The opening items ("Mötets öppnande", "Formalia") say who justerar among other things.
        if own or _tells_justering(item.title) or item.section == OPENING:
            # "Mötets öppnande och val av justerare": only its sentences about the justering.
            text = item.text.split("\n")
            if own:
                # Its sentences whole where the page width broke them ("A justerar för Kommunal
                # och Göran" + "Sahlin för arbetsgivaren."), before its lines one by one.
                for paragraph in _sentences_rejoined(text):
                    justerare.extend(_justering_in(paragraph, whole=False))
            else:
                # Its sentences whole, wherever the page width broke them.
                justerare.extend(_justering_in(" ".join(text), whole=False))
            for index, line in enumerate(text):
                justerare.extend(_justering_in(line, whole=own))
                if _HEADS_JUSTERARE.search(line):
                    justerare.extend(_listed_below(text[index + 1 :]))
    justerare.extend(body.justerare)
    with_chair = bool(_WITH_CHAIR.search(full_text))
    found = {name for name, _ in _merge_people(justerare)}
    signed_names = {name for name, _ in body.signed}
    if not justerare or with_chair or (found and found < signed_names):
        # "Att jämte ordföranden justera …": the chair signs as a justerare too; and a
        # signature block under "Justeras" that names everyone the sentence chose, and more
        # ("… utses att tillsammans med B för arbetsgivaren justera"), names them all, but
        # the chair of a side of none: who signs beside the justerare the sentence chose,
        # without the chair's words, signs as the chair ("Åke Nyman valdes att justera" above
        # "Birgitta Holm   Åke Nyman", the board's ordförande first); a manager who chairs
        # signs for the employer.
        chair = set() if with_chair or not found else {n for n, _ in _listed_chair(lines)}
        chair -= {n for n, party in body.signed if party} | set(_sides(lines, chair))
        # Who the text says keeps the minutes signs as the secretary, not as a justerare.
        keepers = _minute_keepers(full_text) - found
        justerare.extend(
            (name, party) for name, party in body.signed if name not in chair | keepers
        )
    if with_chair:
        justerare.extend(body.chairs or _listed_chair(lines))
    # The signature block may name the parties the sentence of their choice left out.
    signed = dict(_merge_people(_employer_sides(body.signed)))
    for name, party in _signed_parties(lines).items():
        signed[name] = signed.get(name) or party
    justerare = [
        (name, party or signed.get(name, ""))
        for name, party in _merge_people(_employer_sides(justerare))
    ]
    justerare = [(name, _role_then_party(party)) for name, party in justerare]
    justerare = [(name, "" if is_workers_side(party) else party) for name, party in justerare]
    from_list = 0
    if any(not party for _, party in justerare):
        # "Deltog: A, verksamhetschef, B, Vision": the attendance list says whose side each is on.
        sides = _sides(lines, {name for name, party in justerare if not party})
        from_list = sum(1 for name, party in justerare if not party and sides.get(name))
        justerare = [(name, party or sides.get(name, "")) for name, party in justerare]

    uncertain = list(header.uncertain)
    if reread is not None:
        uncertain.append("ärendena lästa på nytt efter numreringen")
    when = header.date or _labelled_date(read_text)  # not a pasted mail's "Datum:"
    if when is None:
        when = _date_without_year(lines[:end])
        if when is not None:
            uncertain.append("året taget ur rubriken")
    if when is None:
        when = _date_from_source(source)
        uncertain.append("datum från filnamnet" if when else "inget datum")
    if not justerare:
        uncertain.append("inga justerare hittade")
    elif from_list:
        uncertain.append("justerarnas parti från deltagarlistan")
    if not header.place:
        uncertain.append("ingen plats")
    if not items:
        uncertain.append("inga ärenden hittade")
    elif not body.sections_seen:
        uncertain.append("inga avsnittsrubriker, avsnitten är gissade")
    if language_of(full_text) == "en":
        uncertain.append("texten ser ut att vara på engelska")
    protocol = header.protocol_number or _protocol_number(full_text)
    # "Dnr KS 2024/0214" under a § item's title is that item's, not the meeting's; and so is
    # one an item's text cites ("Skolinspektionens beslut, dnr 2026:1120"), however wrapped.
    in_items = "\n".join(" ".join(item.text.split()) for item in items)
    dnr = header.dnr or _dnr(
        "\n".join(ln for ln in full_text.split("\n") if " ".join(ln.split()) not in in_items)
    )
    unstructured = "\n".join([*header.unplaced, *body.unplaced])
    minutes = ImportedMinutes(
        date=when,
        place=PREMISES_OF.sub("", header.place),
        group_kind=header.group_kind,
        time=header.time or _opened_at(items),
        group_name=header.group_name,
        protocol_number=protocol,
        dnr=dnr,
        justerare=justerare,
        items=items,
        unstructured=unstructured,
        full_text=full_text,
        source=source,
        warnings=_warnings(full_text),
        uncertain=uncertain,
    )
    return _with_report(minutes)


def _set_apart(text: str) -> list[str]:
    """Long lines a text sets apart with a blank line above and below and no full stop, as
    Word's text export or a typist sets a title over 14 words ("Överenskommelse om lokalvård
    för … med nya krav på städfrekvens"): marked as a heading is. Not in a text that sets
    every line apart (a PDF's export with a blank between its lines): there the line above
    ends no sentence, or the one below goes on in lower case."""
    lines = text.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    found: list[str] = []
    if not filled:
        return found
    for before, index, after in zip([None, *filled[:-1]], filled, [*filled[1:], None], strict=True):
        line = lines[index].strip()
        if (
            len(line.split()) > _SET_APART_WORDS
            and (before is None or (before < index - 1 and _ends_sentence(lines[before])))
            and (after is None or (after > index + 1 and not _starts_lower(lines[after])))
            and _long_title(line)
            and not _ends_sentence(line)
        ):
            found.append(line)
    return found


_SET_IN = 4  # how far a typist sets an item's text in under its title


_SET_IN_TITLES = 3  # titles over set-in text before the layout counts as one


def _set_in_bodies(text: str) -> list[str]:
    """Flush-left lines over a paragraph set in as a whole, as a typist writes unnumbered
    items ("Kompetensutveckling: läslyftet" over "        Emma och Agneta går …"): marked as a
    heading is, a colon in them or not, where the text has three or more such titles. Not a
    line the next one carries on (a comma or a connective at its end, "Närvarande: …"), nor
    "Dagordning" over the titles it lists."""
    lines = text.split("\n")
    found: list[str] = []
    for index, line in enumerate(lines[:-1]):
        if not line.strip() or line[:1].isspace() or ATTENDANCE.match(line.strip()):
            continue
        if is_agenda_marker(line.strip()):
            continue  # "Dagordning" over its list of titles set in: the agenda, no item
        block = []
        for below in lines[index + 1 :]:
            if not below.strip():
                break
            block.append(below)
        if (
            block
            and all(_indent(b.replace("\t", " " * 8)) >= _SET_IN for b in block)
            and (index == 0 or not lines[index - 1].strip())
            and _titleish(line.strip(), strong=True)
        ):
            found.append(line.strip())
    # A title the agenda above lists set in ("Dagordning" + "\tVal av justerare") is marked
    # not at all: marked, its copy in the list would read as a heading too.
    listed = {_normalise_line(ln) for ln in lines if ln[:1].isspace()}
    found = [title for title in found if _normalise_line(title) not in listed]
    return found if len(found) >= _SET_IN_TITLES else []


# Lines of at most this many words are judged by their shape (_titleish), set apart or not.
_SET_APART_WORDS = 14


def _read_body(
    lines: list[str], front: list[str], layout: _Layout, headings: frozenset[str]
) -> _Body:
    """The lines after the header read as sections and items."""
    body_lines, joined = _titles_before_labels(
        _titles_off_their_sentence(_dash_items(_presenters_apart(lines, front))), layout
    )
    body = _Body(layout, headings, frozenset(joined))
    body.read(body_lines, front)
    return body


def _built_items(body: _Body, layout: _Layout, group_kind: str) -> list[ImportedItem]:
    items = _sourced_headings(body.items) if body.sections_seen else body.items
    return _without_agenda_copies(
        [built.build(layout, group_kind, owners_apart=body.owners_apart) for built in items]
    )


def _sourced_headings(items: list[_Building]) -> list[_Building]:
    """ "Information från ledningen" with nothing under it but the next unnumbered titles
    ("Elevantal inför vårterminen" / "Ansvarig: …"), in minutes with section headings: a
    section's heading, as "Information" is, not an item. The titles below it, up to the next
    section's, are Information; "Information från skyddsombudet" with its own text stays an
    item, and so does a numbered one ("4. Information från HR", an item whose text is elsewhere)."""
    out: list[_Building] = []
    heading: tuple[str, str] | None = None  # (the section it stood in, the one it heads)
    for at, built in enumerate(items):
        below = items[at + 1] if at + 1 < len(items) else None
        empty = not (built.lines or built.presenter or built.decided or built.letter)
        sourced = sourced_section(built.title) if built.number is None and empty else None
        titled_below = below is not None and below.number is None
        if sourced and titled_below and below.section == built.section:
            heading = (built.section, sourced)
            continue
        if heading is not None and built.section == heading[0]:
            built = replace(built, section=heading[1])
        else:
            heading = None
        out.append(built)
    return out


# The safety net: a title numbered in sequence with others ("3. Budget", "§ 4 Lokaler",
# "Item 5 – Lokaler", "Punkt 6: Lokaler", a table row "7. Lokaler | Eva Ek | …"), whatever
# word stands before its number; the title's words start in upper case.
_EVIDENT_TITLE = re.compile(
    r"^(?:§\s*|[^\W\d_]{2,15}\s+)?(?P<number>\d{1,2})\s*(?:[.:)]|\s[–-])?\s+"
    r"(?P<title>[^\W\d_a-zåäö][^|]*?)\s*(?:\|(?P<cells>.*))?$"
)


_EVIDENCE_NEEDED = 3  # evident titles before the net is cast at all


_LONGEST_EVIDENT_TITLE = 90


_SHORTEST_KEY = 4  # a title's start that counts as the title


def _evident_titles(lines: list[str]) -> list[tuple[int, int, str, list[str]]]:
    """The longest run of numbered title lines in sequence (1, 2, 3 … or § 12, § 13 …), read
    independently of the body: (line index, number, title, the table row's other cells)."""
    found = []
    for index, line in enumerate(lines):
        match = _EVIDENT_TITLE.match(line.strip())
        if not match:
            continue
        # A row's cells run together ("1 Öppnande Eva öppnade mötet."): a sentence, no title.
        if _ends_sentence(match["title"]) or re.search(r"\.\s+[^\W\d_a-zåäö]", match["title"]):
            continue
        title = match["title"].strip(" .:–-")
        if not title or len(title) > _LONGEST_EVIDENT_TITLE:
            continue
        if section_of(line) or section_of(title):
            continue  # "2. Information": a section's heading, numbered
        if _DNR_ONLY.match(title):
            continue  # "§ 36 Dnr VN 2025/12": the item's diary number; its title is below
        cells = [c.strip() for c in (match["cells"] or "").split("|") if c.strip()]
        found.append((index, int(match["number"]), title, cells))
    best: list[tuple[int, int, str, list[str]]] = []
    for start in range(len(found)):
        run = [found[start]]
        for candidate in found[start + 1 :]:
            if candidate[1] == run[-1][1] + 1:
                run.append(candidate)
        if len(run) > len(best):
            best = run
    return best


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold().strip(" .:–-")


def _starts(text: str, start: str) -> bool:
    return text.startswith(start) and text[len(start) : len(start) + 1] in (" ", ":", ".")


def _explained(items: list[ImportedItem], evidence: list[tuple[int, int, str, list[str]]]) -> int:
    """How many of the evident titles the reading kept as an item's title: the same words, or
    the one the start of the other ("Omfördelning av" the page width broke, "Mötets öppnande
    - Eva öppnade mötet" whose text follows on its line)."""
    kept = [_title_key(item.title) for item in items]

    def found(title: str) -> bool:
        return any(
            key == title
            or (len(key) >= _SHORTEST_KEY and _starts(title, key))
            or (len(title) >= _SHORTEST_KEY and _starts(key, title))
            for key in kept
        )

    return sum(1 for _, _, title, _ in evidence if found(_title_key(title)))


def _safety_net(
    lines: list[str],
    end: int,
    layout: _Layout,
    headings: frozenset[str],
    group_kind: str,
    items: list[ImportedItem],
) -> tuple[_Body, list[ImportedItem]] | None:
    """A reading that kept far fewer items than the document plainly has (numbered titles in
    sequence), read again: the evident titles as titles, the body from the first of them, each
    of them read apart (no end of minutes before the last). The reading that explains the
    evidence best, or None when the first reading explains at least half of it."""
    evidence = _evident_titles(lines)
    if len(evidence) < _EVIDENCE_NEEDED:
        return None
    explained = _explained(items, evidence)
    if 2 * explained >= len(evidence):
        return None
    # The evident title lines as plain numbered titles, a table row's other cells below them.
    rewritten: list[str] = []
    starts: list[int] = []
    at = {index: (number, title, cells) for index, number, title, cells in evidence}
    for index, line in enumerate(lines):
        if index in at:
            number, title, cells = at[index]
            starts.append(len(rewritten))
            rewritten.append(f"{number}. {title}")
            rewritten.extend(cells)
        else:
            rewritten.append(line)
    first = starts[0]
    # Numbered from 1: nothing before the first evident title is an item.
    start = first if evidence[0][1] == 1 else min(end, first)
    front = lines[:end]
    readings = [_read_body(rewritten[start:], front, layout, headings)]
    # Each evident title read apart: what looked like the minutes' end before the last of
    # them is no end.
    pieces = [(start, first), *pairwise([*starts, len(rewritten)])]
    whole = None
    for low, high in pieces:
        piece = _read_body(rewritten[low:high], front, layout, headings)
        if whole is None:
            whole = piece
            continue
        whole.items.extend(piece.items)
        whole.unplaced.extend(piece.unplaced)
        whole.justerare.extend(piece.justerare)
        whole.signed.extend(piece.signed)
        whole.chairs.extend(piece.chairs)
        whole.sections_seen = whole.sections_seen or piece.sections_seen
        whole.owners_apart = whole.owners_apart or piece.owners_apart
    if whole is not None:
        readings.append(whole)
    best = None
    for body in readings:
        body.unplaced[:0] = rewritten[end:start]
        found = _built_items(body, layout, group_kind)
        score = _explained(found, evidence)
        # Never more items than the evidence and the first reading together explain.
        if len(found) > len(evidence) + len(items):
            continue
        if score > explained and (best is None or score > best[0]):
            best = (score, body, found)
    return None if best is None else (best[1], best[2])


# "§ 8 ", "Punkt 6. ", "3. ", "4.1 ": where a numbered title's words begin on its line.
_TITLE_MARK = re.compile(
    rf"^(?:§\s*\d+[a-z]?|(?:{ITEM_LABELS})\s+\d+[a-z]?[.:)]?|\d{{1,2}}(?:\.\d{{1,2}})*[.)]?)\s+(?=\S)",
    re.IGNORECASE,
)


_HANGING_SLACK = 2  # how far a hanging line may stand from the column of the title's words


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _hanging_titles(text: str) -> str:
    """ "Punkt 6. Investeringsbeslut: Stambyte … i kvarteret" + "          Linden, etapp 2, …":
    in a text export, a line indented to where a numbered title's words begin (a hanging
    indent) carries that title on, its presenter too ("    – Helena Marklund", "   (föredragande
    …)"), whatever case it opens in; one line of it, with no sentence's end, and no more lines
    indented so below it (the item's text set in)."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        mark = _TITLE_MARK.match(line)
        hanging = lines[index + 1] if index + 1 < len(lines) else ""
        after = lines[index + 2] if index + 2 < len(lines) else ""
        if (
            mark
            and not _ends_sentence(line.rstrip())
            and hanging.strip()
            and _indent(hanging) >= _HANGING_SLACK
            and abs(_indent(hanging) - mark.end()) <= _HANGING_SLACK
            and not (after.strip() and _indent(after) >= _HANGING_SLACK)
            and not _ends_sentence(hanging.rstrip().rstrip(")"))
            and not _LABEL_VALUE.match(hanging.strip())
            # "§ 9    Taxor för uthyrning" + "       Dnr GFÅM 2025/230": the item's diary
            # number set in under its title is the item's own line, not the title's rest.
            and not _DNR_ONLY.match(hanging.strip())
            and _strip_marker(hanging.strip())[0] not in ("num", "para", "letter")
        ):
            out.append(f"{line.rstrip()} {hanging.strip()}")
            index += 2
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


_SIGNING_RULE = re.compile(r"_{3,}|\.{4,}")


# "För arbetsgivaren ......... Karin Åström": a side's caption, the rule, the name that signs.
_SIDE_LEADER = re.compile(
    rf"^\s*(?P<side>för\s+[^_.:|]{{2,40}}?)\s*(?:_{{3,}}|\.{{4,}})\s*(?=(?-i:{NAME_TOKEN})\s)(?!för\s)",
    re.IGNORECASE,
)


_WITH_CHAIR = re.compile(
    # "… att justera protokollet tillsammans med ordföranden": the chair's word after it too;
    # one sentence the page width broke once ("… utsågs att jämte ordföranden" / "justera …").
    rf"\b{_ALONG_WITH_CHAIR}[^.\n]*(?:\n[^.\n]*)?\bjustera"
    # "Till justerare jämte ordföranden utses A": the chair's words after the noun too.
    rf"|\bjuster(?:a|ar|are|as)\b[^.\n]*(?:\n[^.\n]*)?\b{_ALONG_WITH_CHAIR}"
    # "Protokollet justeras av ordföranden och Lars Wiklund (KD)": the chair among the names.
    r"|\bjusteras\s+av\s+(?:mötes)?ordföranden\s+(?:och|samt)\s"
    r"|\bjusteras\s+av\s[^.\n]*\s(?:och|samt)\s+(?:mötes)?ordföranden\b",
    re.IGNORECASE,
)


_SIGNING_CAPTION = re.compile(
    r"^(?:(?:mötes)?ordförande|(?:protokoll)?justerare|justerande)\s*:?$", re.IGNORECASE
)


def _sentences_rejoined(lines: list[str]) -> list[str]:
    """An item's lines with each one the page width cut joined to the next; a heading above
    its text ("Sammanfattning") and a finished sentence end where they are."""
    paragraphs: list[str] = []
    for line in lines:
        cut = (
            paragraphs and not _ends_sentence(paragraphs[-1]) and not is_subheading(paragraphs[-1])
        )
        if cut and line.strip():
            paragraphs[-1] = f"{paragraphs[-1]} {line.strip()}"
        else:
            paragraphs.append(line.strip())
    return paragraphs


_CAPTION_BESIDE = re.compile(
    r"^(?:(?:mötes)?ordförande|(?:protokoll)?justerare|justerande)\s*(?:[:|\t]\s*|\s(?=\S))"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE,
)


# "… 2026-06-11 08:42" after the name: when it was signed, the cells run together.
_SIGNED_AT = re.compile(r"\s+(?:19|20)\d{2}-\d{2}-\d{2}(?:\s+[0-2]?\d[:.][0-5]\d)?$")


def _signed_parties(lines: list[str]) -> dict[str, str]:
    """The party each signature names beside its caption ("Ordförande" over "Gunnar Wästberg
    (M)", "Birgitta Holmér (C)" over "Ordförande"), by name: the justering names it there, on
    the front page or at the end, where the sentence of the choice named only the others."""
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        beside = _CAPTION_BESIDE.match(line.strip())
        if beside:
            # "Ordförande: Robert Lindgren (M)", "Ordförande | Jonas Berglund (S) | 2026-06-11
            # 08:42" (a table of who signed with BankID, and when): the caption beside the name.
            cell = _SIGNED_AT.sub("", re.split(r"\s*[|\t]\s*", beside["rest"])[0])
            person = _SIGNED_WITH_PARTY.match(cell)
            if person and is_person_name(person["name"]):
                found.setdefault(person["name"], person["party"].strip())
            continue
        person = _SIGNED_WITH_PARTY.match(line.strip())
        if not person or not is_person_name(person["name"]):
            continue
        near = [lines[at].strip() for at in (index - 1, index + 1) if 0 <= at < len(lines)]
        if any(_SIGNING_CAPTION.match(caption) for caption in near):
            found.setdefault(person["name"], person["party"].strip())
    return found


def _listed_below(lines: list[str]) -> list[tuple[str, str]]:
    """The people of the lines under a sentence that ends in a colon, until a line is not one."""
    people: list[tuple[str, str]] = []
    for line in lines:
        found = _names_only(line)
        if not found:
            break
        people.extend(found)
    return people


def _tells_justering(title: str) -> bool:
    """ "Mötets öppnande och val av justerare", "Formalia": an item whose text may say who
    justerar, read when the items are built."""
    opening = is_standing(title) and not is_closing_item(title)
    return bool(_JUSTERARE_IN_TITLE.search(title)) or opening


def _employer_sides(people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The employer's side as the conventions write it: a manager's title before the name
    ("Rektor Camilla Strand") or after it as the party ("Annelie Frost, enhetschef"), and the
    employer's own name as the side ("För AB Sjöstadshem", "Region Västerby") are
    "arbetsgivaren"; an organisation read as a signature names no one."""
    found = []
    for name, party in people:
        name, title = without_title(name)
        if is_employer_organisation(name):
            continue
        employer = is_employer_role(party) or is_employer_organisation(party)
        # "för arbetsgivarsidan", "(arbetsgivare)": the employer's side, as one word.
        own_word = re.sub(r"^(?:för|från)\s+", "", party.casefold()).startswith("arbetsgivar")
        own_word = own_word or is_employers_association(party)
        manager = bool(title) and is_employer_role(title.split()[-1])
        if (manager and not party) or (employer and not is_party(party)) or own_word:
            party = "arbetsgivaren"
        found.append((name, party))
    return found


def _without_agenda_copies(items: list[ImportedItem]) -> list[ImportedItem]:
    """An agenda at the top lists the titles the minutes repeat below: keep the item with text."""
    # One pass from the end (a set of the later titles per item was quadratic: 26 s for the
    # 8,000 items of a book-length text before it was refused).
    kept: list[ImportedItem] = []
    later: set[str] = set()
    for item in reversed(items):
        title = item.title.casefold()
        if item.text or title not in later:
            kept.append(item)
        later.add(title)
    return kept[::-1]


def _with_report(minutes: ImportedMinutes) -> ImportedMinutes:
    found = []
    for label, present in (
        (f"datum {minutes.date.isoformat() if minutes.date else ''}", minutes.date),
        (f"tid {minutes.time}", minutes.time),
        ("plats", minutes.place),
        (f"grupp {minutes.group_kind}", minutes.group_kind),
        (f"gruppnamn {minutes.group_name}", minutes.group_name),
        (f"protokoll {minutes.protocol_number}", minutes.protocol_number),
        (f"dnr {minutes.dnr}", minutes.dnr),
        (f"justerare ({len(minutes.justerare)})", minutes.justerare),
    ):
        if present:
            found.append(label)
    count = len(minutes.items)
    found.append(f"{count} ärende" if count == 1 else f"{count} ärenden")
    sections = sorted({item.section for item in minutes.items}, key=SECTIONS.index)
    if sections:
        found.append("avsnitt: " + ", ".join(sections))
    found.append(f"{sum(1 for item in minutes.items if item.decision)} beslut")
    if minutes.unstructured:
        found.append(f"ostrukturerad text ({len(minutes.unstructured.split())} ord)")
    return replace(minutes, recognised=found)
