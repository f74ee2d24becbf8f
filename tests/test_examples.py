"""The example graphs: up to date with examples/graph/build.py and kg.rdf, valid or failing
as documented; and what kg.rdf emits validates against the shapes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.model import AgentRef, Article, Attack, Claim, Extraction, PlaceRef, Span
from kg.rdf import article_graph, entity_graph
from kg.validate import validate, validate_graph

GRAPHS = Path(__file__).resolve().parent.parent / "examples" / "graph"


def _builder():
    spec = importlib.util.spec_from_file_location("examples_graph_build", GRAPHS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


@pytest.mark.parametrize("name", sorted(BUILD.GRAPHS))
def test_example_file_is_up_to_date(name):
    on_disk = Graph().parse(GRAPHS / name, format="turtle")
    built = BUILD.GRAPHS[name]()
    if not isomorphic(on_disk, built):
        _, only_disk, only_built = graph_diff(to_isomorphic(on_disk), to_isomorphic(built))
        pytest.fail(f"{name} is stale (regenerate: python examples/graph/build.py): "
                    f"{len(only_disk)} triples only on disk, {len(only_built)} only built")


def test_sample_is_valid_without_warnings():
    report = validate([GRAPHS / "sample.ttl"])
    assert report.results == [], report.to_text()


def test_rdf_article_and_entity_graphs_validate_together():
    x = BUILD.extraction()
    g = article_graph(x) + entity_graph(x)
    assert validate_graph(g).results == []
    # the article graph alone lacks the types of agents and places, which the entities
    # graph holds: validation must see both (as the store's validation does)
    alone = validate_graph(article_graph(x))
    assert {str(r.source_shape).split("#")[1] for r in alone.results} == {
        "Claim-source", "Allegation-accused", "Denial-defends", "Attack-location",
        "Attack-perpetrator", "Attack-possiblePerpetrator"}


@pytest.mark.parametrize("name, shapes", [
    ("invalid/bad-quote-offsets.ttl", {"QuoteMatchesArticleText"}),
    ("invalid/denial-denies-nothing.ttl", {"DenialDeniesOrConcerns"}),
    ("invalid/negative-casualty-figure.ttl",
     {"CasualtyFigure-count-nonNegative", "Attack-injured"}),
])
def test_invalid_examples_fail_only_as_intended(name, shapes):
    report = validate([GRAPHS / name])
    assert not report.passes()
    assert {str(r.source_shape).split("#")[1] for r in report.results} == shapes


def test_place_named_like_an_agent_keeps_its_label():
    art = Article.from_text("Syria said Syria was hit.")
    x = Extraction(art, claims=[Claim("allegation", Span(0, 5),
                                      AgentRef("Syria", key="syria", kind="government"))],
                   attacks=[Attack(Span(11, 24), place=PlaceRef("Syria", key="syria"), key="k")])
    report = validate_graph(entity_graph(x))
    assert report.results == [], report.to_text()
