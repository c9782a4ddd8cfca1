"""Migrations carry real data forward: a database made by an older release upgrades in place."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade


def test_upgrading_from_0001_keeps_rows_and_fills_the_new_columns(db_url: str) -> None:
    command.upgrade(alembic_config(db_url), "0001")
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO groups (key, name, created_at) VALUES ('FSG', 'F', :at)"),
            {"at": "2026-01-01 10:00:00+00:00"},
        )
    upgrade(db_url)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT key, agenda_reminder_days, justering_reminder_days FROM groups")
        ).one()
        tables = connection.execute(text("SELECT count(*) FROM reminders")).scalar_one()
    engine.dispose()
    assert tuple(row) == ("FSG", "3,1", "2,5")
    assert tables == 0
