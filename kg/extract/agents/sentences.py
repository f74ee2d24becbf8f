"""The named parties of each sentence, remembered as the extractor reads, so that later
pronouns and descriptions can refer back to them."""

from __future__ import annotations

from kg.extract.agents.make import make_agent
from kg.extract.agents.words import DESCRIPTOR_HEADS, PART_NOUNS, PLACE_NOUNS
from kg.extract.context import ArticleContext, sentence_ents
from kg.model import Span


def _locative(tok) -> bool:
    """Whether a name stands where a place does: the object of "in", "near", "outside"..., or
    of "of" after a place noun ("the district of Kestra"), or naming a place noun ("the
    Marvel district")."""
    head = tok
    while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        if head.head.lemma_.lower() in PLACE_NOUNS:
            return True
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head.lower_
    if prep in ("in", "near", "outside", "around", "across", "into", "inside", "at"):
        return True
    return prep == "of" and head.head.head.lemma_.lower() in PLACE_NOUNS


def _phrase_root(ent):
    """The head of the phrase a name is remembered by: "Russia's defence ministry" (not
    "Russia"), "the Amnesty report"."""
    root = ent.root
    if ent.label_ == "PERSON":
        return root
    if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and \
            root.head.lemma_.lower() in DESCRIPTOR_HEADS:
        return root.head
    if root.dep_ == "compound" and root.head.pos_ == "NOUN":
        head = root.head.lemma_.lower()
        if head in DESCRIPTOR_HEADS or head in PART_NOUNS:
            return root.head
    return root


def remember_sentence(ctx: ArticleContext, sent, si: int) -> None:
    """Remember the named parties of a sentence (main-clause subjects marked), for later
    pronouns and descriptions."""
    known = [m.agent.span for m in ctx.mentions if m.sent_index == si and m.agent.span]
    for ent in sentence_ents(sent):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        sp = Span(ent.start_char, ent.end_char)
        if any(k.overlaps(sp) for k in known):
            continue
        if ent.label_ != "PERSON" and _locative(ent.root):
            continue                    # "in the Marvel district of Kestra": places
        root = _phrase_root(ent)
        make_agent(root, ctx, si, subject=root.dep_ in ("nsubj", "nsubjpass") and
                   root.head.dep_ == "ROOT")
