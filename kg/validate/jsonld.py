"""JSON-LD files read without fetching the contexts they name, unless an option allows it.

rdflib's JSON-LD parser loads every ``@context`` or ``@import`` that is a string (a URL,
or a path relative to the file) as it meets it, through its own URL loading: any scheme
(``file:`` included), no timeout, nothing a caller can turn off.  The way it offers to
avoid that is to be given a document whose contexts are all in it: rdflib parses a Python
data structure (`rdflib.parser.PythonInputSource`) as it parses the text, and fetches only
the string references it finds.  So `read_jsonld` walks the document first, and each
reference (string, ``@import``, one in a list, a scoped context of a term) is either
refused with E304 (the default: the file names it, the user gets a clear error) or, with
``--allow-remote-context``, fetched over http(s) by `kg.validate.fetch.fetch` (timeout,
size limit) and put in its place.  rdflib then never sees a reference it would fetch.

Inline contexts (objects under ``"@context"``) work as before:

>>> doc = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:a", "name": "A"}
>>> len(parse_jsonld_data(doc, "file:///tmp/a.jsonld", "a.jsonld"))
1
>>> try:
...     parse_jsonld_data({"@context": "https://schema.org/", "@id": "urn:a"},
...                       "file:///tmp/a.jsonld", "a.jsonld")
... except InputError as err:
...     print(err.code, err.cause)
E304 its JSON-LD @context refers to https://schema.org/, which is not fetched unless asked
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from rdflib import Dataset
from rdflib.parser import PythonInputSource

from kg.errors import InputError
from kg.validate.fetch import NO_FETCH, SCHEMES, FetchError, FetchPolicy, fetch, shown_url

_CONTEXT, _IMPORT, _BASE, _VALUE = "@context", "@import", "@base", "@value"
_ACCEPT = "application/ld+json, application/json;q=0.9, */*;q=0.1"


def read_jsonld(path: Path, policy: FetchPolicy = NO_FETCH) -> Any:
    """The JSON of the file *path*, every context reference in it replaced by the context
    it names (fetched within *policy*), or `InputError` E304/E305 naming the file."""
    doc = json.loads(path.read_bytes())
    return _Inliner(str(path), policy).document(doc, path.absolute().as_uri())


def parse_jsonld_data(doc: Any, base: str, where: str,
                      policy: FetchPolicy = NO_FETCH) -> Dataset:
    """Parse the JSON-LD data *doc* (relative IRIs against *base*) into a new `Dataset`;
    *where* names it in errors."""
    doc = _Inliner(where, policy).document(doc, base)
    ds = Dataset()
    ds.parse(source=PythonInputSource(doc, system_id=base), format="json-ld")
    return ds


def parse_jsonld(path: Path, policy: FetchPolicy = NO_FETCH) -> Dataset:
    """Parse the JSON-LD file *path* into a new `Dataset`, fetching nothing *policy*
    does not allow."""
    ds = Dataset()
    ds.parse(source=PythonInputSource(read_jsonld(path, policy),
                                      system_id=path.absolute().as_uri()),
             format="json-ld")
    return ds


class _Inliner:
    """Replaces the context references of one document, fetching what *policy* allows."""

    def __init__(self, where: str, policy: FetchPolicy):
        self.where, self.policy = where, policy
        self.cache: dict[str, Any] = {}      # URL -> its context, references replaced
        self.fetched = 0

    def document(self, node: Any, base: str) -> Any:
        """Walk node objects (and lists of them), replacing each ``@context``."""
        if isinstance(node, list):
            for item in node:
                self.document(item, base)
        elif isinstance(node, dict):
            if _CONTEXT in node:
                node[_CONTEXT] = self.context(node[_CONTEXT], base, ())
            for key, value in node.items():
                if key not in (_CONTEXT, _VALUE):   # a JSON literal is data, not JSON-LD
                    self.document(value, base)
        return node

    def context(self, value: Any, base: str, chain: tuple[str, ...]) -> Any:
        """A context value with its references replaced: a string, a list, or an object
        (whose ``@import`` and the scoped contexts of its terms are references too)."""
        if isinstance(value, str):
            return self.reference(value, base, chain)
        if isinstance(value, list):
            out: list = []
            for item in value:
                found = self.context(item, base, chain)
                out.extend(found if isinstance(found, list) else [found])
            return out
        if not isinstance(value, dict):
            return value                     # null resets; anything else rdflib reports
        if isinstance(value.get(_IMPORT), str):
            imported = self.reference(value[_IMPORT], base, chain)
            if not isinstance(imported, dict):
                raise InputError(self.where, f"its JSON-LD @import {shown_url(value[_IMPORT])} "
                                 "is not one context object", code="E303",
                                 fix="@import a document whose @context is an object")
            value = {**imported, **{k: v for k, v in value.items() if k != _IMPORT}}
        for term in value.values():
            if isinstance(term, dict) and _CONTEXT in term:
                term[_CONTEXT] = self.context(term[_CONTEXT], base, chain)
        return value

    def reference(self, ref: str, base: str, chain: tuple[str, ...]) -> Any:
        """The context the string *ref* names (relative to *base*), or E304."""
        url = urljoin(base, ref)
        if urlsplit(url).scheme.lower() not in SCHEMES:
            raise InputError(self.where, f"its JSON-LD @context refers to {shown_url(ref)}, "
                             "a local document, which is never read", code="E304",
                             fix="put the context into the file (an object under \"@context\")")
        if not self.policy.remote_contexts:
            raise InputError(self.where, f"its JSON-LD @context refers to {shown_url(url)}, "
                             "which is not fetched unless asked", code="E304",
                             fix="put the context into the file (an object under "
                                 "\"@context\"), or pass --allow-remote-context to fetch it")
        if url in chain:
            raise InputError(self.where, f"the JSON-LD context {shown_url(url)} includes itself",
                             code="E303", fix="remove the loop between the contexts")
        if url not in self.cache:
            self.cache[url] = self.remote(url, chain)
        return copy.deepcopy(self.cache[url])

    def remote(self, url: str, chain: tuple[str, ...]) -> Any:
        self.fetched += 1
        if self.fetched > self.policy.max_documents:
            raise InputError(self.where, f"its JSON-LD contexts name more than "
                             f"{self.policy.max_documents} documents", code="E305",
                             fix="put the contexts into the file")
        try:
            data, _ = fetch(url, self.policy, "the JSON-LD context", _ACCEPT)
        except FetchError as err:
            raise InputError(self.where, f"{err.what}: {err.cause}", fix=err.fix,
                             code=err.code) from None
        try:
            doc = json.loads(data)
        except ValueError as err:
            raise InputError(self.where, f"the JSON-LD context {shown_url(url)} is not JSON "
                             f"({err})", code="E305", fix="check the address") from None
        if not isinstance(doc, dict) or _CONTEXT not in doc:
            raise InputError(self.where, f"the document at {shown_url(url)} has no @context",
                             code="E305", fix="check the address")
        found = self.context(doc[_CONTEXT], url, chain + (url,))
        return _without_base(found)


def _without_base(context: Any) -> Any:
    """A fetched context loses its ``@base``, which JSON-LD ignores in remote contexts."""
    if isinstance(context, list):
        return [_without_base(c) for c in context]
    if isinstance(context, dict) and _BASE in context:
        return {k: v for k, v in context.items() if k != _BASE}
    return context


__all__ = ["parse_jsonld", "parse_jsonld_data", "read_jsonld"]
