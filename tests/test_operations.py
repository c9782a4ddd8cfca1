"""Operations: deadlines and reads beside a held SQLite lock, duplicates, the daily sweep once,
probes and metrics, JSON logs with request ids, backup and restore."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot import logs
from bot.core import agenda
from bot.core.model import Group, Section
from bot.core.service import Justera
from bot.scheduling.runner import ReminderRunner
from storage.db import make_engine
from storage.store import store_factory as make_store_factory
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.harness import Harness, at
from tests.slack_harness import SECRET, TEAM, SlackHarness, set_up

ROOT = Path(__file__).resolve().parent.parent


def test_reads_answer_beside_a_held_write_lock_and_writes_answer_honestly(
    sqlite_url: str,
) -> None:
    writes = make_store_factory(make_engine(sqlite_url))
    reads = make_store_factory(make_engine(sqlite_url, read_only=True))
    h = SlackHarness(writes)
    h.service = Justera(writes, single_writer=True, read_store_factory=reads)
    with h:
        set_up(h)
        h.bot.deadline = 1.0  # production's is 2.5; shorter keeps the test short
        holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writing for a long time
        try:
            started = time.monotonic()
            listed = _command_now(h, "UJONAS", "/mote lista")
            read_took = time.monotonic() - started
            started = time.monotonic()
            proposed = _command_now(h, "UJONAS", "/arende Dialog; Medan låset hålls")
            write_took = time.monotonic() - started
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        h.settle()
    assert "#1" in listed and read_took < 1.0, "a read takes no write lock"
    assert "kan ha sparats eller inte" in proposed and write_took < 3.0
    assert "inget har ändrats" not in proposed


def _command_now(h: SlackHarness, user: str, line: str) -> str:
    """A slash command's answer, without waiting for postings (they need the lock held here)."""
    name, _, text = line.partition(" ")
    body = slash_command_body(name, text, user_id=user, channel_id="CFSG", team_id=TEAM)
    response = h.http.post(
        "/slack/events", content=body, headers=signed_headers(body, SECRET, None)
    )
    assert response.status_code == 200
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.json().get("text", "")
    return response.text


def test_a_concurrent_duplicate_gets_the_first_answer_and_one_effect(store_factory) -> None:
    h = Harness(store_factory)
    h.do("maria", "/grupp skapa FSG; Förvaltningssamverkansgrupp")
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    barrier = threading.Barrier(2, timeout=5)
    postgres = _is_postgres(h)

    def propose(tx, *args, **kwargs):
        if postgres:
            # Both deliveries have looked for the request id before either commits.
            barrier.wait()
        return agenda.propose_item(tx, *args, **kwargs)

    results: list = []
    errors: list = []

    def deliver() -> None:
        ctx = h.ctx("maria", request_id="view:V123")
        try:
            results.append(h.service.run(ctx, propose, None, Section.DIALOG, "Dubblett"))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(results) == 2
    assert results[0].message == results[1].message
    assert sorted(r.replayed for r in results) == [False, True]
    snapshot = h.snapshot()
    assert [i.title for i in snapshot["AgendaItem"]].count("Dubblett") == 1
    assert len([p for p in snapshot["ProcessedRequest"] if p.key == "view:V123"]) == 1


def _is_postgres(h: Harness) -> bool:
    with h.service.store_factory() as store:
        return store._engine.dialect.name == "postgresql"  # type: ignore[attr-defined]


def test_the_daily_sweep_runs_once_a_day_whichever_replica_asks(store_factory) -> None:
    h = Harness(store_factory)
    h.do("maria", "/grupp skapa FSG; Förvaltningssamverkansgrupp")
    moment = at("2026-03-02T06:00")
    first = ReminderRunner(h.service, lambda d: None, lambda: moment, worker="a")
    second = ReminderRunner(h.service, lambda d: None, lambda: moment, worker="b")
    first.sweep()
    second.sweep()
    later = ReminderRunner(h.service, lambda d: None, lambda: at("2026-03-03T06:00"), worker="b")
    later.sweep()
    keys = [p.key for p in h.snapshot()["ProcessedRequest"] if p.key.startswith("daily-sweep")]
    assert keys == ["daily-sweep:2026-03-02", "daily-sweep:2026-03-03"]


def test_probes_and_metrics(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UJONAS", "/arende Dialog; Ett förslag")
        h.command("UJONAS", "/arende Okänd; fel")
        assert h.http.get("/livez").json() == {"ok": True}
        assert h.http.get("/readyz").status_code == 200
        assert h.http.get("/health").status_code == 200
        text = h.http.get("/metrics").text
    assert 'justera_commands_total{outcome="done"}' in text
    assert 'justera_commands_total{outcome="refused"}' in text
    assert "justera_command_seconds_bucket" in text
    for name in ("justera_outbox_depth", "justera_rate_limited", "justera_reminder_lag_seconds"):
        assert name in text


def test_readiness_answers_in_time_when_the_check_hangs() -> None:
    import asyncio

    from bot.probes import Readiness

    release = threading.Event()
    readiness = Readiness(lambda: release.wait(30), timeout=0.2)

    async def ask_twice() -> tuple[bool, bool, float]:
        started = time.monotonic()
        first, second = await readiness.ready(), await readiness.ready()
        return first, second, time.monotonic() - started

    first, second, took = asyncio.run(ask_twice())
    release.set()
    assert (first, second) == (False, False) and took < 1.0


def test_json_logs_carry_the_request_id_and_no_text() -> None:
    stream = io.StringIO()
    logs.configure("json", "INFO", stream=stream)
    try:
        with logs.request("req-42"):
            logging.getLogger("bot.test").info("command %s done", "propose_item")
        logging.getLogger("apscheduler.executors.default").info("Running job every 10 s")
    finally:
        logs.configure("text", "WARNING")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines == [
        {
            "time": lines[0]["time"],
            "level": "INFO",
            "logger": "bot.test",
            "message": "command propose_item done",
            "service": "justera",
            "request_id": "req-42",
        }
    ], "and the scheduler's INFO lines are gone"


def test_backup_and_restore_of_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    env = {"JUSTERA_DATABASE_URL": url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    script = "grupp skapa FSG; Förvaltningssamverkansgrupp\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console", "--as", "maria", "--script", "-"],
        cwd=ROOT,
        env=env,
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert cli("backup", str(tmp_path / "copy.db")).returncode == 0
    assert cli("backup", str(tmp_path / "copy.db")).returncode == 1, "never overwrites"
    (tmp_path / "j.db").unlink()
    restored = cli("restore", str(tmp_path / "copy.db"))
    assert restored.returncode == 0, restored.stderr
    refused = cli("restore", str(tmp_path / "copy.db"))
    assert refused.returncode == 1 and "--yes" in refused.stderr
    with make_store_factory(make_engine(url))() as store:
        assert [g.key for g in store.find(Group)] == ["FSG"]
    postgres = subprocess.run(
        [sys.executable, "-m", "bot.cli", "backup", "x.dump", "--database", "postgresql://h/db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert postgres.returncode == 1 and "pg_dump" in postgres.stderr
