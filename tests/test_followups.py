"""Uppföljning: three commitments made at one meeting come back at the next two, end to end."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from bot.console.app import Console, ConsoleState, user_ref
from bot.core import followups, justering
from bot.core.context import Context
from bot.core.minutes import content_hash
from bot.core.service import Justera
from bot.core.tx import Tx
from bot.render.document import minutes_view
from bot.render.docx import render_docx
from bot.render.html import render_html
from bot.render.markdown import render_markdown
from bot.render.pdf import render_pdf
from tests.harness import Harness, at, set_up_meeting

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "uppfoljning-2026.txt"
GOLDEN = Path(__file__).parent / "golden"


def run_script(store_factory) -> str:
    out = io.StringIO()
    console = Console(Justera(store_factory), ConsoleState(user="admin", channel="samverkan"), out)
    code = console.run_script(SCRIPT.read_text(encoding="utf-8").splitlines())
    assert code == 0, out.getvalue()
    return out.getvalue()


def after(transcript: str, prompt: str) -> list[str]:
    """The output of each command typed as prompt, up to the next prompt."""
    chunks = transcript.split(prompt + "\n")[1:]
    out = []
    for chunk in chunks:
        lines = []
        for line in chunk.splitlines():
            if "@#samverkan> " in line:
                break
            lines.append(line)
        out.append("\n".join(lines))
    return out


@pytest.fixture
def transcript(store_factory) -> str:
    return run_script(store_factory)


def test_the_scripted_spring_matches_the_golden_transcript(transcript: str) -> None:
    assert "Fel:" not in transcript
    path = GOLDEN / "console-uppfoljning-2026.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(transcript, encoding="utf-8")
    assert transcript == path.read_text(encoding="utf-8"), "differs from the golden file"


def test_commitments_are_proposed_on_the_right_meetings(transcript: str) -> None:
    # Both due by April (the next meeting, week 16) wait on meeting #2 for the chair ...
    (april_agenda,) = after(transcript, "sara@#samverkan> /mote visa #2")
    waiting = april_agenda.split("Förslag som väntar på ordföranden:")[1]
    assert "Uppföljning: Ta fram förslag på ändrad årsklocka – HR-chef · Information" in waiting
    assert "Uppföljning: Följa upp riskbedömningen för schemaändringen – Jonas Ek" in waiting
    assert "personalsiffror" not in april_agenda
    # ... and the one due in May comes to the May meeting when it is planned.
    (planned,) = after(
        transcript,
        "maria@#samverkan> /mote planera FSG; onsdag 20 maj kl 13; Sof, Storgatan 12; "
        "protokoll 5/2026",
    )
    assert (
        "Uppföljningar föreslås: Uppföljning: Återkomma med personalsiffror per enhet." in planned
    )
    (may,) = after(transcript, "sara@#samverkan> /protokoll visa #3")
    assert "• Uppföljning: Återkomma med personalsiffror per enhet, Petra Söder" in may


def test_each_responsible_member_is_reminded_once(transcript: str) -> None:
    jonas = transcript.count("── Påminnelse till jonas ──\nPåminnelse: din uppföljning 3 ")
    petra = transcript.count("── Påminnelse till petra ──\nPåminnelse: din uppföljning 2 ")
    assert (jonas, petra) == (1, 1)
    assert transcript.count("din uppföljning") == 2  # HR-chef is a role: nobody to remind
    # Jonas's came before the agenda deadline (8 April) of the meeting it was proposed on.
    reminded = transcript.index("din uppföljning 3")
    assert transcript.rindex(":nu 2026-04-02T09:00", 0, reminded) > transcript.rindex(
        ":nu 2026-03-20", 0, reminded
    )
    assert "tas upp på FSGs möte #2 onsdag 15 april 2026" in transcript[reminded:]


def test_closing_shows_in_the_following_minutes(transcript: str) -> None:
    (april,) = after(transcript, "lina@#samverkan> /protokoll visa #2")
    assert (
        "• Uppföljning: Följa upp riskbedömningen för schemaändringen, Jonas Ek\n"
        "Uppföljningen är klar: Riskbedömningen är gjord och risken bedöms som låg.\n"
    ) in april
    (may,) = after(transcript, "sara@#samverkan> /protokoll visa #3")
    assert "Uppföljningen är klar: Siffrorna redovisades per enhet på mötet." in may
    # Closed after April's minutes were justerade: May reports it, with no item of its own.
    assert (
        "Uppföljningar som är klara\n"
        "HR-chef – ta fram förslag på ändrad årsklocka: Förslaget presenteras i maj.\n"
    ) in may


def test_justerade_minutes_stay_as_justerade_when_a_commitment_is_closed(
    transcript: str,
) -> None:
    justerat, later = after(transcript, "lina@#samverkan> /protokoll visa #1") + after(
        transcript, "sara@#samverkan> /protokoll visa #1"
    )
    assert justerat == later
    line = "Uppföljning: HR-chef – ta fram förslag på ändrad årsklocka, till nästa möte."
    assert line in justerat
    body = justerat.split("\nJusterat\n")[0]
    assert hashlib.sha256(body.encode()).hexdigest() in justerat


def test_the_list_shows_overdue_first(transcript: str) -> None:
    (listed,) = after(transcript, "sara@#samverkan> /uppfoljning lista")[1:2]
    lines = listed.splitlines()[1:]
    assert lines[0].startswith("  [1] HR-chef") and lines[0].endswith("· FÖRSENAD")
    assert lines[1].startswith("  [2] Petra Söder") and "FÖRSENAD" not in lines[1]


# --- the same through the store: every format, the App Home query, search and GDPR ------------


def spring(h: Harness) -> None:
    """Meeting #1 with three commitments, #2 planned for April; it is the meeting's day."""
    set_up_meeting(h)
    h.do("maria", "/arende acceptera alla")
    h.do("maria", "/mote planera onsdag 15 april kl 13; Sof")
    h.now = at("2026-03-18T13:05")
    h.do("sara", "/justerare jonas, lina")
    h.do("sara", "/uppfoljning 6; HR-chef; Ta fram förslag på ändrad årsklocka; 30 oktober 2026")
    h.do("sara", "/uppfoljning 5; @petra; Återkomma med siffror; till nästa möte")
    h.do("sara", "/uppfoljning 4; petra; Följa upp schemat; v. 16")


