"""Validation results and the report that holds them, with three renderings.

A `ValidationResult` keeps everything SHACL says about one problem, severity included (an
`sh:Warning` stays a warning); a `ValidationReport` holds the results in a stable order and
renders them as readable text, as an `sh:ValidationReport` in Turtle, or as JSON.

>>> from rdflib import URIRef
>>> r = ValidationResult(URIRef("https://w3id.org/evidence-kg/id/article/x"), Severity.WARNING,
...                      "An article should have a dcterms:title")
>>> report = ValidationReport([r])
>>> report.conforms, report.passes(), report.passes(fail_on=Severity.WARNING)
(False, True, False)
>>> report.counts
{'Violation': 0, 'Warning': 1, 'Info': 0}
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Optional, Union

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.term import Node

from kg.namespaces import PREFIXES, RDF, SH

#: Namespace of the shapes in ``shapes/*.ttl`` (prefix ``ekgsh:``); a test checks the files use it.
SHAPES_NS = "https://w3id.org/evidence-kg/shapes#"

#: A SHACL property path: a predicate, or an rdflib path (``~EKG.casualtyFigure``...).
PathLike = Union[URIRef, Path]


class Severity(enum.Enum):
    """SHACL severities, from the most to the least serious."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        return SH[self.value]

    @property
    def rank(self) -> int:
        """2 for a violation, 1 for a warning, 0 for an info: higher is more serious."""
        return {"Violation": 2, "Warning": 1, "Info": 0}[self.value]

    @classmethod
    def from_iri(cls, iri: Node) -> "Severity":
        for sev in cls:
            if sev.iri == iri:
                return sev
        raise ValueError(f"not a SHACL severity: {iri}")

    @classmethod
    def parse(cls, name: str) -> "Severity":
        """``"violation"``, ``"Warning"``... as a `Severity`."""
        return cls(name.strip().capitalize())


@dataclass(frozen=True)
class ValidationResult:
    """One problem SHACL found: where (focus node, path, value), what (message), and which
    shape and constraint component found it, with what severity."""

    focus_node: Node
    severity: Severity
    message: str
    source_shape: Optional[Node] = None
    path: Optional[PathLike] = None
    value: Optional[Node] = None
    constraint_component: Optional[URIRef] = None
    #: A severity other than the three (SHACL allows any IRI): kept as it is, and ranked
    #: as a violation.
    severity_iri: Optional[URIRef] = None

    @property
    def severity_node(self) -> URIRef:
        return self.severity_iri or self.severity.iri

    @property
    def severity_name(self) -> str:
        return show(self.severity_iri) if self.severity_iri else self.severity.value

    def sort_key(self) -> tuple:
        return (-self.severity.rank, _key(self.focus_node), _key(self.source_shape),
                _key(self.path), _key(self.value), self.message)


def _key(node) -> str:
    return "" if node is None else node.n3()


def _namespace_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("ekgsh", SHAPES_NS)
    return g


_NSM = _namespace_graph().namespace_manager


def show(node) -> str:
    """A node or path as short Turtle (prefixed names where a prefix is known)."""
    if node is None:
        return "-"
    if isinstance(node, Literal):
        text = node.n3(_NSM)
        return text if len(text) <= 120 else text[:117] + "..."
    return node.n3(_NSM)


