"""A plain, JSON-ready view of an `Extraction`: what ``kg extract --format json`` prints.

Every claim and attack is shown with its quote (the article's own words) and offsets, so a
reader can check it against the text.
"""

from __future__ import annotations

from typing import Optional

from kg.model import AgentRef, Attack, Claim, Extraction, Figure, Span


def _quote(text: str, span: Span) -> dict:
    return {"quote": span.text(text), "start": span.start, "end": span.end}


def _agent(a: Optional[AgentRef]) -> Optional[dict]:
    if a is None:
        return None
    out = {"name": a.label or a.name, "as_written": a.name, "key": a.key, "kind": a.kind}
    if a.role:
        out["role"] = a.role
    if a.speaks_for is not None:
        out["speaks_for"] = _agent(a.speaks_for)
    return out


def _figure(text: str, f: Optional[Figure]) -> Optional[dict]:
    if f is None:
        return None
    out = {"count": f.count, "qualifier": f.qualifier}
    for k in ("upper", "children", "women"):
        if getattr(f, k) is not None:
            out[k] = getattr(f, k)
    if f.span is not None:
        out.update(_quote(text, f.span))
    return out


def claim_view(x: Extraction, c: Claim) -> dict:
    text = x.article.text
    out = {"kind": c.kind, **_quote(text, c.span), "source": _agent(c.source),
           "attribution": c.attribution,
           ("accused" if c.kind == "allegation" else "defends"): [_agent(a) for a in c.accused],
           "attacks": list(c.attacks)}
    if c.kind == "denial":
        out["denial_kind"] = c.denial_kind
        out["denies"] = list(c.denies)
    if c.hedged:
        out["hedged"] = True
    if c.learned:
        out["found_by"] = "learned reader"
    if c.extra_spans:
        out["also"] = [_quote(text, s) for s in c.extra_spans]
    return out


def attack_view(x: Extraction, a: Attack) -> dict:
    text = x.article.text
    d = a.date
    return {
        **_quote(text, a.span), "key": a.key,
        "targets": [t.category for t in a.targets],
        "place": None if a.place is None else {"name": a.place.name, "key": a.place.key,
                                               "within": a.place.within.name
                                               if a.place.within else None},
        "date": None if d is None else {
            "day": d.day.isoformat() if d.day else None, "precision": d.precision,
            "earliest": d.earliest.isoformat() if d.earliest else None,
            "latest": d.latest.isoformat() if d.latest else None,
            "words": d.span.text(text) if d.span else None},
        ("possible_perpetrators" if a.perpetrator_ambiguous else "perpetrators"):
            [_agent(p) for p in a.perpetrators],
        "killed": _figure(text, a.killed), "injured": _figure(text, a.injured),
        "weapon": a.weapon,
        "also": [_quote(text, s) for s in a.extra_spans],
    }


def extraction_view(x: Extraction) -> dict:
    art = x.article
    return {
        "article": {"id": art.id, "file": art.path, "title": art.title,
                    "publisher": art.publisher, "url": art.url,
                    "published": str(art.published) if art.published else None,
                    "sha256": art.sha256, "characters": len(art.text)},
        "extractor": x.extractor,
        "claims": [claim_view(x, c) for c in x.claims],
        "attacks": [attack_view(x, a) for a in x.attacks],
    }
