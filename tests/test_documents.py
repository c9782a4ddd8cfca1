"""Minutes and agendas as Markdown, HTML, DOCX, PDF and iCalendar files, read as people would."""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from bot.core.context import STOCKHOLM
from bot.core.minutes import (
    ItemMinutes,
    MinutesDoc,
    PersonLine,
    content_hash,
    note,
    render_minutes,
    statement,
)
from bot.core.model import (
    AgendaItem,
    Decision,
    Group,
    ItemOrigin,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Outcome,
    Section,
)
from bot.render.document import (
    HASH_LINE,
    MinutesView,
    agenda_view,
    extract_hash,
    minutes_view,
    sniff_format,
)
from bot.render.docx import render_agenda_docx, render_docx
from bot.render.html import render_agenda_html, render_html
from bot.render.ics import render_ics
from bot.render.markdown import render_agenda_markdown, render_markdown
from bot.render.pdf import render_agenda_pdf, render_pdf

GOLDEN = Path(__file__).parent / "golden" / "documents"
T0 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
STARTS = datetime(2025, 3, 31, 13, 0, tzinfo=STOCKHOLM)  # the day after summer time began
STAMP = datetime(2025, 3, 24, 9, 0, tzinfo=UTC)


# --- a fictional meeting, in the shape of the seeds ----------------------------------------------


def group() -> Group:
    return Group(
        key="FSG", name="Förvaltningssamverkansgrupp Äldreförvaltningen", created_at=T0, id=1
    )


def meeting(**changes) -> Meeting:
    base = Meeting(
        group_id=1,
        starts_at=STARTS,
        place="Äldreförvaltningen, Örngatan 4, sal Åsen",
        agenda_deadline=STARTS - timedelta(days=7),
        status=MeetingStatus.HELD,
        protocol_number="4/2025",
        dnr="ÄLF 2025/0117",
        published_at=datetime(2025, 3, 25, 10, 0, tzinfo=UTC),
        id=7,
    )
    return replace(base, **changes)


def item(number: int, section: Section, title: str, **fields) -> AgendaItem:
    return AgendaItem(
        meeting_id=7,
        number=number,
        section=section,
        title=title,
        proposer_ref="U-ordf",
        proposed_at=T0,
        position=number,
        status=ItemStatus.ACCEPTED,
        id=100 + number,
        **fields,
    )


def decision(number: int, outcome: Outcome, **fields) -> Decision:
    return Decision(
        item_id=100 + number,
        outcome=outcome,
        decided_by="U-ordf",
        decided_at=STARTS + timedelta(hours=1),
        **fields,
    )


def agenda_items() -> list[AgendaItem]:
    standing = {"origin": ItemOrigin.STANDING}
    return [
        item(1, Section.OPENING, "Val av justerare", presenter="ordföranden", **standing),
        item(2, Section.OPENING, "Föregående mötesanteckningar", **standing),
        item(3, Section.INFORMATION, "Föredragningslista nämnden", **standing),
        item(
            4,
            Section.INFORMATION,
            "Sjukfrånvaro första kvartalet",
            presenter="HR-chef",
            description="Korttidsfrånvaron per enhet, jämfört med samma period förra året.",
        ),
        item(5, Section.DIALOG, "Lokalbehov i hemtjänsten 2026", presenter="VC Hemtjänst"),
        item(
            6,
            Section.BESLUT,
            "Handlingsplan efter skyddsronden på Björkhagen",
            presenter="HR-chef",
            risk_assessed=True,
            links="https://intranat.example.se/skyddsrond-bjorkhagen-2025",
        ),
        item(
            7,
            Section.BESLUT,
            "Ny schemaläggning i nattpatrullen",
            presenter="VC Natt",
            risk_assessed=True,
            late=True,
        ),
        item(8, Section.OVRIGT, "Parkeringen vid Örngatan"),
    ]


