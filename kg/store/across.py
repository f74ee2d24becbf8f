"""Links between the claims of different articles, derived by the store.

Incidents need no lookup: an attack's key comes from its place and day (`kg.resolve.attacks`),
so two articles reporting the same place and day name the same attack.  What an article alone
cannot decide is which allegations of *other* articles its denials answer.  The rule: a
denial (not a non-denial) that concerns an attack and defends a party denies every allegation
of another article that concerns the same attack and accuses that party.

The links are a function of the *set* of articles in the store, so the store derives them and
keeps them in a public graph of their own (`layout.LINKS_GRAPH`), in the same transaction as
every write (`kg.store.writes.Planner` calls `plan_links`):

* the links of the claims of every article written or removed, as they were, are taken out;
* the links of the claims of every article written, as they are now, are derived again
  against the store as it will be after the write: the other articles' claims come from one
  query with a VALUES block of every (attack, party) of the batch, the batch's own from the
  batch.

So removing an article takes away the links other articles' denials had to its allegations,
re-ingesting an article changes nothing, and the order of ingest makes no difference.  The
cost follows the claims of the batch, not the size of the store.

>>> d, a = ox.NamedNode("http://example.org/d"), ox.NamedNode("http://example.org/a")
>>> at, p = ox.NamedNode("http://example.org/attack"), ox.NamedNode("http://example.org/p")
>>> claims_in([(d, RDF_TYPE, DENIAL), (d, CONCERNS, at), (d, DEFENDS, p)])
[('denial', <NamedNode value=http://example.org/d>, [(<NamedNode value=http://example.org/attack>, <NamedNode value=http://example.org/p>)])]
"""  # noqa: E501

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

import pyoxigraph as ox

from kg.namespaces import EKG, NS_IRI, RDF
from kg.store import layout

RDF_TYPE = ox.NamedNode(str(RDF.type))
ALLEGATION = ox.NamedNode(str(EKG.Allegation))
DENIAL = ox.NamedNode(str(EKG.Denial))
CONCERNS = ox.NamedNode(str(EKG.concerns))
ACCUSED = ox.NamedNode(str(EKG.accused))
DEFENDS = ox.NamedNode(str(EKG.defends))
DENIAL_KIND = ox.NamedNode(str(EKG.denialKind))
NON_DENIAL = ox.NamedNode(str(EKG.NonDenial))
DENIES = ox.NamedNode(str(EKG.denies))

_KINDS = {ALLEGATION: "allegation", DENIAL: "denial"}
_OTHER = {"allegation": "denial", "denial": "allegation"}

# The claims of *kind* in article graphs about some (attack, party): ?attack ?party are bound
# by a VALUES block of every pair of the batch, one query per kind.  (Non-denials are left out
# in Python: with a FILTER NOT EXISTS inside the GRAPH block, Oxigraph read every denial of
# the store, and the query took seconds instead of milliseconds at a few thousand articles.)
_STORED = {kind: f"""PREFIX ekg: <{NS_IRI}>
SELECT ?attack ?party ?claim ?g WHERE {{
  %s
  GRAPH ?g {{ ?claim a ekg:{cls} ; ekg:concerns ?attack ; ekg:{prop} ?party . }}
}}""" for kind, cls, prop in (("allegation", "Allegation", "accused"),
                                ("denial", "Denial", "defends"))}


def claims_in(triples: Iterable[tuple]) -> list[tuple[str, ox.NamedNode, list[tuple]]]:
    """``(kind, claim, [(attack, party), ...])`` of the claims in one article's triples that
    can link across articles: allegations with the parties they accuse, denials (but
    non-denials) with the parties they defend; sorted."""
    kinds: dict = defaultdict(set)
    attacks: dict = defaultdict(set)
    parties: dict = {ACCUSED: defaultdict(set), DEFENDS: defaultdict(set)}
    non_denials = set()
    for s, p, o in triples:
        if p == RDF_TYPE and o in _KINDS:
            kinds[s].add(_KINDS[o])
        elif p == CONCERNS:
            attacks[s].add(o)
        elif p in parties:
            parties[p][s].add(o)
        elif p == DENIAL_KIND and o == NON_DENIAL:
            non_denials.add(s)
    out = []
    for claim in sorted(kinds, key=str):
        for kind in sorted(kinds[claim]):
            if kind == "denial" and claim in non_denials:
                continue
            who = parties[ACCUSED if kind == "allegation" else DEFENDS][claim]
            pairs = sorted(((a, p) for a in attacks[claim] for p in who), key=str)
            if pairs:
                out.append((kind, claim, pairs))
    return out


