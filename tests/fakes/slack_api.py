"""A fake Slack Web API over real HTTP: records calls, answers like Slack, enforces its limits."""

from __future__ import annotations

import copy
import json
import socketserver
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.fakes.clock import FakeClock
from tests.fakes.slack_signing import trigger_issued_at

TEAM_ID = "T1"
TEAM_NAME = "Test"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
APP_ID = "A1"

MAX_TEXT = 40_000
MAX_TEXT_OBJECT = 3_000
# Slack refuses a message whose blocks hold more text than this in all (msg_blocks_too_long),
# even when every block is within its own limit; Bolt users measure 11-13 k.
MAX_BLOCKS_TEXT = 12_000
MAX_MESSAGE_BLOCKS = 50
MAX_MODAL_BLOCKS = 100
MAX_VIEW_TITLE = 24
MAX_VIEW_BUTTON = 24
MAX_PRIVATE_METADATA = 3_000
MAX_CALLBACK_ID = 255
MIN_POST_INTERVAL = 1.0
TRIGGER_SECONDS = 3.0  # a trigger_id opens a view within 3 s of the click or command
RESPONSE_URL_USES = 5
RESPONSE_URL_WINDOW = 30 * 60.0

# Answers a correct bot meets in normal operation: refused, but not listed as violations.
EXPECTED_ERRORS = frozenset({"user_not_found", "already_reacted", "hash_conflict"})

# Fields Slack accepts as JSON text inside a form body (and slack_sdk sends that way via data=).
_JSON_FIELDS = ("blocks", "view", "attachments", "metadata")


@dataclass(frozen=True)
class Call:
    """One request to /api/<method>, as received and as answered."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]  # names in lower case
    at: float  # the injected clock's time on arrival
    error: str | None = None
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)
    http_method: str = "POST"

    @property
    def ok(self) -> bool:
        return self.error is None


class _Refusal(Exception):
    """An ok:false answer; violation=False for injected failures and expected outcomes."""

    def __init__(
        self,
        error: str,
        *,
        problems: list[str] | tuple[str, ...] = (),
        detail: str = "",
        status: int = 200,
        headers: dict[str, str] | None = None,
        violation: bool = True,
    ) -> None:
        super().__init__(error)
        self.error = error
        self.problems = list(problems)
        self.detail = detail
        self.status = status
        self.headers = headers or {}
        self.violation = violation and error not in EXPECTED_ERRORS

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error}
        if self.problems:
            body["errors"] = list(self.problems)
            body["response_metadata"] = {"messages": [f"[ERROR] {p}" for p in self.problems]}
        return body

    def describe(self) -> str:
        parts = [self.error, *self.problems]
        if self.detail:
            parts.append(self.detail)
        return "; ".join(parts)


@dataclass
class _Injected:
    status: int
    retry_after: int
    error: str | None

    def refusal(self) -> _Refusal:
        if self.error is not None:
            return _Refusal(self.error, status=self.status, violation=False)
        headers = {"Retry-After": str(self.retry_after)} if self.status == 429 else {}
        error = "ratelimited" if self.status == 429 else "internal_error"
        return _Refusal(error, status=self.status, headers=headers, violation=False)


def _metadata(value: Any) -> dict[str, Any] | None:
    """Message metadata as Slack takes it: an event_type and an event_payload object."""
    if value is None or value == "":
        return None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("event_type"), str)
        or not value["event_type"]
        or not isinstance(value.get("event_payload"), dict)
    ):
        raise _Refusal(
            "invalid_metadata_format",
            problems=["metadata needs event_type (a string) and event_payload (an object)"],
        )
    return copy.deepcopy(value)


def _truthy(value: Any) -> bool:
    # JSON bodies carry true/false; form bodies and query strings carry "1"/"0" or "true".
    return value is True or value == 1 or str(value).lower() in ("1", "true")


def _parse_args(query: str, content_type: str, raw: bytes) -> dict[str, Any]:
    # AsyncWebClient puts params= in the query string even on POST, so both places count.
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    kind = content_type.split(";")[0].strip().lower()
    if raw:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Refusal("invalid_form_data", problems=[str(error)]) from error
        if kind == "application/json":
            try:
                body = json.loads(text)
            except ValueError as error:
                raise _Refusal("invalid_json", problems=[str(error)]) from error
            if not isinstance(body, dict):
                raise _Refusal("invalid_json", problems=["the body is not a JSON object"])
            args.update(body)
        elif kind in ("application/x-www-form-urlencoded", ""):
            args.update(parse_qsl(text, keep_blank_values=True))
        else:
            raise _Refusal("invalid_form_data", problems=[f"unsupported content type {kind}"])
    for name in _JSON_FIELDS:
        value = args.get(name)
        if isinstance(value, str) and value.strip():
            try:
                args[name] = json.loads(value)
            except ValueError as error:
                code = "invalid_blocks_format" if name == "blocks" else "invalid_arguments"
                raise _Refusal(code, problems=[f"{name} is not valid JSON: {error}"]) from error
    return args


def _text_object_problems(value: Any, pointer: str) -> list[str]:
    # slack_sdk's models let an empty text object through, and most over-long ones outside
    # sections; Slack refuses both, and an empty text is an easy bug to make.
    if isinstance(value, list):
        return [
            p for i, item in enumerate(value) for p in _text_object_problems(item, f"{pointer}/{i}")
        ]
    if not isinstance(value, dict):
        return []
    problems = []
    if value.get("type") in ("plain_text", "mrkdwn") and "text" in value:
        text = value["text"]
        if not isinstance(text, str) or not text:
            problems.append(f"text must be at least 1 character [json-pointer:{pointer}/text]")
        elif len(text) > MAX_TEXT_OBJECT:
            problems.append(
                f"text must be at most {MAX_TEXT_OBJECT} characters [json-pointer:{pointer}/text]"
            )
    for key, item in value.items():
        if isinstance(item, (dict, list)):
            problems.extend(_text_object_problems(item, f"{pointer}/{key}"))
    return problems


def blocks_text_size(value: Any) -> int:
    """Every text string in the blocks, counted as Slack counts them against its total."""
    if isinstance(value, list):
        return sum(blocks_text_size(item) for item in value)
    if isinstance(value, dict):
        own = len(value["text"]) if isinstance(value.get("text"), str) else 0
        return own + sum(blocks_text_size(v) for v in value.values() if isinstance(v, dict | list))
    return 0


def _model_problem(block: dict[str, Any]) -> str | None:
    """What slack_sdk's Block Kit models find wrong with a block, if anything."""
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return f"unknown block type {block.get('type')!r}"
        parsed.validate_json()
        # validate_json() checks only the block itself; to_dict() validates every nested
        # element too (a button's value, an accessory's text).
        parsed.to_dict()
    # The models raise SlackObjectFormationError for broken limits, and TypeError or
    # AttributeError for shapes they cannot even build; Slack refuses all of these alike.
    except Exception as error:
        return str(error) or type(error).__name__
    return None