def minutes_doc() -> MinutesDoc:
    items = {i.number: i for i in agenda_items()}
    entries = [
        ItemMinutes(items[1]),
        ItemMinutes(
            items[2], notes=["Anteckningarna från mötet i februari läggs till handlingarna."]
        ),
        ItemMinutes(
            items[3],
            notes=[
                "Direktören går igenom nämndens ärenden i april. Två punkter lyfts särskilt:\n"
                "• uppföljningen av den sociala dygnsvården\n"
                "• remissen om äldreomsorgsplanen"
            ],
            decision=decision(3, Outcome.INFORMATION),
        ),
        ItemMinutes(
            items[4],
            notes=[
                "Korttidsfrånvaron har minskat till 4,1 procent; långtidsfrånvaron är oförändrad."
            ],
            decision=decision(4, Outcome.INFORMATION),
        ),
        ItemMinutes(
            items[5],
            notes=[
                "Hemtjänstgrupperna i söder behöver större omklädningsrum inför 2026.",
                "Vision vill att skyddsombuden är med när lokalerna väljs.",
            ],
        ),
        ItemMinutes(
            items[6],
            notes=["Åtgärderna gäller belysning, larm och ensamarbete på kvällstid."],
            decision=decision(6, Outcome.ENIGHET),
        ),
        ItemMinutes(
            items[7],
            notes=["Förslaget ger färre pass med ensamarbete men fler helger per period."],
            statements=[
                ("Kommunal", "Kommunal anser att återhämtningen mellan passen blir för kort.")
            ],
            decision=decision(7, Outcome.OENIGHET, party_id=3, mbl14_deadline=date(2025, 4, 7)),
            decision_party="Kommunal",
        ),
        ItemMinutes(items[8], notes=["Skyltningen ses över & besöksplatserna blir fler."]),
    ]
    return MinutesDoc(
        group=group(),
        meeting=meeting(),
        items=entries,
        justerare=[PersonLine("Maja Öberg", "Vision"), PersonLine("Emil Ålund", "Kommunal")],
        secretary="Lena Sjö",
    )


STAMPS = [
    ("Emil Ålund", "Kommunal", datetime(2025, 4, 2, 7, 15, tzinfo=UTC)),
    ("Maja Öberg", "Vision", datetime(2025, 4, 2, 12, 40, tzinfo=UTC)),
]


def view(status: str = "justerad", doc: MinutesDoc | None = None) -> MinutesView:
    doc = doc or minutes_doc()
    return minutes_view(
        doc,
        version=2,
        content_hash=content_hash(render_minutes(doc)),
        status=status,
        stamps=STAMPS if status == "justerad" else STAMPS[:1],
    )


def big_doc(count: int = 100) -> MinutesDoc:
    sections = [Section.INFORMATION, Section.DIALOG, Section.BESLUT, Section.OVRIGT]
    entries = []
    for n in range(1, count + 1):
        section = sections[(n - 1) * len(sections) // count]
        agenda_item = item(
            n,
            section,
            f"Ärende {n}: översyn av rutiner för åtgärder",
            presenter="HR-chef",
            risk_assessed=True if section is Section.BESLUT else None,
        )
        entries.append(
            ItemMinutes(
                agenda_item,
                notes=["Förvaltningen redogör för läget. " * 8],
                decision=decision(n, Outcome.SAMVERKAT) if section is Section.BESLUT else None,
            )
        )
    doc = minutes_doc()
    return replace(doc, items=entries)


def compare_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert actual == path.read_bytes().decode("utf-8"), f"{name} differs from the golden file"


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


# --- the view ------------------------------------------------------------------------------------


def test_view_follows_the_structure_of_the_seed_minutes() -> None:
    v = view()
    assert v.title == "Minnesanteckningar"
    assert [s.title for s in v.sections] == [
        "Ärendelista",
        "Information",
        "Dialog",
        "Beslut",
        "Övrigt",
    ]
    assert [i.title for i in v.sections[0].items] == [
        "Val av justerare",
        "Föregående mötesanteckningar",
    ]
    assert [s.line for s in v.signers] == [
        "Maja Öberg, Vision – godkänt onsdag 2 april 2025 kl. 14.40",
        "Emil Ålund, Kommunal – godkänt onsdag 2 april 2025 kl. 09.15",
    ]
    assert v.hash_line == HASH_LINE.format(version=2, hash=v.content_hash)
    draft = view("draft")
    assert draft.hash_line == ""
    assert [s.line for s in draft.signers] == [
        "Maja Öberg, Vision – inte godkänt ännu",
        "Emil Ålund, Kommunal – godkänt onsdag 2 april 2025 kl. 09.15",
    ]


def test_view_rejects_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="status"):
        view("klar")


