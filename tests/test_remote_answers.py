"""What a server answers, and what URL it is given: never an empty table for a broken
answer, never a traceback, never a secret in a message.  A real HTTP server on 127.0.0.1
answers what each test tells it to."""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote_plus

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import RemoteError
from kg.query import run_query
from kg.query.results import FORMATS
from kg.remote import Endpoint, mask_url

SECRET = "s3cr3t-K3Y-42"
VALID = {"head": {"vars": ["attack", "n"]},
         "results": {"bindings": [
             {"attack": {"type": "uri", "value": "https://w3id.org/evidence-kg/id/attack/a"},
              "n": {"type": "literal", "value": "2",
                    "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
             {"attack": {"type": "bnode", "value": "b0"}},
             {"n": {"type": "literal", "value": "x", "xml:lang": "en"}}]}}


class _Handler(BaseHTTPRequestHandler):
    answer = staticmethod(lambda request: (200, {}, b""))
    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        request = {"path": self.path, "headers": dict(self.headers),
                   "body": body.decode("utf-8", "replace")}
        request["query"] = parse_qs(request["body"]).get("query", [""])[0]
        type(self).seen.append(request)
        status, headers, payload = type(self).answer(request)
        if status is None:                      # hang up without answering
            self.close_connection = True
            return
        self.send_response(status)
        headers = {"Content-Type": "application/sparql-results+json", **headers}
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST    # noqa: N815 - a redirect followed would come as a GET: record it too

    def log_message(self, *args):
        pass


class Server:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answers(self, fn=None, *, status=200, body=b"", headers=None):
        """Answer every request with fn(request) -> (status, headers, body), or the same."""
        _Handler.answer = staticmethod(fn or (lambda r: (status, headers or {}, body)))

    @property
    def seen(self):
        return _Handler.seen


@pytest.fixture(scope="module")
def _server():
    s = Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture()
def server(_server):
    _Handler.seen = []
    _server.answers()
    return _server


def kg(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def _ep(url, **kw):
    return Endpoint(url, retries=kw.pop("retries", 0), sleep=lambda s: None, **kw)


# --- malformed answers ------------------------------------------------------------------------
def _results(bindings, variables=("x",)):
    return json.dumps({"head": {"vars": list(variables)},
                       "results": {"bindings": bindings}}).encode()


MALFORMED = {
    "empty object": (b"{}", 'neither "results" nor "boolean"'),
    "empty body": (b"", "the answer is empty"),
    "blank body": (b"  \n", "the answer is empty"),
    "html": (b"<html><body><h1>Welcome to nginx!</h1></body></html>", "not JSON"),
    "truncated": (_results([{"x": {"type": "uri", "value": "urn:a"}}])[:-7], "not JSON"),
    "not utf-8": (b'{"head": {"vars": ["x"]}, "results": {"bindings": ["\xff"]}}', "not UTF-8"),
    "a number": (b"42", "not an object"),
    "null": (b"null", "not an object"),
    "an array": (b"[]", "not an object"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "binding 42": (_results([42]), '"results.bindings[0]" is 42'),
    "binding null": (_results([None]), '"results.bindings[0]" is null'),
    "term 42": (_results([{"x": 42}]), "not an RDF term"),
    "term null": (_results([{"x": None}]), "not an RDF term"),
    "term without value": (_results([{"x": {"type": "uri"}}]), "value missing"),
    "value not a string": (_results([{"x": {"type": "literal", "value": 7}}]), "value 7"),
    "unknown type": (_results([{"x": {"type": "iri", "value": "urn:a"}}]), 'type "iri"'),
    "type a list": (_results([{"x": {"type": [], "value": "urn:a"}}]), "the type"),
    "bad datatype": (_results([{"x": {"type": "literal", "value": "1", "datatype": 5}}]),
                     "datatype 5"),
    "unlisted variable": (_results([{"y": {"type": "uri", "value": "urn:a"}}]),
                          "binds a variable the head does not list"),
    "bindings an object": (b'{"head": {"vars": []}, "results": {"bindings": {}}}', "not a list"),
    "bindings missing": (b'{"head": {"vars": []}, "results": {}}', "bindings\" is missing"),
    "no head": (b'{"results": {"bindings": []}}', '"head" is missing'),
    "vars not names": (b'{"head": {"vars": [1]}, "results": {"bindings": []}}', "head.vars"),
    "boolean a string": (b'{"boolean": "yes"}', '"boolean" is "yes"'),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_answer_is_an_error_never_an_empty_table(server, name):
    body, why = MALFORMED[name]
    server.answers(body=body)
    with pytest.raises(RemoteError) as err:
        _ep(server.url).select("SELECT ?x WHERE { ?x ?p ?o }")
    assert err.value.code == "E809" and why in str(err.value), str(err.value)
    out = kg("query", "attacks_by_place", "--endpoint", server.url, "--retries", "0")
    assert out.exit_code == 2, out.output
    assert "E809" in out.output and "rows)" not in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)


def test_the_error_quotes_what_the_server_said(server):
    server.answers(body=b"<html><head><style>h1 {color: red}</style></head><body><h1>Service "
                   b"unavailable</h1> <p>try   later</p></body></html>",
                   headers={"Content-Type": "text/html"})
    with pytest.raises(RemoteError) as err:
        _ep(server.url).select("SELECT ?x WHERE { ?x ?p ?o }")
    assert "it answered: Service unavailable try later" in str(err.value)
    assert "color" not in str(err.value)


def _mutations(rng: random.Random, data):
    """*data* with one node replaced by a wrong value, or one key dropped."""
    data = copy.deepcopy(data)
    paths, stack = [], [((), data)]
    while stack:
        path, node = stack.pop()
        paths.append(path)
        children = node.items() if isinstance(node, dict) else (
            enumerate(node) if isinstance(node, list) else ())
        stack += [(path + (k,), v) for k, v in children]
    path = rng.choice(paths[1:])
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    if isinstance(parent, dict) and rng.random() < 0.3:
        del parent[path[-1]]
    else:
        parent[path[-1]] = rng.choice([42, None, "", [], {}, True, -1.5, "x" * 500,
                                       {"type": "uri"}, [None], {"value": "v"}])
    return data


def test_no_answer_gives_a_traceback_or_a_wrong_table(server):
    """400 random mutations of a valid answer (seeded): each one is either read as the
    results it says, in every format, or refused with E809."""
    rng = random.Random(20240301)
    refused = 0
    for _ in range(400):
        data = _mutations(rng, VALID)
        server.answers(body=json.dumps(data).encode())
        try:
            results = run_query("attacks_by_place", endpoint=_ep(server.url))
        except RemoteError as err:
            assert err.code in ("E809", "E810"), str(err)
            refused += 1
            continue
        for fmt in FORMATS:
            results.format(fmt)
        assert len(results.rows) == len(data["results"]["bindings"])
    assert 100 < refused < 400


# --- empty answers ------------------------------------------------------------------------------
def _empty_select_and_ask(answer_to_ask: bool):
    def answer(request):
        if "ASK WHERE" in request["query"]:
            return 200, {}, json.dumps({"head": {}, "boolean": answer_to_ask}).encode()
        return 200, {}, _results([], ("place", "label", "attacks", "articles"))
    return answer


def test_an_empty_answer_from_a_server_that_shows_no_articles_is_an_error(server):
    server.answers(_empty_select_and_ask(False))
    out = kg("query", "attacks_by_place", "--endpoint", server.url, "--retries", "0")
    assert out.exit_code == 2 and "E810" in out.output and "(0 rows)" not in out.output
    assert "shows no articles in its default graph" in out.output
    assert "kg push" in out.output                            # and says what to do
    assert any("ekg:Article" in r["query"] for r in server.seen)


def test_an_empty_answer_from_a_server_with_articles_is_an_empty_table(server):
    server.answers(_empty_select_and_ask(True))
    out = kg("query", "attacks_by_place", "--endpoint", server.url, "--retries", "0")
    assert out.exit_code == 0 and "(0 rows)" in out.output


# --- URLs ---------------------------------------------------------------------------------------
BAD_URLS = ["http://[::1", "http://127.0.0.1:abc/sparql", "http://127.0.0.1:99999/sparql",
            "ftp://127.0.0.1/sparql", "http:///sparql", "sparql", "http://exa mple.org/q",
            "http://127.0.0.1/q\nx", "http://[not-ipv6]/q", "http://127.0.0.1/\u202eq",
            "http://127.0.0.1/gr\u00e4ph", "http://a..b/q"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_bad_url_is_refused_before_any_request(url):
    for args in (["query", "attacks_by_place", "--endpoint", url],
                 ["push", "--endpoint", url],
                 ["push", "--endpoint", "http://127.0.0.1:9/update", "--query-endpoint", url]):
        out = kg(*args, "--retries", "0")
        assert out.exit_code == 2 and "E801" in out.output, out.output
        assert out.exception is None or isinstance(out.exception, SystemExit)
        assert "\n" not in out.output.strip() and "\u202e" not in out.output


def test_credentials_in_a_url_are_refused_and_not_shown():
    out = kg("query", "attacks_by_place", "--endpoint", f"http://ann:{SECRET}@127.0.0.1:9/q")
    assert out.exit_code == 2 and "E802" in out.output
    assert SECRET not in out.output and "ann" not in out.output


# --- secrets ------------------------------------------------------------------------------------
def _echo(status):
    """A server that says back what it was sent: path, query string and headers."""
    def answer(request):
        said = f"denied {request['path']} {json.dumps(request['headers'])}"
        return status, {"Content-Type": "text/plain"}, said.encode()
    return answer


@pytest.mark.parametrize("status,code", [(400, "E805"), (401, "E803"), (403, "E803"),
                                         (404, "E804"), (418, "E805"), (500, "E806"),
                                         (200, "E809")])
def test_a_token_in_the_url_is_masked_in_every_message(server, status, code, monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", "tok-" + SECRET)
    url = f"{server.url}?api_key={SECRET}&graph=g1"
    server.answers(_echo(status))
    out = kg("query", "attacks_by_place", "--endpoint", url, "--retries", "1")
    assert out.exit_code == 2 and code in out.output, out.output
    assert SECRET not in out.output and "api_key=***" in out.output
    assert server.seen[0]["path"].endswith(f"?api_key={SECRET}&graph=g1")    # but it was sent
    out = kg("push", "--endpoint", url, "--retries", "0")
    assert out.exit_code == 2 and SECRET not in out.output


def test_an_unreachable_server_with_a_token_in_the_url(monkeypatch):
    out = kg("query", "attacks_by_place", "--endpoint",
             f"http://127.0.0.1:9/sparql?key={SECRET}", "--retries", "0")
    assert out.exit_code == 2 and "E807" in out.output and SECRET not in out.output


def test_mask_url_never_raises_and_hides_the_query_string():
    for url in BAD_URLS + [f"http://a:{SECRET}@h/q?t={SECRET}", f"http://h/q?{SECRET}",
                           f"http://h/q?a=1&b={SECRET}#f"]:
        assert SECRET not in mask_url(url)


# --- credentials --------------------------------------------------------------------------------
def test_wrong_credentials_are_reported_as_refused(server, monkeypatch):
    server.answers(status=401, body=b"Unauthorized", headers={
        "WWW-Authenticate": 'Basic realm="kg"'})
    monkeypatch.setenv("KG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    out = kg("query", "attacks_by_place", "--endpoint", server.url)
    assert out.exit_code == 2 and "E803" in out.output
    assert "refused the credentials" in out.output and "check KG_ENDPOINT_USER" in out.output
    assert "Fix: set" not in out.output and SECRET not in out.output
    assert len(server.seen) == 1                                    # a 401 is not retried


def test_a_digest_server_is_named_when_basic_credentials_are_sent(server, monkeypatch):
    server.answers(status=401, headers={"WWW-Authenticate": 'Digest realm="v", nonce="1"'})
    monkeypatch.setenv("KG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    out = kg("query", "attacks_by_place", "--endpoint", server.url)
    assert "E803" in out.output and "set KG_ENDPOINT_AUTH=digest" in out.output


def test_half_set_credentials_are_named(server, monkeypatch):
    server.answers(status=401)
    monkeypatch.setenv("KG_ENDPOINT_USER", "ann")
    out = kg("query", "attacks_by_place", "--endpoint", server.url)
    assert "E803" in out.output and "KG_ENDPOINT_PASSWORD is not set" in out.output


def test_a_bad_auth_scheme_is_refused(server, monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_AUTH", "kerberos")
    out = kg("query", "attacks_by_place", "--endpoint", server.url)
    assert out.exit_code == 2 and "E812" in out.output and not server.seen


def _digest_server(realm, user, password):
    """A server that wants HTTP Digest (RFC 7616, MD5, qop=auth) in *realm*."""
    nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093"

    def md5(text):
        return hashlib.md5(text.encode()).hexdigest()

    def answer(request):
        auth = request["headers"].get("Authorization", "")
        if auth.startswith("Digest "):
            f = dict(re.findall(r'(\w+)="?([^",]*)"?', auth[7:]))
            expected = md5(f"{md5(f'{user}:{realm}:{password}')}:{nonce}:{f.get('nc')}:"
                           f"{f.get('cnonce')}:{f.get('qop')}:{md5('POST:' + f.get('uri', ''))}")
            if f.get("realm") == realm and f.get("response") == expected:
                return 200, {}, _results([])
        challenge = f'Digest realm="{realm}", nonce="{nonce}", qop="auth", algorithm=MD5'
        return 401, {"WWW-Authenticate": challenge}, b"Unauthorized"
    return answer


def test_digest_works_in_any_realm_and_for_that_request_only(server, monkeypatch):
    """SPARQLWrapper's own Digest support knows one realm ("SPARQL") and installs a
    process-wide opener that keeps the password: kg's works in the server's realm, and a
    later request without credentials is asked for them."""
    server.answers(_digest_server("kg-test", "ann", SECRET))
    monkeypatch.setenv("KG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    monkeypatch.setenv("KG_ENDPOINT_AUTH", "digest")
    assert _ep(server.url).select("SELECT ?x WHERE {}")["results"]["bindings"] == []
    assert 'realm="kg-test"' in server.seen[-1]["headers"]["Authorization"]
    for var in ("KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_AUTH"):
        monkeypatch.delenv(var)
    with pytest.raises(RemoteError, match="E803.*asks for credentials"):
        _ep(server.url).select("SELECT ?x WHERE {}")
    assert "Authorization" not in server.seen[-1]["headers"]


# --- the request ----------------------------------------------------------------------------
def test_a_query_goes_as_a_query_whatever_its_text(server):
    """SPARQLWrapper guesses the operation from the text, and takes this query for an ADD
    update; kg says which it is."""
    text = "PREFIX : <http://example.org/address#>\nSELECT ?x WHERE { ?x a :Place }"
    server.answers(body=_results([]))
    _ep(server.url).select(text)
    sent = server.seen[-1]
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent["body"] == "query=" + quote_plus(text, safe="/")   # nothing else in the body
    assert sent["headers"]["Accept"].startswith("application/sparql-results+json")
    server.answers(body=b"")
    _ep(server.url, update_url=server.url).update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    sent = server.seen[-1]
    assert sent["headers"]["Content-Type"] == "application/sparql-update"
    assert sent["body"] == "INSERT DATA { <urn:a> <urn:b> <urn:c> }"


def test_an_update_url_is_sent_as_given(server):
    """SPARQLWrapper appends '?' to an update URL: the key would arrive as '...g1?'."""
    server.answers(body=b"")
    for url in (server.url, f"{server.url}?api_key={SECRET}&graph=g1"):
        _ep(None, update_url=url).update("DROP SILENT GRAPH <urn:x-test:g>")
        assert server.seen[-1]["path"] == "/sparql" + url.partition("/sparql")[2]


# --- transport ----------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirected_update_is_not_followed(server, monkeypatch, status):
    """urllib, which SPARQLWrapper opens requests with, answers a 301/302/303 to a POST with
    a GET to the new place carrying the Authorization header: the update would "succeed"."""
    monkeypatch.setenv("KG_ENDPOINT_USER", "ann")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", SECRET)
    moved = server.url.replace("/sparql", "/elsewhere")
    server.answers(lambda r: (status, {"Location": moved}, b"") if r["path"] == "/sparql"
                   else (200, {}, b""))
    with pytest.raises(RemoteError, match=f"E805.*redirects \\(HTTP {status}\\) to {moved}"):
        _ep(None, update_url=server.url).update("DROP SILENT GRAPH <urn:x-test:g>")
    assert [r["path"] for r in server.seen] == ["/sparql"]


def test_a_redirect_is_not_followed(server, monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", SECRET)
    server.answers(status=302, headers={"Location": "http://127.0.0.1:9/elsewhere?k=v"})
    out = kg("query", "attacks_by_place", "--endpoint", server.url)
    assert out.exit_code == 2 and "E805" in out.output
    assert "http://127.0.0.1:9/elsewhere?k=***" in out.output and len(server.seen) == 1


def test_a_server_that_hangs_up_is_retried_then_reported(server):
    server.answers(lambda r: (None, {}, b""))
    out = kg("query", "attacks_by_place", "--endpoint", server.url, "--retries", "1")
    assert out.exit_code == 2 and "E807" in out.output and "after 2 attempts" in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert len(server.seen) == 2


def test_a_server_that_sends_a_table_for_an_ask(server):
    server.answers(body=_results([]))
    with pytest.raises(RemoteError, match="E809"):
        _ep(server.url).ask("ASK { ?s ?p ?o }")


# --- push: the query endpoint it guesses ----------------------------------------------------------
def _updates_only(request):
    """Updates succeed; the URL answers no query (as an update-only endpoint would)."""
    if request["headers"].get("Content-Type", "").startswith("application/sparql-update"):
        return 200, {}, b""
    return 404, {"Content-Type": "text/plain"}, b"Not Found"


def test_a_push_stops_before_sending_when_the_guessed_query_url_fails(server, fixture_store):
    server.answers(_updates_only)
    out = kg("push", "--endpoint", server.url.replace("/sparql", "/update"), "--store",
             fixture_store, "--retries", "0")
    assert out.exit_code == 2 and "E811" in out.output and "--query-endpoint" in out.output
    assert server.url.replace("/sparql", "/query") in out.output       # the guess, named
    assert [r["path"] for r in server.seen] == ["/update", "/query", "/update"]   # probe only


def test_a_push_told_what_to_do_warns_when_it_cannot_check(server, fixture_store):
    server.answers(_updates_only)
    out = kg("push", "--endpoint", server.url, "--with-default-graph", "--store",
             fixture_store, "--retries", "0")
    assert out.exit_code == 0, out.output
    assert "pushed 7 graphs" in out.output and "warning: could not check" in out.output
    assert sum(r["path"] == "/sparql" for r in server.seen) == len(server.seen) >= 7
