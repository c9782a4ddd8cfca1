"""Drain 10,000 due reminders over 200 channels with one and two sender processes, real time."""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Run as a plain script from the repo root: the project is not installed into the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from bot.core.model import Reminder, ReminderStatus
from bot.slack.poster import MIN_INTERVAL
from storage.db import make_engine, with_search_path
from storage.migrate import upgrade
from storage.store import store_factory
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import FakeSlack, _Server
from tests.reminder_worker import finish, go, seed_reminders, start_worker, stop, title_of
from tests.reminder_worker import wait_ready as wait_until_ready

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
READY_TIMEOUT = 60.0
DRAIN_TIMEOUT = 150.0  # per run; the floor for the full load is 49 s


# The fake listens with socketserver's default backlog of 5 connections. The SDK opens one
# connection per call and the fake closes each after answering, so 200 channels posting at
# once overflow it: dropped SYNs come back after 1, 3, 7 s..., and some calls hit the client's
# 30 s timeout. That measures the fake, not the senders; a real server's backlog is larger.
_Server.request_queue_size = 1024


class RealClock(FakeClock):
    """The fake Slack on real time: a benchmark measures how long draining really takes."""

    def time(self) -> float:
        return time.monotonic()

    now = time


@dataclass
class Run:
    processes: int
    seed_s: float
    drain_s: float  # from "go" to the last post Slack accepted
    exit_s: float  # from "go" until every process had exited
    accepted: int
    duplicates: int
    missing: int
    refused_429: int
    gave_up: int  # jobs the Sender dropped after MAX_ATTEMPTS 429s (released, claimed again)
    unsent_rows: int
    floor_s: float
    claimed: list[int]
    finished: bool

    @property
    def rate(self) -> float:
        return self.accepted / self.drain_s if self.drain_s > 0 else 0.0

    @property
    def ratio(self) -> float:
        return self.drain_s / self.floor_s if self.floor_s > 0 else math.inf


def admin(sql: str) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)


def unsent(url: str) -> int:
    engine = make_engine(url)
    try:
        with store_factory(engine)() as store:
            return sum(r.status is not ReminderStatus.SENT for r in store.find(Reminder))
    finally:
        engine.dispose()


def run(
    processes: int, reminders: int, channels: int, log: Path, options: tuple[str, ...] = ()
) -> Run:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin(f"CREATE SCHEMA {schema}")
    url = with_search_path(POSTGRES_URL, schema)
    workers = []
    try:
        upgrade(url)
        started = time.monotonic()
        titles = seed_reminders(url, reminders, channels)
        seed_s = time.monotonic() - started
        with FakeSlack(clock=RealClock(), enforce_rate=True) as fake, log.open("a") as stderr:
            for n in range(processes):
                # The production settings: the Sender's 1 s interval, the runner's own limit.
                workers.append(
                    start_worker(url, fake.base_url, f"w{n + 1}", stderr, "--wait-for-go", *options)
                )
            for worker in workers:
                wait_until_ready(worker, READY_TIMEOUT)
            t0 = time.monotonic()
            go(workers)
            finished = True
            summaries = []
            for worker in workers:
                try:
                    summaries.append(
                        finish(worker, max(1.0, t0 + DRAIN_TIMEOUT - time.monotonic()))
                    )
                except subprocess.TimeoutExpired:
                    finished = False
            exit_s = time.monotonic() - t0
            finished = finished and all(w.returncode == 0 for w in workers) and all(summaries)
            calls = fake.calls_to("chat.postMessage")
        accepted = [call for call in calls if call.ok]
        counts = Counter(title_of(call.args["text"]) for call in accepted)
        per_channel = Counter(f"C{n % channels:04d}" for n in range(reminders))
        return Run(
            processes=processes,
            seed_s=seed_s,
            drain_s=max((call.at for call in accepted), default=t0) - t0,
            exit_s=exit_s,
            accepted=len(accepted),
            duplicates=sum(count - 1 for count in counts.values()),
            missing=len(set(titles) - set(counts)),
            refused_429=sum(call.status == 429 for call in calls),
            gave_up=sum(s["post_failures"] for s in summaries if s),
            unsent_rows=unsent(url),
            floor_s=(max(per_channel.values()) - 1) * MIN_INTERVAL,
            claimed=[s["claimed"] if s else -1 for s in summaries],
            finished=finished,
        )
    finally:
        stop(workers)
        admin(f"DROP SCHEMA {schema} CASCADE")


def table(runs: list[Run], reminders: int, channels: int) -> str:
    lines = [
        f"{reminders} reminders over {channels} channels, fake Slack enforcing "
        f"{1 / MIN_INTERVAL:.0f} message/s/channel on the real clock; PostgreSQL",
        f"{'procs':>5} {'drain s':>8} {'msg/s':>7} {'floor s':>8} {'ratio':>6} {'dups':>5} "
        f"{'missing':>7} {'429s':>6} {'gave up':>7} {'unsent':>6} {'exit s':>7}  claimed",
    ]
    for r in runs:
        lines.append(
            f"{r.processes:>5} {r.drain_s:>8.1f} {r.rate:>7.1f} {r.floor_s:>8.1f} {r.ratio:>6.2f} "
            f"{r.duplicates:>5} {r.missing:>7} {r.refused_429:>6} {r.gave_up:>7} "
            f"{r.unsent_rows:>6} {r.exit_s:>7.1f}  {r.claimed}"
            + ("" if r.finished else "  (a worker failed or timed out)")
        )
    seeding = ", ".join(f"{r.seed_s:.1f}" for r in runs)
    lines.append(f"(seeding the database took {seeding} s; not part of the drain time)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--lanes-at-once", type=int, help="lanes each sender works at once (its default: 50)"
    )
    args = parser.parse_args()
    options = () if args.lanes_at_once is None else ("--lanes-at-once", str(args.lanes_at_once))
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "workers.log"
        runs = []
        for processes in args.processes:
            runs.append(run(processes, args.reminders, args.channels, log, options))
            print(f"{processes} process(es): drained in {runs[-1].drain_s:.1f} s", flush=True)
        print(table(runs, args.reminders, args.channels))
        errors = log.read_text()
        if errors.strip():
            lines = errors.splitlines()
            print(f"\nworker stderr ({len(lines)} lines), last 5:", *lines[-5:], sep="\n")
    failed = [r for r in runs if r.duplicates or r.missing or r.unsent_rows or not r.finished]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
