"""Ingest of .txt files: encodings, bad inputs, order, titles, offsets, the bundled samples."""

from __future__ import annotations

import json
import os
import types

import pytest

from kg.errors import InputError
from kg.ingest import (DEFAULT_MAX_BYTES, IngestSummary, decode_bytes, iter_articles,
                       read_article)
from kg.ingest import reader as reader_module
from kg.resources import resource_dir

BODY = ("Shells hit the market in Eastvale on Sunday, killing 12 people.\n\n"
        "The ministry denied it.\n")
TEXT = "Market shelled in Eastvale\n\n" + BODY


def run(*paths, **kwargs):
    results = list(iter_articles(list(paths), **kwargs))
    summary = IngestSummary()
    for r in results:
        summary.add(r)
    return results, summary


def by_kind(results, kind):
    return [r for r in results if r.kind == kind]


def write(path, content, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


# ---- encodings ------------------------------------------------------------------------

SAMPLE = "Strike on “Al-Amal” clinic — 3 dead\n\nA doctor said: ‘It’s over’.\u00a0 Two  spaces.\n"


@pytest.mark.parametrize("encoded, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-bom"),
    (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16-le-bom"),
    (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be-bom"),
    (SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (SAMPLE.encode("utf-32"), "utf-32-le-bom"),
    (SAMPLE.encode("cp1252"), "windows-1252"),
])
def test_every_encoding_gives_the_same_text(tmp_path, encoded, encoding):
    path = write(tmp_path / "a.txt", encoded)
    [result] = list(iter_articles(path))
    assert result.kind == "ingested" and result.encoding == encoding
    assert result.article.text == SAMPLE      # BOM dropped; quotes, NBSP, double space kept
    assert result.article.title == "Strike on “Al-Amal” clinic — 3 dead"


def test_utf16_without_bom_for_non_latin_text():
    text = "قصف مستشفى في المدينة، 12 قتيلا\nوقال الطبيب: 'انتهى'."
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_windows_1252_keeps_every_byte():
    # 0x80 euro, 0x93/0x94 curly quotes, 0xe9 e-acute, 0x81 undefined: kept as U+0081
    decoded = decode_bytes(b"\x80 5 \x93caf\xe9\x94 \x81")
    assert decoded == ("€ 5 “café” \x81", "windows-1252")


def test_valid_utf8_wins_over_windows_1252():
    assert decode_bytes("naïve".encode("utf-8")).encoding == "utf-8"


@pytest.mark.parametrize("raw, expected", [
    (b"one\r\ntwo\r\n", "one\ntwo\n"),
    (b"one\rtwo\r", "one\ntwo\n"),
    (b"one\r\n\r\ntwo\rthree\n", "one\n\ntwo\nthree\n"),
])
def test_newlines_are_normalised(tmp_path, raw, expected):
    assert read_article(write(tmp_path / "a.txt", raw)).text == expected


def test_crlf_in_utf16(tmp_path):
    path = write(tmp_path / "a.txt", b"\xff\xfe" + "Title\r\n\r\nBody\r\n".encode("utf-16-le"))
    assert read_article(path).text == "Title\n\nBody\n"


# ---- bad input ------------------------------------------------------------------------

def failure(tmp_path, name, content=None, **kwargs):
    path = tmp_path / name
    if content is not None:
        write(path, content)
    results, summary = run(path, **kwargs)
    [result] = results
    assert result.kind == "failed" and summary.failed == 1 and not summary.ok
    line = str(result)
    assert "\n" not in line and str(path) in line
    return result.error


def test_empty_file(tmp_path):
    err = failure(tmp_path, "empty.txt", b"")
    assert err.code == "E101" and "empty" in str(err)


@pytest.mark.parametrize("content", [b"   \n\n\t \r\n", " \u00a0 \n".encode("utf-8"),
                                     b"\xff\xfe" + " \n ".encode("utf-16-le")])
def test_whitespace_only_file(tmp_path, content):
    err = failure(tmp_path, "blank.txt", content)
    assert err.code == "E101" and "whitespace" in str(err)


def test_binary_with_nul_bytes(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    err = failure(tmp_path, "photo.txt", png)
    assert err.code == "E102" and "binary" in str(err)


def test_binary_without_nul_bytes(tmp_path):
    blob = bytes(b for b in range(1, 256)) * 40   # control characters throughout
    err = failure(tmp_path, "blob.txt", blob)
    assert err.code == "E102" and "control characters" in str(err)


def test_a_few_control_characters_are_still_text(tmp_path):
    text = "Title\n\n" + "Plain words here. " * 50 + "\x0c\x1a"
    assert read_article(write(tmp_path / "a.txt", text)).text.endswith("\x0c\x1a")


def test_folder_named_txt(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    err = failure(tmp_path, "notes.txt")
    assert err.code == "E103" and "folder" in str(err)


def test_folder_named_txt_inside_a_walk(tmp_path):
    (tmp_path / "in" / "odd.txt").mkdir(parents=True)
    write(tmp_path / "in" / "ok.txt", TEXT)
    results, summary = run(tmp_path / "in")
    assert (summary.ingested, summary.failed) == (1, 1)
    assert by_kind(results, "failed")[0].error.code == "E103"


def test_broken_symlink(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    err = failure(tmp_path, "gone.txt")
    assert err.code == "E103" and "broken link" in str(err)


def test_missing_path(tmp_path):
    err = failure(tmp_path, "absent.txt")
    assert err.code == "E105"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", TEXT)
    path.chmod(0)
    try:
        err = failure(tmp_path, "secret.txt")
    finally:
        path.chmod(0o644)
    assert err.code == "E103" and "permission denied" in str(err)


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", TEXT)
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    err = failure(tmp_path, "secret.txt")
    assert err.code == "E103" and "permission denied" in str(err) and "chmod" in str(err)


def test_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    err = failure(tmp_path, "pipe.txt")
    assert err.code == "E103" and "regular file" in str(err)


def test_file_too_large(tmp_path):
    err = failure(tmp_path, "big.txt", "Title\n\n" + "x" * 3000, max_bytes=2048)
    message = str(err)
    assert err.code == "E104"
    assert "3,007 bytes" in message and "2,048 bytes limit" in message
    assert "max_bytes" in message and "--max-bytes" in message


def test_default_limit_is_5_mb(tmp_path):
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    err = failure(tmp_path, "huge.txt", b"a" * (DEFAULT_MAX_BYTES + 1))
    assert "5.0 MB, over the 5.0 MB limit" in str(err)


def test_bad_files_do_not_stop_the_batch(tmp_path):
    write(tmp_path / "a_ok.txt", TEXT)
    write(tmp_path / "b_empty.txt", b"")
    write(tmp_path / "c_binary.txt", b"\x00\x01\x02\x03" * 10)
    write(tmp_path / "d_ok.txt", TEXT.replace("Eastvale", "Westvale"))
    write(tmp_path / "e_image.png", b"\x89PNG")
    results, summary = run(tmp_path)
    assert [(r.kind, os.path.basename(r.path)) for r in results] == [
        ("ingested", "a_ok.txt"), ("failed", "b_empty.txt"), ("failed", "c_binary.txt"),
        ("ingested", "d_ok.txt"), ("skipped", "e_image.png")]
    assert str(summary) == "2 ingested, 1 skipped, 2 failed, 0 warnings"


def test_other_extensions_are_skipped_with_a_reason(tmp_path):
    write(tmp_path / "report.pdf", b"%PDF-1.4")
    write(tmp_path / "README", "notes")
    write(tmp_path / "data.json", "{}")
    results, summary = run(tmp_path)
    assert summary.skipped == 3 and summary.ok
    reasons = {os.path.basename(r.path): r.reason for r in results}
    assert "'.pdf' files are not read (only .txt, .html, .htm)" in reasons["report.pdf"]
    assert "files without an extension" in reasons["README"]
    assert "'.json' files" in reasons["data.json"]


def test_upper_case_extension_is_an_article(tmp_path):
    write(tmp_path / "A.TXT", TEXT)
    assert run(tmp_path)[1].ingested == 1


def test_read_article_raises_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        read_article(write(tmp_path / "e.txt", b""))
    assert info.value.code == "E101"
    with pytest.raises(InputError) as info:
        read_article(write(tmp_path / "e.pdf", b"%PDF"))
    assert info.value.code == "E106"
    with pytest.raises(InputError) as info:
        read_article(tmp_path)
    assert info.value.code == "E103"


# ---- order, streaming ----------------------------------------------------------------

def make_tree(root):
    for rel in ("b.txt", "a.txt", "sub/z.txt", "sub/deeper/m.txt", "a/c.txt", "C.txt",
                ".hidden.txt", ".git/x.txt", "sub/.DS_Store"):
        write(root / rel, f"Title {rel}\n\nBody of {rel}.\n")


def test_folders_are_walked_in_sorted_order(tmp_path):
    make_tree(tmp_path)
    names = [os.path.relpath(r.path, tmp_path) for r in iter_articles(tmp_path)]
    assert names == ["C.txt", "a/c.txt", "a.txt", "b.txt", "sub/deeper/m.txt", "sub/z.txt"]
    assert names == [os.path.relpath(r.path, tmp_path) for r in iter_articles(tmp_path)]


def test_paths_keep_their_given_order_and_duplicates_are_read_once(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    results = list(iter_articles([tmp_path / "sub", tmp_path / "b.txt", tmp_path / "b.txt",
                                  tmp_path / "link.txt", tmp_path / "sub" / "z.txt"]))
    assert [os.path.relpath(r.path, tmp_path) for r in results] == [
        "sub/deeper/m.txt", "sub/z.txt", "b.txt"]


def test_symlink_loop_is_walked_once(tmp_path):
    write(tmp_path / "d" / "a.txt", TEXT)
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    assert run(tmp_path / "d")[1].ingested == 1


def test_iter_articles_is_lazy(tmp_path, monkeypatch):
    for i in range(5):
        write(tmp_path / f"{i}.txt", TEXT)
    calls = []
    real = reader_module._Reader.read

    def counting(self, *args):
        calls.append(args[0])
        return real(self, *args)

    monkeypatch.setattr(reader_module._Reader, "read", counting)
    gen = iter_articles(tmp_path)
    assert isinstance(gen, types.GeneratorType) and calls == []
    next(gen)
    assert len(calls) == 1


# ---- titles and offsets ----------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("Market shelled\n\nBody.", "Market shelled"),
    ("\n\n   Market shelled  \nBody.", "Market shelled"),
    ("Advertisement\n\nMarket shelled\n\nBody.", "Market shelled"),
    ("ADVERTISEMENT\nSkip to main content\nMarket shelled\nBody.", "Market shelled"),
    ("December 24, 2015 1:15 pm\n\nMarket shelled\n\nBody.", "Market shelled"),
    ("Published: 3 March 2016, 10:02 GMT\nMarket shelled\nBody.", "Market shelled"),
    ("2016-03-03\nBy Jane Roe\nMarket shelled\nBody.", "Market shelled"),
    ("Share this article\nRead more\nMarket shelled\nBody.", "Market shelled"),
    ("By sea and air, aid reaches Eastvale\n\nBody.", "By sea and air, aid reaches Eastvale"),
    ("Sunday 3 March 2016\nMarket shelled on 3 March\nBody.", "Market shelled on 3 March"),
])
def test_title_is_the_first_line_that_is_not_page_furniture(tmp_path, text, title):
    article = read_article(write(tmp_path / "a.txt", text))
    assert article.title == title
    assert article.text == text
    assert article.text[article.title_span.start:article.title_span.end] == title


def test_text_of_only_furniture_has_no_title(tmp_path):
    article = read_article(write(tmp_path / "a.txt", "Advertisement\n\nRead more\n"))
    assert article.title is None and article.title_span is None


def test_dateline_gives_the_publication_date_without_metadata(tmp_path):
    article = read_article(write(tmp_path / "a.txt", "March 3, 2016 10:02 am\n\nTitle\nBody"))
    assert str(article.published) == "2016-03-03"
    article = read_article(write(tmp_path / "b.txt", "Title\n\nOn March 3, 2016 shells fell."))
    assert article.published is None


def test_metadata_title_is_located_in_the_text(tmp_path):
    write(tmp_path / "a.txt", "Advertisement\n\nPutin’s “war” — a report\n\nBody.")
    write(tmp_path / "a.json", json.dumps({"title": "Putin's \"war\" - a report"}))
    article = read_article(tmp_path / "a.txt")
    assert article.title == "Putin's \"war\" - a report"
    assert article.text[article.title_span.start:article.title_span.end] == \
        "Putin’s “war” — a report"


def test_metadata_title_not_in_the_text_has_no_span(tmp_path):
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "a.json", json.dumps({"title": "A headline found elsewhere"}))
    article = read_article(tmp_path / "a.txt")
    assert article.title == "A headline found elsewhere" and article.title_span is None


# ---- the bundled samples --------------------------------------------------------------

def test_examples_are_ingested_cleanly():
    folder = resource_dir("examples/articles")
    results, summary = run(folder)
    assert (summary.ingested, summary.skipped, summary.failed, summary.warnings) == (5, 0, 0, 0)
    manifest = {e["file"]: e for e in json.loads((folder / "MANIFEST.json").read_text("utf-8"))}
    for result in results:
        art = result.article
        name = os.path.basename(result.path)
        raw = (folder / name).read_bytes().decode("utf-8")
        assert art.text == raw.replace("\r\n", "\n")          # stored as written
        assert art.title == manifest[name]["title"]
        assert art.text[art.title_span.start:art.title_span.end] == art.title
        assert str(art.published) == manifest[name]["published"]
        assert art.publisher == manifest[name]["publisher"]
        assert art.notes["summary"] == manifest[name]["summary"]
        assert "file" not in art.notes and "title" not in art.notes
    titles = {os.path.basename(r.path): r.article.title_span.start for r in results}
    assert titles["001_bb96727ca16a85d3.txt"] > 0      # after "Advertisement"
    assert titles["004_52a8f228d6ea1ced.txt"] > 0      # after the dateline


def test_examples_without_their_manifest_get_the_same_titles(tmp_path):
    folder = resource_dir("examples/articles")
    manifest = json.loads((folder / "MANIFEST.json").read_text("utf-8"))
    for entry in manifest:
        (tmp_path / entry["file"]).write_bytes((folder / entry["file"]).read_bytes())
    for result in iter_articles(tmp_path):
        entry = next(e for e in manifest if e["file"] == os.path.basename(result.path))
        assert result.article.title == entry["title"]
