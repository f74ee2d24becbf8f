"""Analysts' review of what the machine found (docs/review.md).

`kg.review.decisions` (decisions as objects and RDF) and `kg.review.apply` (applying them to
an article's graph) sit below the store, which applies decisions on every write
(`kg.store.review`); `kg.review.session` records, reports, exports and imports decisions in a
store (the Python API behind ``kg review``), above it.
"""

from kg.review.decisions import Change, Decision, conflicts, decisions_in, describe

__all__ = ["Change", "Decision", "conflicts", "decisions_in", "describe"]
