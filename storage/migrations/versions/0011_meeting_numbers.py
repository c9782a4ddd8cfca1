"""Per-group meeting numbers: a group's first meeting is #1 (revision 0011, after 0010)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=False, server_default="0"))
    # Existing meetings are numbered per group in the order they are held (id breaks ties),
    # so the numbers people have seen stay in the same order.
    meetings = sa.table(
        "meetings",
        sa.column("id", sa.Integer),
        sa.column("group_id", sa.Integer),
        sa.column("starts_at", sa.DateTime),
        sa.column("number", sa.Integer),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(meetings.c.id, meetings.c.group_id).order_by(
            meetings.c.group_id, meetings.c.starts_at, meetings.c.id
        )
    ).all()
    counts: dict[int, int] = {}
    for meeting_id, group_id in rows:
        counts[group_id] = counts.get(group_id, 0) + 1
        bind.execute(
            meetings.update().where(meetings.c.id == meeting_id).values(number=counts[group_id])
        )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.alter_column("number", server_default=None)
        batch_op.create_unique_constraint(
            batch_op.f("uq_meetings_group_id_number"), ["group_id", "number"]
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_meetings_group_id_number"), type_="unique")
        batch_op.drop_column("number")
