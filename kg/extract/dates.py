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

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional, Union

from kg.model import DateRef, PartialDate, Span

__all__ = ["DateMention", "find_dates"]

Bounds = tuple[Optional[date], Optional[date]]


@dataclass(frozen=True)
class DateMention:
    """Words that date something, and what they resolve to."""

    span: Span              # offsets into the text given to `find_dates`
    ref: DateRef            # its `span` is `span` too
    relative: bool          # True when resolved against the publication date


# ---- calendar helpers -----------------------------------------------------------------

def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _month(year: int, month: int, part: Optional[str] = None) -> Bounds:
    """The month, or its early (1-10), mid (11-20) or late (21-end) part."""
    end = _month_end(year, month)
    if part == "early":
        return date(year, month, 1), date(year, month, 10)
    if part == "mid":
        return date(year, month, 11), date(year, month, 20)
    if part == "late":
        return date(year, month, 21), end
    return date(year, month, 1), end


def _year(year: int, part: Optional[str] = None) -> Bounds:
    """The year, or its early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) part."""
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part, (1, 12))
    return date(year, first, 1), _month_end(year, last)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _precision(bounds: Bounds) -> str:
    first, last = bounds
    if first is None or last is None:
        return "range"
    if first == last:
        return "day"
    if first.day == 1 and last == _month_end(first.year, first.month):
        return "month"
    if (first.month, first.day) == (1, 1) and last == date(first.year, 12, 31):
        return "year"
    return "range"


def _safe(make: Callable[[], Bounds]) -> Optional[Bounds]:
    try:
        return make()
    except (ValueError, OverflowError):
        return None


# ---- words ----------------------------------------------------------------------------

_MONTHS = {name: i for i, name in enumerate(
    ("January February March April May June July August September October November "
     "December").split(), start=1)}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
               "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_WEEKDAYS = {name: i for i, name in enumerate(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
_WEEKDAY_ABBR = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
                 "Fri": 4, "Sat": 5, "Sun": 6}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2})


def _alternation(words, suffix: str = "") -> str:
    """Capitalised and upper-case forms (never lower case: "may", "march" are words).

    A flat alternation of literals: the regex engine then scans for their first letters.
    """
    forms = {f for w in words for f in (w, w.upper())}
    return "|".join(f + suffix for f in sorted(forms, key=len, reverse=True))


def _month_number(token: str) -> int:
    token = token.rstrip(".").capitalize()
    return _MONTHS.get(token) or _MONTH_ABBR[token]


def _weekday_number(token: str) -> int:
    token = token.rstrip(".").capitalize()
    return _WEEKDAYS[token] if token in _WEEKDAYS else _WEEKDAY_ABBR[token]


# ---- patterns -------------------------------------------------------------------------

_NB = r"(?![A-Za-z])"                              # no letter follows
_LB = r"(?<![A-Za-z])"                             # no letter before
_MONTH_FULL = rf"(?:{_alternation(_MONTHS)}){_NB}"
_DOT = r"\.?"
_MONTH_ANY = rf"(?:{_alternation(_MONTHS)}|{_alternation(_MONTH_ABBR, _DOT)}){_NB}"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)}){_NB}"
_WEEKDAY_ANY = rf"(?:{_alternation(_WEEKDAYS)}|{_alternation(_WEEKDAY_ABBR, _DOT)}){_NB}"
_DAY = r"(?=\d)(?<![\d.,:/])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:]|\.\d)"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?=[12])(?<![\d.,:/£$€])(?P<year>(?:18|19|20)\d\d)(?![\d:]|\.\d|\s*(?:%|per\s*cent))"
_REL_YEAR = r"(?:,?\s+(?P<ry>(?i:last|this|next))\s+(?i:year))"
_PART = rf"(?:{_LB}(?P<part>(?i:early|mid|late))(?:-|\s+|-\s*))"
_EDGE = rf"(?:{_LB}(?i:the)\s+(?P<edge>(?i:beginning|start|middle|end))\s+(?i:of)\s+)"
_DAY_PART = r"(?i:morning|afternoon|evening|night|overnight|midday|lunchtime|dawn)"
_DAYS_RANGE = r"\s*(?:[-–—]|\s(?i:and|to|until|till|through)\s)\s*"


def _prefix(pattern: str) -> re.Pattern:
    """Optional words before a date, found by searching back from it (see `_Hit`)."""
    return re.compile(rf"(?:{pattern})?\Z")


