"""Searching justerade minutes: Swedish word forms, snippets, and never another group's minutes."""

from __future__ import annotations

from tests.harness import Harness, at, hold_meeting


def justerad(h: Harness) -> None:
    hold_meeting(h)  # item 4 has the note "Prognosen visar ett underskott på 3 mnkr."
    h.do("sara", "/anteckning 6; Målen för arbetsmiljön förankras i hela organisationen.")
    h.do("sara", "/protokoll posta")
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")


def test_justerade_minutes_are_found_by_swedish_word_forms(store_factory) -> None:
    h = Harness(store_factory)
    justerad(h)
    found = h.do("jonas", "/sok målen").message  # the stem of "målen" is "mål"
    assert found.splitlines()[0] == "1 träff för ”målen”:"
    assert "FSG 2026-03-18 (möte #1, ärende 6) OSA-mål 2026:" in found
    assert "Målen för arbetsmiljön" in found
    assert h.do("jonas", "/sok visade underskott").message.startswith("1 träff för")
    assert "Inget justerat protokoll" in h.do("jonas", "/sok medarbetarenkät").message


def test_drafts_are_not_searched_and_other_groups_never_seen(store_factory) -> None:
    h = Harness(store_factory)
    hold_meeting(h)  # posted, not justerad
    assert "Inget justerat protokoll" in h.do("jonas", "/sok underskott").message
    h.do("jonas", "/protokoll godkänn")
    h.do("lina", "/protokoll godkänn")
    assert h.do("jonas", "/sok underskott").message.startswith("1 träff för")
    h.do("olle", "/grupp skapa VSG; Verksamhetssamverkansgrupp", channel="vsg")
    assert "Inget justerat protokoll" in h.do("olle", "/sok underskott", channel="vsg").message
    assert h.refused("olle", "/sok underskott").key == "not_member"


def test_search_words_are_data_not_query_syntax(store_factory) -> None:
    h = Harness(store_factory)
    justerad(h)
    for query in ('underskott" OR "x', "underskott*", "NEAR(underskott)", "'; DROP TABLE x; --"):
        answer = h.do("jonas", f"/sok {query}").message
        assert answer.startswith(("1 träff för", "Inget justerat"))
    assert h.refused("jonas", "/sok !!").key == "search_empty"
    h.now = at("2026-03-20T10:00")


def _archive(store_factory, entries: list[tuple[str, str]], group_key: str = "FSG") -> int:
    """Entries (title, body) of one old meeting in a group of their own; the group's id."""
    from datetime import date, datetime

    from bot.core.context import STOCKHOLM
    from bot.core.model import Group, Meeting, MeetingStatus, SearchEntry

    starts = datetime(2024, 9, 18, 12, tzinfo=STOCKHOLM)
    with store_factory() as store:
        group = store.add(Group(key=group_key, name=group_key, created_at=starts))
        meeting = store.add(Meeting(group.id, starts, "", starts, status=MeetingStatus.JUSTERAD))
        for number, (title, body) in enumerate(entries, start=1):
            store.add(SearchEntry(group.id, meeting.id, date(2024, 9, 18), title, body, number))
        store.commit()
        return group.id


def test_a_word_finds_the_compounds_it_ends_or_begins_ranked_below_exact(store_factory) -> None:
    fsg = _archive(
        store_factory,
        [
            ("Delårsbokslut augusti", "Prognosen visar ett underskott."),
            ("Årsbokslut 2023", "Årsbokslutet godkändes."),
            ("Bokslut", "Bokslutet för förra året presenterades."),
            ("Bokslutsarbetet", "Tidplanen för arbetet."),
            ("Lokaler", "Inga nya lokaler."),
        ],
    )
    other = _archive(store_factory, [("Delårsbokslut", "En annan grupps bokslut.")], "VSG")
    with store_factory() as store:
        titles = [e.title for e in store.search([fsg], "bokslut", 20)]
        assert titles[0] == "Bokslut"  # the exact word first
        assert set(titles[1:]) == {"Delårsbokslut augusti", "Årsbokslut 2023", "Bokslutsarbetet"}
        assert [e.title for e in store.search([fsg], "delårsbokslutet", 20)] == [
            "Delårsbokslut augusti"
        ]
        # A short word is not a compound part ("mål" is in too many words).
        assert store.search([fsg], "lok", 20) == []
        assert [e.group_id for e in store.search([other], "bokslut", 20)] == [other]
        assert [e.title for e in store.search([fsg], "bokslut underskott", 20)] == [
            "Delårsbokslut augusti"
        ]


