"""From a noun phrase in a parse to an `AgentRef`: who is speaking, blamed or defended.

Handles names ("Amnesty International"), officials with their body ("Igor Konashenkov, a
spokesman for the Russian Defence Ministry"; "Senior Hamas official Basem Naim"; "a spokesman
for the armed forces"), owners of documents and teams ("the Amnesty report", "an MSF team"),
partitives ("one of the residents"), pronouns and descriptions that refer back ("he", "the
ministry", "the London-based rights group", "the man") and generic state bodies ("the
government", "the army": the state the article is about).
"""

from __future__ import annotations

import re

from typing import Optional

from kg.extract.context import ArticleContext, Mention, sentence_ents
from kg.gazetteer import DEMONYM_OF, STATE_NAMES as _STATES, classify_kind
from kg.extract.lexicon import GROUP_PRONOUNS, PERSON_PRONOUNS, SPOKES_NOUNS
from kg.model import AgentRef, Span

NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
#: Nouns that name a document or statement: its owner is the source.
DOCUMENT_NOUNS = frozenset("""
report statement tweet findings finding investigation release study survey data analysis
account communique communiqué letter post video footage briefing assessment inquiry probe
review estimate estimates figure figures tally statistics statistic
""".split())
#: Nouns for a part of a body that speaks for it: "an MSF team", "the ICRC office in Yemen".
PART_NOUNS = frozenset("team teams staff office delegation mission branch unit".split())
#: Heads of descriptions that refer back to a named body ("the ministry").
DESCRIPTOR_HEADS = frozenset("""
group organisation organization ministry army military government coalition paramilitary
agency authorities monitor charity militia rebels movement office side regime forces
committee council body institution company network channel service team mission
administration police prosecutor
""".split())
#: Bodies every state has: "the government" is the government of the article's state.
STATE_BODIES = frozenset("government army military authorities regime police".split())
#: Nouns that denote people or bodies that can speak (beyond named entities).
AGENTIVE = frozenset("""
analyst analysts expert experts witness witnesses resident residents survivor survivors
activist activists local locals doctor doctors medic medics worker workers source sources
group groups organisation organization organisations organizations ministry government army
military forces force police authority authorities agency agencies monitor monitors
observer observers investigator investigators team committee commission council court
tribunal people villager villagers family families relative relatives lawyer lawyers
journalist journalists correspondent reporter channel media newspaper charity charities ngo
ngos rebel rebels militant militants fighter fighters militia coalition regime side
administration office department embassy diplomat diplomats leader leaders commander
commanders man woman men women father mother son daughter brother sister husband wife
official officials spokesman spokeswoman spokesperson representative director head chief
minister secretary ambassador envoy general colonel governor president premier adviser
advisor aide coordinator researcher researchers officer officers chairman paramilitary
opposition palestinians israelis victims student students teacher teachers nurse nurses
staff mission delegation prosecutor prosecutors member members campaigners campaigner
monitor unit troops soldiers soldier navy guard guards parliament congress senate
defence defense
""".split())
_NP_LEFT = ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "advmod",
            "npadvmod", "predet")
_DET_WORDS = ("the", "a", "an", "some", "several", "many", "both", "all", "one", "two",
              "three", "four", "five", "six", "seven", "eight", "nine", "ten", "other",
              "few", "dozens", "hundreds", "most", "of")
_TITLE_WORDS = ("senior", "top", "former", "chief", "deputy", "acting", "then", "current",
                "unnamed", "anonymous")


