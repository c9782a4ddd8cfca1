"""What a platform adapter gives the outbox: a Poster that turns a posting into API calls."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Protocol

from bot.core.model import Posting
from bot.core.postings import MessageRefs


@dataclass(frozen=True)
class Step:
    """One API call of a posting. A posting's steps are decided once, before the first is made,
    and kept with it, so a sender that takes over a lane makes the same calls from where the
    last one stopped."""

    op: str  # the poster's own name for the call ("post_agenda", "update_status", ...)
    part: int = 0  # which part of a text split to the platform's limits
    remember: str = ""  # "agenda" or "minutes": the message this call makes is the meeting's

    @property
    def name(self) -> str:
        """How logs and /mote visa name the step: never its text."""
        return f"{self.op}#{self.part}" if self.part else self.op


def dump_plan(steps: list[Step]) -> str:
    return json.dumps([asdict(step) for step in steps])


def load_plan(plan: str) -> list[Step]:
    return [Step(**step) for step in json.loads(plan or "[]")]


def made_by(posting: Posting, op: str, part: int = 0) -> str:
    """The reference an earlier step of this posting made: stored with the posting, so that a
    process that took over (or restarted) finds it too."""
    made = json.loads(posting.made or "[]")
    for index, step in enumerate(load_plan(posting.plan)):
        if step.op == op and step.part == part and index < len(made):
            return str(made[index])
    return ""


@dataclass(frozen=True)
class Retry:
    """A failure worth another try: a rate limit, a 5xx, a timeout, a lost connection."""

    after: float | None = None  # seconds the platform asked us to wait (Retry-After), if it did


class Poster(Protocol):
    """One chat platform's side of sending; the outbox sender does claiming, order, pacing,
    retries with back-off, leases and shutdown for every platform alike."""

    platform: str  # the prefix of the references it serves: "slack" serves "slack:T1:C1"

    def interval(self, conversation: str) -> float:
        """Seconds to leave between two calls in one conversation (Slack: 1 message a second)."""
        ...

    def plan(self, posting: Posting, refs: MessageRefs) -> list[Step]:
        """The calls this posting takes, decided from the meeting's messages as they are now
        (post the ärendelista, or update the one there is)."""
        ...

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        """Make one call; the reference of the message it made or changed ("" when none).

        refs are read again before every step, so a step sees what earlier steps remembered.
        """
        ...

    def retry(self, error: BaseException) -> Retry | None:
        """Retry for a failure that may pass; None when trying again cannot help."""
        ...

    def error_code(self, error: BaseException) -> str:
        """A short code for the log and the notice ("channel_not_found", "http_500"): no text."""
        ...
