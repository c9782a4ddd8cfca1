"""Requests shaped and signed as Slack sends them to an app: slash commands, actions, events."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

API_APP_ID = "A1"
TEAM_DOMAIN = "test"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
# Slack still sends the legacy verification token; Bolt ignores it, the signature is what counts.
VERIFICATION_TOKEN = "legacy-verification-token"
# Nothing listens on the discard port, so a test that forgot to pass response_url fails at once
# instead of reaching hooks.slack.com.
UNSET_RESPONSE_URL = "http://127.0.0.1:9/response/unset"
DEFAULT_ACTION_TS = "1700000000.000001"

_trigger_numbers = itertools.count(1)


def new_trigger_id(issued_at: float | None = None) -> str:
    """A fresh trigger_id in Slack's digits.digits.hex shape, unique within the test run.

    The middle part is when it was issued (wall clock, in ms): like Slack's, the fake refuses a
    trigger older than 3 s. Triggers live in real time because Slack's do.
    """
    n = next(_trigger_numbers)
    issued = time.time() if issued_at is None else issued_at
    return f"{1_700_000_000_000 + n}.{int(issued * 1000)}.{n:032x}"


def trigger_issued_at(trigger_id: str) -> float | None:
    parts = trigger_id.split(".")
    return int(parts[1]) / 1000 if len(parts) == 3 and parts[1].isdigit() else None


# What the tests type, turned into what Slack sends for a slash command with should_escape:
# "&", "<" and ">" as entities; a picked @name as <@U…|name>, #channel as <#C…|channel>,
# @here/@channel/@everyone as <!here>; a URL as <url>, and [text](url) (a link made in the
# composer) as <url|text>. A mention already written as Slack sends it, with its name
# (<@U…|name>, <#C…|name>), is kept, so that a test can name someone the fake does not know;
# anything else in angle brackets was typed, and is escaped.
_TYPED = re.compile(
    r"(?P<kept><[@#][UWC][A-Z0-9]+\|[^<>|]+>)"
    r"|\[(?P<label>[^\]]+)\]\((?P<target>https?://[^\s)]+)\)"
    r"|(?P<url>https?://[^\s<>|]+)"
    r"|(?<![\w@])@(?P<special>here|channel|everyone)\b"
    r"|(?<![\w@])@(?P<user>[a-z0-9._-]+)"
    r"|(?<![\w#&])#(?P<channel>[a-z0-9_-]+)"
)


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(
    typed: str,
    users: Mapping[str, str] | None = None,
    channels: Mapping[str, str] | None = None,
) -> str:
    """typed as Slack sends it; users and channels map names to ids (unknown names stay text)."""
    users, channels = users or {}, channels or {}
    out: list[str] = []
    end = 0
    for match in _TYPED.finditer(typed):
        kind = match.lastgroup
        if kind == "user" and match["user"] not in users:
            continue
        if kind == "channel" and match["channel"] not in channels:
            continue
        out.append(_entities(typed[end : match.start()]))
        end = match.end()
        if kind == "kept":
            out.append(match["kept"])
        elif kind == "target" or match["target"]:
            out.append(f"<{_entities(match['target'])}|{_entities(match['label'])}>")
        elif kind == "url":
            out.append(f"<{_entities(match['url'])}>")
        elif kind == "special":
            out.append(f"<!{match['special']}>")
        elif kind == "user":
            out.append(f"<@{users[match['user']]}|{match['user']}>")
        else:
            out.append(f"<#{channels[match['channel']]}|{match['channel']}>")
    out.append(_entities(typed[end:]))
    return "".join(out)


def sign(body: str | bytes, secret: str, timestamp: float | None) -> dict[str, str]:
    """Slack's v0 signature headers for a body.

    timestamp is required so that no test signs with the wall clock by accident; None means
    int(time.time()), for requests checked by Bolt, whose verifier compares with the real clock.
    """
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = f"v0:{stamp}:".encode() + raw
    digest = hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(stamp), "X-Slack-Signature": f"v0={digest}"}


def signed_headers(
    body: str | bytes, secret: str, timestamp: float | None, *, content_type: str = FORM
) -> dict[str, str]:
    """sign() plus the Content-Type Slack sends: form for commands and actions, JSON for events."""
    return {"Content-Type": content_type, **sign(body, secret, timestamp)}


def retry_headers(num: int, reason: str = "http_timeout") -> dict[str, str]:
    """The headers of Slack's redelivery of an event the app did not acknowledge in time."""
    return {"X-Slack-Retry-Num": str(num), "X-Slack-Retry-Reason": reason}


