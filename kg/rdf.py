"""From plain objects to RDF: one article's graph and the entity facts it contributes.

`article_graph` gives everything one article says (the article node, quotes, claims, its
statements about attacks and casualty figures); `entity_graph` gives the agents and places
it names (types, labels, kinds, affiliations), which the store merges across articles.
Both expect an `Extraction` whose keys `kg.resolve` has set.

The vocabulary comes from `kg.namespaces`, every IRI from `kg.iris`; see docs/design.md.
"""

from __future__ import annotations

from typing import Iterable, Optional

from rdflib import Graph, Literal, URIRef

from kg import iris
from kg.model import AgentRef, Attack, Claim, Extraction, Figure, PartialDate, PlaceRef, Span
from kg.namespaces import DCTERMS, EKG, OA, PREFIXES, RDF, RDFS, SDO, SKOS, XSD

SOURCE_KIND = {
    "ngo": EKG.NGO, "government": EKG.Government, "military": EKG.Military,
    "intergovernmental": EKG.Intergovernmental, "media": EKG.Media, "witness": EKG.Witness,
    "armed_group": EKG.ArmedGroup, "anonymous": EKG.Anonymous, "person": EKG.Individual,
    "article": EKG.Media,
}
DENIAL_KIND = {
    "categorical": EKG.CategoricalDenial, "dismissal": EKG.DismissalOfEvidence,
    "protected_status": EKG.ProtectedStatusDenial,
    "counter_attribution": EKG.CounterAttribution, "non_denial": EKG.NonDenial,
}
ATTRIBUTION = {
    "direct": EKG.DirectSpeech, "indirect": EKG.IndirectSpeech,
    "article": EKG.ArticleVoice, "unattributed": EKG.Unattributed,
}
TARGET_CLASS = {
    "hospital": EKG.Hospital, "medical_facility": EKG.MedicalFacility, "school": EKG.School,
    "place_of_worship": EKG.PlaceOfWorship, "market": EKG.Market,
    "residential": EKG.ResidentialBuilding, "aid_convoy": EKG.HumanitarianAidConvoy,
    "infrastructure": EKG.CivilianInfrastructure, "civilians": EKG.Civilians,
    "other": EKG.OtherProtectedObject,
}
DATE_PRECISION = {"day": EKG.Day, "month": EKG.Month, "year": EKG.Year, "range": EKG.DateRange}
QUALIFIER = {
    "exact": EKG.Exact, "at_least": EKG.AtLeast, "more_than": EKG.MoreThan,
    "approximately": EKG.Approximately, "at_most": EKG.AtMost, "between": EKG.Between,
}
CASUALTY_TYPE = {"killed": EKG.Killed, "injured": EKG.Injured}
#: Target categories whose classes are under ekg:MedicalFacility or ekg:MedicalTransport: an
#: attack on them is an ekg:AttackOnMedicalCare (the ontology's definition, materialised here
#: because it rests on the article alone; tests check it against the reasoner)
MEDICAL_CATEGORIES = frozenset({"hospital", "medical_facility"})
GEONAMES = "https://sws.geonames.org/{}/"


def decimal_literal(x: float, places: int = 5) -> Literal:
    """*x* to *places* decimals as an ``xsd:decimal`` in canonical form (no trailing zeros),
    the form the store keeps.

    >>> decimal_literal(35.6483).n3(), decimal_literal(36.0).n3(), decimal_literal(-0.000001)
    ('"35.6483"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"36"^^<http://www.w3.org/2001/XMLSchema#decimal>', rdflib.term.Literal('0', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')))
    """  # noqa: E501
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return Literal("0" if text in ("", "-0") else text, datatype=XSD.decimal)


def new_graph(identifier: Optional[URIRef] = None) -> Graph:
    """An in-memory rdflib graph with our prefixes bound (in a fixed order)."""
    g = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def count_literal(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.nonNegativeInteger)


def issued_literal(d: PartialDate) -> Literal:
    dt = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[d.precision]
    return Literal(str(d), datatype=dt)


