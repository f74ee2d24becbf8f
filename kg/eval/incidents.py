"""B-cubed precision and recall of incident resolution against a gold of incident clusters.

The cluster gold (``tests/data/incident-clusters.json``) names attack annotations of the
gold files (``docs/gold-format.md``) as ``SET/FILE.json#ATTACK_ID`` and lists the clusters
of more than one report; every other attack annotation of the sets is an incident of its
own.  It holds ids only, no text of the articles::

    {"clusters": [["seed/001_bb96727ca16a85d3.json#a1", "seed/002_4cad11edb0f40b81.json#a1"]]}

`evaluate_incidents` runs the resolution twice, through a real store each time:

* on the gold attack annotations themselves (their place, date, targets, perpetrators,
  figures and the sources of the claims about them), which measures the clustering apart
  from extraction;
* on what the extractor finds in the articles, each gold attack standing for the extracted
  report whose words overlap its quote most (an attack the extractor misses is a
  singleton).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

from kg.eval.gold import GoldArticle, load_gold, quote_spans
from kg.model import (AgentRef, Article, Attack, Claim, DateRef, Extraction, Figure, PlaceRef,
                      TargetRef)
from kg.resolve.incidents import bcubed


@dataclass
class IncidentScore:
    precision: float
    recall: float
    items: int
    clusters: list = field(default_factory=list)   # predicted clusters of gold items

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "items": self.items}


@dataclass
class SetData:
    name: str
    golds: dict            # file name (.json) -> GoldArticle
    articles: dict         # article file name -> Article


def load_clusters(path: Path) -> list[list[str]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [list(c["reports"] if isinstance(c, dict) else c) for c in data["clusters"]]


def load_set(name: str, folder: Path) -> SetData:
    from kg.ingest import iter_articles

    articles = {Path(r.path).name: r.article for r in iter_articles([folder / "articles"])
                if r.kind == "ingested"}
    golds = {p.name: load_gold(p) for p in sorted((folder / "gold").glob("*.json"))}
    return SetData(name, golds, articles)


def gold_items(sets: list[SetData]) -> list[str]:
    return [f"{s.name}/{f}#{a.id}" for s in sets for f, g in sorted(s.golds.items())
            for a in g.attacks]


def gold_clusters(sets: list[SetData], listed: list[list[str]]) -> list[list[str]]:
    items = gold_items(sets)
    known = set(items)
    clusters = [[x for x in c if x in known] for c in listed]
    clusters = [c for c in clusters if c]
    seen = {x for c in clusters for x in c}
    return clusters + [[x] for x in items if x not in seen]


# --- gold annotations as an extraction --------------------------------------------------------
def _place(location: Optional[str]) -> Optional[PlaceRef]:
    if not location:
        return None
    if "," in location and " and " not in location:
        name, _, rest = location.partition(",")
        return PlaceRef(name=name.strip(), within=_place(rest.strip()))
    return PlaceRef(name=location)


def _date(value: Optional[str]) -> Optional[DateRef]:
    if not value:
        return None
    d = date.fromisoformat(value)
    return DateRef(earliest=d, latest=d, precision="day")


def gold_extraction(gold: GoldArticle, article: Article) -> tuple[Extraction, dict]:
    """The gold annotations of one article as a resolved `Extraction`, and the gold attack id
    of each attack report key."""
    from kg.resolve.agents import resolve_agents
    from kg.resolve.attacks import figure_sources, resolve_attacks

    text = article.text
    attacks, ids = [], {}
    for a in gold.attacks:
        span = (quote_spans(a.quote, text) or [None])[0]
        if span is None:
            continue
        ids[a.id] = len(attacks)
        attacks.append(Attack(
            span=span, targets=[TargetRef(c) for c in a.targets], place=_place(a.location),
            date=_date(a.date), perpetrators=[AgentRef(name=p) for p in a.perpetrator],
            killed=Figure(a.killed) if a.killed is not None else None,
            injured=Figure(a.injured) if a.injured is not None else None))
    claims = []
    for c in gold.claims:
        span = (quote_spans(c.quote, text) or [None])[0]
        if span is None or c.source == "<article>":
            continue
        claims.append(Claim(kind=c.kind, span=span,
                            source=AgentRef(name=c.source, kind=c.source_kind),
                            accused=[AgentRef(name=p) for p in c.accused],
                            attacks=[ids[i] for i in c.attacks if i in ids]))
    x = Extraction(article=article, claims=claims, attacks=attacks, extractor="gold")
    agents = [c.source for c in claims] + [p for c in claims for p in c.accused] + \
        [p for a in attacks for p in a.perpetrators]
    resolve_agents(agents, {}, scope=article.id)
    resolve_attacks(x)
    figure_sources(x)
    return x, {attacks[i].key: gid for gid, i in ids.items()}


# --- running the resolution --------------------------------------------------------------
def _clusters_in_store(extractions: Iterable[Extraction]) -> list[list[str]]:
    """Write *extractions* to a new store, derive the incidents, return them as lists of
    attack report IRIs."""
    from kg.rdf import article_graph, entity_graph
    from kg.store import Store

    with tempfile.TemporaryDirectory(prefix="kg-eval-incidents-") as tmp:
        with Store.open(Path(tmp) / "store", "w") as store:
            xs = list(extractions)
            store.write_articles([(article_graph(x), entity_graph(x)) for x in xs])
            rows = store.db.query(
                "SELECT ?i ?r WHERE { ?i <https://w3id.org/evidence-kg/ns#report> ?r }")
            out: dict = {}
            for s in rows:
                out.setdefault(s["i"].value, []).append(s["r"].value)
    return sorted(sorted(c) for c in out.values())


def _score(predicted: list[list[str]], gold: list[list[str]]) -> IncidentScore:
    p, r = bcubed(predicted, gold)
    return IncidentScore(p, r, sum(len(c) for c in gold), predicted)


def on_gold(sets: list[SetData], gold: list[list[str]]) -> IncidentScore:
    from kg import iris

    xs, names = [], {}
    for s in sets:
        for fname, g in sorted(s.golds.items()):
            article = s.articles.get(g.article)
            if article is None:
                continue
            x, keys = gold_extraction(g, article)
            xs.append(x)
            for key, gid in keys.items():
                names[str(iris.attack_iri(key))] = f"{s.name}/{fname}#{gid}"
    predicted = [[names[r] for r in c if r in names] for c in _clusters_in_store(xs)]
    return _score([c for c in predicted if c], gold)


def on_extraction(sets: list[SetData], gold: list[list[str]],
                  analyse: Callable[[list[Article]], Iterable]) -> IncidentScore:
    """*analyse* yields an extraction per article, or an error for one it could not read."""
    from kg import iris

    arts = [s.articles[g.article] for s in sets for _, g in sorted(s.golds.items())
            if g.article in s.articles]
    xs = [x for x in analyse(arts) if isinstance(x, Extraction)]
    by_id = {x.article.id: x for x in xs}
    names = {}
    for s in sets:
        for fname, g in sorted(s.golds.items()):
            art = s.articles.get(g.article)
            x = by_id.get(art.id) if art else None
            if x is None:
                continue
            names.update(_align(g, x, f"{s.name}/{fname}", iris))
    predicted = [[names[r] for r in c if r in names] for c in _clusters_in_store(xs)]
    return _score([c for c in predicted if c], gold)


def _align(g: GoldArticle, x: Extraction, prefix: str, iris) -> dict:
    """Each gold attack to the extracted report whose words overlap its quote most."""
    out, used = {}, set()
    for a in g.attacks:
        span = (quote_spans(a.quote, x.article.text) or [None])[0]
        if span is None:
            continue
        best, overlap = None, 0
        for rep in x.attacks:
            for sp in [rep.span, *rep.extra_spans]:
                o = min(sp.end, span.end) - max(sp.start, span.start)
                if o > overlap and rep.key not in used:
                    best, overlap = rep, o
        if best is not None:
            used.add(best.key)
            out[str(iris.attack_iri(best.key))] = f"{prefix}#{a.id}"
    return out


__all__ = ["IncidentScore", "gold_clusters", "gold_extraction", "load_clusters", "load_set",
           "on_extraction", "on_gold"]
