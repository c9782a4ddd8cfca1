"""The outbox across real app processes on PostgreSQL: deploys, kills, Slack cut off, replicas."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.context import STOCKHOLM
from bot.core.model import Meeting, OutboxLane, Posting, PostingStatus
from storage.db import make_engine
from storage.migrate import upgrade
from storage.store import store_factory
from tests.app_process import CHANNEL, App, Proxy, add_people, seed
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import FakeSlack
from tests.harness import at
from tests.slack_harness import SETUP

pytestmark = pytest.mark.postgres

ARRIVAL_TIMEOUT = 120.0  # seconds for everything to arrive, paced at one a second, when loaded
LONG_NOTE = "Förvaltningen redovisade läget och parterna ställde frågor om bemanningen. " * 20


class RealClock(FakeClock):
    """The fake Slack on real time, so that it enforces Slack's one message a second."""

    def time(self) -> float:
        return time.monotonic()

    now = time


def read(url: str, kind: type) -> list[Any]:
    engine = make_engine(url)
    try:
        with store_factory(engine)() as store:
            return store.find(kind)
    finally:
        engine.dispose()


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll (bounded) until processes have done their work."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        threading.Event().wait(0.25)
    raise AssertionError(f"not within {timeout} s: {what}")


def all_sent(url: str) -> bool:
    rows = read(url, Posting)
    return bool(rows) and all(p.status is not PostingStatus.PENDING for p in rows)


def top_level(fake: FakeSlack) -> list[dict]:
    return [m for m in fake.posted(CHANNEL) if not m["thread_ts"]]


def in_thread(fake: FakeSlack, parent: str) -> list[dict]:
    return [m for m in fake.posted(CHANNEL) if m["thread_ts"] == parent]


def future_meeting(days: int = 30, hour: int = 13) -> str:
    when = datetime.now(STOCKHOLM) + timedelta(days=days)
    return f"/mote planera {when:%Y-%m-%d} {hour:02d}:00; Sof, Storgatan 12"


def agenda_text(fake: FakeSlack, ts: str) -> str:
    return json.dumps(fake.messages[(CHANNEL, ts)]["blocks"], ensure_ascii=False)


@pytest.fixture
def url(postgres_schema_url: str) -> str:
    upgrade(postgres_schema_url)
    return postgres_schema_url


@pytest.fixture
def fake() -> Any:
    with FakeSlack(clock=RealClock()) as slack:
        add_people(slack)
        yield slack


@pytest.fixture
def log(tmp_path: Path) -> Any:
    with (tmp_path / "apps.log").open("w") as handle:
        yield handle


def check_agenda(fake: FakeSlack, items: list[str]) -> None:
    """One ärendelista with every item, and one note per change in its thread, in order."""
    lists = top_level(fake)
    assert len(lists) == 1, [m["text"] for m in lists]
    notes = [m["text"] for m in in_thread(fake, lists[0]["ts"])]
    assert [next(i for i in items if f"+ {i}" in note) for note in notes] == items
    shown = agenda_text(fake, lists[0]["ts"])
    assert all(item in shown for item in items)
    assert fake.violations == []


def test_sigterm_right_after_changes_then_everything_arrives_once_in_order(
    url: str, fake: FakeSlack, log: Any
) -> None:
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    items = [f"Punkt {n:02d}" for n in range(4)]
    app = App(url, fake.base_url, log, grace=0.5, name="first")
    try:
        assert "publicerad" in app.command("UMARIA", "/mote publicera")
        for item in items:
            assert "står på" in app.command("UMARIA", f"/arende Dialog; {item}")
        took = app.terminate()
    finally:
        app.stop()
    assert took < 15, f"the deploy waited {took:.1f} s"
    waiting = [p for p in read(url, Posting) if p.status is PostingStatus.PENDING]
    assert waiting, "the test must stop the app with postings still to send"
    assert {lane.claimed_by for lane in read(url, OutboxLane)} == {""}  # released on the way out

    again = App(url, fake.base_url, log, name="restarted")
    try:
        wait_until(lambda: all_sent(url), ARRIVAL_TIMEOUT, "the postings after the restart")
    finally:
        again.stop()
    check_agenda(fake, items)
    assert {p.status for p in read(url, Posting)} == {PostingStatus.SENT}


