"""Review decisions in the store: kept, and applied on every write of an article.

Each decision is a public named graph, ``id:graph/review/{digest}`` (`kg.review.decisions`).
When an article is written (ingested again, or a decision about it added), `Review.prepare`
applies the decisions about it (`kg.review.apply`) to the graph and entity facts the
extractor gave, and the reviewed ones are what the article's public graph and facts hold;
what the machine said is kept in two internal graphs (`layout.machine_graph`,
`machine_facts_graph`, predicates wrapped) for as long as some decision is about the
article, so that decisions can be applied again, and the machine's view shown.  All of it
goes in the write's one transaction (`Review.extend`).
"""

from __future__ import annotations

from typing import Iterable, Optional

import pyoxigraph as ox
from rdflib import Graph, Literal

from kg.namespaces import EKGR
from kg.review.apply import Outcome, apply_decisions
from kg.review.decisions import Decision
from kg.store import layout
from kg.store.terms import ToOx, to_rdflib
from kg.store.writes import DEFAULT, Changes

_ARTICLE = ox.NamedNode(str(EKGR.article))


def decision_graph_names(db: ox.Store, article_iri: Optional[ox.NamedNode] = None) -> list:
    """The graphs of the decisions about one article (all decisions when None), sorted."""
    names = {q.graph_name for q in db.quads_for_pattern(None, _ARTICLE, article_iri, None)
             if isinstance(q.graph_name, ox.NamedNode)
             and layout.is_review_graph(q.graph_name.value)}
    return sorted(names, key=lambda g: g.value)


def read_decisions(store, article_iri: Optional[ox.NamedNode] = None) -> list[Decision]:
    """The decisions the store holds (about one article, when given), in time order."""
    from kg.review.decisions import decisions_in

    g = Graph()
    for name in decision_graph_names(store.db, article_iri):
        for q in store.quads(name):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return decisions_in(g)


def _unwrapped(store, name: ox.NamedNode, identifier) -> Graph:
    g = Graph(identifier=identifier)
    quads = (ox.Quad(q.subject, layout.unwrap_predicate(q.predicate), q.object, q.graph_name)
             for q in store.db.quads_for_pattern(None, None, None, name))
    for q in store._restorer.quads(quads):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def machine_output(store, article_id: str) -> tuple[Graph, Graph]:
    """What the machine said about an article: its graph and its entity facts, before any
    decision (the stored copy when decisions changed them, else what the store holds)."""
    from kg import iris

    identifier = iris.article_graph_iri(article_id)
    mg = layout.machine_graph(article_id)
    if store.db.contains_named_graph(mg):
        return (_unwrapped(store, mg, identifier),
                _unwrapped(store, layout.machine_facts_graph(article_id), iris.ENTITIES_GRAPH))
    return (store.article_graph(article_id),
            _unwrapped(store, layout.entity_facts_graph(article_id), iris.ENTITIES_GRAPH))


