"""Tests for bot.dates: rule-based Swedish/English date parsing with a dateparser fallback."""

import pickle
import re
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from bot import dates
from bot.dates import (
    STOCKHOLM,
    DateNotUnderstood,
    When,
    format_date,
    format_when,
    parse_when,
    parse_when_detail,
)

# Fixed clocks; the real clock is never read.
MON = datetime(2025, 3, 17, 10, 0, tzinfo=STOCKHOLM)  # Monday, ISO week 12
LATE_MARCH = datetime(2025, 3, 20, 10, 0, tzinfo=STOCKHOLM)  # Thursday
FRI10 = datetime(2025, 3, 21, 10, 0, tzinfo=STOCKHOLM)
FRI15 = datetime(2025, 3, 21, 15, 0, tzinfo=STOCKHOLM)
DEC28 = datetime(2025, 12, 28, 12, 0, tzinfo=STOCKHOLM)  # Sunday, ISO week 52 of 2025
DEC29 = datetime(2025, 12, 29, 12, 0, tzinfo=STOCKHOLM)  # Monday, ISO week 1 of 2026
DEC2026 = datetime(2026, 12, 1, 12, 0, tzinfo=STOCKHOLM)  # 2026 has an ISO week 53
SPRING = datetime(2025, 3, 27, 10, 0, tzinfo=STOCKHOLM)  # Thursday before 30 March 2025
AUTUMN = datetime(2025, 10, 23, 10, 0, tzinfo=STOCKHOLM)  # Thursday before 26 October 2025

WINTER = timedelta(hours=1)
SUMMER = timedelta(hours=2)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=STOCKHOLM)


