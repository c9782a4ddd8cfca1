"""A meeting as an iCalendar (RFC 5545) invitation that calendars place in Stockholm time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from bot.core.context import STOCKHOLM
from bot.core.model import AgendaItem, Group, Meeting, MeetingStatus
from bot.core.normalise import printable
from bot.dates import format_when
from bot.render.document import agenda_view

DEFAULT_DURATION = timedelta(hours=2)
TZID = "Europe/Stockholm"
MAX_OCTETS = 75

# The EU rule Sweden follows: summer time from the last Sunday in March 02:00 to the last
# Sunday in October 03:00. A calendar that lacks the tz database still places the meeting right.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def render_ics(
    group: Group,
    meeting: Meeting,
    items: Iterable[AgendaItem] = (),
    *,
    duration: timedelta = DEFAULT_DURATION,
    stamp: datetime | None = None,
    sequence: int = 0,
) -> str:
    """One VEVENT for the meeting; `items` fill the description with the ärendelista.

    `sequence` must grow each time a changed invitation is sent for the same meeting, so that
    calendars replace the old event instead of ignoring the new one.
    """
    start = meeting.starts_at.astimezone(STOCKHOLM)
    end = (meeting.ends_at or meeting.starts_at + duration).astimezone(STOCKHOLM)
    if meeting.time_known:
        when = [
            f"DTSTART;TZID={TZID}:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={TZID}:{end:%Y%m%dT%H%M%S}",
        ]
    else:
        # A date only: an all-day event, which ends (exclusively) the next day.
        when = [
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{start.date() + timedelta(days=1):%Y%m%d}",
        ]
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    cancelled = meeting.status is MeetingStatus.CANCELLED
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Justera//Justera samverkan//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if cancelled else "METHOD:PUBLISH",
        *VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:justera-meeting-{meeting.id}@justera",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        *when,
        f"SEQUENCE:{sequence}",
        "SUMMARY;LANGUAGE=sv:" + escape_text(f"Samverkan {group.key} – {group.name}"),
        "LOCATION:" + escape_text(meeting.place),
        "DESCRIPTION;LANGUAGE=sv:" + escape_text(_description(group, meeting, items)),
        "STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED",
        "TRANSP:OPAQUE" if meeting.time_known else "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def _description(group: Group, meeting: Meeting, items: Iterable[AgendaItem]) -> str:
    view = agenda_view(group, meeting, items)
    lines = [f"Samverkansgrupp {group.key}, {group.name}"]
    if meeting.protocol_number:
        lines.append(f"Bilaga till protokoll {meeting.protocol_number}")
    lines.append(f"Sista dag för ärenden: {format_when(meeting.agenda_deadline)}")
    if view.sections:
        lines += ["", "Ärendelista"]
    for title, entries in view.sections:
        lines += ["", title]
        lines += [entry.heading for entry in entries]
    return "\n".join(lines)


def escape_text(text: str) -> str:
    """A TEXT value per RFC 5545 3.3.11: backslash, semicolon, comma and line ends escaped."""
    # Control characters other than tab are not allowed in TEXT at all, and a lone surrogate
    # cannot be written as UTF-8.
    text = printable(text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line starts with one space, which counts toward its 75 octets.
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)
