"""Run compiled shapes on a pyoxigraph store: one SPARQL query per constraint.

`CompiledShapes.validate` works out the dataset (the store's union of graphs), the class
hierarchy (the ontology's plus any ``rdfs:subClassOf`` in the data), the focus nodes (every
target, or only the nodes that the given graphs mention), renders one query per
constraint, runs it, lets Python decide the few doubtful rows (see `components`), and
returns a `ValidationReport` like the one of `kg.validate.pyshacl_report`.

The checks and how their rows become results are in `checks`.
"""

from __future__ import annotations

import logging
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Union

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg import iris
from kg.namespaces import RDF, RDFS, XSD
from kg.store.terms import DatatypeRestorer
from kg.validate.engine import components as cc
from kg.validate.engine.checks import (Check, CountsCheck, _Fetched, checks_of,  # noqa: F401
                                       generic_message, merged_checks)
from kg.validate.engine.shapes import Shape, UnsupportedShapeError, path_iris, read_shapes
from kg.validate.engine.terms import sparql, to_ox, to_rdflib
from kg.validate.report import ValidationReport, ValidationResult

log = logging.getLogger(__name__)

PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}
GraphName = Union[ox.NamedNode, URIRef]


# --- rendering context -------------------------------------------------------------------

class Context:
    """What a query needs beyond the shapes: the class hierarchy, the declared integer
    datatypes of properties (`DatatypeRestorer`), fresh variable names, and for each value
    variable the property its values are read through (its origin)."""

    def __init__(self, subclasses: dict[Node, set[Node]], doubt: bool = False,
                 restorer: Optional[DatatypeRestorer] = None):
        self.subclasses = subclasses
        self.doubt = doubt          # every row to Python (a test of the Python twins)
        self.restorer = restorer or DatatypeRestorer()
        self.counter = 0
        self.stack: list[Shape] = []
        self.origins: dict[str, Optional[URIRef]] = {}

    # -- declared integer datatypes ------------------------------------------------------------
    def value_origin(self, shape: Shape) -> Optional[URIRef]:
        """The property whose declared integer datatype the values of *shape* take back
        (`DatatypeRestorer`), or None.  A path of several steps through such a property is
        refused: which step a value came from, so its datatype, is unknown."""
        if not shape.is_property_shape:
            return None
        declared = self.restorer.by_property
        if isinstance(shape.path, URIRef):
            return shape.path if str(shape.path) in declared else None
        through = sorted(p for p in path_iris(shape.path) if str(p) in declared)
        if through:
            raise UnsupportedShapeError(
                "E330", f"shape {shape.label()} reads values through <{through[0]}> in a path "
                "of several steps", cause="a store gives back that property's integers as "
                "xsd:integer, and the declared datatype of a value cannot be told in a path",
                fix="check the value with a shape whose sh:path is the property itself")
        return None

    def declared_type(self, var: str) -> Optional[URIRef]:
        """The declared integer datatype of the values in *var*, if any."""
        origin = self.origins.get(var)
        if origin is None:
            return None
        return URIRef(self.restorer.by_property[str(origin)].value)

    def restore(self, origin: Optional[URIRef], value):
        """*value* (an Oxigraph term) as the data graph holds it: with its declared integer
        datatype when read through *origin*."""
        if origin is None or not isinstance(value, ox.Literal):
            return value
        return self.restorer.restore(to_ox(origin), value)

    def var(self, name: str) -> str:
        self.counter += 1
        return f"?_kg_{name}{self.counter}"

    def closure(self, cls: Node) -> list[URIRef]:
        """*cls* and its subclasses (named ones: a blank node cannot go into a query)."""
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(c for c in seen if isinstance(c, URIRef))

    @contextmanager
    def entering(self, shape: Shape) -> Iterator[None]:
        if shape in self.stack:
            raise UnsupportedShapeError(
                "E330", f"shape {shape.label()} refers to itself through sh:node, sh:not, "
                "sh:and or sh:or", cause="recursive shapes are not supported",
                fix="unfold the recursion (https://www.w3.org/TR/shacl/#shapes-recursion)")
        self.stack.append(shape)
        try:
            yield
        finally:
            self.stack.pop()

    def unsupported_nested(self, shape: Shape, c) -> UnsupportedShapeError:
        """*c* of *shape* cannot be checked inside sh:not, sh:and, sh:or or sh:node."""
        if isinstance(c, cc.CountConstraint):
            what = f"sh:{'minCount' if c.at_least else 'maxCount'} {c.bound}"
            why = "above 4 (3 for sh:maxCount) it is not supported there"
        else:
            what, why = "a sh:sparql constraint", "nested SPARQL constraints are not supported"
        return UnsupportedShapeError(
            "E330", f"shape {shape.label()} has {what} and is used inside sh:not, sh:and, "
            "sh:or or sh:node", cause=why, fix="move the constraint to a shape with targets")


