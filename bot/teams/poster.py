"""Teams' poster: each outbox posting as connector calls (cards, thread replies, updates)."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiohttp

from bot.core import conversations, outbox
from bot.core.context import Event
from bot.core.model import ConversationRef, Justerare, Member, Posting
from bot.core.postings import AGENDA, MINUTES, MessageRefs
from bot.core.texts import say
from bot.outbox.contract import Retry, Step
from bot.render import adaptivecards as cards
from bot.teams.connector import Connector, retry_after, status_of
from bot.teams.identity import teams_part

# Teams allows a bot 7 messages a second and 60 in 30 seconds in one conversation: the second
# limit is the one a long draft meets, so pace at its rate.
MIN_INTERVAL = 0.5
RETRY_STATUSES = {412, 429, 500, 502, 503, 504}  # Teams' documented transient answers
REPLY = outbox.REPLY  # the answer to a typed command, in the command's thread
FOOTER = "Ändringar i ärendelistan visas i tråden."

# The posting and step being performed, per lane task (several lanes share one poster).
_STEP: contextvars.ContextVar[tuple[int, str] | None] = contextvars.ContextVar(
    "justera_teams_step", default=None
)

ExportLoader = Callable[[Posting], Awaitable[tuple[bytes, str]]]
LinkMaker = Callable[[Posting, str], str]


# A new message's answers after which the connector has not made it: tried again. Any other
# failure of a new message (408, 5xx, a timeout, a connection lost mid-call) may come after the
# connector took it; the Bot Connector has no idempotency key and a bot cannot read a Teams
# conversation's messages to look, so such a message is not sent again but given up as
# uncertain: the one who caused it is told, and /mote visa shows it, to check and re-send.
SAFE_TO_RESEND = {412, 429}


class Unpostable(Exception):
    """A step that cannot be made as things are (nowhere to post it, no thread to reply in)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Uncertain(Exception):
    """A new message the connector may have made: given up, never made a second time."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = f"{outbox.UNCERTAIN}_{code}"


def _maybe_made(error: BaseException) -> bool:
    """Whether a failed new message may still have been made."""
    status = status_of(error)
    if status is not None:
        return status not in SAFE_TO_RESEND and (status == 408 or status >= 500)
    if isinstance(error, aiohttp.ClientConnectorError):
        return False  # never connected: nothing was sent
    return isinstance(error, aiohttp.ClientConnectionError | asyncio.TimeoutError)


def message(text: str) -> dict[str, Any]:
    # plain: nothing a user typed is read as Markdown or a mention.
    return {"type": "message", "text": text, "textFormat": "plain"}


def card_message(card: dict[str, Any], summary: str = "") -> dict[str, Any]:
    activity: dict[str, Any] = {"type": "message", "attachments": [cards.attachment(card)]}
    if summary:
        activity["summary"] = summary[:200]
    return activity


def _heading(event: Event) -> str:
    return f"Utkast version {event.version}, möte #{event.shown_number}"


class TeamsPoster:
    """The contract's Teams side. Database reads (where a conversation is, who the justerare
    are) run through run_db, the bot's database thread."""

    platform = "teams"

    def __init__(
        self,
        connector: Connector,
        store_factory: Any,
        run_db: Callable[[Callable[[], Any]], Awaitable[Any]],
        *,
        link_for: LinkMaker | None = None,
        interval: float = MIN_INTERVAL,
    ) -> None:
        self.connector = connector
        self.store_factory = store_factory
        self.run_db = run_db
        self.link_for = link_for
        self._interval = interval
        # Steps an earlier owner may have made (taken over unrecorded): not made again.
        self._unsure: set[tuple[int, str]] = set()

    # --- the contract ----------------------------------------------------------------------

    def interval(self, conversation: str) -> float:
        return self._interval

    def plan(self, posting: Posting, refs: MessageRefs) -> list[Step]:
        kind = posting.kind
        if kind in (outbox.REMINDER, outbox.FILE, outbox.NOTICE, REPLY):
            return [Step(kind)]
        event = outbox.event_of(posting)
        if kind in ("agenda_published", "agenda_changed"):
            if not refs.agenda:
                return [Step("post_agenda", remember=AGENDA)]
            return [Step("update_agenda"), Step("agenda_note")]
        if kind == "minutes_posted":
            steps = [] if refs.agenda else [Step("heading", remember=AGENDA)]
            if event.changes:
                steps.append(Step("changes_note"))
            pages = len(cards.minutes_cards(event.body, _heading(event)))
            steps += [Step("draft", part=i) for i in range(1, pages + 1)]
            steps.append(Step("status", remember=MINUTES))
            if event.user_refs:
                steps.append(Step("mentions"))
            return steps
        if kind in ("approved", "change_requested"):
            steps = []
            if kind == "change_requested" and event.changes and refs.agenda:
                steps.append(Step("change_note"))
            if refs.minutes:
                steps.append(Step("update_status"))
            return steps
        if kind == "minutes_justerade":
            steps = [Step("final_status")] if refs.minutes else []
            pages = len(cards.minutes_cards(event.text, "Justerat protokoll"))
            return steps + [Step("final", part=i) for i in range(1, pages + 1)]
        raise Unpostable(f"unknown_kind_{kind}")

    def unsure(self, posting: Posting, step: Step) -> None:
        """The sender's word that an earlier owner may have made this step (killed, or its
        lease ran out, before recording it): a new message is then not sent again."""
        if posting.id is not None:
            self._unsure.add((posting.id, step.name))

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        key = (posting.id or 0, step.name)
        _STEP.set(key)
        ref = await self._perform(posting, step, refs)
        self._unsure.discard(key)  # an update or nothing to post: made, whoever made it first
        return ref

    async def _perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        if step.op == REPLY:
            return await self._reply(posting)
        if step.op == outbox.REMINDER:
            return await self._reminder(posting, refs)
        if step.op == outbox.NOTICE:
            return await self._to_person(posting.conversation, message(_text(posting)))
        if step.op == outbox.FILE:
            return await self._file(posting)
        where = await self._where(posting.conversation)
        event = outbox.event_of(posting)
        handler = getattr(self, f"_step_{step.op}")
        return await handler(where, event, step, refs)

    def retry(self, error: BaseException) -> Retry | None:
        status = status_of(error)
        if status in RETRY_STATUSES:
            return Retry(after=retry_after(error) if status == 429 else None)
        if isinstance(error, aiohttp.ClientConnectionError | asyncio.TimeoutError):
            return Retry()
        return None

    def error_code(self, error: BaseException) -> str:
        if isinstance(error, Unpostable | Uncertain):
            return error.code
        status = status_of(error)
        return f"http_{status}" if status else type(error).__name__

    # --- where things go ---------------------------------------------------------------------

    async def _where(self, ref: str) -> ConversationRef:
        def read() -> ConversationRef | None:
            with self.store_factory() as store:
                return conversations.reference(store, ref)

        found = await self.run_db(read)
        if found is None or not found.conversation_id:
            raise Unpostable("conversation_unknown")
        return found

    async def _person(self, ref: str) -> ConversationRef:
        """A person's 1:1 chat, opened (and remembered) the first time it is needed."""

        def read() -> ConversationRef | None:
            with self.store_factory() as store:
                return conversations.reference(store, ref)

        found = await self.run_db(read)
        if found is None or not found.platform_user_id:
            raise Unpostable("person_never_seen")  # Teams needs them to have met the bot
        if found.conversation_id:
            return found
        chat = await self.connector.open_chat(
            found.service_url, found.tenant_id, found.bot_id, found.platform_user_id
        )
        found.conversation_id = chat

        def write() -> None:
            with self.store_factory() as store:
                known = conversations.reference(store, ref)
                if known is not None:
                    known.conversation_id = chat
                    store.update(known)
                    store.commit()

        await self.run_db(write)
        return found

    async def _to_person(self, ref: str, activity: dict[str, Any]) -> str:
        return await self._post(await self._person(ref), activity)

    async def _new(self, call: Coroutine[Any, Any, str]) -> str:
        """A new message: not sent when an earlier owner may have sent it, and given up as
        uncertain when it fails in a way that may come after the connector took it."""
        key = _STEP.get()
        if key in self._unsure:
            self._unsure.discard(key)
            call.close()  # never started
            raise Uncertain("taken_over")
        try:
            return await call
        except Exception as error:
            if _maybe_made(error):
                raise Uncertain(self.error_code(error)) from error
            raise

    async def _justerare_ids(self, meeting_id: int) -> tuple[list[str], list[tuple[str, str]]]:
        """The justerare's Teams ids (for the card's refresh) and (id, name) for mentions."""

        def read() -> tuple[list[str], list[tuple[str, str]]]:
            ids, named = [], []
            with self.store_factory() as store:
                for chosen in store.find(Justerare, meeting_id=meeting_id):
                    member = store.get(Member, chosen.member_id)
                    if member is None:
                        continue
                    known = conversations.reference(store, member.user_ref)
                    if known is not None and known.platform_user_id:
                        ids.append(known.platform_user_id)
                        named.append((known.platform_user_id, member.display_name))
            return ids, named

        return await self.run_db(read)

    # --- the steps ---------------------------------------------------------------------------

    async def _post(self, where: ConversationRef, activity: dict[str, Any]) -> str:
        return await self._new(
            self.connector.send(where.service_url, where.conversation_id, activity)
        )

    async def _in_thread(self, where: ConversationRef, root: str, activity: dict) -> str:
        if not root:
            raise Unpostable("no_thread")
        return await self._new(
            self.connector.reply(where.service_url, where.conversation_id, root, activity)
        )

    async def _update(self, where: ConversationRef, activity_id: str, activity: dict) -> str:
        return await self.connector.update(
            where.service_url, where.conversation_id, activity_id, activity
        )

    async def _step_post_agenda(self, where, event: Event, step: Step, refs) -> str:
        return await self._post(where, self._agenda(event))

    async def _step_update_agenda(self, where, event: Event, step: Step, refs) -> str:
        return await self._update(where, refs.agenda, self._agenda(event))

    async def _step_agenda_note(self, where, event: Event, step: Step, refs) -> str:
        lines = event.changes or ("Ärendelistan är publicerad på nytt.",)
        text = "Ändrat i ärendelistan:\n" + "\n".join(lines)
        return await self._in_thread(where, refs.agenda, message(text))

    def _agenda(self, event: Event) -> dict[str, Any]:
        title = event.text.partition("\n")[0]
        return card_message(cards.agenda_card(event.text, FOOTER), title)

    async def _step_heading(self, where, event: Event, step: Step, refs) -> str:
        text = f"Möte #{event.shown_number}: protokoll och justering i tråden"
        return await self._post(where, message(text))

    async def _step_changes_note(self, where, event: Event, step: Step, refs) -> str:
        text = f"Ändrat sedan version {(event.version or 1) - 1}:\n" + "\n".join(event.changes)
        return await self._in_thread(where, refs.agenda, message(text))

    async def _step_draft(self, where, event: Event, step: Step, refs) -> str:
        pages = cards.minutes_cards(event.body, _heading(event))
        return await self._in_thread(where, refs.agenda, card_message(pages[step.part - 1]))

    async def _status_card(self, event: Event, *, final: bool = False) -> dict[str, Any]:
        ids, _named = await self._justerare_ids(event.meeting_id)
        if final:
            return cards.status_card(
                _heading(event), f"Justerat. {event.status}", event.meeting_id, event.version or 0
            )
        # Everyone sees the status; each justerare's Teams asks for their own view (buttons).
        return cards.status_card(
            _heading(event),
            event.status,
            event.meeting_id,
            event.version or 0,
            refresh_for=ids,
            items=event.items,
            meeting_number=event.shown_number,
        )

    async def _step_status(self, where, event: Event, step: Step, refs) -> str:
        card = await self._status_card(event)
        return await self._in_thread(where, refs.agenda, card_message(card, _heading(event)))

    async def _step_mentions(self, where, event: Event, step: Step, refs) -> str:
        _ids, named = await self._justerare_ids(event.meeting_id)
        if not named:
            return ""
        shown = ", ".join(f"<at>{_plain_name(name)}</at>" for _id, name in named)
        activity = {
            "type": "message",
            "text": f"{shown}: granska utkastet och godkänn med knappen eller 👍.",
            "entities": [
                {
                    "type": "mention",
                    "text": f"<at>{_plain_name(name)}</at>",
                    "mentioned": {"id": teams_id, "name": _plain_name(name)},
                }
                for teams_id, name in named
            ],
        }
        return await self._in_thread(where, refs.agenda, activity)

    async def _step_change_note(self, where, event: Event, step: Step, refs) -> str:
        text = "Begäran om ändring: " + "\n".join(event.changes)
        return await self._in_thread(where, refs.agenda, message(text))

    async def _step_update_status(self, where, event: Event, step: Step, refs) -> str:
        card = await self._status_card(event)
        return await self._update(where, refs.minutes, card_message(card, _heading(event)))

    async def _step_final_status(self, where, event: Event, step: Step, refs) -> str:
        card = await self._status_card(event, final=True)
        return await self._update(where, refs.minutes, card_message(card, _heading(event)))

    async def _step_final(self, where, event: Event, step: Step, refs) -> str:
        heading = f"Justerat protokoll, möte #{event.shown_number}"
        pages = cards.minutes_cards(event.text, heading)
        return await self._post(where, card_message(pages[step.part - 1], heading))

    async def _reply(self, posting: Posting) -> str:
        """The answer to a command: in a channel in the command's thread, in a chat after it."""
        data = outbox.payload_of(posting)
        where = await self._where(posting.conversation)
        content = data.get("card")
        activity = card_message(content) if content else message(data.get("text", ""))
        thread = str(data.get("conversation_id", "")).partition(";messageid=")[2]
        if thread:
            return await self._in_thread(where, thread, activity)
        return await self._post(where, activity)

    async def _reminder(self, posting: Posting, refs: MessageRefs) -> str:
        data = outbox.payload_of(posting)
        text = data.get("text", "")
        link = self._meeting_link(data.get("channel_ref", ""), refs.agenda)
        if link:
            text += f"\nTill mötet i kanalen: {link}"
        target = posting.conversation
        if await self._is_channel(target):
            where = await self._where(target)
            return await self._post(where, message(text))
        return await self._to_person(target, message(text))

    async def _is_channel(self, ref: str) -> bool:
        def read() -> bool:
            with self.store_factory() as store:
                found = conversations.reference(store, ref)
                return found is not None and not found.platform_user_id

        return await self.run_db(read)

    @staticmethod
    def _meeting_link(channel_ref: str, message_id: str) -> str:
        """A deep link to the meeting's message in its channel."""
        channel = teams_part(channel_ref)
        if not channel or not message_id:
            return ""
        tenant = channel_ref.split(":")[1]
        return (
            f"https://teams.microsoft.com/l/message/{channel}/{message_id}"
            f"?tenantId={tenant}&parentMessageId={message_id}"
        )

    async def _file(self, posting: Posting) -> str:
        """Teams lets a bot upload files only in a 1:1 chat: in a channel the file is a link."""
        where = await self._where(posting.conversation)
        data = outbox.payload_of(posting)
        if self.link_for is None:
            text = say(posting.lang, "teams_file_unavailable", format=data.get("format", ""))
            return await self._post(where, message(text))
        link = self.link_for(posting, data.get("format", ""))
        card = cards.check(
            cards.card(
                [cards.plain(say(posting.lang, "teams_file_ready", format=data.get("format", "")))],
                actions=[{"type": "Action.OpenUrl", "title": "Hämta filen", "url": link}],
            )
        )
        return await self._post(where, card_message(card))


def _text(posting: Posting) -> str:
    return str(outbox.payload_of(posting).get("text", ""))


def _plain_name(name: str) -> str:
    # A display name inside <at>…</at> must not close the tag or start another.
    return name.replace("<", "").replace(">", "").strip() or "justerare"