# (phrase, now, expected, has_time)
CASES = [
    # Relative days
    ("i morgon kl 13", MON, at(2025, 3, 18, 13), True),
    ("imorgon kl 13", MON, at(2025, 3, 18, 13), True),
    ("i morgon", MON, at(2025, 3, 18), False),
    ("idag", MON, at(2025, 3, 17), False),
    ("Idag.", MON, at(2025, 3, 17), False),
    ("i dag kl 15", MON, at(2025, 3, 17, 15), True),
    ("today at 3pm", MON, at(2025, 3, 17, 15), True),
    ("tomorrow", MON, at(2025, 3, 18), False),
    ("tomorrow 9:30", MON, at(2025, 3, 18, 9, 30), True),
    ("i övermorgon", MON, at(2025, 3, 19), False),
    ("i övermorgon kl 8", MON, at(2025, 3, 19, 8), True),
    ("the day after tomorrow", MON, at(2025, 3, 19), False),
    ("  I   MORGON   KL 13. ", MON, at(2025, 3, 18, 13), True),
    ("igår", MON, at(2025, 3, 16), False),
    # Weekdays
    ("onsdag", MON, at(2025, 3, 19), False),
    ("ons", MON, at(2025, 3, 19), False),
    ("wednesday", MON, at(2025, 3, 19), False),
    ("wed 14:00", MON, at(2025, 3, 19, 14), True),
    ("på onsdag", MON, at(2025, 3, 19), False),
    ("På onsdag kl 10.", MON, at(2025, 3, 19, 10), True),
    ("on wednesday at 10", MON, at(2025, 3, 19, 10), True),
    ("nästa onsdag", MON, at(2025, 3, 26), False),
    ("nästa onsdag kl 9.30", MON, at(2025, 3, 26, 9, 30), True),
    ("next wednesday", MON, at(2025, 3, 26), False),
    ("next monday 10am", MON, at(2025, 3, 24, 10), True),
    ("måndag", MON, at(2025, 3, 24), False),
    ("måndag kl 11", MON, at(2025, 3, 17, 11), True),
    ("måndag kl 9", MON, at(2025, 3, 24, 9), True),
    ("söndag", MON, at(2025, 3, 23), False),
    ("lör", MON, at(2025, 3, 22), False),
    ("fre 8.15", MON, at(2025, 3, 21, 8, 15), True),
    ("torsdag 13.30", MON, at(2025, 3, 20, 13, 30), True),
    ("tis kl 13", MON, at(2025, 3, 18, 13), True),
    ("tisdag nästa vecka", MON, at(2025, 3, 25), False),
    ("next week friday", MON, at(2025, 3, 28), False),
    ("fredag 14:00", FRI10, at(2025, 3, 21, 14), True),
    ("fredag 14:00", FRI15, at(2025, 3, 28, 14), True),
    ("friday 4pm", FRI15, at(2025, 3, 21, 16), True),
    ("fredag", FRI10, at(2025, 3, 28), False),
    ("fredag kl 9", FRI10, at(2025, 3, 28, 9), True),
    ("nästa fredag", FRI10, at(2025, 3, 28), False),
    # Day and month names
    ("19 mars", MON, at(2025, 3, 19), False),
    ("19 mars", LATE_MARCH, at(2026, 3, 19), False),
    ("den 20 juni", MON, at(2025, 6, 20), False),
    ("den 20 juni kl 13", MON, at(2025, 6, 20, 13), True),
    ("20 juni 2026", MON, at(2026, 6, 20), False),
    ("onsdag 19 mars kl 13", MON, at(2025, 3, 19, 13), True),
    ("19 mars 13:00", MON, at(2025, 3, 19, 13), True),
    ("onsdagen den 19 mars", MON, at(2025, 3, 19), False),
    ("16 mars", MON, at(2026, 3, 16), False),
    ("17 mars kl 9", MON, at(2025, 3, 17, 9), True),
    ("21 mars kl 9", FRI10, at(2025, 3, 21, 9), True),
    ("20 mars", FRI10, at(2026, 3, 20), False),
    ("March 19", MON, at(2025, 3, 19), False),
    ("19 March", MON, at(2025, 3, 19), False),
    ("Mar 19 2026", MON, at(2026, 3, 19), False),
    ("March 19th at 2 pm", MON, at(2025, 3, 19, 14), True),
    ("Wednesday, March 19, 2025 at 1 pm", MON, at(2025, 3, 19, 13), True),
    ("19:e mars", MON, at(2025, 3, 19), False),
    ("1 jan", MON, at(2026, 1, 1), False),
    ("5 maj kl 10", MON, at(2025, 5, 5, 10), True),
    ("12 sept", MON, at(2025, 9, 12), False),
    ("3 okt", MON, at(2025, 10, 3), False),
    ("2 januari", DEC28, at(2026, 1, 2), False),
    ("27 dec", DEC28, at(2026, 12, 27), False),
    # Numeric dates, day before month
    ("3/4", MON, at(2025, 4, 3), False),
    ("3/4 kl 8.15", MON, at(2025, 4, 3, 8, 15), True),
    ("3/4 2026", MON, at(2026, 4, 3), False),
    ("3/4-26", MON, at(2026, 4, 3), False),
    ("1/3", MON, at(2026, 3, 1), False),
    ("3/1", DEC28, at(2026, 1, 3), False),
    ("31/12 kl 23.59", DEC28, at(2025, 12, 31, 23, 59), True),
    ("2025-03-19", MON, at(2025, 3, 19), False),
    ("2025-03-19 13:00", MON, at(2025, 3, 19, 13), True),
    ("2025-03-19T13:00", MON, at(2025, 3, 19, 13), True),
    ("2020-01-01 10:00", MON, at(2020, 1, 1, 10), True),
    # ISO weeks
    ("v. 12 tisdag kl 10", MON, at(2025, 3, 18, 10), True),
    ("v 12 tisdag", MON, at(2025, 3, 18), False),
    ("v12 tis", MON, at(2025, 3, 18), False),
    ("vecka 12 tisdag", MON, at(2025, 3, 18), False),
    ("tisdag vecka 12", MON, at(2025, 3, 18), False),
    ("week 12 tuesday", MON, at(2025, 3, 18), False),
    ("v. 12 måndag kl 9", MON, at(2026, 3, 16, 9), True),
    ("v 14 fredag kl 9", MON, at(2025, 4, 4, 9), True),
    ("v 2 tisdag", DEC28, at(2026, 1, 6), False),
    ("v 52 söndag kl 13", DEC28, at(2025, 12, 28, 13), True),
    ("v 52 söndag kl 11", DEC28, at(2026, 12, 27, 11), True),
    ("v 1 mån", DEC28, at(2025, 12, 29), False),
    ("v 53 mån", DEC29, at(2026, 12, 28), False),
    ("vecka 53 torsdag kl 10", DEC2026, at(2026, 12, 31, 10), True),
    # Offsets
    ("om två veckor", MON, at(2025, 3, 31), False),
    ("om 2 veckor", MON, at(2025, 3, 31), False),
    ("om två veckor kl 13", MON, at(2025, 3, 31, 13), True),
    ("om en vecka", MON, at(2025, 3, 24), False),
    ("om 3 dagar", MON, at(2025, 3, 20), False),
    ("om tolv dagar", MON, at(2025, 3, 29), False),
    ("om en månad", MON, at(2025, 4, 17), False),
    ("in two weeks", MON, at(2025, 3, 31), False),
    ("in 3 days", MON, at(2025, 3, 20), False),
    ("in a week", MON, at(2025, 3, 24), False),
    ("om 2 timmar", MON, at(2025, 3, 17, 12), True),
    ("om en vecka", DEC28, at(2026, 1, 4), False),
    ("om en månad", DEC28, at(2026, 1, 28), False),
    ("om en månad", datetime(2025, 1, 31, 9, tzinfo=STOCKHOLM), at(2025, 2, 28), False),
    # Times alone: today if still ahead, else tomorrow
    ("kl 13", MON, at(2025, 3, 17, 13), True),
    ("kl. 13", MON, at(2025, 3, 17, 13), True),
    ("kl 13.00", MON, at(2025, 3, 17, 13), True),
    ("kl 9.30", MON, at(2025, 3, 18, 9, 30), True),
    ("kl 8.15", MON, at(2025, 3, 18, 8, 15), True),
    ("13.30", MON, at(2025, 3, 17, 13, 30), True),
    ("13:30", MON, at(2025, 3, 17, 13, 30), True),
    ("14:00", MON, at(2025, 3, 17, 14), True),
    ("10am", MON, at(2025, 3, 18, 10), True),
    ("10 am", MON, at(2025, 3, 18, 10), True),
    ("2 pm", MON, at(2025, 3, 17, 14), True),
    ("10:30am", MON, at(2025, 3, 17, 10, 30), True),
    ("12 pm", MON, at(2025, 3, 17, 12), True),
    ("12 am", MON, at(2025, 3, 18, 0), True),
    ("at 10", MON, at(2025, 3, 18, 10), True),
    ("kl 9", FRI10, at(2025, 3, 22, 9), True),
    # Around the spring DST change (30 March 2025, 02.00 -> 03.00)
    ("söndag kl 3", SPRING, at(2025, 3, 30, 3), True),
    ("söndag kl 1.59", SPRING, at(2025, 3, 30, 1, 59), True),
    ("30 mars kl 10", SPRING, at(2025, 3, 30, 10), True),
    ("i övermorgon kl 2.15", SPRING, at(2025, 3, 29, 2, 15), True),
    ("om en vecka kl 12", SPRING, at(2025, 4, 3, 12), True),
    ("om 72 timmar", SPRING, at(2025, 3, 30, 11), True),
    ("söndag kl 2.30", datetime(2025, 3, 30, 10, tzinfo=STOCKHOLM), at(2025, 4, 6, 2, 30), True),
    # Around the autumn DST change (26 October 2025, 03.00 -> 02.00)
    ("söndag kl 2.30", AUTUMN, at(2025, 10, 26, 2, 30), True),
    ("26 oktober kl 1.30", AUTUMN, at(2025, 10, 26, 1, 30), True),
    ("26 oktober kl 3", AUTUMN, at(2025, 10, 26, 3), True),
    ("2025-10-26 02:30", AUTUMN, at(2025, 10, 26, 2, 30), True),
    ("om 3 dagar kl 12", AUTUMN, at(2025, 10, 26, 12), True),
    ("om 72 timmar", AUTUMN, at(2025, 10, 26, 9), True),
    # Left to dateparser
    ("19.3.2025", MON, at(2025, 3, 19), False),
    ("19.03.2025 13:00", MON, at(2025, 3, 19, 13), True),
    ("tomorrow noon", MON, at(2025, 3, 18), False),
]

