"""Benchmark search, export and import on a generated archive of samverkan minutes."""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

# Run as a plain script from the repo root: the project is not installed into the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from sqlalchemy import Engine, insert, text

from bot.console.app import user_ref
from bot.core.context import STOCKHOLM, Context
from bot.core.imports import import_minutes
from bot.core.justering import minutes_export
from bot.core.minutes import OUTCOME_SENTENCES
from bot.core.model import AgendaItem, EntryKind, Group, ItemStatus, Meeting, MeetingStatus
from bot.core.ports import Between
from bot.core.privacy import check_text
from bot.core.search import search_minutes
from bot.core.service import Justera
from bot.core.texts import UserError
from bot.core.textsearch import stems
from bot.core.tx import Tx
from bot.export import render
from bot.importer import content_key, parse_minutes, read_text
from storage import fulltext
from storage.db import MIGRATION_TIMEOUTS, make_engine, with_search_path
from storage.migrate import upgrade
from storage.store import store_factory
from storage.tables import GroupRow, MeetingRow

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "minutes"
SEARCH_AIM_MS = 50.0
PDF_AIM_S = 1.0
SEED = 20260318
_WORD = re.compile(r"\w+", re.UNICODE)

# --- the archive's words -----------------------------------------------------------------------

TITLES = (
    "Budget",
    "Budgetuppföljning",
    "Delårsbokslut",
    "Delårsrapport per augusti",
    "Årsbokslut",
    "Verksamhetsplan",
    "Medarbetarenkät",
    "Resultat av medarbetarenkäten",
    "OSA-mål",
    "Mål för organisatorisk och social arbetsmiljö",
    "Rekryteringsläget",
    "Rekrytering av enhetschef",
    "Sjukfrånvaro",
    "Sjukfrånvaron per kvartal",
    "Lokaler",
    "Lokalfrågor",
    "Nya lokaler för familjebehandlingen",
    "Arbetsmiljö",
    "Arbetsmiljöronder",
    "Skyddsronder",
    "Tillbud och arbetsskador",
    "Riskbedömning inför sommaren",
    "Riskbedömning av ny organisation",
    "Ny organisation",
    "Organisationsförändring",
    "Sommarbemanning",
    "Semesterplanering",
    "Schemaläggning",
    "Ny arbetstidsmodell",
    "Heltidsresan",
    "Lönekartläggning",
    "Löneöversyn",
    "Kompetensförsörjning",
    "Kompetensutveckling",
    "Internkontroll",
    "Systematiskt arbetsmiljöarbete",
    "Handlingsplan SAM",
    "Hot och våld",
    "Kränkande särbehandling",
    "Digitalisering",
    "Nytt verksamhetssystem",
    "Samverkansavtal",
    "Sammanträdesplan",
    "Föredragningslista nämnden",
    "Prognos",
    "Effektiviseringar",
    "Friskvård",
    "Introduktion av nyanställda",
    "Övertid och vikarier",
    "Information från förvaltningschefen",
)
YEARLY_TITLES = ("Budget", "Verksamhetsplan", "OSA-mål", "Sammanträdesplan", "Handlingsplan SAM")
SUBJECTS = (
    "Arbetsgivaren",
    "Förvaltningschefen",
    "Ekonomichefen",
    "HR-chefen",
    "HR-strategen",
    "Enhetschefen",
    "Verksamhetschefen",
    "Vision",
    "Kommunal",
    "Vårdförbundet",
    "Akademikerförbundet SSR",
    "Lärarförbundet",
    "Huvudskyddsombudet",
    "Skyddsombudet",
    "Arbetsmiljösamordnaren",
    "Parterna",
    "De fackliga företrädarna",
    "Ordföranden",
)
VERBS = (
    "redovisade",
    "informerade om",
    "presenterade",
    "gick igenom",
    "lyfte",
    "föreslår",
    "betonade vikten av",
    "efterfrågade",
    "beskrev",
    "ställde frågor om",
    "vill följa upp",
    "kommenterade",
    "tog upp",
    "återkopplade om",
    "rapporterade om",
    "har sett över",
    "önskar en dialog om",
    "framförde synpunkter på",
)
TOPICS = (
    "arbetsmiljön",
    "arbetsmiljöarbetet",
    "den fysiska arbetsmiljön",
    "arbetsmiljöronden",
    "riskbedömningen",
    "riskbedömningar",
    "en riskbedömning",
    "budgeten",
    "budgetläget",
    "budgetarbetet",
    "delårsbokslutet",
    "delårsbokslut per augusti",
    "årsbokslutet",
    "medarbetarenkäten",
    "medarbetarenkätens resultat",
    "resultatet av medarbetarenkäten",
    "OSA-målen",
    "målen för OSA",
    "rekryteringen",
    "rekryteringar",
    "rekryteringsläget",
    "svårrekryterade tjänster",
    "sjukfrånvaron",
    "den korta sjukfrånvaron",
    "sjukfrånvaro",
    "lokalerna",
    "nya lokaler",
    "lokalförsörjningen",
    "bemanningen",
    "schemaläggningen",
    "scheman",
    "kompetensförsörjningen",
    "kompetensutvecklingen",
    "lönekartläggningen",
    "löneöversynen",
    "arbetstidsmodellen",
    "arbetstiderna",
    "skyddsronden",
    "skyddsronder",
    "tillbud",
    "tillbuden",
    "hot och våld",
    "introduktionen av nyanställda",
    "semesterplaneringen",
    "sommarbemanningen",
    "heltidsresan",
    "friskvårdsbidraget",
    "digitaliseringen",
    "nya IT-system",
    "verksamhetsplanen",
    "internkontrollen",
    "prognosen",
    "underskottet",
    "effektiviseringar",
    "organisationsförändringen",
    "omorganisationen",
    "arbetsbelastningen",
    "stressen",
    "den organisatoriska och sociala arbetsmiljön",
    "kränkande särbehandling",
    "systematiskt arbetsmiljöarbete",
    "samverkansavtalet",
    "handlingsplanen",
    "uppföljningen",
    "vikariebehovet",
    "övertiden",
    "sommarvikarier",
    "arbetstider på helger",
)
PLACES = (
    "hemtjänsten",
    "särskilt boende",
    "förskolan",
    "grundskolan",
    "familjebehandlingen",
    "mottagningen",
    "biblioteken",
    "kök och måltid",
    "äldreomsorgen",
    "ekonomienheten",
    "IT-avdelningen",
    "socialtjänsten",
    "gymnasieskolan",
    "LSS-boendet",
    "nattpatrullen",
    "kundtjänst",
    "individ- och familjeomsorgen",
    "fritidsgårdarna",
    "lokalvården",
    "städenheten",
)
PREPOSITIONS = ("inom", "för", "på", "i", "vid")
WHEN = (
    "under våren",
    "inför sommaren",
    "under hösten",
    "efter årsskiftet",
    "i januari",
    "till nästa möte",
    "under första kvartalet",
    "senast i juni",
    "efter sommaren",
    "på nästa arbetsplatsträff",
    "under året",
)
STATES = (
    "har förbättrats",
    "är oförändrad",
    "har försämrats",
    "följs upp varje månad",
    "ligger över målet",
    "ligger under budget",
    "diskuterades utförligt",
    "behöver ses över",
    "har blivit bättre sedan förra mötet",
    "är ett prioriterat område",
)
TAILS = (
    "Ärendet återkommer på nästa möte.",
    "Informationen noterades.",
    "Parterna är överens om att följa upp frågan.",
    "Riskbedömning ska göras innan beslut fattas.",
    "Frågan tas upp på arbetsplatsträffarna.",
    "Skyddsombuden bjuds in till arbetsgruppen.",
    "Underlaget skickas ut till ledamöterna.",
    "Arbetsgivaren återkommer med en tidplan.",
    "De fackliga organisationerna vill vara delaktiga i det fortsatta arbetet.",
    "En uppföljning görs efter tre månader.",
)
RARE = (
    "asbestsaneringen",
    "radonmätningen",
    "ventilationsmätningen",
    "legionellaprovtagningen",
    "hörselskydden",
    "ergonomironden",
    "vibrationsskador",
    "kemikalieförteckningen",
    "brandskyddsronden",
    "cykelgaraget",
    "takläckaget",
    "fuktskadorna",
    "lyftanordningarna",
    "tolktjänsten",
    "parkeringsfrågan",
    "larmknapparna",
    "skyddsombudsstoppet",
    "arbetsskadeanmälan",
    "trygghetsvandringen",
    "kameraövervakningen",
)
# What people type into /sok: one to three words, common and rare, in their own word forms.
QUERIES = (
    # common, one word
    "arbetsmiljön",
    "arbetsmiljö",
    "budget",
    "budgeten",
    "riskbedömning",
    "riskbedömningar",
    "medarbetarenkäten",
    "medarbetarenkät",
    "rekrytering",
    "rekryteringarna",
    "sjukfrånvaron",
    "sjukfrånvaro",
    "lokaler",
    "lokalerna",
    "delårsbokslut",
    "OSA-mål",
    "bemanning",
    "underskott",
    "prognosen",
    "heltidsresan",
    "lönekartläggning",
    "hemtjänsten",
    "förskolan",
    "tillbud",
    "övertid",
    # two words
    "budget underskott",
    "sjukfrånvaron förskolan",
    "riskbedömning hemtjänsten",
    "medarbetarenkätens resultat",
    "nya lokaler",
    "hot våld",
    "kränkande särbehandling",
    "arbetstider helger",
    "rekrytering sommarvikarier",
    "OSA-målen uppföljning",
    # three words
    "riskbedömning inför sommaren",
    "sjukfrånvaron inom hemtjänsten",
    "medarbetarenkäten organisatoriska arbetsmiljön",
    "budget prognos underskott",
    "lokaler för familjebehandlingen",
    "schemaläggning bemanning nattpatrullen",
    # rare
    "asbestsanering",
    "radonmätning",
    "legionellaprovtagning",
    "brandskyddsrond",
    "cykelgaraget",
    "tolktjänst",
    "larmknappar",
    # in no minutes at all
    "flygplats",
    "vindkraftverk",
)
assert len(QUERIES) == 50