def block_problems(blocks: Any, limit: int, where: str) -> list[str]:
    """Why Slack would refuse these blocks: slack_sdk's Block Kit models, then a few checks more."""
    if not isinstance(blocks, list):
        return [f"blocks must be an array, not {type(blocks).__name__} [json-pointer:/blocks]"]
    problems = []
    if len(blocks) > limit:
        problems.append(
            f"{len(blocks)} blocks, but a {where} may have at most {limit} [json-pointer:/blocks]"
        )
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        pointer = f"[json-pointer:/blocks/{i}]"
        if not isinstance(block, dict):
            problems.append(f"a block must be an object {pointer}")
            continue
        problem = _model_problem(block)
        if problem is not None:
            problems.append(f"{problem} {pointer}")
        else:
            problems.extend(_text_object_problems(block, f"/blocks/{i}"))
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in seen:
                problems.append(f"duplicate block_id {block_id!r} {pointer}")
            seen.add(block_id)
        # Slack wants each action_id unique among the elements of its block.
        ids = [e.get("action_id") for e in block.get("elements") or () if isinstance(e, dict)]
        for action_id in {a for a in ids if a is not None and ids.count(a) > 1}:
            problems.append(f"duplicate action_id {action_id!r} {pointer}")
    return problems


def _plain_text_problem(view: dict[str, Any], name: str, limit: int) -> str | None:
    value = view.get(name)
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("type") != "plain_text":
        return f"{name} must be a plain_text object [json-pointer:/view/{name}]"
    text = value.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= limit:
        length = len(text) if isinstance(text, str) else 0
        return f"{name} must be 1 to {limit} characters, not {length} [json-pointer:/view/{name}]"
    return None


