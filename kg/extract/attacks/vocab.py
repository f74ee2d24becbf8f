"""The attack reader's vocabulary: the word lists and patterns of ``data/attacks.json`` (see
`kg.extract.patterns`), the shared lexicon's, and the regular expressions built from them."""

from __future__ import annotations

import re

from kg.extract import lexicon as L
from kg.extract.patterns import load
from kg.gazetteer import CAPITALS, STATE_NAMES

RULES = load("attacks")
W = RULES.lists

RECEIVING = W["receiving_verbs"]
ORG_HEADS = W["organisation_heads"]
TOWN_NOUNS = W["town_nouns"]
AREA_NOUNS = W["area_nouns"]
REGION_NOUNS = W["region_nouns"]
NOT_PLACE_HEADS = W["not_place_heads"]
MOTION = W["motion_verbs"]
CARRY = W["carry_verbs"]
OF_PLACE_HEADS = W["of_place_heads"]
CAMPAIGN = W["campaign_nouns"]
STATEMENT_NOUNS = W["statement_nouns"]
FACILITY_NOUNS = W["facility_nouns"]
LANDING = W["landing_verbs"]
HIT_PLACE = W["hit_place_verbs"]
AGGREGATE_WORDS = W["aggregate_words"]
COMBATANTS = W["combatant_nouns"]


def _words_re(words, flags=re.I) -> re.Pattern:
    """Any of *words* (phrases allowed, a space matching any spacing), longest first."""
    alts = sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(alts) + r")\b", flags)


TARGET_RE = _words_re(L.TARGET_TERMS)
WEAPONS_RE = _words_re(W["weapons"])
FACILITY_RE = _words_re(FACILITY_NOUNS)
REGION_RE = _words_re(REGION_NOUNS)
DIRECTION_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, W["direction_words"]),
                                                   key=len, reverse=True)) + r")\s*$", re.I)


def _alternation(words) -> str:
    return "|".join(sorted((r"\s?".join(map(re.escape, w.split())) for w in words),
                           key=len, reverse=True))


_EVENTS = _alternation(W["anaphoric_event_nouns"])
#: one incident named back: the singular nouns ("the attack", not "the attacks")
_ONE_EVENT = _alternation(w for w in W["anaphoric_event_nouns"]
                          if not w.endswith("s") and w not in ("event", "disaster", "tragedy"))
#: "the attack", "those strikes", "such attacks": a reference back to an incident
ANAPHORA = re.compile(rf"\b(the|that|this|such|these|those)\s+(\w+\s+)?({_EVENTS})\b", re.I)
#: "the attack", "that strike" (not "the attack on X", which names its own object)
DEFINITE = re.compile(rf"\b(the|that|this)\s+[\"“‘']?(\w+\s+)?({_ONE_EVENT})\b"
                      r"(?!\s+(of|on|against)\b)", re.I)

#: Words that name a state (places too large to be where an attack happened).
COUNTRY_WORDS = frozenset((set(STATE_NAMES) - CAPITALS) |
                          {"congo", "drc", "dr congo", "america", "britain"})
#: the words before a space in a country name ("dr" of "dr congo")
COUNTRY_STARTS = frozenset(c[:i] for c in COUNTRY_WORDS for i, ch in enumerate(c) if ch == " ")

#: prepositions after which a name may be a place
PLACE_PREPS = ("in", "at", "on", "into", "inside", "to", "across", "throughout", "near",
               "outside", "around", "of", "from")
#: prepositions that only roughly locate ("near X": a landmark)
LANDMARK_PREPS = ("near", "outside", "around", "from")
#: prepositions that locate: a name after them is a place whatever the tagger thinks
LOCATIVE = ("in", "at", "inside", "into", "near", "outside", "around", "across", "throughout")
#: entity labels that are never places
NOT_PLACE_ENTS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                  "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT")
#: labels the small model gives to town names it does not know ("Odesa": a language)
SOFT_ENTS = ("LANGUAGE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT")
#: capitals, which stand for their governments ("Moscow said") unless a preposition of
#: place governs them
CAPITALS_WORDS = frozenset(CAPITALS)
