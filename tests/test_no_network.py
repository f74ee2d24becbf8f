"""No command makes a request it was not asked to make (docs/security.md).

A real HTTP server on 127.0.0.1 logs every request (`tests.support.http_log`).  The fixtures
point at it everything a file can point at: JSON-LD contexts in every form, ``owl:imports``,
``@base``, ``rdfs:seeAlso``, HTML links and images, manifest URLs.  Every command in normal
use runs on them, and the server must log nothing.  The last tests show that the server is
reachable and that the options which do fetch (``--allow-remote-context``,
``--follow-imports``) fetch what they should, within their timeout.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, URIRef
from rdflib import OWL as RDF_OWL

from kg.cli import cli
from kg.errors import InputError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.query import load_queries
from kg.validate import load_graph
from kg.validate.fetch import FetchError, FetchPolicy, fetch
from tests.support.http_log import LoggingServer

ROOT = Path(__file__).resolve().parent.parent
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
CONTEXT = {"name": "https://schema.org/name", "owl": OWL}


@pytest.fixture()
def server(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    with LoggingServer() as s:
        s.serve("/ctx.jsonld", json.dumps({"@context": CONTEXT}), "application/ld+json")
        s.serve("/onto.ttl", f"<{s.url('/onto.ttl')}> a <{OWL}Ontology> ; "
                f"<{OWL}imports> <{s.url('/onto2.ttl')}> .\n"
                f"<urn:ex:Imported> a <{OWL}Class> .", "text/turtle")
        s.serve("/onto2.ttl", f"<urn:ex:ImportedToo> a <{OWL}Class> .", "text/turtle")
        s.serve("/slow.jsonld", "{}", "application/ld+json", hold=True)
        yield s


def run(*args) -> object:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"kg {' '.join(map(str, args))} raised {result.exception!r}\n{result.output}")
    return result


# --- the files: every way a file can name another document ----------------------------------

def rdf_files(folder: Path, server: LoggingServer) -> dict[str, Path]:
    """One file per RDF format, naming the server through @base, owl:imports, seeAlso."""
    base, onto = server.url("/base/"), server.url("/onto.ttl")
    statements = [
        f"<urn:ex:ext> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{OWL}Ontology> .\n",
        f"<urn:ex:ext> <{OWL}imports> <{onto}> .\n",
        f"<urn:ex:ext> <{OWL}imports> <file:///etc/passwd> .\n",
        f"<urn:ex:thing> <{RDFS}seeAlso> <{server.url('/see-also')}> .\n",
        f"<urn:ex:thing> <{RDFS}isDefinedBy> <{server.url('/defined-by')}> .\n"]
    triples = "".join(statements)
    files = {
        "ttl": f"@base <{base}> .\n<relative> <{RDFS}label> \"x\" .\n" + triples,
        "trig": f"@base <{base}> .\n<graph> {{ <relative> <{RDFS}label> \"x\" .\n"
                + triples + "}\n",
        "nt": triples,
        "nq": "".join(t[:-2] + f" <{server.url('/g')}> .\n" for t in statements),
        "jsonld": json.dumps({
            "@context": {**CONTEXT, "@base": base, "@vocab": server.url("/vocab#")},
            "@graph": [
                {"@id": "urn:ex:ext", "@type": "owl:Ontology", "owl:imports": {"@id": onto}},
                {"@id": "relative", "name": "x", "seeAlso": {"@id": server.url("/see")}}]}),
        "rdf": f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY owl "{OWL}"> ]>
<?xml-stylesheet href="{server.url('/style.xsl')}"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:owl="{OWL}"
         xmlns:rdfs="{RDFS}" xml:base="{base}">
  <owl:Ontology rdf:about="urn:ex:ext"><owl:imports rdf:resource="{onto}"/>
    <owl:imports rdf:resource="file:///etc/passwd"/></owl:Ontology>
  <rdf:Description rdf:about="relative"><rdfs:label>x</rdfs:label>
    <rdfs:seeAlso rdf:resource="{server.url('/see-also')}"/>
    <rdfs:isDefinedBy rdf:resource="&owl;Thing"/></rdf:Description>
</rdf:RDF>
""",
    }
    out = {}
    for ext, text in files.items():
        out[ext] = folder / f"hostile.{ext}"
        out[ext].write_text(text, encoding="utf-8")
    return out


