"""The SQL store, its engine set-up and its migrations, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, event, inspect, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from bot.core.model import (
    RECORD_TYPES,
    AgendaItem,
    Approval,
    AuditEntry,
    Change,
    ChannelBinding,
    Commitment,
    CommitmentStatus,
    ConversationRef,
    Decision,
    Entry,
    EntryKind,
    Group,
    ImportedMeeting,
    ItemOrigin,
    ItemStatus,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    OutboxLane,
    Outcome,
    Party,
    PartyKind,
    Posting,
    PostingStatus,
    ProcessedRequest,
    Reminder,
    ReminderKind,
    ReminderStatus,
    Role,
    SearchEntry,
    Section,
    StandingItem,
    Verdict,
    YearRule,
)
from bot.core.ports import Store, StoreFactory
from storage.db import Timeouts, default_database_url, make_engine, with_search_path
from storage.fulltext import not_in_models
from storage.migrate import downgrade_to_base, upgrade
from storage.store import Conflict, store_factory
from storage.tables import metadata
from storage.types import UtcDateTime
from tests.conftest import POSTGRES_URL

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUMMER = datetime(2025, 6, 12, 9, 30, 15, 123456, tzinfo=STOCKHOLM)  # UTC+2
WINTER = datetime(2025, 1, 15, 23, 45, tzinfo=STOCKHOLM)  # UTC+1, already the 15th in UTC+0
NAIVE = datetime(2025, 6, 12, 9, 30)

WORKERS = 2
ITEMS_PER_WORKER = 40
WORKER_TIMEOUT = 120


def add_all(store: Store) -> dict[type, Any]:
    """One stored record of every type, with every field set away from its default."""
    group = store.add(Group(key="HR-SAMVERKAN", name="Samverkan HR", created_at=WINTER))
    binding = store.add(ChannelBinding(channel_ref="slack:T1/C1", group_id=group.id))
    party = store.add(
        Party(group_id=group.id, name="Vision", kind=PartyKind.UNION, short_name="VI")
    )
    member = store.add(
        Member(
            group_id=group.id,
            user_ref="slack:U1",
            display_name="Åsa Öberg",
            party_id=party.id,
            role=Role.SECRETARY,
            is_admin=True,
        )
    )
    meeting = store.add(
        Meeting(
            group_id=group.id,
            starts_at=SUMMER,
            place="Rum Älgen",
            agenda_deadline=WINTER,
            status=MeetingStatus.JUSTERAD,
            protocol_number="2025:3",
            dnr="HR 2025/17",
            published_at=WINTER + timedelta(days=1),
            agenda_message_ref="slack:msg/1",
            minutes_message_ref="slack:msg/2",
        )
    )
    item = store.add(
        AgendaItem(
            meeting_id=meeting.id,
            number=1,
            section=Section.OVRIGT,
            title="Ny arbetstidsmodell för förskolan",
            proposer_ref="slack:U1",
            proposed_at=WINTER,
            presenter="Åsa",
            description="Bakgrund och förslag",
            links="https://example.org/a\nhttps://example.org/b",
            late=True,
            risk_assessed=True,
            position=7,
            origin=ItemOrigin.CARRIED_OVER,
            status=ItemStatus.ACCEPTED,
        )
    )
    version = store.add(
        MinutesVersion(
            meeting_id=meeting.id,
            number=1,
            text="§1 Mötets öppnande",
            content_hash="sha256:abc",
            posted_by="slack:U1",
            posted_at=SUMMER,
        )
    )
    records = [
        group,
        binding,
        party,
        member,
        meeting,
        item,
        store.add(
            Entry(
                item_id=item.id,
                seq=1,
                position=1,
                kind=EntryKind.STATEMENT,
                author_ref="slack:U1",
                text="Vision anser att…",
                created_at=SUMMER,
                party_ids=str(party.id),
            )
        ),
        store.add(
            Decision(
                item_id=item.id,
                outcome=Outcome.NO_DECISION,
                decided_by="slack:U1",
                decided_at=SUMMER,
                text="Parterna är oeniga",
                party_id=party.id,
                mbl14_deadline=date(2025, 6, 20),
            )
        ),
        store.add(Justerare(meeting_id=meeting.id, member_id=member.id)),
        version,
        store.add(
            Approval(
                version_id=version.id,
                member_id=member.id,
                verdict=Verdict.CHANGE_REQUESTED,
                at=WINTER,
                comment="Stavfel i §2",
            )
        ),
        store.add(
            AuditEntry(
                at=SUMMER,
                actor_ref="slack:U1",
                action="meeting.publish",
                group_id=group.id,
                meeting_id=meeting.id,
                detail="item=1",
            )
        ),
        store.add(ProcessedRequest(key="slack:evt/1", at=WINTER, reply="Klart ✅")),
        store.add(
            Reminder(
                group_id=group.id,
                key=f"m{meeting.id}:tomorrow:slack:U1",
                kind=ReminderKind.MEETING_TOMORROW,
                due_at=WINTER,
                expires_at=SUMMER,
                target_ref="slack:U1",
                meeting_id=meeting.id,
                detail='{"n": 1}',
                status=ReminderStatus.SENT,
                claimed_by="worker-1",
                claimed_until=WINTER,
                sent_at=SUMMER,
                late=True,
            )
        ),
        store.add(
            ImportedMeeting(
                meeting_id=meeting.id,
                source="minnesanteckningar-2025-03-19.txt",
                content_key="ab" * 32,
                group_kind="FSG",
                justerare="Evert Blohmé|AkademikerförbundetSSR\nDenniz Karlsson|Kommunal",
                report="datum, plats; osäkert: ingen plats",
            )
        ),
        store.add(
            SearchEntry(
                group_id=group.id,
                meeting_id=meeting.id,
                held_on=date(2025, 3, 19),
                title="OSA-mål 2025",
                body="Arbetsgivaren och fackliga parter är överens om målen.",
                item_number=6,
            )
        ),
        store.add(
            YearRule(
                group_id=group.id,
                title="OSA-mål",
                month=3,
                day=None,
                section=Section.BESLUT,
                responsible="HR-chef",
                lead_days=21,
            )
        ),
        store.add(
            Change(
                meeting_id=meeting.id,
                actor_ref="slack:U1",
                at=SUMMER,
                action="change_entry",
                before='[{"kind": "Entry", "id": 1, "fields": null}]',
            )
        ),
        store.add(
            StandingItem(
                group_id=group.id,
                title="Föredragningslista nämnden",
                section=Section.INFORMATION,
                position=3,
                presenter="Direktören",
            )
        ),
        store.add(
            ConversationRef(
                ref="teams:tenant-1:19:fsg@thread.tacv2",
                service_url="https://smba.trafficmanager.net/emea/",
                conversation_id="19:fsg@thread.tacv2",
                tenant_id="tenant-1",
                bot_id="28:bot",
                updated_at=SUMMER,
                platform_user_id="",
            )
        ),
        store.add(
            Posting(
                conversation="slack:T1:C1",
                kind="agenda_changed",
                created_at=WINTER,
                payload='{"meeting_id": 1}',
                meeting_id=meeting.id,
                requested_by="slack:T1:U1",
                lang="en",
                status=PostingStatus.GIVEN_UP,
                plan='[{"op": "update_agenda"}]',
                steps_done=1,
                lost="update_agenda",
                error="message_not_found",
                sent_at=SUMMER,
            )
        ),
        store.add(OutboxLane(conversation="slack:T1:C1", claimed_by="w1", claimed_until=SUMMER)),
        store.add(
            Commitment(
                group_id=group.id,
                meeting_id=meeting.id,
                item_id=item.id,
                responsible="Åsa Öberg",
                what="Ta fram förslag på ändrad årsklocka",
                created_by="slack:U1",
                created_at=WINTER,
                responsible_ref="slack:U2",
                due_on=date(2025, 10, 31),
                due_from=date(2025, 10, 1),
                status=CommitmentStatus.DONE,
                outcome="Förslaget presenteras i oktober.",
                closed_by="slack:U2",
                closed_at=SUMMER,
                closed_in_meeting_id=meeting.id,
            )
        ),
    ]
    return {type(record): record for record in records}


@pytest.fixture
def stored(store_factory: StoreFactory) -> dict[type, Any]:
    with store_factory() as store:
        records = add_all(store)
        store.commit()
    return records


def count(store_factory: StoreFactory, kind: type) -> int:
    with store_factory() as store:
        return len(store.find(kind))


def assert_aware_utc(record: Any) -> None:
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, datetime):
            assert value.utcoffset() == timedelta(0), field.name


# --- round trips ---------------------------------------------------------------------------


def test_every_record_type_comes_back_equal(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    assert set(stored) == set(RECORD_TYPES)
    with store_factory() as store:
        for kind, record in stored.items():
            loaded = store.get(kind, record.id)
            assert loaded == record
            assert_aware_utc(loaded)
            for field in dataclasses.fields(loaded):
                value = getattr(loaded, field.name)
                if isinstance(getattr(record, field.name), Enum):
                    assert type(value) is type(getattr(record, field.name)), field.name


def test_stockholm_summer_and_winter_times_keep_their_instant(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with store_factory() as store:
        meeting = store.get(Meeting, stored[Meeting].id)
    assert meeting is not None
    assert meeting.starts_at == SUMMER
    assert meeting.starts_at.tzinfo is UTC
    assert meeting.starts_at.astimezone(STOCKHOLM).timetuple() == SUMMER.timetuple()
    assert meeting.starts_at.microsecond == SUMMER.microsecond
    assert meeting.agenda_deadline == WINTER
    assert meeting.agenda_deadline.astimezone(STOCKHOLM).timetuple() == WINTER.timetuple()


def test_none_and_defaults_come_back_as_they_went_in(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    first = stored[AgendaItem]
    with store_factory() as store:
        meeting = store.add(
            Meeting(group_id=stored[Group].id, starts_at=SUMMER, place="", agenda_deadline=SUMMER)
        )
        item = store.add(
            AgendaItem(
                meeting_id=meeting.id,
                number=1,
                section=Section.OPENING,
                title="Mötets öppnande",
                proposer_ref="slack:U1",
                proposed_at=SUMMER,
                risk_assessed=False,
                carried_from_item_id=first.id,
            )
        )
        decision = store.add(
            Decision(
                item_id=item.id, outcome=Outcome.INFORMATION, decided_by="x", decided_at=WINTER
            )
        )
        audit = store.add(AuditEntry(at=WINTER, actor_ref="slack:U2", action="group.create"))
        store.commit()
    with store_factory() as store:
        assert store.get(Meeting, meeting.id) == meeting
        assert store.get(AgendaItem, item.id) == item
        assert store.get(Decision, decision.id) == decision
        assert store.get(AuditEntry, audit.id) == audit
    assert meeting.published_at is None and meeting.status is MeetingStatus.PLANNED
    assert item.risk_assessed is False and first.risk_assessed is True
    assert decision.party_id is None and decision.mbl14_deadline is None
    assert audit.group_id is None and audit.meeting_id is None


# --- find, get, update, delete, lock -------------------------------------------------------


def add_items(store: Store, meeting_id: int, count: int) -> list[AgendaItem]:
    sections = list(Section)
    return [
        store.add(
            AgendaItem(
                meeting_id=meeting_id,
                number=number,
                section=sections[number % len(sections)],
                title=f"Punkt {number}",
                proposer_ref=f"slack:U{number % 2}",
                proposed_at=SUMMER + timedelta(hours=number),
                risk_assessed=None if number % 3 else True,
            )
        )
        for number in range(2, 2 + count)
    ]


def test_find_by_equality_and_by_one_of(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    meeting_id = stored[Meeting].id
    with store_factory() as store:
        items = [stored[AgendaItem], *add_items(store, meeting_id, 6)]
        store.commit()
    with store_factory() as store:
        assert store.find(AgendaItem, meeting_id=meeting_id) == items
        assert store.find(AgendaItem, meeting_id=meeting_id + 1000) == []
        assert store.find(AgendaItem, section=Section.INFORMATION) == [
            i for i in items if i.section is Section.INFORMATION
        ]
        assert store.find(AgendaItem, number=[7, 3, 5]) == [items[2], items[4], items[6]]
        assert store.find(AgendaItem, number=(3,), proposer_ref="slack:U1") == [items[2]]
        assert store.find(AgendaItem, section={Section.BESLUT, Section.DIALOG}) == [
            i for i in items if i.section in (Section.BESLUT, Section.DIALOG)
        ]
        assert store.find(AgendaItem, risk_assessed=None) == [
            i for i in items if i.risk_assessed is None
        ]
        assert store.find(AgendaItem, proposed_at=SUMMER + timedelta(hours=4)) == [items[3]]
        assert store.find(AgendaItem, number=[]) == []
        assert store.find(Group, key="HR-SAMVERKAN") == [stored[Group]]


def test_find_refuses_what_is_not_a_field_or_record(store_factory: StoreFactory) -> None:
    with store_factory() as store:
        with pytest.raises(TypeError, match="nummer"):
            store.find(AgendaItem, nummer=1)
        with pytest.raises(TypeError):
            store.find(dict)


def test_update_get_and_delete(store_factory: StoreFactory, stored: dict[type, Any]) -> None:
    meeting = dataclasses.replace(
        stored[Meeting],
        status=MeetingStatus.CANCELLED,
        published_at=None,
        starts_at=WINTER,
        place="Distans",
    )
    with store_factory() as store:
        store.update(meeting)
        assert store.get(Meeting, meeting.id) == meeting
        store.commit()
    with store_factory() as store:
        assert store.get(Meeting, meeting.id) == meeting
        assert store.get(Meeting, meeting.id + 1000) is None
        store.delete(stored[ProcessedRequest])
        assert store.get(ProcessedRequest, stored[ProcessedRequest].id) is None
        store.commit()
    with store_factory() as store:
        assert store.find(ProcessedRequest) == []
        with pytest.raises(LookupError):
            store.update(stored[ProcessedRequest])
        with pytest.raises(LookupError):
            store.delete(stored[ProcessedRequest])


def test_add_sets_the_id_and_refuses_a_stored_record(store_factory: StoreFactory) -> None:
    with store_factory() as store:
        group = Group(key="A", name="A", created_at=SUMMER)
        assert store.add(group) is group
        assert isinstance(group.id, int)
        with pytest.raises(ValueError, match="stored already"):
            store.add(group)
        with pytest.raises(ValueError, match="without id"):
            store.update(Group(key="B", name="B", created_at=SUMMER))


def test_lock_reads_like_get(store_factory: StoreFactory, stored: dict[type, Any]) -> None:
    with store_factory() as store:
        assert store.lock(Meeting, stored[Meeting].id) == stored[Meeting]
        assert store.lock(Meeting, stored[Meeting].id + 1000) is None
        meeting = stored[Meeting]
        found = store.find_locked(Meeting, group_id=meeting.group_id, number=meeting.number)
        assert found == [meeting] == store.find(Meeting, group_id=meeting.group_id)
        assert store.find_locked(Meeting, number=meeting.number + 1000) == []


@pytest.mark.postgres
def test_find_locked_holds_the_row(postgres_schema_url: str) -> None:
    url = postgres_schema_url
    upgrade(url)
    meeting_id = a_meeting(url)
    holder, waiter = make_engine(url), make_engine(url, timeouts=Timeouts(lock=1.0))
    try:
        with store_factory(holder)() as store:
            assert store.find_locked(Meeting, id=meeting_id) != []
            with store_factory(waiter)() as other, pytest.raises(OperationalError, match="lock"):
                other.lock(Meeting, meeting_id)
    finally:
        holder.dispose()
        waiter.dispose()


def test_deleting_an_item_unlinks_the_items_carried_from_it(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with store_factory() as store:
        old = store.add(dataclasses.replace(stored[AgendaItem], id=None, number=2))
        new = store.add(dataclasses.replace(old, id=None, number=3, carried_from_item_id=old.id))
        assert store.get(AgendaItem, new.id).carried_from_item_id == old.id
        store.delete(old)
        assert store.get(AgendaItem, new.id).carried_from_item_id is None


# --- transactions --------------------------------------------------------------------------


def test_nothing_persists_without_commit(store_factory: StoreFactory) -> None:
    with store_factory() as store:
        add_all(store)
    for kind in RECORD_TYPES:
        assert count(store_factory, kind) == 0, kind


def test_an_exception_rolls_everything_back(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with pytest.raises(RuntimeError, match="command failed"), store_factory() as store:
        store.update(dataclasses.replace(stored[Group], name="Ändrad"))
        store.delete(stored[ProcessedRequest])
        store.add(ProcessedRequest(key="slack:evt/2", at=SUMMER))
        raise RuntimeError("command failed")
    with store_factory() as store:
        assert store.find(Group) == [stored[Group]]
        assert store.find(ProcessedRequest) == [stored[ProcessedRequest]]


def test_only_what_was_committed_persists(store_factory: StoreFactory) -> None:
    with store_factory() as store:
        store.add(ProcessedRequest(key="kept", at=SUMMER))
        store.commit()
        store.add(ProcessedRequest(key="dropped", at=SUMMER))
    with store_factory() as store:
        assert [r.key for r in store.find(ProcessedRequest)] == ["kept"]


def test_records_added_with_commit_are_written_by_it_and_only_by_it(
    store_factory: StoreFactory,
) -> None:
    with store_factory() as store:
        store.add(Group(key="FSG", name="Förvaltningsgruppen", created_at=SUMMER))
        store.add_with_commit(AuditEntry(at=SUMMER, actor_ref="slack:U1", action="first"))
        store.add_with_commit(ProcessedRequest(key="slack:evt/1", at=SUMMER, reply="Klart."))
    assert count(store_factory, AuditEntry) == count(store_factory, ProcessedRequest) == 0
    with store_factory() as store:
        store.add(Group(key="FSG", name="Förvaltningsgruppen", created_at=SUMMER))
        store.add_with_commit(AuditEntry(at=SUMMER, actor_ref="slack:U1", action="first"))
        store.add_with_commit(ProcessedRequest(key="slack:evt/1", at=SUMMER, reply="Klart."))
        store.commit()
    with store_factory() as store:
        assert [a.action for a in store.find(AuditEntry)] == ["first"]
        assert [r.reply for r in store.find(ProcessedRequest, key="slack:evt/1")] == ["Klart."]


def test_a_record_refused_at_commit_keeps_nothing_of_its_transaction(
    store_factory: StoreFactory,
) -> None:
    with store_factory() as store:
        store.add(ProcessedRequest(key="slack:evt/1", at=SUMMER))
        store.commit()
    with store_factory() as store:
        store.add(Group(key="FSG", name="Förvaltningsgruppen", created_at=SUMMER))
        # The last one held, the one sent with COMMIT on PostgreSQL, is the one refused.
        store.add_with_commit(AuditEntry(at=SUMMER, actor_ref="slack:U1", action="first"))
        store.add_with_commit(ProcessedRequest(key="slack:evt/1", at=SUMMER))
        with pytest.raises(Conflict):
            store.commit()
    assert count(store_factory, Group) == count(store_factory, AuditEntry) == 0
    # The connection serves the next transaction.
    with store_factory() as store:
        store.add(Group(key="LSG", name="Lokala gruppen", created_at=SUMMER))
        store.add_with_commit(AuditEntry(at=SUMMER, actor_ref="slack:U1", action="next"))
        store.commit()
    assert count(store_factory, Group) == count(store_factory, AuditEntry) == 1


def test_add_with_commit_refuses_what_add_alone_numbers_or_indexes(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with store_factory() as store:
        with pytest.raises(ValueError, match="stored already"):
            store.add_with_commit(stored[AuditEntry])
        with pytest.raises(TypeError, match="add"):
            store.add_with_commit(dataclasses.replace(stored[AgendaItem], id=None))


# --- conflicts -----------------------------------------------------------------------------

UNIQUE_KINDS = [
    Group,
    ChannelBinding,
    Party,
    Member,
    AgendaItem,
    Entry,
    Decision,
    Justerare,
    MinutesVersion,
    Approval,
    ProcessedRequest,
]


@pytest.mark.parametrize("kind", UNIQUE_KINDS, ids=lambda kind: kind.__name__)
def test_a_duplicate_is_a_conflict_and_nothing_of_its_transaction_is_kept(
    store_factory: StoreFactory, stored: dict[type, Any], kind: type
) -> None:
    with store_factory() as store:
        store.add(AuditEntry(at=SUMMER, actor_ref="slack:U1", action="before"))
        with pytest.raises(Conflict):
            store.add(dataclasses.replace(stored[kind], id=None))
    assert count(store_factory, kind) == 1
    assert count(store_factory, AuditEntry) == 1


def test_an_update_onto_a_taken_key_is_a_conflict(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with store_factory() as store:
        other = store.add(Group(key="OTHER", name="Annan", created_at=SUMMER))
        with pytest.raises(Conflict):
            store.update(dataclasses.replace(other, key=stored[Group].key))


def test_broken_references_are_conflicts(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    with store_factory() as store, pytest.raises(Conflict):
        store.add(
            Entry(
                item_id=stored[AgendaItem].id + 1000,
                seq=1,
                position=1,
                kind=EntryKind.NOTE,
                author_ref="x",
                text="",
                created_at=SUMMER,
            )
        )
    with store_factory() as store, pytest.raises(Conflict):
        store.delete(stored[Group])
    with store_factory() as store:
        assert store.get(Group, stored[Group].id) == stored[Group]


# --- datetimes -----------------------------------------------------------------------------


def test_naive_datetimes_are_refused(store_factory: StoreFactory, stored: dict[type, Any]) -> None:
    with store_factory() as store:
        with pytest.raises(ValueError, match="naive"):
            store.add(Group(key="NAIVE", name="Naiv", created_at=NAIVE))
        with pytest.raises(ValueError, match="naive"):
            store.update(dataclasses.replace(stored[Meeting], published_at=NAIVE))
        with pytest.raises(ValueError, match="naive"):
            store.find(Meeting, starts_at=NAIVE)
        store.commit()
    with store_factory() as store:
        assert store.find(Group) == [stored[Group]]
        assert store.find(Meeting) == [stored[Meeting]]


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "pg"])
def test_the_column_type_stores_utc_and_refuses_naive(dialect: Any) -> None:
    column = UtcDateTime()
    with pytest.raises(ValueError, match="naive"):
        column.process_bind_param(NAIVE, dialect)
    stored = column.process_bind_param(SUMMER, dialect)
    assert (stored.tzinfo is None) == (dialect.name == "sqlite")
    assert stored.replace(tzinfo=None) == SUMMER.astimezone(UTC).replace(tzinfo=None)
    back = column.process_result_value(stored, dialect)
    assert back == SUMMER and back.tzinfo is UTC


# --- engines -------------------------------------------------------------------------------


def test_the_database_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUSTERA_DATABASE_URL", "postgresql://db.example/justera")
    assert default_database_url() == "postgresql://db.example/justera"


def test_the_default_database_is_a_file_in_the_xdg_data_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("JUSTERA_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_database_url() == f"sqlite:///{tmp_path}/data/justera/justera.db"
    assert (tmp_path / "data" / "justera").is_dir()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_database_url() == f"sqlite:///{tmp_path}/.local/share/justera/justera.db"


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgres://u@h/db"])
def test_postgresql_urls_use_psycopg_3(url: str) -> None:
    engine = make_engine(url)
    assert engine.url.drivername == "postgresql+psycopg"


@pytest.mark.postgres
def test_a_pooled_connection_that_died_is_replaced_at_the_transactions_first_statement(
    postgres_schema_url: str,
) -> None:
    # No pre-ping: the store itself sends a transaction's first statement again, once, when
    # its pooled connection was dropped while idle (as a database restart drops them all).
    upgrade(postgres_schema_url)
    engine = make_engine(postgres_schema_url)
    try:
        stores = store_factory(engine)
        with stores() as store:
            store.add(Group(key="FSG", name="Förvaltningsgruppen", created_at=SUMMER))
            store.commit()
        with engine.connect() as connection:
            pids = {connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()}
        assert engine.pool.checkedin() >= 1
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            for pid in pids:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with stores() as store:
            assert [g.key for g in store.find(Group)] == ["FSG"]
            store.add(Group(key="LSG", name="Lokala gruppen", created_at=SUMMER))
            store.commit()
        with stores() as store:
            assert sorted(g.key for g in store.find(Group)) == ["FSG", "LSG"]
    finally:
        engine.dispose()


def test_a_schema_becomes_the_search_path() -> None:
    url = with_search_path("postgresql://u@h/db?options=-cstatement_timeout%3D5s", "s_1")
    assert make_url(url).query["options"] == "-cstatement_timeout=5s -csearch_path=s_1"
    engine = make_engine("postgresql://u@h/db", schema="s_1")
    # The server-side timeouts follow the search path in the same libpq options.
    assert engine.url.query["options"].startswith("-csearch_path=s_1 -c statement_timeout=")
    with pytest.raises(ValueError, match="identifier"):
        with_search_path("postgresql://u@h/db", "x; DROP TABLE groups")
    with pytest.raises(ValueError, match="PostgreSQL"):
        make_engine("sqlite://", schema="s_1")


def test_sqlite_connections_are_tuned(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:

            def pragma(name: str) -> Any:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000  # JUSTERA_DB_LOCK_TIMEOUT
            assert pragma("synchronous") == 1  # NORMAL
    finally:
        engine.dispose()


def test_a_sqlite_transaction_holds_the_write_lock_from_its_start(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    other = sqlite3.connect(make_url(sqlite_url).database, timeout=0, isolation_level=None)
    try:
        with store_factory(engine)() as store:
            store.find(Group)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


# --- migrations ----------------------------------------------------------------------------


def test_the_migrated_schema_is_the_tables(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": not_in_models}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_leaves_no_tables(db_url: str) -> None:
    upgrade(db_url)
    downgrade_to_base(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            # Alembic keeps its own, empty bookkeeping table.
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
            assert connection.exec_driver_sql("SELECT * FROM alembic_version").all() == []
    finally:
        engine.dispose()
    upgrade(db_url)


# --- concurrency ---------------------------------------------------------------------------


def numbered_items(url: str, meeting_id: int, count: int, start: Any) -> list[int]:
    """Adds items numbered one past the highest, each in a transaction that locks the meeting:
    by turns with lock() and numbers counted here, and with find_locked() and number 0, the
    store's own aggregate."""
    engine = make_engine(url)
    numbers = []
    try:
        start.wait(timeout=WORKER_TIMEOUT)
        for n in range(count):
            with store_factory(engine)() as store:
                if n % 2:
                    assert store.find_locked(Meeting, id=meeting_id) != []
                    number = 0
                else:
                    assert store.lock(Meeting, meeting_id) is not None
                    taken = [i.number for i in store.find(AgendaItem, meeting_id=meeting_id)]
                    number = max(taken, default=0) + 1
                item = store.add(
                    AgendaItem(
                        meeting_id=meeting_id,
                        number=number,
                        section=Section.DIALOG,
                        title=f"Punkt {n}",
                        proposer_ref="slack:U1",
                        proposed_at=SUMMER,
                    )
                )
                store.commit()
            numbers.append(item.number)
    finally:
        engine.dispose()
    return numbers


