"""Exports: deterministic bytes, and files other tools read back unchanged."""

from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import OWL, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import FORMATS, RDF_FORMATS, export_text
from kg.store import Store
from tests.support import fixture as fx


def store_quads(store, with_ontology=True) -> set:
    return {(q.subject, q.predicate, q.object, q.graph_name)
            for q in store.quads(with_ontology=with_ontology)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_articles_any_order_same_bytes(tmp_path, fixture_graphs, fmt):
    texts = []
    for i, order in enumerate((fixture_graphs, list(reversed(fixture_graphs)))):
        with Store.open(tmp_path / f"s{i}", "w", ontology=fx.STANDIN_ONTOLOGY) as store:
            for item in order:
                store.write_article(*item)
            store.write_articles(order)                     # ingested twice
        with Store.open(tmp_path / f"s{i}") as store:
            texts.append(export_text(store, fmt))
            texts.append(export_text(store, fmt))
    assert len(set(texts)) == 1
    assert texts[0].endswith("\n") and "\r" not in texts[0]


def test_nquads_and_trig_hold_every_public_graph(fixture_store):
    with Store.open(fixture_store) as store:
        expected = store_quads(store)
        for fmt, rdf_format in (("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
            parsed = {(q.subject, q.predicate, q.object, q.graph_name)
                      for q in ox.parse(export_text(store, fmt), rdf_format)}
            assert _no_bnode_labels(parsed) == _no_bnode_labels(expected), fmt


def _no_bnode_labels(quads):
    return {tuple("_:" if isinstance(t, ox.BlankNode) else t for t in q) for q in quads}


def test_turtle_and_ntriples_hold_the_merge(fixture_store):
    with Store.open(fixture_store) as store:
        expected = {(s, p, o) for s, p, o, _ in store_quads(store)}
        for fmt, rdf_format in (("turtle", ox.RdfFormat.TURTLE),
                                ("ntriples", ox.RdfFormat.N_TRIPLES)):
            parsed = {(q.subject, q.predicate, q.object)
                      for q in ox.parse(export_text(store, fmt), rdf_format)}
            assert _no_bnode_labels(parsed) == _no_bnode_labels(expected), fmt


def test_rdflib_reads_them_as_the_same_graphs(fixture_store):
    with Store.open(fixture_store) as store:
        ds = store.dataset()
        merged = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        assert isomorphic(Graph().parse(data=export_text(store, "turtle"), format="turtle"),
                          merged)
        back = Dataset()
        back.parse(data=export_text(store, "jsonld"), format="json-ld")
        for g in ds.graphs():
            if len(g):
                assert isomorphic(back.graph(g.identifier), g), g.identifier


def test_without_ontology(fixture_store):
    with Store.open(fixture_store) as store:
        for fmt in RDF_FORMATS:
            text = export_text(store, fmt, with_ontology=False)
            assert "owl:Class" not in text and "Class>" not in text, fmt
            assert "Riverside Hospital" in text
        assert "owl:Class" in export_text(store, "turtle")


def test_counts_keep_their_declared_datatype(fixture_store):
    with Store.open(fixture_store) as store:
        text = export_text(store, "turtle")
    assert 'oa:start "19"^^xsd:nonNegativeInteger' in text
    assert "XMLSchema#integer" not in text and "xsd:integer" not in text


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("fmt,syntax", [("turtle", "turtle"), ("trig", "trig"),
                                        ("ntriples", "ntriples"), ("nquads", "nquads")])
def test_rapper_reads_them(fixture_store, tmp_path, fmt, syntax):
    with Store.open(fixture_store) as store:
        text = export_text(store, fmt)
        expected = len(store_quads(store)) if fmt in ("trig", "nquads") else \
            len({q[:3] for q in store_quads(store)})
    path = tmp_path / f"export.{fmt}"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"returned {expected} " in done.stderr, done.stderr
    assert "warning" not in done.stderr.lower() and "error" not in done.stderr.lower()


def test_every_format_is_isomorphic_with_the_turtle_rdf_lists_included(tmp_path):
    """With the real ontology (owl:unionOf, owl:members lists): JSON-LD keeps the order of
    RDF lists, RDF/XML holds the same graph; rdflib.compare.isomorphic on the merge."""
    with Store.open(tmp_path / "s", "w") as store:          # the bundled ontology
        pass
    with Store.open(tmp_path / "s") as store:
        turtle = Graph().parse(data=export_text(store, "turtle"), format="turtle")
        assert any(True for _ in turtle.objects(None, URIRef(OWL + "unionOf")))
        rdfxml = Graph().parse(data=export_text(store, "rdfxml"), format="xml")
        jsonld = Dataset()
        jsonld.parse(data=export_text(store, "jsonld"), format="json-ld")
        merged = Graph()
        for s, p, o, _ in jsonld.quads((None, None, None, None)):
            merged.add((s, p, o))
    assert len(turtle) > 500
    assert isomorphic(rdfxml, turtle)
    assert isomorphic(merged, turtle)


@pytest.mark.parametrize("name,fmt", [("kg.rdf", "rdfxml"), ("kg.owl", "rdfxml"),
                                      ("kg.xml", "rdfxml"), ("kg.json", "jsonld"),
                                      ("KG.TTL", "turtle"), ("kg.nq", "nquads")])
def test_export_chooses_the_format_from_the_extension(fixture_store, tmp_path, name, fmt):
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / name
    result = CliRunner().invoke(cli, ["export", "--store", str(fixture_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"({fmt}," in result.output
    with Store.open(fixture_store) as store:
        assert out.read_text(encoding="utf-8") == export_text(store, fmt)


def test_export_refuses_an_extension_it_cannot_tell(fixture_store, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["export", "--store", str(fixture_store),
                                      "-o", str(tmp_path / "kg.txt")])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output and "--format" in result.output
    assert not (tmp_path / "kg.txt").exists()
