"""The årsklocka as data: when yearly rules fall due, and their YAML form for export and import."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.core.limits import LIMITS
from bot.core.model import Section, YearRule
from bot.core.texts import UserError
from bot.dates import EN_MONTHS, SV_MONTHS

DEFAULT_RULES_FILE = Path(__file__).resolve().parent / "data" / "arsklocka-socialforvaltning.yaml"

MAX_RULES = 100
MAX_LEAD_DAYS = 180
TITLE_LIMIT = LIMITS["title"]
RESPONSIBLE_LIMIT = LIMITS["presenter"]

# The texts these refusals will have in bot.core.catalogue, under the same keys. Until they are
# there, _refuse sends them through the "raw" key; afterwards it becomes UserError(key, **params).


def _refuse(key: str, **params: Any) -> UserError:
    return UserError(key, **params)


# --- when: a month, or a day of a month -------------------------------------------------------

_MONTH_WORDS: dict[str, int] = {
    **{name: i for i, name in enumerate(SV_MONTHS, 1)},
    **{name.casefold(): i for i, name in enumerate(EN_MONTHS, 1)},
    # Abbreviations as in calendars of both languages ("31 okt.", "Oct 31").
    **{name[:3]: i for i, name in enumerate(SV_MONTHS, 1)},
    **{name[:3].casefold(): i for i, name in enumerate(EN_MONTHS, 1)},
    "sept": 9,
}

# Words around the date that do not change it: "senast den 31 mars", "by the end of March".
_FILLER_RE = re.compile(
    r"^(?:senast|by|den|the|i|in|under|during|(?:i )?slutet (?:av|på)|(?:at )?(?:the )?end of)\s+"
)
_ORDINAL = r"(?::?[ae]|st|nd|rd|th)?"
_MONTH_RE = re.compile(r"(?P<mon>[a-zåäö]+)\.?")
_DAY_MONTH_RE = re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}\.?\s*(?:of\s+)?(?P<mon>[a-zåäö]+)\.?")
_MONTH_DAY_RE = re.compile(rf"(?P<mon>[a-zåäö]+)\.?\s+(?P<d>\d{{1,2}}){_ORDINAL}")
_NUMERIC_RE = re.compile(r"(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})")
# "03-31" as in ISO dates without the year; a whole ISO date is taken for its month and day.
_ISO_RE = re.compile(r"(?:\d{4}-)?(?P<m>\d{1,2})-(?P<d>\d{1,2})")


_NAMED_PATTERNS = (_MONTH_RE, _DAY_MONTH_RE, _MONTH_DAY_RE)
_NUMBERED_PATTERNS = (_NUMERIC_RE, _ISO_RE)


def _first_match(words: str, patterns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.fullmatch(words)) is not None), None)


def _longest(month: int) -> int:
    # February counts 29 days here: see parse_when.
    return 29 if month == 2 else monthrange(2001, month)[1]


def parse_when(text: str) -> tuple[int, int | None]:
    """A month ("mars", "March") as (3, None), or a day ("31 mars", "31/3", "03-31") as (3, 31).

    "29 februari" is accepted and means the last day of February, so the 28th in other years:
    a deadline that a group set at the end of February should not move into March.
    """
    given = " ".join(text.split())
    words = given.casefold().rstrip(".,")
    while (filler := _FILLER_RE.match(words)) is not None:
        words = words[filler.end() :]
    if match := _first_match(words, _NAMED_PATTERNS):
        month = _MONTH_WORDS.get(match["mon"], 0)
        if not month:
            raise _refuse("when_not_understood", given=given)
    elif match := _first_match(words, _NUMBERED_PATTERNS):
        month = int(match["m"])
        if not 1 <= month <= 12:
            raise _refuse("when_no_such_month", given=given, month=month)
    else:
        raise _refuse("when_not_understood", given=given)
    if "d" not in match.groupdict():
        return month, None
    day = int(match["d"])
    if day < 1:
        raise _refuse("when_not_understood", given=given)
    longest = _longest(month)
    if day > longest:
        raise _refuse(
            "when_no_such_day", given=given, longest=longest, example=f"{longest}/{month}"
        )
    return month, day


def describe_when(month: int, day: int | None, lang: str = "sv") -> str:
    """The words parse_when reads back: "mars" or "31 mars" (English: "March", "31 March")."""
    names = EN_MONTHS if lang.lower().startswith("en") else SV_MONTHS
    name = names[month - 1]
    return name if day is None else f"{day} {name}"


def deadline_in(rule: YearRule, year: int) -> date:
    last = monthrange(year, rule.month)[1]
    # min() only ever bites for 29 February in a year without one.
    return date(year, rule.month, last if rule.day is None else min(rule.day, last))


def next_deadline(rule: YearRule, today: date) -> date:
    this_year = deadline_in(rule, today.year)
    return this_year if today <= this_year else deadline_in(rule, today.year + 1)


# --- YAML ---------------------------------------------------------------------------------------


def _fold(word: str) -> str:
    # Keys and sections are often typed without å/ä/ö on English keyboards.
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
    return " ".join(word.casefold().translate(table).split())


_KEYS = {
    "titel": "titel",
    "title": "titel",
    "nar": "när",
    "when": "när",
    "sektion": "sektion",
    "section": "sektion",
    "ansvarig": "ansvarig",
    "responsible": "ansvarig",
    "framforhallning": "framförhållning",
    "lead_days": "framförhållning",
    "lead days": "framförhållning",
}
_KEY_EXAMPLES = {
    "titel": "Delårsbokslut",
    "när": "31 mars",
    "sektion": "Dialog",
    "ansvarig": "HR-chef",
    "framförhållning": "14",
}
_SECTIONS = {
    "information": Section.INFORMATION,
    "info": Section.INFORMATION,
    "dialog": Section.DIALOG,
    "dialogue": Section.DIALOG,
    "beslut": Section.BESLUT,
    "decision": Section.BESLUT,
    "ovrigt": Section.OVRIGT,
    "other": Section.OVRIGT,
}
_LEAD_RE = re.compile(r"(?P<n>\d{1,6})(?: ?(?:d|dag|dagar|day|days))?")
_YAML_HEADER = (
    "# Årsklocka: en regel per post. när: en månad (mars) eller en dag (31 mars);\n"
    "# sektion: Information, Dialog, Beslut eller Övrigt; framförhållning: dagar i förväg.\n"
)


def _shown(value: Any) -> str:
    # Echo what was written, but not a whole nested structure.
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _text(value: Any, number: int, given: str, field: str, limit: int) -> str:
    if value is None:
        return ""
    # A bare 2024 is a fine title; true/false or a list is a slip the writer should see.
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _refuse(
            "yearclock_not_text", number=number, given=given, example=_KEY_EXAMPLES[field]
        )
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise _refuse(
            "yearclock_too_long",
            number=number,
            given=given,
            length=len(text),
            limit=limit,
            example=_KEY_EXAMPLES[field],
        )
    return text


def _when(value: Any, number: int) -> tuple[int, int | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _refuse("yearclock_missing_when", number=number)
    # YAML reads an unquoted 2026-03-31 as a date; a yearly rule keeps its month and day.
    if isinstance(value, date):
        return value.month, value.day
    if not isinstance(value, str):
        raise _refuse("yearclock_bad_when", number=number, given=_shown(value))
    try:
        return parse_when(value)
    except UserError:
        raise _refuse("yearclock_bad_when", number=number, given=_shown(value)) from None


def _section(value: Any, number: int) -> Section:
    if value is None:
        return Section.INFORMATION
    section = _SECTIONS.get(_fold(value)) if isinstance(value, str) else None
    if section is None:
        raise _refuse("yearclock_bad_section", number=number, given=_shown(value))
    return section


def _lead_days(value: Any, number: int) -> int:
    if value is None:
        return YearRule.lead_days
    days = None
    if isinstance(value, int) and not isinstance(value, bool):
        days = value
    elif isinstance(value, str) and (match := _LEAD_RE.fullmatch(_fold(value))):
        days = int(match["n"])
    if days is None or not 0 <= days <= MAX_LEAD_DAYS:
        raise _refuse("yearclock_bad_lead", number=number, given=_shown(value), limit=MAX_LEAD_DAYS)
    return days


def _rule(entry: Any, number: int, group_id: int) -> YearRule:
    if not isinstance(entry, dict):
        raise _refuse("yearclock_not_mapping", number=number)
    fields: dict[str, tuple[str, Any]] = {}
    for key, value in entry.items():
        field = _KEYS.get(_fold(str(key)))
        if field is None:
            raise _refuse("yearclock_unknown_key", number=number, given=_shown(key))
        if field in fields:
            raise _refuse(
                "yearclock_key_twice", number=number, given=field, example=_KEY_EXAMPLES[field]
            )
        fields[field] = (str(key), value)

    def given(name: str) -> str:
        # Refusals quote the key as the writer spelled it ("title" or "titel").
        return fields[name][0] if name in fields else name

    def value(name: str) -> Any:
        return fields[name][1] if name in fields else None

    title = _text(value("titel"), number, given("titel"), "titel", TITLE_LIMIT)
    if not title:
        raise _refuse("yearclock_missing_title", number=number)
    month, day = _when(value("när"), number)
    return YearRule(
        group_id=group_id,
        title=title,
        month=month,
        day=day,
        section=_section(value("sektion"), number),
        responsible=_text(
            value("ansvarig"), number, given("ansvarig"), "ansvarig", RESPONSIBLE_LIMIT
        ),
        lead_days=_lead_days(value("framförhållning"), number),
    )


def rules_from_yaml(text: str, group_id: int) -> list[YearRule]:
    """Rules read from a group's YAML; the first problem found refuses the whole text."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        if mark is not None:
            raise _refuse("yearclock_not_yaml_at", line=mark.line + 1) from None
        raise _refuse("yearclock_not_yaml") from None
    except RecursionError:
        # PyYAML composes nested collections recursively; "[[[[…" a few thousand deep ends here.
        raise _refuse("yearclock_not_yaml") from None
    if not isinstance(data, list):
        raise _refuse("yearclock_not_list")
    if len(data) > MAX_RULES:
        raise _refuse("yearclock_too_many", count=len(data), limit=MAX_RULES)
    return [_rule(entry, number, group_id) for number, entry in enumerate(data, 1)]


