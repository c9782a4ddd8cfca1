"""Turns what the core reports (published agenda, drafts, approvals) into paced Slack postings."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.core.context import Event
from bot.core.postings import AGENDA, MINUTES, MessageRefs
from bot.render.blockkit import (
    agenda_blocks,
    escape,
    final_blocks,
    minutes_messages,
    text_blocks,
)
from bot.slack.identity import slack_id
from bot.slack.sender import Sender

RefsReader = Callable[[int], Awaitable[MessageRefs]]
RefsWriter = Callable[[int, str, str], Awaitable[None]]
PdfMaker = Callable[[int], Awaitable[tuple[bytes, str]]]
log = logging.getLogger(__name__)


@dataclass
class Publisher:
    sender: Sender
    read_refs: RefsReader
    remember: RefsWriter
    justerade_pdf: PdfMaker | None = None  # the justerade minutes as a PDF: (bytes, file name)

    def publish(self, channel: str, events: list[Event]) -> None:
        """Queue the postings; they go out after the user has had the reply."""
        for event in events:
            handler = HANDLERS[event.kind]

            async def job(_client: Any, event: Event = event, handler=handler) -> None:
                await handler(self, channel, event)

            self.sender.submit(channel, job)

    async def _post(self, channel: str, **kwargs: Any) -> str:
        response = await self.sender.call(channel, "chat.postMessage", channel=channel, **kwargs)
        return str(response["ts"])

    async def _update(self, channel: str, ts: str, **kwargs: Any) -> None:
        await self.sender.call(channel, "chat.update", channel=channel, ts=ts, **kwargs)

    async def _permalink(self, channel: str, ts: str) -> str:
        try:
            response = await self.sender.client.chat_getPermalink(channel=channel, message_ts=ts)
            return str(response.get("permalink") or "")
        except Exception as error:  # the notice still goes out, without the link
            log.warning("no permalink: %s", type(error).__name__)
            return ""

    async def _thread_note(self, channel: str, thread_ts: str, text: str) -> None:
        await self._post(
            channel, thread_ts=thread_ts, text=escape(text)[:3000], blocks=text_blocks(text)
        )

    async def _meeting_message(self, channel: str, meeting_id: int) -> str:
        """The message whose thread holds a meeting's drafts: its agenda, or a plain heading."""
        refs = await self.read_refs(meeting_id)
        if refs.agenda:
            return refs.agenda
        ts = await self._post(channel, text=f"Möte #{meeting_id}: protokoll och justering i tråden")
        await self.remember(meeting_id, AGENDA, ts)
        return ts


async def on_agenda(p: Publisher, channel: str, event: Event) -> None:
    refs = await p.read_refs(event.meeting_id)
    note = "Ändringar i ärendelistan visas i tråden."
    blocks = agenda_blocks(event.text, note)
    title = escape(event.text.partition("\n")[0])
    if not refs.agenda:
        ts = await p._post(channel, text=title, blocks=blocks)
        await p.remember(event.meeting_id, AGENDA, ts)
        return
    await p._update(channel, refs.agenda, text=title, blocks=blocks)
    lines = event.changes or ("Ärendelistan är publicerad på nytt.",)
    await p._thread_note(channel, refs.agenda, "Ändrat i ärendelistan:\n" + "\n".join(lines))


async def on_minutes_posted(p: Publisher, channel: str, event: Event) -> None:
    parent = await p._meeting_message(channel, event.meeting_id)
    old = (await p.read_refs(event.meeting_id)).minutes
    if old and event.version:
        # The old draft keeps no live buttons and no status that is no longer true.
        note = f"Utkast version {event.version - 1} är ersatt av version {event.version} i tråden."
        await p._update(channel, old, text=note, blocks=text_blocks(note))
    if event.changes:
        changed = "\n".join(event.changes)
        await p._thread_note(
            channel, parent, f"Ändrat sedan version {event.version - 1}:\n{changed}"
        )
    pages = minutes_messages(
        event.body, _heading(event), event.status, event.meeting_id, event.version or 0
    )
    last = ""
    for blocks in pages:
        last = await p._post(channel, thread_ts=parent, text=_heading(event), blocks=blocks)
    await p.remember(event.meeting_id, MINUTES, last)
    mentions = [f"<@{uid}>" for uid in map(slack_id, event.user_refs) if uid]
    if mentions:
        await p._post(
            channel,
            thread_ts=parent,
            text=f"{', '.join(mentions)}: granska utkastet och godkänn med knappen eller ✅.",
        )


async def on_status(p: Publisher, channel: str, event: Event) -> None:
    refs = await p.read_refs(event.meeting_id)
    parent = refs.agenda
    if event.changes and parent:
        note = "Begäran om ändring: " + "\n".join(event.changes)
        mentions = [f"<@{uid}>" for uid in map(slack_id, event.user_refs) if uid]
        # The mention is the bot's own markup, added after the user's text is escaped.
        suffix = f"\n{', '.join(mentions)}: till sekreteraren." if mentions else ""
        await p._post(
            channel,
            thread_ts=parent,
            text=escape(note)[:2900] + suffix,
            blocks=text_blocks(note) + ([_mention_block(suffix.strip())] if suffix else []),
        )
    if refs.minutes:
        pages = minutes_messages(
            event.body, _heading(event), event.status, event.meeting_id, event.version or 0
        )
        await p._update(channel, refs.minutes, text=_heading(event), blocks=pages[-1])


async def on_justerade(p: Publisher, channel: str, event: Event) -> None:
    refs = await p.read_refs(event.meeting_id)
    if refs.minutes:
        pages = minutes_messages(
            event.body,
            _heading(event),
            f"Justerat. {event.status}",
            event.meeting_id,
            event.version or 0,
        )
        without_buttons = [b for b in pages[-1] if b.get("type") != "actions"]
        await p._update(channel, refs.minutes, text=_heading(event), blocks=without_buttons)
    # The justerade minutes in full go in the meeting's thread; the channel gets a short notice
    # with a link to them and the PDF attached.
    parent = await p._meeting_message(channel, event.meeting_id)
    heading = f"Justerat protokoll, möte #{event.meeting_id}"
    first = ""
    for blocks in final_blocks(event.text, heading):
        ts = await p._post(channel, thread_ts=parent, text=heading, blocks=blocks)
        first = first or ts
    link = await p._permalink(channel, first)
    notice = f"Protokollet för möte #{event.meeting_id} är justerat (version {event.version})."
    shown = escape(notice) + (f" <{link}|Läs det i tråden>." if link else " Läs det i tråden.")
    if p.justerade_pdf is not None:
        try:
            data, name = await p.justerade_pdf(event.meeting_id)
            await p.sender.client.files_upload_v2(
                channel=channel, file=data, filename=name, title=name, initial_comment=shown
            )
            return
        except Exception as error:  # no PDF is no reason to withhold the notice
            log.warning("justerade PDF not shared: %s", type(error).__name__)
    await p._post(channel, text=shown, blocks=[_mention_block(shown)])


def _mention_block(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _heading(event: Event) -> str:
    return f"Utkast version {event.version}, möte #{event.meeting_id}"


HANDLERS: dict[str, Callable[[Publisher, str, Event], Awaitable[None]]] = {
    "agenda_published": on_agenda,
    "agenda_changed": on_agenda,
    "minutes_posted": on_minutes_posted,
    "approved": on_status,
    "change_requested": on_status,
    "minutes_justerade": on_justerade,
}
