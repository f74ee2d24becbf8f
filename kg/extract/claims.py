"""Attributed statements ("frames") and their reading as allegations or denials.

A frame is who says what: the speaker, the words of what they say, and how it is said.  The
frames come from

* verbs of saying, finding, blaming, condemning and denying with their subject and what
  they govern ("X said (that) ...", "X told reporters ...", "X accused Y of ...", "X denied
  ...", "claims that were rejected by X", "..., saying ...", "X was quoted as saying ...");
* "according to X, ...";
* quotations, with the speaker named before or after ("“...,” said X"; "X said: “...”"),
  quotations over several sentences, and quotation paragraphs that continue a speaker;
* unattributed claims: "are alleged to", "are understood to", "it was reported that",
  "amid claims that", "there were claims that", "alleged attacks".

A frame becomes an allegation when what is said asserts harm, an attack on people or
protected objects, or a violation; a denial when it rejects a claim, denies an act, dismisses
the evidence, or justifies the strike by denying protected status.  Statements that say two
things ("we did not fire, and it is possible that the rebels attacked them") are read clause
by clause.
"""

from __future__ import annotations

import re
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import is_agentive, make_agent
from kg.extract.context import ArticleContext
from kg.extract.frames import Frame
from kg.extract.harm import (add_doer, doers_of, first_person, harm_kind,
                             negated_harm, pronoun_attacker, shot_down)
from kg.extract.syntax import child, tokens_span, word_set
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, Claim, Span


def _plain(ctx: ArticleContext, span: Span) -> str:
    t = ctx.article.text[span.start:span.end].lower()
    return re.sub(r"[\"“”‘’']", "", t)


_COUNTRYISH = frozenset(STATE_NAMES)


def _is_call(frame: Frame) -> bool:
    """ "we call on both parties to ...", "must respect ...": an appeal, not a claim."""
    toks = [t for t in frame.tokens if not t.is_punct and not t.is_space]
    if not toks:
        return False
    for t in toks:
        if t.dep_ in ("ROOT", "ccomp") or t.head not in toks or t.head.i == t.i:
            if t.lemma_.lower() in L.CALL_VERBS and t.pos_ == "VERB":
                # but "called the attack shameful" is a judgement, not an appeal
                return not (t.lemma_.lower() in L.EVALUATE_VERBS and
                            child(t, "dobj") is not None and
                            child(t, "oprd", "xcomp", "ccomp") is not None)
            if t.pos_ == "VERB" and any(c.lower_ in ("must", "should") for c in t.children) \
                    and t.lemma_.lower() in ("respect", "protect", "spare", "allow", "stop",
                                             "ensure", "refrain", "meet", "abide"):
                return True
            break
    return False


def _dismissed_is_excuse(tokens) -> bool:
    """In "claims that X only targets militants are false", the thing called false is an
    excuse: rejecting it is an accusation."""
    for t in tokens:
        if t.lemma_.lower() in L.DISMISSAL_WORDS:
            target = t.head if t.dep_ in ("amod", "acomp", "attr") else t
            if t.dep_ == "acomp":
                target = child(t.head, "nsubj", "nsubjpass") or t.head
            sub = [x for x in target.subtree] if target is not None else []
            words = word_set(sub)
            if ("only" in words or any(x.lemma_.lower() in L.EXCUSE_NOUNS for x in sub)) and \
                    t.dep_ != "amod":
                return True
    return False


def denial_kind(ctx: ArticleContext, frame: Frame) -> Optional[str]:
    """Is this frame a denial, and of which kind?  None when it is not one."""
    toks = frame.tokens
    words = word_set(toks)
    text = _plain(ctx, frame.content)
    obj_lemma = frame.obj.lemma_.lower() if frame.obj is not None else ""
    around = text
    if frame.cue_span is not None:
        lo = max(0, frame.cue_span.start - 40)
        around = re.sub(r"[\"“”‘’']", "", ctx.article.text[lo:frame.cue_span.end].lower()) + \
            " " + text
    if L.NON_DENIAL.search(around):
        return "non_denial"
    if frame.negated_subject:
        return "categorical"
    if frame.cue in L.DENY_VERBS:
        if frame.negated_cue or obj_lemma in L.EXCUSE_NOUNS:
            return None
        if words & L.DISMISSAL_WORDS:
            return "dismissal"
        if obj_lemma in L.ALLEGATION_NOUNS and frame.cue in ("dismiss", "reject", "refute",
                                                             "rebut", "dispute"):
            return "dismissal"
        if _justifies(ctx, frame, text, words):
            return "protected_status"
        return "categorical"
    if frame.cue in L.EVALUATE_VERBS and obj_lemma in L.ALLEGATION_NOUNS and \
            words & L.DISMISSAL_WORDS:
        return "dismissal"              # "called the reports lies"
    if frame.cue in L.ACCUSE_VERBS | L.CONDEMN_VERBS | L.EVALUATE_VERBS:
        return None
    if words & L.DENIAL_NOUNS or any(n in text for n in L.DENIAL_NOUNS):
        return "categorical"
    if words & L.DISMISSAL_WORDS and not _dismissed_is_excuse(toks):
        return "dismissal"
    if negated_harm(toks):
        return "categorical"
    if _justifies(ctx, frame, text, words):
        return "protected_status"
    return None


def _main_clause(tokens) -> list:
    """The tokens of what is said without its subordinate clauses ("..., after X did Y")."""
    ids = {t.i for t in tokens}
    sub = set()
    for t in tokens:
        if t.dep_ in ("advcl", "relcl", "acl") and t.head.i in ids and t.pos_ in ("VERB", "AUX"):
            sub.update(x.i for x in t.subtree)
    return [t for t in tokens if t.i not in sub] or tokens


