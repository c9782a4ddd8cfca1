"""Work that must wait until Slack has its HTTP answer: replies, ephemerals, forms, lookups."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Later:
    """Runs each job as its own task; a job's failure is logged by kind, never its text.

    With process_before_response, everything a listener awaits holds Slack's answer, so a
    listener awaits only the database and hands every Slack call here.
    """

    _tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)

    def run(self, what: str, job: Callable[[], Awaitable[Any]]) -> None:
        async def guarded() -> None:
            try:
                await job()
            except Exception as error:  # a lost reply must not take other work with it
                self.failures.append(f"{what}: {type(error).__name__}")
                log.error("%s failed after the answer: %s", what, type(error).__name__)
                log.debug("failure after the answer", exc_info=True)

        task = asyncio.create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def join(self) -> None:
        """Wait until every job, and every job those started, has finished (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
