"""A real Bolt app under uvicorn, fed signed Slack requests, talking to the fake Slack Web API."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
import time
from datetime import datetime
from typing import Any

import httpx
import uvicorn
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.ports import StoreFactory
from bot.core.service import Justera
from bot.slack.app import build_asgi, build_bot
from bot.slack.config import SlackSettings
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import (
    FORM,
    JSON,
    block_action_body,
    event_body,
    retry_headers,
    signed_headers,
    slack_text,
    slash_command_body,
    view_submission_body,
)
from tests.harness import at

SECRET = "test-signing-secret"
TEAM = "T1"
PEOPLE = {
    "UMARIA": ("maria", "Maria Lind", "sv-SE"),
    "USARA": ("sara", "Sara Holm", "sv-SE"),
    "UJONAS": ("jonas", "Jonas Ek", "sv-SE"),
    "ULINA": ("lina", "Lina Åberg", "en-GB"),
    "UPETRA": ("petra", "Petra Söder", "sv-SE"),
    "UOLLE": ("olle", "Olle Berg", "sv-SE"),
}
# How the tests' typed @names and #channels are known to the fake Slack.
USER_NAMES = {name: user_id for user_id, (name, _real, _locale) in PEOPLE.items()}
CHANNEL_NAMES = {"fsg": "CFSG", "vsg": "CVSG"}


class SlackHarness:
    """Start with `with SlackHarness(store_factory) as h:`; every request waits for its postings."""

    def __init__(self, store_factory: StoreFactory, now: datetime | None = None) -> None:
        self.now = now or at("2026-03-02T09:00")
        self.clock = FakeClock()
        self.slack = FakeSlack(clock=self.clock)
        self.service = Justera(store_factory)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._views = 0
        self.ack_seconds: list[float] = []  # wall time of each request's HTTP answer
        self.sent_texts: list[str] = []  # each command's text field as it went to the app

    def __enter__(self) -> SlackHarness:
        self.slack.start()
        # JUSTERA_SLACK_DELAY=4 runs any Slack test against a Slack that answers every call in
        # 4 s; JUSTERA_ACK_LOG names a file that collects every request's answer time.
        if os.environ.get("JUSTERA_SLACK_DELAY"):
            self.slack.slow(float(os.environ["JUSTERA_SLACK_DELAY"]))
        for user_id, (name, real, locale) in PEOPLE.items():
            self.slack.add_user(user_id, name=name, display_name=real, locale=locale, team_id=TEAM)
        self._thread.start()
        settings = SlackSettings(
            bot_token="xoxb-test", signing_secret=SECRET, api_url=self.slack.base_url
        )
        client = AsyncWebClient(token="xoxb-test", base_url=self.slack.base_url)
        self.app, self.bot = build_bot(
            settings,
            self.service,
            client=client,
            now=lambda: self.now,
            clock=self.clock.time,
            sleep=self.clock.asleep,
        )
        self.sender = self.bot.outbox
        # The outbox sender runs as in the app: a command's postings go out on their own.
        asyncio.run_coroutine_threadsafe(self._start_outbox(), self.loop).result(timeout=10)
        # A loaded test machine can take seconds for a command; the deadline's own tests
        # (test_operations.py, test_faults.py) set their own.
        self.bot.deadline = 60.0
        # IPPROTO_TCP so that asyncio sets TCP_NODELAY: without it every request after the
        # first on a kept-alive connection waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        asgi = build_asgi(self.app, lambda: True, signing_secret=SECRET)
        config = uvicorn.Config(asgi, log_level="warning")
        self.server = uvicorn.Server(config)
        self._serving = asyncio.run_coroutine_threadsafe(self.server.serve([sock]), self.loop)
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=30)
        for _ in range(500):
            if self.server.started:
                break
            threading.Event().wait(0.01)  # waiting for a real server to bind, not for time
        return self

    async def _start_outbox(self) -> None:
        self.sender.start()

    def __exit__(self, *exc: object) -> None:
        stopping = self.sender.shutdown(grace=5)
        asyncio.run_coroutine_threadsafe(stopping, self.loop).result(timeout=30)
        if os.environ.get("JUSTERA_ACK_LOG"):
            with open(os.environ["JUSTERA_ACK_LOG"], "a", encoding="utf-8") as log:
                test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
                log.writelines(f"{seconds:.4f} {test}\n" for seconds in self.ack_seconds)
        self.http.close()
        self.server.should_exit = True
        self._serving.result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.slack.stop()

    # --- sending ---------------------------------------------------------------------------

    def post(
        self,
        body: str,
        content_type: str = FORM,
        headers: dict | None = None,
        timestamp: float | None = None,
    ) -> httpx.Response:
        signed = signed_headers(body, SECRET, timestamp, content_type=content_type)
        started = time.perf_counter()
        response = self.http.post(
            "/slack/events", content=body, headers={**signed, **(headers or {})}
        )
        self.ack_seconds.append(time.perf_counter() - started)
        self.settle()
        return response

    def settle(self) -> None:
        """Wait until every queued posting and reply has gone out (postings on the fake clock)."""

        async def both() -> None:
            # A request that gave up waiting for auth.test leaves it running: wait for it here
            # rather than let the next request find it still under way (a race on a loaded
            # machine).
            await self.bot.authorize.join()
            while True:
                await self.bot.later.join()
                await self.sender.drain()
                await self.bot.people.join()
                if not self.bot.later._tasks:
                    return

        asyncio.run_coroutine_threadsafe(both(), self.loop).result(timeout=120)

    def command(self, user: str, line: str, channel: str = "CFSG") -> str:
        """A slash command typed as line; returns the reply (empty when a modal opened).

        The text goes as Slack sends it: escaped, with @names and #channels as mentions.
        """
        name, _, text = line.partition(" ")
        self.sent_texts.append(slack_text(text, USER_NAMES, CHANNEL_NAMES))
        body = slash_command_body(
            name,
            self.sent_texts[-1],
            user_id=user,
            channel_id=channel,
            team_id=TEAM,
            response_url=self.slack.response_url(f"cmd-{user}"),
        )
        response = self.post(body)
        assert response.status_code == 200, response.text
        if not response.content:
            return ""
        if response.headers.get("content-type", "").startswith("application/json"):
            return response.json().get("text", "")
        return response.text

    def click(
        self, user: str, action_id: str, value: str, message_ts: str, channel: str = "CFSG"
    ) -> None:
        body = block_action_body(
            action_id,
            value,
            user_id=user,
            channel_id=channel,
            message_ts=message_ts,
            team_id=TEAM,
            response_url=self.slack.response_url(f"act-{user}"),
        )
        assert self.post(body).status_code == 200

    def choose(
        self,
        user: str,
        action_id: str,
        option: dict[str, Any],
        message_ts: str,
        channel: str = "CFSG",
        trigger_id: str | None = None,
    ) -> None:
        """A choice in a message's static_select menu (the draft's "Ändra ett ärende")."""
        body = block_action_body(
            action_id,
            user_id=user,
            channel_id=channel,
            message_ts=message_ts,
            team_id=TEAM,
            response_url=self.slack.response_url(f"act-{user}"),
            selected_option=option,
            trigger_id=trigger_id,
        )
        assert self.post(body).status_code == 200

    def submit(
        self,
        user: str,
        callback_id: str,
        values: dict[str, Any],
        metadata: str,
        view_id: str | None = None,
    ) -> dict[str, Any]:
        self._views += 1
        body = view_submission_body(
            callback_id,
            values,
            user_id=user,
            view_id=view_id or f"V{self._views}",
            private_metadata=metadata,
            team_id=TEAM,
        )
        response = self.post(body)
        assert response.status_code == 200, response.text
        return response.json() if response.content else {}

    def event(self, event: dict[str, Any], event_id: str, retry: int | None = None) -> int:
        body = event_body(event, event_id=event_id, team_id=TEAM)
        headers = retry_headers(retry) if retry else None
        return self.post(body, JSON, headers).status_code

    # --- reading -----------------------------------------------------------------------------

    def snapshot(self) -> dict[str, list[Any]]:
        from bot.core.model import RECORD_TYPES

        with self.service.store_factory() as store:
            return {kind.__name__: store.find(kind) for kind in RECORD_TYPES}

    def replies_to(self, user: str, kind: str = "act") -> list[str]:
        return [r.get("text", "") for r in self.slack.responses_to(f"{kind}-{user}")]

    def last_view(self) -> dict[str, Any]:
        call = self.slack.calls_to("views.open")[-1]
        view = call.args["view"]
        return json.loads(view) if isinstance(view, str) else view


# --- a group as the Slack tests set it up ----------------------------------------------------

SETUP = [
    ("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
    ("UMARIA", "/grupp medlem <@UMARIA|maria>; Maria Lind; Arbetsgivaren; ordförande; admin"),
    ("UMARIA", "/grupp part Akademikerförbundet SSR; fack; SSR"),
    ("UMARIA", "/grupp part Kommunal; fack"),
    ("UMARIA", "/grupp part Vision; fack"),
    ("UMARIA", "/grupp medlem <@USARA|sara>; Sara Holm; Arbetsgivaren; sekreterare"),
    ("UMARIA", "/grupp medlem <@UJONAS|jonas>; Jonas Ek; SSR; ledamot"),
    ("UMARIA", "/grupp medlem <@ULINA|lina>; Lina Åberg; Kommunal; ledamot"),
    ("UMARIA", "/grupp medlem <@UPETRA|petra>; Petra Söder; Vision; ledamot"),
]


def set_up(h: SlackHarness) -> None:
    for user, line in SETUP:
        reply = h.command(user, line)
        assert "Fel" not in reply and "finns inte" not in reply, reply
    assert "Möte #1" in h.command("UMARIA", "/mote planera 18 mars kl 13; Sof, Storgatan 12")


def draft_message(h: SlackHarness) -> dict:
    """The draft's last message: the one with the status line and the buttons."""
    meeting = h.snapshot()["Meeting"][0]
    return h.slack.messages[("CFSG", meeting.minutes_message_ref)]


def approve_value(h: SlackHarness) -> str:
    """The value of the Godkänn button on the latest draft."""
    actions = next(b for b in draft_message(h)["blocks"] if b["type"] == "actions")
    return actions["elements"][0]["value"]
