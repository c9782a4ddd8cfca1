"""Uppföljning: commitments made at a meeting, brought back on the right later meeting."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.content import check_content
from bot.core.context import STOCKHOLM, Result
from bot.core.meetings import add_item
from bot.core.minutes import CommitmentLine
from bot.core.model import (
    AgendaItem,
    Commitment,
    CommitmentStatus,
    Group,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Member,
    Reminder,
    ReminderKind,
    Section,
)
from bot.core.permissions import Action
from bot.core.ports import Store
from bot.core.reminders import days, office_hours_from, reconcile
from bot.core.session import _recordable, _session
from bot.core.texts import UserError, say
from bot.core.tx import Tx
from bot.core.workdays import reminder_moment
from bot.dates import Period, format_date, format_when

S = MeetingStatus
OPEN = CommitmentStatus.OPEN
DONE = CommitmentStatus.DONE
REMIND_DAYS = 3  # before the agenda deadline, when the group sets no agenda reminder days
TITLE_LIMIT = 200
FORGOTTEN = "forgotten:"  # the alias GDPR forget gives a person (bot.core.dataprotection)


# --- the wording the minutes, the lists and the reminders share ---------------------------------


def task_text(commitment: Commitment) -> str:
    """Who does what: "HR-chef – ta fram förslag på ändrad årsklocka"."""
    what = commitment.what.strip().rstrip(".")
    # "Ta fram" reads on after a dash as "ta fram"; "OSA-mål" and names keep their capitals.
    if len(what) > 1 and what[0].isupper() and what[1].islower():
        what = what[0].lower() + what[1:]
    return f"{commitment.responsible} – {what}"


def due_text(commitment: Commitment, lang: str = "sv") -> str:
    if commitment.due_on is None:
        return "till next meeting" if lang == "en" else "till nästa möte"
    word = "by" if lang == "en" else "senast"
    return f"{word} {format_date(commitment.due_on, lang)}"


def minutes_line(commitment: Commitment) -> str:
    """The sentence under the item in the minutes; fixed once recorded, like the minutes."""
    return f"{task_text(commitment)}, {due_text(commitment)}."


def outcome_line(commitment: Commitment, *, under_item: bool) -> str:
    """The closing sentence in the minutes of the meeting that reports it."""
    outcome = commitment.outcome.strip()
    if under_item:
        return outcome
    return f"{task_text(commitment)}: {outcome}"


# --- commands -----------------------------------------------------------------------------------


def record_commitment(
    tx: Tx,
    ref: int | None,
    number: int,
    who: str,
    what: str,
    due: Period | None,
    *,
    who_ref: str | None = None,
    mention: bool = False,
) -> Result:
    """Record who does what by when on an item; due None means by the group's next meeting.

    who_ref is the person the who-field names when it can name one; a member takes their
    name from the group, anyone else is written as typed (a role or party, "HR-chef").
    """
    group, meeting = _session(tx, ref, Action.RECORD_COMMITMENT)
    item = _recordable(tx, meeting, number)
    check_content(group, "commitment", what, required=True)
    name, person = _responsible(tx, group, who, who_ref, mention)
    _not_past(tx, due)
    commitment = tx.store.add(
        Commitment(
            group_id=group.id,
            meeting_id=meeting.id,
            item_id=item.id,
            responsible=name,
            what=what.strip(),
            created_by=tx.ctx.user_ref,
            created_at=tx.now,
            responsible_ref=person,
            due_on=due.last if due else None,
            due_from=due.first if due else None,
        )
    )
    tx.record("record_commitment", group, meeting, detail=f"item={number} c={commitment.id}")
    plan_followups(tx, group)
    message = tx.say(
        "followup_recorded", number=commitment.id, item=number, line=minutes_line(commitment)
    )
    target = follow_up_meeting(tx.store, commitment)
    if target is not None:
        when = format_when(target.starts_at, tx.ctx.lang)
        message += " " + tx.say("followup_goes_to", ref=target.number, when=when)
    elif commitment.due_from is not None:
        date_text = format_date(commitment.due_from, tx.ctx.lang)
        message += " " + tx.say("followup_goes_later", date=date_text)
    else:
        message += " " + tx.say("followup_goes_next")
    return Result(message, meeting_id=meeting.id)


def _responsible(
    tx: Tx, group: Group, who: str, who_ref: str | None, mention: bool
) -> tuple[str, str]:
    """The name the minutes give and the member's reference ("" for a role or a party)."""
    check_content(group, "responsible", who, required=True)
    member = tx.member_or_none(group, who_ref) if who_ref else None
    if member is None and mention:
        raise UserError("followup_not_member", who=who.strip(), group=group.key)
    name = " ".join(who.split())
    if member is None:
        # A member's name typed out (an edit form has no @mention) is that member.
        named = [m for m in tx.store.find(Member, group_id=group.id) if _same(m.display_name, name)]
        member = named[0] if len(named) == 1 else None
    if member is None:
        return name, ""
    return member.display_name, member.user_ref


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == b.casefold()


