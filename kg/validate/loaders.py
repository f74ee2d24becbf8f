"""Read RDF files into one in-memory rdflib graph, one loader per input format.

The format comes from the file extension.  Formats with named graphs (TriG, N-Quads,
JSON-LD) are merged: validation sees their union.  Files are parsed by Oxigraph's parsers,
which keep every literal as written (rdflib's would rewrite ``"none"^^xsd:boolean`` as
``"false"`` and so hide an ill-formed value from validation) and never fetch anything (a
JSON-LD ``@context`` must be inline).

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

from kg.errors import InputError
from kg.namespaces import PREFIXES
from kg.store.terms import to_rdflib

PathLike = Union[str, Path]


def _new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _oxigraph_loader(fmt: ox.RdfFormat) -> Callable[[Path, Graph], None]:
    def load(path: Path, into: Graph) -> None:
        parser = ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        for q in parser:
            into.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        for prefix, ns in sorted((parser.prefixes or {}).items()):
            if prefix and prefix not in PREFIXES:
                into.bind(prefix, ns, override=False)
    return load


@dataclass(frozen=True)
class Loader:
    name: str                   # as users know it ("Turtle")
    load: Callable[[Path, Graph], None]


_TURTLE = Loader("Turtle", _oxigraph_loader(ox.RdfFormat.TURTLE))
_NTRIPLES = Loader("N-Triples", _oxigraph_loader(ox.RdfFormat.N_TRIPLES))
_TRIG = Loader("TriG", _oxigraph_loader(ox.RdfFormat.TRIG))
_NQUADS = Loader("N-Quads", _oxigraph_loader(ox.RdfFormat.N_QUADS))
_JSONLD = Loader("JSON-LD", _oxigraph_loader(ox.RdfFormat.JSON_LD))
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


def load_into(path: PathLike, graph: Graph) -> None:
    """Parse the RDF file *path* into *graph*; raise `InputError` naming the file if it is
    missing, has an unknown extension or does not parse."""
    path = Path(path)
    loader = loader_for(path)
    if not path.exists():
        raise InputError(path, "no such file", fix="check the path", code="E301")
    if path.is_dir():
        raise InputError(path, "is a directory, not an RDF file",
                         fix="name the files inside it (e.g. DIR/*.ttl)", code="E301")
    try:
        loader.load(path, graph)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        detail = " ".join(str(exc).split())
        if len(detail) > 300:
            detail = detail[:297] + "..."
        raise InputError(path, f"not valid {loader.name}: {detail or type(exc).__name__}",
                         fix=f"correct the {loader.name} syntax, or give the file the "
                             "extension of the format it is in", code="E303") from exc


def load_graph(path: PathLike) -> Graph:
    """Read one RDF file into a new in-memory graph."""
    g = _new_graph()
    load_into(path, g)
    return g


def expand(paths: Iterable[PathLike]) -> list[Path]:
    """*paths* with each folder replaced by the RDF files in it and below (by extension,
    sorted); a folder without any is an `InputError` (E304)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in FORMATS)
            if not found:
                raise InputError(path, "no RDF files in this folder",
                                 fix="put the RDF in files named "
                                     + ", ".join(f"*{e}" for e in sorted(FORMATS)),
                                 code="E304")
            files += found
        else:
            files.append(path)
    return files


def load_shapes(paths: Iterable[PathLike]) -> Graph:
    """Read shapes files, and the RDF files in folders (by extension), into one graph."""
    return load_files(expand(paths))


def load_files(paths: Iterable[PathLike]) -> Graph:
    """Read RDF files into one new in-memory graph (their union)."""
    g = _new_graph()
    for path in paths:
        load_into(path, g)
    return g


__all__ = ["FORMATS", "Loader", "expand", "load_files", "load_graph", "load_into", "load_shapes",
           "loader_for"]
