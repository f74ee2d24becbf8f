"""The store across processes: one writer at a time, readers share, crashes lose nothing half.

Real processes: a child holds the store, or is killed with SIGKILL in the middle of writing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import StoreLockedError
from kg.store import Store
from tests.support.child import big_article

ROOT = Path(__file__).resolve().parent.parent


def child(*args: str) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-m", "tests.support.child", *args], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p


def wait_for(p: subprocess.Popen, word: str) -> str:
    line = p.stdout.readline()
    assert line.startswith(word), (line, p.stderr.read() if p.poll() is not None else "")
    return line


@pytest.fixture()
def empty_store(store_path):
    Store.open(store_path, "w", ontology=False).close()
    return store_path


def test_second_writer_fails_after_waiting_naming_the_holder(empty_store):
    p = child("hold", str(empty_store), "w", "30")
    try:
        wait_for(p, "ready")
        t = time.monotonic()
        with pytest.raises(StoreLockedError) as err:
            Store.open(empty_store, "w", wait=0.5)
        assert time.monotonic() - t >= 0.5
        assert err.value.pid == p.pid
        assert f"process {p.pid}" in str(err.value) and str(empty_store) in str(err.value)
        with pytest.raises(StoreLockedError, match="writing to it"):
            Store.open(empty_store, "r", wait=0.2)   # readers wait for the writer too
    finally:
        p.kill()
        p.wait()
    with Store.open(empty_store, "w", wait=5) as store:   # the OS released the lock
        assert store.article_ids() == []


def test_a_writer_waits_for_the_current_one_to_finish(empty_store):
    p = child("hold", str(empty_store), "w", "1")
    try:
        wait_for(p, "ready")
        t = time.monotonic()
        with Store.open(empty_store, "w", wait=20):
            assert time.monotonic() - t > 0.3
    finally:
        p.wait()


def test_readers_share_and_keep_writers_out(empty_store):
    p = child("hold", str(empty_store), "r", "30")
    try:
        wait_for(p, "ready")
        with Store.open(empty_store, "r", wait=1) as store:     # a second reader: fine
            assert store.article_ids() == []
        with pytest.raises(StoreLockedError, match="reading it"):
            Store.open(empty_store, "w", wait=0.2)
    finally:
        p.kill()
        p.wait()


def test_a_program_holding_the_database_directly_is_reported(empty_store):
    p = child("raw", str(empty_store), "30")
    try:
        wait_for(p, "ready")
        with pytest.raises(StoreLockedError, match="E611"):
            Store.open(empty_store, "w", wait=0.1)
    finally:
        p.kill()
        p.wait()


def _count(path, aid) -> int:
    with Store.open(path) as store:
        return len(store.article_graph(aid)) if store.has_article(aid) else 0


@pytest.mark.slow
def test_killed_in_the_middle_of_a_write_the_store_holds_all_or_nothing(empty_store):
    n, aid = 15_000, "00000000deadbeef"
    with Store.open(empty_store, "w", ontology=False) as store:
        store.write_article(big_article(aid, 100))         # version 1: 100 triples
    # calibrate: how long does the transaction of version 2 take?
    p = child("big", str(empty_store), aid, str(n))
    start = float(wait_for(p, "updating").split()[1])
    end = float(wait_for(p, "done").split()[1])
    p.wait()
    assert _count(empty_store, aid) == n
    with Store.open(empty_store, "w", ontology=False) as store:
        store.write_article(big_article(aid, 100))         # back to version 1
    outcomes = set()
    # a kill right after "updating" lands before the commit even on a loaded machine (the
    # calibration above can be slower or faster than the runs); the later ones mid-way
    for fraction in (0.02, 0.25, 0.6):
        p = child("big", str(empty_store), aid, str(n))
        wait_for(p, "updating")
        time.sleep((end - start) * fraction)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        count = _count(empty_store, aid)
        assert count in (100, n), f"half-written article: {count} triples"
        outcomes.add(count)
        with Store.open(empty_store, "w", ontology=False) as store:
            store.write_article(big_article(aid, 100))
    assert 100 in outcomes   # at least one kill landed before the commit


def _all_quads(path) -> list[str]:
    with Store.open(path) as store:
        return sorted(str(q) for q in store.db)


@pytest.mark.slow
def test_killed_in_the_middle_of_a_remove_the_store_is_before_or_after(tmp_path):
    """A remove that takes links away from other articles is one transaction too: after a
    kill -9 the store is the store before or the store of the other articles, and the
    remove run again reaches the latter."""
    from kg.rdf import article_graph, entity_graph
    from kg.store import layout
    from tests.support.synthetic import Corpus

    items = [(x.article.id, (article_graph(x), entity_graph(x)))
             for x in Corpus(seed=11, n_attacks=4).extractions(80)]
    removed = sorted(aid for aid, _ in items)[::2]
    full, rest = tmp_path / "full", tmp_path / "rest"
    with Store.open(full, "w", ontology=False) as store:
        store.write_articles([item for _, item in items])
        linked = {q.object.value for q in store.db.quads_for_pattern(
            None, None, None, layout.LINKS_GRAPH)}
    assert any(f"/article/{aid}/" in iri for aid in removed for iri in linked)
    with Store.open(rest, "w", ontology=False) as store:
        store.write_articles([item for aid, item in items if aid not in removed])
    before, after = _all_quads(full), _all_quads(rest)
    outcomes = []
    end = start = 0.0
    for fraction in (None, 0.0, 0.3, 0.7):
        work = tmp_path / f"work-{fraction}"
        shutil.copytree(full, work)
        p = child("remove", str(work), *removed)
        updating = float(wait_for(p, "updating").split()[1])
        if fraction is None:                 # not killed: how long the transaction takes
            start, end = updating, float(wait_for(p, "done").split()[1])
            p.wait()
        else:
            time.sleep(fraction * (end - start))
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
        state = _all_quads(work)
        assert state in (before, after), "a half-done remove"
        outcomes.append(state == before)
        if state == before:                  # run again: the store of the other articles
            with Store.open(work, "w", ontology=False) as store:
                store.remove_articles(removed)
            assert _all_quads(work) == after
    # the unkilled run removed; a kill right after "updating" lands before the commit
    assert outcomes[0] is False and outcomes[1] is True