def _not_past(tx: Tx, due: Period | None) -> None:
    today = tx.now.astimezone(STOCKHOLM).date()
    if due is not None and due.last < today:
        raise UserError("followup_in_past", date=format_date(due.last, tx.ctx.lang))


@dataclass
class CommitmentChanges:
    """What /uppfoljning ändra or an edit form changes; None: left as it is."""

    who: str | None = None
    who_ref: str | None = None
    mention: bool = False
    what: str | None = None
    due: Period | None = None
    due_given: bool = False  # due None with due_given: by the group's next meeting
    item: int | None = None  # another item of the same meeting

    @property
    def empty(self) -> bool:
        return self.who is None and self.what is None and not self.due_given and self.item is None


def change_commitment(tx: Tx, number: int, changes: CommitmentChanges) -> Result:
    """Correct who, what, by when or the item, as a correction of the minutes it was made in.

    Like any correction it is refused once those minutes (or the minutes reporting its
    outcome) are justerade; an untouched proposal of it follows the new wording and date.
    """
    group = tx.group()
    commitment = _commitment(tx, group, number)
    made = _correctable(tx, group, commitment)
    before = (commitment.responsible, commitment.responsible_ref, commitment.what)
    before += (commitment.due_on, commitment.due_from, commitment.item_id)
    if changes.who is not None:
        commitment.responsible, commitment.responsible_ref = _responsible(
            tx, group, changes.who, changes.who_ref, changes.mention
        )
    if changes.what is not None:
        check_content(group, "commitment", changes.what, required=True)
        commitment.what = changes.what.strip()
    if changes.due_given:
        _not_past(tx, changes.due)
        commitment.due_on = changes.due.last if changes.due else None
        commitment.due_from = changes.due.first if changes.due else None
    if changes.item is not None:
        commitment.item_id = _recordable(tx, made, changes.item).id
    after = (commitment.responsible, commitment.responsible_ref, commitment.what)
    after += (commitment.due_on, commitment.due_from, commitment.item_id)
    if after == before:
        raise UserError("nothing_changed", example=f"/uppfoljning ändra {number}; när: oktober")
    tx.store.update(commitment)
    origin = tx.store.get(AgendaItem, commitment.item_id)
    for item in tx.store.find(AgendaItem, source_key=source_of(commitment)):
        if item.status is ItemStatus.PROPOSED:  # untouched by the chair: it follows
            item.title, item.description = _proposal_text(commitment, made, origin)
            item.presenter = commitment.responsible[:100]
            tx.store.update(item)
    tx.record("change_commitment", group, made, detail=f"c={commitment.id}")
    plan_followups(tx, group)
    line = minutes_line(commitment)
    return Result(tx.say("followup_changed", number=number, line=line), meeting_id=made.id)


