"""Mentions: what one sentence says about an incident.

A sentence mentions an incident when it has a trigger (`triggers`) or a casualty figure,
and says what or whom was hit or how many (`targets`, figures), and where or when
(`places`, `when`).  It is:

- *strong* when it has harm and a precise place, a day or month, a reference back ("the
  attack"), or a toll on a named object: it may open an incident;
- *weak* when it has a trigger and a place or date but no harm ("a separate incident on
  July 4"): kept until a later mention says what happened;
- *supplementary* when it adds harm only ("14 people were killed"): it joins the incident
  just mentioned;
- an *aggregate* when it counts attacks over places ("six attacks in Homs and Idlib").

Sentences that sum or count incidents report none of their own ("It was the fourth strike
on a school in a week", "strikes on two markets killed 52"), nor do practices ("has
repeatedly bombed schools since the coup").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import make_agent
from kg.extract.attacks.places import places as sentence_places
from kg.extract.attacks.syntax import by_other_act, in_background
from kg.extract.attacks.targets import targets as sentence_targets
from kg.extract.attacks.triggers import triggers as sentence_triggers
from kg.extract.attacks.vocab import ANAPHORA, COMBATANTS, DEFINITE, FACILITY_RE, WEAPONS_RE
from kg.extract.attacks.when import incident_dates
from kg.extract.context import ArticleContext
from kg.extract.harm import doers_of, pronoun_attacker
from kg.extract.numbers import FigureMention, find_figures
from kg.extract.syntax import tokens_span
from kg.gazetteer import STATE_NAMES
from kg.model import AgentRef, DateRef, Figure, PlaceRef, Span, TargetRef


@dataclass
class Mention:
    span: Span
    sent_index: int
    targets: list[TargetRef] = field(default_factory=list)
    place: Optional[PlaceRef] = None
    places: list[PlaceRef] = field(default_factory=list)
    vague: set = field(default_factory=set)     # names of places that only roughly locate it
    parts: set = field(default_factory=set)     # names of parts of a town ("X camp")
    date: Optional[DateRef] = None
    killed: Optional[Figure] = None
    injured: Optional[Figure] = None
    doers: list[AgentRef] = field(default_factory=list)
    ambiguous: bool = False
    anaphoric: bool = False         # "the attack", "that strike": refers back
    definite: bool = False          # also "the attack on X": a known incident, named again
    strong: bool = False
    weapon: Optional[str] = None
    aggregate: bool = False
    supplementary: bool = False     # adds figures or targets to the incident just mentioned
    split: bool = False             # "strikes on X and Y": one attack per place
    figures: list[FigureMention] = field(default_factory=list)    # the tolls, in text order
    #: places of other acts of the sentence ("witnesses in Grozny described ..."): where the
    #: incident is when nothing else says
    other_places: list[PlaceRef] = field(default_factory=list)


_COUNTING = re.compile(r"\s*(it|this|that)\s+(was|is|marks|marked|became)\s+(the\s+|at\s+least\s+"
                       r"the\s+)?(\w+\s+)?(second|third|fourth|fifth|sixth|seventh|eighth|"
                       r"ninth|tenth|latest|\d+(st|nd|rd|th))\b", re.I)
_HABITUAL = re.compile(r"\b(repeatedly|routinely|systematically|regularly|time and again|"
                       r"since (the|early|late|\d{4}|\w+ \d{4})|over the (past|last)|"
                       r"in recent (weeks|months|years))\b", re.I)
#: a place named again by a description ("in that region", "at the same location")
_PLACE_BACK = re.compile(r"\b(in|at|near|from)\s+(that|this|the\s+same)\s+(region|area|town|"
                         r"village|city|district|neighbou?rhood|place|location|spot)\b", re.I)
_PLURAL_EVENTS = re.compile(r"\b(strikes|attacks|raids|shellings|bombings)\b")
_AND = re.compile(r"\s*,?\s+and\s+")


def mentions(ctx: ArticleContext) -> list[Mention]:
    """Every sentence of the article's body that mentions an incident, in text order."""
    out: list[Mention] = []
    last_day: Optional[date] = None     # of the last incident dated to the day
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind in ("boilerplate", "blank", "headline") or not sent.text.strip():
            continue
        if out and out[-1].date is not None and out[-1].date.day is not None:
            last_day = out[-1].date.day
        m = read_sentence(ctx, sent, si, last_day)
        if m is not None:
            out.append(m)
    return out


