"""What an imported file said beyond the meeting: group kind, justerare, report (revision 0006)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("content_key", sa.String(length=64), nullable=False),
        sa.Column("group_kind", sa.String(length=64), nullable=False),
        sa.Column("justerare", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_imported_meetings_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_meetings")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_imported_meetings_meeting_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("imported_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_meetings_content_key"), ["content_key"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("imported_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_meetings_content_key"))

    op.drop_table("imported_meetings")
