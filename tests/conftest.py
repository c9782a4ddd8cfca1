"""Database fixtures: tests taking db_url, engine or store_factory run on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

# The tests run from a checkout, with nothing installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
import pytest
from sqlalchemy import Engine

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


@pytest.fixture
def postgres_schema_url(_postgres_problem: str | None) -> Iterator[str]:
    """A URL into a fresh schema of its own, dropped with everything in it afterwards."""
    if _postgres_problem is not None:
        if SKIP_POSTGRES:
            pytest.skip(f"{_postgres_problem} (JUSTERA_SKIP_POSTGRES=1)")
        pytest.fail(
            f"{_postgres_problem}\nStart it, point JUSTERA_TEST_POSTGRES_URL at another "
            "server, or set JUSTERA_SKIP_POSTGRES=1 to skip the PostgreSQL tests.",
            pytrace=False,
        )
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with _admin() as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(POSTGRES_URL, schema)
    finally:
        with _admin() as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


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


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on db_url, migrated to the newest schema."""
    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store_factory(engine: Engine) -> StoreFactory:
    return make_store_factory(engine)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A migrated SQLite file, for tests that need just one database."""
    url = f"sqlite:///{tmp_path / 'justera.db'}"
    upgrade(url)
    return url
