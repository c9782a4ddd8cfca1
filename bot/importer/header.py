"""The header block of minutes: date, time, place, kind of group, protocol number and dnr."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from bot.importer.model import OPENING, ImportedItem
from bot.importer.people import (
    _TRAILING_SEPARATOR,
    _VERBS,
    _as_justering,
    _justering_statements,
    _listing,
    _names_from_list,
    _names_only,
    _person_line,
    _prose,
    _split_presenter,
)
from bot.importer.shapes import (
    _JUSTERARE_LABEL,
    _LABEL_VALUE,
    _SENTENCE_INSIDE,
    _cut_after,
    _ends_on_connective,
    _ends_sentence,
    _heading_wraps,
    _is_line_label,
    _Layout,
    _starts_lower,
    _strip_marker,
    _titleish,
)
from bot.importer.vocabulary import (
    ATTENDANCE,
    BARE_PLACE_LABELS,
    BARE_PROTOCOL_NUMBER,
    CELL_LABEL,
    CLOSING,
    CONNECTIVES,
    DATE_LABEL,
    DNR_WORDS,
    DOC_TITLE,
    FIELD_TITLE,
    FRONT_MATTER,
    FRONT_PAGE_LABEL,
    HELD_VERB,
    ITEM_LABELS,
    MEETING_NUMBER,
    METADATA_LABEL,
    MONTH_NAMES,
    NAME_TOKEN,
    NUMBER_IN_YEAR,
    OPENED_AT,
    OTHER_DATE,
    PARAGRAPH_NUMBER,
    PLACE_LABELS,
    PRESENTER_LABEL,
    PROTOCOL_COMPOUNDS,
    RECORD_SENTENCE,
    ROOM_WORDS,
    SIGNATURE_BOXES,
    TABLE_COLUMN,
    WHEN_WHERE_LABELS,
    date_spans,
    find_dates,
    group_kind_of,
    holds_meeting_verb,
    is_address_line,
    is_date_only,
    is_employer_role,
    is_page_marker,
    is_party,
    is_person_name,
    is_presenter,
    is_session_protocol_only,
    is_standing,
    is_when_line,
    month_number,
    opens_body,
    section_of,
    without_page_number,
)

# "Gunnar Wästberg (M)" under "Ordförande", or above "Justerare": a signature with its party.
_SIGNED_WITH_PARTY = re.compile(
    rf"^(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}})\s*\((?P<party>[^()]{{1,40}})\)$"
)


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


def _list_goes_on(line: str) -> bool:
    """ "…: Vision, Kommunal," broken by the page width: the next line is more of the list."""
    return line.rstrip().endswith((",", ";")) or line.rsplit(" ", 1)[-1] in ("och", "samt")


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


_DASHED_TEXT = re.compile(r"^(?P<title>[^–—]+?)\s+[–—]\s+(?P<rest>\S.*)$")


# "3. Sommarvikarier - 14 av 18 vikariat …": a hyphen typed with spaces for the dash.
_HYPHENED_TEXT = re.compile(r"^(?P<title>[^–—-]+?)\s+-\s+(?P<rest>\S.*)$")


_INLINE_TITLE = re.compile(r"^(?P<title>[A-ZÅÄÖ][^:]{2,60}?)\s*:\s+(?P<rest>\S.*)$")


_DNR_ONLY = re.compile(rf"^(?:{DNR_WORDS})\.?\s*[:|]?\s*\S+(?:\s\S+)?$", re.IGNORECASE)


_ITEM_NUMBER = re.compile(
    rf"^(?:§\s*|(?:{ITEM_LABELS})\s+)?(\d{{1,3}}(?:\.\d{{1,2}})*)(?:[.):]|\s|$)", re.IGNORECASE
)


_LONGEST_TITLE = 200


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
