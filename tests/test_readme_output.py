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
        if argv[0] == "query" and argv[1] == "incident_case":
            assert "49 civilians killed" in result.output   # the Ariha quote
    assert (cwd / "samples.ttl").stat().st_size > 10_000


#: README accuracy rows -> the `kg eval --format json` figure they quote.
ACCURACY_ROWS = {
    "allegations and denials with the right source, F1": "claims_with_source",
    "denials, F1": "denials",
    "attacks, F1": "attacks",
    "attack place right": "attack_place",
    "attack date right": "attack_date",
    "attack casualties right": "attack_casualties",
    "quotes verbatim": "quotes_verbatim",
    "source right, on matched claims": "source",
    "source's kind right (ngo, government, military…)": "source_kind",
    "denial → allegation links, F1": "denial_links",
    "claim → attack links, F1": "attack_links",
}


def _shown_figure(metric: dict) -> str:
    return f"{metric['f1'] if 'f1' in metric else metric['share']:.2f}"


def test_the_accuracy_column_of_the_sample_articles_is_what_kg_eval_prints():
    import json

    root = Path(__file__).resolve().parents[1]
    result = CliRunner().invoke(cli, ["eval", "--gold", str(root / "examples" / "gold"),
                                      "--articles", str(root / "examples" / "articles"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    total = json.loads(result.output[result.output.index("{"):])["total"]
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip()
            for line in README.split("## Accuracy", 1)[1].split("## ", 1)[0].splitlines()
            if line.startswith("| ") and line.count("|") >= 4}
    for label, key in ACCURACY_ROWS.items():
        shown_cell, metric = rows[label], total[key]
        if key == "quotes_verbatim":
            assert shown_cell == f"{round(100 * metric['share'])} %", label
            continue
        assert shown_cell.split()[0] == _shown_figure(metric), (label, shown_cell, metric)
        if "precision" in metric and "(P " in shown_cell:
            assert f"P {metric['precision']:.2f}, R {metric['recall']:.2f}" in shown_cell
        if "right" in metric and "(" in shown_cell:
            assert f"({metric['right']}/{metric['total']})" in shown_cell
