"""Inbound tokens: the SDK's JWT validation, plus the checks it leaves to us; any doubt is a 401."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import urllib.request
from typing import Any
from urllib.parse import urlparse

from jwt import PyJWK, PyJWKClient
from microsoft_agents.hosting.core import AgentAuthConfiguration, ClaimsIdentity
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator

log = logging.getLogger(__name__)

SERVICE_URL_CLAIM = "serviceurl"
TENANT_CLAIM = "tid"


class KeySource:
    """The signing keys from one configured place: an OpenID metadata document or a JWKS.

    Stands in for the SDK's key lookup only; everything the validator checks stays the SDK's.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._client: PyJWKClient | None = None
        self._lock = threading.Lock()

    def _jwks_client(self) -> PyJWKClient:
        with self._lock:
            if self._client is None:
                jwks_uri = self.url
                if "openid" in urlparse(self.url).path.lower():
                    with urllib.request.urlopen(self.url, timeout=10) as response:
                        jwks_uri = json.loads(response.read())["jwks_uri"]
                self._client = PyJWKClient(jwks_uri, cache_keys=True, lifespan=3600)
            return self._client

    async def get_signing_key(self, _jwks_uri: str, header: dict[str, Any]) -> PyJWK:
        """The SDK's call, with the URI it derived from the issuer ignored for ours."""
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise ValueError("token without kid")
        return await asyncio.to_thread(lambda: self._jwks_client().get_signing_key(kid))


class InboundAuth:
    def __init__(
        self, config: AgentAuthConfiguration, tenant_id: str, keys: KeySource | None = None
    ) -> None:
        self.config = config
        self.tenant_id = tenant_id.lower()
        self.keys = keys

    async def check(self, authorization: str | None, activity: Any) -> ClaimsIdentity | None:
        """The caller's verified claims, or None: the request then gets 401 and changes nothing."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or not isinstance(activity, dict):
            return None
        validator = JwtTokenValidator(self.config)
        if self.keys is not None:
            validator._jwk_client_manager = self.keys  # type: ignore[assignment]
        try:
            claims = await validator.validate_token(token.strip())
        except Exception as error:  # a malformed token must be a 401, never the SDK's 500
            log.warning("Teams token refused: %s", type(error).__name__)
            return None
        if not _same_service(claims.get_claim_value(SERVICE_URL_CLAIM), activity.get("serviceUrl")):
            log.warning("Teams token refused: service URL does not match the token's")
            return None
        token_tenant = claims.get_claim_value(TENANT_CLAIM)
        if token_tenant and str(token_tenant).lower() != self.tenant_id:
            log.warning("Teams token refused: another tenant")
            return None
        if tenant_of(activity) != self.tenant_id:
            log.warning("Teams activity refused: another tenant")
            return None
        return claims


def tenant_of(activity: dict[str, Any]) -> str:
    conversation = activity.get("conversation") or {}
    channel_data = activity.get("channelData") or {}
    tenant = conversation.get("tenantId") or (channel_data.get("tenant") or {}).get("id") or ""
    return str(tenant).lower()


def _same_service(claimed: Any, actual: Any) -> bool:
    """The activity's serviceUrl must be the one Microsoft signed: replies go there."""
    if not isinstance(claimed, str) or not isinstance(actual, str) or not claimed or not actual:
        return False
    a, b = urlparse(claimed), urlparse(actual)
    return (
        a.scheme.lower() == b.scheme.lower()
        and a.netloc.lower() == b.netloc.lower()
        and a.path.rstrip("/") == b.path.rstrip("/")
    )
