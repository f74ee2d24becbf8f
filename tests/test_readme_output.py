"""The README shows real output: run the commands it shows and compare, line for line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.resources import sample_articles_dir

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def shown(marker: str) -> str:
    """The ```text block after ``<!-- marker -->`` in the README."""
    block = README.split(f"<!-- {marker} -->", 1)[1]
    assert block.lstrip().startswith("```text\n"), marker
    return block.split("```text\n", 1)[1].split("\n```", 1)[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """``kg demo`` run as the README says (store ``kg-store`` in the working directory)."""
    cwd, before = tmp_path_factory.mktemp("readme"), os.getcwd()
    runner = CliRunner()
    os.chdir(cwd)
    try:
        result = runner.invoke(cli, ["demo"], env={"KG_STORE": None})
        validate = runner.invoke(cli, ["validate", "--store", "kg-store"],
                                 env={"KG_STORE": None})
    finally:
        os.chdir(before)
    return result, validate, cwd


def test_the_demo_prints_what_the_readme_shows(demo):
    result, _, _ = demo
    assert result.exit_code == 0, result.output
    # from a checkout the README's reader sees the relative folder; here it is absolute
    out = result.output.replace(str(sample_articles_dir()), "examples/articles")
    assert out.rstrip("\n").splitlines() == shown("demo-output").splitlines(), \
        "the extractor's output changed: paste `kg demo`'s output into the README"


def test_the_validation_prints_what_the_readme_shows(demo):
    _, validate, cwd = demo
    assert (cwd / "kg-store").is_dir()
    assert validate.exit_code == 0, validate.output
    assert validate.output.rstrip("\n").splitlines() == \
        shown("validate-output").splitlines(), "paste `kg validate --store kg-store`'s output"


def test_the_commands_the_readme_suggests_next_run_on_the_demo_store(demo):
    _, _, cwd = demo
    block = README.split("From here (the same store):", 1)[1].split("```sh\n", 1)[1]
    commands = [line.split("#")[0].split(">")[0].split() for line in
                block.split("\n```", 1)[0].splitlines()]
    assert len(commands) == 3
    for argv in commands:
        assert argv[0] == "kg"
        argv = [a.replace("samples.ttl", str(cwd / "samples.ttl")) for a in argv[1:]]
        result = CliRunner().invoke(cli, argv + ["--store", str(cwd / "kg-store")])
        assert result.exit_code == 0, (argv, result.output)
        if argv[0] == "query" and argv[1] == "attack_evidence_trail":
            assert "49 civilians killed" in result.output   # the Ariha quote, with offsets
    assert (cwd / "samples.ttl").stat().st_size > 10_000
