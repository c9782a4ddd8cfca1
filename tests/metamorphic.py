"""Metamorphic variants of corpus minutes: a meeting written another way, the same answer key.

Each variant rewrites a source (markup as tests/corpus.py reads it, or a finished .txt) in a way
that does not change what the importer should find: lines re-wrapped as a narrow PDF column breaks
them or joined into long lines, the justering moved to the front page or to the very end, the
attendance as a table or a list, section headings in capitals, with a colon or numbered, items
labelled "§ 12", "12.", "Punkt 12" or not at all, and a running header or footer line every ~35
lines, even inside an item. Everything is deterministic (no randomness), so a sample can be a test.

    .venv/bin/python -m tests.metamorphic [SET ...] [--pdf] [--kinds a,b] [--worst N] [--misses]

prints, per variant kind, the fields found before (the unvaried source, same format) and after,
and the documents that lose the most; a variant that could not be made (nothing to move, no item
found in the text) is skipped, not scored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests import corpus

# Sets whose .txt files are sources or finished text minutes with a .json beside them.
SETS = (
    "dev",
    "fresh",
    "heldout-first",
    "probe",
    "fifth",
    "sixth-dev",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "unseen",
    "fourth-dev",
)

LABEL = re.compile(
    r"^(?:§\s*\d+[a-z]?\.?|\d{1,2}(?:\.\d{1,2})*\.?|(?:Punkt|Ärende|Paragraf)\s+\d+[.:]?|[a-h]\))"
    r"\s*(?:[–-]\s*)?"
)
LONE_PARAGRAPH = re.compile(r"^§\s*\d+[a-z]?\.?(?:\s+(?:Dnr|DNR|dnr)\b.*)?$")
JUSTERING = re.compile(r"^\s*(?:justera|justering|justerat|justerandes)", re.IGNORECASE)
ATTENDANCE = re.compile(
    r"^(?P<label>(?:Närvarande|Beslutande|Deltagare|Ledamöter|Övriga närvarande|Övriga deltagande"
    r"|Ersättare|Tjänstgörande|Arbetsgivar\w*|Arbetstagar\w*|Från arbetsgivar\w*"
    r"|Från arbetstagar\w*|Adjungerade?|Tjänstemän|Närvarande ledamöter)[^:]{0,30})"
    r":\s*(?P<rest>.+)$"
)
MARKUP = ("@", "|", "- ")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _plain(line: str) -> tuple[str, str]:
    """The markup prefix ("## ", "# ") and the text after it."""
    for prefix in ("## ", "# "):
        if line.startswith(prefix):
            return prefix, line[len(prefix) :]
    return "", line


@dataclass
class Doc:
    name: str
    lines: list[str]
    expected: dict
    # index of each located item title line -> (label prefix as written, title text after it)
    titles: dict[int, tuple[str, str]]
    headings: list[int]


def _title_at(line: str, title: str) -> str | None:
    """The label before `title` where the line is that item's title line, else None."""
    _, text = _plain(line.strip())
    want = _norm(title)
    if not want:
        return None
    for label in ("", *(m.group(0) for m in [LABEL.match(text)] if m)):
        rest = _norm(text[len(label) :])
        if rest == want or (
            rest.startswith(want)
            and rest[len(want) : len(want) + 2].strip()[:1] in ("", "(", "–", "-", ",")
        ):
            return label
    return None


def load(source: Path) -> Doc:
    lines = source.read_text(encoding="utf-8").splitlines()
    expected = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    titles: dict[int, tuple[str, str]] = {}
    start = 0
    for _, title, _, _ in expected["items"]:
        for i in range(start, len(lines)):
            label = _title_at(lines[i], title)
            if label is not None:
                titles[i] = (label, title)
                start = i + 1
                break
    headings = []
    for i, line in enumerate(lines):
        if i in titles or not line.strip():
            continue
        following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        _, text = _plain(line.strip())
        if (
            following in titles
            and len(text) <= 60
            and not text.endswith((".", ":"))
            and ":" not in text
            and not text.startswith(MARKUP)
            and not LONE_PARAGRAPH.match(text)
            and len(text.split()) <= 7
            and (i == 0 or not lines[i - 1].strip() or line.startswith("# "))
            and titles
            and i > min(titles) - 40
        ):
            headings.append(i)
    return Doc(source.stem, lines, expected, titles, headings)


def _item_lines_only(doc: Doc) -> bool:
    return len(doc.titles) * 2 >= len(doc.expected["items"]) and len(doc.titles) >= 2


