"""Which allegations a denial rejects.

A denial defends its speaker and the bodies the speaker speaks for ("a spokesman for the
Defence Ministry" defends the ministry and the state).  It rejects the allegations of the
same article that accuse a party it defends, narrowed to the allegations of the source whose
claims it names ("dismissed Amnesty's report") and to the incidents it is about, when it says;
with them, what the same accusers report of those incidents naming no one, close to it.
What the denial's own sentence holds is what it answers ("X accused the army of ..., claims
the army rejected"); a denial that goes on from the speaker's denial just before it answers
what that one answered.
A denial that defends no party the article accuses answers the allegations sharing its
words ("We never use cluster bombs").
A denial of "this figure" or "these claims" rejects what was said just before it; one of
"the death toll", the figures given for its incident just before it.
A denial of an incident for which no one else is blamed answers the allegations of that
incident that blame no one and stand within a few sentences of it; a party whose report a
denial rebuts ("disputed a UN report") is an accuser, not someone else blamed.
"""

from __future__ import annotations

import re

from kg.model import Claim, Extraction
from kg.resolve.agents import chain_keys
from kg.resolve.claims import _words


#: How many sentences apart a denial and an allegation that blames no one may stand for the
#: one to answer the other.
NEAR = 3

#: A denial that names a toll disputes the figures given for its incident.
_TOLL = re.compile(r"\b(death toll|toll|casualty (figures?|count)|death count)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b\d[\d,]*\b")


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


def _keys(agents) -> set[str]:
    return set().union(*(chain_keys(p) for p in agents)) if agents else set()


def _accusers(claims: list[Claim]) -> set[str]:
    """The parties the article's denials rebut ("disputed a UN report"): accusers, whom a
    report that seems to blame them does not make the perpetrator."""
    return set().union(*(_keys(d.rebuts) for d in claims if d.kind == "denial"))


def link_denials(extraction: Extraction) -> None:
    claims = extraction.claims
    for d in claims:
        if d.kind == "denial":
            _expand_defended(d)
    accusers = _accusers(claims)
    for d in claims:
        if d.kind != "denial" or d.denial_kind == "non_denial":
            continue
        defended = defended_keys(d)
        rebutted = _keys(d.rebuts)
        if d.refers_back:
            d.denies = _last_said(claims, d, defended)
            if d.denies:
                continue
        candidates = _blaming(claims, d, defended, rebutted)
        about = d.attacks or ([0] if len(extraction.attacks) == 1 else [])
        if candidates:
            candidates = _with_same_side_reports(claims, d, candidates)
        elif about and not _blamed_by_others(claims, about, defended, accusers):
            # "We did not fire at this location", and no one else is blamed for the attack:
            # the allegations of the incident that name no one ("the hospital was shelled")
            # and stand close to it are what it answers
            candidates = [i for i, a in enumerate(claims) if a.kind == "allegation" and
                          not a.accused and set(a.attacks) & set(about) and
                          abs(a.sentence - d.sentence) <= NEAR and
                          not chain_keys(a.source) & defended and
                          (not rebutted or chain_keys(a.source) & rebutted)]
        if not candidates and not any(_keys(a.accused) & defended for a in claims
                                      if a.kind == "allegation"):
            candidates = _sharing_words(extraction, d, defended)
        candidates = sorted(set(candidates) | set(_tolls_disputed(extraction, d, defended)))
        if d.denial_kind != "counter_attribution":
            candidates = _said_with(claims, d, candidates, defended, rebutted) or \
                _going_on(claims, d) or candidates
        d.denies = candidates


def _blaming(claims: list[Claim], d: Claim, defended: set[str], rebutted: set[str]
             ) -> list[int]:
    """The allegations that blame a party *d* defends, by others, narrowed to those of the
    sources it rebuts and to the incidents it is about."""
    out = []
    for i, a in enumerate(claims):
        if a.kind != "allegation":
            continue
        if not _keys(a.accused) & defended or chain_keys(a.source) & defended:
            continue                # no one denies what their own side alleges
        if rebutted and not (chain_keys(a.source) & rebutted):
            continue
        if d.attacks and a.attacks and not set(d.attacks) & set(a.attacks) and not rebutted:
            continue                # (a denial of X's claims is of all of them)
        out.append(i)
    return out


