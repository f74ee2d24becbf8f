"""Read the dossier's page model from the graph, through the stored queries of
``kg/report/queries`` (parameters bound, never pasted into the text).

The adapter to the store's state of knowledge is here and only here:

* `incident_reports.rq` pairs each incident with its attack reports where the store holds
  incidents (``ekg:Incident``), and otherwise makes each attack node an incident of its own;
* `incident_assessments.rq` and `incident_voices.rq` read grades (with their rule,
  explanation and grounds) and independent / party voices where the store holds them;
  without them `fill_incident` counts the voices alleging (a spokesman, his ministry and its
  state are one voice: ``ekg:speaksFor`` followed to the top) and the denials;
* `figures.rq` reads who gives a figure (``ekg:givenBy``) where the store says; otherwise
  the claim of the same article whose words hold the figure's words is shown as its giver.

>>> from kg.report.read import top_voices
>>> from kg.report.model import Agent
>>> agents = {"s": Agent("s", speaks_for=["m"]), "m": Agent("m", speaks_for=["state"]),
...           "state": Agent("state")}
>>> top_voices("s", agents)
['state']
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Mapping, Optional

from kg.report.model import (
    EKG, Agent, Article, Assessment, Claim, Dossier, Figure, Incident, Place, Quote, Report,
    Target,
)

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
#: Finest first: the precision an incident is shown with is the finest any report gives.
PRECISION_ORDER = [EKG + "Day", EKG + "Month", EKG + "DateRange", EKG + "Year"]


class MemoryGraph:
    """An in-memory pyoxigraph store read like `kg.store.Store` (for RDF files and tests):
    queries run on its default graph, parameters bound by `kg.sparql.prepare`."""

    def __init__(self, db=None):
        import pyoxigraph as ox

        self.db = db if db is not None else ox.Store()

    def query(self, sparql: str, bindings=None, *, allow=(), limit=None, offset=None):
        from kg import sparql as sp

        return self.db.query(sp.prepare(sparql, bindings or {}, allow=allow, limit=limit,
                                        offset=offset))


class Reader:
    """Runs the report's stored queries on a store (`kg.store.Store` or `MemoryGraph`)."""

    def __init__(self, store):
        from kg.query import load_queries

        self.store = store
        self.queries = load_queries(QUERIES_DIR)

    def rows(self, name: str, params: Mapping[str, str] = {}) -> list[dict]:
        """The rows of query *name*, each a dict of variable -> Python value (IRIs and
        literals as strings; unbound variables missing)."""
        from kg.query import run_query

        res = run_query(self.queries[name], params, store=self.store)
        return [{v: t["value"] for v, t in zip(res.variables, row) if t is not None}
                for row in res.rows]


# --- reading ---------------------------------------------------------------------------------
def read_dossier(store, *, with_texts: bool = True, locate: bool = True) -> Dossier:
    """The whole page model of *store*."""
    r = Reader(store)
    d = Dossier()
    d.terms = {row["term"]: (row["label"], row.get("definition", ""))
               for row in r.rows("terms")}
    d.quotes = {row["quote"]: Quote(row["quote"], row["article"], int(row["start"]),
                                    int(row["end"]), row["exact"]) for row in r.rows("quotes")}
    d.articles = {row["article"]: Article(
        row["article"], row.get("title", ""), row.get("publisher", ""), row.get("issued", ""),
        row.get("url", ""), row.get("sha256", ""), row.get("file_name", ""))
        for row in r.rows("articles")}
    if with_texts:
        for iri, art in d.articles.items():
            texts = r.rows("article_text", {"article": f"<{iri}>"})
            art.text = texts[0]["text"] if texts else ""
    d.agents = _agents(r.rows("agents"))
    d.places = _places(r.rows("places"))
    d.targets = _targets(r.rows("objects"))
    d.reports = _reports(r.rows("report_facts"), d.quotes)
    d.figures = _figures(r.rows("figures"), d.quotes)
    d.claims = _claims(r.rows("claims"), d.quotes)
    _figure_givers(d)
    d.incidents = _incidents(r.rows("incident_reports"))
    d.has_incidents = any(i.iri not in d.reports for i in d.incidents)
    _confidence(d, r.rows("incident_assessments"), r.rows("incident_voices"))
    about = claims_by_report(d)
    for inc in d.incidents:
        fill_incident(d, inc, about)
    d.incidents.sort(key=lambda i: (i.earliest or "9999", i.latest or "9999", i.iri))
    if locate:
        from kg.report.places import locate_places

        locate_places(d.places)
    return d