class _ArticleWriter:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.art = extraction.article
        self.aid = self.art.id
        self.article = iris.article_iri(self.aid)
        self.g = new_graph(iris.article_graph_iri(self.aid))

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def quote(self, span: Span) -> URIRef:
        q = iris.quote_iri(self.aid, span.start, span.end)
        if (q, RDF.type, EKG.Quote) not in self.g:
            self.add(q, RDF.type, EKG.Quote)
            self.add(q, OA.hasSource, self.article)
            self.add(q, OA.exact, Literal(span.text(self.art.text)))
            self.add(q, OA.start, count_literal(span.start))
            self.add(q, OA.end, count_literal(span.end))
        return q

    # -- the article ---------------------------------------------------------------------
    def write_article(self) -> None:
        a, art = self.article, self.art
        self.add(a, RDF.type, EKG.Article)
        if art.title:
            self.add(a, DCTERMS.title, Literal(art.title))
        if art.publisher:
            self.add(a, SDO.publisher, Literal(art.publisher))
        if art.url:
            self.add(a, SDO.url, Literal(art.url, datatype=XSD.anyURI))
        if art.published:
            self.add(a, DCTERMS.issued, issued_literal(art.published))
        self.add(a, EKG.text, Literal(art.text))
        self.add(a, EKG.sha256, Literal(art.sha256))
        if art.path:
            self.add(a, EKG.fileName, Literal(art.path.replace("\\", "/").rsplit("/", 1)[-1]))
        if self.x.extractor:
            self.add(a, EKG.extractor, Literal(self.x.extractor))

    # -- attacks -------------------------------------------------------------------------
    def attack_node(self, attack: Attack) -> URIRef:
        if not attack.key:
            raise ValueError("attack without a key: run kg.resolve before kg.rdf")
        return iris.attack_iri(attack.key)

    def write_attack(self, attack: Attack) -> None:
        node = self.attack_node(attack)
        self.add(node, RDF.type, EKG.Attack)
        self.add(node, EKG.reportedIn, self.article)
        for span in (attack.span, *attack.extra_spans):     # every mention of it
            self.add(node, EKG.evidence, self.quote(span))
        if any(t.category in MEDICAL_CATEGORIES for t in attack.targets):
            self.add(node, RDF.type, EKG.AttackOnMedicalCare)
        for t in attack.targets:
            obj = iris.object_iri(object_key(attack, t.category, t.name))
            self.add(node, EKG.target, obj)
            self.add(obj, RDF.type, TARGET_CLASS[t.category])
            self.add(obj, RDFS.label, Literal(object_label(attack, t.category, t.name)))
        if attack.place and attack.place.key:
            self.add(node, EKG.location, iris.place_iri(attack.place.key))
        d = attack.date
        if d is not None:
            if d.day:
                self.add(node, EKG.date, Literal(d.day.isoformat(), datatype=XSD.date))
            self.add(node, EKG.datePrecision, DATE_PRECISION[d.precision])
            if d.earliest:
                self.add(node, EKG.earliestDate, Literal(d.earliest.isoformat(), datatype=XSD.date))
            if d.latest:
                self.add(node, EKG.latestDate, Literal(d.latest.isoformat(), datatype=XSD.date))
            if d.span:
                self.add(node, EKG.dateText, Literal(d.span.text(self.art.text)))
        prop = EKG.possiblePerpetrator if attack.perpetrator_ambiguous else EKG.perpetrator
        for p in attack.perpetrators:
            if p.key:
                self.add(node, prop, iris.agent_iri(p.key))
        for ctype, fig in (("killed", attack.killed), ("injured", attack.injured)):
            if fig is not None:
                self.add(node, EKG[ctype], count_literal(fig.count))
                self.write_figure(node, ctype, fig, attack.span)
        if attack.weapon:
            self.add(node, EKG.weapon, Literal(attack.weapon))

    def write_figure(self, attack_node: URIRef, ctype: str, fig: Figure, fallback: Span) -> None:
        span = fig.span or fallback
        f = iris.figure_iri(self.aid, ctype, span.start, span.end)
        self.add(attack_node, EKG.casualtyFigure, f)
        self.add(f, RDF.type, EKG.CasualtyFigure)
        self.add(f, EKG.casualtyType, CASUALTY_TYPE[ctype])
        self.add(f, EKG.count, count_literal(fig.count))
        self.add(f, EKG.countQualifier, QUALIFIER[fig.qualifier])
        if fig.upper is not None:
            self.add(f, EKG.upperCount, count_literal(fig.upper))
        if fig.children is not None:
            self.add(f, EKG.childrenCount, count_literal(fig.children))
        if fig.women is not None:
            self.add(f, EKG.womenCount, count_literal(fig.women))
        self.add(f, EKG.evidence, self.quote(span))
        self.add(f, EKG.reportedIn, self.article)
        if fig.source is not None and fig.source.key:
            self.add(f, EKG.givenBy, iris.agent_iri(fig.source.key))

    # -- claims --------------------------------------------------------------------------
    def claim_node(self, claim: Claim) -> URIRef:
        return iris.claim_iri(self.aid, claim.kind, claim.span.start, claim.span.end,
                              self._disambiguator(claim))

    def _disambiguator(self, claim: Claim) -> str:
        twins = [c for c in self.x.claims
                 if c.kind == claim.kind and c.span == claim.span and c is not claim]
        return (claim.source.key or claim.source.name) if twins else ""

    def write_claim(self, claim: Claim) -> None:
        node = self.claim_node(claim)
        self.add(node, RDF.type, EKG.Allegation if claim.kind == "allegation" else EKG.Denial)
        self.add(node, EKG.reportedIn, self.article)
        for span in (claim.span, *claim.extra_spans):       # the statement repeated
            self.add(node, EKG.evidence, self.quote(span))
        if not claim.source.key:
            raise ValueError("claim source without a key: run kg.resolve before kg.rdf")
        self.add(node, EKG.source, iris.agent_iri(claim.source.key))
        if claim.source.span is not None:
            self.add(node, EKG.sourceMention, self.quote(claim.source.span))
        self.add(node, EKG.attribution, ATTRIBUTION[claim.attribution])
        party_prop = EKG.accused if claim.kind == "allegation" else EKG.defends
        for p in claim.accused:
            if p.key:
                self.add(node, party_prop, iris.agent_iri(p.key))
        for i in claim.attacks:
            self.add(node, EKG.concerns, self.attack_node(self.x.attacks[i]))
        if claim.kind == "denial":
            for i in claim.denies:
                denied = self.claim_node(self.x.claims[i])
                self.add(node, EKG.denies, denied)
                # the ontology's ekg:ContestedAllegation, materialised like
                # ekg:AttackOnMedicalCare (see MEDICAL_CATEGORIES)
                self.add(denied, RDF.type, EKG.ContestedAllegation)
            if claim.denial_kind:
                self.add(node, EKG.denialKind, DENIAL_KIND[claim.denial_kind])
        if claim.hedged:
            self.add(node, EKG.hedged, Literal(True))
        if claim.cue:
            self.add(node, EKG.reportingVerb, Literal(claim.cue))


