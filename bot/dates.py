"""Swedish and English date understanding for chairs typing meeting times."""

import re
import unicodedata
from calendar import isleap, monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

SV_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SV_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Examples that parse whatever `now` is; a weekday next to a date ("onsdag 19 mars") would be
# rejected in years where the two disagree, so it is not offered as an example.
_EXAMPLES_SV = (
    "i morgon kl 9.30",
    "onsdag kl 13",
    "19 mars kl 13",
    "2025-03-19 13:00",
    "v. 12 tisdag kl 10",
)
_EXAMPLES_EN = (
    "tomorrow at 9:30",
    "Wednesday 1pm",
    "19 March at 13:00",
    "2025-03-19 13:00",
    "week 12 Tuesday at 10",
)

_MONTH_WORDS = {
    **{name: i for i, name in enumerate(SV_MONTHS, 1)},
    **{name.lower(): i for i, name in enumerate(EN_MONTHS, 1)},
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_WEEKDAY_WORDS = {
    **{name: i for i, name in enumerate(_SV_WEEKDAYS)},
    # "onsdagen den 19 mars" is as common as "onsdag den 19 mars".
    **{name + "en": i for i, name in enumerate(_SV_WEEKDAYS)},
    **{name.lower(): i for i, name in enumerate(_EN_WEEKDAYS)},
    # Chairs on English keyboards drop the diacritics.
    "mandag": 0,
    "lordag": 5,
    "sondag": 6,
    "mån": 0,
    "tis": 1,
    "ons": 2,
    "tor": 3,
    "tors": 3,
    "fre": 4,
    "lör": 5,
    "sön": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

_NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "två": 2,
    "two": 2,
    "tre": 3,
    "three": 3,
    "fyra": 4,
    "four": 4,
    "fem": 5,
    "five": 5,
    "sex": 6,
    "six": 6,
    "sju": 7,
    "seven": 7,
    "åtta": 8,
    "eight": 8,
    "nio": 9,
    "nine": 9,
    "tio": 10,
    "ten": 10,
    "elva": 11,
    "eleven": 11,
    "tolv": 12,
    "twelve": 12,
}

_UNIT_WORDS = {
    **dict.fromkeys(("dag", "dagar", "day", "days"), "day"),
    **dict.fromkeys(("vecka", "veckor", "week", "weeks"), "week"),
    **dict.fromkeys(("månad", "månader", "month", "months"), "month"),
    **dict.fromkeys(("timme", "timmar", "hour", "hours"), "hour"),
    **dict.fromkeys(("minut", "minuter", "minute", "minutes", "min"), "minute"),
}

_RELATIVE_DAYS = {
    "idag": 0,
    "i dag": 0,
    "today": 0,
    "i morgon": 1,
    "imorgon": 1,
    "tomorrow": 1,
    "i övermorgon": 2,
    "iövermorgon": 2,
    "övermorgon": 2,
    "day after tomorrow": 2,
    "igår": -1,
    "i går": -1,
    "yesterday": -1,
}


def _alternation(words: Any) -> str:
    # Longest first, or "ons" would win over "onsdag" in the alternation.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WD = _alternation(_WEEKDAY_WORDS)
_MON = _alternation(_MONTH_WORDS)

# A bare number ("19") is not a time; the keyword, separator or am/pm is checked after matching.
# The look-arounds keep it from biting into dates such as 2025-03-19, 3/4 or 19.3.2025.
_TIME_RE = re.compile(
    r"(?<![\w./:-])(?:(?P<kw>kl|klockan|at|@)\s*)?(?P<h>\d{1,2})"
    r"(?:(?P<sep>[.:])(?P<m>\d{1,2})(?::(?P<s>\d{2}))?)?(?:\s*(?P<ap>am|pm))?(?![\w./:-])"
)
_TIME_HINT_RE = re.compile(r"(?<![\d./:-])\d{1,2}[.:]\d{2}(?![\d./:-])|\d\s*[ap]m\b")
_FILLER_RE = re.compile(r"\b(?:på|on|den|the|of|this|kommande)\b")
_DANGLING_KL_RE = re.compile(r"\b(?:kl|klockan)\b(?!\s*\d)")
# "i morgon 13" or "fredag 14": an hour or a day of the month? Asking beats guessing.
_BARE_NUMBER_RE = re.compile(
    rf"(?P<head>(?:(?:nästa|next) )?(?P<wd>{_WD})|{_alternation(_RELATIVE_DAYS)}) (?P<n>\d{{1,2}})"
)
_NEXT_WEEK_RE = re.compile(r"\b(?:nästa vecka|next week)\b")

_REL_RE = re.compile(_alternation(_RELATIVE_DAYS))
_OFFSET_RE = re.compile(
    rf"(?:om|in) (?P<n>\d{{1,3}}|{_alternation(_NUMBER_WORDS)})"
    rf" (?P<unit>{_alternation(_UNIT_WORDS)})"
)
_WEEKDAY_RE = re.compile(rf"(?P<next>nästa |next )?(?P<wd>{_WD})")
_WEEK_RE = re.compile(
    rf"(?:(?P<wd>{_WD}) )?(?:(?:i|in|of) )?(?:vecka|week|vk|wk|v|w)\.? ?(?P<week>\d{{1,2}})"
    rf"(?: (?P<y>\d{{4}}))?(?: (?P<wd2>{_WD}))?"
)
_DAY_MONTH_RE = re.compile(
    rf"(?:(?P<wd>{_WD}) )?(?P<d>\d{{1,2}}) (?P<mon>{_MON})(?: (?P<y>\d{{4}}))?"
)
_MONTH_DAY_RE = re.compile(
    rf"(?:(?P<wd>{_WD}) )?(?P<mon>{_MON}) (?P<d>\d{{1,2}})(?: (?P<y>\d{{4}}))?"
)
_NUMERIC_RE = re.compile(
    rf"(?:(?P<wd>{_WD}) )?(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:[/ -](?P<y>\d{{4}}|\d{{2}}))?"
)
_ISO_RE = re.compile(rf"(?:(?P<wd>{_WD}) )?(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})")

_FALLBACK_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DATES_FROM": "future",
    "TIMEZONE": "Europe/Stockholm",
    "RETURN_AS_TIMEZONE_AWARE": True,
}
_FALLBACK_LANGUAGES = ["sv", "en"]
# dateparser sometimes lands decades away ("13.75" -> 2075); nobody books a meeting that far out.
_FALLBACK_HORIZON = timedelta(days=round(5 * 365.2425))


