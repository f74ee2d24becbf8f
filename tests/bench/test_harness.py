"""The benchmark harness runs end to end at a tiny size and writes its table and JSON (a smoke
run: nothing here looks at a time)."""

from __future__ import annotations

import json

import pytest

from benchmarks.harness import main
from benchmarks.report import update_readme


@pytest.mark.slow
def test_tiny_run_writes_the_table_and_the_json(tmp_path, capsys):
    main(["--tiny", "--out", str(tmp_path)])
    md = (tmp_path / "benchmarks.md").read_text()
    data = json.loads((tmp_path / "benchmarks.json").read_text())
    for heading in ("## Targets", "## Ingest", "## Stored queries", "## Validation",
                    "## Commands on the store", "## Stores"):
        assert heading in md
    assert "python -m benchmarks --tiny" in md and data["machine"]["cores"]
    assert data["command"] == "python -m benchmarks --tiny"   # where the report goes is not
    targets = md.split("## Targets")[1].split("\n\n")[1].splitlines()
    assert len(targets) == 2 + 9 and all("met**" in row for row in targets[2:])
    from kg.query import load_queries
    assert set(data["stores"][-1]["queries"]) == set(load_queries())
    assert data["ingest"]["violations"] == 0                 # our own output validates
    assert data["ingest"]["found"]["claims"] > 0 and data["ingest"]["found"]["attacks"] > 0
    assert data["full_validation"]["same"]
    for c in data["commands"].values():
        assert c["exit"] == 0 and c["peak_rss_mb"] > 0
    # the README quotes the targets table, and a second run replaces it
    once = update_readme("# x\n\nBENCH_TABLE\n\n## More\n", data)
    assert "| target |" in once and "python -m benchmarks --tiny" in once
    assert update_readme(once, data) == once and once.endswith("## More\n")
