"""The real Agents SDK app under uvicorn, fed activities signed by a local issuer, posting to the
fake Teams connector."""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
from datetime import datetime
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from bot.core.context import Result
from bot.core.ports import StoreFactory
from bot.core.service import Justera
from bot.teams.app import Teams, sdk_connections
from bot.teams.config import TeamsSettings
from bot.teams.identity import Caller
from tests.fakes.clock import FakeClock
from tests.fakes.entra import CONNECTOR_AUDIENCE, LocalIssuer
from tests.fakes.teams_connector import FakeConnector
from tests.harness import at

TENANT = "11111111-2222-3333-4444-555555555555"
OTHER_TENANT = "99999999-2222-3333-4444-555555555555"
APP_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
BOT_ID = f"28:{APP_ID}"
CHANNEL = "19:fsg@thread.tacv2"
TEAM = "19:team@thread.tacv2"

# handle -> (aadObjectId, Teams user id, name, locale)
PEOPLE = {
    "maria": ("0000000a-0000-0000-0000-000000000001", "29:maria", "Maria Lind", "sv-SE"),
    "sara": ("0000000a-0000-0000-0000-000000000002", "29:sara", "Sara Holm", "sv-SE"),
    "jonas": ("0000000a-0000-0000-0000-000000000003", "29:jonas", "Jonas Ek", "sv-SE"),
    "lina": ("0000000a-0000-0000-0000-000000000004", "29:lina", "Lina Åberg", "en-GB"),
    "petra": ("0000000a-0000-0000-0000-000000000005", "29:petra", "Petra Söder", "sv-SE"),
    "olle": ("0000000a-0000-0000-0000-000000000006", "29:olle", "Olle Berg", "sv-SE"),
}


def env(issuer: LocalIssuer) -> dict[str, str]:
    return {
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID,
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "test-secret",
        "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": TENANT,
        "JUSTERA_TEAMS_OPENID_METADATA_URL": issuer.metadata_url,
    }


class LocalTokens:
    """The SDK's connections with MSAL's token fetch replaced by the local issuer (the edge)."""

    def __init__(self, real: Any, issuer: LocalIssuer) -> None:
        self.real = real
        self.issuer = issuer

    class _Provider:
        def __init__(self, issuer: LocalIssuer) -> None:
            self.issuer = issuer

        async def get_access_token(self, resource_url: str, scopes: list[str], force=False) -> str:
            return self.issuer.token(CONNECTOR_AUDIENCE)

    def get_connection(self, _name: str | None = None) -> Any:
        return self._Provider(self.issuer)

    def get_default_connection(self) -> Any:
        return self._Provider(self.issuer)

    def get_token_provider(self, *_args: Any) -> Any:
        return self._Provider(self.issuer)

    def get_token_provider_from_activity(self, *_args: Any) -> Any:
        return self._Provider(self.issuer)

    def get_default_connection_configuration(self) -> Any:
        return self.real.get_default_connection_configuration()


class Recorder:
    """Outgoing for inbound tests: what the turn left to post, in order."""

    def __init__(self) -> None:
        self.replies: list[tuple[str, str, Any]] = []
        self.published: list[tuple[str, Result]] = []
        self.shared: list[tuple[str, Any, str]] = []

    async def reply(self, caller: Caller, reply_to: str, text: Any) -> None:
        self.replies.append((caller.user_ref, reply_to, text))

    async def publish(self, caller: Caller, result: Result) -> None:
        self.published.append((caller.channel_ref, result))

    async def share(self, caller: Caller, export: Any, fmt: str) -> None:
        self.shared.append((caller.channel_ref, export, fmt))


