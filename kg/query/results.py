"""Query results, whether from the embedded store or a remote server, and their formats.

Rows hold terms in the W3C SPARQL 1.1 JSON results shape (``{"type": "uri", "value": ...}``),
so embedded and remote results compare equal when they hold the same RDF terms.

Formats: ``table`` (aligned, IRIs shortened with our prefixes, long cells cut), ``csv`` and
``tsv`` (W3C SPARQL 1.1 CSV/TSV), ``json`` (W3C SPARQL 1.1 JSON results), ``markdown``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Optional

import pyoxigraph as ox

from kg.namespaces import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "markdown")
XSD_STRING = PREFIXES["xsd"] + "string"
RDF_LANGSTRING = PREFIXES["rdf"] + "langString"
TABLE_CELL_MAX = 80

Term = dict  # {"type": "uri"|"literal"|"bnode", "value": str, "datatype"?: str, "xml:lang"?: str}


def term_dict(t) -> Optional[Term]:
    """A pyoxigraph term in the W3C JSON results shape."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        if t.language:
            return {"type": "literal", "value": t.value, "xml:lang": t.language}
        if t.datatype.value != XSD_STRING:
            return {"type": "literal", "value": t.value, "datatype": t.datatype.value}
        return {"type": "literal", "value": t.value}
    raise TypeError(f"cannot show {t!r} in results")


def normalise_json_term(t: dict) -> Term:
    """A term from a server's JSON results, in our shape (``typed-literal`` from SPARQL 1.0
    servers becomes ``literal``; ``xsd:string`` and ``rdf:langString`` datatypes go)."""
    kind = t.get("type")
    if kind == "typed-literal":
        kind = "literal"
    out: Term = {"type": kind, "value": t.get("value", "")}
    if kind == "literal":
        lang = t.get("xml:lang")
        dt = t.get("datatype")
        if lang:
            out["xml:lang"] = lang
        elif dt and dt not in (XSD_STRING, RDF_LANGSTRING):
            out["datatype"] = dt
    return out


@dataclass
class Results:
    variables: list[str]
    rows: list[list[Optional[Term]]] = field(default_factory=list)
    boolean: Optional[bool] = None     # for ASK queries

    @classmethod
    def from_oxigraph(cls, result) -> "Results":
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
            return cls([], [], bool(result))
        if not hasattr(result, "variables"):
            from kg.errors import QueryError
            raise QueryError("E717", "kg query shows SELECT and ASK results only",
                             "this query builds a graph (CONSTRUCT or DESCRIBE)",
                             "use kg export for graphs, or rewrite it as a SELECT")
        variables = [v.value for v in result.variables]
        rows = [[term_dict(sol[v]) for v in variables] for sol in result]
        return cls(variables, rows)

    @classmethod
    def from_json(cls, data: dict) -> "Results":
        """From W3C SPARQL 1.1 JSON results (what a server sends)."""
        if "boolean" in data:
            return cls([], [], bool(data["boolean"]))
        variables = list(data.get("head", {}).get("vars", []))
        rows = []
        for b in data.get("results", {}).get("bindings", []):
            rows.append([normalise_json_term(b[v]) if v in b else None for v in variables])
        return cls(variables, rows)

    def to_json_dict(self) -> dict:
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [{v: t for v, t in zip(self.variables, row) if t is not None}
                    for row in self.rows]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}

    def format(self, fmt: str = "table") -> str:
        return FORMATTERS[fmt](self)


# --- cells -----------------------------------------------------------------------------------
def shorten(iri: str) -> str:
    """An IRI with one of our prefixes, when one fits."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    return f"{name}:{iri[len(best):]}" if best else iri


def plain(t: Optional[Term], short: bool = False) -> str:
    if t is None:
        return ""
    if t["type"] == "uri":
        return shorten(t["value"]) if short else t["value"]
    if t["type"] == "bnode":
        return "_:" + t["value"]
    return t["value"]


def nt(t: Optional[Term]) -> str:
    """A term in N-Triples syntax (for TSV)."""
    if t is None:
        return ""
    if t["type"] == "uri":
        return str(ox.NamedNode(t["value"]))
    if t["type"] == "bnode":
        return "_:" + t["value"]
    if "xml:lang" in t:
        lit = ox.Literal(t["value"], language=t["xml:lang"])
    elif "datatype" in t:
        lit = ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"]))
    else:
        lit = ox.Literal(t["value"])
    return str(lit).replace("\t", "\\t")


def _cut(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[:width - 1] + "…"


# --- formats ---------------------------------------------------------------------------------
def to_table(r: Results) -> str:
    if r.boolean is not None:
        return ("yes" if r.boolean else "no") + "\n"
    head = r.variables
    body = [[_cut(plain(t, short=True), TABLE_CELL_MAX) for t in row] for row in r.rows]
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines) + "\n"


def to_csv(r: Results) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.boolean is not None:
        w.writerow(["boolean"])
        w.writerow(["true" if r.boolean else "false"])
        return buf.getvalue()
    w.writerow(r.variables)
    for row in r.rows:
        w.writerow([plain(t) for t in row])
    return buf.getvalue()


def to_tsv(r: Results) -> str:
    if r.boolean is not None:
        return "?boolean\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in r.variables)]
    lines += ["\t".join(nt(t) for t in row) for row in r.rows]
    return "\n".join(lines) + "\n"


def to_json(r: Results) -> str:
    return json.dumps(r.to_json_dict(), ensure_ascii=False, indent=1) + "\n"


def _md(s: str) -> str:
    return " ".join(s.split()).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(r: Results) -> str:
    if r.boolean is not None:
        return ("yes" if r.boolean else "no") + "\n"
    lines = ["| " + " | ".join(_md(v) for v in r.variables) + " |",
             "|" + "|".join("---" for _ in r.variables) + "|"]
    lines += ["| " + " | ".join(_md(plain(t, short=True)) for t in row) + " |" for row in r.rows]
    return "\n".join(lines) + "\n"


FORMATTERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json,
              "markdown": to_markdown}


def rows_as_text(r: Results, short: bool = True) -> list[tuple[str, ...]]:
    """Rows as plain strings (handy in tests)."""
    return [tuple(plain(t, short) for t in row) for row in r.rows]


__all__ = ["Results", "FORMATS", "term_dict", "rows_as_text", "shorten"]
