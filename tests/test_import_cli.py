"""Importing old minutes from the command line: stored as meetings, searchable, never twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "minutes"
SEEDS = ROOT.parent / "shared" / "seeds"


def justera(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict:
    env = {**os.environ, "JUSTERA_DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}"}
    made = justera(
        env,
        "console",
        "--as",
        "anna",
        "--script",
        "-",
        stdin=":nu 2026-03-02T09:00\n/grupp skapa FSG; Förvaltningssamverkansgrupp\n",
    )
    assert made.returncode == 0, made.stdout
    return env


def test_fictional_minutes_are_imported_once_and_found(env: dict) -> None:
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    first = justera(env, "import", "--group", "FSG", *files)
    lines = [line for line in first.stdout.splitlines() if line.strip()]
    assert len([line for line in lines if ": möte #" in line]) + first.stdout.count(
        "personnummer"
    ) == len(files)
    # The fixture with a (test) personnummer is refused whole, and says so masked.
    refused = [line for line in lines if "personnummer" in line]
    assert len(refused) == 1 and "••••" in refused[0]
    again = justera(env, "import", "--group", "FSG", *files)
    assert again.stdout.count("redan importerad") == len(files) - len(refused)
    found = justera(env, "console", "--as", "anna", "--script", "-", stdin="/sok budget\n")
    assert any(
        heading in found.stdout
        for heading in ("träffar för ”budget”", "1 träff för", "Inget justerat")
    )


def test_the_seed_minutes_are_imported_with_date_place_and_items(env: dict) -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not here")
    result = justera(env, "import", "--group", "FSG", *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": möte #") == 3
    listed = justera(env, "console", "--as", "anna", "--script", "-", stdin="/mote lista\n")
    for day in ("20 september 2021", "30 oktober 2023", "19 mars 2025"):
        assert day in listed.stdout
    shown = justera(
        env, "console", "--as", "anna", "--script", "-", stdin="/protokoll visa #3\n/sok OSA mål\n"
    )
    assert "Kvalitetsrapport 2024" in shown.stdout
    assert "OSA mål 2025" in shown.stdout and "1 träff för" in shown.stdout


def test_an_unreadable_file_is_reported_and_the_rest_imported(env: dict, tmp_path: Path) -> None:
    bad = tmp_path / "gammalt.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    good = sorted(FIXTURES.glob("vsg-vuxen-*.txt"))[0]
    result = justera(env, "import", "--group", "FSG", str(bad), str(good))
    assert result.returncode == 1
    assert "gammalt.doc:" in result.stdout and ": möte #" in result.stdout
    unknown = justera(env, "import", "--group", "VSG", str(good))
    assert "Det finns ingen grupp" in unknown.stdout
