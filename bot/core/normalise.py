"""One normalisation of incoming text: what a reader sees, invisible and control characters out."""

from __future__ import annotations

import re
import unicodedata

from bot.core.texts import UserError

__all__ = [
    "DASHES",
    "clean",
    "first_control",
    "normalise",
    "normalise_value",
    "printable",
]

# Line breaks of every kind become "\n". Word's manual line break (Shift+Enter) comes out of
# some copy paths as a vertical tab, and a form feed is a page break in text from a PDF.
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")

# Every character a reader takes for a dash: hyphen-minus, the Unicode hyphens and dashes
# (category Pd), the minus sign and the small and fullwidth forms NFKC may leave behind.
DASHES = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\ufe58\ufe63\uff0d"
) | frozenset(chr(c) for c in range(0x2000, 0x2100) if unicodedata.category(chr(c)) == "Pd")


def _is_noncharacter(c: str) -> bool:
    code = ord(c)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _invisible(c: str) -> bool:
    """Characters that show nothing and only hide what is around them.

    Format characters (soft hyphen, zero-width space and joiners, word joiner, BOM, bidi
    marks), noncharacters (U+FFFE, U+FFFF) and lone surrogates from a broken decoding.
    """
    category = unicodedata.category(c)
    return category in ("Cf", "Cs") or _is_noncharacter(c)


def first_control(text: str) -> str | None:
    """The first control character a user cannot have meant (tab and line breaks aside)."""
    for c in text:
        if unicodedata.category(c) == "Cc" and c not in "\t\n":
            return c
    return None


def _compose(text: str) -> str:
    if text.isprintable():
        # No control, format, noncharacter or line-break character in it (none of them is
        # printable): only NFKC can change it. Checked at C speed, not character by character
        # in Python as below, which was a twentieth of a stored command.
        return unicodedata.normalize("NFKC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = "".join(c for c in text if not _invisible(c))
    # NFKC after the invisible ones are out, so that "１２" and a ligature read as typed.
    return unicodedata.normalize("NFKC", text)


def normalise(text: str) -> str:
    """Text as it is stored and checked; a control character is refused, naming its code.

    NFKC (fullwidth digits become digits, non-breaking and thin spaces plain spaces),
    invisible and format characters removed, every line break "\\n".
    """
    composed = _compose(text)
    bad = None if composed.isprintable() else first_control(composed)
    if bad is not None:
        raise UserError("control_character", code=f"U+{ord(bad):04X}")
    return composed


def clean(text: str) -> str:
    """Like normalise, but control characters are dropped: for imported files and old data."""
    composed = _compose(text)
    return "".join(c for c in composed if unicodedata.category(c) != "Cc" or c in "\t\n")


def printable(text: str) -> str:
    """Text safe for any file format (XML 1.0 included), whatever was stored before.

    Renderers call it on stored text: nothing a user wrote years ago may stop an export.
    """
    if text.isprintable():
        return text
    return "".join(
        c
        for c in _LINE_BREAKS.sub("\n", text)
        if c in "\t\n" or not (unicodedata.category(c) in ("Cc", "Cs") or _is_noncharacter(c))
    )


def normalise_value(value: object) -> object:
    """Strings normalised, also inside lists, tuples and dict values; anything else as it is.

    Only plain str: an enum member (a StrEnum is a str) stays the member it is.
    """
    if type(value) is str:
        return normalise(value)
    if isinstance(value, list):
        return [normalise_value(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(normalise_value(v) for v in value)
    if isinstance(value, dict):
        return {k: normalise_value(v) for k, v in value.items()}
    return value
