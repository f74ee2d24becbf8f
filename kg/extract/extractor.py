"""The extractor: one spaCy parse per article, then the rule stages on top of it.

>>> from kg.model import Article
>>> ex = Extractor()
>>> x = ex.extract(Article("Amnesty International said Russian jets bombed a market in Ariha."))
>>> [(c.kind, c.source.name) for c in x.claims]
[('allegation', 'Amnesty International')]
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from kg import __version__
from kg.extract import nlp as nlp_mod
from kg.extract.attacks import article_voice_claims, find_attacks, link_attacks
from kg.extract.claims import frames_to_claims
from kg.extract.frames import find_frames
from kg.extract.stance.learned import default_model, learned_claims
import re
from collections import Counter

from kg.extract.context import ArticleContext, classify_lines, parse_text
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, Article, Extraction


class Extractor:
    """Loads the spaCy model once; `extract` one article, `extract_many` a stream of them."""

    def __init__(self, model: Optional[str] = None, stance_model: object = "default"):
        self.model = model             # the setting, for worker processes (kg.workers)
        self.nlp = nlp_mod.load(model)
        #: the learned reader (`kg.extract.stance.learned`): the packaged one, or None
        self.stance_model = default_model() if stance_model == "default" else stance_model
        self.description = f"evidence-kg {__version__}; spaCy model {nlp_mod.describe(self.nlp)}"

    def extract(self, article: Article) -> Extraction:
        lines = classify_lines(article.text, article.title_span)
        doc = nlp_mod.parse(self.nlp, parse_text(article.text, lines))
        return self.from_doc(article, doc, lines)

    def extract_many(self, articles: Iterable[Article], *, batch_size: int = 16,
                     n_process: int = 1) -> Iterator[Extraction]:
        """Parse with ``nlp.pipe`` (batched; several processes when *n_process* > 1); a
        long article (over `kg.extract.nlp.PIECE` characters) alone, in pieces."""
        batch: list[Article] = []
        for a in articles:
            if len(a.text) > nlp_mod.PIECE:
                yield from self._pipe(batch, batch_size, n_process)
                batch = []
                yield self.extract(a)
            else:
                batch.append(a)
                if len(batch) >= batch_size:
                    yield from self._pipe(batch, batch_size, n_process)
                    batch = []
        yield from self._pipe(batch, batch_size, n_process)

    def _pipe(self, articles: list[Article], batch_size: int, n_process: int
              ) -> Iterator[Extraction]:
        if not articles:
            return
        prepared = []
        for a in articles:
            lines = classify_lines(a.text, a.title_span)
            prepared.append((parse_text(a.text, lines), (a, lines)))
        for doc, (article, lines) in self.nlp.pipe(prepared, as_tuples=True,
                                                   batch_size=batch_size, n_process=n_process):
            yield self.from_doc(article, doc, lines)

    def from_doc(self, article: Article, doc, lines=None) -> Extraction:
        """Run the rule stages on a parse of ``parse_text(article.text)``."""
        ctx = ArticleContext.build(article, doc, lines)
        states = Counter(STATE_NAMES[t.lower_] for t in doc
                         if t.ent_type_ in ("GPE", "NORP") and t.lower_ in STATE_NAMES)
        for word in (article.title or "").replace("’", " ").replace("'", " ").split():
            if word.lower() in STATE_NAMES:     # the headline says what the story is about
                states[STATE_NAMES[word.lower()]] += 2
        ctx.set_country(states)
        voice = AgentRef(name=article_voice_name(article), kind="article")
        frames = find_frames(ctx)
        claims = frames_to_claims(ctx, frames, voice)
        claims.extend(article_voice_claims(ctx, claims, voice))
        claims.extend(learned_claims(ctx, frames, claims, voice, self.stance_model))
        claims.sort(key=lambda c: (c.span.start, c.kind))
        attacks = find_attacks(ctx, claims)
        link_attacks(ctx, claims, attacks)
        return Extraction(article=article, claims=claims, attacks=attacks,
                          extractor=self.description)


def article_voice_name(article: Article) -> str:
    """Who speaks when the article speaks in its own voice: its publisher (the name, without
    the description a manifest may add in brackets), else the article itself.

    >>> article_voice_name(Article("x", publisher="The New Daily (Australian news website)"))
    'The New Daily'
    """
    if article.publisher:
        name = re.split(r"\s+\(|;|\s+[-–—]\s", article.publisher, maxsplit=1)[0].strip()
        return name or article.publisher
    return f"the article “{article.title}”" if article.title else "the article"
