"""``kg validate``: SHACL validation of RDF files or a store, with the bundled shapes and/or
your own (and, with --reason, OWL consistency); reports for people and for CI tools."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

import click
from rdflib import Graph, URIRef

from kg.cli import cli
from kg.cli._fetch_options import fetch_options, note_unfollowed_imports
from kg.namespaces import ONTOLOGY_IRI

#: ``--fail-on``: the least serious result that makes the exit code 1 (none: never).
FAIL_ON = ("violation", "warning", "info", "none")
FORMATS = ("text", "turtle", "json", "sarif", "junit")


@dataclass(frozen=True)
class InputSource:
    """Another place `kg validate` can read from, added by another module.

    *option* is a click option of the ``validate`` command.  When the user gives it, either
    *load* receives its value and returns in-memory graphs to validate with the FILES, or
    *report* receives it and returns a `ValidationReport` of its own (how ``kg validate
    --store DIR`` validates a store in place, without loading it; see
    `register_input_source`).  The shapes to use are `shapes_of` the current context.
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


def shapes_of(ctx: Optional[click.Context] = None):
    """The shapes of this ``kg validate`` run (a `kg.validate.combined.Shapes`)."""
    ctx = ctx or click.get_current_context()
    return ctx.meta["kg.validate.shapes"]


@cli.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shapes", "shape_paths", multiple=True, metavar="FILE|DIR",
              type=click.Path(path_type=Path),
              help="Your shapes (a file, or a folder of RDF files), checked with the bundled "
                   "ones; repeatable.")
@click.option("--no-bundled-shapes", is_flag=True,
              help="Check only the shapes of --shapes, not the evidence-kg shapes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="The least serious result that makes the exit code 1 (none: exit 0 "
                   "whatever the results).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Readable text, an sh:ValidationReport in Turtle, JSON, SARIF 2.1.0 (code "
                   "scanning) or JUnit XML (test reports).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="FILE", help="Write the report to FILE (the summary line goes to "
                                   "standard error).")
@click.option("--reason/--no-reason", default=False, show_default=True,
              help="Also run the OWL reasoner (HermiT) on the ontology plus the data and "
                   "report an inconsistency as a violation (starts Java; about a second).")
@click.pass_context
@fetch_options
def validate_command(ctx: click.Context, files: tuple[Path, ...], shape_paths: tuple[Path, ...],
                     no_bundled_shapes: bool, fail_on: str, fmt: str, output: Optional[Path],
                     reason: bool, policy, **sources) -> None:
    """Validate RDF graphs against the evidence-kg shapes, your shapes, or both.

    FILES (or the RDF files in a folder) are read by extension (.ttl, .trig, .nt, .nq,
    .jsonld, .rdf/.owl/.xml) and validated together as one graph (named graphs are merged),
    so an article graph and the entities it names can be in different files; --store DIR
    validates a store in place.  The SPARQL engine checks every shape it supports and
    pySHACL the others: the report says which (docs/ci.md).
    Each result names the focus node (and its file and line), the path, the shape and the
    message, with its severity.

    Nothing is fetched: a JSON-LD file whose @context is a URL is refused, and owl:imports
    are not followed, unless --allow-remote-context or --follow-imports asks for it
    (docs/security.md).

    Exit codes: 0 no result as serious as --fail-on; 1 there are; 2 usage or input error
    (a missing file, an unknown extension, RDF that does not parse, a shape neither
    validator can check).

    Example:

    \b
        kg validate examples/graph/sample.ttl
        kg validate --shapes my-shapes/ --fail-on warning data/*.ttl
        kg validate --shapes shapes.ttl --no-bundled-shapes --format sarif -o kg.sarif data.ttl
        kg validate --store kg-store --format junit -o kg-junit.xml
        kg validate --reason --follow-imports my-extension.ttl data.ttl
    """
    from kg.validate import Severity, ValidationReport, load_files, load_shapes
    from kg.validate.combined import bundled_shapes, user_shapes, validate_graph
    from kg.validate.loaders import expand
    from kg.validate.locate import locate_in_files

    if no_bundled_shapes and not shape_paths:
        raise click.UsageError("--no-bundled-shapes needs --shapes FILE|DIR")
    if not files and not any(v is not None for v in sources.values()):
        raise click.UsageError("give at least one RDF file to validate, or --store DIR")
    ctx.meta["kg.validate.shapes"] = (user_shapes(load_shapes(shape_paths, policy),
                                                  with_bundled=not no_bundled_shapes)
                                      if shape_paths else bundled_shapes())
    files = tuple(expand(files))
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
    report = (validate_graph(data, shapes_of(ctx)) if (files or len(data) or not reports)
              else ValidationReport([]))
    if files:
        report.locations = locate_in_files({r.focus_node for r in report.results}, files)
    for other in reports:
        report = report.merged(other) if report.results or report.triples else other
    if reason:
        report = report.merged(_reasoner_results(data))
    _emit(report, fmt, output, fail_on, default_file=str(files[0]) if files else
          str(sources.get("store_validate") or "."))
    if fail_on != "none" and not report.passes(Severity.parse(fail_on)):
        ctx.exit(1)


def _emit(report, fmt: str, output: Optional[Path], fail_on: str, default_file: str) -> None:
    from kg.errors import escaped
    from kg.validate import Severity
    from kg.validate.formats import to_junit, to_sarif

    if fmt == "sarif":
        text = to_sarif(report, default_file=default_file)
    elif fmt == "junit":
        text = to_junit(report, None if fail_on == "none" else Severity.parse(fail_on))
    else:
        text = report.render(fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)      # never a half-written report under the real name
    finally:
        tmp.unlink(missing_ok=True)
    click.echo(f"kg: wrote {escaped(str(output))} ({fmt}): "
               f"{report.to_text().splitlines()[0]}", err=True)


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


__all__ = ["FAIL_ON", "FORMATS", "INPUT_SOURCES", "InputSource", "register_input_source",
           "shapes_of", "validate_command"]