def object_key(attack: Attack, category: str, name: Optional[str]) -> str:
    """A named object is keyed by its name (and place); an unnamed one by its attack."""
    if name:
        place = attack.place.key if attack.place and attack.place.key else ""
        return f"{name} {place}".strip()
    return f"{attack.key} {category}"


def object_label(attack: Attack, category: str, name: Optional[str]) -> str:
    if name:
        return name
    where = f" in {attack.place.label or attack.place.name}" if attack.place else ""
    return f"{category.replace('_', ' ')}{where}"


def article_graph(extraction: Extraction) -> Graph:
    """Everything one article says, as the graph stored under its named-graph IRI."""
    w = _ArticleWriter(extraction)
    w.write_article()
    for attack in extraction.attacks:
        w.write_attack(attack)
    for claim in extraction.claims:
        w.write_claim(claim)
    return w.g


def _agents(extraction: Extraction) -> Iterable[tuple[AgentRef, bool, bool]]:
    """(agent, is_source, is_party) for every agent the extraction names."""
    for c in extraction.claims:
        yield c.source, True, False
        for p in c.accused:
            yield p, False, True
        for p in c.rebuts:
            yield p, True, False
    for a in extraction.attacks:
        for p in a.perpetrators:
            yield p, False, True
        for fig in (a.killed, a.injured):
            if fig is not None and fig.source is not None:
                yield fig.source, True, False


