"""The store's direct statements on PostgreSQL: prepared once per connection, BEGIN folded in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import psycopg
import pytest
from sqlalchemy import Engine, text

from bot.core.context import STOCKHOLM
from bot.core.model import AuditEntry, Group
from storage.db import make_engine
from storage.migrate import upgrade
from storage.store import Conflict, store_factory

pytestmark = pytest.mark.postgres

CREATED = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def pg_engine(postgres_schema_url: str) -> Iterator[Engine]:
    upgrade(postgres_schema_url)
    # One after the other, the stores below take the pool's one connection: one server session.
    engine = make_engine(postgres_schema_url)
    yield engine
    engine.dispose()


def _group(key: str) -> Group:
    return Group(key=key, name=f"Gruppen {key}", created_at=CREATED)


def _keys(engine: Engine) -> list[str]:
    with store_factory(engine)() as store:
        return sorted(g.key for g in store.find(Group))


def test_a_transactions_first_statement_is_inside_it(pg_engine: Engine) -> None:
    # BEGIN goes in the same round trip as the first statement: had it been left out, the
    # INSERT would have committed on its own.
    with store_factory(pg_engine)() as store:
        store.add(_group("FSG"))
    assert _keys(pg_engine) == []
    with store_factory(pg_engine)() as store:
        store.add(_group("FSG"))
        store.commit()
    assert _keys(pg_engine) == ["FSG"]


def test_each_statement_is_prepared_once_per_connection(pg_engine: Engine) -> None:
    for key in ("A", "B", "C"):
        with store_factory(pg_engine)() as store:
            store.add(_group(key))
            store.commit()
    assert _keys(pg_engine) == ["A", "B", "C"]
    with pg_engine.connect() as connection:
        names = connection.execute(text("SELECT name, statement FROM pg_prepared_statements"))
        ours = [(n, s) for n, s in names if n.startswith("justera_")]
    inserts = [s for _n, s in ours if s.startswith("INSERT INTO groups")]
    assert len(inserts) == 1, ours


def test_a_savepoints_rollback_leaves_the_prepared_statements(pg_engine: Engine) -> None:
    # psycopg's own preparing answered a ROLLBACK TO SAVEPOINT with DEALLOCATE ALL, and the
    # next direct statement on that connection failed ("prepared statement does not exist").
    with store_factory(pg_engine)() as store:
        store.add(_group("A"))
        store.commit()
    with pg_engine.connect() as connection:
        for _ in range(6):  # past psycopg's threshold for preparing a statement itself
            savepoint = connection.begin_nested()
            connection.execute(text("SELECT 1"))
            savepoint.rollback()
        connection.commit()
    with store_factory(pg_engine)() as store:
        store.add(_group("B"))
        store.commit()
    assert _keys(pg_engine) == ["A", "B"]


def test_a_refused_statement_ends_its_transaction_and_not_the_connection(
    pg_engine: Engine,
) -> None:
    with store_factory(pg_engine)() as store:
        store.add(_group("A"))
        store.commit()
    with store_factory(pg_engine)() as store, pytest.raises(Conflict):
        # The first statement of its transaction (BEGIN with it) and a taken unique key.
        store.add(_group("A"))
    with store_factory(pg_engine)() as store:
        store.add(_group("B"))
        with pytest.raises(Conflict):
            store.add(_group("B"))
    # Neither transaction kept anything, and the connection serves the next one.
    assert _keys(pg_engine) == ["A"]
    with store_factory(pg_engine)() as store:
        store.add(_group("C"))
        store.commit()
    assert _keys(pg_engine) == ["A", "C"]


def test_a_record_added_with_commit_goes_in_commits_round_trip(
    pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLAlchemy's commit() comes after the pipeline of the audit row and COMMIT: psycopg
    # finds no transaction open, so it sends nothing (a round trip less).
    statuses: list[str] = []
    commit = psycopg.Connection.commit

    def seen(connection: psycopg.Connection) -> None:
        statuses.append(psycopg.pq.TransactionStatus(connection.pgconn.transaction_status).name)
        commit(connection)

    monkeypatch.setattr(psycopg.Connection, "commit", seen)
    with store_factory(pg_engine)() as store:
        store.add(_group("A"))
        store.add_with_commit(AuditEntry(at=CREATED, actor_ref="slack:U1", action="first"))
        store.commit()
    assert statuses == ["IDLE"]
    with store_factory(pg_engine)() as store:
        # With nothing begun on the server, no COMMIT goes with the first statement: that one
        # may be sent again on a new connection when its pooled one was dead.
        store.add_with_commit(AuditEntry(at=CREATED, actor_ref="slack:U1", action="second"))
        store.commit()
    assert statuses[-1] == "INTRANS"
    assert _keys(pg_engine) == ["A"]
    with store_factory(pg_engine)() as store:
        assert [a.action for a in store.find(AuditEntry)] == ["first", "second"]
