"""The regression net of the extractor: what each article yields, saved and compared.

A snapshot lists, per article, what `kg eval` found right (``claim c3 denial [Russia]``,
``attack a1``, ``denial link c7 denies c4``) and every miss (``missed claim: ...``,
``wrong source: ...``, ``extra claim: ...``), with the totals.  `diff` says which items moved
between two snapshots, so a change to the rules shows the claims it won and lost, not only a
different total.

>>> old = {"articles": {"a.txt": ["found: claim c1 allegation [X]"]}}
>>> new = {"articles": {"a.txt": ["missed claim: c1 allegation [X] ..."]}}
>>> print("\\n".join(diff(old, new)))
a.txt
  - found: claim c1 allegation [X]
  + missed claim: c1 allegation [X] ...
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.eval.score import PRF_METRICS, RATIO_METRICS, Score


def article_lines(score: Score) -> list[str]:
    return sorted([f"found: {f}" for f in score.found] +
                  [f"{what}: {detail}" for what, detail in score.misses])


def snapshot(scores: list[Score], total: Score) -> dict:
    return {
        "total": {**{k: round(total.prf[k].f1, 4) for k in PRF_METRICS},
                  **{k: round(total.ratio[k].value, 4) for k in RATIO_METRICS}},
        "articles": {s.article: article_lines(s) for s in scores},
    }


def save(path: Path, snap: dict) -> None:
    Path(path).write_text(json.dumps(snap, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def diff(old: dict, new: dict) -> list[str]:
    """Lines saying, per article, which items are gone (-) and which are new (+); then the
    totals that changed."""
    out = []
    names = sorted(set(old.get("articles", {})) | set(new.get("articles", {})))
    for name in names:
        a = set(old.get("articles", {}).get(name, []))
        b = set(new.get("articles", {}).get(name, []))
        if a == b:
            continue
        out.append(name)
        out.extend(f"  - {line}" for line in sorted(a - b))
        out.extend(f"  + {line}" for line in sorted(b - a))
    for k, v in new.get("total", {}).items():
        before = old.get("total", {}).get(k)
        if before is not None and abs(before - v) >= 0.00005:
            out.append(f"{k}: {before:.4f} -> {v:.4f}")
    return out
