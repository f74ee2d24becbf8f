"""Ingest metadata: MANIFEST.json, NAME.json sidecars, precedence, warnings and errors."""

from __future__ import annotations

import json
import os

import pytest

from kg.ingest import IngestSummary, iter_articles, read_article
from kg.model import PartialDate

TEXT = "First line title\n\nShells hit the school in Northfield on Monday.\n"


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(content, (str, bytes)):
        content = json.dumps(content, ensure_ascii=False, indent=1)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def run(*paths):
    results = list(iter_articles(list(paths)))
    summary = IngestSummary()
    for r in results:
        summary.add(r)
    return results, summary


def articles(results):
    return {os.path.basename(r.path): r.article for r in results if r.kind == "ingested"}


def test_manifest_gives_metadata_and_keeps_descriptive_keys(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{
        "file": "a.txt", "title": "Manifest title", "publisher": "Northfield Herald",
        "url": "https://herald.example/a", "published": "2019-03-04",
        "summary": "A school was shelled.", "conflict": "Northfield war",
        "note": "checked", "published_note": "from the print edition", "title_note": "x",
        "author": "R. Vale"}])
    results, summary = run(tmp_path)
    art = articles(results)["a.txt"]
    assert (summary.ingested, summary.warnings) == (1, 0)
    assert (art.title, art.publisher, art.url) == (
        "Manifest title", "Northfield Herald", "https://herald.example/a")
    assert art.published == PartialDate(2019, 3, 4)
    assert art.notes == {"summary": "A school was shelled.", "conflict": "Northfield war",
                         "note": "checked", "published_note": "from the print edition",
                         "title_note": "x", "author": "R. Vale"}
    assert art.title_span is None          # "Manifest title" is not in the text


@pytest.mark.parametrize("value, expected", [
    ("2019-03-04", PartialDate(2019, 3, 4)), ("2019-03", PartialDate(2019, 3)),
    ("2019", PartialDate(2019)), (2019, PartialDate(2019)), (None, None),
    ("2019-03-04T22:10:00+05:00", PartialDate(2019, 3, 4)),
])
def test_published_precision(tmp_path, value, expected):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "published": value}])
    assert read_article(tmp_path / "a.txt").published == expected


def test_sidecar_wins_over_manifest_key_by_key(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "title": "From manifest",
                                        "publisher": "Manifest Press", "published": "2019-03",
                                        "summary": "manifest summary", "note": "m"}])
    write(tmp_path / "a.json", {"title": "From sidecar", "published": "2019-03-05",
                                "summary": "sidecar summary"})
    art = read_article(tmp_path / "a.txt")
    assert art.title == "From sidecar"
    assert art.publisher == "Manifest Press"
    assert art.published == PartialDate(2019, 3, 5)
    assert art.notes == {"summary": "sidecar summary", "note": "m"}


def test_null_in_sidecar_does_not_erase_the_manifest(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "publisher": "Manifest Press"}])
    write(tmp_path / "a.json", {"publisher": None})
    assert read_article(tmp_path / "a.txt").publisher == "Manifest Press"


def test_long_sidecar_name_wins_and_the_other_is_reported(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "a.json", {"title": "short"})
    write(tmp_path / "a.txt.json", {"title": "long"})
    results, summary = run(tmp_path)
    assert articles(results)["a.txt"].title == "long"
    assert summary.warnings == 1 and summary.skipped == 0    # sidecars are not "skipped"


def test_metadata_wins_over_dateline_and_first_line(tmp_path):
    write(tmp_path / "a.txt", "May 2, 2019 8:00 am\n\nFirst line title\n\nBody.")
    assert read_article(tmp_path / "a.txt").published == PartialDate(2019, 5, 2)
    write(tmp_path / "a.json", {"published": "2019-05-03", "title": "First line title"})
    art = read_article(tmp_path / "a.txt")
    assert art.published == PartialDate(2019, 5, 3)
    assert art.text[art.title_span.start:art.title_span.end] == "First line title"


def test_unknown_keys_are_warnings_naming_file_and_key(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "Title": "T", "lang": "en"}])
    write(tmp_path / "a.json", {"publsher": "X"})
    results, summary = run(tmp_path)
    warnings = [str(r) for r in results if r.kind == "warning"]
    assert summary.ingested == 1 and summary.warnings == 3
    manifest = str(tmp_path / "MANIFEST.json")
    assert any(manifest in w and "'Title'" in w and "did you mean 'title'" in w for w in warnings)
    assert any(manifest in w and "'lang'" in w and "known keys" in w for w in warnings)
    assert any("a.json" in w and "'publsher'" in w and "'publisher'" in w for w in warnings)
    assert all("\n" not in w for w in warnings)