def _places(extraction: Extraction) -> Iterable[PlaceRef]:
    for a in extraction.attacks:
        p = a.place
        while p is not None:
            yield p
            p = p.within


def entity_graph(extraction: Extraction) -> Graph:
    """The agents and places this article names, as facts for the entities graph.

    Labels here are the resolver's canonical labels; the store merges the facts of all
    articles (see `kg.store`)."""
    g = new_graph(iris.ENTITIES_GRAPH)
    labelled: set[URIRef] = set()
    for agent, is_source, is_party in _agents(extraction):
        while agent is not None and agent.key:
            node = iris.agent_iri(agent.key)
            g.add((node, RDF.type, EKG.Agent))
            if is_source:
                g.add((node, RDF.type, EKG.Source))
            if is_party:
                g.add((node, RDF.type, EKG.Party))
            if node not in labelled:
                labelled.add(node)
                g.add((node, RDFS.label, Literal(agent.label or agent.name)))
            if agent.span is not None and agent.name != (agent.label or agent.name):
                g.add((node, SKOS.altLabel, Literal(agent.name)))
            if agent.kind:
                g.add((node, EKG.sourceKind, SOURCE_KIND[agent.kind]))
            parent = agent.speaks_for
            if parent is not None and parent.key:
                g.add((node, EKG.speaksFor, iris.agent_iri(parent.key)))
            # the bodies a speaker speaks for are agents, not themselves sources
            agent, is_source, is_party = parent, False, False
    for place in _places(extraction):
        if not place.key:
            continue
        node = iris.place_iri(place.key)
        g.add((node, RDF.type, EKG.Place))
        if node not in labelled:
            labelled.add(node)
            g.add((node, RDFS.label, Literal(place.label or place.name)))
        if place.name != (place.label or place.name):
            g.add((node, SKOS.altLabel, Literal(place.name)))
        if place.within is not None and place.within.key:
            g.add((node, EKG.withinPlace, iris.place_iri(place.within.key)))
        if place.geonames_id is not None:
            g.add((node, SDO.sameAs, URIRef(GEONAMES.format(place.geonames_id))))
        if place.latitude is not None and place.longitude is not None:
            g.add((node, SDO.latitude, decimal_literal(place.latitude)))
            g.add((node, SDO.longitude, decimal_literal(place.longitude)))
    return g


def release(graphs: Iterable[Graph]) -> None:
    """Free in-memory graphs now rather than at the next cycle collection.

    An rdflib graph and its in-memory store refer to each other (the store maps contexts to
    graphs), and so do a graph and its namespace manager: a dropped graph waits for the
    collector, which must then walk every dict of its indexes (``Store.close`` collects after
    each batch of an ingest).  With the cycles broken, reference counting frees each graph as
    soon as the last reference to it goes.  The graphs are unusable afterwards."""
    for g in graphs:
        g.namespace_manager = None
        vars(g.store).clear()


def extraction_graph(extraction: Extraction) -> Graph:
    """Article graph and entity facts together, e.g. for ``kg extract --format turtle``."""
    g = new_graph()
    for t in article_graph(extraction):
        g.add(t)
    for t in entity_graph(extraction):
        g.add(t)
    return g


__all__ = ["article_graph", "entity_graph", "extraction_graph", "new_graph", "release"]
