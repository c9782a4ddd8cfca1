"""Reminder senders as separate processes on one database: each reminder goes out exactly once."""

from __future__ import annotations

import json
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.core.model import OutboxLane, Posting, PostingStatus, Reminder, ReminderStatus
from storage.db import make_engine
from storage.migrate import upgrade
from storage.store import store_factory as make_store_factory
from tests.fakes import slack_api
from tests.fakes.slack_api import FakeSlack
from tests.reminder_worker import (
    finish,
    go,
    seed_reminders,
    start_worker,
    stop,
    title_of,
    wait_ready,
)

READY_TIMEOUT = 30.0  # seconds for a worker to import and connect
RUN_TIMEOUT = (
    180.0  # seconds for a worker to send a few hundred reminders without pacing (loaded CI)
)
# No pacing: these tests are about exactly-once; the bench and test_slack_reliability pace.
FAST = ("--interval", "0")


def reminders(url: str) -> dict[int, Reminder]:
    engine = make_engine(url)
    try:
        with make_store_factory(engine)() as store:
            return {r.id: r for r in store.find(Reminder) if r.id is not None}
    finally:
        engine.dispose()


def posted(fake: FakeSlack) -> Counter[str]:
    """How often each reminder title reached Slack."""
    calls = fake.calls_to("chat.postMessage")
    assert all(call.ok for call in calls), [call.error for call in calls if not call.ok]
    return Counter(title_of(call.args["text"]) for call in calls)


def errors(log: Path) -> str:
    return log.read_text() if log.exists() else ""


def run_one(
    url: str, fake: FakeSlack, name: str, log: Path, *options: str
) -> tuple[int, dict[str, Any] | None]:
    """Run a worker to its end (bounded): its exit status and summary (None when killed)."""
    with log.open("a") as stderr:
        process = start_worker(url, fake.base_url, name, stderr, *FAST, *options)
        try:
            summary = finish(process, RUN_TIMEOUT)
        finally:
            stop([process])
    return process.returncode, summary


