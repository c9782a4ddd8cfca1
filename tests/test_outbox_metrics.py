"""The outbox's metrics are fed: read back through GET /metrics as Prometheus scrapes them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families

from bot.core import outbox
from tests.harness import at
from tests.slack_harness import SlackHarness, set_up
from tests.test_slack_reminders import tick


def scrape(h: SlackHarness) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = h.http.get("/metrics").text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def grew(before: dict, after: dict, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


def test_postings_retries_platform_errors_and_429s_are_counted(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        before = scrape(h)
        h.slack.fail_next("chat.postMessage", status=429, retry_after=1, times=1)
        h.slack.fail_next("chat.postMessage", status=500, times=1)
        assert "publicerad" in h.command("UMARIA", "/mote publicera")
        after = scrape(h)
    posted = {"kind": "agenda_published"}
    assert grew(before, after, "justera_postings_total", **posted, outcome="sent") == 1
    assert grew(before, after, "justera_postings_total", **posted, outcome="retry") == 2
    assert grew(before, after, "justera_rate_limited_total", platform="slack") == 1
    errors = [
        value - before.get(key, 0.0)
        for key, value in after.items()
        if key[0] == "justera_platform_errors_total" and ("platform", "slack") in key[1]
    ]
    assert sum(errors) == 1  # the 500 (the 429 is counted as a rate limit, not here)
    assert grew(before, after, "justera_postings_total", **posted, outcome="given_up") == 0


def test_a_posting_given_up_is_counted(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        before = scrape(h)
        h.slack.fail_next("chat.postMessage", error="channel_not_found", times=1)
        h.command("UMARIA", "/mote publicera")
        after = scrape(h)
    kind = {"kind": "agenda_published"}
    assert grew(before, after, "justera_postings_total", **kind, outcome="given_up") == 1
    errors = {"platform": "slack", "kind": "channel_not_found"}
    assert grew(before, after, "justera_platform_errors_total", **errors) == 1


def test_the_outbox_depth_and_age_and_the_reminder_lag(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UMARIA", "/mote publicera")
        # A posting for a platform this process does not serve waits: it is depth all the same.
        with store_factory() as store:
            written = h.now - timedelta(seconds=90)
            outbox.enqueue(store, "teams:t:c", outbox.NOTICE, written, {"text": "x"})
            store.commit()
        asyncio.run_coroutine_threadsafe(h.sender.observe(), h.loop).result(timeout=10)
        state = scrape(h)
        assert state[("justera_outbox_depth", ())] == 1
        assert state[("justera_outbox_oldest_seconds", ())] == 90

        before = scrape(h)
        # The agenda deadline reminder is due at 09.00; sent 75 s late.
        h.now = at("2026-03-06T09:01:15")
        assert tick(h) == 1
        after = scrape(h)
    assert grew(before, after, "justera_reminder_lag_seconds_count") == 1
    assert grew(before, after, "justera_reminder_lag_seconds_sum") == 75
    assert grew(before, after, "justera_reminder_lag_seconds_bucket", le="60.0") == 0
    assert grew(before, after, "justera_reminder_lag_seconds_bucket", le="120.0") == 1
