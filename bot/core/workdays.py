"""Swedish working days, so that reminders never fall on a weekend, a holiday or an afton."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

import holidays

from bot.dates import STOCKHOLM

# De-facto holidays are midsommarafton, julafton and nyårsafton: by law (semesterlag 1977:480 §7)
# they count as Sundays, though they are not public holidays. Påskafton and pingstafton only
# appear in the "optional" category, but they are always Saturdays, so the weekend covers them.
_CATEGORIES = ("public", "de_facto")
# The half days ("Skärtorsdagen (från kl. 14.00)") sit in the bank and optional categories today;
# this marker keeps them working days should a later release of the package move them.
_HALF_DAY = "från kl. 14.00"


@cache
def _holidays(year: int) -> frozenset[date]:
    # Built once per year: the package computes Easter and every rule on each construction.
    calendar = holidays.Sweden(categories=_CATEGORIES, years=year, language="sv")
    return frozenset(
        day for day in calendar if any(_HALF_DAY not in name for name in calendar.get_list(day))
    )


def _plain_date(d: date) -> date:
    # A datetime is a date too, but it never equals one, so it would pass every holiday check.
    if isinstance(d, datetime):
        raise TypeError("pass a date: which day a datetime falls on depends on its time zone")
    return d


def is_working_day(d: date) -> bool:
    d = _plain_date(d)
    return d.weekday() < 5 and d not in _holidays(d.year)


def working_day_on_or_before(d: date) -> date:
    d = _plain_date(d)
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def reminder_moment(d: date, at: time = time(9, 0)) -> datetime:
    """At `at` Stockholm wall-clock time on the last working day on or before d."""
    day = working_day_on_or_before(d)
    # Sweden changes its clocks early on a Sunday, never on a working day, so the wall time
    # exists exactly once and zoneinfo gives it that day's offset.
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=STOCKHOLM)
