"""The review and custody vocabulary: ontology/review.ttl defines exactly the terms
`kg.namespaces.EKGR` declares, each with one English label and definition."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.namespaces import EKGR, REVIEW_NS_IRI, RDF, RDFS, SKOS
from kg.resources import ontology_file


def _vocab() -> Graph:
    return Graph().parse(ontology_file().parent / "review.ttl", format="turtle")


def test_defines_exactly_the_declared_terms():
    g = _vocab()
    defined = {s for s in g.subjects(RDF.type, None)
               if isinstance(s, URIRef) and str(s).startswith(REVIEW_NS_IRI)}
    declared = {EKGR[name] for name in EKGR.__annotations__}
    assert sorted(declared - defined) == []
    assert sorted(defined - declared) == []


def test_every_term_has_one_english_label_and_definition():
    g = _vocab()
    for term in sorted(EKGR[name] for name in EKGR.__annotations__):
        for prop in (RDFS.label, SKOS.definition):
            values = [v for v in g.objects(term, prop) if isinstance(v, Literal)]
            assert len(values) == 1 and values[0].language == "en", (term, prop)
