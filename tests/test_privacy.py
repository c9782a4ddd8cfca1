"""Identity numbers and forbidden words are caught in any spelling, and ordinary minutes pass."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.core.privacy import Match, check_text, find_forbidden_words, find_identity_numbers, mask
from bot.core.texts import UserError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def luhn(nine: str) -> str:
    """The check digit of nine digits, written out independently of the module's own."""
    doubled = "".join(str(int(d) * (2 - i % 2)) for i, d in enumerate(nine))
    return str(-sum(int(d) for d in doubled) % 10)


@dataclass(frozen=True)
class Identity:
    century: str  # "19" or "20"
    nine: str  # YYMMDD (day + 60 for samordningsnummer) and the three-digit serial
    check: str
    kind: str

    def spell(self, spelling: str) -> str:
        """spelling: "10" or "12" followed by the separator, e.g. "10-", "12 ", "10"."""
        ten = self.nine + self.check
        head = ten[:6] if spelling.startswith("10") else self.century + ten[:6]
        return f"{head}{spelling[2:]}{ten[6:]}"


SPELLINGS = ["10-", "10+", "10 ", "10", "12-", "12 ", "12"]
KINDS = ["personnummer", "samordningsnummer"]


def identity(born: date, serial: int, kind: str) -> Identity:
    day = born.day + (60 if kind == "samordningsnummer" else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return Identity(str(born.year // 100), nine, luhn(nine), kind)


identities = st.builds(
    identity,
    st.dates(date(1900, 1, 1), date(2025, 12, 31)),
    st.integers(0, 999),
    st.sampled_from(KINDS),
)

# Surrounding text: words of minutes (with numbers of their own that must not join the match)
# or anything at all without digits, and what is written right before and after a number.
WORDS = st.sampled_from(
    ["brukaren", "Vuxen", "BUF", "SSR", "handläggare", "§", "14", "2025", "mnkr", "kl", "13.30",
     "Dnr", "SN", "2021/123", "Kommunal", "enligt", "möte", "ärende", "19/3", "åtgärd"]
)  # fmt: skip
WORDY = st.lists(WORDS, max_size=8).map(" ".join)
NO_DIGITS = st.text(st.characters(exclude_categories=("Nd", "Cs")), max_size=30)
BEFORE = st.sampled_from([" ", "\n", " (", ": ", " ”", " pnr ", "\t", " nr. "])
AFTER = st.sampled_from([" ", ".", ",", ")", ";", "!", "?", "”", ". ", "\n", ": "])


@st.composite
def surroundings(draw: st.DrawFn) -> tuple[str, str]:
    before = draw(st.one_of(WORDY, NO_DIGITS)) + draw(BEFORE)
    after = draw(AFTER) + draw(st.one_of(WORDY, NO_DIGITS))
    return before, after


# --- valid numbers are found in every spelling -----------------------------------------------


@given(identities, st.sampled_from(SPELLINGS), surroundings())
def test_valid_numbers_are_found_in_every_spelling(
    person: Identity, spelling: str, around: tuple[str, str]
) -> None:
    before, after = around
    # "+" says the person is over 100: "000229+" would be 1900, which had no 29 February.
    assume(not (spelling == "10+" and person.nine.startswith("000229")))
    written = person.spell(spelling)
    text = before + written + after
    start = len(before)
    assert find_identity_numbers(text) == [Match(start, start + len(written), written, person.kind)]


@given(identities, st.sampled_from(SPELLINGS), surroundings(), st.integers(1, 9))
def test_a_wrong_check_digit_is_never_found(
    person: Identity, spelling: str, around: tuple[str, str], shift: int
) -> None:
    wrong = Identity(person.century, person.nine, str((int(person.check) + shift) % 10), "")
    assert find_identity_numbers(around[0] + wrong.spell(spelling) + around[1]) == []


def _bad_dates() -> st.SearchStrategy[tuple[int, int, int]]:
    """(year, month, day of birth) that no calendar has, in the 1900s and 2000s."""
    years = st.integers(1900, 2025)
    any_day = st.integers(1, 28)
    return st.one_of(
        st.tuples(years, st.sampled_from([0, 13, 19, 20, 21, 99]), any_day),
        st.tuples(years, st.integers(1, 12), st.sampled_from([0, 32, 40, 59, 60])),
        st.tuples(years, st.just(2), st.sampled_from([30, 31])),
        st.tuples(years, st.sampled_from([4, 6, 9, 11]), st.just(31)),
    )


@given(_bad_dates(), st.integers(0, 999), st.sampled_from(KINDS), st.sampled_from(SPELLINGS))
def test_impossible_dates_are_never_found_even_with_the_right_check_digit(
    bad: tuple[int, int, int], serial: int, kind: str, spelling: str
) -> None:
    year, month, day = bad
    # Day 60 is a samordningsnummer whose day of birth is not known: a real number.
    if kind == "samordningsnummer" and 0 <= day + 60 < 100:
        day += 60  # the others have no two-digit samordningsnummer form and stay as they are
    assume(not (day == 60 and 1 <= month <= 12))
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    number = Identity(str(year // 100), nine, luhn(nine), kind).spell(spelling)
    assert find_identity_numbers(f"Ärende {number} togs upp.") == []


@given(st.integers(1900, 2025).filter(lambda y: not calendar.isleap(y)), st.integers(0, 999))
def test_29_february_needs_a_leap_year_in_12_digits(year: int, serial: int) -> None:
    nine = f"{year % 100:02d}0229{serial:03d}"
    number = Identity(str(year // 100), nine, luhn(nine), "personnummer")
    assert find_identity_numbers(number.spell("12-")) == []
    # Ten digits do not say the century: "000229" is 2000, a leap year, though 1900 was not.
    assert bool(find_identity_numbers(number.spell("10-"))) is (year % 4 == 0)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Personnummer 811218-9876.", "811218-9876"),
        ("19811218-9876", "19811218-9876"),
        ("19811218 9876", "19811218 9876"),
        ("198112189876", "198112189876"),
        ("811218+9876 är över hundra", "811218+9876"),
        ("811218–9876 från Word", "811218–9876"),  # en dash
        ("811218\u00a09876", "811218\u00a09876"),  # non-breaking space
        # Letters are no boundary: a number glued to a word is still a number.
        ("pnr8112189876", "8112189876"),
        ("ABC8112189876", "8112189876"),
        ("(811218-9876)", "811218-9876"),
    ],
)
def test_known_personnummer_is_found(text: str, found: str) -> None:
    assert [m.text for m in find_identity_numbers(text)] == [found]
    assert find_identity_numbers(text)[0].kind == "personnummer"


def test_samordningsnummer_has_day_plus_60() -> None:
    nine = "811278987"  # 18 December 1981 as a samordningsnummer
    matches = find_identity_numbers(f"Sam.nr {nine[:6]}-{nine[6:]}{luhn(nine)} i ärendet")
    assert [m.kind for m in matches] == ["samordningsnummer"]


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123",  # thirteen digits
        "18112189876",  # eleven digits
        "81121898760",
        "0811218-9876",
        "811218-98760",
        "8112189-876",
        "08-811218-9876",  # a phone number's tail
        "2021-811218-9876",  # a registry number
        "811218-9876-12",
        "811218-9876/2",
        "178112189876",  # twelve digits of no century anyone alive was born in
        "811218-9875",  # wrong check digit
    ],
)
def test_longer_runs_and_near_misses_are_not_found(text: str) -> None:
    assert find_identity_numbers(text) == []


def test_several_numbers_are_found_in_order() -> None:
    text = "Först 811218-9876, sedan 19811218 9876 och sist 8112189876."
    assert [(m.start, m.text) for m in find_identity_numbers(text)] == [
        (6, "811218-9876"),
        (25, "19811218 9876"),
        (48, "8112189876"),
    ]


# --- ordinary minutes raise no alarm -------------------------------------------------------

CORPUS = [
    "Mötet hölls 2025-03-19 kl. 13.30–15.00 i Sof, Bredgatan.",
    "Nästa möte är den 19/3 2025 klockan 13.30.",
    "Datum: 20250319, plats: Bredgatan 516.",
    "Anteckningarna justeras senast 2025-03-26.",
    "Ring HR på 08-123 456 78 vid frågor.",
    "Kontaktperson nås på 070-123 45 67 eller +46 70 123 45 67.",
    "Jourtelefon 0701234567 gäller dygnet runt.",
    "Växeln har nummer 031-365 00 00.",
    "Prognosen visar ett underskott på 17 mnkr.",
    "BUF visar underskott på 26,5 mnkr och Adm ett överskott på 14,5 mnkr.",
    "Kostnaden uppgår till 1 234 567 kr för helåret.",
    "Budgeten är 2 450 000 kronor, varav 350 000 kr avser lokaler.",
    "Ärendet har diarienummer SN 2025/123.",
    "Dnr 2021-000123 avser upphandlingen.",
    "Bilaga till protokoll 9/2021.",
    "Beslutet fattades enligt § 14 i protokollet.",
    "Se §§ 12–15 i nämndens protokoll 2024-11-20.",
    "Fakturan ställs till organisationsnummer 212000-1355.",
    "Leverantören har organisationsnummer 556036-0793.",
    "Föreningen har organisationsnummer 802000-1234.",
    "Post skickas till Box 123, 411 04 Göteborg.",
    "Verksamhetsplanen gäller 2021–2023.",
    "Treårsperioden 2024-2026 diskuterades.",
    "Enkäten genomförs 14 okt–7 nov.",
    "56 % har svarat på enkäten, vilket är lägre än 2016.",
    "16 handläggare har sagt upp sig under året, vilket är ca 50 %.",
    "Riskbedömningen gjordes 2023-10-30 och följs upp i vecka 46.",
    "Mötet pågick 09.00-12.00 med paus 10.15.",
    "Delårsrapporten per 2021-08-31 visar 1,5 procent avvikelse.",
    "Internbudget 2022 beslutas i november 2021.",
    "Lokalen på plan 3, rum 3.14, bokas via 08-508 00 000.",
    "Medlemsavgiften höjs från 250 till 275 kr per månad.",
    "OSA-målen för 2025 antogs; se bilaga 2 (sid 2(4)).",
    "Ärende 5: Kvalitetsrapport 2024, föredragande HR-chef.",
    "Avtalet löper 2025-01-01–2027-12-31 med option 2 × 12 månader.",
    "Sjukfrånvaron var 7,2 % jämfört med 6,8 % år 2023.",
    "Antalet placeringar ökade från 112 till 127 under perioden.",
    "Referens: KS 2023/0456, version 1.2.",
    "Ny tid bokas till 2025-04-02 kl 10:00 i Teams.",
    "Övertid 1 320 timmar, motsvarande 0,8 årsarbetare.",
    "Protokoll 3/2025 justerades 2025-02-14.",
    "Kostnadsställe 4410, aktivitet 2210, projekt 900123.",
    "Lönerevisionen 2025 ger 3,4 procent i snitt.",
    "Faktura 20250319-001 betalades 2025-03-31.",
    "Arbetsmiljöronder 2021 ska vara klara till 2021-11-30.",
    "IBAN SE45 5000 0000 0583 9825 7466 gäller för återbetalningen.",
    "Bankgiro 5050-1055 och plusgiro 90 20 01-7.",
]


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("sentence", CORPUS)
def test_ordinary_meeting_text_raises_no_alarm(sentence: str) -> None:
    assert find_identity_numbers(sentence) == []
    check_text(sentence)


def test_the_whole_corpus_at_once_raises_no_alarm() -> None:
    # Joined, so that a number at the end of one sentence meets the start of the next.
    assert find_identity_numbers(" ".join(CORPUS)) == []
    assert find_identity_numbers("\n".join(CORPUS)) == []


def _seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not _seeds(), reason=f"no seed minutes in {SEEDS}")
def test_real_seed_minutes_raise_no_alarm() -> None:
    for path in _seeds():
        text = path.read_text(encoding="utf-8")
        assert find_identity_numbers(text) == [], path.name


# --- masking ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("19811218-9876", "19811218-••••"),
        ("198112189876", "19811218-••••"),
        ("19811218 9876", "19811218-••••"),
        ("811218-9876", "811218-••••"),
        ("8112189876", "811218-••••"),
        ("811218+9876", "811218+••••"),
        ("811218–9876", "811218-••••"),
        ("12-3456", "12-••••"),
        ("123", "•••"),
    ],
)
def test_mask_hides_the_last_four_digits(number: str, masked: str) -> None:
    assert mask(number) == masked


