"""Reminders follow the meetings: made, moved, cancelled, sent once on working days, or dropped."""

from __future__ import annotations

import io
from datetime import datetime

from bot.console.app import Console, ConsoleState
from bot.core.delivery import Delivery
from bot.core.model import Reminder, ReminderKind, ReminderStatus
from bot.core.service import Justera
from bot.scheduling.runner import ReminderRunner
from storage.db import make_engine
from storage.store import store_factory as make_store_factory
from tests.harness import Harness, at, hold_meeting, set_up_group, set_up_meeting


def pending(h: Harness, kind: ReminderKind | None = None) -> list[Reminder]:
    return sorted(
        (
            r
            for r in h.snapshot()["Reminder"]
            if r.status is ReminderStatus.PENDING and (kind is None or r.kind is kind)
        ),
        key=lambda r: (r.due_at, r.key),
    )


def runner(h: Harness) -> tuple[ReminderRunner, list[Delivery]]:
    sent: list[Delivery] = []
    return ReminderRunner(h.service, sent.append, lambda: h.now, worker="w1"), sent


def local(moment: datetime) -> str:
    return moment.astimezone(at("2026-01-01T00:00").tzinfo).isoformat(timespec="minutes")


def test_planning_a_meeting_schedules_its_reminders_on_working_days(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")  # deadline Wednesday 11 March 13.00
    agenda = pending(h, ReminderKind.AGENDA_DEADLINE)
    # 3 days before is Sunday 8 March: moved to Friday 6 March; 1 day before is Tuesday 10 March.
    assert [local(r.due_at) for r in agenda] == ["2026-03-06T09:00+01:00", "2026-03-10T09:00+01:00"]
    assert {r.target_ref for r in agenda} == {"console:#samverkan"}
    tomorrow = pending(h, ReminderKind.MEETING_TOMORROW)
    assert {r.target_ref for r in tomorrow} == {
        f"console:{u}" for u in ("maria", "sara", "jonas", "lina", "petra")
    }
    assert {local(r.due_at) for r in tomorrow} == {"2026-03-17T09:00+01:00"}


def test_a_holiday_moves_the_reminder_to_the_working_day_before(store_factory) -> None:
    h = Harness(store_factory, now=at("2026-03-20T09:00"))
    set_up_group(h)
    # Meeting Tuesday 7 April 2026: the day before is Annandag påsk, then Easter: Skärtorsdag.
    h.do("maria", "/mote planera 7 april kl 13; Sof")
    (due,) = {local(r.due_at) for r in pending(h, ReminderKind.MEETING_TOMORROW)}
    assert due == "2026-04-02T09:00+02:00"  # summer time by then


def test_moving_and_cancelling_a_meeting_moves_and_cancels_its_reminders(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    h.do("maria", "/mote flytta #1 25 mars kl 13")
    tomorrow = pending(h, ReminderKind.MEETING_TOMORROW)
    assert {local(r.due_at) for r in tomorrow} == {"2026-03-24T09:00+01:00"}
    assert len(tomorrow) == 5  # moved, not doubled
    h.do("maria", "/mote ställ in #1")
    assert pending(h) == []
    cancelled = [r for r in h.snapshot()["Reminder"] if r.status is ReminderStatus.CANCELLED]
    assert len(cancelled) == 7


def test_a_new_member_is_reminded_too(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    h.do("maria", "/grupp medlem olle; Olle Berg; Vision; ledamot")
    targets = {r.target_ref for r in pending(h, ReminderKind.MEETING_TOMORROW)}
    assert "console:olle" in targets


def test_reminders_go_out_once_when_due_and_late_ones_say_so(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    run, sent = runner(h)
    h.now = at("2026-03-06T08:59")
    assert run.tick() == 0
    h.now = at("2026-03-06T09:00")
    assert run.tick() == 1
    assert sent[0].text.startswith("Påminnelse: sista dag för ärenden till FSGs möte #1")
    assert run.tick() == 0  # sent once
    h.now = at("2026-03-10T11:00")  # two hours after the second one fell due
    assert run.tick() == 1
    assert sent[1].late and sent[1].text.startswith("Försenad påminnelse:")
    stored = {r.key: r for r in h.snapshot()["Reminder"]}
    assert stored["m1:agenda:1"].status is ReminderStatus.SENT and stored["m1:agenda:1"].late


def test_a_reminder_past_its_moment_is_dropped_not_sent(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    h.do("maria", "/mote planera 18 mars kl 13; Sof")
    run, sent = runner(h)
    h.now = at("2026-03-18T13:30")  # the bot was down from before the deadline until after
    run.tick()
    assert [d.text for d in sent if "möte" in d.text and "Ärendelistan" in d.text] == []
    statuses = {r.kind: r.status for r in h.snapshot()["Reminder"]}
    assert statuses[ReminderKind.MEETING_TOMORROW] is ReminderStatus.DROPPED
    assert statuses[ReminderKind.AGENDA_DEADLINE] is ReminderStatus.DROPPED


def test_justering_reminders_stop_for_whoever_approves(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)  # posted Wednesday 18 March; reminders on Friday 20 and Monday 23 March
    jonas = [r for r in pending(h, ReminderKind.JUSTERING) if r.target_ref == "console:jonas"]
    assert [local(r.due_at) for r in jonas] == ["2026-03-20T09:00+01:00", "2026-03-23T09:00+01:00"]
    h.do("jonas", "/protokoll godkänn")
    targets = {r.target_ref for r in pending(h, ReminderKind.JUSTERING)}
    assert targets == {"console:lina"}
    h.do("lina", "/protokoll godkänn")
    assert pending(h, ReminderKind.JUSTERING) == []


def test_a_new_version_restarts_the_justering_reminders(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.now = at("2026-03-19T10:00")
    h.do("jonas", "/protokoll godkänn")
    h.do("sara", "/anteckning 5; Tillägg.")
    h.do("sara", "/protokoll posta")
    due = {(r.target_ref, local(r.due_at)) for r in pending(h, ReminderKind.JUSTERING)}
    # Posted Thursday 19 March: +2 is Saturday, so Friday 20; +5 is Tuesday 24 March.
    assert due == {
        (f"console:{who}", day)
        for who in ("jonas", "lina")
        for day in ("2026-03-20T09:00+01:00", "2026-03-24T09:00+01:00")
    }


def test_oenighet_reminds_the_chair_and_the_union_before_mbl14_runs_out(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("sara", "/beslut 7; oenighet; Vision; Bemanningen är inte löst.")
    mbl = pending(h, ReminderKind.MBL14)
    assert {r.target_ref for r in mbl} == {"console:maria", "console:petra"}
    assert {local(r.due_at) for r in mbl} == {"2026-03-23T09:00+01:00"}  # 25 March minus two
    run, sent = runner(h)
    h.now = at("2026-03-23T09:00")
    run.tick()
    texts = [d.text for d in sent if "MBL §14" in d.text]
    assert len(texts) == 2
    assert "Vision kan begära central förhandling" in texts[0] and "25 mars 2026" in texts[0]


def test_the_reminders_are_listed_in_the_chat(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    text = h.do("jonas", "/mote påminnelser").message
    assert text.splitlines()[0] == "Påminnelser för FSG:"
    assert "fredag 6 mars 2026 kl. 09.00: sista dag för ärenden #1 → kanalen" in text
    assert "tisdag 17 mars 2026 kl. 09.00: mötet närmar sig #1 → Jonas Ek" in text


def test_the_console_prints_reminders_as_its_clock_passes_them(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    out = io.StringIO()
    console = Console(Justera(make_store_factory(engine)), ConsoleState("maria", "samverkan"), out)
    code = console.run_script(
        [
            ":nu 2026-03-02T09:00",
            "/grupp skapa FSG; Förvaltningssamverkansgrupp",
            "/mote planera 18 mars kl 13; Sof",
            # Both agenda reminders are due: after a break only the latest goes out (issue 9).
            ":nu 2026-03-10T09:00",
            ":nu 2026-03-17T09:00",  # the day before the meeting
        ]
    )
    engine.dispose()
    assert code == 0
    printed = out.getvalue()
    assert printed.count("── Påminnelse till #samverkan ──") == 1
    assert "sista dag för ärenden" in printed
    assert printed.count("── Påminnelse till maria ──") == 1
    assert printed.index("── Påminnelse till #samverkan ──") < printed.index(":nu 2026-03-17T09:00")


def test_after_a_break_each_justerare_gets_one_reminder_not_every_missed_one(
    store_factory,
) -> None:
    h = Harness(store_factory)
    hold_meeting(h)  # justering reminders on Friday 20 and Monday 23 March, to Jonas and Lina
    run, sent = runner(h)
    h.now = at("2026-03-24T10:00")  # the bot was down over both moments
    run.tick()
    justering = [d for d in sent if "juster" in d.text.lower()]
    assert sorted(d.target_ref for d in justering) == ["console:jonas", "console:lina"]
    assert all(d.late for d in justering)
    statuses = sorted(
        (r.target_ref, local(r.due_at), r.status)
        for r in h.snapshot()["Reminder"]
        if r.kind is ReminderKind.JUSTERING
    )
    assert statuses == [
        ("console:jonas", "2026-03-20T09:00+01:00", ReminderStatus.DROPPED),
        ("console:jonas", "2026-03-23T09:00+01:00", ReminderStatus.SENT),
        ("console:lina", "2026-03-20T09:00+01:00", ReminderStatus.DROPPED),
        ("console:lina", "2026-03-23T09:00+01:00", ReminderStatus.SENT),
    ]


def test_on_time_reminders_each_go_out(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    run, sent = runner(h)
    h.now = at("2026-03-20T09:00")
    run.tick()
    h.now = at("2026-03-23T09:00")
    run.tick()
    to_jonas = [d for d in sent if d.target_ref == "console:jonas"]
    assert len(to_jonas) == 2 and not any(d.late for d in to_jonas)
