"""Parsing of old samverkan minutes (plain text) into meeting facts, items and decisions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from bot.importer.checks import language_of
from bot.importer.cleaning import clean_text, without_mail_headers
from bot.importer.tables import attendance_rows, header_rows, items_from_tables
from bot.importer.vocabulary import (
    ACTION_OWNER,
    ASIDE_FOR,
    ATTENDANCE,
    BARE_PLACE_LABELS,
    BARE_PROTOCOL_NUMBER,
    BOARD_DECISION,
    BODY_LEFT_UNDECIDED,
    BULLET,
    CELL_LABEL,
    CLOSING,
    CLOSING_SENTENCE,
    CONNECTIVES,
    COUNTED_NOUNS,
    DATE_LABEL,
    DATE_PATTERN,
    DECIDING_BODY,
    DECISION_HEADING,
    DECISION_TAKEN,
    DNR_WORDS,
    DOC_TITLE,
    ENDORSEMENT,
    FIELD_TITLE,
    FRONT_MATTER,
    FRONT_PAGE_LABEL,
    HELD_VERB,
    ITEM_LABELS,
    LETTERED,
    LIST_NUMBER,
    MEETING_NUMBER,
    METADATA_LABEL,
    MONTH_NAMES,
    NAME_TOKEN,
    NO_DECISIONS,
    NOTED,
    NUMBER_ABBREVIATIONS,
    NUMBER_IN_YEAR,
    OPENED_AT,
    OTHER_DATE,
    OUTCOME_LABELS,
    PARAGRAPH_NUMBER,
    PLACE_LABELS,
    PREMISES_OF,
    PRESENTER_AT_END,
    PRESENTER_LABEL,
    PRESENTER_NAMED,
    PRESENTER_WORD,
    PROTOCOL_COMPOUNDS,
    RECORD_SENTENCE,
    ROOM_WORDS,
    SECRETARY,
    SECTIONS,
    SIGNATURE_BOXES,
    SIGNATURES_HEAD,
    SIGNING_SERVICE,
    SUBSTITUTE_WORDS,
    TABLE_COLUMN,
    THANKED,
    TITLE_LABEL,
    UPPER,
    WHEN_WHERE_LABELS,
    date_spans,
    decision_of,
    find_dates,
    group_kind_of,
    holds_meeting_verb,
    is_address_line,
    is_agenda_approval,
    is_agenda_marker,
    is_board_role,
    is_closing_item,
    is_date_only,
    is_deciding_kind,
    is_discussion_title,
    is_employer_organisation,
    is_employer_role,
    is_employers_association,
    is_other_questions,
    is_page_marker,
    is_party,
    is_person_name,
    is_political_party,
    is_presenter,
    is_samverkan_kind,
    is_session_protocol_only,
    is_standing,
    is_subheading,
    is_when_line,
    is_workers_side,
    month_number,
    names_other_items,
    opens_body,
    outcome_text,
    section_of,
    section_prefix,
    sourced_section,
    subheading_section,
    tells_discussion,
    without_page_number,
    without_title,
)

OPENING = "Inledning"


@dataclass(frozen=True)
class ImportedItem:
    """One agenda item: section in SECTIONS, decision in DECISIONS ("" when none is stated)."""

    section: str
    title: str
    presenter: str = ""
    text: str = ""
    decision: str = ""


@dataclass(frozen=True)
class ImportedMinutes:
    """What one file says; `recognised` is the per-file report, `unstructured` what was not placed.

    justerare: (name, party) pairs, party "" when the minutes do not say. warnings: what a person
    should look at before the text is archived (something like a personnummer).
    """

    date: date | None = None
    place: str = ""
    group_kind: str = ""
    group_name: str = ""
    protocol_number: str = ""
    dnr: str = ""
    justerare: list[tuple[str, str]] = field(default_factory=list)
    items: list[ImportedItem] = field(default_factory=list)
    time: str = ""  # "13:00" when the minutes say when the meeting began
    uncertain: list[str] = field(default_factory=list)  # what a person should check
    recognised: list[str] = field(default_factory=list)
    unstructured: str = ""
    full_text: str = ""
    source: str = ""
    warnings: list[str] = field(default_factory=list)


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


# "… inför hösten (Marie Åhs)": a title's line that ends on a parenthesis.
_PRESENTER_AT_END = re.compile(r"\([^()]+\)\s*$")
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


# The meeting chooses: "A valdes att justera", "Till justerare utsågs B", "Gruppen utser C".
_CHOOSING = re.compile(r"\b(?:valdes|utsågs|utses|väljs|väljer|utser|valde|utsåg)\b", re.I)
# The verb, not "justerare" under a signature ("Rune Sandell, justerare").
_JUSTERA_VERB = re.compile(r"\bjuster(?:a|ar|as)\b", re.IGNORECASE)
_JUSTERAR = re.compile(r"\bjusterar\b", re.IGNORECASE)  # someone does it, not "justeras"
_SIGNING_RULE = re.compile(r"_{3,}|\.{4,}")
# "För arbetsgivaren ......... Karin Åström": a side's caption, the rule, the name that signs.
_SIDE_LEADER = re.compile(
    rf"^\s*(?P<side>för\s+[^_.:|]{{2,40}}?)\s*(?:_{{3,}}|\.{{4,}})\s*(?=(?-i:{NAME_TOKEN})\s)(?!för\s)",
    re.IGNORECASE,
)
# "Att jämte ordföranden justera …", "A justerar tillsammans med ordföranden": the chair too.
_ALONG_WITH_CHAIR = r"(?:jämte|tillsammans\s+med)\s+(?:mötes)?ordförande(?:n)?\b"
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


# "Gunnar Wästberg (M)" under "Ordförande", or above "Justerare": a signature with its party.
_SIGNED_WITH_PARTY = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*\((?P<party>[^()]{{1,40}})\)$"
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


# "Att justera protokollet utses:", "… justera dagens protokoll valdes:": the people follow,
# one a line (a list).
_HEADS_JUSTERARE = re.compile(
    r"\bjustera\b.*:$|\b(?:protokoll)?justerare\b.*\b(?:valdes|utses|utsågs)\s*:$", re.IGNORECASE
)


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


# --- layout ------------------------------------------------------------------------------------


class _Layout:
    """What the page looked like: how long a wrapped line of prose is."""

    def __init__(self, lines: list[str]) -> None:
        lengths = sorted(len(line) for line in lines if len(line) >= 25)
        if len(lengths) >= 5:
            typical = lengths[int(len(lengths) * 0.8)]
            self.wrap = max(45, int(typical * 0.75))
        else:
            self.wrap = 10**6  # too little prose to tell wrapped lines from short ones

    def wrapped(self, line: str) -> bool:
        """Whether a line was cut by the page width: it goes on in the next line."""
        if _ends_sentence(line):
            return False
        return _cut_after(line) or line.endswith(("-", "–")) or len(line) >= self.wrap


_LABEL_AT_END = re.compile(r"\b(?:ansvarig|föredragande|beslut|justerare)\s*:$", re.IGNORECASE)


def _asked(title: str) -> str:
    """ "3. Vad händer med sommarjobben?": a numbered or marked title may ask; read without its
    question mark when weighing whether it is a title (an unmarked question is a sentence)."""
    return title[:-1] if title.endswith("?") and not title.endswith("??") else title


def _cut_after(line: str) -> bool:
    """ "… i Västerskolans och": a line that stops on a connective or a comma goes on below."""
    return line.endswith(",") or line.rsplit(" ", 1)[-1].casefold() in CONNECTIVES


def _ends_on_connective(line: str) -> bool:
    """ "… ARBETSPLATSTRÄFF MED": a line that stops on a connective (not a comma) goes on."""
    return line.rsplit(" ", 1)[-1].casefold() in CONNECTIVES


def _heading_wraps(line: str, following: str) -> bool:
    """Whether a heading line goes on in the next heading line: it ends in a connective or a
    comma, or the next one opens in lower case or is a year alone."""
    return (
        _cut_after(line)
        or _starts_lower(following)
        or bool(re.fullmatch(r"(?:19|20)\d{2}", following.strip()))
    )


def _ends_sentence(line: str) -> bool:
    return line.rstrip("”\"'’»)]").endswith((".", "!", "?", ":", ";"))


def _sentence_tail(line: str) -> bool:
    """ "SSR. Detta är …": the line opens with the last words of a sentence begun above."""
    first = re.split(r"(?<=[.!?])\s", line.strip(), maxsplit=1)[0]
    return _ends_sentence(first) and len(first.split()) <= 3


def _starts_lower(line: str) -> bool:
    # "a) Vårfest i maj" opens a lettered sub-item: no sentence from above goes on there.
    return bool(line) and line[0].islower() and not LETTERED.match(line)


# A stop, then a new sentence's first letter or figure; not an abbreviation's stop before its
# number ("… arbetsstart kl. 06.00 för gatuarbetslaget" is one title).
_SENTENCE_INSIDE = re.compile(
    "".join(rf"(?<!\b{abbreviation})" for abbreviation in NUMBER_ABBREVIATIONS)
    + r"[.!?]\s+[A-ZÅÄÖ0-9]"
)
_LABEL_VALUE = re.compile(r"^[\wÅÄÖåäö][\wÅÄÖåäö /-]{0,24}:\s+\S")


def _colon_title(line: str, following: str, *, numbered: bool = False) -> str:
    """ "Arbetsmiljö:" above prose is a title; "Följande togs upp:" above a list is not. A
    numbered line's colon above prose is a separator however long the title ("5.1 Årlig
    uppföljning av … 2023:"), as a trailing dash is."""
    short = numbered or len(line.split()) <= 5
    if line.endswith(":") and short and not _strip_marker(following)[0]:
        return line[:-1].rstrip()
    return line


# "Värdegrundsarbete: vad betyder ett gott bemötande hos brukaren?": a topic, its colon and the
# question the meeting talked over, in lower case after the colon.
_TOPIC_QUESTION = re.compile(r"^(?P<topic>[^\W\d_][\w-]*(?:\s+[\w-]+){0,3}):\s+[a-zåäö][^:;]*\?$")


def _topic_question(text: str) -> bool:
    """An unnumbered title that asks, its topic before a colon: a dialog item's title, where a
    line of prose that asks has no topic ("Hur gör vi i sommar?") and a label's line ("Fråga:
    hur …?", "Ansvarig: …") a label before its colon. A numbered one asks without a topic."""
    found = _TOPIC_QUESTION.match(text.strip())
    return (
        found is not None
        and _titleish(found["topic"], strong=False)
        and not _is_line_label(found["topic"], text)
        and _titleish(_asked(text), strong=True)
    )


def _titleish(text: str, *, strong: bool) -> bool:
    """Whether a line reads as a title: short, capitalised, not a sentence, not cut off."""
    text = text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    if not any(c.isalpha() for c in text):
        return False
    words = text.split()
    if len(words) > (14 if strong else 10) or len(text) > (120 if strong else 80):
        return False
    if text.rstrip("”\"'’»").endswith((".", "!", "?", ":", ";", ",", "-", "–")):
        return False
    if _SENTENCE_INSIDE.search(text) or words[-1].casefold() in CONNECTIVES:
        return False
    return strong or not _LABEL_VALUE.match(text)


# --- header ------------------------------------------------------------------------------------


@dataclass
class _Header:
    date: date | None = None
    place: str = ""
    group_kind: str = ""
    group_name: str = ""
    protocol_number: str = ""
    dnr: str = ""
    time: str = ""
    justerare: list[tuple[str, str]] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    number_field: bool = False  # the protocol number came from a line labelled for it


_HEADER_SCAN = 30
_FRONT_PAGE_SCAN = 120
_TIME = re.compile(
    r"(?:\b(?:tid|tidpunkt|mötestid|kl\.?|klockan|kl)\s*[:|]?\s*|(?<=\d)\s*,\s*)(?P<h>[0-2]?\d)"
    r"(?:[.:](?P<m>[0-5]\d))?(?=\s*(?:[-–—]|$|,|\s|\)))"
    # "Tid: 8 maj 2025 kl. 18.30": a day of the month is no hour.
    r"(?!\s+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?(?:\s|$))"
    # "14 maj 2024 13.00-15.00": a range of hours and minutes needs no "kl".
    r"|(?<![\d.:/-])(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d)\s*[-–—]\s*[0-2]?\d[.:][0-5]\d\b"
    # "När: tisdag 6 maj 2025 13–15", "2025-05-06 13–15": whole hours right after the date.
    r"|(?:(?<=\d{4}\s)|(?<=-\d\d\s))(?P<h3>[0-2]?\d)\s*[-–—]\s*[0-2]?\d\b(?![.:/-]?\d)",
    re.IGNORECASE,
)
# "…, onsdagen den 22 oktober 2025" ending what a "Plats och tid" line gives before the hour.
_DAY_AT_END = re.compile(
    r"\s*,?\s*(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?"
    r"(?:\d{1,2}\s+[a-zåäö]+\s+(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}/\d{1,2}\s+(?:19|20)\d{2})"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
_PLACE_AND_TIME = re.compile(
    r"^plats\s+och\s+tid\s*[:|]?\s*(?P<place>.+?)\s*,?\s+(?:kl\.?|klockan)\s*\d",
    re.IGNORECASE,
)
# "i Ängsbacken, plan 4, Stationsgatan 12.": a room, its floor and its street; the place ends
# with its sentence ("… Kyrkvägen 3. Närvarande var …").
# "… i Västerbacka mellan Folktandvården (arbetsgivaren) och Vision.": the parties of a
# negotiation after its place are no part of it.
_PLACE_IN_SENTENCE = (
    r"(?P<place>[^\s,](?:(?!\.\s|\s+mellan\s)[^,])*(?:,\s*(?:(?!\.\s|\s+mellan\s)[^,])+){0,3}?)"
    r"(?:\.(?:\s+[A-ZÅÄÖ].*)?|\s+mellan\s.*)?$"
)
# "2024-09-10 kl. 19.00, Klubbstugan": the place after the time.
_PLACE_AFTER_TIME = re.compile(
    r"(?:\b(?:kl\.?|klockan)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?)?"
    # "Möte: 2025-05-06, 13.00–15.00, Rådhuset": a range of hours and minutes needs no "kl".
    r"|(?<![\d.:/-])[0-2]?\d[.:][0-5]\d\s*[-–—]\s*[0-2]?\d[.:][0-5]\d\b)"
    # After "i" the place may be written in lower case ("i föreningshuset, Lotten 1").
    r"(?:\s*,\s*(?:i\s+)?(?=[A-ZÅÄÖ])|\s+(?:i|på|via)\s+"
    # "…, kl. 12.15–13.00, konferensrummet": a few words in lower case that end the line.
    r"|\s*,\s*(?=[a-zåäö][\wåäö-]*(?:\s+[\wåäöÅÄÖ0-9-]+){0,3}\.?$))"
    rf"{_PLACE_IN_SENTENCE}"
)
# "Protokoll fört vid styrelsens sammanträde onsdagen den 12 februari 2025 i föreningens
# lokal, Byvägen 2.": a header sentence with no hour, the place right after the day.
_PLACE_AFTER_DATE = re.compile(rf"^\s*,?\s+i\s+(?=\w){_PLACE_IN_SENTENCE}")
_KIND_TOKEN = re.compile(r"\b(FSG\s*/\s*VSG|VSG\s*/\s*FSG|FSG|VSG)\b")
# "Verksamhetssamverkansgrupp", and the form itself heading a region's minutes: "Protokoll
# verksamhetssamverkan kirurgkliniken", "Förvaltningssamverkan 2025-03-04".
_KIND_WORD = re.compile(
    r"\b(förvaltnings|verksamhets)samverkan(?:sgrupp\w*|smöte\w*|s?protokoll\w*)?\b",
    re.IGNORECASE,
)
_ORG_LINE = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][\w\- ]*?(?:förvaltningen|förvaltning|nämnden|kontoret|avdelningen"
    r"|stadsdelen|kommun|regionen|staden))(?:\s+den\s+.*|\s+\d.*)?$"
)
_NEXT_LABEL = r"(?:tid|datum|dnr|klockan|kl|närvarande|justerare|ordförande|sekreterare|protokoll)"
_PLACE = re.compile(
    # "Plats: | Matsalen" (a Word table's cell that keeps its label's colon) as "Plats: Matsalen".
    # "Datum 2026-02-03 Plats Föreningslokalen, …", a grid's text export with its spaces
    # collapsed: the capitalised label before a capitalised name needs no colon.
    rf"(?:(?:\b(?:{PLACE_LABELS})|^var)\s*[:|]|(?-i:\b(?:{BARE_PLACE_LABELS}))\s+(?=(?-i:[A-ZÅÄÖ])))"
    rf"(?:\s*\|)?\s*"
    rf"(?P<place>.+?)"
    rf"(?=\s+(?:\|\s*)?{_NEXT_LABEL}\b\s*(?:nr\.?\s*)?[:|\d]|\s+\|\s|$)",
    re.IGNORECASE,
)
# A protocol number as written, with the letters some bodies put before it ("AU 4/2025",
# "PU 2/2024", "SK-1/2025"): capitals only, so a word ("från 3/2024") is no part of it.
_NUMBER_PREFIX = (  # "HSN-AU 1/2026" too
    r"(?:(?-i:[A-ZÅÄÖ]{1,5}(?:-[A-ZÅÄÖ]{1,5})?)"
    # "VSG Värme 2/2026": the group's letters and the unit's name it meets for.
    r"(?:\s(?-i:[A-ZÅÄÖ][a-zåäö]{2,15})(?=\s\d))?[ -]?)?"
)
# "Nr 3 2025": after its label a number and the year may stand apart, as written.
_SPACED_NUMBER = r"(\d{1,3}\s+(?:19|20)\d{2})(?![-./:]?\d)"
# "Protokoll nr 2026-02": after its label, the year and the meeting's number in it (no date).
# "Protokoll nr" + "MBL 2026-03": the register's letters before it, as before "AU 4/2025".
_YEAR_DASH_NUMBER = rf"({_NUMBER_PREFIX}(?:19|20)\d{{2}}-\d{{1,3}})(?![-./:]?\d)"
_PROTOCOL = re.compile(
    rf"\b(?:{PROTOCOL_COMPOUNDS})?protokoll(?:et)?\s*(?:(?:nr\.?|nummer)\s*[:|]?\s*"
    rf"(?:{_SPACED_NUMBER}|{_YEAR_DASH_NUMBER})"
    rf"|(?:nr\.?|nummer)?\s*[:|]?\s*({_NUMBER_PREFIX}{NUMBER_IN_YEAR})\b)",
    re.IGNORECASE,
)
_DNR = re.compile(
    rf"\b(?:{DNR_WORDS})\.?(?:\s*[:|]){{0,2}}\s*([A-ZÅÄÖ0-9][\w./:-]*(?:\s\d[\w./:-]*)?)",
    re.IGNORECASE,
)
# "Sekreterare: Emma Strand": a role's label with the name chosen for it.
_ROLE_LABEL = re.compile(
    rf"^(?:mötes)?(?P<role>sekreterare|protokollförare|ordförande)\s*:\s*(?-i:{NAME_TOKEN})\s",
    re.IGNORECASE,
)
_JUSTERARE_LABEL = re.compile(
    r"^(?:justerare|justeras(?:\s+av)?|justerat(?:\s+av)?|justerande|protokolls?justerare|justering"
    r"|justeringsperson(?:er)?|(?:utses|utsedd|utsedda|valda?)\s+att\s+justera"
    r"|justerandes\s+signatur)\s*(?:[:|]\s*|$)"
    r"(?P<names>.*?)(?:\s+justerar\s+(?:dagens\s+)?(?:protokollet|minnesanteckningarna)\.?)?$",
    re.IGNORECASE,
)


_CELL_SCAN = 40


def _header_cells(lines: list[str]) -> list[str]:
    """A header table read one cell a line: "Datum" / "Tid" / "Plats" over their three values,
    or "Datum" / "2021-11-23" by turns, become "Datum: 2021-11-23" lines; a line that opens a
    parenthesis goes on in the next ("Petra Lindgren (Sveriges" + "Ingenjörer)")."""
    out: list[str] = []
    index, top = 0, min(len(lines), _CELL_SCAN)
    while index < top:
        run = 0
        while index + run < top and CELL_LABEL.match(lines[index + run]):
            run += 1
        values = lines[index + run : index + 2 * run]
        if run and len(values) == run and not any(_cell_not_value(v) for v in values):
            out += [
                f"{label.rstrip(':')}: {v}"
                for label, v in zip(lines[index : index + run], values, strict=True)
            ]
            index += 2 * run
            continue
        line = lines[index]
        # "LOKAL SAMVERKANSGRUPP – Solgläntan": a group's name that opens on a label's word;
        # "Plats: Kontoret Vätteråsa," + "mötesrum Kronan …": the value going on in lower case
        # after its comma, a label's word in it is the value's ("mötesrum: Kronan" was read).
        goes_on = bool(out) and out[-1].endswith(",") and _starts_lower(line)
        if not (group_kind_of(line.split("–")[0].split(" - ")[0]) or goes_on):
            line = _BARE_LABEL.sub(r"\g<label>: ", line, count=1)
        unclosed = out and out[-1].count("(") > out[-1].count(")")
        # "Tid och plats: 2019-11-05 kl. 15.30–16.15, Västerskolan," + "personalrummet".
        label_goes_on = (
            out
            and (
                _cut_after(out[-1])
                or out[-1].endswith(";")
                or line.startswith("(")
                or _TIME_CUT.search(out[-1])
                # "Plats: Rum Åsen, Storgatan" + "9", "Plats: Konferensrum" + "hus 7": a piece
                # no header line is on its own, the column's width broke the value there.
                or _starts_lower(line)
                or _STREET_NUMBER.match(line)
            )
            and (_LABEL_VALUE.match(out[-1]) or is_when_line(out[-1]))
            and ":" not in line
            and len(line.split()) <= 4
            and not opens_body(line, _strip_marker(line)[1])
        )
        if (unclosed or label_goes_on) and len(out[-1]) < 200:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        index += 1
    return out + lines[top:]


_STREET_NUMBER = re.compile(r"^\d{1,4}\s?[A-Za-z]?$")
_TIME_AT_END = re.compile(
    r",?\s*\b(?:kl\.?|klockan)\s*[0-2]?\d(?:[.:][0-5]\d)?(?:\s*[-–—]\s*[0-2]?\d(?:[.:][0-5]\d)?)?$",
    re.IGNORECASE,
)
_TIME_AT_START = re.compile(
    r"^(?:(?:kl\.?|klockan)\s*[0-2]?\d(?:[.:][0-5]\d)?|[0-2]?\d[.:][0-5]\d)"
    r"(?:\s*[-–—]\s*[0-2]?\d(?:[.:][0-5]\d)?)?\s*,\s*(?=\S)",
    re.IGNORECASE,
)
# "…, sammanträdesrum Näckrosen, klockan" + "08.30–11.45": the page width cut the time off.
_TIME_CUT = re.compile(r"\b(?:kl\.?|klockan)$", re.IGNORECASE)
# "Tid 14.00–14.45", "Plats Kulturhuset": a header label without its colon.
_BARE_LABEL = re.compile(
    rf"^(?P<label>{WHEN_WHERE_LABELS}|justerare|utses\s+att\s+justera)"
    r"\s+(?=(?-i:[A-ZÅÄÖ0-9]))(?!.*[.!?]$)",
    re.IGNORECASE,
)


# A title the page width broke spans at most this many lines: a narrow column (45-55
# characters) takes four for a title of 150-200 ("Införande av digitala nyckelfria lås och nytt"
# / "planeringssystem för …" / "Tallbacken norr …" / "personal under hösten 2026").
_TITLE_LINES = 4
# Its words, without its number: as many as a title of _LONGEST_TITLE characters holds ("§ 6
# Hyresförhandling 2026 med …" + "Västerland – godkännande av …" + "4,1 procent från den …").
_TITLE_WORDS = 30


