"""SHACL the shipped shapes do not use yet but the engine supports, against pySHACL on the
same data: targets of every kind, property paths, logical constraints, value ranges, pairs,
patterns, sh:in with literals, severities, $PATH in SPARQL constraints; and the safe-value
tests of the components, on a battery of awkward literals."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal

from kg.namespaces import XSD
from kg.validate.engine import compile_shapes
from kg.validate.engine.components import INTEGER_TYPES, DatatypeConstraint, RangeConstraint
from kg.validate.engine.run import PREFIXES, Context
from kg.validate.engine.terms import to_ox
from tests.engine_support import diff, keys, reference, store_of

pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")

SHAPES = '''
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <https://example.org/> .

ex:Onto a owl:Ontology ; sh:declare [ sh:prefix "ex" ;
    sh:namespace "https://example.org/"^^xsd:anyURI ] .

ex:Named a sh:NodeShape ; sh:targetNode ex:a , ex:absent ; sh:property ex:Named-name .
ex:Named-name sh:path ex:name ; sh:minCount 1 ; sh:maxCount 2 ; sh:pattern "^[a-z]+$" ;
    sh:flags "i" .

ex:Knows a sh:NodeShape ; sh:targetSubjectsOf ex:knows ;
    sh:property ex:Knows-back , ex:Knows-chain .
ex:Knows-back sh:path [ sh:inversePath ex:knows ] ; sh:nodeKind sh:IRI ; sh:severity sh:Info .
ex:Knows-chain sh:path ( ex:knows ex:name ) ; sh:datatype xsd:string ; sh:severity sh:Warning .

ex:Known a sh:NodeShape ; sh:targetObjectsOf ex:knows ; sh:property ex:Known-reach .
ex:Known-reach sh:path [ sh:zeroOrMorePath ex:knows ] ; sh:class ex:Person .

ex:Person a rdfs:Class , sh:NodeShape ;
    sh:property ex:Person-age , ex:Person-born , ex:Person-died , ex:Person-code , ex:Person-alt ,
        ex:Person-kind , ex:Person-friend , ex:Person-score ;
    sh:not [ sh:hasValue ex:nobody ] ;
    sh:and ( [ sh:nodeKind sh:BlankNodeOrIRI ] [ sh:property [ sh:path ex:name ;
        sh:maxCount 3 ] ] ) .
ex:Person-age sh:path ex:age ; sh:maxInclusive 150 ; sh:minExclusive -1 ; sh:maxCount 1 .
ex:Person-born sh:path ex:born ; sh:lessThan ex:died ; sh:maxExclusive "2100-01-01"^^xsd:date .
ex:Person-died sh:path ex:died ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) .
ex:Person-code sh:path ex:code ; sh:in ( "a" "b"@en 7 true ex:c ) ; sh:minInclusive "a" .
ex:Person-alt sh:path [ sh:alternativePath ( ex:nick ex:name ) ] ; sh:minCount 2 .
ex:Person-kind sh:path ex:kind ; sh:hasValue ex:human ; sh:nodeKind sh:IRIOrLiteral .
ex:Person-friend sh:path [ sh:oneOrMorePath ex:friend ] ; sh:node ex:Friendly .
ex:Person-score sh:path [ sh:zeroOrOnePath ex:score ] ; sh:datatype xsd:decimal ;
    sh:sparql [ sh:message "{?value} is {$this}'s score by $PATH" ; sh:prefixes ex:Onto ;
        sh:select """SELECT $this ?value WHERE {
            $this $PATH ?value . FILTER(isLiteral(?value) && ?value > 10) }""" ] .
ex:Friendly a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ;
    sh:datatype xsd:string ] .

ex:Off a sh:NodeShape ; sh:targetClass ex:Person ; sh:deactivated true ; sh:class ex:Nothing .
'''

DATA = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .

ex:Student rdfs:subClassOf ex:Person .
ex:a ex:name "Alice" , "ALICE" , "al1ce" ; ex:knows ex:b , ex:c .
ex:b a ex:Person ; ex:name "Bob" , "b" ; ex:knows ex:a ; ex:age 151 ;
    ex:born "2000-01-01"^^xsd:date ;
    ex:died "1999"^^xsd:gYear ; ex:code "a" , "b"@en , 7 , "07"^^xsd:decimal ; ex:kind ex:human ;
    ex:friend [ ex:name "F" ; ex:friend ex:a ] ; ex:score 11.5 , ex:eleven .
ex:c a ex:Student ; ex:name "Carol" ; ex:nick "C" ; ex:age -1 , 30 ;
    ex:born "2000-01-01"^^xsd:date ;
    ex:died "2000-01-01"^^xsd:date , "2010-02-30"^^xsd:date ; ex:code true , ex:c , "z" ;
    ex:kind "human" ; ex:friend ex:b ; ex:score "9.5"^^xsd:decimal .
ex:d a ex:Student ; ex:name 3 , "D" , "Dee" , "Dede" ; ex:age "forty" ;
    ex:born "2101-01-01"^^xsd:date ;
    ex:died "2100"^^xsd:gYear ; ex:code "b" ; ex:kind ex:nobody ; ex:score 12 .
ex:nobody a ex:Person ; ex:name "N" , "M" ; ex:kind ex:human .
ex:lonely ex:knows ex:nobody .
"""


