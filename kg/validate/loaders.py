"""Read RDF files into one in-memory rdflib graph, one loader per input format.

The format comes from the file extension.  Formats with named graphs (TriG, N-Quads,
JSON-LD) are read into a dataset whose graphs are merged: validation sees their union.

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

PathLike = Union[str, Path]


def _new_graph() -> Graph:
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _triples_loader(rdflib_format: str) -> Callable[[Path, Graph], None]:
    def load(path: Path, into: Graph) -> None:
        into.parse(path, format=rdflib_format)
    return load


def _quads_loader(rdflib_format: str) -> Callable[[Path, Graph], None]:
    def load(path: Path, into: Graph) -> None:
        ds = Dataset()
        ds.parse(path, format=rdflib_format)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            into.add((s, p, o))
        for prefix, ns in ds.namespaces():
            if prefix not in PREFIXES:
                into.bind(prefix, ns, override=False)
    return load


@dataclass(frozen=True)
class Loader:
    name: str                   # as users know it ("Turtle")
    load: Callable[[Path, Graph], None]


_TURTLE = Loader("Turtle", _triples_loader("turtle"))
_NTRIPLES = Loader("N-Triples", _triples_loader("nt"))
_TRIG = Loader("TriG", _quads_loader("trig"))
_NQUADS = Loader("N-Quads", _quads_loader("nquads"))
_JSONLD = Loader("JSON-LD", _quads_loader("json-ld"))

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


def load_shapes(paths: Iterable[PathLike]) -> Graph:
    """Read shapes files, and the RDF files in folders (by extension), into one graph."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in FORMATS)
            if not found:
                raise InputError(path, "no RDF files in this folder",
                                 fix="put the shapes in files named "
                                     + ", ".join(f"*{e}" for e in sorted(FORMATS)),
                                 code="E304")
            files += found
        else:
            files.append(path)
    return load_files(files)


def load_files(paths: Iterable[PathLike]) -> Graph:
    """Read RDF files into one new in-memory graph (their union)."""
    g = _new_graph()
    for path in paths:
        load_into(path, g)
    return g


__all__ = ["FORMATS", "Loader", "load_files", "load_graph", "load_into", "load_shapes",
           "loader_for"]
