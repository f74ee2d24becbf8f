"""Read RDF files into one in-memory rdflib graph, one loader per input format.

The format comes from the file extension.  Formats with named graphs (TriG, N-Quads,
JSON-LD) are read into a dataset whose graphs are merged: validation sees their union.

Reading a file fetches nothing: a JSON-LD context that is a URL is an error (E304) and
``owl:imports`` are not followed, unless the `FetchPolicy` given says otherwise (options
``--allow-remote-context`` and ``--follow-imports``; `kg.validate.jsonld`,
`kg.validate.imports`, docs/security.md).

>>> sorted(FORMATS)
['.json', '.jsonld', '.nq', '.nt', '.trig', '.ttl', '.turtle']
>>> load_graph("notes.docx")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InputError: [E302] notes.docx: unknown RDF file extension '.docx'. Fix: ...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Union

from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.namespaces import PREFIXES
from kg.validate.fetch import NO_FETCH, FetchPolicy
from kg.validate.imports import follow_imports, imported_iris

PathLike = Union[str, Path]


def _new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


LoadFunction = Callable[[Path, Graph, FetchPolicy], None]


def _triples_loader(rdflib_format: str) -> LoadFunction:
    def load(path: Path, into: Graph, policy: FetchPolicy) -> None:
        into.parse(path, format=rdflib_format)
    return load


def _merge(ds: Dataset, into: Graph) -> None:
    for s, p, o, _ in ds.quads((None, None, None, None)):
        into.add((s, p, o))
    for prefix, ns in ds.namespaces():
        if prefix not in PREFIXES:
            into.bind(prefix, ns, override=False)


def _quads_loader(rdflib_format: str) -> LoadFunction:
    def load(path: Path, into: Graph, policy: FetchPolicy) -> None:
        ds = Dataset()
        ds.parse(path, format=rdflib_format)
        _merge(ds, into)
    return load


def _jsonld_loader(path: Path, into: Graph, policy: FetchPolicy) -> None:
    from kg.validate.jsonld import parse_jsonld

    _merge(parse_jsonld(path, policy), into)


@dataclass(frozen=True)
class Loader:
    name: str                   # as users know it ("Turtle")
    load: LoadFunction


_TURTLE = Loader("Turtle", _triples_loader("turtle"))
_NTRIPLES = Loader("N-Triples", _triples_loader("nt"))
_TRIG = Loader("TriG", _quads_loader("trig"))
_NQUADS = Loader("N-Quads", _quads_loader("nquads"))
_JSONLD = Loader("JSON-LD", _jsonld_loader)

#: File extension (lower case) -> loader.
FORMATS: dict[str, Loader] = {
    ".ttl": _TURTLE, ".turtle": _TURTLE, ".nt": _NTRIPLES, ".trig": _TRIG, ".nq": _NQUADS,
    ".jsonld": _JSONLD, ".json": _JSONLD,
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
    except Exception as exc:  # rdflib raises many kinds of parser errors
        detail = " ".join(str(exc).split())
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


def load_files(paths: Iterable[PathLike], policy: FetchPolicy = NO_FETCH) -> Graph:
    """Read RDF files into one new in-memory graph (their union)."""
    g = _new_graph()
    for path in paths:
        load_into(path, g, policy)
    return g


__all__ = ["FORMATS", "Loader", "load_files", "load_graph", "load_into", "loader_for"]
