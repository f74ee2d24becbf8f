"""Attack reports: each attack an article reports is its own node, keyed by the article and
the offsets of the words that report it (``a1b2c3d4e5f6a7b8 2092-2260``).

Which reports of several articles are one incident is decided across the store, by a scored
match of place, date, target, perpetrators and figures (`kg.resolve.incidents`), never by the
key: two strikes in one town on one day stay two reports, and the incidents can be merged
or split again.  Keys depend on the article's content only, so the same articles give the
same IRIs in any order.  Places get their keys, hierarchy and coordinates from the gazetteer
(`kg.resolve.places`); each casualty figure gets the source who gives it (`figure_sources`).
"""

from __future__ import annotations

import re
from typing import Optional

from kg.model import AgentRef, Attack, Claim, Extraction, Figure
from kg.resolve.agents import canonical
from kg.resolve.places import countries_in, resolve_place


#: Targets in the order that makes one the main target of an attack.
MAIN_TARGET_ORDER = ("hospital", "medical_facility", "school", "place_of_worship", "market",
                     "aid_convoy", "infrastructure", "residential", "other", "civilians")


def attack_key(attack: Attack, article_id: str, nth: int = 1) -> str:
    """The key of one article's report of an attack: the article and the words' offsets,
    and, for the second and later attacks the same words report ("raids on the towns of A
    and B"), their rank."""
    key = f"{article_id} {attack.span.start}-{attack.span.end}"
    return key if nth == 1 else f"{key} {nth}"


def main_target(attack: Attack) -> str:
    cats = [t.category for t in attack.targets]
    return min(cats, key=MAIN_TARGET_ORDER.index) if cats else "unknown"


def _organ_of(agent, keys: set[str]) -> bool:
    up, hops = agent.speaks_for, 0
    while up is not None and hops < 3:
        if (up.key or canonical(up.name)[0]) in keys:
            return True
        up, hops = up.speaks_for, hops + 1
    return False


def resolve_attacks(extraction: Extraction) -> None:
    countries: Optional[set[str]] = None
    ranks: dict[tuple[int, int], int] = {}
    for attack in extraction.attacks:
        if attack.place is not None:
            if countries is None:
                countries = countries_in(extraction.article.text)
            resolve_place(attack.place, countries)
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
        span = (attack.span.start, attack.span.end)
        ranks[span] = ranks.get(span, 0) + 1
        attack.key = attack_key(attack, extraction.article.id, ranks[span])


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


def _article_voice(extraction: Extraction) -> AgentRef:
    """The article in its own voice: the agent its own-voice claims have, or a new one
    keyed the same way (`kg.resolve.resolve_article`)."""
    for c in extraction.claims:
        if c.source.kind == "article" and c.source.key:
            return c.source
    art = extraction.article
    name = art.publisher or "the article"
    key = f"publisher {name}" if art.publisher else f"article {art.id}"
    return AgentRef(name=name, kind="article", key=key, label=name)


def figure_sources(extraction: Extraction) -> None:
    """Who gives each casualty figure: the source of the claim whose words hold the figure's
    words (or that concerns the attack and holds the attack's words), else the article in
    its own voice.  The extractor gives figures no source of their own; this is read from
    the spans it gives."""
    voice: Optional[AgentRef] = None
    for i, attack in enumerate(extraction.attacks):
        for fig in (attack.killed, attack.injured):
            if fig is None or fig.source is not None:
                continue
            fig.source = _claim_source(extraction, i, fig)
            if fig.source is None:
                voice = voice or _article_voice(extraction)
                fig.source = voice


def _claim_source(extraction: Extraction, index: int, fig: Figure) -> Optional[AgentRef]:
    attack = extraction.attacks[index]
    where = fig.span or attack.span
    best = None
    for c in extraction.claims:
        if c.kind != "allegation" or c.source.kind == "article" or not c.source.key:
            continue
        spans = [c.span, *c.extra_spans]
        if any(sp.contains(where) for sp in spans):
            return c.source
        if best is None and index in c.attacks and any(sp.overlaps(where) for sp in spans):
            best = c.source
    return best
