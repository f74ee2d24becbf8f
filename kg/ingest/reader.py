"""Files and folders in, `Article` objects out, one at a time, with every problem reported.

`iter_articles` is a generator: it walks folders lazily (sorted by name, sub-folders
included), reads one file at a time and yields one `IngestResult` per file (ingested, skipped
or failed) plus one per warning, so that ingesting 10,000 files never holds them all in memory.
A bad file never stops the batch.

>>> from kg.resources import resource_dir
>>> summary = IngestSummary()
>>> for result in iter_articles(resource_dir("examples/articles")):
...     _ = summary.add(result)
>>> print(summary)
5 ingested, 0 skipped, 0 failed, 0 warnings
"""

from __future__ import annotations

import hashlib

import os
import stat
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from kg.errors import InputError, MetadataError, escaped
from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.html import extract_html, sniff_charset
from kg.ingest.metadata import (MANIFEST_NAME, Manifest, Metadata, load_manifest,
                                load_sidecar)
from kg.ingest.text import find_dateline, find_title, locate_title
from kg.model import Article

__all__ = ["ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "IngestResult", "IngestSummary",
           "count_articles", "iter_articles", "read_article", "skip_duplicates"]

#: Files larger than this are refused (a news article is a few kilobytes of text).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: File name endings read as articles (case-insensitive), and how.
ARTICLE_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
_SUFFIX_LIST = ", ".join(ARTICLE_SUFFIXES)
_MANIFEST_CACHE = 64

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input file, or one warning.

    `kind` is ``"ingested"`` (`article` is set), ``"skipped"`` (not an article: `message`
    says why), ``"failed"`` (`error` says what, why and how to fix it) or ``"warning"``
    (`message`; `path` is the file it is about, often a metadata file).  ``str(result)`` is
    one line for the user.
    """

    kind: str
    path: str
    article: Optional[Article] = None
    message: str = ""
    error: Optional[InputError] = None
    encoding: Optional[str] = None     # how the file was decoded, for ingested articles

    @property
    def reason(self) -> str:
        """Why it was skipped or failed, or the warning (one line)."""
        return str(self.error) if self.error is not None else self.message

    def __str__(self) -> str:
        """One line: characters of file names that would break or disguise it (a newline,
        U+202E) are escaped."""
        if self.kind == "ingested":
            line = (f"ingested: {self.path} ({self.encoding}, "
                    f"{len(self.article.text):,} characters)")
        elif self.kind == "failed":
            line = f"failed: {self.error}"
        else:
            line = f"{self.kind}: {self.path}: {self.message}"
        return escaped(line)


@dataclass
class IngestSummary:
    """Counts of a batch, filled with `add`; ``str(summary)`` is the closing line.

    >>> s = IngestSummary()
    >>> s.add(IngestResult("skipped", "a.pdf", message="not an article")).kind
    'skipped'
    >>> print(s), s.ok
    0 ingested, 1 skipped, 0 failed, 0 warnings
    (None, True)
    """

    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0

    def add(self, result: IngestResult) -> IngestResult:
        name = "warnings" if result.kind == "warning" else result.kind
        setattr(self, name, getattr(self, name) + 1)
        return result

    @property
    def ok(self) -> bool:
        """True when no file failed (skipped files and warnings are not failures)."""
        return self.failed == 0

    def __str__(self) -> str:
        return (f"{self.ingested} ingested, {self.skipped} skipped, {self.failed} failed, "
                f"{self.warnings} warning{'' if self.warnings == 1 else 's'}")


def iter_articles(paths: Union[PathLike, Iterable[PathLike]], *,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[IngestResult]:
    """Read every article under *paths* (files and folders, in the order given; folders
    recursively, sorted by name, hidden entries left out); yield an `IngestResult` for each
    file and each warning.  A file reached twice (given twice, or through a link) is read once.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    reader = _Reader(max_bytes)
    for path in paths:
        yield from reader.path(Path(path))


def skip_duplicates(results: Iterable[IngestResult]) -> Iterator[IngestResult]:
    """*results* with every article whose text was already read (the same article id,
    from another file) turned into a ``"skipped"`` result naming the first file: a batch
    ingests each article once, and counts the copies as skipped.

    >>> from kg.model import Article
    >>> a, b = Article(text="Same text."), Article(text="Same text.")
    >>> for r in skip_duplicates([IngestResult("ingested", "a.txt", article=a),
    ...                           IngestResult("ingested", "copy.txt", article=b)]):
    ...     print(r.kind, r.path)
    ingested a.txt
    skipped copy.txt
    """
    first: dict[str, str] = {}
    for r in results:
        if r.kind == "ingested":
            seen = first.setdefault(r.article.id, r.path)
            if seen != r.path:
                r = IngestResult("skipped", r.path, message=f"the same text as {seen} (article "
                                 f"{r.article.id}), which is ingested once")
        yield r


