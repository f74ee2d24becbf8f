"""``kg eval``: score the extractor against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import cli


def _pct(x: float) -> str:
    return f"{x:.2f}"


@cli.command("eval")
@click.option("--gold", "gold_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder of gold annotations, one NAME.json per article NAME.txt.")
@click.option("--articles", "articles_dir", required=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder of the articles (with their MANIFEST.json, if any).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--details", is_flag=True, help="List every missed, extra or wrong item.")
@click.option("--model", default=None, metavar="NAME", envvar="KG_SPACY_MODEL",
              help="spaCy model to evaluate with.")
@click.option("--fail-under", type=float, default=None, metavar="F1",
              help="Exit 1 if claims found with the right source score an F1 below this.")
@click.option("--save", "save_to", type=click.Path(path_type=Path, dir_okay=False),
              default=None, metavar="FILE",
              help="Write what each article yields (found, missed, wrong) to FILE (JSON).")
@click.option("--diff", "diff_with", type=click.Path(path_type=Path, dir_okay=False,
                                                      exists=True),
              default=None, metavar="FILE",
              help="Print which items moved since the run saved in FILE by --save.")
def eval_command(gold_dir: Path, articles_dir: Path, fmt: str, details: bool,
                 model: str | None, fail_under: float | None, save_to: Path | None,
                 diff_with: Path | None) -> None:
    """Score the extractor against annotated articles (format: docs/gold-format.md).

    Precision, recall and F1 for claims (with and without the right source), allegations,
    denials and attacks; a prediction counts when its quote overlaps the annotated one.
    On matched items: source and source-kind accuracy, denial and attack links, and attack
    place, date, casualty and target accuracy.  Exit 1 if a gold file cannot be used or
    the score is under --fail-under.

    With --save FILE, what each article yields is written to FILE; with --diff FILE, the
    claims, attacks and links that moved since that run are listed (- gone, + new).

    Example:

        kg eval --gold examples/gold --articles examples/articles --save before.json
        kg eval --gold examples/gold --articles examples/articles --diff before.json
    """
    from kg.eval import evaluate
    from kg.eval.score import PRF_METRICS, RATIO_METRICS
    from kg.extract import Extractor
    from kg.ingest import iter_articles
    from kg.pipeline import extract_each

    articles = {}
    for r in iter_articles([articles_dir]):
        if r.kind == "ingested":
            articles[Path(r.path).name] = r.article
        elif r.kind == "failed":
            click.echo(f"kg: {r}", err=True)
    extractor = Extractor(model)
    result = evaluate(gold_dir, articles, lambda arts: extract_each(list(arts), extractor))
    total = result.total
    if fmt == "json":
        click.echo(json.dumps({"total": total.as_dict(),
                               "articles": [s.as_dict() for s in result.scores],
                               "errors": result.errors,
                               "extractor": extractor.description}, indent=2))
    else:
        click.echo(f"{len(result.scores)} article(s) scored with {extractor.description}")
        click.echo(f"{'':24}{'P':>6}{'R':>6}{'F1':>6}{'tp':>6}{'pred':>6}{'gold':>6}")
        for k in PRF_METRICS:
            p = total.prf[k]
            click.echo(f"{k:24}{_pct(p.precision):>6}{_pct(p.recall):>6}{_pct(p.f1):>6}"
                       f"{p.tp:>6}{p.n_pred:>6}{p.n_gold:>6}")
        for k in RATIO_METRICS:
            r = total.ratio[k]
            click.echo(f"{k:24}{_pct(r.value):>6}  ({r.right}/{r.total} right)")
        if details:
            for s in result.scores:
                click.echo(f"\n{s.article}")
                for what, m in s.misses:
                    click.echo(f"  {what}: {m}")
    _snapshots(result, save_to, diff_with)
    for e in result.errors:
        click.echo(f"kg: {e}", err=True)
    if result.errors:
        raise SystemExit(1)
    if fail_under is not None and total.prf["claims_with_source"].f1 < fail_under:
        click.echo(f"kg: claims_with_source F1 {total.prf['claims_with_source'].f1:.3f} is "
                   f"under {fail_under}", err=True)
        raise SystemExit(1)


def _snapshots(result, save_to: Path | None, diff_with: Path | None) -> None:
    from kg.eval import snapshot as snap_mod

    if save_to is None and diff_with is None:
        return
    snap = snap_mod.snapshot(result.scores, result.total)
    if diff_with is not None:
        try:
            old = snap_mod.load(diff_with)
        except (OSError, ValueError) as e:
            raise click.UsageError(f"{diff_with}: not a snapshot written by --save ({e})")
        lines = snap_mod.diff(old, snap)
        click.echo(f"\nChanges since {diff_with}:" if lines else
                   f"\nNo change since {diff_with}.")
        for line in lines:
            click.echo(line)
    if save_to is not None:
        snap_mod.save(save_to, snap)