class DateNotUnderstood(ValueError):
    """A phrase that could not be turned into a moment; the message says why, in sv or en."""

    def __init__(self, text: str, reason_sv: str | None = None, reason_en: str | None = None):
        self.text = text
        self.reason_sv = reason_sv
        self.reason_en = reason_en
        super().__init__(self.message("sv"))

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would rebuild from args, i.e. from the Swedish message, losing the reasons.
        return (type(self), (self.text, self.reason_sv, self.reason_en))

    def message(self, lang: str = "sv") -> str:
        english = lang.lower().startswith("en")
        reason = self.reason_en if english else self.reason_sv
        if reason is None:
            shown = self.text.strip()
            if english:
                reason = (
                    f'I did not understand "{shown}" as a date or time.'
                    if shown
                    else "No date or time was given."
                )
            else:
                reason = (
                    f"Jag förstår inte ”{shown}” som datum eller tid."
                    if shown
                    else "Inget datum eller klockslag angavs."
                )
        examples = _EXAMPLES_EN if english else _EXAMPLES_SV
        quoted = [f'"{e}"' if english else f"”{e}”" for e in examples]
        joined = ", ".join(quoted[:-1])
        if english:
            return f"{reason} Examples that work: {joined} or {quoted[-1]}."
        return f"{reason} Exempel som fungerar: {joined} eller {quoted[-1]}."


@dataclass(frozen=True)
class When:
    at: datetime
    has_time: bool


@dataclass(frozen=True)
class _Ctx:
    text: str
    now: datetime
    clock: time | None
    default_time: time

    @property
    def time(self) -> time:
        return self.clock if self.clock is not None else self.default_time

    def fail(self, reason_sv: str | None = None, reason_en: str | None = None) -> DateNotUnderstood:
        return DateNotUnderstood(self.text, reason_sv, reason_en)

    def when(self, day: date) -> When:
        return When(_make_local(day, self.time, self), self.clock is not None)

    def ahead(self, day: date) -> bool:
        # Unchecked on purpose: a candidate inside the DST gap may still be skipped for a later one.
        candidate = datetime.combine(day, self.time, tzinfo=STOCKHOLM)
        return candidate.timestamp() > self.now.timestamp()


