"""The outbox's lease fence across real app processes: a replica that freezes, not dies."""

# A frozen replica (SIGSTOP: a VM pause, a long GC pause, a container throttled to zero) keeps
# its sockets, its database connections and its view of the lanes it held. When it runs again
# its timers are long overdue and another replica may have sent everything meanwhile: it must
# post nothing of that again, and go on serving.

from __future__ import annotations

import time
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


def holder(url: str) -> str:
    return next((lane.claimed_by for lane in read(url, OutboxLane) if lane.claimed_by), "")


def sends(fake: Any) -> int:
    return sum(len(fake.calls_to(method)) for method in SENDS)


def resumed_and_fenced(frozen: App, fake: Any) -> None:
    """Resume the frozen replica and wait until it has seen its lease gone; it made no call
    that posts or edits a message meanwhile."""
    before = sends(fake)
    frozen.resume()
    wait_until(lambda: frozen.metric(LOST) >= 1, WAIT, "the resumed replica seeing its lease gone")
    assert sends(fake) == before, "the resumed replica posted what the other had sent"


def test_a_frozen_replica_retrying_posts_nothing_after_the_other_took_over(
    url: str, fake: Any, log: Any
) -> None:
    """A holds the channel and retries while Slack is unreachable; frozen, its lease lapses and
    B sends everything; Slack back and A resumed, A posts nothing of it and serves on.

    A retries an update of the ärendelista, a call no lookup guards: made after B's, it would
    put an older ärendelista back. Only the fence keeps it from being made."""
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    items = ["Punkt 01", "Punkt 02"]
    proxy = Proxy(fake.port)
    frozen = App(url, proxy.url(), log, name="frozen", lease=LEASE)
    other: App | None = None
    try:
        assert "publicerad" in frozen.command("UMARIA", "/mote publicera")
        wait_until(lambda: all_sent(url), WAIT, "the ärendelista, while Slack answers")
        proxy.down = True
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
        frozen.freeze()
        frozen_at = time.monotonic()
        assert holder(url) == frozen.worker

        other = App(url, fake.base_url, log, name="other", lease=LEASE)
        wait_until(lambda: all_sent(url), WAIT, "the other replica sending everything")
        took = min(c.at for c in fake.calls_to("chat.update")) - frozen_at
        assert took < 30, f"taken over {took:.1f} s after the freeze: not the short lease"
        check_agenda(fake, items)

        proxy.down = False
        resumed_and_fenced(frozen, fake)

        # A serves on: its command is answered and posted once, by whoever holds the lane.
        assert "står på" in frozen.command("UMARIA", "/arende Dialog; Punkt efter frysningen")
        wait_until(lambda: all_sent(url), WAIT, "the change after the resume")
    finally:
        frozen.stop()
        if other is not None:
            other.stop()
        proxy.close()
    check_agenda(fake, [*items, "Punkt efter frysningen"])
    assert len(fake.calls_to("chat.update")) == len(items) + 1


def test_a_replica_frozen_in_the_middle_of_a_post_has_it_found_not_posted_again(
    url: str, fake: Any, log: Any
) -> None:
    """A's chat.postMessage reached Slack and its answer did not come back; A froze there.
    B takes the channel after the lease, finds the message by its metadata and posts no
    second ärendelista; A, resumed, cuts its call and posts nothing either."""
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    proxy = Proxy(fake.port)
    frozen = App(url, proxy.url(), log, name="frozen", lease=LEASE)
    other: App | None = None
    try:
        frozen.command("UMARIA", "/mote lista")
        proxy.mute = True
        assert "publicerad" in frozen.command("UMARIA", "/mote publicera")
        wait_until(
            lambda: len(fake.calls_to("chat.postMessage")) == 1, WAIT, "the post reaching Slack"
        )
        frozen.freeze()
        frozen_at = time.monotonic()
        assert holder(url) == frozen.worker

        other = App(url, fake.base_url, log, name="other", lease=LEASE)
        wait_until(lambda: all_sent(url), WAIT, "the other replica taking the post over")
        looks = fake.calls_to("conversations.history")
        assert looks, "the other replica looked before posting"
        took = looks[0].at - frozen_at
        assert took < 30, f"taken over {took:.1f} s after the freeze: not the short lease"
        assert len(fake.calls_to("chat.postMessage")) == 1, "posted a second ärendelista"

        proxy.mute = False
        resumed_and_fenced(frozen, fake)

        assert "står på" in frozen.command("UMARIA", "/arende Dialog; Punkt efter frysningen")
        wait_until(lambda: all_sent(url), WAIT, "the change after the resume")
    finally:
        frozen.stop()
        if other is not None:
            other.stop()
        proxy.close()
    check_agenda(fake, ["Punkt efter frysningen"])
    (meeting,) = read(url, Meeting)
    assert meeting.agenda_message_ref.endswith(top_level(fake)[0]["ts"])
