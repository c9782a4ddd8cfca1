"""The outbox through the Slack app: postings as rows, retried, split, given up honestly."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.core.model import Posting, PostingStatus
from bot.core.postings import MessageRefs
from bot.outbox.contract import Retry, Step, made_by
from bot.slack.poster import SlackPoster
from tests.fakes.slack_api import MAX_BLOCKS_TEXT, blocks_text_size
from tests.harness import at
from tests.slack_harness import SlackHarness, draft_message, set_up
from tests.test_slack_reliability import to_draft_without_posting

LONG_NOTE = "Förvaltningen redovisade läget i verksamheten och svarade på frågor. " * 22


def postings(h: SlackHarness) -> list[Posting]:
    return h.snapshot()["Posting"]


def thread(h: SlackHarness, parent: str) -> list[dict]:
    return [m for m in h.slack.posted("CFSG") if m["thread_ts"] == parent]


def long_meeting(h: SlackHarness) -> None:
    """Meeting #1 held with ten long items: minutes of about 17,000 characters."""
    for n in range(10):
        h.command("USARA", f"/arende Dialog; Punkt {n:02d}")
    h.now = at("2026-03-18T13:05")
    h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
    for number in range(4, 14):
        h.command("USARA", f"/anteckning {number}; {LONG_NOTE}")


def test_the_fake_refuses_a_message_over_slacks_total(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        section = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 2900}}
        blocks = [section] * 5  # each block within its limit, 14,500 characters in all
        assert blocks_text_size(blocks) > MAX_BLOCKS_TEXT

        async def post() -> str:
            try:
                await h.bot.outbox.posters[0].client.chat_postMessage(
                    channel="CFSG", text="x", blocks=blocks
                )
            except SlackApiError as error:
                return str(error.response["error"])
            return "ok"

        answer = asyncio.run_coroutine_threadsafe(post(), h.loop).result(timeout=10)
        assert answer == "msg_blocks_too_long"


