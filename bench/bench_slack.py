"""Round trip of signed slash commands: Justera's HTTP app against bare Bolt apps, same run."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import math
import multiprocessing
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# Run as a plain script from anywhere: the project is not installed into the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psycopg
import uvicorn
from slack_bolt import App
from slack_bolt.adapter.starlette import SlackRequestHandler
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.cli import build_service
from bot.commands.parse import parse
from bot.core.context import Context
from bot.core.model import AgendaItem
from bot.core.service import Justera
from bot.slack.app import build_asgi, build_bot
from bot.slack.config import SlackSettings
from bot.slack.identity import channel_ref, mention_resolver, user_ref
from bot.slack.text import decode
from storage.db import make_engine, with_search_path
from storage.migrate import upgrade
from storage.store import store_factory
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.harness import at
from tests.slack_harness import SETUP

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
TEAM = "T1"
CHANNEL = "CFSG"  # FSG: the group the proposals go to
READ_CHANNEL = "CLSG"  # LSG: a group with one planned meeting, for the read
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
# The core's clock: the meeting planned for 18 March must still be ahead of it.
NOW = at("2026-03-02T09:00")

P99_LIMIT_MS = 50.0
THROUGHPUT_SHARE = 0.70
CLIENT_COUNTS = (1, 20)
REQUESTS = {1: 400, 20: 2000}
WARMUP = {1: 50, 20: 200}

PEOPLE = {
    "UMARIA": ("maria", "Maria Lind", "sv-SE"),
    "USARA": ("sara", "Sara Holm", "sv-SE"),
    "UJONAS": ("jonas", "Jonas Ek", "sv-SE"),
    "ULINA": ("lina", "Lina Åberg", "en-GB"),
    "UPETRA": ("petra", "Petra Söder", "sv-SE"),
}
# The group as the Slack tests set it up, without its creation (the bench creates it first).
MEMBERS = SETUP[1:]
FIRST_MEETING = NOW + timedelta(days=16, hours=4)  # Wednesday 18 March 2026, 13:00
# Ledamöter, not leads: their proposals wait for the chair, so no agenda posting follows them.
PROPOSERS = ("UJONAS", "ULINA", "UPETRA")
ITEM_PREFIX = "Förslag "
# A real meeting has a dozen or two items. Each proposal reads all of its meeting's items, so
# thousands in one meeting would measure that growth, not a command: the writes go round weekly
# meetings, each ending with at most this many (--one-meeting puts them all in meeting #1).
ITEMS_PER_MEETING = 30


# --- the servers, each in a process of its own ---------------------------------------------


@dataclass(frozen=True)
class Workload:
    name: str
    command: str
    text: Callable[[int], str]
    users: tuple[str, ...]
    expect: tuple[str, ...]  # the reply must contain one of these
    writes: bool = False
    channel: str = CHANNEL


NOOP = Workload("noop", "/noop", lambda i: "", ("UJONAS",), ("ok",))
READ = Workload(
    "read /mote lista", "/mote", lambda i: "lista", PROPOSERS, ("LSG",), channel=READ_CHANNEL
)


def write_workload(meetings: int) -> Workload:
    """Proposal n goes to meeting n mod meetings, so each meeting's agenda grows evenly."""
    return Workload(
        "write /arende",
        "/arende",
        lambda i: f"#{i % meetings + 1} Dialog; {ITEM_PREFIX}{i}",
        PROPOSERS,
        ("föreslaget", "is proposed"),
        writes=True,
    )


@dataclass(frozen=True)
class ServerSpec:
    name: str
    kind: str  # bare-async, bare-sync or justera
    workloads: tuple[Workload, ...]
    process_before_response: bool = False
    db_url: str = ""
    bare: bool = True


