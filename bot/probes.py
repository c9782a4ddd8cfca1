"""/livez, /readyz (and /health), /metrics: answered within a second whatever the database does."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import metrics

log = logging.getLogger(__name__)


class Readiness:
    """Asks the database in a thread of its own, and answers "not ready" when it is slow.

    A stalled database leaves its check hanging; a new probe then answers at once from that
    (not ready) instead of starting a second check, so stalled probes never pile up threads.
    """

    def __init__(self, check: Callable[[], bool], timeout: float = 0.8) -> None:
        self.check = check
        self.timeout = timeout
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="justera-ready")
        self._pending: concurrent.futures.Future[bool] | None = None

    def _safe_check(self) -> bool:
        try:
            return bool(self.check())
        except Exception:  # any failure means "not ready", which is all the probe asks
            return False

    async def ready(self) -> bool:
        if self._pending is None or self._pending.done():
            self._pending = self._pool.submit(self._safe_check)
        try:
            ok = await asyncio.wait_for(asyncio.wrap_future(self._pending), self.timeout)
        except TimeoutError:
            ok = False
        metrics.DATABASE_READY.set(1 if ok else 0)
        return ok


def probe_routes(readiness: Readiness) -> list[Route]:
    async def livez(_request: Request) -> Response:
        # Alive means the event loop answers; the database is readiness's business.
        return JSONResponse({"ok": True})

    async def readyz(_request: Request) -> Response:
        ok = await readiness.ready()
        return JSONResponse({"ok": ok}, status_code=200 if ok else 503)

    async def metrics_page(_request: Request) -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    return [
        Route("/livez", livez, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/health", readyz, methods=["GET"]),
        Route("/metrics", metrics_page, methods=["GET"]),
    ]


def probe_app(readiness: Readiness) -> Starlette:
    """The probes alone, for Socket Mode, which has no HTTP server of its own."""
    return Starlette(routes=probe_routes(readiness))


async def serve_probes(readiness: Readiness, host: str, port: int) -> None:
    """Serve the probes on host:port inside the running event loop (Socket Mode)."""
    import uvicorn

    config = uvicorn.Config(probe_app(readiness), host=host, port=port, log_level="warning")
    log.info("probes listen on %s:%s", host, port)
    await uvicorn.Server(config).serve()
