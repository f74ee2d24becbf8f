"""``kg validate`` in-process with click's CliRunner: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.namespaces import SH

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "graph" / "sample.ttl"
INVALID = ROOT / "examples" / "graph" / "invalid"
BASE = ROOT / "tests" / "shapes" / "base.ttl"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_valid_sample_exits_0():
    result = run("validate", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "0 violation(s), 0 warning(s)" in result.output and "conforms" in result.output


@pytest.mark.parametrize("name, shape, focus", [
    ("bad-quote-offsets.ttl", "ekgsh:QuoteMatchesArticleText", "/quote/290-370>"),
    ("denial-denies-nothing.ttl", "ekgsh:DenialDeniesOrConcerns", "/denial/372-507>"),
    ("negative-casualty-figure.ttl", "ekgsh:CasualtyFigure-count-nonNegative",
     "/figure/injured/127-137>"),
])
def test_invalid_examples_exit_1_naming_shape_and_node(name, shape, focus):
    result = run("validate", INVALID / name)
    assert result.exit_code == 1, result.output
    assert f"shape:   {shape}" in result.output
    violation_lines = [ln for ln in result.output.splitlines() if ln.startswith("Violation: ")]
    assert any(ln.endswith(focus) for ln in violation_lines), result.output
    assert "message: " in result.output and "path: " in result.output


WARNINGS_ONLY = """
@prefix ekg: <https://w3id.org/evidence-kg/ns#> .
<https://example.org/a> a ekg:Article ; ekg:text "x" ;
    ekg:sha256 "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" .
"""


def test_fail_on_warning(tmp_path):
    f = tmp_path / "warn.ttl"
    f.write_text(WARNINGS_ONLY, encoding="utf-8")
    default = run("validate", f)
    assert default.exit_code == 0 and "3 warning(s)" in default.output
    assert "Warning: <https://example.org/a>" in default.output
    strict = run("validate", "--fail-on", "warning", f)
    assert strict.exit_code == 1


def test_json_format():
    result = run("validate", "--format", "json", INVALID / "denial-denies-nothing.ttl")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["conforms"] is False and data["counts"]["Violation"] == 1
    (r,) = data["results"]
    assert r["severity"] == "Violation"
    assert r["source_shape"] == "https://w3id.org/evidence-kg/shapes#DenialDeniesOrConcerns"
    assert r["focus_node"].endswith("/denial/372-507")


def test_turtle_format_is_a_shacl_report():
    result = run("validate", "--format", "turtle", INVALID / "bad-quote-offsets.ttl")
    assert result.exit_code == 1
    g = Graph().parse(data=result.output, format="turtle")
    (report,) = g.subjects(None, SH.ValidationReport)
    assert g.value(report, SH.conforms).toPython() is False
    (res,) = g.objects(report, SH.result)
    assert g.value(res, SH.resultSeverity) == SH.Violation
    assert str(g.value(res, SH.sourceShape)).endswith("#QuoteMatchesArticleText")
    # deterministic text: the same report twice gives the same bytes
    again = run("validate", "--format", "turtle", INVALID / "bad-quote-offsets.ttl")
    assert again.output == result.output


def test_several_files_are_validated_together(tmp_path):
    """An article graph and the entities it names can come in separate files."""
    g = Graph().parse(SAMPLE)
    agents = Graph()
    for s, p, o in g:
        if "/agent/" in str(s):
            agents.add((s, p, o))
    rest = g - agents
    (tmp_path / "article.nt").write_text(rest.serialize(format="nt"), encoding="utf-8")
    (tmp_path / "agents.jsonld").write_text(agents.serialize(format="json-ld"), encoding="utf-8")
    alone = run("validate", tmp_path / "article.nt")
    assert alone.exit_code == 1 and "ekgsh:Claim-source" in alone.output
    together = run("validate", tmp_path / "article.nt", tmp_path / "agents.jsonld")
    assert together.exit_code == 0, together.output


@pytest.mark.parametrize("args, message", [
    (["missing.ttl"], "[E301] missing.ttl: no such file"),
    (["notes.txt"], "[E302] notes.txt: unknown RDF file extension '.txt'"),
])
def test_bad_input_exits_2(args, message):
    result = run("validate", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_unparseable_file_exits_2(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<urn:a> <urn:b> .", encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert "[E303]" in result.output and "broken.ttl" in result.output and "Turtle" in result.output


def test_no_file_is_a_usage_error():
    result = run("validate")
    assert result.exit_code == 2 and "give at least one RDF file" in result.output


def test_an_input_source_can_be_registered(monkeypatch):
    """The hook the store uses for ``kg validate --store DIR``."""
    from kg.cli import validate as mod

    monkeypatch.setattr(mod, "INPUT_SOURCES", [])
    params = list(mod.validate_command.params)
    try:
        mod.register_input_source(
            click.Option(["--fake-store", "fake_store"], type=click.Path(path_type=Path)),
            lambda d: [Graph().parse(Path(d) / "sample.ttl")])
        result = run("validate", "--fake-store", SAMPLE.parent)
        assert result.exit_code == 0, result.output
        assert f"in {len(Graph().parse(SAMPLE))} triples" in result.output
    finally:
        mod.validate_command.params[:] = params


@pytest.mark.java
def test_reason_reports_an_inconsistency(tmp_path):
    f = tmp_path / "both.ttl"
    g = Graph().parse(BASE)
    g.parse(data="""@prefix ekg: <https://w3id.org/evidence-kg/ns#> .
        <https://example.org/test/denial> a ekg:Allegation .""", format="turtle")
    f.write_text(g.serialize(format="turtle"), encoding="utf-8")
    result = run("validate", "--reason", f)
    assert result.exit_code == 1
    assert "inconsistent with the ontology (HermiT)" in result.output
    assert ("<https://example.org/test/denial> is both ekg:Allegation and ekg:Denial"
            in result.output)
    assert "ekgsh:AllegationIsNotDenial" in result.output   # SHACL says so too


