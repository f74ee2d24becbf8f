"""The bundled shapes and ontology, and pySHACL on an in-memory rdflib graph.

`pyshacl_report` runs pySHACL alone: on the shapes the engine hands over
(`kg.validate.combined`), and as the reference the engine is tested against.  `validate`
reads files and validates them the one way (`kg.validate.combined.validate_graph`).

How the class hierarchy gets in: pySHACL checks ``sh:class`` and ``sh:targetClass`` through
``rdf:type/rdfs:subClassOf*`` *in the data graph*, so an ``ekg:Hospital`` is an
``ekg:ProtectedObject`` only if the data says ``ekg:Hospital rdfs:subClassOf
ekg:ProtectedObject``.  We copy the data and add the ontology's named-class hierarchy
(36 triples), and run no inference.  RDFS inference with the ontology would be wrong, not
just slower (about 10% on the sample graph): it types every value of ``ekg:source`` as an
``ekg:Source`` from the property's range, so ``sh:class ekg:Source`` could never fail (see
``tests/validate/test_shacl.py::test_rdfs_inference_would_hide_wrong_classes``).

Never pass a graph backed by Oxigraph (oxrdflib): pySHACL gives wrong results on it.  Copy
into a plain ``rdflib.Graph`` first, as `pyshacl_report` does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Union

import pyshacl
from pyshacl.errors import (
    ConstraintLoadError, ReportableRuntimeError, ShapeLoadError, ValidationFailure,
)
from rdflib import Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from kg import resources
from kg.errors import ConfigError
from kg.namespaces import RDFS, SH
from kg.store.terms import DatatypeRestorer, to_ox
from kg.validate.loaders import PathLike, load_files
from kg.validate.report import Severity, ValidationReport, ValidationResult, path_from_rdf


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The bundled ontology (shared: do not modify)."""
    return _parse_resource(resources.ontology_file())


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """All bundled shapes files as one graph (shared: do not modify)."""
    files = resources.shapes_files()
    if not files:
        raise ConfigError("E320", f"no shapes files in {resources.shapes_dir()}",
                          cause="the installation is incomplete", fix="reinstall evidence-kg")
    g = Graph()
    for f in files:
        g += _parse_resource(f)
    return g


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """The ``rdfs:subClassOf`` triples between named classes of the ontology."""
    onto = ontology_graph()
    g = Graph()
    for s, o in onto.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            g.add((s, RDFS.subClassOf, o))
    return g


@lru_cache(maxsize=1)
def declared_datatypes() -> DatatypeRestorer:
    """The integer datatype declared for each property (docs/design.md, and the ontology's
    ``rdfs:range``): what a store gives back to the integers it folds into xsd:integer."""
    return DatatypeRestorer.from_ranges(
        (to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ontology_graph().triples(
            (None, RDFS.range, None)))


def _parse_resource(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:
        raise ConfigError(
            "E321", f"cannot read the bundled file {path}", cause=str(exc),
            fix="reinstall evidence-kg, or correct the file if you edited it") from exc


def _triples(data: Graph):
    if isinstance(data, ConjunctiveGraph):  # a Dataset: validate the union of its graphs
        for s, p, o, _ in data.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from data


@lru_cache(maxsize=256)
def _prepared(query: str, base: Optional[str], namespaces: tuple):
    return translateQuery(parseQuery(query), base, dict(namespaces))


class _PreparedQueries(Graph):
    """A graph whose `query` reuses each query text's parsed and translated form.

    pySHACL sends a SPARQL constraint's text once per focus node; rdflib would parse it
    every time (80% of the validation time).  A translated query is what rdflib's own
    ``prepareQuery`` returns for reuse with other bindings, so results are unchanged.  Only
    this graph is affected: rdflib itself is left alone."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str):
            ns = initNs or dict(self.namespaces())      # what Graph.query would use
            query_object = _prepared(query_object, kwargs.get("base"),
                                     tuple(sorted((k, str(v)) for k, v in ns.items())))
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


def pyshacl_report(data: Graph, shapes: Optional[Graph] = None, *,
                   hierarchy: Optional[Graph] = None) -> ValidationReport:
    """pySHACL alone on *data* (left untouched) with the bundled shapes or *shapes*; the
    class *hierarchy* (default: the ontology's, with the bundled shapes; none otherwise) is
    added to a copy of the data.  What `validate_graph` hands over, and the reference the
    engine is tested against.

    A `Dataset` is validated as the union of its graphs.  pySHACL's own errors (a shape it
    cannot load, a SPARQL query it cannot run) raise `ConfigError` E332."""
    work = _PreparedQueries()
    for t in _triples(data):
        work.add(t)
    n_triples = len(work)
    if hierarchy is None and shapes is None:
        hierarchy = class_hierarchy()
    if hierarchy is not None:
        work += hierarchy
    try:
        _, results, _ = pyshacl.validate(
            work, shacl_graph=shapes if shapes is not None else shapes_graph(),
            inference="none", inplace=True, allow_infos=False, allow_warnings=False,
        )
    except (ReportableRuntimeError, ShapeLoadError, ConstraintLoadError,
            NotImplementedError) as exc:
        raise _cannot(exc) from exc
    if isinstance(results, ValidationFailure):
        raise _cannot(results)
    return ValidationReport(list(_results(results)), triples=n_triples)


def _cannot(exc) -> ConfigError:
    return ConfigError("E332", "pySHACL cannot check the shapes",
                       cause=" ".join(str(getattr(exc, "message", None) or exc).split())[:500],
                       fix="correct the shapes, or leave out what neither validator supports "
                           "(https://www.w3.org/TR/shacl/)")


def _results(g: Graph) -> Iterable[ValidationResult]:
    for node in g.subjects(SH.resultSeverity, None):
        messages = sorted(str(m) for m in g.objects(node, SH.resultMessage))
        path = g.value(node, SH.resultPath)
        severity = g.value(node, SH.resultSeverity)
        known = severity in {s.iri for s in Severity}
        yield ValidationResult(
            focus_node=g.value(node, SH.focusNode),
            severity=Severity.from_iri(severity) if known else Severity.VIOLATION,
            severity_iri=None if known else severity,
            message=" / ".join(messages) or "(no message)",
            source_shape=g.value(node, SH.sourceShape),
            path=None if path is None else path_from_rdf(g, path),
            value=g.value(node, SH.value),
            constraint_component=g.value(node, SH.sourceConstraintComponent),
        )


def validate(sources: Iterable[Union[PathLike, Graph]], shapes: Optional[Graph] = None, *,
             with_bundled: bool = True) -> ValidationReport:
    """Validate RDF files (by extension) and/or graphs together, as one graph, with the
    bundled shapes, *shapes* added to them, or *shapes* alone without *with_bundled*
    (`kg.validate.combined.validate_graph`).

    >>> from kg.resources import ontology_dir
    >>> report = validate([ontology_dir().parent / "examples" / "graph" / "sample.ttl"])
    >>> report.conforms
    True
    """
    from kg.validate.combined import validate_graph

    data = Graph()
    paths: list[PathLike] = []
    for src in sources:
        if isinstance(src, Graph):
            for t in _triples(src):
                data.add(t)
        else:
            paths.append(src)
    if paths:
        data += load_files(paths)
    return validate_graph(data, shapes, with_bundled=with_bundled)


__all__ = ["class_hierarchy", "declared_datatypes", "ontology_graph", "pyshacl_report",
           "shapes_graph", "validate"]