@dataclass(frozen=True)
class Size:
    name: str
    years: int
    groups: int
    meetings: int  # a group's meetings a year
    items: int  # items a meeting

    @property
    def meeting_count(self) -> int:
        return self.years * self.groups * self.meetings

    @property
    def entry_count(self) -> int:
        return self.meeting_count * self.items

    def describe(self) -> str:
        return (
            f"{self.name}: {self.years} år × {self.groups} grupper × {self.meetings} möten × "
            f"{self.items} ärenden = {self.meeting_count:,} möten, {self.entry_count:,} poster"
        )


class Corpus:
    """Sentences of samverkan minutes, each with its stems from the app's own stems().

    Stemming 70 million words in pure Python takes too long, and stems() works word by word,
    so an item's stems are the stems of its title and sentences, joined: the same string
    storage.fulltext.index would write (checked on a sample by check_stems).
    """

    def __init__(self, seed: int, size: int = 40_000) -> None:
        rng = random.Random(seed)
        self.sentences: list[tuple[str, str, int]] = []
        for _ in range(size):
            sentence = _sentence(rng)
            self.sentences.append(
                (sentence, " ".join(stems(sentence)), len(_WORD.findall(sentence)))
            )
        self.decisions = [(s, " ".join(stems(s))) for s in OUTCOME_SENTENCES.values()]
        self._titles: dict[str, str] = {}

    def title(self, rng: random.Random, year: int) -> tuple[str, str]:
        title = rng.choice(TITLES)
        if title in YEARLY_TITLES:
            title = f"{title} {year}"
        found = self._titles.get(title)
        if found is None:
            found = self._titles[title] = " ".join(stems(title))
        return title, found

    def body(self, rng: random.Random) -> tuple[str, str]:
        """30 to 80 words: one or two notes, sometimes a decision on a line of its own."""
        target = rng.randint(30, 70)
        notes: list[list[str]] = [[]]
        stem_parts: list[str] = []
        words = 0
        count = len(self.sentences)
        while words < target:
            sentence, stemmed, n = self.sentences[int(rng.random() * count)]
            if words and rng.random() < 0.15:
                notes.append([])
            notes[-1].append(sentence)
            stem_parts.append(stemmed)
            words += n
        lines = [" ".join(note) for note in notes]
        if rng.random() < 0.4:
            sentence, stemmed = self.decisions[int(rng.random() * len(self.decisions))]
            lines.append(sentence)
            stem_parts.append(stemmed)
        return "\n".join(lines), " ".join(stem_parts)


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.004:
        return (
            f"{rng.choice(SUBJECTS)} tog upp {rng.choice(RARE)} "
            f"{rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}."
        )
    if kind < 0.35:
        when = f" {rng.choice(WHEN)}" if rng.random() < 0.5 else ""
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TOPICS)} "
            f"{rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}{when}."
        )
    if kind < 0.55:
        first, second = rng.sample(TOPICS, 2)
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {first} och {second}."
    if kind < 0.75:
        topic = rng.choice(TOPICS)
        return (
            f"{topic[0].upper()}{topic[1:]} {rng.choice(PREPOSITIONS)} "
            f"{rng.choice(PLACES)} {rng.choice(STATES)}."
        )
    if kind < 0.87:
        n, d = rng.randint(1, 9), rng.randint(0, 9)
        return rng.choice(
            (
                f"Prognosen visar ett underskott på {n},{d} mnkr.",
                f"Prognosen visar ett överskott på {n},{d} mnkr.",
                f"Sjukfrånvaron {rng.choice(PREPOSITIONS)} {rng.choice(PLACES)} "
                f"ligger på {n},{d} procent.",
                f"{n} av {n + d + 1} tjänster är tillsatta {rng.choice(PREPOSITIONS)} "
                f"{rng.choice(PLACES)}.",
            )
        )
    return rng.choice(TAILS)


