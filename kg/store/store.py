"""The embedded graph store: an on-disk Oxigraph database with one named graph per article.

    with Store.open("kg-store", mode="w") as store:          # one writer at a time
        store.write_articles([(article_graph(x), entity_graph(x)) for x in extractions])
    with Store.open("kg-store") as store:                    # readers share the store
        rows = store.query("SELECT ...")

Transactions: what one `write_articles` / `remove_articles` changes in the articles (their
graphs, entity facts, the entities touched, the merged default graph queries read) is ONE
SPARQL update, one Oxigraph transaction (`kg.store.writes`), which also notes the incidents
to recompute (`layout.PENDING_GRAPH`); a second update writes them (`kg.store.derive`) and
drops the note.  The next `Store.open`, reader or writer, finishes a note a killed process
left: every kg command sees the store before a write or after it.  Writes are diffs (an
unchanged article changes nothing; deletions leave tombstones until `optimize`, see
`maybe_optimize`).  docs/store.md has the design and the measurements.
"""

from __future__ import annotations

import gc

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional, Union

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal

from kg import resources
from kg.errors import StoreError, StoreLockedError
from kg.store import layout
from kg.namespaces import RDFS
from kg.store.lock import StoreLock
from kg.store.terms import DatatypeRestorer, ToOx, canonical_quads, to_ox, to_rdflib
from kg.store.writes import DEFAULT, Planner

#: Seconds a command waits for the store lock by default.
DEFAULT_WAIT = 30.0
#: Compact once the quads deleted since the last compaction reach this share of the store
#: (and at least OPTIMIZE_MIN_DELETIONS).  Measured at 1M triples (docs/store.md): queries
#: ran 1.6-1.8x slower after 300k deletions, back to normal after a 2 s compaction.
OPTIMIZE_FRACTION = 0.10
OPTIMIZE_MIN_DELETIONS = 20_000

OntologySpec = Union[bool, str, Path, None]


@dataclass
class WriteResult:
    """What one write changed."""

    articles: list[str] = field(default_factory=list)   # ids written or removed
    inserted: int = 0                                    # quads inserted
    deleted: int = 0                                     # quads deleted
    entities: int = 0                                    # entities recomputed
    optimized: bool = False                              # whether the store was compacted after
    incidents: int = 0                                   # incident graphs written
    review: list = field(default_factory=list)           # kg.review.apply.Outcome


