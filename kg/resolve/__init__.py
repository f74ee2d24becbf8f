"""Resolution: the same party, place or incident gets the same key in every article.

`resolve_article` works on one `Extraction` alone (canonical keys and labels for agents and
places, incident keys for attacks, which allegations each denial rejects); the store then
merges what several articles say about the same keys (see `kg.store`).
"""

from __future__ import annotations

from kg.model import Extraction
from kg.resolve.agents import bodies_named, canonical, find_acronyms, resolve_agents
from kg.resolve.attacks import figure_sources, link_sole_incident, resolve_attacks
from kg.resolve.claims import add_counter_attributions, inherit_accused, merge_claims
from kg.resolve.links import drop_unanchored_denials, link_denials


def resolve_article(extraction: Extraction) -> Extraction:
    """Set keys and labels on everything *extraction* names; link denials to allegations."""
    agents = []
    for c in extraction.claims:
        agents.append(c.source)
        agents.extend(c.accused)
        agents.extend(c.rebuts)
    for a in extraction.attacks:
        agents.extend(a.perpetrators)
    text = extraction.article.text
    resolve_agents(agents, find_acronyms(text), bodies_named(text),
                   scope=extraction.article.id)
    for c in extraction.claims:
        if c.source.kind == "article":
            c.source.key = f"publisher {c.source.name}" if extraction.article.publisher else \
                f"article {extraction.article.id}"
            c.source.label = c.source.name
    merge_claims(extraction)
    inherit_accused(extraction)
    add_counter_attributions(extraction)
    resolve_attacks(extraction)
    link_sole_incident(extraction)
    figure_sources(extraction)
    link_denials(extraction)
    drop_unanchored_denials(extraction)
    return extraction


__all__ = ["resolve_article", "canonical"]
