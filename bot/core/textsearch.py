"""Swedish word forms for search, and the snippet shown around a hit."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import snowballstemmer

SNIPPET_CHARS = 160
PART_MIN = 4  # a query stem this long may stand inside a compound the hit was found by
_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("swedish")


def stems(words: str) -> list[str]:
    """Swedish word forms to a common stem ("målen", "mål" -> "mål"), as PostgreSQL does."""
    return _stemmer().stemWords([w.casefold() for w in _WORD.findall(words)])


@cache
def _stem(word: str) -> str:
    # Snippets stem every word of every hit; the same words come back again and again.
    return _stemmer().stemWord(word.casefold())


def snippet(body: str, query: str) -> str:
    """A short piece of the text around the first word that matches the query's stems, else
    around the first compound that holds one of them ("bokslut" in "årsbokslutsrapporten")."""
    wanted = set(stems(query))
    found = next((m for m in _WORD.finditer(body) if _stem(m.group()) in wanted), None)
    if found is None:
        parts = [w for w in wanted if len(w) >= PART_MIN]
        inside = (m for m in _WORD.finditer(body) if any(p in m.group().casefold() for p in parts))
        found = next(inside, None)
    if found is not None:
        start = max(0, found.start() - SNIPPET_CHARS // 3)
        piece = body[start : start + SNIPPET_CHARS].replace("\n", " ")
        more = "…" if start + SNIPPET_CHARS < len(body) else ""
        return ("…" if start else "") + piece + more
    return body[:SNIPPET_CHARS].replace("\n", " ")
