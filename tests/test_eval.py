"""`kg eval`: scores against an analyst's reading, and the misses it lists.

The article and its gold were written for this test.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import cli

ARTICLE = (
    "The Velan health ministry said Kordanian jets bombed the Saint Ilse clinic in Varna on "
    "Monday, killing four nurses.\n\n"
    "The Kordanian army denied the attack.\n\n"
    "The Red Crescent said the clinic was hit twice.\n"
)


def gold(denies):
    return {
        "article": "clinic.txt",
        "claims": [
            {"id": "c1", "kind": "allegation", "source": "Velan health ministry",
             "source_aliases": [], "source_kind": "government",
             "quote": "Kordanian jets bombed the Saint Ilse clinic in Varna on Monday",
             "accused": ["Kordania"], "attacks": ["a1"], "denies": []},
            {"id": "c2", "kind": "denial", "source": "Kordanian army",
             "source_aliases": [], "source_kind": "military", "quote": "denied the attack",
             "accused": ["Kordania"], "attacks": ["a1"], "denies": denies},
            {"id": "c3", "kind": "allegation", "source": "Red Crescent", "source_aliases": [],
             "source_kind": "ngo",
             "quote": "the clinic was hit twice", "accused": [], "attacks": ["a1"],
             "denies": []},
        ],
        "attacks": [
            {"id": "a1", "targets": ["medical_facility"], "location": "Varna",
             "location_aliases": ["Saint Ilse clinic"], "date": "2021-06-07",
             "perpetrator": ["Kordania"], "killed": 4, "injured": None,
             "quote": "bombed the Saint Ilse clinic in Varna on Monday, killing four nurses"},
        ],
    }


def setup(tmp_path, denies):
    arts, golds = tmp_path / "articles", tmp_path / "gold"
    arts.mkdir()
    golds.mkdir()
    (arts / "clinic.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "clinic.json").write_text(json.dumps({"published": "2021-06-09",
                                                  "title": "Clinic hit in Varna"}),
                                      encoding="utf-8")
    (golds / "clinic.json").write_text(json.dumps(gold(denies)), encoding="utf-8")
    return arts, golds


def run_eval(arts, golds, *extra):
    result = CliRunner().invoke(cli, ["eval", "--gold", str(golds), "--articles", str(arts),
                                       "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_scores_the_claims_attacks_and_links(tmp_path):
    arts, golds = setup(tmp_path, ["c1"])
    report = run_eval(arts, golds)
    total = report["total"]
    assert (total["claims_with_source"]["tp"], total["claims_with_source"]["gold"]) == (3, 3)
    assert total["denials"]["f1"] == 1.0
    assert total["denial_links"]["f1"] == 1.0
    assert total["attack_place"]["share"] == 1.0
    assert total["attack_casualties"]["share"] == 1.0


def test_a_link_the_analyst_did_not_make_is_listed(tmp_path):
    arts, golds = setup(tmp_path, [])
    report = run_eval(arts, golds)
    links = report["total"]["denial_links"]
    assert links["precision"] == 0.0 and links["gold"] == 0
    text = CliRunner().invoke(cli, ["eval", "--gold", str(golds), "--articles", str(arts),
                                     "--details"]).output
    assert "extra denial link: c2 denies c1" in text
