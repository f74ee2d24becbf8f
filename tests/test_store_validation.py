"""Validation of what is in the store, with the real shapes (kg.validate)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg import iris
from kg.namespaces import EKG, OA, XSD
from kg.store import Store
from kg.store.validation import neighbourhood_graphs, validate_articles, validate_store
from kg.validate import validate_graph
from tests.support import fixture as fx

pytest.importorskip("pyshacl")


@pytest.fixture(scope="module")
def real_store(tmp_path_factory, fixture_graphs):
    path = tmp_path_factory.mktemp("v") / "kg-store"
    with Store.open(path, "w") as store:       # the bundled ontology
        store.write_articles(fixture_graphs)
    return path


def test_each_article_alone_conforms_though_its_context_is_partial(real_store):
    with Store.open(real_store) as store:
        for letter, aid in fx.ids().items():
            report = validate_articles(store, [aid])
            assert report.conforms, (letter, report.render("text"))


def test_a_broken_article_is_caught_and_only_its_own_results_shown(tmp_path, fixture_graphs):
    graphs = [(g, f) for g, f in fixture_graphs]
    g, facts = graphs[1]
    broken = g.__class__(identifier=g.identifier)
    broken += g
    quote = next(broken.subjects(OA.start, None))
    broken.remove((quote, OA.end, None))
    broken.add((quote, OA.end, Literal(100000, datatype=XSD.nonNegativeInteger)))
    graphs[1] = (broken, facts)
    with Store.open(tmp_path / "s", "w") as store:
        store.write_articles(graphs)
        report = validate_articles(store, [fx.ids()["B"]])
        assert not report.conforms
        assert {r.focus_node for r in report.results} == {quote}
        assert validate_articles(store, [fx.ids()["C"]]).conforms
        full = validate_store(store, batch_size=2)
        assert {r.focus_node for r in full.results} == {quote}


def test_neighbourhood_holds_whole_articles(real_store):
    with Store.open(real_store) as store:
        graphs = neighbourhood_graphs(store, [fx.ids()["B"]])
    names = {str(g.identifier) for g in graphs}
    assert str(iris.article_graph_iri(fx.ids()["A"])) in names     # shares the incident
    assert str(iris.article_graph_iri(fx.ids()["C"])) not in names
    assert URIRef(iris.ENTITIES_GRAPH) in {g.identifier for g in graphs}
    by_name = {g.identifier: g for g in graphs}
    b_denial = fx.claim(by_name[iris.article_graph_iri(fx.ids()["B"])], EKG.Denial)
    a_allegation = fx.claim(by_name[iris.article_graph_iri(fx.ids()["A"])], EKG.Allegation)
    holding = [name for name, g in by_name.items() if (b_denial, EKG.denies, a_allegation) in g]
    assert len(holding) == 1 and str(holding[0]).startswith(iris.INCIDENT_GRAPH_PREFIX)
    merged = Graph()
    for g in graphs:
        merged += g
    report = validate_graph(merged)
    assert report.passes(), report.render("text")
