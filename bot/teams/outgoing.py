"""What a Teams turn leaves to post: outbox rows, written before the HTTP answer, sent after it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.core import outbox
from bot.core.context import Context, Result
from bot.core.tx import Tx
from bot.teams.identity import Caller
from bot.teams.poster import REPLY


def enqueue_reply(tx: Tx, payload: dict[str, Any]) -> Result:
    """The answer to a command as a posting in the command's conversation."""
    outbox.enqueue(
        tx.store,
        tx.ctx.channel_ref,
        REPLY,
        tx.now,
        payload,
        requested_by=tx.ctx.user_ref,
        lang=tx.ctx.lang,
    )
    return Result("")


class OutboxOutgoing:
    """The command's events are written by the service in the command's own transaction; the
    reply follows in one of its own (a reply lost to a crash in between is the one gap)."""

    def __init__(self, service: Any, wake: Callable[[], None], now: Callable[[], datetime]) -> None:
        self.service = service
        self.wake = wake
        self.now = now
        self.run: Callable[..., Awaitable[Any]] | None = None  # the bot's database thread

    async def reply(self, caller: Caller, reply_to: str, content: Any) -> None:
        payload: dict[str, Any] = {"conversation_id": caller.conversation_id, "reply_to": reply_to}
        payload["card" if isinstance(content, dict) else "text"] = content
        ctx = Context(
            user_ref=caller.user_ref,
            channel_ref=caller.channel_ref,
            now=self.now(),
            display_name=caller.name,
            lang=caller.lang,
        )
        assert self.run is not None, "attach the bot's run first"
        await self.run(ctx, enqueue_reply, payload)
        self.wake()

    async def publish(self, caller: Caller, result: Result) -> None:
        if result.events:
            self.wake()

    async def share(self, caller: Caller, export: Any, fmt: str) -> None:
        self.wake()
