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
from dataclasses import dataclass, field
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import is_agentive, make_agent, remember_sentence
from kg.extract.context import ArticleContext
from kg.extract.harm import (add_doer, doers_of, first_person, harm_kind,
                             negated_harm, pronoun_attacker, shot_down)
from kg.extract.syntax import child, is_negated, subtree, tokens_span, trim, word_set
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, Claim, Span

CUE_LEMMAS = L.REPORTING_VERBS | L.ACCUSE_VERBS | L.CONDEMN_VERBS | L.DENY_VERBS | \
    L.EVALUATE_VERBS
_PARTICIPLE_CUES = ("VBG",)


@dataclass
class Frame:
    speaker: Optional[AgentRef]
    content: Span
    mode: str                 # direct | indirect | unattributed | pending
    cue: str                  # lemma of the verb, or "according", "alleged", ...
    sent_index: int
    tokens: list = field(default_factory=list)   # content tokens
    obj: object = None        # object of a deny / accuse / condemn verb
    accused: list = field(default_factory=list)  # tokens of parties blamed explicitly
    continuation: bool = False  # a quotation paragraph continuing the previous speaker
    negated_cue: bool = False
    negated_subject: bool = False   # "no one believed ..."
    fresh: bool = False       # marked as a further statement ("also said", "added")
    cue_span: Optional[Span] = None
    from_pending: bool = False
    by_reference: bool = False   # the speaker is a pronoun or description ("he", "the ministry")


