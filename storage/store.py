"""The core's Store on one SQLAlchemy connection: one store, one transaction at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from bot.core.guard import check_record
from bot.core.model import (
    AgendaItem,
    ChannelBinding,
    Group,
    Meeting,
    Member,
    OutboxLane,
    Posting,
    PostingStatus,
    Reminder,
    ReminderStatus,
    SearchEntry,
)
from bot.core.ports import Between, Store, StoreFactory
from bot.core.texts import OutcomeUnknown
from storage import direct, fulltext
from storage.mapping import columns_of, field_names, record_from, row_values, to_column
from storage.tables import OutboxLaneRow, PostingRow

R = TypeVar("R")

# Kinds that are only ever added, never changed or removed (the store refuses to), each with
# its unique field: once committed, a record found by that field stays as it is, so every
# process keeps it. A channel's binding was a query in every command.
WRITE_ONCE: dict[type, str] = {ChannelBinding: "channel_ref"}


class Conflict(Exception):
    """The database refused a write that breaks a constraint, e.g. a unique key already taken.

    The transaction is over: nothing it wrote is kept, and the store must be left. (No write
    catches one to go on, and a savepoint around every write to allow it was a third of a
    command's statements.)
    """


class SqlStore:
    """Store on one connection's transaction; every write is sent at once so its conflicts
    surface there. Reads and writes are SQLAlchemy Core statements built once per process
    (the ORM's unit of work and identity map were most of a command's CPU, for nothing: the
    core's records are plain dataclasses, copied to and from rows field for field).

    Records read in this transaction are kept and handed out again (as copies) by get() and
    by the same find(): a command reads its group, meeting and items several times over.
    This transaction's own writes keep them current (a write of a kind forgets that kind's
    finds); other transactions' commits are not seen again, as in a snapshot.
    """

    def __init__(self, engine: Engine, settled: dict[Any, Any] | None = None) -> None:
        # A plain connection, not an ORM Session: nothing here needs its unit of work, and
        # its transaction bookkeeping was a twentieth of a command. Taken at the first
        # statement, given back when the store is left.
        self._engine = engine
        # Finds of WRITE_ONCE kinds as committed, shared by the stores of one engine; this
        # store's own go in at its commit, when whatever it read is committed too.
        self._settled = {} if settled is None else settled
        self._settling: dict[Any, list[Any]] = {}
        self._seen: dict[tuple[type, int], Any] = {}
        self._found: dict[tuple[Any, ...], list[Any]] = {}
        # SQLite's BEGIN IMMEDIATE holds the whole database: a kept record is current, and
        # lock() need not read it again. PostgreSQL's row lock must be taken by a read.
        self._holds_database = engine.dialect.name == "sqlite"
        self._over = False  # a refused write ended the transaction
        self._lanes_made: set[str] = set()  # outbox lanes known to exist in this transaction
        self._connection: Any = None
        self._cursor: Any = None  # the DBAPI cursor of direct statements, one per connection
        self._at_commit: list[Any] = []  # records add_with_commit() holds for commit()

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
        kind = type(record)
        if isinstance(record, AgendaItem) and not record.number and not record.position:
            self._add_numbered(record)
            return record
        if isinstance(record, AgendaItem) and not (record.number and record.position):
            self._number_item(record)
        values = row_values(record)
        with self._write():
            result = self._execute(_insert(kind), values)
            record_id = result.inserted_primary_key[0]
            if isinstance(record, SearchEntry):
                fulltext.index(
                    self._in_transaction(), record_id, record.group_id, record.title, record.body
                )
        record.id = record_id  # type: ignore[attr-defined]
        self._added(self._keep(record))
        return record

    def add_with_commit(self, record: Any) -> None:
        """Insert the record at commit(), checked now as add() checks it: for what this
        transaction never reads back (an audit row, a processed request's key). On PostgreSQL
        the last of them goes in COMMIT's round trip, a round trip less for every command."""
        if getattr(record, "id", None) is not None:
            raise ValueError(f"{record!r} is stored already; update it instead")
        if isinstance(record, Meeting | AgendaItem | SearchEntry):
            raise TypeError(f"a {type(record).__name__} is numbered or indexed: add() it")
        check_record(self, record)
        self._at_commit.append(record)

    def _insert_plain(self, record: Any) -> None:
        with self._write():
            result = self._execute(_insert(type(record)), row_values(record))
        record.id = result.inserted_primary_key[0]

    def _next_meeting_number(self, group_id: int) -> int:
        """The group's next free meeting number. The group's row is locked first, so that two
        replicas planning in one group at once take turns (on SQLite BEGIN IMMEDIATE already
        does); the unique (group, number) key would refuse a doubled number in any case."""
        if not self._holds_database:
            self._execute(_statement("lock_group"), {"id": group_id})
        return (self._execute(_statement("meeting_number"), {"g": group_id}).scalar() or 0) + 1

    def _add_numbered(self, item: AgendaItem) -> None:
        """A new item numbered last in its meeting and section by its own INSERT, where the
        aggregate was a statement (a round trip) of its own. The caller holds the meeting's
        lock; the INSERT's snapshot is taken after it, so it sees the lock's previous
        holder's items."""
        values = row_values(item)
        del values["number"], values["position"]
        values["m"], values["s"] = values["meeting_id"], values["section"]
        with self._write():
            item.id, item.number, item.position = self._execute(
                _statement("numbered_item"), values
            ).one()
        self._added(self._keep(item))

    def _number_item(self, item: AgendaItem) -> None:
        """An item's number (0: the meeting's next) and position (0: last in its section), from
        one aggregate instead of the meeting's items; the caller holds the meeting's lock."""
        params = {"m": item.meeting_id, "s": to_column(item.section)}
        number, position = self._execute(_statement("item_number"), params).one()
        item.number = item.number or (number or 0) + 1
        item.position = item.position or (position or 0) + 1

    def search(self, group_ids: list[int], query: str, limit: int) -> list[SearchEntry]:
        """Finished minutes matching the words, best first, within the given groups only."""
        ids = fulltext.search(self._in_transaction(), group_ids, query, limit)
        found = {e.id: e for e in self.find(SearchEntry, id=ids)} if ids else {}
        return [found[i] for i in ids if i in found]

    def update(self, record: Any) -> None:
        kind = type(record)
        _changeable(kind)
        before = row_values(self._current(kind, record.id))
        values = row_values(record)
        check_record(self, record, {n for n, v in values.items() if before[n] != v})
        # Again: the check normalised the record's texts in place. Only what changed is
        # written, as the ORM did; nothing changed, nothing is sent.
        changed = {n: v for n, v in row_values(record).items() if before[n] != v}
        if changed:
            with self._write():
                self._execute(_update(kind, tuple(sorted(changed))), {**changed, "_id": record.id})
                if isinstance(record, SearchEntry):
                    fulltext.reindex(
                        self._in_transaction(),
                        record.id,
                        record.group_id,
                        record.title,
                        record.body,
                    )
        self._changed(kind)
        self._keep(record)

    def delete(self, record: Any) -> None:
        kind = type(record)
        _changeable(kind)
        if record.id is None:
            raise ValueError(f"a {kind.__name__} without id was never stored")
        with self._write():
            if isinstance(record, SearchEntry):
                fulltext.unindex(self._in_transaction(), record.id)
            gone = self._execute(_statement("delete", kind), {"id": record.id}).rowcount
        if not gone:
            raise LookupError(f"no {kind.__name__} with id {record.id}")
        # ON DELETE SET NULL may have changed rows this transaction holds.
        self._changed()

    def get(self, kind: type[R], record_id: int) -> R | None:
        kept = self._seen.get((kind, record_id))
        if kept is not None:
            return _copy(kept)
        return self._read(_statement("get", kind), kind, record_id)

    def get_group(self, group_id: int, member_ref: str) -> Group | None:
        if (Group, group_id) in self._seen:
            return self.get(Group, group_id)
        # One LEFT JOIN where the group and the member were two statements.
        row = self._execute(_statement("group_member"), {"id": group_id, "u": member_ref}).first()
        if row is None:
            return None
        width = len(columns_of(Group).columns)
        group = self._handed(record_from(Group, row[:width]))
        member_id = row[width + columns_of(Member).columns.keys().index("id")]
        rows = [] if member_id is None else [row[width:]]
        key = _find_key(Member, {"group_id": group_id, "user_ref": member_ref})
        self._kept_finds(Member, key, rows)
        return group

    def _read(self, statement: Any, kind: type[R], record_id: int) -> R | None:
        columns_of(kind)  # a TypeError for what is not a record type
        row = self._execute(statement, {"id": record_id}).first()
        return None if row is None else self._handed(record_from(kind, row))

    def _current(self, kind: type, record_id: int | None) -> Any:
        """The record as this transaction last read or wrote it (read now when it did not)."""
        if record_id is None:
            raise ValueError(f"a {kind.__name__} without id was never stored")
        kept = self._seen.get((kind, record_id))
        if kept is None:
            kept = self.get(kind, record_id)
        if kept is None:
            raise LookupError(f"no {kind.__name__} with id {record_id}")
        return self._seen[(kind, record_id)]

    def find(self, kind: type[R], /, **where: Any) -> list[R]:
        key = _find_key(kind, where)
        kept = self._found.get(key) if key is not None else None
        if kept is None and kind in WRITE_ONCE:
            kept = self._settled.get(key)
        if kept is not None:
            return [_copy(record) for record in kept]
        found, kept_found = self._kept_finds(kind, key, self._find(kind, where))
        if key is not None and found and list(where) == [WRITE_ONCE.get(kind)]:
            self._settling[key] = kept_found
        return found

    def _kept_finds(self, kind: type, key: Any, rows: Any) -> tuple[list[Any], list[Any]]:
        """The records for the caller, and one kept copy of each, shared by get() and this
        find's key (None: a question not kept)."""
        found = [record_from(kind, row) for row in rows]
        kept_found = [self._keep(record) for record in found]
        if key is not None:
            self._found[key] = kept_found
        return found, kept_found

    def _find(self, kind: type, where: dict[str, Any], locked: bool = False) -> Any:
        columns_of(kind)  # a TypeError for what is not a record type
        known = field_names(kind)
        shape = []
        params: dict[str, Any] = {}
        for name, wanted in where.items():
            if name not in known:
                raise TypeError(f"{kind.__name__} has no field {name!r}")
            if isinstance(wanted, Between):
                shape.append((name, "between"))
                params[f"{name}_low"] = to_column(wanted.low)
                params[f"{name}_high"] = to_column(wanted.high)
            elif isinstance(wanted, list | tuple | set | frozenset):
                if not wanted:
                    return ()
                shape.append((name, "in"))
                params[name] = [to_column(value) for value in wanted]
            elif wanted is None:
                shape.append((name, "null"))
            else:
                shape.append((name, "equal"))
                params[name] = to_column(wanted)
        return self._execute(_select(kind, tuple(shape), locked), params)

    def lock(self, kind: type[R], record_id: int) -> R | None:
        # FOR UPDATE is dropped on SQLite, where BEGIN IMMEDIATE already holds the database.
        if self._holds_database:
            return self.get(kind, record_id)
        return self._read(_statement("lock", kind), kind, record_id)

    def find_locked(self, kind: type[R], /, **where: Any) -> list[R]:
        if self._holds_database:
            return self.find(kind, **where)
        # Read again whatever was kept: a row lock waits for its holder and returns the row
        # as that one committed it.
        rows = self._find(kind, where, locked=True)
        return self._kept_finds(kind, _find_key(kind, where), rows)[0]

    def _execute(self, statement: Any, params: dict[str, Any]) -> Any:
        if self._over:
            raise Conflict("a refused write ended this transaction")
        connection = self._connection
        starts = connection is None or not connection.in_transaction()
        try:
            return self._send(self._in_transaction(), statement, params)
        except DBAPIError as error:
            if not (starts and error.connection_invalidated):
                raise
        # The transaction's first statement found its pooled connection dead (the database
        # restarted, or dropped it while idle). Nothing of the transaction reached the
        # database, so it goes again, once, on a new connection; SQLAlchemy has marked the
        # pool's other connections of that time to be replaced. (The pool's pre-ping asked
        # the same question with a round trip before every transaction.)
        self.close()
        return self._send(self._in_transaction(), statement, params)

    def _send(self, connection: Connection, statement: Any, params: dict[str, Any]) -> Any:
        compiled = (
            direct.compiled_for(statement, connection, params)
            if direct.is_direct(statement)
            else None
        )
        if compiled is None:
            return connection.execute(statement, params)
        if self._cursor is None:
            self._cursor = direct.cursor_for(connection)
        return direct.execute(connection, self._cursor, compiled, params)

    def _in_transaction(self) -> Connection:
        """The store's connection, in a transaction (begun here: on SQLite BEGIN IMMEDIATE)."""
        connection = self._connection
        if connection is None:
            connection = self._connection = self._engine.connect()
        if not connection.in_transaction():
            connection.begin()
        return connection

    def close(self) -> None:
        """Give the connection back; whatever was not committed is rolled back."""
        connection, self._connection, self._cursor = self._connection, None, None
        if connection is not None:
            connection.close()

    def claim_reminders(
        self, now: datetime, worker: str, limit: int, lease: timedelta
    ) -> list[Reminder]:
        """Due pending reminders nobody holds, now held by worker until now + lease.

        SKIP LOCKED lets several replicas claim side by side on PostgreSQL without waiting
        for or taking each other's rows; on SQLite BEGIN IMMEDIATE makes claims take turns.
        """
        table = columns_of(Reminder)
        query = (
            select(table)
            .where(
                table.c.status == ReminderStatus.PENDING.value,
                table.c.due_at <= now,
                or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
            )
            .order_by(table.c.due_at, table.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claimed = [record_from(Reminder, row) for row in self._execute(query, {})]
        self._claim(table, [r.id for r in claimed], worker, now + lease)
        for reminder in claimed:
            reminder.claimed_by, reminder.claimed_until = worker, now + lease
        self._changed(Reminder)
        return [self._handed(reminder) for reminder in claimed]

    def _claim(self, table: Any, ids: list[int], worker: str, until: datetime) -> None:
        if not ids:
            return
        claim = update(table).where(table.c.id.in_(ids))
        with self._write():
            self._execute(claim.values(claimed_by=worker, claimed_until=until), {})

    def ensure_lane(self, conversation: str) -> None:
        self.ensure_lanes([conversation])

    def ensure_lanes(self, conversations: Iterable[str]) -> None:
        """Insert the lanes that do not exist, in one statement and in sorted order, with ON
        CONFLICT DO NOTHING on both databases; each once per transaction.

        On PostgreSQL a transaction inserting a lane another one has just inserted waits for
        that one to end. Two replicas handing over reminders to the same new lanes, each
        inserting them in its own order, waited for each other: a deadlock, one hand-over
        refused. In one order, one of them only waits.
        """
        new = sorted(set(conversations) - self._lanes_made)
        if not new:
            return
        dialect = self._engine.dialect.name
        insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
        rows = [{"conversation": conversation, "claimed_by": ""} for conversation in new]
        statement = insert(OutboxLaneRow.__table__).values(rows)  # type: ignore[attr-defined]
        self._execute(statement.on_conflict_do_nothing(index_elements=["conversation"]), {})
        self._lanes_made.update(new)
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
        lane, posting = columns_of(OutboxLane), columns_of(Posting)
        waiting = (
            select(posting.c.id)
            .where(
                posting.c.conversation == lane.c.conversation,
                posting.c.status == PostingStatus.PENDING.value,
            )
            .exists()
        )
        query = (
            select(lane.c.id, lane.c.conversation)
            .where(
                or_(lane.c.claimed_until.is_(None), lane.c.claimed_until < now),
                or_(*(lane.c.conversation.startswith(p, autoescape=True) for p in prefixes)),
                waiting,
            )
            .order_by(lane.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=lane)
        )
        rows = list(self._execute(query, {}))
        self._claim(lane, [row.id for row in rows], worker, now + lease)
        self._changed(OutboxLane)
        return [row.conversation for row in rows]

    def outbox_summary(self) -> tuple[int, datetime | None]:
        """One aggregate query, not the rows: the metrics ask every few seconds."""
        row = (
            self._in_transaction()
            .execute(
                select(func.count(PostingRow.id), func.min(PostingRow.created_at)).where(
                    PostingRow.status == PostingStatus.PENDING.value
                )
            )
            .one()
        )
        return int(row[0]), row[1]

    def commit(self) -> None:
        if self._over:
            raise Conflict("a refused write ended this transaction")
        pending, self._at_commit = self._at_commit, []
        # With COMMIT only inside a transaction already begun on the server: a first
        # statement is sent again when its pooled connection was dead (_execute), and one
        # carrying COMMIT must never be.
        cursor = self._cursor
        last = (
            pending.pop()
            if pending and cursor is not None and getattr(cursor, "in_transaction", bool)()
            else None
        )
        for record in pending:
            self._insert_plain(record)
        try:
            if last is not None:
                cursor.then_commit = True
                try:
                    self._insert_plain(last)
                finally:
                    cursor.then_commit = False
            if self._connection is not None:
                # After the COMMIT sent with the last record: SQLAlchemy ends its transaction,
                # psycopg sends nothing (no transaction is open).
                self._connection.commit()
        except IntegrityError as error:
            raise Conflict(str(error.orig)) from error
        except (OperationalError, InterfaceError) as error:
            # The connection broke or timed out while COMMIT was on its way: the server may
            # have committed. The user must hear "may or may not", never "nothing changed".
            raise OutcomeUnknown() from error
        self._settled.update((key, tuple(found)) for key, found in self._settling.items())
        self._settling.clear()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write, sent by the caller inside; a failed one ends the transaction.

        The store then refuses to go on or commit, as the ORM's failed flush did: on SQLite a
        refused statement leaves the transaction open with the command's earlier writes,
        which a commit would otherwise keep. Leaving the store rolls them back.
        """
        try:
            yield
        except Exception as error:
            self._changed()
            self._over = True
            if isinstance(error, IntegrityError):
                raise Conflict(str(error.orig)) from error
            raise


def _changeable(kind: type) -> None:
    if kind in WRITE_ONCE:
        raise TypeError(f"a {kind.__name__} is never changed: every process keeps it as read")


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


# --- statements, built once per process ----------------------------------------------------
# A statement object keeps its cache key, so SQLAlchemy finds its compiled form without
# walking it again; building a select per find was a fifth of the store's time.


@cache
def _select(kind: type, shape: tuple[tuple[str, str], ...], locked: bool = False) -> Any:
    """find()'s SELECT for these fields and kinds of condition, parameters named by field."""
    table = columns_of(kind)
    query = select(table).order_by(table.c.id)
    for name, how in shape:
        column = table.c[name]
        if how == "between":
            query = query.where(
                column >= bindparam(f"{name}_low"), column < bindparam(f"{name}_high")
            )
        elif how == "in":
            query = query.where(column.in_(bindparam(name, expanding=True)))
        elif how == "null":
            query = query.where(column.is_(None))
        else:
            query = query.where(column == bindparam(name))
    return direct.direct(query.with_for_update() if locked else query)


@cache
def _insert(kind: type) -> Any:
    return direct.direct(insert(columns_of(kind)))


@cache
def _update(kind: type, names: tuple[str, ...]) -> Any:
    table = columns_of(kind)
    return direct.direct(
        update(table)
        .where(table.c.id == bindparam("_id"))
        .values({name: bindparam(name) for name in names})
    )


@cache
def _statement(name: str, kind: type | None = None) -> Any:
    return direct.direct(_build_statement(name, kind))


_NUMBERING = ("id", "number", "position")


def _build_statement(name: str, kind: type | None) -> Any:
    if name == "item_number":
        items = columns_of(AgendaItem)
        in_section = case((items.c.section == bindparam("s"), items.c.position))
        return select(func.max(items.c.number), func.max(in_section)).where(
            items.c.meeting_id == bindparam("m")
        )
    if name == "numbered_item":
        items = columns_of(AgendaItem)
        mine = items.c.meeting_id == bindparam("m")
        in_section = case((items.c.section == bindparam("s"), items.c.position))
        after = literal_column("1")
        last = literal_column("0")
        number = select(func.coalesce(func.max(items.c.number), last) + after).where(mine)
        position = select(func.coalesce(func.max(in_section), last) + after).where(mine)
        given = {c.key: bindparam(c.key) for c in items.columns if c.key not in _NUMBERING}
        numbering = {"number": number.scalar_subquery(), "position": position.scalar_subquery()}
        return (
            insert(items)
            .values({**given, **numbering})
            .returning(items.c.id, items.c.number, items.c.position)
        )
    if name == "meeting_number":
        meetings = columns_of(Meeting)
        return select(func.max(meetings.c.number)).where(meetings.c.group_id == bindparam("g"))
    if name == "group_member":
        groups, members = columns_of(Group), columns_of(Member)
        mine = (members.c.group_id == groups.c.id) & (members.c.user_ref == bindparam("u"))
        return (
            select(groups, members)
            .select_from(groups.outerjoin(members, mine))
            .where(groups.c.id == bindparam("id"))
        )
    if name == "lock_group":
        groups = columns_of(Group)
        return select(groups.c.id).where(groups.c.id == bindparam("id")).with_for_update()
    table = columns_of(kind)
    if name == "delete":
        return delete(table).where(table.c.id == bindparam("id"))
    by_id = select(table).where(table.c.id == bindparam("id"))
    return by_id.with_for_update() if name == "lock" else by_id


def store_factory(engine: Engine) -> StoreFactory:
    """Stores on this engine; leaving one without commit() rolls its transaction back."""

    settled: dict[Any, Any] = {}  # see WRITE_ONCE: one engine, one database

    @contextmanager
    def open_store() -> Iterator[Store]:
        store = SqlStore(engine, settled)
        try:
            yield store
        finally:
            store.close()

    return open_store
