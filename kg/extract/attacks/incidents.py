"""Incidents: the mentions of one article grouped into the attacks it reports.

A mention joins an incident met in the last ten sentences when they agree:

- the same toll of dead (a lede and its repeat), or
- the same place, or one inside the other ("in Gaza" ... "in Beit Hanoun"), and no clash of
  days;
- a vaguely placed incident just before, which the mention places ("in Idlib province" ...
  "in Ariha"), when they share a kind of target or the mention refers back;
- the same day and a kind of target in common;
- a reference back ("the attack", "the explosion at the hospital"), an addition of figures
  ("14 people were killed"), or a first date for an undated incident, joining the incident
  just mentioned.

Otherwise it opens a new incident.  "Strikes on the cities of X and Y" open one incident
per place; "six attacks in X, Y and Z" is one entry for the set.  An incident that no
mention completed (a weak mention alone: "a separate incident on July 4") is dropped.
Every mention joined is evidence of its incident (`Attack.extra_spans`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from kg.extract.attacks.mentions import Mention, mentions
from kg.extract.attacks.places import conj_places
from kg.extract.attacks.vocab import FACILITY_RE
from kg.extract.context import ArticleContext
from kg.model import Attack, Claim, PlaceRef, Span

#: how many sentences back a mention may join an incident
WINDOW = 10


def key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def same_place(x: PlaceRef, y: PlaceRef) -> bool:
    """The same place, or one named inside the other ("Ariha" within "Idlib province")."""
    kx, ky = key(x.name), key(y.name)
    if kx == ky:
        return True
    wx, wy = set(kx.split()), set(ky.split())
    return wx <= wy or wy <= wx or (x.within is not None and key(x.within.name) == ky) or \
        (y.within is not None and key(y.within.name) == kx)


def _categories(targets) -> set:
    return {t.category for t in targets} - {"civilians"}


def shares_target(a: Attack, m: Mention) -> bool:
    cats, mcats = _categories(a.targets), _categories(m.targets)
    return not mcats or not cats or bool(cats & mcats)


def specific_overlap(a: Attack, m: Mention) -> bool:
    return bool(_categories(a.targets) & _categories(m.targets))


def date_ok(a: Attack, m: Mention) -> bool:
    return not (a.date and m.date and a.date.day and m.date.day and a.date.day != m.date.day)


def same_day(a: Attack, m: Mention) -> bool:
    return m.date is not None and m.date.day is not None and a.date is not None and \
        a.date.day == m.date.day


def new_attack(m: Mention, place: Optional[PlaceRef] = None) -> Attack:
    return Attack(span=m.span, targets=list(m.targets), place=place or m.place, date=m.date,
                  perpetrators=list(m.doers), perpetrator_ambiguous=m.ambiguous,
                  killed=m.killed, injured=m.injured, weapon=m.weapon)


def absorb(a: Attack, m: Mention) -> None:
    """Add what a further mention of the same incident says; the mention is evidence."""
    if m.span != a.span and m.span not in a.extra_spans:
        a.extra_spans.append(m.span)
    cats = {t.category for t in a.targets}
    a.targets.extend(t for t in m.targets if t.category not in cats)
    if a.place is None:
        a.place = m.place
    if m.date is not None and (a.date is None or (
            m.date.day is not None and a.date.day is None and a.date.earliest and
            a.date.latest and a.date.earliest <= m.date.day <= a.date.latest)):
        a.date = m.date                 # "last week" ... "on Friday"
    if a.killed is None:
        a.killed = m.killed
    if a.injured is None:
        a.injured = m.injured
    names = {p.name.lower() for p in a.perpetrators}
    a.perpetrators.extend(p for p in m.doers if p.name.lower() not in names)
    a.weapon = a.weapon or m.weapon


class Incidents:
    """Attacks being assembled, with what is known of how precisely each is placed."""

    def __init__(self) -> None:
        self.attacks: list[Attack] = []
        self.seen_in: list[int] = []
        self.vague: list[bool] = []
        self.weak: set[int] = set()
        self.aggregate: set[int] = set()
        self.last: Optional[int] = None
        self.elsewhere: list[list[PlaceRef]] = []   # places of the mentions' other acts
        self.parts: set[int] = set()        # placed in a part of a town, as precise as it gets

    def add(self, m: Mention, place: Optional[PlaceRef] = None) -> None:
        self.attacks.append(new_attack(m, place=place))
        self.seen_in.append(m.sent_index)
        self.elsewhere.append(list(m.other_places))
        p = place or m.place
        self.vague.append(p is None or p.name in m.vague)
        if p is not None and p.name in m.parts:
            self.parts.add(len(self.attacks) - 1)
        if not m.strong:
            self.weak.add(len(self.attacks) - 1)
        if m.aggregate:
            self.aggregate.add(len(self.attacks) - 1)
        self.last = len(self.attacks) - 1

    def place_ok(self, i: int, m: Mention) -> bool:
        a = self.attacks[i]
        if a.place is None or m.place is None or self.vague[i] or m.place.name in m.vague:
            return True
        if m.aggregate or " and " in a.place.name:     # a set of places is its own incident
            return key(a.place.name) == key(m.place.name)
        return same_place(a.place, m.place) or any(same_place(a.place, p) for p in m.places
                                                   if p.name not in m.vague)

    def absorb(self, i: int, m: Mention) -> None:
        a = self.attacks[i]
        absorb(a, m)
        if m.place is not None and m.place.name not in m.vague and (
                self.vague[i] or (m.place.within is not None and a.place is not None and
                                  same_place(m.place.within, a.place)) or
                (m.place.name in m.parts and i not in self.parts)):
            if m.place.name in m.parts:     # "in Rafah" ... "the attack on the X camp"
                self.parts.add(i)
            a.place, self.vague[i] = m.place, False      # "in Gaza" ... "in Beit Hanoun"
        self.seen_in[i] = m.sent_index
        self.elsewhere[i].extend(m.other_places)
        if m.strong:
            self.weak.discard(i)
        self.last = i

    def recent(self, m: Mention) -> list[int]:
        """Incidents *m* may join, the latest first."""
        return [i for i in range(len(self.attacks) - 1, -1, -1)
                if m.sent_index - self.seen_in[i] <= WINDOW and (
                    i not in self.aggregate or m.anaphoric or m.aggregate)]

    def join(self, m: Mention) -> Optional[int]:
        """Which incident *m* belongs to, if any."""
        recent = self.recent(m)
        last = self.last if self.last in recent else None
        if m.aggregate:
            return self._same_set(recent, m)
        same_toll = self._same_toll(recent, m)
        if same_toll is not None:
            return same_toll
        if m.place is not None and m.place.name not in m.vague:
            return self._placed(recent, last, m)
        return last if last is not None and self._continues(last, m) else None

    def _same_toll(self, recent: list[int], m: Mention) -> Optional[int]:
        """The incident with the same toll (a lede and its repeat: "56 killed in an air raid
        on a camp in X" ... "At least 56 people have been killed in Y's region")."""
        if m.killed is None or m.killed.count < 2:
            return None
        return next((i for i in recent if self.attacks[i].killed is not None and
                     self.attacks[i].killed.count == m.killed.count and
                     date_ok(self.attacks[i], m) and shares_target(self.attacks[i], m)), None)

    def _same_set(self, recent: list[int], m: Mention) -> Optional[int]:
        if m.place is None:
            return None
        return next((i for i in recent if self.attacks[i].place is not None and
                     key(self.attacks[i].place.name) == key(m.place.name)), None)

    def _placed(self, recent: list[int], last: Optional[int], m: Mention) -> Optional[int]:
        """A mention with a precise place: the incident there, or the vaguely placed one
        just before it places, or one of the same day and target, or the one it names back."""
        atts = self.attacks
        found = next((i for i in recent if atts[i].place is not None and not self.vague[i] and
                      same_place(atts[i].place, m.place) and date_ok(atts[i], m)), None)
        if found is None:
            found = next((i for i in recent if atts[i].place is not None and not self.vague[i]
                          and self.place_ok(i, m) and date_ok(atts[i], m)), None)
        if found is None and last is not None and last not in self.weak and \
                self.vague[last] and date_ok(atts[last], m) and \
                (shares_target(atts[last], m) or m.anaphoric):
            found = last
        if found is None and m.date is not None and m.date.day is not None:
            found = next((i for i in recent if same_day(atts[i], m) and
                          specific_overlap(atts[i], m) and self.place_ok(i, m)), None)
        if found is None and m.anaphoric and last is not None and \
                specific_overlap(atts[last], m) and date_ok(atts[last], m):
            found = last                # "The explosion at the Al-Ahli hospital"
            if FACILITY_RE.search(m.place.name):
                self.vague[last] = True  # the facility names the place more precisely
        if found is None and m.definite and m.place.name in m.parts:
            found = next((i for i in recent if i not in self.weak and date_ok(atts[i], m) and
                          shares_target(atts[i], m)), None)   # "the attack on the X camp"
        return found

    def _continues(self, last: int, m: Mention) -> bool:
        """A mention with no precise place goes on with the incident just mentioned."""
        a = self.attacks[last]
        if not (date_ok(a, m) and self.place_ok(last, m)):
            return False
        return m.anaphoric or m.supplementary or (m.date is not None and a.date is None) or \
            same_day(a, m) or (m.strong and m.date is None and shares_target(a, m)) or \
            (not m.strong and specific_overlap(a, m))   # "The hospital had been hit ..."

    def completed(self) -> list[Attack]:
        """The incidents some strong mention made; one that no words place is placed where
        its mentions' other acts are ("witnesses in Grozny described a rocket assault")."""
        out = []
        for i, a in enumerate(self.attacks):
            if i in self.weak:
                continue
            if a.place is None and self.elsewhere[i]:
                a.place = self.elsewhere[i][0]
            out.append(a)
        return out


def _split(ctx: ArticleContext, inc: Incidents, m: Mention) -> bool:
    """"missile strikes on the cities of Mingachevir and Terter": one incident per place;
    "killing 44 people in Nondin and 179 in Soro": one per place, each with its toll; "six
    attacks in Homs, Idlib and Aleppo": the set is the place.  True when done."""
    precise = sorted([p for p in m.places if p.name not in m.vague], key=lambda p: p.span.start)
    paired = _tolls_by_place(m, precise)
    if paired:
        for place, toll in paired:
            _place_part(inc, replace(m, place=place, places=[place], killed=toll, injured=None))
        return True
    groups = conj_places(ctx.article.text, precise) if precise else []
    groups.sort(key=len, reverse=True)
    if not groups or len(groups[0]) < 2:
        return False
    group = groups[0]
    if m.split and m.strong:            # one toll for all: no place's own
        for place in group:
            _place_part(inc, replace(m, place=place, places=[place], killed=None, injured=None))
        return True
    first, final = group[0], group[-1]
    m.place = PlaceRef(name=ctx.article.text[first.span.start:final.span.end],
                       span=Span(first.span.start, final.span.end))
    return False


def _tolls_by_place(m: Mention, places: list[PlaceRef]) -> list:
    """(place, toll) when each of two or more places has a toll of its own, each toll just
    before its place or each just after ("killing 44 people in Nondin, and 179 people in
    nearby Soro")."""
    tolls = [f for f in m.figures if f.casualty == "killed"]
    if len(places) < 2 or len(tolls) != len(places):
        return []
    marks = sorted([(p.span.start, "p") for p in places] + [(f.span.start, "f") for f in tolls])
    kinds = "".join(k for _, k in marks)
    if kinds not in ("fp" * len(places), "pf" * len(places)):
        return []
    return [(p, f.figure) for p, f in zip(places, tolls)]


def _place_part(inc: Incidents, m: Mention) -> None:
    """One place of a sentence naming several: the incident there, or a new one."""
    found = inc.join(m)
    if found is not None and inc.attacks[found].place is not None and \
            same_place(inc.attacks[found].place, m.place):
        inc.absorb(found, m)
    else:
        inc.add(m)


def find_attacks(ctx: ArticleContext, claims: list[Claim]) -> list[Attack]:
    """The incidents the article reports, in order of first mention."""
    inc = Incidents()
    for m in mentions(ctx):
        if _split(ctx, inc, m):
            continue
        target = inc.join(m)
        if target is not None:
            inc.absorb(target, m)
        elif not m.supplementary:       # an addition with nothing to add to is dropped
            inc.add(m)
    return inc.completed()
