"""What each page shows, as plain values for its template: one function per kind of page.

Links are site paths (``agent/russia.html#...``); `kg.report.site` makes them relative to
the page that holds them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from kg.report import svg, view
from kg.report.model import (
    EKG, Claim, Dossier, Incident, Quote, anchor_of, linker, local_name, page_path,
)
from kg.report.read import claims_of_agent, speakers_for

KIND_WORDS = {"allegation": "Allegation", "denial": "Denial"}


def place_href(iri: str) -> str:
    return f"map.html#place-{anchor_of(iri)}"


def marker_id(owner: str, q: Quote) -> str:
    """The id of a span's marker on its article's page."""
    return f"{anchor_of(owner)}--{q.start}-{q.end}"


def quote_href(owner: str, q: Quote) -> str:
    return f"{page_path(q.article)}#{marker_id(owner, q)}"


class Index:
    """Lookups every page needs, computed once per dossier."""

    def __init__(self, d: Dossier):
        self.d = d
        self.incidents_of_claim: dict[str, list[str]] = defaultdict(list)
        #: incident IRI -> claim IRI -> "A3" / "D1": how the incident's page numbers it
        self.numbers: dict[str, dict[str, str]] = {}
        for inc in d.incidents:
            numbers = self.numbers[inc.iri] = {}
            for prefix, claims in (("A", inc.allegations), ("D", inc.denials)):
                for i, c in enumerate(claims, 1):
                    self.incidents_of_claim[c].append(inc.iri)
                    numbers[c] = f"{prefix}{i}"
        self.titles = {inc.iri: view.incident_title(d, inc) for inc in d.incidents}
        self.short = {inc.iri: view.incident_title(d, inc, with_date=False)
                      for inc in d.incidents}

    def agent(self, iri: str) -> dict:
        a = self.d.agents.get(iri)
        kinds = [self.d.label(k) for k in (a.kinds if a else [])]
        return {"name": self.d.label(iri), "href": page_path(iri), "kinds": kinds}

    def number(self, claim: str, on: Optional[Incident]) -> str:
        return self.numbers[on.iri].get(claim, "") if on is not None else ""

    def ref(self, claim: str, on: Optional[Incident] = None) -> dict:
        """A link to a claim: its box on the incident page *on* when it is there ("A2"),
        else its box on the first incident page that shows it ("A2 of Market in Ariha"),
        else its words on its article's page."""
        if on is not None and claim in self.numbers[on.iri]:
            return {"label": self.numbers[on.iri][claim], "href": f"#{anchor_of(claim)}"}
        homes = self.incidents_of_claim.get(claim, [])
        if homes:
            home = homes[0]
            return {"label": f"{self.numbers[home][claim]} of {self.short[home]}",
                    "href": f"{page_path(home)}#{anchor_of(claim)}"}
        c = self.d.claims[claim]
        name = self.d.articles[c.article].name if c.article in self.d.articles else "article"
        return {"label": f"{c.kind} in {name}",
                "href": quote_href(claim, c.quotes[0]) if c.quotes else page_path(c.article)}

    def article(self, iri: str) -> dict:
        art = self.d.articles.get(iri)
        if art is None:
            return {"name": local_name(iri), "href": page_path(iri), "publisher": "",
                    "issued": "", "sha256": "", "url": ""}
        return {"name": art.name, "href": page_path(iri), "publisher": art.publisher,
                "issued": view.fmt_date(art.issued) if art.issued else "",
                "sha256": art.sha256, "url": art.url, "file_name": art.file_name}


# --- the incident list -------------------------------------------------------------------------
def incident_row(ix: Index, inc: Incident) -> dict:
    d = ix.d
    perps = sorted(set(inc.perpetrators) | set(inc.accused), key=d.label)
    return {
        "href": page_path(inc.iri), "title": ix.titles[inc.iri], "short": ix.short[inc.iri],
        "date": view.incident_date(inc), "precision": view.precision_word(inc),
        "sort_date": inc.earliest or "9999",
        "places": [{"name": d.label(p), "href": place_href(p)} for p in inc.places],
        "targets": view.target_words(d, inc),
        "perpetrators": [ix.agent(p) for p in perps],
        "killed": view.figure_range(d, inc, "killed"),
        "injured": view.figure_range(d, inc, "injured"),
        "voices": inc.voices, "denials": inc.denial_total,
        "grades": [d.label(g) for g in inc.grades],
        "articles": len(inc.articles),
    }


