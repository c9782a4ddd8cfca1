"""The fake Teams connector behaves as the real one where it matters: cards, sizes, 429s, ids."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.fakes.entra import CONNECTOR_AUDIENCE, LocalIssuer
from tests.fakes.teams_connector import CARD_TYPE, MESSAGE_BYTES, FakeConnector

CHAT = "19:fsg@thread.tacv2"


@pytest.fixture
def connector() -> Iterator[FakeConnector]:
    fake = FakeConnector().start()
    yield fake
    fake.stop()


def post(connector: FakeConnector, activity: dict, path: str = "") -> httpx.Response:
    url = f"{connector.service_url}v3/conversations/{CHAT}/activities{path}"
    return httpx.post(url, json=activity, timeout=10)


def card(*body: dict, version: str = "1.5", **fields) -> dict:
    content = {"type": "AdaptiveCard", "version": version, "body": list(body), **fields}
    return {"type": "message", "attachments": [{"contentType": CARD_TYPE, "content": content}]}


TEXT = {"type": "TextBlock", "text": "Ärendelista", "wrap": True}

CARD_REFUSALS = {
    "version 1.6 (newer than Teams takes)": card(TEXT, version="1.6"),
    "an element 1.5 does not know": card({"type": "Blink", "text": "x"}),
    "a TextBlock without text": card({"type": "TextBlock"}),
    "a property the schema does not have": card({**TEXT, "colour": "red"}),
    "an Action.Execute whose verb is no string": card(
        TEXT, actions=[{"type": "Action.Execute", "title": "Godkänn", "verb": 1}]
    ),
}


@pytest.mark.parametrize("name", list(CARD_REFUSALS))
def test_cards_outside_schema_1_5_are_refused(connector: FakeConnector, name: str) -> None:
    answer = post(connector, CARD_REFUSALS[name])
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "BadArgument"
    assert connector.messages == {} and len(connector.refused) == 1


def test_a_valid_card_with_universal_actions_is_taken(connector: FakeConnector) -> None:
    actions = [{"type": "Action.Execute", "title": "Godkänn", "verb": "approve", "data": {}}]
    refresh = {"action": {"type": "Action.Execute", "verb": "refresh"}, "userIds": ["29:a"]}
    answer = post(connector, card(TEXT, actions=actions, refresh=refresh))
    assert answer.status_code == 201
    assert answer.json()["id"] in connector.messages and connector.refused == []


def test_a_message_over_teams_size_is_refused(connector: FakeConnector) -> None:
    fits = {"type": "message", "text": "x" * (MESSAGE_BYTES - 100)}
    assert post(connector, fits).status_code == 201
    answer = post(connector, {"type": "message", "text": "x" * MESSAGE_BYTES})
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "MessageSizeTooBig"


def test_empty_messages_and_other_activity_types_are_refused(connector: FakeConnector) -> None:
    assert post(connector, {"type": "message"}).status_code == 400
    assert post(connector, {"type": "event", "text": "x"}).status_code == 400


def test_429_carries_retry_after_and_only_the_next_call_gets_it(connector: FakeConnector) -> None:
    connector.fail_next(CHAT, 429, retry_after=7)
    throttled = post(connector, {"type": "message", "text": "x"})
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "7"
    assert post(connector, {"type": "message", "text": "x"}).status_code == 201
    connector.fail_next("19:another", 502)
    assert post(connector, {"type": "message", "text": "x"}).status_code == 201  # not this chat


def test_replies_updates_and_deletes_name_real_activities(connector: FakeConnector) -> None:
    root = post(connector, {"type": "message", "text": "Ärendelista"}).json()["id"]
    reply = post(connector, {"type": "message", "text": "Ändrat"}, f"/{root}").json()["id"]
    nested = post(connector, {"type": "message", "text": "Mer"}, f"/{reply}").json()["id"]
    # A reply to a reply lands in the root's thread, as Teams channels have one level.
    assert [m.id for m in connector.thread(root)] == [reply, nested]
    url = f"{connector.service_url}v3/conversations/{CHAT}/activities"
    update = {"type": "message", "text": "Ärendelista, ändrad"}
    assert httpx.put(f"{url}/{root}", json=update, timeout=10).status_code == 200
    assert connector.messages[root].versions[-1] == update
    assert httpx.put(f"{url}/9999", json=update, timeout=10).status_code == 404
    other = f"{connector.service_url}v3/conversations/19:other/activities/{root}"
    assert httpx.put(other, json=update, timeout=10).status_code == 404  # another chat's id
    assert httpx.delete(f"{url}/{reply}", timeout=10).status_code == 200
    assert reply not in connector.messages


def test_calls_need_the_bots_token_when_an_issuer_signs() -> None:
    issuer = LocalIssuer()
    issuer.start()
    connector = FakeConnector(issuer).start()
    try:
        url = f"{connector.service_url}v3/conversations/{CHAT}/activities"
        activity = {"type": "message", "text": "x"}
        assert httpx.post(url, json=activity, timeout=10).status_code == 401
        wrong = {"Authorization": f"Bearer {issuer.token('someone-else')}"}
        assert httpx.post(url, json=activity, headers=wrong, timeout=10).status_code == 401
        right = {"Authorization": f"Bearer {issuer.token(CONNECTOR_AUDIENCE)}"}
        assert httpx.post(url, json=activity, headers=right, timeout=10).status_code == 201
    finally:
        connector.stop()
        issuer.stop()


def test_a_held_connector_answers_nothing_until_released(connector: FakeConnector) -> None:
    connector.hold()
    answers: list[int] = []
    caller = threading.Thread(
        target=lambda: answers.append(post(connector, {"type": "message", "text": "x"}).status_code)
    )
    caller.start()
    connector.wait_held(1)
    assert answers == [] and connector.messages == {}
    connector.release()
    caller.join(timeout=10)
    assert answers == [201] and len(connector.messages) == 1
