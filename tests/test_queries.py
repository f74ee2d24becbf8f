"""Every stored query: its header, its parameters, and its rows on the fixture store."""

from __future__ import annotations

import json

import pytest

from kg import sparql
from kg.query import load_queries, run_query
from kg.query.results import Results, rows_as_text
from kg.store import Store
from tests.support import fixture as fx

QUERIES = load_queries()
A, B, C, D = (fx.ids()[k] for k in "ABCD")
ATTACK_1 = "id:attack/eastvale-2024-03-01-hospital"
INCIDENT_1 = "id:incident/eastvale-2024-03-01-hospital-d6008b33"
INCIDENT_2 = "id:incident/southtown-2024-04-10-market-4148adf1"
INCIDENT_3 = "id:incident/southtown-school-79458ee3"
ALLEGATION_A = f"id:article/{A}/allegation/19-128"
ALLEGATION_B = f"id:article/{B}/allegation/15-76"
ALLEGATION_C = f"id:article/{C}/allegation/27-120"
ALLEGATION_D = f"id:article/{D}/allegation/13-76"
DENIAL_A = f"id:article/{A}/denial/161-201"
DENIAL_B = f"id:article/{B}/denial/150-195"
QUOTE_A = ("an air strike by Northland hit the Riverside Hospital in Eastvale on 1 March 2024, "
           "killing at least 12 people")
QUOTE_B = "Northland's strike on the Riverside Hospital killed 15 people"
QUOTE_C = ("the Rebel Front shelled the central market in Southtown on 10 April 2024, killing 7 "
           "civilians")
QUOTE_D = "a school in Southtown was hit by Rebel Front fire in April 2024"
DENY_A = "denied the report, calling it fabricated"
DENY_B = "the hospital was a legitimate military target"

