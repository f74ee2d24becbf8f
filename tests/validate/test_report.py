"""ValidationReport: order, counts, severities kept, and the three renderings."""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.namespaces import EKG, SH, XSD
from kg.validate.report import (SHAPES_NS, Severity, ValidationReport, ValidationResult,
                                path_from_rdf, path_to_rdf)

A = URIRef("https://w3id.org/evidence-kg/id/article/x")
F = URIRef("https://w3id.org/evidence-kg/id/figure/y")


def results():
    return [
        ValidationResult(A, Severity.WARNING, "An article should have a dcterms:title",
                         URIRef(SHAPES_NS + "Article-title-recommended"),
                         URIRef("http://purl.org/dc/terms/title"), None,
                         SH.MinCountConstraintComponent),
        ValidationResult(F, Severity.VIOLATION, "must be\nnon-negative",
                         URIRef(SHAPES_NS + "CasualtyFigure-count-nonNegative"), EKG.count,
                         Literal(-3), SH.MinInclusiveConstraintComponent),
        ValidationResult(F, Severity.VIOLATION, "is the figure of no attack",
                         URIRef(SHAPES_NS + "CasualtyFigure-attack"), ~EKG.casualtyFigure,
                         None, SH.MinCountConstraintComponent),
    ]


def test_order_counts_and_fail_on():
    report = ValidationReport(list(reversed(results())), triples=10)
    assert [r.severity for r in report.results] == [Severity.VIOLATION] * 2 + [Severity.WARNING]
    assert report.counts == {"Violation": 2, "Warning": 1, "Info": 0}
    assert not report.conforms and not report.passes()
    only_warning = ValidationReport(results()[:1])
    assert only_warning.passes() and not only_warning.passes(Severity.WARNING)
    assert ValidationReport(results()) .results == report.results  # input order does not matter


def test_text_names_focus_path_shape_and_message():
    text = ValidationReport(results(), triples=10).to_text()
    assert text.startswith("2 violation(s), 1 warning(s), 0 info(s) in 10 triples: "
                           "does not conform")
    assert "Violation: <https://w3id.org/evidence-kg/id/figure/y>" in text
    assert "  path:    ^ekg:casualtyFigure" in text
    assert "  value:   \"-3\"^^xsd:integer" in text
    assert ("  shape:   ekgsh:CasualtyFigure-count-nonNegative "
            "(sh:MinInclusiveConstraintComponent)") in text
    assert "  message: must be\\nnon-negative" in text       # one line per field
    assert "Warning: <https://w3id.org/evidence-kg/id/article/x>" in text
    only_warning = ValidationReport(results()[:1], triples=10).to_text()
    assert only_warning.splitlines()[0].endswith(": no violations, only warnings and infos "
                                                 "(sh:conforms false)")


def test_turtle_is_a_shacl_report_that_round_trips():
    report = ValidationReport(results())
    g = Graph().parse(data=report.to_turtle(), format="turtle")
    assert isomorphic(g, report.to_graph())
    severities = sorted(str(s) for s in g.objects(None, SH.resultSeverity))
    assert severities == [str(SH.Violation), str(SH.Violation), str(SH.Warning)]
    inverse = [p for p in g.objects(None, SH.resultPath) if not isinstance(p, URIRef)]
    assert [path_from_rdf(g, p) for p in inverse] == [~EKG.casualtyFigure]
    assert report.to_turtle() == ValidationReport(list(reversed(results()))).to_turtle()


def test_json():
    data = json.loads(ValidationReport(results(), triples=3).to_json())
    assert data["conforms"] is False and data["triples"] == 3
    assert [r["severity"] for r in data["results"]] == ["Violation", "Violation", "Warning"]
    first = data["results"][0]
    assert first["path"] == "^<https://w3id.org/evidence-kg/ns#casualtyFigure>"
    second = data["results"][1]
    assert second["value"] == f'"-3"^^<{XSD.integer}>'
    assert second["source_shape"] == SHAPES_NS + "CasualtyFigure-count-nonNegative"


def test_paths_round_trip():
    g = Graph()
    for path in (EKG.count, ~EKG.casualtyFigure, EKG.speaksFor * "+",
                 EKG.location / EKG.withinPlace, EKG.perpetrator | EKG.possiblePerpetrator):
        assert path_from_rdf(g, path_to_rdf(g, path)) == path


def test_empty_report_conforms():
    report = ValidationReport([])
    assert report.conforms and report.passes(Severity.INFO)
    assert json.loads(report.to_json())["results"] == []
