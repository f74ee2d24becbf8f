"""Equivalence of the SPARQL engine (`kg.validate.engine`) with pySHACL (`validate_graph`).

The contract: on the same data, the same set of results, each taken as (focus node, source
shape, severity, constraint component, value).  "The same data" is what the store holds:
pySHACL runs on an rdflib copy of the store (`union_graph`), since Oxigraph stores literals
in canonical form, with the declared integer datatypes given back (as an export does).
"""

from __future__ import annotations

from typing import Iterable, Optional

import pyoxigraph as ox

from kg import iris
from kg.validate import ValidationReport, pyshacl_report
from kg.validate.engine.terms import to_ox, to_rdflib, union_graph
from kg.validate.shacl import declared_datatypes


def key(r) -> tuple:
    return (r.focus_node, r.source_shape, r.severity, r.constraint_component, r.value)


def full_key(r) -> tuple:
    """Everything a result says: the key, and its path and message too."""
    return key(r) + (r.path, r.message)


def keys(report: ValidationReport) -> set:
    return {key(r) for r in report.results}


def mentioned(store: ox.Store, graphs: Iterable) -> set:
    out = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, to_ox(g)):
            out.add(to_rdflib(q.subject))
            if not isinstance(q.object, ox.Literal):
                out.add(to_rdflib(q.object))
    return out


def store_data(store: ox.Store):
    """The data graph the engine validates: the store's graphs but the ontology's, with the
    declared integer datatypes given back."""
    return union_graph(store, exclude=[iris.ONTOLOGY_GRAPH], restorer=declared_datatypes())


def reference(store: ox.Store, graphs: Optional[list] = None, shapes=None, how=key) -> set:
    """pySHACL's results on a copy of *store* (without the ontology graph); with *graphs*,
    only those on the focus nodes they mention."""
    report = pyshacl_report(store_data(store), shapes,
                            hierarchy=None if shapes is None else _hierarchy())
    out = {how(r) for r in report.results}
    if graphs is not None:
        nodes = mentioned(store, graphs)
        out = {k for k in out if k[0] in nodes}
    return out


def _hierarchy():
    from kg.validate.shacl import class_hierarchy
    return class_hierarchy()


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
