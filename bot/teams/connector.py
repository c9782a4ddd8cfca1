"""Outbound calls to Teams through the SDK's connector client, with the bot's own token."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from microsoft_agents.activity import Activity, ChannelAccount, ConversationParameters
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

log = logging.getLogger(__name__)

CONNECTOR_SCOPE = "https://api.botframework.com/.default"
CONNECTOR_AUDIENCE = "https://api.botframework.com"

TokenSource = Callable[[], Awaitable[str]]


def sdk_token_source(connections: Any) -> TokenSource:
    """The bot's token from the SDK's connection (MSAL: secret or managed identity, cached)."""

    async def token() -> str:
        provider = connections.get_default_connection()
        return await provider.get_access_token(CONNECTOR_AUDIENCE, [CONNECTOR_SCOPE])

    return token


def status_of(error: BaseException) -> int | None:
    return error.status if isinstance(error, aiohttp.ClientResponseError) else None


def retry_after(error: BaseException) -> float | None:
    if not isinstance(error, aiohttp.ClientResponseError) or error.headers is None:
        return None
    value = error.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class Connector:
    """One client per service URL, made in the event loop that uses it."""

    def __init__(self, token: TokenSource) -> None:
        self.token = token
        self._clients: dict[tuple[str, str], TeamsConnectorClient] = {}

    async def _client(self, service_url: str) -> TeamsConnectorClient:
        token = await self.token()  # MSAL caches it; a fresh one after expiry
        key = (service_url, token)
        client = self._clients.get(key)
        if client is None:
            for old_key in [k for k in self._clients if k[0] == service_url]:
                await self._clients.pop(old_key).close()
            client = self._clients[key] = TeamsConnectorClient(endpoint=service_url, token=token)
        return client

    async def send(self, service_url: str, conversation_id: str, activity: dict[str, Any]) -> str:
        client = await self._client(service_url)
        response = await client.conversations.send_to_conversation(
            conversation_id, Activity.model_validate(activity)
        )
        return response.id or ""

    async def reply(
        self, service_url: str, conversation_id: str, root_id: str, activity: dict[str, Any]
    ) -> str:
        """A reply in the thread of root_id (a channel) or after it (a chat)."""
        client = await self._client(service_url)
        response = await client.conversations.reply_to_activity(
            conversation_id, root_id, Activity.model_validate({**activity, "replyToId": root_id})
        )
        return response.id or ""

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> str:
        client = await self._client(service_url)
        await client.conversations.update_activity(
            conversation_id, activity_id, Activity.model_validate({**activity, "id": activity_id})
        )
        return activity_id

    async def open_chat(
        self, service_url: str, tenant_id: str, bot_id: str, teams_user_id: str
    ) -> str:
        """The 1:1 conversation with a person (Teams gives the existing one when there is one)."""
        client = await self._client(service_url)
        response = await client.conversations.create_conversation(
            ConversationParameters(
                is_group=False,
                bot=ChannelAccount(id=bot_id),
                members=[ChannelAccount(id=teams_user_id)],
                tenant_id=tenant_id,
            )
        )
        return response.id or ""

    async def member(self, service_url: str, conversation_id: str, teams_user_id: str) -> Any:
        client = await self._client(service_url)
        return await client.conversations.get_conversation_member(conversation_id, teams_user_id)

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()
