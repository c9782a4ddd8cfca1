"""Teams settings under the Agents SDK's own environment names, checked once at start."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

PREFIX = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
CLIENT_ID = PREFIX + "CLIENTID"
CLIENT_SECRET = PREFIX + "CLIENTSECRET"
TENANT_ID = PREFIX + "TENANTID"
AUTH_TYPE = PREFIX + "AUTHTYPE"
# Where the keys that sign Teams' tokens are published: an OpenID metadata document or a JWKS.
# Unset, the SDK picks Microsoft's public cloud from the token's issuer; sovereign clouds (and
# the tests' local issuer) name theirs here.
OPENID_METADATA = "JUSTERA_TEAMS_OPENID_METADATA_URL"
# Exports in channels are links to our own host (a bot uploads files only in 1:1 chats).
PUBLIC_URL = "JUSTERA_PUBLIC_URL"
FILE_KEY = "JUSTERA_TEAMS_FILE_KEY"  # signs those links; the client secret when unset

SECRET_TYPES = {"ClientSecret"}
# The SDK's names for managed identities: no secret, the identity's client id in CLIENTID.
IDENTITY_TYPES = {"UserManagedIdentity", "SystemManagedIdentity"}
OTHER_TYPES = {"CertificateSubjectName", "certificate", "FederatedCredentials", "WorkloadIdentity"}
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class TeamsSettingsError(ValueError):
    """Teams is named in the environment but cannot start; one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class TeamsSettings:
    client_id: str
    tenant_id: str
    auth_type: str = "ClientSecret"
    client_secret: str = ""
    openid_metadata_url: str = ""  # "" means the SDK's default: Microsoft's public cloud
    public_url: str = ""  # https://justera.kommun.se, where file links point
    file_key: str = ""
    host: str = "0.0.0.0"
    port: int = 3000

    def sdk_environment(self, env: Mapping[str, str]) -> dict[str, Any]:
        """The SDK's configuration from the CONNECTIONS__… variables, issuer check switched on."""
        from microsoft_agents.activity import load_configuration_from_env

        config = load_configuration_from_env(
            {k: v for k, v in env.items() if k.startswith("CONNECTIONS__")}
        )
        settings = (
            config["CONNECTIONS"].setdefault("SERVICE_CONNECTION", {}).setdefault("SETTINGS", {})
        )
        settings.update(CLIENTID=self.client_id, TENANTID=self.tenant_id)
        settings.setdefault("AUTHTYPE", self.auth_type)
        # Off by default in the SDK; a token from any issuer would do otherwise.
        settings["VALIDATE_ISSUER"] = "true"
        return config

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TeamsSettings | None:
        """From an explicit environment (tests); the app uses from_settings."""
        from bot.settings import load

        return cls.from_settings(load(env))

    @classmethod
    def from_settings(cls, settings: Any) -> TeamsSettings | None:
        """None when no Teams app is configured (no client id and no tenant id)."""
        client_id = settings.teams_client_id.strip()
        tenant_id = settings.teams_tenant_id.strip()
        if not client_id and not tenant_id:
            return None
        auth_type = settings.teams_auth_type.strip() or "ClientSecret"
        secret = settings.teams_client_secret.strip()
        metadata = settings.teams_openid_metadata_url.strip()
        problems = []
        if not client_id:
            problems.append(
                f"{CLIENT_ID} saknas: ange Entra-appens klient-id (Application (client) ID)."
            )
        elif not _GUID.match(client_id):
            problems.append(f"{CLIENT_ID} ska vara ett GUID, till exempel 00000000-0000-…")
        if not tenant_id:
            problems.append(
                f"{TENANT_ID} saknas: ange organisationens klientorganisations-id "
                "(Directory (tenant) ID); boten är single tenant."
            )
        elif not _GUID.match(tenant_id):
            problems.append(
                f"{TENANT_ID} ska vara organisationens GUID, inte common eller organizations "
                "(nya multi-tenant-botar stöds inte av Microsoft)."
            )
        if auth_type in SECRET_TYPES and not secret:
            problems.append(
                f"{CLIENT_SECRET} saknas: ange appens klienthemlighet, eller sätt {AUTH_TYPE}="
                "UserManagedIdentity för en hanterad identitet."
            )
        if auth_type not in SECRET_TYPES | IDENTITY_TYPES | OTHER_TYPES:
            problems.append(
                f"{AUTH_TYPE}={auth_type} känns inte igen; använd ClientSecret, "
                "UserManagedIdentity eller SystemManagedIdentity."
            )
        if metadata and not _url_ok(metadata):
            problems.append(
                f"{OPENID_METADATA} ska vara en https-adress, till exempel "
                "https://login.botframework.com/v1/.well-known/openidconfiguration"
            )
        public_url = settings.public_url.strip().rstrip("/")
        if public_url and not _url_ok(public_url):
            problems.append(
                f"{PUBLIC_URL} ska vara en https-adress, till exempel https://justera.kommun.se"
            )
        explicit_key = settings.teams_file_key.strip()
        if explicit_key and len(explicit_key) < 16:
            problems.append(f"{FILE_KEY} ska vara minst 16 tecken (en slumpad nyckel).")
        file_key = explicit_key or secret
        if problems:
            raise TeamsSettingsError(problems)
        return cls(
            client_id=client_id,
            tenant_id=tenant_id.lower(),
            auth_type=auth_type,
            client_secret=secret,
            openid_metadata_url=metadata,
            public_url=public_url,
            file_key=file_key,
            host=settings.host,
            port=settings.port,
        )


def _url_ok(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.netloc:
        return True
    # Plain HTTP only on this machine: the tests' local issuer.
    return parsed.scheme == "http" and parsed.hostname in ("127.0.0.1", "localhost", "::1")
