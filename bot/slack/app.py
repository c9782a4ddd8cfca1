"""Builds the Bolt app and serves it: HTTP (Starlette under uvicorn) or Socket Mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable
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
from bot.outbox.sender import OutboxSender
from bot.probes import Readiness, probe_routes, serve_probes
from bot.scheduling.runner import AsyncReminderRunner
from bot.slack.auth import SingleTeamAuthorize
from bot.slack.config import SlackSettings
from bot.slack.handlers import SlackBot, register
from bot.slack.identity import People
from bot.slack.poster import MIN_INTERVAL, SlackPoster
from bot.slack.shape import well_formed

log = logging.getLogger(__name__)


def build_bot(
    settings: SlackSettings,
    service: Justera,
    *,
    client: AsyncWebClient | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    interval: float = MIN_INTERVAL,
) -> tuple[AsyncApp, SlackBot]:
    """The app acknowledges only after the command is stored (process_before_response);
    postings are outbox rows written with it, sent by the outbox sender afterwards."""
    # No retry handler on this client: the outbox sender must see every 429 to pace its
    # channel, and a read that meets one (users.info) falls back to defaults instead of waiting.
    client = client or AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    # Not even slack_sdk's default retry after a lost connection: that would post a message
    # again blindly, where the outbox first looks whether the lost try was made.
    client.retry_handlers = []
    # Our own auth.test, retried and never answered with Bolt's English "reinstall".
    authorize = SingleTeamAuthorize(client)
    app = AsyncApp(
        signing_secret=settings.signing_secret or None,
        client=client,
        authorize=authorize,
        process_before_response=True,
        request_verification_enabled=not settings.socket_mode,
        # Bolt logs a refused request's whole body at INFO: our logger keeps it quiet.
        logger=quiet_third_party(),
    )
    service.post_through_outbox(SlackPoster.platform)
    bot = SlackBot(service, People(client), now)
    bot.authorize = authorize
    poster = SlackPoster(
        client, load_export=bot.load_export, justerade_pdf=bot.justerade_pdf, interval=interval
    )
    bot.outbox = OutboxSender(
        service.store_factory, [poster], now=now, clock=clock, sleep=sleep, run_db=bot.run_db
    )
    bot.reminders = AsyncReminderRunner(
        service, bot.outbox.wake, ("slack:",), now, run_db=bot.run_db
    )
    register(app, bot)
    return app, bot


def build_asgi(
    app: AsyncApp,
    health: Callable[[], bool],
    on_startup: list[Callable[[], Any]] | None = None,
    signing_secret: str = "",
    on_shutdown: list[Callable[[], Awaitable[Any]]] | None = None,
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
        for stop in on_shutdown or []:
            await stop()

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            *probe_routes(readiness),
        ],
        lifespan=lifespan,
    )


def serve(settings: SlackSettings, service: Justera, health: Callable[[], bool]) -> None:
    """Run until stopped; the outbox sender and the reminder scheduler run in the server's loop.

    On SIGTERM (a deploy) the app takes no new work, lets the outbox finish what it holds
    within the grace period ($JUSTERA_SHUTDOWN_GRACE_SECONDS, 20 s), releases the rest for
    another replica, and exits.
    """
    app, bot = build_bot(settings, service)
    bot.deadline = settings.command_deadline
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        async def main() -> None:
            stopping = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, stopping.set)
            bot.start()
            handler = AsyncSocketModeHandler(app, settings.app_token)
            await handler.connect_async()
            log.info("Justera runs in Socket Mode")
            probes = None
            if settings.probe_port:
                readiness = Readiness(health, settings.health_timeout)
                probes = asyncio.ensure_future(
                    serve_probes(readiness, settings.host, settings.probe_port)
                )
            await stopping.wait()
            await handler.close_async()
            await bot.stop()
            if probes is not None:
                probes.cancel()

        asyncio.run(main())
        return
    import uvicorn

    log.info("Justera listens on %s:%s", settings.host, settings.port)
    asgi = build_asgi(
        app,
        health,
        on_startup=[bot.start],
        on_shutdown=[bot.stop],
        signing_secret=settings.signing_secret,
        health_timeout=settings.health_timeout,
    )
    # No access log: query strings can carry user text.
    uvicorn.run(asgi, host=settings.host, port=settings.port, log_level="warning", access_log=False)