def _ent(tok):
    """The named-entity span *tok* is in (walking the IOB tags: no scan of the document)."""
    if tok.ent_type_ not in NAME_ENTS:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def np_tokens(tok, *, with_preps: bool = False) -> list:
    """The tokens of the noun phrase headed by *tok*: left modifiers and, optionally,
    prepositional modifiers ("residents of the shelled border areas")."""
    keep = {tok.i}

    def left(t):
        for c in t.lefts:
            if c.dep_ in _NP_LEFT:
                keep.update(x.i for x in c.subtree if x.dep_ != "punct" or x.text in "-’'")
                left(c)

    left(tok)
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") or (c.dep_ == "case" and c.text in ("’s", "'s")):
            keep.update(x.i for x in c.subtree)
        elif with_preps and c.dep_ == "prep" and c.lower_ in ("of", "to", "for", "in", "at",
                                                             "from", "on") and not any(
                x.dep_ == "pcomp" or x.pos_ == "VERB" for x in c.children):
            cut = {y.i for x in c.subtree if x.dep_ in ("relcl", "acl", "appos")
                   for y in x.subtree}       # "at the hospital, who asked not to be named"
            keep.update(x.i for x in c.subtree if x.i not in cut and not x.is_punct)
    e = _ent(tok)
    if e is not None:
        keep.update(range(e.start, e.end))
    lo, hi = min(keep), max(keep)
    return [tok.doc[i] for i in range(lo, hi + 1)]


def span_of(tokens) -> Span:
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def clean_name(tokens, *, generic: bool = False) -> tuple[str, Span]:
    """The name as written, without leading articles (and, for descriptions, quantities)
    and trailing possessive marks or punctuation."""
    toks = list(tokens)
    strip = _DET_WORDS if generic else ("the", "a", "an")
    while toks and (toks[0].lower_ in strip or toks[0].is_punct or toks[0].like_num or
                    toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].lower_ in ("’s", "'s", "’", "'") or toks[-1].is_punct or
                    toks[-1].is_space):
        toks.pop()
    if not toks:
        toks = [t for t in tokens if not t.is_space] or list(tokens)
    sp = span_of(toks)
    return "".join(t.text_with_ws for t in toks).strip(), sp


def is_agentive(tok) -> bool:
    """Can this token name someone who speaks?  Names, pronouns, people and bodies."""
    if tok is None:
        return False
    if tok.ent_type_ in NAME_ENTS or tok.pos_ == "PROPN":
        return True
    if tok.lower_ in PERSON_PRONOUNS or tok.lower_ in GROUP_PRONOUNS:
        return True
    if tok.lower_ in ("this", "that") and tok.dep_ in ("nsubj", "nsubjpass"):
        return True                     # "This eventually concluded that ..."
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        return _relative_antecedent(tok) is not None
    if tok.lower_ == "one" or tok.pos_ == "NUM":     # "one of the residents"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            is_agentive(o) for o in c.children if o.dep_ == "pobj") for c in tok.children)
    if tok.pos_ == "NOUN" and _appos_name(tok) is not None:
        return True
    low = tok.lemma_.lower()
    if low in EVIDENCE_NOUNS:           # "satellite imagery analysed by X": X speaks
        return _evidence_owner(tok) is not None
    return (low in AGENTIVE or tok.lower_ in AGENTIVE or low in SPOKES_NOUNS or
            low in DOCUMENT_NOUNS or low in PART_NOUNS or low in DESCRIPTOR_HEADS)


#: Evidence that speaks for whoever gathered it, when the text names them.
EVIDENCE_NOUNS = frozenset("imagery image images photograph photographs photo photos "
                           "fragments remnants".split())


def _evidence_owner(tok):
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


def _relative_antecedent(tok):
    """What "who" refers to: the noun the clause hangs on, or the agent that noun belongs
    to ("civil defence on the scene, who reported")."""
    t, n = tok.head.head, 0
    while t is not None and n < 4:
        if t.ent_type_ in NAME_ENTS or t.lemma_.lower() in AGENTIVE or t.lower_ in AGENTIVE:
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


def _is_plural(tok) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)


def _appos_name(tok):
    """A named apposition: "the paragon of ..., US Secretary of State John Kerry, said"."""
    for c in tok.children:
        if c.dep_ == "appos":
            for t in c.subtree:
                if t.ent_type_ in ("PERSON", "ORG") and t.dep_ not in ("pobj",):
                    return t if t.ent_type_ != "PERSON" else (
                        [x for x in c.subtree if x.ent_type_ == "PERSON"][-1])
    return None


_ORG_DESCRIPTORS = frozenset("""
group organisation organization body charity agency movement monitor watchdog institution
network
""".split())


