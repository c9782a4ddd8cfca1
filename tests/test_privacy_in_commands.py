"""No client data slips into the minutes: every text bound for them is checked before it is kept."""

from __future__ import annotations

import pytest

from tests.harness import Harness, hold_meeting, set_up_meeting
from tests.slack_harness import SlackHarness, set_up

NUMBER = "19811218-9876"  # a valid personnummer (checksum included), fictional


@pytest.mark.parametrize(
    ("user", "line"),
    [
        ("jonas", f"/arende Dialog; Ärende om {NUMBER}"),
        ("jonas", "/arende Dialog; Rubrik; beskrivning: gäller 198112189876"),
        ("sara", f"/anteckning 4; Brukaren {NUMBER} berördes."),
        ("petra", f"/protokollsanteckning 4; Vi nämner {NUMBER}."),
        ("sara", f"/beslut 6; samverkat; Gäller {NUMBER}"),
        ("jonas", f"/protokoll ändring; Stryk {NUMBER} ur punkt 4"),
    ],
)
def test_a_personnummer_is_refused_masked_and_nothing_changes(
    store_factory, user: str, line: str
) -> None:
    h = Harness(store_factory)
    # Proposals go to a planned meeting; the rest is written in and after a held one.
    (set_up_meeting if line.startswith("/arende") else hold_meeting)(h)
    error = h.refused(user, line)
    assert error.key == "privacy_personnummer"
    for lang in ("sv", "en"):
        message = error.message(lang)
        assert "19811218-••••" in message and "9876" not in message


def test_a_groups_forbidden_words_are_refused_whole_words_only(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    assert h.refused("jonas", "/grupp ord lägg till Solrosen").key == "denied_admin"
    h.do("maria", "/grupp ord lägg till Solrosen")
    assert "Solrosen" in h.do("maria", "/grupp ord visa").message
    error = h.refused("jonas", "/arende Dialog; Bemanningen på solrosen")
    assert error.key == "privacy_forbidden_word"
    h.do("jonas", "/arende Dialog; Trafiken på Solrosenvägen")  # a compound is another word
    h.do("maria", "/grupp ord ta bort Solrosen")
    h.do("jonas", "/arende Dialog; Bemanningen på Solrosen")


def test_the_slack_form_keeps_the_text_and_shows_the_refusal_under_its_field(
    store_factory,
) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("UJONAS", "/arende")
        view = h.last_view()
        answer = h.submit(
            "UJONAS",
            view["callback_id"],
            {
                "title": {"value": "Bemanning"},
                "section": {
                    "value": {"type": "static_select", "selected_option": {"value": "Dialog"}}
                },
                "description": {"value": f"Gäller {NUMBER}"},
            },
            view["private_metadata"],
        )
        assert answer["response_action"] == "errors"
        assert list(answer["errors"]) == ["description"]
        assert "19811218-••••" in answer["errors"]["description"]
        assert not [i for i in h.snapshot()["AgendaItem"] if i.title == "Bemanning"]
