"""``kg check-ontology``: HermiT on the bundled ontology and on broken copies of it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.resources import ontology_file

pytestmark = pytest.mark.java


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_bundled_ontology_is_consistent():
    result = run("check-ontology")
    assert result.exit_code == 0, result.output
    assert "consistent" in result.output and "none unsatisfiable" in result.output


def test_unsatisfiable_class_is_named(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(ontology_file().read_text(encoding="utf-8") + """
ekg:AllegedDenial a owl:Class ; rdfs:subClassOf ekg:Allegation , ekg:Denial .
""", encoding="utf-8")
    result = run("check-ontology", "--ontology", broken)
    assert result.exit_code == 1
    assert "1 unsatisfiable class(es)" in result.output
    assert "ekg:AllegedDenial" in result.output


def test_inconsistent_ontology_is_named(tmp_path):
    broken = tmp_path / "inconsistent.ttl"
    broken.write_text(ontology_file().read_text(encoding="utf-8") + """
ekg:NGO a ekg:Allegation , ekg:Denial .
""", encoding="utf-8")
    result = run("check-ontology", "--ontology", broken)
    assert result.exit_code == 1
    assert "INCONSISTENT" in result.output
    assert "ekg:NGO is both ekg:Allegation and ekg:Denial, which are disjoint" in result.output


def test_unreadable_ontology_exits_2(tmp_path):
    result = run("check-ontology", "--ontology", tmp_path / "nope.ttl")
    assert result.exit_code == 2 and "[E301]" in result.output
