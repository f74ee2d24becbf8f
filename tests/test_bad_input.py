"""Bad input gets a clear one-line message and the rest goes on (docs/reliability.md).

File names that would break or disguise a line of output (a newline, U+202E, an escape
sequence, bytes that are not UTF-8), copies of the same article, query parameters that are
almost numbers, and values too long to echo.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError, QueryError
from kg.ingest import IngestResult, IngestSummary, iter_articles, skip_duplicates
from kg.model import Article
from kg.query import find_query
from kg.query.params import Parameter
from kg.validate import load_graph

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "examples" / "articles").glob("*.txt"))
TEXT = "Shells hit the school in Northfield\n\nShells hit the school in Northfield on Monday.\n"

#: File names with characters a terminal would obey or reorder.
NASTY = {
    "newline": "fake\nfailed: other.txt.txt",
    "rtl-override": "report\u202etxt.exe.txt",
    "escape": "red\x1b[31m.txt",
    "carriage-return": "over\rwritten.txt",
    "zero-width": "zero\u200bwidth.txt",
}


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result


def assert_escaped(line: str) -> None:
    assert line.isprintable(), repr(line)


# --- file names ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(NASTY))
def test_file_names_are_escaped_in_every_ingest_message(tmp_path, kind):
    name = NASTY[kind]
    (tmp_path / name).write_text(TEXT, encoding="utf-8")             # ingested
    (tmp_path / ("empty-" + name)).write_text("", encoding="utf-8")  # failed
    (tmp_path / (name + ".pdf")).write_bytes(b"%PDF")                # skipped
    (tmp_path / "MANIFEST.json").write_text(                          # a warning naming it
        '[{"file": "gone-%s"}]' % name.replace("\n", "\\n").replace("\r", "\\r")
        .replace("\x1b", "\\u001b"), encoding="utf-8")
    results = list(iter_articles(tmp_path))
    assert sorted(r.kind for r in results) == ["failed", "ingested", "skipped", "warning"]
    for r in results:
        assert_escaped(str(r))
    assert any(repr(name)[1:-1] in str(r) for r in results if r.kind == "ingested")


def test_undecodable_bytes_in_a_file_name_are_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as f:
        f.write(TEXT.encode())
    [result] = list(iter_articles(tmp_path))
    assert result.kind == "ingested" and "caf\\udce9.txt" in str(result)
    assert_escaped(str(result))


def test_kg_ingest_prints_one_line_per_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for kind, name in NASTY.items():
        (folder / name).write_text(TEXT.replace("Monday", kind), encoding="utf-8")
    result = invoke("ingest", folder, "--store", tmp_path / "store", "--no-validate")
    lines = result.stdout.splitlines()
    assert len(lines) == len(NASTY) + 1, result.output      # one per file, and the summary
    assert all(line.startswith("kg: ingest: ") and line.isprintable()      # progress
               for line in result.stderr.splitlines())
    assert "\u202e" not in result.output and "\\u202e" in result.output
    assert lines[-1].startswith(f"{len(NASTY)} ingested")


@pytest.mark.parametrize("kind", ["newline", "rtl-override"])
def test_rdf_errors_escape_the_file_name(tmp_path, kind):
    path = tmp_path / (NASTY[kind] + ".ttl")
    path.write_text("<urn:s> <urn:p> .", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_graph(path)
    assert_escaped(str(err.value))
    result = invoke("validate", path)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "[E303]" in result.output


# --- the same article twice ------------------------------------------------------------------

def test_copies_of_an_article_are_skipped_duplicates():
    a, b = Article(text=TEXT, path="a.txt"), Article(text=TEXT, path="copy.txt")
    other = Article(text=TEXT + "More.", path="b.txt")
    summary = IngestSummary()
    results = [summary.add(r) for r in skip_duplicates(
        [IngestResult("ingested", x.path, article=x) for x in (a, b, other)])]
    assert (summary.ingested, summary.skipped) == (2, 1)
    assert results[1].kind == "skipped" and "the same text as a.txt" in results[1].message
    assert a.id in results[1].message


def test_kg_ingest_counts_a_copy_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    text = SAMPLE[0].read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "copy.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(SAMPLE[1].read_text(encoding="utf-8"), encoding="utf-8")
    store = tmp_path / "store"
    result = invoke("ingest", folder, "--store", store, "--no-validate", "-q")
    assert result.output.splitlines()[-1].startswith("2 ingested, 1 skipped, 0 failed"), (
        result.output)
    assert "copy.txt: the same text as" in result.output
    info = invoke("store", "info", "--store", store)
    assert re.search(r"^articles\s+2$", info.output, re.M), info.output


# --- query parameters ------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-1", "0", " 2 ", "2 ", "\t2", "2.0", "1e3", "٢", "0x2",
                                   "9" * 31, ""])
def test_min_voices_is_a_strict_positive_integer(value):
    q = find_query("attacks_reported_by_several_sources")
    with pytest.raises(QueryError, match="E714"):
        q.bindings({"min_voices": value})


@pytest.mark.parametrize("value, bound", [("+3", "3"), ("007", "7"), ("1", "1")])
def test_integer_forms_xsd_allows_are_accepted_in_canonical_form(value, bound):
    q = find_query("attacks_reported_by_several_sources")
    [term] = q.bindings({"min_voices": value}).values()
    assert term.value == bound


@pytest.mark.parametrize("variable, good, bad", [
    ("_n_integer", ["-5", "0", "12"], [" 1", "1 ", "1_000", "１２"]),
    ("_n_nonNegativeInteger", ["0", "7"], ["-1"]),
    ("_n_xsd_unsignedByte", ["0", "255"], ["256", "-1"]),
    ("_n_xsd_short", ["-32768", "32767"], ["32768"]),
    ("_x_decimal", ["0.5", "-2"], [" 0.5", "0,5", "٠.5"]),
    ("_d_date", ["2024-02-29"], ["2024-02-30", "20240229", "2024-W09-4", " 2024-02-29"]),
])
def test_typed_parameters_are_strict(variable, good, bad):
    p = Parameter.from_variable(variable)
    for value in good:
        p.term(value)
    for value in bad:
        with pytest.raises(QueryError, match="E714"):
            p.term(value)


def test_kg_query_refuses_minus_one_with_exit_2(fixture_store):
    result = invoke("query", "attacks_reported_by_several_sources", "-p", "min_voices=-1",
                    "--store", fixture_store)
    assert result.exit_code == 2
    assert "[E714] parameter 'min_voices' needs a positiveInteger (1 or more), not '-1'" in (
        result.output)


@pytest.mark.parametrize("args", [
    ["attacks_reported_by_several_sources", "-p", "min_voices=" + "7x" * 50_000],
    ["attack_timeline", "-p", "category=" + "ekg:" + "H" * 100_000 + " x"],
    ["attack_timeline", "-p", "category=" + "<https://x.org/" + "a b" * 40_000 + ">"],
    ["attack_timeline", "-p", "from=" + "2" * 100_000],
    ["attack_timeline", "-p", "x" * 100_000 + "=1"],
    ["attack_timeline", "-p", "x" * 100_000],
])
def test_long_values_are_cut_in_error_messages(fixture_store, args):
    result = invoke("query", *args, "--store", fixture_store)
    assert result.exit_code == 2
    assert len(result.output) < 600, result.output[:600]
    assert "characters)" in result.output
