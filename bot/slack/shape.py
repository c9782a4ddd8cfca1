"""A first look at a Slack request's shape, so malformed bodies get a 400 instead of a crash."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION
from bot.slack.modals import (
    CHANGE_VIEW,
    PROPOSE_SHORTCUT,
    PROPOSE_VIEW,
    RISK_CHOICES,
    SECTION_CHOICES,
    YEAR_IMPORT_VIEW,
)

# For each payload type, the parts our listeners read and what kind of value each must be.
REQUIRED: dict[str, dict[str, type]] = {
    "block_actions": {"actions": list, "user": dict, "team": dict},
    "view_submission": {"view": dict, "user": dict, "team": dict},
    "view_closed": {"view": dict},
    "message_action": {"channel": dict, "user": dict, "team": dict, "message": dict},
}
COMMAND_FIELDS = ("team_id", "user_id", "channel_id", "command")
SECTIONS = {s.value for s in SECTION_CHOICES}


def well_formed(body: bytes, content_type: str) -> bool:
    """True when Bolt and our listeners can take the body; its signature is checked before."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return _event_ok(json.loads(text))
        if _plain_command(text):
            return True
        form = parse_qs(text, keep_blank_values=True)
        if "payload" not in form:
            # A slash command: plain form fields, each of those we read present once.
            return all(len(form.get(name, [])) == 1 and form[name][0] for name in COMMAND_FIELDS)
        return _payload_ok(json.loads(form["payload"][0]))
    except (UnicodeDecodeError, ValueError, TypeError, AttributeError):
        return False


def _plain_command(text: str) -> bool:
    """A slash command whose field names need no decoding, with each field we read once and
    not empty: the answer parse_qs gives, without decoding every value (Bolt parses the
    body again, and the values, the text among them, are most of it). Anything else, a
    payload or an encoded name, is left to parse_qs."""
    seen: dict[str, bool] = {}
    for pair in text.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        if "%" in name or "+" in name or name == "payload":
            return False
        if name in seen:
            seen[name] = False
        else:
            # A value that is not empty stays so decoded: "+" is a space, "%.." a character.
            seen[name] = bool(value)
    return all(seen.get(name) for name in COMMAND_FIELDS)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id_of(part: Any) -> bool:
    return isinstance(part, dict) and _text(part.get("id"))


def _payload_ok(payload: Any) -> bool:
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return False
    for key, kind in REQUIRED.get(payload["type"], {}).items():
        if not isinstance(payload.get(key), kind):
            return False
    kind = payload["type"]
    if kind in REQUIRED and kind != "view_closed" and not _id_of(payload.get("user")):
        return False
    if kind in REQUIRED and kind != "view_closed" and not _id_of(payload.get("team")):
        return False
    if kind == "block_actions":
        return all(_action_ok(a, payload) for a in payload["actions"])
    if kind == "view_submission":
        return _view_ok(payload["view"])
    if kind == "message_action" and payload.get("callback_id") == PROPOSE_SHORTCUT:
        message = payload["message"]
        return (
            _id_of(payload["channel"])
            and _text(payload.get("trigger_id"))
            and _text(message.get("ts") or payload.get("message_ts"))
            and isinstance(message.get("text", ""), str)
        )
    return True


def _action_ok(action: Any, payload: dict[str, Any]) -> bool:
    if not isinstance(action, dict):
        return False
    if action.get("action_id") not in (APPROVE_ACTION, CHANGE_ACTION):
        return True
    # Our buttons carry {"meeting": 1, "version": 2} and, on the App Home, the channel.
    try:
        value = json.loads(action.get("value") or "")
    except (TypeError, ValueError):
        return False
    if not (isinstance(value, dict) and _int(value.get("meeting")) and _int(value.get("version"))):
        return False
    channel = value.get("channel")
    if channel is not None and not _text(channel):
        return False
    if channel is None and not _id_of(payload.get("channel")):
        return False
    return action["action_id"] != CHANGE_ACTION or _text(payload.get("trigger_id"))


def _view_ok(view: dict[str, Any]) -> bool:
    state = view.get("state", {})
    if not isinstance(state, dict) or not isinstance(view.get("private_metadata", ""), str):
        return False
    callback = view.get("callback_id")
    if callback not in (PROPOSE_VIEW, CHANGE_VIEW, YEAR_IMPORT_VIEW):
        return True
    if not _text(view.get("id")):
        return False
    # What we sent in private_metadata, and state.values as {block: {"value": element}}.
    meta = json.loads(view.get("private_metadata") or "")
    if not isinstance(meta, dict) or not _text(meta.get("channel")):
        return False
    if callback == PROPOSE_VIEW and not (meta.get("meeting") is None or _int(meta["meeting"])):
        return False
    if callback == CHANGE_VIEW and not (_int(meta.get("meeting")) and _int(meta.get("version"))):
        return False
    values = state.get("values", {})
    if not isinstance(values, dict):
        return False
    chosen: dict[str, Any] = {}
    for block in values.values():
        if not isinstance(block, dict) or not isinstance(block.get("value", {}), dict):
            return False
    for block_id, block in values.items():
        element = block.get("value", {})
        if "selected_option" in element:
            option = element["selected_option"]
            if option is not None and not (isinstance(option, dict) and _text(option.get("value"))):
                return False
            chosen[block_id] = option["value"] if option else None
        elif element.get("value") is not None and not isinstance(element["value"], str):
            return False
    if callback == PROPOSE_VIEW:
        if chosen.get("section") not in (None, *SECTIONS):
            return False
        if chosen.get("risk") not in (None, *RISK_CHOICES):
            return False
    return True


def _event_ok(envelope: Any) -> bool:
    if not isinstance(envelope, dict) or not isinstance(envelope.get("type"), str):
        return False
    if envelope["type"] != "event_callback":
        return True
    event = envelope.get("event")
    if not (isinstance(event, dict) and isinstance(event.get("type"), str)):
        return False
    if event["type"] in ("reaction_added", "app_home_opened"):
        if not (_text(envelope.get("team_id")) and _text(envelope.get("event_id"))):
            return False
        if not _text(event.get("user")):
            return False
    if event["type"] == "reaction_added":
        item = event.get("item")
        if not isinstance(item, dict):
            return False
        if item.get("type") == "message":
            return _text(item.get("channel")) and _text(item.get("ts"))
    return True
