"""Database fixtures: tests taking db_url, engine or store_factory run on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

# The tests run from a checkout, with nothing installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
import pytest
from sqlalchemy import Engine, event

from bot.core.ports import StoreFactory
from storage.db import make_engine, with_search_path
from storage.migrate import upgrade
from storage.store import store_factory as make_store_factory

POSTGRES_URL = os.environ.get(
    "JUSTERA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
SKIP_POSTGRES = os.environ.get("JUSTERA_SKIP_POSTGRES") == "1"


def _admin() -> psycopg.Connection:
    connection = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)
    # A test that leaks an open transaction must not hang the DROP SCHEMA at teardown.
    connection.execute("SET lock_timeout = '20s'")
    return connection


@pytest.fixture(scope="session")
def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, asked once per run; None when it can."""
    try:
        _admin().close()
    except psycopg.OperationalError as error:
        return f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}".strip()
    return None


@contextmanager
def _fresh_schema() -> Iterator[str]:
    """A schema of its own, dropped with everything in it afterwards; yields its name."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with _admin() as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema
    finally:
        with _admin() as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _require_postgres(problem: str | None) -> None:
    if problem is not None:
        if SKIP_POSTGRES:
            pytest.skip(f"{problem} (JUSTERA_SKIP_POSTGRES=1)")
        pytest.fail(
            f"{problem}\nStart it, point JUSTERA_TEST_POSTGRES_URL at another "
            "server, or set JUSTERA_SKIP_POSTGRES=1 to skip the PostgreSQL tests.",
            pytrace=False,
        )


@pytest.fixture
def postgres_schema_url(_postgres_problem: str | None) -> Iterator[str]:
    """A URL into a fresh schema of its own, dropped with everything in it afterwards."""
    _require_postgres(_postgres_problem)
    with _fresh_schema() as schema:
        yield with_search_path(POSTGRES_URL, schema)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, not migrated: a SQLite file, or a PostgreSQL schema of its own.

    The PostgreSQL URL carries the schema as its search_path, so make_engine, upgrade and a
    child process given it in $JUSTERA_DATABASE_URL all land there.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'justera.db'}"
    return request.getfixturevalue("postgres_schema_url")


# Migrating a fresh database takes about half a second (ten Alembic revisions), and most tests
# need one: the suite migrates once per run and copies the result. SQLite copies the migrated
# file; PostgreSQL replays the statements the real upgrade ran. Tests of the migrations
# themselves call upgrade() on an empty db_url and are not affected.


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated by Alembic once per run, closed so that no WAL is left beside it."""
    path = tmp_path_factory.mktemp("template") / "justera.db"
    upgrade(f"sqlite:///{path}")
    # Fold any write-ahead log into the file, so a plain copy holds the whole schema.
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _recorded_upgrade(url: str) -> list[tuple[str, object, bool]]:
    """Runs the real upgrade on url and returns every statement it executed but the reads."""
    statements: list[tuple[str, object, bool]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if not statement.lstrip().upper().startswith(("SELECT", "SHOW")):
            statements.append((statement, parameters, executemany))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        upgrade(url)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return statements


def _shape(schema: str) -> list[tuple[str, ...]]:
    """The schema's columns, indexes, triggers and revision, to check a replay against."""
    queries = [
        "SELECT table_name, column_name, data_type, column_default, is_nullable "
        "FROM information_schema.columns WHERE table_schema = %(s)s ORDER BY 1, 2",
        "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = %(s)s ORDER BY 1, 2",
        "SELECT event_object_table, trigger_name, action_statement "
        "FROM information_schema.triggers WHERE trigger_schema = %(s)s ORDER BY 1, 2",
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = %(s)s::regnamespace ORDER BY 1, 2",
        f"SELECT version_num FROM {schema}.alembic_version",
    ]
    with _admin() as admin:
        rows = [row for query in queries for row in admin.execute(query, {"s": schema})]
    return [tuple(str(value).replace(schema, "<schema>") for value in row) for row in rows]


@pytest.fixture(scope="session")
def _postgres_template(_postgres_problem: str | None) -> list[tuple[str, object, bool]]:
    """The statements of one real upgrade, checked once to rebuild exactly the same schema."""
    _require_postgres(_postgres_problem)
    with _fresh_schema() as template, _fresh_schema() as replica:
        statements = _recorded_upgrade(with_search_path(POSTGRES_URL, template))
        _replay(with_search_path(POSTGRES_URL, replica), statements)
        if _shape(replica) != _shape(template):
            pytest.fail("Replaying the recorded migrations did not rebuild the migrated schema.")
    return statements


def _replay(url: str, statements: list[tuple[str, object, bool]]) -> None:
    libpq_url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(libpq_url) as connection, connection.cursor() as cursor:
        for statement, parameters, many in statements:
            if many:
                cursor.executemany(statement, parameters)
            else:
                cursor.execute(statement, parameters or None)


@pytest.fixture
def migrated_url(request: pytest.FixtureRequest, db_url: str) -> str:
    """db_url, migrated to the newest schema (a copy of the run's one real migration)."""
    if db_url.startswith("sqlite"):
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), db_url.split("///", 1)[1])
    else:
        _replay(db_url, request.getfixturevalue("_postgres_template"))
    return db_url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    """An engine on db_url, migrated to the newest schema."""
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store_factory(engine: Engine) -> StoreFactory:
    return make_store_factory(engine)


@pytest.fixture
def sqlite_url(tmp_path: Path, _sqlite_template: Path) -> str:
    """A migrated SQLite file, for tests that need just one database."""
    path = tmp_path / "justera.db"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"
