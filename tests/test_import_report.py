"""What an import reports and keeps: uncertainties, limits, near copies, the fields shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.context import STOCKHOLM, Context
from bot.core.imports import import_minutes
from bot.core.model import ImportedMeeting, Meeting, MeetingStatus, ReminderKind
from bot.core.permissions import IMPORTED_CORRECTIONS, Action, Who
from bot.core.texts import UserError
from bot.importer import content_key, parse_minutes
from tests.harness import Harness, at, set_up_group

MINUTES = """Minnesanteckningar FSG Socialförvaltningen
Datum: 2024-02-07 Tid: 13.00–15.00 Plats: Rådhuset, sal Ekorren
Protokoll nr 2/2024 Dnr SOC 2024/12

Information
Budgetläget, ekonomichef
Prognosen visar ett underskott på två miljoner kronor för året som helhet.

Beslut
Ny rutin för inköp
Arbetsgivaren och fackliga är eniga om rutinen. Ärendet är samverkat.

Mötet avslutas.
Sofia Ahl justerar protokollet för Vision och Erik Nord för Kommunal.
"""


def run(h: Harness, text: str, **kw):
    minutes = parse_minutes(text, source="fsg.txt")
    ctx = Context(user_ref="system:import", channel_ref="system:import", now=h.now)
    return h.service.run(ctx, import_minutes, "FSG", minutes, content_key(text), **kw)


def test_the_report_says_what_is_uncertain() -> None:
    printed = parse_minutes("2024-03-01\n\nInformation\nBudget\nInget nytt i budgeten.\n")
    assert "datum från sidhuvudet" in printed.uncertain
    assert "inga justerare hittade" in printed.uncertain
    assert "ingen plats" in printed.uncertain
    named = parse_minutes("Information\nBudget\nInget nytt.\n", source="fsg-2024-02-01.txt")
    assert "datum från filnamnet" in named.uncertain
    sure = parse_minutes(MINUTES)
    assert sure.uncertain == []
    assert (sure.time, sure.justerare) == (
        "13:00",
        [("Sofia Ahl", "Vision"), ("Erik Nord", "Kommunal")],
    )


def test_dry_run_reports_and_stores_nothing(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    before = h.snapshot()
    answer = run(h, MINUTES, dry_run=True).message
    assert answer.startswith(
        "fsg.txt: skulle bli ett möte (datum 2024-02-07, tid 13:00, plats, grupp FSG"
    )
    assert "inget är sparat" in answer
    assert h.snapshot() == before
    uncertain = run(
        h,
        MINUTES.replace(
            "Sofia Ahl justerar protokollet för Vision och Erik Nord för Kommunal.",
            "Hon justerar protokollet för Vision.",
        ),
        dry_run=True,
    )
    assert "osäkert: inga justerare hittade" in uncertain.message


def test_imported_fields_are_kept_and_shown(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    ref = run(h, MINUTES).meeting_id
    with store_factory() as store:
        meeting = store.get(Meeting, ref)
        kept = store.find(ImportedMeeting, meeting_id=ref)[0]
    assert meeting.starts_at.astimezone(STOCKHOLM).isoformat() == "2024-02-07T13:00:00+01:00"
    assert (meeting.place, meeting.protocol_number) == ("Rådhuset, sal Ekorren", "2/2024")
    assert meeting.dnr == "SOC 2024/12"
    assert (kept.group_kind, kept.source) == ("FSG", "fsg.txt")
    assert kept.people == [("Sofia Ahl", "Vision"), ("Erik Nord", "Kommunal")]
    for command in (f"/mote visa #{ref}", f"/protokoll visa #{ref}"):
        shown = h.do("jonas", command).message
        assert shown.startswith("Importerat från fsg.txt: datum 2024-02-07; tid 13:00;"), command
        assert (
            "grupp FSG; protokoll 2/2024; dnr SOC 2024/12; justerare Sofia Ahl (Vision), "
            "Erik Nord (Kommunal)" in shown
        )
        assert "1. [Information] Budgetläget, ekonomichef" in shown
        assert "2. [Beslut] Ny rutin för inköp – samverkat" in shown
    # The file named no last day for items; the stored placeholder is not shown as one.
    assert "Sista dag för ärenden" not in h.do("jonas", f"/mote visa #{ref}").message
    planned = h.do("maria", "/mote planera FSG; 9 mars kl 13; Rådhuset").meeting_id
    with store_factory() as store:
        assert store.get(Meeting, planned).starts_at > h.now
    assert "Sista dag för ärenden" in h.do("jonas", "/mote visa").message


def test_minutes_that_name_no_time_are_a_whole_day_and_a_named_noon_stays(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    no_time = MINUTES.replace(" Tid: 13.00–15.00", "")
    noon = MINUTES.replace("2024-02-07 Tid: 13.00–15.00", "2024-03-06 Tid: 12.00")
    day, twelve = run(h, no_time).meeting_id, run(h, noon.replace("två", "fyra")).meeting_id
    with store_factory() as store:
        whole, named = store.get(Meeting, day), store.get(Meeting, twelve)
    assert (whole.time_known, named.time_known) == (False, True)
    assert named.starts_at.astimezone(STOCKHOLM).isoformat() == "2024-03-06T12:00:00+01:00"
    shown = h.do("jonas", f"/protokoll visa #{whole.number}").message
    assert shown.startswith("Importerat från fsg.txt: datum 2024-02-07; plats Rådhuset")
    assert "Tid:" not in shown and "12.00" not in shown and "00.00" not in shown
    shown = h.do("jonas", f"/mote visa #{named.number}").message
    assert shown.startswith("Importerat från fsg.txt: datum 2024-03-06; tid 12:00;")


def test_a_near_copy_of_the_same_day_is_refused_unless_allowed(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    first = run(h, MINUTES).meeting_id
    copy = MINUTES.replace("två miljoner", "tre miljoner")
    before = h.snapshot()
    with pytest.raises(UserError) as refused:
        run(h, copy)
    assert refused.value.key == "import_similar"
    message = refused.value.message("sv")
    assert f"möte #{first} samma dag" in message and "--även-liknande" in message
    assert h.snapshot() == before
    # Another day with the same words is another meeting; so is an allowed copy.
    assert run(h, copy.replace("2024-02-07", "2024-03-06")).meeting_id != first
    assert run(h, copy, allow_similar=True).meeting_id not in (None, first)


def test_the_near_copy_check_takes_the_day_in_stockholm_at_its_edges(store_factory) -> None:
    # Summer time: 00:15 in Stockholm is 22:15 UTC the day before.
    h = Harness(store_factory)
    set_up_group(h)
    summer = MINUTES.replace("2024-02-07", "2024-06-12")
    first = run(h, summer.replace("13.00–15.00", "00.15")).meeting_id
    late = summer.replace("13.00–15.00", "23.45")
    with pytest.raises(UserError) as refused:
        run(h, late)
    assert refused.value.key == "import_similar" and f"möte #{first}" in refused.value.message("sv")
    next_day = late.replace("2024-06-12", "2024-06-13").replace("23.45", "00.15")
    assert run(h, next_day).meeting_id not in (None, first)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Minutes of the staff council\nDate: 2024-02-07\nInformation\nBudget\n"
            + "The budget for the year was presented and it was agreed that the item will be "
            "followed up at the next meeting of the council, which is in March.\n" * 3,
            "import_not_swedish",
        ),
        (
            "Datum: 2024-02-07\nInformation\n"
            + "".join(f"§ {n} Punkt nummer {n}\nInget att rapportera.\n" for n in range(1, 200)),
            "import_too_many_items",
        ),
    ],
)
def test_what_is_not_minutes_is_refused(store_factory, text: str, key: str) -> None:
    h = Harness(store_factory)
    set_up_group(h)
    before = h.snapshot()
    with pytest.raises(UserError) as refused:
        run(h, text)
    assert refused.value.key == key
    assert h.snapshot() == before


def test_cli_dry_run_and_a_book_length_text(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    environment = {**os.environ, "JUSTERA_DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}"}

    def justera(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args],
            input=stdin,
            text=True,
            capture_output=True,
            env=environment,
            cwd=root,
            timeout=120,
        )

    justera("console", "--as", "anna", "--script", "-", stdin="/grupp skapa FSG; FSG\n")
    minutes = tmp_path / "fsg-2024-02-07.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    book = tmp_path / "bok.txt"
    book.write_text("Datum: 2024-02-07\n" + "En lång mening om ingenting alls. " * 15000)
    english = tmp_path / "minutes.txt"
    english.write_text(
        "Minutes of the staff council\nDate: 2024-02-07\nInformation\nBudget\n"
        + "The budget was presented and it was agreed that the item will be followed up.\n" * 3
    )
    dry = justera("import", "--group", "FSG", "--dry-run", str(minutes), str(book), str(english))
    lines = [line for line in dry.stdout.splitlines() if line]
    assert lines[0].startswith("fsg-2024-02-07.txt: skulle bli ett möte")
    assert lines[1].startswith("bok.txt: texten är längre än 400 000 tecken")
    # One sentence that says the file was not imported and why, its name once.
    assert lines[2] == (
        "minutes.txt: inte importerad, texten ser ut att vara på engelska och importen läser "
        "bara svenska protokoll (till exempel `minnesanteckningar-2024-03-12.docx`)."
    )
    stored = justera("import", "--group", "FSG", str(minutes))
    assert "fsg-2024-02-07.txt: möte #1" in stored.stdout  # the dry run stored nothing


def test_an_admin_corrects_an_imported_meeting_with_the_live_commands(store_factory) -> None:
    h = Harness(store_factory)
    set_up_group(h)  # Maria is chair and admin, Sara secretary (not admin)
    run(h, MINUTES)
    # A secretary who is no admin is refused, with an example; nothing changes.
    refused = h.refused("sara", "/anteckning ändra #1 1.1; Ett underskott på tre miljoner.")
    assert refused.key == "imported_admin_only"
    assert "/anteckning ändra #1 1.1" in refused.message("sv")
    assert h.refused("jonas", "/beslut ta bort #1 2").key == "imported_admin_only"

    original = h.snapshot()["MinutesVersion"][0].text
    h.do("maria", "/anteckning ändra #1 1.1; Prognosen visar ett underskott på tre miljoner.")
    h.do("maria", "/arende ändra #1 1; titel: Budgetläget 2024; föredragande: Ekonomichefen")
    h.do("maria", "/mote ändra #1; plats: Rådhuset, sal Björnen")
    h.do("maria", "/beslut ta bort #1 2")
    shown = h.do("maria", "/mote visa #1").message
    assert "plats Rådhuset, sal Björnen" in shown
    assert "1. [Information] Budgetläget 2024, Ekonomichefen" in shown
    assert "2. [Beslut] Ny rutin för inköp\n" in shown + "\n"  # no outcome any more
    h.do("maria", "/beslut #1 2; enighet")
    assert "2. [Beslut] Ny rutin för inköp – enighet" in h.do("maria", "/mote visa #1").message

    # The original text stays as imported; search finds the corrected words, not the old.
    assert h.snapshot()["MinutesVersion"][0].text == original
    assert "Budgetläget 2024" in h.do("maria", "/sok miljoner").message
    assert "Budgetläget" not in h.do("maria", "/sok kronor").message
    # Every correction is in the audit log, by reference only.
    actions = [a.action for a in h.snapshot()["AuditEntry"]]
    for action in ("change_entry", "change_item", "change_meeting", "remove_decision"):
        assert action in actions, actions
    assert not any("miljoner" in a.detail for a in h.snapshot()["AuditEntry"])
    # /ångra takes back the admin's last change; the meeting stays justerad throughout.
    h.do("maria", "/ångra #1")
    assert "– enighet" not in h.do("maria", "/mote visa #1").message
    assert h.snapshot()["Meeting"][0].status is MeetingStatus.JUSTERAD


def test_an_admin_corrects_an_imported_meetings_kind_and_justerare(store_factory) -> None:
    h = Harness(store_factory)
    h.now = at("2024-02-09T09:00")
    set_up_group(h)
    run(h, MINUTES)
    assert (
        "justerare Sofia Ahl (Vision), Erik Nord (Kommunal)"
        in h.do("maria", "/mote visa #1").message
    )
    refused = h.refused("sara", "/mote ändra #1; grupptyp: VSG")
    assert refused.key == "imported_admin_only"
    h.do("maria", "/mote ändra #1; grupptyp: VSG; justerare: Sofia Ahl (Vision), Eva Berg")
    shown = h.do("maria", "/mote visa #1").message
    assert "justerare Sofia Ahl (Vision), Eva Berg\n" in shown and "grupp VSG;" in shown
    assert "change_meeting" in [a.action for a in h.snapshot()["AuditEntry"]]
    h.do("maria", "/ångra #1")
    shown = h.do("maria", "/mote visa #1").message
    assert "grupp FSG;" in shown and "justerare Sofia Ahl (Vision), Erik Nord (Kommunal)" in shown
    # A "|" would move a name into the party in the kept field: refused, nothing changes.
    refused = h.refused("maria", "/mote ändra #1; grupptyp: LSG; justerare: Eva | Berg (Vision)")
    assert refused.key == "justerare_name_character"
    assert "`/mote ändra #1; justerare:" in refused.message("sv")
    shown = h.do("maria", "/mote visa #1").message
    assert "grupp FSG;" in shown and "Erik Nord (Kommunal)" in shown
    # A meeting of the bot has no such field: its justerare are members, chosen with /justerare.
    h.do("maria", "/mote planera onsdag 6 mars kl 13; Sof")
    live = h.refused("maria", "/mote ändra #2; justerare: Eva Berg")
    assert live.key == "imported_field_only" and "/justerare" in live.message("sv")


def test_a_corrected_imported_decision_sets_off_no_live_work(store_factory) -> None:
    """Bordlagt or oenighet on a meeting from the archive is history: nothing is proposed on the
    next meeting, no MBL §14 clock runs and nobody is reminded; the reply says how to ask."""
    h = Harness(store_factory)
    h.now = at("2024-02-09T09:00")  # two days after the imported meeting: a clock could still run
    set_up_group(h)
    run(h, MINUTES)
    h.do("maria", "/mote planera onsdag 6 mars kl 13; Sof")
    before = h.snapshot()["AgendaItem"]
    answer = h.do("maria", "/beslut #1 2; bordlagt").message
    assert "Möte #1 är importerat från arkivet, så inget förs vidare" in answer
    assert "`/arende Beslut; Ny rutin för inköp`" in answer
    answer = h.do("maria", "/beslut #1 1; oenighet; Vision").message
    assert "MBL §14" not in answer and "importerat från arkivet" in answer
    snapshot = h.snapshot()
    assert snapshot["AgendaItem"] == before  # nothing proposed on meeting #2
    assert all(d.mbl14_deadline is None for d in snapshot["Decision"])
    assert not [r for r in snapshot["Reminder"] if r.kind is ReminderKind.MBL14]
    shown = h.do("maria", "/mote visa #1").message
    assert "– bordlagt" in shown and "– oenighet" in shown  # the record is corrected
    # A meeting planned later carries nothing from the archive either; asked, it is proposed.
    h.do("maria", "/mote planera onsdag 3 april kl 13; Sof")
    assert "Ny rutin för inköp" not in h.do("maria", "/mote visa #3").message
    h.do("maria", "/arende #2 Beslut; Ny rutin för inköp")
    assert "Ny rutin för inköp" in h.do("maria", "/mote visa #2").message


def test_what_the_archive_bordlade_is_not_proposed_when_a_meeting_is_planned(
    store_factory,
) -> None:
    h = Harness(store_factory)
    h.now = at("2024-02-09T09:00")
    set_up_group(h)
    run(h, MINUTES.replace("Ärendet är samverkat.", "Ärendet bordläggs."))
    assert "Ny rutin för inköp – bordlagt" in h.do("maria", "/mote visa #1").message
    answer = h.do("maria", "/mote planera onsdag 6 mars kl 13; Sof").message
    assert "Ny rutin för inköp" not in h.do("maria", "/mote visa #2").message, answer


def test_an_imported_meetings_file_says_each_outcome_once(store_factory) -> None:
    """The outcome read from an archived item's text is not said again after it; one an admin
    corrects is said, and an oenighet from the archive (no clock ran here) names no deadline."""
    from bot.export import render_any

    h = Harness(store_factory)
    set_up_group(h)
    run(h, MINUTES.replace("Ärendet är samverkat.", "Parterna är oeniga."))
    assert "Ny rutin för inköp – oenighet" in h.do("maria", "/mote visa #1").message

    def exported() -> str:
        data, _name = render_any(h.do("maria", "/protokoll export md #1"), "md")
        return data.decode("utf-8")

    text = exported()
    assert text.count("Parterna är oeniga.") == 1, text
    h.do("maria", "/beslut #1 1; enighet")
    text = exported()
    assert "Arbetsgivaren och de fackliga parterna är eniga." in text
    h.do("maria", "/beslut #1 1; oenighet; Vision; Vision vill ha mer tid.")
    text = exported()
    assert "**Parterna är oeniga. Vision vill ha mer tid.**" in text
    assert "MBL §14" not in text


# One command per correction IMPORTED_CORRECTIONS allows on an imported meeting (#1 here).
IMPORTED_COMMANDS = {
    Action.CORRECT: "/arende ändra #1 1; titel: Budgetläget 2024",
    Action.CORRECT_STATEMENT: "/anteckning ändra #1 1.1; Ett underskott på tre miljoner.",
    Action.RECORD_DECISION: "/beslut #1 2; enighet",
    Action.UNDO: "/ångra #1",
}


def test_the_imported_corrections_table_holds_for_everyone(store_factory) -> None:
    assert set(IMPORTED_COMMANDS) == set(IMPORTED_CORRECTIONS)
    h = Harness(store_factory)
    set_up_group(h)
    run(h, MINUTES)
    for action, line in IMPORTED_COMMANDS.items():
        assert IMPORTED_CORRECTIONS[action] is Who.ADMIN
        for user in ("sara", "jonas", "petra"):  # secretary, members: none of them admin
            assert h.refused(user, line).key == "imported_admin_only", (user, line)
        if action is Action.UNDO:
            h.do("maria", "/mote ändra #1; plats: Rådhuset")  # something of hers to take back
        assert h.do("maria", line).message, line


def test_the_import_report_is_shown_as_history_once_the_fields_are_corrected(
    store_factory,
) -> None:
    h = Harness(store_factory)
    h.now = at("2024-02-09T09:00")
    set_up_group(h)
    run(h, MINUTES)
    shown = h.do("maria", "/mote visa #1").message
    report = next(line for line in shown.splitlines() if line.startswith("Vid importen: "))
    assert "datum" in report and "rättats" not in report
    h.do("maria", "/mote ändra #1; grupptyp: VSG")
    shown = h.do("maria", "/mote visa #1").message
    assert f"{report} (fälten har rättats sedan; de ovan gäller)" in shown
    assert "grupp VSG;" in shown


def test_a_justerare_field_keeps_each_person_whole_whatever_the_file_held() -> None:
    """A table cell read from a file may hold a "|" or a line break; the kept field is one
    "name|party" line per person, so neither may split it."""
    people = [("Eva | Berg", "Vision\nKommunal"), ("Sofia Ahl", "")]
    kept = ImportedMeeting(meeting_id=1, source="x", content_key="k")
    kept.justerare = ImportedMeeting.people_text(people)
    assert kept.people == [("Eva / Berg", "Vision Kommunal"), ("Sofia Ahl", "")]
