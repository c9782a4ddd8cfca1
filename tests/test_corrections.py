"""Corrections until justering: entry references, statements as said, /ångra, and a new version."""

from __future__ import annotations

from bot.core.model import AuditEntry, Entry, Reminder, ReminderStatus
from tests.harness import Harness, at, hold_meeting, set_up_meeting


def in_session(h: Harness) -> None:
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")


def minutes(h: Harness, user: str = "maria") -> str:
    return h.do(user, "/protokoll visa #1").message


def test_entries_have_stable_references_and_keep_the_order_said(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    assert "5.1" in h.do("sara", "/anteckning 5; Förvaltningen redogör för rapporten.").message
    assert (
        "5.2" in h.do("jonas", "/protokollsanteckning 5; SSR vill se en kortare rapport.").message
    )
    assert "5.3" in h.do("sara", "/anteckning 5; Direktören svarar att den kortas.").message
    text = minutes(h)
    first = text.index("Förvaltningen redogör")
    statement = text.index("Protokollsanteckning från Akademikerförbundet SSR: SSR vill")
    last = text.index("Direktören svarar")
    assert first < statement < last, "entries are shown in the order they were recorded"
    listing = h.do("sara", "/arende visa 5").message
    assert "5.1  Förvaltningen redogör" in listing and "5.3  Direktören svarar" in listing
    # /protokoll visa leads each entry with its reference; the posted text has none.
    assert "\n[5.1] Förvaltningen redogör" in text
    assert "\n[5.2] Protokollsanteckning från Akademikerförbundet SSR: SSR vill" in text
    h.do("sara", "/anteckning 4; En anteckning om rapporten.")
    h.do("sara", "/protokoll posta")
    posted = h.snapshot()["MinutesVersion"][0].text
    assert "\nFörvaltningen redogör" in posted and "[5." not in posted and "[4." not in posted
    # A reference that does not exist: the reply lists the item's entries, nothing changes.
    missing = h.refused("sara", "/anteckning ändra 5.9; Ny text.")
    assert "(det har 5.1, 5.2, 5.3)" in missing.message("sv")
    h.do("sara", "/anteckning ta bort 5.1")
    h.do("sara", "/anteckning 5; En ny första anteckning.")
    # A removed reference is never given again: the new note is 5.4, not 5.1.
    assert "5.4  En ny första anteckning." in h.do("sara", "/arende visa 5").message
    h.do("sara", "/anteckning flytta 5.4; 1")
    h.do("sara", "/anteckning ändra 5.3; Direktören svarar att rapporten kortas till tio sidor.")
    text = minutes(h)
    assert text.index("En ny första anteckning.") < text.index("Protokollsanteckning från")
    assert "kortas till tio sidor." in text and "Förvaltningen redogör" not in text


def test_the_secretary_writes_for_named_parties_once(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    reply = h.do("sara", "/protokollsanteckning 5; Kommunal; Kommunal vill se bemanningen.")
    assert "Kommunal" in reply.message
    h.do("sara", "/protokollsanteckning 5; SSR, Kommunal; De fackliga parterna framför oro.")
    text = minutes(h)
    assert "Protokollsanteckning från Kommunal: Kommunal vill se bemanningen." in text
    joint = "Protokollsanteckning från Akademikerförbundet SSR och Kommunal: De fackliga parterna"
    assert text.count(joint) == 1
    assert "Arbetsgivaren" not in text.split("Kvalitetsrapport")[1].split("Beslut")[0]


def test_a_member_writes_only_for_their_own_party(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    error = h.refused("jonas", "/protokollsanteckning 5; Kommunal; Kommunal tycker annorlunda.")
    assert error.key == "statement_other_party"
    assert not [e for e in h.snapshot()["Entry"] if "annorlunda" in e.text]
    h.do("jonas", "/protokollsanteckning 5; SSR; SSR vill se en kortare rapport.")
    h.do("lina", "/protokollsanteckning 5; Kommunal instämmer.")
    # Jonas changes his own party's statement, but not Kommunal's and not a note.
    h.do("jonas", "/anteckning ändra 5.1; SSR vill se en rapport på högst tio sidor.")
    assert h.refused("jonas", "/anteckning ändra 5.2; Ändrat.").key == "statement_not_yours"
    assert h.refused("jonas", "/protokollsanteckning ta bort 5; Kommunal").key == (
        "statement_not_yours"
    )
    h.do("sara", "/anteckning 5; En anteckning.")
    assert h.refused("jonas", "/anteckning ta bort 5.3").key == "denied_leads"
    assert "högst tio sidor" in minutes(h)
    h.do("lina", "/protokollsanteckning ta bort 5; Kommunal")
    assert "Kommunal instämmer" not in minutes(h)


def test_undo_takes_back_the_callers_own_last_change(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    h.do("sara", "/anteckning 5; Första texten.")
    h.do("jonas", "/protokollsanteckning 5; SSR instämmer.")
    h.do("sara", "/anteckning ändra 5.1; Rättad text.")
    h.do("sara", "/arende ändra 5; titel: Kvalitetsrapport 2025 (reviderad)")
    h.do("sara", "/ångra")
    assert "Kvalitetsrapport 2025 (reviderad)" not in minutes(h)
    assert "Rättad text." in minutes(h)
    h.do("sara", "/ångra")
    text = minutes(h)
    assert "Första texten." in text and "SSR instämmer." in text, "Jonas's entry stays"
    h.do("sara", "/ångra")
    assert "Första texten." not in minutes(h)
    h.do("jonas", "/ångra")
    assert "SSR instämmer." not in minutes(h)
    assert h.refused("jonas", "/ångra").key == "nothing_to_undo"


def test_items_and_the_meeting_can_be_corrected(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    h.do("sara", "/arende ändra 3; titel: Ärenden till nämnden; föredragande: Direktören")
    h.do("sara", "/arende ändra 2; föredragande: HR-chef")
    h.do("sara", "/anteckning 2; Anteckningarna läggs till handlingarna.")
    h.do("sara", "/anteckning 3; Direktören går igenom ärendena.")
    h.do("sara", "/arende ändra 5; sektion: Övrigt")
    h.do("sara", "/anteckning 5; Rapporten tas upp under Övrigt.")
    h.do("sara", "/mote ändra #1; plats: Sof, Bredgatan; tid: 18 mars kl 13–15")
    text = minutes(h)
    assert "Ärenden till nämnden, Direktören" in text
    assert "Föregående mötesanteckningar, HR-chef" in text
    assert "Föredragningslista nämnden" not in text
    assert "Tid: 13.00–15.00" in text and "Plats: Sof, Bredgatan" in text
    assert text.index("Kvalitetsrapport 2025") > text.index("\nÖvrigt\n")
    h.do("sara", "/arende ta bort 2")
    assert "Föregående mötesanteckningar" not in minutes(h)
    audit = [a for a in h.snapshot()["AuditEntry"] if a.action.startswith("change_")]
    assert audit and all("Direktören" not in a.detail for a in audit)


def test_a_correction_after_posting_makes_a_new_version_the_justerare_approve_again(
    store_factory,
) -> None:
    h = Harness(store_factory)
    hold_meeting(h)  # version 1 posted; justerare Jonas and Lina
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll ändring; Underskottet var 4 mnkr, inte 3.")
    h.now = at("2026-03-19T10:00")
    h.do("sara", "/anteckning ändra 4.1; Prognosen visar ett underskott på 4 mnkr.")
    assert h.refused("jonas", "/protokoll godkänn").key == "draft_changed_wait"
    posted = h.do("sara", "/protokoll posta")
    event = next(e for e in posted.events if e.kind == "minutes_posted")
    assert event.version == 2
    assert "-Prognosen visar ett underskott på 3 mnkr." in event.changes
    assert "+Prognosen visar ett underskott på 4 mnkr." in event.changes
    # Jonas approved version 1; that no longer counts, and both are reminded again.
    assert "Jonas Ek: väntar" in event.status
    reminders: list[Reminder] = h.snapshot()["Reminder"]
    again = {
        r.target_ref
        for r in reminders
        if "v2:justering" in r.key and r.status is ReminderStatus.PENDING
    }
    assert again == {"console:jonas", "console:lina"}
    assert not [
        r for r in reminders if "v1:justering" in r.key and r.status is ReminderStatus.PENDING
    ]
    reply = h.do("jonas", "/protokoll godkänn")
    assert "justerat" not in reply.message, "Lina has not approved version 2 yet"


def test_nothing_can_be_corrected_once_justerade(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    for line in (
        "/anteckning ändra #1 4.1; Sent ändrat.",
        "/arende ändra #1 4; titel: Annat",
        "/mote ändra #1; plats: Annan",
        "/ångra #1",
        "/protokollsanteckning ta bort #1 4; Vision",
    ):
        assert h.refused("sara", line).key == "meeting_locked", line
    entries: list[Entry] = h.snapshot()["Entry"]
    assert [e.text for e in entries] == ["Prognosen visar ett underskott på 3 mnkr."]
    assert not [
        a
        for a in h.snapshot()["AuditEntry"]
        if isinstance(a, AuditEntry) and a.detail.startswith("Prognosen")
    ]


def test_a_groups_own_standing_items_come_on_every_new_meeting_in_their_order(
    store_factory,
) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)  # meeting #1 planned with the common three standing items
    h.do("maria", "/grupp stående lägg till Ärenden till nämnden; Information; Direktören")
    h.do("maria", "/grupp stående lägg till Arbetsmiljö; Dialog")
    h.do("maria", "/grupp stående ta bort 3")  # Föredragningslista nämnden
    shown = h.do("jonas", "/grupp stående visa").message.splitlines()
    assert shown[1:] == [
        "  1. Val av justerare · Inledning",
        "  2. Föregående mötesanteckningar · Inledning",
        "  3. Ärenden till nämnden, Direktören · Information",
        "  4. Arbetsmiljö · Dialog",
    ]
    h.do("maria", "/mote planera onsdag 15 april kl 13; Sof")
    agenda = h.do("maria", "/mote visa #2").message
    assert "[3] Ärenden till nämnden – Direktören" in agenda
    assert "Dialog\n  [4] Arbetsmiljö" in agenda
    assert "Föredragningslista nämnden" not in agenda
    # The meeting planned before keeps the items it was planned with.
    assert "Föredragningslista nämnden" in h.do("maria", "/mote visa #1").message
    # On one meeting a standing item is taken off, not rejected; it moves like any other
    # (to another section, then first in it).
    refused = h.refused("sara", "/arende avvisa #2 3")
    assert "`/arende ta bort 3`" in refused.message("sv")
    h.do("sara", "/arende flytta #2 3; Dialog")
    h.do("sara", "/arende ordna #2 3, 4")
    assert "Dialog\n  [3] Ärenden till nämnden – Direktören\n  [4] Arbetsmiljö" in (
        h.do("maria", "/mote visa #2").message
    )


def test_a_groups_standing_items_are_ordered_and_moved_by_its_leads(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)  # meeting #1 planned with the common three standing items
    assert h.refused("jonas", "/grupp stående ordna 2, 1").key == "denied_leads"
    # As /arende ordna: the named ones first in their section; the common three become the group's.
    assert h.do("maria", "/grupp stående ordna 2, 1").message.splitlines() == [
        "Gruppens stående ärenden, i den ordning nya möten får dem:",
        "  1. Föregående mötesanteckningar · Inledning",
        "  2. Val av justerare · Inledning",
        "  3. Föredragningslista nämnden · Information",
    ]
    h.do("maria", "/grupp stående lägg till Arbetsmiljö; Dialog; Skyddsombudet")
    # As /arende flytta: last in the other section; the numbers follow the order meetings get.
    assert h.do("maria", "/grupp stående flytta 3; Övrigt").message.splitlines()[3:] == [
        "  3. Arbetsmiljö, Skyddsombudet · Dialog",
        "  4. Föredragningslista nämnden · Övrigt",
    ]
    h.do("maria", "/grupp stående lägg till Budget; Dialog")  # 5, after Övrigt's
    h.do("sara", "/grupp stående ordna 5")
    assert h.do("jonas", "/grupp stående visa").message.splitlines()[3:] == [
        "  3. Budget · Dialog",
        "  4. Arbetsmiljö, Skyddsombudet · Dialog",
        "  5. Föredragningslista nämnden · Övrigt",
    ]
    h.do("maria", "/mote planera onsdag 15 april kl 13; Sof")
    agenda = h.do("maria", "/mote visa #2").message
    assert "\n  [1] Föregående mötesanteckningar\n  [2] Val av justerare\n" in agenda
    assert "Dialog\n  [3] Budget\n  [4] Arbetsmiljö – Skyddsombudet\n" in agenda
    assert "Övrigt\n  [5] Föredragningslista nämnden" in agenda
    # The meeting planned before keeps its own order.
    assert "\n  [1] Val av justerare\n  [2] Föregående mötesanteckningar\n" in (
        h.do("maria", "/mote visa #1").message
    )


def test_items_with_nothing_recorded_and_their_empty_sections_are_left_out(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)  # notes on 4 and a decision on 6; nothing on 2, 3, 5 and 7
    text = minutes(h)
    for title in ("Föregående mötesanteckningar", "Föredragningslista nämnden", "Ny organisation"):
        assert title not in text, title
    assert "Kvalitetsrapport" not in text and "\nDialog\n" not in text  # no empty heading
    assert "\nBeslut\n\n• OSA-mål 2026\n" in text
    # What a section states on purpose stays: "Inga beslut" under a section with no items.
    h.do("sara", "/mote ändra; tomma sektioner: Övrigt")
    assert "\nÖvrigt\n\nInga beslut\n" in minutes(h)


def test_the_outcome_sentence_is_never_said_twice_and_may_be_left_to_the_secretary(
    store_factory,
) -> None:
    h = Harness(store_factory)
    in_session(h)
    h.do("sara", "/beslut 6; inget beslut; Inga beslut")
    text = minutes(h)
    assert "\nInga beslut\n" in text and "Inget beslut fattades." not in text
    h.do("sara", "/beslut 6; enighet; Arbetsgivaren och fackliga är eniga om målen.")
    text = minutes(h)
    assert "\nArbetsgivaren och fackliga är eniga om målen.\n" in text
    assert "Ärendet är samverkat." not in text
    # Text that does not say the outcome gets the fixed sentence before it ...
    h.do("sara", "/beslut 6; samverkat; Arbetsgivaren fattar beslut enligt förslaget.")
    assert "\nÄrendet är samverkat. Arbetsgivaren fattar beslut enligt förslaget.\n" in minutes(h)
    # ... unless the secretary records the outcome with their own text only.
    reply = h.do("sara", "/beslut 6; samverkat; egen text: Arbetsgivaren fattar beslut.")
    assert "samverkat" in reply.message
    text = minutes(h)
    assert "\nArbetsgivaren fattar beslut.\n" in text and "Ärendet är samverkat." not in text
    (decision,) = h.snapshot()["Decision"]  # the outcome is kept for everything else
    assert (decision.outcome.value, decision.own_text) == ("samverkat", True)
    h.do("sara", "/ångra")
    assert "\nÄrendet är samverkat. Arbetsgivaren fattar beslut enligt förslaget.\n" in minutes(h)
    h.do("sara", "/beslut 6; samverkat; Egen text: Arbetsgivaren fattar beslut.")
    h.do("sara", "/protokoll posta")
    from bot.export import render_any

    data, _ = render_any(h.do("sara", "/protokoll export md #1"), "md")
    assert "Arbetsgivaren fattar beslut." in data.decode() and "samverkat." not in data.decode()


def test_oenighet_with_a_party_alone_names_who_disagrees(store_factory) -> None:
    h = Harness(store_factory)
    in_session(h)
    h.do("sara", "/beslut 6; oenighet; Vision")
    text = minutes(h)
    assert "Parterna är oeniga. Vision kan begära central förhandling enligt MBL §14" in text
    assert "oeniga. Vision\n" not in text  # not stored as the decision's text
    h.do("sara", "/beslut 6; oenighet; Visionen vill vänta.")  # a text stays a text
    assert "De fackliga parterna kan begära" in minutes(h) and "Visionen vill vänta." in minutes(h)
