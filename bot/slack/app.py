"""Builds the Bolt app and serves it: HTTP (Starlette under uvicorn) or Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.core.context import STOCKHOLM
from bot.core.service import Justera
from bot.logs import quiet_third_party
from bot.probes import Readiness, probe_routes, serve_probes
from bot.slack.auth import SingleTeamAuthorize
from bot.slack.config import SlackSettings
from bot.slack.handlers import SlackBot, register
from bot.slack.identity import People
from bot.slack.reminders import reminder_runner
from bot.slack.sender import Sender
from bot.slack.shape import well_formed

log = logging.getLogger(__name__)


def build_bot(
    settings: SlackSettings,
    service: Justera,
    *,
    client: AsyncWebClient | None = None,
    sender: Sender | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
) -> tuple[AsyncApp, SlackBot]:
    """The app acknowledges only after the command is stored (process_before_response)."""
    # No retry handler on this client: the Sender must see every 429 to pace its channel, and
    # a read that meets one (users.info) falls back to defaults instead of waiting.
    client = client or AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    app = AsyncApp(
        signing_secret=settings.signing_secret or None,
        client=client,
        # Our own auth.test, retried and never answered with Bolt's English "reinstall".
        authorize=SingleTeamAuthorize(client),
        process_before_response=True,
        request_verification_enabled=not settings.socket_mode,
        # Bolt logs a refused request's whole body at INFO: our logger keeps it quiet.
        logger=quiet_third_party(),
    )
    bot = SlackBot(service, People(client), sender or Sender(client), now)
    bot.reminders = reminder_runner(service, client, bot.sender, now)
    register(app, bot)
    return app, bot


def build_asgi(
    app: AsyncApp,
    health: Callable[[], bool],
    on_startup: list[Callable[[], Any]] | None = None,
    signing_secret: str = "",
    health_timeout: float = 0.8,
) -> Starlette:
    """POST /slack/events, and the probes: /livez, /readyz (= /health) and /metrics."""
    handler = AsyncSlackRequestHandler(app)
    verifier = SignatureVerifier(signing_secret) if signing_secret else None
    readiness = Readiness(health, health_timeout)

    async def events(request: Request) -> Response:
        body = await request.body()
        # Bolt's verifier crashes (500) on a timestamp that is not a number: that is 401.
        stamp = request.headers.get("x-slack-request-timestamp", "")
        if not stamp.isdigit():
            log.warning("Slack request without a valid timestamp refused")
            return Response("Unauthorized", status_code=401)
        if verifier is not None and not verifier.is_valid(
            body, stamp, request.headers.get("x-slack-signature", "")
        ):
            return Response("Unauthorized", status_code=401)
        # Bolt parses and routes a body before its listeners run, and a malformed one would
        # crash there or in a listener with a 500; refuse it first with a 400.
        if not well_formed(body, request.headers.get("content-type", "")):
            log.warning("malformed Slack request refused")
            return Response("Bad request", status_code=400)
        return await handler.handle(request)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        for start in on_startup or []:
            start()
        yield

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            *probe_routes(readiness),
        ],
        lifespan=lifespan,
    )


def serve(settings: SlackSettings, service: Justera, health: Callable[[], bool]) -> None:
    """Run until stopped; the reminder scheduler starts inside the server's event loop."""
    app, bot = build_bot(settings, service)
    bot.deadline = settings.command_deadline
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        async def main() -> None:
            bot.reminders.start()
            log.info("Justera runs in Socket Mode")
            tasks = [AsyncSocketModeHandler(app, settings.app_token).start_async()]
            if settings.probe_port:
                readiness = Readiness(health, settings.health_timeout)
                tasks.append(serve_probes(readiness, settings.host, settings.probe_port))
            await asyncio.gather(*tasks)

        asyncio.run(main())
        return
    import uvicorn

    log.info("Justera listens on %s:%s", settings.host, settings.port)
    asgi = build_asgi(
        app,
        health,
        on_startup=[bot.reminders.start],
        signing_secret=settings.signing_secret,
        health_timeout=settings.health_timeout,
    )
    # No access log: query strings can carry user text.
    uvicorn.run(asgi, host=settings.host, port=settings.port, log_level="warning", access_log=False)
