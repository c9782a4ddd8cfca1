"""/mote flytta and /mote ändra; tid: retime a meeting by the same rules, DST week included."""

from __future__ import annotations

import pytest

from bot.core.model import Meeting, ReminderKind
from tests.harness import Harness, at, set_up_group
from tests.test_reminders import local, pending

# The two ways to give a meeting a new time; {ref} and {when} are filled in.
MOVE = "/mote flytta #{ref} {when}"
CHANGE = "/mote ändra #{ref}; tid: {when}"
BOTH = pytest.mark.parametrize("command", [MOVE, CHANGE], ids=["flytta", "ändra"])


def planned(store_factory, when: str = "onsdag 25 mars kl 13–15") -> Harness:
    """Meeting #1 planned on Monday 2 March 2026 09:00; its deadline a week before it."""
    h = Harness(store_factory, now=at("2026-03-02T09:00"))
    set_up_group(h)
    h.do("maria", f"/mote planera {when}; Sof")
    return h


def retime(h: Harness, command: str, when: str, ref: int = 1) -> str:
    return h.do("maria", command.format(ref=ref, when=when)).message


def meeting(h: Harness, number: int = 1) -> Meeting:
    (found,) = [m for m in h.snapshot()["Meeting"] if m.number == number]
    return found


def times(h: Harness) -> tuple[str, str | None, bool, str]:
    m = meeting(h)
    end = local(m.ends_at) if m.ends_at else None
    return local(m.starts_at), end, m.time_known, local(m.agenda_deadline)


@BOTH
def test_into_summer_time_the_deadline_and_reminders_keep_their_clock(
    store_factory, command: str
) -> None:
    h = planned(store_factory)
    # Summer time begins on Sunday 29 March 2026: a week later is 13.00 again, not 12.00.
    retime(h, command, "onsdag 1 april kl 13")
    assert times(h) == (
        "2026-04-01T13:00+02:00",
        "2026-04-01T15:00+02:00",  # a new start alone keeps the meeting's two hours
        True,
        "2026-03-25T13:00+01:00",
    )
    tomorrow = pending(h, ReminderKind.MEETING_TOMORROW)
    assert {local(r.due_at) for r in tomorrow} == {"2026-03-31T09:00+02:00"}
    assert len(tomorrow) == 5  # moved, not doubled
    agenda = pending(h, ReminderKind.AGENDA_DEADLINE)
    assert [local(r.due_at) for r in agenda] == ["2026-03-20T09:00+01:00", "2026-03-24T09:00+01:00"]
    assert {local(r.expires_at) for r in agenda} == {"2026-03-25T13:00+01:00"}
    # And back out of it in the autumn week (winter time from Sunday 25 October).
    h.do("maria", "/mote flytta #1 onsdag 21 oktober kl 13")
    retime(h, command, "onsdag 28 oktober kl 13")
    assert times(h)[0::3] == ("2026-10-28T13:00+01:00", "2026-10-21T13:00+02:00")


@BOTH
def test_a_date_only_keeps_the_clock_and_moves_the_deadline_by_whole_days(
    store_factory, command: str
) -> None:
    h = planned(store_factory)
    retime(h, command, "torsdag 2 april")
    assert times(h) == (
        "2026-04-02T13:00+02:00",
        "2026-04-02T15:00+02:00",
        True,
        "2026-03-26T13:00+01:00",
    )
    assert {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)} == {
        "2026-04-01T09:00+02:00"
    }


@BOTH
def test_a_whole_day_meeting_moved_to_a_time_keeps_its_deadline_at_the_days_end(
    store_factory, command: str
) -> None:
    h = planned(store_factory, "fredag 27 mars")
    retime(h, command, "fredag 3 april")
    assert times(h) == ("2026-04-03T00:00+02:00", None, False, "2026-03-27T23:59+01:00")
    retime(h, command, "torsdag 16 april kl 13 till 15")
    assert times(h) == (
        "2026-04-16T13:00+02:00",
        "2026-04-16T15:00+02:00",
        True,
        "2026-04-09T23:59+02:00",
    )


@BOTH
def test_a_time_gone_is_refused_with_an_example_that_works(store_factory, command: str) -> None:
    h = planned(store_factory, "onsdag 25 mars kl 8")
    before = times(h)
    # A date alone keeps the clock: today at 08.00 is already over at 09.00.
    today = h.refused("maria", command.format(ref=1, when="2 mars"))
    example = command.format(ref=1, when="9 mars kl 8")
    assert today.message("sv") == (
        "måndag 2 mars 2026 kl. 08.00 har redan varit; ange en kommande tid, "
        f"till exempel `{example}`."
    )
    english = h.refused("maria", command.format(ref=1, when="1 March 2026 13:30"), lang="en")
    assert english.message("en") == (
        "Sunday 1 March 2026 at 13:30 is in the past; give a time ahead, for example "
        f"`{command.format(ref=1, when='9 March 13:30')}`."
    )
    assert times(h) == before
    retime(h, command, "9 mars kl 8")  # the example itself is taken
    assert times(h)[0] == "2026-03-09T08:00+01:00"