def _titles_before_labels(lines: list[str], layout: _Layout) -> tuple[list[str], set[str]]:
    """ "Verksamhetsplan … för" / "avdelningen … fullmäktiges" / "beslut i november" between a
    finished paragraph and "Föredragande: …" (or the item's prose, when each line break of the
    title is plain: a connective or comma before it, lower case or a year after it): the lines
    of one title the page width broke, read as one; with the titles so joined."""
    out: list[str] = []
    joined: set[str] = set()
    index = 0
    while index < len(lines):
        # The boxes for the justerare's initials ("Justerandes sign") end a page or an item.
        after_break = (
            not out
            or _ends_sentence(out[-1])
            or bool(section_of(out[-1]) or SIGNATURE_BOXES.match(out[-1].strip()))
        )
        first = lines[index]
        bare = _strip_marker(first)[1]  # "3. Budget 2025 och …": a numbered title too
        if not after_break or not bare[:1].isupper() or _ends_sentence(first):
            out.append(first)  # no title can start here: the common case, decided cheaply
            index += 1
            continue
        end = next(
            (
                j
                for j in range(index + 2, min(len(lines), index + _TITLE_LINES + 1))
                if PRESENTER_LABEL.match(lines[j])
                or _prose_start(lines[j], layout)
                or _cut_prose(lines[j], layout)
                or _presenter_broken_off(lines[j - 2], lines[j - 1])
            ),
            None,
        )
        run = lines[index:end] if end is not None else []
        labelled = end is not None and bool(PRESENTER_LABEL.match(lines[end]))
        wraps = _title_wraps if labelled else (lambda a, b, _layout: _heading_wraps(a, b))
        if (
            run
            # "… under" + "sommaren:": the title's last line may end on its separator.
            and not any(
                _ends_sentence(line.removesuffix(":") if at == len(run) - 1 else line)
                or PRESENTER_LABEL.match(line)
                for at, line in enumerate(run)
            )
            and not any(
                section_of(line) or _strip_marker(line)[0] or _DNR_ONLY.match(line)
                for line in run[1:]
            )
            and not (section_of(run[0]) or _LABEL_VALUE.match(run[0]))
            and all(wraps(a, b, layout) for a, b in pairwise(run))
            and len(" ".join([bare, *run[1:]]).split()) <= _TITLE_WORDS
            and _long_title(_TRAILING_SEPARATOR.sub("", " ".join([bare, *run[1:]])))
        ):
            out.append(" ".join(run))
            joined.add(out[-1])
            index = end
            continue
        out.append(lines[index])
        index += 1
    return out, joined


# "4. Uppföljning av skyddsronder 2025. Samtliga ronder är …": a short title, its full stop and
# the first sentence of its text on the same line.
_SENTENCE_WORDS = 6
_TITLE_THEN_SENTENCE = re.compile(r"^(?P<title>[^.!?:]{3,90}?)\.\s+(?P<rest>[A-ZÅÄÖ].*)$")


def _titles_off_their_sentence(lines: list[str]) -> list[str]:
    """A numbered line that comes next in the items' numbering ("1.", "2.", "§ 3", "Punkt 4")
    and holds a title, a full stop and a sentence: the title on its line, the sentence below
    it, as in minutes that give each item a line of its own."""
    out: list[str] = []
    last: tuple[int, ...] | None = None
    for line, following in zip(lines, [*lines[1:], ""], strict=False):
        number = _item_number(line)
        marker, bare = _strip_marker(line)
        found = (_TITLE_THEN_SENTENCE.match(bare) or _standing_then_text(bare)) if marker else None
        first = last is None and number is not None and number[-1] == 1
        if not marker or not (first or _follows(number, last)):
            out.append(line)
            continue
        last = number
        # The rest is prose when it ends a sentence, is a sentence's length or goes on below;
        # "3. Genomgång av X. Statistik för kvartalet" above its text is one title.
        prose = found and (
            _ends_sentence(found["rest"])
            or len(found["rest"].split()) >= _SENTENCE_WORDS
            or _starts_lower(following)
            or following[:1].isdigit()
        )
        if prose and _title_not_sentence(found["title"]):
            out += [line[: len(line) - len(bare)] + found["title"], found["rest"]]
        else:
            out.append(line)
    return out


_TRAILING_NAME = re.compile(rf"^(?P<title>.*\S)\s+(?P<name>{NAME_TOKEN}\s+{NAME_TOKEN})$")


def _presenters_apart(lines: list[str], front: list[str]) -> list[str]:
    """ "3.<tab>Budget 2026<tab><tab>Ebba Strand": a presenter set apart from a numbered title by
    tabs, which the text's spacing no longer shows, when the front page lists that person: the
    title and its presenter with the comma other minutes write ("Budget 2026, Ebba Strand")."""
    present = " ".join(front)
    out = []
    for line in lines:
        marker, bare = _strip_marker(line)
        named = _TRAILING_NAME.match(bare) if marker in ("num", "para") else None
        if (
            named
            and named["name"] in present
            and is_person_name(named["name"])
            and not _ends_on_connective(named["title"])
            and not _ends_sentence(named["title"])
            # "Årsredovisning 2025 för Kommunalförbundet Räddningstjänsten Inland Nord" under
            # a letterhead "Räddningstjänsten Inland Nord": the front page writes those two
            # words after the title's last one, the end of an organisation's name, no person.
            and f"{named['title'].rsplit(' ', 1)[-1]} {named['name']}" not in present
            # "VD-rapport – föredragande VD Karin Alm", "Budget - Eva Ek": a presenter already
            # set off (the title so far ends on the hyphen before the name).
            and not re.search(
                r"[,–—(]|\s-(?:\s|$)|föredra|presenter|redovisa", named["title"], re.I
            )
        ):
            line = f"{line[: len(line) - len(bare)]}{named['title']}, {named['name']}"
        out.append(line)
    return out


# Words before a colon that label a line of an item, never an item's title.
_LINE_LABEL = re.compile(
    r"^(?:beslut|åtgärd|åtgärder|status|klart|svar|frågan?|frågor|obs|notera|notering"
    r"|kommentar|påminnelse|tips|exempel|till\s+exempel|t\.?\s?ex)\b",
    re.IGNORECASE,
)


def _is_line_label(title: str, line: str) -> bool:
    """ "Ansvarig:", "Bakgrund:", "Föredragande:", "Vision:", "Obs:": a label of an item's line,
    a person's or a party's words, or the header's, not an item's title."""
    return bool(
        is_subheading(title)
        or PRESENTER_LABEL.match(line)
        or ACTION_OWNER.match(line)
        or METADATA_LABEL.match(line)
        or ATTENDANCE.match(line)
        or TITLE_LABEL.match(line)
        or _JUSTERARE_LABEL.match(line)
        or is_person_name(title)
        or is_party(title)
        or TABLE_COLUMN.match(title)
        or _LINE_LABEL.match(title)
    )


def _separated_item(line: str, following: str = "") -> tuple[str, str] | None:
    """ "- Ekonomi – Prognosen efter april visar …", "3. Barngrupperna: Förskolan har …": a
    short title (with its list marker or number), a dash or colon, and a sentence."""
    marker, bare = _strip_marker(line)
    if marker not in ("", "bullet", "num", "para"):
        return None
    dashed = _DASHED_TEXT.match(bare) or _HYPHENED_TEXT.match(bare) or _INLINE_TITLE.match(bare)
    if not dashed:
        return None
    title, rest = dashed["title"].strip(), dashed["rest"].strip()
    colon = bare[len(dashed["title"]) :].lstrip().startswith(":")
    if colon and FIELD_TITLE.match(bare):
        # "Punkt 4 Förhandlingsfråga: Ändrad schemaläggning …": the label says the line is a
        # title; what follows it is the matter negotiated, not an item's text.
        return None
    if not (
        title[:1].isupper()
        and len(title.split()) <= 8
        and not any(c in title for c in ".!?:;,")
        and _title_not_sentence(title)
        and not is_person_name(title)
        and (rest[:1].isupper() or rest[:1].isdigit())
        # The rest a sentence: one that ends, a sentence's length, or one the page width broke.
        and (
            _ends_sentence(rest)
            or len(rest.split()) >= _SENTENCE_WORDS
            or (len(rest.split()) >= 3 and _starts_lower(following))
        )
        and not is_presenter(rest)
        and not (colon and _is_line_label(title, bare))
    ):
        return None
    number = line[: len(line) - len(bare)] if marker in ("num", "para") else ""
    return f"{number}{title}", rest


_SEPARATED_ITEMS = 3  # so many lines of that shape make it the minutes' way of writing items


def _dash_items(lines: list[str]) -> list[str]:
    """Notes that write each item as one line, "- Ekonomi – Prognosen …" under their section
    headings or "3. Barngrupperna: Förskolan har …": the title on its line and the text below
    it, as other minutes have them. A numbered line anywhere; a list line or a plain one only
    in a run that starts right under a heading, so a dash inside an item's prose stays."""
    after = [*lines[1:], ""] if lines else []
    shaped = sum(
        1 for line, below in zip(lines, after, strict=True) if _separated_item(line, below)
    )
    if shaped < _SEPARATED_ITEMS:
        return lines
    out: list[str] = []
    in_run = False
    for index, line in enumerate(lines):
        found = _separated_item(line, after[index])
        above = lines[index - 1] if index else ""
        numbered = _strip_marker(line)[0] in ("num", "para")
        # A run starts under a heading, or at a standing item so written ("Mötets öppnande –
        # Lars Vik öppnade mötet.") in notes that have no headings.
        starts = section_of(above) or (found and is_standing(_strip_marker(found[0])[1]))
        if found and (numbered or in_run or starts):
            out += list(found)
            in_run = True
            continue
        # The run goes on through the lines the page width broke off an item's text, up to
        # the next heading or numbered line.
        in_run = in_run and not (section_of(line) or numbered)
        out.append(line)
    return out


def _standing_then_text(bare: str) -> re.Match[str] | None:
    """ "Val av justerare – A (Vision) och B (arbetsgivaren) väljs.": a standing item, a dash
    and its text (no presenter) on one line."""
    dashed = _DASHED_TEXT.match(bare)
    if dashed and is_standing(dashed["title"]) and not is_presenter(dashed["rest"]):
        return dashed
    return None


def _title_not_sentence(title: str) -> bool:
    words = title.split()
    return len(words) <= 10 and not any(word.casefold() in _VERBS for word in words)


def _prose_start(line: str, layout: _Layout) -> bool:
    """The first line of an item's prose: a sentence of six words or more, or a line as wide
    as the page's prose that goes on."""
    if _starts_lower(line):
        return False  # the lines above go on in it: one paragraph, not a title above one
    return (len(line.split()) >= 6 and _ends_sentence(line)) or (
        len(line) >= layout.wrap * 0.8 and _SENTENCE_INSIDE.search(line) is not None
    )


def _cut_prose(line: str, layout: _Layout) -> bool:
    """ "Förslaget innebär att … i en enhet med": a sentence as wide as the page's prose, cut
    on a connective: below a title's lines, where its prose begins."""
    return (
        not (_starts_lower(line) or _strip_marker(line)[0])  # a list's item is no prose
        and len(line.split()) >= 6
        and len(line) >= layout.wrap * 0.8
        and _ends_on_connective(line)
    )


def _presenter_broken_off(line: str, following: str) -> bool:
    """ "… av övertidsuttaget," + "personalstrateg": the page width put the presenter after a
    title's comma on a line of its own, which prose does not leave (a role alone)."""
    return line.endswith(",") and not _ends_sentence(following) and is_presenter(following)


def _long_title(text: str) -> bool:
    """A title a label below vouches for may be long (up to _LONGEST_TITLE characters: a
    board's "Hyresförhandling 2026 med … – godkännande av … från den 1 april 2026" of 170)."""
    return _titleish(text, strong=True) or (
        len(text) <= _LONGEST_TITLE
        and text[:1].isupper()
        and not _SENTENCE_INSIDE.search(text)
        and text.split()[-1].casefold() not in CONNECTIVES
    )


def _title_so_far(text: str) -> str:
    """A wrapped title judged as a title: without the presenter its last line may end on ("…
    på Norra vägen – Petra Vinge"), and without the connective a line it goes on below stops
    on ("… och flytten av" + "teknikprogrammets verkstäder … på" + "Norra vägen")."""
    title = _split_presenter(text)[0]
    return title.rsplit(" ", 1)[0] if _ends_on_connective(title) else title


def _title_wraps(line: str, following: str, layout: _Layout) -> bool:
    """Whether a title line goes on in the next: it stops on a connective or a comma, the next
    opens in lower case or is a year, or the line is as wide as the page's prose."""
    return _heading_wraps(line, following) or len(line) >= layout.wrap * 0.7