def context_forms(server: LoggingServer) -> dict[str, object]:
    """Every form of a JSON-LD context reference (the value of "@context")."""
    ctx = server.url("/ctx.jsonld")
    return {
        "string": ctx,
        "import": {"@import": ctx},
        "list": [ctx],
        "array-with-inline": [{"x": "urn:x"}, ctx],
        "relative": "ctx.jsonld",
        "file": "file:///etc/passwd",
        "scoped": {"name": {"@id": "https://schema.org/name", "@context": ctx}},
        "import-in-list": [{"@import": ctx, "x": "urn:x"}],
    }


def jsonld_with_context(folder: Path, name: str, context, nested: bool = False) -> Path:
    node = {"@id": "urn:ex:a", "https://schema.org/name": "A"}
    doc = ({"@context": {"name": "https://schema.org/name"},
            "@graph": [{**node, "@context": context}]} if nested
           else {"@context": context, **node})
    path = folder / f"{name}.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


ARTICLE = ("Shells hit the hospital in Northfield\n\n"
           "NORTHFIELD, 4 March 2019 - Shells hit the main hospital in Northfield on Monday, "
           "killing three people, the health ministry said. The army denied the attack.\n")


def article_files(folder: Path, server: LoggingServer) -> Path:
    """A folder of articles whose metadata and markup name the server."""
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE + f"\nMore at {server.url('/more')}\n",
                                  encoding="utf-8")
    html = (f'<html><head><base href="{server.url("/")}"><title>Market shelled</title>'
            f'<link rel="stylesheet" href="{server.url("/style.css")}">'
            f'<link rel="canonical" href="{server.url("/story")}">'
            f'<meta http-equiv="refresh" content="0; url={server.url("/refresh")}">'
            f'<script src="{server.url("/app.js")}"></script>'
            '<script type="application/ld+json">'
            + json.dumps({"@context": server.url("/ctx.jsonld"), "@type": "NewsArticle",
                          "headline": "Market shelled", "datePublished": "2019-03-04",
                          "url": server.url("/ld")})
            + '</script></head><body><article>'
            f'<h1>Market shelled</h1><img src="{server.url("/photo.jpg")}">'
            f'<p>{ARTICLE.replace("hospital", "market")}</p>'
            f'<iframe src="{server.url("/frame")}"></iframe>'
            f'<a href="{server.url("/link")}">link</a></article></body></html>')
    (folder / "b.html").write_text(html, encoding="utf-8")
    (folder / "MANIFEST.json").write_text(json.dumps([
        {"file": "a.txt", "url": server.url("/a"), "published": "2019-03-04"}]),
        encoding="utf-8")
    (folder / "b.json").write_text(json.dumps({"url": server.url("/b")}), encoding="utf-8")
    return folder


# --- normal use: nothing is fetched ----------------------------------------------------------

@pytest.mark.parametrize("form", ["string", "import", "list", "array-with-inline", "relative",
                                  "file", "scoped", "import-in-list"])
@pytest.mark.parametrize("nested", [False, True], ids=["top", "in-a-node"])
def test_a_context_reference_is_refused_not_fetched(tmp_path, server, form, nested):
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": CONTEXT}), encoding="utf-8")
    path = jsonld_with_context(tmp_path, form, context_forms(server)[form], nested)
    result = run("validate", path)
    assert result.exit_code == 2
    assert "[E304]" in result.output and str(path) in result.output
    assert "--allow-remote-context" in result.output or "never read" in result.output
    assert server.requests == []


def test_validating_every_rdf_format_fetches_nothing(tmp_path, server):
    files = rdf_files(tmp_path, server)
    for path in files.values():
        result = run("validate", path)
        assert result.exit_code == 0, result.output
    assert server.requests == []


def test_an_external_xml_entity_is_refused_not_fetched(tmp_path, server):
    path = tmp_path / "entity.rdf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "{server.url('/entity')}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="{RDFS}">
  <rdf:Description rdf:about="urn:ex:a"><rdfs:label>&ext;</rdfs:label></rdf:Description>
