"""``kg queries`` and ``kg query``: the stored SPARQL queries, run here or on a server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._store_options import retries_option, store_option, timeout_option, wait_option
from kg.query.results import FORMATS


def _param(ctx, _param, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, value = v.partition("=")
        if not sep or not name:
            from kg.errors import shown

            raise click.BadParameter(f"{shown(v)} is not NAME=VALUE", ctx=ctx, param=_param)
        out[name.strip()] = value
    return out


@cli.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]),
              default="table", show_default=True,
              help="A list of names and summaries, the full Markdown documentation "
                   "(docs/queries.md), or JSON.")
@click.option("--tag", default=None, help="Only the queries with this tag.")
def queries_command(fmt: str, tag: Optional[str]) -> None:
    """List the stored queries with what each answers.

    Example:

    \b
        kg queries
        kg queries --tag denials
        kg queries --format markdown > docs/queries.md
    """
    from kg.query import load_queries
    from kg.query.docs import queries_json, queries_markdown

    queries = [q for q in load_queries().values() if tag is None or tag in q.tags]
    if fmt == "markdown":
        click.echo(queries_markdown(queries), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(queries_json(queries), indent=1, ensure_ascii=False))
    else:
        width = max((len(q.name) for q in queries), default=0)
        for q in queries:
            params = " ".join(f"{p.name}={_shown(p)}" for p in q.parameters)
            click.echo(f"{q.name.ljust(width)}  {q.summary}" + (f"  ({params})" if params else ""))


def _shown(p) -> str:
    if p.default is not None:
        return f"[{p.default}]"
    return "…" if p.required else "[…]"


@cli.command("query")
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, callback=_param, metavar="NAME=VALUE",
              help="A parameter of the query (repeat for several); `kg queries` lists them.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="json is the W3C SPARQL 1.1 results format.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N rows.")
@click.option("--offset", type=click.IntRange(min=0), default=None, help="Skip N rows first.")
@store_option
@wait_option
@click.option("--endpoint", default=None, metavar="URL",
              help="Run on this SPARQL server instead of the store (credentials from "
                   "KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or KG_ENDPOINT_TOKEN).")
@timeout_option
@retries_option
@click.option("--allow", multiple=True, type=click.Choice(["service", "from"]),
              help="Allow SERVICE (federation) or FROM in a query file; refused by default.")
@click.option("--machine", is_flag=True,
              help="Query the machine's output alone: articles as the extractor gave them, "
                   "before analysts' review decisions (docs/review.md).")
def query_command(query: str, params: dict, fmt: str, limit, offset, store_dir: Path,
                  wait: float, endpoint: Optional[str], timeout: float, retries: int,
                  allow: tuple[str, ...], machine: bool) -> None:
    """Run a stored query (by NAME) or a query file (FILE.rq) and print its rows.

    Parameters are bound by the engine, never pasted into the query. With --endpoint the
    same query runs on a SPARQL server that `kg push` filled (docs/remote.md); an empty
    answer from a server whose default graph shows no articles is an error (E810), and so
    is an answer that is not SPARQL results (E809).

    Example:

    \b
        kg query undenied_allegations
        kg query attack_timeline -p category=ekg:MedicalFacility -p from=2016-01-01
        kg query statements_by_source -p source=id:agent/russia --format csv --limit 50
        kg query my-question.rq --endpoint http://localhost:7878/query
        kg query allegations_and_denials --machine      # before review decisions
    """
    from kg.query import find_query, run_query

    q = find_query(query)
    if endpoint:
        from kg.remote import Endpoint

        ep = Endpoint(query_url=endpoint, timeout=timeout, retries=retries)
        results = run_query(q, params, endpoint=ep, limit=limit, offset=offset, allow=allow)
    else:
        from kg.store import Store

        with Store.open(store_dir, "r", wait=wait) as store:
            if machine:
                from kg.store.review import MachineView

                store = MachineView(store)
            results = run_query(q, params, store=store, limit=limit, offset=offset, allow=allow)
    click.echo(results.format(fmt), nl=False)
