"""Attack reports as the incident matcher sees them, read from the store; and their
candidates: the reports that could match them, found by index lookups (same place, a place
above or below it, a day within one of theirs), never by a scan of the store.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Optional

import pyoxigraph as ox

from kg.namespaces import DCTERMS, EKG, NS_IRI, PREFIXES, RDF
from kg.resolve.incidents import Report

_P = (f"PREFIX ekg: <{NS_IRI}>\nPREFIX schema: <{PREFIXES['schema']}>\n"
      f"PREFIX rdfs: <{PREFIXES['rdfs']}>\nPREFIX dcterms: <{PREFIXES['dcterms']}>\n")
COUNTRY = ox.NamedNode(PREFIXES["schema"] + "Country")
_CATEGORY = {
    "Hospital": "hospital", "MedicalFacility": "medical_facility", "School": "school",
    "PlaceOfWorship": "place_of_worship", "Market": "market",
    "ResidentialBuilding": "residential", "HumanitarianAidConvoy": "aid_convoy",
    "CivilianInfrastructure": "infrastructure", "Civilians": "civilians",
    "OtherProtectedObject": "other",
}


def values(var: str, terms: Iterable) -> str:
    """A VALUES block; every term written by pyoxigraph (N-Triples syntax)."""
    return f"VALUES ?{var} {{ {' '.join(str(t) for t in terms)} }}"


def _date(lit) -> Optional[date]:
    try:
        return date.fromisoformat(lit.value[:10])
    except (ValueError, AttributeError):
        return None


def _period_end(lit) -> Optional[date]:
    """The last day of an article's dcterms:issued (a day, a month or a year)."""
    v = lit.value
    try:
        if len(v) == 4:
            return date(int(v), 12, 31)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


_REPORT_FACTS = _P + """
SELECT ?r ?p ?o WHERE { %s ?r ?p ?o .
  FILTER(?p IN (ekg:reportedIn, ekg:location, ekg:earliestDate, ekg:latestDate, ekg:target,
                ekg:perpetrator, ekg:possiblePerpetrator, ekg:killed, ekg:injured)) }"""
_ISSUED = _P + "SELECT ?a ?d WHERE { %s ?a dcterms:issued ?d }"
_PLACES = _P + """
SELECT ?pl ?label ?lat ?lon ?up ?country WHERE { %s
  OPTIONAL { ?pl rdfs:label ?label }
  OPTIONAL { ?pl schema:latitude ?lat ; schema:longitude ?lon }
  OPTIONAL { ?pl ekg:withinPlace+ ?up }
  BIND(EXISTS { ?pl a schema:Country } AS ?country) }"""
_VOICES = _P + """
SELECT ?r ?root WHERE { %s ?c ekg:concerns ?r ; ekg:source ?s . ?s ekg:speaksFor* ?root .
  FILTER NOT EXISTS { ?root ekg:speaksFor ?up } }"""
_TARGET_TYPES = _P + "SELECT ?t ?c WHERE { %s ?t a ?c }"
_ROOTS = _P + """
SELECT ?a ?root WHERE { %s ?a ekg:speaksFor* ?root .
  FILTER NOT EXISTS { ?root ekg:speaksFor ?up } }"""


