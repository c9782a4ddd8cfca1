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
    year = archive / "fsg" / "2026"
    assert sorted(p.suffix for p in year.iterdir()) == [".docx", ".html", ".pdf"]
    index = (archive / "fsg" / "index.html").read_text(encoding="utf-8")
    assert "2026-03-18" in index and ".pdf" in index
    assert "fsg/index.html" in (archive / "index.html").read_text(encoding="utf-8")
    assert justera(env, "export", "99").returncode == 1
