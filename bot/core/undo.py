"""What a correction changed, kept as before-images so that /ångra can put it back."""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from bot.core import model
from bot.core.model import Change, Meeting
from bot.core.ports import Store

KINDS: dict[str, type] = {kind.__name__: kind for kind in model.RECORD_TYPES}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def image(record: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _revive(kind: type, fields: dict[str, Any]) -> Any:
    values = {}
    for name, value in fields.items():
        hint = _hints(kind)[name]
        options = typing.get_args(hint) or (hint,)
        if value is not None:
            for option in options:
                if isinstance(option, type) and issubclass(option, Enum):
                    value = option(value)
                elif option is datetime:
                    value = datetime.fromisoformat(value)
                elif option is date:
                    value = date.fromisoformat(value)
        values[name] = value
    return kind(**values)


class Recorder:
    """Collects, before a correction writes, how each touched record looked."""

    def __init__(self) -> None:
        self.before: list[dict[str, Any]] = []
        self._seen: set[tuple[str, int]] = set()

    def changing(self, record: Any) -> None:
        """Call before updating or deleting a stored record."""
        key = (type(record).__name__, record.id)
        if key not in self._seen:
            self._seen.add(key)
            self.before.append({"kind": key[0], "id": record.id, "fields": image(record)})

    def added(self, record: Any) -> None:
        """Call after adding a record: taking the change back removes it."""
        key = (type(record).__name__, record.id)
        self._seen.add(key)
        self.before.append({"kind": key[0], "id": record.id, "fields": None})

    def save(self, store: Store, meeting: Meeting, actor_ref: str, at: datetime, action: str):
        if self.before:
            store.add(
                Change(
                    meeting_id=meeting.id,
                    actor_ref=actor_ref,
                    at=at,
                    action=action,
                    before=json.dumps(self.before, ensure_ascii=False),
                )
            )


def last_change(store: Store, meeting: Meeting, actor_ref: str) -> Change | None:
    mine = [
        c for c in store.find(Change, meeting_id=meeting.id, actor_ref=actor_ref) if not c.undone
    ]
    return max(mine, key=lambda c: c.id) if mine else None


def restore(store: Store, change: Change) -> None:
    """Put every record the change touched back as it was (a removed one as a new row)."""
    for touched in reversed(json.loads(change.before)):
        kind = KINDS[touched["kind"]]
        current = store.get(kind, touched["id"])
        fields = touched["fields"]
        if fields is None:
            if current is not None:
                store.delete(current)
            continue
        record = _revive(kind, fields)
        if current is None:
            record.id = None
            store.add(record)
        else:
            store.update(record)
    change.undone = True
    store.update(change)