def remove_commitment(tx: Tx, number: int) -> Result:
    """Take back a commitment recorded by mistake, with its untouched proposal and reminder."""
    group = tx.group()
    commitment = _commitment(tx, group, number)
    made = _correctable(tx, group, commitment)
    for item in tx.store.find(AgendaItem, source_key=source_of(commitment)):
        if item.status is ItemStatus.PROPOSED:
            tx.store.delete(item)
    tx.store.delete(commitment)
    tx.record("remove_commitment", group, made, detail=f"c={number}")
    plan_followups(tx, group)  # its pending reminder is cancelled
    return Result(tx.say("followup_removed", number=number, ref=made.number), meeting_id=made.id)


def form_line(commitment: Commitment) -> str:
    """The commitment as an edit form shows it, one line: "vem; vad; när"."""
    when = format_date(commitment.due_on) if commitment.due_on else "till nästa möte"
    return f"{commitment.responsible}; {commitment.what}; {when}"


def commitments_on_item(tx: Tx, item_id: int) -> list[Commitment]:
    """For an item's edit form: its commitments, within the channel's own group only."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    return [c for c in on_item(tx.store, item_id) if c.group_id == group.id]


def on_item(store: Store, item_id: int) -> list[Commitment]:
    """The commitments recorded on an item (which must go or move before the item does)."""
    return sorted(store.find(Commitment, item_id=item_id), key=lambda c: c.id or 0)


def _correctable(tx: Tx, group: Group, commitment: Commitment) -> Meeting:
    """The meeting it was made at, after checking that its minutes may still be corrected."""
    made = tx.store.get(Meeting, commitment.meeting_id)
    tx.require(Action.CORRECT, group, made)
    if commitment.closed_in_meeting_id is not None:
        tx.require(Action.CORRECT, group, tx.store.get(Meeting, commitment.closed_in_meeting_id))
    return made


def close_commitment(tx: Tx, number: int, outcome: str) -> Result:
    """Close with a short outcome, which the minutes of the following meeting report.

    The commitment's line in the minutes where it was made stays as it was (justerat or not).
    """
    group = tx.group()
    commitment = _commitment(tx, group, number)
    tx.require(Action.CLOSE_COMMITMENT, group, responsible_ref=commitment.responsible_ref)
    if commitment.status is DONE:
        raise UserError("followup_already_closed", number=number)
    check_content(group, "outcome", outcome, required=True)
    commitment.status = DONE
    commitment.outcome = outcome.strip()
    commitment.closed_by = tx.ctx.user_ref
    commitment.closed_at = tx.now
    report = _report_meeting(tx, group, commitment)
    commitment.closed_in_meeting_id = report.id if report else None
    tx.store.update(commitment)
    tx.record("close_commitment", group, report, detail=f"c={commitment.id}")
    plan_followups(tx, group)
    if report is None:
        return Result(tx.say("followup_closed_later", number=number))
    return Result(tx.say("followup_closed", number=number, ref=report.number), meeting_id=report.id)


def list_commitments(tx: Tx) -> Result:
    """The group's open commitments, overdue first, then by when they are due."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    views = [view_of(tx.store, c, tx.now) for c in _open(tx.store, group_id=group.id)]
    if not views:
        return Result(tx.say("followups_none", key=group.key))
    lines = [tx.say("followups_heading", key=group.key)]
    lines += [f"  {view.line(tx.ctx.lang)}" for view in sort_views(views)]
    return Result("\n".join(lines))


def my_commitments(tx: Tx) -> Result:
    """The caller's own open commitments in every group, as text: the personal chat's answer."""
    views = commitments_of(tx.store, tx.ctx.user_ref, tx.now)
    if not views:
        return Result(tx.say("followups_mine_none"))
    lines = [tx.say("followups_mine_heading")]
    lines += [f"  {view.group_key} {view.line(tx.ctx.lang)}" for view in views]
    return Result("\n".join(lines))


# --- the platform-neutral query for App Home (Slack) and the personal chat (Teams) ----------------


