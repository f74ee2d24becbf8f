"""A real HTTP server on 127.0.0.1 that logs every request it sees.

The network tests point contexts, imports, ``@base`` and links of their fixtures at it and
assert that it logs nothing unless an option asked for a fetch::

    with LoggingServer() as server:
        server.serve("/ctx.jsonld", b'{"@context": {...}}', "application/ld+json")
        ...  # run a command on files naming server.url("/ctx.jsonld")
        assert server.requests == []

A path served with ``hold=True`` answers only when the server stops (a server that never
answers, for the timeout tests); the server stops by itself when the ``with`` block ends.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str
    status: int = 200
    hold: bool = False
    headers: tuple = ()


class LoggingServer:
    def __init__(self) -> None:
        self.requests: list[str] = []          # "GET /path", in arrival order
        self.answers: dict[str, Answer] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._server: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body, content_type: str = "text/turtle", *, status: int = 200,
              hold: bool = False, headers: dict = {}) -> str:
        """Answer GET *path* with *body* (and *headers*); return its URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.answers[path] = Answer(body, content_type, status, hold, tuple(headers.items()))
        return self.url(path)

    def __enter__(self) -> "LoggingServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _log_and_answer(self) -> None:
                with server._lock:
                    server.requests.append(f"{self.command} {self.path}")
                answer = server.answers.get(self.path.split("?", 1)[0])
                if answer is None:
                    answer = Answer(b"not here", "text/plain", 404)
                if answer.hold:
                    server._stop.wait(60)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers:
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:  # the client gave up (a timeout test)
                    pass

            do_GET = do_POST = do_HEAD = _log_and_answer

            def log_message(self, *args) -> None:  # quiet: requests are in server.requests
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
