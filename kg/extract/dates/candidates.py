"""Date expressions found and not yet resolved: how each needs the publication date, and the
ranges built from two of them ("between X and Y", "since X", "until X")."""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Optional

from kg.extract.dates.calendar import Bounds, _safe
from kg.model import PartialDate

# ---- candidates -----------------------------------------------------------------------

ABSOLUTE, YEARLESS, DEICTIC = "absolute", "yearless", "deictic"


class _Cand:
    """A date expression found in the text, not yet resolved.

    `fn(anchor)` gives its bounds for a publication (or reference) day `anchor`; `mode` says
    how much it needs one: not at all (absolute), for its year (yearless), or fully (deictic).
    """

    precision: Optional[str] = None     # forced precision (ranges), else computed
    days: bool = False                  # a range of days in one month ("15-17 February")

    def __init__(self, start: int, end: int, mode: str, fn: Callable[[Optional[date]],
                                                                       Optional[Bounds]]):
        self.start, self.end, self.mode, self.fn = start, end, mode, fn

    @property
    def relative(self) -> bool:
        return self.mode != ABSOLUTE

    def at(self, anchor: date) -> Optional[Bounds]:
        return _safe(lambda: self.fn(anchor))

    def resolve(self, pub: Optional[PartialDate]) -> Optional[Bounds]:
        if self.mode == ABSOLUTE:
            return _safe(lambda: self.fn(None))
        if pub is None:
            return None
        if self.mode == YEARLESS:
            return self.at(pub.latest)
        first, last = self.at(pub.earliest), self.at(pub.latest)
        if first is None or last is None:
            return None
        return _cover(first, last)


def _cover(a: Bounds, b: Bounds) -> Bounds:
    starts = [d for d in (a[0], b[0]) if d is not None]
    ends = [d for d in (a[1], b[1]) if d is not None]
    return (min(starts) if len(starts) == 2 else None, max(ends) if len(ends) == 2 else None)


class _Range(_Cand):
    """"between X and Y", "from X to Y": X is read against the end of Y."""

    precision = "range"

    def __init__(self, first: _Cand, last: _Cand, start: int, end: int):
        super().__init__(start, end, last.mode, None)   # X needs only Y
        self.first, self.last = first, last

    def _join(self, last: Optional[Bounds]) -> Optional[Bounds]:
        if last is None or last[1] is None:
            return None
        first = (self.first.resolve(None) if self.first.mode == ABSOLUTE
                 else self.first.at(last[1]))
        if first is None or first[0] is None or first[0] > last[1]:
            return None
        return first[0], last[1]

    def at(self, anchor: date) -> Optional[Bounds]:
        return self._join(self.last.at(anchor))

    def resolve(self, pub: Optional[PartialDate]) -> Optional[Bounds]:
        return self._join(self.last.resolve(pub))


class _Since(_Cand):
    """"since X": from the start of X to the publication date."""

    precision = "range"

    def __init__(self, inner: _Cand, start: int):
        super().__init__(start, inner.end, DEICTIC, None)
        self.inner = inner

    def at(self, anchor: date) -> Optional[Bounds]:
        found = self.inner.at(anchor)
        return (found[0], anchor) if found and found[0] and found[0] <= anchor else None

    def resolve(self, pub: Optional[PartialDate]) -> Optional[Bounds]:
        found = self.inner.resolve(pub)
        if found is None or found[0] is None:
            return None
        if pub is None:
            return found[0], None
        return (found[0], pub.latest) if found[0] <= pub.latest else None


class _Until(_Cand):
    """"until X", "up to X": an open start, to the end of X."""

    precision = "range"

    def __init__(self, inner: _Cand, start: int):
        super().__init__(start, inner.end, inner.mode, None)
        self.inner = inner

    def at(self, anchor: date) -> Optional[Bounds]:
        found = self.inner.at(anchor)
        return (None, found[1]) if found else None

    def resolve(self, pub: Optional[PartialDate]) -> Optional[Bounds]:
        found = self.inner.resolve(pub)
        return (None, found[1]) if found else None


# ---- handlers: one per pattern ----------------------------------------------------------

class _Hit:
    """A core match and the optional words before it, read as one match."""

    __slots__ = ("m", "pre")

    def __init__(self, m: re.Match, pre: Optional[re.Match]):
        self.m, self.pre = m, pre

    def group(self, name: str) -> Optional[str]:
        if name in self.m.re.groupindex and self.m.group(name) is not None:
            return self.m.group(name)
        if self.pre is not None and name in self.pre.re.groupindex:
            return self.pre.group(name)
        return None

    def start(self, name: Optional[str] = None) -> int:
        if name is not None:
            return self.m.start(name)
        return self.pre.start() if self.pre is not None else self.m.start()

    def end(self, name: Optional[str] = None) -> int:
        return self.m.end(name) if name is not None else self.m.end()
