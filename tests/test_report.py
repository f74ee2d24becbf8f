"""The evidence dossier without a browser: the page model read from a real store (the
invented articles of tests/support/fixture.py), the adapter to stores that hold incidents
and grades, the pages (valid HTML, links that resolve, quotes at their offsets, the same
bytes for the same store), `kg report` and `kg serve`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.report import MemoryGraph, Site, page_path, read_dossier, write_site
from kg.report.model import DATA
from kg.report.view import target_words
from kg.store import Store
from tests.support import dossier as check
from tests.support import fixture as fx

INCIDENT_GRAPH = DATA + "graph/incident/"
#: What a store written before incidents were derived does not hold.
LATER = {"https://w3id.org/evidence-kg/ns#givenBy", "https://schema.org/latitude",
         "https://schema.org/longitude"}


def make_store(path: Path, order=(0, 1, 2, 3)) -> Path:
    graphs = fx.graphs()
    with Store.open(path, "w") as store:
        for i in order:
            store.write_articles([graphs[i]])
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("report") / "kg-store")


@pytest.fixture(scope="module")
def dossier(store_dir):
    with Store.open(store_dir) as store:
        return read_dossier(store)


@pytest.fixture(scope="module")
def site(tmp_path_factory, dossier) -> Path:
    out = tmp_path_factory.mktemp("site") / "dossier"
    write_site(dossier, out)
    return out


def texts(d) -> dict[str, str]:
    return {a.id: a.text for a in d.articles.values()}


def incident_at(d, place: str, target: str):
    """The incident of *d* at the place labelled *place* whose target is a *target*."""
    (inc,) = [i for i in d.incidents if place in [d.label(p) for p in i.places]
              and target in target_words(d, i)]
    return inc


def hospital_page(d) -> str:
    return page_path(incident_at(d, "Eastvale", "hospital").iri)


@pytest.fixture(scope="module")
def plain_db(store_dir):
    """The store's graph without what deriving incidents adds (incident graphs, who gives a
    figure, coordinates): a graph as stores without incidents hold it."""
    db = ox.Store()
    with Store.open(store_dir) as store:
        db.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads()
                  if not q.graph_name.value.startswith(INCIDENT_GRAPH)
                  and q.predicate.value not in LATER)
    return db


@pytest.fixture(scope="module")
def plain(plain_db):
    return read_dossier(MemoryGraph(plain_db))


# --- the page model ----------------------------------------------------------------------------
def test_an_incident_gathers_the_claims_figures_and_words_of_every_report(dossier):
    hospital = incident_at(dossier, "Eastvale", "hospital")
    assert len(hospital.allegations) == 2 and len(hospital.denials) == 2   # A's and B's
    assert {dossier.claims[c].article for c in hospital.allegations} == {
        DATA + f"article/{fx.ids()['A']}", DATA + f"article/{fx.ids()['B']}"}
    assert (hospital.earliest, hospital.latest) == ("2024-03-01", "2024-03-01")
    assert sorted(dossier.figures[f].count for f in hospital.figures) == [12, 15]
    assert [dossier.label(a) for a in hospital.accused] == ["Northland"]
    assert {q.article for q in hospital.quotes} == set(hospital.articles)
    # in date order: 1 March; the April window (from the 1st); 10 April
    school, market = (incident_at(dossier, "Southtown", t) for t in ("school", "market"))
    assert dossier.incidents == [hospital, school, market]


def test_without_incidents_in_the_graph_each_attack_is_an_incident_of_its_own(plain, plain_db):
    assert not plain.has_incidents and not plain.has_grades
    attacks = {r["a"].value for r in plain_db.query(
        "SELECT ?a WHERE { ?a a <https://w3id.org/evidence-kg/ns#Attack> }")}
    assert {i.iri for i in plain.incidents} == attacks
    assert all(i.reports == [i.iri] for i in plain.incidents)
    for inc in plain.incidents:
        for c in inc.allegations:
            assert inc.iri in plain.claims[c].concerns


def test_voices_follow_speaks_for_and_denials_are_counted_when_the_graph_has_no_grades(plain):
    from kg.report.read import top_voices

    for hospital in [i for i in plain.incidents if "hospital" in target_words(plain, i)]:
        assert not hospital.graded and not hospital.voices_from_graph
        voices = {plain.label(plain.claims[a].source) for a in hospital.allegations}
        assert [plain.label(v) for v in hospital.alleging_voices] == sorted(voices)
        assert (hospital.voices, hospital.denial_total) == (len(voices), len(hospital.denials))
    pell = DATA + "agent/ivan-pell"
    assert top_voices(pell, plain.agents) == [DATA + "agent/northland"]   # via the ministry


def giver(d, f) -> str:
    return f.given_by[0] if f.given_by else d.claims[f.given_by_claim].source


def test_a_figure_is_given_by_the_claim_whose_words_hold_it(plain, dossier):
    for d in (plain, dossier):      # counted here, and as the graph says where it does
        given = {f.count: giver(d, f) for f in d.figures.values()}
        assert given == {12: DATA + "agent/medics-united", 15: DATA + "agent/witnesses",
                         7: DATA + "agent/southern-rights-watch"}
    assert all(f.given_by_claim and not f.given_by for f in plain.figures.values())


INCIDENTS_TTL = """
@prefix ekg: <https://w3id.org/evidence-kg/ns#> .
@prefix agent: <https://w3id.org/evidence-kg/id/agent/> .
@prefix incident: <https://w3id.org/evidence-kg/id/incident/> .
@prefix grading: <https://w3id.org/evidence-kg/id/incident/eastvale/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