# --- golden files: Markdown, HTML, ICS -----------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "justerad"])
def test_markdown_matches_golden(status: str) -> None:
    compare_golden(f"minutes-{status}.md", render_markdown(view(status)))


@pytest.mark.parametrize("status", ["draft", "justerad"])
def test_html_matches_golden(status: str) -> None:
    compare_golden(f"minutes-{status}.html", render_html(view(status)))


def test_agenda_markdown_and_html_match_golden() -> None:
    agenda = agenda_view(group(), meeting(), agenda_items())
    compare_golden("agenda.md", render_agenda_markdown(agenda))
    compare_golden("agenda.html", render_agenda_html(agenda))


def test_ics_matches_golden() -> None:
    compare_golden("meeting.ics", render_ics(group(), meeting(), agenda_items(), stamp=STAMP))


# --- Markdown and HTML ---------------------------------------------------------------------------


def test_markdown_draft_has_a_banner_and_no_hash() -> None:
    draft = render_markdown(view("draft"))
    assert draft.startswith("> **UTKAST – ej justerat (version 2)**")
    assert "SHA-256" not in draft
    final = render_markdown(view())
    assert "UTKAST" not in final
    assert final.rstrip().endswith(view().hash_line)


def test_markdown_user_text_cannot_make_markup() -> None:
    doc = minutes_doc()
    doc.items[-1].entries = [
        note("# inte en rubrik"),
        note("<b>fet</b> och *kursiv* [länk](http://x)"),
    ]
    text = render_markdown(view(doc=doc))
    assert "\\# inte en rubrik" in text
    assert "\\<b\\>fet\\</b\\> och \\*kursiv\\* \\[länk\\](http://x)" in text


def test_html_is_self_contained_swedish_utf8_with_print_styles() -> None:
    page = render_html(view())
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert '<meta charset="utf-8">' in page
    assert "@media print" in page and "size: A4" in page
    assert not re.search(r"""(src|href)=["'](?!https://intranat)""", page)
    headings = re.findall(r"<h([123])>(.*?)</h\1>", page)
    assert [text for level, text in headings if level == "2"] == [
        "Ärendelista",
        "Information",
        "Dialog",
        "Beslut",
        "Övrigt",
        "Justering",
    ]
    assert '<a href="https://intranat.example.se/skyddsrond-bjorkhagen-2025">' in page


def test_html_draft_has_banner_and_print_watermark() -> None:
    page = render_html(view("draft"))
    assert '<p class="banner" role="note">UTKAST – ej justerat (version 2)</p>' in page
    assert '<div class="watermark" aria-hidden="true">UTKAST</div>' in page
    assert "SHA-256" not in page
    assert "UTKAST" not in render_html(view())


def test_html_escapes_every_user_text() -> None:
    doc = minutes_doc()
    doc.items[-1].entries = [
        note('<script>alert("x")</script>'),
        statement("Vision & <i>", "a > b"),
    ]
    doc.meeting.place = "<img src=x onerror=alert(1)>"
    page = render_html(view(doc=doc))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<strong>Protokollsanteckning från Vision &amp; &lt;i&gt;:</strong> a &gt; b" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_keeps_swedish_letters_and_embeds_its_font() -> None:
    data = render_pdf(view())
    text = "\n".join(pdf_pages(data))
    for phrase in (
        "Förvaltningssamverkansgrupp Äldreförvaltningen",
        "Övrigt",
        "Riskbedömning är gjord.",
        "Datum: 31 mars 2025",
        "Protokollsanteckning från Kommunal:",
        "Maja Öberg, Vision – godkänt onsdag 2 april 2025 kl. 14.40",
    ):
        assert phrase in text, phrase
    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.append((font["/BaseFont"], "/FontFile2" in descriptor.get_object()))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert reader.metadata.title == "Minnesanteckningar – samverkansgrupp FSG"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