def read_article(path: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 warnings: Optional[list] = None) -> Article:
    """Read the one article at *path* (with its folder's manifest and its sidecar).

    Raises `InputError` when it fails or is not an article; warnings, when a list is given,
    are appended to *warnings* as one-line strings.
    """
    path = Path(path)
    for result in _Reader(max_bytes).path(path, walk=False):
        if result.kind == "warning":
            if warnings is not None:
                warnings.append(f"{result.path}: {result.message}")
        elif result.kind == "ingested":
            return result.article
        elif result.kind == "failed":
            raise result.error
        else:
            raise InputError(path, result.message, code="E106",
                             fix=f"give a {_SUFFIX_LIST} file")
    raise InputError(path, "it was already read", code="E106")  # pragma: no cover


def count_articles(paths: Union[PathLike, Iterable[PathLike]]) -> int:
    """How many article files (by extension) `iter_articles` will read from *paths*, walked
    as it walks them (hidden names skipped, each file once): the total of a progress bar.
    Cheap: it lists folders and reads nothing.

    >>> count_articles("no/such/folder")
    0
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[str] = set()
    todo = [Path(p) for p in paths]
    while todo:
        path = todo.pop()
        if path.is_dir() and path.suffix.lower() not in ARTICLE_SUFFIXES:
            try:
                todo += [path / e.name for e in os.scandir(path) if not e.name.startswith(".")]
            except OSError:
                continue
        elif path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            seen.add(os.path.realpath(path))
    return len(seen)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _is_sidecar(name: str, siblings: set) -> bool:
    if not name.lower().endswith(".json") or name == MANIFEST_NAME:
        return False
    base = name[:-5]
    if base in siblings and Path(base).suffix.lower() in ARTICLE_SUFFIXES:
        return True  # a.txt.json
    return any(base + suffix in siblings or base + suffix.upper() in siblings
               for suffix in ARTICLE_SUFFIXES)


class _Reader:
    def __init__(self, max_bytes: int):
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {max_bytes}")
        self.max_bytes = max_bytes
        self.seen_files: set[str] = set()
        self.seen_dirs: set[str] = set()
        self.manifests: OrderedDict[Path, Optional[Manifest]] = OrderedDict()
        self.reported: set[str] = set()

    # ---- walking ----------------------------------------------------------------------

    def path(self, path: Path, walk: bool = True) -> Iterator[IngestResult]:
        if not os.path.lexists(path):
            yield self.failed(InputError(path, "no such file or folder", code="E105",
                                         fix="check the path"))
        elif path.is_dir():
            if path.suffix.lower() in ARTICLE_SUFFIXES or not walk:
                yield self.failed(InputError(path, "it is a folder, not a file", code="E103",
                                             fix="give the articles in it, or the folder "
                                             "under a name without a file extension"))
            else:
                yield from self.folder(path)
        else:
            yield from self.file(path, explicit=True)

    def folder(self, folder: Path) -> Iterator[IngestResult]:
        real = os.path.realpath(folder)
        if real in self.seen_dirs:
            return  # given twice, or a link back up the tree
        self.seen_dirs.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield self.failed(InputError(folder, f"the folder cannot be read "
                                         f"({err.strerror or err})", code="E103",
                                         fix="check the folder's permissions"))
            return
        names = {e.name for e in entries}
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .DS_Store, editor backups
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.path(path)
            elif entry.name == MANIFEST_NAME or _is_sidecar(entry.name, names):
                continue  # metadata: read with the articles it describes
            else:
                yield from self.file(path)

    # ---- one file ---------------------------------------------------------------------

    def file(self, path: Path, explicit: bool = False) -> Iterator[IngestResult]:
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES:
            if explicit and (path.name == MANIFEST_NAME or suffix == ".json"):
                why = "a metadata file: it is read with the articles it describes"
            else:
                what = f"'{suffix}' files" if suffix else "files without an extension"
                why = f"not an article: {what} are not read (only {_SUFFIX_LIST})"
            yield IngestResult("skipped", str(path), message=why)
            return
        real = os.path.realpath(path)
        if real in self.seen_files:
            return
        self.seen_files.add(real)
        manifest = yield from self.manifest(path.parent)
        warnings: list = []
        try:
            article, encoding = self.read(path, manifest, warnings)
        except InputError as err:
            yield from self.warnings(warnings)
            yield self.failed(err)
            return
        yield from self.warnings(warnings)
        yield IngestResult("ingested", str(path), article=article, encoding=encoding)

    def manifest(self, folder: Path):
        """The folder's manifest (or None); its warnings are yielded the first time."""
        if folder in self.manifests:
            self.manifests.move_to_end(folder)
            return self.manifests[folder]
        path = folder / MANIFEST_NAME
        manifest = load_manifest(path, self.max_bytes) if path.is_file() else None
        self.manifests[folder] = manifest
        if len(self.manifests) > _MANIFEST_CACHE:
            self.manifests.popitem(last=False)
        if manifest is not None and str(path) not in self.reported:
            self.reported.add(str(path))
            yield from self.warnings(manifest.warnings)
        return manifest

    @staticmethod
    def warnings(pairs) -> Iterator[IngestResult]:
        for where, message in pairs:
            yield IngestResult("warning", where, message=message)

    @staticmethod
    def failed(err: InputError) -> IngestResult:
        return IngestResult("failed", err.path, error=err)

    def read(self, path: Path, manifest: Optional[Manifest],
             warnings: list) -> tuple[Article, str]:
        data = self.read_bytes(path)
        kind = ARTICLE_SUFFIXES[path.suffix.lower()]
        if not data:
            raise InputError(path, "the file is empty", code="E101",
                             fix="put the article's text in it, or remove it")
        try:
            decoded = decode_bytes(data, sniff_charset(data) if kind == "html" else None)
        except NotText as err:
            raise InputError(path, str(err), code="E102",
                             fix=f"give articles as text ({_SUFFIX_LIST}); convert other "
                             "documents to text first") from None
        text = decoded.text
        if not text.strip():
            raise InputError(path, "the file holds only whitespace", code="E101",
                             fix="put the article's text in it, or remove it")
        # Metadata, by precedence: sidecar, manifest, what the page says about itself.
        try:
            given = load_sidecar(path, self.max_bytes, warnings)
            if manifest is not None:
                given = given.over(manifest.lookup(path.name))
        except MetadataError as err:
            raise MetadataError(path, f"its metadata cannot be used: {err.what}: {err.cause}",
                                fix=err.fix, code=err.code) from err
        if kind == "html":
            page = extract_html(text)
            text = page.text
            if not text.strip():
                raise InputError(path, "the page holds no article text", code="E101",
                                 fix="check that it is the article's page, not an index or "
                                 "a page built by scripts")
            found = page.meta
        else:
            found = Metadata(published=find_dateline(text))
        meta = given.over(found)
        if meta.title:
            title, title_span = meta.title, locate_title(text, meta.title)
        else:
            title, title_span = find_title(text)
        article = Article(text=text, path=str(path), title=title, publisher=meta.publisher,
                          url=meta.url, published=meta.published, notes=dict(meta.notes),
                          title_span=title_span, raw_sha256=hashlib.sha256(data).hexdigest(),
                          raw_size=len(data), raw=data)
        return article, decoded.encoding

    def read_bytes(self, path: Path) -> bytes:
        fix_read = "check that it exists and that you may read it"
        try:
            info = path.stat()
        except FileNotFoundError:
            if os.path.islink(path):
                raise InputError(path, f"it is a broken link (to {os.readlink(path)})",
                                 code="E103", fix="point the link at a file, or remove it"
                                 ) from None
            raise InputError(path, "no such file", code="E105", fix=fix_read) from None
        except OSError as err:
            raise InputError(path, f"it cannot be read ({err.strerror or err})", code="E103",
                             fix=fix_read) from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "it is a folder, not a file", code="E103",
                             fix="give the articles in it, or rename it without the "
                             f"'{path.suffix}' ending")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "it is not a regular file (a device, pipe or socket)",
                             code="E103", fix="copy the article into a regular file")
        if info.st_size > self.max_bytes:
            raise self.too_large(path, info.st_size)
        try:
            with open(path, "rb") as f:
                data = f.read(self.max_bytes + 1)
        except PermissionError:
            raise InputError(path, "permission denied", code="E103",
                             fix="give yourself read access (chmod u+r)") from None
        except OSError as err:
            raise InputError(path, f"it cannot be read ({err.strerror or err})", code="E103",
                             fix=fix_read) from None
        if len(data) > self.max_bytes:  # it grew since stat()
            raise self.too_large(path, len(data))
        return data

    def too_large(self, path: Path, size: int) -> InputError:
        return InputError(
            path, f"it is {_size(size)}, over the {_size(self.max_bytes)} limit for one article",
            code="E104", fix="raise the limit (max_bytes; on the command line --max-bytes) or "
            "split the file")
