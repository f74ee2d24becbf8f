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
    the entities, and the links between the claims of those articles: what ``kg validate
    --store DIR --article ID`` validates, as plain graphs that need no filtering."""
    from kg import iris
    from kg.namespaces import EKG, RDF
    from kg.store import layout
    from kg.store.across import links_of
    from kg.store.terms import to_rdflib
    from kg.validate.engine.terms import to_ox

    prefix = str(iris.article_iri(""))
    scope = store.validation_scope(article_ids, with_ontology=False)
    ids = {str(n)[len(prefix):].split("/", 1)[0] for n in scope.graph.all_nodes()
           if str(n).startswith(prefix)}
    graphs = [store.article_graph(i) for i in sorted(ids) if i and store.has_article(i)]
    links = Graph(identifier=to_rdflib(layout.LINKS_GRAPH))
    claims = {n for g in graphs for cls in (EKG.Allegation, EKG.Denial)
              for n in g.subjects(RDF.type, cls)}
    for s, p, o in links_of(store.db, (to_ox(n) for n in sorted(claims))):
        if to_rdflib(s) in claims and to_rdflib(o) in claims:   # both ends here
            links.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    graphs.append(store.entities_graph())
    graphs.append(links)
    return graphs