class View:
    """Lookups for the Python side (doubtful rows only), on the same dataset as the queries."""

    def __init__(self, store: ox.Store, dataset: dict, ctx: Context):
        self.store, self.dataset, self.ctx = store, dataset, ctx
        self._values: dict = {}

    def values(self, node, path: str, origin: Optional[URIRef] = None) -> list:
        """The values of *node* on *path*, integers with the datatype declared for *origin*."""
        key = (node, path)
        if key not in self._values:
            rows = self.store.query(f"SELECT DISTINCT ?this ?v WHERE {{ ?this {path} ?v }}",
                                    substitutions={ox.Variable("this"): node}, **self.dataset)
            self._values[key] = [r["v"] for r in rows]
        return [self.ctx.restore(origin, v) for v in self._values[key]]

    def predicates(self, node) -> list:
        rows = self.store.query("SELECT DISTINCT ?p WHERE { ?this ?p ?o }",
                                substitutions={ox.Variable("this"): node}, **self.dataset)
        return [r["p"] for r in rows]

    def has_class(self, node, cls) -> bool:
        values = " ".join(sparql(c) for c in self.ctx.closure(cls))
        rows = self.store.query(
            f"SELECT ?this WHERE {{ VALUES ?t {{ {values} }} ?this rdf:type ?t }} LIMIT 1",
            substitutions={ox.Variable("this"): node}, prefixes=PREFIXES, **self.dataset)
        return any(True for _ in rows)


# --- the compiled shapes -------------------------------------------------------------------

