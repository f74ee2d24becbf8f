"""The entities graph: one description per agent and place, merged from every article.

Each article contributes entity *facts* (`kg.rdf.entity_graph`): the label its resolver chose,
the names the article used, types, kinds, affiliations.  The store keeps each article's facts
(in an internal graph per article) and derives the public entities graph from all of them, so
that it depends only on the *set* of articles, never on the order they came in:

* ``rdfs:label``: one per entity, the candidate label stated by the most articles, then the
  longest, then the first in code-point order; every other label and name becomes a
  ``skos:altLabel``;
* ``ekg:sourceKind``: one, the kind stated by the most articles, then the first IRI in order;
* everything else (``rdf:type``, ``ekg:speaksFor``, ``ekg:withinPlace``...): the union.

When articles are written or removed, only the entities whose facts changed are recomputed,
from the union of all articles' facts (an internal graph holding each distinct fact once, see
`kg.store.writes`); articles are counted, in Oxigraph, only for an entity with several
candidate labels or kinds.  The cost follows the articles written, not the size of the store.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

import pyoxigraph as ox

from kg.namespaces import EKG, RDFS, SKOS

LABEL = ox.NamedNode(str(RDFS.label))
ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
SOURCE_KIND = ox.NamedNode(str(EKG.sourceKind))


def _literal_key(lit) -> tuple:
    return (lit.value, lit.language or "", lit.datatype.value if lit.datatype else "")


def merge_entity(subject, counts: Mapping[tuple, int]) -> set[ox.Triple]:
    """The merged description of *subject* from its distinct facts ``(predicate, object)``,
    each with the number of articles that state it (only labels and kinds need true counts).

    >>> e = ox.NamedNode("http://example.org/e")
    >>> facts = {(LABEL, ox.Literal("UN")): 1, (LABEL, ox.Literal("United Nations")): 2,
    ...          (ALT_LABEL, ox.Literal("U.N.")): 1}
    >>> sorted(str(t.object) for t in merge_entity(e, facts) if t.predicate == LABEL)
    ['"United Nations"']
    >>> sorted(str(t.object) for t in merge_entity(e, facts) if t.predicate == ALT_LABEL)
    ['"U.N."', '"UN"']
    """
    by_pred: dict[ox.NamedNode, dict] = defaultdict(dict)
    for (p, o), n in counts.items():
        if n > 0:
            by_pred[p][o] = n
    out: set[ox.Triple] = set()
    labels = by_pred.pop(LABEL, {})
    alts = set(by_pred.pop(ALT_LABEL, {}))
    if labels:
        chosen = min(labels, key=lambda lit: (-labels[lit], -len(lit.value), _literal_key(lit)))
        out.add(ox.Triple(subject, LABEL, chosen))
        alts |= set(labels)
        alts.discard(chosen)
    for alt in alts:
        out.add(ox.Triple(subject, ALT_LABEL, alt))
    kinds = by_pred.pop(SOURCE_KIND, {})
    if kinds:
        chosen = min(kinds, key=lambda k: (-kinds[k], str(k)))
        out.add(ox.Triple(subject, SOURCE_KIND, chosen))
    for p, objects in by_pred.items():
        for o in objects:
            out.add(ox.Triple(subject, p, o))
    return out
