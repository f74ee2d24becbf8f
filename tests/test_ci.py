"""`kg validate` in CI: the example data repository (examples/data-repo) checked with the
commands of its GitHub Actions workflow and of the pre-commit hooks, as docs/ci.md shows
them; SARIF checked against the SARIF 2.1.0 JSON schema (tests/sarif, vendored), JUnit XML
parsed; a broken copy of the repository fails, with the file and line of the problem."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from kg.cli import cli
from kg.cli.validate import validate_command

ROOT = Path(__file__).resolve().parent.parent
REPO = ROOT / "examples" / "data-repo"
WORKFLOW = REPO / ".github" / "workflows" / "validate.yml"
SCHEMA = json.loads((ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of the example repository, as the current directory (reports are written)."""
    copy = tmp_path / "data-repo"
    shutil.copytree(REPO, copy)
    monkeypatch.chdir(copy)
    return copy


def kg(command: str):
    args = shlex.split(command)
    assert args[:1] == ["kg"], command
    return CliRunner().invoke(cli, args[1:])


def workflow_commands() -> list[str]:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["validate"]["steps"]
    return [line.strip() for s in steps for line in s.get("run", "").splitlines()
            if line.strip().startswith("kg ")]


def test_the_workflow_runs_on_the_example(repo):
    commands = workflow_commands()
    assert len(commands) == 3
    for command in commands:
        result = kg(command)
        assert result.exit_code == 0, (command, result.output)
    sarif = json.loads((repo / "kg.sarif").read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    (result,) = sarif["runs"][0]["results"]            # the warning of the example
    assert result["level"] == "warning"
    assert result["ruleId"].endswith("VerifiedOnTwoArticles/sh:SPARQL")
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"]}
    assert uris == {"graph/articles.ttl", "graph/review.ttl"}
    junit = ET.parse(repo / "kg-junit.xml").getroot()
    assert junit.tag == "testsuites" and junit.get("failures") == "0"
    assert len(junit.findall(".//testcase")) == 2


def test_the_workflow_gate_fails_on_a_broken_graph_and_says_where(repo):
    review = repo / "graph" / "review.ttl"
    text = review.read_text().replace('    review:reviewer "Desk B" ;\n', "")
    review.write_text(text)
    *reports, gate = workflow_commands()
    for command in reports:
        assert kg(command).exit_code == 0                # --fail-on none: reports only
    result = kg(gate)
    assert result.exit_code == 1, result.output
    assert "review:AttackReview-reviewer" in result.output or "AttackReview-reviewer" in \
        result.output
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "market-2016-02>" in t)
    assert f"graph/review.ttl:{line}" in result.output
    sarif = json.loads((repo / "kg.sarif").read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    errors = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    assert len(errors) == 1
    regions = {(loc["physicalLocation"]["artifactLocation"]["uri"],
                loc["physicalLocation"].get("region", {}).get("startLine"))
               for loc in errors[0]["locations"]}
    assert ("graph/review.ttl", line) in regions
    junit = ET.parse(repo / "kg-junit.xml").getroot()
    assert junit.get("failures") == "0"                  # written with --fail-on none
    junit_gate = kg("kg validate --shapes shapes/ --format junit graph/")
    assert junit_gate.exit_code == 1
    failed = ET.fromstring(junit_gate.output.split("\n", 1)[1]).findall(".//failure")
    assert len(failed) == 2                              # the shape, and the whole graph


def test_the_pre_commit_hooks_run_on_the_example(repo):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "kg-validate" and hook["entry"] == "kg validate"
    files = sorted(str(p.relative_to(repo)) for p in repo.rglob("*")
                   if re.search(hook["files"], p.name))
    assert files == ["graph/articles.ttl", "graph/review.ttl", "shapes/review.ttl"]
    data = [f for f in files if f.startswith("graph/")]
    result = kg(f"{hook['entry']} --shapes shapes/ {' '.join(data)}")
    assert result.exit_code == 0, result.output
    (local,) = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"]
    (own,) = local["hooks"]
    assert own["id"] == hook["id"] and own["entry"] == hook["entry"]
    assert all(re.search(own["files"], f) for f in files)
    result = kg(f"{own['entry']} {' '.join(own['args'])}")
    assert result.exit_code == 0, result.output


def test_docs_show_the_example_workflow_and_every_option():
    docs = (ROOT / "docs" / "ci.md").read_text()
    assert WORKFLOW.read_text() in docs
    for param in validate_command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in docs or opt in (ROOT / "README.md").read_text(), opt
