"""Who acts, where and when, and what a command gives back to the adapter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class Context:
    """A platform-neutral caller: user and channel references are opaque strings to the core."""

    user_ref: str
    channel_ref: str
    now: datetime
    display_name: str = ""
    lang: str = "sv"
    request_id: str | None = None

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise TypeError("Context.now must be timezone-aware")


@dataclass(frozen=True)
class Event:
    """Something the adapter should show beyond the reply: a posting, an update, an announcement."""

    kind: str
    meeting_id: int
    text: str = ""
    changes: tuple[str, ...] = ()
    version: int | None = None
    user_refs: tuple[str, ...] = ()
    status: str = ""  # the justering status line, for the posted draft
    body: str = ""  # the posted version's text, when the event concerns one
    meeting_number: int = 0  # the group's own number (#N) that texts show; the id is internal
    # The posted draft's items as (section, number, title): what its edit action offers.
    items: tuple[tuple[str, int, str], ...] = ()

    @property
    def shown_number(self) -> int:
        """#N as people see it (a posting written before numbers per group shows its id)."""
        return self.meeting_number or self.meeting_id


@dataclass
class Result:
    message: str
    events: list[Event] = field(default_factory=list)
    meeting_id: int | None = None
    replayed: bool = False  # a redelivery of a request already carried out
