"""The årsklocka proposes each recurring item on the right meeting and reminds in good time."""

from __future__ import annotations

from bot.core.model import (
    AgendaItem,
    ItemOrigin,
    ItemStatus,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from bot.scheduling.runner import ReminderRunner
from tests.harness import Harness, at, set_up_group

RULE = "/arsklocka lägg till Delårsbokslut per augusti; 30 september; Information; Ekonomichef; 14"


def yearly_items(h: Harness) -> list[AgendaItem]:
    return [i for i in h.snapshot()["AgendaItem"] if i.origin is ItemOrigin.YEARLY]


def pending(h: Harness, kind: ReminderKind) -> list[Reminder]:
    return [
        r for r in h.snapshot()["Reminder"] if r.kind is kind and r.status is ReminderStatus.PENDING
    ]


def test_a_rule_lands_on_the_last_meeting_before_its_deadline(store_factory) -> None:
    h = Harness(store_factory, now=at("2026-08-03T09:00"))
    set_up_group(h)
    h.do("maria", "/mote planera 26 augusti kl 13; Sof")  # #1
    h.do("maria", "/mote planera 23 september kl 13; Sof")  # #2, still before 30 September
    h.do("maria", "/mote planera 21 oktober kl 13; Sof")  # #3, after it
    reply = h.do("sara", RULE)
    assert "Punkt 1 är tillagd i årsklockan (30 september)" in reply.message
    assert "Årsklockan föreslår: Delårsbokslut per augusti." in reply.message
    (item,) = yearly_items(h)
    assert item.meeting_id == 2 and item.status is ItemStatus.PROPOSED
    assert item.section.value == "Information" and item.presenter == "Ekonomichef"
    # The channel hears of it 14 days before meeting #2's agenda deadline (16 September).
    (lead,) = pending(h, ReminderKind.YEARLY)
    assert lead.meeting_id == 2
    assert lead.due_at == at("2026-09-02T09:00")


def test_an_untouched_proposal_moves_to_a_later_meeting_planned_before_the_deadline(
    store_factory,
) -> None:
    h = Harness(store_factory, now=at("2026-08-03T09:00"))
    set_up_group(h)
    h.do("maria", "/mote planera 26 augusti kl 13; Sof")
    h.do("sara", RULE)
    assert [i.meeting_id for i in yearly_items(h)] == [1]
    h.do("maria", "/mote planera 23 september kl 13; Sof")
    assert [i.meeting_id for i in yearly_items(h)] == [2]
    assert [r.meeting_id for r in pending(h, ReminderKind.YEARLY)] == [2]
    # Once the chair has accepted it, it stays where it is.
    h.do("maria", "/arende acceptera #2 4")
    h.do("maria", "/mote planera 28 september kl 9; Sof")
    assert [(i.meeting_id, i.status) for i in yearly_items(h)] == [(2, ItemStatus.ACCEPTED)]


def test_with_no_meeting_before_the_deadline_the_chair_is_told(store_factory) -> None:
    h = Harness(store_factory, now=at("2026-08-03T09:00"))
    set_up_group(h)
    h.do("maria", "/mote planera 21 oktober kl 13; Sof")
    h.do("sara", RULE)
    assert yearly_items(h) == []
    (gap,) = pending(h, ReminderKind.NO_MEETING)
    assert gap.target_ref == "console:maria"
    # 30 September minus 14 days lead minus 21 days notice: Wednesday 26 August.
    assert gap.due_at == at("2026-08-26T09:00")
    sent = []
    runner = ReminderRunner(h.service, sent.append, lambda: at("2026-08-26T09:00"), worker="w")
    runner.tick()
    (message,) = [d.text for d in sent if "Årsklockan" in d.text]
    assert "inget planerat möte före dess" in message and "30 september 2026" in message
    # Planning a meeting in time takes the warning back.
    h.do("maria", "/mote planera 16 september kl 13; Sof")
    assert pending(h, ReminderKind.NO_MEETING) == []


def test_the_default_arsklocka_can_be_taken_shown_exported_and_imported(store_factory) -> None:
    h = Harness(store_factory, now=at("2026-01-12T09:00"))
    set_up_group(h)
    assert "ingen årsklocka" in h.do("jonas", "/arsklocka visa").message
    assert h.refused("jonas", "/arsklocka standard").key == "denied_leads"
    taken = h.do("maria", "/arsklocka standard").message
    assert "standardårsklockan" in taken
    shown = h.do("jonas", "/arsklocka visa").message.splitlines()
    months = [
        "Januari",
        "Februari",
        "Mars",
        "April",
        "Maj",
        "Juni",
        "Juli",
        "Augusti",
        "September",
        "Oktober",
        "November",
        "December",
    ]
    assert [line for line in shown if line in months] == months
    exported = h.do("jonas", "/arsklocka export").message
    assert "titel: Delårsbokslut" in exported or "Delårsbokslut" in exported
    changed = exported.replace("framförhållning: 14", "framförhållning: 7")
    imported = h.do("maria", "/arsklocka import\n" + changed).message
    assert "ersatt" in imported
    again = h.do("jonas", "/arsklocka export").message
    assert again == changed
    # A broken import changes nothing and names the problem.
    error = h.refused("maria", "/arsklocka import\n- titel: X\n  när: 31 april\n")
    assert "Regel 1" in error.message("sv")


def test_a_year_of_meetings_sends_every_reminder_once_on_working_days(store_factory) -> None:
    """The clock walks through 2026, DST changes included, a tick an hour on working hours."""
    h = Harness(store_factory, now=at("2026-01-05T08:00"))
    set_up_group(h)
    h.do("maria", "/arsklocka standard")
    for day in (
        "28 januari",
        "25 februari",
        "25 mars",
        "22 april",
        "27 maj",
        "17 juni",
        "26 augusti",
        "23 september",
        "21 oktober",
        "18 november",
        "16 december",
    ):
        h.do("maria", f"/mote planera {day} kl 13; Sof")
    sent = []
    runner = ReminderRunner(h.service, sent.append, lambda: h.now, worker="year")
    from datetime import timedelta

    moment = at("2026-01-05T08:00")
    while moment < at("2027-01-01T00:00"):
        h.now = moment
        if moment.hour == 6:
            runner.sweep()
        runner.tick()
        moment = moment.astimezone(moment.tzinfo) + timedelta(hours=1)
    reminders = h.snapshot()["Reminder"]
    sent_rows = [r for r in reminders if r.status is ReminderStatus.SENT]
    assert len(sent) == len(sent_rows)
    assert len({r.key for r in sent_rows}) == len(sent_rows)
    by_kind = {kind: sum(1 for r in sent_rows if r.kind is kind) for kind in ReminderKind}
    assert by_kind[ReminderKind.AGENDA_DEADLINE] == 11 * 2  # 3 and 1 days before each deadline
    assert by_kind[ReminderKind.MEETING_TOMORROW] == 11 * 5  # every member, every meeting
    from bot.core.workdays import is_working_day

    for r in sent_rows:
        local = r.due_at.astimezone(at("2026-01-01T00:00").tzinfo)
        assert is_working_day(local.date()), r.key
        assert (local.hour, local.minute) == (9, 0), r.key
        assert not r.late, r.key
    # Around the DST changes (29 March, 25 October) reminders still come at 09.00 local time.
    march = [r for r in sent_rows if r.due_at.astimezone(at("2026-01-01T00:00").tzinfo).month == 3]
    assert {r.due_at.utcoffset() for r in march} == {timedelta(0)}  # stored in UTC
    offsets = {r.due_at.astimezone(at("2026-01-01T00:00").tzinfo).utcoffset() for r in sent_rows}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    # Every rule of the default årsklocka was proposed once in 2026, with its reminder.
    rules = h.snapshot()["YearRule"]
    lead_keys = {r.key for r in sent_rows if r.kind is ReminderKind.YEARLY}
    assert {f"g1:y{rule.id}:2026:lead" for rule in rules} <= lead_keys
    sources = [i.source_key for i in yearly_items(h) if i.source_key.endswith(":2026")]
    assert sorted(sources) == sorted(f"y{rule.id}:2026" for rule in rules)
    assert not [r for r in reminders if r.status is ReminderStatus.PENDING and r.due_at < h.now]


def test_the_console_imports_the_arsklocka_from_a_file(sqlite_url: str, tmp_path) -> None:
    import io

    from bot.console.app import Console, ConsoleState
    from bot.core.service import Justera
    from storage.db import make_engine
    from storage.store import store_factory as make_store_factory

    path = tmp_path / "arsklocka.yaml"
    path.write_text("- titel: Verksamhetsplan\n  när: december\n  sektion: Beslut\n", "utf-8")
    engine = make_engine(sqlite_url)
    out = io.StringIO()
    console = Console(Justera(make_store_factory(engine)), ConsoleState("maria", "s"), out)
    code = console.run_script(
        [
            ":nu 2026-03-02T09:00",
            "/grupp skapa FSG; F",
            f"/arsklocka import {path}",
            "/arsklocka visa",
        ]
    )
    engine.dispose()
    assert code == 0, out.getvalue()
    assert "Årsklockan är ersatt med 1 punkter" in out.getvalue()
    assert "Verksamhetsplan (Beslut)" in out.getvalue()
