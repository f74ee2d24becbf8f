"""``python -m benchmarks.accuracy``: `kg eval` on every annotated set, one table.

Runs the extractor on the bundled sample articles and on the annotated sets of a folder laid
out as the development data is (``SETS/corpus`` + ``SETS/gold``, ``SETS/devset``,
``SETS/devset2``, ``SETS/devset3``, each ``articles/`` + ``gold/``), prints one row per
measure and one column per set (the README's accuracy table), and, with ``--runs DIR``, lists
per set what moved since the last run saved there (`kg eval --diff`), then saves this one.

    python -m benchmarks.accuracy --sets ../shared --runs .eval-runs
    python -m benchmarks.accuracy --sets ../shared --only devset3   # the set kept out, last

The development articles are third-party text: they are read where they are, never copied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.eval import evaluate  # noqa: E402
from kg.eval import snapshot as snap_mod  # noqa: E402
from kg.eval.score import PRF_METRICS, RATIO_METRICS  # noqa: E402

ROWS = [("claims with the right source, F1", "claims_with_source", "f1"),
        ("claims, F1", "claims", "f1"),
        ("allegations, F1", "allegations", "f1"),
        ("denials, F1 (recall)", "denials", "f1r"),
        ("attacks, F1", "attacks", "f1"),
        ("attack place right", "attack_place", "ratio"),
        ("attack date right", "attack_date", "ratio"),
        ("attack casualties right", "attack_casualties", "ratio"),
        ("source right, on matched claims", "source", "ratio"),
        ("source's kind right", "source_kind", "ratio"),
        ("denial -> allegation links, F1", "denial_links", "f1"),
        ("claim -> attack links, F1", "attack_links", "f1"),
        ("quotes verbatim", "quotes_verbatim", "ratio")]


def sets(folder: Path | None) -> list[tuple[str, Path, Path]]:
    out = [("samples", ROOT / "examples" / "gold", ROOT / "examples" / "articles")]
    if folder is not None:
        if (folder / "corpus").is_dir() and (folder / "gold").is_dir():
            out[0] = ("seeds", folder / "gold", folder / "corpus")
        for name in ("devset", "devset2", "devset3"):
            if (folder / name / "gold").is_dir():
                out.append((name, folder / name / "gold", folder / name / "articles"))
    return out


def run_set(gold: Path, articles: Path, extractor):
    from kg.ingest import iter_articles
    from kg.pipeline import extract_each

    arts = {Path(r.path).name: r.article for r in iter_articles([articles])
            if r.kind == "ingested"}
    return evaluate(gold, arts, lambda batch: extract_each(list(batch), extractor))


def cell(total, key: str, how: str) -> str:
    if key in PRF_METRICS:
        p = total.prf[key]
        return f"{p.f1:.2f} ({p.recall:.2f})" if how == "f1r" else f"{p.f1:.2f}"
    r = total.ratio[key]
    assert key in RATIO_METRICS
    return f"{r.value:.2f} ({r.right}/{r.total})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", type=Path, default=None, help="folder of the annotated sets")
    ap.add_argument("--only", action="append", default=None, help="run only this set")
    ap.add_argument("--runs", type=Path, default=None,
                    help="folder of saved runs: print what moved, then save this run")
    ap.add_argument("--details", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    from kg.extract import Extractor

    extractor = Extractor()
    results = []
    for name, gold, articles in sets(args.sets):
        if args.only and name not in args.only:
            continue
        result = run_set(gold, articles, extractor)
        results.append((name, result))
        for e in result.errors:
            print(f"{name}: {e}", file=sys.stderr)
        _moved(args.runs, name, result, args.details)
    print("\n| | " + " | ".join(f"{n} ({len(r.scores)})" for n, r in results) + " |")
    print("|---|" + "---|" * len(results))
    for label, key, how in ROWS:
        print(f"| {label} | " + " | ".join(cell(r.total, key, how) for _, r in results) + " |")
    return 0


def _moved(runs: Path | None, name: str, result, details: bool) -> None:
    snap = snap_mod.snapshot(result.scores, result.total)
    if details:
        print(f"\n== {name}")
        for s in result.scores:
            print(s.article)
            for line in snap_mod.article_lines(s):
                if not line.startswith("found:"):
                    print("  " + line)
    if runs is None:
        return
    runs.mkdir(parents=True, exist_ok=True)
    saved = runs / f"{name}.json"
    if saved.exists():
        lines = snap_mod.diff(snap_mod.load(saved), snap)
        print(f"\n== {name}: " + ("no change since the last run" if not lines else
                                  "moved since the last run (- gone, + new)"))
        for line in lines:
            print(line)
    snap_mod.save(saved, snap)


if __name__ == "__main__":
    raise SystemExit(main())