@dataclass
class Entry:
    id: int
    group_id: int
    meeting_id: int
    held_on: date
    title: str
    body: str
    item_number: int
    stems: str

    def row(self, held_on: object) -> tuple[object, ...]:
        """The search_entries columns, held_on as the database driver wants it."""
        return (
            self.id,
            self.group_id,
            self.meeting_id,
            held_on,
            self.title,
            self.body,
            self.item_number,
        )


@dataclass
class Chunk:
    meetings: list[dict[str, Any]]
    entries: list[Entry]


def generate(size: Size, corpus: Corpus, seed: int) -> Iterator[Chunk]:
    """The archive year by year, meetings in the order they were held; ids from 1."""
    rng = random.Random(seed)
    meeting_id = entry_id = 0
    first_year = 2025 - size.years + 1
    for year in range(first_year, first_year + size.years):
        chunk = Chunk([], [])
        for month in range(1, size.meetings + 1):
            for group_id in range(1, size.groups + 1):
                meeting_id += 1
                day = date(year, (month - 1) % 12 + 1, rng.randint(3, 26))
                starts = datetime(day.year, day.month, day.day, 13, 0, tzinfo=STOCKHOLM)
                chunk.meetings.append(
                    {
                        "id": meeting_id,
                        "group_id": group_id,
                        "starts_at": starts,
                        "place": "Stadshuset, sammanträdesrum 2",
                        "agenda_deadline": starts - timedelta(days=7),
                        "status": MeetingStatus.JUSTERAD.value,
                        "protocol_number": f"{month}/{year}",
                        "dnr": "",
                        "agenda_message_ref": "",
                        "minutes_message_ref": "",
                        # Per group; after the few the chat's set-up of group 1 may hold.
                        "number": 100 + (year - first_year) * size.meetings + month,
                    }
                )
                for number in range(1, size.items + 1):
                    entry_id += 1
                    title, title_stems = corpus.title(rng, year)
                    body, body_stems = corpus.body(rng)
                    chunk.entries.append(
                        Entry(
                            entry_id,
                            group_id,
                            meeting_id,
                            day,
                            title,
                            body,
                            number,
                            f"{title_stems} {body_stems}",
                        )
                    )
        yield chunk


