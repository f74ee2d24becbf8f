"""``kg export --format graphml``: a network that networkx (and so Gephi and Cytoscape, which
read the same GraphML) loads, holding the store's nodes and links, the same bytes every time."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import export_text, merged_triples
from kg.store import Store

DATA = "https://w3id.org/evidence-kg/id/"


@pytest.fixture(scope="module")
def graphml(tmp_path_factory, fixture_store):
    out = tmp_path_factory.mktemp("graphml") / "kg.graphml"
    result = CliRunner().invoke(cli, ["export", "--store", str(fixture_store),
                                      "--without-ontology", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_networkx_reads_every_resource_and_link_of_the_store(graphml, fixture_store):
    g = nx.read_graphml(graphml)
    with Store.open(fixture_store) as store:
        triples = list(merged_triples(store, with_ontology=False))
    import pyoxigraph as ox

    links = {(str(s), p.value, str(o)) for s, p, o in triples
             if not isinstance(o, ox.Literal) and not p.value.endswith("#type")}
    resources = {a for a, _, b in links} | {b for _, _, b in links} | {
        str(s) for s, _, _ in triples}
    assert g.number_of_nodes() == len(resources)
    assert g.number_of_edges() == len(links)
    by_iri = {d["iri"]: n for n, d in g.nodes(data=True)}
    attack = g.nodes[by_iri[DATA + "attack/eastvale-2024-03-01-hospital"]]
    assert attack["type"] == "ekg:Attack" and attack["ekg:date"] == "2024-03-01"
    ministry = by_iri[DATA + "agent/northland-defence-ministry"]
    assert g.nodes[ministry]["label"] == "Northland Defence Ministry"
    assert [d["predicate"] for _, t, d in g.out_edges(ministry, data=True)
            if t == by_iri[DATA + "agent/northland"]] == ["ekg:speaksFor"]
    quote = next(d for d in g.nodes.values() if d.get("type") == "ekg:Quote")
    assert isinstance(quote["oa:start"], int) and quote["label"] == quote["oa:exact"]


def test_the_same_store_gives_the_same_bytes(graphml, fixture_store):
    with Store.open(fixture_store) as store:
        assert export_text(store, "graphml", with_ontology=False) == graphml.read_text(
            encoding="utf-8")


def test_the_format_comes_from_the_file_suffix(tmp_path, fixture_store, graphml):
    out = tmp_path / "net.graphml"
    result = CliRunner().invoke(cli, ["export", "--store", str(fixture_store), "-o", str(out)])
    assert result.exit_code == 0 and "(graphml," in result.output
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    # with the ontology: its terms are nodes too
    assert nx.read_graphml(out).number_of_nodes() > nx.read_graphml(graphml).number_of_nodes()


def test_text_xml_forbids_is_replaced_not_written():
    import io

    import pyoxigraph as ox

    from kg.graphml import write_triples

    s = ox.NamedNode(DATA + "article/x")
    out = io.StringIO()
    write_triples([(s, ox.NamedNode("https://w3id.org/evidence-kg/ns#text"),
                    ox.Literal("a\x0bb <c> & d")),
                   (s, ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))], out)
    g = nx.parse_graphml(out.getvalue())
    node = next(d for d in g.nodes.values() if d["iri"] == DATA + "article/x")
    assert node["ekg:text"] == "a\ufffdb <c> & d"
