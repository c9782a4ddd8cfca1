"""The daily look over every group: årsklocka items and reminders as the calendar moves on."""

from __future__ import annotations

from bot.core.annual import plan_year
from bot.core.context import Result
from bot.core.dataprotection import prune
from bot.core.followups import plan_followups
from bot.core.model import Group
from bot.core.reminders import plan_group_reminders
from bot.core.tx import Tx
from bot.settings import current


def sweep(tx: Tx) -> Result:
    """Run as the system, not as a user: plans in step with today, old drafts pruned."""
    proposed = 0
    for group in tx.store.find(Group):
        proposed += len(plan_year(tx, group))
        proposed += len(plan_followups(tx, group))
        plan_group_reminders(tx.store, group, tx.now)
    settings = current()
    prune(tx, settings.draft_days, settings.reference_days)
    return Result(f"{proposed}")
