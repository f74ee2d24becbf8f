"""One key per party however it is written: the canonical form of a name.

A known body or state of the gazetteer is itself; a state's organ is its owner and its
function, however either is written ("Russia's Defence Ministry", "the Russian defense
ministry", "Russia's ministry of defence", "the Ministry of Defence of the Russian
Federation", "Russian MoD": ``russia defence ministry``); an unknown state's organ the same
way ("the Valdorian Ministry of Defence" and "Valdorian Defence Ministry":
``valdorian defence ministry``); anything else its words.

>>> canonical("Russia’s Defence Ministry")[:2]
('russia defence ministry', 'Russian Defence Ministry')
>>> canonical("the Russian defense ministry")[0] == canonical("Russian MoD")[0]
True
>>> canonical("Ministry of Defence of the Russian Federation")[0]
'russia defence ministry'
>>> canonical("Valdorian Ministry of Defence")[0] == canonical("the Valdorian Defence Ministry")[0]
True
>>> canonical("Moscow")[:3]
('russia', 'Russia', 'government')
>>> canonical("MSF")[:3]
('medecins sans frontieres', 'Médecins Sans Frontières', 'ngo')
>>> canonical("the London-based Syrian Observatory for Human Rights")[1]
'Syrian Observatory for Human Rights'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from kg.extract.agents.words import ORGAN_ACRONYMS, SPELLINGS, lists
from kg.gazetteer import BODIES, BODY_STATES, DEMONYM_OF, DEMONYMS, STATE_NAMES

#: (key, label, kind, state)
Canonical = tuple[str, str, Optional[str], Optional[str]]

_OF_NOUNS = ("ministry", "department", "minister", "office", "secretary", "committee")
#: Heads of a state's organs: a capitalised word before them is their owner ("Gaza Health
#: Ministry", "Orlan Defence Ministry").
ORGAN_HEADS = frozenset("""
ministry department army military forces troops navy police government authorities
authority regime office prosecutor command staff embassy cabinet parliament presidency
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
_PORTFOLIOS = lists["portfolios"]
_SPELLINGS = re.compile(r"(?<![\w'])(?:" + "|".join(
    re.escape(w) for w in sorted(SPELLINGS, key=len, reverse=True)) + r")(?![\w'])")


def fold(s: str) -> str:
    """Lowercase ASCII-ish form with straight apostrophes and single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").casefold()
    s = re.sub(r"[\"“”()\[\],;:]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _strip_article(s: str) -> str:
    return re.sub(r"^(the|a|an) ", "", s)


def _label(name: str) -> str:
    label = re.sub(r"^(the|The|a|A|an|An) ", "", name.strip())
    label = re.sub(r"^[\w.]+-based ", "", label)
    return re.sub(r"[’']s$", "", label).strip()


def _bare(name: str) -> str:
    """The folded name without article, quantities, "X-based" and a final possessive."""
    f = _QUANTIFIERS.sub("", _strip_article(fold(name)))
    f = re.sub(r"^[\w.]+-based ", "", f)          # "the London-based ...", "Britain-based"
    words = f.split()
    if len(words) > 1 and words[-1] in BODIES and name.strip().endswith(")"):
        f = " ".join(words[:-1])        # "Human Rights Watch (HRW)"
    return re.sub(r"'s$", "", f).strip()


# --- known bodies and states -----------------------------------------------------------------
def _body_forms(f: str, name: str):
    """The forms of a name that may be a known body's."""
    yield f
    if "/" in f:                        # "Doctors Without Borders/Médecins Sans Frontières"
        yield from (part.strip() for part in f.split("/"))
    words = f.split()
    if len(words) > 1 and words[-1] in _MEMBERS:
        yield " ".join(words[:-1])      # "M23 fighters", "Houthi rebels": the group
    described = _DESCRIBED.fullmatch(f)
    if described:
        yield described.group(1)        # "the White Helmets rescue group"
    raw = name.split()
    lead = 0
    while lead < len(raw) - 1 and (raw[lead][:1].islower() or
                                   raw[lead].lower() in _LEAD_DESCRIPTORS):
        lead += 1                       # "the paramilitary Rapid Support Forces"
    if lead:
        yield _strip_article(fold(" ".join(raw[lead:])))


def _known(f: str, name: str) -> Optional[Canonical]:
    for form in _body_forms(f, name):
        if form in BODIES:
            canon, kind = BODIES[form]
            return fold(canon), canon, kind, BODY_STATES.get(canon)
    words = f.split()
    head = " ".join(words[:-1]) if len(words) > 1 and words[-1] in _MEMBERS else f
    if f in STATE_NAMES or head in STATE_NAMES:
        state = STATE_NAMES.get(f) or STATE_NAMES[head]
        return fold(state), state, "government", state
    return None