class CompiledShapes:
    """Shapes read once, ready to validate any number of stores."""

    def __init__(self, shapes_graph: Graph, hierarchy: Graph, *, strict: bool = True,
                 restorer: Optional[DatatypeRestorer] = None):
        """Read and check *shapes_graph*.  With *strict*, a shape the engine cannot check
        raises `UnsupportedShapeError`; otherwise it goes into `refused` (node -> error)
        with every other shape with targets that refers to it, for another validator."""
        self.graph = shapes_graph
        self.hierarchy = hierarchy
        self.restorer = restorer or DatatypeRestorer()
        self.refused: dict[Node, UnsupportedShapeError] = {}
        roots = read_shapes(shapes_graph, None if strict else self.refused,
                            frozenset(self.restorer.by_property))
        # render every query once with the bundled hierarchy: an unsupported nesting
        # (recursion, nested sh:sparql) fails here rather than in the middle of a run
        ctx = self._context(_subclass_map(hierarchy.subject_objects(RDFS.subClassOf)))
        self.roots = []
        for root in roots:
            try:
                self._check_targets(root)
                for check in checks_of([root]):
                    check.query(_focus_all(check.root, ctx), ctx)
            except UnsupportedShapeError as err:
                if strict:
                    raise
                self.refused[root.node] = err
                continue
            self.roots.append(root)
        self.checks = checks_of(self.roots)
        self.merged = merged_checks(self.checks)   # what runs: the queries
        for check in self.merged:
            check.query(_focus_all(check.root, ctx), ctx)

    def _context(self, subclasses: dict, doubt: bool = False) -> Context:
        return Context(subclasses, doubt=doubt, restorer=self.restorer)

    def _check_targets(self, root: Shape) -> None:
        declared = [p for p in root.objects_of if str(p) in self.restorer.by_property]
        if declared:
            raise UnsupportedShapeError(
                "E330", f"shape {root.label()} targets the objects of <{declared[0]}>",
                cause="a store gives back that property's integers as xsd:integer, so the "
                      "focus nodes would not be the terms the data holds",
                fix="target the subjects and check the values with a property shape")

    # -- one validation ----------------------------------------------------------------------
    def validate(self, store: ox.Store, graphs: Optional[Iterable[GraphName]] = None,
                 *, decide_in_python: bool = False,
                 default_graph: bool = False) -> ValidationReport:
        """Validate *store* (every graph but the ontology), or only the focus nodes that
        *graphs* mention, resolving values through the whole store.

        With *default_graph*, values are read from the store's default graph only: the
        evidence-kg store keeps there the merge of its public graphs (each triple once), and
        keeps bookkeeping graphs of its own beside them that must not be validated.

        *decide_in_python* (for tests, slow) sends every candidate row to the Python twins
        of the constraints instead of letting SPARQL decide."""
        graph_list = None if graphs is None else sorted({to_ox(g) for g in graphs}, key=str)
        dataset = {} if default_graph else self._dataset(store)
        ctx = self._context(self._subclasses(store), doubt=decide_in_python)
        view = View(store, dataset, ctx)
        jobs: list[tuple] = []              # (check, query text, substitutions)
        triples = None                      # the triples of *graphs*, counted on the way
        if graph_list is None:
            jobs = [(c, c.query(_focus_all(c.root, ctx), ctx), None) for c in self.merged]
            workers = min(WORKERS, os.cpu_count() or 1)
        else:
            mentioned, triples = _mentioned(store, graph_list)
            focus = _focus_sets(self.roots, mentioned, ctx, store, dataset)
            for check in self.merged:
                nodes = focus[check.root]
                iris_ = sorted((n for n in nodes if not isinstance(n, ox.BlankNode)), key=str)
                for i in range(0, len(iris_), CHUNK):
                    values = " ".join(str(n) for n in iris_[i:i + CHUNK])
                    jobs.append((check, check.query(f"VALUES ?this {{ {values} }}", ctx), None))
                for b in (n for n in nodes if isinstance(n, ox.BlankNode)):
                    jobs.append((check, check.query("", ctx), {ox.Variable("this"): b}))
            workers = 1                     # small queries: threads would only add overhead

        def fetch(job: tuple) -> "_Fetched":
            check, text, substitutions = job
            try:
                solutions = store.query(text, prefixes=PREFIXES, substitutions=substitutions,
                                        **dataset)
            except SyntaxError as exc:      # a bug here, not in the data: say which query
                raise RuntimeError(f"the query of {check.shape.label()} does not parse: "
                                   f"{exc}\n{text}") from exc
            return _Fetched(solutions.variables, list(solutions))

        results: list[ValidationResult] = []
        with _quiet_rdflib(), ThreadPoolExecutor(workers) as pool:
            # Oxigraph lets go of the GIL while it evaluates: two queries at a time on two
            # cores; the rows are turned into results here, in order
            for job, rows in zip(jobs, pool.map(fetch, jobs)):
                results.extend(job[0].results(rows, view))
        if triples is None:
            triples = _triple_count(store, graph_list)
        return ValidationReport(results, triples=triples)

    def _dataset(self, store: ox.Store) -> dict:
        """Query options: the union of the store's graphs, without the ontology graph.

        Listing every graph but the ontology is exact but 200 times slower than Oxigraph's
        union default graph, so the union is used whenever the ontology graph cannot make
        a difference: when it types nothing with a class the shapes target or check, and
        holds no triple of a target predicate (true of our ontology, which describes only
        its own terms)."""
        onto = to_ox(iris.ONTOLOGY_GRAPH)
        if not store.contains_named_graph(onto) or not self._ontology_matters(store, onto):
            return {"use_default_graph_as_union": True}
        log.warning("the ontology graph types nodes the shapes look at: validating the other "
                    "graphs by name, which is slower")
        graphs = [g for g in store.named_graphs() if g != onto]
        return {"default_graph": graphs + [ox.DefaultGraph()]}

    def _ontology_matters(self, store: ox.Store, onto: ox.NamedNode) -> bool:
        ctx = self._context(self._subclasses(store))
        classes = set()
        predicates = set()
        for root in self.roots:
            classes.update(c for cls in root.classes for c in ctx.closure(cls))
            predicates.update(root.subjects_of + root.objects_of)
        for c in (c for check in self.checks for c in check.constraints):
            if isinstance(c, cc.ClassConstraint):
                classes.update(ctx.closure(c.cls))
        rdf_type = to_ox(RDF.type)
        return (any(True for c in classes
                    for _ in store.quads_for_pattern(None, rdf_type, to_ox(c), onto))
                or any(True for p in predicates
                       for _ in store.quads_for_pattern(None, to_ox(p), None, onto)))

    def _subclasses(self, store: ox.Store) -> dict[Node, set[Node]]:
        """The ontology's class hierarchy plus the data's own rdfs:subClassOf triples
        (pySHACL reads subclasses from the data graph, to which kg.validate adds the
        ontology's), outside the ontology graph."""
        onto = to_ox(iris.ONTOLOGY_GRAPH)
        pairs = list(self.hierarchy.subject_objects(RDFS.subClassOf))
        pairs += [(to_rdflib(q.subject), to_rdflib(q.object))
                  for q in store.quads_for_pattern(None, to_ox(RDFS.subClassOf), None, None)
                  if q.graph_name != onto]
        return _subclass_map(pairs)