# name -> [(params, expected rows)], rows as plain strings with IRIs shortened
EXPECTED = {
    "allegations_and_denials": [
        ({}, [
            (ALLEGATION_D, "unnamed sources", QUOTE_D, f"id:article/{D}", "", "", "", "", ""),
            (ALLEGATION_A, "Medics United", QUOTE_A, f"id:article/{A}", DENIAL_A,
             "Northland Defence Ministry", "ekg:DismissalOfEvidence", DENY_A, f"id:article/{A}"),
            (ALLEGATION_A, "Medics United", QUOTE_A, f"id:article/{A}", DENIAL_B, "Ivan Pell",
             "ekg:ProtectedStatusDenial", DENY_B, f"id:article/{B}"),
            (ALLEGATION_C, "Southern Rights Watch", QUOTE_C, f"id:article/{C}", "", "", "", "",
             ""),
            (ALLEGATION_B, "Witnesses", QUOTE_B, f"id:article/{B}", DENIAL_A,
             "Northland Defence Ministry", "ekg:DismissalOfEvidence", DENY_A, f"id:article/{A}"),
            (ALLEGATION_B, "Witnesses", QUOTE_B, f"id:article/{B}", DENIAL_B, "Ivan Pell",
             "ekg:ProtectedStatusDenial", DENY_B, f"id:article/{B}"),
        ]),
        ({"accused": "id:agent/rebel-front"}, [
            (ALLEGATION_D, "unnamed sources", QUOTE_D, f"id:article/{D}", "", "", "", "", ""),
            (ALLEGATION_C, "Southern Rights Watch", QUOTE_C, f"id:article/{C}", "", "", "", "",
             ""),
        ]),
    ],
    "articles_with_only_unattributed_claims": [
        ({}, [(f"id:article/{D}", "Reports of school strike", "Coast Gazette", "2024-04-12",
               "1")]),
    ],
    "attack_evidence_trail": [
        ({"attack": ATTACK_1}, [
            ("2024-03-02", "Daily Ledger", f"id:article/{A}", "ekg:Attack", ATTACK_1, "19",
             "100", "an air strike by Northland hit the Riverside Hospital in Eastvale on 1 March "
             "2024"),
            ("2024-03-02", "Daily Ledger", f"id:article/{A}", "ekg:Allegation", ALLEGATION_A,
             "19", "128", QUOTE_A),
            ("2024-03-02", "Daily Ledger", f"id:article/{A}", "ekg:CasualtyFigure",
             f"id:article/{A}/figure/killed/102-128", "102", "128", "killing at least 12 people"),
            ("2024-03-02", "Daily Ledger", f"id:article/{A}", "ekg:Denial", DENIAL_A, "161", "201",
             DENY_A),
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:Allegation", ALLEGATION_B,
             "15", "76", QUOTE_B),
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:Attack", ATTACK_1, "15", "76",
             QUOTE_B),
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:CasualtyFigure",
             f"id:article/{B}/figure/killed/60-76", "60", "76", "killed 15 people"),
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:Denial", DENIAL_B, "150", "195",
             DENY_B),
        ]),
    ],
    "attack_timeline": [
        ({}, [
            ("2024-03-01", "2024-03-01", ATTACK_1, "ekg:Hospital", "Eastvale", "12", "15", "2"),
            ("2024-04-01", "2024-04-30", "id:attack/southtown-2024-04-school", "ekg:School",
             "Southtown", "", "", "1"),
            ("2024-04-10", "2024-04-10", "id:attack/southtown-2024-04-10-market", "ekg:Market",
             "Southtown", "7", "7", "1"),
        ]),
        ({"category": "ekg:MedicalFacility"}, [
            ("2024-03-01", "2024-03-01", ATTACK_1, "ekg:Hospital", "Eastvale", "12", "15", "2"),
        ]),
        ({"category": "ekg:ProtectedObject", "from": "2024-04-02", "to": "2024-12-31"}, [
            ("2024-04-10", "2024-04-10", "id:attack/southtown-2024-04-10-market", "ekg:Market",
             "Southtown", "7", "7", "1"),
        ]),
    ],
    "attacks_by_category": [
        ({}, [("ekg:Hospital", "1", "1", "2"), ("ekg:Market", "1", "1", "1"),
              ("ekg:School", "1", "1", "1")]),
    ],
    "attacks_by_place": [
        ({}, [("id:place/east-province", "East Province", "2", "2"),
              ("id:place/southtown", "Southtown", "2", "2"),
              ("id:place/eastvale", "Eastvale", "1", "2"),
              ("id:place/west-province", "West Province", "1", "2")]),
    ],
    "attacks_reported_by_several_sources": [
        ({}, [(INCIDENT_1, "2", "2", "2")]),
        ({"min_voices": "1"}, [(INCIDENT_1, "2", "2", "2"), (INCIDENT_2, "1", "1", "1")]),
    ],
    "casualty_figures_that_differ": [   # the fixture's figures name no one who gives them
        ({}, [(INCIDENT_1, "ekg:Killed", "12", "ekg:AtLeast", "", f"id:article/{A}",
               "killing at least 12 people"),
              (INCIDENT_1, "ekg:Killed", "15", "ekg:Exact", "", f"id:article/{B}",
               "killed 15 people")]),
    ],
    "incidents_by_grade": [
        ({}, [("ekg:Contested", INCIDENT_1, "hospital in Eastvale on 2024-03-01", "2024-03-01",
               "1", "2", "1"),
              ("ekg:Corroborated", INCIDENT_1, "hospital in Eastvale on 2024-03-01",
               "2024-03-01", "1", "2", "1"),
              ("ekg:PartyClaimsOnly", INCIDENT_3, "school in Southtown", "2024-04-01", "1", "0",
               "0"),
              ("ekg:SingleSource", INCIDENT_2, "market in Southtown on 2024-04-10", "2024-04-10",
               "1", "1", "0")]),
        ({"grade": "ekg:SingleSource"}, [
            ("ekg:SingleSource", INCIDENT_2, "market in Southtown on 2024-04-10", "2024-04-10",
             "1", "1", "0")]),
    ],
    "incident_case": [
        ({"incident": INCIDENT_2}, [
            ("allegation", ALLEGATION_C, "id:agent/southern-rights-watch",
             "id:agent/southern-rights-watch",
             f"{INCIDENT_2}/statement/alleges-southern-rights-watch", f"id:article/{C}",
             QUOTE_C),
            ("figure", f"id:article/{C}/figure/killed/101-120", "", "", "7 Killed",
             f"id:article/{C}", "killing 7 civilians"),
            ("grade", f"{INCIDENT_2}/assessment/single_source", "id:agent/southern-rights-watch",
             "", "https://w3id.org/evidence-kg/ns#SingleSource", "",
             "One independent voice speaks of it"),
            ("report", "id:attack/southtown-2024-04-10-market", "", "", "", f"id:article/{C}",
             QUOTE_C.split(",")[0])]),
    ],
    "denials_by_kind": [
        ({}, [("id:agent/northland", "Northland", "ekg:DismissalOfEvidence", "1", "2"),
              ("id:agent/northland", "Northland", "ekg:ProtectedStatusDenial", "1", "2")]),
    ],
    "denials_by_the_accused": [
        ({}, [("id:agent/northland", "Northland", DENIAL_A, "Northland Defence Ministry", DENY_A,
               ALLEGATION_A, QUOTE_A),
              ("id:agent/northland", "Northland", DENIAL_A, "Northland Defence Ministry", DENY_A,
               ALLEGATION_B, QUOTE_B),
              ("id:agent/northland", "Northland", DENIAL_B, "Ivan Pell", DENY_B, ALLEGATION_A,
               QUOTE_A),
              ("id:agent/northland", "Northland", DENIAL_B, "Ivan Pell", DENY_B, ALLEGATION_B,
               QUOTE_B)]),
    ],
    "party_claims_summary": [
        ({}, [("id:agent/northland", "Northland", "0", "2", "2", "2"),
              ("id:agent/northland-defence-ministry", "Northland Defence Ministry", "0", "2", "0",
               "0"),
              ("id:agent/ivan-pell", "Ivan Pell", "0", "1", "0", "0"),
              ("id:agent/medics-united", "Medics United", "1", "0", "0", "0"),
              ("id:agent/southern-rights-watch", "Southern Rights Watch", "1", "0", "0", "0"),
              ("id:agent/unnamed-sources", "unnamed sources", "1", "0", "0", "0"),
              ("id:agent/witnesses", "Witnesses", "1", "0", "0", "0"),
              ("id:agent/rebel-front", "Rebel Front", "0", "0", "2", "0")]),
    ],
    "review_queue": [   # nothing reviewed: every claim and report, denials answering most
        ({}, [(ALLEGATION_D, "allegation", "1", "0", QUOTE_D, f"id:article/{D}"),
              (ALLEGATION_A, "allegation", "1", "0", QUOTE_A, f"id:article/{A}"),
              (ALLEGATION_C, "allegation", "1", "0", QUOTE_C, f"id:article/{C}"),
              (ALLEGATION_B, "allegation", "1", "0", QUOTE_B, f"id:article/{B}"),
              (ATTACK_1, "attack", "1", "0", "an air strike by Northland hit the Riverside "
               "Hospital in Eastvale on 1 March 2024", f"id:article/{A}"),
              (ATTACK_1, "attack", "1", "0", QUOTE_B, f"id:article/{B}"),
              ("id:attack/southtown-2024-04-10-market", "attack", "1", "0",
               "the Rebel Front shelled the central market in Southtown on 10 April 2024",
               f"id:article/{C}"),
              ("id:attack/southtown-2024-04-school", "attack", "1", "0", QUOTE_D,
               f"id:article/{D}"),
              (DENIAL_A, "denial", "1", "2", DENY_A, f"id:article/{A}"),
              (DENIAL_B, "denial", "1", "2", DENY_B, f"id:article/{B}")]),
    ],
    "statements_by_source": [
        ({"source": "id:agent/northland"}, [
            ("2024-03-02", "Daily Ledger", f"id:article/{A}", "ekg:Denial", DENIAL_A,
             "id:agent/northland-defence-ministry", DENY_A),
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:Denial", DENIAL_B,
             "id:agent/ivan-pell", DENY_B)]),
        ({"source": "id:agent/ivan-pell"}, [
            ("2024-03-04", "Evening Post", f"id:article/{B}", "ekg:Denial", DENIAL_B,
             "id:agent/ivan-pell", DENY_B)]),
    ],
    "undenied_allegations": [
        ({}, [(ALLEGATION_C, "Southern Rights Watch", "id:agent/rebel-front", QUOTE_C,
               f"id:article/{C}", "2024-04-11"),
              (ALLEGATION_D, "unnamed sources", "id:agent/rebel-front", QUOTE_D, f"id:article/{D}",
               "2024-04-12")]),
        ({"accused": "id:agent/northland"}, []),
    ],
}

