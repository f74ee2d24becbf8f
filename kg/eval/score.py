"""Score extractions against gold annotations.

Matching: a predicted claim matches a gold claim of the same kind when its evidence span
overlaps (one of the places of) the gold quote; each is matched at most once, greedily,
preferring pairs whose source is right, then larger overlaps.  Attacks match the same way.
Non-denials ("neither confirmed nor denied") are recorded by the extractor but are not
denials, so they are left out of the scores.

Figures: precision, recall and F1 for claims (with and without the right source),
allegations, denials and attacks; on matched items, the share with the right source,
denial-to-allegation and claim-to-attack links (P/R/F1 over pairs), and attack place, date,
casualty and target accuracy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from kg.eval.gold import GoldArticle, GoldAttack, GoldClaim, quote_spans
from kg.model import Attack, Claim, Extraction, Span

ARTICLE_SOURCE = "<article>"


def norm_name(s: str) -> str:
    """Fold a name for comparison: case, accents, quotes, dashes, 'the', possessives.

    >>> norm_name("Russia’s Defence Ministry") == norm_name("russia's defence  ministry")
    True
    >>> norm_name("The Emergency Lawyers")
    'emergency lawyers'
    """
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'")
    s = re.sub(r"[-‐‑–—]", " ", s.casefold())
    s = re.sub(r"[^\w' ]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def _contains_words(big: str, small: str) -> bool:
    return bool(small) and re.search(r"(^| )" + re.escape(small) + r"( |$)", big) is not None


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: "PRF") -> "PRF":
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        return self

    def as_dict(self) -> dict:
        return {"tp": self.tp, "predicted": self.n_pred, "gold": self.n_gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    def __iadd__(self, other: "Ratio") -> "Ratio":
        self.right += other.right
        self.total += other.total
        return self

    def as_dict(self) -> dict:
        return {"right": self.right, "total": self.total, "share": round(self.value, 4)}


PRF_METRICS = ("claims_with_source", "claims", "allegations", "denials", "attacks",
               "denial_links", "attack_links")
RATIO_METRICS = ("source", "source_kind", "attack_place", "attack_date", "attack_casualties",
                 "attack_targets", "quotes_verbatim")


@dataclass
class Score:
    """Scores of one article, or summed over many."""

    article: str = ""
    prf: dict = field(default_factory=lambda: {k: PRF() for k in PRF_METRICS})
    ratio: dict = field(default_factory=lambda: {k: Ratio() for k in RATIO_METRICS})
    misses: list = field(default_factory=list)        # (what, id or quote) for the report
    found: list = field(default_factory=list)         # what was right, for the snapshots

    def __iadd__(self, other: "Score") -> "Score":
        for k in PRF_METRICS:
            self.prf[k] += other.prf[k]
        for k in RATIO_METRICS:
            self.ratio[k] += other.ratio[k]
        self.misses.extend(other.misses)
        self.found.extend(other.found)
        return self

    def as_dict(self) -> dict:
        return {"article": self.article,
                **{k: v.as_dict() for k, v in self.prf.items()},
                **{k: v.as_dict() for k, v in self.ratio.items()}}


# --- matching ------------------------------------------------------------------------------
def _overlap(a: Span, bs: list[Span]) -> int:
    return max((min(a.end, b.end) - max(a.start, b.start) for b in bs), default=0)


def _greedy(pairs: list[tuple[tuple, int, int]]) -> dict[int, int]:
    """Pick pairs (score, gold index, pred index) best first, each index used once."""
    taken_g, taken_p, match = set(), set(), {}
    for _, g, p in sorted(pairs, key=lambda t: (t[0], -t[1], -t[2]), reverse=True):
        if g not in taken_g and p not in taken_p:
            taken_g.add(g)
            taken_p.add(p)
            match[g] = p
    return match


def source_names(claim: Claim) -> set[str]:
    names = {claim.source.name, claim.source.label or ""}
    return {norm_name(n) for n in names if n}


def source_ok(gold: GoldClaim, claim: Claim) -> bool:
    """The predicted source is the annotated one: the same name (or one of the spellings the
    annotator lists), or one contains the other as whole words ("witnesses" for "witnesses
    to Friday's shellings", "Amnesty" for "Amnesty International")."""
    if gold.source == ARTICLE_SOURCE:
        return claim.attribution in ("article", "unattributed") and claim.source.kind == "article"
    if claim.source.kind == "article":
        return False
    wanted = {norm_name(n) for n in [gold.source, *gold.source_aliases]}
    got = source_names(claim)
    if got & wanted:
        return True
    return any(len(min(g, w, key=len)) >= 4 and (_contains_words(g, w) or _contains_words(w, g))
               for g in got for w in wanted)


def _place_ok(gold: GoldAttack, attack: Attack) -> bool:
    if gold.location is None:
        return attack.place is None
    if attack.place is None:
        return False
    pred = {norm_name(n) for n in (attack.place.name, attack.place.label or "") if n}
    for g in (gold.location, *gold.location_aliases):
        ng = norm_name(g)
        if any(p == ng or _contains_words(ng, p) or _contains_words(p, ng) for p in pred):
            return True
    return False


def _date_ok(gold: GoldAttack, attack: Attack) -> bool:
    day = attack.date.day if attack.date else None
    return (day.isoformat() if day else None) == gold.date


def _fig(f) -> Optional[int]:
    return f.count if f is not None else None


def score_article(gold: GoldArticle, extraction: Extraction) -> Score:
    """Match *extraction* against *gold* and score it; `Score.misses` lists what went wrong
    and `Score.found` what was right, for the report and the regression net."""
    text = extraction.article.text
    sc = Score(article=gold.article)
    preds = [c for c in extraction.claims
             if not (c.kind == "denial" and c.denial_kind == "non_denial")]
    # quotes verbatim: every evidence span is the article's own words (true by construction
    # for spans; checked against the text anyway, for extractors that return strings)
    for item in [*preds, *extraction.attacks]:
        sc.ratio["quotes_verbatim"].add(0 <= item.span.start < item.span.end <= len(text))
    cmatch = _match(gold.claims, preds, text, lambda g, c: c.kind == g.kind,
                    lambda g, c: (source_ok(g, c),))
    _score_claims(sc, gold, preds, cmatch, text)
    amatch = _match(gold.attacks, extraction.attacks, text, lambda g, a: True, lambda g, a: ())
    _score_attacks(sc, gold, extraction, amatch)
    _score_links(sc, gold, extraction, preds, cmatch, amatch)
    return sc


def _match(golds: list, preds: list, text: str, compatible, rank) -> dict[int, int]:
    """Gold index -> prediction index: overlapping evidence, best ranked first."""
    gspans = [quote_spans(g.quote, text) for g in golds]
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if compatible(g, p):
                ov = max(_overlap(sp, gspans[gi]) for sp in [p.span, *p.extra_spans])
                if ov > 0:
                    pairs.append(((*rank(g, p), ov), gi, pi))
    return _greedy(pairs)


def _score_claims(sc: Score, gold: GoldArticle, preds: list[Claim], cmatch: dict[int, int],
                  text: str) -> None:
    prf = sc.prf
    prf["claims"] = PRF(len(cmatch), len(preds), len(gold.claims))
    sourced = sum(source_ok(gold.claims[g], preds[p]) for g, p in cmatch.items())
    prf["claims_with_source"] = PRF(sourced, len(preds), len(gold.claims))
    for kind, key in (("allegation", "allegations"), ("denial", "denials")):
        prf[key] = PRF(sum(gold.claims[g].kind == kind for g in cmatch),
                       sum(c.kind == kind for c in preds),
                       sum(g.kind == kind for g in gold.claims))
    for gi, g in enumerate(gold.claims):
        if gi not in cmatch:
            sc.misses.append(("missed claim", f"{g.id} {g.kind} [{g.source}] {g.quote[:90]}"))
            continue
        pc = preds[cmatch[gi]]
        sc.ratio["source"].add(source_ok(g, pc))
        if not source_ok(g, pc):
            sc.misses.append(("wrong source", f"{g.id} gold [{g.source}] got "
                              f"[{pc.source.label or pc.source.name}] {g.quote[:60]}"))
            continue
        sc.found.append(f"claim {g.id} {g.kind} [{g.source}]")
        sc.ratio["source_kind"].add(_kind_ok(g, pc))
        if not _kind_ok(g, pc):
            sc.misses.append(("wrong source kind", f"{g.id} [{g.source}] gold "
                              f"{g.source_kind} got {pc.source.kind}"))
    matched_p = set(cmatch.values())
    for pi, c in enumerate(preds):
        if pi not in matched_p:
            sc.misses.append(("extra claim", f"{c.kind} [{c.source.label or c.source.name}] "
                              f"{c.span.text(text)[:90]}"))


def _score_attacks(sc: Score, gold: GoldArticle, extraction: Extraction,
                   amatch: dict[int, int]) -> None:
    sc.prf["attacks"] = PRF(len(amatch), len(extraction.attacks), len(gold.attacks))
    for g, p in amatch.items():
        ga, pa = gold.attacks[g], extraction.attacks[p]
        sc.found.append(f"attack {ga.id}")
        checks = (
            ("attack_place", _place_ok(ga, pa), "wrong place",
             f"{ga.id} gold {ga.location!r} got {pa.place.name if pa.place else None!r}"),
            ("attack_date", _date_ok(ga, pa), "wrong date",
             f"{ga.id} gold {ga.date} got {pa.date.day if pa.date else None}"),
            ("attack_casualties", (_fig(pa.killed), _fig(pa.injured)) == (ga.killed, ga.injured),
             "wrong casualties", f"{ga.id} gold {ga.killed}/{ga.injured} got "
             f"{_fig(pa.killed)}/{_fig(pa.injured)}"),
            ("attack_targets", bool({t.category for t in pa.targets} & set(ga.targets)),
             "wrong targets", f"{ga.id} gold {ga.targets} got "
             f"{sorted({t.category for t in pa.targets})}"),
        )
        for metric, ok, what, detail in checks:
            sc.ratio[metric].add(ok)
            if not ok and metric != "attack_targets":
                sc.misses.append((what, detail))
    for gi, g in enumerate(gold.attacks):
        if gi not in amatch:
            sc.misses.append(("missed attack", f"{g.id} {g.quote[:90]}"))
    matched_a = set(amatch.values())
    text = extraction.article.text
    for pi, a in enumerate(extraction.attacks):
        if pi not in matched_a:
            sc.misses.append(("extra attack", a.span.text(text)[:90]))


def _score_links(sc: Score, gold: GoldArticle, extraction: Extraction, preds: list[Claim],
                 cmatch: dict[int, int], amatch: dict[int, int]) -> None:
    """Links, over matched items: gold pairs vs predicted pairs mapped through the matching."""
    g_of_p = {p: g for g, p in cmatch.items()}
    ga_of_pa = {p: g for g, p in amatch.items()}
    gold_den = {(gold.claims[g].id, d) for g in cmatch for d in gold.claims[g].denies}
    pred_den = set()
    for p, g in g_of_p.items():
        for d in preds[p].denies:
            tp = _index(preds, extraction.claims[d])
            target = gold.claims[g_of_p[tp]].id if tp is not None and tp in g_of_p \
                else f"unmatched:{d}"
            pred_den.add((gold.claims[g].id, target))
    gold_att = {(gold.claims[g].id, a) for g in cmatch for a in gold.claims[g].attacks}
    pred_att = set()
    for p, g in g_of_p.items():
        for a in preds[p].attacks:
            ga = ga_of_pa.get(a)
            pred_att.add((gold.claims[g].id, gold.attacks[ga].id if ga is not None
                           else f"unmatched:{a}"))
    for metric, gold_pairs, pred_pairs, verb in (
            ("denial_links", gold_den, pred_den, "denies"),
            ("attack_links", gold_att, pred_att, "concerns")):
        sc.prf[metric] = PRF(len(gold_pairs & pred_pairs), len(pred_pairs), len(gold_pairs))
        what = metric.split("_")[0]
        for a, b in sorted(gold_pairs - pred_pairs):
            sc.misses.append((f"missed {what} link", f"{a} {verb} {b}"))
        for a, b in sorted(gold_pairs & pred_pairs):
            sc.found.append(f"{what} link {a} {verb} {b}")
        for a, b in sorted(pred_pairs - gold_pairs):
            sc.misses.append((f"extra {what} link", f"{a} {verb} {b}"))


def _index(items: list, obj) -> Optional[int]:
    for i, x in enumerate(items):
        if x is obj:
            return i
    return None


def _kind_ok(gold: GoldClaim, claim: Claim) -> bool:
    if gold.source_kind == "article":
        return claim.attribution in ("article", "unattributed")
    return claim.source.kind == gold.source_kind


def total(scores: Iterable[Score]) -> Score:
    out = Score(article="(all)")
    for s in scores:
        out += s
    return out
