"""Build, grade and write the graphs of incidents (see `kg.store.incidents`).

`derive_from(db, seeds)` recomputes the incidents of the reports *seeds* reach; the graph
of each holds the incident's summary (`summary`), its statements (`statements`) and what
the rules construct (`run_rules`), all written in one SPARQL update with the old graphs
dropped.  What to recompute is noted in the store by the write that makes it necessary, in
that write's transaction (`pending_quads`), and dropped by the update that does it
(`derive_in_store`), so a write killed between the two is finished by the next open.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional

import pyoxigraph as ox

from kg import iris, resources
from kg.namespaces import EKG, NS_IRI, PREFIXES, RDF, RDFS
from kg.resolve.incidents import Cluster, Report, cluster
from kg.store import layout
from kg.store.incidents import (_XSD_DATE, _XSD_DEC, _XSD_NNI, component, e,
                                incident_graph_name, incident_slug, incidents_of,
                                reports_of_articles)
from kg.store.reports import values
from kg.store.terms import canonical_literal
from kg.store.writes import DEFAULT, Changes

_N = ox.NamedNode
_TYPE = e(RDF.type)
_LABEL = e(RDFS.label)
_P = (f"PREFIX ekg: <{NS_IRI}>\nPREFIX rdf: <{PREFIXES['rdf']}>\n"
      f"PREFIX rdfs: <{PREFIXES['rdfs']}>\n")

#: Everything the rules may read about an incident's reports, from the whole store: one
#: branch per kind of neighbour, each starting from the reports (VALUES in every branch, so
#: that each is a few index lookups)
_SCOPE_BRANCHES = (
    "?r ?p ?o . BIND(?r AS ?s)",
    "?s ekg:concerns ?r . ?s ?p ?o",
    "?c ekg:concerns ?r . ?s ekg:denies ?c . ?s ?p ?o",
    "?r ekg:casualtyFigure ?s . ?s ?p ?o",
    "?r ekg:target ?s . ?s a ?o . BIND(rdf:type AS ?p)",
    "?r ekg:perpetrator|ekg:possiblePerpetrator|ekg:casualtyFigure/ekg:givenBy ?a . " + "%s",
    "?c ekg:concerns ?r . ?c ekg:source|ekg:accused|ekg:defends ?a . %s",
    "?c ekg:concerns ?r . ?d ekg:denies ?c . ?d ekg:source|ekg:defends ?a . %s",
)
_CHAIN = ("?a ekg:speaksFor* ?s . ?s ?p ?o . "
          "FILTER(?p IN (ekg:speaksFor, ekg:sourceKind, rdf:type, rdfs:label))")


def _scope_query(block: str) -> str:
    branches = [b % _CHAIN if "%s" in b else b for b in _SCOPE_BRANCHES]
    body = "\n  UNION ".join(f"{{ {block} {b} }}" for b in branches)
    return _P + f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{\n  {body}\n}}"


_ISSUED = _P + """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?r ?d WHERE { %s ?r ekg:reportedIn ?a . ?a dcterms:issued ?d }"""


@dataclass
class Derived:
    """The incident graphs to write and the old ones to drop."""

    graphs: dict = field(default_factory=dict)     # graph name -> set of triples
    dropped: list = field(default_factory=list)    # graph names

    @property
    def incidents(self) -> int:
        return len(self.graphs)


# --- the incident's summary -------------------------------------------------------------------
def _lit(value, datatype) -> ox.Literal:
    """A typed literal in the form the store keeps (so that diffs compare like with like)."""
    return canonical_literal(str(value), datatype.value)


def _first_day(v: str) -> Optional[date]:
    try:
        return date.fromisoformat(v if len(v) == 10 else (v + "-01-01")[:10])
    except ValueError:
        return None


def _dates(node, members: list[Report]) -> list[tuple]:
    dated = [r for r in members if r.dated]
    if not dated:
        return []
    lo, hi = max(r.earliest for r in dated), min(r.latest for r in dated)
    if lo > hi:            # a day apart: the hull, not an empty window
        lo, hi = min(r.earliest for r in dated), max(r.latest for r in dated)
    out = [(node, e(EKG.earliestDate), _lit(lo.isoformat(), _XSD_DATE)),
           (node, e(EKG.latestDate), _lit(hi.isoformat(), _XSD_DATE))]
    month_end = (date(lo.year + (lo.month == 12), lo.month % 12 + 1, 1) - timedelta(days=1))
    if lo == hi:
        out += [(node, e(EKG.date), _lit(lo.isoformat(), _XSD_DATE)),
                (node, e(EKG.datePrecision), e(EKG.Day))]
    elif lo.day == 1 and hi == month_end:
        out.append((node, e(EKG.datePrecision), e(EKG.Month)))
    else:
        out.append((node, e(EKG.datePrecision), e(EKG.DateRange)))
    return out


def _place(members: list[Report]) -> Optional[str]:
    counts = Counter(p for r in members for p in r.places)
    depth = {p: len(r.within) for r in members for p in r.places}
    if not counts:
        return None
    return min(counts, key=lambda p: (-depth[p], -counts[p], p))


def summary(node, c: Cluster, reports: dict[str, Report], scope: ox.Store,
            issued: dict) -> set:
    members = [reports[m] for m in c.members]
    t: set = {(node, _TYPE, e(EKG.Incident))}
    t |= {(node, e(EKG.report), _N(m)) for m in c.members}
    for n, (x, y, m) in enumerate(c.merges, 1):
        mn = _N(f"{node.value}/match/{n}")
        t |= {(node, e(EKG.merge), mn), (mn, _TYPE, e(EKG.Match)),
              (mn, e(EKG.matches), _N(x)), (mn, e(EKG.matches), _N(y)),
              (mn, e(EKG.matchScore), _lit(f"{m.score:.1f}", _XSD_DEC))}
        t |= {(mn, e(EKG.matchedOn), ox.Literal(reason)) for reason in m.reasons}
    place = _place(members)
    if place:
        t.add((node, e(EKG.location), _N(place)))
    t |= set(_dates(node, members))
    for m in c.members:
        for p in (EKG.target, EKG.perpetrator, EKG.possiblePerpetrator):
            t |= {(node, e(p), q.object) for q in scope.quads_for_pattern(_N(m), e(p), None)}
    t |= _figures(node, c, scope)
    days = sorted(d for m in c.members for d in issued.get(m, ()))
    if days:
        t |= {(node, e(EKG.firstReported), _lit(days[0].isoformat(), _XSD_DATE)),
              (node, e(EKG.lastReported), _lit(days[-1].isoformat(), _XSD_DATE))}
    t.add((node, _LABEL, ox.Literal(_label(members, place and scope, place))))
    return t


def _label(members: list[Report], _scope, place) -> str:
    cats = Counter(x for r in members for x in r.targets if x != "civilians")
    what = min(cats, key=lambda x: (-cats[x], x)).replace("_", " ") if cats else "attack"
    where = next((lab for r in members for p, lab in zip(sorted(r.places), r.labels)
                  if p == place), None)
    days = sorted({r.day for r in members if r.day})
    return " ".join(x for x in (what, f"in {where}" if where else "",
                                f"on {days[0].isoformat()}" if days else "") if x)


def _figures(node, c: Cluster, scope: ox.Store) -> set:
    lows: dict = defaultdict(list)
    highs: dict = defaultdict(list)
    for m in c.members:
        for q in scope.quads_for_pattern(_N(m), e(EKG.casualtyFigure), None):
            f = q.object
            kind = next(scope.quads_for_pattern(f, e(EKG.casualtyType), None), None)
            count = next(scope.quads_for_pattern(f, e(EKG.count), None), None)
            if kind is None or count is None:
                continue
            upper = next(scope.quads_for_pattern(f, e(EKG.upperCount), None), None)
            name = "killed" if kind.object == e(EKG.Killed) else "injured"
            lows[name].append(int(count.object.value))
            highs[name].append(int((upper or count).object.value))
    t = set()
    for name in lows:
        t.add((node, e(EKG[f"{name}Low"]), _lit(min(lows[name]), _XSD_NNI)))
        t.add((node, e(EKG[f"{name}High"]), _lit(max(highs[name]), _XSD_NNI)))
    return t


# --- statements ------------------------------------------------------------------------------
def _voice(scope: ox.Store, agent) -> ox.NamedNode:
    """The agent at the top of *agent*'s ekg:speaksFor chain (the first by IRI when it
    speaks for several)."""
    seen = {agent}
    while True:
        ups = sorted((q.object for q in scope.quads_for_pattern(agent, e(EKG.speaksFor), None)
                      if q.object not in seen), key=str)
        if not ups:
            return agent
        agent = ups[0]
        seen.add(agent)


def statements(node, scope: ox.Store) -> set:
    """One statement per voice and stance: the claims of one voice (a source and those it
    speaks for: Amnesty and its director), alleging or denying, about the incident's reports
    are reports of one statement, however many articles carry them."""
    groups: dict = defaultdict(set)
    for kind, stance in ((EKG.Allegation, "alleges"), (EKG.Denial, "denies")):
        for q in scope.quads_for_pattern(None, _TYPE, e(kind)):
            src = next(scope.quads_for_pattern(q.subject, e(EKG.source), None), None)
            if src is not None:
                groups[(stance, _voice(scope, src.object).value)].add(q.subject)
    t = set()
    denials = 0
    for (stance, voice), claims in sorted(groups.items()):
        s = _N(f"{node.value}/statement/{stance}-{iris.slug(voice.rsplit('/', 1)[-1], 50)}")
        denials += stance == "denies"
        t |= {(s, _TYPE, e(EKG.Statement)), (s, e(EKG.madeBy), _N(voice)),
              (s, e(EKG.about), node)}
        t |= {(c, e(EKG.reportOf), s) for c in claims}
    t.add((node, e(EKG.denialCount), _lit(denials, _XSD_NNI)))
    return t


# --- the rules -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, str], ...]:
    """(name, text) of every rule, in the order they run."""
    return tuple((p.stem.split("_", 1)[1], p.read_text(encoding="utf-8"))
                 for p in resources.rules_files())


def run_rules(scope: ox.Store) -> set:
    """Run every rule on *scope* in order, each seeing what the ones before it made; return
    what they made."""
    made: set = set()
    for _, text in rules():
        new = {(t.subject, t.predicate, t.object) for t in scope.query(text)}
        new -= made
        if new:
            scope.extend(ox.Quad(*t) for t in new)
            made |= new
    return made


# --- one incident ----------------------------------------------------------------------------
def incident_triples(db: ox.Store, c: Cluster, reports: dict[str, Report], slug: str,
                     issued: dict) -> set:
    node = e(iris.incident_iri(slug))
    scope = ox.Store()
    terms = [_N(m) for m in c.members]
    scope.extend(ox.Quad(t.subject, t.predicate, t.object)
                 for t in db.query(_scope_query(values("r", terms)))
                 if _stated(db, t))
    _drop_unreached_claims(scope, set(terms))
    own = summary(node, c, reports, scope, issued) | statements(node, scope)
    scope.extend(ox.Quad(*t) for t in own)
    return own | run_rules(scope)


_DERIVABLE = {e(EKG.denies), e(EKG.reportOf), _TYPE}


def _drop_unreached_claims(scope: ox.Store, members: set) -> None:
    """Keep the claims about the reports, and the denials that the articles (not an
    incident graph) say deny them: the scope query also follows links that earlier
    derivations made."""
    about = {q.subject for q in scope.quads_for_pattern(None, e(EKG.concerns), None)
             if q.object in members}
    keep = about | {q.subject for q in scope.quads_for_pattern(None, e(EKG.denies), None)
                    if q.object in about}
    for kind in (EKG.Allegation, EKG.Denial):
        for q in list(scope.quads_for_pattern(None, _TYPE, e(kind))):
            if q.subject not in keep:
                for t in list(scope.quads_for_pattern(q.subject, None, None)):
                    scope.remove(t)


def _stated(db: ox.Store, t) -> bool:
    """Whether an article or the entities state *t* (not only an incident graph, whose
    facts are being recomputed: the rules must not read their own earlier output)."""
    if t.predicate not in _DERIVABLE:
        return True
    for q in db.quads_for_pattern(t.subject, t.predicate, t.object, None):
        g = q.graph_name
        if isinstance(g, ox.NamedNode) and layout.is_public_graph(g.value) and \
                not layout.is_incident_graph(g.value):
            return True
    return False


def _issued(db: ox.Store, members: Iterable[str]) -> dict:
    out: dict = defaultdict(list)
    terms = sorted({_N(m) for m in members}, key=str)
    for i in range(0, len(terms), 200):
        for s in db.query(_ISSUED % values("r", terms[i:i + 200])):
            d = _first_day(s["d"].value)
            if d:
                out[s["r"].value].append(d)
    return out


def derive_from(db: ox.Store, seeds: Iterable[str]) -> Derived:
    """The incident graphs of the reports *seeds* reach, and the stored ones they replace."""
    reports, old, verdicts = component(db, seeds)
    out = Derived(dropped=sorted({incident_graph_name(_slug_of(i)) for i in old}, key=str))
    issued = _issued(db, reports)
    for c in cluster(reports.values(), verdicts):
        slug = incident_slug(c, reports)
        out.graphs[incident_graph_name(slug)] = incident_triples(db, c, reports, slug, issued)
    return out


def _slug_of(incident_iri: str) -> str:
    return incident_iri[len(str(iris.incident_iri(""))):]


def changes(db: ox.Store, derived: Derived) -> Changes:
    """The SPARQL update that drops the old incident graphs, writes the new ones and keeps the
    default graph the merge of the public graphs."""
    ch = Changes()
    removed: set = set()
    added: set = set()
    after = {g: triples for g, triples in derived.graphs.items()}
    for g in derived.dropped:
        if g in after:
            continue
        old = {(q.subject, q.predicate, q.object)
               for q in db.quads_for_pattern(None, None, None, g)}
        ch.drops.append(g)
        ch.dropped_quads += len(old)
        removed |= old
    for g, now in after.items():
        old = {(q.subject, q.predicate, q.object)
               for q in db.quads_for_pattern(None, None, None, g)}
        ch.deletes |= {ox.Quad(*t, g) for t in old - now}
        ch.inserts |= {ox.Quad(*t, g) for t in now - old}
        removed |= old - now
        added |= now - old
    gone = set(ch.drops)
    for t in added:
        if ox.Quad(*t, DEFAULT) not in db:
            ch.inserts.add(ox.Quad(*t, DEFAULT))
    for t in removed - added:
        if not _held_elsewhere(db, t, gone, after):
            ch.deletes.add(ox.Quad(*t, DEFAULT))
    return ch


def _held_elsewhere(db: ox.Store, t: tuple, gone: set, after: dict) -> bool:
    if any(t in triples for triples in after.values()):
        return True
    for q in db.quads_for_pattern(t[0], t[1], t[2], None):
        g = q.graph_name
        if g == DEFAULT or g in gone or g in after or not layout.is_public_graph(g.value):
            continue
        return True
    return False


def derive_for_articles(db: ox.Store, article_ids: Iterable[str]) -> Derived:
    return derive_from(db, reports_of_articles(db, article_ids))


# --- the work a write owes ------------------------------------------------------------------
_OWED = _N("urn:x-evidence-kg:derive-pending")
_OWED_ARTICLE = _N("urn:x-evidence-kg:derive-pending:article")
_OWED_REPORT = _N("urn:x-evidence-kg:derive-pending:report")
_OWED_DROP = _N("urn:x-evidence-kg:derive-pending:drop")


def pending_quads(articles: Iterable[str] = (), reports: Iterable[str] = (),
                  incidents: Iterable[str] = ()) -> set:
    """The note of what is to be recomputed, as quads of `layout.PENDING_GRAPH`, written in
    the transaction of the articles: the incidents of the reports of *articles*, those of
    *reports*, and the stored *incidents* to drop."""
    g = layout.PENDING_GRAPH
    return ({ox.Quad(_OWED, _OWED_ARTICLE, ox.Literal(a), g) for a in articles}
            | {ox.Quad(_OWED, _OWED_REPORT, _N(r), g) for r in reports}
            | {ox.Quad(_OWED, _OWED_DROP, _N(i), g) for i in incidents})


def removal_pending(db: ox.Store, article_ids: Iterable[str]) -> set:
    """The note of a removal of *article_ids* (read before it): the incidents their reports
    are in are dropped, and the other reports of those incidents clustered again."""
    gone = reports_of_articles(db, article_ids)
    touched = incidents_of(db, gone)
    seeds = {m for ms in touched.values() for m in ms} - gone
    return pending_quads(reports=seeds, incidents=touched)


def _read_pending(db: ox.Store) -> tuple[set, set, set, int]:
    """(articles, reports, incident IRIs, number of quads) of the note."""
    out: dict = {_OWED_ARTICLE: set(), _OWED_REPORT: set(), _OWED_DROP: set()}
    n = 0
    for q in db.quads_for_pattern(None, None, None, layout.PENDING_GRAPH):
        out.setdefault(q.predicate, set()).add(q.object.value)
        n += 1
    return out[_OWED_ARTICLE], out[_OWED_REPORT], out[_OWED_DROP], n


def derive_in_store(store, article_ids: Iterable[str] = ()) -> int:
    """`kg.store.Store.derive_incidents`: recompute the incidents of *article_ids* and of the
    note (`pending_quads`), and write them with the note dropped, in one update."""
    db, meta = store.db, store._meta
    articles, reports, drops, noted = _read_pending(db)
    seeds = reports_of_articles(db, set(article_ids) | articles) | reports
    derived = derive_from(db, seeds)
    derived.dropped = sorted(set(derived.dropped) | {
        incident_graph_name(_slug_of(i)) for i in drops}, key=str)
    ch = changes(db, derived)
    if noted:
        ch.drops.append(layout.PENDING_GRAPH)
        ch.dropped_quads += noted
    if ch:
        db.update(ch.update_text())
        meta["quads"] = max(0, meta.get("quads", 0) + len(ch.inserts) - len(ch.deletes)
                            - ch.dropped_quads)
        meta["deleted_since_optimize"] = meta.get("deleted_since_optimize", 0) + \
            len(ch.deletes) + ch.dropped_quads
        layout.write_meta(store.path, meta)
    return derived.incidents


__all__ = ["Derived", "changes", "derive_for_articles", "derive_from", "derive_in_store",
           "pending_quads", "removal_pending", "rules", "run_rules"]