class Store:
    """An evidence-kg store on disk.  Open it with `Store.open`."""

    def __init__(self, root: Path, db: ox.Store, lock: StoreLock, mode: str, meta: dict):
        self.path = root
        self.mode = mode
        self._db: Optional[ox.Store] = db
        self._lock = lock
        self._meta = meta
        self._kept: dict = {}
        self._restorer = DatatypeRestorer.from_ranges(   # only rdfs:range counts: look it up
            (q.subject, q.predicate, q.object)
            for q in db.quads_for_pattern(None, ox.NamedNode(str(RDFS.range)), None,
                                          layout.ONTOLOGY_GRAPH))

    # --- opening and closing ------------------------------------------------------------------
    @classmethod
    def open(cls, path: Union[str, Path, None] = None, mode: str = "r", *,
             wait: float = DEFAULT_WAIT, ontology: OntologySpec = True,
             derive_pending: bool = True) -> "Store":
        """Open the store at *path* (default: ``$KG_STORE`` or ``./kg-store``).

        ``mode="r"`` shares the store with other readers; ``mode="w"`` is the one writer,
        creates the store when the folder is new or empty, and loads the ontology (the bundled
        one when *ontology* is True, a file when it is a path, none when False) if it changed.
        Waits up to *wait* seconds for the lock, then raises `StoreLockedError`.  A writer
        first recomputes the incidents a write noted and left undone, unless *derive_pending*
        is false (an ingest between two of its batches: it does them at its end).
        """
        if mode not in ("r", "w"):
            raise ValueError(f"mode must be 'r' or 'w', not {mode!r}")
        root = Path(path) if path is not None else layout.default_path()
        if mode == "w" and not (root / layout.META_FILE).exists():
            layout.init_dir(root)
        if mode == "r" and not root.exists():
            raise StoreError("E606", f"no store at {root}", "the folder does not exist",
                             "ingest articles first (kg ingest), or give --store / KG_STORE")
        meta = layout.read_meta(root)
        lock = StoreLock(root / layout.LOCK_FILE, exclusive=(mode == "w")).acquire(wait, root)
        try:
            db = cls._open_db(root, mode)
            store = cls(root, db, lock, mode, meta)
            if mode == "w" and ontology:
                store.load_ontology(None if ontology is True else Path(ontology))
            pending = layout.has_pending(db)
            if pending and mode == "w" and derive_pending:
                store.derive_incidents()      # what a killed write left undone
        except BaseException:
            lock.release()
            raise
        if pending and mode == "r":           # finish it as the writer, then read
            store.close()
            cls.open(root, "w", wait=wait, ontology=False).close()
            return cls.open(root, "r", wait=wait, ontology=ontology)
        return store

    @staticmethod
    def _open_db(root: Path, mode: str) -> ox.Store:
        db_path = root / layout.DB_DIR
        if mode == "r" and not db_path.exists():
            return ox.Store()  # a store created but never written: empty
        try:
            return ox.Store(str(db_path)) if mode == "w" else ox.Store.read_only(str(db_path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreLockedError(
                    "E611", f"cannot open the store {root}",
                    "another program that is not kg has its database open (for example "
                    f"`oxigraph serve --location {db_path}`)",
                    "stop that program first") from err
            raise StoreError("E607", f"cannot open the store {root}", str(err),
                             "check the folder's permissions and free disk space; restore it "
                             "from a backup if it is damaged") from err

    def close(self) -> None:
        """Close the database and release the lock (also done by ``with``)."""
        if self._db is not None:
            if self.mode == "w":
                self._db.flush()
            self._db = None  # drops Oxigraph's handle, which releases its own lock...
            # ...once nothing else refers to it: query results kept in reference cycles
            # (generators, thread pools) would hold the database open until the collector
            # runs, and the next open in this process would find it locked.
            gc.collect()
            self._lock.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def db(self) -> ox.Store:
        """The pyoxigraph store itself (for reading; write through this class)."""
        if self._db is None:
            raise StoreError("E608", f"the store {self.path} is closed",
                             "it was used after close() or outside its `with` block",
                             "keep using it inside the `with Store.open(...)` block")
        return self._db

    def _need_writer(self) -> None:
        if self.mode != "w":
            raise StoreError("E609", f"the store {self.path} was opened for reading",
                             "writes need the writer lock",
                             "open it with Store.open(path, mode='w')")

    # --- reading -----------------------------------------------------------------------------
    def article_ids(self) -> list[str]:
        """The ids of the articles in the store, sorted."""
        ids = (layout.article_id_of(g.value) for g in self.db.named_graphs()
               if isinstance(g, ox.NamedNode))
        return sorted(i for i in ids if i)

    def has_article(self, article_id: str) -> bool:
        return self.db.contains_named_graph(layout.article_graph(article_id))

    def graph_names(self, *, with_ontology: bool = True) -> list[ox.NamedNode]:
        """The public graphs in export order: ontology, entities, articles by id, then the
        derived incident graphs by name."""
        names = []
        if with_ontology and self.db.contains_named_graph(layout.ONTOLOGY_GRAPH):
            names.append(layout.ONTOLOGY_GRAPH)
        if self.db.contains_named_graph(layout.ENTITIES_GRAPH):
            names.append(layout.ENTITIES_GRAPH)
        names += [layout.article_graph(i) for i in self.article_ids()]
        names += self.incident_graphs()
        from kg.store.review import decision_graph_names

        names += decision_graph_names(self.db)
        return names

    def incident_graphs(self) -> list[ox.NamedNode]:
        """The derived graphs of the incidents, sorted by name."""
        return sorted((g for g in self.db.named_graphs() if isinstance(g, ox.NamedNode)
                       and layout.is_incident_graph(g.value)), key=lambda g: g.value)

    def quads(self, graph: Optional[ox.NamedNode] = None, *,
              with_ontology: bool = True) -> Iterator[ox.Quad]:
        """Quads of one public graph (all public graphs when None), datatypes as declared."""
        if graph is not None:
            if not layout.is_public_graph(graph.value):
                raise StoreError("E612", f"<{graph.value}> is not a public graph",
                                 "internal graphs are the store's bookkeeping",
                                 "ask for an article graph, the entities or the ontology")
            return self._restorer.quads(self.db.quads_for_pattern(None, None, None, graph))
        return (q for g in self.graph_names(with_ontology=with_ontology)
                for q in self.quads(g))

    def graph(self, name: ox.NamedNode) -> Graph:
        """One public graph as an in-memory rdflib graph."""
        g = Graph(identifier=to_rdflib(name))
        for q in self.quads(name):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def article_graph(self, article_id: str) -> Graph:
        return self.graph(layout.article_graph(article_id))

    def entities_graph(self) -> Graph:
        return self.graph(layout.ENTITIES_GRAPH)

    def ontology_graph(self) -> Graph:
        return self.graph(layout.ONTOLOGY_GRAPH)

    def dataset(self, *, with_ontology: bool = True) -> Dataset:
        """Every public graph in one in-memory rdflib `Dataset` (small stores, tests)."""
        ds = Dataset()
        for q in self.quads(with_ontology=with_ontology):
            ds.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
                    to_rdflib(q.graph_name)))
        return ds

    def query(self, sparql: str, bindings: Optional[Mapping[str, object]] = None, *,
              allow: Iterable[str] = (), limit: Optional[int] = None,
              offset: Optional[int] = None):
        """Run a read-only SPARQL query on the default graph: the merge of all public graphs
        (each triple once), so results do not depend on how many articles state a triple.

        *bindings* maps variable names (without ``?``) to pyoxigraph terms; they are bound by
        a VALUES block (`kg.sparql.bind`), never pasted into the text.  ``SERVICE``, ``FROM``
        and updates are refused unless named in *allow*.  Returns pyoxigraph's result
        (solutions, a boolean or triples); `kg.query.run_query` turns it into `Results`.
        """
        from kg import sparql as sp

        text = sp.prepare(sparql, bindings or {}, allow=allow, limit=limit, offset=offset)
        try:
            return self.db.query(text)
        except SyntaxError as err:
            raise sp.syntax_error(err) from err

    def stats(self) -> dict:
        """Counts for ``kg store info``: articles, quads, entities, bytes on disk."""
        db = self.db
        size = sum(f.stat().st_size for f in (self.path / layout.DB_DIR).glob("*")
                   if f.is_file()) if (self.path / layout.DB_DIR).exists() else 0
        entities = {q.subject for q in db.quads_for_pattern(None, None, None,
                                                             layout.ENTITIES_GRAPH)}
        return {
            "path": str(self.path),
            "articles": len(self.article_ids()),
            "quads": len(db),
            "entities": len(entities),
            "ontology_quads": sum(1 for _ in db.quads_for_pattern(
                None, None, None, layout.ONTOLOGY_GRAPH)),
            "bytes_on_disk": size,
            "deleted_since_optimize": self._meta.get("deleted_since_optimize", 0),
        }

    # --- writing -----------------------------------------------------------------------------
    def write_article(self, article_graph: Graph, entity_facts: Optional[Graph] = None,
                      ) -> WriteResult:
        """Write (or replace) one article: its graph and the entity facts it contributes."""
        return self.write_articles([(article_graph, entity_facts)])

    def write_articles(self, items: Iterable[tuple[Graph, Optional[Graph]]],
                       decisions: Iterable = (), *, derive: bool = True) -> WriteResult:
        """Write (or replace) several articles in one transaction.

        Each item is ``(kg.rdf.article_graph(x), kg.rdf.entity_graph(x))``; the article id
        comes from the article graph's identifier (its named-graph IRI).  A later item for the
        same article replaces an earlier one.  The review decisions about each article
        (those stored, and *decisions*, `kg.review.Decision`, which are stored too) are
        applied to it first (`kg.store.review`).  The incidents the articles' reports belong to
        are then recomputed (`derive_incidents`, a second transaction; a write killed between
        the two leaves the work noted in the store, and the next `Store.open` does it).  With
        *derive* false the work is only noted, for a later `derive_incidents` (an ingest of
        many batches recomputes the incidents they touch once, at its end).
        """
        self._need_writer()
        term = ToOx().term
        kept = self._keeps
        wrapped: dict = {}          # predicate -> its wrapped form (a few dozen per write)
        # article id -> (triples of its graph, triples of its entity facts), in the order of
        # the last item for each article
        new: dict[str, tuple[set, set]] = {}
        from kg.store.review import Review

        review = Review(self, decisions)
        for article_graph, entity_facts in items:
            aid = self._article_id(article_graph)
            new.pop(aid, None)
            article_graph, entity_facts = review.prepare(aid, article_graph, entity_facts)
            triples = {(term(s), term(p), term(o)) for s, p, o in article_graph
                       if not isinstance(o, Literal) or kept(p, o)}
            facts: set = set()
            if entity_facts is not None:
                for s, p, o in entity_facts:
                    if isinstance(o, Literal):
                        kept(p, o)
                    wp = wrapped.get(p)
                    if wp is None:
                        wp = wrapped[p] = layout.wrap_predicate(term(p))
                    facts.add((term(s), wp, term(o)))
            new[aid] = (triples, facts)
        from kg.store.derive import pending_quads

        result = self._apply(new, removed=(), pending=pending_quads(articles=new),
                             review=review, derive=derive)
        result.review = review.outcomes
        return result

    def _keeps(self, p, o: Literal) -> bool:
        """True, or `StoreError` E624 when the store would give the literal *o* back in
        another form (``"20"^^xsd:byte`` as ``20``): what is read back, exported or
        validated is what was written."""
        if o.datatype is None or o.language:
            return True
        key = (p, str(o), o.datatype)
        if key not in self._kept:
            self._kept[key] = self._restorer.keeps(ox.NamedNode(str(p)), to_ox(o))
        if not self._kept[key]:
            raise StoreError("E624", f"cannot store {o.n3()} on <{p}> as written",
                             "the store keeps literals in canonical form and every integer type "
                             "but the one the ontology declares for the property as xsd:integer",
                             "write the literal in canonical form with the declared datatype "
                             "(kg.rdf does)")
        return True

    def remove_article(self, article_id: str) -> WriteResult:
        return self.remove_articles([article_id])

    def remove_articles(self, article_ids: Iterable[str]) -> WriteResult:
        """Remove articles and what only they said about entities, then recompute the
        incidents their reports were in (with the links of other articles' claims to
        theirs): the store is then the store the other articles alone give, quad for quad."""
        self._need_writer()
        ids = sorted({layout.check_article_id(a) for a in article_ids})
        missing = [a for a in ids if not self.has_article(a)]
        if missing:
            raise StoreError("E613", f"no article {', '.join(missing)} in {self.path}",
                             "nothing was removed", "list the ids with `kg store info --ids`")
        from kg.store.derive import removal_pending

        from kg.store.review import Review

        return self._apply({}, removed=ids, pending=removal_pending(self.db, ids),
                           review=Review(self))

    def keep_original(self, sha256: str, data: bytes) -> Path:
        """Keep a copy of an ingested file's bytes in the store's folder (the chain of
        custody, `layout.keep_original`)."""
        self._need_writer()
        return layout.keep_original(self.path, sha256, data)

    # --- derived graphs ----------------------------------------------------------------------
    def derive_incidents(self, article_ids: Iterable[str] = ()) -> int:
        """Recompute the incidents of the reports of *article_ids* and those the store notes
        as owed (`layout.PENDING_GRAPH`) in one transaction, dropping the note; return how
        many incident graphs were written."""
        from kg.store.derive import derive_in_store

        self._need_writer()
        return derive_in_store(self, article_ids)

    @staticmethod
    def _article_id(graph: Graph) -> str:
        aid = layout.article_id_of(str(graph.identifier))
        if not aid:
            raise StoreError("E614", f"graph {graph.identifier} is not an article graph",
                             f"article graphs are named {layout.ARTICLE_GRAPH_PREFIX}<id>",
                             "build it with kg.rdf.article_graph")
        return layout.check_article_id(aid)

    def _apply(self, new: Mapping[str, tuple[set, set]], removed: Iterable[str],
               pending: set, review=None, derive: bool = True) -> WriteResult:
        """Write the articles' changes with the note of the incidents they touch (*pending*,
        quads of `layout.PENDING_GRAPH`) in one transaction, then the incidents in a second."""
        removed = list(removed)
        changes = Planner(self.db, new, removed).plan()
        planned = bool(changes)
        if review is not None:
            review.extend(changes, removed)
        result = WriteResult(articles=sorted(set(new) | set(removed)),
                             inserted=len(changes.inserts),
                             deleted=len(changes.deletes) + changes.dropped_quads,
                             entities=changes.entities)
        if not changes:
            return result
        if planned:
            changes.inserts |= pending
        self.db.update(changes.update_text())  # measured faster than extend() for inserts
        meta = self._meta
        meta["quads"] = max(0, meta.get("quads", 0) + result.inserted + len(pending)
                            - result.deleted)
        meta["deleted_since_optimize"] = meta.get("deleted_since_optimize", 0) + result.deleted
        layout.write_meta(self.path, meta)
        if derive:
            result.incidents = self.derive_incidents()
        result.optimized = self.maybe_optimize()
        return result

    # --- the ontology ------------------------------------------------------------------------
    def load_ontology(self, path: Optional[Path] = None) -> bool:
        """Make the ontology graph hold the ontology file (the bundled one by default).

        Returns whether it changed.  Nothing happens when the file does not exist yet.
        Blank nodes get canonical labels (`rdflib.compare.to_canonical_graph`), so loading the
        same file always gives the same graph, and exports stay byte-stable.
        """
        self._need_writer()
        if path is None:
            try:
                path = resources.ontology_file()
            except resources.ResourceNotFound:
                return False
            if not path.exists():
                return False
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if digest == self._meta.get("ontology_sha256") and next(
                self.db.quads_for_pattern(None, None, None, layout.ONTOLOGY_GRAPH), None):
            return False  # the file loaded last time (opening for writing stays cheap)
        quads = ontology_quads(Path(path))
        current = set(self.db.quads_for_pattern(None, None, None, layout.ONTOLOGY_GRAPH))
        if current == quads:
            self._meta["ontology_sha256"] = digest
            layout.write_meta(self.path, self._meta)
            return False
        # Not one transaction (pyoxigraph writes blank nodes with their labels only through
        # extend/remove), but ordered so that an interrupted load is redone, whole, on the next
        # open for writing: the ontology graph is replaced last.
        new_triples = {(q.subject, q.predicate, q.object) for q in quads}
        for q in current:
            t = (q.subject, q.predicate, q.object)
            if t not in new_triples and not self._held_outside_ontology(t):
                self.db.remove(ox.Quad(*t, DEFAULT))
        self.db.extend(sorted((ox.Quad(*t, DEFAULT) for t in new_triples), key=str))
        for q in current - quads:
            self.db.remove(q)
        self.db.extend(sorted(quads - current, key=str))
        self._restorer = DatatypeRestorer.from_ranges(
            (q.subject, q.predicate, q.object) for q in quads)
        self._meta["quads"] = len(self.db)   # rare: recount, for the compaction threshold
        self._meta["ontology_sha256"] = digest
        layout.write_meta(self.path, self._meta)
        return True

    def _held_outside_ontology(self, t: tuple) -> bool:
        for q in self.db.quads_for_pattern(t[0], t[1], t[2], None):
            g = q.graph_name
            if g != DEFAULT and g != layout.ONTOLOGY_GRAPH and layout.is_public_graph(g.value):
                return True
        return False

    # --- compaction --------------------------------------------------------------------------
    def optimize(self) -> None:
        """Compact the database (Oxigraph slows down after many deletions until this runs)."""
        self._need_writer()
        self.db.optimize()
        self._meta["deleted_since_optimize"] = 0
        layout.write_meta(self.path, self._meta)

    def maybe_optimize(self, threshold: Optional[int] = None) -> bool:
        """Compact when at least *threshold* quads were deleted since the last compaction
        (default: `OPTIMIZE_FRACTION` of the store, at least `OPTIMIZE_MIN_DELETIONS`)."""
        if threshold is None:
            threshold = max(OPTIMIZE_MIN_DELETIONS,
                            int(OPTIMIZE_FRACTION * self._meta.get("quads", 0)))
        if self._meta.get("deleted_since_optimize", 0) >= threshold:
            self.optimize()
            return True
        return False


def ontology_quads(path: Path) -> set[ox.Quad]:
    """The ontology file as quads of the ontology graph, blank nodes canonically labelled."""
    from rdflib.compare import to_canonical_graph

    g = Graph()
    try:
        g.parse(str(path), format="turtle")
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise StoreError("E615", f"cannot load the ontology {path}", str(err),
                         "fix the Turtle (try `rapper -i turtle -c FILE`)") from err
    to_ox = ToOx()
    quads = []
    for s, p, o in to_canonical_graph(g):
        quads.append(ox.Quad(_ox_node(s, to_ox), to_ox.term(p), _ox_node(o, to_ox),
                             layout.ONTOLOGY_GRAPH))
    return canonical_quads(quads)


def _ox_node(t, to_ox: ToOx):
    from rdflib import BNode

    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    return to_ox.term(t)


__all__ = ["Store", "WriteResult", "DEFAULT_WAIT", "OPTIMIZE_FRACTION",
           "OPTIMIZE_MIN_DELETIONS", "ontology_quads"]
