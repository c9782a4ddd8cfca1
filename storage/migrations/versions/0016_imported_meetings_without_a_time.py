"""Imported meetings that named no time are whole days, not 12:00 (revision 0016, after 0015)."""

from collections.abc import Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOON = time(12, 0)

meetings = sa.table(
    "meetings",
    sa.column("id", sa.Integer),
    sa.column("starts_at", sa.DateTime(timezone=True)),
    sa.column("agenda_deadline", sa.DateTime(timezone=True)),
    sa.column("time_known", sa.Boolean),
)
imported = sa.table("imported_meetings", sa.column("meeting_id", sa.Integer))


def _local(value: datetime) -> datetime:
    # SQLite hands back naive UTC, PostgreSQL an aware instant.
    aware = value.replace(tzinfo=UTC) if value.utcoffset() is None else value
    return aware.astimezone(STOCKHOLM)


def _stored(value: datetime, dialect: str) -> datetime:
    instant = value.astimezone(UTC)
    return instant.replace(tzinfo=None) if dialect == "sqlite" else instant


def _rewrite(*, to_whole_day: bool) -> None:
    """The importer stored 12:00 when the minutes named no time; a whole day says what is known."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(meetings.c.id, meetings.c.starts_at)
        .where(meetings.c.id.in_(sa.select(imported.c.meeting_id)))
        .where(meetings.c.time_known == to_whole_day)  # what upgrade or downgrade would change
    ).all()
    for meeting_id, starts_at in rows:
        local = _local(starts_at)
        if to_whole_day and local.time() != NOON:
            continue  # a time the minutes did name
        clock = time(0, 0) if to_whole_day else NOON
        moved = _stored(datetime.combine(local.date(), clock, STOCKHOLM), bind.dialect.name)
        bind.execute(
            meetings.update()
            .where(meetings.c.id == meeting_id)
            .values(starts_at=moved, agenda_deadline=moved, time_known=not to_whole_day)
        )


def upgrade() -> None:
    _rewrite(to_whole_day=True)


def downgrade() -> None:
    _rewrite(to_whole_day=False)
