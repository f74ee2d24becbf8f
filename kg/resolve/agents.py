"""Canonical keys and labels for agents: one key per party however it is written.

`canonical` (kg.resolve.names) gives the key of a name alone; `resolve_agents` then joins the
names of one article that stand for the same party: a short form of a longer name ("Kerry"
for "John Kerry"), an acronym the article defines ("ICRC") or whose letters begin the words
of a name it gives ("AI" for "Amnesty International"), an organ named without its state
("the Defence Ministry", "the MoD") after it was named with it ("the Valdorian Defence
Ministry"), and an unknown state named as a noun and an adjective ("Valdoria's ministry",
"the Valdorian army").  A person speaking for a body whose kind only its name tells (the
"Britain-based SOHR") takes that kind.

>>> canonical("Russia’s Defence Ministry")[:2]
('russia defence ministry', 'Russian Defence Ministry')
>>> canonical("Russia's ministry of defence")[0]
'russia defence ministry'
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from kg.extract.agents.kinds import classify_kind
from kg.gazetteer import BODIES, DEMONYMS, STATE_NAMES
from kg.model import AgentRef
from kg.resolve.names import ORGAN_HEADS, canonical, fold

__all__ = ["canonical", "fold", "chain_keys", "resolve_agents", "bodies_named",
           "find_acronyms"]

_STATE_ORGANS = frozenset("""
army military government ministry forces troops navy police authorities regime air
""".split())
_DEMONYM_LIKE = re.compile(r"(ian|an|ese|i|ish|ic|ean)$")
#: Kinds a person speaking for a body takes from it.
_BODY_KINDS = ("government", "military", "armed_group", "ngo", "intergovernmental", "media")


def chain_keys(agent: Optional[AgentRef]) -> set[str]:
    """The keys of an agent and of those it speaks for (spokesman, ministry, state)."""
    keys, n = set(), 0
    while agent is not None and n < 6:
        if agent.key:
            keys.add(agent.key)
        agent, n = agent.speaks_for, n + 1
    return keys


def _all_agents(agents: Iterable[Optional[AgentRef]]):
    for a in agents:
        n = 0
        while a is not None and n < 6:
            yield a
            a, n = a.speaks_for, n + 1


_BODY_NAMES = re.compile(r"\b(" + "|".join(sorted(
    (re.escape(f) for f in BODIES if " " in f or "-" in f), key=len, reverse=True)) + r")\b",
    re.IGNORECASE)


def bodies_named(text: str) -> list[AgentRef]:
    """Known bodies the text names in full ("the Saudi-led coalition"), whether or not they
    speak: what a bare "the coalition" later refers to."""
    out, seen = [], set()
    for m in _BODY_NAMES.finditer(text):
        canon, kind = BODIES[fold(m.group(1))] if fold(m.group(1)) in BODIES else (None, None)
        if canon and canon not in seen:
            seen.add(canon)
            out.append(AgentRef(name=canon, kind=kind))
    return out


# --- keys and kinds ----------------------------------------------------------------------------
def _kind(a: AgentRef, label: str, kind: Optional[str], state: Optional[str]) -> None:
    """The kind the name says, where the extractor said less."""
    if a.kind == "anonymous" and classify_kind(a.name) == "anonymous":
        return                          # "an Israeli military source", "an unnamed activist"
    if kind and (a.kind in (None, "anonymous", "person", "government") or kind != "government"):
        a.kind = kind
    elif a.kind is None:
        a.kind = classify_kind(label, named=not a.generic) or \
            classify_kind(a.name, named=not a.generic) or ("government" if state else None)
    elif a.kind == "government" and kind is None and state is not None and \
            classify_kind(label) == "military":
        a.kind = "military"             # "Russia's defence ministry", a state's army


def _set_keys(flat: list[AgentRef], acronyms: dict[str, str]) -> dict[int, Optional[str]]:
    """Key, label and kind of every agent; returns, by agent, whether its name is known (a
    body, a state, an organ: "known") and the state of an organ ("owner")."""
    owners: dict[int, Optional[str]] = {}
    for a in flat:
        if a.kind == "article":
            continue
        key, label, kind, state = canonical(a.name, acronyms)
        a.key, a.label = key, label
        owners[id(a)] = state if (kind is not None or state is not None) else False
        _kind(a, label, kind, state)
        if state and a.speaks_for is None and fold(state) != key:
            skey, slabel, _, _ = canonical(state)
            a.speaks_for = AgentRef(name=state, kind="government", key=skey, label=slabel)
    return owners


def _people_take_their_bodys_kind(flat: list[AgentRef]) -> None:
    """"Rami X, head of the Britain-based SOHR": the kind the body's name tells."""
    for a in flat:
        body = a.speaks_for
        if a.kind in (None, "person") and a.role and body is not None and \
                body.kind in _BODY_KINDS and fold(body.name) not in STATE_NAMES:
            a.kind = body.kind


