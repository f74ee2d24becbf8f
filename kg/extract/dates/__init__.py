"""Dates in news text, resolved against the article's publication date.

`find_dates` finds the words that date something ("on Sunday", "late on Friday night",
"February 15, 2016", "since September 30 last year", "between 30 September and 29 November
2015", "mid-December 2013", "last month") and resolves each to a `kg.model.DateRef`: the
earliest and latest day it can be, and a precision (``day``, ``month``, ``year`` or
``range``).  Plain regular expressions, no spaCy: it runs on every sentence.

>>> from kg.model import PartialDate
>>> text = "Shells hit the clinic on Tuesday night, a week after the February 15 strike."
>>> for m in find_dates(text, PartialDate(2016, 3, 2)):  # a Wednesday
...     print(repr(m.span.text(text)), m.ref.earliest, m.ref.precision, m.relative)
'on Tuesday night' 2016-03-01 day True
'February 15' 2016-02-15 day True

Conventions (news English, past tense):

- a weekday is the most recent such day on or before the publication date ("on Sunday" in a
  Sunday paper is that day); "last Friday" the most recent one before it; "Friday last week"
  the Friday of the previous week (weeks run Monday to Sunday); "this Friday" the Friday of
  the publication week;
- a day and month without a year take the publication year, unless that would fall after the
  publication date: then the year before; a month alone ("in March") likewise; "last March"
  is the most recent March before the publication month;
- "yesterday" and "last night" are the day before publication; "overnight" the day before and
  the day itself (a range); "today", "tonight", "this morning" the day itself;
- "last week", "this week", "earlier this week", "at the weekend" are ranges; "last month",
  "this month" months; "last year", "this year", "in 2004" years; "earlier this month" and
  "earlier this year" run from the start of the period to the publication date;
- "early", "mid-" and "late" take days 1-10, 11-20 and 21-end of a month, and January-April,
  May-August and September-December of a year ("mid-December 2013", "late last year");
- "since X" runs from the start of X to the publication date; "until X" / "up to X" from an
  open start (`earliest` None) to the end of X; "between X and Y" and "from X to Y" from the
  start of X to the end of Y, where a year or weekday missing from X is taken from Y.

The publication date may be a day, a month, a year, or None:

- a month or year only: expressions counted from the publication day ("on Sunday",
  "yesterday", "last week") are resolved for the first and for the last possible day of
  publication, and the result is the range that covers both (for a December 2015 paper,
  "on Tuesday" is some day from 1 to 29 December 2015; "last month" is still November 2015,
  precision month).  A day and month without a year are placed against the last possible day;
- None: only expressions that carry their own year are returned ("15 February 2016",
  "in 2004"); "since 1972" is returned with no `latest`.

`DateMention.relative` is True when the resolution used the publication date.

Not matched: times of day alone ("1:15 pm"), numbers that are not years ("aged 16",
"2015 people" without a preposition before it), "May" as a verb and "March" as a verb (a month
name alone needs a preposition or a modifier: "in May", "last March", "mid-May"), weekdays that
are names ("The Mail on Sunday", "Sunday Times", "Good Friday", "Friday prayers"), all-numeric
dates other than ISO ``2015-11-03`` (03/11/2015 is ambiguous), seasons ("last summer"),
and dates that refer back to another date ("the next day", "the previous week"; the attack
reader counts "two days later" and "the next day" from the incident dated just before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Union

from kg.extract.dates.calendar import _precision
from kg.extract.dates.candidates import _Cand, _Hit, _Range, _Since, _Until
from kg.extract.dates.expressions import (
    _AND,
    _BETWEEN,
    _FROM,
    _PREPOSITION,
    _SINCE,
    _TO,
    _TRIGGERS,
    _UNTIL,
)
from kg.extract.dates.handlers import _PATTERNS
from kg.model import DateRef, PartialDate, Span

__all__ = ["DateMention", "find_dates"]

@dataclass(frozen=True)
class DateMention:
    """Words that date something, and what they resolve to."""

    span: Span              # offsets into the text given to `find_dates`
    ref: DateRef            # its `span` is `span` too
    relative: bool          # True when resolved against the publication date


# ---- the public function ----------------------------------------------------------------

def find_dates(text: str, published: Union[PartialDate, date, None], start: int = 0,
               end: Optional[int] = None) -> list[DateMention]:
    """The dates in ``text[start:end]``, resolved against *published*, in text order.

    Offsets are into *text*.  See the module docstring for the conventions.

    >>> pub = PartialDate(2015, 12, 24)                      # a Thursday
    >>> def show(text, pub=pub):
    ...     for m in find_dates(text, pub):
    ...         r = m.ref
    ...         print(f"{m.span.text(text)!r}: {r.earliest} .. {r.latest} ({r.precision})")
    >>> show("Aircraft struck the market late on Friday night.")
    'late on Friday night': 2015-12-18 .. 2015-12-18 (day)
    >>> show("Since September 30 last year, eight hospitals were hit.", PartialDate(2016, 3))
    'Since September 30 last year': 2015-09-30 .. 2016-03-31 (range)
    >>> show("between September 30th 2015 and November 29th 2015")
    'between September 30th 2015 and November 29th 2015': 2015-09-30 .. 2015-11-29 (range)
    >>> show("The war began in mid-December 2013; it may amount to a war crime.")
    'in mid-December 2013': 2013-12-11 .. 2013-12-20 (range)
    >>> show("On Tuesday, the day Amnesty published it.", PartialDate(2015, 12))
    'On Tuesday': 2015-12-01 .. 2015-12-29 (range)
    >>> show("It happened yesterday at 1:15 pm, aged 16.", None)
    """
    if end is None:
        end = len(text)
    if isinstance(published, date):
        published = PartialDate(published.year, published.month, published.day)
    present = {m.lastgroup for m in _TRIGGERS.finditer(text, start, end)}
    if "weekend" in present:
        present.add("period")                   # "last weekend"
    if not present:
        return []
    cands = []
    for order, (core, before, needs, handler) in enumerate(_PATTERNS):
        if not present.issuperset(needs):
            continue
        for m in core.finditer(text, start, end):
            pre = None
            if before is not None:
                pre = before.search(text, max(start, m.start() - 48), m.start())
                if pre is not None and pre.start() == pre.end():
                    pre = None
            cand = handler(_Hit(m, pre), text, start)
            if cand is not None:
                cands.append((cand.start, -(cand.end - cand.start), order, cand))
    chosen: list[_Cand] = []
    for _, _, _, cand in sorted(cands, key=lambda c: c[:3]):
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(cand)
    chosen = _compose(text, chosen, start)

    mentions = []
    for cand in chosen:
        bounds = cand.resolve(published)
        if bounds is None:
            continue
        s = cand.start
        if not isinstance(cand, (_Since, _Until, _Range)):
            prep = _PREPOSITION.search(text, max(start, s - 12), s) or (
                cand.days and (_BETWEEN.search(text, max(start, s - 12), s)
                               or _FROM.search(text, max(start, s - 12), s)))
            if prep:
                s = prep.start()
        span = Span(s, cand.end)
        ref = DateRef(earliest=bounds[0], latest=bounds[1],
                      precision=cand.precision or _precision(bounds), span=span)
        mentions.append(DateMention(span=span, ref=ref, relative=cand.relative))
    return mentions


def _compose(text: str, chosen: list[_Cand], lo: int) -> list[_Cand]:
    """Join "between X and Y" / "from X to Y"; wrap "since X" and "until X"."""
    out: list[_Cand] = []
    i = 0
    while i < len(chosen):
        cand = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        window = max(lo, cand.start - 12)
        if nxt is not None:
            between = _BETWEEN.search(text, window, cand.start)
            joint = (_AND if between else _TO).fullmatch(text, cand.end, nxt.start)
            opener = between or _FROM.search(text, window, cand.start)
            if joint and opener:
                out.append(_Range(cand, nxt, opener.start(), nxt.end))
                i += 2
                continue
        since = _SINCE.search(text, window, cand.start)
        until = _UNTIL.search(text, window, cand.start)
        if since:
            cand = _Since(cand, since.start())
        elif until:
            cand = _Until(cand, until.start())
        out.append(cand)
        i += 1
    return out