def test_long_minutes_arrive_split_in_order_in_the_thread(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        long_meeting(h)
        assert "version 1" in h.command("USARA", "/protokoll posta")
        meeting = h.snapshot()["Meeting"][0]
        drafts = [
            m for m in thread(h, meeting.agenda_message_ref) if "Utkast version 1" in m["text"]
        ]
        assert len(drafts) >= 2, "17,000 characters cannot be one message"
        assert all(blocks_text_size(m["blocks"]) <= 11_000 for m in drafts)
        shown = "".join(
            b["text"]["text"] for m in drafts for b in m["blocks"] if b["type"] == "section"
        )
        # Every item, in order, across the messages; the last one carries the buttons.
        places = [shown.index(f"Punkt {n:02d}") for n in range(10)]
        assert places == sorted(places)
        assert draft_message(h)["ts"] == drafts[-1]["ts"]
        assert any(b["type"] == "actions" for b in drafts[-1]["blocks"])
        assert h.slack.violations == []
        assert h.sender.failures == []
        assert {p.status for p in postings(h)} == {PostingStatus.SENT}


def test_slack_answering_500_for_a_while_loses_nothing(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("chat.postMessage", status=500, times=6)
        assert "publicerad" in h.command("UMARIA", "/mote publicera")
        h.slack.fail_next("chat.update", status=503, times=4)
        h.command("UMARIA", "/arende Dialog; Efter avbrottet")

        posted = h.slack.posted("CFSG")
        assert len(posted) == 2  # the ärendelista once, then the note in its thread
        agenda = h.snapshot()["Meeting"][0].agenda_message_ref
        assert posted[0]["ts"] == agenda and posted[1]["thread_ts"] == agenda
        final = json.dumps(h.slack.messages[("CFSG", agenda)]["blocks"], ensure_ascii=False)
        assert "Efter avbrottet" in final
        assert [c.status for c in h.slack.calls_to("chat.update")] == [503] * 4 + [200]
        # Back-off with jitter on the sender's clock: growing waits, not all alike.
        waits = [s for s in h.clock.sleeps if s > 1.0]
        assert len(waits) >= 6 and max(waits) > 4, waits
        assert h.sender.failures == []
        assert {p.status for p in postings(h)} == {PostingStatus.SENT}
        assert h.slack.violations == []


def test_a_failed_step_does_not_drop_the_rest_and_is_shown(store_factory, caplog) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UMARIA", "/mote publicera")
        # The update of the list is refused for good; the note in its thread still goes out.
        h.slack.fail_next("chat.update", error="cant_update_message")
        with caplog.at_level(logging.INFO):
            h.command("UMARIA", "/arende Dialog; Hemlig rubrik")
        agenda = h.snapshot()["Meeting"][0].agenda_message_ref
        notes = thread(h, agenda)
        assert len(notes) == 1 and "Hemlig rubrik" in notes[0]["text"]
        assert h.sender.failures == ["agenda_changed 1 update_agenda cant_update_message"]
        # The log names the kind and the meeting, never the text.
        lost = [r.getMessage() for r in caplog.records if "given up" in r.getMessage()]
        assert lost and all("agenda_changed" in m and "meeting 1" in m for m in lost)
        assert all("Hemlig" not in r.getMessage() for r in caplog.records)
        # The one who caused it is told in one sentence; /mote visa shows it.
        told = h.slack.posted("UMARIA")
        assert len(told) == 1 and told[0]["text"].count(".") <= 1
        assert "ändringen i ärendelistan" in told[0]["text"]
        shown = h.command("UJONAS", "/mote visa")
        assert "Kunde inte postas: ändringen i ärendelistan" in shown
        assert "cant_update_message" in shown
        assert h.slack.violations == []


def test_posting_a_version_again_when_its_posting_was_given_up(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft_without_posting(h)
        h.slack.fail_next("chat.postMessage", error="not_in_channel")
        assert "version 1" in h.command("USARA", "/protokoll posta")
        assert [p.status for p in postings(h) if p.kind == "minutes_posted"] == [
            PostingStatus.GIVEN_UP
        ]
        shown = h.command("USARA", "/mote visa #1")
        assert "Kunde inte postas: protokollsutkastet" in shown and "not_in_channel" in shown
        told = h.slack.posted("USARA")
        assert len(told) == 1 and "protokollsutkastet" in told[0]["text"]
        assert draft_message_or_none(h) is None

        reply = h.command("USARA", "/protokoll posta")
        assert "Version 1" in reply and "postas nu igen" in reply, reply
        draft = draft_message(h)
        assert "Utkast version 1" in draft["text"]
        assert any(b["type"] == "actions" for b in draft["blocks"])
        # Once it arrived, an unchanged draft is refused as before.
        assert "Inget har ändrats sedan version 1" in h.command("USARA", "/protokoll posta")
        assert h.slack.violations == []


def draft_message_or_none(h: SlackHarness) -> dict | None:
    ref = h.snapshot()["Meeting"][0].minutes_message_ref
    return h.slack.messages.get(("CFSG", ref)) if ref else None


def test_a_posting_that_waits_is_shown_and_not_posted_twice(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft_without_posting(h)
        # The channel is held by another sender: the posting waits.
        with h.service.store_factory() as store:
            store.ensure_lane("slack:T1:CFSG")  # type: ignore[attr-defined]
            store.commit()
        lane = h.snapshot()["OutboxLane"][0]
        with h.service.store_factory() as store:
            lane.claimed_by, lane.claimed_until = "another", at("2026-03-18T14:00")
            store.update(lane)
            store.commit()
        assert "version 1" in h.command("USARA", "/protokoll posta")
        assert h.slack.posted("CFSG") == []
        shown = h.command("USARA", "/mote visa #1")
        assert "Väntar på att postas i kanalen (1): protokollsutkastet" in shown
        reply = h.command("USARA", "/protokoll posta")
        assert "väntar redan på att postas" in reply
        assert len([p for p in postings(h) if p.kind == "minutes_posted"]) == 1


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (aiohttp.ClientConnectionError("refused"), True),
        (TimeoutError(), True),
        (ConnectionResetError(), True),
        (ValueError("a bug"), False),
    ],
)
def test_which_failures_slack_may_get_over(error: BaseException, retried: bool) -> None:
    poster = SlackPoster(client=None)  # type: ignore[arg-type]
    assert (poster.retry(error) is not None) is retried


def test_slack_refusals_and_rate_limits_are_told_apart() -> None:
    poster = SlackPoster(client=None)  # type: ignore[arg-type]

    def answer(status: int, error: str, headers: dict | None = None) -> SlackApiError:
        response = AsyncSlackResponse(
            client=None,
            http_verb="POST",
            api_url="https://slack.test/api/chat.postMessage",
            req_args={},
            data={"ok": False, "error": error},
            headers=headers or {},
            status_code=status,
        )
        return SlackApiError("refused", response)

    assert poster.retry(answer(429, "ratelimited", {"Retry-After": "7"})) == Retry(after=7.0)
    assert poster.retry(answer(500, "internal_error")) == Retry()
    assert poster.retry(answer(200, "service_unavailable")) == Retry()
    assert poster.retry(answer(200, "channel_not_found")) is None
    assert poster.retry(answer(200, "msg_blocks_too_long")) is None
    assert poster.error_code(answer(502, "")) == "http_502"


def test_the_justerade_notice_links_to_the_minutes_after_a_restart(store_factory) -> None:
    """The announcement's first message is stored with the posting: a process that takes
    over between the announcement and the notice (a restart, another replica) links to it."""
    from tests.test_slack_reliability import reaction, to_draft

    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        ts = draft_message(h)["ts"]
        for user, n in (("UJONAS", 1), ("ULINA", 2)):
            assert h.event(reaction(user, ts), f"Ev{n}") == 200
        (done,) = [p for p in postings(h) if p.kind == "minutes_justerade"]
        announced = [m for m in h.slack.posted("CFSG") if m["text"].startswith("Justerat")]
        assert made_by(done, "announce") == announced[0]["ts"]

        # A new process: a poster with nothing in memory, the posting as the database has it
        # (the PDF's upload among its steps: the notice is the comment of its share).
        fresh = SlackPoster(h.bot.outbox.posters[0].client)
        refs = MessageRefs(h.snapshot()["Meeting"][0].agenda_message_ref, "")
        step = Step("notice_justerade")
        run = fresh.perform(done, step, refs)
        asyncio.run_coroutine_threadsafe(run, h.loop).result(timeout=10)
        notice = h.slack.files[-1]["initial_comment"]
        link = f"https://test.slack.com/archives/CFSG/p{announced[0]['ts'].replace('.', '')}"
        assert f"<{link}|Läs det i tråden>" in notice, notice
