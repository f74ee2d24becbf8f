"""Stores of chosen sizes, written exactly as ingest writes them, and what runs on them.

`build(path, triples)` writes synthetic resolved extractions (`benchmarks.synthetic`) through
`kg.rdf` and `Store.write_articles`, batches of 200, then compacts: the same graphs, entities
graph, bookkeeping and merged default graph as ``kg ingest`` of articles that said those
things.  A store's size is the number of triples in its public named graphs (the article
graphs and the entities graph: what the articles said, counted once per article).
"""

from __future__ import annotations

import signal
import statistics
import time
from pathlib import Path
from typing import Optional

from benchmarks.measure import disk_bytes, fresh_dir
from benchmarks.synthetic import extractions

BATCH = 200


def build(path: Path, triples: int, seed: int = 5) -> dict:
    """Write synthetic articles into a new store at *path* until its named graphs hold about
    *triples* triples; return what it holds and how long it took."""
    from kg.rdf import article_graph, entity_graph
    from kg.store import Store

    fresh_dir(path)
    start = time.perf_counter()
    written, articles, batch = 0, 0, []
    entities: set = set()
    with Store.open(path, "w") as store:
        for x in extractions(max(1, triples // 100), seed=seed):
            g, e = article_graph(x), entity_graph(x)
            batch.append((g, e))
            written += len(g)
            entities.update(e)
            articles += 1
            if len(batch) >= BATCH:
                store.write_articles(batch)
                batch = []
            if written + len(entities) >= triples:
                break
        if batch:
            store.write_articles(batch)
        write_s = time.perf_counter() - start
        store.optimize()
        merged = int(list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[0][0].value)
        quads = len(store.db)
    build_s = time.perf_counter() - start
    after_writes = disk_bytes(path)   # RocksDB's write-ahead logs are still there...
    Store.open(path, "w").close()     # ...until the next open for writing purges them
    return {"triples": written + len(entities), "articles": articles, "merged_triples": merged,
            "quads": quads, "build_s": build_s, "write_s": write_s,
            "disk_bytes": disk_bytes(path), "disk_bytes_after_writes": after_writes}


def sample_params(store) -> dict[str, str]:
    """Parameter values that exist in the store: the attack with most claims, the first
    source that speaks for nobody, the incident with most reports."""
    def first(q: str) -> Optional[str]:
        rows = list(store.query(q))
        return rows[0][0].value if rows else None

    ekg = "PREFIX ekg: <https://w3id.org/evidence-kg/ns#> "
    attack = first(ekg + "SELECT ?a (COUNT(*) AS ?n) WHERE { ?c ekg:concerns ?a } GROUP BY ?a "
                   "ORDER BY DESC(?n) ?a LIMIT 1")
    source = first(ekg + "SELECT ?s WHERE { ?m ekg:speaksFor ?s FILTER NOT EXISTS "
                   "{ ?s ekg:speaksFor ?x } } ORDER BY ?s LIMIT 1")
    incident = first(ekg + "SELECT ?i (COUNT(*) AS ?n) WHERE { ?i ekg:report ?r } GROUP BY ?i "
                     "ORDER BY DESC(?n) ?i LIMIT 1")
    return {k: v for k, v in {"attack": attack, "source": source, "accused": source,
                              "incident": incident}.items() if v}


def query_texts(store) -> dict[str, str]:
    """Each stored query as sent (required parameters bound to values in the store)."""
    from kg.query import load_queries

    values = sample_params(store)
    out = {}
    for name, q in load_queries().items():
        params = {p.name: values[p.name] for p in q.parameters
                  if p.required and p.name in values}
        out[name] = q.prepared(params)
    return out


def time_oxigraph(store, texts: dict[str, str], runs: int) -> dict[str, dict]:
    """Median seconds of each query on *store* (a kg Store or a pyoxigraph Store) after one
    warm-up run, and its rows."""
    out = {}
    for name, text in texts.items():
        rows = len(list(store.query(text)))              # warm-up
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            rows = len(list(store.query(text)))
            times.append(time.perf_counter() - t)
        out[name] = {"median_s": statistics.median(times), "rows": rows}
    return out


def in_memory(store):
    """An in-memory pyoxigraph copy of the store's merged default graph (for comparison)."""
    import pyoxigraph as ox

    mem = ox.Store()
    mem.bulk_extend(store.db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return mem


class _Timeout(Exception):
    pass


def _alarm(*_):
    raise _Timeout


def rdflib_graph(store):
    """The store's merged default graph as one in-memory rdflib graph."""
    import pyoxigraph as ox
    from rdflib import Graph

    data = ox.serialize((q.triple for q in store.db.quads_for_pattern(
        None, None, None, ox.DefaultGraph())), format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def time_rdflib(graph, texts: dict[str, str], runs: int, timeout: float) -> dict[str, dict]:
    """Median seconds of each query on rdflib's engine; a query that runs longer than
    *timeout* is stopped and reported as ``None`` (slower than the timeout).  Slow queries
    (over 2 s) run once."""
    out = {}
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for name, text in texts.items():
            times, rows = [], None
            for _ in range(runs):
                signal.setitimer(signal.ITIMER_REAL, timeout)
                t = time.perf_counter()
                try:
                    rows = len(list(graph.query(text)))
                except _Timeout:
                    times = None
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                times.append(time.perf_counter() - t)
                if times[-1] > 2:
                    break
            out[name] = {"median_s": statistics.median(times) if times else None,
                         "rows": rows, "timeout_s": timeout}
    finally:
        signal.signal(signal.SIGALRM, previous)
    return out