FALLBACK_PHRASES = {"19.3.2025", "19.03.2025 13:00", "tomorrow noon"}


def _id(case: tuple) -> str:
    phrase, now = case[0], case[1]
    return f"{phrase.strip()}@{now:%Y-%m-%dT%H:%M}"


@pytest.mark.parametrize(("phrase", "now", "expected", "has_time"), CASES, ids=map(_id, CASES))
def test_phrase_table(phrase: str, now: datetime, expected: datetime, has_time: bool) -> None:
    result = parse_when_detail(phrase, now=now)
    assert result == When(expected, has_time)
    # Same-zone datetimes compare by wall time and ignore fold; the offset must match too.
    assert result.at.utcoffset() == expected.utcoffset()
    assert result.at.tzinfo.key == "Europe/Stockholm"
    assert parse_when(phrase, now=now) == result.at


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 70
    required = {
        "i morgon kl 13",
        "nästa onsdag kl 9.30",
        "fredag 14:00",
        "den 20 juni kl 13",
        "v. 12 tisdag kl 10",
        "om två veckor",
        "2025-03-19 13:00",
        "3/4 kl 8.15",
        "next monday 10am",
        "onsdag 19 mars kl 13",
        "19 mars 13:00",
    }
    assert required <= {case[0] for case in CASES}


