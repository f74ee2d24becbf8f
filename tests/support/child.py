"""Things the process tests run in a child process (python -m tests.support.child ...).

    hold PATH MODE SECONDS      open the store (r or w), print "ready", hold it, exit
    raw PATH SECONDS            open the Oxigraph database directly (not through kg), hold it
    big PATH ID N               write one article of N triples, printing "updating" just before
                                the transaction starts and "done" after it committed
    remove PATH ID...           remove articles, printing "updating" and "done" the same way
"""

from __future__ import annotations

import sys
import time

from rdflib import Literal, URIRef

from kg import iris
from kg.namespaces import EKG, RDF


def big_article(aid: str, n: int):
    from kg.rdf import new_graph

    g = new_graph(iris.article_graph_iri(aid))
    a = iris.article_iri(aid)
    g.add((a, RDF.type, EKG.Article))
    for i in range(n - 1):
        g.add((URIRef(f"{a}/quote/{i}-{i + 1}"), EKG.text, Literal(f"words number {i}")))
    return g


def main(argv: list[str]) -> None:
    cmd, path = argv[0], argv[1]
    if cmd == "hold":
        from kg.store import Store

        with Store.open(path, argv[2], ontology=False):
            print("ready", flush=True)
            time.sleep(float(argv[3]))
    elif cmd == "raw":
        import pyoxigraph as ox

        db = ox.Store(path + "/oxigraph")
        print("ready", flush=True)
        time.sleep(float(argv[2]))
        del db
    elif cmd in ("big", "remove"):
        from kg.store import Store, writes

        plan = writes.Changes.update_text

        def announced(self):
            text = plan(self)
            print(f"updating {time.monotonic()}", flush=True)
            return text

        writes.Changes.update_text = announced
        with Store.open(path, "w", ontology=False) as store:
            if cmd == "big":
                store.write_article(big_article(argv[2], int(argv[3])))
            else:
                store.remove_articles(argv[2:])
            print(f"done {time.monotonic()}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
