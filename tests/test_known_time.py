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
    # No time, no place and no "–" for them; the last day for items is the whole day.
    assert planned.startswith("Möte #1 för FSG är planerat 18 mars 2026. ")
    assert "Sista dag för ärenden: onsdag 11 mars 2026 kl. 23.59." in planned
    agenda = h.do("maria", "/mote visa").message.splitlines()
    assert agenda[1] == "18 mars 2026"
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
        "Möte #1 är ändrat: 18 mars 2026, Sof, Storgatan 12."
    )
    assert (
        "Datum: 2026-03-18  Plats: Sof, Storgatan 12\n" in h.do("sara", "/protokoll visa").message
    )
    assert h.do("maria", "/mote visa #1").message.splitlines()[1] == (
        "18 mars 2026, Sof, Storgatan 12"
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
