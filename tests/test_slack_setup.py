"""The Slack manifests match what the code registers; settings come from the environment."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.service import Justera
from bot.slack.app import build_bot
from bot.slack.config import SettingsError, SlackSettings
from bot.slack.handlers import APPROVE_REACTIONS, slash_commands
from bot.slack.modals import PROPOSE_SHORTCUT
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import message_shortcut_body, sign, slash_command_body

MANIFESTS = sorted((Path(__file__).resolve().parents[1] / "deploy" / "slack").glob("manifest*.yml"))


def handled(commands: list[str]) -> dict[str, int]:
    """The HTTP status Bolt answers each signed slash command with (404: nobody listens)."""
    with FakeSlack() as slack:
        settings = SlackSettings(bot_token="xoxb-test", signing_secret="s", api_url=slack.base_url)
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        app, _bot = build_bot(settings, Justera(lambda: None), client=client)

        async def dispatch(command: str) -> int:
            body = slash_command_body(command, "hjälp", user_id="UX", channel_id="CX")
            headers = sign(body, "s", None)
            request = AsyncBoltRequest(
                body=body, headers={k.lower(): [v] for k, v in headers.items()}
            )
            return (await app.async_dispatch(request)).status

        async def all_of_them() -> dict[str, int]:
            return {command: await dispatch(command) for command in commands}

        return asyncio.run(all_of_them())


def test_there_are_manifests_for_both_modes() -> None:
    assert [p.name for p in MANIFESTS] == ["manifest-http.yml", "manifest.yml"]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_lists_exactly_the_commands_the_code_registers(path: Path) -> None:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    listed = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert listed == set(slash_commands())
    statuses = handled([*sorted(listed), "/finnsinte"])
    assert statuses.pop("/finnsinte") == 404
    assert statuses == dict.fromkeys(listed, 200)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_has_the_scopes_events_and_settings_the_code_needs(path: Path) -> None:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "users:read",
        "reactions:read",
        "im:write",
        "files:write",
        "files:read",
        # A retry after a lost answer reads the channel, thread or DM for the message it may
        # have made (conversations.history / conversations.replies with metadata).
        "channels:history",
        "groups:history",
        "im:history",
    } <= scopes
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == [
        "app_home_opened",
        "reaction_added",
    ]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    for command in manifest["features"]["slash_commands"]:
        # Slack then sends typed @names as <@U…> mentions, which the commands resolve.
        assert command["should_escape"] is True
        assert len(command["description"]) <= 100
    socket = manifest["settings"]["socket_mode_enabled"]
    assert socket is (path.name == "manifest.yml")
    if not socket:
        urls = [c["url"] for c in manifest["features"]["slash_commands"]]
        urls += [manifest["settings"]["event_subscriptions"]["request_url"]]
        urls += [manifest["settings"]["interactivity"]["request_url"]]
        assert all(u.endswith("/slack/events") for u in urls)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_lists_exactly_the_shortcuts_the_code_registers(path: Path) -> None:
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    listed = {(s["callback_id"], s["type"]) for s in manifest["features"]["shortcuts"]}
    assert listed == {(PROPOSE_SHORTCUT, "message")}
    names = [s["name"] for s in manifest["features"]["shortcuts"]]
    assert names == ["Föreslå som ärende"]
    statuses = shortcut_statuses([PROPOSE_SHORTCUT, "finnsinte"])
    assert statuses == {PROPOSE_SHORTCUT: 200, "finnsinte": 404}


def shortcut_statuses(callback_ids: list[str]) -> dict[str, int]:
    """The HTTP status Bolt answers each signed message shortcut with (404: nobody listens)."""
    with FakeSlack() as slack:
        settings = SlackSettings(bot_token="xoxb-test", signing_secret="s", api_url=slack.base_url)
        client = AsyncWebClient(token="xoxb-test", base_url=slack.base_url)
        app, bot = build_bot(settings, Justera(lambda: None), client=client)

        async def dispatch(callback_id: str) -> int:
            message = {"ts": "1700000000.000100", "text": "Lokalerna", "user": "UX"}
            body = message_shortcut_body(callback_id, message, user_id="UX", channel_id="CX")
            headers = sign(body, "s", None)
            request = AsyncBoltRequest(
                body=body, headers={k.lower(): [v] for k, v in headers.items()}
            )
            return (await app.async_dispatch(request)).status

        async def all_of_them() -> dict[str, int]:
            statuses = {c: await dispatch(c) for c in callback_ids}
            await bot.later.join()
            return statuses

        return asyncio.run(all_of_them())


def test_approval_reactions_include_the_check_mark() -> None:
    assert "white_check_mark" in APPROVE_REACTIONS


def test_no_bot_token_means_the_console() -> None:
    assert SlackSettings.from_env({}) is None
    assert SlackSettings.from_env({"SLACK_SIGNING_SECRET": "x"}) is None


def test_http_mode_needs_the_signing_secret() -> None:
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"})
    settings = SlackSettings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s",
            "JUSTERA_PORT": "8080",
            "SLACK_API_URL": "https://slack-gov.com/api/",
        }
    )
    assert settings is not None and not settings.socket_mode
    assert settings.port == 8080 and settings.api_url == "https://slack-gov.com/api/"


def test_socket_mode_needs_an_app_level_token() -> None:
    settings = SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert settings is not None and settings.socket_mode
    with pytest.raises(SettingsError, match="xapp-"):
        SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"})


def test_a_reply_longer_than_slack_shows_is_cut_with_a_pointer() -> None:
    from bot.slack.handlers import REPLY_CHARS, reply

    assert reply("<!channel> kort") == "&lt;!channel&gt; kort"
    long = reply("x" * 50_000)
    assert len(long) < 40_000 and long.startswith("x" * REPLY_CHARS)
    assert long.endswith("hela texten finns i mötets tråd)")
