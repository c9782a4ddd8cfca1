"""The forms: proposing an agenda item, asking for a change, and correcting an item's text."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.core.limits import LIMITS
from bot.core.model import Section

PROPOSE_VIEW = "justera_propose"
PROPOSE_SHORTCUT = "justera_propose_from_message"  # the message shortcut "Föreslå som ärende"
CHANGE_VIEW = "justera_change"
YEAR_IMPORT_VIEW = "justera_year_import"
EDIT_ITEM_VIEW = "justera_edit_item"
ENTRY_BLOCK = "entry_"  # one text input per entry: entry_<reference within the item>
COMMITMENT_BLOCK = "followup_"  # one per commitment on the item: followup_<its number>
YAML_CHARS = 3000  # Slack's most for one text input

SECTION_CHOICES = [Section.INFORMATION, Section.DIALOG, Section.BESLUT, Section.OVRIGT]
RISK_CHOICES = {"ja": True, "nej": False, "–": None}

# Which form field shows a refusal about which part of the item.
FIELD_OF_ERROR = {
    "field_title": "title",
    "field_presenter": "presenter",
    "field_description": "description",
    "field_links": "links",
    "risk_only_beslut": "risk",
    "unknown_section": "section",
    "opening_is_standing": "section",
}


def _text_input(
    block_id: str,
    label: str,
    field: str,
    *,
    optional: bool,
    multiline: bool = False,
    initial: str = "",
):
    return InputBlock(
        block_id=block_id,
        label=PlainTextObject(text=label),
        optional=optional,
        element=PlainTextInputElement(
            action_id="value",
            max_length=LIMITS[field],
            multiline=multiline,
            # Slack refuses a form whose initial text is longer than its field allows.
            initial_value=initial[: LIMITS[field]] or None,
        ),
    )


def propose_view(
    channel_id: str, meeting_ref: int | None, *, description: str = "", links: str = ""
) -> dict[str, Any]:
    """The proposal form; the message shortcut fills in the message and its link."""
    sections = [Option(value=s.value, label=s.value) for s in SECTION_CHOICES]
    risk = [Option(value=k, label=k if k != "–" else "ej angivet") for k in RISK_CHOICES]
    return View(
        type="modal",
        callback_id=PROPOSE_VIEW,
        title=PlainTextObject(text="Föreslå ärende"),
        submit=PlainTextObject(text="Föreslå"),
        close=PlainTextObject(text="Avbryt"),
        private_metadata=json.dumps({"channel": channel_id, "meeting": meeting_ref}),
        blocks=[
            _text_input("title", "Rubrik", "title", optional=False),
            InputBlock(
                block_id="section",
                label=PlainTextObject(text="Sektion"),
                element=StaticSelectElement(
                    action_id="value", options=sections, initial_option=sections[1]
                ),
            ),
            _text_input("presenter", "Föredragande", "presenter", optional=True),
            _text_input(
                "description",
                "Beskrivning",
                "description",
                optional=True,
                multiline=True,
                initial=description,
            ),
            _text_input("links", "Länkar till underlag", "links", optional=True, initial=links),
            InputBlock(
                block_id="risk",
                label=PlainTextObject(text="Riskbedömning gjord (Beslut-ärenden)"),
                optional=True,
                element=RadioButtonsElement(action_id="value", options=risk),
            ),
        ],
    ).to_dict()


def change_view(channel_id: str, meeting_id: int, version: int) -> dict[str, Any]:
    return View(
        type="modal",
        callback_id=CHANGE_VIEW,
        title=PlainTextObject(text="Begär ändring"),
        submit=PlainTextObject(text="Skicka"),
        close=PlainTextObject(text="Avbryt"),
        private_metadata=json.dumps(
            {"channel": channel_id, "meeting": meeting_id, "version": version}
        ),
        blocks=[
            _text_input("comment", "Vad ska ändras?", "comment", optional=False, multiline=True),
        ],
    ).to_dict()


def year_import_view(channel_id: str) -> dict[str, Any]:
    return View(
        type="modal",
        callback_id=YEAR_IMPORT_VIEW,
        title=PlainTextObject(text="Importera årsklocka"),
        submit=PlainTextObject(text="Importera"),
        close=PlainTextObject(text="Avbryt"),
        private_metadata=json.dumps({"channel": channel_id}),
        blocks=[
            InputBlock(
                block_id="yaml",
                label=PlainTextObject(text="Årsklockan som YAML (från /arsklocka export)"),
                element=PlainTextInputElement(
                    action_id="value", multiline=True, max_length=YAML_CHARS
                ),
            )
        ],
    ).to_dict()


def edit_item_view(
    channel_id: str,
    meeting_ref: int,
    number: int,
    title: str,
    presenter: str,
    entries: list[tuple[int, str, str]],
    commitments: list[tuple[int, str]] = (),
    *,
    from_draft: bool = False,
) -> dict[str, Any]:
    """The item's whole text to correct at once: title, föredragande, every entry and commitment.

    meeting_ref is the group's meeting number; entries are (reference within the item, label,
    text); commitments are (number, "vem; vad; när"); emptying either removes it. from_draft:
    opened on the posted draft, so saving posts the next version too.
    """

    def filled(block_id: str, label: str, field: str, value: str, *, optional: bool) -> Any:
        return InputBlock(
            block_id=block_id,
            label=PlainTextObject(text=label[:150]),
            optional=optional,
            element=PlainTextInputElement(
                action_id="value",
                max_length=_length(field),
                multiline=field in ("note", "statement"),
                initial_value=value or None,
            ),
        )

    blocks = [
        filled("title", "Rubrik", "title", title, optional=False),
        filled("presenter", "Föredragande", "presenter", presenter, optional=True),
    ]
    for seq, label, text in entries[:MAX_ENTRY_INPUTS]:
        field = "statement" if label.startswith("Protokollsanteckning") else "note"
        blocks.append(filled(f"{ENTRY_BLOCK}{seq}", label, field, text, optional=True))
    shown = commitments[: MAX_BLOCKS - len(blocks)]
    for number_, line in shown:
        label = f"Uppföljning {number_} (vem; vad; när)"
        blocks.append(
            filled(f"{COMMITMENT_BLOCK}{number_}", label, "form_line", line, optional=True)
        )
    return View(
        type="modal",
        callback_id=EDIT_ITEM_VIEW,
        title=PlainTextObject(text=f"Ändra ärende {number}"[:24]),
        submit=PlainTextObject(text="Spara"),
        close=PlainTextObject(text="Avbryt"),
        private_metadata=json.dumps(
            {
                "channel": channel_id,
                "meeting": meeting_ref,
                "number": number,
                "draft": from_draft,
                "entries": [seq for seq, _, _ in entries[:MAX_ENTRY_INPUTS]],
                # As shown: only what the form changes is sent to be changed.
                "commitments": {str(n): line for n, line in shown},
            }
        ),
        blocks=blocks,
    ).to_dict()


MAX_ENTRY_INPUTS = 90  # a modal holds 100 blocks; the rest stay for /anteckning ändra 4.N
MAX_BLOCKS = 100


def _length(field: str) -> int:
    if field == "form_line":  # who; what; by when, each within its own limit
        return min(LIMITS["responsible"] + LIMITS["commitment"] + 100, 3000)
    return LIMITS[field]


def submitted(view: dict[str, Any]) -> dict[str, Any]:
    """The values of a submitted form by block id (text, the selected option's value, or None)."""
    values: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        action = actions.get("value", {})
        if "selected_option" in action:
            chosen = action["selected_option"]
            values[block_id] = chosen["value"] if chosen else None
        else:
            values[block_id] = action.get("value") or ""
    return values
