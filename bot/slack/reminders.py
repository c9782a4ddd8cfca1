"""Reminders into Slack: to the group's channel or as a direct message, linked to the meeting."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.delivery import Delivery
from bot.render.blockkit import escape
from bot.scheduling.runner import AsyncReminderRunner
from bot.slack.identity import slack_id
from bot.slack.sender import Sender

log = logging.getLogger(__name__)


class SlackReminders:
    def __init__(self, client: AsyncWebClient, sender: Sender) -> None:
        self.client = client
        self.sender = sender

    def queue_of(self, delivery: Delivery) -> str:
        return slack_id(delivery.target_ref) or delivery.target_ref

    def submit(self, queue: str, job: Any) -> None:
        async def run(_client: AsyncWebClient) -> None:
            await job()

        self.sender.submit(queue, run)

    async def post(self, delivery: Delivery) -> None:
        target = slack_id(delivery.target_ref)
        if target is None:
            # A group shared with another platform: that platform's adapter sends these.
            raise ValueError("not a Slack target")
        text = escape(delivery.text)
        link = await self._permalink(delivery)
        if link:
            text += f"\n<{link}|Till mötet i kanalen>"
        await self.sender.call(target, "chat.postMessage", channel=target, text=text)

    async def _permalink(self, delivery: Delivery) -> str:
        channel = slack_id(delivery.channel_ref)
        if not (channel and delivery.meeting_message_ref):
            return ""
        try:
            response = await self.client.chat_getPermalink(
                channel=channel, message_ts=delivery.meeting_message_ref
            )
        except SlackApiError as error:
            log.warning("no permalink: %s", error.response.get("error"))
            return ""
        return str(response.get("permalink", ""))


def reminder_runner(service: Any, client: AsyncWebClient, sender: Sender, now: Any) -> Any:
    slack = SlackReminders(client, sender)
    return AsyncReminderRunner(
        service=service,
        post=slack.post,
        submit=slack.submit,
        queue_of=slack.queue_of,
        clock=now,
        refused=lambda error: isinstance(error, SlackApiError | ValueError),
    )
