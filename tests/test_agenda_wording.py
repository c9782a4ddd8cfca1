"""The ärendelista says what it shows, and a meeting planned late does not make every item late."""

from __future__ import annotations

from bot.core.model import ItemOrigin
from tests.harness import Harness, at, set_up_group, set_up_meeting


def test_the_agenda_hides_empty_sections_shows_links_and_says_when_reordered(
    store_factory,
) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof, Storgatan 12")
    h.do("sara", "/arende Beslut; OSA-mål 2026; länk: https://intra.example/osa; riskbedömning: ja")
    h.do("sara", "/arende Beslut; Ny organisation; riskbedömning: nej")
    agenda = h.do("maria", "/mote visa").message
    assert "\nDialog\n" not in agenda and "\nÖvrigt\n" not in agenda, agenda
    assert "\nBeslut\n" in agenda
    assert (
        "  [4] OSA-mål 2026 (riskbedömning gjord)\n      Underlag: https://intra.example/osa"
        in (agenda)
    )
    assert "numren följer inte" not in agenda

    h.do("maria", "/arende ordna 5, 4")
    agenda = h.do("maria", "/mote visa").message
    beslut = agenda[agenda.index("\nBeslut\n") :]
    assert beslut.index("[5]") < beslut.index("[4]")
    assert "Ordningen är ordförandens: numren följer inte alltid ordningen." in agenda
    english = h.do("maria", "/mote visa", lang="en").message
    assert "Material: https://intra.example/osa" in english
    assert "the numbers do not always follow it" in english


def test_a_meeting_planned_less_than_a_week_ahead_takes_items_today(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.now = at("2026-03-16T10:00")  # two days before: seven days before has passed
    reply = h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof, Storgatan 12").message
    assert "sista dag för ärenden är måndag 16 mars 2026 kl. 23.59" in reply, reply
    reply = h.do("jonas", "/arende Dialog; Arbetsbelastning").message
    assert "sent inkommet" not in reply, reply
    items = [i for i in h.snapshot()["AgendaItem"] if i.origin is ItemOrigin.PROPOSED]
    assert [i.late for i in items] == [False]


def test_a_deadline_already_passed_is_warned_about_when_planning(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.now = at("2026-03-16T10:00")
    reply = h.do(
        "maria", "/mote planera onsdag 18 mars kl 13; Sof, Storgatan 12; sista dag 2026-03-10"
    ).message
    assert "har redan passerat, så varje förslag blir sent inkommet" in reply, reply
    assert "`/mote ställ in #1`" in reply and "`sista dag 17 mars 2026`" in reply
    # A meeting with room before its deadline gets no such words.
    h2 = Harness(store_factory, now=at("2026-03-02T09:00"))
    reply = h2.do("maria", "/mote planera onsdag 15 april kl 13; Sof, Storgatan 12").message
    assert "passerat" not in reply and "Sju dagar" not in reply


def test_the_group_view_shows_no_internal_references(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    shown = h.do("maria", "/grupp visa").message
    assert "Jonas Ek: SSR, ledamot" in shown, shown
    assert "console:" not in shown
