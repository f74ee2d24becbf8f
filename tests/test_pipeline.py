"""The whole path into a real on-disk store: ingest, resolve across articles, validate,
re-ingest, bad input.  Articles here are written for the tests (or the bundled samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import iris
from kg.cli import cli
from kg.export import export_text
from kg.extract import Extractor
from kg.namespaces import EKG
from kg.pipeline import ingest
from kg.resources import sample_articles_dir
from kg.store import Store


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def write(folder: Path, name: str, text: str, published: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    (folder / (path.stem + ".json")).write_text(
        json.dumps({"title": text.split("\n")[0], "publisher": "Test Wire",
                    "published": published}), encoding="utf-8")
    return path


ALLEGATION = ("Shelling hits Korvo market\n\nThe Lanka Rights Monitor said Brastovian artillery "
              "shelled the central market in Korvo on Sunday, killing 12 civilians.\n")
DENIAL = ("Army rejects Korvo claims\n\nThe Brastovian army denied that its artillery had "
          "shelled the market in Korvo on Sunday.\n")


def dump(store_dir: Path) -> str:
    with Store.open(store_dir) as store:
        return export_text(store, "nquads")


def all_quads(store_dir: Path) -> list[str]:
    """Every quad of the database, internal graphs included."""
    with Store.open(store_dir) as store:
        return sorted(str(q) for q in store.db)


def test_samples_ingest_cleanly_and_reingest_gives_the_same_bytes(tmp_path, extractor):
    store = tmp_path / "store"
    first = ingest([sample_articles_dir()], store, extractor=extractor)
    assert (first.summary.ingested, first.summary.failed) == (5, 0)
    assert first.violations == 0, [r.to_text() for r in first.reports]
    before, quads = dump(store), all_quads(store)
    again = ingest([sample_articles_dir()], store, extractor=extractor)
    assert again.summary.ingested == 5
    assert dump(store) == before
    assert all_quads(store) == quads          # not one quad more (issue 14)


REMOVED = "de7bd2b9f94881b3"    # examples/articles/002_4cad11edb0f40b81.txt


def test_removing_a_sample_leaves_the_store_of_the_other_four(tmp_path, extractor):
    store = tmp_path / "store"
    ingest([sample_articles_dir()], store, extractor=extractor)
    runner = CliRunner()
    out = runner.invoke(cli, ["store", "remove", REMOVED, "--store", str(store)])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["validate", "--store", str(store)])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("0 violation(s)"), out.output
    others = [p for p in sorted(sample_articles_dir().glob("*.txt"))
              if not p.name.startswith("002_")]
    fresh = tmp_path / "fresh"
    ingest(others, fresh, extractor=extractor)
    with Store.open(fresh) as s:
        assert REMOVED not in s.article_ids() and len(s.article_ids()) == 4
    assert all_quads(store) == all_quads(fresh)
    assert dump(store) == dump(fresh)


def test_order_and_batching_do_not_change_the_graph(tmp_path, extractor):
    arts = sorted(p for p in sample_articles_dir().glob("*.txt"))
    a, b = tmp_path / "a", tmp_path / "b"
    ingest([sample_articles_dir()], a, extractor=extractor, batch_size=5)
    for path in reversed(arts):                 # one at a time, in reverse order
        ingest([path], b, extractor=extractor, batch_size=1)
    assert dump(a) == dump(b)


def test_an_ingest_of_many_batches_derives_the_incidents_once_at_its_end(tmp_path, extractor,
                                                                        monkeypatch):
    from kg.store import layout

    calls = []
    real = Store.derive_incidents

    def counting(self, *a, **k):
        calls.append(layout.has_pending(self.db))
        return real(self, *a, **k)

    monkeypatch.setattr(Store, "derive_incidents", counting)
    many, one = tmp_path / "many", tmp_path / "one"
    ingest([sample_articles_dir()], many, extractor=extractor, batch_size=1)
    assert calls == [True]          # five batches noted their work; one derivation did it
    monkeypatch.setattr(Store, "derive_incidents", real)
    ingest([sample_articles_dir()], one, extractor=extractor, batch_size=5)
    assert dump(many) == dump(one)
    with Store.open(many) as store:
        assert not layout.has_pending(store.db) and store.incident_graphs()


@pytest.mark.parametrize("order", ["allegation first", "denial first"])
def test_a_denial_in_one_article_rejects_an_allegation_in_another(tmp_path, extractor, order):
    docs = tmp_path / "docs"
    al = write(docs, "monitor.txt", ALLEGATION, "2021-06-08")
    de = write(docs, "army.txt", DENIAL, "2021-06-09")
    store = tmp_path / "store"
    for path in ([al, de] if order == "allegation first" else [de, al]):
        outcome = ingest([path], store, extractor=extractor)
        assert outcome.summary.ingested == 1
    with Store.open(store) as s:
        rows = list(s.query(
            f"PREFIX ekg: <{EKG._NS}> SELECT ?d ?a ?x ?y WHERE {{ ?d ekg:denies ?a . "
            f"?d ekg:reportedIn ?x . ?a ekg:reportedIn ?y }}"))
    assert rows, "no denial links"
    assert any(r["x"].value != r["y"].value for r in rows)


def test_one_incident_reported_twice_is_one_incident(tmp_path, extractor):
    docs = tmp_path / "docs"
    write(docs, "one.txt", ALLEGATION, "2021-06-08")
    write(docs, "two.txt", "Korvo toll rises\n\nLocal medics said 14 people died when shells "
          "hit the market in Korvo on Sunday.\n", "2021-06-09")
    store = tmp_path / "store"
    ingest([docs], store, extractor=extractor)
    with Store.open(store) as s:
        incidents = {r["i"].value for r in s.query(
            f"PREFIX ekg: <{EKG._NS}> SELECT ?i WHERE {{ ?i a ekg:Incident }}")}
        reports = {r["art"].value for r in s.query(
            f"PREFIX ekg: <{EKG._NS}> SELECT ?art WHERE {{ ?i a ekg:Incident ; "
            f"ekg:report/ekg:reportedIn ?art }}")}
    assert len(incidents) == 1 and len(reports) == 2


def incidents_in(store: Path) -> dict[str, set[str]]:
    """incident -> its attack reports"""
    out: dict = {}
    with Store.open(store) as s:
        for r in s.query(f"PREFIX ekg: <{EKG._NS}> SELECT ?i ?a WHERE {{ ?i ekg:report ?a }}"):
            out.setdefault(r["i"].value, set()).add(r["a"].value)
    return out


OVERNIGHT = ("Market strike in Oldmarsh\n\nMirelander troops struck the old market in Oldmarsh "
             "overnight, killing 3 people, according to the Protect Schools Coalition.\n")


@pytest.mark.parametrize("second_day,incidents", [("2020-09-22", 2), ("2020-09-20", 1)])
def test_overnight_is_the_night_before_each_paper(tmp_path, extractor, second_day, incidents):
    # found by the benchmark's synthetic news: two papers two days apart once shared a month
    # key, and the one attack then held two contradictory date windows and failed validation
    docs = tmp_path / "docs"
    write(docs, "a.txt", OVERNIGHT, "2020-09-20")
    write(docs, "b.txt", OVERNIGHT.replace("Protect Schools Coalition",
                                           "Independent Casualty Monitor"), second_day)
    outcome = ingest([docs], tmp_path / "store", extractor=extractor)
    assert outcome.summary.ingested == 2
    assert outcome.violations == 0, [r.to_text() for r in outcome.reports]
    assert len(incidents_in(tmp_path / "store")) == incidents


def test_bad_files_are_reported_and_the_others_go_on(tmp_path):
    docs = tmp_path / "docs"
    write(docs, "good.txt", ALLEGATION, "2021-06-08")
    (docs / "empty.txt").write_text("   \n", encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    assert "1 ingested, 0 skipped, 2 failed" in result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output
    with Store.open(tmp_path / "s") as s:
        assert len(s.article_ids()) == 1


def test_ingest_command_exit_0_and_summary(tmp_path):
    docs = tmp_path / "docs"
    write(docs, "good.txt", ALLEGATION, "2021-06-08")
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 ingested, 0 skipped, 0 failed" in result.output
    assert "validation: 0 violation(s)" in result.output
    article = iris.article_iri  # the article is in the store under its content hash
    with Store.open(tmp_path / "s") as s:
        (aid,) = s.article_ids()
        assert str(article(aid)).endswith(aid)


def test_two_papers_naming_a_village_differently_report_one_attack(tmp_path, extractor):
    docs = tmp_path / "docs"
    write(docs, "a.txt", "School strike\n\nA military helicopter attack on a school killed at "
                         "least 11 children, UNICEF said on Tuesday. The attack took place on "
                         "Friday in the village of Let Yet Kone, where helicopters fired on the "
                         "school.\n", "2022-09-20")
    write(docs, "b.txt", "Village school hit\n\nKordanian jets carried out an air strike on a "
                         "village school on Friday, killing 11 children, an opposition "
                         "spokesman said. He said the attack on Let Yet Kone village was a "
                         "war crime.\n", "2022-09-19")
    outcome = ingest([docs], tmp_path / "store", extractor=extractor)
    assert outcome.violations == 0, [r.to_text() for r in outcome.reports]
    (reports,) = incidents_in(tmp_path / "store").values()
    assert len(reports) == 2


def test_ingest_shows_progress_and_refuses_a_missing_path(tmp_path):
    """Progress: plain lines on standard error when not a terminal, ending with done/total;
    a path that does not exist is a usage error (exit 2), and nothing is ingested."""
    docs = tmp_path / "docs"
    write(docs, "good.txt", ALLEGATION, "2021-06-08")
    write(docs, "other.txt", ALLEGATION.replace("hospital", "school"), "2021-06-09")
    (docs / "notes.md").write_text("not an article", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("kg: ingest: ")]
    assert lines == ["kg: ingest: 1/2 articles", "kg: ingest: 2/2 articles"]
    assert "kg: ingest:" not in result.stdout
    quiet = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(tmp_path / "s"),
                                     "--no-progress"])
    assert "kg: ingest:" not in quiet.output
    write(docs, "copy.txt", ALLEGATION, "2021-06-08")        # skipped, and counted as done
    again = CliRunner().invoke(cli, ["ingest", str(docs), "--store", str(tmp_path / "s")])
    assert again.exit_code == 0, again.output
    assert "skipped" in again.output and "copy.txt" in again.output
    assert again.stderr.splitlines()[-1] == "kg: ingest: 3/3 articles"
    missing = CliRunner().invoke(cli, ["ingest", str(docs / "good.txt"), str(tmp_path / "nope"),
                                       "--store", str(tmp_path / "t")])
    assert missing.exit_code == 2
    assert "E105" in missing.output and "nope" in missing.output
    assert not (tmp_path / "t").exists()


def test_progress_bar_on_a_terminal():
    import io

    from rich.console import Console

    from kg.cli._progress import ProgressReport

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with ProgressReport("ingest", "articles", total=3, console=console) as bar:
        assert bar.terminal
        for _ in range(3):
            bar.advance()
        assert bar.done == 3
    text = out.getvalue()
    assert "kg: ingest" in text and "articles" in text and "3/3" in text
    assert "\x1b[" in text
