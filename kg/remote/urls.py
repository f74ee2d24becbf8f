"""Endpoint URLs: checked before any request, and never shown with their secrets.

A URL may carry a secret in its query string (``?api_key=...``, some hosted services want
one) or in ``user:password@`` (refused: the credentials belong in the environment).  Every
message shows the URL masked, and every text a server or the network sends back is
scrubbed of the secrets before it is shown:

>>> mask_url("https://h.example/sparql?api_key=abc123&x=1#top")
'https://h.example/sparql?api_key=***&x=***#top'
>>> mask_url("http://ann:pw@h.example/sparql")
'http://***@h.example/sparql'
>>> Secrets.of("https://h.example/q?api_key=abc123").scrub("denied for key abc123")
'denied for key ***'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import parse_qsl, unquote, urlsplit

from kg.errors import RemoteError

ENV_USER = "KG_ENDPOINT_USER"
ENV_PASSWORD = "KG_ENDPOINT_PASSWORD"
ENV_TOKEN = "KG_ENDPOINT_TOKEN"
ENV_AUTH = "KG_ENDPOINT_AUTH"   # "basic" (default) or "digest" (Virtuoso's /sparql-auth)
MASK = "***"
_USERINFO = re.compile(r"(//)[^/?#]*@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def mask_url(url: str) -> str:
    """*url* with its ``user:password@`` and every query-string value replaced by ``***``.

    Works on text that is not a valid URL too (it never raises)."""
    url = _CONTROL.sub("?", str(url))
    url = _USERINFO.sub(r"\1" + MASK + "@", url, count=1)
    base, q, rest = url.partition("?")
    if not q:
        return url
    query, hash_, fragment = rest.partition("#")
    parts = []
    for item in query.split("&"):
        name, eq, value = item.partition("=")
        parts.append(f"{name}={MASK}" if eq and value else (item if eq else MASK))
    return base + "?" + "&".join(parts) + hash_ + fragment


@dataclass
class Secrets:
    """The secret strings of a URL and of the environment, to scrub from any text shown."""

    values: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, *urls: str) -> "Secrets":
        found: set[str] = set()
        for url in urls:
            if url:
                found.update(_url_secrets(url))
        for var in (ENV_PASSWORD, ENV_TOKEN):
            if os.environ.get(var):
                found.add(os.environ[var])
        # longest first, so that a secret holding another is masked whole
        return cls(sorted((s for s in found if len(s) >= 3), key=lambda s: (-len(s), s)))

    def scrub(self, text: object) -> str:
        """*text* on one line, without the secrets or other control characters."""
        s = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        for secret in self.values:
            s = s.replace(secret, MASK)
        return _CONTROL.sub("?", " ".join(s.split()))


def _url_secrets(url: str) -> Iterable[str]:
    m = re.search(r"//([^/?#]*)@", url)
    if m:
        userinfo = m.group(1)
        yield userinfo
        yield unquote(userinfo)
        yield from (p for p in userinfo.split(":")[1:] if p)
    query = url.partition("?")[2].partition("#")[0]
    for item in query.split("&"):
        value = item.partition("=")[2] or (item if "=" not in item else "")
        if value:
            yield value
            yield unquote(value)
    try:
        for _name, value in parse_qsl(query, keep_blank_values=False):
            yield value
    except ValueError:  # pragma: no cover - parse_qsl is lenient
        pass


def check_url(url: str, what: str) -> str:
    """*url* if it is an http(s) URL kg can send requests to; E801/E802 otherwise."""
    shown = mask_url(url)
    fix = "give the server's SPARQL endpoint, e.g. http://localhost:7878/query"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks the port
        (parts.hostname or "").encode("idna")       # and this the host name
    except ValueError as err:  # UnicodeError included
        raise RemoteError("E801", f"bad {what} URL {shown!r}",
                          f"it cannot be read as a URL ({Secrets.of(url).scrub(err)})",
                          fix) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError("E801", f"bad {what} URL {shown!r}",
                          "it must be an http:// or https:// URL with a host name", fix)
    if _CONTROL.search(url) or any(c.isspace() for c in url):
        raise RemoteError("E801", f"bad {what} URL {shown!r}",
                          "it holds spaces or control characters",
                          "percent-encode them (%20 for a space)")
    if not (parts.path + parts.query).isascii():
        raise RemoteError("E801", f"bad {what} URL {shown!r}",
                          "its path or query string holds characters other than ASCII",
                          "percent-encode them (%C3%A4 for ä)")
    if "@" in parts.netloc:
        raise RemoteError("E802", f"the {what} URL {shown!r} contains credentials",
                          "arguments show up in process lists and shell histories",
                          f"remove them from the URL and set {ENV_USER} and {ENV_PASSWORD} "
                          f"(or {ENV_TOKEN}) in the environment")
    return url


def guess_query_url(update_url: str) -> str:
    """The query endpoint that usually goes with an update endpoint.

    >>> guess_query_url("http://localhost:7878/update")        # Oxigraph, Fuseki
    'http://localhost:7878/query'
    >>> guess_query_url("http://localhost:7200/repositories/kg/statements")  # GraphDB, RDF4J
    'http://localhost:7200/repositories/kg'
    >>> guess_query_url("http://localhost:8890/sparql-auth")   # Virtuoso: one URL for both
    'http://localhost:8890/sparql-auth'
    """
    parts = urlsplit(update_url)
    path = parts.path
    if path.endswith("/update"):
        path = path[: -len("update")] + "query"
    elif path.endswith("/statements"):
        path = path[: -len("/statements")]
    return parts._replace(path=path).geturl()


__all__ = ["mask_url", "Secrets", "check_url", "guess_query_url", "ENV_USER", "ENV_PASSWORD",
           "ENV_TOKEN", "ENV_AUTH"]
