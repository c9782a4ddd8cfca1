"""`justera run` as a real process in HTTP mode against a fake Slack: fault tests and bench."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

import httpx

from bot.commands.parse import parse
from bot.core.context import STOCKHOLM, Context
from bot.core.service import Justera
from bot.slack.identity import channel_ref, mention_resolver, user_ref
from bot.slack.text import decode
from storage.db import make_engine
from storage.migrate import upgrade
from storage.store import store_factory
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.slack_harness import PEOPLE, SETUP, TEAM

ROOT = Path(__file__).resolve().parent.parent
SECRET = "process-signing-secret"
TOKEN = "xoxb-process"


def free_port() -> int:
    """A port the OS just gave out and took back: for a child that must be told its port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def set_up_group(url: str, channel: str = "CFSG", key: str = "FSG") -> None:
    """The Slack tests' group, straight through the core, with one meeting ahead of today."""
    upgrade(url)
    engine = make_engine(url)
    service = Justera(store_factory(engine))
    now = datetime.now(STOCKHOLM)
    lines = [
        ("UMARIA", f"/grupp skapa {key}; Förvaltningssamverkansgrupp Socialförvaltningen"),
        *SETUP[1:],
        ("UMARIA", f"/mote planera {now + timedelta(days=14):%Y-%m-%d} 13:00; Sof, Storgatan 12"),
    ]
    try:
        for user, line in lines:
            ctx = Context(
                user_ref=user_ref(TEAM, user),
                channel_ref=channel_ref(TEAM, channel),
                now=now,
                display_name=PEOPLE[user][1],
            )
            call = parse(decode(line), now=now, lang="sv", resolve_user=mention_resolver(TEAM))
            assert call.operation is not None, line
            service.run(ctx, call.operation, *call.args, **call.kwargs)
    finally:
        engine.dispose()


def app_env(db_url: str, slack_url: str, port: int, **more: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUSTERA_", "SLACK_"))
    }
    env.update(
        JUSTERA_DATABASE_URL=db_url,
        JUSTERA_PORT=str(port),
        JUSTERA_HOST="127.0.0.1",
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack_url,
        JUSTERA_LOG_FORMAT="json",
    )
    env.update(more)
    return env


def start_app(
    env: dict[str, str],
    stderr: IO[str] | int = subprocess.PIPE,
    command: list[str] | None = None,
) -> subprocess.Popen:
    return subprocess.Popen(
        command or [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )


def wait_until(base_url: str, path: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until GET path answers 200 (bounded); a process that dies first fails at once."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}")
        try:
            if httpx.get(base_url + path, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)  # polling a real process coming up, not waiting for time to pass
    raise TimeoutError(f"{path} did not answer 200 within {timeout} s")


def stop_app(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def command_body(user: str, line: str, channel: str = "CFSG") -> str:
    name, _, text = line.partition(" ")
    return slash_command_body(name, text, user_id=user, channel_id=channel, team_id=TEAM)


def send_command(
    client: httpx.Client, user: str, line: str, channel: str = "CFSG"
) -> httpx.Response:
    body = command_body(user, line, channel)
    return client.post("/slack/events", content=body, headers=signed_headers(body, SECRET, None))


def reply_text(response: httpx.Response) -> str:
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.json().get("text", "")
    return response.text
