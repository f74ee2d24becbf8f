"""What one write changes, computed before anything is written.

A write (some articles written or removed) becomes one SPARQL update, applied by Oxigraph in
one transaction.  Besides the articles' own graphs it keeps four derived things in step:

* the **links graph**: ``ekg:denies`` between claims of different articles, taken out for
  the claims of the articles written or removed and derived again for those written
  (`kg.store.across`);
* the **entity facts** each article contributed (an internal graph per article) and their
  **union** (one internal graph: every distinct fact any article states), so that an entity
  is recomputed from its few distinct facts, not from every article that mentions it;
* the **entities graph**, recomputed for the entities whose facts changed
  (`kg.store.entities.merge_entity`);
* the **default graph**: the RDF merge (set union) of all public graphs, so that queries see
  each triple once, whatever the number of articles that state it.  A triple leaves it only
  when no public graph holds it any more.

Every check is an index lookup by subject, or by the whole triple, that stops at the first
hit (the links: two lookups per claim changed, and one query per claim kind with a VALUES
block): the cost follows the size of the write, not the size of the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pyoxigraph as ox

from kg.store import across, layout
from kg.store.entities import LABEL, SOURCE_KIND, merge_entity

DEFAULT = ox.DefaultGraph()
_CHOICE_PREDICATES = {layout.wrap_predicate(p) for p in (LABEL, SOURCE_KIND)}
_COUNT_FACT = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "%s"))
}""" % layout.FACTS_GRAPH_PREFIX


def triple(q: ox.Quad) -> tuple:
    return (q.subject, q.predicate, q.object)


@dataclass
class Changes:
    drops: list = field(default_factory=list)        # graph names to drop
    deletes: set = field(default_factory=set)        # quads
    inserts: set = field(default_factory=set)        # quads
    dropped_quads: int = 0
    entities: int = 0

    def update_text(self) -> str:
        """One SPARQL update.  Every term is written by pyoxigraph in N-Triples syntax, which a
        value cannot escape from."""
        ops = [f"DROP SILENT GRAPH {g}" for g in self.drops]
        if self.deletes:
            ops.append("DELETE DATA {\n" + _blocks(self.deletes) + "\n}")
        if self.inserts:
            ops.append("INSERT DATA {\n" + _blocks(self.inserts) + "\n}")
        return " ;\n".join(ops)

    def __bool__(self) -> bool:
        return bool(self.drops or self.deletes or self.inserts)


def _blocks(quads: Iterable[ox.Quad]) -> str:
    # str(quad) is "S P O G" (N-Quads without the dot), "S P O" in the default graph: the
    # lines "S P O ." are cut from it, one call per quad instead of four terms to format
    by_graph: dict = defaultdict(list)
    for q in quads:
        by_graph[q.graph_name].append(str(q))
    out = []
    for g in sorted(by_graph, key=str):
        cut = 0 if g == DEFAULT else len(str(g)) + 1
        lines = by_graph[g]
        body = "\n".join(sorted([line[:-cut] + " ." if cut else line + " ." for line in lines]))
        out.append(body if g == DEFAULT else f"GRAPH {g} {{\n{body}\n}}")
    return "\n".join(out)


