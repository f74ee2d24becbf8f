"""The words agents are read with: the lists of ``data/agents.json`` (each documented there)
and the pronouns and roles of ``data/lexicon.json``, as frozensets named after their ids."""

from __future__ import annotations

from kg.extract.patterns import load

_LISTS = load("agents").lists
#: Every list of the data file (and the lexicon's), by id.
lists = _LISTS

DOCUMENT_NOUNS = _LISTS["document_nouns"]
PART_NOUNS = _LISTS["part_nouns"]
EVIDENCE_NOUNS = _LISTS["evidence_nouns"]
DESCRIPTOR_HEADS = _LISTS["descriptor_heads"]
STATE_BODIES = _LISTS["state_bodies"]
AGENTIVE = _LISTS["agentive_nouns"]
QUANTITY_WORDS = _LISTS["quantity_words"]
TITLE_WORDS = _LISTS["title_words"]
ORG_DESCRIPTORS = _LISTS["org_descriptors"]
GROUP_HEADS = _LISTS["group_heads"]
SPOKESPEOPLE = _LISTS["spokespeople"]
NAME_PARTICLES = _LISTS["name_particles"]
ORG_WORDS = _LISTS["org_words"]
PERSON_NOUNS = _LISTS["person_nouns"]
PLACE_NOUNS = _LISTS["place_nouns"]
ORG_HEADS = _LISTS["org_heads"]
#: Roles in a body ("spokesman", "official", "member"): their bearer speaks for it.
OFFICE_ROLES = _LISTS["office_roles"]
PERSON_PRONOUNS = _LISTS["person_pronouns"]
GROUP_PRONOUNS = _LISTS["group_pronouns"]


def _maps() -> dict:
    import json

    from kg.extract.patterns import DATA

    data = json.loads((DATA / "agents.json").read_text(encoding="utf-8"))
    return {k: v["words"] for k, v in data.items() if isinstance(v, dict)}


_MAPS = _maps()
#: One spelling per word of a body's name ("defense" -> "defence").
SPELLINGS: dict[str, str] = _MAPS["spellings"]
#: Acronyms of a state's organs ("mod" -> "defence ministry").
ORGAN_ACRONYMS: dict[str, str] = _MAPS["organ_acronyms"]