def check_stems(size: Size, corpus: Corpus, seed: int) -> None:
    """The joined stems are what storage.fulltext.index would store for the same entry."""
    chunk = next(generate(Size("check", 1, 2, 2, size.items), corpus, seed))
    for entry in chunk.entries:
        expected = " ".join(stems(f"{entry.title} {entry.body}"))
        assert entry.stems == expected, (entry.title, entry.body)


# --- loading an archive ------------------------------------------------------------------------


@dataclass
class Database:
    kind: str  # "sqlite" or "postgres"
    url: str
    cleanup: Callable[[], None]
    load_s: dict[str, float] = field(default_factory=dict)


def channel_group(engine: Engine) -> None:
    """Group 1 through the command language: a bound channel and members, as the chat has."""
    from tests.harness import Harness, set_up_group

    set_up_group(Harness(store_factory(engine)))


def load_sqlite(size: Size, corpus: Corpus, folder: Path) -> Database:
    path = folder / f"archive-{size.name}.db"
    url = f"sqlite:///{path}"
    db = Database("sqlite", url, lambda: [p.unlink() for p in folder.glob(f"{path.name}*")])
    upgrade(url)
    # Loading a city's archive is bulk work: no statement limit (the search runs with one).
    engine = make_engine(url, timeouts=MIGRATION_TIMEOUTS)
    try:
        channel_group(engine)
        started = time.perf_counter()
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA cache_size = -512000")  # this loading connection only
            _insert_groups(conn, size)
            for chunk in _timed(generate(size, corpus, SEED), db.load_s):
                conn.execute(insert(MeetingRow.__table__), chunk.meetings)
                conn.exec_driver_sql(
                    "INSERT INTO search_entries (id, group_id, meeting_id, held_on, title, body, "
                    "item_number) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [e.row(e.held_on.isoformat()) for e in chunk.entries],
                )
                conn.exec_driver_sql(
                    "INSERT INTO search_fts (rowid, stems, parts) VALUES (?, ?, ?)",
                    [
                        (e.id, *fulltext.sqlite_columns(e.group_id, e.stems.split()))
                        for e in chunk.entries
                    ],
                )
        db.load_s["insert"] = time.perf_counter() - started - db.load_s["generate"]
        db.load_s["total"] = time.perf_counter() - started
    finally:
        engine.dispose()
    # After the last connection closed, so the WAL is checkpointed into the file.
    db.load_s["size_mb"] = sum(p.stat().st_size for p in folder.glob(f"{path.name}*")) / 1e6
    return db


