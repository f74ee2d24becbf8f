"""``kg serve``: the dossier's pages from the live store, over HTTP on 127.0.0.1.

The same pages as `kg report` writes, byte for byte (`kg.report.site.Site.render`), read
from the store when it changes: each request compares the store's metadata file (which
every write of the store rewrites) with the one the pages were read from, and reads the
store again, with a reader's lock held only while reading, when it differs.  So
`kg ingest` can run while the server does, and the next page shows what it added.

Read-only: GET and HEAD only (the standard library's server answers 501 to anything else);
only the pages of the site are served, nothing else of the file system.  It listens on
127.0.0.1 unless another address is given.  With review actions (`kg serve --review`,
`kg.report.review_actions`) the pages also offer an analyst's decisions, posted to
``POST /review``.
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import signal
import threading
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import unquote, urlsplit

from kg.errors import ReportError
from kg.report.review_actions import MAX_BODY

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8"}
#: The pages load nothing but their own styles and script.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; "
                               "img-src 'self' data:; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class LiveSite:
    """The site of a store, read again when the store has changed."""

    def __init__(self, store_dir: Path, wait: float, read: Optional[Callable] = None):
        self.store_dir = Path(store_dir)
        self.wait = wait
        self._read = read or self._read_store
        self._lock = threading.Lock()
        self._stamp: Optional[tuple] = None
        self._site = None
        self.reads = 0

    def _stamp_now(self) -> tuple:
        from kg.store.layout import META_FILE

        try:
            st = (self.store_dir / META_FILE).stat()
        except OSError:
            return ("missing",)
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _read_store(self):
        from kg.report.read import read_dossier
        from kg.store import Store

        with Store.open(self.store_dir, "r", wait=self.wait) as store:
            return read_dossier(store)

    def site(self):
        from kg.report.site import Site

        with self._lock:
            stamp = self._stamp_now()
            if self._site is None or stamp != self._stamp:
                self._site = Site(self._read())
                self._stamp = stamp
                self.reads += 1
            return self._site


def page_for(url_path: str) -> str:
    """The site path a request asks for: ``/`` is ``index.html``.

    >>> page_for("/"), page_for("/agent/russia.html?x=1"), page_for("/a%20b.html")
    ('index.html', 'agent/russia.html', 'a b.html')
    """
    path = unquote(urlsplit(url_path).path).lstrip("/")
    return path or "index.html"


def make_handler(live: LiveSite, review=None):
    headers = dict(SECURITY_HEADERS)
    if review is not None:
        headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
            "default-src 'none'", "default-src 'none'; connect-src 'self'")

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "evidence-kg"
        sys_version = ""

        if review is not None:
            def do_POST(self) -> None:  # noqa: N802
                self._review()

        def _review(self) -> None:
            if page_for(self.path) != "review":
                self._send(404, _message("No such page", self.path), True)
                return
            host, port = self.server.server_address[:2]
            shown = f"[{host}]" if ":" in host else host
            refused = review.allowed(self.headers, f"http://{shown}:{port}")
            length = int(self.headers.get("Content-Length") or 0)
            if refused is None and not 0 < length <= MAX_BODY:
                refused = "the request is empty or too large"
            if refused is not None:
                self._json(403, {"error": refused})
                return
            code, answer = review.post(self.rfile.read(length))
            self._json(code, answer)

        def _json(self, code: int, answer: dict) -> None:
            self._send(code, json.dumps(answer).encode("utf-8"), True,
                       "application/json; charset=utf-8")

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            path = page_for(self.path)
            if review is not None and path == "review.js":
                self._send(200, review.script(), body, TYPES[".js"])
                return
            try:
                content = live.site().render(path)
            except Exception as err:  # the store cannot be read now: say why, go on serving
                self._send(503, _message("The store cannot be read", str(err)), body)
                return
            if content is None:
                self._send(404, _message("No such page", path), body)
                return
            if review is not None and path.endswith(".html"):
                content = review.inject(content)
            self._send(200, content, body, TYPES.get(Path(path).suffix, "text/plain"))

        def _send(self, code: int, content: bytes, body: bool,
                  ctype: str = TYPES[".html"]) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(content)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if body:
                self.wfile.write(content)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass     # quiet: the command prints where it serves, and errors go in the pages

    return Handler


def _message(title: str, detail: str) -> bytes:
    from html import escape

    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f'</title></head><body><h1>{escape(title)}</h1><p>{escape(detail)}</p>'
            f'<p><a href="/index.html">Incidents</a></p></body></html>\n').encode("utf-8")


def is_loopback(host: str) -> bool:
    """Whether *host* names this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.5")
    (False, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class DossierServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def bind(live: LiveSite, host: str = "127.0.0.1", port: int = 8000,
         review=None) -> DossierServer:
    """A server of *live*'s pages listening on *host*:*port* (port 0: any free port), with
    the review actions of *review* (`kg.report.review_actions.ReviewActions`) if given."""
    family = DossierServer.address_family
    if ":" in host:
        import socket

        family = socket.AF_INET6

    class Server(DossierServer):
        address_family = family

    try:
        return Server((host, port), make_handler(live, review))
    except OSError as err:
        raise ReportError("E903", f"cannot listen on {host}:{port}", err.strerror or str(err),
                          "choose another port with --port (0 picks a free one)") from err


def serve_until_stopped(server: DossierServer) -> None:
    """Serve until Ctrl-C or SIGTERM, then close the socket."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
