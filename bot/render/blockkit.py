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
    Option,
    OptionGroup,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)

from bot.render.pieces import split_lines

SECTION_CHARS = 2900  # Slack allows 3000 per section; leave room for escaping growth
BLOCKS_PER_MESSAGE = 45  # Slack allows 50; the last message also carries status and buttons
HEADER_CHARS = 150
# Slack refuses a message whose blocks hold more than about 12,000 characters of text in all
# (msg_blocks_too_long), even when every block is within its own limit: keep well under.
MESSAGE_CHARS = 11_000

APPROVE_ACTION = "justera_approve"
CHANGE_ACTION = "justera_request_change"
EDIT_ACTION = "justera_edit_item_menu"  # the draft's menu of items, for the chair and secretary
MENU_OPTIONS = 100  # Slack's most options in one select, over all its groups
OPTION_CHARS = 75  # an option's text and a group's label


def escape(text: str) -> str:
    """Slack's own escaping: user text can then never form a mention, link or broadcast."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chunks(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """Split on line ends (hard-splitting an over-long line) into pieces within the limit."""
    return split_lines(escape(text), limit)


def _section(text: str) -> dict[str, Any]:
    return SectionBlock(text=MarkdownTextObject(text=text)).to_dict()


def _header(text: str) -> dict[str, Any]:
    return HeaderBlock(text=PlainTextObject(text=text[:HEADER_CHARS])).to_dict()


def _context(text: str) -> dict[str, Any]:
    return ContextBlock(elements=[MarkdownTextObject(text=escape(text)[:SECTION_CHARS])]).to_dict()


def text_size(blocks: Any) -> int:
    """The characters of text in blocks, as Slack counts them against its total."""
    if isinstance(blocks, list):
        return sum(text_size(b) for b in blocks)
    if isinstance(blocks, dict):
        own = len(blocks["text"]) if isinstance(blocks.get("text"), str) else 0
        return own + sum(text_size(v) for k, v in blocks.items() if isinstance(v, dict | list))
    return 0


def paged(
    sections: list[dict[str, Any]], first: list[dict[str, Any]], last: list[dict[str, Any]]
) -> list[list[dict[str, Any]]]:
    """Sections in order over as many messages as Slack's block count and total text need;
    first opens the first message and last closes the last one."""
    pages: list[list[dict[str, Any]]] = [list(first)]
    size = text_size(first)
    for block in sections:
        n = text_size(block)
        full = len(pages[-1]) >= BLOCKS_PER_MESSAGE or size + n > MESSAGE_CHARS
        if full and pages[-1]:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += n
    if last:
        if pages[-1] and (
            size + text_size(last) > MESSAGE_CHARS
            or len(pages[-1]) + len(last) > BLOCKS_PER_MESSAGE + 5
        ):
            pages.append([])
        pages[-1] += last
    return [page for page in pages if page] or [[]]


def agenda_blocks(agenda_text: str, note: str) -> list[dict[str, Any]]:
    """The ärendelista is one message (it is updated in place): cut to Slack's total."""
    title, _, body = agenda_text.partition("\n")
    blocks = [_header(title)]
    size = text_size(blocks) + len(note)
    for piece in chunks(body):
        if len(blocks) > BLOCKS_PER_MESSAGE or size + len(piece) > MESSAGE_CHARS:
            note = f"(Förkortad; hela listan: /mote visa.) {note}"
            break
        blocks.append(_section(piece))
        size += len(piece)
    blocks.append(_context(note))
    return blocks


def minutes_messages(
    minutes_text: str,
    heading: str,
    status: str,
    meeting_id: int,
    version: int,
    items: tuple[tuple[str, int, str], ...] = (),
    meeting_number: int = 0,
) -> list[list[dict[str, Any]]]:
    """The draft as one or more messages; the last ends with its status line and the buttons."""
    sections = [_section(piece) for piece in chunks(minutes_text)]
    last = status_blocks(status, meeting_id, version, items, meeting_number)
    return paged(sections, [_header(heading)], last)


def status_blocks(
    status: str,
    meeting_id: int,
    version: int,
    items: tuple[tuple[str, int, str], ...] = (),
    meeting_number: int = 0,
) -> list[dict[str, Any]]:
    value = json.dumps({"meeting": meeting_id, "version": version})
    elements: list[Any] = [
        ButtonElement(text="Godkänn", action_id=APPROVE_ACTION, value=value, style="primary"),
        ButtonElement(text="Begär ändring", action_id=CHANGE_ACTION, value=value),
    ]
    menu = edit_menu(items, meeting_number or meeting_id)
    if menu is not None:
        elements.append(menu)
    # One actions block for both: the menu costs no block of the message's fifty.
    buttons = ActionsBlock(block_id=f"justering-{meeting_id}-{version}", elements=elements)
    return [_context(status), buttons.to_dict()]


def edit_menu(
    items: tuple[tuple[str, int, str], ...], meeting_number: int
) -> StaticSelectElement | None:
    """ "Ändra ett ärende": the draft's items grouped by section; choosing one opens its form.

    Anyone sees it (a channel message is the same for all); the server lets only the chair and
    the secretary open the form. The value names the group's meeting number and the item.
    """
    groups: dict[str, list[Option]] = {}
    for section, number, title in items[:MENU_OPTIONS]:
        value = json.dumps({"meeting": meeting_number, "number": number})
        text = escape(_cut(f"{number}. {title}", OPTION_CHARS))
        groups.setdefault(section, []).append(Option(value=value, text=text))
    if not groups:
        return None
    return StaticSelectElement(
        action_id=EDIT_ACTION,
        placeholder="Ändra ett ärende…",
        option_groups=[
            OptionGroup(label=escape(_cut(s, OPTION_CHARS)), options=o) for s, o in groups.items()
        ],
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def final_blocks(final_text: str, heading: str) -> list[list[dict[str, Any]]]:
    sections = [_section(piece) for piece in chunks(final_text)]
    return paged(sections, [_header(heading)], [])


def text_blocks(text: str) -> list[dict[str, Any]]:
    return [_section(piece) for piece in chunks(text)][:BLOCKS_PER_MESSAGE]
