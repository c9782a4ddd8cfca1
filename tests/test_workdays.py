"""Swedish working days: weekends, holidays and aftnar are skipped, half days are not."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.workdays import is_working_day, reminder_moment, working_day_on_or_before

# (day, the working day on or before it); 2026 unless the date says otherwise.
ON_OR_BEFORE = [
    pytest.param(date(2026, 3, 16), date(2026, 3, 16), id="normal Monday"),
    pytest.param(date(2026, 3, 18), date(2026, 3, 18), id="normal Wednesday"),
    pytest.param(date(2026, 3, 21), date(2026, 3, 20), id="Saturday to Friday"),
    pytest.param(date(2026, 3, 22), date(2026, 3, 20), id="Sunday to Friday"),
    pytest.param(date(2026, 1, 1), date(2025, 12, 30), id="nyårsdagen past nyårsafton"),
    pytest.param(date(2026, 1, 6), date(2026, 1, 5), id="trettondedag jul"),
    pytest.param(date(2026, 4, 3), date(2026, 4, 2), id="långfredagen"),
    pytest.param(date(2026, 4, 4), date(2026, 4, 2), id="påskafton"),
    pytest.param(date(2026, 4, 5), date(2026, 4, 2), id="påskdagen"),
    pytest.param(date(2026, 4, 6), date(2026, 4, 2), id="annandag påsk"),
    pytest.param(date(2026, 4, 7), date(2026, 4, 7), id="Tuesday after Easter"),
    pytest.param(date(2026, 5, 1), date(2026, 4, 30), id="första maj"),
    pytest.param(date(2026, 5, 14), date(2026, 5, 13), id="Kristi himmelsfärd"),
    pytest.param(date(2026, 5, 15), date(2026, 5, 15), id="klämdag is worked"),
    pytest.param(date(2026, 6, 6), date(2026, 6, 5), id="nationaldagen on a Saturday"),
    pytest.param(date(2026, 6, 19), date(2026, 6, 18), id="midsommarafton"),
    pytest.param(date(2026, 6, 20), date(2026, 6, 18), id="midsommardagen"),
    pytest.param(date(2026, 6, 22), date(2026, 6, 22), id="Monday after midsommar"),
    pytest.param(date(2026, 12, 24), date(2026, 12, 23), id="julafton"),
    pytest.param(date(2026, 12, 25), date(2026, 12, 23), id="juldagen"),
    pytest.param(date(2026, 12, 26), date(2026, 12, 23), id="annandag jul"),
    pytest.param(date(2026, 12, 31), date(2026, 12, 30), id="nyårsafton"),
    pytest.param(date(2027, 1, 1), date(2026, 12, 30), id="nyårsdagen 2027"),
    pytest.param(date(2025, 6, 6), date(2025, 6, 5), id="nationaldagen 2025 on a Friday"),
]


@pytest.mark.parametrize(("day", "expected"), ON_OR_BEFORE)
def test_working_day_on_or_before(day: date, expected: date) -> None:
    assert working_day_on_or_before(day) == expected


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2026, 1, 5), id="trettondagsafton"),
        pytest.param(date(2026, 4, 2), id="skärtorsdagen"),
        pytest.param(date(2026, 4, 30), id="valborgsmässoafton"),
        pytest.param(date(2026, 5, 13), id="dag före Kristi himmelsfärd"),
        pytest.param(date(2026, 6, 18), id="dag före midsommarafton"),
        pytest.param(date(2026, 10, 30), id="allahelgonsafton"),
        pytest.param(date(2026, 12, 23), id="dag före julafton"),
        pytest.param(date(2026, 12, 30), id="dag före nyårsafton"),
    ],
)
def test_half_days_are_working_days(day: date) -> None:
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(date(2026, 6, 19), id="midsommarafton"),
        pytest.param(date(2026, 12, 24), id="julafton"),
        pytest.param(date(2026, 12, 31), id="nyårsafton"),
        pytest.param(date(2026, 4, 4), id="påskafton"),
        pytest.param(date(2026, 5, 23), id="pingstafton"),
        pytest.param(date(2026, 5, 24), id="pingstdagen"),
        pytest.param(date(2026, 10, 31), id="alla helgons dag"),
    ],
)
def test_aftnar_and_holidays_are_not_working_days(day: date) -> None:
    assert not is_working_day(day)


def test_a_year_has_the_expected_number_of_working_days() -> None:
    # 2026 has 261 weekdays; ten holidays and aftnar fall on one of them (1/1, 6/1, 3/4, 6/4,
    # 1/5, 14/5, 19/6, 24/12, 25/12, 31/12), the rest fall on a weekend.
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    assert sum(d.weekday() < 5 for d in days) == 261
    assert sum(is_working_day(d) for d in days) == 251


def test_a_datetime_is_refused() -> None:
    # Its day depends on the time zone, and it never equals a date in the holiday table.
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 12, 24, 12, 0))


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
def test_the_result_is_the_last_working_day_up_to_the_input(day: date) -> None:
    result = working_day_on_or_before(day)
    assert is_working_day(result)
    assert result <= day
    # Christmas and Easter are the longest runs of days off: never more than five.
    assert (day - result).days <= 5
    between = [result + timedelta(days=n) for n in range(1, (day - result).days + 1)]
    assert not any(is_working_day(d) for d in between)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
def test_a_working_day_is_its_own_answer(day: date) -> None:
    assert (working_day_on_or_before(day) == day) is is_working_day(day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 1, 15), "2026-01-15T09:00:00+01:00", id="winter"),
        pytest.param(date(2026, 7, 15), "2026-07-15T09:00:00+02:00", id="summer"),
        # Clocks go forward early on Sunday 29 March 2026 and back on Sunday 25 October.
        pytest.param(date(2026, 3, 29), "2026-03-27T09:00:00+01:00", id="DST start, Sunday"),
        pytest.param(date(2026, 3, 30), "2026-03-30T09:00:00+02:00", id="after DST start"),
        pytest.param(date(2026, 10, 25), "2026-10-23T09:00:00+02:00", id="DST end, Sunday"),
        pytest.param(date(2026, 10, 26), "2026-10-26T09:00:00+01:00", id="after DST end"),
        pytest.param(date(2026, 12, 26), "2026-12-23T09:00:00+01:00", id="annandag jul"),
    ],
)
def test_reminder_moment(day: date, expected: str) -> None:
    moment = reminder_moment(day)
    assert moment.isoformat() == expected
    assert moment.utcoffset() is not None


def test_reminder_moment_at_another_time() -> None:
    moment = reminder_moment(date(2026, 6, 19), time(13, 30))
    assert moment.isoformat() == "2026-06-18T13:30:00+02:00"
    assert moment.astimezone(UTC).hour == 11