@dataclass
class ValidationReport:
    """The results of one validation, most serious first, in a stable order."""

    results: list[ValidationResult] = field(default_factory=list)
    #: How many triples were validated (0 when unknown); shown by the text rendering.
    triples: int = 0
    #: Which validator checked what: how many shapes with targets the SPARQL engine
    #: checked, and the shapes handed to pySHACL with the reason (label -> why).
    engine_shapes: int = 0
    handed_off: dict[str, str] = field(default_factory=dict)
    #: Where focus nodes come from (node -> `kg.validate.locate.Location` list), when known.
    locations: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.results = sorted(set(self.results), key=ValidationResult.sort_key)

    @property
    def conforms(self) -> bool:
        """SHACL conformance: no result of any severity."""
        return not self.results

    @property
    def counts(self) -> dict[str, int]:
        counts = {sev.value: 0 for sev in Severity}
        for r in self.results:
            counts[r.severity.value] += 1
        return counts

    def passes(self, fail_on: Severity = Severity.VIOLATION) -> bool:
        """True when no result is as serious as *fail_on* or more."""
        return all(r.severity.rank < fail_on.rank for r in self.results)

    def merged(self, other: "ValidationReport") -> "ValidationReport":
        return ValidationReport(self.results + other.results, self.triples,
                                self.engine_shapes + other.engine_shapes,
                                {**self.handed_off, **other.handed_off},
                                {**self.locations, **other.locations})

    def checked_by(self) -> str:
        """Which validator checked what, in words ("" when the engine checked everything)."""
        if not self.handed_off:
            return ""
        lines = [f"Checked by pySHACL, not the SPARQL engine ({len(self.handed_off)} shape(s); "
                 f"{self.engine_shapes} by the engine):"]
        lines += [f"  {label}: {why}" for label, why in sorted(self.handed_off.items())]
        return "\n".join(lines) + "\n"

    # -- renderings ----------------------------------------------------------------------
    def _verdict(self) -> str:
        """In words: SHACL says a graph with only warnings "does not conform", which reads
        as a failure to a person; the exit code follows ``--fail-on``."""
        if self.conforms:
            return "conforms"
        if self.counts["Violation"]:
            return "does not conform"
        return "no violations, only warnings and infos (sh:conforms false)"

    def to_text(self) -> str:
        c = self.counts
        head = (f"{c['Violation']} violation(s), {c['Warning']} warning(s), {c['Info']} info(s)"
                f" in {self.triples} triples: "
                f"{self._verdict()}")
        lines = [head]
        if self.handed_off:
            lines += ["", self.checked_by().rstrip("\n")]
        for r in self.results:
            lines.append("")
            lines.append(f"{r.severity_name}: {show(r.focus_node)}")
            if r.focus_node in self.locations:
                lines.append(f"  file:    {', '.join(map(str, self.locations[r.focus_node]))}")
            lines.append(f"  path:    {show(r.path)}")
            if r.value is not None:
                lines.append(f"  value:   {show(r.value)}")
            component = f" ({show(r.constraint_component)})" if r.constraint_component else ""
            lines.append(f"  shape:   {show(r.source_shape)}{component}")
            message = r.message.replace("\n", "\\n")  # one line per field, whatever the text
            lines.append(f"  message: {message}")
        return "\n".join(lines) + "\n"

    def to_graph(self) -> Graph:
        """The report as an ``sh:ValidationReport`` graph (SHACL's own vocabulary)."""
        g = _namespace_graph()
        report = BNode("report")
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for r in self.results:
            node = BNode()
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, r.focus_node))
            g.add((node, SH.resultSeverity, r.severity_node))
            g.add((node, SH.resultMessage, Literal(r.message)))
            if r.path is not None:
                g.add((node, SH.resultPath, path_to_rdf(g, r.path)))
            if r.value is not None:
                g.add((node, SH.value, r.value))
            if r.source_shape is not None:
                g.add((node, SH.sourceShape, r.source_shape))
            if r.constraint_component is not None:
                g.add((node, SH.sourceConstraintComponent, r.constraint_component))
        return g

    def to_turtle(self) -> str:
        return self.to_graph().serialize(format="longturtle", canon=True)

    def to_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "counts": self.counts,
            "checked_by": {"engine_shapes": self.engine_shapes,
                           "pyshacl_shapes": dict(sorted(self.handed_off.items()))},
            "results": [
                {
                    "severity": r.severity_name,
                    "focus_node": _json_node(r.focus_node),
                    "path": _json_node(r.path),
                    "value": None if r.value is None else r.value.n3(),
                    "source_shape": _json_node(r.source_shape),
                    "constraint_component": _json_node(r.constraint_component),
                    "message": r.message,
                    "locations": [{"file": loc.file, "line": loc.line}
                                  for loc in self.locations.get(r.focus_node, [])],
                }
                for r in self.results
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def render(self, fmt: str) -> str:
        """``"text"``, ``"turtle"``, ``"json"``, ``"sarif"`` or ``"junit"``."""
        from kg.validate.formats import to_junit, to_sarif
        renderers = {"text": self.to_text, "turtle": self.to_turtle, "json": self.to_json,
                     "sarif": lambda: to_sarif(self), "junit": lambda: to_junit(self)}
        if fmt not in renderers:
            raise ValueError(f"unknown report format {fmt!r}; expected one of {sorted(renderers)}")
        return renderers[fmt]()


def _json_node(node) -> Optional[str]:
    """IRIs as plain strings, blank nodes as ``_:id``, paths in SPARQL syntax."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    return node.n3()


# --- SHACL property paths <-> rdflib paths ---------------------------------------------------
def path_from_rdf(g: Graph, node: Node) -> PathLike:
    """Read the SHACL path at *node* of *g* as a predicate or an rdflib `Path`."""
    if isinstance(node, URIRef):
        return node
    if (node, RDF.first, None) in g:
        return SequencePath(*(path_from_rdf(g, n) for n in Collection(g, node)))
    inv = g.value(node, SH.inversePath)
    if inv is not None:
        return InvPath(path_from_rdf(g, inv))
    alt = g.value(node, SH.alternativePath)
    if alt is not None:
        return AlternativePath(*(path_from_rdf(g, n) for n in Collection(g, alt)))
    for prop, mod in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(node, prop)
        if inner is not None:
            return MulPath(path_from_rdf(g, inner), mod)
    raise ValueError(f"not a SHACL property path: {node!r}")


def path_to_rdf(g: Graph, path: PathLike) -> Node:
    """Write *path* into *g* as a SHACL path; return its node."""
    if isinstance(path, URIRef):
        return path
    node = BNode()
    if isinstance(path, InvPath):
        g.add((node, SH.inversePath, path_to_rdf(g, path.arg)))
    elif isinstance(path, SequencePath):
        Collection(g, node, [path_to_rdf(g, p) for p in path.args])
    elif isinstance(path, AlternativePath):
        lst = BNode()
        Collection(g, lst, [path_to_rdf(g, p) for p in path.args])
        g.add((node, SH.alternativePath, lst))
    elif isinstance(path, MulPath):
        prop = {"*": SH.zeroOrMorePath, "+": SH.oneOrMorePath, "?": SH.zeroOrOnePath}[path.mod]
        g.add((node, prop, path_to_rdf(g, path.path)))
    else:  # pragma: no cover - rdflib has no other path kinds
        raise ValueError(f"unsupported path {path!r}")
    return node


__all__ = ["SHAPES_NS", "Severity", "ValidationResult", "ValidationReport", "path_from_rdf",
           "path_to_rdf", "show"]
