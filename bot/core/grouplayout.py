"""How a group's minutes look: its house style, its unit line and its own standing items."""

from __future__ import annotations

from bot.core.content import check_content
from bot.core.context import Result
from bot.core.housestyle import BUILT_IN, DEFAULT, built_in_text, parse_style, style_of
from bot.core.meetings import STANDING_ITEMS
from bot.core.model import Section, StandingItem
from bot.core.permissions import Action
from bot.core.texts import UserError
from bot.core.tx import Tx


def choose_style(tx: Tx, name: str) -> Result:
    """A built-in style by name; the group's own loaded style is then set aside."""
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    wanted = name.strip().lower()
    if wanted not in BUILT_IN:
        raise UserError("unknown_style", given=name.strip(), styles=", ".join(BUILT_IN))
    group.style, group.style_text = wanted, ""
    tx.store.update(group)
    tx.record("choose_style", group, None, detail=f"style={wanted}")
    return Result(tx.say("style_chosen", name=wanted))


def load_style(tx: Tx, text: str) -> Result:
    """The group's own style as YAML (start from `/grupp stil export`)."""
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    check_content(group, "style", text, required=True)
    style = parse_style(text)
    group.style, group.style_text = style.name[:64], text.strip()
    tx.store.update(group)
    tx.record("load_style", group, None, detail=f"style={style.name[:40]}")
    return Result(tx.say("style_loaded", name=style.name))


def show_style(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    style = style_of(group.style, group.style_text)
    own = bool(group.style_text.strip())
    return Result(
        tx.say(
            "style_shown",
            name=style.name,
            styles=", ".join(BUILT_IN),
            kind=tx.say("style_own" if own else "style_built_in"),
        )
    )


def export_style(tx: Tx) -> Result:
    """The group's style as YAML, to edit and load again."""
    group = tx.group()
    tx.require(Action.VIEW, group)
    if group.style_text.strip():
        return Result(group.style_text)
    return Result(built_in_text(group.style if group.style in BUILT_IN else DEFAULT))


def set_unit(tx: Tx, unit: str) -> Result:
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    check_content(group, "unit", unit)
    group.unit = unit.strip()
    tx.store.update(group)
    tx.record("set_unit", group, None)
    return Result(tx.say("unit_set", unit=group.unit or "–"))


def _own(tx: Tx, group) -> list[StandingItem]:
    return sorted(tx.store.find(StandingItem, group_id=group.id), key=lambda s: s.position)


def _own_or_common(tx: Tx, group) -> list[StandingItem]:
    """The group's own standing items; the first change makes the common three its own."""
    own = _own(tx, group)
    if not own:
        for position, (section, title) in enumerate(STANDING_ITEMS, start=1):
            own.append(
                tx.store.add(
                    StandingItem(group_id=group.id, title=title, section=section, position=position)
                )
            )
    return own


def _lines(rows: list[tuple[int, str, Section, str]]) -> list[str]:
    lines = []
    for position, title, section, presenter in rows:
        who = f", {presenter}" if presenter else ""
        lines.append(f"  {position}. {title}{who} · {section.value}")
    return lines


def show_standing(tx: Tx) -> Result:
    group = tx.group()
    tx.require(Action.VIEW, group)
    own = _own(tx, group)
    rows = (
        [(s.position, s.title, s.section, s.presenter) for s in own]
        if own
        else [(n, t, sec, "") for n, (sec, t) in enumerate(STANDING_ITEMS, start=1)]
    )
    heading = tx.say("standing_heading" if own else "standing_default_heading")
    return Result("\n".join([heading, *_lines(rows)]))


def add_standing(tx: Tx, title: str, section: Section, presenter: str = "") -> Result:
    """Add a standing item last; the first one of the group's own starts from the common three."""
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    check_content(group, "title", title, required=True)
    check_content(group, "presenter", presenter)
    own = _own_or_common(tx, group)
    if any(s.title.casefold() == title.strip().casefold() for s in own):
        raise UserError("standing_exists", title=title.strip())
    tx.store.add(
        StandingItem(
            group_id=group.id,
            title=title.strip(),
            section=section,
            position=len(own) + 1,
            presenter=presenter.strip(),
        )
    )
    tx.record("add_standing", group, None, detail=f"position={len(own) + 1}")
    return Result(tx.say("standing_added", title=title.strip(), position=len(own) + 1))


def remove_standing(tx: Tx, position: int) -> Result:
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    own = _own_or_common(tx, group)
    chosen = _chosen(own, position)
    tx.store.delete(chosen)
    _renumber(tx, [s for s in own if s.id != chosen.id])
    tx.record("remove_standing", group, None, detail=f"position={position}")
    return Result(tx.say("standing_removed", title=chosen.title))


def order_standing(tx: Tx, positions: list[int]) -> Result:
    """As /arende ordna: the named items come first in their sections, the rest keep their order."""
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    if len(set(positions)) != len(positions):
        raise UserError("standing_order_repeats")
    own = _own_or_common(tx, group)
    named = [_chosen(own, p) for p in positions]
    rest = [s for s in own if s.id not in {n.id for n in named}]
    _renumber(tx, named + rest)
    tx.record("order_standing", group, None, detail=",".join(map(str, positions)))
    return _reordered(tx, own)


def move_standing(tx: Tx, position: int, section: Section) -> Result:
    """As /arende flytta: the item goes last in the other section."""
    group = tx.group()
    tx.require(Action.GROUP_LAYOUT, group)
    own = _own_or_common(tx, group)
    chosen = _chosen(own, position)
    if chosen.section is not section:
        chosen.section = section
        tx.store.update(chosen)
        _renumber(tx, [s for s in own if s.id != chosen.id] + [chosen])
    tx.record("move_standing", group, None, detail=f"position={position}")
    return _reordered(tx, own)


def _chosen(own: list[StandingItem], position: int) -> StandingItem:
    for item in own:
        if item.position == position:
            return item
    raise UserError("unknown_standing", position=position, count=len(own))


def _renumber(tx: Tx, items: list[StandingItem]) -> None:
    """Number 1, 2, … in the order new meetings show them: by section, then as given."""
    ordered = sorted(items, key=lambda s: s.section.rank)  # stable: keeps the order in a section
    for number, item in enumerate(ordered, start=1):
        if item.position != number:
            item.position = number
            tx.store.update(item)


def _reordered(tx: Tx, own: list[StandingItem]) -> Result:
    rows = [(s.position, s.title, s.section, s.presenter) for s in own]
    return Result("\n".join([tx.say("standing_ordered"), *_lines(sorted(rows))]))
