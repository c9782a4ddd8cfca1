"""Search finds a word in the middle of a compound: every entry's parts anew (revision 0017)."""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The parts now include each long stem's inner endings (storage.fulltext.middles).
    from storage import fulltext

    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    entries = bind.execute(text("SELECT id, group_id, title, body FROM search_entries")).all()
    for id_, group_id, title, body in entries:
        stemmed = fulltext.words(title, body)
        if sqlite:
            _, parts = fulltext.sqlite_columns(group_id, stemmed)
            bind.execute(
                text(f"UPDATE {fulltext.FTS_TABLE} SET parts = :p WHERE rowid = :i"),
                {"p": parts, "i": id_},
            )
        else:
            bind.execute(
                text(
                    f"UPDATE search_entries SET {fulltext.PG_COLUMN} = CAST(:d AS tsvector) "
                    "WHERE id = :i"
                ),
                {"d": fulltext.pg_document(group_id, stemmed), "i": id_},
            )


def downgrade() -> None:
    # The inner endings are extra tokens an older search never asks for: they may stay.
    pass
