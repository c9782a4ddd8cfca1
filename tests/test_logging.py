"""Nothing a user wrote, and no secret, reaches the logs at info level during a whole meeting."""

from __future__ import annotations

import logging

import pytest

from tests.harness import at
from tests.slack_harness import SECRET, SlackHarness, set_up

SECRET_WORDS = [
    "Hemlig rubrik om bemanning",
    "Anteckning som inte får loggas",
    "Vision reserverar sig skarpt",
    "Rättelse i punkt fyra",
]


def test_a_slack_meeting_logs_no_user_text_and_no_secret(
    store_factory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with SlackHarness(store_factory) as h:
        set_up(h)
        h.command("USARA", f"/arende Beslut; {SECRET_WORDS[0]}; riskbedömning: ja")
        h.command("UMARIA", "/mote publicera")
        h.now = at("2026-03-18T13:05")
        h.command("USARA", "/justerare <@UJONAS|jonas>, <@ULINA|lina>")
        h.command("USARA", f"/anteckning 4; {SECRET_WORDS[1]}")
        h.command("USARA", "/beslut 4; oenighet; Vision; Ingen enighet.")
        h.command("UPETRA", f"/protokollsanteckning 4; {SECRET_WORDS[2]}")
        h.command("USARA", "/protokoll posta")
        h.command("UJONAS", f"/protokoll ändring; {SECRET_WORDS[3]}")
        h.command("UJONAS", "/arende Okänd; med hemlig text")  # a refusal is not logged either
        h.slack.fail_next("chat.postMessage", error="channel_not_found")
        h.command("USARA", "/anteckning 4; Ett tillägg.")
        h.command("USARA", "/protokoll posta")  # its posting fails, and that is logged
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert any(r.levelno >= logging.ERROR for r in caplog.records), "the failed posting"
    for word in [*SECRET_WORDS, SECRET, "xoxb-test", "med hemlig text"]:
        assert word not in logged
