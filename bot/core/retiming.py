"""One set of rules for giving a meeting a new time, whether by /mote flytta or /mote ändra."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.core.context import STOCKHOLM
from bot.core.model import Group, Meeting, MeetingStatus
from bot.core.texts import UserError
from bot.core.tx import Tx
from bot.dates import EN_MONTHS, SV_MONTHS, format_day, format_when

S = MeetingStatus
NOT_YET_HELD = (S.PLANNED, S.PUBLISHED)
DEADLINE_DAYS = 7


def default_deadline(starts_at: datetime) -> datetime:
    """Seven calendar days before, at the same local clock time whatever DST does in between."""
    local = starts_at.astimezone(STOCKHOLM)
    return (local.replace(tzinfo=None) - timedelta(days=DEADLINE_DAYS)).replace(tzinfo=STOCKHOLM)


def retime(
    tx: Tx,
    group: Group,
    meeting: Meeting,
    starts_at: datetime,
    ends_at: datetime | None,
    time_known: bool,
    *,
    command: str,
) -> None:
    """Give the meeting a new start, end and agenda deadline, or refuse and change nothing.

    command is what the user would type before the time ("/mote flytta #1 "), for the
    example of a refusal.
    """
    if not time_known and meeting.time_known:
        # "Mötet flyttas till torsdag": a day alone keeps the meeting's clock time and end;
        # a whole-day meeting comes only from planning one or moving one that is a whole day.
        starts_at, ends_at = _same_clock_on(starts_at, meeting)
        time_known = True
    if meeting.status in NOT_YET_HELD:
        # A held meeting's time is a correction of the record, and that time has passed.
        refuse_past(tx, starts_at, time_known, command=command)
    refuse_same_time(tx, group, starts_at, meeting)
    if ends_at is None and time_known and meeting.time_known and meeting.ends_at:
        ends_at = starts_at + (meeting.ends_at - meeting.starts_at)  # keeps the meeting's length
    if meeting.status in NOT_YET_HELD:
        meeting.agenda_deadline = _moved_deadline(tx, meeting, starts_at, time_known)
    meeting.starts_at, meeting.ends_at, meeting.time_known = starts_at, ends_at, time_known


def refuse_past(tx: Tx, starts_at: datetime, time_known: bool, *, command: str) -> None:
    """A moment gone, or with a date only a day gone: refused with a time that would work."""
    today = tx.now.astimezone(STOCKHOLM).date()
    local = starts_at.astimezone(STOCKHOLM)
    if (starts_at > tx.now) if time_known else (local.date() >= today):
        return
    lang = tx.ctx.lang
    when = format_when(starts_at, lang) if time_known else format_day(local, lang)
    # The same clock a week from today is always ahead, and reads as the user would type it.
    ahead = today + timedelta(days=7)
    example = command + typed_when(ahead, local if time_known else None, today, lang)
    raise UserError("meeting_in_past", when=when, example=example.strip())


def refuse_same_time(
    tx: Tx, group: Group, starts_at: datetime, meeting: Meeting | None = None
) -> None:
    """Two meetings of a group at one moment are one meeting planned twice: refused."""
    itself = meeting.id if meeting else None
    for other in tx.meetings(group):
        if other.id != itself and other.starts_at == starts_at and other.status is not S.CANCELLED:
            raise UserError("meeting_exists", ref=other.number)


def typed_when(day: date, clock: datetime | None, today: date, lang: str) -> str:
    """A day and clock as the command language takes them: "25 mars kl 13" or "25 March 13:00"."""
    english = lang.lower().startswith("en")
    month = (EN_MONTHS if english else SV_MONTHS)[day.month - 1]
    text = f"{day.day} {month}" + (f" {day.year}" if day.year != today.year else "")
    if clock is None:
        return text
    if english:
        return f"{text} {clock:%H:%M}"
    return f"{text} kl {clock.hour}" + (f".{clock:%M}" if clock.minute else "")


def _moved_deadline(tx: Tx, meeting: Meeting, starts_at: datetime, time_known: bool) -> datetime:
    """The last day for items, moved as the meeting moves by the Stockholm clock.

    Both times known: by the clock's own shift (a week later is the same clock a week later,
    summer time or not). A date on either side: by whole days, keeping the deadline's clock (a
    date's midnight is no meeting time: "kl. 12.59" the day after would be nonsense). Never
    after the meeting; and a deadline still open stays open today rather than having passed.
    """
    old = meeting.starts_at.astimezone(STOCKHOLM).replace(tzinfo=None)
    new = starts_at.astimezone(STOCKHOLM).replace(tzinfo=None)
    shift = new - old if time_known and meeting.time_known else new.date() - old.date()
    deadline = meeting.agenda_deadline.astimezone(STOCKHOLM).replace(tzinfo=None)
    moved = (deadline + shift).replace(tzinfo=STOCKHOLM)
    if moved < tx.now <= meeting.agenda_deadline:
        # Moved earlier past today: items proposed today are not late, as when planning.
        moved = tx.now.astimezone(STOCKHOLM).replace(hour=23, minute=59, second=59, microsecond=0)
    # A lead shorter than the usual week (a deadline pulled to "today" when the meeting was
    # near) grows back toward that week when the meeting moves later, never beyond it, and
    # the deadline itself never comes earlier than it was.
    short = meeting.agenda_deadline > usual_deadline(meeting.starts_at, meeting.time_known)
    if new > old and short:
        usual = max(usual_deadline(starts_at, time_known), meeting.agenda_deadline)
        if tx.now < usual < moved:
            moved = usual
    return min(moved, starts_at)


def usual_deadline(starts_at: datetime, time_known: bool) -> datetime:
    """The deadline planning gives: a week before, at the clock, or that day's end for a date
    alone (a deadline of "kl. 00.00" would already be over on that day)."""
    deadline = default_deadline(starts_at)
    return deadline if time_known else deadline.replace(hour=23, minute=59, second=59)


def _same_clock_on(day: datetime, meeting: Meeting) -> tuple[datetime, datetime | None]:
    """The meeting's start and end on another day, at the same Stockholm clock (DST included)."""
    date_ = day.astimezone(STOCKHOLM).date()
    start = meeting.starts_at.astimezone(STOCKHOLM)
    moved = datetime.combine(date_, start.time()).replace(tzinfo=STOCKHOLM)
    if meeting.ends_at is None:
        return moved, None
    end = meeting.ends_at.astimezone(STOCKHOLM)
    return moved, datetime.combine(date_ + (end.date() - start.date()), end.time()).replace(
        tzinfo=STOCKHOLM
    )
