"""Reminders and the årsklocka (revision 0002, after 0001)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "year_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_year_rules_group_id_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_rules")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("year_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_year_rules_group_id"), ["group_id"], unique=False)

    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("target_ref", sa.String(length=255), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_reminders_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_reminders_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("key", name=op.f("uq_reminders_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("ix_reminders_due", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminders_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminders_meeting_id"), ["meeting_id"], unique=False)

    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        # Existing rows get the models' defaults; the server default only serves this step.
        batch_op.add_column(
            sa.Column("source_key", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_agenda_items_source_key"), ["source_key"], unique=False
        )

    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "agenda_reminder_days", sa.String(length=64), nullable=False, server_default="3,1"
            )
        )
        batch_op.add_column(
            sa.Column(
                "justering_reminder_days",
                sa.String(length=64),
                nullable=False,
                server_default="2,5",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_column("justering_reminder_days")
        batch_op.drop_column("agenda_reminder_days")

    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_source_key"))
        batch_op.drop_column("source_key")

    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_reminders_group_id"))
        batch_op.drop_index("ix_reminders_due")

    op.drop_table("reminders")
    with op.batch_alter_table("year_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_year_rules_group_id"))

    op.drop_table("year_rules")
