"""Where the database is and how to connect to it: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

DATABASE_URL_ENV = "JUSTERA_DATABASE_URL"

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def default_database_url() -> str:
    """$JUSTERA_DATABASE_URL, else a SQLite file under $XDG_DATA_HOME/justera."""
    from bot.settings import load

    return load().database()


def with_search_path(url: str, schema: str) -> str:
    """The PostgreSQL URL with its connections confined to one schema.

    The schema travels in the URL as libpq's `options` parameter, which SQLAlchemy hands to
    psycopg.connect as a connect argument, so the same string works for make_engine, the
    migrations and $JUSTERA_DATABASE_URL of a child process.
    """
    if not _SCHEMA_NAME.fullmatch(schema):
        raise ValueError(f"schema name {schema!r} is not a plain lower-case identifier")
    parsed = _normalised(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"only PostgreSQL has schemas, not {parsed.get_backend_name()}")
    search_path = f"-csearch_path={schema}"
    existing = parsed.query.get("options")
    options = f"{existing} {search_path}" if isinstance(existing, str) else search_path
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; schema confines PostgreSQL to one schema."""
    if schema is not None:
        url = with_search_path(url, schema)
    parsed = _normalised(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed)
        _configure_sqlite(engine, is_file=_is_file_database(parsed))
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    return create_engine(parsed)


def _normalised(url: str) -> URL:
    """The URL with plain postgresql:// (or postgres://) sent to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def _is_file_database(url: URL) -> bool:
    database = url.database or ""
    return database not in ("", ":memory:") and url.query.get("mode") != "memory"


def _configure_sqlite(engine: Engine, *, is_file: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # sqlite3 must not open transactions itself: _on_begin does, the way it should.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # First, so that switching to WAL below waits for other processes too.
            cursor.execute("PRAGMA busy_timeout = 30000")
            if is_file:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Taking the write lock at the start makes concurrent writers queue on busy_timeout;
        # a deferred BEGIN would fail them when a reader tries to become a writer.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
