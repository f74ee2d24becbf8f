"""Rules as data: every pattern of kg/extract/data/*.json matches the example sentences it
says it matches, and none of those it says it must not; every file loads."""

from __future__ import annotations

import pytest

from kg.extract import patterns
from kg.extract.patterns import PatternError, PatternSet


def _cases():
    for name in patterns.files():
        ps = patterns.load(name) if name != "lexicon" else patterns.lexicon()
        for p in ps.patterns:
            for sentence in p.examples.get("match", []):
                yield pytest.param(name, p.id, sentence, True, id=f"{name}:{p.id}:+")
            for sentence in p.examples.get("no_match", []):
                yield pytest.param(name, p.id, sentence, False, id=f"{name}:{p.id}:-")


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


@pytest.mark.parametrize("name, pattern_id, sentence, expected", list(_cases()))
def test_pattern_examples(nlp, name, pattern_id, sentence, expected):
    ps = patterns.load(name)
    doc = nlp(sentence)
    found = any(pid == pattern_id for pid, _ in ps.matches(doc))
    assert found == expected, f"{pattern_id} {'missed' if expected else 'matched'}: {sentence}"


def test_every_pattern_has_examples_both_ways():
    for name in patterns.files():
        for p in patterns.load(name).patterns:
            assert p.examples.get("match") and p.examples.get("no_match"), (name, p.id)


def test_an_unknown_word_list_is_an_error_naming_the_pattern():
    with pytest.raises(PatternError, match="'bad'.*@nowhere"):
        PatternSet.from_data({"patterns": [{"id": "bad", "matcher": "token",
                                            "pattern": [{"LEMMA": {"IN": "@nowhere"}}]}]})


def test_a_pattern_spacy_refuses_is_an_error_naming_it(nlp):
    ps = PatternSet.from_data({"patterns": [{"id": "broken", "matcher": "dependency",
                                             "pattern": [{"LEFT_ID": "x"}]}]})
    with pytest.raises(PatternError, match="broken"):
        list(ps.matches(nlp("Some words.")))