def _furniture_free(line: str) -> bool:
    """A line of prose or a title: not markup, a table's row (cells apart by tabs) or a rule."""
    return (
        bool(line.strip())
        and not line.startswith((*MARKUP, "#", "-- "))
        and "\t" not in line
        and not re.fullmatch(r"[-–=_*. ]{3,}", line.strip())
    )


# -- variants ---------------------------------------------------------------------------------


def wrap_narrow(doc: Doc) -> list[str] | None:
    """Every line longer than 50 characters broken at a space 38-50 characters in, titles too."""
    out = []
    for n, line in enumerate(doc.lines):
        prefix, text = _plain(line)
        if not _furniture_free(text) or len(text) <= 50:
            out.append(line)
            continue
        width = 38 + (n * 7) % 13
        pieces = []
        while len(text) > 50:
            cut = text.rfind(" ", 0, width + 1)
            if cut < 20:
                cut = text.find(" ", width)
                if cut < 0:
                    break
            pieces.append(text[:cut])
            text = text[cut + 1 :]
        pieces.append(text)
        out.append(prefix + pieces[0])
        out.extend(pieces[1:])
    return out if out != doc.lines else None


def join_long(doc: Doc) -> list[str] | None:
    """The body lines of each paragraph joined into one, as an export without soft breaks gives."""
    out: list[str] = []
    joinable = False
    for i, line in enumerate(doc.lines):
        text = line.strip()
        body = (
            _furniture_free(line)
            and i not in doc.titles
            and i not in doc.headings
            and not LONE_PARAGRAPH.match(text)
            and not LABEL.match(text)
            and not ATTENDANCE.match(text)
            and not re.match(r"^[A-ZÅÄÖ][\wåäö ]{1,30}:", text)
        )
        last = out[-1].rstrip() if out else ""
        # A sentence ended, or one going on in lower case: prose, not a title left unlabelled.
        prose = (last.endswith((".", "!", "?")) and len(last.split()) >= 4) or text[:1].islower()
        if body and joinable and prose:
            out[-1] = out[-1].rstrip() + " " + text
        else:
            out.append(line)
        joinable = body
    return out if out != doc.lines else None


def _justering_block(doc: Doc) -> tuple[int, int] | None:
    """The lines [start, end) of a justering outside the items: in the header or after the last."""
    if not doc.titles:
        return None
    first, last = min(doc.titles), max(doc.titles)
    for i, line in enumerate(doc.lines):
        if not JUSTERING.match(line) or doc.lines[i].startswith(("#", "@")):
            continue
        if i < first:
            return i, i + 1
        if i > last:
            end = i + 1
            while end < len(doc.lines) and doc.lines[end].strip():
                end += 1
            return i, end
    return None


def _front(doc: Doc) -> int:
    """Where the first item (or the heading above it) starts: the end of the front page."""
    first = min(doc.titles)
    heads = [h for h in doc.headings if h < first]
    start = heads[-1] if heads and first - heads[-1] <= 3 else first
    if start > 0 and LONE_PARAGRAPH.match(doc.lines[start - 1].strip()):
        start -= 1
    return start


def justering_front(doc: Doc) -> list[str] | None:
    block = _justering_block(doc)
    if block is None or block[0] < min(doc.titles):
        return None
    moved = doc.lines[block[0] : block[1]]
    rest = doc.lines[: block[0]] + doc.lines[block[1] :]
    at = _front(doc)
    return [*rest[:at], *moved, "", *rest[at:]]


def justering_end(doc: Doc) -> list[str] | None:
    block = _justering_block(doc)
    if block is None or block[0] > min(doc.titles):
        return None
    moved = doc.lines[block[0] : block[1]]
    rest = doc.lines[: block[0]] + doc.lines[block[1] :]
    return [*rest, "", *moved]


def _people(rest: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    sep = ";" if ";" in rest else ","
    for ch in rest:
        depth += ch == "("
        depth -= ch == ")"
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip().rstrip("."))
    return [p for p in parts if p]


def _attendance(doc: Doc, shape: Callable[[str], str]) -> list[str] | None:
    out, changed = [], False
    first = min(doc.titles) if doc.titles else len(doc.lines)
    for i, line in enumerate(doc.lines):
        m = ATTENDANCE.match(line.strip())
        people = _people(m.group("rest")) if m and i < first else []
        if len(people) < 2:
            out.append(line)
            continue
        out.append(m.group("label") + ":")
        out.extend(shape(p) for p in people)
        out.append("")
        changed = True
    return out if changed else None


