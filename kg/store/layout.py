"""Where a store keeps what, and the names of its graphs.

A store is a directory::

    kg-store/
      kg-store.json     format version, bookkeeping (deletions since the last compaction)
      kg-store.lock     the readers/writer lock (see `kg.store.lock`)
      oxigraph/         the Oxigraph (RocksDB) database itself

so ``oxigraph serve --location kg-store/oxigraph`` can serve a store as it is (stop every
``kg`` command first: Oxigraph allows one process per database).

Public graphs, the ones queries, exports and pushes see: one per article
(`kg.iris.article_graph_iri`), `kg.iris.ENTITIES_GRAPH`, `kg.iris.ONTOLOGY_GRAPH`, and one
per incident (`kg.iris.incident_graph_iri`), derived from the others
(`kg.store.incidents`; they hold the links between claims of different articles).  Internal
graphs hold the entity facts each article contributed (`entity_facts_graph`), with every
predicate wrapped (`wrap_predicate`) so that they never answer a pattern over public
vocabulary, even when queries treat the default graph as the union of all graphs; one
more (`PENDING_GRAPH`) notes the incidents a write has still to recompute.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Optional
from urllib.parse import quote, unquote

import pyoxigraph as ox

from kg import iris
from kg.errors import StoreError

#: 2: links between claims of different articles moved from the entity facts to their own
#: graph (a store of format 1 keeps links to removed articles: re-ingest it).
#: 3: attack reports are per article; incidents, with the links between claims of different
#: articles, are derived into one graph each; no links graph; a write's unfinished
#: derivation is noted in `PENDING_GRAPH` (formats 1 and 2: re-ingest).
FORMAT_VERSION = 3
META_FILE = "kg-store.json"
LOCK_FILE = "kg-store.lock"
DB_DIR = "oxigraph"
ENV_VAR = "KG_STORE"
DEFAULT_PATH = "kg-store"

ARTICLE_GRAPH_PREFIX = str(iris.article_graph_iri(""))
INCIDENT_GRAPH_PREFIX = iris.INCIDENT_GRAPH_PREFIX
REVIEW_GRAPH_PREFIX = iris.REVIEW_GRAPH_PREFIX
ENTITIES_GRAPH = ox.NamedNode(str(iris.ENTITIES_GRAPH))
ONTOLOGY_GRAPH = ox.NamedNode(str(iris.ONTOLOGY_GRAPH))

#: Internal names: not data IRIs, never exported or pushed.
FACTS_GRAPH_PREFIX = "urn:x-evidence-kg:entity-facts:"
FACTS_UNION_GRAPH = ox.NamedNode("urn:x-evidence-kg:entity-facts-union")
WRAPPED_PREDICATE_PREFIX = "urn:x-evidence-kg:fact:"
#: What the machine said about an article that review decisions changed (its graph and its
#: entity facts, predicates wrapped), kept for re-applying decisions and for the machine's
#: view (`kg.store.review`); none for an article no decision is about.
MACHINE_GRAPH_PREFIX = "urn:x-evidence-kg:machine:"
MACHINE_FACTS_PREFIX = "urn:x-evidence-kg:machine-facts:"
#: The incident derivation a write still owes (`kg.store.derive`): written in the same
#: transaction as the articles, dropped in the one that writes the incidents.
PENDING_GRAPH = ox.NamedNode("urn:x-evidence-kg:derive-pending")

_ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def default_path() -> Path:
    """``$KG_STORE`` when set, else ``./kg-store``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def check_article_id(article_id: str) -> str:
    if not isinstance(article_id, str) or not _ARTICLE_ID.match(article_id):
        raise StoreError("E601", f"bad article id {article_id!r}",
                         "an article id is the first 16 hex digits of the SHA-256 of its text",
                         "list the ids in the store with `kg store info --ids`")
    return article_id