def test_a_word_in_the_middle_of_a_compound_is_found_ranked_below_its_ends(
    store_factory,
) -> None:
    fsg = _archive(
        store_factory,
        [
            ("Årsbokslutsrapport 2023", "Rapporten godkändes."),
            ("Delårsbokslut augusti", "Prognosen visar ett underskott."),
            ("Bokslut", "Bokslutet för förra året presenterades."),
            ("Samverkansavtalet", "Förhandlingsprotokollet och arbetsmiljöarbetet."),
            ("Lokaler", "Inga nya lokaler."),
        ],
    )
    other = _archive(store_factory, [("Lokaler", "Årsbokslutsrapporten i VSG.")], "VSG")
    with store_factory() as store:
        titles = [e.title for e in store.search([fsg], "bokslut", 20)]
        # The word itself, then a compound it ends, then one it stands inside.
        assert titles == ["Bokslut", "Delårsbokslut augusti", "Årsbokslutsrapport 2023"]
        assert [e.title for e in store.search([fsg], "bokslutet", 20)] == titles
        # Inside a compound in the body too, and in the middle with two words at once.
        assert [e.title for e in store.search([fsg], "miljö", 20)] == ["Samverkansavtalet"]
        assert [e.title for e in store.search([fsg], "verkan", 20)] == ["Samverkansavtalet"]
        assert [e.title for e in store.search([fsg], "bokslut godkändes", 20)] == [
            "Årsbokslutsrapport 2023"
        ]
        # Four letters are too few for a middle part ("verk", "ring" stand in many words);
        # five are enough ("handl" in "förhandlingsprotokollet").
        assert store.search([fsg], "verk", 20) == []
        assert [e.title for e in store.search([fsg], "handl", 20)] == ["Samverkansavtalet"]
        # Another group's compound is never found.
        assert [e.group_id for e in store.search([other], "bokslut", 20)] == [other]


def test_a_compound_hit_shows_the_compound_in_its_snippet(store_factory) -> None:
    from bot.core.textsearch import snippet

    body = "Inledning. " * 20 + "Årsbokslutsrapporten presenterades av ekonomichefen."
    assert "Årsbokslutsrapporten presenterades" in snippet(body, "bokslut")
    assert snippet(body, "ekonomi").startswith("…")
    assert snippet("Inget här.", "bokslut") == "Inget här."


def test_several_groups_at_once_each_find_their_own_and_no_other(store_factory) -> None:
    fsg = _archive(store_factory, [("Budget", "Ett underskott."), ("Lokaler", "Delårsbokslut.")])
    vsg = _archive(store_factory, [("Budget", "Underskott och årsbokslut i VSG.")], "VSG")
    lsg = _archive(store_factory, [("Budget", "Underskott och delårsbokslut i LSG.")], "LSG")
    with store_factory() as store:
        found = store.search([fsg, vsg], "budget underskott", 20)
        assert sorted(e.group_id for e in found) == sorted([fsg, vsg])
        # "bokslut" only inside compounds: the compound path, per group too.
        parts = store.search([vsg, fsg], "bokslut", 20)
        assert sorted(e.group_id for e in parts) == sorted([fsg, vsg])
        assert [e.group_id for e in store.search([lsg], "bokslut", 20)] == [lsg]
        connection = store._in_transaction()  # type: ignore[attr-defined]
        if connection.dialect.name == "sqlite":
            from sqlalchemy import text

            # Every stem in the index stands behind its group's token ("g3sbudget").
            rows = connection.execute(
                text(
                    "SELECT e.group_id, f.stems FROM search_fts f "
                    "JOIN search_entries e ON e.id = f.rowid"
                )
            ).all()
            assert rows
            for group_id, stems in rows:
                assert all(s.startswith(f"g{group_id}s") for s in stems.split()), stems