def _is_cue(tok) -> bool:
    return (tok.lemma_.lower() in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX")) or \
        (tok.lemma_.lower() in _IDIOM_VERBS and _blame_idiom(tok) is not None)


_IDIOM_VERBS = frozenset("hold attribute ascribe point".split())


def _blame_idiom(tok) -> Optional[list]:
    """Whom a blaming idiom names: "held X responsible", "attributed the strike to X",
    "pointed the finger at X"; None when the verb is not used so."""
    if tok.pos_ != "VERB":
        return None
    lemma, obj = tok.lemma_.lower(), child(tok, "dobj")

    def pobj(prep):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == prep:
                return child(c, "pobj")
        return None
    if lemma == "hold" and obj is not None and any(
            c.lower_ in ("responsible", "accountable") for c in [*tok.children, *obj.children]):
        return [obj] + [c for c in obj.children if c.dep_ == "conj"]
    if lemma in ("attribute", "ascribe") and obj is not None and pobj("to") is not None:
        return [pobj("to")]
    if lemma == "point" and obj is not None and obj.lower_ == "finger":
        at = pobj("at") or next((o for c in obj.children if c.dep_ == "prep" and
                                 c.lower_ == "at" for o in c.children if o.dep_ == "pobj"),
                                None)
        return [at] if at is not None else None
    return None


def _subject(tok):
    """(speaker token, passive?) of a cue verb: its own subject, a ``by`` agent, or the
    subject of the speech verb a participle depends on ("..., saying ...")."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if subjects:   # "The director of Amnesty, Philip Luther said": the name
        named = [c for c in subjects if c.ent_type_ in ("PERSON", "ORG")]
        return (named[-1] if named else subjects[-1]), False
    agent = child(tok, "agent")
    if agent is not None and child(agent, "pobj") is not None:
        return child(agent, "pobj"), False
    sp = child(tok, "nsubjpass")
    if sp is not None:
        return sp, True
    if tok.tag_ == "VBG" and tok.dep_ not in ("ROOT", "conj"):
        for anc in tok.ancestors:       # "witnessed ..., discovering patients murdered"
            if anc.pos_ in ("VERB", "AUX") and _is_cue(anc):
                named = [c for c in anc.children if c.dep_ == "nsubj"]
                if named:
                    return named[-1], False
                break
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        outer = tok.head.head
        if tok.head.dep_ == "ccomp" and not _is_cue(tok.head) and _is_cue(outer) and (
                (tok.lemma_.lower() in L.DENY_VERBS and
                 child(tok, "xcomp", "ccomp") is not None) or
                tok.lemma_.lower() in L.ACCUSE_VERBS) and child(outer, "nsubj"):
            # "the ministry said its forces had struck X and denied hitting Y", "he said
            # troops had been fighting and accused the rebels of ...": the speaker's act,
            # though the parser joins it to what the speaker said
            return child(outer, "nsubj"), False
        s = child(tok.head, "nsubj")        # "placed the toll at 61 – and blamed ISIL"
        if s is not None:
            return s, False
    # participles and conjoined verbs take the subject of the speech verb above them
    t, hops = tok, 0
    while t.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acl", "pcomp", "prep", "pobj") and \
            t.head.i != t.i and hops < 5:
        t, hops = t.head, hops + 1
        if t.pos_ in ("VERB", "AUX") and (_is_cue(t) or t.lemma_.lower() in ("quote", "hear")):
            s = child(t, "nsubj")
            if s is not None:
                return s, False
            sp = child(t, "nsubjpass")
            if sp is not None:       # "X was quoted as saying": X speaks
                return sp, t.lemma_.lower() not in ("quote", "hear")
            ag = child(t, "agent")
            if ag is not None and child(ag, "pobj") is not None:
                return child(ag, "pobj"), False
    return None, False


def _orphan_subject(ctx: ArticleContext, sent, cue):
    """When the parser gave a main speech verb no subject ("In an interview with X, Chris
    Gunness, the spokesman for Y, said ..."), the last person (else organisation) named
    before it, outside quotations."""
    people, orgs = [], []
    for t in sent:
        if t.i >= cue.i:
            break
        if ctx.quote_around(t.idx, t.idx + 1):
            continue
        if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I") and (
                t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_type_ != "PERSON"):
            people.append(t)
        elif t.ent_type_ == "ORG" and t.dep_ not in ("pobj",) and (
                t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_type_ != "ORG"):
            orgs.append(t)
    return people[-1] if people else (orgs[-1] if orgs else None)


def _quote_for(ctx: ArticleContext, sent, cue) -> Optional[Span]:
    """The quotation (possibly running over several sentences) that the cue introduces or
    closes: the longest one touching the sentence that does not contain the cue."""
    best = None
    for q in ctx.quotes:
        if q.start >= sent.end_char or q.end <= sent.start_char:
            continue
        if q.start <= cue.idx < q.end or q.end - q.start < 15:
            continue
        if best is None or (q.end - q.start) > (best.end - best.start):
            best = q
    if best is None:   # a quotation opened in an earlier sentence and closed in this one
        for q in _multi_sentence_quotes(ctx):
            if q.start < sent.start_char < q.end <= sent.end_char + 1 and not (
                    q.start <= cue.idx < q.end):
                best = q
    return best


def _multi_sentence_quotes(ctx: ArticleContext) -> list[Span]:
    cached = getattr(ctx, "_multi_quotes", None)
    if cached is None:
        cached = []
        text = ctx.article.text
        for m in re.finditer(r"[“\"]([^”“\"\n]{20,2000}?)[”\"]", text):
            cached.append(Span(m.start(), m.end()))
        ctx._multi_quotes = cached
    return cached


def _own_speech(t) -> bool:
    """A clause with its own speech verb: a participle ("saying ...") or a finite clause
    with its own subject ("..., while Israel said ...")."""
    if _is_cue(t):
        return t.tag_ == "VBG" or child(t, "nsubj") is not None
    return any(_is_cue(x) and child(x, "nsubj") is not None for x in t.subtree
               if x.dep_ in ("advcl", "conj", "ccomp") and x.i != t.i) and \
        child(t, "nsubj") is not None


def _content_after_excluding(tok, subj) -> list:
    """The verb's subtree without its subject and without clauses that report someone
    else's speech."""
    nested = [c for c in tok.children if c.dep_ in ("advcl", "conj", "parataxis") and
              (_own_speech(c) or (c.dep_ == "conj" and _is_cue(c)))]
    nested += [d for d in tok.subtree if d.i != tok.i and d.dep_ == "advcl" and
               d.tag_ == "VBG" and _is_cue(d) and d not in nested]
    return subtree(tok, exclude=[subj, *nested])


_ANONYMITY = re.compile(r"\b(not to be (named|identified)|condition of anonymity|declined to be "
                        r"(named|identified)|requested anonymity|speaking anonymously)\b", re.I)


def _cue_kind(lemma: str) -> str:
    """Verbs of one kind of act: "alleged" ... "He also accused" continues the accuser."""
    if lemma in L.ACCUSE_VERBS or lemma in L.CONDEMN_VERBS or lemma == "allege":
        return "accuse"
    return "deny" if lemma in L.DENY_VERBS else lemma


def _person_subject(subj) -> bool:
    return subj.ent_type_ == "PERSON" or subj.lower_ in L.PERSON_PRONOUNS


def _comment_on_statement(tok) -> bool:
    """ "a claim the group denies", "an accusation it rejects" after a comma: a remark on the
    statement before it, not part of it."""
    return tok.lemma_.lower() in L.ALLEGATION_NOUNS and tok.i > 1 and \
        tok.doc[tok.left_edge.i - 1].text == "," and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and any(
            c.dep_ == "relcl" for c in tok.children)


def _frames_for_cue(ctx: ArticleContext, sent, si: int, tok) -> list[Frame]:
    lemma = tok.lemma_.lower()
    idiom = _blame_idiom(tok) if lemma in _IDIOM_VERBS else None
    if idiom is not None:
        lemma = "blame"                 # "held X responsible": a verb of blaming
    text = ctx.article.text
    if lemma == "report" and any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.children):
        return []                       # "reporting from Gaza"
    if tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
        return []                       # "a statement published by", "disputed incidents"
    if _comment_on_statement(tok.head) and tok.dep_ == "relcl":
        return []                       # "..., a claim the group denies": says no more
    obj = child(tok, "dobj")
    if obj is not None and obj.lower_ in ("nothing", "little") and lemma in L.REPORTING_VERBS:
        return []                       # "while saying nothing about ...": no statement
    if lemma == "claim" and obj is not None and obj.lemma_.lower() in ("life", "lives"):
        return []                       # "claimed the lives of ..."
    if lemma in L.EVALUATE_VERBS and obj is None:
        comp = child(tok, "ccomp")     # "called the reports lies", read as "reports lie"
        said = child(comp, "nsubj") if comp is not None else None
        if said is not None and said.lemma_.lower() in L.ALLEGATION_NOUNS:
            obj = said
    if lemma in L.EVALUATE_VERBS and (obj is None or not (
            child(tok, "oprd", "xcomp", "ccomp") or _quote_for(ctx, sent, tok) or (
                obj.lemma_.lower() in L.ALLEGATION_NOUNS and
                word_set(list(obj.subtree)) & L.DISMISSAL_WORDS))):
        return []                       # "called for", "called on": not an evaluation (but
                                        # "called the reports “fabricated”" is one)
    if lemma == "describe" and obj is None and child(tok, "ccomp") is None:
        pass
    inside = ctx.quote_around(tok.idx, tok.idx + len(tok.text))
    subj, passive = _subject(tok)
    if subj is None and tok.dep_ == "ROOT":
        subj = _orphan_subject(ctx, sent, tok)
    if lemma in ("quote", "cite") and passive:
        return []                       # "X was quoted as saying": the saying is the frame
    if inside is not None and (subj is None or subj.i < sent.start or
                               ctx.quote_around(subj.idx, subj.idx + 1) is None):
        if subj is None or not ctx.quote_around(subj.idx, subj.idx + 1):
            return []                   # a verb inside someone's quotation
    negative = subj is not None and (subj.lower_ in ("nobody", "none") or any(
        c.lower_ == "no" and c.dep_ == "det" for c in subj.children))
    if subj is not None and not is_agentive(subj) and not passive and not negative:
        return []                       # "evidence suggested", "the attack claimed"
    if lemma == "claim" and obj is not None and obj.lemma_.lower() == "responsibility":
        # "No group claimed responsibility": a fact, nobody's denial; "Islamic State claimed
        # responsibility for the attack": the group names itself as the doer
        if negative or subj is None or passive or is_negated(tok):
            return []
        speaker = make_agent(subj, ctx, si, subject=True)
        span = tokens_span([tok] + list(obj.subtree), text)
        if speaker is None or span is None:
            return []
        return [Frame(speaker, span, "indirect", lemma, si, [tok] + list(obj.subtree), obj,
                      [subj], cue_span=Span(tok.idx, tok.idx + len(tok.text)))]
    head_cue = tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i and \
        _is_cue(tok.head)
    if head_cue and tok.head.lemma_.lower() in L.DENY_VERBS and tok.tag_ in _PARTICIPLE_CUES:
        return []                       # "rejected ..., saying ...": part of the denial
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    comps.sort(key=lambda c: (c.i < tok.i, abs(c.i - tok.i)))   # after the verb first
    comp = comps[0] if comps else (child(tok, "xcomp") if passive or lemma in (
        "find", "discover", "witness") else None)
    accused = []
    if (lemma in L.ACCUSE_VERBS or (lemma in L.CONDEMN_VERBS and is_agentive(obj))) and \
            obj is not None:
        accused = [obj] + [c for c in obj.children if c.dep_ == "conj"]
    if idiom is not None:
        accused = idiom
    if lemma in L.ACCUSE_VERBS or lemma in L.DENY_VERBS or lemma in L.CONDEMN_VERBS or \
            lemma in L.EVALUATE_VERBS:
        content = _content_after_excluding(tok, subj)
    elif comp is not None:
        nested = [t for t in comp.subtree if t.i != comp.i and t.dep_ in (
            "advcl", "conj", "parataxis") and (_own_speech(t) or (t.dep_ == "conj" and
                                                                   _is_cue(t)))]
        nested += [t for t in comp.subtree if _comment_on_statement(t)]
        content = subtree(comp, exclude=nested)
    elif obj is not None or child(tok, "xcomp", "prep", "oprd") is not None:
        content = [t for t in _content_after_excluding(tok, subj) if t.i > tok.i]
    else:
        content = []
    mode = "indirect"
    quote = _quote_for(ctx, sent, tok)
    if quote is not None:
        after = [q for q in ctx.quotes if q.start > tok.idx and q.start < sent.end_char and
                 q.end - q.start >= 8]
        if len(after) > 1 and (comp is None or not any(
                a.start <= comp.idx < a.end for a in after)):
            # “another callous drone attack” by ... had “claimed the lives of ...”
            quote = Span(after[0].start, after[-1].end)
        elif len(after) > 1:
            # said “another callous drone attack” by X had “claimed the lives of ...”: the
            # quoted clause's subject is quoted too
            lo, hi = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            inside = [a for a in after if a.start >= lo - 2 and a.end <= hi + 2]
            if len(inside) > 1:
                quote = Span(inside[0].start, inside[-1].end)
        qtoks = ctx.tokens(quote)
        comp_in_quote = comp is not None and quote.start <= comp.idx < quote.end
        if not content or comp_in_quote or (comp is None and lemma in L.REPORTING_VERBS
                                            and obj is None):
            content = qtoks
            mode = "direct"
        elif comp is None and obj is not None and any(quote.start <= t.idx < quote.end
                                                      for t in content):
            mode = "direct"             # "estimated the death toll “at the low end ...”"
    if not content:
        rest = [t for t in ctx.doc[tok.i + 1:sent.end] if not t.is_space]
        nxt = rest[0] if rest else None
        if nxt is None or nxt.text == ":" or all(t.is_punct for t in rest):
            # "X said:" with the quotation in the next paragraph
            sp = make_agent(subj, ctx, si, subject=True) if subj is not None and not passive \
                else None
            return [Frame(sp, Span(tok.idx, tok.idx + len(tok.text)), "pending", lemma, si,
                          negated_cue=is_negated(tok))]
        if subj is not None and subj.i > tok.i - 3 and tok.i >= sent.end - 3 and \
                subj.i > sent.start:
            # "..., residents inform." : what they say comes before
            content = [t for t in sent if t.i < min(subj.left_edge.i, tok.i)]
        elif lemma in L.REPORTING_VERBS and tok.i < sent.end - 4 and obj is None:
            content = [t for t in sent if t.i > tok.i]
    if not content:
        return []
    negated_subject = False
    speaker = None
    if subj is not None and not passive:
        if any(c.lower_ == "no" and c.dep_ == "det" for c in subj.children) or \
                subj.lower_ in ("nobody", "none"):
            negated_subject = True      # "no one she spoke to believed ..."
            for c in subj.children:
                if c.dep_ == "relcl":
                    rs = child(c, "nsubj")
                    if rs is not None:
                        speaker = make_agent(rs, ctx, si)
        else:
            speaker = make_agent(subj, ctx, si, subject=True)
            again = ctx.speakers_by_cue.get(_cue_kind(lemma))
            if subj.lower_ in L.PERSON_PRONOUNS and again is not None and again[0] >= si - 15 \
                    and any(c.lower_ == "also" for c in tok.children):
                speaker = again[1]      # "He also accused ...": who accused before
        if speaker is None and not negated_subject:
            return []                   # a subject we cannot name
        if speaker is not None and speaker.generic and _ANONYMITY.search(sent.text):
            speaker.kind = "anonymous"  # "a doctor, who asked not to be named, said"
        if speaker is not None and speaker.kind not in ("article",) and _person_subject(subj):
            ctx.speakers_by_cue[_cue_kind(lemma)] = (si, speaker)
    by_reference = subj is not None and (subj.pos_ == "PRON" or subj.lower_ in (
        "this", "that") or (not any(t.pos_ == "PROPN" or t.ent_type_ for t in subj.subtree)
                            and any(t.lower_ in ("the", "this") for t in subj.lefts)))
    if passive and speaker is None:
        mode = "unattributed"
        if lemma in L.DENY_VERBS:
            return []                   # "have been denied assistance": deprived, not denied
    span = tokens_span(content, text)
    if span is None:
        return []
    if (lemma in L.ACCUSE_VERBS or lemma in L.DENY_VERBS or lemma in L.CONDEMN_VERBS or
            lemma in L.EVALUATE_VERBS) and subj is not None and not passive and \
            subj.i < tok.i and mode != "direct" and subj.head.i == tok.i:
        # the clause itself carries the claim: "X accused Y of Z", "X rejected the report"
        start = subj.left_edge.idx if subj.left_edge.i >= sent.start else sent.start_char
        span = trim(text, start, span.end) or span
    fresh = any(c.lower_ == "also" for c in tok.children) or lemma == "add"
    frame = Frame(speaker, span, mode, lemma, si, content, obj, accused,
                  negated_cue=is_negated(tok), negated_subject=negated_subject, fresh=fresh,
                  cue_span=Span(tok.idx, tok.idx + len(tok.text)), by_reference=by_reference)
    others = []
    if subj is not None and not passive and speaker is not None:
        for c in subj.children:          # "Aid workers and the TPLF say ..."
            if c.dep_ == "conj" and (c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or
                                     c.pos_ == "PROPN"):
                other = make_agent(c, ctx, si, subject=True)
                if other is not None and other.name != speaker.name:
                    others.append(Frame(other, span, mode, lemma, si, content, obj, accused,
                                        negated_cue=frame.negated_cue, fresh=fresh,
                                        cue_span=frame.cue_span))
    if lemma == "reject" and tok.dep_ == "relcl":
        # "claims that were rejected by M23": the rejected claims are the noun above
        head = tok.head
        frame.obj = head
        frame.content = trim(text, head.idx, tok.right_edge.idx + len(tok.right_edge.text)) \
            or span
    return [frame, *others]


_FINAL_CUES = frozenset("""
say says said inform informs informed report reports reported claim claims claimed add adds
added tell tells told state states stated note notes noted
""".split())


def _final_clause_frame(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    """ "..., residents of the shelled areas inform." when the parser missed the verb."""
    toks = [t for t in sent if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    if len(toks) < 6 or toks[-1].lower_ not in _FINAL_CUES or _is_cue(toks[-1]):
        return []
    comma = next((k for k in range(len(toks) - 2, max(len(toks) - 10, 0), -1)
                  if toks[k].text == ","), None)
    if comma is None:
        return []
    np = toks[comma + 1:-1]
    heads = [t for t in np if t.pos_ in ("NOUN", "PROPN") and (t.head not in np or
                                                                t.head.i == t.i)]
    head = heads[0] if heads else next((t for t in np if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not is_agentive(head):
        return []
    speaker = make_agent(head, ctx, si, subject=True)
    content = toks[:comma]
    span = tokens_span(content, ctx.article.text)
    if speaker is None or span is None:
        return []
    cue = toks[-1]
    return [Frame(speaker, span, "indirect", "say", si, content,
                  cue_span=Span(cue.idx, cue.idx + len(cue.text)))]


def _verb_frames(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    frames = []
    for tok in sent:
        if _is_cue(tok):
            frames.extend(_frames_for_cue(ctx, sent, si, tok))
    if not frames:
        frames = _final_clause_frame(ctx, sent, si)
    return frames


_RELATIVE = frozenset("who whom whose which that where when".split())


def _according_frames(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    frames = []
    for tok in sent:
        if tok.lower_ != "according":
            continue
        to = child(tok, "prep")
        if to is None or to.lower_ != "to":
            continue
        pobj = child(to, "pobj")
        if pobj is None:
            continue
        skip = {tok.i} | {t.i for t in to.subtree}
        for t in to.subtree:            # "According to X, all of those killed were civilians"
            edge = t.left_edge          # with the clause misread as a relative clause of X
            if t.dep_ == "relcl" and edge.i > pobj.i and edge.i > 0 and \
                    t.doc[edge.i - 1].text == "," and edge.lower_ not in _RELATIVE and \
                    child(t, "nsubj", "nsubjpass", "expl") is not None:
                skip -= {x.i for x in t.subtree}
        clause = tok.head if tok.head.i != tok.i else None
        while clause is not None and clause.dep_ not in ("ROOT", "ccomp", "advcl", "conj",
                                                         "relcl") and clause.head.i != clause.i:
            clause = clause.head
        pool = [t for t in clause.subtree] if clause is not None and clause.pos_ in (
            "VERB", "AUX") else list(sent)
        after = to.right_edge.idx + len(to.right_edge.text)
        follow = next((q for q in ctx.quotes if 0 <= q.start - after <= 3 and
                       q.start < sent.end_char), None)
        if follow is not None:            # "..., according to one activist, “...”"
            pool = ctx.tokens(follow)
        content = [t for t in pool if t.i not in skip and not t.is_punct]
        span = tokens_span(content)
        if span is None:
            continue
        heads = [pobj] + [c for c in pobj.children if c.dep_ == "conj" and is_agentive(c)]
        for h in heads:
            agent = make_agent(h, ctx, si)
            if agent is not None:
                frames.append(Frame(agent, span, "indirect", "according", si, content,
                                    cue_span=Span(tok.idx, tok.idx + 9)))
    return frames


_UNATTRIBUTED_ADJ = ("alleged", "reported", "suspected", "apparent")
_SHOW_VERBS = frozenset("air show broadcast publish release post circulate share".split())
_PICTURES = frozenset("footage image video scene picture photo photograph".split())


def _unattributed_frames(ctx: ArticleContext, sent, si: int) -> list[Frame]:
    """Claims no one is named for: "amid claims that ...", "are alleged to ...",
    "there were also claims that ...", "alleged attacks on civilians"."""
    frames = []
    for tok in sent:
        low = tok.lemma_.lower()
        if tok.tag_ == "VBN" and low in L.PASSIVE_REPORT_VERBS and \
                child(tok, "xcomp") is not None and child(tok, "agent") is None:
            x = child(tok, "xcomp")
            subj = child(tok, "nsubjpass")
            content = [t for t in sent if (subj is None or t.i >= subj.left_edge.i)
                       and t.i <= x.right_edge.i]
            span = tokens_span(content)
            if span:
                frames.append(Frame(None, span, "unattributed", low, si, content,
                                    cue_span=Span(tok.idx, tok.idx + len(tok.text))))
        elif tok.pos_ == "NOUN" and low in ("allegation", "accusation", "charge") and any(
                c.dep_ == "poss" for c in tok.children) and any(
                c.dep_ == "prep" and c.lower_ in ("about", "of", "over") for c in tok.children):
            # "Amnesty's accusations about cluster bombs"
            owner = make_agent([c for c in tok.children if c.dep_ == "poss"][0], ctx, si)
            content = [t for t in tok.subtree]
            span = tokens_span(content)
            if owner is not None and span is not None:
                frames.append(Frame(owner, span, "indirect", low, si, content,
                                    cue_span=Span(tok.idx, tok.idx + len(tok.text))))
        elif tok.pos_ == "NOUN" and low in ("claim", "allegation", "accusation", "report",
                                            "suggestion", "rumour", "rumor"):
            clause = child(tok, "acl", "ccomp", "relcl")
            if clause is None or not any(c.lower_ == "that" and c.dep_ == "mark"
                                         for c in clause.children):
                continue
            owner = [c for c in tok.children if c.dep_ == "poss"] + [
                c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"]
            content = subtree(clause)
            span = tokens_span(content)
            if span is None:
                continue
            if owner:
                o = owner[0] if owner[0].dep_ == "poss" else child(owner[0], "pobj")
                agent = make_agent(o, ctx, si) if o is not None else None
                if agent is not None:
                    full = tokens_span([t for t in sent if tok.left_edge.i <= t.i <=
                                         clause.right_edge.i])
                    frames.append(Frame(agent, full or span, "indirect", low, si, content,
                                        cue_span=Span(tok.idx, tok.idx + len(tok.text))))
                continue
            frames.append(Frame(None, span, "unattributed", low, si, content,
                                cue_span=Span(tok.idx, tok.idx + len(tok.text))))
        elif tok.lower_ == "it" and tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in (
                "report", "say", "claim", "allege", "believe", "understand"):
            comp = child(tok.head, "ccomp")
            if comp is not None:
                content = subtree(comp)
                span = tokens_span(content)
                if span:
                    frames.append(Frame(None, span, "unattributed", tok.head.lemma_.lower(),
                                        si, content, cue_span=Span(tok.head.idx,
                                                                   tok.head.idx + 1)))
        elif low in _SHOW_VERBS and tok.pos_ == "VERB" and not is_negated(tok) and \
                child(tok, "dobj") is not None and \
                child(tok, "dobj").lemma_.lower() in _PICTURES and \
                child(tok, "nsubj") is not None:
            # "State television aired footage of children killed in the attack": the channel
            # shows, and so alleges, what its pictures show
            agent = make_agent(child(tok, "nsubj"), ctx, si)
            content = list(child(tok, "dobj").subtree)
            span = tokens_span(content)
            if agent is not None and span is not None:
                frames.append(Frame(agent, span, "indirect", low, si, content,
                                    cue_span=Span(tok.idx, tok.idx + len(tok.text))))
        elif low in _UNATTRIBUTED_ADJ and tok.dep_ == "amod" and (
                tok.head.lemma_.lower() in L.EVENT_NOUNS or tok.head.lower_ in L.HARM_WORDS):
            content = list(tok.head.subtree)
            span = tokens_span(content)
            if span:
                frames.append(Frame(None, span, "unattributed", low, si, content,
                                    cue_span=Span(tok.idx, tok.idx + len(tok.text))))
    return frames


def find_frames(ctx: ArticleContext) -> list[Frame]:
    frames: list[Frame] = []
    pending: Optional[Frame] = None
    last_speaker: Optional[tuple[int, AgentRef]] = None
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind in ("boilerplate", "blank") or not sent.text.strip():
            continue
        if kind in ("headline", "caption"):
            remember_sentence(ctx, sent, si)   # names there are referred to later
            continue
        sframes = (_verb_frames(ctx, sent, si) + _according_frames(ctx, sent, si)
                   + _unattributed_frames(ctx, sent, si))
        real = [f for f in sframes if f.mode != "pending"]
        pend = [f for f in sframes if f.mode == "pending"]
        stripped = sent.text.strip()
        in_quote = stripped[:1] in "“\"‘" or ctx.quote_around(
            sent.start_char + len(sent.text) - len(sent.text.lstrip()), sent.start_char + 2
        ) is not None
        covered = any(f.content.start <= sent.start_char + 1 and f.content.end >= sent.end_char - 2
                      for f in frames[-3:])
        has_cue = any(_is_cue(t) and not ctx.quote_around(t.idx, t.idx + 1) for t in sent)
        if in_quote and not real and not covered and not has_cue:
            q = tokens_span(list(sent), ctx.article.text)
            speaker = (pending.speaker if pending is not None else
                       last_speaker[1] if last_speaker and si - last_speaker[0] <= 3 else None)
            if q is not None and speaker is not None:
                frames.append(Frame(speaker, q, "direct", pending.cue if pending else "say", si,
                                    list(sent), continuation=pending is None,
                                    from_pending=pending is not None, by_reference=True))
            remember_sentence(ctx, sent, si)
            continue
        if pend:
            pending = pend[-1]
            if pending.speaker is not None:
                last_speaker = (si, pending.speaker)
        elif real:
            pending = None
        for f in real:
            frames.append(f)
            if f.speaker is not None:
                last_speaker = (si, f.speaker)
        remember_sentence(ctx, sent, si)
    return _dedupe(frames)


def _dedupe(frames: list[Frame]) -> list[Frame]:
    """Drop frames another frame already carries: a relay ("X reported that Y claimed Z":
    Y's claim), an unattributed claim inside an attributed one, an exact duplicate."""
    out = []
    for f in frames:
        drop = False
        for g in frames:
            if g is f:
                continue
            if g.content == f.content and g.speaker is f.speaker and g.cue == f.cue and \
                    frames.index(g) < frames.index(f):
                drop = True
            elif f.mode == "unattributed" and g.mode != "unattributed" and \
                    g.content.contains(f.content) and len(g.content) > len(f.content):
                drop = True
            elif f.mode == "unattributed" and g.mode == "unattributed" and \
                    g.content.contains(f.content) and len(g.content) > len(f.content):
                drop = True
            elif g.cue_span is not None and f.content.contains(g.cue_span) and \
                    f.content.contains(g.content) and g.speaker is not None and \
                    f.speaker is not None and g.speaker.name != f.speaker.name and \
                    f.mode != "direct" and g.cue != "according" and \
                    f.cue in L.REPORTING_VERBS and \
                    len(g.content) >= 0.6 * len(f.content):
                drop = True         # f only relays g
            if drop:
                break
        if not drop:
            out.append(f)
    return out


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
