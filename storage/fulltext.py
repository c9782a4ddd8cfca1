"""Full-text search of minutes: SQLite FTS5 over Swedish stems, PostgreSQL's swedish config."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.core.textsearch import stems

FTS_TABLE = "search_fts"  # SQLite only: a virtual table and its shadow tables
PG_INDEX = "ix_search_entries_fts"  # PostgreSQL only: an expression index


def not_in_models(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """For schema comparison: the search structures are made by migrations, not by models."""
    return not (name or "").startswith((FTS_TABLE, PG_INDEX))


def index(session: Session, entry_id: int, title: str, body: str) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(f"INSERT INTO {FTS_TABLE}(rowid, stems) VALUES (:id, :stems)"),
            {"id": entry_id, "stems": " ".join(stems(f"{title} {body}"))},
        )


def search(session: Session, group_ids: list[int], query: str, limit: int) -> list[int]:
    """Ids of matching entries, best first; only within the given groups."""
    if not group_ids or not stems(query):
        return []
    if session.get_bind().dialect.name == "sqlite":
        # Each stem quoted: the user's words are data, never FTS5 query syntax.
        match = " ".join(f'"{s}"' for s in stems(query))
        rows = session.execute(
            text(
                f"SELECT e.id FROM {FTS_TABLE} f JOIN search_entries e ON e.id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH :match AND e.group_id IN "
                f"({','.join(str(int(g)) for g in group_ids)}) ORDER BY rank LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
    else:
        rows = session.execute(
            text(
                "SELECT id FROM search_entries WHERE group_id = ANY(:groups) AND "
                "to_tsvector('swedish', title || ' ' || body) @@ plainto_tsquery('swedish', :q) "
                "ORDER BY ts_rank(to_tsvector('swedish', title || ' ' || body), "
                "plainto_tsquery('swedish', :q)) DESC, held_on DESC LIMIT :limit"
            ),
            {"groups": list(group_ids), "q": query, "limit": limit},
        )
    return [row[0] for row in rows]
