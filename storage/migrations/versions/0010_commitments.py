"""Commitments made at meetings, uppföljning (revision 0010, after 0009)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responsible_ref", sa.String(length=255), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_from", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.String(length=255), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_in_meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["closed_in_meeting_id"],
            ["meetings.id"],
            name=op.f("fk_commitments_closed_in_meeting_id_meetings"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_commitments_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_commitments_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_commitments_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitments_closed_in_meeting_id"),
            ["closed_in_meeting_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_commitments_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_commitments_responsible_ref"), ["responsible_ref"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_responsible_ref"))
        batch_op.drop_index(batch_op.f("ix_commitments_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_item_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_group_id"))
        batch_op.drop_index(batch_op.f("ix_commitments_closed_in_meeting_id"))

    op.drop_table("commitments")
