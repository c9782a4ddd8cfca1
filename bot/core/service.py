"""The entry point adapters call: each command runs in one transaction, audited, at most once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core import (
    agenda,
    annual,
    corrections,
    draftedit,
    followups,
    groups,
    imports,
    justering,
    meetings,
    outbox,
    postings,
    reminders,
    search,
    session,
    yearrules,
)
from bot.core.catalogue import CATALOGUE
from bot.core.context import Context, Result
from bot.core.model import Group, Meeting, ProcessedRequest
from bot.core.normalise import normalise_value
from bot.core.ports import Store, StoreFactory
from bot.core.texts import T, UserError
from bot.core.tx import Tx

Operation = Callable[..., Any]


class Justera:
    """Runs core operations. A UserError raised inside leaves the database exactly as before."""

    def __init__(
        self,
        store_factory: StoreFactory,
        *,
        single_writer: bool = False,
        installers: frozenset[str] = frozenset(),
        read_store_factory: StoreFactory | None = None,
    ) -> None:
        self.store_factory = store_factory
        # Stores for READ_ONLY_OPERATIONS: on SQLite they read without taking the write lock.
        self.read_store_factory = read_store_factory or store_factory
        self.installers = installers
        # SQLite has one writer at a time; callers that run commands in threads should queue
        # them rather than let transactions race for the lock and back off.
        self.single_writer = single_writer
        # Platforms whose postings go through the outbox (an adapter with a poster says so);
        # the console shows its postings itself.
        self.outbox_platforms: set[str] = set()

    def post_through_outbox(self, platform: str) -> None:
        """From now on, a command's postings in this platform's channels are outbox rows."""
        self.outbox_platforms.add(platform)

    def reads_only(self, operation: Operation) -> bool:
        return operation in READ_ONLY_OPERATIONS

    def run(self, ctx: Context, operation: Operation, *args: Any, **kwargs: Any) -> Any:
        # The edge of the core: every text an operation is given is normalised here, and a
        # control character refused, before anything reads it (bot.core.normalise).
        args = tuple(normalise_value(a) for a in args)
        kwargs = {k: _normalised(k, v) for k, v in kwargs.items()}
        if ctx.request_id is None and operation in READ_ONLY_OPERATIONS:
            with self.read_store_factory() as store:
                return operation(Tx(store, ctx, installers=self.installers), *args, **kwargs)
        try:
            return self._run(ctx, operation, *args, **kwargs)
        except UserError:
            raise
        except Exception:
            # Two deliveries of one request at once (PostgreSQL lets both start): the second
            # meets the first's key of processed requests. It answers as the first did.
            replay = self._replay(ctx.request_id) if ctx.request_id is not None else None
            if replay is None:
                raise
            return replay

    def _replay(self, request_id: str) -> Result | None:
        try:
            with self.store_factory() as store:
                return _replayed(store, request_id)
        except Exception:  # the database is not answering: the first error is the one to tell
            return None

    def _run(self, ctx: Context, operation: Operation, *args: Any, **kwargs: Any) -> Any:
        with self.store_factory() as store:
            if ctx.request_id is not None:
                seen = _replayed(store, ctx.request_id)
                if seen is not None:
                    # A retried delivery: answer as the first time, change nothing.
                    return seen
            tx = Tx(store, ctx, installers=self.installers)
            result = operation(tx, *args, **kwargs)
            if isinstance(result, Result):
                keep_reminders_in_step(tx, operation, result)
                if operation in CORRECTIONS and result.meeting_id is not None:
                    imports.reindex_imported(tx, result.meeting_id)
                platform = ctx.channel_ref.partition(":")[0]
                if result.events and platform in self.outbox_platforms:
                    # In the same transaction: the change and what it owes the channel together.
                    outbox.enqueue_events(tx, result)
            # Read back by no one in this transaction: written with its commit.
            for entry in tx.audit:
                store.add_with_commit(entry)
            if ctx.request_id is not None:
                reply = result.message if isinstance(result, Result) else ""
                store.add_with_commit(ProcessedRequest(key=ctx.request_id, at=ctx.now, reply=reply))
            store.commit()
        return result


def _replayed(store: Store, request_id: str) -> Result | None:
    seen = store.find(ProcessedRequest, key=request_id)
    return Result(seen[0].reply, replayed=True) if seen else None


# Operations that only read: no audit, no reminders, nothing stored. On SQLite they run
# beside the writer instead of queueing for its lock.
READ_ONLY_OPERATIONS = {
    groups.show_group,
    groups.show_forbidden_words,
    meetings.list_meetings,
    yearrules.list_reminders,
    yearrules.show_year,
    yearrules.export_rules,
    agenda.show_agenda,
    agenda.agenda_for_export,
    justering.show_minutes,
    justering.minutes_for_export,
    search.search_minutes,
    postings.message_refs,
}


def _normalised(name: str, value: Any) -> Any:
    try:
        return normalise_value(value)
    except UserError as error:
        # A form shows the refusal under the field it is about.
        if f"field_{name}" in CATALOGUE:
            error.params.setdefault("field", T(f"field_{name}"))
        raise


# Operations after which the årsklocka must look again at where its items land.
YEAR_OPERATIONS = {
    meetings.plan_meeting,
    meetings.move_meeting,
    corrections.change_meeting,  # its tid: retimes the meeting as /mote flytta does
    meetings.cancel_meeting,
    yearrules.take_default,
    yearrules.add_rule,
    yearrules.remove_rule,
    yearrules.import_rules,
}
# Operations that change who is in the group, and so who is reminded.
GROUP_OPERATIONS = {groups.set_member}
# Operations that change what a meeting's reminders depend on: its time and state, its
# justerare, its decisions (MBL §14) and its approvals. An item proposal or a note does not,
# and re-planning after every command would double a command's cost.
MEETING_OPERATIONS = {
    meetings.plan_meeting,
    meetings.move_meeting,
    meetings.cancel_meeting,
    session.choose_justerare,
    session.record_decision,
    justering.post_minutes,
    justering.approve,
    postings.approve_message,
    draftedit.edit_posted_item,  # posts the next version: the justerare reminded again
    corrections.undo_last,  # may take back a new time
}


# Operations that correct a meeting's fields; on an imported meeting its search follows them.
CORRECTIONS = {
    corrections.change_entry,
    corrections.remove_entry,
    corrections.remove_statement,
    corrections.change_item,
    corrections.remove_item,
    corrections.remove_decision,
    corrections.change_meeting,
    corrections.undo_last,
    corrections.edit_item,
    session.record_decision,
}


def keep_reminders_in_step(tx: Tx, operation: Operation, result: Result) -> None:
    """Reminders follow the meeting's state in the same transaction as the change itself."""
    if operation not in YEAR_OPERATIONS and operation not in GROUP_OPERATIONS:
        if result.meeting_id is not None and operation in MEETING_OPERATIONS:
            reminders.plan_meeting_reminders(tx.store, result.meeting_id, tx.now)
        return
    group = tx.bound_group() if result.meeting_id is None else _group_of(tx, result.meeting_id)
    if group is None:
        return
    if operation in YEAR_OPERATIONS:
        proposed = annual.plan_year(tx, group)
        if proposed:
            result.message += " " + tx.say(
                "yearly_proposed", titles=", ".join(i.title for i in proposed)
            )
        # Commitments come back on the right meeting as meetings are planned and moved.
        brought = followups.plan_followups(tx, group)
        if brought:
            result.message += " " + tx.say(
                "followups_proposed", titles=", ".join(i.title for i in brought)
            )
    # Every open meeting of the group, the one just changed included, planned once.
    reminders.plan_group_reminders(tx.store, group, tx.now)


def _group_of(tx: Tx, meeting_id: int) -> Group | None:
    meeting = tx.store.get(Meeting, meeting_id)
    return tx.store.get(Group, meeting.group_id) if meeting else None
