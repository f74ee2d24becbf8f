"""The command line of the store: kg queries, query, export, push, store, validate --store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import Store
from tests.support import fixture as fx

ROOT = Path(__file__).resolve().parent.parent
MY_COMMANDS = ("queries", "query", "export", "push", "store")


def run(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env, catch_exceptions=False)


def test_every_command_has_a_summary_and_an_example():
    for name in MY_COMMANDS:
        cmd = cli.commands[name]
        assert cmd.help and cmd.help.strip().splitlines()[0], name
        commands = cmd.commands.values() if hasattr(cmd, "commands") else [cmd]
        for c in commands:
            assert "Example:" in c.help, c.name


def test_queries_lists_every_stored_query():
    result = run("queries")
    assert result.exit_code == 0
    for name in ("attack_timeline", "undenied_allegations", "party_claims_summary"):
        assert name in result.output
    assert "category=[ekg:ProtectedObject]" in result.output   # a default: optional
    assert "attack=…" in result.output and "accused=[…]" in result.output
    tagged = run("queries", "--tag", "denials").output
    assert "undenied_allegations" in tagged and "attacks_by_place" not in tagged
    data = json.loads(run("queries", "--format", "json").output)
    assert {q["name"] for q in data} >= {"attack_timeline"}


def test_docs_list_every_stored_query_as_generated():
    docs = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    assert docs == run("queries", "--format", "markdown").output, \
        "regenerate with: kg queries --format markdown > docs/queries.md"


def test_query_table_and_formats(fixture_store):
    out = run("query", "attack_timeline", "-p", "category=ekg:MedicalFacility",
              "--store", fixture_store)
    assert out.exit_code == 0, out.output
    assert "id:attack/eastvale-2024-03-01-hospital" in out.output and "(1 row)" in out.output
    as_json = json.loads(run("query", "attacks_by_category", "--format", "json",
                             "--store", fixture_store).output)
    assert as_json["head"]["vars"] == ["category", "attacks", "objects", "articles"]
    csv = run("query", "attacks_by_category", "--format", "csv", "--limit", "1", "--offset", "1",
              "--store", fixture_store).output
    assert csv.splitlines() == ["category,attacks,objects,articles",
                                "https://w3id.org/evidence-kg/ns#Market,1,1,1"]


def test_query_from_the_environment_store(fixture_store):
    out = run("query", "attacks_by_place", env={"KG_STORE": str(fixture_store)})
    assert out.exit_code == 0 and "East Province" in out.output


def test_query_file(fixture_store, tmp_path):
    f = tmp_path / "labels.rq"
    f.write_text("#+ summary: labels\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                 "SELECT ?l WHERE { ?x rdfs:label ?l FILTER(?l = ?_label) } ORDER BY ?l\n")
    out = run("query", f, "-p", "label=Eastvale", "--store", fixture_store, "--format", "tsv")
    assert out.output == '?l\n"Eastvale"\n'


@pytest.mark.parametrize("args,message", [
    (["query", "no_such_query"], "E723"),
    (["query", "attack_evidence_trail"], "E719"),                         # missing parameter
    (["query", "attack_timeline", "-p", "colour=red"], "E718"),
    (["query", "attack_timeline", "-p", "from=yesterday"], "E714"),
    (["query", "attack_timeline", "-p", "category"], "NAME=VALUE"),
])
def test_query_errors_exit_2(fixture_store, args, message):
    out = CliRunner().invoke(cli, args + ["--store", str(fixture_store)])
    assert out.exit_code == 2
    assert message in out.output


def test_query_refuses_service_unless_allowed(fixture_store, tmp_path):
    f = tmp_path / "fed.rq"
    f.write_text("#+ summary: x\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")
    out = CliRunner().invoke(cli, ["query", str(f), "--store", str(fixture_store)])
    assert out.exit_code == 2 and "E703" in out.output
    out = CliRunner().invoke(cli, ["query", str(f), "--store", str(fixture_store),
                                   "--allow", "service"])
    assert out.exit_code == 2 and "E710" in out.output   # tried, and the port is refused


def test_missing_store_exit_2(tmp_path):
    out = CliRunner().invoke(cli, ["query", "attacks_by_place", "--store", str(tmp_path / "x")])
    assert out.exit_code == 2 and "E606" in out.output


def test_export_to_file_and_stdout(fixture_store, tmp_path):
    target = tmp_path / "kg.trig"
    out = run("export", "-o", target, "--store", fixture_store)
    assert out.exit_code == 0 and target.read_text().count("{") >= 6     # trig, from the suffix
    again = run("export", "--format", "trig", "--store", fixture_store)
    assert again.output == target.read_text()
    ttl = run("export", "--without-ontology", "--store", fixture_store).output
    assert ttl.startswith("@prefix") and "owl:Class" not in ttl
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.server
@pytest.mark.parametrize("flag", [[], ["--with-default-graph"]])
def test_push_then_query_remotely(oxigraph_server, fixture_store, flag):
    """The README's pair on a plain `oxigraph serve`: push to /update, query /query."""
    oxigraph_server.clear()
    out = run("push", "--endpoint", oxigraph_server.update_url, *flag, "--store", fixture_store)
    assert out.exit_code == 0, out.output
    assert "pushed 7 graphs" in out.output and "warning" not in out.output
    assert "merged graph into the server's default graph" in out.output
    local = run("query", "party_claims_summary", "--store", fixture_store).output
    remote = run("query", "party_claims_summary", "--endpoint", oxigraph_server.query_url).output
    assert remote == local


