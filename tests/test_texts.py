"""The text catalogue: both languages for every key, and a text for every key the code uses."""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.core.catalogue import CATALOGUE
from bot.core.limits import LIMITS
from bot.core.model import ItemStatus, MeetingStatus, PartyKind, ReminderKind, Role, Verdict
from bot.core.permissions import RULES, Action
from bot.core.texts import T, UserError, say
from bot.core.tx import Phase

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "bot").rglob("*.py"))

# Where a key is passed on rather than named: say() for T parameters, UserError.message and
# Tx.say. Their keys are checked where T(...), UserError(...) and tx.say(...) are called.
OPAQUE_SITES = {
    ("bot/core/texts.py", "say"),
    ("bot/core/texts.py", "message"),
    ("bot/core/tx.py", "say"),
    ("bot/core/guard.py", "_field_label"),  # field_<record>_<field> or field_<field>, checked
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the static scan -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """An f-string key such as f"status_{m.status.name.lower()}": a prefix and how it is filled."""

    prefix: str
    by_name: bool  # {x.name.lower()} rather than {x}

    def expand(self, values: list[Any]) -> set[str]:
        if self.by_name:
            return {f"{self.prefix}{v.name.lower()}" for v in values}
        return {f"{self.prefix}{v}" for v in values}


@dataclass(frozen=True)
class Use:
    path: str
    line: int
    call: str  # UserError, say, .say, help_call or T
    keys: tuple[str | Pattern, ...] | None  # None: not resolved statically


def _pattern(node: ast.JoinedStr) -> Pattern | None:
    *head, last = node.values
    if not head or not isinstance(last, ast.FormattedValue) or last.format_spec is not None:
        return None
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in head):
        return None
    prefix = "".join(v.value for v in head)  # type: ignore[attr-defined]
    value = last.value
    by_name = (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "lower"
        and isinstance(value.func.value, ast.Attribute)
        and value.func.value.attr == "name"
    )
    return Pattern(prefix, by_name)


def _key_arg(call: ast.Call) -> tuple[str, ast.expr | None] | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in ("UserError", "help_call", "T"):
        return func.id, call.args[0] if call.args else None
    if isinstance(func, ast.Name) and func.id == "say":
        return "say", call.args[1] if len(call.args) > 1 else None
    if isinstance(func, ast.Attribute) and func.attr == "say":
        return ".say", call.args[0] if call.args else None
    return None


