"""Known bugs, found by the benchmark's synthetic news (`benchmarks/news.py`), each with a
minimal example.  Marked ``xfail(strict=True)``: the day one is fixed, the test says so."""

from __future__ import annotations

import json

import pytest

from kg.pipeline import ingest

A = ("Market strike in Oldmarsh\n\nMirelander troops struck the old market in Oldmarsh "
     "overnight, killing 3 people, according to the Protect Schools Coalition.\n")
B = ("Oldmarsh market hit\n\nMirelander jets struck the old market in Oldmarsh overnight, "
     "killing 3 people, according to the Independent Casualty Monitor.\n")


@pytest.mark.xfail(strict=True, reason=(
    "two reports of one incident dated 'overnight' two days apart: both resolve to the "
    "month key id:attack/oldmarsh-2020-09-market, and the merged attack holds both reports' "
    "earliest/latest dates, so ekgsh:Attack-earliestDate-notAfterLatestDate compares one "
    "report's earliest date with the other's latest, and ekgsh:AttackNotAfterReport the later "
    "report's date with the earlier article's publication date"))
def test_two_overnight_reports_two_days_apart_validate(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text, day in (("a.txt", A, "2020-09-20"), ("b.txt", B, "2020-09-22")):
        (docs / name).write_text(text, encoding="utf-8")
        (docs / f"{name[0]}.json").write_text(json.dumps(
            {"title": text.split("\n")[0], "publisher": "Test Wire", "published": day}))
    outcome = ingest([docs], tmp_path / "store")
    assert outcome.summary.ingested == 2
    assert outcome.violations == 0, [r.to_text() for r in outcome.reports]
