"""Logging set-up in one place: JSON lines (python-json-logger) or text, with request ids."""

# Records carry references and outcomes only; message text never goes to the log at INFO.
# Other modules log through logging.getLogger(__name__) and never configure handlers themselves.

from __future__ import annotations

import contextvars
import logging
import sys
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