def _bare_async(fake_url: str, process_before_response: bool) -> Starlette:
    app = AsyncApp(
        signing_secret=SECRET,
        client=AsyncWebClient(token=TOKEN, base_url=fake_url),
        process_before_response=process_before_response,
    )

    @app.command("/noop")
    async def noop(ack: Any) -> None:
        # A text, not a bare ack, so every configuration answers with a body to check.
        await ack(text="ok")

    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def _bare_sync(fake_url: str) -> Starlette:
    app = App(signing_secret=SECRET, client=WebClient(token=TOKEN, base_url=fake_url))

    @app.command("/noop")
    def noop(ack: Any) -> None:
        ack(text="ok")

    handler = SlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def _justera(fake_url: str, db_url: str) -> Starlette:
    # Production's own construction: one database thread on SQLite, a pool on PostgreSQL.
    service = build_service(db_url)
    settings = SlackSettings(bot_token=TOKEN, signing_secret=SECRET, api_url=fake_url)
    # Production's own construction: build_bot makes its client, sender and People cache.
    app, _bot = build_bot(settings, service, now=lambda: NOW)
    return build_asgi(app, lambda: True)


def _control(conn: Connection, server: uvicorn.Server, port: int) -> None:
    """Answers the bench: the port once serving, CPU time on request, and stop."""
    while not server.started:
        time.sleep(0.005)
    conn.send(port)
    while True:
        message = conn.recv()
        if message == "cpu":
            # Process-wide, so the thread pool's database work counts too.
            conn.send(time.process_time())
        elif message == "stop":
            server.should_exit = True
            return


def serve(
    kind: str, process_before_response: bool, db_url: str, fake_url: str, conn: Connection
) -> None:
    """The child process: one app under uvicorn on 127.0.0.1, as production serves it."""
    if kind == "bare-async":
        asgi = _bare_async(fake_url, process_before_response)
    elif kind == "bare-sync":
        asgi = _bare_sync(fake_url)
    else:
        asgi = _justera(fake_url, db_url)
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on accepted sockets whose
    # proto says TCP, and without it uvicorn's separate header and body writes meet Nagle and
    # the client's delayed ACK, 40 ms a request. uvicorn.run's own socket has the right proto.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(asgi, log_level="warning"))
    port = sock.getsockname()[1]
    threading.Thread(target=_control, args=(conn, server, port), daemon=True).start()
    asyncio.run(server.serve([sock]))


