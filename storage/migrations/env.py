"""Alembic environment: migrates the URL or connection given in the Config, else the default."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection

from storage.db import MIGRATION_TIMEOUTS, default_database_url, make_engine
from storage.fulltext import not_in_models
from storage.tables import metadata
from storage.types import UtcDateTime

config = context.config

# Only the alembic command line has an ini file; the application keeps its own logging.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    return (
        config.attributes.get("url")
        or config.get_main_option("sqlalchemy.url")
        or default_database_url()
    )


def _render_item(type_: str, obj: Any, _autogen_context: Any) -> str | bool:
    # A migration must not import application types, which may change after it is written.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=metadata,
        render_item=_render_item,
        compare_type=True,
        include_object=not_in_models,
        **options,
    )


def _migrate(connection: Connection) -> None:
    # SQLite alters a table by copying it, which only batch mode knows how to do.
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Without this, copying a referenced table in batch mode fails or cascades on DROP.

    The pragma only works outside a transaction, so it goes to the driver connection.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def _check_sqlite_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left dangling foreign keys: {broken[:5]}")


def _migrate_in_one_transaction(connection: Connection) -> None:
    # On SQLite too, so a failed upgrade changes nothing.
    with connection.begin():
        _migrate(connection)
        _check_sqlite_foreign_keys(connection)


def run_offline() -> None:
    url = _url()
    _configure(url=url, literal_binds=True, render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:
        _migrate(given)
        return
    engine = make_engine(_url(), timeouts=MIGRATION_TIMEOUTS)
    try:
        with engine.connect() as connection, _sqlite_foreign_keys_off(connection):
            _migrate_in_one_transaction(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