def format_date(d: date | datetime, lang: str = "sv") -> str:
    if isinstance(d, datetime) and d.tzinfo is not None:
        d = d.astimezone(STOCKHOLM)
    if lang.lower().startswith("en"):
        return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {SV_MONTHS[d.month - 1]} {d.year}"


def format_day(d: date | datetime, lang: str = "sv") -> str:
    """The date with its weekday, as format_when writes it: "onsdag 18 mars 2026"."""
    if isinstance(d, datetime) and d.tzinfo is not None:
        d = d.astimezone(STOCKHOLM)
    weekdays = _EN_WEEKDAYS if lang.lower().startswith("en") else _SV_WEEKDAYS
    return f"{weekdays[d.weekday()]} {format_date(d, lang)}"


def format_when(dt: datetime, lang: str = "sv") -> str:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise TypeError("format_when needs an aware datetime")
    local = dt.astimezone(STOCKHOLM)
    if lang.lower().startswith("en"):
        return f"{format_day(local, 'en')} at {local:%H:%M}"
    return f"{format_day(local)} kl. {local:%H.%M}"


def parse_when(text: str, *, now: datetime, default_time: time = time(0, 0)) -> datetime:
    """Return the moment `text` names; see parse_when_detail for the rules."""
    return parse_when_detail(text, now=now, default_time=default_time).at


