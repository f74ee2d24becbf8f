"""Article metadata from a folder's ``MANIFEST.json`` and from ``NAME.json`` sidecars.

A manifest is a JSON list with one object per article of its folder; a sidecar beside
``NAME.txt`` (``NAME.json``, or ``NAME.txt.json``) is one such object.  Keys:

- ``file`` (manifest: required; sidecar: optional) the article's file name, in the same folder;
- ``title``, ``publisher``, ``url`` strings, or null;
- ``published`` ``"2015-12-24"``, ``"2015-12"``, ``"2015"`` (or the integer 2015), an ISO
  date-time whose date part is kept, or null;
- descriptive keys kept verbatim in `Article.notes`: ``summary``, ``conflict``, ``note``,
  ``author``, ``captured`` (when the file was captured or downloaded, an ISO date-time:
  the chain of custody, `kg.custody`) and any key ending in ``_note``.

Any other key gives a warning that names the metadata file and the key (and the known key it
probably means); it is never silently ignored.

What fails, and what goes on:

- a manifest that cannot be used at all (not JSON; not a list; an entry that is not an object
  or has no ``file`` name) makes every article of its folder fail with an error naming the
  manifest and the problem: it may hold their titles and dates, and an article ingested without
  its publication date would resolve "on Sunday" wrongly or not at all;
- a bad value in one entry (a wrong type, an impossible date) makes that article fail;
- a sidecar that is not usable makes its article fail;
- an entry naming a file that does not exist (a plain name, or a path into a sub-folder), an
  unknown key, a repeated entry (the later one wins) are warnings; an entry naming a file
  that exists in another folder makes the folder fail (that article's metadata would be
  lost: list it in its own folder's manifest).

For each key a sidecar wins over the manifest, which wins over what the page itself says
(HTML ``<meta>`` tags, a dateline), which wins over what is guessed (the first line as title).
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from kg.errors import MetadataError
from kg.model import PartialDate

__all__ = ["Metadata", "Manifest", "MANIFEST_NAME", "load_manifest", "load_sidecar",
           "parse_entry", "parse_published", "sidecar_paths"]

MANIFEST_NAME = "MANIFEST.json"
FIELDS = ("title", "publisher", "url", "published")
DESCRIPTIVE = ("summary", "conflict", "note", "author", "captured")
KNOWN = ("file",) + FIELDS + DESCRIPTIVE
_KNOWN_TEXT = ", ".join(KNOWN) + " and any *_note"

Warning_ = tuple[str, str]   # (path, message)


@dataclass(frozen=True)
class Metadata:
    """What one source (manifest entry, sidecar, page) says about one article."""

    title: Optional[str] = None
    publisher: Optional[str] = None
    url: Optional[str] = None
    published: Optional[PartialDate] = None
    notes: dict = field(default_factory=dict)

    def over(self, other: "Metadata") -> "Metadata":
        """This metadata, with *other* filling the keys this one leaves empty.

        >>> a = Metadata(title="From sidecar", notes={"summary": "s"})
        >>> b = Metadata(title="From manifest", publisher="P", notes={"summary": "m", "note": "n"})
        >>> m = a.over(b)
        >>> m.title, m.publisher, m.notes
        ('From sidecar', 'P', {'summary': 's', 'note': 'n'})
        """
        merged = {name: getattr(self, name) if getattr(self, name) is not None
                  else getattr(other, name) for name in FIELDS}
        return Metadata(**merged, notes={**other.notes, **self.notes})


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                   r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def parse_published(value: Any, where: str) -> Optional[PartialDate]:
    """A ``published`` value as a `PartialDate`; `MetadataError` naming *where* if bad.

    >>> parse_published("2015-12", "m.json")
    PartialDate(year=2015, month=12, day=None)
    >>> parse_published(2016, "m.json")
    PartialDate(year=2016, month=None, day=None)
    >>> parse_published("2015-12-24T23:30:00+02:00", "m.json")
    PartialDate(year=2015, month=12, day=24)
    >>> try:
    ...     parse_published("2015-02-30", "m.json")
    ... except MetadataError as err:
    ...     print(err.code, err.cause)
    E112 'published' is "2015-02-30", a date that does not exist
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise MetadataError(where, f"'published' is {_kind(value)}, not a date string",
                            fix='write it as "YYYY-MM-DD", "YYYY-MM" or "YYYY", or null',
                            code="E111")
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    if not m:
        raise MetadataError(where, f"'published' is {json.dumps(value)}, not a date of the form "
                            "YYYY-MM-DD, YYYY-MM or YYYY",
                            fix='write it as "2015-12-24", "2015-12" or "2015", or null',
                            code="E112")
    try:
        return PartialDate.parse("-".join(p for p in m.groups() if p))
    except ValueError:
        raise MetadataError(where, f"'published' is {json.dumps(value)}, a date that does not "
                            "exist", fix="write an existing date as YYYY-MM-DD, YYYY-MM or YYYY",
                            code="E112") from None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def parse_entry(obj: dict, where: str, warn: list) -> Metadata:
    """One manifest entry or sidecar object as `Metadata`.

    Unknown keys are appended to *warn* as ``(where, message)``; bad values raise
    `MetadataError` naming *where*.

    >>> w = []
    >>> parse_entry({"file": "a.txt", "title": "T", "Publisher": "X", "summary": "S"}, "M", w)
    Metadata(title='T', publisher=None, url=None, published=None, notes={'summary': 'S'})
    >>> w
    [('M', "unknown key 'Publisher' (ignored; did you mean 'publisher'?)")]
    """
    values: dict[str, Any] = {}
    notes = {}
    for key, value in obj.items():
        if key == "file":
            continue
        if key in DESCRIPTIVE or key.endswith("_note"):
            notes[key] = value
        elif key in FIELDS:
            values[key] = value
        else:
            close = difflib.get_close_matches(key.lower(), KNOWN, n=1, cutoff=0.75)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {_KNOWN_TEXT}"
            warn.append((where, f"unknown key {key!r} (ignored; {hint})"))
    for key in ("title", "publisher", "url"):
        value = values.get(key)
        if value is not None and not isinstance(value, str):
            raise MetadataError(where, f"{key!r} is {_kind(value)}, not a string",
                                fix=f"write {key!r} as a JSON string, or null", code="E111")
        if isinstance(value, str):
            values[key] = value.strip() or None
    if values.get("url") and not _URL.fullmatch(values["url"]):
        raise MetadataError(where, f"'url' is {values['url']!r}, not an absolute URL",
                            fix="write the full address, with its scheme (https://...)",
                            code="E112")
    published = parse_published(values.get("published"), where)
    return Metadata(title=values.get("title"), publisher=values.get("publisher"),
                    url=values.get("url"), published=published, notes=notes)