def tx_for(store, user: str, h: Harness, lang: str = "sv") -> Tx:
    return Tx(store, Context(user_ref(user), "console:#samverkan", h.now, lang=lang))


def test_the_minutes_line_is_in_every_format(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    line = "HR-chef – ta fram förslag på ändrad årsklocka, senast 30 oktober 2026."
    with store_factory() as store:
        export = justering.minutes_for_export(tx_for(store, "sara", h), 1)
    body = justering.render_minutes(export.doc)
    assert f"• OSA-mål 2026\nRiskbedömning är gjord.\nUppföljning: {line}\n" in body
    view = minutes_view(export.doc, version=1, content_hash=content_hash(body))
    # A kind of its own: its lead stands out the way a statement's does.
    assert render_markdown(view).count(f"**Uppföljning:** {line}") == 1
    assert f'<p class="commitment"><strong>Uppföljning:</strong> {line}</p>' in render_html(view)
    from docx import Document as open_docx

    word = open_docx(io.BytesIO(render_docx(view)))
    assert f"Uppföljning: {line}" in [p.text for p in word.paragraphs]
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(render_pdf(view))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Uppföljning: HR-chef – ta fram förslag på ändrad årsklocka" in text
    assert "senast 30 oktober 2026" in text


OWN_STYLE = """name: med-uppfoljning
commitment_lead: "Åtagande:"
outcome_lead: "Klar:"
commitment_list: true
commitment_list_heading: "Åtaganden"
commitment_list_columns: ["Vad", "Vem", "När"]
"""


def test_a_house_style_lists_the_commitments_at_the_end_in_every_format(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    plain = h.do("sara", "/protokoll visa #1").message
    assert "Åtaganden" not in plain and "Vad | Vem | När" not in plain  # the built-in hr: no list
    h.do("maria", "/grupp stil ladda\n" + OWN_STYLE)
    body = h.do("sara", "/protokoll visa #1").message
    assert "Åtagande: HR-chef – ta fram förslag på ändrad årsklocka, senast 30 oktober" in body
    table = body.split("\nÅtaganden\n")[1].split("\n\n")[0].splitlines()
    assert table == [
        "Vad | Vem | När",
        "Följa upp schemat | Petra Söder | 17 april 2026",  # item 4 comes first
        "Återkomma med siffror | Petra Söder | till nästa möte",
        "Ta fram förslag på ändrad årsklocka | HR-chef | 30 oktober 2026",
    ]
    assert body.index("\nÅtaganden\n") < body.index("\nJustering\n")
    two = OWN_STYLE.replace('["Vad", "Vem", "När"]', '["Vad", "Vem"]')
    assert h.refused("maria", "/grupp stil ladda\n" + two).key == "style_invalid"
    with store_factory() as store:
        export = justering.minutes_for_export(tx_for(store, "sara", h), 1)
    view = minutes_view(export.doc, version=1, content_hash="0" * 64)
    md = render_markdown(view)
    assert "## Åtaganden\n\n| Vad | Vem | När |\n|---|---|---|\n" in md
    assert "| Ta fram förslag på ändrad årsklocka | HR-chef | 30 oktober 2026 |" in md
    page = render_html(view)
    assert '<table class="commitments" aria-label="Åtaganden">' in page
    assert "<td>Återkomma med siffror</td><td>Petra Söder</td><td>till nästa möte</td>" in page
    from docx import Document as open_docx

    word = open_docx(io.BytesIO(render_docx(view)))
    (grid,) = word.tables
    assert [c.text for c in grid.rows[0].cells] == ["Vad", "Vem", "När"]
    assert [c.text for c in grid.rows[3].cells] == [
        "Ta fram förslag på ändrad årsklocka",
        "HR-chef",
        "30 oktober 2026",
    ]
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(render_pdf(view))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Åtaganden Vad Vem När Följa upp schemat Petra Söder 17 april 2026" in text


def test_a_house_style_words_the_outcome(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    h.do("maria", "/grupp stil ladda\n" + OWN_STYLE)
    h.do("maria", "/arende acceptera #2 alla")
    h.now = at("2026-04-15T13:05")
    h.do("petra", "/uppfoljning klar 2; Siffrorna redovisades.")
    h.do("sara", "/uppfoljning klar 1; Förslaget kommer i oktober.")  # no item on #2 for it
    april = h.do("sara", "/protokoll visa #2").message
    assert "Uppföljning: Återkomma med siffror, Petra Söder\nKlar: Siffrorna redovisades." in april
    assert (
        "Uppföljningar som är klara\n"
        "HR-chef – ta fram förslag på ändrad årsklocka: Förslaget kommer i oktober."
    ) in april


def test_my_open_commitments_for_app_home_and_personal_chat(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    # Another group's commitment for the same person, made in its own channel.
    h.do("maria", "/grupp skapa VSG; Verksamhetssamverkan Vuxen", channel="vsg")
    h.do("maria", "/grupp part Vision; fack", channel="vsg")
    h.do("maria", "/grupp medlem petra; Petra Söder; Vision; ledamot", channel="vsg")
    h.do("maria", "/mote planera 19 mars kl 9; Vuxen", channel="vsg")
    h.now = at("2026-03-19T09:30")
    h.do("maria", "/arende Dialog; Lokaler; föredragande: VC", channel="vsg")
    h.do("maria", "/uppfoljning 4; @petra; Besöka lokalerna; 2026-03-25", channel="vsg")
    with store_factory() as store:
        views = followups.commitments_of(store, user_ref("petra"), at("2026-03-28T10:00"))
        none = followups.commitments_of(store, user_ref("jonas"), h.now)
    assert [(v.group_key, v.number, v.overdue) for v in views] == [
        ("VSG", 4, True),  # due 25 March: overdue comes first
        ("FSG", 2, False),  # by the next meeting, 15 April
        ("FSG", 3, False),  # week 16: by 17 April
    ]
    assert views[1].follow_up_meeting_id == 2 and views[1].follow_up_on.isoformat() == "2026-04-15"
    assert none == []
    english = h.do("petra", "/uppfoljning mina", lang="en").message
    assert english.startswith("Your open commitments:") and "VSG [4]" in english


def test_commitments_are_searchable_once_justerade(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    found = h.do("jonas", "/sok årsklocka").message
    assert "(möte #1, ärende 6)" in found and "ändrad årsklocka" in found


def test_a_proposal_follows_when_its_meeting_is_cancelled(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    h.do("maria", "/mote planera onsdag 13 maj kl 13; Sof")
    h.do("maria", "/mote ställ in #2")
    agenda = h.do("maria", "/mote visa #3").message
    assert "Uppföljning: Återkomma med siffror – Petra Söder" in agenda
    assert "Uppföljning: Följa upp schemat – Petra Söder" in agenda
    # The reminder follows too, and is still only one per commitment.
    reminders = h.do("maria", "/mote påminnelser").message
    assert reminders.count("uppföljning #3") == 2 and "uppföljning #2" not in reminders


def test_english_replies(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    listed = h.do("maria", "/uppfoljning lista", lang="en").message
    assert listed.startswith("Open commitments of FSG:")
    assert "by 30 October 2026" in listed and "till next meeting" in listed


# --- by when: a day, a month or a week as people type it ------------------------------------------

DUE = [
    ("30 oktober", "2026-10-30", "2026-10-30"),
    ("senast 30 oktober", "2026-10-30", "2026-10-30"),
    ("oktober", "2026-10-01", "2026-10-31"),
    ("i oktober", "2026-10-01", "2026-10-31"),
    ("okt 2027", "2027-10-01", "2027-10-31"),
    ("mars", "2026-03-01", "2026-03-31"),  # this month: it has not ended yet
    ("februari", "2027-02-01", "2027-02-28"),  # passed this year: next year's
    ("v. 43", "2026-10-19", "2026-10-23"),
    ("vecka 12", "2026-03-16", "2026-03-20"),
    ("v. 11", "2027-03-15", "2027-03-19"),  # this year's week 11 has ended
    ("i morgon", "2026-03-19", "2026-03-19"),
    ("om två veckor", "2026-04-01", "2026-04-01"),
    ("2026-10-30", "2026-10-30", "2026-10-30"),
]


@pytest.mark.parametrize(("text", "first", "last"), DUE)
def test_due_dates_as_people_type_them(text: str, first: str, last: str) -> None:
    from bot.dates import parse_due

    period = parse_due(text, now=at("2026-03-18T14:00"))
    assert (period.first.isoformat(), period.last.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["blabla", "v. 54", "oktober 0000", "okt 9999", "v. 43 0000"])
def test_due_dates_that_are_refused(text: str) -> None:
    from bot.dates import DateNotUnderstood, parse_due

    with pytest.raises(DateNotUnderstood):
        parse_due(text, now=at("2026-03-18T14:00"))


# --- corrections: /uppfoljning ändra and ta bort, and the item they stand under -------------------


def test_a_commitment_is_corrected_and_its_proposal_and_reminder_follow(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)  # 3: Petra, week 16, proposed on #2 (15 April), her reminder before 8 April
    h.do("maria", "/mote planera onsdag 13 maj kl 13; Sof")
    reply = h.do(
        "sara", "/uppfoljning ändra 3; vem: HR-chef; vad: Följa upp schemat i maj; när: maj"
    )
    assert reply.message.startswith("Uppföljning 3 är ändrad: HR-chef – följa upp schemat i maj,")
    assert "senast 31 maj 2026" in reply.message
    april, may = h.do("maria", "/mote visa #2").message, h.do("maria", "/mote visa #3").message
    assert "Följa upp schemat" not in april
    assert "Uppföljning: Följa upp schemat i maj – HR-chef · Information" in may
    pending = [r for r in h.snapshot()["Reminder"] if r.key.endswith("c3:remind")]
    assert [r.status.value for r in pending] == ["cancelled"]  # a role: nobody to remind
    # A member again, and the item it stands under: the minutes show it there.
    h.do("sara", "/uppfoljning ändra 3; vem: @jonas; ärende: 7")
    (reminder,) = [r for r in h.snapshot()["Reminder"] if r.key.endswith("c3:remind")]
    assert (reminder.target_ref, reminder.status.value) == ("console:jonas", "pending")
    minutes = h.do("sara", "/protokoll visa #1").message
    under = "• Ny organisation\nRiskbedömning är inte gjord.\nUppföljning: Jonas Ek – följa upp"
    assert f"{under} schemat i maj, senast 31 maj 2026." in minutes


def test_an_item_with_a_commitment_is_removed_once_the_commitment_is(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    error = h.refused("sara", "/arende ta bort 5")
    assert "uppföljning 2" in error.message("sv") and "/uppfoljning ta bort 2" in error.message(
        "sv"
    )
    assert h.do("sara", "/uppfoljning ta bort 2").message == (
        "Uppföljning 2 är borttagen från möte #1."
    )
    assert "Återkomma med siffror" not in h.do("maria", "/mote visa #2").message
    reminders = [r for r in h.snapshot()["Reminder"] if r.key.endswith("c2:remind")]
    assert all(r.status.value == "cancelled" for r in reminders)
    assert h.do("sara", "/arende ta bort 5").message == "Ärende 5 är borttaget från möte #1."
    assert [c.id for c in h.snapshot()["Commitment"]] == [1, 3]


def test_the_item_shows_its_commitments_by_number(store_factory) -> None:
    h = Harness(store_factory)
    spring(h)
    shown = h.do("sara", "/arende visa 6").message
    assert (
        "  Uppföljning 1: HR-chef – ta fram förslag på ändrad årsklocka, senast 30 oktober" in shown
    )


def test_an_edit_forms_line_keeps_a_semicolon_in_what() -> None:
    from bot.commands.parse import Env, commitment_form_changes
    from bot.console.app import user_ref

    env = Env(at("2026-03-18T14:00"), "sv", user_ref)
    before = "HR-chef; Ta fram förslag; oktober"
    changes = commitment_form_changes(before, "HR-chef; Ta fram förslag; se bilaga; oktober", env)
    assert (changes.who, changes.what, changes.due_given) == (
        None,
        "Ta fram förslag; se bilaga",
        False,
    )
    assert commitment_form_changes(before, "  ", env) is None
    assert commitment_form_changes(before, before, env).empty