# Each pattern is a core, which the text is scanned for, and optional words before it, read
# backwards from the core: a pattern that starts with optional words would be tried at every
# position of the text, and these run on every sentence.
_DMY = re.compile(rf"{_DAY}(?:\s+(?i:of))?\s+(?P<month>{_MONTH_ANY})(?:,?\s+{_YEAR}|{_REL_YEAR})?")
_MDY = re.compile(rf"(?P<month>{_MONTH_ANY})\s+(?:(?i:the)\s+)?{_DAY}(?:,?\s+{_YEAR}|{_REL_YEAR})?")
_DDM = re.compile(rf"{_DAY}{_DAYS_RANGE}{_DAY2}(?:\s+(?i:of))?\s+(?P<month>{_MONTH_ANY})"
                  rf"(?:,?\s+{_YEAR}|{_REL_YEAR})?")
_MDD = re.compile(rf"(?P<month>{_MONTH_ANY})\s+{_DAY}{_DAYS_RANGE}{_DAY2}"
                  rf"(?:,?\s+{_YEAR}|{_REL_YEAR})?")
_ISO = re.compile(r"(?=[12])(?<![\d-])(?P<year>(?:18|19|20)\d\d)([-/])(?P<month>0[1-9]|1[0-2])\2"
                  r"(?P<day>0[1-9]|[12]\d|3[01])(?![\d])")
_MY = re.compile(rf"(?P<month>{_MONTH_ANY}),?\s+(?:(?i:of)\s+)?{_YEAR}")
_M = re.compile(rf"(?P<month>{_MONTH_FULL}){_REL_YEAR}?")
_Y = re.compile(rf"{_YEAR}(?:\s*[-–]\s*(?P<y2>(?:18|19|20)\d\d|\d\d)(?!\d))?")
_DECADE = re.compile(r"(?i:the)\s+(?P<decade>(?:18|19|20)\d0)['’]?s(?![A-Za-z])")
_WEEKDAY_EXPR = re.compile(
    rf"(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_DAY_PART}){_NB})?"
    r"(?:,?\s+(?:(?i:of)\s+)?(?P<week>(?i:last|this|next))\s+(?i:week)(?![A-Za-z]))?")
_RELATIVE_DAY = re.compile(
    r"(?<![A-Za-z])(?P<w>(?i:(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon"
    r"|evening)|(?:early\s+|late\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?|the\s+day"
    r"\s+before\s+yesterday|last\s+night|overnight|(?:the\s+)?(?:past|last)\s+(?:24|twenty-four)"
    r"\s+hours))(?![A-Za-z])")
_AGO = re.compile(
    r"(?<![A-Za-z\d])(?P<n>(?i:a\s+couple\s+of|couple\s+of|an?|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve)|\d{1,3})\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+"
    r"(?i:ago)(?![A-Za-z])")
_PERIOD = re.compile(rf"{_LB}(?P<which>(?i:last|this|next|past))\s+"
                     r"(?P<unit>(?i:week|weekend|month|year))(?![A-Za-z])")
_WEEKEND = re.compile(r"(?<![A-Za-z])(?i:(?:at|over)\s+the\s+weekend)(?![A-Za-z])")

_WEEKDAY_THE_BEFORE = _prefix(rf"{_LB}{_WEEKDAY_ANY},?\s+(?:(?i:the)\s+)?|{_LB}(?i:the)\s+")
_WEEKDAY_BEFORE = _prefix(rf"{_LB}{_WEEKDAY_ANY},?\s+")
_PART_BEFORE = _prefix(rf"{_PART}|{_EDGE}")
_PART_MOD_BEFORE = _prefix(rf"(?:{_PART}|{_EDGE})?(?:{_LB}(?P<mod>(?i:last|this|next))\s+)?")
_WEEKDAY_PREFIX = _prefix(
    r"(?<![A-Za-z])(?P<pre>(?i:(?:late|early)\s+(?:on\s+)?|on\s+the\s+(?:morning|afternoon|"
    r"evening|night)\s+of\s+|in\s+the\s+(?:early|small|late)\s+hours\s+of\s+|(?:during\s+)?the"
    r"\s+night\s+of\s+|overnight\s+(?:on\s+|into\s+)?|(?:at\s+)?dawn\s+on\s+))"
    r"(?:(?P<mod>(?i:last|this|next|past))\s+)?|(?<![A-Za-z])(?P<mod2>(?i:last|this|next|past))"
    r"\s+")
