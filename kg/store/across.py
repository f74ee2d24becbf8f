"""Resolution across articles, against what the store already holds.

Incidents need no lookup: an attack's key comes from its place and day (`kg.resolve.attacks`),
so two articles reporting the same place and day name the same attack.  What an article alone
cannot decide is which allegations of *other* articles its denials answer: a denial that
concerns an attack and defends a party rejects the allegations of other articles that concern
the same attack and accuse that party (and the other way round when the allegation arrives
later).

The links are written with the entity facts of the article being ingested, so the entities
graph holds the same links whichever article came first.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg import iris
from kg.model import Extraction
from kg.namespaces import EKG, NS_IRI

_PREFIX = f"PREFIX ekg: <{NS_IRI}>\n"

# ?attack ?party are bound by a VALUES block: every (attack, party) of the batch, one query
_ALLEGATIONS_ANSWERED = _PREFIX + """
SELECT ?attack ?party ?claim ?article WHERE {
  %s
  ?claim a ekg:Allegation ; ekg:concerns ?attack ; ekg:accused ?party ; ekg:reportedIn ?article .
}"""

_DENIALS_ANSWERING = _PREFIX + """
SELECT ?attack ?party ?claim ?article WHERE {
  %s
  ?claim a ekg:Denial ; ekg:concerns ?attack ; ekg:defends ?party ; ekg:reportedIn ?article .
  FILTER NOT EXISTS { ?claim ekg:denialKind ekg:NonDenial }
}"""


def _answering(store, kind: str, pairs: set[tuple[URIRef, URIRef]]) -> dict[tuple, set]:
    """(attack, party) -> {(claim, article)} of the stored claims that answer claims of
    *kind* ("allegation": the denials; "denial": the allegations) about those pairs."""
    found: dict[tuple, set] = {}
    if not pairs:
        return found
    rows = " ".join(f"({ox.NamedNode(str(a))} {ox.NamedNode(str(p))})" for a, p in sorted(pairs))
    query = _DENIALS_ANSWERING if kind == "allegation" else _ALLEGATIONS_ANSWERED
    for s in store.query(query % f"VALUES (?attack ?party) {{ {rows} }}"):
        key = (URIRef(s["attack"].value), URIRef(s["party"].value))
        found.setdefault(key, set()).add((s["claim"].value, s["article"].value))
    return found


def _claims(g: Graph, cls: URIRef, party_prop: URIRef) -> Iterable[tuple]:
    for claim in g.subjects(RDF.type, cls):
        if (claim, EKG.denialKind, EKG.NonDenial) in g:
            continue
        for attack in g.objects(claim, EKG.concerns):
            for party in g.objects(claim, party_prop):
                yield claim, attack, party


def link_across(store, extractions: list[Extraction], items: list[tuple[Graph, Graph]]) -> None:
    """Add ``denial ekg:denies allegation`` for denials and allegations of different articles
    about the same attack and party, to the entity facts of the newer article."""
    # (kind, article, claim, attack, party) of every claim of the batch
    batch: list[tuple[str, str, URIRef, URIRef, URIRef]] = []
    for x, (article_g, _) in zip(extractions, items):
        art = str(iris.article_iri(x.article.id))
        for claim, attack, party in _claims(article_g, EKG.Allegation, EKG.accused):
            batch.append(("allegation", art, claim, attack, party))
        for claim, attack, party in _claims(article_g, EKG.Denial, EKG.defends):
            batch.append(("denial", art, claim, attack, party))
    facts_of = {str(iris.article_iri(x.article.id)): ent for x, (_, ent) in zip(extractions, items)}
    stored = {kind: _answering(store, kind, {(at, p) for k, _, _, at, p in batch if k == kind})
              for kind in ("allegation", "denial")}
    for kind, art, claim, attack, party in batch:
        found = set(stored[kind].get((attack, party), ()))
        found |= {(str(c), a) for k, a, c, at, p in batch
                  if k != kind and at == attack and p == party}
        for other, other_art in sorted(found):
            if other_art == art:
                continue
            denial, allegation = (URIRef(other), claim) if kind == "allegation" else \
                (claim, URIRef(other))
            facts_of[art].add((denial, EKG.denies, allegation))
