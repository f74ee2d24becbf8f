"""``kg ingest --jobs 2``: worker processes give the same store as one job."""

from __future__ import annotations

import pytest

from benchmarks.news import write_corpus
from kg.export import export_text
from kg.extract import Extractor
from kg.pipeline import ingest
from kg.store import Store


def dump(path) -> str:
    with Store.open(path) as store:
        return export_text(store, "nquads")


@pytest.mark.slow
def test_two_jobs_write_the_same_store_as_one(tmp_path):
    write_corpus(tmp_path / "c", 30, seed=21)
    (tmp_path / "c" / "notes.pdf").write_bytes(b"%PDF")          # skipped, reported in order
    lines = {1: [], 2: []}
    outcomes = {}
    for jobs in (1, 2):
        outcomes[jobs] = ingest([tmp_path / "c"], tmp_path / f"s{jobs}", batch_size=4,
                                n_process=jobs, extractor=Extractor(),
                                echo=lambda r, j=jobs: lines[j].append(str(r)))
    assert dump(tmp_path / "s1") == dump(tmp_path / "s2")
    assert lines[1] == lines[2]
    assert outcomes[1].written == outcomes[2].written
    assert (outcomes[1].violations, outcomes[1].warnings) == (outcomes[2].violations,
                                                              outcomes[2].warnings)
