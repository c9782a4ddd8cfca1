"""Every command as every kind of person in every meeting state, checked against the one table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.model import MeetingStatus
from bot.core.permissions import RULES, Action, Who
from storage.db import make_engine
from storage.migrate import upgrade
from storage.store import store_factory
from tests.harness import Harness, at, set_up_meeting

# One command per action, aimed at meeting #1 (items 4-6 by the secretary, 7 proposed by Jonas).
COMMANDS: dict[Action, str] = {
    # The same line is ADD_ITEM_IN_MEETING once the meeting is held: see ALSO below.
    Action.MANAGE_GROUP: "/grupp part Lärarförbundet; fack",
    Action.VIEW: "/mote lista",
    Action.PLAN_MEETING: "/mote planera 20 maj kl 13; Sof",
    Action.CHANGE_MEETING: "/mote flytta #1 19 mars kl 9",
    Action.PROPOSE_ITEM: "/arende #1 Dialog; En ny fråga",
    Action.MANAGE_AGENDA: "/arende acceptera #1 7",
    Action.PUBLISH_AGENDA: "/mote publicera #1",
    Action.CHOOSE_JUSTERARE: "/justerare #1 jonas, lina",
    Action.ADD_NOTE: "/anteckning #1 4; En anteckning.",
    Action.ADD_STATEMENT: "/protokollsanteckning #1 4; Vår part tycker så här.",
    Action.RECORD_DECISION: "/beslut #1 6; samverkat",
    Action.POST_MINUTES: "/protokoll posta #1",
    Action.APPROVE: "/protokoll godkänn #1",
    Action.MANAGE_YEAR: "/arsklocka lägg till Delårsbokslut; september; Information",
    Action.CORRECT: "/arende ändra #1 4; titel: Ny rubrik",
    Action.CORRECT_STATEMENT: "/protokollsanteckning ta bort #1 4; Vision",
    Action.UNDO: "/ångra #1",
    Action.GROUP_LAYOUT: "/grupp enhet HR",
    Action.RECORD_COMMITMENT: "/uppfoljning #1 5; HR-chef; Ta fram ett förslag; oktober",
    # Commitment 1 (Petra's, on item 4) is made before each state is reached: see build().
    Action.CLOSE_COMMITMENT: "/uppfoljning klar 1; Förslaget är klart.",
}
# Lines that stand for more than one action, depending on the meeting's state.
ALSO = {Action.PROPOSE_ITEM: (Action.ADD_ITEM_IN_MEETING,)}
# Who plays which part: Jonas is a plain member until he is chosen as justerare; Petra is
# responsible for commitment 1.
PEOPLE = {
    "maria": "chair and admin",
    "sara": "secretary",
    "petra": "member responsible for commitment 1",
    "jonas": "justerare",
    "olle": "outsider",
}
STATES = [s for s in MeetingStatus]
PERMISSION_KEYS = {
    "not_member",
    "meeting_locked",
    "meeting_cancelled",
    "wrong_state",
    *(f"denied_{who}" for who in Who),
}


def allowed(action: Action, user: str, status: MeetingStatus) -> bool:
    """What the table in bot.core.permissions says, spelled out for these people."""
    rule = RULES[action]
    if user == "olle":
        return False
    is_justerare = user == "jonas" and status in (
        MeetingStatus.HELD,
        MeetingStatus.DRAFT,
        MeetingStatus.JUSTERAD,
    )
    by_role = {
        Who.ADMIN: user == "maria",
        Who.LEADS: user in ("maria", "sara"),
        Who.MEMBER: True,
        Who.JUSTERARE: is_justerare,
        Who.RESPONSIBLE: user in ("maria", "sara", "petra"),
    }[rule.who]
    in_state = rule.states is None or status in rule.states
    return by_role and in_state


def build(status: MeetingStatus, h: Harness) -> None:
    set_up_meeting(h)
    h.do("sara", "/uppfoljning #1 4; @petra; Ta fram underlag; 30 april")
    if status is MeetingStatus.CANCELLED:
        h.do("maria", "/mote ställ in #1")
        return
    if status is MeetingStatus.PLANNED:
        return
    h.do("maria", "/arende acceptera #1 4, 5, 6")
    h.do("maria", "/mote publicera #1")
    if status is MeetingStatus.PUBLISHED:
        return
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare #1 jonas, lina")
    if status is MeetingStatus.HELD:
        return
    h.do("sara", "/protokoll posta #1")
    if status is MeetingStatus.DRAFT:
        return
    h.do("jonas", "/protokoll godkänn #1")
    h.do("lina", "/protokoll godkänn #1")


@pytest.fixture(scope="module")
def state_files(tmp_path_factory: pytest.TempPathFactory) -> dict[MeetingStatus, Path]:
    """Each state built once into a SQLite file; every case starts from a copy of it."""
    files = {}
    for status in STATES:
        path = tmp_path_factory.mktemp("states") / f"{status.name}.db"
        url = f"sqlite:///{path}"
        upgrade(url)
        engine = make_engine(url)
        h = Harness(store_factory(engine))
        build(status, h)
        assert h.snapshot()["Meeting"][0].status is status
        engine.dispose()
        files[status] = path
    return files


@pytest.mark.parametrize("status", STATES, ids=lambda s: s.name.lower())
@pytest.mark.parametrize("user", list(PEOPLE))
@pytest.mark.parametrize("action", list(COMMANDS), ids=lambda a: a.value)
def test_the_table_decides(
    state_files, tmp_path: Path, action: Action, user: str, status: MeetingStatus
) -> None:
    path = tmp_path / "case.db"
    shutil.copy(state_files[status], path)
    engine = make_engine(f"sqlite:///{path}")
    h = Harness(store_factory(engine))
    if status in (MeetingStatus.HELD, MeetingStatus.DRAFT, MeetingStatus.JUSTERAD):
        h.now = at("2026-03-18T14:00")
    before = h.snapshot()
    from bot.core.texts import UserError

    try:
        h.do(user, COMMANDS[action])
        refusal = None
    except UserError as error:
        refusal = error.key
    after = h.snapshot()
    engine.dispose()
    if any(allowed(a, user, status) for a in (action, *ALSO.get(action, ()))):
        assert refusal not in PERMISSION_KEYS, f"{user} was refused {action} in {status}"
    else:
        assert refusal in PERMISSION_KEYS, f"{user} was allowed {action} in {status}: {refusal}"
        assert after == before, "a refusal changed the database"


def test_every_action_of_the_table_is_exercised() -> None:
    covered = set(COMMANDS) | {a for extra in ALSO.values() for a in extra}
    assert covered == set(Action)