_MISUSE = frozenset(("human shields", "used as a base", "used by militants", "command centre",
                     "command center", "command post", "no longer a hospital"))


def _justifies(ctx: ArticleContext, frame: Frame, text: str, words: set[str]) -> bool:
    """ "only strike terrorist targets", "a legitimate military action", "in conformity
    with international humanitarian law": the strike was lawful, the target not protected."""
    hits = [p for p in L.JUSTIFICATION_PATTERNS if p in text]
    if not hits:
        return False
    for p in hits:
        i = text.find(p)
        before = text[max(0, i - 25):i]
        if re.search(r"\b(no|not|without|never)\b[\w ]*$", before):
            return False            # "with no evident military target"
    kinds = harm_kind(_main_clause(frame.tokens))
    if set(hits) & _MISUSE and "casualty" not in kinds:
        return True                     # the other side's misuse, offered as the reason
    lawful = ("only" in words or "legitimate" in words or "conformity" in words or
              "accordance" in words or "line" in words)
    if ("casualty" in kinds or "violation" in kinds) and not lawful:
        return False                # "killed civilians and militants": an accusation
    return lawful or bool(kinds & {"event", "event_noun"}) or "target" in words or \
        "targeting" in words or "target" in kinds   # "Hamas uses hospitals as command
                                                    # centres": they lose their protection


def is_allegation(ctx: ArticleContext, frame: Frame, accused: list) -> bool:
    if frame.negated_cue or _is_call(frame):
        return False
    kinds = harm_kind(frame.tokens)
    if frame.cue in L.DENY_VERBS:   # rejecting an excuse
        return frame.obj is not None and frame.obj.lemma_.lower() in L.EXCUSE_NOUNS
    if frame.cue in L.ACCUSE_VERBS:
        return bool(kinds) or (frame.cue == "blame" and bool(accused))
    if frame.cue in L.CONDEMN_VERBS or frame.cue in L.EVALUATE_VERBS:
        return bool(kinds - {"target"}) or "target" in kinds
    if _dismissed_is_excuse(frame.tokens):
        return True
    if "casualty" in kinds or "happened" in kinds:
        return True
    if "violation" in kinds:        # a principle ("violations are war crimes") is no claim
        if not accused:
            accused.extend(_named_parties(ctx, frame))
        return bool(accused) or bool(kinds & {"event", "event_noun", "target"})
    if "event" in kinds:
        return "target" in kinds or bool(accused) or "place" in kinds
    return "event_noun" in kinds and "target" in kinds


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


def is_hedged(frame: Frame) -> bool:
    return bool(word_set(frame.tokens) & L.HEDGES)


#: Sources that observe a conflict, not parties to it: their denials of a military presence
#: reject an excuse.
_OBSERVERS = ("ngo", "intergovernmental", "witness", "media", "person")
_MILITARY_PRESENCE = frozenset("""soldier soldiers fighter fighters militant militants troops
weapons weapon military combatants combatant gunmen armed rebels rebel""".split())


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
            claim = _read(ctx, sub, article_voice)
            if claim is not None:
                if made and made[-1].kind == claim.kind:
                    made[-1].span = Span(min(made[-1].span.start, claim.span.start),
                                         max(made[-1].span.end, claim.span.end))
                    continue
                made.append(claim)
        if len(parts) > 1 and len(made) == 1:
            made[0].span = f.content
        claims.extend(made)
    return claims


def _read(ctx: ArticleContext, f: Frame, article_voice: AgentRef) -> Optional[Claim]:
    dk = denial_kind(ctx, f)
    accused = []
    if dk == "categorical" and f.speaker is not None and f.speaker.kind in _OBSERVERS and \
            word_set(f.tokens) & _MILITARY_PRESENCE:
        # "We found no evidence of soldiers or weapons near the building", said by a rights
        # group: the excuse is rejected, the target was protected -- an allegation
        dk, kind, accused = None, "allegation", accused_parties(ctx, f)
    elif dk is None:
        accused = accused_parties(ctx, f)
        if not is_allegation(ctx, f, accused):
            return None
        kind = "allegation"
    else:
        kind = "denial"
    source = f.speaker if f.speaker is not None else article_voice
    attribution = {"direct": "direct", "indirect": "indirect"}.get(f.mode, "unattributed")
    span = f.content
    if dk == "non_denial":      # the evidence keeps "did not confirm or" before "deny that"
        lo = max(0, span.start - 60)
        hits = list(L.NON_DENIAL.finditer(ctx.article.text.lower(), lo, span.end))
        if hits and hits[-1].start() < span.start:
            span = Span(hits[-1].start(), span.end)
    claim = Claim(kind=kind, span=span, source=source, attribution=attribution,
                  denial_kind=dk if kind == "denial" else None, hedged=is_hedged(f),
                  cue=f.cue, sentence=f.sent_index, paragraph=ctx.paragraph(f.content.start),
                  fresh=f.fresh or f.from_pending, by_reference=f.by_reference)
    if kind == "allegation":
        claim.accused = accused
    else:
        defended = _doers(ctx, f) if dk in ("categorical",) else []
        claim.accused = defended or (_bodies(source) if f.speaker is not None else [])
        if f.obj is not None:
            owner = _owner(ctx, f.obj, f.sent_index)
            if owner is not None:
                claim.rebuts = [owner]
            claim.refers_back = owner is None and any(
                c.dep_ == "det" and c.lower_ in ("this", "these", "that", "those", "such")
                for c in f.obj.children)
    return claim


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
