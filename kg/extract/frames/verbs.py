"""Frames around verbs of saying, denying, accusing, condemning and judging.

For each cue the roles its patterns found are put together: the speaker (`speaker_token`,
made an agent by `kg.extract.agents`), what is said (`content_tokens`, or the quotation the
cue introduces), the object of a denial and the accused parties.  A cue that ends a
sentence with nothing after it ("X said:") is *pending*: the next quotation paragraph is
what it says.
"""

from __future__ import annotations

import re
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import is_agentive, make_agent
from kg.extract.context import ArticleContext
from kg.extract.frames.content import (comment_on_statement, content_tokens, direct_content,
                                       is_cue, is_negated, speaker_token)
from kg.extract.frames.model import Frame
from kg.extract.frames.roles import Roles, cue_roles
from kg.extract.syntax import child, tokens_span, trim
from kg.model import AgentRef, Span

_ANONYMITY = re.compile(r"\b(not to be (named|identified)|condition of anonymity|declined to be "
                        r"(named|identified)|requested anonymity|speaking anonymously)\b", re.I)
_PARTICIPLE = ("VBG",)


def verb_frames(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    roles = cue_roles(ctx.doc)
    frames = []
    for tok in sent:
        r = roles.get(tok.i)
        if r is not None and is_cue(tok, r):
            frames.extend(frames_for_cue(ctx, sent, si, tok, r))
    return frames


def _skip(ctx: ArticleContext, tok, subj, passive: bool) -> bool:
    """Cues that carry no statement of their own speaker here."""
    lemma = tok.lemma_.lower()
    if comment_on_statement(tok.head) and tok.dep_ == "relcl":
        return True                     # "..., a claim the group denies": says no more
    if lemma in ("quote", "cite") and passive:
        return True                     # "X was quoted as saying": the saying is the frame
    inside = ctx.quote_around(tok.idx, tok.idx + len(tok.text))
    if inside is not None and (subj is None or not ctx.quote_around(subj.idx, subj.idx + 1)):
        return True                     # a verb inside someone's quotation
    head_cue = tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i and \
        is_cue(tok.head)
    return head_cue and tok.head.lemma_.lower() in L.DENY_VERBS and tok.tag_ in _PARTICIPLE


def _negative(subj) -> bool:
    """ "No one believed ...", "nobody saw ..."."""
    return subj is not None and (subj.lower_ in ("nobody", "none") or any(
        c.lower_ == "no" and c.dep_ == "det" for c in subj.children))


def frames_for_cue(ctx: ArticleContext, sent, si: int, tok, roles: Roles) -> list[Frame]:
    subj, passive = speaker_token(ctx, sent, tok, roles)
    if _skip(ctx, tok, subj, passive):
        return []
    negative = _negative(subj)
    if subj is not None and not is_agentive(subj) and not passive and not negative:
        return []                       # "evidence suggested", "the attack claimed"
    obj = _object(tok)
    if tok.lemma_.lower() == "claim" and obj is not None and \
            obj.lemma_.lower() == "responsibility":
        return _responsibility(ctx, si, tok, subj, obj, negative or passive)
    content, comp = content_tokens(tok, roles, subj, passive)
    content, direct = direct_content(ctx, sent, tok, content, comp, obj)
    if not content:
        return _without_content(ctx, sent, si, tok, subj, passive)
    speaker, negated_subject = _speaker(ctx, sent, si, tok, subj, passive)
    if speaker is None and subj is not None and not passive and not negated_subject:
        return []                       # a subject we cannot name
    mode = "direct" if direct else "unattributed" if passive and speaker is None else "indirect"
    if mode == "unattributed" and tok.lemma_.lower() in L.DENY_VERBS:
        return []                       # "have been denied assistance": deprived, not denied
    span = _evidence(ctx, sent, tok, subj, passive, content, mode)
    if span is None:
        return []
    frame = Frame(speaker, span, mode, tok.lemma_.lower(), si, content, obj,
                  [tok.doc[i] for i in roles.all("accused")],
                  negated_cue=is_negated(tok), negated_subject=negated_subject,
                  fresh=any(c.lower_ == "also" for c in tok.children) or
                  tok.lemma_.lower() == "add",
                  cue_span=Span(tok.idx, tok.idx + len(tok.text)),
                  by_reference=_by_reference(subj), pattern="verb")
    _rejected_by(ctx, tok, frame)
    sides = _both_sides(ctx, si, tok, subj)
    if sides:
        return sides
    return [frame, *_joint_speakers(ctx, si, subj, speaker, frame)]


_SIDES = frozenset("side sides party parties country countries camp camps".split())
_BELLIGERENTS = ("government", "military", "armed_group")


def _both_sides(ctx: ArticleContext, si: int, tok, subj) -> list[Frame]:
    """ "Both sides blamed each other": one accusation by each of the two parties the
    article has named most, each blaming the other."""
    obj = child(tok, "dobj") or child(child(tok, "prep"), "pobj")
    if subj is None or obj is None or subj.lemma_.lower() not in _SIDES or \
            not any(c.lower_ in ("both", "two", "each") for c in subj.children) or \
            obj.lower_ not in ("other", "another"):
        return []
    counts: dict[str, list] = {}
    for m in ctx.mentions:
        if m.sent_index <= si and not m.person and (m.place or m.agent.kind in _BELLIGERENTS):
            counts.setdefault(m.agent.name.lower(), []).append(m.agent)
    ranked = sorted(counts.values(), key=lambda agents: -len(agents))[:2]
    if len(ranked) < 2:
        return []
    a, b = ranked[0][0], ranked[1][0]
    span = Span(tok.idx, obj.idx + len(obj.text))
    span = Span(subj.left_edge.idx, span.end) if subj.i < tok.i else span
    return [Frame(speaker, span, "indirect", tok.lemma_.lower(), si, list(tok.subtree),
                  accused=[], cue_span=Span(tok.idx, tok.idx + len(tok.text)),
                  pattern="both-sides", blames=[other])
            for speaker, other in ((a, b), (b, a))]


def _object(tok):
    """What a denial, accusation or judgement is about: the verb's object; for "called the
    reports lies", which the parser reads as "(called) the reports lie", the clause's
    subject."""
    obj = child(tok, "dobj")
    if obj is None and tok.lemma_.lower() in L.EVALUATE_VERBS:
        comp = child(tok, "ccomp")
        obj = child(comp, "nsubj") if comp is not None else None
    return obj


def _evidence(ctx: ArticleContext, sent, tok, subj, passive: bool, content: list,
              mode: str) -> Optional[Span]:
    """The words that carry it; for a denial, an accusation or a judgement, the clause from
    its subject ("X accused Y of Z", "X rejected the report")."""
    text = ctx.article.text
    span = tokens_span(content, text)
    if span is None:
        return None
    if (tok.lemma_.lower() in L.ACCUSE_VERBS | L.DENY_VERBS | L.CONDEMN_VERBS |
            L.EVALUATE_VERBS) and subj is not None and not passive and subj.i < tok.i and \
            mode != "direct" and subj.head.i == tok.i:
        start = subj.left_edge.idx if subj.left_edge.i >= sent.start else sent.start_char
        span = trim(text, start, span.end) or span
    return span


def _by_reference(subj) -> bool:
    return subj is not None and (subj.pos_ == "PRON" or subj.lower_ in ("this", "that") or (
        not any(t.pos_ == "PROPN" or t.ent_type_ for t in subj.subtree) and
        any(t.lower_ in ("the", "this") for t in subj.lefts)))


def _cue_kind(lemma: str) -> str:
    """Verbs of one kind of act: "He also accused" continues the last accuser."""
    if lemma in L.ACCUSE_VERBS or lemma in L.CONDEMN_VERBS or lemma == "allege":
        return "accuse"
    return "deny" if lemma in L.DENY_VERBS else lemma


def _speaker(ctx: ArticleContext, sent, si: int, tok, subj, passive: bool
             ) -> tuple[Optional[AgentRef], bool]:
    """(the agent who speaks, is the subject negative?)."""
    if subj is None or passive:
        return None, False
    if _negative(subj):                 # "no one she spoke to believed ...": the relative's
        for c in subj.children:         # subject is who does not believe
            if c.dep_ == "relcl" and child(c, "nsubj") is not None:
                return make_agent(child(c, "nsubj"), ctx, si), True
        return None, True
    speaker = make_agent(subj, ctx, si, subject=True)
    kind = _cue_kind(tok.lemma_.lower())
    again = ctx.speakers_by_cue.get(kind)
    if subj.lower_ in L.PERSON_PRONOUNS and again is not None and again[0] >= si - 15 and \
            any(c.lower_ == "also" for c in tok.children):
        speaker = again[1]              # "He also accused ...": who accused before
    if speaker is not None and speaker.generic and _ANONYMITY.search(sent.text):
        speaker.kind = "anonymous"      # "a doctor, who asked not to be named, said"
    if speaker is not None and (subj.ent_type_ == "PERSON" or
                                subj.lower_ in L.PERSON_PRONOUNS):
        ctx.speakers_by_cue[kind] = (si, speaker)
    return speaker, False


def _without_content(ctx: ArticleContext, sent, si: int, tok, subj, passive: bool
                     ) -> list[Frame]:
    """ "X said:" with the quotation in the next paragraph; "..., residents inform." with
    what they say before it; "X said (on Monday)." with what it says after."""
    rest = [t for t in ctx.doc[tok.i + 1:sent.end] if not t.is_space]
    if not rest or rest[0].text == ":" or all(t.is_punct for t in rest):
        sp = make_agent(subj, ctx, si, subject=True) if subj is not None and not passive \
            else None
        return [Frame(sp, Span(tok.idx, tok.idx + len(tok.text)), "pending",
                      tok.lemma_.lower(), si, negated_cue=is_negated(tok), pattern="pending")]
    if subj is not None and subj.i > tok.i - 3 and tok.i >= sent.end - 3 and \
            subj.i > sent.start:
        content = [t for t in sent if t.i < min(subj.left_edge.i, tok.i)]
    elif tok.lemma_.lower() in L.REPORTING_VERBS and tok.i < sent.end - 4 and \
            child(tok, "dobj") is None:
        content = [t for t in sent if t.i > tok.i]
    else:
        return []
    speaker, negated = _speaker(ctx, sent, si, tok, subj, passive)
    span = tokens_span(content, ctx.article.text)
    if span is None or (speaker is None and subj is not None and not negated):
        return []
    return [Frame(speaker, span, "indirect", tok.lemma_.lower(), si, content,
                  cue_span=Span(tok.idx, tok.idx + len(tok.text)), pattern="verb-around")]


def _responsibility(ctx: ArticleContext, si: int, tok, subj, obj, negative: bool
                    ) -> list[Frame]:
    """ "Islamic State claimed responsibility for the attack": the group names itself as
    the doer; "No group claimed responsibility": a fact, nobody's denial."""
    if negative or subj is None or is_negated(tok):
        return []
    speaker = make_agent(subj, ctx, si, subject=True)
    span = tokens_span([tok] + list(obj.subtree), ctx.article.text)
    if speaker is None or span is None:
        return []
    return [Frame(speaker, span, "indirect", "claim", si, [tok] + list(obj.subtree), obj,
                  [subj], cue_span=Span(tok.idx, tok.idx + len(tok.text)),
                  pattern="claimed-responsibility")]


def _joint_speakers(ctx: ArticleContext, si: int, subj, speaker, frame: Frame) -> list[Frame]:
    """ "Aid workers and the TPLF say ...": a frame for each named speaker."""
    out = []
    if subj is None or speaker is None:
        return out
    for c in subj.children:
        if c.dep_ == "conj" and (c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or
                                 c.pos_ == "PROPN"):
            other = make_agent(c, ctx, si, subject=True)
            if other is not None and other.name != speaker.name:
                out.append(Frame(other, frame.content, frame.mode, frame.cue, si,
                                 frame.tokens, frame.obj, frame.accused,
                                 negated_cue=frame.negated_cue, fresh=frame.fresh,
                                 cue_span=frame.cue_span, pattern=frame.pattern))
    return out


def _rejected_by(ctx: ArticleContext, tok, frame: Frame) -> None:
    """ "claims that were rejected by M23": what is rejected is the noun above."""
    if tok.lemma_.lower() == "reject" and tok.dep_ == "relcl":
        head = tok.head
        frame.obj = head
        frame.content = trim(ctx.article.text, head.idx,
                             tok.right_edge.idx + len(tok.right_edge.text)) or frame.content
