"""Bodies: the body an official speaks for ("a spokesman for the Russian Defence Ministry",
"Hamas official", "the military spokesman"), the owner of a document or team ("the Amnesty
report", "an MSF team"), an official with no name ("a senior official"), and a body named
or described ("Doctors for Peace", "the Brastovian health ministry", "state television")."""

from __future__ import annotations

import re
from typing import Optional

from kg.extract.agents.kinds import classify_kind
from kg.extract.agents.memory import generic_body, remember
from kg.extract.agents.phrases import NAME_ENTS, clean_name
from kg.extract.agents.reading import Reading
from kg.extract.agents.words import (DESCRIPTOR_HEADS, DOCUMENT_NOUNS, GROUP_HEADS,
                                     OFFICE_ROLES, SPOKESPEOPLE, STATE_BODIES, TITLE_WORDS,
                                     lists)
from kg.model import AgentRef

PORTFOLIOS = lists["portfolios"]
ARMED_MEMBERS = lists["heads_armed_group"]

_BODY_KINDS = ("government", "military", "armed_group", "ngo", "intergovernmental")
_NOT_OWNERS = lists["not_owners"]
_STATE_MEDIA = re.compile(r"\bstate(?:-run|-owned)?\s+(?:news\s+agency|media|television|tv|"
                          r"broadcaster|radio|news)\b", re.I)


# --- the body an official speaks for -------------------------------------------------------
def _portfolio(t) -> bool:
    """"(Secretary of) State", "(Minister of) Defence": an office's charge, not a body."""
    words = " ".join(x.lower_ for x in t.subtree if x.i <= t.i)
    return t.head.lower_ == "of" and words in PORTFOLIOS


def _body_in_phrase(tok, sent_to: bool = False):
    """The body named in the role's phrase: "(spokesman) for the ministry", "(director) at
    Amnesty International", "(head) of MSF's emergency unit" (MSF); with *sent_to* (a
    diplomat), "to X" says where they are sent, not whom they speak for."""
    skip = set()
    for c in tok.children:
        if c.dep_ in ("appos", "relcl", "acl"):
            skip.update(x.i for x in c.subtree)
    candidates = []
    for t in tok.subtree:
        if t.i in skip or t.ent_type_ == "PERSON" or t.dep_ != "pobj" or _portfolio(t):
            continue
        prep = t.head.lower_
        if prep == "to" and sent_to:
            continue
        if prep in ("for", "of", "at", "with", "from", "to") and (
                t.ent_type_ in ("ORG", "GPE", "NORP") or t.pos_ == "PROPN" or
                t.lemma_.lower() in DESCRIPTOR_HEADS or t.lower_ in DESCRIPTOR_HEADS):
            candidates.append(t)
        elif prep in ("of", "at", "in"):
            candidates.extend(c for c in t.children if c.dep_ == "poss" and (
                c.ent_type_ in ("ORG", "GPE", "NORP") or c.pos_ == "PROPN"))
    named = [t for t in candidates if t.ent_type_ in ("ORG", "GPE", "NORP")]
    named_mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss") and
                  c.ent_type_ == "ORG"]
    if named_mods and not named:
        return named_mods[-1]
    if named:
        return named[-1]
    return candidates[0] if candidates else None


def _is_modifier(c) -> bool:
    """A word before a role that may name its body: not "senior", "Prime", "Foreign"."""
    return c.lower_ not in TITLE_WORDS and c.lemma_.lower() not in OFFICE_ROLES and \
        c.lower_ not in PORTFOLIOS


def _role_modifiers(tok) -> list:
    """The words before a role that may name its body: "(military) spokesman",
    "Government (spokesperson Legesse Tulu)", with both nouns hung on the name."""
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss") and
            _is_modifier(c)]
    if not mods and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.dep_ in ("compound", "amod", "nmod") and prev.head.i != tok.i and \
                prev.head.i > tok.i and _is_modifier(prev) and \
                prev.pos_ in ("NOUN", "PROPN", "ADJ"):
            mods = [prev]
    return mods