class ReportReader:
    """Reads `Report`s from a store, caching what it has read."""

    def __init__(self, db: ox.Store):
        self.db = db
        self.cache: dict[str, Report] = {}
        self.place_info: dict = {}

    def _rows(self, query: str, var: str, terms: Iterable) -> list:
        terms = sorted(set(terms), key=str)
        out = []
        for i in range(0, len(terms), 200):
            out += list(self.db.query(query % values(var, terms[i:i + 200])))
        return out

    def read(self, report_iris: Iterable[str]) -> dict[str, Report]:
        want = sorted(set(report_iris) - set(self.cache))
        if want:
            self._read(want)
        return {i: self.cache[i] for i in report_iris if i in self.cache}

    def _read(self, want: list[str]) -> None:
        facts: dict = defaultdict(lambda: defaultdict(list))
        for s in self._rows(_REPORT_FACTS, "r", (ox.NamedNode(i) for i in want)):
            facts[s["r"].value][s["p"].value.rsplit("#", 1)[-1]].append(s["o"])
        issued = {s["a"].value: _period_end(s["d"]) for s in self._rows(
            _ISSUED, "a", (a for f in facts.values() for a in f["reportedIn"]))}
        self._places({pl for f in facts.values() for pl in f["location"]})
        types = defaultdict(set)
        for s in self._rows(_TARGET_TYPES, "t", (t for f in facts.values() for t in f["target"])):
            name = s["c"].value.rsplit("#", 1)[-1]
            if name in _CATEGORY:
                types[s["t"].value].add(_CATEGORY[name])
        roots = defaultdict(set)
        for s in self._rows(_ROOTS, "a", (p for f in facts.values()
                                          for p in f["perpetrator"] + f["possiblePerpetrator"])):
            roots[s["a"].value].add(s["root"].value)
        voices = defaultdict(set)
        for s in self._rows(_VOICES, "r", (ox.NamedNode(i) for i in facts)):
            voices[s["r"].value].add(s["root"].value)
        for iri in want:
            f = facts.get(iri)
            if f is not None:
                f["voices"] = voices.get(iri, set())
            if f is None:
                continue
            self.cache[iri] = self._report(iri, f, issued, types, roots)

    def _places(self, places: set) -> None:
        todo = sorted(p for p in places if p.value not in self.place_info)
        info: dict = {}
        for s in self._rows(_PLACES, "pl", todo):
            d = info.setdefault(s["pl"].value, {"label": None, "coords": None, "up": set(),
                                                "country": False})
            if s["label"] is not None:
                d["label"] = s["label"].value
            if s["lat"] is not None:
                d["coords"] = (float(s["lat"].value), float(s["lon"].value))
            if s["up"] is not None:
                d["up"].add(s["up"].value)
            d["country"] = s["country"].value == "true"
        self.place_info.update(info)

    def _report(self, iri: str, f: dict, issued: dict, types: dict, roots: dict) -> Report:
        places, labels, within, countries, coords = set(), [], set(), set(), None
        for pl in sorted(f["location"], key=str):
            d = self.place_info.get(pl.value, {"label": None, "coords": None, "up": set(),
                                               "country": False})
            if d["country"]:
                countries.add(pl.value)
                continue
            places.add(pl.value)
            labels.append(d["label"] or pl.value.rsplit("/", 1)[-1])
            within |= d["up"]
            coords = coords or d["coords"]
        countries |= {u for u in within if self.place_info.get(u, {}).get("country")}
        within -= countries
        ends = [issued.get(a.value) for a in f["reportedIn"]]
        earliest = max((x for x in map(_date, f["earliestDate"]) if x), default=None)
        latest = min((x for x in map(_date, f["latestDate"]) if x), default=None)
        return Report(
            iri=iri, articles=frozenset(a.value for a in f["reportedIn"]),
            places=frozenset(places), labels=tuple(labels), within=frozenset(within),
            countries=frozenset(countries), coords=coords, earliest=earliest, latest=latest,
            published=max((e for e in ends if e), default=None),
            targets=frozenset(c for t in f["target"] for c in types.get(t.value, ())),
            perpetrators=frozenset(r for p in f["perpetrator"] + f["possiblePerpetrator"]
                                   for r in roots.get(p.value, {p.value})),
            killed=frozenset(int(x.value) for x in f["killed"]),
            injured=frozenset(int(x.value) for x in f["injured"]),
            voices=frozenset(f["voices"]))


# --- candidates ------------------------------------------------------------------------------
_AT_PLACES = _P + "SELECT ?r ?pl WHERE { %s ?r ekg:location ?pl ; a ekg:Attack }"
_BELOW = _P + """SELECT ?r ?pl WHERE { %s ?below ekg:withinPlace+ ?pl .
  ?r ekg:location ?below ; a ekg:Attack }"""
_NAMED = _P + """SELECT ?r ?label WHERE { %s ?pl rdfs:label ?label .
  ?r ekg:location ?pl ; a ekg:Attack }"""
_ON_DAYS = _P + "SELECT ?r ?d WHERE { %s ?r ekg:earliestDate ?d ; a ekg:Attack }"


def candidates(reader: ReportReader, reports: list[Report]) -> dict[str, set[str]]:
    """For each report, the reports a match could join to it (a superset; `match` decides):
    those at its places, at places above or below them, at places of the same label, and,
    for a report dated to a few
    days, those whose window starts within a day of its own."""
    out: dict[str, set[str]] = {r.iri: set() for r in reports}
    at: dict = defaultdict(set)         # reports at a place or a place above it
    below: dict = defaultdict(set)      # ... or at a place below it (not its siblings)
    for r in reports:
        for pl in r.places | r.within:
            at[pl].add(r.iri)
        for pl in r.places:
            below[pl].add(r.iri)
    for q, by_place in ((_AT_PLACES, at), (_BELOW, below)):
        for s in reader._rows(q, "pl", [ox.NamedNode(p) for p in by_place]):
            for who in by_place[s["pl"].value]:
                out[who].add(s["r"].value)
    by_label: dict = defaultdict(set)
    for r in reports:
        for label in r.labels:
            by_label[label].add(r.iri)
    for s in reader._rows(_NAMED, "label", [ox.Literal(x) for x in by_label]):
        for who in by_label[s["label"].value]:
            out[who].add(s["r"].value)
    by_day: dict = defaultdict(set)
    for r in reports:
        if r.dated and (r.latest - r.earliest).days <= 3:
            d = r.earliest - timedelta(days=4)
            while d <= r.latest + timedelta(days=1):
                by_day[d.isoformat()].add(r.iri)
                d += timedelta(days=1)
    xsd_date = ox.NamedNode(PREFIXES["xsd"] + "date")
    days = [ox.Literal(d, datatype=xsd_date) for d in by_day]
    for s in reader._rows(_ON_DAYS, "d", days):
        for who in by_day[s["d"].value]:
            out[who].add(s["r"].value)
    for r in reports:
        out[r.iri].discard(r.iri)
    return out


__all__ = ["ReportReader", "candidates", "values", "COUNTRY", "RDF", "EKG", "DCTERMS"]
