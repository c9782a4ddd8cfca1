"""Signed slash commands from this process to one and two `justera run` replicas on PostgreSQL.

Reports commands/s, p50/p99, errors, RSS per replica as the commands go by, and server CPU per
stored command against a bare Bolt app (process_before_response) measured in the same run.
Run: .venv/bin/python bench/bench_replicas.py --commands 3000 [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import itertools
import math
import os
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psycopg

from bench.bench_slack import NOOP, RunningServer, ServerSpec, started_fake_slack
from bot.commands.parse import parse
from bot.core import reminders
from bot.core.context import STOCKHOLM, Context
from bot.core.model import AgendaItem, Meeting
from bot.core.ports import Store
from bot.core.service import Justera
from bot.slack.identity import channel_ref, mention_resolver, user_ref
from bot.slack.text import decode
from storage.db import make_engine, with_search_path
from storage.migrate import upgrade
from storage.store import store_factory
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.ops_process import SECRET, app_env, free_port, start_app, stop_app, wait_until
from tests.slack_harness import PEOPLE, SETUP, TEAM

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
PROPOSERS = ("UJONAS", "ULINA", "UPETRA")
ITEMS_PER_MEETING = 30
CLIENTS = 20
CHECKPOINTS = 10  # RSS samples over the run
# The reply to a stored proposal, in Swedish or English (Lina reads English).
EXPECT = ("föreslaget", "is proposed")


def set_up(url: str, meetings: int) -> None:
    """The group and its first meeting through the service, the other meetings copied from it.

    Planning each through the service replans every open meeting's reminders, so set-up time
    grew with the square of the meetings (a 100,000-command run needs 1,000 of them); a copy
    gets the same rows: the meeting, its standing items and its own reminders.
    """
    upgrade(url)
    engine = make_engine(url)
    service = Justera(store_factory(engine))
    now = datetime.now(STOCKHOLM)
    first = (now + timedelta(days=8)).replace(hour=13, minute=0, second=0, microsecond=0)
    lines = [
        ("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
        *SETUP[1:],
        ("UMARIA", f"/mote planera {first:%Y-%m-%d %H:%M}; Sof"),
    ]
    for user, line in lines:
        ctx = Context(
            user_ref=user_ref(TEAM, user),
            channel_ref=channel_ref(TEAM, "CFSG"),
            now=now,
            display_name=PEOPLE[user][1],
        )
        call = parse(decode(line), now=now, lang="sv", resolve_user=mention_resolver(TEAM))
        service.run(ctx, call.operation, *call.args, **call.kwargs)
    for start in range(1, meetings, 100):
        with store_factory(engine)() as store:
            for k in range(start, min(start + 100, meetings)):
                copy_first_meeting(store, timedelta(days=k), now)
            store.commit()
    engine.dispose()


def copy_first_meeting(store: Store, later: timedelta, now: datetime) -> None:
    planned = store.find(Meeting, number=1)[0]
    meeting = store.add(
        dataclasses.replace(
            planned,
            id=None,
            number=0,  # the group's next
            starts_at=planned.starts_at + later,
            agenda_deadline=planned.agenda_deadline + later,
            ends_at=planned.ends_at + later if planned.ends_at else None,
        )
    )
    for item in store.find(AgendaItem, meeting_id=planned.id):
        store.add(dataclasses.replace(item, id=None, meeting_id=meeting.id))
    reminders.plan_meeting_reminders(store, meeting.id, now)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def load(bases: list[str], first: int, count: int, meetings: int, pids, rss) -> tuple:
    latencies: list[float] = []
    errors: list[str] = []
    numbers = itertools.count(first)
    end = first + count
    step = max(1, count // CHECKPOINTS)

    async def worker(client_index: int) -> None:
        clients = [httpx.AsyncClient(base_url=b, timeout=30) for b in bases]
        try:
            for n in numbers:
                if n >= end:
                    return
                body = slash_command_body(
                    "/arende",
                    f"#{n % meetings + 1} Dialog; Förslag {n}",
                    user_id=PROPOSERS[n % len(PROPOSERS)],
                    channel_id="CFSG",
                    team_id=TEAM,
                )
                client = clients[n % len(clients)]
                started = time.perf_counter()
                try:
                    response = await client.post(
                        "/slack/events", content=body, headers=signed_headers(body, SECRET, None)
                    )
                    text = response.text
                    if response.status_code != 200 or not any(w in text for w in EXPECT):
                        errors.append(f"#{n}: {response.status_code} {text[:120]!r}")
                except httpx.HTTPError as error:
                    errors.append(f"#{n}: {type(error).__name__}")
                latencies.append(time.perf_counter() - started)
                if (n - first) % step == 0:
                    rss.append([round(rss_mb(pid), 1) for pid in pids])
        finally:
            for client in clients:
                await client.aclose()

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(CLIENTS)))
    return latencies, errors, time.perf_counter() - started


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000


def bare_cpu(fake: FakeSlack, count: int) -> float:
    """Server CPU per no-op command of bare Bolt (process_before_response), same machine."""
    spec = ServerSpec("bare", "bare-async", (NOOP,), process_before_response=True)
    server = RunningServer(spec, fake.base_url)

    async def run() -> None:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            sem = asyncio.Semaphore(CLIENTS)

            async def one() -> None:
                body = slash_command_body(
                    "/noop", "", user_id="UJONAS", channel_id="C", team_id=TEAM
                )
                headers = signed_headers(body, "bench-signing-secret", None)
                async with sem:
                    await client.post("/slack/events", content=body, headers=headers)

            await asyncio.gather(*(one() for _ in range(100)))
            before = server.cpu()
            await asyncio.gather(*(one() for _ in range(count)))
            server.cpu_used = server.cpu() - before

    try:
        asyncio.run(run())
        return server.cpu_used / count
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=3000, help="per configuration")
    parser.add_argument("--replicas", default="1,2")
    parser.add_argument("--profile", action="store_true", help="pyinstrument the first replica")
    args = parser.parse_args()
    fake = started_fake_slack()
    try:
        bare = bare_cpu(fake, min(2000, args.commands))
        print(f"bare Bolt (process_before_response): {bare * 1000:.2f} ms server CPU per no-op")
        for replicas in [int(r) for r in args.replicas.split(",")]:
            schema = f"bench_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
                admin.execute(f"CREATE SCHEMA {schema}")
            url = with_search_path(POSTGRES_URL, schema)
            meetings = math.ceil((args.commands + 200) / ITEMS_PER_MEETING)
            try:
                set_up(url, meetings)
                ports = [free_port() for _ in range(replicas)]
                apps = []
                for i, port in enumerate(ports):
                    env = app_env(url, fake.base_url, port, JUSTERA_LOG_LEVEL="WARNING")
                    command = None
                    if args.profile and i == 0:
                        command = [
                            sys.executable,
                            "-m",
                            "pyinstrument",
                            "-o",
                            "/tmp/justera-profile.txt",
                            "-m",
                            "bot.cli",
                            "run",
                        ]
                    log = open(f"/tmp/justera-bench-{i}.log", "w")  # noqa: SIM115
                    apps.append(start_app(env, stderr=log, command=command))
                bases = [f"http://127.0.0.1:{p}" for p in ports]
                for base, app in zip(bases, apps, strict=True):
                    wait_until(base, "/readyz", app)
                pids = [app.pid for app in apps]
                rss: list[list[float]] = []
                asyncio.run(load(bases, 0, 200, meetings, pids, []))  # warm-up
                cpu_before = [cpu_seconds(p) for p in pids]
                latencies, errors, wall = asyncio.run(
                    load(bases, 200, args.commands, meetings, pids, rss)
                )
                cpu = sum(cpu_seconds(p) for p in pids) - sum(cpu_before)
                for app in apps:
                    stop_app(app)
                per = cpu / len(latencies)
                print(
                    f"{replicas} replica(s), {len(latencies)} commands: "
                    f"{len(latencies) / wall:.0f}/s, "
                    f"p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms, "
                    f"errors {len(errors)}, server CPU {per * 1000:.2f} ms per stored command "
                    f"({per / bare:.1f} x bare Bolt)"
                )
                print(f"  RSS MB per replica over the run: {rss}")
                for error in errors[:5]:
                    print(f"  ERROR {error}")
            finally:
                with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
                    admin.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
