"""Stored queries: ``queries/*.rq`` files, one question each, with a ``#+`` header.

>>> q = load_query_text("#+ summary: Places\\nSELECT ?p WHERE { ?p a ?_class_iri }", "places")
>>> q.summary, [p.name for p in q.parameters]
('Places', ['class'])
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from kg import resources, sparql
from kg.errors import QueryError, escaped, shown
from kg.query.header import header_lines, markdown_notes, parse_header
from kg.query.params import Parameter, parameters_of


@dataclass
class StoredQuery:
    name: str
    text: str
    summary: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    notes: str = ""                    # the Markdown comment block (Problem / Use)
    path: Optional[Path] = None

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError("E718", f"the query {self.name!r} has no parameter {shown(name)}",
                         f"its parameters: {known}",
                         "`kg queries` lists each query's parameters after its summary")

    def bindings(self, values: Mapping[str, str]) -> dict[str, object]:
        """Variable name -> RDF term for the values given, defaults filled in.

        Unknown names, missing required parameters and badly typed values raise QueryError."""
        for name in values:
            self.parameter(name)
        out: dict[str, object] = {}
        for p in self.parameters:
            value = values.get(p.name, p.default)
            if value is None:
                if p.required:
                    raise QueryError("E719", f"the query {self.name!r} needs the parameter "
                                     f"{p.name!r} ({p.type_label})",
                                     fix=f"add --param {p.name}=VALUE")
                continue
            out[p.variable] = p.term(value)
        return out

    def prepared(self, values: Mapping[str, str] = {}, *, limit: Optional[int] = None,
                 offset: Optional[int] = None, allow=()) -> str:
        """The text to send: checked read-only, parameters bound by VALUES, paged."""
        return sparql.prepare(self.text, self.bindings(values), allow=allow, limit=limit,
                              offset=offset)


def load_query_text(text: str, name: str, path: Optional[Path] = None, *,
                    require_summary: bool = True) -> StoredQuery:
    """A query from its text.  A stored query must say what it answers (``#+ summary:``);
    a query file of one's own (*require_summary* False) may be plain SPARQL."""
    where = str(path or name)
    meta = parse_header(header_lines(text), where)
    tokens = sparql.tokenize(text)
    params = parameters_of({t.value[1:] for t in tokens if t.kind == "var"})
    by_name = {p.name: p for p in params}
    for key in ("defaults", "enumerate"):
        entries = meta.get(key, [])
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise QueryError("E711", f"bad header in {where}",
                             f"{key!r} must be a list of `parameter: value` entries")
        for entry in entries:
            for pname, value in entry.items():
                if pname not in by_name:
                    raise QueryError("E720", f"{where}: {key} names {pname!r}, which is not a "
                                     "parameter of the query",
                                     f"parameters: {', '.join(by_name) or 'none'}",
                                     "declare it as ?_name or ?__name in the query")
                if key == "defaults":
                    by_name[pname].default = str(value)
                else:
                    by_name[pname].choices = [str(v) for v in
                                              (value if isinstance(value, list) else [value])]
    for p in params:  # defaults and enumerations must be valid values
        if p.default is not None:
            p.term(p.default)
    tags = meta.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if "summary" not in meta and not require_summary:
        meta["summary"] = f"the query in {path.name if path else name}"
    if "summary" not in meta:
        raise QueryError("E721", f"{where} has no `#+ summary:` line",
                         "every stored query says in one line what it answers",
                         "add `#+ summary: ...` at the top")
    return StoredQuery(name=name, text=text, summary=meta["summary"],
                       description=meta.get("description", ""), tags=list(tags),
                       parameters=params, notes=markdown_notes(text), path=path)


def load_query(path: Path, *, require_summary: bool = True) -> StoredQuery:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError("E722", f"cannot read the query file {escaped(str(path))}",
                         str(err)) from err
    return load_query_text(text, path.stem, path, require_summary=require_summary)


def queries_dir() -> Path:
    return resources.queries_dir()


def load_queries(directory: Optional[Path] = None) -> dict[str, StoredQuery]:
    """Every stored query, by name (the file name without ``.rq``), sorted."""
    d = Path(directory) if directory else queries_dir()
    return {p.stem: load_query(p) for p in sorted(d.glob("*.rq"))}


def find_query(name_or_path: str, directory: Optional[Path] = None) -> StoredQuery:
    """A stored query by name, or any ``.rq`` file by path."""
    if name_or_path.endswith(".rq") or "/" in name_or_path:
        return load_query(Path(name_or_path), require_summary=False)
    d = Path(directory) if directory else queries_dir()
    path = d / f"{name_or_path}.rq"
    if not path.exists():
        names = sorted(p.stem for p in d.glob("*.rq"))
        wanted = name_or_path.replace("-", "_").lower()
        close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5) or \
            [n for n in names if wanted in n][:3]
        fix = (f"did you mean {' or '.join(close)}? " if close else "") + \
            "`kg queries` lists the stored queries; a file of your own is run by its path " \
            "(kg query my-question.rq)"
        raise QueryError("E723", f"no stored query named {shown(name_or_path)}",
                         f"{escaped(str(d))} has no {escaped(name_or_path)}.rq", fix)
    return load_query(path)
