"""The Teams app package: a v1.20 manifest naming our bot, its commands and icons Teams accepts."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from PIL import Image

from bot.commands.parse import COMMANDS
from bot.commands.words import fold
from bot.teams.home import HOME_WORDS

ROOT = Path(__file__).resolve().parents[1]
BOT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


def _build(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "deploy/teams/build_package.py"),
            "--bot-id",
            BOT,
            "--host",
            "justera.kommun.example",
            "--organisation",
            "Exempel kommun",
            "--website",
            "https://www.kommun.example",
            "--out",
            str(tmp_path / "app.zip"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_holds_manifest_and_icons(tmp_path: Path) -> None:
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "app.zip") as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        color = Image.open(io.BytesIO(package.read("color.png")))
        outline = Image.open(io.BytesIO(package.read("outline.png")))
    assert tuple(int(p) for p in manifest["manifestVersion"].split(".")) >= (1, 20)
    assert manifest["bots"][0]["botId"] == BOT
    assert manifest["composeExtensions"][0]["commands"][0]["context"] == ["message"]
    assert color.size == (192, 192) and outline.size == (32, 32)
    # The outline icon is white on transparent, nothing else.
    pixels = outline.convert("RGBA").get_flattened_data()
    assert {px[:3] for px in pixels if px[3] > 0} <= {(255, 255, 255)}
    # Every suggested command is a command of our language (or Teams' own `hem`).
    for command_list in manifest["bots"][0]["commandLists"]:
        assert len(command_list["commands"]) <= 10  # Teams shows at most ten per scope
        for command in command_list["commands"]:
            assert fold(command["title"].split()[0]) in {*COMMANDS, *HOME_WORDS}
            assert len(command["description"]) <= 128


def test_a_wrong_bot_id_is_refused(tmp_path: Path) -> None:
    result = _build(tmp_path, "--bot-id", "not-a-guid")
    assert result.returncode != 0
    assert "GUID" in result.stderr
    assert not (tmp_path / "app.zip").exists()
