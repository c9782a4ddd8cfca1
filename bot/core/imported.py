"""The fields an imported meeting keeps, as /mote visa and /protokoll visa show them."""

from __future__ import annotations

from bot.core.context import STOCKHOLM
from bot.core.model import AgendaItem, AuditEntry, Decision, ImportedMeeting, Meeting
from bot.core.tx import Tx

IMPORT_ACTION = "import_minutes"  # the audit action of the import itself


def imported_facts(tx: Tx, meeting: Meeting) -> str:
    """Date, time, place, kind, protocol, DNR, justerare and the items; "" for a live meeting."""
    found = tx.store.find(ImportedMeeting, meeting_id=meeting.id)
    if not found:
        return ""
    facts = found[0]
    starts = meeting.starts_at.astimezone(STOCKHOLM)
    fields = [
        ("datum", starts.date().isoformat()),
        ("tid", starts.strftime("%H:%M") if meeting.time_known else ""),
        ("plats", meeting.place),
        ("grupp", facts.group_kind),
        ("protokoll", meeting.protocol_number),
        ("dnr", meeting.dnr),
        (
            "justerare",
            ", ".join(f"{n} ({p})" if p else n for n, p in facts.people),
        ),
    ]
    lines = [
        f"{tx.say('imported_facts', source=facts.source)}: "
        + "; ".join(f"{label} {value}" for label, value in fields if value)
    ]
    items = sorted(tx.store.find(AgendaItem, meeting_id=meeting.id), key=lambda i: i.number)
    decisions = (
        {d.item_id: d for d in tx.store.find(Decision, item_id=[i.id for i in items])}
        if items
        else {}
    )
    for item in items:
        who = f", {item.presenter}" if item.presenter else ""
        decided = decisions.get(item.id)
        outcome = f" – {decided.outcome.value}" if decided else ""
        lines.append(f"{item.number}. [{item.section.value}] {item.title}{who}{outcome}")
    if facts.report:
        # The report is what the file said when it came; after a correction it is history.
        changed = any(
            a.action != IMPORT_ACTION for a in tx.store.find(AuditEntry, meeting_id=meeting.id)
        )
        lines.append(
            tx.say(
                "imported_report_corrected" if changed else "imported_report", report=facts.report
            )
        )
    return "\n".join(lines)
