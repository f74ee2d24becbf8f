"""The SPARQL engine gives pySHACL's results: on every shape case, on the example graphs, and
on a corpus of synthetic articles with a hundred and fifty things broken at random, both for
the whole store and for a few article graphs at a time (see tests/engine_support.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.synthetic import perturb, store_quads
from kg import iris
from kg.validate.combined import first_lossy, validate_graph
from kg.validate.engine import validate_store
from kg.validate.engine.run import bundled
from kg.validate.engine.terms import to_ox
from tests.engine_support import diff, full_key, keys, reference, store_of
from tests.shape_cases import actual_results, case_files, load_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "graph"


def _case_id(p: Path) -> str:
    return f"{p.parent.name}/{p.stem[:-5]}"


@pytest.mark.parametrize("path", case_files(), ids=_case_id)
def test_case_gives_its_expected_report_and_pyshacls(path):
    """The expected report, and pySHACL's on the data the store gives back (its integers
    with their declared datatype)."""
    case = load_case(path)
    expected = set(case.expected)
    from_file = validate_graph(case.data)
    assert actual_results(from_file, frozenset(expected)) == expected, from_file.to_text()
    if first_lossy(case.data) is not None:
        # a store would give such a literal back in another form: pySHACL checked the file
        # (the report says so), and the evidence-kg store refuses to write it (test_store)
        assert "every shape" in from_file.handed_off
        return
    assert not from_file.handed_off
    store = store_of(case.data)
    report = validate_store(store)
    theirs = reference(store)
    assert keys(report) == keys(from_file)
    assert report.conforms == (not expected), report.to_text()
    assert actual_results(report, frozenset(expected)) == expected, report.to_text()
    ours = keys(report)
    assert ours == theirs, diff(ours, theirs)


@pytest.mark.parametrize("name", ["sample.ttl", "invalid/bad-quote-offsets.ttl",
                                  "invalid/denial-denies-nothing.ttl",
                                  "invalid/negative-casualty-figure.ttl"])
def test_example_graph_as_pyshacl(name):
    store = ox.Store()
    store.load(path=str(EXAMPLES / name), format=ox.RdfFormat.TURTLE,
               to_graph=to_ox(iris.article_graph_iri("example")))
    ours, theirs = keys(validate_store(store)), reference(store)
    assert ours == theirs, diff(ours, theirs)
    assert bool(ours) == name.startswith("invalid/")


# --- a damaged synthetic corpus ------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus():
    """200 articles (about 22,000 quads) with 160 things broken; pySHACL takes ~8 s."""
    quads, notes = perturb(store_quads(200, seed=7, with_ontology=True), 160, seed=7)
    store = ox.Store()
    store.extend(quads)
    full = reference(store, how=full_key)
    return store, {k[:5] for k in full}, notes, full


@pytest.mark.slow
def test_the_corpus_breaks_many_shapes(corpus):
    _, theirs, notes, _ = corpus
    assert len(theirs) > 400
    assert len({k[1] for k in theirs}) >= 40          # distinct shapes reported
    assert len({n.split(":")[0] for n in notes}) == 20  # every kind of damage


def test_corpus_whole_store(corpus):
    store, theirs, _, full = corpus
    report = validate_store(store)
    ours = keys(report)
    assert ours == theirs, diff(ours, theirs)
    # paths and messages (templates of SPARQL constraints filled in) are pySHACL's too
    assert {full_key(r) for r in report.results} == full


def test_corpus_every_row_decided_in_python(corpus):
    """The Python twins of the components alone give pySHACL's results too."""
    store, theirs, *_ = corpus
    ours = keys(bundled().validate(store, decide_in_python=True))
    assert ours == theirs, diff(ours, theirs)


def test_corpus_a_few_article_graphs_at_a_time(corpus):
    store, theirs, *_ = corpus
    articles = sorted((g for g in store.named_graphs() if "/graph/article/" in g.value), key=str)
    for start in (0, 70, 150):
        graphs = articles[start:start + 7]
        ours = keys(validate_store(store, graphs))
        expected = reference_subset(store, theirs, graphs)
        assert ours == expected, diff(ours, expected)


def reference_subset(store, theirs, graphs):
    from tests.engine_support import mentioned
    nodes = mentioned(store, graphs)
    return {k for k in theirs if k[0] in nodes}


def test_corpus_every_graph_named_is_the_whole_store(corpus):
    store, theirs, *_ = corpus
    graphs = [g for g in store.named_graphs() if g != to_ox(iris.ONTOLOGY_GRAPH)]
    assert keys(validate_store(store, graphs)) == theirs


def test_corpus_without_the_ontology_graph(corpus):
    store, theirs, *_ = corpus
    bare = ox.Store()
    bare.extend(q for q in store if q.graph_name != to_ox(iris.ONTOLOGY_GRAPH))
    assert keys(validate_store(bare)) == theirs
