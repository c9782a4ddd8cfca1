"""The dialogs: proposing an item, correcting one whole (as the Slack forms), a change request."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.core.limits import LIMITS
from bot.core.model import Section
from bot.render import adaptivecards as cards

PROPOSE_FIELDS = ("title", "section", "presenter", "description", "links", "risk")
SECTION_CHOICES = [Section.INFORMATION, Section.DIALOG, Section.BESLUT, Section.OVRIGT]
RISK_CHOICES = {"ja": True, "nej": False, "–": None}
CHANGE_SEND_VERB = "justera_change_send"
PROPOSE_DIALOG = "propose"
EDIT_DIALOG = cards.EDIT_ITEM_DIALOG  # the draft card's "Ändra" opens it too
CHANGE_DIALOG = cards.CHANGE_DIALOG  # the status card's "Begär ändring"
ENTRY_FIELD = "entry_"  # one input per entry: entry_<reference within the item>
COMMITMENT_FIELD = "followup_"  # one per commitment on the item: followup_<its number>
MAX_EDIT_INPUTS = 90  # a dialog stays readable and within Teams' card size

# Which dialog field shows a refusal about which part of the item (as the Slack form does).
FIELD_OF_ERROR = {
    "field_title": "title",
    "field_presenter": "presenter",
    "field_description": "description",
    "field_links": "links",
    "risk_only_beslut": "risk",
    "unknown_section": "section",
    "opening_is_standing": "section",
}

LABELS = {
    "sv": {
        "heading": "Föreslå ärende",
        "title": "Rubrik",
        "section": "Sektion",
        "presenter": "Föredragande",
        "description": "Beskrivning",
        "links": "Länkar till underlag",
        "risk": "Riskbedömning gjord (Beslut-ärenden)",
        "submit": "Föreslå",
        "open": "Öppna formuläret",
        "open_text": "Föreslå ett ärende i formuläret, eller skriv till exempel "
        "`arende Beslut; OSA-mål 2026; riskbedömning: ja`.",
        "change": "Vad ska ändras?",
        "send": "Skicka begäran",
        "cancel": "Avbryt",
        "unset": "ej angivet",
        "edit": "Ändra ärende {number}",
        "edit_open": "Ändra ärende {number} i formuläret: rubrik, föredragande, anteckningar och "
        "uppföljningar. Tömmer du en rad tas den bort.",
        "followup": "Uppföljning {number} (vem; vad; när)",
        "save": "Spara",
    },
    "en": {
        "heading": "Propose an item",
        "title": "Title",
        "section": "Section",
        "presenter": "Presenter",
        "description": "Description",
        "links": "Links to material",
        "risk": "Risk assessment done (Beslut items)",
        "submit": "Propose",
        "open": "Open the form",
        "open_text": "Propose an item in the form, or type for example "
        "`arende Beslut; OSA-mål 2026; riskbedömning: ja`.",
        "change": "What should change?",
        "send": "Send the request",
        "cancel": "Cancel",
        "unset": "not given",
        "edit": "Edit item {number}",
        "edit_open": "Edit item {number} in the form: title, presenter, notes and commitments. "
        "Emptying a line removes it.",
        "followup": "Commitment {number} (who; what; by when)",
        "save": "Save",
    },
}


def _labels(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "sv"]


def open_propose_card(lang: str) -> dict[str, Any]:
    """A typed `arende` alone: a button that opens the dialog (a message cannot open one)."""
    words = _labels(lang)
    return cards.check(
        cards.card(
            [cards.plain(words["open_text"])],
            actions=[
                {
                    "type": "Action.Submit",
                    "title": words["open"],
                    "data": {"msteams": {"type": "task/fetch"}, "dialog": PROPOSE_DIALOG},
                }
            ],
        )
    )


def _text_input(
    key: str,
    words: dict[str, str],
    shown: dict[str, str],
    errors: dict[str, str],
    *,
    required: bool = False,
    multiline: bool = False,
) -> list[dict[str, Any]]:
    """One of the item's own text fields: its label, what is shown, its limit and its refusal."""
    return cards.text_input(
        key,
        words[key],
        shown.get(key, ""),
        required=required,
        multiline=multiline,
        max_length=LIMITS[key],
        error=errors.get(key, ""),
    )


