"""What reading a user's RDF file may fetch: nothing, unless an option asked for it.

RDF files name other documents: a JSON-LD ``@context`` (or ``@import``) that is a URL, an
``owl:imports``.  rdflib would fetch the first while parsing (any scheme, ``file:`` too, with
no timeout) and owlready2 the second while loading; evidence-kg fetches neither.  A
`FetchPolicy` says what an explicit option allowed (``--allow-remote-context``,
``--follow-imports``); `fetch` is the one place such a document is read, over http(s) only,
with a timeout and a size limit:

>>> NO_FETCH.remote_contexts, NO_FETCH.imports
(False, False)
>>> try:
...     fetch("file:///etc/passwd", FetchPolicy(remote_contexts=True), "a context")
... except FetchError as err:
...     print(err.cause)
only http and https addresses are fetched

See docs/security.md.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlsplit

from kg import __version__
from kg.errors import KgError, escaped

DEFAULT_TIMEOUT = 10.0                 # seconds, per fetched document
DEFAULT_MAX_BYTES = 5 * 1024 * 1024    # per fetched document
DEFAULT_MAX_DOCUMENTS = 50             # per file read (contexts and imports of imports...)
SCHEMES = ("http", "https")


class FetchError(KgError):
    """A document that an option allowed to fetch could not be fetched."""


@dataclass(frozen=True)
class FetchPolicy:
    """What may be fetched while reading user files; the default fetches nothing."""

    remote_contexts: bool = False      # JSON-LD @context / @import URLs (http, https)
    imports: bool = False              # owl:imports (http, https)
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_documents: int = DEFAULT_MAX_DOCUMENTS


NO_FETCH = FetchPolicy()


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise FetchError("E305", f"cannot fetch {shown_url(req.full_url)}",
                             f"it redirects to {shown_url(newurl)}, which is not http(s)",
                             "put the document into the file itself")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def shown_url(url: str, limit: int = 120) -> str:
    """*url* for a message: a password in it masked, control characters escaped, at most
    *limit* characters.

    >>> shown_url("https://me:secret@example.org/ctx.jsonld")
    'https://me:***@example.org/ctx.jsonld'
    """
    parts = urlsplit(url) if "@" in url else None
    if parts is not None and parts.password:
        url = url.replace(f":{parts.password}@", ":***@", 1)
    if len(url) > limit:
        url = url[:limit] + "…"
    return escaped(url)


def fetch(url: str, policy: FetchPolicy, what: str,
          accept: str = "*/*") -> tuple[bytes, Optional[str]]:
    """The bytes and media type at *url* (http or https), read within *policy*'s timeout
    and size limit; `FetchError` (E305) when it cannot be had.  *what* names the document
    in messages ("a JSON-LD context")."""
    label = f"{what} {shown_url(url)}"
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise FetchError("E305", f"cannot fetch {label}", "only http and https addresses are "
                         "fetched", "put the document into the file itself")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={
        "Accept": accept, "User-Agent": f"evidence-kg/{__version__}"})
    deadline = time.monotonic() + policy.timeout
    try:
        with opener.open(request, timeout=policy.timeout) as response:
            data = _read(response, policy, deadline, label)
            media = response.headers.get_content_type() if response.headers else None
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        raise FetchError("E305", f"cannot fetch {label}", f"the server answered {err.code} "
                         f"{err.reason}", "check the address") from None
    except (TimeoutError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        if isinstance(reason, TimeoutError) or isinstance(err, TimeoutError):
            cause = f"no answer within {policy.timeout:g} s"
            fix = "try again later, or raise --fetch-timeout"
        else:
            cause, fix = f"{' '.join(str(reason).split())[:200]}", "check the address"
        raise FetchError("E305", f"cannot fetch {label}", cause, fix) from None
    return data, media


def _read(response, policy: FetchPolicy, deadline: float, label: str) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError()
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError("E305", f"cannot fetch {label}", f"it is over the "
                             f"{policy.max_bytes:,}-byte limit for a fetched document",
                             "put what you need of it into the file itself")
        chunks.append(chunk)


__all__ = ["DEFAULT_TIMEOUT", "FetchError", "FetchPolicy", "NO_FETCH", "fetch", "shown_url"]
