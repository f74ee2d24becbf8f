"""Incidents across reports: the matcher, the clusters, and what the store derives from the
five sample articles (statements, voices, grades, the incident CSV, re-derivation)."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.resolve.incidents import Report, bcubed, cluster, match

ROOT = Path(__file__).resolve().parents[1]
EKG = "https://w3id.org/evidence-kg/ns#"
D = date(1999, 10, 21)


def report(iri, article, **kw) -> Report:
    base = dict(articles=frozenset({article}), places=frozenset({"place/grozny"}),
                labels=("Grozny",), earliest=D, latest=D, published=date(1999, 10, 23))
    base.update(kw)
    return Report(iri=iri, **base)


def test_different_targets_in_one_place_on_one_day_never_merge():
    market = report("r1", "a", targets=frozenset({"market", "civilians"}),
                    perpetrators=frozenset({"russia"}), killed=frozenset({140}))
    hospital = report("r2", "b", targets=frozenset({"hospital"}),
                      perpetrators=frozenset({"russia"}), killed=frozenset({140}))
    m = match(market, hospital)
    assert not m.allowed and any("different targets" in r for r in m.reasons)
    assert len(cluster([market, hospital])) == 2


def test_an_undated_report_joins_the_dated_one_with_the_reasons():
    dated = report("r1", "a", targets=frozenset({"hospital"}), killed=frozenset({16}),
                   perpetrators=frozenset({"turkey"}))
    undated = report("r2", "b", earliest=None, latest=None, targets=frozenset({"hospital"}),
                     killed=frozenset({16}), perpetrators=frozenset({"turkey"}))
    m = match(dated, undated)
    assert m.merges
    assert "same place: Grozny" in m.reasons and "same toll: 16 killed" in m.reasons
    (c,) = cluster([dated, undated])
    assert c.members == ["r1", "r2"] and c.merges[0][:2] == ("r1", "r2")


def test_a_vague_report_does_not_chain_two_incidents_that_disagree():
    school = report("r1", "a", targets=frozenset({"school"}))
    market = report("r2", "b", targets=frozenset({"market"}))
    vague = report("r3", "c", targets=frozenset({"civilians"}))
    clusters = cluster([school, market, vague])
    assert len(clusters) == 2
    assert not any({"r1", "r2"} <= set(c.members) for c in clusters)


def test_same_article_dates_apart_and_other_places_never_merge():
    a = report("r1", "a", targets=frozenset({"market"}))
    assert not match(a, report("r2", "a", targets=frozenset({"market"}))).allowed
    assert not match(a, report("r3", "b", targets=frozenset({"market"}),
                               earliest=date(1999, 10, 25), latest=date(1999, 10, 25))).allowed
    assert not match(a, report("r4", "b", targets=frozenset({"market"}),
                               places=frozenset({"place/gudermes"}),
                               labels=("Gudermes",))).allowed


def test_clusters_do_not_depend_on_the_order_of_the_reports():
    reports = [report(f"r{i}", f"a{i}", targets=frozenset({"market" if i % 2 else "school"}),
                      killed=frozenset({i % 3 + 1}), perpetrators=frozenset({"p"}))
               for i in range(12)]
    first = [c.members for c in cluster(reports)]
    for seed in range(3):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [c.members for c in cluster(shuffled)] == first


def test_bcubed():
    assert bcubed([["a", "b", "c"]], [["a", "b", "c"]]) == (1.0, 1.0)
    p, r = bcubed([["a", "b", "c"]], [["a"], ["b", "c"]])
    assert (round(p, 3), r) == (0.556, 1.0)


# --- the five sample articles in one store ---------------------------------------------------
@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    from kg.pipeline import ingest

    path = tmp_path_factory.mktemp("seeds") / "store"
    outcome = ingest([ROOT / "examples" / "articles"], path)
    assert outcome.summary.ingested == 5 and outcome.violations == 0
    return path


def rows(store_path, sparql):
    from kg.store import Store

    with Store.open(store_path) as s:
        return [tuple(None if v is None else v.value for v in r)
                for r in s.query(f"PREFIX ekg: <{EKG}>\n" + sparql)]


def test_amnesty_report_is_one_statement_reported_in_every_article_relaying_it(seeds):
    found = rows(seeds, """SELECT ?s (COUNT(DISTINCT ?art) AS ?n) WHERE {
        ?s a ekg:Statement ;
           ekg:madeBy <https://w3id.org/evidence-kg/id/agent/amnesty-international> .
        ?c ekg:reportOf ?s ; a ekg:Allegation ; ekg:reportedIn ?art } GROUP BY ?s""")
    assert max(int(n) for _, n in found) == 3


def test_the_russian_denial_is_one_voice_however_many_articles_carry_it(seeds):
    found = rows(seeds, """SELECT ?i (COUNT(DISTINCT ?art) AS ?arts)
                                  (COUNT(DISTINCT ?source) AS ?sources) WHERE {
        ?s a ekg:Statement ; ekg:about ?i ;
           ekg:madeBy <https://w3id.org/evidence-kg/id/agent/russia> .
        ?d ekg:reportOf ?s ; a ekg:Denial ; ekg:reportedIn ?art ; ekg:source ?source .
        } GROUP BY ?i""")
    assert any(int(arts) >= 2 and int(sources) >= 2 for _, arts, sources in found)
    voices = rows(seeds, """SELECT ?i (COUNT(DISTINCT ?v) AS ?n) WHERE {
        ?i ekg:partyVoice ?v . ?s ekg:about ?i ; ekg:madeBy ?v .
        ?d ekg:reportOf ?s ; a ekg:Denial
        } GROUP BY ?i""")
    assert voices and all(int(n) == 1 for _, n in voices)      # Russia, once


def test_every_incident_has_a_grade_with_its_reasons(seeds):
    incidents = {i for (i,) in rows(seeds, "SELECT ?i WHERE { ?i a ekg:Incident }")}
    graded = rows(seeds, """SELECT ?i ?g ?rule ?why ?basis WHERE { ?i ekg:grade ?g ;
        ekg:assessment ?a . ?a ekg:grade ?g ; ekg:rule ?rule ; ekg:explanation ?why ;
        ekg:basedOn ?basis }""")
    assert incidents and {r[0] for r in graded} == incidents
    assert {r[1].rsplit("#", 1)[1] for r in graded} >= {"Corroborated", "Contested"}


def test_casualty_figures_carry_who_gives_them(seeds):
    found = rows(seeds, "SELECT ?f ?who WHERE { ?f a ekg:CasualtyFigure ; ekg:givenBy ?who }")
    figures = rows(seeds, "SELECT ?f WHERE { ?f a ekg:CasualtyFigure }")
    assert found and {f for f, _ in found} == {f for (f,) in figures}


def test_incident_csv_has_one_row_per_incident(seeds):
    from kg.export import export_text
    from kg.store import Store

    with Store.open(seeds) as s:
        text = export_text(s, "incidents-csv")
        assert text == export_text(s, "incidents-csv")
    table = list(csv.DictReader(io.StringIO(text)))
    incidents = {i for (i,) in rows(seeds, "SELECT ?i WHERE { ?i a ekg:Incident }")}
    assert sorted(r["incident"] for r in table) == sorted(incidents)
    ariha = next(r for r in table if "ariha" in r["incident"])
    assert (ariha["date_from"], ariha["killed_low"], ariha["latitude"][:5]) == \
        ("2015-11-29", "49", "35.81")
    assert "Corroborated" in ariha["grades"]


def test_the_seed_cluster_gold_is_met():
    result = CliRunner().invoke(cli, ["eval-incidents", str(ROOT / "tests" / "data" /
                                                             "incident-clusters.json"),
                                      "--set", f"seed={ROOT / 'examples'}", "--gold-only",
                                      "--fail-under", "0.9"])
    assert result.exit_code == 0, result.output
    assert "10 attack annotations, 2 incidents of several reports" in result.output


def test_removing_an_article_rederives_its_incidents(tmp_path):
    from kg.pipeline import ingest
    from kg.store import Store

    arts = ROOT / "examples" / "articles"
    ingest([arts], tmp_path / "s")
    with Store.open(tmp_path / "s", "w") as s:
        (row,) = s.query(f'PREFIX ekg: <{EKG}> SELECT ?a WHERE {{ ?a ekg:fileName '
                         f'"004_52a8f228d6ea1ced.txt" }}')
        aid = row[0].value.rsplit("/", 1)[1]
        s.remove_article(aid)
        left = [r for r in s.query(f"PREFIX ekg: <{EKG}> SELECT ?r WHERE {{ ?i ekg:report ?r }}")]
        assert left and not any(aid in r[0].value for r in left)
    # the same as ingesting the other four from scratch
    others = tmp_path / "four"
    others.mkdir()
    for f in arts.glob("00[0-3]*.txt"):
        (others / f.name).write_bytes(f.read_bytes())
    (others / "MANIFEST.json").write_bytes((arts / "MANIFEST.json").read_bytes())
    ingest([others], tmp_path / "t")
    with Store.open(tmp_path / "s") as a, Store.open(tmp_path / "t") as b:
        assert [g.value for g in a.incident_graphs()] == [g.value for g in b.incident_graphs()]
        for g in a.incident_graphs():
            assert set(a.db.quads_for_pattern(None, None, None, g)) == \
                set(b.db.quads_for_pattern(None, None, None, g))
