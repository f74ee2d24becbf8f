"""What a frame says, and who says it, from the parse around its cue.

* `speaker_token`: the cue's own subject or ``by``-agent (the patterns ``source:*``); for a
  participle or a verb joined to another ("..., saying ...", "said X and denied Y"), the
  speaker of the verb it depends on; for a main verb the parser left without a subject, the
  last name before it.
* `content_tokens`: what the cue governs (its clause, its object, what a party is accused
  of), without the speaker and without clauses that report someone else's speech.
* `quotation_for`: the quotation a cue introduces or closes ("“...,” said X", "X said:
  “...”"), also over several sentences.
"""

from __future__ import annotations

import re
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.context import ArticleContext
from kg.extract.frames.roles import Roles, cue_roles, cue_words
from kg.extract.syntax import child, subtree
from kg.model import Span

#: verbs that take someone's blame as their object ("held X responsible")
IDIOM_VERBS = frozenset("hold attribute ascribe pin".split())
#: judgements need what is judged ("called it a crime"), else "call" is a summons
JUDGING = L.EVALUATE_VERBS


def is_cue(tok, roles: Optional[Roles] = None) -> bool:
    """Is *tok* used as a verb of saying, denying, accusing, condemning or judging?"""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in cue_words():
        return False
    r = roles if roles is not None else cue_roles(tok.doc).get(tok.i)
    if r is not None and r.vetoed:
        return False
    lemma = tok.lemma_.lower()
    if lemma in IDIOM_VERBS:
        return r is not None and bool(r.all("accused"))
    if lemma in JUDGING:
        return r is not None and bool(r.all("content", "content:judged", "content:described"))
    if lemma == "point":
        return r is not None and bool(r.all("accused")) or child(tok, "ccomp") is not None
    return True


def is_negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.lower_ in ("never", "neither") for c in tok.children if c.dep_ in ("advmod", "preconj"))


# --- the speaker ---------------------------------------------------------------------------
_CHAIN_DEPS = ("advcl", "xcomp", "conj", "ccomp", "acl", "pcomp", "prep", "pobj", "dobj")


def speaker_token(ctx: ArticleContext, sent, tok, roles: Roles) -> tuple[object, bool]:
    """(token naming the speaker, passive?) for the cue *tok*; (None, False) if none."""
    doc = tok.doc
    subjects = roles.all("source", "source:subject")
    if subjects:        # "The director of Amnesty, Philip Luther said": the name
        toks = [doc[i] for i in subjects]
        named = [t for t in toks if t.ent_type_ in ("PERSON", "ORG")]
        return (named[-1] if named else toks[-1]), False
    by = roles.first("source", "source:by")
    if by is not None:
        return doc[by], False
    sp = child(tok, "nsubjpass")
    if sp is not None:
        return sp, True
    inherited = _inherited_speaker(tok)
    if inherited is not None:
        return inherited
    if tok.dep_ == "ROOT":
        return _orphan_subject(ctx, sent, tok), False
    return None, False


def _inherited_speaker(tok):
    """The speaker of the verb of saying this one depends on: "..., saying ...", "X said
    its forces struck Y and denied hitting Z", "X was quoted as saying"."""
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        outer = tok.head.head
        if tok.head.dep_ == "ccomp" and not is_cue(tok.head) and is_cue(outer) and \
                tok.lemma_.lower() in L.DENY_VERBS | L.ACCUSE_VERBS and \
                child(outer, "nsubj") is not None:
            return child(outer, "nsubj"), False   # the speaker's act, joined to their words
        s = child(tok.head, "nsubj")
        if s is not None:
            return s, False
    t, hops = tok, 0
    while t.dep_ in _CHAIN_DEPS and t.head.i != t.i and hops < 5:
        t, hops = t.head, hops + 1
        if t.pos_ not in ("VERB", "AUX"):
            continue
        lemma = t.lemma_.lower()
        if not (is_cue(t) or lemma in ("quote", "hear", "cite")):
            if tok.tag_ == "VBG" and child(t, "nsubj") is not None and \
                    not _inside_what_is_said(t):
                return child(t, "nsubj"), False   # "agencies are defending it by saying"
                                                  # (but not a verb of what a cue says)
            continue
        for dep, passive in (("nsubj", False), ("nsubjpass", lemma not in ("quote", "hear",
                                                                            "cite"))):
            s = child(t, dep)
            if s is not None:
                return s, passive
        ag = child(t, "agent")
        if ag is not None and child(ag, "pobj") is not None:
            return child(ag, "pobj"), False
    return None