class Planner:
    """Computes the `Changes` of writing *new* articles and removing *removed* ones.

    *new* maps each article id to the triples (pyoxigraph terms, in the store's canonical
    form) of its graph and of its entity facts (predicates wrapped)."""

    def __init__(self, db: ox.Store, new: Mapping[str, tuple[set, set]], removed: Iterable[str]):
        self.db = db
        self.new = new
        self.removed = sorted(set(removed))
        self.changes = Changes()
        # public triples added to / removed from some public graph, for the default graph
        self.public_added: set = set()
        self.public_removed: set = set()
        # the state after the write of the public graphs this write changes
        self.after: dict = {}  # graph name -> set of triples it will hold (changed graphs only)
        self.entity_subjects: set = set()
        self.after_entities: set = set()
        self.old_claims: set = set()      # allegations and denials of the articles before
        self.links_removed: set = set()

    def plan(self) -> Changes:
        fact_added, fact_removed = self._articles()
        self._links()
        touched = self._fact_union(fact_added, fact_removed)
        self._entities(touched)
        self._default_graph()
        return self.changes

    # --- 1. the articles' graphs and their entity facts ------------------------------------
    def _articles(self) -> tuple[set, set]:
        db, ch = self.db, self.changes
        fact_added: set = set()
        fact_removed: set = set()
        self.batch_facts: dict = {}  # facts graph -> set of fact triples after the write
        for aid in self.removed:
            g, fg = layout.article_graph(aid), layout.entity_facts_graph(aid)
            old_a = [triple(q) for q in db.quads_for_pattern(None, None, None, g)]
            old_f = [triple(q) for q in db.quads_for_pattern(None, None, None, fg)]
            ch.drops += [g, fg]
            ch.dropped_quads += len(old_a) + len(old_f)
            self.old_claims |= across.claim_nodes(old_a)
            self.public_removed.update(old_a)
            self.after[g] = set()
            fact_removed.update(old_f)
            self.batch_facts[fg] = set()
        for aid, (article_triples, fact_triples) in self.new.items():
            g, fg = layout.article_graph(aid), layout.entity_facts_graph(aid)
            for graph, now, is_public in ((g, article_triples, True), (fg, fact_triples, False)):
                old = {(q.subject, q.predicate, q.object)
                       for q in db.quads_for_pattern(None, None, None, graph)}
                if is_public:
                    self.old_claims |= across.claim_nodes(old)
                ch.deletes.update([ox.Quad(*t, graph) for t in old - now])
                ch.inserts.update([ox.Quad(*t, graph) for t in now - old])
                if is_public:
                    self.public_removed |= old - now
                    self.public_added |= now - old
                    self.after[graph] = now
                else:
                    fact_removed |= old - now
                    fact_added |= now - old
                    self.batch_facts[graph] = now
        return fact_added, fact_removed

    # --- 2. links between claims of different articles ------------------------------------
    def _links(self) -> None:
        written = {aid: article for aid, (article, _) in self.new.items()}
        inserts, deletes = across.plan_links(self.db, written, self.old_claims,
                                             set(self.new) | set(self.removed))
        links = layout.LINKS_GRAPH
        self.changes.inserts.update(ox.Quad(*t, links) for t in inserts)
        self.changes.deletes.update(ox.Quad(*t, links) for t in deletes)
        self.public_added |= inserts
        self.public_removed |= deletes
        self.links_removed = deletes

    # --- 3. the union of all articles' facts ------------------------------------------------
    def _stated_elsewhere(self, t: tuple) -> bool:
        """Whether some article outside this write states the fact *t*."""
        for q in self.db.quads_for_pattern(t[0], t[1], t[2], None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(layout.FACTS_GRAPH_PREFIX) \
                    and g not in self.batch_facts:
                return True
        return False

    def _fact_union(self, added: set, removed: set) -> set:
        db, ch = self.db, self.changes
        union = layout.FACTS_UNION_GRAPH
        stated_now = set().union(*self.batch_facts.values()) if self.batch_facts else set()
        for t in added:
            q = ox.Quad(*t, union)
            if q not in db:
                ch.inserts.add(q)
        self.union_removed = set()
        for t in removed - stated_now:
            if not self._stated_elsewhere(t):
                ch.deletes.add(ox.Quad(*t, union))
                self.union_removed.add(t)
        self.union_added = added
        return {t[0] for t in added | removed}

    # --- 4. the entities graph ---------------------------------------------------------------
    def _count(self, t: tuple) -> int:
        """How many articles state the fact *t* after this write."""
        from kg.sparql import bind

        rows = self.db.query(bind(_COUNT_FACT, {"s": t[0], "p": t[1], "o": t[2]}))
        n = int(next(iter(rows))[0].value)
        for fg, facts in self.batch_facts.items():
            had = ox.Quad(*t, fg) in self.db
            n += (t in facts) - had
        return n

    def _entities(self, touched: set) -> None:
        db, ch = self.db, self.changes
        ent = layout.ENTITIES_GRAPH
        union = layout.FACTS_UNION_GRAPH
        after_ent: set = set()
        for subject in sorted(touched, key=str):
            facts = {triple(q) for q in db.quads_for_pattern(subject, None, None, union)}
            facts = (facts | {t for t in self.union_added if t[0] == subject}) \
                - self.union_removed
            by_pred: dict = defaultdict(list)
            for t in facts:
                by_pred[t[1]].append(t)
            counts = {}
            for p, ts in by_pred.items():
                several = p in _CHOICE_PREDICATES and len(ts) > 1
                for t in ts:
                    counts[(layout.unwrap_predicate(p), t[2])] = self._count(t) if several else 1
            merged = {ox.Quad(m.subject, m.predicate, m.object, ent)
                      for m in merge_entity(subject, counts)}
            current = set(db.quads_for_pattern(subject, None, None, ent))
            ch.deletes |= current - merged
            ch.inserts |= merged - current
            self.public_removed |= {triple(q) for q in current - merged}
            self.public_added |= {triple(q) for q in merged - current}
            after_ent |= {triple(q) for q in merged}
        self.entity_subjects = touched
        self.after_entities = after_ent
        ch.entities = len(touched)

    # --- 5. the default graph ----------------------------------------------------------------
    def _held_after(self, t: tuple) -> bool:
        """Whether some public graph holds *t* after this write."""
        for q in self.db.quads_for_pattern(t[0], t[1], t[2], None):
            g = q.graph_name
            if g == DEFAULT or not layout.is_public_graph(g.value):
                continue
            if g in self.after:
                if t in self.after[g]:
                    return True
            elif g == layout.ENTITIES_GRAPH and t[0] in self.entity_subjects:
                if t in self.after_entities:
                    return True
            elif g == layout.LINKS_GRAPH:
                if t not in self.links_removed:
                    return True
            else:
                return True
        return False

    def _default_graph(self) -> None:
        db, ch = self.db, self.changes
        for t in self.public_added:
            q = ox.Quad(*t, DEFAULT)
            if q not in db:
                ch.inserts.add(q)
        for t in self.public_removed - self.public_added:
            if not self._held_after(t):
                ch.deletes.add(ox.Quad(*t, DEFAULT))
