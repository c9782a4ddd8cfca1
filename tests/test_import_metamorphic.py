"""Metamorphic variants of the corpus (tests/metamorphic.py): the same minutes re-wrapped, with the
justering moved, the attendance as a list or a table, headings and item labels restyled and page
furniture inserted, each with its source's answer key. A small deterministic sample, as .txt."""

from __future__ import annotations

from tests import metamorphic as variants

SAMPLE_SETS = ["dev", "fresh", "heldout-first"]


def test_variants_of_the_corpus_keep_their_fields() -> None:
    results = variants.run(variants.sources(SAMPLE_SETS), list(variants.VARIANTS), ["txt"])
    assert len(results) >= 220, len(results)
    matched = sum(r.after.matched for r in results)
    total = sum(r.after.total for r in results)
    print(f"variants: {matched / total:.1%} ({matched}/{total}) over {len(results)} variants")
    variants.report(results, worst=10, misses=False)
    assert matched / total >= 0.978, matched / total
    for r in results:
        # Degrading gracefully: no variant loses half of its document's items.
        items = sum(1 for line in r.after.misses if "item missing" in line)
        wanted = (r.after.total - r.after.spurious) // 4
        assert items * 2 < max(wanted, 2), (r.kind, r.name, r.after.misses)