class TeamsHarness:
    def __init__(
        self, store_factory: StoreFactory, now: datetime | None = None, outbox: bool = False
    ) -> None:
        self._settle_on_jump = False
        self.now = now or at("2026-03-02T09:00")
        self.outbox = outbox
        self.clock = FakeClock()
        self.issuer = LocalIssuer()
        self.connector = FakeConnector(self.issuer)
        self.service = Justera(store_factory)
        self.store_factory = store_factory
        self.outgoing: Any = Recorder()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._ids = itertools.count(1)

    @property
    def now(self) -> datetime:
        return self._now

    @now.setter
    def now(self, value: datetime) -> None:
        # The fixed clock jumps where a real one passes only while work gets done: a lane the
        # sender holds across a jump of days looks lapsed to it, and the fence then gives its
        # postings up as perhaps sent. What is under way ends first, as it would in real time.
        if self._settle_on_jump:
            self.settle()
        self._now = value

    def __enter__(self) -> TeamsHarness:
        self.issuer.start()
        self.connector.start()
        for aad, teams_id, real, _locale in PEOPLE.values():
            self.connector.add_member(teams_id, aad, real)
        self._thread.start()
        # The port first: file links name the app's own address.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        environment = {**env(self.issuer), "JUSTERA_PUBLIC_URL": f"http://127.0.0.1:{self.port}"}
        self.settings = TeamsSettings.from_env(environment)
        assert self.settings is not None
        connections = LocalTokens(sdk_connections(self.settings, environment), self.issuer)
        routes = []
        if self.outbox:
            # As in the app: the poster behind the outbox sender, on a fake clock for pacing.
            from bot.outbox.sender import OutboxSender
            from bot.teams.app import TeamsRuntime

            self.runtime = TeamsRuntime(
                self.settings, self.service, connections=connections, now=lambda: self.now
            )
            self.teams = self.runtime.teams
            self.outgoing = self.runtime.outgoing
            self.sender = OutboxSender(
                self.service.store_factory,
                [self.runtime.poster],
                now=lambda: self.now,
                clock=self.clock.time,
                sleep=self.clock.asleep,
                run_db=self.teams.bot.run_db,
            )
            self.runtime.wake = self.sender.wake
            asyncio.run_coroutine_threadsafe(self._start_outbox(), self.loop).result(timeout=10)
            routes = self.runtime.routes()
            self._settle_on_jump = True
        else:
            self.teams = Teams(
                self.settings,
                self.service,
                self.outgoing,
                connections=connections,
                now=lambda: self.now,
            )
            routes = self.teams.routes()
        app = Starlette(routes=routes)
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self._serving = asyncio.run_coroutine_threadsafe(self.server.serve([sock]), self.loop)
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=30)
        for _ in range(500):
            if self.server.started:
                break
            threading.Event().wait(0.01)  # waiting for a real server to bind, not for time
        return self

    async def _start_outbox(self) -> None:
        self.sender.start()

    def settle(self) -> None:
        """Every posting the outbox holds sent (on the fake clock: no real waiting)."""
        asyncio.run_coroutine_threadsafe(self.teams.bot.join(), self.loop).result(timeout=60)
        if self.outbox:
            asyncio.run_coroutine_threadsafe(self.sender.drain(), self.loop).result(timeout=60)

    def __exit__(self, *exc: object) -> None:
        if self.outbox:
            stopping = self.sender.shutdown(grace=5)
            asyncio.run_coroutine_threadsafe(stopping, self.loop).result(timeout=30)
        self.http.close()
        self.server.should_exit = True
        self._serving.result(timeout=10)
        asyncio.run_coroutine_threadsafe(self.teams.connector.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.connector.stop()
        self.issuer.stop()

    # --- activities ------------------------------------------------------------------------

    def activity(
        self,
        kind: str,
        user: str,
        *,
        conversation: str = CHANNEL,
        conversation_type: str = "channel",
        tenant: str = TENANT,
        **fields: Any,
    ) -> dict[str, Any]:
        aad, teams_id, name, locale = PEOPLE[user]
        conversation_id = conversation
        if conversation_type == "channel" and ";messageid=" not in conversation:
            conversation_id = f"{conversation};messageid={fields.get('id', 'root')}"
        act = {
            "type": kind,
            "id": fields.pop("id", None) or f"act-{next(self._ids)}",
            "channelId": "msteams",
            "serviceUrl": self.connector.service_url,
            "timestamp": "2026-03-02T08:00:00.000Z",
            "locale": locale,
            "from": {"id": teams_id, "name": name, "aadObjectId": aad},
            "recipient": {"id": BOT_ID, "name": "Justera"},
            "conversation": {
                "id": conversation_id,
                "conversationType": conversation_type,
                "tenantId": tenant,
                "isGroup": conversation_type != "personal",
            },
            "channelData": {"tenant": {"id": tenant}},
            **fields,
        }
        if conversation_type == "channel":
            act["channelData"].update(channel={"id": conversation}, team={"id": TEAM})
        return act

    def message(self, user: str, text: str, *, mention_bot: bool = True, **kw: Any) -> dict:
        """A typed message; in a channel it starts with the bot's @mention, as Teams sends it."""
        entities: list[dict[str, Any]] = []
        channel = kw.get("conversation_type", "channel") == "channel"
        if channel and mention_bot:
            text = f"<at>Justera</at> {text}"
            entities.append(
                {
                    "type": "mention",
                    "mentioned": {"id": BOT_ID, "name": "Justera"},
                    "text": "<at>Justera</at>",
                }
            )
        for handle, (_aad, teams_id, name, _locale) in PEOPLE.items():
            token = f"@{handle}"
            if token in text:
                text = text.replace(token, f"<at>{name}</at>")
                entities.append(
                    {
                        "type": "mention",
                        "mentioned": {"id": teams_id, "name": name},
                        "text": f"<at>{name}</at>",
                    }
                )
        return self.activity("message", **{"user": user, **kw}, text=text, entities=entities)

    def invoke(self, user: str, name: str, value: Any, **kw: Any) -> dict[str, Any]:
        return self.activity("invoke", user, name=name, value=value, **kw)

    def send(
        self, activity: dict[str, Any], token: str | bool | None = True, **headers: str
    ) -> httpx.Response:
        """POST an activity with a token signed for it (token=False: none; a str: that one)."""
        if token is True:
            token = self.issuer.token(APP_ID, service_url=activity["serviceUrl"])
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.http.post("/api/messages", json=activity, headers=headers)

    def say(self, user: str, text: str, **kw: Any) -> httpx.Response:
        response = self.send(self.message(user, text, **kw))
        assert response.status_code in (200, 202), response.text
        self.settle()
        return response

    def last_reply(self) -> Any:
        if not self.outbox:
            return self.outgoing.replies[-1][2]
        # The last answer the bot posted in a thread or chat, as the person saw it.
        for call in reversed(self.connector.posted()):
            if call.body.get("textFormat") == "plain" or call.body.get("attachments"):
                return call.body.get("text") or call.body["attachments"][0]["content"]
        raise AssertionError("no reply posted")

    # --- reading -------------------------------------------------------------------------

    def snapshot(self) -> dict[str, list[Any]]:
        from bot.core.model import RECORD_TYPES

        with self.store_factory() as store:
            return {kind.__name__: store.find(kind) for kind in RECORD_TYPES}


SETUP = [
    ("maria", "grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen"),
    ("maria", "grupp medlem @maria; Maria Lind; Arbetsgivaren; ordförande; admin"),
    ("maria", "grupp part Akademikerförbundet SSR; fack; SSR"),
    ("maria", "grupp part Kommunal; fack"),
    ("maria", "grupp part Vision; fack"),
    ("maria", "grupp medlem @sara; Sara Holm; Arbetsgivaren; sekreterare"),
    ("maria", "grupp medlem @jonas; Jonas Ek; SSR; ledamot"),
    ("maria", "grupp medlem @lina; Lina Åberg; Kommunal; ledamot"),
    ("maria", "grupp medlem @petra; Petra Söder; Vision; ledamot"),
]


def set_up(h: TeamsHarness) -> None:
    for user, line in SETUP:
        h.say(user, line)
    members = h.snapshot()["Member"]
    assert len(members) == 5, h.outgoing.replies[-1]
