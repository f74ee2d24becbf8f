"""``kg ingest --jobs 2``: worker processes give the same store as one job."""

from __future__ import annotations

import os
import signal

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


def _die(articles):                     # in a worker: as if the kernel killed it
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_stops_the_ingest_with_a_message(tmp_path, monkeypatch):
    import kg.workers
    from kg.errors import KgError

    write_corpus(tmp_path / "c", 4, seed=22)
    monkeypatch.setattr(kg.workers, "_work", _die)
    with pytest.raises(KgError, match=r"E151.*worker process of the ingest died"):
        ingest([tmp_path / "c"], tmp_path / "s", batch_size=2, n_process=2,
               extractor=Extractor())