@BOTH
def test_a_whole_day_meeting_may_move_to_today_but_not_to_yesterday(
    store_factory, command: str
) -> None:
    h = planned(store_factory, "fredag 27 mars")
    refused = h.refused("maria", command.format(ref=1, when="1 mars 2026"))
    assert refused.message("sv").startswith("söndag 1 mars 2026 har redan varit;")
    assert f"`{command.format(ref=1, when='9 mars')}`" in refused.message("sv")
    retime(h, command, "2 mars")
    assert times(h)[0] == "2026-03-02T00:00+01:00"


@BOTH
def test_moved_so_near_that_its_deadline_would_have_passed_the_deadline_is_today(
    store_factory, command: str
) -> None:
    h = planned(store_factory)
    retime(h, command, "torsdag 5 mars kl 13")
    assert times(h)[3] == "2026-03-02T23:59+01:00"
    # A proposal today is not late.
    h.do("jonas", "/arende Dialog; Lokalfrågan")
    assert "sent inkommet" not in h.do("maria", "/mote visa").message


@BOTH
def test_onto_another_meetings_time_is_refused(store_factory, command: str) -> None:
    h = planned(store_factory)
    h.do("maria", "/mote planera onsdag 8 april kl 13; Sof")
    refused = h.refused("maria", command.format(ref=1, when="8 april kl 13"))
    assert refused.key == "meeting_exists" and "#2" in refused.message("sv")


def test_both_answers_say_the_new_deadline(store_factory) -> None:
    h = planned(store_factory)
    assert retime(h, MOVE, "onsdag 1 april kl 13") == (
        "Möte #1 är flyttat till onsdag 1 april 2026 kl. 13.00–15.00; "
        "sista dag för ärenden är nu onsdag 25 mars 2026 kl. 13.00."
    )
    assert retime(h, CHANGE, "onsdag 8 april kl 10") == (
        "Möte #1 är ändrat: onsdag 8 april 2026 kl. 10.00–12.00, Sof. "
        "Sista dag för ärenden är nu onsdag 1 april 2026 kl. 10.00."
    )
    # A place alone leaves the deadline, and says nothing of it.
    assert h.do("maria", "/mote ändra #1; plats: Rådhuset").message == (
        "Möte #1 är ändrat: onsdag 8 april 2026 kl. 10.00–12.00, Rådhuset."
    )


def test_a_held_meetings_time_is_corrected_into_the_past_and_its_deadline_stays(
    store_factory,
) -> None:
    h = planned(store_factory, "onsdag 18 mars kl 13")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas")  # the meeting is held
    deadline = times(h)[3]
    h.do("sara", "/mote ändra #1; tid: 18 mars kl 12.30–14")
    assert times(h) == ("2026-03-18T12:30+01:00", "2026-03-18T14:00+01:00", True, deadline)


def test_undoing_a_new_time_brings_the_reminders_back(store_factory) -> None:
    h = planned(store_factory)
    retime(h, CHANGE, "onsdag 1 april kl 13")
    h.do("maria", "/ångra #1")
    assert times(h)[0] == "2026-03-25T13:00+01:00"
    assert {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)} == {
        "2026-03-24T09:00+01:00"
    }


@BOTH
def test_a_deadline_pulled_to_today_grows_back_to_a_week_when_the_meeting_moves_far_ahead(
    store_factory, command: str
) -> None:
    """Planned four days ahead, its deadline is today's end; moved three weeks on, the week
    before is the deadline again (not the four-day lead shifted along)."""
    h = Harness(store_factory, now=at("2026-03-02T09:00"))
    set_up_group(h)
    h.do("maria", "/mote planera fredag 6 mars kl 13; Sof")
    assert times(h)[3] == "2026-03-02T23:59+01:00"
    answer = retime(h, command, "fredag 27 mars kl 13")
    assert times(h)[3] == "2026-03-20T13:00+01:00"
    assert "fredag 20 mars 2026 kl. 13.00" in answer
    # With the usual week again, a move shifts it as any deadline (summer time from 29 March).
    retime(h, command, "måndag 30 mars kl 13")
    assert times(h)[3] == "2026-03-23T13:00+01:00"
    # Moved a little from a short lead, the deadline comes no earlier than it was.
    h.do("maria", "/mote planera torsdag 5 mars kl 13; Sof")
    retime(h, command, "måndag 9 mars kl 13", ref=2)
    assert local(meeting(h, 2).agenda_deadline) == "2026-03-02T23:59+01:00"


@BOTH
def test_a_chosen_long_deadline_keeps_its_lead_when_moved_later(store_factory, command) -> None:
    h = Harness(store_factory, now=at("2026-03-02T09:00"))
    set_up_group(h)
    h.do("maria", "/mote planera onsdag 25 mars kl 13; Sof; sista dag: 11 mars kl 12")
    retime(h, command, "onsdag 1 april kl 13")
    assert times(h)[3] == "2026-03-18T12:00+01:00"
