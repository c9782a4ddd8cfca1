"""Plain domain records; storage maps each to one table, field for field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class PartyKind(StrEnum):
    EMPLOYER = "arbetsgivare"
    UNION = "fack"


class Role(StrEnum):
    CHAIR = "ordförande"
    SECRETARY = "sekreterare"
    MEMBER = "ledamot"


class MeetingStatus(StrEnum):
    PLANNED = "planerat"
    PUBLISHED = "publicerat"
    HELD = "genomfört"
    DRAFT = "utkast"
    JUSTERAD = "justerat"
    CANCELLED = "inställt"


class Section(StrEnum):
    """Sections in the order the minutes show them; OPENING holds the standing opening items."""

    OPENING = "Inledning"
    INFORMATION = "Information"
    DIALOG = "Dialog"
    BESLUT = "Beslut"
    OVRIGT = "Övrigt"

    @property
    def rank(self) -> int:
        return list(Section).index(self)


class ItemOrigin(StrEnum):
    PROPOSED = "föreslaget"
    STANDING = "stående"
    CARRIED_OVER = "återkommande"
    YEARLY = "årsklocka"
    IMPORTED = "importerat"
    FOLLOW_UP = "uppföljning"


class ItemStatus(StrEnum):
    PROPOSED = "föreslaget"
    ACCEPTED = "accepterat"
    REJECTED = "avvisat"


class Outcome(StrEnum):
    SAMVERKAT = "samverkat"
    ENIGHET = "enighet"
    OENIGHET = "oenighet"
    BORDLAGT = "bordlagt"
    INFORMATION = "information"
    NO_DECISION = "inget beslut"
    DECIDED = "beslutat"  # a board's or a committee's own decision, as old minutes state it


class ReminderKind(StrEnum):
    AGENDA_DEADLINE = "agenda_deadline"
    MEETING_TOMORROW = "meeting_tomorrow"
    JUSTERING = "justering"
    MBL14 = "mbl14"
    YEARLY = "arsklocka"
    NO_MEETING = "arsklocka_no_meeting"
    FOLLOW_UP = "uppfoljning"


class ReminderStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DROPPED = "dropped"
    CANCELLED = "cancelled"


class EntryKind(StrEnum):
    """What an entry under an item is; further kinds (e.g. a commitment) join this list."""

    NOTE = "anteckning"
    STATEMENT = "protokollsanteckning"


class CommitmentStatus(StrEnum):
    OPEN = "öppen"
    DONE = "klar"


class Verdict(StrEnum):
    APPROVED = "godkänt"
    CHANGE_REQUESTED = "ändring begärd"


@dataclass
class Group:
    key: str
    name: str
    created_at: datetime
    agenda_reminder_days: str = "3,1"  # days before the agenda deadline
    justering_reminder_days: str = "2,5"  # days after the draft was posted
    forbidden_words: str = ""  # one a line: names that could point out a client
    unit: str = ""  # the unit line under the title, e.g. "HR"
    style: str = ""  # a built-in house style by name; empty: the default
    style_text: str = ""  # the group's own house style (YAML), when it loaded one
    id: int | None = None


@dataclass
class ChannelBinding:
    channel_ref: str
    group_id: int
    id: int | None = None


@dataclass
class Party:
    group_id: int
    name: str
    kind: PartyKind
    short_name: str = ""
    id: int | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass
class Member:
    group_id: int
    user_ref: str
    display_name: str
    party_id: int
    role: Role
    is_admin: bool = False
    id: int | None = None


@dataclass
class Meeting:
    group_id: int
    starts_at: datetime
    place: str
    agenda_deadline: datetime
    status: MeetingStatus = MeetingStatus.PLANNED
    protocol_number: str = ""
    dnr: str = ""
    published_at: datetime | None = None
    agenda_message_ref: str = ""
    minutes_message_ref: str = ""
    ends_at: datetime | None = None
    time_known: bool = True  # False: a date only; starts_at is then that day's midnight
    title: str = ""  # the meeting's own title, e.g. "samverkan och MBL med Vårdförbundet"
    closing: str = ""  # the closing line, e.g. "Ordföranden förklarar mötet avslutat."
    section_labels: str = ""  # one a line, "Beslut=Beslut (MBL §11 med Vårdförbundet)"
    empty_sections: str = ""  # sections shown with "Inga beslut" when nothing is in them
    number: int = 0  # the group's own meeting number (#1, #2, ...); 0 until stored
    id: int | None = None


@dataclass
class AgendaItem:
    meeting_id: int
    number: int
    section: Section
    title: str
    proposer_ref: str
    proposed_at: datetime
    presenter: str = ""
    description: str = ""
    links: str = ""
    late: bool = False
    risk_assessed: bool | None = None
    position: int = 0
    origin: ItemOrigin = ItemOrigin.PROPOSED
    status: ItemStatus = ItemStatus.PROPOSED
    carried_from_item_id: int | None = None
    source_key: str = ""  # what proposed it by itself, e.g. an årsklocka rule and year
    last_entry_seq: int = 0  # the highest entry reference ever given, so none is reused
    id: int | None = None


@dataclass
class Entry:
    """One thing recorded under an item, in the order it was said: a note or a statement.

    seq is the stable reference (item 4, seq 2: "4.2"), never reused within the item;
    position is where the entry stands among the item's entries.
    """

    item_id: int
    seq: int
    position: int
    kind: EntryKind
    author_ref: str
    text: str
    created_at: datetime
    party_ids: str = ""  # a statement's parties, comma-separated ids in the order named
    changed_at: datetime | None = None
    id: int | None = None

    @property
    def parties(self) -> list[int]:
        return [int(p) for p in self.party_ids.split(",") if p.strip()]


IMPORTED_BY = "system:import"  # who stored what came from the archive (bot.core.imports)


@dataclass
class Decision:
    item_id: int
    outcome: Outcome
    decided_by: str
    decided_at: datetime
    text: str = ""
    party_id: int | None = None
    mbl14_deadline: date | None = None
    # The minutes show the secretary's text alone, without the fixed outcome sentence.
    own_text: bool = False
    id: int | None = None


@dataclass
class Justerare:
    meeting_id: int
    member_id: int
    id: int | None = None


@dataclass
class MinutesVersion:
    meeting_id: int
    number: int
    text: str
    content_hash: str
    posted_by: str
    posted_at: datetime
    id: int | None = None


@dataclass
class Approval:
    version_id: int
    member_id: int
    verdict: Verdict
    at: datetime
    comment: str = ""
    id: int | None = None


@dataclass
class AuditEntry:
    at: datetime
    actor_ref: str
    action: str
    group_id: int | None = None
    meeting_id: int | None = None
    detail: str = ""
    id: int | None = None


@dataclass
class Reminder:
    """A message the bot owes someone at a moment; claimed in the database so it goes out once."""

    group_id: int
    key: str  # what it is about; planning again finds it instead of adding a second
    kind: ReminderKind
    due_at: datetime
    expires_at: datetime  # after this the reminder has no point and is dropped, not sent
    target_ref: str  # a channel or a person
    meeting_id: int | None = None
    detail: str = ""  # JSON parameters for the text
    status: ReminderStatus = ReminderStatus.PENDING
    claimed_by: str = ""
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    late: bool = False
    id: int | None = None


@dataclass
class YearRule:
    """One recurring topic of the group's årsklocka: what, by when, where it lands, who leads."""

    group_id: int
    title: str
    month: int
    day: int | None = None  # None: by the end of the month
    section: Section = Section.INFORMATION
    responsible: str = ""
    lead_days: int = 14
    id: int | None = None