def load_postgres(size: Size, corpus: Corpus, server: str) -> Database:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    _admin(server, f"CREATE SCHEMA {schema}")
    db = Database(
        "postgres",
        with_search_path(server, schema),
        lambda: _admin(server, f"DROP SCHEMA {schema} CASCADE"),
    )
    try:
        upgrade(db.url)
        engine = make_engine(db.url, timeouts=MIGRATION_TIMEOUTS)
    except Exception:
        db.cleanup()
        raise
    try:
        channel_group(engine)
        started = time.perf_counter()
        with engine.begin() as conn:
            index_sql = conn.exec_driver_sql(
                "SELECT pg_get_indexdef('ix_search_entries_fts_doc'::regclass)"
            ).scalar_one()
            # The migration's own GIN index, built once over all rows instead of row by row.
            conn.exec_driver_sql("DROP INDEX ix_search_entries_fts_doc")
            _insert_groups(conn, size)
            raw = conn.connection.driver_connection
            for chunk in _timed(generate(size, corpus, SEED), db.load_s):
                conn.execute(insert(MeetingRow.__table__), chunk.meetings)
                with raw.cursor() as cursor:
                    copy_sql = (
                        "COPY search_entries (id, group_id, meeting_id, held_on, title, body, "
                        "item_number, search_doc) FROM STDIN"
                    )
                    with cursor.copy(copy_sql) as copy:
                        for e in chunk.entries:
                            doc = fulltext.pg_document(e.group_id, e.stems.split())
                            copy.write_row((*e.row(e.held_on), doc))
            for table in ("groups", "meetings", "search_entries"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        loaded = time.perf_counter()
        with engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '1GB'")
            conn.exec_driver_sql(index_sql)
        indexed = time.perf_counter()
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        done = time.perf_counter()
        db.load_s["insert"] = loaded - started - db.load_s["generate"]
        db.load_s["gin_index"] = indexed - loaded
        db.load_s["analyze"] = done - indexed
        db.load_s["total"] = done - started
        with engine.connect() as conn:
            db.load_s["size_mb"] = (
                conn.exec_driver_sql("SELECT pg_total_relation_size('search_entries')").scalar_one()
                / 1e6
            )
    except Exception:
        db.cleanup()
        raise
    finally:
        engine.dispose()
    return db


def _insert_groups(conn: Any, size: Size) -> None:
    now = datetime(2015, 1, 1, tzinfo=STOCKHOLM)
    rows = [
        {"id": n, "key": f"G{n:03d}", "name": f"Samverkansgrupp {n}", "created_at": now}
        for n in range(2, size.groups + 1)
    ]
    if rows:
        conn.execute(insert(GroupRow.__table__), rows)


def _timed(chunks: Iterator[Chunk], into: dict[str, float]) -> Iterator[Chunk]:
    """Passes the chunks on, adding the time spent making them to into["generate"]."""
    into["generate"] = 0.0
    while True:
        started = time.perf_counter()
        chunk = next(chunks, None)
        into["generate"] += time.perf_counter() - started
        if chunk is None:
            return
        yield chunk


def _admin(server: str, sql: str) -> None:
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.seconds.append(seconds)

    def pct(self, p: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)

    def ms(self) -> str:
        return (
            f"p50 {self.pct(50) * 1e3:7.1f}  p95 {self.pct(95) * 1e3:7.1f}  "
            f"max {self.max * 1e3:7.1f} ms"
        )


@dataclass
class SearchResult:
    store: Timings
    by_query: dict[str, Timings]
    hits: dict[str, int]
    full: Timings
    count: int
    baseline: Timings  # a plain indexed lookup: a group's 20 latest entries by group_id
    compound: Timings  # words found only as parts of compounds ("bokslut" in "delårsbokslut")
    compound_hits: int

    @property
    def ratio(self) -> float:
        return self.store.pct(95) / self.baseline.pct(95)


# Query words that stand in the archive only inside compounds: the compound path runs. The
# last four stand only in a compound's middle ("försörj" in "kompetensförsörjningen"), so
# all three steps run: exact, a compound's ends, its middle.
COMPOUND_QUERIES = (
    "bokslut",
    "ronder",
    "enkät",
    "rapport",
    "bemanning",
    "skador",
    "försörj",
    "ombud",
    "anmäl",
    "övervak",
)


def measure_search(db: Database, size: Size, rounds: int, full_rounds: int) -> SearchResult:
    engine = make_engine(db.url)
    factory = store_factory(engine)
    rng = random.Random(SEED + 1)
    store_t, by_query, hits = Timings(), {q: Timings() for q in QUERIES}, {q: 0 for q in QUERIES}
    baseline, compound, compound_hits = Timings(), Timings(), 0
    try:
        for query in QUERIES:  # warm-up: the caches as a running bot has them
            with factory() as store:
                store.search([rng.randint(1, size.groups)], query, 20)
        for _ in range(rounds):
            order = list(QUERIES)
            rng.shuffle(order)
            for query in order:
                group_id = rng.randint(1, size.groups)
                with factory() as store:
                    started = time.perf_counter()
                    found = store.search([group_id], query, 20)
                    elapsed = time.perf_counter() - started
                store_t.add(elapsed)
                by_query[query].add(elapsed)
                hits[query] += len(found)
                with factory() as store:
                    started = time.perf_counter()
                    rows = (
                        store._in_transaction()
                        .execute(  # type: ignore[attr-defined]
                            text(
                                "SELECT id, title FROM search_entries WHERE group_id = :g "
                                "ORDER BY id DESC LIMIT 20"
                            ),
                            {"g": group_id},
                        )
                        .all()
                    )
                    baseline.add(time.perf_counter() - started)
                    assert rows
            for query in COMPOUND_QUERIES:
                group_id = rng.randint(1, size.groups)
                with factory() as store:
                    started = time.perf_counter()
                    found = store.search([group_id], query, 20)
                    compound.add(time.perf_counter() - started)
                compound_hits += len(found)
        service = Justera(factory)
        full = Timings()
        for round_ in range(full_rounds + 1):
            for query in QUERIES:
                ctx = Context(
                    user_ref=user_ref("jonas"),
                    channel_ref="console:#samverkan",
                    now=datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM),
                    display_name="jonas",
                    lang="sv",
                )
                started = time.perf_counter()
                service.run(ctx, search_minutes, query)
                if round_:  # the first round warms up
                    full.add(time.perf_counter() - started)
    finally:
        engine.dispose()
    return SearchResult(store_t, by_query, hits, full, rounds, baseline, compound, compound_hits)


def explain(db: Database, query: str, group_id: int) -> list[str]:
    """How the app's search statement runs for one query: its plan and what it has to visit."""
    sqlite = db.kind == "sqlite"
    sql, params = fulltext.exact_statement(sqlite, [group_id], query, 20)
    engine = make_engine(db.url)
    try:
        with engine.connect() as conn:
            if sqlite:
                plan = conn.execute(text("EXPLAIN QUERY PLAN " + sql), params).all()
                in_group = conn.execute(
                    text(f"SELECT count(*) FROM ({sql.replace('LIMIT :limit', '')})"), params
                ).scalar_one()
                return [
                    "plan: " + "; ".join(str(row[-1]) for row in plan),
                    f"matches in the group {in_group:,}",
                ]
            rows = conn.execute(text("EXPLAIN (ANALYZE) " + sql), params).all()
            wanted = ("Scan", "BitmapAnd", "Filter", "Rows Removed", "Execution Time")
            return [row[0].strip() for row in rows if any(w in row[0] for w in wanted)]
    finally:
        engine.dispose()


# --- export ------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    items: int
    contents: str
    build_s: float
    load: Timings
    formats: dict[str, Timings]
    bytes_: dict[str, int]


