"""Where a stored command's server CPU goes: signed /arende, Bolt, service, store, outbox.

In one process, on one thread: the Starlette app is called through httpx's ASGI transport and
the database work runs inline instead of in a thread, so cProfile sees all of it and the
thread's CPU clock counts only the server's work (the fake Slack Web API has threads of its
own). Reports, per database: SQL statements and CPU per command (the request up to its answer,
then sending its postings), the same for a bare Bolt no-op as the baseline of the same run, and
the functions that cost the most.
Run: .venv/bin/python bench/profile_command.py --commands 300 [--db sqlite,postgresql] [--top 30]
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import cProfile
import io
import math
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import event

from bench.bench_replicas import ITEMS_PER_MEETING, PROPOSERS, set_up
from bench.bench_slack import SECRET as BARE_SECRET
from bench.bench_slack import _bare_async, postgres_database, started_fake_slack
from bot.core.service import Justera
from bot.slack.app import build_asgi, build_bot
from bot.slack.config import SlackSettings
from storage.db import make_engine
from storage.store import store_factory
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.slack_harness import TEAM

SECRET = "profile-signing-secret"
WARM_UP = 30


class Inline(concurrent.futures.ThreadPoolExecutor):
    """Runs the submitted call at once on the calling thread, so one profiler sees it."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


class Statements:
    """Counts SQL statements on an engine, by their first word (SELECT, INSERT, SAVEPOINT ...)."""

    def __init__(self, engine: Any) -> None:
        self.kinds: Counter[str] = Counter()
        self.texts: list[str] = []  # since the last clear, to show one command's statements
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.kinds[statement.split(None, 1)[0].upper()] += 1
        self.texts.append(" ".join(statement.split())[:150])

    def total(self) -> int:
        return sum(self.kinds.values())


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/profile.db"
        return
    with postgres_database() as url:
        yield url


def arende(n: int, meetings: int) -> str:
    return slash_command_body(
        "/arende",
        f"#{n % meetings + 1} Dialog; Förslag {n}",
        user_id=PROPOSERS[n % len(PROPOSERS)],
        channel_id="CFSG",
        team_id=TEAM,
    )


async def post(client: httpx.AsyncClient, body: str, secret: str) -> httpx.Response:
    return await client.post(
        "/slack/events", content=body, headers=signed_headers(body, secret, None)
    )


