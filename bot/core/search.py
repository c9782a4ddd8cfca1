"""Searching finished minutes: what gets indexed when minutes are justerade, and the query."""

from __future__ import annotations

from typing import Protocol

from bot.core.context import STOCKHOLM, Result
from bot.core.minutes import MinutesDoc, render_item_text
from bot.core.model import Group, Meeting, SearchEntry
from bot.core.permissions import Action
from bot.core.ports import Store
from bot.core.privacy import check_text
from bot.core.texts import UserError
from bot.core.textsearch import snippet, stems
from bot.core.tx import Tx

LIMIT = 20
QUERY_LIMIT = 200  # characters; a search is a few words


class SearchingStore(Store, Protocol):
    def search(self, group_ids: list[int], query: str, limit: int) -> list[SearchEntry]: ...


def index_minutes(tx: Tx, doc: MinutesDoc) -> None:
    """Each item of justerade minutes becomes one search entry; drafts are never indexed."""
    held_on = doc.meeting.starts_at.astimezone(STOCKHOLM).date()
    for entry in doc.items:
        tx.store.add(
            SearchEntry(
                group_id=doc.group.id,
                meeting_id=doc.meeting.id,
                held_on=held_on,
                title=entry.item.title,
                body=render_item_text(entry, doc.style),
                item_number=entry.item.number,
            )
        )


def search_minutes(tx: Tx, query: str) -> Result:
    """Within the channel's own group only: a channel never sees another group's minutes."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    return Result(found(tx, [group], query))


def found(tx: Tx, groups: list[Group], query: str) -> str:
    query = " ".join(query.split())
    if len(query) > QUERY_LIMIT:
        # Not echoed: a pasted page would come back whole, and PostgreSQL's tsquery has limits.
        raise UserError("search_too_long", limit=QUERY_LIMIT, length=len(query))
    if not stems(query):
        raise UserError("search_empty")
    # Minutes hold no identity numbers, and a reply that repeated one would be stored.
    check_text(query)
    store: SearchingStore = tx.store  # type: ignore[assignment]
    hits = store.search([g.id for g in groups], query, LIMIT)
    if not hits:
        return tx.say("search_none", query=query)
    keys = {g.id: g.key for g in groups}
    heading = "search_heading_one" if len(hits) == 1 else "search_heading"
    lines = [tx.say(heading, count=len(hits), query=query)]
    meetings = {m.id: m for m in tx.store.find(Meeting, id=[h.meeting_id for h in hits])}
    for hit in hits:
        meeting = meetings[hit.meeting_id]
        number = f", ärende {hit.item_number}" if hit.item_number else ""
        lines.append(
            f"• {keys[hit.group_id]} {hit.held_on.isoformat()} (möte #{meeting.number}{number}) "
            f"{hit.title}: {snippet(hit.body, query)}"
        )
    return "\n".join(lines)