@dataclass
class Manifest:
    """A folder's ``MANIFEST.json``, read once.

    `entries` maps a file name to its `Metadata`, or to the `MetadataError` that makes that
    article fail; `error` is set when the whole manifest is unusable; `warnings` are
    ``(path, message)`` pairs, reported once.
    """

    path: Path
    entries: dict[str, Any] = field(default_factory=dict)
    warnings: list[Warning_] = field(default_factory=list)
    error: Optional[MetadataError] = None

    def lookup(self, name: str) -> Metadata:
        """The metadata of the article *name*; raises the error that makes it fail."""
        if self.error is not None:
            raise self.error
        found = self.entries.get(name)
        if isinstance(found, MetadataError):
            raise found
        return found or Metadata()


def _load_json(path: Path, max_bytes: int) -> Any:
    from kg.ingest.decode import NotText, decode_bytes  # local: keeps this module light

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MetadataError(path, f"it is {size:,} bytes, over the {max_bytes:,}-byte limit",
                                fix="raise the size limit (max_bytes)", code="E110")
        data = path.read_bytes()
    except OSError as err:
        raise MetadataError(path, f"it cannot be read ({err.strerror or err})",
                            fix="check that it is a readable file", code="E110") from None
    try:
        text = decode_bytes(data).text
    except NotText as err:
        raise MetadataError(path, f"it is not text: {err}", fix="write it as UTF-8 JSON",
                            code="E110") from None

    def no_duplicates(pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                raise MetadataError(path, f"the key {key!r} appears twice in one object",
                                    fix="keep one of them", code="E111")
            obj[key] = value
        return obj

    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as err:
        raise MetadataError(path, f"it is not valid JSON: {err.msg} at line {err.lineno}, "
                            f"column {err.colno}", fix="correct the JSON there", code="E110"
                            ) from None


def load_manifest(path: Path, max_bytes: int) -> Manifest:
    """Read the manifest at *path*; never raises (problems go to the returned `Manifest`)."""
    manifest = Manifest(path)
    try:
        data = _load_json(path, max_bytes)
    except MetadataError as err:
        manifest.error = err
        return manifest
    shape = 'a JSON list of objects such as {"file": "a.txt", "title": "..."}'
    if not isinstance(data, list):
        manifest.error = MetadataError(path, f"it holds {_kind(data)}, not a list",
                                       fix=f"write it as {shape}", code="E111")
        return manifest
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            manifest.error = MetadataError(path, f"entry {number} is {_kind(entry)}, not an "
                                           "object", fix=f"write it as {shape}", code="E111")
            return manifest
        name = entry.get("file")
        if not isinstance(name, str) or not name.strip():
            got = "has no 'file'" if name is None else f"has 'file' {json.dumps(name)}"
            manifest.error = MetadataError(
                path, f"entry {number} {got}, so it describes no article",
                fix="give every entry the name of its article file, as a string", code="E111")
            return manifest
        if "/" in name or "\\" in name or name in (".", ".."):
            if not os.path.lexists(path.parent / name):  # like a missing plain file
                manifest.warnings.append((str(path), f"entry {number} names {name!r}, which "
                                          f"is not in {path.parent} (entries name files of "
                                          "the manifest's own folder)"))
                continue
            manifest.error = MetadataError(
                path, f"entry {number} names {name!r}, which is not a file name in the "
                "manifest's folder", fix="list each article in the MANIFEST.json of its own "
                "folder, by file name", code="E111")
            return manifest
        where = f"{path} (entry {number}, {name!r})"
        if name in first_seen:
            manifest.warnings.append((str(path), f"entry {number} repeats {name!r} (entry "
                                      f"{first_seen[name]}); entry {number} is used"))
        first_seen[name] = number
        try:
            manifest.entries[name] = parse_entry(entry, where, manifest.warnings)
        except MetadataError as err:
            manifest.entries[name] = err
        if not (path.parent / name).exists():
            manifest.warnings.append((str(path), f"entry {number} names {name!r}, which is "
                                      f"not in {path.parent}"))
    return manifest


def sidecar_paths(article: Path) -> tuple[Path, Path]:
    """The sidecars an article may have: ``NAME.txt.json`` (first) and ``NAME.json``.

    >>> [p.name for p in sidecar_paths(Path("dir/a.txt"))]
    ['a.txt.json', 'a.json']
    """
    return article.with_name(article.name + ".json"), article.with_suffix(".json")


def load_sidecar(article: Path, max_bytes: int, warn: list) -> Metadata:
    """The sidecar metadata of *article* (empty when it has none); `MetadataError` if bad."""
    found = [p for p in sidecar_paths(article) if p.name != MANIFEST_NAME and p.is_file()]
    if not found:
        return Metadata()
    path = found[0]
    if len(found) > 1:
        warn.append((str(found[1]), f"{article.name} also has the sidecar {path.name}, "
                     f"which is used; {found[1].name} is ignored"))
    data = _load_json(path, max_bytes)
    if not isinstance(data, dict):
        raise MetadataError(path, f"it holds {_kind(data)}, not an object",
                            fix='write it as {"title": "...", "published": "2015-12-24", ...}',
                            code="E111")
    named = data.get("file")
    if named is not None and named != article.name:
        warn.append((str(path), f"its 'file' is {json.dumps(named)}, but it sits beside "
                     f"{article.name!r}, which it is used for"))
    return parse_entry(data, str(path), warn)