@dataclass(frozen=True)
class CommitmentView:
    """One open commitment as any adapter shows it."""

    number: int
    group_id: int
    group_key: str
    responsible: str
    responsible_ref: str
    what: str
    due_on: date | None  # None: by the group's next meeting
    made_in_meeting_id: int
    made_on: date
    item_number: int
    follow_up_meeting_id: int | None  # where it is proposed, when that is known
    follow_up_on: date | None
    overdue: bool

    task: str  # who does what, as the minutes word it
    made_in_meeting_number: int = 0  # the group's own numbers (#N), as people see them
    follow_up_meeting_number: int | None = None

    def line(self, lang: str = "sv") -> str:
        if self.due_on is not None:
            word = "by" if lang == "en" else "senast"
            due = f"{word} {format_date(self.due_on, lang)}"
        else:
            due = "till next meeting" if lang == "en" else "till nästa möte"
        parts = [f"[{self.number}] {self.task}, {due}"]
        parts.append(
            say(lang, "followup_from", ref=self.made_in_meeting_number, item=self.item_number)
        )
        if self.follow_up_meeting_id is not None:
            parts.append(say(lang, "followup_on_meeting", ref=self.follow_up_meeting_number))
        text = " · ".join(parts)
        return f"{text} · {say(lang, 'followup_overdue')}" if self.overdue else text


def commitments_of(store: Store, user_ref: str, now: datetime) -> list[CommitmentView]:
    """A person's open commitments in every group they belong to, overdue first.

    Only commitments where the person is named as a member count; a role ("HR-chef") is
    nobody's in particular. A group the person has left shows nothing.
    """
    groups = {m.group_id for m in store.find(Member, user_ref=user_ref)}
    mine = [c for c in _open(store, responsible_ref=user_ref) if c.group_id in groups]
    return sort_views([view_of(store, c, now) for c in mine])


def sort_views(views: list[CommitmentView]) -> list[CommitmentView]:
    def key(view: CommitmentView) -> tuple[bool, date, int]:
        due = view.due_on or view.follow_up_on or date.max
        return (not view.overdue, due, view.number)

    return sorted(views, key=key)


def view_of(store: Store, commitment: Commitment, now: datetime) -> CommitmentView:
    group = store.get(Group, commitment.group_id)
    made = store.get(Meeting, commitment.meeting_id)
    item = store.get(AgendaItem, commitment.item_id)
    target = follow_up_meeting(store, commitment)
    today = now.astimezone(STOCKHOLM).date()
    if commitment.due_on is not None:
        overdue = commitment.due_on < today
    else:
        # By the next meeting: late once that meeting has begun with it still open.
        overdue = target is not None and target.starts_at <= now
    return CommitmentView(
        number=commitment.id,
        group_id=group.id,
        group_key=group.key,
        responsible=commitment.responsible,
        responsible_ref=commitment.responsible_ref,
        what=commitment.what,
        task=task_text(commitment),
        due_on=commitment.due_on,
        made_in_meeting_id=made.id,
        made_on=_day(made),
        item_number=item.number,
        follow_up_meeting_id=target.id if target else None,
        made_in_meeting_number=made.number,
        follow_up_meeting_number=target.number if target else None,
        follow_up_on=_day(target) if target else None,
        overdue=overdue,
    )


# --- bringing them back ---------------------------------------------------------------------------


def source_of(commitment: Commitment) -> str:
    return f"c{commitment.id}"


def follow_up_meeting(store: Store, commitment: Commitment) -> Meeting | None:
    """The meeting where the commitment's item is (proposed or accepted), if it is anywhere."""
    items = store.find(AgendaItem, source_key=source_of(commitment))
    live = [i for i in items if i.status is not ItemStatus.REJECTED]
    meetings = store.find(Meeting, id=[i.meeting_id for i in live])
    meetings = [m for m in meetings if m.status is not S.CANCELLED]
    return min(meetings, key=lambda m: m.starts_at) if meetings else None