def _inside_what_is_said(t) -> bool:
    """Is *t* part of what a cue above it says (reached through a clausal complement)?"""
    hops = 0
    while t.head.i != t.i and hops < 12:
        dep, t, hops = t.dep_, t.head, hops + 1
        if dep in ("ccomp", "xcomp", "parataxis") and is_cue(t):
            return True
    return False


def _orphan_subject(ctx: ArticleContext, sent, cue):
    """When the parser gave a main verb of saying no subject ("In an interview with X, Chris
    Gunness, the spokesman for Y, said ..."), the last person (else organisation) named
    before it, outside quotations."""
    people, orgs = [], []
    doc = cue.doc
    for t in sent:
        if t.i >= cue.i:
            break
        if ctx.quote_around(t.idx, t.idx + 1):
            continue
        last = t.i + 1 >= len(doc) or doc[t.i + 1].ent_type_ != t.ent_type_
        if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I") and last:
            people.append(t)
        elif t.ent_type_ == "ORG" and t.dep_ != "pobj" and last:
            orgs.append(t)
    if people:
        return people[-1]
    named = _name_just_before(ctx, sent, cue)
    return named if named is not None else (orgs[-1] if orgs else None)


def _name_just_before(ctx: ArticleContext, sent, cue):
    """A name right before the verb, after a comma at most, that the tagger did not know
    ("..., Colonel-General Anatoly Nogovitsyn, told a news conference")."""
    i = cue.i - 1
    while i > sent.start and cue.doc[i].text in (",", "—", "–"):
        i -= 1
    t = cue.doc[i]
    if i < sent.start or t.pos_ != "PROPN" or ctx.quote_around(t.idx, t.idx + 1):
        return None
    return t


# --- what is said --------------------------------------------------------------------------
def own_speech(t) -> bool:
    """A clause with its own speech verb: a participle ("saying ...") or a finite clause
    with its own subject ("..., while Israel said ...")."""
    if is_cue(t):
        return t.tag_ == "VBG" or child(t, "nsubj") is not None
    return any(is_cue(x) and child(x, "nsubj") is not None for x in t.subtree
               if x.dep_ in ("advcl", "conj", "ccomp") and x.i != t.i) and \
        child(t, "nsubj") is not None


def comment_on_statement(tok) -> bool:
    """ "a claim the group denies", "an accusation it rejects" after a comma: a remark on the
    statement before it, not part of it."""
    return tok.lemma_.lower() in L.ALLEGATION_NOUNS and tok.i > 1 and \
        tok.doc[tok.left_edge.i - 1].text == "," and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and any(
            c.dep_ == "relcl" for c in tok.children)


def without_nested(tok, exclude=(), keep_participles: bool = False) -> list:
    """*tok*'s subtree without *exclude* and without clauses reporting other speech (but,
    with *keep_participles*, with the "..., saying ..." that says what a denial holds)."""
    nested = [c for c in tok.children if c.dep_ in ("advcl", "conj", "parataxis") and
              (own_speech(c) or (c.dep_ == "conj" and is_cue(c))) and
              not (keep_participles and c.tag_ == "VBG")]
    if not keep_participles:
        nested += [d for d in tok.subtree if d.i != tok.i and d.dep_ == "advcl" and
                   d.tag_ == "VBG" and is_cue(d) and all(d.i != n.i for n in nested)]
    nested += [d for d in tok.subtree if d.i != tok.i and comment_on_statement(d)]
    return subtree(tok, exclude=[*exclude, *nested])


