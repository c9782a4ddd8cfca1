"""Who may do what, and that one group's channel never reaches another group's data."""

from __future__ import annotations

from bot.core.model import Entry, ItemStatus
from tests.harness import Harness, at, set_up_group, set_up_meeting


def two_groups(store_factory) -> Harness:
    """FSG in #samverkan with meeting #1; VSG in #vsg-buf with its own chair and its own #1."""
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("olle", "/grupp skapa VSG BUF; Verksamhetssamverkansgrupp BUF", channel="vsg-buf")
    h.do("olle", "/grupp part Vision; fack", channel="vsg-buf")
    h.do("olle", "/grupp medlem petra; Petra Söder; Vision; ledamot", channel="vsg-buf")
    h.do("olle", "/mote planera 19 mars kl 9; BUF, Lillgatan 3", channel="vsg-buf")
    return h


def test_a_channel_acts_on_its_own_group_only(store_factory) -> None:
    h = two_groups(store_factory)
    # Numbers run per group: in VSG's channel #1 is VSG's own meeting, never FSG's #1.
    shown = h.do("olle", "/mote visa #1", channel="vsg-buf").message
    assert "Lillgatan" in shown and "Storgatan" not in shown
    assert h.refused("olle", "/mote visa #2", channel="vsg-buf").key == "unknown_meeting"
    assert h.refused("olle", "/arende acceptera #1 4", channel="vsg-buf").key == "unknown_item"
    assert h.refused("olle", "/mote lista").key == "not_member"
    # Petra is in both groups; in FSG's channel no number reaches VSG's meeting.
    assert h.refused("petra", "/mote visa #2").key == "unknown_meeting"
    assert h.refused("petra", "/arende #2 Dialog; Fel kanal").key == "unknown_meeting"
    assert "Lillgatan" not in h.do("petra", "/mote visa #1").message
    assert (
        h.refused("petra", "/mote planera VSG BUF; 20 mars kl 9; X").key == "other_groups_channel"
    )
    vsg = h.do("petra", "/mote lista", channel="vsg-buf").message
    assert "#1" in vsg and "#2" not in vsg and "Storgatan" not in vsg


def test_an_unbound_channel_reaches_a_group_only_by_name_and_membership(store_factory) -> None:
    h = two_groups(store_factory)
    assert h.refused("jonas", "/mote lista", channel="dm-jonas").key == "no_group_here"
    assert h.refused("olle", "/mote planera FSG; 25 mars kl 13; Sof", channel="dm").key in (
        "not_member",
    )


def test_members_propose_and_only_leads_accept(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    items = {i.number: i for i in h.snapshot()["AgendaItem"]}
    assert items[7].status is ItemStatus.PROPOSED  # Jonas's proposal waits for the chair
    assert items[6].status is ItemStatus.ACCEPTED  # the secretary's own is on the list at once
    assert h.refused("jonas", "/arende acceptera 7").key == "denied_leads"
    h.do("sara", "/arende acceptera 7")
    assert {i.number: i for i in h.snapshot()["AgendaItem"]}[7].status is ItemStatus.ACCEPTED


def test_a_party_statement_belongs_to_the_authors_party(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:10")
    h.do("petra", "/protokollsanteckning #1 6; Vision vill följa upp målen i höst.")
    h.do("jonas", "/protokollsanteckning #1 6; SSR instämmer.")
    reply = h.do("petra", "/protokollsanteckning #1 6; Vision vill följa upp målen i augusti.")
    assert "ersatt" in reply.message
    statements: list[Entry] = h.snapshot()["Entry"]
    parties = {p.id: p.name for p in h.snapshot()["Party"]}
    assert sorted((parties[s.parties[0]], s.text) for s in statements) == [
        ("Akademikerförbundet SSR", "SSR instämmer."),
        ("Vision", "Vision vill följa upp målen i augusti."),
    ]
    minutes = h.do("maria", "/protokoll visa #1").message
    assert "Protokollsanteckning från Vision: Vision vill följa upp målen i augusti." in minutes


def test_late_proposals_are_marked(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    h.now = at("2026-03-11T13:00")  # exactly the deadline: still in time
    h.do("jonas", "/arende Dialog; I tid")
    h.now = at("2026-03-11T13:01")
    reply = h.do("jonas", "/arende Dialog; För sent")
    assert "sent inkommet" in reply.message
    late = {i.title: i.late for i in h.snapshot()["AgendaItem"]}
    assert late["I tid"] is False and late["För sent"] is True
    assert "[5] För sent (sent inkommet)" in h.do("maria", "/arende visa").message


def test_only_the_configured_admins_create_groups(store_factory) -> None:
    from bot.core.service import Justera

    h = Harness(store_factory)
    h.service = Justera(store_factory, installers=frozenset({"maria", "UADMIN"}))
    assert h.refused("olle", "/grupp skapa VSG; Verksamhetssamverkansgrupp").key == (
        "denied_create_group"
    )
    h.do("maria", "/grupp skapa FSG; Förvaltningssamverkansgrupp")
    assert [g.key for g in h.snapshot()["Group"]] == ["FSG"]
    # A group's own admin still manages it; only creating groups is reserved.
    h.do("maria", "/grupp part Vision; fack")
    assert h.refused("olle", "/grupp part Kommunal; fack").key == "not_member"
