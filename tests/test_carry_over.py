"""Items decided bordlagt come back on the group's next meeting by themselves."""

from __future__ import annotations

from bot.core.model import ItemOrigin, ItemStatus
from tests.harness import Harness, at, hold_meeting


def items_of(h: Harness, meeting_id: int):
    return [i for i in h.snapshot()["AgendaItem"] if i.meeting_id == meeting_id]


def test_bordlagt_is_proposed_when_the_next_meeting_is_planned(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    reply = h.do("sara", "/beslut 7; bordlagt; Riskbedömningen ska göras först.")
    assert "när det planeras" in reply.message
    planned = h.do("maria", "/mote planera 15 april kl 13; Sof, Storgatan 12")
    assert "Ny organisation" in planned.message
    (carried,) = [i for i in items_of(h, 2) if i.origin is ItemOrigin.CARRIED_OVER]
    assert carried.title == "Ny organisation" and carried.status is ItemStatus.PROPOSED
    assert carried.risk_assessed is False
    # Planning yet another meeting does not propose it twice.
    h.do("maria", "/mote planera 20 maj kl 13; Sof")
    assert not [i for i in items_of(h, 3) if i.origin is ItemOrigin.CARRIED_OVER]


def test_bordlagt_goes_to_an_already_planned_meeting_and_can_be_taken_back(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("maria", "/mote planera 15 april kl 13; Sof")
    reply = h.do("sara", "/beslut 7; bordlagt")
    assert "möte #2" in reply.message
    assert [i.title for i in items_of(h, 2) if i.origin is ItemOrigin.CARRIED_OVER] == [
        "Ny organisation"
    ]
    h.do("sara", "/beslut 7; samverkat")
    assert not [i for i in items_of(h, 2) if i.origin is ItemOrigin.CARRIED_OVER]


def test_oenighet_starts_the_mbl14_clock(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.now = at("2026-03-18T15:00")
    reply = h.do("sara", "/beslut 7; oenighet; Vision; Bemanningen är inte löst.")
    assert "25 mars 2026" in reply.message
    (decision,) = [d for d in h.snapshot()["Decision"] if d.outcome.name == "OENIGHET"]
    assert decision.mbl14_deadline.isoformat() == "2026-03-25"
    minutes = h.do("sara", "/protokoll visa").message
    assert "Vision kan begära central förhandling enligt MBL §14 senast 25 mars 2026" in minutes
