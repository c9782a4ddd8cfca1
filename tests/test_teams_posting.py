"""What the Teams poster sends through the outbox: cards in place, threads, limits, reminders."""

from __future__ import annotations

import json

import pytest

from tests.fakes.teams_connector import DROPPED
from tests.harness import at
from tests.teams_harness import CHANNEL, PEOPLE, TeamsHarness, set_up


@pytest.fixture
def h(store_factory):
    with TeamsHarness(store_factory, outbox=True) as harness:
        yield harness


def _channel_posts(h: TeamsHarness) -> list:
    return [m for m in h.connector.messages.values() if m.conversation == CHANNEL and not m.thread]


def test_a_command_is_answered_in_its_thread(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; Förvaltningssamverkansgrupp", id="cmd-1")
    assert h.send(act).status_code in (200, 202)
    h.settle()
    reply = h.connector.posted(CHANNEL)[-1]
    assert reply.activity_id == "cmd-1"  # POST …/activities/cmd-1: a reply in its thread
    assert "FSG" in reply.body["text"] and reply.body["textFormat"] == "plain"


def test_the_agenda_is_one_card_updated_in_place(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("sara", "arende Dialog; Kvalitetsrapport 2025")
    h.say("maria", "mote publicera")
    agenda = next(m for m in _channel_posts(h) if m.activity.get("attachments"))
    card = agenda.activity["attachments"][0]["content"]
    assert card["version"] == "1.5"
    assert "Kvalitetsrapport 2025" in json.dumps(card, ensure_ascii=False)
    h.say("sara", "arende Beslut; OSA-mål 2026; riskbedömning: ja")
    assert len(agenda.versions) == 2  # the same message, updated (PUT)
    assert "OSA-mål 2026" in json.dumps(agenda.activity, ensure_ascii=False)
    notes = [m.activity.get("text", "") for m in h.connector.thread(agenda.id)]
    assert any("Ändrat i ärendelistan" in n and "OSA-mål 2026" in n for n in notes)
    assert h.snapshot()["Meeting"][0].agenda_message_ref == agenda.id


def test_user_text_in_cards_cannot_form_links(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("sara", "arende Dialog; [Klicka](https://evil.example) **fet**")
    h.say("maria", "mote publicera")
    agenda = next(m for m in _channel_posts(h) if m.activity.get("attachments"))
    card = agenda.activity["attachments"][0]["content"]
    blocks = json.dumps(card["body"], ensure_ascii=False)
    # Only text runs, which Teams never reads as Markdown.
    assert '"type": "TextBlock"' not in blocks
    assert "[Klicka](https://evil.example)" in blocks


def test_a_long_draft_is_split_to_fit_and_the_status_card_refreshes_for_justerare(
    h: TeamsHarness,
) -> None:
    set_up(h)
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
    for n in range(12):
        h.say("sara", f"arende Information; Rapport {n}")
    h.say("maria", "arende acceptera alla")
    h.say("maria", "mote publicera")
    h.now = at("2026-03-18T13:05")
    h.say("sara", "justerare @jonas, @lina")
    long_note = "Lång anteckning om arbetsmiljön och bemanningen i verksamheten. " * 44
    for item in range(4, 16):
        h.say("sara", f"anteckning {item}; {long_note}")
    h.say("sara", "protokoll posta")
    meeting = h.snapshot()["Meeting"][0]
    thread = h.connector.thread(meeting.agenda_message_ref)
    pages = [m for m in thread if m.activity.get("attachments")]
    assert len(pages) >= 3  # several cards, each within Teams' message size
    assert not [r for r in h.connector.refused if r[1].endswith("bytes")]
    status = h.connector.messages[meeting.minutes_message_ref]
    card = status.activity["attachments"][0]["content"]
    assert sorted(card["refresh"]["userIds"]) == ["29:jonas", "29:lina"]
    # The buttons come with each justerare's own refresh; everyone sees only "Ändra".
    assert [a["title"] for a in card["actions"]] == ["Ändra"]
    mention = thread[-1].activity
    assert {e["mentioned"]["id"] for e in mention["entities"]} == {"29:jonas", "29:lina"}


def test_a_429_waits_its_retry_after_and_nothing_is_lost(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    before = h.clock.time()
    h.connector.fail_next(CHANNEL, 429, retry_after=7)
    h.say("maria", "mote publicera")
    throttled = [c for c in h.connector.calls if c.status == 429]
    assert len(throttled) == 1
    assert any(m.activity.get("attachments") for m in _channel_posts(h))
    assert h.clock.time() - before >= 7


@pytest.mark.parametrize("status", [412, 429])
def test_a_transient_answer_is_retried(h: TeamsHarness, status: int) -> None:
    set_up(h)
    h.connector.fail_next(CHANNEL, status)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    assert [c.status for c in h.connector.calls if c.status >= 400] == [status]
    assert "Möte #1" in h.last_reply()


def test_the_answer_to_a_turn_never_waits_for_the_connector(h: TeamsHarness) -> None:
    """Every connector call held unanswered: commands, dialogs and a mention Teams has not yet
    said who it is are all answered; what they post goes out once Teams answers again."""
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    posted = len(h.connector.posted())
    h.teams.bot.lookup_seconds = 0.2  # how long a turn may ask Teams who a mention is
    h.connector.hold()
    try:
        assert h.send(h.message("sara", "arende Dialog; Lokalfrågor")).status_code in (200, 202)
        data = {"dialog": "propose", "title": "Kvalitetsrapport 2025", "section": "Dialog"}
        task = h.send(h.invoke("jonas", "task/submit", {"data": data})).json()["task"]
        assert task["type"] == "message"
        # Olle is unknown to the bot: who he is must be asked of Teams, which does not answer.
        slow = h.send(h.message("maria", "grupp medlem @olle; Olle Berg; Vision; ledamot"))
        assert slow.status_code in (200, 202)
        titles = {i.title for i in h.snapshot()["AgendaItem"]}
        assert {"Lokalfrågor", "Kvalitetsrapport 2025"} <= titles  # stored before the answer
        assert "Olle Berg" not in {m.display_name for m in h.snapshot()["Member"]}
        h.connector.wait_held(2)  # the replies and the lookup wait at the connector
        assert len(h.connector.posted()) == posted
    finally:
        h.connector.release()
    h.settle()
    replies = [c.body.get("text", "") for c in h.connector.posted()[posted:]]
    assert any("Ärende 4 står på ärendelistan" in r for r in replies), replies
    assert any("Teams svarade inte i tid på vem Olle Berg är" in r for r in replies), replies
    # The lookup went on and was kept: the same command now needs no call to Teams.
    lookups = len([c for c in h.connector.calls if "/members/" in c.path])
    h.say("maria", "grupp medlem @olle; Olle Berg; Vision; ledamot")
    assert "Olle Berg" in {m.display_name for m in h.snapshot()["Member"]}
    assert len([c for c in h.connector.calls if "/members/" in c.path]) == lookups


def test_a_reminder_goes_1on1_as_a_proactive_message(h: TeamsHarness) -> None:
    set_up(h)
    for user in ("jonas", "lina"):
        h.say(user, "hjalp", conversation=f"a:chat-{user}", conversation_type="personal")
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
    h.say("maria", "mote publicera")
    h.now = at("2026-03-17T09:00")
    from bot.core.delivery import hand_over

    handed = hand_over(h.service.store_factory, h.now, "test", ("teams:",))
    assert handed
    h.sender.wake()
    h.settle()
    chats = {c.conversation for c in h.connector.posted() if c.conversation.startswith("a:")}
    assert "a:chat-jonas" in chats
    opened = [c for c in h.connector.calls if c.path == "/v3/conversations"]
    # Members who never wrote to the bot get a chat opened for them by their Teams id.
    assert {c.body["members"][0]["id"] for c in opened} <= {p[1] for p in PEOPLE.values()}
    reminder = [c for c in h.connector.posted() if c.conversation == "a:chat-jonas"][-1]
    assert "18 mars" in reminder.body["text"]
    assert "teams.microsoft.com/l/message/" in reminder.body["text"]


def test_a_person_teams_never_showed_the_bot_is_not_reminded_1on1_and_it_is_shown(
    h: TeamsHarness,
) -> None:
    """A 1:1 chat needs the person's Teams id, which the bot learns only when they write or are
    @mentioned: without it the reminder is given up, and /mote visa says so."""
    from bot.core.delivery import hand_over
    from bot.core.model import ConversationRef

    set_up(h)
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
    jonas = next(m.user_ref for m in h.snapshot()["Member"] if m.display_name == "Jonas Ek")
    with h.store_factory() as store:
        for ref in store.find(ConversationRef, ref=jonas):
            store.delete(ref)
        store.commit()
    h.now = at("2026-03-17T09:00")
    assert hand_over(h.service.store_factory, h.now, "test", ("teams:",))
    h.sender.wake()
    h.settle()
    chats = {c.conversation for c in h.connector.posted() if c.conversation.startswith("a:")}
    assert "a:1on1-29:lina" in chats and "a:1on1-29:jonas" not in chats
    h.say("maria", "mote visa")
    shown = h.last_reply()
    assert "Kunde inte postas: påminnelsen" in shown and "person_never_seen" in shown, shown


def test_an_export_is_a_signed_link_that_expires(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("maria", "mote export pdf")
    card = next(
        c.body["attachments"][0]["content"]
        for c in reversed(h.connector.posted(CHANNEL))
        if c.body.get("attachments")
    )
    link = next(a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl")
    path = link.removeprefix(f"http://127.0.0.1:{h.port}")
    got = h.http.get(path)
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert "attachment" in got.headers["content-disposition"]
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    assert h.http.get(tampered).status_code == 404
    h.runtime.files.clock = lambda: 10**12  # a day and more later
    assert h.http.get(path).status_code == 410


def test_the_posted_drafts_card_opens_an_items_dialog_and_posts_the_next_version(
    h: TeamsHarness,
) -> None:
    set_up(h)
    h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
    h.say("sara", "arende Beslut; OSA-mål 2026; riskbedömning: ja")
    h.say("maria", "mote publicera")
    h.now = at("2026-03-18T13:05")
    h.say("sara", "justerare @jonas, @lina")
    h.say("sara", "beslut 4; samverkat")
    h.say("sara", "protokoll posta")
    meeting = h.snapshot()["Meeting"][0]
    card = h.connector.messages[meeting.minutes_message_ref].activity["attachments"][0]["content"]
    (menu,) = [b for b in card["body"] if b.get("id") == "number"]
    assert {"title": "4. OSA-mål 2026 (Beslut)", "value": "4"} in menu["choices"]
    (edit,) = [a for a in card["actions"] if a["title"] == "Ändra"]
    data = {**edit["data"], "number": "4"}  # Teams sends the chosen item with the button's data
    assert data["msteams"]["type"] == "task/fetch" and data["draft"] is True
    # A member gets no dialog, only the refusal.
    task = h.send(h.invoke("jonas", "task/fetch", {"data": data})).json()["task"]
    assert task["type"] == "message" and "ordförande" in task["value"]
    task = h.send(h.invoke("sara", "task/fetch", {"data": data})).json()["task"]
    values, form = _form_values(task)
    assert values["title"] == "OSA-mål 2026"
    sent = {**form["actions"][0]["data"], **values, "title": "OSA-mål 2026–2027"}
    assert sent["draft"] is True
    task = h.send(h.invoke("sara", "task/submit", {"data": sent})).json()["task"]
    assert task["type"] == "message" and "version 2" in task["value"], task
    versions = sorted(h.snapshot()["MinutesVersion"], key=lambda v: v.number)
    assert [v.number for v in versions] == [1, 2] and "OSA-mål 2026–2027" in versions[-1].text


def _form_values(task: dict) -> tuple[dict, dict]:
    form = task["value"]["card"]["content"]
    return {e["id"]: e.get("value") for e in form["body"] if e.get("id")}, form


def _told_in_person(h: TeamsHarness) -> list[str]:
    """What the bot wrote in 1:1 chats (notices of postings given up)."""
    return [
        m.activity.get("text", "")
        for m in h.connector.messages.values()
        if "1on1" in m.conversation
    ]


@pytest.mark.parametrize("status", [502, 504, DROPPED])
def test_a_message_the_connector_may_have_made_is_not_sent_twice_and_is_shown(
    h: TeamsHarness, status: int
) -> None:
    """The connector made the ärendelista and then answered 502/504 or closed the connection:
    Teams has no idempotency key and a bot cannot read the channel to look, so it is not sent
    again (it was, and the channel had two ärendelistor). It is shown as maybe not posted in
    /mote visa, and the chair is told in their chat to look and re-send."""
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.connector.accept_then_fail(CHANNEL, status)
    h.say("maria", "mote publicera")
    agendas = [m for m in _channel_posts(h) if m.activity.get("attachments")]
    assert len(agendas) == 1
    (notice,) = [t for t in _told_in_person(h) if "ärendelistan" in t]
    assert "vet inte om ärendelistan för möte #1 kom fram" in notice
    assert "/mote publicera" in notice
    h.say("maria", "mote visa")
    assert "Kanske inte postat: ärendelistan" in json.dumps(h.last_reply(), ensure_ascii=False)
    (posting,) = [p for p in h.snapshot()["Posting"] if p.kind == "agenda_published"]
    assert posting.error.startswith("uncertain_")


def test_an_update_whose_answer_was_lost_is_made_again(h: TeamsHarness) -> None:
    """An update names its message: made twice it is the same card, so it is retried."""
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("maria", "mote publicera")
    h.connector.fail_next(CHANNEL, 504)  # the update's PUT
    h.say("sara", "arende Dialog; Kvalitetsrapport 2025")
    (agenda,) = [m for m in _channel_posts(h) if m.activity.get("attachments")]
    assert "Kvalitetsrapport 2025" in json.dumps(agenda.activity, ensure_ascii=False)
    assert all(p.status.value == "sent" for p in h.snapshot()["Posting"])


def test_a_message_taken_over_unrecorded_is_not_sent_again(h: TeamsHarness) -> None:
    """An owner killed between the connector's making a thread note and its record: the next
    owner cannot look in Teams, so it sends no second note and shows it as maybe not posted."""
    from bot.core.model import Posting, PostingStatus

    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("maria", "mote publicera")
    h.say("sara", "arende Dialog; Kvalitetsrapport 2025")
    agenda_id = h.snapshot()["Meeting"][0].agenda_message_ref
    with h.store_factory() as store:
        (change,) = [p for p in store.find(Posting) if p.kind == "agenda_changed"]
        # As the database stood when the owner died: the update recorded, the note made in
        # Teams but not recorded.
        change.status, change.steps_done, change.sent_at = PostingStatus.PENDING, 1, None
        change.made = change.made.rsplit(",", 1)[0] + "]"
        store.update(change)
        store.commit()
    h.settle()
    notes = [
        m
        for m in h.connector.thread(agenda_id)
        if "Ändrat i ärendelistan" in m.activity.get("text", "")
    ]
    assert len(notes) == 1
    (change,) = [p for p in h.snapshot()["Posting"] if p.kind == "agenda_changed"]
    assert change.status is PostingStatus.GIVEN_UP and change.error == "uncertain_taken_over"


def test_an_answer_the_connector_may_have_made_is_told_as_such(h: TeamsHarness) -> None:
    """The answer to a command made and then answered 504: not sent again, and the one who
    typed it is told in their chat to look before typing it again (typed again blindly, the
    command itself would be done twice). It was 'could not post the message for meeting #–'."""
    set_up(h)
    h.connector.accept_then_fail(CHANNEL, 504)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    answers = [c for c in h.connector.posted(CHANNEL) if "Möte #1" in c.body.get("text", "")]
    assert len(answers) == 1
    (notice,) = [t for t in _told_in_person(h) if "kommando" in t]
    assert notice.startswith("Justera vet inte om svaret på ditt kommando kom fram")
    assert "möte #–" not in notice
