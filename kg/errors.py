"""Errors evidence-kg raises, each saying what happened, why, and how to fix it.

Library code raises these; only `kg.cli` turns them into messages and exit codes
(2 for a usage or runtime error).  Every error carries a stable code, so that users can
search the docs for it:

>>> err = KgError("E101", "cannot read notes.txt", cause="it is empty", fix="add some text")
>>> print(err)
[E101] cannot read notes.txt: it is empty. Fix: add some text
"""

from __future__ import annotations

from typing import Optional


class KgError(Exception):
    """Base class: a problem the user can act on."""

    def __init__(self, code: str, what: str, cause: Optional[str] = None,
                 fix: Optional[str] = None):
        self.code, self.what, self.cause, self.fix = code, what, cause, fix
        super().__init__(str(self))

    def __str__(self) -> str:
        msg = f"[{self.code}] {self.what}"
        if self.cause:
            msg += f": {self.cause}"
        if self.fix:
            msg += f". Fix: {self.fix}"
        return msg


class InputError(KgError):
    """An input file (article, metadata, RDF, gold annotation) cannot be used."""

    def __init__(self, path, cause: str, fix: Optional[str] = None, code: str = "E100"):
        self.path = str(path)
        super().__init__(code, f"{path}", cause, fix)


class ConfigError(KgError):
    """A setting (model, store, endpoint) is wrong or unavailable."""


class StoreError(KgError):
    """The graph store cannot be opened, locked or written."""


class QueryError(KgError):
    """A stored query is unknown, malformed, or was given bad parameters."""


class RemoteError(KgError):
    """A remote SPARQL server is unreachable or answered with an error."""


class StoreLockedError(StoreError):
    """Another process holds the store: a writer, or readers when we want to write."""

    def __init__(self, code: str, what: str, cause: Optional[str] = None,
                 fix: Optional[str] = None, pid: Optional[int] = None):
        self.pid = pid
        super().__init__(code, what, cause, fix)
