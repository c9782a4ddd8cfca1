"""Sends due reminders: each claimed in the database, delivered, then marked sent."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler

from bot.core.context import STOCKHOLM, Context
from bot.core.delivery import Delivery, hand_over, mark_sent, release, take_due
from bot.core.service import Justera
from bot.scheduling.sweep import sweep

log = logging.getLogger(__name__)

TICK_SECONDS = 30
ASYNC_TICK_SECONDS = 10  # a backlog drains batch by batch, so look again soon
BATCH = 500  # at most this many claimed at once: well inside the lease at 1 a second
SYSTEM = "system:scheduler"


def worker_name() -> str:
    """Unique per process, so each replica's claims are its own."""
    return f"{socket.gethostname()}:{os.getpid()}"


def system_context(now: datetime, request_id: str | None = None) -> Context:
    return Context(user_ref=SYSTEM, channel_ref=SYSTEM, now=now, request_id=request_id)


def sweep_context(now: datetime) -> Context:
    """The day's sweep is a request with the day in its key: the first replica's run claims it
    in processed_requests, and every other run that day (another replica) replays it."""
    return system_context(now, request_id=f"daily-sweep:{now.astimezone(STOCKHOLM).date()}")


@dataclass
class ReminderRunner:
    """The synchronous sender, for the console and for tests: deliver() prints or posts."""

    service: Justera
    deliver: Callable[[Delivery], None]
    clock: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)
    worker: str = field(default_factory=worker_name)

    def tick(self) -> int:
        """Send everything due now; returns how many went out."""
        now = self.clock()
        sent = 0
        while deliveries := take_due(self.service.store_factory, now, self.worker):
            for delivery in deliveries:
                try:
                    self.deliver(delivery)
                except Exception as error:  # one failure must not hold back the others
                    log.error("reminder %s failed: %s", delivery.reminder_id, type(error).__name__)
                    release(self.service.store_factory, delivery, self.worker)
                    return sent
                if mark_sent(self.service.store_factory, delivery, self.worker, now):
                    sent += 1
        return sent

    def sweep(self) -> None:
        self.service.run(sweep_context(self.clock()), sweep)

    def start(self) -> BackgroundScheduler:
        scheduler = BackgroundScheduler(timezone=STOCKHOLM)
        scheduler.add_job(self.tick, "interval", seconds=TICK_SECONDS, max_instances=1)
        scheduler.add_job(self.sweep, "cron", hour=6, minute=0, max_instances=1)
        scheduler.start()
        return scheduler


@dataclass
class AsyncReminderRunner:
    """The sender beside the chat adapters: due reminders become outbox postings, which the
    outbox sends with everything else (in order per conversation, paced, retried)."""

    service: Justera
    wake: Callable[[], None]  # tell the outbox there is new work
    prefixes: tuple[str, ...] = ("slack:",)  # the platforms this process posts to
    clock: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)
    worker: str = field(default_factory=worker_name)
    batch: int = BATCH
    run_db: Callable[[Callable[[], Any]], Awaitable[Any]] = asyncio.to_thread
    handed: int = 0

    async def tick(self) -> int:
        now = self.clock()
        factory = self.service.store_factory
        count = await self.run_db(
            lambda: hand_over(factory, now, self.worker, self.prefixes, self.batch)
        )
        self.handed += count
        if count:
            self.wake()
        return count

    async def sweep(self) -> None:
        context = sweep_context(self.clock())
        await self.run_db(lambda: self.service.run(context, sweep))

    def start(self) -> AsyncIOScheduler:
        scheduler = AsyncIOScheduler(timezone=STOCKHOLM)
        scheduler.add_job(self.tick, "interval", seconds=ASYNC_TICK_SECONDS, max_instances=1)
        scheduler.add_job(self.sweep, "cron", hour=6, minute=0, max_instances=1)
        scheduler.start()
        return scheduler
