"""One handler per date pattern: a match read as a candidate (`_Cand`), or None when the
words are not a date ("by April Ryan", "The Mail on Sunday")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from kg.extract.dates.calendar import (
    _NUMBER_WORDS,
    Bounds,
    _monday,
    _month,
    _month_number,
    _shift_month,
    _weekday_number,
    _year,
)
from kg.extract.dates.candidates import ABSOLUTE, DEICTIC, YEARLESS, _Cand, _Hit
from kg.extract.dates.expressions import (
    _AGO,
    _CUE,
    _DDM,
    _DECADE,
    _DMY,
    _ISO,
    _M,
    _MDD,
    _MDY,
    _MY,
    _PAIR_CUE,
    _PART_BEFORE,
    _PART_MOD_BEFORE,
    _PERIOD,
    _PERIOD_PREFIX,
    _RELATIVE_DAY,
    _TODAY_NAME,
    _TODAY_NAME_AFTER,
    _WEEKDAY_BEFORE,
    _WEEKDAY_EXPR,
    _WEEKDAY_GENERIC,
    _WEEKDAY_NAME_AFTER,
    _WEEKDAY_NAME_BEFORE,
    _WEEKDAY_PREFIX,
    _WEEKDAY_THE_BEFORE,
    _WEEKEND,
    _Y,
)


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
