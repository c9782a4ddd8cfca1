"""Turn handlers: each Teams activity becomes one core call; invokes answered in the response."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse

from bot.commands.parse import Env, commitment_form_changes, parse
from bot.commands.words import fold
from bot.core import (
    agenda,
    conversations,
    corrections,
    draftedit,
    followups,
    home,
    justering,
    postings,
)
from bot.core.context import STOCKHOLM, Context, Result
from bot.core.model import ConversationRef, Section
from bot.core.texts import UserError, say
from bot.render import adaptivecards as cards
from bot.teams import dialogs
from bot.teams.home import HOME_WORDS, home_card
from bot.teams.identity import (
    Caller,
    base_conversation,
    caller_of,
    command_text,
    lang_of,
    mention_resolver,
)

log = logging.getLogger(__name__)


def _unknown_caller(act: dict[str, Any]) -> dict[str, Any]:
    """A dialog sent with no Entra id: closed, in the language of the sender's Teams."""
    return dialogs.done(say(lang_of(act.get("locale")), "teams_unknown_caller"))


SYSTEM = "teams:system"
APPROVE_REACTIONS = {"like", "checkmark", "heavycheckmark", "✅", "👍"}
QUIET_ON_REACTION = {"not_the_latest_draft", "no_group_here", "no_meeting_justering"}
# Who a mention is, asked of Teams in the turn: at most this long, since the HTTP answer waits
# (Teams gives a message 15 s, an invoke 5 s).
LOOKUP_SECONDS = 2.0
REPLY_CHARS = 20_000  # a reply is one message; Teams takes about 28 KB with its envelope


class Outgoing(Protocol):
    """Where a turn leaves what must be posted: written down now, sent after the HTTP answer."""

    async def reply(self, caller: Caller, reply_to: str, text: str) -> None: ...

    async def publish(self, caller: Caller, result: Result) -> None: ...

    async def share(self, caller: Caller, export: Any, fmt: str) -> None: ...


def dump(activity: Activity) -> dict[str, Any]:
    return activity.model_dump(by_alias=True, mode="json", exclude_none=True)


def shorten(text: str) -> str:
    if len(text) <= REPLY_CHARS:
        return text
    return text[:REPLY_CHARS] + "\n… (för långt för ett svar här; hela texten finns i mötets tråd)"


async def answer_invoke(context: Any, body: Any, status: int = 200) -> None:
    await context.send_activity(
        Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=status, body=body))
    )


