"""Prometheus metrics (prometheus_client), every name prefixed justera_, and helpers to count."""

# The outbox and the platform adapters report through the functions at the bottom, so the metric
# names and labels stay in this one module.

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

COMMANDS = Counter(
    "justera_commands",
    "Commands handled, by outcome: done, refused (a UserError), timeout (outcome unknown), error",
    ["outcome"],
)
COMMAND_SECONDS = Histogram(
    "justera_command_seconds",
    "Time from a command's arrival to its answer",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
OUTBOX_DEPTH = Gauge("justera_outbox_depth", "Postings waiting in the outbox")
OUTBOX_AGE = Gauge("justera_outbox_oldest_seconds", "Age of the oldest waiting posting")
POSTINGS = Counter(
    "justera_postings", "Postings sent to a platform, by kind and outcome", ["kind", "outcome"]
)
PLATFORM_ERRORS = Counter(
    "justera_platform_errors", "Errors a chat platform answered, by kind", ["platform", "kind"]
)
RATE_LIMITED = Counter("justera_rate_limited", "429 answers from a platform", ["platform"])
LEASES_LOST = Counter(
    "justera_outbox_leases_lost",
    "Channels this replica stopped sending because its lease on them lapsed (it froze, or lost "
    "the database) and another replica may have them: by when it noticed (renewal, "
    "before_call, call_cut)",
    ["noticed"],
)
REMINDER_LAG = Histogram(
    "justera_reminder_lag_seconds",
    "How late a reminder went out after it was due",
    buckets=(1, 5, 15, 30, 60, 120, 300, 900, 3600, 86400),
)
DATABASE_READY = Gauge("justera_database_ready", "1 when the last readiness probe succeeded")


def command_done(outcome: str, seconds: float) -> None:
    COMMANDS.labels(outcome=outcome).inc()
    COMMAND_SECONDS.observe(seconds)


def outbox_state(depth: int, oldest_seconds: float) -> None:
    """The outbox's size and the age of its oldest row, as its sender last saw them."""
    OUTBOX_DEPTH.set(depth)
    OUTBOX_AGE.set(oldest_seconds)


def posting(kind: str, outcome: str) -> None:
    """One posting attempt: kind (agenda, thread_note, draft, reminder), outcome (sent, retry)."""
    POSTINGS.labels(kind=kind, outcome=outcome).inc()


def platform_error(platform: str, kind: str) -> None:
    """kind: the platform's error code (e.g. channel_not_found), timeout or connection."""
    PLATFORM_ERRORS.labels(platform=platform, kind=kind).inc()


def rate_limited(platform: str) -> None:
    RATE_LIMITED.labels(platform=platform).inc()


def lease_lost(noticed: str) -> None:
    """A lane given up to its lease: noticed at a renewal, before a call, or by cutting one."""
    LEASES_LOST.labels(noticed=noticed).inc()


def reminder_sent(lag_seconds: float) -> None:
    REMINDER_LAG.observe(max(0.0, lag_seconds))


def exposition() -> tuple[bytes, str]:
    """The text format and its content type, for GET /metrics."""
    return generate_latest(), CONTENT_TYPE_LATEST
