"""The README shows real output: run the commands it shows and compare, line for line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.support.readme_output import outputs

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def shown(marker: str) -> str:
    """The ```text block after ``<!-- marker -->`` in the README."""
    block = README.split(f"<!-- {marker} -->", 1)[1]
    assert block.lstrip().startswith("```text\n"), marker
    return block.split("```text\n", 1)[1].split("\n```", 1)[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """``kg demo`` and ``kg validate`` run as the README says, in a fresh folder."""
    cwd = tmp_path_factory.mktemp("readme")
    return outputs(cwd), cwd


@pytest.mark.parametrize("marker", ["demo-output", "validate-output"])
def test_the_readme_shows_what_the_commands_print(demo, marker):
    printed, cwd = demo
    assert (cwd / "kg-store").is_dir()
    assert printed[marker].rstrip("\n").splitlines() == shown(marker).splitlines(), \
        "the output changed: python -m tests.support.readme_output writes it into the README"


def test_the_commands_the_readme_suggests_next_run_on_the_demo_store(demo):
    _, cwd = demo
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


def test_the_accuracy_column_of_the_sample_articles_is_what_kg_eval_prints():
    """The README's table is written by `python -m benchmarks.accuracy --readme`; its first
    column (the bundled articles) must be what `kg eval` prints for them now."""
    import json

    from benchmarks.accuracy import ROWS, cell
    from kg.eval.score import PRF, Ratio, Score

    root = Path(__file__).resolve().parents[1]
    result = CliRunner().invoke(cli, ["eval", "--gold", str(root / "examples" / "gold"),
                                      "--articles", str(root / "examples" / "articles"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.output[result.output.index("{"):])["total"]
    score = Score()
    for key, m in total.items():
        if key in score.prf:
            score.prf[key] = PRF(m["tp"], m["predicted"], m["gold"])
        elif key in score.ratio:
            score.ratio[key] = Ratio(m["right"], m["total"])
    block = README.split("<!-- accuracy:start -->", 1)[1].split("<!-- accuracy:end -->", 1)[0]
    shown = {line.split("|")[1].strip(): line.split("|")[2].strip()
             for line in block.splitlines() if line.startswith("| ") and "---" not in line}
    assert shown[""] == "sample articles (5, bundled)"
    for label, key, how, _, _ in ROWS:
        assert shown[label] == cell(score, key, how), label
