"""The Teams endpoint on the Microsoft 365 Agents SDK: POST /api/messages in our Starlette app."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from microsoft_agents.hosting.core import AgentApplication, MemoryStorage
from microsoft_agents.hosting.fastapi import CloudAdapter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.core.context import STOCKHOLM
from bot.teams.auth import InboundAuth, KeySource
from bot.teams.config import TeamsSettings
from bot.teams.connector import Connector, sdk_token_source
from bot.teams.handlers import Outgoing, TeamsBot, register

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024  # an activity is a few KB; refuse anything far beyond before parsing


async def _quiet_error(context: Any, error: Exception) -> None:
    """Replaces the SDK's default, which posts the exception text into the conversation."""
    log.error("Teams turn failed: %s", type(error).__name__)
    log.debug("Teams turn failure", exc_info=error)


class Teams:
    """The SDK app, its adapter and our handlers, wired once per process."""

    def __init__(
        self,
        settings: TeamsSettings,
        service: Any,
        outgoing: Outgoing,
        *,
        connections: Any,
        connector: Connector | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
    ) -> None:
        self.settings = settings
        self.adapter = CloudAdapter(connection_manager=connections)
        self.adapter.on_turn_error = _quiet_error
        self.agent = AgentApplication(
            storage=MemoryStorage(),  # the SDK's turn state only; nothing of ours lives there
            connection_manager=connections,
            start_typing_timer=False,  # a typing indicator is an outbound call the ack waits for
            remove_recipient_mention=False,  # our own stripping keeps the other mentions
        )
        self.agent.error(_quiet_error)
        # The bot's own outbound client: reads in the turn (who a mention is), postings later.
        self.connector = connector or Connector(sdk_token_source(connections))
        self.bot = TeamsBot(service, outgoing, self.connector.member, now)
        register(self.agent, self.bot)
        config = connections.get_default_connection_configuration()
        keys = KeySource(settings.openid_metadata_url) if settings.openid_metadata_url else None
        self.auth = InboundAuth(config, settings.tenant_id, keys)

    async def messages(self, request: Request) -> Response:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            activity = json.loads(raw)
        except ValueError:
            activity = None
        # The token first: an unauthenticated caller learns nothing, not even about its body.
        claims = await self.auth.check(request.headers.get("authorization"), activity)
        if claims is None:
            return JSONResponse({"error": "Unauthorized"}, status_code=401)
        if not isinstance(activity, dict) or not isinstance(activity.get("type"), str):
            return JSONResponse({"error": "Bad request"}, status_code=400)
        request.state.claims_identity = claims
        try:
            return await self.adapter.process(request, self.agent)
        except Exception as error:  # never the traceback, never into the conversation
            log.error("Teams activity failed: %s", type(error).__name__)
            return JSONResponse({"error": "Internal error"}, status_code=500)

    def routes(self) -> list[Route]:
        return [Route("/api/messages", self.messages, methods=["POST"])]


def sdk_connections(settings: TeamsSettings, env: Any) -> Any:
    """The SDK's MSAL connection manager from the CONNECTIONS__… environment."""
    from microsoft_agents.authentication.msal import MsalConnectionManager

    return MsalConnectionManager(**settings.sdk_environment(env))


class TeamsRuntime:
    """Teams wired to the outbox: the endpoint, its poster and (with a public URL) file links.

    The host makes one outbox sender for every platform it serves and gives it `poster`.
    """

    def __init__(
        self,
        settings: TeamsSettings,
        service: Any,
        *,
        env: Any = None,
        connections: Any = None,
        now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
        interval: float | None = None,
    ) -> None:
        from bot.teams.files import FileLinks
        from bot.teams.outgoing import OutboxOutgoing
        from bot.teams.poster import MIN_INTERVAL, TeamsPoster

        service.post_through_outbox(TeamsPoster.platform)
        self.wake: Callable[[], None] = lambda: None  # the host's sender, once it exists
        self.outgoing = OutboxOutgoing(service, lambda: self.wake(), now)
        from bot.settings import agents_sdk_environment

        connections = connections or sdk_connections(settings, agents_sdk_environment(env))
        self.teams = Teams(settings, service, self.outgoing, connections=connections, now=now)
        self.outgoing.run = self.teams.bot.run
        self.files = None
        if settings.public_url and settings.file_key:
            self.files = FileLinks(
                service,
                settings.file_key.encode(),
                settings.public_url,
                self.teams.bot.run_db,
                now=now,
            )
        self.poster = TeamsPoster(
            self.teams.connector,
            service.store_factory,
            self.teams.bot.run_db,
            link_for=self.files.link_for if self.files else None,
            interval=MIN_INTERVAL if interval is None else interval,
        )

    def routes(self) -> list[Route]:
        return self.teams.routes() + (self.files.routes() if self.files else [])

    async def close(self) -> None:
        await self.teams.connector.close()
