"""What is known, and no more: date-only and time-range meetings in replies, minutes, ICS."""

from __future__ import annotations

from bot.export import render_any
from tests.harness import Harness, at, set_up_group
from tests.test_documents import parse_ics


def invitation(h: Harness, ref: int = 1) -> dict[str, tuple[dict[str, str], str]]:
    data, name = render_any(h.do("maria", f"/mote export ics #{ref}"), "ics")
    assert name.endswith(".ics")
    return {n: (params, value) for n, params, value in parse_ics(data.decode("utf-8"))}


def held(h: Harness, ref: int = 1) -> str:
    """The meeting held with a note and a justerare; its draft minutes."""
    h.now = at("2026-03-18T13:05")
    h.do("sara", f"/justerare #{ref} jonas")
    h.do("sara", f"/anteckning #{ref} 2; Anteckningarna läggs till handlingarna.")
    return h.do("sara", f"/protokoll visa #{ref}").message


def test_a_meeting_with_a_date_only_and_no_place_invents_neither(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    planned = h.do("maria", "/mote planera onsdag 18 mars").message
    # Its weekday as a timed meeting has; no time, no place and no "–" for them; the last day
    # for items is the whole day.
    assert planned.startswith("Möte #1 för FSG är planerat onsdag 18 mars 2026. ")
    assert "Sista dag för ärenden: onsdag 11 mars 2026 kl. 23.59." in planned
    agenda = h.do("maria", "/mote visa").message.splitlines()
    assert agenda[1] == "onsdag 18 mars 2026"
    assert "  #1  onsdag 18 mars 2026 – planerat" in h.do("maria", "/mote lista").message
    english = h.do("maria", "/mote visa", lang="en").message.splitlines()
    assert english[1] == "Wednesday 18 March 2026"
    # The calendar invitation is an all-day event (its end the next day, exclusive).
    event = invitation(h)
    assert event["DTSTART"] == ({"VALUE": "DATE"}, "20260318")
    assert event["DTEND"] == ({"VALUE": "DATE"}, "20260319")
    assert event["TRANSP"][1] == "TRANSPARENT"
    assert event["LOCATION"][1] == ""
    minutes = held(h)
    assert "Datum: 2026-03-18\n" in minutes
    assert "Tid:" not in minutes and "Plats:" not in minutes
    # The place said later shows where it belongs, still with no time.
    assert h.do("sara", "/mote ändra; plats: Sof, Storgatan 12").message == (
        "Möte #1 är ändrat: onsdag 18 mars 2026, Sof, Storgatan 12."
    )
    assert (
        "Datum: 2026-03-18  Plats: Sof, Storgatan 12\n" in h.do("sara", "/protokoll visa").message
    )
    assert h.do("maria", "/mote visa #1").message.splitlines()[1] == (
        "onsdag 18 mars 2026, Sof, Storgatan 12"
    )


def test_a_time_range_reaches_the_minutes_the_agenda_and_the_invitations_end(
    store_factory,
) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    planned = h.do("maria", "/mote planera onsdag 18 mars kl 13–15; Sof").message
    assert "planerat onsdag 18 mars 2026 kl. 13.00–15.00, Sof." in planned
    assert h.do("maria", "/mote visa").message.splitlines()[1] == (
        "onsdag 18 mars 2026 kl. 13.00–15.00, Sof"
    )
    event = invitation(h)
    assert event["DTSTART"] == ({"TZID": "Europe/Stockholm"}, "20260318T130000")
    assert event["DTEND"] == ({"TZID": "Europe/Stockholm"}, "20260318T150000")
    assert event["TRANSP"][1] == "OPAQUE"
    assert "Datum: 2026-03-18  Tid: 13.00–15.00  Plats: Sof\n" in held(h)
    # Moved to a longer afternoon, the invitation follows; the minutes say the new range.
    h.do("sara", "/mote ändra; tid: 18 mars kl 13 till 16")
    assert invitation(h)["DTEND"][1] == "20260318T160000"
    assert "Tid: 13.00–16.00" in h.do("sara", "/protokoll visa").message


def test_a_time_without_an_end_has_a_two_hour_invitation(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof")
    event = invitation(h)
    assert event["DTEND"] == ({"TZID": "Europe/Stockholm"}, "20260318T150000")
    assert "Datum: 2026-03-18  Tid: 13.00  Plats: Sof\n" in held(h)


def test_a_meeting_moves_to_a_time_range_or_a_date_only_and_its_reminders_follow(
    store_factory,
) -> None:
    from bot.core.model import ReminderKind
    from tests.test_reminders import local, pending

    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof")
    assert h.do("maria", "/mote flytta #1 onsdag 25 mars kl 13–15").message == (
        "Möte #1 är flyttat till onsdag 25 mars 2026 kl. 13.00–15.00; "
        "sista dag för ärenden är nu onsdag 18 mars 2026 kl. 13.00."
    )
    assert invitation(h)["DTEND"][1] == "20260325T150000"
    tomorrow = pending(h, ReminderKind.MEETING_TOMORROW)
    assert {local(r.due_at) for r in tomorrow} == {"2026-03-24T09:00+01:00"}
    assert len(tomorrow) == 5  # moved, not doubled
    # A new start alone keeps the meeting's length, as a move always did.
    h.do("maria", "/mote flytta #1 25 mars 13.30")
    assert invitation(h)["DTEND"][1] == "20260325T153000"
    # A day alone keeps the meeting's clock time and end ("mötet flyttas till fredag").
    assert h.do("maria", "/mote flytta #1 fredag 27 mars").message == (
        "Möte #1 är flyttat till fredag 27 mars 2026 kl. 13.30–15.30; "
        "sista dag för ärenden är nu fredag 20 mars 2026 kl. 13.30."
    )
    assert invitation(h)["DTSTART"] == ({"TZID": "Europe/Stockholm"}, "20260327T133000")
    assert invitation(h)["DTEND"][1] == "20260327T153000"
    assert {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)} == {
        "2026-03-26T09:00+01:00"
    }
    # ... across the change to summer time too: the same clock, not the same UTC moment.
    h.do("maria", "/mote flytta #1 torsdag 2 april")
    assert invitation(h)["DTSTART"] == ({"TZID": "Europe/Stockholm"}, "20260402T133000")


def test_a_whole_day_meeting_moves_as_a_whole_day_or_to_a_time(store_factory) -> None:
    from bot.core.model import ReminderKind
    from tests.test_reminders import local, pending

    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera fredag 27 mars; Sof")
    h.do("maria", "/mote flytta #1 fredag 3 april")
    assert invitation(h)["DTSTART"] == ({"VALUE": "DATE"}, "20260403")
    assert {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)} == {
        "2026-04-02T09:00+02:00"
    }
    # To a time in summer time: the last day for items moves by whole days and keeps its clock.
    moved = h.do("maria", "/mote flytta #1 torsdag 16 april kl 13 till 15").message
    assert moved.startswith("Möte #1 är flyttat till torsdag 16 april 2026 kl. 13.00–15.00; ")
    assert moved.endswith("sista dag för ärenden är nu torsdag 9 april 2026 kl. 23.59."), moved
    assert invitation(h)["DTSTART"] == ({"TZID": "Europe/Stockholm"}, "20260416T130000")
    assert {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)} == {
        "2026-04-15T09:00+02:00"
    }