@pytest.mark.parametrize(
    ("phrase", "now"),
    [case[:2] for case in CASES if case[0] not in FALLBACK_PHRASES],
    ids=[_id(case) for case in CASES if case[0] not in FALLBACK_PHRASES],
)
def test_rules_do_not_need_dateparser(monkeypatch: pytest.MonkeyPatch, phrase, now) -> None:
    def no_fallback(*args, **kwargs):
        raise AssertionError(f"{phrase!r} fell through to dateparser")

    monkeypatch.setattr(dates, "_fallback", no_fallback)
    parse_when_detail(phrase, now=now)


# (phrase, now, Swedish fragment, English fragment)
ERRORS = [
    ("31 april", MON, "31 april finns inte", "April has no 31st day"),
    ("30 februari", MON, "30 februari finns inte", "February has no 30th day"),
    ("2025-02-29", MON, "29 februari 2025 finns inte", "2025 is not a leap year"),
    ("29 feb", MON, "29 februari 2026 finns inte", "2026 is not a leap year"),
    ("31/4", MON, "31 april finns inte", "April has no 31st day"),
    ("31/4 2026", MON, "31 april finns inte", "April has no 31st day"),
    ("32 mars", MON, "32 mars finns inte", "March has no 32nd day"),
    ("3/13", MON, "Månad 13 finns inte", "no month 13"),
    ("kl 25", MON, "timmen måste vara 0–23", "the hour must be 0-23"),
    ("i morgon kl 24", MON, "timmen måste vara 0–23", "the hour must be 0-23"),
    ("13.75", MON, "minuterna måste vara 0–59", "the minutes must be 0-59"),
    ("kl 9.60", MON, "minuterna måste vara 0–59", "the minutes must be 0-59"),
    ("13 pm", MON, "med am/pm går timmen från 1 till 12", "with am/pm the hour goes from 1"),
    ("kl 9.3", MON, "skriv minuterna med två siffror", "write the minutes with two digits"),
    ("19.3", MON, "både ett datum och ett klockslag", "could be a date or a time"),
    ("kl 13 14:00", MON, "flera klockslag", "more than one time"),
    (
        "30 mars 2025 kl 2.30",
        MON,
        "klockan hoppar från 02.00 till 03.00 den natten",
        "the clocks jump from 02:00 to 03:00 that night",
    ),
    ("söndag kl 2.15", SPRING, "Klockan 02.15 finns inte den 30 mars 2025", "02:15 does not exist"),
    (
        "i morgon kl 2.30",
        datetime(2025, 3, 29, 12, tzinfo=STOCKHOLM),
        "hoppar från 02.00 till 03.00",
        "jump from 02:00 to 03:00",
    ),
    (
        "onsdag 19 mars 2026",
        MON,
        "19 mars 2026 är en torsdag, inte en onsdag.",
        "19 March 2026 is a Thursday, not a Wednesday.",
    ),
    (
        "fredag 3/4",
        MON,
        "3 april 2025 är en torsdag, inte en fredag",
        "is a Thursday, not a Friday",
    ),
    ("blabla", MON, "Jag förstår inte ”blabla”", 'I did not understand "blabla"'),
    ("", MON, "Inget datum eller klockslag", "No date or time"),
    ("   ", MON, "Inget datum eller klockslag", "No date or time"),
    ("kl", MON, "Efter ”kl” saknas ett klockslag", 'A time is missing after "kl"'),
    ("i morgon kl", MON, "saknas ett klockslag", "A time is missing"),
    ("12", MON, "Jag förstår inte ”12”", 'I did not understand "12"'),
    ("v. 12", MON, "Vecka 12 räcker inte", "Week 12 is not enough"),
    ("vecka 12 kl 10", MON, "skriv vilken dag", "say which day"),
    ("nästa vecka", MON, "räcker inte: skriv vilken dag", "say which day"),
    ("v 53 tis", MON, "År 2025 har ingen vecka 53", "2025 has no week 53"),
    ("v 54 tis", MON, "Vecka 54 finns inte", "There is no week 54"),
    ("mars 2026", MON, "anger ingen dag", "does not name a day"),
    ("1.1.2035", MON, "ligger för långt bort", "too far off"),
    ("fredag 14", MON, "fredag kl 14 eller fredag 14 mars", "fredag at 14 or fredag 14 March"),
    ("i morgon 13", MON, "menar du i morgon kl 13?", "do you mean i morgon at 13?"),
    ("om 2 timmar kl 13", MON, "inte båda", "not both"),
]