def a_meeting(url: str) -> int:
    engine = make_engine(url)
    try:
        with store_factory(engine)() as store:
            group = store.add(Group(key="G", name="G", created_at=SUMMER))
            meeting = store.add(
                Meeting(group_id=group.id, starts_at=SUMMER, place="", agenda_deadline=SUMMER)
            )
            store.commit()
        return meeting.id
    finally:
        engine.dispose()


def numbers_in(url: str, meeting_id: int) -> list[int]:
    engine = make_engine(url)
    try:
        with store_factory(engine)() as store:
            return sorted(item.number for item in store.find(AgendaItem, meeting_id=meeting_id))
    finally:
        engine.dispose()


def test_processes_on_one_sqlite_file_neither_lose_nor_repeat_a_number(sqlite_url: str) -> None:
    meeting_id = a_meeting(sqlite_url)
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(WORKERS)
    workers = [
        spawn.Process(target=numbered_items, args=(sqlite_url, meeting_id, ITEMS_PER_WORKER, start))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    try:
        for worker in workers:
            worker.join(timeout=WORKER_TIMEOUT)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    assert numbers_in(sqlite_url, meeting_id) == list(range(1, WORKERS * ITEMS_PER_WORKER + 1))


@pytest.mark.postgres
def test_threads_on_postgresql_neither_lose_nor_repeat_a_number(
    postgres_schema_url: str,
) -> None:
    url = postgres_schema_url
    upgrade(url)
    meeting_id = a_meeting(url)
    # A lock wait that never ends fails the worker instead of hanging the run.
    bounded = with_lock_timeout(url, seconds=WORKER_TIMEOUT // 2)
    start = threading.Barrier(WORKERS)
    pool = ThreadPoolExecutor(max_workers=WORKERS)
    try:
        futures = [
            pool.submit(numbered_items, bounded, meeting_id, ITEMS_PER_WORKER, start)
            for _ in range(WORKERS)
        ]
        results = [future.result(timeout=WORKER_TIMEOUT) for future in futures]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    assert sorted(number for numbers in results for number in numbers) == list(
        range(1, WORKERS * ITEMS_PER_WORKER + 1)
    )
    assert numbers_in(url, meeting_id) == list(range(1, WORKERS * ITEMS_PER_WORKER + 1))


def with_lock_timeout(url: str, seconds: int) -> str:
    parsed = make_url(url)
    options = f"{parsed.query.get('options', '')} -clock_timeout={seconds}s".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


# --- reads kept within a transaction -------------------------------------------------------


def test_kept_reads_follow_the_transactions_own_writes(
    store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    meeting = stored[Meeting]
    with store_factory() as store:
        before = store.find(AgendaItem, meeting_id=meeting.id)
        other = store.find(AgendaItem, meeting_id=meeting.id + 1000)
        added = store.add(dataclasses.replace(before[0], id=None, number=99, position=99))
        assert store.find(AgendaItem, meeting_id=meeting.id) == [*before, added]
        assert store.find(AgendaItem, meeting_id=meeting.id + 1000) == other == []
        store.update(dataclasses.replace(added, title="Ändrad"))
        assert store.get(AgendaItem, added.id).title == "Ändrad"
        assert [i.title for i in store.find(AgendaItem, number=99)] == ["Ändrad"]
        # What a caller does to a record it was handed is not kept.
        store.get(Group, meeting.group_id).name = "Inte sparad"
        assert store.get(Group, meeting.group_id) == stored[Group]
        assert store.lock(Meeting, meeting.id) == meeting
        store.delete(added)
        assert store.get(AgendaItem, added.id) is None
        assert store.find(AgendaItem, meeting_id=meeting.id) == before


def test_a_committed_binding_is_kept_by_every_later_store(
    engine: Engine, store_factory: StoreFactory, stored: dict[type, Any]
) -> None:
    binding = stored[ChannelBinding]
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with store_factory() as store:
        fresh = store.add(ChannelBinding(channel_ref="slack:T1/C2", group_id=binding.group_id))
        assert store.find(ChannelBinding, channel_ref="slack:T1/C2") == [fresh]
        # Rolled back: neither the new binding nor this find is kept.
    with store_factory() as store:
        assert store.find(ChannelBinding, channel_ref="slack:T1/C2") == []
        assert store.find(ChannelBinding, channel_ref=binding.channel_ref) == [binding]
        store.commit()
    asked = len(statements)
    with store_factory() as store:
        assert store.find(ChannelBinding, channel_ref=binding.channel_ref) == [binding]
        # Not found is not kept: the channel may be bound later.
        assert store.find(ChannelBinding, channel_ref="slack:T1/C2") == []
        kept = store.find(ChannelBinding, channel_ref=binding.channel_ref)[0]
        with pytest.raises(TypeError, match="never changed"):
            store.update(dataclasses.replace(kept, group_id=kept.group_id + 1))
        with pytest.raises(TypeError, match="never changed"):
            store.delete(kept)
    assert [s.split()[0] for s in statements[asked:]] in (["SELECT"], ["BEGIN", "SELECT"])


def test_a_new_item_is_numbered_last_in_its_meeting_and_placed_last_in_its_section(
    store_factory: StoreFactory,
) -> None:
    # The number and the position come from the item's own INSERT (no aggregate before it).
    with store_factory() as store:
        group = store.add(Group(key="G", name="G", created_at=SUMMER))
        meeting = store.add(
            Meeting(group_id=group.id, starts_at=SUMMER, place="", agenda_deadline=SUMMER)
        )
        store.commit()

    def added(section: Section, number: int = 0) -> AgendaItem:
        with store_factory() as store:
            item = store.add(
                AgendaItem(
                    meeting_id=meeting.id,
                    number=number,
                    section=section,
                    title="Punkt",
                    proposer_ref="slack:U1",
                    proposed_at=SUMMER,
                )
            )
            store.commit()
        return item

    placed = [
        added(Section.DIALOG),
        added(Section.INFORMATION),
        added(Section.DIALOG),
        added(Section.DIALOG, number=7),
        added(Section.INFORMATION),
    ]
    assert [(i.number, i.position) for i in placed] == [(1, 1), (2, 1), (3, 2), (7, 3), (8, 2)]
    with store_factory() as store:
        stored = {i.id: (i.number, i.position) for i in store.find(AgendaItem)}
    assert [stored[i.id] for i in placed] == [(i.number, i.position) for i in placed]
