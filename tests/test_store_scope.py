"""Incremental validation: the scope of a few articles, whatever the size of the store."""

from __future__ import annotations

from rdflib import URIRef

from kg import iris
from kg.namespaces import EKG, RDF, RDFS
from kg.rdf import article_graph, entity_graph
from kg.store import Store
from tests.support import fixture as fx
from tests.support.synthetic import Corpus


def test_scope_of_one_article(fixture_store):
    ids = fx.ids()
    with Store.open(fixture_store) as store:
        scope = store.validation_scope([ids["B"]])
    g, focus = scope.graph, set(scope.focus_nodes)
    b_article, a_article = iris.article_iri(ids["B"]), iris.article_iri(ids["A"])
    assert b_article in focus
    for key in ("ivan pell", "northland defence ministry", "northland", "witnesses"):
        assert iris.agent_iri(key) in focus                 # named, or spoken for, by B
    for key in ("eastvale", "west province"):
        assert iris.place_iri(key) in focus
    # the allegation of A that B's denial answers is there as context, not as a focus node
    a_allegations = [s for s in g.subjects(RDF.type, EKG.Allegation)
                     if str(s).startswith(str(a_article))]
    assert a_allegations and not set(a_allegations) & focus
    assert (EKG.Hospital, RDFS.subClassOf, EKG.MedicalFacility) in g   # the ontology
    # nothing from C and D
    for letter in "CD":
        assert not any(str(s).startswith(str(iris.article_iri(ids[letter]))) for s in g.subjects())
    assert iris.agent_iri("southern rights watch") not in set(g.subjects())


def test_scope_does_not_grow_with_the_store(tmp_path, fixture_graphs):
    path = tmp_path / "s"
    b = fx.ids()["B"]
    with Store.open(path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        store.write_articles(fixture_graphs)
        before = store.validation_scope([b])
        corpus = Corpus(seed=11)
        store.write_articles([(article_graph(x), entity_graph(x))
                              for x in corpus.extractions(300)])
        after = store.validation_scope([b])
    assert len(after.graph) <= len(before.graph) + 10       # Northland's description may grow
    synthetic = {str(iris.article_iri(x.article.id)) for x in corpus.extractions(300)}
    assert not any(str(s).split("/quote/")[0] in synthetic for s in after.graph.subjects())


def test_full_validation_in_batches_covers_each_node_once(fixture_store):
    with Store.open(fixture_store) as store:
        scopes = list(store.iter_validation_scopes(batch_size=3))
        assert [len(s.articles) for s in scopes] == [3, 1]
        seen = [n for s in scopes for n in s.focus_nodes]
    assert len(seen) == len(set(seen))
    assert URIRef(iris.attack_iri(fx.ATTACK_1)) in seen
    assert URIRef(iris.agent_iri("rebel front")) in seen
