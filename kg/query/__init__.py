"""Stored SPARQL queries: load them, bind their parameters, run them here or on a server.

    from kg.query import find_query, run_query
    results = run_query(find_query("attack_timeline"), {"category": "ekg:Hospital"}, store=store)
    print(results.format("table"))

Queries live in ``queries/*.rq`` (see docs/queries.md); `kg.query.header` reads their ``#+``
header, `kg.query.params` their parameters, `kg.sparql` binds them, `kg.query.results` formats
what comes back.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Optional, Union

from kg.query.params import Parameter
from kg.query.results import FORMATS, Results
from kg.query.stored import StoredQuery, find_query, load_queries, load_query, load_query_text


def run_query(query: Union[StoredQuery, str], params: Mapping[str, str] = {}, *,
              store=None, endpoint=None, limit: Optional[int] = None,
              offset: Optional[int] = None, allow: Iterable[str] = ()) -> Results:
    """Run *query* (a `StoredQuery`, a stored query's name, or a ``.rq`` path) with *params*
    (parameter name -> value as typed by a user) on the embedded *store* or a remote
    *endpoint* (`kg.remote.Endpoint`).  The same SPARQL text goes to both.  A server's empty
    answer is checked: if its default graph shows no article, E810 says so."""
    q = query if isinstance(query, StoredQuery) else find_query(query)
    if (store is None) == (endpoint is None):
        raise ValueError("give exactly one of store= and endpoint=")
    if store is not None:
        try:
            raw = store.query(q.text, q.bindings(params), allow=allow, limit=limit,
                              offset=offset)
            return Results.from_oxigraph(raw)  # rows are computed here, lazily
        except (OSError, RuntimeError) as err:  # e.g. an allowed SERVICE that fails
            from kg.errors import QueryError

            raise QueryError("E710", f"the query {q.name!r} failed while running", str(err),
                             "check the SERVICE endpoints it calls, and the store") from err
    text = q.prepared(params, limit=limit, offset=offset, allow=allow)
    results = Results.from_json(endpoint.select(text))
    if not results.rows and not results.boolean:
        _check_articles_visible(endpoint)
    return results


def _check_articles_visible(endpoint) -> None:
    """An empty answer from a server whose default graph shows no article is an error (E810):
    the stored queries read the default graph, and the data is elsewhere."""
    from kg.remote import articles_visible, hidden_articles_error

    if not articles_visible(endpoint):
        raise hidden_articles_error(endpoint)


__all__ = ["run_query", "find_query", "load_queries", "load_query", "load_query_text",
           "StoredQuery", "Parameter", "Results", "FORMATS"]