def rules_to_yaml(rules: Iterable[YearRule]) -> str:
    """The rules in the order given, with Swedish keys; rules_from_yaml reads them back."""
    entries = []
    for rule in rules:
        entry: dict[str, Any] = {
            "titel": rule.title,
            "när": describe_when(rule.month, rule.day),
            "sektion": rule.section.value,
        }
        if rule.responsible:
            entry["ansvarig"] = rule.responsible
        entry["framförhållning"] = rule.lead_days
        entries.append(entry)
    # A wide line keeps each value on one line, which is easier to edit by hand.
    body = yaml.safe_dump(
        entries, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096
    )
    return _YAML_HEADER + body


def default_rules(group_id: int) -> list[YearRule]:
    """The shipped årsklocka for a social services department, as a group's starting point."""
    return rules_from_yaml(DEFAULT_RULES_FILE.read_text(encoding="utf-8"), group_id)


# --- the year at a glance -------------------------------------------------------------------


def year_at_a_glance(rules: Iterable[YearRule], lang: str = "sv") -> str:
    """Every month from January to December with its rules, "–" where there are none."""
    english = lang.lower().startswith("en")
    names = EN_MONTHS if english else SV_MONTHS
    by_month: dict[int, list[YearRule]] = {month: [] for month in range(1, 13)}
    for rule in rules:
        by_month[rule.month].append(rule)
    lines = []
    for month, in_month in by_month.items():
        lines.append(names[month - 1].capitalize())
        if not in_month:
            lines.append("  –")
        # Dated rules in day order, then those due by the end of the month.
        for rule in sorted(in_month, key=lambda r: (r.day or 32, r.title.casefold())):
            if rule.day is not None:
                when = describe_when(month, rule.day, lang)
            else:
                when = f"in {names[month - 1]}" if english else f"under {names[month - 1]}"
            detail = rule.section.value + (f", {rule.responsible}" if rule.responsible else "")
            lines.append(f"  • {when}: {rule.title} ({detail})")
    return "\n".join(lines)
