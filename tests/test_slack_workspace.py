"""Slack as a real workspace: escaped text, a slow Slack, expiring triggers, bad payloads."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any
from urllib.parse import parse_qs, urlencode

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.model import ItemOrigin, MeetingStatus, Verdict
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION, EDIT_ACTION
from bot.slack.modals import CHANGE_VIEW, EDIT_ITEM_VIEW, PROPOSE_SHORTCUT, PROPOSE_VIEW
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import (
    FORM,
    JSON,
    block_action_body,
    event_body,
    message_shortcut_body,
    new_trigger_id,
    signed_headers,
    slack_text,
    slash_command_body,
    view_submission_body,
)
from tests.harness import at
from tests.slack_harness import (
    CHANNEL_NAMES,
    SECRET,
    TEAM,
    USER_NAMES,
    SlackHarness,
    approve_value,
    draft_message,
    set_up,
)

SLOW = 4.0  # seconds a slow Slack takes to answer each call
ACK_LIMIT = 3.0  # Slack gives up on an answer after 3 s


def to_draft(h: SlackHarness) -> None:
    """Meeting #1 held with UJONAS and ULINA as justerare and version 1 posted."""
    h.command("USARA", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.now = at("2026-03-18T13:05")
    h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
    h.command("USARA", "/anteckning 4; Förslaget bygger på medarbetarenkäten.")
    assert "version 1" in h.command("USARA", "/protokoll posta")


def propose_values(title: str, **fields: str) -> dict[str, Any]:
    return {
        "title": {"value": title},
        "section": {"value": {"type": "static_select", "selected_option": {"value": "Dialog"}}},
        "presenter": {"value": fields.get("presenter", "")},
        "description": {"value": fields.get("description", "")},
        "links": {"value": fields.get("links", "")},
        "risk": {"value": {"type": "radio_buttons", "selected_option": None}},
    }


def items(h: SlackHarness) -> dict[str, Any]:
    return {i.title: i for i in h.snapshot()["AgendaItem"] if i.origin is ItemOrigin.PROPOSED}


# --- text as Slack sends it ------------------------------------------------------------------


def test_the_fake_sends_command_text_escaped_as_slack_does() -> None:
    typed = (
        "Mål & ekonomi 2027; @jonas i #fsg, se https://a.example/x?a=1&b=2 och "
        "[PDF](https://b.example/p) <b> @here @okänd"
    )
    assert slack_text(typed, USER_NAMES, CHANNEL_NAMES) == (
        "Mål &amp; ekonomi 2027; <@UJONAS|jonas> i <#CFSG|fsg>, se "
        "<https://a.example/x?a=1&amp;b=2> och <https://b.example/p|PDF> &lt;b&gt; "
        "<!here> @okänd"
    )
    # Typed markup is text to Slack: escaped, never a mention.
    assert slack_text("<@UMARIA> <!channel>") == "&lt;@UMARIA&gt; &lt;!channel&gt;"


def test_the_harness_types_commands_through_slacks_escaping(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        h.command("UMARIA", "/arende Dialog; Mål & ekonomi; föredragande: @jonas")
        assert h.sent_texts[-1] == "Dialog; Mål &amp; ekonomi; föredragande: <@UJONAS|jonas>"


def test_escaped_text_is_decoded_before_the_fields_split(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        reply = h.command(
            "UJONAS",
            "/arende Beslut; Mål & ekonomi 2027; föredragande: @lina; "
            "beskrivning: Se [underlaget](https://intra.example/mal?a=1&b=2) från #fsg, "
            "fråga @sara <före> 2027; riskbedömning: ja",
        )
        assert "föreslaget" in reply, reply
        item = items(h)["Mål & ekonomi 2027"]
        assert item.presenter == "Lina Åberg"
        assert item.description == (
            "Se underlaget (https://intra.example/mal?a=1&b=2) från #fsg, "
            "fråga Sara Holm <före> 2027"
        )
        assert item.risk_assessed is True

        # The same text typed in the form is stored the same.
        assert h.command("UPETRA", "/arende") == ""
        meta = h.last_view()["private_metadata"]
        h.submit("UPETRA", PROPOSE_VIEW, propose_values("Lön & villkor 2027"), meta)
        h.command("UPETRA", "/arende Dialog; Lön & villkor 2027 (kommando)")
        assert {"Lön & villkor 2027", "Lön & villkor 2027 (kommando)"} <= set(items(h))

        # Notes take mentions as names, and the agenda shows the text escaped once.
        h.command("UMARIA", "/arende acceptera alla")
        h.command("UMARIA", "/mote publicera")
        agenda = h.slack.posted("CFSG")[0]
        shown = json.dumps(agenda["blocks"], ensure_ascii=False)
        assert "Mål &amp; ekonomi 2027" in shown and "&amp;amp;" not in shown
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/justerare @jonas, @lina")
        number = items(h)["Mål & ekonomi 2027"].number
        h.command("USARA", f"/anteckning {number}; @jonas & @lina föredrog; se <bilaga 3>.")
        notes = [n.text for n in h.snapshot()["Entry"]]
        assert "Jonas Ek & Lina Åberg föredrog; se <bilaga 3>." in notes, notes
        minutes = h.command("USARA", "/protokoll visa")
        assert "Mål &amp; ekonomi 2027" in minutes and "Mål &amp;amp" not in minutes
        assert h.slack.violations == []


# --- a slow Slack -----------------------------------------------------------------------------


def timed(h: SlackHarness, body: str, content_type: str = FORM) -> httpx.Response:
    """Send a signed request without waiting for what it queues; its answer time is kept."""
    headers = signed_headers(body, SECRET, None, content_type=content_type)
    started = time.perf_counter()
    response = h.http.post("/slack/events", content=body, headers=headers, timeout=30)
    h.ack_seconds.append(time.perf_counter() - started)
    assert response.status_code == 200, response.text
    return response


def command(h: SlackHarness, user: str, line: str) -> str:
    name, _, text = line.partition(" ")
    body = slash_command_body(
        name,
        slack_text(text, USER_NAMES, CHANNEL_NAMES),
        user_id=user,
        channel_id="CFSG",
        team_id=TEAM,
        response_url=h.slack.response_url(f"cmd-{user}"),
    )
    response = timed(h, body)
    if not response.content:
        return ""
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.json().get("text", "")
    return response.text


def test_a_slack_that_answers_in_4_s_never_holds_an_answer(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        h.command("UMARIA", "/mote planera 15 april kl 13; Sof, Storgatan 12")
        value, draft_ts = approve_value(h), draft_message(h)["ts"]
        h.slack.slow(SLOW)
        h.bot.people._known.pop("UPETRA")  # a first-time user again: users.info is slow
        first = len(h.ack_seconds)

        # A reply that needs users.info for a first-time user.
        assert "Möten för FSG" in command(h, "UPETRA", "/mote lista")
        # A form opens, inside the trigger's 3 s, and its submission is answered at once.
        assert command(h, "UJONAS", "/arende") == ""
        opened = h.slack.wait_for("views.open", 1, timeout=10)[-1]
        assert opened.ok, opened.error
        meta = opened.args["view"]["private_metadata"]
        body = view_submission_body(
            PROPOSE_VIEW,
            propose_values("Lokalfrågor"),
            user_id="UJONAS",
            view_id="VSLOW",
            private_metadata=meta,
            team_id=TEAM,
        )
        assert "errors" not in timed(h, body).text
        # A button whose reply goes to a slow response_url, and one that opens a form.
        click = block_action_body(
            APPROVE_ACTION,
            value,
            user_id="ULINA",
            channel_id="CFSG",
            message_ts=draft_ts,
            team_id=TEAM,
            response_url=h.slack.response_url("act-ULINA"),
        )
        timed(h, click)
        change = block_action_body(
            CHANGE_ACTION,
            value,
            user_id="UJONAS",
            channel_id="CFSG",
            message_ts=draft_ts,
            team_id=TEAM,
            response_url=h.slack.response_url("act-UJONAS"),
        )
        timed(h, change)
        views = h.slack.wait_for("views.open", 2, timeout=10)
        assert views[-1].ok, views[-1].error
        # A reaction whose refusal goes out as a slow ephemeral.
        reaction = {
            "type": "reaction_added",
            "user": "UPETRA",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG", "ts": draft_ts},
            "event_ts": "1700000100.000100",
        }
        timed(h, event_body(reaction, event_id="EvSlow", team_id=TEAM), JSON)

        acks = h.ack_seconds[first:]
        assert len(acks) == 6
        assert max(acks) < ACK_LIMIT, acks
        h.settle()
        # Everything still happened, after the answers.
        assert "Lokalfrågor" in items(h)
        verdicts = [a.verdict for a in h.snapshot()["Approval"]]
        assert verdicts == [Verdict.APPROVED]
        assert any("approved version 1" in r for r in h.replies_to("ULINA"))
        assert any(e["user"] == "UPETRA" for e in h.slack.ephemeral("CFSG"))
        assert h.slack.violations == []
        print(f"ack p50 {statistics.median(acks):.3f} s, max {max(acks):.3f} s")


def test_an_items_edit_form_opens_beside_the_answer_of_a_slow_slack(store_factory) -> None:
    """/anteckning ändra 4 and the draft's "Ändra ett ärende" read the item first (a refusal is
    the answer), then answer and open the form beside it: a 4 s views.open holds neither."""
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        draft = draft_message(h)
        menu = next(b for b in draft["blocks"] if b["type"] == "actions")["elements"][-1]
        option = next(
            o
            for g in menu["option_groups"]
            for o in g["options"]
            if json.loads(o["value"])["number"] == 4
        )
        h.slack.slow(SLOW)
        first = len(h.ack_seconds)
        assert command(h, "USARA", "/anteckning ändra 4") == ""
        choice = block_action_body(
            EDIT_ACTION,
            user_id="USARA",
            channel_id="CFSG",
            message_ts=draft["ts"],
            team_id=TEAM,
            response_url=h.slack.response_url("act-USARA"),
            selected_option=option,
        )
        timed(h, choice)
        # A member's refusal is still the answer itself, before any form.
        assert "Bara ordförande och sekreterare" in command(h, "UJONAS", "/anteckning ändra 4")
        acks = h.ack_seconds[first:]
        assert len(acks) == 3 and max(acks) < ACK_LIMIT, acks
        opened = h.slack.wait_for("views.open", 2, timeout=20)
        assert [c.ok for c in opened] == [True, True], [c.error for c in opened]
        assert {c.args["view"]["callback_id"] for c in opened} == {EDIT_ITEM_VIEW}
        h.settle()

        # A form that cannot open (the trigger expired) is told through the response_url.
        h.slack.slow(0)
        stale = slash_command_body(
            "/anteckning",
            "ändra 4",
            user_id="USARA",
            channel_id="CFSG",
            team_id=TEAM,
            response_url=h.slack.response_url("cmd-USARA"),
            trigger_id=new_trigger_id(issued_at=time.time() - 4),
        )
        assert h.post(stale).status_code == 200
        told = h.slack.responses_to("cmd-USARA")
        assert told and "Formuläret kunde inte öppnas" in told[-1]["text"], told
        assert "/anteckning ändra 4.1" in told[-1]["text"]


def test_a_form_that_slack_refuses_to_open_is_explained(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.slack.fail_next("views.open", status=500)
        assert h.command("UJONAS", "/arende") == ""
        told = h.slack.responses_to("cmd-UJONAS")
        assert len(told) == 1 and "Formuläret kunde inte öppnas" in told[0]["text"], told
        assert "/arende Dialog; Lokalfrågor" in told[0]["text"]
        # The next try opens it.
        assert h.command("UJONAS", "/arende") == ""
        assert h.last_view()["callback_id"] == PROPOSE_VIEW


def test_the_fake_refuses_a_trigger_older_than_3_s() -> None:
    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.base_url)
        view = {
            "type": "modal",
            "title": {"type": "plain_text", "text": "Test"},
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}],
        }
        stale = new_trigger_id(issued_at=time.time() - 3.5)
        try:
            client.views_open(trigger_id=stale, view=view)
            raise AssertionError("an expired trigger opened a view")
        except SlackApiError as error:
            assert error.response["error"] == "expired_trigger_id"
        assert client.views_open(trigger_id=new_trigger_id(), view=view)["ok"]


def test_a_failing_auth_test_is_retried_not_shown_as_reinstall(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        h.slack.fail_next("auth.test", status=500)
        reply = h.command("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Sof")
        assert "FSG" in reply and "reinstall" not in reply.lower(), reply
        assert [c.status for c in h.slack.calls_to("auth.test")] == [500, 200]
        assert h.snapshot()["Group"]


def test_a_slack_that_never_answers_auth_test_still_gets_the_command_through(
    store_factory,
) -> None:
    with SlackHarness(store_factory) as h:
        h.slack.fail_next("auth.test", status=503, times=3)
        reply = h.command("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Sof")
        assert "FSG" in reply and "reinstall" not in reply.lower(), reply
        # Asked again with the next request, and then known.
        h.command("UMARIA", "/grupp visa")
        h.command("UMARIA", "/grupp visa")
        assert [c.status for c in h.slack.calls_to("auth.test")] == [503, 503, 503, 200]


def test_a_slow_auth_test_holds_only_the_first_answer_and_briefly(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        h.slack.slow(SLOW, "auth.test")
        first = len(h.ack_seconds)
        h.command("UMARIA", "/grupp skapa FSG; Förvaltningssamverkansgrupp Sof")
        h.command("UMARIA", "/grupp visa")
        acks = h.ack_seconds[first:]
        assert max(acks) < ACK_LIMIT and acks[1] < 0.9, acks
        assert len(h.slack.calls_to("auth.test")) == 1  # one lookup, not one per request


# --- malformed requests -----------------------------------------------------------------------


def payload(data: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(data)})


def unpack(body: str) -> dict[str, Any]:
    return json.loads(parse_qs(body)["payload"][0])


def test_every_malformed_signed_request_gets_400_or_401(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        value, ts = approve_value(h), draft_message(h)["ts"]
        good_click = unpack(
            block_action_body(
                APPROVE_ACTION, value, user_id="ULINA", channel_id="CFSG", message_ts=ts
            )
        )
        good_shortcut = unpack(
            message_shortcut_body(
                PROPOSE_SHORTCUT, {"ts": ts, "text": "x"}, user_id="ULINA", channel_id="CFSG"
            )
        )

        def click(value: Any, **changes: Any) -> str:
            data = json.loads(json.dumps(good_click))
            data["actions"][0]["value"] = value
            data.update(changes)
            return payload(data)

        def submission(callback: str, values: dict[str, Any], meta: str) -> str:
            return view_submission_body(
                callback, values, user_id="ULINA", private_metadata=meta, team_id=TEAM
            )

        propose_meta = json.dumps({"channel": "CFSG", "meeting": None})
        change_meta = json.dumps({"channel": "CFSG", "meeting": 1, "version": 1})
        reaction = {
            "type": "reaction_added",
            "user": "ULINA",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG"},
            "event_ts": "1700000100.000100",
        }
        command = {
            "team_id": TEAM,
            "channel_id": "CFSG",
            "command": "/mote",
            "text": "lista",
            "trigger_id": new_trigger_id(),
        }
        bad_section = propose_values("Lokaler")
        bad_section["section"] = {
            "value": {"type": "static_select", "selected_option": {"value": "Fel"}}
        }
        flat = unpack(submission(PROPOSE_VIEW, propose_values("Lokaler"), propose_meta))
        flat["view"]["state"]["values"] = {"title": "Lokaler"}
        flat_values = payload(flat)
        cases: list[tuple[str, str, str]] = [
            ("command without user_id", urlencode(command), FORM),
            ("command with empty user_id", urlencode({**command, "user_id": ""}), FORM),
            ("reaction without ts", event_body(reaction, event_id="EvBad1", team_id=TEAM), JSON),
            (
                "reaction without user",
                event_body(
                    {**reaction, "user": None, "item": {**reaction["item"], "ts": ts}},
                    event_id="EvBad2",
                    team_id=TEAM,
                ),
                JSON,
            ),
            (
                "reaction item not an object",
                event_body({**reaction, "item": "x"}, event_id="EvBad3", team_id=TEAM),
                JSON,
            ),
            (
                "home opened without user",
                event_body({"type": "app_home_opened", "tab": "home"}, event_id="EvBad4"),
                JSON,
            ),
            ("button value not JSON", click("hej"), FORM),
            ("button value not ours", click(json.dumps({"meeting": "ett", "version": 1})), FORM),
            ("button value a list", click(json.dumps([1, 1])), FORM),
            ("button without value", click(None), FORM),
            ("button in no channel", click(value, channel=None), FORM),
            ("view metadata not JSON", submission(PROPOSE_VIEW, propose_values("A"), "x"), FORM),
            ("view metadata empty", submission(PROPOSE_VIEW, propose_values("A"), ""), FORM),
            (
                "view metadata not ours",
                submission(PROPOSE_VIEW, propose_values("A"), json.dumps({"channel": 3})),
                FORM,
            ),
            (
                "change metadata without version",
                submission(
                    CHANGE_VIEW, {"comment": {"value": "x"}}, json.dumps({"channel": "CFSG"})
                ),
                FORM,
            ),
            ("view section not ours", submission(PROPOSE_VIEW, bad_section, propose_meta), FORM),
            ("view values not objects", flat_values, FORM),
            (
                "view text not a string",
                submission(CHANGE_VIEW, {"comment": {"value": {"value": 5}}}, change_meta),
                FORM,
            ),
            ("shortcut without trigger", payload({**good_shortcut, "trigger_id": None}), FORM),
            ("shortcut without message", payload({**good_shortcut, "message": None}), FORM),
        ]
        before = h.snapshot()
        for name, body, kind in cases:
            response = h.post(body, kind)
            assert response.status_code == 400, (name, response.status_code, response.text)
        # A timestamp that is not a number is a failed signature check, not a crash.
        body = slash_command_body("/mote", "lista", user_id="ULINA", channel_id="CFSG")
        headers = {**signed_headers(body, SECRET, None), "X-Slack-Request-Timestamp": "abc"}
        response = h.http.post("/slack/events", content=body, headers=headers)
        assert response.status_code == 401, response.text
        assert h.snapshot() == before
        assert h.slack.violations == []


# --- smaller things ---------------------------------------------------------------------------


def test_a_redelivered_refused_reaction_does_not_repeat_its_refusal(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        reaction = {
            "type": "reaction_added",
            "user": "UPETRA",  # not a justerare
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG", "ts": draft_message(h)["ts"]},
            "event_ts": "1700000100.000100",
        }
        assert h.event(reaction, "EvRefused") == 200
        refusals = [e for e in h.slack.ephemeral("CFSG") if e["user"] == "UPETRA"]
        assert len(refusals) == 1, refusals
        assert h.event(reaction, "EvRefused", retry=1) == 200
        assert h.event(reaction, "EvRefused") == 200  # redelivered without the header
        assert [e for e in h.slack.ephemeral("CFSG") if e["user"] == "UPETRA"] == refusals
        # Another reaction is another event, and gets its answer.
        assert h.event(reaction, "EvRefusedAgain") == 200
        assert len([e for e in h.slack.ephemeral("CFSG") if e["user"] == "UPETRA"]) == 2
        assert h.snapshot()["Meeting"][0].status is MeetingStatus.DRAFT


# --- an agenda item from any message ------------------------------------------------------


def test_a_message_becomes_a_proposal_in_two_clicks(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        raw = "Kan vi ta upp parkeringen &amp; cyklarna? <@ULINA> vet mer, se <https://intra.example/p|planen>"
        ts = h.slack.add_message("CFSG", raw, user="UPETRA")
        body = message_shortcut_body(
            PROPOSE_SHORTCUT,
            {"ts": ts, "text": raw, "user": "UPETRA"},
            user_id="UJONAS",
            channel_id="CFSG",
            team_id=TEAM,
            response_url=h.slack.response_url("sc-UJONAS"),
        )
        assert h.post(body).status_code == 200
        view = h.last_view()
        assert view["callback_id"] == PROPOSE_VIEW
        initial = {
            b["block_id"]: b["element"].get("initial_value")
            for b in view["blocks"]
            if b["type"] == "input"
        }
        assert initial["description"] == (
            "Kan vi ta upp parkeringen & cyklarna? Lina Åberg vet mer, "
            "se planen (https://intra.example/p)"
        )
        link = f"https://test.slack.com/archives/CFSG/p{ts.replace('.', '')}"
        assert initial["links"] == link

        values = propose_values(
            "Parkering och cyklar", description=initial["description"], links=initial["links"]
        )
        answer = h.submit("UJONAS", PROPOSE_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        item = items(h)["Parkering och cyklar"]
        assert item.links == link and "cyklarna" in item.description
        assert "föreslaget" in h.slack.ephemeral("CFSG")[-1]["text"]
        assert h.slack.violations == []


def test_the_shortcut_opens_its_form_in_time_when_the_permalink_is_slow(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        ts = h.slack.add_message("CFSG", "Lokalerna " + "x" * 4000, user="UPETRA")
        h.slack.slow(SLOW, "chat.getPermalink")
        body = message_shortcut_body(
            PROPOSE_SHORTCUT,
            {"ts": ts, "text": "Lokalerna " + "x" * 4000},
            user_id="UJONAS",
            channel_id="CFSG",
            team_id=TEAM,
        )
        assert h.post(body).status_code == 200
        opened = h.slack.calls_to("views.open")[-1]
        assert opened.ok, opened.error  # within the trigger's 3 s, a long text cut to fit
        view = opened.args["view"]
        initial = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
        assert initial["links"] == f"https://test.slack.com/archives/CFSG/p{ts.replace('.', '')}"
        assert len(initial["description"]) == 3000
        assert max(h.ack_seconds[-1:]) < ACK_LIMIT


# --- the App Home ------------------------------------------------------------------------------


def home_text(h: SlackHarness, user: str) -> str:
    return json.dumps(h.slack.home[user]["blocks"], ensure_ascii=False)


def test_the_app_home_shows_what_waits_for_each_person(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        h.command("UMARIA", "/mote planera 15 april kl 13; Sof, Storgatan 12")
        h.command("UJONAS", "/arende Dialog; Jonas eget förslag")
        h.command("UOLLE", "/grupp skapa VSG; Verksamhetssamverkansgrupp BUF", "CVSG")
        h.command("UOLLE", "/mote planera 20 april kl 9; BUF, Skolgatan 1", "CVSG")
        h.command("UOLLE", "/arende Dialog; VSG:s hemliga ärende", "CVSG")
        opened = {"type": "app_home_opened", "user": "UJONAS", "tab": "home", "event_ts": "1.2"}
        assert h.event(opened, "EvHome1") == 200

        shown = home_text(h, "UJONAS")
        assert h.slack.home["UJONAS"]["type"] == "home"
        assert "Protokoll att justera" in shown and "möte #1" in shown
        assert "utkast version 1" in shown
        assert "Kommande möten" in shown and "möte #2" in shown and "ärenden senast" in shown
        assert "Dina förslag" in shown and "Jonas eget förslag" in shown
        assert "VSG" not in shown  # not his group
        buttons = [b for b in h.slack.home["UJONAS"]["blocks"] if b["type"] == "actions"]
        assert len(buttons) == 1
        value = json.loads(buttons[0]["elements"][0]["value"])
        assert value == {"meeting": 1, "version": 1, "channel": "CFSG"}

        # Approving from the App Home: no channel, no response_url in the payload.
        click = block_action_body(
            APPROVE_ACTION,
            buttons[0]["elements"][0]["value"],
            user_id="UJONAS",
            team_id=TEAM,
            view={"id": h.slack.home["UJONAS"]["id"], "type": "home"},
        )
        assert h.post(click).status_code == 200
        assert [a.verdict for a in h.snapshot()["Approval"]] == [Verdict.APPROVED]
        assert "godkänt version 1" in h.slack.ephemeral("CFSG")[-1]["text"]
        shown = home_text(h, "UJONAS")
        assert "Protokoll att justera" not in shown and "Jonas eget förslag" in shown

        # A commitment he is responsible for shows there too.
        h.command("USARA", "/uppfoljning #1 4; <@UJONAS|jonas>; Läsa enkätsvaren; 30 april")
        h.event(opened, "EvHome3")
        shown = home_text(h, "UJONAS")
        assert "Dina uppföljningar" in shown
        assert "FSG [1] Jonas Ek – läsa enkätsvaren, senast 30 april 2026" in shown

        # Olle sees only his own group.
        h.event({**opened, "user": "UOLLE"}, "EvHome2")
        shown = home_text(h, "UOLLE")
        assert "VSG" in shown and "FSG" not in shown and "hemliga" in shown
        assert "enkätsvaren" not in shown
        assert h.slack.violations == []


def test_the_app_home_shows_only_what_is_known_of_a_meetings_time(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        h.command("UMARIA", "/mote planera 15 april")  # a date only, no place yet
        h.command("UMARIA", "/mote planera 6 maj kl 13-15; Sof")
        h.event({"type": "app_home_opened", "user": "UJONAS", "tab": "home"}, "EvHomeK")
        shown = home_text(h, "UJONAS")
        assert "möte #2, onsdag 15 april 2026; ärenden senast" in shown
        assert "möte #3, onsdag 6 maj 2026 kl. 13.00–15.00, Sof; ärenden senast" in shown
        assert "kl. 00.00" not in shown and ", ;" not in shown


def test_the_change_request_note_names_the_secretary(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        meeting = h.snapshot()["Meeting"][0]
        h.click("UJONAS", CHANGE_ACTION, approve_value(h), draft_message(h)["ts"])
        h.submit(
            "UJONAS",
            CHANGE_VIEW,
            {"comment": {"value": "Skriv <ut> att SSR vill ha en plan."}},
            h.last_view()["private_metadata"],
        )
        assert "skickad till sekreteraren" in h.slack.ephemeral("CFSG")[-1]["text"]
        thread = [m for m in h.slack.posted("CFSG") if m["thread_ts"] == meeting.agenda_message_ref]
        note = thread[-1]
        assert "Begäran om ändring: Jonas Ek: Skriv &lt;ut&gt; att SSR" in note["text"]
        assert "<@USARA>" in note["text"]
        assert "<@USARA>" in json.dumps(note["blocks"])
        assert h.slack.violations == []


def test_the_group_view_in_slack_shows_no_internal_references(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        shown = h.command("UMARIA", "/grupp visa")
        assert "Jonas Ek: SSR, ledamot" in shown and "slack:" not in shown, shown


def test_a_check_mark_on_a_superseded_draft_is_answered(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        old_ts = draft_message(h)["ts"]
        h.command("USARA", "/anteckning 4; Ett tillägg efter mötet.")
        assert "version 2" in h.command("USARA", "/protokoll posta")
        # The old draft lost its buttons and its status line, and says what replaced it.
        old = h.slack.messages[("CFSG", old_ts)]
        assert not [b for b in old["blocks"] if b["type"] == "actions"]
        assert "ersatt av version 2" in json.dumps(old["blocks"], ensure_ascii=False)

        reaction = {
            "type": "reaction_added",
            "user": "UJONAS",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG", "ts": old_ts},
            "event_ts": "1700000100.000100",
        }
        assert h.event(reaction, "EvOld") == 200
        told = [e["text"] for e in h.slack.ephemeral("CFSG") if e["user"] == "UJONAS"]
        assert len(told) == 1 and "ersatt av en nyare version" in told[0], told
        assert h.snapshot()["Approval"] == []
        # A ✅ on some other message in the channel is still not answered.
        other = h.slack.add_message("CFSG", "Tack för mötet!", user="UPETRA")
        h.event({**reaction, "item": {**reaction["item"], "ts": other}}, "EvOther")
        assert len([e for e in h.slack.ephemeral("CFSG") if e["user"] == "UJONAS"]) == 1
        assert h.slack.violations == []
