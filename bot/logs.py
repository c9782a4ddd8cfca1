"""Logging set-up in one place: JSON lines (python-json-logger) or text, with request ids."""

# Records carry references and outcomes only; message text never goes to the log at INFO.
# Other modules log through logging.getLogger(__name__) and never configure handlers themselves.

from __future__ import annotations

import contextvars
import logging
import sys
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("justera_request_id", default="")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (empty outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


@contextmanager
def request(request_id: str | None = None) -> Iterator[str]:
    """Everything logged inside carries this request id."""
    token = REQUEST_ID.set(request_id or new_request_id())
    try:
        yield REQUEST_ID.get()
    finally:
        REQUEST_ID.reset(token)


def configure(fmt: str = "json", level: str = "INFO", stream=None) -> None:
    """The root logger's one handler; calling again replaces it (tests, a second start)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        handler.setFormatter(
            JsonFormatter(
                JSON_FIELDS,
                rename_fields={"levelname": "level", "name": "logger", "asctime": "time"},
                static_fields={"service": "justera"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT + " %(request_id)s"))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_justera", False):
            root.removeHandler(old)
    handler._justera = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # APScheduler logs every run of every job at INFO ("Running job …", "executed successfully").
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


# Every third-party logger that can see a request body, a query string or SQL parameters,
# and the level below which it stays silent. slack_bolt logs the whole body at INFO when a
# signature check fails (a replayed request, a rotated secret), and names the body of an
# unhandled request at WARNING; slack_sdk logs requests at DEBUG; uvicorn's access log has
# every query string; SQLAlchemy's engine logs statements and parameters at INFO.
THIRD_PARTY_LEVELS: dict[str, int] = {
    "slack_bolt": logging.WARNING,
    "slack_sdk": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "uvicorn.access": logging.WARNING,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "aiohttp.access": logging.WARNING,
}
BOLT_LOGGER = "slack_bolt.justera"


def frames(error: BaseException) -> str:
    """Where an error happened, without its message: messages of database and platform
    errors carry values (a unique key, a title, the SQL parameters)."""
    stack = traceback.extract_tb(error.__traceback__)
    return "".join(traceback.format_list(stack)) + type(error).__name__


class WithheldDetails(logging.Filter):
    """For third-party records: the message up to its details, the traceback without messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        head = message.split("(", 1)[0].split(":", 1)[0].strip()
        if head != message:
            record.msg, record.args = f"{head} (details withheld: they may hold user text)", None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = frames(record.exc_info[1])
            record.exc_info = None
        return True


def quiet_third_party() -> logging.Logger:
    """Set the third-party levels (idempotent); the logger to give slack_bolt's app.

    Bolt copies its logger's level and filters into every middleware logger it makes, so a
    logger of our own, given to the app, carries the level and the filter everywhere in it.
    """
    withheld = WithheldDetails()
    for name, level in THIRD_PARTY_LEVELS.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(f, WithheldDetails) for f in logger.filters):
            logger.addFilter(withheld)
    bolt = logging.getLogger(BOLT_LOGGER)
    bolt.setLevel(THIRD_PARTY_LEVELS["slack_bolt"])
    if not any(isinstance(f, WithheldDetails) for f in bolt.filters):
        bolt.addFilter(withheld)
    return bolt