def _recent_organisation(ctx: ArticleContext, si: int) -> Optional[AgentRef]:
    """The latest named organisation (not a person, not a state) mentioned."""
    from kg.gazetteer import STATE_NAMES
    for m in reversed(ctx.mentions):
        if m.sent_index > si or m.sent_index < si - 15 or m.person or m.place:
            continue
        name = m.agent.name
        if name.lower() in STATE_NAMES or not any(w[:1].isupper() for w in name.split()) or \
                m.agent.kind in ("government", "person", "witness", "anonymous"):
            continue
        return m.agent
    return None


def _generic_body(name_tok, ctx: ArticleContext, si: int) -> Optional[AgentRef]:
    """"the government", "the army": an earlier mention, else the article's state's."""
    head = name_tok.lemma_.lower()
    found = ctx.recent(si, head=head, person=False)
    described = classify_kind(" ".join(t.text for t in name_tok.lefts))
    if found is not None and (described in (None, "anonymous") or found.kind in (None,
                                                                                described)):
        return found
    if ctx.country:
        adj = DEMONYM_OF.get(ctx.country, ctx.country)
        name = f"{adj} {name_tok.text.lower()}"
        return AgentRef(name=name, span=None,
                        kind="military" if head in ("army", "military") else "government")
    return None


_GROUP_HEADS = frozenset("coalition alliance group militia movement front".split())
_SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson".split())


def _body_of(tok, ctx: ArticleContext, si: int) -> Optional[AgentRef]:
    """The body an official speaks for: "(spokesman) for the Russian Defence Ministry",
    "(director ...) at Amnesty International", "(Hamas) official", "(military) spokesman"."""
    candidates = []
    appos = set()
    for c in tok.children:
        if c.dep_ in ("appos", "relcl", "acl"):
            appos.update(x.i for x in c.subtree)
    for t in tok.subtree:
        if t.i in appos or t.ent_type_ == "PERSON" or t.i == tok.i:
            continue                    # (never the official itself: "the President")
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "of", "at", "with", "from", "to") \
                and (t.ent_type_ in ("ORG", "GPE", "NORP") or t.pos_ == "PROPN" or
                     t.lemma_.lower() in DESCRIPTOR_HEADS or t.lower_ in DESCRIPTOR_HEADS):
            candidates.append(t)
        elif t.dep_ == "pobj" and t.head.lower_ in ("of", "at", "in"):
            owner = [c for c in t.children if c.dep_ == "poss" and (
                c.ent_type_ in ("ORG", "GPE", "NORP") or c.pos_ == "PROPN")]
            candidates.extend(owner)    # "head of MSF's emergency unit": MSF
    named_mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss") and
                  c.ent_type_ == "ORG"]
    named = [t for t in candidates if t.ent_type_ in ("ORG", "GPE", "NORP")]
    if named_mods and not named:
        return make_agent(named_mods[-1], ctx, si, allow_people=False, remember=False)
    if named or candidates:
        body = named[-1] if named else candidates[0]
        return make_agent(body, ctx, si, allow_people=False, remember=False)
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")
            and c.lower_ not in _TITLE_WORDS and c.lemma_.lower() not in SPOKES_NOUNS]
    if not mods and tok.i > 0:          # "Government spokesperson Legesse Tulu", with both
        prev = tok.doc[tok.i - 1]       # nouns hung on the name
        if prev.dep_ in ("compound", "amod", "nmod") and prev.head.i != tok.i and \
                prev.head.i > tok.i and prev.lower_ not in _TITLE_WORDS and \
                prev.lemma_.lower() not in SPOKES_NOUNS and prev.pos_ in ("NOUN", "PROPN", "ADJ"):
            mods = [prev]
    if not mods and tok.lower_ in _SPOKESPEOPLE and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in tok.children):
        # "A spokesman, Major General X, said": the body that has just spoken
        return ctx.recent(si, person=False, prefer_subject=True, bodies_only=True, window=2,
                          kinds=("government", "military", "armed_group", "ngo",
                                 "intergovernmental"), before=tok.idx)
    if not mods:
        return None
    if any(c.dep_ == "poss" for c in mods):
        poss = [c for c in mods if c.dep_ == "poss"][0]
        return make_agent(poss, ctx, si, remember=False)
    toks = []
    for c in mods:
        toks.extend(x for x in c.subtree if x.lower_ not in _TITLE_WORDS)
    toks.sort(key=lambda t: t.i)
    if len(toks) == 1 and toks[0].lemma_.lower() in STATE_BODIES:
        return _generic_body(toks[0], ctx, si)
    if len(toks) == 1 and toks[0].pos_ == "NOUN" and toks[0].lemma_.lower() in _GROUP_HEADS:
        # "Coalition spokesman X", after "the Saudi-led coalition": that coalition
        return ctx.recent(si, head=toks[0].lemma_.lower(), person=False)
    if not any(t.ent_type_ in ("ORG", "NORP", "GPE") or t.pos_ == "PROPN" or
               t.lemma_.lower() in STATE_BODIES for t in toks):
        return None
    name, sp = clean_name(toks)
    return AgentRef(name=name, span=sp, kind=classify_kind(name) or "government")


