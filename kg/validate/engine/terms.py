"""RDF terms between rdflib and pyoxigraph, and as SPARQL text.

Terms go into query text only through `sparql()`, which is Oxigraph's own N-Triples
serialisation (escaped, so a value cannot change the query); nothing is pasted in raw.

A plain rdflib literal and an ``xsd:string`` one are the same RDF term in Oxigraph;
`to_rdflib` gives the plain form, as rdflib's Turtle parser does, so results compare equal
to pySHACL's on a parsed graph.

>>> from rdflib import Literal, URIRef
>>> sparql(URIRef("https://example.org/a"))
'<https://example.org/a>'
>>> sparql(Literal('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> to_rdflib(to_ox(Literal("12", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))))
rdflib.term.Literal('12', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
>>> to_rdflib(to_ox(Literal("x")))
rdflib.term.Literal('x')
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.store.terms import DatatypeRestorer, to_ox, to_rdflib

OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]


def sparql(term: Union[Node, OxTerm]) -> str:
    """*term* as SPARQL text (an IRI, literal or, for a blank node, a ``_:`` label)."""
    return str(to_ox(term))


def canonical(term: Union[Node, OxTerm]) -> OxTerm:
    """*term* as an Oxigraph store holds it: a literal of a datatype Oxigraph knows is
    stored in canonical form (``"+05"^^xsd:integer`` as ``"5"``, ``"0.80"`` as ``"0.8"``).

    >>> from rdflib import Literal, XSD
    >>> canonical(Literal("+05", datatype=XSD.integer)).value
    '5'
    """
    term = to_ox(term)
    if not isinstance(term, ox.Literal):
        return term
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), term))
    return next(iter(store)).object


def union_graph(store: ox.Store, graphs: Optional[Iterable[ox.NamedNode]] = None,
                exclude: Iterable[ox.NamedNode] = (), *,
                restorer: Optional[DatatypeRestorer] = None) -> Graph:
    """The triples of *store* (of *graphs*, or of every graph but *exclude*) as one rdflib
    graph, integer datatypes restored by *restorer* (as an export does): the data graph the
    engine validates, for pySHACL."""
    g = Graph()
    skip = {to_ox(x) for x in exclude}
    if graphs is None:
        quads = (q for q in store if q.graph_name not in skip)
    else:
        quads = (q for gn in graphs for q in store.quads_for_pattern(None, None, None, to_ox(gn)))
    if restorer is not None:
        quads = restorer.quads(quads)
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


__all__ = ["OxTerm", "canonical", "sparql", "to_ox", "to_rdflib", "union_graph"]