def attendance_list(doc: Doc) -> list[str] | None:
    return _attendance(doc, lambda p: f"- {p}")


def attendance_table(doc: Doc) -> list[str] | None:
    def row(person: str) -> str:
        m = re.match(r"^(.*?)\s*\((.*)\)$", person) or re.match(r"^(.*?),\s*(.*)$", person)
        return f"| {m.group(1)} | {m.group(2)} |" if m else f"| {person} | |"

    return _attendance(doc, row)


def _headings(doc: Doc, style: Callable[[str, int], str]) -> list[str] | None:
    if not doc.headings:
        return None
    out = list(doc.lines)
    for n, i in enumerate(doc.headings, start=1):
        prefix, text = _plain(doc.lines[i].strip())
        m = re.match(r"^(\d{1,2}\.?)\s+(.*)$", text)
        number, words = (m.group(1), m.group(2)) if m else ("", text)
        out[i] = prefix + style(words, n) if not number else prefix + number + " " + style(words, n)
    return out if out != doc.lines else None


def headings_caps(doc: Doc) -> list[str] | None:
    return _headings(doc, lambda words, n: words.upper())


def headings_colon(doc: Doc) -> list[str] | None:
    return _headings(doc, lambda words, n: words + ":")


def headings_numbered(doc: Doc) -> list[str] | None:
    """'2. INFORMATION' headings; the items under them then numbered '2.1', '2.2'."""
    if not doc.headings or not _item_lines_only(doc):
        return None
    out = list(doc.lines)
    section, count = 0, 0
    for i in range(len(doc.lines)):
        if i in doc.headings:
            prefix, text = _plain(doc.lines[i].strip())
            words = re.sub(r"^\d{1,2}\.?\s+", "", text)
            section, count = section + 1, 0
            out[i] = f"{prefix}{section}. {words.upper()}"
        elif i in doc.titles and section:
            count += 1
            out[i] = _relabel(doc.lines[i], doc.titles[i], f"{section}.{count} ")
    _drop_lone_paragraphs(doc, out)
    return [line for line in out if line is not None]


def _relabel(line: str, found: tuple[str, str], label: str) -> str:
    prefix, text = _plain(line.strip())
    return prefix + label + text[len(found[0]) :].lstrip()


def _drop_lone_paragraphs(doc: Doc, out: list) -> None:
    """A '§ 81' alone above its title goes (the new label is on the title's line)."""
    for i in doc.titles:
        j = i - 1
        while j >= 0 and not doc.lines[j].strip():
            j -= 1
        if j >= 0 and LONE_PARAGRAPH.match(doc.lines[j].strip()):
            out[j] = None


def _items(doc: Doc, label: Callable[[int], str]) -> list[str] | None:
    if not _item_lines_only(doc):
        return None
    out: list = list(doc.lines)
    for n, i in enumerate(sorted(doc.titles), start=12):
        out[i] = _relabel(doc.lines[i], doc.titles[i], label(n))
    _drop_lone_paragraphs(doc, out)
    result = [line for line in out if line is not None]
    return result if result != doc.lines else None


def items_paragraph(doc: Doc) -> list[str] | None:
    return _items(doc, lambda n: f"§ {n} ")


def items_dotted(doc: Doc) -> list[str] | None:
    return _items(doc, lambda n: f"{n - 11}. ")


def items_punkt(doc: Doc) -> list[str] | None:
    return _items(doc, lambda n: f"Punkt {n - 11} ")


def items_bare(doc: Doc) -> list[str] | None:
    return _items(doc, lambda n: "")


def _furniture(doc: Doc, lines_for: Callable[[int, int], list[str]]) -> list[str] | None:
    if len(doc.lines) < 30:
        return None
    org = next((_plain(x.strip())[1] for x in doc.lines if _furniture_free(x)), "Protokoll")[:40]
    pages = len(doc.lines) // 35 + 1
    out, page = [], 1
    for n, line in enumerate(doc.lines, start=1):
        out.append(line)
        if n % 35 == 0 and n < len(doc.lines) - 2:
            page += 1
            out.extend(x.replace("{org}", org) for x in lines_for(page, pages))
    return out


def furniture_page(doc: Doc) -> list[str] | None:
    return _furniture(doc, lambda page, pages: [f"Sida {page} av {pages}"])


def furniture_header(doc: Doc) -> list[str] | None:
    return _furniture(doc, lambda page, pages: ["{org}", "Utskriven 2026-01-05"])


def furniture_both(doc: Doc) -> list[str] | None:
    return _furniture(
        doc,
        lambda page, pages: [f"{page} ({pages})", "", "{org}\tUtskriftsdatum 2026-01-05"],
    )


