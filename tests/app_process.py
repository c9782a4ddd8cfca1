"""The real app (`justera run`, HTTP mode) as a process of its own, and a proxy to cut Slack off."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TextIO

import httpx

from bot.commands.parse import parse
from bot.core.context import Context
from bot.core.service import Justera
from bot.core.texts import UserError
from bot.slack.identity import channel_ref, mention_resolver, user_ref
from bot.slack.text import decode
from storage.db import make_engine
from storage.store import store_factory
from tests.fakes.slack_signing import FORM, signed_headers, slash_command_body
from tests.slack_harness import PEOPLE, SECRET, TEAM

ROOT = Path(__file__).resolve().parents[1]
CHANNEL = "CFSG"
START_TIMEOUT = 60.0  # seconds for a process to import, migrate and listen on a loaded machine


def free_port() -> int:
    """A port the OS has just handed out; the app binds it a moment later."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class App:
    """One `justera run` process serving Slack over HTTP on a port of its own."""

    def __init__(
        self,
        url: str,
        slack_url: str,
        log: TextIO,
        *,
        grace: float = 20.0,
        name: str = "app",
        lease: float | None = None,
    ) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "JUSTERA_DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-process-test",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_url,
            "JUSTERA_HOST": "127.0.0.1",
            "JUSTERA_PORT": str(self.port),
            "JUSTERA_SHUTDOWN_GRACE_SECONDS": str(grace),
        }
        if lease is not None:
            env["JUSTERA_OUTBOX_LEASE_SECONDS"] = str(lease)
        env.pop("SLACK_APP_TOKEN", None)
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=30)
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                if self.http.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            threading.Event().wait(0.1)  # polling a starting process, not waiting for time
        raise TimeoutError(f"{self.name} did not answer /health within {START_TIMEOUT} s")

    def command(self, user: str, line: str) -> str:
        name, _, text = line.partition(" ")
        body = slash_command_body(name, text, user_id=user, channel_id=CHANNEL, team_id=TEAM)
        headers = signed_headers(body, SECRET, None, content_type=FORM)
        response = self.http.post("/slack/events", content=body, headers=headers)
        assert response.status_code == 200, response.text
        if response.headers.get("content-type", "").startswith("application/json"):
            return str(response.json().get("text", ""))
        return response.text

    def terminate(self, timeout: float = 60.0) -> float:
        """SIGTERM, as a deploy does; how long the process took to exit."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=timeout)
        self.http.close()
        return time.monotonic() - started

    @property
    def worker(self) -> str:
        """The name its outbox claims lanes under (bot.outbox.sender.worker_name)."""
        return f"{socket.gethostname()}:{self.process.pid}"

    def freeze(self) -> None:
        """SIGSTOP: a VM pause, a long GC pause, a container throttled to zero. Nothing runs,
        nothing is released; its sockets and database connections stay open."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """SIGCONT: it runs on from where it stood, its timers long overdue."""
        self.process.send_signal(signal.SIGCONT)

    def metric(self, name: str, label: str = "") -> float:
        """The sum of a counter's samples at GET /metrics, of those with label (e.g.
        'outcome="retry"') when given; 0 when it has none yet."""
        text = self.http.get("/metrics").text
        return sum(
            float(line.rpartition(" ")[2])
            for line in text.splitlines()
            if line.startswith((f"{name}{{", f"{name} ")) and label in line
        )

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: nothing released, nothing flushed
        self.process.wait(timeout=30)
        self.http.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()  # a frozen (SIGSTOP) process is killed as well
            self.process.wait(timeout=30)
        self.http.close()


def seed(url: str, lines: Iterable[tuple[str, str]], now: datetime) -> None:
    """Commands run straight on the database at a chosen moment, as Slack users in #CFSG: the
    set-up a test needs before the app process takes over (nothing is posted for these)."""
    engine = make_engine(url)
    try:
        service = Justera(store_factory(engine))
        for user, line in lines:
            ctx = Context(user_ref(TEAM, user), channel_ref(TEAM, CHANNEL), now)
            # As the adapter does: Slack's escaping and mentions decoded before fields split.
            call = parse(decode(line), now=now, lang="sv", resolve_user=mention_resolver(TEAM))
            assert call.operation is not None, line
            try:
                service.run(ctx, call.operation, *call.args, **call.kwargs)
            except UserError as error:
                raise AssertionError(f"{line}: {error.message('sv')}") from error
    finally:
        engine.dispose()


def add_people(fake: object) -> None:
    for user_id, (name, real, locale) in PEOPLE.items():
        fake.add_user(user_id, name=name, display_name=real, locale=locale, team_id=TEAM)  # type: ignore[attr-defined]


class Proxy:
    """A TCP forwarder to the fake Slack that the test can cut: while down, every connection
    is refused at once (reset), as an unreachable Slack looks to the app."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.down = False
        self.mute = False  # while set, calls reach Slack but their answers are lost on the way
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(128)
        self.port = int(self._server.getsockname()[1])
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if self.down:
                # Linger 0: the close is a reset, as a refused connection looks to the app.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            threading.Thread(target=self._pipe_both, args=(client,), daemon=True).start()

    def _pipe_both(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=30)
        except OSError:
            client.close()
            return
        for a, b, answers in ((client, upstream, False), (upstream, client, True)):
            threading.Thread(target=self._pipe, args=(a, b, answers), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(65536):
                if answers and self.mute:
                    continue  # Slack did the call; the app never hears of it
                target.sendall(data)
        except OSError:
            pass
        finally:
            # Muted, not even Slack's close reaches the app: its call hangs, as on a network
            # that stalled after the request went out, until the app itself gives up on it.
            kept = {target} if answers and self.mute else set()
            for sock in {source, target} - kept:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._closed = True
        self._server.close()
