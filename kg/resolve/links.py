"""Which allegations a denial rejects.

A denial defends its speaker and the bodies the speaker speaks for ("a spokesman for the
Defence Ministry" defends the ministry and the state).  It rejects the allegations of the
same article that accuse a party it defends, narrowed to the allegations of the source whose
claims it names ("dismissed Amnesty's report") and to the incidents it is about, when it says.
A denial of "this figure" or "these claims" rejects what was said just before it.
A denial of an incident for which no one else is blamed answers the allegations of that
incident that blame no one and stand within a few sentences of it.
"""

from __future__ import annotations

from kg.model import Claim, Extraction
from kg.resolve.agents import chain_keys


#: How many sentences apart a denial and an allegation that blames no one may stand for the
#: one to answer the other.
NEAR = 3


def defended_keys(denial: Claim) -> set[str]:
    keys = chain_keys(denial.source)
    for p in denial.accused:
        keys |= chain_keys(p)
    return keys


def _expand_defended(denial: Claim) -> None:
    """A denial defends the bodies it names and those they speak for (the army and its
    state): both are parties an allegation may accuse."""
    out, seen = [], set()
    for p in denial.accused:
        while p is not None:
            if p.key and p.key not in seen and (p.kind not in ("person", "witness") or
                                                p.speaks_for is None):
                seen.add(p.key)
                out.append(p)
            p = p.speaks_for
    denial.accused = out


def link_denials(extraction: Extraction) -> None:
    claims = extraction.claims
    for d in claims:
        if d.kind == "denial":
            _expand_defended(d)
    for d in claims:
        if d.kind != "denial" or d.denial_kind == "non_denial":
            continue
        defended = defended_keys(d)
        rebutted = set().union(*(chain_keys(r) for r in d.rebuts)) if d.rebuts else set()
        if d.refers_back:
            d.denies = _last_said(claims, d, defended)
            if d.denies:
                continue
        candidates = []
        for i, a in enumerate(claims):
            if a.kind != "allegation":
                continue
            accused = set().union(*(chain_keys(p) for p in a.accused)) if a.accused else set()
            if not accused & defended or chain_keys(a.source) & defended:
                continue                # no one denies what their own side alleges
            if rebutted and not (chain_keys(a.source) & rebutted):
                continue
            if d.attacks and a.attacks and not set(d.attacks) & set(a.attacks) and \
                    not rebutted:
                continue                # (a denial of X's claims is of all of them)
            candidates.append(i)
        about = d.attacks or ([0] if len(extraction.attacks) == 1 else [])
        blamed_by_others = any(
            a.kind == "allegation" and a.accused and set(a.attacks) & set(about) and
            not chain_keys(a.source) & defended for a in claims)
        if not candidates and about and not rebutted and not blamed_by_others:
            # "We did not fire at this location", and no one else is blamed for the attack:
            # the allegations of the incident that name no one ("the hospital was shelled")
            # and stand close to it are what it answers
            candidates = [i for i, a in enumerate(claims) if a.kind == "allegation" and
                          not a.accused and set(a.attacks) & set(about) and
                          abs(a.sentence - d.sentence) <= NEAR and
                          not chain_keys(a.source) & defended]
        d.denies = candidates


def _last_said(claims: list[Claim], d: Claim, defended: set[str]) -> list[int]:
    """The allegations of the sentence before *d* ("The ministry said 471 people were
    killed. Israel disputes this figure."), or of its own sentence before it, by others."""
    before = [(i, a) for i, a in enumerate(claims) if a.kind == "allegation" and
              a.span.start < d.span.start and d.sentence - 1 <= a.sentence <= d.sentence and
              not chain_keys(a.source) & defended]
    if not before:
        return []
    last = max(a.sentence for _, a in before)
    return [i for i, a in before if a.sentence == last]


def drop_unanchored_denials(extraction: Extraction) -> None:
    """A denial must deny an allegation or concern an attack (the graph's shapes require
    it); one anchored to neither, when the article reports a single attack, concerns it;
    otherwise there is nothing to say it denies, and it is left out."""
    keep = []
    for c in extraction.claims:
        if c.kind == "denial" and not c.denies and not c.attacks:
            if len(extraction.attacks) == 1:
                c.attacks = [0]
            else:
                continue
        keep.append(c)
    if len(keep) != len(extraction.claims):
        kept = {id(c) for c in keep}
        index = {id(c): i for i, c in enumerate(keep)}
        old = extraction.claims
        for c in keep:
            c.denies = [index[id(old[i])] for i in c.denies if id(old[i]) in kept]
        extraction.claims = keep
