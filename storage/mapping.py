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


def columns_of(kind: type) -> Any:
    """The Core table of a record type (reads and writes skip the ORM: a tenth of its cost)."""
    return table_for(kind).__table__  # type: ignore[attr-defined]


def record_from(kind: type, row: Any) -> Any:
    """The record of a Core row of select(columns_of(kind)), whose columns are its fields."""
    return _builder(kind)(row)


@cache
def _builder(kind: type) -> Any:
    """A function from row to record: names in column order, enums looked up by value."""
    names = tuple(column.name for column in columns_of(kind).columns)
    if set(names) != set(field_names(kind)):
        raise TypeError(f"{kind.__name__}'s table and fields differ: {names}")
    lookups = {name: _by_value(enum) for name, enum in _converters(kind).items()}
    convert = [(name, *lookups[name]) for name in names if name in lookups]

    def build(row: Any) -> Any:
        values = dict(zip(names, row, strict=True))
        for name, members, enum in convert:
            value = values[name]
            if value is not None:
                # A dict look-up, not Enum(value): that was a tenth of turning rows into records.
                values[name] = members.get(value) or enum(value)
        return kind(**values)

    return build


def _by_value(enum: type[Enum]) -> tuple[dict[Any, Enum], type[Enum]]:
    return {member.value: member for member in enum}, enum


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
