"""The learned reader (kg.extract.stance.learned): a model as data, scoring the sentences the
rules left without a claim.  The model here is written by hand so that the test knows what it
must find; the packaged one comes from `python -m kg.extract.stance.train fit`."""

from __future__ import annotations

from kg.extract import Extractor
from kg.extract.stance.learned import StanceModel
from kg.model import Article

TEXT = ("The village of Tavi was quiet until the night of the bombing.\n\n"
        "Farmers went back to their fields on Tuesday.\n")


def _model() -> StanceModel:
    return StanceModel(weights={"allegation": {"w:bombing": 6.0}, "denial": {"w:farmer": 6.0}},
                       bias={"allegation": -3.0, "denial": -3.0},
                       threshold={"allegation": 0.9, "denial": 0.99})


def test_probabilities_are_a_logistic_of_the_weights():
    p = _model().probabilities(["w:bombing", "w:other"])
    assert 0.94 < p["allegation"] < 0.96 and p["denial"] < 0.05
    assert _model().kinds(["w:bombing"]) == ["allegation"]
    assert _model().kinds(["w:farmer"]) == []          # 0.953 is under its threshold


def test_the_model_survives_its_json():
    m = _model()
    back = StanceModel.from_json(m.to_json())
    assert back.probabilities(["w:bombing"]) == m.probabilities(["w:bombing"])
    assert back.to_json() == m.to_json()


def test_a_claim_the_rules_left_out_is_added_and_marked(extractor):
    without = Extractor(stance_model=None).extract(Article(TEXT))
    assert not without.claims
    x = Extractor(stance_model=_model()).extract(Article(TEXT, publisher="The Tavi Times"))
    (c,) = x.claims
    assert (c.kind, c.learned, c.attribution) == ("allegation", True, "article")
    assert c.source.name == "The Tavi Times"
    assert TEXT[c.span.start:c.span.end].startswith("The village of Tavi was quiet")
