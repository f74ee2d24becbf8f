"""The regression net: what the extractor finds, misses and gets wrong in each bundled
article, compared item by item with the saved snapshot (tests/snapshots/examples-eval.json).

When a change to the extractor moves items on purpose, regenerate the snapshot and review
its diff in the commit:

    kg eval --gold examples/gold --articles examples/articles \\
        --diff tests/snapshots/examples-eval.json --save tests/snapshots/examples-eval.json
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import evaluate
from kg.eval import snapshot as snap_mod
from kg.ingest import iter_articles
from kg.pipeline import extract_each

ROOT = Path(__file__).resolve().parent.parent
SAVED = ROOT / "tests" / "snapshots" / "examples-eval.json"


@pytest.fixture(scope="module")
def current(extractor):
    articles = {Path(r.path).name: r.article
                for r in iter_articles([ROOT / "examples" / "articles"]) if r.kind == "ingested"}
    result = evaluate(ROOT / "examples" / "gold", articles,
                      lambda arts: extract_each(list(arts), extractor))
    assert not result.errors
    return snap_mod.snapshot(result.scores, result.total)


def test_every_bundled_article_yields_what_the_snapshot_says(current):
    moved = snap_mod.diff(snap_mod.load(SAVED), current)
    assert not moved, "items moved since the snapshot (- gone, + new):\n" + "\n".join(moved)


def test_the_diff_names_the_claim_that_moved(current):
    name, lines = sorted(current["articles"].items())[0]
    found = next(line for line in lines if line.startswith("found: claim"))
    damaged = {"articles": {**current["articles"],
                            name: [x for x in lines if x != found] + ["missed claim: x"]},
               "total": current["total"]}
    moved = snap_mod.diff(current, damaged)
    assert moved[:3] == [name, f"  - {found}", "  + missed claim: x"]
