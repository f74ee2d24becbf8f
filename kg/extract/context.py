"""What the extractor knows about one article while it reads it.

Lines are classified once (body text, headline-like line, photo caption, page boilerplate);
what is not prose (boilerplate lines, datelines, list markup, glued image file names) is
blanked out of the text given to the parser, keeping every offset; quotation marks are
paired; and the agents met so far are remembered, so that "he", "the ministry" or "the
London-based rights group" can be traced back to a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from kg.model import AgentRef, Article, Span

BOILERPLATE = re.compile(
    r"^\s*(advertisement|sponsored|read more\b|read also\b|see also\b|related\b|tags?:|by:|"
    r"location:|share\b|share this|copyright|©|all rights reserved|leave a reply|"
    r"your email address|required fields|subscribe|sign up|stay informed|click here|"
    r"follow us|comments?\b|via https?://|https?://|www\.|posted in|filed under|"
    r"skip to|photo:|image:|caption:|credit:)",
    re.IGNORECASE)
CAPTION = re.compile(r"\bPhoto:|\(Photo\b|\bPhoto by\b|Getty Images|\bPhotograph:|/AFP\b|"
                     r"/Reuters\b|REUTERS/|\bFile photo\b", re.IGNORECASE)
TERMINAL = re.compile(r"([.!?…:;][\"”’'″)\]]*|,[\"”’″]|,'')\s*$")  # "…,” is a quotation paragraph
QUOTE_PAIRS = re.compile(r"“[^”“\n]{2,}?[”“]|\"[^\"\n]{2,}?\"|(?<![\w])‘[^‘\n]{2,}?’(?![\w])|"
                         r"``[^`\n]{2,}?(?:''|″|”|\")")      # also old wire style: ``...''
#: "GENEVA, (Reuters) –", "KHARTOUM, March 25 (AFP) -", "ALEPPO, SYRIA - NOVEMBER 03:"
DATELINE = re.compile(r"^(?:[A-Z][A-Z .'’\-]{2,40},[^\n]{0,40}?(?:\([A-Za-z .]{2,30}\))?"
                      r"|\([A-Z][A-Za-z .'’\-]{1,30}\))\s*[–—-]\s")   # also "(Nairobi) – "
#: markup that is not prose: "[/*]", "[list]"
MARKUP = re.compile(r"\[/?\*?\]|\[/?list\]")
#: a word that looks like a file name: an underscore, or two hyphens in lowercase
FILENAME_LIKE = re.compile(r"\S*_\S*|[a-z0-9]+(?:-[a-z0-9]+){2,}[A-Za-z]*\S*")


def _filename_debris(word: str) -> int:
    """How many leading characters of *word* are a glued file name ("Infossible_Russia-
    Attack-Ariha-SyriaRussia’s" -> all but "Russia’s"); 0 when none."""
    if not FILENAME_LIKE.fullmatch(word):
        return 0
    for i in range(len(word) - 1, 0, -1):
        if word[i].isupper() and word[i - 1].islower():
            return i
    return len(word)


@dataclass
class Line:
    span: Span
    kind: str          # "body", "headline", "caption", "boilerplate", "blank"


def classify_lines(text: str, title_span: Optional[Span] = None) -> list[Line]:
    """Split *text* into lines and say what each is.

    >>> text = "Title here\\n\\nAdvertisement\\nIt said so. Photo: AP\\nBody text.\\n“They hit it,”"
    >>> [line.kind for line in classify_lines(text)]
    ['headline', 'blank', 'boilerplate', 'caption', 'body', 'body']
    """
    lines, pos = [], 0
    for raw in text.split("\n"):
        span = Span(pos, pos + len(raw))
        pos += len(raw) + 1
        s = raw.strip()
        if not s:
            kind = "blank"
        elif BOILERPLATE.match(s):
            kind = "boilerplate"
        elif CAPTION.search(s):
            kind = "caption"
        elif (title_span and span.overlaps(title_span)) or "[/*]" in s or (
                not TERMINAL.search(s) and len(s.split()) <= 25):
            kind = "headline"
        else:
            kind = "body"
        lines.append(Line(span, kind))
    return lines


#: no word longer than this reaches the tokenizer (a longer run of non-space characters is
#: cut by spaces at every RUN_LIMIT characters: an address or a row of marks, not prose)
RUN_LIMIT = 64
_LONG_RUN = re.compile(r"\S{%d,}" % (RUN_LIMIT + 1))


def parse_text(text: str, lines: list[Line]) -> str:
    """The text handed to the parser: same length as *text*, non-prose blanked out, no
    word longer than `RUN_LIMIT` characters.

    >>> parse_text("GENEVA, (Reuters) – HRW said so.", [Line(Span(0, 31), "body")])
    '                    HRW said so.'
    >>> parse_text("pic_of-Ariha-SyriaRussia’s army", [Line(Span(0, 31), "body")])
    '                  Russia’s army'
    """
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    for m in _LONG_RUN.finditer(text):
        for i in range(m.start() + RUN_LIMIT, m.end(), RUN_LIMIT):
            chars[i] = " "          # the tokenizer's affix search is quadratic in a word's
                                    # length: 20 KB of quotation marks would take minutes
    for line in lines:
        if line.kind == "boilerplate":
            blank(line.span.start, line.span.end)
            continue
        seg = text[line.span.start:line.span.end]
        m = DATELINE.match(seg)
        if m:
            blank(line.span.start, line.span.start + m.end())
        for d in MARKUP.finditer(seg):
            blank(line.span.start + d.start(), line.span.start + d.end())
        for w in re.finditer(r"\S+", seg):
            n = _filename_debris(w.group())
            if n:
                blank(line.span.start + w.start(), line.span.start + w.start() + n)
    # no-break and thin spaces are plain spaces to the parser, which otherwise makes them
    # tokens of their own and mis-attaches what follows ("Amnesty’s\xa0report"); old wire
    # quotation marks (``...'' and the double prime) are the parser's curly ones
    out = "".join(chars).translate(_SPACES)
    return _OLD_QUOTES.sub(lambda m: _QUOTE_FOR[m.group()], out)


_QUOTE_FOR = {"``": " “", "''": "” ", "″": "”"}
_OLD_QUOTES = re.compile(r"``|''|″")
_SPACES = str.maketrans({"\xa0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
                         "\u200a": " "})


def sentence_ents(sent) -> list:
    """``sent.ents``, from the document's entities listed once (``Span.ents`` lists all the
    entities of the document again on every call)."""
    doc = sent.doc
    ents = doc.user_data.get("kg_ents")
    if ents is None:
        ents = doc.user_data["kg_ents"] = doc.ents
    start, end = sent.start, sent.end
    out = []
    for ent in ents:
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out


def quotation_spans(text: str) -> list[Span]:
    """Spans of quoted passages, marks included.

    >>> t = 'He said: “They hit the school,” and left.'
    >>> [s.text(t) for s in quotation_spans(t)]
    ['“They hit the school,”']
    """
    return [Span(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(text)]


@dataclass
class Mention:
    """An agent named (or described) in the text, remembered for later references."""

    agent: AgentRef
    sent_index: int
    person: bool
    plural: bool
    head: str           # lowercase head noun or last name word ("ministry", "luther")
    words: frozenset = frozenset()   # lowercase words of the noun phrase
    subject: bool = False
    place: bool = False              # a place name used as an agent ("Moscow said")


@dataclass
class ArticleContext:
    article: Article
    doc: object                        # the spaCy Doc of the whole (masked) text
    lines: list[Line] = field(default_factory=list)
    quotes: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)  # body paragraphs, by offset
    country: Optional[str] = None      # the state the article is mostly about
    #: the last person to speak with each verb ("accuse"): "He also accused ..." is them
    speakers_by_cue: dict = field(default_factory=dict)

    @classmethod
    def build(cls, article: Article, doc, lines: Optional[list[Line]] = None) -> "ArticleContext":
        ctx = cls(article=article, doc=doc)
        doc.user_data["kg_text"] = doc.text     # Doc.text is rebuilt on every access
        ctx.lines = lines if lines is not None else classify_lines(article.text,
                                                                   article.title_span)
        ctx.quotes = quotation_spans(article.text)
        ctx.paragraph_starts = [line.span.start for line in ctx.lines if line.kind == "body"]
        return ctx

    def tokens(self, span: Span) -> list:
        """The tokens of the parse whose start lies in *span*."""
        sl = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if sl is None:
            return []
        return [t for t in sl if span.start <= t.idx < span.end]

    def line_kind(self, start: int) -> str:
        starts = self._index("lines", lambda: [line.span.start for line in self.lines])
        i = bisect_right(starts, start) - 1
        if 0 <= i < len(self.lines) and start <= self.lines[i].span.end:
            return self.lines[i].kind
        return "body"

    def paragraph(self, start: int) -> int:
        """Index of the body paragraph holding *start* (-1 before the first)."""
        return bisect_right(self.paragraph_starts, start) - 1

    def quote_around(self, start: int, end: int) -> Optional[Span]:
        """The quotation that holds ``[start, end)`` (quotations do not overlap)."""
        starts = self._index("quotes", lambda: [q.start for q in self.quotes])
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= self.quotes[i].end:
            return self.quotes[i]
        return None

    def _index(self, name: str, build):
        cache = self.__dict__.setdefault("_indexes", {})
        if name not in cache:
            cache[name] = build()
        return cache[name]

    def remember(self, mention: Mention) -> None:
        self.mentions.append(mention)

    def recent(self, sent_index: int, *, person: Optional[bool] = None,
               plural: Optional[bool] = None, head: Optional[str] = None,
               kinds: Optional[tuple[str, ...]] = None, window: int = 15,
               prefer_subject: bool = False, bodies_only: bool = False,
               before: Optional[int] = None) -> Optional[AgentRef]:
        """The most recent agent mentioned before or in sentence *sent_index* that fits;
        with *prefer_subject*, the subject of the latest sentence that had one wins. With
        *before* (a character offset), names that come later in the text do not count."""
        fits = []
        for m in reversed(self.mentions):
            if m.sent_index > sent_index or m.sent_index < sent_index - window:
                continue
            if before is not None and m.agent.span is not None and m.agent.span.start >= before:
                continue
            if person is not None and m.person != person:
                continue
            if plural is not None and m.plural != plural:
                continue
            if head is not None and m.head != head and head not in m.words:
                continue
            if kinds is not None and m.agent.kind not in kinds:
                continue
            if bodies_only and (m.place or m.person):
                continue
            fits.append(m)
        if not fits:
            return None
        if prefer_subject:
            for m in fits:
                if m.subject:
                    return m.agent
        return fits[0].agent

    def set_country(self, counts: Counter) -> None:
        if counts:
            (name, n), = counts.most_common(1)
            self.country = name
