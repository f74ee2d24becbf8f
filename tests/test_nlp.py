"""The spaCy pipeline: our components on top of the statistical model."""

from __future__ import annotations

from kg.extract.nlp import load


def ents(text):
    return [(e.text, e.label_) for e in load()(text).ents]


def test_bodies_the_gazetteer_knows_are_named_whole():
    found = ents("A spokesman for the Saudi-led coalition and the ICRC spoke to Médecins Sans "
                 "Frontières.")
    assert ("Saudi-led coalition", "ORG") in found
    assert ("ICRC", "ORG") in found
    assert ("Médecins Sans Frontières", "ORG") in found


def test_a_one_word_name_matches_only_as_written():
    assert ("WHO", "ORG") in ents("The WHO said the clinic was hit.")
    assert not any(t == "who" for t, _ in ents("Residents who fled said the clinic was hit."))


def test_every_line_starts_a_sentence():
    doc = load()("Market hit in Tavi\nWitnesses said shells hit the market.")
    assert [s.text.strip() for s in doc.sents][0] == "Market hit in Tavi"