def _signature_cells(lines: list[str]) -> list[str]:
    """A signature table read one cell a line, names over their parties ("Olle Berg" / "Siv Lund"
    / "Kommunal" / "Vårdförbundet"), becomes its two rows ("Olle Berg | Siv Lund" / …)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        stacked = _stacked_captions(lines, index)
        if stacked:
            out += stacked
            index += len(stacked)
            continue
        below = _justeras_for_below(lines, index)
        if below:
            block, used = below
            out += block
            index += used
            continue
        line = lines[index]
        out.append(line)
        index += 1
        if not _SIGNATURE_HEAD.match(line):
            continue
        names = 0
        while index + names < len(lines) and is_person_name(lines[index + names]):
            names += 1
        parties = lines[index + names : index + 2 * names]
        # "Seko" / "Hamnchef": a manager signs for the employer by the title.
        sides = [is_party(p) or is_employer_role(p) for p in parties]
        if names >= 2 and len(parties) == names and all(sides):
            out.append(" | ".join(lines[index : index + names]))
            out.append(" | ".join(parties))
            index += 2 * names
    return out


# The captions of a signature table read one cell a line: "Sekreterare" / "Ordförande" /
# "Justerare" over "Elsa Grahn" / "Mats Hedlund (S)" / "Karin Ask (C)"; "Vid protokollet" /
# "Justeras" / "Justeras" over the secretary and the two who justerar.
_STACKED_CAPTION = re.compile(
    r"^(?:(?:mötes)?ordförande|(?:protokoll)?justerare|justerande|(?:mötes|nämnd)?sekreterare"
    r"|protokollförare|vid\s+protokollet|justeras|justerat)\s*:?$",
    re.IGNORECASE,
)


def _stacked_captions(lines: list[str], index: int) -> list[str]:
    """Captions one a line over as many signatures, each caption put above its own name (as
    a table's columns stand: "Sekreterare" / "Elsa Grahn", "Ordförande" / "Mats Hedlund (S)"),
    so the secretary's name is not read as one more justerare; [] for no such block."""
    count = 0
    while index + count < len(lines) and _STACKED_CAPTION.match(lines[index + count].strip()):
        count += 1
    names = lines[index + count : index + 2 * count]
    if count < 2 or len(names) != count or not all(_signing_name(n) for n in names):
        return []
    captions = lines[index : index + count]
    return [line for pair in zip(captions, names, strict=True) for line in pair]


# "Justeras för arbetsgivaren" under a signature: the caption says who signs and for whom.
_JUSTERAS_FOR = re.compile(r"^justeras\s+för\s+(?P<side>\S.{0,40})$", re.IGNORECASE)
_JUSTERAS_FOR_CUT = re.compile(r"\s*\|\s*|\s+(?=justeras\s+för\s)", re.IGNORECASE)


def _names_in_row(line: str, count: int) -> list[str] | None:
    """ "Nils Åkesson | Fatima Said" or, the columns run together, "Nils Åkesson Fatima Said":
    that many signing names, or None."""
    if "|" in line:
        cells = [cell.strip() for cell in line.split("|") if cell.strip()]
        return cells if len(cells) == count and all(map(_signing_name, cells)) else None
    words = line.split()
    if count == 0:
        return [] if not words else None
    for size in (2, 3):
        head = " ".join(words[:size])
        if len(words) >= size and _signing_name(head):
            rest = _names_in_row(" ".join(words[size:]), count - 1)
            if rest is not None:
                return [head, *rest]
    return None


def _justeras_for_below(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """Signatures with no "Justeras" above them but "Justeras för arbetsgivaren" / "Justeras
    för Kommunal" under the names, a row of each or read one cell a line: the block's head,
    its captions and its names, in the order a block captioned above its names has them; so
    the names are no item's title and each signs for the side below it. None for no such
    block."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    captions = [p for p in _JUSTERAS_FOR_CUT.split(following) if p.strip()]
    sides = [_JUSTERAS_FOR.match(p.strip()) for p in captions]
    if len(sides) >= 2 and all(sides):
        names = _names_in_row(line, len(sides))
        if names:
            heads = [f"För {side['side'].strip()}" for side in sides if side]
            return ["Justeras", " | ".join(heads), " | ".join(names)], 2
    count = 0
    while index + count < len(lines) and _signing_name(lines[index + count].strip()):
        count += 1
    below = lines[index + count : index + 2 * count]
    stacked = [_JUSTERAS_FOR.match(caption.strip()) for caption in below]
    if count < 2 or len(below) != count or not all(stacked):
        return None
    heads = [f"För {side['side'].strip()}" for side in stacked if side]
    names = [name.strip() for name in lines[index : index + count]]
    return ["Justeras", " | ".join(heads), " | ".join(names)], 2 * count


def _signing_name(line: str) -> bool:
    person = _SIGNED_WITH_PARTY.match(line.strip())
    return is_person_name(person["name"] if person else line.strip())


_SIGNATURE_HEAD = re.compile(
    r"^(?:justeras|justerat(?:\s+av)?|justerande|justerandes\s+signatur|underskrift(?:er)?"
    r"|signatur(?:er)?)\s*:?$",
    re.IGNORECASE,
)


def _cell_not_value(line: str) -> bool:
    return bool(CELL_LABEL.match(line) or ATTENDANCE.match(line) or TABLE_COLUMN.match(line))


_DAY_AND_MONTH = re.compile(
    rf"^(?:datum|mötesdatum|sammanträdesdatum)\s*[:|]\s*(?:[a-zåäö]+dag(?:en)?\s+)?(?:den\s+)?"
    rf"(?P<day>\d{{1,2}})(?::e|:a)?\s+(?P<month>{MONTH_NAMES})\b(?!\s*\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d/:-])(20\d{2})(?![\d/:-])")


def _date_without_year(front: list[str]) -> date | None:
    """ "Datum: tisdag 4 mars" under "Protokoll LSG fritid 2025": the day and month labelled,
    the year the only one the front page names."""
    for line in front:
        found = _DAY_AND_MONTH.match(line.strip())
        years = {y for other in front for y in _YEAR.findall(other)}
        if found and len(years) == 1:
            try:
                return date(int(years.pop()), month_number(found["month"]), int(found["day"]))
            except ValueError:
                return None
    return None


_NEXT_MEETING_FIELD = re.compile(r"^nästa\s+(?:möte|sammanträde|träff)\s*[:|]\s*\S", re.I)


def _header_end(lines: list[str]) -> int:
    """Where the letterhead stops: the first section, agenda word, standing item or § item;
    without one, after the metadata at the top and the attendance list below it."""
    opener = next(
        (
            i
            for i, line in enumerate(lines[:_HEADER_SCAN])
            if (opens_body(line, _strip_marker(line)[1]) or _first_item(line))
            # "PROTOKOLL – ARBETSPLATSTRÄFF MED" + "SAMVERKAN": the title's last word, which
            # the page width put on a line of its own, opens no section.
            and not (i and _ends_on_connective(lines[i - 1]))
            # "Nästa möte: 2025-04-08" above "Tid:" and "Plats:": a field of the header.
            and not (
                _NEXT_MEETING_FIELD.match(line)
                and find_dates(line)
                and any(METADATA_LABEL.match(after) for after in lines[i + 1 : i + 4])
            )
            # "Information enligt 19 § MBL" above "Tid och plats:": the meeting's kind as its
            # title, where below the attendance the same words head the items.
            and not (
                group_kind_of(line)
                and any(METADATA_LABEL.match(after) for after in lines[i + 1 : i + 4])
            )
        ),
        None,
    )
    letterhead = _letterhead_end(lines)
    if opener is None:
        # A nämnd's front page (attendance, signatures, the anslag) before its first "§ 112":
        # no prose of the body stands before that §, however long the page.
        paragraph = next(
            (i for i, line in enumerate(lines[:_FRONT_PAGE_SCAN]) if PARAGRAPH_NUMBER.match(line)),
            None,
        )
        front = lines[letterhead:paragraph] if paragraph is not None else []
        if front and not any(_body_prose(line) for line in front):
            return paragraph
        return letterhead
    # Judged whole: "För arbetstagarorganisationerna: A, Saco-S;" + "B, OFR/S; C, Seko." is one
    # labelled line of attendance the column broke, not a sentence of the body.
    between = _joined_lines(lines[letterhead:opener]) if opener > letterhead else []
    if any(_body_prose(line) for line, _ in between):
        # Minutes without headings: "Nästa möte …" far down is no end of a header that
        # has paragraphs of prose in it.
        return letterhead
    return opener


def _agenda_item(following: str) -> bool:
    """Whether "Dagordning" heads its item's text (a sentence: "Listan fastställdes.") rather
    than the list of the meeting's items below it (numbered, marked or one title a line)."""
    return bool(
        following
        and not _strip_marker(following)[0]
        and not section_of(following)
        and not _titleish(following, strong=False)
        and not CLOSING.match(following)
    )


_ROLE_FIRST = re.compile(r"^(?:mötes)?(?:ordförande|sekreterare)\s+(?P<rest>[^:]+)$", re.IGNORECASE)


def _role_sentence(line: str) -> bool:
    """ "Ordförande Lars Holm öppnade mötet.": a sentence that begins with the chair's role, not
    the caption of a signature ("Ordförande", "Sekreterare Lisa Berg") where the minutes end."""
    role = _ROLE_FIRST.match(line.strip())
    if not role or len(line.split()) < 5:
        return False
    words = [w.strip(".,;()") for w in role["rest"].split()]
    verbs = sum(1 for w in words if w.islower() and w.isalpha() and not is_party(w))
    # Its verb and more after the name; one the page width cut ("… hälsade alla välkomna och").
    return verbs >= (1 if _ends_sentence(line) else 2)


def _first_item(line: str) -> bool:
    """ "1. Budget": a title numbered one, where the items begin (no letterhead is so numbered)."""
    marker, bare = _strip_marker(line)
    return marker == "num" and _item_number(line) == (1,) and _titleish(bare, strong=True)


def _body_prose(line: str) -> bool:
    """Prose that is not the front page's ("Protokollet är justerat. …")."""
    return _prose(line) and not FRONT_MATTER.search(line)


def _prose(line: str) -> bool:
    """A sentence of the body, which no letterhead holds: six words or more, a full stop."""
    return (
        len(line.split()) >= 6
        and _ends_sentence(line)
        and not (_LABEL_VALUE.match(line) or ATTENDANCE.match(line) or _person_line(line))
        and not (is_when_line(line) or _listing(line))
        and not _JUSTERARE_LABEL.match(line)
    )


_WHEN_AFTER_LIST = 2  # so many lines after a list of parties may still give the day


def _letterhead_end(lines: list[str]) -> int:
    """After the metadata at the top and the attendance list below it."""
    end, unknown = 0, 0
    # Judged whole, as _read_header reads them: a sentence the page width broke is one line.
    joined = _joined_lines(lines[:15])
    for position, (line, index) in enumerate(joined):
        if ATTENDANCE.match(line):
            # "Parter: A, B och C." above "Förhandlingen hölls den 9 mars … i …": the
            # meeting's day and place after the parties' names are the letterhead's still.
            after = [later for later, _ in joined[position + 1 : position + 1 + _WHEN_AFTER_LIST]]
            if not any(is_when_line(later) for later in after):
                break
            unknown = 0
            continue
        if (
            DOC_TITLE.match(line)
            or METADATA_LABEL.match(line)
            or FRONT_PAGE_LABEL.match(line)
            or is_date_only(line)
            or is_when_line(line)
            or group_kind_of(line)
            or _group_kind(line)
            or _PROTOCOL.search(line)
            or _DNR.search(line)
            or (_ORG_LINE.match(line) and not any(c.isdigit() for c in line))
        ):
            end, unknown = index + 1, 0
        elif not (
            _letterhead(line)
            or _LABEL_VALUE.match(line)
            or find_dates(line)
            or is_address_line(line)
        ):
            # The letterhead is the run of such lines at the top; a line or two of the
            # organisation's name ("Gata, park och fastighet, Tekniska") may stand among them.
            unknown += 1
            if unknown > 2 or _ends_sentence(line) or len(line.split()) > 8:
                break
    return _attendance_end(lines, end)


def _attendance_end(lines: list[str], start: int) -> int:
    """After "Närvarande" (a label, a table's head) its lines of people and parties."""
    index, listing = start, False
    while index < len(lines):
        line = lines[index]
        if ATTENDANCE.match(line) or (listing and _JUSTERARE_LABEL.match(line)):
            listing = True  # "Justerare" + "Olof Werner (KD)" after the lists: the header's
        elif listing and FRONT_PAGE_LABEL.match(line):
            pass  # "Paragrafer §§ 112–116" below the lists of those present
        elif not (
            listing
            and (
                _attendance_line(line)
                or _list_goes_on(lines[index - 1])
                or _name_goes_on(lines[index - 1], line)
            )
        ):
            break
        index += 1
    return index


# "Ekström, koncernchef, och Wilma Hed, sekreterare.": a surname, then its role or party.
_SURNAME_FIRST = re.compile(rf"^(?P<rest>{NAME_TOKEN}(?:\s+{NAME_TOKEN})?)\s*[,;(]")


def _name_goes_on(previous: str, line: str) -> bool:
    """ "… Emir Karlsson (S). Därutöver Ronny" + "Ekström, koncernchef, och …": the page width
    broke a person's name in a list of those present; the next line opens with the rest of it
    and the role or party after it, so the list goes on there."""
    last = previous.rsplit(None, 1)[-1] if previous.strip() else ""
    rest = _SURNAME_FIRST.match(line)
    return (
        bool(rest)
        and re.fullmatch(NAME_TOKEN, last) is not None
        and not (is_party(last) or is_presenter(last))
        and is_person_name(f"{last} {rest['rest']}")
    )


def _attendance_line(line: str) -> bool:
    marker, bare = _strip_marker(line)
    if marker == "bullet":
        line = bare  # "- Jenny Strand (badchef)" under "Närvarande:": a list of them
    return _person_line(line) or bool(_LABEL_VALUE.match(line)) or _listing(line)


_PARENTHESIS_ONLY = re.compile(r"^\([^()]{2,60}\)$")


def _listing(line: str) -> bool:
    """ "Anneli Viklund (Kommunal), Ola Berggren (Vision), Petra", "(avdelningschef,
    ordförande), Therese Näslund (HR-partner),": nothing but names, parties and labels; "Eva
    Ros, nämndsekreterare; Ola Ek, ekonomichef.": people with their roles between semicolons."""
    people = [p.strip() for p in line.rstrip(" .").split(";")]
    if len(people) >= 3 and _PARENTHESIS_ONLY.match(people[0]):
        # "(ordförande); Ola Brink, arbetsledare; Kent Olsson,": the line opens with the role
        # of the person the line above ended on, which the page width put here.
        people = people[1:]
    if len(people) >= 2 and all(_person_line(p) for p in people if p):
        return True
    if "(" not in line and ")" not in line:
        return False
    bare = re.sub(r"\([^()]*\)|^[^()]*\)|\([^()]*$", ",", line)
    pieces = [p.strip() for p in re.split(r"[,.;:]|\s+och\s+", bare) if p.strip()]
    return bool(pieces) and all(
        is_person_name(p)
        or re.fullmatch(NAME_TOKEN, p)
        or ATTENDANCE.match(p)
        or is_party(p)
        or is_board_role(p)
        for p in pieces
    )


def _list_goes_on(line: str) -> bool:
    """ "…: Vision, Kommunal," broken by the page width: the next line is more of the list."""
    return line.rstrip().endswith((",", ";")) or line.rsplit(" ", 1)[-1] in ("och", "samt")


_PERSON_LINE = re.compile(
    rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}(?:\s*(?:[|,(;–-]|\s)\s*[^.!?]*)?$"
)


def _person_line(line: str) -> bool:
    """ "Karin Ulfsdotter, ordförande", "Lena Fors | förvaltningschef": a person and a role."""
    if len(line) > 100 or not _PERSON_LINE.match(line):
        return False
    head = " ".join(re.split(r"\s*[|,(;–]\s*", line, maxsplit=1)[0].split()[:2])
    return is_person_name(head)


def _join_title_lines(lines: list[str]) -> list[str]:
    """Word splits a long title line after a dash: "… FSG/VSG –" + "Socialförvaltningen den …";
    the page width splits a date: "… den 15" + "oktober 2024", or a sentence: "… för X" +
    "träffades kl. 15.15 i …" (a header line never opens in lower case of its own)."""
    return [line for line, _ in _joined_lines(lines)]


def _joined_lines(lines: list[str]) -> list[tuple[str, int]]:
    """The header's lines joined as _join_title_lines joins them, each with the index of the
    last line it took."""
    joined: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        if joined and (
            joined[-1][0].endswith((" –", " -", " —"))
            or _splits_date(joined[-1][0], line)
            or _header_goes_on(joined[-1][0], line)
            or _kind_broken(joined[-1][0], line)
        ):
            joined[-1] = (f"{joined[-1][0]} {line}", index)
        else:
            joined.append((line, index))
    return joined


def _kind_broken(line: str, following: str) -> bool:
    """ "VALLASKOLAN – LOKAL" + "SAMVERKANSGRUPP (LSG)": the page width broke the group's kind,
    which neither line names alone."""
    return (
        not group_kind_of(line)
        and not group_kind_of(following)
        and bool(group_kind_of(f"{line} {following}"))
    )


_NUMBER_WRAPPED = re.compile(r"^\d{1,4}[A-Za-z]?,\s")
_PLACE_END_WORDS = 8  # the most words a place's last pieces take on a line of their own


def _header_goes_on(line: str, following: str) -> bool:
    """ "Lokal samverkansgrupp för X" + "träffades kl. 15.15 i …", "… möttes klockan" + "13.15 i
    …": the page width broke a line of the header where no sentence or label ended; the next
    opens in lower case, or the line stops on a connective, a comma or the time's "kl."."""
    if _ends_sentence(line) and not _TIME_CUT.search(line):
        return False
    cut = _cut_after(line) or bool(_TIME_CUT.search(line))
    # "Information från X till de fackliga organisationerna" + "Unionen och Seko ägde rum …":
    # the sentence's subject broken before its verb.
    held = not holds_meeting_verb(line) and holds_meeting_verb(f"{line} {following}")
    # "… på kraftvärmeverket, konferensrum" + "Turbinen.": the place's last word; "… kl. 13.30
    # i konferensrummet" + "Lönnen, Förvaltningshuset, Storgatan 5, plan 3.": its last pieces,
    # names and numbers between commas, where the sentence ends (no list of who attended).
    # "… klockan 08.15 i Regionhuset" + "Västerbacka, sal Fjällsippan. Protokoll nr 2/2026,":
    # so too where another sentence follows the place's on that line.
    first = _SENTENCE_INSIDE.split(following, maxsplit=1)[0] if following else ""
    first = f"{first}." if first != following else first
    after_time = bool(_PLACE_AFTER_TIME.search(line)) and first.endswith(".") and ":" not in first
    place_end = (
        (is_when_line(line) or after_time)
        and _ends_sentence(first)
        and (
            len(first.split()) <= 3
            or (
                len(first.split()) <= _PLACE_END_WORDS
                and not ATTENDANCE.match(first)
                and not holds_meeting_verb(first)
                and ":" not in first
            )
        )
    )
    # "… på Folktandvårdens kansli, rum" + "3, Storgatan 14 …": the room's number wrapped.
    number = bool(_NUMBER_WRAPPED.match(following)) and not _ends_sentence(line)
    # "Protokoll fört vid ordinarie styrelsemöte i Bostadsrättsföreningen" + "Tallkotten 7 i
    # Ålstad tisdagen den 10 mars 2026 kl. 19.00 i": the record's sentence, cut before its day.
    record = bool(
        RECORD_SENTENCE.match(line)
        and not find_dates(line)
        and find_dates(following)
        and not any(mark in following for mark in ":|")
        and not is_date_only(following)
        and not ATTENDANCE.match(following)
        # "Minnesanteckningar från samverkansgrupp FSG" + "Datum 2024-11-06": a label's line.
        and not METADATA_LABEL.match(following)
        and not DATE_LABEL.match(following)
    )
    return (
        _starts_lower(following)
        or (cut and ":" not in following)
        or held
        or place_end
        or number
        or record
    )


def _place_after_date(line: str) -> re.Match[str] | None:
    """The place a header sentence names right after the meeting's day ("… den 12 februari
    2025 i föreningens lokal, Byvägen 2."), when it names no hour."""
    spans = date_spans(line)
    return _PLACE_AFTER_DATE.match(line[spans[0][1] :]) if len(spans) == 1 else None


def _bare_place(line: str) -> bool:
    """Whether a header line could be a place written without its label: short, no label, no
    date, no sentence, no group or document name ("Digitalt via Teams", "Rum Ekorren")."""
    return bool(
        line[:1].isupper()
        and len(line) <= 60
        and ":" not in line
        and not find_dates(line)
        and not _ends_sentence(line.rstrip("."))
        and not ATTENDANCE.match(line)
        and not DOC_TITLE.match(line)
        and not group_kind_of(line)
        and not _JUSTERARE_LABEL.match(line)
    )


def _splits_date(line: str, following: str) -> bool:
    """Whether the two lines together name a date that neither names alone."""
    if not following or not any(c.isdigit() for c in line + following):
        return False
    apart = len(find_dates(line)) + len(find_dates(following))
    return len(find_dates(f"{line} {following}")) > apart


def _read_header(lines: list[str]) -> _Header:
    header = _Header()
    # (rank, order, date): a "Datum:" label first, then the title line, then any other date;
    # a date alone at the top and a print date are the page header's, taken last.
    dates: list[tuple[int, int, date]] = []
    org_name = ""
    labelled = False
    collecting_justerare = False
    kinds: list[str] = []
    weak_kinds: list[str] = []  # "SAMMANTRÄDESPROTOKOLL" alone: a nämnd, if nothing else is named
    label_above = False  # "Sammanträdesdatum" alone, the date on the line below
    after_when = False  # the line above was the meeting's date and hour and nothing else
    dnr_open = False  # "Dnr KS" at the line's end: its number may stand on the next line
    place_open = False  # the place ended on "rum" or "sal": the room's name may stand below
    place_wrapped = False  # the place ended a long line, no comma or stop: its rest may follow
    for line in _join_title_lines(lines):
        if place_open and _HOUSE_LETTER.match(line.strip()) and header.place[-1:].isdigit():
            # "Plats   Föreningslokalen, Kastanjegatan 7" + "B": the street number's letter.
            header.place = f"{header.place} {line.strip()}"
            place_open = False
            continue
        if (
            place_open
            and header.place.rsplit(" ", 1)[-1].casefold() in ROOM_WORDS
            and _ROOM_NAME_ALONE.match(line.strip())
            and not (group_kind_of(line) or ATTENDANCE.match(line) or _JUSTERARE_LABEL.match(line))
            and not (METADATA_LABEL.match(line) or DATE_LABEL.search(line) or DOC_TITLE.match(line))
        ):
            # "Plats" + "Sjöbacka Energi AB, huvudkontoret, rum" + "Turbinen": a table's
            # narrow cell broke the room's word from its name.
            header.place = f"{header.place} {line.strip()}"
            place_open = False
            continue
        if (
            place_wrapped
            and _PLACE_TAIL.match(line.strip())
            and not (METADATA_LABEL.match(line) or DATE_LABEL.search(line) or find_dates(line))
        ):
            # "Tid och plats: 2026-05-05 kl. 9.30–12.00, Stadshuset" + "Lindmora, sal Fyren":
            # a narrow column broke the place; its rest and the room stand on the next line.
            header.place = f"{header.place} {line.strip().rstrip('.')}"
            place_open = place_wrapped = False
            continue
        place_open = place_wrapped = False
        if dnr_open and _DNR_NUMBER_ALONE.match(line.strip()):
            # "Dnr KS" + "2026/88": a narrow column broke the register's letters from its number.
            header.dnr = f"{header.dnr} {line.strip()}"
            dnr_open = False
            continue
        dnr_open = False
        if after_when and not header.place and _bare_place(line):
            # "2025-02-11 kl. 13.00-15.30" + "Digitalt via Teams": the place on the next line.
            header.place = line.rstrip(".").strip()
            after_when = False
            continue
        after_when = bool(
            find_dates(line) and is_when_line(line) and _time_of(line) and ":" not in line
        )
        if label_above and is_date_only(line):
            dates.append((0, len(dates), find_dates(line)[0][1]))
        label_above = False
        if collecting_justerare:
            people = _names_only(line)
            if people:
                header.justerare.extend(people)
                continue
            collecting_justerare = False
        used = False
        label = DATE_LABEL.search(line)
        other = OTHER_DATE.search(line)
        found = find_dates(line[label.end() :]) if label else []
        if label and other and other.start() < label.end() + (found[0][0] if found else 0):
            # "Datum då anslaget sätts upp: 2025-09-23": the date is another's.
            label = None
        if label:
            if found:
                dates.append((0, len(dates), found[0][1]))
            else:
                label_above = not line[label.end() :].strip()
            used = True
        else:
            for _, found_date in find_dates(line):
                if other:
                    rank = 5
                elif is_date_only(line) or is_page_marker(line):
                    rank = 4
                elif DOC_TITLE.match(line) or re.search(r"\bden\s+\d", line):
                    rank = 1
                else:
                    rank = 3
                dates.append((rank, len(dates), found_date))
        if (
            not header.time
            and not other
            and (label or find_dates(line) or _TIME_LABEL.search(line))
        ):
            header.time = _time_of(line)
        place = _PLACE.search(line) or _PLACE_AND_TIME.match(line)
        if not place and not other and (find_dates(line) or is_when_line(line)):
            place = _PLACE_AFTER_TIME.search(line)
        if place and find_dates(place["place"]):
            # "Tid och plats: Kommunhuset, sal Linnéa, tisdagen den 24 mars 2026 kl. 17.30–19.45":
            # the hour after the day, which ends the line, goes before the day is looked for.
            before_day = _DAY_AT_END.sub("", _TIME_AT_END.sub("", place["place"].strip()))
            if before_day != place["place"] and before_day.strip() and not find_dates(before_day):
                # "Plats och tid: Kommunhuset, sal Lommen, onsdagen den 22 oktober 2025 kl. …":
                # the place, then the day.
                place = {"place": before_day}
            else:
                # "Tid och plats: 2019-11-05 kl. 15.30–16.15, Västerskolan": after the time.
                place = _PLACE_AFTER_TIME.search(line)
        if not place and not other and not label and not _TIME_LABEL.search(line):
            place = _place_after_date(line)
        if place and not header.place:
            # "Tid och plats: Socialkontoret, rum Linden, kl. 13.00–15.30": the time is no place.
            where = _TIME_AT_END.sub("", place["place"].strip())
            # "Tid och plats: kl. 13.15–15.00, Lärcentrum, sal Ugglan": the time first, as the
            # label's order has it, then the place.
            where = _TIME_AT_START.sub("", where)
            header.place = where.rstrip(".,;|").strip()
            place_open = header.place.rsplit(" ", 1)[-1].casefold() in ROOM_WORDS or (
                header.place[-1:].isdigit()
            )
            place_wrapped = (
                len(line.strip()) >= _WRAPPED_HEADER_LINE and line.rstrip()[-1:].isalpha()
            )
            used = True
        protocol = (
            _PROTOCOL.search(line)
            or (DOC_TITLE.match(line) and _PROTOCOL_TOKEN.search(line))
            or _NUMBER_LABEL.search(line)
            or MEETING_NUMBER.search(line)
            or BARE_PROTOCOL_NUMBER.search(line)
        )
        field_line = bool(_NUMBER_FIELD.match(line))
        if protocol and (not header.protocol_number or (field_line and not header.number_field)):
            # "Protokoll: 7/2025" is the number's own field: it outranks one a running header
            # above it gave ("Västerholms stad  Protokoll FSG 7/2025  Sida 1 av 2").
            header.protocol_number = _written_number(next(g for g in protocol.groups() if g))
            header.number_field = field_line
            used = True
        dnr = _DNR.search(line)
        if dnr and not header.dnr:
            header.dnr = dnr.group(1).rstrip(".,;")
            dnr_open = not any(c.isdigit() for c in header.dnr) and not line[dnr.end() :].strip()
            used = True
        justerare = _JUSTERARE_LABEL.match(line)
        if justerare:
            header.justerare.extend(_names_from_list(justerare["names"]))
            collecting_justerare = not justerare["names"].strip()
            used = True
        elif "justera" in _as_justering(line).casefold():
            # "A och B valdes att justera anteckningarna." above the first item.
            chosen = _justering_statements(line)
            if chosen:
                header.justerare.extend(chosen)
                used = True
        kind = group_kind_of(line) or _group_kind(line)
        if kind:
            (weak_kinds if is_session_protocol_only(line) else kinds).append(kind)
            name = _name_after_kind(line)
            if name and not header.group_name:
                header.group_name = name
            used = True
        org = _ORG_LINE.match(line)
        if org:
            org_name = org_name or org["name"].strip()
            used = True
        if DOC_TITLE.match(line) or is_date_only(line):
            used = True
        # Short lines above the first "Label:" are the letterhead ("HR"); below it they are data
        # the parser does not know (attendance lists) and are kept.
        if not used and (labelled or not _letterhead(line)):
            header.unplaced.append(line)
        labelled = labelled or ":" in line
    header.group_name = header.group_name or org_name
    header.group_kind = _pick_kind(kinds or weak_kinds)
    if dates:
        rank, _, header.date = min(dates)
        if rank >= 4:
            header.uncertain.append("datum från sidhuvudet")
    return header


_TIME_LABEL = re.compile(
    r"(?:^|\s)(?:(?:mötes)?tid(?:punkt)?\s*[:|]|klockan\s*[:|]?\s*\d|kl\.?\s*\d)"
    r"|(?<![\d.:/-])[0-2]?\d[.:][0-5]\d\s*[-–—]\s*[0-2]?\d[.:][0-5]\d\b",
    re.IGNORECASE,
)
# "Nr 14/2019" in the letterhead, beside or below "PROTOKOLL" (not "Dnr").
_NUMBER_LABEL = re.compile(
    rf"(?<!\w)nr\.?\s*(?:{_SPACED_NUMBER}"
    rf"|({_NUMBER_PREFIX}\d{{1,3}}\s*/\s*(?:19|20)\d{{2}})(?![\d/]))",
    re.IGNORECASE,
)
# A line that is the protocol number's field: "Protokoll: 7/2025", "Protokoll nr | LSG 1/2026",
# "Protokollnummer: AU 4/2025", "Protokoll 12/2025" (its label column without a colon).
_NUMBER_FIELD = re.compile(
    rf"^\s*(?:{PROTOCOL_COMPOUNDS})?protokoll(?:et)?(?:nummer)?\s*(?:(?:nr\.?|nummer)\s*)?"
    r"(?:[:|]|(?=\d))",
    re.IGNORECASE,
)
_PROTOCOL_TOKEN = re.compile(
    rf"(?<![\w/])({_NUMBER_PREFIX}\d{{1,3}}\s*/\s*(?:19|20)\d{{2}})(?![\d/])"
)
_KIND_ORDER = (
    "MBL §11",
    "MBL §19",
    "MBL §14",
    "skyddskommitté",
    "CSG",
    "FSG/VSG",
    "FSG",
    "VSG",
    "LSG",
    "ASG",
    "APT",
)


def _pick_kind(kinds: list[str]) -> str:
    """The strongest kind the header names: a negotiation or a committee before FSG/VSG."""
    if "FSG" in kinds and "VSG" in kinds:
        kinds = [*kinds, "FSG/VSG"]
    for kind in _KIND_ORDER:
        if kind in kinds:
            return kind
    # A nämnd's utskott writes "sammanträdesprotokoll" like the nämnd: the utskott is the kind.
    committees = [kind for kind in kinds if kind.casefold().endswith("utskott")]
    return (committees or kinds or [""])[0]


def _time_of(line: str) -> str:
    for match in _TIME.finditer(line):
        hour = int(match["h"] or match["h2"] or match["h3"])
        minute = int(match["m"] or match["m2"] or 0)
        if hour <= 23:
            return f"{hour:02d}:{minute:02d}"
    return ""


def _letterhead(line: str) -> bool:
    """A short line of a Word header ("HR", "Stadsledningskontoret"), or one in capitals
    ("BARN- OCH UTBILDNINGSFÖRVALTNINGEN PROTOKOLL"), its page number aside: no sentence."""
    line = without_page_number(line) or line
    if any(c in line for c in ".:;!?") or _starts_lower(line):
        return False
    return len(line.split()) <= 3 or (len(line.split()) <= 6 and line.upper() == line)


def _group_kind(line: str) -> str:
    tokens = {re.sub(r"\s+", "", token) for token in _KIND_TOKEN.findall(line)}
    for word in _KIND_WORD.findall(line):
        tokens.add("FSG" if word.casefold().startswith("förvaltning") else "VSG")
    if any("/" in token for token in tokens) or {"FSG", "VSG"} <= tokens:
        return "FSG/VSG"
    return next(iter(tokens), "")


def _combine_kinds(old: str, new: str) -> str:
    if not old or old == new:
        return new
    return "FSG/VSG"


# "VSG Individ- och familjeomsorgen sammanträdde tisdagen den …": the name ends at the verb.
_NAME_STOP = re.compile(
    rf"\s+(?:den\s+)?\d|\s+den\s|\s[–—-]\s|\s*[,;:(|]|\s+(?:{HELD_VERB})\b", re.IGNORECASE
)


def _name_after_kind(line: str) -> str:
    """ "VSG Vuxen", "FSG/VSG – Socialförvaltningen den 20 september 2021" → the group's name."""
    matches = list(_KIND_TOKEN.finditer(line))
    if not matches:
        return ""
    rest = line[matches[-1].end() :].lstrip(" )–—-:").strip()
    rest = _NAME_STOP.split(rest, maxsplit=1)[0].strip()
    if not rest or not rest[0].isupper() or len(rest.split()) > 6:
        return ""
    return rest


def _opened_at(items: list[ImportedItem]) -> str:
    """A header that names no hour: the opening items may say when the meeting was opened."""
    for item in items:
        if item.section != OPENING:
            break
        match = OPENED_AT.search(f"{item.title}\n{item.text}")
        hour = int(match["h"] or match["h2"]) if match else 24
        if hour <= 23:
            return f"{hour:02d}:{int(match['m'] or match['m2'] or 0):02d}"
    return ""


def _labelled_date(text: str) -> date | None:
    for line in text.split("\n"):
        label = DATE_LABEL.search(line)
        if label:
            dates = find_dates(line[label.end() :])
            if dates:
                return dates[0][1]
    return None


def _date_from_source(source: str) -> date | None:
    dates = find_dates(source.replace("_", "-"))
    return dates[-1][1] if dates else None


def _protocol_number(text: str) -> str:
    match = _PROTOCOL.search(text)
    return _written_number(match.group(1) or match.group(2) or match.group(3)) if match else ""


def _written_number(number: str) -> str:
    """ "4 / 2025" → "4/2025"; "AU  4/2025" keeps its letters apart from the number."""
    return re.sub(r"\s+", " ", re.sub(r"\s*([/:])\s*", r"\1", number)).strip()


def _dnr(text: str) -> str:
    """The meeting's DNR; one on a "§ 13 Dnr …" line belongs to that item alone."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = None if PARAGRAPH_NUMBER.match(line) else _DNR.search(line)
        if match:
            dnr = match.group(1).rstrip(".,;")
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if (
                not any(c.isdigit() for c in dnr)
                and not line[match.end() :].strip()
                and _DNR_NUMBER_ALONE.match(following)
            ):
                # "Dnr KS" + "2026/88": a narrow column broke the register's letters from its
                # number.
                dnr = f"{dnr} {following.rstrip('.,;')}"
            return dnr
    return ""


_HOUSE_LETTER = re.compile(r"^[A-ZÅÄÖ]$")
# A room's name alone: "Turbinen", "Kronan", "4:12", "Stora salen".
_ROOM_NAME_ALONE = re.compile(r"^(?:[A-ZÅÄÖ][\wåäö-]*(?:\s+[a-zåäö]+)?|\d{1,2}(?::\d{1,3})?)$")
# "Lindmora, sal Fyren": a place's last word and its room, alone on a line.
_PLACE_TAIL = re.compile(
    rf"^[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+)?,\s+(?:{'|'.join(sorted(ROOM_WORDS))})\s+\S.*$",
    re.IGNORECASE,
)
# "Förslaget till arbetsmiljöplan", "Ett förslag om …": a proposal put before the body.
_PROPOSAL_BEFORE = re.compile(r"\b(?:förslaget|ett\s+förslag|förslag\s+till)\b", re.IGNORECASE)
_WRAPPED_HEADER_LINE = 40  # a header line this long may have been broken by a narrow column
_DNR_NUMBER_ALONE = re.compile(r"^(?:19|20)\d{2}[/.:-]\d{1,5}(?:[/.:-]\d{1,5})?$")


# --- justerare ---------------------------------------------------------------------------------

_JUSTERARE_ITEM = re.compile(
    # "Justering", "Protokollsjusterare", "Val av justeringsmän": the choice by any name.
    r"^(?:val\s+av\s+)?(?:protokolls?)?justera(?:re|ring)|^(?:val\s+av\s+)?justeringsperson"
    r"|^(?:val\s+av\s+)?justeringsmän"
    r"|^(?:protokollets\s+)?justering(?:\s+av\s+(?:dagens\s+)?(?:protokoll|(?:minnes)?anteckningar)"
    r"\w*)?$"
    r"|^val\s+av\s+\w+\s+(?:och|samt)\s+(?:protokoll)?justerare",
    re.IGNORECASE,
)
_JUSTERARE_IN_TITLE = re.compile(
    r"\bval\s+av\s+(?:\w+\s+(?:och|samt)\s+)?(?:protokoll)?justera(?:re|ring)\b", re.IGNORECASE
)
_ELECTED = re.compile(
    r"[,\s]*\b(?:valdes|väljs|utsågs|utses|blev|är|var)\b(?:\s+(?:som|till|att))?.*$",
    re.IGNORECASE,
)
_ELECTED_FIRST = re.compile(
    r"^(?:till\s+)?(?:protokoll)?justerare(?:\s+(?:valdes|väljs|utsågs|blev))?\s*:?\s*"
    r"|^(?:att\b.*?\bjustera\b.*?\b(?:valdes|väljs|utsågs|utses))\s+",
    re.IGNORECASE,
)
_JUSTERAR = re.compile(
    rf"^(?P<names>{UPPER}[^.;]*?)\s+(?:justerar|har\s+justerat)\b(?:\s+(?:dagens\s+)?(?:protokoll(?:et)?"
    r"|minnesanteckningar(?:na)?|anteckningar(?:na)?))?(?:\s+(?:digitalt|elektroniskt))?"
    r"(?:\s+(?:för|åt)\s+(?P<party>[^.;]+?))?"
    # "… justerar protokollet tillsammans med Eva Berg (för arbetsgivaren)": one more.
    rf"(?:\s+{_ALONG_WITH_CHAIR}|\s+(?:tillsammans\s+med|jämte)\s+(?P<also>{UPPER}[^.;]*?))?"
    r"\s*[.;]?$"
)
# "… justeras digitalt via BankID av A och B": the service it is signed in.
_JUSTERAS_AV = re.compile(
    r"^(?:(?:protokollet|minnesanteckningarna|anteckningarna)\s+)?(?:justera(?:s|t|des)"
    # "Justering sker digitalt med e-signatur av A, ST, och B, arbetsgivaren."
    r"|justering(?:en)?\s+(?:sker|görs|skedde|gjordes))"
    # "Protokollet justeras jämte ordföranden av A": the chair signs beside the one named.
    rf"(?:\s+{_ALONG_WITH_CHAIR})?"
    rf"(?:\s+(?:digitalt|elektroniskt))?(?:\s+{SIGNING_SERVICE})?"
    rf"(?:\s+(?:den\s+)?{DATE_PATTERN})?\s+av\s+(?P<names>.+?)\.?$",
    re.IGNORECASE,
)
# "Till justerare valdes A", "Att jämte ordföranden justera protokollet utsågs A", "A och B
# valdes att justera dagens protokoll", "A, Vision, valdes till justerare": a sentence of the
# choice of justerare, wherever it stands.
_TODAYS = (
    r"(?:dagens|detta|mötets)\s+(?:möte|sammanträde|protokoll|anteckningar|minnesanteckningar"
    r"|mötesanteckningar|träff)"
)
_ALSO_COUNTING = r"(?:\s+(?:tillika|och|samt)\s+rösträknare)"
_CHOSEN_STATEMENT = re.compile(
    # "Till justerare valdes A", "Som justerare för dagens möte utsågs A".
    # "Två justerare utsågs: A och B".
    r"^(?:(?:till|som)\s+)?(?:(?:en|två|tre|\d)\s+)?(?:protokoll)?justerare"
    # "Till justerare för dagens anteckningar valdes A": what they justera, named between.
    rf"(?:\s+för\s+{_TODAYS})?"
    # "Till justerare jämte ordföranden utses A (S) och B (M)": the chair's words between.
    rf"(?:\s+{_ALONG_WITH_CHAIR})?"
    # "Till justerare tillika rösträknare väljs A och B": a förening's second task for them.
    rf"{_ALSO_COUNTING}?"
    r"\s+(?:valdes|utsågs|utses|väljs)(?:\s*:\s*|\s+)(?P<after>.+?)\.?$"
    # "Att justera protokollet utsågs A", "Till att justera protokollet valdes A".
    r"|^(?:till\s+)?att\s+(?:jämte\s+\w+\s+)?justera\b[^.]*?\b(?:valdes|utsågs|utses|väljs)\s+"
    r"(?P<after2>.+?)\.?$"
    rf"|^(?P<before>{UPPER}.*?),?\s+(?:valdes|utsågs|utses|väljs)\s+(?:till|som|att)\s+"
    rf"(?:(?:protokoll)?justerare(?:\s+för\s+{_TODAYS})?{_ALSO_COUNTING}?"
    r"|(?:jämte\s+\w+\s+)?justera\b[^.]*)"
    r"\.?$",
    re.IGNORECASE,
)
_DASHED_TEXT = re.compile(r"^(?P<title>[^–—]+?)\s+[–—]\s+(?P<rest>\S.*)$")
# "3. Sommarvikarier - 14 av 18 vikariat …": a hyphen typed with spaces for the dash.
_HYPHENED_TEXT = re.compile(r"^(?P<title>[^–—-]+?)\s+-\s+(?P<rest>\S.*)$")
_INLINE_TITLE = re.compile(r"^(?P<title>[A-ZÅÄÖ][^:]{2,60}?)\s*:\s+(?P<rest>\S.*)$")
# "Val av justerare: A (Vision) och B (Kommunal)." as a line of text, under "Inledning".
_CHOICE_LABEL = re.compile(
    r"^val\s+av\s+(?:protokoll)?justerare(?:\s+och\s+\w+)?\s*:\s*(?P<names>\S.*)$", re.IGNORECASE
)
_TRAILING_DATE = re.compile(
    rf"\s*,?\s*(?:(?:senast|före|innan|den)\s+)*{DATE_PATTERN}\.?$", re.IGNORECASE
)
_SENTENCES = re.compile(r"(?<=[.;])\s+(?=[A-ZÅÄÖ])")


# "Protokollet signeras av A och B", "Att underteckna protokollet utsågs A": the justering by
# its other verbs, read as "justeras" / "justera" where the protocol is named.
_SIGNING_VERB = re.compile(
    r"(?P<lead>\b(?:protokollet|anteckningarna|minnesanteckningarna)\s+)"
    r"(?:signer|underteckn)(?P<e1>as|ades)\b"
    r"|\b(?:signer|underteckn)(?P<e2>a|ar|ade)\b(?=\s+(?:dagens\s+)?(?:protokoll|anteckningar))",
    re.IGNORECASE,
)


def _as_justering(line: str) -> str:
    return _SIGNING_VERB.sub(lambda m: (m["lead"] or "") + "juster" + (m["e1"] or m["e2"]), line)


def _justering_statements(line: str) -> list[tuple[str, str]] | None:
    """People in a line made only of "X justerar protokollet för Y." sentences, else None;
    also as a list item ("• A och B justerar anteckningarna.")."""
    line = _as_justering(line)
    marker, bare = _strip_marker(line)
    line = bare if marker == "bullet" else line
    label = _JUSTERARE_LABEL.match(line) or _CHOICE_LABEL.match(line)
    if label:
        return _names_from_list(label["names"])
    people: list[tuple[str, str]] = []
    for sentence in _SENTENCES.split(line.strip()):
        if SECRETARY.match(sentence) and not _JUSTERING_WORD.search(sentence):
            # "Antecknat av Oskar Lindahl. Justerat av Rebecka Sundin.": the note-taker's
            # sentence beside the justering names no justerare, and ends no line of them.
            continue
        match = _JUSTERAR.match(sentence)
        if match:
            named = _names_from_list(match["names"])
            if not named:
                return None
            if match["party"] and not any(party for _name, party in named):
                named = _more_for([name for name, _party in named], match["party"].strip())
            people.extend(named)
            people.extend(_names_from_list(match["also"] or ""))
            continue
        match = _JUSTERAS_AV.match(sentence)
        if match:
            people.extend(_names_from_list(_TRAILING_DATE.sub("", match["names"])))
            continue
        chosen = _CHOSEN_STATEMENT.match(sentence)
        if not chosen:
            return None
        names = chosen["after"] or chosen["after2"] or chosen["before"]
        named = _names_from_list(_TRAILING_DATE.sub("", names))
        if not named:
            return None
        people.extend(named)
    return people or None


# "justera", "justerare", "justeras": a sentence that speaks of the justering.
_JUSTERING_WORD = re.compile(r"\bjuster", re.IGNORECASE)


_CHOSEN = re.compile(
    r"\b(?:till|som)\s+(?:protokoll)?justerare\s+(?:valdes\s+|utsågs\s+|väljs\s+)?"
    r"(?P<names>[A-ZÅÄÖ].*)$"
    # "Nämnden utser/väljer A (S) att jämte/tillsammans med ordföranden justera …".
    r"|\b(?:utse(?:r|s)?|utsåg|välj(?:er|s)|valde)\s+(?P<names2>[A-ZÅÄÖ].*?)\s+(?:att|till\s+att)\s+"
    r"(?:(?:jämte|tillsammans\s+med)\s+\w+\s+)?justera",
)


_FOR_PARTY = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s+(?:för|från)\s+(?P<party>.+)$"
)


_ONE_NAME = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}$")


def _more_for(first: list[str], rest: str) -> list[tuple[str, str]]:
    """ "Vision, Erik Nord för Kommunal och Maria Lind för arbetsgivaren" after "A justerar för",
    also "Vision samt B och C för Kommunal" (as the bot writes several of one party)."""
    pieces = re.split(r",\s*(?:och\s+|samt\s+)?|\s+(?:och|samt)\s+", rest)
    people = [(name, pieces[0].strip()) for name in first]
    waiting: list[str] = []
    for piece in (p.strip() for p in pieces[1:]):
        match = _FOR_PARTY.match(piece)
        if match:
            party = match["party"].strip()
            people += [(name, party) for name in (*waiting, match["name"])]
            waiting = []
        elif _ONE_NAME.match(piece):
            waiting.append(piece)
        else:
            return [(name, rest) for name in first]
    return people if not waiting else [(name, rest) for name in first]


def _justering_in(line: str, *, whole: bool) -> list[tuple[str, str]]:
    """The people a line of a justerare item names: of its sentences those about the justering
    ("Till sekreterare valdes A. B och C valdes att justera."); `whole`: the item is the choice
    of justerare, and a line without such a sentence ("A (Vision) och B (Kommunal).") is read
    whole."""
    labelled = _JUSTERARE_LABEL.match(line)
    if labelled and labelled["names"].strip():
        # "Justerare: A, SSR; B, Kommunal; C, arbetsgivaren.": the label heads one list, which
        # its semicolons do not cut into sentences.
        return _names_from_list(labelled["names"])
    line = _as_justering(line)
    # "Justering sker digitalt med e-signatur av A, ST, och B, arbetsgivaren." says "justera"
    # only as a noun: a sentence of that form is about the justering too.
    about = [
        s
        for s in _SENTENCES.split(line)
        if "justera" in s.casefold() or _JUSTERAS_AV.match(s.strip())
    ]
    # "Sekreterare: Emma Strand" in "Val av sekreterare och justerare": another role's name.
    if whole and not about and not _ROLE_LABEL.match(line.strip()):
        about = [line]
    return [person for sentence in about for person in _names_from_sentence(sentence)]


# The secretary as the text names them: "… som uppdrog åt Oskar Lindqvist att föra dagens
# protokoll", "Till sekreterare valdes Magnus Wall", "Eva Ek utsågs till protokollförare".
_KEEPER = rf"(?:{NAME_TOKEN})(?:\s+{NAME_TOKEN}){{1,2}}"
_MINUTE_KEEPER = re.compile(
    rf"\b(?:uppdrog|uppdrar|gav)\s+(?:åt\s+)?(?P<a>{_KEEPER})\s+att\s+föra\s+"
    r"(?:dagens\s+)?(?:protokoll|protokollet|anteckningarna|minnesanteckningarna)\b"
    rf"|\btill\s+(?:mötes)?(?:sekreterare|protokollförare)\s+(?:valdes|utsågs|utses|väljs)\s+"
    rf"(?P<b>{_KEEPER})"
    rf"|(?P<c>{_KEEPER})\s+(?:valdes|utsågs|utses|väljs)\s+(?:till|som)\s+(?:mötes)?"
    r"(?:sekreterare|protokollförare)\b"
)


def _minute_keepers(text: str) -> set[str]:
    """The people the text names as keeping the minutes (never justerare by a signature)."""
    flat = " ".join(text.split())
    return {(m["a"] or m["b"] or m["c"]) for m in _MINUTE_KEEPER.finditer(flat)}


# "A (Vision) valdes att justera protokollet tillsammans med B.": one more person after the verb.
_JUSTERA_ALONG_WITH = re.compile(
    rf"\bjustera\w*\b[^.]*?\s(?:tillsammans\s+med|jämte)\s+(?P<who>{UPPER}[^.;]*)"
)


def _names_from_sentence(sentence: str) -> list[tuple[str, str]]:
    """ "Christina Gustafsson och Cecilia Cederström valdes som justerare." → two people."""
    people = _chosen_in_sentence(sentence)
    along = _JUSTERA_ALONG_WITH.search(sentence)
    if along and people:
        known = {name for name, _ in people}
        people += [p for p in _names_from_list(along["who"]) if p[0] not in known]
    return people


# "… utses Elin Forsmark (V) med Rasmus Holm (M) som ersättare", "… och Bo Ek som suppleant":
# the substitute named after the justerare, who signs only if the justerare cannot.
_SUBSTITUTE_AFTER = re.compile(
    rf",?\s+(?:med|och|samt)\s+{UPPER}[^.;]*?\s+som\s+(?:{SUBSTITUTE_WORDS})\b[^.;]*"
)


# "Till sekreterare valdes A och att justera minnesanteckningarna valdes B", "Till ordförande
# valdes A, till sekreterare B och till justerare C": one sentence of several choices, a clause
# each, joined where the next one opens on its "till"/"att".
_NEXT_CHOICE = re.compile(r",?\s+(?:och|samt)\s+(?=(?:till|att)\s)|,\s+(?=(?:till|att)\s)", re.I)


def _chosen_in_sentence(sentence: str) -> list[tuple[str, str]]:
    sentence = re.sub(r"^beslut\s*:\s*", "", sentence.strip(), flags=re.IGNORECASE)
    clauses = _NEXT_CHOICE.split(sentence)
    about = [c for c in clauses if _JUSTERING_WORD.search(c)]
    if len(clauses) > 1 and about and len(about) < len(clauses):
        # Only the clause of the justering names justerare; the secretary's names none.
        return [person for clause in about for person in _chosen_in_sentence(clause)]
    sentence = _SUBSTITUTE_AFTER.sub("", sentence)
    statements = _justering_statements(sentence)
    if statements:
        return statements
    chosen = _CHOSEN.search(sentence)
    if chosen:
        return _names_from_list((chosen["names"] or chosen["names2"]).rstrip("."))
    text = _ELECTED_FIRST.sub("", sentence.strip())
    text = _ELECTED.sub("", text).strip().rstrip(".")
    return _names_from_list(text)


def _split_outside_parentheses(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    # "hälso- och sjukvårdsdirektör": a shared ending's "och" joins two words, not two people.
    tokens = re.split(
        r"(\(|\)|,\s*(?:och|samt)\s+|,|(?<!-)\s+och\s+|(?<!-)\s+samt\s+|\s*&\s*|;)", text
    )
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and token is not None
            and re.fullmatch(r",\s*(?:och|samt)\s+|,|\s+(?:och|samt)\s+|\s*&\s*|;", token)
        ):
            parts.append("".join(current))
            current = []
            continue
        current.append(token or "")
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


# "A (Vision)   B (Kommunal)": columns run together, the next person after the parenthesis;
# "Nora Fält / Kommunal", "Nora Fält – Kommunal": a name and its party.
_NEXT_AFTER_PARENTHESIS = re.compile(rf"\)\s+(?={UPPER})")
_NAME_PARTY_SEPARATOR = re.compile(r"\s+[/–—]\s+")


_ALONG_WITH = re.compile(rf"\s+(?:tillsammans\s+med|jämte)\s+(?={UPPER})")


def _names_from_list(text: str) -> list[tuple[str, str]]:
    """ "A, SSR, och B, Kommunal" / "A (Vision) och B" / "A och B" → [(name, party), ...]."""
    text = _NAME_PARTY_SEPARATOR.sub(", ", _NEXT_AFTER_PARENTHESIS.sub("), ", text))
    # "A (Vision) och B (Kommunal) tillsammans med C för arbetsgivaren": one more person.
    text = _ALONG_WITH.sub(" och ", text)
    people: list[tuple[str, str]] = []
    pending = ""
    for part in _split_outside_parentheses(text.strip().rstrip(".")):
        paren = re.match(r"^(?P<name>.*?)\s*\((?P<party>[^)]*)\)$", part)
        name, party = (paren["name"], paren["party"].strip()) if paren else (part, "")
        name = name.strip()
        for_party = None if party else _FOR_PARTY.match(name)
        if for_party and is_person_name(for_party["name"]):
            name, party = for_party["name"], for_party["party"].strip()
        words = name.split()
        if (
            not party
            and len(words) >= 3
            and is_party(words[0])
            and is_person_name(" ".join(words[1:]))
        ):
            # "A, Vårdförbundet B, arbetsgivaren": two cells of a table run together.
            if people and not people[-1][1]:
                people[-1] = (people[-1][0], words[0])
            name = " ".join(words[1:])
        untitled, title = without_title(name)
        if title and not is_person_name(name):
            # "avdelningschef Eva Berg": the employer's side, its title before the name.
            manager = is_employer_role(title.split()[-1])
            name, party = untitled, party or ("arbetsgivaren" if manager else "")
        if is_person_name(name):
            people.append((name, party or pending))
            pending = ""
        elif people and not people[-1][1] and _party_like(name):
            # "A, huvudskyddsombud Vårdförbundet": the union, without the role before it.
            role_first = _party_in(name) if name.split()[0].islower() else ""
            people[-1] = (people[-1][0], role_first or name.removeprefix("för ").strip())
        elif people and not people[-1][1] and is_employer_role(name):
            # "A, enhetschef, och B, Kommunal": the manager's role after a comma, as "(enhetschef)".
            people[-1] = (people[-1][0], name)
        elif _party_like(name):
            pending = name.removeprefix("för ").strip()  # "Vision – Sanna Ros": the party first
    return people


# "Eva Marklund, ordförande (arbetsgivaren)", "Anders Holm, huvudskyddsombud (ST)": a role after
# the name and the side in parentheses after the role.
_ROLE_PARENTHESIS = re.compile(r",\s*(?P<role>[^,()]{2,40}?)\s*\((?P<party>[^()]{1,40})\)")


def _party_of_role(match: re.Match[str]) -> str:
    """ " (ST)" for ", huvudskyddsombud (ST)": the side the role's parenthesis names, where the
    role is one (a board's, the employer's, an ombud); else the text as written."""
    role, party = match["role"].strip(), match["party"].strip()
    is_role = is_board_role(role) or is_employer_role(role) or role.casefold().endswith("ombud")
    if is_role and (_party_like(party) or party.casefold() == "arbetsgivaren"):
        return f" ({party})"
    return match.group()


def _names_only(line: str) -> list[tuple[str, str]]:
    """The people of a line that holds nothing but names and parties ("Anna Ek, Vision"), also
    as a list item ("– Anna Ek, Vision")."""
    line = _strip_marker(line)[1] if _strip_marker(line)[0] == "bullet" else line
    line = _ROLE_PARENTHESIS.sub(_party_of_role, line)
    line = _NAME_PARTY_SEPARATOR.sub(", ", _NEXT_AFTER_PARENTHESIS.sub("), ", line))
    parts = _split_outside_parentheses(line.strip().rstrip("."))
    people = _names_from_list(line)
    named = sum(1 for part in parts if is_person_name(re.sub(r"\s*\(.*\)$", "", part)))
    # "Helena Ruuth, verksamhetschef" under "Justerat": a manager's title names the side.
    parties = sum(1 for part in parts if _party_like(part) or is_employer_role(part))
    return people if people and named + parties == len(parts) else []


def _party_like(text: str) -> bool:
    words = text.removeprefix("för ").split()
    return is_party(text) or (len(words) == 1 and words[0][:1].isupper())


# The words of a label column over the unions' rows ("Fackliga / parter:", "Arbetstagar- /
# organisationer:"): no party of their own.
_SIDE_LABEL_WORDS = frozenset(
    {"fackliga", "facket", "arbetstagar", "arbetstagarorganisationer", "organisationer", "parter"}
)


_NAME_CUT = re.compile(rf"[,;]\s*(?P<word>{NAME_TOKEN})$")


def _name_cut(line: str) -> bool:
    """ "…, Petra": a list line that ends on a first name alone, not on a party ("…, Vision")."""
    cut = _NAME_CUT.search(line)
    return bool(cut) and not (is_party(cut["word"]) or is_presenter(cut["word"]))


def _after_bare_label(line: str) -> str:
    """ "Beslutande Ylva Dahlin (S), ordförande" (a label column without its colon, the gap
    after it collapsed): the names after the label's one to three words, else the line."""
    words = line.split()
    for size in (3, 2, 1):
        label, rest = " ".join(words[:size]), " ".join(words[size:])
        first = re.split(r"[,(;]", rest, maxsplit=1)[0].strip()
        if len(words) > size and ATTENDANCE.fullmatch(label) and is_person_name(first):
            return rest
    return line


_ROLE_COLUMN = re.compile(
    r"^(?i:(?:vice\s+)?ordförande|sekreterare|protokollförare|justerare)\s+(?=[A-ZÅÄÖ])"
)


def _sides(lines: list[str], wanted: set[str]) -> dict[str, str]:
    """Each person the minutes list with a party ("A, Vision", "A (Vision)", "A | Vision") or
    with a manager's role ("A, verksamhetschef": the employer side), by name."""
    sides: dict[str, str] = {}
    joined: list[str] = []
    for line in lines:
        # "• Birgitta Hellström (S), ordförande": a list's bullet is no part of the name.
        marker, bare = _strip_marker(line)
        line = bare if marker == "bullet" else line
        # "…, Petra" + "Ljung (Sveriges Lärare),": the page width cut a name after its first
        # word, as it cuts after a connective or a comma.
        listing = (
            joined
            and ATTENDANCE.match(joined[-1])
            and (_cut_after(joined[-1]) or _name_cut(joined[-1]))
        )
        if joined and (joined[-1].count("(") > joined[-1].count(")") or listing):
            joined[-1] = f"{joined[-1]} {line}"  # "Jan Fält (Sveriges" + "Lärare)"
        else:
            joined.append(line)
    above = ""  # a name alone on its line: a table's cells read one per line
    for line in joined:
        if not above and not any(name in line for name in wanted):
            continue  # only the lines that name someone whose party is looked for
        side = re.match(r"^(?P<party>[^:]{2,40}):\s*(?P<rest>.+)$", line)
        # "För Seko: Kjell Aronsson": the union the label names.
        label = re.sub(r"^(?:för|från)\s+", "", side["party"].strip(), flags=re.I) if side else ""
        # "Arbetsgivarrepresentanter:", "Närvarande för arbetsgivaren:": the employer's side.
        party = "arbetsgivaren" if re.search(r"arbetsgivar", label, re.I) else label
        generic = label.casefold() in ("fackliga", "facket")
        listed = side["rest"] if side else ""
        # A label column beside the values: "Fackliga   Vårdförbundet: Eva Lind" (the column's
        # word before the party), "parter:   Kommunal: Per Ek" (its last word, with a colon).
        words = party.split()
        while len(words) > 1 and words[0].casefold().rstrip(":-") in _SIDE_LABEL_WORDS:
            words = words[1:]
        party = " ".join(words)
        inner = re.match(r"^(?P<party>[^:]{2,40}):\s*(?P<rest>.+)$", listed)
        if side and not is_party(party) and inner and is_party(inner["party"].strip()):
            party, listed, generic = inner["party"].strip(), inner["rest"], False
        if side and is_party(party) and not generic:
            # "Vårdförbundet: Annika Strömberg", "Arbetsgivaren: A, grundskolechef; B".
            for piece in re.split(r"[,;]|\s+och\s+", listed):
                person = re.sub(r"\s*\(.*$", "", piece).strip()
                if is_person_name(person) and person == piece.strip():
                    sides.setdefault(person, party)
        if above and (_party_in(line) or is_employer_role(line)):
            sides.setdefault(above, _party_in(line) or "arbetsgivaren")
        elif above and is_presenter(line) and not is_person_name(line):
            continue  # "huvudskyddsombud" between a name and its party: the row goes on
        above = line if is_person_name(line) else ""
        label = ATTENDANCE.match(line)
        rest = line[label.end() :] if label and label.group(0).rstrip().endswith(":") else line
        if label and rest == line:
            rest = _after_bare_label(line)  # "Beslutande Ylva Dahlin (S), ordförande"
        role_column = None if label or side else _ROLE_COLUMN.match(line)
        if role_column:
            # "Ordförande   Eva Lind, avdelningschef (arbetsgivaren)": a header's label column
            # without its colon; the role is no part of the name beside it.
            rest = line[role_column.end() :]
        if side and rest == line:
            rest = side["rest"]  # "Skyddsombud: A, huvudskyddsombud (Seko)": any label of a list
        rest = _ATTENDANCE_SENTENCE.sub("", rest)  # "Närvarande var A (enhetschef), B (…)"
        # "| Tomas Ring, enhetschef | Sanna Ros, Vision |": a cell may hold a name and its party.
        # "| Ledamöter | A (C), ordförande; B (S); C (SD) |": a cell may hold a list.
        cells = (
            [p.strip() for c in rest.split("|") for p in re.split(r"[,;]", c)]
            if "|" in rest
            else None
        )
        pieces = cells or _split_outside_parentheses(rest.strip().rstrip("."))
        name = ""
        for index, piece in enumerate(pieces):
            following = pieces[index + 1].strip() if index + 1 < len(pieces) else ""
            if (
                name
                and piece[:1].islower()
                and not is_employer_role(piece)
                and _party_in(following)
                and not is_person_name(following)
            ):
                # "Karin Sundelin, lärare SFI, Sveriges Lärare", "Omar Haddad, studie- och
                # yrkesvägledare, Vision": the person's role (its unit's letters no union)
                # between the name and the party that follows it.
                continue
            paren = re.match(r"^(?P<name>.*?)\s*\((?P<party>[^)]*)\)$", piece)
            # "(Vision)", "(huvudskyddsombud, Sveriges Lärare)", "(enhetschef)".
            inside = paren["party"].split(",") if paren else []
            found = next((_party_in(p.strip()) for p in inside if _party_in(p.strip())), "")
            if not found and inside and is_employer_role(inside[0].strip()):
                found = "arbetsgivaren"
            if not found and inside and is_political_party(inside[0]):
                found = inside[0].strip()  # "Eva Lind (S), ordförande": a council's member
            if paren and is_person_name(paren["name"]) and found:
                sides.setdefault(paren["name"].strip(), found)
                name = ""
            elif paren and name and found:
                sides.setdefault(name, found)  # "Sara Nyqvist, huvudskyddsombud (Seko)"
                name = ""
            elif is_person_name(piece):
                name = piece
            elif name and _party_in(piece):
                sides.setdefault(name, _party_in(piece))
                name = ""
            elif name and is_political_party(piece):
                sides.setdefault(name, piece.strip())  # "| Stig Ek | S | ordförande |"
                name = ""
            elif name and is_employer_role(piece):
                sides.setdefault(name, "arbetsgivaren")
                name = ""
            elif name and not cells and _LOWER_ROLE.fullmatch(piece.strip()):
                # "Sara Lindgren, miljöinspektör och skyddsombud (Vision)": a role in lower
                # case between the name and the parenthesis that gives the party.
                continue
            else:
                name = "" if not cells else name
                # A table row read without its columns: "Eva Mård huvudskyddsombud Vårdförbundet".
                words = piece.split()
                for size in (2, 3):
                    head, tail = " ".join(words[:size]), " ".join(words[size:])
                    if tail and is_person_name(head):
                        if _party_in(tail):
                            sides.setdefault(head, _party_in(tail))
                        elif is_political_party(words[size]):
                            sides.setdefault(head, words[size])  # "Eva Lind  S  ordförande"
                        elif is_employer_role(tail):
                            sides.setdefault(head, "arbetsgivaren")  # "Göran Falk enhetschef"
                        else:
                            name = head  # "Nora Fahl skyddsombud", its party next
                        break
    return sides


# A role written in lower case ("miljöinspektör", "handläggare bygglov"): no name, no party.
_LOWER_ROLE = re.compile(r"[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*){0,2}")


def _states_samverkan(text: str) -> bool:
    """Whether a sentence of the text says the item was samverkat ("Förslaget samverkades.
    Parterna är eniga."): the agreement that follows is the group's outcome, not a remark."""
    return any(decision_of(s) == "samverkat" for s in re.split(r"(?<=[.!?])\s+", text))


def _people_listed(line: str) -> bool:
    """Whether a labelled line lists two people or more ("Närvarande: A, rektor; B, Kommunal")."""
    label, _, rest = line.partition(":")
    pieces = [re.sub(r"\s*\(.*?\)", "", p).strip() for p in re.split(r"[,;]", rest)]
    return bool(label) and sum(1 for piece in pieces if is_person_name(piece)) >= 2


_ATTENDANCE_SENTENCE = re.compile(
    r"^(?:närvarande|deltagare|deltog|närvaro)\s+(?:var|är|vid\s+mötet\s+var)\s+", re.IGNORECASE
)


def _listed_chair(lines: list[str]) -> list[tuple[str, str]]:
    """The person the attendance list names as ordförande ("Stina Holm, avdelningschef,
    ordförande", or a table's cells one a line: the name on the line above)."""
    for index, line in enumerate(lines):
        # "Lars Holm (ordf)", "Eva Ek, ordf.": the abbreviation a förening's list uses.
        chair = r"\b(?:ordförande|ordf)\b"
        if not re.search(chair, line, re.IGNORECASE) or _prose(line):
            continue
        before = re.split(chair, line, maxsplit=1, flags=re.IGNORECASE)[0]
        # "Ledamöter<tab>Birgitta Sund (C), ordförande": a text export's cells apart by a tab.
        pieces = [p.strip() for p in re.split(r"[,;:(|\t]", before) if p.strip()]
        for piece in reversed(pieces):
            words = piece.split()
            if len(words) > 2 and ATTENDANCE.match(words[0]):
                words = words[1:]  # "Beslutande  Maria Holm (M), ordförande": the label apart
            for size in (3, 2):
                # "Ledamöter Birgitta Sund": a label before the name where cells ran together.
                for name in (" ".join(words[:size]), " ".join(words[-size:])):
                    if len(words) >= size and is_person_name(name):
                        return [(name, "")]
        if index and is_person_name(lines[index - 1]) and not before.strip(" ,(").istitle():
            return [(lines[index - 1].strip(), "")]
    return []


def _role_then_party(party: str) -> str:
    """ "skyddsombud, Vision" (a justerare's parenthesis): the party after the role; else as
    written."""
    role, _, last = party.rpartition(", ")
    if role and " " not in role.strip() and not is_party(role) and is_party(last.strip()):
        return last.strip()
    return party


def _party_in(piece: str) -> str:
    """ "Vision", "för Kommunal", "huvudskyddsombud Vårdförbundet": the party a piece names."""
    words = piece.removeprefix("för ").split()
    if len(words) > 1 and is_employer_role(words[0]):
        return "arbetsgivaren"  # "verksamhetschef BUF": the unit, not a union
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        if is_party(tail) and not is_party(words[0]):
            return tail  # a role before the party
    return " ".join(words) if words and is_party(" ".join(words)) else ""


def _more_people(found: list[tuple[str, str]], before: list[tuple[str, str]]) -> bool:
    """Whether `found` names more people, more of them with a party, or a party that goes on
    ("Sveriges" + "Lärare"), than `before`."""
    if len(found) > len(before) or sum(1 for _, p in found if p) > sum(1 for _, p in before if p):
        return True
    parties = dict(before)
    return any(
        len(party) > len(parties.get(name, party)) and party.startswith(parties[name])
        for name, party in found
    )


def _merge_people(people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: dict[str, str] = {}
    for name, party in people:
        merged[name] = merged.get(name) or party
    return list(merged.items())


# --- body --------------------------------------------------------------------------------------

_SIGN_FOR = re.compile(
    rf"^för\s+(?P<party>[^:]+?)\s*:\s*(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})$", re.I
)
# A list of who attended after the signatures ("Närvarolista", "Närvarande:"), not a caption
# such as "För arbetsgivaren" that a signature block has.
_ATTENDANCE_AFTER = re.compile(
    r"^(?:närvarolista(?:n)?|närvaro|närvarande|deltagarlista(?:n)?|deltagare|frånvarande)\b"
    r"[^|]{0,40}$",
    re.IGNORECASE,
)
_ROLES = frozenset({"ordförande", "ordf", "sekreterare", "justerare", "kassör", "ledamot"})
_TRAILING_SEPARATOR = re.compile(r"\s*[-–—]+$")
_DASH_AT_END = re.compile(r"\s[–—-]$")
_DASH_FIRST = re.compile(r"^[–—-]\s+\S")
_DASH_BEFORE_LAST = re.compile(r"\s[–—-]\s+\S+$")
# Verbs that make a line a sentence, not a title ("Alla ska ha genomfört … Ansvarig: X").
_VERBS = frozenset({"är", "var", "har", "hade", "ska", "skall", "kan", "blir", "blev", "gäller"})
_TITLED_PRESENTER = re.compile(
    r"^(?P<title>[^.:]{3,100}?)[.,;]?\s+(?:föredragande|ansvarig)\s*:\s*(?P<who>[^.:]{3,60})$",
    re.IGNORECASE,
)
_DECISION_WORD = re.compile(r"^beslut\s*:?$", re.IGNORECASE)
_DECISION_LINE = re.compile(
    rf"^(?P<label>beslut|{OUTCOME_LABELS})\s*:\s*(?P<text>\S.*)$", re.IGNORECASE
)


def _strip_marker(line: str) -> tuple[str, str]:
    """("para", "Budget") for "§ 3 Budget"; ("bullet", …) for "• …" and "- …"; ("num", …)."""
    for kind, pattern in (
        ("para", PARAGRAPH_NUMBER),
        ("bullet", BULLET),
        ("num", LIST_NUMBER),
        ("letter", LETTERED),
    ):
        match = pattern.match(line)
        if match:
            bare = match.group(1).strip()
            return kind, TITLE_LABEL.sub("", bare) if kind in ("para", "num") else bare
    return "", line


def _split_presenter(title: str) -> tuple[str, str]:
    """ "Vakanshållning BUF, VC BUF" → ("Vakanshållning BUF", "VC BUF"); also "(…)" and " – …"."""
    title = _TRAILING_SEPARATOR.sub("", title.strip().rstrip(":").strip())
    paren = re.match(r"^(?P<title>.*\S)\s*\((?P<who>[^()]+)\)$", title)
    labelled = PRESENTER_LABEL.match(paren["who"].strip()) if paren else None
    if labelled:
        return paren["title"].strip(), labelled["who"].strip()  # "(Föredragande: Lisa Berg)"
    if paren and all(is_political_party(piece) for piece in paren["who"].split(",")):
        # "Val av ersättare … efter Ingrid Sjöberg (KD)", "Motion om … (M, L)": a council
        # party's letters say whose party the title names, never who presents the item.
        return title, ""
    if paren and PRESENTER_WORD.match(paren["who"].strip()):
        # "(föredragande Maja Sundberg)", "(redovisas av ekonomichef)": announced, no colon.
        return paren["title"].strip(), _unannounced(paren["who"])
    # "(Anna Ek, ekonomichef)", "(Bo Lund, Cia Falk)": each piece in the parenthesis presents.
    if paren and all(is_presenter(piece.strip()) for piece in paren["who"].split(",")):
        return paren["title"].strip(), paren["who"].strip()
    comma = title.rsplit(", ", 1)
    if (
        len(comma) == 2
        and is_presenter(_unannounced(comma[1]))
        and not _parties_listed(comma[0], comma[1])
    ):
        return comma[0].strip(), _unannounced(comma[1])
    # "… – HR-chef": the presenter after a spaced dash may hold a hyphen of its own.
    dash = re.match(r"^(?P<title>.*\S)\s+[–—-]\s+(?P<who>[^–—\s-](?:(?!\s[–—-]).)*)$", title)
    if dash and is_presenter(_unannounced(dash["who"])):
        return dash["title"].strip(), _unannounced(dash["who"])
    # "Budget /Anna Ek", "Budget. Föredragande: Anna Ek": the presenter after a slash or label.
    slash = re.match(r"^(?P<title>.*\S)\s*/\s*(?P<who>[^/]+)$", title)
    if slash and " " in slash["who"].strip() and is_presenter(slash["who"].strip()):
        return slash["title"].strip(), slash["who"].strip()
    labelled = _TITLED_PRESENTER.match(title)
    if labelled:
        return labelled["title"].strip(), labelled["who"].strip()
    return title, ""


def _parties_listed(before: str, after: str) -> bool:
    """ "… förhandlingar med Kommunal" + "Vision och Sveriges Ingenjörer": the comma lists the
    parties the title names ("A, B och C"), the last two after it; no presenter follows."""
    pieces = re.split(r"\s+(?:och|samt)\s+", after.strip())
    words = before.split()
    return (
        len(pieces) >= 2
        and all(is_party(piece) for piece in pieces)
        and any(is_party(" ".join(words[-n:])) for n in (1, 2, 3) if len(words) > n)
    )


def _unannounced(who: str) -> str:
    """ "föredragande VD Karin Alm" after a title's dash or comma: the presenter, without the
    word that announces one."""
    return PRESENTER_WORD.sub("", who.strip())


@dataclass
class _Building:
    section: str
    title: str
    presenter: str = ""
    lines: list[str] = field(default_factory=list)
    subheadings: bool = False
    decided: list[str] = field(default_factory=list)  # "Beslut: …" and what a label heads
    inferred: bool = False  # no section heading above it: its section is read from the item
    number: tuple[int, ...] | None = None  # "§ 26", "3.2": the item's own number, if any
    written: str = ""  # the title line as written, presenter and all
    presented: bool = False  # "Föredragande: …" stood under the title, which ended above it
    # The widest line of the title as written: a title the page width broke is as wide as the
    # page on its first lines, however short the line before its last piece is.
    widest: int = 0
    letter: str = ""  # "b": a lettered sub-item read as an item of its own ("b) Motion om …")
    parent: str = ""  # the title its lettered sub-items replaced ("10. Övriga frågor")

    def build(self, layout: _Layout, kind: str, *, owners_apart: bool = False) -> ImportedItem:
        written = _reflow(self.lines, layout)
        # A central negotiation's account of the local one before it is no outcome of its own.
        text = outcome_text(written, kind)
        # "Nämnden beslutar att anta … Bo Sten (SD) reserverar sig mot beslutet." in one
        # paragraph: the decision is its sentence, and a reservation against it no disagreement.
        # A board's sentence in a samverkan group's minutes reports another body's decision
        # ("Regionfullmäktige fastställer ramarna i juni" at an MBL §19 meeting).
        stated = outcome_text(" ".join(self.decided), kind) or " ".join(
            sentence
            for line in text.split("\n")
            for sentence in _SENTENCES.split(line)
            if BOARD_DECISION.search(sentence) and not is_samverkan_kind(kind)
        )
        if is_closing_item(self.title) and not stated:
            # "Förhandlingen förklaras avslutad. Förhandlingen i punkt 3 avslutas i oenighet,
            # punkt 4 och 5 i enighet.": the closing item sums up how the items it names ended;
            # those outcomes are theirs, not its own.
            text = "\n".join(
                " ".join(s for s in _SENTENCES.split(line) if not names_other_items(s))
                for line in text.split("\n")
            )
        outcome = decision_of(stated) or ("beslutat" if stated else decision_of(text))
        if (
            outcome == "bordlagt"
            and not self.decided
            and (is_other_questions(self.title) or (self.section == "Övrigt" and not self.inferred))
        ):
            # "Övriga frågor: … återkommer vid nästa möte" puts off an answer only, as does
            # "Friskvårdsbidrag 2026" / "Vision frågar … HR återkommer till nästa möte" under
            # an "Övriga frågor" heading: a question raised at the end, not an item put off.
            outcome = ""
        if outcome == "inget beslut" and is_standing(self.title) and not stated:
            # "Mötet är ett informationsmöte och inga beslut fattas" under "Mötets öppnande"
            # speaks of the whole meeting, not of an item.
            outcome = ""
        if outcome == "beslutat" and NOTED.match(stated.strip()):
            stated, outcome = "", ""  # took note (filed it): no decision, a board's neither
        if outcome == "beslutat" and THANKED.match(stated.strip()):
            stated, outcome = "", ""
        if outcome == "beslutat" and not self.decided and is_agenda_approval(self.title):
            # "Nämnden godkänner dagordningen", "Nämnden beslutar att godkänna ärendelistan":
            # the body's own sentence on its agenda is an opening formality, as every key with
            # one has it; under a "Beslut" label most keys record it as decided, so that stays.
            stated, outcome = "", ""
        section = self.section
        sentences = _SENTENCES.split(" ".join(text.split()))
        # "Förhandlingen avslutades i enighet den 18 februari. Informationen noteras." under a
        # board: the outcome of a negotiation elsewhere, reported and taken note of; the board
        # decided nothing (in a negotiation's own protocol the outcome is the item's).
        reported = (
            not stated
            and outcome in ("enighet", "oenighet")
            and is_deciding_kind(kind)
            and not kind.startswith("MBL")
            and bool(NOTED.match(sentences[-1].strip()))
        )
        if reported:
            outcome = ""
        if self.inferred and reported:
            section = "Information"
        elif self.inferred:
            # Minutes without section headings: what the item is says where it belongs.
            # "10. Övriga frågor" over "a) Parkeringen (Emma Grip)": a sub-item under the
            # closing parent it stands for is a closing item too.
            if any(
                is_closing_item(t) or section_of(t) == "Övrigt"
                for t in (self.title, self.parent)
                if t
            ):
                section = "Övrigt"
            elif is_standing(self.title) or section_of(self.title) == OPENING:
                section = OPENING  # "§ 1 Inledning" too: an item named after the opening
            elif (
                (stated and (outcome != "bordlagt" or is_deciding_kind(kind)))
                or outcome in _SAMVERKAN_OUTCOMES
                or (
                    outcome == "enighet"
                    and (
                        ENDORSEMENT.search(text)
                        or DECISION_TAKEN.search(text)
                        or _states_samverkan(text)
                    )
                )
                or (outcome and is_deciding_kind(kind) and outcome != "inget beslut")
                # "Arbetsutskottet fattade inget beslut i ärendet": before it for decision.
                or (outcome == "inget beslut" and BODY_LEFT_UNDECIDED.search(" ".join(sentences)))
                # "Förslaget till arbetsmiljöplan presenterades. Något beslut fattades inte …":
                # a proposal was before the meeting, for decision, and none was taken.
                or (outcome == "inget beslut" and bool(_PROPOSAL_BEFORE.search(text)))
            ):
                section = "Beslut"
            elif is_discussion_title(self.title) or (
                outcome in ("", "inget beslut")
                and not stated
                and tells_discussion(self.title, _SENTENCES.split(text.strip())[0], text)
            ):
                # "Diskussion: hur …?", "Gruppen diskuterade … Inget beslut.": a dialog item,
                # though no heading says Dialog (the twentyfifth and twentysixth writers').
                section = "Dialog"
            else:
                section = "Information"
        if outcome == "inget beslut" and section != "Beslut" and not stated:
            # "Gruppen samtalade om … Inga beslut fattades." under information or dialogue: no
            # decision was to be taken, so none is recorded; an item for decision keeps it.
            outcome = ""
        if (
            section == "Information"
            and outcome == "enighet"
            and not (stated or ENDORSEMENT.search(text) or _states_samverkan(text))
        ):
            # "Parterna är överens" about information is agreement, not a decision.
            outcome = ""
        presenter = self.presenter
        at_end = None if presenter else PRESENTER_AT_END.search(written)
        if at_end and owners_apart and ACTION_OWNER.match(at_end.group().lstrip(".!? \n")):
            at_end = None  # an action's owner where the minutes name presenters apart
        if at_end and is_presenter(at_end["who"].strip()):
            presenter = at_end["who"].strip()
        return ImportedItem(
            section=section,
            title=self.title,
            presenter=presenter,
            text=written,
            decision=outcome,
        )


# "Ärendet är samverkat", "oenighet": what a samverkan group decides, in any kind of group.
_SAMVERKAN_OUTCOMES = frozenset({"samverkat", "oenighet"})


def _reflow(lines: list[str], layout: _Layout) -> str:
    """Join the lines the page width cut; keep the breaks the writer made."""
    paragraphs: list[str] = []
    last = ""
    for line in lines:
        marker = _strip_marker(line)[0]
        goes_on = _starts_lower(line) or layout.wrapped(last)
        joins = bool(paragraphs) and not marker and (goes_on or _first_name_cut(paragraphs[-1]))
        if joins:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        last = line
    return "\n".join(paragraphs)


# "… valdes Pia Ekholm och Sune" + "Björklund.": a narrow page cut a name after its first word.
_FIRST_NAME_AT_END = re.compile(rf"(?:,|\boch)\s+(?P<word>{NAME_TOKEN})$")


def _first_name_cut(text: str) -> bool:
    cut = _FIRST_NAME_AT_END.search(text)
    return bool(cut) and not (is_party(cut["word"]) or is_presenter(cut["word"]))


_TITLE, _SUB, _BODY = "title", "sub", "body"
# A justering sentence broken by the page width spans at most this many lines.
_STATEMENT_LINES = 4
_RUN_SCAN = 40  # how far below a numbered title the next one is looked for
# Short lines that answer rather than head: "Inga synpunkter", "Ingen förändring".
_NOT_HEADINGS = frozenset({"inga", "ingen", "inget", "ej", "inte", "ok", "klart", "godkänd", "se"})


class _Body:
    """Walks the lines after the header: sections, item titles, their text, justering lines."""

    def __init__(
        self,
        layout: _Layout,
        headings: frozenset[str] = frozenset(),
        joined: frozenset[str] = frozenset(),
    ) -> None:
        self.layout = layout
        self.headings = headings
        self.joined = joined  # titles the page width broke, read as one line
        self.items: list[_Building] = []
        self.owners_apart = False
        self.numbers_items = False
        self.unplaced: list[str] = []
        self.justerare: list[tuple[str, str]] = []
        self.signed: list[tuple[str, str]] = []  # names under "Justeras": used when none else
        self.chairs: list[tuple[str, str]] = []  # who signs there as ordförande
        # Whether the signature block puts "För Vision" above the names (or below them), as
        # its first caption or name shows; the sides read above, waiting for their names.
        self.captions_above: bool | None = None
        self.sides_above: list[str] = []
        # "Ordförande | Sekreterare" above "Henrik Palm | Lisa Moberg": the roles a row of
        # captions gives the names on the rows below it, one each. Whether such captions stand
        # above their names or below says the first of them: below, when names came before it.
        self.roles_above: list[str] = []
        self.roles_placed = ""
        self.names_signed = False
        self.section: str | None = None
        self.sections_seen = False
        # How the lines that named a section stand: (numbered, levels, in capitals).
        self.section_shapes: set[tuple[bool, int, bool]] = set()
        self.item: _Building | None = None
        self.expect_body = False
        self.in_list = False
        self.pending_number = False  # "§ 4" alone: the title is on the next line
        self.title_cut = False  # that title stopped on a connective: it goes on below
        self.last_number: tuple[int, ...] | None = None  # the last item's "7." or "§ 21"
        self.deciding = False  # after a "Beslut" label inside an item
        self.table = False  # inside a table of the item (after its head row)
        self.aside: _Building | None = None  # "Reservation § 26" after item 29: § 26's text
        self.previous = ""
        self.previous_kind = ""
        self.inline_items = False  # items written "Rubrik: text" on one line
        self.ahead: list[str] = []  # the few lines after the one being read
        self.lines: list[str] = []  # all of them, and where the one being read stands
        self.index = 0

    def read(self, lines: list[str], front: tuple[str, ...] | list[str] = ()) -> None:
        # Minutes that name presenters with "Föredragande:" mean by "Ansvarig:" who answers
        # for an action, not who presented the item.
        self.owners_apart = any(PRESENTER_NAMED.match(line) for line in lines)
        # Minutes that number their items ("§ 4", "2.") more than once.
        self.numbers_items = (
            sum(1 for line in lines if _strip_marker(line)[0] in ("para", "num")) >= 2
        )
        # Notes that write their standing items "Mötets öppnande: …", "Val av justerare: …"
        # write the others so too ("Bemanning i höst: Två nya …").
        inline = [_INLINE_TITLE.match(line) for line in lines]
        self.inline_items = sum(1 for m in inline if m and is_standing(m["title"])) >= 2
        closing = ""  # "", "end" (after "Mötet avslutas."), "secretary", "sign"
        # "Justerandes signatur | Utdragsbestyrkande" under every item: boxes at each item's
        # foot, not the minutes' end (that block stands once). Counted on the front page too:
        # there they are the page header's, which stands again at the top of a later page.
        boxes = Counter(
            _normalise_line(ln) for ln in [*front, *lines] if SIGNATURE_BOXES.match(ln.strip())
        )
        collecting_justerare = False
        attendance = False
        agenda = False
        agenda_titles: set[str] = set()
        skip = 0
        for index, line in enumerate(lines):
            if skip:
                skip -= 1
                continue
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if collecting_justerare:
                people = _names_only(line)
                if people:
                    self.justerare.extend(people)
                    continue
                collecting_justerare = False
            in_own_item = self.item is not None and _JUSTERARE_ITEM.match(self.item.title)
            if _HEADS_JUSTERARE.search(line) and _names_only(following) and not in_own_item:
                # "Att justera protokollet utses:" above a list of the people.
                self.unplaced.append(line)
                collecting_justerare = True
                continue
            label = _JUSTERARE_LABEL.match(line)
            if re.match(r"^(?:justeras|justerandes)\b", line, re.IGNORECASE):
                label = None  # the signature block at the end
            if label and index and _starts_lower(line) and not _ends_sentence(lines[index - 1]):
                label = None  # "Protokollet" + "justeras av A och B": a sentence the width broke
            if label and not label["names"].strip() and _names_only(following):
                # "Justerare:", "Justerat av" with the people on the lines below it (a list,
                # not a sentence the page width broke).
                collecting_justerare = True
                continue
            wrapped = self._wrapped_statement(lines, index)
            if wrapped:
                # A justering sentence the page width broke over lines: read it whole.
                people, skip = wrapped
                self.justerare.extend(people)
                self.unplaced.extend(lines[index : index + skip + 1])
                continue
            if label and not (self.item is not None and _JUSTERARE_ITEM.match(self.item.title)):
                people = _names_from_list(label["names"])
                if people:
                    self.justerare.extend(people)
                    continue
            if closing and (
                self._next_item(line)
                or self._numbered_run(lines, index)
                or self._opens_first_item(line)
                or self._title_after_boxes(lines, index, boxes)
            ):
                # "Justerandes sign" under each § (the box for the justerare's initials), then
                # "§ 113 …": the minutes go on; what looked like their end was the item's foot.
                # So too a run of numbered items ("§ 1", "§ 2" …) below what looked like the
                # end before any numbered item: a header line read as an item ("Sekreterare:"
                # under it then closing the minutes) loses no more than itself.
                closing = ""
            # "Anteckningarna förs av A och" + "justeras av B och C.": the page width broke a
            # sentence before the closing's word; the line goes on above, it closes nothing.
            goes_on = index > 0 and _starts_lower(line) and not _ends_sentence(lines[index - 1])
            if closing or (
                not goes_on
                and (
                    (CLOSING.match(line) and not _role_sentence(line))
                    or self._closing_sentence(line, following)
                )
                and not self._choice_heading(line, _sentence_from(lines, index + 1))
                and not self._role_chosen(line)
            ):
                closing = self._closing(line, following, closing)
                continue
            if agenda:
                listed = _strip_marker(line)
                repeated = _normalise_line(listed[1]) in agenda_titles
                listing = _strip_marker(following)[0] in ("num", "bullet", "para")
                # The list's last line, the body repeating its first title below it unnumbered
                # ("6. Övriga frågor" above "Välkommen och val av justerare").
                last = bool(agenda_titles) and _normalise_line(following) in agenda_titles
                if (
                    listed[0] in ("num", "bullet", "para")
                    and len(line) < 90
                    and not repeated
                    and (listing or last or section_of(following))
                ):
                    agenda_titles.add(_normalise_line(listed[1]))
                    self.unplaced.append(line)
                    continue
                agenda = False
            if ATTENDANCE.match(line) and (self.item is None or _people_listed(line)):
                attendance = True  # also after the items: "Närvarande: A, rektor; B, Kommunal"
            if attendance:
                listed = ATTENDANCE.match(line) or _attendance_line(line)
                if listed or (index and _list_goes_on(lines[index - 1])):
                    self.unplaced.append(line)
                    continue
                attendance = False
            if is_agenda_marker(line) and not _agenda_item(following):
                agenda = True
            self.ahead = lines[index + 1 : index + 4]
            self.lines, self.index = lines, index
            self._line(line, following)

    def _wrapped_statement(
        self, lines: list[str], index: int
    ) -> tuple[list[tuple[str, str]], int] | None:
        """People of "X justerar protokollet för Y, Z för" + "W." when only the lines joined
        make the sentence, and how many lines after this one it took; else None."""
        if self.item is not None and _JUSTERARE_ITEM.match(self.item.title):
            return None  # the item's text is read as a whole when it is built
        joined = lines[index]
        if "justera" not in joined.casefold():
            return None
        alone = _justering_statements(joined) or []
        best: tuple[list[tuple[str, str]], int] | None = None
        for extra in range(1, _STATEMENT_LINES):
            if index + extra >= len(lines):
                break
            following = lines[index + extra]
            goes_on = self.layout.wrapped(joined) or _starts_lower(following)
            if not goes_on or _strip_marker(following)[0] or section_of(following):
                break
            joined = f"{joined} {following}"
            people = _justering_statements(joined)
            if people and _more_people(people, best[0] if best else alone):
                best = people, extra
            if best and _ends_sentence(joined):
                # The sentence ended: its last line ("arbetsgivaren.") is the statement's too.
                return best[0], extra
        return best

    def _role_chosen(self, line: str) -> bool:
        """ "Sekreterare: Emma Strand" under "Val av sekreterare och justerare": the item's own
        choice of that role, its text, not the caption of a signature where the minutes end
        (the signatures stand after the items, not inside the one that chooses them)."""
        role = _ROLE_LABEL.match(line.strip())
        if role is None or self.item is None:
            return False
        # Its lines so far the other roles' ("Ordförande: Maria Holm" above it), no prose.
        if not all(_ROLE_LABEL.match(ln.strip()) for ln in self.item.lines):
            return False
        title = self.item.title.casefold()
        return title.startswith("val av") and role["role"].casefold() in title

    def _next_item(self, line: str) -> bool:
        """Whether a line is the title of the item after the last one ("§ 113 Godkännande av
        föredragningslista" after § 112): numbering that goes on, whatever stood before it."""
        marker, bare = _strip_marker(line)
        # "Paragraf 89" or "§ 89" alone, its title on the next line, goes on as a titled one does.
        alone = marker == "para" and not bare
        number = _item_number(line)
        # No item yet: what looked like the minutes' end ("Justering" above its sentence, on
        # the front page) came before the first "§ 34" or "1.", where the items begin.
        first = not self.items and (marker == "para" or number == (1,))
        return (
            marker in ("para", "num")
            and (first or _follows(number, self.last_number))
            and (bare[:1].isupper() or alone)
            and not _ends_sentence(bare)
            and len(bare) <= _LONGEST_TITLE
        )

    def _title_after_boxes(self, lines: list[str], index: int, boxes: Counter[str]) -> bool:
        """ "Ärendelista" right under the boxes for the justerare's initials (on one line or a
        cell a line), when those boxes stand under more than one item: the next item's title,
        unnumbered as the others are (a numbered one goes on by its number). A name there is
        the signature block's."""
        start = index
        while start and SIGNATURE_BOXES.match(lines[start - 1].strip()):
            start -= 1
        if start == index or all(boxes[_normalise_line(x)] < 2 for x in lines[start:index]):
            return False
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        marker, bare = _strip_marker(line)
        # "Föredragande: …" below vouches for a long title, as it does anywhere in the minutes,
        # the page width's break in it or not.
        vouched = False
        title = bare
        for below in lines[index + 1 : index + _TITLE_LINES_TO_LABEL + 1]:
            if PRESENTER_LABEL.match(below):
                vouched = _long_title(title) and not _ends_sentence(title)
                break
            title = f"{title} {below}"
        return (
            not marker
            and (_titleish(bare, strong=True) or vouched)
            and not (SIGNATURE_BOXES.match(line.strip()) or CLOSING.match(line))
            and not CLOSING_SENTENCE.match(line)
            and not (is_person_name(bare) or _names_only(line) or _names_only(following))
        )

    def _numbered_run(self, lines: list[str], index: int) -> bool:
        """ "§ 1 Mötets öppnande" with "§ 2 …" further down, when no numbered item came yet:
        numbered titles in sequence, which no signature block or appendix after the minutes'
        end holds."""
        if self.last_number is not None:
            return False
        line = lines[index]
        marker, bare = _strip_marker(line)
        number = _item_number(line)
        if marker not in ("para", "num") or number is None or not _titleish(bare, strong=True):
            return False
        for later in lines[index + 1 : index + 1 + _RUN_SCAN]:
            if _strip_marker(later)[0] == marker and _follows(_item_number(later), number):
                return _titleish(_strip_marker(later)[1], strong=True)
        return False

    def _opens_first_item(self, line: str) -> bool:
        """No item yet: a section heading ("INFORMATIONSPUNKTER", "Inledning") or a standing
        item's title ("Mötets öppnande") after a justering block on the front page begins the
        items, numbered or not; the minutes do not end before their first item."""
        if self.items or self.item is not None or len(line) > _LONGEST_TITLE:
            return False
        bare = _strip_marker(line)[1].strip()
        if bare.endswith(":") and not bare[:-1].endswith(":"):
            bare = bare[:-1].rstrip()  # "Informationsärenden:", a heading with a colon
        return not _ends_sentence(bare) and bool(section_of(bare) or is_standing(bare))

    def _closing_sentence(self, line: str, following: str = "") -> bool:
        return bool(CLOSING_SENTENCE.match(line)) and not (
            (self.item is not None and is_closing_item(self.item.title) and not self.item.lines)
            or self._closing_title(line, following)
        )

    def _choice_heading(self, line: str, following: str) -> bool:
        """ "Justering" over "A valdes att justera anteckningarna." among unnumbered items:
        the item that chooses the justerare, not the head of the signatures (a choice is made
        as the meeting opens; the signatures' head stands above names or a date)."""
        if self.last_number is not None or not _JUSTERARE_ITEM.match(line.strip()):
            return False
        if (
            self.items
            and _CHOOSING.search(following)
            and (_JUSTERA_VERB.search(following) or "justerare" in following.casefold())
        ):
            return True
        # Unnumbered minutes that begin with it, or with their opening items only ("Öppnande"
        # above "Justering" over "Maja Öst justerar tillsammans med ordföranden."): the choice
        # made as the meeting opens, someone chosen or justering, not the signatures' head (the
        # items are still to come; a front page's block stands above minutes that number them).
        return (
            not self.numbers_items
            and all(is_standing(b.title) or b.section == OPENING for b in self.items)
            and bool(_CHOOSING.search(following) or _JUSTERAR.search(following))
            and bool(_JUSTERA_VERB.search(following))
            and _ends_sentence(following)
        )

    def _closing_title(self, line: str, following: str) -> bool:
        """ "Mötet avslutas" without its full stop under a section heading ("Avslutning"),
        bold or above a sentence of its own ("Ordföranden tackade …"): the last item's title,
        not the minutes' end."""
        if line.rstrip().endswith("."):
            return False
        if _normalise_line(line) in self.headings:
            return True  # the file marks it a heading, as it does the other items' titles
        # Minutes without sections whose titles stand unnumbered and unpunctuated above their
        # text write their last one so too ("Mötet avslutas" over "Ordföranden tackade …").
        if not (self.sections_seen or (self.items and not self.numbers_items)):
            return False
        return (
            _ends_sentence(following)
            and not CLOSING.match(following)
            and not CLOSING_SENTENCE.match(following)
            and not _justering_statements(following)
        )

    def _closing(self, line: str, following: str, mode: str) -> str:
        """The end of the minutes: justering sentences, signatures, the secretary's name."""
        self.unplaced.append(line)
        label = _JUSTERARE_LABEL.match(line)
        if label and label["names"].strip():
            self.justerare.extend(_names_from_list(label["names"]))
            return "sign"
        if SECRETARY.match(line):
            # "Antecknat av Oskar Lindahl. Justerat av Rebecka Sundin.": the justering beside
            # the note-taker's name on the line.
            people = _justering_statements(line) if _JUSTERING_WORD.search(line) else None
            self.justerare.extend(people or [])
            return "secretary"
        if SIGNATURES_HEAD.match(line):
            # "Justeras av A, enhetschef, och B, Kommunal.": a sentence naming them, not the
            # head of a signature block whose names stand below it.
            people = _justering_statements(line) if _JUSTERAS_AV.match(line) else None
            if people:
                self.justerare.extend(people)
            return "sign"
        if mode and _ATTENDANCE_AFTER.match(line):
            # "Närvarolista" under the signatures: the people below it were there, not signing.
            return "attendance"
        if mode == "attendance":
            return mode
        roles = _role_row(line)
        if mode == "sign" and roles:
            self.roles_placed = self.roles_placed or ("below" if self.names_signed else "above")
            if self.roles_placed == "above":
                self.roles_above.extend(roles)  # "Mötesordförande" / "Gustav Ek" / …
                return mode
        if CLOSING_SENTENCE.match(line) or re.match(r"^ordförande\b", line, re.IGNORECASE):
            return mode or "end"
        # "Utskottet utser A (M) att jämte ordföranden justera protokollet. Justering sker
        # digitalt …": the sentence naming them, among others about the justering.
        people = _justering_statements(line) or (
            _justering_in(line, whole=False) if _JUSTERA_VERB.search(line) else []
        )
        if people:
            self.justerare.extend(people)
            return mode
        signed = _SIGN_FOR.match(line)
        if signed:
            self.justerare.append((signed["name"], signed["party"].strip()))
            return "sign"
        if mode == "sign":
            self._sign(line, following)
        return mode

    def _sign(self, line: str, following: str) -> None:
        """A line of the signature block. "För arbetsgivaren" may stand above the name that
        signs for it or below: the block's first caption or name says which, for all of it."""
        sides = _caption_row(line)
        if sides and self.captions_above is None:
            self.captions_above = True
        if sides and self.captions_above:
            self.sides_above.extend(sides)
            return
        below = "" if self.captions_above else following
        # "Lars Bohm, ordförande   Eva Sand (S)": two signatures the line's spaces kept apart.
        line = _ROLE_THEN_NAME.sub(r"\g<first> | \g<second>", line)
        line = _two_signatures(line)
        if self.roles_above:
            people = _signature(line, "")
            if people and len(people) <= len(self.roles_above):
                # The chair signs as ordförande, the secretary as sekreterare: neither justerar.
                roles = self.roles_above[: len(people)]
                del self.roles_above[: len(people)]
                self.chairs.extend(p for p, r in zip(people, roles, strict=True) if r in _CHAIR)
                self.signed.extend(
                    p for p, r in zip(people, roles, strict=True) if r in _JUSTERING_CAPTIONS
                )
                return
        people = _signature(line, below)
        self.names_signed = self.names_signed or bool(people)
        if people and self.captions_above is None:
            self.captions_above = False
        if self.captions_above:
            people = [(name, party or self._side_above()) for name, party in people]
        self.signed.extend(people)
        self.chairs.extend(_chairs(line, below))

    def _side_above(self) -> str:
        return self.sides_above.pop(0) if self.sides_above else ""

    def _line(self, line: str, following: str) -> None:
        if self._aside(line):
            return
        if self.deciding and ":" in line and is_subheading(line.split(":", 1)[0]):
            self.deciding = False  # "Reservation: X reserverar sig …": the decision's text ended
        section = section_of(line) or self._section_between_items(line, following)
        if section and section_of(line):
            shape = _heading_shape(line)
            if shape is not None:
                self.section_shapes.add(shape)
        elif not section and self._unnamed_heading(line, following):
            # "2   EKONOMI" like the minutes' "1   INLEDNING": a heading, though it names no
            # section of ours; its items take their section from what each is.
            self._open_section(None)
            return
        if self.item is not None and DECISION_HEADING.match(line):
            # "Förhandlingens resultat" above "Parterna är överens.": the outcome's text.
            self._add(line)
            self.deciding = True
            self._remember(line, _BODY)
            return
        if self.item is not None and _DNR_ONLY.match(line):
            # "Dnr KS 2024/0214" under a § item's title: the item's diary number, its text.
            self._add(line)
            self._remember(line, _BODY)
            return
        if section and self._decision_label(line, following):
            self._add(line)
            self.deciding = True
            self._remember(line, _BODY)
            return
        if section and self._numbered_item(line, section, following):
            # "8. Övriga frågor" after item 7, "§ 22 Övriga frågor": an item of its own.
            self._open_item(line)
            return
        if (
            section
            and is_standing(line)
            and (
                (self.items and not self.sections_seen)
                or (self.section == section and self.item is None and self.previous_kind == _TITLE)
            )
        ):
            # "Övriga frågor" after items of minutes without sections, or right under the
            # heading "Övrigt": one more item.
            self._open_item(line)
            return
        if section:
            self._open_section(section)
            return
        if self.item is None and self.section and NO_DECISIONS.match(line):
            self.unplaced.append(line)
            return
        if is_agenda_marker(line) and not self.pending_number and _agenda_item(following):
            # "Dagordning" above "Dagordningen godkändes.": the item that approves the agenda.
            self._open_item(line)
            return
        if is_agenda_marker(line) and not self.pending_number:
            # "Dagordning" under "Ärende 2." alone is that item's title, not the agenda's head.
            self.item, self.expect_body, self.in_list = None, False, False
            self._remember(line, _TITLE)
            return
        inline = _INLINE_TITLE.match(line)
        if (
            inline
            and is_standing(inline["title"])
            and not (is_closing_item(inline["title"]) or "." in inline["title"])
            and not self._in_standing(inline["title"])
        ):
            # "Val av justerare: A (Vision) och B (Kommunal).": a standing item and its text.
            self._open_item(inline["title"])
            self._body(inline["rest"], following)
            return
        in_justerare_item = self.item is not None and _JUSTERARE_ITEM.match(self.item.title)
        people = None if in_justerare_item else _justering_statements(line)
        if people:
            self.justerare.extend(people)
            return
        presenter = PRESENTER_LABEL.match(line)
        if presenter and self.owners_apart and ACTION_OWNER.match(line):
            # Under the title it names the item's presenter still; after the text, an owner.
            presenter = None if self.item is not None and self.item.lines else presenter
        if (
            presenter
            and self.item is not None
            and self.item.presenter
            and not self.item.lines
            and self.item.written.endswith(f"({self.item.presenter})")
        ):
            # "Uppföljning av det systematiska arbetsmiljöarbetet (SAM)" above "Föredragande:
            # Anna Ek": the label names who presents, so the parenthesis was the title's own.
            self.item.title, self.item.presenter = self.item.written, ""
        if presenter and self.item is not None and not self.item.presenter:
            # Above the item's text or after it ("Ansvarig: Agnes Falk" at its end).
            who = presenter["who"].strip().rstrip(".")
            if not self.item.lines or len(who.split()) <= 4:
                self.item.presenter = who
                self.item.presented = True
                return
        decided = _DECISION_LINE.match(line)
        if decided and decided["label"].casefold() != "beslut" and not decision_of(decided["text"]):
            decided = None  # "Resultat: 86 procent svarade": a figure, no outcome
        if decided and self.item is not None and self._decision_text(decided["text"], following):
            self._add(line)
            self.item.decided.append(decided["text"])
            # The item's text has begun: the line after the decision may open the next item
            # ("Val av justerare" + "Beslut: Att justera …" + "Ekonomisk rapport").
            self.expect_body = False
            self._remember(line, _BODY)
            return
        if self._inline_item(line):
            inline = _INLINE_TITLE.match(line)
            self._open_item(inline["title"])
            self._body(inline["rest"], following)
            return
        number = PARAGRAPH_NUMBER.match(line)
        if number and not _DNR_ONLY.sub("", number.group(1)).strip():
            # "§ 4" or "§ 13 Dnr KFN 2024/33": the title follows on the next line.
            self.pending_number = True
            self.last_number = _item_number(line) or self.last_number
            self.unplaced.append(line)
            return
        if self.pending_number:
            self.pending_number = False
            line = FIELD_TITLE.sub("", line)
            if _titleish(_TRAILING_SEPARATOR.sub("", line), strong=True):
                self._open_item(line)
                return
            if not _ends_sentence(line) and _long_title(_TRAILING_SEPARATOR.sub("", line)):
                self._open_item(line)  # the § number above vouches for a long title
                return
            whole = _TRAILING_SEPARATOR.sub("", f"{line} {following}")
            if _cut_after(line) and not _ends_sentence(following) and _long_title(whole):
                # "§ 115" + "Yttrande över … Norrskogen med" + "särskild inriktning på …".
                self._open_item(line)
                self.title_cut = True
                return
        titled = _TITLED_PRESENTER.match(line)
        if (
            titled
            and self._after_break()
            and (self.item is None or self.previous_kind != _TITLE)  # under a title: its text
            and _titleish(titled["title"], strong=False)
            and not _VERBS & set(titled["title"].casefold().split())
        ):
            self._open_item(line)  # "Budget. Föredragande: Anna Ek": a title and who presents
            return
        if self._title_goes_on(line):
            item = self.item
            assert item is not None
            # "… kvartalet 2025," + "ekonomichef": the presenter may be the part that wrapped.
            # "…, avdelningschef" + "bygglov": split again from the whole line as written.
            from_title = _split_presenter(item.written)[1] if item.written else ""
            item.written = f"{item.written or item.title} {line}"
            item.widest = max(item.widest, len(line))
            title, presenter = _split_presenter(item.written)
            if item.presenter and item.presenter != from_title:
                presenter = item.presenter  # "Föredragande: …" named them apart
            item.title, item.presenter = title, presenter
            self._remember(line, _TITLE)
            return
        if self._lettered_item(line):
            self._open_lettered(line)
            return
        kind = self._classify(line, following)
        if kind == _TITLE:
            self._open_item(line)
        elif kind == _SUB:
            self._add(line)
            self.expect_body = True
            self.deciding = False  # "Reservation" under "Beslut": the decision's text ended
            self.aside = None
            self._remember(line, _SUB)
        else:
            self._body(line, following)

    def _lettered_item(self, line: str) -> bool:
        """ "§ 10 Motioner" + "a) Motion om …" + "Föredragande: Ulf Dahl": a parent with no text
        of its own whose lettered sub-item has its own presenter line is a heading over items;
        each sub-item is an item, its siblings ("b) Motion om …") too. Sub-items that share
        their parent's text and decision ("§ 5 Resor" + "a) Vadstena" + "b) Teater" + "Styrelsen
        beslutade …") have no presenter of their own and stay the parent's text."""
        letter = LETTERED.match(line)
        if letter is None or self.item is None:
            return False
        if self.item.letter:
            return ord(line[0]) == ord(self.item.letter) + 1
        if line[0] != "a" or self.item.lines or self.item.presenter or self.previous_kind != _TITLE:
            return False
        if _PRESENTER_AT_END.search(line) and _split_presenter(_strip_marker(line)[1])[1]:
            # "5. Information från rektor" + "a) Personalläget inför hösten (Marie Åhs)": the
            # sub-item names its own presenter in the parenthesis after its title.
            return True
        if _heads_section(self.item.title) and self._titled_part(line):
            # "5. Information från bolaget" / "10. Övriga frågor" over "a) Stambyte på
            # Lärkvägen" and its own text: the parent names a section, as a heading does, and
            # its parts are the items in it ("a) Vårfest i maj" under "§ 5 Vårens aktiviteter"
            # is part of one item; "a) Vårstädning genomförs i april." a line of its text).
            return True
        # The label below the sub-item's title, which the page width may have broken.
        for ahead in self.ahead[:_TITLE_LINES_TO_LABEL]:
            ahead = ahead.strip()
            if PRESENTER_LABEL.match(ahead):
                return True
            if _ends_sentence(ahead) or _strip_marker(ahead)[0] or section_of(ahead):
                break
        return self._sub_items_decide()

    def _sub_items_decide(self) -> bool:
        """ "11. Val" + "a) Val av ordförande" + "Årsmötet beslutar att välja …" + "b) Val av
        ledamöter" + "Årsmötet beslutar att välja …": every sub-item states a decision of its
        own, so each is an item. One decision for them all ("a) Vadstena" / "b) Teater" /
        "Styrelsen beslutade att genomföra båda"), or in one of them only, leaves them text."""
        texts: list[list[str]] = []
        for later in self.lines[self.index : self.index + 60]:
            later = later.strip()
            marker = _strip_marker(later)[0]
            if marker == "letter":
                if later[0] != chr(ord("a") + len(texts)):
                    return False
                texts.append([])
            elif marker in ("num", "para") or section_of(later) or not texts:
                break
            else:
                texts[-1].append(later)
        return len(texts) >= 2 and all(BOARD_DECISION.search(" ".join(text)) for text in texts)

    def _titled_part(self, line: str) -> bool:
        """ "a) Tvättstugebokning via app" over "Bokningstavlorna ersätts …": a lettered line
        that is a title (no sentence, no "Label: text") with its own text below it."""
        bare = _strip_marker(line)[1].strip()
        title = _split_presenter(bare)[0]
        below = self.ahead[0].strip() if self.ahead else ""
        return (
            not _ends_sentence(bare)
            and ":" not in bare
            and _titleish(title, strong=True)
            and bool(below)
            and below[:1].isupper()
            and not _strip_marker(below)[0]
            and not section_of(below)
        )

    def _open_lettered(self, line: str) -> None:
        parent = self.item
        assert parent is not None
        if not parent.letter:
            self.items.remove(parent)  # the parent heads its sub-items: no item of its own
        # Where no heading names the section, the parent's title does ("Information från …",
        # "Övriga frågor"): its parts are filed there, as under a heading.
        if parent.letter:
            named = None if parent.inferred else parent.section
        else:
            named = _heads_section(parent.title) if parent.inferred else None
        number = self.last_number
        self._open_item(line)
        self.last_number = number
        assert self.item is not None
        self.item.letter = line[0]
        self.item.parent = parent.parent if parent.letter else parent.title
        if named and self.item.inferred:
            self.item.section, self.item.inferred = named, False

    def _in_table(self, line: str, following: str) -> bool:
        """Whether the line is a cell or row of a table in the item: its head ("Åtgärd",
        "Ansvarig", "Klart" one a line, or on one line) or a row after it that is no sentence."""
        words = line.split()
        head = bool(words) and all(TABLE_COLUMN.match(w) for w in words)
        beside = TABLE_COLUMN.match(self.previous or "-") or TABLE_COLUMN.match(following or "-")
        if head and (len(words) >= 2 or beside):
            self.table = True
            return True
        prose_next = _ends_sentence(following) and len(following) > 40  # a title above its text
        ends = _ends_sentence(line) or _strip_marker(line)[0] or section_of(line) or prose_next
        if self.table and not ends:
            return True
        self.table = False
        return False

    def _in_standing(self, title: str) -> bool:
        """Whether the item being read is that standing item already ("Val av justerare" above
        "Val av justerare: …")."""
        if self.item is None:
            return False
        # "Val av justerare" above "Protokollsjusterare: A (Seko).": the same item by two names.
        both_justering = all(_JUSTERARE_ITEM.match(t) for t in (self.item.title, title))
        return self.item.title.casefold() == title.casefold() or both_justering

    def _decision_text(self, text: str, following: str) -> bool:
        """ "Beslut: Ärendet är samverkat." and "Beslut: Att ge …" (a board's att-sats, or text
        that goes on in the next line) decide; "Beslut: Budget 2026" is a title in its section."""
        if not _titleish(text, strong=True) or BOARD_DECISION.search(text):
            return True  # "Beslut: Styrelsen beslutade att … Peter" + "Nylander …": a sentence
        return bool(re.match(r"att\s", text, re.IGNORECASE)) or _starts_lower(following)

    def _decision_label(self, line: str, following: str) -> bool:
        """ "Beslut:" above "Ärendet är samverkat." labels a decision, it opens no section;
        "Beslut (MBL §19)" above "Inga beslut" or above a title opens the section."""
        if section_of(line) != "Beslut" or self.item is None or "(" in line:
            return False
        if not _DECISION_WORD.match(line.strip()):
            return False  # "Beslutsärenden", "Ärenden för beslut": a section's name, no label
        if self._heading(line) and self._heading(following):
            return False  # a heading above a heading: the section and its first title
        if NO_DECISIONS.match(following) or not following:
            return False
        # "BESLUT" above "9. Ny organisation för … från 1 maj 2026 (Erik Lundmark)": the next
        # item's number below it, however wide its title, opens the section.
        if _strip_marker(following)[0] in ("num", "para") and _follows(
            _item_number(following), self.last_number
        ):
            return False
        if decision_of(following) or BOARD_DECISION.search(following):
            return True
        if DECIDING_BODY.match(following):
            return True  # "Nämnden lägger meddelandena … till handlingarna."
        # Prose below it, a sentence or a line the page width cut: the decision's text.
        prose = following.rstrip().endswith(".") or self.layout.wrapped(following)
        return prose and not _titleish(following, strong=False)

    def _aside(self, line: str) -> bool:
        """ "Reservation § 26: …" under a later item (after a table of items, at the protocol's
        end) is the text of the item it names, not of the item above it; so are the lines of
        its paragraph after it."""
        named = ASIDE_FOR.match(line)
        if named is None:
            return False
        number = (int(named["number"]),)
        target = next((item for item in self.items if item.number == number), None)
        if target is None or target is self.item:
            self.aside = None
            return False
        target.lines.append(line)
        self.aside = target
        self._remember(line, _BODY)
        return True

    def _inline_item(self, line: str) -> bool:
        """ "Bemanning i höst: Två nya …" opening a paragraph of notes that write their items
        so: a short title before the colon that is no label ("Ansvarig:", "Bakgrund:")."""
        inline = _INLINE_TITLE.match(line) if self.inline_items else None
        if inline is None or (self.previous_kind == _BODY and not _ends_sentence(self.previous)):
            return False
        title = inline["title"].strip()
        return not (
            len(title.split()) > 6
            or "." in title
            or _strip_marker(line)[0]
            or _is_line_label(title, line)
        )

    def _numbered_item(self, line: str, section: str, following: str = "") -> bool:
        """Whether a section's word with a number is an item: a standing item whose number
        follows the last item's at the same level ("7." then "8. Övriga frågor"), one under
        that very section ("ÖVRIGT" then "9. Övriga frågor"), or one with its prose right under
        it ("1. Inledning" above "Per Holm hälsade välkommen.")."""
        number = _item_number(line)
        if number is None:
            # "§ 22" alone above "Övriga frågor" or "Anmälningsärenden": the number was the
            # line before, and a § numbers an item, never a section.
            return self.pending_number
        if _strip_marker(line)[0] == "para":
            return True  # "§ 66 Anmälningsärenden": a § numbers an item, never a section
        if self.section == section and self.sections_seen:
            return True
        if (
            following
            and _prose_start(following, self.layout)
            and not (_strip_marker(following)[0] or section_of(following))
            and not is_standing(following)
            and not (_INLINE_TITLE.match(following) or _CHOICE_LABEL.match(following))
        ):
            return True
        if not is_standing(_strip_marker(line)[1]):
            return False  # "2. Information" after "1. Val av justerare" opens a section
        last = self.last_number
        return (
            last is not None
            and len(number) == len(last)
            and number[:-1] == last[:-1]
            and number[-1] == last[-1] + 1
        )

    def _section_between_items(self, line: str, following: str) -> str | None:
        """ "DISKUSSION" above "8. Diskussion om …", in minutes with section headings: the word
        that heads text inside an item ("Diskussion" above its prose) heads the next item's
        section when that item follows at once: numbered next after the last one, or a
        heading under a heading."""
        # "Information från ledningen" between "Ärende 3: …" and "Ärende 4: …": in minutes that
        # number their items, an unnumbered line naming whose information follows, right above
        # the next item in sequence, heads Information (numbered, it is an item's title).
        sourced = None if _strip_marker(line)[0] else sourced_section(line)
        if sourced and _follows(_item_number(following), self.last_number):
            return sourced
        section = subheading_section(line) if self.sections_seen else None
        if section is None:
            return None
        number, last = _item_number(following), self.last_number
        if number is not None and last is not None:
            follows = len(number) == len(last) and number[:-1] == last[:-1]
            return section if follows and number[-1] == last[-1] + 1 else None
        follows = self._heading(line) and self._heading(following) and not section_of(following)
        return section if follows else None

    def _unnamed_heading(self, line: str, following: str) -> bool:
        """A heading that names no section of ours ("EKONOMI", "3   AKTIVITETER") but stands as
        the minutes' own section headings do: the shape of one that named a section (its
        numbering, its capitals), with the next item right below it, in sequence or numbered
        under it ("2.1" below "2")."""
        shape = _heading_shape(line)
        if shape is None or shape not in self.section_shapes:
            return False
        number, below = _item_number(line), _item_number(following)
        if below is None:
            return False
        if number is not None:
            return len(below) > len(number) and below[: len(number)] == number
        if not shape[2] and not self._heading(line):
            return False  # "Ekonomi" unmarked and unnumbered may be a short item's title
        return _follows(below, self.last_number)

    def _open_section(self, section: str | None) -> None:
        self.section = section
        self.sections_seen = True
        self.item, self.expect_body, self.in_list = None, False, False
        self.deciding, self.aside = False, None
        self._remember("", _TITLE)

    def _heading(self, line: str) -> bool:
        """Word's heading styles, a PDF's bold or larger type: the writer marked a heading."""
        return _normalise_line(line) in self.headings

    def _classify(self, line: str, following: str) -> str:
        marker, bare = _strip_marker(line)
        if marker == "letter":
            return _BODY
        if marker in ("para", "num"):
            bare = _colon_title(bare, following, numbered=True)
            # A list item ends its line ("- Per Wall, arbetsgivaren") as a sentence does.
            listed = _strip_marker(self.previous)[0] == "bullet"
            if (
                (self._after_break() or listed)
                and (_follows(_item_number(line), self.last_number) or self._numbering_begins(line))
                and bare[:1].isupper()
                and not _ends_sentence(bare)
                and len(bare) <= _LONGEST_TITLE
            ):
                # "3." after item 2's finished text: the numbering says a title begins, however
                # long it is or whatever stop it has inside ("Sjukfrånvaron. Statistik för Q3").
                return _TITLE
        if line in self.joined and self._after_break():
            return _TITLE
        if (
            PRESENTER_LABEL.match(following)
            and not PRESENTER_LABEL.match(line)
            and self._after_break()
            and _long_title(_TRAILING_SEPARATOR.sub("", bare))
            and not _ends_sentence(bare)
        ):
            return _TITLE  # "Föredragande: …" below it vouches for a title, however long
        if (
            self._heading(line)
            and self._heading(following)
            and _heading_wraps(line, following)
            and not section_of(following)
            # "… inom" + "… kvartalet 2023," + "EC Utredning": a comma at the end of the two
            # lines says the heading goes on (to its presenter), not that it is no title.
            and _titleish(
                _TRAILING_SEPARATOR.sub("", f"{bare} {following}").rstrip(","), strong=True
            )
        ):
            # A heading the page width broke: "Verksamhetsplan … 2026 för" + "avdelningen …".
            return _TITLE
        tagged = section_prefix(bare)
        if (
            tagged
            and _titleish(tagged[1], strong=True)
            and not (decision_of(tagged[1]) or BOARD_DECISION.search(tagged[1]))
        ):
            return _TITLE
        if marker == "para" and _titleish(_asked(_TRAILING_SEPARATOR.sub("", bare)), strong=True):
            return _TITLE
        if marker in ("para", "num") and self._wrapped_title(bare, following):
            return _TITLE
        if (
            is_standing(bare)
            and _titleish(bare, strong=True)
            # "Nästa sammanträde äger rum den 26 augusti" + "2026.": the page width broke the
            # date of a sentence that names the next meeting, no title of it.
            and not _splits_date(bare, following)
            # "Nästa möte hålls 2026-05-19 kl. 13.00 på tekniska" + "kontoret.": so too one
            # whose sentence goes on below in lower case to its end.
            and not _sentence_below([ahead.strip() for ahead in self.ahead])
        ):
            return _TITLE
        if self.item is not None and not marker and self._opens_next(line, following):
            return _TITLE
        if self.item is not None and is_subheading(line):
            return _SUB
        if self.item is not None and (" | " in line or self._in_table(line, following)):
            return _BODY  # a table's rows in an item ("Åtgärd | Ansvarig | Klart") are its text
        bare_title = _TRAILING_SEPARATOR.sub("", bare)
        if self._heading(line) and (
            _titleish(_asked(bare_title), strong=True)
            # The file marks it a heading (Word's style, a PDF's bold): a title however long
            # ("Överenskommelse om lokalvård för … med nya krav på städfrekvens", 18 words),
            # as long as it is no sentence.
            or (_long_title(bare_title) and not _ends_sentence(bare_title))
        ):
            return _TITLE
        if self.expect_body:
            if (
                self.item is not None
                and not self.item.lines
                and self._short_heading(line, following)
            ):
                # An item that opens with "GR" / "Vuxen": its later short lines are headings too.
                self.item.subheadings = True
                return _SUB
            return _BODY
        if marker in ("bullet", "num"):
            bare = _asked(_TRAILING_SEPARATOR.sub("", _colon_title(bare, following)))
            following_bare = _strip_marker(following)[1] if LETTERED.match(following) else following
            if self.in_list or not _titleish(bare, strong=True) or _starts_lower(following_bare):
                return _BODY
            return _TITLE
        if _LABEL_AT_END.search(self.previous):
            return _BODY  # "… Ansvarig:" + "Fredrik Nord": the label's value
        continues = self.previous_kind == _BODY and self.layout.wrapped(self.previous)
        candidate = _TRAILING_SEPARATOR.sub("", _colon_title(line, following))
        if (
            not continues
            and self._after_break()
            and self._wrapped_title(candidate, following)
            and not self._ends_as_sentence()
        ):
            # A title as wide as the page after a finished paragraph, its end on the next line.
            return _TITLE
        if continues or _starts_lower(following):
            return _BODY
        if len(line) >= self.layout.wrap:
            # A line longer than the page's prose lines was never wrapped: a whole paragraph,
            # or a long title when it ends without a full stop and the next line begins anew.
            # Right under a section's heading no sentence was begun above for the next line to
            # end, and a long title (to about 160 characters) may stand there.
            first = self.item is None and self.previous_kind == _TITLE
            # Its length without the presenter after it; a presenter there ("…, Omar Haddad")
            # says no sentence goes on below, though the next line open with a short one
            # ("Svarsfrekvens 81 %. Lägst …").
            title, presenter = _split_presenter(candidate)
            # A topic's question ends its sentence with its line: none goes on below it.
            asks = _topic_question(title)
            if not (
                (
                    _titleish(title, strong=True)
                    or asks
                    or (first and _long_title(title) and not _ends_sentence(title))
                    # "Hot och våld … under tredje kvartalet - Sofia Mäkinen": a presenter set
                    # off after the title vouches for a long one, as "Föredragande:" below does.
                    or (presenter and _long_title(title) and not _ends_sentence(title))
                )
                and self._after_break()
                and (first or presenter or asks or not _sentence_tail(following))
            ):
                return _BODY
        elif not (_titleish(candidate, strong=False) or _topic_question(candidate)):
            return _BODY
        if self.item is not None and self.item.subheadings and self._short_heading(line, following):
            return _SUB
        if (
            self.item is not None
            and self.last_number
            and not marker
            and not self._heading(line)
            and not self._vouched_title(following)
            and self._numbering_rules()
        ):
            # Minutes that number their items number each title: an unnumbered, unmarked short
            # line inside an item is its text (a table's cells, "Anläggning" / "Datum" / "3").
            return _BODY
        return _TITLE

    def _opens_next(self, line: str, following: str) -> bool:
        """A title-like line (a colon in it too) over a diary number, inside an item that has
        its text already ("Regionstyrelsen" under "Expedieras till", then "Remiss: …" over "Dnr
        HSN 2025/18"): the next item's title, its own diary number below it."""
        item = self.item
        if item is None or not item.lines or is_subheading(line) or _DNR_ONLY.match(line):
            return False
        return _titleish(_TRAILING_SEPARATOR.sub("", line), strong=True) and bool(
            _DNR_ONLY.match(following)
        )

    def _numbering_rules(self) -> bool:
        """Whether the items read so far are numbered more often than not: minutes that number
        their items number each title, but where most titles came without a number ("Mötet
        öppnas", "Val av justerare", then one "Punkt 3."), one number makes no rule."""
        numbered = sum(1 for item in self.items if item.number is not None)
        return numbered * 2 >= len(self.items)

    def _numbering_begins(self, line: str) -> bool:
        """ "3. Förhandlingsfråga: …" or "§ 3 …" after two unnumbered items ("Mötets öppnande",
        "Val av justerare"): the numbering begins where the writer began it, counting the items
        above; a list in an item's text ("1. Fler vikarier") counts from one."""
        number = _item_number(line)
        return (
            self.last_number is None
            and bool(self.items)
            and number is not None
            and number == (len(self.items) + 1,)
        )

    def _vouched_title(self, following: str) -> bool:
        """A short line after a finished sentence with what opens an item right below it (its
        diary number, "Föredragande: …", "Nämndens beslut"): a title, numbered or not (the
        numbering of the minutes may stop or leave one out)."""
        return self._after_break() and bool(
            _DNR_ONLY.match(following)
            or PRESENTER_LABEL.match(following)
            or DECISION_HEADING.match(following)
        )

    def _wrapped_title(self, bare: str, following: str) -> bool:
        """A numbered title as long as the page is wide, its last words on the next line."""
        fragment = following.strip()
        return (
            len(bare) >= self.layout.wrap * 0.8
            and (_starts_lower(fragment) or _cut_after(bare))
            and not (_strip_marker(fragment)[0] or PRESENTER_LABEL.match(fragment))
            and not _ends_sentence(fragment)
            and len(fragment.split()) <= 6
            and _titleish(f"{bare} {fragment}", strong=True)
        )

    def _ends_as_sentence(self) -> bool:
        """Whether the lines below that go on in lower case end a sentence: "Arbetsutskottet
        beslutar att bevilja Björkviks" + "konstförening 35 000 kronor i extra" +
        "verksamhetsbidrag för 2026." is a paragraph the width broke twice, not a title and the
        end of it (a title's last line stops without a full stop)."""
        return _sentence_below([ahead.strip() for ahead in self.ahead[1:]])

    def _title_goes_on(self, line: str) -> bool:
        """The page width broke a long title: a lower-case fragment, or a heading line after
        a heading line."""
        if self.item is None or self.item.lines or self.previous_kind != _TITLE:
            return False
        if self.item.presented:
            # "§ 8 Upphandling … december 2027" / "Föredragande: …" / "Yrkande": the label
            # closed the title; the heading under it is the item's own.
            return False
        if self.title_cut:
            self.title_cut = False
            return True
        # The title as joined so far: a narrow column may leave the dash, the first name and
        # the surname each on a line ("… Solrosen –" + "Emma" + "Rosén").
        written = self.item.written or self.item.title
        if (
            len(line.split()) == 1
            and (", " in written or _DASH_BEFORE_LAST.search(written))
            and is_person_name(f"{written.rsplit(' ', 1)[-1]} {line}")
        ):
            return True  # "…, Olle" + "Sten", "… – Roger" + "Dahlin": the presenter's name cut
        if _DASH_AT_END.search(written) and is_person_name(line.strip()):
            return True  # "… per augusti –" + "Sofie Ahl": the presenter after the dash wrapped
        if (
            _DASH_AT_END.search(written)
            and re.fullmatch(NAME_TOKEN, line.strip())
            and self.ahead
            and is_person_name(f"{line.strip()} {self.ahead[0].strip()}")
        ):
            return True  # "… Solrosen –" + "Emma" + "Rosén": the name after the dash cut too
        if (
            written.count("(") > written.count(")")
            and ")" in line
            and line.count("(") < line.count(")")
            and not _ends_sentence(line.split(")", 1)[0])
        ):
            # "9. Verksamhetsplan … 2027 (Cecilia" + "Wennberg)": a parenthesis the page width
            # broke goes on to the line that closes it.
            return True
        if _PRESENTER_ALONE.match(line) and not self.item.presenter:
            # "8. Pågående rekryteringar" + "(kommundirektör)": the title's presenter in its
            # parenthesis on the line below, put there by the writer or the page width.
            written = self.item.written or self.item.title
            return bool(_split_presenter(f"{written} {line}")[1])
        if _YEAR_THEN_PRESENTER.match(line) and not self.item.presenter:
            # "§ 5 Arbetsmiljöenkät" + "2025 (Karin Östlund)", "… enligt bokslut" + "2025 – Li
            # Wårdh": the page width left the title's year, and the presenter after it, for the
            # next line.
            return bool(_split_presenter(f"{self.item.written or self.item.title} {line}")[1])
        written = self.item.written or self.item.title
        if (
            _COUNT_THEN_PRESENTER.match(line)
            and not self.item.presenter
            and written.split()[-1:] != []
            and written.split()[-1].lower() in COUNTED_NOUNS
        ):
            # "… mellan arbetslagen i årskurs" + "4–6 – rektor": the narrow column left the
            # number the title's last noun counts, and the presenter after it, for this line.
            return bool(_split_presenter(f"{written} {line}")[1])
        # "§ 26 Avgångsvederlag och särskild avtalspension" + "– policy för tillämpning …": the
        # title's second part after its dash, in lower case, goes on as a lower-case line does.
        subtitle = bool(_DASH_FIRST.match(line)) and _starts_lower(line.lstrip("–—- "))
        if _DASH_FIRST.match(line) and not self.item.presenter:
            # "§ 8 Riktlinjer för … av skolenhet" + "– Helena Marklund": the title's presenter
            # after its dash on the line below, when what follows the dash reads as one.
            written = self.item.written or self.item.title
            if _split_presenter(f"{written} {line}")[1]:
                return True
            if not subtitle:
                return False
        # "… verksamhetsår" + "2026 och effekter av …": a year and a connective open no title
        # (one opens "2026 års budget"); the page width left the title's year for this line,
        # and the line reads as a lower-case one would.
        lower = (
            _starts_lower(line)
            or subtitle
            or _year_goes_on(line)
            or _count_goes_on(self.item.written or self.item.title, line)
        )
        if _ends_sentence(line) or section_of(line) or (_strip_marker(line)[0] and not subtitle):
            return False  # "a) Kommunens bud" under a long title is its first sub-item
        if self._presenter_below(line):
            return True
        # A title the writer broke and the narrow column broke again ("3. Omorganisation av …
        # mätavläsning" / "med Sjöbacka Vatten" / "AB från den 1 april 2026" above
        # "Föredragande:"): the line above is short, but the title's first line was as wide as
        # the page, and the label below says where the title ends.
        labelled = self._label_below() and not _ends_sentence(self.previous)
        wide = max(len(self.previous), self.item.widest)
        wraps = (
            len(self.previous) > 40
            or _heading_wraps(self.previous, line)
            or (labelled and self.item.widest > 40)
        )
        if self._heading(line) and self._heading(self.previous) and wraps:
            return True
        # A lower-case line opens no sentence: the title's rest, however many words the page
        # width left for it ("… med särskild" + "inriktning på landsbygdens tillgång till …").
        # So is a line after a title the page cut on a connective ("… vid Lindmarksskolan och" +
        # "Björkvallens gymnasium från och med läsåret 2026/2027"): no title ends on "och".
        short = len(line.split()) <= (14 if lower or _ends_on_connective(self.previous) else 6)
        # A narrow column breaks a title early ("8. Ny delegationsordning för" +
        # "livsmedelskontrollen, förvaltningschef", "4. Förhandlingsfråga: Förändrad" +
        # "förläggning av förtroendetid …"): a lower-case line under a title, or any line under
        # one cut on a connective, is its rest though the title's line is far from the page's
        # width; only a very short one is read as a title alone above odd prose.
        if lower and _ends_on_connective(self.previous):
            width = 0.0
        elif lower:
            width = 0.4
        else:
            width = 0.8 if _cut_after(self.previous) else 0.85
        # The width is the title's widest line: "… samt" / "vuxna" / "inom individ- och …":
        # the line above may be a wrapped line's short end, the title its paragraph.
        return (
            (lower or _cut_after(self.previous) or labelled)
            and wide >= self.layout.wrap * width
            and short
            and _long_title(_title_so_far(f"{self.item.title} {line}"))
            and not PRESENTER_LABEL.match(line)
        )

    def _label_below(self) -> bool:
        """The next line labels the item's presenter or its diary number ("Föredragande: …",
        "Dnr KS 2025/301"): a title's last line stands above it."""
        following = self.ahead[0].strip() if self.ahead else ""
        return bool(PRESENTER_LABEL.match(following) or _DNR_ONLY.match(following))

    def _presenter_below(self, line: str) -> bool:
        """ "6. Avveckling av korttidsboendet" + "Björkhagen och överflytt av platser till" +
        "Solgården från den 1 oktober 2026" + "(Anna-Karin Falk)": a narrow column broke a long
        title before a name, and the presenter's parenthesis under it closes the title. The
        lines up to that parenthesis, none ending a sentence, are the title's."""
        assert self.item is not None
        if self.item.presenter or _ends_sentence(self.previous):
            return False
        rest = [line]
        for ahead in self.ahead[:2]:
            ahead = ahead.strip()
            if _PRESENTER_ALONE.match(ahead):
                written = " ".join([self.item.written or self.item.title, *rest, ahead])
                return bool(_split_presenter(written)[1]) and _long_title(
                    _split_presenter(written)[0]
                )
            if (
                _ends_sentence(ahead)
                or section_of(ahead)
                or _strip_marker(ahead)[0]
                or PRESENTER_LABEL.match(ahead)
            ):
                return False
            rest.append(ahead)
        return False

    def _after_break(self) -> bool:
        """The line before ended a sentence, a section or a title: a new block may begin."""
        previous = self.previous
        return self.previous_kind != _BODY or _ends_sentence(previous)

    def _short_heading(self, line: str, following: str) -> bool:
        words = line.split()
        return (
            len(words) <= 2
            and words[0].casefold() not in _NOT_HEADINGS
            and _titleish(line, strong=False)
            and bool(following)
            and not _starts_lower(following)
        )

    def _open_item(self, line: str) -> None:
        self.title_cut = False
        _, bare = _strip_marker(line)
        section = self.section or OPENING
        tagged = section_prefix(bare)
        if tagged and not decision_of(tagged[1]):
            section, bare = tagged
            self.section = section
            self.sections_seen = True
        self.last_number = _item_number(line) or self.last_number
        self.pending_number = False
        named = section_of(bare)
        if named and self.section is not None:
            section = self.section = named  # "9. Övriga frågor" belongs to Övrigt
        # "Val av justerare – A (Vision) och B (arbetsgivaren) väljs.": a standing item whose
        # text follows its dash on the title's line; what follows is no presenter.
        dashed = _standing_then_text(bare)
        rest = ""
        number = _DNR_AT_END.search(bare)
        if number and number.start() > 0 and not dashed:
            # "§ 18  Årsredovisning 2025    Dnr RTÅ 2026/012": the diary number set after the
            # title on its line is the item's, its text, no words of the title.
            bare, rest = bare[: number.start()].rstrip(" ,;–-"), number["dnr"]
        if dashed:
            title, presenter, rest = dashed["title"], "", dashed["rest"]
        else:
            title, presenter = _split_presenter(bare)
        self.item = _Building(
            section=section,
            title=title,
            presenter=presenter,
            inferred=self.section is None,
            written=bare,
            number=_item_number(line),
            widest=len(line),
        )
        self.items.append(self.item)
        if rest:
            self._add(rest)
        self.expect_body, self.in_list, self.deciding = True, False, False
        self.aside = None
        self._remember(line, _TITLE)

    def _body(self, line: str, following: str) -> None:
        if self.aside is not None:
            self.aside.lines.append(line)  # the paragraph of "Reservation till § 35"
            self._remember(line, _BODY)
            return
        marker, _ = _strip_marker(line)
        if self.item is None:
            if self.section is None:
                self.unplaced.append(line)
                self._remember(line, _BODY)
                return
            # Text right under a section heading is that section's item ("Övrigt: …").
            self.item = _Building(section=self.section, title=self.section)
            self.items.append(self.item)
        self._add(line)
        if self.deciding:
            self.item.decided.append(line)
        if (
            line.rstrip().endswith(":")
            or marker in ("bullet", "num", "letter")
            or (self.in_list and _starts_lower(line))
        ):
            self.in_list = True
        else:
            self.in_list = False
        self.expect_body = False
        self._remember(line, _BODY)

    def _add(self, line: str) -> None:
        assert self.item is not None
        self.item.lines.append(line)

    def _remember(self, line: str, kind: str) -> None:
        self.previous, self.previous_kind = line, kind


# A diary number ending a title's line, its register's letters and its number with a digit.
_DNR_AT_END = re.compile(
    rf"\s(?P<dnr>(?:{DNR_WORDS})\.?\s*:?\s*(?:[A-ZÅÄÖ]{{1,8}}\s*)?\d[\d./:-]*\d)\s*$",
    re.IGNORECASE,
)
_DNR_ONLY = re.compile(rf"^(?:{DNR_WORDS})\.?\s*[:|]?\s*\S+(?:\s\S+)?$", re.IGNORECASE)


_ITEM_NUMBER = re.compile(
    rf"^(?:§\s*|(?:{ITEM_LABELS})\s+)?(\d{{1,3}}(?:\.\d{{1,2}})*)(?:[.):]|\s|$)", re.IGNORECASE
)


_LONGEST_TITLE = 200
# "Information från förvaltningen", "Information från rektor": a point of the agenda that
# gathers the information of others, as a section's heading does.
_INFORMATION_FROM = re.compile(r"^information\s+från\s+\S", re.IGNORECASE)


def _heads_section(title: str) -> str | None:
    """The section a parent point's title names ("Övriga frågor", "Information från bolaget")."""
    named = section_of(title)
    if named:
        return named
    return "Information" if _INFORMATION_FROM.match(title.strip()) else None


_TITLE_LINES_TO_LABEL = 4  # a title's lines above the "Föredragande:" that vouches for it
_YEAR_THEN_PRESENTER = re.compile(
    r"^(?:19|20)\d{2}\s+(?:\([^()]{3,60}\)|[–—-]\s+[^\W\d][^()]{2,60})$"
)
_PRESENTER_ALONE = re.compile(r"^\([^()]{2,80}\)$")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}(?:[/-]\d{2,4})?\s+(\w+)\b")


def _sentence_below(lines: list[str]) -> bool:
    """Whether the lines, from the first, go on in lower case to a sentence's end."""
    if not lines or not _starts_lower(lines[0]):
        return False
    for line in lines:
        if not _starts_lower(line):
            return False
        if _ends_sentence(line):
            return True
    return False


def _year_goes_on(line: str) -> bool:
    """ "2026 och effekter av …": a year then a connective, the end of a phrase begun above."""
    match = _YEAR_FIRST.match(line.strip())
    return bool(match) and match.group(1) in CONNECTIVES


_COUNT_THEN_PRESENTER = re.compile(
    r"^\d{1,3}(?:\s?[–—/-]\s?\d{1,3})?\s+(?:\([^()]{3,60}\)|[–—-]\s+[^\W\d][^()]{2,60})$"
)
_COUNT_FIRST = re.compile(r"^\d{1,3}(?:\s?[–—/-]\s?\d{1,3})?(?:\s+(\w+)\b|$)")


def _count_goes_on(written: str, line: str) -> bool:
    """ "… i årskurs" + "4–6 och fritidshemmet", "… etapp" + "2": the number a counted noun at
    the end of the line above wants, alone or before a connective."""
    words = written.split()
    if not words or words[-1].lower() not in COUNTED_NOUNS:
        return False
    match = _COUNT_FIRST.match(line.strip())
    return bool(match) and (match.group(1) is None or match.group(1) in CONNECTIVES)


def _sentence_from(lines: list[str], start: int) -> str:
    """The sentence that begins at lines[start], with the lines a narrow column broke it over
    ("Lina Åkerblom, Kommunal, utses att" + "justera anteckningarna …"): lines that go on in
    lower case until one ends it, at most _STATEMENT_LINES."""
    if start >= len(lines):
        return ""
    text = lines[start]
    for line in lines[start + 1 : start + _STATEMENT_LINES]:
        if _ends_sentence(text) or not _starts_lower(line):
            break
        text = f"{text} {line}"
    return text


# A section heading is a few words: "EKONOMI", "Ekonomi och personal".
_HEADING_WORDS = 4


def _heading_shape(line: str) -> tuple[bool, int, bool] | None:
    """How a line that may be a section heading stands: whether it is numbered, at how many
    levels ("2" one, "2.1" two), and whether it is written in capitals; None for a line no
    heading's ("§ 3 …", a sentence, a long line)."""
    marker, bare = _strip_marker(line.strip())
    if marker not in ("", "num") or _ends_sentence(bare) or bare.endswith((",", ":", ";")):
        return None
    words = bare.split()
    if not words or len(words) > _HEADING_WORDS or not any(c.isalpha() for c in bare):
        return None
    number = _item_number(line)
    capitals = bare == bare.upper() and sum(c.isalpha() for c in bare) >= 3
    return marker == "num", len(number) if number else 0, capitals


def _follows(number: tuple[int, ...] | None, last: tuple[int, ...] | None) -> bool:
    """Whether an item number comes next after the last item's: "3" after "2", "4.1" after
    "4", "5" or "5.1" after "4.3", "§ 113" after "§ 112"."""
    if number is None or last is None:
        return False
    for at, (new, old) in enumerate(zip(number, last, strict=False)):
        if new != old:
            return new == old + 1 and all(part == 1 for part in number[at + 1 :])
    # "4.1" after "4": a first sub-item; the same number again is no next one.
    return len(number) > len(last) and all(part == 1 for part in number[len(last) :])


def _item_number(line: str) -> tuple[int, ...] | None:
    """(3, 2) for "3.2 Budget", (22,) for "§ 22 Övriga frågor" and "8. Övriga frågor"."""
    match = _ITEM_NUMBER.match(line.strip())
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def _normalise_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().casefold()


_ROLE_THEN_NAME = re.compile(
    rf"^(?P<first>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}\s*,\s*"
    r"(?:(?:mötes)?ordförande|ordf\.?|(?:mötes)?sekreterare|justerare|ledamot|kassör))"
    rf"\s+(?P<second>{NAME_TOKEN}\s+{NAME_TOKEN}.*)$"
)


_SIGNER_FIRST = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?P<rest>.+)$"
)
_SIGNER_NEXT = re.compile(rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})(?:\s*,\s*\S.*)?$")


