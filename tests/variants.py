"""Format transfer: a finished corpus document re-rendered in the other formats, its key unchanged.

Each finished document (.txt, .docx, .pdf beside its .json) is read with read_document, its text
turned back into the corpus source markup (tests/corpus.py) and rendered again as

  txt          a text export: the lines as read;
  docx-plain   Word without heading styles (the headings are plain paragraphs);
  docx-h2      Word with Heading 2 on the lines that are item titles or section headings;
  pdf          an A4 PDF in Helvetica, the file's own headings and the titles bold, a page header;
  pdf-narrow   a narrow column (~45 characters) in Times, bold headings in body size, a running
               page header with "N (M)" and a print date.

The content and so the answer key do not change; a variant that scores far below the original
shows a weakness of the importer in that format.

  .venv/bin/python -m tests.variants [SET ...] [--kinds pdf-narrow,docx-h2] [--misses] [--worst N]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.importer import import_file, read_document
from tests import corpus

KINDS = ("txt", "docx-plain", "docx-h2", "pdf", "pdf-narrow")
# The sets made of finished files, as the corpus holds them (a set opened later included).
SETS = tuple(corpus.finished_parts())

_NUMBER = re.compile(
    r"^\s*(?:(?i:ärende|punkt|paragraf)\s+)?(?:§\s*\d+[a-z]?|\d+(?:\.\d+)*\.?|[a-hA-H][.)])\s*[:.–-]?\s*"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold().rstrip(" .:")


def _titled(line: str, title: str) -> bool:
    """The line is the title, perhaps with a presenter or a note after it."""
    if line == title:
        return True
    rest = line[len(title) :]
    return line.startswith(title) and len(rest) <= 40 and rest[:1] in (" ", "–", "-", ",", "(")


def _title_lines(lines: list[str], expected: dict) -> set[int]:
    """The lines that carry an item's title or a section's name (the key's own words)."""
    titles = {_norm(t) for _, t, _, _ in expected["items"] if t.strip()}
    sections = {_norm(s) for s, _, _, _ in expected["items"] if s.strip()}
    found = set()
    for i, line in enumerate(lines):
        bare = _norm(_NUMBER.sub("", line))
        whole = _norm(line)
        if whole in sections or bare in sections or any(_titled(bare, t) for t in titles):
            found.add(i)
    return found


_OPENS = re.compile(
    r"^\s*(?:(?i:ärende|punkt|paragraf)\s+\d|§\s*\d|\d+(?:\.\d+)*\.?\s|[-–•*]\s|[a-h]\)\s)"
)


_LABEL = re.compile(r"^[A-ZÅÄÖ][\w /-]{0,40}:\s")


def _reflow(lines: list[str], headings: frozenset[str], expected: dict) -> list[str]:
    """A PDF's or a text file's paragraphs as one line each again: a line as wide as the page's
    widest goes on in the next, unless either is a heading, a table row or an item's number."""
    widths = sorted(len(line.strip()) for line in lines if line.strip())
    if not widths:
        return lines
    wide = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
    titles = _title_lines(lines, expected)
    out: list[str] = []
    joinable = False
    for i, line in enumerate(lines):
        text = line.strip()
        alone = (
            not text
            or not any(c.isalpha() for c in text)  # a rule of dashes, a lone number
            or text in headings
            or i in titles
            or " | " in text
            or "\t" in line
            or _OPENS.match(line) is not None
        )
        heading_goes_on = (
            bool(out)
            and text[:1].islower()
            and (out[-1].strip() in headings or i - 1 in titles)
            and (text in headings or i in titles)
        )
        if heading_goes_on or (joinable and not alone and not _LABEL.match(text)):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(line)
        joinable = bool(text) and not alone and len(text) >= 0.75 * wide
        if joinable and out[-1].rstrip().endswith((":",)):
            joinable = False
    return out


def source_of(document: Path, *, heading_marks: str) -> str:
    """The document's text as corpus source markup. heading_marks: "read" marks the lines the
    file itself emphasised (bold, larger type, heading styles), "key" the lines of item titles
    and section names, "both" either, "none" nothing."""
    text, headings = read_document(document)
    expected = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
    out: list[str] = []
    for p, page in enumerate(text.split("\f")):
        if p:
            out += ["", "@page", ""]
        lines = [line.rstrip(" \r") for line in page.split("\n")]
        if document.suffix != ".docx":
            lines = _reflow(lines, headings, expected)
        marked = _title_lines(lines, expected) if heading_marks in ("key", "both") else set()
        for i, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                out.append("")
                continue
            if " | " in stripped or "\t" in stripped:
                # A table row (Word's cells, a text export's tabs) stays a table row.
                cells = [c.strip() for c in re.split(r" \| |\t", stripped)]
                out.append("| " + " | ".join(cells) + " |")
                continue
            # Characters the markup would read as its own.
            if stripped.startswith(("# ", "## ", "@", "|")):
                line = stripped.lstrip("#@| ")
            read = heading_marks in ("read", "both") and stripped in headings
            heading = read or i in marked
            if heading:
                if out and out[-1] != "":
                    out.append("")
                out += [f"## {line.strip()}", ""]
            else:
                out.append(line)
    return "\n".join(out) + "\n"


def _running_header(text: str) -> str:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first[:60]


def render(document: Path, kind: str, folder: Path) -> Path:
    stem = f"{document.parent.name}--{document.stem}--{document.suffix[1:]}"
    target = folder / f"{stem}--{kind}"
    if kind == "txt":
        source = source_of(document, heading_marks="none")
        path = target.with_suffix(".txt")
        path.write_text(corpus.render_txt(source), encoding="utf-8")
    elif kind.startswith("docx"):
        marks = "key" if kind == "docx-h2" else "none"
        source = source_of(document, heading_marks=marks)
        path = target.with_suffix(".docx")
        corpus.render_docx(source, path, styles=kind == "docx-h2")
    else:
        # Bold as the file had it; a title the reflow joined from two bold lines stays bold.
        source = source_of(document, heading_marks="both")
        # The letterhead's first line repeated at the top of every page.
        source = f"@header {_running_header(read_document(document)[0])} || Protokoll\n" + source
        path = target.with_suffix(".pdf")
        corpus.render_pdf(source, path, narrow=kind == "pdf-narrow")
    return path


@dataclass
class Result:
    document: Path
    kind: str  # "original" or one of KINDS
    score: corpus.Score


def _score(path: Path, key: Path) -> corpus.Score:
    try:
        return corpus.score(import_file(path), key)
    except Exception as exc:  # a crash counts as every field missed
        expected = json.loads(key.read_text(encoding="utf-8"))
        total = 6 + len(expected["justerare"]) + 4 * len(expected["items"])
        return corpus.Score(0, total, 0, [f"{key.stem}: CRASH {exc!r}"])


def run(documents: list[Path], kinds: tuple[str, ...], folder: Path) -> list[Result]:
    results = []
    for document in documents:
        key = document.with_suffix(".json")
        results.append(Result(document, "original", _score(document, key)))
        for kind in kinds:
            results.append(Result(document, kind, _score(render(document, kind, folder), key)))
    return results


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    kinds = KINDS
    worst = 15
    for i, a in enumerate(argv):
        if a == "--kinds":
            kinds = tuple(argv[i + 1].split(","))
            args.remove(argv[i + 1])
        if a == "--worst":
            worst = int(argv[i + 1])
            args.remove(argv[i + 1])
    sets = args or list(SETS)
    documents = [d for part in sets for d in corpus.finished(part)]
    with tempfile.TemporaryDirectory() as tmp:
        results = run(documents, kinds, Path(tmp))
    by_kind: dict[str, corpus.Score] = {}
    originals = {r.document: r.score for r in results if r.kind == "original"}
    for r in results:
        by_kind.setdefault(r.kind, corpus.Score()).add(r.score)
    for kind, s in by_kind.items():
        print(f"{kind:11} {s.share * 100:5.1f} %  {s.matched}/{s.total}  spurious {s.spurious}")
    drops = sorted(
        (r for r in results if r.kind != "original"),
        key=lambda r: r.score.matched - originals[r.document].matched,
    )
    print("\nlargest losses against the original:")
    for r in drops[:worst]:
        o = originals[r.document]
        lost = o.matched - r.score.matched
        if lost <= 0:
            break
        name = f"{r.document.parent.name}/{r.document.name}"
        print(
            f"  {name:42} {r.kind:11} {r.score.share * 100:5.1f} % (original "
            f"{o.share * 100:5.1f} %) lost {lost}, spurious {r.score.spurious}"
        )
        if "--misses" in argv:
            for m in r.score.misses:
                if m not in o.misses:
                    print("      ", m)


if __name__ == "__main__":
    main(sys.argv[1:])
