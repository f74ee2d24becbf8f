"""One way to validate: the SPARQL engine for the shapes it supports, pySHACL for the rest.

`validate_store` and `validate_graph` compile the shapes with `kg.validate.engine` without
refusing anything: a shape with targets that the engine cannot check exactly (a qualified
value shape, a SPARQL-based constraint component, a sub-SELECT...) is handed to pySHACL with
the reason, together with every shape that refers to it, so that every shape is checked, and
the report says which validator checked what (`ValidationReport.handed_off`).  pySHACL sees the same
data graph the engine validates: for a store, its triples with the declared integer
datatypes given back (what ``kg export`` writes); for files, the files as parsed.

Files go through an in-memory Oxigraph store, which keeps a literal only in canonical form
and folds the integer types into ``xsd:integer`` (`kg.store.terms`).  When a file holds a
literal such a store would not give back as written (``"20"^^xsd:byte``, ``"0.80"``...),
pySHACL checks everything, on the file as parsed, and the report says why: so files and
stores give the same report for the same data, and neither gives a silent wrong answer.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional, Union

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph

from kg import iris
from kg.namespaces import RDF, RDFS, SH
from kg.store.terms import to_ox
from kg.validate.engine.run import CompiledShapes
from kg.validate.engine.terms import union_graph
from kg.validate.report import ValidationReport, show
from kg.validate.shacl import class_hierarchy, declared_datatypes, pyshacl_report, shapes_graph

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class Shapes:
    """A shapes graph compiled for the engine, and what the engine hands to pySHACL."""

    def __init__(self, graph: Graph, hierarchy: Optional[Graph] = None):
        self.graph = graph
        self.hierarchy = hierarchy if hierarchy is not None else Graph()
        self.compiled = CompiledShapes(graph, self.hierarchy, strict=False,
                                       restorer=declared_datatypes())
        self.refused = {show(node): f"{err.what}: {err.cause}"
                        for node, err in sorted(self.compiled.refused.items(), key=str)}
        self.handoff = _without_targets(graph, self.compiled.roots) if self.refused else None

    def report_info(self, report: ValidationReport) -> ValidationReport:
        report.engine_shapes = len(self.compiled.roots)
        report.handed_off = dict(self.refused)
        return report


@lru_cache(maxsize=1)
def bundled_shapes() -> Shapes:
    """The bundled shapes (every one of them is checked by the engine; a test says so)."""
    return Shapes(shapes_graph(), class_hierarchy())


def user_shapes(graph: Graph, with_bundled: bool = True) -> Shapes:
    """*graph* (a user's shapes), added to the bundled shapes or instead of them.  The
    ontology's class hierarchy is used with the bundled shapes only."""
    if not with_bundled:
        return Shapes(graph)
    both = Graph()
    both += shapes_graph()
    both += graph
    return Shapes(both, class_hierarchy())


def _without_targets(graph: Graph, roots) -> Graph:
    """A copy of *graph* in which the shapes the engine checks have no targets: what is left
    for pySHACL to check."""
    done = {r.node for r in roots}
    out = Graph()
    for s, p, o in graph:
        if s in done and (p in _TARGETS or (p == RDF.type and o in (RDFS.Class, URIRef(
                "http://www.w3.org/2002/07/owl#Class")))):
            continue
        out.add((s, p, o))
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    return out


# --- stores --------------------------------------------------------------------------------

def validate_store(store: ox.Store, graphs: Optional[Iterable] = None, *,
                   shapes: Optional[Shapes] = None, default_graph: bool = False
                   ) -> ValidationReport:
    """Validate *store* (every graph but the ontology's, or the focus nodes *graphs*
    mention: see `kg.validate.engine.validate_store`) with the bundled shapes or *shapes*."""
    shapes = shapes or bundled_shapes()
    graph_list = None if graphs is None else list(graphs)
    report = shapes.compiled.validate(store, graph_list, default_graph=default_graph)
    if shapes.handoff is not None:
        data = _store_data(store, default_graph)
        theirs = pyshacl_report(data, shapes.handoff, hierarchy=shapes.hierarchy)
        results = theirs.results
        if graph_list is not None:
            nodes = _mentioned(store, graph_list)
            results = [r for r in results if r.focus_node in nodes]
        report = ValidationReport(report.results + results, report.triples)
    return shapes.report_info(report)


def _store_data(store: ox.Store, default_graph: bool) -> Graph:
    """The data graph the engine validates, for pySHACL: the store's triples (its default
    graph only, with *default_graph*; else every graph but the ontology's), with the
    declared integer datatypes given back."""
    if default_graph:
        quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        g = Graph()
        for q in declared_datatypes().quads(quads):
            g.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
        return g
    return union_graph(store, exclude=[iris.ONTOLOGY_GRAPH], restorer=declared_datatypes())


def _rdflib(term):
    from kg.store.terms import to_rdflib
    return to_rdflib(term)


def _mentioned(store: ox.Store, graphs: list) -> set:
    nodes = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, to_ox(g)):
            nodes.add(_rdflib(q.subject))
            if not isinstance(q.object, ox.Literal):
                nodes.add(_rdflib(q.object))
    return nodes


