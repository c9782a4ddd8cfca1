"""Commands on a group's årsklocka and its reminders: take, change, import, export, show."""

from __future__ import annotations

import json

from bot.core.context import STOCKHOLM, Result
from bot.core.limits import check_length
from bot.core.model import Member, Reminder, ReminderStatus, Section, YearRule
from bot.core.permissions import Action
from bot.core.texts import UserError
from bot.core.tx import Tx
from bot.core.yearclock import (
    MAX_LEAD_DAYS,
    MAX_RULES,
    default_rules,
    describe_when,
    parse_when,
    rules_from_yaml,
    rules_to_yaml,
    year_at_a_glance,
)
from bot.dates import format_when


def show_year(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    rules = tx.store.find(YearRule, group_id=group.id)
    if not rules:
        return Result(tx.say("year_empty"))
    heading = tx.say("year_heading", key=group.key)
    return Result(f"{heading}\n{year_at_a_glance(rules, tx.ctx.lang)}")


def take_default(tx: Tx) -> Result:
    """Replace the group's årsklocka with the shipped default for a social services department."""
    group = tx.group()
    tx.require(Action.MANAGE_YEAR, group)
    _replace(tx, group.id, default_rules(group.id))
    tx.record("take_default_year", group, None)
    return Result(tx.say("year_taken", count=len(default_rules(group.id))))


def import_rules(tx: Tx, text: str) -> Result:
    group = tx.group()
    tx.require(Action.MANAGE_YEAR, group)
    rules = rules_from_yaml(text, group.id)
    _replace(tx, group.id, rules)
    tx.record("import_year", group, None, detail=f"rules={len(rules)}")
    return Result(tx.say("year_imported", count=len(rules)))


def export_rules(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    return Result(rules_to_yaml(tx.store.find(YearRule, group_id=group.id)))


def add_rule(
    tx: Tx, title: str, when: str, section: Section, responsible: str = "", lead_days: int = 14
) -> Result:
    group = tx.group()
    tx.require(Action.MANAGE_YEAR, group)
    check_length("title", title, required=True)
    check_length("presenter", responsible)
    month, day = parse_when(when)
    if not 0 <= lead_days <= MAX_LEAD_DAYS:
        raise UserError("year_lead_days", given=lead_days)
    if len(tx.store.find(YearRule, group_id=group.id)) >= MAX_RULES:
        raise UserError("year_full", limit=MAX_RULES)
    rule = tx.store.add(
        YearRule(
            group_id=group.id,
            title=title.strip(),
            month=month,
            day=day,
            section=section,
            responsible=responsible.strip(),
            lead_days=lead_days,
        )
    )
    tx.record("add_year_rule", group, None, detail=f"rule={rule.id}")
    return Result(tx.say("year_rule_added", number=rule.id, when=describe_when(month, day)))


def remove_rule(tx: Tx, number: int) -> Result:
    group = tx.group()
    tx.require(Action.MANAGE_YEAR, group)
    rule = tx.store.get(YearRule, number)
    if rule is None or rule.group_id != group.id:
        raise UserError("unknown_year_rule", number=number)
    tx.store.delete(rule)
    tx.record("remove_year_rule", group, None, detail=f"rule={number}")
    return Result(tx.say("year_rule_removed", number=number))


def list_reminders(tx: Tx) -> Result:
    """What the bot will send, and when: the pending reminders of this group."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    names = {m.user_ref: m.display_name for m in tx.store.find(Member, group_id=group.id)}

    def shown(r: Reminder) -> str:
        return names.get(r.target_ref) or tx.say("reminder_to_channel")

    # Recipients of one moment by name, not by reference: the same list on every platform.
    pending = sorted(
        tx.store.find(Reminder, group_id=group.id, status=ReminderStatus.PENDING),
        key=lambda r: (r.due_at, shown(r), r.key),
    )
    if not pending:
        return Result(tx.say("no_reminders", key=group.key))
    lines = [tx.say("reminders_heading", key=group.key)]
    numbers = {m.id: m.number for m in tx.meetings(group)}
    for r in pending:
        who = shown(r)
        what = tx.say(f"reminder_kind_{r.kind.name.lower()}")
        meeting = f" #{numbers.get(r.meeting_id, r.meeting_id)}" if r.meeting_id else ""
        detail = json.loads(r.detail or "{}")
        title = f" ({detail['title']})" if "title" in detail else ""
        when = format_when(r.due_at.astimezone(STOCKHOLM), tx.ctx.lang)
        lines.append(f"  {when}: {what}{meeting}{title} → {who}")
    return Result("\n".join(lines))


def _replace(tx: Tx, group_id: int, rules: list[YearRule]) -> None:
    for old in tx.store.find(YearRule, group_id=group_id):
        tx.store.delete(old)
    for rule in rules:
        tx.store.add(rule)
