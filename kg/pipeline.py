"""The whole path, top to bottom: ingest -> extract -> resolve -> rdf -> store -> validate.

`analyse` turns articles into resolved extractions (what ``kg extract`` and ``kg eval``
show); `ingest` runs the full path into a store.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from kg.extract import Extractor
from kg.model import Article, Extraction
from kg.resolve import resolve_article


def analyse(articles: Iterable[Article], extractor: Optional[Extractor] = None, *,
            batch_size: int = 16, n_process: int = 1) -> Iterator[Extraction]:
    """Extract and resolve each article (one spaCy parse each, batched)."""
    extractor = extractor or Extractor()
    for x in extractor.extract_many(articles, batch_size=batch_size, n_process=n_process):
        yield resolve_article(x)