def _two_signatures(line: str) -> str:
    """ "Bo Lind, Sveriges Lärare   Anna Berg, rektor": two signatures whose columns a text
    export ran together; the first one's party or title ends where a name begins."""
    first = _SIGNER_FIRST.match(line)
    if not first or "|" in line or not is_person_name(first["name"]):
        return line
    words = first["rest"].split()
    for cut in range(1, len(words) - 1):
        role, second = " ".join(words[:cut]), " ".join(words[cut:])
        after = _SIGNER_NEXT.match(second)
        if (is_party(role) or is_employer_role(role)) and after and is_person_name(after["name"]):
            return f"{first['name']}, {role} | {second}"
    return line


def _signature(line: str, following: str) -> list[tuple[str, str]]:
    """Names under "Justeras:": "Ida Falk, ordförande", or two in a row above their roles."""
    line = _NAME_PARTY_SEPARATOR.sub(", ", line)  # "Nora Fält / Kommunal"
    if "|" in line and "," in line:
        # "Maja Fors, ordförande | Rune Sandell, justerare": each cell a person and a role.
        return [found for cell in line.split("|") for found in _signature(cell.strip(), "")]
    person = re.match(
        rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?P<role>.+)$", line
    )
    if person and is_person_name(person["name"]):
        role = person["role"].strip().rstrip(".").casefold()
        if role in ("ordförande", "ordf", "sekreterare", "kassör"):
            return []
        return [(person["name"], "" if role in _ROLES else person["role"].strip())]
    if "|" in line:
        # A signature table: "Hassan Jafari | Göran Pettersson" above "Kommunal | arbetsgivaren".
        names = [cell.strip() for cell in line.split("|")]
        parties = [cell.strip() for cell in following.split("|")]
        if all(is_person_name(name) for name in names):
            # "| Vision | Avdelningschef |": a manager signs for the employer by the title.
            sides = [is_party(party) or is_employer_role(party) for party in parties]
            if len(parties) == len(names) and all(sides):
                return list(zip(names, parties, strict=True))
            return [(name, "") for name in names]
        return []
    words = line.split()
    if len(words) == 2 and is_person_name(line) and is_party(following.strip()):
        # A name above its party: "Rut Almqvist" / "Vision".
        return [(line.strip(), following.strip())]
    roles = following.split()
    if (
        roles
        and all(r.casefold().strip(".") in _ROLES for r in roles)
        and len(words) == 2 * len(roles)
    ):
        pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
        return [
            (name, "")
            for name, role in zip(pairs, roles, strict=True)
            if role.casefold().strip(".") == "justerare" and is_person_name(name)
        ]
    if len(words) % 2 == 0 and 2 <= len(words) <= 6:
        pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
        if all(is_person_name(name) for name in pairs):
            parties = _captions(following, len(pairs))
            return list(zip(pairs, parties or [""] * len(pairs), strict=True))
    return []


