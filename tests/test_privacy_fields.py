"""Every text field of the model passes the privacy check on every write; few are exempt, named."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from datetime import date, datetime
from enum import Enum

import pytest

from bot.core import model
from bot.core.guard import EXEMPT, checked_fields, exempt, text_fields
from bot.core.model import RECORD_TYPES, Group, Meeting
from bot.core.texts import UserError
from tests.harness import Harness, at, hold_meeting, set_up_meeting

NUMBER = "19811218-9876"  # a valid personnummer, fictional
NOW = at("2026-03-02T09:00")


def records() -> list[type]:
    return [
        kind
        for _name, kind in inspect.getmembers(model, inspect.isclass)
        if dataclasses.is_dataclass(kind) and kind.__module__ == model.__name__
    ]


def sample(kind: type, /, **values: object) -> object:
    """A record of kind with a plain value in every field, ids pointing at nothing."""
    hints = typing.get_type_hints(kind)
    made: dict[str, object] = {}
    for f in dataclasses.fields(kind):
        hint = hints[f.name]
        options = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        wanted = options[0]
        if f.name == "id":
            made[f.name] = None
        elif isinstance(wanted, type) and issubclass(wanted, Enum):
            made[f.name] = next(iter(wanted))
        elif wanted is bool:
            made[f.name] = False
        elif wanted is int:
            made[f.name] = 1
        elif wanted is datetime:
            made[f.name] = NOW
        elif wanted is date:
            made[f.name] = NOW.date()
        else:
            made[f.name] = ""
    made.update(values)
    return kind(**made)


def test_every_record_of_the_model_is_stored_and_so_guarded() -> None:
    assert set(records()) == set(RECORD_TYPES)


def test_every_field_that_can_hold_text_is_known_as_text() -> None:
    # A field annotated with anything holding str (an alias, a NewType) must still be seen.
    for kind in RECORD_TYPES:
        for f in dataclasses.fields(kind):
            if "str" in str(f.type) and "StrEnum" not in str(f.type):
                assert f.name in text_fields(kind), f"{kind.__name__}.{f.name} is not seen as text"


def test_the_exempt_fields_are_few_real_and_explained() -> None:
    assert len(EXEMPT) <= 16
    for (kind_name, name), why in EXEMPT.items():
        kind = getattr(model, kind_name)
        assert name in text_fields(kind), f"{kind_name}.{name} is exempt but no text field"
        assert why.strip()


def test_the_fields_people_type_are_checked() -> None:
    wanted = {
        Group: {"key", "name", "forbidden_words"},
        model.Party: {"name", "short_name"},
        model.Member: {"display_name"},
        Meeting: {"place", "protocol_number", "dnr"},
        model.AgendaItem: {"title", "presenter", "description", "links"},
        model.Entry: {"text"},
        model.Decision: {"text"},
        model.Approval: {"comment"},
        model.YearRule: {"title", "responsible"},
        model.SearchEntry: {"title", "body"},
    }
    for kind, names in wanted.items():
        assert names <= set(checked_fields(kind)), kind.__name__


CHECKED = [
    (kind, name) for kind in RECORD_TYPES for name in text_fields(kind) if not exempt(kind, name)
]


def test_a_store_refuses_a_number_or_a_control_character_in_every_checked_field(
    store_factory,
) -> None:
    """Through the real store: whatever command writes the record, the number stays out."""
    unchecked = []
    for kind, name in CHECKED:
        for text, key in [
            (f"Text {NUMBER} här", "privacy_personnummer"),
            ("Text 8112\u00ad18-9876 här", "privacy_personnummer"),
            ("Text 811218\u22129876 här", "privacy_personnummer"),
            ("Text\x00här", "control_character"),
        ]:
            with store_factory() as store:
                try:
                    store.add(sample(kind, **{name: text}))
                except UserError as refused:
                    if refused.key == key and "field" in refused.params:
                        continue
                unchecked.append(f"{kind.__name__}.{name}: {text!r}")
    assert not unchecked, "not checked: " + ", ".join(unchecked)


def test_an_update_is_checked_where_it_changed_and_stored_normalised(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    with store_factory() as store:
        meeting = store.find(Meeting)[0]
        meeting.place = f"Rum {NUMBER}"
        with pytest.raises(UserError):
            store.update(meeting)
    with store_factory() as store:
        meeting = store.find(Meeting)[0]
        meeting.place = "Sof\u00ad, Bredgatan\u00a03"
        store.update(meeting)
        store.commit()
    with store_factory() as store:
        assert store.find(Meeting)[0].place == "Sof, Bredgatan 3"


@pytest.mark.parametrize(
    "line",
    [
        "/grupp part Parten 811218-9876; fack",
        "/grupp medlem nils; Nils 811218-9876; Arbetsgivaren; ledamot",
        "/mote planera 15 april kl 13; Rum 811218-9876",
        "/mote planera 15 april kl 13; Sof; protokoll 811218-9876",
        "/mote planera 15 april kl 13; Sof; dnr 811218-9876",
        "/grupp ord lägg till 811218-9876",
    ],
)
def test_commands_that_never_checked_refuse_a_number_now(store_factory, line: str) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    error = h.refused("maria", line)
    assert error.key == "privacy_personnummer"
    assert "9876" not in error.message("sv")


def test_a_group_name_is_checked(store_factory) -> None:
    h = Harness(store_factory)
    error = h.refused("maria", f"/grupp skapa VSG; Grupp för {NUMBER}")
    assert error.key == "privacy_personnummer"


def test_forbidden_words_reach_every_record_through_its_links(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)
    h.do("maria", "/grupp ord lägg till Solrosen")
    for user, line in [
        ("sara", "/anteckning 4; Personalen på Solrosen"),  # a note: item -> meeting -> group
        ("maria", "/mote planera 15 april kl 13; Solrosen"),  # a place
        ("maria", "/grupp part Solrosens fack; fack"),
    ]:
        assert h.refused(user, line).key == "privacy_forbidden_word"


def test_the_forbidden_words_themselves_may_be_stored(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    h.do("maria", "/grupp ord lägg till Solrosen")
    h.do("maria", "/grupp ord lägg till Ekbacken")
    assert "Ekbacken" in h.do("maria", "/grupp ord visa").message
