"""``kg push``: copy the store's graphs to a SPARQL 1.1 server, so that the stored queries
run there as they run here."""

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
              help="The server's query endpoint, used to check its default graph before and "
                   "after the push. Default: guessed from --endpoint (/update -> /query, "
                   "/statements -> the repository, otherwise the same URL).")
@click.option("--with-ontology/--without-ontology", default=True, show_default=True)
@click.option("--chunk", type=click.IntRange(min=100), default=5000, show_default=True,
              help="Triples per request (lower it for servers that limit the size of an "
                   "update, such as Virtuoso).")
@click.option("--with-default-graph/--without-default-graph", "default_graph", default=None,
              help="Write the merged graph into the server's default graph, or never. "
                   "Default: ask the server, and write it only if its default graph does not "
                   "show the named graphs (a plain `oxigraph serve` or Fuseki).")
@store_option
@wait_option
@timeout_option
@retries_option
def push_command(endpoint: str, query_endpoint: Optional[str], with_ontology: bool,
                 chunk: int, default_graph: Optional[bool], store_dir: Path, wait: float,
                 timeout: float, retries: int) -> None:
    """Send every graph of the store to a SPARQL server, one graph per request.

    Each graph replaces the server's graph of the same name, so a push that was interrupted
    can simply be run again. The push first asks the server whether its default graph (what
    the stored queries read) shows the named graphs; if not, it also writes the merged graph
    there. Afterwards it checks that a query sees the articles. Credentials come from
    KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD (HTTP Basic; KG_ENDPOINT_AUTH=digest for
    Digest) or KG_ENDPOINT_TOKEN (bearer), never from the command line. The store is only
    read. Progress goes to stderr (a bar on a terminal).

    Example:

    \b
        kg push --endpoint http://localhost:7878/update
        kg query undenied_allegations --endpoint http://localhost:7878/query
        KG_ENDPOINT_USER=dba KG_ENDPOINT_PASSWORD=... KG_ENDPOINT_AUTH=digest \\
            kg push --endpoint http://localhost:8890/sparql-auth --chunk 1000
    """
    from kg.cli._progress import ProgressReport
    from kg.remote import Endpoint, check_url, guess_query_url, mask_url, push
    from kg.store import Store

    check_url(endpoint, "update endpoint")
    guessed = query_endpoint is None
    ep = Endpoint(query_url=query_endpoint or guess_query_url(endpoint), update_url=endpoint,
                  timeout=timeout, retries=retries)
    with Store.open(store_dir, "r", wait=wait) as store:
        has_articles = bool(store.article_ids())
        if default_graph is None:
            default_graph = _default_graph_needed(ep, guessed)
        with ProgressReport("push", "graphs") as report:
            result = push(store, ep, with_ontology=with_ontology, chunk=chunk,
                          default_graph=default_graph,
                          progress=lambda done, total, _g, _n: report.update(done, total))
    where = ("and the merged graph into the server's default graph" if result.default_graph
             else "(the server's default graph is not written)")
    click.echo(f"kg: pushed {result.graphs} graphs, {result.quads} quads in {result.requests} "
               f"requests to {mask_url(endpoint)}, {where}", err=True)
    if has_articles:
        _check_after(ep, guessed)


def _default_graph_needed(ep, guessed: bool) -> bool:
    """Ask the server (`kg.remote.probe_union`); E811 when the query URL was guessed and
    does not answer."""
    from kg.errors import RemoteError
    from kg.remote import mask_url, probe_union

    try:
        return not probe_union(ep)
    except RemoteError as err:
        if not guessed or err.code not in ("E804", "E805", "E809"):
            raise
        raise RemoteError(
            "E811", "cannot check the server's default graph before the push",
            f"the query endpoint guessed from --endpoint, {mask_url(ep.query_url)}, "
            f"failed: [{err.code}] {err.cause}",
            "give the query endpoint with --query-endpoint URL, or say what the server needs: "
            "--with-default-graph (its default graph is a graph of its own) or "
            "--without-default-graph (its default graph is the union of the named graphs)"
        ) from None


def _check_after(ep, guessed: bool) -> None:
    """A query without GRAPH must see the articles now: E810 otherwise."""
    from kg.errors import RemoteError
    from kg.remote import articles_visible, hidden_articles_error

    try:
        visible = articles_visible(ep)
    except RemoteError as err:
        if not guessed or err.code not in ("E804", "E805", "E809"):
            raise
        click.echo(f"kg: warning: could not check that queries see the articles ({err}); pass "
                   "--query-endpoint URL to check", err=True)
        return
    if not visible:
        raise hidden_articles_error(ep)
