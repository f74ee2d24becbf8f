"""The ontology: its header, exactly the terms `kg.namespaces.EKG` declares, labels and
definitions, IHL bases, schemes, domains and ranges as in docs/design.md."""

from __future__ import annotations

import re

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

import kg
from kg.namespaces import (DCTERMS, EKG, NS_IRI, OA, ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, SDO,
                           SKOS, XSD)
from kg.resources import ontology_file
from tests.vocab import ontology_terms, undefined_terms

ONT = URIRef(ONTOLOGY_IRI)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def declared() -> set[URIRef]:
    return {EKG[name] for name in EKG.__annotations__}


def test_header(onto):
    assert (ONT, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator):
        assert onto.value(ONT, prop) is not None, prop
    assert onto.value(ONT, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")


def test_version_comes_from_the_package(onto):
    assert str(onto.value(ONT, OWL.versionInfo)) == kg.__version__
    assert onto.value(ONT, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{kg.__version__}")


def test_defines_exactly_the_declared_terms(onto):
    defined = ontology_terms(onto)
    assert sorted(declared() - defined) == [], "declared in kg/namespaces.py, not defined"
    assert sorted(defined - declared()) == [], "defined in the ontology, not declared"


def test_no_subject_in_our_namespace_without_a_type(onto):
    subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(NS_IRI)}
    assert subjects == ontology_terms(onto)


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition])
def test_every_term_has_one_english_label_and_definition(onto, prop):
    missing = []
    for term in sorted(declared()):
        values = [v for v in onto.objects(term, prop) if isinstance(v, Literal)]
        english = [v for v in values if v.language == "en"]
        if len(english) != 1 or len(values) != 1 or len(str(english[0])) < 3:
            missing.append(term)
    assert missing == []


def test_uses_no_undefined_term(onto):
    assert undefined_terms(onto, onto) == []


def test_the_undefined_term_check_catches_typos(onto):
    g = Graph()
    g.add((EKG.Article, RDFS.subClassOf, URIRef(NS_IRI + "Artcle")))
    g.add((EKG.Article, URIRef("http://www.w3.org/2004/02/skos/core#definitoin"), Literal("x")))
    assert undefined_terms(g, onto) == [
        "http://www.w3.org/2004/02/skos/core#definitoin", NS_IRI + "Artcle"]


SUPERS = {
    EKG.Article: {SDO.NewsArticle, PROV.Entity}, EKG.Quote: {OA.SpecificResource},
    EKG.Claim: {PROV.Entity}, EKG.Allegation: {EKG.Claim}, EKG.Denial: {EKG.Claim},
    EKG.Agent: {PROV.Agent}, EKG.Source: {EKG.Agent}, EKG.Party: {EKG.Agent},
    EKG.Attack: {PROV.Activity, SDO.Event}, EKG.CasualtyFigure: {PROV.Entity},
    EKG.Place: {SDO.Place}, EKG.Hospital: {EKG.MedicalFacility},
    EKG.MedicalFacility: {EKG.ProtectedObject}, EKG.MedicalTransport: {EKG.ProtectedObject},
    EKG.WaterInfrastructure: {EKG.CivilianInfrastructure},
    EKG.FoodSupply: {EKG.CivilianInfrastructure},
}


@pytest.mark.parametrize("cls", sorted(SUPERS), ids=lambda c: c.split("#")[1])
def test_superclasses_as_in_design(onto, cls):
    assert set(onto.objects(cls, RDFS.subClassOf)) == SUPERS[cls]


def protected_subclasses(onto) -> set[URIRef]:
    found, todo = set(), [EKG.ProtectedObject]
    while todo:
        for sub in onto.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_protected_object_subclasses(onto):
    subs = protected_subclasses(onto)
    for required in (EKG.Hospital, EKG.MedicalFacility, EKG.School, EKG.PlaceOfWorship,
                     EKG.Market, EKG.ResidentialBuilding, EKG.HumanitarianAidConvoy,
                     EKG.CivilianInfrastructure, EKG.WaterInfrastructure,
                     EKG.EnergyInfrastructure, EKG.FoodSupply):
        assert required in subs


