"""Exporting, verifying and publishing minutes from the command line, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "samverkan-2026-03-18.txt"


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


def test_export_verify_and_publish(tmp_path: Path) -> None:
    env = {**os.environ, "JUSTERA_DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}"}
    ran = justera(env, "console", "--script", "-", stdin=SCRIPT.read_text(encoding="utf-8"))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    pdf = tmp_path / "protokoll.pdf"
    made = justera(env, "export", "1", "--format", "pdf", "--out", str(pdf))
    assert made.returncode == 0, made.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Förvaltningssamverkansgrupp Socialförvaltningen" in text
    assert "Justerat protokoll, version 2, SHA-256" in text
    checked = justera(env, "verify", str(pdf))
    assert checked.returncode == 0 and "Filen stämmer" in checked.stdout
    # A changed copy no longer verifies; nor does a draft of another meeting.
    docx = tmp_path / "protokoll.docx"
    assert justera(env, "export", "1", "--format", "docx", "--out", str(docx)).returncode == 0
    assert "Filen stämmer" in justera(env, "verify", str(docx)).stdout
    forged = tmp_path / "forged.md"
    assert justera(env, "export", "1", "--format", "md", "--out", str(forged)).returncode == 0
    forged.write_text(
        forged.read_text(encoding="utf-8").replace("samverkat", "avslaget"), encoding="utf-8"
    )
    refused = justera(env, "verify", str(forged))
    assert refused.returncode == 1 and "ändrad" in refused.stdout
    archive = tmp_path / "arkiv"
    published = justera(env, "publish", str(archive))
    assert published.returncode == 0 and "1 justerade protokoll" in published.stdout
    year = archive / "fsg-1" / "2026"
    assert sorted(p.suffix for p in year.iterdir()) == [".docx", ".html", ".pdf"]
    index = (archive / "fsg-1" / "index.html").read_text(encoding="utf-8")
    assert "2026-03-18" in index and ".pdf" in index
    assert "fsg-1/index.html" in (archive / "index.html").read_text(encoding="utf-8")
    assert justera(env, "export", "99").returncode == 1


def test_the_console_command_saves_the_file(store_factory, tmp_path: Path, monkeypatch) -> None:
    import io

    from bot.console.app import Console, ConsoleState
    from bot.core.service import Justera

    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    console = Console(Justera(store_factory), ConsoleState("admin", "samverkan"), out)
    assert console.run_script(SCRIPT.read_text(encoding="utf-8").splitlines()) == 0
    console.run_script(["/protokoll export pdf #1", "/protokoll export docx #1"])
    saved = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx"))
    assert saved == [
        "minnesanteckningar-fsg-2026-03-18.docx",
        "minnesanteckningar-fsg-2026-03-18.pdf",
    ]
    assert "Protokollet är sparat som minnesanteckningar-fsg-2026-03-18.pdf" in out.getvalue()
    assert console.run_script(["/protokoll export odt #1"]) == 1


def test_the_slack_command_shares_the_file_in_the_channel(store_factory) -> None:
    from tests.slack_harness import SlackHarness, set_up

    with SlackHarness(store_factory) as h:
        set_up(h)
        # The answer confirms at once; the file follows, and a second note says it is there.
        assert "Filen görs nu" in h.command("USARA", "/protokoll export html #1")
        (shared,) = h.slack.files
        assert shared["channel"] == "CFSG" and shared["filename"].startswith("utkast-fsg-")
        assert b"UTKAST" in shared["data"]
        (told,) = h.slack.responses_to("cmd-USARA")
        assert told["text"] == f"Filen {shared['filename']} är delad i kanalen."

        # A 500 from Slack is tried again, and the file arrives.
        h.slack.fail_next("files.getUploadURLExternal", error="internal_error", status=500)
        assert "Filen görs nu" in h.command("USARA", "/protokoll export pdf #1")
        assert len(h.slack.files) == 2
        assert "är delad i kanalen" in h.slack.responses_to("cmd-USARA")[-1]["text"]

        # When Slack refuses the file for good, the one who asked is told in one sentence.
        h.slack.fail_next("files.getUploadURLExternal", error="not_in_channel")
        assert "Filen görs nu" in h.command("USARA", "/protokoll export pdf #1")
        assert len(h.slack.files) == 2
        (notice,) = h.slack.posted("USARA")
        assert "kunde inte posta filen" in notice["text"] and "not_in_channel" in notice["text"]


def test_agenda_invitation_and_search_from_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "JUSTERA_DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}"}
    assert justera(env, "console", "--script", "-", stdin=SCRIPT.read_text("utf-8")).returncode == 0
    ics = tmp_path / "mote.ics"
    assert justera(env, "export", "1", "--format", "ics", "--out", str(ics)).returncode == 0
    invitation = ics.read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in invitation and "DTSTART;TZID=Europe/Stockholm:20260318T130000" in (
        invitation
    )
    agenda = tmp_path / "agenda.md"
    made = justera(env, "export", "1", "--agenda", "--format", "md", "--out", str(agenda))
    assert made.returncode == 0
    assert "Kvalitetsrapport 2025" in agenda.read_text(encoding="utf-8")
    found = justera(env, "sok", "arbetsbelastning", "--group", "FSG")
    assert found.returncode == 0 and "FSG 2026-03-18 (möte #1" in found.stdout
    assert "Inga sådana grupper." in justera(env, "sok", "x", "--group", "VSG").stdout
