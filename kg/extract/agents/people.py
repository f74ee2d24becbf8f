"""People: the name as written (without titles, particles kept), the role given before or
after it ("Russian Foreign Minister Sergei Lavrov", "Philip Luther, Director of ... at Amnesty
International", "Government spokesperson Legesse Tulu"), the body the role speaks for, and
the kind that follows (a spokesman has his body's kind; a resident is a witness)."""

from __future__ import annotations

import re
from typing import Optional

from kg.extract.agents.bodies import body_of
from kg.extract.agents.kinds import classify_kind
from kg.extract.agents.memory import remember_person
from kg.extract.agents.phrases import clean_name, entity
from kg.extract.agents.reading import Reading
from kg.extract.agents.words import NAME_PARTICLES, ORG_WORDS, SPOKES_NOUNS, lists
from kg.gazetteer import DEMONYMS, STATE_NAMES
from kg.model import AgentRef, Span

WITNESS_ROLES = lists["witness_roles"]

_HONORIFICS = ("Col.", "Colonel", "Brigadier", "General", "Gen.", "Lord", "Dr", "Dr.",
               "President", "Prime Minister", "Secretary", "Mr", "Mr.", "Ms", "Ms.")
_HEAD_TITLE = re.compile(r"\b(President|Prime Minister|Premier|King|Emir|Chancellor|"
                         r"Supreme Leader)\s*$")
_OFFICE_TITLE = re.compile(
    r"(?:\b(former|Former|ex-)\s+)?(?:\b([A-Z][\w.]*(?:\s[A-Z][a-z]+)?)\s+)?"
    r"\b(Secretary of State|(?:Foreign|Defen[cs]e|Interior|Home|Health|Prime) Minister|"
    r"Minister(?: of [A-Z][\w ]+?)?|(?:Foreign|Defen[cs]e|Home) Secretary|Ambassador|Senator|"
    r"Governor|Mayor|Vice[- ]President)\s*,?\s*$")


def _state_word(word: str) -> Optional[str]:
    """The state a word names or is the adjective of ("US", "Russian", "Saudi Arabian")."""
    low = word.lower().rstrip(".").replace("’s", "").replace("'s", "")
    return STATE_NAMES.get(low) or DEMONYMS.get(low)