IHL_BASIS = re.compile(r"(Additional Protocol I|AP I|Geneva Convention|Rome Statute) art\. \d+")


def test_every_protected_category_states_its_basis_in_ihl(onto):
    without = [c for c in sorted(protected_subclasses(onto) | {EKG.ProtectedObject})
               if not IHL_BASIS.search(str(onto.value(c, SKOS.definition)))]
    assert without == []


@pytest.mark.parametrize("cls, articles", [
    (EKG.Hospital, ["Geneva Convention IV art. 18", "art. 12", "8(2)(b)(ix)"]),
    (EKG.MedicalTransport, ["art. 21"]),
    (EKG.PlaceOfWorship, ["art. 53", "8(2)(b)(ix)"]),
    (EKG.CulturalProperty, ["art. 53"]),
    (EKG.WaterInfrastructure, ["art. 54", "art. 56"]),
    (EKG.FoodSupply, ["art. 54"]),
    (EKG.HumanitarianAidConvoy, ["art. 70", "71", "8(2)(b)(iii)"]),
    (EKG.Civilians, ["art. 51", "Geneva Convention IV"]),
    (EKG.School, ["art. 52", "8(2)(b)(ix)"]),
])
def test_ihl_articles(onto, cls, articles):
    definition = str(onto.value(cls, SKOS.definition))
    for art in articles:
        assert art in definition, (cls, art)


def test_allegation_and_denial_are_disjoint(onto):
    assert (EKG.Allegation, OWL.disjointWith, EKG.Denial) in onto


def _intersection(onto, cls) -> list:
    eq = onto.value(cls, OWL.equivalentClass)
    assert isinstance(eq, BNode), f"{cls} is not a defined class"
    return list(Collection(onto, onto.value(eq, OWL.intersectionOf)))


def test_contested_allegation_is_defined(onto):
    named, restriction = _intersection(onto, EKG.ContestedAllegation)
    assert named == EKG.Allegation
    assert onto.value(onto.value(restriction, OWL.onProperty), OWL.inverseOf) == EKG.denies
    assert onto.value(restriction, OWL.someValuesFrom) == EKG.Denial


def test_attack_on_medical_care_is_defined(onto):
    named, restriction = _intersection(onto, EKG.AttackOnMedicalCare)
    assert named == EKG.Attack
    assert onto.value(restriction, OWL.onProperty) == EKG.target
    union = onto.value(onto.value(restriction, OWL.someValuesFrom), OWL.unionOf)
    assert set(Collection(onto, union)) == {EKG.MedicalFacility, EKG.MedicalTransport}


SCHEMES = {
    EKG.SourceKind: (EKG.SourceKindScheme, {EKG.NGO, EKG.Government, EKG.Military,
                     EKG.Intergovernmental, EKG.Media, EKG.Witness, EKG.ArmedGroup,
                     EKG.Anonymous, EKG.Individual}),
    EKG.DenialKind: (EKG.DenialKindScheme, {EKG.CategoricalDenial, EKG.DismissalOfEvidence,
                     EKG.ProtectedStatusDenial, EKG.CounterAttribution, EKG.NonDenial}),
    EKG.Attribution: (EKG.AttributionScheme, {EKG.DirectSpeech, EKG.IndirectSpeech,
                      EKG.ArticleVoice, EKG.Unattributed}),
    EKG.DatePrecision: (EKG.DatePrecisionScheme, {EKG.Day, EKG.Month, EKG.Year, EKG.DateRange}),
    EKG.CasualtyType: (EKG.CasualtyTypeScheme, {EKG.Killed, EKG.Injured}),
    EKG.CountQualifier: (EKG.CountQualifierScheme, {EKG.Exact, EKG.AtLeast, EKG.MoreThan,
                         EKG.Approximately, EKG.AtMost, EKG.Between}),
    EKG.ConfidenceGrade: (EKG.ConfidenceGradeScheme, {
        EKG.Acknowledged, EKG.Corroborated, EKG.SingleSource, EKG.PartyClaimsOnly,
        EKG.Unsourced, EKG.Contested, EKG.AttributionDisputed, EKG.FiguresDisputed}),
}


