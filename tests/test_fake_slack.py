"""The Slack fakes against the real slack_sdk and Bolt clients: answers, limits, signatures."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackObjectFormationError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook import WebhookClient

from tests.fakes import Call, FakeClock, FakeSlack
from tests.fakes.slack_signing import (
    block_action_body,
    event_body,
    retry_headers,
    sign,
    signed_headers,
    slash_command_body,
    view_submission_body,
)

SECRET = "test-signing-secret"

# Several tests post blocks without fallback text on purpose; slack_sdk warns about each.
pytestmark = pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def slack(clock: FakeClock) -> Iterator[FakeSlack]:
    with FakeSlack(clock=clock) as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.base_url)


def section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def modal(title: str = "Justera", blocks: list[dict[str, Any]] | None = None, **kw: Any) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "blocks": blocks if blocks is not None else [section("Hej")],
        **kw,
    }


def refused(call: Any) -> SlackApiError:
    with pytest.raises(SlackApiError) as caught:
        call()
    return caught.value


def error_of(call: Any) -> str:
    return refused(call).response["error"]


# -- the clock ------------------------------------------------------------------------------


def test_clock_moves_only_when_told() -> None:
    clock = FakeClock()
    assert clock.time() == 1_000_000.0
    clock.advance(2.5)
    clock.sleep(1)
    asyncio.run(clock.asleep(0.5))
    assert clock.time() == 1_000_004.0
    assert clock.now() == clock.time()
    assert clock.sleeps == [1, 0.5]
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.sleep(-1)


def test_clock_is_thread_safe() -> None:
    clock = FakeClock(start=0.0)

    def tick() -> None:
        for _ in range(1000):
            clock.sleep(0.001)

    threads = [threading.Thread(target=tick) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(clock.sleeps) == 8000
    assert clock.time() == pytest.approx(8.0)


# -- the real clients -----------------------------------------------------------------------


def test_web_client_posts_updates_and_threads(
    slack: FakeSlack, client: WebClient, clock: FakeClock
) -> None:
    blocks = [
        HeaderBlock(text="Samverkan 18 mars"),
        SectionBlock(text="*Dagordning*", block_id="agenda"),
        DividerBlock(),
        ActionsBlock(
            block_id="actions",
            elements=[ButtonElement(text="Justera", action_id="approve", value="m1")],
        ),
    ]
    posted = client.chat_postMessage(channel="C1", text="Dagordning", blocks=blocks)
    assert posted["ok"] and posted["channel"] == "C1"
    assert posted["ts"] == "1700000000.000100"
    assert posted["message"]["blocks"][1]["block_id"] == "agenda"

    clock.advance(1)
    reply = client.chat_postMessage(channel="C1", text="Svar", thread_ts=posted["ts"])
    assert float(reply["ts"]) > float(posted["ts"])

    updated = client.chat_update(channel="C1", ts=posted["ts"], text="Dagordning (ändrad)")
    assert updated["text"] == "Dagordning (ändrad)"

    message = slack.messages[("C1", posted["ts"])]
    assert message["text"] == "Dagordning (ändrad)"
    assert len(message["blocks"]) == 4, "chat.update without blocks keeps the old ones"
    assert slack.messages[("C1", reply["ts"])]["thread_ts"] == posted["ts"]
    assert [m["text"] for m in slack.posted("C1")] == ["Dagordning", "Svar"]

    ephemeral = client.chat_postEphemeral(channel="C1", user="U1", text="Bara för dig")
    assert ephemeral["message_ts"]
    assert slack.ephemeral("C1")[0]["user"] == "U1"
    client.reactions_add(channel="C1", timestamp=posted["ts"], name="white_check_mark")
    client.chat_delete(channel="C1", ts=reply["ts"])
    assert ("C1", reply["ts"]) not in slack.messages
    assert client.auth_test()["user_id"] == "UBOT"
    assert client.conversations_info(channel="C1")["channel"]["id"] == "C1"

    assert slack.violations == []
    assert [c.method for c in slack.calls][:3] == [
        "chat.postMessage",
        "chat.postMessage",
        "chat.update",
    ]
    first = slack.calls_to("chat.postMessage")[0]
    assert isinstance(first, Call) and first.ok and first.at == clock.time() - 1
    assert first.headers["authorization"] == "Bearer xoxb-test"
    # What slack_sdk really sends: chat.* as JSON, the rest form-encoded.
    assert first.headers["content-type"].startswith("application/json")
    assert (
        slack.calls_to("reactions.add")[0]
        .headers["content-type"]
        .startswith("application/x-www-form-urlencoded")
    )


def test_web_client_opens_updates_and_pushes_views(slack: FakeSlack, client: WebClient) -> None:
    view = View(
        type="modal",
        callback_id="plan",
        title="Planera möte",
        submit="Spara",
        close="Avbryt",
        private_metadata=json.dumps({"group": 1}),
        blocks=[
            InputBlock(
                block_id="when",
                label="När?",
                element=PlainTextInputElement(action_id="text"),
            )
        ],
    )
    opened = client.views_open(trigger_id="T-1", view=view)["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "plan"
    assert opened["state"] == {"values": {}}

    changed = modal("Planera möte", [section("Sparat")])
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)
    assert updated["view"]["id"] == opened["id"] and updated["view"]["hash"] != opened["hash"]
    assert slack.views[opened["id"]]["blocks"] == [section("Sparat")]

    pushed = client.views_push(trigger_id="T-2", view=modal("Detaljer"))["view"]
    assert pushed["id"] != opened["id"]
    assert slack.violations == []


def test_async_web_client_posts_updates_and_opens_views(slack: FakeSlack) -> None:
    async def run() -> None:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        posted = await client.chat_postMessage(channel="C1", blocks=[SectionBlock(text="Hej")])
        await client.chat_update(channel="C1", ts=posted["ts"], blocks=[section("Hej igen")])
        await client.views_open(trigger_id="T-1", view=modal())
        slack.add_user("U1", name="maria", display_name="Maria")
        user = await client.users_info(user="U1", include_locale=True)
        assert user["user"]["locale"] == "sv-SE"

    asyncio.run(run())
    assert slack.violations == []
    assert [c.method for c in slack.calls] == [
        "chat.postMessage",
        "chat.update",
        "views.open",
        "users.info",
    ]
    (message,) = slack.messages.values()
    assert message["blocks"] == [section("Hej igen")]
    # AsyncWebClient sends users.info as a GET with a query string; WebClient always POSTs.
    assert slack.calls_to("users.info")[0].http_method == "GET"


def test_form_encoded_json_fields_are_parsed(slack: FakeSlack, client: WebClient) -> None:
    client.api_call(
        "chat.postMessage",
        data={"channel": "C1", "text": "Hej", "blocks": json.dumps([section("Hej")])},
    )
    client.api_call("views.open", data={"trigger_id": "T-1", "view": json.dumps(modal())})
    post, opened = slack.calls
    assert post.headers["content-type"] == "application/x-www-form-urlencoded"
    assert post.args["blocks"] == [section("Hej")]
    assert opened.args["view"]["type"] == "modal"
    assert slack.violations == []


# -- Slack's limits -------------------------------------------------------------------------


def button(value: str) -> dict[str, Any]:
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "OK"},
                "action_id": "ok",
                "value": value,
            }
        ],
    }


MESSAGE_REFUSALS = {
    "51 blocks": ({"blocks": [section("x") for _ in range(51)]}, "invalid_blocks"),
    "section text 3001": ({"blocks": [section("x" * 3001)]}, "invalid_blocks"),
    "button value 2001": ({"blocks": [button("v" * 2001)]}, "invalid_blocks"),
    "header 151": (
        {"blocks": [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]},
        "invalid_blocks",
    ),
    "unknown block": ({"blocks": [{"type": "sektion"}]}, "invalid_blocks"),
    "empty section text": ({"blocks": [section("")]}, "invalid_blocks"),
    "context text 3001": (
        {"blocks": [{"type": "context", "elements": [{"type": "mrkdwn", "text": "x" * 3001}]}]},
        "invalid_blocks",
    ),
    "duplicate block_id": ({"blocks": [section("a", "b1"), section("b", "b1")]}, "invalid_blocks"),
    "text 40001": ({"text": "x" * 40_001}, "msg_too_long"),
    "nothing": ({}, "no_text"),
}


@pytest.mark.parametrize("name", list(MESSAGE_REFUSALS))
def test_messages_over_slacks_limits_are_refused(
    slack: FakeSlack, client: WebClient, name: str
) -> None:
    fields, error = MESSAGE_REFUSALS[name]
    caught = refused(lambda: client.chat_postMessage(channel="C1", **fields))
    assert caught.response["error"] == error
    assert slack.calls_to("chat.postMessage")[0].error == error
    assert slack.posted("C1") == []
    (violation,) = slack.violations
    assert violation.startswith(f"chat.postMessage: {error}")


def test_limit_exactly_reached_is_accepted(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="x" * 40_000)
    client.chat_postMessage(channel="C2", blocks=[section(str(i)) for i in range(50)])
    client.chat_postMessage(channel="C3", blocks=[section("x" * 3000), button("v" * 2000)])
    client.views_open(trigger_id="T-1", view=modal("t" * 24, [section("x")] * 100))
    assert slack.violations == []


def test_invalid_blocks_answer_names_the_block(client: WebClient) -> None:
    caught = refused(lambda: client.chat_postMessage(channel="C1", blocks=[section("x" * 3001)]))
    (message,) = caught.response["response_metadata"]["messages"]
    assert "3000" in message and "json-pointer:/blocks/0" in message


def test_chat_update_checks_the_message_and_limits(slack: FakeSlack, client: WebClient) -> None:
    assert error_of(lambda: client.chat_update(channel="C1", ts="1.2", text="x")) == (
        "message_not_found"
    )
    ts = client.chat_postMessage(channel="C1", text="Hej")["ts"]
    caught = refused(lambda: client.chat_update(channel="C1", ts=ts, blocks=[button("v" * 2001)]))
    assert caught.response["error"] == "invalid_blocks"
    assert slack.messages[("C1", ts)]["text"] == "Hej"
    assert len(slack.violations) == 2


VIEW_REFUSALS = {
    "title 25": modal("t" * 25),
    "no title": {"type": "modal", "blocks": [section("x")]},
    "title as string": {**modal(), "title": "Justera"},
    "no blocks": {"type": "modal", "title": {"type": "plain_text", "text": "Justera"}},
    "101 blocks": modal(blocks=[section("x")] * 101),
    "home, not modal": {**modal(), "type": "home"},
    "private_metadata 3001": modal(private_metadata="m" * 3001),
    "callback_id 256": modal(callback_id="c" * 256),
    "submit 25": modal(submit={"type": "plain_text", "text": "s" * 25}),
    "input without submit": modal(
        blocks=[
            {
                "type": "input",
                "label": {"type": "plain_text", "text": "När?"},
                "element": {"type": "plain_text_input", "action_id": "text"},
            }
        ]
    ),
    "section text 3001": modal(blocks=[section("x" * 3001)]),
}


@pytest.mark.parametrize("name", list(VIEW_REFUSALS))
def test_modals_over_slacks_limits_are_refused(
    slack: FakeSlack, client: WebClient, name: str
) -> None:
    caught = refused(lambda: client.views_open(trigger_id="T-1", view=VIEW_REFUSALS[name]))
    assert caught.response["error"] == "invalid_arguments"
    assert slack.calls_to("views.open")[0].error == "invalid_arguments"
    assert slack.views == {}
    assert len(slack.violations) == 1


def test_views_need_fresh_triggers_and_known_ids(slack: FakeSlack, client: WebClient) -> None:
    assert error_of(lambda: client.views_open(view=modal())) == "invalid_arguments"
    opened = client.views_open(trigger_id="T-1", view=modal())["view"]
    again = refused(lambda: client.views_open(trigger_id="T-1", view=modal()))
    assert again.response["error"] == "exchanged_trigger_id"
    missing = refused(lambda: client.views_update(view_id="V404", view=modal()))
    assert missing.response["error"] == "not_found"
    client.views_update(view_id=opened["id"], view=modal("Ny"))
    stale = refused(
        lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal())
    )
    # A hash conflict is a race the bot must handle, not a mistake: not a violation.
    assert stale.response["error"] == "hash_conflict"
    assert len(slack.violations) == 3


def test_sdk_models_refuse_bad_blocks_before_sending(slack: FakeSlack, client: WebClient) -> None:
    # slack_sdk validates model objects in to_dict(), so only dict blocks reach the fake.
    with pytest.raises(SlackObjectFormationError):
        client.chat_postMessage(channel="C1", blocks=[SectionBlock(text="x" * 3001)])
    with pytest.raises(SlackObjectFormationError):
        client.views_open(trigger_id="T-1", view=View(type="modal", title="t" * 25, blocks=[]))
    assert slack.calls == []


# -- rate limits and injected failures ------------------------------------------------------


def test_one_message_per_second_per_channel(
    slack: FakeSlack, client: WebClient, clock: FakeClock
) -> None:
    client.chat_postMessage(channel="C1", text="1")
    clock.advance(0.999)
    caught = refused(lambda: client.chat_postMessage(channel="C1", text="2"))
    assert caught.response.status_code == 429
    assert caught.response["error"] == "ratelimited"
    assert caught.response.headers["Retry-After"] == "1"
    assert slack.calls[-1].error == "ratelimited" and slack.calls[-1].status == 429
    assert [m["text"] for m in slack.posted("C1")] == ["1"]
    assert "ratelimited" in slack.violations[0]

    client.chat_postMessage(channel="C2", text="other channel")
    clock.advance(0.001)
    client.chat_postMessage(channel="C1", text="2")
    assert [m["text"] for m in slack.posted("C1")] == ["1", "2"]


def test_chat_update_is_rate_limited_per_channel(
    slack: FakeSlack, client: WebClient, clock: FakeClock
) -> None:
    ts = client.chat_postMessage(channel="C1", text="1")["ts"]
    client.chat_update(channel="C1", ts=ts, text="a")
    assert error_of(lambda: client.chat_update(channel="C1", ts=ts, text="b")) == "ratelimited"
    clock.advance(1)
    client.chat_update(channel="C1", ts=ts, text="b")
    assert slack.messages[("C1", ts)]["text"] == "b"


def test_rate_limit_can_be_switched_off(clock: FakeClock) -> None:
    with FakeSlack(clock=clock, enforce_rate=False) as slack:
        client = WebClient(token="xoxb-test", base_url=slack.base_url)
        for i in range(5):
            client.chat_postMessage(channel="C1", text=str(i))
        assert len(slack.posted("C1")) == 5 and slack.violations == []


def test_fail_next(slack: FakeSlack, client: WebClient) -> None:
    slack.fail_next("chat.postMessage", retry_after=7, times=2)
    slack.fail_next("conversations.info", error="channel_not_found")
    for _ in range(2):
        caught = refused(lambda: client.chat_postMessage(channel="C1", text="x"))
        assert caught.response.status_code == 429
        assert caught.response.headers["Retry-After"] == "7"
    client.chat_postMessage(channel="C1", text="x")
    caught = refused(lambda: client.conversations_info(channel="C1"))
    assert caught.response.status_code == 200 and caught.response["error"] == "channel_not_found"
    assert client.conversations_info(channel="C1")["ok"]
    assert [c.error for c in slack.calls] == [
        "ratelimited",
        "ratelimited",
        None,
        "channel_not_found",
        None,
    ]
    assert slack.violations == [], "injected failures are not the bot's fault"


def test_sdk_retry_handler_waits_out_a_429(slack: FakeSlack) -> None:
    client = WebClient(
        token="xoxb-test",
        base_url=slack.base_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    slack.fail_next("chat.postMessage", retry_after=0)
    started = time.perf_counter()
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    # The handler really sleeps Retry-After plus up to a second of jitter.
    assert time.perf_counter() - started < 2.0
    assert [c.error for c in slack.calls] == ["ratelimited", None]
    assert len(slack.posted("C1")) == 1


# -- auth, users, unknown methods -----------------------------------------------------------


def test_calls_without_a_bot_token_are_refused(slack: FakeSlack) -> None:
    anonymous = WebClient(base_url=slack.base_url)
    assert error_of(anonymous.auth_test) == "not_authed"
    user_token = WebClient(token="xoxp-user", base_url=slack.base_url)
    assert error_of(lambda: user_token.chat_postMessage(channel="C1", text="x")) == ("invalid_auth")
    request = urllib.request.Request(f"{slack.base_url}chat.postMessage", data=b"channel=C1")
    with urllib.request.urlopen(request) as answer:
        assert json.load(answer) == {
            "ok": False,
            "error": "not_authed",
            "errors": ["no Authorization: Bearer header"],
            "response_metadata": {"messages": ["[ERROR] no Authorization: Bearer header"]},
        }
    assert [c.error for c in slack.calls] == ["not_authed", "invalid_auth", "not_authed"]
    assert slack.posted("C1") == [] and len(slack.violations) == 3


def test_users_info_with_and_without_locale(slack: FakeSlack, client: WebClient) -> None:
    slack.add_user("U1", name="maria", display_name="Maria", locale="en-GB", real_name="Maria L")
    with_locale = client.users_info(user="U1", include_locale=True)["user"]
    assert with_locale["locale"] == "en-GB"
    assert with_locale["profile"]["display_name"] == "Maria"
    assert with_locale["real_name"] == "Maria L" and with_locale["team_id"] == "T1"
    assert "locale" not in client.users_info(user="U1")["user"]
    assert error_of(lambda: client.users_info(user="U404")) == "user_not_found"
    assert slack.violations == [], "an unknown user is an answer, not a mistake"


def test_unknown_method(slack: FakeSlack, client: WebClient) -> None:
    assert error_of(lambda: client.api_call("chat.scheduleMessage")) == "unknown_method"
    (violation,) = slack.violations
    assert violation.startswith("chat.scheduleMessage: unknown_method")


def test_reset_forgets_traffic_but_keeps_users(slack: FakeSlack, client: WebClient) -> None:
    slack.add_user("U1", name="maria", display_name="Maria")
    first = client.chat_postMessage(channel="C1", text="1")["ts"]
    refused(lambda: client.chat_postMessage(channel="C1", text="2"))
    slack.reset()
    assert slack.calls == [] and slack.violations == [] and slack.messages == {}
    second = client.chat_postMessage(channel="C1", text="2")["ts"]
    assert float(second) > float(first), "ts stay unique across a reset"
    assert client.users_info(user="U1")["ok"]


# -- response URLs --------------------------------------------------------------------------


def test_response_urls_record_and_check(slack: FakeSlack, clock: FakeClock) -> None:
    webhook = WebhookClient(slack.response_url("plan/1"))
    assert webhook.send(text="Klart", response_type="ephemeral").status_code == 200
    assert webhook.send(blocks=[section("Hej")], replace_original=True).status_code == 200
    assert slack.responses == [
        ("plan/1", {"text": "Klart", "response_type": "ephemeral"}),
        ("plan/1", {"blocks": [section("Hej")], "replace_original": True}),
    ]
    bad = webhook.send(blocks=[section("x" * 3001)])
    assert bad.status_code == 400 and json.loads(bad.body)["error"] == "invalid_blocks"
    for _ in range(3):
        webhook.send(text="igen")
    assert json.loads(webhook.send(text="sjätte").body)["error"] == "used_url"
    clock.advance(30 * 60)
    assert webhook.send(text="senare").status_code == 200
    assert len(slack.responses_to("plan/1")) == 6
    assert len(slack.violations) == 2


# -- server lifecycle -----------------------------------------------------------------------


def test_starts_and_stops_fast_without_leaking_threads() -> None:
    before = set(threading.enumerate())
    started = time.perf_counter()
    for _ in range(20):
        with FakeSlack() as slack:
            port = slack.port
            WebClient(token="xoxb-test", base_url=slack.base_url).auth_test()

            async def call(url: str = slack.base_url) -> None:
                await AsyncWebClient(token="xoxb-test", base_url=url).auth_test()

            asyncio.run(call())
    assert time.perf_counter() - started < 3.0
    assert set(threading.enumerate()) == before
    with pytest.raises(RuntimeError):
        _ = slack.base_url
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)


def test_wait_for_calls_made_in_another_thread(slack: FakeSlack, client: WebClient) -> None:
    worker = threading.Thread(target=lambda: client.chat_postMessage(channel="C1", text="x"))
    worker.start()
    (call,) = slack.wait_for("chat.postMessage")
    worker.join()
    assert call.args["text"] == "x"
    with pytest.raises(TimeoutError):
        slack.wait_for("chat.update", timeout=0.05)


# -- signing and request bodies -------------------------------------------------------------


def test_sign_matches_slack_sdks_verifier(clock: FakeClock) -> None:
    body = slash_command_body("/mote", "planera 18 mars", user_id="U1", channel_id="C1")
    headers = sign(body, SECRET, clock.time())
    # SignatureVerifier only calls clock.now(), which FakeClock has.
    verifier = SignatureVerifier(SECRET, clock=clock)
    timestamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert timestamp == "1000000" and signature.startswith("v0=")
    assert verifier.is_valid(body, timestamp, signature)
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier("other", clock=clock).is_valid(body, timestamp, signature)
    assert not verifier.is_valid(body + "x", timestamp, signature)
    clock.advance(301)
    assert not verifier.is_valid(body, timestamp, signature), "older than five minutes"

    now = sign(body, SECRET, None)
    assert SignatureVerifier(SECRET).is_valid_request(body, now)
    assert signed_headers(body, SECRET, 1)["Content-Type"] == "application/x-www-form-urlencoded"
    assert retry_headers(2) == {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}


def test_bodies_have_slacks_shapes(slack: FakeSlack) -> None:
    command = slash_command_body(
        "/mote",
        "planera 18 mars kl 13; Söndag",
        user_id="U1",
        channel_id="C1",
        trigger_id="trig",
        response_url=slack.response_url("cmd"),
    )
    fields = parse_qsl(command, keep_blank_values=True)
    assert [name for name, _ in fields] == [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    ]
    assert dict(fields)["text"] == "planera 18 mars kl 13; Söndag"

    action = json.loads(
        dict(
            parse_qsl(
                block_action_body("approve", "m1", user_id="U1", channel_id="C1", message_ts="1.2")
            )
        )["payload"]
    )
    assert action["type"] == "block_actions"
    assert action["container"] == {
        "type": "message",
        "message_ts": "1.2",
        "channel_id": "C1",
        "is_ephemeral": False,
    }
    assert action["actions"][0]["action_id"] == "approve"
    assert action["actions"][0]["value"] == "m1"

    submission = json.loads(
        dict(
            parse_qsl(
                view_submission_body(
                    "plan", {"when": {"text": "18 mars"}}, user_id="U1", private_metadata="7"
                )
            )
        )["payload"]
    )
    assert submission["view"]["state"]["values"] == {
        "when": {"text": {"type": "plain_text_input", "value": "18 mars"}}
    }
    assert submission["view"]["private_metadata"] == "7"

    event = json.loads(event_body({"type": "app_mention", "text": "hej"}, event_id="Ev1"))
    assert event["type"] == "event_callback" and event["event_id"] == "Ev1"


def test_bolt_app_against_the_fake(slack: FakeSlack) -> None:
    app = App(
        client=WebClient(token="xoxb-test", base_url=slack.base_url),
        signing_secret=SECRET,
        process_before_response=True,
    )

    @app.command("/mote")
    def mote(ack: Any, body: dict, client: WebClient, respond: Any) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=modal("Planera möte"))
        client.chat_postMessage(channel=body["channel_id"], text=f"Du skrev {body['text']}")
        respond(text="Öppnar")

    body = slash_command_body(
        "/mote", "planera", user_id="U1", channel_id="C1", response_url=slack.response_url("cmd")
    )
    # Bolt checks the timestamp against the real clock, hence None here.
    response = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET, None)))
    assert response.status == 200
    assert [m["text"] for m in slack.posted("C1")] == ["Du skrev planera"]
    assert slack.responses == [("cmd", {"text": "Öppnar"})]
    assert len(slack.views) == 1 and slack.violations == []

    forged = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, "wrong", None)))
    assert forged.status == 401


def test_bolt_accepts_the_interaction_bodies(slack: FakeSlack) -> None:
    app = App(
        client=WebClient(token="xoxb-test", base_url=slack.base_url),
        signing_secret=SECRET,
        process_before_response=True,
    )
    seen: list[str] = []

    @app.action("approve")
    def approve(ack: Any, body: dict, action: dict, respond: Any) -> None:
        ack()
        seen.append(f"action {action['value']} in {body['channel']['id']}")
        respond(text="Justerat", replace_original=False)

    @app.view("plan")
    def plan(ack: Any, view: dict) -> None:
        ack()
        seen.append(f"view {view['state']['values']['when']['text']['value']}")

    @app.event("app_mention")
    def mention(event: dict) -> None:
        seen.append(f"event {event['text']}")

    bodies = [
        block_action_body(
            "approve",
            "m1",
            user_id="U1",
            channel_id="C1",
            message_ts="1700000000.000100",
            response_url=slack.response_url("click"),
        ),
        view_submission_body("plan", {"when": {"text": "18 mars"}}, user_id="U1"),
    ]
    for body in bodies:
        answer = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, SECRET, None)))
        assert answer.status == 200, answer.body
    event = event_body({"type": "app_mention", "user": "U1", "text": "hej"}, event_id="Ev1")
    headers = signed_headers(event, SECRET, None, content_type="application/json")
    assert app.dispatch(BoltRequest(body=event, headers=headers)).status == 200
    retried = {**headers, **retry_headers(1)}
    assert app.dispatch(BoltRequest(body=event, headers=retried)).status == 200

    assert seen == ["action m1 in C1", "view 18 mars", "event hej", "event hej"]
    assert slack.responses_to("click") == [{"text": "Justerat", "replace_original": False}]
    assert slack.violations == []
