"""Nothing a user wrote, and no secret, reaches the logs at info level during a whole meeting."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.harness import at
from tests.slack_harness import SECRET, TEAM, SlackHarness, set_up

SECRET_WORDS = [
    "Hemlig rubrik om bemanning",
    "Anteckning som inte får loggas",
    "Vision reserverar sig skarpt",
    "Rättelse i punkt fyra",
    "Omsignerad begäran om lönerna",
    "Tillägg som databasen inte tar emot",
]


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """Everything logged at info or above, with the tracebacks as a handler would write them."""
    records = [r for r in caplog.records if r.levelno >= logging.INFO]
    logged = "\n".join(r.getMessage() + "\n" + (r.exc_text or "") for r in records)
    return logged + "\n".join(
        logging.Formatter().formatException(r.exc_info) for r in records if r.exc_info
    )


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
        # A request signed with an old secret (or replayed late): Bolt refuses it, and by
        # itself would log its whole body at INFO.
        body = slash_command_body(
            "/anteckning", f"4; {SECRET_WORDS[4]}", user_id="USARA", channel_id="CFSG", team_id=TEAM
        )
        headers = signed_headers(body, "the-secret-before-rotation", None)
        assert h.http.post("/slack/events", content=body, headers=headers).status_code == 401
        # A database error in the middle of a command: its message names the statement, and
        # must not carry the parameters (the note's text, the user's reference).
        with h.service.store_factory() as store:
            store._in_transaction().execute(text("ALTER TABLE entries RENAME TO entries_gone"))
            store.commit()
        h.command("USARA", f"/anteckning 4; {SECRET_WORDS[5]}")
    logged = _logged(caplog)
    assert any(r.levelno >= logging.ERROR for r in caplog.records), "the failed posting"
    assert "/anteckning failed" in logged, "the database error is logged, without its values"
    assert "[parameters:" not in logged
    for word in [*SECRET_WORDS, SECRET, "xoxb-test", "med hemlig text"]:
        assert word not in logged


def test_a_teams_meeting_logs_no_user_text_and_no_secret(
    store_factory, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.teams_harness import CHANNEL, TeamsHarness
    from tests.teams_harness import set_up as teams_set_up

    caplog.set_level(logging.INFO)
    with TeamsHarness(store_factory, outbox=True) as h:
        teams_set_up(h)
        h.say("maria", "mote planera onsdag 18 mars kl 13; Sof")
        h.say("sara", f"arende Beslut; {SECRET_WORDS[0]}; riskbedömning: ja")
        h.say("maria", "mote publicera")
        h.now = at("2026-03-18T13:05")
        h.say("sara", "justerare @jonas, @lina")
        h.say("sara", f"anteckning 4; {SECRET_WORDS[1]}")
        h.say("petra", f"protokollsanteckning 4; {SECRET_WORDS[2]}")
        h.say("sara", "protokoll posta")
        h.say("jonas", f"protokoll ändring; {SECRET_WORDS[3]}")
        h.say("jonas", "arende Okänd; med hemlig text")  # a refusal is not logged either
        h.connector.fail_next(CHANNEL, 403)  # Teams refuses the reply: given up, and logged
        h.say("sara", "anteckning 4; Ett tillägg.")
        # A request with a token for someone else: refused, and its body is not logged.
        act = h.message("sara", f"anteckning 4; {SECRET_WORDS[4]}")
        assert h.send(act, token=h.issuer.token("someone-else")).status_code == 401
        with h.service.store_factory() as store:
            store._in_transaction().execute(text("ALTER TABLE entries RENAME TO entries_gone"))
            store.commit()
        h.say("sara", f"anteckning 4; {SECRET_WORDS[5]}")
    logged = _logged(caplog)
    assert "given up" in logged, "the refused reply"
    assert "Teams command failed" in logged, "the database error is logged, without its values"
    assert "[parameters:" not in logged
    for word in [*SECRET_WORDS, "test-secret", "med hemlig text", "Bearer "]:
        assert word not in logged
