"""A first look at a Slack request's shape, so malformed bodies get a 400 instead of a crash."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

# For each payload type, the parts our listeners read and what kind of value each must be.
REQUIRED: dict[str, dict[str, type]] = {
    "block_actions": {"actions": list, "user": dict, "team": dict},
    "view_submission": {"view": dict, "user": dict, "team": dict},
    "view_closed": {"view": dict},
}


def well_formed(body: bytes, content_type: str) -> bool:
    """True when Bolt can route the body safely; the signature is checked by Bolt after this."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return _event_ok(json.loads(text))
        form = parse_qs(text, keep_blank_values=True)
        if "payload" not in form:
            return True  # a slash command: plain form fields, nothing nested
        return _payload_ok(json.loads(form["payload"][0]))
    except (UnicodeDecodeError, ValueError):
        return False


def _payload_ok(payload: Any) -> bool:
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return False
    for key, kind in REQUIRED.get(payload["type"], {}).items():
        if not isinstance(payload.get(key), kind):
            return False
    if payload["type"] == "block_actions":
        return all(isinstance(a, dict) for a in payload["actions"])
    if payload["type"] == "view_submission":
        view = payload["view"]
        return isinstance(view.get("state", {}), dict) and isinstance(
            view.get("private_metadata", ""), str
        )
    return True


def _event_ok(envelope: Any) -> bool:
    if not isinstance(envelope, dict) or not isinstance(envelope.get("type"), str):
        return False
    if envelope["type"] == "event_callback":
        event = envelope.get("event")
        return isinstance(event, dict) and isinstance(event.get("type"), str)
    return True