CASES = [(name, params, rows) for name, cases in EXPECTED.items() for params, rows in cases]


def test_at_least_twelve_stored_queries_all_tested():
    assert len(QUERIES) >= 12
    assert set(QUERIES) == set(EXPECTED), "every stored query needs expected rows on the fixture"


@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_stored_query_rows_on_the_fixture(fixture_store, name, params, rows):
    with Store.open(fixture_store) as store:
        result = run_query(QUERIES[name], params, store=store)
    assert rows_as_text(result) == rows


@pytest.fixture(scope="module")
def rdflib_dataset(fixture_store):
    with Store.open(fixture_store) as store:
        ds = store.dataset()
    ds.default_union = True        # the default graph is the merge, as in the store
    return ds


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated")
@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_stored_query_rows_with_rdflib(rdflib_dataset, name, params, rows):
    """The same text, bound the same way, gives the same rows in rdflib (the servers:
    tests/test_remote.py, tests/test_remote_virtuoso.py)."""
    result = rdflib_dataset.query(QUERIES[name].prepared(params))
    data = json.loads(result.serialize(format="json"))
    assert rows_as_text(Results.from_json(data)) == rows


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_stored_query_is_documented_and_ordered(name):
    q = QUERIES[name]
    assert q.summary and len(q.summary) < 100
    assert q.description and q.tags
    assert "**Problem:**" in q.notes and "**Use:**" in q.notes
    assert "ORDER BY" in q.text.upper()
    # no LIMIT of its own (--limit adds one); a sub-select may have one (attack_timeline)
    assert not sparql.has_top_level(sparql.tokenize(q.text), "LIMIT")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_stored_query_pages_consistently(fixture_store, name):
    params = next(p for p, _ in EXPECTED[name])
    with Store.open(fixture_store) as store:
        whole = rows_as_text(run_query(QUERIES[name], params, store=store))
        pages = []
        for offset in range(0, len(whole) + 2, 2):
            pages += rows_as_text(run_query(QUERIES[name], params, store=store, limit=2,
                                            offset=offset))
    assert pages == whole


def test_timeline_follows_the_bundled_ontology(tmp_path, fixture_graphs):
    from kg.resources import ontology_file

    if not ontology_file().exists():
        pytest.skip("no bundled ontology")
    with Store.open(tmp_path / "s", "w") as store:
        store.write_articles(fixture_graphs)
    with Store.open(tmp_path / "s") as store:
        rows = rows_as_text(run_query("attack_timeline", {"category": "ekg:MedicalFacility"},
                                      store=store))
    assert [r[2] for r in rows] == [ATTACK_1]
