"""Benchmark bot.dates.parse_when against raw dateparser.parse on typical chair phrases."""

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

# Run as a plain script from anywhere: the project is not installed into the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dateparser

from bot.dates import STOCKHOLM, DateNotUnderstood, parse_when

NOW = datetime(2025, 3, 17, 10, 0, tzinfo=STOCKHOLM)
LIMIT_US = 2000.0
OURS_ROUNDS = 5000
BASELINE_ROUNDS = 200

PHRASES = [
    "i morgon kl 13",
    "imorgon 9.30",
    "idag kl 15",
    "i övermorgon",
    "tomorrow at 10",
    "today 3pm",
    "onsdag",
    "på onsdag kl 10",
    "fredag 14:00",
    "nästa onsdag kl 9.30",
    "next monday 10am",
    "tis kl 13",
    "thursday 13:30",
    "den 20 juni kl 13",
    "19 mars",
    "onsdag 19 mars kl 13",
    "19 mars 13:00",
    "20 juni 2026",
    "March 19",
    "Mar 19 2026 2 pm",
    "3/4",
    "3/4 kl 8.15",
    "3/4-26",
    "2025-03-19",
    "2025-03-19 13:00",
    "2025-03-19T13:00",
    "v. 12 tisdag kl 10",
    "v12 tis",
    "vecka 14 torsdag",
    "week 14 tuesday 9am",
    "om två veckor",
    "om 3 dagar",
    "om en månad",
    "in two weeks",
    "in 3 days",
    "kl 13",
    "kl 8.15",
    "13.30",
    "14:00",
    "10:30am",
]

# Not in the rules, so they take our fallback to dateparser; reported for information only.
FALLBACK_PHRASES = ["19.3.2025", "19.03.2025 13:00", "tomorrow noon", "tonight"]

DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DATES_FROM": "future",
    "TIMEZONE": "Europe/Stockholm",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "RELATIVE_BASE": NOW.replace(tzinfo=None),
}


def ours(phrase: str) -> object:
    return parse_when(phrase, now=NOW)


def baseline(phrase: str) -> object:
    return dateparser.parse(phrase, languages=["sv", "en"], settings=DATEPARSER_SETTINGS)


def measure(func, rounds: int, phrases: list[str] = PHRASES) -> list[float]:
    samples = []
    clock = time.perf_counter
    for _ in range(rounds):
        for phrase in phrases:
            start = clock()
            func(phrase)
            samples.append((clock() - start) * 1e6)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.fmean(samples), statistics.quantiles(samples, n=100)[94]


def main() -> int:
    started = time.perf_counter()
    understood = 0
    for phrase in PHRASES:
        try:
            ours(phrase)
            understood += 1
        except DateNotUnderstood as exc:
            print(f"not understood by us: {phrase!r}: {exc}")
    baseline_understood = sum(baseline(p) is not None for p in PHRASES)

    # Warm-up: regex compilation, dateparser's locale loading, CPU caches.
    measure(ours, 50)
    measure(baseline, 3)

    ours_mean, ours_p95 = summary(measure(ours, OURS_ROUNDS))
    base_mean, base_p95 = summary(measure(baseline, BASELINE_ROUNDS))
    fall_mean, fall_p95 = summary(measure(ours, BASELINE_ROUNDS, FALLBACK_PHRASES))

    print(f"phrases: {len(PHRASES)}")
    print(f"understood: ours {understood}/{len(PHRASES)}, dateparser {baseline_understood}")
    print(f"ours       ({OURS_ROUNDS} rounds): mean {ours_mean:8.1f} us  p95 {ours_p95:8.1f} us")
    print(
        f"dateparser ({BASELINE_ROUNDS} rounds): mean {base_mean:8.1f} us  p95 {base_p95:8.1f} us"
    )
    print(f"ratio ours/dateparser: mean {ours_mean / base_mean:.3f}  p95 {ours_p95 / base_p95:.3f}")
    print(
        f"ours via fallback ({len(FALLBACK_PHRASES)} phrases, info only): "
        f"mean {fall_mean:.1f} us  p95 {fall_p95:.1f} us"
    )
    passed = ours_mean < LIMIT_US and ours_p95 < LIMIT_US and understood == len(PHRASES)
    verdict = "PASS" if passed else "FAIL"
    print(f"{verdict}: requirement < {LIMIT_US:.0f} us per phrase after warm-up")
    print(f"total time {time.perf_counter() - started:.1f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