def parse_when_detail(text: str, *, now: datetime, default_time: time = time(0, 0)) -> When:
    """Understand a Swedish or English date/time phrase relative to `now`.

    The result is aware and in Europe/Stockholm. When the phrase names no time of day the
    time is `default_time` and `has_time` is False.

    Choices worth knowing:

    - A weekday alone ("onsdag", "fredag 14:00") is the next such day; today counts only if
      the moment (with the named time, else `default_time`) is still ahead of `now`.
    - "nästa onsdag" / "next wednesday" is the Wednesday of the NEXT ISO week, even when the
      plain weekday would still fall in this week: on Monday 17 March 2025 "onsdag" is
      19 March and "nästa onsdag" is 26 March.
    - A day and month without a year ("19 mars", "3/4") is the next date with that day and
      month, today included even if the named time has passed today (the caller decides
      whether the past is allowed). A date with a year is returned as is, past or not.
    - "v. 12 tisdag" is Tuesday of ISO week 12 of the current ISO year, or of the next ISO
      year if that moment has passed. A week without a weekday is an error.
    - "om en månad" adds calendar months and clamps to the month's last day (31 January ->
      28 February); day and week offsets add local calendar days, hour and minute offsets
      add real elapsed time.
    - "13.30" and "13:30" are times; "19.3" is rejected as ambiguous, dates with dots and a
      year ("19.3.2025") are left to dateparser.
    - Impossible dates, hours outside 0-23, minutes outside 0-59 and local times skipped by
      the spring DST change raise DateNotUnderstood; they are never shifted. A time that
      occurs twice on the autumn change is the first occurrence.
    - Phrases the rules do not cover go to dateparser; its answer must name a day and lie
      within five years of `now`.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if now.tzinfo is None or now.utcoffset() is None:
        raise TypeError("now must be an aware datetime")
    phrase = _normalize(text)
    if not phrase:
        raise DateNotUnderstood(text)
    clock, rest = _extract_time(phrase, text)
    ctx = _Ctx(text, now.astimezone(STOCKHOLM), clock, default_time.replace(tzinfo=None))
    core = " ".join(_FILLER_RE.sub(" ", rest).split())

    if not core:
        if clock is None:
            raise ctx.fail()
        today = ctx.now.date()
        return ctx.when(today if ctx.ahead(today) else today + timedelta(days=1))

    for pattern, rule in _RULES:
        match = pattern.fullmatch(core)
        if match:
            return rule(match, ctx)

    dangling = _DANGLING_KL_RE.search(core)
    if dangling:
        raise ctx.fail(
            f"Efter ”{dangling[0]}” saknas ett klockslag.",
            f'A time is missing after "{dangling[0]}" (o\'clock).',
        )
    bare = _BARE_NUMBER_RE.fullmatch(core)
    if bare:
        raise _bare_number_error(bare, ctx)
    if _NEXT_WEEK_RE.fullmatch(core):
        raise ctx.fail(
            "”Nästa vecka” räcker inte: skriv vilken dag, t.ex. nästa vecka tisdag.",
            '"Next week" is not enough: say which day, e.g. next week Tuesday.',
        )
    if core.isdigit() or not any(ch.isalnum() for ch in core):
        raise ctx.fail()
    return _fallback(rest, ctx)


def _bare_number_error(match: re.Match[str], ctx: _Ctx) -> DateNotUnderstood:
    head, n = match["head"], int(match["n"])
    as_day = head == match["wd"] and 1 <= n <= 31
    month = ctx.now.month - 1
    if n <= 23 and as_day:
        return ctx.fail(
            f"”{head} {n}” är otydligt: skriv {head} kl {n} eller {head} {n} {SV_MONTHS[month]}.",
            f'"{head} {n}" is unclear: write {head} at {n} or {head} {n} {EN_MONTHS[month]}.',
        )
    if n <= 23:
        return ctx.fail(
            f"”{head} {n}” är otydligt: menar du {head} kl {n}?",
            f'"{head} {n}" is unclear: do you mean {head} at {n}?',
        )
    if as_day:
        return ctx.fail(
            f"”{head} {n}” är otydligt: menar du {head} {n} {SV_MONTHS[month]}?",
            f'"{head} {n}" is unclear: do you mean {head} {n} {EN_MONTHS[month]}?',
        )
    return ctx.fail()


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFC", text).lower()
    s = s.replace("\u00a0", " ").replace(",", " ").replace("–", "-").replace("—", "-")
    s = s.strip().rstrip(".!").strip()
    s = re.sub(r"\b([ap])\.m\b\.?", r"\1m", s)
    s = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", s)
    # Ordinals: "19:e mars", "March 19th".
    s = re.sub(r"(\d)(?::[ae]|st|nd|rd|th)\b", r"\1", s)
    # Abbreviation dots ("kl.", "v.12", "mar.") carry no meaning once the word is recognised.
    s = re.sub(r"(?<=[a-zåäö])\.(?=\s|\d|$)", " ", s)
    s = re.sub(r"(\d)(?=[a-zåäö])(?!am\b|pm\b)", r"\1 ", s)
    return " ".join(s.split())


def _extract_time(phrase: str, text: str) -> tuple[time | None, str]:
    found = [m for m in _TIME_RE.finditer(phrase) if m["kw"] or m["sep"] or m["ap"]]
    if not found:
        return None, phrase
    if len(found) > 1:
        shown = " och ".join(f"”{m[0]}”" for m in found)
        shown_en = " and ".join(f'"{m[0]}"' for m in found)
        raise DateNotUnderstood(
            text,
            f"Jag hittade flera klockslag ({shown}); skriv bara ett.",
            f"I found more than one time ({shown_en}); please give just one.",
        )
    match = found[0]
    clock = _clock_from_match(match, text)
    rest = phrase[: match.start()] + " " + phrase[match.end() :]
    return clock, " ".join(rest.split())


def _clock_from_match(match: re.Match[str], text: str) -> time:
    shown = match[0]
    hour = int(match["h"])
    minute_text = match["m"]
    if minute_text is not None and len(minute_text) == 1:
        month = int(minute_text)
        if match["kw"] or match["ap"] or match["sep"] == ":" or month == 0:
            raise DateNotUnderstood(
                text,
                f"”{shown}” är otydligt: skriv minuterna med två siffror, "
                f"t.ex. kl {hour}.{month}0.",
                f'"{shown}" is unclear: write the minutes with two digits, e.g. {hour}:{month}0.',
            )
        raise DateNotUnderstood(
            text,
            f"”{shown}” kan vara både ett datum och ett klockslag: skriv "
            f"{hour} {SV_MONTHS[month - 1]} eller kl {hour}.{month}0.",
            f'"{shown}" could be a date or a time: write {hour} {EN_MONTHS[month - 1]} '
            f"or {hour}:{month}0.",
        )
    minute = int(minute_text or 0)
    second = int(match["s"] or 0)
    if match["ap"]:
        if not 1 <= hour <= 12:
            raise DateNotUnderstood(
                text,
                f"”{shown}” är inget klockslag: med am/pm går timmen från 1 till 12.",
                f'"{shown}" is not a valid time: with am/pm the hour goes from 1 to 12.',
            )
        hour = hour % 12 + (12 if match["ap"] == "pm" else 0)
    if hour > 23:
        raise DateNotUnderstood(
            text,
            f"”{shown}” är inget klockslag: timmen måste vara 0–23.",
            f'"{shown}" is not a valid time: the hour must be 0-23.',
        )
    if minute > 59 or second > 59:
        raise DateNotUnderstood(
            text,
            f"”{shown}” är inget klockslag: minuterna måste vara 0–59.",
            f'"{shown}" is not a valid time: the minutes must be 0-59.',
        )
    return time(hour, minute, second)


def _make_local(day: date, clock: time, ctx: _Ctx) -> datetime:
    """Stockholm datetime for a wall-clock time; fold=0 picks the first of a repeated hour."""
    local = datetime.combine(day, clock, tzinfo=STOCKHOLM)
    round_trip = local.astimezone(UTC).astimezone(STOCKHOLM)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise _gap_error(local, ctx)
    return local


def _exists(wall: datetime) -> bool:
    local = wall.replace(tzinfo=STOCKHOLM)
    return local.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) == wall


def _gap_error(local: datetime, ctx: _Ctx) -> DateNotUnderstood:
    wall = local.replace(tzinfo=None)
    start = wall.replace(second=0, microsecond=0)
    # Walk back to the first skipped minute; only runs on the error path, gaps are short.
    for _ in range(24 * 60):
        if _exists(start - timedelta(minutes=1)):
            break
        start -= timedelta(minutes=1)
    jump = local.replace(fold=1).utcoffset() - local.replace(fold=0).utcoffset()
    end = start + jump
    return ctx.fail(
        f"Klockan {wall:%H.%M} finns inte den {format_date(wall)}: klockan hoppar från "
        f"{start:%H.%M} till {end:%H.%M} den natten.",
        f"{wall:%H:%M} does not exist on {format_date(wall, 'en')}: the clocks jump from "
        f"{start:%H:%M} to {end:%H:%M} that night.",
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _checked_date(ctx: _Ctx, year: int | None, month: int, day: int) -> tuple[int, int]:
    """Reject day/month pairs no year has; leap days are checked once the year is known."""
    if not 1 <= month <= 12:
        raise ctx.fail(
            f"Månad {month} finns inte: skriv dagen före månaden, t.ex. 3/4 för 3 april.",
            f"There is no month {month}: write the day before the month, e.g. 3/4 for 3 April.",
        )
    if day < 1:
        raise ctx.fail(f"Dag {day} finns inte.", f"There is no day {day}.")
    longest = 29 if month == 2 else monthrange(2001, month)[1]
    if day > longest:
        sv_month, en_month = SV_MONTHS[month - 1], EN_MONTHS[month - 1]
        at_most_sv = "högst" if month == 2 else "bara"
        at_most_en = "at most " if month == 2 else ""
        raise ctx.fail(
            f"{day} {sv_month} finns inte: {sv_month} har {at_most_sv} {longest} dagar.",
            f"{en_month} has no {_ordinal(day)} day: it has {at_most_en}{longest} days.",
        )
    return month, day


def _check_year(ctx: _Ctx, year: int, month: int, day: int) -> date:
    if not 1900 <= year <= 2199:
        raise ctx.fail(f"Året {year} verkar inte rimligt.", f"The year {year} does not look right.")
    if month == 2 and day == 29 and not isleap(year):
        raise ctx.fail(
            f"29 februari {year} finns inte: {year} är inget skottår.",
            f"29 February {year} does not exist: {year} is not a leap year.",
        )
    return date(year, month, day)


def _check_weekday(ctx: _Ctx, typed: str | None, day: date) -> None:
    if typed is None:
        return
    wanted = _WEEKDAY_WORDS[typed]
    if day.weekday() != wanted:
        actual = day.weekday()
        raise ctx.fail(
            f"{format_date(day)} är en {_SV_WEEKDAYS[actual]}, inte en {_SV_WEEKDAYS[wanted]}.",
            f"{format_date(day, 'en')} is a {_EN_WEEKDAYS[actual]}, not a {_EN_WEEKDAYS[wanted]}.",
        )


def _calendar_date(ctx: _Ctx, year: int | None, month: int, day: int, weekday: str | None) -> When:
    month, day = _checked_date(ctx, year, month, day)
    if year is None:
        today = ctx.now.date()
        year = today.year + (1 if (month, day) < (today.month, today.day) else 0)
    result = _check_year(ctx, year, month, day)
    _check_weekday(ctx, weekday, result)
    return ctx.when(result)


def _rule_relative(match: re.Match[str], ctx: _Ctx) -> When:
    return ctx.when(ctx.now.date() + timedelta(days=_RELATIVE_DAYS[match[0]]))


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def _rule_offset(match: re.Match[str], ctx: _Ctx) -> When:
    n = int(match["n"]) if match["n"].isdigit() else _NUMBER_WORDS[match["n"]]
    unit = _UNIT_WORDS[match["unit"]]
    if unit in ("hour", "minute"):
        if ctx.clock is not None:
            raise ctx.fail(
                "Ange antingen ”om … timmar/minuter” eller ett klockslag, inte båda.",
                'Give either "in … hours/minutes" or a time of day, not both.',
            )
        delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
        # Elapsed time, so it runs in UTC: "om 2 timmar" across the DST change is still 2 hours.
        at = (ctx.now.astimezone(UTC) + delta).astimezone(STOCKHOLM)
        return When(at.replace(second=0, microsecond=0), True)
    today = ctx.now.date()
    if unit == "month":
        return ctx.when(_add_months(today, n))
    return ctx.when(today + timedelta(days=n * (7 if unit == "week" else 1)))


def _rule_weekday(match: re.Match[str], ctx: _Ctx) -> When:
    wanted = _WEEKDAY_WORDS[match["wd"]]
    today = ctx.now.date()
    if match["next"]:
        next_monday = today + timedelta(days=7 - today.weekday())
        return ctx.when(next_monday + timedelta(days=wanted))
    candidate = today + timedelta(days=(wanted - today.weekday()) % 7)
    if not ctx.ahead(candidate):
        candidate += timedelta(days=7)
    return ctx.when(candidate)


def _rule_next_week(match: re.Match[str], ctx: _Ctx) -> When:
    today = ctx.now.date()
    next_monday = today + timedelta(days=7 - today.weekday())
    return ctx.when(next_monday + timedelta(days=_WEEKDAY_WORDS[match["wd"]]))


def _rule_week(match: re.Match[str], ctx: _Ctx) -> When:
    week = int(match["week"])
    typed = [w for w in (match["wd"], match["wd2"]) if w]
    if not typed:
        raise ctx.fail(
            f"Vecka {week} räcker inte: skriv vilken dag, t.ex. v. {week} tisdag kl 10.",
            f"Week {week} is not enough: say which day, e.g. week {week} Tuesday at 10.",
        )
    days = {_WEEKDAY_WORDS[w] for w in typed}
    if len(days) > 1:
        raise ctx.fail(
            "Ange bara en veckodag.",
            "Please give only one weekday.",
        )
    if not 1 <= week <= 53:
        raise ctx.fail(f"Vecka {week} finns inte.", f"There is no week {week}.")
    weekday = days.pop() + 1
    if match["y"]:
        return ctx.when(_iso_day(ctx, int(match["y"]), week, weekday))
    iso_year = ctx.now.isocalendar().year
    # Week 53 of a short year is not skipped to next year's week 53; _iso_day raises instead.
    candidate = _iso_day(ctx, iso_year, week, weekday)
    if not ctx.ahead(candidate):
        candidate = _iso_day(ctx, iso_year + 1, week, weekday)
    return ctx.when(candidate)


def _iso_day(ctx: _Ctx, iso_year: int, week: int, weekday: int) -> date:
    try:
        return date.fromisocalendar(iso_year, week, weekday)
    except ValueError:
        raise ctx.fail(
            f"År {iso_year} har ingen vecka {week}.", f"{iso_year} has no week {week}."
        ) from None


def _rule_day_month(match: re.Match[str], ctx: _Ctx) -> When:
    year = int(match["y"]) if match["y"] else None
    return _calendar_date(ctx, year, _MONTH_WORDS[match["mon"]], int(match["d"]), match["wd"])


def _rule_numeric(match: re.Match[str], ctx: _Ctx) -> When:
    year_text = match["y"]
    year = None
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return _calendar_date(ctx, year, int(match["m"]), int(match["d"]), match["wd"])


def _rule_iso(match: re.Match[str], ctx: _Ctx) -> When:
    return _calendar_date(ctx, int(match["y"]), int(match["m"]), int(match["d"]), match["wd"])


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], When]], ...] = (
    (_REL_RE, _rule_relative),
    (_WEEKDAY_RE, _rule_weekday),
    (_DAY_MONTH_RE, _rule_day_month),
    (_ISO_RE, _rule_iso),
    (_NUMERIC_RE, _rule_numeric),
    (_OFFSET_RE, _rule_offset),
    (_WEEK_RE, _rule_week),
    (_MONTH_DAY_RE, _rule_day_month),
    (re.compile(rf"(?P<wd>{_WD}) (?:nästa vecka|next week)"), _rule_next_week),
    (re.compile(rf"(?:nästa vecka|next week) (?P<wd>{_WD})"), _rule_next_week),
)


@cache
def _fallback_settings() -> Any:
    # Built once: dateparser validates and copies every setting on each Settings object.
    from dateparser.conf import settings

    return settings.replace(mod_settings=_FALLBACK_SETTINGS, **_FALLBACK_SETTINGS)


def _fallback(phrase: str, ctx: _Ctx) -> When:
    from dateparser.date import DateDataParser

    base = ctx.now.replace(tzinfo=None)
    settings = _fallback_settings().replace(
        mod_settings={**_FALLBACK_SETTINGS, "RELATIVE_BASE": base}, RELATIVE_BASE=base
    )
    # dateparser.parse does exactly this, but drops DateData.parts, which tells us whether the
    # phrase named a day at all ("mars 2026" names only a month).
    data = DateDataParser(languages=_FALLBACK_LANGUAGES, settings=settings).get_date_data(phrase)
    result = data.date_obj
    if result is None:
        raise ctx.fail()
    parts = getattr(data, "parts", None)
    if parts and "day" not in parts:
        raise ctx.fail(
            f"”{ctx.text.strip()}” anger ingen dag.", f'"{ctx.text.strip()}" does not name a day.'
        )
    if result.tzinfo is None:
        result = result.replace(tzinfo=STOCKHOLM)
    wall = result.replace(tzinfo=None)
    offsets = {wall.replace(tzinfo=STOCKHOLM, fold=fold).utcoffset() for fold in (0, 1)}
    # A Stockholm wall time is rebuilt with zoneinfo, so a DST-gap time still raises here.
    if result.utcoffset() not in offsets:
        wall = result.astimezone(STOCKHOLM).replace(tzinfo=None)
    if ctx.clock is not None:
        when = ctx.when(wall.date())
    elif _TIME_HINT_RE.search(phrase):
        when = When(_make_local(wall.date(), wall.time(), ctx), True)
    else:
        when = ctx.when(wall.date())
    if abs(when.at - ctx.now) > _FALLBACK_HORIZON:
        raise ctx.fail(
            f"”{ctx.text.strip()}” blev {format_date(when.at)}, vilket ligger för långt bort.",
            f'"{ctx.text.strip()}" came out as {format_date(when.at, "en")}, which is too far off.',
        )
    return when


@dataclass(frozen=True)
class Span:
    """A meeting's time as invitations write it: a start, maybe an end, maybe only a date."""

    start: datetime
    end: datetime | None
    has_time: bool


