"""Slack's escaped text (&amp;, <@U…|name>, <#C…|name>, <url|text>) decoded to what was typed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

# A user mention survives decoding as this token until the command's fields are split, so that
# /justerare and /grupp medlem can still tell a picked person from typed text. The two marks are
# private-use characters: nobody types them, and any that arrive are dropped first.
OPEN, CLOSE = "\ue000", "\ue001"
MENTION_TOKEN = re.compile(f"{OPEN}([UW][A-Z0-9]+){CLOSE}")

# Only Slack's own markup contains a bare "<": a typed one arrives as &lt;.
_MARKUP = re.compile(r"<([^<>]*)>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def _entities(text: str) -> str:
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def _markup(inner: str, labels: dict[str, str]) -> str:
    target, _, label = inner.partition("|")
    label = _entities(label)
    if target.startswith("@"):
        if label:
            labels.setdefault(target[1:], label)
        return f"{OPEN}{target[1:]}{CLOSE}"
    if target.startswith("#"):
        return f"#{label or target[1:]}"
    if target.startswith("!"):
        # <!here>, <!channel>, <!subteam^S1|@lag>, <!date^…|fallback>: the words, never a ping.
        word = target[1:].split("^", 1)[0]
        return label or f"@{word}"
    url = _entities(target)
    if url.startswith("mailto:"):
        return label or url.removeprefix("mailto:")
    if not label or label == url or label == url.split("://", 1)[-1]:
        return url
    return f"{label} ({url})"


def decode(text: str, labels: dict[str, str] | None = None) -> str:
    """Slack's form of a typed text back to the text: links and channels plain, entities undone.

    User mentions become MENTION_TOKEN tokens; names() turns them into names afterwards. The
    names Slack gave with them (<@U1|anna>) are collected in labels, for when no lookup answers.
    """
    labels = {} if labels is None else labels
    text = text.replace(OPEN, "").replace(CLOSE, "")
    pieces: list[str] = []
    end = 0
    for match in _MARKUP.finditer(text):
        pieces.append(_entities(text[end : match.start()]))
        pieces.append(_markup(match.group(1), labels))
        end = match.end()
    pieces.append(_entities(text[end:]))
    return "".join(pieces)


def mentioned(text: str) -> list[str]:
    """The user ids mentioned in decoded text, in order, each once."""
    return list(dict.fromkeys(MENTION_TOKEN.findall(text)))


def names(text: str, name_of: Callable[[str], str]) -> str:
    """Decoded text with each user mention replaced by that person's name."""
    return MENTION_TOKEN.sub(lambda m: name_of(m.group(1)), text)


def name_mentions(value: Any, name_of: Callable[[str], str]) -> Any:
    """The same for every string in a parsed call's arguments (tuples, lists and dicts too)."""
    if isinstance(value, str):
        # Only text with a mention changes: an enum member (a str too) stays what it is.
        return names(value, name_of) if OPEN in value else value
    if isinstance(value, tuple):
        return tuple(name_mentions(v, name_of) for v in value)
    if isinstance(value, list):
        return [name_mentions(v, name_of) for v in value]
    if isinstance(value, Mapping):
        return {k: name_mentions(v, name_of) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A command's changes (e.g. /uppfoljning ändra's): its text fields, references kept.
        fields = {
            f.name: name_mentions(getattr(value, f.name), name_of)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **fields)
    return value
