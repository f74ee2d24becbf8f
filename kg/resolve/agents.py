"""Canonical keys and labels for agents: one key per party however it is written.

"Amnesty", "Amnesty International" -> ``amnesty international``; "Russia's Defence Ministry",
"the Russian defense ministry", "Russia's ministry of defence" -> ``russia defence ministry``;
"the Kremlin", "Moscow", "Russian Federation" -> ``russia``.  Within one article, a short form
of a longer name ("Kerry" for "John Kerry", "Luther" for "Philip Luther") and an acronym the
article defines ("ICRC") take the longer name's key.

>>> canonical("Russia’s Defence Ministry")[:2]
('russia defence ministry', 'Russian Defence Ministry')
>>> canonical("the Russian defense ministry")[0]
'russia defence ministry'
>>> canonical("Russia's ministry of defence")[0]
'russia defence ministry'
>>> canonical("Moscow")[:3]
('russia', 'Russia', 'government')
>>> canonical("MSF")[:3]
('medecins sans frontieres', 'Médecins Sans Frontières', 'ngo')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional

from kg.model import AgentRef
from kg.extract.agents.kinds import classify_kind
from kg.gazetteer import BODIES, BODY_STATES, DEMONYM_OF, DEMONYMS, STATE_NAMES

_SPELLING = {
    "defense": "defence", "organization": "organisation", "center": "centre",
    "programme": "program", "militia": "militia", "u.s.": "us", "u.n.": "un",
}
_OF_NOUNS = ("ministry", "department", "minister", "office", "secretary", "committee")


def fold(s: str) -> str:
    """Lowercase ASCII-ish form with straight apostrophes and single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").casefold()
    s = re.sub(r"[\"“”()\[\],;:]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _strip_article(s: str) -> str:
    return re.sub(r"^(the|a|an) ", "", s)


def _state_prefix(words: list[str]) -> tuple[Optional[str], list[str]]:
    """Split "russia's defence ministry" / "russian defence ministry" into (Russia, rest)."""
    for n in (3, 2, 1):
        if len(words) > n:
            head = " ".join(words[:n])
            bare = head[:-2] if head.endswith("'s") else head
            state = DEMONYMS.get(bare) or (STATE_NAMES.get(bare) if head.endswith("'s") or
                                           bare in STATE_NAMES else None)
            if state:
                return state, words[n:]
    return None, words


def _normalise_rest(words: list[str]) -> list[str]:
    words = [_SPELLING.get(w, w) for w in words]
    # "ministry of defence" -> "defence ministry"
    if len(words) >= 3 and words[0] in _OF_NOUNS and words[1] == "of":
        words = words[2:] + [words[0]]
    return [w for w in words if w not in ("the",)]


def _adjective(state: str) -> str:
    return DEMONYM_OF.get(state, state)


_STATE_ORGANS = frozenset("""
army military government ministry forces troops navy police authorities regime air
""".split())
_DEMONYM_LIKE = re.compile(r"(ian|an|ese|i|ish|ic|ean)$")
_DESCRIBED = re.compile(r"(.+?) (?:rescue |aid |rights |medical |militant |armed |rebel |relief |"
                        r"humanitarian |charity )?(?:group|organi[sz]ation|charity|agency|"
                        r"movement|militia|network)")
_MEMBERS = frozenset("fighters rebels militants members forces troops officials gunmen".split())
_QUANTIFIERS = re.compile(r"^((one|two|three|four|five|six|seven|eight|nine|ten|several|some|"
                          r"many|both|all|other|few|\d+)( of)?( the)? )+")


_LEAD_DESCRIPTORS = frozenset("the paramilitary militant rebel islamist jihadist insurgent "
                              "armed separatist".split())


def canonical(name: str, acronyms: Optional[dict[str, str]] = None
              ) -> tuple[str, str, Optional[str], Optional[str]]:
    """(key, label, kind, state) for a party's name; kind and state when known.
    *acronyms* are those the article defines ("gpo" -> "General Prosecutor's Office")."""
    f = _QUANTIFIERS.sub("", _strip_article(fold(name)))
    if acronyms and f in acronyms and f not in BODIES:
        return canonical(acronyms[f])
    words = f.split()
    if len(words) > 1 and (words[-1] in BODIES or (acronyms and words[-1] in acronyms)) and \
            words[-1].upper() == words[-1].upper() and name.strip().endswith(")"):
        f = " ".join(words[:-1])        # "Human Rights Watch (HRW)"
    if "/" in f:                        # "Doctors Without Borders/Médecins Sans Frontières"
        for part in f.split("/"):
            if part.strip() in BODIES:
                f = part.strip()
                break
    words = f.split()
    if len(words) > 1 and words[-1] in _MEMBERS:
        head = " ".join(words[:-1])     # "M23 fighters", "Houthi rebels": the group
        if head in BODIES or head in STATE_NAMES:
            f = head
    f = re.sub(r"'s$", "", f).strip()
    described = _DESCRIBED.fullmatch(f)
    if described and described.group(1) in BODIES:
        f = described.group(1)          # "the White Helmets rescue group": the White Helmets
    raw_words = name.split()
    lead = 0
    while lead < len(raw_words) - 1 and (raw_words[lead][:1].islower() or
                                         raw_words[lead].lower() in _LEAD_DESCRIPTORS):
        lead += 1                       # "the paramilitary Rapid Support Forces", also first
                                        # in a sentence: "Paramilitary Rapid Support Forces"
    if lead and f not in BODIES:
        named = _strip_article(fold(" ".join(raw_words[lead:])))
        if named in BODIES:
            f = named
    if f in BODIES:
        canon, kind = BODIES[f]
        return fold(canon), canon, kind, BODY_STATES.get(canon)
    if f in STATE_NAMES:
        state = STATE_NAMES[f]
        return fold(state), state, "government", state
    words = f.split()
    state, rest = _state_prefix(words)
    if state and rest:
        rest = _normalise_rest(rest)
        rest_key = " ".join(rest)
        if acronyms and rest_key in acronyms:
            key, label, kind, st = canonical(acronyms[rest_key])
            if st is None:
                return f"{fold(state)} {key}", f"{_adjective(state)} {label}", kind, state
            if st == state:
                return key, label, kind, state
        if rest_key in BODIES:
            canon, kind = BODIES[rest_key]
            return fold(canon), canon, kind, state
        key = f"{fold(state)} {rest_key}"
        label_rest = " ".join(w if w.isupper() else (w[:1].upper() + w[1:]) for w in rest)
        return key, f"{_adjective(state)} {label_rest}", None, state
    words = _normalise_rest(words)
    key = " ".join(words)
    if key in BODIES:
        canon, kind = BODIES[key]
        return fold(canon), canon, kind, BODY_STATES.get(canon)
    raw = name.strip().split()
    raw = raw[1:] if raw and raw[0].lower() in ("the", "a", "an") else raw
    if len(words) > 1 and set(words[1:4]) & _STATE_ORGANS and raw and raw[0][:1].isupper() \
            and _DEMONYM_LIKE.search(words[0]):
        # "Brastovian army", "Brastovian defence ministry": an adjective of a state not in
        # the gazetteer; the organ speaks for "Brastovian" as the party
        state = raw[0].rstrip("’'s")
        label = re.sub(r"^(the|The|a|A|an|An) ", "", name.strip())
        return key, label, None, state
    label = re.sub(r"^(the|The|a|A|an|An) ", "", name.strip())
    label = re.sub(r"[’']s$", "", label).strip()
    return key, label, None, None


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
        while a is not None:
            yield a
            a = a.speaks_for


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


def resolve_agents(agents: list[AgentRef], acronyms: dict[str, str],
                   named: Iterable[AgentRef] = (), scope: Optional[str] = None) -> None:
    """Set `key` and `label` on every agent (and the bodies they speak for), in place.
    *named* are further bodies the article names, which short forms may stand for.  With
    *scope* (the article's id), an agent named by common nouns only that is no known body
    ("residents", "the army") gets a key of this article's: two articles' "residents" are
    not one source."""
    flat = list(_all_agents(agents))
    named = [a for a in named if a.key is None]
    for a in named:
        a.key, a.label, _, _ = canonical(a.name)
    known: dict[int, bool] = {}
    for a in flat:
        if a.kind == "article":
            continue
        key, label, kind, state = canonical(a.name, acronyms)
        a.key, a.label = key, label
        known[id(a)] = kind is not None or state is not None
        if a.kind == "anonymous" and classify_kind(a.name) == "anonymous":
            pass                        # "an Israeli military source", "an unnamed activist"
        elif kind and (a.kind in (None, "anonymous", "person", "government") or
                       kind != "government"):
            a.kind = kind
        elif a.kind is None:
            a.kind = classify_kind(label) or classify_kind(a.name) or (
                "government" if state else None)    # "the Ukrainian side"
        elif a.kind == "government" and kind is None and state is not None and \
                classify_kind(label) == "military":
            a.kind = "military"         # "Russia's defence ministry", a state's army
        if state and a.speaks_for is None and fold(state) != key:
            skey, slabel, _, _ = canonical(state)
            a.speaks_for = AgentRef(name=state, kind="government", key=skey, label=slabel)
    # a short form takes the key of a longer name of the same article ("Kerry", "Luther")
    donors = flat + named
    keys = sorted({a.key for a in donors if a.key and a.kind != "article"}, key=len,
                  reverse=True)
    for a in flat:
        if not a.key or " " in a.key or a.kind == "article" or known.get(id(a)):
            continue
        for longer in keys:
            words = longer.split()
            if len(words) > 1 and words[0] == a.key and a.name[:1].isupper() and \
                    _DEMONYM_LIKE.search(a.key) and \
                    (set(words[1:]) & _STATE_ORGANS or words[1] in ("defence", "foreign")):
                continue                # "Kordanian jets" blame Kordania, not its ministry
            if len(words) > 1 and (words[-1] == a.key or words[0] == a.key):
                donor = next(x for x in donors if x.key == longer)
                a.key, a.label = donor.key, donor.label
                if a.speaks_for is None and donor.speaks_for is not None:
                    a.speaks_for = donor.speaks_for
                if a.kind in (None, "person", "anonymous", "government") and donor.kind:
                    a.kind = donor.kind     # "the ministry" is the defence ministry
                known[id(a)] = True
                break
    if scope:
        done: set[int] = set()
        for a in flat:
            if a.generic and a.kind != "article" and not known.get(id(a)) and \
                    id(a) not in done and a.key:
                a.key = f"{a.key} in {scope}"
                done.add(id(a))


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
        while rest and fold(rest[-1]).rstrip("'s") in DEMONYMS:   # "Armenian Ministry of..."
            keep.insert(0, rest.pop())
        if keep:
            out[m.group(2).lower()] = " ".join(keep)
    return out


_ACRONYM = re.compile(r"((?:[A-Z][\w’'\-]*[^\S\n]+(?:(?:of|for|the|and|de|du|des|sans)"
                      r"[^\S\n]+)*){1,8})\(([A-Z][A-Za-z0-9]{1,7})\)")
