"""The synthetic news text: deterministic, varied, and what the extractor finds in it is
valid (no violations from our own output)."""

from __future__ import annotations

import json

from benchmarks.news import articles, write_corpus
from kg.pipeline import ingest


def test_the_same_seed_gives_the_same_articles_and_another_seed_others():
    a = [x.text for x in articles(20, seed=3)]
    assert a == [x.text for x in articles(20, seed=3)]
    assert a != [x.text for x in articles(20, seed=4)]
    assert len(set(a)) == 20


def test_articles_vary_in_length_parties_and_verbs():
    docs = list(articles(200, seed=1))
    words = [len(d.text.split()) for d in docs]
    assert min(words) < 200 < max(words)
    text = " ".join(d.text for d in docs)
    for w in ("denied", "dismissed", "legitimate military target", "declined to confirm",
              "accused", "“", "Photo:", "Advertisement", "including"):
        assert w in text, w
    assert len({d.publisher for d in docs}) > 3


def test_corpus_folder_has_a_manifest(tmp_path):
    counts = write_corpus(tmp_path, 3, seed=2)
    manifest = json.loads((tmp_path / "MANIFEST.json").read_text())
    assert counts["articles"] == 3 and [m["file"] for m in manifest] == sorted(
        p.name for p in tmp_path.glob("*.txt"))


def test_ingest_finds_claims_and_attacks_and_validates(tmp_path):
    write_corpus(tmp_path / "c", 24, seed=5)
    outcome = ingest([tmp_path / "c"], tmp_path / "store")
    assert outcome.summary.ingested == 24
    assert outcome.violations == 0, [r.to_text() for r in outcome.reports]
