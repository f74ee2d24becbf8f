"""``kg validate``: SHACL validation of RDF files (and, with --reason, OWL consistency)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

import click
from rdflib import Graph, URIRef

from kg.cli import cli
from kg.cli._fetch_options import fetch_options, note_unfollowed_imports
from kg.namespaces import ONTOLOGY_IRI


@dataclass(frozen=True)
class InputSource:
    """Another place `kg validate` can read from, added by another module.

    *option* is a click option of the ``validate`` command.  When the user gives it, either
    *load* receives its value and returns in-memory graphs to validate with the FILES, or
    *report* receives it and returns a `ValidationReport` of its own (how ``kg validate
    --store DIR`` validates a store in place, without loading it; see
    `register_input_source`).
    """

    option: click.Option
    load: Optional[Callable[[object], Iterable[Graph]]] = None
    report: Optional[Callable[[object], object]] = None


INPUT_SOURCES: list[InputSource] = []


def register_input_source(option: click.Option,
                          load: Optional[Callable[[object], Iterable[Graph]]] = None, *,
                          report: Optional[Callable[[object], object]] = None) -> None:
    """Add an input option to ``kg validate``, e.g. from ``kg/cli/store.py``::

        register_input_source(
            click.Option(["--store", "store_dir"], type=click.Path(path_type=Path),
                         help="validate the graphs of the store in DIR"),
            lambda store_dir: Store(store_dir).article_graphs_with_entities())
    """
    INPUT_SOURCES.append(InputSource(option, load, report))
    validate_command.params.append(option)


@cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--fail-on", type=click.Choice(["violation", "warning"]), default="violation",
              show_default=True, help="The least serious result that makes the exit code 1.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="Report as readable text, an sh:ValidationReport in "
                                      "Turtle, or JSON.")
@click.option("--reason/--no-reason", default=False, show_default=True,
              help="Also run the OWL reasoner (HermiT) on the ontology plus the data and "
                   "report an inconsistency as a violation (starts Java; about a second).")
@click.pass_context
@fetch_options
def validate_command(ctx: click.Context, files: tuple[Path, ...], fail_on: str, fmt: str,
                     reason: bool, policy, **sources) -> None:
    """Validate RDF graphs against the evidence-kg shapes.

    FILES are read by extension (.ttl, .trig, .nt, .nq, .jsonld) and validated together as
    one graph (named graphs are merged), so an article graph and the entities it names can
    be in different files.  Each result names the focus node, the path, the shape and the
    message, with its severity (Violation or Warning).

    Nothing is fetched: a JSON-LD file whose @context is a URL is refused, and owl:imports
    are not followed, unless --allow-remote-context or --follow-imports asks for it
    (docs/security.md).

    Exit codes: 0 no result as serious as --fail-on; 1 there are; 2 usage or input error
    (a missing file, an unknown extension, RDF that does not parse).

    Example:

    \b
        kg validate examples/graph/sample.ttl
        kg validate --fail-on warning --format json article.ttl entities.ttl
        kg validate --format turtle examples/graph/invalid/bad-quote-offsets.ttl
        kg validate --reason --follow-imports my-extension.ttl data.ttl
    """
    from kg.validate import Severity, ValidationReport, load_files, validate_graph

    data = load_files(files, policy)
    note_unfollowed_imports(data, policy)
    reports = []
    for source in INPUT_SOURCES:
        value = sources.get(source.option.name)
        if value is not None:
            if source.report is not None:
                reports.append(source.report(value))
            elif source.load is not None:
                for g in source.load(value):
                    data += g
    if not files and not any(v is not None for v in sources.values()):
        raise click.UsageError("give at least one RDF file to validate")
    report = validate_graph(data) if (files or len(data) or not reports) else ValidationReport([])
    for other in reports:
        report = ValidationReport(report.results + other.results,
                                  triples=report.triples + other.triples)
    if reason:
        report = report.merged(_reasoner_results(data))
    click.echo(report.render(fmt), nl=False)
    if not report.passes(Severity.parse(fail_on)):
        ctx.exit(1)


def _reasoner_results(data: Graph):
    from kg.validate.reasoner import check_data
    from kg.validate.report import Severity, ValidationReport, ValidationResult

    found = check_data(data)
    if found.consistent:
        return ValidationReport([])
    causes = "; ".join(found.culprits) or "no individual is typed with disjoint classes"
    return ValidationReport([ValidationResult(
        URIRef(ONTOLOGY_IRI), Severity.VIOLATION,
        f"The data is inconsistent with the ontology (HermiT). Likely cause: {causes}")])


__all__ = ["INPUT_SOURCES", "InputSource", "register_input_source", "validate_command"]
