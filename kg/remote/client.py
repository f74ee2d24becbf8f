"""One SPARQL 1.1 server: queries and updates over HTTP (the SPARQL 1.1 Protocol), checked.

Requests are built by SPARQLWrapper: a query POSTed as ``application/x-www-form-urlencoded``
(``query=...``), asking for SPARQL JSON results; an update POSTed as
``application/sparql-update``; Basic credentials, a bearer token and the timeout set on it.
The request is opened here, by an opener that follows no redirect (they would resend the
body and the credentials elsewhere: the error names where the server points) and holds
Digest credentials for that request only (`_Wrapper` says why).  Every answer is checked: a
status other than 2xx becomes a numbered `RemoteError` carrying the server's own words; a
query answer that is not SPARQL JSON results (empty, HTML, ``{}``, bindings of the wrong
shape) is E809, never an empty table.  Every URL and every text from the server is shown
with its secrets masked (`kg.remote.urls`).
"""

from __future__ import annotations

import http.client
import math
import os
import re
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass, field
from typing import Callable, Optional

from SPARQLWrapper import (
    BASIC, INSERT, JSON, POST, POSTDIRECTLY, SELECT, URLENCODED, SPARQLWrapper,
)

from kg import __version__
from kg.errors import RemoteError
from kg.remote.answers import AnswerError, read_results
from kg.remote.urls import (
    ENV_AUTH, ENV_PASSWORD, ENV_TOKEN, ENV_USER, Secrets, check_url, mask_url,
)

DEFAULT_TIMEOUT = 60
DEFAULT_RETRIES = 3
WORDS_MAX = 300


