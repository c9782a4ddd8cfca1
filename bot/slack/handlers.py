"""Bolt listeners: each turns a Slack payload into one core call and answers within Slack's 3 s."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.commands.parse import COMMANDS, parse
from bot.commands.words import fold
from bot.core import agenda, justering, postings, yearrules
from bot.core.context import STOCKHOLM, Context, Result
from bot.core.model import Section
from bot.core.postings import MessageRefs
from bot.core.service import Justera
from bot.core.texts import UserError, say
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION, escape
from bot.slack.identity import People, channel_ref, mention_resolver, user_ref
from bot.slack.modals import (
    CHANGE_VIEW,
    FIELD_OF_ERROR,
    PROPOSE_VIEW,
    RISK_CHOICES,
    YEAR_IMPORT_VIEW,
    change_view,
    propose_view,
    submitted,
    year_import_view,
)
from bot.slack.publish import Publisher
from bot.slack.sender import Sender

log = logging.getLogger(__name__)

APPROVE_REACTIONS = {"white_check_mark", "heavy_check_mark", "ballot_box_with_check"}
SYSTEM = "slack:system"
# A reaction anywhere else in the channel is not meant for us: stay silent.
QUIET_ON_REACTION = {"not_the_latest_draft", "no_group_here", "no_meeting_justering"}


REPLY_CHARS = 39_000  # Slack cuts a message's text at 40,000 characters


def reply(text: str) -> str:
    """A private answer, escaped, and cut with a pointer when longer than Slack shows."""
    shown = escape(text)
    if len(shown) <= REPLY_CHARS:
        return shown
    return shown[:REPLY_CHARS] + "\n… (för långt för ett svar här; hela texten finns i mötets tråd)"


def slash_commands() -> list[str]:
    return [f"/{name}" for name in COMMANDS]


@dataclass
class SlackBot:
    service: Justera
    people: People
    sender: Sender
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)

    def __post_init__(self) -> None:
        self.publisher = Publisher(self.sender, self._read_refs, self._remember)
        # On SQLite, one database thread: queued commands wait their turn in order instead of
        # retrying the write lock with back-off (which made the slowest command take seconds).
        self._db_thread = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="justera-db")
            if self.service.single_writer
            else None
        )
        self.reminders: Any = None  # the reminder runner, set by build_bot

    # --- plumbing ------------------------------------------------------------------------

    async def run(self, ctx: Context, operation: Any, *args: Any, **kwargs: Any) -> Any:
        # The database is synchronous; keep it off the event loop.
        call = functools.partial(self.service.run, ctx, operation, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, call)

    async def context(
        self, team: str, user: str, channel: str, request_id: str | None = None
    ) -> Context:
        person = await self.people.get(user)
        return Context(
            user_ref=user_ref(team, user),
            channel_ref=channel_ref(team, channel),
            now=self.now(),
            display_name=person.name,
            lang=person.lang,
            request_id=request_id,
        )

    def _system(self) -> Context:
        return Context(user_ref=SYSTEM, channel_ref=SYSTEM, now=self.now())

    async def _read_refs(self, meeting_id: int) -> MessageRefs:
        return await self.run(self._system(), postings.message_refs, meeting_id)

    async def _remember(self, meeting_id: int, kind: str, ts: str) -> None:
        await self.run(self._system(), postings.remember_message, meeting_id, kind, ts)

    async def _ephemeral(self, client: Any, channel: str, user: str, text: str) -> None:
        await client.chat_postEphemeral(channel=channel, user=user, text=escape(text))

    # --- listeners -----------------------------------------------------------------------

    async def on_command(self, ack: Any, command: dict[str, Any], client: Any) -> None:
        team, user, channel = command["team_id"], command["user_id"], command["channel_id"]
        name, text = command["command"].lstrip("/"), command.get("text", "")
        ctx = await self.context(team, user, channel)
        form = None
        if name == "arende" and not text.strip():
            form = propose_view(channel, None)
        elif name == "arsklocka" and fold(text) in ("import", "importera"):
            form = year_import_view(channel)  # a slash command is one line; YAML goes in a form
        if form is not None:
            await client.views_open(trigger_id=command["trigger_id"], view=form)
            await ack()
            return
        try:
            call = parse(
                f"/{name} {text}", now=ctx.now, lang=ctx.lang, resolve_user=mention_resolver(team)
            )
            if call.operation is None:
                await ack(text=reply(call.text))
                return
            result = await self.run(ctx, call.operation, *call.args, **call.kwargs)
        except UserError as error:
            await ack(text=reply(error.message(ctx.lang)))
            return
        except Exception as error:  # an answer in 3 s beats Slack's bare "failed" message
            log.exception("/%s failed: %s", name, type(error).__name__)
            await ack(text=say(ctx.lang, "internal_error"))
            return
        if call.output:
            # The file goes out after the answer: a PDF can take longer than Slack waits.
            await ack()
            export, fmt, lang = result, call.output, ctx.lang

            async def share(_client: Any) -> None:
                await self._share(client, channel, export, fmt, lang)

            self.sender.submit(channel, share)
            return
        # The reply goes with the HTTP response; postings follow it through the paced sender.
        await ack(text=reply(result.message))
        self.publisher.publish(channel, result.events)

    async def _share(self, client: Any, channel: str, export: Any, fmt: str, lang: str) -> None:
        """The document as a file in the channel; rendering runs off the event loop."""
        from bot.export import render_any as render

        data, name = await asyncio.to_thread(render, export, fmt)
        await client.files_upload_v2(
            channel=channel,
            file=data,
            filename=name,
            title=name,
            initial_comment=say(lang, "exported", name=name),
        )

    async def on_approve_button(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        value = json.loads(body["actions"][0]["value"])
        ctx = await self.context(body["team"]["id"], body["user"]["id"], body["channel"]["id"])
        result = await self._attempt(ctx, justering.approve, value["meeting"], value["version"])
        await respond(
            text=escape(result.message), response_type="ephemeral", replace_original=False
        )
        self.publisher.publish(body["channel"]["id"], result.events)

    async def on_change_button(self, ack: Any, body: dict[str, Any], client: Any) -> None:
        await ack()
        value = json.loads(body["actions"][0]["value"])
        view = change_view(body["channel"]["id"], value["meeting"], value["version"])
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    async def on_change_submitted(
        self, ack: Any, body: dict[str, Any], view: dict[str, Any], client: Any
    ) -> None:
        meta = json.loads(view["private_metadata"])
        comment = submitted(view).get("comment", "")
        ctx = await self.context(
            body["team"]["id"], body["user"]["id"], meta["channel"], f"view:{view['id']}"
        )
        try:
            result = await self.run(
                ctx, justering.request_change, meta["meeting"], comment, meta["version"]
            )
        except UserError as error:
            await ack(response_action="errors", errors={"comment": error.message(ctx.lang)})
            return
        await ack()
        if not result.replayed:
            await self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)
            self.publisher.publish(meta["channel"], result.events)

    async def on_propose_submitted(
        self, ack: Any, body: dict[str, Any], view: dict[str, Any], client: Any
    ) -> None:
        meta = json.loads(view["private_metadata"])
        values = submitted(view)
        ctx = await self.context(
            body["team"]["id"], body["user"]["id"], meta["channel"], f"view:{view['id']}"
        )
        try:
            result = await self.run(
                ctx,
                agenda.propose_item,
                meta.get("meeting"),
                Section(values.get("section") or Section.DIALOG.value),
                values.get("title", ""),
                presenter=values.get("presenter", ""),
                description=values.get("description", ""),
                links=values.get("links", ""),
                risk_assessed=RISK_CHOICES.get(values.get("risk") or "–"),
            )
        except UserError as error:
            # The form stays open with the text as typed and the sentence under its field.
            field_named = str(error.params.get("field", ""))
            field = FIELD_OF_ERROR.get(error.key) or FIELD_OF_ERROR.get(field_named, "title")
            await ack(response_action="errors", errors={field: error.message(ctx.lang)})
            return
        await ack()
        if not result.replayed:
            await self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)
            self.publisher.publish(meta["channel"], result.events)

    async def on_year_import_submitted(
        self, ack: Any, body: dict[str, Any], view: dict[str, Any], client: Any
    ) -> None:
        meta = json.loads(view["private_metadata"])
        ctx = await self.context(
            body["team"]["id"], body["user"]["id"], meta["channel"], f"view:{view['id']}"
        )
        try:
            result = await self.run(ctx, yearrules.import_rules, submitted(view).get("yaml", ""))
        except UserError as error:
            await ack(response_action="errors", errors={"yaml": error.message(ctx.lang)})
            return
        await ack()
        if not result.replayed:
            await self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)

    async def on_reaction(self, event: dict[str, Any], body: dict[str, Any], client: Any) -> None:
        item = event.get("item", {})
        if event.get("reaction") not in APPROVE_REACTIONS or item.get("type") != "message":
            return
        channel, user = item["channel"], event["user"]
        ctx = await self.context(body["team_id"], user, channel, f"event:{body['event_id']}")
        try:
            result = await self.run(ctx, postings.approve_message, item["ts"])
        except UserError as error:
            if error.key not in QUIET_ON_REACTION:
                await self._ephemeral(client, channel, user, error.message(ctx.lang))
            return
        if result.replayed:
            return  # Slack's redelivery of an event already answered
        if result.message:
            await self._ephemeral(client, channel, user, result.message)
        self.publisher.publish(channel, result.events)

    async def _attempt(self, ctx: Context, operation: Any, *args: Any) -> Result:
        """Run, turning a refusal into a reply: for callers that answer the same way either way."""
        try:
            return await self.run(ctx, operation, *args)
        except UserError as error:
            return Result(error.message(ctx.lang))


def register(app: AsyncApp, bot: SlackBot) -> None:
    for command in slash_commands():
        app.command(command)(bot.on_command)
    app.action(APPROVE_ACTION)(bot.on_approve_button)
    app.action(CHANGE_ACTION)(bot.on_change_button)
    app.view(PROPOSE_VIEW)(bot.on_propose_submitted)
    app.view(CHANGE_VIEW)(bot.on_change_submitted)
    app.view(YEAR_IMPORT_VIEW)(bot.on_year_import_submitted)
    app.event("reaction_added")(bot.on_reaction)