def _chairs(line: str, following: str) -> list[tuple[str, str]]:
    """ "Annika Blom  Rebecka Moberg" above "Ordförande  Justerare", or "Ida Falk, ordförande":
    who signs as the chair."""
    if "|" in line and "," in line:
        return [found for cell in line.split("|") for found in _chairs(cell.strip(), "")]
    person = re.match(
        rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*,\s*(?:ordförande|ordf)\.?$", line
    )
    if person and is_person_name(person["name"]):
        return [(person["name"], "")]
    words, roles = line.split(), [r.casefold().strip(".") for r in following.split()]
    if not roles or len(words) != 2 * len(roles) or not all(r in _ROLES for r in roles):
        return []
    pairs = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    return [
        (name, "")
        for name, role in zip(pairs, roles, strict=True)
        if role in ("ordförande", "ordf") and is_person_name(name)
    ]


_CHAIR = frozenset({"ordförande", "ordf", "mötesordförande"})
_NOT_SIGNING = _CHAIR | {"sekreterare", "mötessekreterare", "protokollförare"}
_JUSTERING_CAPTIONS = frozenset({"justerare", "justerande", "protokollsjusterare", "justeras"})


def _role_row(line: str) -> list[str]:
    """ "Ordförande | Sekreterare", "Mötesordförande Protokollförare", "Sekreterare": a row of
    captions naming only who signs but does not justera, a role a cell; [] when it is not
    such a row."""
    cells = line.split("|") if "|" in line else line.split()
    roles = [c.strip().rstrip(":").casefold() for c in cells if c.strip()]
    # "Ordförande | Justerare | Sekreterare": the justerare's caption among theirs says which
    # name below justerar, the others' which do not.
    if not any(r in _NOT_SIGNING for r in roles) or not all(
        r in _NOT_SIGNING or r in _JUSTERING_CAPTIONS for r in roles
    ):
        return []
    return roles