def _body_of_modifiers(mods, r: Reading) -> Optional[AgentRef]:
    poss = [c for c in mods if c.dep_ == "poss"]
    if poss:
        return r.again(poss[0], remember=False)
    toks = sorted((x for c in mods for x in c.subtree if x.lower_ not in TITLE_WORDS),
                  key=lambda t: t.i)
    if len(toks) == 1 and toks[0].lemma_.lower() in STATE_BODIES:
        return generic_body(toks[0], r.ctx, r.si)
    if len(toks) == 1 and toks[0].pos_ == "NOUN" and toks[0].lemma_.lower() in GROUP_HEADS:
        # "Coalition spokesman X", after "the Saudi-led coalition": that coalition
        return r.ctx.recent(r.si, head=toks[0].lemma_.lower(), person=False)
    if not any(t.ent_type_ in ("ORG", "NORP", "GPE") or t.pos_ == "PROPN" or
               t.lemma_.lower() in STATE_BODIES for t in toks):
        return None
    name, sp = clean_name(toks)
    return AgentRef(name=name, span=sp, kind=classify_kind(name) or "government")


def body_of(tok, r: Reading, *, sent_to: bool = False) -> Optional[AgentRef]:
    """The body an official speaks for: "(spokesman) for the Russian Defence Ministry",
    "(director ...) at Amnesty International", "(Hamas) official", "(military) spokesman"."""
    named = _body_in_phrase(tok, sent_to)
    if named is not None:
        return r.again(named, allow_people=False, remember=False)
    mods = _role_modifiers(tok)
    if mods:
        return _body_of_modifiers(mods, r)
    if tok.lower_ in SPOKESPEOPLE and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the")
                                          for c in tok.children):
        # "A spokesman, Major General X, said": the body that has just spoken
        return r.ctx.recent(r.si, person=False, prefer_subject=True, bodies_only=True,
                            window=2, kinds=_BODY_KINDS, before=tok.idx)
    return None


def body_of_title(words: list, r: Reading) -> Optional[AgentRef]:
    """The body in the words of a title before the role ("International Criminal Court
    (prosecutor)", "Valdoria's (envoy)", "Senior Hamas (official)", "Government
    (spokesperson)", "Coalition (spokesman)"): an organisation, else a state, else a name."""
    words = [t for t in words if _is_modifier(t)]
    if len(words) == 1 and words[0].lemma_.lower() in STATE_BODIES:
        return generic_body(words[0], r.ctx, r.si)
    if len(words) == 1 and words[0].lemma_.lower() in GROUP_HEADS:
        found = r.ctx.recent(r.si, head=words[0].lemma_.lower(), person=False)
        if found is not None:
            return found
    for test in (lambda t: t.ent_type_ == "ORG", lambda t: t.ent_type_ in ("GPE", "NORP"),
                 lambda t: t.pos_ == "PROPN"):
        found = [t for t in words if test(t)]
        if found:
            return r.again(found[-1], allow_people=False, remember=False)
    return None


# --- owners of documents and parts -----------------------------------------------------------
def _owner_words(tok) -> list:
    return [x for x in tok.lefts if x.dep_ in ("poss", "compound", "nmod", "amod") and
            (x.ent_type_ in NAME_ENTS or x.pos_ in ("PROPN", "NOUN", "ADJ")) and
            x.lower_ not in _NOT_OWNERS]


