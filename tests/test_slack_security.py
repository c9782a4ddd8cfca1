"""Slack security: signatures, group boundaries, escaped user text, form errors and limits."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from bot.core.model import Approval, ItemOrigin, MeetingStatus, MinutesVersion
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION
from bot.slack.modals import CHANGE_VIEW, PROPOSE_VIEW
from tests.fakes.slack_signing import (
    FORM,
    JSON,
    block_action_body,
    event_body,
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

FORBIDDEN = ("<!channel>", "<!here>", "<!everyone>", "<@UMARIA>", "<https://")


def to_draft(h: SlackHarness) -> None:
    """Meeting #1 held with UJONAS and ULINA as justerare and version 1 posted; #2 planned."""
    h.command("USARA", "/arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.now = at("2026-03-18T13:05")
    h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
    h.command("USARA", "/anteckning 4; Förslaget bygger på medarbetarenkäten.")
    assert "version 1" in h.command("USARA", "/protokoll posta")
    assert "Möte #2" in h.command("UMARIA", "/mote planera 15 april kl 13; Sof, Storgatan 12")


def api_calls(h: SlackHarness) -> int:
    return len(h.slack.calls) + len(h.slack.responses)


def raw(h: SlackHarness, body: str, headers: dict[str, str]) -> httpx.Response:
    """Post exactly these headers (no signing added) and wait for any postings."""
    response = h.http.post("/slack/events", content=body, headers=headers)
    h.settle()
    return response


def texts(value: Any) -> list[str]:
    """Every string inside a JSON-like value (message text, block texts, button values)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts(item)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item)]
    return []


# --- signatures ---------------------------------------------------------------------------------

FAULTS = ("unsigned", "wrong secret", "tampered body", "stale timestamp", "future timestamp")


def faulty_headers(fault: str, body: str, other: str, kind: str) -> dict[str, str]:
    """Made just before sending: a timestamp taken earlier would drift towards valid."""
    if fault == "unsigned":
        return {"Content-Type": kind}
    if fault == "wrong secret":
        return signed_headers(body, "not-the-secret", None, content_type=kind)
    if fault == "tampered body":
        return signed_headers(other, SECRET, None, content_type=kind)
    if fault == "stale timestamp":
        return signed_headers(body, SECRET, time.time() - 301, content_type=kind)
    assert fault == "future timestamp"
    return signed_headers(body, SECRET, time.time() + 302, content_type=kind)


def test_every_kind_of_request_needs_a_valid_fresh_signature(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        to_draft(h)
        value = approve_value(h)
        draft_ts = draft_message(h)["ts"]
        change_meta = json.dumps({"channel": "CFSG", "meeting": 1, "version": 1})
        reaction = {
            "type": "reaction_added",
            "user": "ULINA",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG", "ts": draft_ts},
            "event_ts": "1700000100.000100",
        }

        def command(text: str) -> str:
            return slash_command_body(
                "/arende",
                text,
                user_id="UMARIA",
                channel_id="CFSG",
                team_id=TEAM,
                response_url=h.slack.response_url("cmd-sig"),
            )

        def click(user: str) -> str:
            return block_action_body(
                APPROVE_ACTION,
                value,
                user_id=user,
                channel_id="CFSG",
                message_ts=draft_ts,
                team_id=TEAM,
                response_url=h.slack.response_url("act-sig"),
            )

        def change(comment: str) -> str:
            return view_submission_body(
                CHANGE_VIEW,
                {"comment": {"value": comment}},
                user_id="ULINA",
                view_id="VSIG",
                private_metadata=change_meta,
                team_id=TEAM,
            )

        def react(user: str) -> str:
            return event_body({**reaction, "user": user}, event_id="EvSig", team_id=TEAM)

        # (name, content type, the body a valid request would carry, another valid body)
        kinds = [
            ("slash command", FORM, command("Dialog; Smugglat ärende"), command("Dialog; Annat")),
            ("block action", FORM, click("UJONAS"), click("ULINA")),
            ("view submission", FORM, change("Stryk punkt 4."), change("Stryk allt.")),
            ("event", JSON, react("ULINA"), react("UJONAS")),
        ]
        for name, kind, body, other in kinds:
            for fault in FAULTS:
                before, calls = h.snapshot(), api_calls(h)
                response = raw(h, body, faulty_headers(fault, body, other, kind))
                assert response.status_code == 401, (name, fault, response.text)
                assert h.snapshot() == before, (name, fault)
                assert api_calls(h) == calls, (name, fault)

        # The same bodies, properly signed, do change things: the refusals above were the checks.
        for name, kind, body, _other in kinds:
            before = h.snapshot()
            headers = signed_headers(body, SECRET, time.time() - 290, content_type=kind)
            assert raw(h, body, headers).status_code == 200, name
            assert h.snapshot() != before, name
        assert h.snapshot()["Meeting"][0].status is MeetingStatus.JUSTERAD
        assert h.slack.violations == []


# --- group boundaries ---------------------------------------------------------------------------


def test_another_groups_member_cannot_read_or_change_fsg_from_its_channel(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", "/arende Beslut; Hemlig omorganisation av IFO; riskbedömning: ja")
        h.command("UJONAS", "/arende Dialog; Konfidentiell personalfråga")
        assert "publicerad" in h.command("UMARIA", "/mote publicera")
        reply = h.command("UOLLE", "/grupp skapa VSG; Verksamhetssamverkansgrupp BUF", "CVSG")
        assert "VSG" in reply, reply
        reply = h.command("UOLLE", "/mote planera 20 mars kl 9; BUF, Skolgatan 1", "CVSG")
        assert "Möte #1" in reply, reply  # numbers run per group: VSG's first is #1
        secrets = [
            i.title for i in h.snapshot()["AgendaItem"] if i.origin is not ItemOrigin.STANDING
        ]
        assert len(secrets) == 2
        h.command("UOLLE", "/arende Dialog; VSG:s eget ärende", "CVSG")

        before, posted = h.snapshot(), len(h.slack.calls_to("chat.postMessage"))
        attempts = [
            # #1 in VSG's channel is VSG's own meeting; #2 is nobody's there (FSG's #1 is not).
            ("UOLLE", "/mote visa #1", "CVSG"),
            ("UOLLE", "/mote visa #2", "CVSG"),
            ("UOLLE", "/arende acceptera #2 4", "CVSG"),
            ("UOLLE", "/arende avvisa #2 5", "CVSG"),
            ("UOLLE", "/protokoll visa #1", "CVSG"),
            ("UOLLE", "/beslut #2 4; samverkat", "CVSG"),
            ("UOLLE", "/anteckning #2 4; Inskjutet från VSG.", "CVSG"),
            ("UOLLE", "/mote publicera #2", "CVSG"),
            ("UOLLE", "/mote visa FSG", "CVSG"),
            ("UOLLE", "/grupp koppla FSG", "CVSG"),
            ("UOLLE", "/grupp koppla FSG", "CANNAN"),
            # In FSG's own channel he is no member at all.
            ("UOLLE", "/mote visa", "CFSG"),
            ("UOLLE", "/protokoll visa #1", "CFSG"),
            ("UOLLE", "/arende acceptera 5", "CFSG"),
        ]
        for user, line, channel in attempts:
            reply = h.command(user, line, channel)
            assert reply, (line, channel)
            for title in secrets:
                assert title not in reply, (line, channel, reply)
            assert h.snapshot() == before, (line, channel)
        assert len(h.slack.calls_to("chat.postMessage")) == posted
        assert "inget möte #2" in h.command("UOLLE", "/mote visa #2", "CVSG")
        assert "inte med i grupp FSG" in h.command("UOLLE", "/mote visa", "CFSG")

        # A form opened in FSG's channel and submitted by him proposes nothing either.
        assert h.command("UJONAS", "/arende") == ""
        values = propose_values("Intrång", "Dialog", None)
        answer = h.submit("UOLLE", PROPOSE_VIEW, values, h.last_view()["private_metadata"])
        assert answer.get("response_action") == "errors", answer
        assert "inte med i grupp FSG" in json.dumps(answer, ensure_ascii=False)
        assert h.snapshot() == before

        # VSG's own meeting is still VSG's to see.
        assert "VSG:s eget ärende" in h.command("UOLLE", "/mote visa", "CVSG")


def test_a_non_member_is_refused_in_the_language_of_their_slack(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", "/arende Beslut; Hemlig omorganisation av IFO")
        h.command("UOLLE", "/grupp skapa VSG; Verksamhetssamverkansgrupp BUF", "CVSG")
        h.command("UOLLE", "/mote planera 20 mars kl 9; BUF, Skolgatan 1", "CVSG")
        before = h.snapshot()

        swedish = h.command("USARA", "/mote visa #1", "CVSG")
        english = h.command("ULINA", "/mote visa #1", "CVSG")
        assert swedish.startswith("Du är inte med i grupp VSG"), swedish
        assert english.startswith("You are not a member of group VSG"), english
        assert "Hemlig" not in swedish + english

        swedish = h.command("USARA", "/beslut #1 1; samverkat", "CVSG")
        english = h.command("ULINA", "/protokoll visa", "CVSG")
        assert "inte med i grupp VSG" in swedish, swedish
        assert "not a member of group VSG" in english, english
        assert h.snapshot() == before


# --- escaping ------------------------------------------------------------------------------------


def test_mentions_and_markup_in_user_text_never_reach_slack_unescaped(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        acks: list[str] = []

        def say(user: str, line: str, channel: str = "CFSG") -> str:
            name, _, text = line.partition(" ")
            body = slash_command_body(
                name,
                slack_text(text, USER_NAMES, CHANNEL_NAMES),  # typed, as Slack sends it
                user_id=user,
                channel_id=channel,
                team_id=TEAM,
                response_url=h.slack.response_url(f"cmd-{user}"),
            )
            response = h.post(body)
            assert response.status_code == 200, response.text
            acks.append(response.text)
            if response.headers.get("content-type", "").startswith("application/json"):
                return response.json().get("text", "")
            return response.text

        hostile = [
            "<!channel> larm",
            "<!here>",
            "<@UMARIA> kom hit",
            "*fet* <https://evil.example|klicka>",
        ]
        for title in hostile:
            assert "föreslaget" in say("UJONAS", f"/arende Dialog; {title}")
        assert say("UJONAS", "/arende") == ""
        values = propose_values("<!everyone> via formuläret", "Dialog", None)
        values["presenter"] = {"value": "<@UMARIA>"}
        values["description"] = {"value": "<!here> <https://evil.example|här>"}
        values["links"] = {"value": "<https://evil.example|underlag>"}
        meta = h.last_view()["private_metadata"]
        acks.append(json.dumps(h.submit("UJONAS", PROPOSE_VIEW, values, meta)))
        # Refusals that quote what was typed quote it escaped.
        assert "&lt;!channel&gt;" in say("USARA", "/justerare <!channel>")
        assert "&lt;!here&gt;" in say("UMARIA", "/grupp medlem <!here>; Hit; SSR; ledamot")
        assert "&lt;@UMARIA&gt;" in say("UJONAS", "/arende Beslut; Ny; riskbedömning: <@UMARIA>")
        say("UMARIA", "/arende acceptera alla")
        say("UMARIA", "/mote publicera")
        say("USARA", "/arende Övrigt; <!channel> efter publiceringen")
        say("UJONAS", "/mote visa")

        h.now = at("2026-03-18T13:05")
        say("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
        say("USARA", "/anteckning 4; <!channel> <@UMARIA> se <https://evil.example|här>")
        say("USARA", "/beslut 5; samverkat; <!here> beslutat")
        say("UPETRA", "/protokollsanteckning 6; <!everyone> Vision protesterar")
        assert "version 1" in say("USARA", "/protokoll posta")
        say("UJONAS", "/protokoll visa")

        draft = draft_message(h)
        value = approve_value(h)
        h.click("ULINA", CHANGE_ACTION, value, draft["ts"])
        h.submit(
            "ULINA",
            CHANGE_VIEW,
            {"comment": {"value": "<!channel> <@UMARIA> stryk <https://evil.example|länken>"}},
            h.last_view()["private_metadata"],
        )
        say("USARA", "/anteckning 7; <!here> tillägg efter begäran")
        assert "version 2" in say("USARA", "/protokoll posta")
        value = approve_value(h)
        h.click("ULINA", APPROVE_ACTION, value, draft_message(h)["ts"])
        h.click("UJONAS", APPROVE_ACTION, value, draft_message(h)["ts"])
        assert h.snapshot()["Meeting"][0].status is MeetingStatus.JUSTERAD

        # Everything the bot sent: messages, updates, ephemerals, response_url replies, acks.
        sent: list[tuple[str, str]] = []
        for method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            for call in h.slack.calls_to(method):
                shown = texts({"text": call.args.get("text"), "blocks": call.args.get("blocks")})
                if "granska utkastet" in str(call.args.get("text")):
                    continue  # the bot's own mention of the justerare
                sent += [(method, t) for t in shown]
        sent += [("response_url", t) for _name, body in h.slack.responses for t in texts(body)]
        sent += [("ack", a) for a in acks]
        assert len(h.slack.calls_to("chat.postMessage")) >= 8
        for where, text in sent:
            for bad in FORBIDDEN:
                assert bad not in text, (where, bad, text)

        # The text is still there, shown as typed.
        agenda = h.slack.messages[("CFSG", h.snapshot()["Meeting"][0].agenda_message_ref)]
        shown = json.dumps(agenda["blocks"], ensure_ascii=False)
        for escaped in ("&lt;!channel&gt; larm", "&lt;!here&gt;", "&lt;@UMARIA&gt; kom hit"):
            assert escaped in shown, escaped
        assert "*fet* &lt;https://evil.example|klicka&gt;" in shown
        # The justerare were really mentioned, by the bot.
        assert any("<@UJONAS>" in m["text"] for m in h.slack.posted("CFSG"))
        assert h.slack.violations == []


# --- the propose form ------------------------------------------------------------------------


def propose_values(title: str, section: str, risk: str | None) -> dict[str, Any]:
    chosen = {"value": risk} if risk else None
    return {
        "title": {"value": title},
        "section": {"value": {"type": "static_select", "selected_option": {"value": section}}},
        "presenter": {"value": "SSR"},
        "description": {"value": "Underlag kommer."},
        "links": {"value": ""},
        "risk": {"value": {"type": "radio_buttons", "selected_option": chosen}},
    }


def one_sentence(text: str) -> bool:
    body = text.rstrip(".")
    return text.endswith(".") and "\n" not in text and ". " not in body and len(body) > 20


def test_the_propose_form_stays_open_with_the_error_under_its_field(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        assert h.command("UJONAS", "/arende") == ""
        meta = h.last_view()["private_metadata"]
        before = h.snapshot()

        answer = h.submit("UJONAS", PROPOSE_VIEW, propose_values("R" * 201, "Dialog", None), meta)
        assert set(answer) == {"response_action", "errors"}, answer
        assert answer["response_action"] == "errors"
        assert list(answer["errors"]) == ["title"], answer
        message = answer["errors"]["title"]
        assert message.startswith("Rubriken får vara högst 200 tecken men är 201"), message
        assert one_sentence(message), message

        answer = h.submit("UJONAS", PROPOSE_VIEW, propose_values("Lokaler", "Dialog", "ja"), meta)
        assert answer["response_action"] == "errors"
        assert list(answer["errors"]) == ["risk"], answer
        assert one_sentence(answer["errors"]["risk"]), answer
        assert "Beslut" in answer["errors"]["risk"]

        # In English for an English-speaking member.
        answer = h.submit("ULINA", PROPOSE_VIEW, propose_values("L" * 201, "Dialog", None), meta)
        assert answer["errors"]["title"].startswith("The title may be at most 200"), answer

        assert h.snapshot() == before
        assert h.slack.ephemeral() == []

        # The same form, corrected and sent again from the still open view, goes through.
        answer = h.submit(
            "UJONAS", PROPOSE_VIEW, propose_values("Lokaler", "Beslut", "ja"), meta, view_id="V2"
        )
        assert answer == {} or answer.get("response_action") != "errors", answer
        titles = [i.title for i in h.snapshot()["AgendaItem"]]
        assert "Lokaler" in titles


# --- Block Kit limits --------------------------------------------------------------------------


def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def squash(text: str) -> str:
    """Without whitespace: a line split between two sections loses the space at the cut."""
    return "".join(text.split())


def test_long_minutes_go_out_as_several_valid_messages(store_factory) -> None:
    # Notes near the 3000-character limit, with "&" that grows fivefold when escaped: each note
    # needs two sections, so 24 of them need more than one message of at most 50 blocks.
    items, notes_per_item, note_length = 8, 3, 2950
    with SlackHarness(store_factory) as h:
        set_up(h)
        for i in range(items):
            h.command("USARA", f"/arende Dialog; Punkt {i:02d}")
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
        numbers = sorted(
            i.number for i in h.snapshot()["AgendaItem"] if i.origin is ItemOrigin.PROPOSED
        )
        assert len(numbers) == items
        notes = []
        for number in numbers:
            for k in range(notes_per_item):
                head = f"Anteckning {number}.{k} börjar"
                tail = f"slutar anteckning {number}.{k}."
                filler = ("arbetsmiljö & hälsa " * 200)[: note_length - len(head) - len(tail) - 2]
                note = f"{head} {filler.strip()} {tail}"
                assert len(note) <= 3000
                notes.append(note)
                assert "är sparad" in h.command("USARA", f"/anteckning {number}; {note}")
        assert "version 1" in h.command("USARA", "/protokoll posta")

        meeting = h.snapshot()["Meeting"][0]
        pages = [m for m in h.slack.posted("CFSG") if m["text"] == "Utkast version 1, möte #1"]
        assert len(pages) >= 2, len(pages)
        assert h.slack.violations == []
        for page in pages:
            assert page["thread_ts"] == meeting.agenda_message_ref
            assert len(page["blocks"]) <= 50
            for text in section_texts(page["blocks"]):
                assert 0 < len(text) <= 3000
        sections = [t for page in pages for t in section_texts(page["blocks"])]
        assert max(len(t) for t in sections) > 2800  # the sections really were filled
        shown = squash("".join(sections))
        expected = [squash(note.replace("&", "&amp;")) for note in notes]
        assert [n[:30] for n in expected if n not in shown] == []
        assert shown.index(expected[0]) < shown.index(expected[-1])
        assert "&amp;" in shown and " & " not in "".join(sections)

        # Only the last page has the buttons, and it is the message reactions must land on.
        with_buttons = [p for p in pages if any(b["type"] == "actions" for b in p["blocks"])]
        assert with_buttons == [pages[-1]]
        actions = next(b for b in pages[-1]["blocks"] if b["type"] == "actions")
        labels = [e["text"]["text"] for e in actions["elements"] if e["type"] == "button"]
        assert labels == ["Godkänn", "Begär ändring"]
        assert meeting.minutes_message_ref == pages[-1]["ts"]

        # Both approve: the justerade minutes are just as long and just as valid.
        value = approve_value(h)
        h.click("UJONAS", APPROVE_ACTION, value, pages[-1]["ts"])
        h.click("ULINA", APPROVE_ACTION, value, pages[-1]["ts"])
        assert h.snapshot()["Meeting"][0].status is MeetingStatus.JUSTERAD
        final = [m for m in h.slack.posted("CFSG") if m["text"].startswith("Justerat protokoll")]
        assert len(final) >= 2
        for page in final:
            assert len(page["blocks"]) <= 50
            assert all(len(t) <= 3000 for t in section_texts(page["blocks"]))
        shown = squash("".join(t for page in final for t in section_texts(page["blocks"])))
        assert [n[:30] for n in expected if n not in shown] == []
        assert len(h.snapshot()[Approval.__name__]) == 2
        assert len(h.snapshot()[MinutesVersion.__name__]) == 1
        assert h.slack.violations == []
        assert h.sender.failures == []
