"""Shared fixtures: the extractor, and the store, query, export and remote tests' data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import fixture as fx


def pytest_configure(config) -> None:
    """Where the cache folder cannot be written (a read-only home on CI), give the session a
    temporary one, so that the gazetteer index (`kg.resolve.places`) is built once and
    shared with the commands the tests run, not built in memory by each of them."""
    import os
    import tempfile

    from kg.resolve.places import cache_dir

    # ingest times (the chain of custody, kg.custody) and review decisions' times from one
    # fixed clock, so that two ingests of the same files give the same bytes
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    if os.environ.get("KG_CACHE_DIR"):
        return
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir()):
            pass
    except OSError:
        os.environ["KG_CACHE_DIR"] = config._kg_cache = tempfile.mkdtemp(prefix="kg-cache-")


def pytest_unconfigure(config) -> None:
    made = getattr(config, "_kg_cache", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)


@pytest.fixture(scope="session")
def extractor():
    """The extractor with the default spaCy model (loaded once per process)."""
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def fixture_graphs():
    return fx.graphs()


@pytest.fixture()
def store_path(tmp_path):
    return tmp_path / "kg-store"


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory, fixture_graphs):
    """A store holding the four fixture articles and the stand-in ontology (read it only)."""
    from kg.store import Store

    path = tmp_path_factory.mktemp("fixture") / "kg-store"
    with Store.open(path, "w", ontology=fx.STANDIN_ONTOLOGY) as store:
        store.write_articles(fixture_graphs)
    return path


# --- a real Oxigraph SPARQL server on 127.0.0.1 ----------------------------------------------


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    def __init__(self, location: Path, union: bool):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url, self.update_url = f"{self.base}/query", f"{self.base}/update"
        args = [_oxigraph_binary(), "serve", "--location", str(location),
                "--bind", f"127.0.0.1:{self.port}"]
        if union:
            args.append("--union-default-graph")
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start: "
                                       + self.proc.stderr.read().decode(errors="replace"))
                time.sleep(0.05)

    def clear(self) -> None:
        req = urllib.request.Request(self.update_url, data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(req, timeout=10).read()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real `oxigraph serve` (its default graph is its own: push --with-default-graph)."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"), union=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_union_server(tmp_path_factory):
    """A real `oxigraph serve --union-default-graph`."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-union"), union=True)
    yield server
    server.stop()