#: cues whose whole clause is the statement: what is denied, condemned, blamed or judged
WHOLE_CLAUSE = L.ACCUSE_VERBS | L.DENY_VERBS | L.CONDEMN_VERBS | L.EVALUATE_VERBS | IDIOM_VERBS


def content_tokens(tok, roles: Roles, subj, passive: bool) -> tuple[list, object]:
    """(what the cue says, its complement clause or None)."""
    lemma = tok.lemma_.lower()
    doc = tok.doc
    comps = [doc[i] for i in roles.all("content", "content:clause")]
    comps.sort(key=lambda c: (c.i < tok.i, abs(c.i - tok.i)))   # after the verb first
    comp = comps[0] if comps else (child(tok, "xcomp") if passive or lemma in (
        "find", "discover", "witness") else None)
    if tok.dep_ == "parataxis" and not comps and tok.head.pos_ in ("VERB", "AUX") and \
            lemma in L.REPORTING_VERBS:
        # "The strike killed eight, Human Rights Watch said, including a cameraman": what
        # is said is the clause the attribution interrupts
        drop = {t.i for t in tok.subtree if t.i <= tok.i or t.dep_ == "punct"}
        return [t for t in tok.head.subtree if t.i not in drop or t.i > tok.i], None
    if lemma in WHOLE_CLAUSE or roles.all("accused"):
        return without_nested(tok, exclude=[subj],
                              keep_participles=lemma in L.DENY_VERBS), comp
    if comp is not None:
        return without_nested(comp), comp
    if child(tok, "dobj", "xcomp", "prep", "oprd") is not None:
        return [t for t in without_nested(tok, exclude=[subj]) if t.i > tok.i], None
    return [], None


def quotation_for(ctx: ArticleContext, sent, cue) -> Optional[Span]:
    """The quotation (possibly over several sentences) that the cue introduces or closes:
    the longest one touching the sentence that does not contain the cue."""
    best = None
    for q in ctx.quotes:
        if q.start >= sent.end_char or q.end <= sent.start_char:
            continue
        if q.start <= cue.idx < q.end or q.end - q.start < 15:
            continue
        if best is None or len(q) > len(best):
            best = q
    if best is None:   # a quotation opened in an earlier sentence and closed in this one
        for q in multi_sentence_quotes(ctx):
            if q.start < sent.start_char < q.end <= sent.end_char + 1 and not (
                    q.start <= cue.idx < q.end):
                best = q
    return best


def multi_sentence_quotes(ctx: ArticleContext) -> list[Span]:
    cached = ctx.doc.user_data.get("kg_multi_quotes")
    if cached is None:
        cached = [Span(m.start(), m.end()) for m in
                  re.finditer(r"[“\"]([^”“\"\n]{20,2000}?)[”\"]", ctx.article.text)]
        ctx.doc.user_data["kg_multi_quotes"] = cached
    return cached


def direct_content(ctx: ArticleContext, sent, tok, content: list, comp, obj
                   ) -> tuple[list, bool]:
    """(content, direct?): the quotation replaces or marks the content when the cue quotes."""
    quote = quotation_for(ctx, sent, tok)
    if quote is None:
        return content, False
    after = [q for q in ctx.quotes if tok.idx < q.start < sent.end_char and len(q) >= 8]
    if len(after) > 1 and (comp is None or not any(a.start <= comp.idx < a.end for a in after)):
        quote = Span(after[0].start, after[-1].end)     # quoted pieces of one statement
    elif len(after) > 1:
        lo, hi = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
        inside = [a for a in after if a.start >= lo - 2 and a.end <= hi + 2]
        if len(inside) > 1:
            quote = Span(inside[0].start, inside[-1].end)
    comp_in_quote = comp is not None and quote.start <= comp.idx < quote.end
    lemma = tok.lemma_.lower()
    if not content or comp_in_quote or (comp is None and lemma in L.REPORTING_VERBS and
                                        obj is None):
        return ctx.tokens(quote), True
    if comp is None and obj is not None and any(quote.start <= t.idx < quote.end
                                                for t in content):
        return content, True            # "estimated the death toll “at the low end ...”"
    return content, False
