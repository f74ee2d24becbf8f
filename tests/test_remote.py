"""Remote SPARQL servers: a real `oxigraph serve`, and small real HTTP servers for failures."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from kg.errors import RemoteError
from kg.query import load_queries, run_query
from kg.query.results import rows_as_text
from kg.remote import Endpoint, push
from kg.store import Store
from tests.test_queries import CASES

pytestmark = pytest.mark.server
QUERIES = load_queries()


@pytest.fixture(scope="module")
def pushed(oxigraph_server, fixture_store):
    oxigraph_server.clear()
    ep = Endpoint(oxigraph_server.query_url, oxigraph_server.update_url)
    with Store.open(fixture_store) as store:
        result = push(store, ep)            # finds out that it must fill the default graph
    assert result.default_graph
    return ep


@pytest.fixture(scope="module")
def pushed_union(oxigraph_union_server, fixture_store):
    oxigraph_union_server.clear()
    ep = Endpoint(oxigraph_union_server.query_url, oxigraph_union_server.update_url)
    with Store.open(fixture_store) as store:
        result = push(store, ep)            # finds out that the named graphs show already
    assert not result.default_graph
    return ep


@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_every_stored_query_gives_the_same_rows_remotely(pushed, pushed_union, fixture_store,
                                                          name, params, rows):
    with Store.open(fixture_store) as store:
        local = run_query(QUERIES[name], params, store=store)
    remote = run_query(QUERIES[name], params, endpoint=pushed)
    union = run_query(QUERIES[name], params, endpoint=pushed_union)
    assert rows_as_text(local) == rows
    assert remote.variables == local.variables
    assert rows_as_text(remote) == rows_as_text(union) == rows
    assert remote.rows == local.rows  # the same terms, datatypes and all


def _graph_counts(ep: Endpoint) -> dict[str, int]:
    data = ep.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}


def test_push_copies_every_public_graph_and_is_idempotent(oxigraph_server, fixture_store):
    oxigraph_server.clear()
    ep = Endpoint(oxigraph_server.query_url, oxigraph_server.update_url)
    with Store.open(fixture_store) as store:
        expected = {g.value: sum(1 for _ in store.quads(g)) for g in store.graph_names()}
        first = push(store, ep, default_graph=False)
        assert _graph_counts(ep) == expected
        push(store, ep, default_graph=False)
        assert _graph_counts(ep) == expected
    assert first.graphs == len(expected) == 7


def test_an_interrupted_push_is_finished_by_running_it_again(oxigraph_server, fixture_store):
    oxigraph_server.clear()
    ep = Endpoint(oxigraph_server.query_url, oxigraph_server.update_url)
    real_update, calls = ep.update, []

    def flaky(text):
        calls.append(1)
        if len(calls) == 3:
            raise RemoteError("E807", "connection lost (simulated)")
        real_update(text)

    ep.update = flaky
    with Store.open(fixture_store) as store:
        with pytest.raises(RemoteError):
            push(store, ep, chunk=50, default_graph=False)
        partial = _graph_counts(ep)
        ep.update = real_update
        push(store, ep, chunk=50, default_graph=False)  # again, from the start
        expected = {g.value: sum(1 for _ in store.quads(g)) for g in store.graph_names()}
    assert partial != expected
    assert _graph_counts(ep) == expected


def test_hostile_values_are_data_remotely_too(pushed_union):
    hostile = 'Northland" } ; DROP ALL ; { "'
    text = ("#+ summary: by label\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?a WHERE { ?a rdfs:label ?_label }")
    from kg.query import load_query_text

    q = load_query_text(text, "by_label")
    assert run_query(q, {"label": hostile}, endpoint=pushed_union).rows == []
    assert run_query(q, {"label": "Northland"}, endpoint=pushed_union).rows
    assert _graph_counts(pushed_union)   # nothing was dropped


# --- failures, credentials: small real HTTP servers -----------------------------------------
class _Recorder(BaseHTTPRequestHandler):
    plan: list = []        # status codes to answer, in turn (then 200 with empty results)
    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        type(self).seen.append(dict(self.headers))
        status = type(self).plan.pop(0) if type(self).plan else 200
        body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def http_server():
    _Recorder.plan, _Recorder.seen = [], []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder
    server.shutdown()


def test_server_errors_are_retried_with_backoff(http_server):
    url, rec = http_server
    rec.plan = [503, 500]
    sleeps = []
    Endpoint(url, retries=3, sleep=sleeps.append).select("SELECT ?x WHERE {}")
    assert len(rec.seen) == 3 and sleeps == [0.5, 1.0]


def test_a_failing_server_gives_a_clear_error(http_server):
    url, rec = http_server
    rec.plan = [500] * 10
    with pytest.raises(RemoteError, match=r"E806.*after 3 attempts"):
        Endpoint(url, retries=2, sleep=lambda s: None).select("SELECT ?x WHERE {}")
    rec.plan = [400]
    with pytest.raises(RemoteError, match="E805"):
        Endpoint(url, sleep=lambda s: None).select("SELECT ?x WHERE {}")
    assert len(rec.seen) == 4  # a 400 is not retried


def test_credentials_come_from_the_environment_only(http_server, monkeypatch):
    url, rec = http_server
    monkeypatch.setenv("KG_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret-pw")
    rec.plan = [401]
    with pytest.raises(RemoteError, match="E803") as err:
        Endpoint(url).select("SELECT ?x WHERE {}")
    assert rec.seen[0]["Authorization"].startswith("Basic ")
    assert "s3cret-pw" not in str(err.value) and "analyst" not in str(err.value)
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", "tok-123")
    Endpoint(url).select("SELECT ?x WHERE {}")
    assert rec.seen[1]["Authorization"] == "Bearer tok-123"
    with pytest.raises(RemoteError, match="E802"):
        Endpoint("http://analyst:s3cret-pw@127.0.0.1:1/sparql")


def test_an_unreachable_server_is_reported_after_retries():
    ep = Endpoint("http://127.0.0.1:9/sparql", retries=2, sleep=lambda s: None, timeout=2)
    with pytest.raises(RemoteError, match=r"E807.*after 3 attempts"):
        ep.select("SELECT ?x WHERE {}")
