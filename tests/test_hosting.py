"""One process serves Slack and Teams: one web app, one outbox sender, one reminder sender."""

from __future__ import annotations

from bot.core.service import Justera
from bot.hosting import build_host
from bot.slack.config import SlackSettings
from bot.teams.config import TeamsSettings
from tests.teams_harness import APP_ID, TENANT

TEAMS = {
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID,
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": TENANT,
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "a-secret-for-the-test",
}


def test_slack_and_teams_share_one_sender(store_factory) -> None:
    service = Justera(store_factory)
    slack = SlackSettings(bot_token="xoxb-test", signing_secret="s")
    teams = TeamsSettings.from_env(TEAMS)
    host, _app = build_host(service, slack, teams, env=TEAMS)
    paths = {route.path for route in host.routes}
    assert {"/slack/events", "/api/messages"} <= paths
    assert service.outbox_platforms == {"slack", "teams"}
    assert len(host.starts) == 1  # the Slack bot's start: its sender carries Teams too


def test_teams_alone_has_its_own_sender(store_factory) -> None:
    service = Justera(store_factory)
    host, app = build_host(service, None, TeamsSettings.from_env(TEAMS), env=TEAMS)
    assert app is None
    assert {route.path for route in host.routes} == {"/api/messages"}
    assert service.outbox_platforms == {"teams"}
