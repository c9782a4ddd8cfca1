"""Every refusal is one sentence with an example, in Swedish or English, and changes nothing."""

from __future__ import annotations

import pytest

from tests.harness import Harness, at, hold_meeting, set_up_group, set_up_meeting

LONG = "x" * 3001

# (who, command, the refusal expected) on a group with meeting #1 planned and items 4-7 proposed.
BEFORE_MEETING = [
    ("maria", "/mote", None),  # help, not a refusal: checked separately
    ("maria", "/finnsinte", "unknown_command"),
    ("maria", "/mote planera", "usage"),
    ("maria", "/mote planera FSG; Sof", "need_date"),
    ("maria", "/mote planera FSG; onsdag 18 mars kl 13; Sof; extra; mer", "usage"),
    ("maria", "/mote planera VSG; onsdag 18 mars kl 13; Sof", "unknown_group"),
    ("maria", "/mote planera 1 mars 2026 kl 13; Sof", "meeting_in_past"),
    ("maria", "/mote planera i går kl 13; Sof", "meeting_in_past"),
    ("maria", "/mote planera blabla; Sof", "raw"),
    ("maria", "/mote planera 31 april kl 13; Sof", "raw"),
    ("maria", "/mote planera onsdag 25 mars kl 15–13; Sof", "raw"),
    ("maria", "/mote planera onsdag 18 mars kl 13; Sof", "meeting_exists"),
    ("maria", "/mote planera onsdag 25 mars kl 13; " + "S" * 201, "too_long"),
    ("maria", "/mote planera onsdag 25 mars kl 13;  ", "usage"),
    ("maria", "/mote planera 25 mars kl 13; Sof; sista dag 26 mars", "deadline_after_meeting"),
    ("jonas", "/mote planera onsdag 25 mars kl 13; Sof", "denied_leads"),
    ("maria", "/mote publicera nu", "extra_arguments"),
    ("maria", "/mote visa #99", "unknown_meeting"),
    ("maria", "/mote flytta", "usage"),
    ("jonas", "/mote ställ in", "denied_leads"),
    ("jonas", "/arende Dialog", "usage"),
    ("jonas", "/arende Möte; Rubrik", "unknown_section"),
    ("jonas", "/arende Dialog; " + "R" * 201, "too_long"),
    ("jonas", f"/arende Dialog; Rubrik; beskrivning: {LONG}", "too_long"),
    ("jonas", "/arende Dialog; Rubrik; riskbedömning: ja", "risk_only_beslut"),
    ("jonas", "/arende Beslut; Rubrik; riskbedömning: kanske", "need_yes_no"),
    ("jonas", "/arende Dialog; Rubrik; A; B; C", "extra_arguments"),
    ("jonas", "/arende acceptera 4", "denied_leads"),
    ("maria", "/arende acceptera", "need_numbers"),
    ("maria", "/arende acceptera fyra", "need_number"),
    ("maria", "/arende acceptera 42", "unknown_item"),
    ("maria", "/arende avvisa 1", "standing_item_stays"),
    ("maria", "/arende ordna 5, 5", "order_repeats"),
    ("maria", "/arende flytta 5; Inledning", "unknown_section"),
    ("jonas", "/mote publicera", "denied_leads"),
    ("maria", "/grupp part Vision; fack", "party_exists"),
    ("maria", "/grupp part Lärarna; förening", "unknown_party_kind"),
    ("maria", "/grupp medlem kim; Kim; Lärarna; ledamot", "unknown_party"),
    ("maria", "/grupp medlem kim; Kim; Vision; chef", "unknown_role"),
    ("maria", "/grupp medlem kim; Kim; Vision; ledamot; superuser", "extra_arguments"),
    ("maria", "/grupp medlem @; Kim; Vision; ledamot", "unknown_user"),
    ("maria", "/grupp medlem maria; Maria Lind; Arbetsgivaren; ordförande", "keep_own_admin"),
    ("jonas", "/grupp part Lärarförbundet; fack", "denied_admin"),
    ("maria", "/grupp skapa FSG; Igen", "group_exists"),
    ("maria", "/grupp stil blå", "unknown_style"),
    ("maria", "/grupp stil ladda\nname: egen\nfärg: blå", "style_invalid"),
    ("jonas", "/grupp stil 2021", "denied_leads"),
    ("jonas", "/grupp enhet HR", "denied_leads"),
    ("maria", "/grupp stående ta bort 9", "unknown_standing"),
    ("maria", "/grupp stående lägg till Val av justerare; Inledning", "standing_exists"),
    ("maria", "/grupp stående lägg till Rubrik; Möte", "unknown_section"),
    ("maria", "/grupp stående ordna 2, 2", "standing_order_repeats"),
    ("maria", "/grupp stående ordna 2, 9", "unknown_standing"),
    ("maria", "/grupp stående flytta 2; Möte", "unknown_section"),
    ("jonas", "/grupp stående flytta 2; Dialog", "denied_leads"),
    ("maria", "/grupp skapa VSG; Ny grupp", "channel_taken"),
    ("okand", "/arende Dialog; Rubrik", "not_member"),
    ("jonas", "/beslut 5; samverkat", "no_meeting_session"),
    ("jonas", "/protokoll godkänn", "no_meeting_justering"),
    ("sara", "/protokoll posta", "no_meeting_minutes"),
    ("sara", "/protokoll posta #1", "minutes_before_meeting"),
    ("jonas", "/protokoll ändring", "comment_required"),
]