def view_problems(view: Any) -> list[str]:
    """Why Slack would refuse this modal in views.open, views.push or views.update."""
    if not isinstance(view, dict):
        return ["view must be an object [json-pointer:/view]"]
    problems = []
    if view.get("type") != "modal":
        problems.append(f"view type must be 'modal', not {view.get('type')!r}")
    if view.get("title") is None:
        problems.append("a modal needs a title [json-pointer:/view/title]")
    for name, limit in (
        ("title", MAX_VIEW_TITLE),
        ("submit", MAX_VIEW_BUTTON),
        ("close", MAX_VIEW_BUTTON),
    ):
        problem = _plain_text_problem(view, name, limit)
        if problem:
            problems.append(problem)
    blocks = view.get("blocks")
    if blocks is None:
        problems.append("a modal needs blocks [json-pointer:/view/blocks]")
    else:
        if isinstance(blocks, list) and not blocks:
            problems.append("a modal needs at least one block [json-pointer:/view/blocks]")
        problems.extend(block_problems(blocks, MAX_MODAL_BLOCKS, "modal"))
        has_input = isinstance(blocks, list) and any(
            isinstance(b, dict) and b.get("type") == "input" for b in blocks
        )
        if has_input and view.get("submit") is None:
            problems.append("a modal with input blocks needs a submit button")
    metadata = view.get("private_metadata")
    if metadata is not None and len(str(metadata)) > MAX_PRIVATE_METADATA:
        problems.append(
            f"private_metadata has {len(str(metadata))} characters, "
            f"more than {MAX_PRIVATE_METADATA}"
        )
    callback_id = view.get("callback_id")
    if callback_id is not None and len(str(callback_id)) > MAX_CALLBACK_ID:
        problems.append(
            f"callback_id has {len(str(callback_id))} characters, more than {MAX_CALLBACK_ID}"
        )
    if not problems:
        # A last net for whatever slack_sdk's View model knows that the checks above do not.
        try:
            View(**view).to_dict()  # validates the nested objects too, unlike validate_json()
        except Exception as error:
            problems.append(str(error))
    return problems


def _required(args: dict[str, Any], name: str, error: str = "invalid_arguments") -> str:
    value = args.get(name)
    if value is None or value == "":
        raise _Refusal(error, problems=[f"missing required field: {name}"])
    return str(value)


class _Server(ThreadingHTTPServer):
    # Tracked, non-daemon handler threads are joined by server_close(), so stop() leaves none.
    daemon_threads = False
    block_on_close = True
    # The SDK opens a connection per call; socketserver's default backlog of 5 drops some.
    request_queue_size = 128

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name (getfqdn), which can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # A client that connects and never sends must not hold stop() up for long.
    timeout = 5
    server: _Server

    def do_POST(self) -> None:
        self._serve()

    do_GET = do_POST

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, body, extra = self.server.fake._serve(self.command, self.path, headers, raw)
        if self.server.fake._take_dropped(self.path):
            # Handled, and then the connection is gone before any answer: the client cannot
            # know whether the call took effect (as with a timeout against real Slack).
            self.close_connection = True
            return
        # A slow Slack: the call is handled on arrival and answered late, in real time,
        # because the acknowledgements it must not hold are measured in real time too.
        delay = self.server.fake._delay_for(self.path)
        if delay > 0:
            time.sleep(delay)
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        # One request per connection: a pooled keep-alive connection would keep its handler
        # thread waiting after the test is done with the fake.
        self.send_header("Connection", "close")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        # Tests read slack.calls; a line per request on stderr would only bury failures.
        pass


_MethodHandler = Callable[[dict[str, Any], float], dict[str, Any]]


