"""A reminder- and outbox-sending process for the multi-process tests and the bench, and helpers."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

# Run as a plain script (python tests/reminder_worker.py): the project is not installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_sdk.web.async_client import AsyncWebClient

import bot.core.outbox as outbox_module
from bot.core.context import STOCKHOLM
from bot.core.model import Group, Reminder, ReminderKind
from bot.core.service import Justera
from bot.outbox.sender import OutboxSender
from bot.scheduling.runner import AsyncReminderRunner
from bot.slack.poster import MIN_INTERVAL, SlackPoster
from storage.db import make_engine
from storage.store import store_factory

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "xoxb-reminder-worker"
GROUP_KEY = "FSG"
TITLE = re.compile(r"”(Ärende \d+)”")


# --- helpers for the parent: seed, start, read --------------------------------------------


def seed_reminders(url: str, count: int, channels: int) -> dict[str, int]:
    """count due NO_MEETING reminders, round-robin over channels; their unique titles to ids."""
    now = datetime.now(STOCKHOLM)
    engine = make_engine(url)
    titles: dict[str, int] = {}
    try:
        with store_factory(engine)() as store:
            group = store.add(Group(key=GROUP_KEY, name="Förvaltningssamverkan", created_at=now))
            assert group.id is not None
            for n in range(count):
                title = f"Ärende {n:05d}"
                reminder = store.add(
                    Reminder(
                        group_id=group.id,
                        key=f"worker-test:{n}",
                        kind=ReminderKind.NO_MEETING,
                        # Due a minute ago: even a clock 11 minutes ahead stays short of "late".
                        due_at=now - timedelta(minutes=1),
                        expires_at=now + timedelta(days=365),
                        target_ref=f"slack:T1:C{n % channels:04d}",
                        detail=json.dumps({"title": title, "deadline": "2026-09-30"}),
                    )
                )
                assert reminder.id is not None
                titles[title] = reminder.id
            store.commit()
    finally:
        engine.dispose()
    return titles


def title_of(text: str) -> str:
    """The reminder's unique title in a posted text."""
    found = TITLE.search(text)
    assert found is not None, f"no reminder title in {text!r}"
    return found.group(1)


def start_worker(
    url: str, slack_url: str, name: str, stderr: TextIO, *options: str
) -> subprocess.Popen[str]:
    command = [sys.executable, str(Path(__file__).resolve()), url, slack_url, name, *options]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def wait_ready(process: subprocess.Popen[str], timeout: float) -> None:
    """Block (bounded) until a worker started with --wait-for-go has set everything up."""
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], timeout)
    if not readable:
        raise TimeoutError(f"worker {process.pid} not ready within {timeout} s")
    line = process.stdout.readline()
    if line.strip() != "ready":
        raise RuntimeError(f"worker {process.pid} said {line!r} instead of ready")


def go(processes: Sequence[subprocess.Popen[str]]) -> None:
    """Release workers waiting for go, as close to the same moment as pipes allow."""
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()  # finish() closes it


def finish(process: subprocess.Popen[str], timeout: float) -> dict[str, Any] | None:
    """Wait (bounded) for the worker; its summary, or None when it died without one."""
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


def stop(processes: Sequence[subprocess.Popen[str]]) -> None:
    """Kill what is still running; for cleanup after a failure."""
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


# --- the worker process ------------------------------------------------------------------


def die() -> None:
    # SIGKILL: no finally blocks, no atexit, no closing of connections; like a lost machine.
    os.kill(os.getpid(), signal.SIGKILL)


