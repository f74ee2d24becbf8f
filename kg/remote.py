"""Remote SPARQL 1.1 servers, through SPARQLWrapper: run stored queries, push the store.

    ep = Endpoint("http://localhost:7878/query", update_url="http://localhost:7878/update")
    results = run_query(find_query("undenied_allegations"), endpoint=ep)
    push(store, ep)

* Queries are the same text the embedded store runs (`kg.sparql.prepare`): parameters bound
  by a VALUES block of N-Triples terms, sent by POST.  The server must treat its default graph
  as the union of its named graphs (docs/remote.md says how, server by server).
* `push` replaces each public graph of the store on the server, one graph per request
  (``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``; big graphs in chunks), so a
  push interrupted half way can simply be run again.  It reads the store, never writes it.
* Credentials come from the environment only: ``KG_ENDPOINT_USER`` and
  ``KG_ENDPOINT_PASSWORD`` (HTTP Basic, or Digest with ``KG_ENDPOINT_AUTH=digest``) or
  ``KG_ENDPOINT_TOKEN`` (``Authorization: Bearer``).
  They never appear in arguments, messages or logs; a URL with ``user:password@`` is refused.
* Each request has a timeout; connection failures, timeouts and 5xx answers are retried a few
  times with exponential backoff; everything else fails at once with a `RemoteError`.
"""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlsplit

from kg.errors import RemoteError

ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"
ENV_TOKEN = "KG_ENDPOINT_TOKEN"
ENV_AUTH = "KG_ENDPOINT_AUTH"   # "basic" (default) or "digest" (Virtuoso's /sparql-auth)
DEFAULT_TIMEOUT = 60
DEFAULT_RETRIES = 3
CHUNK_QUADS = 5_000


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError("E801", f"bad {what} URL {url!r}",
                          "it must be an http:// or https:// URL",
                          "give the server's SPARQL endpoint, e.g. http://localhost:7878/query")
    if parts.username or parts.password:
        raise RemoteError("E802", f"the {what} URL contains credentials",
                          "arguments show up in process lists and shell histories",
                          f"remove them from the URL and set {ENV_USER} and {ENV_PASSWORD} "
                          f"(or {ENV_TOKEN}) in the environment")
    return url


@dataclass
class Endpoint:
    """A SPARQL server: its query URL and, for pushes, its update URL."""

    query_url: Optional[str] = None
    update_url: Optional[str] = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def __post_init__(self) -> None:
        if self.query_url:
            _check_url(self.query_url, "query endpoint")
        if self.update_url:
            _check_url(self.update_url, "update endpoint")

    # --- requests ----------------------------------------------------------------------------
    def _wrapper(self, url: str, update: bool):
        from SPARQLWrapper import (
            BASIC, DIGEST, JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper,
        )

        w = SPARQLWrapper(url, updateEndpoint=url)
        w.setMethod(POST)
        w.setReturnFormat(JSON)
        w.setTimeout(int(max(1, self.timeout)))
        w.setRequestMethod(POSTDIRECTLY if update else URLENCODED)
        user, password, token = (os.environ.get(v) for v in (ENV_USER, ENV_PASSWORD, ENV_TOKEN))
        if token:
            w.addCustomHttpHeader("Authorization", f"Bearer {token}")
        elif user and password:
            w.setHTTPAuth(DIGEST if os.environ.get(ENV_AUTH, "").lower() == "digest" else BASIC)
            w.setCredentials(user, password)
        return w

    def _send(self, url: str, text: str, update: bool):
        from SPARQLWrapper import SPARQLExceptions as E

        attempt = 0
        while True:
            attempt += 1
            w = self._wrapper(url, update)
            w.setQuery(text)
            try:
                response = w.query()
                return response.response.read() if not update else None
            except (E.QueryBadFormed, E.EndPointNotFound, E.Unauthorized, E.URITooLong) as err:
                raise self._error(url, err, update) from None
            except (E.EndPointInternalError, urllib.error.URLError, socket.timeout,
                    TimeoutError, ConnectionError) as err:
                status = getattr(err, "code", None)
                if isinstance(err, urllib.error.HTTPError) and status and status < 500:
                    raise self._error(url, err, update) from None
                if attempt > self.retries:
                    raise self._error(url, err, update, attempts=attempt) from None
                self.sleep(self.backoff * 2 ** (attempt - 1))

    def _error(self, url: str, err: Exception, update: bool, attempts: int = 1) -> RemoteError:
        from SPARQLWrapper import SPARQLExceptions as E

        what = f"the SPARQL server at {url} {'refused the update' if update else 'failed'}"
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        if isinstance(err, E.Unauthorized):
            return RemoteError("E803", what, "it asks for credentials (HTTP 401)",
                               f"set {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN}")
        if isinstance(err, E.EndPointNotFound):
            return RemoteError("E804", what, "no SPARQL endpoint at that URL (HTTP 404)",
                               "check the URL; docs/remote.md lists it for common servers")
        if isinstance(err, E.QueryBadFormed):
            return RemoteError("E805", what, "it rejected the request (HTTP 400): "
                               + _short(getattr(err, "msg", str(err))),
                               "check that the URL is the " + ("update" if update else "query")
                               + " endpoint and that the server supports SPARQL 1.1")
        if isinstance(err, urllib.error.HTTPError):
            return RemoteError("E806", what, f"HTTP {err.code} {err.reason}{tries}",
                               "check the server's logs")
        if isinstance(err, E.EndPointInternalError):
            return RemoteError("E806", what, f"internal server error (HTTP 500){tries}: "
                               + _short(getattr(err, "msg", str(err))), "check the server's logs")
        reason = getattr(err, "reason", err)
        return RemoteError("E807", f"cannot reach the SPARQL server at {url}",
                           f"{reason}{tries}",
                           "check that the server runs and the URL is right; nothing was changed "
                           "locally")

    # --- the operations ----------------------------------------------------------------------
    def select(self, text: str) -> dict:
        """Run a query, return the W3C SPARQL JSON results."""
        if not self.query_url:
            raise RemoteError("E808", "no query endpoint given", fix="pass --endpoint URL")
        body = self._send(self.query_url, text, update=False)
        try:
            return json.loads(body)
        except ValueError as err:
            raise RemoteError("E809", f"the SPARQL server at {self.query_url} did not answer "
                              "with SPARQL JSON results", str(err),
                              "check that the URL is a SPARQL query endpoint") from None

    def update(self, text: str) -> None:
        if not self.update_url:
            raise RemoteError("E808", "no update endpoint given",
                              fix="pass the server's SPARQL update URL with --endpoint")
        self._send(self.update_url, text, update=True)


