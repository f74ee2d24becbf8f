"""Incidents: which attack reports of different articles describe one event.

Each pair of reports is compared feature by feature (`match`); the result says whether they
*may* be one incident at all and, if so, how strongly the features agree, with every feature
that counted written out (the reasons stored with each merge).

Never one incident (hard constraints):

* reports of the same article (the article already tells its attacks apart);
* places that disagree: different places, neither within the other in the gazetteer's
  hierarchy and not within ``SAME_SITE_KM`` of each other, or places in different countries;
* targets that disagree: both name objects (hospital, school, market...; "civilians" and
  "other" name none) and no object category of one is one of the other's;
* dates that cannot overlap: each report's window (a day, a month, "overnight", "last
  week"; an undated report happened before its article was published); two days a day
  apart may be one incident (a night strike, a time zone), two nights two days apart not.

Score (reports merge at `THRESHOLD` or more, and only on evidence of place or of day):
same place (or the same name, spelt alike: `kg.resolve.places.skeleton`) +3, one place within
the other +1.5, same site under two names (coordinates within ``SAME_SITE_KM``) +2; same day +3,
a day apart +1.5, overlapping windows of a few days +2 (a month +1, longer +0.5); both
undated and reported within a week +1, and by the same voice (a source at the top of its
``speaksFor`` chain) +1 more; same target category +2, civilians on both sides
+0.5; a perpetrator in common +1, disjoint perpetrators -1.5; the same toll +1.5 (within a
quarter +0.5), the same number injured +1.

Clusters (`cluster`) grow by the best-scoring pairs first, and two clusters join only when
every pair across them is allowed (so a vague report cannot chain two incidents that
disagree).  The order of pairs is a total order on their content, so the clusters of a set
of reports do not depend on the order the reports came in; and since only pairs that score
can join, the clusters of each connected group of scoring pairs can be recomputed alone
(what `kg.store.incidents` does after each ingest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional

from kg.resolve.places import SAME_SITE_KM, distance_km, skeleton

THRESHOLD = 5.0
#: object categories that are one kind of object for matching (a hospital is a medical
#: facility); "civilians" and "other" name no object
_SAME_OBJECT = {"hospital": "medical", "medical_facility": "medical"}
_NO_OBJECT = frozenset({"civilians", "other", "unknown"})


@dataclass(frozen=True)
class Report:
    """What the matcher knows of one attack report (an ``ekg:Attack`` node)."""

    iri: str
    articles: frozenset = frozenset()
    places: frozenset = frozenset()       # place IRIs, below country level
    labels: tuple = ()                    # their labels, for the reasons
    within: frozenset = frozenset()       # every place the places lie within
    countries: frozenset = frozenset()    # country-level places (of the chains, or named)
    coords: Optional[tuple] = None        # (latitude, longitude) of the place, when known
    earliest: Optional[date] = None
    latest: Optional[date] = None
    published: Optional[date] = None      # the last day the article(s) can have appeared
    targets: frozenset = frozenset()      # category names ("hospital", "civilians")
    perpetrators: frozenset = frozenset()  # agent IRIs at the top of their speaksFor chains
    killed: frozenset = frozenset()
    injured: frozenset = frozenset()
    voices: frozenset = frozenset()       # voices of the claims about it (speaksFor roots)

    @property
    def dated(self) -> bool:
        return self.earliest is not None and self.latest is not None

    @property
    def day(self) -> Optional[date]:
        return self.earliest if self.dated and self.earliest == self.latest else None

    @property
    def objects(self) -> frozenset:
        return frozenset(_SAME_OBJECT.get(t, t) for t in self.targets if t not in _NO_OBJECT)


@dataclass
class Match:
    """The verdict on a pair: allowed or not, and the features that counted."""

    allowed: bool
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    place_or_day: bool = False            # some evidence of place or of day agrees

    @property
    def merges(self) -> bool:
        return self.allowed and self.place_or_day and self.score >= THRESHOLD

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


def _refuse(reason: str) -> Match:
    return Match(False, reasons=[reason])


def _place(a: Report, b: Report, m: Match) -> bool:
    if a.countries and b.countries and not a.countries & b.countries:
        m.reasons.append("different countries")
        return False
    if not a.places or not b.places:
        return True
    if a.places & b.places:
        m.add(3, f"same place: {a.labels[0] if a.labels else ''}".rstrip(": "))
        m.place_or_day = True
    elif a.places & b.within or b.places & a.within:
        m.add(1.5, "one place within the other: " + " / ".join((*a.labels[:1], *b.labels[:1])))
        m.place_or_day = True
    elif {skeleton(x) for x in a.labels} & {skeleton(x) for x in b.labels}:
        m.add(3, f"same place name: {a.labels[0]}")
        m.place_or_day = True
    elif a.coords and b.coords and distance_km(a.coords, b.coords) <= SAME_SITE_KM:
        m.add(2, f"places {distance_km(a.coords, b.coords):.1f} km apart")
        m.place_or_day = True
    else:
        m.reasons.append("different places: " + " / ".join((*a.labels[:1], *b.labels[:1])))
        return False
    return True


def _window(r: Report) -> tuple[Optional[date], Optional[date]]:
    if r.dated:
        return r.earliest, r.latest
    return None, r.published


def _date(a: Report, b: Report, m: Match) -> bool:
    (ea, la), (eb, lb) = _window(a), _window(b)
    one = timedelta(days=1) if a.day and b.day else timedelta(0)
    if (ea and lb and ea > lb + one) or (eb and la and eb > la + one):
        m.reasons.append("dates cannot overlap")
        return False
    if a.day and b.day:
        gap = abs((a.day - b.day).days)
        if gap == 0:
            m.add(3, f"same day: {a.day.isoformat()}")
        else:
            m.add(1.5, f"a day apart: {min(a.day, b.day).isoformat()} / "
                       f"{max(a.day, b.day).isoformat()}")
        m.place_or_day = True
    elif a.dated and b.dated:
        span = max((a.latest - a.earliest).days, (b.latest - b.earliest).days)
        weight = 2 if span <= 3 else 1 if span <= 31 else 0.5
        m.add(weight, "overlapping dates")
        m.place_or_day = m.place_or_day or span <= 3
    elif not a.dated and not b.dated and a.published and b.published and \
            abs((a.published - b.published).days) <= 7:
        m.add(1, "both undated, reported within a week")
        common = a.voices & b.voices
        if common:
            m.add(1, "the same voice reports both: " + ", ".join(
                sorted(v.rsplit("/", 1)[-1] for v in common)))
    return True


def _target(a: Report, b: Report, m: Match) -> bool:
    oa, ob = a.objects, b.objects
    if oa and ob:
        common = oa & ob
        if not common:
            m.reasons.append("different targets: " + ", ".join(sorted(a.targets)) + " / " +
                             ", ".join(sorted(b.targets)))
            return False
        m.add(2, "same target: " + ", ".join(sorted(common)))
    elif "civilians" in a.targets and "civilians" in b.targets:
        m.add(0.5, "civilians hit in both")
    return True


def _parties_and_tolls(a: Report, b: Report, m: Match) -> None:
    if a.perpetrators and b.perpetrators:
        common = a.perpetrators & b.perpetrators
        if common:
            m.add(1, "same perpetrator: " + ", ".join(sorted(p.rsplit("/", 1)[-1]
                                                             for p in common)))
        else:
            m.add(-1.5, "different perpetrators")
    for what, xa, xb, same in (("killed", a.killed, b.killed, 1.5),
                               ("injured", a.injured, b.injured, 1.0)):
        if not xa or not xb:
            continue
        common = xa & xb
        if common:
            m.add(same, f"same toll: {min(common)} {what}")
        elif min(max(xa), max(xb)) * 1.25 >= max(min(xa), min(xb)) > 0:
            m.add(0.5, f"close tolls: {what}")


def match(a: Report, b: Report) -> Match:
    """Whether reports *a* and *b* may be one incident, and how strongly they agree."""
    if a.articles & b.articles:
        return _refuse("reported in the same article")
    m = Match(True)
    for check in (_place, _date, _target):
        if not check(a, b, m):
            m.allowed = False
            return m
    _parties_and_tolls(a, b, m)
    return m


@dataclass
class Cluster:
    """One incident: its reports and the matches that joined them."""

    members: list[str]
    merges: list[tuple[str, str, Match]] = field(default_factory=list)


#: The first reason of a verdict an analyst gave (a review decision to merge or split two
#: reports, `analyst_match`): it overrides the matcher.
ANALYST = "analyst decision "


def analyst_match(merge: bool, decision: str) -> Match:
    """The verdict of an analyst's decision: these two reports are one event, or are not."""
    return Match(allowed=merge, score=100.0 if merge else 0.0,
                 reasons=[ANALYST + decision], place_or_day=merge)


