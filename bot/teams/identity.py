"""Teams users and conversations as the core's references, mentions, language and command text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot.core.texts import UserError

PLATFORM = "teams"
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"^<at:(\d+)>$")


def user_ref(tenant: str, aad_object_id: str) -> str:
    return f"{PLATFORM}:{tenant.lower()}:{aad_object_id.lower()}"


def channel_ref(tenant: str, conversation_id: str) -> str:
    """A channel's reference; a thread's conversation id (…;messageid=…) names its channel."""
    return f"{PLATFORM}:{tenant.lower()}:{base_conversation(conversation_id)}"


def base_conversation(conversation_id: str) -> str:
    return conversation_id.split(";messageid=")[0]


def teams_part(ref: str) -> str | None:
    """The conversation id or object id in a reference, None for another platform's."""
    platform, _, rest = ref.partition(":")
    if platform != PLATFORM:
        return None
    _tenant, _, ident = rest.partition(":")
    return ident or None


def lang_of(locale: str | None) -> str:
    return "en" if str(locale or "").lower().startswith("en") else "sv"


@dataclass(frozen=True)
class Caller:
    tenant: str
    user_ref: str
    channel_ref: str
    conversation_id: str  # as the activity names it (a channel thread keeps ;messageid=)
    teams_user_id: str  # 29:…, what mentions and refresh lists name
    name: str
    lang: str
    is_channel: bool


def caller_of(activity: dict[str, Any]) -> Caller | None:
    """Who sent the activity and where; None when Teams did not say who (no Entra object id)."""
    sender = activity.get("from") or {}
    conversation = activity.get("conversation") or {}
    tenant = (
        conversation.get("tenantId")
        or ((activity.get("channelData") or {}).get("tenant") or {}).get("id")
        or ""
    )
    aad = sender.get("aadObjectId") or ""
    conversation_id = conversation.get("id") or ""
    if not (tenant and aad and conversation_id):
        return None
    return Caller(
        tenant=tenant.lower(),
        user_ref=user_ref(tenant, aad),
        channel_ref=channel_ref(tenant, conversation_id),
        conversation_id=conversation_id,
        teams_user_id=sender.get("id") or "",
        name=sender.get("name") or "",
        lang=lang_of(activity.get("locale")),
        is_channel=conversation.get("conversationType") == "channel",
    )


@dataclass(frozen=True)
class Mention:
    teams_user_id: str
    name: str
    aad_object_id: str


def command_text(activity: dict[str, Any]) -> tuple[str, list[Mention]]:
    """The typed command with the bot's @mention removed and each other mention as a token
    (<at:N>) that the resolver turns back into that person; HTML from Teams' editor undone."""
    text = activity.get("text") or ""
    bot_id = (activity.get("recipient") or {}).get("id", "")
    mentions: list[Mention] = []
    for entity in activity.get("entities") or []:
        if entity.get("type") != "mention":
            continue
        mentioned = entity.get("mentioned") or {}
        shown = entity.get("text") or f"<at>{mentioned.get('name', '')}</at>"
        if mentioned.get("id") == bot_id:
            text = text.replace(shown, " ", 1)
            continue
        token = f"<at:{len(mentions)}>"
        mentions.append(
            Mention(
                mentioned.get("id", ""), mentioned.get("name", ""), mentioned.get("aadObjectId", "")
            )
        )
        text = text.replace(shown, f" {token} ", 1)
    # Teams' editor sends <p>, <br> and entities; a line break stays one.
    text = re.sub(r"<br\s*/?>|</p>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub(lambda m: m.group(0) if _TOKEN.match(m.group(0)) else "", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip(), mentions


def mention_resolver(tenant: str, resolved: dict[int, str]):
    """Turns a mention token back into the person's reference (resolved before parsing)."""

    def resolve(token: str) -> str:
        match = _TOKEN.match(token.strip())
        if match is None or int(match.group(1)) not in resolved:
            raise UserError("unknown_user", given=token.strip())
        return resolved[int(match.group(1))]

    return resolve
