"""Builds the Bolt app and serves it: HTTP (Starlette under uvicorn) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.core.context import STOCKHOLM
from bot.core.service import Justera
from bot.slack.config import SlackSettings
from bot.slack.handlers import SlackBot, register
from bot.slack.identity import People
from bot.slack.sender import Sender

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
    client = client or AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    # Reads such as users.info also meet 429s; the sender handles the paced writes itself.
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    app = AsyncApp(
        signing_secret=settings.signing_secret or None,
        client=client,
        process_before_response=True,
        request_verification_enabled=not settings.socket_mode,
    )
    bot = SlackBot(service, People(client), sender or Sender(client), now)
    register(app, bot)
    return app, bot


def build_asgi(app: AsyncApp, health: Callable[[], bool]) -> Starlette:
    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    async def healthz(_request: Request) -> Response:
        ok = await asyncio.to_thread(health)
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            Route("/health", healthz, methods=["GET"]),
        ]
    )


def serve(settings: SlackSettings, service: Justera, health: Callable[[], bool]) -> None:
    app, _bot = build_bot(settings, service)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        log.info("Justera runs in Socket Mode")
        asyncio.run(AsyncSocketModeHandler(app, settings.app_token).start_async())
        return
    import uvicorn

    log.info("Justera listens on %s:%s", settings.host, settings.port)
    uvicorn.run(
        build_asgi(app, health), host=settings.host, port=settings.port, log_level="warning"
    )
