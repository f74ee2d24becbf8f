"""Reports for CI tools: SARIF 2.1.0 (GitHub code scanning and other SARIF viewers) and JUnit
XML (test report viewers of CI services).

Each result becomes a SARIF result whose rule is its shape and constraint component, at the
file (and line) of its focus node when known (`ValidationReport.locations`), else at
*default_file*; severities map to SARIF levels (sh:Violation error, sh:Warning warning,
sh:Info note).  In JUnit, each shape with results is a test case that fails when one of its
results is as serious as *fail_on*.

>>> import json
>>> from rdflib import URIRef
>>> from kg.validate.report import Severity, ValidationReport, ValidationResult
>>> r = ValidationResult(URIRef("https://example.org/a"), Severity.WARNING, "Needs a title",
...                      source_shape=URIRef("https://example.org/S"))
>>> sarif = json.loads(to_sarif(ValidationReport([r]), default_file="data.ttl"))
>>> sarif["version"], sarif["runs"][0]["results"][0]["level"]
('2.1.0', 'warning')
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

from kg import __version__
from kg.validate.report import Severity, ValidationReport, ValidationResult, show

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://w3id.org/evidence-kg"


def rule_id(r: ValidationResult) -> str:
    """The shape and the component, as prefixed names (a blank node shape by its path)."""
    label = show(r.source_shape)
    shape = (label.strip("<>") if r.source_shape is not None and not label.startswith("_:")
             else f"[sh:path {show(r.path)}]")
    component = show(r.constraint_component).replace("ConstraintComponent", "")
    return f"{shape}/{component}" if r.constraint_component is not None else shape


def _text(r: ValidationResult) -> str:
    parts = [f"{r.severity_name} on {show(r.focus_node)}"]
    if r.path is not None:
        parts.append(f"path {show(r.path)}")
    if r.value is not None:
        parts.append(f"value {show(r.value)}")
    return f"{', '.join(parts)}: {r.message}"


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def to_sarif(report: ValidationReport, default_file: str = ".") -> str:
    """The report as a SARIF 2.1.0 log (one run, tool ``kg validate``)."""
    rules: dict[str, dict] = {}
    index: dict[str, int] = {}
    results = []
    for r in report.results:
        rid = rule_id(r)
        if rid not in rules:
            index[rid] = len(rules)
            rules[rid] = {"id": rid, "shortDescription": {"text": r.message[:1000]},
                          "properties": {"shape": show(r.source_shape),
                                         "component": show(r.constraint_component)}}
        locations = report.locations.get(r.focus_node) or []
        physical = [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(loc.file)},
            **({"region": {"startLine": loc.line}} if loc.line else {})}}
            for loc in locations] or [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(default_file)}}}]
        results.append({
            "ruleId": rid, "ruleIndex": index[rid], "level": LEVELS[r.severity],
            "message": {"text": _text(r)}, "locations": physical,
            "properties": {"focusNode": r.focus_node.n3(),
                           "severity": str(r.severity_node)},
        })
    log = {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kg validate", "fullName": "evidence-kg SHACL validation",
                                "version": __version__, "informationUri": INFO_URI,
                                "rules": list(rules.values())}},
            "results": results,
            "properties": {"triples": report.triples, "engineShapes": report.engine_shapes,
                           "pyshaclShapes": dict(sorted(report.handed_off.items()))},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def to_junit(report: ValidationReport, fail_on: Optional[Severity] = Severity.VIOLATION) -> str:
    """The report as JUnit XML: one test case per shape with results (failed when one of
    them is as serious as *fail_on*; None: never), and one for the whole graph."""
    by_rule: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        by_rule.setdefault(rule_id(r), []).append(r)
    suite = ET.Element("testsuite", name="kg validate (SHACL)")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="triples", value=str(report.triples))
    ET.SubElement(props, "property", name="engine_shapes", value=str(report.engine_shapes))
    for label, why in sorted(report.handed_off.items()):
        ET.SubElement(props, "property", name=f"pyshacl: {label}", value=why)
    failures = 0

    def fails(results) -> bool:
        return fail_on is not None and any(r.severity.rank >= fail_on.rank for r in results)

    for rid, results in by_rule.items():
        case = ET.SubElement(suite, "testcase", classname="shapes", name=rid)
        body = "\n".join(_text(r) + "".join(f"\n  at {loc}" for loc in
                                             report.locations.get(r.focus_node, []))
                         for r in results)
        if fails(results):
            failures += 1
            counts = ValidationReport(results).counts
            summary = ", ".join(f"{n} {k.lower()}(s)" for k, n in counts.items() if n)
            ET.SubElement(case, "failure", message=summary, type="SHACL").text = body
        else:
            ET.SubElement(case, "system-out").text = body
    whole = ET.SubElement(suite, "testcase", classname="graph", name="conforms")
    if fails(report.results):
        failures += 1
        ET.SubElement(whole, "failure", message=report.to_text().splitlines()[0], type="SHACL")
    suite.set("tests", str(len(by_rule) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="kg validate", tests=suite.get("tests"),
                      failures=str(failures))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


__all__ = ["LEVELS", "rule_id", "to_junit", "to_sarif"]
