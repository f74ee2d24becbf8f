"""Median latency of every stored query on a store, beside rdflib's engine when asked.

    python -m tests.support.timings --store /tmp/kg-1m [--runs 5] [--rdflib]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import time

from kg.query import load_queries, run_query
from kg.store import Store


def sample_params(store: Store) -> dict[str, str]:
    """Parameter values that exist in the store: a busy attack and a busy source."""
    pick = lambda q: next(iter(store.query(q)))[0].value  # noqa: E731
    attack = pick("PREFIX ekg: <https://w3id.org/evidence-kg/ns#> SELECT ?a (COUNT(*) AS ?n) "
                  "WHERE { ?c ekg:concerns ?a } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1")
    source = pick("PREFIX ekg: <https://w3id.org/evidence-kg/ns#> SELECT ?s WHERE { "
                  "?m ekg:speaksFor ?s FILTER NOT EXISTS { ?s ekg:speaksFor ?x } } "
                  "ORDER BY ?s LIMIT 1")
    return {"attack": attack, "source": source, "accused": source}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", default=None, help="comma-separated query names")
    ap.add_argument("--timeout", type=int, default=30)
    args = ap.parse_args(argv)

    def on_alarm(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, on_alarm)
    with Store.open(args.store) as store:
        values = sample_params(store)
        for name, q in load_queries().items():
            if args.only and name not in args.only.split(","):
                continue
            params = {p.name: values[p.name] for p in q.parameters
                      if p.name in values and p.required}
            times, n = [], 0
            signal.alarm(args.timeout)
            try:
                for _ in range(args.runs):
                    t = time.perf_counter()
                    n = len(run_query(q, params, store=store, limit=args.limit).rows)
                    times.append(time.perf_counter() - t)
            except TimeoutError:
                print(f"{name:40s} timed out after {args.timeout} s")
                continue
            finally:
                signal.alarm(0)
            print(f"{name:40s} {statistics.median(times) * 1000:9.1f} ms  {n:7d} rows")


if __name__ == "__main__":
    main()
