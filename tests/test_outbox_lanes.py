"""Two transactions making the same new outbox lanes at once (two replicas handing over)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from bot.core import outbox
from bot.core.delivery import hand_over
from bot.core.model import Group, OutboxLane, Posting, Reminder, ReminderKind
from storage.store import store_factory as make_store_factory
from tests.harness import at

NOW = at("2026-03-02T09:00")
WAIT = 30.0  # seconds before a wait is a hang


def seed(store_factory, targets: list[str]) -> None:
    """Due reminders to targets, due in that order (a hand-over takes them in due order)."""
    with store_factory() as store:
        group = store.add(Group(key="FSG", name="Förvaltningssamverkan", created_at=NOW))
        for n, target in enumerate(targets):
            store.add(
                Reminder(
                    group_id=group.id,
                    key=f"lanes:{n}",
                    kind=ReminderKind.NO_MEETING,
                    due_at=NOW - timedelta(minutes=len(targets) - n),
                    expires_at=NOW + timedelta(days=30),
                    target_ref=target,
                    detail=json.dumps({"title": f"Ärende {n}", "deadline": "2026-09-30"}),
                )
            )
        store.commit()


def pid_of(store: Any) -> int:
    return store._in_transaction().exec_driver_sql("SELECT pg_backend_pid()").scalar()


def test_two_hand_overs_to_the_same_new_lanes_in_opposite_orders_both_go_through(
    engine: Engine,
) -> None:
    """The first replica has made its first new lane and goes on; the second, whose batch
    names the lanes the other way round, is already waiting for it. Made one by one, each
    in its batch's order, the two waited for each other (deadlock detected: a hand-over
    refused, the bench's 3,500 reminders left unsent)."""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer: two transactions never insert at once")
    store_factory = make_store_factory(engine)
    # The first hand-over (limit 2) takes C1 then C2; the second takes C2 then C1.
    seed(store_factory, ["slack:T1:C1", "slack:T1:C2", "slack:T1:C2", "slack:T1:C1"])
    pids: dict[str, int] = {}
    handed: dict[str, int] = {}
    errors: list[BaseException] = []
    second_opened = threading.Event()

    def hand_over_as(name: str) -> None:
        try:
            handed[name] = hand_over(lambda: hooked(name), NOW, name, ("slack:",), limit=2)
        except BaseException as error:
            errors.append(error)

    second = threading.Thread(target=hand_over_as, args=("second",))

    def blocked_by_the_first() -> bool:
        with engine.connect() as look:
            query = text("SELECT CAST(:a AS int) = ANY(pg_blocking_pids(:b))")
            return bool(look.execute(query, {"a": pids["first"], "b": pids["second"]}).scalar())

    def after_the_first_lane(name: str) -> None:
        if name == "second":
            return
        second.start()  # the first is inside its transaction, its first new lane made
        assert second_opened.wait(WAIT)
        ready = threading.Event()
        for _ in range(int(WAIT / 0.05)):
            if blocked_by_the_first():
                break
            ready.wait(0.05)  # polling a state of the server, bounded
        else:
            raise AssertionError("the second hand-over never waited for the first")

    @contextmanager
    def hooked(name: str):
        """Stores that stop once after the transaction's first lane insert."""
        with store_factory() as store:
            pids[name] = pid_of(store)
            if name == "second":
                second_opened.set()
            made = store.ensure_lanes
            done = False

            def ensure_lanes(conversations) -> None:
                nonlocal done
                made(conversations)
                if not done:
                    done = True
                    after_the_first_lane(name)

            store.ensure_lanes = ensure_lanes
            store.ensure_lane = lambda conversation: ensure_lanes([conversation])
            yield store

    first = threading.Thread(target=hand_over_as, args=("first",))
    first.start()
    first.join(WAIT)
    assert errors == []
    second.join(WAIT)
    assert handed == {"first": 2, "second": 2}
    with store_factory() as store:
        assert sorted(lane.conversation for lane in store.find(OutboxLane)) == [
            "slack:T1:C1",
            "slack:T1:C2",
        ]
        assert [p.kind for p in store.find(Posting)] == [outbox.REMINDER] * 4
