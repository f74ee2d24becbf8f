"""Validation timings: pySHACL on one rdflib graph against the SPARQL engine on a store.

    python -m benchmarks.validate_engine            # ~100k triples, incremental at 10k / 100k
    python -m benchmarks.validate_engine --large    # adds 1M triples (a few minutes)

For each size, synthetic articles (`benchmarks.synthetic`, about 110 quads each, with one
damaged thing per ten articles so that there is something to report) are loaded into an
in-memory pyoxigraph store and copied into one rdflib graph.  It prints the seconds of a
full validation by `kg.validate.pyshacl_report` (pySHACL) and by
`kg.validate.engine.validate_store`, their ratio, and whether the results are the same (see
tests/engine_support.py for what "the same" means); then the median time of validating one
article graph after it is ingested (``validate_store(store, [graph])``) at two store sizes.
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import logging
import platform
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import perturb, store_quads  # noqa: E402
from kg import iris  # noqa: E402
from kg.validate import pyshacl_report  # noqa: E402
from kg.validate.shacl import declared_datatypes  # noqa: E402
from kg.validate.engine import compile_shapes, validate_store  # noqa: E402
from kg.validate.engine.terms import union_graph  # noqa: E402

QUADS_PER_ARTICLE = 110


def build(n_triples: int, seed: int = 0) -> ox.Store:
    articles = max(1, n_triples // QUADS_PER_ARTICLE)
    quads, _ = perturb(store_quads(articles, seed=seed, with_ontology=True), articles // 10,
                       seed=seed)
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def full(n_triples: int, with_pyshacl: bool = True) -> dict:
    t_build, store = timed(build, n_triples)
    row = {"quads": len(store), "build_s": t_build}
    compile_shapes()                                    # compiled once per process
    row["engine_s"], ours = timed(validate_store, store)
    row["engine_results"] = len(ours.results)
    if with_pyshacl:
        t_copy, g = timed(union_graph, store, exclude=[iris.ONTOLOGY_GRAPH],
                          restorer=declared_datatypes())
        row["rdflib_copy_s"] = t_copy
        row["pyshacl_s"], theirs = timed(pyshacl_report, g)
        row["ratio"] = row["pyshacl_s"] / row["engine_s"]
        from tests.engine_support import key
        row["same"] = {key(r) for r in ours.results} == {key(r) for r in theirs.results}
    return row


def incremental(n_triples: int, runs: int = 15) -> dict:
    store = build(n_triples, seed=1)
    graphs = sorted((g for g in store.named_graphs() if "/graph/article/" in g.value), key=str)
    picks = [graphs[i * len(graphs) // runs] for i in range(runs)]
    validate_store(store, picks[:1])                    # warm up
    times = [timed(validate_store, store, [g])[0] for g in picks]
    return {"quads": len(store), "median_ms": 1000 * statistics.median(times),
            "max_ms": 1000 * max(times)}


def main(argv=None) -> None:
    # rdflib logs a traceback for every ill-typed literal it copies (the damage has some)
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", action="store_true", help="also 1M triples (a few minutes)")
    ap.add_argument("--size", type=int, default=100_000, help="triples of the default full run")
    args = ap.parse_args(argv)
    print(f"machine: {platform.machine()}, {platform.processor() or platform.system()}, "
          f"python {platform.python_version()}, pyoxigraph {ox.__version__}")
    sizes = [args.size] + ([1_000_000] if args.large else [])
    print("\nfull validation (seconds)")
    print(f"{'quads':>9} {'pySHACL':>9} {'engine':>8} {'ratio':>7} {'same':>5}")
    for n in sizes:
        r = full(n)
        print(f"{r['quads']:>9} {r['pyshacl_s']:>9.2f} {r['engine_s']:>8.2f} {r['ratio']:>6.1f}x "
              f"{'yes' if r['same'] else 'NO':>5}   ({r['engine_results']} results; "
              f"rdflib copy {r['rdflib_copy_s']:.1f} s)")
    print("\nincremental validation of one article graph (milliseconds)")
    print(f"{'quads':>9} {'median':>8} {'max':>8}")
    for n in [min(10_000, args.size // 2)] + ([1_000_000] if args.large else [args.size]):
        r = incremental(n)
        print(f"{r['quads']:>9} {r['median_ms']:>8.1f} {r['max_ms']:>8.1f}")


if __name__ == "__main__":
    main()
