"""Bolt listeners: each turns a Slack payload into one core call and answers within Slack's 3 s."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot import metrics
from bot.commands.parse import COMMANDS, Env, commitment_form_changes, parse
from bot.commands.words import fold
from bot.core import (
    agenda,
    corrections,
    draftedit,
    followups,
    home,
    justering,
    outbox,
    postings,
    yearrules,
)
from bot.core.context import STOCKHOLM, Context, Result
from bot.core.model import Posting, Section
from bot.core.service import Justera
from bot.core.texts import OutcomeUnknown, UserError, say
from bot.logs import REQUEST_ID, frames, new_request_id
from bot.render.blockkit import APPROVE_ACTION, CHANGE_ACTION, EDIT_ACTION, escape
from bot.slack.home import home_view
from bot.slack.identity import People, Person, channel_ref, mention_resolver, slack_id, user_ref
from bot.slack.later import Later
from bot.slack.modals import (
    CHANGE_VIEW,
    COMMITMENT_BLOCK,
    EDIT_ITEM_VIEW,
    ENTRY_BLOCK,
    FIELD_OF_ERROR,
    PROPOSE_SHORTCUT,
    PROPOSE_VIEW,
    RISK_CHOICES,
    YEAR_IMPORT_VIEW,
    change_view,
    edit_item_view,
    propose_view,
    submitted,
    year_import_view,
)
from bot.slack.text import decode, mentioned, name_mentions

log = logging.getLogger(__name__)

APPROVE_REACTIONS = {"white_check_mark", "heavy_check_mark", "ballot_box_with_check"}
SYSTEM = "slack:system"
# A reaction anywhere else in the channel is not meant for us: stay silent.
QUIET_ON_REACTION = {"not_the_latest_draft", "no_group_here", "no_meeting_justering"}


REPLY_CHARS = 39_000  # Slack cuts a message's text at 40,000 characters
PERMALINK_SECONDS = 1.0  # the message shortcut's form must open within the trigger's 3 s
REFUSED_EVENTS_KEPT = 1000


def reply(text: str) -> str:
    """A private answer, escaped, and cut with a pointer when longer than Slack shows."""
    shown = escape(text)
    if len(shown) <= REPLY_CHARS:
        return shown
    return shown[:REPLY_CHARS] + "\n… (för långt för ett svar här; hela texten finns i mötets tråd)"


def slash_commands() -> list[str]:
    return [f"/{name}" for name in COMMANDS]


class OutboxNudge:
    """The postings are in the outbox already (written with the command): wake its sender."""

    def __init__(self, bot: SlackBot) -> None:
        self.bot = bot

    def publish(self, _channel: str, events: list[Any]) -> None:
        if events and self.bot.outbox is not None:
            self.bot.outbox.wake()


@dataclass
class SlackBot:
    service: Justera
    people: People
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)

    def __post_init__(self) -> None:
        self.outbox: Any = None  # the OutboxSender, set by build_bot
        self.publisher = OutboxNudge(self)
        self._scheduler: Any = None
        # On SQLite, one database thread: queued commands wait their turn in order instead of
        # retrying the write lock with back-off (which made the slowest command take seconds).
        self._db_thread = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="justera-db")
            if self.service.single_writer
            else None
        )
        self.reminders: Any = None  # the reminder runner, set by build_bot
        self.authorize: Any = None  # the auth.test lookup (SingleTeamAuthorize), set by build_bot
        self.later = Later()
        # Events whose refusal was already shown: Slack's redelivery must not show it again.
        self._refused_events: dict[str, None] = {}
        # Slack shows "failed" after 3 s: past this a command's answer says its outcome is
        # unknown, while the command itself goes on (and may yet commit) in its thread.
        self.deadline = 2.5
        self._deadline_at: contextvars.ContextVar[float | None] = contextvars.ContextVar(
            "justera_deadline", default=None
        )

    # --- plumbing ------------------------------------------------------------------------

    async def run(self, ctx: Context, operation: Any, *args: Any, **kwargs: Any) -> Any:
        # The database is synchronous; keep it off the event loop. Reads do not queue behind
        # SQLite's single writer: they take no lock.
        future = self._submit(ctx, operation, *args, **kwargs)
        if not future.done():
            # One timer and one waiter, woken by whichever comes first; the command's future
            # is never cancelled (past the deadline it goes on, and may yet commit, in its
            # thread). wait_for(shield(...)) did the same with two more futures and a task's
            # cancellation: about 18 µs of CPU per command where this takes 10.
            loop = asyncio.get_running_loop()
            waiter = loop.create_future()
            wake = functools.partial(_wake, waiter)
            timer = loop.call_later(self._time_left(loop), wake)
            future.add_done_callback(wake)
            try:
                await waiter
            finally:
                timer.cancel()
                future.remove_done_callback(wake)
            if not future.done():
                log.warning("command past its deadline, outcome unknown: %s", operation.__name__)
                # Whatever the command raises later is logged, not lost as "never retrieved".
                future.add_done_callback(_log_late_failure)
                raise OutcomeUnknown() from None
        return future.result()

    def _submit(self, ctx: Context, operation: Any, *args: Any, **kwargs: Any) -> Any:
        call = functools.partial(self.service.run, ctx, operation, *args, **kwargs)
        reads = ctx.request_id is None and self.service.reads_only(operation)
        return asyncio.get_running_loop().run_in_executor(None if reads else self._db_thread, call)

    async def run_unbounded(self, ctx: Context, operation: Any, *args: Any) -> Any:
        """For the bot's own bookkeeping after the answer: no user waits, so no deadline."""
        return await self._submit(ctx, operation, *args)

    def _time_left(self, loop: asyncio.AbstractEventLoop) -> float:
        deadline_at = self._deadline_at.get()
        if deadline_at is None:
            return self.deadline
        return max(0.05, deadline_at - loop.time())

    async def run_db(self, call: Callable[[], Any]) -> Any:
        """Other database work (the outbox's, the reminders') on the same thread or threads."""
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, call)

    def start(self) -> None:
        """Start sending: the outbox sender and the reminder scheduler, in the running loop."""
        self.outbox.start()
        self._scheduler = self.reminders.start()

    async def stop(self) -> None:
        """Stop taking work; the outbox finishes or releases what it holds within its grace."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        await self.outbox.shutdown()

    async def load_export(self, posting: Posting) -> tuple[bytes, str]:
        """A file posting's document, read again as the one who asked for it, and rendered."""
        from bot.export import render_any as render

        data = outbox.payload_of(posting)
        operation = {
            "agenda_for_export": agenda.agenda_for_export,
            "minutes_for_export": justering.minutes_for_export,
        }[data["export"]]
        ctx = Context(
            user_ref=posting.requested_by,
            channel_ref=posting.conversation,
            now=self.now(),
            lang=posting.lang,
        )
        export = await self.run_unbounded(ctx, operation, *data["args"])
        return await asyncio.to_thread(render, export, data["format"])

    async def context(
        self, team: str, user: str, channel: str, request_id: str | None = None
    ) -> Context:
        loop = asyncio.get_running_loop()
        # Every listener starts here once, in the task of its own request (on_command sets
        # both before it: it gathers this call in a task of its own).
        if self._deadline_at.get() is None:
            self._deadline_at.set(loop.time() + self.deadline)
            REQUEST_ID.set(request_id or new_request_id())
        # Known already: no task and timer for wait_for (a share of every command's CPU).
        person = self.people.cached(user)
        if person is None:
            try:
                # users.info answers within a share of the deadline, or the reply goes without.
                person = await asyncio.wait_for(self.people.get(user), self._time_left(loop) / 3)
            except TimeoutError:
                person = Person(user, "sv")
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

    async def justerade_pdf(self, meeting_id: int) -> tuple[bytes, str]:
        """The justerade minutes as a PDF, for the notice in the channel."""
        from bot.export import export_meeting, render

        export = await asyncio.get_running_loop().run_in_executor(
            self._db_thread, export_meeting, self.service, meeting_id, self.now()
        )
        return await asyncio.to_thread(render, export, "pdf")

    def _ephemeral(self, client: Any, channel: str, user: str, text: str) -> None:
        """A private reply in the channel, sent after Slack has had its answer."""

        async def send() -> None:
            await client.chat_postEphemeral(channel=channel, user=user, text=escape(text))

        self.later.run("chat.postEphemeral", send)

    def _respond(self, response_url: str | None, text: str) -> None:
        """A private reply through the request's response_url, after the answer."""
        if not response_url:
            return

        async def send() -> None:
            await AsyncWebhookClient(response_url).send(
                text=escape(text), response_type="ephemeral", replace_original=False
            )

        self.later.run("response_url", send)

    def _open_form(
        self,
        client: Any,
        trigger_id: str,
        view: dict[str, Any],
        response_url: str | None,
        failed: str | None = None,
    ) -> None:
        """Open a form now, beside the answer (its trigger lives 3 s, and a slow views.open must
        not hold the answer). A failure is told through the response_url."""

        async def open_it() -> None:
            try:
                await client.views_open(trigger_id=trigger_id, view=view)
            except Exception as error:
                log.warning("views.open failed: %s", type(error).__name__)
                # Without a lookup the user's language is not known; the form was Swedish too.
                self._respond(response_url, failed or say("sv", "form_failed"))

        self.later.run("views.open", open_it)

    def _name_of(self, labels: dict[str, str]) -> Callable[[str], str]:
        def name_of(user_id: str) -> str:
            person = self.people.cached(user_id)
            return person.name if person else labels.get(user_id) or user_id

        return name_of

    # --- listeners -----------------------------------------------------------------------

    async def on_command(self, ack: Any, command: dict[str, Any], client: Any) -> None:
        started = time.perf_counter()
        outcome = _OUTCOME.set("done")
        # Here, in the listener's own task: context() may run in a task gathered beside it.
        self._deadline_at.set(asyncio.get_running_loop().time() + self.deadline)
        REQUEST_ID.set(new_request_id())
        try:
            await self._on_command(ack, command, client)
        except Exception:
            _OUTCOME.set("error")
            raise
        finally:
            metrics.command_done(_OUTCOME.get(), time.perf_counter() - started)
            _OUTCOME.reset(outcome)

    async def _on_command(self, ack: Any, command: dict[str, Any], client: Any) -> None:
        team, user, channel = command["team_id"], command["user_id"], command["channel_id"]
        name = command["command"].lstrip("/")
        # Slack escapes the text (&amp;, <@U…|name>, <url|text>): decoded before fields split.
        labels: dict[str, str] = {}
        text = decode(command.get("text", ""), labels)
        # Forms first, before any other call to Slack: the trigger_id expires in 3 s.
        form = None
        if name == "arende" and not text.strip():
            form = propose_view(channel, None)
        elif name == "arsklocka" and fold(text) in ("import", "importera"):
            form = year_import_view(channel)  # a slash command is one line; YAML goes in a form
        if form is not None:
            self._open_form(client, command["trigger_id"], form, command.get("response_url"))
            await ack()
            return
        mentions = mentioned(text)
        if mentions:
            # The people mentioned are looked up beside the caller, not after.
            ctx, *_others = await asyncio.gather(
                self.context(team, user, channel), *map(self.people.get, mentions)
            )
        else:
            ctx = await self.context(team, user, channel)
        try:
            call = parse(
                f"/{name} {text}", now=ctx.now, lang=ctx.lang, resolve_user=mention_resolver(team)
            )
            if call.operation is None:
                await ack(text=reply(call.text))
                return
            if call.form == "edit_item":
                view = await self._edit_form(ctx, channel, *call.args)
                failed = say(ctx.lang, "edit_form_failed_command")
                self._open_form(
                    client, command["trigger_id"], view, command.get("response_url"), failed
                )
                await ack()
                return
            # A mention in a free-text field is stored as the person's name.
            operation = call.operation
            args = name_mentions(call.args, self._name_of(labels))
            kwargs = name_mentions(call.kwargs, self._name_of(labels))
            if call.output:
                # Checked now, rendered and shared by the outbox after the answer.
                reply_to = command.get("response_url") or ""
                operation, args = outbox.share_export, (operation, tuple(args), call.output)
                kwargs = {**kwargs, "reply_to": reply_to}
            result = await self.run(ctx, operation, *args, **kwargs)
        except UserError as error:
            _OUTCOME.set("timeout" if isinstance(error, OutcomeUnknown) else "refused")
            await ack(text=reply(error.message(ctx.lang)))
            return
        except Exception as error:  # an answer in 3 s beats Slack's bare "failed" message
            _OUTCOME.set("error")
            # Where it failed, not the message: a database error's message carries values.
            log.error("/%s failed: %s", name, frames(error))
            await ack(text=say(ctx.lang, "internal_error"))
            return
        if call.output:
            # The file goes out after the answer: a PDF can take longer than Slack waits.
            await ack(text=reply(say(ctx.lang, "export_started", what=f"{name} {text}".strip())))
            self.outbox.wake()
            return
        # The reply goes with the HTTP response; postings follow it through the paced sender.
        await ack(text=reply(result.message))
        self.publisher.publish(channel, result.events)

    async def _edit_form(
        self,
        ctx: Context,
        channel: str,
        ref: Any,
        number: int,
        *,
        from_draft: bool = False,
    ) -> dict[str, Any]:
        """/anteckning ändra 4 or the draft's menu: the form with the item's whole text.

        Refusals (not a lead, justerad, no such item) raise here, before the answer; the form
        opens beside the answer, so the reads and views.open stay within the trigger's 3 s.
        """
        meeting, item, entries = await self.run(ctx, corrections.item_text, ref, number)
        labels = await self.run(ctx, corrections.entry_labels, meeting.id, [e.id for e in entries])
        promised = await self.run(ctx, followups.commitments_on_item, item.id)
        view = edit_item_view(
            channel,
            meeting.number,  # the group's own number: edit_item takes it as #N
            item.number,
            item.title,
            item.presenter,
            [(e.seq, labels[e.id], e.text) for e in entries],
            [(c.id, followups.form_line(c)) for c in promised],
            from_draft=from_draft,
        )
        return view

    async def on_edit_menu(self, ack: Any, body: dict[str, Any], client: Any) -> None:
        """ "Ändra ett ärende" on a posted draft: the item's form, for the chair and secretary."""
        value = json.loads(body["actions"][0]["selected_option"]["value"])
        channel, user = body["channel"]["id"], body["user"]["id"]
        ctx = await self.context(body["team"]["id"], user, channel)
        try:
            view = await self._edit_form(
                ctx, channel, int(value["meeting"]), int(value["number"]), from_draft=True
            )
        except UserError as error:
            # The menu is the same for everyone in the channel; the refusal is for the clicker.
            await ack()
            self._respond(body.get("response_url"), error.message(ctx.lang))
            return
        # views.open refused (an expired trigger, Slack away) is told through the response_url.
        failed = say(ctx.lang, "edit_form_failed")
        self._open_form(client, body["trigger_id"], view, body.get("response_url"), failed)
        await ack()

    async def on_edit_item_submitted(
        self, ack: Any, body: dict[str, Any], view: dict[str, Any], client: Any
    ) -> None:
        meta = json.loads(view["private_metadata"])
        values = submitted(view)
        texts = {seq: values.get(f"{ENTRY_BLOCK}{seq}", "") for seq in meta["entries"]}
        ctx = await self.context(
            body["team"]["id"], body["user"]["id"], meta["channel"], f"view:{view['id']}"
        )
        env = Env(ctx.now, ctx.lang, mention_resolver(body["team"]["id"]))
        promised = {}
        try:
            for key, before in meta.get("commitments", {}).items():
                after = values.get(f"{COMMITMENT_BLOCK}{key}", "")
                if after.strip() != before.strip():
                    try:
                        promised[int(key)] = commitment_form_changes(before, after, env)
                    except UserError as error:
                        error.params.setdefault("followup", int(key))
                        raise
            # From the posted draft the next version is posted with the change.
            operation = draftedit.edit_posted_item if meta.get("draft") else corrections.edit_item
            result = await self.run(
                ctx,
                operation,
                meta["meeting"],
                meta["number"],
                values.get("title", ""),
                values.get("presenter", ""),
                texts,
                promised,
            )
        except UserError as error:
            field_named = str(error.params.get("field", ""))
            field = FIELD_OF_ERROR.get(field_named, "title")
            if "followup" in error.params:
                field = f"{COMMITMENT_BLOCK}{error.params['followup']}"
            await ack(response_action="errors", errors={field: error.message(ctx.lang)})
            return
        await ack()
        if not result.replayed:
            self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)
            self.publisher.publish(meta["channel"], result.events)

    async def on_approve_button(self, ack: Any, body: dict[str, Any], client: Any) -> None:
        value = json.loads(body["actions"][0]["value"])
        # A click in a message has its channel; one on the App Home carries it in the value.
        channel = value.get("channel") or body["channel"]["id"]
        user = body["user"]["id"]
        ctx = await self.context(body["team"]["id"], user, channel)
        result = await self._attempt(ctx, justering.approve, value["meeting"], value["version"])
        await ack()
        if body.get("response_url"):
            self._respond(body["response_url"], result.message)
        else:
            self._ephemeral(client, channel, user, result.message)
            self._refresh_home(client, body["team"]["id"], user)
        self.publisher.publish(channel, result.events)

    async def on_change_button(self, ack: Any, body: dict[str, Any], client: Any) -> None:
        value = json.loads(body["actions"][0]["value"])
        channel = value.get("channel") or body["channel"]["id"]
        view = change_view(channel, value["meeting"], value["version"])
        self._open_form(client, body["trigger_id"], view, body.get("response_url"))
        await ack()

    async def on_message_shortcut(self, ack: Any, shortcut: dict[str, Any], client: Any) -> None:
        """ "Föreslå som ärende": the proposal form with the message as description and link."""
        channel = shortcut["channel"]["id"]
        message = shortcut.get("message") or {}
        ts = str(message.get("ts") or shortcut.get("message_ts") or "")
        domain = str((shortcut.get("team") or {}).get("domain") or "")
        labels: dict[str, str] = {}
        text = decode(str(message.get("text") or ""), labels)
        trigger, url = shortcut["trigger_id"], shortcut.get("response_url")

        async def open_it() -> None:
            # The trigger lives 3 s: the permalink and the names get one second between them.
            link, *_names = await asyncio.gather(
                self._permalink(client, channel, ts, domain),
                *map(self.people.get, mentioned(text)),
            )
            description = name_mentions(text, self._name_of(labels)).strip()
            view = propose_view(channel, None, description=description, links=link)
            try:
                await client.views_open(trigger_id=trigger, view=view)
            except Exception as error:
                log.warning("views.open failed: %s", type(error).__name__)
                self._respond(url, say("sv", "form_failed"))

        self.later.run("message shortcut", open_it)
        await ack()

    async def _permalink(self, client: Any, channel: str, ts: str, domain: str) -> str:
        try:
            response = await asyncio.wait_for(
                client.chat_getPermalink(channel=channel, message_ts=ts), PERMALINK_SECONDS
            )
            return str(response.get("permalink") or "")
        except Exception as error:
            # Slack's own address form: right for every message outside a thread.
            log.warning("chat.getPermalink failed: %s", type(error).__name__)
            host = f"{domain}.slack.com" if domain else "slack.com"
            return f"https://{host}/archives/{channel}/p{ts.replace('.', '')}"

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
            self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)
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
            self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)
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
            self._ephemeral(client, meta["channel"], body["user"]["id"], result.message)

    async def on_reaction(
        self, event: dict[str, Any], body: dict[str, Any], client: Any, request: Any
    ) -> None:
        item = event.get("item", {})
        if event.get("reaction") not in APPROVE_REACTIONS or item.get("type") != "message":
            return
        channel, user, event_id = item["channel"], event["user"], body["event_id"]
        ctx = await self.context(body["team_id"], user, channel, f"event:{event_id}")
        try:
            result = await self.run(ctx, postings.approve_message, item["ts"])
        except UserError as error:
            # A refusal changes nothing, so nothing marks it answered: a redelivery (retry
            # header, or an event id this process has answered) must not repeat it.
            redelivered = bool(request.headers.get("x-slack-retry-num"))
            if redelivered or event_id in self._refused_events:
                return
            self._refused_events[event_id] = None
            while len(self._refused_events) > REFUSED_EVENTS_KEPT:
                self._refused_events.pop(next(iter(self._refused_events)))
            if error.key not in QUIET_ON_REACTION:
                self._ephemeral(client, channel, user, error.message(ctx.lang))
            return
        if result.replayed:
            return  # Slack's redelivery of an event already answered
        if result.message:
            self._ephemeral(client, channel, user, result.message)
        self.publisher.publish(channel, result.events)

    async def on_home_opened(
        self, event: dict[str, Any], body: dict[str, Any], client: Any
    ) -> None:
        """The App Home tab: what waits for this person, in every group they are in."""
        if event.get("tab", "home") == "home":
            self._refresh_home(client, body["team_id"], event["user"])

    def _refresh_home(self, client: Any, team: str, user: str) -> None:
        """Build and publish the App Home after the answer (it reads Slack and the database)."""

        async def publish() -> None:
            person = await self.people.get(user)
            ctx = Context(
                user_ref=user_ref(team, user),
                channel_ref=SYSTEM,
                now=self.now(),
                display_name=person.name,
                lang=person.lang,
            )
            waiting = await self.run(ctx, home.waiting_for)
            view = home_view(waiting, ctx.lang, lambda ref: slack_id(ref) or "")
            await client.views_publish(user_id=user, view=view)

        self.later.run("views.publish", publish)

    async def _attempt(self, ctx: Context, operation: Any, *args: Any) -> Result:
        """Run, turning a refusal into a reply: for callers that answer the same way either way."""
        try:
            return await self.run(ctx, operation, *args)
        except UserError as error:
            return Result(error.message(ctx.lang))


