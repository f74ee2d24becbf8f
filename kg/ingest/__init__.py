"""Ingest: ``.txt`` and ``.html`` files (and their metadata) in, `kg.model.Article` out.

>>> from kg.ingest import iter_articles, IngestSummary
>>> summary = IngestSummary()
>>> for result in iter_articles(["no/such/folder"]):
...     print(summary.add(result))
failed: [E105] no/such/folder: no such file or folder. Fix: check the path
>>> summary.ok
False

Modules: `reader` (walking, reading, results), `decode` (encodings), `text` (titles,
datelines), `html` (main text of a page), `metadata` (``MANIFEST.json`` and sidecars).
No rdflib, no spaCy here.
"""

from kg.ingest.decode import Decoded, NotText, decode_bytes
from kg.ingest.html import extract_html
from kg.ingest.metadata import MANIFEST_NAME, Metadata
from kg.ingest.reader import (ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, IngestResult, IngestSummary,
                              count_articles, iter_articles, read_article, skip_duplicates)

__all__ = [
    "ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "MANIFEST_NAME", "Decoded", "IngestResult",
    "IngestSummary", "Metadata", "NotText", "count_articles", "decode_bytes", "extract_html",
    "iter_articles", "read_article", "skip_duplicates",
]