def _short(msg, n: int = 300) -> str:
    s = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n] + "…"


# --- pushing the store -----------------------------------------------------------------------
@dataclass
class PushResult:
    graphs: int = 0
    quads: int = 0
    requests: int = 0


def _replace(endpoint: Endpoint, target: str, lines: list[str], chunk: int) -> int:
    """Replace a graph (``GRAPH <g>`` or ``DEFAULT``) on the server with *lines*, in requests
    of *chunk* triples; lines with blank nodes all go in the first request (a blank node
    split over two requests would become two)."""
    bnodes = [line for line in lines if line.startswith("_:") or " _:" in line]
    others = [line for line in lines if not (line.startswith("_:") or " _:" in line)]
    first = bnodes + others[:chunk]
    batches = [first] + [others[i:i + chunk] for i in range(chunk, len(others), chunk)]
    drop = "DROP SILENT DEFAULT" if target == "DEFAULT" else f"DROP SILENT {target}"
    requests = 0
    for i, batch in enumerate(batches):
        ops = [drop] if i == 0 else []
        if batch:
            body = "\n".join(batch)
            ops.append(f"INSERT DATA {{ {body} }}" if target == "DEFAULT"
                       else f"INSERT DATA {{ {target} {{\n{body}\n}} }}")
        endpoint.update(" ;\n".join(ops))
        requests += 1
    return requests


def push(store, endpoint: Endpoint, *, with_ontology: bool = True,
         with_default_graph: bool = False, chunk: int = CHUNK_QUADS,
         progress: Optional[Callable[[str, int], None]] = None) -> PushResult:
    """Replace every public graph of *store* on the server, one graph at a time; with
    *with_default_graph*, also the server's default graph with the merge of them all."""
    result = PushResult()
    for g in store.graph_names(with_ontology=with_ontology):
        lines = sorted(f"{q.subject} {q.predicate} {q.object} ." for q in store.quads(g))
        result.requests += _replace(endpoint, f"GRAPH {g}", lines, chunk)
        result.graphs += 1
        result.quads += len(lines)
        if progress:
            progress(g.value, len(lines))
    if with_default_graph:
        from kg.export import merged_triples

        lines = sorted(f"{s} {p} {o} ." for s, p, o in merged_triples(store, with_ontology))
        result.requests += _replace(endpoint, "DEFAULT", lines, chunk)
        result.quads += len(lines)
    return result


def union_default_graph_ok(endpoint: Endpoint) -> bool:
    """Whether the server's default graph shows the articles (the union of named graphs)."""
    data = endpoint.select("PREFIX ekg: <https://w3id.org/evidence-kg/ns#>\n"
                           "ASK WHERE { ?a a ekg:Article }")
    return bool(data.get("boolean"))


__all__ = ["Endpoint", "push", "PushResult", "union_default_graph_ok", "ENV_USER", "ENV_PASSWORD",
           "ENV_TOKEN"]
