"""Worker processes that parse, extract and resolve whole batches of articles (``kg ingest
--jobs N``); the calling process writes what they return.

Each worker loads the spaCy model once (a forked worker shares the parent's copy) and runs
the same code as one job (`kg.pipeline.analyse` on a batch), so the extractions, and so the
store, are the same as with one job.  `Extraction` objects are plain dataclasses and travel
back pickled; an article whose extraction fails comes back as the error's text.  At most
two batches per worker are in flight: the input is read as the work goes, never all at once.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from kg.errors import KgError
from kg.model import Extraction

_extractor = None          # in a worker: the Extractor of this process


def _start(model: Optional[str]) -> None:
    global _extractor
    from kg.extract import Extractor

    _extractor = Extractor(model)


def _work(articles: list) -> list:
    """Run in a worker: one resolved `Extraction`, or an error tuple, per article."""
    from kg.pipeline import extract_each

    out: list = []
    for x in extract_each(articles, _extractor):
        out.append(x if isinstance(x, Extraction) else
                   ("error", x.code, x.what, x.cause, x.fix))
    return out


def _back(x) -> object:
    if isinstance(x, tuple) and x and x[0] == "error":
        return KgError(*x[1:])
    return x


class Workers:
    """A pool of *n* processes for `map`; a context manager.  A worker that dies (killed, out
    of memory) stops the ingest with `KgError` E151 rather than leaving it waiting."""

    def __init__(self, extractor, n: int):
        # fork shares the loaded model (copy on write) and starts in milliseconds, but is
        # only safe while this process runs no other thread; else spawn, which loads it anew
        method = ("fork" if threading.active_count() == 1
                  and "fork" in multiprocessing.get_all_start_methods() else "spawn")
        global _extractor
        if method == "fork":
            _extractor = extractor
        self.n = n
        context = multiprocessing.get_context(method)
        if method == "fork":
            self.pool = ProcessPoolExecutor(n, mp_context=context)
        else:
            self.pool = ProcessPoolExecutor(n, mp_context=context, initializer=_start,
                                            initargs=(getattr(extractor, "model", None),))

    def map(self, batches: Iterable[tuple[object, list]]) -> Iterator[tuple[object, list, list]]:
        """For each (notes, batch of `IngestResult`): (notes, batch, extractions), in order."""
        in_flight: deque = deque()
        for notes, batch in batches:
            work = [r.article for r in batch]
            in_flight.append((notes, batch, self.pool.submit(_work, work)))
            if len(in_flight) >= 2 * self.n:
                yield self._done(in_flight.popleft())
        while in_flight:
            yield self._done(in_flight.popleft())

    @staticmethod
    def _done(item) -> tuple[object, list, list]:
        notes, batch, future = item
        try:
            return notes, batch, [_back(x) for x in future.result()]
        except BrokenProcessPool as err:
            raise KgError("E151", "a worker process of the ingest died",
                          cause=f"{err} (out of memory, or killed), while reading "
                                f"{batch[0].path} and the {len(batch) - 1} articles after it",
                          fix="what was written before stays in the store: run the ingest "
                              "again with fewer --jobs or a smaller --batch-size") from err

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=exc[0] is None, cancel_futures=exc[0] is not None)