@pytest.mark.server
def test_a_server_that_hides_the_articles_is_an_error(oxigraph_server, fixture_store):
    oxigraph_server.clear()
    out = run("push", "--endpoint", oxigraph_server.update_url, "--without-default-graph",
              "--store", fixture_store)
    assert out.exit_code == 2 and "E810" in out.output and "shows no articles" in out.output
    out = run("query", "attacks_by_place", "--endpoint", oxigraph_server.query_url)
    assert out.exit_code == 2 and "E810" in out.output and "(0 rows)" not in out.output
    assert "Traceback" not in out.output


def test_unreachable_server_exit_2_and_store_untouched(fixture_store):
    with Store.open(fixture_store) as store:
        before = sorted(str(q) for q in store.db)
    out = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:9/update",
                                   "--retries", "0", "--store", str(fixture_store)])
    assert out.exit_code == 2 and "E807" in out.output and "nothing was changed" in out.output
    out = CliRunner().invoke(cli, ["query", "attacks_by_place", "--endpoint",
                                   "http://127.0.0.1:9/query", "--retries", "0"])
    assert out.exit_code == 2 and "E807" in out.output
    with Store.open(fixture_store, wait=0) as store:           # and the lock was released
        assert sorted(str(q) for q in store.db) == before


def test_store_info_remove_optimize(tmp_path, fixture_graphs):
    path = tmp_path / "s"
    with Store.open(path, "w", ontology=False) as store:
        store.write_articles(fixture_graphs)
    info = json.loads(run("store", "info", "--ids", "--json", "--store", path).output)
    assert info["articles"] == 4 and sorted(info["article_ids"]) == sorted(fx.ids().values())
    out = run("store", "remove", fx.ids()["D"], "--store", path)
    assert out.exit_code == 0 and "removed 1 article" in out.output
    assert run("store", "optimize", "--store", path).exit_code == 0
    info = json.loads(run("store", "info", "--json", "--store", path).output)
    assert info["articles"] == 3 and info["deleted_since_optimize"] == 0
    bad = CliRunner().invoke(cli, ["store", "remove", "ffffffffffffffff", "--store", str(path)])
    assert bad.exit_code == 2 and "E613" in bad.output


def test_validate_store(tmp_path, fixture_graphs):
    path = tmp_path / "s"
    with Store.open(path, "w") as store:
        store.write_articles(fixture_graphs)
    out = run("validate", "--store", path)
    assert out.exit_code == 0, out.output
    assert "conforms" in out.output
    one = run("validate", "--store", path, "--article", fx.ids()["B"])
    assert one.exit_code == 0 and "conforms" in one.output
    lone = CliRunner().invoke(cli, ["validate", "--article", fx.ids()["B"]])
    assert lone.exit_code == 2 and "--article needs --store" in lone.output