def _subclass_map(pairs) -> dict[Node, set[Node]]:
    out: dict[Node, set[Node]] = {}
    for sub, sup in pairs:
        out.setdefault(sup, set()).add(sub)
    return out


def _targets(root: Shape, ctx: Context) -> list[str]:
    """Group patterns, one per target, each binding ?this."""
    parts = []
    for cls in sorted(root.classes):
        c = ctx.var("class")
        values = " ".join(sparql(x) for x in ctx.closure(cls))
        parts.append(f"{{ VALUES {c} {{ {values} }} ?this rdf:type {c} }}")
    if root.target_nodes:
        parts.append(f"{{ VALUES ?this {{ {' '.join(sparql(n) for n in root.target_nodes)} }} }}")
    for p in root.subjects_of:
        parts.append(f"{{ ?this {sparql(p)} {ctx.var('o')} }}")
    for p in root.objects_of:
        parts.append(f"{{ {ctx.var('s')} {sparql(p)} ?this }}")
    return parts


def _focus_all(root: Shape, ctx: Context) -> str:
    return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(_targets(root, ctx))} }}"


#: How many focus nodes go into one VALUES block.
CHUNK = 1000
#: How many queries of a full validation run at once (on as many cores).
WORKERS = 2



def _mentioned(store: ox.Store, graphs: list) -> tuple[set, int]:
    """The nodes *graphs* mention as subject or (non-literal) object, and how many triples
    the graphs hold: two queries (Oxigraph hands over each distinct node once, where
    reading the quads one by one costs a few microseconds each)."""
    if not all(isinstance(g, ox.NamedNode) for g in graphs):   # a blank node graph name
        nodes, n = set(), 0
        for g in graphs:
            for q in store.quads_for_pattern(None, None, None, g):
                n += 1
                nodes.add(q.subject)
                if not isinstance(q.object, ox.Literal):
                    nodes.add(q.object)
        return nodes, n
    if not graphs:
        return set(), 0
    values = f"VALUES ?g {{ {' '.join(str(g) for g in graphs)} }}"
    nodes = {row[0] for row in store.query(
        f"SELECT DISTINCT ?n WHERE {{ {values} GRAPH ?g {{ {{ ?n ?p ?o }} UNION "
        f"{{ ?s ?p ?n FILTER(!isLiteral(?n)) }} }} }}")}
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {values} GRAPH ?g {{ ?s ?p ?o }} }}")
    return nodes, int(row[0].value)


