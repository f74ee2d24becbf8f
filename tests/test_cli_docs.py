"""Every command is documented: an example in its help, a line in the README, and the two
README commands that CI runs are where `.ci/run` looks for them."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = ""):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", cmd


@pytest.mark.parametrize("name,cmd", list(commands(cli)), ids=lambda v: str(v))
def test_each_command_has_an_example_in_its_help(name, cmd):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"kg {name} --help shows no example"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_each_command_is_in_the_readme(name):
    assert re.search(rf"\bkg {re.escape(name)}\b", README), f"kg {name} is not in README.md"


def test_version_and_short_help():
    runner = CliRunner()
    assert __version__ in runner.invoke(cli, ["--version"]).output
    assert runner.invoke(cli, ["-h"]).exit_code == 0


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "setup-command" in ci and "test-command" in ci
    for marker in ("setup-command", "test-command"):
        block = README.split(f"<!-- {marker} -->", 1)[1]
        command = block.split("```", 2)[1].splitlines()[1]
        assert command.strip(), marker
    assert "kg demo" in README.split("<!-- setup-command -->", 1)[1].split("```", 2)[1]
