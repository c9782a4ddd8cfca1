"""Agendas and minutes as Slack Block Kit, built with slack_sdk's models so Slack's limits hold."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

SECTION_CHARS = 2900  # Slack allows 3000 per section; leave room for escaping growth
BLOCKS_PER_MESSAGE = 45  # Slack allows 50; the last message also carries status and buttons
HEADER_CHARS = 150

APPROVE_ACTION = "justera_approve"
CHANGE_ACTION = "justera_request_change"


def escape(text: str) -> str:
    """Slack's own escaping: user text can then never form a mention, link or broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chunks(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """Split on line ends (hard-splitting an over-long line) into pieces within the limit."""
    pieces: list[str] = []
    current = ""
    for line in escape(text).split("\n"):
        while len(line) > limit:
            pieces += [current] if current else []
            current = ""
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        pieces.append(current)
    return [p for p in pieces if p.strip()]


def _section(text: str) -> dict[str, Any]:
    return SectionBlock(text=MarkdownTextObject(text=text)).to_dict()


def _header(text: str) -> dict[str, Any]:
    return HeaderBlock(text=PlainTextObject(text=text[:HEADER_CHARS])).to_dict()


def _context(text: str) -> dict[str, Any]:
    return ContextBlock(elements=[MarkdownTextObject(text=escape(text)[:SECTION_CHARS])]).to_dict()


def agenda_blocks(agenda_text: str, note: str) -> list[dict[str, Any]]:
    title, _, body = agenda_text.partition("\n")
    blocks = [_header(title)]
    blocks += [_section(piece) for piece in chunks(body)][:BLOCKS_PER_MESSAGE]
    blocks.append(_context(note))
    return blocks


def minutes_messages(
    minutes_text: str, heading: str, status: str, meeting_id: int, version: int
) -> list[list[dict[str, Any]]]:
    """The draft as one or more messages; the last ends with its status line and the buttons."""
    sections = [_section(piece) for piece in chunks(minutes_text)]
    messages: list[list[dict[str, Any]]] = []
    first = [_header(heading)]
    for start in range(0, max(len(sections), 1), BLOCKS_PER_MESSAGE):
        page = sections[start : start + BLOCKS_PER_MESSAGE]
        messages.append(first + page)
        first = []
    messages[-1] += status_blocks(status, meeting_id, version)
    return messages


def status_blocks(status: str, meeting_id: int, version: int) -> list[dict[str, Any]]:
    value = json.dumps({"meeting": meeting_id, "version": version})
    buttons = ActionsBlock(
        block_id=f"justering-{meeting_id}-{version}",
        elements=[
            ButtonElement(text="Godkänn", action_id=APPROVE_ACTION, value=value, style="primary"),
            ButtonElement(text="Begär ändring", action_id=CHANGE_ACTION, value=value),
        ],
    ).to_dict()
    return [_context(status), buttons]


def final_blocks(final_text: str, heading: str) -> list[list[dict[str, Any]]]:
    sections = [_section(piece) for piece in chunks(final_text)]
    pages = [sections[i : i + BLOCKS_PER_MESSAGE] for i in range(0, len(sections), 45)] or [[]]
    pages[0] = [_header(heading), *pages[0]]
    return pages


def text_blocks(text: str) -> list[dict[str, Any]]:
    return [_section(piece) for piece in chunks(text)][:BLOCKS_PER_MESSAGE]
