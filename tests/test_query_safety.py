"""Headers read strictly, parameters bound by the engine, read-only queries, result formats."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Literal

from kg import iris, sparql
from kg.errors import QueryError
from kg.namespaces import EKG, RDF, RDFS
from kg.query import load_query_text, run_query
from kg.query.params import Parameter
from kg.query.results import Results
from kg.rdf import new_graph
from kg.store import Store

HOSTILE = [
    'x" } ; DROP ALL ; { "',
    "x' } ; DROP ALL ; { '",
    "\\u0022 } ; DROP ALL ; { \\u0022",
    "} ; DROP ALL ; {",
    'multi\nline "quoted" \\ back\\slash \t tab',
    "# not a comment > <http://x> ?var $var",
    '"""triple""" \'\'\'quotes\'\'\'',
]


def _labelled_store(path, labels):
    """A store whose entity labels are the given strings (one agent each)."""
    items = []
    for i, label in enumerate(labels):
        aid = f"{i:016x}"
        g = new_graph(iris.article_graph_iri(aid))
        g.add((iris.article_iri(aid), RDF.type, EKG.Article))
        facts = new_graph(iris.ENTITIES_GRAPH)
        facts.add((iris.agent_iri(f"agent {i}"), RDFS.label, Literal(label)))
        items.append((g, facts))
    with Store.open(path, "w", ontology=False) as store:
        store.write_articles(items)


BY_LABEL = load_query_text(
    "#+ summary: Agents by label\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?agent WHERE { ?agent rdfs:label ?_label } ORDER BY ?agent", "by_label")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_data_not_query(store_path, value):
    _labelled_store(store_path, HOSTILE)
    with Store.open(store_path) as store:
        before = len(store.db)
        rows = run_query(BY_LABEL, {"label": value}, store=store).rows
        assert rows == [[{"type": "uri",
                          "value": str(iris.agent_iri(f"agent {HOSTILE.index(value)}"))}]]
        assert len(store.db) == before


def test_hostile_values_stay_inside_the_values_block():
    for value in HOSTILE:
        text = sparql.bind("SELECT ?s WHERE { ?s ?p ?_v }", {"_v": ox.Literal(value)})
        tokens = sparql.tokenize(text)
        words = [t.upper for t in tokens if t.kind == "word"]
        assert words == ["SELECT", "WHERE", "VALUES"], (value, words)
        strings = [t for t in tokens if t.kind == "string"]
        assert len(strings) == 1


def test_iri_parameters_are_validated():
    p = Parameter.from_variable("_place_iri")
    assert p.term("id:place/eastvale").value == str(iris.place_iri("eastvale"))
    assert p.term("<https://example.org/x>").value == "https://example.org/x"
    for bad in ("https://example.org/a b", "https://example.org/>{}", "nope:thing", "plain",
                "<https://example.org/x> } ; DROP ALL ; {"):
        with pytest.raises(QueryError, match="E713"):
            p.term(bad)


@pytest.mark.parametrize("variable,value,ok", [
    ("_n_integer", "12", True), ("_n_integer", "12; DROP", False), ("_n_integer", "1.5", False),
    ("_d_date", "2024-02-29", True), ("_d_date", "2023-02-29", False),
    ("_b_boolean", "true", True), ("_b_boolean", "yes", False),
    ("_x_decimal", "0.80", True), ("_x_decimal", "0,8", False),
])
def test_typed_parameters(variable, value, ok):
    p = Parameter.from_variable(variable)
    if ok:
        p.term(value)
    else:
        with pytest.raises(QueryError, match="E714"):
            p.term(value)


def test_parameter_conventions():
    assert (Parameter.from_variable("__from_date").required,
            Parameter.from_variable("__from_date").name) == (False, "from")
    lang = Parameter.from_variable("_name_en")
    assert (lang.name, lang.language) == ("name", "en")
    dt = Parameter.from_variable("_year_xsd_gYear")
    assert (dt.name, dt.datatype) == ("year", "http://www.w3.org/2001/XMLSchema#gYear")
    assert Parameter.from_variable("_place_name").name == "place_name"


def test_required_unknown_and_enumerated_parameters():
    q = load_query_text(
        "#+ summary: x\n#+ enumerate:\n#+   - kind:\n#+     - ekg:Hospital\n#+     - ekg:School\n"
        "PREFIX ekg: <https://w3id.org/evidence-kg/ns#>\n"
        "SELECT ?o WHERE { ?o a ?_kind_iri ; ?p ?__extra }", "x")
    with pytest.raises(QueryError, match="E719"):
        q.bindings({})
    with pytest.raises(QueryError, match="E718"):
        q.bindings({"kind": "ekg:School", "colour": "red"})
    with pytest.raises(QueryError, match="E715"):
        q.bindings({"kind": "ekg:Market"})
    assert q.bindings({"kind": "ekg:School"}) == {"_kind_iri": ox.NamedNode(str(EKG.School))}


@pytest.mark.parametrize("header,code", [
    ("#+ summary: x\n#+ endpoint: http://dbpedia.org/sparql\n", "E712"),    # grlc key we refuse
    ("#+ summary: x\n#+ colour: blue\n", "E712"),
    ("#+ summary: x\n#+ tags:\n#+ - a\n#+ not yaml at all\n", "E711"),
    ("#+ description: no summary\n", "E721"),
    ("#+ summary: x\n#+ defaults:\n#+   - nope: 1\n", "E720"),
    ("#+ summary: x\n#+ defaults:\n#+   - n: twelve\n", "E714"),
])
def test_bad_headers_are_errors_not_ignored(header, code):
    with pytest.raises(QueryError, match=code):
        load_query_text(header + "SELECT ?s WHERE { ?s ?p ?_n_integer }", "bad")


@pytest.mark.parametrize("text,code", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "E703"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "E704"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "E704"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "E702"),
    ("LOAD <http://example.org/data.ttl>", "E702"),
    ("DROP ALL", "E702"),
    ("SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL", "E702"),
])
def test_queries_are_read_only(fixture_store, text, code):
    with Store.open(fixture_store) as store:
        before = len(store.db)
        with pytest.raises(QueryError, match=code):
            store.query(text)
        assert len(store.db) == before


def test_keywords_inside_strings_and_iris_are_not_keywords(fixture_store):
    with Store.open(fixture_store) as store:
        rows = list(store.query('SELECT ?x WHERE { BIND("SERVICE LOAD DROP FROM" AS ?x) } # DROP'))
    assert len(rows) == 1


def test_syntax_errors_say_so(fixture_store):
    with Store.open(fixture_store) as store:
        with pytest.raises(QueryError, match="E709"):
            store.query("SELECT ?s WHERE { ?s ?p }")


# --- formats -----------------------------------------------------------------------------
RESULTS = Results(["a", "b"], [
    [{"type": "uri", "value": "https://w3id.org/evidence-kg/ns#Hospital"},
     {"type": "literal", "value": 'say "hi",\nthen\tgo', "xml:lang": "en"}],
    [{"type": "literal", "value": "12", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
     None],
])


def test_json_is_w3c_sparql_results():
    data = json.loads(RESULTS.format("json"))
    assert data["head"] == {"vars": ["a", "b"]}
    assert data["results"]["bindings"][1] == {"a": RESULTS.rows[1][0]}
    assert Results.from_json(data) == RESULTS


def test_csv_and_tsv_follow_the_w3c_formats():
    rows = list(csv.reader(io.StringIO(RESULTS.format("csv"), newline="")))
    assert rows == [["a", "b"], ["https://w3id.org/evidence-kg/ns#Hospital", 'say "hi",\nthen\tgo'],
                    ["12", ""]]
    tsv = RESULTS.format("tsv").splitlines()
    assert tsv[0] == "?a\t?b"
    assert tsv[1] == '<https://w3id.org/evidence-kg/ns#Hospital>\t"say \\"hi\\",\\nthen\\tgo"@en'
    assert tsv[2] == '"12"^^<http://www.w3.org/2001/XMLSchema#integer>\t'


def test_table_and_markdown_are_readable():
    table = RESULTS.format("table").splitlines()
    assert table[0].split() == ["a", "b"]
    assert table[2].startswith("ekg:Hospital")
    assert table[-1] == "(2 rows)"
    md = RESULTS.format("markdown").splitlines()
    assert md[:2] == ["| a | b |", "|---|---|"]
    assert md[2] == '| ekg:Hospital | say "hi", then go |'


def test_ask_results():
    r = Results([], [], True)
    assert json.loads(r.format("json")) == {"head": {}, "boolean": True}
    assert r.format("table") == "yes\n"


def test_a_plain_sparql_file_runs_without_a_header(fixture_store, tmp_path):
    """`kg query my.rq` takes plain SPARQL; the stored queries must still say what they
    answer (E721, above)."""
    from click.testing import CliRunner

    from kg.cli import cli

    rq = tmp_path / "my.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(rq), "--store", str(fixture_store),
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "n" and int(result.output.splitlines()[1]) > 0


def test_error_hints_lead_somewhere():
    """E723 suggests the closest names; E718 and E601 name commands that exist."""
    from kg.errors import StoreError
    from kg.query import find_query
    from kg.store.layout import check_article_id

    with pytest.raises(QueryError, match="E723") as err:
        find_query("atack_timline")
    assert "did you mean attack_timeline" in str(err.value)
    with pytest.raises(QueryError, match="E718") as err:
        find_query("attack_timeline").bindings({"colour": "red"})
    assert "--name" not in str(err.value) and "`kg queries`" in str(err.value)
    with pytest.raises(StoreError, match="E601") as err:
        check_article_id("not an id!")
    assert "kg store info --ids" in str(err.value) and "kg.model" not in str(err.value)