@dataclass
class TeamsBot:
    service: Any
    outgoing: Outgoing
    member_lookup: Callable[..., Any] | None = None  # (service_url, conversation, id) -> account
    now: Callable[[], datetime] = lambda: datetime.now(STOCKHOLM)
    _known: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lookup_seconds: float = LOOKUP_SECONDS
    _lookups: set[asyncio.Future] = field(default_factory=set)  # held so none is collected

    def __post_init__(self) -> None:
        # SQLite: one database thread, commands in arrival order (as the Slack adapter does).
        self._db_thread = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="justera-teams-db")
            if self.service.single_writer
            else None
        )

    # --- plumbing --------------------------------------------------------------------------

    async def run(self, ctx: Context, operation: Any, *args: Any, **kwargs: Any) -> Any:
        call = functools.partial(self.service.run, ctx, operation, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, call)

    async def run_db(self, call: Callable[[], Any]) -> Any:
        """Other database work (the outbox's, the poster's reads) on the same thread."""
        return await asyncio.get_running_loop().run_in_executor(self._db_thread, call)

    def context(self, caller: Caller, request_id: str | None = None) -> Context:
        return Context(
            user_ref=caller.user_ref,
            channel_ref=caller.channel_ref,
            now=self.now(),
            display_name=caller.name,
            lang=caller.lang,
            request_id=request_id,
        )

    def card_context(
        self, caller: Caller, data: dict[str, Any], request_id: str | None = None
    ) -> Context:
        """A click on a person's overview names the draft's channel, as Slack's App Home does;
        the core checks the person against that channel's group as for any other click."""
        ctx = self.context(caller, request_id)
        channel = data.get("channel")
        if data.get("home") and isinstance(channel, str) and channel.startswith("teams:"):
            return dataclasses.replace(ctx, channel_ref=channel)
        return ctx

    def _system(self) -> Context:
        return Context(user_ref=SYSTEM, channel_ref=SYSTEM, now=self.now())

    async def remember(self, act: dict[str, Any], caller: Caller) -> None:
        """Keep where this channel and this person can be reached, for later proactive posts."""
        service_url = act.get("serviceUrl") or ""
        bot_id = (act.get("recipient") or {}).get("id") or ""
        chat = "" if caller.is_channel else caller.conversation_id
        personal = _personal(act)
        seen = [
            ConversationRef(
                ref=caller.channel_ref,
                service_url=service_url,
                conversation_id=base_conversation(caller.conversation_id),
                tenant_id=caller.tenant,
                bot_id=bot_id,
                updated_at=self.now(),
            ),
            ConversationRef(
                ref=caller.user_ref,
                service_url=service_url,
                conversation_id=chat if personal else "",
                tenant_id=caller.tenant,
                bot_id=bot_id,
                updated_at=self.now(),
                platform_user_id=caller.teams_user_id,
            ),
        ]
        for record in seen:
            key = (record.service_url, record.conversation_id, record.platform_user_id)
            if self._known.get(record.ref) == key:
                continue  # unchanged since we last wrote it: no write per message
            await self.run(self._system(), conversations.remember, record)
            self._known[record.ref] = key

    async def _resolve_mentions(self, act: dict[str, Any], caller: Caller, mentions) -> dict:
        resolved: dict[int, str] = {}
        for index, mention in enumerate(mentions):
            aad = mention.aad_object_id
            if not aad and mention.teams_user_id:
                known = await self.run(self._system(), _person_of, mention.teams_user_id)
                if known is not None:
                    resolved[index] = known
                    continue
                if self.member_lookup is not None:
                    aad = await self._look_up(act, caller, mention)
            if aad:
                resolved[index] = f"teams:{caller.tenant}:{aad.lower()}"
                if mention.aad_object_id:  # a looked-up person was kept by the lookup
                    # Now we know their Teams id: enough for a refresh list or a 1:1 chat later.
                    await self._remember_person(act, caller, resolved[index], mention.teams_user_id)
        return resolved

    async def _look_up(self, act: dict[str, Any], caller: Caller, mention: Any) -> str:
        """Who a mention is, asked of Teams within LOOKUP_SECONDS: the answer to the turn must
        not wait on the connector. A slow lookup goes on and is kept for the next command."""

        async def ask() -> str:
            assert self.member_lookup is not None
            try:
                account = await self.member_lookup(
                    act.get("serviceUrl", ""),
                    base_conversation(caller.conversation_id),
                    mention.teams_user_id,
                )
            except Exception as error:  # an unknown person is refused by the parser
                log.warning("member lookup failed: %s", type(error).__name__)
                return ""
            aad = getattr(account, "aad_object_id", "") or ""
            if aad:
                ref = f"teams:{caller.tenant}:{aad.lower()}"
                await self._remember_person(act, caller, ref, mention.teams_user_id)
            return aad

        task = asyncio.ensure_future(ask())
        self._lookups.add(task)
        task.add_done_callback(self._lookups.discard)
        try:
            return await asyncio.wait_for(asyncio.shield(task), self.lookup_seconds)
        except TimeoutError:
            log.warning("member lookup slower than %.1f s", self.lookup_seconds)
            raise UserError("mention_lookup_slow", name=mention.name or "?") from None

    async def join(self) -> None:
        """Wait for the lookups that outlived their turn (tests; a stopping process)."""
        while self._lookups:
            await asyncio.gather(*self._lookups, return_exceptions=True)

    async def _remember_person(
        self, act: dict[str, Any], caller: Caller, ref: str, teams_user_id: str
    ) -> None:
        if not teams_user_id or self._known.get(ref):
            return
        record = ConversationRef(
            ref=ref,
            service_url=act.get("serviceUrl") or "",
            conversation_id="",
            tenant_id=caller.tenant,
            bot_id=(act.get("recipient") or {}).get("id") or "",
            updated_at=self.now(),
            platform_user_id=teams_user_id,
        )
        await self.run(self._system(), conversations.remember, record)

    # --- messages --------------------------------------------------------------------------

    async def on_message(self, context: Any, _state: Any) -> None:
        act = dump(context.activity)
        caller = caller_of(act)
        if caller is None:
            return
        await self.remember(act, caller)
        text, mentions = command_text(act)
        text = text.removeprefix("/").strip() or "hjalp"
        reply_to = act.get("id", "")
        ctx = self.context(caller, f"teams:{caller.conversation_id}:{reply_to}")
        name, _, rest = text.partition(" ")
        if fold(name) == "arende" and not rest.strip():
            await self.outgoing.reply(caller, reply_to, dialogs.open_propose_card(ctx.lang))
            return
        if fold(name) in HOME_WORDS and not rest.strip():
            await self.outgoing.reply(caller, reply_to, await self._home(act, caller, ctx))
            return
        try:
            resolved = await self._resolve_mentions(act, caller, mentions)
            call = parse(
                f"/{text}",
                now=ctx.now,
                lang=ctx.lang,
                resolve_user=mention_resolver(caller.tenant, resolved),
            )
            if call.operation is None:
                await self.outgoing.reply(caller, reply_to, shorten(call.text))
                return
            if call.form == "edit_item":
                # A message cannot open a dialog: a button that does, once the right is checked.
                meeting, item, _ = await self.run(ctx, corrections.item_text, *call.args)
                card = dialogs.open_edit_card(ctx.lang, meeting.number, item.number)
                await self.outgoing.reply(caller, reply_to, card)
                return
            operation, args = call.operation, call.args
            if call.output:
                from bot.core import outbox

                # Checked now (a refusal is the reply); rendered when the outbox sends it.
                operation, args = outbox.share_export, (operation, args, call.output)
            result = await self.run(ctx, operation, *args, **call.kwargs)
        except UserError as error:
            await self.outgoing.reply(caller, reply_to, error.message(ctx.lang))
            return
        except Exception as error:  # the person gets a sentence, never the exception's text
            log.exception("Teams command failed: %s", type(error).__name__)
            await self.outgoing.reply(caller, reply_to, say(ctx.lang, "internal_error"))
            return
        if isinstance(result, Result) and result.replayed:
            return  # Teams delivered the same message again: it was answered the first time
        if call.output:
            await self.outgoing.share(caller, result, call.output)
            return
        await self.outgoing.reply(caller, reply_to, shorten(result.message))
        await self.outgoing.publish(caller, result)

    async def on_installed(self, context: Any, _state: Any) -> None:
        """The bot added to a team or chat: where it is can be kept before anyone writes; a
        person who adds it for themselves is shown what waits for them, as Slack's App Home."""
        act = dump(context.activity)
        caller = caller_of(act)
        if caller is None:
            return
        await self.remember(act, caller)
        added = act.get("type") == ActivityTypes.installation_update and act.get("action") == "add"
        if added and _personal(act):
            ctx = self.context(caller)
            await self.outgoing.reply(caller, "", await self._home(act, caller, ctx))

    async def _home(
        self, act: dict[str, Any], caller: Caller, ctx: Context, message: str = ""
    ) -> Any:
        """One person's overview, only in their own chat: in a channel everyone would read it."""
        if not _personal(act):
            return say(ctx.lang, "teams_home_personal_only")
        return home_card(await self.run(ctx, home.waiting_for), ctx.lang, message)

    async def on_reaction(self, context: Any, _state: Any) -> None:
        act = dump(context.activity)
        caller = caller_of(act)
        added = {str(r.get("type", "")).lower() for r in act.get("reactionsAdded") or []}
        if caller is None or not added & APPROVE_REACTIONS or not act.get("replyToId"):
            return
        ctx = self.context(caller, f"teams:reaction:{act.get('id', '')}")
        try:
            result = await self.run(ctx, postings.approve_message, act["replyToId"])
        except UserError as error:
            if error.key not in QUIET_ON_REACTION:
                await self.outgoing.reply(caller, act["replyToId"], error.message(ctx.lang))
            return
        if not result.replayed:
            await self.outgoing.publish(caller, result)

    # --- dialogs (task modules and the message action) --------------------------------------

    async def on_task_fetch(self, context: Any, _state: Any) -> None:
        act = dump(context.activity)
        caller = caller_of(act)
        lang = lang_of(act.get("locale"))  # what caller.lang is, also when Teams left out who
        data = (act.get("value") or {}).get("data") or {}
        if data.get("dialog") == dialogs.EDIT_DIALOG and caller is not None:
            await answer_invoke(context, await self._edit_form(caller, data))
            return
        if data.get("dialog") == dialogs.CHANGE_DIALOG and caller is not None:
            await answer_invoke(context, await self._change_form(caller, data))
            return
        await answer_invoke(context, dialogs.propose_task(lang))

    async def _change_form(self, caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
        """Begär ändring's dialog, for the version the card showed."""
        ctx = self.card_context(caller, data)
        try:
            meeting_id, version = int(data["meeting"]), int(data["version"])
            view = await self.run(ctx, justering.justering_view, meeting_id)
        except UserError as error:
            return dialogs.done(error.message(ctx.lang))
        except (KeyError, TypeError, ValueError):
            return dialogs.done(say(ctx.lang, "internal_error"))
        return dialogs.change_task(
            meeting_id,
            version,
            ctx.lang,
            number=view.meeting_number,
            home_channel=_home_channel(ctx, caller),
        )

    async def _request_change(self, act: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """The change request sent from its dialog: a refusal keeps the dialog and the text."""
        caller = caller_of(act)
        if caller is None:
            return _unknown_caller(act)
        ctx = self.card_context(caller, data, f"teams:submit:{act.get('id', '')}")
        try:
            meeting_id, version = int(data["meeting"]), int(data["version"])
        except (KeyError, TypeError, ValueError):
            return dialogs.done(say(ctx.lang, "internal_error"))
        comment = str(data.get("comment") or "")
        try:
            result = await self.run(ctx, justering.request_change, meeting_id, comment, version)
        except UserError as error:
            try:
                number = (await self.run(ctx, justering.justering_view, meeting_id)).meeting_number
            except UserError:
                number = 0
            return dialogs.change_task(
                meeting_id,
                version,
                ctx.lang,
                comment,
                error.message(ctx.lang),
                number=number,
                home_channel=_home_channel(ctx, caller),
            )
        if not result.replayed:
            await self.outgoing.publish(caller, result)
        return dialogs.done(result.message)

    async def _edit_form(self, caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
        """The item's edit dialog, filled with what is stored (refusals close it, said)."""
        ctx = self.context(caller)
        try:
            meeting, item, entries = await self.run(
                ctx, corrections.item_text, int(data.get("meeting") or 0), int(data["number"])
            )
            ids = [e.id for e in entries]
            labels = await self.run(ctx, corrections.entry_labels, meeting.id, ids)
            promised = await self.run(ctx, followups.commitments_on_item, item.id)
        except UserError as error:
            return dialogs.done(error.message(ctx.lang))
        except (KeyError, TypeError, ValueError):
            return dialogs.done(say(ctx.lang, "internal_error"))
        lines = [(c.id, followups.form_line(c)) for c in promised]
        fields = {"title": item.title, "presenter": item.presenter}
        fields |= {f"{dialogs.ENTRY_FIELD}{e.seq}": e.text for e in entries}
        fields |= {f"{dialogs.COMMITMENT_FIELD}{n}": line for n, line in lines}
        shown = [(e.seq, labels[e.id], e.text) for e in entries]
        draft = bool(data.get("draft"))
        return dialogs.edit_task(
            ctx.lang, meeting.number, item.number, fields, shown, lines, draft=draft
        )

    async def on_compose_fetch(self, context: Any, _state: Any) -> None:
        """The message's "…" menu: the dialog opens with the message's text as the title."""
        act = dump(context.activity)
        value = act.get("value") or {}
        title = dialogs.title_from_message(value.get("messagePayload") or {})
        await answer_invoke(
            context,
            dialogs.propose_task(lang_of(act.get("locale")), {"title": title}),
        )

    async def on_task_submit(self, context: Any, _state: Any) -> None:
        act = dump(context.activity)
        value = act.get("value") or {}
        data = value.get("data") or {}
        if data.get("dialog") == dialogs.EDIT_DIALOG:
            await answer_invoke(context, await self._edit(act, data))
            return
        if data.get("dialog") == dialogs.CHANGE_DIALOG:
            await answer_invoke(context, await self._request_change(act, data))
            return
        await answer_invoke(context, await self._propose(act, data))

    async def _edit(self, act: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """The edit dialog sent back: the whole item in one correction, as the Slack form."""
        caller = caller_of(act)
        if caller is None:
            return _unknown_caller(act)
        ctx = self.context(caller, f"teams:submit:{act.get('id', '')}")
        try:
            meeting, number = int(data.get("meeting") or 0), int(data["number"])
            entries = [(int(seq), str(label), str(text)) for seq, label, text in data["entries"]]
            shown = [(int(n), str(line)) for n, line in data["commitments"]]
        except (KeyError, TypeError, ValueError):
            return dialogs.done(say(ctx.lang, "internal_error"))
        typed = {k: str(v) for k, v in data.items() if isinstance(v, str | int)}
        texts = {seq: typed.get(f"{dialogs.ENTRY_FIELD}{seq}", "") for seq, _, _ in entries}
        env = Env(ctx.now, ctx.lang, mention_resolver(caller.tenant, {}))
        # From the posted draft's card the next version is posted with the change.
        draft = bool(data.get("draft"))
        promised = {}
        try:
            for n, before in shown:
                after = typed.get(f"{dialogs.COMMITMENT_FIELD}{n}", "")
                if after.strip() != before.strip():
                    try:
                        promised[n] = commitment_form_changes(before, after, env)
                    except UserError as error:
                        error.params.setdefault("followup", n)
                        raise
            operation = draftedit.edit_posted_item if draft else corrections.edit_item
            result = await self.run(
                ctx,
                operation,
                meeting,
                number,
                typed.get("title", ""),
                typed.get("presenter", ""),
                texts,
                promised,
            )
        except UserError as error:
            # The dialog stays open with what was typed and the sentence under its field.
            field = dialogs.FIELD_OF_ERROR.get(str(error.params.get("field", "")), "title")
            if "followup" in error.params:
                field = f"{dialogs.COMMITMENT_FIELD}{error.params['followup']}"
            errors = {field: error.message(ctx.lang)}
            return dialogs.edit_task(
                ctx.lang, meeting, number, typed, entries, shown, errors, draft=draft
            )
        if not result.replayed:
            await self.outgoing.publish(caller, result)
        return dialogs.done(result.message)

    async def on_compose_submit(self, context: Any, _state: Any) -> None:
        act = dump(context.activity)
        value = act.get("value") or {}
        await answer_invoke(context, await self._propose(act, value.get("data") or {}))

    async def _propose(self, act: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        caller = caller_of(act)
        if caller is None:
            return _unknown_caller(act)
        await self.remember(act, caller)
        ctx = self.context(caller, f"teams:submit:{act.get('id', '')}")
        kept = {k: str(values.get(k) or "") for k in dialogs.PROPOSE_FIELDS}
        try:
            result = await self.run(
                ctx,
                agenda.propose_item,
                None,
                Section(kept["section"] or Section.DIALOG.value),
                kept["title"],
                presenter=kept["presenter"],
                description=kept["description"],
                links=kept["links"],
                risk_assessed=dialogs.RISK_CHOICES.get(kept["risk"] or "–"),
            )
        except UserError as error:
            # The dialog stays open with what was typed and the sentence under its field.
            field_named = str(error.params.get("field", ""))
            field_of = dialogs.FIELD_OF_ERROR.get(error.key) or dialogs.FIELD_OF_ERROR.get(
                field_named, "title"
            )
            return dialogs.propose_task(ctx.lang, kept, {field_of: error.message(ctx.lang)})
        except ValueError:
            return dialogs.propose_task(
                ctx.lang, kept, {"section": say(ctx.lang, "internal_error")}
            )
        if not result.replayed:
            await self.outgoing.publish(caller, result)
        return dialogs.done(result.message)

    # --- the justering card (Universal Actions) ---------------------------------------------

    async def _view_card(self, ctx: Context, meeting_id: int, mine: str = "") -> dict[str, Any]:
        view = await self.run(ctx, justering.justering_view, meeting_id)
        return cards.status_card(
            view.heading,
            view.status if not view.justerad else f"Justerat. {view.status}",
            view.meeting_id,
            view.version,
            buttons=view.may_approve,
            mine=mine,
        )

    async def _card_action(self, context: Any, data: Any, verb: str) -> Any:
        from microsoft_agents.activity import AdaptiveCardInvokeResponse

        act = dump(context.activity)
        caller = caller_of(act)
        data = data if isinstance(data, dict) else {}
        meeting_id, version = data.get("meeting"), data.get("version")
        if caller is None or not isinstance(meeting_id, int) or not isinstance(version, int):
            return AdaptiveCardInvokeResponse(
                status_code=400, type="application/vnd.microsoft.error", value={"code": "400"}
            )
        await self.remember(act, caller)
        ctx = self.card_context(caller, data, f"teams:action:{act.get('id', '')}")
        try:
            if verb == cards.REFRESH_VERB:
                card = await self._view_card(self.context(caller), meeting_id)
            elif verb == cards.CHANGE_VERB:
                view = await self.run(ctx, justering.justering_view, meeting_id)
                card = dialogs.change_card(
                    meeting_id, version, ctx.lang, number=view.meeting_number
                )
            elif verb == dialogs.CHANGE_SEND_VERB:
                comment = str(data.get("comment") or "")
                try:
                    result = await self.run(
                        ctx, justering.request_change, meeting_id, comment, version
                    )
                except UserError as error:
                    view = await self.run(ctx, justering.justering_view, meeting_id)
                    card = dialogs.change_card(
                        meeting_id,
                        version,
                        ctx.lang,
                        comment,
                        error.message(ctx.lang),
                        number=view.meeting_number,
                    )
                else:
                    if not result.replayed:
                        await self.outgoing.publish(caller, result)
                    card = await self._view_card(self.context(caller), meeting_id, result.message)
            else:
                try:
                    result = await self.run(ctx, justering.approve, meeting_id, version)
                    message = result.message
                    if not result.replayed:
                        await self.outgoing.publish(caller, result)
                except UserError as error:
                    message = error.message(ctx.lang)
                if data.get("home") and _personal(act):
                    card = await self._home(act, caller, self.context(caller), message)
                else:
                    card = await self._view_card(self.context(caller), meeting_id, message)
        except UserError as error:
            card = cards.check(cards.card([cards.plain(error.message(ctx.lang))]))
        return AdaptiveCardInvokeResponse(status_code=200, type=cards.CARD_TYPE, value=card)


def _home_channel(ctx: Context, caller: Caller) -> str:
    """The draft's channel when a click came from the person's overview (card_context), else ""."""
    return ctx.channel_ref if ctx.channel_ref != caller.channel_ref else ""


def _personal(act: dict[str, Any]) -> bool:
    return (act.get("conversation") or {}).get("conversationType") == "personal"


def _person_of(tx: Any, teams_user_id: str) -> str | None:
    record = conversations.person_of(tx.store, teams_user_id)
    return record.ref if record is not None else None


def register(app: Any, bot: TeamsBot) -> None:
    app.activity(ActivityTypes.message)(bot.on_message)
    app.message_reaction_added()(bot.on_reaction)
    app.activity(ActivityTypes.conversation_update)(bot.on_installed)
    app.activity(ActivityTypes.installation_update)(bot.on_installed)
    app.invoke("task/fetch")(bot.on_task_fetch)
    app.invoke("task/submit")(bot.on_task_submit)
    app.invoke("composeExtension/fetchTask")(bot.on_compose_fetch)
    app.invoke("composeExtension/submitAction")(bot.on_compose_submit)
    for verb in (
        cards.APPROVE_VERB,
        cards.CHANGE_VERB,
        cards.REFRESH_VERB,
        dialogs.CHANGE_SEND_VERB,
    ):

        async def handler(context: Any, _state: Any, data: Any, verb: str = verb) -> Any:
            return await bot._card_action(context, data, verb)

        app.adaptive_card.action_execute(verb)(handler)
