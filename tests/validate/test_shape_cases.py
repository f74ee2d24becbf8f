"""Every shape case in tests/shapes gives exactly its expected report (see shape_cases)."""

from __future__ import annotations

import pytest

from kg.validate import validate_graph
from tests.shape_cases import BASE, actual_results, case_files, load_case


def test_base_graph_conforms_without_warnings():
    from kg.validate import validate
    report = validate([BASE])
    assert report.results == [], report.to_text()


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem.replace(".test", "")
                         if p.parent.name == "shapes" else f"{p.parent.name}/{p.stem[:-5]}")
def test_case(path):
    case = load_case(path)
    report = validate_graph(case.data)
    assert report.conforms == case.conforms, report.to_text()
    assert actual_results(report, case.expected) == set(case.expected), report.to_text()