def measure_export(folder: Path, corpus: Corpus, rounds: int) -> ExportResult:
    from tests.harness import Harness, at, set_up_group

    url = f"sqlite:///{folder / 'export.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = store_factory(engine)
        h = Harness(factory)
        rng = random.Random(SEED + 2)
        started = time.perf_counter()
        set_up_group(h)
        h.do("maria", "/mote planera onsdag 18 mars kl 13; Sof, Storgatan 12")
        sections = ("Information", "Dialog", "Beslut", "Övrigt")
        while _item_count(h) < 100:
            section = sections[min(3, int(rng.random() * 4.4))]
            title, _ = corpus.title(rng, 2026)
            extra = "; riskbedömning: ja" if section == "Beslut" else ""
            who = "jonas" if rng.random() < 0.2 else "sara"  # a member's proposal waits
            h.do(who, f"/arende {section}; {title}; föredragande: Enhetschefen{extra}")
        h.do("maria", "/arende acceptera alla")
        h.do("maria", "/mote publicera")
        h.now = at("2026-03-18T13:05")
        h.do("sara", "/justerare jonas, lina")
        items = _items(h)
        for number, section in items:
            for _ in range(1 + (rng.random() < 0.3)):
                h.do("sara", f"/anteckning {number}; {corpus.body(rng)[0].replace(chr(10), ' ')}")
            if section == "Beslut":
                outcome = rng.choice(("samverkat", "enighet", "oenighet; Vision", "bordlagt"))
                h.do("sara", f"/beslut {number}; {outcome}; Arbetsgivaren fattar beslut.")
            elif section == "Information" and rng.random() < 0.5:
                h.do("sara", f"/beslut {number}; information")
        for user, (number, _) in zip(("jonas", "lina", "petra") * 2, items[5::15], strict=False):
            h.do(user, f"/protokollsanteckning {number}; {corpus.sentences[number][0]}")
        h.do("sara", "/protokoll posta")
        h.do("jonas", "/protokoll godkänn")
        h.do("lina", "/protokoll godkänn")
        build_s = time.perf_counter() - started

        service = Justera(factory)
        system = Context(user_ref="system:export", channel_ref="system:export", now=h.now)

        def load(tx: Tx) -> Any:
            meeting = tx.store.get(Meeting, 1)
            assert meeting.status is MeetingStatus.JUSTERAD
            return minutes_export(tx, tx.store.get(Group, meeting.group_id), meeting)

        load_t = Timings()
        export = service.run(system, load)
        for _ in range(rounds):
            started = time.perf_counter()
            export = service.run(system, load)
            load_t.add(time.perf_counter() - started)
        formats: dict[str, Timings] = {}
        sizes: dict[str, int] = {}
        for fmt in ("pdf", "docx", "html", "md"):
            data, _name = render(export, fmt)  # warm-up
            sizes[fmt] = len(data)
            formats[fmt] = Timings()
            for _ in range(rounds):
                started = time.perf_counter()
                render(export, fmt)
                formats[fmt].add(time.perf_counter() - started)
        entries = export.doc.items
        contents = (
            f"{sum(x.kind is EntryKind.NOTE for e in entries for x in e.entries)} notes, "
            f"{sum(e.decision is not None for e in entries)} decisions, "
            f"{sum(x.kind is EntryKind.STATEMENT for e in entries for x in e.entries)} "
            "protokollsanteckningar, "
            f"status {export.status}"
        )
        return ExportResult(len(entries), contents, build_s, load_t, formats, sizes)
    finally:
        engine.dispose()


def _items(h: Any) -> list[tuple[int, str]]:
    with h.store_factory() as store:
        return [
            (i.number, i.section.value)
            for i in sorted(store.find(AgendaItem, meeting_id=1), key=lambda i: i.number)
            if i.status is not ItemStatus.REJECTED
        ]


def _item_count(h: Any) -> int:
    return len(_items(h))


# --- import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    files: int
    imported: int
    skipped: list[str]
    entries: int
    import_s: float
    parse_files: int
    parse_s: float
    preloaded: int  # meetings the group had before the import
    by_day: Timings  # the near-copy check's lookup: the group's meetings of one day
    by_group: Timings  # the same answer from all of the group's meetings (as before)


# Meetings the import's group already has: decades of imported minutes.
IMPORT_PRELOAD = 5_000