def test_pdf_draws_what_its_font_lacks_as_the_nearest_it_has() -> None:
    doc = minutes_doc()
    doc.items[-1].entries = [note("Kostnad → 5 mnkr för Łódź och Győr\tenligt <bilaga> & plan")]
    text = "\n".join(pdf_pages(render_pdf(view(doc=doc))))
    assert "Kostnad ? 5 mnkr för Łódz och Gyor enligt <bilaga> & plan" in text


def test_pdf_numbers_its_pages_and_marks_drafts_on_every_page() -> None:
    draft = pdf_pages(render_pdf(view("draft", big_doc(30))))
    assert len(draft) >= 3
    for number, text in enumerate(draft, 1):
        assert f"Sida {number} ({len(draft)})" in text
        assert "UTKAST" in text
        assert "SHA-256" not in text
    final = pdf_pages(render_pdf(view("justerad", big_doc(30))))
    hash_line = view().hash_line.rsplit(" ", 1)[0]  # the big document has its own hash
    for text in final:
        assert "UTKAST" not in text
        assert hash_line in text


def test_pdf_draft_watermark_is_drawn_diagonally_on_every_page() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(view("draft", big_doc(30)))))
    for page in reader.pages:
        seen: list[str] = []

        def visit(text, cm, _tm, _font, _size, seen=seen):
            # Drawn under a rotated transformation: b and c of the matrix are far from zero.
            if text.strip() and abs(cm[1]) > 0.5 and abs(cm[2]) > 0.5:
                seen.append(text)

        page.extract_text(visitor_text=visit)
        assert "UTKAST" in "".join(seen)


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_has_headings_in_order_and_swedish_letters() -> None:
    word = open_docx(io.BytesIO(render_docx(view())))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name != "Normal"]
    assert headings[:5] == [
        ("Title", "Minnesanteckningar"),
        ("Subtitle", "Förvaltningssamverkansgrupp Äldreförvaltningen"),
        ("Subtitle", "Minnesanteckningar från samverkansgrupp FSG"),
        ("Heading 1", "Ärendelista"),
        ("Heading 2", "Val av justerare, ordföranden"),
    ]
    sections = [text for style, text in headings if style == "Heading 1"]
    assert sections == ["Ärendelista", "Information", "Dialog", "Beslut", "Övrigt", "Justering"]
    texts = [p.text for p in word.paragraphs]
    assert (
        "Datum: 31 mars 2025  Tid: 13.00  Plats: Äldreförvaltningen, Örngatan 4, sal Åsen" in texts
    )
    assert "Bilaga till protokoll 4/2025" in texts and "Dnr: ÄLF 2025/0117" in texts
    assert "Riskbedömning är gjord." in texts
    assert (
        "Protokollsanteckning från Kommunal: "
        "Kommunal anser att återhämtningen mellan passen blir för kort."
    ) in texts
    assert any(t.startswith("Parterna är oeniga. Kommunal kan begära") for t in texts)
    assert "Emil Ålund, Kommunal – godkänt onsdag 2 april 2025 kl. 09.15" in texts
    assert texts.index("Dnr: ÄLF 2025/0117") < texts.index("Ärendelista") < texts.index("Övrigt")
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer = [p.text for p in section.footer.paragraphs]
    assert view().hash_line in footer
    assert "UTKAST" not in " ".join(p.text for p in section.header.paragraphs)


def test_docx_draft_says_so_in_the_header_of_every_page() -> None:
    word = open_docx(io.BytesIO(render_docx(view("draft"))))
    for section in word.sections:
        assert not section.different_first_page_header_footer
        header = [p.text for p in section.header.paragraphs]
        assert "UTKAST – ej justerat (version 2)" in header
    assert "SHA-256" not in " ".join(p.text for p in word.sections[0].footer.paragraphs)


