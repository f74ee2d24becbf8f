"""Which IRIs a shapes file or the ontology may use: every IRI must be defined somewhere.

Our own terms must be defined by the ontology (and so declared in `kg.namespaces.EKG`);
terms of SHACL, RDF, RDFS, XSD, OWL and the reused vocabularies must exist in rdflib's
closed `DefinedNamespace` declarations of them (pySHACL's copy of the SHACL vocabulary for
``sh:``), so that a typo such as ``ekg:evidense`` or ``sh:minCont`` fails a test.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, VANN, XSD

import pyshacl
from kg.namespaces import EKGR, NS_IRI, OA
from kg.validate.report import SHAPES_NS

#: Namespaces whose every term rdflib declares (closed), by namespace IRI.
CLOSED = {str(ns): ns for ns in (DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, VANN, XSD, OA,
                                              EKGR)}
#: IRIs used as values, not as vocabulary (licences, versions, documentation links).
DOCUMENT_PREFIXES = ("https://spdx.org/licenses/", "https://www.w3.org/TR/",
                     "https://w3id.org/evidence-kg/ns/", "https://w3id.org/evidence-kg/shapes/")


@lru_cache(maxsize=1)
def shacl_terms() -> frozenset:
    path = Path(pyshacl.__file__).parent / "assets" / "shacl.ttl"
    g = Graph().parse(path, format="turtle")
    return frozenset(s for s in g.subjects() if isinstance(s, URIRef))


def ontology_terms(ontology: Graph) -> set[URIRef]:
    """Our terms the ontology defines (gives a type to)."""
    return {s for s in ontology.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS_IRI)}


def iris(g: Graph) -> set[URIRef]:
    found = set()
    for triple in g:
        for node in triple:
            if isinstance(node, URIRef):
                found.add(node)
            elif isinstance(node, Literal) and node.datatype is not None:
                found.add(node.datatype)
    return found


def undefined_terms(g: Graph, ontology: Graph, local: set[URIRef] = frozenset()) -> list[str]:
    """IRIs of *g* that no known vocabulary defines (*local*: IRIs *g* defines itself)."""
    ours = ontology_terms(ontology)
    sh = shacl_terms()
    bad = []
    for iri in sorted(iris(g)):
        s = str(iri)
        if iri in local or s.startswith(DOCUMENT_PREFIXES) or s == NS_IRI[:-1]:
            continue
        if s.startswith(NS_IRI):
            ok = iri in ours
        elif s.startswith("http://www.w3.org/ns/shacl#"):
            ok = iri in sh
        else:
            ns = next((n for n in CLOSED if s.startswith(n)), None)
            ok = ns is not None and iri in CLOSED[ns]
        if not ok:
            bad.append(s)
    return bad


__all__ = ["SHAPES_NS", "undefined_terms", "ontology_terms", "iris"]