def make_agent(tok, ctx: ArticleContext, si: int, *, allow_people: bool = True,
               subject: bool = False, remember: bool = True) -> Optional[AgentRef]:
    """The agent the token *tok* (head of a subject, object, ``by``-phrase...) refers to."""
    found = _make_agent(tok, ctx, si, allow_people=allow_people, subject=subject,
                        remember=remember)
    if found is not None and subject and remember and not any(
            m.agent is found and m.sent_index == si for m in ctx.mentions):
        _re_mention(ctx, found, si)
    return found


def _re_mention(ctx: ArticleContext, agent: AgentRef, si: int) -> None:
    """A pronoun or description that refers back makes its referent the latest subject."""
    for m in reversed(ctx.mentions):
        if m.agent is agent:
            ctx.remember(Mention(agent, si, person=m.person, plural=m.plural, head=m.head,
                                 place=m.place,
                                 words=m.words, subject=True))
            return


def _make_agent(tok, ctx: ArticleContext, si: int, *, allow_people: bool = True,
                subject: bool = False, remember: bool = True) -> Optional[AgentRef]:
    low = tok.lower_
    if low in PERSON_PRONOUNS:
        return ctx.recent(si, person=True, prefer_subject=True, before=tok.idx)
    if low in GROUP_PRONOUNS or low in ("its", "their", "this", "that") or (
            tok.pos_ == "DET" and low in ("this", "that")):
        return (ctx.recent(si, person=False, prefer_subject=True, before=tok.idx) or
                ctx.recent(si, prefer_subject=True, before=tok.idx))
    if low in ("who", "which", "that") and tok.head.dep_ == "relcl":
        ante = _relative_antecedent(tok)
        return make_agent(ante, ctx, si, subject=subject) if ante is not None else None
    if tok.pos_ == "PRON" and low not in ("one",):
        return None
    if low == "one" or tok.pos_ == "NUM":        # "one of the residents"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    if o.dep_ == "pobj":
                        return make_agent(o, ctx, si, subject=subject)
        return None

    if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and allow_people and not any(
            c.dep_ in ("compound", "amod", "poss", "det") for c in tok.lefts):
        known = ctx.recent(si, person=True, head=tok.lower_)
        if known is not None and known.name.split()[-1].lower() == tok.lower_:
            return known                # "Kiper said", after "governor Oleh Kiper"
    named = _appos_name(tok) if tok.pos_ == "NOUN" and allow_people else None
    if named is not None:
        if named.ent_type_ == "PERSON":
            return _person(named, ctx, si, role_tok=tok, subject=subject)
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        if tok.lemma_.lower() in SPOKES_NOUNS and appos is not None and appos.pos_ == "PROPN" \
                and named.i <= appos.i and named in appos.subtree:
            # "The director of the Orlan Rights Monitor, Petra Vask, said": a role's named
            # apposition is a person, whatever the tagger thought of the name
            return _person(appos, ctx, si, role_tok=tok, subject=subject)
        agent = make_agent(named, ctx, si, subject=subject)
        if agent is not None and agent.kind is None:
            # "the medical charity Health Without Frontiers": the descriptor says the kind
            agent.kind = classify_kind(" ".join(
                [t.text for t in tok.lefts if t.dep_ in ("amod", "compound")] + [tok.text]))
        return agent

    lemma = tok.lemma_.lower()
    # a document, or a part of a body: its owner speaks ("the Amnesty report", "an MSF team")
    ent = _ent(tok)
    if lemma in EVIDENCE_NOUNS:
        owner = _evidence_owner(tok)
        return make_agent(owner, ctx, si, subject=subject) if owner is not None else None
    if lemma in DOCUMENT_NOUNS or lemma in PART_NOUNS:
        for c in tok.lefts:
            if ent is not None and ent.start <= c.i and lemma not in DOCUMENT_NOUNS:
                continue                # "Prosecutor General's Office" is one name
            if c.dep_ in ("poss", "compound", "nmod") and (
                    c.ent_type_ in NAME_ENTS or c.pos_ == "PROPN"):
                owner = [x for x in tok.lefts if x.dep_ in ("poss", "compound", "nmod", "amod")
                         and (x.ent_type_ in NAME_ENTS or x.pos_ in ("PROPN", "NOUN", "ADJ"))
                         and x.lower_ not in ("unclassified", "latest", "new", "final",
                                              "press", "news", "official", "joint")]
                if c.dep_ == "poss" or len(owner) <= 1:
                    return make_agent(c, ctx, si, subject=subject)
                # "the UN human rights office", "an MSF medical team": the body named whole
                toks = owner + ([tok] if lemma in ("office", "mission", "delegation")
                                else [])
                toks.sort(key=lambda t: t.i)
                name, sp = clean_name(list(tok.doc[toks[0].i:toks[-1].i + 1]))
                agent = AgentRef(name=name, span=sp, kind=classify_kind(name) or "government")
                _remember(ctx, agent, tok, si, subject, person=False,
                          words=frozenset(t.lower_ for t in toks))
                return agent
        for t in tok.subtree:
            if t.dep_ == "agent" or (t.dep_ == "prep" and (t.lower_ == "by" or (
                    t.lower_ == "from" and t.head.i == tok.i))):   # "figures from the ministry"
                for o in t.children:
                    if o.dep_ == "pobj":
                        return make_agent(o, ctx, si, subject=subject)
        if lemma in DOCUMENT_NOUNS:
            return ctx.recent(si, person=False, prefer_subject=True)

    # an official with no name given: the body speaks; with a name in apposition: the person
    if lemma in SPOKES_NOUNS and tok.ent_type_ != "PERSON":
        for c in tok.subtree:
            if c.dep_ == "appos":
                people = [x for x in c.subtree if x.ent_type_ == "PERSON"]
                if people:
                    return _person(people[-1], ctx, si, role_tok=tok, subject=subject)
        body = _body_of(tok, ctx, si)
        if body is not None:
            body.role = tok.text
            return body
        name, sp = clean_name(np_tokens(tok), generic=True)
        agent = AgentRef(name=name, span=sp, kind=classify_kind(name) or "anonymous",
                         generic=True)
        _remember(ctx, agent, tok, si, subject, person=_is_person_noun(tok))
        return agent

    if allow_people and (tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and any(
            c.dep_ == "appos" and c.lemma_.lower() in SPOKES_NOUNS for c in tok.children)) or (
            tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG") and any(
                c.i < tok.i and c.dep_ == "compound" and c.pos_ == "NOUN" and
                c.lemma_.lower() in SPOKES_NOUNS for c in tok.subtree))):
        # also "X, head of MSF's unit", and "Government spokesperson Legesse Tulu", "regional
        # governor Oleh Kiper" whom the tagger did not take for a person
        return _person(tok, ctx, si, subject=subject)

    toks = np_tokens(tok, with_preps=True)
    proper = any(t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS for t in toks)
    words = frozenset(t.lower_ for t in toks)
    # a description referring back: "the ministry", "the London-based rights group", "the man"
    if not proper and toks[0].lower_ in ("the", "this", "that"):
        if _is_person_noun(tok):
            found = ctx.recent(si, person=True, prefer_subject=True)
            if found is not None:
                return found
        if lemma in DESCRIPTOR_HEADS or lemma in AGENTIVE:
            found = ctx.recent(si, head=lemma, person=False)
            described = classify_kind(" ".join(t.text for t in toks if t.i != tok.i))
            if found is not None and described not in (None, "anonymous") and \
                    found.kind not in (None, described):
                found = None            # "the military government" is not the opposition's
            if found is None and lemma in STATE_BODIES:
                found = _generic_body(tok, ctx, si)     # "the government": the state's
            if found is None:
                kind = classify_kind(" ".join(t.text for t in toks))
                if kind and kind != "anonymous" and lemma in DESCRIPTOR_HEADS:
                    found = ctx.recent(si, kinds=(kind,), person=False, bodies_only=True)
                    if found is not None and (found.name.lower() in _STATES or
                                              found.name.islower()):
                        found = None    # "the regional health office" is not the town
            if found is None and lemma in STATE_BODIES:
                found = _generic_body(tok, ctx, si)
            if found is None and lemma in _ORG_DESCRIPTORS:
                found = _recent_organisation(ctx, si)   # "The group said ..."
            if found is not None:
                return found
    if not proper and not (lemma in AGENTIVE or tok.lower_ in AGENTIVE or
                           lemma in DESCRIPTOR_HEADS or lemma in SPOKES_NOUNS):
        return None
    generic = not proper
    name_toks = np_tokens(tok, with_preps=generic or lemma in ("ministry", "department"))
    name, sp = clean_name(name_toks, generic=generic)
    kind = classify_kind(name)
    if kind is None:
        kind = "government" if tok.ent_type_ in ("GPE", "NORP") else (
            "anonymous" if generic else None)
    agent = AgentRef(name=name, span=sp, kind=kind, generic=generic)
    if _STATE_MEDIA.search(name) and ctx.country:
        # "State news agency SANA", "state television": the state speaks through them
        agent.kind = "media"
        agent.speaks_for = AgentRef(name=ctx.country, kind="government")
    lefts = list(tok.lefts)
    for c in lefts:       # "Ukraine's Prosecutor General's Office": the owner of the name
        if c.dep_ == "poss" and ent is not None and ent.start <= c.i:
            lefts.extend(c.lefts)
    for c in lefts:       # "Russia's Defence Ministry": the ministry speaks for Russia
        if ent is not None and ent.start <= c.i:
            continue
        if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP", "ORG"):
            owner = make_agent(c, ctx, si, allow_people=False, remember=False)
            if owner is not None and owner.name != name:
                agent.speaks_for = owner
    if remember:
        _remember(ctx, agent, tok, si, subject, person=_is_person_noun(tok), words=words)
    return agent


