"""Calendar arithmetic and the words of dates (months, weekdays, small numbers)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable, Optional

Bounds = tuple[Optional[date], Optional[date]]
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
