"""Typical writing commands stay within a budget of SQL statements, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from bot.core.ports import StoreFactory
from tests.harness import Harness, at, set_up_meeting

# Statements per command (BEGIN on SQLite counted): each is a round trip and a few hundred
# microseconds of server CPU. A new one in a hot path must be a choice, made here.
BUDGETS = {
    # SQLite: BEGIN IMMEDIATE, the group with the member, the meeting, the item (numbered by
    # its own INSERT), the audit row; PostgreSQL the same without BEGIN (sent with the first),
    # and the audit row sent with COMMIT: 4 round trips.
    "a member proposes an item": 5,
    "the chair adds an item to the published agenda": 10,
    "the secretary notes an item in the meeting": 10,
}


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@pytest.fixture
def h(store_factory: StoreFactory) -> Harness:
    harness = Harness(store_factory)
    set_up_meeting(harness)
    return harness


def run_counted(engine: Engine, h: Harness, user: str, line: str, **kw: Any) -> list[str]:
    with counted(engine) as statements:
        h.do(user, line, **kw)
    return statements


def within(statements: list[str], case: str) -> None:
    kinds = [s.split(None, 1)[0].upper() for s in statements]
    # A savepoint per write doubled the writes' round trips; a conflict ends the transaction.
    assert "SAVEPOINT" not in kinds, kinds
    assert len(statements) <= BUDGETS[case], "\n".join(statements)


def test_a_proposal(engine: Engine, h: Harness) -> None:
    statements = run_counted(engine, h, "jonas", "/arende Dialog; Arbetsmiljön i sommar")
    within(statements, "a member proposes an item")


def test_an_item_on_the_published_agenda(engine: Engine, h: Harness) -> None:
    # The change owes the channel an updated ärendelista: an outbox row, as on Slack.
    h.service.post_through_outbox("console")
    h.do("maria", "/arende acceptera alla")
    h.do("maria", "/mote publicera")
    case = "the chair adds an item to the published agenda"
    statements = run_counted(engine, h, "maria", "/arende Information; Lokalfrågan")
    within(statements, case)


def test_a_note_in_the_meeting(engine: Engine, h: Harness) -> None:
    h.do("maria", "/arende acceptera alla")
    h.do("maria", "/mote publicera")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")
    case = "the secretary notes an item in the meeting"
    statements = run_counted(engine, h, "sara", "/anteckning 4; Prognosen ser bättre ut.")
    within(statements, case)


def test_the_budget_can_fail(engine: Engine, h: Harness) -> None:
    """A command that reads the meeting's items many times over is caught."""
    with counted(engine) as statements:
        h.do("jonas", "/arende Dialog; Första")
        h.do("jonas", "/arende Dialog; Andra")
    with pytest.raises(AssertionError):
        within(statements, "a member proposes an item")
