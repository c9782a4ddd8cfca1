"""SQLite search at a city's scale: every stem behind its group's token (revision 0012)."""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild(columns: str, row) -> None:
    bind = op.get_bind()
    op.execute("DROP TABLE search_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({columns}, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    names = [c.strip() for c in columns.split(",")]
    insert = text(
        f"INSERT INTO search_fts(rowid, {', '.join(names)}) "
        f"VALUES (:i, {', '.join(':' + n for n in names)})"
    )
    entries = bind.execute(text("SELECT id, group_id, title, body FROM search_entries")).all()
    for id_, group_id, title, body in entries:
        bind.execute(
            insert, {"i": id_, **dict(zip(names, row(group_id, title, body), strict=True))}
        )


def upgrade() -> None:
    # PostgreSQL's stored tsvector already answers within a group's share (revision 0005).
    if op.get_bind().dialect.name != "sqlite":
        return
    from storage import fulltext

    _rebuild(
        "stems, parts",
        lambda g, title, body: fulltext.sqlite_columns(g, fulltext.words(title, body)),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    from storage import fulltext

    _rebuild(
        "grp, stems, parts",
        lambda g, title, body: fulltext.sqlite_row(g, fulltext.words(title, body)),
    )