def measure_import(folder: Path, copies: int) -> ImportResult:
    from tests.harness import Harness

    usable, skipped = [], []
    for path in sorted(FIXTURES.glob("*.txt")):
        try:
            check_text(parse_minutes(read_text(path), source=path.name).full_text)
        except UserError as error:
            skipped.append(f"{path.name} ({error.message('sv').split(' (')[0]})")
            continue
        usable.append(path)
    files_dir = folder / "import"
    files_dir.mkdir()
    files = []
    for n in range(copies):
        source = usable[n % len(usable)]
        # "…-2024-05-14-0004" would read as a personnummer: the copy number stands apart.
        target = files_dir / f"{source.stem} kopia {n}.txt"
        # An ASCII line reads the same in every encoding the fixtures use; it makes a new file.
        target.write_bytes(source.read_bytes() + f"\nArkivkopia nr {n}.\n".encode("ascii"))
        files.append(target)

    started = time.perf_counter()
    passes = 0
    while passes < 3 or time.perf_counter() - started < 2.0:
        for path in files:
            text_ = read_text(path)
            parse_minutes(text_, source=path.name)
            content_key(text_)
        passes += 1
    parse_s = time.perf_counter() - started

    url = f"sqlite:///{folder / 'import.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = store_factory(engine)
        Harness(factory, channel="arkiv").do("maria", "/grupp skapa ARKIV; Arkivet")
        with factory() as store:
            group_id = store.find(Group, key="ARKIV")[0].id
        _preload_meetings(engine, group_id, IMPORT_PRELOAD)
        service = Justera(factory)
        ctx = Context(
            user_ref="system:import",
            channel_ref="system:import",
            now=datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM),
        )
        imported = 0
        first_day = date(2026, 1, 1)
        started = time.perf_counter()
        for n, path in enumerate(files):
            text_ = read_text(path)
            minutes = parse_minutes(text_, source=path.name)
            # The generated files are near copies of each other on purpose: each its own day,
            # so the near-copy check runs in full and lets them in.
            minutes = replace(minutes, date=first_day + timedelta(days=n))
            result = service.run(ctx, import_minutes, "ARKIV", minutes, content_key(text_))
            imported += result.meeting_id is not None
        import_s = time.perf_counter() - started
        by_day, by_group = Timings(), Timings()
        for n in range(100):
            day = date(2000, 1, 1) + timedelta(days=n * 37)
            low = datetime.combine(day, datetime.min.time(), STOCKHOLM)
            high = low + timedelta(days=1)
            with factory() as store:
                began = time.perf_counter()
                one = store.find(Meeting, group_id=group_id, starts_at=Between(low, high))
                by_day.add(time.perf_counter() - began)
                began = time.perf_counter()
                every = [
                    m
                    for m in store.find(Meeting, group_id=group_id)
                    if m.starts_at.astimezone(STOCKHOLM).date() == day
                ]
                by_group.add(time.perf_counter() - began)
            assert [m.id for m in one] == [m.id for m in every]
        with engine.connect() as conn:
            entries = conn.exec_driver_sql("SELECT count(*) FROM search_entries").scalar_one()
    finally:
        engine.dispose()
    return ImportResult(
        len(files),
        imported,
        skipped,
        entries,
        import_s,
        passes * len(files),
        parse_s,
        IMPORT_PRELOAD,
        by_day,
        by_group,
    )


def _preload_meetings(engine: Engine, group_id: int, count: int) -> None:
    """The group's earlier meetings, one a day from 2000 (the import's files come after)."""
    rows = []
    for n in range(count):
        day = date(2000, 1, 1) + timedelta(days=n)
        starts = datetime(day.year, day.month, day.day, 13, 0, tzinfo=STOCKHOLM)
        rows.append(
            {
                "group_id": group_id,
                "starts_at": starts,
                "place": "Stadshuset",
                "agenda_deadline": starts - timedelta(days=7),
                "status": MeetingStatus.JUSTERAD.value,
                "protocol_number": "",
                "dnr": "",
                "agenda_message_ref": "",
                "minutes_message_ref": "",
                "number": n + 1,
            }
        )
    with engine.begin() as conn:
        conn.execute(insert(MeetingRow.__table__), rows)


# --- the report --------------------------------------------------------------------------------


