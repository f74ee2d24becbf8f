"""Shared fixtures of the store, query, export and remote tests."""

from __future__ import annotations

import pytest

from tests.support import fixture as fx


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