# --- the name ----------------------------------------------------------------------------------
def _with_first_name(name_toks: list) -> list:
    """"Legesse" of "Legesse Tulu", left out of a one-word entity."""
    if len(name_toks) != 1 or name_toks[0].i == 0:
        return name_toks
    first = name_toks[0]
    prev = first.doc[first.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ == "compound" and not prev.ent_type_ and \
            prev.head.i == first.i and prev.lower_ not in ORG_WORDS and \
            not _OFFICE_TITLE.search(prev.text) and prev.text[:1].isupper():
        return [prev] + name_toks
    return name_toks


def _proper_tail(name_toks: list) -> list:
    """The last proper nouns of the entity: "Ukraine's Security Service Artem Dekhtyarenko"
    names Artem Dekhtyarenko; particles kept inside ("Ahmed al-Asiri")."""
    tail = []
    for t in reversed(name_toks):
        if t.text in ("-", "‐") or t.lower_ in NAME_PARTICLES:
            tail.insert(0, t)
            continue
        if t.pos_ != "PROPN" or t.lower_ in ORG_WORDS or t.text in ("’s", "'s"):
            break
        tail.insert(0, t)
    while tail and (tail[0].text in ("-", "‐") or tail[0].lower_ in NAME_PARTICLES):
        tail.pop(0)
    return tail if tail and len(tail) < len(name_toks) else name_toks


def _without_honorific(name: str, sp: Span) -> tuple[str, Span]:
    for title in _HONORIFICS:
        if name.startswith(title + " ") and len(name.split()) > 2:
            return name[len(title) + 1:], Span(sp.start + len(title) + 1, sp.end)
    return name, sp


def person_name(tok) -> tuple[str, Span]:
    ent = entity(tok)
    toks = list(ent) if ent is not None else [tok]
    name_toks = [t for t in toks if t.ent_type_ == "PERSON"] or toks
    name_toks = _proper_tail(_with_first_name(name_toks))
    return _without_honorific(*clean_name(name_toks))


# --- the role and the body ---------------------------------------------------------------------
def _office(agent: AgentRef, text: str) -> bool:
    """"US Secretary of State John Kerry", "Russian Foreign Minister Sergei Lavrov": a
    minister speaks for the state; "former Foreign Secretary Lord Owen" for himself."""
    sp = agent.span
    office = _OFFICE_TITLE.search(text[max(0, sp.start - 60):sp.start])
    if office is None:
        return False
    agent.role = office.group(3)
    if (office.group(1) or "").lower() in ("former", "ex-"):
        agent.kind = "person"
        return True
    agent.kind = "government"
    words = (office.group(2) or "").split()
    state = _state_word(" ".join(words)) or (_state_word(words[0]) if words else None)
    if state is not None:
        agent.speaks_for = AgentRef(name=state, kind="government")
    return True


def _role_of(tok):
    """The role given with a name: in apposition ("X, Director of ..."), before it
    ("Government spokesperson X"), or as a second subject ("The director of Amnesty, X
    said")."""
    for c in tok.children:
        if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.lemma_.lower() in SPOKES_NOUNS or
                                  c.lower_ in SPOKES_NOUNS):
            return c
    for c in tok.subtree:               # the role may hang on the first name, not the last
        if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod") and \
                c.lemma_.lower() in SPOKES_NOUNS:
            return c
    if tok.dep_ == "nsubj":
        for c in tok.head.children:
            if c.dep_ == "nsubj" and c.i < tok.i and c.pos_ == "NOUN" and \
                    tok.doc[c.right_edge.i + 1].text == ",":
                return c
    return None


def _possessive_body(tok, r: Reading) -> Optional[AgentRef]:
    """"Ethiopia's government spokesperson Legesse Tulu": Ethiopia."""
    for c in tok.subtree:
        if c.i < tok.i and c.dep_ == "poss" and c.pos_ != "PRON":
            return r.again(c, remember=False)
    return None


def _head_of_state(agent: AgentRef, r: Reading) -> None:
    """"President Vladimir Putin": a head of state or government speaks for the state the
    story is about."""
    text = r.ctx.doc.user_data["kg_text"]
    if r.ctx.country and _HEAD_TITLE.search(text[max(0, agent.span.start - 40):
                                                  agent.span.start]):
        agent.speaks_for = AgentRef(name=r.ctx.country, kind="government")
        agent.kind = "government"


def person(tok, r: Reading, role_tok=None) -> AgentRef:
    """The person named by *tok*, with the role and the body they speak for."""
    name, sp = person_name(tok)
    agent = AgentRef(name=name, span=sp, kind=None)
    if _office(agent, r.ctx.doc.user_data["kg_text"]):
        remember_person(r, agent)
        return agent
    role = role_tok if role_tok is not None else _role_of(tok)
    witness = role is not None and role.lemma_.lower() in WITNESS_ROLES
    body = None
    if role is not None:
        agent.role = role.text
        if witness:                     # "a resident of Beilyagan": a place, not a body
            agent.kind = "witness"
        else:
            body = body_of(role, r)
    if body is None and not witness:
        body = _possessive_body(tok, r)
    if body is not None and body.name != name:
        agent.speaks_for = body
        agent.kind = body.kind if body.kind not in (None, "anonymous") else None
    if body is None and not witness:
        _head_of_state(agent, r)
    if agent.kind is None:
        agent.kind = classify_kind(agent.role or "") or "person"
        if agent.kind == "anonymous":
            agent.kind = "person"
    remember_person(r, agent)
    return agent
