"""What waits for one person across their groups: minutes to justera, meetings, own proposals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.core.agenda_text import known_when
from bot.core.followups import CommitmentView, commitments_of
from bot.core.model import (
    AgendaItem,
    Approval,
    ChannelBinding,
    Group,
    ItemOrigin,
    ItemStatus,
    Justerare,
    Meeting,
    MeetingStatus,
    Member,
    MinutesVersion,
    Verdict,
)
from bot.core.texts import say
from bot.core.tx import Tx
from bot.dates import format_date

OPEN = {MeetingStatus.PLANNED, MeetingStatus.PUBLISHED}
UPCOMING_SHOWN = 5
PROPOSALS_SHOWN = 10
COMMITMENTS_SHOWN = 10


@dataclass(frozen=True)
class ToJustera:
    group_key: str
    channel_ref: str
    meeting_id: int
    starts_at: datetime
    version: int
    asked_change: bool  # this person asked for a change to this version
    meeting_number: int = 0  # the group's own number, as "#N" shows it


@dataclass(frozen=True)
class Upcoming:
    group_key: str
    meeting_id: int
    starts_at: datetime
    place: str
    agenda_deadline: datetime
    deadline_passed: bool
    meeting_number: int = 0
    ends_at: datetime | None = None
    time_known: bool = True  # False: a date only, shown without a clock time

    def when(self, lang: str = "sv") -> str:
        """The time as far as it is known, and the place once somebody has said it."""
        when = known_when(self.starts_at, self.ends_at, self.time_known, lang)
        return f"{when}, {self.place}" if self.place else when


@dataclass(frozen=True)
class OwnProposal:
    group_key: str
    meeting_id: int
    starts_at: datetime
    number: int
    title: str
    status: ItemStatus
    late: bool
    meeting_number: int = 0


@dataclass(frozen=True)
class Waiting:
    to_justera: list[ToJustera]
    upcoming: list[Upcoming]
    proposals: list[OwnProposal]
    commitments: list[CommitmentView] = field(default_factory=list)  # open ones, overdue first

    @property
    def empty(self) -> bool:
        return not (self.to_justera or self.upcoming or self.proposals or self.commitments)


def waiting_for(tx: Tx) -> Waiting:
    """Only the caller's own groups are read: the view never shows another group's data."""
    to_justera: list[ToJustera] = []
    upcoming: list[Upcoming] = []
    proposals: list[OwnProposal] = []
    for member in tx.store.find(Member, user_ref=tx.ctx.user_ref):
        group = tx.store.get(Group, member.group_id)
        if group is None:
            continue
        bindings = tx.store.find(ChannelBinding, group_id=group.id)
        channel = bindings[0].channel_ref if bindings else ""
        for meeting in tx.meetings(group):
            assert meeting.id is not None
            if meeting.status is MeetingStatus.DRAFT:
                entry = _to_justera(tx, group, channel, meeting, member)
                if entry is not None:
                    to_justera.append(entry)
            if meeting.status in OPEN and meeting.starts_at >= tx.now:
                upcoming.append(
                    Upcoming(
                        group.key,
                        meeting.id,
                        meeting.starts_at,
                        meeting.place,
                        meeting.agenda_deadline,
                        meeting.agenda_deadline < tx.now,
                        meeting.number,
                        meeting.ends_at,
                        meeting.time_known,
                    )
                )
            if meeting.status is MeetingStatus.CANCELLED or meeting.starts_at < tx.now:
                continue
            for item in tx.store.find(AgendaItem, meeting_id=meeting.id):
                if item.proposer_ref == tx.ctx.user_ref and item.origin is ItemOrigin.PROPOSED:
                    proposals.append(
                        OwnProposal(
                            group.key,
                            meeting.id,
                            meeting.starts_at,
                            item.number,
                            item.title,
                            item.status,
                            item.late,
                            meeting.number,
                        )
                    )
    upcoming.sort(key=lambda u: u.starts_at)
    proposals.sort(key=lambda p: (p.starts_at, p.number))
    mine = commitments_of(tx.store, tx.ctx.user_ref, tx.now)[:COMMITMENTS_SHOWN]
    return Waiting(to_justera, upcoming[:UPCOMING_SHOWN], proposals[:PROPOSALS_SHOWN], mine)


def _to_justera(
    tx: Tx, group: Group, channel: str, meeting: Meeting, member: Member
) -> ToJustera | None:
    assert meeting.id is not None
    if not tx.store.find(Justerare, meeting_id=meeting.id, member_id=member.id):
        return None
    versions = tx.store.find(MinutesVersion, meeting_id=meeting.id)
    if not versions:
        return None
    latest = max(versions, key=lambda v: v.number)
    mine = tx.store.find(Approval, version_id=latest.id, member_id=member.id)
    if mine and mine[0].verdict is Verdict.APPROVED:
        return None
    asked = bool(mine) and mine[0].verdict is Verdict.CHANGE_REQUESTED
    return ToJustera(
        group.key, channel, meeting.id, meeting.starts_at, latest.number, asked, meeting.number
    )


# The overview's lines, the same words on every platform (Slack's App Home, Teams' `hem`).


def draft_line(draft: ToJustera, lang: str) -> str:
    line = say(
        lang,
        "home_draft",
        group=draft.group_key,
        ref=draft.meeting_number,
        when=format_date(draft.starts_at, lang),
        version=draft.version,
    )
    return line + (say(lang, "home_change_asked") if draft.asked_change else "")


def meeting_line(meeting: Upcoming, lang: str) -> str:
    line = say(
        lang,
        "home_meeting",
        group=meeting.group_key,
        ref=meeting.meeting_number,
        when=meeting.when(lang),
        deadline=format_date(meeting.agenda_deadline, lang),
    )
    return line + (say(lang, "home_deadline_passed") if meeting.deadline_passed else "")


def proposal_line(item: OwnProposal, lang: str) -> str:
    status = say(lang, f"home_status_{item.status.value}")
    if item.late:
        status += say(lang, "home_late")
    return say(
        lang,
        "home_proposal",
        group=item.group_key,
        ref=item.meeting_number,
        number=item.number,
        title=item.title,
        status=status,
    )
