"""Compiling shapes to SPARQL: every constraint of the shipped shapes is compiled, and a
SHACL feature the engine does not support fails loudly, naming the shape and the term."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.namespaces import RDF, SH
from kg.validate.engine import UnsupportedShapeError, compile_shapes
from kg.validate.engine.shapes import NON_VALIDATING, PARAMETERS, TARGETS
from kg.validate.engine.sparql_constraints import inject_focus
from kg.validate.shacl import shapes_graph

HEAD = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix ex: <https://example.org/> .
"""


def compiled_constraints(compiled):
    """Every constraint, including those of shapes nested in sh:or, sh:not..."""
    seen, todo = [], [c for check in compiled.checks for c in check.constraints]
    while todo:
        c = todo.pop()
        seen.append(c)
        for shape in c.shapes():
            for group in [shape] + shape.properties:
                todo.extend(group.constraints)
    return seen


def test_every_constraint_of_the_shipped_shapes_is_compiled():
    g = shapes_graph()
    declared = {(s, p, o) for s, p, o in g if p in PARAMETERS
                and (s, RDF.type, SH.SPARQLConstraint) not in g}
    compiled = {(c.shape.node, c.param, c.node if c.param == SH.sparql else None)
                for c in compiled_constraints(compile_shapes())}
    want = {(s, p, o if p == SH.sparql else None) for s, p, o in declared}
    # blank-node shapes (inside sh:or) are compared by identity in the same graph
    assert want == compiled
    assert len(want) >= 130


def test_the_shipped_shapes_use_only_terms_the_engine_knows():
    g = shapes_graph()
    known = set(PARAMETERS) | NON_VALIDATING | set(TARGETS) | {
        SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath,
        SH.zeroOrOnePath}
    sparql_node_terms = {SH.select, SH.message, SH.prefixes, SH.deactivated}
    used = {p for s, p, _ in g if str(p).startswith(str(SH))
            and p not in (SH.declare, SH.prefix, SH.namespace)}
    assert used - known - sparql_node_terms == set()


def test_compile_is_cached_and_checks_are_ordered():
    a, b = compile_shapes(), compile_shapes()
    assert a is b
    assert [c.shape.label() for c in a.checks] == [c.shape.label() for c in b.checks]


def _compile(body: str):
    return compile_shapes(Graph().parse(data=HEAD + body, format="turtle"))


@pytest.mark.parametrize("body, term", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ex:p ; sh:closed true .", "sh:closed"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:custom 1 . "
     "ex:Comp sh:parameter [ sh:path ex:custom ] .", "sh:ConstraintComponent"),
    ("ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:sparql [ sh:select "
     "'SELECT $this WHERE { $this <urn:p> ?o { SELECT ?o WHERE { ?o <urn:q> 1 } } }' ] .",
     "sub-SELECT"),
    ("ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:sparql [ sh:select "
     "'SELECT $this WHERE { $this <urn:p> ?o { FILTER(bound($this)) } }' ] .", "nested group"),
    ("ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:sparql [ sh:select "
     "'SELECT $this ?value WHERE { $this <http://www.w3.org/ns/oa#start> ?value "
     "FILTER(DATATYPE(?value) = <http://www.w3.org/2001/XMLSchema#integer>) }' ] .",
     "DATATYPE()"),
    ("ex:S a sh:NodeShape ; sh:targetNode '4.0'^^xsd:decimal ; sh:class ex:D .", "canonical"),
    ("ex:S a sh:NodeShape ; sh:targetObjectsOf oa:start ; sh:datatype xsd:integer .",
     "objects of"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ( ex:q oa:start ) ; sh:datatype xsd:integer .", "path of several steps"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 .",
     "sh:qualified"),
    ("ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select 'SELECT ?this {}' ] .",
     "sh:target"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:severity ex:Catastrophe ; sh:class ex:D .",
     "sh:severity"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ex:p ; sh:in ( '5'^^xsd:nonNegativeInteger ) .", "sh:in"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( [ sh:path ex:p ; sh:minCount 9 ] "
     "[ sh:class ex:D ] ) .", "sh:minCount 9"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
     "ex:P sh:path ex:p ; sh:datatype xsd:dateTimeStamp .", "sh:datatype"),
])
def test_an_unsupported_feature_names_the_shape_and_the_term(body, term):
    with pytest.raises(UnsupportedShapeError) as err:
        _compile(body)
    message = str(err.value)
    assert message.startswith("[E330] shape ")
    assert term in message, message
    assert "<https://example.org/S>" in message or "<https://example.org/P>" in message, message


