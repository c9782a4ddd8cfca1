"""Where each channel and person can be reached unasked, kept in our database for every replica."""

from __future__ import annotations

from dataclasses import replace

from bot.core.context import Result
from bot.core.model import ConversationRef
from bot.core.ports import Store
from bot.core.tx import Tx

FIELDS = ("service_url", "conversation_id", "tenant_id", "bot_id", "platform_user_id")


def remember(tx: Tx, seen: ConversationRef) -> Result:
    """Store or refresh a reference; an empty field never overwrites a known one."""
    known = tx.store.find(ConversationRef, ref=seen.ref)
    if not known:
        tx.store.add(seen)
        return Result("")
    record = known[0]
    changes = {name: getattr(seen, name) for name in FIELDS if getattr(seen, name)}
    if any(getattr(record, name) != value for name, value in changes.items()):
        updated = replace(record, **changes, updated_at=seen.updated_at)
        tx.store.update(updated)
    return Result("")


def reference(store: Store, ref: str) -> ConversationRef | None:
    found = store.find(ConversationRef, ref=ref)
    return found[0] if found else None


def person_of(store: Store, platform_user_id: str) -> ConversationRef | None:
    """The person a platform id (a mention's "29:…") belongs to, if they were ever seen."""
    found = store.find(ConversationRef, platform_user_id=platform_user_id)
    return found[0] if found else None
