"""Sends due reminders: each claimed in the database, delivered, then marked sent."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler

from bot.core.context import STOCKHOLM, Context
from bot.core.delivery import Delivery, mark_sent, release, take_due
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


Post = Callable[[Delivery], Awaitable[None]]
Submit = Callable[[str, Callable[[], Awaitable[None]]], None]


@dataclass
class AsyncReminderRunner:
    """The sender beside Bolt: claims in a worker thread, posts through the paced queues."""

    service: Justera
    post: Post
    submit: Submit  # queue a job for one channel or person (the Slack sender's queues)
    queue_of: Callable[[Delivery], str]
    clock: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)
    worker: str = field(default_factory=worker_name)
    failures: list[int] = field(default_factory=list)
    batch: int = BATCH
    # A refusal means the post was not made and may be tried again at once; any other error
    # (a timeout) may hide a post that was made, so that claim is left to run out instead.
    refused: Callable[[Exception], bool] = lambda _error: True
    in_flight: int = 0

    async def tick(self) -> int:
        if self.in_flight > self.batch // 2:
            return 0  # the queues are still busy with the last batch; claim no more yet
        now = self.clock()
        factory = self.service.store_factory
        deliveries = await asyncio.to_thread(take_due, factory, now, self.worker, self.batch)
        for delivery in deliveries:
            self.in_flight += 1
            self.submit(self.queue_of(delivery), self._job(delivery))
        return len(deliveries)

    def _job(self, delivery: Delivery) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            factory = self.service.store_factory
            try:
                await self.post(delivery)
            except Exception as error:
                self.failures.append(delivery.reminder_id)
                if self.refused(error):
                    await asyncio.to_thread(release, factory, delivery, self.worker)
                raise
            else:
                await asyncio.to_thread(mark_sent, factory, delivery, self.worker, self.clock())
            finally:
                self.in_flight -= 1

        return job

    async def sweep(self) -> None:
        await asyncio.to_thread(self.service.run, sweep_context(self.clock()), sweep)

    def start(self) -> AsyncIOScheduler:
        scheduler = AsyncIOScheduler(timezone=STOCKHOLM)
        scheduler.add_job(self.tick, "interval", seconds=ASYNC_TICK_SECONDS, max_instances=1)
        scheduler.add_job(self.sweep, "cron", hour=6, minute=0, max_instances=1)
        scheduler.start()
        return scheduler