@given(identities, st.sampled_from(SPELLINGS))
def test_mask_never_shows_the_serial(person: Identity, spelling: str) -> None:
    masked = mask(person.spell(spelling))
    assert masked.endswith("••••")
    assert person.nine[:6] in masked
    assert sum(c.isdigit() for c in masked) in (6, 8)


# --- check_text ------------------------------------------------------------------------------


def _refusal(text: str, **kwargs: tuple[str, ...]) -> UserError:
    with pytest.raises(UserError) as caught:
        check_text(text, **kwargs)
    return caught.value


def test_check_text_masks_the_number_in_both_languages() -> None:
    text = "Brukaren med 19811218-9876 har fått beslut."
    error = _refusal(text)
    sv, en = error.message("sv"), error.message("en")
    assert "personnummer (19811218-••••)" in sv and "`en brukare`" in sv
    assert "personal identity number (19811218-••••)" in en and "`a client`" in en
    for shown in (sv, en, str(error), repr(error.args), repr(error.params)):
        assert "9876" not in shown
    assert text == "Brukaren med 19811218-9876 har fått beslut."


def test_check_text_names_a_samordningsnummer() -> None:
    nine = "811278987"
    error = _refusal(f"Sam.nr {nine[:6]}-{nine[6:]}{luhn(nine)}.")
    assert "samordningsnummer (811278-••••)" in error.message("sv")
    assert "coordination number (811278-••••)" in error.message("en")


