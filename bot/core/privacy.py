"""Stops personnummer, samordningsnummer and client-identifying words before they reach minutes."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from bot.core.normalise import DASHES, clean
from bot.core.texts import UserError

__all__ = ["Kind", "Match", "check_text", "find_forbidden_words", "find_identity_numbers", "mask"]

Kind = Literal["personnummer", "samordningsnummer"]


@dataclass(frozen=True)
class Match:
    """An identity number found in a text: text[start:end] is what the user wrote."""

    start: int
    end: int
    text: str
    kind: Kind


# --- identity numbers ------------------------------------------------------------------------

# The number is looked for in a view of the text as a reader sees it: invisible characters
# (soft hyphen, zero-width space, word joiner, NUL) dropped, every digit of any script an ASCII
# digit (fullwidth "８１１２１８"), every dash (en dash, minus sign U+2212, non-breaking hyphen)
# "-" and every space (non-breaking, thin, tab) " ". Word, PDF viewers and phones put exactly
# such characters into numbers that look plain on the screen.
#
# Between the date and the last four digits people write a hyphen, a space or nothing, and "+"
# for someone over 100; pasted text adds " - " and two spaces. "1981-12-18-3358" writes the
# date the ISO way. Only an adjacent digit stops a match, a letter does not: "pnr8112189876"
# is caught, because a number glued to a word is just as public once the minutes are. A digit
# run joined to other digits by a dash, slash or plus is a phone number, registry number or
# range ("08-811218 1234", "2021-811218-1234"), not a person, so it is left alone, unless
# what it is joined to is a whole identity number too ("811218-9876/850101-1232": two people).
_SEPARATOR = r"(?:[ ]{0,2}-[ ]{0,2}|[ ]{1,2})"
_CANDIDATE = re.compile(
    rf"""
    (?<![0-9])
    (?<![0-9][-+])
    (?:
        (?:19|20)[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}-
      | [0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}-
      | (?:19|20)[0-9]{{6}}{_SEPARATOR}?
      | [0-9]{{6}}(?:{_SEPARATOR}|[ ]?\+[ ]?)?
    )
    [0-9]{{4}}
    (?![0-9])
    (?![-+][0-9])
    """,
    re.VERBOSE,
)
_LINE_ENDS = "\n\r\v\f\x85\u2028\u2029"
_DECIMAL = re.compile(r"\d")  # Unicode's decimal digits (category Nd), as str.isdecimal


def _shown(c: str) -> str | None:
    """What the number check reads for one character (None: nothing, it is invisible)."""
    if c in _LINE_ENDS:
        return "\n"
    if c.isspace():
        return " "
    if c in DASHES:
        return "-"
    if unicodedata.category(c) == "Nd":
        return str(unicodedata.decimal(c))
    if c in "\uff0b\ufe62":
        return "+"
    if c in "\uff0f\u2044\u2215":
        return "/"
    if unicodedata.category(c) in ("Cf", "Cc", "Cs") or c in "\ufffe\uffff":
        return None
    return c


class _ShownTable(dict[int, str | None]):
    """_shown by code point: each character is worked out once, then looked up (the check
    asked unicodedata about every character of every text)."""

    def __missing__(self, code: int) -> str | None:
        shown = _shown(chr(code))
        if len(self) < _SHOWN_KEPT:  # a text of rare characters must not grow it for ever
            self[code] = shown
        return shown


_SHOWN_KEPT = 4096
_SHOWN = _ShownTable()


def _view(text: str) -> tuple[str, list[int]]:
    """The text as the number check reads it, and where each of its characters came from."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        shown = _SHOWN[ord(c)]
        if shown is not None:
            chars.append(shown)
            where.append(i)
    return "".join(chars), where


def _luhn_ok(ten: str) -> bool:
    """Whether the last of ten digits is the Luhn check digit of the nine before it."""
    total = 0
    for i, digit in enumerate(ten[:9]):
        n = int(digit) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(ten[9])


def _born(year: int, month: int, day: int, today: date) -> bool:
    """Whether someone can have been born on that day (day 0: the day is not known)."""
    if not 1 <= month <= 12 or day > calendar.monthrange(year, month)[1]:
        return False
    return date(year, month, max(day, 1)) <= today


def _kind(digits: str, *, over_100: bool, today: date) -> Kind | None:
    """The kind of identity number 10 or 12 digits are, or None when the date or check fails.

    The date check is what keeps organisationsnummer out: theirs have 20 or more where the
    month would be ("212000-1355" is a municipality), so no month is ever valid. Nobody is
    born in the future, and 29 February needs a leap year: "+" in ten digits means at least
    100 years old, so "000229+" is 1900, which had none.
    """
    ten = digits[-10:]
    if not _luhn_ok(ten):
        return None
    yy, month, day = int(ten[0:2]), int(ten[2:4]), int(ten[4:6])
    kind: Kind = "personnummer"
    if day >= 60:
        # A samordningsnummer is a personnummer with 60 added to the day of birth; Skatteverket
        # writes day 60 when the day of birth is not known.
        kind, day = "samordningsnummer", day - 60
    elif day == 0:
        return None
    if len(digits) == 12:
        years = [int(digits[:4])]
    elif over_100:
        latest = today.year - 100
        years = [latest - (latest - yy) % 100]
    else:
        # Ten digits with "-" do not say the century; a day counts if either recent century
        # makes it real: "000229" is valid because 2000 was a leap year.
        latest = today.year - (today.year - yy) % 100
        years = [latest, latest - 100]
    if any(_born(year, month, day, today) for year in years):
        return kind
    return None


