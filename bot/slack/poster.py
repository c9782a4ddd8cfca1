"""Slack's poster: each outbox posting as Slack Web API calls, and which failures may pass."""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.core import outbox
from bot.core.context import Event
from bot.core.model import Posting
from bot.core.postings import AGENDA, MINUTES, MessageRefs
from bot.core.texts import say
from bot.outbox.contract import Retry, Step, load_plan, made_by
from bot.render.blockkit import (
    agenda_blocks,
    escape,
    final_blocks,
    minutes_messages,
    text_blocks,
)
from bot.slack.identity import slack_id

log = logging.getLogger(__name__)

T = TypeVar("T")

MIN_INTERVAL = 1.0  # Slack allows about one message per second per channel
# ok:false answers that say Slack, not the request, is at fault: worth another try.
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)

# Every message a posting makes carries its posting and step in Slack's message metadata, so that
# a retry after an unknown outcome (a timeout, a lost connection, a 5xx) can look for it first.
METADATA_TYPE = "justera_posting"
HISTORY_PAGES = 5  # how far back (pages of 200) a retry looks for the message it may have made
# Slack shares a completed upload asynchronously: a retry that finds the file completed but not
# yet in the channel looks again this many times, SHARE_WAIT seconds apart, before sharing again.
SHARE_LOOKS = 5
SHARE_WAIT = 3.0
# The posting and step being performed, per lane task (several lanes share one poster).
_STEP: contextvars.ContextVar[tuple[int, str] | None] = contextvars.ContextVar(
    "justera_slack_step", default=None
)

ExportLoader = Callable[[Posting], Awaitable[tuple[bytes, str]]]
PdfMaker = Callable[[int], Awaitable[tuple[bytes, str]]]