def _named_owner(tok, ent, r: Reading):
    """"the Amnesty report", "Russia's statement": the owner named before the noun; "the UN
    human rights office", "an MSF medical team": the body named whole."""
    lemma = tok.lemma_.lower()
    for c in tok.lefts:
        if ent is not None and ent.start <= c.i and lemma not in DOCUMENT_NOUNS:
            continue                    # "Prosecutor General's Office" is one name
        if c.dep_ not in ("poss", "compound", "nmod") or not (
                c.ent_type_ in NAME_ENTS or c.pos_ == "PROPN"):
            continue
        if lemma not in DOCUMENT_NOUNS and c.lemma_.lower() in OFFICE_ROLES:
            continue                    # "the Prosecutor's Office" is a body of its own
        owner = _owner_words(tok)
        if c.dep_ == "poss" or len(owner) <= 1:
            return r.again(c, subject=r.subject), True
        toks = sorted(owner + ([tok] if lemma in ("office", "mission", "delegation") else []),
                      key=lambda t: t.i)
        name, sp = clean_name(list(tok.doc[toks[0].i:toks[-1].i + 1]))
        agent = AgentRef(name=name, span=sp, kind=classify_kind(name) or "government")
        remember(r, agent, tok, person=False, words=frozenset(t.lower_ for t in toks))
        return agent, True
    return None, False


def _owner_after(tok, r: Reading):
    """"a report by X", "figures from the ministry", "a statement issued by X"."""
    for t in tok.subtree:
        if t.dep_ == "agent" or (t.dep_ == "prep" and (t.lower_ == "by" or (
                t.lower_ == "from" and t.head.i == tok.i))):
            for o in t.children:
                if o.dep_ == "pobj":
                    return r.again(o, subject=r.subject), True
    return None, False


def owner_of(tok, ent, r: Reading):
    """(agent, decided) for a document or a part of a body: its owner speaks."""
    agent, decided = _named_owner(tok, ent, r)
    if not decided:
        agent, decided = _owner_after(tok, r)
    if not decided and tok.lemma_.lower() in DOCUMENT_NOUNS:
        return _issuer(r), True
    return agent, decided


def _named_body(a: Optional[AgentRef]) -> bool:
    return a is not None and not a.generic and a.span is not None and \
        a.kind not in (None, "witness", "anonymous", "person", "article")


def _issuer(r: Reading) -> Optional[AgentRef]:
    """"the statement added", "the report says": the body that spoke last; if that was no
    body that issues reports ("survivors said"), the latest body named."""
    spoke = r.ctx.recent(r.si, person=False, prefer_subject=True)
    if _named_body(spoke):
        return spoke
    for m in reversed(r.ctx.mentions):
        if r.si - 15 <= m.sent_index <= r.si and not (m.person or m.place) and \
                _named_body(m.agent):
            return m.agent
    return spoke


def kind_by_members(name_toks) -> Optional[str]:
    """An organisation the gazetteer does not know whose members the article calls
    fighters or militants ("YBŞ fighter Isa X") is an armed group."""
    if not name_toks:
        return None
    doc = name_toks[-1].doc
    armed = doc.user_data.get("kg_armed_names")
    if armed is None:                   # once per article: the words before "fighters"
        armed = doc.user_data["kg_armed_names"] = frozenset(
            t.text for t in doc if t.dep_ == "compound" and t.head.lower_ in ARMED_MEMBERS)
    return "armed_group" if name_toks[-1].text in armed else None


# --- bodies named or described ---------------------------------------------------------------
def state_media(agent: AgentRef, described: str, r: Reading) -> None:
    """"State news agency SANA", "state television": the state speaks through them."""
    if _STATE_MEDIA.search(f"{described} {agent.name}") and r.ctx.country:
        agent.kind = "media"
        agent.speaks_for = AgentRef(name=r.ctx.country, kind="government")


def possessive_owner(tok, ent, agent: AgentRef, r: Reading) -> None:
    """"Russia's Defence Ministry": the ministry speaks for Russia; "Ukraine's Prosecutor
    General's Office": the owner of the whole name."""
    lefts = list(tok.lefts)
    for c in lefts:
        if c.dep_ == "poss" and ent is not None and ent.start <= c.i:
            lefts.extend(c.lefts)
    for c in lefts:
        if ent is not None and ent.start <= c.i:
            continue
        if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP", "ORG"):
            owner = r.again(c, allow_people=False, remember=False)
            if owner is not None and owner.name != agent.name:
                agent.speaks_for = owner