def article_graph(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(ARTICLE_GRAPH_PREFIX + check_article_id(article_id))


def entity_facts_graph(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(FACTS_GRAPH_PREFIX + check_article_id(article_id))


def machine_graph(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(MACHINE_GRAPH_PREFIX + check_article_id(article_id))


def machine_facts_graph(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(MACHINE_FACTS_PREFIX + check_article_id(article_id))


def is_review_graph(graph_name: str) -> bool:
    return graph_name.startswith(REVIEW_GRAPH_PREFIX)


def article_id_of(graph_name: str) -> Optional[str]:
    """The article id of an article graph name, None for any other graph."""
    if graph_name.startswith(ARTICLE_GRAPH_PREFIX):
        return graph_name[len(ARTICLE_GRAPH_PREFIX):]
    return None


def is_public_graph(graph_name: str) -> bool:
    return (graph_name.startswith(ARTICLE_GRAPH_PREFIX)
            or graph_name.startswith(INCIDENT_GRAPH_PREFIX)
            or graph_name.startswith(REVIEW_GRAPH_PREFIX)
            or graph_name in (ENTITIES_GRAPH.value, ONTOLOGY_GRAPH.value))


def is_incident_graph(graph_name: str) -> bool:
    return graph_name.startswith(INCIDENT_GRAPH_PREFIX)


def has_pending(db: ox.Store) -> bool:
    """Whether a write left incidents to recompute (it was killed between its two updates)."""
    return next(db.quads_for_pattern(None, None, None, PENDING_GRAPH), None) is not None


def wrap_predicate(p: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(WRAPPED_PREDICATE_PREFIX + quote(p.value, safe=""))


def unwrap_predicate(p: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(unquote(p.value[len(WRAPPED_PREDICATE_PREFIX):]))


# --- the metadata file -----------------------------------------------------------------------
def read_meta(root: Path) -> dict:
    try:
        meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError("E602", f"{root} is not an evidence-kg store",
                         f"it has no {META_FILE}",
                         "give the folder `kg ingest` created, or a new folder") from None
    except (OSError, ValueError) as err:
        raise StoreError("E603", f"cannot read {root / META_FILE}", str(err),
                         "restore the file from a backup or re-ingest into a new store") from err
    if meta.get("format") != FORMAT_VERSION:
        raise StoreError("E604", f"{root} has store format {meta.get('format')!r}",
                         f"this version of evidence-kg reads format {FORMAT_VERSION}",
                         "re-ingest the articles into a new store")
    return meta


def write_meta(root: Path, meta: dict) -> None:
    """Replace the metadata file atomically (write a temporary file, then rename)."""
    tmp = root / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, root / META_FILE)


def init_dir(root: Path) -> None:
    """Make *root* a new, empty store; refuse a folder that holds anything else."""
    if root.exists() and not root.is_dir():
        raise StoreError("E605", f"cannot create a store at {root}", "it is a file",
                         "choose a folder name with --store or KG_STORE")
    if root.is_dir() and any(root.iterdir()):
        raise StoreError("E605", f"cannot create a store at {root}",
                         "the folder is not empty and is not an evidence-kg store",
                         "choose a new or empty folder with --store or KG_STORE")
    root.mkdir(parents=True, exist_ok=True)
    write_meta(root, {"format": FORMAT_VERSION, "quads": 0, "deleted_since_optimize": 0})


def keep_original(root: Path, sha256: str, data: bytes) -> Path:
    """Keep a copy of an ingested file's bytes at ``originals/{sha[:2]}/{sha}`` in the store's
    folder (`kg.custody.copy_path`), written whole or not at all; a copy already there is
    left as it is."""
    import hashlib

    from kg.custody import copy_path

    if hashlib.sha256(data).hexdigest() != sha256:
        raise StoreError("E625", "cannot keep the original file", "its bytes do not have "
                         "the SHA-256 given", "read the file again")
    path = root / copy_path(sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path
