"""RSS of one `justera run` replica on PostgreSQL over a long run of signed stored commands.

Sends /arende proposals from this process (20 clients) until --commands are done or
--minutes have passed, samples the replica's RSS every --every commands, and reports the
samples, the slope (MB per 1,000 commands, least squares over the second half of the run,
after the caches have filled) and the idle RSS at the end.
Run: .venv/bin/python bench/bench_rss.py --minutes 10 [--commands 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.bench_replicas import load, pct, rss_mb, set_up
from bench.bench_slack import postgres_database, started_fake_slack
from tests.ops_process import app_env, free_port, start_app, stop_app, wait_until

ITEMS_PER_MEETING = 100


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per 1,000 commands."""
    n = len(points)
    if n < 2:
        return math.nan
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    return sxy / sxx * 1000 if sxx else math.nan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=100_000, help="at most")
    parser.add_argument("--minutes", type=float, default=10.0, help="at most")
    parser.add_argument("--every", type=int, default=1000, help="commands between samples")
    parser.add_argument("--expected", type=int, default=30_000, help="sizes the set-up")
    args = parser.parse_args()
    fake = started_fake_slack()
    database = contextlib.ExitStack()
    url = database.enter_context(postgres_database())
    meetings = math.ceil(min(args.commands, args.expected) / ITEMS_PER_MEETING)
    app = None
    try:
        started = time.perf_counter()
        set_up(url, meetings)
        print(f"set-up: {meetings} meetings in {time.perf_counter() - started:.0f} s")
        port = free_port()
        env = app_env(url, fake.base_url, port, JUSTERA_LOG_LEVEL="WARNING")
        log = open("/tmp/justera-bench-rss.log", "w")  # noqa: SIM115
        app = start_app(env, stderr=log)
        base = f"http://127.0.0.1:{port}"
        wait_until(base, "/readyz", app)
        samples: list[tuple[int, float]] = [(0, rss_mb(app.pid))]
        deadline = time.monotonic() + args.minutes * 60
        done, errors, latencies = 0, 0, []
        while done < args.commands and time.monotonic() < deadline:
            count = min(args.every, args.commands - done)
            lat, errs, _wall = asyncio.run(load([base], done, count, meetings, [app.pid], []))
            done += count
            errors += len(errs)
            latencies += lat
            samples.append((done, round(rss_mb(app.pid), 1)))
        elapsed = args.minutes * 60 - (deadline - time.monotonic())
        time.sleep(5)  # idle: what the replica keeps once the load stops
        idle = rss_mb(app.pid)
        half = [p for p in samples if p[0] >= done / 2]
        print(
            f"{done} commands in {elapsed:.0f} s ({done / elapsed:.0f}/s), errors {errors}, "
            f"p50 {pct(latencies, 50):.0f} ms, p99 {pct(latencies, 99):.0f} ms"
        )
        print(f"RSS MB (commands, MB): {samples}")
        print(
            f"RSS start {samples[0][1]:.1f} MB, after warm-up {samples[1][1]:.1f} MB, "
            f"end {samples[-1][1]:.1f} MB, idle {idle:.1f} MB; slope over the second half "
            f"{slope(half):.3f} MB per 1,000 commands, over the whole run "
            f"{slope(samples[1:]):.3f}"
        )
    finally:
        if app is not None:
            stop_app(app)
        fake.stop()
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