_OUTCOME: contextvars.ContextVar[str] = contextvars.ContextVar("justera_outcome", default="done")


def _wake(waiter: asyncio.Future[None], *_done: Any) -> None:
    """The deadline's timer or the command's end, whichever comes first, wakes its waiter."""
    if not waiter.done():
        waiter.set_result(None)


def _log_late_failure(future: Any) -> None:
    if not future.cancelled() and future.exception() is not None:
        error = future.exception()
        if not isinstance(error, UserError):
            log.error("a command past its deadline failed: %s", type(error).__name__)


def register(app: AsyncApp, bot: SlackBot) -> None:
    # One listener for every command: Bolt asks its listeners in turn, each ask a few dozen
    # microseconds, and with one per command /sok was asked eleven times before it matched.
    ours = "|".join(re.escape(command) for command in slash_commands())
    app.command(re.compile(rf"\A(?:{ours})\Z"))(bot.on_command)
    app.action(APPROVE_ACTION)(bot.on_approve_button)
    app.action(CHANGE_ACTION)(bot.on_change_button)
    app.action(EDIT_ACTION)(bot.on_edit_menu)
    app.shortcut(PROPOSE_SHORTCUT)(bot.on_message_shortcut)
    app.view(PROPOSE_VIEW)(bot.on_propose_submitted)
    app.view(CHANGE_VIEW)(bot.on_change_submitted)
    app.view(YEAR_IMPORT_VIEW)(bot.on_year_import_submitted)
    app.view(EDIT_ITEM_VIEW)(bot.on_edit_item_submitted)
    app.event("reaction_added")(bot.on_reaction)
    app.event("app_home_opened")(bot.on_home_opened)
