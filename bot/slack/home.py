"""The App Home tab as Block Kit: what waits for one person, their commitments too."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core.home import Waiting, draft_line, meeting_line, proposal_line
from bot.core.texts import say
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION, escape

HOME_BLOCKS = 95  # Slack allows 100 on a Home tab


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:2900]))


def home_view(waiting: Waiting, lang: str, channel_id: Callable[[str], str]) -> dict[str, Any]:
    """channel_id turns the core's channel reference into the Slack channel for the buttons."""
    blocks: list[Any] = [HeaderBlock(text=PlainTextObject(text=say(lang, "home_title")))]
    if waiting.empty:
        blocks.append(_section(say(lang, "home_nothing")))
    if waiting.to_justera:
        blocks.append(_section(say(lang, "home_to_justera")))
        for draft in waiting.to_justera:
            blocks.append(_section(escape(draft_line(draft, lang))))
            value = json.dumps(
                {
                    "meeting": draft.meeting_id,
                    "version": draft.version,
                    "channel": channel_id(draft.channel_ref),
                }
            )
            blocks.append(
                ActionsBlock(
                    block_id=f"home-{draft.meeting_id}-{draft.version}",
                    elements=[
                        ButtonElement(
                            text="Godkänn" if lang != "en" else "Approve",
                            action_id=APPROVE_ACTION,
                            value=value,
                            style="primary",
                        ),
                        ButtonElement(
                            text="Begär ändring" if lang != "en" else "Ask for a change",
                            action_id=CHANGE_ACTION,
                            value=value,
                        ),
                    ],
                )
            )
    if waiting.upcoming:
        blocks += [DividerBlock(), _section(say(lang, "home_upcoming"))]
        lines = ["• " + escape(meeting_line(meeting, lang)) for meeting in waiting.upcoming]
        blocks.append(_section("\n".join(lines)))
    if waiting.proposals:
        blocks += [DividerBlock(), _section(say(lang, "home_proposals"))]
        lines = ["• " + escape(proposal_line(item, lang)) for item in waiting.proposals]
        blocks.append(_section("\n".join(lines)))
    if waiting.commitments:
        blocks += [DividerBlock(), _section(say(lang, "home_commitments"))]
        lines = [
            f"• {escape(view.group_key)} {escape(view.line(lang))}" for view in waiting.commitments
        ]
        blocks.append(_section("\n".join(lines)))
    return View(type="home", blocks=blocks[:HOME_BLOCKS]).to_dict()