@pytest.fixture(scope="module")
def features():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    store = store_of(Graph().parse(data=DATA, format="turtle"))
    return shapes, compile_shapes(shapes), store


def test_features_as_pyshacl(features):
    shapes, compiled, store = features
    ours, theirs = keys(compiled.validate(store)), reference(store, shapes=shapes)
    assert ours == theirs, diff(ours, theirs)
    assert len({k[3] for k in theirs}) >= 14       # components that found something


def test_features_decided_in_python_as_pyshacl(features):
    shapes, compiled, store = features
    ours = keys(compiled.validate(store, decide_in_python=True))
    theirs = reference(store, shapes=shapes)
    assert ours == theirs, diff(ours, theirs)


def test_sparql_message_template_and_path(features):
    shapes, compiled, store = features
    messages = {r.message for r in compiled.validate(store).results
                if str(r.source_shape).endswith("Person-score") and r.value == Literal(12)
                and r.constraint_component.endswith("SPARQLConstraintComponent")}
    assert messages == {"12 is https://example.org/d's score by $PATH"}


# --- the safe-value tests are sound ---------------------------------------------------------

LEXICAL = ["0", "5", "-5", "+5", "007", " 5", "5 ", "1_000", "٣", "5.0", "-0", "1e3", "x", "",
           "99999999999999999999", "2016-03-01", "2016-02-30", "2016-03-01Z", "0000-01-01",
           "12016-03-01", "2016", "2016-13", "true", "1", "TRUE", "2016-03-01T10:00:00"]
DATATYPES = [XSD.string, XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int,
             XSD.byte, XSD.decimal, XSD.double, XSD.date, XSD.gYear, XSD.gYearMonth,
             XSD.boolean, XSD.anyURI, XSD.dateTime]


def _battery() -> ox.Store:
    """Every lexical form with every datatype, as Oxigraph stores them (one subject each)."""
    store = ox.Store()
    for i, (lex, dt) in enumerate(itertools.product(LEXICAL, DATATYPES)):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"),
                          ox.Literal(lex, datatype=to_ox(dt))))
    return store


BATTERY = _battery()


def _bounds(tri) -> list[tuple]:
    """(stored value, maybe, sure) for every value of the battery."""
    rows = BATTERY.query(f"SELECT ?v (({tri.maybe}) AS ?m) (({tri.sure}) AS ?s) WHERE {{ "
                         "?this <urn:p> ?v }", prefixes=PREFIXES)
    return [(r["v"], r["m"].value == "true", r["s"].value == "true") for r in rows]


@pytest.mark.parametrize("rule", DATATYPES + list(INTEGER_TYPES)[5:8],
                         ids=lambda d: d.split("#")[1])
def test_datatype_bounds_agree_with_the_python_twin(rule):
    """Where SPARQL says "surely conforms" or "surely violates", Python (pySHACL's rule, and
    the documented rule for integers) says the same; the rest Python decides."""
    c = DatatypeConstraint(None, None, datatype=rule)
    rows = _bounds(c.value_tri("?v", "?this", Context({})))
    assert len(rows) == len(LEXICAL) * len(DATATYPES)
    for value, maybe, sure in rows:
        violates = c.py_value(None, None, value)
        assert maybe or not violates, value
        assert not sure or violates, value


@pytest.mark.parametrize("bound", [Literal(0), Literal("2.5", datatype=XSD.decimal),
                                   Literal("2016-03-01", datatype=XSD.date), Literal("m")])
@pytest.mark.parametrize("param", ["minInclusive", "maxExclusive"])
def test_range_bounds_agree_with_the_python_twin(bound, param):
    from kg.namespaces import SH
    c = RangeConstraint(None, None, param=SH[param], bound=bound)
    for value, maybe, sure in _bounds(c.value_tri("?v", "?this", Context({}))):
        violates = c.py_value(None, None, value)
        assert maybe or not violates, value
        assert not sure or violates, value
