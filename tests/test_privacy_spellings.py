"""Numbers as Word, a PDF or a phone spell them are caught; normalising keeps what a reader sees."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.normalise import clean, normalise, printable
from bot.core.privacy import find_identity_numbers
from bot.core.texts import UserError
from tests.test_privacy import CORPUS, identities, luhn

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u2062"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\u2007", "\u2002", "\u3000", "\t"]
SEPARATORS = st.one_of(
    st.sampled_from(DASHES),
    st.sampled_from(SPACES),
    st.tuples(st.sampled_from(SPACES), st.sampled_from(DASHES), st.sampled_from(SPACES)).map(
        "".join
    ),
    st.tuples(st.sampled_from(SPACES), st.sampled_from(SPACES)).map("".join),
    st.just(""),
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def pasted(draw: st.DrawFn) -> tuple[str, str]:
    """A valid number as pasted: any dash or space, invisible characters anywhere, any digits."""
    person = draw(identities)
    ten = person.nine + person.check
    head = ten[:6] if draw(st.booleans()) else person.century + ten[:6]
    written = head + draw(SEPARATORS) + ten[6:]
    if draw(st.booleans()):
        written = written.translate(FULLWIDTH)  # a phone's or a Japanese IME's digits
    chars = list(written)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(1, len(chars) - 1))
        chars.insert(at, draw(st.sampled_from([*INVISIBLE, "\x00"])))
    return "".join(chars), person.kind


@given(pasted(), st.sampled_from(["Brukaren ", "(", "pnr: ", "\n"]), st.sampled_from([".", ")"]))
def test_every_pasted_spelling_is_found(number: tuple[str, str], before: str, after: str) -> None:
    text, kind = number
    found = find_identity_numbers(before + text + after)
    assert [m.kind for m in found] == [kind]
    assert found[0].text == text


@given(pasted())
def test_the_normalised_text_is_still_caught(number: tuple[str, str]) -> None:
    text, _kind = number
    assert find_identity_numbers(clean(text))


@pytest.mark.parametrize(
    "text",
    [
        "1981-12-18-9876",
        "81-12-18-9876",
        "19811218 - 9876",
        "811218  9876",
        "811218-9876/850101-1236",
        "811218\u22129876",
        "811218\u20119876",
        "８１１２１８－９８７６",
    ],
)
def test_the_spellings_that_got_through_are_caught(text: str) -> None:
    assert find_identity_numbers(f"Ärende {text} togs upp.")


def test_two_numbers_joined_by_a_slash_are_both_found() -> None:
    assert len(find_identity_numbers("811218-9876/850101-1236")) == 2
    assert find_identity_numbers("811218-9876/2") == []  # a numbered series, not a person


def test_ordinary_minutes_stay_ordinary_when_normalised() -> None:
    for sentence in CORPUS:
        assert find_identity_numbers(normalise(sentence)) == [], sentence


def test_29_february_1900_and_future_births_are_not_refused() -> None:
    today = date(2026, 3, 2)
    nine = "000229123"  # 29 February of 1900 or 2000
    plus = f"000229+123{luhn(nine)}"  # "+": over 100, so 1900, which had no 29 February
    assert find_identity_numbers(plus, today=today) == []
    assert find_identity_numbers(f"000229-123{luhn(nine)}", today=today)  # 2000 was a leap year
    future = "301218123"  # 18 December 2030
    assert find_identity_numbers(f"20{future[:6]}-{future[6:]}{luhn(future)}", today=today) == []
    # Ten digits of a future date mean the century before: 1930 is a real birth date.
    assert find_identity_numbers(f"{future[:6]}-{future[6:]}{luhn(future)}", today=today)


def test_a_samordningsnummer_with_an_unknown_day_is_caught() -> None:
    nine = "811260123"  # December 1981, day of birth not known: day 00 + 60
    assert [m.kind for m in find_identity_numbers(f"{nine[:6]}-{nine[6:]}{luhn(nine)}")] == [
        "samordningsnummer"
    ]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Be\u00admanning", "Bemanning"),
        ("Sof,\u00a0Bredgatan", "Sof, Bredgatan"),
        ("Rad ett\r\nRad två", "Rad ett\nRad två"),
        ("Rad ett\u2028Rad två", "Rad ett\nRad två"),
        ("Rad ett\vRad två", "Rad ett\nRad två"),  # Word's manual line break
        ("ﬁnansiering", "finansiering"),  # a ligature out of a PDF
        ("\ufeffRubrik", "Rubrik"),
        ("Kol\tumn", "Kol\tumn"),
    ],
)
def test_normalise_keeps_what_a_reader_sees(raw: str, stored: str) -> None:
    assert normalise(raw) == stored


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b", "\x1f", "\x7f", "\x9b"])
def test_control_characters_are_refused_with_their_code(bad: str) -> None:
    with pytest.raises(UserError) as refused:
        normalise(f"Rubrik{bad}text")
    message = refused.value.message("sv")
    assert f"U+{ord(bad):04X}" in message and "till exempel" in message
    assert "for example" in refused.value.message("en")
    assert clean(f"Rubrik{bad}text") == "Rubriktext"


@given(st.text())
def test_printable_text_has_nothing_a_file_format_refuses(text: str) -> None:
    shown = printable(text)
    for c in shown:
        assert c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)
        assert c not in "\ufffe\uffff" and not 0xD800 <= ord(c) <= 0xDFFF
    shown.encode("utf-8")


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    try:
        once = normalise(text)
    except UserError:
        return
    assert normalise(once) == once
