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

import re

from kg.model import Attack, Claim, Extraction
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


def _organ_of(agent, keys: set[str]) -> bool:
    up, hops = agent.speaks_for, 0
    while up is not None and hops < 3:
        if (up.key or canonical(up.name)[0]) in keys:
            return True
        up, hops = up.speaks_for, hops + 1
    return False


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
        # a ministry or army of a state already named ("its forces", said by the defence
        # ministry) adds no perpetrator: the state is the party
        attack.perpetrators = [p for p in attack.perpetrators
                               if not _organ_of(p, seen - {p.key})]
        attack.key = attack_key(attack, extraction.article.id, i)


_GENERAL = re.compile(r"\b(previously|repeatedly|always|throughout|genocide|campaign|"
                      r"since (the|early|late|\w+ \d)|\d+-(month|year)|across the country)\b",
                      re.I)
_BLAME_OR_TOLL = re.compile(r"\b(caused|responsib\w+|blamed?|killed|dead|death toll|toll|"
                            r"injured|wounded|casualt\w+|victims?|it|this)\b", re.I)


def _about_the_incident(c: Claim, words: str) -> bool:
    if _GENERAL.search(words):
        return False
    return c.kind == "denial" or bool(c.accused) or bool(_BLAME_OR_TOLL.search(words))


def link_sole_incident(extraction: Extraction) -> None:
    """In an article about one incident, a claim that blames, denies or counts the dead
    without naming an incident of its own is about that one ("Palestinians blamed an Israeli
    air strike"), unless it speaks in general ("has repeatedly denied targeting civilians").
    Runs after counter-attributions, which must rest on the claim's own words."""
    if len(extraction.attacks) != 1:
        return
    text = extraction.article.text
    attack = extraction.attacks[0]
    for c in extraction.claims:
        if c.attacks or c.source.kind == "article":
            continue
        words = " ".join(sp.text(text) for sp in [c.span, *c.extra_spans])
        if not _about_the_incident(c, words):
            continue
        c.attacks = [0]
        if c.kind == "allegation":
            keys = {p.key for p in attack.perpetrators}
            for p in c.accused:
                if p.key not in keys and p.kind != "witness":
                    attack.perpetrators.append(p)
                    keys.add(p.key)
