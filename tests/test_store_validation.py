"""Validation of what is in the store, with the real shapes: the one way an ingest
validates what it wrote (`kg.pipeline.validate_written`: the engine on the store, with the
pySHACL hand-off), and the whole store."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg import iris
from kg.namespaces import EKG, OA, XSD
from kg.pipeline import validate_written
from kg.store import Store
from kg.validate import validate_store
from tests.support import fixture as fx


def validate_articles(store, ids):
    return validate_written(store, ids)


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
        full = validate_store(store.db, default_graph=True)
        assert {r.focus_node for r in full.results} == {quote}
        assert full.engine_shapes > 20 and not full.handed_off


@pytest.mark.parametrize("literal", [Literal(12), Literal("20", datatype=XSD.byte),
                                     Literal("0.80", datatype=XSD.decimal)])
def test_the_store_refuses_what_it_would_give_back_otherwise(tmp_path, fixture_graphs, literal):
    """Same data, same report: a literal the store would read back in another form (an
    xsd:integer offset, which would come back as an xsd:nonNegativeInteger; an xsd:byte; a
    decimal not in canonical form) is refused, and nothing is written."""
    from kg.errors import StoreError

    g, facts = fixture_graphs[0]
    broken = g.__class__(identifier=g.identifier)
    broken += g
    quote = next(broken.subjects(OA.start, None))
    broken.set((quote, OA.start, literal))
    with Store.open(tmp_path / "s", "w") as store:
        with pytest.raises(StoreError, match="E624"):
            store.write_articles([(broken, facts)])
        assert store.article_ids() == []
        store.write_articles([(g, facts)])                 # as kg.rdf writes it: kept
        assert store.article_ids() == [fx.ids()["A"]]


def test_same_data_same_report_from_the_store_and_from_its_export(tmp_path, fixture_graphs):
    """`kg validate --store` and `kg validate` on the store's export give the same report
    (results, messages, shapes), counts and offsets included: the store's integers come
    back with their declared datatype, in the export and in the engine."""
    from click.testing import CliRunner

    from kg.cli import cli

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
    runner = CliRunner()
    out = tmp_path / "export.ttl"
    assert runner.invoke(cli, ["export", "--store", str(tmp_path / "s"), "-o", str(out),
                               "--without-ontology"]).exit_code == 0
    from_store = runner.invoke(cli, ["validate", "--store", str(tmp_path / "s"),
                                     "--format", "json"])
    from_file = runner.invoke(cli, ["validate", str(out), "--format", "json"])
    assert from_store.exit_code == from_file.exit_code == 1

    def results(output):
        import json
        data = json.loads(output[output.index("{"):])
        assert data["checked_by"]["pyshacl_shapes"] == {}
        return sorted((r["focus_node"], r["source_shape"], r["value"], r["message"])
                      for r in data["results"])
    assert results(from_store.stdout) == results(from_file.stdout) != []
    assert "nonNegativeInteger" in out.read_text()      # offsets, as declared


def test_an_article_alone_is_validated_with_the_links_the_store_derived(tmp_path,
                                                                        fixture_graphs):
    """The links between claims of different articles live in the graph of the incident
    their reports are in (rule 10); validating article B alone (its graph holding no
    ekg:denies) sees its denial's link to A's allegation, and A's allegation typed in A's
    graph, so B conforms, and a shape about that link is checked on B's denial."""
    from kg.validate.combined import user_shapes

    ids = fx.ids()
    graphs = [(g, f) for g, f in fixture_graphs]
    b = next(i for i, (g, _) in enumerate(graphs)
             if g.identifier == iris.article_graph_iri(ids["B"]))
    g, facts = graphs[b]
    alone = g.__class__(identifier=g.identifier)
    alone += g
    alone.remove((None, EKG.denies, None))
    graphs[b] = (alone, facts)
    with Store.open(tmp_path / "s", "w") as store:
        store.write_articles(graphs)
        a_allegation = fx.claim(store.article_graph(ids["A"]), EKG.Allegation)
        b_denial = fx.claim(store.article_graph(ids["B"]), EKG.Denial)
        assert not any(store.article_graph(ids["B"]).triples((None, EKG.denies, None)))
        assert any((b_denial, EKG.denies, a_allegation) in store.graph(g)
                   for g in store.incident_graphs())
        report = validate_articles(store, [ids["B"]])
        assert report.conforms and report.engine_shapes > 20, report.render("text")
        no_denies = Graph().parse(format="turtle", data=f"""
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            <urn:x:NoDenies> a sh:NodeShape ; sh:targetNode <{b_denial}> ;
                sh:property [ sh:path <{EKG.denies}> ; sh:maxCount 0 ] .""")
        found = validate_store(store.db, [iris.article_graph_iri(ids["B"])],
                               shapes=user_shapes(no_denies, False), default_graph=True)
        assert [r.focus_node for r in found.results] == [b_denial]
