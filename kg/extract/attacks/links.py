"""Which attacks each claim concerns, and the article's own allegations.

A claim concerns an attack when its words are one of the attack's mentions, when it names
the attack's place, or when it refers back to an attack ("the attack", "such strikes": the
latest before it).  An allegation's accused parties are perpetrators of the attacks it
concerns.

The article's own voice alleges when a sentence no one else says states harm and blames
someone for it ("the thousands of civilians killed by US drone strikes", a caption's
"following the Russian airstrikes on ...").
"""

from __future__ import annotations

import re

from kg.extract.attacks.mentions import doers
from kg.extract.attacks.triggers import triggers as sentence_triggers
from kg.extract import lexicon as L
from kg.extract.attacks.vocab import ANAPHORA, TARGET_RE
from kg.extract.context import ArticleContext
from kg.extract.harm import harm_kind
from kg.extract.syntax import tokens_span
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, Attack, Claim, Span


def link_attacks(ctx: ArticleContext, claims: list[Claim], attacks: list[Attack]) -> None:
    """Set `Claim.attacks`; add what allegations accuse to the attacks' perpetrators."""
    text = ctx.article.text
    for c in claims:
        c.attacks = _concerns(text, c, attacks)
        if c.kind == "allegation":
            for i in c.attacks:
                _add_perpetrators(attacks[i], c)
    _drop_places_as_parties(claims, attacks)


def _drop_places_as_parties(claims: list[Claim], attacks: list[Attack]) -> None:
    """A name the article gives as the place of an attack ("raids on Ruisi and Gori") and
    that names no state is not a party to it ("the Gori strike", "Gori was hit")."""
    places: set[str] = set()
    for a in attacks:
        node, depth = a.place, 0
        while node is not None and depth < 8:
            places.add(node.name.casefold())
            node, depth = node.within, depth + 1
    places -= set(STATE_NAMES)
    if not places:
        return
    for a in attacks:
        a.perpetrators = [p for p in a.perpetrators if p.name.casefold() not in places]
    for c in claims:
        c.accused = [p for p in c.accused if p.name.casefold() not in places]


def _concerns(text: str, c: Claim, attacks: list[Attack]) -> list[int]:
    spans = [c.span, *c.extra_spans]
    found = [i for i, a in enumerate(attacks)
             if any(s.overlaps(x) for s in spans for x in [a.span, *a.extra_spans])]
    if found:
        return found
    words = " ".join(text[s.start:s.end] for s in spans)
    found = [i for i, a in enumerate(attacks) if a.place is not None and
             re.search(r"\b" + re.escape(a.place.name) + r"\b", words)]
    if not found and c.kind == "denial":     # (an allegation may be of a practice: "has
        found = _by_weapon_or_target(words, attacks)    # repeatedly bombed schools")
    if not found and ANAPHORA.search(words):
        before = [i for i, a in enumerate(attacks) if a.span.start < c.span.start]
        found = before[-1:]
    return sorted(set(found))


def _by_weapon_or_target(words: str, attacks: list[Attack]) -> list[int]:
    """The attacks whose weapon the words name ("we never use cluster bombs"), else the one
    attack on a kind of object the words name ("we did not bomb the hospital")."""
    found = [i for i, a in enumerate(attacks) if a.weapon and
             re.search(r"\b" + re.escape(a.weapon) + r"\b", words, re.I)]
    if found:
        return found
    cats = {L.TARGET_TERMS.get(" ".join(m.group(1).lower().split()))
            for m in TARGET_RE.finditer(words)} - {None, "civilians", "residential", "other"}
    hits = [i for i, a in enumerate(attacks) if cats & {t.category for t in a.targets}]
    return hits if len(hits) == 1 else []


def _add_perpetrators(a: Attack, c: Claim) -> None:
    names = {p.name.lower() for p in a.perpetrators}
    for p in c.accused:
        if p.name.lower() not in names and p.kind != "witness":
            a.perpetrators.append(p)
            names.add(p.name.lower())


def article_voice_claims(ctx: ArticleContext, claims: list[Claim], voice: AgentRef
                         ) -> list[Claim]:
    """The article's own allegations: harm it states in its own words and blames on someone
    no one else is quoted as blaming in that sentence."""
    out = []
    covered = [s for c in claims for s in [c.span, *c.extra_spans]]
    for si, sent in enumerate(ctx.doc.sents):
        claim = _voice_claim(ctx, sent, si, covered, voice)
        if claim is not None:
            out.append(claim)
    return out


def _voice_claim(ctx: ArticleContext, sent, si: int, covered: list[Span], voice: AgentRef):
    if ctx.line_kind(sent.start_char) not in ("body", "caption"):
        return None
    sp = Span(sent.start_char, sent.end_char)
    if any(sp.overlaps(c) for c in covered) or \
            ctx.quote_around(sent.start_char + 1, sent.start_char + 2):
        return None
    triggers = sentence_triggers(sent)
    if not triggers:
        return None
    kinds = harm_kind(list(sent))
    if not ("casualty" in kinds or ("target" in kinds and kinds & {"event", "event_noun"})):
        return None
    accused = [d for d in doers(ctx, sent, si, triggers)[0]
               if d.kind not in ("witness", "anonymous")]
    span = tokens_span(list(sent), ctx.article.text)
    if not accused or span is None:
        return None
    return Claim(kind="allegation", span=span, source=voice, attribution="article",
                 accused=accused, sentence=si, paragraph=ctx.paragraph(span.start))
