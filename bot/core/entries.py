"""The entries under an item in recorded order, each with its stable reference ("4.2")."""

from __future__ import annotations

import re
from datetime import datetime

from bot.core.model import AgendaItem, Entry, EntryKind, Party
from bot.core.ports import Store
from bot.core.texts import UserError

_REF = re.compile(r"^\s*(\d+)\.(\d+)\s*$")


def parse_ref(text: str) -> tuple[int, int] | None:
    """ "4.2" as (item 4, entry 2); None when the text is not such a reference."""
    match = _REF.match(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def entries_of(store: Store, item: AgendaItem) -> list[Entry]:
    return sorted(store.find(Entry, item_id=item.id), key=lambda e: (e.position, e.seq))


def entries_by_item(store: Store, items: list[AgendaItem]) -> dict[int, list[Entry]]:
    found: dict[int, list[Entry]] = {i.id: [] for i in items}
    if items:
        for entry in store.find(Entry, item_id=[i.id for i in items]):
            found[entry.item_id].append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: (e.position, e.seq))
    return found


def add_entry(
    store: Store,
    item: AgendaItem,
    kind: EntryKind,
    author_ref: str,
    text: str,
    at: datetime,
    party_ids: list[int] | None = None,
) -> Entry:
    """A new entry last under the item, with the next reference never used on it."""
    existing = store.find(Entry, item_id=item.id)
    item.last_entry_seq = max([item.last_entry_seq, *(e.seq for e in existing)]) + 1
    store.update(item)
    return store.add(
        Entry(
            item_id=item.id,
            seq=item.last_entry_seq,
            position=max((e.position for e in existing), default=0) + 1,
            kind=kind,
            author_ref=author_ref,
            text=text,
            created_at=at,
            party_ids=",".join(str(p) for p in party_ids or []),
        )
    )


def entry_at(store: Store, item: AgendaItem, seq: int) -> Entry:
    found = store.find(Entry, item_id=item.id, seq=seq)
    if not found:
        refs = ", ".join(f"{item.number}.{e.seq}" for e in entries_of(store, item)) or "–"
        raise UserError("unknown_entry", ref=f"{item.number}.{seq}", refs=refs, number=item.number)
    return found[0]


def party_names(parties: dict[int, Party], entry: Entry) -> str:
    """The statement's parties as the minutes name them: "Akademikerförbundet SSR och Kommunal"."""
    names = [parties[p].name for p in entry.parties if p in parties]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def move_entry(store: Store, item: AgendaItem, entry: Entry, position: int) -> None:
    """Put the entry at the given place (1 is first) and close up the others around it."""
    others = [e for e in entries_of(store, item) if e.id != entry.id]
    place = max(1, min(position, len(others) + 1))
    ordered = [*others[: place - 1], entry, *others[place - 1 :]]
    for number, e in enumerate(ordered, start=1):
        if e.position != number:
            e.position = number
            store.update(e)