class FakeSlack:
    """The Slack Web API on 127.0.0.1 at an OS-chosen port; use as a context manager.

    Give base_url to WebClient/AsyncWebClient(base_url=...) and response_url(name) to payloads.
    Every refusal the bot caused (not injected ones, nor EXPECTED_ERRORS) is also listed in
    violations, so an end-to-end test can assert that list is empty.
    """

    def __init__(self, *, clock: FakeClock | None = None, enforce_rate: bool = True) -> None:
        self.clock = clock if clock is not None else FakeClock()
        self.enforce_rate = enforce_rate
        self._lock = threading.Condition()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, dict[str, Any]] = {}
        self._ts_number = 0
        self._view_number = 0
        self._handlers: dict[str, _MethodHandler] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "views.open": self._views_open,
            "views.update": self._views_update,
            "views.push": self._views_push,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "conversations.info": self._conversations_info,
            "reactions.add": self._reactions_add,
            "chat.getPermalink": self._chat_get_permalink,
            "conversations.history": self._conversations_history,
            "conversations.open": self._conversations_open,
            "conversations.replies": self._conversations_replies,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "files.info": self._files_info,
        }
        self._clear()

    def _clear(self) -> None:
        self._delays: dict[str, float] = {}
        self._dropping: dict[str, int] = {}
        self._ims: dict[str, str] = {}  # a DM's channel id (D...) to the person's id
        self._home: dict[str, dict[str, Any]] = {}
        self._calls: list[Call] = []
        self._responses: list[tuple[str, dict[str, Any]]] = []
        self._violations: list[str] = []
        self._posted: list[dict[str, Any]] = []
        self._messages: dict[tuple[str, str], dict[str, Any]] = {}
        self._ephemeral: list[dict[str, Any]] = []
        self._views: dict[str, dict[str, Any]] = {}
        self._used_triggers: set[str] = set()
        self._last_accepted: dict[tuple[str, str], float] = {}
        self._injected: dict[str, list[_Injected]] = {}
        self._response_uses: dict[str, list[float]] = {}
        self._reactions: set[tuple[str, str, str]] = set()
        self._uploads: dict[str, dict[str, Any]] = {}
        self._files: list[dict[str, Any]] = []
        # Slack completes a share asynchronously (security scans first): files.info shows a
        # completed file's share only this many seconds (of the fake clock) after completion.
        self.share_delay = 0.0

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        if self._server is not None:
            raise RuntimeError("FakeSlack is already running")
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},  # how long stop() may wait for the loop to notice
            name=f"FakeSlack:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown()
        server.server_close()
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlack is not running; use it in a with block or call start()")
        return self._server.server_port

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}api/"

    def response_url(self, name: str) -> str:
        return f"{self.root_url}response/{quote(name, safe='')}"

    # -- set-up -----------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        display_name: str,
        locale: str = "sv-SE",
        team_id: str = TEAM_ID,
        real_name: str | None = None,
        tz: str = "Europe/Stockholm",
    ) -> None:
        real = real_name or display_name
        user = {
            "id": user_id,
            "team_id": team_id,
            "name": name,
            "deleted": False,
            "real_name": real,
            "tz": tz,
            "tz_label": "Central European Time",
            "tz_offset": 3600,
            "is_admin": False,
            "is_owner": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": 1_700_000_000,
            "profile": {
                "real_name": real,
                "real_name_normalized": real,
                "display_name": display_name,
                "display_name_normalized": display_name,
                "team": team_id,
            },
        }
        with self._lock:
            self._users[user_id] = {"user": user, "locale": locale}

    def add_channel(self, channel_id: str, *, name: str, is_private: bool = False) -> None:
        with self._lock:
            self._channels[channel_id] = {"name": name, "is_private": is_private}

    def add_message(self, channel: str, text: str, *, user: str, ts: str | None = None) -> str:
        """A message someone wrote in a channel (not the bot): permalinks and shortcuts find it."""
        with self._lock:
            ts = ts or self._next_ts()
            self._messages[(channel, ts)] = {
                "channel": channel,
                "ts": ts,
                "text": text,
                "blocks": [],
                "thread_ts": None,
                "user": user,
                "at": self.clock.time(),
            }
            return ts

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        *,
        error: str | None = None,
    ) -> None:
        """Answer the next `times` calls of method with a failure instead of handling them.

        By default HTTP 429 with Retry-After and error "ratelimited"; with error="..." an
        ok:false answer with that error and HTTP 200 (unless another status is given).
        """
        if error is not None and status == 429:
            status = 200
        with self._lock:
            queue = self._injected.setdefault(method, [])
            queue.extend(_Injected(status, retry_after, error) for _ in range(times))

    def drop_answer(self, method: str, times: int = 1) -> None:
        """Handle the next `times` calls of method, then close the connection unanswered."""
        with self._lock:
            self._dropping[method] = self._dropping.get(method, 0) + times

    def _take_dropped(self, path: str) -> bool:
        url = urlsplit(path).path
        method = url[len("/api/") :] if url.startswith("/api/") else ""
        with self._lock:
            if self._dropping.get(method, 0) > 0:
                self._dropping[method] -= 1
                return True
            return False

    def slow(self, seconds: float, *methods: str) -> None:
        """Answer every call (or the methods named, "response_url" for response URLs) late."""
        with self._lock:
            for method in methods or ("*",):
                self._delays[method] = seconds

    def _delay_for(self, path: str) -> float:
        url = urlsplit(path).path
        method = url[len("/api/") :] if url.startswith("/api/") else "response_url"
        with self._lock:
            return self._delays.get(method, self._delays.get("*", 0.0))

    @property
    def home(self) -> dict[str, dict[str, Any]]:
        """user id -> the App Home view last published for that user."""
        with self._lock:
            return copy.deepcopy(self._home)

    def reset(self) -> None:
        """Forget all traffic and state (messages, views, limits, failures); keep users, channels.

        ts and view ids keep counting, so nothing from before a reset can be mistaken for later.
        """
        with self._lock:
            self._clear()

    # -- what happened ----------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self._calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block (real time) until method has been called count times; for work in threads."""
        with self._lock:
            done = self._lock.wait_for(
                lambda: sum(call.method == method for call in self._calls) >= count, timeout
            )
            calls = [call for call in self._calls if call.method == method]
        if not done:
            raise TimeoutError(f"{method} called {len(calls)} times, expected {count}")
        return calls

    @property
    def responses(self) -> list[tuple[str, dict[str, Any]]]:
        """Accepted posts to response URLs as (name, JSON body), in arrival order."""
        with self._lock:
            return copy.deepcopy(self._responses)

    def responses_to(self, name: str) -> list[dict[str, Any]]:
        return [body for to, body in self.responses if to == name]

    @property
    def violations(self) -> list[str]:
        with self._lock:
            return list(self._violations)

    def posted(self, channel: str) -> list[dict[str, Any]]:
        """Accepted chat.postMessage messages of a channel in order, as they were posted."""
        with self._lock:
            return [copy.deepcopy(m) for m in self._posted if m["channel"] == channel]

    @property
    def messages(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(channel, ts) -> the message as it is now: text, blocks, thread_ts, after updates."""
        with self._lock:
            return copy.deepcopy(self._messages)

    def ephemeral(self, channel: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                copy.deepcopy(m)
                for m in self._ephemeral
                if channel is None or m["channel"] == channel
            ]

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        """view id -> the view as it is now."""
        with self._lock:
            return copy.deepcopy(self._views)

    # -- serving ----------------------------------------------------------------------------

    def _serve(
        self, http_method: str, path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        url = urlsplit(path)
        try:
            if url.path.startswith("/api/"):
                method = url.path[len("/api/") :]
                return self._serve_api(http_method, method, url.query, headers, raw)
            if url.path.startswith("/upload/") and http_method == "POST":
                return self._serve_upload(unquote(url.path[len("/upload/") :]), raw)
            if url.path.startswith("/response/") and http_method == "POST":
                name = unquote(url.path[len("/response/") :])
                return self._serve_response_url(name, headers, raw)
            return 404, {"ok": False, "error": "not_found"}, {}
        # A bug in the fake must show up in the test, not as a dropped connection.
        except Exception:
            with self._lock:
                self._violations.append(f"the fake crashed on {path}:\n{traceback.format_exc()}")
            return 500, {"ok": False, "error": "fake_slack_crashed"}, {}

    def _serve_api(
        self, http_method: str, method: str, query: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        # One request at a time: the fake is about correctness, and ordering stays exact.
        with self._lock:
            at = self.clock.time()
            args: dict[str, Any] = {}
            error: str | None = None
            extra: dict[str, str] = {}
            try:
                args = _parse_args(query, headers.get("content-type", ""), raw)
                body = {"ok": True, **self._answer(method, args, headers, at)}
                status = 200
            except _Refusal as refusal:
                status, body, extra, error = (
                    refusal.status,
                    refusal.body(),
                    refusal.headers,
                    (refusal.error),
                )
                if refusal.violation:
                    self._violations.append(f"{method}: {refusal.describe()}")
            self._calls.append(
                Call(method, args, headers, at, error, status, copy.deepcopy(body), http_method)
            )
            self._lock.notify_all()
            return status, body, extra

    def _answer(
        self, method: str, args: dict[str, Any], headers: dict[str, str], at: float
    ) -> dict[str, Any]:
        authorization = headers.get("authorization", "")
        if not authorization:
            raise _Refusal("not_authed", problems=["no Authorization: Bearer header"])
        if not authorization.startswith("Bearer xoxb-"):
            raise _Refusal("invalid_auth", problems=["expected a bot token: Bearer xoxb-..."])
        injected = self._injected.get(method)
        if injected:
            raise injected.pop(0).refusal()
        handler = self._handlers.get(method)
        if handler is None:
            raise _Refusal("unknown_method", problems=[f"the fake does not know {method}"])
        return handler(args, at)

    # -- messages ---------------------------------------------------------------------------

    def _next_ts(self) -> str:
        self._ts_number += 1
        n = self._ts_number
        return f"{1_700_000_000 + n // 10_000}.{(n % 10_000) * 100:06d}"

    @staticmethod
    def _content(args: dict[str, Any], *, required: bool) -> tuple[str | None, list | None]:
        text = args.get("text")
        if text is not None and not isinstance(text, str):
            text = str(text)
        blocks = args.get("blocks")
        if text is not None and len(text) > MAX_TEXT:
            raise _Refusal(
                "msg_too_long", problems=[f"text has {len(text)} characters, more than {MAX_TEXT}"]
            )
        if blocks is not None:
            problems = block_problems(blocks, MAX_MESSAGE_BLOCKS, "message")
            if problems:
                raise _Refusal("invalid_blocks", problems=problems)
            total = blocks_text_size(blocks)
            if total > MAX_BLOCKS_TEXT:
                raise _Refusal(
                    "msg_blocks_too_long",
                    problems=[
                        f"blocks hold {total} characters of text, more than {MAX_BLOCKS_TEXT}"
                    ],
                )
        if required and not text and not blocks and not args.get("attachments"):
            raise _Refusal("no_text", problems=["a message needs text, blocks or attachments"])
        return text, blocks

    def _take_rate_slot(self, method: str, channel: str, at: float) -> None:
        if not self.enforce_rate:
            return
        last = self._last_accepted.get((method, channel))
        if last is not None and at - last < MIN_POST_INTERVAL:
            raise _Refusal(
                "ratelimited",
                status=429,
                headers={"Retry-After": "1"},
                detail=f"{channel}: {at - last:.3f} s after the previous accepted {method}",
            )

    # -- reading a channel, as conversations.history and conversations.replies do -----------

    def _conversations_open(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        """A person's DM with the bot (users=U...): its channel id, where posts to them land."""
        user = _required(args, "users", "users_list_not_supplied")
        if user not in self._users:
            raise _Refusal("user_not_found", detail=user)
        channel = f"D{user}"
        self._ims[channel] = user
        return {"channel": {"id": channel}}

    def _conversations_history(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        """The channel's top-level messages, newest first; metadata only when asked for."""
        channel = _required(args, "channel", "channel_not_found")
        # The fake keeps a person's DM under their own id, as posts to them name it.
        channel = self._ims.get(channel, channel)
        found = [
            m
            for (c, _ts), m in self._messages.items()
            if c == channel and m.get("thread_ts") in (None, m["ts"])
        ]
        found.sort(key=lambda m: float(m["ts"]), reverse=True)
        return self._page(found, args)

    def _conversations_replies(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        """A thread: its parent first, then the replies, oldest first."""
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "ts", "thread_not_found")
        if (channel, ts) not in self._messages:
            raise _Refusal("thread_not_found", detail=f"no message {ts} in {channel}")
        found = [
            m
            for (c, _ts), m in self._messages.items()
            if c == channel and (m["ts"] == ts or m.get("thread_ts") == ts)
        ]
        found.sort(key=lambda m: float(m["ts"]))
        return self._page(found, args)

    def _page(self, found: list[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
        # Slack pages with an opaque cursor; here it is the offset, which callers must not read.
        if args.get("oldest"):
            found = [m for m in found if float(m["ts"]) > float(args["oldest"])]
        limit = min(int(args.get("limit") or 100), 1000)
        start = int(args.get("cursor") or 0)
        page = found[start : start + limit]
        with_metadata = _truthy(args.get("include_all_metadata", False))
        messages = []
        for m in page:
            shaped = self._slack_message(m)
            if with_metadata and "metadata" in m:
                shaped["metadata"] = copy.deepcopy(m["metadata"])
            messages.append(shaped)
        more = start + limit < len(found)
        return {
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    @staticmethod
    def _slack_message(message: dict[str, Any]) -> dict[str, Any]:
        shaped = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": message["text"],
            "ts": message["ts"],
            "blocks": message["blocks"],
        }
        if message.get("thread_ts"):
            shaped["thread_ts"] = message["thread_ts"]
        return shaped

    def _auth_test(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        return {
            "url": "https://test.slack.com/",
            "team": TEAM_NAME,
            "user": "justera",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        text, blocks = self._content(args, required=True)
        self._take_rate_slot("chat.postMessage", channel, at)
        metadata = _metadata(args.get("metadata"))
        message = {
            "channel": channel,
            "ts": self._next_ts(),
            "text": text or "",
            "blocks": blocks or [],
            "thread_ts": args.get("thread_ts") or None,
            "at": at,
        }
        if metadata is not None:
            message["metadata"] = metadata
        self._last_accepted[("chat.postMessage", channel)] = at
        self._posted.append(copy.deepcopy(message))
        self._messages[(channel, message["ts"])] = message
        return {"channel": channel, "ts": message["ts"], "message": self._slack_message(message)}

    def _chat_update(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "ts", "message_not_found")
        message = self._messages.get((channel, ts))
        if message is None:
            raise _Refusal("message_not_found", detail=f"no message {ts} in {channel}")
        text, blocks = self._content(args, required=True)
        self._take_rate_slot("chat.update", channel, at)
        # Like Slack, a field left out keeps its old value; blocks=[] removes the blocks.
        if text is not None:
            message["text"] = text
        if blocks is not None:
            message["blocks"] = blocks
        message["edited_at"] = at
        self._last_accepted[("chat.update", channel)] = at
        return {
            "channel": channel,
            "ts": ts,
            "text": message["text"],
            "message": self._slack_message(message),
        }

    def _chat_post_ephemeral(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        user = _required(args, "user")
        text, blocks = self._content(args, required=True)
        ts = self._next_ts()
        self._ephemeral.append(
            {
                "channel": channel,
                "user": user,
                "ts": ts,
                "text": text or "",
                "blocks": blocks or [],
                "thread_ts": args.get("thread_ts") or None,
                "at": at,
            }
        )
        return {"message_ts": ts}

    def _chat_delete(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "ts", "message_not_found")
        if self._messages.pop((channel, ts), None) is None:
            raise _Refusal("message_not_found", detail=f"no message {ts} in {channel}")
        return {"channel": channel, "ts": ts}

    # -- views ------------------------------------------------------------------------------

    def _checked_view(self, args: dict[str, Any]) -> dict[str, Any]:
        view = args.get("view")
        problems = view_problems(view)
        if problems or not isinstance(view, dict):
            raise _Refusal("invalid_arguments", problems=problems)
        return view

    def _trigger(self, args: dict[str, Any]) -> str:
        trigger = args.get("trigger_id") or args.get("interactivity_pointer")
        if not trigger:
            raise _Refusal("invalid_arguments", problems=["missing required field: trigger_id"])
        return str(trigger)

    def _exchange(self, trigger: str) -> None:
        # A trigger_id opens one view; Slack refuses a second use, and one older than 3 s.
        if trigger in self._used_triggers:
            raise _Refusal("exchanged_trigger_id", detail=f"trigger_id {trigger} used before")
        issued = trigger_issued_at(trigger)
        if issued is not None and time.time() - issued > TRIGGER_SECONDS:
            raise _Refusal(
                "expired_trigger_id", detail=f"{time.time() - issued:.1f} s after it was issued"
            )
        self._used_triggers.add(trigger)

    def _store_view(
        self,
        view: dict[str, Any],
        at: float,
        *,
        view_id: str | None = None,
        root_view_id: str | None = None,
        previous_view_id: str | None = None,
    ) -> dict[str, Any]:
        self._view_number += 1
        view_id = view_id or f"V{self._view_number:010d}"
        stored = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": view["type"],
            "blocks": view["blocks"],
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(at)}.{self._view_number:08x}",
            "title": view["title"],
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": previous_view_id,
            "root_view_id": root_view_id or view_id,
            "app_id": APP_ID,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        self._views[view_id] = stored
        return copy.deepcopy(stored)

    def _views_open(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        trigger = self._trigger(args)
        view = self._checked_view(args)
        self._exchange(trigger)
        return {"view": self._store_view(view, at)}

    def _views_push(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        trigger = self._trigger(args)
        view = self._checked_view(args)
        self._exchange(trigger)
        return {"view": self._store_view(view, at)}

    def _views_publish(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        user_id = _required(args, "user_id")
        view = args.get("view")
        problems = []
        if not isinstance(view, dict) or view.get("type") != "home":
            problems.append("views.publish takes a view of type 'home' [json-pointer:/view]")
        else:
            problems = block_problems(view.get("blocks"), MAX_MODAL_BLOCKS, "home tab")
        if problems or not isinstance(view, dict):
            raise _Refusal("invalid_arguments", problems=problems)
        self._view_number += 1
        stored = {**copy.deepcopy(view), "id": f"VH{self._view_number:09d}", "team_id": TEAM_ID}
        self._home[user_id] = stored
        return {"view": copy.deepcopy(stored)}

    def _views_update(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        view_id, external_id = args.get("view_id"), args.get("external_id")
        if not view_id and not external_id:
            raise _Refusal("invalid_arguments", problems=["view_id or external_id is required"])
        current = self._views.get(str(view_id)) if view_id else None
        if current is None and external_id:
            current = next(
                (v for v in self._views.values() if v["external_id"] == external_id), None
            )
        if current is None:
            raise _Refusal("not_found", detail=f"no view {view_id or external_id}")
        view = self._checked_view(args)
        expected = args.get("hash")
        if expected and expected != current["hash"]:
            raise _Refusal("hash_conflict", detail=f"hash {expected}, view has {current['hash']}")
        return {
            "view": self._store_view(
                view,
                at,
                view_id=current["id"],
                root_view_id=current["root_view_id"],
                previous_view_id=current["previous_view_id"],
            )
        }

    # -- users, channels, reactions ---------------------------------------------------------

    def _users_info(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        user_id = _required(args, "user")
        entry = self._users.get(user_id)
        if entry is None:
            raise _Refusal("user_not_found", detail=user_id)
        user = copy.deepcopy(entry["user"])
        if _truthy(args.get("include_locale", False)):
            user["locale"] = entry["locale"]
        return {"user": user}

    def _conversations_info(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel_id = _required(args, "channel", "channel_not_found")
        known = self._channels.get(channel_id, {})
        name = known.get("name", channel_id.lower())
        return {
            "channel": {
                "id": channel_id,
                "name": name,
                "name_normalized": name,
                "is_channel": channel_id.startswith("C"),
                "is_group": False,
                "is_im": channel_id.startswith("D"),
                "is_private": known.get("is_private", False),
                "is_archived": False,
                "is_member": True,
                "created": 1_700_000_000,
                "creator": "U0",
                "context_team_id": TEAM_ID,
            }
        }

    def _reactions_add(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        timestamp = _required(args, "timestamp", "bad_timestamp")
        name = _required(args, "name", "invalid_name")
        key = (channel, timestamp, name)
        if key in self._reactions:
            raise _Refusal("already_reacted", detail=f"{name} on {timestamp} in {channel}")
        self._reactions.add(key)
        return {}

    def _chat_get_permalink(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        ts = _required(args, "message_ts", "message_not_found")
        if (channel, ts) not in self._messages:
            raise _Refusal("message_not_found", detail=f"{ts} in {channel}")
        link = f"https://test.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"channel": channel, "permalink": link}

    # -- files (files_upload_v2: get a URL, upload the bytes there, complete) ------------------

    def _files_get_upload_url(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        filename = _required(args, "filename", "invalid_arguments")
        length = int(_required(args, "length", "invalid_arguments"))
        file_id = f"F{len(self._uploads) + 1:06d}"
        self._uploads[file_id] = {"filename": filename, "length": length, "data": None}
        return {"file_id": file_id, "upload_url": f"{self.root_url}upload/{file_id}"}

    def _serve_upload(self, file_id: str, raw: bytes) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is None or len(raw) != upload["length"]:
                return 400, {"ok": False, "error": "bad_upload"}, {}
            upload["data"] = raw
        return 200, {"ok": True}, {}

    def _files_complete_upload(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        files = args.get("files")
        files = json.loads(files) if isinstance(files, str) else files
        done = []
        for entry in files or []:
            upload = self._uploads.get(entry.get("id", ""))
            if upload is None or upload["data"] is None:
                raise _Refusal("file_not_found", detail=str(entry))
            record = {
                "id": entry["id"],
                "title": entry.get("title") or upload["filename"],
                "filename": upload["filename"],
                "channel": args.get("channel_id"),
                "thread_ts": args.get("thread_ts"),
                "initial_comment": args.get("initial_comment") or "",
                "data": upload["data"],
                "completed_at": at,
            }
            self._files.append(record)
            done.append({"id": entry["id"], "title": record["title"]})
        return {"files": done}

    @property
    def files(self) -> list[dict[str, Any]]:
        """Completed uploads (each share of one): id, title, filename, channel, thread_ts and
        the bytes."""
        with self._lock:
            return [dict(f) for f in self._files]

    def _files_info(self, args: dict[str, Any], at: float) -> dict[str, Any]:
        """A completed file, with the channels it is shared in once Slack has shared it. An
        upload never completed is no file yet (file_not_found), as Slack answers."""
        file_id = _required(args, "file", "file_not_found")
        shares = [f for f in self._files if f["id"] == file_id]
        if not shares:
            raise _Refusal("file_not_found", detail=file_id, violation=False)
        first = shares[0]
        shared = [f for f in shares if f["channel"] and at - f["completed_at"] >= self.share_delay]
        public: dict[str, list[dict[str, Any]]] = {}
        for f in shared:
            share = {"ts": f"{f['completed_at']:.6f}", "reply_count": 0}
            public.setdefault(f["channel"], []).append(share)
        file = {
            "id": file_id,
            "name": first["filename"],
            "title": first["title"],
            "user": BOT_USER_ID,
            "created": int(first["completed_at"]),
            "channels": sorted(public),
            "groups": [],
            "ims": [],
            "shares": {"public": public} if public else {},
        }
        return {"file": file, "comments": [], "response_metadata": {"next_cursor": ""}}

    # -- response URLs ----------------------------------------------------------------------

    def _serve_response_url(
        self, name: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            at = self.clock.time()
            try:
                try:
                    body = json.loads(raw.decode("utf-8") or "{}")
                except ValueError as error:
                    raise _Refusal("invalid_payload", problems=[str(error)]) from error
                if not isinstance(body, dict):
                    raise _Refusal("invalid_payload", problems=["the body is not a JSON object"])
                deleting = _truthy(body.get("delete_original", False))
                self._content(body, required=not deleting)
                if body.get("response_type") not in (None, "in_channel", "ephemeral"):
                    raise _Refusal(
                        "invalid_arguments",
                        problems=[f"response_type {body['response_type']!r}"],
                    )
                # A response_url takes at most 5 posts within 30 minutes of clock time.
                uses = [
                    t for t in self._response_uses.get(name, []) if at - t < RESPONSE_URL_WINDOW
                ]
                if len(uses) >= RESPONSE_URL_USES:
                    raise _Refusal(
                        "used_url", detail=f"{RESPONSE_URL_USES} posts already within 30 minutes"
                    )
                self._response_uses[name] = [*uses, at]
                self._responses.append((name, body))
                status, answer = 200, {"ok": True}
            except _Refusal as refusal:
                # As Slack's webhooks do: a refused post is an HTTP 400, not ok:false on a 200.
                status, answer = 400, refusal.body()
                if refusal.violation:
                    self._violations.append(f"response_url {name}: {refusal.describe()}")
            self._lock.notify_all()
            return status, answer, {}