def read_sentence(ctx: ArticleContext, sent, si: int, last_day: Optional[date]
                  ) -> Optional[Mention]:
    """The mention of an incident in *sent*, if it makes one."""
    text = ctx.article.text
    triggers = sentence_triggers(sent)
    figures = summed(text, [f for f in find_figures(text, sent.start_char, sent.end_char)
                            if not _fighters(text, f)       # civilians counted apart
                            and not in_background(ctx, f.number)])
    if not triggers and not any(f.casualty for f in figures):
        return None
    m = Mention(span=tokens_span(list(sent), text) or Span(sent.start_char, sent.end_char),
                sent_index=si, targets=sentence_targets(sent))
    found = sentence_places(sent)
    m.places, m.vague, m.parts = found.ranked, found.vague, found.parts
    dates = incident_dates(ctx, sent, triggers, last_day)
    m.date = dates[0].ref if dates else None
    m.figures = figures
    m.killed = next((f.figure for f in figures if f.casualty == "killed"), None)
    m.injured = next((f.figure for f in figures if f.casualty == "injured"), None)
    if m.killed is None:
        m.killed = next((f.figure for f in figures if f.casualty is None), None)
    m.anaphoric = bool(DEFINITE.search(sent.text))
    m.definite = m.anaphoric or bool(ANAPHORA.search(sent.text))
    m.aggregate = bool(re.search(r"\b(\w+) (attacks|strikes|air ?strikes|assaults)\b",
                                 sent.text)) and bool(m.places) and any(
        t.like_num and t.head.lemma_.lower() in L.EVENT_NOUNS for t in sent)
    if triggers:                        # "The strike comes days after the army took the
        own = [p for p in m.places      # palace in Khartoum": that place is the other act's
               if not by_other_act(ctx, p.span, triggers)]
        kept = {id(p) for p in own}
        m.other_places = [p for p in m.places if id(p) not in kept and p.name not in m.vague]
        m.places = own
    if not m.places and _PLACE_BACK.search(sent.text):
        m.places = _places_before(ctx, sent)    # "In that region, 11 people were killed"
    m.place = m.places[0] if m.places else None
    m.doers, m.ambiguous = doers(ctx, sent, si, triggers)
    weapon = WEAPONS_RE.search(text, sent.start_char, sent.end_char)
    m.weapon = weapon.group(0).lower() if weapon else None
    return m if _grade(m, sent, bool(triggers), bool(figures), dates) else None


def _places_before(ctx: ArticleContext, sent) -> list[PlaceRef]:
    """The precise places of the sentence before *sent*, in the same paragraph."""
    if sent.start == 0:
        return []
    prev = ctx.doc[sent.start - 1].sent
    if ctx.paragraph(prev.start_char) != ctx.paragraph(sent.start_char):
        return []
    found = sentence_places(prev)
    return [p for p in found.ranked if p.name not in found.vague][:1]


def _grade(m: Mention, sent, triggered: bool, figured: bool, dates) -> bool:
    """Set how strong the mention is; False when it reports no incident of its own."""
    has_harm = m.killed is not None or m.injured is not None or bool(m.targets)
    dated = any(d.ref.precision in ("day", "month") for d in dates)
    specific = any(t.category != "civilians" for t in m.targets)
    precise = [p for p in m.places if p.name not in m.vague]
    m.strong = (triggered or figured) and (has_harm or m.aggregate) and bool(
        precise or dated or m.anaphoric or m.aggregate or
        ((m.killed or m.injured) and specific))
    weak = triggered and bool(m.places or dates) and not m.strong
    m.supplementary = (triggered or figured) and has_harm and not m.strong and not weak
    if _counts_incidents(sent, precise, dates):
        return False
    m.split = bool(_PLURAL_EVENTS.search(sent.text)) and not m.aggregate
    return m.strong or weak or m.supplementary


