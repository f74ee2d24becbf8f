"""RDF terms between rdflib (what `kg.rdf` builds) and pyoxigraph (what the store holds).

Two Oxigraph behaviours matter here:

* it stores literals by value, so it hands back canonical forms (``"0.80"^^xsd:decimal``
  comes back as ``"0.8"``), and
* it stores every integer-derived datatype as ``xsd:integer``: ``"12"^^xsd:nonNegativeInteger``
  comes back as ``"12"^^xsd:integer``.

Writes are therefore compared in Oxigraph's canonical form (`canonical_quads`), and reads that
leave the store (exports, pushes, validation) get their declared datatype back from
`DatatypeRestorer`: the datatype docs/design.md gives each property, for instance
``oa:start``, ``ekg:count`` and OWL cardinalities are ``xsd:nonNegativeInteger``.

Plain strings become plain rdflib literals (no ``xsd:string`` datatype): pySHACL treats
``Literal("x")`` and ``Literal("x", datatype=XSD.string)`` as different values.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Mapping, Optional

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.namespaces import EKG, EKGR, OA, OWL, RDFS, XSD

XSD_STRING = str(XSD.string)
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_DIGITS = re.compile(r"-?[0-9]+")
XSD_NNI = str(XSD.nonNegativeInteger)
_NNI = ox.NamedNode(XSD_NNI)

#: Integer-derived datatypes Oxigraph folds into xsd:integer, with their value ranges.
INTEGER_DATATYPES = {
    str(XSD.nonNegativeInteger): (0, None), str(XSD.positiveInteger): (1, None),
    str(XSD.nonPositiveInteger): (None, 0), str(XSD.negativeInteger): (None, -1),
    str(XSD.long): (-2**63, 2**63 - 1), str(XSD.int): (-2**31, 2**31 - 1),
    str(XSD.short): (-2**15, 2**15 - 1), str(XSD.byte): (-128, 127),
    str(XSD.unsignedLong): (0, 2**64 - 1), str(XSD.unsignedInt): (0, 2**32 - 1),
    str(XSD.unsignedShort): (0, 2**16 - 1), str(XSD.unsignedByte): (0, 255),
}

#: The datatype of every integer-valued property we write (docs/design.md), and OWL's.
DECLARED_INTEGER_DATATYPES: dict[str, str] = {
    str(p): str(XSD.nonNegativeInteger) for p in (
        OA.start, OA.end, EKG.count, EKG.upperCount, EKG.childrenCount, EKG.womenCount,
        EKG.killed, EKG.injured, EKG.voiceCount, EKG.denialCount, EKG.killedLow,
        EKG.killedHigh, EKG.injuredLow, EKG.injuredHigh, EKGR.byteSize,
        OWL.cardinality, OWL.minCardinality, OWL.maxCardinality,
        OWL.qualifiedCardinality, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality,
    )
}


# --- one conversion for all: pyoxigraph <-> rdflib -------------------------------------------
def to_ox(term):
    """An rdflib term as a pyoxigraph term (pyoxigraph terms pass through)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.DefaultGraph)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term) -> Optional[Node]:
    """A pyoxigraph term as an rdflib term (``xsd:string`` literals become plain ones)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        # as written: rdflib would otherwise rewrite "none"^^xsd:boolean as "false"
        return Literal(term.value, datatype=None if dt == XSD_STRING else URIRef(dt),
                       normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")


# --- rdflib -> pyoxigraph ---------------------------------------------------------------------
class ToOx:
    """Converts rdflib terms, caching IRIs (the same few thousand recur in every article).

    Typed literals come out as Oxigraph will store them (`canonical_literal`), so that what
    is written can be compared with what is read back.
    """

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._uris: dict[URIRef, ox.NamedNode] = {}   # the same, by rdflib term (no str())

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            try:
                node = ox.NamedNode(value)
            except ValueError as err:
                raise StoreError("E620", f"cannot store the IRI <{value}>", str(err),
                                 "mint IRIs with kg.iris only") from err
            if len(self._iris) > 200_000:
                self._iris.clear()
            self._iris[value] = node
        return node

    def term(self, t: Node):
        if isinstance(t, URIRef):
            node = self._uris.get(t)
            if node is None:
                node = self.iri(str(t))
                if len(self._uris) > 200_000:
                    self._uris.clear()
                self._uris[t] = node
            return node
        if isinstance(t, Literal):
            try:
                if t.language:
                    return ox.Literal(str(t), language=t.language)
                if t.datatype is not None and str(t.datatype) != XSD_STRING:
                    return canonical_literal(str(t), str(t.datatype))
                return ox.Literal(str(t))
            except ValueError as err:
                raise StoreError("E621", f"cannot store the literal {t.n3()}", str(err),
                                 "fix the value where the graph is built") from err
        if isinstance(t, BNode):
            raise StoreError("E622", "blank node in a graph given to the store",
                             "blank nodes get new identifiers on every write, so re-ingesting "
                             "would not give the same graph",
                             "name every node with an IRI from kg.iris")
        raise StoreError("E623", f"cannot store {t!r}", "it is not an RDF term")

    def quads(self, triples: Iterable, graph: ox.NamedNode) -> list[ox.Quad]:
        term = self.term
        return [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples]


_CANON: dict[tuple[str, str], ox.Literal] = {}


def canonical_literal(value: str, datatype: str) -> ox.Literal:
    """The typed literal as Oxigraph stores it (``"0.80"^^xsd:decimal`` -> ``"0.8"``,
    ``xsd:nonNegativeInteger`` -> ``xsd:integer``), found once per distinct value by a round
    trip through an in-memory store.

    >>> canonical_literal("007", "http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    <Literal value=7 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    key = (value, datatype)
    lit = _CANON.get(key)
    if lit is None:
        mem = ox.Store()
        node = ox.NamedNode("urn:x:canon")
        mem.add(ox.Quad(node, node, ox.Literal(value, datatype=ox.NamedNode(datatype))))
        stored = next(iter(mem)).object
        lit = ox.Literal(stored.value, datatype=ox.NamedNode(stored.datatype.value))
        if len(_CANON) > 100_000:
            _CANON.clear()
        _CANON[key] = lit
    return lit


def canonical_quads(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The quads as the store will hand them back (canonical literals, folded datatypes)."""
    mem = ox.Store()
    mem.extend(quads)
    return set(mem)


# --- pyoxigraph -> out ------------------------------------------------------------------------
class DatatypeRestorer:
    """Gives integer literals their declared datatype back, by property.

    >>> r = DatatypeRestorer()
    >>> p = ox.NamedNode("http://www.w3.org/ns/oa#start")
    >>> r.restore(p, ox.Literal("12", datatype=XSD_INTEGER)).datatype.value
    'http://www.w3.org/2001/XMLSchema#nonNegativeInteger'
    >>> r.restore(p, ox.Literal("-1", datatype=XSD_INTEGER)).datatype.value  # out of range
    'http://www.w3.org/2001/XMLSchema#integer'
    """

    def __init__(self, extra: Optional[Mapping[str, str]] = None):
        self.by_property: dict[str, ox.NamedNode] = {
            p: ox.NamedNode(dt) for p, dt in {**DECLARED_INTEGER_DATATYPES, **(extra or {})}.items()
            if dt in INTEGER_DATATYPES
        }

    @classmethod
    def from_ranges(cls, triples: Iterable[tuple]) -> "DatatypeRestorer":
        """Also restore what ``?p rdfs:range ?datatype`` triples (an ontology) declare."""
        extra = {s.value: o.value for s, p, o in triples
                 if p.value == str(RDFS.range) and isinstance(o, ox.NamedNode)
                 and o.value in INTEGER_DATATYPES}
        return cls(extra)

    def restore(self, predicate: ox.NamedNode, obj):
        if isinstance(obj, ox.Literal) and obj.datatype == XSD_INTEGER:
            dt = self.by_property.get(predicate.value)
            if dt is not None and _DIGITS.fullmatch(obj.value):
                lo, hi = INTEGER_DATATYPES[dt.value]
                n = int(obj.value)
                if (lo is None or n >= lo) and (hi is None or n <= hi):
                    return ox.Literal(obj.value, datatype=dt)
        return obj

    def keeps(self, predicate: ox.NamedNode, literal: ox.Literal) -> bool:
        """Does a store give *literal* back as written, on *predicate*?  Oxigraph stores it
        in canonical form (`canonical_literal`) and this restorer gives the declared
        integer datatype back: ``"5"^^xsd:nonNegativeInteger`` on ``oa:start`` is kept,
        ``"5"^^xsd:int`` on it or anywhere undeclared is not, nor ``"0.80"^^xsd:decimal``.

        >>> r = DatatypeRestorer()
        >>> start = ox.NamedNode("http://www.w3.org/ns/oa#start")
        >>> r.keeps(start, ox.Literal("5", datatype=ox.NamedNode(XSD_NNI)))
        True
        >>> r.keeps(start, ox.Literal("5", datatype=XSD_INTEGER))
        False
        """
        if literal.language or literal.datatype.value in (XSD_STRING, RDF_LANGSTRING):
            return True
        stored = canonical_literal(literal.value, literal.datatype.value)
        return self.restore(predicate, stored) == literal

    def quads(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        restore = self.restore
        for q in quads:
            o = restore(q.predicate, q.object)
            yield q if o is q.object else ox.Quad(q.subject, q.predicate, o, q.graph_name)


