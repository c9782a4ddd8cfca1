"""Teams turns through the real SDK app: typed commands, dialogs, the justering card, reactions."""

from __future__ import annotations

import pytest

from bot.render import adaptivecards as cards
from bot.teams import dialogs
from tests.harness import at
from tests.teams_harness import CHANNEL, PEOPLE, TeamsHarness, set_up


@pytest.fixture
def h(store_factory):
    with TeamsHarness(store_factory) as harness:
        yield harness


def _held(h: TeamsHarness) -> None:
    """Meeting #1 held with justerare Jonas (SSR) and Lina (Kommunal), the draft posted."""
    set_up(h)
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof, Storgatan 12")
    h.say("sara", "arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.say("maria", "mote publicera")
    h.now = at("2026-03-18T13:05")
    h.say("sara", "justerare @jonas, @lina")
    h.say("sara", "beslut 6; samverkat")
    h.say("sara", "protokoll posta")


def _execute(h: TeamsHarness, user: str, verb: str, data: dict, **kw) -> dict:
    value = {"action": {"type": "Action.Execute", "verb": verb, "data": data}, "trigger": "manual"}
    response = h.send(h.invoke(user, "adaptiveCard/action", value, **kw))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["statusCode"] == 200 and body["type"] == cards.CARD_TYPE
    cards.check(body["value"])
    return body["value"]


def _texts(card: dict) -> str:
    out = []

    def walk(node):
        if isinstance(node, dict):
            if "text" in node and isinstance(node["text"], str):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return "\n".join(out)


def test_mentions_name_people_and_the_bot_mention_is_stripped(h: TeamsHarness) -> None:
    set_up(h)
    members = {m.user_ref for m in h.snapshot()["Member"]}
    aad = PEOPLE["jonas"][0]
    assert any(ref.endswith(aad) for ref in members)
    assert all(ref.startswith("teams:11111111-2222-3333-4444-555555555555:") for ref in members)


def test_a_chat_needs_no_mention_and_english_gets_english(h: TeamsHarness) -> None:
    h.say("lina", "hjalp", conversation="a:chat-lina", conversation_type="personal")
    assert "/mote" in h.last_reply() or "mote" in h.last_reply()
    h.say("lina", "mote lista", conversation="a:chat-lina", conversation_type="personal")
    reply = h.last_reply()
    assert "channel" in reply.lower() or "group" in reply.lower()  # English refusal: no group


def test_a_redelivered_message_has_one_effect(h: TeamsHarness) -> None:
    set_up(h)
    act = h.message("maria", "mote planera 18 mars kl 13; Sof")
    assert h.send(act).status_code in (200, 202)
    replies = len(h.outgoing.replies)
    assert h.send(act).status_code in (200, 202)
    assert len(h.snapshot()["Meeting"]) == 1
    assert len(h.outgoing.replies) == replies  # answered once


def test_arende_alone_offers_the_dialog_and_fetch_opens_it(h: TeamsHarness) -> None:
    set_up(h)
    h.say("jonas", "arende")
    offer = h.last_reply()
    assert offer["actions"][0]["data"]["msteams"]["type"] == "task/fetch"
    response = h.send(h.invoke("jonas", "task/fetch", {"data": offer["actions"][0]["data"]}))
    task = response.json()["task"]
    assert task["type"] == "continue"
    form = task["value"]["card"]["content"]
    ids = [e.get("id") for e in form["body"] if e.get("id")]
    assert ids == list(dialogs.PROPOSE_FIELDS)


def test_a_refused_proposal_keeps_what_was_typed(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    before = h.snapshot()
    data = {
        "dialog": "propose",
        "title": "Arbetsmiljö i Solrosen",
        "section": "Dialog",
        "presenter": "VC",
        "description": "Kontakta 19800101-1234 om detaljer",
        "links": "",
        "risk": "ja",
    }
    response = h.send(h.invoke("jonas", "task/submit", {"data": data}))
    task = response.json()["task"]
    assert task["type"] == "continue"
    form = task["value"]["card"]["content"]
    values = {e["id"]: e.get("value") for e in form["body"] if e.get("id")}
    assert values["title"] == "Arbetsmiljö i Solrosen"
    assert values["description"] == data["description"]
    assert "Fel" in _texts(form) or "Beslut" in _texts(form) or "personnummer" in _texts(form)
    assert _without_refs(h.snapshot()) == _without_refs(before)


def _without_refs(snapshot: dict) -> dict:
    """Where a person can be reached is bookkeeping of the turn, not the command's effect."""
    return {k: v for k, v in snapshot.items() if k != "ConversationRef"}


def test_a_proposal_through_the_dialog(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    data = {"dialog": "propose", "title": "Kvalitetsrapport 2025", "section": "Dialog"}
    act = h.invoke("jonas", "task/submit", {"data": data})
    task = h.send(act).json()["task"]
    assert task["type"] == "message"
    titles = [i.title for i in h.snapshot()["AgendaItem"]]
    assert "Kvalitetsrapport 2025" in titles
    h.send(act)  # Teams retries the same submission
    assert [i.title for i in h.snapshot()["AgendaItem"]].count("Kvalitetsrapport 2025") == 1


def test_the_message_action_prefills_the_title(h: TeamsHarness) -> None:
    set_up(h)
    value = {
        "commandId": "propose",
        "commandContext": "message",
        "messagePayload": {
            "body": {"contentType": "html", "content": "<p>Ny rutin för&nbsp;OSA</p>"}
        },
    }
    task = h.send(h.invoke("petra", "composeExtension/fetchTask", value)).json()["task"]
    form = task["value"]["card"]["content"]
    title = next(e for e in form["body"] if e.get("id") == "title")
    assert title["value"] == "Ny rutin för OSA"


def test_godkann_on_the_card_and_a_double_click(h: TeamsHarness) -> None:
    _held(h)
    meeting = h.snapshot()["Meeting"][0]
    version = h.snapshot()["MinutesVersion"][0].number
    data = {"meeting": meeting.id, "version": version}
    mine = _execute(h, "jonas", cards.REFRESH_VERB, data)
    assert [a["title"] for a in mine["actions"]] == ["Godkänn", "Begär ändring"]
    assert mine["actions"][0]["verb"] == cards.APPROVE_VERB
    assert mine["actions"][1]["data"]["msteams"]["type"] == "task/fetch"  # opens a dialog
    others = _execute(h, "petra", cards.REFRESH_VERB, data)
    assert "actions" not in others  # only justerare see the buttons
    after = _execute(h, "jonas", cards.APPROVE_VERB, data)
    assert "actions" not in after
    approvals = h.snapshot()["Approval"]
    assert len(approvals) == 1
    again = _execute(h, "jonas", cards.APPROVE_VERB, data)  # the double click
    assert len(h.snapshot()["Approval"]) == 1
    assert "redan" in _texts(again).lower() or "already" in _texts(again).lower()


def test_a_hidden_button_is_checked_anyway(h: TeamsHarness) -> None:
    _held(h)
    meeting = h.snapshot()["Meeting"][0]
    data = {"meeting": meeting.id, "version": 1}
    before = h.snapshot()
    card = _execute(h, "petra", cards.APPROVE_VERB, data)
    assert _without_refs(h.snapshot()) == _without_refs(before)
    assert h.snapshot()["Approval"] == before["Approval"]
    assert "justerare" in _texts(card).lower()


def test_begar_andring_opens_a_dialog_for_the_comment(h: TeamsHarness) -> None:
    _held(h)
    meeting = h.snapshot()["Meeting"][0]
    mine = _execute(h, "lina", cards.REFRESH_VERB, {"meeting": meeting.id, "version": 1})
    button = next(a for a in mine["actions"] if a["title"] == "Begär ändring")
    task = h.send(h.invoke("lina", "task/fetch", {"data": button["data"]})).json()["task"]
    assert task["type"] == "continue"
    form = task["value"]["card"]["content"]
    assert any(e.get("id") == "comment" for e in form["body"])
    sent = form["actions"][0]["data"]

    # An empty comment is refused in the dialog, which stays open; nothing is stored.
    again = h.send(h.invoke("lina", "task/submit", {"data": {**sent, "comment": " "}}))
    task = again.json()["task"]
    assert task["type"] == "continue", task
    assert _texts(task["value"]["card"]["content"]) != _texts(form)  # the refusal is shown
    assert not h.snapshot()["Approval"]
    kept = "Punkt 6 ska nämna planen."
    # A member who is no justerare is refused with what was typed kept.
    refused = h.send(h.invoke("petra", "task/submit", {"data": {**sent, "comment": kept}}))
    task = refused.json()["task"]
    assert task["type"] == "continue"
    comment = next(e for e in task["value"]["card"]["content"]["body"] if e.get("id") == "comment")
    assert comment["value"] == kept and not h.snapshot()["Approval"]
    done = h.send(h.invoke("lina", "task/submit", {"data": {**sent, "comment": kept}}))
    assert done.json()["task"]["type"] == "message"
    assert h.snapshot()["Approval"][0].comment == kept


def test_begar_andring_in_a_card_posted_before_the_dialog_still_works(h: TeamsHarness) -> None:
    _held(h)
    meeting = h.snapshot()["Meeting"][0]
    data = {"meeting": meeting.id, "version": 1}
    form = _execute(h, "lina", cards.CHANGE_VERB, data)
    assert any(e.get("id") == "comment" for e in form["body"])
    empty = _execute(h, "lina", dialogs.CHANGE_SEND_VERB, {**data, "comment": " "})
    assert any(e.get("id") == "comment" for e in empty["body"])
    assert not h.snapshot()["Approval"]
    _execute(h, "lina", dialogs.CHANGE_SEND_VERB, {**data, "comment": "Punkt 6 ska nämna planen."})
    assert h.snapshot()["Approval"][0].comment == "Punkt 6 ska nämna planen."


def test_a_like_on_the_status_card_approves(h: TeamsHarness) -> None:
    _held(h)
    meeting = h.snapshot()["Meeting"][0]
    # The poster remembers the status card's id; here the message ref is set as it would.
    from bot.core import postings
    from bot.core.context import Context

    ctx = Context(user_ref="teams:system", channel_ref="teams:system", now=h.now)
    h.service.run(ctx, postings.remember_message, meeting.id, "minutes", "card-1")
    act = h.activity(
        "messageReaction", "jonas", reactionsAdded=[{"type": "like"}], replyToId="card-1"
    )
    assert h.send(act).status_code in (200, 202)
    assert len(h.snapshot()["Approval"]) == 1
    h.send(act)  # redelivered
    assert len(h.snapshot()["Approval"]) == 1
    other = h.activity("messageReaction", "petra", reactionsAdded=[{"type": "like"}], replyToId="x")
    h.send(other)
    assert len(h.snapshot()["Approval"]) == 1


def test_conversation_references_are_stored_in_our_database(h: TeamsHarness) -> None:
    h.say("maria", "hjalp")
    refs = {r.ref: r for r in h.snapshot()["ConversationRef"]}
    channel = refs[f"teams:11111111-2222-3333-4444-555555555555:{CHANNEL}"]
    assert channel.service_url == h.connector.service_url
    assert channel.conversation_id == CHANNEL
    person = next(r for r in refs.values() if r.platform_user_id == "29:maria")
    assert person.tenant_id == "11111111-2222-3333-4444-555555555555"
    assert person.tenant_id == "11111111-2222-3333-4444-555555555555"


def test_installing_the_bot_in_a_team_remembers_the_channel(h: TeamsHarness) -> None:
    act = h.activity(
        "conversationUpdate",
        "maria",
        membersAdded=[{"id": "28:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}],
    )
    assert h.send(act).status_code in (200, 202)
    refs = {r.ref for r in h.snapshot()["ConversationRef"]}
    assert f"teams:11111111-2222-3333-4444-555555555555:{CHANNEL}" in refs
    assert not h.outgoing.replies


def _form_values(task: dict) -> dict:
    form = task["value"]["card"]["content"]
    return {e["id"]: e.get("value") for e in form["body"] if e.get("id")}, form


def test_the_items_edit_dialog_corrects_entries_and_commitments(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
    h.say("maria", "mote planera onsdag 15 april kl 13; Sof")
    h.say("sara", "arende Dialog; Kvalitetsrapport 2025")
    h.now = at("2026-03-18T13:05")
    h.say("sara", "anteckning 4; Förvaltningen redogör.")
    h.say("sara", "uppfoljning 4; @petra; Återkomma med siffror; 30 april")
    h.say("jonas", "anteckning ändra 4")
    assert "ordförande" in str(h.last_reply())  # a member is refused, no button
    h.say("sara", "anteckning ändra 4")
    offer = h.last_reply()
    data = offer["actions"][0]["data"]
    assert data["dialog"] == dialogs.EDIT_DIALOG and data["msteams"]["type"] == "task/fetch"
    task = h.send(h.invoke("sara", "task/fetch", {"data": data})).json()["task"]
    values, form = _form_values(task)
    assert values["title"] == "Kvalitetsrapport 2025"
    assert values["entry_1"] == "Förvaltningen redogör."
    assert values["followup_1"] == "Petra Söder; Återkomma med siffror; 30 april 2026"
    sent = form["actions"][0]["data"]
    before = _without_refs(h.snapshot())
    # A date not understood: the dialog shows it again under that commitment; nothing changes.
    bad = {**sent, **values, "followup_1": "Petra Söder; Återkomma med siffror; blabla"}
    task = h.send(h.invoke("sara", "task/submit", {"data": bad})).json()["task"]
    assert task["type"] == "continue"
    again, form = _form_values(task)
    assert again["followup_1"] == bad["followup_1"]
    assert "blabla" in _texts(form)
    assert _without_refs(h.snapshot()) == before
    good = {**sent, **values, "entry_1": "Förvaltningen redogör för rapporten."}
    good["followup_1"] = "Petra Söder; Återkomma med siffror per enhet; maj"
    task = h.send(h.invoke("sara", "task/submit", {"data": good})).json()["task"]
    assert task["type"] == "message" and "Ärende 4 är ändrat" in task["value"]
    (commitment,) = h.snapshot()["Commitment"]
    assert commitment.what == "Återkomma med siffror per enhet"
    assert commitment.due_on.isoformat() == "2026-05-31"
    assert commitment.responsible_ref.endswith(PEOPLE["petra"][0])
    assert [e.text for e in h.snapshot()["Entry"]] == ["Förvaltningen redogör för rapporten."]


@pytest.mark.parametrize(
    ("dialog", "locale", "expected"),
    [
        (dialogs.EDIT_DIALOG, "en-GB", "Teams did not say who you are"),
        (dialogs.CHANGE_DIALOG, "en-US", "Teams did not say who you are"),
        ("propose", "sv-SE", "Teams sa inte vem du är"),
        ("propose", "en-GB", "Teams did not say who you are"),
    ],
)
def test_a_dialog_sent_without_who_is_answered_in_the_senders_language(
    h: TeamsHarness, dialog: str, locale: str, expected: str
) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    before = _without_refs(h.snapshot())
    data = {"dialog": dialog, "title": "Kvalitetsrapport 2025", "meeting": "1", "version": "1"}
    act = h.invoke("jonas", "task/submit", {"data": data})
    act["locale"] = locale
    del act["from"]["aadObjectId"]  # Teams left out who sent it
    task = h.send(act).json()["task"]
    assert task["type"] == "message"
    assert task["value"].startswith(expected), task["value"]
    assert _without_refs(h.snapshot()) == before


def _home_actions(card: dict) -> list[dict]:
    return [
        action
        for part in card["body"]
        if part.get("type") == "Container"
        for inner in part["items"]
        if inner.get("type") == "ActionSet"
        for action in inner["actions"]
    ]


def test_hem_in_ones_own_chat_shows_what_waits_and_approves_from_there(h: TeamsHarness) -> None:
    """Teams' counterpart of Slack's App Home: `hem` typed in the personal chat."""
    _held(h)
    h.say("maria", "mote planera onsdag 15 april kl 13; Sof")
    chat = {"conversation": "a:chat-jonas", "conversation_type": "personal"}
    h.say("jonas", "hem", **chat)
    card = h.last_reply()
    cards.check(card)
    shown = _texts(card)
    assert "Det som väntar på dig" in shown and "Protokoll att justera" in shown
    assert "FSG möte #1" in shown and "utkast version 1" in shown
    assert "FSG möte #2" in shown and "Kommande möten" in shown
    meeting = h.snapshot()["Meeting"][0]
    approve = _home_actions(card)[0]
    assert approve["verb"] == cards.APPROVE_VERB
    channel = h.snapshot()["ChannelBinding"][0].channel_ref
    assert approve["data"] == {
        "meeting": meeting.id,
        "version": 1,
        "home": True,
        "channel": channel,
    }
    after = _execute(h, "jonas", cards.APPROVE_VERB, approve["data"], **chat)
    assert len(h.snapshot()["Approval"]) == 1, _texts(after)
    # The answer is the overview again, with what the click did above it and the draft gone.
    assert "Det som väntar på dig" in _texts(after) and "utkast version 1" not in _texts(after)
    assert "godk" in _texts(after).lower()
    # Begär ändring from the overview opens the dialog for the draft's channel, and sends.
    h.say("lina", "hem", conversation="a:chat-lina", conversation_type="personal")
    ask = _home_actions(h.last_reply())[1]["data"]
    lina = {"conversation": "a:chat-lina", "conversation_type": "personal"}
    fetched = h.send(h.invoke("lina", "task/fetch", {"data": ask}, **lina)).json()["task"]
    assert fetched["type"] == "continue", fetched
    sent = {**fetched["value"]["card"]["content"]["actions"][0]["data"], "comment": "Fel datum"}
    assert sent["channel"] == channel  # the dialog keeps where the draft is
    done = h.send(h.invoke("lina", "task/submit", {"data": sent}, **lina)).json()["task"]
    assert done["type"] == "message", done
    assert [a.verdict.value for a in h.snapshot()["Approval"]].count("ändring begärd") == 1
    # Petra is no justerare: her overview has the coming meeting and no buttons.
    h.say("petra", "hem", conversation="a:chat-petra", conversation_type="personal")
    assert not _home_actions(h.last_reply())
    assert "Protokoll att justera" not in _texts(h.last_reply())


def test_hem_in_a_channel_is_refused_since_everyone_there_would_read_it(h: TeamsHarness) -> None:
    _held(h)
    replies = len(h.outgoing.replies)
    h.say("jonas", "hem")
    assert len(h.outgoing.replies) == replies + 1
    refusal = h.last_reply()
    assert isinstance(refusal, str) and "`hem`" in refusal and "utkast" not in refusal
    h.say("lina", "home")  # Lina's Teams is in English
    assert "`home`" in h.last_reply() and "your own chat" in h.last_reply()


def test_adding_the_app_for_oneself_shows_the_overview(h: TeamsHarness) -> None:
    set_up(h)
    act = h.activity(
        "installationUpdate",
        "sara",
        action="add",
        conversation="a:chat-sara",
        conversation_type="personal",
    )
    assert h.send(act).status_code in (200, 202)
    assert "Det som väntar på dig" in _texts(h.last_reply())
    # Added to a team, it says nothing: the channel is only remembered.
    replies = len(h.outgoing.replies)
    assert h.send(h.activity("installationUpdate", "maria", action="add")).status_code in (
        200,
        202,
    )
    assert len(h.outgoing.replies) == replies
