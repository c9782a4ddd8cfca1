"""The outbox's lease fence across real app processes: a replica that freezes, not dies."""

# A frozen replica (SIGSTOP: a VM pause, a long GC pause, a container throttled to zero) keeps
# its sockets, its database connections and its view of the lanes it held. When it runs again
# its timers are long overdue and another replica may have sent everything meanwhile: it must
# post nothing of that again, and go on serving.

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from bot.core.context import STOCKHOLM
from bot.core.model import Meeting, OutboxLane
from tests import test_outbox_processes as processes
from tests.app_process import App, Proxy, seed
from tests.slack_harness import SETUP
from tests.test_outbox_processes import (
    all_sent,
    check_agenda,
    future_meeting,
    read,
    top_level,
    wait_until,
)

# The PostgreSQL schema, the fake Slack on real time and the apps' log, as the process tests'.
url, fake, log = processes.url, processes.fake, processes.log

pytestmark = pytest.mark.postgres

LEASE = 6.0  # seconds ($JUSTERA_OUTBOX_LEASE_SECONDS): a takeover in seconds, not half a minute
WAIT = 60.0  # seconds any one step may take on a loaded machine before it is a hang
LOST = "justera_outbox_leases_lost_total"
SENDS = ("chat.postMessage", "chat.update")
AFTER = "Punkt efter frysningen"


def holder(url: str) -> str:
    return next((lane.claimed_by for lane in read(url, OutboxLane) if lane.claimed_by), "")


def sends(fake: Any) -> int:
    return sum(len(fake.calls_to(method)) for method in SENDS)


class Replicas:
    """A behind a proxy the test cuts, to be frozen; B, started once A is frozen, straight to
    the fake Slack. Both on the short lease, on a meeting planned in #CFSG."""

    def __init__(self, url: str, fake: Any, log: Any) -> None:
        self.url, self.fake, self.log = url, fake, log
        seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
        self.proxy = Proxy(fake.port)
        self.frozen = App(url, self.proxy.url(), log, name="frozen", lease=LEASE)
        self.other: App | None = None
        self.frozen_at = 0.0

    def freeze(self) -> None:
        """Freeze A while it holds the channel, then start B beside it."""
        self.frozen.freeze()
        self.frozen_at = time.monotonic()
        assert holder(self.url) == self.frozen.worker
        self.other = App(self.url, self.fake.base_url, self.log, name="other", lease=LEASE)

    def taken_over(self, first: str) -> None:
        """B sent everything; its first call (of method first) came within the short lease."""
        wait_until(lambda: all_sent(self.url), WAIT, "the other replica sending everything")
        took = self.fake.calls_to(first)[0].at - self.frozen_at
        assert took < 30, f"taken over {took:.1f} s after the freeze: not the short lease"

    def resume(self) -> None:
        """Resume A and wait until it has seen its lease gone: it made no call that posts or
        edits a message meanwhile. Then A serves on: its command is answered, and the
        posting sent once by whichever replica holds the channel."""
        before = sends(self.fake)
        self.frozen.resume()
        wait_until(lambda: self.frozen.metric(LOST) >= 1, WAIT, "A seeing its lease gone")
        assert sends(self.fake) == before, "the resumed replica posted what the other had sent"
        assert "står på" in self.frozen.command("UMARIA", f"/arende Dialog; {AFTER}")
        wait_until(lambda: all_sent(self.url), WAIT, "the change after the resume")

    def close(self) -> None:
        self.frozen.stop()
        if self.other is not None:
            self.other.stop()
        self.proxy.close()


@pytest.fixture
def replicas(url: str, fake: Any, log: Any) -> Iterator[Replicas]:
    started = Replicas(url, fake, log)
    try:
        yield started
    finally:
        started.close()


def test_a_frozen_replica_retrying_posts_nothing_after_the_other_took_over(
    replicas: Replicas, url: str, fake: Any
) -> None:
    """A holds the channel and retries while Slack is unreachable; frozen, its lease lapses and
    B sends everything; Slack back and A resumed, A posts nothing of it and serves on.

    A retries an update of the ärendelista, a call no lookup guards: made after B's, it would
    put an older ärendelista back. Only the fence keeps it from being made."""
    items = ["Punkt 01", "Punkt 02"]
    frozen = replicas.frozen
    assert "publicerad" in frozen.command("UMARIA", "/mote publicera")
    wait_until(lambda: all_sent(url), WAIT, "the ärendelista, while Slack answers")
    replicas.proxy.down = True
    for item in items:
        assert "står på" in frozen.command("UMARIA", f"/arende Dialog; {item}")
    wait_until(
        lambda: (
            holder(url) == frozen.worker
            and frozen.metric("justera_postings_total", 'outcome="retry"') >= 1
        ),
        WAIT,
        "the replica holding the channel and retrying",
    )
    replicas.freeze()
    replicas.taken_over("chat.update")
    check_agenda(fake, items)

    replicas.proxy.down = False
    replicas.resume()
    check_agenda(fake, [*items, AFTER])
    assert len(fake.calls_to("chat.update")) == len(items) + 1


def test_a_replica_frozen_in_the_middle_of_a_post_has_it_found_not_posted_again(
    replicas: Replicas, url: str, fake: Any
) -> None:
    """A's chat.postMessage reached Slack and its answer did not come back; A froze there.
    B takes the channel after the lease, finds the message by its metadata and posts no
    second ärendelista; A, resumed, cuts its call and posts nothing either."""
    frozen = replicas.frozen
    frozen.command("UMARIA", "/mote lista")  # who UMARIA is, looked up while Slack answers
    replicas.proxy.mute = True
    assert "publicerad" in frozen.command("UMARIA", "/mote publicera")
    wait_until(lambda: len(fake.calls_to("chat.postMessage")) == 1, WAIT, "the post reaching Slack")
    replicas.freeze()
    replicas.taken_over("conversations.history")  # it looked before posting
    assert len(fake.calls_to("chat.postMessage")) == 1, "posted a second ärendelista"

    replicas.proxy.mute = False
    replicas.resume()
    check_agenda(fake, [AFTER])
    (meeting,) = read(url, Meeting)
    assert meeting.agenda_message_ref.endswith(top_level(fake)[0]["ts"])
