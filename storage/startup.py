"""Start-up: wait for the database (one log line per attempt), then migrate or check the schema."""

from __future__ import annotations

import logging
import time

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine
from storage.migrate import current, heads, upgrade

log = logging.getLogger(__name__)


class StartupError(RuntimeError):
    """The app cannot start; the message is the one line the operator reads."""


def where(url: str) -> str:
    """The database without its password, for log lines."""
    return make_url(url).render_as_string(hide_password=True).split("?")[0]


def wait_for_database(url: str, attempts: int, wait: float) -> None:
    """Connect, or try again `attempts` times `wait` seconds apart; a connect times out itself."""
    engine = make_engine(url)
    try:
        for attempt in range(1, attempts + 1):
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return
            except Exception as error:  # refused, timed out, DNS: each is one line, no traceback
                reason = str(getattr(error, "orig", None) or error).strip().splitlines()
                line = f"{type(error).__name__}: {reason[0] if reason else ''}"
                if attempt == attempts:
                    raise StartupError(
                        f"the database {where(url)} did not answer in {attempts} attempts ({line})"
                    ) from None
                log.warning(
                    "database %s not reachable (attempt %d of %d): %s; trying again in %.1f s",
                    where(url),
                    attempt,
                    attempts,
                    line,
                    wait,
                )
                time.sleep(wait)
    finally:
        engine.dispose()


def prepare(url: str, *, migrate: bool, attempts: int = 1, wait: float = 0.0) -> None:
    """Ready to serve: reachable, and migrated (migrate=True) or found already migrated."""
    wait_for_database(url, attempts, wait)
    if migrate:
        upgrade(url)
        return
    found, wanted = set(current(url)), set(heads())
    if found != wanted:
        raise StartupError(
            f"the database {where(url)} is at revision {', '.join(sorted(found)) or 'none'} but "
            f"this version needs {', '.join(sorted(wanted))}: run `justera db upgrade` first "
            "(JUSTERA_MIGRATE_ON_START=false)"
        )
