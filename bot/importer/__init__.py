"""Import of old samverkan minutes (.txt, .docx, .pdf) into meeting facts, items and decisions."""

from __future__ import annotations

from pathlib import Path

from bot.importer.cleaning import clean_text, content_key
from bot.importer.parse import ImportedItem, ImportedMinutes, parse_minutes
from bot.importer.readers import UnreadableFile, read_document, read_text


def import_file(path: Path | str) -> ImportedMinutes:
    """Read and parse one minutes file; raises UnreadableFile for what cannot be read."""
    text, headings = read_document(path)
    return parse_minutes(text, source=Path(path).name, headings=headings)


__all__ = [
    "ImportedItem",
    "ImportedMinutes",
    "UnreadableFile",
    "clean_text",
    "content_key",
    "import_file",
    "parse_minutes",
    "read_document",
    "read_text",
]
