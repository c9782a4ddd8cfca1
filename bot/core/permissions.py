"""The one table that decides who may do what in which meeting state; adapters never decide this."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.model import MeetingStatus as S
from bot.core.model import Role


class Action(StrEnum):
    MANAGE_GROUP = "manage_group"
    VIEW = "view"
    PLAN_MEETING = "plan_meeting"
    CHANGE_MEETING = "change_meeting"
    PROPOSE_ITEM = "propose_item"
    ADD_ITEM_IN_MEETING = "add_item_in_meeting"
    MANAGE_AGENDA = "manage_agenda"
    PUBLISH_AGENDA = "publish_agenda"
    CHOOSE_JUSTERARE = "choose_justerare"
    ADD_NOTE = "add_note"
    ADD_STATEMENT = "add_statement"
    RECORD_DECISION = "record_decision"
    POST_MINUTES = "post_minutes"
    APPROVE = "approve"
    MANAGE_YEAR = "manage_year"
    CORRECT = "correct"
    CORRECT_STATEMENT = "correct_statement"
    UNDO = "undo"
    GROUP_LAYOUT = "group_layout"
    RECORD_COMMITMENT = "record_commitment"
    CLOSE_COMMITMENT = "close_commitment"


class Who(StrEnum):
    ADMIN = "admin"
    LEADS = "leads"  # chair and secretary
    MEMBER = "member"
    JUSTERARE = "justerare"
    RESPONSIBLE = "responsible"  # the chair, the secretary, or the member a commitment names


@dataclass(frozen=True)
class Rule:
    who: Who
    states: frozenset[S] | None  # None: the action is not about one meeting


_OPEN = frozenset({S.PLANNED, S.PUBLISHED})
_RECORDING = frozenset({S.PLANNED, S.PUBLISHED, S.HELD, S.DRAFT})

RULES: dict[Action, Rule] = {
    Action.MANAGE_GROUP: Rule(Who.ADMIN, None),
    Action.VIEW: Rule(Who.MEMBER, None),
    Action.PLAN_MEETING: Rule(Who.LEADS, None),
    Action.CHANGE_MEETING: Rule(Who.LEADS, _OPEN),
    Action.PROPOSE_ITEM: Rule(Who.MEMBER, _OPEN),
    # During the meeting the leads still add items, typically under Övrigt.
    Action.ADD_ITEM_IN_MEETING: Rule(Who.LEADS, frozenset({S.HELD})),
    Action.MANAGE_AGENDA: Rule(Who.LEADS, frozenset({S.PLANNED, S.PUBLISHED, S.HELD})),
    Action.PUBLISH_AGENDA: Rule(Who.LEADS, _OPEN),
    Action.CHOOSE_JUSTERARE: Rule(Who.LEADS, _RECORDING),
    Action.ADD_NOTE: Rule(Who.LEADS, _RECORDING),
    # A party's statement is also bound to the author's own party, checked where it is written.
    Action.ADD_STATEMENT: Rule(Who.MEMBER, _RECORDING),
    Action.RECORD_DECISION: Rule(Who.LEADS, _RECORDING),
    Action.POST_MINUTES: Rule(Who.LEADS, _RECORDING),
    Action.APPROVE: Rule(Who.JUSTERARE, frozenset({S.DRAFT})),
    Action.MANAGE_YEAR: Rule(Who.LEADS, None),
    # Corrections until the minutes are justerade: the leads anything, a member only their own
    # party's statements (checked where the statement is), and each their own last change.
    Action.CORRECT: Rule(Who.LEADS, _RECORDING),
    Action.CORRECT_STATEMENT: Rule(Who.MEMBER, _RECORDING),
    Action.UNDO: Rule(Who.MEMBER, _RECORDING),
    # The group's house style, unit line and standing items.
    Action.GROUP_LAYOUT: Rule(Who.LEADS, None),
    # Uppföljning: recorded like a note; closed whatever the meeting's state, since its
    # follow-up lives on after the minutes are justerade.
    Action.RECORD_COMMITMENT: Rule(Who.LEADS, _RECORDING),
    Action.CLOSE_COMMITMENT: Rule(Who.RESPONSIBLE, None),
}

LEAD_ROLES = frozenset({Role.CHAIR, Role.SECRETARY})


# An imported meeting came justerad from the archive: its fields (items, entries, decisions, time
# and place; never its original text) are corrected with the same commands as a live meeting's,
# by the group's admins only, audited like any correction.
IMPORTED_CORRECTIONS: dict[Action, Who] = {
    Action.CORRECT: Who.ADMIN,
    Action.CORRECT_STATEMENT: Who.ADMIN,
    Action.RECORD_DECISION: Who.ADMIN,
    Action.UNDO: Who.ADMIN,
}


def allowed_by_role(
    action: Action,
    *,
    role: Role | None,
    is_admin: bool,
    is_justerare: bool,
    is_responsible: bool = False,
) -> bool:
    """Whether someone with this standing may take the action at all (state aside)."""
    who = RULES[action].who
    if role is None:
        return False
    if who is Who.ADMIN:
        return is_admin
    if who is Who.LEADS:
        return role in LEAD_ROLES
    if who is Who.JUSTERARE:
        return is_justerare
    if who is Who.RESPONSIBLE:
        return role in LEAD_ROLES or is_responsible
    return True


def allowed_in_state(action: Action, status: S) -> bool:
    states = RULES[action].states
    return states is None or status in states
