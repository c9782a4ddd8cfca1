"""Who the bot is (auth.test), asked once, retried, and never a reason to drop a request."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)

ATTEMPTS = 3
WAIT_SECONDS = 1.0  # what a request may wait for auth.test; Slack wants the answer in 3 s


class SingleTeamAuthorize(AsyncAuthorize):
    """Bolt's single-team authorization, except that a failing auth.test is tried again, and
    a slow one never holds the answer: after WAIT_SECONDS the request goes on with the bot
    token alone (then only the check that ignores the bot's own events lacks the bot's ids)
    while the lookup finishes in the background, instead of Bolt's English "Please reinstall
    this app". When every try fails, the next request starts again."""

    def __init__(self, client: AsyncWebClient) -> None:
        super().__init__()
        self.client = client
        self.known: dict[str, Any] | None = None
        self._lookup: asyncio.Task[None] | None = None

    async def __call__(
        self,
        *,
        context: Any,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **_actor: Any,
    ) -> AuthorizeResult | None:
        if self.known is None and (self._lookup is None or self._lookup.done()):
            # Only the request that starts the lookup waits for it, and briefly; the ones
            # that come while it is under way go on at once.
            self._lookup = asyncio.create_task(self._auth_test())
            try:
                await asyncio.wait_for(asyncio.shield(self._lookup), WAIT_SECONDS)
            except TimeoutError:
                log.warning("auth.test slower than %.1f s; going on without it", WAIT_SECONDS)
        known = self.known or {}
        return AuthorizeResult(
            enterprise_id=known.get("enterprise_id", enterprise_id),
            team_id=known.get("team_id", team_id),
            bot_id=known.get("bot_id"),
            bot_user_id=known.get("user_id"),
            bot_token=self.client.token,
            user_id=user_id,
        )

    async def join(self) -> None:
        """Wait for a lookup under way (for tests and shutdown): it never raises."""
        if self._lookup is not None:
            await asyncio.shield(self._lookup)

    async def _auth_test(self) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await self.client.auth_test()
            except Exception as error:  # Slack's refusal, a 5xx, a timeout: all worth a retry
                log.warning("auth.test failed (try %d): %s", attempt, type(error).__name__)
                continue
            self.known = dict(response.data)  # type: ignore[arg-type]
            return