def test_check_text_lists_every_number_once() -> None:
    error = _refusal("811218-9876, 8112189876 och 19811218 9876")
    assert "(811218-••••, 19811218-••••)" in error.message("sv")


@given(identities, st.sampled_from(SPELLINGS), surroundings())
def test_check_text_refuses_every_number_without_showing_it(
    person: Identity, spelling: str, around: tuple[str, str]
) -> None:
    with pytest.raises(UserError) as caught:
        check_text(around[0] + person.spell(spelling) + around[1])
    for lang in ("sv", "en"):
        shown = caught.value.message(lang)
        assert mask(person.spell(spelling)) in shown
        assert person.nine + person.check not in shown.replace("-", "").replace("+", "")


@pytest.mark.parametrize(
    "text",
    [
        "Personalen på Solrosen är informerad.",
        "personalen på solrosen är informerad.",
        "PERSONALEN PÅ SOLROSEN.",
        "Solrosens personal är informerad.",  # the genitive points the unit out as well
        "Besök på Solrosen-huset.",
        "(Solrosen)",
        "Solrosen",
    ],
)
def test_a_forbidden_word_is_found_whole_and_in_any_case(text: str) -> None:
    error = _refusal(text, forbidden_words=("Solrosen",))
    assert "”Solrosen”" in error.message("sv")
    assert "“Solrosen”" in error.message("en")


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls på Solrosenvägen 3.",  # a compound is another word
        "Solrosor i entrén.",
        "Personalen på Ekbacken är informerad.",
        "Ekbackenö",
    ],
)
def test_a_forbidden_word_inside_another_word_is_not_found(text: str) -> None:
    assert find_forbidden_words(text, ("Solrosen", "Ekbacke")) == []
    check_text(text, forbidden_words=("Solrosen", "Ekbacke"))


