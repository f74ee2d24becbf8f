"""When: the dates of one sentence that date an incident.

`kg.extract.dates` finds and resolves every date expression; here the ones that date the
statement rather than the attack are dropped ("said on Thursday", "in a statement on
Friday", but not "said the school was hit on Thursday"), as are spans too long to date one
incident (more than a year).  "Two days later", "the next day", "the same day" count from the
incident dated just before; when several dates remain, the one known to the day nearest the
attack word comes first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.attacks.syntax import dated_by_other_act
from kg.extract.attacks.vocab import STATEMENT_NOUNS
from kg.extract.context import ArticleContext
from kg.extract.dates import DateMention, find_dates
from kg.model import DateRef, Span

_DAYS_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7}
_STEP = re.compile(r"\b(?:(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+"
                   r"(?P<dir>later|afterwards|after that|earlier|before that)|(?:the|that)\s+"
                   r"(?P<rel>next|following|previous|same)\s+day|the\s+day\s+"
                   r"(?P<rel2>after|before))\b", re.I)
_SAYING = L.REPORTING_VERBS | L.DENY_VERBS | L.ACCUSE_VERBS | L.CALL_VERBS | L.CONDEMN_VERBS


def incident_dates(ctx: ArticleContext, sent, triggers, last_day: Optional[date]
                   ) -> list[DateMention]:
    """The dates of *sent* that may date an incident, the likeliest first."""
    text = ctx.article.text
    dates = [d for d in find_dates(text, ctx.article.published, sent.start_char, sent.end_char)
             if not reporting_date(ctx, d.span) and d.ref.earliest is not None and
             d.ref.latest is not None and (d.ref.latest - d.ref.earliest).days <= 366 and
             not dated_by_other_act(ctx, d.span, triggers)]
    if not dates and last_day is not None:
        step = step_from_last(text, sent.start_char, sent.end_char, last_day)
        published = ctx.article.published
        if step is not None and not (published and step.ref.day > published.latest):
            dates = [step]              # "Two days later, a second strike hit ..."
    if triggers and len(dates) > 1:
        at = triggers[0].idx
        dates.sort(key=lambda d: (d.ref.precision != "day", abs(d.span.start - at)))
    return dates


def step_from_last(text: str, start: int, end: int, last: date) -> Optional[DateMention]:
    """"Two days later", "the next day", "the day before": a day counted from the incident
    dated just before (the publication date is no help here)."""
    m = _STEP.search(text, start, end)
    if m is None:
        return None
    if m.group("n"):
        n = int(m.group("n")) if m.group("n").isdigit() else _DAYS_WORDS[m.group("n").lower()]
        n = n if m.group("dir").lower() in ("later", "afterwards", "after that") else -n
    elif (m.group("rel") or "").lower() == "same":
        n = 0                           # "a separate strike ... the same day"
    else:
        n = 1 if (m.group("rel") or m.group("rel2")).lower() in ("next", "following",
                                                                  "after") else -1
    day = last + timedelta(days=n)
    span = Span(m.start(), m.end())
    return DateMention(span=span, ref=DateRef(earliest=day, latest=day, precision="day",
                                              span=span), relative=False)


def reporting_date(ctx: ArticleContext, span: Span) -> bool:
    """Does the date attach to a verb of saying ("said on Thursday", "on Friday said")
    rather than to what is said ("said the school was hit on Thursday")?"""
    toks = ctx.tokens(span)
    if not toks:
        return False
    if _inside_what_is_said(toks[0]):
        return False
    for t in toks:
        h = t.head
        while h in toks and h.head.i != h.i:
            h = h.head
        if h not in toks:
            return _says(h)
    return False


def _inside_what_is_said(tok) -> bool:
    h = tok.head
    while h.head.i != h.i and h.dep_ != "ROOT":
        if h.lemma_.lower() in L.REPORTING_VERBS and h.pos_ == "VERB":
            break
        h = h.head
    if h.lemma_.lower() not in L.REPORTING_VERBS:
        return False
    comp = [c for c in h.children if c.dep_ in ("ccomp", "xcomp")]
    return any(tok.idx >= c.left_edge.idx for c in comp if c.left_edge.i > h.i)


def _says(h) -> bool:
    """Is *h*, what a date hangs on, a verb or noun of saying ("in a statement on")?"""
    lemma, gov = h.lemma_.lower(), h.head.lemma_.lower()
    if lemma in _SAYING or (h.dep_ == "prep" and gov in L.REPORTING_VERBS):
        return True
    return lemma in STATEMENT_NOUNS or (h.dep_ == "prep" and gov in STATEMENT_NOUNS)
