"""validate_graph: the class hierarchy without inference, input left alone, datasets, and
the offset semantics shared by rdflib and Oxigraph."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph
import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.namespaces import EKG, RDF, RDFS, SH
from kg.validate import pyshacl_report, validate_graph
from kg.validate.shacl import class_hierarchy, ontology_graph, shapes_graph

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "shapes" / "base.ttl"
EX = "https://example.org/test/"


def base() -> Graph:
    return Graph().parse(BASE, format="turtle")


def test_subclasses_count_for_sh_class_and_targets():
    g = base()  # ex:hospital is an ekg:Hospital, the ekg:target of ex:attack
    assert (EKG.Hospital, RDFS.subClassOf, EKG.MedicalFacility) in class_hierarchy()
    assert validate_graph(g).conforms
    g.remove((URIRef(EX + "hospital"), RDFS.label, None))
    shapes = {str(r.source_shape).split("#")[1] for r in validate_graph(g).results}
    assert shapes == {"ProtectedObject-label"}  # targeted through Hospital < ProtectedObject


def test_rdfs_inference_would_hide_wrong_classes():
    g = base()
    g.set((URIRef(EX + "allegation"), EKG.source, URIRef(EX + "aleppo")))  # a place
    ours = {str(r.source_shape).split("#")[1] for r in validate_graph(g).results}
    assert "Claim-source" in ours
    _, results, _ = pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                     inference="rdfs")
    theirs = {str(s).split("#")[1] for s in results.objects(None, SH.sourceShape)}
    # the range of ekg:source made Aleppo a Source: the violation is gone, and Aleppo is
    # now asked for a source kind
    assert theirs == {"Source-sourceKind-recommended"}


def test_input_graph_is_left_untouched():
    g = base()
    before = Graph() + g
    validate_graph(g)
    assert isomorphic(g, before)


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    ds = Dataset()
    for i, t in enumerate(sorted(base())):
        ds.graph(URIRef(f"urn:g{i % 3}")).add(t)
    assert validate_graph(ds).conforms
    ds.graph(URIRef("urn:g9")).add((URIRef(EX + "extra"), RDF.type, EKG.Denial))
    assert not validate_graph(ds).conforms


TEXT = "MSF (Médecins Sans Frontières) said the hospital in حلب was hit 😢 and “between"


def test_oxigraph_and_rdflib_count_code_points_like_python():
    """SUBSTR/STRLEN/SHA256 give the Python answer in both engines, astral character included."""
    query = ("SELECT (SUBSTR(?t, 65, 1) AS ?emoji) (SUBSTR(?t, 67, 5) AS ?after) "
             "(STRLEN(?t) AS ?n) (SHA256(?t) AS ?h) WHERE { BIND(%s AS ?t) }")
    expected = [TEXT[64:65], TEXT[66:71], len(TEXT), hashlib.sha256(TEXT.encode()).hexdigest()]
    assert expected[:2] == ["😢", "and “"]
    (row,) = pyoxigraph.Store().query(query % pyoxigraph.Literal(TEXT))
    assert [row[i].value for i in range(4)] == [str(v) for v in expected]
    (rdf_row,) = Graph().query(query % Literal(TEXT).n3())
    assert [v.toPython() for v in rdf_row] == expected


def test_prepared_queries_are_reused_without_patching_rdflib():
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    from kg.validate import shacl

    original = SPARQLProcessor.query
    shacl._prepared.cache_clear()
    g = base()
    g.set((URIRef(EX + "q-msf"), URIRef("http://www.w3.org/ns/oa#exact"), Literal("MSF")))
    first = pyshacl_report(g)
    second = pyshacl_report(g)
    assert SPARQLProcessor.query is original
    assert shacl._prepared.cache_info().hits > 0
    assert first.results == second.results
    assert {str(r.source_shape).split("#")[1] for r in first.results} == {"QuoteMatchesArticleText"}
