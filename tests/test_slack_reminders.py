"""Reminders and the årsklocka through Slack: direct messages, channel posts, the import form."""

from __future__ import annotations

import asyncio

from bot.core.model import ReminderStatus, YearRule
from bot.slack.modals import YEAR_IMPORT_VIEW
from tests.harness import at
from tests.slack_harness import SlackHarness, set_up


def tick(h: SlackHarness) -> int:
    sent = asyncio.run_coroutine_threadsafe(h.bot.reminders.tick(), h.loop).result(timeout=30)
    h.settle()
    return sent


def test_due_reminders_reach_the_channel_and_each_member_once(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)  # meeting #1 on 18 March 13.00, planned on 2 March
        h.command("UMARIA", "/mote publicera")
        h.now = at("2026-03-06T09:00")
        assert tick(h) == 1
        (channel_post,) = [
            c
            for c in h.slack.calls_to("chat.postMessage")
            if "sista dag för ärenden" in c.args.get("text", "")
        ]
        assert channel_post.args["channel"] == "CFSG"
        # It links to the published agenda, the meeting's message.
        agenda_ts = h.snapshot()["Meeting"][0].agenda_message_ref
        assert (
            f"/archives/CFSG/p{agenda_ts.replace('.', '')}|Till mötet i kanalen>"
            in (channel_post.args["text"])
        )
        h.now = at("2026-03-17T09:00")
        tick(h)
        direct = [
            c.args["channel"]
            for c in h.slack.calls_to("chat.postMessage")
            if c.args.get("text", "").startswith("Påminnelse: FSGs möte #1")
        ]
        assert sorted(direct) == ["UJONAS", "ULINA", "UMARIA", "UPETRA", "USARA"]
        assert tick(h) == 0  # nothing twice
        # The 10 March agenda reminder was never sent: its deadline passed before the clock came.
        statuses = {r.key: r.status for r in h.snapshot()["Reminder"] if r.due_at <= h.now}
        assert statuses.pop("m1:agenda:1") is ReminderStatus.DROPPED
        assert set(statuses.values()) == {ReminderStatus.SENT}
        assert h.slack.violations == []


def test_the_arsklocka_is_imported_through_a_form(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        assert h.command("UMARIA", "/arsklocka import") == ""
        view = h.last_view()
        assert view["callback_id"] == YEAR_IMPORT_VIEW
        bad = h.submit(
            "UMARIA",
            YEAR_IMPORT_VIEW,
            {"yaml": {"value": "- titel: X\n  när: 31 april"}},
            view["private_metadata"],
        )
        assert bad["response_action"] == "errors" and "Regel 1" in bad["errors"]["yaml"]
        assert h.snapshot()["YearRule"] == []
        good = "- titel: Delårsbokslut\n  när: september\n  sektion: Information\n"
        assert h.submit(
            "UMARIA", YEAR_IMPORT_VIEW, {"yaml": {"value": good}}, view["private_metadata"]
        ) in ({}, {"response_action": "clear"})
        rules: list[YearRule] = h.snapshot()["YearRule"]
        assert [(r.title, r.month) for r in rules] == [("Delårsbokslut", 9)]
        shown = h.command("UJONAS", "/arsklocka visa")
        assert "September" in shown and "Delårsbokslut" in shown