def _caption_row(line: str) -> list[str]:
    """ "För arbetsgivaren För Vision", "För Kommunal | För SSR", "För Vision": the sides a row
    of the signature block names, or [] when it is not such a row."""
    cells = line.split("|") if "|" in line else re.split(r"(?:^|\s+)(?=för\s)", line, flags=re.I)
    pieces = [p.strip() for p in cells if p.strip()]
    if not pieces or not all(
        p.casefold().startswith("för ") and len(p.split()) <= 4 and ":" not in p for p in pieces
    ):
        return []
    return [p[4:].strip() for p in pieces]


def _captions(line: str, count: int) -> list[str] | None:
    """ "För arbetsgivaren För Sveriges Lärare" under two names: the side each signs for."""
    pieces = [p.strip() for p in re.split(r"(?:^|\s+)(?=för\s)", line, flags=re.I) if p.strip()]
    if len(pieces) != count or not all(p.casefold().startswith("för ") for p in pieces):
        return _party_row(line.split(), count)
    return [p[4:].strip() for p in pieces]


def _party_row(words: list[str], count: int) -> list[str] | None:
    """ "Vision Sveriges Lärare" under two names: the line cut into that many parties."""
    if count == 0:
        return [] if not words else None
    for size in (1, 2, 3):
        head = " ".join(words[:size])
        if len(words) >= size and is_party(head):
            rest = _party_row(words[size:], count - 1)
            if rest is not None:
                return [head, *rest]
    return None


# --- warnings ----------------------------------------------------------------------------------

_PERSONNUMMER = re.compile(r"(?<![\d-])(?:(?:19|20)?(\d{2}))(\d{2})(\d{2})([-+]?)(\d{4})(?![\d])")


def _warnings(text: str) -> list[str]:
    found = 0
    for match in _PERSONNUMMER.finditer(text):
        digits = "".join(match.group(i) for i in (1, 2, 3, 5))
        month, day = int(match.group(2)), int(match.group(3))
        long_form = len(match.group(0).replace("-", "").replace("+", "")) == 12
        if not (match.group(4) or long_form):
            continue  # ten digits without a dash are more often a phone number
        if 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and _luhn(digits):
            found += 1
    if not found:
        return []
    return [f"texten innehåller {found} nummer som liknar personnummer eller samordningsnummer"]


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