def index_page(ix: Index) -> dict:
    d = ix.d
    return {"title": "Incidents", "rows": [incident_row(ix, i) for i in d.incidents],
            "counts": {"incidents": len(d.incidents), "articles": len(d.articles),
                       "sources": sum(1 for a in d.agents.values()
                                      if any(c.source == a.iri for c in d.claims.values())),
                       "allegations": sum(c.kind == "allegation" for c in d.claims.values()),
                       "denials": sum(c.kind == "denial" for c in d.claims.values())},
            "has_grades": d.has_grades, "has_incidents": d.has_incidents,
            "independent": any(i.voices_from_graph for i in d.incidents)}


def timeline_page(ix: Index) -> dict:
    d = ix.d
    dated = [i for i in d.incidents if i.earliest]
    spans = [svg.Span(ix.short[i.iri], page_path(i.iri), i.earliest, i.latest or i.earliest,
                      "contested" if i.denial_total else "") for i in dated]
    return {"title": "Timeline", "svg": svg.timeline(spans),
            "dated": [incident_row(ix, i) for i in dated],
            "undated": [incident_row(ix, i) for i in d.incidents if not i.earliest]}


def map_page(ix: Index) -> dict:
    d = ix.d
    at: dict[str, list[Incident]] = defaultdict(list)
    for inc in d.incidents:
        for p in inc.places:
            at[p].append(inc)
    spots, places = [], []
    for iri in sorted(d.places, key=lambda p: (d.places[p].name, p)):
        p = d.places[iri]
        incs = at.get(iri, [])
        if p.located and incs:
            spots.append(svg.Spot(p.name, f"#place-{anchor_of(iri)}", p.latitude, p.longitude,
                                  len(incs), p.located_by == "within"))
        places.append({
            "anchor": f"place-{anchor_of(iri)}", "name": p.name,
            "within": [{"name": d.label(w), "href": f"#place-{anchor_of(w)}"}
                       for w in p.within if w in d.places],
            "coordinates": f"{p.latitude:.4f}, {p.longitude:.4f}" if p.located else "",
            "located_by": p.located_by,
            "located_at": d.label(p.located_at) if p.located_at else "",
            "incidents": [{"title": ix.titles[i.iri], "href": page_path(i.iri)} for i in incs]})
    return {"title": "Map", "svg": svg.map_svg(spots), "places": places}


# --- one incident ------------------------------------------------------------------------------
def claim_box(ix: Index, c: Claim, inc: Optional[Incident]) -> dict:
    d = ix.d
    text = d.articles[c.article].text if c.article in d.articles else ""
    paras = []
    for i, q in enumerate(c.quotes):
        if text and q.end <= len(text):
            paras.append(view.paragraph(text, [(q.start, q.end, f"{anchor_of(c.iri)}-q{i}")],
                                        local_name(c.article)))
    links = c.denies if c.kind == "denial" else c.denied_by
    return {
        "anchor": anchor_of(c.iri), "iri": c.iri, "kind": c.kind, "number": ix.number(c.iri, inc),
        "kind_label": KIND_WORDS[c.kind] + (f": {d.label(c.denial_kind)}"
                                            if c.denial_kind else ""),
        "kind_definition": d.definition(c.denial_kind) if c.denial_kind else "",
        "source": ix.agent(c.source), "attribution": d.label(c.attribution)
        if c.attribution else "", "hedged": c.hedged, "verb": c.verb,
        "paragraphs": paras, "exact": [q.exact for q in c.quotes],
        "article": ix.article(c.article),
        "article_href": quote_href(c.iri, c.quotes[0]) if c.quotes else page_path(c.article),
        "parties": [ix.agent(p) for p in sorted(c.parties)],
        "links": [ix.ref(x, inc) for x in sorted(links) if x in d.claims
                  and inc is not None and x in ix.numbers[inc.iri]],
        "other_links": [ix.ref(x, inc) for x in sorted(links) if x in d.claims
                        and (inc is None or x not in ix.numbers[inc.iri])],
        "incidents": [{"title": ix.titles[i], "href": page_path(i)}
                      for i in ix.incidents_of_claim.get(c.iri, [])
                      if inc is None or i != inc.iri],
        "incidents_label": "Also on" if inc is not None else "Incidents",
    }


def figure_rows(ix: Index, inc: Incident) -> list[dict]:
    d = ix.d
    rows = []
    for f in sorted((d.figures[f] for f in inc.figures if f in d.figures),
                    key=lambda f: (f.kind, f.count, f.article, f.iri)):
        if f.given_by:
            givers = [ix.agent(g) for g in f.given_by]
            via = ""
        elif f.given_by_claim:
            c = d.claims[f.given_by_claim]
            givers = [ix.agent(c.source)]
            via = ix.ref(c.iri, inc)
        else:
            art = d.articles.get(f.article)
            givers, via = [], ""
            if art and art.publisher:
                givers = [{"name": art.publisher + " (the article's own words)", "href": "",
                           "kinds": []}]
        rows.append({"kind": f.kind, "count": view.figure_words(f.qualifier, f.count, f.upper),
                     "givers": givers, "via": via, "article": ix.article(f.article),
                     "quote": f.quote.exact if f.quote else "",
                     "quote_href": quote_href(f.iri, f.quote) if f.quote else ""})
    return rows


