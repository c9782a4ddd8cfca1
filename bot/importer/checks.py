"""Is it minutes we can import? Limits on size and items, the language, near-duplicates."""

from __future__ import annotations

import re

# One meeting's minutes are far shorter than this; a whole book pasted in is not minutes.
MAX_TEXT_CHARS = 400_000
MAX_ITEMS = 150
_WORD = re.compile(r"[a-zåäöéü]+")
# The commonest words of each language: minutes in Swedish are full of the first set.
_SWEDISH = frozenset(
    (
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "man",
        "vi",
        "kan",
        "ska",
        "var",
        "vid",
        "från",
        "även",
        "eller",
        "så",
        "efter",
        "under",
        "nästa",
        "mötet",
        "beslut",
        "ärendet",
        "samt",
        "inom",
    )
)
_ENGLISH = frozenset(
    (
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "on",
        "with",
        "as",
        "are",
        "was",
        "be",
        "by",
        "this",
        "will",
        "at",
        "from",
        "an",
        "or",
        "have",
        "has",
        "not",
        "meeting",
        "minutes",
        "which",
        "were",
        "agreed",
        "item",
    )
)


def language_of(text: str) -> str:
    """ "sv", "en", or "" when the text has too few common words to tell."""
    words = _WORD.findall(text.casefold())
    swedish = sum(1 for w in words if w in _SWEDISH)
    english = sum(1 for w in words if w in _ENGLISH)
    if swedish + english < 8:
        return ""
    return "sv" if swedish >= english else "en"


def _shingles(text: str, size: int = 5) -> set[int]:
    words = re.findall(r"\w+", text.casefold())
    return {hash(tuple(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


def similarity(first: str, second: str) -> float:
    """How much of the text two files share (Jaccard of five-word runs), from 0 to 1."""
    a, b = _shingles(first), _shingles(second)
    return len(a & b) / len(a | b) if a and b else 0.0
