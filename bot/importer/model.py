"""The imported meeting and its items, as the parser hands them on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OPENING = "Inledning"


@dataclass(frozen=True)
class ImportedItem:
    """One agenda item: section in SECTIONS, decision in DECISIONS ("" when none is stated)."""

    section: str
    title: str
    presenter: str = ""
    text: str = ""
    decision: str = ""


@dataclass(frozen=True)
class ImportedMinutes:
    """What one file says; `recognised` is the per-file report, `unstructured` what was not placed.

    justerare: (name, party) pairs, party "" when the minutes do not say. warnings: what a person
    should look at before the text is archived (something like a personnummer).
    """

    date: date | None = None
    place: str = ""
    group_kind: str = ""
    group_name: str = ""
    protocol_number: str = ""
    dnr: str = ""
    justerare: list[tuple[str, str]] = field(default_factory=list)
    items: list[ImportedItem] = field(default_factory=list)
    time: str = ""  # "13:00" when the minutes say when the meeting began
    uncertain: list[str] = field(default_factory=list)  # what a person should check
    recognised: list[str] = field(default_factory=list)
    unstructured: str = ""
    full_text: str = ""
    source: str = ""
    warnings: list[str] = field(default_factory=list)
