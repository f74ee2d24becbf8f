"""Shape test cases kept as data, pySHACL style: each ``tests/shapes/**/*.test.ttl`` holds
data and, in the same file, the ``sh:ValidationReport`` expected when that data (merged with
``tests/shapes/base.ttl``) is validated against the bundled shapes.

An expected result names its focus node, source shape and severity (and may add
``sh:resultPath`` / ``sh:value``, then compared too); the results must match exactly, so a
case also fails when an unexpected result appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg.namespaces import RDF, SH
from kg.validate.report import ValidationReport

CASES_DIR = Path(__file__).parent / "shapes"
BASE = CASES_DIR / "base.ttl"


@dataclass(frozen=True)
class Case:
    path: Path
    data: Graph
    conforms: bool
    expected: frozenset      # {(focus, shape, severity, path or None, value or None)}

    @property
    def name(self) -> str:
        return str(self.path.relative_to(CASES_DIR))


def case_files() -> list[Path]:
    return sorted(CASES_DIR.rglob("*.test.ttl"))


@lru_cache(maxsize=1)
def base_graph() -> Graph:
    return Graph().parse(BASE, format="turtle")


def load_case(path: Path) -> Case:
    g = Graph().parse(path, format="turtle")
    reports = list(g.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1, f"{path}: expected one sh:ValidationReport, found {len(reports)}"
    report = reports[0]
    conforms = g.value(report, SH.conforms).toPython()
    expected = set()
    for result in list(g.objects(report, SH.result)):
        expected.add((g.value(result, SH.focusNode), g.value(result, SH.sourceShape),
                      g.value(result, SH.resultSeverity), g.value(result, SH.resultPath),
                      g.value(result, SH.value)))
        g.remove((result, None, None))
    g.remove((report, None, None))
    data = Graph()
    data += g
    data += base_graph()
    return Case(path, data, conforms, frozenset(expected))


def actual_results(report: ValidationReport, expected: frozenset) -> set:
    """The report's results in the shape of *expected* (path and value kept only where the
    matching expected result gives them)."""
    detailed = {(e[0], e[1], e[2]) for e in expected if e[3] is not None or e[4] is not None}
    out = set()
    for r in report.results:
        key = (r.focus_node, r.source_shape, r.severity.iri)
        if key in detailed:
            exp = next(e for e in expected if e[:3] == key)
            out.add(key + (r.path if exp[3] is not None else None,
                           r.value if exp[4] is not None else None))
        else:
            out.add(key + (None, None))
    return out
