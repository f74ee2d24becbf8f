"""The regular expressions of date expressions: a core each, scanned for, and the optional
words before it, read backwards from the core (a pattern that starts with optional words would
be tried at every position of the text, and these run on every sentence)."""

from __future__ import annotations

import re

from kg.extract.dates.calendar import _MONTH_ABBR, _MONTHS, _WEEKDAY_ABBR, _WEEKDAYS, _alternation

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
