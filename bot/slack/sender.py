"""Outgoing Slack calls, one ordered queue per channel, paced to Slack's one message a second."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

Job = Callable[[AsyncWebClient], Awaitable[Any]]

MIN_INTERVAL = 1.0  # Slack allows about one message per second per channel
MAX_ATTEMPTS = 8


@dataclass
class Sender:
    """Runs jobs per channel in order; a 429 waits Retry-After and tries again, nothing is dropped.

    A job is an async function of the client, so it can read what earlier jobs stored (such as
    the ts of the message it must thread under) when its turn comes, not when it was queued.
    """

    client: AsyncWebClient
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    interval: float = MIN_INTERVAL
    _queues: dict[str, asyncio.Queue[Job]] = field(default_factory=dict)
    _workers: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    _next_at: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def submit(self, channel: str, job: Job) -> None:
        queue = self._queues.get(channel)
        if queue is None:
            queue = self._queues[channel] = asyncio.Queue()
        queue.put_nowait(job)
        worker = self._workers.get(channel)
        if worker is None or worker.done():
            self._workers[channel] = asyncio.create_task(self._drain(channel, queue))

    async def call(self, channel: str, method: str, /, **kwargs: Any) -> dict[str, Any]:
        """One paced API call for a channel; used by jobs for each message they write."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            wait = self._next_at.get(channel, 0.0) - self.clock()
            if wait > 0:
                await self.sleep(wait)
            try:
                response = await self.client.api_call(method, json=kwargs)
                return response.data  # type: ignore[return-value]
            except SlackApiError as error:
                if error.response.status_code != 429 or attempt == MAX_ATTEMPTS:
                    raise
                headers = {k.lower(): v for k, v in (error.response.headers or {}).items()}
                value = headers.get("retry-after", self.interval)
                retry_after = float(value[0] if isinstance(value, list) else value)
                self._next_at[channel] = self.clock() + retry_after
            finally:
                # Counted from the answer: time in flight must not shorten the gap that follows.
                self._next_at[channel] = max(
                    self._next_at.get(channel, 0.0), self.clock() + self.interval
                )
        raise AssertionError("unreachable")

    async def _drain(self, channel: str, queue: asyncio.Queue[Job]) -> None:
        while not queue.empty():
            job = queue.get_nowait()
            try:
                await job(self.client)
            except Exception as error:
                self.failures.append(f"{channel}: {type(error).__name__}")
                log.error("posting to %s failed: %s", channel, type(error).__name__)
                log.debug("posting failure", exc_info=True)
            finally:
                queue.task_done()

    async def join(self) -> None:
        """Wait until every queued job has run (tests, benchmarks and shutdown)."""
        while any(not q.empty() or q._unfinished_tasks for q in self._queues.values()):
            await asyncio.gather(*(q.join() for q in self._queues.values()))
