"""The embedded graph store (Oxigraph on disk): one named graph per article, one for the
entities resolved across articles, one for the ontology, and one per incident, derived
(`kg.store.incidents`).

    from kg.store import Store
    with Store.open("kg-store", mode="w") as store:
        store.write_articles([(kg.rdf.article_graph(x), kg.rdf.entity_graph(x))])

See `kg.store.store` (transactions, diffs, compaction), `kg.store.lock` (one writer, many
readers), `kg.store.entities` (how the entities graph is merged) and docs/store.md.
"""

from kg.store.layout import ENTITIES_GRAPH, ONTOLOGY_GRAPH, default_path
from kg.store.store import (
    DEFAULT_WAIT, OPTIMIZE_FRACTION, OPTIMIZE_MIN_DELETIONS, Store, WriteResult,
)

__all__ = ["Store", "WriteResult", "DEFAULT_WAIT", "OPTIMIZE_FRACTION",
           "OPTIMIZE_MIN_DELETIONS", "ENTITIES_GRAPH", "ONTOLOGY_GRAPH", "default_path"]