def test_forbidden_words_know_a_ring_and_dots() -> None:
    words = ("Ängsgården", "Åby HVB", "LSS")
    assert find_forbidden_words("boende på ÄNGSGÅRDEN", words) == ["Ängsgården"]
    assert find_forbidden_words("boende på a\u030aby  hvb", words) == ["Åby HVB"]  # a + ring
    assert find_forbidden_words("LSS:s handläggare", words) == ["LSS"]
    assert find_forbidden_words("Ängsgårdens", words) == ["Ängsgården"]
    assert find_forbidden_words("Ängsgårdenå", words) == []
    assert find_forbidden_words("Än\u00adgsgården", words) == ["Ängsgården"]  # soft hyphen


def test_the_first_forbidden_word_written_is_named() -> None:
    text = "Ekbacken och Solrosen"
    assert find_forbidden_words(text, ("Solrosen", "Ekbacken")) == ["Ekbacken", "Solrosen"]
    error = _refusal(text, forbidden_words=("Solrosen", "Ekbacken"))
    assert "”Ekbacken”" in error.message("sv")


def test_empty_forbidden_words_forbid_nothing() -> None:
    assert find_forbidden_words("Ett vanligt möte.", ("", "  ")) == []
    check_text("Ett vanligt möte.", forbidden_words=("", "  "))


def test_an_identity_number_is_named_before_a_forbidden_word() -> None:
    error = _refusal("Solrosen 811218-9876", forbidden_words=("Solrosen",))
    assert "811218-••••" in error.message("sv")


@pytest.mark.parametrize(
    "text",
    ["", "Informationen noterades.", "Vision anser att 17 mnkr räcker; beslut 2025-03-19."],
)
def test_clean_text_passes(text: str) -> None:
    check_text(text, forbidden_words=("Solrosen",))


@pytest.mark.parametrize(
    "digits",
    [
        "0123456789",  # ASCII
        "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
        "०१२३४५६७८९",  # Devanagari
        "０１２３４５６７８９",  # fullwidth
    ],
)
def test_a_number_in_any_scripts_digits_is_found(digits: str) -> None:
    # Texts with fewer than ten decimal digits skip the view: every script's digits count.
    written = "".join(digits[int(d)] for d in "8112189876")
    text = f"Gäller {written[:6]}\u00ad-{written[6:]} i ärendet"
    found = find_identity_numbers(text, today=date(2026, 3, 2))
    assert [(m.text, m.kind) for m in found] == [(text[7:-10], "personnummer")]
    assert find_identity_numbers(text.replace(written[-1], ""), today=date(2026, 3, 2)) == []
