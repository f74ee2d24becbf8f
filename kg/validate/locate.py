"""Where a focus node comes from: the file (and line) that describes it, for people and for
code scanning (SARIF).

In RDF files, a node is found where it first appears as a subject (its IRI in angle
brackets, in one of the file's prefixed forms, or as a JSON-LD ``@id`` / RDF/XML
``rdf:about``), else where it first appears at all.  In a store, a node of an article's
graph (a quote, a claim, the article) comes from the article's file (``ekg:fileName``), and
an attack or figure from the files of the articles that report it; the store keeps no line.

>>> import tempfile, pathlib
>>> from rdflib import URIRef
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> f = d / "g.ttl"
>>> _ = f.write_text("@prefix ex: <https://example.org/> .\\n\\nex:a ex:p ex:b .\\n")
>>> locate_in_files([URIRef("https://example.org/a")], [f])[URIRef("https://example.org/a")]
... # doctest: +ELLIPSIS
[Location(file='...g.ttl', line=3)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import pyoxigraph as ox
from rdflib import URIRef

from kg.namespaces import EKG


@dataclass(frozen=True)
class Location:
    """A file (as given, or an article's file name) and, when known, a 1-based line."""

    file: str
    line: Optional[int] = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


def _prefixes(text: str) -> dict[str, str]:
    """The prefixes a Turtle / TriG / SPARQL-style file declares."""
    found = re.findall(r"(?im)^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", text)
    return {p: ns for p, ns in found}


def _forms(iri: str, prefixes: dict[str, str]) -> list[str]:
    forms = [f"<{iri}>", f'"{iri}"']
    for p, ns in prefixes.items():
        if ns and iri.startswith(ns):
            local = iri[len(ns):]
            if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                forms.append(f"{p}:{local}")
    return forms


_TOKEN = re.compile(r'<[^<>"\s]*>|"[^"\s]*"|[A-Za-z_][\w.-]*:[\w-]*(?:\.[\w-]+)*|:[\w-]+')


class _Index:
    """For each token of a file (an IRI in angle brackets, a quoted string without spaces,
    a prefixed name), the first line where it starts a line (a subject, a JSON-LD ``@id``,
    an RDF/XML ``rdf:about``) and the first line where it appears: one pass over the file,
    then a look-up per node."""

    def __init__(self, lines: list[str]):
        self.subject: dict[str, int] = {}
        self.anywhere: dict[str, int] = {}
        for n, line in enumerate(lines, 1):
            stripped = line.lstrip()
            if stripped.startswith(("@prefix", "PREFIX", "prefix", "@base", "#")):
                continue
            tokens = _TOKEN.findall(line)
            for t in tokens:
                self.anywhere.setdefault(t, n)
            if tokens and (stripped.startswith(tokens[0]) or '"@id"' in line
                           or "rdf:about=" in line):
                head = tokens[1] if tokens[0] in ('"@id"',) and len(tokens) > 1 else tokens[0]
                if "rdf:about=" in line:
                    head = next((t for t in tokens if t.startswith('"')), head)
                self.subject.setdefault(head, n)

    def line_of(self, forms: list[str]) -> Optional[int]:
        found = [self.subject[f] for f in forms if f in self.subject]
        if found:
            return min(found)
        found = [self.anywhere[f] for f in forms if f in self.anywhere]
        return min(found) if found else None


def locate_in_files(nodes: Iterable, files: Iterable[Path]) -> dict:
    """For each IRI of *nodes*, the files that mention it, with the line (see the module)."""
    wanted = sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)
    out: dict = {}
    if not wanted:
        return out
    for path in files:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        index = _Index(text.splitlines())
        prefixes = _prefixes(text)
        for node in wanted:
            line = index.line_of(_forms(str(node), prefixes))
            if line is not None:
                out.setdefault(node, []).append(Location(str(path), line))
    return out


def locate_in_store(nodes: Iterable, store: ox.Store) -> dict:
    """For each IRI of *nodes*, the files of the articles it belongs to or is reported in."""
    file_name, reported_in = ox.NamedNode(str(EKG.fileName)), ox.NamedNode(str(EKG.reportedIn))
    prefix = "https://w3id.org/evidence-kg/id/article/"
    out: dict = {}
    for node in {n for n in nodes if isinstance(n, URIRef)}:
        iri = str(node)
        if iri.startswith(prefix):
            articles = [ox.NamedNode(prefix + iri[len(prefix):].split("/", 1)[0])]
        else:
            articles = [q.object for q in store.quads_for_pattern(ox.NamedNode(iri), reported_in,
                                                                  None)]
        names = sorted({q.object.value for a in set(articles)
                        for q in store.quads_for_pattern(a, file_name, None)
                        if isinstance(q.object, ox.Literal)})
        if names:
            out[node] = [Location(n) for n in names]
    return out


__all__ = ["Location", "locate_in_files", "locate_in_store"]
