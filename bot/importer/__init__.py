"""Import of old samverkan minutes (.txt, .docx, .pdf) into meeting facts, items and decisions."""

from bot.importer.cleaning import clean_text, content_key
from bot.importer.parse import ImportedItem, ImportedMinutes, parse_minutes

__all__ = [
    "ImportedItem",
    "ImportedMinutes",
    "clean_text",
    "content_key",
    "parse_minutes",
]