def say(line: str = "") -> None:
    print(line, flush=True)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report_search(kind: str, size: Size, db: Database, result: SearchResult) -> None:
    load = ", ".join(f"{k} {v:.1f}" for k, v in db.load_s.items() if k != "size_mb")
    what = "database file" if kind == "sqlite" else "search_entries with indexes"
    load += f"; {what} {db.load_s['size_mb']:.0f} MB"
    say(f"  {kind:8} load (s): {load}")
    ok = result.store.pct(95) * 1e3 < SEARCH_AIM_MS
    say(
        f"  {kind:8} SqlStore.search  n={len(result.store.seconds):4}  {result.store.ms()}  "
        f"{verdict(ok)} (p95 < {SEARCH_AIM_MS:.0f} ms)"
    )
    say(
        f"  {kind:8} plain lookup    n={len(result.baseline.seconds):4}  {result.baseline.ms()}  "
        f"(search p95 / lookup p95 = {result.ratio:.1f})"
    )
    say(
        f"  {kind:8} compound words  n={len(result.compound.seconds):4}  {result.compound.ms()}  "
        f"({result.compound_hits / max(1, len(result.compound.seconds)):.0f} hits per search)"
    )
    say(f"  {kind:8} /sok via Justera.run n={len(result.full.seconds):4}  {result.full.ms()}")
    slowest = sorted(QUERIES, key=lambda q: result.by_query[q].pct(50), reverse=True)[:5]
    say(
        f"  {kind:8} slowest queries (median ms, hits per search): "
        + ", ".join(
            f"{q!r} {result.by_query[q].pct(50) * 1e3:.0f} ({result.hits[q] / result.count:.0f})"
            for q in slowest
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--rounds", type=int, default=6, help="rounds of the 50 queries")
    parser.add_argument("--full-rounds", type=int, default=2, help="rounds through Justera.run")
    parser.add_argument(
        "--sizes",
        default="small,issue,large",
        help="small (1 year), issue (10 years × 50 groups), large (10 years × 750 groups)",
    )
    parser.add_argument("--export-rounds", type=int, default=8)
    parser.add_argument("--import-files", type=int, default=200)
    args = parser.parse_args()

    sizes = {
        "small": Size("small", 1, 50, 12, 15),
        "issue": Size("issue", 10, 50, 12, 15),
        "large": Size("large", 10, 750, 12, 15),
    }
    chosen = [sizes[name] for name in args.sizes.split(",") if name]
    kinds = ([] if args.skip_sqlite else ["sqlite"]) + ([] if args.skip_postgres else ["postgres"])
    began = time.perf_counter()
    corpus = Corpus(SEED)
    check_stems(chosen[0], corpus, SEED)
    say(
        f"corpus: {len(corpus.sentences):,} sentences stemmed in "
        f"{time.perf_counter() - began:.1f} s"
    )

    summary: list[tuple[str, str, SearchResult]] = []
    loads: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        folder = Path(tmp)
        for size in chosen:
            say()
            say(size.describe())
            for kind in kinds:
                if kind == "sqlite":
                    db = load_sqlite(size, corpus, folder)
                else:
                    db = load_postgres(size, corpus, args.postgres_url)
                try:
                    result = measure_search(db, size, args.rounds, args.full_rounds)
                    report_search(kind, size, db, result)
                    slow = max(QUERIES, key=lambda q: result.by_query[q].pct(50))
                    say(f"  {kind:8} the slowest query, {slow!r}, in group 2:")
                    for line in explain(db, slow, 2):
                        say(f"      {line}")
                    summary.append((size.name, kind, result))
                    loads[(size.name, kind)] = db.load_s["total"]
                finally:
                    db.cleanup()

        say()
        exported = measure_export(folder, corpus, args.export_rounds)
        say(
            f"export: meeting of {exported.items} items ({exported.contents}) built through the "
            "command language "
            f"in {exported.build_s:.1f} s; minutes_export (database) "
            f"mean {exported.load.mean * 1e3:.0f} ms, max {exported.load.max * 1e3:.0f} ms"
        )
        for fmt, t in exported.formats.items():
            aim = f"  {verdict(t.max < PDF_AIM_S)} (< {PDF_AIM_S:.0f} s)" if fmt == "pdf" else ""
            say(
                f"  render {fmt:4}  mean {t.mean * 1e3:7.1f} ms  max {t.max * 1e3:7.1f} ms  "
                f"{exported.bytes_[fmt] / 1024:6.0f} KiB{aim}"
            )

        say()
        imp = measure_import(folder, args.import_files)
        say(
            f"import: {imp.imported}/{imp.files} files imported into SQLite (a group of "
            f"{imp.preloaded:,} meetings, near-copy check on) in {imp.import_s:.2f} s"
            f" = {imp.files / imp.import_s:.0f} files/s ({imp.entries} search entries); "
            f"parse only (read_text + parse_minutes + content_key): "
            f"{imp.parse_files / imp.parse_s:.0f} files/s"
        )
        say(f"  fixtures skipped: {', '.join(imp.skipped) or 'none'}")
        say(
            f"  near-copy lookup in a group of {imp.preloaded:,} meetings: by day (index) "
            f"{imp.by_day.ms()}; all the group's meetings {imp.by_group.ms()} "
            f"(ratio {imp.by_group.pct(50) / imp.by_day.pct(50):.0f} × at p50)"
        )

    say()
    say("=" * 100)
    say(f"{'figure':56}{'sqlite':>22}{'postgres':>22}")

    def row(label: str, sqlite: str, postgres: str = "–") -> None:
        say(f"{label:56}{sqlite:>22}{postgres:>22}")

    def cell(t: Timings | None) -> str:
        return (
            "–" if t is None else f"{t.pct(50) * 1e3:.1f}/{t.pct(95) * 1e3:.1f}/{t.max * 1e3:.0f}"
        )

    for size in chosen:
        found = {k: r for s, k, r in summary if s == size.name}
        name = f"{size.name} ({size.entry_count:,} entries)"
        row(
            f"{name} search p50/p95/max ms",
            *(cell(found[k].store if k in found else None) for k in ("sqlite", "postgres")),
        )
        row(
            f"{name} compound words p50/p95/max ms",
            *(cell(found[k].compound if k in found else None) for k in ("sqlite", "postgres")),
        )
        row(
            f"{name} search p95 / plain lookup p95",
            *(f"{found[k].ratio:.1f}" if k in found else "–" for k in ("sqlite", "postgres")),
        )
        row(
            f"{name} /sok via Justera.run p50/p95/max ms",
            *(cell(found[k].full if k in found else None) for k in ("sqlite", "postgres")),
        )
        row(
            f"{name} generate + load s",
            *(
                f"{loads[(size.name, k)]:.1f}" if (size.name, k) in loads else "–"
                for k in ("sqlite", "postgres")
            ),
        )
    for fmt, t in exported.formats.items():
        row(
            f"export {fmt}, {exported.items} items, mean/max ms",
            f"{t.mean * 1e3:.0f}/{t.max * 1e3:.0f}",
        )
    row(
        "import files/s (parse only files/s)",
        f"{imp.files / imp.import_s:.0f} ({imp.parse_files / imp.parse_s:.0f})",
    )
    say("=" * 100)
    checks = [
        f"search p95 {size} {kind} {r.store.pct(95) * 1e3:.1f} ms "
        f"{verdict(r.store.pct(95) * 1e3 < SEARCH_AIM_MS)}"
        for size, kind, r in summary
    ]
    pdf = exported.formats["pdf"]
    checks.append(f"PDF export max {pdf.max:.2f} s {verdict(pdf.max < PDF_AIM_S)}")
    checks.append(f"import {imp.files / imp.import_s:.0f} files/s")
    say("SUMMARY: " + "; ".join(checks) + f"; bench took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