def report_quotes(ix: Index, inc: Incident) -> list[dict]:
    """The words reporting the attack, by article, each in its paragraph."""
    d = ix.d
    out = []
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for q in inc.quotes:
        by_article[q.article].append(q)
    for art in inc.articles:
        qs = by_article.get(art, [])
        text = d.articles[art].text if art in d.articles else ""
        if not qs or not text:
            continue
        paras = [view.paragraph(text, [(q.start, q.end, f"r-{anchor_of(q.iri)}")],
                                local_name(art))
                 for q in qs if q.end <= len(text)]
        out.append({"article": ix.article(art), "paragraphs": paras})
    return out


def confidence(ix: Index, inc: Incident) -> dict:
    d = ix.d
    return {
        "graded": inc.graded,
        "assessments": [{"grade": d.label(a.grade), "definition": d.definition(a.grade),
                         "rule": a.rule, "explanation": a.explanation,
                         "based_on": [_thing(ix, b, inc) for b in a.based_on]}
                        for a in sorted(inc.assessments, key=lambda a: (d.label(a.grade), a.iri))],
        "from_graph": inc.voices_from_graph,
        "independent": [ix.agent(v) for v in inc.independent_voices],
        "party": [ix.agent(v) for v in inc.party_voices],
        "alleging": [ix.agent(v) for v in inc.alleging_voices],
        "voices": inc.voices, "denials": inc.denial_total,
    }


def _thing(ix: Index, iri: str, inc: Incident) -> dict:
    d = ix.d
    if iri in d.agents:
        return ix.agent(iri)
    if iri in d.claims:
        ref = ix.ref(iri, inc)
        return {"name": ref["label"], "href": ref["href"]}
    return {"name": d.label(iri), "href": ""}


def graph_svg(ix: Index, inc: Incident) -> str:
    d = ix.d
    url = linker(page_path(inc.iri))
    claims = [d.claims[c] for c in inc.allegations + inc.denials]
    sources = sorted({c.source for c in claims}, key=lambda s: (d.label(s), s))
    s_nodes = [svg.Node(s, d.label(s), url(page_path(s)), "source") for s in sources]
    c_nodes = [svg.Node(c.iri, f"{ix.number(c.iri, inc)} {_words(c)}", f"#{anchor_of(c.iri)}",
                        c.kind, (c.quotes[0].exact if c.quotes else "")) for c in claims]
    i_node = svg.Node(inc.iri, ix.titles[inc.iri], "#summary", "incident", ix.titles[inc.iri])
    rset = set(inc.reports)
    edges = [(c.source, c.iri, "made") for c in claims]
    edges += [(c.iri, inc.iri, "concerns") for c in claims if rset & set(c.concerns)]
    edges += [(c.iri, a, "denies") for c in claims for a in c.denies if a in inc.allegations]
    return svg.incident_graph(s_nodes, c_nodes, i_node, edges)


def _words(c: Claim) -> str:
    return c.quotes[0].exact if c.quotes else local_name(c.iri)


def incident_page(ix: Index, inc: Incident) -> dict:
    d = ix.d
    return {
        "title": ix.titles[inc.iri], "iri": inc.iri, "row": incident_row(ix, inc),
        "date_texts": inc.date_texts, "weapons": inc.weapons,
        "targets": [{"name": d.label(t), "classes": [
            {"label": d.label(c), "definition": d.definition(c)}
            for c in d.targets[t].classes] if t in d.targets else []} for t in inc.targets],
        "stated_perpetrators": [ix.agent(p) for p in inc.perpetrators],
        "accused": [ix.agent(p) for p in inc.accused],
        "articles": [ix.article(a) for a in inc.articles],
        "confidence": confidence(ix, inc),
        "allegations": [claim_box(ix, d.claims[c], inc) for c in inc.allegations],
        "denials": [claim_box(ix, d.claims[c], inc) for c in inc.denials],
        "figures": figure_rows(ix, inc), "reports": report_quotes(ix, inc),
        "graph": graph_svg(ix, inc), "report_count": len(inc.reports),
        "has_incidents": d.has_incidents,
    }


