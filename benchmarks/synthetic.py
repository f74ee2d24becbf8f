"""Synthetic evidence-kg graphs: valid articles made with `kg.rdf`, and seeded damage to them.

`extractions(n)` invents *n* news-like articles about a fictional conflict (parties,
places, dated attacks on protected objects with tolls, allegations in direct and indirect
speech, denials of several kinds) as `kg.model` objects with their resolver keys set, so
that `kg.rdf` turns each into the graph that ingest would store.  Incidents, agents, places
and named objects recur across articles, as in a real corpus; some denials deny an
allegation of an earlier article.  The text mixes accents, Arabic and an occasional emoji,
so that quote offsets are exercised beyond ASCII.

`store_quads(n)` gives the quads of a store holding them (one named graph per article, one
for the entities; `with_ontology` adds the ontology graph), and `perturb(quads, k)` breaks
*k* things in assorted ways (wrong datatypes, missing evidence, bad offsets, negative
counts, dates after publication, denials that deny nothing, wrong classes...), saying what
it broke.  Everything is a function of the seed.

>>> quads = store_quads(3, seed=1)
>>> len({q.graph_name for q in quads})   # three article graphs and the entities graph
4
>>> broken, notes = perturb(quads, 5, seed=1)
>>> len(notes)
5
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator, Optional

import pyoxigraph as ox
from rdflib import Graph

from kg import iris
from kg.model import (AgentRef, Article, Attack, Claim, DateRef, Extraction, Figure,
                      PartialDate, PlaceRef, Span, TargetRef)
from kg.namespaces import DCTERMS, EKG, OA, RDF, RDFS, SDO, XSD
from kg.rdf import article_graph, entity_graph
from kg.validate.engine.terms import to_ox

PARTIES = [("Northland", "northland"), ("Southland", "southland"), ("Eastmark", "eastmark"),
           ("the Western Front", "western-front"), ("the Coastal Brigade", "coastal-brigade")]
NGOS = [("Médecins du Nord", "medecins-du-nord"), ("Civil Watch", "civil-watch"),
        ("Doctors Relief", "doctors-relief"), ("the Field Monitor", "field-monitor")]
PROVINCES = [("Wadi province", "wadi-province"), ("Hill province", "hill-province"),
             ("Coast province", "coast-province")]
TOWNS = [("Tel Hadid", "تل حديد"), ("Ariha", None), ("Kafr Nabl", None),
         ("Saraqib", "سراقب"),
         ("Port Amal", None), ("Beit Jala", None), ("Qasr al-Ward", None), ("Nahr Zeit", None)]
TARGETS = {
    "hospital": ["the Al-Amal hospital", "the central hospital", "a field hospital"],
    "medical_facility": ["a clinic", "the maternity ward"], "school": ["a primary school"],
    "place_of_worship": ["the old mosque", "St George’s church"], "market": ["the market"],
    "residential": ["a residential block"], "aid_convoy": ["an aid convoy"],
    "infrastructure": ["the water station"], "civilians": ["civilians"], "other": ["a bakery"],
}
WEAPONS = ["air strikes", "barrel bombs", "artillery shells", "cluster munitions", "a drone"]
FILLER = ("The town has been under siege for months and residents say supplies of food, fuel "
          "and medicine are running low. Aid agencies have repeatedly called on all sides to "
          "respect international humanitarian law and to allow safe passage for civilians. ")
DENIALS = [("dismissal", "dismiss", "dismissed the allegations as “fake information”"),
           ("categorical", "deny", "denied that its forces had carried out any strike"),
           ("protected_status", "say", "said its aircraft had struck “only terrorist targets”"),
           ("non_denial", "decline", "declined to confirm or deny the reports")]


class _Text:
    """Builds an article text sentence by sentence, remembering where words are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> Span:
        span = Span(self.length, self.length + len(text))
        self.parts.append(text)
        self.length += len(text)
        return span

    def add_words(self, *pieces: str) -> list[Span]:
        """Add the pieces in order; return the span of each."""
        return [self.add(p) for p in pieces]

    def __str__(self) -> str:
        return "".join(self.parts)


def _party(rng: random.Random) -> AgentRef:
    name, key = rng.choice(PARTIES)
    return AgentRef(name, key=key, kind="government", label=name)


def _incident(i: int, rng: random.Random) -> dict:
    town = rng.randrange(len(TOWNS))
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    category = rng.choice(sorted(TARGETS))
    return {"key": f"incident-{i}-{TOWNS[town][0]}-{day.isoformat()}", "town": town,
            "day": day, "category": category, "target": rng.choice(TARGETS[category]),
            "weapon": rng.choice(WEAPONS), "killed": rng.randrange(0, 60),
            "perpetrators": sorted({rng.randrange(len(PARTIES)) for _ in range(rng.randint(1, 2))})}


