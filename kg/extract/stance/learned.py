"""The learned reader: claims the rules left out, found by a small logistic regression.

The rules read every attributed frame they recognise; what they miss is a sentence that
carries a claim in a form no rule covers.  For each body sentence that holds no claim of the
rules, the model scores the sentence's features (`kg.extract.stance.features`) for each kind
(allegation, denial); a score over the kind's threshold adds a claim: its words are the
sentence's frame if it has one (a frame the rules read as neither), else the sentence; its
source is that frame's speaker, else the speaker of the quotation it stands in, else the
article's own voice.

The model is data: ``data/stance-model.json`` holds, per kind, the weight of each feature, the
bias and the threshold, with the sets it was trained on and its cross-validated scores; it is
made by ``python -m kg.extract.stance.train`` (scikit-learn, at training time only).  Without
the file, nothing is added; ``KG_STANCE_MODEL=PATH`` reads another model file instead.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from kg.extract.context import ArticleContext
from kg.extract.stance.features import sentence_features
from kg.extract.syntax import tokens_span
from kg.model import AgentRef, Claim, Span

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "stance-model.json"
KINDS = ("allegation", "denial")


@dataclass
class StanceModel:
    weights: dict = field(default_factory=dict)       # kind -> {feature: weight}
    bias: dict = field(default_factory=dict)          # kind -> float
    threshold: dict = field(default_factory=dict)     # kind -> probability
    meta: dict = field(default_factory=dict)

    def probabilities(self, features: list[str]) -> dict[str, float]:
        out = {}
        for kind in KINDS:
            w = self.weights.get(kind)
            if not w:
                continue
            z = self.bias.get(kind, 0.0) + sum(w.get(f, 0.0) for f in features)
            out[kind] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def kinds(self, features: list[str]) -> list[str]:
        p = self.probabilities(features)
        return [k for k in KINDS if k in p and p[k] >= self.threshold.get(k, 1.0)]

    def to_json(self) -> str:
        return json.dumps({"meta": self.meta, "bias": self.bias, "threshold": self.threshold,
                           "weights": {k: dict(sorted(v.items())) for k, v in
                                       sorted(self.weights.items())}},
                          indent=1, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "StanceModel":
        d = json.loads(text)
        return cls(weights=d["weights"], bias=d["bias"], threshold=d["threshold"],
                   meta=d.get("meta", {}))


#: a model file to use instead of the packaged one (for measuring a model before shipping it)
ENV_VAR = "KG_STANCE_MODEL"


@lru_cache(maxsize=4)
def _read(path: str) -> Optional[StanceModel]:
    p = Path(path)
    return StanceModel.from_json(p.read_text(encoding="utf-8")) if p.exists() else None


def default_model() -> Optional[StanceModel]:
    """``$KG_STANCE_MODEL`` if set, else the packaged ``data/stance-model.json`` if any."""
    return _read(os.environ.get(ENV_VAR) or str(MODEL_PATH))


def residual_sentences(ctx: ArticleContext, claims: list[Claim]):
    """(sentence index, sentence) of the body sentences that hold no claim of the rules."""
    covered = [s for c in claims for s in [c.span, *c.extra_spans]]
    for si, sent in enumerate(ctx.doc.sents):
        if ctx.line_kind(sent.start_char) != "body" or not sent.text.strip():
            continue
        sp = Span(sent.start_char, max(sent.start_char, sent.end_char))
        if any(sp.overlaps(c) for c in covered):
            continue
        yield si, sent


def learned_claims(ctx: ArticleContext, frames: list, claims: list[Claim], voice: AgentRef,
                   model: Optional[StanceModel]) -> list[Claim]:
    """Claims the model finds in the sentences the rules left without one."""
    if model is None:
        return []
    out = []
    for si, sent in residual_sentences(ctx, claims):
        kinds = model.kinds(sentence_features(sent))
        if not kinds:
            continue
        frame = next((f for f in frames if f.sent_index == si and f.mode != "pending"), None)
        span = frame.content if frame is not None else tokens_span(list(sent),
                                                                    ctx.article.text)
        if span is None:
            continue
        source, attribution = _source(ctx, frame, frames, si, sent, voice)
        for kind in kinds:
            out.append(Claim(kind=kind, span=span, source=source, attribution=attribution,
                             denial_kind="categorical" if kind == "denial" else None,
                             cue=frame.cue if frame is not None else None, sentence=si,
                             paragraph=ctx.paragraph(span.start), learned=True))
    return out


def _source(ctx: ArticleContext, frame, frames: list, si: int, sent, voice: AgentRef
            ) -> tuple[AgentRef, str]:
    if frame is not None and frame.speaker is not None:
        return frame.speaker, "direct" if frame.mode == "direct" else "indirect"
    if ctx.quote_around(sent.start_char + 1, sent.start_char + 2) is not None or \
            sent.text.lstrip()[:1] in "“\"":
        before = [f for f in frames if f.sent_index < si and f.speaker is not None]
        if before and si - before[-1].sent_index <= 3:
            return before[-1].speaker, "direct"
    return voice, "article"
