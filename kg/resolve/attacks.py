"""Incident keys: one attack per incident, whichever article reports it.

Within an article an attack's key is its place and day when both are known
(``ariha 2015-11-29``), else its place, the period it falls in and its main target
(``ariha 2015-11 market``, ``oldmarsh 2020-09-19/2020-09-20 market``), else the article and
its position (``a1b2c3d4e5f6a7b8 2``).
Keys depend on the article's content only, never on what the store already
holds, so the same articles give the same IRIs in any order. Two articles that
report one incident with the same place and day (or place, period and target)
get the same key and so one ``Attack`` node with a report from each.
"""

from __future__ import annotations

from kg.model import Attack, Extraction
from kg.resolve.agents import canonical, fold


#: Targets in the order that makes one the main target of an attack.
MAIN_TARGET_ORDER = ("hospital", "medical_facility", "school", "place_of_worship", "market",
                     "aid_convoy", "infrastructure", "residential", "other", "civilians")


def place_key(name: str) -> str:
    return fold(name).replace("-", " ")


def attack_key(attack: Attack, article_id: str, index: int) -> str:
    place = attack.place.key if attack.place and attack.place.key else None
    day = attack.date.day if attack.date else None
    cats = [t.category for t in attack.targets]
    target = min(cats, key=MAIN_TARGET_ORDER.index) if cats else "unknown"
    if place and day:
        return f"{place} {day.isoformat()}"
    if place:
        period = _period(attack.date)
        return f"{place} {period + ' ' if period else ''}{target}"
    return f"{article_id} {index + 1}"


def _period(d) -> str:
    """The stretch of time an undayed date covers, as a key: ``2015-11`` (a month), ``2015``
    (a year), ``2020-09-19/2020-09-20`` (any other range: "overnight", "last week").  Two
    reports share a key only when they give the same stretch: "overnight" in papers two days
    apart are two nights, and one incident must not carry two contradictory windows."""
    if d is None or d.earliest is None:
        return ""
    if d.precision == "month":
        return d.earliest.isoformat()[:7]
    if d.precision == "year":
        return str(d.earliest.year)
    return f"{d.earliest.isoformat()}/{d.latest.isoformat() if d.latest else ''}"


def resolve_attacks(extraction: Extraction) -> None:
    for i, attack in enumerate(extraction.attacks):
        p = attack.place
        while p is not None:
            p.key = place_key(p.name)
            p.label = p.label or p.name
            p = p.within
        for perp in attack.perpetrators:
            if not perp.key:
                perp.key, perp.label, _, _ = canonical(perp.name)
        seen: set[str] = set()      # "Russian bomb" and "Russia's jets": one perpetrator
        attack.perpetrators = [p for p in attack.perpetrators
                               if not (p.key in seen or seen.add(p.key))]
        attack.key = attack_key(attack, extraction.article.id, i)
