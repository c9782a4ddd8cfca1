"""Copies between the core's dataclass records and their table rows, field for field."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from storage.tables import TABLES, Table


def table_for(kind: type) -> type[Table]:
    try:
        return TABLES[kind]
    except KeyError:
        raise TypeError(f"{kind!r} is not a record type of bot.core.model") from None


@cache
def field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def to_column(value: Any) -> Any:
    """A record value as the database takes it.

    Enums go in as plain strings: the columns are VARCHAR, and a driver may adapt an Enum by
    its name rather than its value (psycopg does for a plain Enum).
    Naive datetimes are refused here, before SQLAlchemy wraps the error in its own.
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: give it a time zone")
    return value


def row_values(record: Any) -> dict[str, Any]:
    """Every field of a record except its id, ready for the row."""
    return {
        name: to_column(getattr(record, name)) for name in field_names(type(record)) if name != "id"
    }


def to_row(record: Any) -> Table:
    return table_for(type(record))(**row_values(record))


def from_row(kind: type, row: Table) -> Any:
    converters = _converters(kind)
    values = {}
    for name in field_names(kind):
        value = getattr(row, name)
        convert = converters.get(name)
        values[name] = value if value is None or convert is None else convert(value)
    return kind(**values)


@cache
def _converters(kind: type) -> dict[str, type[Enum]]:
    """The enum type of each enum field (plain or optional), which the rows hold as strings."""
    found = {}
    for name, hint in typing.get_type_hints(kind).items():
        candidates = typing.get_args(hint) if _is_union(hint) else (hint,)
        enums = [c for c in candidates if isinstance(c, type) and issubclass(c, Enum)]
        if enums:
            found[name] = enums[0]
    return found


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)
