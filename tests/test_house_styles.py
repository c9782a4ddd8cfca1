"""House styles: fictional meetings in both built-in styles, through the console, every format."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from bot.console.app import Console, ConsoleState
from bot.core.housestyle import BUILT_IN, built_in, built_in_text, parse_style
from bot.core.minutes import PersonLine, justering_sentence
from bot.core.service import Justera
from bot.core.texts import UserError
from bot.export import render_any
from bot.importer.parse import parse_minutes
from tests.harness import Harness, hold_meeting

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
SCRIPTS = {"hr": "stil-hr-2026-04-22.txt", "2021": "stil-2021-2026-05-18.txt"}


def run(store_factory, name: str) -> tuple[Console, str]:
    out = io.StringIO()
    console = Console(Justera(store_factory), ConsoleState(user="admin", channel="samverkan"), out)
    lines = (ROOT / "examples" / name).read_text(encoding="utf-8").splitlines()
    code = console.run_script(lines)
    transcript = out.getvalue()
    assert code == 0, transcript
    return console, transcript


def compare_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


@pytest.mark.parametrize("style", sorted(SCRIPTS))
def test_a_fictional_meeting_in_each_style_matches_its_golden_minutes(store_factory, style) -> None:
    _console, transcript = run(store_factory, SCRIPTS[style])
    minutes = transcript.rsplit("/protokoll visa\n", 1)[1]
    compare_golden(f"minutes-stil-{style}.txt", minutes)


def test_the_hr_style_shows_what_real_minutes_say(store_factory) -> None:
    _console, transcript = run(store_factory, SCRIPTS["hr"])
    minutes = transcript.rsplit("/protokoll visa\n", 1)[1]
    head = minutes.split("\n\nÄrendelista\n")[0]
    # The template's heading, the administration and unit, then the group's own line.
    assert head.splitlines()[:4] == [
        "Minnesanteckningar samverkan och MBL med Vårdförbundet",
        "Socialförvaltningen",
        "HR",
        "Minnesanteckningar från samverkansgrupp VSG",
    ]
    assert "Datum: 2026-04-22  Tid: 13.00–15.00  Plats: Sof, Bredgatan 3" in head
    assert "\nBeslut (MBL §11 med Vårdförbundet)\n" in minutes
    assert "\nÖvrigt\n\nInga beslut\n" in minutes
    assert "\nOrdföranden förklarar mötet avslutat.\n" in minutes
    # The standing item renamed and given a föredragande; the one with nothing on it left out.
    assert "Ärenden till nämnden, Direktören" in minutes
    assert "Arbetsmiljö och sjukfrånvaro" not in minutes
    # The joint statement once, in the place it was said; no repeated outcome sentence.
    joint = "Protokollsanteckning från Akademikerförbundet SSR och Kommunal: De fackliga parterna"
    assert minutes.count(joint) == 1
    assert minutes.index("bemanningen under sommaren") < minutes.index(joint)
    assert minutes.index(joint) < minutes.index("en plan presenteras i juni")
    assert "är eniga. Ärendet är samverkat." not in minutes
    assert "Fackliga inspel\nSSR och Kommunal" in minutes


def test_the_2021_style_has_the_older_form(store_factory) -> None:
    _console, transcript = run(store_factory, SCRIPTS["2021"])
    minutes = transcript.rsplit("/protokoll visa\n", 1)[1]
    first = minutes.splitlines()[0]
    assert (
        first == "Minnesanteckningar från samverkansgrupp FSG – Socialförvaltningen den 18 maj 2026"
    )
    assert "\nBilaga till protokoll 5/2026\n" in minutes
    assert "Ärendelista" not in minutes and "Datum:" not in minutes
    assert minutes.index("\nInformation:\n") < minutes.index("Val av justerare, ordföranden")
    for heading in ("\nDialog:\n", "\nBeslut:\n", "\nÖvrigt:\n"):
        assert heading in minutes
    # An item named as its section stands under that heading, not headed a second time.
    assert "\nÖvrigt:\n\nSamverkansgruppen är enig" in minutes
    assert "\nÖvrigt\n" not in minutes
    assert "Petra Söder och Maria Lind valdes som justerare." in minutes
    assert (
        "Petra Söder justerar protokollet för Vision och Maria Lind för arbetsgivaren." in minutes
    )
    assert "Inget beslut fattades." not in minutes  # the typed text says it
    assert "Version 1, SHA-256 " in minutes  # the justering block stays in every style


JUSTERING_SENTENCES = [
    ([("Anna Ek", "Vision")], "Anna Ek justerar protokollet för Vision."),
    (
        [("Anna Ek", "Vision"), ("Bo Lind", "Vision")],
        "Anna Ek och Bo Lind justerar protokollet för Vision.",
    ),
    (
        [("Anna Ek", "Vision"), ("Bo Lind", ""), ("Cia Berg", "Kommunal")],
        "Anna Ek justerar protokollet för Vision, Bo Lind för arbetsgivaren och Cia Berg för "
        "Kommunal.",
    ),
    (
        [("Anna Ek", "Vision"), ("Bo Lind", "Kommunal"), ("Cia Berg", "Vision")],
        "Anna Ek och Cia Berg justerar protokollet för Vision samt Bo Lind för Kommunal.",
    ),
    (
        [("Anna Ek", "Vision"), ("Bo Lind", "Kommunal"), ("Cia Berg", "Kommunal")],
        "Anna Ek justerar protokollet för Vision samt Bo Lind och Cia Berg för Kommunal.",
    ),
    (
        [("Anna Ek", "Vision"), ("Bo Lind", "SSR"), ("Cia Berg", "Kommunal"), ("Dan Ros", "")],
        "Anna Ek justerar protokollet för Vision, Bo Lind för SSR, Cia Berg för Kommunal och "
        "Dan Ros för arbetsgivaren.",
    ),
]


@pytest.mark.parametrize(("people", "sentence"), JUSTERING_SENTENCES)
def test_the_justering_sentence_names_each_party_once_and_reads_back(people, sentence) -> None:
    """Any number of justerare and parties ("" is the employer's side), Swedish list joining;
    the importer reads the sentence back as the same people and parties."""
    lines = [PersonLine(name, party or "Arbetsgivaren", not party) for name, party in people]
    assert justering_sentence(lines) == sentence
    back = parse_minutes(f"Dialog\nBudget\nText.\n{sentence}\n").justerare
    assert sorted(back) == sorted((name, party or "arbetsgivaren") for name, party in people)


def test_the_2021_style_opens_its_justering_block_with_the_sentence(store_factory) -> None:
    _console, transcript = run(store_factory, SCRIPTS["2021"])
    minutes = transcript.rsplit("/protokoll visa\n", 1)[1]
    block = minutes[minutes.index("\nJustering:\n") :]
    assert block.startswith(
        "\nJustering:\nPetra Söder justerar protokollet för Vision och Maria Lind för "
        "arbetsgivaren.\nVid anteckningarna: Sara Holm\n"
    )
    assert minutes.count("justerar protokollet") == 1  # once, not also before the block
    assert "Justerare: Petra Söder (Vision)" not in minutes


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
@pytest.mark.parametrize("style", sorted(SCRIPTS))
def test_every_format_follows_the_style(store_factory, style: str, fmt: str) -> None:
    console, _ = run(store_factory, SCRIPTS[style])
    harness = Harness(store_factory)
    harness.now = console.now()
    from bot.commands.parse import parse
    from bot.console.app import user_ref

    ctx = harness.ctx("maria")
    call = parse("/protokoll export md #1", now=ctx.now, lang="sv", resolve_user=user_ref)
    export = harness.service.run(ctx, call.operation, *call.args)
    data, _name = render_any(export, fmt)
    text = _text(data, fmt)
    if style == "hr":
        expected = [
            "Minnesanteckningar samverkan och MBL med Vårdförbundet",
            "HR",
            "Beslut (MBL §11 med Vårdförbundet)",
            "Inga beslut",
            "Ordföranden förklarar mötet avslutat.",
            "Fackliga inspel",
            "uppföljningen av placeringskostnaderna",
        ]
    else:
        expected = [
            "den 18 maj 2026",
            "Bilaga till protokoll 5/2026",
            "Petra Söder justerar protokollet för Vision",
            "Delårsbokslut per april",
        ]
    for line in expected:
        assert line in text, f"{fmt} lacks {line!r}"
    if style == "2021":  # the Övrigt item is not headed under its own section's heading
        assert text.count("Övrigt") == 1, f"{fmt} heads Övrigt twice"
    assert "SHA-256" in text


def _text(data: bytes, fmt: str) -> str:
    if fmt == "docx":
        import docx

        word = docx.Document(io.BytesIO(data))
        footer = "\n".join(p.text for s in word.sections for p in s.footer.paragraphs)
        return "\n".join(p.text for p in word.paragraphs) + "\n" + footer
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
        return " ".join(" ".join(pages).split())
    text = data.decode("utf-8")
    return text.replace("\\", "")


def test_markdown_shows_sub_headings_and_lists_as_such(store_factory) -> None:
    console, _ = run(store_factory, SCRIPTS["hr"])
    harness = Harness(store_factory)
    harness.now = console.now()
    from bot.commands.parse import parse
    from bot.console.app import user_ref

    ctx = harness.ctx("maria")
    call = parse("/protokoll export md #1", now=ctx.now, lang="sv", resolve_user=user_ref)
    export = harness.service.run(ctx, call.operation, *call.args)
    markdown = render_any(export, "md")[0].decode("utf-8")
    assert "#### Fackliga inspel" in markdown
    assert "- uppföljningen av placeringskostnaderna" in markdown


def test_built_in_styles_are_data_and_a_group_loads_its_own(store_factory) -> None:
    assert set(BUILT_IN) == {"hr", "2021"}
    for name in BUILT_IN:
        assert parse_style(built_in_text(name)) == built_in(name)
    h = Harness(store_factory)
    hold_meeting(h)
    own = (
        built_in_text("hr")
        .replace(
            'title: "Minnesanteckningar"',
            'title: "Anteckningar från {group} {date}"',
        )
        .replace("name: hr", "name: egen")
    )
    h.do("maria", "/grupp stil ladda\n" + own)
    shown = h.do("maria", "/protokoll visa").message
    assert "Anteckningar från FSG 2026-03-18" in shown
    assert "egen" in h.do("jonas", "/grupp stil").message
    with pytest.raises(UserError) as error:
        parse_style("name: x\ntitle: '{okänd}'")
    assert error.value.key == "style_invalid"
    assert h.refused("maria", "/grupp stil ladda\nname: x\nfärg: blå").key == "style_invalid"
    assert h.refused("maria", "/grupp stil blå").key == "unknown_style"
    assert h.refused("jonas", "/grupp stil 2021").key == "denied_leads"