def test_moving_a_meeting_refuses_a_range_without_a_date_or_an_end_before_its_start(
    store_factory,
) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof")
    no_date = h.refused("maria", "/mote flytta #1 kl 13–15")
    assert no_date.message("sv").startswith("”kl 13–15” har klockslag men inget datum;")
    assert "”onsdag 19 mars kl 13–15”" in no_date.message("sv")
    english = h.refused("maria", "/mote flytta #1 kl 13–15", lang="en").message("en")
    assert english.startswith('"kl 13–15" has times but no date;')
    backwards = h.refused("maria", "/mote flytta #1 25 mars kl 15–13").message("sv")
    assert backwards.startswith("Sluttiden i ”25 mars kl 15–13” är inte efter starttiden;")
    past = h.refused("maria", "/mote flytta #1 1 mars 2026")
    assert past.key == "meeting_in_past"
    assert past.message("sv") == (
        "söndag 1 mars 2026 kl. 13.00 har redan varit; ange en kommande tid, "
        "till exempel `/mote flytta #1 9 mars kl 13`."
    )


def test_a_date_only_meetings_reminder_says_its_day_and_no_time(store_factory) -> None:
    from tests.test_reminders import runner

    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 18 mars")
    run, sent = runner(h)
    h.now = at("2026-03-17T09:00")
    run.tick()
    tomorrow = {d.text for d in sent if "Ärendelistan" in d.text}
    # Not "kl. 00.00" and no ", ." for the place nobody has said.
    assert tomorrow == {
        "Påminnelse: FSGs möte #1 onsdag 18 mars 2026. Ärendelistan: `/mote visa #1`."
    }