def test_manifest_entry_for_a_missing_file_is_a_warning(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt"}, {"file": "gone.txt"}])
    results, summary = run(tmp_path)
    assert (summary.ingested, summary.warnings, summary.failed) == (1, 1, 0)
    [warning] = [r for r in results if r.kind == "warning"]
    assert "'gone.txt'" in warning.message and warning.path.endswith("MANIFEST.json")
    assert results.index(warning) == 0         # reported before the folder's articles


@pytest.mark.parametrize("missing", ["sub/gone.txt", "sub/deeper/gone.txt", "../gone.txt"])
def test_manifest_entry_for_a_missing_file_in_a_sub_folder_is_a_warning_too(tmp_path, missing):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "b.txt", TEXT.replace("Monday", "Tuesday"))
    write(tmp_path / "sub" / "c.txt", TEXT.replace("Monday", "Friday"))
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "title": "A"}, {"file": missing}])
    results, summary = run(tmp_path)
    assert (summary.ingested, summary.warnings, summary.failed) == (3, 1, 0)
    assert articles(results)["a.txt"].title == "A"      # the manifest still applies
    [warning] = [r for r in results if r.kind == "warning"]
    assert repr(missing) in warning.message and warning.path.endswith("MANIFEST.json")


def test_manifest_warnings_are_reported_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        write(tmp_path / name, TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "colour": 1}, {"file": "b.txt"}])
    assert run(tmp_path, tmp_path / "a.txt")[1].warnings == 1


def test_repeated_entry_later_wins_with_a_warning(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "title": "one"},
                                       {"file": "a.txt", "title": "two"}])
    results, summary = run(tmp_path)
    assert articles(results)["a.txt"].title == "two" and summary.warnings == 1


@pytest.mark.parametrize("content, code, words", [
    ('[{"file": "a.txt", "title": "T",}]', "E110", "not valid JSON"),
    (b"\x00\x01\x02binary\x00", "E110", "not text"),
    ('{"file": "a.txt"}', "E111", "an object, not a list"),
    ('["a.txt"]', "E111", "entry 1 is a string"),
    ('[{"title": "T"}]', "E111", "has no 'file'"),
    ('[{"file": 3}]', "E111", "has 'file' 3"),
    ('[{"file": "../good/c.txt"}]', "E111", "not a file name"),   # exists, in another folder
    ('[{"file": "a.txt", "title": "T", "title": "U"}]', "E111", "appears twice"),
])
def test_unusable_manifest_fails_the_folder_and_the_batch_goes_on(tmp_path, content, code,
                                                                   words):
    write(tmp_path / "bad" / "a.txt", TEXT)
    write(tmp_path / "bad" / "b.txt", TEXT)
    write(tmp_path / "bad" / "MANIFEST.json", content)
    write(tmp_path / "good" / "c.txt", TEXT)
    results, summary = run(tmp_path)
    assert (summary.failed, summary.ingested) == (2, 1)
    for r in results:
        if r.kind == "failed":
            line = str(r)
            assert r.error.code == code and words in line
            assert r.path in line and "MANIFEST.json" in line and "\n" not in line


@pytest.mark.parametrize("entry, code, words", [
    ({"published": "2015-02-30"}, "E112", "does not exist"),
    ({"published": "2015-13"}, "E112", "does not exist"),
    ({"published": "24/12/2015"}, "E112", "not a date of the form"),
    ({"published": True}, "E111", "a boolean, not a date"),
    ({"published": ["2015"]}, "E111", "a list, not a date"),
    ({"title": 12}, "E111", "'title' is a number, not a string"),
    ({"publisher": {"name": "X"}}, "E111", "'publisher' is an object"),
    ({"url": "www.example.org/a"}, "E112", "not an absolute URL"),
])
def test_bad_value_fails_only_its_article(tmp_path, entry, code, words):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "b.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", **entry}, {"file": "b.txt"}])
    results, summary = run(tmp_path)
    assert (summary.failed, summary.ingested) == (1, 1)
    [failed] = [r for r in results if r.kind == "failed"]
    line = str(failed)
    assert failed.path.endswith("a.txt") and failed.error.code == code and words in line
    assert "MANIFEST.json (entry 1, 'a.txt')" in line and "Fix:" in line


@pytest.mark.parametrize("content, words", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "a list, not an object"),
    ('{"published": "2019-02-29"}', "does not exist"),
])
def test_bad_sidecar_fails_its_article(tmp_path, content, words):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "a.json", content)
    write(tmp_path / "b.txt", TEXT)
    results, summary = run(tmp_path)
    assert (summary.failed, summary.ingested) == (1, 1)
    [failed] = [r for r in results if r.kind == "failed"]
    assert "a.json" in str(failed) and words in str(failed)


def test_sidecar_naming_another_file_is_a_warning(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "a.json", {"file": "other.txt", "title": "Used anyway"})
    results, summary = run(tmp_path)
    assert articles(results)["a.txt"].title == "Used anyway" and summary.warnings == 1


def test_manifest_in_utf8_with_bom_and_crlf(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    body = json.dumps([{"file": "a.txt", "title": "Café “title”"}], ensure_ascii=False)
    write(tmp_path / "MANIFEST.json", b"\xef\xbb\xbf" + body.replace(",", ",\r\n").encode())
    assert read_article(tmp_path / "a.txt").title == "Café “title”"


def test_manifest_of_another_folder_does_not_apply(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "sub" / "b.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt", "title": "A"}])
    results, _ = run(tmp_path)
    assert articles(results)["b.txt"].title == "First line title"


def test_explicit_metadata_file_is_skipped_not_failed(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "MANIFEST.json", [{"file": "a.txt"}])
    results, summary = run(tmp_path / "MANIFEST.json")
    assert summary.skipped == 1 and "metadata file" in results[0].message
