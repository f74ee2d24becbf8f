"""What a learned reader sees of a sentence: its words and a few signs of stance.

Features are strings (a sparse bag): lemma unigrams and bigrams, with names replaced by
their entity type (a model must not learn that "Russia" denies: who speaks changes from
conflict to conflict) and numbers by ``NUM``; lemmas in the scope of a negation are marked
(``neg:strike``, NegEx-style: from a negation word to the end of its clause); and signs the
rules also read: a verb of saying, denying, accusing or condemning; a negated attack or harm
word; words of dismissal and of justification; quotation marks; a first-person speaker.

>>> from kg.extract.nlp import load
>>> doc = load()("The army did not strike the hospital, a spokesman said.")
>>> feats = sentence_features(next(doc.sents))
>>> "neg:strike" in feats and "cue:say" in feats and "neg_harm" in feats
True
"""

from __future__ import annotations

from kg.extract import lexicon as L
from kg.extract.harm import harm_kind
from kg.extract.stance.signals import families, signals_in

#: words that open a negation's scope (with the verbs' "n't" and "not", tagged neg)
NEGATORS = frozenset("not n't never no nothing nobody none neither nor without".split())
#: what closes it: the end of a clause
_SCOPE_END = frozenset(", ; : . but however although though while whereas".split())
_NAMES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
_CUES = (("say", L.REPORTING_VERBS), ("deny", L.DENY_VERBS), ("accuse", L.ACCUSE_VERBS),
         ("condemn", L.CONDEMN_VERBS), ("evaluate", L.EVALUATE_VERBS))
_HARM = L.ATTACK_VERBS | L.CASUALTY_VERBS | L.EVENT_NOUNS | L.CASUALTY_NOUNS | L.HARM_WORDS


def _unit(t) -> str:
    if t.ent_type_ in _NAMES:
        return "ENT_" + t.ent_type_
    if t.like_num or t.ent_type_ in ("CARDINAL", "QUANTITY"):
        return "NUM"
    if t.ent_type_ in ("DATE", "TIME"):
        return "DATE"
    return t.lemma_.lower()


def _negated(tokens) -> list[bool]:
    """For each token: is it in the scope of a negation before it in its clause?"""
    out, on = [], False
    for t in tokens:
        low = t.lower_
        if low in _SCOPE_END or t.dep_ == "cc":
            on = False
        out.append(on)
        if low in NEGATORS or t.dep_ == "neg":
            on = True
    return out


def sentence_features(sent) -> list[str]:
    toks = [t for t in sent if not t.is_space]
    units = [_unit(t) for t in toks]
    neg = _negated(toks)
    feats = []
    words = [u for t, u in zip(toks, units) if not t.is_punct]
    feats.extend(f"w:{u}" for u in words)
    feats.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    feats.extend(f"neg:{u}" for t, u, n in zip(toks, units, neg) if n and not t.is_punct)
    feats.extend(_signs(toks, units, neg))
    return feats


def _signs(toks, units, neg) -> list[str]:
    out = []
    lemmas = {t.lemma_.lower() for t in toks}
    for name, words in _CUES:
        if any(t.lemma_.lower() in words and t.pos_ in ("VERB", "AUX") for t in toks):
            out.append(f"cue:{name}")
    if any(n and u in _HARM for u, n in zip(units, neg)):
        out.append("neg_harm")
    if lemmas & L.DISMISSAL_WORDS:
        out.append("dismissal")
    low = " ".join(t.lower_ for t in toks)
    if any(p in low for p in L.JUSTIFICATION_PATTERNS):
        out.append("justification")
    if any(t.text in "“”\"" for t in toks):
        out.append("quote_marks")
    if any(t.lower_ in ("we", "our", "us", "i") and t.pos_ == "PRON" for t in toks):
        out.append("first_person")
    if "according" in lemmas:
        out.append("according")
    if not any(t.lemma_.lower() in L.REPORTING_VERBS | L.DENY_VERBS | L.ACCUSE_VERBS
               for t in toks) and "according" not in lemmas:
        out.append("no_attribution")
    out.extend(f"harm:{k}" for k in sorted(harm_kind(toks)))
    out.extend(f"signal:{f}" for f in sorted(families(signals_in(toks))))
    return out