def _functions(tree: ast.Module) -> list[tuple[str, ast.AST]]:
    return [("<module>", tree)] + [
        (node.name, node)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of a function, not of the functions nested in it."""
    found, todo = [], list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


@cache
def trees() -> dict[str, ast.Module]:
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in SOURCES}


@cache
def _assigned(scope: ast.AST) -> dict[str, list[ast.expr]]:
    assigned: dict[str, list[ast.expr]] = {}
    for node in _own_nodes(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
    return assigned


def _resolve(path: str, scope: ast.AST, node: ast.expr, depth: int = 0) -> list | None:
    """The literal keys or patterns an expression can be, or None when that is not visible.

    A name is followed to its assignments in the function, and a parameter of a module-level
    function to the arguments every call in the module gives it.
    """
    if depth > 5:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body = _resolve(path, scope, node.body, depth)
        orelse = _resolve(path, scope, node.orelse, depth)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.JoinedStr):
        pattern = _pattern(node)
        return None if pattern is None else [pattern]
    if not isinstance(node, ast.Name):
        return None
    values = _assigned(scope).get(node.id)
    if values:
        found: list = []
        for value in values:
            keys = _resolve(path, scope, value, depth + 1)
            if keys is None:
                return None
            found += keys
        return found
    if isinstance(scope, ast.FunctionDef) and scope in trees()[path].body:
        return _forwarded(path, scope, node.id, depth + 1)
    return None


def _forwarded(path: str, func: ast.FunctionDef, param: str, depth: int) -> list | None:
    positional = [a.arg for a in func.args.posonlyargs + func.args.args]
    if param not in positional:
        return None
    index = positional.index(param)
    found: list = []
    calls = 0
    for _, caller in _functions(trees()[path]):
        for node in _own_nodes(caller):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == func.name
            ):
                continue
            calls += 1
            by_keyword = [kw.value for kw in node.keywords if kw.arg == param]
            arg = node.args[index] if len(node.args) > index else next(iter(by_keyword), None)
            keys = None if arg is None else _resolve(path, caller, arg, depth)
            if keys is None:
                return None
            found += keys
    return found if calls else None


@cache
def scan() -> tuple[tuple[Use, ...], frozenset[tuple[str, str]]]:
    uses: list[Use] = []
    opaque: set[tuple[str, str]] = set()
    for path, tree in trees().items():
        for name, scope in _functions(tree):
            for node in _own_nodes(scope):
                found = _key_arg(node) if isinstance(node, ast.Call) else None
                if found is None:
                    continue
                call, arg = found
                keys = None if arg is None else _resolve(path, scope, arg)
                if keys is None:
                    opaque.add((path, name))
                uses.append(Use(path, node.lineno, call, None if keys is None else tuple(keys)))
    return tuple(uses), frozenset(opaque)


def _calls_to(name: str) -> list[ast.Call]:
    found = []
    for tree in trees().values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called == name:
                    found.append(node)
    return found


def checked_fields() -> tuple[set[str], set[str], list[int]]:
    """Fields given to check_length or check_content, those required, and lines not literal.

    check_content(group, field, …) hands its field on to check_length: that one call is the
    pass-through, not a field of its own.
    """
    fields, required, unclear = set(), set(), []
    calls = [(call, 0) for call in _calls_to("check_length")]
    calls += [(call, 1) for call in _calls_to("check_content")]
    for call, position in calls:
        first = call.args[position] if len(call.args) > position else None
        if isinstance(first, ast.Name) and first.id == "field":
            continue  # the pass-through inside check_content
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            unclear.append(call.lineno)
            continue
        fields.add(first.value)
        for kw in call.keywords:
            if kw.arg == "required" and not (
                isinstance(kw.value, ast.Constant) and kw.value.value in (True, False)
            ):
                unclear.append(call.lineno)
            elif kw.arg == "required" and kw.value.value:
                required.add(first.value)
    return fields, required, unclear


def _is_ref_none(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "ref"
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def _phases_in(node: ast.expr) -> set[str]:
    # tx.meeting() refuses with no_meeting_{phase} only when no ref is given, so in
    # "Phase.AGENDA if ref is None else Phase.ANY" only the first phase can be refused.
    if isinstance(node, ast.IfExp) and _is_ref_none(node.test):
        return _phases_in(node.body)
    return {
        getattr(Phase, n.attr)
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "Phase"
    }


def refused_phases() -> set[str]:
    phases: set[str] = set()
    for call in _calls_to("meeting"):
        if isinstance(call.func, ast.Attribute) and len(call.args) == 3:
            phases |= _phases_in(call.args[2])
    return phases


def expansions() -> dict[str, list[Any]]:
    """What each f-string key prefix is filled from."""
    fields, required, _ = checked_fields()
    enums: dict[str, type[Enum]] = {
        "status_": MeetingStatus,
        "kind_": PartyKind,
        "role_": Role,
        "verdict_": Verdict,
        "action_": Action,
        "reminder_kind_": ReminderKind,
        "home_status_": ItemStatus,
    }
    return {
        **{prefix: list(enum) for prefix, enum in enums.items()},
        "denied_": sorted({rule.who for rule in RULES.values()}),
        "field_": sorted(fields),
        "empty_": sorted(required),
        "no_meeting_": sorted(refused_phases()),
    }


def used_keys(call: str | None = None) -> dict[str, list[str]]:
    """Every key the code can use (for one kind of call, or all), with where it is used."""
    table = expansions()
    keys: dict[str, list[str]] = {}
    for use in scan()[0]:
        if use.keys is None or (call is not None and use.call != call):
            continue
        for key in use.keys:
            expanded = key.expand(table[key.prefix]) if isinstance(key, Pattern) else {key}
            for k in expanded:
                keys.setdefault(k, []).append(f"{use.path}:{use.line}")
    return keys


# --- the catalogue itself ----------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_are_given(key: str) -> None:
    entry = CATALOGUE[key]
    assert isinstance(entry, tuple) and len(entry) == 2
    sv, en = entry
    assert isinstance(sv, str) and sv.strip()
    assert isinstance(en, str) and en.strip()


@pytest.mark.parametrize("key", sorted(set(CATALOGUE) - {"raw"}))
def test_placeholders_agree(key: str) -> None:
    sv, en = CATALOGUE[key]
    assert placeholders(sv) == placeholders(en)
    # No positional or attribute fields: the code fills texts by keyword only.
    for name in placeholders(sv):
        assert re.fullmatch(r"[a-z_]+", name), name


def test_raw_passes_each_language_its_own_text() -> None:
    assert CATALOGUE["raw"] == ("{sv}", "{en}")
    error = UserError("raw", sv="på svenska", en="in English")
    assert (error.message("sv"), error.message("en")) == ("på svenska", "in English")


# --- the code's keys ---------------------------------------------------------------------------


def test_the_scan_finds_the_calls() -> None:
    """The scan is what the next tests rest on, so check it sees what it should."""
    uses, _ = scan()
    calls = {use.call for use in uses}
    assert calls == {"UserError", "say", ".say", "help_call", "T"}
    keys = used_keys()
    # Literals, both sides of an if-expression, a variable, and a key passed on to help_call.
    for key in ("unknown_command", "item_added", "item_proposed", "risk_not_done", "help_all"):
        assert key in keys, key
    for key in ("statement_added", "statement_replaced", "help_anteckning", "help_beslut"):
        assert key in keys, key
    assert {"status_draft", "denied_leads", "action_approve", "no_meeting_session"} <= set(keys)
    assert "empty_title" in keys and "empty_dnr" not in keys
    assert {"field_title", "field_dnr"} <= set(keys)


def test_f_string_keys_have_a_known_source() -> None:
    prefixes = {
        key.prefix for use in scan()[0] for key in use.keys or () if isinstance(key, Pattern)
    }
    assert prefixes == set(expansions())


def test_only_known_sites_use_keys_the_scan_cannot_see() -> None:
    assert scan()[1] == OPAQUE_SITES


def test_checked_fields_have_limits() -> None:
    fields, required, unclear = checked_fields()
    assert not unclear, "check_length called with a field or required= not written out"
    assert required <= fields
    assert fields <= set(LIMITS)
    assert required, "some field is required"


def test_every_used_key_is_in_the_catalogue() -> None:
    missing = {key: where for key, where in used_keys().items() if key not in CATALOGUE}
    assert not missing


# --- refusals ----------------------------------------------------------------------------------

REFUSAL_KEYS = sorted(set(used_keys("UserError")) - {"raw"})


def test_refusals_are_found() -> None:
    assert {"usage", "unknown_user", "denied_admin", "empty_title", "no_meeting_agenda"} <= set(
        REFUSAL_KEYS
    )


@pytest.mark.parametrize("key", REFUSAL_KEYS)
def test_refusal_is_one_line_with_an_example(key: str) -> None:
    for text in CATALOGUE[key]:
        assert "\n" not in text
        assert re.search(r"`[^`\n]+`", text), f"{key} shows no example: {text}"


# Placeholders filled with values of the kind the code gives them, for the examples below.
SAMPLE_VALUES = {
    "key": "FSG",
    "ref": "3",
    "number": "5",
    "party": "Vision",
    "user": "@anna",
    "section": "Beslut",
    "title": "Ny rutin för inköp",
}


def _slash_examples() -> list[Any]:
    params = []
    for key, texts in sorted(CATALOGUE.items()):
        for lang, text in zip(("sv", "en"), texts, strict=True):
            for example in re.findall(r"`(/[^`]+)`", text):
                if "{example}" in example:
                    continue
                params.append(pytest.param(key, example, id=f"{key}-{lang}-{example}"))
    return params


@pytest.mark.parametrize(("key", "example"), _slash_examples())
def test_slash_examples_in_texts_are_working_lines(key: str, example: str) -> None:
    from datetime import datetime

    from bot.commands.parse import parse
    from bot.console.app import user_ref
    from bot.core.context import STOCKHOLM

    values = dict(SAMPLE_VALUES)
    if key == "justerare_not_member":
        values["user"] = user_ref("okand")  # what session.choose_justerare passes
    line = example.format(**values)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
    parse(line, now=now, lang="sv", resolve_user=user_ref)  # raises UserError if refused


# --- say() and UserError -----------------------------------------------------------------------


def test_say_fills_t_parameters_in_the_readers_language() -> None:
    sv = say("sv", "too_long", field=T("field_title"), limit=200, length=250)
    en = say("en", "too_long", field=T("field_title"), limit=200, length=250)
    assert sv.startswith(CATALOGUE["field_title"][0] + " ")
    assert en.startswith(CATALOGUE["field_title"][1] + " ")
    assert CATALOGUE["field_title"][1] not in sv
    assert CATALOGUE["field_title"][0] not in en
    assert "200" in sv and "250" in en


def test_say_leaves_plain_strings_alone() -> None:
    # A plain str that happens to be a key is user text, not a key.
    assert "field_title" in say("en", "unknown_group", key="field_title")
    assert "field_title" in UserError("unknown_group", key="field_title").message("sv")


def test_say_is_swedish_unless_english_is_asked_for() -> None:
    for lang, index in (("sv", 0), ("en", 1), ("de", 0), ("", 0)):
        assert say(lang, "order_changed") == CATALOGUE["order_changed"][index]


def test_user_error_speaks_both_languages() -> None:
    error = UserError("unknown_meeting", ref=7)
    assert error.key == "unknown_meeting"
    assert error.params == {"ref": 7}
    assert error.message("sv") == CATALOGUE["unknown_meeting"][0].format(ref=7)
    assert error.message("en") == CATALOGUE["unknown_meeting"][1].format(ref=7)
    assert str(error) == error.message("sv")
    assert "#7" in error.message("en")


def test_user_error_with_t_parameter() -> None:
    error = UserError("wrong_state", what="x", ref=1, status=T("status_held"))
    assert CATALOGUE["status_held"][1] in error.message("en")
    assert CATALOGUE["status_held"][0] in error.message("sv")


def test_unknown_key_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no_such_text"):
        UserError("no_such_text")
    with pytest.raises(KeyError):
        say("sv", "no_such_text")
    assert not issubclass(KeyError, UserError)
