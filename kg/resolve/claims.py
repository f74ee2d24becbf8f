"""One claim per sentence that carries it: fold what one sentence says twice.

The annotation conventions (docs/gold-format.md) count one claim per sentence, or per
continuous quotation, that carries it, even when it repeats an earlier one: a lead "X denied
..." and a later quotation of X are two claims.  After agent keys are set, claims of the same
source are folded into one claim with several pieces of evidence when

* they are of the same kind and in the same sentence, the later one not marked as a further
  statement ("also said", "added"), or the later one is a quotation paragraph that goes on
  with no verb of saying of its own (one continuous quotation);
* their words are nearly the same (a wire copy repeating a sentence);
* an unattributed repeat ("16 people have been reported killed") says what a named source
  said.

Also here: an allegation that blames someone else for an attack that others blame on the
speaker's side is also a denial, by counter-attribution ("Israel said it was caused by a
misfiring Palestinian rocket").
"""

from __future__ import annotations

import re

from kg.model import Claim, Extraction
from kg.resolve.agents import chain_keys

_STOP = frozenset("""
a an the of to in on at by for with and or but that this these those it its their they he
she his her was were is are be been has have had will would could may might said says say
as from into over after before about which who whom what when where than then there also
not no nor
""".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def _overlap_words(a: str, b: str) -> int:
    return len(_words(a) & _words(b))


def _similar(a: str, b: str, threshold: float = 0.5) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= threshold and \
        len(wa & wb) / len(wa | wb) >= 0.3


def _fold(keep: Claim, other: Claim) -> None:
    for sp in [other.span, *other.extra_spans]:
        if sp != keep.span and sp not in keep.extra_spans:
            keep.extra_spans.append(sp)
    for p in other.accused:
        if p.key and p.key not in {a.key for a in keep.accused}:
            keep.accused.append(p)
    keep.attacks = sorted(set(keep.attacks) | set(other.attacks))
    keep.hedged = keep.hedged and other.hedged


def merge_claims(extraction: Extraction) -> None:
    text = extraction.article.text
    claims = extraction.claims
    dropped: set[int] = set()

    def same_source(a: Claim, b: Claim) -> bool:
        if a.source.kind == "article" or b.source.kind == "article":
            return a.source.kind == b.source.kind and a.attribution == b.attribution
        return a.source.key == b.source.key

    for j, b in enumerate(claims):
        for i in range(j - 1, -1, -1):
            a = claims[i]
            if i in dropped:
                continue
            if a.span == b.span and a.kind == b.kind and same_source(a, b):
                dropped.add(j)
                break
            if not same_source(a, b) or "non_denial" in (a.denial_kind, b.denial_kind):
                continue
            near = a.source.kind != "article" and (b.sentence == a.sentence or (
                b.continuation and 0 < b.sentence - a.sentence <= 2))
            if a.kind == b.kind and near and not b.fresh:
                _fold(a, b)
                dropped.add(j)
                break
            if a.kind == b.kind and _similar(a.span.text(text), b.span.text(text)):
                _fold(a, b)
                dropped.add(j)
                break
    # an unattributed repeat of what a named source says ("16 people have been reported
    # killed") is that source's statement again
    for j, b in enumerate(claims):
        if j in dropped or b.attribution != "unattributed":
            continue
        for i, a in enumerate(claims):
            if i == j or i in dropped or a.kind != b.kind or a.source.kind == "article":
                continue
            if _similar(a.span.text(text), b.span.text(text), 0.6):
                _fold(a, b)
                dropped.add(j)
                break
    extraction.claims = [c for k, c in enumerate(claims) if k not in dropped]


_BACK_REFERENCE = re.compile(
    r"\b(such|these|those)\s+(\w+\s+)?(attacks?|strikes?|air\s?strikes?|bombings?|raids?|"
    r"shelling|killings?|incidents?|assaults?)\b", re.IGNORECASE)


def inherit_accused(extraction: Extraction) -> None:
    """An allegation about "such attacks" or "these strikes" that names no one blames whom
    the allegation it refers back to blames: the nearest one before it, a sentence or two
    earlier, that names someone ("Such attacks may amount to war crimes")."""
    text = extraction.article.text
    claims = extraction.claims
    for b in claims:
        if b.kind != "allegation" or b.accused or not _BACK_REFERENCE.search(b.span.text(text)):
            continue
        earlier = [a for a in claims if a.kind == "allegation" and a.accused and
                   a.span.start < b.span.start and 0 <= b.sentence - a.sentence <= 2]
        if earlier:
            b.accused = list(max(earlier, key=lambda a: a.span.start).accused)


def _answers(a: Claim, b: Claim) -> bool:
    """Whether allegation *a* answers *b*: both concern an attack they share, or *a* follows
    *b* at once ("Palestinians blamed an Israeli strike, while Israel said it was caused
    by..."); blaming the other side in general, paragraphs later, denies nothing."""
    if a.attacks and b.attacks:
        return bool(set(a.attacks) & set(b.attacks))
    return a.sentence - b.sentence <= 1


def add_counter_attributions(extraction: Extraction) -> None:
    """An allegation by S blaming another party for an attack others blame on S's side is
    also a denial by S (kind ``counter_attribution``)."""
    claims = extraction.claims
    new = []
    for a in claims:
        if a.kind != "allegation" or a.source.kind == "article" or not a.accused:
            continue
        side = chain_keys(a.source)
        blamed = set().union(*(chain_keys(p) for p in a.accused))
        if not side or blamed & side:
            continue
        answered = [b for b in claims if b is not a and b.kind == "allegation" and
                    b.sentence <= a.sentence and b.span.start < a.span.start and
                    not (chain_keys(b.source) & side) and
                    _answers(a, b) and
                    set().union(*(chain_keys(p) for p in b.accused)) & side if b.accused]
        if not answered:
            continue
        if any(d.kind == "denial" and (chain_keys(d.source) & side and abs(d.sentence - a.sentence)
                                       <= 1 or d.sentence == a.sentence) for d in claims):
            continue
        root = a.source
        while root.speaks_for is not None:
            root = root.speaks_for
        new.append(Claim(kind="denial", span=a.span, source=a.source,
                         attribution=a.attribution, accused=[root],
                         attacks=list(a.attacks), denial_kind="counter_attribution",
                         hedged=a.hedged, cue=a.cue, sentence=a.sentence,
                         paragraph=a.paragraph, extra_spans=list(a.extra_spans)))
    claims.extend(new)
    claims.sort(key=lambda c: (c.span.start, c.kind))
