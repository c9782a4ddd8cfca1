"""A whole samverkan meeting through Slack payloads alone, from planning to justerade minutes."""

from __future__ import annotations

import itertools
import json

from bot.core.model import MeetingStatus
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION
from bot.slack.modals import CHANGE_VIEW, PROPOSE_VIEW
from tests.harness import at
from tests.slack_harness import SlackHarness, draft_message, set_up


def test_a_meeting_from_planning_to_justerade_minutes(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)

        # /arende alone opens the form; its submission proposes the item.
        assert h.command("UJONAS", "/arende") == ""
        view = h.last_view()
        assert view["callback_id"] == PROPOSE_VIEW
        answer = h.submit(
            "UJONAS",
            PROPOSE_VIEW,
            {
                "title": {"value": "Arbetsbelastning i utredningsgruppen"},
                "section": {
                    "value": {"type": "static_select", "selected_option": {"value": "Dialog"}}
                },
                "presenter": {"value": "SSR"},
                "description": {"value": "SSR vill följa upp vakanserna."},
                "links": {"value": ""},
                "risk": {"value": {"type": "radio_buttons", "selected_option": None}},
            },
            view["private_metadata"],
        )
        assert answer == {} or answer.get("response_action") != "errors", answer
        assert "Ärende 4 är föreslaget" in h.slack.ephemeral("CFSG")[-1]["text"]

        # One-line proposals, acceptance and publication.
        h.command("USARA", "/arende Beslut; OSA-mål 2026; föredragande: HR-chef; riskbedömning: ja")
        h.command("UPETRA", "/arende Beslut; Ändrade öppettider; riskbedömning: nej")
        assert "4, 6" in h.command("UMARIA", "/arende acceptera alla")
        assert "publicerad" in h.command("UMARIA", "/mote publicera")
        meeting = h.snapshot()["Meeting"][0]
        agenda = h.slack.messages[("CFSG", meeting.agenda_message_ref)]
        shown = json.dumps(agenda["blocks"], ensure_ascii=False)
        assert "Arbetsbelastning i utredningsgruppen" in shown and "OSA-mål 2026" in shown

        # A change after publication updates the same message and says what changed in its thread.
        h.command("USARA", "/arende Övrigt; Lokalfrågor")
        agenda = h.slack.messages[("CFSG", meeting.agenda_message_ref)]
        assert "Lokalfrågor" in json.dumps(agenda["blocks"], ensure_ascii=False)
        thread = [m for m in h.slack.posted("CFSG") if m["thread_ts"] == meeting.agenda_message_ref]
        assert any("+ Lokalfrågor" in m["text"] for m in thread)

        # The meeting.
        h.now = at("2026-03-18T13:05")
        assert "Jonas Ek (SSR), Lina Åberg (Kommunal)" in h.command(
            "USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>"
        )
        h.command("USARA", "/anteckning 4; Flera sektionschefer saknas.")
        h.command("USARA", "/anteckning 5; Förslaget bygger på medarbetarenkäten.")
        h.command("USARA", "/beslut 5; samverkat")
        h.command("USARA", "/beslut 6; bordlagt")
        h.command("UPETRA", "/protokollsanteckning 6; Vision vill se riskbedömningen först.")
        assert "version 1" in h.command("USARA", "/protokoll posta")

        # The draft is in the meeting's thread, with buttons, and the justerare are mentioned.
        draft = draft_message(h)
        assert draft["thread_ts"] == meeting.agenda_message_ref
        actions = next(b for b in draft["blocks"] if b["type"] == "actions")
        approve_value = actions["elements"][0]["value"]
        assert json.loads(approve_value) == {"meeting": 1, "version": 1}
        assert any(
            "<@UJONAS>" in m["text"] and "<@ULINA>" in m["text"] for m in h.slack.posted("CFSG")
        )

        # Jonas asks for a change through the button and its form.
        h.now = at("2026-03-19T09:00")
        h.click("UJONAS", CHANGE_ACTION, approve_value, draft["ts"])
        change = h.last_view()
        assert change["callback_id"] == CHANGE_VIEW
        h.submit(
            "UJONAS",
            CHANGE_VIEW,
            {"comment": {"value": "Skriv att SSR vill ha en plan."}},
            change["private_metadata"],
        )
        assert "begär ändring" in json.dumps(draft_message(h)["blocks"], ensure_ascii=False)

        # Sara edits and posts version 2; the thread shows what changed.
        h.command("USARA", "/anteckning 4; SSR vill ha en plan före sommaren.")
        assert "version 2" in h.command("USARA", "/protokoll posta")
        assert any(
            "+SSR vill ha en plan före sommaren." in m["text"] for m in h.slack.posted("CFSG")
        )
        draft = draft_message(h)
        buttons = next(b for b in draft["blocks"] if b["type"] == "actions")
        value_v2 = buttons["elements"][0]["value"]

        # A click on version 1's button is refused; Lina approves version 2 (in English).
        h.click("ULINA", APPROVE_ACTION, approve_value, draft["ts"])
        assert "latest draft" in h.replies_to("ULINA")[-1]
        h.click("ULINA", APPROVE_ACTION, value_v2, draft["ts"])
        assert "You approved version 2" in h.replies_to("ULINA")[-1]
        assert "Lina Åberg: godkänt" in json.dumps(draft_message(h)["blocks"], ensure_ascii=False)

        # Jonas approves with a reaction on the draft: the minutes are justerade.
        h.now = at("2026-03-20T08:30")
        reaction = {
            "type": "reaction_added",
            "user": "UJONAS",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "CFSG", "ts": draft["ts"]},
            "event_ts": "1700000100.000100",
        }
        assert h.event(reaction, "Ev1") == 200
        assert h.snapshot()["Meeting"][0].status is MeetingStatus.JUSTERAD
        # The justerade minutes in full in the thread; in the channel a short notice with a
        # link to them and the PDF attached.
        final = [m for m in h.slack.posted("CFSG") if m["text"].startswith("Justerat protokoll")]
        assert final and all(m["thread_ts"] == meeting.agenda_message_ref for m in final)
        final_text = json.dumps([m["blocks"] for m in final], ensure_ascii=False)
        assert (
            "Jonas Ek, Akademikerförbundet SSR: godkänt fredag 20 mars 2026 kl. 08.30" in final_text
        )
        assert not [m for m in h.slack.posted("CFSG") if m["thread_ts"] is None][1:]
        (pdf,) = h.slack.files
        assert pdf["channel"] == "CFSG" and pdf["thread_ts"] is None
        assert pdf["filename"].endswith(".pdf") and pdf["data"].startswith(b"%PDF")
        link = f"https://test.slack.com/archives/CFSG/p{final[0]['ts'].replace('.', '')}"
        assert pdf["initial_comment"] == (
            f"Protokollet för möte #1 är justerat (version 2). <{link}|Läs det i tråden>."
        )
        assert len(pdf["initial_comment"]) < 200
        assert not [b for b in draft_message(h)["blocks"] if b["type"] == "actions"]

        # Everything went out within Slack's limits, one message a second per channel.
        assert h.slack.violations == []
        assert h.sender.failures == []
        posts = [c.at for c in h.slack.calls_to("chat.postMessage") if c.ok]
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(posts))
