"""Migrations carry real data forward: a database made by an older release upgrades in place."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from alembic import command
from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade


def test_upgrading_from_0001_keeps_rows_and_fills_the_new_columns(db_url: str) -> None:
    command.upgrade(alembic_config(db_url), "0001")
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO groups (key, name, created_at) VALUES ('FSG', 'F', :at)"),
            {"at": "2026-01-01 10:00:00+00:00"},
        )
    upgrade(db_url)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT key, agenda_reminder_days, justering_reminder_days FROM groups")
        ).one()
        tables = connection.execute(text("SELECT count(*) FROM reminders")).scalar_one()
    engine.dispose()
    assert tuple(row) == ("FSG", "3,1", "2,5")
    assert tables == 0


def test_imported_meetings_that_named_no_time_become_whole_days(db_url: str) -> None:
    """0016: the importer's 12:00 placeholder becomes a date only; a named time and a live
    meeting at 12:00 stay, in winter and in summer time alike."""
    command.upgrade(alembic_config(db_url), "0015")
    engine = make_engine(db_url)
    starts = {  # meeting id: (start in UTC, imported)
        1: ("2024-02-07 11:00:00+00:00", True),  # 12:00 in winter: no time was named
        2: ("2024-06-12 10:00:00+00:00", True),  # 12:00 in summer: the same
        3: ("2024-02-08 12:00:00+00:00", True),  # 13:00, a time the minutes named
        4: ("2024-02-09 11:00:00+00:00", False),  # a live meeting at 12:00
    }
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO groups (id, key, name, created_at) VALUES (1, 'FSG', 'F', :at)"),
            {"at": "2024-01-01 10:00:00+00:00"},
        )
        for meeting_id, (at, was_imported) in starts.items():
            connection.execute(
                text(
                    "INSERT INTO meetings (id, group_id, starts_at, place, agenda_deadline, status,"
                    " protocol_number, dnr, agenda_message_ref, minutes_message_ref, time_known,"
                    " title, closing, section_labels, empty_sections, number) VALUES (:id, 1, :at,"
                    " 'Sof', :at, 'justerad', '', '', '', '', :known, '', '', '', '', :id)"
                ),
                {"id": meeting_id, "at": at, "known": True},
            )
            if was_imported:
                connection.execute(
                    text(
                        "INSERT INTO imported_meetings (meeting_id, source, content_key,"
                        " group_kind, justerare, report) VALUES (:id, 'a.txt', :key, '', '', '')"
                    ),
                    {"id": meeting_id, "key": f"k{meeting_id}"},
                )
    upgrade(db_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, starts_at, time_known FROM meetings ORDER BY id")
        ).all()
    engine.dispose()
    stockholm = ZoneInfo("Europe/Stockholm")

    def local(value: datetime | str) -> str:
        at = datetime.fromisoformat(value) if isinstance(value, str) else value
        at = at.replace(tzinfo=UTC) if at.utcoffset() is None else at
        return at.astimezone(stockholm).strftime("%Y-%m-%d %H:%M")

    assert [(i, local(at), bool(known)) for i, at, known in rows] == [
        (1, "2024-02-07 00:00", False),
        (2, "2024-06-12 00:00", False),
        (3, "2024-02-08 13:00", True),
        (4, "2024-02-09 12:00", True),
    ]


def test_entries_indexed_before_0017_are_found_by_a_word_in_a_compounds_middle(
    db_url: str,
) -> None:
    """0017: every entry's parts anew, so the archive finds "bokslut" in a compound's middle."""
    from storage import fulltext
    from storage.store import store_factory

    command.upgrade(alembic_config(db_url), "0016")
    engine = make_engine(db_url)
    sqlite = engine.dialect.name == "sqlite"
    title, body = "Årsbokslutsrapport 2023", "Rapporten godkändes."
    stemmed = fulltext.words(title, body)
    # What 0016 stored: heads and tails of the long stems, no inner endings.
    old = [p for p in fulltext.parts(1, stemmed) if not p.startswith("g1m")]
    assert old != fulltext.parts(1, stemmed)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO groups (id, key, name, created_at) VALUES (1, 'FSG', 'F', :at)"),
            {"at": "2024-01-01 10:00:00+00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO meetings (id, group_id, starts_at, place, agenda_deadline, status,"
                " protocol_number, dnr, agenda_message_ref, minutes_message_ref, time_known,"
                " title, closing, section_labels, empty_sections, number) VALUES (1, 1, :at,"
                " 'Sof', :at, 'justerad', '', '', '', '', true, '', '', '', '', 1)"
            ),
            {"at": "2024-02-07 12:00:00+00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO search_entries (id, group_id, meeting_id, held_on, title, body,"
                " item_number) VALUES (1, 1, 1, '2024-02-07', :title, :body, 1)"
            ),
            {"title": title, "body": body},
        )
        if sqlite:
            connection.execute(
                text("INSERT INTO search_fts (rowid, stems, parts) VALUES (1, :s, :p)"),
                {"s": fulltext.sqlite_columns(1, stemmed)[0], "p": " ".join(old)},
            )
        else:
            document = fulltext.pg_document(1, stemmed).split()
            document = [lexeme for lexeme in document if not lexeme.startswith("'~g1m")]
            connection.execute(
                text("UPDATE search_entries SET search_doc = CAST(:d AS tsvector)"),
                {"d": " ".join(document)},
            )
    with store_factory(engine)() as store:
        assert store.search([1], "bokslut", 20) == []
    upgrade(db_url)
    with store_factory(engine)() as store:
        assert [e.title for e in store.search([1], "bokslut", 20)] == [title]
        assert [e.title for e in store.search([1], "rapport", 20)] == [title]
    engine.dispose()