</rdf:RDF>
""", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2 and "[E303]" in result.output and "RDF/XML" in result.output
    assert str(path) in result.output
    assert server.requests == []


def test_the_reasoner_follows_no_import(tmp_path, server):
    files = rdf_files(tmp_path, server)
    result = run("validate", "--reason", *files.values())
    assert result.exit_code == 0, result.output
    assert "owl:imports not followed" in result.output and "--follow-imports" in result.output
    for path in (files["ttl"], files["jsonld"]):
        result = run("check-ontology", "--ontology", path)
        assert result.exit_code == 0 and "consistent (HermiT)" in result.output, result.output
    assert server.requests == []


def test_ingest_extract_query_export_fetch_nothing(tmp_path, server):
    articles = article_files(tmp_path / "articles", server)
    store = tmp_path / "store"
    result = run("ingest", articles, "--store", store)
    assert "2 ingested" in result.output, result.output
    assert run("extract", articles / "b.html").exit_code == 0
    for name, query in sorted(load_queries().items()):
        params = [f"--param={p.name}=" + (server.url("/iri") if p.kind == "iri" else "x")
                  for p in query.parameters if p.required and p.default is None]
        assert run("query", name, *params, "--store", store).exit_code == 0, name
    for fmt in EXPORT_FORMATS:
        assert run("export", "--store", store, "--format", fmt).exit_code == 0, fmt
    assert run("store", "info", "--store", store).exit_code == 0
    assert run("validate", "--store", store).exit_code in (0, 1)
    assert run("report", "--store", store, "-o", tmp_path / "dossier").exit_code == 0
    for page in (tmp_path / "dossier").rglob("*.html"):   # nothing a browser would fetch
        assert not re.search(r'(src|href)="(https?:)?//', page.read_text(encoding="utf-8"))
    assert server.requests == []


def test_queries_naming_the_server_are_refused(tmp_path, server, fixture_store):
    for i, clause in enumerate([f"SERVICE <{server.url('/sparql')}> {{ ?s ?p ?o }}",
                                "SERVICE ?g { ?s ?p ?o }"]):
        q = tmp_path / f"q{i}.rq"
        q.write_text(f"#+ summary: x\nSELECT ?s WHERE {{ {clause} }}\n", encoding="utf-8")
        result = run("query", q, "--store", fixture_store)
        assert result.exit_code == 2 and "[E703]" in result.output
    q = tmp_path / "from.rq"
    q.write_text(f"#+ summary: x\nSELECT ?s FROM <{server.url('/g')}> WHERE {{ ?s ?p ?o }}\n",
                 encoding="utf-8")
    assert "[E704]" in run("query", q, "--store", fixture_store).output
    assert server.requests == []


def test_service_with_a_variable_is_a_clear_error_even_when_allowed(tmp_path, fixture_store):
    q = tmp_path / "q.rq"
    for clause in ("SERVICE ?g { ?s ?p ?o }", "SERVICE SILENT ?g { ?s ?p ?o }"):
        q.write_text(f"#+ summary: x\nSELECT ?s WHERE {{ {clause} }}\n", encoding="utf-8")
        result = run("query", q, "--allow", "service", "--store", fixture_store)
        assert result.exit_code == 2, result.output
        assert "[E703] refused SERVICE ?g" in result.output
        assert "Traceback" not in result.output


# --- asked for: fetched, within the timeout --------------------------------------------------

@pytest.mark.parametrize("form", ["string", "import", "list", "array-with-inline", "scoped",
                                  "import-in-list"])
def test_allow_remote_context_fetches_it(tmp_path, server, form):
    path = jsonld_with_context(tmp_path, form, context_forms(server)[form])
    graph = load_graph(path, FetchPolicy(remote_contexts=True))
    assert len(graph) == 1
    assert server.requests == ["GET /ctx.jsonld"]
    result = run("validate", "--allow-remote-context", path)
    assert result.exit_code == 0, result.output


def test_allow_remote_context_never_reads_local_files(tmp_path, server):
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": CONTEXT}), encoding="utf-8")
    for form in ("relative", "file"):
        path = jsonld_with_context(tmp_path, form, context_forms(server)[form])
        result = run("validate", "--allow-remote-context", path)
        assert result.exit_code == 2 and "[E304]" in result.output and "never read" in (
            result.output)


def test_a_remote_context_that_does_not_answer_times_out(tmp_path, server):
    path = jsonld_with_context(tmp_path, "slow", server.url("/slow.jsonld"))
    result = run("validate", "--allow-remote-context", "--fetch-timeout", "0.5", path)
    assert result.exit_code == 2
    assert "[E305]" in result.output and "no answer within 0.5 s" in result.output
    assert str(path) in result.output and server.requests == ["GET /slow.jsonld"]


def importing(folder: Path, server: LoggingServer) -> Path:
    path = folder / "extension.ttl"
    path.write_text(f"<urn:ex:ext> a <{OWL}Ontology> ; <{OWL}imports> <{server.url('/onto.ttl')}>"
                    f" .\n<urn:ex:Mine> a <{OWL}Class> .\n", encoding="utf-8")
    return path


def test_follow_imports_fetches_the_import_chain(tmp_path, server):
    graph = load_graph(importing(tmp_path, server), FetchPolicy(imports=True))
    assert server.requests == ["GET /onto.ttl", "GET /onto2.ttl"]
    assert {str(s) for s in graph.subjects()} >= {"urn:ex:Imported", "urn:ex:ImportedToo"}


@pytest.mark.parametrize("media, fmt, name", [
    ("application/rdf+xml", "xml", "o.owl"), ("text/turtle", "turtle", "o"),
    ("application/n-triples", "nt", "o"), ("application/ld+json", "json-ld", "o"),
    ("application/trig", "trig", "o"), ("application/n-quads", "nquads", "o"),
    ("text/plain", "turtle", "o.ttl"),       # a server that does not know: by file ending
])
def test_follow_imports_reads_every_rdf_format(tmp_path, server, media, fmt, name):
    ds = Dataset()
    named = ds.graph(URIRef("urn:ex:g"))
    named.add((URIRef("urn:ex:Imported"), RDF.type, RDF_OWL.Class))
    source = ds if fmt in ("trig", "nquads", "json-ld") else named   # named graphs merged
    url = server.serve(f"/{name}", source.serialize(format=fmt), media)
    path = tmp_path / "o.ttl"
    path.write_text(f"<urn:ex:o> <{OWL}imports> <{url}> .", encoding="utf-8")
    graph = load_graph(path, FetchPolicy(imports=True))
    assert (URIRef("urn:ex:Imported"), RDF.type, RDF_OWL.Class) in graph


def test_follow_imports_refuses_a_file_import(tmp_path, server):
    path = tmp_path / "o.ttl"
    path.write_text(f"<urn:ex:o> <{OWL}imports> <file:///etc/hostname> .", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E306\] .*o\.ttl: its owl:imports "
                                         r"file:///etc/hostname cannot be fetched: only http"):
        load_graph(path, FetchPolicy(imports=True))


def test_check_ontology_follows_imports_when_asked(tmp_path, server):
    path = importing(tmp_path, server)
    result = run("check-ontology", "--ontology", path, "--follow-imports")
    assert result.exit_code == 0, result.output
    assert "3 classes" in result.output          # Mine, Imported, ImportedToo
    assert "owl:imports not followed" not in result.output
    assert server.requests == ["GET /onto.ttl", "GET /onto2.ttl"]


def test_fetch_limits(server):
    big = server.serve("/big.ttl", "x" * 5000)
    with pytest.raises(FetchError, match="over the 1,000-byte limit"):
        fetch(big, FetchPolicy(max_bytes=1000), "the document")
    with pytest.raises(FetchError, match="answered 404"):
        fetch(server.url("/nothing"), FetchPolicy(), "the document")
    with pytest.raises(FetchError, match="only http and https"):
        fetch("ftp://127.0.0.1/x", FetchPolicy(), "the document")
    assert fetch(big, FetchPolicy(), "the document") == (b"x" * 5000, "text/turtle")


def test_a_redirect_is_followed_only_to_http(server):
    moved = server.serve("/moved", b"", "text/plain", status=302,
                         headers={"Location": server.url("/onto2.ttl")})
    assert b"ImportedToo" in fetch(moved, FetchPolicy(), "the document")[0]
    to_file = server.serve("/to-file", b"", "text/plain", status=302,
                           headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="to-file: the server answered 302 .* not allowed"):
        fetch(to_file, FetchPolicy(), "the document")
    to_ftp = server.serve("/to-ftp", b"", "text/plain", status=302,
                          headers={"Location": "ftp://127.0.0.1/x"})
    with pytest.raises(FetchError, match="redirects to ftp://127.0.0.1/x, which is not http"):
        fetch(to_ftp, FetchPolicy(), "the document")
