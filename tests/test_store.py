"""The embedded store: writes, replacement, removal, the entities graph, the default graph."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import iris
from kg.errors import StoreError
from kg.namespaces import EKG, RDF, RDFS, SKOS, XSD
from kg.rdf import article_graph, entity_graph, new_graph
from kg.store import Store
from kg.store import layout
from tests.support import fixture as fx


def public_vs_default(store: Store) -> tuple[set, set]:
    """(triples of all public graphs, triples of the default graph)."""
    pub, dflt = set(), set()
    for q in store.db:
        t = (q.subject, q.predicate, q.object)
        if q.graph_name == ox.DefaultGraph():
            dflt.add(t)
        elif layout.is_public_graph(q.graph_name.value):
            pub.add(t)
    return pub, dflt


def all_quads(path) -> list[str]:
    with Store.open(path) as s:
        return sorted(str(q) for q in s.db)


def test_articles_read_back_as_written(fixture_store, fixture_graphs):
    with Store.open(fixture_store) as store:
        assert store.article_ids() == sorted(fx.ids().values())
        for g, _ in fixture_graphs:
            back = store.article_graph(layout.article_id_of(str(g.identifier)))
            assert isomorphic(back, g)  # datatypes included: nonNegativeInteger comes back


def test_offsets_keep_their_datatype_and_strings_stay_plain(fixture_store):
    with Store.open(fixture_store) as store:
        g = store.article_graph(fx.ids()["A"])
    starts = list(g.objects(None, URIRef("http://www.w3.org/ns/oa#start")))
    assert starts and all(o.datatype == XSD.nonNegativeInteger for o in starts)
    titles = list(g.objects(None, URIRef("http://purl.org/dc/terms/title")))
    assert titles == [Literal("Hospital struck in Eastvale")]  # no xsd:string datatype


def test_default_graph_is_the_merge_of_public_graphs(fixture_store):
    with Store.open(fixture_store) as store:
        pub, dflt = public_vs_default(store)
    assert pub == dflt
    attack = ox.NamedNode(str(iris.attack_iri(fx.ATTACK_1)))
    # stated by two articles, present once
    assert (attack, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(EKG.Attack))) in dflt


def test_rewriting_the_same_articles_changes_nothing(store_path, fixture_graphs):
    with Store.open(store_path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        first = store.write_articles(fixture_graphs)
        again = store.write_articles(fixture_graphs)
    assert first.inserted > 300
    assert (again.inserted, again.deleted) == (0, 0)


def test_replacing_an_article_writes_the_difference(store_path, fixture_graphs):
    with Store.open(store_path, "w", ontology=False) as store:
        store.write_articles(fixture_graphs)
        g, facts = fixture_graphs[2]
        changed = Graph(identifier=g.identifier)
        changed += g
        article = iris.article_iri(fx.ids()["C"])
        changed.remove((article, URIRef("https://schema.org/publisher"), None))
        changed.add((article, URIRef("https://schema.org/publisher"), Literal("Valley Times")))
        result = store.write_article(changed, facts)
        assert (result.inserted, result.deleted) == (2, 2)  # article graph + default graph
        assert isomorphic(store.article_graph(fx.ids()["C"]), changed)
        pub, dflt = public_vs_default(store)
        assert pub == dflt
        publisher = ox.NamedNode("https://schema.org/publisher")
        c = ox.NamedNode(str(article))
        assert (c, publisher, ox.Literal("Valley Times")) in dflt
        assert (c, publisher, ox.Literal("Daily Ledger")) not in dflt


def test_removing_an_article_removes_what_only_it_said(store_path, fixture_graphs):
    with Store.open(store_path, "w", ontology=False) as store:
        store.write_articles(fixture_graphs)
        store.remove_article(fx.ids()["C"])
        assert fx.ids()["C"] not in store.article_ids()
        entities = store.entities_graph()
        labels = {str(o) for o in entities.objects(None, RDFS.label)}
        assert "Southern Rights Watch" not in labels      # only C named it
        assert "Rebel Front" in labels                   # D names it too
        pub, dflt = public_vs_default(store)
        assert pub == dflt
        market = ox.NamedNode(str(iris.attack_iri(fx.ATTACK_2)))
        assert not any(s == market for s, _, _ in dflt)
        with pytest.raises(StoreError, match="E613"):
            store.remove_article(fx.ids()["C"])


def test_same_set_of_articles_gives_the_same_store_whatever_the_order(tmp_path, fixture_graphs):
    from tests.support.synthetic import Corpus

    extra = [(article_graph(x), entity_graph(x)) for x in Corpus(seed=5).extractions(40)]
    items = fixture_graphs + extra
    with Store.open(tmp_path / "a", "w", ontology=fx.STANDIN_ONTOLOGY) as s:
        s.write_articles(items)
    with Store.open(tmp_path / "b", "w", ontology=fx.STANDIN_ONTOLOGY) as s:
        shuffled = items[:]
        random.Random(7).shuffle(shuffled)
        for item in shuffled:
            s.write_article(*item)
    with Store.open(tmp_path / "c", "w", ontology=fx.STANDIN_ONTOLOGY) as s:
        s.write_articles(items[10:])              # some, then remove some, then all again
        s.remove_articles(s.article_ids()[::3])
        s.write_articles(items)
    a = all_quads(tmp_path / "a")
    assert a == all_quads(tmp_path / "b") == all_quads(tmp_path / "c")


def _facts(aid: str, label: str, kind=EKG.NGO, alt=None) -> tuple[Graph, Graph]:
    article = new_graph(iris.article_graph_iri(aid))
    article.add((iris.article_iri(aid), RDF.type, EKG.Article))
    facts = new_graph(iris.ENTITIES_GRAPH)
    un = iris.agent_iri("un")
    facts.add((un, RDF.type, EKG.Agent))
    facts.add((un, RDFS.label, Literal(label)))
    facts.add((un, EKG.sourceKind, kind))
    if alt:
        facts.add((un, SKOS.altLabel, Literal(alt)))
    return article, facts


def test_entity_label_is_the_most_stated_then_longest_then_first(store_path):
    un = iris.agent_iri("un")
    with Store.open(store_path, "w", ontology=False) as store:
        store.write_articles([_facts("a1", "UN", alt="U.N."), _facts("a2", "United Nations"),
                              _facts("a3", "United Nations", kind=EKG.Intergovernmental)])
        g = store.entities_graph()
        assert g.value(un, RDFS.label) == Literal("United Nations")
        assert set(g.objects(un, SKOS.altLabel)) == {Literal("UN"), Literal("U.N.")}
        assert g.value(un, EKG.sourceKind) == EKG.NGO   # 2 NGO (a1, a2) against 1
        store.remove_articles(["a2", "a3"])
        g = store.entities_graph()
        assert g.value(un, RDFS.label) == Literal("UN")
        assert set(g.objects(un, SKOS.altLabel)) == {Literal("U.N.")}
        store.write_articles([_facts("a4", "UNO")])     # 1 against 1: the longer
        assert store.entities_graph().value(un, RDFS.label) == Literal("UNO")
        store.remove_articles(["a1", "a4"])
        assert len(store.entities_graph()) == 0
        pub, dflt = public_vs_default(store)
        assert pub == dflt


def test_a_failing_article_leaves_the_batch_unwritten(store_path, fixture_graphs):
    good, facts = fixture_graphs[0]
    bad = new_graph(iris.article_graph_iri("badbadbadbadbad0"))
    bad.add((URIRef("https://example.org/has space"), RDF.type, EKG.Article))
    with Store.open(store_path, "w", ontology=False) as store:
        with pytest.raises(StoreError, match="E620"):
            store.write_articles([(good, facts), (bad, None)])
        assert store.article_ids() == []
        assert len(store.db) == 0


def test_blank_nodes_and_foreign_graphs_are_refused(store_path):
    from rdflib import BNode

    g = new_graph(iris.article_graph_iri("0123456789abcdef"))
    g.add((BNode(), RDF.type, EKG.Article))
    with Store.open(store_path, "w", ontology=False) as store:
        with pytest.raises(StoreError, match="E622"):
            store.write_article(g)
        with pytest.raises(StoreError, match="E614"):
            store.write_article(Graph(identifier=URIRef("https://example.org/g")))


def test_readers_cannot_write(fixture_store, fixture_graphs):
    with Store.open(fixture_store) as store:
        with pytest.raises(StoreError, match="E609"):
            store.write_articles(fixture_graphs)


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="E605"):
        Store.open(tmp_path, "w")
    with pytest.raises(StoreError, match="E602"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="E606"):
        Store.open(tmp_path / "missing")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_new_store_reads_as_empty(store_path):
    Store.open(store_path, "w", ontology=False).close()
    with Store.open(store_path) as store:
        assert store.article_ids() == []
        assert list(store.query("SELECT * WHERE { ?s ?p ?o }")) == []


def test_ontology_loads_once_with_stable_blank_nodes(store_path, tmp_path):
    with Store.open(store_path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        first = sorted(str(q) for q in store.quads(layout.ONTOLOGY_GRAPH))
        assert any("_:" in q for q in first)           # the OWL restriction
        assert not store.load_ontology(fx.STANDIN_ONTOLOGY)   # unchanged: nothing to do
        changed = tmp_path / "onto.ttl"
        changed.write_text(fx.STANDIN_ONTOLOGY.read_text().replace('"hospital"', '"clinic"'))
        assert store.load_ontology(changed)
        labels = {str(o) for o in store.ontology_graph().objects(None, RDFS.label)}
        assert "clinic" in labels and "hospital" not in labels
        pub, dflt = public_vs_default(store)
        assert pub == dflt
    with Store.open(store_path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        assert sorted(str(q) for q in store.quads(layout.ONTOLOGY_GRAPH)) == first


def test_cardinalities_keep_their_datatype(fixture_store):
    with Store.open(fixture_store) as store:
        g = store.ontology_graph()
    (card,) = g.objects(None, URIRef("http://www.w3.org/2002/07/owl#cardinality"))
    assert card.datatype == XSD.nonNegativeInteger


def test_deletions_are_counted_and_compaction_resets_them(store_path, fixture_graphs):
    with Store.open(store_path, "w", ontology=False) as store:
        store.write_articles(fixture_graphs)
        store.remove_article(fx.ids()["D"])
        deleted = store.stats()["deleted_since_optimize"]
        assert deleted > 20
        assert not store.maybe_optimize(threshold=deleted + 1)
        assert store.maybe_optimize(threshold=deleted)
        assert store.stats()["deleted_since_optimize"] == 0


def test_compaction_threshold_follows_the_store_size(store_path, fixture_graphs, monkeypatch):
    from kg.store import store as store_module

    monkeypatch.setattr(store_module, "OPTIMIZE_MIN_DELETIONS", 10)
    with Store.open(store_path, "w", ontology=False) as store:
        store.write_articles(fixture_graphs)
        size = store.stats()["quads"]
        assert store._meta["quads"] == size          # the running estimate is exact here
        monkeypatch.setattr(store_module, "OPTIMIZE_FRACTION", 0.9)
        assert not store.remove_article(fx.ids()["D"]).optimized
        monkeypatch.setattr(store_module, "OPTIMIZE_FRACTION", 0.01)
        assert store.remove_article(fx.ids()["C"]).optimized
        assert store.stats()["deleted_since_optimize"] == 0
