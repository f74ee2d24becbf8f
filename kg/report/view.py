"""What pages print: dates with their precision, titles, figures, and article text with
quotes highlighted at their offsets (escaped here, so templates insert it as it is).

>>> fmt_date("2015-11-29"), fmt_date("2015-11"), fmt_date("2015")
('29 November 2015', 'November 2015', '2015')
>>> str(paragraph("One.\\nTwo words here.\\nThree.", [(9, 14, "q1")], "a1"))
'<p class="para" data-article="a1" data-offset="5">Two <mark class="quote" data-start="9" \
data-end="14" id="q1">words</mark> here.</p>'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Iterable, Sequence

from markupsafe import Markup

from kg.report.model import EKG, Dossier, Incident

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PRECISION_WORDS = {EKG + "Day": "day", EKG + "Month": "month", EKG + "Year": "year",
                   EKG + "DateRange": "range"}
QUALIFIER_WORDS = {EKG + "AtLeast": "at least", EKG + "MoreThan": "more than",
                   EKG + "Approximately": "about", EKG + "AtMost": "at most",
                   EKG + "Between": "between", EKG + "Exact": ""}


def fmt_date(lexical: str) -> str:
    """A date written YYYY-MM-DD, YYYY-MM or YYYY, in words."""
    parts = lexical.split("-")
    try:
        if len(parts) == 3:
            d = date.fromisoformat(lexical)
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return lexical


def incident_date(inc: Incident) -> str:
    """The incident's date as the reports allow it: a day, a month, a window, or undated."""
    if not inc.earliest:
        return "undated"
    precision = PRECISION_WORDS.get(inc.precision, "")
    if inc.earliest == inc.latest:
        return fmt_date(inc.earliest)
    first, last = date.fromisoformat(inc.earliest), date.fromisoformat(inc.latest)
    if precision == "month" and first.day == 1 and (first.year, first.month) == (
            last.year, last.month):
        return fmt_date(inc.earliest[:7])
    if precision == "year" and first.year == last.year:
        return str(first.year)
    return f"{fmt_date(inc.earliest)} – {fmt_date(inc.latest)}"


def precision_word(inc: Incident) -> str:
    return PRECISION_WORDS.get(inc.precision, "") if inc.earliest else ""


def target_words(d: Dossier, inc: Incident) -> list[str]:
    """The kinds of object hit, as the ontology names them ("market", "hospital")."""
    words = []
    for t in inc.targets:
        target = d.targets.get(t)
        for c in (target.classes if target else []):
            w = d.terms.get(c, (c.rsplit("#", 1)[-1],))[0]
            if w not in words:
                words.append(w)
    return sorted(words)


def incident_title(d: Dossier, inc: Incident, with_date: bool = True) -> str:
    """"Civilians, market in Ariha, 29 November 2015"."""
    what = ", ".join(w for w in target_words(d, inc)) or "attack"
    where = ", ".join(d.label(p) for p in inc.places)
    when = incident_date(inc)
    title = what + (f" in {where}" if where else "")
    if when != "undated" and with_date:
        title += f", {when}"
    if not inc.places and not inc.earliest and inc.graph_label:
        return inc.graph_label
    return title[:1].upper() + title[1:]


def figure_range(d: Dossier, inc: Incident, kind: str) -> str:
    """The lowest and highest count of *kind* (killed, injured) the figures give."""
    counts = [d.figures[f].count for f in inc.figures if f in d.figures
              and d.figures[f].kind == kind]
    if not counts:
        return ""
    lo, hi = min(counts), max(counts)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def figure_words(qualifier: str, count: int, upper=None) -> str:
    q = QUALIFIER_WORDS.get(qualifier, "")
    if q == "between" and upper is not None:
        return f"between {count} and {upper}"
    return f"{q} {count}".strip()


# --- text with highlights --------------------------------------------------------------------
def paragraph(text: str, marks: Sequence[tuple[int, int, str]], article: str) -> Markup:
    """The paragraph(s) of *text* holding *marks* ((start, end, id) in code points), each
    mark a ``<mark>`` at its offsets; ``data-offset`` is where the paragraph starts in the
    text of the article whose id is *article*."""
    if not marks:
        return Markup("")
    lo = min(m[0] for m in marks)
    hi = max(m[1] for m in marks)
    start = text.rfind("\n", 0, lo) + 1
    end = text.find("\n", hi)
    end = len(text) if end < 0 else end
    out, pos = [], start
    for s, e, ident in sorted(marks):
        if s < pos:       # overlapping words of one claim: shown once
            continue
        out.append(escape(text[pos:s], quote=False))
        out.append(f'<mark class="quote" data-start="{s}" data-end="{e}" id="{escape(ident)}">'
                   f'{escape(text[s:e], quote=False)}</mark>')
        pos = e
    out.append(escape(text[pos:end], quote=False))
    return Markup(f'<p class="para" data-article="{escape(article)}" data-offset="{start}">'
                  f'{"".join(out)}</p>')


@dataclass(frozen=True)
class Highlight:
    """One extracted span of an article: its offsets, its type and an anchor."""

    start: int
    end: int
    kind: str       # allegation, denial, attack, figure, source
    ident: str      # the HTML id of its marker


def highlighted(text: str, spans: Iterable[Highlight]) -> Markup:
    """*text* with every span highlighted: the text is cut at every span boundary and each
    piece is one ``<span>`` whose classes are the kinds of the spans covering it, so
    overlapping spans need no nesting; an empty marker (``id``) opens each span.  The text
    content of the result is *text*, character for character."""
    spans = sorted(set(spans), key=lambda h: (h.start, h.end, h.kind, h.ident))
    cuts = sorted({0, len(text), *(h.start for h in spans), *(h.end for h in spans)})
    starts: dict[int, list[Highlight]] = {}
    for h in spans:
        starts.setdefault(h.start, []).append(h)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for h in starts.get(a, []):
            out.append(f'<span class="marker" id="{escape(h.ident)}"></span>')
        covering = sorted({h.kind for h in spans if h.start <= a and b <= h.end})
        piece = escape(text[a:b], quote=False)
        if covering:
            classes = " ".join(f"t-{k}" for k in covering)
            out.append(f'<span class="hl {classes}">{piece}</span>')
        else:
            out.append(piece)
    return Markup("".join(out))
