"""The årsklocka as data: months and days, deadlines, the YAML format and the shipped default."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.core.model import Section, YearRule
from bot.core.texts import UserError
from bot.core.yearclock import (
    DEFAULT_RULES_FILE,
    MAX_LEAD_DAYS,
    MAX_RULES,
    deadline_in,
    default_rules,
    describe_when,
    next_deadline,
    parse_when,
    rules_from_yaml,
    rules_to_yaml,
    year_at_a_glance,
)

# --- parse_when and describe_when ---------------------------------------------------------------

WHEN = [
    ("mars", (3, None)),
    ("Mars", (3, None)),
    ("march", (3, None)),
    ("March", (3, None)),
    ("maj", (5, None)),
    ("May", (5, None)),
    ("okt", (10, None)),
    ("Sept.", (9, None)),
    ("december", (12, None)),
    ("under mars", (3, None)),
    ("i slutet av mars", (3, None)),
    ("by the end of March", (3, None)),
    ("31 mars", (3, 31)),
    ("  31   mars ", (3, 31)),
    ("den 31 mars", (3, 31)),
    ("senast den 31 mars", (3, 31)),
    ("31:a mars", (3, 31)),
    ("1 januari", (1, 1)),
    ("31 March", (3, 31)),
    ("31st of March", (3, 31)),
    ("March 31", (3, 31)),
    ("mars 31", (3, 31)),
    ("31 okt.", (10, 31)),
    ("31/3", (3, 31)),
    ("31 / 3", (3, 31)),
    ("1/12", (12, 1)),
    ("31.3", (3, 31)),
    ("03-31", (3, 31)),
    ("3-31", (3, 31)),
    ("2026-03-31", (3, 31)),
    ("29 februari", (2, 29)),
    ("29/2", (2, 29)),
    ("02-29", (2, 29)),
    ("30 april", (4, 30)),
    ("31 december", (12, 31)),
]


@pytest.mark.parametrize(("text", "expected"), WHEN)
def test_parse_when(text: str, expected: tuple[int, int | None]) -> None:
    assert parse_when(text) == expected


WHEN_REFUSED = [
    ("31 april", "30/4"),
    ("30 februari", "29/2"),
    ("32 januari", "31/1"),
    ("31/6", "30/6"),
    ("13/13", "31/3"),
    ("3/31", "31/3"),
    ("00-10", "31/3"),
    ("0 mars", "31 mars"),
    ("marsch", "31 mars"),
    ("31 smarch", "31 mars"),
    ("", "31 mars"),
    ("31", "31 mars"),
    ("vår", "31 mars"),
    ("mars april", "31 mars"),
    ("31 mars 2026", "31 mars"),
    ("nästa vecka", "31 mars"),
]


@pytest.mark.parametrize(("text", "example"), WHEN_REFUSED)
def test_parse_when_refuses(text: str, example: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_when(text)
    for lang in ("sv", "en"):
        message = caught.value.message(lang)
        assert "\n" not in message
        assert re.search(r"`[^`]+`\.$", message), message
    assert example in caught.value.message("sv")


def test_parse_when_says_how_long_the_month_is() -> None:
    with pytest.raises(UserError) as caught:
        parse_when("31 april")
    assert caught.value.message("sv") == (
        "”31 april” finns inte eftersom månaden har högst 30 dagar; skriv till exempel `30/4`."
    )
    assert "at most 30 days" in caught.value.message("en")


def all_month_days() -> list[tuple[int, int | None]]:
    days = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
    return [(m, d) for m in range(1, 13) for d in (None, *range(1, days[m] + 1))]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_describe_when_reads_back(lang: str) -> None:
    for month, day in all_month_days():
        assert parse_when(describe_when(month, day, lang)) == (month, day)


def test_describe_when() -> None:
    assert describe_when(3, None) == "mars"
    assert describe_when(3, 31) == "31 mars"
    assert describe_when(2, 29) == "29 februari"
    assert describe_when(3, 31, "en") == "31 March"
    assert describe_when(12, None, "en") == "December"


# --- deadlines --------------------------------------------------------------------------------


def rule(month: int, day: int | None = None, **kwargs: object) -> YearRule:
    return YearRule(group_id=1, title="Regel", month=month, day=day, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("month", "day", "year", "expected"),
    [
        (3, 31, 2026, date(2026, 3, 31)),
        (3, None, 2026, date(2026, 3, 31)),
        (4, None, 2026, date(2026, 4, 30)),
        (6, 15, 2026, date(2026, 6, 15)),
        (12, None, 2026, date(2026, 12, 31)),
        (2, None, 2026, date(2026, 2, 28)),
        (2, None, 2028, date(2028, 2, 29)),
        (2, 29, 2027, date(2027, 2, 28)),
        (2, 29, 2028, date(2028, 2, 29)),
        (2, 29, 2100, date(2100, 2, 28)),
        (2, 29, 2000, date(2000, 2, 29)),
        (2, 28, 2028, date(2028, 2, 28)),
    ],
)
def test_deadline_in(month: int, day: int | None, year: int, expected: date) -> None:
    assert deadline_in(rule(month, day), year) == expected


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (3, 31, date(2026, 1, 10), date(2026, 3, 31)),
        (3, 31, date(2026, 3, 31), date(2026, 3, 31)),
        (3, 31, date(2026, 4, 1), date(2027, 3, 31)),
        (3, None, date(2026, 3, 15), date(2026, 3, 31)),
        (12, None, date(2026, 12, 31), date(2026, 12, 31)),
        (1, 15, date(2026, 12, 31), date(2027, 1, 15)),
        (1, None, date(2026, 2, 1), date(2027, 1, 31)),
        (2, 29, date(2027, 2, 28), date(2027, 2, 28)),
        (2, 29, date(2027, 3, 1), date(2028, 2, 29)),
        (2, 29, date(2028, 2, 29), date(2028, 2, 29)),
        (2, 29, date(2028, 3, 1), date(2029, 2, 28)),
        (2, None, date(2027, 3, 1), date(2028, 2, 29)),
    ],
)
def test_next_deadline(month: int, day: int | None, today: date, expected: date) -> None:
    assert next_deadline(rule(month, day), today) == expected


@given(
    st.sampled_from(all_month_days()),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)),
)
def test_next_deadline_is_the_first_deadline_from_today(
    when: tuple[int, int | None], today: date
) -> None:
    r = rule(*when)
    found = next_deadline(r, today)
    assert today <= found
    assert found in (deadline_in(r, today.year), deadline_in(r, today.year + 1))
    assert found.year == today.year or deadline_in(r, today.year) < today


# --- YAML ---------------------------------------------------------------------------------------


def single_spaced(limit: int) -> st.SearchStrategy[str]:
    return (
        st.text(max_size=limit + 20)
        .map(lambda t: " ".join(t.split()))
        .filter(lambda t: len(t) <= limit)
    )


@st.composite
def year_rules(draw: st.DrawFn, group_id: int = 7) -> YearRule:
    month, day = draw(st.sampled_from(all_month_days()))
    return YearRule(
        group_id=group_id,
        title=draw(single_spaced(200).filter(bool)),
        month=month,
        day=day,
        section=draw(
            st.sampled_from([Section.INFORMATION, Section.DIALOG, Section.BESLUT, Section.OVRIGT])
        ),
        responsible=draw(single_spaced(100)),
        lead_days=draw(st.integers(0, MAX_LEAD_DAYS)),
    )


@given(st.lists(year_rules(), max_size=12))
def test_yaml_round_trip(rules: list[YearRule]) -> None:
    assert rules_from_yaml(rules_to_yaml(rules), 7) == rules


def test_yaml_round_trip_of_the_default_and_of_the_most_rules() -> None:
    rules = default_rules(3)
    assert rules_from_yaml(rules_to_yaml(rules), 3) == rules
    many = [rule(1 + n % 12, None) for n in range(MAX_RULES)]
    assert rules_from_yaml(rules_to_yaml(many), 1) == many


def test_yaml_is_written_in_swedish_in_a_stable_order() -> None:
    rules = [
        YearRule(1, "Mål & ekonomi", 5, None, Section.DIALOG, "Förvaltningschef", 21),
        YearRule(1, "Handlingsplaner", 3, 31, Section.BESLUT),
    ]
    text = rules_to_yaml(rules)
    assert text.endswith(
        "- titel: Mål & ekonomi\n"
        "  när: maj\n"
        "  sektion: Dialog\n"
        "  ansvarig: Förvaltningschef\n"
        "  framförhållning: 21\n"
        "- titel: Handlingsplaner\n"
        "  när: 31 mars\n"
        "  sektion: Beslut\n"
        "  framförhållning: 14\n"
    )
    assert text.startswith("# ")
    assert rules_to_yaml(rules) == text


def test_yaml_empty_list() -> None:
    assert rules_from_yaml(rules_to_yaml([]), 1) == []


def test_yaml_defaults_and_english_keys() -> None:
    text = """
