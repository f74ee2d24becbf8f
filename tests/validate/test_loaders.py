"""One loader per RDF format; named graphs merged; errors name the file and the problem."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.validate import load_files, load_graph

S, P = URIRef("urn:s"), URIRef("urn:p")


def sample() -> Graph:
    g = Graph()
    g.add((S, P, Literal("Médecins 😢 “x”")))
    g.add((S, P, URIRef("urn:o")))
    return g


@pytest.mark.parametrize("ext, fmt", [(".ttl", "turtle"), (".turtle", "turtle"), (".nt", "nt"),
                                      (".jsonld", "json-ld"), (".json", "json-ld"),
                                      (".rdf", "xml"), (".owl", "xml"), (".xml", "xml")])
def test_triple_formats(tmp_path, ext, fmt):
    f = tmp_path / f"g{ext}"
    f.write_text(sample().serialize(format=fmt), encoding="utf-8")
    assert isomorphic(load_graph(f), sample())


@pytest.mark.parametrize("ext, fmt", [(".trig", "trig"), (".nq", "nquads"), (".jsonld", "json-ld")])
def test_quad_formats_give_the_union_of_their_graphs(tmp_path, ext, fmt):
    ds = Dataset()
    ds.graph(URIRef("urn:g1")).add((S, P, Literal(1)))
    ds.graph(URIRef("urn:g2")).add((S, P, Literal(2)))
    ds.add((S, P, Literal(3)))  # default graph
    f = tmp_path / f"d{ext}"
    f.write_text(ds.serialize(format=fmt), encoding="utf-8")
    assert set(load_graph(f).objects(S, P)) == {Literal(1), Literal(2), Literal(3)}


def test_several_files_are_merged(tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.nt"
    a.write_text("<urn:s> <urn:p> 1 .", encoding="utf-8")
    b.write_text("<urn:s> <urn:p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
                 encoding="utf-8")
    assert len(load_files([a, b])) == 2


def test_errors(tmp_path):
    with pytest.raises(InputError, match=r"\[E301\] .*nope\.ttl: no such file"):
        load_graph(tmp_path / "nope.ttl")
    with pytest.raises(InputError, match=r"\[E301\] .*is a directory"):
        load_graph(tmp_path / "dir.ttl" if (tmp_path / "dir.ttl").mkdir() is None else "")
    with pytest.raises(InputError, match=r"\[E302\] .*README: no file extension"):
        load_graph(tmp_path / "README")
    bad = tmp_path / "bad.nq"
    bad.write_text("<urn:s> <urn:p> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E303\] .*bad\.nq: not valid N-Quads") as err:
        load_graph(bad)
    assert err.value.path.endswith("bad.nq") and "Fix:" in str(err.value)


def test_literals_are_read_as_written(tmp_path):
    """rdflib's own parser would rewrite an ill-formed boolean as "false" and hide it from
    sh:datatype; the loaders keep every lexical form."""
    f = tmp_path / "g.ttl"
    f.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                 '<urn:s> <urn:p> "none"^^xsd:boolean , "0.80"^^xsd:decimal , '
                 '"+05"^^xsd:integer .\n',
                 encoding="utf-8")
    assert sorted(str(o) for o in load_graph(f).objects()) == ["+05", "0.80", "none"]

