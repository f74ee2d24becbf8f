"""Analyst review (docs/review.md): decisions applied to the reviewed graph, kept across
re-ingests and new extractor settings, reported when they no longer match, exported,
imported with their conflicts; and the chain of custody of each ingested file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg import iris
from kg.cli import cli
from kg.errors import ReviewError
from kg.namespaces import EKG, EKGR, OA, PROV
from kg.rdf import article_graph, entity_graph
from kg.review.apply import apply_decisions
from kg.review.decisions import Change, Decision, conflicts, decisions_in
from kg.review.session import decide, import_decisions, read_decision_file, status
from kg.store import Store
from tests.support import fixture as fx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "articles" / "001_bb96727ca16a85d3.txt"
AT = "2026-01-01T00:00:00Z"


# --- decisions on a hand-made article (no parser) ----------------------------------------------
def _a():
    x = fx.article_a()
    return x, article_graph(x), entity_graph(x)


def _decision(x, action, words, item="claim", changes=(), by="Ana", at=AT, **kw):
    t = x.article.text
    start = t.index(words)
    return Decision(action, item, x.article.sha256, start, start + len(words), words,
                    by=by, at=at, changes=tuple(changes), **kw)


def test_decision_round_trips_through_rdf():
    x, _, _ = _a()
    d = _decision(x, "correct", "denied the report, calling it fabricated", "denial",
                  [Change("source", str(iris.agent_iri("northland")), "Northland",
                          (str(iris.agent_iri("northland defence ministry")),)),
                   Change("denial_kind", str(EKG.CategoricalDenial))], reason="why")
    g = d.graph()
    assert g.identifier == d.graph_iri
    assert decisions_in(g) == [d]
    assert (d.iri, PROV.endedAtTime, None) in g and (d.iri, EKGR.reason, None) in g
    # another reviewer or time: another decision, another IRI
    other = _decision(x, "correct", "denied the report, calling it fabricated", "denial",
                      d.changes, by="Bo", reason="why")
    assert other.iri != d.iri


def test_reject_correct_and_add_on_a_graph():
    x, g, f = _a()
    allegation = next(iter(g.subjects(None, EKG.Allegation)))
    denial_words = "denied the report, calling it fabricated"
    reject = _decision(x, "reject", "an air strike by Northland hit the Riverside Hospital in "
                       "Eastvale on 1 March 2024, killing at least 12 people", "allegation")
    correct = _decision(x, "correct", denial_words, "denial",
                        [Change("source", str(iris.agent_iri("northland")), "Northland")])
    add = _decision(x, "add", "Medics United said", "claim",
                    [Change("kind", str(EKG.Allegation)),
                     Change("source", str(iris.agent_iri("medics united")))], at=AT[:-2] + "1Z")
    reviewed, facts, outcomes = apply_decisions(g, f, [reject, correct, add])
    assert all(o.applied for o in outcomes), [o.problem for o in outcomes]
    assert (allegation, None, None) not in reviewed            # rejected: gone
    assert (None, EKG.denies, allegation) not in reviewed      # and the links to it
    denial = next(iter(reviewed.subjects(None, EKG.Denial)))
    assert set(reviewed.objects(denial, EKG.source)) == {iris.agent_iri("northland")}
    assert (denial, EKGR.reviewStatus, EKGR.Corrected) in reviewed
    assert (correct.iri, EKGR.appliedTo, denial) in reviewed
    added = iris.claim_iri(x.article.id, "allegation", 0, len("Medics United said"))
    assert (added, EKG.source, iris.agent_iri("medics united")) in reviewed
    assert (iris.agent_iri("northland"), None, None) in facts
    assert (allegation, None, None) in g                       # the input is left alone


def test_a_later_decision_wins_and_a_changed_text_does_not_match():
    x, g, f = _a()
    words = "denied the report, calling it fabricated"
    reject = _decision(x, "reject", words, "denial", by="Ana")
    accept = _decision(x, "accept", words, "denial", by="Bo", at="2026-01-02T00:00:00Z")
    reviewed, _, _ = apply_decisions(g, f, [accept, reject])
    denial = next(iter(g.subjects(None, EKG.Denial)))
    assert (denial, EKGR.reviewStatus, EKGR.Verified) in reviewed
    assert conflicts([reject, accept]) == [(reject, accept)]
    moved = Decision("reject", "denial", x.article.sha256, 3, 3 + len(words), words, by="Ana",
                     at=AT)
    other_text = Decision("reject", "denial", "0" * 64, reject.start, reject.end, words,
                          by="Ana", at=AT)
    _, _, outcomes = apply_decisions(g, f, [moved, other_text])
    assert [o.applied for o in outcomes] == [False, False]
    assert "no longer the quote" in outcomes[0].problem or "no longer" in outcomes[1].problem


def test_correct_an_attack():
    x, g, f = _a()
    attack = next(iter(g.subjects(None, EKG.Attack)))
    d = _decision(x, "correct", "an air strike by Northland hit the Riverside Hospital in "
                  "Eastvale on 1 March 2024", "attack",
                  [Change("date", "2024-02"), Change("killed", "14"),
                   Change("target", str(EKG.School))])
    reviewed, _, (o,) = apply_decisions(g, f, [d])
    assert o.item == attack
    assert str(reviewed.value(attack, EKG.killed)) == "14"
    assert reviewed.value(attack, EKG.date) is None
    assert reviewed.value(attack, EKG.datePrecision) == EKG.Month
    targets = list(reviewed.objects(attack, EKG.target))
    assert len(targets) == 1 and (targets[0], None, EKG.School) in reviewed
    assert (attack, None, EKG.AttackOnMedicalCare) not in reviewed


def _merged(trig: str) -> Graph:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=trig, format="trig")
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# --- in the store ---------------------------------------------------------------------------------
def _write(store_dir, *xs):
    with Store.open(store_dir, "w") as s:
        s.write_articles([(article_graph(x), entity_graph(x)) for x in xs])


def _ask(store_dir, query, **bindings):
    with Store.open(store_dir) as s:
        return bool(s.query(query, {k: ox.NamedNode(str(v)) for k, v in bindings.items()}))


def test_decisions_apply_again_when_the_article_is_written_again(tmp_path):
    x = fx.article_a()
    _write(tmp_path / "s", x)
    allegation = iris.claim_iri(x.article.id, "allegation", *_span(x, "an air strike"))
    with Store.open(tmp_path / "s", "w") as s:
        decide(s, "reject", item=str(allegation), by="Ana", reason="duplicate", at=AT)
    ask = "ASK { ?c a ?t }"
    assert not _ask(tmp_path / "s", ask, c=allegation)
    _write(tmp_path / "s", fx.article_a())                 # re-ingest: still rejected
    assert not _ask(tmp_path / "s", ask, c=allegation)
    with Store.open(tmp_path / "s") as s:
        (row,) = status(s)
        assert row.state == "applied"
        from kg.store.review import machine_output

        machine, _ = machine_output(s, x.article.id)        # the machine's view keeps it
        assert (allegation, None, None) in machine
    with Store.open(tmp_path / "s", "w") as s:              # removal drops the copy
        s.remove_article(x.article.id)
        assert not any(g.value.startswith("urn:x-evidence-kg:machine")
                       for g in s.db.named_graphs())
        (row,) = status(s)
        assert row.state == "unmatched" and "not in the store" in row.detail


def _span(x, words):
    s = x.article.text.index(words)
    claim = next(c for c in x.claims if c.span.start == s)
    return claim.span.start, claim.span.end


def test_decide_refuses_words_that_are_not_there(tmp_path):
    x = fx.article_a()
    _write(tmp_path / "s", x)
    with Store.open(tmp_path / "s", "w") as s:
        with pytest.raises(ReviewError) as err:
            decide(s, "add", article=x.article.id, quote="not in the text", by="Ana",
                   values={"kind": ["denial"], "source": ["Northland"]})
        assert err.value.code == "E640"
        with pytest.raises(ReviewError) as err:
            decide(s, "reject", article=x.article.id, quote="Medics United", by="Ana")
        assert err.value.code == "E641"


# --- the scenario, on a bundled article -----------------------------------------------
@pytest.fixture(scope="module")
def two_extractions(extractor):
    """The sample article as the default extractor and one without the learned reader
    (another extractor setting) give it: the claims both find."""
    from kg.extract import Extractor
    from kg.ingest import iter_articles
    from kg.pipeline import analyse

    plain = Extractor(stance_model=None)
    (r,) = [r for r in iter_articles([SAMPLE]) if r.kind == "ingested"]
    a = next(analyse([r.article], extractor))
    b = next(analyse([r.article], plain))
    common = {iris.claim_iri(a.article.id, c.kind, c.span.start, c.span.end) for c in a.claims} \
        & {iris.claim_iri(b.article.id, c.kind, c.span.start, c.span.end) for c in b.claims}
    return a, plain, sorted(common)


def test_reject_correct_add_survive_a_reingest_with_another_setting(tmp_path, extractor,
                                                                    two_extractions):
    from kg.pipeline import ingest

    x, plain, common = two_extractions
    store_dir = tmp_path / "s"
    ingest([SAMPLE], store_dir, extractor=extractor)
    allegations = [c for c in common if "/allegation/" in str(c)]
    assert len(allegations) >= 2, "the sample article lost its allegations"
    rejected, corrected = allegations[0], allegations[1]
    text = x.article.text
    words = "Russia’s Defence Ministry strongly rejected the allegations"
    assert words in text
    denied = str(allegations[-1]).rsplit("/", 1)[-1]
    runner = CliRunner()
    env = {"KG_STORE": str(store_dir), "KG_REVIEWER": "Ana Analyst"}
    for args in (
        ["reject", str(rejected), "--reason", "a legal opinion"],
        ["correct", str(corrected), "--source", "Human Rights Watch", "--reason", "misread"],
        ["add", "--article", x.article.id, "--quote", words, "--kind", "denial",
         "--source", "Russia", "--denies", denied, "--reason", "missed", "--by", "Bo"],
    ):
        result = runner.invoke(cli, ["review", *args], env=env)
        assert result.exit_code == 0, result.output
    ingest([SAMPLE], store_dir, extractor=plain)            # another extractor setting
    added = iris.claim_iri(x.article.id, "denial", text.index(words),
                           text.index(words) + len(words))
    hrw = iris.agent_iri("human rights watch")
    assert not _ask(store_dir, "ASK { ?c ?p ?o }", c=rejected)
    assert _ask(store_dir, "ASK { ?c <%s> ?a }" % EKG.source, c=corrected, a=hrw)
    assert _ask(store_dir, "ASK { ?c a <%s> ; <%s> ?a }" % (EKG.Denial, EKG.source),
                c=added, a=iris.agent_iri("russia"))
    assert _ask(store_dir, "ASK { ?c <%s> <%s> }" % (EKGR.reviewStatus, EKGR.Corrected),
                c=corrected)
    result = runner.invoke(cli, ["review", "status"], env=env)
    assert result.exit_code == 0 and result.output.count("applied ") == 3, result.output
    out = runner.invoke(cli, ["export", "--format", "trig"], env=env).output
    export = _merged(out)
    decisions = decisions_in(export)
    assert {(d.action, d.by, d.reason) for d in decisions} == {
        ("reject", "Ana Analyst", "a legal opinion"), ("correct", "Ana Analyst", "misread"),
        ("add", "Bo", "missed")}
    fix = next(d for d in decisions if d.action == "correct")
    assert fix.replaces == str(corrected) and fix.changes[0].old      # what it replaces
    assert (fix.iri, EKGR.appliedTo, corrected) in export


def test_a_decision_whose_quote_is_gone_is_reported(tmp_path):
    x = fx.article_a()
    _write(tmp_path / "s", x)
    words = "calling it fabricated"
    start = x.article.text.index(words)
    stale = Decision("reject", "denial", x.article.sha256, start, start + len(words),
                     "calling it a fabrication", by="Ana", at=AT, reason="old text")
    path = tmp_path / "stale.trig"
    from kg.review.session import export_decisions

    with open(path, "w", encoding="utf-8") as out:
        export_decisions([stale], "trig", out)
    runner = CliRunner()
    env = {"KG_STORE": str(tmp_path / "s")}
    assert runner.invoke(cli, ["review", "import", str(path)], env=env).exit_code == 0
    result = runner.invoke(cli, ["review", "status"], env=env)
    assert result.exit_code == 1
    assert "unmatched" in result.output and "no longer the quote" in result.output
    result = runner.invoke(cli, ["validate", "--store", str(tmp_path / "s")], env=env)
    assert "Decision-appliedTo-recommended" in result.output
    assert str(stale.iri) in result.output


def test_two_analysts_files_merge_and_conflicts_show_both(tmp_path):
    x = fx.article_a()
    runner = CliRunner()
    words = "denied the report, calling it fabricated"
    files = []
    for who, action, when in (("Ana", "reject", "2026-01-01T10:00:00Z"),
                              ("Bo", "accept", "2026-01-01T11:00:00Z")):
        store_dir = tmp_path / who
        _write(store_dir, x)
        with Store.open(store_dir, "w") as s:
            decide(s, action, article=x.article.id, quote=words, kind="denial", by=who,
                   reason=f"{who} says so", at=when)
        path = tmp_path / f"{who}.{'trig' if who == 'Ana' else 'jsonld'}"
        assert runner.invoke(cli, ["review", "export", "--store", str(store_dir), "-o",
                                   str(path)]).exit_code == 0
        files.append(path)
    merged = tmp_path / "team"
    _write(merged, x)
    result = runner.invoke(cli, ["review", "import", *map(str, files), "--store", str(merged)])
    assert result.exit_code == 1
    assert "2 decision(s) added" in result.output
    assert "Ana" in result.output.split("conflict:")[1] and "Bo" in result.output.split(
        "conflict:")[1]
    assert "reject" in result.output and "accept" in result.output
    denial = next(iter(article_graph(x).subjects(None, EKG.Denial)))
    assert _ask(merged, "ASK { ?c <%s> <%s> }" % (EKGR.reviewStatus, EKGR.Verified), c=denial)
    again = runner.invoke(cli, ["review", "import", str(files[0]), "--store", str(merged)])
    assert "0 decision(s) added, 1 already" in again.output


def test_export_is_deterministic_and_a_bad_file_is_refused(tmp_path):
    x = fx.article_a()
    d = _decision(x, "accept", "Medics United said", "claim")
    from kg.review.session import export_decisions

    texts = []
    for fmt in ("trig", "jsonld", "trig"):
        path = tmp_path / f"d.{fmt}"
        with open(path, "w", encoding="utf-8") as out:
            export_decisions([d], fmt, out)
        texts.append(path.read_text(encoding="utf-8"))
        assert read_decision_file(path) == [d]
    assert texts[0] == texts[2]
    bad = tmp_path / "bad.trig"
    bad.write_text(texts[0].replace("prov:wasAssociatedWith", "prov:wasAttributedTo").replace(
        "<http://www.w3.org/ns/prov#wasAssociatedWith>",
        "<http://www.w3.org/ns/prov#wasAttributedTo>"), encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        read_decision_file(bad)
    assert err.value.code == "E643" and "bad.trig" in str(err.value)


def test_import_reports_conflicts_with_the_store(tmp_path):
    x = fx.article_a()
    _write(tmp_path / "s", x)
    words = "denied the report, calling it fabricated"
    with Store.open(tmp_path / "s", "w") as s:
        decide(s, "correct", article=x.article.id, quote=words, kind="denial", by="Ana",
               at=AT, values={"source": ["Northland"]})
        mine = _decision(x, "correct", words, "denial",
                         [Change("source", str(iris.agent_iri("medics united")))], by="Bo",
                         at="2026-01-03T00:00:00Z")
        res = import_decisions(s, [mine])
        assert len(res.added) == 1 and len(res.conflicts) == 1
        assert {res.conflicts[0][0].by, res.conflicts[0][1].by} == {"Ana", "Bo"}


# --- chain of custody -------------------------------------------------------------------------
def test_store_info_shows_the_chain_of_custody(tmp_path, extractor):
    from kg.pipeline import ingest

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "a.txt")
    (src / "a.json").write_text(json.dumps({"captured": "2015-12-23T11:00:00+01:00",
                                            "url": "https://example.org/a"}), encoding="utf-8")
    store_dir = tmp_path / "s"
    ingest([src], store_dir, extractor=extractor)
    raw = (src / "a.txt").read_bytes()
    import hashlib

    raw_sha = hashlib.sha256(raw).hexdigest()
    with Store.open(store_dir) as s:
        (aid,) = s.article_ids()
    runner = CliRunner()
    result = runner.invoke(cli, ["store", "info", "--store", str(store_dir), "--article", aid])
    assert result.exit_code == 0, result.output
    out = result.output
    assert raw_sha in out and "(intact)" in out
    assert "2015-12-23T10:00:00Z" in out                  # captured, in UTC
    assert "https://example.org/a" in out
    assert "evidence-kg" in out.split("extractor")[1].splitlines()[0]
    assert "1970" not in out and "2026-01-01T00:00:00Z" in out    # SOURCE_DATE_EPOCH
    with Store.open(store_dir) as s:
        text_sha = str(s.article_graph(aid).value(iris.article_iri(aid), EKG.sha256))
    assert f"text sha256    {text_sha}" in out
    copy = store_dir / "originals" / raw_sha[:2] / raw_sha
    assert copy.read_bytes() == raw
    # exports carry the same, as PROV-O
    trig = runner.invoke(cli, ["export", "--store", str(store_dir), "--format", "trig"]).output
    g = _merged(trig)
    a = iris.article_iri(aid)
    f = g.value(a, PROV.wasDerivedFrom)
    assert str(g.value(f, EKGR.fileSha256)) == raw_sha
    assert str(g.value(g.value(a, PROV.wasGeneratedBy), PROV.endedAtTime)) in (
        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00+00:00")    # rdflib writes it so
    # re-ingesting the unchanged file changes nothing; an altered copy is reported
    before = (store_dir / "kg-store.json").read_text()
    ingest([src], store_dir, extractor=extractor)
    assert (store_dir / "kg-store.json").read_text() == before
    copy.write_bytes(raw + b"x")
    out = runner.invoke(cli, ["store", "info", "--store", str(store_dir), "--article",
                              aid]).output
    assert "(ALTERED)" in out


def test_a_changed_file_is_a_new_version_and_the_old_one_is_kept(tmp_path, extractor):
    from kg.pipeline import ingest

    src = tmp_path / "in"
    src.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (src / "a.txt").write_text(text, encoding="utf-8")
    ingest([src], tmp_path / "s", extractor=extractor)
    (src / "a.txt").write_text(text.replace("Amnesty", "Amnesty International", 1),
                               encoding="utf-8")
    ingest([src], tmp_path / "s", extractor=extractor)
    with Store.open(tmp_path / "s") as s:
        ids = s.article_ids()
    assert len(ids) == 2
    out = CliRunner().invoke(cli, ["store", "info", "--store", str(tmp_path / "s"),
                                   "--article", ids[0]]).output
    assert f"other version  {ids[1]}" in out


def test_quotes_are_unaffected_by_review_anchors():
    """A decision's target (oa:hasSource, selectors) is not an ekg:Quote: the evidence
    shapes, which read quotes, never see it."""
    x, _, _ = _a()
    g = _decision(x, "accept", "Medics United said").graph()
    assert not list(g.subjects(None, EKG.Quote))
    assert list(g.subjects(OA.hasSource, None))
    assert URIRef(str(iris.article_iri(x.article.id))) in set(g.objects(None, OA.hasSource))


def test_queries_see_the_reviewed_graph_and_machine_shows_the_extractors(tmp_path):
    x = fx.article_a()
    _write(tmp_path / "s", x)
    allegation = str(iris.claim_iri(x.article.id, "allegation", *_span(x, "an air strike")))
    runner = CliRunner()
    env = {"KG_STORE": str(tmp_path / "s"), "KG_REVIEWER": "Ana"}
    assert runner.invoke(cli, ["review", "reject", allegation], env=env).exit_code == 0
    args = ["query", "allegations_and_denials", "--format", "csv"]
    reviewed = runner.invoke(cli, args, env=env)
    machine = runner.invoke(cli, [*args, "--machine"], env=env)
    assert reviewed.exit_code == machine.exit_code == 0
    assert allegation not in reviewed.output and allegation in machine.output
    queue = runner.invoke(cli, ["query", "review_queue", "--format", "csv"], env=env).output
    assert allegation not in queue and "/denial/" in queue


# --- merging and splitting incidents -------------------------------------------------------------
def _own_reports(*xs):
    """The fixture's articles with one attack report each, keyed as kg.resolve keys them."""
    for x in xs:
        for a in x.attacks:
            a.key = f"{x.article.id}-{a.span.start}-{a.span.end}"
    return xs