def slash_command_body(
    command: str,
    text: str,
    *,
    user_id: str,
    channel_id: str,
    team_id: str = "T1",
    trigger_id: str | None = None,
    response_url: str = UNSET_RESPONSE_URL,
    user_name: str | None = None,
    channel_name: str = "samverkan",
    team_domain: str = TEAM_DOMAIN,
    api_app_id: str = API_APP_ID,
) -> str:
    """A slash command, form-encoded with Slack's fields in Slack's order."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command if command.startswith("/") else f"/{command}",
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return urlencode(fields)


def _user(user_id: str, team_id: str, user_name: str | None) -> dict[str, str]:
    name = user_name or user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _payload_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


def block_action_body(
    action_id: str,
    value: str | None = None,
    *,
    user_id: str,
    channel_id: str | None = None,
    message_ts: str | None = None,
    block_id: str = "actions",
    team_id: str = "T1",
    trigger_id: str | None = None,
    response_url: str = UNSET_RESPONSE_URL,
    action_ts: str = DEFAULT_ACTION_TS,
    button_text: str = "OK",
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    state_values: dict[str, Any] | None = None,
    user_name: str | None = None,
    channel_name: str = "samverkan",
    selected_option: dict[str, Any] | None = None,
) -> str:
    """A button click, form-encoded as payload=<json>; with selected_option, a choice in a
    static_select menu instead (Slack then sends the option, not a value).

    A click in a message needs channel_id and message_ts; a click in a modal passes view instead
    (then Slack sends no channel, message or response_url).
    """
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": button_text, "emoji": True},
        "type": "button",
        "action_ts": action_ts,
    }
    if selected_option is not None:
        del action["text"]
        action.update(type="static_select", selected_option=selected_option)
    if value is not None:
        action["value"] = value
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": state_values or {}},
        "actions": [action],
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "V1")}
        payload["view"] = view
    else:
        if channel_id is None or message_ts is None:
            raise ValueError("a click in a message needs channel_id and message_ts")
        payload["container"] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        }
        payload["channel"] = {"id": channel_id, "name": channel_name}
        payload["message"] = message or {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": message_ts,
            "text": "",
            "blocks": [],
        }
        payload["response_url"] = response_url
    return _payload_body(payload)


def _state_values(values: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # A bare string is what a plain_text_input holds; anything else is passed through as given.
    return {
        block_id: {
            action_id: (
                {"type": "plain_text_input", "value": entry} if isinstance(entry, str) else entry
            )
            for action_id, entry in actions.items()
        }
        for block_id, actions in values.items()
    }


def view_submission_body(
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    user_id: str,
    view_id: str = "V1",
    private_metadata: str = "",
    team_id: str = "T1",
    trigger_id: str | None = None,
    title: str = "Justera",
    submit: str = "Spara",
    blocks: list[dict[str, Any]] | None = None,
    view_hash: str = "1700000000.abcdef",
    response_urls: list[dict[str, Any]] | None = None,
    user_name: str | None = None,
) -> str:
    """A modal's submission, form-encoded as payload=<json>.

    values is view.state.values: {block_id: {action_id: value}}, where a bare string stands for
    a plain_text_input's {"type": "plain_text_input", "value": ...}.
    """
    view = {
        "id": view_id,
        "team_id": team_id,
        "type": "modal",
        "blocks": blocks or [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": _state_values(values)},
        "hash": view_hash,
        "title": {"type": "plain_text", "text": title, "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": {"type": "plain_text", "text": "Avbryt", "emoji": True},
        "submit": {"type": "plain_text", "text": submit, "emoji": True},
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": API_APP_ID,
        "external_id": "",
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }
    payload = {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": view,
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _payload_body(payload)


def event_body(
    event: dict[str, Any],
    *,
    event_id: str,
    team_id: str = "T1",
    event_time: int = 1_700_000_000,
    api_app_id: str = API_APP_ID,
) -> str:
    """An Events API delivery: the event_callback envelope around event, as JSON."""
    envelope = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event_id}",
    }
    return json.dumps(envelope, ensure_ascii=False)


def message_shortcut_body(
    callback_id: str,
    message: dict[str, Any],
    *,
    user_id: str,
    channel_id: str,
    team_id: str = "T1",
    trigger_id: str | None = None,
    response_url: str = UNSET_RESPONSE_URL,
    user_name: str | None = None,
    channel_name: str = "samverkan",
) -> str:
    """A message shortcut chosen on message (a dict with ts and text), as payload=<json>."""
    payload = {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": DEFAULT_ACTION_TS,
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id, user_name),
        "channel": {"id": channel_id, "name": channel_name},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
        "response_url": response_url,
        "message_ts": message["ts"],
        "message": {"type": "message", **message},
    }
    return _payload_body(payload)
