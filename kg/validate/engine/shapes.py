"""Read a SHACL shapes graph into plain objects, refusing what the engine cannot check.

`read_shapes` walks every shape of the graph (typed ``sh:NodeShape`` / ``sh:PropertyShape``,
or given a target, or reached through ``sh:property``, ``sh:node``, ``sh:not``, ``sh:and``,
``sh:or``) and gives the shapes that have targets, each with its property shapes and
constraints.  A SHACL term it does not know on a shape (``sh:qualifiedValueShape``,
``sh:target``...) raises `UnsupportedShapeError` naming the shape and the term, so that a new
shape cannot go unchecked without anyone noticing.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> .
...     <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ;
...         sh:property [ sh:path <urn:p> ; sh:qualifiedValueShape [ sh:class <urn:D> ] ;
...                       sh:qualifiedMinCount 1 ] .''')
>>> try:
...     read_shapes(g)
... except UnsupportedShapeError as err:
...     print(err.what)
shape [sh:path <urn:p>] of <urn:S> uses sh:qualifiedMinCount
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import ConfigError
from kg.namespaces import OWL, RDF, RDFS, SH
from kg.validate.engine import components as cc
from kg.validate.engine import logical as lc
from kg.validate.engine import pairs as pc
from kg.validate.engine import strings as sc
from kg.validate.engine.terms import canonical, to_ox
from kg.validate.report import PathLike, Severity, path_from_rdf

SPEC = "https://www.w3.org/TR/shacl/"


class UnsupportedShapeError(ConfigError):
    """A shape uses SHACL the engine cannot check (E330) or is malformed (E331)."""


#: Shape terms that select focus nodes, describe, group or configure: no check of their own.
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
NON_VALIDATING = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
                  SH.severity, SH.message, SH.deactivated, SH.property, SH.path, SH.flags,
                  SH.ignoredProperties}
#: Constraint parameter -> the function that compiles it (see components.py).
PARAMETERS = {
    SH["class"]: cc.class_, SH.datatype: cc.datatype, SH.nodeKind: cc.node_kind,
    SH.minCount: cc.min_count, SH.maxCount: cc.max_count,
    SH.minInclusive: cc.value_range, SH.maxInclusive: cc.value_range,
    SH.minExclusive: cc.value_range, SH.maxExclusive: cc.value_range,
    SH.pattern: cc.pattern, SH["in"]: cc.in_, SH.hasValue: cc.has_value,
    SH.lessThan: cc.property_pair, SH.lessThanOrEquals: cc.property_pair,
    SH["not"]: lc.not_, SH["and"]: lc.and_, SH["or"]: lc.or_, SH.xone: lc.xone, SH.node: lc.node,
    SH.sparql: cc.sparql_constraint, SH.uniqueLang: sc.unique_lang,
    SH.minLength: sc.min_length, SH.maxLength: sc.max_length, SH.languageIn: sc.language_in,
    SH.closed: pc.closed, SH.equals: pc.pair_set, SH.disjoint: pc.pair_set,
}
#: Where the spec defines the components we do not support, for the error message.
UNSUPPORTED_LINKS = {
    SH.qualifiedValueShape: "QualifiedValueShapeConstraintComponent",
    SH.target: "sparql-targets", SH.rule: "sparql-targets",
}


@dataclass(eq=False)
class Shape:
    """One node or property shape, with what it checks."""

    node: Node
    path: Optional[PathLike] = None         # an rdflib path, for results
    path_sparql: Optional[str] = None       # the same path as SPARQL text
    severity: Severity = Severity.VIOLATION
    messages: tuple[str, ...] = ()
    deactivated: bool = False
    classes: frozenset = frozenset()        # sh:targetClass (and implicit class targets)
    target_nodes: tuple = ()
    subjects_of: tuple = ()
    objects_of: tuple = ()
    constraints: list = field(default_factory=list)    # components.Constraint
    properties: list["Shape"] = field(default_factory=list)
    owner: Optional["Shape"] = None          # the shape that first named this one

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return bool(self.classes or self.target_nodes or self.subjects_of or self.objects_of)

    def label(self) -> str:
        """The shape as an error message names it (a blank node by its place)."""
        if isinstance(self.node, URIRef):
            return f"<{self.node}>"
        text = f"[sh:path {self.path_sparql}]" if self.path_sparql else "a blank node shape"
        return f"{text} of {self.owner.label()}" if self.owner is not None else text


class _Reader:
    def __init__(self, g: Graph, declared: frozenset = frozenset()):
        self.g = g
        self.declared = declared    # properties whose integers have a declared datatype
        self.shapes: dict[Node, Shape] = {}
        self.failed: dict[Node, UnsupportedShapeError] = {}
        #: parameter -> the SPARQL-based constraint component it belongs to (SHACL 6)
        self.custom = {path: comp for comp, param in g.subject_objects(SH.parameter)
                       for path in g.objects(param, SH.path)}

    # -- errors ----------------------------------------------------------------------------
    def where(self, node: Node) -> str:
        shape = self.shapes.get(node)
        if shape is not None:
            return f"shape {shape.label()}"
        return f"shape <{node}>" if isinstance(node, URIRef) else "a blank node shape"

    def unsupported(self, node: Node, term: URIRef, why: str = "") -> UnsupportedShapeError:
        link = UNSUPPORTED_LINKS.get(term, "")
        return UnsupportedShapeError(
            "E330", f"{self.where(node)} uses sh:{term.split('#')[-1]}",
            cause=why or "the SPARQL validation engine does not support it, so it would go "
                         "unchecked",
            fix="check it with a sh:sparql constraint, or add the component to "
                f"kg/validate/engine/components.py ({SPEC}#{link or 'core-components'})")

    def malformed(self, node: Node, what: str) -> UnsupportedShapeError:
        return UnsupportedShapeError("E331", f"{self.where(node)} is malformed", cause=what,
                                     fix=f"correct the shapes file ({SPEC})")

    # -- reading -----------------------------------------------------------------------------
    def one(self, node: Node, p: URIRef) -> Optional[Node]:
        values = list(self.g.objects(node, p))
        if len(values) > 1:
            raise self.malformed(node, f"it has {len(values)} values for sh:{p.split('#')[-1]}")
        return values[0] if values else None

    def items(self, node: Node, lst: Node) -> list[Node]:
        if lst != RDF.nil and (lst, RDF.first, None) not in self.g:
            raise self.malformed(node, f"{lst.n3()} is not an RDF list")
        return list(Collection(self.g, lst))

    def shape(self, node: Node, parent: Optional[Node] = None) -> Shape:
        """The shape at *node*, read once; a shape that fails to read fails every shape
        that refers to it, each time."""
        if node in self.failed:
            raise self.failed[node]
        if node in self.shapes:
            return self.shapes[node]
        try:
            return self._read(node, parent)
        except UnsupportedShapeError as err:
            self.shapes.pop(node, None)
            self.failed[node] = err
            raise

    def _read(self, node: Node, parent: Optional[Node]) -> Shape:
        g = self.g
        shape = Shape(node, owner=self.shapes.get(parent) if parent is not None else None)
        self.shapes[node] = shape       # before reading nested shapes: recursion stops here
        path = self.one(node, SH.path)
        if path is not None:
            shape.path = path_from_rdf(g, path)
            shape.path_sparql = self.path_sparql(node, path)
        severity = self.one(node, SH.severity)
        if severity is not None:
            try:
                shape.severity = Severity.from_iri(severity)
            except ValueError:
                raise self.unsupported(node, SH.severity, f"its severity {severity.n3()} is not "
                                       "sh:Violation, sh:Warning or sh:Info") from None
        shape.messages = tuple(sorted(str(m) for m in g.objects(node, SH.message)))
        deactivated = self.one(node, SH.deactivated)
        shape.deactivated = bool(deactivated is not None and deactivated.toPython() is True)
        classes = set(g.objects(node, SH.targetClass))
        if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL.Class) in g:
            classes.add(node)           # an implicit class target
        shape.classes = frozenset(classes)
        shape.target_nodes = tuple(sorted(g.objects(node, SH.targetNode)))
        shape.subjects_of = tuple(sorted(g.objects(node, SH.targetSubjectsOf)))
        shape.objects_of = tuple(sorted(g.objects(node, SH.targetObjectsOf)))
        for target in shape.target_nodes:
            if isinstance(target, Literal) and canonical(target) != to_ox(target):
                raise self.unsupported(node, SH.targetNode, f"its target {target.n3()} is not in "
                                       "the canonical form in which Oxigraph stores it")
        for p in sorted(set(g.predicates(node, None))):
            if p in self.custom:
                raise self.unsupported(node, SH.ConstraintComponent, "it uses the parameter "
                                       f"<{p}> of the SPARQL-based constraint component "
                                       f"<{self.custom[p]}>, which the engine does not run")
            if not str(p).startswith(str(SH)) or p in NON_VALIDATING or p in TARGETS:
                continue
            if p not in PARAMETERS:
                raise self.unsupported(node, p)
            for value in sorted(g.objects(node, p)):
                constraint = PARAMETERS[p](self, shape, p, value)
                constraint.param = p
                shape.constraints.append(constraint)
        for prop in sorted(g.objects(node, SH.property)):
            child = self.shape(prop, node)
            if not child.is_property_shape:
                raise self.malformed(prop, "a value of sh:property has no sh:path")
            shape.properties.append(child)
        if shape.is_property_shape and shape.properties:
            raise self.unsupported(node, SH.property, "sh:property on a property shape is not "
                                   "supported")
        return shape

    def path_sparql(self, node: Node, path: Node) -> str:
        g = self.g
        if isinstance(path, URIRef):
            return f"<{path}>"
        if isinstance(path, Literal):
            raise self.malformed(node, f"its sh:path {path.n3()} is a literal")
        if (path, RDF.first, None) in g:
            steps = [self.path_sparql(node, p) for p in self.items(node, path)]
            if len(steps) < 2:
                raise self.malformed(node, "a sequence path has fewer than two steps")
            return "(" + "/".join(steps) + ")"
        for prop, text in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                           (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            inner = g.value(path, prop)
            if inner is not None:
                return text.format(self.path_sparql(node, inner))
        alt = g.value(path, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path_sparql(node, p) for p in self.items(node, alt)) + ")"
        raise self.malformed(node, f"{path.n3()} is not a SHACL property path")


def path_iris(path) -> set:
    """The properties a path (an rdflib path or IRI) goes through."""
    if isinstance(path, URIRef):
        return {path}
    inner = getattr(path, "args", None) or [getattr(path, "arg", None) or path.path]
    return set().union(*(path_iris(p) for p in inner))


def is_shape_candidate(g: Graph, node: Node) -> bool:
    """True for a node typed as a shape or carrying a target (what pySHACL validates)."""
    return ((node, RDF.type, SH.NodeShape) in g or (node, RDF.type, SH.PropertyShape) in g
            or any((node, t, None) in g for t in TARGETS))


def read_shapes(g: Graph, refused: Optional[dict] = None, declared: frozenset = frozenset()
                ) -> list[Shape]:
    """The shapes of *g* that have targets (with what they reach), in a stable order.

    Every shape of the graph is read, with or without targets.  Without *refused*, the
    first unsupported term raises `UnsupportedShapeError`; with a dict, each shape with
    targets that cannot be read (itself or a shape it refers to) goes into it instead
    (node -> error), and the others are returned."""
    reader = _Reader(g, declared)
    nodes = {s for t in (SH.NodeShape, SH.PropertyShape) for s in g.subjects(RDF.type, t)}
    nodes |= {s for t in TARGETS for s in g.subjects(t, None)}
    for node in sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n))):
        try:
            reader.shape(node)
        except UnsupportedShapeError as err:
            if refused is None:
                raise
            if any((node, t, None) in g for t in TARGETS) or node in _implicit_targets(g):
                refused[node] = err
    return [s for s in reader.shapes.values() if s.has_targets and not s.deactivated]


def _implicit_targets(g: Graph) -> set:
    return {s for c in (RDFS.Class, OWL.Class) for s in g.subjects(RDF.type, c)}


__all__ = ["Shape", "UnsupportedShapeError", "path_iris", "read_shapes"]