# --- names of one article that stand for one party ---------------------------------------------
def _speaks_through(agent: Optional[AgentRef], a: AgentRef) -> bool:
    n = 0
    while agent is not None and n < 6:
        if agent is a:
            return True
        agent, n = agent.speaks_for, n + 1
    return False


def _take(a: AgentRef, donor: AgentRef) -> None:
    a.key, a.label = donor.key, donor.label
    if a.speaks_for is None and donor.speaks_for is not None and \
            not _speaks_through(donor.speaks_for, a):
        a.speaks_for = donor.speaks_for
    if a.kind in (None, "person", "anonymous", "government") and donor.kind:
        a.kind = donor.kind             # "the ministry" is the defence ministry


def _initials(label: str) -> set[str]:
    words = re.findall(r"[\w’'-]+", label)
    every = "".join(w[0] for w in words).lower()
    capital = "".join(w[0] for w in words if w[:1].isupper()).lower()
    return {every, capital}


def _short_form_of(a: AgentRef, donors: list[AgentRef], owners: dict) -> Optional[AgentRef]:
    """The longer name of this article that *a* shortens: "Kerry" -> "John Kerry", "AI" ->
    "Amnesty International"; not "Kordanian (jets)" or "Kordania" -> "Kordanian defence
    ministry": a state is not its organ."""
    acronym = a.name.isupper() and 2 <= len(a.name) <= 6
    for donor in donors:
        words = donor.key.split()
        if len(words) < 2 or _speaks_through(donor, a):
            continue
        if owners.get(id(donor)) and fold(owners[id(donor)]) == a.key:
            continue
        if acronym and a.key in _initials(donor.label or donor.name):
            return donor
        if a.name[:1].isupper() and _DEMONYM_LIKE.search(a.key) and words[0] == a.key and \
                (set(words[1:]) & _STATE_ORGANS or words[1] in ("defence", "foreign")):
            continue                    # "Kordanian jets" blame Kordania, not its ministry
        if words[-1] == a.key or words[0] == a.key:
            return donor
    return None


def _short_forms(flat: list[AgentRef], donors: list[AgentRef], owners: dict) -> None:
    donors = sorted((d for d in donors if d.key and d.kind != "article"),
                    key=lambda d: (-len(d.key), d.key))
    donors = [d for i, d in enumerate(donors) if i == 0 or d.key != donors[i - 1].key]
    for a in flat:
        if not a.key or " " in a.key or a.kind == "article" or owners.get(id(a)) is not False:
            continue
        if a.generic and a.kind in ("witness", "anonymous", "person"):
            continue                    # "doctors" are not "Doctors for Peace"
        donor = _short_form_of(a, donors, owners)
        if donor is not None:
            _take(a, donor)
            owners[id(a)] = None


def _organs_without_state(flat: list[AgentRef], owners: dict) -> None:
    """"the Defence Ministry", "the MoD", after "the Valdorian Defence Ministry": one organ
    of that state named in the article, it is the one."""
    owned: dict[str, list[AgentRef]] = {}
    for a in flat:
        if owners.get(id(a)) and a.key and " " in a.key:
            owned.setdefault(a.key.split(" ", 1)[1], []).append(a)
    for a in flat:
        if not a.key or owners.get(id(a)) or a.kind == "article" or \
                not set(a.key.split()) & ORGAN_HEADS:
            continue
        found = {d.key: d for key, ds in owned.items() for d in ds
                 if key == a.key or key.endswith(" " + a.key)}
        if len(found) == 1:
            _take(a, next(iter(found.values())))
            owners[id(a)] = owners.get(id(next(iter(found.values()))))