_STATE_MEDIA = re.compile(r"\bstate(?:-run|-owned)?\s+(?:news\s+agency|media|television|tv|"
                          r"broadcaster|radio|news)\b", re.I)
_HEAD_TITLE = re.compile(r"\b(President|Prime Minister|Premier|King|Emir|Chancellor|"
                         r"Supreme Leader)\s*$")
_OFFICE_TITLE = re.compile(
    r"(?:\b(former|Former|ex-)\s+)?(?:\b([A-Z][\w.]*(?:\s[A-Z][a-z]+)?)\s+)?"
    r"\b(Secretary of State|(?:Foreign|Defen[cs]e|Interior|Home|Health|Prime) Minister|"
    r"Minister(?: of [A-Z][\w ]+?)?|(?:Foreign|Defen[cs]e|Home) Secretary|Ambassador|Senator|"
    r"Governor|Mayor|Vice[- ]President)\s*,?\s*$")


def _state_word(word: str) -> Optional[str]:
    """The state a word names or is the adjective of ("US", "Russian", "Saudi Arabian")."""
    from kg.gazetteer import DEMONYMS
    low = word.lower().rstrip(".").replace("’s", "").replace("'s", "")
    return _STATES.get(low) or DEMONYMS.get(low)


_NAME_PARTICLES = frozenset("al el bin ibn abu bint de da van von der den la le".split())
_ORG_WORDS = frozenset("""
service ministry agency security army forces council committee department office police
news government administration force military front
""".split())
_PERSON_NOUNS = frozenset("""
man woman men women boy girl father mother son daughter brother sister husband wife
resident survivor witness activist doctor nurse medic villager official spokesman
spokeswoman spokesperson minister secretary envoy ambassador general colonel governor
president director head chief commander officer lawyer journalist correspondent reporter
""".split())


