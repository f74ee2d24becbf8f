"""No text stops the extractor: the crash corpus, fuzzed texts and mutated sample articles.

For every input: no exception, and every claim's and attack's evidence lies inside the text
and is not empty or blank (a quote is the text at its offsets by construction).  The crash
corpus holds the inputs that once stopped it; the fuzzing (hypothesis) is bounded so that the
suite stays fast, and its seed is fixed in CI (`derandomize`) so that a failure repeats.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import nlp as nlp_mod
from kg.model import Article, PartialDate
from kg.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "examples" / "articles").glob("*.txt"))


def run(extractor, text: str):
    art = Article(text=text, path="fuzz.txt", published=PartialDate.parse("2021-06-09"))
    (x,) = list(analyse([art], extractor))
    return x


def assert_sound(x) -> None:
    text = x.article.text
    for item in [*x.claims, *x.attacks]:
        for span in [item.span, *item.extra_spans]:
            assert 0 <= span.start < span.end <= len(text), (span, len(text))
            assert text[span.start:span.end].strip(), span
    for c in x.claims:
        assert all(0 <= i < len(x.claims) for i in c.denies)
        assert all(0 <= i < len(x.attacks) for i in c.attacks)


#: inputs that once stopped the extractor (issue 14), and shapes of text that are easy to
#: get wrong: nothing, marks only, one endless word, deep nesting, one endless sentence
CRASH_CORPUS = [
    "Rebels said government jets bombed the hospital in Tavi on Monday. A spokesman for the "
    "President said the hospital was not hit.\n",
    "Shells hit the market in - on Monday, killing 4 people, medics said.\n",
    "",
    "\n\n\n   \n",
    "“" * 3000,
    "\"" * 3001,
    "“He said” “a” “b” " * 300,
    "x" * 5000 + " said the army.\n",
    "(" * 400 + "The army said jets hit the school." + ")" * 400 + "\n",
    ", ".join(["the army said jets hit the school in Tavi"] * 300) + ".\n",
    "Amnesty said: “\n\n“\n\n“The clinic was hit.\n",
    "\u202e\u200b\ufeffThe ministry said the \u00adclinic in Tavi was hit on Monday.\n",
    "THE ARMY SAID JETS HIT THE SCHOOL IN TAVI ON MONDAY, KILLING 9 PEOPLE.\n",
    "Jets hit. Jets hit. Jets hit. Jets hit. Jets hit.\n" * 40,
    "He said she said they said it said we said.\n",
    "On Monday on Tuesday on 3 March 2020 on 31 February at 25:99 killed 10 10 10 injured "
    "a dozen dozens thousands 1,0,0 people.\n",
]


@pytest.mark.parametrize("text", CRASH_CORPUS, ids=range(len(CRASH_CORPUS)))
def test_the_crash_corpus_is_read_without_failing(extractor, text):
    assert_sound(run(extractor, text))


def test_the_sentence_that_recursed_forever_is_a_denial(extractor):
    x = run(extractor, CRASH_CORPUS[0])
    (denial,) = [c for c in x.claims if c.kind == "denial"]
    assert denial.denial_kind == "categorical"
    assert x.article.text[denial.span.start:denial.span.end] == "the hospital was not hit"
    assert denial.attacks == [0], "it is about the strike the rebels reported"


_WORDS = ["the", "army", "said", "denied", "jets", "hit", "a", "hospital", "in", "Tavi", "on",
          "Monday", "killing", "12", "people", "Amnesty", "International", "not", "never",
          "“", "”", "\"", "'", ",", ".", ":", ";", "-", "—", "(", ")", "\n", "\n\n", "’s",
          "according", "to", "spokesman", "for", "it", "they", "he", "claimed", "rebels",
          "no", "strike", "market", "school", "Kordania", "Brastovian", "wounded", "at least",
          "é", "\u00a0", "\t", "https://x.example/a_b-c", "#", "@", "🙂"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=120).map(" ".join))
def test_fuzzed_text_never_stops_the_extractor(extractor, text):
    assert_sound(run(extractor, text))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_stops_the_extractor(extractor, text):
    assert_sound(run(extractor, text))


def _mutate(text: str, rng: random.Random) -> str:
    """Cut, repeat, swap and mark pieces of a real article."""
    for _ in range(rng.randint(1, 6)):
        i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        op = rng.choice(["cut", "repeat", "swap", "quote", "newline", "upper"])
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "repeat":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            k = rng.randrange(len(text) + 1)
            text = text[:i] + text[k:] + text[i:k]
        elif op == "quote":
            text = text[:i] + rng.choice("“”\"'‘’") * rng.randint(1, 40) + text[i:]
        elif op == "newline":
            text = text[:i] + "\n" * rng.randint(1, 3) + text[i:]
        else:
            text = text[:i] + text[i:j].upper() + text[j:]
    return text


@pytest.mark.parametrize("seed", range(12))
def test_mutated_sample_articles_are_read_without_failing(extractor, seed):
    rng = random.Random(seed)
    text = _mutate(SAMPLES[seed % len(SAMPLES)].read_text(encoding="utf-8"), rng)
    assert_sound(run(extractor, text))


def test_a_long_text_is_parsed_in_pieces_with_its_offsets_kept(extractor, monkeypatch):
    para = ("The Norland Medical Union said government jets bombed the Saint Ilse clinic in "
            "Varna on Monday, killing four nurses.\n\n")
    text = para * 40
    whole = run(extractor, text)
    monkeypatch.setattr(nlp_mod, "PIECE", 1500)     # pieces of ~12 paragraphs
    assert len(nlp_mod.pieces(text, nlp_mod.PIECE)) > 2
    pieced = run(extractor, text)
    assert [(c.kind, c.span) for c in pieced.claims] == [(c.kind, c.span) for c in whole.claims]
    assert_sound(pieced)


def test_pieces_join_back_into_the_text():
    text = "A b c.\n\nD e f. G h.\nI j " * 500 + "k" * 3000
    for size in (50, 333, 4096):
        parts = nlp_mod.pieces(text, size)
        assert "".join(parts) == text and all(len(p) <= size for p in parts)
