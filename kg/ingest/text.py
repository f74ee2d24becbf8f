"""Plain-text articles: which line is the title, where a known title sits, a top dateline.

The text itself is never changed here: the title is *located* in it, so that
``text[span.start:span.end]`` is the title as the file writes it.

>>> text = "Advertisement\\n\\nDecember 24, 2015 1:15 pm\\n  Hospital hit in night raid \\n\\nBody."
>>> find_title(text)
('Hospital hit in night raid', Span(start=43, end=69))
>>> find_dateline(text)
PartialDate(year=2015, month=12, day=24)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator, Optional

from kg.model import PartialDate, Span

__all__ = ["FURNITURE", "find_title", "locate_title", "find_dateline", "is_boilerplate", "lines"]

#: How many non-empty lines at the top of a text may hold its title or a dateline.
HEAD_LINES = 8

_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for m in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (r"(?:(?:,|\s+at|\s*[-–|•·])?\s*\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?[A-Z]{2,5}\)?|\s*(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?)?)?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
#: A line that is only a date, optionally with a weekday, a time and a label ("Published:").
_DATELINE = re.compile(
    r"\s*(?:(?:published|posted|updated|last\s+updated|first\s+published|date)\s*(?:on)?\s*:?\s*)?"
    + _WEEKDAY
    + r"(?:" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR
    + r"|" + _DAY.replace("day>", "day2>") + r"\s+" + _MONTH.replace("month>", "month2>")
    + r",?\s+" + _YEAR.replace("year>", "year2>")
    + r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))"
    + _TIME + r"\s*",
    re.IGNORECASE,
)

#: Lines and paragraphs that pages wrap around an article ("Advertisement", "Read more: ...",
#: "Share on Facebook", "© 2016 ..."): never its title, and dropped from HTML text.
FURNITURE = re.compile(
    r"""\s*(?:
        advertisements?|advertising|sponsored(?:\s+content)?|ad|promoted|
        skip\s+to\s+(?:main\s+)?content|jump\s+to\s+navigation|(?:toggle\s+)?navigation|
        menu|home|search|close|breaking(?:\s+news)?|live|watch|listen|loading\.*|
        share(?:\s+(?:this|this\s+(?:article|story|page)|on\s+[\w ]{1,20}|via\s+\w+))?\s*:?|
        (?:tweet|e-?mail|print|whatsapp|facebook|twitter|linkedin|copy\s+link)(?:\s+this)?|
        read\s+more(?:\s*[:.…-].*)?|continue\s+reading\b.*|
        read\s+the\s+full\s+(?:story|article)\b.*|
        click\s+here\b.*|
        related(?:\s+(?:articles?|stories|content|coverage|news|reading|topics))?\s*(?::.*)?|
        (?:sign\s+(?:in|up)|log\s*in|subscribe)(?:\s+(?:now|today|here|for|to)\b.{0,80})?|
        follow\s+us\b.*|comments?(?:\s*\(\d+\))?|leave\s+a\s+(?:comment|reply)\b.*|
        your\s+email\s+address\s+will\s+not\s+be\s+published\b.*|
        .{0,40}\buses?\s+cookies\b.*|(?:accept|reject)(?:\s+all)?(?:\s+cookies)?|
        (?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}).*|all\s+rights\s+reserved\.?|
        (?:photo|image|video|picture)\s*:.*|file\s+photo\b.*|https?://\S+|www\.\S+
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
# "By Jane Doe": a byline, never a title (but "By air and sea, aid arrives" is one).
_BYLINE = re.compile(r"\s*[Bb]y:?\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line of *text*, without its ``\\n``.

    >>> list(lines("ab\\n\\ncd"))
    [(0, 2), (3, 3), (4, 6)]
    """
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _head(text: str, limit: int = HEAD_LINES) -> Iterator[tuple[int, int]]:
    """The first *limit* non-empty lines, stripped of surrounding whitespace."""
    seen = 0
    for start, end in lines(text):
        start, end = _stripped(text, start, end)
        if start == end:
            continue
        yield start, end
        seen += 1
        if seen >= limit:
            return


def is_boilerplate(line: str) -> bool:
    """True for page furniture ("Advertisement", "Read more", "Share", a byline, a dateline).

    >>> is_boilerplate("Advertisement"), is_boilerplate("December 24, 2015 1:15 pm")
    (True, True)
    >>> is_boilerplate("By Jane Doe"), is_boilerplate("By air and sea, aid arrives")
    (True, False)
    >>> is_boilerplate("Share"), is_boilerplate("Shares fall in Moscow")
    (True, False)
    """
    return bool(_DATELINE.fullmatch(line) or FURNITURE.fullmatch(line)
                or _BYLINE.fullmatch(line))


def find_title(text: str) -> tuple[Optional[str], Optional[Span]]:
    """The first non-empty line that is not boilerplate, and its span; (None, None) if none.

    >>> find_title("\\n\\n  Title here  \\nBody")
    ('Title here', Span(start=4, end=14))
    """
    for start, end in _head(text):
        line = text[start:end]
        if not is_boilerplate(line):
            return line, Span(start, end)
    return None, None


_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ",
})


def _fold(text: str) -> str:
    """Quotes, dashes and no-break spaces folded to their ASCII forms; lower case."""
    return text.translate(_FOLD).lower()


def locate_title(text: str, title: str) -> Optional[Span]:
    """Where *title* (from metadata) sits among the first lines of *text*, or None.

    An exact match wins; else a match ignoring case, quote and dash styles and runs of
    whitespace.  The span then covers the words as the text writes them.

    >>> locate_title("Advertisement\\n\\nPutin’s forces accused\\n", "Putin's forces accused")
    Span(start=15, end=37)
    >>> locate_title("Body only", "Another title") is None
    True
    """
    title = title.strip()
    if not title:
        return None
    head_end = 0
    for _, end in _head(text):
        head_end = end
    head = text[:head_end]
    pos = head.find(title)
    if pos >= 0:
        return Span(pos, pos + len(title))
    pattern = _fuzzy_pattern(title)
    if pattern is None:
        return None
    m = pattern.search(head)
    return Span(m.start(), m.end()) if m else None


def _fuzzy_pattern(title: str) -> Optional[re.Pattern]:
    words = _fold(unicodedata.normalize("NFC", title)).split()
    if not words:
        return None
    parts = []
    for word in words:
        parts.append("".join(_CHAR_CLASSES.get(c, re.escape(c)) for c in word))
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


_CHAR_CLASSES = {"'": "['‘’‛′]", '"': '["“”„″]', "-": "[-–—‐‑−]"}


def find_dateline(text: str) -> Optional[PartialDate]:
    """The date of a line at the top of *text* that is only a date ("December 24, 2015 1:15
    pm", "Published: 24 Dec 2015"): pages print the publication date there.

    >>> find_dateline("Headline\\n\\nUpdated: 3 March 2016, 10:02 GMT\\n\\nBody") is not None
    True
    >>> find_dateline("Headline\\n\\nOn 3 March 2016 a shell hit the clinic.") is None
    True
    """
    for start, end in _head(text, 4):
        m = _DATELINE.fullmatch(text, start, end)
        if not m:
            continue
        g = m.groupdict()
        try:
            if g["iy"]:
                return PartialDate.parse(f"{g['iy']}-{g['im']}-{g['id']}")
            year = int(g["year"] or g["year2"])
            month = _MONTHS[(g["month"] or g["month2"]).lower()]
            day = int(g["day"] or g["day2"])
            return PartialDate.parse(f"{year:04d}-{month:02d}-{day:02d}")
        except (ValueError, AttributeError):
            continue
    return None
