"""The shapes of a line the parser weighs: a title's, a sentence's, a label's."""

from __future__ import annotations

import re

from bot.importer.vocabulary import (
    ACTION_OWNER,
    ATTENDANCE,
    BULLET,
    CONNECTIVES,
    LETTERED,
    LIST_NUMBER,
    METADATA_LABEL,
    NUMBER_ABBREVIATIONS,
    PARAGRAPH_NUMBER,
    PRESENTER_LABEL,
    TABLE_COLUMN,
    TITLE_LABEL,
    is_party,
    is_person_name,
    is_subheading,
)


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


_JUSTERARE_LABEL = re.compile(
    r"^(?:justerare|justeras(?:\s+av)?|justerat(?:\s+av)?|justerande|protokolls?justerare|justering"
    r"|justeringsperson(?:er)?|(?:utses|utsedd|utsedda|valda?)\s+att\s+justera"
    r"|justerandes\s+signatur)\s*(?:[:|]\s*|$)"
    r"(?P<names>.*?)(?:\s+justerar\s+(?:dagens\s+)?(?:protokollet|minnesanteckningarna)\.?)?$",
    re.IGNORECASE,
)


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
