"""Validating what is in the store: a few articles after an ingest, or everything.

    from kg.store.validation import validate_articles
    report = validate_articles(store, new_ids)      # cost follows the new articles only

`validate_articles` validates the articles' `ValidationScope` (their graphs, the statements
they depend on, the entities they name) with `kg.validate.validate_graph` and keeps the
results about the scope's focus nodes: the nodes brought in as context (an allegation in
another article, say) are judged when their own article is validated, not here.
`validate_store` does the whole store that way, batch by batch, each node judged once.
"""

from __future__ import annotations

from typing import Iterable, Optional

from rdflib import Graph


def _filtered(scope, shapes: Optional[Graph]):
    from kg.validate import ValidationReport, validate_graph

    report = validate_graph(scope.graph, shapes)
    focus = set(scope.focus_nodes)
    return ValidationReport([r for r in report.results if r.focus_node in focus],
                            triples=len(scope.graph))


def validate_articles(store, article_ids: Iterable[str], shapes: Optional[Graph] = None):
    """The `ValidationReport` of these articles (and the entities they name)."""
    return _filtered(store.validation_scope(article_ids), shapes)


def validate_store(store, batch_size: int = 10, shapes: Optional[Graph] = None):
    """The `ValidationReport` of every article and entity, in batches of *batch_size*.

    pySHACL's cost per article grows with the size of the graph it is given (measured at 1M
    triples: about 0.2-0.3 s per article in batches of 1-25, 0.34 s in batches of 200), so
    small batches; each node is judged once."""
    from kg.validate import ValidationReport

    results, triples = [], 0
    for scope in store.iter_validation_scopes(batch_size):
        part = _filtered(scope, shapes)
        results += part.results
        triples += part.triples
    return ValidationReport(results, triples=triples)


def neighbourhood_graphs(store, article_ids: Iterable[str]) -> list[Graph]:
    """The articles' graphs, the whole graphs of the other articles their statements touch,
    the graphs of the incidents their reports are in (which hold the links between claims
    of different articles) with the articles of those incidents' reports, and the
    entities: what ``kg validate --store DIR --article ID`` validates, as plain graphs that
    need no filtering."""
    from kg import iris
    from kg.store.incidents import incident_graph_name, incidents_of, reports_of_articles

    prefix = str(iris.article_iri(""))
    scope = store.validation_scope(article_ids, with_ontology=False)
    ids = {str(n)[len(prefix):].split("/", 1)[0] for n in scope.graph.all_nodes()
           if str(n).startswith(prefix)}
    ids = {i for i in ids if i and store.has_article(i)}
    incidents = incidents_of(store.db, reports_of_articles(store.db, ids))
    ids |= {r[len(prefix):].split("/", 1)[0] for rs in incidents.values() for r in rs}
    graphs = [store.article_graph(i) for i in sorted(ids) if store.has_article(i)]
    slug = len(str(iris.incident_iri("")))
    graphs += [store.graph(incident_graph_name(i[slug:])) for i in sorted(incidents)]
    graphs.append(store.entities_graph())
    return graphs
