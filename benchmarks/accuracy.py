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

#: (label, metric, how shown, target on the development sets, target on unseen news)
ROWS = [("allegations and denials with the right source, F1", "claims_with_source", "prf",
         "≥ 0.85", "≥ 0.75"),
        ("claims, F1", "claims", "f1", "", ""),
        ("allegations, F1", "allegations", "f1", "", ""),
        ("denials, F1 (recall)", "denials", "f1r", "≥ 0.85", "≥ 0.80"),
        ("attacks, F1", "attacks", "f1", "≥ 0.85", "≥ 0.85"),
        ("attack place right", "attack_place", "ratio", "", "≥ 0.80"),
        ("attack date right", "attack_date", "ratio", "", "≥ 0.85"),
        ("attack casualties right", "attack_casualties", "ratio", "", ""),
        ("source right, on matched claims", "source", "ratio", "", ""),
        ("source's kind right (ngo, government, military…)", "source_kind", "ratio", "", ""),
        ("denial → allegation links, F1", "denial_links", "f1", "", "≥ 0.70"),
        ("claim → attack links, F1", "attack_links", "f1", "", ""),
        ("quotes verbatim", "quotes_verbatim", "pct", "100 %", "100 %")]
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
TITLES = {"samples": "sample articles (5, bundled)", "seeds": "sample articles (5, bundled)",
          "devset": "devset (12)", "devset2": "devset2 (20)",
          "devset3": "devset3 (25, kept out)"}


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
        if how == "prf":
            return f"{p.f1:.2f} (P {p.precision:.2f}, R {p.recall:.2f})"
        return f"{p.f1:.2f} ({p.recall:.2f})" if how == "f1r" else f"{p.f1:.2f}"
    r = total.ratio[key]
    assert key in RATIO_METRICS
    if how == "pct":
        return f"{round(100 * r.value)} %"
    return f"{r.value:.2f} ({r.right}/{r.total})"


def table(results) -> list[str]:
    head = [TITLES.get(n, n) for n, _ in results] + ["target (development sets)",
                                                     "target (unseen news)"]
    out = ["| | " + " | ".join(head) + " |", "|---|" + "---|" * len(head)]
    for label, key, how, dev, unseen in ROWS:
        out.append(f"| {label} | " + " | ".join(cell(r.total, key, how) for _, r in results)
                   + f" | {dev} | {unseen} |")
    return out


def write_readme(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    path.write_text(text[:a] + "\n" + "\n".join(lines) + "\n" + text[b:], encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", type=Path, default=None, help="folder of the annotated sets")
    ap.add_argument("--only", action="append", default=None, help="run only this set")
    ap.add_argument("--runs", type=Path, default=None,
                    help="folder of saved runs: print what moved, then save this run")
    ap.add_argument("--details", action="store_true", help="list every miss")
    ap.add_argument("--readme", type=Path, default=None, metavar="README",
                    help="write the table between the accuracy markers of README")
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
    lines = table(results)
    print("\n" + "\n".join(lines))
    if args.readme is not None:
        write_readme(args.readme, lines)
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