def _blamed_by_others(claims: list[Claim], about: list[int], defended: set[str],
                      accusers: set[str]) -> bool:
    """Whether a report of the incidents *about*, not by the defended side, blames a party
    that is neither defended nor one of the accusers the article's denials rebut."""
    return any(a.kind == "allegation" and set(a.attacks) & set(about) and
               not chain_keys(a.source) & defended and
               any(not chain_keys(p) & accusers for p in a.accused) for a in claims)


def _with_same_side_reports(claims: list[Claim], d: Claim, candidates: list[int]
                            ) -> list[int]:
    """What those who blame the defended party for an incident also report of it, naming no
    one ("Three paramedics were killed", said by the ministry that blames the army in the
    next sentence), within a few sentences of the denial: the same accusation."""
    if d.denial_kind == "counter_attribution":
        return candidates
    blamers = set().union(*(chain_keys(claims[i].source) for i in candidates))
    incidents = set().union(*(claims[i].attacks for i in candidates))
    if d.attacks:
        incidents &= set(d.attacks)
    more = [i for i, a in enumerate(claims) if a.kind == "allegation" and not a.accused and
            set(a.attacks) & incidents and chain_keys(a.source) & blamers and
            abs(a.sentence - d.sentence) <= NEAR and i not in candidates]
    return sorted(candidates + more)


def _sharing_words(extraction: Extraction, d: Claim, defended: set[str]) -> list[int]:
    """For a denial that defends no party the article accuses (an observer's "No one believed
    the deaths were caused by a rebel rocket", a speaker the article does not name): the
    allegations of its incidents, by others, that share two words of what it says."""
    text = extraction.article.text
    said = _words(d.span.text(text))
    return [i for i, a in enumerate(extraction.claims) if a.kind == "allegation" and
            not chain_keys(a.source) & defended and
            (not d.attacks or not a.attacks or set(a.attacks) & set(d.attacks)) and
            len(said & _words(a.span.text(text))) >= 2]


def _tolls_disputed(extraction: Extraction, d: Claim, defended: set[str]) -> list[int]:
    """A denial that disputes "the death toll" answers the figures given for its incident
    before it, within a few sentences, by others."""
    text = extraction.article.text
    if not d.attacks or not _TOLL.search(d.span.text(text)):
        return []
    return [i for i, a in enumerate(extraction.claims) if a.kind == "allegation" and
            set(a.attacks) & set(d.attacks) and 0 <= d.sentence - a.sentence <= NEAR and
            a.span.start < d.span.start and _COUNT.search(a.span.text(text)) and
            not chain_keys(a.source) & defended]


def _said_with(claims: list[Claim], d: Claim, candidates: list[int], defended: set[str],
               rebutted: set[str]) -> list[int]:
    """The allegations of *d*'s own sentence that it may answer ("X accused the army of
    shelling the camp, claims that were rejected by the army"; "They rejected Amnesty's
    accusations about cluster bombs"): the sentence says what the denial answers."""
    return [i for i, a in enumerate(claims) if a.kind == "allegation" and
            a.sentence == d.sentence and not chain_keys(a.source) & defended and
            (i in candidates or
             (not a.accused and rebutted and chain_keys(a.source) & rebutted))]


def _going_on(claims: list[Claim], d: Claim) -> list[int]:
    """A denial that goes on from the speaker's denial just before it (the claim before it,
    in the same or the previous sentence) answers what that one answers, unless it names
    whose claims it rejects or an incident of its own."""
    k = next(k for k, c in enumerate(claims) if c is d)
    prev = claims[k - 1] if k else None
    if prev is None or prev.kind != "denial" or prev.denial_kind == "non_denial" or \
            not d.source.key or prev.source.key != d.source.key or d.rebuts or \
            not 0 <= d.sentence - prev.sentence <= 1:
        return []
    if d.attacks and prev.attacks and not set(d.attacks) & set(prev.attacks):
        return []
    return list(prev.denies)


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
