"""Train the learned reader, and measure whether it earns its place.

    python -m kg.extract.stance.train cv --set ../shared/gold:../shared/corpus \\
        --set ../shared/devset/gold:../shared/devset/articles ...
    python -m kg.extract.stance.train fit --set ... -o kg/extract/data/stance-model.json

Each ``--set GOLD:ARTICLES`` is a folder of gold annotations and the folder of its articles
(docs/gold-format.md).  The rules run on every article once; the examples are the body
sentences where the rules found no claim, labelled by the gold claims whose quote lies in
them.  ``cv`` trains and tests by article (GroupKFold: no article is in its own training
data), adds the model's claims to the rules' and prints `kg eval`'s claims and denials
figures with and without them, per set; ``fit`` trains on all the sets and writes the model
with those cross-validated figures in its header.  Needs scikit-learn (``pip install
scikit-learn``), at training time only; the extractor reads the weights from JSON.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.extract.stance.learned import KINDS, StanceModel


@dataclass
class ArticleRun:
    set_name: str
    gold: object                # kg.eval.gold.GoldArticle
    article: object             # kg.model.Article
    doc: object
    lines: list
    examples: list              # (features, {kinds}) of the residual sentences


def _load(sets: list[str], extractor) -> list[ArticleRun]:
    from kg.eval.gold import load_gold, quote_spans
    from kg.extract.context import classify_lines, parse_text
    from kg.extract.nlp import parse
    from kg.ingest import iter_articles

    runs = []
    for spec in sets:
        gold_dir, _, articles_dir = spec.partition(":")
        arts = {Path(r.path).name: r.article for r in iter_articles([Path(articles_dir)])
                if r.kind == "ingested"}
        for gp in sorted(Path(gold_dir).glob("*.json")):
            gold = load_gold(gp)
            art = arts[gold.article]
            lines = classify_lines(art.text, art.title_span)
            doc = parse(extractor.nlp, parse_text(art.text, lines))
            where = Path(articles_dir)
            name = where.name if where.name != "articles" else where.parent.name
            run = ArticleRun(name, gold, art, doc, lines, [])
            run.examples = _examples(run, extractor, quote_spans)
            runs.append(run)
    return runs


def _examples(run: ArticleRun, extractor, quote_spans) -> list:
    from kg.extract.context import ArticleContext
    from kg.extract.stance.features import sentence_features
    from kg.extract.stance.learned import residual_sentences

    x = extractor.from_doc(run.article, run.doc, run.lines)
    ctx = ArticleContext.build(run.article, run.doc, run.lines)
    gold = [(c.kind, quote_spans(c.quote, run.article.text)[:1]) for c in run.gold.claims]
    out = []
    for _, sent in residual_sentences(ctx, x.claims):
        labels = {kind for kind, spans in gold for s in spans
                  if min(s.end, sent.end_char) - max(s.start, sent.start_char) >=
                  min(20, len(s) / 2)}
        out.append((sentence_features(sent), labels))
    return out


def _fit(examples: list, c: float, thresholds: dict) -> StanceModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    model = StanceModel(threshold=dict(thresholds))
    feats = [dict.fromkeys(f, 1.0) for f, _ in examples]
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    for kind in KINDS:
        y = [kind in labels for _, labels in examples]
        if sum(y) < 2:
            continue
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(X, y)
        model.weights[kind] = {n: round(float(w), 5) for n, w in
                               zip(vec.feature_names_, lr.coef_[0]) if abs(w) >= 1e-4}
        model.bias[kind] = round(float(lr.intercept_[0]), 5)
    return model


def _score(runs: list[ArticleRun], extractor, models: dict) -> dict:
    """kg eval's totals per set, each article read with its fold's model (or none)."""
    from kg.eval.score import score_article, total
    from kg.eval.stored import as_stored
    from kg.resolve import resolve_article

    per_set: dict = {}
    for i, run in enumerate(runs):
        extractor.stance_model = models.get(i)
        x = resolve_article(extractor.from_doc(run.article, run.doc, run.lines))
        per_set.setdefault(run.set_name, []).append(score_article(run.gold, as_stored(x)))
    return {name: total(scores) for name, scores in per_set.items()}


def cross_validate(runs: list[ArticleRun], extractor, c: float, thresholds: dict,
                   folds: int = 10) -> tuple[dict, dict]:
    from sklearn.model_selection import GroupKFold

    idx = list(range(len(runs)))
    models = {}
    for train, test in GroupKFold(n_splits=min(folds, len(runs))).split(idx, groups=idx):
        examples = [e for i in train for e in runs[i].examples]
        m = _fit(examples, c, thresholds)
        for i in test:
            models[i] = m
    return _score(runs, extractor, {}), _score(runs, extractor, models)


def _row(name: str, t) -> str:
    cs, al, de = t.prf["claims_with_source"], t.prf["allegations"], t.prf["denials"]
    return (f"{name:10} claims with source {cs.f1:.3f} (P {cs.precision:.2f} R "
            f"{cs.recall:.2f})  allegations {al.f1:.3f}  denials {de.f1:.3f} "
            f"(R {de.recall:.2f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["cv", "fit"])
    ap.add_argument("--set", dest="sets", action="append", required=True,
                    metavar="GOLD:ARTICLES")
    ap.add_argument("-C", type=float, default=0.5, help="inverse regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.8,
                    help="probability over which a kind is added (both kinds)")
    ap.add_argument("-o", "--output", type=Path, default=None)
    args = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("kg: training needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 2
    from kg.extract import Extractor

    extractor = Extractor(stance_model=None)
    runs = _load(args.sets, extractor)
    thresholds = {k: args.threshold for k in KINDS}
    rules, both = cross_validate(runs, extractor, args.C, thresholds)
    lines = []
    for name in rules:
        lines += [_row(f"{name}", rules[name]) + "   rules",
                  _row(f"{name}", both[name]) + "   rules + learned (cross-validated)"]
    print("\n".join(lines))
    if args.command == "fit":
        model = _fit([e for r in runs for e in r.examples], args.C, thresholds)
        model.meta = {"trained_on": [s.split(":")[0] for s in args.sets],
                      "C": args.C, "articles": len(runs),
                      "cross_validated": lines,
                      "made_by": "python -m kg.extract.stance.train fit"}
        out = args.output or Path(__file__).resolve().parent.parent / "data" / \
            "stance-model.json"
        out.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
