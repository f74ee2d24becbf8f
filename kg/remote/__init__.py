"""Remote SPARQL 1.1 servers: run stored queries there, push the store there.

    ep = Endpoint("http://localhost:7878/query", update_url="http://localhost:7878/update")
    push(store, ep)                       # the graphs, and the default graph if the server needs it
    results = run_query(find_query("undenied_allegations"), endpoint=ep)

* `kg.remote.client`: `Endpoint`, queries and updates over HTTP (the SPARQL 1.1 Protocol)
  through SPARQLWrapper, every answer checked; timeouts, retries with backoff for
  connection failures and 5xx.
* `kg.remote.answers`: SPARQL JSON results read and checked for shape (E809 otherwise).
* `kg.remote.push`: `push`, one graph per request, so an interrupted push is finished by
  running it again; it finds out whether the server's default graph shows the named graphs
  and writes the merged graph there when it does not.  It reads the store, never writes it.
* `kg.remote.urls`: URLs checked before any request; secrets in them (query-string values,
  ``user:password@``) and in the environment never shown.

Credentials come from the environment only: ``KG_ENDPOINT_USER`` and
``KG_ENDPOINT_PASSWORD`` (HTTP Basic, or Digest with ``KG_ENDPOINT_AUTH=digest``) or
``KG_ENDPOINT_TOKEN`` (``Authorization: Bearer``); a URL with ``user:password@`` is refused.
"""

from __future__ import annotations

from kg.remote.client import DEFAULT_RETRIES, DEFAULT_TIMEOUT, Credentials, Endpoint
from kg.remote.push import (
    CHUNK_QUADS, PushResult, articles_visible, hidden_articles_error, probe_union, push,
)
from kg.remote.urls import (
    ENV_AUTH, ENV_PASSWORD, ENV_TOKEN, ENV_USER, Secrets, check_url, guess_query_url, mask_url,
)

__all__ = ["Endpoint", "Credentials", "push", "PushResult", "probe_union", "articles_visible",
           "hidden_articles_error", "mask_url", "Secrets", "check_url", "guess_query_url",
           "ENV_USER", "ENV_PASSWORD", "ENV_TOKEN", "ENV_AUTH", "CHUNK_QUADS",
           "DEFAULT_TIMEOUT", "DEFAULT_RETRIES"]