@pytest.mark.java
def test_reason_on_a_consistent_graph():
    result = run("validate", "--reason", SAMPLE)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["validate", "check-ontology"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"kg {command}" in result.output


INFO_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Named a sh:NodeShape ; sh:targetNode ex:a ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:severity sh:Info ] .
"""


def test_fail_on_every_level_and_none(tmp_path):
    """--fail-on violation|warning|info|none on warnings only, and on an info only."""
    warn = tmp_path / "warn.ttl"
    warn.write_text(WARNINGS_ONLY, encoding="utf-8")
    codes = {level: run("validate", "--fail-on", level, warn).exit_code
             for level in ("violation", "warning", "info", "none")}
    assert codes == {"violation": 0, "warning": 1, "info": 1, "none": 0}
    shapes = tmp_path / "info-shapes.ttl"
    shapes.write_text(INFO_SHAPES, encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
    codes = {level: run("validate", "--shapes", shapes, "--no-bundled-shapes",
                        "--fail-on", level, data).exit_code
             for level in ("violation", "warning", "info", "none")}
    assert codes == {"violation": 0, "warning": 0, "info": 1, "none": 0}
    invalid = run("validate", "--fail-on", "none", INVALID / "bad-quote-offsets.ttl")
    assert invalid.exit_code == 0 and "1 violation(s)" in invalid.output


def test_user_shapes_with_or_without_the_bundled_ones(tmp_path):
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "info.ttl").write_text(INFO_SHAPES, encoding="utf-8")
    both = run("validate", "--shapes", shapes, "--format", "json", SAMPLE)
    assert both.exit_code == 0, both.output
    report = json.loads(both.stdout)
    assert report["checked_by"]["engine_shapes"] > 20        # the bundled ones, and ours
    assert [r["severity"] for r in report["results"]] == ["Info"]
    alone = run("validate", "--shapes", shapes / "info.ttl", "--no-bundled-shapes", "--format",
                "json", SAMPLE)
    assert json.loads(alone.stdout)["checked_by"]["engine_shapes"] == 1
    assert run("validate", "--no-bundled-shapes", SAMPLE).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "E307" in run("validate", "--shapes", empty, SAMPLE).output


def test_shapes_the_engine_refuses_are_checked_by_pyshacl_and_said_so(tmp_path):
    shapes = tmp_path / "q.ttl"
    shapes.write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:Q a sh:NodeShape ; sh:targetNode ex:a ;
    sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:datatype ex:Nothing ] ;
                  sh:qualifiedMinCount 1 ] .
""", encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> 1 .\n", encoding="utf-8")
    result = run("validate", "--shapes", shapes, "--no-bundled-shapes", data)
    assert result.exit_code == 1, result.output
    assert "Checked by pySHACL, not the SPARQL engine (1 shape(s); 0 by the engine)" in \
        result.output
    assert "sh:qualified" in result.output and "QualifiedMinCountConstraintComponent" in \
        result.output