def test_docx_core_properties_and_page_number_fields() -> None:
    data = render_docx(view())
    props = open_docx(io.BytesIO(data)).core_properties
    assert props.title == "Minnesanteckningar – samverkansgrupp FSG"
    assert props.subject == "Samverkan FSG 31 mars 2025, version 2"
    assert props.language == "sv-SE"
    assert props.identifier == f"sha256:{view().content_hash}"
    assert props.revision == 2
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:val="sv-SE"' in styles


# --- the agenda ----------------------------------------------------------------------------------


def test_agenda_lists_accepted_items_by_section_in_every_format() -> None:
    items = [
        *agenda_items(),
        replace(item(9, Section.DIALOG, "Avvisat förslag"), status=ItemStatus.REJECTED),
    ]
    agenda = agenda_view(group(), meeting(), items)
    assert [title for title, _ in agenda.sections] == [
        "Inledning",
        "Information",
        "Dialog",
        "Beslut",
        "Övrigt",
    ]
    beslut = dict(agenda.sections)["Beslut"]
    assert beslut[1].heading == (
        "7. Ny schemaläggning i nattpatrullen – VC Natt (riskbedömning gjord, sent inkommet)"
    )
    assert "Avvisat" not in render_agenda_markdown(agenda)
    pdf = "\n".join(pdf_pages(render_agenda_pdf(agenda)))
    assert "Ärendelista för samverkansgrupp FSG" in pdf and "Sida 1 (1)" in pdf
    word = open_docx(io.BytesIO(render_agenda_docx(agenda)))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"][-1] == "Övrigt"


def test_unpublished_agenda_is_marked_preliminary() -> None:
    agenda = agenda_view(group(), meeting(published_at=None), agenda_items())
    assert render_agenda_markdown(agenda).startswith("> **Preliminär ärendelista")
    assert "Preliminär ärendelista" in pdf_pages(render_agenda_pdf(agenda))[0]


# --- reading the hash back -----------------------------------------------------------------------

RENDERERS = {
    "md": lambda v: render_markdown(v).encode("utf-8"),
    "html": lambda v: render_html(v).encode("utf-8"),
    "docx": render_docx,
    "pdf": render_pdf,
}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_extract_hash_round_trips(fmt: str) -> None:
    justerad = view()
    data = RENDERERS[fmt](justerad)
    assert extract_hash(data, fmt) == justerad.content_hash
    assert sniff_format(data) == fmt
    assert extract_hash(data) == justerad.content_hash
    assert extract_hash(RENDERERS[fmt](view("draft")), fmt) is None


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_hash_line_typed_into_a_note_does_not_verify_a_draft(fmt: str) -> None:
    doc = minutes_doc()
    forged = HASH_LINE.format(version=1, hash="ab" * 32)
    doc.items[1].entries = [note(forged)]
    data = RENDERERS[fmt](view("draft", doc))
    if fmt == "pdf":
        shown = "\n".join(pdf_pages(data))
    elif fmt == "docx":
        shown = "\n".join(p.text for p in open_docx(io.BytesIO(data)).paragraphs)
    else:
        shown = data.decode("utf-8").replace("\\", "")
    assert forged in " ".join(shown.split())  # the note is there, wrapped perhaps, as typed
    assert extract_hash(data, fmt) is None


def test_extract_hash_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="format"):
        extract_hash(b"", "odt")


# --- iCalendar -----------------------------------------------------------------------------------


