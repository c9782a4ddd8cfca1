"""The SQL schema: one SQLModel table per record type of bot.core.model, field for field."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from bot.core import model
from storage.types import UtcDateTime

# Explicit names keep migrations identical on SQLite and PostgreSQL, which would otherwise
# invent different names for the same constraint.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ENUM = String(32)
REF = String(255)
NAME = String(200)
SHORT = String(64)

# AUTOINCREMENT stops SQLite from reusing the id of a deleted last row: ids are shown to
# users and kept in the audit log, so they must never point at a different record later.
NO_ID_REUSE: dict[str, Any] = {"sqlite_autoincrement": True}

# A foreign key column that leads a unique constraint is already indexed by it, so only the
# others carry index=True.


class Table(SQLModel, registry=registry(metadata=metadata)):
    """Base of the tables, on a metadata of their own so nothing else leaks into the schema."""


class GroupRow(Table, table=True):
    __tablename__ = "groups"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=SHORT, unique=True)
    name: str = Field(sa_type=NAME)
    created_at: datetime = Field(sa_type=UtcDateTime)
    agenda_reminder_days: str = Field(default="3,1", sa_type=SHORT)
    justering_reminder_days: str = Field(default="2,5", sa_type=SHORT)
    forbidden_words: str = Field(default="", sa_type=Text)
    unit: str = Field(default="", sa_type=NAME)
    style: str = Field(default="", sa_type=SHORT)
    style_text: str = Field(default="", sa_type=Text)


class ChannelBindingRow(Table, table=True):
    __tablename__ = "channel_bindings"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    channel_ref: str = Field(sa_type=REF, unique=True)
    group_id: int = Field(foreign_key="groups.id", index=True)


class PartyRow(Table, table=True):
    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("group_id", "name"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id")
    name: str = Field(sa_type=NAME)
    kind: str = Field(sa_type=ENUM)
    short_name: str = Field(default="", sa_type=SHORT)


class MemberRow(Table, table=True):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("group_id", "user_ref"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id")
    user_ref: str = Field(sa_type=REF)
    display_name: str = Field(sa_type=NAME)
    party_id: int = Field(foreign_key="parties.id", index=True)
    role: str = Field(sa_type=ENUM)
    is_admin: bool = False


class MeetingRow(Table, table=True):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("group_id", "number"),
        # A group's meetings of one day (the importer's near-copy check), from the index alone.
        Index("ix_meetings_group_starts", "group_id", "starts_at"),
        NO_ID_REUSE,
    )

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    starts_at: datetime = Field(sa_type=UtcDateTime)
    place: str = Field(sa_type=NAME)
    agenda_deadline: datetime = Field(sa_type=UtcDateTime)
    status: str = Field(sa_type=ENUM)
    protocol_number: str = Field(default="", sa_type=SHORT)
    dnr: str = Field(default="", sa_type=SHORT)
    published_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    agenda_message_ref: str = Field(default="", sa_type=REF)
    minutes_message_ref: str = Field(default="", sa_type=REF)
    ends_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    time_known: bool = True
    title: str = Field(default="", sa_type=NAME)
    closing: str = Field(default="", sa_type=Text)
    section_labels: str = Field(default="", sa_type=Text)
    empty_sections: str = Field(default="", sa_type=Text)
    number: int = 0  # per group: a group's first meeting is #1 whatever other groups hold


class AgendaItemRow(Table, table=True):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "number"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id")
    number: int
    section: str = Field(sa_type=ENUM)
    title: str = Field(sa_type=Text)
    proposer_ref: str = Field(sa_type=REF)
    proposed_at: datetime = Field(sa_type=UtcDateTime)
    presenter: str = Field(default="", sa_type=NAME)
    description: str = Field(default="", sa_type=Text)
    links: str = Field(default="", sa_type=Text)
    late: bool = False
    risk_assessed: bool | None = None
    position: int = 0
    origin: str = Field(sa_type=ENUM)
    status: str = Field(sa_type=ENUM)
    # Only a pointer to where the item came from, so deleting the old item keeps this one.
    carried_from_item_id: int | None = Field(
        default=None, foreign_key="agenda_items.id", ondelete="SET NULL", index=True
    )
    source_key: str = Field(default="", sa_type=SHORT, index=True)
    last_entry_seq: int = 0


class EntryRow(Table, table=True):
    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("item_id", "seq"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_items.id")
    seq: int
    position: int
    kind: str = Field(sa_type=ENUM)
    author_ref: str = Field(sa_type=REF)
    text: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UtcDateTime)
    party_ids: str = Field(default="", sa_type=SHORT)
    changed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class DecisionRow(Table, table=True):
    __tablename__ = "decisions"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_items.id", unique=True)
    outcome: str = Field(sa_type=ENUM)
    decided_by: str = Field(sa_type=REF)
    decided_at: datetime = Field(sa_type=UtcDateTime)
    text: str = Field(default="", sa_type=Text)
    party_id: int | None = Field(default=None, foreign_key="parties.id", index=True)
    mbl14_deadline: date | None = None
    own_text: bool = False


class JusterareRow(Table, table=True):
    __tablename__ = "justerare"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id")
    member_id: int = Field(foreign_key="members.id", index=True)


class MinutesVersionRow(Table, table=True):
    __tablename__ = "minutes_versions"
    __table_args__ = (UniqueConstraint("meeting_id", "number"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id")
    number: int
    text: str = Field(sa_type=Text)
    content_hash: str = Field(sa_type=String(128))
    posted_by: str = Field(sa_type=REF)
    posted_at: datetime = Field(sa_type=UtcDateTime)


class ApprovalRow(Table, table=True):
    __tablename__ = "approvals"
    __table_args__ = (UniqueConstraint("version_id", "member_id"), NO_ID_REUSE)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="minutes_versions.id")
    member_id: int = Field(foreign_key="members.id", index=True)
    verdict: str = Field(sa_type=ENUM)
    at: datetime = Field(sa_type=UtcDateTime)
    comment: str = Field(default="", sa_type=Text)


class AuditEntryRow(Table, table=True):
    """History outlives what it mentions: no foreign keys, so deleting a group or meeting
    neither fails on its audit trail nor rewrites it, and the ids stay as they were."""

    __tablename__ = "audit_log"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime)
    actor_ref: str = Field(sa_type=REF)
    action: str = Field(sa_type=SHORT)
    group_id: int | None = Field(default=None, index=True)
    meeting_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", sa_type=Text)


class ProcessedRequestRow(Table, table=True):
    __tablename__ = "processed_requests"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=REF, unique=True)
    at: datetime = Field(sa_type=UtcDateTime)
    reply: str = Field(default="", sa_type=Text)


class ReminderRow(Table, table=True):
    __tablename__ = "reminders"
    __table_args__ = (
        # The sender's question: what is pending and due? Answered from the index alone.
        Index("ix_reminders_due", "status", "due_at"),
        NO_ID_REUSE,
    )

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    key: str = Field(sa_type=REF, unique=True)
    kind: str = Field(sa_type=ENUM)
    due_at: datetime = Field(sa_type=UtcDateTime)
    expires_at: datetime = Field(sa_type=UtcDateTime)
    target_ref: str = Field(sa_type=REF)
    meeting_id: int | None = Field(default=None, foreign_key="meetings.id", index=True)
    detail: str = Field(default="", sa_type=Text)
    status: str = Field(sa_type=ENUM)
    claimed_by: str = Field(default="", sa_type=SHORT)
    claimed_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    late: bool = False


class YearRuleRow(Table, table=True):
    __tablename__ = "year_rules"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    title: str = Field(sa_type=NAME)
    month: int
    day: int | None = None
    section: str = Field(sa_type=ENUM)
    responsible: str = Field(default="", sa_type=NAME)
    lead_days: int = 14


class SearchEntryRow(Table, table=True):
    __tablename__ = "search_entries"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    held_on: date
    title: str = Field(sa_type=Text)
    body: str = Field(sa_type=Text)
    item_number: int | None = None


class ImportedMeetingRow(Table, table=True):
    __tablename__ = "imported_meetings"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id", unique=True)
    source: str = Field(sa_type=NAME)
    content_key: str = Field(sa_type=SHORT, index=True)
    group_kind: str = Field(default="", sa_type=SHORT)
    justerare: str = Field(default="", sa_type=Text)
    report: str = Field(default="", sa_type=Text)


class ChangeRow(Table, table=True):
    __tablename__ = "changes"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    actor_ref: str = Field(sa_type=REF)
    at: datetime = Field(sa_type=UtcDateTime)
    action: str = Field(sa_type=SHORT)
    before: str = Field(sa_type=Text)
    undone: bool = False


class StandingItemRow(Table, table=True):
    __tablename__ = "standing_items"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    title: str = Field(sa_type=NAME)
    section: str = Field(sa_type=ENUM)
    position: int
    presenter: str = Field(default="", sa_type=NAME)


class ConversationRefRow(Table, table=True):
    __tablename__ = "conversation_refs"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(sa_type=REF, unique=True)
    service_url: str = Field(sa_type=REF)
    conversation_id: str = Field(sa_type=REF)
    tenant_id: str = Field(sa_type=SHORT)
    bot_id: str = Field(sa_type=REF)
    updated_at: datetime = Field(sa_type=UtcDateTime)
    platform_user_id: str = Field(default="", sa_type=REF, index=True)


class CommitmentRow(Table, table=True):
    __tablename__ = "commitments"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    item_id: int = Field(foreign_key="agenda_items.id", index=True)
    responsible: str = Field(sa_type=NAME)
    what: str = Field(sa_type=Text)
    created_by: str = Field(sa_type=REF)
    created_at: datetime = Field(sa_type=UtcDateTime)
    responsible_ref: str = Field(default="", sa_type=REF, index=True)
    due_on: date | None = None
    due_from: date | None = None
    status: str = Field(sa_type=ENUM)
    outcome: str = Field(default="", sa_type=Text)
    closed_by: str = Field(default="", sa_type=REF)
    closed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    closed_in_meeting_id: int | None = Field(default=None, foreign_key="meetings.id", index=True)


TABLES: dict[type, type[Table]] = {
    model.Group: GroupRow,
    model.ChannelBinding: ChannelBindingRow,
    model.Party: PartyRow,
    model.Member: MemberRow,
    model.Meeting: MeetingRow,
    model.AgendaItem: AgendaItemRow,
    model.Entry: EntryRow,
    model.Decision: DecisionRow,
    model.Justerare: JusterareRow,
    model.MinutesVersion: MinutesVersionRow,
    model.Approval: ApprovalRow,
    model.AuditEntry: AuditEntryRow,
    model.ProcessedRequest: ProcessedRequestRow,
    model.Reminder: ReminderRow,
    model.YearRule: YearRuleRow,
    model.SearchEntry: SearchEntryRow,
    model.ImportedMeeting: ImportedMeetingRow,
    model.Change: ChangeRow,
    model.StandingItem: StandingItemRow,
    model.ConversationRef: ConversationRefRow,
    model.Commitment: CommitmentRow,
}
"""The table of each record type."""


class PostingRow(Table, table=True):
    __tablename__ = "postings"
    __table_args__ = (
        # The sender's question: what waits in this conversation, in order?
        Index("ix_postings_lane", "conversation", "status", "id"),
        NO_ID_REUSE,
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation: str = Field(sa_type=REF)
    kind: str = Field(sa_type=SHORT)
    created_at: datetime = Field(sa_type=UtcDateTime)
    payload: str = Field(default="", sa_type=Text)
    # No foreign key: a posting outlives a pruned or deleted meeting, like the audit log.
    meeting_id: int | None = Field(default=None, index=True)
    requested_by: str = Field(default="", sa_type=REF)
    lang: str = Field(default="sv", sa_type=ENUM)
    status: str = Field(sa_type=ENUM)
    plan: str = Field(default="", sa_type=Text)
    steps_done: int = 0
    lost: str = Field(default="", sa_type=Text)
    error: str = Field(default="", sa_type=SHORT)
    sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    made: str = Field(default="", sa_type=Text)


class OutboxLaneRow(Table, table=True):
    __tablename__ = "outbox_lanes"
    __table_args__ = (NO_ID_REUSE,)

    id: int | None = Field(default=None, primary_key=True)
    conversation: str = Field(sa_type=REF, unique=True)
    claimed_by: str = Field(default="", sa_type=SHORT)
    claimed_until: datetime | None = Field(default=None, sa_type=UtcDateTime)


TABLES[model.Posting] = PostingRow
TABLES[model.OutboxLane] = OutboxLaneRow
