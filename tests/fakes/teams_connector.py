"""A fake Teams connector (Bot Framework REST API) on 127.0.0.1 that the activities' serviceUrl
points at: it records every call, answers as the real service does, checks each Adaptive Card
against the 1.5 schema and Teams' message size, can answer 429 with Retry-After, and can hold
every call unanswered (what an answer to a turn must not wait for)."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import unquote, urlparse

from jsonschema.validators import Draft6Validator

from tests.fakes.entra import CONNECTOR_AUDIENCE, LocalIssuer

DROPPED = 0  # accept_then_fail's status for a connection closed without an answer
MESSAGE_BYTES = 28 * 1024  # Teams: "Message size too large" above about 28 KB
CARD_TYPE = "application/vnd.microsoft.card.adaptive"


@cache
def _schema() -> Draft6Validator:
    path = resources.files("adaptive_cards").joinpath("schemas/schema-1.5.json")
    return Draft6Validator(json.loads(path.read_text(encoding="utf-8")))


@dataclass
class Call:
    method: str
    path: str
    conversation: str  # without ";messageid=…"
    thread: str  # the root message a reply belongs to, "" for a new post
    activity_id: str  # the message a PUT/DELETE/reply names
    body: dict[str, Any]
    status: int


@dataclass
class Message:
    id: str
    conversation: str
    thread: str
    activity: dict[str, Any]
    versions: list[dict[str, Any]] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    # The SDK opens a connection per call; socketserver's default backlog of 5 overflows when
    # several lanes post at once under load, and the dropped or reset connection reads as a
    # post whose outcome is unknown (seen once in ten runs beside CI).
    request_queue_size = 128


class FakeConnector:
    def __init__(self, issuer: LocalIssuer | None = None) -> None:
        self.issuer = issuer
        self.calls: list[Call] = []
        self.refused: list[tuple[str, str]] = []  # (path, why) of answers 4xx
        self.messages: dict[str, Message] = {}
        self.members: dict[str, dict[str, Any]] = {}  # Teams user id -> ChannelAccount
        self._fail: list[tuple[str, int, int]] = []  # (conversation prefix, status, retry_after)
        self._fail_after: list[tuple[str, int]] = []  # (conversation prefix, status or DROPPED)
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._open = threading.Event()  # cleared by hold(): every call waits until release()
        self._open.set()
        self._gate = threading.Condition()
        self.held = 0  # calls that have waited at the gate
        connector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                connector._handle(self, "POST")

            def do_PUT(self) -> None:
                connector._handle(self, "PUT")

            def do_DELETE(self) -> None:
                connector._handle(self, "DELETE")

            def do_GET(self) -> None:
                connector._handle(self, "GET")

            def log_message(self, *args: Any) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- running ---------------------------------------------------------------------------

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> FakeConnector:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release()  # a held call would keep its handler thread, and shutdown, waiting
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, conversation: str = "", status: int = 429, retry_after: int = 1) -> None:
        """The next call to that conversation (any, when empty) is answered with this status."""
        self._fail.append((conversation, status, retry_after))

    def accept_then_fail(self, conversation: str = "", status: int = 504) -> None:
        """The next new message to that conversation is made, and then answered with status
        (DROPPED: the connection closes unanswered), as the real connector can after it has
        taken an activity: the caller cannot know it was made."""
        self._fail_after.append((conversation, status))

    def hold(self) -> None:
        """Keep every call waiting, unanswered, until release(): what the bot's answer to a
        turn must not wait for."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def wait_held(self, count: int = 1, timeout: float = 10.0) -> None:
        """Block (real time) until count calls wait at the gate; for calls made in threads."""
        with self._gate:
            if not self._gate.wait_for(lambda: self.held >= count, timeout):
                raise TimeoutError(f"{self.held} calls held, expected {count}")

    def add_member(self, user_id: str, aad_object_id: str, name: str) -> None:
        self.members[user_id] = {"id": user_id, "aadObjectId": aad_object_id, "name": name}

    # --- reading -----------------------------------------------------------------------------

    def posted(self, conversation: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == "POST"
            and c.status < 300
            and "/activities" in c.path
            and (conversation is None or c.conversation == conversation)
        ]

    def updates(self) -> list[Call]:
        return [c for c in self.calls if c.method == "PUT" and c.status < 300]

    def thread(self, root: str) -> list[Message]:
        return [m for m in self.messages.values() if m.thread == root]

    # --- answering ---------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        path = unquote(urlparse(request.path).path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if not self._open.is_set():
            with self._gate:
                self.held += 1
                self._gate.notify_all()
            self._open.wait()
        status, answer, headers = self._answer(method, path, raw, request.headers)
        if status == DROPPED:
            request.close_connection = True
            return
        data = json.dumps(answer).encode() if answer is not None else b""
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _answer(
        self, method: str, path: str, raw: bytes, headers: Any
    ) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            why = self._unauthorised(headers.get("Authorization", ""))
            if why:
                self.refused.append((path, why))
                return 401, {"error": {"code": "Unauthorized", "message": why}}, {}
            parts = path.strip("/").split("/")
            if parts[:2] == ["v3", "conversations"] and len(parts) == 2 and method == "POST":
                return self._create_conversation(json.loads(raw or b"{}"))
            if len(parts) < 4 or parts[:2] != ["v3", "conversations"]:
                return 404, {"error": {"code": "NotFound"}}, {}
            conversation, _, thread = parts[2].partition(";messageid=")
            for i, (prefix, status, retry) in enumerate(self._fail):
                if not prefix or conversation.startswith(prefix):
                    del self._fail[i]
                    self.calls.append(Call(method, path, conversation, thread, "", {}, status))
                    error = {"error": {"code": "Throttled" if status == 429 else "ServiceError"}}
                    return status, error, {"Retry-After": str(retry)} if status == 429 else {}
            if parts[3] == "members" and method == "GET":
                member = self.members.get(parts[4] if len(parts) > 4 else "")
                return (200, member, {}) if member else (404, {"error": {"code": "NotFound"}}, {})
            if parts[3] != "activities":
                return 404, {"error": {"code": "NotFound"}}, {}
            activity_id = parts[4] if len(parts) > 4 else ""
            body = json.loads(raw or b"{}") if raw else {}
            if method in ("POST", "PUT"):
                refusal = self._check(body, raw)
                if refusal:
                    self.refused.append((path, refusal[1]["error"]["message"]))
                    self.calls.append(
                        Call(method, path, conversation, thread, activity_id, body, refusal[0])
                    )
                    return refusal[0], refusal[1], {}
            if method == "POST":
                new_id = str(next(self._ids))
                root = thread or activity_id  # a reply to an activity goes into its thread
                if root and root in self.messages:
                    root = self.messages[root].thread or root
                self.messages[new_id] = Message(new_id, conversation, root, body, [body])
                self.calls.append(Call(method, path, conversation, root, activity_id, body, 201))
                for i, (prefix, status) in enumerate(self._fail_after):
                    if not prefix or conversation.startswith(prefix):
                        del self._fail_after[i]
                        return status, {"error": {"code": "GatewayTimeout"}}, {}
                return 201, {"id": new_id}, {}
            message = self.messages.get(activity_id)
            if message is None or message.conversation != conversation:
                self.calls.append(Call(method, path, conversation, thread, activity_id, body, 404))
                return 404, {"error": {"code": "ActivityNotFoundInConversation"}}, {}
            if method == "PUT":
                message.activity = body
                message.versions.append(body)
                self.calls.append(Call(method, path, conversation, thread, activity_id, body, 200))
                return 200, {"id": activity_id}, {}
            del self.messages[activity_id]
            self.calls.append(Call(method, path, conversation, thread, activity_id, body, 200))
            return 200, None, {}

    def _create_conversation(self, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        members = body.get("members") or []
        if not members or not body.get("tenantId"):
            return 400, {"error": {"code": "BadArgument", "message": "members and tenant"}}, {}
        conversation = f"a:1on1-{members[0].get('id', '')}"
        self.calls.append(Call("POST", "/v3/conversations", conversation, "", "", body, 201))
        return 201, {"id": conversation}, {}

    def _unauthorised(self, header: str) -> str:
        if self.issuer is None:
            return ""
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer" or not token:
            return "no token"
        try:
            self.issuer.verify(token, CONNECTOR_AUDIENCE)
        except Exception as error:
            return type(error).__name__
        return ""

    @staticmethod
    def _check(body: dict[str, Any], raw: bytes) -> tuple[int, dict[str, Any]] | None:
        if len(raw) > MESSAGE_BYTES:
            return 413, {"error": {"code": "MessageSizeTooBig", "message": f"{len(raw)} bytes"}}
        if body.get("type") not in ("message", "typing"):
            return 400, {"error": {"code": "BadArgument", "message": "activity type"}}
        for attachment in body.get("attachments") or []:
            if attachment.get("contentType") != CARD_TYPE:
                continue
            card = attachment.get("content") or {}
            if card.get("version") not in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5"):
                return 400, {"error": {"code": "BadArgument", "message": "card version"}}
            errors = list(_schema().iter_errors(card))
            if errors:
                return 400, {"error": {"code": "BadArgument", "message": "card schema"}}
        if not body.get("text") and not body.get("attachments") and body.get("type") == "message":
            return 400, {"error": {"code": "BadArgument", "message": "empty message"}}
        return None
