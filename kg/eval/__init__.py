"""Score the extractor against gold annotations (``kg eval``).

`evaluate(gold_dir, articles_dir)` reads every gold file, extracts its article, resolves it
and scores it (see `kg.eval.score` for how predictions are matched).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import InputError, KgError
from kg.eval.gold import GoldArticle, check_quotes, load_gold
from kg.eval.score import Score, score_article, total
from kg.eval.stored import as_stored
from kg.model import Article, Extraction

__all__ = ["evaluate", "EvalResult", "load_gold", "score_article"]


@dataclass
class EvalResult:
    scores: list[Score] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> Score:
        return total(self.scores)


def evaluate(gold_dir: Path, articles: dict[str, Article],
             analyse: Callable[[Iterable[Article]], Iterable[Extraction | KgError]]
             ) -> EvalResult:
    """Score *analyse* (articles -> resolved extractions) on every gold file of *gold_dir*,
    as the graph carries each extraction (`kg.eval.stored`).

    *articles* maps file names to ingested articles; a gold file whose article is missing
    or whose quotes are not in the article is an error for that file, not for the run; so is
    an article the extractor fails on (*analyse* yields the `KgError`): it is scored as if
    nothing was found in it."""
    result = EvalResult()
    golds: list[GoldArticle] = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            gold = load_gold(path)
            art = articles.get(gold.article)
            if art is None:
                raise InputError(path, f"its article {gold.article} was not found",
                                 fix="pass the folder holding it with --articles", code="E504")
            check_quotes(gold, art.text)
            golds.append(gold)
        except InputError as e:
            result.errors.append(str(e))
    if not golds and not result.errors:
        result.errors.append(f"{gold_dir}: no gold files (*.json)")
    extractions = analyse([articles[g.article] for g in golds])
    for gold, x in zip(golds, extractions):
        if isinstance(x, KgError):      # the extractor failed on it: nothing found, and said
            result.errors.append(str(x))
            x = Extraction(article=articles[gold.article])
        result.scores.append(score_article(gold, as_stored(x)))
    return result