# --- analysts' merges and splits of incidents ---------------------------------------------------
def _n(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_APPLIED, _CHANGE, _NEW, _ACTION = (_n(EKGR.appliedTo), _n(EKGR.change), _n(EKGR.newValue),
                                    _n(EKGR.action))
_MERGE, _SPLIT = _n(EKGR.Merge), _n(EKGR.Split)


def _objects(db: ox.Store, s, p) -> list:
    return [q.object for q in db.quads_for_pattern(s, p, None, DEFAULT)]


def _merge_or_split(db: ox.Store, decision) -> Optional[bool]:
    action = next(iter(_objects(db, decision, _ACTION)), None)
    return True if action == _MERGE else False if action == _SPLIT else None


def _reports_at(db: ox.Store, value: str, words: str) -> list[str]:
    """The attack reports on the words *value* (``SHA256:START-END``) names, when the
    article with that text is stored and the words are still *words*."""
    from kg import iris
    from kg.namespaces import EKG, OA

    sha, _, span = value.partition(":")
    start, _, end = span.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return []
    aid = sha[:16]
    article = _n(iris.article_iri(aid))
    if ox.Quad(article, _n(EKG.sha256), ox.Literal(sha), DEFAULT) not in db:
        return []
    quote = _n(iris.quote_iri(aid, int(start), int(end)))
    if ox.Quad(quote, _n(OA.exact), ox.Literal(words), DEFAULT) not in db:
        return []
    attack = _n(EKG.Attack)
    return sorted(q.subject.value for q in db.quads_for_pattern(None, _n(EKG.evidence), quote,
                                                                DEFAULT)
                  if ox.Quad(q.subject, _n(RDF_TYPE), attack, DEFAULT) in db)


def _anchors(db: ox.Store, report: ox.NamedNode) -> list[str]:
    """``SHA256:START-END`` of every quote that carries *report*."""
    from kg.namespaces import EKG, OA

    out = []
    for quote in _objects(db, report, _n(EKG.evidence)):
        for article in _objects(db, quote, _n(OA.hasSource)):
            sha = next(iter(_objects(db, article, _n(EKG.sha256))), None)
            start = next(iter(_objects(db, quote, _n(OA.start))), None)
            end = next(iter(_objects(db, quote, _n(OA.end))), None)
            if sha is not None and start is not None and end is not None:
                out.append(f"{sha.value}:{start.value}-{end.value}")
    return out


def links(db: ox.Store, reports: Iterable[str]) -> dict:
    """Analysts' decisions that two of these reports (or one of them and another) are one
    incident, or are not: ``{(report, report) sorted: (merge?, decision IRI)}``, the later
    decision about a pair winning."""
    from rdflib.namespace import RDFS

    found: dict = {}

    def note(x: str, y: str, decision, merge: bool) -> None:
        if x == y:
            return
        when = next(iter(_objects(db, decision, _n(PROV_ENDED))), None)
        key = (when.value if when is not None else "", decision.value)
        pair = (min(x, y), max(x, y))
        if pair not in found or found[pair][0] < key:
            found[pair] = (key, merge, decision.value)

    for r in sorted(set(reports)):
        node = ox.NamedNode(r)
        for q in db.quads_for_pattern(None, _APPLIED, node, DEFAULT):    # decided on r
            merge = _merge_or_split(db, q.subject)
            if merge is None:
                continue
            for change in _objects(db, q.subject, _CHANGE):
                label = next(iter(_objects(db, change, _n(RDFS.label))), None)
                for value in _objects(db, change, _NEW):
                    for other in _reports_at(db, value.value, label.value if label else ""):
                        note(r, other, q.subject, merge)
        for value in _anchors(db, node):                                # r is the other one
            for q in db.quads_for_pattern(None, _NEW, ox.Literal(value), DEFAULT):
                for d in db.quads_for_pattern(None, _CHANGE, q.subject, DEFAULT):
                    merge = _merge_or_split(db, d.subject)
                    if merge is None:
                        continue
                    for applied in _objects(db, d.subject, _APPLIED):
                        note(r, applied.value, d.subject, merge)
    return {pair: (merge, decision) for pair, (_, merge, decision) in found.items()}


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_ENDED = "http://www.w3.org/ns/prov#endedAtTime"


class MachineView:
    """The machine's output alone, for ``kg query --machine``: an in-memory copy of the
    store's public graphs with each reviewed article's graph as the extractor gave it and
    no decisions, queried like a `Store` (its default graph is their merge).  The entities
    and incidents are the store's (derived from the reviewed articles).  It holds the whole
    store in memory: meant for comparing, on stores of a few thousand articles."""

    def __init__(self, store):
        self.path = store.path
        self.db = ox.Store()
        quads = []
        for name in store.graph_names():
            if layout.is_review_graph(name.value):
                continue
            aid = layout.article_id_of(name.value)
            machine = layout.machine_graph(aid) if aid else None
            if machine is not None and store.db.contains_named_graph(machine):
                src = (ox.Quad(q.subject, layout.unwrap_predicate(q.predicate), q.object, name)
                       for q in store.db.quads_for_pattern(None, None, None, machine))
            else:
                src = store.db.quads_for_pattern(None, None, None, name)
            for q in src:
                quads += [q, ox.Quad(q.subject, q.predicate, q.object, DEFAULT)]
        self.db.extend(quads)

    def query(self, sparql: str, bindings=None, *, allow=(), limit=None, offset=None):
        from kg import sparql as sp

        text = sp.prepare(sparql, bindings or {}, allow=allow, limit=limit, offset=offset)
        try:
            return self.db.query(text)
        except SyntaxError as err:
            raise sp.syntax_error(err) from err


class Review:
    """The decisions one write applies and adds (`Store.write_articles`)."""

    def __init__(self, store, new_decisions: Iterable[Decision] = ()):
        self.store = store
        self.new = {d.key: d for d in new_decisions}
        self.machine: dict[str, set] = {}        # article id -> wrapped machine triples
        self.outcomes: list[Outcome] = []

    def decisions_for(self, article_iri) -> list[Decision]:
        stored = read_decisions(self.store, ox.NamedNode(str(article_iri)))
        keys = {d.key for d in stored}
        return stored + [d for d in self.new.values()
                         if str(d.article) == str(article_iri) and d.key not in keys]

    def prepare(self, aid: str, graph: Graph, facts: Optional[Graph]
                ) -> tuple[Graph, Optional[Graph]]:
        """The reviewed graph and facts of one article (and what to keep of the machine's)."""
        from kg import iris

        decisions = self.decisions_for(iris.article_iri(aid))
        if not decisions:
            self.machine[aid] = set()
            return graph, facts
        term = ToOx().term
        wrapped = {(term(s), layout.wrap_predicate(term(p)), term(o)) for s, p, o in graph}
        fwrapped = {(term(s), layout.wrap_predicate(term(p)), term(o))
                    for s, p, o in (facts or ())}
        self.machine[aid] = {("g", t) for t in wrapped} | {("f", t) for t in fwrapped}
        reviewed, rfacts, outcomes = apply_decisions(graph, facts, decisions)
        self.outcomes += outcomes
        return reviewed, rfacts

    def extend(self, changes: Changes, removed: Iterable[str]) -> None:
        """Add to the write's changes: the machine copies to keep or drop, and the graphs
        of the new decisions (with the default graph, which holds every public triple)."""
        db = self.store.db
        for aid in removed:
            changes.drops += [layout.machine_graph(aid), layout.machine_facts_graph(aid)]
        for aid, tagged in self.machine.items():
            for tag, name in (("g", layout.machine_graph(aid)),
                              ("f", layout.machine_facts_graph(aid))):
                now = {t for k, t in tagged if k == tag}
                old = {(q.subject, q.predicate, q.object)
                       for q in db.quads_for_pattern(None, None, None, name)}
                changes.deletes.update(ox.Quad(*t, name) for t in old - now)
                changes.inserts.update(ox.Quad(*t, name) for t in now - old)
        to_ox = ToOx()
        for d in self.new.values():
            g = d.graph()
            name = ox.NamedNode(str(g.identifier))
            if db.contains_named_graph(name):
                continue
            for s, p, o in g:
                t = (to_ox.term(s), to_ox.term(p), to_ox.term(o))
                if isinstance(o, Literal):
                    self.store._keeps(p, o)
                changes.inserts.add(ox.Quad(*t, name))
                if ox.Quad(*t, DEFAULT) not in db:
                    changes.inserts.add(ox.Quad(*t, DEFAULT))


__all__ = ["MachineView", "Review", "links", "decision_graph_names", "machine_output",
           "read_decisions"]
