"""Format transfer (tests/variants.py): finished minutes re-rendered in the other formats keep
their answer key, so each variant should score about as its original does. A small sample, among
them the documents the tool found losing nearly all their items in another format (corpus README,
"Variants"), with a floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import corpus, variants

SAMPLE = (
    # Lost 48 of 58 fields in .txt, Word and the narrow PDF: a header line read as an item, the
    # "Sekreterare:" line under it closing the minutes.
    "eleventh/p09_csg_stad.pdf",
    # Crashed in the A4 PDF: "(arbetsgivaren) väljs." at the start of a line.
    "fifth/fsg-regionhalsan-2024-08-27.pdf",
    "ninth/03_kommun_mbl11.txt",
    "tenth/06_lsg_psyk.docx",
    "twelfth/p12_raddning_mbl19.pdf",
    "heldout/fsg-utbildning-2026-01-21.docx",
    # The narrow PDF's worst (corpus README, "Narrow PDF"): a presenter's name broken after the
    # dash (78.2 %, 84.1 %), a title with a short middle line (80.6 %), a PDF table's title cell
    # with a colon (70.2 % in both PDFs), an attendance table one cell a line (a spurious item).
    "ninth/11_sjukhus_vsg.pdf",
    "seventeenth/t02_fsg_vardomsorg_soderslatt.txt",
    "eighteenth/p10_mbl11_energi.pdf",
    "sixth-dev/apt-hemtjanst-norr-2025-03-06.txt",
    "eighth/d05_fsg_region.docx",
)


# What the sample scores now (03:45 UTC, 2026-12-04): 96.4 % in .txt and plain Word, the lowest.
# With the narrow PDF's worst added and fixed (19:55 UTC): 97.4 % in the A4 PDF, the lowest;
# the narrow PDF 98.3 % (before the fixes those five scored 70–84 % there).
FLOOR = 0.97
NARROW_FLOOR = 0.98


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[variants.Result]:
    documents = [corpus.CORPUS / name for name in SAMPLE]
    return variants.run(documents, variants.KINDS, Path(tmp_path_factory.mktemp("variants")))


def test_the_sample_keeps_its_score_in_every_format(results) -> None:
    by_kind: dict[str, corpus.Score] = {}
    for result in results:
        by_kind.setdefault(result.kind, corpus.Score()).add(result.score)
    for kind, score in by_kind.items():
        print(f"{kind}: {score.share:.1%}, {score.spurious} spurious")
        assert score.share >= FLOOR, (kind, score.misses)
    assert by_kind["pdf-narrow"].share >= NARROW_FLOOR, by_kind["pdf-narrow"].misses


def test_no_variant_loses_most_of_its_items(results) -> None:
    # The failure the tool was built to find: one misread line costing a document its items.
    for result in results:
        assert result.score.share >= 0.8, (result.document.name, result.kind, result.score.misses)
