"""From a token to the party it names: a short decision list of readers, each asked in turn
whether the token is its case (a pronoun, a partitive, a document, an official, a person, a
body or a description), the first that says yes answering."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from kg.extract.agents.bodies import (body_of, kind_by_members, owner_of, possessive_owner,
                                      state_media)
from kg.extract.agents.kinds import classify_kind, known_name
from kg.extract.agents.memory import (described_before, is_person_noun, re_mention,
                                      relative_antecedent, remember, role_before)
from kg.extract.agents.people import DIPLOMATIC_ROLES, name_after_destination, person
from kg.extract.agents.phrases import (NAME_ENTS, appos_name, clean_name, entity,
                                       is_capitalised, is_proper, np_tokens, proper_name)
from kg.extract.agents.reading import Reading
from kg.extract.agents.words import (AGENTIVE, DESCRIPTOR_HEADS, DOCUMENT_NOUNS,
                                     EVIDENCE_NOUNS, GROUP_PRONOUNS, PART_NOUNS,
                                     ORG_HEADS, PERSON_PRONOUNS, OFFICE_ROLES)
from kg.extract.context import ArticleContext
from kg.model import AgentRef

#: A reader's answer meaning "not my case": the next reader is asked.
NEXT = object()


def _own_subject(tok):
    """The subject a possessive pronoun is bound to: "The rights watchdog cited ... to
    support its assertion" (the watchdog), if it comes before the pronoun."""
    head, n = tok.head, 0
    while head is not None and n < 6:
        if head.pos_ in ("VERB", "AUX"):
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and
                    c.i < tok.i and c.pos_ in ("NOUN", "PROPN")]
            subj.sort(key=lambda c: c.pos_ != "PROPN")     # a name before a description
            if subj:
                return subj[0]
        if head.dep_ == "ROOT":
            break
        head, n = head.head, n + 1
    return None


def _pronoun(tok, r: Reading):
    low = tok.lower_
    if low in PERSON_PRONOUNS:
        return r.ctx.recent(r.si, person=True, prefer_subject=True, before=tok.idx)
    if low in ("its", "their") and tok.dep_ == "poss":
        bound = _own_subject(tok)
        if bound is not None and is_agentive(bound):
            return r.again(bound, subject=r.subject)
    if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and \
            tok.head.dep_ in ("relcl", "advcl"):
        bound = _own_subject(tok.head)      # "the government suspended the radios for
        if bound is not None and is_agentive(bound):    # covering the report, which it
            return r.again(bound, subject=r.subject)    # called biased": the government
    if low in GROUP_PRONOUNS or low in ("its", "their", "this", "that"):
        return (r.ctx.recent(r.si, person=False, prefer_subject=True, before=tok.idx) or
                r.ctx.recent(r.si, prefer_subject=True, before=tok.idx))
    if low in ("who", "which") and tok.head.dep_ == "relcl":
        ante = relative_antecedent(tok)
        return r.again(ante, subject=r.subject) if ante is not None else None
    if tok.pos_ == "PRON" and low != "one":
        return None
    return NEXT


def _people_of(tok, r: Reading):
    """"The Chechens said": a people named in the plural speaks through the body of theirs
    named before ("Chechen authorities")."""
    if tok.pos_ != "PROPN" or not tok.lower_.endswith("s") or len(tok.text) < 4:
        return NEXT
    found = r.ctx.recent(r.si, head=tok.lower_[:-1], person=False, bodies_only=True,
                         before=tok.idx)
    return found if found is not None and found.kind != "anonymous" else NEXT


def _partitive(tok, r: Reading):
    """"one of the residents", "two of the doctors": the group."""
    if tok.lower_ != "one" and tok.pos_ != "NUM":
        return NEXT
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    return r.again(o, subject=r.subject)
    return None


def _surname(tok, r: Reading):
    """"Kiper said", after "governor Oleh Kiper"."""
    if tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON" or not r.allow_people or any(
            c.dep_ in ("compound", "amod", "poss", "det") for c in tok.lefts):
        return NEXT
    known = r.ctx.recent(r.si, person=True, head=tok.lower_)
    if known is not None and known.name.split()[-1].lower() == tok.lower_:
        return known
    return NEXT


