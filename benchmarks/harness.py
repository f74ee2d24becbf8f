"""The benchmark harness: every figure beside its baseline, in one run, on this machine.

    python -m benchmarks                  # default sizes (under 10 minutes on 2 cores)
    python -m benchmarks --large          # adds 10M triples, pySHACL at 1M, 10,000 articles
    python -m benchmarks --tiny --out DIR # a smoke run (seconds): the table, no meaning

It writes ``docs/benchmarks.md`` (the table, the machine, the command) and
``docs/benchmarks.json`` (every figure).  Sections:

* ingest: synthetic news text (`benchmarks.news`) through ``kg.pipeline.ingest`` (one job and
  ``--jobs 2``) beside bare ``nlp.pipe`` of the same model on the same texts, each run in a
  fresh process with the model loaded before the clock starts; per-stage seconds; peak RSS
  at two corpus sizes;
* stores of three sizes (`benchmarks.stores`): every stored query on the store beside rdflib's
  in-memory engine on the same merged graph; ingest of a few more articles one at a time
  (time per article and the incremental validation after each); size on disk;
* full validation: the SPARQL engine beside pySHACL on the whole graph, same results;
* commands on the largest store: ``kg query``, ``kg export``, ``kg validate --store``,
  ``kg ingest`` of one more article: seconds and peak RSS of each process.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import measure, news, report, stores
from benchmarks.measure import ROOT


class Sizes:
    def __init__(self, args):
        if args.tiny:
            self.articles, self.memory_articles = 12, 24
            self.stores = [2_000, 5_000, 10_000]
            self.rdflib_at, self.full_at = 5_000, 3_000
            self.runs, self.rdflib_timeout, self.more = 1, 5.0, 2
        else:
            self.articles, self.memory_articles = args.articles, args.articles * 4
            self.stores = [10_000, 100_000, 1_000_000]
            self.rdflib_at, self.full_at = 100_000, 100_000
            self.runs, self.rdflib_timeout, self.more = args.runs, 10.0, 6
        if args.large:
            self.memory_articles = 10_000
            self.stores = self.stores + [10_000_000]
            self.full_at = 1_000_000
            self.rdflib_timeout = 30.0


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- ingest ---------------------------------------------------------------------------------

def ingest_section(work: Path, sizes: Sizes) -> dict:
    corpus = work / "corpus"
    counts = news.write_corpus(corpus, sizes.articles, seed=11)
    log(f"corpus: {counts['articles']} articles, {counts['words']} words")
    runs = {"pipe": [], "ingest": [], "jobs2": []}
    for i in range(2):                 # alternate, so that load on the machine hits all three
        cmd = measure.python("-m", "benchmarks.child", "pipe", str(corpus))
        runs["pipe"].append({**cmd.json(), "peak_rss_mb": cmd.peak_rss_mb})
        for jobs, key in ((1, "ingest"), (2, "jobs2")):
            store = measure.fresh_dir(work / f"ingest-{key}-{i}")
            cmd = measure.python("-m", "benchmarks.child", "ingest", str(corpus), str(store),
                                 "--jobs", str(jobs))
            runs[key].append({**cmd.json(), "peak_rss_mb": cmd.peak_rss_mb})
            shutil.rmtree(store, ignore_errors=True)
        log(f"pipe {runs['pipe'][-1]['seconds']:.1f} s, ingest {runs['ingest'][-1]['seconds']:.1f}"
            f" s, ingest --jobs 2 {runs['jobs2'][-1]['seconds']:.1f} s")
    raw = measure.python("-m", "benchmarks.child", "pipe", str(corpus), "--raw").json()
    log(f"pipe of the raw texts {raw['seconds']:.1f} s")
    jobs2 = {"seconds": statistics.median(r["seconds"] for r in runs["jobs2"])}
    pipe_s = statistics.median(r["seconds"] for r in runs["pipe"])
    ingest_s = statistics.median(r["seconds"] for r in runs["ingest"])
    best = min(runs["ingest"], key=lambda r: r["seconds"])
    words = best["words"]
    # memory: kg ingest itself, at two corpus sizes, with --jobs 2
    big = work / "corpus-big"
    news.write_corpus(big, sizes.memory_articles, seed=12)
    mem = []
    for folder, n in ((corpus, sizes.articles), (big, sizes.memory_articles)):
        store = measure.fresh_dir(work / f"memory-{n}")
        cmd = measure.kg("ingest", str(folder), "--store", str(store), "--jobs", "2", "-q")
        mem.append({"articles": n, "seconds": cmd.seconds, "peak_rss_mb": cmd.peak_rss_mb,
                    "exit": cmd.returncode, "summary": cmd.stdout.strip().splitlines()[-1:]})
        log(f"kg ingest --jobs 2 of {n} articles: {cmd.seconds:.1f} s, {cmd.peak_rss_mb:.0f} MB")
    return {
        "corpus": counts, "pipe_s": pipe_s, "pipe_raw_s": raw["seconds"], "ingest_s": ingest_s,
        "jobs2_s": jobs2["seconds"],
        "pipe_words_per_s": words / pipe_s, "ingest_words_per_s": words / ingest_s,
        "ingest_articles_per_s": best["articles"] / ingest_s,
        "jobs2_words_per_s": words / jobs2["seconds"],
        "ratio_to_pipe": pipe_s / ingest_s, "jobs2_speedup": ingest_s / jobs2["seconds"],
        "stages": best["stages"], "runs": runs, "memory": mem,
        "found": best["found"], "violations": best["violations"],
        "warnings": best["warnings"], "model_load_s": best["model_load_s"],
        "startup_s": best["startup_s"],
    }


# --- stores ---------------------------------------------------------------------------------

def store_section(work: Path, sizes: Sizes, triples: int, more_corpus: Path) -> dict:
    from kg.store import Store

    path = work / f"store-{triples}"
    info = stores.build(path, triples)
    log(f"store of {info['triples']:,} triples ({info['articles']} articles) in "
        f"{info['build_s']:.0f} s, {info['disk_bytes'] / 2**20:.0f} MB")
    with Store.open(path) as store:
        texts = stores.query_texts(store)
        info["queries"] = stores.time_oxigraph(store, texts, sizes.runs)
        log("queries: " + ", ".join(f"{k} {v['median_s'] * 1000:.0f} ms"
                                   for k, v in info["queries"].items()))
        if triples == sizes.rdflib_at:
            t = time.perf_counter()
            graph = stores.rdflib_graph(store)
            info["rdflib_load_s"] = time.perf_counter() - t
            info["rdflib_triples"] = len(graph)
            info["rdflib"] = stores.time_rdflib(graph, texts, min(sizes.runs, 3),
                                                sizes.rdflib_timeout)
            del graph
            mem = stores.in_memory(store)
            info["oxigraph_memory"] = stores.time_oxigraph(mem, texts, sizes.runs)
            del mem
            log("rdflib: " + ", ".join(f"{k} {_ms(v['median_s'])}"
                                       for k, v in info["rdflib"].items()))
    # a few more articles, one per batch: time per article, incremental validation
    cmd = measure.python("-m", "benchmarks.child", "ingest", str(more_corpus), str(path),
                         "--batch-size", "1")
    more = cmd.json()
    info["more"] = {"articles": more["articles"], "seconds": more["seconds"],
                    "per_article_s": statistics.median(more["per_article"] or [more["seconds"]]),
                    "validation_s": more["calls"]["validation"],
                    "violations": more["violations"], "peak_rss_mb": cmd.peak_rss_mb}
    log(f"{more['articles']} more articles: {info['more']['per_article_s'] * 1000:.0f} ms each, "
        f"validation median {statistics.median(more['calls']['validation']) * 1000:.0f} ms")
    return info


def _ms(seconds) -> str:
    return "timeout" if seconds is None else f"{seconds * 1000:.0f} ms"


def commands_section(work: Path, path: Path, one_article: Path) -> dict:
    """The commands a user runs on a large store: seconds and peak RSS of each process."""
    out = {}
    runs = [
        ("kg query allegations_and_denials", ["query", "allegations_and_denials", "--store",
                                              str(path), "--format", "csv"]),
        ("kg query attacks_by_place", ["query", "attacks_by_place", "--store", str(path)]),
        ("kg export --format nquads", ["export", "--store", str(path), "--format", "nquads",
                                       "-o", str(work / "export.nq")]),
        ("kg export --format turtle", ["export", "--store", str(path), "--format", "turtle",
                                       "-o", str(work / "export.ttl")]),
        ("kg validate --store", ["validate", "--store", str(path)]),
        ("kg ingest (one more article)", ["ingest", str(one_article), "--store", str(path),
                                          "-q"]),
    ]
    for label, argv in runs:
        cmd = measure.kg(*argv)
        row = {"seconds": cmd.seconds, "peak_rss_mb": cmd.peak_rss_mb, "exit": cmd.returncode}
        if "-o" in argv:
            row["bytes"] = Path(argv[argv.index("-o") + 1]).stat().st_size
        if argv[0] == "query":
            row["rows"] = max(0, len(cmd.stdout.splitlines()) - 1)
        out[label] = row
        log(f"{label}: {cmd.seconds:.1f} s, {cmd.peak_rss_mb:.0f} MB, exit {cmd.returncode}")
    for f in ("export.nq", "export.ttl"):
        (work / f).unlink(missing_ok=True)
    return out


def full_validation_section(triples: int) -> dict:
    from benchmarks.validate_engine import full

    row = full(triples)
    log(f"full validation of {row['quads']:,} quads: engine {row['engine_s']:.1f} s, "
        f"pySHACL {row['pyshacl_s']:.1f} s, same results: {row['same']}")
    return row


# --- the run --------------------------------------------------------------------------------

def growth_exponent(xs: list[float], ys: list[float]) -> float:
    """The slope of log(y) over log(x) between the first and last size: 1 is linear."""
    if len(xs) < 2 or min(ys) <= 0:
        return float("nan")
    return math.log(ys[-1] / ys[0]) / math.log(xs[-1] / xs[0])


def run(args) -> dict:
    sizes = Sizes(args)
    started = time.perf_counter()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": measure.machine(), "command": args.command,
                     "sizes": {"articles": sizes.articles, "memory_articles":
                               sizes.memory_articles, "stores": sizes.stores}}
    try:
        log(f"work folder {work}")
        results["ingest"] = ingest_section(work, sizes)
        more = work / "more"
        news.write_corpus(more, sizes.more, seed=99)
        one = work / "one"
        news.write_corpus(one, 1, seed=98)
        results["stores"] = []
        for triples in sizes.stores:
            info = store_section(work, sizes, triples, more)
            results["stores"].append(info)
            # the commands at 1M triples (the target's size), or at the largest store if smaller
            if triples == (1_000_000 if 1_000_000 in sizes.stores else sizes.stores[-1]):
                results["commands"] = commands_section(work, work / f"store-{triples}", one)
                results["commands_at"] = info["triples"]
            if triples != sizes.stores[-1]:
                shutil.rmtree(work / f"store-{triples}", ignore_errors=True)
        results["full_validation"] = full_validation_section(sizes.full_at)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["total_s"] = time.perf_counter() - started
    results["load_average_end"] = list(__import__("os").getloadavg())
    return results


def _measuring(argv: list[str]) -> list[str]:
    """The arguments that change what is measured (not where the report or scratch go)."""
    out, skip = [], 0
    for a in argv:
        if skip:
            skip -= 1
        elif a in ("--out", "--workdir"):
            skip = 1
        elif not (a == "--keep" or a.startswith(("--out=", "--workdir="))):
            out.append(a)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--large", action="store_true",
                    help="add 10M triples, pySHACL at 1M and 10,000 articles (hours)")
    ap.add_argument("--tiny", action="store_true", help="a smoke run at tiny sizes")
    ap.add_argument("--articles", type=int, default=200,
                    help="articles of synthetic news text for the ingest figures")
    ap.add_argument("--runs", type=int, default=5, help="runs per query (the median is shown)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs",
                    help="folder for benchmarks.md and benchmarks.json")
    ap.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: temp)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--from-json", type=Path, default=None, metavar="FILE",
                    help="measure nothing: write the report of a saved benchmarks.json again")
    args = ap.parse_args(argv)
    args.command = "python -m benchmarks" + "".join(
        f" {a}" for a in _measuring(argv if argv is not None else sys.argv[1:]))
    if args.from_json:
        results = json.loads(args.from_json.read_text())
    else:
        results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "benchmarks.json").write_text(json.dumps(results, indent=1) + "\n")
    (args.out / "benchmarks.md").write_text(report.markdown(results))
    readme = ROOT / "README.md"
    if args.out.resolve() == (ROOT / "docs").resolve() and not args.tiny and readme.exists():
        readme.write_text(report.update_readme(readme.read_text(), results))
    print(report.markdown(results))
    log(f"{'run' if not args.from_json else 'measured'} in {results['total_s']:.0f} s: "
        f"{args.out / 'benchmarks.md'}")