_PERIOD_PREFIX = _prefix(
    r"(?<![A-Za-z])(?:(?P<part>(?i:early|mid|late))(?:-|\s+))?(?:(?P<dir>(?i:earlier|later))\s+)?"
    r"(?:(?P<the>(?i:the))\s+)?")
#: Words before a bare month or year that make it a date ("in March", "since 2004"), and
#: the second of a pair ("between March and May", "from 2014 to 2016").
_CUE = re.compile(r"(?<![A-Za-z])(?i:in|since|until|till|by|during|from|through|throughout|"
                  r"before|after|of|between|as\s+of|around|circa|year)\s+$")
_PAIR_CUE = re.compile(rf"(?:{_MONTH_FULL}|(?<!\d)(?:18|19|20)\d\d)\s+"
                       r"(?i:and|to|or|until|till|through|-|–)\s+$")
#: Weekday names that are parts of names, not dates.
_WEEKDAY_NAME_BEFORE = re.compile(
    r"(?:Mail\s+on|Bloody|Easter|Palm|Good|Black|Ash|Holy|Maundy|Super|Cyber|Whit|Low|Shrove|"
    r"Mothering|Trinity|Passion|Great|Man|Girl|Spy)\s+$")
_WEEKDAY_NAME_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:Times|Telegraph|Express|Mirror|People|Herald|Post|Independent|Tribune|Mail"
    r"|Star|World|Sport|Review|Magazine|Agreement|Night\s+Live|edition|paper|school|service|Mass"
    r"|[Pp]rayers?|sermons?|market)\b")
#: "a normal Sunday", "every Friday": a kind of day, not a date.
_WEEKDAY_GENERIC = re.compile(r"(?<![A-Za-z])(?i:a|an|every|each|any|another|one)\s+"
                              r"(?:[A-Za-z]+\s+)?$")
_TODAY_NAME = re.compile(r"(?:USA|Russia|Turkey|Egypt|China|Africa|India|Israel)\s+$")
_TODAY_NAME_AFTER = re.compile(r"\s+(?:programme|program|show|newspaper)\b")
#: A preposition put in the span before a date ("on Sunday", "in March").
_PREPOSITION = re.compile(r"(?<![A-Za-z])(?i:on|in|during|throughout|at|over)\s+$")
_SINCE = re.compile(r"(?<![A-Za-z])(?i:(?:ever\s+)?since)\s+$")
_UNTIL = re.compile(r"(?<![A-Za-z])(?i:until|till|up\s+(?:to|until))\s+$")
_BETWEEN = re.compile(r"(?<![A-Za-z])(?i:between)\s+$")
_FROM = re.compile(r"(?<![A-Za-z])(?i:from)\s+$")
_AND = re.compile(r"\s+(?i:and)\s+")
_TO = re.compile(r"\s*(?:\s(?i:to|until|till|through)\s|[-–—])\s*")
#: One cheap scan that says which patterns can match at all in a window of text.
_TRIGGERS = re.compile(
    r"(?P<digit>\d+)"
    rf"|(?P<month>{_MONTH_ANY})"
    rf"|(?P<weekday>{_WEEKDAY})"
    r"|(?P<day>(?i:today|tonight|yesterday|night|overnight|hours))"
    r"|(?P<weekend>(?i:weekend))"
    r"|(?P<period>(?i:week|month|year))"
    r"|(?P<ago>(?i:ago))")


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


def _ry_year(ry: Optional[str], anchor: date) -> int:
    return anchor.year + {"last": -1, "this": 0, "next": 1}[ry.lower()]


def _day_month(m: _Hit, text: str, lo: int) -> _Cand:
    """DMY / MDY / DDM / MDD: a day (or two) and a month, with a year or not."""
    month = _month_number(m.group("month"))
    day = int(m.group("day"))
    day2 = int(m.group("day2")) if m.group("day2") else day
    if day2 < day:
        day, day2 = day2, day
    year, ry = m.group("year"), m.group("ry")
    if year:
        y = int(year)
        cand = _Cand(m.start(), m.end(), ABSOLUTE,
                     lambda _: (date(y, month, day), date(y, month, day2)))
    elif ry:
        cand = _Cand(m.start(), m.end(), YEARLESS,
                     lambda a: (date(_ry_year(ry, a), month, day),
                                date(_ry_year(ry, a), month, day2)))
    else:
        cand = _Cand(m.start(), m.end(), YEARLESS, lambda a: _recent_day(a, month, day, day2))
    cand.days = day2 != day
    return cand


