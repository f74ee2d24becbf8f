"""Apply review decisions to what the machine said about one article.

`apply_decisions(graph, facts, decisions)` takes an article graph and its entity facts as
the extractor gave them (`kg.rdf.article_graph`, `entity_graph`) and returns the reviewed
ones: rejected items gone, corrections made, missed items added, every item a decision is
about marked (`ekgr:reviewStatus`, `ekgr:reviewedBy`) and every decision that found its item
recorded (`ekgr:appliedTo`).  A decision whose words no longer match the article (another
text, other offsets, no item on those words now) is returned as unmatched and changes
nothing.  Decisions apply in time order: a later one about the same item wins.

The store runs this on every write of an article (`kg.store.review`), so decisions apply
again after a re-ingest or with a new extractor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from rdflib import Graph, Literal, URIRef

from kg import iris
from kg.model import PartialDate
from kg.namespaces import EKG, EKGR, OA, RDF, RDFS, XSD
from kg.review.decisions import Decision


@dataclass
class Outcome:
    """What became of one decision: the item it applied to, or why it did not apply."""

    decision: Decision
    item: Optional[URIRef] = None
    problem: str = ""

    @property
    def applied(self) -> bool:
        return self.item is not None


@dataclass
class _State:
    g: Graph
    facts: Graph
    text: str
    sha256: str
    article: URIRef
    outcomes: list = field(default_factory=list)
    status: dict = field(default_factory=dict)     # item -> EKGR status
    rejected: set = field(default_factory=set)     # removed at the end: a later decision wins
    reviewed_by: dict = field(default_factory=dict)


def apply_decisions(graph: Graph, facts: Optional[Graph], decisions: Iterable[Decision]
                    ) -> tuple[Graph, Graph, list[Outcome]]:
    """The reviewed copies of *graph* and *facts* (the inputs are not changed), and what
    became of each decision."""
    from kg.rdf import new_graph

    g = Graph(identifier=graph.identifier)
    for prefix, ns in graph.namespaces():
        g.bind(prefix, ns)
    for t in graph:
        g.add(t)
    f = new_graph(iris.ENTITIES_GRAPH)
    for t in facts or ():
        f.add(t)
    article = next(iter(g.subjects(RDF.type, EKG.Article)), None)
    st = _State(g, f, str(g.value(article, EKG.text) or ""), str(g.value(article, EKG.sha256)
                                                                   or ""), article)
    for d in sorted(decisions, key=lambda x: (x.at, x.key)):
        st.outcomes.append(_apply_one(st, d))
    for item in sorted(st.rejected):
        _remove(g, item)
    for item, status in st.status.items():
        if (item, None, None) in g or status == "added":
            g.add((item, EKGR.reviewStatus,
                   EKGR.Verified if status == "verified" else EKGR.Corrected))
            for d in st.reviewed_by[item]:
                g.add((item, EKGR.reviewedBy, d))
    for o in st.outcomes:
        if o.applied:
            g.add((o.decision.iri, EKGR.appliedTo, o.item))
    _contested(g)
    return g, f, st.outcomes


def _apply_one(st: _State, d: Decision) -> Outcome:
    if d.sha256 != st.sha256:
        return Outcome(d, problem="the article's text is not the one the decision was made on")
    if st.text[d.start:d.end] != d.exact:
        return Outcome(d, problem=f"the words at {d.start}-{d.end} are no longer the quote")
    items = find_items(st.g, d.start, d.end, d.item)
    if d.action == "add":
        item = items[0] if items else _add(st, d)
        _correct(st, d, item)
        return _mark(st, d, item, "added" if not items else "corrected")
    if not items:
        return Outcome(d, problem=f"no {d.item} on these words now")
    item = items[0]
    if d.action in ("merge", "split"):      # for the incidents (`kg.store.review.links`)
        return Outcome(d, item=item)
    if d.action == "reject":
        st.rejected.add(item)
        return _mark(st, d, item, None)
    if d.action == "correct":
        _correct(st, d, item)
        return _mark(st, d, item, "corrected")
    return _mark(st, d, item, "verified")


def _mark(st: _State, d: Decision, item: URIRef, status: Optional[str]) -> Outcome:
    if status is None:
        st.status.pop(item, None)
        st.reviewed_by.pop(item, None)
    else:
        st.rejected.discard(item)
        before = st.status.get(item)
        if before in ("corrected", "added") and status == "verified":
            status = before
        st.status[item] = status
        st.reviewed_by.setdefault(item, []).append(d.iri)
    return Outcome(d, item=item)


def _quotes_at(g: Graph, start: int, end: int) -> set:
    return {q for q in g.subjects(RDF.type, EKG.Quote)
            if _int(g.value(q, OA.start)) == start and _int(g.value(q, OA.end)) == end}


def _int(v) -> Optional[int]:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def find_items(g: Graph, start: int, end: int, item: str) -> list[URIRef]:
    """The claims (of the kind given) or attacks whose evidence is the words start-end."""
    types = {"allegation": (EKG.Allegation,), "denial": (EKG.Denial,),
             "claim": (EKG.Allegation, EKG.Denial), "attack": (EKG.Attack,)}[item]
    found = set()
    for q in _quotes_at(g, start, end):
        for s in g.subjects(EKG.evidence, q):
            if any((s, RDF.type, t) in g for t in types):
                found.add(s)
    return sorted(found)


def _remove(g: Graph, item: URIRef) -> None:
    figures = list(g.objects(item, EKG.casualtyFigure))
    for node in (item, *figures):
        for t in list(g.triples((node, None, None))):
            g.remove(t)
        for t in list(g.triples((None, None, node))):
            g.remove(t)


def _quote(st: _State, start: int, end: int) -> URIRef:
    aid = st.sha256[:16]
    q = iris.quote_iri(aid, start, end)
    if (q, RDF.type, EKG.Quote) not in st.g:
        from kg.rdf import count_literal

        st.g.add((q, RDF.type, EKG.Quote))
        st.g.add((q, OA.hasSource, st.article))
        st.g.add((q, OA.exact, Literal(st.text[start:end])))
        st.g.add((q, OA.start, count_literal(start)))
        st.g.add((q, OA.end, count_literal(end)))
    return q


def _add(st: _State, d: Decision) -> URIRef:
    aid = st.sha256[:16]
    kinds = d.values("kind")
    kind = d.item if d.item != "claim" else ("denial" if kinds and kinds[0].value == str(
        EKG.Denial) else "allegation")
    if kind == "attack":
        node = iris.attack_iri(f"{aid}-{d.start}-{d.end}")
        st.g.add((node, RDF.type, EKG.Attack))
    else:
        node = iris.claim_iri(aid, kind, d.start, d.end)
        st.g.add((node, RDF.type, EKG.Denial if kind == "denial" else EKG.Allegation))
        st.g.add((node, EKG.attribution, EKG.IndirectSpeech))
    st.g.add((node, EKG.reportedIn, st.article))
    st.g.add((node, EKG.evidence, _quote(st, d.start, d.end)))
    return node


def _correct(st: _State, d: Decision, item: URIRef) -> None:
    g = st.g
    for prop in dict.fromkeys(c.prop for c in d.changes):
        changes = d.values(prop)
        if prop == "kind":
            _set_kind(g, item, URIRef(changes[-1].value))
        elif prop == "date":
            _set_date(g, item, changes[-1].value)
        elif prop in ("killed", "injured"):
            _set_count(st, item, prop, changes[-1])
        elif prop == "denies":
            _set_links(st, item, EKG.denies, [c.value for c in changes], "allegation")
        elif prop == "concerns":
            _set_links(st, item, EKG.concerns, [c.value for c in changes], "attack")
        elif prop == "target":
            _set_targets(st, item, [URIRef(c.value) for c in changes])
        else:
            from kg.review.decisions import PROPERTIES

            p = PROPERTIES[prop]
            if prop in ("accused", "defends"):       # whichever the claim's kind uses
                p = EKG.defends if (item, RDF.type, EKG.Denial) in g else EKG.accused
            g.remove((item, p, None))
            for c in changes:
                g.add((item, p, URIRef(c.value)))
                _entity(st, prop, c)


def _entity(st: _State, prop: str, c) -> None:
    """Entity facts for an agent or place a correction names (types, and its label when the
    decision gives one)."""
    node = URIRef(c.value)
    if prop in ("source", "accused", "defends", "perpetrator"):
        st.facts.add((node, RDF.type, EKG.Agent))
        st.facts.add((node, RDF.type, EKG.Source if prop == "source" else EKG.Party))
    elif prop == "location":
        st.facts.add((node, RDF.type, EKG.Place))
    else:
        return
    if c.label and st.facts.value(node, RDFS.label) is None:
        st.facts.add((node, RDFS.label, Literal(c.label)))


def _set_kind(g: Graph, item: URIRef, new: URIRef) -> None:
    old = EKG.Denial if new == EKG.Allegation else EKG.Allegation
    if (item, RDF.type, old) not in g:
        return
    g.remove((item, RDF.type, old))
    g.remove((item, RDF.type, EKG.ContestedAllegation))
    g.add((item, RDF.type, new))
    src, dst = (EKG.accused, EKG.defends) if new == EKG.Denial else (EKG.defends, EKG.accused)
    for party in list(g.objects(item, src)):
        g.remove((item, src, party))
        g.add((item, dst, party))
    if new == EKG.Allegation:
        g.remove((item, EKG.denies, None))
        g.remove((item, EKG.denialKind, None))
    else:
        for t in list(g.triples((None, EKG.denies, item))):
            g.remove(t)


def _set_date(g: Graph, item: URIRef, value: str) -> None:
    d = PartialDate.parse(value)
    for p in (EKG.date, EKG.datePrecision, EKG.earliestDate, EKG.latestDate):
        g.remove((item, p, None))
    from kg.rdf import DATE_PRECISION

    if d.precision == "day":
        g.add((item, EKG.date, Literal(str(d), datatype=XSD.date)))
    g.add((item, EKG.datePrecision, DATE_PRECISION[d.precision]))
    g.add((item, EKG.earliestDate, Literal(d.earliest.isoformat(), datatype=XSD.date)))
    g.add((item, EKG.latestDate, Literal(d.latest.isoformat(), datatype=XSD.date)))


def _set_count(st: _State, item: URIRef, prop: str, change) -> None:
    from kg.rdf import CASUALTY_TYPE, count_literal

    g, n = st.g, int(change.value)
    g.remove((item, EKG[prop], None))
    g.add((item, EKG[prop], count_literal(n)))
    ctype = CASUALTY_TYPE[prop]
    figures = [f for f in g.objects(item, EKG.casualtyFigure)
               if (f, EKG.casualtyType, ctype) in g]
    if not figures:       # the figure is the attack's own words, as the analyst reads them
        quote = next(iter(g.objects(item, EKG.evidence)))
        start, end = int(g.value(quote, OA.start)), int(g.value(quote, OA.end))
        f = iris.figure_iri(st.sha256[:16], prop, start, end)
        for t in ((item, EKG.casualtyFigure, f), (f, RDF.type, EKG.CasualtyFigure),
                  (f, EKG.casualtyType, ctype), (f, EKG.countQualifier, EKG.Exact),
                  (f, EKG.evidence, quote), (f, EKG.reportedIn, st.article)):
            g.add(t)
        figures = [f]
    for f in figures:
        g.remove((f, EKG.count, None))
        g.remove((f, EKG.upperCount, None))
        g.add((f, EKG.count, count_literal(n)))


def _set_links(st: _State, item: URIRef, p: URIRef, anchors: list[str], kind: str) -> None:
    st.g.remove((item, p, None))
    for a in anchors:
        start, _, end = a.partition("-")
        for other in find_items(st.g, int(start), int(end), kind):
            st.g.add((item, p, other))


def _set_targets(st: _State, item: URIRef, classes: list[URIRef]) -> None:
    from kg.rdf import MEDICAL_CATEGORIES, TARGET_CLASS

    g = st.g
    g.remove((item, EKG.target, None))
    g.remove((item, RDF.type, EKG.AttackOnMedicalCare))
    category = {v: k for k, v in TARGET_CLASS.items()}
    where = g.value(item, EKG.location)
    for cls in classes:
        name = category.get(cls, "other")
        obj = iris.object_iri(f"{item.rsplit('/', 1)[-1]} {name}")
        g.add((item, EKG.target, obj))
        g.add((obj, RDF.type, cls))
        label = name.replace("_", " ")
        if where is not None and st.facts.value(where, RDFS.label) is not None:
            label += f" in {st.facts.value(where, RDFS.label)}"
        if g.value(obj, RDFS.label) is None:
            g.add((obj, RDFS.label, Literal(label)))
        if name in MEDICAL_CATEGORIES:
            g.add((item, RDF.type, EKG.AttackOnMedicalCare))


def _contested(g: Graph) -> None:
    """``ekg:ContestedAllegation`` again from the links left (the article's own; the store
    adds those across articles)."""
    for s in list(g.subjects(RDF.type, EKG.ContestedAllegation)):
        if (None, EKG.denies, s) not in g:
            g.remove((s, RDF.type, EKG.ContestedAllegation))
    for s in set(g.objects(None, EKG.denies)):
        if (s, RDF.type, EKG.Allegation) in g:
            g.add((s, RDF.type, EKG.ContestedAllegation))


__all__ = ["Outcome", "apply_decisions", "find_items"]