incident:southtown a ekg:Incident ; rdfs:label "Southtown, April 2024" ; ekg:report {southtown} .
incident:eastvale a ekg:Incident ; ekg:report {eastvale} ;
    ekg:grade ekg:Contested , ekg:Corroborated ;
    ekg:assessment grading:contested , grading:corroborated ;
    ekg:independentVoice agent:medics-united , agent:witnesses ;
    ekg:partyVoice agent:northland ; ekg:voiceCount 2 ; ekg:denialCount 1 .
grading:contested ekg:grade ekg:Contested ; ekg:rule "40_contested" ;
    ekg:explanation "Denied by the party blamed." ; ekg:basedOn agent:northland .
grading:corroborated ekg:grade ekg:Corroborated ; ekg:rule "31_corroborated" ;
    ekg:explanation "Two independent voices." ;
    ekg:basedOn agent:medics-united , agent:witnesses .
ekg:Contested rdfs:label "contested"@en ; skos:definition "Denied by a party blamed."@en .
ekg:Corroborated rdfs:label "corroborated"@en .
{eastvale_place} schema:latitude 10.5 ; schema:longitude 20.25 .
<https://w3id.org/evidence-kg/id/place/aleppo> a ekg:Place ; rdfs:label "Aleppo" .
"""


@pytest.fixture(scope="module")
def graded(plain, plain_db):
    """The plain graph with what the incidents issue adds: incidents grouping the attack
    reports of each place, grades with reasons, voices, and coordinates of Eastvale."""
    def at(label):
        reports = sorted(i.iri for i in plain.incidents
                         if label in [plain.label(p) for p in i.places])
        return " , ".join(f"<{r}>" for r in reports), reports

    (east, _), (south, _) = at("Eastvale"), at("Southtown")
    (place,) = [p for p in plain.places if plain.places[p].label == "Eastvale"]
    db = ox.Store()
    db.extend(plain_db)
    db.load(INCIDENTS_TTL.replace("{eastvale}", east).replace("{southtown}", south).replace(
        "{eastvale_place}", f"<{place}>").encode(), format=ox.RdfFormat.TURTLE)
    return read_dossier(MemoryGraph(db))


def test_incidents_grades_and_voices_are_read_from_the_graph_when_it_holds_them(graded, plain):
    assert graded.has_incidents and graded.has_grades
    by_iri = {i.iri: i for i in graded.incidents}
    assert set(by_iri) == {DATA + "incident/eastvale", DATA + "incident/southtown"}
    southtown = by_iri[DATA + "incident/southtown"]
    assert southtown.reports == sorted(i.iri for i in plain.incidents
                                       if "Southtown" in [plain.label(p) for p in i.places])
    assert len(southtown.reports) == 2 and len(southtown.allegations) == 2
    assert (southtown.earliest, southtown.latest) == ("2024-04-01", "2024-04-30")
    eastvale = by_iri[DATA + "incident/eastvale"]
    assert len(eastvale.allegations) == 2 and len(eastvale.denials) == 2
    assert [graded.label(g) for g in eastvale.grades] == ["contested", "corroborated"]
    reasons = {graded.label(a.grade): (a.rule, a.explanation, a.based_on)
               for a in eastvale.assessments}
    assert reasons["contested"] == ("40_contested", "Denied by the party blamed.",
                                    [DATA + "agent/northland"])
    assert eastvale.voices_from_graph and (eastvale.voices, eastvale.denial_total) == (2, 1)
    assert eastvale.party_voices == [DATA + "agent/northland"]


def test_coordinates_in_the_graph_are_used_and_nothing_is_guessed_beside_them(graded):
    (eastvale,) = [p for p in graded.places.values() if p.label == "Eastvale"]
    aleppo = graded.places[DATA + "place/aleppo"]
    assert (eastvale.latitude, eastvale.longitude, eastvale.located_by) == (10.5, 20.25, "graph")
    assert not aleppo.located      # the gazetteer knows Aleppo, but the graph has spoken


def test_the_graded_site_shows_grades_with_their_reasons(tmp_path, graded):
    write_site(graded, tmp_path / "d")
    index = (tmp_path / "d" / "index.html").read_text(encoding="utf-8")
    assert ">Grade</th>" in index and ">Independent voices</th>" in index
    page = (tmp_path / "d" / "incident" / "eastvale.html").read_text(encoding="utf-8")
    assert "Denied by the party blamed." in page and "rule 31_corroborated" in page
    assert "Independent voices (2)" in page and "Parties to the conflict (1)" in page
    assert 'title="Denied by a party blamed."' in page
    assert check.broken_links(tmp_path / "d") == []


def test_the_gazetteer_places_a_town_by_the_place_it_is_within():
    from kg.report.model import Place
    from kg.report.places import locate_places

    places = {"a": Place("a", "Aleppo"), "i": Place("i", "Idlib"),
              "r": Place("r", "Ariha", within=["i"]),       # not Jericho (also "Ariha")
              "m": Place("m", "Mashhad", within=["a"]),     # not the city in Iran
              "x": Place("x", "Nowhereville")}
    locate_places(places)
    assert places["a"].located_by == places["i"].located_by == "gazetteer"
    assert abs(places["a"].latitude - 36.2) < 0.1 and abs(places["a"].longitude - 37.16) < 0.1
    assert (places["r"].located_by, places["r"].located_at) == ("within", "i")
    assert (places["m"].latitude, places["m"].longitude) == (places["a"].latitude,
                                                             places["a"].longitude)
    assert not places["x"].located


# --- the pages ---------------------------------------------------------------------------------
def test_every_page_is_valid_html(site, dossier):
    pages = check.html_pages(site)
    assert len(pages) == 5 + len(dossier.incidents) + len(dossier.agents) + 4   # lists...
    for page in pages:
        _, errors = check.parse(page)
        assert errors == [], f"{page.relative_to(site)}: {errors[:3]}"


def test_every_link_resolves_to_a_page_and_an_element(site):
    assert check.broken_links(site) == []


def test_the_link_checker_finds_a_broken_link(tmp_path, dossier):
    write_site(dossier, tmp_path / "d")
    page = tmp_path / "d" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        hospital_page(dossier), "nowhere.html"), encoding="utf-8")
    assert any("nowhere.html (no file)" in b for b in check.broken_links(tmp_path / "d"))


def test_each_quote_is_the_articles_text_at_its_offsets(site, dossier):
    checked, bad = check.quote_mismatches(site, texts(dossier))
    assert bad == [] and checked >= 8


def test_an_article_page_holds_its_text_exactly_with_every_span_highlighted(site, dossier):
    art = dossier.articles[DATA + f"article/{fx.ids()['B']}"]
    tree, _ = check.parse(site / page_path(art.iri))
    (body,) = [e for e in tree.iter("div") if e.get("class") == "article-text"]
    assert check.text_of(body) == art.text
    items = [li for li in tree.iter("li") if li.get("data-start")]
    kinds = {li.get("class").split()[-1] for li in items}
    assert kinds == {"t-allegation", "t-denial", "t-attack", "t-figure", "t-source"}
    for li in items:
        (q,) = [e for e in li.iter("q")]
        assert check.text_of(q) == art.text[int(li.get("data-start")):int(li.get("data-end"))]
    # the incident pages link to the highlighted words: each marker is in the text
    markers = {e.get("id") for e in body.iter("span") if e.get("class") == "marker"}
    assert {li.find("a").get("href")[1:] for li in items} <= markers


def test_an_incident_page_shows_allegations_and_denials_with_their_provenance(site, dossier):
    page = (site / hospital_page(dossier)).read_text(encoding="utf-8")
    allegations, denials = page.split('class="column allegations"')[1].split(
        'class="column denials"')
    assert allegations.count('<article class="claim allegation"') == 2
    assert denials.count('<article class="claim denial"') == 2
    art = dossier.articles[DATA + f"article/{fx.ids()['A']}"]
    assert f"sha256 {art.sha256}" in page and "Daily Ledger" in page and "2 March 2024" in page
    assert "Denial: dismissal of evidence" in page          # the ontology's label
    assert "at least 12" in page and "Medics United" in page.split('id="figures"')[1]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="graph"' in page
    hospital = incident_at(dossier, "Eastvale", "hospital")
    answers = sum(len(set(dossier.claims[d].denies) & set(hospital.allegations))
                  for d in hospital.denials)
    assert answers >= 3 and page.count('class="edge denies"') == answers


def test_the_same_store_gives_the_same_bytes_whatever_the_order_of_ingest(tmp_path, site):
    other = make_store(tmp_path / "store", order=(3, 1, 2, 0))
    with Store.open(other) as store:
        write_site(read_dossier(store), tmp_path / "again")
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "again")
                           for p in (tmp_path / "again").rglob("*") if p.is_file())
    for f in files:
        assert (site / f).read_bytes() == (tmp_path / "again" / f).read_bytes(), f


def test_the_timeline_and_the_map_are_drawn_from_the_data(site):
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert timeline.count('<circle class="mark') == 2 and timeline.count('<rect class="mark') == 1
    assert 'class="mark contested"' in timeline           # the hospital: denied
    drawn = (site / "map.html").read_text(encoding="utf-8")
    # the gazetteer knows a town named Eastvale (the fixture's is invented), not Southtown
    assert drawn.count('<circle class="spot') == 1 and ">Eastvale</text>" in drawn
    assert '<td>Southtown</td><td><a href="#place-place-east-province">' in drawn


# --- kg report -----------------------------------------------------------------------------
def test_kg_report_writes_the_site_and_replaces_only_a_dossier(tmp_path, store_dir):
    runner = CliRunner()
    out = tmp_path / "dossier"
    result = runner.invoke(cli, ["report", "--store", str(store_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and "3 incidents" in result.output
    (out / "stale.html").write_text("from before", encoding="utf-8")
    assert runner.invoke(cli, ["report", "--store", str(store_dir), "-o", str(out)]).exit_code == 0
    assert not (out / "stale.html").exists()          # a dossier is replaced whole
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = runner.invoke(cli, ["report", "--store", str(store_dir), "-o", str(mine)])
    assert result.exit_code == 2 and "E901" in result.output
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    result = runner.invoke(cli, ["report", "--store", str(tmp_path / "none"), "-o", str(out)])
    assert result.exit_code == 2 and "E606" in result.output


# --- kg serve ----------------------------------------------------------------------------------
class Served:
    def __init__(self, store: Path, *args: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline()
        assert "Serving the dossier" in line, line + self.proc.stderr.read()
        self.url = line.split(" on ", 1)[1].split(" ", 1)[0]
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def get(self, path: str, method: str = "GET"):
        req = urllib.request.Request(self.url + path, method=method)
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                return r.status, r.read(), dict(r.headers)
        except urllib.error.HTTPError as err:
            return err.code, err.read(), dict(err.headers)

    def stop(self, sig=signal.SIGTERM) -> int:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(20)
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_kg_serve_serves_the_pages_kg_report_writes_on_localhost_only(site, store_dir, dossier):
    server = Served(store_dir)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        for path in ("index.html", hospital_page(dossier), "static/dossier.css", "map.html"):
            status, body, headers = server.get(path)
            assert status == 200 and body == (site / path).read_bytes(), path
        status, body, headers = server.get("")
        assert status == 200 and body == (site / "index.html").read_bytes()
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert server.get("nothing.html")[0] == 404
        assert server.get("../../../etc/passwd")[0] == 404
        assert server.get("index.html", method="POST")[0] == 501     # read-only
        assert listening_addresses(server.port) == {"127.0.0.1"}   # not 0.0.0.0
    finally:
        assert server.stop() == 0
    assert not listening(server.port)


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on *port* (Linux: /proc/net/tcp)."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    found = set()
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, hexport = local.split(":")
        if state == "0A" and int(hexport, 16) == port:          # 0A: LISTEN
            found.add(socket.inet_ntoa(bytes.fromhex(addr)[::-1]))
    return found


def test_kg_serve_shows_what_an_ingest_adds_and_stops_on_ctrl_c(tmp_path, dossier):
    store = make_store(tmp_path / "store", order=(0, 1))
    market = page_path(incident_at(dossier, "Southtown", "market").iri)
    server = Served(store)
    try:
        assert server.get(market)[0] == 404
        graphs = fx.graphs()
        with Store.open(store, "w", wait=10) as s:      # the server holds no lock between reads
            s.write_articles([graphs[2]])
        status, body, _ = server.get(market)
        assert status == 200 and b"Southern Rights Watch" in body
    finally:
        assert server.stop(signal.SIGINT) == 0


def test_kg_serve_refuses_a_port_in_use_and_a_missing_store(tmp_path, store_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--store", str(store_dir), "--port",
                                          str(port)])
    assert result.exit_code == 2 and "E903" in result.output
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "E606" in result.output


def test_a_page_is_rendered_on_demand_as_written(site, dossier):
    s = Site(dossier)
    assert s.render(hospital_page(dossier)) == (site / hospital_page(dossier)).read_bytes()
    assert s.render("nothing.html") is None
    assert set(s.paths()) == {str(p.relative_to(site)) for p in site.rglob("*")
                              if p.is_file() and p.name != ".kg-dossier"}