class Unpostable(Exception):
    """A step that cannot be made as things are (the thread it belongs in was never posted)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class SharePending(Exception):
    """The file is completed at Slack and its share not yet visible: look again shortly."""


class SlackPoster:
    """The contract's Slack side: plans of Block Kit messages, made with chat.* and files.*."""

    platform = "slack"

    def __init__(
        self,
        client: AsyncWebClient,
        load_export: ExportLoader | None = None,
        interval: float = MIN_INTERVAL,
        justerade_pdf: PdfMaker | None = None,
    ) -> None:
        self.client = client
        self.load_export = load_export
        self.justerade_pdf = justerade_pdf
        self._shared: dict[int | None, str] = {}  # file names shared, to confirm
        self._interval = interval
        # Steps whose last chat.postMessage may or may not have been made: looked for first.
        self._unsure: set[tuple[int, str]] = set()
        self._share_looks: dict[tuple[int, str], int] = {}
        self.found_again = 0  # retries that found their message already there (tests, logs)

    # --- the contract ----------------------------------------------------------------------

    def interval(self, conversation: str) -> float:
        return self._interval

    def plan(self, posting: Posting, refs: MessageRefs) -> list[Step]:
        kind = posting.kind
        if kind == outbox.FILE:
            # The upload's file id is kept with the posting before the share, so that a share
            # whose answer was lost is looked for (files.info) instead of shared again.
            steps = [Step("upload_file"), Step("share_file")]
            if outbox.payload_of(posting).get("reply_to"):
                steps.append(Step("confirm_file"))
            return steps
        if kind in (outbox.REMINDER, outbox.NOTICE):
            return [Step(kind)]
        event = outbox.event_of(posting)
        if kind in ("agenda_published", "agenda_changed"):
            # Post or update is decided here, once, under the claim of the channel.
            if not refs.agenda:
                return [Step("post_agenda", remember=AGENDA)]
            return [Step("update_agenda"), Step("agenda_note")]
        if kind == "minutes_posted":
            steps = [] if refs.agenda else [Step("heading", remember=AGENDA)]
            if refs.minutes and event.version:
                steps.append(Step("retire_draft"))  # the old draft keeps no live buttons
            if event.changes:
                steps.append(Step("changes_note"))
            pages = len(_draft_pages(event))
            steps += [
                Step("draft", part=n, remember=MINUTES if n == pages - 1 else "")
                for n in range(pages)
            ]
            if _mentions(event):
                steps.append(Step("mention"))
            return steps
        if kind in ("approved", "change_requested"):
            steps = [Step("change_note")] if event.changes and refs.agenda else []
            return steps + ([Step("update_status")] if refs.minutes else [])
        if kind == "minutes_justerade":
            # In full in the meeting's thread; in the channel a short notice with the PDF.
            steps = [Step("close_draft")] if refs.minutes else []
            if not refs.agenda:
                steps.append(Step("heading", remember=AGENDA))
            pages = len(_final_pages(event))
            steps += [Step("announce", part=n) for n in range(pages)]
            if self.justerade_pdf is not None:
                steps.append(Step("upload_pdf"))
            return [*steps, Step("notice_justerade")]
        raise ValueError(f"no Slack plan for postings of kind {kind!r}")

    async def perform(self, posting: Posting, step: Step, refs: MessageRefs) -> str:
        _STEP.set((posting.id, step.name) if posting.id is not None else None)
        channel = slack_id(posting.conversation)
        if channel is None:
            raise Unpostable("not_a_slack_conversation")
        op = step.op
        if op == outbox.REMINDER:
            return await self._reminder(posting, channel, refs)
        if op == outbox.NOTICE:
            text = str(outbox.payload_of(posting).get("text", ""))
            return await self._post(channel, text=escape(text)[:3000], blocks=text_blocks(text))
        if op == outbox.FILE:
            return await self._file(posting, channel)  # a plan made before files were split
        if op == "upload_file":
            return await self._upload_file(posting)
        if op == "share_file":
            return await self._share_file(posting, channel)
        if op == "confirm_file":
            await self._confirm_file(posting, refs)
            return ""
        event = outbox.event_of(posting)
        if op == "post_agenda":
            return await self._post(channel, text=_title(event), blocks=_agenda(event))
        if op == "update_agenda":
            return await self._update(
                channel, _need(refs.agenda), text=_title(event), blocks=_agenda(event)
            )
        if op == "agenda_note":
            lines = event.changes or ("Ärendelistan är publicerad på nytt.",)
            return await self._note(channel, refs, "Ändrat i ärendelistan:\n" + "\n".join(lines))
        if op == "heading":
            text = f"Möte #{event.shown_number}: protokoll och justering i tråden"
            return await self._post(channel, text=text)
        if op == "changes_note":
            changed = "\n".join(event.changes)
            previous = (event.version or 1) - 1
            return await self._note(channel, refs, f"Ändrat sedan version {previous}:\n{changed}")
        if op == "draft":
            blocks = _draft_pages(event)[step.part]
            return await self._post(
                channel, thread_ts=_need(refs.agenda), text=_heading(event), blocks=blocks
            )
        if op == "mention":
            names = ", ".join(_mentions(event))
            text = f"{names}: granska utkastet och godkänn med knappen eller ✅."
            return await self._post(channel, thread_ts=_need(refs.agenda), text=text)
        if op == "change_note":
            note = "Begäran om ändring: " + "\n".join(event.changes)
            mentions = _mentions(event)
            # The mention is the bot's own markup, added after the user's text is escaped.
            suffix = f"\n{', '.join(mentions)}: till sekreteraren." if mentions else ""
            blocks = text_blocks(note)
            if suffix:
                blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": suffix[1:]}})
            return await self._post(
                channel,
                thread_ts=_need(refs.agenda),
                text=escape(note)[:2900] + suffix,
                blocks=blocks,
            )
        if op == "update_status":
            blocks = _draft_pages(event)[-1]
            return await self._update(
                channel, _need(refs.minutes), text=_heading(event), blocks=blocks
            )
        if op == "close_draft":
            pages = _draft_pages(event, f"Justerat. {event.status}")
            without_buttons = [b for b in pages[-1] if b.get("type") != "actions"]
            return await self._update(
                channel, _need(refs.minutes), text=_heading(event), blocks=without_buttons
            )
        if op == "retire_draft":
            old, new = (event.version or 1) - 1, event.version
            note = f"Utkast version {old} är ersatt av version {new} i tråden."
            return await self._update(
                channel, _need(refs.minutes), text=note, blocks=text_blocks(note)
            )
        if op == "announce":
            heading = f"Justerat protokoll, möte #{event.shown_number}"
            return await self._post(
                channel,
                thread_ts=_need(refs.agenda),
                text=heading,
                blocks=_final_pages(event)[step.part],
            )
        if op == "upload_pdf":
            return await self._upload_pdf(event)
        if op == "notice_justerade":
            return await self._notice_justerade(posting, event, channel)
        raise Unpostable(f"unknown_step_{op}")

    def unsure(self, posting: Posting, step: Step) -> None:
        """The sender's word that this step may have been made already (an earlier owner's
        last step, unrecorded): look for its message before making it."""
        if posting.id is not None:
            self._unsure.add((posting.id, step.name))

    def retry(self, error: BaseException) -> Retry | None:
        if isinstance(error, SharePending):
            return Retry(after=SHARE_WAIT)
        if isinstance(error, SlackApiError):
            status = error.response.status_code
            if status == 429:
                return Retry(after=_retry_after(error))
            if status >= 500 or error.response.get("error") in TRANSIENT_ERRORS:
                return Retry()
            return None
        if isinstance(error, aiohttp.ClientError | asyncio.TimeoutError | ConnectionError):
            return Retry()
        if isinstance(error, SlackClientError) and not isinstance(error, SlackApiError):
            return Retry()  # the SDK's own connection errors
        return None

    def error_code(self, error: BaseException) -> str:
        if isinstance(error, SlackApiError):
            code = error.response.get("error")
            return str(code) if code else f"http_{error.response.status_code}"
        if isinstance(error, Unpostable):
            return error.code
        if isinstance(error, SharePending):
            return "share_pending"
        return type(error).__name__

    # --- calls -----------------------------------------------------------------------------

    async def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.client.api_call(method, json=kwargs)
        return response.data  # type: ignore[return-value]

    async def _post(self, channel: str, **kwargs: Any) -> str:
        key = _STEP.get()
        if key is not None:
            kwargs["metadata"] = {
                "event_type": METADATA_TYPE,
                "event_payload": {"posting": key[0], "step": key[1]},
            }
            if key in self._unsure:
                found = await self._find_posted(channel, kwargs.get("thread_ts"), key)
                if found:
                    return self._found(key, found)  # the earlier try's answer was lost
        response = await self._unless_unknown(
            key, self._call("chat.postMessage", channel=channel, **kwargs)
        )
        return str(response.get("ts", ""))

    async def _unless_unknown(self, key: tuple[int, str] | None, call: Awaitable[T]) -> T:
        """The step's call; after a failure that may have taken effect (no answer, a 5xx) the
        step is looked for before it is made again."""
        try:
            answer = await call
        except Exception as error:
            if key is not None and _outcome_unknown(error):
                self._unsure.add(key)
            raise
        if key is not None:
            self._unsure.discard(key)
            self._share_looks.pop(key, None)
        return answer

    def _found(self, key: tuple[int, str], ref: str) -> str:
        """The step was made already: not made twice."""
        self._unsure.discard(key)
        self._share_looks.pop(key, None)
        self.found_again += 1
        log.info("posting %s step %s was made already; not made again", *key)
        return ref

    async def _find_posted(self, channel: str, thread_ts: str | None, key: tuple[int, str]) -> str:
        """The ts of the message this step made, if Slack has it: read from the thread (or the
        channel's newest messages, or the person's DM with the bot) with their metadata.

        A look Slack refuses for good (a scope the installation lacks: im:history, added
        later) finds nothing, and the step is made again, as before the look: a message
        maybe twice rather than none."""
        try:
            return await self._look_for(channel, thread_ts, key)
        except SlackApiError as error:
            if self.retry(error) is not None:
                raise  # Slack is away for a moment: the step is tried again, still unsure
            log.warning(
                "posting %s not looked for (%s); made again", key[0], self.error_code(error)
            )
            return ""

    async def _look_for(self, channel: str, thread_ts: str | None, key: tuple[int, str]) -> str:
        if channel.startswith(("U", "W")):
            # A person: the DM with the bot is a channel of its own (D...), read as any other.
            opened = await self.client.conversations_open(users=channel)
            channel = str((opened.get("channel") or {}).get("id") or "")
        if not channel.startswith(("C", "G", "D")):
            return ""
        cursor = ""
        for _ in range(HISTORY_PAGES):
            args: dict[str, Any] = {"channel": channel, "limit": 200, "include_all_metadata": True}
            if cursor:
                args["cursor"] = cursor
            if thread_ts:
                response = await self.client.conversations_replies(ts=thread_ts, **args)
            else:
                response = await self.client.conversations_history(**args)
            for message in response.get("messages") or []:
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if (
                    meta.get("event_type") == METADATA_TYPE
                    and payload.get("posting") == key[0]
                    and payload.get("step") == key[1]
                ):
                    return str(message.get("ts", ""))
            cursor = str((response.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                return ""
        return ""

    async def _update(self, channel: str, ts: str, **kwargs: Any) -> str:
        await self._call("chat.update", channel=channel, ts=ts, **kwargs)
        return ts

    async def _note(self, channel: str, refs: MessageRefs, text: str) -> str:
        return await self._post(
            channel,
            thread_ts=_need(refs.agenda),
            text=escape(text)[:3000],
            blocks=text_blocks(text),
        )

    async def _reminder(self, posting: Posting, target: str, refs: MessageRefs) -> str:
        data = outbox.payload_of(posting)
        text = escape(str(data.get("text", "")))
        channel = slack_id(str(data.get("channel_ref", "")))
        if channel and refs.agenda:
            try:
                found = await self._call(
                    "chat.getPermalink", channel=channel, message_ts=refs.agenda
                )
            except SlackApiError:
                found = {}  # a link is a courtesy; the reminder goes without one
            if found.get("permalink"):
                text += f"\n<{found['permalink']}|Till mötet i kanalen>"
        return await self._post(target, text=text)

    async def _file(self, posting: Posting, channel: str) -> str:
        if self.load_export is None:
            raise Unpostable("no_export_loader")
        data, name = await self.load_export(posting)
        response = await self.client.files_upload_v2(
            channel=channel,
            file=data,
            filename=name,
            title=name,
            initial_comment=say(posting.lang, "exported", name=name),
        )
        files = response.get("files") or [{}]
        self._shared[posting.id] = name
        return str(files[0].get("id", ""))

    async def _upload_file(self, posting: Posting) -> str:
        if self.load_export is None:
            raise Unpostable("no_export_loader")
        data, name = await self.load_export(posting)
        self._shared[posting.id] = name
        return await self._upload(data, name)

    async def _share_file(self, posting: Posting, channel: str) -> str:
        uploaded = made_by(posting, "upload_file")
        if not uploaded:
            raise Unpostable("no_upload_to_share")
        name = uploaded.partition("/")[2]
        self._shared[posting.id] = name
        return await self._share(channel, uploaded, say(posting.lang, "exported", name=name))

    async def _upload_pdf(self, event: Event) -> str:
        """The justerade minutes' PDF uploaded for the notice to share; "" without one."""
        pdf = await self._justerade_pdf(event)
        return await self._upload(*pdf) if pdf else ""

    async def _justerade_pdf(self, event: Event) -> tuple[bytes, str] | None:
        """The justerade minutes' PDF and its name; None without one."""
        if self.justerade_pdf is None:
            return None
        try:
            return await self.justerade_pdf(event.meeting_id)
        except Exception as error:  # no PDF is no reason to withhold the notice
            log.warning("justerade PDF not made: %s", type(error).__name__)
            return None

    async def _upload(self, data: bytes, name: str) -> str:
        """A file's bytes at Slack, in no channel yet (an upload never completed is no file):
        made again freely. Its reference is "file id/name", kept with the posting."""
        got = await self.client.files_getUploadURLExternal(filename=name, length=len(data))
        extra: dict[str, Any] = {}
        if self.client.proxy:
            extra["proxy"] = self.client.proxy
        if self.client.ssl is not None:
            extra["ssl"] = self.client.ssl
        timeout = aiohttp.ClientTimeout(total=self.client.timeout)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(str(got["upload_url"]), data=data, **extra) as answer,
        ):
            if answer.status >= 500:
                answer.raise_for_status()  # Slack's side: tried again
            if answer.status != 200:
                raise Unpostable(f"upload_http_{answer.status}")
        key = _STEP.get()
        if key is not None:
            self._unsure.discard(key)  # nothing to look for: an upload alone shows nowhere
        return f"{got['file_id']}/{name}"

    async def _share(self, channel: str, uploaded: str, comment: str) -> str:
        """An uploaded file completed into the channel with its comment; after an unknown
        outcome, looked for first (files.info) and not shared a second time."""
        file_id, _, name = uploaded.partition("/")
        key = _STEP.get()
        if key is not None and key in self._unsure and await self._is_shared(file_id, channel, key):
            return self._found(key, file_id)
        await self._unless_unknown(
            key,
            self.client.files_completeUploadExternal(
                files=[{"id": file_id, "title": name}], channel_id=channel, initial_comment=comment
            ),
        )
        return file_id

    async def _is_shared(self, file_id: str, channel: str, key: tuple[int, str]) -> bool:
        """Whether Slack has the file in the channel. A completed file not shown there yet is
        looked at again (Slack shares asynchronously), SHARE_LOOKS times, then shared again;
        a file Slack does not know was never completed, and is completed now."""
        try:
            found = await self.client.files_info(file=file_id)
        except SlackApiError as error:
            if self.retry(error) is not None:
                raise  # Slack is away for a moment: looked for again, still unsure
            if error.response.get("error") != "file_not_found":
                log.warning(
                    "posting %s not looked for (%s); shared again", key[0], self.error_code(error)
                )
            return False
        file = found.get("file") or {}
        if channel in _channels_of(file):
            return True
        looks = self._share_looks.get(key, 0) + 1
        self._share_looks[key] = looks
        if looks < SHARE_LOOKS:
            raise SharePending(file_id)
        log.warning("posting %s: file completed but never shown shared; shared again", key[0])
        return False

    async def _notice_justerade(self, posting: Posting, event: Event, channel: str) -> str:
        # The announcement's first message, as the posting stored it: found after a restart.
        first = made_by(posting, "announce")
        link = ""
        if first:
            try:
                found = await self._call("chat.getPermalink", channel=channel, message_ts=first)
                link = str(found.get("permalink") or "")
            except SlackApiError:
                link = ""  # the notice still goes out, without the link
        notice = (
            f"Protokollet för möte #{event.shown_number} är justerat (version {event.version})."
        )
        shown = escape(notice) + (f" <{link}|Läs det i tråden>." if link else " Läs det i tråden.")
        if any(step.op == "upload_pdf" for step in load_plan(posting.plan)):
            uploaded = made_by(posting, "upload_pdf")
            if uploaded:
                return await self._share(channel, uploaded, shown)
        elif pdf := await self._justerade_pdf(event):  # a plan made before the upload was a step
            data, name = pdf
            response = await self.client.files_upload_v2(
                channel=channel, file=data, filename=name, title=name, initial_comment=shown
            )
            files = response.get("files") or [{}]
            return str(files[0].get("id", ""))
        return await self._post(
            channel,
            text=shown,
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": shown}}],
        )

    async def _confirm_file(self, posting: Posting, _refs: MessageRefs) -> None:
        """A private "it is there" through the response_url: a courtesy, never a failure."""
        url = str(outbox.payload_of(posting).get("reply_to", ""))
        name = self._shared.pop(posting.id, "")
        if not url or not name:
            return  # shared by an earlier process, or nowhere to say it
        try:
            await AsyncWebhookClient(url).send(
                text=escape(say(posting.lang, "export_shared", name=name)),
                response_type="ephemeral",
                replace_original=False,
            )
        except Exception as error:  # the response_url may have expired (30 minutes)
            log.warning("export confirmation not sent: %s", type(error).__name__)


def _channels_of(file: dict[str, Any]) -> set[str]:
    """The channels a files.info file is shared in (public and private channels, DMs)."""
    shares = file.get("shares") or {}
    found = {str(c) for name in ("channels", "groups", "ims") for c in file.get(name) or []}
    for kind in ("public", "private"):
        found |= {str(c) for c in shares.get(kind) or {}}
    return found


def _outcome_unknown(error: BaseException) -> bool:
    """A failure after which the message may have been made: no answer, or a server error."""
    if isinstance(error, SlackApiError):
        return error.response.status_code >= 500
    unanswered = aiohttp.ClientError | asyncio.TimeoutError | ConnectionError | SlackClientError
    return isinstance(error, unanswered)


def _need(ref: str) -> str:
    if not ref:
        raise Unpostable("no_message_to_thread_under")
    return ref


def _retry_after(error: SlackApiError) -> float:
    headers = {k.lower(): v for k, v in (error.response.headers or {}).items()}
    value = headers.get("retry-after", MIN_INTERVAL)
    try:
        return float(value[0] if isinstance(value, list) else value)
    except (TypeError, ValueError):
        return MIN_INTERVAL


def _title(event: Event) -> str:
    return escape(event.text.partition("\n")[0])


def _agenda(event: Event) -> list[dict[str, Any]]:
    return agenda_blocks(event.text, "Ändringar i ärendelistan visas i tråden.")


def _heading(event: Event) -> str:
    return f"Utkast version {event.version}, möte #{event.shown_number}"


def _draft_pages(event: Event, status: str | None = None) -> list[list[dict[str, Any]]]:
    return minutes_messages(
        event.body,
        _heading(event),
        event.status if status is None else status,
        event.meeting_id,
        event.version or 0,
        event.items,
        event.shown_number,
    )


def _final_pages(event: Event) -> list[list[dict[str, Any]]]:
    return final_blocks(event.text, f"Justerat protokoll, möte #{event.shown_number}")


def _mentions(event: Event) -> list[str]:
    return [f"<@{uid}>" for uid in map(slack_id, event.user_refs) if uid]