def _adjective_of(noun: str, adjective: str) -> bool:
    """"Valdorian" is the adjective of "Valdoria", "Gazan" of "Gaza", "Tigrayan" of "Tigray"."""
    stems = {noun, noun[:-1]} if noun.endswith(("a", "e", "y")) else {noun}
    return any(adjective == s + end for s in stems for end in ("n", "an", "ian", "i", "ese"))


def _one_state(flat: list[AgentRef], owners: dict) -> None:
    """An unknown state named as a noun and as an adjective in one article is one owner:
    keys of the noun ("valdoria ...") take the adjective ("valdorian ...")."""
    names = {fold(s) for s in owners.values() if s} | {a.key for a in flat if a.key and
                                                      " " not in a.key}
    names = {n for n in names if n not in STATE_NAMES and n not in DEMONYMS}
    pairs = {n: adj for n in names for adj in names if n != adj and _adjective_of(n, adj)}
    if not pairs:
        return
    for a in flat:
        if not a.key:
            continue
        first, _, rest = a.key.partition(" ")
        if first in pairs:
            a.key = f"{pairs[first]} {rest}".strip()


def _scope_generic(flat: list[AgentRef], owners: dict, scope: str) -> None:
    """Parties named by common nouns only that are no known body ("residents", "the army")
    are this article's: two articles' "residents" are not one source."""
    done: set[int] = set()
    for a in flat:
        if a.generic and a.kind != "article" and owners.get(id(a)) is False and \
                id(a) not in done and a.key:
            a.key = f"{a.key} in {scope}"
            done.add(id(a))


def resolve_agents(agents: list[AgentRef], acronyms: dict[str, str],
                   named: Iterable[AgentRef] = (), scope: Optional[str] = None) -> None:
    """Set `key` and `label` on every agent (and the bodies they speak for), in place.
    *named* are further bodies the article names, which short forms may stand for.  With
    *scope* (the article's id), an agent named by common nouns only that is no known body
    ("residents", "the army") gets a key of this article's."""
    flat = list(_all_agents(agents))
    named = [a for a in named if a.key is None]
    for a in named:
        a.key, a.label, _, _ = canonical(a.name)
    owners = _set_keys(flat, acronyms)
    _people_take_their_bodys_kind(flat)
    _short_forms(flat, flat + named, owners)
    _one_state(flat, owners)
    _organs_without_state(flat, owners)
    if scope:
        _scope_generic(flat, owners, scope)


def _owner_word(word: str) -> bool:
    """A state's adjective before an organ's name: "Armenian", "Orlan" (not "The")."""
    low = fold(word).rstrip("'s")
    return low in DEMONYMS or (word[:1].isupper() and low not in ("the", "a", "an") and
                               bool(_DEMONYM_LIKE.search(low)))


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "the International Committee of the Red Cross (ICRC)".

    >>> find_acronyms("The Armenian Ministry of Defence (MoD) said. Human Rights Watch (HRW) did.")
    {'mod': 'Armenian Ministry of Defence', 'hrw': 'Human Rights Watch'}
    >>> find_acronyms("Drone Strikes Killed Dozens\\n\\n(Nairobi) – ...")   # a dateline
    {}
    """
    out: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        words = m.group(1).split()
        letters = [c for c in m.group(2) if c.isupper()]
        keep, caps = [], 0
        for w in reversed(words):
            keep.insert(0, w)
            caps += w[0].isupper()
            if caps >= len(letters):
                break
        while keep and keep[0].lower() in ("the", "of", "for", "and"):
            keep.pop(0)
        rest = words[:len(words) - len(keep)]
        while rest and _owner_word(rest[-1]):   # "Armenian Ministry of...", "Orlan ..."
            keep.insert(0, rest.pop())
        if keep:
            out[fold(m.group(2))] = " ".join(keep)
    return out


_ACRONYM = re.compile(r"((?:[A-Z][\w’'\-]*[^\S\n]+(?:(?:of|for|the|and|de|du|des|sans)"
                      r"[^\S\n]+)*){1,8})\(([A-Z][^\W_]{1,7})\)")