# --- sources and articles ----------------------------------------------------------------------
def agent_page(ix: Index, iri: str) -> dict:
    d = ix.d
    a = d.agents[iri]
    said = claims_of_agent(d, iri)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for c in said:
        by_article[c.article].append(claim_box(ix, c, None))
    accused = sorted((c for c in d.claims.values() if iri in c.parties), key=lambda c: c.iri)
    return {
        "title": a.name, "iri": iri, "agent": ix.agent(iri), "alt_labels": a.alt_labels,
        "types": [local_name(t) for t in a.types if t.startswith(EKG)],
        "speaks_for": [ix.agent(s) for s in a.speaks_for],
        "speakers": [ix.agent(s) for s in speakers_for(d, iri)],
        "articles": [{"article": ix.article(art), "claims": boxes}
                     for art, boxes in by_article.items()],
        "said": len(said),
        "named_in": [{"kind": c.kind, "ref": ix.ref(c.iri), "by": ix.agent(c.source),
                      "exact": c.quotes[0].exact if c.quotes else ""} for c in accused],
        "perpetrator_in": [{"title": ix.titles[i.iri], "href": page_path(i.iri)}
                           for i in d.incidents if iri in i.perpetrators],
    }


def sources_page(ix: Index) -> dict:
    d = ix.d
    made: dict[str, list[Claim]] = defaultdict(list)
    named: dict[str, int] = defaultdict(int)
    for c in d.claims.values():
        made[c.source].append(c)
        for p in c.parties:
            named[p] += 1
    rows = []
    for iri in sorted(d.agents, key=lambda a: (d.agents[a].name.casefold(), a)):
        cs = made.get(iri, [])
        rows.append({**ix.agent(iri), "allegations": sum(c.kind == "allegation" for c in cs),
                     "denials": sum(c.kind == "denial" for c in cs),
                     "articles": len({c.article for c in cs}), "named": named.get(iri, 0),
                     "speaks_for": [ix.agent(s) for s in d.agents[iri].speaks_for]})
    return {"title": "Sources and parties", "rows": rows}


def article_page(ix: Index, iri: str) -> dict:
    d = ix.d
    art = d.articles[iri]
    items = []
    for c in d.claims.values():
        if c.article != iri:
            continue
        for q in c.quotes:
            items.append(_item(ix, c.kind, c.iri, q, ix.agent(c.source),
                               ix.incidents_of_claim.get(c.iri, []), ix.ref(c.iri)["href"]))
        if c.source_mention:
            items.append(_item(ix, "source", c.iri + "#source", c.source_mention,
                               ix.agent(c.source), [], page_path(c.source)))
    inc_of_report = d.incident_of_report()
    for r in d.reports.values():
        for q in r.quotes:
            if q.article == iri:
                inc = inc_of_report.get(r.iri)
                items.append(_item(ix, "attack", r.iri, q, None, [inc] if inc else [],
                                   page_path(inc) if inc else ""))
    for f in d.figures.values():
        if f.article == iri and f.quote:
            inc = next((inc_of_report[r.iri] for r in d.reports.values()
                        if f.iri in r.figures and r.iri in inc_of_report), None)
            items.append(_item(ix, "figure", f.iri, f.quote, None, [inc] if inc else [],
                               page_path(inc) + "#figures" if inc else ""))
    items = [i for i in items if i["end"] <= len(art.text)]
    items.sort(key=lambda i: (i["start"], i["end"], i["kind"], i["id"]))
    spans = [view.Highlight(i["start"], i["end"], i["kind"], i["id"]) for i in items]
    counts = defaultdict(int)
    for i in items:
        counts[i["kind"]] += 1
    return {"title": art.name, "iri": iri, "article": ix.article(iri),
            "text": view.highlighted(art.text, spans), "extracted": items, "counts": dict(counts),
            "length": len(art.text)}


def _item(ix: Index, kind: str, owner: str, q: Quote, source: Optional[dict],
          incidents: list[str], href: str) -> dict:
    return {"kind": kind, "id": marker_id(owner, q), "start": q.start, "end": q.end,
            "exact": q.exact, "source": source, "href": href,
            "incidents": [{"title": ix.titles[i], "href": page_path(i)} for i in incidents
                          if i in ix.titles]}


def articles_page(ix: Index) -> dict:
    d = ix.d
    claims: dict[str, int] = defaultdict(int)
    for c in d.claims.values():
        claims[c.article] += 1
    incidents: dict[str, int] = defaultdict(int)
    for inc in d.incidents:
        for a in inc.articles:
            incidents[a] += 1
    rows = [{**ix.article(a), "claims": claims.get(a, 0), "incidents": incidents.get(a, 0),
             "sort_date": d.articles[a].issued or "9999"}
            for a in sorted(d.articles, key=lambda a: (d.articles[a].issued or "9999", a))]
    return {"title": "Articles", "rows": rows}
