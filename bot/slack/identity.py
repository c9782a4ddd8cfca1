"""Slack users and channels as the core's platform-neutral references, and each user's language."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.texts import UserError
from bot.slack.text import MENTION_TOKEN

log = logging.getLogger(__name__)


def user_ref(team_id: str, user_id: str) -> str:
    return f"slack:{team_id}:{user_id}"


def channel_ref(team_id: str, channel_id: str) -> str:
    return f"slack:{team_id}:{channel_id}"


def slack_id(ref: str) -> str | None:
    """The Slack user or channel id in a reference ("slack:T1:U123"), None for other platforms."""
    parts = ref.split(":")
    return parts[2] if len(parts) == 3 and parts[0] == "slack" else None


def mention_resolver(team_id: str):
    """Turns a picked @anna (Slack's <@U123|anna>, decoded by bot.slack.text) into a reference."""

    def resolve(token: str) -> str:
        match = MENTION_TOKEN.fullmatch(token.strip())
        if match is None:
            raise UserError("unknown_user", given=token.strip())
        return user_ref(team_id, match.group(1))

    return resolve


@dataclass
class Person:
    name: str
    lang: str


LOOKUP_SECONDS = 0.5  # what a first-time user's answer may wait for users.info


@dataclass
class People:
    """Display names and languages from users.info, looked up once per user and process.

    A lookup never holds an answer for long: after LOOKUP_SECONDS the caller gets a fallback
    (Swedish, the id for a name) while the lookup finishes in the background for next time.
    """

    client: AsyncWebClient
    wait: float = LOOKUP_SECONDS
    _known: dict[str, Person] = field(default_factory=dict)
    _pending: dict[str, asyncio.Task[Person | None]] = field(default_factory=dict)

    def cached(self, user_id: str) -> Person | None:
        return self._known.get(user_id)

    async def get(self, user_id: str) -> Person:
        known = self._known.get(user_id)
        if known is not None:
            return known
        task = self._pending.get(user_id)
        if task is None:
            task = self._pending[user_id] = asyncio.create_task(self._look_up(user_id))
        try:
            person = await asyncio.wait_for(asyncio.shield(task), self.wait)
        except TimeoutError:
            log.warning("users.info slower than %.1f s; answering without it", self.wait)
            person = None
        return person or Person(user_id, "sv")

    async def join(self) -> None:
        """Wait for the lookups still under way (tests and shutdown)."""
        while self._pending:
            await asyncio.gather(*list(self._pending.values()), return_exceptions=True)

    async def _look_up(self, user_id: str) -> Person | None:
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except Exception as error:  # Slack's refusal or the network's: never the user's problem
            # The reply still goes out, in Swedish and with the id for a name.
            detail = (
                error.response.get("error")
                if isinstance(error, SlackApiError)
                else type(error).__name__
            )
            log.warning("users.info failed: %s", detail)
            return None
        finally:
            self._pending.pop(user_id, None)
        user = response["user"]
        profile = user.get("profile", {})
        name = profile.get("display_name") or profile.get("real_name") or user.get("name", user_id)
        lang = "en" if str(user.get("locale", "")).lower().startswith("en") else "sv"
        person = self._known[user_id] = Person(name, lang)
        return person
