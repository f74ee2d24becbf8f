"""What the harness runs in a child process, one measurement per process (so that each has
the same start: model loaded, nothing cached), printing one JSON line.

    python -m benchmarks.child pipe CORPUS [--batch-size 32]
        bare ``nlp.pipe`` of the same spaCy pipeline over the texts ingest parses
    python -m benchmarks.child ingest CORPUS STORE [--jobs N] [--batch-size 32]
        ``kg.pipeline.ingest`` into STORE, with the seconds of each stage (one job)

The model is loaded (and warmed up on two texts) before the clock starts, in both.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import Stopwatch  # noqa: E402


def _texts(corpus: str) -> tuple[list, list[str]]:
    from kg.extract.context import classify_lines, parse_text
    from kg.ingest import iter_articles

    articles = [r.article for r in iter_articles([corpus]) if r.kind == "ingested"]
    return articles, [parse_text(a.text, classify_lines(a.text, a.title_span)) for a in articles]


def pipe(args) -> dict:
    from kg.extract import Extractor

    nlp = Extractor(args.model).nlp
    articles, texts = _texts(args.corpus)
    if args.raw:                     # the article texts as they are, boilerplate and all
        texts = [a.text for a in articles]
    list(nlp.pipe(texts[:2]))
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size,
                                                n_process=args.jobs))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(texts), "tokens": tokens,
            "words": sum(len(a.text.split()) for a in articles)}


def ingest(args) -> dict:
    import kg.pipeline as pipeline
    import kg.rdf
    from kg.extract import Extractor
    from kg.extract.extractor import Extractor as ExtractorClass
    from kg.store import Store

    t0 = time.perf_counter()
    extractor = Extractor(args.model)
    articles, texts = _texts(args.corpus)
    list(extractor.nlp.pipe(texts[:2]))
    load_s = time.perf_counter() - t0
    # the rest of the start-up, also once per process: imports, compiling the shapes
    t0 = time.perf_counter()
    from kg.validate.engine.run import bundled
    bundled()
    compile_s = time.perf_counter() - t0
    watch = Stopwatch()
    if args.jobs == 1:
        # extract_many parses and calls from_doc: parse = its time less the rules' time
        ExtractorClass.extract_many = watch.wrap_iter("parse", ExtractorClass.extract_many)
        ExtractorClass.from_doc = watch.wrap("rules", ExtractorClass.from_doc)
        pipeline.resolve_article = watch.wrap("resolve", pipeline.resolve_article)
    pipeline.iter_articles = watch.wrap_iter("read", pipeline.iter_articles)
    kg.rdf.article_graph = watch.wrap("rdf", kg.rdf.article_graph)
    kg.rdf.entity_graph = watch.wrap("rdf", kg.rdf.entity_graph)
    # the incidents the run touched are recomputed once, when the run's last open of the
    # store finds the work its batches noted (their time is taken off the open's below, as
    # the rules' is off the parse's)
    Store.write_articles = watch.wrap("store write", Store.write_articles)
    Store.derive_incidents = watch.wrap("incidents", Store.derive_incidents)
    Store.open = watch.wrap("store open/close", Store.open)
    Store.close = watch.wrap("store open/close", Store.close)
    pipeline.validate_written = watch.wrap("validation", pipeline.validate_written)
    found = {"claims": 0, "attacks": 0, "articles with claims": 0, "articles with attacks": 0}

    done_at: list[float] = []

    def echo(result) -> None:         # "3 claim(s), 1 attack(s)"
        if result.kind == "ingested" and result.message:
            done_at.append(time.perf_counter())
            claims, attacks = (int(part.split()[0]) for part in result.message.split(","))
            found["claims"] += claims
            found["attacks"] += attacks
            found["articles with claims"] += claims > 0
            found["articles with attacks"] += attacks > 0

    start = time.perf_counter()
    outcome = pipeline.ingest([args.corpus], args.store, extractor=extractor,
                              batch_size=args.batch_size, n_process=args.jobs, echo=echo)
    seconds = time.perf_counter() - start
    stages = dict(watch.seconds)
    if "parse" in stages:
        stages["parse"] -= stages.get("rules", 0.0)
    if "store open/close" in stages:
        stages["store open/close"] -= stages.get("incidents", 0.0)
    stages["other"] = seconds - sum(stages.values())
    return {"seconds": seconds, "model_load_s": load_s, "startup_s": compile_s, "stages": stages,
            "articles": len(outcome.written), "words": sum(len(a.text.split()) for a in articles),
            "violations": outcome.violations, "warnings": outcome.warnings,
            "summary": str(outcome.summary), "found": found,
            "calls": {k: v for k, v in watch.calls.items() if k == "validation"},
            # with --batch-size 1: the time of each article after the first
            "per_article": [b - a for a, b in zip(done_at, done_at[1:])]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.child")
    ap.add_argument("what", choices=["pipe", "ingest"])
    ap.add_argument("corpus")
    ap.add_argument("store", nargs="?")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default=None)
    ap.add_argument("--raw", action="store_true",
                    help="pipe: the article texts, not the texts ingest parses")
    args = ap.parse_args(argv)
    out = pipe(args) if args.what == "pipe" else ingest(args)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
