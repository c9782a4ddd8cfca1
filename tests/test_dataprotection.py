"""A person's data can be listed and forgotten; justerade minutes stay intact; drafts expire."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.core import dataprotection
from bot.core.model import ReminderStatus
from tests.harness import Harness, at, hold_meeting

ROOT = Path(__file__).resolve().parents[1]


def system(h: Harness, operation, *args):
    from bot.core.context import Context

    ctx = Context(user_ref="system:cli", channel_ref="system:cli", now=h.now)
    return h.service.run(ctx, operation, *args)


def justerad(h: Harness) -> str:
    hold_meeting(h)
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    return h.do("maria", "/protokoll visa").message


def test_export_lists_what_is_stored_about_a_person(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll ändring; Min kommentar om punkt 4.")
    data = json.loads(system(h, dataprotection.export_person, "console:jonas").message)
    assert [m["display_name"] for m in data["memberships"]] == ["Jonas Ek"]
    assert data["memberships"][0]["party"] == "Akademikerförbundet SSR"
    assert [i["title"] for i in data["proposed_items"]] == ["Ny organisation"]
    assert [a["comment"] for a in data["approvals"]] == ["Min kommentar om punkt 4."]
    assert len(data["justerare"]) == 1
    assert {r["target_ref"] for r in data["reminders"]} == {"console:jonas"}
    assert any(a["action"] == "request_change" for a in data["audit_log"])


def test_forgetting_keeps_justerade_minutes_intact(store_factory) -> None:
    h = Harness(store_factory)
    before = justerad(h)
    h.do("maria", "/mote planera 15 april kl 13; Sof")  # reminders for Jonas on the way
    report = system(h, dataprotection.forget_person, "console:jonas").message
    assert "justerade protokoll (allmän handling)" in report
    assert h.do("maria", "/protokoll visa #1").message == before
    snapshot = h.snapshot()
    assert not [m for m in snapshot["Member"] if m.user_ref == "console:jonas"]
    assert not [r for r in snapshot["Reminder"] if r.target_ref == "console:jonas"]
    forgotten = [r for r in snapshot["Reminder"] if r.target_ref.startswith("forgotten:")]
    assert forgotten and all(r.status is not ReminderStatus.PENDING for r in forgotten)
    assert not [i for i in snapshot["AgendaItem"] if i.proposer_ref == "console:jonas"]
    exported = json.loads(system(h, dataprotection.export_person, "console:jonas").message)
    assert exported["memberships"] == [] and exported["approvals"] == []


def test_a_person_in_no_justerade_minutes_loses_the_name_too(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    system(h, dataprotection.forget_person, "console:petra")
    names = [m.display_name for m in h.snapshot()["Member"]]
    assert "Petra Söder" not in names and dataprotection.FORGOTTEN_NAME in names


def test_pruning_drops_superseded_drafts_and_keeps_the_approved_version(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("jonas", "/protokoll ändring; Fel i punkt 4.")
    h.do("sara", "/anteckning 4; Rättat.")
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    final = h.do("maria", "/protokoll visa").message
    h.now = at("2026-03-18T13:05") + timedelta(days=400)
    report = system(h, dataprotection.prune, 365, 730).message
    assert report.startswith("Rensat: 1 gamla utkast")
    versions = h.snapshot()["MinutesVersion"]
    assert [v.number for v in versions] == [2]
    assert h.do("maria", "/protokoll visa #1").message == final


def test_the_gdpr_commands_run_from_the_shell(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    env = {**os.environ, "JUSTERA_DATABASE_URL": url}
    script = ":nu 2026-03-02T09:00\n/grupp skapa FSG; F\n"
    run = [sys.executable, "-m", "bot.cli"]
    made = subprocess.run(
        [*run, "console", "--as", "anna", "--script", "-"],
        input=script,
        text=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    shown = subprocess.run(
        [*run, "gdpr", "export", "console:anna"],
        text=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert json.loads(shown.stdout)["memberships"][0]["role"] == "ordförande"
    gone = subprocess.run(
        [*run, "gdpr", "forget", "console:anna"],
        text=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert "ersatt med forgotten:" in gone.stdout
