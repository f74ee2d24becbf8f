"""Pushing the store to a server, so that the stored queries see on it what they see here.

The stored queries read the default graph; in the embedded store it is the merge of the
public graphs.  Servers differ: in some (Virtuoso, GraphDB, Oxigraph with
``--union-default-graph``, Fuseki with ``unionDefaultGraph``) the default graph of a query
is the union of the named graphs, in others (a plain ``oxigraph serve``, a plain Fuseki) it
is a graph of its own, empty unless written.  `push` finds out which (`probe_union`: it
writes a probe triple into a named graph of its own, asks whether the default graph shows
it, and drops it), then writes the named graphs and, only where the server needs it, the
merged graph into the default graph.  Afterwards `articles_visible` checks that a query
sees the articles.

Each graph is replaced with ``DROP SILENT GRAPH <g>`` then ``INSERT DATA`` (big graphs in
chunks); triples with blank nodes (the ontology's OWL lists and restrictions) go in one
``INSERT { GRAPH <g> { ... } } WHERE { }`` request, the form every server accepts for them
(Virtuoso refuses blank nodes in ``INSERT DATA``), so each blank node stays one node.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Callable, Optional

from kg.errors import RemoteError
from kg.remote.client import Endpoint
from kg.remote.urls import mask_url

CHUNK_QUADS = 5_000
PROBE_GRAPH = "urn:x-evidence-kg:push-probe"
ASK_ARTICLES = ("PREFIX ekg: <https://w3id.org/evidence-kg/ns#>\n"
                "ASK WHERE { ?article a ekg:Article }")

#: progress(done, total, graph IRI, quads): called after each graph is written.
Progress = Callable[[int, int, str, int], None]


@dataclass
class PushResult:
    graphs: int = 0
    quads: int = 0
    requests: int = 0
    default_graph: bool = False     # the merged graph was written into the default graph


def _has_bnode(line: str) -> bool:
    return line.startswith("_:") or " _:" in line


def _replace(endpoint: Endpoint, target: str, lines: list[str], chunk: int) -> int:
    """Replace a graph (``GRAPH <g>`` or ``DEFAULT``) on the server with *lines*, in requests
    of *chunk* triples; the lines with blank nodes all go in one request, first."""
    bnodes = [line for line in lines if _has_bnode(line)]
    others = [line for line in lines if not _has_bnode(line)]
    batches = [others[i:i + chunk] for i in range(0, len(others), chunk)]
    drop = "DROP SILENT DEFAULT" if target == "DEFAULT" else f"DROP SILENT {target}"
    requests = [drop]
    if bnodes:
        body = "\n".join(bnodes)
        template = body if target == "DEFAULT" else f"{target} {{\n{body}\n}}"
        requests.append(f"INSERT {{ {template} }} WHERE {{ }}")
    for batch in batches:
        body = "\n".join(batch)
        requests.append(f"INSERT DATA {{ {body} }}" if target == "DEFAULT"
                        else f"INSERT DATA {{ {target} {{\n{body}\n}} }}")
    # the DROP goes with the first insert: a graph is never left empty between two requests
    sent = [" ;\n".join(requests[:2])] + requests[2:]
    for text in sent:
        endpoint.update(text)
    return len(sent)


def probe_union(endpoint: Endpoint) -> bool:
    """Whether the server's default graph shows what its named graphs hold.

    Writes one triple into the graph ``urn:x-evidence-kg:push-probe``, asks for it without
    ``GRAPH``, and drops the graph again."""
    nonce = uuid.uuid4().hex      # ours, hex only: never user text
    triple = f'<{PROBE_GRAPH}> <{PROBE_GRAPH}#nonce> "{nonce}"'
    endpoint.update(f"INSERT DATA {{ GRAPH <{PROBE_GRAPH}> {{ {triple} }} }}")
    try:
        return endpoint.ask(f"ASK WHERE {{ {triple} }}")
    finally:
        endpoint.update(f"DROP SILENT GRAPH <{PROBE_GRAPH}>")


def articles_visible(endpoint: Endpoint) -> bool:
    """Whether a query without ``GRAPH`` sees any ``ekg:Article`` on the server."""
    return endpoint.ask(ASK_ARTICLES)


def hidden_articles_error(endpoint: Endpoint) -> RemoteError:
    return RemoteError(
        "E810", f"the SPARQL server at {mask_url(endpoint.query_url or '')} shows no articles "
        "in its default graph",
        "the stored queries read the default graph, so every one of them would answer "
        "nothing there",
        "push the store with `kg push --endpoint UPDATE_URL` (it fills the default graph when "
        "the server does not show the named graphs there), or configure the server so that "
        "its default graph is the union of its named graphs (docs/remote.md)")


def push(store, endpoint: Endpoint, *, with_ontology: bool = True,
         default_graph: Optional[bool] = None, chunk: int = CHUNK_QUADS,
         progress: Optional[Progress] = None) -> PushResult:
    """Replace every public graph of *store* on the server, one graph at a time.

    *default_graph*: ``True`` also writes the merge of the graphs into the server's default
    graph, ``False`` never does, ``None`` (the default) asks the server first (`probe_union`,
    which needs ``endpoint.query_url``) and writes it only where the named graphs do not show
    in the default graph."""
    if default_graph is None:
        default_graph = not probe_union(endpoint)
    names = store.graph_names(with_ontology=with_ontology)
    total = len(names) + (1 if default_graph else 0)
    result = PushResult(default_graph=default_graph)
    for g in names:
        lines = sorted(f"{q.subject} {q.predicate} {q.object} ." for q in store.quads(g))
        result.requests += _replace(endpoint, f"GRAPH {g}", lines, chunk)
        result.graphs += 1
        result.quads += len(lines)
        if progress:
            progress(result.graphs, total, g.value, len(lines))
    if default_graph:
        from kg.export import merged_triples

        lines = sorted(f"{s} {p} {o} ." for s, p, o in merged_triples(store, with_ontology))
        result.requests += _replace(endpoint, "DEFAULT", lines, chunk)
        result.quads += len(lines)
        if progress:
            progress(total, total, "the default graph", len(lines))
    return result


__all__ = ["push", "PushResult", "probe_union", "articles_visible", "hidden_articles_error",
           "CHUNK_QUADS", "PROBE_GRAPH"]
