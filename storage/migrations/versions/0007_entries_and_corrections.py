"""Entries in recorded order, corrections, standing items and house styles (revision 0007)."""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "standing_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_standing_items_group_id_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standing_items")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("standing_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_standing_items_group_id"), ["group_id"], unique=False)
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("actor_ref", sa.String(length=255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_changes_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_changes_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("author_ref", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("party_ids", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_entries_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("item_id", "seq", name=op.f("uq_entries_item_id_seq")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_entry_seq", sa.Integer(), nullable=False, server_default="0")
        )
    _copy_notes_and_statements()
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_party_id"))
    op.drop_table("statements")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_item_id"))
    op.drop_table("notes")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        for name, kind in (
            ("unit", sa.String(200)),
            ("style", sa.String(64)),
            ("style_text", sa.Text()),
        ):
            batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=""))
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
        # Every meeting planned so far had a time.
        batch_op.add_column(
            sa.Column("time_known", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("title", sa.String(length=200), nullable=False, server_default="")
        )
        for name in ("closing", "section_labels", "empty_sections"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))


def _copy_notes_and_statements() -> None:
    """Old notes and statements become entries: notes first, as they were shown, then statements."""
    bind = op.get_bind()
    rows = []
    for item_id, author, text, at in bind.execute(
        sa.text("SELECT item_id, author_ref, text, created_at FROM notes ORDER BY id")
    ):
        rows.append((item_id, "anteckning", author, text, at, ""))
    for item_id, party_id, author, text, at in bind.execute(
        sa.text(
            "SELECT item_id, party_id, author_ref, text, created_at FROM statements ORDER BY id"
        )
    ):
        rows.append((item_id, "protokollsanteckning", author, text, at, str(party_id)))
    counters: dict[int, int] = {}
    insert = sa.text(
        "INSERT INTO entries (item_id, seq, position, kind, author_ref, text, created_at, "
        "party_ids) VALUES (:item_id, :seq, :seq, :kind, :author, :text, :at, :parties)"
    )
    for item_id, kind, author, text, at, parties in rows:
        counters[item_id] = counters.get(item_id, 0) + 1
        bind.execute(
            insert,
            {
                "item_id": item_id,
                "seq": counters[item_id],
                "kind": kind,
                "author": author,
                "text": text,
                "at": at,
                "parties": parties,
            },
        )
    for item_id, seq in counters.items():
        bind.execute(
            sa.text("UPDATE agenda_items SET last_entry_seq = :seq WHERE id = :id"),
            {"seq": seq, "id": item_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        for name in ("empty_sections", "section_labels", "closing", "title", "time_known"):
            batch_op.drop_column(name)
        batch_op.drop_column("ends_at")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        for name in ("style_text", "style", "unit"):
            batch_op.drop_column(name)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("author_ref", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_notes_item_id_agenda_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_item_id"), ["item_id"], unique=False)
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("author_ref", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_items.id"], name=op.f("fk_statements_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_statements_party_id_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
        sa.UniqueConstraint("item_id", "party_id", name=op.f("uq_statements_item_id_party_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statements_party_id"), ["party_id"], unique=False)
    # Notes go back as they were; a joint statement goes back as its first party's.
    op.execute(
        "INSERT INTO notes (item_id, author_ref, text, created_at) SELECT item_id, author_ref, "
        "text, created_at FROM entries WHERE kind = 'anteckning' ORDER BY position"
    )
    bind = op.get_bind()
    seen = set()
    for item_id, parties, author, text, at in bind.execute(
        sa.text(
            "SELECT item_id, party_ids, author_ref, text, created_at FROM entries "
            "WHERE kind = 'protokollsanteckning' ORDER BY position"
        )
    ):
        party = int(parties.split(",")[0])
        if (item_id, party) in seen:
            continue
        seen.add((item_id, party))
        bind.execute(
            sa.text(
                "INSERT INTO statements (item_id, party_id, author_ref, text, created_at) "
                "VALUES (:i, :p, :a, :t, :at)"
            ),
            {"i": item_id, "p": party, "a": author, "t": text, "at": at},
        )
    op.drop_table("entries")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("last_entry_seq")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_meeting_id"))
    op.drop_table("changes")
    with op.batch_alter_table("standing_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standing_items_group_id"))
    op.drop_table("standing_items")