def find_identity_numbers(text: str, *, today: date | None = None) -> list[Match]:
    """Every personnummer and samordningsnummer in text, in the order they are written."""
    today = today or date.today()
    # Every candidate has ten digits, and every digit of the view is a decimal digit of the
    # text (any script): most texts have fewer, and need no view.
    if len(_DECIMAL.findall(text)) < 10:
        return []
    view, where = _view(text)
    candidates = []
    for candidate in _CANDIDATE.finditer(view):
        written = candidate.group()
        kind = _kind(re.sub(r"[^0-9]", "", written), over_100="+" in written, today=today)
        candidates.append((candidate.start(), candidate.end(), kind))
    valid = {(start, end) for start, end, kind in candidates if kind is not None}
    found = []
    for start, end, kind in candidates:
        if kind is None or not _joined_alone(view, start, end, valid):
            continue
        first, last = where[start], where[end - 1] + 1
        found.append(Match(first, last, text[first:last], kind))
    return found


def _joined_alone(view: str, start: int, end: int, valid: set[tuple[int, int]]) -> bool:
    """False when a slash joins the number to digits that are no identity number themselves."""
    before = start >= 2 and view[start - 1] == "/" and view[start - 2].isdigit()
    after = end + 1 < len(view) and view[end] == "/" and view[end + 1].isdigit()
    if before and not any(e == start - 1 for _s, e in valid):
        return False
    return not (after and not any(s == end + 1 for s, _e in valid))


def mask(number: str) -> str:
    """The number with its last four digits hidden, e.g. "19811218-••••" for "198112189876".

    The date part stays so that the writer can find the number in their text; the four last
    digits are what make it one person's, so they never appear in any message.
    """
    digits = re.sub(r"[^0-9]", "", _view(number)[0])
    if len(digits) in (10, 12):
        separator = "+" if "+" in _view(number)[0] else "-"
        return f"{digits[:-4]}{separator}••••"
    # Anything else: hide the last four digits where they stand.
    chars, hidden = list(number), 0
    for i in range(len(chars) - 1, -1, -1):
        if hidden == 4:
            break
        if chars[i].isdigit():
            chars[i], hidden = "•", hidden + 1
    return "".join(chars)


# --- forbidden words -------------------------------------------------------------------------


def _normalised(text: str) -> str:
    # "å" pasted from some systems is "a" plus a combining ring, and Word leaves soft hyphens
    # inside words; both would hide a forbidden word from the match.
    return clean(text)


@lru_cache(maxsize=1024)
def _word_pattern(word: str) -> re.Pattern[str] | None:
    parts = _normalised(word).split()
    if not parts:
        return None
    body = r"\s+".join(re.escape(part) for part in parts)
    # Whole words only, so "Solrosen" does not forbid "Solrosenvägen", but with the genitive
    # ("Solrosens", "HVB:s"), which points out the unit just as well. \w knows å, ä and ö, so
    # "Ekbacken" is not found inside "Ekbackenö" either.
    return re.compile(rf"(?<!\w){body}(?:[:'’]?s)?(?!\w)", re.IGNORECASE)


def find_forbidden_words(text: str, forbidden_words: tuple[str, ...]) -> list[str]:
    """The forbidden words (as given) that occur in text as whole words, first written first."""
    if not forbidden_words:
        return []
    normalised = _normalised(text)
    found: dict[str, int] = {}
    for word in forbidden_words:
        pattern = _word_pattern(word)
        hit = None if pattern is None else pattern.search(normalised)
        if hit is not None and word.strip() not in found:
            found[word.strip()] = hit.start()
    return sorted(found, key=found.__getitem__)


# --- the check -------------------------------------------------------------------------------

# The texts these refusals will have in bot.core.catalogue, under the same keys. Until they are
# there, _refuse sends them through the "raw" key; afterwards it becomes UserError(key, **params).


def _refuse(key: str, **params: Any) -> UserError:
    return UserError(key, **params)


def check_text(
    text: str, *, forbidden_words: tuple[str, ...] = (), today: date | None = None
) -> None:
    """Refuse text that holds an identity number or a forbidden word; the text is not changed.

    The refusal names what was found, numbers masked, so that the writer can remove it; it
    never repeats a whole number, since refusals are shown and may be logged.
    """
    today = today or date.today()
    if len(text) <= _REMEMBERED_LENGTH:
        _check_remembered(text, tuple(forbidden_words), today)
    else:
        _check(text, tuple(forbidden_words), today)


# A command's fields are checked twice: by the command, to name the field, and by the store's
# guard, for every stored text whichever command wrote it. The check is a function of the
# text, the words and the day, so a short text that passed is remembered (only passes: a
# refusal is an exception, never cached) and the second check costs a look-up.
_REMEMBERED_LENGTH = 2000


def _check(text: str, forbidden_words: tuple[str, ...], today: date) -> None:
    numbers = find_identity_numbers(text, today=today)
    if numbers:
        shown = ", ".join(dict.fromkeys(mask(m.text) for m in numbers))
        # One refusal for all of them, so the writer can fix everything in one go; a mix of
        # kinds is called personnummer, which is what a samordningsnummer stands in for.
        if all(m.kind == "samordningsnummer" for m in numbers):
            raise _refuse("privacy_samordningsnummer", number=shown)
        raise _refuse("privacy_personnummer", number=shown)
    words = find_forbidden_words(text, forbidden_words)
    if words:
        # Only the first: the quotes belong to each language, and a list of names in one
        # pair of quotes would read as one name. Such words are few, so this rarely repeats.
        raise _refuse("privacy_forbidden_word", word=words[0])


_check_remembered = lru_cache(maxsize=64)(_check)
