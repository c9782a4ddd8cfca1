"""The adapters are siblings: neither imports the other, and the core imports neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_core_purity import ROOT, imported, module_name

ADAPTERS = {"slack": "bot.slack", "teams": "bot.teams", "console": "bot.console"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / "bot" / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    return imported(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


@pytest.mark.parametrize("adapter", sorted(ADAPTERS))
def test_an_adapter_imports_no_other_adapter(adapter: str) -> None:
    others = [name for key, name in ADAPTERS.items() if key != adapter]
    assert _modules(adapter), f"no modules found in bot/{adapter}"
    for path in _modules(adapter):
        bad = {
            name
            for name in _imports(path)
            for other in others
            if name.split(".")[:2] == other.split(".")
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_the_core_and_the_renderers_import_no_adapter() -> None:
    for package in ("core", "render", "commands"):
        for path in _modules(package):
            bad = {
                name
                for name in _imports(path)
                if any(name.split(".")[:2] == a.split(".") for a in ADAPTERS.values())
            }
            assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_the_check_sees_an_import() -> None:
    assert "bot.slack.identity" in imported("from bot.slack.identity import x", "bot.teams.y")
