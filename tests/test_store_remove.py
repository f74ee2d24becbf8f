"""Removing and re-ingesting keep the store a function of its set of articles, quad for quad.

A property test on the synthetic corpus (`tests.support.synthetic`, few incidents so that
denials and allegations of different articles link up): ingest N articles in random batches,
some twice, remove a random subset (always one whose claims other articles link to), and
compare with a fresh store of the rest: every quad (internal graphs included), the export's
bytes, and validation.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from kg.export import export_text
from kg.namespaces import EKG
from kg.rdf import article_graph, entity_graph
from kg.store import Store, layout
from kg.validate.engine import validate_store
from tests.support.synthetic import Corpus

N = 30


@pytest.fixture(scope="module")
def corpus():
    """(article id, (article graph, entity facts)) of N articles about 4 incidents."""
    out = []
    for x in Corpus(seed=11, n_attacks=4).extractions(N):
        out.append((x.article.id, (article_graph(x), entity_graph(x))))
    return out


def state(store: Store) -> tuple[list[str], str]:
    """(every quad of the database, sorted; the N-Quads export)."""
    return sorted(str(q) for q in store.db), export_text(store, "nquads")


def violations(store: Store) -> list[str]:
    report = validate_store(store.db, None, default_graph=True)
    return [r.to_text() for r in report.results if r.severity.value == "Violation"]


def linked_articles(store: Store) -> set[str]:
    """The articles whose claims take part in a link between articles."""
    ids = set()
    for q in store.db.quads_for_pattern(None, None, None, layout.LINKS_GRAPH):
        for node in (q.subject, q.object):
            ids.add(node.value.split("/article/")[1].split("/")[0])
    return ids


def write_in_batches(store: Store, items: list, rng: random.Random) -> None:
    items = items[:]
    rng.shuffle(items)
    while items:
        k = rng.randint(1, 8)
        store.write_articles(items[:k])
        items = items[k:]


@pytest.mark.parametrize("seed", range(5))
def test_removing_articles_leaves_the_store_a_fresh_ingest_of_the_rest_gives(
        tmp_path, corpus, seed):
    rng = random.Random(seed)
    items = [item for _, item in corpus]
    with Store.open(tmp_path / "full", "w") as store:
        write_in_batches(store, items, rng)
        write_in_batches(store, rng.sample(items, N // 3), rng)     # some ingested twice
        linked = sorted(linked_articles(store))
        assert linked, "the corpus should link claims across articles"
        removed = {rng.choice(linked)} | set(rng.sample(store.article_ids(), rng.randint(0, 12)))
        links_before = sum(1 for _ in store.db.quads_for_pattern(
            None, None, None, layout.LINKS_GRAPH))
        order = sorted(removed)
        rng.shuffle(order)
        cut = rng.randint(1, len(order))
        store.remove_articles(order[:cut])
        if cut < len(order):      # the rest later, with a re-ingest of others in between
            kept = [item for aid, item in corpus if aid not in removed]
            write_in_batches(store, rng.sample(kept, 3), rng)
            store.remove_articles(order[cut:])
        assert sum(1 for _ in store.db.quads_for_pattern(
            None, None, None, layout.LINKS_GRAPH)) < links_before
        after_remove = state(store)
        assert violations(store) == []
    rest = [item for aid, item in corpus if aid not in removed]
    with Store.open(tmp_path / "fresh", "w") as fresh:
        fresh.write_articles(rest)
        expected = state(fresh)
        assert fresh.article_ids() == sorted(set(aid for aid, _ in corpus) - removed)
    assert len(after_remove[0]) == len(expected[0])
    assert after_remove[0] == expected[0]
    assert after_remove[1] == expected[1]


def test_reingesting_changes_no_quad(tmp_path, corpus):
    items = [item for _, item in corpus]
    with Store.open(tmp_path / "s", "w") as store:
        store.write_articles(items)
        before = state(store)
        assert any(True for _ in store.db.quads_for_pattern(None, None, None,
                                                           layout.LINKS_GRAPH))
        for k in (1, 7, N):                   # again, in batches of other sizes
            for i in range(0, N, k):
                result = store.write_articles(items[i:i + k])
                assert (result.inserted, result.deleted) == (0, 0)
        assert state(store) == before


def test_removing_the_allegations_article_takes_the_link_from_the_other_denial(store_path):
    from tests.support import fixture as fx

    graphs = fx.graphs()
    a_allegation = ox.NamedNode(str(fx.claim(graphs[0][0], EKG.Allegation)))
    b_denial = ox.NamedNode(str(fx.claim(graphs[1][0], EKG.Denial)))
    link = ox.Triple(b_denial, ox.NamedNode(str(EKG.denies)), a_allegation)
    with Store.open(store_path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        store.write_articles(graphs)
        assert ox.Quad(*link, layout.LINKS_GRAPH) in store.db
        assert ox.Quad(*link, ox.DefaultGraph()) in store.db
        store.remove_article(fx.ids()["A"])
        assert not list(store.db.quads_for_pattern(None, link.predicate, a_allegation, None))
        store.write_articles(graphs[:1])      # A again: the link is back
        assert ox.Quad(*link, layout.LINKS_GRAPH) in store.db
        store.remove_article(fx.ids()["B"])   # the denial's article: gone with its graph
        assert not list(store.db.quads_for_pattern(b_denial, None, None, None))