def _focus_sets(roots: list[Shape], nodes: set, ctx: Context, store: ox.Store, dataset: dict
                ) -> dict[Shape, set]:
    """For each shape with targets, which of *nodes* are its focus nodes.

    The types (and target predicates) of the nodes are looked up with the nodes bound
    first, so that the cost follows the number of nodes, not the size of the store."""
    iris_ = sorted((n for n in nodes if not isinstance(n, ox.BlankNode)), key=str)
    blanks = [n for n in nodes if isinstance(n, ox.BlankNode)]

    def lookup(pattern: str) -> Iterator:
        for i in range(0, len(iris_), CHUNK):
            values = " ".join(str(n) for n in iris_[i:i + CHUNK])
            yield from store.query(f"SELECT ?this ?x WHERE {{ VALUES ?this {{ {values} }} "
                                   f"{pattern} }}", prefixes=PREFIXES, **dataset)
        for b in blanks:
            yield from store.query(f"SELECT ?this ?x WHERE {{ {pattern} }}", prefixes=PREFIXES,
                                   substitutions={ox.Variable("this"): b}, **dataset)

    types: dict = {}
    for row in lookup("?this rdf:type ?x"):
        types.setdefault(row["this"], set()).add(row["x"])
    by_predicate: dict = {}
    for p in {p for r in roots for p in r.subjects_of}:
        by_predicate[("s", p)] = {r["this"] for r in lookup(f"?this {sparql(p)} ?x")}
    for p in {p for r in roots for p in r.objects_of}:
        by_predicate[("o", p)] = {r["this"] for r in lookup(f"?x {sparql(p)} ?this")}
    out = {}
    for root in roots:
        classes = {to_ox(c) for cls in root.classes for c in ctx.closure(cls)}
        focus = {n for n, ts in types.items() if ts & classes}
        focus |= nodes & {to_ox(n) for n in root.target_nodes}
        for p in root.subjects_of:
            focus |= by_predicate[("s", p)]
        for p in root.objects_of:
            focus |= by_predicate[("o", p)]
        out[root] = focus
    return out


class _DropConversionWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to convert Literal lexical form" not in record.getMessage()


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a warning with a traceback for every ill-typed literal it reads (and
    warns about odd booleans); the report says it better."""
    logger, f = logging.getLogger("rdflib.term"), _DropConversionWarnings()
    logger.addFilter(f)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Parsing weird boolean", UserWarning)
            yield
    finally:
        logger.removeFilter(f)


def _triple_count(store: ox.Store, graphs: Optional[list]) -> int:
    if graphs is None:
        onto = to_ox(iris.ONTOLOGY_GRAPH)
        return len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, onto))
    return sum(1 for g in graphs for _ in store.quads_for_pattern(None, None, None, g))


# --- the bundled shapes ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def bundled() -> CompiledShapes:
    """The bundled shapes, compiled once."""
    from kg.validate.shacl import class_hierarchy, declared_datatypes, shapes_graph
    return CompiledShapes(shapes_graph(), class_hierarchy(), restorer=declared_datatypes())


__all__ = ["Check", "CompiledShapes", "Context", "View", "bundled"]
