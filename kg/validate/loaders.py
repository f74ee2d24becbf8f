"""Read RDF files into one in-memory rdflib graph, one loader per input format.

The format comes from the file extension.  Formats with named graphs (TriG, N-Quads,
JSON-LD) are merged: validation sees their union.  Files are parsed by Oxigraph's parsers,
which keep every literal as written (rdflib's would rewrite ``"none"^^xsd:boolean`` as
``"false"`` and so hide an ill-formed value from validation), give each file's blank nodes
their own identity, and never fetch anything (``@base`` only resolves relative IRIs; RDF/XML
entities are not loaded).

Reading a file fetches nothing: a JSON-LD context that is a URL is an error (E304) and
``owl:imports`` are not followed, unless the `FetchPolicy` given says otherwise (options
``--allow-remote-context`` and ``--follow-imports``; `kg.validate.jsonld`,
`kg.validate.imports`, docs/security.md).  A JSON-LD file goes through
`kg.validate.jsonld.read_jsonld` first, which refuses (or, when allowed, fetches and puts in
place) every context it names, so that Oxigraph parses a document whose contexts are all in it.

>>> sorted(FORMATS)
['.json', '.jsonld', '.nq', '.nt', '.owl', '.rdf', '.trig', '.ttl', '.turtle', '.xml']
>>> load_graph("notes.docx")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InputError: [E302] notes.docx: unknown RDF file extension '.docx'. Fix: ...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Union

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError, escaped
from kg.namespaces import PREFIXES
from kg.store.terms import to_rdflib
from kg.validate.fetch import NO_FETCH, FetchPolicy
from kg.validate.imports import follow_imports, imported_iris

PathLike = Union[str, Path]


def _new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


LoadFunction = Callable[[Path, Graph, FetchPolicy], None]


def _add(parser, into: Graph) -> None:
    """The quads Oxigraph's *parser* reads, as triples of *into* (named graphs merged)."""
    for q in parser:
        into.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    for prefix, ns in sorted((parser.prefixes or {}).items()):
        if prefix and prefix not in PREFIXES:
            into.bind(prefix, ns, override=False)


def _oxigraph_loader(fmt: ox.RdfFormat) -> LoadFunction:
    def load(path: Path, into: Graph, policy: FetchPolicy) -> None:
        _add(ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri(),
                      rename_blank_nodes=True), into)
    return load


def _jsonld_loader(path: Path, into: Graph, policy: FetchPolicy) -> None:
    """JSON-LD: every context the file names refused (E304) or, if *policy* allows, fetched
    and put in place (`kg.validate.jsonld`); then the self-contained document parsed by
    Oxigraph, which has nothing left to fetch."""
    import json

    from kg.validate.jsonld import read_jsonld

    doc = read_jsonld(path, policy)
    _add(ox.parse(json.dumps(doc), format=ox.RdfFormat.JSON_LD,
                  base_iri=path.resolve().as_uri(), rename_blank_nodes=True), into)


@dataclass(frozen=True)
class Loader:
    name: str                   # as users know it ("Turtle")
    load: LoadFunction


_TURTLE = Loader("Turtle", _oxigraph_loader(ox.RdfFormat.TURTLE))
_NTRIPLES = Loader("N-Triples", _oxigraph_loader(ox.RdfFormat.N_TRIPLES))
_TRIG = Loader("TriG", _oxigraph_loader(ox.RdfFormat.TRIG))
_NQUADS = Loader("N-Quads", _oxigraph_loader(ox.RdfFormat.N_QUADS))
_JSONLD = Loader("JSON-LD", _jsonld_loader)
_RDFXML = Loader("RDF/XML", _oxigraph_loader(ox.RdfFormat.RDF_XML))

#: File extension (lower case) -> loader.
FORMATS: dict[str, Loader] = {
    ".ttl": _TURTLE, ".turtle": _TURTLE, ".nt": _NTRIPLES, ".trig": _TRIG, ".nq": _NQUADS,
    ".jsonld": _JSONLD, ".json": _JSONLD, ".rdf": _RDFXML, ".xml": _RDFXML, ".owl": _RDFXML,
}


def loader_for(path: PathLike) -> Loader:
    """The loader for *path*, chosen by its extension."""
    ext = Path(path).suffix.lower()
    try:
        return FORMATS[ext]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(
            path, f"unknown RDF file extension {ext or '(none)'!r}" if ext
            else "no file extension, so the RDF format is unknown",
            fix=f"name the file with one of {known}", code="E302") from None


def load_into(path: PathLike, graph: Graph, policy: FetchPolicy = NO_FETCH) -> None:
    """Parse the RDF file *path* into *graph*, fetching only what *policy* allows (nothing,
    by default); raise `InputError` naming the file if it is missing, has an unknown
    extension, does not parse, or names a document that cannot or may not be fetched."""
    path = Path(path)
    loader = loader_for(path)
    if not path.exists():
        raise InputError(path, "no such file", fix="check the path", code="E301")
    if path.is_dir():
        raise InputError(path, "is a directory, not an RDF file",
                         fix="name the files inside it (e.g. DIR/*.ttl)", code="E301")
    followed = set(imported_iris(graph)) if policy.imports else set()
    try:
        loader.load(path, graph, policy)
    except InputError:
        raise
    except Exception as exc:  # the parsers raise many kinds of errors
        detail = escaped(" ".join(str(exc).split()))     # Oxigraph's names the file
        if len(detail) > 300:
            detail = detail[:297] + "..."
        raise InputError(path, f"not valid {loader.name}: {detail or type(exc).__name__}",
                         fix=f"correct the {loader.name} syntax, or give the file the "
                             "extension of the format it is in", code="E303") from exc
    follow_imports(graph, policy, str(path), done=followed)


def load_graph(path: PathLike, policy: FetchPolicy = NO_FETCH) -> Graph:
    """Read one RDF file into a new in-memory graph."""
    g = _new_graph()
    load_into(path, g, policy)
    return g


def expand(paths: Iterable[PathLike]) -> list[Path]:
    """*paths* with each folder replaced by the RDF files in it and below (by extension,
    sorted); a folder without any is an `InputError` (E307)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in FORMATS)
            if not found:
                raise InputError(path, "no RDF files in this folder",
                                 fix="put the RDF in files named "
                                     + ", ".join(f"*{e}" for e in sorted(FORMATS)),
                                 code="E307")
            files += found
        else:
            files.append(path)
    return files


def load_shapes(paths: Iterable[PathLike], policy: FetchPolicy = NO_FETCH) -> Graph:
    """Read shapes files, and the RDF files in folders (by extension), into one graph."""
    return load_files(expand(paths), policy)


def load_files(paths: Iterable[PathLike], policy: FetchPolicy = NO_FETCH) -> Graph:
    """Read RDF files into one new in-memory graph (their union)."""
    g = _new_graph()
    for path in paths:
        load_into(path, g, policy)
    return g


__all__ = ["FORMATS", "Loader", "expand", "load_files", "load_graph", "load_into", "load_shapes",
           "loader_for"]