class RunningServer:
    """A server process; a process of its own so the client's work does not share its GIL."""

    def __init__(self, spec: ServerSpec, fake_url: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        # Plain values only: the workloads hold lambdas, which do not pickle.
        args = (spec.kind, spec.process_before_response, spec.db_url, fake_url, child)
        self._process = context.Process(target=serve, args=args, daemon=True)
        self._process.start()
        if not self._conn.poll(60):
            self._process.kill()
            raise RuntimeError(f"{spec.name}: the server did not start")
        self.url = f"http://127.0.0.1:{self._conn.recv()}"

    def cpu(self) -> float:
        self._conn.send("cpu")
        return self._conn.recv()

    def stop(self) -> None:
        self._conn.send("stop")
        self._process.join(timeout=15)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


# --- the clients ----------------------------------------------------------------------------


@dataclass
class Row:
    server: str
    workload: str
    clients: int
    latencies: list[float]  # seconds
    wall: float
    server_cpu: float
    client_cpu: float
    bare: bool
    errors: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000

    @property
    def rps(self) -> float:
        return self.count / self.wall


async def _load(
    clients: list[httpx.AsyncClient],
    workload: Workload,
    first: int,
    count: int,
    errors: list[str],
) -> list[float]:
    """Requests first.. first+count-1, one worker per client; the latencies in seconds."""
    numbers = itertools.count(first)
    end = first + count
    latencies: list[float] = []

    async def worker(client: httpx.AsyncClient) -> None:
        for n in numbers:
            if n >= end:
                return
            body = slash_command_body(
                workload.command,
                workload.text(n),
                user_id=workload.users[n % len(workload.users)],
                channel_id=workload.channel,
                team_id=TEAM,
            )
            # The real clock: Bolt rejects a signature more than five minutes off.
            headers = signed_headers(body, SECRET, None)
            start = time.perf_counter()
            try:
                response = await client.post("/slack/events", content=body, headers=headers)
            except httpx.HTTPError as error:
                # A timed-out request counts, with its wait, instead of ending the run.
                latencies.append(time.perf_counter() - start)
                errors.append(f"#{n}: {type(error).__name__}")
                continue
            latencies.append(time.perf_counter() - start)
            text = response.text
            if response.status_code != 200 or not text:
                errors.append(f"#{n}: HTTP {response.status_code} {text[:200]!r}")
            elif not any(marker in text for marker in workload.expect):
                errors.append(f"#{n}: unexpected reply {text[:200]!r}")

    await asyncio.gather(*(worker(client) for client in clients))
    return latencies


async def _measure(
    server: RunningServer, spec: ServerSpec, workload: Workload, clients: int, first: int
) -> Row:
    errors: list[str] = []
    async with contextlib.AsyncExitStack() as stack:
        # A client of its own per worker, like Slack's independent connections: 20 workers
        # sharing one AsyncClient spend 1.8 ms of client CPU a request in its connection pool,
        # and cap every configuration near 500 req/s with a p99 near 200 ms.
        sessions = [
            await stack.enter_async_context(httpx.AsyncClient(base_url=server.url, timeout=30))
            for _ in range(clients)
        ]
        # Warm-up: connections, Bolt's auth.test, users.info per user, the database's caches.
        await _load(sessions, workload, first, WARMUP[clients], errors)
        cpu_before, client_before = server.cpu(), time.process_time()
        started = time.perf_counter()
        latencies = await _load(
            sessions, workload, first + WARMUP[clients], REQUESTS[clients], errors
        )
        wall = time.perf_counter() - started
        server_cpu, client_cpu = server.cpu() - cpu_before, time.process_time() - client_before
    return Row(
        spec.name,
        workload.name,
        clients,
        latencies,
        wall,
        server_cpu,
        client_cpu,
        spec.bare,
        errors,
    )


def measure(
    server: RunningServer, spec: ServerSpec, workload: Workload, clients: int, first: int
) -> tuple[Row, int]:
    """Warm up, then measure; returns the row and how many requests were sent in all."""
    row = asyncio.run(_measure(server, spec, workload, clients, first))
    return row, WARMUP[clients] + REQUESTS[clients]


# --- databases ------------------------------------------------------------------------------


def plan_line(week: int) -> str:
    """/mote planera for the Wednesday `week` weeks after the first meeting."""
    return (
        f"/mote planera {FIRST_MEETING + timedelta(weeks=week):%Y-%m-%d %H:%M}; Sof, Storgatan 12"
    )


def set_up_groups(db_url: str, meetings: int) -> None:
    """Straight to the core: FSG in #CFSG with weekly meetings #1.., LSG in #CLSG with one.

    /mote lista lists every meeting of the group, so the read gets a group of its own with
    one planned meeting rather than the many meetings the proposals are spread over.
    """
    upgrade(db_url)
    engine = make_engine(db_url)
    service = Justera(store_factory(engine))
    fsg = [
        ("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
        *MEMBERS,
        *(("UMARIA", plan_line(k)) for k in range(meetings)),
    ]
    lsg = [
        ("UMARIA", "/grupp skapa LSG; Lokal samverkansgrupp Äldreomsorgen"),
        *MEMBERS,
        ("UMARIA", plan_line(0)),
    ]
    for channel, lines in ((CHANNEL, fsg), (READ_CHANNEL, lsg)):
        for user, line in lines:
            ctx = Context(
                user_ref=user_ref(TEAM, user),
                channel_ref=channel_ref(TEAM, channel),
                now=NOW,
                display_name=PEOPLE[user][1],
            )
            # Lines as Slack sends them; decoded as the adapter does before the fields split.
            call = parse(decode(line), now=NOW, lang="sv", resolve_user=mention_resolver(TEAM))
            assert call.operation is not None, line
            service.run(ctx, call.operation, *call.args, **call.kwargs)
    engine.dispose()


def stored_proposals(db_url: str) -> tuple[int, int, int]:
    """The bench's items: how many, how many distinct (meeting, number), most in one meeting."""
    engine = make_engine(db_url)
    try:
        with store_factory(engine)() as store:
            items = store.find(AgendaItem)
    finally:
        engine.dispose()
    ours = [i for i in items if i.title.startswith(ITEM_PREFIX)]
    per_meeting: dict[int, int] = {}
    for item in ours:
        per_meeting[item.meeting_id] = per_meeting.get(item.meeting_id, 0) + 1
    distinct = len({(i.meeting_id, i.number) for i in ours})
    return len(ours), distinct, max(per_meeting.values(), default=0)


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="justera-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'justera.db'}"


def postgres_problem() -> str | None:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        return str(error).strip().splitlines()[0]
    return None


def started_fake_slack() -> FakeSlack:
    """A fake Slack on its own port, not pacing posts, that knows the harness's people."""
    fake = FakeSlack(clock=FakeClock(), enforce_rate=False)
    fake.start()
    for user_id, (name, real, locale) in PEOPLE.items():
        fake.add_user(user_id, name=name, display_name=real, locale=locale, team_id=TEAM)
    return fake


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh schema of its own, dropped with everything in it afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(POSTGRES_URL, schema)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


# --- the run --------------------------------------------------------------------------------


def run_server(spec: ServerSpec, fake: FakeSlack) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    problems: list[str] = []
    sent_writes = 0
    calls_before = len(fake.calls)
    server = RunningServer(spec, fake.base_url)
    try:
        for workload in spec.workloads:
            for clients in CLIENT_COUNTS:
                # Item numbers come from the request's index, so they stay unique in the run.
                first = sent_writes if workload.writes else 0
                row, sent = measure(server, spec, workload, clients, first)
                if workload.writes:
                    sent_writes += sent
                rows.append(row)
                problems += [f"{spec.name} {workload.name}: {e}" for e in row.errors[:5]]
                if len(row.errors) > 5:
                    problems.append(f"{spec.name} {workload.name}: {len(row.errors)} errors in all")
                print(
                    f"  {spec.name:<22} {workload.name:<17} {clients:>2} clients: "
                    f"p50 {row.percentile(50):6.1f} ms  p99 {row.percentile(99):6.1f} ms  "
                    f"{row.rps:7.1f} req/s",
                    flush=True,
                )
    finally:
        server.stop()
    if spec.db_url and any(w.writes for w in spec.workloads):
        found, distinct, most = stored_proposals(spec.db_url)
        if found != sent_writes or distinct != sent_writes:
            problems.append(
                f"{spec.name}: sent {sent_writes} proposals, the database holds {found} "
                f"with {distinct} distinct (meeting, number)"
            )
        else:
            print(
                f"  {spec.name}: the database holds all {found} proposals, distinctly "
                f"numbered, at most {most} in one meeting"
            )
    methods: dict[str, int] = {}
    for call in fake.calls[calls_before:]:
        methods[call.method] = methods.get(call.method, 0) + 1
    # Whether Slack's Web API sat on the request path: auth.test once, users.info once a user.
    print(f"  {spec.name}: Slack API calls {methods}")
    if set(methods) - {"auth.test", "users.info"}:
        # Member proposals post nothing; a posting here would be work the bench did not intend.
        problems.append(f"{spec.name}: unexpected Slack API calls {methods}")
    return rows, problems


def report(rows: list[Row]) -> bool:
    print()
    print(
        f"{'server':<22} {'command':<17} {'cli':>3} {'n':>5} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'req/s':>7} {'srv cpu':>8} {'cli cpu':>8}"
    )
    for row in rows:
        print(
            f"{row.server:<22} {row.workload:<17} {row.clients:>3} {row.count:>5} "
            f"{row.percentile(50):7.2f} {row.percentile(99):7.2f} {row.percentile(100):7.1f} "
            f"{row.rps:7.1f} {row.server_cpu / row.count * 1000:6.2f}ms "
            f"{row.client_cpu / row.count * 1000:6.2f}ms"
        )
    print("(srv cpu / cli cpu: CPU time per request in the server process / the client)")
    passed = True
    for clients in CLIENT_COUNTS:
        bare = [r for r in rows if r.bare and r.clients == clients]
        fastest = max(bare, key=lambda r: r.rps)
        print()
        print(
            f"{clients} client(s): fastest bare is {fastest.server} "
            f"(p50 {fastest.percentile(50):.2f} ms, p99 {fastest.percentile(99):.2f} ms, "
            f"{fastest.rps:.0f} req/s)"
        )
        if fastest.client_cpu > fastest.server_cpu:
            # Then the bare figure is partly the client's ceiling, and the server's is higher.
            print(
                f"  (the client spent more CPU per request than that server: "
                f"{fastest.client_cpu / fastest.count * 1000:.2f} ms against "
                f"{fastest.server_cpu / fastest.count * 1000:.2f} ms)"
            )
        for row in rows:
            if row.bare or row.clients != clients:
                continue
            share = row.rps / fastest.rps
            p50_ratio = row.percentile(50) / fastest.percentile(50)
            p99_ratio = row.percentile(99) / fastest.percentile(99)
            print(
                f"  {row.server:<22} {row.workload:<17} p50 x{p50_ratio:6.2f}  "
                f"p99 x{p99_ratio:6.2f}  throughput {share:6.1%} of bare"
            )
            if clients != max(CLIENT_COUNTS):
                continue
            p99_ok = row.percentile(99) < P99_LIMIT_MS
            share_ok = share >= THROUGHPUT_SHARE
            passed = passed and p99_ok and share_ok
            print(
                f"    {'PASS' if p99_ok else 'FAIL'}: p99 {row.percentile(99):.1f} ms "
                f"< {P99_LIMIT_MS:.0f} ms;  {'PASS' if share_ok else 'FAIL'}: throughput "
                f"{share:.1%} >= {THROUGHPUT_SHARE:.0%} of {fastest.server}"
            )
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-postgres", action="store_true", help="skip Justera on PostgreSQL")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the request counts")
    parser.add_argument(
        "--one-meeting",
        action="store_true",
        help="every proposal to meeting #1, as one ever-growing agenda (slow: shows the growth)",
    )
    args = parser.parse_args()
    for clients in CLIENT_COUNTS:
        REQUESTS[clients] = max(20, int(REQUESTS[clients] * args.scale))
    writes = sum(WARMUP[c] + REQUESTS[c] for c in CLIENT_COUNTS)
    meetings = 1 if args.one_meeting else math.ceil(writes / ITEMS_PER_MEETING)
    workloads = (write_workload(meetings), READ)
    started = time.perf_counter()

    fake = started_fake_slack()
    rows: list[Row] = []
    problems: list[str] = []
    try:
        bare = [
            ServerSpec("bare async default", "bare-async", (NOOP,)),
            ServerSpec("bare async pbr=True", "bare-async", (NOOP,), process_before_response=True),
            ServerSpec("bare sync default", "bare-sync", (NOOP,)),
        ]
        for spec in bare:
            more_rows, more_problems = run_server(spec, fake)
            rows += more_rows
            problems += more_problems
        with sqlite_database() as url:
            set_up_groups(url, meetings)
            spec = ServerSpec("justera sqlite", "justera", workloads, db_url=url, bare=False)
            more_rows, more_problems = run_server(spec, fake)
            rows += more_rows
            problems += more_problems
        problem = None if args.no_postgres else postgres_problem()
        if args.no_postgres or problem:
            print(f"  justera postgres: skipped ({problem or '--no-postgres'})")
        else:
            with postgres_database() as url:
                set_up_groups(url, meetings)
                spec = ServerSpec("justera postgres", "justera", workloads, db_url=url, bare=False)
                more_rows, more_problems = run_server(spec, fake)
                rows += more_rows
                problems += more_problems
        problems += [f"fake Slack: {v}" for v in fake.violations]
    finally:
        fake.stop()

    passed = report(rows)
    print()
    for problem in problems:
        print(f"ERROR: {problem}")
    verdict = "PASS" if passed and not problems else "FAIL"
    print(
        f"{verdict}: Justera at {max(CLIENT_COUNTS)} clients: p99 < {P99_LIMIT_MS:.0f} ms and "
        f">= {THROUGHPUT_SHARE:.0%} of the fastest bare throughput; every reply 200 and stored"
    )
    print(f"total time {time.perf_counter() - started:.1f} s")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
