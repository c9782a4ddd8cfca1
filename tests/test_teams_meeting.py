"""A whole meeting through the Teams endpoint, signed activities only, and the same through Slack:
the justerade minutes are the same text."""

from __future__ import annotations

import json

import pytest

from bot.core.model import MeetingStatus
from bot.render import adaptivecards as cards
from tests.harness import at
from tests.slack_harness import SlackHarness
from tests.slack_harness import approve_value as slack_approve_value
from tests.slack_harness import draft_message as slack_draft
from tests.slack_harness import set_up as slack_set_up
from tests.teams_harness import CHANNEL, TeamsHarness
from tests.teams_harness import set_up as teams_set_up

# The meeting, as the same people type it on either platform (Slack names people <@U…>).
MEETING = [
    ("sara", "arende Information; Delårsrapport; föredragande: Ekonomichefen"),
    ("sara", "arende Beslut; OSA-mål 2026; riskbedömning: ja"),
    ("maria", "arende acceptera alla"),
    ("maria", "mote publicera"),
    ("maria", "arende Övrigt; Julbord"),
    ("NOW", "2026-03-18T13:05"),
    ("sara", "justerare {jonas}, {lina}"),
    ("sara", "anteckning 4; Prognosen visar ett underskott på 3 mnkr."),
    ("petra", "protokollsanteckning 7; Vision anser att målen är för vaga."),
    ("sara", "beslut 6; samverkat"),
    ("sara", "beslut 7; oenighet; Vision; Bemanningen är inte löst."),
    ("sara", "protokoll posta"),
]
SLACK_IDS = {
    "maria": "UMARIA",
    "sara": "USARA",
    "jonas": "UJONAS",
    "lina": "ULINA",
    "petra": "UPETRA",
}


def _final(h) -> str:
    from bot.core import justering
    from bot.core.context import Context

    ctx = Context(user_ref="system:test", channel_ref="system:test", now=h.now)

    def read(tx):
        meeting = tx.store.find(justering.Meeting)[0]
        group = tx.store.get(justering.Group, meeting.group_id)
        assert meeting.status is MeetingStatus.JUSTERAD
        return justering.final_text(tx, group, meeting)

    return h.service.run(ctx, read)


def run_in_teams(store_factory) -> tuple[str, TeamsHarness]:
    with TeamsHarness(store_factory, outbox=True) as h:
        teams_set_up(h)
        h.say("maria", "mote planera onsdag 18 mars kl 13; Sof, Storgatan 12")
        for user, line in MEETING[:2]:
            h.say(user, line)
        # One item through the dialog, as people mostly propose: the button the bot answers
        # `arende` with, the dialog it fetches (task/fetch), the dialog sent (task/submit).
        h.say("jonas", "arende")
        offer = h.last_reply()["actions"][0]["data"]
        fetched = h.send(h.invoke("jonas", "task/fetch", {"data": offer})).json()["task"]
        form = fetched["value"]["card"]["content"]
        typed = {"title": "Ny organisation", "section": "Beslut", "risk": "nej"}
        sent = {**form["actions"][0]["data"], **typed}
        submitted = h.send(h.invoke("jonas", "task/submit", {"data": sent})).json()["task"]
        assert submitted["type"] == "message", submitted
        for user, line in MEETING[2:]:
            if user == "NOW":
                h.now = at(line)
                continue
            h.say(user, line.format(jonas="@jonas", lina="@lina"))
        h.settle()
        meeting = h.snapshot()["Meeting"][0]
        data = {"meeting": meeting.id, "version": 1}
        # Jonas clicks Godkänn twice (the second is "already approved"); Lina reacts with 👍.
        value = {"action": {"type": "Action.Execute", "verb": cards.APPROVE_VERB, "data": data}}
        for _ in range(2):
            assert h.send(h.invoke("jonas", "adaptiveCard/action", value)).status_code == 200
        h.settle()
        status_card = h.snapshot()["Meeting"][0].minutes_message_ref
        assert status_card
        # The approval updated the status card in place, for everyone (one PUT, one approval).
        shown = h.connector.messages[status_card]
        assert len(shown.versions) == 2, len(shown.versions)
        assert "Jonas Ek: godkänt" in json.dumps(shown.activity, ensure_ascii=False)
        like = h.activity(
            "messageReaction", "lina", reactionsAdded=[{"type": "like"}], replyToId=status_card
        )
        assert h.send(like).status_code in (200, 202)
        assert h.send(like).status_code in (200, 202)  # redelivered
        h.settle()
        return _final(h), h


def run_in_slack(store_factory) -> str:
    with SlackHarness(store_factory) as h:
        slack_set_up(h)
        for user, line in MEETING[:2]:
            h.command(SLACK_IDS[user], "/" + line)
        h.command("UJONAS", "/arende Beslut; Ny organisation; riskbedömning: nej")
        for user, line in MEETING[2:]:
            if user == "NOW":
                h.now = at(line)
                continue
            ids = {k: f"<@{v}|{k}>" for k, v in SLACK_IDS.items()}
            h.command(SLACK_IDS[user], "/" + line.format(**ids))
        from bot.render.blockkit import APPROVE_ACTION

        value = slack_approve_value(h)
        ts = slack_draft(h)["ts"]
        h.click("UJONAS", APPROVE_ACTION, value, ts)
        h.click("ULINA", APPROVE_ACTION, value, ts)
        return _final(h)


def test_the_same_meeting_in_teams_and_slack(db_url, tmp_path) -> None:
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.store import store_factory

    if db_url.startswith("sqlite"):
        teams_url, slack_url = db_url, f"sqlite:///{tmp_path / 'slack.db'}"
    else:
        pytest.skip("one database pair is enough for the comparison; PostgreSQL runs the rest")
    upgrade(teams_url)
    upgrade(slack_url)
    teams_final, h = run_in_teams(store_factory(make_engine(teams_url)))
    slack_final = run_in_slack(store_factory(make_engine(slack_url)))
    assert teams_final == slack_final
    assert "Justerat" in teams_final
    # What Teams showed on the way: the ärendelista updated in place with a note in its thread,
    # the draft in the thread, the final minutes in the channel.
    agenda = next(m for m in h.connector.messages.values() if m.thread == "" and m.versions)
    assert len(agenda.versions) >= 2
    notes = h.connector.thread(agenda.id)
    assert any("Ändrat i ärendelistan" in (m.activity.get("text") or "") for m in notes)
    assert any(
        "Justerat protokoll" in json.dumps(m.activity, ensure_ascii=False)
        for m in h.connector.messages.values()
        if m.conversation == CHANNEL and not m.thread
    )