@pytest.mark.parametrize("cls", sorted(SCHEMES), ids=lambda c: c.split("#")[1])
def test_concept_schemes(onto, cls):
    scheme, concepts = SCHEMES[cls]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    assert (cls, RDFS.subClassOf, SKOS.Concept) in onto
    assert set(onto.subjects(RDF.type, cls)) == concepts
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in onto
        assert set(onto.objects(c, SKOS.inScheme)) == {scheme}
        assert (c, SKOS.topConceptOf, scheme) in onto
        assert onto.value(c, SKOS.prefLabel) == onto.value(c, RDFS.label)


def _union_or_class(onto, node) -> set:
    if isinstance(node, BNode):
        return set(Collection(onto, onto.value(node, OWL.unionOf)))
    return {node}


PROPERTIES = {  # property: (domain, range), from docs/design.md
    EKG.source: ({EKG.Claim}, {EKG.Source}),
    EKG.reportedIn: ({EKG.Claim, EKG.Attack, EKG.CasualtyFigure}, {EKG.Article}),
    EKG.accused: ({EKG.Allegation}, {EKG.Party}),
    EKG.defends: ({EKG.Denial}, {EKG.Party}),
    EKG.denies: ({EKG.Denial}, {EKG.Allegation}),
    EKG.concerns: ({EKG.Claim}, {EKG.Attack}),
    EKG.target: ({EKG.Attack, EKG.Incident}, {EKG.ProtectedObject}),
    EKG.perpetrator: ({EKG.Attack, EKG.Incident}, {EKG.Party}),
    EKG.possiblePerpetrator: ({EKG.Attack, EKG.Incident}, {EKG.Party}),
    EKG.location: ({EKG.Attack, EKG.Incident}, {EKG.Place}),
    EKG.withinPlace: ({EKG.Place}, {EKG.Place}),
    EKG.evidence: ({EKG.Claim, EKG.Attack, EKG.CasualtyFigure}, {EKG.Quote}),
    EKG.speaksFor: ({EKG.Agent}, {EKG.Agent}),
    EKG.sourceKind: ({EKG.Agent}, {EKG.SourceKind}),
    EKG.denialKind: ({EKG.Denial}, {EKG.DenialKind}),
    EKG.date: ({EKG.Attack, EKG.Incident}, {XSD.date}),
    EKG.earliestDate: ({EKG.Attack, EKG.Incident}, {XSD.date}),
    EKG.killed: ({EKG.Attack}, {XSD.nonNegativeInteger}),
    EKG.count: ({EKG.CasualtyFigure}, {XSD.nonNegativeInteger}),
    EKG.hedged: ({EKG.Claim}, {XSD.boolean}),
    EKG.text: ({EKG.Article}, {XSD.string}),
    EKG.sha256: ({EKG.Article}, {XSD.string}),
    EKG.report: ({EKG.Incident}, {EKG.Attack}),
    EKG.reportOf: ({EKG.Claim}, {EKG.Statement}),
    EKG.givenBy: ({EKG.CasualtyFigure}, {EKG.Agent}),
    EKG.grade: ({EKG.Incident, EKG.Assessment}, {EKG.ConfidenceGrade}),
    EKG.voiceCount: ({EKG.Incident}, {XSD.nonNegativeInteger}),
}


@pytest.mark.parametrize("prop", sorted(PROPERTIES), ids=lambda p: p.split("#")[1])
def test_domain_and_range_as_in_design(onto, prop):
    domain, range_ = PROPERTIES[prop]
    assert _union_or_class(onto, onto.value(prop, RDFS.domain)) == domain
    assert _union_or_class(onto, onto.value(prop, RDFS.range)) == range_


def test_every_property_has_a_domain_and_a_range(onto):
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if str(prop).startswith(NS_IRI):
                assert onto.value(prop, RDFS.domain) is not None, prop
                assert onto.value(prop, RDFS.range) is not None, prop


def test_source_is_a_prov_attribution(onto):
    assert (EKG.source, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