@pytest.fixture(autouse=True)
def _listen_backlog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listen backlog for dozens of connections at once, instead of socketserver's 5.

    The SDK opens a connection per call and the fake closes it after answering; 20 queues
    posting at once overflow a backlog of 5, and each dropped SYN costs a second or more.
    """
    monkeypatch.setattr(slack_api._Server, "request_queue_size", 128)


@pytest.mark.postgres
def test_two_processes_on_one_postgres_database_send_each_reminder_once(
    postgres_schema_url: str, tmp_path: Path
) -> None:
    url = postgres_schema_url
    upgrade(url)
    titles = seed_reminders(url, count=300, channels=30)
    log = tmp_path / "workers.log"
    processes: list[subprocess.Popen[str]] = []
    with FakeSlack(enforce_rate=False) as fake, log.open("w") as stderr:
        try:
            for name in ("w1", "w2"):
                # AsyncReminderRunner.tick hands over up to 500, so whoever claims first
                # takes all 300; --limit makes it ten a tick, so the two take turns and both
                # must show in claimed_by.
                options = (*FAST, "--limit", "10", "--wait-for-go")
                processes.append(start_worker(url, fake.base_url, name, stderr, *options))
            for process in processes:
                wait_ready(process, READY_TIMEOUT)
            go(processes)
            summaries = [finish(process, RUN_TIMEOUT) for process in processes]
        finally:
            stop(processes)
        assert [p.returncode for p in processes] == [0, 0], errors(log)
        assert all(summaries), errors(log)
        assert len(fake.calls_to("chat.postMessage")) == 300
        assert posted(fake) == Counter(list(titles))  # every title, each exactly once
        assert fake.violations == []
    rows = reminders(url)
    assert {r.status for r in rows.values()} == {ReminderStatus.SENT}
    assert all(r.sent_at is not None for r in rows.values())
    by_worker = Counter(r.claimed_by for r in rows.values())
    assert set(by_worker) == {"w1", "w2"}, by_worker  # both did some of the work
    # What each handed over is what it claimed: no claim was taken from the other one.
    assert {s["worker"]: s["claimed"] for s in summaries if s} == dict(by_worker)
    assert sum(s["sent"] for s in summaries if s) == 300  # and the outbox sent each once
    assert [s["post_failures"] for s in summaries if s] == [0, 0]


# Where the first worker dies. Ten handed over to the outbox a tick, over three channels, and
# each batch sent before the next is handed over: the first two batches (reminders 1-20) are
# sent when the third is.
#
# The window no test here opens: a worker killed after Slack accepted a post but before its
# "sent" is committed. The next owner looks for that message (its plan was committed before the
# call) instead of sending it again: test_slack_idempotent's killed-sender tests close it in one
# process. DieAfterSent in reminder_worker.py holds back new posts and waits for those in
# flight, so the kill never falls in that window here.
KILLS = {
    # Right after the 25th was recorded sent: between two postings on every channel.
    "between-reminders": ("--die-after-sent", "25"),
    # Right after the lanes of the third batch were claimed and committed, before any post.
    "after-claiming": ("--die-after-claims", "3"),
}
LONG_LEASE = "600"  # seconds: the dead worker's claims stay live while the second one runs


def postings(url: str) -> list[Posting]:
    engine = make_engine(url)
    try:
        with make_store_factory(engine)() as store:
            return store.find(Posting)
    finally:
        engine.dispose()


def held_lanes(url: str, worker: str) -> set[str]:
    engine = make_engine(url)
    try:
        with make_store_factory(engine)() as store:
            return {lane.conversation for lane in store.find(OutboxLane, claimed_by=worker)}
    finally:
        engine.dispose()


def reminder_of(posting: Posting) -> int:
    return int(json.loads(posting.payload)["reminder"])


@pytest.mark.parametrize("kill", list(KILLS))
def test_a_killed_sender_loses_nothing_and_doubles_nothing(
    db_url: str, kill: str, tmp_path: Path
) -> None:
    """One process at a time, so SQLite too: killed, a live lease kept, an expired one taken."""
    upgrade(db_url)
    titles = seed_reminders(db_url, count=60, channels=3)
    ids = sorted(titles.values())
    log = tmp_path / "workers.log"
    options = ("--limit", "10", "--lease-seconds", LONG_LEASE)
    with FakeSlack(enforce_rate=False) as fake:
        status, summary = run_one(db_url, fake, "w1", log, *options, *KILLS[kill])
        assert (status, summary) == (-signal.SIGKILL, None), errors(log)

        rows = postings(db_url)
        sent = {reminder_of(p) for p in rows if p.status is PostingStatus.SENT}
        waiting = {reminder_of(p) for p in rows if p.status is PostingStatus.PENDING}
        # What reached Slack is exactly what is recorded sent: no post was left unrecorded.
        assert {titles[t] for t in posted(fake)} == sent
        assert max(posted(fake).values()) == 1
        assert {reminder_of(p) for p in rows} == set(ids[:30])  # three batches handed over
        if kill == "between-reminders":
            # The 25th, and at most one in flight on each of the two other channels.
            assert set(ids[:20]) < sent < set(ids[:30]), sorted(sent)
            assert 25 <= len(sent) <= 27, sorted(sent)
        else:
            assert sent == set(ids[:20])
        assert waiting == set(ids[:30]) - sent
        held = held_lanes(db_url, "w1")
        assert held, "the dead worker must hold lanes for the lease to matter"
        in_held = {reminder_of(p) for p in rows if p.conversation in held}
        assert waiting <= in_held

        # Its lease is still live: a second worker hands the rest over but sends nothing in
        # the lanes the dead one holds.
        status, summary = run_one(db_url, fake, "w2", log, "--limit", "10")
        assert status == 0, errors(log)
        assert summary is not None and summary["claimed"] == 30
        rows = postings(db_url)
        assert {p.conversation for p in rows if p.status is PostingStatus.PENDING} <= held
        assert max(posted(fake).values()) == 1

        # Eleven minutes on, the lease has run out: a third worker sends the rest.
        status, summary = run_one(db_url, fake, "w3", log, "--offset-minutes", "11")
        assert status == 0, errors(log)
        assert summary is not None and summary["claimed"] == 0

        assert posted(fake) == Counter(list(titles))  # none lost, none doubled
        assert len(fake.calls_to("chat.postMessage")) == 60
        assert fake.violations == []
    assert {p.status for p in postings(db_url)} == {PostingStatus.SENT}
    assert {r.status for r in reminders(db_url).values()} == {ReminderStatus.SENT}


def test_a_killed_senders_lanes_are_taken_within_a_minute(db_url: str, tmp_path: Path) -> None:
    """With the default lease, a sender whose clock is a minute on takes every lane over."""
    upgrade(db_url)
    titles = seed_reminders(db_url, count=12, channels=3)
    log = tmp_path / "workers.log"
    with FakeSlack(enforce_rate=False) as fake:
        status, _ = run_one(db_url, fake, "w1", log, "--die-after-claims", "1")
        assert status == -signal.SIGKILL, errors(log)
        assert len(held_lanes(db_url, "w1")) == 3
        assert fake.calls_to("chat.postMessage") == []

        status, _ = run_one(db_url, fake, "w2", log, "--offset-minutes", "1")
        assert status == 0, errors(log)
        assert posted(fake) == Counter(list(titles))
        assert held_lanes(db_url, "w2") == set()  # released when done
        assert fake.violations == []
