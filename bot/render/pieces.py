"""Long text cut into pieces within a platform's limit, on line ends where it can."""

from __future__ import annotations


def split_lines(text: str, limit: int) -> list[str]:
    """Pieces of text within limit, split on line ends; an over-long line is cut at a space."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            pieces += [current] if current else []
            current = ""
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]
