"""Questions the attack reader asks of the parse: does a phrase belong to the attack or to
another act of the sentence?"""

from __future__ import annotations

from kg.extract import lexicon as L
from kg.extract.context import ArticleContext
from kg.model import Span


def by_other_act(ctx: ArticleContext, span: Span, triggers) -> bool:
    """Do the words at *span* (a place, a date) hang on another act of the sentence (a verb
    that is not one of the attack's, in a clause of its own) rather than on the attack or
    its target?"""
    toks = ctx.tokens(span)
    if not toks:
        return False
    ids = {t.i for t in triggers}
    inside = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in inside), toks[0])
    h, hops = top.head, 0
    while h.head.i != h.i and hops < 8:
        if h.i in ids or h.lemma_.lower() in L.TARGET_TERMS:
            return False
        if h.pos_ in ("VERB", "AUX"):
            # "The attack took place in X": the verb of the attack itself; "killed while
            # they were putting out fires in X": a clause that tells of the attack
            return not any(c.dep_ in ("nsubj", "nsubjpass") and (
                c.i in ids or c.lemma_.lower() in L.EVENT_NOUNS) for c in h.children) and \
                not _tells_of(h, ids)
        h, hops = h.head, hops + 1
    return False


def _tells_of(verb, ids: set) -> bool:
    """Is *verb* in a clause that tells of the attack (an adverbial clause or a participle
    under an attack word: "killed while they were putting out fires in X", "civilians
    attending a wedding near X"), not a clause of its own ("fighters who surrendered in
    May at X", "said that ...")?"""
    h, hops = verb, 0
    while h.head.i != h.i and hops < 8:
        if h.dep_ in ("relcl", "ccomp", "parataxis"):
            return False
        h, hops = h.head, hops + 1
        if h.i in ids:
            return True
    return False


def dated_by_other_act(ctx: ArticleContext, span: Span, triggers) -> bool:
    """Does the date at *span* date another act of the sentence?  It does when every attack
    word of the sentence is inside a relative clause and the date hangs on none of them
    ("On Tuesday, investigators inspected the remains of the mall that was destroyed by a
    missile"); not when it tells of one ("an incident that occurred on July 4")."""
    toks = ctx.tokens(span)
    if not toks or not triggers or not all(_in_relative_clause(t) for t in triggers):
        return False
    ids = {t.i for t in triggers}
    return not any(a.i in ids for a in toks[0].ancestors)


def _in_relative_clause(tok) -> bool:
    h, hops = tok, 0
    while h.head.i != h.i and hops < 12:
        if h.dep_ == "relcl":
            return True
        h, hops = h.head, hops + 1
    return False


def in_background(ctx: ArticleContext, span: Span) -> bool:
    """Are the words at *span* in a "where" clause describing a place ("the village of X,
    where in 2014 gunmen killed over 800 people"): its history, not this incident?"""
    toks = ctx.tokens(span)
    h, hops = (toks[0] if toks else None), 0
    while h is not None and h.head.i != h.i and hops < 12:
        if h.dep_ == "relcl" and any(c.lower_ == "where" for c in h.children):
            return True
        h, hops = h.head, hops + 1
    return False