class _Retry(Exception):
    """A failure worth trying again (no connection, a timeout, a 5xx); holds its error."""

    def __init__(self, error: RemoteError):
        super().__init__(str(error))
        self.error = error


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 3xx stays an HTTPError
        return None


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper, the request it builds opened by an opener of the `Endpoint`'s own.

    SPARQLWrapper 2.0 opens every request with ``urllib.request.urlopen``, through urllib's
    process-wide opener.  That opener answers a 301, 302 or 303 to a POST with a GET to
    wherever the server points, resending the ``Authorization`` header (Basic, or the bearer
    token) there; an update redirected so "succeeds" without anything written.  And its
    Digest support installs a process-wide opener that keeps the password, for one realm
    ("SPARQL" unless told), for every later request of the process.  So `_query`, the one
    method that opens the request, opens it here with *opener* (no redirects; the Digest
    handler, when wanted, for this request only); the request itself (URL, method, headers,
    body, Basic credentials, the bearer header, the timeout) and the `QueryResult` are
    SPARQLWrapper's.  Its exceptions for 400, 401, 404, 414 and 500 are not used: they keep
    the body only as a Python bytes repr and drop the headers (``Location``,
    ``WWW-Authenticate``) the messages need; the `urllib.error.HTTPError` has them all.
    `_query` and `_createRequest` are SPARQLWrapper 2.0's own (pyproject pins <3); the tests
    of redirects and Digest in tests/test_remote_answers.py fail if they stop being used.
    """

    def __init__(self, url: str, opener: urllib.request.OpenerDirector):
        super().__init__(url, updateEndpoint=url, returnFormat=JSON,
                         agent=f"evidence-kg/{__version__}")
        self.opener = opener

    def _query(self):
        return self.opener.open(self._createRequest(), timeout=self.timeout), self.returnFormat

    def _createRequest(self) -> urllib.request.Request:
        request = super()._createRequest()
        # SPARQLWrapper adds "?" and its parameters (none here) to the URL of an update, which
        # would change the last value of a query string the URL has (?api_key=K sent as K?)
        if request.full_url == self.updateEndpoint + "?":
            request.full_url = self.updateEndpoint
        return request


@dataclass
class Credentials:
    """What the environment says about authentication (values never shown)."""

    user: str = ""
    password: str = ""
    token: str = ""
    scheme: str = "basic"

    @classmethod
    def from_env(cls) -> "Credentials":
        scheme = os.environ.get(ENV_AUTH, "").strip().lower() or "basic"
        if scheme not in ("basic", "digest"):
            raise RemoteError("E812", f"{ENV_AUTH} is {scheme!r}",
                              "it must be basic or digest",
                              f"set {ENV_AUTH}=digest for Digest authentication (Virtuoso's "
                              f"/sparql-auth), or unset it for Basic")
        return cls(os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, ""),
                   os.environ.get(ENV_TOKEN, ""), scheme)

    @property
    def given(self) -> str:
        """Which credentials are sent, in words (for messages)."""
        if self.token:
            return f"the token in {ENV_TOKEN}"
        if self.user and self.password:
            return f"{ENV_USER}/{ENV_PASSWORD} ({self.scheme.title()} authentication)"
        return ""


@dataclass
class Endpoint:
    """A SPARQL server: its query URL and, for pushes, its update URL."""

    query_url: Optional[str] = None
    update_url: Optional[str] = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def __post_init__(self) -> None:
        if self.query_url:
            check_url(self.query_url, "query endpoint")
        if self.update_url:
            check_url(self.update_url, "update endpoint")
        self.credentials = Credentials.from_env()
        self.secrets = Secrets.of(self.query_url or "", self.update_url or "")

    def __repr__(self) -> str:
        return (f"Endpoint(query_url={mask_url(self.query_url or '')!r}, "
                f"update_url={mask_url(self.update_url or '')!r})")

    # --- the operations ----------------------------------------------------------------------
    def select(self, text: str) -> dict:
        """Run a query, return its W3C SPARQL JSON results (checked for shape)."""
        if not self.query_url:
            raise RemoteError("E808", "no query endpoint given", fix="pass --endpoint URL")
        answer, content_type = self._send(self.query_url, text, update=False)
        try:
            return read_results(answer, content_type)
        except AnswerError as err:
            raise RemoteError(
                "E809", f"the SPARQL server at {mask_url(self.query_url)} did not answer with "
                "SPARQL JSON results", f"{self.secrets.scrub(err)}; it answered: "
                + (self.words(answer, content_type) or "nothing"),
                "check that the URL is the server's SPARQL query endpoint (docs/remote.md "
                "lists it for common servers)") from None

    def ask(self, text: str) -> bool:
        data = self.select(text)
        if "boolean" not in data:
            raise RemoteError("E809", f"the SPARQL server at {mask_url(self.query_url or '')} "
                              "answered an ASK query without a boolean",
                              "it sent a results table instead",
                              "check that the URL is the server's SPARQL query endpoint")
        return data["boolean"]

    def update(self, text: str) -> None:
        if not self.update_url:
            raise RemoteError("E808", "no update endpoint given",
                              fix="pass the server's SPARQL update URL with --endpoint")
        self._send(self.update_url, text, update=True)

    # --- requests ----------------------------------------------------------------------------
    def _send(self, url: str, text: str, update: bool) -> tuple[bytes, str]:
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._request(url, text, update)
            except _Retry as failure:
                if attempt > self.retries:
                    err = failure.error
                    if attempt > 1:
                        err.cause = f"{err.cause} (after {attempt} attempts)"
                    raise RemoteError(err.code, err.what, err.cause, err.fix) from None
                self.sleep(self.backoff * 2 ** (attempt - 1))

    def _wrapper(self, url: str, text: str, update: bool) -> _Wrapper:
        """The SPARQLWrapper request for *text*: a query by URL-encoded POST asking for SPARQL
        JSON results, or an update POSTed as ``application/sparql-update``."""
        c = self.credentials
        handlers: list = [_NoRedirect()]
        if c.user and c.password and not c.token and c.scheme == "digest":
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()   # any realm
            passwords.add_password(None, url, c.user, c.password)
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
        sparql = _Wrapper(url, urllib.request.build_opener(*handlers))
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY if update else URLENCODED)
        sparql.setOnlyConneg(True)       # the Accept header only, no format=json parameters
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)   # its guess of the query type
            sparql.setQuery(text)
        # What to do is the caller's choice, not a guess from the text (SPARQLWrapper takes
        # `PREFIX : <http://example.org/address#> SELECT ...` for an ADD, an update).
        sparql.queryType = INSERT if update else SELECT
        # SPARQLWrapper keeps whole seconds (int()): round up, never down to 0 (no timeout)
        sparql.setTimeout(math.ceil(self.timeout))
        if c.token:
            sparql.addCustomHttpHeader("Authorization", f"Bearer {c.token}")
        elif c.user and c.password and c.scheme == "basic":
            sparql.setCredentials(c.user, c.password)
            sparql.setHTTPAuth(BASIC)
        return sparql

    def _request(self, url: str, text: str, update: bool) -> tuple[bytes, str]:
        sparql = self._wrapper(url, text, update)
        try:
            result = sparql.query()
            with result.response:
                return result.response.read(), result.info().get("content-type", "")
        except urllib.error.HTTPError as err:
            raise self._http_error(url, err, update) from None
        except (OSError, http.client.HTTPException) as err:  # URLError, timeouts, resets
            reason = getattr(err, "reason", None) or err
            raise _Retry(RemoteError(
                "E807", f"cannot reach the SPARQL server at {mask_url(url)}",
                self.secrets.scrub(_reason(reason)),
                "check that the server runs and the URL is right; nothing was changed "
                "locally")) from None
        except ValueError as err:  # what http.client refuses in a URL
            raise RemoteError("E801", f"bad endpoint URL {mask_url(url)!r}",
                              self.secrets.scrub(err), "check the URL") from None

    def _http_error(self, url: str, err: urllib.error.HTTPError, update: bool) -> Exception:
        status = err.code
        try:
            answer = err.read() if err.fp is not None else b""
        except (OSError, http.client.HTTPException):
            answer = b""
        content_type = err.headers.get("Content-Type", "") if err.headers else ""
        words = self.words(answer, content_type)
        said = f": {words}" if words else ""
        what = (f"the SPARQL server at {mask_url(url)} "
                + ("refused the update" if update else "refused the query"))
        kind = "update" if update else "query"
        if status in (401, 403):
            return self._auth_error(what, status, err, said)
        if status == 404:
            return RemoteError("E804", what, f"no SPARQL endpoint at that URL (HTTP 404){said}",
                               "check the URL; docs/remote.md lists it for common servers")
        if 300 <= status < 400:
            where = mask_url(err.headers.get("Location", "")) if err.headers else ""
            return RemoteError("E805", what, f"it redirects (HTTP {status}) to {where or '?'}",
                               "give the URL it redirects to")
        if status >= 500:
            return _Retry(RemoteError("E806", what, f"server error (HTTP {status}){said}",
                                      "check the server's logs"))
        return RemoteError("E805", what, f"it rejected the request (HTTP {status}){said}",
                           f"check that the URL is the server's {kind} endpoint and that it "
                           "supports SPARQL 1.1")

    def _auth_error(self, what: str, status: int, err, said: str) -> RemoteError:
        c = self.credentials
        challenge = (err.headers.get("WWW-Authenticate", "") if err.headers else "").lower()
        hint = ""
        if c.user and c.scheme != "digest" and not c.token:
            if challenge.startswith("digest"):
                hint = f"; the server asks for Digest authentication: set {ENV_AUTH}=digest"
            elif not challenge.startswith("basic"):
                hint = (f"; if the server wants Digest authentication (Virtuoso's "
                        f"/sparql-auth does), set {ENV_AUTH}=digest")
        if status == 403:
            return RemoteError("E803", what, f"access denied (HTTP 403){said}",
                               "use an account the server allows to do this (for updates, one "
                               "with the right to write, e.g. Virtuoso's SPARQL_UPDATE role)"
                               + hint)
        if c.given:
            return RemoteError("E803", what, f"it refused the credentials (HTTP 401){said}",
                               f"check {c.given}" + hint)
        if c.user or c.password:
            missing = ENV_PASSWORD if c.user else ENV_USER
            return RemoteError("E803", what, f"it asks for credentials (HTTP 401){said}",
                               f"{missing} is not set: set both {ENV_USER} and {ENV_PASSWORD}")
        return RemoteError("E803", what, f"it asks for credentials (HTTP 401){said}",
                           f"set {ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN}")

    def words(self, answer: bytes, content_type: str = "") -> str:
        """The start of what the server said, as one line of plain text, secrets masked."""
        text = answer[:20_000].decode("utf-8", "replace")
        if "html" in content_type.lower() or text.lstrip().startswith("<"):
            text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
            text = re.sub(r"<[^>]*>", " ", text)
        text = " ".join(self.secrets.scrub(text).split())
        return text if len(text) <= WORDS_MAX else text[:WORDS_MAX] + "…"


def _reason(reason) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "no answer within the timeout"
    return str(reason) or type(reason).__name__


__all__ = ["Endpoint", "Credentials", "DEFAULT_TIMEOUT", "DEFAULT_RETRIES"]
