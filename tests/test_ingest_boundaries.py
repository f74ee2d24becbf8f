"""Module boundaries: ingest and the date/number utilities stay free of rdflib and spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"
HEAVY = ("rdflib", "spacy", "pyoxigraph", "pyshacl", "owlready2")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_ingest_imports_no_heavy_library():
    code = ("import sys, kg.ingest; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=KG.parent, check=True).stdout.strip()
    assert out == ""


def test_dates_and_numbers_are_plain_python():
    paths = [KG / "extract" / "numbers.py", *sorted((KG / "extract" / "dates").glob("*.py"))]
    assert len(paths) > 2
    for path in paths:
        used = imported_modules(path)
        assert used <= {"__future__", "re", "dataclasses", "datetime", "typing", "kg"}, (path,
                                                                                         used)