def _incidents(store_dir) -> list[set]:
    q = ("PREFIX ekg: <https://w3id.org/evidence-kg/ns#> "
         "SELECT ?i ?r WHERE { ?i ekg:report ?r } ORDER BY ?i ?r")
    out: dict = {}
    with Store.open(store_dir) as s:
        for row in s.query(q):
            out.setdefault(row["i"].value, set()).add(row["r"].value)
    return sorted(out.values(), key=sorted)


def test_merge_and_split_incidents_survive_a_reingest(tmp_path):
    from kg.review.session import link

    c, d = _own_reports(fx.article_c(), fx.article_d())
    store_dir = tmp_path / "s"
    _write(store_dir, c, d)
    market = str(iris.attack_iri(c.attacks[0].key))
    school = str(iris.attack_iri(d.attacks[0].key))
    apart = sorted([{market}, {school}], key=sorted)
    assert _incidents(store_dir) == apart                     # a market and a school
    with Store.open(store_dir, "w") as s:
        link(s, "merge", market, [school], by="Ana", reason="one shelling", at=AT)
    assert _incidents(store_dir) == [{market, school}]
    _write(store_dir, *_own_reports(fx.article_d()))           # re-ingest the other one
    assert _incidents(store_dir) == [{market, school}]
    with Store.open(store_dir) as s:
        assert [r.state for r in status(s)] == ["applied"]
        (incident,) = {row["i"].value for row in s.query(
            "SELECT ?i WHERE { ?i <%s> ?r }" % EKG.report)}
    runner = CliRunner()
    result = runner.invoke(cli, ["review", "split", school, "--by", "Bo", "--store",
                                 str(store_dir)], env={"SOURCE_DATE_EPOCH": "1767312000"})
    assert result.exit_code == 0, result.output
    assert _incidents(store_dir) == apart                     # the later decision wins
    with Store.open(store_dir) as s:
        rows = status(s)
    assert [r.state for r in rows].count("conflict") == 1    # Ana merged, Bo split
    assert incident.startswith(str(iris.incident_iri("")))
