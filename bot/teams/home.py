"""The personal chat's overview as an Adaptive Card: what waits for one person (App Home)."""

from __future__ import annotations

from typing import Any

from bot.core.home import Waiting
from bot.core.texts import say
from bot.dates import format_date
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
        line = say(
            lang,
            "home_draft",
            group=draft.group_key,
            ref=draft.meeting_number,
            when=format_date(draft.starts_at, lang),
            version=draft.version,
        )
        if draft.asked_change:
            line += say(lang, "home_change_asked")
        actions = cards.justering_actions(
            draft.meeting_id, draft.version, home_channel=draft.channel_ref, lang=lang
        )
        body.append(
            {
                "type": "Container",
                "items": [cards.plain(line), {"type": "ActionSet", "actions": actions}],
            }
        )
    if waiting.upcoming:
        body.append(_title(lang, "home_upcoming"))
        lines = []
        for meeting in waiting.upcoming:
            line = say(
                lang,
                "home_meeting",
                group=meeting.group_key,
                ref=meeting.meeting_number,
                when=meeting.when(lang),
                deadline=format_date(meeting.agenda_deadline, lang),
            )
            lines.append(
                line + (say(lang, "home_deadline_passed") if meeting.deadline_passed else "")
            )
        body += _lines(lines)
    if waiting.proposals:
        body.append(_title(lang, "home_proposals"))
        lines = []
        for item in waiting.proposals:
            status = say(lang, f"home_status_{item.status.value}")
            if item.late:
                status += say(lang, "home_late")
            lines.append(
                say(
                    lang,
                    "home_proposal",
                    group=item.group_key,
                    ref=item.meeting_number,
                    number=item.number,
                    title=item.title,
                    status=status,
                )
            )
        body += _lines(lines)
    if waiting.commitments:
        body.append(_title(lang, "home_commitments"))
        body += _lines([f"{view.group_key} {view.line(lang)}" for view in waiting.commitments])
    return cards.check(cards.card(body))
