"""Noun phrases as written: the tokens of a phrase, its name without articles, its span."""

from __future__ import annotations

from typing import Optional

from kg.extract.agents.words import ORG_HEADS, QUANTITY_WORDS
from kg.model import Span

#: Entity labels that can name a party.
NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
#: Relations of the left modifiers that belong to a noun phrase.
_NP_LEFT = ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "advmod",
            "npadvmod", "predet")
#: Prepositions whose phrase can belong to a description ("residents of the border areas").
_NP_PREPS = ("of", "to", "for", "in", "at", "from", "on")


def entity(tok):
    """The named-entity span *tok* is in (walking the IOB tags: no scan of the document)."""
    if tok.ent_type_ not in NAME_ENTS:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _left_modifiers(tok, keep: set) -> None:
    """Add the left modifiers of *tok*, and theirs, to *keep* (iteratively)."""
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.lefts:
            if c.dep_ in _NP_LEFT:
                keep.update(x.i for x in c.subtree if x.dep_ != "punct" or x.text in "-’'")
                stack.append(c)


def _prep_phrase(c) -> set:
    """The tokens of a prepositional modifier that describes ("of the shelled border areas"),
    without its clauses ("at the hospital, who asked not to be named")."""
    if c.lower_ not in _NP_PREPS or any(x.dep_ == "pcomp" or x.pos_ == "VERB"
                                         for x in c.children):
        return set()
    cut = {y.i for x in c.subtree if x.dep_ in ("relcl", "acl", "appos") for y in x.subtree}
    return {x.i for x in c.subtree if x.i not in cut and not x.is_punct}


def np_tokens(tok, *, with_preps: bool = False) -> list:
    """The tokens of the noun phrase headed by *tok*: left modifiers and, optionally,
    prepositional modifiers ("residents of the shelled border areas")."""
    keep = {tok.i}
    _left_modifiers(tok, keep)
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") or (c.dep_ == "case" and c.text in ("’s", "'s")):
            keep.update(x.i for x in c.subtree)
        elif with_preps and c.dep_ == "prep":
            keep.update(_prep_phrase(c))
    e = entity(tok)
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
    strip = QUANTITY_WORDS if generic else ("the", "a", "an")
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


def is_plural(tok) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)


def appos_name(tok) -> Optional[object]:
    """A named apposition: "the paragon of ..., US Secretary of State John Kerry, said"."""
    for c in tok.children:
        if c.dep_ == "appos":
            for t in c.subtree:
                if t.ent_type_ in ("PERSON", "ORG") and t.dep_ not in ("pobj",):
                    return t if t.ent_type_ != "PERSON" else (
                        [x for x in c.subtree if x.ent_type_ == "PERSON"][-1])
    return None


#: Words that may stand inside a name between capitalised words ("Doctors for Peace",
#: "Office of the High Commissioner", "Physicians for Human Rights").
_NAME_LINKS = frozenset({"of", "for", "the", "de", "du", "des", "sans", "without", "against",
                         "and", "&"})


def is_capitalised(t) -> bool:
    return t.text[:1].isupper() or t.text[:1].isdigit()


def _name_continues(prep) -> list:
    """The tokens of a prepositional phrase that goes on with a name ("for Peace", "of the
    High Commissioner for Human Rights"), or [] when it is no part of it ("for years")."""
    if prep.lower_ not in _NAME_LINKS or prep.lower_ in ("and", "the"):
        return []
    toks = [t for t in prep.subtree]
    words = [t for t in toks if not t.is_punct]
    if len(words) != len(toks) or len(words) < 2:
        return []                       # a comma or a bracket: another phrase
    if not all(is_capitalised(t) or t.lower_ in _NAME_LINKS for t in words[1:]) or \
            not is_capitalised(words[-1]):
        return []
    if any(t.dep_ == "conj" for t in words):
        return []                       # "of Amnesty and Human Rights Watch": two bodies
    return toks


def _a_name(t) -> bool:
    return t.pos_ == "PROPN" or t.ent_type_ in NAME_ENTS


def _sentence_initial(tok) -> bool:
    return all(t.is_punct or t.is_space for t in tok.doc[tok.sent.start:tok.i])


def is_proper(tok) -> bool:
    """Does *tok* head a name ("Amnesty International", "Russia's Defence Ministry",
    "Doctors for Peace", "the health ministry in Gaza"), not a description ("residents of
    Tavi", "medical sources in the Sinjar hospital")?"""
    if any(_a_name(t) for t in np_tokens(tok)):
        return True
    if tok.lemma_.lower() in ORG_HEADS:
        return any(_a_name(t) for t in np_tokens(tok, with_preps=True))
    if not is_capitalised(tok) or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return not _sentence_initial(tok) or any(
        c.dep_ == "prep" and _name_continues(c) for c in tok.rights)


def _words_before(tok) -> list:
    """Lowercase nouns and adjectives just before a name, whatever the parse made of them
    ("The medical charity Doctors for Peace" with two subjects)."""
    out = []
    i = tok.i - 1
    while i >= tok.sent.start and len(out) < 4:
        t = tok.doc[i]
        if t.pos_ not in ("NOUN", "ADJ") or is_capitalised(t):
            break
        out.insert(0, t)
        i -= 1
    return out


def proper_name(tok) -> tuple[list, list]:
    """The tokens of the name a capitalised head belongs to, and the description before it:
    "the medical charity Doctors for Peace" -> ("Doctors for Peace", "medical charity");
    "the paramilitary Rapid Support Forces" -> ("Rapid Support Forces", "paramilitary").
    A head in lower case ("Russia's defence ministry") keeps its whole phrase."""
    toks = np_tokens(tok)
    described: list = []
    if is_capitalised(tok) and not _sentence_initial(tok):
        e = entity(tok)
        first = e.start if e is not None else tok.i
        k = 0
        while k < len(toks) and toks[k].i < first and (
                toks[k].dep_ in ("det", "predet") or not is_capitalised(toks[k])) and \
                toks[k].dep_ != "poss" and toks[k].text not in ("’s", "'s"):
            k += 1
        described = [t for t in toks[:k] if t.dep_ not in ("det", "predet")]
        toks = toks[k:]
        if not described:
            described = _words_before(toks[0])
    if is_capitalised(tok):
        for c in tok.rights:
            if c.dep_ == "prep" and c.i == toks[-1].i + 1:
                more = _name_continues(c)
                if more:
                    toks = toks + more
    return toks, described
