"""What a user gets: an extraction written to RDF and read back, for `kg eval` to score.

`kg eval` scores the graph as stored and exported, not the extractor's objects in memory:
an item the RDF does not carry (a second mention of an attack that was never written, two
attacks of one article that resolve to one node) must not count.  `as_stored` writes the
extraction with `kg.rdf` (the article graph and the entity facts, as `kg ingest` stores
them), reads every claim and attack back from that graph, and returns them as `kg.model`
objects again, which `kg.eval.score` matches against the gold.

>>> from kg.model import Article, AgentRef, Claim, Extraction, Span
>>> art = Article("Amnesty said jets hit a school.")
>>> src = AgentRef("Amnesty", kind="ngo", key="amnesty", label="Amnesty International")
>>> x = Extraction(art, claims=[Claim("allegation", Span(13, 31), src)])
>>> (c,) = as_stored(x).claims
>>> c.kind, c.span.text(art.text), c.source.label, c.source.kind
('allegation', 'jets hit a school.', 'Amnesty International', 'ngo')
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from rdflib import Graph, URIRef

from kg.model import (AgentRef, Attack, Claim, DateRef, Extraction, Figure, PlaceRef, Span,
                      TargetRef)
from kg.namespaces import EKG, OA, RDF, RDFS, SKOS
from kg.rdf import (ATTRIBUTION, DENIAL_KIND, SOURCE_KIND, TARGET_CLASS, article_graph,
                    entity_graph)

_KIND_OF = {v: k for k, v in SOURCE_KIND.items() if k != "article"}
_DENIAL_OF = {v: k for k, v in DENIAL_KIND.items()}
_ATTRIBUTION_OF = {v: k for k, v in ATTRIBUTION.items()}
_TARGET_OF = {v: k for k, v in TARGET_CLASS.items()}


def as_stored(x: Extraction) -> Extraction:
    """The claims and attacks of *x* as its RDF carries them (keys must be resolved)."""
    g = Graph()
    for part in (article_graph(x), entity_graph(x)):
        for t in part:
            g.add(t)
    reader = _Reader(g, x)
    attacks, attack_index = reader.attacks()
    claims = reader.claims(attack_index)
    return Extraction(article=x.article, claims=claims, attacks=attacks, extractor=x.extractor)


class _Reader:
    def __init__(self, g: Graph, x: Extraction):
        self.g, self.x = g, x

    def spans(self, node: URIRef) -> list[Span]:
        out = []
        for q in self.g.objects(node, EKG.evidence):
            start, end = self.g.value(q, OA.start), self.g.value(q, OA.end)
            if start is not None and end is not None:
                out.append(Span(int(start), int(end)))
        return sorted(out)

    def agent(self, node: Optional[URIRef]) -> Optional[AgentRef]:
        if node is None:
            return None
        label = str(self.g.value(node, RDFS.label) or "")
        names = sorted(str(n) for n in self.g.objects(node, SKOS.altLabel))
        kind = self.g.value(node, EKG.sourceKind)
        return AgentRef(name=names[0] if names else label, label=label,
                        kind=_KIND_OF.get(kind), key=str(node))

    def attacks(self) -> tuple[list[Attack], dict[URIRef, int]]:
        nodes = sorted(set(self.g.subjects(RDF.type, EKG.Attack)),
                       key=lambda n: (self.spans(n)[:1], str(n)))
        out, index = [], {}
        for n in nodes:
            spans = self.spans(n)
            if not spans:
                continue
            index[n] = len(out)
            out.append(self.attack(n, spans))
        return out, index

    def attack(self, n: URIRef, spans: list[Span]) -> Attack:
        g = self.g
        place = min(g.objects(n, EKG.location), default=None)     # one, whichever the order
        day = min(g.objects(n, EKG.date), default=None)
        a = Attack(span=spans[0], extra_spans=spans[1:])
        if place is not None:
            names = sorted(str(x) for x in g.objects(place, SKOS.altLabel))
            label = str(g.value(place, RDFS.label) or "")
            a.place = PlaceRef(name=names[0] if names else label, label=label)
        if day is not None:
            d = date.fromisoformat(str(day))
            a.date = DateRef(earliest=d, latest=d, precision="day")
        for ctype in ("killed", "injured"):
            counts = sorted(int(v) for v in g.objects(n, EKG[ctype]))
            if counts:
                setattr(a, ctype, Figure(count=counts[0]))
        for obj in g.objects(n, EKG.target):
            for cls in g.objects(obj, RDF.type):
                if cls in _TARGET_OF:
                    a.targets.append(TargetRef(category=_TARGET_OF[cls]))
        a.targets.sort(key=lambda t: t.category)
        return a

    def claims(self, attack_index: dict[URIRef, int]) -> list[Claim]:
        g = self.g
        nodes = [(n, "allegation") for n in g.subjects(RDF.type, EKG.Allegation)] + \
                [(n, "denial") for n in g.subjects(RDF.type, EKG.Denial)]
        ordered = sorted(((self.spans(n), kind, str(n), n) for n, kind in nodes))
        out, index = [], {}
        for spans, kind, _, n in ordered:
            if not spans:
                continue
            index[n] = len(out)
            src = self.agent(g.value(n, EKG.source))
            if src is not None and g.value(n, EKG.attribution) in (EKG.ArticleVoice,
                                                                   EKG.Unattributed):
                src.kind = "article"            # the article's own voice speaks
            dk = g.value(n, EKG.denialKind)
            out.append(Claim(kind=kind, span=spans[0], extra_spans=spans[1:],
                             source=src or AgentRef(name="?"),
                             attribution=_ATTRIBUTION_OF.get(g.value(n, EKG.attribution),
                                                             "indirect"),
                             denial_kind=_DENIAL_OF.get(dk) if dk is not None else None,
                             attacks=sorted(attack_index[a] for a in g.objects(n, EKG.concerns)
                                            if a in attack_index)))
        for spans, kind, _, n in ordered:
            if n in index:
                out[index[n]].denies = sorted(index[d] for d in g.objects(n, EKG.denies)
                                              if d in index)
        return out
