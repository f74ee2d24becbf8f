"""The shapes files themselves: banner and metadata node, meta-SHACL, only defined terms,
severity split by file, readable IRIs, and a passing and a failing example for every shape."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

import kg
from kg.namespaces import EKG, OWL, RDF, RDFS, SH
from kg.resources import shapes_files
from kg.validate.report import SHAPES_NS, path_from_rdf
from kg.validate.shacl import class_hierarchy, ontology_graph
from tests.shape_cases import base_graph, case_files, load_case
from tests.vocab import undefined_terms

EXPECTED_FILES = {"structure", "evidence", "logic", "recommended"}
SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)
#: parameters that make a shape check something by itself (not just group sh:property)
CONSTRAINTS = {SH["class"], SH.datatype, SH.minCount, SH.maxCount, SH.pattern, SH["in"],
               SH["or"], SH["not"], SH.sparql, SH.minInclusive, SH.lessThanOrEquals,
               SH.nodeKind}


def shape_files():
    return shapes_files()


@lru_cache(maxsize=None)
def parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def all_shapes() -> Graph:
    g = Graph()
    for f in shape_files():
        g += parse(f)
    return g


def named_shapes(g: Graph) -> set[URIRef]:
    return {s for t in SHAPE_TYPES for s in g.subjects(RDF.type, t)}


def test_the_expected_files_are_there():
    assert {f.stem for f in shape_files()} == EXPECTED_FILES


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.stem)
def test_file_opens_with_a_banner(path):
    head = path.read_text(encoding="utf-8").split("@prefix", 1)[0]
    assert head.startswith("# ====")
    assert "Covers:" in head and "Leaves out:" in head
    assert "severity: sh:" in head.splitlines()[1]


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.stem)
def test_file_has_a_metadata_node(path):
    g = parse(path)
    meta = URIRef(f"https://w3id.org/evidence-kg/shapes/{path.stem}")
    assert set(g.subjects(RDF.type, OWL.Ontology)) == {meta}
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert g.value(meta, prop) is not None, prop
    assert str(g.value(meta, OWL.versionInfo)) == kg.__version__


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.stem)
def test_file_passes_meta_shacl(path):
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=parse(path), meta_shacl=True)
    assert conforms, text


def test_meta_shacl_catches_a_malformed_shape():
    g = Graph()
    g.parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:minCount "one" ] .""", format="turtle")
    with pytest.raises(pyshacl.errors.ReportableRuntimeError,
                       match="(?i)shacl file does not validate"):
        pyshacl.validate(Graph(), shacl_graph=g, meta_shacl=True)


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.stem)
def test_file_uses_only_defined_terms(path):
    shapes = all_shapes()
    local = named_shapes(shapes)
    assert undefined_terms(parse(path), ontology_graph(), local) == []


def test_undefined_terms_catch_typos():
    g = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ekg: <{EKG._NS}> .
        <{SHAPES_NS}X> a sh:NodeShape ; sh:targetClass ekg:Claim ;
            sh:property [ sh:path ekg:evidense ; sh:minCont 1 ] .""", format="turtle")
    local = {URIRef(SHAPES_NS + "X")}
    assert undefined_terms(g, ontology_graph(), local) == [
        "http://www.w3.org/ns/shacl#minCont", str(EKG._NS) + "evidense"]


def test_shape_iris_are_readable_and_unique_to_one_file():
    seen: dict[URIRef, str] = {}
    for f in shape_files():
        g = parse(f)
        for shape in named_shapes(g):
            assert isinstance(shape, URIRef) and str(shape).startswith(SHAPES_NS), shape
            assert shape not in seen, f"{shape} in {seen.get(shape)} and {f.name}"
            seen[shape] = f.name
        for prop in g.objects(None, SH.property):
            assert isinstance(prop, URIRef), f"anonymous property shape in {f.name}"
            assert prop in named_shapes(g), f"{prop} used in {f.name} but not typed there"


@pytest.mark.parametrize("path", shape_files(), ids=lambda p: p.stem)
def test_severity_is_the_files(path):
    g = parse(path)
    severities = {g.value(s, SH.severity) for s in named_shapes(g) if constraints_of(g, s)}
    if path.stem == "recommended":
        assert severities == {SH.Warning}
    else:
        assert severities <= {None, SH.Violation}


def constraints_of(g: Graph, shape) -> set:
    return {p for p in g.predicates(shape, None) if p in CONSTRAINTS}


def checking_shapes() -> dict[URIRef, Graph]:
    """Every shape that checks something itself, with the graph of its file."""
    out = {}
    for f in shape_files():
        g = parse(f)
        for s in named_shapes(g):
            if constraints_of(g, s):
                out[s] = g
    return out


def test_every_shape_has_a_failing_example():
    failing = set()
    for path in case_files():
        failing |= {e[1] for e in load_case(path).expected}
    missing = sorted(set(checking_shapes()) - failing)
    assert missing == [], "shapes no tests/shapes case expects to fail"


def passing_graphs() -> list[Graph]:
    graphs = [base_graph()]
    for path in case_files():
        case = load_case(path)
        if case.conforms:
            graphs.append(case.data)
    return graphs


def instances(g: Graph, cls: URIRef) -> set:
    classes, todo = {cls}, [cls]
    hierarchy = class_hierarchy()
    while todo:
        for sub in hierarchy.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in classes:
                classes.add(sub)
                todo.append(sub)
    return {s for c in classes for s in g.subjects(RDF.type, c)}


def test_every_shape_has_a_passing_example():
    """A conforming graph where the shape had something to check: a target, and for a
    property shape a value at its path (or, for sh:maxCount 0, just a target)."""
    shapes = all_shapes()
    parents = {p: s for s, p in shapes.subject_objects(SH.property)}
    graphs = passing_graphs()
    missing = []
    for shape, g in sorted(checking_shapes().items()):
        node_shape = parents.get(shape, shape)
        targets = list(g.objects(node_shape, SH.targetClass))
        path = g.value(shape, SH.path)
        exercised = False
        for data in graphs:
            focus = {n for t in targets for n in instances(data, t)}
            if path is None or g.value(shape, SH.maxCount) == Literal(0):
                exercised |= bool(focus)
            else:
                p = path_from_rdf(g, path)
                exercised |= any(any(True for _ in data.objects(n, p)) for n in focus)
        if not exercised:
            missing.append(shape)
    assert missing == []
