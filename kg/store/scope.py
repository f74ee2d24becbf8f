"""The validation scope of a few articles (see `kg.store.store.ValidationScope`).

Built from index lookups by subject (Oxigraph's SPOG index), so its cost follows the size of
the articles and of the nodes they mention, never the size of the store:

1. the articles' own graphs; their subjects are focus nodes;
2. every public statement about those subjects in other graphs (an attack several articles
   report);
3. every public statement about the IRIs mentioned so far (context: the allegation in another
   article that a denial answers, the figure another article gives for a shared attack);
4. the entities they mention, with the chains of ``ekg:speaksFor`` and ``ekg:withinPlace``
   above them; these are focus nodes too, as their merged description may have changed;
5. the ontology graph (class hierarchy and concept schemes the shapes refer to).
"""

from __future__ import annotations

from typing import Optional

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import EKG
from kg.store import layout
from kg.store.terms import to_rdflib

_CHAINS = (ox.NamedNode(str(EKG.speaksFor)), ox.NamedNode(str(EKG.withinPlace)))


DEFAULT = ox.DefaultGraph()


def build_scope(store, article_ids: list[str], *, with_ontology: bool = True,
                skip_focus: Optional[set] = None):
    from kg.store.store import ValidationScope

    db = store.db
    quads: set[ox.Quad] = set()
    focus: set = set()
    for aid in article_ids:
        for q in db.quads_for_pattern(None, None, None, layout.article_graph(aid)):
            quads.add(q)
            focus.add(q.subject)
    described: set = set()

    def describe(node) -> list[ox.Quad]:
        # the default graph is the merge of the public graphs: every public statement about
        # the node, once, and none of the internal bookkeeping
        described.add(node)
        found = list(db.quads_for_pattern(node, None, None, DEFAULT))
        quads.update(found)
        return found

    for node in sorted(focus, key=str):
        describe(node)
    mentioned = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    entities: set = set()
    for node in sorted(mentioned - focus, key=str):
        describe(node)
        if next(db.quads_for_pattern(node, None, None, layout.ENTITIES_GRAPH), None):
            entities.add(node)
    # chains above the entities: spokesperson -> ministry -> state, town -> province
    todo = list(entities)
    while todo:
        node = todo.pop()
        for q in db.quads_for_pattern(node, None, None, layout.ENTITIES_GRAPH):
            if q.predicate in _CHAINS and isinstance(q.object, ox.NamedNode) \
                    and q.object not in entities:
                entities.add(q.object)
                if q.object not in described:
                    describe(q.object)
                todo.append(q.object)
    focus |= entities
    if skip_focus is not None:   # full validation in batches: judge each node once
        focus -= skip_focus
        skip_focus |= focus
    if with_ontology:
        quads.update(db.quads_for_pattern(None, None, None, layout.ONTOLOGY_GRAPH))
    g = Graph()
    for q in store._restorer.quads(quads):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    focus_nodes = sorted((to_rdflib(n) for n in focus), key=str)
    return ValidationScope(graph=g, focus_nodes=focus_nodes, articles=list(article_ids))
