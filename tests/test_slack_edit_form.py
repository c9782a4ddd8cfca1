"""/anteckning ändra 4 in Slack: a form with the item's whole text, corrected in one submission."""

from __future__ import annotations

import json
import time

from bot.core.model import Entry
from bot.render.blockkit import APPROVE_ACTION, EDIT_ACTION, minutes_messages
from bot.slack.modals import EDIT_ITEM_VIEW
from tests.fakes.slack_api import block_problems
from tests.fakes.slack_signing import new_trigger_id
from tests.harness import at
from tests.slack_harness import SlackHarness, approve_value, draft_message, set_up


def test_the_edit_form_holds_the_whole_item_and_saves_it_at_once(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", "/arende Dialog; Kvalitetsrapport 2025; föredragande: Direktören")
        h.command("UMARIA", "/mote publicera")
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/justerare <@UJONAS|jonas>")
        h.command("USARA", "/anteckning 4; Förvaltningen redogör för rapporten.")
        h.command("UJONAS", "/protokollsanteckning 4; SSR vill se en kortare rapport.")
        h.command("USARA", "/anteckning 4; Direktören svarar att den kortas.")

        # A member may not open it; the secretary gets the form, filled in.
        assert "Bara ordförande och sekreterare" in h.command("UJONAS", "/anteckning ändra 4")
        assert h.command("USARA", "/anteckning ändra 4") == ""
        view = h.last_view()
        assert view["callback_id"] == EDIT_ITEM_VIEW
        initial = {b["block_id"]: b["element"].get("initial_value", "") for b in view["blocks"]}
        assert initial["title"] == "Kvalitetsrapport 2025"
        assert initial["presenter"] == "Direktören"
        assert initial["entry_1"] == "Förvaltningen redogör för rapporten."
        assert initial["entry_2"] == "SSR vill se en kortare rapport."
        labels = [b["label"]["text"] for b in view["blocks"]]
        assert "Protokollsanteckning från Akademikerförbundet SSR (4.2)" in labels

        # A personnummer is refused under its field and nothing changes.
        values = {
            "title": {"value": "Kvalitetsrapport 2024"},
            "presenter": {"value": "Direktören"},
            "entry_1": {"value": "Förvaltningen redogör för rapporten om 19121212-1212."},
            "entry_2": {"value": "SSR vill se en kortare rapport."},
            "entry_3": {"value": "Direktören svarar att den kortas."},
        }
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") == "errors", answer
        first = min(h.snapshot()["Entry"], key=lambda e: e.seq)
        assert first.text == "Förvaltningen redogör för rapporten."

        # The corrected form: a new title, one entry changed, one emptied (removed).
        values["entry_1"] = {"value": "Förvaltningen redogör för kvalitetsrapporten 2024."}
        values["entry_3"] = {"value": ""}
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        assert "Ärende 4 är ändrat" in h.slack.ephemeral("CFSG")[-1]["text"]
        entries: list[Entry] = sorted(h.snapshot()["Entry"], key=lambda e: e.seq)
        assert [(e.seq, e.text) for e in entries] == [
            (1, "Förvaltningen redogör för kvalitetsrapporten 2024."),
            (2, "SSR vill se en kortare rapport."),
        ]
        items = {i.number: i for i in h.snapshot()["AgendaItem"]}
        assert items[4].title == "Kvalitetsrapport 2024"
        # /ångra takes the whole form back as one change.
        assert "ångrad" in h.command("USARA", "/angra")
        assert len(h.snapshot()["Entry"]) == 3
        assert h.slack.violations == []


def test_the_edit_form_corrects_and_removes_the_items_commitments(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", "/arende Dialog; Kvalitetsrapport 2025; föredragande: Direktören")
        h.command("UMARIA", "/mote planera 15 april kl 13; Sof")
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/uppfoljning 4; <@UPETRA|petra>; Återkomma med siffror; 30 april")
        h.command("USARA", "/uppfoljning 4; HR-chef; Ta fram förslag; till nästa möte")
        assert h.command("USARA", "/anteckning ändra 4") == ""
        view = h.last_view()
        initial = {b["block_id"]: b["element"].get("initial_value", "") for b in view["blocks"]}
        assert initial["followup_1"] == "Petra Söder; Återkomma med siffror; 30 april 2026"
        assert initial["followup_2"] == "HR-chef; Ta fram förslag; till nästa möte"
        labels = [b["label"]["text"] for b in view["blocks"]]
        assert "Uppföljning 1 (vem; vad; när)" in labels
        values = {
            "title": {"value": "Kvalitetsrapport 2025"},
            "presenter": {"value": "Direktören"},
            "followup_1": {"value": initial["followup_1"]},
            "followup_2": {"value": "HR-chef; Ta fram förslag; blabla"},
        }
        # A date not understood is refused under the commitment's own field; nothing changes.
        before = h.snapshot()
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") == "errors", answer
        assert list(answer["errors"]) == ["followup_2"]
        assert "blabla" in answer["errors"]["followup_2"]
        assert h.snapshot()["Commitment"] == before["Commitment"]
        # Petra's unchanged line keeps her as the member responsible even though it is typed
        # text; the second gets a new date and the first is then emptied: removed.
        values["followup_2"] = {"value": "Jonas Ek; Ta fram förslag; maj"}
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        first, second = sorted(h.snapshot()["Commitment"], key=lambda c: c.id)
        assert (first.responsible, first.responsible_ref) == ("Petra Söder", "slack:T1:UPETRA")
        assert (second.responsible, second.responsible_ref) == ("Jonas Ek", "slack:T1:UJONAS")
        assert second.due_on.isoformat() == "2026-05-31"
        assert h.command("USARA", "/anteckning ändra 4") == ""
        view = h.last_view()
        values["followup_1"] = {"value": ""}
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        assert [c.id for c in h.snapshot()["Commitment"]] == [2]
        assert h.slack.violations == []


def test_the_edit_form_corrects_the_item_of_its_own_groups_meeting(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)  # FSG's meeting #1 is the first meeting stored
        h.command("UMARIA", "/grupp skapa VSG; Verksamhetssamverkan BUF", "CVSG")
        h.command("UMARIA", "/mote planera 18 mars kl 9; BUF", "CVSG")  # VSG's #1, id 2
        h.command("UMARIA", "/arende Dialog; Lokaler", "CVSG")
        assert h.command("UMARIA", "/anteckning ändra 4", "CVSG") == ""
        view = h.last_view()
        values = {"title": {"value": "Lokaler i BUF"}, "presenter": {"value": ""}}
        answer = h.submit("UMARIA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        titles = {(i.meeting_id, i.number): i.title for i in h.snapshot()["AgendaItem"]}
        assert titles[(2, 4)] == "Lokaler i BUF"


def _menu(h) -> dict:
    actions = next(b for b in draft_message(h)["blocks"] if b["type"] == "actions")
    return next(e for e in actions["elements"] if e["action_id"] == EDIT_ACTION)


def _option(menu: dict, number: int) -> dict:
    options = [o for group in menu["option_groups"] for o in group["options"]]
    return next(o for o in options if json.loads(o["value"])["number"] == number)


def test_the_posted_drafts_menu_opens_an_items_form_and_posts_the_next_version(
    store_factory,
) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", "/arende Dialog; Kvalitetsrapport 2025; föredragande: Direktören")
        h.command("USARA", "/arende Beslut; OSA-mål 2026")
        h.command("UMARIA", "/mote publicera")
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
        h.command("USARA", "/anteckning 4; Förvaltningen redogör för rapporten.")
        h.command("USARA", "/anteckning 5; Målen bygger på medarbetarenkäten.")
        assert "version 1" in h.command("USARA", "/protokoll posta")

        # The draft's menu lists its items by section, within one actions block.
        menu = _menu(h)
        assert [g["label"]["text"] for g in menu["option_groups"]] == [
            "Inledning",
            "Dialog",
            "Beslut",
        ]
        assert _option(menu, 4)["text"]["text"] == "4. Kvalitetsrapport 2025"
        first_draft = draft_message(h)["ts"]
        h.click("UJONAS", APPROVE_ACTION, approve_value(h), first_draft)
        assert "Jonas Ek: godkänt" in json.dumps(draft_message(h)["blocks"], ensure_ascii=False)

        # A member sees the menu too (a message is the same for all) but gets no form.
        opened = len(h.slack.calls_to("views.open"))
        h.choose("UJONAS", EDIT_ACTION, _option(menu, 4), first_draft)
        assert len(h.slack.calls_to("views.open")) == opened
        assert "Bara ordförande och sekreterare" in h.replies_to("UJONAS")[-1]

        # A trigger older than Slack's 3 s opens nothing, and the secretary is told.
        stale = new_trigger_id(issued_at=time.time() - 4)
        h.choose("USARA", EDIT_ACTION, _option(menu, 4), first_draft, trigger_id=stale)
        assert "Formuläret kunde inte öppnas" in h.replies_to("USARA")[-1]
        assert h.snapshot()["MinutesVersion"][-1].number == 1

        # The secretary gets the item's form, filled in; saving posts version 2.
        h.choose("USARA", EDIT_ACTION, _option(menu, 4), first_draft)
        view = h.last_view()
        assert view["callback_id"] == EDIT_ITEM_VIEW
        initial = {b["block_id"]: b["element"].get("initial_value", "") for b in view["blocks"]}
        assert initial["entry_1"] == "Förvaltningen redogör för rapporten."
        values = {
            "title": {"value": "Kvalitetsrapport 2025"},
            "presenter": {"value": "Direktören"},
            "entry_1": {"value": "Förvaltningen redogör för kvalitetsrapporten 2025."},
        }
        answer = h.submit("USARA", EDIT_ITEM_VIEW, values, view["private_metadata"])
        assert answer.get("response_action") != "errors", answer
        reply = h.slack.ephemeral("CFSG")[-1]["text"]
        assert "Ärende 4 är ändrat" in reply and "version 2" in reply
        versions = sorted(h.snapshot()["MinutesVersion"], key=lambda v: v.number)
        assert [v.number for v in versions] == [1, 2]
        assert "kvalitetsrapporten 2025" in versions[-1].text

        # In the thread: what changed, the old draft retired, the new one with nobody's
        # approval yet (Jonas's was for version 1), and the justerare reminded.
        posted = h.slack.posted("CFSG")
        assert any(
            "Ändrat sedan version 1" in m["text"] and "kvalitetsrapporten 2025" in m["text"]
            for m in posted
        )
        old = h.slack.messages[("CFSG", first_draft)]
        assert "ersatt av version 2" in old["text"]
        assert not [b for b in old["blocks"] if b["type"] == "actions"]
        shown = json.dumps(draft_message(h)["blocks"], ensure_ascii=False)
        assert "Jonas Ek: väntar" in shown and "kvalitetsrapporten 2025" in shown
        mentions = [m for m in posted if "<@UJONAS>" in m["text"] and "granska" in m["text"]]
        assert len(mentions) == 2
        assert _option(_menu(h), 5)["text"]["text"] == "5. OSA-mål 2026"

        # Once justerade the menu is gone and the form refused.
        for user in ("UJONAS", "ULINA"):
            h.click(user, APPROVE_ACTION, approve_value(h), draft_message(h)["ts"])
        assert not [b for b in draft_message(h)["blocks"] if b["type"] == "actions"]
        h.choose("USARA", EDIT_ACTION, _option(menu, 4), first_draft)
        assert "justerat" in h.replies_to("USARA")[-1].lower()
        # The one refusal is the stale trigger's, on purpose.
        assert [v.split(";")[0] for v in h.slack.violations] == ["views.open: expired_trigger_id"]


def test_the_drafts_menu_keeps_within_slacks_limits() -> None:
    items = tuple(("Information", n, f"Ärende {n} " + "x" * 90) for n in range(1, 131))
    pages = minutes_messages(
        "Text\n\n" * 400, "Utkast version 1, möte #1", "Väntar", 7, 1, items, 2
    )
    last = pages[-1]
    assert block_problems(last, 50, "message") == []
    menu = next(b for b in last if b["type"] == "actions")["elements"][-1]
    options = [o for g in menu["option_groups"] for o in g["options"]]
    assert len(options) == 100 and all(len(o["text"]["text"]) <= 75 for o in options)
    assert json.loads(options[0]["value"]) == {"meeting": 2, "number": 1}
