"""The personal chat's overview as an Adaptive Card: what waits for one person (App Home)."""

from __future__ import annotations

from typing import Any

from bot.core.home import Waiting, draft_line, meeting_line, proposal_line
from bot.core.texts import say
from bot.render import adaptivecards as cards

HOME_WORDS = ("hem", "home", "oversikt", "overview")  # folded, as typed to the bot
DRAFTS_SHOWN = 10  # each draft is a container with two buttons; a card has a size limit


def _title(lang: str, key: str) -> dict[str, Any]:
    # The catalogue's section titles are Slack's bold "*…*"; a card's own weight says it here.
    return cards.plain(say(lang, key).strip("*"), weight="Bolder")


def _lines(lines: list[str]) -> list[dict[str, Any]]:
    return [cards.plain("• " + line) for line in lines]


def home_card(waiting: Waiting, lang: str, message: str = "") -> dict[str, Any]:
    """The card; message (the answer to a click on it) stands above the rest when given."""
    body: list[dict[str, Any]] = [cards.heading(say(lang, "home_title"))]
    if message:
        body.append(cards.plain(message, weight="Bolder"))
    if waiting.empty:
        body.append(cards.plain(say(lang, "home_nothing")))
    if waiting.to_justera:
        body.append(_title(lang, "home_to_justera"))
    for draft in waiting.to_justera[:DRAFTS_SHOWN]:
        actions = cards.justering_actions(
            draft.meeting_id, draft.version, home_channel=draft.channel_ref, lang=lang
        )
        body.append(
            {
                "type": "Container",
                "items": [
                    cards.plain(draft_line(draft, lang)),
                    {"type": "ActionSet", "actions": actions},
                ],
            }
        )
    if waiting.upcoming:
        body.append(_title(lang, "home_upcoming"))
        body += _lines([meeting_line(meeting, lang) for meeting in waiting.upcoming])
    if waiting.proposals:
        body.append(_title(lang, "home_proposals"))
        body += _lines([proposal_line(item, lang) for item in waiting.proposals])
    if waiting.commitments:
        body.append(_title(lang, "home_commitments"))
        body += _lines([f"{view.group_key} {view.line(lang)}" for view in waiting.commitments])
    return cards.check(cards.card(body))
