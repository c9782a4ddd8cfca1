"""Full-text search of minutes: Swedish stems, a group token and compound parts, both databases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from bot.core.textsearch import stems

FTS_TABLE = "search_fts"  # SQLite only: a virtual table (group-prefixed stems, compound parts)
PG_INDEX = "ix_search_entries_fts"  # PostgreSQL only: the GIN index on the stored document
PG_COLUMN = "search_doc"  # PostgreSQL only: the stored tsvector, written by index()
# A stem this long may be a compound whose last part someone searches for ("delårsbokslut").
COMPOUND_MIN = 6
# A query word this long also finds compounds that begin or end with it ("bokslut").
PART_MIN = 4
# A query word this long also finds compounds with it in the middle ("bokslut" in
# "årsbokslutsrapport"): shorter ones stand inside too many unrelated words ("ring", "stol").
MIDDLE_MIN = 5
# What stands before a middle part: a first part of a compound is at least this long ("års").
MIDDLE_FROM = 3


def not_in_models(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """For schema comparison: the search structures are made by migrations, not by models."""
    return not (name or "").startswith((FTS_TABLE, PG_INDEX, PG_COLUMN))


def words(title: str, body: str) -> list[str]:
    """The stems of an entry, split where PostgreSQL's parser would split them (at "_")."""
    return [part for stem in stems(f"{title} {body}") for part in stem.split("_") if part]


def group_token(group_id: int) -> str:
    return f"g{int(group_id)}"


def _stem(group_id: int, word: str) -> str:
    # The group's own token for a stem: a word's posting list in FTS5 then holds only that
    # group's entries, so a common word costs a group's share of the city, not the whole city.
    return f"{group_token(group_id)}s{word}"


def _head(group_id: int, word: str) -> str:
    return f"{group_token(group_id)}f{word}"


def _tail(group_id: int, word: str) -> str:
    return f"{group_token(group_id)}r{word[::-1]}"


def _middle(group_id: int, word: str) -> str:
    return f"{group_token(group_id)}m{word}"


def middles(stem: str) -> list[str]:
    """The stem's inner endings a middle part can begin ("årsbokslutsrapport": "bokslutsrapport",
    "okslutsrapport", ...): each with a first part before it and something after a whole part,
    since what a stem begins or ends with is found by its head and tail already."""
    return [stem[i:] for i in range(MIDDLE_FROM, len(stem) - MIDDLE_MIN)]


def parts(group_id: int, stemmed: list[str]) -> list[str]:
    """Each long stem forwards and reversed, and its inner endings, behind the group's token: a
    query word is then a prefix of the compounds that begin, end or hold it, looked up among its
    group's words only (so the cost of a search follows the size of a group, not of the city)."""
    long = {s for s in stemmed if len(s) >= COMPOUND_MIN}
    found = {_head(group_id, s) for s in long} | {_tail(group_id, s) for s in long}
    found |= {_middle(group_id, m) for s in long for m in middles(s)}
    return sorted(found)


def sqlite_row(group_id: int, stemmed: list[str]) -> tuple[str, str, str]:
    """The (grp, stems, parts) columns of revision 0005's FTS5 table (kept for that migration;
    revision 0012 replaces the table with sqlite_columns')."""
    return group_token(group_id), " ".join(stemmed), " ".join(parts(group_id, stemmed))


def sqlite_columns(group_id: int, stemmed: list[str]) -> tuple[str, str]:
    """The (stems, parts) columns of the FTS5 table: every stem behind the group's token."""
    return " ".join(_stem(group_id, s) for s in stemmed), " ".join(parts(group_id, stemmed))


def pg_document(group_id: int, stemmed: list[str]) -> str:
    """A tsvector literal: stems with positions (for ranking), the group token, reversed parts."""
    positions: dict[str, list[str]] = {}
    for number, stem in enumerate(stemmed[:16000], start=1):  # tsvector positions end at 16383
        positions.setdefault(stem, []).append(str(number))
    lexemes = [f"'{s}':{','.join(p[:256])}" for s, p in positions.items()]
    lexemes.append(f"'#{group_token(group_id)}'")
    lexemes.extend(f"'~{p}'" for p in parts(group_id, stemmed))
    return " ".join(lexemes)


def index(connection: Connection, entry_id: int, group_id: int, title: str, body: str) -> None:
    stemmed = words(title, body)
    if connection.dialect.name == "sqlite":
        joined, reversed_ = sqlite_columns(group_id, stemmed)
        connection.execute(
            text(f"INSERT INTO {FTS_TABLE}(rowid, stems, parts) VALUES (:id, :s, :p)"),
            {"id": entry_id, "s": joined, "p": reversed_},
        )
    else:
        connection.execute(
            text(f"UPDATE search_entries SET {PG_COLUMN} = CAST(:doc AS tsvector) WHERE id = :id"),
            {"id": entry_id, "doc": pg_document(group_id, stemmed)},
        )


