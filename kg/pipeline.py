"""The whole path, top to bottom: ingest -> extract -> resolve -> rdf -> store -> validate.

>>> from kg.pipeline import ingest                                  # doctest: +SKIP
>>> outcome = ingest(["examples/articles"], "kg-store")             # doctest: +SKIP

`analyse` turns articles into resolved extractions (what ``kg extract`` and ``kg eval``
show); `ingest` runs the full path into a store, a batch of articles at a time: each batch
is parsed with ``nlp.pipe``, resolved, written in one transaction (in which the store
recomputes the incidents the batch's attack reports belong to, with their denials across
articles, `kg.store.incidents`), and validated (only the new articles and what they refer
to, so the cost of an ingest does not grow with the store).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from kg.errors import KgError
from kg.extract import Extractor
from kg.ingest import (DEFAULT_MAX_BYTES, IngestResult, IngestSummary, iter_articles,
                       skip_duplicates)
from kg.model import Article, Extraction
from kg.resolve import resolve_article

Echo = Callable[[IngestResult], None]


def analyse(articles: Iterable[Article], extractor: Optional[Extractor] = None, *,
            batch_size: int = 16, n_process: int = 1) -> Iterator[Extraction]:
    """Extract and resolve each article (one spaCy parse each, batched)."""
    extractor = extractor or Extractor()
    for x in extractor.extract_many(articles, batch_size=batch_size, n_process=n_process):
        yield resolve_article(x)


@dataclass
class IngestOutcome:
    """What an ingest did: counts by outcome, and the validation of what was written."""

    summary: IngestSummary = field(default_factory=IngestSummary)
    written: list[str] = field(default_factory=list)      # article ids written or unchanged
    violations: int = 0
    warnings: int = 0
    reports: list = field(default_factory=list)           # kg.validate.ValidationReport

    @property
    def ok(self) -> bool:
        return self.summary.ok and self.violations == 0


def _batches(results: Iterable[IngestResult], size: int
             ) -> Iterator[tuple[list[IngestResult], list[IngestResult]]]:
    """(notes, batch): up to *size* articles, and the other results (skipped files, failures
    to read, warnings) met before them, to report in their place; the last batch may hold
    notes only."""
    notes: list[IngestResult] = []
    batch: list[IngestResult] = []
    for r in results:
        if r.kind == "ingested":
            batch.append(r)
            if len(batch) >= size:
                yield notes, batch
                notes, batch = [], []
        else:
            notes.append(r)
    if batch or notes:
        yield notes, batch


def ingest(paths: Iterable[Union[str, Path]], store_path: Union[str, Path, None] = None, *,
           model: Optional[str] = None, extractor: Optional[Extractor] = None,
           batch_size: int = 32, n_process: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
           validate: bool = True, wait: Optional[float] = None,
           echo: Optional[Echo] = None) -> IngestOutcome:
    """Ingest files and folders into the store at *store_path*, batch by batch.

    With *n_process* > 1, worker processes parse, extract and resolve whole batches a few
    batches ahead (`kg.workers`) while this process writes; batches are written in order,
    and the store is the same whatever the batches (it depends on the set of articles)."""
    from kg.rdf import article_graph, entity_graph, release
    from kg.store import DEFAULT_WAIT, Store

    extractor = extractor or Extractor(model)
    outcome = IngestOutcome()
    stream = skip_duplicates(iter_articles(list(paths), max_bytes=max_bytes))
    for notes, batch, extracted in _extract_batches(_batches(stream, batch_size), extractor,
                                                    n_process):
        for r in notes:
            outcome.summary.add(r)
            if echo:
                echo(r)
        extractions, read = [], []
        for r, x in zip(batch, extracted):
            if isinstance(x, KgError):
                failed = IngestResult(kind="failed", path=r.path, error=x)
                outcome.summary.add(failed)
                if echo:
                    echo(failed)
            else:
                extractions.append(x)
                read.append(r)
        if not extractions:
            continue
        with Store.open(store_path, "w", wait=DEFAULT_WAIT if wait is None else wait,
                        derive_pending=False) as store:
            items = [(with_custody(store, x, article_graph(x)), entity_graph(x))
                     for x in extractions]
            result = store.write_articles(items, derive=False)  # the incidents: at the end
            if validate:
                report = validate_written(store, result.articles or
                                          [x.article.id for x in extractions])
                outcome.reports.append(report)
                outcome.violations += report.counts.get("Violation", 0)
                outcome.warnings += report.counts.get("Warning", 0)
            release(g for pair in items for g in pair)
            del items       # freed now, not walked by the collection at the store's close
        for r, x in zip(read, extractions):
            outcome.written.append(x.article.id)
            r = dataclasses.replace(
                r, message=f"{len(x.claims)} claim(s), {len(x.attacks)} attack(s)")
            outcome.summary.add(r)
            if echo:
                echo(r)
    if outcome.written:
        # the incidents the run's reports are in, recomputed once (each batch noted its share
        # in its own transaction: a run killed before this leaves it to the next open)
        Store.open(store_path, "w", wait=DEFAULT_WAIT if wait is None else wait).close()
    return outcome


def _extract_batches(batches: Iterable[tuple[list, list[IngestResult]]], extractor: Extractor,
                     n_process: int) -> Iterator[tuple[list, list[IngestResult], list]]:
    """(notes, batch, extracted): one resolved extraction (or the error that stopped it) per
    article of the batch, made here or by *n_process* worker processes (a few batches
    ahead, never the whole input)."""
    if n_process <= 1:
        for notes, batch in batches:
            yield notes, batch, list(extract_each([r.article for r in batch], extractor))
        return
    from kg.workers import Workers

    with Workers(extractor, n_process) as workers:
        yield from workers.map(batches)


def extract_each(batch: list[Article], extractor: Extractor
                  ) -> Iterator[Union[Extraction, KgError]]:
    """One resolved extraction per article, or the error that stopped it (the rest of the
    batch goes on)."""
    try:
        yield from list(analyse(batch, extractor))
        return
    except Exception:           # pragma: no cover - a bug in a rule: isolate the article
        pass
    for article in batch:
        try:
            (x,) = list(analyse([article], extractor))
            yield x
        except Exception as e:  # an extractor bug must not lose the batch
            yield KgError("E150", f"{article.path}: extraction failed",
                          cause=f"{type(e).__name__}: {e}",
                          fix="report this article to the evidence-kg developers")


def with_custody(store, x: Extraction, graph):
    """*graph* with the chain of custody of its article (`kg.custody`); the file's bytes
    are copied into the store's folder."""
    from kg.custody import custody_triples, now, previous

    art = x.article
    if art.raw is not None and art.raw_sha256:
        store.keep_original(art.raw_sha256, art.raw)
    when = previous(store, art, x.extractor) or now()
    for t in custody_triples(art, x.extractor, when):
        graph.add(t)
    return graph


def validate_written(store, article_ids: list[str]):
    """Validate the articles just written (and what they refer to) in place, on the store's
    merged default graph (`kg.validate.validate_store`: the cost follows the articles); each
    result names the article files its focus node comes from."""
    from pyoxigraph import NamedNode

    from kg import iris
    from kg.validate import validate_store

    from kg.validate.locate import locate_in_store

    graphs = [NamedNode(str(iris.article_graph_iri(i))) for i in article_ids]
    report = validate_store(store.db, graphs, default_graph=True)
    report.locations = locate_in_store({r.focus_node for r in report.results}, store.db)
    return report
