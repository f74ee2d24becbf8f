"""From frames to claims: who alleges or denies what, and whom it blames or defends.

Each frame (`kg.extract.frames`) is read by `kg.extract.stance` as an allegation, a denial
or neither; statements that say two things ("we did not fire, and it is possible that the
rebels attacked them") are read clause by clause.  An allegation blames the parties its words
name as doing the harm (the object of "accused", the subject of "struck", the owner of
"Russian jets"); a denial defends the doers it negates, else the speaker's side (a spokesman
defends his ministry and his state), and rebuts whose claims it names ("Amnesty's report").
"""

from __future__ import annotations

from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import is_agentive, make_agent
from kg.extract.context import ArticleContext
from kg.extract.frames import Frame
from kg.extract.harm import add_doer, doers_of, first_person, pronoun_attacker, shot_down
from kg.extract.stance.rules import decide, is_hedged
from kg.extract.syntax import child, tokens_span
from kg.model import AgentRef, Claim, Span


def _named_parties(ctx: ArticleContext, frame: Frame) -> list[AgentRef]:
    """States and organisations the words name ("no warning from the Israelis")."""
    out = []
    for t in frame.tokens:
        if t.ent_type_ in ("NORP", "GPE", "ORG") and (
                t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ in ("by", "from"))):
            agent = make_agent(t, ctx, frame.sent_index, remember=False)
            if agent is not None and (frame.speaker is None or agent.name != frame.speaker.name):
                out.append(agent)
    return out


def accused_parties(ctx: ArticleContext, frame: Frame, tokens=None) -> list[AgentRef]:
    """Who the words blame: the object of "accuse/blame", the doer of attack verbs, the
    owner of attacking means ("Russian jets", "Israeli fire", "US drone strikes")."""
    out: list[AgentRef] = []
    seen: set[str] = set()
    si = frame.sent_index

    def add(tok):
        if first_person(tok) or tok.ent_type_ in ("DATE", "TIME") or \
                tok.lower_ in L.CALENDAR:
            return
        agent = make_agent(tok, ctx, si, remember=False)
        if agent is not None and tok.pos_ == "PRON":
            agent = pronoun_attacker(ctx, si, tok, agent)
        if agent is not None and agent.name.lower() not in seen:
            seen.add(agent.name.lower())
            out.append(agent)

    for t in frame.accused:
        if is_agentive(t):
            add(t)
        else:                           # "blamed an Israeli air strike": Israel
            add_doer(t, add)
    for t in (tokens if tokens is not None else frame.tokens):
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and (lemma in L.ATTACK_VERBS or lemma in L.CASUALTY_VERBS or
                                 lemma in L.VIOLATION_WORDS or
                                 lemma in ("cause", "commit", "carry", "conduct", "use")):
            if not shot_down(t):       # who shoots drones down attacks no one
                doers_of(t, add)
        elif t.pos_ != "VERB" and (lemma in L.ATTACK_NOUNS or lemma in L.MEANS_NOUNS or lemma in (
                "responsibility", "bombing", "campaign", "operation", "action", "crime",
                "crimes", "actions", "involvement")):
            doers_of(t, add)
    return out


def _doers(ctx: ArticleContext, frame: Frame) -> list[AgentRef]:
    """The subjects of the attack verbs a denial negates ("its jets did not target")."""
    out: list[AgentRef] = []
    for t in frame.tokens:
        if t.pos_ == "VERB" and (t.lemma_.lower() in L.ATTACK_VERBS or t.lemma_.lower() in (
                "launch", "carry", "conduct", "involve")):
            s = child(t, "nsubj")
            if s is not None and any(c.dep_ == "poss" and c.pos_ == "PRON"
                                     for c in s.children):
                continue                # "his fighters": the speaker's own side
            if s is not None and s.lower_ not in ("we", "i"):
                def add(tok):
                    agent = make_agent(tok, ctx, frame.sent_index, remember=False)
                    if agent is not None and all(a.name != agent.name for a in out):
                        out.append(agent)
                add_doer(s, add)
    return out


def _clauses(frame: Frame) -> list[list]:
    """Split what is said into its coordinated main clauses, when each has a subject."""
    toks = frame.tokens
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    heads = [r for r in roots if r.pos_ in ("VERB", "AUX")]
    if len(heads) != 1:
        return [toks]
    root = heads[0]
    conjs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and
             child(c, "nsubj", "nsubjpass", "expl") is not None and c.i in ids]
    if not conjs:
        return [toks]
    parts = []
    ex = set()
    for c in conjs:
        sub = [t for t in c.subtree if t.i in ids]
        parts.append(sub)
        ex.update(t.i for t in sub)
    first = []
    for t in toks:
        if t.i in ex:
            break
        if not (t.dep_ == "cc" and t.head.i == root.i):
            first.append(t)
    return [first] + parts


