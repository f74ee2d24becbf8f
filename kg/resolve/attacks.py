"""Incident keys: one attack per incident, whichever article reports it.

Within an article an attack's key is its place and day when both are known
(``ariha 2015-11-29``), else its place, the period it falls in and its main target
(``ariha 2015-11 market``), else the article and its position (``a1b2c3d4e5f6a7b8 2``).
The store then merges incidents of several articles that share a place and have
compatible dates and targets.
"""

from __future__ import annotations

from kg.model import Attack, Extraction
from kg.resolve.agents import canonical, fold


def place_key(name: str) -> str:
    return fold(name).replace("-", " ")


def attack_key(attack: Attack, article_id: str, index: int) -> str:
    place = attack.place.key if attack.place and attack.place.key else None
    day = attack.date.day if attack.date else None
    target = attack.targets[0].category if attack.targets else "unknown"
    if place and day:
        return f"{place} {day.isoformat()}"
    if place:
        period = ""
        if attack.date and attack.date.earliest:
            period = attack.date.earliest.isoformat()[:7] + " "
        return f"{place} {period}{target}"
    return f"{article_id} {index + 1}"


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
        attack.key = attack_key(attack, extraction.article.id, i)
