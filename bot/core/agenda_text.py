"""The ärendelista as plain text: what the chair publishes and what the console shows."""

from __future__ import annotations

from datetime import datetime

from bot.core.context import STOCKHOLM
from bot.core.model import AgendaItem, Group, ItemStatus, Meeting, Section
from bot.core.texts import say
from bot.dates import format_day, format_when


def meeting_when(meeting: Meeting, lang: str = "sv") -> str:
    """What is known of the meeting's time: a date, a start, or a start and an end."""
    return known_when(meeting.starts_at, meeting.ends_at, meeting.time_known, lang)


def known_when(
    starts_at: datetime, ends_at: datetime | None, time_known: bool, lang: str = "sv"
) -> str:
    """meeting_when for views that carry the three fields rather than the meeting."""
    if not time_known:
        return format_day(starts_at, lang)  # its weekday, as a timed meeting has
    text = format_when(starts_at, lang)
    if ends_at is not None:
        # Stockholm's clock, whatever zone the store gave back (UTC from the database).
        end = ends_at.astimezone(STOCKHOLM)
        text += f"–{end:%H:%M}" if lang == "en" else f"–{end:%H.%M}"
    return text


def when_and_where(meeting: Meeting, lang: str = "sv") -> str:
    """ "onsdag 18 mars 2026 kl. 13.00–15.00, Sof", the place left out while nobody has said it."""
    when = meeting_when(meeting, lang)
    return f"{when}, {meeting.place}" if meeting.place else when


def ordered(items: list[AgendaItem]) -> list[AgendaItem]:
    return sorted(items, key=lambda i: (i.section.rank, i.position, i.number))


def item_line(item: AgendaItem, lang: str) -> str:
    parts = [f"[{item.number}] {item.title}"]
    if item.presenter:
        parts.append(f" – {item.presenter}")
    marks = []
    if item.section is Section.BESLUT and item.risk_assessed is not None:
        marks.append(say(lang, "risk_done" if item.risk_assessed else "risk_not_done"))
    if item.late:
        marks.append(say(lang, "late_mark"))
    if marks:
        parts.append(f" ({', '.join(marks)})")
    return "".join(parts)


def render_agenda(
    group: Group,
    meeting: Meeting,
    items: list[AgendaItem],
    lang: str = "sv",
    *,
    deadline: bool = True,
) -> str:
    """Accepted items by section, then the proposals still waiting for the chair.

    deadline=False leaves out the last day for items (an imported meeting never had one)."""
    lines = [
        say(lang, "agenda_title", key=group.key, ref=meeting.number),
        when_and_where(meeting, lang),
    ]
    if deadline:
        lines.append(
            say(lang, "agenda_deadline", deadline=format_when(meeting.agenda_deadline, lang))
        )
    if meeting.protocol_number:
        lines.append(f"Bilaga till protokoll {meeting.protocol_number}")
    accepted = [i for i in ordered(items) if i.status is ItemStatus.ACCEPTED]
    for section in Section:
        in_section = [i for i in accepted if i.section is section]
        if not in_section:
            continue  # an empty section is no news to anyone
        lines.append("")
        if section is not Section.OPENING:
            lines.append(section.value)
        for item in in_section:
            lines.append(f"  {item_line(item, lang)}")
            lines.extend(_links(item, lang))
    numbers = [i.number for i in accepted]
    if numbers != sorted(numbers):
        # After /arende ordna the numbers no longer run in order; say so, or it looks like a slip.
        lines += ["", say(lang, "agenda_reordered")]
    waiting = [i for i in ordered(items) if i.status is ItemStatus.PROPOSED]
    if waiting:
        lines.append("")
        lines.append(say(lang, "agenda_waiting"))
        for item in waiting:
            lines.append(f"  {item_line(item, lang)} · {item.section.value}")
            lines.extend(_links(item, lang))
    return "\n".join(lines)


def _links(item: AgendaItem, lang: str) -> list[str]:
    return [f"      {say(lang, 'agenda_links', links=item.links)}"] if item.links.strip() else []