def _apposition(tok, r: Reading):
    """A description with a name in apposition: "the director of the Orlan Rights Monitor,
    Petra Vask", "the medical charity Health Without Frontiers"."""
    named = appos_name(tok) if tok.pos_ == "NOUN" and r.allow_people else None
    if named is None:
        return NEXT
    if named.ent_type_ == "PERSON":
        return person(named, r, role_tok=tok)
    appos = next((c for c in tok.children if c.dep_ == "appos"), None)
    if tok.lemma_.lower() in OFFICE_ROLES and appos is not None and appos.pos_ == "PROPN" \
            and named.i <= appos.i and any(x.i == named.i for x in appos.subtree):
        # a role's named apposition is a person, whatever the tagger thought of the name
        return person(appos, r, role_tok=tok)
    agent = r.again(named, subject=r.subject)
    if agent is not None and agent.kind is None:
        # "the medical charity Health Without Frontiers": the descriptor says the kind
        agent.kind = classify_kind(" ".join(
            [t.text for t in tok.lefts if t.dep_ in ("amod", "compound")] + [tok.text]))
    return agent


def _evidence(tok, r: Reading):
    """"satellite imagery analysed by X", "X's photographs": X speaks."""
    if tok.lemma_.lower() not in EVIDENCE_NOUNS:
        return NEXT
    owner = evidence_owner(tok)
    return r.again(owner, subject=r.subject) if owner is not None else None


def evidence_owner(tok):
    """The one who gathered the evidence: "X's imagery", "imagery analysed by X"."""
    for c in tok.children:
        if c.dep_ == "poss" and (c.ent_type_ in NAME_ENTS or c.pos_ == "PROPN"):
            return c
    for c in tok.children:
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    for o in a.children:
                        if o.dep_ == "pobj":
                            return o
    return None


def _document(tok, r: Reading):
    """"the Amnesty report", "an MSF team", "figures from the ministry": the owner."""
    lemma = tok.lemma_.lower()
    if lemma not in DOCUMENT_NOUNS and lemma not in PART_NOUNS:
        return NEXT
    agent, decided = owner_of(tok, entity(tok), r)
    return agent if decided else NEXT


def _official(tok, r: Reading):
    """An official with no name given: the body speaks ("a spokesman for the ministry");
    with a name in apposition: the person ("a spokesman, Omar Vell")."""
    if tok.lemma_.lower() not in OFFICE_ROLES or tok.ent_type_ == "PERSON":
        return NEXT
    for c in tok.subtree:
        if c.dep_ == "appos":
            people = [x for x in c.subtree if x.ent_type_ == "PERSON"]
            if people:
                return person(people[-1], r, role_tok=tok)
    named = name_after_destination(tok)
    if named is not None:               # "Valdoria's envoy to the UN Ivan Petrov"
        return person(named, r, role_tok=tok)
    body = body_of(tok, r, sent_to=tok.lemma_.lower() in DIPLOMATIC_ROLES)
    if body is not None:                # the body speaks, through this role (a copy: the
        return replace(body, role=tok.text)     # body named before keeps its own)
    known = role_before(tok, r)         # "the minister", "the prosecutor"
    if known is not None:
        return known
    name, sp = clean_name(np_tokens(tok), generic=True)
    agent = AgentRef(name=name, span=sp, kind=classify_kind(name) or "anonymous",
                     generic=True)
    remember(r, agent, tok, person=is_person_noun(tok))
    return agent


def _named_person(tok, r: Reading):
    """A person's name, also "Government spokesperson Legesse Tulu" and "X, head of MSF's
    unit" whom the tagger did not take for a person."""
    if not r.allow_people:
        return NEXT
    role_before = tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG") and any(
        c.i < tok.i and c.dep_ == "compound" and c.pos_ == "NOUN" and
        c.lemma_.lower() in OFFICE_ROLES for c in tok.subtree)
    role_after = tok.pos_ == "PROPN" and any(
        c.dep_ == "appos" and c.lemma_.lower() in OFFICE_ROLES for c in tok.children)
    if (tok.ent_type_ == "PERSON" and not _organisation(tok)) or role_before or role_after:
        return person(tok, r)
    return NEXT


def _organisation(tok) -> bool:
    """A name the tagger took for a person that names a body: its words hold an
    organisation's head ("the Colombian Army", "the Sinjar Academy"), or it is a body or a
    state of the gazetteer ("G7")."""
    ent = entity(tok)
    words = [t.lower_ for t in (ent if ent is not None else [tok])]
    return any(w in ORG_HEADS for w in words) or known_name(" ".join(words))


def _speaker_word(tok) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in AGENTIVE or tok.lower_ in AGENTIVE or lemma in DESCRIPTOR_HEADS or \
        lemma in OFFICE_ROLES


