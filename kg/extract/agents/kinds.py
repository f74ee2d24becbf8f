"""The kind of a source (ngo, government, military, ...) from the words of its name, role or
body, read as a noun phrase: its head noun first ("the Colombian Army", "Chechen
authorities", "Yugoslav media", "six experts"), with the descriptors that change it ("rebel
forces", "a rights group", "the defence ministry"); a known body of the gazetteer named in
it ("an ICRC team"); else the cue words of each kind (``kind_*`` in ``data/agents.json``).

>>> classify_kind("Russian Defence Ministry")
'military'
>>> classify_kind("Human Rights Watch")
'ngo'
>>> classify_kind("two residents")
'witness'
>>> classify_kind("Israeli military source")
'anonymous'
>>> classify_kind("UNAMA")
'intergovernmental'
>>> classify_kind("the Army’s Aerial Assault Division"), classify_kind("Chechen authorities")
('military', 'government')
>>> classify_kind("Syrian opposition activists"), classify_kind("rebel forces")
('anonymous', 'armed_group')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kg.extract.agents.words import lists
from kg.gazetteer import BODIES, DEMONYMS, STATE_NAMES

#: The order in which the kinds' cues are tried: the first kind with a cue in the name wins.
KIND_ORDER = ("military", "intergovernmental", "ngo", "media", "witness", "armed_group",
              "government", "anonymous")
#: One expression per kind: any of its cues as whole words (a plural "s" or "es" allowed).
_CUES = {kind: re.compile(r" (?:" + "|".join(re.escape(c.strip()) for c in sorted(
    lists[f"kind_{kind}"], key=len, reverse=True)) + r")(?:s|es)?(?= )") for kind in KIND_ORDER}
#: Head nouns that say the kind by themselves, in the order they are tried.
_HEADS = [(kind, lists[f"heads_{kind}"]) for kind in
          ("anonymous", "person", "witness", "media", "armed_group", "ngo", "military",
           "government")]
_BY_DESCRIPTOR = lists["heads_by_descriptor"]
_DESCRIPTORS = [(kind, lists[f"descriptors_{kind}"]) for kind in
                ("armed_group", "ngo", "intergovernmental")]
_MILITARY_DESCRIPTORS = lists["descriptors_military"]
_FORCES = frozenset({"forces", "force", "army"})
#: Heads naming people of a body: only the body they belong to gives their kind ("aid
#: workers" are anonymous, "UN officials" intergovernmental, "Russian officials" government).
_MEMBERS = frozenset({"officials", "official", "members", "member", "staff", "workers"})
#: Short forms of bodies that are also English words: a body only when they are the name.
_WORDLIKE = frozenset({"is", "who", "ap", "au"})
#: Prepositions that end the head of a name ("the Observatory for Human Rights").
_HEAD_END = re.compile(r" (?:of|for|in|at|with|to|from|on|near|inside) ")


def classify_kind(*names: str, named: bool = False) -> Optional[str]:
    """The source kind that the words of a name, role or body suggest.  *named*: the words
    are an organisation's proper name, whose head names no people ("Doctors for Peace")."""
    if any(n and (re.fullmatch(r"UN[A-Z]{2,6}", n.strip()) or re.search(r"\bWHO\b", n))
           for n in names):
        return "intergovernmental"      # the UN's missions (UNAMA, UNMISS), the WHO (not "who")
    kind = _classify_kind(" " + " ".join(n.lower() for n in names if n) + " ")
    if named and kind in _PEOPLE and _head(" " + " ".join(names).lower() + " ") in _PEOPLE_HEADS:
        return None
    return kind


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace(",", " ").replace("(", " ").replace(")", " ")
    text = re.sub(r"'s? ", " ", text)
    return re.sub(r"\s+", " ", text)


def _known_body(words: list[str]) -> Optional[str]:
    """The kind of a gazetteer body named by some of *words* ("an icrc team")."""
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            form = " ".join(words[i:i + n])
            if form in BODIES and (form not in _WORDLIKE or len(words) == n):
                return BODIES[form][1]
    return None


def _members_kind(mods: list[str]) -> Optional[str]:
    """"military officials", "Russian officials" (a body known by name has been tried)."""
    if set(mods) & _MILITARY_DESCRIPTORS:
        return "military"
    if any(m in DEMONYMS or m in STATE_NAMES for m in mods):
        return "government"
    return None


def known_name(name: str) -> bool:
    """Is *name* a body or a state of the gazetteer ("G7", "the Pentagon", "Kyiv")?"""
    low = _normal(" " + name.lower() + " ").strip()
    low = low[4:] if low.startswith("the ") else low
    return low in BODIES or low in STATE_NAMES


def _by_descriptors(head: str, mods: list[str]) -> Optional[str]:
    """"rebel forces", "a rights group", "UN officials", "Russian officials"; "armed
    forces" are a state's, an "armed group" is not."""
    if head in _MEMBERS:
        return _members_kind(mods)
    joined = " " + " ".join(mods) + " "
    for kind, words in _DESCRIPTORS:
        said = {w for w in words if f" {w} " in joined}
        if kind == "armed_group" and head in _FORCES:
            said.discard("armed")       # "armed forces" are a state's
        if said:
            return kind
    return "military" if head in _FORCES else None


def _by_head(head: str, mods: list[str], tail: list[str]) -> Optional[str]:
    """The kind the head noun says, with its descriptors; *tail*: the words after the head
    ("(ministry) of defence")."""
    if head in _BY_DESCRIPTOR:
        return _by_descriptors(head, mods)
    for kind, words in _HEADS:
        if head in words:
            if kind == "government" and set(mods + tail[:2]) & _MILITARY_DESCRIPTORS:
                return "military"       # "the defence ministry", "the Ministry of Defence"
            return kind
    return None


def _by_cues(text: str) -> Optional[str]:
    for kind in KIND_ORDER:
        if _CUES[kind].search(text):
            return kind
    return None


_PEOPLE = ("witness", "anonymous", "person")
_PEOPLE_HEADS = frozenset().union(*(lists[f"heads_{k}"] for k in _PEOPLE))


def _head(text: str) -> str:
    words = _normal(_HEAD_END.split(text.replace("’", "'"))[0]).split()
    return words[-1] if words else ""


@lru_cache(maxsize=4096)
def _classify_kind(text: str) -> Optional[str]:
    """`classify_kind` of the lowercased words, padded with spaces (a few hundred distinct
    names recur across articles: cached)."""
    text = text.replace("’", "'")
    if re.match(r" (the )?(un|u\.n\.|united nations|unicef|unhcr|unrwa|who|ocha) ", text):
        return "intergovernmental"
    if re.search(r" (unnamed|anonymous|unidentified) ", text):
        return "anonymous"              # "an unnamed official"
    head_part = _HEAD_END.split(text)[0]
    head_words = _normal(head_part).split()
    if not head_words:
        return None
    head, mods = head_words[-1], head_words[:-1]
    if head in lists["heads_anonymous"]:
        return "anonymous"              # "an Israeli military source", "Hamas sources"
    # a body named before the head is a part of it ("an ICRC team"), unless it owns a thing
    # of another kind ("Al-Houthi's channel")
    own = _normal(re.split(r"'s? ", head_part)[-1]).split()
    tail = _normal(text[len(head_part):]).split()[1:]
    return _known_body(own[:-1]) or _by_head(head, mods, tail) or \
        _known_body(_normal(text).split()) or _by_cues(_normal(text))
