"""Exports in Teams channels as signed, expiring links to our own host (bots upload only in 1:1)."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.core import agenda, justering
from bot.core.context import STOCKHOLM, Context
from bot.core.model import Posting

LIFETIME = 24 * 3600  # a link works for a day; the file is rendered again each time
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}
EXPORTS = {
    "agenda_for_export": agenda.agenda_for_export,
    "minutes_for_export": justering.minutes_for_export,
}


class FileLinks:
    def __init__(
        self,
        service: Any,
        key: bytes,
        public_url: str,
        run_db: Callable[[Callable[[], Any]], Awaitable[Any]],
        *,
        clock: Callable[[], float] = time.time,
        now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM),
    ) -> None:
        self.service = service
        self.key = key
        self.public_url = public_url.rstrip("/")
        self.run_db = run_db
        self.clock = clock
        self.now = now

    def _sign(self, posting_id: int, expires: int) -> str:
        message = f"{posting_id}:{expires}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:32]

    def link_for(self, posting: Posting, fmt: str) -> str:
        expires = int(self.clock()) + LIFETIME
        sig = self._sign(posting.id, expires)
        return f"{self.public_url}/api/files/{posting.id}/{expires}/{sig}"

    async def download(self, request: Request) -> Response:
        try:
            posting_id = int(request.path_params["posting"])
            expires = int(request.path_params["expires"])
        except (KeyError, ValueError):
            return Response(status_code=404)
        expected = self._sign(posting_id, expires)
        if not hmac.compare_digest(expected, str(request.path_params.get("sig", ""))):
            return Response(status_code=404)  # no hint whether such a file exists
        if expires < self.clock():
            return Response("Länken har gått ut; be om filen igen.", status_code=410)
        posting = await self.run_db(lambda: self._posting(posting_id))
        if posting is None:
            return Response(status_code=404)
        data, name = await self.run_db(lambda: self._render(posting))
        fmt = name.rpartition(".")[2]
        return Response(
            data,
            media_type=MEDIA.get(fmt, "application/octet-stream"),
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "private, no-store",
            },
        )

    def _posting(self, posting_id: int) -> Posting | None:
        with self.service.store_factory() as store:
            posting = store.get(Posting, posting_id)
        return posting if posting is not None and posting.kind == "file" else None

    def _render(self, posting: Posting) -> tuple[bytes, str]:
        """Read again as the one who asked, in their channel: a right lost since is no file."""
        import json

        from bot.export import render_any

        data = json.loads(posting.payload or "{}")
        operation = EXPORTS[data["export"]]
        ctx = Context(
            user_ref=posting.requested_by,
            channel_ref=posting.conversation,
            now=self.now(),
            lang=posting.lang,
        )
        export = self.service.run(ctx, operation, *data.get("args", []))
        return render_any(export, data["format"])

    def routes(self) -> list[Route]:
        return [
            Route("/api/files/{posting}/{expires}/{sig}", self.download, methods=["GET"]),
        ]
