"""``kg review``: analysts' decisions about what the machine found (docs/review.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from kg.cli import cli
from kg.cli._store_options import store_option, wait_option

ITEM_HELP = ("The item: a claim's or an attack report's IRI (id:article/ID/denial/START-END, "
             "id:attack/ID-START-END), or leave it out and give --article with --quote or "
             "--start/--end.")


@cli.group("review")
def review_group() -> None:
    """Accept, reject, correct or add what the machine found; decisions are kept with who
    made them, when and why, and apply again after every re-ingest (docs/review.md)."""


def _where(f):
    for opt in reversed((
        click.argument("item", required=False),
        click.option("--article", metavar="ID", help="The article (its id) whose words the "
                     "decision is about."),
        click.option("--quote", metavar="WORDS", help="The exact words, which must occur in "
                     "the article (once, or give --start)."),
        click.option("--start", type=click.IntRange(min=0), help="Offset of the first "
                     "character of the words."),
        click.option("--end", type=click.IntRange(min=1), help="Offset just after the words."),
        click.option("--item", "item_kind", default="claim", show_default=True,
                     type=click.Choice(["claim", "allegation", "denial", "attack"]),
                     help="What kind of item is on the words (with --article)."),
        click.option("--by", metavar="NAME", help="Who decides (default: $KG_REVIEWER)."),
        click.option("--reason", default="", metavar="TEXT", help="Why, in your words."),
        store_option, wait_option,
    )):
        f = opt(f)
    return f


def _values(f):
    multi = {"multiple": True, "default": ()}
    for opt in reversed((
        click.option("--kind", type=click.Choice(["allegation", "denial"]),
                     help="The claim's kind."),
        click.option("--denial-kind", type=click.Choice(
            ["categorical", "dismissal", "protected_status", "counter_attribution",
             "non_denial"]), help="The denial's kind."),
        click.option("--source", metavar="NAME|ID", help="Who makes the claim: a name "
                     "(\"Human Rights Watch\") or an agent's id (id:agent/...)."),
        click.option("--accused", metavar="NAME|ID", help="A party the allegation accuses "
                     "(repeat for several).", **multi),
        click.option("--defends", metavar="NAME|ID", help="A party the denial defends "
                     "(repeat for several).", **multi),
        click.option("--denies", metavar="START-END|WORDS", help="An allegation of the same "
                     "article the denial answers, by its offsets or words (repeat).", **multi),
        click.option("--concerns", metavar="START-END|WORDS", help="The attack report of the "
                     "same article the claim is about, by its offsets or words (repeat).",
                     **multi),
        click.option("--place", metavar="NAME|ID", help="Where the attack happened."),
        click.option("--date", metavar="YYYY[-MM[-DD]]", help="When it happened."),
        click.option("--target", metavar="CATEGORY", help="What was hit: hospital, school, "
                     "market... (repeat).", **multi),
        click.option("--perpetrator", metavar="NAME|ID", help="Who is alleged to have done "
                     "it (repeat).", **multi),
        click.option("--killed", type=click.IntRange(min=0), help="How many were killed."),
        click.option("--injured", type=click.IntRange(min=0), help="How many were injured."),
    )):
        f = opt(f)
    return f


_VALUE_NAMES = {"kind": "kind", "denial_kind": "denial_kind", "source": "source",
                "accused": "accused", "defends": "defends", "denies": "denies",
                "concerns": "concerns", "place": "location", "date": "date",
                "target": "target", "perpetrator": "perpetrator", "killed": "killed",
                "injured": "injured"}


def _collect(kw: dict) -> dict:
    out = {}
    for opt, prop in _VALUE_NAMES.items():
        v = kw.pop(opt, None)
        if v is None or v == ():
            continue
        out[prop] = [str(x) for x in v] if isinstance(v, tuple) else [str(v)]
    return out


def _decide(action: str, kw: dict, values: Optional[dict] = None) -> None:
    from kg.review.decisions import describe
    from kg.review.session import decide
    from kg.store import Store

    item, article = kw["item"], kw["article"]
    if not item and not article:
        raise click.UsageError("give the item's IRI, or --article with --quote or --start/--end")
    with Store.open(kw["store_dir"], "w", wait=kw["wait"], ontology=False) as store:
        d = decide(store, action, by=kw["by"], reason=kw["reason"], values=values,
                   item=item, article=article, quote=kw["quote"], start=kw["start"],
                   end=kw["end"], kind=kw["item_kind"])
    click.echo(f"kg: {describe(d)}", err=True)
    click.echo(f"id:review/{d.key}")


@review_group.command("accept")
@_where
def accept_command(**kw) -> None:
    """Mark an item verified: the machine got it right.

    Example:

        kg review accept id:article/0f66faf7785cb8e4/denial/692-803 --by Ana
    """
    _decide("accept", kw)


@review_group.command("reject")
@_where
def reject_command(**kw) -> None:
    """Reject an item: queries and exports leave it out (the machine's output keeps it).

    Example:

    \b
        kg review reject id:article/0f66faf7785cb8e4/allegation/1596-1633 \\
            --by Ana --reason "a legal opinion, not an allegation of fact"
    """
    _decide("reject", kw)


@review_group.command("correct")
@_where
@_values
def correct_command(**kw) -> None:
    """Correct a claim (kind, denial kind, source, parties, the allegations it answers) or an
    attack report (place, date, target, perpetrators, figures).

    Example:

    \b
        kg review correct id:article/0f66faf7785cb8e4/denial/1831-1883 \\
            --source "Russian Defence Ministry" --by Ana --reason "he speaks for it"
        kg review correct id:attack/0f66faf7785cb8e4-2304-2510 --target market --by Ana
    """
    values = _collect(kw)
    _decide("correct", kw, values)


@review_group.command("add")
@_where
@_values
def add_command(**kw) -> None:
    """Add a claim or an attack the machine missed, on words of the article (its exact words
    with --quote, or --start and --end).

    Example:

    \b
        kg review add --article 0f66faf7785cb8e4 --quote "Moscow denies the charge" \\
            --kind denial --source Russia --denies 1491-1592 --by Ana
    """
    values = _collect(kw)
    if kw["item_kind"] in ("allegation", "denial") and "kind" not in values:
        values["kind"] = [kw["item_kind"]]
    _decide("add", kw, values)


def _link(action: str, report: str, others: tuple, by, reason, store_dir, wait) -> None:
    from kg.review.decisions import describe
    from kg.review.session import link
    from kg.store import Store

    with Store.open(store_dir, "w", wait=wait, ontology=False) as store:
        d = link(store, action, report, others, by=by, reason=reason)
    click.echo(f"kg: {describe(d)}", err=True)
    click.echo(f"id:review/{d.key}")


@review_group.command("merge")
@click.argument("first")
@click.argument("others", nargs=-1, required=True)
@click.option("--by", metavar="NAME", help="Who decides (default: $KG_REVIEWER).")
@click.option("--reason", default="", metavar="TEXT", help="Why, in your words.")
@store_option
@wait_option
def merge_command(first: str, others: tuple, by, reason, store_dir: Path, wait: float) -> None:
    """Merge incidents: the reports (or incidents) given are one event, whatever the
    clustering says; kept as a decision on the first report's words.

    Example:

    \b
        kg review merge id:incident/ariha-2015-11-29-market-7b1de514 \
            id:incident/homs-idlib-and-aleppo-hospital-b700deac --reason "same strike"
    """
    _link("merge", first, others, by, reason, store_dir, wait)


@review_group.command("split")
@click.argument("report")
@click.option("--from", "others", multiple=True, metavar="REPORT|INCIDENT",
              help="Split it from these reports (default: the other reports of its incident).")
@click.option("--by", metavar="NAME", help="Who decides (default: $KG_REVIEWER).")
@click.option("--reason", default="", metavar="TEXT", help="Why, in your words.")
@store_option
@wait_option
def split_command(report: str, others: tuple, by, reason, store_dir: Path, wait: float) -> None:
    """Split an attack report from its incident (or from the reports given): the clustering
    never puts them together again.

    Example:

        kg review split id:attack/0f66faf7785cb8e4-2304-2510 --reason "another day"
    """
    _link("split", report, others, by, reason, store_dir, wait)


@review_group.command("status")
@store_option
@wait_option
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
def status_command(store_dir: Path, wait: float, as_json: bool) -> None:
    """Where every decision stands: applied (to which item), unmatched (its words or item are
    gone), in conflict with another; exit 1 when any is unmatched or in conflict.

    Example:

        kg review status
    """
    from kg.review.session import status
    from kg.store import Store

    with Store.open(store_dir, "r", wait=wait) as store:
        rows = status(store)
    if as_json:
        click.echo(json.dumps([{"decision": f"id:review/{r.decision.key}", "state": r.state,
                                "detail": r.detail, "by": r.decision.by, "at": r.decision.at,
                                "action": r.decision.action} for r in rows], indent=1))
    else:
        for r in rows:
            click.echo(r.line)
        counts = {s: sum(r.state == s for r in rows) for s in ("applied", "unmatched",
                                                                 "conflict")}
        click.echo(f"{len({r.decision.key for r in rows})} decision(s): {counts['applied']} "
                   f"applied, {counts['unmatched']} unmatched, {counts['conflict']} "
                   "conflict(s)", err=True)
    if any(r.state != "applied" for r in rows):
        sys.exit(1)


@review_group.command("export")
@store_option
@wait_option
@click.option("--format", "fmt", type=click.Choice(["trig", "jsonld"]), default=None,
              help="Default: from the file's extension (.trig, .jsonld/.json), else trig.")
@click.option("-o", "--output", default="-", metavar="FILE|-", show_default=True,
              help="Where to write (- for standard output).")
def export_command(store_dir: Path, wait: float, fmt: Optional[str], output: str) -> None:
    """Write every decision (one named graph each, PROV-O and Web Annotation) for another
    analyst or a data repository; the same bytes for the same decisions.

    Example:

        kg review export -o decisions-ana.trig
    """
    from kg.review.session import export_decisions
    from kg.store import Store
    from kg.store.review import read_decisions

    if fmt is None:
        fmt = "jsonld" if output.endswith((".jsonld", ".json")) else "trig"
    with Store.open(store_dir, "r", wait=wait) as store:
        decisions = read_decisions(store)
    if output == "-":
        export_decisions(decisions, fmt, sys.stdout)
        return
    tmp = Path(output + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        export_decisions(decisions, fmt, out)
    tmp.replace(output)
    click.echo(f"kg: wrote {len(decisions)} decision(s) to {output}", err=True)


@review_group.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@wait_option
def import_command(files: tuple[Path, ...], store_dir: Path, wait: float) -> None:
    """Add the decisions of files `kg review export` wrote (checked by shapes/review first)
    and apply them; conflicts (two decisions about one item that disagree) are shown with
    both decisions, both kept (the later applies); exit 1 when there are any.

    Example:

        kg review import decisions-ana.trig decisions-bo.jsonld
    """
    from kg.review.decisions import describe
    from kg.review.session import import_decisions, read_decision_file
    from kg.store import Store

    decisions = []
    for f in files:
        decisions += read_decision_file(f)
    with Store.open(store_dir, "w", wait=wait, ontology=False) as store:
        res = import_decisions(store, decisions)
    click.echo(f"kg: {len(res.added)} decision(s) added, {res.known} already in the store, "
               f"{len(res.conflicts)} conflict(s)", err=True)
    for a, b in res.conflicts:
        click.echo(f"conflict:\n  {describe(a)}\n  {describe(b)}")
    if res.conflicts:
        sys.exit(1)
