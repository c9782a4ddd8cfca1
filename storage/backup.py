"""Backup and restore of the embedded SQLite database with SQLite's online backup API."""

# PostgreSQL has its own tools (pg_dump, pg_restore, point-in-time recovery): see the README.

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """One sentence for the operator: what went wrong and what to do instead."""


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BackupError(
            "justera backup och restore gäller SQLite; för PostgreSQL använd pg_dump och "
            "pg_restore, till exempel `pg_dump -Fc -f justera.dump $JUSTERA_DATABASE_URL`."
        )
    return Path(parsed.database)


def backup(url: str, target: Path) -> None:
    """A consistent copy even while the bot writes: the backup API copies page by page."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"Det finns ingen databas i {source_path} att säkerhetskopiera.")
    if target.exists():
        raise BackupError(f"{target} finns redan; välj ett nytt filnamn, t.ex. justera-ny.db.")
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def restore(url: str, backup_file: Path, *, replace: bool = False) -> None:
    """The backup becomes the database; stop the bot first (it holds the old file open)."""
    target_path = sqlite_path(url)
    if not backup_file.exists():
        raise BackupError(f"{backup_file} finns inte; ange en fil från justera backup.")
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        try:
            known = source.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError:
            known = []
        if not known:
            raise BackupError(f"{backup_file} är ingen Justera-databas (ingen schemaversion).")
        if target_path.exists() and not replace:
            raise BackupError(
                f"{target_path} finns redan; stoppa Justera och kör igen med --yes för att "
                "ersätta den."
            )
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