# --- a state's organs --------------------------------------------------------------------------
def _normal_words(words: list[str]) -> list[str]:
    """One spelling of an organ's words: "ministry of foreign affairs" -> "foreign
    ministry", "mod" -> "defence ministry"."""
    text = " ".join(words)
    if text in ORGAN_ACRONYMS:
        return ORGAN_ACRONYMS[text].split()
    text = _SPELLINGS.sub(lambda m: SPELLINGS[m.group(0)], text)
    words = [w for w in text.split() if w != "the"]
    if len(words) >= 3 and words[0] in _OF_NOUNS and words[1] == "of":
        words = words[2:] + [words[0]]          # "ministry of defence" -> "defence ministry"
    return words


def _known_owner(words: list[str]) -> tuple[Optional[str], list[str]]:
    """A state the name begins or ends with: "russia's (defence ministry)", "russian (...)",
    "(ministry of defence) of the russian federation"."""
    for n in (3, 2, 1):
        if len(words) > n:
            head = " ".join(words[:n])
            bare = head[:-2] if head.endswith("'s") else head
            state = DEMONYMS.get(bare) or (STATE_NAMES.get(bare) if head.endswith("'s") or
                                           bare in STATE_NAMES else None)
            if state:
                return state, words[n:]
    m = re.fullmatch(r"(.+) (?:of|in) (?:the )?(.+)", " ".join(words))
    if m and m.group(2) in STATE_NAMES and m.group(1).split()[0] in ORGAN_HEADS:
        return STATE_NAMES[m.group(2)], m.group(1).split()
    return None, words


def _is_organ(words: list[str]) -> bool:
    """"defence ministry", "army", "army units": a state's organ (no "of" left in it)."""
    return 0 < len(words) <= 4 and bool(set(words[:3]) & ORGAN_HEADS) and "of" not in words


def _unknown_owner(name: str, words: list[str]) -> tuple[Optional[str], list[str]]:
    """An owner the gazetteer does not know: "Valdorian (Defence Ministry)", "Valdoria's
    (...)", "Gaza (Health Ministry)", "(Ministry of Defence) of Valdoria"; not a portfolio
    ("Defence Ministry") nor a place before a command ("Africa Command")."""
    label = _label(name)
    m = re.fullmatch(r"(.+) (?:of|in) (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)", label)
    if m and fold(m.group(2)) not in _PORTFOLIOS:
        rest = _normal_words(fold(m.group(1)).split())
        if _is_organ(rest):
            return m.group(2), rest
    raw = label.split()
    if len(raw) < 2 or not raw[0][:1].isupper() or fold(raw[0]) in _PORTFOLIOS:
        return None, words
    owner = re.sub(r"[’']s$", "", raw[0])
    rest = _normal_words(words[1:])
    if _is_organ(rest) and (raw[0] != owner or _DEMONYM_LIKE.search(owner.lower()) or
                            rest[0] in _PORTFOLIOS):
        return owner, rest
    return None, words


def _adjective(state: str) -> str:
    return DEMONYM_OF.get(state, state)


def _title(words: list[str]) -> str:
    return " ".join(w if w.isupper() else (w[:1].upper() + w[1:]) for w in words)


def _organ(f: str, name: str, acronyms: Optional[dict]) -> Optional[Canonical]:
    state, rest = _known_owner(f.split())
    if state and rest:
        return _state_organ(state, _normal_words(rest), acronyms)
    owner, rest = _unknown_owner(name, f.split())
    if owner:
        return f"{fold(owner)} {' '.join(rest)}", _label(name), None, owner
    return None


def _state_organ(state: str, rest: list[str], acronyms: Optional[dict]) -> Canonical:
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
    return f"{fold(state)} {rest_key}", f"{_adjective(state)} {_title(rest)}", None, state


def canonical(name: str, acronyms: Optional[dict[str, str]] = None) -> Canonical:
    """(key, label, kind, state) for a party's name; kind and state when known.
    *acronyms* are those the article defines ("gpo" -> "General Prosecutor's Office")."""
    f = _bare(name)
    if acronyms and f in acronyms and f not in BODIES and fold(acronyms[f]) != f:
        name = acronyms[f]
        f = _bare(name)
    found = _known(f, name) or _organ(f, name, acronyms)
    if found is not None:
        return found
    words = _normal_words(f.split())
    key = " ".join(words)
    if key in BODIES:
        canon, kind = BODIES[key]
        return fold(canon), canon, kind, BODY_STATES.get(canon)
    return key, _label(name), None, None
