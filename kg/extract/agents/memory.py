"""Who has been mentioned, and what refers back to them: pronouns ("he", "it"), relative
pronouns ("who"), descriptions ("the ministry", "the London-based rights group", "the man")
and the bodies every state has ("the government": the one named before, else the state the
article is about)."""

from __future__ import annotations

from typing import Optional

from kg.extract.agents.kinds import classify_kind
from kg.extract.agents.phrases import NAME_ENTS, is_plural
from kg.extract.agents.reading import Reading
from kg.extract.agents.words import (AGENTIVE, DESCRIPTOR_HEADS, ORG_DESCRIPTORS,
                                     PERSON_NOUNS, STATE_BODIES, TITLE_WORDS)
from kg.extract.context import ArticleContext, Mention
from kg.gazetteer import DEMONYM_OF, STATE_NAMES
from kg.model import AgentRef


def remember(r: Reading, agent: AgentRef, tok, *, person: bool,
             words: Optional[frozenset] = None) -> None:
    """Remember *agent*, named by the phrase headed by *tok*, for later references."""
    r.ctx.remember(Mention(agent, r.si, person=person, plural=is_plural(tok),
                           head=tok.lemma_.lower(),
                           words=words or frozenset(agent.name.lower().split()),
                           subject=r.subject, place=tok.ent_type_ in ("GPE", "LOC", "FAC")))


def remember_person(r: Reading, agent: AgentRef) -> None:
    name = agent.name
    r.ctx.remember(Mention(agent, r.si, person=True, plural=False,
                           head=name.split()[-1].lower(),
                           words=frozenset(name.lower().split()), subject=r.subject))


def re_mention(ctx: ArticleContext, agent: AgentRef, si: int) -> None:
    """A pronoun or description that refers back makes its referent the latest subject."""
    for m in reversed(ctx.mentions):
        if m.agent is agent:
            ctx.remember(Mention(agent, si, person=m.person, plural=m.plural, head=m.head,
                                 place=m.place, words=m.words, subject=True))
            return


def is_person_noun(tok) -> bool:
    return tok.lemma_.lower() in PERSON_NOUNS and tok.tag_ in ("NN", "NNP")


def _agentive_word(t) -> bool:
    return t.lemma_.lower() in AGENTIVE or t.lower_ in AGENTIVE


def relative_antecedent(tok):
    """What "who" refers to: the noun the clause hangs on, or the agent that noun belongs
    to ("civil defence on the scene, who reported")."""
    t, n = tok.head.head, 0
    while t is not None and n < 4:
        if t.ent_type_ in NAME_ENTS or _agentive_word(t):
            return t
        if t.dep_ == "pobj" and t.head.dep_ == "prep":
            t, n = t.head.head, n + 1
            continue
        break
    for prev in reversed(tok.doc[max(tok.sent.start, tok.i - 8):tok.i]):
        if prev.pos_ in ("NOUN", "PROPN") and (prev.ent_type_ in ("PERSON", "ORG", "NORP") or
                                               prev.lemma_.lower() in AGENTIVE):
            return prev                 # "civil defence on the scene, who reported"
    return None


def recent_organisation(ctx: ArticleContext, si: int) -> Optional[AgentRef]:
    """The latest named organisation (not a person, not a state) mentioned."""
    for m in reversed(ctx.mentions):
        if m.sent_index > si or m.sent_index < si - 15 or m.person or m.place:
            continue
        name = m.agent.name
        if name.lower() in STATE_NAMES or not any(w[:1].isupper() for w in name.split()) or \
                m.agent.kind in ("government", "person", "witness", "anonymous"):
            continue
        return m.agent
    return None


def generic_body(name_tok, ctx: ArticleContext, si: int) -> Optional[AgentRef]:
    """"the government", "the army": an earlier mention, else the article's state's."""
    head = name_tok.lemma_.lower()
    found = ctx.recent(si, head=head, person=False)
    described = classify_kind(" ".join(t.text for t in name_tok.lefts))
    if found is not None and (described in (None, "anonymous") or
                              found.kind in (None, described)):
        return found
    if ctx.country:
        adj = DEMONYM_OF.get(ctx.country, ctx.country)
        name = f"{adj} {name_tok.text.lower()}"
        return AgentRef(name=name, span=None,
                        kind="military" if head in ("army", "military") else "government")
    return None


def _same_head(tok, toks, lemma: str, r: Reading) -> Optional[AgentRef]:
    """"the ministry", "the army": the latest body so called, unless the description says
    another kind ("the military government" is not the opposition's)."""
    found = r.ctx.recent(r.si, head=lemma, person=False)
    described = classify_kind(" ".join(t.text for t in toks if t.i != tok.i))
    if found is not None and described not in (None, "anonymous") and \
            found.kind not in (None, described):
        return None
    return found


def _same_kind(toks, lemma: str, r: Reading) -> Optional[AgentRef]:
    """"the London-based rights group": the latest named body of the kind it describes."""
    kind = classify_kind(" ".join(t.text for t in toks))
    if not kind or kind == "anonymous" or lemma not in DESCRIPTOR_HEADS:
        return None
    found = r.ctx.recent(r.si, kinds=(kind,), person=False, bodies_only=True)
    if found is not None and (found.name.lower() in STATE_NAMES or found.name.islower()):
        return None                     # "the regional health office" is not the town
    return found


def described_before(tok, toks, r: Reading) -> Optional[AgentRef]:
    """What a definite description refers back to ("the ministry", "the man"), if anything."""
    lemma = tok.lemma_.lower()
    if is_person_noun(tok):
        found = r.ctx.recent(r.si, person=True, prefer_subject=True)
        if found is not None:
            return found
    if lemma not in DESCRIPTOR_HEADS and lemma not in AGENTIVE:
        return None
    found = _same_head(tok, toks, lemma, r)
    if found is None and lemma in STATE_BODIES:
        found = generic_body(tok, r.ctx, r.si)      # "the government": the state's
    if found is None:
        found = _same_kind(toks, lemma, r)
    if found is None and lemma in ORG_DESCRIPTORS:
        found = recent_organisation(r.ctx, r.si)    # "The group said ..."
    return found


def _definite(tok) -> bool:
    """"the minister", "the regional governor": a role named as known, with no body."""
    lefts = list(tok.lefts)
    return bool(lefts) and lefts[0].lower_ in ("the", "this", "that") and all(
        c.lower_ in TITLE_WORDS for c in lefts[1:])


def role_before(tok, r: Reading) -> Optional[AgentRef]:
    """"the minister", "the spokesman", "the prosecutor": the latest person named in that
    role, or the latest body so called ("the Ukrainian Prosecutor's Office")."""
    if not _definite(tok):
        return None
    lemma = tok.lemma_.lower()
    for m in reversed(r.ctx.mentions):
        if m.sent_index > r.si or m.sent_index < r.si - 15 or (
                m.agent.span is not None and m.agent.span.start >= tok.idx):
            continue
        if m.person and lemma in (m.agent.role or "").lower().replace("-", " ").split():
            return m.agent
        if not m.person and not m.place and lemma in m.words and m.agent.kind != "anonymous":
            return m.agent
    return None
