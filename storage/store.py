"""The core's Store on a SQLModel session: one store, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlmodel import Session

from bot.core.guard import check_record
from bot.core.model import (
    Meeting,
    OutboxLane,
    PostingStatus,
    Reminder,
    ReminderStatus,
    SearchEntry,
)
from bot.core.ports import Between, Store, StoreFactory
from bot.core.texts import OutcomeUnknown
from storage import fulltext
from storage.mapping import field_names, from_row, row_values, table_for, to_column, to_row
from storage.tables import GroupRow, MeetingRow, OutboxLaneRow, PostingRow, ReminderRow

R = TypeVar("R")


class Conflict(Exception):
    """The database refused a write that breaks a constraint, e.g. a unique key already taken.

    The transaction is over: nothing it wrote is kept, and the store must be left. (No write
    catches one to go on, and a savepoint around every write to allow it was a third of a
    command's statements.)
    """


class SqlStore:
    """Store on one session; every write is flushed at once so its conflicts surface there.

    Records read in this transaction are kept and handed out again (as copies) by get() and
    by the same find(): a command reads its group, meeting and items several times over.
    This transaction's own writes keep them current (a write of a kind forgets that kind's
    finds); other transactions' commits are not seen again, as in a snapshot.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._seen: dict[tuple[type, int], Any] = {}
        self._found: dict[tuple[Any, ...], list[Any]] = {}
        # SQLite's BEGIN IMMEDIATE holds the whole database: a kept record is current, and
        # lock() need not read it again. PostgreSQL's row lock must be taken by a read.
        self._holds_database = session.get_bind().dialect.name == "sqlite"

    def _keep(self, record: Any) -> Any:
        """Keep a copy of the record as read or written; the caller keeps the record."""
        kept = self._seen[(type(record), record.id)] = _copy(record)
        return kept

    def _handed(self, record: Any) -> Any:
        """The record for the caller, a copy of it kept."""
        self._keep(record)
        return record

    def _added(self, record: Any) -> None:
        """A kept find that the new record answers gets it at its end (the highest id)."""
        kind = type(record)
        for key in [k for k in self._found if k[0] is kind]:
            matches = [_matches(record, name, wanted) for name, wanted in key[1:]]
            if None in matches:
                del self._found[key]  # a question this cannot tell: ask the database again
            elif all(matches):
                self._found[key].append(record)

    def _changed(self, kind: type | None = None) -> None:
        """Forget the finds of a kind just written (of every kind when None)."""
        if kind is None:
            self._seen.clear()
            self._found.clear()
            return
        for key in [k for k in self._found if k[0] is kind]:
            del self._found[key]

    def add(self, record: R) -> R:
        if getattr(record, "id", None) is not None:
            raise ValueError(f"{record!r} is stored already; update it instead")
        # Every text that is stored passes the same check, whichever command wrote it.
        check_record(self, record)
        if isinstance(record, Meeting) and not record.number:
            record.number = self._next_meeting_number(record.group_id)
        row = to_row(record)
        with self._write():
            self._session.add(row)
            self._session.flush()
            if isinstance(record, SearchEntry):
                fulltext.index(self._session, row.id, record.group_id, record.title, record.body)
        record.id = row.id  # type: ignore[attr-defined]
        self._added(self._keep(record))
        return record

    def _next_meeting_number(self, group_id: int) -> int:
        """The group's next free meeting number. The group's row is locked first, so that two
        replicas planning in one group at once take turns (on SQLite BEGIN IMMEDIATE already
        does); the unique (group, number) key would refuse a doubled number in any case."""
        self._session.get(GroupRow, group_id, with_for_update=True, populate_existing=True)
        highest = self._session.execute(
            select(func.max(MeetingRow.number)).where(MeetingRow.group_id == group_id)
        ).scalar()
        return (highest or 0) + 1

    def search(self, group_ids: list[int], query: str, limit: int) -> list[SearchEntry]:
        """Finished minutes matching the words, best first, within the given groups only."""
        ids = fulltext.search(self._session, group_ids, query, limit)
        found = {e.id: e for e in self.find(SearchEntry, id=ids)} if ids else {}
        return [found[i] for i in ids if i in found]

    def update(self, record: Any) -> None:
        row = self._row(type(record), record.id)
        values = row_values(record)
        check_record(self, record, {n for n, v in values.items() if getattr(row, n) != v})
        with self._write():
            # Again: the check normalised the record's texts in place.
            for name, value in row_values(record).items():
                setattr(row, name, value)
            self._session.flush()
            if isinstance(record, SearchEntry):
                fulltext.reindex(self._session, row.id, record.group_id, record.title, record.body)
        self._changed(type(record))
        self._keep(record)

    def delete(self, record: Any) -> None:
        row = self._row(type(record), record.id)
        with self._write():
            if isinstance(record, SearchEntry):
                fulltext.unindex(self._session, row.id)
            self._session.delete(row)
            self._session.flush()
        # ON DELETE SET NULL may have changed rows this session holds.
        self._session.expire_all()
        self._changed()

    def get(self, kind: type[R], record_id: int) -> R | None:
        kept = self._seen.get((kind, record_id))
        if kept is not None:
            return _copy(kept)
        row = self._session.get(table_for(kind), record_id, populate_existing=True)
        return None if row is None else self._handed(from_row(kind, row))

    def find(self, kind: type[R], /, **where: Any) -> list[R]:
        key = _find_key(kind, where)
        kept = self._found.get(key) if key is not None else None
        if kept is not None:
            return [_copy(record) for record in kept]
        rows = self._find(kind, where)
        # One kept copy per record, shared by get() and this find; the caller gets the rows.
        found = [from_row(kind, row) for row in rows]
        kept_found = [self._keep(record) for record in found]
        if key is not None:
            self._found[key] = kept_found
        return found

    def _find(self, kind: type, where: dict[str, Any]) -> Any:
        table = table_for(kind)
        known = field_names(kind)
        query = select(table).order_by(table.id)  # type: ignore[arg-type]
        for name, wanted in where.items():
            if name not in known:
                raise TypeError(f"{kind.__name__} has no field {name!r}")
            column = getattr(table, name)
            if isinstance(wanted, Between):
                query = query.where(
                    column >= to_column(wanted.low), column < to_column(wanted.high)
                )
            elif isinstance(wanted, list | tuple | set | frozenset):
                if not wanted:
                    return ()
                query = query.where(column.in_([to_column(value) for value in wanted]))
            else:
                query = query.where(column == to_column(wanted))
        return self._session.scalars(query.execution_options(populate_existing=True))

    def lock(self, kind: type[R], record_id: int) -> R | None:
        # FOR UPDATE is dropped on SQLite, where BEGIN IMMEDIATE already holds the database.
        if self._holds_database:
            return self.get(kind, record_id)
        row = self._session.get(
            table_for(kind), record_id, with_for_update=True, populate_existing=True
        )
        return None if row is None else self._handed(from_row(kind, row))

    def claim_reminders(
        self, now: datetime, worker: str, limit: int, lease: timedelta
    ) -> list[Reminder]:
        """Due pending reminders nobody holds, now held by worker until now + lease.

        SKIP LOCKED lets several replicas claim side by side on PostgreSQL without waiting
        for or taking each other's rows; on SQLite BEGIN IMMEDIATE makes claims take turns.
        """
        row = ReminderRow
        query = (
            select(row)
            .where(
                row.status == ReminderStatus.PENDING.value,
                row.due_at <= now,
                or_(row.claimed_until.is_(None), row.claimed_until < now),  # type: ignore[union-attr]
            )
            .order_by(row.due_at, row.id)  # type: ignore[arg-type]
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = list(self._session.scalars(query))
        with self._write():
            for claimed in rows:
                claimed.claimed_by = worker
                claimed.claimed_until = now + lease
            self._session.flush()
        self._changed(Reminder)
        return [self._handed(from_row(Reminder, claimed)) for claimed in rows]

    def ensure_lane(self, conversation: str) -> None:
        """Insert the lane unless it exists: ON CONFLICT DO NOTHING, on both databases."""
        dialect = self._session.get_bind().dialect.name
        insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        statement = insert(OutboxLaneRow.__table__).values(conversation=conversation)  # type: ignore[attr-defined]
        self._session.execute(statement.on_conflict_do_nothing(index_elements=["conversation"]))
        self._changed(OutboxLane)

    def claim_lanes(
        self, now: datetime, worker: str, limit: int, lease: timedelta, prefixes: tuple[str, ...]
    ) -> list[str]:
        """Lanes with pending postings that nobody holds (or whose holder's lease ran out).

        SKIP LOCKED: replicas claiming at once each take other lanes, never the same one;
        on SQLite BEGIN IMMEDIATE makes claims take turns.
        """
        if not prefixes:
            return []
        lane, posting = OutboxLaneRow, PostingRow
        waiting = (
            select(posting.id)
            .where(
                posting.conversation == lane.conversation,
                posting.status == PostingStatus.PENDING.value,
            )
            .exists()
        )
        query = (
            select(lane)
            .where(
                or_(lane.claimed_until.is_(None), lane.claimed_until < now),  # type: ignore[union-attr]
                or_(*(lane.conversation.startswith(p, autoescape=True) for p in prefixes)),  # type: ignore[attr-defined]
                waiting,
            )
            .order_by(lane.id)  # type: ignore[arg-type]
            .limit(limit)
            .with_for_update(skip_locked=True, of=lane)
        )
        rows = list(self._session.scalars(query))
        with self._write():
            for claimed in rows:
                claimed.claimed_by = worker
                claimed.claimed_until = now + lease
            self._session.flush()
        self._changed(OutboxLane)
        return [claimed.conversation for claimed in rows]

    def outbox_summary(self) -> tuple[int, datetime | None]:
        """One aggregate query, not the rows: the metrics ask every few seconds."""
        row = self._session.execute(
            select(func.count(PostingRow.id), func.min(PostingRow.created_at)).where(
                PostingRow.status == PostingStatus.PENDING.value
            )
        ).one()
        return int(row[0]), row[1]

    def commit(self) -> None:
        try:
            self._session.commit()
        except IntegrityError as error:
            raise Conflict(str(error.orig)) from error
        except (OperationalError, InterfaceError) as error:
            # The connection broke or timed out while COMMIT was on its way: the server may
            # have committed. The user must hear "may or may not", never "nothing changed".
            raise OutcomeUnknown() from error

    def _row(self, kind: type, record_id: int | None) -> Any:
        if record_id is None:
            raise ValueError(f"a {kind.__name__} without id was never stored")
        row = self._session.get(table_for(kind), record_id)
        if row is None:
            raise LookupError(f"no {kind.__name__} with id {record_id}")
        return row

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write, flushed by the caller inside; a refused one ends the transaction."""
        try:
            yield
        except IntegrityError as error:
            self._changed()
            raise Conflict(str(error.orig)) from error


def _copy(record: Any) -> Any:
    """A shallow copy of a record (a plain dataclass), a tenth of copy.copy's cost."""
    twin = object.__new__(type(record))
    twin.__dict__.update(record.__dict__)
    return twin


def _matches(record: Any, name: str, wanted: Any) -> bool | None:
    """Whether the record answers find(name=wanted); None when only SQL can tell."""
    value = getattr(record, name)
    if isinstance(wanted, frozenset | tuple):
        return None
    if isinstance(wanted, bool | int | str | Enum) or wanted is None:
        return value == wanted
    return None


def _find_key(kind: type, where: dict[str, Any]) -> tuple[Any, ...] | None:
    """A find's question as a dict key; None when a value does not hash (then not kept)."""
    parts: list[Any] = [kind]
    for name in sorted(where):
        wanted = where[name]
        if isinstance(wanted, set | frozenset):
            wanted = frozenset(wanted)
        elif isinstance(wanted, list | tuple):
            wanted = tuple(wanted)
        parts.append((name, wanted))
    key = tuple(parts)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def store_factory(engine: Engine) -> StoreFactory:
    """Stores on this engine; leaving one without commit() rolls its transaction back."""

    @contextmanager
    def open_store() -> Iterator[Store]:
        session = Session(engine, expire_on_commit=False)
        try:
            yield SqlStore(session)
        finally:
            # Closing rolls back whatever was not committed.
            session.close()

    return open_store