@pytest.mark.parametrize("select, why", [
    ("SELECT $this WHERE { $this ex:p ?x MINUS { $this ex:q ?x } }", "MINUS"),
    ("SELECT $this WHERE { $this ex:p ?x VALUES ?x { 1 } }", "VALUES"),
    ("SELECT $this WHERE { SERVICE <http://x/> { $this ex:p ?x } }", "SERVICE"),
    ("SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:p ?x } GROUP BY $this "
     "HAVING (COUNT(?x) > 1)", "aggregate"),
    ("SELECT $this WHERE { OPTIONAL { $this ex:p ?x } }", "outside a triple pattern"),
    ("SELECT ?x WHERE { $this ex:p ?x }", "does not select $this"),
    ("SELECT $this WHERE { $this ex:p $currentShape }", "$currentShape"),
    ("SELECT $this { $this ex:p ?x }", "keyword WHERE"),
])
def test_a_sparql_constraint_the_engine_cannot_run_is_refused(select, why):
    body = ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
            f"sh:sparql [ sh:select \"\"\"{select}\"\"\" ; "
            "sh:prefixes ex:Onto ] . ex:Onto a <http://www.w3.org/2002/07/owl#Ontology> ; "
            "sh:declare [ sh:prefix 'ex' ; sh:namespace 'https://example.org/'^^xsd:anyURI ] .")
    with pytest.raises(UnsupportedShapeError) as err:
        _compile(body)
    assert why in str(err.value), str(err.value)


def test_a_sparql_constraint_inside_sh_or_is_refused():
    body = ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( [ sh:class ex:A ] "
            "[ sh:sparql [ sh:select 'SELECT $this WHERE { $this <urn:p> ?x }' ] ] ) .")
    with pytest.raises(UnsupportedShapeError, match="nested SPARQL constraints"):
        _compile(body)


def test_recursive_shapes_are_refused():
    body = ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
            "ex:P sh:path ex:knows ; sh:node ex:S .")
    with pytest.raises(UnsupportedShapeError, match="refers to itself"):
        _compile(body)


def test_a_malformed_shape_is_e331():
    with pytest.raises(UnsupportedShapeError, match=r"^\[E331\].*sh:minCount \"one\""):
        _compile("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
                 "ex:P sh:path ex:p ; sh:minCount 'one' .")


def test_focus_goes_first_in_the_where_clause_whatever_precedes_it():
    q = ('SELECT $this ?x (STR("{ not a brace") AS ?s) (?x < 3 AS ?lt) (<urn:a> AS ?i)'
         ' # a { comment\n'
         "WHERE { $this <urn:p> ?x }")
    out = inject_focus(q, "VALUES ?this { <urn:n> }")
    assert out.endswith("WHERE { { VALUES ?this { <urn:n> } } $this <urn:p> ?x }")


def test_an_ignored_annotation_is_not_an_error():
    compiled = _compile("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:name 'S' ; "
                        "<http://www.w3.org/2000/01/rdf-schema#comment> 'c' ; sh:class ex:D .")
    assert [c.param for check in compiled.checks for c in check.constraints] == [SH["class"]]


def test_deactivated_shapes_and_constraints_run_nothing():
    compiled = _compile(
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:class ex:D . "
        "ex:T a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P ; sh:sparql [ "
        "sh:deactivated true ; sh:select 'SELECT $this WHERE { $this <urn:p> ?x }' ] . "
        "ex:P sh:path ex:p ; sh:deactivated true ; sh:minCount 1 .")
    assert compiled.checks == []
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/n"), ox.NamedNode(str(RDF.type)),
                      ox.NamedNode("https://example.org/C")))
    assert compiled.validate(store).conforms


def test_literal_members_must_be_canonical_but_may_be_literals():
    compiled = _compile("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
                        "ex:P sh:path ex:p ; sh:in ( 'a' 1 true ) .")
    (check,) = compiled.checks
    assert [str(m) for m in check.constraints[0].members] == [
        '"a"', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>']
