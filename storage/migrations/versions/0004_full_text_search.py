"""Full-text search of minutes (revision 0004, after 0003)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("item_number", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_search_entries_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_search_entries_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entries")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("search_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_entries_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_search_entries_meeting_id"), ["meeting_id"], unique=False
        )
    # Written by hand: each database's own full-text machinery, which models cannot describe.
    if op.get_bind().dialect.name == "sqlite":
        # Swedish stems computed by the application (storage.fulltext.stems); å/ä/ö kept.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(stems, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.execute(
            "CREATE INDEX ix_search_entries_fts ON search_entries "
            "USING gin (to_tsvector('swedish', title || ' ' || body))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP INDEX ix_search_entries_fts")
    with op.batch_alter_table("search_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_entries_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_search_entries_group_id"))

    op.drop_table("search_entries")
