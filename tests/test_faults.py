"""Real processes, real PostgreSQL, faults from a TCP proxy the test controls.

A stalled database: every answer within Slack's 3 s and honest, /readyz within 1 s, recovery by
itself. Start-up: a refused or stalled database is retried one log line per attempt, then one
clear line; a database that comes up late is waited for. Migrations: two processes at once
take turns under the advisory lock; production refuses an unmigrated database.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.core.model import AgendaItem
from storage.db import make_engine
from storage.migrate import ADVISORY_LOCK_KEY, current, heads
from storage.store import store_factory
from tests.conftest import POSTGRES_URL
from tests.fakes.slack_api import FakeSlack
from tests.fakes.tcp_proxy import TcpProxy
from tests.ops_process import (
    ROOT,
    app_env,
    free_port,
    reply_text,
    send_command,
    set_up_group,
    start_app,
    stop_app,
    wait_until,
)
from tests.slack_harness import PEOPLE, TEAM

pytestmark = pytest.mark.postgres

UNKNOWN = ("kan ha sparats eller inte", "may or may not have been saved")  # sv, en (Lina)
SLACK_LIMIT = 3.0


def _upstream() -> tuple[str, int]:
    parsed = make_url(POSTGRES_URL)
    return parsed.host or "127.0.0.1", parsed.port or 5432


@pytest.fixture
def fake_slack():
    fake = FakeSlack(enforce_rate=False)
    fake.start()
    for user_id, (name, real, locale) in PEOPLE.items():
        fake.add_user(user_id, name=name, display_name=real, locale=locale, team_id=TEAM)
    yield fake
    fake.stop()


def _cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _json_lines(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]


def _items(url: str) -> list[AgendaItem]:
    engine = make_engine(url)
    try:
        with store_factory(engine)() as store:
            return store.find(AgendaItem)
    finally:
        engine.dispose()


def test_a_stalled_database_gets_honest_answers_in_time_and_recovers(
    postgres_schema_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    set_up_group(postgres_schema_url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "app.log").open("w")
    with TcpProxy(*_upstream()).start() as proxy:
        env = app_env(proxy.url_for(postgres_schema_url), fake_slack.base_url, port)
        app = start_app(env, stderr=log)
        try:
            wait_until(base, "/readyz", app)
            with httpx.Client(base_url=base, timeout=30) as client:
                # Before: a normal answer, and every user known (users.info) to this process.
                for user in ("UJONAS", "ULINA", "UPETRA"):
                    assert "LSG" not in reply_text(send_command(client, user, "/mote lista"))

                proxy.stall()

                def timed(job):
                    started = time.monotonic()
                    response = job()
                    return response, time.monotonic() - started

                jobs = [
                    lambda n=n, u=u: send_command(client, u, f"/arende Dialog; Under stopp {n}")
                    for n, u in enumerate(("UJONAS", "ULINA", "UPETRA"))
                ] + [lambda u=u: send_command(client, u, "/mote lista") for u in ("UJONAS",)]
                with ThreadPoolExecutor(len(jobs) + 2) as pool:
                    commands = [pool.submit(timed, job) for job in jobs]
                    ready = pool.submit(timed, lambda: client.get("/readyz"))
                    alive = pool.submit(timed, lambda: client.get("/livez"))
                    answers = [future.result() for future in commands]
                    ready_response, ready_took = ready.result()
                    alive_response, alive_took = alive.result()

                for response, took in answers:
                    assert response.status_code == 200
                    assert took < SLACK_LIMIT, f"answered after {took:.2f} s"
                    text = reply_text(response)
                    # Honest: never "nothing changed" while the command may yet commit.
                    assert any(u in text for u in UNKNOWN), text
                    assert "inget har ändrats" not in text and "nothing has changed" not in text
                assert ready_response.status_code == 503 and ready_took < 1.0
                assert alive_response.status_code == 200 and alive_took < 1.0
                metrics = client.get("/metrics", timeout=1).text
                assert 'justera_commands_total{outcome="timeout"} 4.0' in metrics

                proxy.resume()
                # Recovery by itself: no restart, the next commands are answered as usual.
                wait_until(base, "/readyz", app, timeout=30)
                response = send_command(client, "UJONAS", "/arende Dialog; Efter stoppet")
                assert "föreslaget" in reply_text(response), reply_text(response)
        finally:
            stop_app(app)
            log.close()
    titles = {item.title for item in _items(postgres_schema_url)}
    assert "Efter stoppet" in titles
    # The answers said "may or may not": each stalled proposal is stored at most once.
    stalled = [t for t in titles if t.startswith("Under stopp")]
    assert len(stalled) == len(set(stalled)) <= 3
    assert "Traceback" not in (tmp_path / "app.log").read_text()


def test_a_refused_database_at_start_is_retried_with_one_line_each_then_one_clear_line(
    tmp_path: Path,
) -> None:
    refusing = TcpProxy(*_upstream()).start(listening=False)  # bound, not listening
    try:
        url = refusing.url_for(POSTGRES_URL)
        env = app_env(
            url,
            "http://127.0.0.1:9/",
            free_port(),
            JUSTERA_DB_START_ATTEMPTS="3",
            JUSTERA_DB_START_WAIT="0",
        )
        done = _cli("run", env=env)
    finally:
        refusing.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = _json_lines(done.stderr)
    attempts = [line for line in lines if "not reachable" in line["message"]]
    assert [
        ("attempt 1 of 3" in a["message"], "attempt 2 of 3" in a["message"]) for a in attempts
    ] == [
        (True, False),
        (False, True),
    ]
    assert all(a["level"] == "WARNING" for a in attempts)
    plain = [line for line in done.stderr.splitlines() if not line.startswith("{")]
    assert len(plain) == 1 and plain[0].startswith("Justera startar inte:"), done.stderr


def test_a_stalled_database_at_start_does_not_hang_silently(tmp_path: Path) -> None:
    with TcpProxy(*_upstream()).start() as proxy:
        proxy.stall()
        env = app_env(
            proxy.url_for(POSTGRES_URL),
            "http://127.0.0.1:9/",
            free_port(),
            JUSTERA_DB_START_ATTEMPTS="2",
            JUSTERA_DB_START_WAIT="0",
            JUSTERA_DB_CONNECT_TIMEOUT="2",
        )
        started = time.monotonic()
        done = _cli("db", "upgrade", env=env)
        took = time.monotonic() - started
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert took < 90, "each attempt ends at the connect timeout (the rest is start-up)"
    attempts = [line for line in _json_lines(done.stderr) if "not reachable" in line["message"]]
    assert len(attempts) == 1 and "attempt 1 of 2" in attempts[0]["message"]


def test_a_database_that_comes_up_late_is_waited_for(
    postgres_schema_url: str, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    port = free_port()
    proxy = TcpProxy(*_upstream()).start(listening=False)
    log_path = tmp_path / "app.log"
    log = log_path.open("w")
    env = app_env(
        proxy.url_for(postgres_schema_url),
        fake_slack.base_url,
        port,
        JUSTERA_DB_START_ATTEMPTS="600",
        JUSTERA_DB_START_WAIT="0.05",
    )
    app = start_app(env, stderr=log)
    try:
        # Bounded: until the app has logged that it is waiting (a real process, not a clock).
        end = time.monotonic() + 60
        while "not reachable" not in log_path.read_text() and time.monotonic() < end:
            time.sleep(0.05)
        assert "not reachable" in log_path.read_text()
        proxy.listen()
        wait_until(f"http://127.0.0.1:{port}", "/readyz", app)
        assert current(postgres_schema_url) == heads(), "migrated on start (the default)"
    finally:
        stop_app(app)
        log.close()
        proxy.close()
    assert "Traceback" not in log_path.read_text()


def test_two_migrations_at_once_take_turns_under_the_advisory_lock(
    postgres_schema_url: str,
) -> None:
    env = app_env(postgres_schema_url, "http://127.0.0.1:9/", free_port())
    schema = make_url(postgres_schema_url).query["options"].split("=")[-1]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as holder:
        # The test holds the lock: both upgrades must wait for it, none may start migrating.
        holder.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "db", "upgrade"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        try:
            end = time.monotonic() + 60
            waiting = 0
            while time.monotonic() < end and waiting < 2:
                waiting = holder.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    " AND objid = %s",
                    (ADVISORY_LOCK_KEY & 0xFFFFFFFF,),
                ).fetchone()[0]
                time.sleep(0.05)
            assert waiting == 2, "both upgrades wait for the lock"
            tables = holder.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s",
                (schema,),
            ).fetchone()[0]
            assert tables == 0, "nothing migrated while the lock was held"
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
        outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert current(postgres_schema_url) == heads()


def test_production_refuses_an_unmigrated_database_with_one_line(
    postgres_schema_url: str,
) -> None:
    env = app_env(
        postgres_schema_url, "http://127.0.0.1:9/", free_port(), JUSTERA_MIGRATE_ON_START="false"
    )
    check = _cli("db", "check", env=env)
    assert check.returncode == 1 and "justera db upgrade" in check.stderr
    assert _cli("db", "current", env=env).stdout.startswith("ingen")
    done = _cli("run", env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    plain = [line for line in done.stderr.splitlines() if not line.startswith("{")]
    assert len(plain) == 1 and "justera db upgrade" in plain[0]
    assert current(postgres_schema_url) == (), "nothing was migrated"
    assert _cli("db", "upgrade", env=env).returncode == 0
    assert _cli("db", "check", env=env).returncode == 0
    assert _cli("db", "current", env=env).stdout.strip() == ", ".join(heads())
