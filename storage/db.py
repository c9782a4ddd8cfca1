"""Where the database is and how to connect to it: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Timeouts:
    """How long to wait for a connection, one statement (0: no limit) and a lock, in seconds."""

    connect: float = 3.0
    statement: float = 10.0
    lock: float = 5.0

    @classmethod
    def from_settings(cls) -> Timeouts:
        from bot.settings import current

        settings = current()
        return cls(
            settings.db_connect_timeout, settings.db_statement_timeout, settings.db_lock_timeout
        )


# Migrations may rebuild tables and wait for another process's migration: no statement limit.
MIGRATION_TIMEOUTS = Timeouts(connect=3.0, statement=0.0, lock=300.0)


def make_engine(
    url: str,
    *,
    schema: str | None = None,
    timeouts: Timeouts | None = None,
    read_only: bool = False,
) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; schema confines PostgreSQL to one schema.

    read_only (SQLite): transactions start deferred and cannot write, so reads never wait for
    the write lock; a read-only command that tried to write would fail, not take the lock.
    """
    if schema is not None:
        url = with_search_path(url, schema)
    timeouts = timeouts or Timeouts.from_settings()
    parsed = _normalised(url)
    if parsed.get_backend_name() == "sqlite":
        # Errors name their statement, never its parameters: they are user text.
        engine = create_engine(parsed, hide_parameters=True)
        _configure_sqlite(
            engine, is_file=_is_file_database(parsed), timeouts=timeouts, read_only=read_only
        )
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(
            _with_server_timeouts(parsed, timeouts),
            # No pre-ping (a round trip before every transaction): the store sends a
            # transaction's first statement again on a new connection when its pooled one
            # turns out to be dead (storage.store.SqlStore._execute).
            hide_parameters=True,
            # A thread waiting for a pooled connection gives up like one waiting to connect.
            pool_timeout=timeouts.connect,
            connect_args={
                # The store's direct statements are prepared by storage.pgwire, once per
                # connection. psycopg's own preparing (after 5 runs of a query) would also
                # send DEALLOCATE ALL after a ROLLBACK TO SAVEPOINT, dropping those too.
                "prepare_threshold": None,
                # libpq counts whole seconds, at least 2.
                "connect_timeout": max(2, math.ceil(timeouts.connect)),
                # A peer that vanished is noticed in about 20 s instead of the kernel's hours.
                "keepalives": 1,
                "keepalives_idle": 10,
                "keepalives_interval": 5,
                "keepalives_count": 2,
                "tcp_user_timeout": 20_000,
            },
        )
    return create_engine(parsed, hide_parameters=True)


def _with_server_timeouts(url: URL, timeouts: Timeouts) -> URL:
    """statement_timeout and lock_timeout set per connection, in libpq's options with the rest."""
    settings = [
        f"-c statement_timeout={int(timeouts.statement * 1000)}",
        f"-c lock_timeout={int(timeouts.lock * 1000)}",
        # A transaction left open by a stalled client must not hold its locks for ever.
        f"-c idle_in_transaction_session_timeout={int(max(timeouts.statement, 10) * 3000)}",
    ]
    existing = url.query.get("options")
    options = " ".join([existing, *settings] if isinstance(existing, str) else settings)
    return url.update_query_dict({"options": options})


def _normalised(url: str) -> URL:
    """The URL with plain postgresql:// (or postgres://) sent to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def _is_file_database(url: URL) -> bool:
    database = url.database or ""
    return database not in ("", ":memory:") and url.query.get("mode") != "memory"


def _configure_sqlite(
    engine: Engine, *, is_file: bool, timeouts: Timeouts, read_only: bool = False
) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # sqlite3 must not open transactions itself: _on_begin does, the way it should.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # First, so that switching to WAL below waits for other processes too.
            cursor.execute(f"PRAGMA busy_timeout = {int(timeouts.lock * 1000)}")
            if is_file and not read_only:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Deleted and overwritten text is zeroed, not left in free pages: forgetting a
            # person (GDPR) must leave no copy of their name in the file.
            cursor.execute("PRAGMA secure_delete = ON")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
        finally:
            cursor.close()
        if timeouts.statement:
            # SQLite has no statement timeout: a progress handler interrupts a statement that
            # runs past its deadline (checked every 100,000 virtual machine steps).
            deadline = record.info["justera_deadline"] = [math.inf]
            dbapi_connection.set_progress_handler(
                lambda: 1 if time.monotonic() > deadline[0] else 0, 100_000
            )

    if timeouts.statement:

        @event.listens_for(engine, "before_cursor_execute")
        def _start_clock(connection: Any, *_args: Any) -> None:
            deadline = connection.connection.info.get("justera_deadline")
            if deadline is not None:
                deadline[0] = time.monotonic() + timeouts.statement

        @event.listens_for(engine, "after_cursor_execute")
        def _stop_clock(connection: Any, *_args: Any) -> None:
            deadline = connection.connection.info.get("justera_deadline")
            if deadline is not None:
                deadline[0] = math.inf

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Taking the write lock at the start makes concurrent writers queue on busy_timeout;
        # a deferred BEGIN would fail them when a reader tries to become a writer. Readers
        # (query_only) never become writers, so theirs is deferred and takes no lock.
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