def _counts_incidents(sent, precise, dates) -> bool:
    if not precise and _PLURAL_EVENTS.search(sent.text) and any(
            t.dep_ == "nummod" and t.lower_ not in ("one", "a", "1") and
            L.TARGET_TERMS.get(t.head.lemma_.lower(), "civilians") != "civilians"
            for t in sent):
        return True                     # "strikes on two crowded markets in the region killed
                                        # 52": several incidents summed, each told apart later
    if not precise and any(t.dep_ == "nummod" and t.like_num and t.lower_ not in ("one", "1")
                           and t.head.lemma_.lower() in L.EVENT_NOUNS and t.head.tag_ == "NNS"
                           for t in sent):
        return True                     # "counted 67 attacks on hospitals": a total
    if not precise and any(_since(sent, d) for d in dates) and not any(d.ref.day for d in dates):
        return True                     # "140 civilians have been killed since Oct. 8" in a
                                        # country: a total ("in the city of X since ...":
                                        # a group of strikes the article treats as one)
    if _COUNTING.match(sent.text):
        return True                     # "It was the fourth strike on a school in a week"
    return bool(_HABITUAL.search(sent.text)) and not precise and not any(
        d.ref.precision == "day" for d in dates)    # "has repeatedly bombed schools"


def _fighters(text: str, f: FigureMention) -> bool:
    """A toll of fighters ("killed 40 militants"): not a toll of an attack on civilians or
    protected objects."""
    after = text[f.number.end:f.span.end].split()[:2]     # "40 suspected militants"
    return any(w.lower().strip(",.") in COMBATANTS for w in after) and \
        f.span.end - f.number.end < 40


def _since(sent, d) -> bool:
    text = sent.doc.user_data["kg_text"]
    return text[d.span.start:d.span.end].lower().startswith("since")


def summed(text: str, figures: list) -> list:
    """Counts of one harm joined by "and" are one toll: "killing 30 civilians and 4
    policemen" killed 34 (ranges are left apart: their sum would say more than the text)."""
    out = []
    for f in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.casualty is not None and f.casualty == prev.casualty and \
                prev.figure.upper is None and f.figure.upper is None and \
                _AND.fullmatch(text, prev.span.end, f.span.start):
            out[-1] = _sum(prev, f)
            continue
        out.append(f)
    return out


def _add(x, y):
    return None if x is None and y is None else (x or 0) + (y or 0)


def _sum(prev: FigureMention, f: FigureMention) -> FigureMention:
    a, b = prev.figure, f.figure
    quals = {a.qualifier, b.qualifier}
    qualifier = a.qualifier if len(quals) == 1 else (
        "at_least" if quals & {"at_least", "more_than"} and
        quals <= {"at_least", "more_than", "exact"} else "approximately")
    span = Span(prev.span.start, f.span.end)
    return FigureMention(span=span, casualty=f.casualty, number=prev.number,
                         figure=Figure(count=a.count + b.count, qualifier=qualifier,
                                       children=_add(a.children, b.children),
                                       women=_add(a.women, b.women), span=span))


#: attack words per sentence whose doers are looked for: a "sentence" with more is a list,
#: and the first name the parties (keeps the cost linear in the text)
MAX_DOER_TRIGGERS = 12


def doers(ctx: ArticleContext, sent, si: int, triggers) -> tuple[list[AgentRef], bool]:
    """The parties the attack words name as doing it (`kg.extract.harm.doers_of`), and
    whether they are alternatives ("Russian or Syrian aircraft")."""
    out: list[AgentRef] = []

    def add(tok):
        if not _may_do(tok):
            return
        agent = make_agent(tok, ctx, si, remember=False)
        if agent is not None and tok.pos_ == "PRON":
            agent = pronoun_attacker(ctx, si, tok, agent)
        if agent is not None and agent.name.lower() not in {a.name.lower() for a in out} \
                and agent.kind != "witness" and not FACILITY_RE.search(agent.name):
            out.append(agent)

    for t in triggers[:MAX_DOER_TRIGGERS]:
        doers_of(t, add)
    ambiguous = any(t.lower_ == "or" and t.dep_ == "cc" and t.head.ent_type_ == "NORP"
                    for t in sent)
    return out, ambiguous


def _may_do(tok) -> bool:
    if tok.ent_type_ in ("DATE", "TIME", "FAC", "LOC", "CARDINAL") or (
            tok.ent_type_ == "GPE" and tok.lower_ not in STATE_NAMES) or \
            tok.lower_.rstrip("’'s") in L.CALENDAR:
        return False
    return not any(FACILITY_RE.search(a.text) and a.pos_ == "NOUN"
                   for a in list(tok.ancestors)[:3] if a.i > tok.i)
