"""Targets: the protected objects and people a sentence says were hit, by category.

Terms come from the lexicon's ``target_terms`` (one or two words: "hospital", "health
centre", "residential building"), each with its category.  A term is not a target when it
names where victims were taken ("the hospital received 40 wounded") or who speaks
("residents said"), is part of a body's
name ("the Protect Schools Coalition"), or says where something is ("a school in the
village of X": the village locates the school; "Let Yet Kone village": the village is a
place name).
"""

from __future__ import annotations

from kg.extract import lexicon as L
from kg.extract.attacks.vocab import ORG_HEADS, RECEIVING, TARGET_RE
from kg.model import Span, TargetRef


def targets(sent) -> list[TargetRef]:
    """Protected objects and people *sent* names, each category once, in text order."""
    text = sent.doc.user_data["kg_text"]
    at = {t.idx: t for t in sent}
    out, seen = [], set()
    for m in TARGET_RE.finditer(text, sent.start_char, sent.end_char):
        tok = at.get(m.start())
        last = at.get(m.end() - len(m.group(1).split()[-1])) or tok
        if last is not None and not _is_hit(tok, last):
            continue
        cat = L.TARGET_TERMS.get(" ".join(m.group(1).lower().split()))
        if cat is not None and cat not in seen:
            seen.add(cat)
            out.append(TargetRef(category=cat, span=Span(m.start(), m.end())))
    return out


def _is_hit(tok, last) -> bool:
    if last.dep_ in ("nsubj", "nsubjpass") and last.head.lemma_.lower() in RECEIVING:
        return False                    # where the wounded went
    if last.dep_ == "nsubj" and last.head.lemma_.lower() in L.REPORTING_VERBS:
        return False                    # "Residents said ...": who speaks, not who was hit
    if tok is not None and (in_organisation_name(tok, last) or _locating(last)):
        return False
    return not _names_settlement(last)


def _names_settlement(last) -> bool:
    """"a village school", "Let Yet Kone village": the village says where."""
    if last.lemma_.lower() not in ("village", "town"):
        return False
    return (last.dep_ == "compound" and last.head.lemma_.lower() in L.TARGET_TERMS) or any(
        c.dep_ in ("compound", "nmod") and c.text[:1].isupper() for c in last.children)


def in_organisation_name(tok, last) -> bool:
    """A target word inside the name of a body ("according to the Protect Schools Coalition",
    "the Hospital Workers Union"), not at its end ("Al-Shifa Hospital" is a target)."""
    if last.ent_type_ == "ORG" and last.ent_iob_ != "" and \
            last.i + 1 < len(last.doc) and last.doc[last.i + 1].ent_iob_ == "I":
        return True
    head = last
    while head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ == "PROPN" and \
            head.head.i > head.i:
        head = head.head
    return head.i != last.i and head.lemma_.lower() in ORG_HEADS and tok.text[:1].isupper()


def _locating(tok) -> bool:
    """"(a school) in the village of Zarvanytsia": the village says where, it is not hit."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "near", "at", "outside", "of"):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.text[:1].isupper())
        for o in c.children) for c in tok.children)
