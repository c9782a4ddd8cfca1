"""A manual clock: time moves only when a test or a sleep moves it."""

from __future__ import annotations

import asyncio
import threading


class FakeClock:
    """Seconds as floats, like time.time(); sleeping advances time at once and is recorded.

    The fake Slack server reads it from its own threads while the test advances it, hence the lock.
    """

    def __init__(self, start: float = 1_000_000.0) -> None:
        self._now = float(start)
        self._lock = threading.Lock()
        self._sleeps: list[float] = []

    def time(self) -> float:
        with self._lock:
            return self._now

    # slack_sdk's SignatureVerifier takes a clock with now(), so this one can stand in for it.
    now = time

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        with self._lock:
            self._now += seconds

    def sleep(self, seconds: float) -> None:
        # Like time.sleep, a negative request is an error rather than time travel.
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        with self._lock:
            self._sleeps.append(seconds)
            self._now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        # A real sleep lets other tasks run; without this a polling loop could starve them.
        await asyncio.sleep(0)

    @property
    def sleeps(self) -> list[float]:
        """The requested sleeps in order (a copy)."""
        with self._lock:
            return list(self._sleeps)