def _recent_day(anchor: date, month: int, day: int, day2: int) -> Optional[Bounds]:
    """The most recent *month*/*day* on or before *anchor* (29 February: a leap year)."""
    for y in range(anchor.year, anchor.year - 9, -1):
        try:
            first = date(y, month, day)
        except ValueError:
            continue
        if first > anchor and y == anchor.year:
            continue
        return first, date(y, month, day2)
    return None


def _iso(m: _Hit, text: str, lo: int) -> _Cand:
    y, mo, d = int(m.group("year")), int(m.group("month")), int(m.group("day"))
    return _Cand(m.start(), m.end(), ABSOLUTE, lambda _: (date(y, mo, d),) * 2)


def _part_of(m: _Hit) -> Optional[str]:
    part = m.group("part")
    if part:
        return part.lower()
    edge = m.group("edge")
    if edge:
        return {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}[
            edge.lower()]
    return None


def _month_year(m: _Hit, text: str, lo: int) -> _Cand:
    month, year, part = _month_number(m.group("month")), int(m.group("year")), _part_of(m)
    return _Cand(m.start(), m.end(), ABSOLUTE, lambda _: _month(year, month, part))


def _cued(text: str, lo: int, at: int) -> bool:
    return bool(_CUE.search(text, max(lo, at - 12), at)
                or _PAIR_CUE.search(text, max(lo, at - 20), at))


def _bare_month(m: _Hit, text: str, lo: int) -> Optional[_Cand]:
    mod, ry, part = m.group("mod"), m.group("ry"), _part_of(m)
    if not (mod or ry or part or _cued(text, lo, m.start())):
        return None
    after = text[m.end():m.end() + 2]
    if not ry and re.match(r"\s[A-Z]", after):
        return None      # "by April Ryan": a name
    month = _month_number(m.group("month"))
    mod = mod.lower() if mod else None

    def fn(anchor: date) -> Bounds:
        if ry:
            year = _ry_year(ry, anchor)
        elif mod == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif mod == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif mod == "this":
            year = anchor.year
        else:       # the most recent such month (or part of it) that began by the anchor
            year = anchor.year if _month(anchor.year, month, part)[0] <= anchor else anchor.year - 1
        return _month(year, month, part)

    return _Cand(m.start(), m.end(), YEARLESS, fn)


def _bare_year(m: _Hit, text: str, lo: int) -> Optional[_Cand]:
    part = _part_of(m)
    if not (part or _cued(text, lo, m.start())):
        return None
    year = int(m.group("year"))
    y2 = m.group("y2")
    if y2:
        last = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
        if last <= year:
            return None
        return _Cand(m.start(), m.end(), ABSOLUTE, lambda _: (date(year, 1, 1), date(last, 12, 31)))
    return _Cand(m.start(), m.end(), ABSOLUTE, lambda _: _year(year, part))


def _decade(m: _Hit, text: str, lo: int) -> _Cand:
    start = int(m.group("decade"))
    return _Cand(m.start(), m.end(), ABSOLUTE,
                 lambda _: (date(start, 1, 1), date(start + 9, 12, 31)))


def _weekday(m: _Hit, text: str, lo: int) -> Optional[_Cand]:
    wd_start = m.start("wd")
    if _WEEKDAY_NAME_BEFORE.search(text, max(lo, wd_start - 12), wd_start) and not m.group("pre"):
        return None
    if not m.group("part") and not m.group("week") and _WEEKDAY_NAME_AFTER.match(text, m.end("wd")):
        return None
    if not (m.group("pre") or m.group("mod") or m.group("mod2")) and _WEEKDAY_GENERIC.search(
            text, max(lo, wd_start - 20), wd_start):
        return None
    wd = _weekday_number(m.group("wd"))
    mod = (m.group("mod") or m.group("mod2") or "").lower()
    week = (m.group("week") or "").lower()

    def fn(anchor: date) -> Bounds:
        if week:
            monday = _monday(anchor) + timedelta(weeks={"last": -1, "this": 0, "next": 1}[week])
            day = monday + timedelta(days=wd)
        elif mod in ("last", "past"):
            day = anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
        elif mod == "next":
            day = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        elif mod == "this":
            day = _monday(anchor) + timedelta(days=wd)
        else:
            day = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        return day, day

    return _Cand(m.start(), m.end(), DEICTIC, fn)