# --- graphs and files ----------------------------------------------------------------------

def validate_graph(data: Graph, shapes: Union[Graph, Shapes, None] = None, *,
                   with_bundled: bool = True) -> ValidationReport:
    """Validate *data* (an rdflib graph, left untouched; a `Dataset` as the union of its
    graphs) with the bundled shapes, or *shapes* added to them (instead of them without
    *with_bundled*; a `Shapes` is used as it is)."""
    if isinstance(shapes, Shapes):
        compiled = shapes
    elif shapes is None:
        compiled = bundled_shapes() if with_bundled else Shapes(Graph())
    else:
        compiled = user_shapes(shapes, with_bundled)
    triples = list(_triples(data))
    lossy = first_lossy(triples)
    if lossy is not None:
        report = pyshacl_report(_graph(triples), compiled.graph, hierarchy=compiled.hierarchy)
        report.handed_off = {"every shape": f"the data holds {lossy}, which an Oxigraph store "
                                            "would not give back as written"}
        return report
    store = ox.Store()
    graph = ox.NamedNode("urn:x-evidence-kg:validate")
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)
    report = compiled.compiled.validate(store)
    if compiled.handoff is not None:
        theirs = pyshacl_report(_graph(triples), compiled.handoff, hierarchy=compiled.hierarchy)
        report = ValidationReport(report.results + theirs.results, report.triples)
    report.triples = len(triples)
    return compiled.report_info(report)


def first_lossy(triples: Iterable[tuple]) -> Optional[str]:
    """The literals a store would give back in another form, in words (the first in
    code-point order, as "value on property", and how many more), or None."""
    restorer = declared_datatypes()
    lossy = sorted({(o, p) for s, p, o in triples
                    if isinstance(o, Literal) and o.datatype is not None and not o.language
                    and not restorer.keeps(to_ox(p), to_ox(o))},
                   key=lambda op: (op[0].n3(), op[1].n3()))
    if not lossy:
        return None
    value, prop = lossy[0]
    more = f" (and {len(lossy) - 1} more)" if len(lossy) > 1 else ""
    return f"{show(value)} on {show(prop)}{more}"


def _triples(data: Graph):
    if isinstance(data, ConjunctiveGraph):
        seen = set()
        for s, p, o, _ in data.quads((None, None, None, None)):
            if (s, p, o) not in seen:
                seen.add((s, p, o))
                yield s, p, o
    else:
        yield from data


def _graph(triples: list) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


__all__ = ["Shapes", "bundled_shapes", "first_lossy", "user_shapes", "validate_graph",
           "validate_store"]