def _by_analyst(m: Match) -> bool:
    return bool(m.reasons) and m.reasons[0].startswith(ANALYST)


def cluster(reports: Iterable[Report], matches: Optional[dict] = None) -> list[Cluster]:
    """Group *reports* into incidents (see the module's docstring).  *matches* may hold the
    verdicts already computed, keyed by the pair of IRIs in sorted order; an analyst's
    (`analyst_match`) merges two clusters whatever the other pairs across them say, unless
    an analyst split one of those pairs."""
    by_iri = {r.iri: r for r in reports}
    iris_ = sorted(by_iri)
    verdicts = dict(matches or {})
    for i, x in enumerate(iris_):
        for y in iris_[i + 1:]:
            if (x, y) not in verdicts:
                verdicts[(x, y)] = match(by_iri[x], by_iri[y])
    edges = sorted(((-m.score, x, y) for (x, y), m in verdicts.items() if m.merges))
    owner = {x: x for x in iris_}
    groups: dict[str, Cluster] = {x: Cluster([x]) for x in iris_}
    for _, x, y in edges:
        cx, cy = owner[x], owner[y]
        if cx == cy:
            continue
        gx, gy = groups[cx], groups[cy]
        across = [verdicts[tuple(sorted((p, q)))] for p in gx.members for q in gy.members]
        if _by_analyst(verdicts[(x, y)]):
            if any(_by_analyst(m) and not m.allowed for m in across):
                continue
        elif not all(m.allowed for m in across):
            continue
        keep, gone = (cx, cy) if cx < cy else (cy, cx)
        g_keep, g_gone = groups[keep], groups.pop(gone)
        g_keep.members = sorted(g_keep.members + g_gone.members)
        g_keep.merges = sorted(g_keep.merges + g_gone.merges, key=lambda t: t[:2]) + \
            [(x, y, verdicts[(x, y)])]
        for member in g_gone.members:
            owner[member] = keep
    return sorted(groups.values(), key=lambda c: c.members[0])


def bcubed(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]
           ) -> tuple[float, float]:
    """B-cubed precision and recall of *predicted* clusters against *gold* clusters, over
    the items of the gold (an item the prediction lacks is a singleton of its own).

    >>> p, r = bcubed([["a", "b"], ["c"]], [["a", "b", "c"]])
    >>> p, round(r, 3)
    (1.0, 0.556)
    """
    gold_of = {x: frozenset(c) for c in gold for x in c}
    pred_of = {x: frozenset(c) & gold_of.keys() for c in predicted for x in c}
    items = sorted(gold_of)
    if not items:
        return 1.0, 1.0
    precision = recall = 0.0
    for x in items:
        p = pred_of.get(x) or frozenset({x})
        g = gold_of[x]
        precision += len(p & g) / len(p)
        recall += len(p & g) / len(g)
    return precision / len(items), recall / len(items)