def _relative_day(m: _Hit, text: str, lo: int) -> Optional[_Cand]:
    words = " ".join(m.group("w").lower().split())
    if words == "today" and (_TODAY_NAME.search(text, max(lo, m.start() - 10), m.start())
                             or _TODAY_NAME_AFTER.match(text, m.end())):
        return None
    if "before yesterday" in words:
        back, span = 2, 0
    elif "yesterday" in words or words == "last night":
        back, span = 1, 0
    elif words == "overnight" or "hours" in words:
        back, span = 1, 1
    else:
        back, span = 0, 0
    return _Cand(m.start(), m.end(), DEICTIC,
                 lambda a: (a - timedelta(days=back), a - timedelta(days=back - span)))


def _ago(m: _Hit, text: str, lo: int) -> _Cand:
    n_text = " ".join(m.group("n").lower().split())
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    unit = m.group("unit").lower().rstrip("s")

    def fn(anchor: date) -> Bounds:
        if unit == "day":
            day = anchor - timedelta(days=n)
            return day, day
        if unit == "week":
            mid = anchor - timedelta(weeks=n)
            return mid - timedelta(days=3), mid + timedelta(days=3)
        if unit == "month":
            return _month(*_shift_month(anchor.year, anchor.month, -n))
        return _year(anchor.year - n)

    return _Cand(m.start(), m.end(), DEICTIC, fn)


def _period(m: _Hit, text: str, lo: int) -> Optional[_Cand]:
    part = (m.group("part") or "").lower() or None
    direction = (m.group("dir") or "").lower()
    which = m.group("which").lower()
    unit = m.group("unit").lower()
    the = bool(m.group("the"))
    if direction and which != "this":
        return None                               # "earlier last week": rare; not guessed
    if part and (unit in ("week", "weekend") or direction or which == "past"):
        return None

    def fn(anchor: date) -> Bounds:
        step = {"last": -1, "this": 0, "next": 1, "past": 0}[which]
        if which == "past" or (the and which == "last"):   # "the past week": rolling
            days = {"week": 7, "weekend": 3, "month": 30, "year": 365}[unit]
            return anchor - timedelta(days=days), anchor
        if unit == "week":
            monday = _monday(anchor) + timedelta(weeks=step)
            first, last = monday, monday + timedelta(days=6)
        elif unit == "weekend":
            return _weekend(anchor, step)
        elif unit == "month":
            first, last = _month(*_shift_month(anchor.year, anchor.month, step), part)
        else:
            first, last = _year(anchor.year + step, part)
        if direction == "earlier":
            return first, max(first, anchor - timedelta(days=1))
        if direction == "later":
            return min(anchor, last), last
        return first, last

    return _Cand(m.start(), m.end(), DEICTIC, fn)


def _weekend(anchor: date, step: int = 0) -> Bounds:
    """The weekend on or before *anchor* (step 0), the one before it (-1) or after (+1)."""
    saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
    if step < 0 and anchor.weekday() >= 5:
        saturday -= timedelta(weeks=1)
    elif step > 0:
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7 or 7)
    return saturday, saturday + timedelta(days=1)


def _the_weekend(m: _Hit, text: str, lo: int) -> _Cand:
    return _Cand(m.start(), m.end(), DEICTIC, lambda a: _weekend(a))


_PATTERNS = (  # (core, words before it, triggers needed, handler): more specific first
    (_DDM, None, ("digit", "month"), _day_month),
    (_MDD, None, ("digit", "month"), _day_month),
    (_DMY, _WEEKDAY_THE_BEFORE, ("digit", "month"), _day_month),
    (_MDY, _WEEKDAY_BEFORE, ("digit", "month"), _day_month),
    (_ISO, None, ("digit",), _iso),
    (_MY, _PART_BEFORE, ("digit", "month"), _month_year),
    (_DECADE, None, ("digit",), _decade),
    (_M, _PART_MOD_BEFORE, ("month",), _bare_month),
    (_Y, _PART_BEFORE, ("digit",), _bare_year),
    (_WEEKDAY_EXPR, _WEEKDAY_PREFIX, ("weekday",), _weekday),
    (_RELATIVE_DAY, None, ("day",), _relative_day),
    (_AGO, None, ("ago",), _ago),
    (_PERIOD, _PERIOD_PREFIX, ("period",), _period),
    (_WEEKEND, None, ("weekend",), _the_weekend),
)


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
