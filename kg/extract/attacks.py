"""Attacks: the incidents an article reports, with what was hit, where, when, by whom, and
the toll; and which claims are about which incident.

A sentence mentions an attack when it has a word of attack or killing ("struck", "shelling",
"were killed") and says what or whom it hit (a protected object, civilians, a toll), and
where or when ("in Ariha", "on Sunday", "49 killed").  Mentions of one incident are joined:
the same place and a compatible date, or a definite reference back ("the attack", "that
strike").  A mention that only names an incident ("a separate incident on July 4") is kept
until a later sentence says what happened in it.

Statements in the article's own voice that blame someone for harm ("civilians killed by US
drone strikes") are allegations of the article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import make_agent
from kg.extract.claims import _add_doer, _child, _harm_kind, _is_negated, _tokens_span
from kg.extract.context import ArticleContext
from kg.extract.dates import find_dates
from kg.extract.numbers import find_figures
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, Attack, Claim, DateRef, Figure, PlaceRef, Span, TargetRef

PLACE_ENTS = ("GPE", "LOC", "FAC")
#: Targets in the order that makes one the main target of an attack.
TARGET_PRIORITY = ("hospital", "medical_facility", "school", "place_of_worship", "market",
                   "aid_convoy", "infrastructure", "residential", "other", "civilians")
_TARGET_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in L.TARGET_TERMS),
                                                 key=len, reverse=True)) + r")\b", re.I)
_ANAPHORA = re.compile(r"\b(the|that|this|such|these|those)\s+(\w+\s+)?(attacks?|strikes?|"
                       r"air ?strikes?|shelling|bombing|bombardment|explosion|blast|raid|"
                       r"incident|massacre|assault|event|disaster)\b", re.I)
_PLACE_PREPS = ("in", "at", "near", "outside", "on", "into", "inside", "around", "of")
_WEAPONS = re.compile(r"\b(cluster (?:munitions?|bombs?)|barrel bombs?|(?:ballistic |cruise )?"
                      r"missiles?|rockets?|drones?|artillery|mortars?|shells?|bombs?|"
                      r"white phosphorus|chemical weapons?|air ?strikes?|warplanes?|"
                      r"helicopters?|tanks?|grenades?|explosives?)\b", re.I)


@dataclass
class Mention:
    span: Span
    sent_index: int
    targets: list[TargetRef] = field(default_factory=list)
    place: Optional[PlaceRef] = None
    places: list[PlaceRef] = field(default_factory=list)
    date: Optional[DateRef] = None
    killed: Optional[Figure] = None
    injured: Optional[Figure] = None
    doers: list[AgentRef] = field(default_factory=list)
    ambiguous: bool = False
    anaphoric: bool = False
    strong: bool = False
    weapon: Optional[str] = None
    aggregate: bool = False


def _targets(text: str, start: int, end: int) -> list[TargetRef]:
    out, seen = [], set()
    for m in _TARGET_RE.finditer(text, start, end):
        cat = L.TARGET_TERMS[m.group(1).lower()]
        if cat not in seen:
            seen.add(cat)
            out.append(TargetRef(category=cat, span=Span(m.start(), m.end())))
    return out


def _is_country(name: str) -> bool:
    return name.lower().replace("’s", "").replace("'s", "").strip() in STATE_NAMES


def _places(sent) -> list[PlaceRef]:
    """Places a sentence names, most specific first: facilities, towns, regions."""
    found: list[tuple[int, PlaceRef]] = []
    seen: set[str] = set()
    for ent in sent.ents:
        if ent.label_ not in PLACE_ENTS:
            continue
        name = ent.text.strip(" ,.")
        name = re.sub(r"^(the|The)\s+", "", name)
        if not name or _is_country(name) or name.lower() in seen:
            continue
        seen.add(name.lower())
        rank = {"FAC": 0, "GPE": 1, "LOC": 2}[ent.label_]
        found.append((rank, PlaceRef(name=name, span=Span(ent.start_char, ent.end_char))))
    # proper nouns after "in/at/near" that the tagger did not label as places
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS and tok.pos_ == "PROPN" and \
                tok.ent_type_ in ("", "GPE", "LOC", "FAC") and tok.lower_ not in seen:
            toks = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
            name = " ".join(t.text for t in toks)
            if _is_country(name) or name.lower() in seen or not name[:1].isupper():
                continue
            if tok.ent_type_ == "" and tok.head.lower_ == "of":
                continue
            seen.add(name.lower())
            found.append((1, PlaceRef(name=name, span=Span(toks[0].idx, tok.idx + len(tok.text)))))
    found.sort(key=lambda x: (x[0], x[1].span.start))
    places = [p for _, p in found]
    # "Ariha, Idlib province": the second is where the first is
    for a, b in zip(places, places[1:]):
        if b.span.start - a.span.end <= 3 and a.within is None:
            a.within = b
    return places


def _conj_places(sent, places: list[PlaceRef]) -> list[list[PlaceRef]]:
    """Groups of places joined by "and"/"or" ("Homs, Idlib and Aleppo")."""
    groups, used = [], set()
    for i, p in enumerate(places):
        if i in used:
            continue
        group = [p]
        for j in range(i + 1, len(places)):
            between = sent.doc.text[group[-1].span.end:places[j].span.start]
            if places[j].span.start > group[-1].span.end and re.fullmatch(
                    r"\s*(,|and|or|, and|,\s*and)\s*", between):
                group.append(places[j])
                used.add(j)
        used.add(i)
        groups.append(group)
    return groups


def _triggers(sent) -> list:
    out = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and (lemma in L.ATTACK_VERBS or lemma in L.CASUALTY_VERBS) and \
                not _is_negated(t) and not any(c.lower_ in ("would", "will") for c in t.children):
            out.append(t)
        elif t.pos_ in ("NOUN", "PROPN") and lemma in L.EVENT_NOUNS:
            out.append(t)
        elif t.lower_ in ("incident", "shells", "missiles", "rockets") and t.pos_ == "NOUN":
            out.append(t)
    return out


def _reporting_date(ctx: ArticleContext, span: Span) -> bool:
    """Does the date attach to a verb of saying ("said on Thursday")?"""
    toks = [t for t in ctx.doc if span.start <= t.idx < span.end]
    for t in toks:
        h = t.head
        while h in toks and h.head is not h:
            h = h.head
        if h not in toks:
            if h.lemma_.lower() in L.REPORTING_VERBS | L.DENY_VERBS | L.ACCUSE_VERBS:
                return True
            if h.dep_ == "prep" and h.head.lemma_.lower() in L.REPORTING_VERBS:
                return True
            return False
    return False


def _doers(ctx: ArticleContext, sent, si: int, triggers) -> tuple[list[AgentRef], bool]:
    out: list[AgentRef] = []
    ambiguous = False

    def add(tok):
        agent = make_agent(tok, ctx, si, remember=False)
        if agent is not None and agent.name.lower() not in {a.name.lower() for a in out} \
                and agent.kind != "witness":
            out.append(agent)

    for t in triggers:
        if t.pos_ == "VERB":
            s = _child(t, "nsubj")
            if s is not None:
                _add_doer(s, add)
            ag = _child(t, "agent")
            if ag is not None and _child(ag, "pobj") is not None:
                _add_doer(_child(ag, "pobj"), add)
        else:
            for c in t.lefts:
                for m in c.subtree:
                    if m.dep_ in ("poss", "amod", "compound", "nmod") and (
                            m.ent_type_ in ("NORP", "GPE", "ORG") or m.pos_ == "PROPN"):
                        add(m)
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "by" and _child(c, "pobj") is not None:
                    _add_doer(_child(c, "pobj"), add)
    for t in sent:   # "Russian or Syrian aircraft": alternatives
        if t.lower_ == "or" and t.dep_ == "cc" and t.head.ent_type_ == "NORP":
            ambiguous = True
    return out, ambiguous


def _mentions(ctx: ArticleContext) -> list[Mention]:
    text = ctx.article.text
    published = ctx.article.published
    out: list[Mention] = []
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind in ("boilerplate", "blank", "headline") or not sent.text.strip():
            continue
        triggers = _triggers(sent)
        figures = [f for f in find_figures(text, sent.start_char, sent.end_char)]
        if not triggers and not any(f.casualty for f in figures):
            continue
        targets = _targets(text, sent.start_char, sent.end_char)
        places = _places(sent)
        dates = [d for d in find_dates(text, published, sent.start_char, sent.end_char)
                 if not _reporting_date(ctx, d.span)]
        killed = next((f.figure for f in figures if f.casualty == "killed"), None)
        injured = next((f.figure for f in figures if f.casualty == "injured"), None)
        if killed is None:
            killed = next((f.figure for f in figures if f.casualty is None), None)
        anaphoric = bool(_ANAPHORA.search(sent.text))
        has_harm = killed is not None or injured is not None or bool(targets)
        concrete = bool(places or dates or killed or injured)
        strong = bool(triggers or figures) and has_harm and concrete
        weak = bool(triggers) and bool(places or dates) and not strong
        if not (strong or weak or (anaphoric and has_harm)):
            continue
        span = _tokens_span(list(sent), text) or Span(sent.start_char, sent.end_char)
        doers, ambiguous = _doers(ctx, sent, si, triggers)
        weapon = _WEAPONS.search(text, sent.start_char, sent.end_char)
        m = Mention(span=span, sent_index=si, targets=targets, places=places,
                    place=places[0] if places else None,
                    date=dates[0].ref if dates else None, killed=killed, injured=injured,
                    doers=doers, ambiguous=ambiguous, anaphoric=anaphoric, strong=strong,
                    weapon=weapon.group(0).lower() if weapon else None)
        m.aggregate = bool(re.search(r"\b(\w+) (attacks|strikes|air ?strikes|assaults)\b",
                                     sent.text)) and any(
            t.like_num and t.head.lemma_.lower() in L.EVENT_NOUNS for t in sent)
        out.append(m)
    return out


def _compatible(a: Attack, m: Mention) -> bool:
    if a.place is not None and m.place is not None:
        if _key(a.place.name) != _key(m.place.name) and not (
                a.place.within is not None and _key(a.place.within.name) == _key(m.place.name)):
            return False
    if a.date is not None and m.date is not None and a.date.day and m.date.day and \
            a.date.day != m.date.day:
        return False
    return True


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _new_attack(m: Mention, place: Optional[PlaceRef] = None) -> Attack:
    return Attack(span=m.span, targets=list(m.targets), place=place or m.place, date=m.date,
                  perpetrators=list(m.doers), perpetrator_ambiguous=m.ambiguous,
                  killed=m.killed, injured=m.injured, weapon=m.weapon)


def _absorb(a: Attack, m: Mention) -> None:
    if m.span != a.span and m.span not in a.extra_spans:
        a.extra_spans.append(m.span)
    cats = {t.category for t in a.targets}
    a.targets.extend(t for t in m.targets if t.category not in cats)
    if a.place is None:
        a.place = m.place
    if a.date is None and m.date is not None:
        a.date = m.date
    if a.killed is None:
        a.killed = m.killed
    if a.injured is None:
        a.injured = m.injured
    names = {p.name.lower() for p in a.perpetrators}
    a.perpetrators.extend(p for p in m.doers if p.name.lower() not in names)
    a.weapon = a.weapon or m.weapon


def find_attacks(ctx: ArticleContext, claims: list[Claim]) -> list[Attack]:
    """The incidents the article reports, in order of first mention."""
    attacks: list[Attack] = []
    last: Optional[int] = None            # index of the attack last mentioned
    pending: list[tuple[Mention, Attack]] = []
    for m in _mentions(ctx):
        groups = _conj_places(ctx.doc[0:0].doc[:], m.places) if m.places else []
        if m.places and len(groups[0]) > 1 and not m.aggregate:
            # "strikes on the cities of Mingachevir and Terter": one attack per place
            for p in groups[0]:
                attacks.append(_new_attack(m, place=p))
            last = len(attacks) - 1
            continue
        if m.places and len(groups[0]) > 1 and m.aggregate:
            first, final = groups[0][0], groups[0][-1]
            name = ctx.article.text[first.span.start:final.span.end]
            m.place = PlaceRef(name=name, span=Span(first.span.start, final.span.end))
        target = None
        if m.place is not None:
            for i in range(len(attacks) - 1, -1, -1):
                if attacks[i].place is not None and _compatible(attacks[i], m):
                    target = i
                    break
        if target is None and m.anaphoric and last is not None and m.place is None and \
                (m.date is None or _compatible(attacks[last], m)):
            target = last
        if target is None and m.place is None and m.date is not None and last is not None \
                and attacks[last].date is not None and attacks[last].date.day == m.date.day:
            target = last
        if target is not None:
            _absorb(attacks[target], m)
            last = target
            continue
        if not m.strong:
            attacks.append(_new_attack(m))   # may be completed by a later "that attack"
            pending.append((m, attacks[-1]))
            last = len(attacks) - 1
            continue
        attacks.append(_new_attack(m))
        last = len(attacks) - 1
    # a bare mention of an incident that nothing completed is no attack
    keep = []
    for a in attacks:
        weak = any(pa is a for _, pa in pending)
        if weak and not (a.targets and (a.killed or a.injured or a.extra_spans)):
            continue
        keep.append(a)
    return keep


def link_attacks(ctx: ArticleContext, claims: list[Claim], attacks: list[Attack]) -> None:
    """Which attacks each claim concerns: one its words report, one it refers back to ("the
    attack"), or one whose place it names; and the perpetrators allegations name."""
    text = ctx.article.text
    for c in claims:
        spans = [c.span, *c.extra_spans]
        found = []
        for i, a in enumerate(attacks):
            if any(s.overlaps(x) for s in spans for x in [a.span, *a.extra_spans]):
                found.append(i)
        if not found:
            words = " ".join(text[s.start:s.end] for s in spans)
            for i, a in enumerate(attacks):
                if a.place is not None and re.search(r"\b" + re.escape(a.place.name) + r"\b",
                                                     words):
                    found.append(i)
            if not found and _ANAPHORA.search(words):
                before = [i for i, a in enumerate(attacks) if a.span.start < c.span.start]
                if before:
                    found.append(before[-1])
        c.attacks = sorted(set(found))
        if c.kind == "allegation":
            for i in c.attacks:
                a = attacks[i]
                names = {p.name.lower() for p in a.perpetrators}
                for p in c.accused:
                    if p.name.lower() not in names and p.kind != "witness":
                        a.perpetrators.append(p)
                        names.add(p.name.lower())


def article_voice_claims(ctx: ArticleContext, claims: list[Claim], voice: AgentRef
                         ) -> list[Claim]:
    """The article's own allegations: harm it states in its own words and blames on someone
    ("the thousands of civilians killed by US drone strikes", a caption's "following the
    Russian airstrikes on ...")."""
    text = ctx.article.text
    out = []
    covered = [s for c in claims for s in [c.span, *c.extra_spans]]
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind not in ("body", "caption"):
            continue
        sp = Span(sent.start_char, sent.end_char)
        if any(sp.overlaps(c) for c in covered):
            continue
        if ctx.quote_around(sent.start_char + 1, sent.start_char + 2):
            continue
        triggers = _triggers(sent)
        if not triggers:
            continue
        kinds = _harm_kind(list(sent))
        if not ("casualty" in kinds or ("target" in kinds and kinds & {"event", "event_noun"})):
            continue
        doers, _ = _doers(ctx, sent, si, triggers)
        doers = [d for d in doers if d.kind not in ("witness", "anonymous")]
        if not doers:
            continue
        span = _tokens_span(list(sent), text)
        if span is None:
            continue
        out.append(Claim(kind="allegation", span=span, source=voice, attribution="article",
                         accused=doers, sentence=si, paragraph=ctx.paragraph(span.start)))
    return out
