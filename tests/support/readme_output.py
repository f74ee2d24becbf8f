"""Write the real output of ``kg demo`` and ``kg validate`` into the README's text blocks
(``python -m tests.support.readme_output``), after a change to what the extractor finds;
`tests/test_readme_output.py` checks that they are what the commands print."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.resources import sample_articles_dir

README = Path(__file__).resolve().parents[2] / "README.md"


def outputs(cwd: Path) -> dict[str, str]:
    """``{marker: output}`` of the two commands, run in *cwd* as the README says (the store
    is ``cwd/kg-store``), with the sample folder shown as from a checkout."""
    before = os.getcwd()
    runner = CliRunner()
    os.chdir(cwd)
    try:
        demo = runner.invoke(cli, ["demo"], env={"KG_STORE": None})
        validate = runner.invoke(cli, ["validate", "--store", "kg-store"],
                                 env={"KG_STORE": None})
    finally:
        os.chdir(before)
    assert demo.exit_code == 0 and validate.exit_code == 0, demo.output + validate.output
    return {"demo-output": demo.output.replace(str(sample_articles_dir()), "examples/articles"),
            "validate-output": validate.output}


def replace_block(text: str, marker: str, output: str) -> str:
    head, rest = text.split(f"<!-- {marker} -->\n```text\n", 1)
    _, tail = rest.split("\n```", 1)
    return f"{head}<!-- {marker} -->\n```text\n{output.rstrip(chr(10))}\n```{tail}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as cwd:
        for marker, output in outputs(Path(cwd)).items():
            text = replace_block(text, marker, output)
    README.write_text(text, encoding="utf-8")
    print(f"updated {README}", file=sys.stderr)


if __name__ == "__main__":
    main()
