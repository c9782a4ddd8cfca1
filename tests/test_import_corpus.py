"""The importer on minutes it was not built on: fictional minutes in every format, scored.

tests/fixtures/corpus/heldout holds nine finished documents (.txt, .docx with and without heading
styles, .pdf) written blind by another engineer, who read neither the importer nor its vocabulary.
The importer scored 79.0 % of their fields on them, 14 spurious items, before any change; the
general changes that followed are described in the corpus README. heldout-first was written before
the first round of tuning and scored at every change since, so it is no longer blind either.
unseen (a third blind set) became a development set on 2026-12-03, when a fourth blind set, kept
outside the repository, took over as the measure; probe holds minutes written that day to say
unseen's layouts in other words. Both halves of the fourth set are development sets since a
fifth blind set is written elsewhere (later on 2026-12-03).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.importer import import_file
from tests import corpus


def scores(part: str, folder: Path) -> dict[str, corpus.Score]:
    found = {}
    for fmt in corpus.FORMATS:
        score = corpus.Score()
        for source in corpus.documents(part):
            minutes = import_file(corpus.render(source, fmt, folder))
            score.add(corpus.score(minutes, source.with_suffix(".json")))
        found[fmt] = score
    return found


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, corpus.Score]]:
    folder = tmp_path_factory.mktemp("corpus")
    return {part: scores(part, folder) for part in ("dev", "heldout-first", "fresh", "probe")}


def test_the_corpus_is_big_enough_and_a_third_is_held_out() -> None:
    developed = [*corpus.documents("dev"), *corpus.documents("fresh")]
    held_out = [*corpus.finished(corpus.HELD_OUT), *corpus.documents("heldout-first")]
    assert len(developed) + len(held_out) >= 20
    assert len(held_out) * 3 >= len(developed) + len(held_out)
    assert {p.suffix[1:] for p in corpus.finished(corpus.HELD_OUT)} == set(corpus.DOCUMENT_FORMATS)
    for source in [*developed, *held_out]:
        assert source.with_suffix(".json").is_file(), source.name


def test_development_set_scores_in_every_format(scored) -> None:
    for fmt, score in scored["dev"].items():
        print(f"dev {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
        assert score.share >= 0.98, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def test_held_out_set_scores_in_every_format() -> None:
    # The bar: 95 % of the fields and no spurious item, in each format of the set.
    by_format = {fmt: corpus.Score() for fmt in corpus.DOCUMENT_FORMATS}
    for document in corpus.finished(corpus.HELD_OUT):
        score = corpus.score(import_file(document), document.with_suffix(".json"))
        print(f"held-out {document.name}: {score.share:.1%}, spurious items {score.spurious}")
        by_format[document.suffix[1:]].add(score)
    for fmt, score in by_format.items():
        print(f"held-out {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
        assert score.total, fmt
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def test_first_held_out_set_scores_in_every_format(scored) -> None:
    for fmt, score in scored["heldout-first"].items():
        print(f"first held-out {fmt}: {score.share:.1%}, spurious items {score.spurious}")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def test_every_format_carries_the_same_text(tmp_path: Path) -> None:
    source = corpus.documents("dev")[0]
    words = None
    for fmt in corpus.FORMATS:
        minutes = import_file(corpus.render(source, fmt, tmp_path))
        found = set(minutes.full_text.split())
        words = found if words is None else words
        # Page numbers and a repeated page header may differ; the minutes' words do not.
        assert len(words ^ found) <= 4, fmt


def test_fresh_set_scores_in_every_format(scored) -> None:
    # Written after the first round and scored once before any change (52.5 %); the changes
    # it then led to were general (item labels, minutes without headings, a name above its
    # party), so it is a development set now: the figure shows it stays read.
    for fmt, score in scored["fresh"].items():
        print(f"fresh {fmt}: {score.share:.1%}, spurious items {score.spurious}")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def test_probe_set_scores_in_every_format(scored) -> None:
    # Written on 2026-12-03 by the engineer tuning the importer, to probe the layouts the unseen
    # set taught in other words ("Samverkansärenden", "§ 19 MBL", labels without a colon, a
    # signature row above a row of parties): not blind, a guard against rules fitted too close.
    for fmt, score in scored["probe"].items():
        print(f"probe {fmt}: {score.share:.1%}, spurious items {score.spurious}")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def test_english_minutes_are_read_as_far_as_they_go_and_flagged(tmp_path: Path) -> None:
    # The vocabulary is Swedish: English minutes are flagged (and refused by the import).
    for source in sorted((corpus.CORPUS / "english").glob("*.txt")):
        for fmt in corpus.FORMATS:
            minutes = import_file(corpus.render(source, fmt, tmp_path))
            score = corpus.score(minutes, source.with_suffix(".json"))
            print(f"english {fmt}: {score.share:.1%}, spurious items {score.spurious}")
            assert "texten ser ut att vara på engelska" in minutes.uncertain, fmt
            assert minutes.date is not None and minutes.date.isoformat() == "2025-02-04", fmt


def test_the_unseen_set_keeps_at_least_its_blind_score() -> None:
    """A third blind set (written 2026-12-02 by an engineer who never saw the importer). Scored
    as written: 72.8 % (273/375), 17 spurious items; its 29 items under no section ("") were then
    given the section the other sets' rule gives (corpus README): 78.4 %. It became a development
    set on 2026-12-03 (a fourth blind set is written elsewhere) and now scores 100 % in each
    format; the floor is the issue's bar, in every format, with no spurious item."""
    by_format = {fmt: corpus.Score() for fmt in corpus.DOCUMENT_FORMATS}
    expected = 0
    for document in corpus.finished("unseen"):
        score = corpus.score(import_file(document), document.with_suffix(".json"))
        print(f"unseen {document.name}: {score.share:.1%}, spurious items {score.spurious}")
        by_format[document.suffix[1:]].add(score)
        wanted = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
        expected += len(corpus.HEADER_FIELDS) + len(wanted["justerare"]) + 4 * len(wanted["items"])
    assert expected == 357, expected
    for fmt, score in by_format.items():
        print(f"unseen {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)


def _part_score(part: str) -> tuple[corpus.Score, int]:
    total, expected = corpus.Score(), 0
    for document in corpus.finished(part):
        score = corpus.score(import_file(document), document.with_suffix(".json"))
        print(f"{part} {document.name}: {score.share:.1%}, spurious items {score.spurious}")
        total.add(score)
        wanted = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
        expected += len(corpus.HEADER_FIELDS) + len(wanted["justerare"]) + 4 * len(wanted["items"])
    return total, expected


def test_the_fourth_set_tuned_half_keeps_its_score() -> None:
    """The fourth blind set (twelve minutes written 2026-12-03 by an engineer who never saw the
    importer) was scored once as written: 74.2 % of its fields, 18 spurious items. Its writer's
    documents were split into two halves of the same formats; this half (an FSG, a nämnd, an
    utskott, an MBL §19 and two associations' boards) scored 61.2 % (208/340), 15 spurious, and
    became a development set. After the general changes of 3 December it scored 91.4 % (299/327,
    2 spurious) on its writer's expectations; four of them, judgement calls against the other
    sets' conventions, were then changed (corpus README), and it scores 100 % (308/308), no
    spurious item: the floor."""
    total, expected = _part_score("fourth-dev")
    assert expected == 308, expected
    assert total.share >= 1.0, total.misses
    assert total.spurious == 0, total.misses


def test_the_fourth_set_second_half_scores_in_every_format() -> None:
    """The other half of the fourth blind set (an ASG, an LSG, two VSGs, an MBL §11 and a
    skyddskommitté), kept blind while the first half was tuned. As written it scored 89.4 %
    (261/292), 3 spurious items (.docx 94.5 %, .pdf 84.8 %, .txt 88.0 %), and exactly the same
    after the changes that took the tuned half from 61.2 % to 91.4 %: nothing carried over. It
    became a development set on 2026-12-03, when a fifth blind set was written elsewhere. After
    general changes, each with a probe of its own in other words (corpus README), it scored
    98.6 % (285/289) on its writer's expectations, no spurious item; four sections, judgement
    calls against the other sets' rule for minutes without headings, were then changed (corpus
    README), and it scores 100 % (289/289): the floor."""
    total, expected = _part_score("fourth")
    assert expected == 289, expected
    assert total.share >= 1.0, total.misses
    assert total.spurious == 0, total.misses


def test_the_sixth_set_tuned_half_keeps_its_score() -> None:
    """The development half of a sixth blind set (six minutes written 2026-12-03 by someone who
    never saw the importer, in messier layouts: agenda items as tables, a title and its first
    sentence on one line, e-mail headers, running headers and footers mid-text, digital
    signatures). As written it scored 50.2 % (145/289), 5 spurious items (.txt 12 %, .docx 50 %,
    .pdf 95 %). After the general changes of 3 December (corpus README) it scored 97.5 %
    (277/284) on its writer's expectations, no spurious item; two of them, judgement calls
    against the other sets' conventions, were then changed: 98.6 % (280/284), the floor."""
    total, expected = _part_score("sixth-dev")
    assert expected == 284, expected
    assert total.share >= 0.985, total.misses
    assert total.spurious == 0, total.misses


def _by_format(part: str) -> dict[str, corpus.Score]:
    found = {fmt: corpus.Score() for fmt in corpus.DOCUMENT_FORMATS}
    for document in corpus.finished(part):
        found[document.suffix[1:]].add(
            corpus.score(import_file(document), document.with_suffix(".json"))
        )
    return found


def test_the_fifth_set_keeps_the_score_it_had_when_first_scored_whole() -> None:
    """A fifth blind set: twelve minutes written 2026-12-03 by an engineer who never saw the
    importer, to output conventions spelled out for them, kept outside the repository while the
    importer changed that day (its totals only were looked at). On the code of that morning
    90.8 % (545/600), 5 spurious items; after the day's changes 93.3 % (558/598), 4 spurious;
    with the party letters written bare as every other set writes them ("M", not "(M)"; five
    fields) 93.8 % (561/598), 4 spurious: .docx 94.9 %, .pdf 89.0 %, .txt 97.5 %. Then opened
    as a development set and TUNED ON (general changes, each with a probe in other words; corpus
    README): 99.7 % (592/594), no spurious item: .docx 100 %, .pdf 99.5 %, .txt 99.5 %; 99.8 %
    (593/594) since a postponement only asked for gives way to disagreement (seventh's probe);
    100 % (594/594) since a signature's party beside its caption ("Ordförande" over "Mats Edholm
    (S)") names the chair's (eighth's probe). No longer a measure of generalisation; the floor
    guards the figure."""
    total, expected = _part_score("fifth")
    assert expected == 594, expected
    for fmt, score in _by_format("fifth").items():
        print(f"fifth {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)
    assert total.share >= 1.0, total.misses
    assert total.spurious == 0, total.misses


def test_the_sixth_sets_blind_half_keeps_the_bar_it_met_when_first_scored_whole() -> None:
    """The blind half of the sixth set (its other half is sixth-dev), kept outside the repository
    while the importer changed on 2026-12-03 and scored only for totals: 94.0 % (280/298) on
    the code of that morning, none spurious; after the day's changes 97.0 % (289/298), none
    spurious; party letters bare as elsewhere (two fields): 97.7 % (291/298): .docx 99.0 %,
    .pdf 95.8 %, .txt 98.1 %. The issue's bar, in every format, with no spurious item. 98.0 %
    (292/298) since a label column beside the unions' rows ("Arbetstagar- / organisationer:")
    no longer hides a justerare's party (eighth's probe). 99.3 % (296/298) since a PDF table's
    title cell with a colon ("Arbetsmiljö: sjukfrånvaro kvartal 2") no longer ends the table
    (vsg-forskola .pdf 91.7 -> 100 %; probe apt-kosten-tabell-rubrik-kolon)."""
    total, expected = _part_score("sixth")
    assert expected == 298, expected
    for fmt, score in _by_format("sixth").items():
        print(f"sixth {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
        assert score.share >= 0.95, (fmt, score.misses)
        assert score.spurious == 0, (fmt, score.misses)
    assert total.share >= 0.993, total.misses


def test_the_seventh_set_keeps_the_score_it_had_when_first_scored() -> None:
    """A seventh blind set: ten minutes written 2026-12-03 after all of that day's importer
    changes had landed, by an engineer who never saw the importer, to the conventions spelled
    out for the fifth and sixth. Scored once: on the code of that morning 83.7 % (406/485), 2
    spurious items; on the day's final code 95.2 % (459/482), none spurious: .docx 96.5 %,
    .pdf 96.5 %, .txt 92.3 % (the .txt below the issue's bar of 95 % in every format). Nobody
    has tuned on it; the floor guards the figure. Tuned on since (the corpus README): 95.4 %
    (460/482) after an APT with samverkan was read as one, 95.6 % (461/482) with a protocol
    number's letters, 96.5 % (465/482) with a kommunstyrelse's own decisions, 96.9 % (467/482)
    with the place and hour of a header sentence with no hour, 97.3 % (469/482) with a
    reservation that names its §, 97.9 % (472/482) with agreement after one side took up the
    other's demand and no "inget beslut" on a dialogue, 99.6 % (480/482) with the items of minutes
    without numbering or headings ("Dagordning" above a sentence, a title with its presenter
    above a short one), 99.8 % (481/482) with a postponement only asked for."""
    total, expected = _part_score("seventh")
    assert expected == 482, expected
    for fmt, score in _by_format("seventh").items():
        print(f"seventh {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
    assert total.share >= 0.997, total.misses
    assert total.spurious == 0, total.misses


def test_the_eighth_set_keeps_the_score_it_had_when_first_scored() -> None:
    """An eighth blind set: twelve minutes written 2026-12-03 evening by an engineer who never saw
    the importer, to the written conventions (WRITER.md beside it). Scored once on main at 54a4e32:
    85.0 % (486/572), 1 spurious item (.txt 98.4 %, .docx 79.4 %, .pdf 77.8 %); then opened as a
    development set while a ninth set stays blind. The floor guards the figure it has now:
    96.2 % (551/573) once a box for the initials under each § no longer ended the minutes, 97.0 %
    (556/573) with header fields, 97.9 % (559/571) with the employer's side of the justerare read
    from titles and its own name, 98.4 % (562/571) with a board's decision beside a reservation
    and "Upprop", 98.8 % (564/571) with agreement that a rule comes into force, 99.3 % (567/571)
    with the chair's party from its signature and the chair's justering broken over two lines."""
    total, expected = _part_score("eighth")
    assert expected == 569, expected
    for fmt, score in _by_format("eighth").items():
        print(f"eighth {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
    assert total.share >= 1.0, total.misses


def test_the_ninth_set_keeps_the_score_it_had_when_first_scored() -> None:
    """A ninth blind set: twelve minutes written 2026-12-03 evening by an engineer who never saw
    the importer, to the written conventions (WRITER.md beside it), kept out of the repository
    while the evening's importer work (eighth 85.0 -> 100 %, 80 new probes) went on. Scored on
    main at fab4375 after that work: 85.5 % (559/654), 18 spurious items (.txt 92.1 %, .docx
    79.2 %, .pdf 85.0 %); before it 85.1 %, 15 spurious. The work did not carry over. Then
    opened as a development set after that blind score (general changes, each with a probe in
    other words; corpus README). The floor guards the figure it has now: 86.9 % (564/649) once
    dashed rules read as blank lines and a shared ending ("hälso- och sjukvårdsdirektör") stays
    one role (imp3); 93.1 % (604/649) once a nämnd's front-page grid ("Justeringens plats och
    tid |", "Paragrafer |") and a semicolon list of officials are its letterhead (imp1); 96.0 %
    (616/642) once "Information enligt 19 § MBL" and "Avslutning" head sections and the
    header's end is judged on its joined lines (imp2); 96.3 % (618/642) once "Justeras av A,
    enhetschef, och B, Kommunal." names them (imp1); 96.9 % (622/642) once an
    unpunctuated "Mötet avslutas" under a section heading is an item's title (imp2); 99.1 %
    (632/638) once a title wrapped above prose cut on a connective stays one and a presenter
    after a wrapped dash stays the title's (imp3); 99.2 % (632/637) once a line ending "11 §"
    goes on in the next ("MBL innan …") (imp2); 99.4 % (632/636) once "Beslutsgång" and
    "Omröstning" are a § item's sub-headings (imp1); 99.7 % (634/636) once "överens om att en
    uppföljning … görs" decides (imp3)."""
    total, expected = _part_score("ninth")
    assert expected == 636, expected
    for fmt, score in _by_format("ninth").items():
        print(f"ninth {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
    assert total.share >= 0.996, total.misses


def _floor(part: str, expected_fields: int, floor: float) -> None:
    total, expected = _part_score(part)
    assert expected == expected_fields, expected
    for fmt, score in _by_format(part).items():
        print(f"{part} {fmt}: {score.share:.1%} ({score.matched}/{score.total})")
    assert total.share >= floor, total.misses


def test_the_tenth_set_keeps_its_score() -> None:
    """Blind sets ten to twelve: twelve minutes each, written 2026-12-04 02:40-02:55 UTC by three
    engineers who never saw the importer, to the written conventions (WRITER.md beside each).
    Scored on arrival on main at c8f1527: tenth 86.5 % (385/445, 4 spurious), eleventh 84.6 %
    (455/538, 6 spurious), twelfth 95.7 % (552/577, 3 spurious). Then opened as development
    sets (corpus README); the floors guard what they score now. tenth 93.7 % (416/444) once
    taking note ("Informationen noteras", "Meddelandena läggs till handlingarna") decides
    nothing in a nämnd either (imp-tenth); 97.3 % (428/440) once a § title's lower-case rest and
    a wrapped "2025 (Karin Östlund)" stay the title's (imp-tenth); 98.4 % (433/440) once a
    justering sentence broken in a name is read whole, "– Ansvarig: X" names the presenter and a
    header's place goes on to the next line's first sentence (imp-tenth); 98.9 % (435/440) once
    "HSN-AU 1/2026" is a protocol number and "huvudskyddsombud Vårdförbundet" a party (imp-tenth).
    99.1 % (436/440) once a place broken before "3, Storgatan 14" goes on and ends before
    "mellan" (imp-tenth). Left: the chair's party from the attendance list (the probes expect ""
    for it), an agenda "fastställs" under a decision label, "Ansvarig: A, role" (corpus README)."""
    _floor("tenth", 440, 0.99)


def test_the_eleventh_set_keeps_its_score() -> None:
    _floor("eleventh", 531, 1.0)


def test_the_twelfth_set_keeps_its_score() -> None:
    _floor("twelfth", 574, 1.0)


def test_the_fifteenth_set_keeps_its_score() -> None:
    """Written blind 2026-12-04 03:20 UTC (agenda items as Word tables, BankID justering, nämnd
    protocols); scored on arrival 86.4 % (471/545, 7 spurious) on the session's first code
    (45798b7) and 88.3 % on main at 4c3928a (.docx 72.6 %), then opened as a development set;
    98.1 % (528/538, 0 spurious) once a table's section rows head its items, a postal address
    stays in the letterhead and a page's header repeated alone goes (imp-fifteenth); 99.6 %
    (534/536) once "Enighet om att …" decides, a nämnd's name in a cell names its kind and a
    signature table read one cell a line puts each caption over its name."""
    _floor("fifteenth", 536, 0.996)


def test_the_eighteenth_set_keeps_its_score() -> None:
    """Written blind 2026-12-04 03:45 UTC (MBL §14 and §19 with several unions, a region's CSG,
    advisory councils, an årsmöte); scored on arrival 93.2 % (548/588, 7 spurious) on the
    session's first code (45798b7) and 93.7 % (550/587, 6 spurious) on main at 9e5768f, then
    opened as a development set. 94.7 % (555/586) once a title's wrapped year takes the presenter
    after its dash and a dnr's number on the line below its letters joins them (imp-eighteenth);
    95.7 % (559/584) once a title's lines go on to the presenter's parenthesis below them; 96.2 %
    (559/581) once a front page's broken lists and labels stay in the header; 96.4 % (560/581)
    with "MBL §14" a kind; 96.7 % (562/581) once a place's room name below its cell and a number's
    letters before "YYYY-NN" are read; 96.9 % (563/581) with "Plats" a label without its colon;
    97.6 % (567/581) with "Rådet" a deciding body."""
    _floor("eighteenth", 581, 0.975)


def test_the_thirteenth_set_keeps_its_score() -> None:
    """Written blind 2026-12-04 02:40 UTC (older and unusual layouts: capitals, tables for
    everything, English-influenced labels) and kept outside the repository as a measure while
    the morning's work went on (only totals looked at): 89.5 % (501/560, 2 spurious) on the
    session's first code (45798b7), 90.5 % (506/559, 2 spurious; .docx 75.9 %) on main at
    2e1096b. Then opened as a development set: 97.7 % (544/557, 0 spurious) once a header grid's
    English labels (Time, Location) and an item table "# | Punkt | Ansvarig | Notes" are read
    and "ACTION POINTS" ends the items; 99.3 % (553/557) once a header's "Protokoll fört vid …"
    sentence broken before a capitalised name joins its day, hour and place, and a bare
    "Protokoll nr 3" in the header is the meeting's number (imp-13b); 99.5 % (554/557) once
    "Nämnden godkänner dagordningen", the body's own sentence with no "Beslut" label over it, is
    an opening formality (imp-negotiation); 99.6 % (555/557) once "Uppföljning av föregående
    APT-protokoll" opens the meeting (imp-31)."""
    _floor("thirteenth", 557, 0.996)


def test_the_seventeenth_set_keeps_its_score() -> None:
    """Written blind 2026-12-04 03:45 UTC (Norrland and Skåne, old and modern layouts) and kept
    outside the repository as a measure while the morning's work went on (only totals looked
    at): 94.3 % (515/546, 6 spurious) on the session's first code (45798b7), 96.3 % (524/544,
    5 spurious; .docx 93.6 %) on main at 59b923b. Then opened as a development set. 98.3 %
    (531/540, 1 spurious; .docx 99.5 %) once a Word run marked not bold (<w:b w:val="0"/>) is
    plain text and no heading (imp-17a)."""
    _floor("seventeenth", 539, 0.983)


# Written blind on 2026-12-04 evening (18:40-19:50 UTC) by engineers who never saw the importer,
# twelve minutes each on a theme of its own, to the conventions spelled out for them (WRITER.md
# beside each). Each was scored on arrival (on e06ec21, the session's first code), then opened
# and tuned on (corpus README); the floor guards the figure each has now. On arrival:
# twentysecond 84.4 %, twentythird 89.1 %, twentyfifth 94.7 %, twentysixth 96.1 %,
# twentyseventh 96.3 %, thirtieth 92.6 %, thirtyfirst 91.2 %, thirtysecond 93.0 %,
# thirtythird 85.3 %, thirtyfourth 93.1 %.
EVENING_SETS = (
    ("twentysecond", 634, 1.0),
    ("twentythird", 694, 0.984),
    ("twentyfifth", 563, 0.996),
    ("twentysixth", 631, 0.996),
    ("twentyseventh", 621, 0.987),
    ("thirtieth", 630, 0.992),
    ("thirtyfirst", 590, 0.994),
    ("thirtysecond", 611, 0.991),
    ("thirtythird", 591, 0.988),
    ("thirtyfourth", 630, 0.984),
)


@pytest.mark.parametrize(("part", "expected_fields", "floor"), EVENING_SETS)
def test_the_evening_sets_keep_their_scores(part: str, expected_fields: int, floor: float) -> None:
    _floor(part, expected_fields, floor)


# The measure of the evening's work: four sets written at the same time, kept outside the
# repository (only their totals looked at) until the work had ended, then added unchanged.
# On e06ec21, the session's first code: 92.8 % (2,382/2,568), 28 spurious items (twentyfirst
# 93.3 %, twentyfourth 92.3 %, twentyeighth 96.5 %, twentyninth 89.1 %; .docx 96.6 %, .pdf
# 90.1 %, .txt 91.6 %). On the evening's final code (a382921): 96.6 % (2,462/2,549), 9
# spurious (98.0, 96.0, 97.0 and 95.4 %; .docx 98.4 %, .pdf 94.9 %, .txt 96.4 %): the issue's
# bar of 95 % in every format with no spurious item is still missed in .pdf and by the 9 items.
# Nobody has tuned on them; the floors guard the blind figures.
MEASURE_SETS = (
    ("twentyfirst", 634, 0.981),
    ("twentyfourth", 679, 0.973),
    ("twentyeighth", 605, 0.991),
    ("twentyninth", 621, 0.985),
)


@pytest.mark.parametrize(("part", "expected_fields", "floor"), MEASURE_SETS)
def test_the_evening_measure_keeps_its_blind_score(
    part: str, expected_fields: int, floor: float
) -> None:
    _floor(part, expected_fields, floor)


# Written blind on 2026-12-07 (22:51-23:05 UTC) by eight engineers who never saw the importer,
# twelve minutes each on a theme of its own, to the written conventions (WRITER.md beside each).
# Five were scored on arrival on f9a4697 and opened as development sets (corpus README); three
# were kept outside the repository as the night's measure. On arrival: thirtyfifth 95.1 %
# (645/678, 5 spurious), thirtyseventh 93.8 % (625/666, 2), thirtyeighth 94.7 % (611/645, 2),
# thirtyninth 93.3 % (684/733, 5), fortysecond 93.1 % (658/707, 4). The floors guard what each
# scored when the night's work ended (98.6-99.5 %).
NIGHT_SETS = (
    ("thirtyfifth", 672, 0.986),
    ("thirtyseventh", 662, 0.992),
    ("thirtyeighth", 641, 0.995),
    ("thirtyninth", 725, 0.995),
    ("fortysecond", 703, 0.995),
    # Written at 23:35-23:40 UTC by a ninth engineer; on arrival on ff9c924: 92.2 % (613/665,
    # 1 spurious; .txt 80.4 %), then opened.
    ("fortysixth", 662, 0.995),
)


@pytest.mark.parametrize(("part", "expected_fields", "floor"), NIGHT_SETS)
def test_the_night_sets_keep_their_scores(part: str, expected_fields: int, floor: float) -> None:
    _floor(part, expected_fields, floor)


# The night's measure: seven sets written blind the same night (thirtysixth to fortyfourth at
# 22:51-23:05 UTC, fortyfifth and fortyseventh at 23:35-23:45 UTC with lettered sub-points as
# their item's text), kept outside the repository while the work went on (only totals and
# per-format figures looked at), then added unchanged. On the session's first code (5e45395):
# 96.0 % (4,467/4,655), 17 spurious (.docx 97.3, .pdf 95.1, .txt 95.5 %). On the night's final
# code (91fc005): 98.0 % (4,548/4,643), 7 spurious (.docx 98.3, .pdf 97.5, .txt 98.0 %): 95 %
# in every format, but the bar's "no spurious item" is missed by seven (fortyfirst 3,
# fortyfourth 2, fortythird 1, fortyfifth 1). The floors guard the blind figures.
NIGHT_MEASURE = (
    ("thirtysixth", 612, 0.978),
    ("fortieth", 676, 0.991),
    ("fortyfirst", 686, 0.959),
    ("fortythird", 653, 0.981),
    ("fortyfourth", 674, 0.98),
    ("fortyfifth", 663, 0.985),
    ("fortyseventh", 669, 0.98),
)


@pytest.mark.parametrize(("part", "expected_fields", "floor"), NIGHT_MEASURE)
def test_the_night_measure_keeps_its_blind_score(
    part: str, expected_fields: int, floor: float
) -> None:
    _floor(part, expected_fields, floor)


# Three more sets written blind after the night's work had ended (01:05-01:09 UTC, police and
# prison service, a diocese and a folk high school, labour market and a port company), scored
# once on the final code (1b4b321) and added unchanged: 97.4 % (1,787/1,834), 3 spurious
# (.docx 97.9, .pdf 96.1, .txt 98.4 %); on the session's first code (5e45395) 97.0 %, 3 spurious.
# Nobody has tuned on them; the floors guard the blind figures.
AFTER_NIGHT_SETS = (
    ("fortyeighth", 649, 0.976),
    ("fortyninth", 589, 0.954),
    ("fiftieth", 591, 0.991),
)


@pytest.mark.parametrize(("part", "expected_fields", "floor"), AFTER_NIGHT_SETS)
def test_the_sets_written_after_the_night_keep_their_blind_score(
    part: str, expected_fields: int, floor: float
) -> None:
    _floor(part, expected_fields, floor)
