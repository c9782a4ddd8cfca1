"""Brings a database's schema up to date under an advisory lock, or takes it away (Alembic)."""

# On PostgreSQL an upgrade holds an advisory lock for its transaction, so replicas (or a
# migration job and a replica) that start together migrate one after the other: the second finds
# the schema at head and does nothing.

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage.db import MIGRATION_TIMEOUTS, make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock's key: "justera" in ASCII, so other applications' locks do not clash.
ADVISORY_LOCK_KEY = 0x6A7573746572


def alembic_config(url: str) -> Config:
    """A Config that needs no alembic.ini, so migrations run from an installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = url
    return config


def upgrade(url: str) -> None:
    if not url.startswith("postgres"):
        command.upgrade(alembic_config(url), "head")
        return
    engine = make_engine(url, timeouts=MIGRATION_TIMEOUTS)
    try:
        with engine.connect() as connection, connection.begin():
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
            )
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def downgrade_to_base(url: str) -> None:
    command.downgrade(alembic_config(url), "base")


def heads() -> tuple[str, ...]:
    """The revisions the code expects (one, unless migrations were merged badly)."""
    return tuple(ScriptDirectory.from_config(alembic_config("")).get_heads())


def current(url: str) -> tuple[str, ...]:
    """The revisions the database is at; empty when it was never migrated."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()


def is_current(url: str) -> bool:
    return set(current(url)) == set(heads())