def _place(town: int) -> PlaceRef:
    name, _ = TOWNS[town]
    prov_name, prov_key = PROVINCES[town % len(PROVINCES)]
    return PlaceRef(name, key=f"town-{town}", label=name,
                    within=PlaceRef(prov_name, key=prov_key, label=prov_name))


def extractions(n: int, seed: int = 0) -> Iterator[Extraction]:
    """*n* articles, each as an `Extraction` with its keys resolved (see the module doc)."""
    rng = random.Random(seed)
    incidents = [_incident(i, rng) for i in range(max(1, n * 2 // 3))]
    for i in range(n):
        yield _extraction(i, rng, incidents)


def _extraction(i: int, rng: random.Random, incidents: list[dict]) -> Extraction:
    text = _Text()
    chosen = rng.sample(incidents, k=min(len(incidents), rng.choice((1, 1, 2))))
    title = f"Strike on {chosen[0]['target']} in {TOWNS[chosen[0]['town']][0]} (report {i})"
    title_span = text.add(title)
    text.add("\n\n")
    attacks: list[Attack] = []
    claims: list[Claim] = []
    latest_day = max(inc["day"] for inc in chosen)
    for inc in chosen:
        town_name, town_alt = TOWNS[inc["town"]]
        place = _place(inc["town"])
        ngo_name, ngo_key = rng.choice(NGOS)
        source = AgentRef(ngo_name, key=ngo_key, kind="ngo", label=ngo_name)
        killed = inc["killed"] + rng.randrange(0, 3)
        injured = rng.randrange(0, 40)
        children = rng.randrange(0, killed + 1) if killed and rng.random() < 0.5 else None
        day_words = f"on {inc['day'].strftime('%d %B %Y')}"
        where = f"{town_name} ({town_alt})" if town_alt else town_name
        emoji = " 😢" if rng.random() < 0.1 else ""
        with_children = f", including {children} children," if children is not None else ""
        s = text.add_words(
            f"At least {killed} people", f"{with_children} were killed", f" and {injured} injured",
            f" when {inc['weapon']} hit ",
            inc["target"], f" in {where} ", day_words, f",{emoji} ", source.name, " said. ")
        attack_span = Span(s[0].start, s[-1].end)
        source.span = s[8]
        precise = rng.random() < 0.7
        dref = (DateRef(inc["day"], inc["day"], "day", s[6]) if precise else
                DateRef(inc["day"].replace(day=1), _month_end(inc["day"]), "month", s[6]))
        upper = killed + rng.randrange(1, 10) if rng.random() < 0.2 else None
        attack = Attack(
            span=attack_span,
            targets=[TargetRef(inc["category"], name=inc["target"] if rng.random() < 0.5 else None,
                               span=s[4])],
            place=place, date=dref,
            perpetrators=[AgentRef(PARTIES[p][0], key=PARTIES[p][1], kind="government",
                                   label=PARTIES[p][0]) for p in inc["perpetrators"]],
            perpetrator_ambiguous=len(inc["perpetrators"]) > 1 and rng.random() < 0.5,
            killed=Figure(killed, "between" if upper else "at_least", upper=upper,
                          children=children, span=Span(s[0].start, s[2].start)),
            injured=Figure(injured, "exact", span=s[2]),
            weapon=inc["weapon"], key=inc["key"])
        attacks.append(attack)
        a = len(attacks) - 1
        claims.append(Claim("allegation", attack_span, source, attribution="indirect",
                            accused=attack.perpetrators[:1], attacks=[a], cue="say"))
        if rng.random() < 0.6:
            spokes = AgentRef(f"a {ngo_name} spokeswoman", key=f"{ngo_key}-spokeswoman",
                              kind="ngo", speaks_for=AgentRef(ngo_name, key=ngo_key, kind="ngo",
                                                              label=ngo_name),
                              label=f"{ngo_name} spokeswoman")
            q = text.add_words("“This was a deliberate attack on ", inc["target"], ",” ",
                               spokes.name, " told reporters. ")
            spokes.span = q[3]
            claims.append(Claim("allegation", Span(q[0].start, q[-1].end), spokes,
                                attribution="direct", accused=attack.perpetrators[:1],
                                attacks=[a], hedged=rng.random() < 0.2, cue="tell"))
        if rng.random() < 0.7:
            accused = attack.perpetrators[0]
            ministry = AgentRef(f"{accused.name}’s Defence Ministry",
                                key=f"{accused.key}-defence-ministry", kind="military",
                                speaks_for=AgentRef(accused.name, key=accused.key,
                                                    kind="government", label=accused.label),
                                label=f"{accused.name} Defence Ministry")
            kind, cue, words = rng.choice(DENIALS)
            d = text.add_words(ministry.name, f" {words}. ")
            ministry.span = d[0]
            claims.append(Claim("denial", Span(d[0].start, d[1].end - 1), ministry,
                                attribution="indirect", accused=[accused], attacks=[a],
                                denies=[len(claims) - 1], denial_kind=kind, rebuts=[source],
                                cue=cue))
        text.add(FILLER * rng.randint(2, 8))
    published = latest_day + timedelta(days=rng.randrange(0, 20))
    precision = rng.choice(("day", "day", "day", "month", "year"))
    issued = PartialDate(published.year, published.month if precision != "year" else None,
                         published.day if precision == "day" else None)
    article = Article.from_text(
        str(text), path=f"synthetic/{i:06d}.txt", title=title,
        publisher=rng.choice(["Example News Agency", "The Daily Example", "Wire Example"]),
        url=f"https://news.example.org/{i}", published=issued, title_span=title_span)
    return Extraction(article, claims=claims, attacks=attacks, extractor="synthetic corpus")


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _quads(g: Graph, graph_name) -> list[ox.Quad]:
    gn = to_ox(graph_name)
    return sorted((ox.Quad(to_ox(s), to_ox(p), to_ox(o), gn) for s, p, o in g), key=str)


def store_quads(n: int, seed: int = 0, with_ontology: bool = False) -> list[ox.Quad]:
    """The quads of a store holding *n* synthetic articles: one graph per article, the
    entities graph, and (with *with_ontology*) the ontology graph.  About 110 triples per
    article.  Some denials also deny an allegation of an earlier article."""
    rng = random.Random(seed + 1)
    quads: list[ox.Quad] = []
    entities: set[ox.Quad] = set()
    earlier_allegations: list = []
    for x in extractions(n, seed):
        g = article_graph(x)
        name = g.identifier
        allegations = list(g.subjects(RDF.type, EKG.Allegation))
        if earlier_allegations:
            for denial in sorted(g.subjects(RDF.type, EKG.Denial)):
                if rng.random() < 0.3:
                    g.add((denial, EKG.denies, rng.choice(earlier_allegations)))
        earlier_allegations.extend(allegations)
        quads.extend(_quads(g, name))
        entities.update(_quads(entity_graph(x), iris.ENTITIES_GRAPH))
    quads.extend(sorted(entities, key=str))
    if with_ontology:
        from kg.validate.shacl import ontology_graph
        quads.extend(_quads(ontology_graph(), iris.ONTOLOGY_GRAPH))
    return quads


# --- damage --------------------------------------------------------------------------------

def _lit(value: str, datatype=None, language: Optional[str] = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(str(datatype or XSD.string)))


NNI = XSD.nonNegativeInteger


def perturb(quads: list[ox.Quad], k: int, seed: int = 0) -> tuple[list[ox.Quad], list[str]]:
    """*quads* with *k* things broken (chosen by *seed*), and a note on each."""
    rng = random.Random(seed)
    data = _Data(quads)
    notes: list[str] = []
    for _ in range(k):
        name, damage = rng.choice(DAMAGE)
        notes.append(f"{name}: {damage(data, rng)}")
    return list(data.quads), notes


class _Data:
    """Quads in order, indexed by predicate, so that damage stays cheap on a million."""

    def __init__(self, quads: list[ox.Quad]):
        self.quads = dict.fromkeys(quads)
        self.by_predicate: dict = {}
        for q in self.quads:
            self.by_predicate.setdefault(q.predicate, []).append(q)

    def with_predicate(self, p, o=None) -> list[ox.Quad]:
        p, o = to_ox(p), (to_ox(o) if o is not None else None)
        return [q for q in self.by_predicate.get(p, ()) if q in self.quads
                and (o is None or q.object == o)]

    def remove(self, q: ox.Quad) -> None:
        self.quads.pop(q, None)

    def append(self, q: ox.Quad) -> None:
        if q not in self.quads:
            self.quads[q] = None
            self.by_predicate.setdefault(q.predicate, []).append(q)


class _NothingToBreak(Exception):
    pass


def _pick(data: _Data, rng: random.Random, p, o=None) -> ox.Quad:
    found = data.with_predicate(p, o)
    if not found:
        raise _NothingToBreak(f"no {p} {o or ''}")
    return rng.choice(found)


def _replace_object(data, rng, p, new_object, o=None) -> str:
    q = _pick(data, rng, p, o)
    data.remove(q)
    data.append(ox.Quad(q.subject, q.predicate, new_object, q.graph_name))
    return f"{q.subject.value} {q.predicate.value} {q.object} -> {new_object}"


def _remove_all(data, subject, p, o=None) -> None:
    for q in data.with_predicate(p, o):
        if q.subject == subject:
            data.remove(q)


def _typed(data, rng, cls) -> ox.Quad:
    return _pick(data, rng, RDF.type, cls)


def d_wrong_count_datatype(data, rng):
    p = rng.choice([EKG.count, EKG.killed, EKG.injured, EKG.upperCount, EKG.childrenCount])
    value = rng.choice([_lit("3", XSD.integer), _lit("2.5", XSD.decimal), _lit("12"),
                        _lit(" 5", NNI), _lit("1e2", XSD.double)])
    return _replace_object(data, rng, p, value) if _has(data, p) else "no such value"


def d_negative_count(data, rng):
    p = rng.choice([EKG.count, EKG.killed, EKG.injured, EKG.childrenCount])
    value = rng.choice([_lit("-1", XSD.integer), _lit("-3", NNI), _lit("-0", NNI)])
    return _replace_object(data, rng, p, value) if _has(data, p) else "no such value"


def d_count_above_upper(data, rng):
    if not _has(data, EKG.upperCount):
        return "no upper count"
    q = _pick(data, rng, EKG.upperCount)
    _remove_all(data, q.subject, EKG.count)
    data.append(ox.Quad(q.subject, to_ox(EKG.count), _lit("999", NNI), q.graph_name))
    return f"count 999 above upper count of {q.subject.value}"


def d_missing_evidence(data, rng):
    cls = rng.choice([EKG.Allegation, EKG.Denial, EKG.Attack, EKG.CasualtyFigure])
    node = _typed(data, rng, cls).subject
    _remove_all(data, node, EKG.evidence)
    return f"no evidence on {node.value}"


def d_bad_offsets(data, rng):
    q = _pick(data, rng, rng.choice([OA.start, OA.end]))
    n = int(q.object.value)
    value = rng.choice([_lit(str(n + 1), NNI), _lit(str(n + 100000), NNI), _lit("-1", XSD.integer),
                        _lit("-2", NNI), _lit("zero"), _lit(str(n), XSD.decimal)])
    data.remove(q)
    data.append(ox.Quad(q.subject, q.predicate, value, q.graph_name))
    return f"{q.predicate.value} of {q.subject.value} -> {value}"


def d_wrong_exact(data, rng):
    return _replace_object(data, rng, OA.exact, _lit("words that are not there"))


def d_date_after_publication(data, rng):
    p = rng.choice([EKG.date, EKG.earliestDate])
    return _replace_object(data, rng, p, _lit("2099-01-01", XSD.date)) if _has(data, p) else "-"


def d_dates_reversed(data, rng):
    q = _pick(data, rng, EKG.latestDate)
    data.remove(q)
    data.append(ox.Quad(q.subject, q.predicate, _lit("1999-01-01", XSD.date), q.graph_name))
    return f"latest date of {q.subject.value} before its earliest"


def d_wrong_date_datatype(data, rng):
    p = rng.choice([EKG.date, EKG.earliestDate, EKG.latestDate, DCTERMS.issued])
    values = [_lit("2016-03-01"), _lit("2016-03-01T10:00:00", XSD.dateTime)]
    if p in (EKG.date, DCTERMS.issued):
        # not on the two dates that sh:lessThanOrEquals compares: pySHACL raises a
        # TypeError on pairs rdflib cannot order (a gYear, an ill-typed date)
        values += [_lit("2016-02-30", XSD.date), _lit("2016", XSD.gYear),
                   _lit("2016-13", XSD.gYearMonth), _lit("16-03-01", XSD.date)]
    return _replace_object(data, rng, p, rng.choice(values)) if _has(data, p) else "-"


def d_denial_denies_nothing(data, rng):
    node = _typed(data, rng, EKG.Denial).subject
    _remove_all(data, node, EKG.denies)
    _remove_all(data, node, EKG.concerns)
    return f"{node.value} denies nothing"


def d_wrong_class(data, rng):
    p = rng.choice([EKG.source, EKG.evidence, EKG.target, EKG.location, EKG.denies,
                    EKG.reportedIn, EKG.accused, EKG.concerns, OA.hasSource])
    other = _pick(data, rng, rng.choice([EKG.location, EKG.source, EKG.concerns])).object
    return _replace_object(data, rng, p, other) if _has(data, p) else "-"


def d_two_types(data, rng):
    q = _typed(data, rng, EKG.Allegation)
    data.append(ox.Quad(q.subject, q.predicate, to_ox(EKG.Denial), q.graph_name))
    return f"{q.subject.value} typed Allegation and Denial"


def d_untyped_entity(data, rng):
    q = _pick(data, rng, RDF.type, rng.choice([EKG.Source, EKG.Party, EKG.Place, EKG.Article]))
    _remove_all(data, q.subject, q.predicate, q.object)
    return f"{q.subject.value} no longer a {q.object.value}"


def d_not_in_scheme(data, rng):
    p = rng.choice([EKG.attribution, EKG.denialKind, EKG.datePrecision, EKG.countQualifier,
                    EKG.casualtyType, EKG.sourceKind])
    return _replace_object(data, rng, p, to_ox(rng.choice([EKG.Day, EKG.NGO, EKG.Killed])))


def d_second_value(data, rng):
    p = rng.choice([DCTERMS.title, EKG.reportedIn, RDFS.label, EKG.sha256, OA.exact, EKG.source,
                    EKG.attribution, EKG.count])
    q = _pick(data, rng, p)
    extra = (_lit(q.object.value + " (2)") if isinstance(q.object, ox.Literal)
             else _pick(data, rng, p).object)
    data.append(ox.Quad(q.subject, q.predicate, extra, q.graph_name))
    return f"second {p} on {q.subject.value}"


def d_missing_required(data, rng):
    p = rng.choice([EKG.text, EKG.sha256, EKG.source, EKG.reportedIn, OA.exact, OA.start,
                    EKG.casualtyType, EKG.count, RDFS.label, DCTERMS.title, SDO.publisher,
                    DCTERMS.issued, EKG.sourceKind, EKG.denialKind, EKG.target])
    if not _has(data, p):
        return "-"
    q = _pick(data, rng, p)
    _remove_all(data, q.subject, p)
    return f"no {p} on {q.subject.value}"


def d_bad_sha(data, rng):
    q = _pick(data, rng, EKG.sha256)
    value = rng.choice([_lit(q.object.value.upper()), _lit("0" * 64), _lit(q.object.value + "\n"),
                        _lit(q.object.value, language="en")])
    data.remove(q)
    data.append(ox.Quad(q.subject, q.predicate, value, q.graph_name))
    return f"sha256 of {q.subject.value} -> {value}"


def d_wrong_literal_kind(data, rng):
    p = rng.choice([DCTERMS.title, SDO.publisher, SDO.url, EKG.hedged, EKG.weapon,
                    EKG.reportingVerb, EKG.text, RDFS.label])
    value = rng.choice([_lit("yes"), to_ox(EKG.Day), _lit("7", XSD.integer),
                        _lit("text", language="en"), _lit("https://example.org/x")])
    return _replace_object(data, rng, p, value) if _has(data, p) else "-"


def d_orphan_figure(data, rng):
    q = _pick(data, rng, EKG.casualtyFigure)
    data.remove(q)
    return f"{q.object.value} is no attack's figure"


def d_evidence_elsewhere(data, rng):
    q = _pick(data, rng, EKG.evidence)
    other = _pick(data, rng, EKG.evidence).object
    data.append(ox.Quad(q.subject, q.predicate, other, q.graph_name))
    return f"{q.subject.value} also cites {other.value}"


def _has(data, p) -> bool:
    return bool(data.with_predicate(p))


def _gently(damage):
    def run(data, rng):
        try:
            return damage(data, rng)
        except _NothingToBreak as exc:
            return f"nothing to break ({exc})"
    return run


DAMAGE = [(f.__name__[2:], _gently(f)) for f in (
    d_wrong_count_datatype, d_negative_count, d_count_above_upper, d_missing_evidence,
    d_bad_offsets, d_wrong_exact, d_date_after_publication, d_dates_reversed,
    d_wrong_date_datatype, d_denial_denies_nothing, d_wrong_class, d_two_types,
    d_untyped_entity, d_not_in_scheme, d_second_value, d_missing_required, d_bad_sha,
    d_wrong_literal_kind, d_orphan_figure, d_evidence_elsewhere)]

__all__ = ["DAMAGE", "extractions", "perturb", "store_quads"]
