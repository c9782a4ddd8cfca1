"""Every Teams request's token is checked as the SDK does and more; a refusal is 401, no change."""

from __future__ import annotations

import base64
import json

import pytest

from bot.teams.config import TeamsSettings, TeamsSettingsError
from tests.teams_harness import APP_ID, OTHER_TENANT, TENANT, TeamsHarness, set_up


@pytest.fixture
def h(sqlite_url):
    # Tokens are refused before any database work: one database is enough here.
    from storage.db import make_engine
    from storage.store import store_factory

    engine = make_engine(sqlite_url)
    with TeamsHarness(store_factory(engine)) as harness:
        yield harness
    engine.dispose()


def _refused(h: TeamsHarness, activity: dict, token) -> None:
    before = h.snapshot()
    replies = len(h.outgoing.replies)
    response = h.send(activity, token)
    assert response.status_code == 401, (response.status_code, response.text)
    assert h.snapshot() == before
    assert len(h.outgoing.replies) == replies
    assert not h.connector.calls


def test_a_signed_message_is_answered(h: TeamsHarness) -> None:
    h.say("maria", "grupp skapa FSG; Förvaltningssamverkansgrupp Socialförvaltningen")
    assert "FSG" in h.last_reply()
    assert h.snapshot()["Group"][0].key == "FSG"


def test_no_token(h: TeamsHarness) -> None:
    _refused(h, h.message("maria", "grupp skapa FSG; X"), False)


def test_wrong_audience(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token("someone-else", service_url=act["serviceUrl"]))


def test_expired_token(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    # Past the SDK's five minutes of leeway.
    token = h.issuer.token(APP_ID, service_url=act["serviceUrl"], lifetime=60, issued_ago=900)
    _refused(h, act, token)


def test_wrong_tenant_in_the_activity(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X", tenant=OTHER_TENANT)
    _refused(h, act, h.issuer.token(APP_ID, service_url=act["serviceUrl"]))


def test_wrong_tenant_in_the_token(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token(APP_ID, service_url=act["serviceUrl"], tid=OTHER_TENANT))


def test_service_url_mismatch(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token(APP_ID, service_url="https://smba.example.net/emea/"))


def test_service_url_claim_missing(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token(APP_ID))


def test_token_without_kid_is_401_not_500(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token(APP_ID, service_url=act["serviceUrl"], kid=None))


def test_token_signed_by_another_key(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    _refused(h, act, h.issuer.token(APP_ID, service_url=act["serviceUrl"], wrong_key=True))


def test_wrong_issuer(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")
    token = h.issuer.token(APP_ID, service_url=act["serviceUrl"], issuer="https://evil.example/")
    _refused(h, act, token)


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer not.a.token", "Basic dXNlcjpwYXNz", "Bearer " + "A" * 50, "Bearer a.b.c"],
)
def test_malformed_tokens(h: TeamsHarness, header: str) -> None:
    before = h.snapshot()
    act = h.message("maria", "grupp skapa FSG; X")
    response = h.http.post("/api/messages", json=act, headers={"Authorization": header})
    assert response.status_code == 401
    assert h.snapshot() == before


def test_unsigned_alg_none_token(h: TeamsHarness) -> None:
    act = h.message("maria", "grupp skapa FSG; X")

    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"iss": "https://api.botframework.com", "aud": APP_ID, "serviceurl": "x"}
    token = f"{part({'alg': 'none', 'kid': h.issuer.kid})}.{part(claims)}."
    _refused(h, act, token)


def test_malformed_body_with_a_valid_token_is_400(h: TeamsHarness) -> None:
    token = h.issuer.token(APP_ID, service_url=h.connector.service_url)
    response = h.http.post(
        "/api/messages", content=b"{not json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401  # no activity to match the token's service URL against


def test_a_channel_reaches_only_its_own_group(h: TeamsHarness) -> None:
    set_up(h)
    h.say("maria", "mote planera 18 mars kl 13; Sof")
    h.say("olle", "grupp skapa VSG; Verksamhetssamverkan BUF", conversation="19:vsg@thread.tacv2")
    h.say("olle", "mote lista", conversation="19:vsg@thread.tacv2")
    assert "18 mars" not in h.last_reply()
    h.say("olle", "mote visa #1", conversation="19:vsg@thread.tacv2")
    assert "Sof" not in h.last_reply()


def test_no_exception_text_reaches_the_conversation(h: TeamsHarness, monkeypatch) -> None:
    from bot.core import groups

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret connector URL https://smba.example/")

    monkeypatch.setattr(groups, "create_group", broken)
    from bot.commands import parse as parse_module

    monkeypatch.setitem(parse_module.COMMANDS, "grupp", lambda rest, env: _call(broken))
    h.say("maria", "grupp skapa FSG; X")
    assert "secret" not in str(h.last_reply())
    assert "smba" not in str(h.last_reply())
    assert not h.connector.calls


def test_an_exception_the_sdk_catches_posts_nothing_into_the_conversation(
    h: TeamsHarness, monkeypatch
) -> None:
    """Outside our handlers' own catch, the SDK's default error handler would post the
    exception text and the connector URL into the conversation; ours only logs its type."""
    from bot.teams import handlers

    def broken(_activity):
        raise RuntimeError("secret connector URL https://smba.example/")

    monkeypatch.setattr(handlers, "caller_of", broken)
    response = h.send(h.message("maria", "grupp skapa FSG; X"))
    assert "secret" not in response.text and "smba" not in response.text
    assert h.connector.calls == []  # nothing was sent to Teams at all
    assert h.outgoing.replies == []
    assert h.snapshot()["Group"] == []


def _call(operation):
    from bot.commands.parse import Call

    return Call(operation)


def test_settings_refuse_a_client_id_without_tenant() -> None:
    with pytest.raises(TeamsSettingsError) as error:
        TeamsSettings.from_env(
            {
                "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID,
                "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "s",
            }
        )
    assert any("TENANTID saknas" in line for line in error.value.lines)


def test_settings_one_line_per_problem() -> None:
    with pytest.raises(TeamsSettingsError) as error:
        TeamsSettings.from_env(
            {
                "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": "not-a-guid",
                "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": "common",
                "JUSTERA_TEAMS_OPENID_METADATA_URL": "http://keys.example/",
            }
        )
    assert len(error.value.lines) == 4  # client id, tenant, secret, key URL


def test_settings_managed_identity_needs_no_secret() -> None:
    settings = TeamsSettings.from_env(
        {
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID,
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": TENANT.upper(),
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__AUTHTYPE": "UserManagedIdentity",
        }
    )
    assert settings is not None and settings.tenant_id == TENANT
    assert TeamsSettings.from_env({}) is None