@dataclass
class SearchEntry:
    """One item of finished minutes, as searched: justerade ones and imported old ones."""

    group_id: int
    meeting_id: int
    held_on: date
    title: str
    body: str
    item_number: int | None = None
    id: int | None = None


@dataclass
class ImportedMeeting:
    """What an imported file said beyond a meeting's own fields; correctable, the text is not.

    justerare: one "name|party" a line. report: what was recognised and what was uncertain.
    """

    meeting_id: int
    source: str
    content_key: str
    group_kind: str = ""
    justerare: str = ""
    report: str = ""
    id: int | None = None

    @property
    def people(self) -> list[tuple[str, str]]:
        return [
            (name, party)
            for name, _, party in (line.partition("|") for line in self.justerare.splitlines())
            if name
        ]

    @staticmethod
    def people_text(people: list[tuple[str, str]]) -> str:
        """The justerare field for [(name, party), …]: what people reads back."""

        # An imported table cell may hold a "|" or a line break: neither may split the field.
        def clean(text: str) -> str:
            return " ".join(text.replace("|", "/").split())

        return "\n".join(f"{clean(name)}|{clean(party)}" for name, party in people)


@dataclass
class Change:
    """One correction someone made to a meeting, kept so that /ångra can take it back.

    before holds JSON: for every record the change touched, its type, id and fields as they
    were (null fields: the record did not exist before).
    """

    meeting_id: int
    actor_ref: str
    at: datetime
    action: str
    before: str
    undone: bool = False
    id: int | None = None


