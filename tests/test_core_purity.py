"""The core knows no chat platform, ORM or scheduler, and every module says what it is in a line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "bot" / "core"

FORBIDDEN = (
    "slack_bolt",
    "slack_sdk",
    "sqlmodel",
    "sqlalchemy",
    "alembic",
    "apscheduler",
    "psycopg",
    "storage",
    "starlette",
    "uvicorn",
    "bot.console",
    "bot.commands",
    "bot.slack",
    "bot.teams",
    "bot.scheduling",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module the source imports, anywhere in it, relative imports made absolute.

    "from a import b" counts as importing both a and a.b, since b may be a module.
    """
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names.add(str(first.value))
    return names


def forbidden(names: set[str]) -> set[str]:
    return {n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)}


CORE_MODULES = sorted(CORE.rglob("*.py"))


def test_core_modules_are_found() -> None:
    names = {p.name for p in CORE_MODULES}
    assert {"__init__.py", "texts.py", "tx.py", "agenda.py", "permissions.py"} <= names


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_nothing_outside(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    names = imported(source, module_name(path), is_package=path.name == "__init__.py")
    assert not forbidden(names)


@pytest.mark.parametrize(
    "source",
    [
        "import sqlalchemy",
        "import sqlalchemy.orm as orm",
        "from sqlmodel import Session",
        "from storage.store import store_factory",
        "import storage",
        "from slack_sdk.web import WebClient",
        "import psycopg",
        "from bot.commands.parse import parse",
        "from bot import console",
        "from .. import commands",
        "from ..slack.app import run",
        "from ...storage import db",
        "def f():\n    from apscheduler.schedulers.asyncio import AsyncIOScheduler",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from starlette import requests",
        "import importlib\nimportlib.import_module('uvicorn')",
        "__import__('alembic')",
        "from bot.teams import adapter",
        "import bot.scheduling.jobs",
    ],
)
def test_the_check_catches_forbidden_imports(source: str) -> None:
    assert forbidden(imported(source, "bot.core.example"))


@pytest.mark.parametrize(
    "source",
    [
        "from bot.core.texts import UserError",
        "from .texts import say",
        "from . import model",
        "import bot.dates",
        "from bot.dates import format_when",
        "import storagebox",
        "from bot.consoles import x",
        "from zoneinfo import ZoneInfo",
    ],
)
def test_the_check_allows_the_core_its_own(source: str) -> None:
    assert not forbidden(imported(source, "bot.core.example"))


def test_relative_imports_resolve_from_the_package() -> None:
    assert "bot.core.model" in imported("from .model import Meeting", "bot.core.agenda")
    assert "bot.core.model" in imported("from .model import Meeting", "bot.core", True)
    assert "bot.commands" in imported("from .. import commands", "bot.core.agenda")


# --- module docstrings ---------------------------------------------------------------------


def one_line_docstring(source: str) -> str | None:
    """The module docstring if it is the first statement and one line, else None."""
    body = ast.parse(source).body
    if not body or not isinstance(body[0], ast.Expr):
        return None
    value = body[0].value
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return None
    text = value.value
    return text if text.strip() and "\n" not in text else None


ALL_MODULES = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "storage").rglob("*.py")])


def _module_params() -> list:
    params = []
    for path in ALL_MODULES:
        name = str(path.relative_to(ROOT))
        params.append(pytest.param(path, id=name))
    return params


def test_modules_are_found() -> None:
    names = {str(p.relative_to(ROOT)) for p in ALL_MODULES}
    assert {"bot/__init__.py", "bot/core/tx.py", "storage/store.py"} <= names


@pytest.mark.parametrize("path", _module_params())
def test_module_docstring_is_one_line(path: Path) -> None:
    assert one_line_docstring(path.read_text(encoding="utf-8")) is not None


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ('"""One line."""\n', True),
        ('"""One line."""\n\nimport os\n', True),
        ('"""Two\n\nlines."""\n', False),
        ("import os\n", False),
        ('import os\n"""Late."""\n', False),
        ("# comment only\n", False),
        ("", False),
        ('""""""\n', False),
        ("x = 1\n", False),
        ("b'bytes'\n", False),
    ],
)
def test_the_docstring_check(source: str, ok: bool) -> None:
    assert (one_line_docstring(source) is not None) is ok