def parse_ics(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Content lines as (name, params, value), after unfolding."""
    assert "\n" not in text.replace("\r\n", "")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    lines = []
    for line in unfolded.split("\r\n")[:-1]:
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        lines.append((name, dict(p.split("=", 1) for p in params), value))
    return lines


def unescape_ics(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def utc_offset(lines, local: datetime) -> timedelta:
    """The offset the VTIMEZONE's yearly rules give a local time (BYDAY=-1SU rules only)."""
    rules, current = {}, None
    for name, _, value in lines:
        if name == "BEGIN" and value in ("DAYLIGHT", "STANDARD"):
            current = rules.setdefault(value, {})
        elif name == "END" and value in ("DAYLIGHT", "STANDARD"):
            current = None
        elif current is not None:
            current[name] = value
    onsets = []
    for rule in rules.values():
        parts = dict(p.split("=") for p in rule["RRULE"].split(";"))
        assert parts["BYDAY"] == "-1SU"
        clock = datetime.strptime(rule["DTSTART"], "%Y%m%dT%H%M%S").time()
        onset = datetime.combine(last_sunday(local.year, int(parts["BYMONTH"])), clock)
        sign = 1 if rule["TZOFFSETTO"][0] == "+" else -1
        offset = timedelta(hours=int(rule["TZOFFSETTO"][1:3]), minutes=int(rule["TZOFFSETTO"][3:]))
        onsets.append((onset, sign * offset))
    onsets.sort()
    # Before the first onset of the year the last rule of the year before still holds.
    active = [offset for onset, offset in onsets if onset <= local] or [onsets[-1][1]]
    return active[-1]


@pytest.mark.parametrize(
    ("starts", "offset"),
    [
        (datetime(2025, 3, 31, 13, 0, tzinfo=STOCKHOLM), timedelta(hours=2)),
        (datetime(2025, 3, 28, 13, 0, tzinfo=STOCKHOLM), timedelta(hours=1)),
        (datetime(2025, 10, 27, 9, 30, tzinfo=STOCKHOLM), timedelta(hours=1)),
    ],
)
def test_ics_places_the_meeting_in_stockholm_time_across_dst(starts, offset) -> None:
    text = render_ics(group(), meeting(starts_at=starts.astimezone(UTC)), agenda_items())
    lines = parse_ics(text)
    start = next((p, v) for n, p, v in lines if n == "DTSTART" and "TZID" in p)
    assert start[0] == {"TZID": "Europe/Stockholm"}
    local = datetime.strptime(start[1], "%Y%m%dT%H%M%S")
    assert local == starts.replace(tzinfo=None)
    assert utc_offset(lines, local) == offset
    assert (local - utc_offset(lines, local)).replace(tzinfo=UTC) == starts.astimezone(UTC)
    end = next(v for n, _, v in lines if n == "DTEND")
    assert datetime.strptime(end, "%Y%m%dT%H%M%S") == local + timedelta(hours=2)


def test_ics_is_a_valid_calendar_with_folded_escaped_lines() -> None:
    place = "Örngatan 4; sal Åsen, plan 2 \\ ingång B"
    text = render_ics(group(), meeting(place=place), agenda_items(), stamp=STAMP)
    assert text.endswith("\r\n")
    for raw in text.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75, raw
    lines = parse_ics(text)
    names = [n for n, _, _ in lines]
    assert names[0] == "BEGIN" and lines[0][2] == "VCALENDAR" and lines[-1][2] == "VCALENDAR"
    assert {"VERSION", "PRODID", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(names)
    values = {n: v for n, _, v in lines}
    assert values["UID"] == "justera-meeting-7@justera"
    assert values["DTSTAMP"] == "20250324T090000Z"
    assert unescape_ics(values["LOCATION"]) == place
    description = unescape_ics(values["DESCRIPTION"])
    assert "Ärendelista" in description
    assert "6. Handlingsplan efter skyddsronden på Björkhagen – HR-chef" in description
    # Folding never splits a character: every physical line is valid UTF-8 on its own.
    for raw in text.encode("utf-8").split(b"\r\n"):
        raw.decode("utf-8")


def test_ics_for_a_cancelled_meeting_cancels_the_event() -> None:
    values = {
        n: v for n, _, v in parse_ics(render_ics(group(), meeting(status=MeetingStatus.CANCELLED)))
    }
    assert values["METHOD"] == "CANCEL" and values["STATUS"] == "CANCELLED"


# --- size ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_hundred_item_meeting_renders(fmt: str) -> None:
    big = view("justerad", big_doc(100))
    data = RENDERERS[fmt](big)
    assert extract_hash(data, fmt) == big.content_hash
    if fmt == "pdf":
        assert len(PdfReader(io.BytesIO(data)).pages) > 5