@pytest.mark.parametrize(("phrase", "now", "sv", "en"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors(phrase: str, now: datetime, sv: str, en: str) -> None:
    with pytest.raises(DateNotUnderstood) as info:
        parse_when_detail(phrase, now=now)
    exc = info.value
    assert isinstance(exc, ValueError)
    assert exc.text == phrase
    assert str(exc) == exc.message("sv") == exc.message()
    assert sv in exc.message("sv")
    assert en in exc.message("en")
    assert "”i morgon kl 9.30”" in exc.message("sv")
    assert '"tomorrow at 9:30"' in exc.message("en")


def test_error_table_is_big_enough() -> None:
    assert len(ERRORS) >= 20


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("now", [MON, FRI15, DEC28, DEC29, SPRING, AUTUMN, DEC2026])
def test_examples_in_messages_work(lang: str, now: datetime) -> None:
    message = DateNotUnderstood("blabla").message(lang)
    examples = re.findall(r"[”\"]([^”\"]+)[”\"]", message)[1:]
    assert len(examples) >= 4
    for example in examples:
        assert parse_when_detail(example, now=now).has_time


def test_has_time_and_default_time() -> None:
    nine = time(9, 0)
    assert parse_when_detail("onsdag", now=MON, default_time=nine) == When(
        at(2025, 3, 19, 9), False
    )
    assert parse_when_detail("i morgon", now=MON, default_time=nine).at == at(2025, 3, 18, 9)
    assert parse_when_detail("om 3 dagar", now=MON, default_time=nine).at == at(2025, 3, 20, 9)
    assert parse_when_detail("onsdag kl 13", now=MON, default_time=nine) == When(
        at(2025, 3, 19, 13), True
    )
    # A weekday naming today counts while its moment, default time included, is ahead.
    friday_morning = datetime(2025, 3, 21, 8, 0, tzinfo=STOCKHOLM)
    assert parse_when("fredag", now=friday_morning, default_time=nine) == at(2025, 3, 21, 9)
    assert parse_when("fredag", now=friday_morning) == at(2025, 3, 28)
    # dateparser answers "noon" with 12:00, but no digits named a time, so has_time stays False.
    assert parse_when_detail("tomorrow noon", now=MON, default_time=nine) == When(
        at(2025, 3, 18, 9), False
    )


def test_now_in_another_zone_is_converted_first() -> None:
    late_utc = datetime(2025, 3, 17, 23, 30, tzinfo=UTC)  # already 18 March in Stockholm
    assert parse_when("idag", now=late_utc) == at(2025, 3, 18)
    assert parse_when("kl 13", now=late_utc) == at(2025, 3, 18, 13)
    new_york = timezone(timedelta(hours=-4))
    assert parse_when("i morgon", now=datetime(2025, 3, 17, 20, 0, tzinfo=new_york)) == at(
        2025, 3, 19
    )
    assert parse_when("idag", now=MON).tzinfo is STOCKHOLM


def test_naive_now_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_when("i morgon", now=datetime(2025, 3, 17, 10, 0))
    with pytest.raises(TypeError):
        parse_when_detail("i morgon", now=datetime(2025, 3, 17, 10, 0))


@pytest.mark.parametrize(
    ("phrase", "offset"),
    [
        ("2025-03-30 01:59", WINTER),
        ("2025-03-30 03:00", SUMMER),
        ("2025-03-29 12:00", WINTER),
        ("2025-03-31 12:00", SUMMER),
        ("2025-10-26 01:59", SUMMER),
        ("2025-10-26 02:00", SUMMER),  # repeated hour: first occurrence
        ("2025-10-26 02:59", SUMMER),
        ("2025-10-26 03:00", WINTER),
        ("2025-10-27 12:00", WINTER),
        ("2025-12-24 15:00", WINTER),
        ("2025-07-01 15:00", SUMMER),
    ],
)
def test_utc_offsets_around_dst(phrase: str, offset: timedelta) -> None:
    result = parse_when(phrase, now=MON)
    assert result.utcoffset() == offset
    assert result.fold == 0
    assert result.tzinfo.key == "Europe/Stockholm"


def test_repeated_hour_is_the_first_occurrence() -> None:
    result = parse_when("26 oktober kl 2.30", now=AUTUMN)
    assert result.astimezone(UTC) == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)


def test_hour_offsets_count_real_time_across_dst() -> None:
    result = parse_when("om 24 timmar", now=datetime(2025, 3, 29, 12, 0, tzinfo=STOCKHOLM))
    assert result == at(2025, 3, 30, 13)
    assert result.astimezone(UTC) - datetime(2025, 3, 29, 11, 0, tzinfo=UTC) == timedelta(hours=24)


def test_format_date() -> None:
    assert format_date(date(2025, 3, 19)) == "19 mars 2025"
    assert format_date(date(2025, 3, 19), "en") == "19 March 2025"
    assert format_date(date(2026, 12, 1)) == "1 december 2026"
    assert format_date(at(2025, 5, 5, 10)) == "5 maj 2025"
    # An aware datetime is shown as its Stockholm date.
    assert format_date(datetime(2025, 3, 18, 23, 30, tzinfo=UTC)) == "19 mars 2025"


def test_format_when() -> None:
    assert format_when(at(2025, 3, 19, 13)) == "onsdag 19 mars 2025 kl. 13.00"
    assert format_when(at(2025, 3, 19, 13), "en") == "Wednesday 19 March 2025 at 13:00"
    assert format_when(at(2025, 6, 1, 9, 5)) == "söndag 1 juni 2025 kl. 09.05"
    assert format_when(datetime(2025, 3, 19, 12, 0, tzinfo=UTC)) == "onsdag 19 mars 2025 kl. 13.00"
    assert format_when(datetime(2025, 7, 1, 22, 0, tzinfo=UTC), "en") == (
        "Wednesday 2 July 2025 at 00:00"
    )
    with pytest.raises(TypeError):
        format_when(datetime(2025, 3, 19, 13, 0))


def test_round_trip_through_format_when() -> None:
    for moment in (at(2025, 3, 19, 13), at(2025, 12, 31, 23, 59), at(2026, 7, 4, 8, 15)):
        shown = format_when(moment).removeprefix(f"{dates._SV_WEEKDAYS[moment.weekday()]} ")
        assert parse_when(shown.replace("kl.", "kl"), now=MON) == moment


def test_when_is_frozen() -> None:
    result = parse_when_detail("i morgon", now=MON)
    with pytest.raises(FrozenInstanceError):
        result.at = MON  # type: ignore[misc]


def test_message_language_defaults_to_swedish() -> None:
    exc = DateNotUnderstood("blabla")
    assert exc.message("sv-SE") == exc.message() == str(exc)
    assert exc.message("EN") == exc.message("en")
    assert exc.message("en") != exc.message("sv")


def test_error_survives_pickling() -> None:
    original = DateNotUnderstood("31 april", "31 april finns inte.", "April has no 31st day.")
    copy = pickle.loads(pickle.dumps(original))
    assert (copy.text, copy.message("sv"), copy.message("en")) == (
        original.text,
        original.message("sv"),
        original.message("en"),
    )


def test_dateparser_settings_are_built_once() -> None:
    assert dates._fallback_settings() is dates._fallback_settings()
    assert dates._fallback_settings().DATE_ORDER == "DMY"


def test_fallback_result_far_away_is_rejected_but_explicit_years_are_not() -> None:
    # Our own rules return explicit dates as typed; only dateparser's answers are bounded.
    assert parse_when("1 januari 2035", now=MON) == at(2035, 1, 1)
    with pytest.raises(DateNotUnderstood):
        parse_when("1.1.2035", now=MON)


def test_non_string_text_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_when_detail(None, now=MON)  # type: ignore[arg-type]


# --- parse_span: a meeting's start and, when given, its end --------------------------------------

SPANS = [
    ("onsdag 19 mars kl 13–15", "2025-03-19T13:00+01:00", "2025-03-19T15:00+01:00", True),
    ("19 mars 13.00-15.00", "2025-03-19T13:00+01:00", "2025-03-19T15:00+01:00", True),
    ("19 mars kl 13 till 15", "2025-03-19T13:00+01:00", "2025-03-19T15:00+01:00", True),
    ("19 March 13:00 to 15:00", "2025-03-19T13:00+01:00", "2025-03-19T15:00+01:00", True),
    ("19 mars kl 9.30-11.15", "2025-03-19T09:30+01:00", "2025-03-19T11:15+01:00", True),
    # The day summer time starts: the range keeps the clock times, in the new offset.
    ("30 mars kl 13–15", "2025-03-30T13:00+02:00", "2025-03-30T15:00+02:00", True),
    ("19 mars kl 20-24", "2025-03-19T20:00+01:00", "2025-03-19T23:59+01:00", True),
    ("19 mars kl 13", "2025-03-19T13:00+01:00", None, True),
    ("19 mars", "2025-03-19T00:00+01:00", None, False),
]


@pytest.mark.parametrize(("text", "start", "end", "has_time"), SPANS)
def test_parse_span_gives_start_end_and_whether_a_time_was_said(text, start, end, has_time):
    span = dates.parse_span(text, now=MON)
    assert span.start.isoformat(timespec="minutes") == start
    assert (span.end.isoformat(timespec="minutes") if span.end else None) == end
    assert span.has_time is has_time
    if end is None:  # parse_when keeps returning the start of what it reads
        assert parse_when(text, now=MON) == span.start


@pytest.mark.parametrize(
    ("text", "sv", "en"),
    [
        ("kl 13–15", "har klockslag men inget datum", "has times but no date"),
        ("19 mars kl 15–13", "Sluttiden i ”19 mars kl 15–13” är inte efter", "is not after"),
        ("19 mars kl 13–25", "Jag förstår inte ”19 mars kl 13–25”", "I did not understand"),
    ],
)
def test_parse_span_refuses_with_the_reason_and_an_example(text, sv, en):
    with pytest.raises(DateNotUnderstood) as refused:
        dates.parse_span(text, now=MON)
    assert sv in refused.value.message("sv") and "”" in refused.value.message("sv")
    assert en in refused.value.message("en")