def plan_followups(tx: Tx, group: Group) -> list[AgendaItem]:
    """Propose each open commitment on the group's first meeting on or after its date.

    "Till nästa möte" means the first meeting after the one where it was made. A proposal
    the chair has not touched follows when meetings are planned, moved or cancelled; once the
    chair has accepted or rejected it, or its meeting has begun, it stays. The responsible
    member is reminded once before that meeting's agenda deadline.
    """
    store, now = tx.store, tx.now
    meetings = tx.meetings(group)
    open_meetings = [m for m in meetings if m.status in (S.PLANNED, S.PUBLISHED)]
    open_meetings = [m for m in open_meetings if m.starts_at > now]
    proposed: list[AgendaItem] = []
    wanted: list[Reminder] = []
    for commitment in store.find(Commitment, group_id=group.id):
        made = store.get(Meeting, commitment.meeting_id)
        if commitment.status is DONE:
            report = commitment.closed_in_meeting_id
            if report is not None and store.get(Meeting, report).status is S.CANCELLED:
                commitment.closed_in_meeting_id = report = None
                store.update(commitment)
            if report is None:
                later = [m for m in open_meetings if m.starts_at > made.starts_at]
                if later:
                    commitment.closed_in_meeting_id = later[0].id
                    store.update(commitment)
            continue
        source = source_of(commitment)
        existing = store.find(AgendaItem, source_key=source)
        where = {m.id: m for m in store.find(Meeting, id=[i.meeting_id for i in existing])}
        if any(_settled(i, where[i.meeting_id], now) for i in existing):
            continue
        accepted = [i for i in existing if i.status is ItemStatus.ACCEPTED]
        start = commitment.due_from or commitment.due_on
        fitting = [
            m
            for m in open_meetings
            if m.starts_at > made.starts_at and (start is None or _day(m) >= start)
        ]
        target = where[accepted[0].meeting_id] if accepted else (fitting[0] if fitting else None)
        if target is None:
            continue
        item = _place(tx, target, commitment, made, source)
        if item is not None:
            proposed.append(item)
        wanted += _reminder(group, commitment, target, now)
    reconcile(store, wanted, f"g{group.id}:c", now, group_id=group.id)
    return proposed


def _settled(item: AgendaItem, meeting: Meeting, now: datetime) -> bool:
    if item.status is ItemStatus.REJECTED:
        return True
    if meeting.status is S.CANCELLED:
        return False
    return meeting.status not in (S.PLANNED, S.PUBLISHED) or meeting.starts_at <= now


def _place(
    tx: Tx, target: Meeting, commitment: Commitment, made: Meeting, source: str
) -> AgendaItem | None:
    for item in tx.store.find(AgendaItem, source_key=source):
        if item.meeting_id == target.id or item.status is not ItemStatus.PROPOSED:
            return None  # in place already, or the chair has dealt with it
        if tx.store.get(Meeting, item.meeting_id).status is not S.CANCELLED:
            tx.store.delete(item)  # an untouched proposal follows to the right meeting
    tx.store.lock(Meeting, target.id)
    origin = tx.store.get(AgendaItem, commitment.item_id)
    title, description = _proposal_text(commitment, made, origin)
    return add_item(
        tx,
        target,
        Section.INFORMATION,
        title,
        origin=ItemOrigin.FOLLOW_UP,
        status=ItemStatus.PROPOSED,
        presenter=commitment.responsible[:100],
        description=description,
        source_key=source,
        late=tx.now > target.agenda_deadline,
    )


def _proposal_text(commitment: Commitment, made: Meeting, origin: AgendaItem) -> tuple[str, str]:
    title = f"Uppföljning: {commitment.what.strip().rstrip('.')}"
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1].rstrip() + "…"
    # The way back: which meeting and item it was promised at, in the item's own text.
    description = (
        f"Uppföljning från mötet {format_date(_day(made))} (möte #{made.number}, ärende "
        f"{origin.number}, uppföljning {commitment.id}): {minutes_line(commitment)}"
    )
    return title, description


