"""``owl:imports``: never followed, unless ``--follow-imports`` asks for it.

owlready2 loads every ``owl:imports`` of an ontology it loads (over HTTP, with no timeout,
from the addresses the file gives), and has no option to stop; HermiT would do the same with
the file owlready2 hands it.  So the graphs the reasoner reads carry no ``owl:imports``
(`kg.validate.reasoner.reasoner_view` drops them), and following them is done here, only
when asked: `follow_imports` fetches each imported ontology over http(s) with
`kg.validate.fetch.fetch` (timeout, size limit), reads it by its media type, and adds it to
the graph, then the ontologies those import, up to a limit.  The evidence-kg ontology is
never fetched: it is bundled.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...   <urn:x> a <http://www.w3.org/2002/07/owl#Ontology> ;
...     <http://www.w3.org/2002/07/owl#imports> <https://example.org/o.ttl> .''')
>>> imported_iris(g)
['https://example.org/o.ttl']
>>> follow_imports(g, FetchPolicy(), "x.ttl")   # not asked: nothing fetched
0
"""

from __future__ import annotations

import json
from typing import Iterable
from urllib.parse import urlsplit

from rdflib import Dataset, Graph, URIRef

from kg.errors import InputError
from kg.namespaces import ONTOLOGY_IRI, OWL
from kg.validate.fetch import FetchError, FetchPolicy, fetch, shown_url

#: Media type (and file ending) -> rdflib format, for imported ontologies.
MEDIA_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "nt", "application/rdf+xml": "xml",
    "application/owl+xml": None,  # OWL/XML: rdflib cannot read it
    "application/ld+json": "json-ld", "application/trig": "trig",
    "application/n-quads": "nquads",
}
SUFFIXES = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml",
            ".xml": "xml", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads"}
_ACCEPT = ("text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.9, "
           "application/ld+json;q=0.8, */*;q=0.1")
_BUNDLED = {ONTOLOGY_IRI, ONTOLOGY_IRI + "#", ONTOLOGY_IRI + "/"}


def imported_iris(graph: Graph) -> list[str]:
    """The IRIs *graph* imports with ``owl:imports`` (the bundled ontology left out)."""
    return sorted({str(o) for o in graph.objects(None, OWL.imports)
                   if isinstance(o, URIRef) and str(o) not in _BUNDLED})


def follow_imports(graph: Graph, policy: FetchPolicy, where: str,
                   done: Iterable[str] = ()) -> int:
    """Add to *graph* the ontologies it imports, and those they import, if *policy* allows
    it; return how many were added.  *done* are IRIs already followed (by an earlier
    file).  Problems raise `InputError` naming *where*, the file that imports."""
    if not policy.imports:
        return 0
    seen = set(done)
    todo = [iri for iri in imported_iris(graph) if iri not in seen]
    added = 0
    while todo:
        iri = todo.pop(0)
        if iri in seen:
            continue
        seen.add(iri)
        if added >= policy.max_documents:
            raise InputError(where, f"its owl:imports name more than {policy.max_documents} "
                             "ontologies", code="E306",
                             fix="put what you need of them into one file")
        before = set(imported_iris(graph))
        graph += _fetch_ontology(iri, policy, where)
        added += 1
        todo += [i for i in imported_iris(graph) if i not in before and i not in seen]
    return added


def _fetch_ontology(iri: str, policy: FetchPolicy, where: str) -> Graph:
    try:
        data, media = fetch(iri, policy, "the imported ontology", _ACCEPT)
    except FetchError as err:
        raise InputError(where, f"its owl:imports {shown_url(iri)} cannot be fetched: "
                         f"{err.cause}", fix=err.fix, code="E306") from None
    fmt = MEDIA_TYPES.get(media or "") or SUFFIXES.get(_suffix(iri))
    if fmt is None:
        kind = media or "of an unknown type"
        raise InputError(where, f"the ontology {shown_url(iri)} it imports is {kind}, which "
                         "evidence-kg cannot read", code="E306",
                         fix="import a Turtle, RDF/XML, N-Triples, TriG, N-Quads or JSON-LD "
                             "document")
    try:
        if fmt == "json-ld":
            from kg.validate.jsonld import parse_jsonld_data

            ds = parse_jsonld_data(json.loads(data), iri, where, policy)
        else:
            ds = Dataset()
            ds.parse(data=data, format=fmt, publicID=iri)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):  # named graphs merged
            g.add((s, p, o))
        return g
    except InputError:
        raise
    except Exception as exc:  # rdflib raises many kinds of parser errors
        detail = " ".join(str(exc).split())[:300]
        raise InputError(where, f"the ontology {shown_url(iri)} it imports does not parse as "
                         f"{fmt}: {detail or type(exc).__name__}", code="E306",
                         fix="check the address") from exc


def _suffix(iri: str) -> str:
    path = urlsplit(iri).path
    dot = path.rfind(".")
    return path[dot:].lower() if dot > path.rfind("/") else ""


__all__ = ["follow_imports", "imported_iris"]