def _is_person_noun(tok) -> bool:
    return tok.lemma_.lower() in _PERSON_NOUNS and tok.tag_ in ("NN", "NNP")


def _remember(ctx, agent, tok, si, subject, *, person, words=None) -> None:
    ctx.remember(Mention(agent, si, person=person, plural=_is_plural(tok),
                         head=tok.lemma_.lower(),
                         words=words or frozenset(agent.name.lower().split()),
                         subject=subject, place=tok.ent_type_ in ("GPE", "LOC", "FAC")))


def _person(tok, ctx: ArticleContext, si: int, role_tok=None, subject: bool = False
            ) -> AgentRef:
    ent = _ent(tok)
    toks = list(ent) if ent is not None else [tok]
    name_toks = [t for t in toks if t.ent_type_ == "PERSON"] or toks
    if len(name_toks) == 1 and name_toks[0].i > 0:    # "Legesse" of "Legesse Tulu", left
        prev = name_toks[0].doc[name_toks[0].i - 1]    # out of a one-word entity
        if prev.pos_ == "PROPN" and prev.dep_ == "compound" and not prev.ent_type_ and \
                prev.head.i == name_toks[0].i and prev.lower_ not in _ORG_WORDS and \
                not _OFFICE_TITLE.search(prev.text) and prev.text[:1].isupper():
            name_toks = [prev] + name_toks
    # "Ukraine's Security Service Artem Dekhtyarenko": the name is the last proper nouns
    tail = []
    for t in reversed(name_toks):
        if t.text in ("-", "‐") or t.lower_ in _NAME_PARTICLES:
            tail.insert(0, t)           # "Ahmed al-Asiri", "Ursula von der Leyen"
            continue
        if t.pos_ != "PROPN" or t.lower_ in _ORG_WORDS or t.text in ("’s", "'s"):
            break
        tail.insert(0, t)
    while tail and (tail[0].text in ("-", "‐") or tail[0].lower_ in _NAME_PARTICLES):
        tail.pop(0)
    if tail and len(tail) < len(name_toks):
        name_toks = tail
    name, sp = clean_name(name_toks)
    for title in ("Col.", "Colonel", "Brigadier", "General", "Gen.", "Lord", "Dr", "Dr.",
                  "President", "Prime Minister", "Secretary", "Mr", "Mr.", "Ms", "Ms."):
        if name.startswith(title + " ") and len(name.split()) > 2:
            name = name[len(title) + 1:]
            sp = Span(sp.start + len(title) + 1, sp.end)
    agent = AgentRef(name=name, span=sp, kind=None)
    office = _OFFICE_TITLE.search(ctx.doc.user_data["kg_text"][max(0, sp.start - 60):sp.start])
    if office is not None:
        # "US Secretary of State John Kerry", "Russian Foreign Minister Sergei Lavrov": a
        # minister speaks for the state; "former Foreign Secretary Lord Owen" for himself
        agent.role = office.group(3)
        if (office.group(1) or "").lower() in ("former", "ex-"):
            agent.kind = "person"
        else:
            agent.kind = "government"
            words = (office.group(2) or "").split()
            state = _state_word(" ".join(words)) or (_state_word(words[0]) if words else None)
            if state is not None:
                agent.speaks_for = AgentRef(name=state, kind="government")
        _remember_person(ctx, agent, name, si, subject)
        return agent
    role_src = role_tok
    body = None
    if role_src is None:
        for c in tok.children:
            if c.dep_ == "appos" and (c.pos_ == "NOUN" or c.lemma_.lower() in SPOKES_NOUNS or
                                      c.lower_ in SPOKES_NOUNS):
                role_src = c        # "Philip Luther, Director of ... at Amnesty International"
                break
    if role_src is None:                # "Government spokesperson Legesse Tulu": the role
        for c in tok.subtree:           # may hang on the first name, not the last
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod") and \
                    c.lemma_.lower() in SPOKES_NOUNS:
                role_src = c
                break
    if role_src is None and tok.dep_ == "nsubj":
        # "The director of Amnesty International, Philip Luther said": the parser makes the
        # role a second subject of the verb
        for c in tok.head.children:
            if c.dep_ == "nsubj" and c.i < tok.i and c.pos_ == "NOUN" and \
                    tok.doc[c.right_edge.i + 1].text == ",":
                role_src = c
                break
    witness_role = role_src is not None and classify_kind(role_src.lemma_) == "witness"
    if role_src is not None:
        agent.role = role_src.text
        if witness_role:            # "a resident of Beilyagan": a place, not a body
            agent.kind = "witness"
        else:
            body = _body_of(role_src, ctx, si)
    if body is None and not witness_role:
        for c in tok.subtree:           # "Ethiopia's government spokesperson Legesse Tulu"
            if c.i < tok.i and c.dep_ == "poss" and c.pos_ != "PRON":
                body = make_agent(c, ctx, si, remember=False)
                break
    if body is not None and body.name != name:
        agent.speaks_for = body
        agent.kind = body.kind if body.kind not in (None, "anonymous") else None
    if body is None and not witness_role and ctx.country and _HEAD_TITLE.search(
            ctx.doc.user_data["kg_text"][max(0, sp.start - 40):sp.start]):
        # "President Vladimir Putin": a head of state or government speaks for the state the
        # story is about
        agent.speaks_for = AgentRef(name=ctx.country, kind="government")
        agent.kind = "government"
    if agent.kind is None:
        agent.kind = classify_kind(agent.role or "") or "person"
        if agent.kind == "anonymous":
            agent.kind = "person"
    _remember_person(ctx, agent, name, si, subject)
    return agent