@pytest.mark.parametrize(("user", "line", "key"), [c for c in BEFORE_MEETING if c[2]])
def test_refused_before_the_meeting(store_factory, user: str, line: str, key: str) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    error = h.refused(user, line)
    assert error.key == key
    for lang in ("sv", "en"):
        text = error.message(lang)
        assert text.count("\n") == 0
        assert "`" in text or key == "raw", f"{key} shows no example: {text}"


IN_SESSION = [
    ("sara", "/justerare", None),
    ("sara", "/justerare jonas, jonas", "justerare_repeated"),
    ("sara", "/justerare jonas, okand", "justerare_not_member"),
    ("jonas", "/justerare jonas, lina", "denied_leads"),
    ("sara", "/anteckning 4", "usage"),
    ("sara", "/anteckning 4;  ", "usage"),
    ("sara", "/anteckning fyra; text", "need_number"),
    ("sara", f"/anteckning 4; {LONG}", "too_long"),
    ("sara", "/anteckning 99; text", "unknown_item"),
    ("jonas", "/anteckning 4; text", "denied_leads"),
    ("sara", "/beslut 6", "usage"),
    ("sara", "/beslut 6; kanske", "unknown_outcome"),
    ("sara", "/beslut 6; oenighet; Lärarna; text", "unknown_party"),
    ("sara", "/beslut 6; samverkat; egen text:  ", "usage"),
    ("jonas", "/beslut 6; samverkat", "denied_leads"),
    ("sara", "/protokoll posta", "no_justerare_yet"),
    ("sara", "/protokoll godkänn", "no_meeting_justering"),
    # Corrections: a missing entry lists the item's entries, an empty change changes nothing.
    ("sara", "/anteckning ändra 4.9; Ny text.", "unknown_entry"),
    ("sara", "/anteckning ändra 4.x; Ny text.", "need_entry_ref"),
    ("sara", "/anteckning ändra 4.1", "nothing_changed"),
    ("sara", "/anteckning ta bort 99.1", "unknown_item"),
    ("sara", "/anteckning flytta 4.1; först", "need_position"),
    (
        "jonas",
        "/protokollsanteckning 5; Kommunal; Kommunal tycker annorlunda.",
        "statement_other_party",
    ),
    ("sara", "/protokollsanteckning 5; Lärarna; De tycker.", "unknown_party"),
    ("sara", "/protokollsanteckning ta bort 5; Vision", "no_statement"),
    ("sara", "/protokollsanteckning ta bort 5", "usage"),
    ("sara", "/ångra", "nothing_to_undo"),
    ("sara", "/ångra nu", "extra_arguments"),
    ("sara", "/arende ändra 5", "nothing_changed"),
    ("sara", "/arende ändra 5; titel: Kvalitetsrapport 2025", "nothing_changed"),
    ("sara", "/arende ändra 5; färg: blå", "need_item_field"),
    ("sara", "/arende ändra 5; titel: ", "empty_title"),
    ("sara", "/arende ändra 5; riskbedömning: ja", "risk_only_beslut"),
    ("jonas", "/arende ändra 5; titel: Annat", "denied_leads"),
    ("sara", "/arende ta bort fem", "need_number"),
    ("sara", "/mote ändra", "nothing_changed"),
    ("sara", "/mote ändra; plats", "need_meeting_field"),
    ("sara", "/mote ändra; tid: blabla", "raw"),
    ("sara", "/beslut ta bort 6", "no_decision"),
    ("sara", "/justerare ta bort petra", "not_justerare"),
]


@pytest.mark.parametrize(("user", "line", "key"), [c for c in IN_SESSION if c[2]])
def test_refused_in_the_meeting(store_factory, user: str, line: str, key: str) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:05")
    assert h.refused(user, line).key == key


