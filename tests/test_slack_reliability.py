"""Retries, double clicks, rate limits, failed postings and acknowledgement in the Slack adapter."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import threading
from datetime import datetime
from typing import Any

import httpx
import pytest

from bot.core.context import STOCKHOLM, Context
from bot.core.model import AgendaItem, Approval, MeetingStatus, Verdict
from bot.core.texts import OutcomeUnknown
from bot.render.blockkit import APPROVE_ACTION
from bot.slack.handlers import SlackBot
from bot.slack.modals import PROPOSE_VIEW
from tests.fakes.slack_signing import (
    FORM,
    block_action_body,
    signed_headers,
    slash_command_body,
)
from tests.harness import at
from tests.slack_harness import SECRET, TEAM, SlackHarness, approve_value, draft_message, set_up

WRITES = ("chat.postMessage", "chat.update")


def to_draft(h: SlackHarness) -> None:
    """Meeting #1 held with UJONAS and ULINA as justerare and version 1 posted."""
    h.command("USARA", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.now = at("2026-03-18T13:05")
    h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
    h.command("USARA", "/anteckning 4; Förslaget bygger på medarbetarenkäten.")
    assert "version 1" in h.command("USARA", "/protokoll posta")


def to_draft_without_posting(h: SlackHarness) -> None:
    """Meeting #1 held, with justerare and a note, and nothing posted in the channel yet."""
    h.command("USARA", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.now = at("2026-03-18T13:05")
    h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
    h.command("USARA", "/anteckning 4; Förslaget bygger på medarbetarenkäten.")
    assert h.slack.posted("CFSG") == []


def writes(h: SlackHarness) -> int:
    return sum(len(h.slack.calls_to(method)) for method in WRITES)


def reaction(user: str, ts: str) -> dict[str, Any]:
    return {
        "type": "reaction_added",
        "user": user,
        "reaction": "white_check_mark",
        "item": {"type": "message", "channel": "CFSG", "ts": ts},
        "event_ts": "1700000100.000100",
    }


def command_body(h: SlackHarness, user: str, line: str, channel: str = "CFSG") -> str:
    name, _, text = line.partition(" ")
    return slash_command_body(
        name,
        text,
        user_id=user,
        channel_id=channel,
        team_id=TEAM,
        response_url=h.slack.response_url(f"cmd-{user}"),
    )


def send(h: SlackHarness, body: str) -> httpx.Response:
    """A signed request that does not wait for the postings it queues (h.post would)."""
    headers = signed_headers(body, SECRET, None, content_type=FORM)
    return h.http.post("/slack/events", content=body, headers=headers, timeout=10)


def propose_values(title: str) -> dict[str, Any]:
    return {
        "title": {"value": title},
        "section": {"value": {"type": "static_select", "selected_option": {"value": "Dialog"}}},
        "presenter": {"value": ""},
        "description": {"value": ""},
        "links": {"value": ""},
        "risk": {"value": {"type": "radio_buttons", "selected_option": None}},
    }


def chat_times(h: SlackHarness, channel: str) -> list[float]:
    """When each accepted chat write to the channel arrived, on the fake clock, in order."""
    return [
        c.at
        for c in h.slack.calls
        if c.method in WRITES and c.ok and c.args.get("channel") == channel
    ]


# --- retries and double clicks -------------------------------------------------------------------


def test_a_retried_event_and_a_resent_form_are_handled_once(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        event = reaction("UJONAS", draft_message(h)["ts"])

        assert h.event(event, "EvRetry") == 200
        assert [a.verdict for a in h.snapshot()["Approval"]] == [Verdict.APPROVED]
        after_first = writes(h)
        assert len(h.slack.calls_to("chat.update")) == 1  # the draft's status line

        assert h.event(event, "EvRetry", retry=1) == 200
        assert h.event(event, "EvRetry", retry=2) == 200
        assert len(h.snapshot()["Approval"]) == 1
        assert writes(h) == after_first

        # The same form submitted twice (same view id) proposes one item.
        h.now = at("2026-03-02T09:00")
        h.command("UMARIA", "/mote planera 15 april kl 13; Sof, Storgatan 12")
        assert h.command("UJONAS", "/arende") == ""
        meta = h.last_view()["private_metadata"]
        count = len(h.snapshot()["AgendaItem"])
        first = h.submit("UJONAS", PROPOSE_VIEW, propose_values("Lokalfrågor"), meta, "VDUP")
        second = h.submit("UJONAS", PROPOSE_VIEW, propose_values("Lokalfrågor"), meta, "VDUP")
        assert first.get("response_action") != "errors", first
        assert second.get("response_action") != "errors", second
        items = h.snapshot()["AgendaItem"]
        assert len(items) == count + 1
        assert [i.title for i in items].count("Lokalfrågor") == 1
        # Another view is another proposal, even with the same text.
        h.submit("UJONAS", PROPOSE_VIEW, propose_values("Lokalfrågor"), meta, "VOTHER")
        assert len(h.snapshot()["AgendaItem"]) == count + 2
        assert h.slack.violations == []


def test_a_retried_event_does_not_repeat_its_reply(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        event = reaction("UJONAS", draft_message(h)["ts"])
        assert h.event(event, "EvRetry") == 200
        replies = [e["text"] for e in h.slack.ephemeral("CFSG") if e["user"] == "UJONAS"]
        assert len(replies) == 1 and "godkänt version 1" in replies[0], replies
        h.event(event, "EvRetry", retry=1)
        h.event(event, "EvRetry", retry=2)
        again = [e["text"] for e in h.slack.ephemeral("CFSG") if e["user"] == "UJONAS"]
        assert again == replies

        # The same holds for a form sent twice: one proposal, one confirmation.
        h.now = at("2026-03-02T09:00")
        h.command("UMARIA", "/mote planera 15 april kl 13; Sof, Storgatan 12")
        assert h.command("UPETRA", "/arende") == ""
        meta = h.last_view()["private_metadata"]
        for _ in range(2):
            h.submit("UPETRA", PROPOSE_VIEW, propose_values("Lokalfrågor"), meta, "VTWICE")
        confirmations = [e for e in h.slack.ephemeral("CFSG") if e["user"] == "UPETRA"]
        assert len(confirmations) == 1, confirmations


def test_the_approve_button_clicked_twice_approves_once(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>, <@UPETRA|petra>")
        assert "version 2" in h.command("USARA", "/protokoll posta")
        value, ts = approve_value(h), draft_message(h)["ts"]

        # One click after the other.
        h.click("UJONAS", APPROVE_ACTION, value, ts)
        assert "Du har godkänt version 2" in h.replies_to("UJONAS")[-1]
        after_first = writes(h)
        h.click("UJONAS", APPROVE_ACTION, value, ts)
        assert "redan godkänt version 2" in h.replies_to("UJONAS")[-1]
        assert len(h.replies_to("UJONAS")) == 2
        assert len(h.snapshot()["Approval"]) == 1
        assert writes(h) == after_first

        # Two clicks arriving at the same time.
        bodies = [
            block_action_body(
                APPROVE_ACTION,
                value,
                user_id="ULINA",
                channel_id="CFSG",
                message_ts=ts,
                team_id=TEAM,
                response_url=h.slack.response_url(f"act-ULINA-{n}"),
            )
            for n in range(2)
        ]
        statuses: list[int] = []
        threads = [
            threading.Thread(target=lambda b=b: statuses.append(send(h, b).status_code))
            for b in bodies
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        h.settle()
        assert statuses == [200, 200]
        assert len(h.snapshot()["Approval"]) == 2
        replies = [r["text"] for n in range(2) for r in h.slack.responses_to(f"act-ULINA-{n}")]
        assert sorted("already approved" in r for r in replies) == [False, True], replies
        assert writes(h) == after_first + 1  # the status line, once

        assert h.snapshot()["Meeting"][0].status is MeetingStatus.DRAFT
        assert h.slack.violations == []


# --- rate limits and pacing ------------------------------------------------------------------


def test_a_rate_limited_agenda_is_still_posted_once(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        # Retry-After 1 rather than 3: slack_sdk's retry handler sleeps it in real time (below).
        h.slack.fail_next("chat.postMessage", status=429, retry_after=1, times=1)
        assert "publicerad" in h.command("UMARIA", "/mote publicera")

        posted = h.slack.posted("CFSG")
        assert len(posted) == 1
        assert "Ärendelista" in json.dumps(posted[0]["blocks"], ensure_ascii=False)
        assert [c.status for c in h.slack.calls_to("chat.postMessage")] == [429, 200]
        assert h.snapshot()["Meeting"][0].agenda_message_ref == posted[0]["ts"]
        assert h.slack.violations == []
        assert h.sender.failures == []


def test_a_rate_limited_posting_waits_on_the_senders_clock(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("chat.postMessage", status=429, retry_after=3, times=2)
        assert send(h, command_body(h, "UMARIA", "/mote publicera")).status_code == 200
        h.settle()
        calls = h.slack.calls_to("chat.postMessage")
        assert [c.status for c in calls] == [429, 429, 200]
        # Decided on the fake clock, not by how long the test took in real time (which a loaded
        # machine stretches): a wait on the sender's clock moves that clock by Retry-After
        # between the calls, while a real-time sleep (slack_sdk's own retry handler) moves it
        # not at all.
        gaps = [b.at - a.at for a, b in itertools.pairwise(calls)]
        assert all(gap >= 3 for gap in gaps), gaps
        assert sum(1 for s in h.clock.sleeps if s >= 3) >= 2, h.clock.sleeps
        assert len(h.slack.posted("CFSG")) == 1
        assert h.slack.violations == []
        assert h.sender.failures == []


def test_many_postings_to_one_channel_go_out_in_order_a_second_apart(store_factory) -> None:
    changes = 10
    with SlackHarness(store_factory) as h:
        set_up(h)
        # Everything is queued at once; nothing waits for the postings in between.
        lines = ["/mote publicera"] + [f"/arende Dialog; Punkt {n:02d}" for n in range(changes)]
        for line in lines:
            assert send(h, command_body(h, "UMARIA", line)).status_code == 200
        h.settle()

        posted = h.slack.posted("CFSG")
        assert len(posted) == 1 + changes
        agenda = posted[0]
        assert agenda["thread_ts"] is None
        notes = [m["text"] for m in posted[1:]]
        assert all(m["thread_ts"] == agenda["ts"] for m in posted[1:])
        expected = [f"+ Punkt {n:02d}" for n in range(changes)]
        assert [next(x for x in expected if x in note) for note in notes] == expected
        assert len(h.slack.calls_to("chat.update")) == changes
        final = json.dumps(h.slack.messages[("CFSG", agenda["ts"])]["blocks"], ensure_ascii=False)
        assert all(f"Punkt {n:02d}" in final for n in range(changes))

        times = chat_times(h, "CFSG")
        assert len(times) == 1 + 2 * changes
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(times)), times
        assert all(c.ok for c in h.slack.calls if c.method in WRITES)
        assert h.slack.violations == []
        assert h.sender.failures == []


def test_two_channels_are_paced_independently(store_factory) -> None:
    rounds = 4
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UOLLE", "/grupp skapa VSG; Verksamhetssamverkansgrupp BUF", "CVSG")
        h.command("UOLLE", "/mote planera 20 mars kl 9; BUF, Skolgatan 1", "CVSG")
        calls_before = len(h.slack.calls)
        # Workaround: hold the fake's (private) lock so that no Slack call is answered until
        # both channels have all their work queued; the commands themselves need no Slack call.
        with h.slack._lock:
            for user, channel in (("UMARIA", "CFSG"), ("UOLLE", "CVSG")):
                body = command_body(h, user, "/mote publicera", channel)
                assert send(h, body).status_code == 200
            for n in range(rounds):
                for user, channel in (("UMARIA", "CFSG"), ("UOLLE", "CVSG")):
                    body = command_body(h, user, f"/arende Dialog; Runda {n}", channel)
                    assert send(h, body).status_code == 200
        h.settle()
        assert len(h.slack.calls) > calls_before

        fsg, vsg = chat_times(h, "CFSG"), chat_times(h, "CVSG")
        assert len(fsg) == len(vsg) == 1 + 2 * rounds
        # Interleaved: neither channel waited for the other's queue to empty first.
        assert min(vsg) < max(fsg) and min(fsg) < max(vsg), (fsg, vsg)
        for channel in ("CFSG", "CVSG"):
            posted = h.slack.posted(channel)
            assert len(posted) == 1 + rounds
            notes = [m["text"] for m in posted[1:]]
            assert [f"+ Runda {n}" in note for n, note in enumerate(notes)] == [True] * rounds
            times = [m["at"] for m in posted]
            assert all(b - a >= 1.0 for a, b in itertools.pairwise(times)), (channel, times)
        assert h.slack.violations == []
        assert h.sender.failures == []


def test_a_slow_request_still_leaves_a_second_before_the_next(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft_without_posting(h)
        # Workaround: the fake has no latency knob; wrap its (private) dispatcher so that the
        # first message takes a second to reach Slack, as a slow network can.
        original = h.slack._serve_api
        delayed: list[str] = []

        def slow_uplink(http_method, method, query, headers, raw):
            if method == "chat.postMessage" and not delayed:
                delayed.append(method)
                h.clock.advance(1.0)
            return original(http_method, method, query, headers, raw)

        h.slack._serve_api = slow_uplink
        # Posting the draft writes three messages in a row: heading, draft, mention.
        assert send(h, command_body(h, "USARA", "/protokoll posta")).status_code == 200
        first, second = h.slack.wait_for("chat.postMessage", 2, timeout=10)[:2]
        assert second.at - first.at >= 1.0, (first.at, second.at, second.error)
        assert second.ok, second.error
        h.settle()
        assert len(h.slack.posted("CFSG")) == 3
        assert h.slack.violations == []


# --- failures ------------------------------------------------------------------------------


def test_a_failed_posting_does_not_lose_the_command(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("chat.postMessage", error="channel_not_found")
        assert "publicerad i kanalen" in h.command("UMARIA", "/mote publicera")
        meeting = h.snapshot()["Meeting"][0]
        assert meeting.status is MeetingStatus.PUBLISHED
        assert meeting.agenda_message_ref == ""
        assert h.slack.posted("CFSG") == []
        assert h.sender.failures == ["agenda_published 1 post_agenda channel_not_found"]
        # The one who published is told, in one sentence, directly.
        told = h.slack.posted("UMARIA")
        assert len(told) == 1, told
        assert "kunde inte posta ärendelistan för möte #1" in told[0]["text"]
        assert "channel_not_found" in told[0]["text"] and "/mote publicera" in told[0]["text"]
        assert h.slack.violations == []

        # A new publish posts the agenda, and later changes update it.
        assert "publicerad på nytt" in h.command("UMARIA", "/mote publicera")
        posted = h.slack.posted("CFSG")
        assert len(posted) == 1, "the agenda never reached the channel"
        agenda = h.snapshot()["Meeting"][0].agenda_message_ref
        assert agenda == posted[0]["ts"]
        assert "står på" in h.command("UMARIA", "/arende Dialog; Efter felet")
        shown = json.dumps(h.slack.messages[("CFSG", agenda)]["blocks"], ensure_ascii=False)
        assert "Efter felet" in shown
        assert len(h.sender.failures) == 1
        assert h.slack.violations == []


def test_an_acknowledged_request_is_already_stored(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        before = len(h.snapshot()["AgendaItem"])
        response = send(h, command_body(h, "UMARIA", "/arende Dialog; Kvittens"))
        assert response.status_code == 200
        assert "står på ärendelistan" in response.text
        items = h.snapshot()["AgendaItem"]
        assert len(items) == before + 1 and items[-1].title == "Kvittens"
        h.settle()

        to_draft(h)
        body = block_action_body(
            APPROVE_ACTION,
            approve_value(h),
            user_id="ULINA",
            channel_id="CFSG",
            message_ts=draft_message(h)["ts"],
            team_id=TEAM,
            response_url=h.slack.response_url("act-ULINA"),
        )
        assert send(h, body).status_code == 200
        approvals = h.snapshot()[Approval.__name__]
        assert [a.verdict for a in approvals] == [Verdict.APPROVED]
        h.settle()
        assert len(h.snapshot()[AgendaItem.__name__]) == before + 2


def test_the_health_endpoint_answers(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        response = h.http.get("/health")
        assert response.status_code == 200
        assert response.json() == {"ok": True}
        # It is the only thing served without a signature.
        assert h.http.post("/slack/events", content="x=1").status_code == 401


class _HeldService:
    """A service whose command waits for the test to let it go, in the bot's thread."""

    single_writer = False

    def __init__(self) -> None:
        self.go = threading.Event()

    def reads_only(self, _operation: Any) -> bool:
        return False

    def run(self, _ctx: Context, operation: Any, *args: Any) -> Any:
        return operation(self.go, *args)


def _held(go: threading.Event, answer: str) -> str:
    assert go.wait(10), "never let go"
    if answer == "fail":
        raise RuntimeError("late")
    return answer


def test_a_command_past_its_deadline_is_answered_unknown_and_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    service = _HeldService()
    bot = SlackBot(service, people=None)  # type: ignore[arg-type]
    bot.deadline = 0.05
    ctx = Context(user_ref="slack:T:U", channel_ref="slack:T:C", now=datetime.now(STOCKHOLM))
    submitted: list[Any] = []
    submit = bot._submit

    def kept(*args: Any) -> Any:
        submitted.append(submit(*args))
        return submitted[-1]

    bot._submit = kept  # type: ignore[method-assign]

    async def scenario() -> str:
        service.go.set()
        answer = await bot.run(ctx, _held, "klart")  # in time: the command's own answer
        service.go.clear()
        with pytest.raises(OutcomeUnknown):
            await bot.run(ctx, _held, "fail")
        assert not submitted[-1].done()
        # Not cancelled: let go, it runs to its own end in its thread, and that is logged
        # (the log's callback was added first, so it has run when this await returns).
        service.go.set()
        with pytest.raises(RuntimeError, match="late"):
            await submitted[-1]
        return answer

    with caplog.at_level(logging.ERROR, logger="bot.slack.handlers"):
        assert asyncio.run(scenario()) == "klart"
    assert "past its deadline failed: RuntimeError" in caplog.text