def propose_card(
    lang: str, values: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    words, values, errors = _labels(lang), values or {}, errors or {}
    sections = [(s.value, s.value) for s in SECTION_CHOICES]
    risks = [(k, k if k != "–" else words["unset"]) for k in RISK_CHOICES]
    fields = [
        *_text_input("title", words, values, errors, required=True),
        *cards.choice_input(
            "section",
            words["section"],
            sections,
            values.get("section") or Section.DIALOG.value,
            errors.get("section", ""),
        ),
        *_text_input("presenter", words, values, errors),
        *_text_input("description", words, values, errors, multiline=True),
        *_text_input("links", words, values, errors),
        *cards.choice_input(
            "risk", words["risk"], risks, values.get("risk") or "–", errors.get("risk", "")
        ),
    ]
    return cards.form_card(words["heading"], fields, words["submit"], {"dialog": PROPOSE_DIALOG})


def propose_task(
    lang: str, values: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    """The task module answer that shows (or shows again) the dialog."""
    return _dialog(_labels(lang)["heading"], propose_card(lang, values, errors))


def _dialog(title: str, card: dict[str, Any], height: str = "large") -> dict[str, Any]:
    """The task module answer that shows (or shows again) a dialog."""
    return {
        "task": {
            "type": "continue",
            "value": {
                "title": title,
                "width": "medium",
                "height": height,
                "card": cards.attachment(card),
            },
        }
    }


def done(message: str) -> dict[str, Any]:
    """The dialog closes and Teams shows the sentence."""
    return {"task": {"type": "message", "value": message[:1000]}}


def title_from_message(payload: dict[str, Any]) -> str:
    """The first line of the message the action was started from, as plain text."""
    content = str((payload.get("body") or {}).get("content") or "")
    text = re.sub(r"<br\s*/?>|</p>", "\n", content, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first[: LIMITS["title"]]


def _comment_input(lang: str, comment: str, error: str) -> list[dict[str, Any]]:
    return cards.text_input(
        "comment",
        _labels(lang)["change"],
        comment,
        required=True,
        multiline=True,
        max_length=LIMITS.get("comment", 2000),
        error=error,
    )


def change_task(
    meeting_id: int,
    version: int,
    lang: str,
    comment: str = "",
    error: str = "",
    *,
    number: int = 0,
    home_channel: str = "",
) -> dict[str, Any]:
    """Begär ändring's dialog: the comment, and (shown again) a refusal under it; home_channel
    when opened from a person's overview, which names the draft's channel."""
    heading = f"Begär ändring av version {version}, möte #{number or meeting_id}"
    data: dict[str, Any] = {"dialog": CHANGE_DIALOG, "meeting": meeting_id, "version": version}
    if home_channel:
        data.update(home=True, channel=home_channel)
    card = cards.form_card(
        heading, _comment_input(lang, comment, error), _labels(lang)["send"], data
    )
    return _dialog(heading, card, height="medium")


def change_card(
    meeting_id: int,
    version: int,
    lang: str,
    comment: str = "",
    error: str = "",
    *,
    number: int = 0,
) -> dict[str, Any]:
    """Begär ändring in the card itself (cards posted before the dialog still ask so)."""
    words = _labels(lang)
    data = {"meeting": meeting_id, "version": version}
    return cards.check(
        cards.card(
            [
                cards.heading(f"Begär ändring av version {version}, möte #{number or meeting_id}"),
                *_comment_input(lang, comment, error),
            ],
            actions=[
                {
                    "type": "Action.Execute",
                    "title": words["send"],
                    "verb": CHANGE_SEND_VERB,
                    "data": data,
                },
                {
                    "type": "Action.Execute",
                    "title": words["cancel"],
                    "verb": cards.REFRESH_VERB,
                    "data": data,
                },
            ],
        )
    )


def open_edit_card(lang: str, meeting: int, number: int) -> dict[str, Any]:
    """A typed `anteckning ändra 4`: a button that opens the item's edit dialog."""
    words = _labels(lang)
    data = {"msteams": {"type": "task/fetch"}, "dialog": EDIT_DIALOG}
    return cards.check(
        cards.card(
            [cards.plain(words["edit_open"].format(number=number))],
            actions=[
                {
                    "type": "Action.Submit",
                    "title": words["open"],
                    "data": {**data, "meeting": meeting, "number": number},
                }
            ],
        )
    )


def edit_task(
    lang: str,
    meeting: int,
    number: int,
    fields: dict[str, str],
    entries: list[tuple[int, str, str]],
    commitments: list[tuple[int, str]],
    errors: dict[str, str] | None = None,
    *,
    draft: bool = False,
) -> dict[str, Any]:
    """The item whole: title, presenter, each entry and each commitment ("vem; vad; när").

    draft: opened from the posted draft's card, so saving posts the next version too.

    fields hold what is shown (as stored, or as typed when a refusal shows it again);
    the data sent back keeps the commitments as first shown, so only changes are saved.
    """
    words, errors = _labels(lang), errors or {}
    body = [
        *_text_input("title", words, fields, errors, required=True),
        *_text_input("presenter", words, fields, errors),
    ]
    for seq, label, _text in entries[:MAX_EDIT_INPUTS]:
        key = f"{ENTRY_FIELD}{seq}"
        body += cards.text_input(
            key, label, fields.get(key, ""), multiline=True, error=errors.get(key, "")
        )
    for commitment, _line in commitments[:MAX_EDIT_INPUTS]:
        key = f"{COMMITMENT_FIELD}{commitment}"
        body += cards.text_input(
            key,
            words["followup"].format(number=commitment),
            fields.get(key, ""),
            error=errors.get(key, ""),
        )
    data = {
        "dialog": EDIT_DIALOG,
        "meeting": meeting,
        "number": number,
        "entries": [[seq, label, text] for seq, label, text in entries[:MAX_EDIT_INPUTS]],
        "commitments": [[n, line] for n, line in commitments[:MAX_EDIT_INPUTS]],
        "draft": draft,
    }
    heading = words["edit"].format(number=number)
    card = cards.form_card(heading, body, words["save"], data)
    return _dialog(heading, card)
