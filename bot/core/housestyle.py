"""A group's house style: how its minutes look, kept as YAML data, never as code."""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from bot.core.texts import UserError

PLACEHOLDERS = frozenset(
    {"group", "group_name", "unit", "meeting_title", "date", "date_long", "protocol", "dnr"}
)
LINE_PLACEHOLDERS = {
    "section_heading": {"label"},
    "justerare_line": {"names", "sentence"},
    "secretary_line": {"secretary"},
    "chosen_sentence": {"names"},
}
BUILT_IN = ("hr", "2021")
DEFAULT = "hr"


@dataclass(frozen=True)
class HouseStyle:
    """The wording and layout of minutes; every renderer reads the same one."""

    name: str
    description: str = ""
    title: str = "Minnesanteckningar"
    title_with_meeting: str = "Minnesanteckningar {meeting_title}"
    header: tuple[str, ...] = (
        "{group_name}",
        "{unit}",
        "Minnesanteckningar från samverkansgrupp {group}",
    )
    meta_date: str = "{date}"  # empty: no Datum line (the date is in the title)
    protocol_line: str = "Bilaga till protokoll {protocol}"
    agenda_heading: str = "Ärendelista"
    opening_under: str = "agenda"  # or "information"
    section_heading: str = "{label}"
    item_marker: str = "• "
    chosen_with_party: bool = True
    chosen_sentence: str = "{names} valdes som justerare."  # "{names}": the names alone
    empty_section: str = "Inga beslut"
    closing_sentence: bool = False
    justering_heading: str = "Justering"
    justerare_line: str = "Justerare: {names}"
    secretary_line: str = "Vid anteckningarna: {secretary}"
    final_heading: str = "Justerat"
    # Uppföljning: the lead of a commitment's line under its item and of an outcome reported.
    commitment_lead: str = "Uppföljning:"
    outcome_lead: str = "Uppföljningen är klar:"
    # Outcomes of commitments closed without a follow-up item on the meeting, after the items.
    outcomes_heading: str = "Uppföljningar som är klara"
    # A list of what the meeting promised at the end of the minutes (what, who, by when).
    commitment_list: bool = False
    commitment_list_heading: str = "Uppföljning"
    commitment_list_columns: tuple[str, ...] = ("Vad", "Vem", "När")

    def fill(self, template: str, values: dict[str, str]) -> str:
        return template.format(**{k: values.get(k, "") for k in _names(template)}).strip()


def _names(template: str) -> set[str]:
    return {n for _, n, _, _ in string.Formatter().parse(template) if n}


def parse_style(text: str) -> HouseStyle:
    """A style from YAML; anything unknown or malformed is refused with an example."""
    example = "/grupp stil hr"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise UserError("style_invalid", problem="YAML", example=example) from None
    if not isinstance(data, dict) or not str(data.get("name", "")).strip():
        raise UserError("style_invalid", problem="name", example=example)
    fields = {f.name: f for f in dataclasses.fields(HouseStyle)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in fields:
            raise UserError("style_invalid", problem=str(key), example=example)
        default = fields[key].default
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise UserError("style_invalid", problem=str(key), example=example)
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UserError("style_invalid", problem=str(key), example=example)
            value = tuple(value)
        else:
            value = "" if value is None else str(value)
        for template in value if isinstance(value, tuple) else (value,):
            if isinstance(template, str):
                try:
                    allowed = PLACEHOLDERS | LINE_PLACEHOLDERS.get(key, set())
                    if not _names(template) <= allowed:
                        raise ValueError(template)
                except ValueError:
                    raise UserError("style_invalid", problem=str(key), example=example) from None
        values[key] = value
    if values.get("opening_under", "agenda") not in ("agenda", "information"):
        raise UserError("style_invalid", problem="opening_under", example=example)
    if len(values.get("commitment_list_columns", ("Vad", "Vem", "När"))) != 3:
        raise UserError("style_invalid", problem="commitment_list_columns", example=example)
    return HouseStyle(**values)


@cache
def built_in(name: str) -> HouseStyle:
    text = resources.files("bot.core").joinpath("data", f"stil-{name}.yaml").read_text("utf-8")
    return parse_style(text)


def built_in_text(name: str) -> str:
    return resources.files("bot.core").joinpath("data", f"stil-{name}.yaml").read_text("utf-8")


def style_of(style: str, style_text: str) -> HouseStyle:
    """A group's chosen style: its own YAML when loaded, else a built-in by name."""
    if style_text.strip():
        return parse_style(style_text)
    return built_in(style if style in BUILT_IN else DEFAULT)
