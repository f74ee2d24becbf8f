"""Signs of stance in what a frame says, found by the patterns of ``data/stance.json``.

Each pattern is a signal named by its id ("negated-act:verb", "justification:strike-on-
military", "doubt:evidence"...); its family is the part before the colon.  A signal belongs
to a frame when the token the pattern anchors on lies in the frame's content.  The patterns
run once per document.

>>> from kg.extract.nlp import load
>>> doc = load()("The ministry said its forces did not strike the hospital.")
>>> sorted(families(signals_in(list(doc))))
['negated-act']
"""

from __future__ import annotations

from kg.extract import patterns


def rules():
    return patterns.load("stance")


def doc_signals(doc) -> dict[int, set[str]]:
    """Anchor token index -> the ids of the signals anchored there (cached on the doc)."""
    cached = doc.user_data.get("kg_stance_signals")
    if cached is not None:
        return cached
    out: dict[int, set[str]] = {}
    for pid, nodes in rules().matches(doc):
        anchor = nodes.get("anchor", nodes.get("start"))
        out.setdefault(anchor, set()).add(pid)
    doc.user_data["kg_stance_signals"] = out
    return out


def signals_in(tokens) -> set[str]:
    """The signals anchored on any of *tokens*."""
    if not tokens:
        return set()
    found = doc_signals(tokens[0].doc)
    out: set[str] = set()
    for t in tokens:
        out |= found.get(t.i, set())
    return out


def families(signals: set[str]) -> set[str]:
    return {s.split(":", 1)[0] for s in signals}


def words(list_id: str) -> frozenset:
    return rules().words(list_id)


def anchors_in(tokens, prefix: str) -> list:
    """The tokens of *tokens* on which a signal whose id starts with *prefix* is anchored."""
    if not tokens:
        return []
    found = doc_signals(tokens[0].doc)
    return [t for t in tokens if any(s.startswith(prefix) for s in found.get(t.i, ()))]