def _named(tok):
    """(name, span, kind, description) of a body named: the name whole ("Doctors for Peace",
    "the Ministry of Defence"), its kind from the description before it ("the medical
    charity"), else from the name."""
    lemma = tok.lemma_.lower()
    if lemma in ("ministry", "department"):
        toks = np_tokens(tok, with_preps=True)      # "the health ministry in Gaza"
        described = []
    else:
        toks, described = proper_name(tok)
    name, sp = clean_name(toks)
    kind = classify_kind(" ".join(t.text for t in described)) if described else None
    if kind in (None, "anonymous", "witness", "person"):
        kind = classify_kind(name, named=is_capitalised(tok))
    if kind is None and tok.ent_type_ in ("GPE", "NORP"):
        kind = "government"
    if kind is None:
        kind = kind_by_members(toks)    # "the YBŞ", whose members are "YBŞ fighters"
    return name, sp, kind, " ".join(t.text for t in described)


def _described(tok):
    """(name, span, kind, "") of a group or body described ("residents of the area")."""
    name, sp = clean_name(np_tokens(tok, with_preps=True), generic=True)
    return name, sp, classify_kind(name) or "anonymous", ""


def _body_or_description(tok, r: Reading):
    """A body named ("Doctors for Peace", "Russia's Defence Ministry") or described ("the
    ministry": what it refers back to; "residents of the shelled areas": a group)."""
    toks = np_tokens(tok, with_preps=True)
    proper = is_proper(tok)
    if not proper and toks[0].lower_ in ("the", "this", "that"):
        found = described_before(tok, toks, r)
        if found is not None:
            return found
    if not proper and not _speaker_word(tok):
        return None
    name, sp, kind, described = _named(tok) if proper else _described(tok)
    agent = AgentRef(name=name, span=sp, kind=kind, generic=not proper)
    state_media(agent, described, r)
    ent = entity(tok)
    possessive_owner(tok, ent, agent, r)
    if r.remember:
        remember(r, agent, tok, person=is_person_noun(tok),
                 words=frozenset(t.lower_ for t in toks))
    return agent


_READERS = (_pronoun, _people_of, _partitive, _surname, _apposition, _evidence, _document,
            _official, _named_person, _body_or_description)


def _read(tok, r: Reading) -> Optional[AgentRef]:
    found = None
    for reader in _READERS:
        found = reader(tok, r)
        if found is not NEXT:
            break
    else:
        found = None
    if found is not None and r.subject and r.remember and not any(
            m.agent is found and m.sent_index == r.si for m in r.ctx.mentions):
        re_mention(r.ctx, found, r.si)
    return found


def make_agent(tok, ctx: ArticleContext, si: int, *, allow_people: bool = True,
               subject: bool = False, remember: bool = True) -> Optional[AgentRef]:
    """The agent the token *tok* (head of a subject, object, ``by``-phrase...) refers to;
    *subject*: it is the subject of its clause (pronouns prefer it later); *remember*:
    remember it for later references."""
    speaker = subject or (tok.dep_ == "pobj" and tok.head.lower_ == "to" and
                          tok.head.head.lower_ == "according")    # "according to X"
    return _read(tok, Reading(ctx, si, _read, allow_people=allow_people, subject=speaker,
                              remember=remember))


def _can_speak_as_number(tok) -> bool:
    """"one of the residents": a partitive of a group that can speak."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        is_agentive(o) for o in c.children if o.dep_ == "pobj") for c in tok.children)


def is_agentive(tok) -> bool:
    """Can this token name someone who speaks?  Names, pronouns, people and bodies."""
    if tok is None:
        return False
    if tok.ent_type_ in NAME_ENTS or tok.pos_ == "PROPN":
        return True
    low = tok.lower_
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
        return True
    if low in ("this", "that") and tok.dep_ in ("nsubj", "nsubjpass"):
        return True                     # "This eventually concluded that ..."
    if low in ("who", "which", "that") and tok.head.dep_ == "relcl":
        return relative_antecedent(tok) is not None
    if low == "one" or tok.pos_ == "NUM":
        return _can_speak_as_number(tok)
    if tok.pos_ == "NOUN" and appos_name(tok) is not None:
        return True
    lemma = tok.lemma_.lower()
    if lemma in EVIDENCE_NOUNS:         # "satellite imagery analysed by X": X speaks
        return evidence_owner(tok) is not None
    return _speaker_word(tok) or lemma in DOCUMENT_NOUNS or lemma in PART_NOUNS
