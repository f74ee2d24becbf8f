"""What linking claims across articles costs within a write, on a store of synthetic articles.

    python -m tests.support.link_timings --articles 3000      # about a minute

Builds a store of the `tests.support.synthetic` corpus in batches of 200, then writes new
articles and removes some in batches of 32, and prints milliseconds per article: the whole
write, and the part spent in `kg.store.across.plan_links` (docs/store.md, "Links between
articles").
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.rdf import article_graph, entity_graph
from kg.store import Store, across
from tests.support.synthetic import Corpus


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args(argv)
    corpus = Corpus(1, n_attacks=max(50, args.articles // 3))
    spent = [0.0]
    plan = across.plan_links

    def timed(*a):
        t = time.perf_counter()
        try:
            return plan(*a)
        finally:
            spent[0] += time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "s", "w") as store:
        batch = []
        for x in corpus.extractions(args.articles):
            batch.append((article_graph(x), entity_graph(x)))
            if len(batch) == 200:
                store.write_articles(batch)
                batch = []
        store.write_articles(batch)
        stats = store.stats()
        print(f"{stats['articles']} articles, {stats['quads']} quads, "
              f"{len(store.links_graph())} links across articles")
        across.plan_links = timed
        items = [(article_graph(x), entity_graph(x))
                 for x in corpus.extractions(args.batch * 2, start=args.articles)]
        for what, run in (
                ("write", lambda: [store.write_articles(items[i:i + args.batch])
                                   for i in range(0, len(items), args.batch)]),
                ("remove", lambda: store.remove_articles(store.article_ids()[:len(items)]))):
            spent[0] = 0.0
            t = time.perf_counter()
            run()
            total = time.perf_counter() - t
            print(f"{what} {len(items)} articles: {1000 * total / len(items):.1f} ms per article,"
                  f" of which links {1000 * spent[0] / len(items):.2f} ms")
        across.plan_links = plan


if __name__ == "__main__":
    main()