def _remember_person(ctx: ArticleContext, agent: AgentRef, name: str, si: int,
                     subject: bool) -> None:
    ctx.remember(Mention(agent, si, person=True, plural=False,
                         head=name.split()[-1].lower(),
                         words=frozenset(name.lower().split()), subject=subject))


def remember_sentence(ctx: ArticleContext, sent, si: int) -> None:
    """Remember the named parties of a sentence (main-clause subjects marked), for later
    pronouns and descriptions."""
    known = [m.agent.span for m in ctx.mentions if m.sent_index == si and m.agent.span]
    for ent in sentence_ents(sent):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        root = ent.root
        sp = Span(ent.start_char, ent.end_char)
        if any(k.overlaps(sp) for k in known):
            continue
        if ent.label_ != "PERSON" and _locative(root):
            continue                    # "in the Marvel district of Kestra": places
        if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and \
                root.head.lemma_.lower() in DESCRIPTOR_HEADS and ent.label_ != "PERSON":
            root = root.head            # "Russia's defence ministry did not comment"
        elif root.dep_ == "compound" and root.head.pos_ == "NOUN" and ent.label_ != "PERSON":
            root = root.head            # "the Amnesty report": remember via the noun phrase
            if root.lemma_.lower() not in DESCRIPTOR_HEADS and \
                    root.lemma_.lower() not in PART_NOUNS:
                root = ent.root
        make_agent(root, ctx, si, subject=root.dep_ in ("nsubj", "nsubjpass") and
                   root.head.dep_ == "ROOT")


_PLACE_NOUNS = frozenset("""
district city town village province region area neighbourhood neighborhood suburb camp
governorate state county municipality outskirts centre center
""".split())


def _locative(tok) -> bool:
    """Whether a name stands where a place does: the object of "in", "near", "outside"..., or
    of "of" after a place noun ("the district of Kestra"), or naming a place noun ("the
    Marvel district")."""
    head = tok
    while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        if head.head.lemma_.lower() in _PLACE_NOUNS:
            return True
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head.lower_
    if prep in ("in", "near", "outside", "around", "across", "into", "inside", "at"):
        return True
    return prep == "of" and head.head.head.lemma_.lower() in _PLACE_NOUNS


def root_party(agent: Optional[AgentRef]) -> Optional[AgentRef]:
    """The top of an affiliation chain: spokesman -> ministry -> state."""
    seen = 0
    while agent is not None and agent.speaks_for is not None and seen < 5:
        agent = agent.speaks_for
        seen += 1
    return agent
