"""Settings: one validated place, one line per wrong value at start, every one documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot import settings as settings_module
from bot.outbox.sender import OutboxSender
from bot.settings import Settings, SettingsError, load

ROOT = Path(__file__).resolve().parent.parent


def names() -> set[str]:
    return {str(field.alias) for field in Settings.model_fields.values()}


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(
        re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    assert names() - documented == set()
    assert documented - names() == set(), "documented but never read"


def test_defaults_need_nothing() -> None:
    settings = load({})
    assert settings.port == 3000 and settings.migrate_on_start is True
    assert settings.command_deadline < 3, "Slack shows nothing after 3 s"
    assert settings.installers == frozenset()


def test_values_are_parsed() -> None:
    settings = load(
        {
            "JUSTERA_PORT": "8081",
            "JUSTERA_MIGRATE_ON_START": "false",
            "JUSTERA_ADMINS": " U1, console:anna ,",
            "JUSTERA_LOG_LEVEL": "debug",
            "JUSTERA_DB_STATEMENT_TIMEOUT": "1.5",
        }
    )
    assert settings.port == 8081 and settings.migrate_on_start is False
    assert settings.installers == {"U1", "console:anna"}
    assert settings.log_level == "DEBUG" and settings.db_statement_timeout == 1.5


def test_one_line_per_wrong_value_and_no_secret_shown() -> None:
    with pytest.raises(SettingsError) as caught:
        load(
            {
                "JUSTERA_PORT": "abc",
                "JUSTERA_MIGRATE_ON_START": "maybe",
                "JUSTERA_COMMAND_DEADLINE": "-1",
                "JUSTERA_DATABASE_URL": "mysql://root:hunter2@db/j",
            }
        )
    lines = caught.value.lines
    assert len(lines) == 4
    assert {line.split("=")[0] for line in lines} == {
        "JUSTERA_PORT",
        "JUSTERA_MIGRATE_ON_START",
        "JUSTERA_COMMAND_DEADLINE",
        "JUSTERA_DATABASE_URL",
    }
    assert any("'abc'" in line and "e.g. 3000" in line for line in lines)
    assert not any("hunter2" in line for line in lines)


def test_the_outbox_lease_reaches_the_sender_and_a_too_short_one_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings_module, "_current", load({"JUSTERA_OUTBOX_LEASE_SECONDS": "8"}))
    assert OutboxSender(lambda: None, []).lease == timedelta(seconds=8)  # type: ignore[arg-type]
    with pytest.raises(SettingsError) as caught:
        load({"JUSTERA_OUTBOX_LEASE_SECONDS": "1"})
    (line,) = caught.value.lines
    assert line.startswith("JUSTERA_OUTBOX_LEASE_SECONDS='1' is not valid") and "e.g. 30" in line


def test_slack_mode_needs_its_secret() -> None:
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        load({"SLACK_BOT_TOKEN": "xoxb-1"})
    assert load({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).slack_app_token


def test_the_process_environment_is_read_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUSTERA_PORT", "4001")
    assert load().port == 4001
    monkeypatch.setenv("JUSTERA_PORT", "0")
    with pytest.raises(SettingsError, match="JUSTERA_PORT"):
        load()


def test_nothing_else_reads_the_environment() -> None:
    readers = []
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("storage/**/*.py")]:
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ\b(?!\))|os\.getenv|environ\.get", text):
            readers.append(str(path.relative_to(ROOT)))
    # config.py passes os.environ on to load() as the default mapping only.
    assert readers in ([], ["bot/slack/config.py"])


def test_wrong_settings_stop_the_app_with_one_line_each(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "JUSTERA_DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}",
        "JUSTERA_PORT": "http",
        "JUSTERA_DB_LOCK_TIMEOUT": "soon",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--script", "-"],
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("JUSTERA_PORT='http'") or lines[1].startswith("JUSTERA_PORT='http'")
    assert "Traceback" not in done.stderr
