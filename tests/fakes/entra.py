"""A local token issuer: a test RSA key signs JWTs as Microsoft's token service would, and its
OpenID metadata and JWKS are served on 127.0.0.1 for the SDK's validation to fetch."""

from __future__ import annotations

import json
import threading
import time
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
CONNECTOR_AUDIENCE = "https://api.botframework.com"


@cache
def _test_key(which: str) -> rsa.RSAPrivateKey:
    """Made once per test run: generating RSA keys is the slow part of an issuer."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's 5 overflows when many turns fetch keys at once


class LocalIssuer:
    def __init__(self, kid: str = "test-key-1") -> None:
        self.kid = kid
        self.key = _test_key("signing")
        self.other_key = _test_key("other")
        self.fetches = 0
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                issuer.fetches += 1
                if self.path.endswith("openidconfiguration"):
                    body = {"issuer": BOT_FRAMEWORK_ISSUER, "jwks_uri": issuer.jwks_url}
                elif self.path == "/keys":
                    body = {"keys": [issuer.public_jwk()]}
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    @property
    def jwks_url(self) -> str:
        return f"{self.base_url}/keys"

    def start(self) -> LocalIssuer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def public_jwk(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def token(
        self,
        audience: str,
        *,
        service_url: str | None = None,
        issuer: str = BOT_FRAMEWORK_ISSUER,
        lifetime: int = 3600,
        issued_ago: int = 0,
        kid: str | None = "default",
        wrong_key: bool = False,
        **claims: Any,
    ) -> str:
        """A token as the Bot Framework token service signs for a channel's activity."""
        now = int(time.time()) - issued_ago
        payload: dict[str, Any] = {
            "iss": issuer,
            "aud": audience,
            "nbf": now - 5,
            "iat": now,
            "exp": now + lifetime,
            **claims,
        }
        if service_url is not None:
            payload["serviceurl"] = service_url
        headers = {} if kid is None else {"kid": self.kid if kid == "default" else kid}
        key = self.other_key if wrong_key else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers=headers)

    def verify(self, token: str, audience: str) -> dict[str, Any]:
        """What the fake connector checks of the bot's outbound token."""
        return jwt.decode(token, self.key.public_key(), algorithms=["RS256"], audience=audience)
