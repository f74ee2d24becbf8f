"""``kg push``: copy the store's graphs to a SPARQL 1.1 server."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._store_options import retries_option, store_option, timeout_option, wait_option


@cli.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL Update endpoint (e.g. http://localhost:7878/update).")
@click.option("--query-endpoint", default=None, metavar="URL",
              help="The server's query endpoint: checked after the push (its default graph "
                   "must show the articles).")
@click.option("--with-ontology/--without-ontology", default=True, show_default=True)
@click.option("--chunk", type=click.IntRange(min=100), default=5000, show_default=True,
              help="Triples per request (lower it for servers that limit the size of an "
                   "update, such as Virtuoso).")
@click.option("--with-default-graph", is_flag=True, default=False,
              help="Also write the merged graph into the server's default graph, for servers "
                   "that do not treat it as the union of the named graphs.")
@store_option
@wait_option
@timeout_option
@retries_option
def push_command(endpoint: str, query_endpoint: Optional[str], with_ontology: bool,
                 chunk: int, with_default_graph: bool, store_dir: Path, wait: float, timeout: float,
                 retries: int) -> None:
    """Send every graph of the store to a SPARQL server, one graph per request.

    Each graph replaces the server's graph of the same name, so a push that was interrupted
    can simply be run again. Credentials come from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD
    (HTTP Basic) or KG_ENDPOINT_TOKEN (bearer), never from the command line. The store is
    only read.

    Example:

    \b
        kg push --endpoint http://localhost:7878/update
        KG_ENDPOINT_USER=admin KG_ENDPOINT_PASSWORD=... \\
            kg push --endpoint http://localhost:3030/kg/update \\
                    --query-endpoint http://localhost:3030/kg/query
    """
    from kg.remote import Endpoint, push, union_default_graph_ok
    from kg.store import Store

    ep = Endpoint(query_url=query_endpoint, update_url=endpoint, timeout=timeout,
                  retries=retries)
    with Store.open(store_dir, "r", wait=wait) as store:
        result = push(store, ep, with_ontology=with_ontology, chunk=chunk,
                      with_default_graph=with_default_graph)
    click.echo(f"kg: pushed {result.graphs} graphs, {result.quads} quads in {result.requests} "
               f"requests to {endpoint}", err=True)
    if query_endpoint and result.graphs and not union_default_graph_ok(ep):
        click.echo("kg: warning: the server's default graph does not show the articles, so "
                   "stored queries will find nothing; make it the union of the named graphs "
                   "or push --with-default-graph (docs/remote.md)", err=True)
