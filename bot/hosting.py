"""One process for every configured platform: one web app, one outbox and one reminder sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)


def health_route(health: Callable[[], bool]) -> Route:
    async def healthz(_request: Request) -> Response:
        ok = await asyncio.to_thread(health)
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    return Route("/health", healthz, methods=["GET"])


def quiet_sdk_logs() -> None:
    # The SDK logs per activity at INFO; message text must never reach the log at that level.
    logging.getLogger("microsoft_agents").setLevel(logging.WARNING)


class Host:
    """What serves: the routes, and what starts and stops with the server."""

    def __init__(self) -> None:
        self.routes: list[Route] = []
        self.starts: list[Callable[[], Any]] = []
        self.stops: list[Callable[[], Any]] = []

    def asgi(self, health: Callable[[], bool]) -> Starlette:
        @contextlib.asynccontextmanager
        async def lifespan(_app: Starlette):
            for start in self.starts:
                start()
            yield
            for stop in self.stops:
                await stop()

        return Starlette(routes=[*self.routes, health_route(health)], lifespan=lifespan)


def _slack_route(app: Any) -> Route:
    """POST /slack/events as the Slack adapter serves it, beside the other platforms' routes."""
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler

    from bot.slack.shape import well_formed

    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        # As bot.slack.app does: a malformed body is a 400 before Bolt routes it.
        if not well_formed(await request.body(), request.headers.get("content-type", "")):
            return Response("Bad request", status_code=400)
        return await handler.handle(request)

    return Route("/slack/events", events, methods=["POST"])


def build_host(
    service: Any,
    slack: Any = None,
    teams: Any = None,
    env: Mapping[str, str] | None = None,
) -> tuple[Host, Any]:
    """Routes and one sender for whatever is configured; the Slack app too (Socket Mode)."""
    host = Host()
    slack_app = None
    runtime = None
    if teams is not None:
        from bot.teams.app import TeamsRuntime

        runtime = TeamsRuntime(teams, service, env=env)
        host.routes += runtime.routes()
    if slack is not None:
        from bot.slack.app import build_bot

        slack_app, bot = build_bot(slack, service)
        if runtime is not None:
            # The Slack bot's sender is the process's one sender: Teams posts through it too.
            bot.outbox.posters = [*bot.outbox.posters, runtime.poster]
            bot.reminders.prefixes = (*bot.reminders.prefixes, "teams:")
            runtime.wake = bot.outbox.wake
        if not slack.socket_mode:
            host.routes.append(_slack_route(slack_app))
        host.starts.append(bot.start)
        host.stops.append(bot.stop)
    elif runtime is not None:
        from bot.outbox.sender import OutboxSender
        from bot.scheduling.runner import AsyncReminderRunner

        run_db = runtime.teams.bot.run_db
        sender = OutboxSender(service.store_factory, [runtime.poster], run_db=run_db)
        reminders = AsyncReminderRunner(service, sender.wake, ("teams:",), run_db=run_db)
        runtime.wake = sender.wake
        schedulers: list[Any] = []

        def start() -> None:
            sender.start()
            schedulers.append(reminders.start())

        async def stop() -> None:
            for scheduler in schedulers:
                scheduler.shutdown(wait=False)
            await sender.shutdown()

        host.starts.append(start)
        host.stops.append(stop)
    if runtime is not None:
        host.stops.append(runtime.close)
    return host, slack_app


def serve(
    service: Any,
    health: Callable[[], bool],
    *,
    slack: Any = None,
    teams: Any = None,
    host_name: str = "0.0.0.0",
    port: int = 3000,
) -> None:
    """Run until stopped. Slack in Socket Mode runs beside the HTTP server in the same loop."""
    import uvicorn

    quiet_sdk_logs()
    host, slack_app = build_host(service, slack, teams)
    config = uvicorn.Config(host.asgi(health), host=host_name, port=port, log_level="warning")
    server = uvicorn.Server(config)
    log.info("Justera listens on %s:%s", host_name, port)
    if slack is None or not slack.socket_mode:
        server.run()
        return
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    async def main() -> None:
        handler = AsyncSocketModeHandler(slack_app, slack.app_token)
        serving = asyncio.create_task(server.serve())
        await handler.connect_async()
        log.info("Justera runs Slack in Socket Mode beside the HTTP server")
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stopping.set)
        await stopping.wait()
        await handler.close_async()
        server.should_exit = True
        await serving

    asyncio.run(main())
