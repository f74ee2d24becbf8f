"""Attribution frames: who says what, found sentence by sentence.

`find_frames` reads the body sentences in order.  In each, the verbs of saying, denying,
accusing, condemning and judging give frames (`kg.extract.frames.verbs`), and so do
"according to", statement nouns and unattributed claims (`kg.extract.frames.others`); the
roles come from the patterns of ``data/frames.json`` (`kg.extract.frames.roles`).  A
quotation paragraph with no cue of its own continues the speaker before it, or is what a
pending "X said:" introduced.  Frames that only relay another frame are dropped
(`dedupe`).

>>> from kg.extract.nlp import load
>>> from kg.extract.context import ArticleContext
>>> from kg.model import Article
>>> art = Article("The army denied that its jets struck the Tavi clinic.")
>>> ctx = ArticleContext.build(art, load()(art.text))
>>> [(f.speaker.name, f.cue, f.content.text(art.text)) for f in find_frames(ctx)]
[('army', 'deny', 'The army denied that its jets struck the Tavi clinic')]
"""

from __future__ import annotations

from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import remember_sentence
from kg.extract.context import ArticleContext
from kg.extract.frames.content import is_cue
from kg.extract.frames.model import Frame
from kg.extract.frames.others import final_clause_frame, pattern_frames
from kg.extract.frames.verbs import verb_frames
from kg.extract.syntax import tokens_span
from kg.model import AgentRef

__all__ = ["Frame", "find_frames", "is_cue"]


class _Reading:
    """What the reader carries from sentence to sentence."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.frames: list[Frame] = []
        self.pending: Optional[Frame] = None
        self.last_speaker: Optional[tuple[int, AgentRef]] = None

    def sentence(self, sent, si: int) -> None:
        ctx = self.ctx
        found = verb_frames(ctx, sent, si) or final_clause_frame(ctx, sent, si)
        found += pattern_frames(ctx, sent, si)
        real = [f for f in found if f.mode != "pending"]
        if not real and self._continues_quotation(sent, si):
            return
        pend = [f for f in found if f.mode == "pending"]
        if pend:
            self.pending = pend[-1]
            if self.pending.speaker is not None:
                self.last_speaker = (si, self.pending.speaker)
        elif real:
            self.pending = None
        for f in real:
            self.frames.append(f)
            if f.speaker is not None:
                self.last_speaker = (si, f.speaker)

    def _continues_quotation(self, sent, si: int) -> bool:
        """A quotation paragraph with no cue: the pending or the last speaker's words."""
        ctx = self.ctx
        stripped = sent.text.strip()
        lead = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        in_quote = stripped[:1] in "“\"‘`" or ctx.quote_around(lead, sent.start_char + 2)
        covered = any(f.content.start <= sent.start_char + 1 and
                      f.content.end >= sent.end_char - 2 for f in self.frames[-3:])
        has_cue = any(is_cue(t) and not ctx.quote_around(t.idx, t.idx + 1) for t in sent)
        if not in_quote or covered or has_cue:
            return False
        q = tokens_span(list(sent), ctx.article.text)
        p = self.pending
        speaker = p.speaker if p is not None else (
            self.last_speaker[1] if self.last_speaker and si - self.last_speaker[0] <= 3
            else None)
        if q is not None and speaker is not None:
            self.frames.append(Frame(speaker, q, "direct", p.cue if p else "say", si,
                                     list(sent), continuation=p is None and
                                     _left_open(ctx.article.text, lead),
                                     from_pending=p is not None, by_reference=True,
                                     pattern="quotation-paragraph"))
        return True


def _left_open(text: str, start: int) -> bool:
    """Does the paragraph before *start* leave a quotation open (the typographic sign that
    the same quotation goes on in the next paragraph)?"""
    end = text.rfind("\n", 0, start)
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    begin = text.rfind("\n", 0, end) + 1
    para = text[begin:end]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def find_frames(ctx: ArticleContext) -> list[Frame]:
    reading = _Reading(ctx)
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind in ("boilerplate", "blank") or not sent.text.strip():
            continue
        if kind not in ("headline", "caption"):
            reading.sentence(sent, si)
        remember_sentence(ctx, sent, si)   # names are referred to later, headlines' too
    return dedupe(reading.frames)


def _relays(f: Frame, g: Frame) -> bool:
    """Does *f* only relay what *g* says ("X reported that Y claimed Z": Y's claim)?"""
    return g.cue_span is not None and f.content.contains(g.cue_span) and \
        f.content.contains(g.content) and g.speaker is not None and \
        f.speaker is not None and g.speaker.name != f.speaker.name and \
        f.mode != "direct" and g.cue != "according" and f.cue in L.REPORTING_VERBS and \
        len(g.content) >= 0.6 * len(f.content)


def _redundant(f: Frame, g: Frame, earlier: bool) -> bool:
    if g.content == f.content and g.speaker is f.speaker and g.cue == f.cue and earlier:
        return True                     # the same frame twice
    if f.mode == "unattributed" and g.content.contains(f.content) and \
            len(g.content) > len(f.content):
        return True                     # an unattributed claim inside another claim
    return _relays(f, g)


def dedupe(frames: list[Frame]) -> list[Frame]:
    """Drop frames another frame already carries: a relay, an unattributed claim inside
    another claim, an exact duplicate."""
    out = []
    for i, f in enumerate(frames):
        if not any(_redundant(f, g, j < i) for j, g in enumerate(frames) if j != i):
            out.append(f)
    return out

