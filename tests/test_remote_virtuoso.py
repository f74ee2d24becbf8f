"""A real Virtuoso (Debian's `virtuoso-opensource`, started here on 127.0.0.1 with a
temporary database): docs/remote.md's recipe, every stored query, the server's own words.

Skipped, with the reason, where `virtuoso-t` is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import RemoteError
from kg.query import load_queries, load_query_text, run_query
from kg.query.results import rows_as_text
from kg.remote import Endpoint, push
from kg.store import Store
from tests.support import virtuoso
from tests.test_queries import CASES

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]
QUERIES = load_queries()
DIGEST = {"KG_ENDPOINT_USER": virtuoso.USER, "KG_ENDPOINT_PASSWORD": virtuoso.PASSWORD,
          "KG_ENDPOINT_AUTH": "digest"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not virtuoso.binary():
        pytest.skip("Virtuoso is not installed: apt-get install virtuoso-opensource "
                    "(.ci/run installs it)")
    s = virtuoso.VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    yield s
    s.stop()


def endpoint(server, **env) -> Endpoint:
    """An Endpoint for the server, with the credentials of *env* (read when it is made)."""
    with pytest.MonkeyPatch.context() as mp:
        for var in ("KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD", "KG_ENDPOINT_AUTH",
                    "KG_ENDPOINT_TOKEN"):
            mp.delenv(var, raising=False)
        for var, value in env.items():
            mp.setenv(var, value)
        return Endpoint(server.update_url, server.update_url, retries=0)


def kg(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def _graph_counts(ep: Endpoint) -> dict[str, int]:
    data = ep.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                     "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/evidence-kg/')) } GROUP BY ?g")
    return {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}


@pytest.fixture(scope="module")
def pushed(server, fixture_store):
    ep = endpoint(server, **DIGEST)
    with Store.open(fixture_store) as store:
        result = push(store, ep, chunk=1000)
    assert not result.default_graph        # Virtuoso's default graph shows every graph
    return result


def test_push_copies_every_graph_blank_nodes_and_all(server, fixture_store, pushed):
    ep = endpoint(server, **DIGEST)
    with Store.open(fixture_store) as store:
        expected = {g.value: sum(1 for _ in store.quads(g)) for g in store.graph_names()}
        assert _graph_counts(ep) == expected           # the ontology's OWL lists included
        push(store, ep, chunk=100)                     # again, in smaller requests
    assert _graph_counts(ep) == expected


def test_digest_credentials_are_not_kept_for_later_requests(server, pushed):
    """The push sent Digest credentials from this process; SPARQLWrapper's own Digest support
    would keep them in urllib's process-wide opener and answer the challenge here with them."""
    out = kg("query", "attacks_by_place", "--endpoint", server.update_url)
    assert out.exit_code == 2 and "E803" in out.output and "asks for credentials" in out.output


@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_every_stored_query_gives_the_same_rows_on_virtuoso(server, pushed, name, params, rows):
    ep = Endpoint(server.query_url, retries=0)
    assert rows_as_text(run_query(QUERIES[name], params, endpoint=ep)) == rows


def test_the_docs_recipe_push_then_query(server, fixture_store, pushed):
    """docs/remote.md: push to /sparql-auth (Digest), query /sparql."""
    out = kg("push", "--endpoint", server.update_url, "--query-endpoint", server.query_url,
             "--chunk", "1000", "--store", fixture_store, env=DIGEST)
    assert out.exit_code == 0, out.output
    assert "pushed 7 graphs" in out.output and "default graph is not written" in out.output
    for name in ("party_claims_summary", "attack_timeline", "denials_by_the_accused"):
        local = kg("query", name, "--store", fixture_store).output
        remote = kg("query", name, "--endpoint", server.query_url).output
        assert remote == local and "(0 rows)" not in remote


def test_the_servers_own_words_for_a_rejected_query(server, pushed):
    # the form party_claims_summary had: Virtuoso refuses ORDER BY on a sum of aggregates
    q = load_query_text("#+ summary: s\nPREFIX ekg: <https://w3id.org/evidence-kg/ns#>\n"
                        "SELECT ?p (COUNT(?c) AS ?a) (COUNT(?d) AS ?b) WHERE { ?c ekg:source ?p "
                        "OPTIONAL { ?d ekg:defends ?p } } GROUP BY ?p ORDER BY DESC(?a + ?b)",
                        "ordered_by_sum")
    with pytest.raises(RemoteError) as err:
        run_query(q, endpoint=Endpoint(server.query_url, retries=0))
    assert err.value.code == "E805" and "Virtuoso 37000 Error" in str(err.value)


def test_the_servers_own_words_for_a_rejected_update(server):
    ep = endpoint(server, **DIGEST)
    with pytest.raises(RemoteError) as err:
        ep.update("INSERT DATA { GRAPH <urn:x-test:g> { <urn:x-test:a> <urn:x-test:b> _:x } }")
    assert err.value.code == "E805"
    assert "Blank node '_:x' is not allowed in a constant clause" in str(err.value)


def test_wrong_credentials_are_refused_and_named(server, fixture_store):
    out = kg("push", "--endpoint", server.update_url, "--store", fixture_store,
             env={**DIGEST, "KG_ENDPOINT_PASSWORD": "not-the-password"})
    assert out.exit_code == 2 and "E803" in out.output
    assert "refused the credentials" in out.output and "not-the-password" not in out.output
    out = kg("push", "--endpoint", server.update_url, "--store", fixture_store,
             env={**DIGEST, "KG_ENDPOINT_AUTH": ""})          # Basic, where Digest is wanted
    assert "E803" in out.output and "KG_ENDPOINT_AUTH=digest" in out.output


# --- the sample articles, as the README says, on Virtuoso and on a plain `oxigraph serve` ------
@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "kg-store"
    from kg.resources import resource_dir

    out = kg("ingest", resource_dir("examples/articles"), "--store", path)
    assert out.exit_code == 0, out.output
    return path


def _unparameterised():
    return [n for n, q in sorted(QUERIES.items())
            if not any(p.required and p.default is None for p in q.parameters)]


@pytest.mark.server
def test_the_readme_pair_on_the_sample_articles(server, oxigraph_server, sample_store,
                                                 fixture_store, pushed):
    """`kg push --endpoint .../update` then `kg query NAME --endpoint .../query`: the rows of
    the embedded store, on both servers (attack_timeline gave 0 rows on Virtuoso)."""
    oxigraph_server.clear()
    server.clear()
    pushes = [(oxigraph_server.update_url, oxigraph_server.query_url, None),
              (server.update_url, server.query_url, DIGEST)]
    for update_url, _query_url, env in pushes:
        out = kg("push", "--endpoint", update_url, "--chunk", "1000", "--store", sample_store,
                 env=env)
        assert out.exit_code == 0, out.output
    for name in _unparameterised():
        local = kg("query", name, "--store", sample_store)
        assert local.exit_code == 0, local.output
        for _update_url, query_url, _env in pushes:
            remote = kg("query", name, "--endpoint", query_url)
            assert remote.exit_code == 0 and remote.output == local.output, (name, query_url)
    timeline = kg("query", "attack_timeline", "--store", sample_store).output
    assert "(0 rows)" not in timeline
    server.clear()                          # leave the fixture store's graphs, as found
    with Store.open(fixture_store) as store:
        push(store, endpoint(server, **DIGEST), chunk=1000)