def test_sigterm_right_after_posting_the_draft_then_it_arrives_once(
    url: str, fake: FakeSlack, log: Any
) -> None:
    seed(
        url,
        [*SETUP, ("UMARIA", "/mote planera 18 mars kl 13; Sof, Storgatan 12")],
        at("2026-03-02T09:00"),
    )
    seed(
        url,
        [("USARA", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")]
        + [("USARA", f"/arende Dialog; Punkt {n:02d}") for n in range(8)],
        at("2026-03-03T09:00"),
    )
    seed(
        url,
        [("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")]
        + [("USARA", f"/anteckning {n}; {LONG_NOTE}") for n in range(4, 13)],
        at("2026-03-18T13:05"),
    )
    app = App(url, fake.base_url, log, grace=0.5, name="first")
    try:
        assert "version 1" in app.command("USARA", "/protokoll posta")
        app.terminate()
    finally:
        app.stop()
    assert any(p.status is PostingStatus.PENDING for p in read(url, Posting))

    again = App(url, fake.base_url, log, name="restarted")
    try:
        wait_until(lambda: all_sent(url), ARRIVAL_TIMEOUT, "the draft after the restart")
        # It arrived, so an unchanged draft is refused as ever.
        assert "Inget har ändrats sedan version 1" in again.command("USARA", "/protokoll posta")
    finally:
        again.stop()
    heading = top_level(fake)
    assert len(heading) == 1 and "protokoll och justering" in heading[0]["text"]
    thread = in_thread(fake, heading[0]["ts"])
    drafts = [m for m in thread if "Utkast version 1" in m["text"]]
    assert len(drafts) >= 2, "long minutes come as several messages"
    texts = [json.dumps(m["blocks"], ensure_ascii=False) for m in drafts]
    assert Counter(texts).most_common(1)[0][1] == 1  # no page twice
    shown = "".join(texts)
    places = [shown.index(f"Punkt {n:02d}") for n in range(8)]
    assert places == sorted(places)  # in order across the messages
    assert sum("<@UJONAS>" in m["text"] for m in thread) == 1
    meeting = read(url, Meeting)[0]
    assert meeting.minutes_message_ref == drafts[-1]["ts"]
    assert fake.violations == []


def test_two_replicas_changing_one_meeting_post_one_agenda(
    url: str, fake: FakeSlack, log: Any
) -> None:
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    first = App(url, fake.base_url, log, grace=5, name="replica-1")
    second = App(url, fake.base_url, log, grace=5, name="replica-2")
    items = [f"Punkt {n:02d}" for n in range(6)]
    try:
        # Publishing on one replica and changing on the other at the same moment.
        with ThreadPoolExecutor(max_workers=2) as pool:
            published = pool.submit(first.command, "UMARIA", "/mote publicera")
            changed = pool.submit(second.command, "UMARIA", "/arende Dialog; Samtidigt")
            assert "publicerad" in published.result(timeout=60)
            assert "står på" in changed.result(timeout=60)
        for n, item in enumerate(items):
            replica = (first, second)[n % 2]
            assert "står på" in replica.command("UMARIA", f"/arende Dialog; {item}")
        wait_until(lambda: all_sent(url), ARRIVAL_TIMEOUT, "the postings of both replicas")
    finally:
        first.stop()
        second.stop()
    lists = top_level(fake)
    assert len(lists) == 1, "two replicas posted two ärendelistor"
    assert read(url, Meeting)[0].agenda_message_ref == lists[0]["ts"]
    shown = agenda_text(fake, lists[0]["ts"])
    assert all(item in shown for item in [*items, "Samtidigt"])
    notes = [m["text"] for m in in_thread(fake, lists[0]["ts"])]
    assert [next(i for i in items if f"+ {i}" in note) for note in notes[-6:]] == items
    assert len(notes) == len(set(notes))
    assert fake.violations == []


def test_slack_unreachable_for_a_while_then_everything_arrives(
    url: str, fake: FakeSlack, log: Any
) -> None:
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    proxy = Proxy(fake.port)
    app = App(url, proxy.url(), log, name="cut-off")
    items = [f"Punkt {n:02d}" for n in range(3)]
    try:
        app.command("UMARIA", "/mote lista")  # who UMARIA is, looked up while Slack answers
        proxy.down = True
        assert "publicerad" in app.command("UMARIA", "/mote publicera")
        for item in items:
            assert "står på" in app.command("UMARIA", f"/arende Dialog; {item}")
        threading.Event().wait(12)  # Slack stays unreachable this long (real time)
        assert fake.calls_to("chat.postMessage") == []
        assert not all_sent(url)
        proxy.down = False
        wait_until(lambda: all_sent(url), ARRIVAL_TIMEOUT, "the postings once Slack is back")
    finally:
        app.stop()
        proxy.close()
    check_agenda(fake, items)
    assert {p.status for p in read(url, Posting)} == {PostingStatus.SENT}


def test_a_killed_replicas_claims_are_taken_over_within_a_minute(
    url: str, fake: FakeSlack, log: Any
) -> None:
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    proxy = Proxy(fake.port)
    items = [f"Punkt {n:02d}" for n in range(2)]
    doomed = App(url, proxy.url(), log, name="doomed")
    try:
        doomed.command("UMARIA", "/mote lista")
        proxy.down = True  # it claims the channel and keeps retrying
        doomed.command("UMARIA", "/mote publicera")
        for item in items:
            doomed.command("UMARIA", f"/arende Dialog; {item}")
        wait_until(
            lambda: any(lane.claimed_by for lane in read(url, OutboxLane)),
            30,
            "the doomed replica claiming the channel",
        )
        doomed.kill()
    finally:
        doomed.stop()
        proxy.close()
    killed_at = time.monotonic()
    assert any(lane.claimed_by for lane in read(url, OutboxLane)), "the claim outlives its owner"

    other = App(url, fake.base_url, log, name="survivor")
    try:
        wait_until(lambda: all_sent(url), 60 + ARRIVAL_TIMEOUT, "the survivor taking over")
    finally:
        other.stop()
    # The lease is 30 s: the survivor started sending within a minute of the kill.
    first_post = min(c.at for c in fake.calls_to("chat.postMessage"))
    assert first_post - killed_at < 60, first_post - killed_at
    check_agenda(fake, items)


def test_a_replica_killed_in_the_middle_of_a_post_has_it_found_not_posted_again(
    url: str, fake: FakeSlack, log: Any
) -> None:
    """kill -9 while chat.postMessage has reached Slack and its answer has not come back: the
    replica that takes the lane over looks the message up by its metadata and posts no second
    ärendelista (the plan was committed before the call)."""
    seed(url, [*SETUP, ("UMARIA", future_meeting())], datetime.now(STOCKHOLM))
    proxy = Proxy(fake.port)
    doomed = App(url, proxy.url(), log, name="doomed")
    try:
        doomed.command("UMARIA", "/mote lista")
        proxy.mute = True
        doomed.command("UMARIA", "/mote publicera")
        wait_until(
            lambda: len(fake.calls_to("chat.postMessage")) == 1, 30, "the post reaching Slack"
        )
        doomed.kill()
    finally:
        doomed.stop()
        proxy.close()
    assert len(top_level(fake)) == 1
    assert all(p.status is PostingStatus.PENDING for p in read(url, Posting))

    other = App(url, fake.base_url, log, name="survivor")
    try:
        wait_until(lambda: all_sent(url), 60 + ARRIVAL_TIMEOUT, "the survivor taking over")
        other.command("UMARIA", "/arende Dialog; Punkt efter övertagandet")
        wait_until(lambda: all_sent(url), ARRIVAL_TIMEOUT, "the change after the takeover")
    finally:
        other.stop()
    assert fake.calls_to("conversations.history"), "the survivor looked before posting"
    check_agenda(fake, ["Punkt efter övertagandet"])
    (meeting,) = read(url, Meeting)
    assert meeting.agenda_message_ref.endswith(top_level(fake)[0]["ts"])