@dataclass
class StandingItem:
    """An item the group puts on every meeting by itself, in its own wording and place."""

    group_id: int
    title: str
    section: Section
    position: int
    presenter: str = ""
    id: int | None = None


@dataclass
class Commitment:
    """A promise made at a meeting (uppföljning): who does what by when, on which item.

    What the minutes show of it (who, what, by when) is fixed once recorded; its follow-up
    state (closed, outcome) lives on here, so closing never changes justerade minutes.
    """

    group_id: int
    meeting_id: int  # the meeting where it was made
    item_id: int
    responsible: str  # as the minutes name them: a member's name, or a role or party
    what: str
    created_by: str
    created_at: datetime
    responsible_ref: str = ""  # the member's reference when a member is responsible
    due_on: date | None = None  # by when; None: by the group's next meeting
    due_from: date | None = None  # the first day it may come back (a month's or week's start)
    status: CommitmentStatus = CommitmentStatus.OPEN
    outcome: str = ""
    closed_by: str = ""
    closed_at: datetime | None = None
    closed_in_meeting_id: int | None = None  # whose minutes report the outcome
    id: int | None = None


@dataclass
class ProcessedRequest:
    """Marks a platform delivery as handled, so a retried delivery has no second effect."""

    key: str
    at: datetime
    reply: str = ""
    id: int | None = None


@dataclass
class ConversationRef:
    """Where a platform reaches a channel or a person unasked (Teams: proactive messages)."""

    ref: str  # the channel's or the person's reference, as in Context
    service_url: str
    conversation_id: str  # "" for a person until a 1:1 conversation exists
    tenant_id: str
    bot_id: str
    updated_at: datetime
    platform_user_id: str = ""  # a person's id on the platform (Teams: "29:…")
    id: int | None = None


RECORD_TYPES: tuple[type, ...] = (
    Group,
    ChannelBinding,
    Party,
    Member,
    Meeting,
    AgendaItem,
    Entry,
    Decision,
    Justerare,
    MinutesVersion,
    Approval,
    AuditEntry,
    ProcessedRequest,
    Reminder,
    YearRule,
    SearchEntry,
    ImportedMeeting,
    Change,
    StandingItem,
    ConversationRef,
    Commitment,
)


class PostingStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    GIVEN_UP = "given_up"  # some or all of its messages could not be posted


@dataclass
class Posting:
    """Something the bot owes a channel or a person: written with the change that causes it,
    sent by whichever process claims its conversation, in id order per conversation."""

    conversation: str  # platform-neutral channel or person reference: the lane it is sent in
    kind: str  # the Event kind, or "reminder", "file", "notice"
    created_at: datetime
    payload: str = ""  # JSON, platform-neutral; the platform's poster renders it when sending
    meeting_id: int | None = None
    requested_by: str = ""  # whose command caused it: the one told when it is given up
    lang: str = "sv"
    status: PostingStatus = PostingStatus.PENDING
    plan: str = ""  # JSON: the platform's steps, decided once, on the first try, under the claim
    steps_done: int = 0
    lost: str = ""  # the steps given up, by name (never their text)
    error: str = ""  # the platform's error code for the last step given up
    sent_at: datetime | None = None
    # JSON list: the message reference each step made, in step order ("" for none), kept so
    # that a later step (the justerade notice's link) finds it after a restart or takeover.
    made: str = ""
    id: int | None = None


@dataclass
class OutboxLane:
    """One conversation's queue: held by one sender at a time, under a short renewed lease."""

    conversation: str
    claimed_by: str = ""
    claimed_until: datetime | None = None
    id: int | None = None


RECORD_TYPES = (*RECORD_TYPES, Posting, OutboxLane)
