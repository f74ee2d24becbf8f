"""Progress of long commands: a rich bar on a terminal, a few plain lines otherwise."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from rich.console import Console

from kg.cli import cli
from kg.cli._progress import PLAIN_STEPS, ProgressReport


def test_plain_lines_when_not_a_terminal(capsys):
    with ProgressReport("push", "graphs", terminal=False) as report:
        for done in range(1, 1001):
            report.update(done, 1000)
    lines = capsys.readouterr().err.splitlines()
    assert lines[:2] == ["kg: push: 1/1000 graphs", "kg: push: 50/1000 graphs"]
    assert lines[-1] == "kg: push: 1000/1000 graphs" and len(lines) == PLAIN_STEPS + 1


def test_a_few_items_give_a_line_each(capsys):
    with ProgressReport("push", "graphs", terminal=False) as report:
        for done in range(1, 4):
            report.update(done, 3)
    assert capsys.readouterr().err.splitlines() == [f"kg: push: {i}/3 graphs" for i in (1, 2, 3)]


def test_a_bar_on_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with ProgressReport("push", "graphs", console=console) as report:
        assert report.terminal
        for done in range(1, 7):
            report.update(done, 6)
    text = out.getvalue()
    assert "kg: push" in text and "6/6" in text and "graphs" in text
    assert "\x1b[" in text                         # drawn, not printed as lines
    assert "kg: push: 6/6 graphs" not in text


@pytest.mark.server
def test_push_reports_progress_in_plain_lines(oxigraph_server, fixture_store):
    oxigraph_server.clear()
    out = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph_server.update_url,
                                   "--store", str(fixture_store)])
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if line.startswith("kg: push: ")]
    # ontology, entities, 4 articles, 3 incidents, and the default graph
    assert lines == [f"kg: push: {i}/10 graphs" for i in range(1, 11)]


def test_advance_counts_towards_the_total_given_first(capsys):
    """What `kg ingest` does: the total is known before the work (the article files), and
    each article done advances by one; --no-progress reports nothing."""
    with ProgressReport("ingest", "articles", terminal=False, total=3) as report:
        for _ in range(3):
            report.advance()
    assert capsys.readouterr().err.splitlines() == [
        f"kg: ingest: {i}/3 articles" for i in (1, 2, 3)]
    with ProgressReport("ingest", "articles", terminal=False, total=3, enabled=False) as off:
        off.advance()
    with ProgressReport("ingest", "articles", terminal=False, total=0) as empty:
        pass
    assert capsys.readouterr().err == "" and off.done == 1 and not empty.enabled
