"""Stops personnummer, samordningsnummer and client-identifying words before they reach minutes."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

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

# Between the date and the last four digits people write a hyphen, a space or nothing, and "+"
# for someone over 100. Word processors turn hyphens into en dashes or non-breaking hyphens and
# spaces into non-breaking ones, and minutes are often pasted from there.
_DASHES = "-\u2010\u2011\u2013"
_SPACES = " \u00a0\u202f"

# Only an adjacent digit stops a match, a letter does not: "pnr8112189876" and "ABC8112189876"
# are caught, because a number glued to a word is just as public once the minutes are. A digit
# run joined to other digits by a dash, slash or plus is a phone number, registry number or
# range ("08-811218 1234", "2021-811218-1234"), not a person, so it is left alone either way.
# Candidates cannot overlap (each ends in four digits and then no digit, and each starts with
# six), so finditer, which skips past each one, misses none.
_CANDIDATE = re.compile(
    rf"""
    (?<![0-9])
    (?<![0-9][{_DASHES}/+])
    (?:
        (?:19|20)[0-9]{{6}}[{_DASHES}{_SPACES}]?
      | [0-9]{{6}}[{_DASHES}{_SPACES}+]?
    )
    [0-9]{{4}}
    (?![0-9])
    (?![{_DASHES}/+][0-9])
    """,
    re.VERBOSE,
)


def _luhn_ok(ten: str) -> bool:
    """Whether the last of ten digits is the Luhn check digit of the nine before it."""
    total = 0
    for i, digit in enumerate(ten[:9]):
        n = int(digit) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10 == int(ten[9])


def _kind(digits: str) -> Kind | None:
    """The kind of identity number 10 or 12 digits are, or None when the date or check fails.

    The date check is what keeps organisationsnummer out: theirs have 20 or more where the
    month would be ("212000-1355" is a municipality), so no month is ever valid.
    """
    ten = digits[-10:]
    if not _luhn_ok(ten):
        return None
    yy, month, day = int(ten[0:2]), int(ten[2:4]), int(ten[4:6])
    kind: Kind = "personnummer"
    if day > 60:
        # A samordningsnummer is a personnummer with 60 added to the day of birth.
        kind, day = "samordningsnummer", day - 60
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    # Ten digits do not say the century, so a day counts if any century makes it real: 29 Feb
    # in "000229" is valid because 2000 was a leap year, even though 1900 was not.
    years = [int(digits[:4])] if len(digits) == 12 else [1900 + yy, 2000 + yy]
    if any(day <= calendar.monthrange(year, month)[1] for year in years):
        return kind
    return None


def find_identity_numbers(text: str) -> list[Match]:
    """Every personnummer and samordningsnummer in text, in the order they are written."""
    found = []
    for candidate in _CANDIDATE.finditer(text):
        kind = _kind(re.sub(r"[^0-9]", "", candidate.group()))
        if kind is not None:
            found.append(Match(candidate.start(), candidate.end(), candidate.group(), kind))
    return found


def mask(number: str) -> str:
    """The number with its last four digits hidden, e.g. "19811218-••••" for "198112189876".

    The date part stays so that the writer can find the number in their text; the four last
    digits are what make it one person's, so they never appear in any message.
    """
    digits = re.sub(r"[^0-9]", "", number)
    if len(digits) in (10, 12):
        separator = "+" if "+" in number else "-"
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
    composed = unicodedata.normalize("NFC", text)
    return "".join(c for c in composed if unicodedata.category(c) != "Cf")


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


def check_text(text: str, *, forbidden_words: tuple[str, ...] = ()) -> None:
    """Refuse text that holds an identity number or a forbidden word; the text is not changed.

    The refusal names what was found, numbers masked, so that the writer can remove it; it
    never repeats a whole number, since refusals are shown and may be logged.
    """
    numbers = find_identity_numbers(text)
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
