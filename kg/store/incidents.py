"""Incidents across articles, derived in the store after every write.

Each incident is one public named graph, ``id:graph/incident/{slug}``, which holds
everything derived about it and nothing else: the incident node and its reports, the matches
that joined them (with their reasons), what the reports say together (place, dates, targets,
perpetrators, lowest and highest figures, first and last report), the statements its claims
report, and what the rules of ``rules/*.rq`` construct: denials linked across articles,
contested allegations, voices and grades with their reasons.  Re-deriving an incident is
dropping its graph and writing the new one.

After articles are written (or removed), `derive` recomputes the incidents their reports
belong to: the connected group of reports that could match them (`kg.store.reports`), and
the reports of the incidents those were in before; nothing else, so the cost follows the
size of the group, not of the store.  The result is the same as recomputing every incident
from scratch, whatever the order the articles came in (`kg.resolve.incidents`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Iterable, Optional

import pyoxigraph as ox

from kg import iris
from kg.namespaces import EKG, NS_IRI, PREFIXES, RDF, RDFS, XSD
from kg.resolve.incidents import Cluster, Report, analyst_match, cluster, match
from kg.store import layout
from kg.store.reports import ReportReader, candidates, values
from kg.store.review import links

_P = f"PREFIX ekg: <{NS_IRI}>\n"
_N = ox.NamedNode
_XSD_DATE = _N(str(XSD.date))
_XSD_NNI = _N(str(XSD.nonNegativeInteger))
_XSD_DEC = _N(str(XSD.decimal))
_TYPE = _N(str(RDF.type))


def e(term) -> ox.NamedNode:
    return _N(str(term))


# --- which reports to recompute ---------------------------------------------------------------
_REPORTS_OF = _P + "SELECT ?r WHERE { %s ?r ekg:reportedIn ?article ; a ekg:Attack }"
_INCIDENTS_OF = _P + "SELECT ?i ?m WHERE { %s ?i ekg:report ?r . ?i ekg:report ?m }"


def reports_of_articles(db: ox.Store, article_ids: Iterable[str]) -> set[str]:
    arts = [e(iris.article_iri(a)) for a in sorted(set(article_ids))]
    if not arts:
        return set()
    return {s["r"].value for s in db.query(_REPORTS_OF % values("article", arts))}


def incidents_of(db: ox.Store, reports: Iterable[str]) -> dict[str, set[str]]:
    """The stored incidents holding any of *reports*, with all their members."""
    out: dict[str, set[str]] = defaultdict(set)
    terms = sorted({_N(r) for r in reports}, key=str)
    for i in range(0, len(terms), 200):
        for s in db.query(_INCIDENTS_OF % values("r", terms[i:i + 200])):
            out[s["i"].value].add(s["m"].value)
    return out


def component(db: ox.Store, seeds: Iterable[str], reader: Optional[ReportReader] = None
              ) -> tuple[dict[str, Report], dict[str, set[str]], dict]:
    """The reports joined to *seeds* by pairs that merge, closed under the stored incidents
    of every report reached; with those incidents and the verdicts computed on the way."""
    reader = reader or ReportReader(db)
    reports: dict[str, Report] = {}
    old: dict[str, set[str]] = {}
    verdicts: dict = {}
    frontier = set(seeds)
    analyst: dict = {}
    while frontier:
        found = reader.read(frontier)
        reports.update(found)
        linked = links(db, found)
        analyst.update(linked)
        for inc, members in incidents_of(db, frontier).items():
            old.setdefault(inc, set()).update(members)
        nxt = {m for ms in old.values() for m in ms} - reports.keys() - frontier
        nxt |= {r for pair, (merge, _) in linked.items() if merge for r in pair}
        cands = candidates(reader, list(found.values()))
        others = reader.read({c for cs in cands.values() for c in cs} - reports.keys())
        for iri, cs in cands.items():
            for c in cs:
                other = reports.get(c) or others.get(c)
                if other is None:
                    continue
                pair = tuple(sorted((iri, c)))
                if pair not in verdicts:
                    verdicts[pair] = match(reports[iri], other)
                if verdicts[pair].merges and c not in reports:
                    nxt.add(c)
        frontier = nxt - reports.keys()
    for pair, (merge, decision) in analyst.items():   # over the matcher's
        if pair[0] in reports and pair[1] in reports:
            verdicts[pair] = analyst_match(merge, decision)
    return reports, old, verdicts


# --- naming ---------------------------------------------------------------------------------
def incident_slug(c: Cluster, reports: dict[str, Report]) -> str:
    """``{place}-{date}-{target}-{hash}``: readable, and unique through the hash of its first
    report (a report is in one incident only)."""
    members = [reports[m] for m in c.members if m in reports]
    labels = Counter(label for r in members for label in r.labels[:1])
    place = min(labels, key=lambda x: (-labels[x], x)) if labels else "unknown-place"
    days = sorted({r.day for r in members if r.day})
    when = days[0].isoformat() if days else ""
    cats = Counter(t for r in members for t in r.targets if t != "civilians")
    target = min(cats, key=lambda x: (-cats[x], x)) if cats else \
        "civilians" if any("civilians" in r.targets for r in members) else ""
    digest = hashlib.sha256(c.members[0].encode()).hexdigest()[:8]
    return iris.slug(" ".join(x for x in (place, when, target) if x), 70) + "-" + digest


def incident_graph_name(slug: str) -> ox.NamedNode:
    return _N(str(iris.incident_graph_iri(slug)))


__all__ = ["component", "incident_slug", "incidents_of", "reports_of_articles",
           "incident_graph_name", "cluster", "e", "PREFIXES", "RDFS", "EKG", "_TYPE",
           "_XSD_DATE", "_XSD_NNI", "_XSD_DEC", "layout"]