def unindex(connection: Connection, entry_id: int) -> None:
    """An entry's words out of the index (PostgreSQL keeps them in the row itself)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": entry_id})


def reindex(connection: Connection, entry_id: int, group_id: int, title: str, body: str) -> None:
    """A changed entry indexed anew: a corrected imported meeting is found by its new words."""
    unindex(connection, entry_id)
    index(connection, entry_id, group_id, title, body)


def _query_words(query: str) -> list[str]:
    return list(dict.fromkeys(words(query, "")))


def search(connection: Connection, group_ids: list[int], query: str, limit: int) -> list[int]:
    """Ids of matching entries, best first, within the given groups only.

    Entries with every word come first; then entries where a long query word begins or ends a
    compound ("bokslut" in "delårsbokslut", "bokslutsarbete"); last those where it stands in the
    middle of one ("årsbokslutsrapport"). Each step runs only while the answer is not full.
    """
    wanted = _query_words(query)
    if not group_ids or not wanted:
        return []
    groups = sorted({int(g) for g in group_ids})
    sqlite = connection.dialect.name == "sqlite"
    run = _run(sqlite)
    found = run(connection, groups, _exact(wanted, groups, sqlite), limit)
    if found and len(wanted) > 1:
        # Several words that all stand in some entries: those are the answer. Expanding every
        # word to its compounds as well costs most and ranks below them anyway.
        return found
    for middle, shortest in ((False, PART_MIN), (True, MIDDLE_MIN)):
        if len(found) >= limit or not any(len(w) >= shortest for w in wanted):
            break
        more = run(
            connection, groups, _compound(wanted, groups, sqlite, middle), limit + len(found)
        )
        seen = set(found)
        found = (found + [i for i in more if i not in seen])[:limit]
    return found


# Every word is a stem of \w characters (quotes and operators cannot reach the query syntax).


def _exact(wanted: list[str], groups: list[int], sqlite: bool) -> str:
    if sqlite:
        # One group's words at a time: "(g1sa AND g1sb) OR (g2sa AND g2sb)".
        return " OR ".join(
            "stems : (" + " AND ".join(f'"{_stem(g, w)}"' for w in wanted) + ")" for g in groups
        )
    return " & ".join(f"'{w}'" for w in wanted)


def _pieces(group: int, word: str, middle: bool) -> list[str]:
    """The part tokens a query word is a prefix of: head and tail, and with middle the inner."""
    if len(word) < PART_MIN:
        return []
    pieces = [_head(group, word), _tail(group, word)]
    if middle and len(word) >= MIDDLE_MIN:
        pieces.append(_middle(group, word))
    return pieces


def _compound(wanted: list[str], groups: list[int], sqlite: bool, middle: bool = False) -> str:
    if sqlite:
        return " OR ".join(f"({_sqlite_compound(wanted, g, middle)})" for g in groups)
    terms = []
    for w in wanted:
        pieces = [p for g in groups for p in _pieces(g, w, middle)]
        terms.append(" | ".join([f"'{w}'", *(f"'~{p}':*" for p in pieces)]))
    return " & ".join(f"({t})" for t in terms)


def _sqlite_compound(wanted: list[str], group: int, middle: bool) -> str:
    terms = []
    for w in wanted:
        pieces = [f'parts : "{p}"*' for p in _pieces(group, w, middle)]
        terms.append("(" + " OR ".join([f'stems : "{_stem(group, w)}"', *pieces]) + ")")
    return " AND ".join(terms)


def statement(sqlite: bool, groups: list[int], words_: str, limit: int) -> tuple[str, dict]:
    """The SQL of one search and its parameters (also for the benchmark's query plans)."""
    if sqlite:
        # The tokens already hold the group; the join's check on group_id is the guarantee
        # that no other group's entry is ever returned, whatever the index holds.
        sql = (
            f"SELECT e.id FROM {FTS_TABLE} f JOIN search_entries e ON e.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH :match AND e.group_id IN ({','.join(map(str, groups))}) "
            "ORDER BY rank LIMIT :limit"
        )
        return sql, {"match": words_, "limit": limit}
    grp = " | ".join(f"'#{group_token(g)}'" for g in groups)
    sql = (
        f"SELECT id FROM search_entries WHERE group_id = ANY(:groups) AND "
        f"{PG_COLUMN} @@ CAST(:q AS tsquery) ORDER BY ts_rank({PG_COLUMN}, "
        "CAST(:words AS tsquery)) DESC, held_on DESC, id DESC LIMIT :limit"
    )
    return sql, {"groups": groups, "q": f"({grp}) & ({words_})", "words": words_, "limit": limit}


def exact_statement(sqlite: bool, groups: list[int], query: str, limit: int) -> tuple[str, dict]:
    return statement(sqlite, groups, _exact(_query_words(query), groups, sqlite), limit)


def _run(sqlite: bool):
    def run(connection: Connection, groups: list[int], words_: str, limit: int) -> list[int]:
        sql, params = statement(sqlite, groups, words_, limit)
        return [row[0] for row in connection.execute(text(sql), params)]

    return run