JUSTERING = [
    ("maria", "/protokoll godkänn", "denied_justerare"),
    ("sara", "/justerare ta bort jonas, lina", "last_justerare"),
    ("jonas", "/anteckning ändra 4.1; Ändrat.", "denied_leads"),
    ("sara", "/anteckning ändra 4.1; Prognosen visar ett underskott på 3 mnkr.", "nothing_changed"),
    ("jonas", "/protokoll ändring;   ", "comment_required"),
    ("sara", "/protokoll posta", "minutes_unchanged"),
]


@pytest.mark.parametrize(("user", "line", "key"), JUSTERING)
def test_refused_during_justering(store_factory, user: str, line: str, key: str) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    assert h.refused(user, line).key == key


def test_approving_twice_is_refused(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    assert h.refused("jonas", "/protokoll godkänn").key == "already_approved"


LOCKED = [
    ("sara", "/anteckning #1 4; Sent tillägg."),
    ("sara", "/beslut #1 6; oenighet"),
    ("sara", "/justerare #1 jonas"),
    ("petra", "/protokollsanteckning #1 6; Vision vill tillägga något."),
    ("sara", "/protokoll posta #1"),
    ("jonas", "/protokoll godkänn #1"),
    ("maria", "/arende acceptera 4 #1"),
    ("maria", "/mote ställ in #1"),
    ("sara", "/anteckning ändra #1 4.1; Sent ändrat."),
    ("sara", "/anteckning ta bort #1 4.1"),
    ("sara", "/arende ändra #1 4; titel: Annan rubrik"),
    ("sara", "/arende ta bort #1 5"),
    ("sara", "/mote ändra #1; plats: Annan plats"),
    ("sara", "/beslut ta bort #1 6"),
    ("sara", "/ångra #1"),
    ("sara", "/justerare ta bort #1 lina"),
    ("sara", "/uppfoljning #1 6; HR-chef; Ta fram ett förslag; oktober"),
    # The admin corrects imported meetings only: minutes justerade here stay locked for them too.
    ("maria", "/anteckning ändra #1 4.1; Sent ändrat."),
    ("maria", "/beslut ta bort #1 6"),
    ("maria", "/ångra #1"),
]


@pytest.mark.parametrize(("user", "line"), LOCKED)
def test_justerade_minutes_are_locked(store_factory, user: str, line: str) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    assert h.refused(user, line).key == "meeting_locked"


def test_english_users_get_english_refusals(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    error = h.refused("maria", "/mote planera 1 mars 2026 kl 13; Sof")
    assert "in the past" in error.message("en")
    assert "har redan varit" in error.message("sv")
    error = h.refused("maria", "/mote planera 31 april kl 13; Sof", lang="en")
    assert "31" in error.message("en")


def test_help_is_shown_not_refused(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    from bot.commands.parse import parse
    from bot.console.app import user_ref

    lines = ("/mote", "/mote hjälp", "/arende", "/justerare", "/beslut", "/protokoll", "/hjalp")
    for line in lines:
        call = parse(line, now=h.now, lang="sv", resolve_user=user_ref)
        assert call.operation is None
        assert call.text.startswith("/") or call.text.startswith("Kommandon")


# Uppföljning: (who, command, the refusal) in meeting #1 on its day, every item accepted.
FOLLOW_UP = [
    ("sara", "/uppfoljning 6", "usage"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag", "usage"),
    ("sara", "/uppfoljning 6; HR-chef; ; oktober", "usage"),
    ("sara", "/uppfoljning sex; HR-chef; Ta fram ett förslag; oktober", "need_number"),
    ("sara", "/uppfoljning 99; HR-chef; Ta fram ett förslag; oktober", "unknown_item"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag; 1 mars 2026", "followup_in_past"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag; i går", "followup_in_past"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober 2025", "followup_in_past"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag; blabla", "followup_bad_due"),
    ("sara", "/uppfoljning 6; HR-chef; Ta fram ett förslag; v. 60", "followup_bad_due"),
    ("sara", "/uppfoljning 6; @okand; Ta fram ett förslag; oktober", "followup_not_member"),
    ("sara", f"/uppfoljning 6; HR-chef; {LONG}; oktober", "too_long"),
    ("sara", "/uppfoljning 6; " + "H" * 101 + "; Ta fram ett förslag; oktober", "too_long"),
    ("sara", "/uppfoljning 6; HR-chef; Ring 19811218-9876; oktober", "privacy_personnummer"),
    ("jonas", "/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober", "denied_leads"),
    ("okand", "/uppfoljning 6; HR-chef; Ta fram ett förslag; oktober", "not_member"),
    ("sara", "/uppfoljning klar 42; Klart.", "unknown_followup"),
    ("sara", "/uppfoljning klar 1", "usage"),
    ("sara", "/uppfoljning klar 1;   ", "empty_outcome"),
    ("sara", "/uppfoljning klar ett; Klart.", "need_number"),
    ("sara", f"/uppfoljning klar 1; {LONG}", "too_long"),
    ("jonas", "/uppfoljning klar 1; Klart.", "denied_responsible"),
    ("sara", "/uppfoljning lista nu", "extra_arguments"),
    ("sara", "/arende ta bort 4", "item_has_followups"),
    ("sara", "/uppfoljning ändra 1", "usage"),
    ("sara", "/uppfoljning ändra 1; färg: blå", "need_followup_field"),
    ("sara", "/uppfoljning ändra 1; när: blabla", "followup_bad_due"),
    ("sara", "/uppfoljning ändra 1; när: 1 mars 2026", "followup_in_past"),
    ("sara", "/uppfoljning ändra 1; vem: @okand", "followup_not_member"),
    ("sara", "/uppfoljning ändra 1; vem: ; vad: Ta fram underlag", "empty_responsible"),
    ("sara", "/uppfoljning ändra 1; vad: Ta fram underlag", "nothing_changed"),
    ("sara", "/uppfoljning ändra 1; ärende: 99", "unknown_item"),
    ("sara", "/uppfoljning ändra 1; ärende: fyra", "need_number"),
    ("sara", "/uppfoljning ändra 42; vad: Annat", "unknown_followup"),
    ("sara", f"/uppfoljning ändra 1; vad: {LONG}", "too_long"),
    ("jonas", "/uppfoljning ändra 1; vad: Annat", "denied_leads"),
    ("sara", "/uppfoljning ta bort 42", "unknown_followup"),
    ("sara", "/uppfoljning ta bort ett", "need_number"),
    ("petra", "/uppfoljning ta bort 1", "denied_leads"),
]


@pytest.mark.parametrize(("user", "line", "key"), FOLLOW_UP)
def test_refused_follow_ups(store_factory, user: str, line: str, key: str) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/uppfoljning 4; @petra; Ta fram underlag; 30 april")
    error = h.refused(user, line)
    assert error.key == key
    for lang in ("sv", "en"):
        text = error.message(lang)
        assert text.count("\n") == 0
        assert "`" in text, f"{key} shows no example: {text}"


def test_follow_up_on_an_item_not_accepted_is_refused(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    error = h.refused("sara", "/uppfoljning #1 7; HR-chef; Ta fram ett förslag; oktober")
    assert error.key == "item_not_accepted"


def test_closing_twice_is_refused(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("sara", "/uppfoljning #1 4; @petra; Ta fram underlag; 30 april")
    h.do("petra", "/uppfoljning klar 1; Underlaget är skickat.")
    assert h.refused("petra", "/uppfoljning klar 1; Igen.").key == "followup_already_closed"


def test_another_groups_commitment_is_unknown(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("sara", "/uppfoljning #1 4; HR-chef; Ta fram underlag; 30 april")
    h.do("maria", "/grupp skapa VSG; Verksamhetssamverkan BUF", channel="vsg")
    error = h.refused("maria", "/uppfoljning klar 1; Klart.", channel="vsg")
    assert error.key == "unknown_followup"


@pytest.mark.parametrize(
    "line", ["/uppfoljning ändra 1; vad: Sent ändrat", "/uppfoljning ta bort 1"]
)
def test_a_commitment_in_justerade_minutes_is_locked(store_factory, line: str) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")
    h.do("sara", "/uppfoljning 4; @petra; Ta fram underlag; 30 april")
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    assert h.refused("sara", line).key == "meeting_locked"


# An imported meeting (#1 here) is corrected by the group's admins only.
ON_IMPORTED = [
    ("sara", "/anteckning ändra #1 1.1; Ny text."),
    ("sara", "/anteckning ta bort #1 1.1"),
    ("sara", "/arende ändra #1 1; titel: Annan rubrik"),
    ("sara", "/beslut ta bort #1 2"),
    ("sara", "/beslut #1 2; enighet"),
    ("sara", "/mote ändra #1; plats: Annan plats"),
    ("jonas", "/ångra #1"),
]


@pytest.mark.parametrize(("user", "line"), ON_IMPORTED)
def test_imported_meetings_are_corrected_by_admins_only(store_factory, user, line) -> None:
    from tests.test_import_report import MINUTES, run

    h = Harness(store_factory)
    set_up_group(h)
    run(h, MINUTES)
    error = h.refused(user, line)
    assert error.key == "imported_admin_only"
    for lang in ("sv", "en"):
        text = error.message(lang)
        assert text.count("\n") == 0 and "`" in text