def claim_nodes(triples: Iterable[tuple]) -> set:
    """Every allegation and denial in one article's triples."""
    return {s for s, p, o in triples if p == RDF_TYPE and o in _KINDS}


def links_of(db: ox.Store, claims: Iterable) -> set[tuple]:
    """The links the store holds now from or to these claims (index lookups)."""
    found = set()
    for c in claims:
        for q in db.quads_for_pattern(c, DENIES, None, layout.LINKS_GRAPH):
            found.add((q.subject, q.predicate, q.object))
        for q in db.quads_for_pattern(None, DENIES, c, layout.LINKS_GRAPH):
            found.add((q.subject, q.predicate, q.object))
    return found


def _stored(db: ox.Store, kind: str, pairs: set, skip: set[str]) -> dict[tuple, set]:
    """(attack, party) -> {(claim, article id)} of the claims of *kind* about those pairs in
    the articles the store holds, but those in *skip*."""
    found: dict[tuple, set] = defaultdict(set)
    if not pairs:
        return found
    rows = " ".join(f"({a} {p})" for a, p in sorted(pairs, key=str))
    for s in db.query(_STORED[kind] % f"VALUES (?attack ?party) {{ {rows} }}"):
        aid = layout.article_id_of(s["g"].value)
        if aid is None or aid in skip:
            continue
        if kind == "denial" and ox.Quad(s["claim"], DENIAL_KIND, NON_DENIAL, s["g"]) in db:
            continue
        found[(s["attack"], s["party"])].add((s["claim"], aid))
    return found


def derive_links(db: ox.Store, written: Mapping[str, set], skip: set[str]) -> set[tuple]:
    """The links ``denial ekg:denies allegation`` the claims of the *written* articles (id ->
    triples of its graph after the write) take part in, against the store after the write:
    the stored articles but those in *skip* (written or removed), and the written ones."""
    batch: dict[str, dict[tuple, set]] = {"allegation": defaultdict(set),
                                          "denial": defaultdict(set)}
    mine = []                                   # (kind, claim, pair, article id)
    for aid, triples in written.items():
        for kind, claim, pairs in claims_in(triples):
            for pair in pairs:
                batch[kind][pair].add((claim, aid))
                mine.append((kind, claim, pair, aid))
    wanted = {kind: {pair for k, _, pair, _ in mine if k == _OTHER[kind]} for kind in batch}
    stored = {kind: _stored(db, kind, wanted[kind], skip) for kind in batch}
    links = set()
    for kind, claim, pair, aid in mine:
        other = _OTHER[kind]
        counterparts = stored[other].get(pair, set()) | batch[other].get(pair, set())
        for counterpart, other_aid in counterparts:
            if other_aid == aid:
                continue        # within an article, kg.resolve.links decides
            links.add((claim, DENIES, counterpart) if kind == "denial" else
                      (counterpart, DENIES, claim))
    return links


def plan_links(db: ox.Store, written: Mapping[str, set], old_claims: set,
               changed: set[str]) -> tuple[set, set]:
    """(links to insert, links to delete) in the links graph when the *written* articles
    (id -> triples after the write) are written and the other *changed* ones removed;
    *old_claims*: the allegations and denials the changed articles held before."""
    before = links_of(db, old_claims)
    after = derive_links(db, written, changed)
    inserts = {t for t in after - before if ox.Quad(*t, layout.LINKS_GRAPH) not in db}
    return inserts, before - after
