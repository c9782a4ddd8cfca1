"""Slack users and channels as the core's platform-neutral references, and each user's language."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.texts import UserError

log = logging.getLogger(__name__)

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def user_ref(team_id: str, user_id: str) -> str:
    return f"slack:{team_id}:{user_id}"


def channel_ref(team_id: str, channel_id: str) -> str:
    return f"slack:{team_id}:{channel_id}"


def slack_id(ref: str) -> str | None:
    """The Slack user or channel id in a reference ("slack:T1:U123"), None for other platforms."""
    parts = ref.split(":")
    return parts[2] if len(parts) == 3 and parts[0] == "slack" else None


def mention_resolver(team_id: str):
    """Turns "<@U123|anna>" (as Slack escapes a typed @anna) into that person's reference."""

    def resolve(token: str) -> str:
        match = _MENTION.match(token.strip())
        if match is None:
            raise UserError("unknown_user", given=token.strip())
        return user_ref(team_id, match.group(1))

    return resolve


@dataclass
class Person:
    name: str
    lang: str


@dataclass
class People:
    """Display names and languages from users.info, looked up once per user and process."""

    client: AsyncWebClient
    _known: dict[str, Person] = field(default_factory=dict)

    async def get(self, user_id: str) -> Person:
        known = self._known.get(user_id)
        if known is not None:
            return known
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            # The reply still goes out, in Swedish and with the id for a name.
            log.warning("users.info failed: %s", error.response.get("error"))
            return Person(user_id, "sv")
        user = response["user"]
        profile = user.get("profile", {})
        name = profile.get("display_name") or profile.get("real_name") or user.get("name", user_id)
        lang = "en" if str(user.get("locale", "")).lower().startswith("en") else "sv"
        person = self._known[user_id] = Person(name, lang)
        return person
