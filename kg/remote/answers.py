"""What a server answers to a query: read as W3C SPARQL 1.1 JSON results, and checked.

A server that answers ``{}``, HTML, a truncated body or bindings of the wrong shape has not
answered the query: `read_results` raises `AnswerError` (which `kg.remote` turns into E809,
with the server's own words) instead of letting it pass as an empty table.

>>> read_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": '
...              b'{"type": "uri", "value": "urn:a"}}]}}')["results"]["bindings"][0]["x"]["value"]
'urn:a'
>>> read_results(b'{}')
Traceback (most recent call last):
...
kg.remote.answers.AnswerError: it holds neither "results" nor "boolean"
"""

from __future__ import annotations

import json

import pyoxigraph as ox

TERM_TYPES = {"uri", "literal", "typed-literal", "bnode"}
_MISSING = object()


class AnswerError(ValueError):
    """The body is not SPARQL JSON results; the message says where it goes wrong."""


def read_results(body: bytes, content_type: str = "") -> dict:
    """The SPARQL JSON results in *body*, checked for shape; `AnswerError` otherwise."""
    if not body or not body.strip():
        raise AnswerError("the answer is empty")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AnswerError(f"the answer is not UTF-8 text ({err.reason} at byte "
                          f"{err.start})") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        kind = content_type.split(";")[0].strip() or "no content type"
        raise AnswerError(f"the answer is not JSON ({kind}; {_reason(err)})") from None
    check_results(data)
    return data


def _reason(err: Exception) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else str(err)


def check_results(data: object) -> None:
    """Raise `AnswerError` unless *data* has the shape of SPARQL 1.1 JSON results."""
    if not isinstance(data, dict):
        raise AnswerError(f"it is a JSON {_kind(data)}, not an object")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise AnswerError(f'"boolean" is {_show(data["boolean"])}, not true or false')
        return
    if "results" not in data:
        raise AnswerError('it holds neither "results" nor "boolean"')
    head = data.get("head", _MISSING)
    if not isinstance(head, dict):
        raise AnswerError(f'"head" is {_show(head)}, not an object')
    variables = head.get("vars", _MISSING)
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise AnswerError(f'"head.vars" is {_show(variables)}, not a list of names')
    results = data["results"]
    if not isinstance(results, dict):
        raise AnswerError(f'"results" is {_show(results)}, not an object')
    bindings = results.get("bindings", _MISSING)
    if not isinstance(bindings, list):
        raise AnswerError(f'"results.bindings" is {_show(bindings)}, not a list')
    for i, row in enumerate(bindings):
        if not isinstance(row, dict):
            raise AnswerError(f'"results.bindings[{i}]" is {_show(row)}, not an object')
        for name, term in row.items():
            where = f'"results.bindings[{i}].{_cut(name)}"'
            if name not in variables:
                raise AnswerError(f"{where} binds a variable the head does not list")
            _check_term(term, where)


def _check_term(term: object, where: str) -> None:
    if not isinstance(term, dict):
        raise AnswerError(f"{where} is {_show(term)}, not an RDF term")
    kind = term.get("type", _MISSING)
    if not isinstance(kind, str) or kind not in TERM_TYPES:
        raise AnswerError(f'{where} has the type {_show(kind)}, not one of '
                          + ", ".join(sorted(TERM_TYPES)))
    value = term.get("value", _MISSING)
    if not isinstance(value, str):
        raise AnswerError(f"{where} has the value {_show(value)}, not a string")
    for key in ("datatype", "xml:lang"):
        if key in term and not isinstance(term[key], str):
            raise AnswerError(f'{where} has the {key} {_show(term[key])}, not a string')
    try:
        if kind == "uri":
            ox.NamedNode(value)
        elif "xml:lang" in term:
            ox.Literal(value, language=term["xml:lang"])
        elif "datatype" in term:
            ox.NamedNode(term["datatype"])
    except ValueError as err:
        raise AnswerError(f"{where} is not a valid RDF term ({_cut(err)})") from None


def _kind(value: object) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _show(value: object) -> str:
    if value is _MISSING:
        return "missing"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return f"a JSON {'object' if isinstance(value, dict) else 'array'}"
    return _cut(json.dumps(value, ensure_ascii=False))


def _cut(s: str, n: int = 60) -> str:
    s = str(s)
    return s if len(s) <= n else s[:n] + "…"


__all__ = ["read_results", "check_results", "AnswerError"]
