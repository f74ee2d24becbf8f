"""The validation benchmark runs and prints its two tables (a smoke run: no timing)."""

from __future__ import annotations

from benchmarks.validate_engine import main


def test_benchmark_smoke_run(capsys):
    main(["--size", "2000"])
    out = capsys.readouterr().out
    assert "full validation (seconds)" in out and "incremental validation" in out
    full_row = out.split("full validation (seconds)")[1].splitlines()[2]
    assert full_row.split()[4] == "yes"           # same results as pySHACL