class DieAfterSent:
    """Kill the process right after the nth posting is recorded sent, with no post in flight.

    Posts not yet started when the nth is recorded are held back, and the kill waits for those
    already under way to be recorded too: so the process dies between postings on every
    channel, never between Slack's acceptance of a post and the commit of "sent".
    """

    def __init__(self, after: int) -> None:
        self.after = after
        self.sent = 0
        self.in_flight = 0
        self.closing = False
        self.lock = threading.Lock()

    def wrap_post(self, post: Callable[..., Any]) -> Callable[..., Any]:
        async def gated(*args: Any) -> Any:
            with self.lock:
                closing = self.closing
                if not closing:
                    self.in_flight += 1
            if closing:
                await asyncio.Event().wait()  # never set: this post must not start
            try:
                return await post(*args)
            except BaseException:
                self.done(sent=False)
                raise

        return gated

    def wrap_mark(self, mark: Callable[..., bool]) -> Callable[..., bool]:
        def marked(*args: Any, **kwargs: Any) -> bool:
            try:
                return mark(*args, **kwargs)
            finally:
                self.done(sent=True)

        return marked

    def done(self, *, sent: bool) -> None:
        with self.lock:
            self.in_flight -= 1
            self.sent += sent
            self.closing = self.closing or self.sent >= self.after
            if self.closing and self.in_flight == 0:
                die()


def dying_claim(after: int) -> Callable[..., Any]:
    """outbox.claim that kills the process right after its kth claim with lanes in it commits."""
    claim = outbox_module.claim
    claims = 0

    def claimed(*args: Any, **kwargs: Any) -> Any:
        nonlocal claims
        lanes = claim(*args, **kwargs)
        claims += bool(lanes)
        if claims == after:
            die()  # the lanes are held under our lease, nothing of them posted
        return lanes

    return claimed


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url", help="database URL (PostgreSQL with search_path, or SQLite)")
    parser.add_argument("slack_url", help="the fake Slack's base_url")
    parser.add_argument("worker", help="the name this process claims under")
    parser.add_argument("--interval", type=float, default=MIN_INTERVAL, help="poster pacing")
    parser.add_argument("--limit", type=int, help="hand over at most this many per tick")
    parser.add_argument("--offset-minutes", type=float, default=0.0, help="clock ahead")
    parser.add_argument("--lease-seconds", type=float, help="the outbox lease")
    parser.add_argument("--lanes-at-once", type=int, help="lanes one sender works at once")
    parser.add_argument("--die-after-sent", type=int, help="SIGKILL after n postings sent")
    parser.add_argument("--die-after-claims", type=int, help="SIGKILL after the kth lane claim")
    parser.add_argument("--wait-for-go", action="store_true", help="ready, then wait for go")
    return parser.parse_args(argv)


async def drain(args: argparse.Namespace) -> dict[str, Any]:
    engine = make_engine(args.url)
    offset = timedelta(minutes=args.offset_minutes)

    def now() -> datetime:
        return datetime.now(STOCKHOLM) + offset

    client = AsyncWebClient(token=TOKEN, base_url=args.slack_url)
    service = Justera(store_factory(engine))
    poster = SlackPoster(client, interval=args.interval)
    sender = OutboxSender(service.store_factory, [poster], worker=args.worker, now=now)
    if args.lease_seconds is not None:
        sender.lease = timedelta(seconds=args.lease_seconds)
    if args.lanes_at_once is not None:
        sender.lanes_at_once = args.lanes_at_once
    runner = AsyncReminderRunner(service, sender.wake, ("slack:",), now, worker=args.worker)
    if args.limit is not None:
        runner.batch = args.limit
    if args.die_after_claims is not None:
        outbox_module.claim = dying_claim(args.die_after_claims)  # type: ignore[assignment]
    if args.die_after_sent is not None:
        killer = DieAfterSent(args.die_after_sent)
        poster.perform = killer.wrap_post(poster.perform)  # type: ignore[method-assign]
        outbox_module.record_step = killer.wrap_mark(outbox_module.record_step)  # type: ignore[assignment]
    if args.wait_for_go:
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit("no go: the parent went away")
    started = time.time()
    handed = ticks = 0
    try:
        # Like the scheduler's ticks, but back to back: hand a batch over, send it all, again.
        while True:
            ticks += 1
            count = await runner.tick()
            handed += count
            await sender.drain()
            if count == 0:
                break
    finally:
        engine.dispose()
    return {
        "worker": args.worker,
        "claimed": handed,
        "ticks": ticks,
        "sent": sender.sent,
        "post_failures": len(sender.failures),
        "sender_failures": len(sender.failures),
        "seconds": time.time() - started,
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    print(json.dumps(asyncio.run(drain(args))), flush=True)


if __name__ == "__main__":
    main()
