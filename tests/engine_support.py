"""Equivalence of the SPARQL engine (`kg.validate.engine`) with pySHACL (`validate_graph`).

The contract: on the same data, the same set of results, each taken as (focus node, source
shape, severity, constraint component, value).  "The same data" is what the store holds:
pySHACL runs on an rdflib copy of the store (`union_graph`), since Oxigraph stores literals
in canonical form.  One documented difference is taken out of pySHACL's results first:
Oxigraph stores every integer type as ``xsd:integer``, and the engine accepts an in-range
``xsd:integer`` for ``sh:datatype xsd:nonNegativeInteger`` (and the other integer types).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

import pyoxigraph as ox
from rdflib import Literal

from kg import iris
from kg.namespaces import SH, XSD
from kg.validate import ValidationReport, validate_graph
from kg.validate.engine import compile_shapes
from kg.validate.engine.components import INTEGER_TYPES, DatatypeConstraint
from kg.validate.engine.terms import to_ox, to_rdflib, union_graph


def key(r) -> tuple:
    return (r.focus_node, r.source_shape, r.severity, r.constraint_component, r.value)


def full_key(r) -> tuple:
    """Everything a result says: the key, and its path and message too."""
    return key(r) + (r.path, r.message)


def keys(report: ValidationReport) -> set:
    return {key(r) for r in report.results}


def _datatypes() -> dict:
    return {c.shape.node: c.datatype for check in compile_shapes().checks
            for c in check.constraints if isinstance(c, DatatypeConstraint)}


def integer_in_range(r) -> bool:
    """A pySHACL datatype result that the engine does not give, on purpose: an xsd:integer
    for an integer type whose range it is in (the store cannot tell the two apart)."""
    if r.constraint_component != SH.DatatypeConstraintComponent:
        return False
    dt, v = _datatypes().get(r.source_shape), r.value
    if dt not in INTEGER_TYPES or not isinstance(v, Literal) or v.datatype != XSD.integer \
            or not re.fullmatch(r"-?[0-9]+", str(v)):
        return False
    lo, hi = INTEGER_TYPES[dt]
    return (lo is None or int(v) >= lo) and (hi is None or int(v) <= hi)


def mentioned(store: ox.Store, graphs: Iterable) -> set:
    out = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, to_ox(g)):
            out.add(to_rdflib(q.subject))
            if not isinstance(q.object, ox.Literal):
                out.add(to_rdflib(q.object))
    return out


def reference(store: ox.Store, graphs: Optional[list] = None, shapes=None) -> set:
    """pySHACL's results on a copy of *store* (without the ontology graph), less the
    documented difference; with *graphs*, only those on the focus nodes they mention."""
    return split_reference(store, graphs, shapes)[0]


def split_reference(store: ox.Store, graphs: Optional[list] = None, shapes=None, how=key
                    ) -> tuple[set, set]:
    """pySHACL's results as in `reference`, and apart those of the documented difference."""
    report = validate_graph(union_graph(store, exclude=[iris.ONTOLOGY_GRAPH]), shapes)
    out = {how(r) for r in report.results if not integer_in_range(r)}
    excepted = {key(r) for r in report.results if integer_in_range(r)}
    if graphs is not None:
        nodes = mentioned(store, graphs)
        out = {k for k in out if k[0] in nodes}
    return out, excepted


def store_of(*quads_or_graphs, graph=iris.article_graph_iri("test")) -> ox.Store:
    """A store holding rdflib graphs (in *graph*) or pyoxigraph quads as they are."""
    store = ox.Store()
    for item in quads_or_graphs:
        if isinstance(item, list):
            store.extend(item)
        else:
            gn = to_ox(graph)
            store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), gn) for s, p, o in item)
    return store


def diff(ours: set, theirs: set) -> str:
    lines = [f"only the engine: {k}" for k in sorted(ours - theirs, key=str)]
    lines += [f"only pySHACL:   {k}" for k in sorted(theirs - ours, key=str)]
    return "\n".join(lines)
