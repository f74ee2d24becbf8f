"""Code the project can read: ruff's errors, warnings and complexity (no function over a
cyclomatic complexity of 25, `[tool.ruff.lint.mccabe]`), and no module of the extractor over
500 lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_no_error_warning_or_function_too_complex():
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    out = subprocess.run([str(ruff), "check", "--select", "E,F,W,C901", "kg", "tests",
                          "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_no_module_of_the_extractor_is_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "kg" / "extract").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long, long
