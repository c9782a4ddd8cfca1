"""Search at a city's scale: a group token, compound parts, a stored tsvector (revision 0005)."""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _entries():
    return op.get_bind().execute(text("SELECT id, group_id, title, body FROM search_entries"))


def upgrade() -> None:
    # Written by hand, like 0004: each database's own full-text machinery.
    from storage import fulltext

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(grp, stems, parts, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        for id_, group_id, title, body in _entries().all():
            grp, stems, parts = fulltext.sqlite_row(group_id, fulltext.words(title, body))
            bind.execute(
                text("INSERT INTO search_fts(rowid, grp, stems, parts) VALUES (:i, :g, :s, :p)"),
                {"i": id_, "g": grp, "s": stems, "p": parts},
            )
    else:
        op.execute("DROP INDEX ix_search_entries_fts")
        op.execute("ALTER TABLE search_entries ADD COLUMN search_doc tsvector")
        for id_, group_id, title, body in _entries().all():
            bind.execute(
                text("UPDATE search_entries SET search_doc = CAST(:d AS tsvector) WHERE id = :i"),
                {"i": id_, "d": fulltext.pg_document(group_id, fulltext.words(title, body))},
            )
        op.execute(
            "CREATE INDEX ix_search_entries_fts_doc ON search_entries USING gin (search_doc)"
        )


def downgrade() -> None:
    from bot.core.textsearch import stems

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(stems, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        for id_, _group_id, title, body in _entries().all():
            bind.execute(
                text("INSERT INTO search_fts(rowid, stems) VALUES (:i, :s)"),
                {"i": id_, "s": " ".join(stems(f"{title} {body}"))},
            )
    else:
        op.execute("DROP INDEX ix_search_entries_fts_doc")
        op.execute("ALTER TABLE search_entries DROP COLUMN search_doc")
        op.execute(
            "CREATE INDEX ix_search_entries_fts ON search_entries "
            "USING gin (to_tsvector('swedish', title || ' ' || body))"
        )
