"""The ``#+`` header of a stored query: grlc's decorators, read strictly.

A stored query opens with ``#+ key: value`` lines (grlc's convention, a small subset of YAML),
so the file stays valid SPARQL::

    #+ summary: Attacks on one kind of protected object, in date order
    #+ description: >
    #+   One row per attack on an object of the class (or a subclass)...
    #+ tags:
    #+   - attacks
    #+ defaults:
    #+   - category: ekg:ProtectedObject
    #+ enumerate:
    #+   - category:
    #+     - ekg:Hospital
    #+     - ekg:School

Keys: `KNOWN_KEYS`.  Any other key is an error (grlc keys we do not use, such as ``endpoint``
or ``method``, included), as is anything this reader does not understand: a header is never
half-read.

>>> parse_header(["#+ summary: Counts", "#+ tags:", "#+   - a", "#+   - b"])
{'summary': 'Counts', 'tags': ['a', 'b']}
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import QueryError

# `key: value` or `key:` (YAML: a colon followed by a space or the end of the line)
_KEY = re.compile(r"^([A-Za-z_][\w-]*):(?:\s+(.*))?$")

KNOWN_KEYS = {
    "summary": "one line saying what the query answers (required)",
    "description": "what the rows mean, and how to read them",
    "tags": "a list of topics, to group queries",
    "defaults": "a list of `parameter: value`, used when the parameter is not given",
    "enumerate": "a list of `parameter:` with the list of values it accepts",
}


def header_lines(text: str) -> list[str]:
    """The ``#+`` lines at the top of a query (blank lines may sit between them)."""
    out = []
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#+"):
            out.append(s)
        elif s and not s.startswith("#"):
            break
    return out


def _scalar(value: str) -> str:
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _parse_block(lines: list[str], i: int, indent: int, where: str) -> tuple[Any, int]:
    """Parse lines[i:] at *indent*: a list (``- ...``) or a mapping (``key: ...``)."""
    if i < len(lines) and lines[i].lstrip().startswith("- "):
        items = []
        while i < len(lines) and _indent(lines[i]) == indent and lines[i].lstrip().startswith("- "):
            body = lines[i].lstrip()[2:].strip()
            m = _KEY.match(body)
            if m:
                key, rest = m.group(1), m.group(2) or ""
                if rest.strip():
                    items.append({key: _scalar(rest)})
                    i += 1
                else:
                    i += 1
                    if i >= len(lines) or _indent(lines[i]) <= indent:
                        raise QueryError("E711", f"bad header in {where}",
                                         f"`- {key}:` has nothing under it")
                    sub, i = _parse_block(lines, i, _indent(lines[i]), where)
                    items.append({key: sub})
            else:
                items.append(_scalar(body))
                i += 1
        if i < len(lines) and _indent(lines[i]) > indent:
            raise QueryError("E711", f"bad header in {where}",
                             f"unexpected indentation: {lines[i].strip()!r}")
        return items, i
    raise QueryError("E711", f"bad header in {where}",
                     f"expected a list item (`- value`), found {lines[i].strip()!r}"
                     if i < len(lines) else "a key has no value")


def parse_header(lines: list[str], where: str = "the query") -> dict[str, Any]:
    """The ``#+`` lines as a dict; raises `QueryError` on anything it does not understand."""
    body = [ln[2:][1:] if ln[2:].startswith(" ") else ln[2:] for ln in lines]
    body = [ln.rstrip() for ln in body if ln.strip()]
    out: dict[str, Any] = {}
    i = 0
    while i < len(body):
        line = body[i]
        m = _KEY.match(line)
        if _indent(line) != 0 or not m:
            raise QueryError("E711", f"bad header in {where}",
                             f"expected `#+ key: value`, found {line.strip()!r}",
                             "see docs/queries.md for the header format")
        key, rest = m.group(1), (m.group(2) or "").strip()
        if key not in KNOWN_KEYS:
            raise QueryError("E712", f"unknown header key {key!r} in {where}",
                             "unknown keys are refused rather than ignored",
                             "use one of: " + ", ".join(sorted(KNOWN_KEYS)))
        if key in out:
            raise QueryError("E711", f"bad header in {where}", f"{key!r} is given twice")
        i += 1
        if rest in (">", "|", ">-", "|-"):
            parts = []
            while i < len(body) and _indent(body[i]) > 0:
                parts.append(body[i].strip())
                i += 1
            out[key] = (" " if rest.startswith(">") else "\n").join(parts)
        elif rest:
            out[key] = _scalar(rest)
        else:
            if i >= len(body) or _indent(body[i]) == 0:
                raise QueryError("E711", f"bad header in {where}", f"{key!r} has no value")
            out[key], i = _parse_block(body, i, _indent(body[i]), where)
    return out


def markdown_notes(text: str) -> str:
    """The Markdown comment block after the header (``# ## Problem`` ...), unprefixed."""
    notes: list[str] = []
    started = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#+"):
            continue
        if s.startswith("#"):
            started = True
            notes.append(s[2:] if s.startswith("# ") else s[1:])
        elif not s and not started:
            continue
        else:
            break
    return "\n".join(notes).strip()
