"""Who the bot is (auth.test), asked once, retried, and never a reason to drop a request."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

ATTEMPTS = 2
ATTEMPT_SECONDS = 0.6  # two tries stay well inside Slack's 3 s for the answer


class SingleTeamAuthorize(AsyncAuthorize):
    """Bolt's single-team authorization, except that a failing auth.test is tried again, and
    if Slack still does not answer the request goes on with the bot token alone (then only
    the check that ignores the bot's own events lacks the bot's ids) instead of Bolt's English
    "Please reinstall this app"; the next request asks Slack again."""

    def __init__(self, client: AsyncWebClient) -> None:
        super().__init__()
        self.client = client
        self.known: dict[str, Any] | None = None

    async def __call__(
        self,
        *,
        context: Any,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **_actor: Any,
    ) -> AuthorizeResult | None:
        token = self.client.token
        if self.known is None:
            self.known = await self._auth_test()
        known = self.known or {}
        return AuthorizeResult(
            enterprise_id=known.get("enterprise_id", enterprise_id),
            team_id=known.get("team_id", team_id),
            bot_id=known.get("bot_id"),
            bot_user_id=known.get("user_id"),
            bot_token=token,
            user_id=user_id,
        )

    async def _auth_test(self) -> dict[str, Any] | None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await asyncio.wait_for(self.client.auth_test(), ATTEMPT_SECONDS)
                return dict(response.data)  # type: ignore[arg-type]
            except Exception as error:  # Slack's refusal, a 5xx, a timeout: all worth a retry
                log.warning("auth.test failed (try %d): %s", attempt, type(error).__name__)
        return None