def _grouped(rows: Iterable[dict], key: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        out[row[key]].append((row["property"], row["value"]))
    return out


def _agents(rows: list[dict]) -> dict[str, Agent]:
    agents: dict[str, Agent] = {}
    for iri, facts in _grouped(rows, "agent").items():
        a = Agent(iri)
        for p, v in facts:
            if p == RDFS_LABEL and not a.label:
                a.label = v
            elif p == SKOS_ALT:
                a.alt_labels.append(v)
            elif p == EKG + "sourceKind":
                a.kinds.append(v)
            elif p == EKG + "speaksFor":
                a.speaks_for.append(v)
            elif p == RDF_TYPE:
                a.types.append(v)
        agents[iri] = a
    return agents


def _places(rows: list[dict]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for row in rows:
        p = places.setdefault(row["place"], Place(row["place"], row.get("label", "")))
        if row.get("within") and row["within"] not in p.within:
            p.within.append(row["within"])
        if "latitude" in row and "longitude" in row and p.latitude is None:
            try:
                p.latitude, p.longitude = float(row["latitude"]), float(row["longitude"])
                p.located_by = "graph"
            except ValueError:
                pass
    return places


def _targets(rows: list[dict]) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for row in rows:
        t = targets.setdefault(row["object"], Target(row["object"], row.get("label", "")))
        if row.get("class") and row["class"] not in t.classes:
            t.classes.append(row["class"])
    return targets


_REPORT_LISTS = {
    "reportedIn": "articles", "location": "places", "target": "targets",
    "perpetrator": "perpetrators", "possiblePerpetrator": "possible_perpetrators",
    "date": "dates", "datePrecision": "precisions", "dateText": "date_texts",
    "earliestDate": "earliest", "latestDate": "latest", "weapon": "weapons",
    "casualtyFigure": "figures",
}


def _reports(rows: list[dict], quotes: dict[str, Quote]) -> dict[str, Report]:
    reports: dict[str, Report] = {}
    for iri, facts in _grouped(rows, "report").items():
        rep = Report(iri)
        for p, v in facts:
            name = p[len(EKG):] if p.startswith(EKG) else ""
            if name in _REPORT_LISTS:
                getattr(rep, _REPORT_LISTS[name]).append(v)
            elif name in ("killed", "injured"):
                getattr(rep, name).append(int(v))
            elif name == "evidence" and v in quotes:
                rep.quotes.append(quotes[v])
        rep.quotes.sort(key=lambda q: (q.article, q.start, q.end))
        reports[iri] = rep
    return reports


def _figures(rows: list[dict], quotes: dict[str, Quote]) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for row in rows:
        f = figures.get(row["figure"])
        if f is None:
            f = figures[row["figure"]] = Figure(
                row["figure"], row["type"], int(row["count"]), row.get("qualifier", ""),
                int(row["upper"]) if "upper" in row else None, row["article"],
                quotes.get(row["quote"]))
        if row.get("given_by") and row["given_by"] not in f.given_by:
            f.given_by.append(row["given_by"])
    return figures


_CLAIM_LISTS = {"concerns": "concerns", "accused": "parties", "defends": "parties",
                "denies": "denies"}
_CLAIM_VALUES = {"reportedIn": "article", "source": "source", "attribution": "attribution",
                 "denialKind": "denial_kind", "reportingVerb": "verb", "reportOf": "statement"}


def _claims(rows: list[dict], quotes: dict[str, Quote]) -> dict[str, Claim]:
    claims: dict[str, Claim] = {}
    for iri, facts in _grouped(rows, "claim").items():
        kind = "denial" if (RDF_TYPE, EKG + "Denial") in facts else "allegation"
        c = Claim(iri, kind)
        for p, v in facts:
            name = p[len(EKG):] if p.startswith(EKG) else ""
            if name in _CLAIM_LISTS:
                getattr(c, _CLAIM_LISTS[name]).append(v)
            elif name in _CLAIM_VALUES:
                setattr(c, _CLAIM_VALUES[name], v)
            elif name == "evidence" and v in quotes:
                c.quotes.append(quotes[v])
            elif name == "sourceMention":
                c.source_mention = quotes.get(v)
            elif name == "hedged":
                c.hedged = v == "true"
        c.quotes.sort(key=lambda q: (q.start, q.end))
        claims[iri] = c
    for c in claims.values():
        for a in c.denies:
            if a in claims:
                claims[a].denied_by.append(c.iri)
    return claims


def _figure_givers(d: Dossier) -> None:
    """A figure the graph gives no giver: the claim of its article whose words hold its words
    (an allegation first), so that a page can say who gives which toll."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in d.claims.values():
        by_article[c.article].append(c)
    for f in d.figures.values():
        if f.given_by or f.quote is None:
            continue
        holders = [c for c in by_article[f.article]
                   if any(q.start <= f.quote.start and f.quote.end <= q.end for q in c.quotes)]
        holders.sort(key=lambda c: (c.kind != "allegation", c.iri))
        if holders:
            f.given_by_claim = holders[0].iri


def _incidents(rows: list[dict]) -> list[Incident]:
    incidents: dict[str, Incident] = {}
    for row in rows:
        inc = incidents.setdefault(row["incident"], Incident(row["incident"]))
        if row.get("label") and not inc.graph_label:
            inc.graph_label = row["label"]
        if row["report"] not in inc.reports:
            inc.reports.append(row["report"])
    return list(incidents.values())


def _confidence(d: Dossier, assessments: list[dict], voices: list[dict]) -> None:
    by_iri = {i.iri: i for i in d.incidents}
    for row in assessments:
        inc = by_iri.get(row["incident"])
        if inc is None:
            continue
        a = next((a for a in inc.assessments if a.iri == row["assessment"]), None)
        if a is None:
            a = Assessment(row["assessment"], row["grade"], row.get("rule", ""),
                           row.get("explanation", ""))
            inc.assessments.append(a)
        if row.get("based_on") and row["based_on"] not in a.based_on:
            a.based_on.append(row["based_on"])
    d.has_grades = any(i.assessments for i in d.incidents)
    for iri, facts in _grouped(voices, "incident").items():
        inc = by_iri.get(iri)
        if inc is None:
            continue
        inc.voices_from_graph = True
        for p, v in facts:
            if p == EKG + "independentVoice":
                inc.independent_voices.append(v)
            elif p == EKG + "partyVoice":
                inc.party_voices.append(v)
            elif p == EKG + "voiceCount":
                inc.voice_count = int(v)
            elif p == EKG + "denialCount":
                inc.denial_count = int(v)


# --- gathering per incident ------------------------------------------------------------------
def top_voices(agent: str, agents: Mapping[str, Agent]) -> list[str]:
    """The agents at the top of *agent*'s ``speaksFor`` chains (itself when it speaks for no
    one): a spokesman, his ministry and its state are one voice."""
    tops: set[str] = set()
    seen = {agent}
    todo = [agent]
    while todo:
        a = todo.pop()
        up = [u for u in (agents[a].speaks_for if a in agents else []) if u not in seen]
        if not up and not (a in agents and agents[a].speaks_for):
            tops.add(a)
        for u in up:
            seen.add(u)
            todo.append(u)
    return sorted(tops or {agent})


def claims_by_report(d: Dossier) -> dict[str, list[Claim]]:
    """Report IRI -> the claims that concern it, and the denials that answer those."""
    about: dict[str, dict[str, Claim]] = defaultdict(dict)
    for c in d.claims.values():
        for r in c.concerns:
            about[r][c.iri] = c
            for x in c.denied_by:
                about[r][x] = d.claims[x]
    return {r: sorted(cs.values(), key=lambda c: c.iri) for r, cs in about.items()}


def fill_incident(d: Dossier, inc: Incident,
                  about: Optional[dict[str, list[Claim]]] = None) -> None:
    """Gather what the incident's reports and the claims about them (*about*, from
    `claims_by_report`) say."""
    reports = [d.reports[r] for r in inc.reports if r in d.reports]
    rset = set(inc.reports)

    def union(attr: str) -> list[str]:
        return sorted({v for rep in reports for v in getattr(rep, attr)})

    inc.places, inc.targets, inc.weapons = union("places"), union("targets"), union("weapons")
    inc.perpetrators = sorted(set(union("perpetrators")) | set(union("possible_perpetrators")))
    inc.date_texts = union("date_texts")
    inc.figures = union("figures")
    firsts = union("earliest") + union("dates")
    lasts = union("latest") + union("dates")
    inc.earliest = min(firsts, default="")
    inc.latest = max(lasts, default="")
    precisions = union("precisions")
    inc.precision = next((p for p in PRECISION_ORDER if p in precisions),
                         precisions[0] if precisions else "")
    inc.quotes = sorted({q.iri: q for rep in reports for q in rep.quotes}.values(),
                        key=lambda q: (q.article, q.start, q.end))
    about = claims_by_report(d) if about is None else about
    claims = sorted({c.iri: c for r in inc.reports for c in about.get(r, [])}.values(),
                    key=lambda c: c.iri)
    inc.allegations = [c.iri for c in claims if c.kind == "allegation" and rset & set(c.concerns)]
    alleged = set(inc.allegations)
    inc.denials = [c.iri for c in claims if c.kind == "denial"
                   and (rset & set(c.concerns) or alleged & set(c.denies))]
    inc.accused = sorted({p for a in inc.allegations for p in d.claims[a].parties})
    inc.alleging_voices = sorted({v for a in inc.allegations
                                  for v in top_voices(d.claims[a].source, d.agents)})
    arts = set(union("articles")) | {d.claims[c].article for c in inc.allegations + inc.denials}
    inc.articles = sorted(arts, key=lambda a: (_issued(d, a), a))


def _issued(d: Dossier, article: str) -> str:
    art = d.articles.get(article)
    return art.issued if art and art.issued else "9999"


def claims_of_agent(d: Dossier, agent: str) -> list[Claim]:
    """The claims *agent* made itself, oldest article first."""
    return sorted((c for c in d.claims.values() if c.source == agent),
                  key=lambda c: (_issued(d, c.article), c.article, c.quotes[0].start
                                 if c.quotes else 0, c.iri))


def speakers_for(d: Dossier, agent: str) -> list[str]:
    """The agents that speak for *agent* directly."""
    return sorted(a.iri for a in d.agents.values() if agent in a.speaks_for)