# "kl 13–15", "13.00-15.00", "kl 13 till 15", "13:00 to 15:00" at the end of the phrase.
_RANGE = re.compile(
    r"(?:^|\s)(?P<kl>kl\.?\s*|klockan\s+|at\s+)?(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?"
    r"\s*(?P<sep>–|—|-|till|to|until)\s*(?:kl\.?\s*)?(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_span(text: str, *, now: datetime) -> Span:
    """A start and, when given, an end ("onsdag 19 mars kl 13–15"); a date alone has no time.

    parse_when keeps returning the start only; this is for what a meeting's time may be.
    """
    match = _RANGE.search(text)
    if match and (match["kl"] or match["m1"] or match["sep"].isalpha()):
        h1, h2 = int(match["h1"]), int(match["h2"])
        m1, m2 = int(match["m1"] or 0), int(match["m2"] or 0)
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise DateNotUnderstood(text)
        day = text[: match.start()].strip()
        if not day:
            raise DateNotUnderstood(
                text,
                f"”{text.strip()}” har klockslag men inget datum; skriv till exempel "
                "”onsdag 19 mars kl 13–15”.",
                f'"{text.strip()}" has times but no date; write for example '
                '"onsdag 19 mars kl 13–15".',
            )
        start = parse_when_detail(f"{day} kl {h1:02d}.{m1:02d}", now=now).at
        local = start.astimezone(STOCKHOLM)
        end_clock = time(23, 59) if h2 == 24 else time(h2, m2)
        end = datetime.combine(local.date(), end_clock, STOCKHOLM)
        if end <= start:
            raise DateNotUnderstood(
                text,
                f"Sluttiden i ”{text.strip()}” är inte efter starttiden; skriv till exempel "
                "”kl 13–15”.",
                f'The end in "{text.strip()}" is not after the start; write for example '
                '"kl 13–15".',
            )
        return Span(start, end, True)
    parsed = parse_when_detail(text, now=now)
    return Span(parsed.at, None, parsed.has_time)


# --- deadlines: a day, a month or a week ---------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A deadline as people give one: a day, or a whole month or week (first to last day)."""

    first: date
    last: date


_DUE_FILLER_RE = re.compile(r"^(?:senast|till|by|before|innan|före)\s+")
# "i morgon" is a day, so "i" and "in" are read only before a month or a week.
_DUE_MONTH_RE = re.compile(
    rf"(?:i |under |in |during )?(?:slutet av |end of )?(?P<mon>{_MON})(?: (?P<y>\d{{4}}))?"
)
_DUE_WEEK_RE = re.compile(
    r"(?:i |under |in |during )?(?:vecka|week|vk|wk|v|w) ?(?P<week>\d{1,2})(?: (?P<y>\d{4}))?"
)


def parse_due(text: str, *, now: datetime) -> Period:
    """A deadline typed as people type it: "30 oktober", "oktober", "v. 43", "om två veckor".

    A month means by its last day, a week by its Friday; without a year it is the next such
    month or week whose last day is today or later. Days follow parse_when_detail; whether a
    day in the past is allowed is the caller's choice.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    phrase = _normalize(text)
    while True:
        stripped = _DUE_FILLER_RE.sub("", phrase)
        if stripped == phrase:
            break
        phrase = stripped
    today = now.astimezone(STOCKHOLM).date()
    try:
        period = _due_period(text, phrase, now, today)
    except ValueError as exc:  # a year such as 0000 that the calendar does not have
        if isinstance(exc, DateNotUnderstood):
            raise
        raise DateNotUnderstood(text) from None
    if abs(period.last - today) > _FALLBACK_HORIZON:
        raise DateNotUnderstood(
            text,
            f"”{text.strip()}” ligger för långt bort.",
            f'"{text.strip()}" is too far off.',
        )
    return period


def _due_period(text: str, phrase: str, now: datetime, today: date) -> Period:
    month = _DUE_MONTH_RE.fullmatch(phrase)
    if month:
        number = _MONTH_WORDS[month["mon"]]
        year = int(month["y"]) if month["y"] else today.year
        if not month["y"] and date(year, number, monthrange(year, number)[1]) < today:
            year += 1
        return Period(date(year, number, 1), date(year, number, monthrange(year, number)[1]))
    week = _DUE_WEEK_RE.fullmatch(phrase)
    if week:
        ctx = _Ctx(text, now.astimezone(STOCKHOLM), None, time(0, 0))
        number = int(week["week"])
        if not 1 <= number <= 53:
            raise ctx.fail(f"Vecka {number} finns inte.", f"There is no week {number}.")
        iso_year = int(week["y"]) if week["y"] else today.isocalendar().year
        friday = _iso_day(ctx, iso_year, number, 5)
        if not week["y"] and friday < today:
            iso_year += 1
            friday = _iso_day(ctx, iso_year, number, 5)
        return Period(friday - timedelta(days=4), friday)
    day = parse_when_detail(phrase, now=now).at.date()
    return Period(day, day)
