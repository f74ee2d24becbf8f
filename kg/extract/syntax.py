"""Small questions asked of a spaCy parse by every stage: a token's child of some relation,
a subtree without some parts, the character span of a run of tokens (trimmed of edge
punctuation, closing a quotation opened inside it), whether a verb is negated.

Tokens are compared by position (``t.i``), never by identity: spaCy makes a new `Token`
object at every access.
"""

from __future__ import annotations

import re
from typing import Optional

from kg.model import Span

EDGE_PUNCT = set("\"“”‘’'.,;: –—-…()[]")


# --- helpers ---------------------------------------------------------------------------------
_DANGLING = re.compile(r"[\s,;]+(and|or|but)$")


def trim(text: str, start: int, end: int) -> Optional[Span]:
    while start < end and (text[start] in EDGE_PUNCT or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in EDGE_PUNCT or text[end - 1].isspace()):
        end -= 1
    tail = _DANGLING.search(text, start, end)
    if tail is not None and tail.start() > start:
        end = tail.start()      # "... in Kharkiv and" (the rest was another statement)
    if end - start < 3:
        return None
    inner = text[start:end]
    if end < len(text) and ((text[end] == "”" and inner.count("“") > inner.count("”")) or (
            text[end] == '"' and inner.count('"') % 2 == 1)):
        end += 1                # a quotation opened inside the span closes inside it
    elif end < len(text) and text[end] in "’'" and open_single(text, start, end, text[end]):
        end += 1                # ... also in single quotation marks ('lies')
    return Span(start, end)


def open_single(text: str, start: int, end: int, close: str) -> bool:
    """Is a single quotation mark opened in ``text[start:end]`` and not closed there?
    (The closing mark is also the apostrophe: only one followed by no letter closes.)"""
    opening = "‘" if close == "’" else "'"
    at = max((i for i in range(start, end) if text[i] == opening and
              (i == 0 or not text[i - 1].isalnum())), default=-1)
    if at < 0:
        return False
    return not any(text[i] == close and not (i + 1 < len(text) and text[i + 1].isalpha())
                   for i in range(at + 1, end))


def tokens_span(tokens, text: Optional[str] = None) -> Optional[Span]:
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    text = text if text is not None else toks[0].doc.user_data["kg_text"]
    return trim(text, min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def subtree(tok, exclude=()) -> list:
    ex = set()
    for e in exclude:
        if e is not None:
            ex.update(x.i for x in e.subtree)
    return [t for t in tok.subtree if t.i not in ex]


def child(tok, *deps):
    if tok is None:
        return None
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def is_negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.lower_ in ("never", "neither") for c in tok.children if c.dep_ in ("advmod", "preconj"))


# --- reading frames as claims ------------------------------------------------------------------
def word_set(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