def bare_cpu(fake: FakeSlack, count: int) -> float:
    """Thread CPU per no-op command of a bare Bolt app (process_before_response) in-process."""
    asgi = _bare_async(fake.base_url, True)
    body = slash_command_body("/noop", "", user_id="UJONAS", channel_id="C", team_id=TEAM)

    async def run() -> float:
        transport = httpx.ASGITransport(app=asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for _ in range(WARM_UP):
                await post(client, body, BARE_SECRET)
            started = time.thread_time()
            for _ in range(count):
                response = await post(client, body, BARE_SECRET)
                assert response.status_code == 200, response.text
            return (time.thread_time() - started) / count

    return asyncio.run(run())


def profile_database(
    kind: str,
    fake: FakeSlack,
    count: int,
    top: int,
    bare: float,
    profiled_too: bool = True,
    dump: str | None = None,
) -> str:
    with database(kind) as url:
        meetings = math.ceil((2 * count + WARM_UP) / ITEMS_PER_MEETING) + 1
        set_up(url, meetings)
        engine = make_engine(url)
        statements = Statements(engine)
        service = Justera(store_factory(engine), single_writer=kind == "sqlite")
        settings = SlackSettings(bot_token="xoxb-p", signing_secret=SECRET, api_url=fake.base_url)
        client = AsyncWebClient(token="xoxb-p", base_url=fake.base_url)
        app, bot = build_bot(settings, service, client=client, interval=0)
        # The service's own share (store and SQL included), timed around each run.
        in_service = [0.0]
        run_service = service.run

        def timed_run(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return run_service(*args, **kwargs)
            finally:
                in_service[0] += time.thread_time() - started

        service.run = timed_run  # type: ignore[method-assign]
        inline = Inline()
        bot._db_thread = inline  # the SQLite writer's thread, here the calling one
        asgi = build_asgi(app, lambda: True, signing_secret=SECRET)
        # CPU time, not wall time: waiting for PostgreSQL's answer costs the server nothing.
        profiler = cProfile.Profile(time.thread_time)

        async def run() -> dict[str, float]:
            asyncio.get_running_loop().set_default_executor(inline)
            bot.outbox._events()  # its wake event, as start() makes it
            transport = httpx.ASGITransport(app=asgi)
            figures = {"answer_cpu": 0.0, "send_cpu": 0.0, "answer_sql": 0, "send_sql": 0}
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
                # Warm-up, a timed pass, then a profiled pass (the profiler's cost is its own).
                for n in range(WARM_UP + (2 if profiled_too else 1) * count):
                    measured = WARM_UP <= n < WARM_UP + count
                    profiled = n >= WARM_UP + count
                    if n == WARM_UP:
                        statements.kinds.clear()
                        in_service[0] = 0.0
                    if n == WARM_UP + count:
                        figures["service_cpu"] = in_service[0]
                    if n == WARM_UP + 1:
                        one_command = list(statements.texts)
                    statements.texts.clear()
                    # Made before the clock starts, as bare Bolt's one body is.
                    body = arende(n, meetings)
                    sql, cpu = statements.total(), time.thread_time()
                    if profiled:
                        profiler.enable()
                    response = await post(http, body, SECRET)
                    answered_sql, answered_cpu = statements.total(), time.thread_time()
                    # Whatever the answer scheduled (People's look-up, the outbox's wake).
                    await bot.later.join()
                    # As in the app, the sender looks only when a command woke it (or at its
                    # poll, seconds apart): an item proposal before publishing posts nothing.
                    wake = bot.outbox._wake
                    if wake is not None and wake.is_set():
                        wake.clear()
                        await bot.outbox.drain()
                    if profiled:
                        profiler.disable()
                    if measured:
                        figures["answer_cpu"] += answered_cpu - cpu
                        figures["send_cpu"] += time.thread_time() - answered_cpu
                        figures["answer_sql"] += answered_sql - sql
                        figures["send_sql"] += statements.total() - answered_sql
                    text = response.text
                    if response.status_code != 200 or (
                        "föreslaget" not in text and "is proposed" not in text
                    ):
                        raise SystemExit(f"{kind} #{n}: {response.status_code} {text[:200]!r}")
            figures["one"] = one_command
            figures.setdefault("service_cpu", in_service[0])
            return figures

        figures = asyncio.run(run())
        engine.dispose()
    answer, send = figures["answer_cpu"] / count, figures["send_cpu"] / count
    out = io.StringIO()
    out.write(
        f"== {kind}: {count} × /arende (signed, through Bolt, stored, its postings sent)\n"
        f"CPU per command: answer {answer * 1000:.2f} ms + sending {send * 1000:.2f} ms "
        f"= {(answer + send) * 1000:.2f} ms = {(answer + send) / bare:.1f} × bare Bolt "
        f"({bare * 1000:.2f} ms), of which the service (store and SQL included) "
        f"{figures['service_cpu'] / count * 1000:.2f} ms\n"
        f"SQL statements per command: answer {figures['answer_sql'] / count:.1f}, "
        f"sending {figures['send_sql'] / count:.1f}; by kind over the run: "
        + ", ".join(
            f"{k} {v / count / (2 if profiled_too else 1):.1f}"
            for k, v in statements.kinds.most_common()
        )
        + "\n"
        + "one command's statements, in order:\n"
        + "".join(f"  {t}\n" for t in figures["one"])
    )
    if not profiled_too:
        return out.getvalue()
    if dump:
        profiler.dump_stats(f"{dump}.{kind}")  # for pstats' callers and callees
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=300)
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--timing-only", action="store_true", help="no profiled pass")
    parser.add_argument("--out", help="also write the report to this file")
    parser.add_argument("--dump", help="write the profiles to DUMP.sqlite, DUMP.postgresql")
    args = parser.parse_args()
    fake = started_fake_slack()
    try:
        bare = bare_cpu(fake, max(200, args.commands))
        report = f"bare Bolt no-op (process_before_response): {bare * 1000:.2f} ms CPU\n"
        for kind in args.db.split(","):
            report += profile_database(
                kind, fake, args.commands, args.top, bare, not args.timing_only, args.dump
            )
    finally:
        fake.stop()
    print(report)
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
