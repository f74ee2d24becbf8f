"""What the engine validates (the union but the ontology graph, or the nodes some graphs
mention, read through the whole store), and its documented differences from pySHACL."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from benchmarks.synthetic import extractions
from kg import iris
from kg.namespaces import EKG, OA, RDF, XSD
from kg.rdf import article_graph, entity_graph
from kg.validate import pyshacl_report, validate_graph
from kg.validate.engine import validate_store
from kg.validate.engine.terms import to_ox, union_graph
from kg.validate.shacl import ontology_graph
from tests.engine_support import keys, reference, store_of
from tests.shape_cases import base_graph as _cached_base

ENTITIES = iris.ENTITIES_GRAPH


def base_graph() -> Graph:
    """A copy of tests/shapes/base.ttl (the cached graph is shared: never change it)."""
    g = Graph()
    g += _cached_base()
    return g


def shapes_of(report) -> set[str]:
    return {str(r.source_shape).split("#")[1] for r in report.results}


def ingested(n: int, seed: int = 3) -> tuple[ox.Store, list]:
    """A store as ingest leaves it: one graph per article, the entities graph."""
    xs = list(extractions(n, seed))
    store = ox.Store()
    names = []
    for x in xs:
        g = article_graph(x)
        names.append(to_ox(g.identifier))
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g.identifier)) for s, p, o in g)
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(ENTITIES))
                     for s, p, o in entity_graph(x))
    return store, names


def test_an_article_graph_reads_its_entities_from_the_whole_store():
    store, names = ingested(3)
    assert validate_store(store, names[:1]).results == []
    # pySHACL on the article graph alone lacks the types of agents and places
    alone = pyshacl_report(union_graph(store, names[:1]))
    assert {"Claim-source", "Attack-location"} <= shapes_of(alone)


def test_a_denial_of_another_articles_allegation_is_checked_across_graphs():
    store, names = ingested(2)
    allegation = next(q.subject for q in store.quads_for_pattern(
        None, to_ox(RDF.type), to_ox(EKG.Allegation), names[0]))
    denial = next(q.subject for q in store.quads_for_pattern(
        None, to_ox(RDF.type), to_ox(EKG.Denial), names[1]))
    store.add(ox.Quad(denial, to_ox(EKG.denies), allegation, names[1]))
    assert validate_store(store, names[1:]).results == []
    store.remove_graph(names[0])      # the allegation's article is gone: it has no type
    assert "Denial-denies" in shapes_of(validate_store(store, names[1:]))


def test_only_the_nodes_the_graphs_mention_are_validated():
    store, names = ingested(3)
    article = next(q.subject for q in store.quads_for_pattern(
        None, to_ox(RDF.type), to_ox(EKG.Article), names[0]))
    store.remove(next(iter(store.quads_for_pattern(article, to_ox(EKG.sha256), None))))
    assert validate_store(store, names[1:]).results == []
    assert shapes_of(validate_store(store, names[:1])) == {"Article-sha256"}
    assert validate_store(store, []).results == []
    report = validate_store(store, names[:1])
    assert report.triples == sum(1 for _ in store.quads_for_pattern(None, None, None, names[0]))


def test_the_ontology_graph_is_left_out():
    store, _ = ingested(3)
    before = keys(validate_store(store))
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(iris.ONTOLOGY_GRAPH))
                 for s, p, o in ontology_graph())
    assert keys(validate_store(store)) == before
    # were the ontology to type a node as an article, the engine lists the other graphs
    # instead of using the union, and the node is still no focus node
    store.add(ox.Quad(to_ox(EKG.Claim), to_ox(RDF.type), to_ox(EKG.Article),
                      to_ox(iris.ONTOLOGY_GRAPH)))
    assert keys(validate_store(store)) == before == reference(store)


# --- differences from pySHACL, on purpose --------------------------------------------------

EX = "https://example.org/test/"


def test_integer_types_a_store_cannot_keep_go_to_pyshacl():
    """A file with ``ekg:count 12`` (an xsd:integer where the shapes want an
    xsd:nonNegativeInteger) holds what no store can give back as written: pySHACL checks
    the file and says so.  A store gives its integers back with their declared datatype
    (12 on ekg:count is an xsd:nonNegativeInteger, -2 an xsd:integer), and the engine's
    report on it is pySHACL's on that data."""
    g = base_graph()
    g.set((URIRef(EX + "figure"), EKG.count, Literal(12)))                  # xsd:integer
    g.set((URIRef(EX + "attack"), EKG.injured, Literal("-2", datatype=XSD.nonNegativeInteger)))
    from_file = validate_graph(g)
    assert shapes_of(from_file) == {"CasualtyFigure-count-nonNegative", "Attack-injured"}
    why = from_file.handed_off["every shape"]
    assert '"-2"^^xsd:nonNegativeInteger on ekg:injured (and 1 more)' in why, why
    store = store_of(g)
    stored = next(iter(store.quads_for_pattern(to_ox(URIRef(EX + "figure")),
                                               to_ox(EKG.count), None))).object
    assert stored.datatype.value == str(XSD.integer)
    assert shapes_of(validate_store(store)) == {"Attack-injured"}
    assert keys(validate_store(store)) == reference(store)


