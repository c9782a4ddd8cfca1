"""The one check every stored text passes: normalised, no identity number, no forbidden word."""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any

from bot.core.catalogue import CATALOGUE
from bot.core.model import AgendaItem, Group, Meeting, MinutesVersion
from bot.core.normalise import normalise
from bot.core.privacy import check_text
from bot.core.texts import T, UserError

# Text fields that are not checked, and why. Everything else of type str in a record of
# bot.core.model is checked on every add and update, new fields included, with no list to
# keep: a field is exempt only by being named here. References (`*_ref`) are ids that
# adapters make (Slack's U123, a message ts), never text a person types.
EXEMPT: dict[tuple[str, str], str] = {
    ("Group", "agenda_reminder_days"): "digits and commas, parsed before they are stored",
    ("Group", "justering_reminder_days"): "digits and commas, parsed before they are stored",
    ("Decision", "decided_by"): "a user reference",
    ("MinutesVersion", "posted_by"): "a user reference",
    ("MinutesVersion", "content_hash"): "a SHA-256 of the text",
    ("MinutesVersion", "text"): "rendered from checked fields; changing it would break its hash",
    ("AuditEntry", "action"): "an operation's name",
    ("AuditEntry", "detail"): "references and counts written by the code, never user text",
    ("ProcessedRequest", "key"): "a platform's delivery id",
    ("ProcessedRequest", "reply"): "the reply rendered from checked fields",
    ("Reminder", "key"): "made by the code from ids and dates",
    ("Reminder", "detail"): "JSON parameters rendered from checked fields",
    ("Reminder", "claimed_by"): "a worker's id",
    ("AgendaItem", "source_key"): "made by the code from a rule id and a year",
}

# Fields that hold the forbidden words themselves: checked for identity numbers only.
_WORD_LISTS = {("Group", "forbidden_words")}


def exempt(kind: type, name: str) -> bool:
    return name.endswith("_ref") or (kind.__name__, name) in EXEMPT


@cache
def text_fields(kind: type) -> tuple[str, ...]:
    """The fields of a record type that hold text (str, or str or None)."""
    hints = typing.get_type_hints(kind)
    return tuple(
        f.name
        for f in dataclasses.fields(kind)
        if hints[f.name] is str or set(typing.get_args(hints[f.name])) == {str, type(None)}
    )


@cache
def checked_fields(kind: type) -> tuple[str, ...]:
    return tuple(name for name in text_fields(kind) if not exempt(kind, name))


def check_record(store: Any, record: Any, changed: set[str] | None = None) -> None:
    """Normalise and check the record's text fields in place; refuse it naming the field.

    Called by the store on every add (all fields) and update (the fields that changed, so
    that text stored before a rule existed never blocks an unrelated change).
    """
    kind = type(record)
    names = [n for n in checked_fields(kind) if changed is None or n in changed]
    texts = {n: getattr(record, n) for n in names if getattr(record, n)}
    if not texts:
        return
    words: tuple[str, ...] | None = None
    for name, value in texts.items():
        field = _field_label(kind, name)
        try:
            value = normalise(value)
            if words is None:
                words = _forbidden_words(store, record)
            allowed = () if (kind.__name__, name) in _WORD_LISTS else words
            check_text(value, forbidden_words=allowed)
        except UserError as error:
            error.params.setdefault("field", field)
            raise
        setattr(record, name, value)


def _field_label(kind: type, name: str) -> T:
    for key in (f"field_{kind.__name__.lower()}_{name}", f"field_{name}"):
        if key in CATALOGUE:
            return T(key)
    return T("field_text")


def _forbidden_words(store: Any, record: Any) -> tuple[str, ...]:
    group = record if isinstance(record, Group) else _group_of(store, record)
    if group is None:
        return ()
    return tuple(w.strip() for w in group.forbidden_words.split("\n") if w.strip())


def _group_of(store: Any, record: Any) -> Group | None:
    """The group a record belongs to, through whichever link it has; None for none."""
    # Links between records never change, so one transaction looks each up once.
    cache: dict[tuple[type, int], Any] = store.__dict__.setdefault("_guard_links", {})

    def get(kind: type, record_id: int | None) -> Any:
        if record_id is None:
            return None
        if (kind, record_id) not in cache:
            cache[kind, record_id] = store.get(kind, record_id)
        return cache[kind, record_id]

    group_id = getattr(record, "group_id", None)
    if group_id is None:
        meeting_id = getattr(record, "meeting_id", None)
        if meeting_id is None:
            item = get(AgendaItem, getattr(record, "item_id", None))
            version = get(MinutesVersion, getattr(record, "version_id", None))
            meeting_id = (item or version).meeting_id if (item or version) else None
        meeting = get(Meeting, meeting_id)
        group_id = meeting.group_id if meeting else None
    # The group itself is read afresh: its forbidden words may have just changed.
    return store.get(Group, group_id) if group_id is not None else None
