"""The store's fixed statements, compiled once per dialect and sent straight to the driver."""

# Why: SQLAlchemy's execution context (parameter processing, the result's metadata from the
# cursor's description, its row objects) was most of a statement's CPU for the store's fixed
# statements, whose SQL, parameters and column types never change. Each is compiled once by
# SQLAlchemy, with its types' own processors, and then run on the DBAPI cursor the way
# SQLAlchemy runs its own special-case statements (its cursor events and error handling).

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, exc
from sqlalchemy.sql import Insert

# Statements the store builds once per process (see store._select and the others), by id.
_DIRECT: dict[int, Any] = {}
_COMPILED: dict[tuple[int, str, tuple[str, ...]], Compiled | None] = {}


def direct(statement: Any) -> Any:
    """Marks a statement built once per process as one to send straight to the driver."""
    _DIRECT[id(statement)] = statement  # kept alive, so its id is never reused
    return statement


def is_direct(statement: Any) -> bool:
    return id(statement) in _DIRECT


@dataclass(frozen=True)
class Compiled:
    sql: str
    order: tuple[str, ...] | None  # parameter names in order (qmark), None when named
    binds: tuple[tuple[str, Any], ...]  # (name, processor) for the parameters that have one
    results: tuple[tuple[int, Any], ...]  # (position, processor) for columns that have one
    returns_rows: bool
    returns_id: bool  # an INSERT whose RETURNING gives the new id


class Result:
    """The few parts of a CursorResult the store reads: rows, one row, the count, the id."""

    __slots__ = ("_id", "_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int, new_id: Any = None) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self._id = new_id

    def __iter__(self) -> Any:
        return iter(self._rows)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if len(self._rows) != 1:
            raise exc.NoResultFound() if not self._rows else exc.MultipleResultsFound()
        return self._rows[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    @property
    def inserted_primary_key(self) -> tuple[Any, ...]:
        return (self._id,)


def compiled_for(statement: Any, connection: Connection, params: dict[str, Any]) -> Any:
    """The statement's compiled form for this dialect and these parameter names (None: not
    one to send directly, e.g. an IN list, whose SQL depends on its values)."""
    dialect = connection.dialect
    key = (id(statement), dialect.name, tuple(params))
    try:
        return _COMPILED[key]
    except KeyError:
        pass
    made = _compile(statement, dialect, tuple(params))
    _COMPILED[key] = made
    return made


def _compile(statement: Any, dialect: Any, names: tuple[str, ...]) -> Compiled | None:
    returns_id = False
    returning = list(statement._returning) if isinstance(statement, Insert) else []
    if isinstance(statement, Insert) and not returning:
        table = statement.table
        # Every column with a default of its own must be given: defaults are not filled here.
        if any(c.default is not None and c.key not in names for c in table.columns):
            return None
        if dialect.insert_returning:
            statement = statement.returning(*table.primary_key.columns)
            returns_id = True
    compiled = statement.compile(dialect=dialect, column_keys=list(names))
    if any(b.expanding or b.callable is not None for b in compiled.binds.values()):
        return None
    if set(compiled.binds) != set(names) or compiled.literal_execute_params:
        return None
    binds = []
    for name, bind in compiled.binds.items():
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            binds.append((name, processor))
    results = []
    columns = returning or list(getattr(statement, "selected_columns", ()))
    if returns_id:
        columns = list(statement.table.primary_key.columns)
    for position, column in enumerate(columns):
        processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if processor is not None:
            results.append((position, processor))
    positional = dialect.paramstyle in ("qmark", "numeric", "format")
    sql, order = compiled.string, tuple(compiled.positiontup or ()) if positional else None
    if dialect.driver == "psycopg" and not compiled.escaped_bind_names:
        sql, order = _numbered(sql)
    return Compiled(
        sql=sql,
        order=order,
        binds=tuple(binds),
        results=tuple(results),
        returns_rows=bool(columns),
        returns_id=returns_id,
    )


_NAMED = re.compile(r"%\(([^)]+)\)s|%%")


def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """pyformat SQL as PostgreSQL's own `$n` placeholders, and the names in their order.

    Why: psycopg converts a query with named parameters on every execute (the SQL encoded,
    its cached parse looked up, the mapping put in order); a raw cursor takes `$n` SQL and a
    list as they are. A literal `%` is no longer doubled there.
    """
    order: list[str] = []

    def number(found: re.Match[str]) -> str:
        name = found.group(1)
        if name is None:
            return "%"
        if name not in order:
            order.append(name)
        return f"${order.index(name) + 1}"

    return _NAMED.sub(number, sql), tuple(order)


def cursor_for(connection: Connection) -> Any:
    """The DBAPI cursor for direct statements: on psycopg one for the `$n` SQL that prepares
    each statement once per connection (storage.pgwire)."""
    if connection.dialect.driver == "psycopg":
        from storage.pgwire import LeanCursor

        pooled = connection.connection
        driver = pooled.driver_connection
        kept = pooled.info.get("justera_prepared")
        if kept is None or kept[0] is not driver:
            kept = pooled.info["justera_prepared"] = (driver, {})
        return LeanCursor(driver, kept[1])
    return connection.connection.cursor()


def execute(
    connection: Connection, cursor: Any, compiled: Compiled, params: dict[str, Any]
) -> Result:
    """Run the compiled statement on the connection's DBAPI cursor.

    Through the connection's own _cursor_execute, as SQLAlchemy runs its special-case
    statements: its cursor events fire, and a driver error is raised as SQLAlchemy's own,
    with a lost connection (and the pool's other connections) invalidated as usual.
    """
    if compiled.binds:
        params = dict(params)
        for name, processor in compiled.binds:
            params[name] = processor(params[name])
    parameters: Any = params if compiled.order is None else [params[n] for n in compiled.order]
    connection._cursor_execute(cursor, compiled.sql, parameters)
    rows: list[Any] = []
    if compiled.returns_rows:
        try:
            rows = cursor.fetchall()
        except connection.dialect.loaded_dbapi.Error as error:
            connection._handle_dbapi_exception(error, compiled.sql, parameters, cursor, None)
    if compiled.results:
        rows = [list(row) for row in rows]
        for row in rows:
            for position, processor in compiled.results:
                row[position] = processor(row[position])
    if compiled.returns_id:
        return Result([], cursor.rowcount, rows[0][0])
    return Result(rows, cursor.rowcount, getattr(cursor, "lastrowid", None))
