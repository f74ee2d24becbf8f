"""``kg store``: look after the store (info, compaction, removal); ``kg validate --store``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._store_options import store_option, wait_option


@cli.group("store")
def store_group() -> None:
    """Look after the store: what it holds, compaction, removing articles."""


@store_group.command("info")
@store_option
@wait_option
@click.option("--ids", is_flag=True, help="Also list the article ids.")
@click.option("--article", "article_id", metavar="ID",
              help="Show one article's chain of custody instead: its file (SHA-256 of the "
                   "bytes, the copy kept), capture and ingest times, the text's SHA-256, "
                   "the extractor, review decisions and other versions.")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
def info_command(store_dir: Path, wait: float, ids: bool, article_id: Optional[str],
                 as_json: bool) -> None:
    """Show what the store holds: articles, quads, entities, size on disk; or one article's
    chain of custody (--article).

    Example:

    \b
        kg store info --ids
        kg store info --article 0f66faf7785cb8e4
    """
    from kg.store import Store

    if article_id:
        return _chain(store_dir, wait, article_id, as_json)
    with Store.open(store_dir, "r", wait=wait) as store:
        info = store.stats()
        if ids:
            info["article_ids"] = store.article_ids()
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    for key, value in info.items():
        if key != "article_ids":
            click.echo(f"{key:24s} {value}")
    for aid in info.get("article_ids", []):
        click.echo(aid)


def _chain(store_dir: Path, wait: float, article_id: str, as_json: bool) -> None:
    from kg.custody import chain
    from kg.errors import StoreError
    from kg.store import Store

    with Store.open(store_dir, "r", wait=wait) as store:
        if not store.has_article(article_id):
            raise StoreError("E613", f"no article {article_id} in {store_dir}",
                             "nothing to show", "list the ids with `kg store info --ids`")
        info = chain(store, article_id)
    if as_json:
        click.echo(json.dumps(info, indent=1))
        return
    rows = [("article", info["article"]), ("title", info["title"]),
            ("file name", info["file_name"]), ("url", info["url"])]
    for f in info["files"]:
        rows += [("file sha256", f["sha256"]), ("file bytes", f["bytes"]),
                 ("captured", f["captured"]),
                 ("stored copy", f"{f['stored_copy']} ({f['copy']})")]
    rows += [("text sha256", info["text_sha256"]), ("extractor", info["extractor"]),
             ("ingested", info["ingested"])]
    for key, value in rows:
        click.echo(f"{key:14s} {value if value is not None else '-'}")
    click.echo(f"{'decisions':14s} {len(info['decisions'])}")
    for line in info["decisions"]:
        click.echo(f"  {line}")
    for v in info["other_versions"]:
        click.echo(f"{'other version':14s} {v['article']} (ingested {v['ingested'] or '-'})")


@store_group.command("optimize")
@store_option
@wait_option
def optimize_command(store_dir: Path, wait: float) -> None:
    """Compact the store (queries slow down after many articles were replaced or removed;
    writes compact on their own past a threshold).

    Example:

        kg store optimize
    """
    from kg.store import Store

    with Store.open(store_dir, "w", wait=wait, ontology=False) as store:
        store.optimize()
    click.echo(f"kg: compacted {store_dir}", err=True)


@store_group.command("remove")
@click.argument("article_ids", nargs=-1, required=True)
@store_option
@wait_option
def remove_command(article_ids: tuple[str, ...], store_dir: Path, wait: float) -> None:
    """Remove articles (by id), and what only they said about entities.

    Example:

        kg store remove 4f2a0c0e1b2d3c4d
    """
    from kg.store import Store

    with Store.open(store_dir, "w", wait=wait, ontology=False) as store:
        result = store.remove_articles(article_ids)
    click.echo(f"kg: removed {len(result.articles)} article(s), {result.deleted} quads",
               err=True)


# --- kg validate --store DIR [--article ID]... ---------------------------------------------
def _store_report(store_dir: Path):
    """Validate the store in place (the SHACL engine on the store, pySHACL for the shapes
    it hands over): the whole store, or the articles of --article and what they refer to;
    each result located in the files of its articles."""
    from kg import iris
    from kg.cli.validate import shapes_of
    from kg.store import Store
    from kg.validate import validate_store
    from kg.validate.locate import locate_in_store

    articles = _ids(click.get_current_context().params.get("store_articles"))
    with Store.open(store_dir, "r") as store:
        missing = [a for a in articles if not store.has_article(a)]
        if missing:
            raise click.BadParameter(f"not in {store_dir}: {', '.join(missing)}",
                                     param_hint="--article")
        graphs = [iris.article_graph_iri(a) for a in articles] if articles else None
        report = validate_store(store.db, graphs, shapes=shapes_of(), default_graph=True)
        report.locations = locate_in_store({r.focus_node for r in report.results}, store.db)
        return report


def _ids(value) -> list[str]:
    return [i.strip() for i in (value or "").split(",") if i.strip()]


def _articles_need_store(articles):
    if _ids(articles) and click.get_current_context().params.get("store_validate") is None:
        raise click.UsageError("--article needs --store DIR")
    return []


def _register_validate_options() -> None:
    try:
        from kg.cli.validate import register_input_source
    except ImportError:  # pragma: no cover - kg validate is not there
        return
    register_input_source(
        click.Option(["--article", "store_articles"], default=None, metavar="ID[,ID...]",
                     help="With --store: validate these articles (and the entities and "
                          "statements they refer to), not the whole store."),
        _articles_need_store)
    register_input_source(
        click.Option(["--store", "store_validate"], type=click.Path(path_type=Path,
                                                                    file_okay=False),
                     default=None, metavar="DIR",
                     help="Validate the store in DIR in place (all of it, or the articles "
                          "of --article)."),
        report=_store_report)


_register_validate_options()