def _reminder(
    group: Group, commitment: Commitment, target: Meeting, now: datetime
) -> list[Reminder]:
    if not commitment.responsible_ref or commitment.responsible_ref.startswith(FORGOTTEN):
        return []  # a role is nobody in particular; a forgotten person is not reminded
    lead = max(days(group.agenda_reminder_days), default=REMIND_DAYS)
    cutoff = target.agenda_deadline.astimezone(STOCKHOLM).date()
    due = office_hours_from(reminder_moment(cutoff - timedelta(days=lead)), now)
    if due >= target.agenda_deadline:
        return []
    # One key per commitment: sent once, even when the commitment moves to another meeting.
    return [
        Reminder(
            group_id=group.id,
            key=f"g{group.id}:c{commitment.id}:remind",
            kind=ReminderKind.FOLLOW_UP,
            due_at=due,
            expires_at=target.agenda_deadline,
            target_ref=commitment.responsible_ref,
            meeting_id=target.id,
            detail=json.dumps(
                {"number": commitment.id, "title": task_text(commitment)},
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    ]


def _report_meeting(tx: Tx, group: Group, commitment: Commitment) -> Meeting | None:
    """Whose minutes report the outcome: the follow-up's meeting, else today's, else the next.

    A meeting whose minutes are in justering or justerade is passed over, so closing never
    changes minutes that someone is approving or has approved.
    """
    made = tx.store.get(Meeting, commitment.meeting_id)
    target = follow_up_meeting(tx.store, commitment)
    writable = (S.PLANNED, S.PUBLISHED, S.HELD)
    if target is not None and target.status in writable:
        return target
    today = tx.now.astimezone(STOCKHOLM).date()
    for meeting in tx.meetings(group):
        if meeting.starts_at <= made.starts_at or meeting.status not in writable:
            continue
        if meeting.status is S.HELD or _day(meeting) >= today:
            return meeting
    return None


# --- what the minutes of a meeting show -----------------------------------------------------------


@dataclass(frozen=True)
class MeetingFollowUps:
    """A meeting's commitments: made on its items, and closed ones it reports."""

    made: dict[int, list[CommitmentLine]]  # item id -> commitments made on that item
    closed: dict[int, list[str]]  # item id -> outcomes under that follow-up item
    closed_elsewhere: list[str]  # outcomes of commitments without an item on this meeting


def line_of(commitment: Commitment) -> CommitmentLine:
    due = format_date(commitment.due_on) if commitment.due_on is not None else ""
    return CommitmentLine(
        responsible=commitment.responsible,
        what=commitment.what,
        due=due,
        line=minutes_line(commitment),
        number=commitment.id or 0,
    )


def for_minutes(store: Store, meeting: Meeting, item_ids: list[int]) -> MeetingFollowUps:
    made: dict[int, list[CommitmentLine]] = {}
    for commitment in sorted(
        store.find(Commitment, meeting_id=meeting.id), key=lambda c: c.id or 0
    ):
        if commitment.item_id in item_ids:
            made.setdefault(commitment.item_id, []).append(line_of(commitment))
    closed: dict[int, list[str]] = {}
    elsewhere: list[str] = []
    reported = store.find(Commitment, closed_in_meeting_id=meeting.id)
    if reported:
        sources = {source_of(c): c for c in reported}
        here = {
            i.source_key: i.id
            for i in store.find(AgendaItem, meeting_id=meeting.id)
            if i.source_key in sources and i.id in item_ids
        }
        for commitment in sorted(reported, key=lambda c: c.id or 0):
            item_id = here.get(source_of(commitment))
            if item_id is not None:
                closed.setdefault(item_id, []).append(outcome_line(commitment, under_item=True))
            else:
                elsewhere.append(outcome_line(commitment, under_item=False))
    return MeetingFollowUps(made, closed, elsewhere)


# --- helpers --------------------------------------------------------------------------------------


def _commitment(tx: Tx, group: Group, number: int) -> Commitment:
    found = tx.store.get(Commitment, number)
    if found is None or found.group_id != group.id:
        raise UserError("unknown_followup", number=number)
    return found


def _open(store: Store, **where: object) -> list[Commitment]:
    return store.find(Commitment, status=OPEN, **where)


def _day(meeting: Meeting) -> date:
    return meeting.starts_at.astimezone(STOCKHOLM).date()
