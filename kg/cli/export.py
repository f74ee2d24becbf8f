"""``kg export``: the store as Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML or GraphML."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._store_options import store_option, wait_option
from kg.export import BY_SUFFIX, FORMATS


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default: from the output file's extension (.ttl .trig .nq .nt .jsonld .json "
                   ".rdf .owl .xml .graphml), turtle on standard output. turtle, ntriples and "
                   "rdfxml merge the graphs; trig, nquads and jsonld keep one graph per "
                   "article; graphml is the merge as a network for Gephi and Cytoscape.")
@click.option("-o", "--output", default="-", metavar="FILE|-", show_default=True,
              help="Where to write (- for standard output).")
@click.option("--with-ontology/--without-ontology", default=True, show_default=True,
              help="Include the ontology graph.")
@store_option
@wait_option
def export_command(fmt: Optional[str], output: str, with_ontology: bool, store_dir: Path,
                   wait: float) -> None:
    """Write the whole store in a standard RDF format, the same bytes every time.

    Example:

    \b
        kg export -o kg.ttl
        kg export -o kg.rdf                      # RDF/XML, from the extension
        kg export --format trig --without-ontology -o articles.trig
        kg export --format nquads | gzip > kg.nq.gz
        kg export --without-ontology -o kg.graphml     # for Gephi or Cytoscape
    """
    from kg.errors import escaped
    from kg.export import export
    from kg.store import Store

    if fmt is None and output != "-":
        fmt = BY_SUFFIX.get(Path(output).suffix.lower())
        if fmt is None:
            names = ", ".join(f"*{e}" for e in BY_SUFFIX)
            raise click.UsageError(
                f"cannot tell the format of {escaped(output)} from its extension "
                f"{Path(output).suffix or '(none)'!r}: name the file {names}, or give --format")
    fmt = fmt or "turtle"
    with Store.open(store_dir, "r", wait=wait) as store:
        if output == "-":
            sys.stdout.flush()
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
            try:
                export(store, fmt, out, with_ontology=with_ontology)
                out.flush()
            except BrokenPipeError:  # `kg export | head`: the reader has had enough
                pass
            finally:
                out.detach()  # leave standard output open
            return
        target = Path(output)
        tmp = target.with_name(target.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                export(store, fmt, out, with_ontology=with_ontology)
            os.replace(tmp, target)    # never a half-written file under the real name
        finally:
            tmp.unlink(missing_ok=True)
    click.echo(f"kg: wrote {escaped(str(target))} ({fmt}, {target.stat().st_size} bytes)", err=True)