def frames_to_claims(ctx: ArticleContext, frames: list[Frame],
                     article_voice: AgentRef) -> list[Claim]:
    claims: list[Claim] = []
    text = ctx.article.text
    for f in frames:
        parts = _clauses(f) if f.mode in ("direct", "indirect") else [f.tokens]
        made = []
        for part in parts:
            sub = f if len(parts) == 1 else Frame(
                f.speaker, tokens_span(part, text) or f.content, f.mode, f.cue, f.sent_index,
                part, f.obj, f.accused, f.continuation, f.negated_cue, f.negated_subject,
                f.fresh, f.cue_span, f.from_pending, f.by_reference)
            for claim in _read(ctx, sub, article_voice):
                if made and made[-1].kind == claim.kind:
                    made[-1].span = Span(min(made[-1].span.start, claim.span.start),
                                         max(made[-1].span.end, claim.span.end))
                    continue
                made.append(claim)
        if len(parts) > 1 and len(made) == 1:
            made[0].span = f.content
        claims.extend(made)
    return claims


def _read(ctx: ArticleContext, f: Frame, article_voice: AgentRef) -> list[Claim]:
    accused = list(f.blames) or accused_parties(ctx, f)
    return [_claim(ctx, f, article_voice, reading, accused)
            for reading in decide(ctx, f, accused)]


def _claim(ctx: ArticleContext, f: Frame, article_voice: AgentRef, reading, accused: list
           ) -> Claim:
    dk = reading.denial_kind
    source = f.speaker if f.speaker is not None else article_voice
    attribution = {"direct": "direct", "indirect": "indirect"}.get(f.mode, "unattributed")
    claim = Claim(kind=reading.kind, span=_evidence(ctx, f, dk), source=source,
                  attribution=attribution, denial_kind=dk, hedged=is_hedged(f),
                  cue=f.cue, sentence=f.sent_index, paragraph=ctx.paragraph(f.content.start),
                  fresh=f.fresh or f.from_pending, by_reference=f.by_reference,
                  continuation=f.continuation)
    if reading.kind == "allegation":
        claim.accused = accused or _named_parties(ctx, f)
        return claim
    defended = _doers(ctx, f) if dk == "categorical" else []
    claim.accused = defended or (_bodies(source) if f.speaker is not None else [])
    if f.obj is not None:
        owner = _owner(ctx, f.obj, f.sent_index)
        if owner is not None:
            claim.rebuts = [owner]
        claim.refers_back = owner is None and any(
            c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those", "such")
            for c in f.obj.children)
    return claim


def _evidence(ctx: ArticleContext, f: Frame, denial_kind: Optional[str]) -> Span:
    """The frame's words; a non-denial keeps "did not confirm or" before "deny that"."""
    span = f.content
    if denial_kind == "non_denial":
        lo = max(0, span.start - 60)
        hits = list(L.NON_DENIAL.finditer(ctx.article.text.lower(), lo, span.end))
        if hits and hits[-1].start() < span.start:
            span = Span(hits[-1].start(), span.end)
    return span


def _bodies(source: AgentRef) -> list[AgentRef]:
    """What a denial defends: the speaker's body and those it speaks for, up to the state
    (a spokesman defends his ministry and his country, not himself)."""
    chain, a, n = [], source, 0
    while a is not None and n < 6:
        if a is not source or (a.kind != "person" and a.speaks_for is None):
            chain.append(a)
        a, n = a.speaks_for, n + 1
    return chain or [source]


def _owner(ctx: ArticleContext, obj, si: int) -> Optional[AgentRef]:
    """Whose claims a denial rejects: "Amnesty's report", "allegations by the Ukrainian side"."""
    for c in obj.children:
        if c.dep_ in ("poss", "compound", "nmod") and (c.ent_type_ or c.pos_ == "PROPN"):
            return make_agent(c, ctx, si, remember=False)
        if c.dep_ == "prep" and c.lower_ == "by":
            p = child(c, "pobj")
            if p is not None:
                return make_agent(p, ctx, si, remember=False)
    return None
