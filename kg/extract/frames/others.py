"""Frames without a verb of saying of their own.

* "according to X, ...": X says the clause "according" hangs on (or the quotation after it);
* a statement noun with its that-clause: "the ministry's claim that ...", "claims by X that
  ..." (X speaks), "amid claims that ..." (no one is named);
* claims no one is named for: "are alleged to have ...", "it was reported that ...",
  "alleged attacks";
* pictures shown by someone: "state television aired footage of children killed ...";
* a verb of saying at the end that the parser missed: "..., residents inform."
"""

from __future__ import annotations

from kg.extract.agents import is_agentive, make_agent
from kg.extract.context import ArticleContext
from kg.extract.frames.content import is_cue, is_negated
from kg.extract.frames.model import Frame
from kg.extract.frames.roles import cue_roles
from kg.extract.syntax import child, subtree, tokens_span
from kg.model import Span

_RELATIVE = frozenset("who whom whose which that where when".split())


def _cue_span(tok, length: int = 0) -> Span:
    return Span(tok.idx, tok.idx + (length or len(tok.text)))


def pattern_frames(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    """The frames the non-verb patterns of ``data/frames.json`` find in *sent*."""
    roles = cue_roles(ctx.doc)
    out: list[Frame] = []
    for tok in sent:
        r = roles.get(tok.i)
        if r is None or r.vetoed:
            continue
        if "according-to" in r.patterns:
            out.extend(_according(ctx, sent, si, tok, r))
        elif "statement-that" in r.patterns:
            out.extend(_statement(ctx, sent, si, tok, r))
        elif "statement-about" in r.patterns:
            out.extend(_accusations_about(ctx, si, tok, r))
        elif any(p.startswith("unattributed:") for p in r.patterns):
            out.extend(_unattributed(ctx, si, tok, r))
    out.extend(_pictures(ctx, sent, si))
    return out


def _according(ctx: ArticleContext, sent, si: int, tok, r) -> list[Frame]:
    doc = tok.doc
    pobj = doc[r.first("source", "according-to")]
    to = pobj.head
    skip = {tok.i} | {t.i for t in to.subtree}
    for t in to.subtree:            # "According to X, all of those killed were civilians"
        edge = t.left_edge          # with the clause misread as a relative clause of X
        if t.dep_ == "relcl" and edge.i > pobj.i and edge.i > 0 and \
                doc[edge.i - 1].text == "," and edge.lower_ not in _RELATIVE and \
                child(t, "nsubj", "nsubjpass", "expl") is not None:
            skip -= {x.i for x in t.subtree}
    clause = tok.head if tok.head.i != tok.i else None
    while clause is not None and clause.dep_ not in ("ROOT", "ccomp", "advcl", "conj",
                                                     "relcl") and clause.head.i != clause.i:
        clause = clause.head
    pool = list(clause.subtree) if clause is not None and clause.pos_ in ("VERB", "AUX") \
        else list(sent)
    after = to.right_edge.idx + len(to.right_edge.text)
    follow = next((q for q in ctx.quotes if 0 <= q.start - after <= 3 and
                   q.start < sent.end_char), None)
    if follow is not None:            # "..., according to one activist, “...”"
        pool = ctx.tokens(follow)
    content = [t for t in pool if t.i not in skip and not t.is_punct]
    span = tokens_span(content)
    if span is None:
        return []
    frames = []
    for h in [pobj] + [c for c in pobj.children if c.dep_ == "conj" and is_agentive(c)]:
        agent = make_agent(h, ctx, si)
        if agent is not None:
            frames.append(Frame(agent, span, "indirect", "according", si, content,
                                cue_span=_cue_span(tok, 9), pattern="according-to"))
    return frames


def _statement(ctx: ArticleContext, sent, si: int, tok, r) -> list[Frame]:
    """ "the ministry's claim that ...", "claims by X that ...", "amid claims that ..."."""
    doc = tok.doc
    clause = doc[r.first("content", "statement-that")]
    if tok.dep_ == "dobj" and is_cue(tok.head):
        return []                       # "denied reports that ...": the verb's frame
    content = subtree(clause)
    span = tokens_span(content)
    if span is None:
        return []
    owner_i = r.first("source", "statement-owner", "statement-by")
    low = tok.lemma_.lower()
    if owner_i is None:
        return [Frame(None, span, "unattributed", low, si, content, cue_span=_cue_span(tok),
                      pattern="statement-that")]
    agent = make_agent(doc[owner_i], ctx, si)
    if agent is None:
        return []
    full = tokens_span([t for t in sent if tok.left_edge.i <= t.i <= clause.right_edge.i])
    return [Frame(agent, full or span, "indirect", low, si, content, cue_span=_cue_span(tok),
                  pattern="statement-that")]


def _accusations_about(ctx: ArticleContext, si: int, tok, r) -> list[Frame]:
    """ "Amnesty's accusations about cluster bombs": the owner's accusation."""
    owner = make_agent(tok.doc[r.first("source", "statement-about")], ctx, si)
    content = list(tok.subtree)
    span = tokens_span(content)
    if owner is None or span is None:
        return []
    return [Frame(owner, span, "indirect", tok.lemma_.lower(), si, content,
                  cue_span=_cue_span(tok), pattern="statement-about")]


def _unattributed(ctx: ArticleContext, si: int, tok, r) -> list[Frame]:
    doc = tok.doc
    if "unattributed:alleged-to" in r.patterns:
        if child(tok, "agent") is not None:
            return []                   # "... are said by witnesses to have": attributed
        x = doc[r.first("content", "unattributed:alleged-to")]
        subj = doc[r.first("subject", "unattributed:alleged-to")]
        content = [t for t in tok.sent if subj.left_edge.i <= t.i <= x.right_edge.i]
    elif "unattributed:it-is-reported" in r.patterns:
        content = subtree(doc[r.first("content", "unattributed:it-is-reported")])
    else:
        content = list(doc[r.first("content", "unattributed:alleged-event")].subtree)
    span = tokens_span(content)
    if span is None:
        return []
    return [Frame(None, span, "unattributed", tok.lemma_.lower(), si, content,
                  cue_span=_cue_span(tok), pattern="unattributed")]


_SHOW_VERBS = frozenset("air show broadcast publish release post circulate share".split())
_PICTURES = frozenset("footage image video scene picture photo photograph".split())


def _pictures(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    """ "State television aired footage of children killed in the attack": the channel
    shows, and so alleges, what its pictures show."""
    out = []
    for tok in sent:
        obj = child(tok, "dobj")
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _SHOW_VERBS or is_negated(tok) or \
                obj is None or obj.lemma_.lower() not in _PICTURES or \
                child(tok, "nsubj") is None:
            continue
        agent = make_agent(child(tok, "nsubj"), ctx, si)
        content = list(obj.subtree)
        span = tokens_span(content)
        if agent is not None and span is not None:
            out.append(Frame(agent, span, "indirect", tok.lemma_.lower(), si, content,
                             cue_span=_cue_span(tok), pattern="pictures"))
    return out


_FINAL_CUES = frozenset("""
say says said inform informs informed report reports reported claim claims claimed add adds
added tell tells told state states stated note notes noted
""".split())


def final_clause_frame(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    """ "..., residents of the shelled areas inform." when the parser missed the verb."""
    toks = [t for t in sent if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    if len(toks) < 6 or toks[-1].lower_ not in _FINAL_CUES or is_cue(toks[-1]):
        return []
    comma = next((k for k in range(len(toks) - 2, max(len(toks) - 10, 0), -1)
                  if toks[k].text == ","), None)
    if comma is None:
        return []
    np = toks[comma + 1:-1]
    ids = {t.i for t in np}
    heads = [t for t in np if t.pos_ in ("NOUN", "PROPN") and (t.head.i not in ids or
                                                                t.head.i == t.i)]
    head = heads[0] if heads else next((t for t in np if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not is_agentive(head):
        return []
    speaker = make_agent(head, ctx, si, subject=True)
    content = toks[:comma]
    span = tokens_span(content, ctx.article.text)
    if speaker is None or span is None:
        return []
    return [Frame(speaker, span, "indirect", "say", si, content,
                  cue_span=_cue_span(toks[-1]), pattern="final-verb")]