- titel: Delårsbokslut
  när: september
- title: Budget frames
  when: 15 June
  section: decision
  responsible: Ekonomichef
  lead_days: 30
- Titel: Skyddsrond
  nar: 2026-05-20
  sektion: ovrigt
  framforhallning: 7 dagar
- titel: 2024
  när: "03-31"
  sektion: Övrigt
  ansvarig:
"""
    assert rules_from_yaml(text, 5) == [
        YearRule(5, "Delårsbokslut", 9, None, Section.INFORMATION, "", 14),
        YearRule(5, "Budget frames", 6, 15, Section.BESLUT, "Ekonomichef", 30),
        YearRule(5, "Skyddsrond", 5, 20, Section.OVRIGT, "", 7),
        YearRule(5, "2024", 3, 31, Section.OVRIGT, "", 14),
    ]


def test_yaml_titles_are_single_spaced() -> None:
    text = "- titel: >\n    Årlig   uppföljning\n    av SAM\n  när: februari\n"
    assert rules_from_yaml(text, 1)[0].title == "Årlig uppföljning av SAM"


def refusal(text: str) -> UserError:
    with pytest.raises(UserError) as caught:
        rules_from_yaml(text, 1)
    return caught.value


GOOD = "- titel: Delårsbokslut\n  när: september\n"


@pytest.mark.parametrize(
    ("entry", "sv_part", "en_part"),
    [
        pytest.param("när: mars", "saknar titel", "has no title", id="no title"),
        pytest.param("titel: ''\n  när: mars", "saknar titel", "has no title", id="empty title"),
        pytest.param("titel: X", "saknar när", "has no när", id="no when"),
        pytest.param("titel: X\n  när:", "saknar när", "has no när", id="empty when"),
        pytest.param("titel: X\n  när: 31 april", "”31 april” som när", "“31 april”", id="31/4"),
        pytest.param("titel: X\n  när: 13/13", "”13/13” som när", "“13/13”", id="13/13"),
        pytest.param("titel: X\n  när: 7", "”7” som när", "“7”", id="number as when"),
        pytest.param(
            "titel: X\n  när: mars\n  sektion: Inledning",
            "”Inledning” som sektion",
            "“Inledning” as section",
            id="opening section",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  sektion: Viktigt",
            "”Viktigt” som sektion",
            "“Viktigt” as section",
            id="unknown section",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  framförhållning: -1",
            "”-1” som framförhållning",
            "from 0 to 180",
            id="negative lead",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  framförhållning: 181",
            "”181” som framförhållning",
            "“181” as lead time",
            id="absurd lead",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  lead_days: två veckor",
            "”två veckor” som framförhållning",
            "“två veckor” as lead time",
            id="lead in words",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  framförhållning: 2.5",
            "”2.5” som framförhållning",
            "“2.5”",
            id="fractional lead",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  framförhållning: true",
            "”True” som framförhållning",
            "“True”",
            id="boolean lead",
        ),
        pytest.param(
            "titel: " + "x" * 201 + "\n  när: mars",
            "har 201 tecken men får ha högst 200",
            "has 201 characters but may have at most 200",
            id="long title",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  ansvarig: " + "x" * 101,
            "”ansvarig” i regel 2 i årsklockan har 101 tecken",
            "most 100",
            id="long responsible",
        ),
        pytest.param(
            "titel: [a, b]\n  när: mars",
            "”titel” i regel 2 i årsklockan ska vara text",
            "must be text",
            id="list title",
        ),
        pytest.param(
            "title: yes\n  när: mars",
            "”title” i regel 2 i årsklockan ska vara text",
            "must be text",
            id="boolean title",
        ),
        pytest.param(
            "titel: X\n  när: mars\n  ansvarg: HR-chef",
            "okända nyckeln ”ansvarg”",
            "unknown key “ansvarg”",
            id="misspelt key",
        ),
        pytest.param(
            "titel: X\n  title: Y\n  när: mars",
            "anger ”titel” två gånger",
            "gives “titel” twice",
            id="key twice",
        ),
    ],
)
def test_yaml_refusals_name_the_rule(entry: str, sv_part: str, en_part: str) -> None:
    error = refusal(GOOD + "- " + entry + "\n" + GOOD)
    sv, en = error.message("sv"), error.message("en")
    assert "egel 2 i årsklockan" in sv and sv_part in sv, sv
    assert "ule 2 of the årsklocka" in en and en_part in en, en


@pytest.mark.parametrize(
    ("entry", "number"),
    [("- Delårsbokslut\n", 2), ("- [titel, när]\n", 2), ("-\n", 2), (GOOD * 5 + "- 7\n", 7)],
)
def test_yaml_refuses_an_entry_that_is_not_a_mapping(entry: str, number: int) -> None:
    error = refusal(GOOD + entry)
    assert error.message("sv").startswith(f"Regel {number} i årsklockan består inte av nycklar")
    assert error.message("en").startswith(f"Rule {number} of the årsklocka is not made of keys")


@pytest.mark.parametrize(
    ("text", "sv_part"),
    [
        pytest.param("- titel: X\n  när: [mars\n", "nära rad 3", id="unclosed bracket"),
        pytest.param("- titel: X\n   när: mars\n", "nära rad 2", id="bad indentation"),
        pytest.param("- titel: 'X\n", "nära rad", id="unclosed quote"),
        pytest.param("titel: X\n- när: mars\n", "nära rad 2", id="mapping then list"),
        pytest.param("- titel: X\x00\n", "går inte att läsa som YAML", id="NUL character"),
        pytest.param("[" * 5000 + "]" * 5000, "går inte att läsa som YAML", id="deep nesting"),
    ],
)
def test_yaml_refuses_what_is_not_yaml(text: str, sv_part: str) -> None:
    error = refusal(text)
    assert "Årsklockan går inte att läsa som YAML" in error.message("sv")
    assert sv_part in error.message("sv")
    assert "cannot be read as YAML" in error.message("en")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("# bara en kommentar\n", id="only a comment"),
        pytest.param("titel: Delårsbokslut\nnär: september\n", id="one rule without a dash"),
        pytest.param("Delårsbokslut i september", id="plain text"),
        pytest.param("42", id="a number"),
    ],
)
def test_yaml_refuses_what_is_not_a_list(text: str) -> None:
    error = refusal(text)
    assert error.message("sv").startswith("Årsklockan ska vara en lista")
    assert error.message("en").startswith("The årsklocka must be a list")


def test_yaml_refuses_more_than_the_most_rules() -> None:
    assert len(rules_from_yaml(GOOD * MAX_RULES, 1)) == MAX_RULES
    error = refusal(GOOD * (MAX_RULES + 1))
    assert error.message("sv").startswith(f"Årsklockan har {MAX_RULES + 1} regler")
    assert f"at most {MAX_RULES}" in error.message("en")


def test_yaml_is_read_safely() -> None:
    # safe_load builds no Python objects from tags; the tag is refused as a parse error.
    error = refusal("- !!python/object/apply:os.system ['true']\n")
    assert "YAML" in error.message("sv")


def test_the_first_problem_is_reported() -> None:
    error = refusal(GOOD + "- när: mars\n" + "- titel: X\n")
    assert error.message("sv").startswith("Regel 2 ")


# --- the refusal texts ----------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


# --- the shipped default -----------------------------------------------------------------------


def test_the_default_file_has_a_header() -> None:
    text = DEFAULT_RULES_FILE.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "utgångspunkt" in text
    assert isinstance(yaml.safe_load(text), list)


def test_the_default_loads_for_the_group() -> None:
    rules = default_rules(42)
    assert 12 <= len(rules) <= MAX_RULES
    assert all(r.group_id == 42 and r.id is None for r in rules)
    assert all(r.responsible for r in rules)


# (words the title must contain, month, section)
DEFAULT_TOPICS = [
    (("tillbud",), (1, 2, 3), Section.INFORMATION),
    (("årlig uppföljning", "sam"), (1, 2, 3), Section.INFORMATION),
    (("handlingsplaner",), (3,), Section.BESLUT),
    (("osa",), (3, 4, 5), Section.BESLUT),
    (("skyddsrond",), (3, 4, 5, 6), Section.INFORMATION),
    (("kvalitetsrapport",), (3,), Section.DIALOG),
    (("prognos",), (4, 5), Section.DIALOG),
    (("mål & ekonomi",), (4, 5), Section.DIALOG),
    (("budgetramar",), (6,), Section.DIALOG),
    (("delårsbokslut",), (8, 9), Section.INFORMATION),
    (("medarbetarenkät",), (10,), Section.INFORMATION),
    (("uppföljning", "handlingsplaner", "riskbedömningar"), (9, 10, 11), Section.DIALOG),
    (("internbudget",), (11,), Section.BESLUT),
    (("verksamhetsplan",), (12,), Section.BESLUT),
]


@pytest.mark.parametrize(
    ("words", "months", "section"), DEFAULT_TOPICS, ids=[" ".join(t[0]) for t in DEFAULT_TOPICS]
)
def test_the_default_covers_the_topic(
    words: tuple[str, ...], months: tuple[int, ...], section: Section
) -> None:
    found = [
        r
        for r in default_rules(1)
        if all(w in r.title.casefold() for w in words) and r.month in months
    ]
    assert [r.section for r in found] == [section], found


def test_the_default_action_plans_are_due_31_march() -> None:
    (plans,) = [r for r in default_rules(1) if r.title.startswith("Handlingsplaner")]
    assert (plans.month, plans.day) == (3, 31)


def test_the_default_names_the_usual_roles() -> None:
    responsible = {r.responsible for r in default_rules(1)}
    assert {"HR-chef", "Ekonomichef", "Förvaltningschef"} <= responsible


# --- the year at a glance ----------------------------------------------------------------------

SV_HEADINGS = [
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
]


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith(" ")]


def test_year_at_a_glance_lists_every_month_in_order() -> None:
    text = year_at_a_glance(default_rules(1))
    assert headings(text) == SV_HEADINGS
    assert (
        "  • 31 mars: Handlingsplaner för arbetsmiljön utifrån SAM-uppföljningen (Beslut, " in text
    )
    assert "  • under maj: Mål & ekonomi" in text


def test_year_at_a_glance_shows_empty_months_and_the_order_in_a_month() -> None:
    rules = [
        YearRule(1, "Slutet", 3, None, Section.DIALOG),
        YearRule(1, "Senast", 3, 31, Section.BESLUT, "HR-chef"),
        YearRule(1, "Tidigt", 3, 2, Section.INFORMATION),
        YearRule(1, "Jul", 12, 24, Section.OVRIGT),
    ]
    text = year_at_a_glance(rules)
    assert text.splitlines()[:9] == [
        "Januari",
        "  –",
        "Februari",
        "  –",
        "Mars",
        "  • 2 mars: Tidigt (Information)",
        "  • 31 mars: Senast (Beslut, HR-chef)",
        "  • under mars: Slutet (Dialog)",
        "April",
    ]
    assert text.splitlines()[-2:] == ["December", "  • 24 december: Jul (Övrigt)"]
    assert text.count("  –") == 10


def test_year_at_a_glance_in_english() -> None:
    text = year_at_a_glance([YearRule(1, "Budget", 6, None, Section.DIALOG)], "en")
    assert headings(text)[0] == "January" and headings(text)[-1] == "December"
    assert "  • in June: Budget (Dialog)" in text


def test_year_at_a_glance_without_rules() -> None:
    text = year_at_a_glance([])
    assert headings(text) == SV_HEADINGS
    assert text.count("–") == 12
