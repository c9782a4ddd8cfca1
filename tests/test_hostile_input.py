"""Hostile input: random, huge and malformed text and payloads never crash or store anything."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands.parse import COMMANDS, parse
from bot.console.app import user_ref
from bot.core.texts import UserError
from storage.db import make_engine
from storage.store import store_factory
from tests.fakes.slack_signing import slash_command_body
from tests.harness import Harness, at, set_up_meeting
from tests.slack_harness import SlackHarness, set_up

NOW = at("2026-03-02T09:00")
NASTY = st.sampled_from(
    [
        "<!channel>",
        "<!here>",
        "<@U123>",
        "<https://evil.example|x>",
        "\x00",
        "\u202e",
        ";",
        "#1",
        "\n",
        "*",
        "`",
        "```",
        "&lt;",
        "19811218-9876",
        " " * 5,
        "ö" * 3,
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=12).map("".join)
HUGE = st.integers(min_value=3_000, max_value=20_000).map(lambda n: "x;" * (n // 2))


@settings(max_examples=400, deadline=None)
@given(name=st.sampled_from(sorted(COMMANDS)), text=st.one_of(TEXT, HUGE))
def test_the_parser_answers_every_line_with_a_call_or_a_refusal(name: str, text: str) -> None:
    try:
        call = parse(f"/{name} {text}", now=NOW, lang="sv", resolve_user=user_ref)
    except UserError as error:
        assert error.message("sv") and error.message("en")
        return
    assert call.operation is not None or call.text


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(sorted(COMMANDS)), text=st.one_of(TEXT, HUGE))
def test_a_refused_command_stores_nothing_and_text_is_stored_as_written(
    sqlite_url: str, name: str, text: str
) -> None:
    engine = make_engine(sqlite_url)
    h = Harness(store_factory(engine))
    if not h.snapshot()["Group"]:
        set_up_meeting(h)
    before = h.snapshot()
    try:
        h.do("sara", f"/{name} {text}")
    except UserError:
        assert h.snapshot() == before
    except AssertionError:
        pass  # a help text: Harness.do refuses to run those
    engine.dispose()


def test_broken_slack_payloads_get_no_500_and_change_nothing(store_factory) -> None:
    with SlackHarness(store_factory) as h:
        set_up(h)
        before = h.snapshot()
        bodies = [
            ("payload=" + "{not json", "application/x-www-form-urlencoded"),
            (urlencode({"payload": json.dumps({"type": "block_actions"})}), None),
            (urlencode({"payload": json.dumps({"type": "view_submission", "view": 3})}), None),
            (urlencode({"payload": json.dumps([1, 2, 3])}), None),
            (json.dumps({"type": "event_callback", "event": "nope"}), "application/json"),
            (
                json.dumps({"type": "event_callback", "event": {"type": "reaction_added"}}),
                "application/json",
            ),
            ("{]", "application/json"),
            (slash_command_body("/mote", "x" * 20_000, user_id="UMARIA", channel_id="CFSG"), None),
            (
                slash_command_body(
                    "/arende",
                    "Dialog; <!channel> " + "\x00" * 5,
                    user_id="UJONAS",
                    channel_id="CFSG",
                ),
                None,
            ),
        ]
        for body, content_type in bodies:
            response = h.post(body, content_type or "application/x-www-form-urlencoded")
            assert response.status_code < 500, (body[:80], response.status_code, response.text)
        after = h.snapshot()
        # The one well-formed proposal may be stored; nothing else is, and no broadcast went out.
        added = [i for i in after["AgendaItem"] if i not in before["AgendaItem"]]
        assert len(added) <= 1
        for call in h.slack.calls_to("chat.postMessage"):
            assert "<!channel>" not in json.dumps(call.args)


CONTROL_LINES = [
    ("jonas", "/arende Dialog; Rubrik\x00med NUL"),
    ("jonas", "/arende Dialog; Rubrik; beskrivning: text\x01\x02"),
    ("maria", "/mote planera 15 april kl 13; Sof\x1b[31m"),
    ("maria", "/grupp part Parten\x7f; fack"),
    ("maria", "/grupp ord lägg till Sol\x00rosen"),
    ("maria", "/sok budget\x00"),
    ("maria", "/sok \x00"),
]


def test_control_characters_and_nul_are_refused_on_both_databases(store_factory) -> None:
    """PostgreSQL cannot store NUL at all; neither database gets any control character."""
    h = Harness(store_factory)
    set_up_meeting(h)
    for user, line in CONTROL_LINES:
        error = h.refused(user, line)
        assert error.key == "control_character", (line, error.key)
        assert "U+00" in error.message("sv") and "U+00" in error.message("en")


def test_a_huge_search_is_refused_without_echoing_it(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    for query in ["budget " * 200_000, "ö" * 1_200_000]:  # 1.2 MB would crash a tsquery
        error = h.refused("maria", f"/sok {query}")
        assert error.key == "search_too_long"
        assert len(error.message("sv")) < 300 and len(error.message("en")) < 300


def test_a_search_for_an_identity_number_is_refused_masked(store_factory) -> None:
    h = Harness(store_factory)
    set_up_meeting(h)
    error = h.refused("maria", "/sok 19811218-9876")
    assert error.key == "privacy_personnummer" and "9876" not in error.message("sv")