VARIANTS: dict[str, Callable[[Doc], list[str] | None]] = {
    "wrap-narrow": wrap_narrow,
    "join-long": join_long,
    "justering-front": justering_front,
    "justering-end": justering_end,
    "attendance-list": attendance_list,
    "attendance-table": attendance_table,
    "headings-caps": headings_caps,
    "headings-colon": headings_colon,
    "headings-numbered": headings_numbered,
    "items-paragraph": items_paragraph,
    "items-dotted": items_dotted,
    "items-punkt": items_punkt,
    "items-bare": items_bare,
    "furniture-page": furniture_page,
    "furniture-header": furniture_header,
    "furniture-both": furniture_both,
}


def sources(sets: list[str]) -> list[Path]:
    found = []
    for part in sets:
        found += [p for p in corpus.documents(part) if p.with_suffix(".json").exists()]
    return found


def score_lines(lines: list[str], doc: Doc, fmt: str, folder: Path) -> corpus.Score:
    from bot.importer import import_file

    path = folder / f"{doc.name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = folder / f"{doc.name}.json"
    expected.write_text(json.dumps(doc.expected), encoding="utf-8")
    sub = folder / fmt
    sub.mkdir(exist_ok=True)
    try:
        minutes = import_file(corpus.render(path, fmt, sub))
        return corpus.score(minutes, expected)
    except Exception as exc:  # a crash loses every field
        total = 6 + len(doc.expected["justerare"]) + 4 * len(doc.expected["items"])
        return corpus.Score(0, total, 0, [f"{doc.name}: CRASH {exc!r}"])


@dataclass
class Result:
    kind: str
    fmt: str
    name: str
    before: corpus.Score
    after: corpus.Score

    @property
    def lost(self) -> int:
        return self.before.matched - self.after.matched + self.after.spurious - self.before.spurious

    @property
    def items_lost(self) -> int:
        def missing(s: corpus.Score) -> int:
            return sum("item missing" in m for m in s.misses)

        return missing(self.after) - missing(self.before)


def run(paths: list[Path], kinds: list[str], formats: list[str]) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in paths:
            doc = load(path)
            for fmt in formats:
                before = score_lines(doc.lines, doc, fmt, folder)
                for kind in kinds:
                    lines = VARIANTS[kind](doc)
                    if lines is None:
                        continue
                    after = score_lines(lines, doc, fmt, folder)
                    results.append(
                        Result(kind, fmt, f"{path.parent.name}/{doc.name}", before, after)
                    )
    return results


def report(results: list[Result], worst: int, misses: bool) -> None:
    by_kind: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for r in results:
        by_kind[(r.kind, r.fmt)].append(r)
    head = ("variant", "fmt", "docs", "before", "after", "lost", "items", "docs>=4")
    print("{:20} {:9} {:>4} {:>7} {:>7} {:>5} {:>5} {:>7}".format(*head))
    for (kind, fmt), rs in sorted(by_kind.items()):
        b = sum(r.before.matched for r in rs) / max(1, sum(r.before.total for r in rs))
        a = sum(r.after.matched for r in rs) / max(1, sum(r.after.total for r in rs))
        print(
            f"{kind:20} {fmt:9} {len(rs):4} {b:7.1%} {a:7.1%} {sum(r.lost for r in rs):5}"
            f" {sum(r.items_lost for r in rs):5} {sum(r.lost >= 4 for r in rs):7}"
        )
    print()
    for r in sorted(results, key=lambda r: -r.lost)[:worst]:
        print(f"{r.lost:4} lost ({r.items_lost} items) {r.kind:18} {r.fmt:9} {r.name}")
        if misses:
            old = set(r.before.misses)
            for m in r.after.misses:
                if m not in old:
                    print("       ", m)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=list(SETS))
    parser.add_argument("--pdf", action="store_true", help="also render each to the narrow PDF")
    parser.add_argument("--kinds", default=",".join(VARIANTS))
    parser.add_argument("--worst", type=int, default=25)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--show", help="print one variant: KIND:SET/NAME")
    args = parser.parse_args(argv)
    if args.show:
        kind, name = args.show.split(":")
        lines = VARIANTS[kind](load(corpus.CORPUS / f"{name}.txt"))
        print("\n".join(lines or ["<no variant>"]))
        return
    formats = ["txt", "pdf-narrow"] if args.pdf else ["txt"]
    results = run(sources(args.sets), args.kinds.split(","), formats)
    report(results, args.worst, args.misses)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