def test_an_offset_python_reads_as_a_number_but_xsd_does_not():
    """rdflib reads " 5"^^xsd:nonNegativeInteger as 5; Oxigraph keeps it as written and its
    SPARQL functions see no number, so the quote offsets check reports it, and so does
    sh:datatype: " 5" is not in the lexical space of the type (pySHACL lets it pass; read
    as written, rdflib's SPARQL sees no digits either)."""
    store = store_of(base_graph())
    q, start = to_ox(URIRef(EX + "q-msf")), to_ox(OA.start)
    (old,) = store.quads_for_pattern(q, start, None)
    store.remove(old)      # (rdflib itself would write " 5" as "5")
    store.add(ox.Quad(q, start, ox.Literal(" 5", datatype=to_ox(XSD.nonNegativeInteger)),
                      old.graph_name))
    assert shapes_of(validate_store(store)) == {"QuoteMatchesArticleText", "Quote-start"}
    assert {str(k[1]).split("#")[1] for k in reference(store)} == {"QuoteMatchesArticleText"}


def test_values_rdflib_cannot_order_are_a_violation_not_an_error():
    g = base_graph()
    a = URIRef(EX + "attack")
    g.set((a, EKG.earliestDate, Literal("2017", datatype=XSD.gYear)))
    g.set((a, EKG.latestDate, Literal("2016", datatype=XSD.gYear)))
    with pytest.raises(TypeError):
        pyshacl_report(g)
    assert "Attack-earliestDate-notAfterLatestDate" in shapes_of(validate_store(store_of(g)))
    assert "Attack-earliestDate-notAfterLatestDate" in shapes_of(validate_graph(g))


def test_sparql_constraints_follow_sparql_type_errors():
    """rdflib finds "x" > 10 true; SPARQL calls it a type error, and so does Oxigraph."""
    shapes = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:S> a sh:NodeShape ; sh:targetNode <urn:n> ; sh:sparql [
            sh:select "SELECT $this ?value WHERE { $this <urn:p> ?value FILTER(?value > 10) }"
        ] .""")
    data = Graph().parse(format="turtle", data='<urn:n> <urn:p> "x" , 11 , 9 .')
    from kg.validate.engine import compile_shapes
    ours = {r.value for r in compile_shapes(shapes).validate(store_of(data)).results}
    theirs = {r.value for r in pyshacl_report(data, shapes).results}
    assert ours == {Literal(11)} and theirs == {Literal(11), Literal("x")}


def test_message_values_are_put_in_as_they_are():
    g = base_graph()
    g.set((URIRef(EX + "q-msf"), OA.exact, Literal(r"C:\1 and \g<0>")))
    (result,) = validate_store(store_of(g)).results
    assert "Médecins Sans Frontières" in result.message and r"C:\1" not in result.message
    assert result.value == Literal(r"C:\1 and \g<0>")
