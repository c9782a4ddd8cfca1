"""Signed Teams activities through the whole app against the SDK's bare app, in the same run.

    .venv/bin/python bench/bench_teams.py [--requests 200]

Both take the same signed tokens from a local issuer and answer through the same Starlette
server; the bare app's turn does nothing, so the ratio is what Justera's turn costs (token checks
beyond the SDK's, the command, the database and the outbox row).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.teams_harness import APP_ID, TeamsHarness, set_up


def timed(h: TeamsHarness, make, count: int) -> list[float]:
    laps = []
    for n in range(count):
        activity = make(n)
        token = h.issuer.token(APP_ID, service_url=activity["serviceUrl"])
        start = time.perf_counter()
        response = h.send(activity, token)
        laps.append(time.perf_counter() - start)
        assert response.status_code in (200, 202), response.text
    return laps


def report(name: str, laps: list[float]) -> float:
    laps = sorted(laps)
    p50 = statistics.median(laps) * 1000
    p99 = laps[int(len(laps) * 0.99) - 1] * 1000
    print(f"{name:<34} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
    return p50


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    from storage.db import make_engine
    from storage.migrate import upgrade
    from storage.store import store_factory

    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    with TeamsHarness(store_factory(make_engine(url))) as h:
        set_up(h)
        h.say("maria", "mote planera 18 mars kl 13; Sof")
        # The bare baseline: a conversationUpdate the app has no route for (SDK turn, no work).
        bare = report(
            "SDK turn with no handler",
            timed(h, lambda n: h.activity("conversationUpdate", "maria"), args.requests),
        )
        read = report(
            "read command (mote lista)",
            timed(h, lambda n: h.message("maria", "mote lista"), args.requests),
        )
        write = report(
            "write command (arende, a proposal)",
            timed(h, lambda n: h.message("jonas", f"arende Dialog; Fråga {n}"), args.requests),
        )
    print(f"ratios against the bare turn: read {read / bare:.2f}, write {write / bare:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
