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
from datetime import date, timedelta
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.agents import make_agent
from kg.extract.harm import doers_of, harm_kind, pronoun_attacker, shot_down
from kg.extract.syntax import is_negated, tokens_span
from kg.extract.context import ArticleContext
from kg.extract.dates import DateMention, find_dates
from kg.extract.numbers import FigureMention, find_figures
from kg.gazetteer import BODIES, CAPITALS, STATE_NAMES
from kg.model import AgentRef, Attack, Claim, DateRef, Figure, PlaceRef, Span, TargetRef

#: Words that name a state (places too large to be where an attack happened).
COUNTRY_WORDS = frozenset((set(STATE_NAMES) - CAPITALS) |
                          {"congo", "drc", "dr congo", "america", "britain"})
#: the words before a space in a country name ("dr" of "dr congo"): `x in _COUNTRY_STARTS` is
#: ``any(c.startswith(x + " ") for c in COUNTRY_WORDS)``, without the scan
_COUNTRY_STARTS = frozenset(c[:i] for c in COUNTRY_WORDS for i, ch in enumerate(c) if ch == " ")

PLACE_ENTS = ("GPE", "LOC", "FAC")
_TARGET_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in L.TARGET_TERMS),
                                                 key=len, reverse=True)) + r")\b", re.I)
_ANAPHORA = re.compile(r"\b(the|that|this|such|these|those)\s+(\w+\s+)?(attacks?|strikes?|"
                       r"air ?strikes?|shelling|bombing|bombardment|explosion|blast|raid|"
                       r"incident|massacre|assault|event|disaster)\b", re.I)
_DEFINITE = re.compile(r"\b(the|that|this)\s+[\"“‘']?(\w+\s+)?(attack|strike|air ?strike|shelling|"
                       r"bombing|bombardment|explosion|blast|raid|incident|massacre|assault)\b"
                       r"(?!\s+(of|on|against)\b)", re.I)
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
    vague: set = field(default_factory=set)     # names of places that only roughly locate it
    date: Optional[DateRef] = None
    killed: Optional[Figure] = None
    injured: Optional[Figure] = None
    doers: list[AgentRef] = field(default_factory=list)
    ambiguous: bool = False
    anaphoric: bool = False
    strong: bool = False
    weapon: Optional[str] = None
    aggregate: bool = False
    supplementary: bool = False     # adds figures or targets to the incident just mentioned
    split: bool = False             # "strikes on X and Y": one attack per place


_RECEIVING = frozenset("receive treat admit accept".split())


def _targets(sent) -> list[TargetRef]:
    """Protected objects and people a sentence names, each category once; a hospital that
    receives the wounded is where victims went, not what was hit."""
    text = sent.doc.user_data["kg_text"]
    at = {t.idx: t for t in sent}
    out, seen = [], set()
    for m in _TARGET_RE.finditer(text, sent.start_char, sent.end_char):
        tok = at.get(m.start())
        last = at.get(m.end() - len(m.group(1).split()[-1])) or tok
        if last is not None and last.dep_ in ("nsubj", "nsubjpass") and \
                last.head.lemma_.lower() in _RECEIVING:
            continue
        if tok is not None and (_in_organisation_name(tok, last) or _locating(last)):
            continue
        if last is not None and last.lemma_.lower() in ("village", "town") and (
                (last.dep_ == "compound" and last.head.lemma_.lower() in L.TARGET_TERMS) or
                any(c.dep_ in ("compound", "nmod") and c.text[:1].isupper()
                    for c in last.children)):
            continue                    # "a village school", "Let Yet Kone village": where
        cat = L.TARGET_TERMS[m.group(1).lower()]
        if cat not in seen:
            seen.add(cat)
            out.append(TargetRef(category=cat, span=Span(m.start(), m.end())))
    return out


_ORG_HEADS = frozenset("""
coalition committee union association alliance federation foundation fund society league
campaign council network institute organisation organization agency authority ministry
group movement monitor trust project initiative
""".split())


def _in_organisation_name(tok, last) -> bool:
    """A target word inside the name of a body ("according to the Protect Schools Coalition",
    "the Hospital Workers Union"), not at its end ("Al-Shifa Hospital" is a target)."""
    if last.ent_type_ == "ORG" and last.ent_iob_ != "" and \
            last.i + 1 < len(last.doc) and last.doc[last.i + 1].ent_iob_ == "I":
        return True
    head = last
    while head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ == "PROPN" and \
            head.head.i > head.i:
        head = head.head
    return head is not last and head.lemma_.lower() in _ORG_HEADS and tok.text[:1].isupper()


def _locating(tok) -> bool:
    """"(a school) in the village of Zarvanytsia": the village says where, it is not hit."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "near", "at", "outside", "of"):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.text[:1].isupper())
        for o in c.children) for c in tok.children)


def _is_country(name: str) -> bool:
    return name.lower().replace("’s", "").replace("'s", "").strip() in STATE_NAMES


_REGION = re.compile(r"\b(province|state|region|district|governorate|territory|county|"
                     r"oblast|prefecture|department|strip|valley)\b", re.I)
_DIRECTION = re.compile(r"\b(north|south|east|west|northern|southern|eastern|western|"
                        r"central|north-?western|north-?eastern|south-?western|"
                        r"south-?eastern|upper|lower)\s*$", re.I)
_FACILITY = re.compile(r"\b(hospital|school|market|mosque|church|university|camp|station|"
                       r"clinic|centre|center|bakery|shelter|compound)\b", re.I)


def _place_score(ent_label: str, head, name: str, text: str, start: int) -> int:
    """How specific and how tied to the attack a place is: the place of a target or an
    attack ("a market in Ariha", "the shelling of Ganja") beats a region around it."""
    score = {"FAC": 2, "GPE": 1, "LOC": 0}.get(ent_label, 1)
    if _FACILITY.search(name):
        score += 2
    h = head
    if h is not None and h.dep_ == "pobj" and h.head.dep_ == "prep":
        gov = h.head.head
        if gov.lemma_.lower() in L.TARGET_TERMS or gov.lower_ in L.TARGET_TERMS or \
                gov.lemma_.lower() in L.EVENT_NOUNS or gov.lemma_.lower() in L.ATTACK_VERBS \
                or gov.lemma_.lower() in ("city", "town", "village", "area", "neighbourhood",
                                          "neighborhood", "cities", "towns"):
            score += 3
    if _REGION.search(name) or _DIRECTION.search(text[max(0, start - 12):start]):
        score -= 2
    return score


_PLACE_NOUNS = frozenset("""
neighbourhood neighborhood district quarter village town city area camp suburb
""".split())
_NOT_PLACE_HEADS = frozenset("""
program programme director division desk bureau head chief department ministry office affairs
studies institute center centre minister secretary envoy representative committee council
commission agency news channel
""".split())


def _in_other_name(tok) -> bool:
    """Is this place name part of a title or an organisation ("Middle East programme",
    "director of the Middle East")?"""
    t, n = tok, 0
    while n < 6 and t.head.i != t.i:
        if t.dep_ in ("compound", "amod", "nmod", "conj", "pobj", "prep", "appos"):
            t = t.head
            n += 1
            if t.pos_ == "NOUN" and t.lemma_.lower() in _PLACE_NOUNS | _TOWN_NOUNS:
                return False            # "a neighbourhood of Kabul": a place, whatever holds it
            if t.pos_ == "NOUN" and t.lemma_.lower() in _NOT_PLACE_HEADS and not (
                    t.lower_ in ("centre", "center") and t.text.islower()):
                return True             # (a lower-case "detention centre" is a building)
            if t.pos_ in ("VERB", "AUX"):
                return False
        else:
            return False
    return False


_PLACE_PREP_WORDS = ("in", "at", "on", "into", "inside", "to", "across", "throughout",
                     "near", "outside", "around", "of", "from")
_LANDMARK_PREPS = ("near", "outside", "around", "from")
_MOTION = frozenset("return go travel arrive come head rush drive fly march move".split())
#: Prepositions that locate: a name after them is a place whatever the tagger thinks.
_LOCATIVE = ("in", "at", "inside", "into", "near", "outside", "around", "across",
             "throughout")
_TOWN_NOUNS = frozenset("town city village cities towns villages".split())
_NOT_PLACE_ENTS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT",
                   "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT")


#: Labels the small model gives to town names it does not know ("Odesa": a language)
_SOFT_ENTS = ("LANGUAGE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT")


def _name_tokens(tok) -> list:
    """A proper name ending at *tok*: its chain of proper-noun compounds ("Beit Hanoun")."""
    toks = [tok]
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i == toks[0].i - 1:
            toks.insert(0, c)
        elif c.i == toks[0].i - 1 and c.text in ("-", "al", "Al", "el", "El"):
            toks.insert(0, c)
    while len(toks) > 1 and toks[0].text in ("-",):
        toks.pop(0)
    return toks


def _candidate(tok):
    """(name tokens, score, vague) when *tok* names a place where an attack happened."""
    if not any(ch.isalpha() for ch in tok.text):
        return None                     # a dash or a number the tagger took for a name
    named = tok.pos_ == "PROPN" or (     # "the village of Let ...", whatever its tag
        tok.text[:1].isupper() and tok.is_alpha and tok.dep_ == "pobj" and
        tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _TOWN_NOUNS)
    town_of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
        tok.head.head.lemma_.lower() in _TOWN_NOUNS | _PLACE_NOUNS
    if town_of and tok.ent_type_ in _SOFT_ENTS:
        pass                            # "the port city of Odesa", tagged a language
    elif not named or tok.ent_type_ in _NOT_PLACE_ENTS or tok.dep_ == "compound" and \
            tok.head.pos_ == "PROPN":
        return None
    if any(t.ent_id_ for t in _name_tokens(tok)):
        return None                     # a body the gazetteer knows ("Amnesty ... Report")
    head = tok.head
    score, vague = 1, False
    toks = _name_tokens(tok)
    motion = head.lower_ == "to" and head.head.lemma_.lower() in _MOTION
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") and tok.dep_ == "pobj" and \
            head.lower_ not in _LOCATIVE and not motion and \
            head.head.lemma_.lower() not in _PLACE_NOUNS | _TOWN_NOUNS | L.EVENT_NOUNS:
        if tok.ent_type_ != "NORP" or tok.lower_ in STATE_NAMES:
            return None                 # "according to Mohammed Amin", "the Liberation Tigers"
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") or tok.dep_ == "pobj":
        prep = head.lower_
        if prep not in _PLACE_PREP_WORDS:
            return None
        gov = head.head
        glow = gov.lemma_.lower()
        if glow in L.REPORTING_VERBS or glow in L.DENY_VERBS:
            return None                 # "told reporters in Geneva": where it was said
        if prep == "of" and glow not in _PLACE_NOUNS | _TOWN_NOUNS | L.EVENT_NOUNS | {
                "province", "region", "governorate", "state", "outskirts", "centre", "center",
                "north", "south", "east", "west", "part", "parts", "shelling", "bombing"}:
            return None
        if prep == "of" and glow in ("region", "province", "governorate", "state"):
            vague = True                # "the western region of Darfur"
        if prep == "of" and glow in _TOWN_NOUNS | _PLACE_NOUNS:
            nxt = toks[-1].i + 1        # "the village of Let Yet Kone": the whole name, what
            while nxt < tok.sent.end and tok.doc[nxt].text[:1].isupper() and \
                    tok.doc[nxt].is_alpha and tok.doc[nxt].pos_ not in (
                        "ADP", "DET", "PRON", "AUX") and \
                    tok.doc[nxt].ent_type_ not in _NOT_PLACE_ENTS:   # ever the tagger made
                toks = toks + [tok.doc[nxt]]                        # of its words
                toks = toks + [tok.doc[nxt]]
                nxt += 1
        if prep == "to" and glow in ("transport", "take", "move", "evacuate", "bring", "send",
                                     "transfer", "flee", "refer", "drive", "carry"):
            return None                 # "transporting the wounded to the town of Melit"
        if prep in _LANDMARK_PREPS:
            score, vague = score - 2, True
        glemma = gov.lemma_.lower()
        if glemma in L.TARGET_TERMS or gov.lower_ in L.TARGET_TERMS or glemma in L.EVENT_NOUNS \
                or glemma in L.ATTACK_VERBS or glemma in _PLACE_NOUNS | _TOWN_NOUNS:
            score += 3
    elif tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        noun = head.lower_
        if tok.ent_type_ == "NORP" and noun in _PLACE_NOUNS | _TOWN_NOUNS:
            return None                 # "a Shi'ite neighbourhood": who lives there
        if noun in _PLACE_NOUNS | _TOWN_NOUNS:
            while toks[0].i > tok.sent.start + 1:     # "Let Yet Kone village": the whole
                prev = tok.doc[toks[0].i - 1]         # run of capitalised words before it
                if not (prev.is_alpha and prev.text[:1].isupper()) or prev.ent_type_ in (
                        "NORP", "DATE", "TIME") or prev.pos_ in ("DET", "PRON", "ADP"):
                    break
                toks = [prev] + toks
        if noun in _PLACE_NOUNS:
            score += 3
        elif noun in _TOWN_NOUNS:
            score += 2
        elif _FACILITY.search(noun):
            name = " ".join(t.text for t in toks).lower()
            if name in BODIES or name in STATE_NAMES or (len(name) <= 4 and name.upper() ==
                                                         " ".join(t.text for t in toks)):
                return None             # "a UN school", "IDP camps": who runs it, not where
            toks = toks + [head]        # "Tora market": the facility is the place
            score += 3
        elif _REGION.search(noun):
            score, vague = score - 1, True   # "Idlib province"
        else:
            return None
    elif tok.dep_ in ("conj", "appos") and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG",
                                                             "NORP", "PERSON"):
        pass                            # judged with the place it is joined to
    elif tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.dep_ not in ("nsubj", "poss"):
        score -= 1                      # ("Kordania denied ...", "Russia's jets": parties)
    else:
        return None
    if tok.ent_type_ == "GPE":
        score += 1
    return toks, score, vague


def _places(sent) -> tuple[list[PlaceRef], set[str]]:
    """Places a sentence names, the most specific and best tied to an attack first, and
    the names of those that only roughly locate it (a region, "near X").

    Parsed from the syntax ("in X", "the city of X", "X market", "X and Y"), since the
    statistical tagger often labels small towns as organisations or people."""
    text = sent.doc.user_data["kg_text"]
    found: dict[int, tuple[int, bool, PlaceRef]] = {}
    for tok in sent:
        got = None
        if tok.dep_ in ("conj", "appos"):
            if tok.head.i in found and tok.pos_ == "PROPN":
                base = found[tok.head.i]
                toks = _name_tokens(tok)
                if tok.dep_ == "appos" and not _REGION.search(" ".join(t.text for t in toks)):
                    continue
                got = (toks, base[0] - (3 if tok.dep_ == "appos" else 0), base[1])
        else:
            got = _candidate(tok)
        if not got:
            continue
        toks, score, vague = got
        name = " ".join(t.text for t in toks) if len(toks) > 1 else toks[0].text
        name = text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        name = re.sub(r"^(the|The)\s+", "", name)
        name = re.sub(r"[’']s$", "", name).strip(" ,.")
        low = name.lower()
        if re.fullmatch(r"[A-Z]{2,4}", name) and tok.ent_type_ != "GPE":
            continue                    # "IDP", "AFP": acronyms, not places
        if not name or low in COUNTRY_WORDS or low in BODIES or _in_other_name(tok) or (
                low in CAPITALS and not (tok.dep_ == "pobj" and tok.head.lower_ in
                                         _LOCATIVE + ("on", "of"))) or \
                name.lower() in L.TARGET_TERMS or low in _COUNTRY_STARTS:
            continue
        start = toks[0].idx
        if _REGION.search(name) or _DIRECTION.search(text[max(0, start - 12):start]) or \
                re.search(r"[’']s\s*$", text[max(0, start - 20):start]) and \
                text[max(0, start - 20):start].split()[-1].lower().rstrip("’'s") in COUNTRY_WORDS:
            score, vague = score - 2, True
        found[tok.i] = (score, vague, PlaceRef(name=name, span=Span(start, toks[-1].idx +
                                                                   len(toks[-1].text))))
    spans = [v[2].span for v in found.values()]
    found = {k: v for k, v in found.items() if not any(   # "Let" inside "Let Yet Kone"
        o.start <= v[2].span.start and v[2].span.end <= o.end and o != v[2].span
        for o in spans)}
    ranked = sorted(found.values(), key=lambda x: (-x[0], x[2].span.start))
    in_text = sorted((p for _, _, p in ranked), key=lambda p: p.span.start)
    for a, b in zip(in_text, in_text[1:]):
        between = text[a.span.end:b.span.start]
        listed = len(between) <= 3 and bool(re.search(
            r"\b(and|or)\b", text[b.span.end:b.span.end + 30]))
        if a.within is None and not listed and (
                len(between) <= 3 or re.fullmatch(r"\s*(\w+\s+){0,2}(in|of)\s+(the\s+)?",
                                                  between)):
            a.within = b
    within = {id(p.within) for p in in_text if p.within is not None}
    ranked.sort(key=lambda x: (-x[0] + (2 if id(x[2]) in within else 0), x[2].span.start))
    return [p for _, _, p in ranked], {p.name for _, v, p in ranked if v}


def _conj_places(sent, places: list[PlaceRef]) -> list[list[PlaceRef]]:
    """Groups of places joined by "and"/"or" ("Homs, Idlib and Aleppo")."""
    groups, used = [], set()
    for i, p in enumerate(places):
        if i in used:
            continue
        group = [p]
        for j in range(i + 1, len(places)):
            between = sent.doc.user_data["kg_text"][group[-1].span.end:places[j].span.start]
            if group[-1].within is places[j] or _REGION.search(places[j].name):
                continue                 # "Ariha, Idlib province": where, not another place
            if places[j].span.start > group[-1].span.end and re.fullmatch(
                    r"\s*(,|and|or|, and|,\s*and)\s*", between):
                group.append(places[j])
                used.add(j)
        used.add(i)
        groups.append(group)
    return groups


_CAMPAIGN = frozenset("campaign campaigns operation operations offensive war intervention".split())


def _specific(tok) -> bool:
    """A named or definite object ("the Tavi market", "a school in Varna"), not a class of
    people or things ("civilians", "hospitals")."""
    return any(t.pos_ == "PROPN" for t in tok.subtree) or any(
        c.lower_ in ("the", "this", "that", "a", "an") for c in tok.children if c.dep_ == "det")


def _triggers(sent) -> list:
    """The tokens of *sent* that may name one incident (worked out once per sentence: the
    incidents and the article's own voice both ask)."""
    cache = sent.doc.user_data.get("kg_triggers")
    if cache is None:
        cache = sent.doc.user_data["kg_triggers"] = {}
    found = cache.get((sent.start, sent.end))
    if found is None:
        found = cache[(sent.start, sent.end)] = tuple(t.i for t in _find_triggers(sent))
    doc = sent.doc
    return [doc[i] for i in found]


def _find_triggers(sent) -> list:
    out = []
    for t in sent:
        if not _trigger_word(t):
            continue
        # the cheap tests first: this one walks the tree, for the few candidates only
        if any(a.lemma_.lower() in _CAMPAIGN for a in list(t.ancestors)[:2]) or any(
                c.lemma_.lower() in _CAMPAIGN for c in t.children):
            continue                    # "its campaign of air strikes": not one incident
        if _denied_practice(t):
            continue                    # "denied targeting civilians": no incident
        if t.pos_ == "NOUN" and t.head.lower_ == "of" and \
                t.head.head.lemma_.lower() in L.ALLEGATION_NOUNS and not _specific(t):
            continue                    # "claims of civilian casualties were fabricated"
        out.append(t)
    return out


def _denied_practice(t) -> bool:
    """A verb under a denial with no named object ("denied targeting civilians")."""
    if t.pos_ != "VERB" or t.dep_ not in ("xcomp", "pcomp", "dobj", "ccomp"):
        return False
    head = t.head.lemma_.lower()
    if head not in L.DENY_VERBS and not (head == "of" and
                                         t.head.head.lemma_.lower() in L.DENY_VERBS):
        return False
    return not any(c.dep_ in ("dobj", "nsubjpass") and _specific(c) for c in t.children)


def _trigger_word(t) -> bool:
    """A verb or noun of attack or harm that may name one incident."""
    lemma = t.lemma_.lower()
    if lemma == "set" and t.pos_ == "VERB" and not is_negated(t) and any(
            c.lower_ in ("fire", "ablaze", "alight") for c in t.children):
        return True                     # "set fire to the clinic"
    if t.pos_ == "VERB" and (lemma in L.ATTACK_VERBS or lemma in L.CASUALTY_VERBS) and \
            not is_negated(t) and not shot_down(t) and \
            not any(c.lower_ in ("would", "will") for c in t.children):
        # "the wounded", "the injured": people, not an act
        return not (t.tag_ == "VBN" and any(c.lower_ == "the" and c.dep_ == "det"
                                            for c in t.children))
    if t.pos_ in ("NOUN", "PROPN") and lemma in L.EVENT_NOUNS:
        return True
    if t.lower_ in ("incident", "shells", "missiles", "rockets") and t.pos_ == "NOUN":
        return True
    return t.pos_ == "NOUN" and t.lower_ in ("deaths", "casualties", "dead", "bodies") and \
        t.head.lemma_.lower() not in ("treat", "handle", "cope", "care", "receive")


_DAYS_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7}
_STEP = re.compile(r"\b(?:(?P<n>a|one|two|three|four|five|six|seven|\d)\s+days?\s+"
                   r"(?P<dir>later|afterwards|after that|earlier|before that)|(?:the|that)\s+"
                   r"(?P<rel>next|following|previous|same)\s+day|the\s+day\s+"
                   r"(?P<rel2>after|before))\b", re.I)


def _step_from_last(text: str, start: int, end: int, last: date) -> Optional[DateMention]:
    """ "Two days later", "the next day", "the day before": a day counted from the incident
    dated just before (the publication date is no help here)."""
    m = _STEP.search(text, start, end)
    if m is None:
        return None
    if m.group("n"):
        n = int(m.group("n")) if m.group("n").isdigit() else _DAYS_WORDS[m.group("n").lower()]
        n = n if m.group("dir").lower() in ("later", "afterwards", "after that") else -n
    elif (m.group("rel") or "").lower() == "same":
        n = 0                           # "a separate strike ... the same day"
    else:
        n = 1 if (m.group("rel") or m.group("rel2")).lower() in ("next", "following",
                                                                  "after") else -1
    day = last + timedelta(days=n)
    span = Span(m.start(), m.end())
    return DateMention(span=span, ref=DateRef(earliest=day, latest=day, precision="day",
                                              span=span), relative=False)


def _reporting_date(ctx: ArticleContext, span: Span) -> bool:
    """Does the date attach to a verb of saying ("said on Thursday", "on Friday said")
    rather than to what is said ("said the school was hit on Thursday")?"""
    toks = ctx.tokens(span)
    if toks:
        h = toks[0].head
        while h.head.i != h.i and h.dep_ not in ("ROOT",):
            if h.lemma_.lower() in L.REPORTING_VERBS and h.pos_ == "VERB":
                break
            h = h.head
        comp = [c for c in h.children if c.dep_ in ("ccomp", "xcomp")]
        if comp and h.lemma_.lower() in L.REPORTING_VERBS and any(
                toks[0].idx >= c.left_edge.idx for c in comp if c.left_edge.i > h.i):
            return False            # inside what is said
    for t in toks:
        h = t.head
        while h in toks and h.head.i != h.i:
            h = h.head
        if h not in toks:
            if h.lemma_.lower() in L.REPORTING_VERBS | L.DENY_VERBS | L.ACCUSE_VERBS:
                return True
            if h.dep_ == "prep" and h.head.lemma_.lower() in L.REPORTING_VERBS:
                return True
            if h.lemma_.lower() in _STATEMENT_NOUNS or (
                    h.dep_ == "prep" and h.head.lemma_.lower() in _STATEMENT_NOUNS):
                return True             # "in a statement in September", "at a briefing on"
            return False
    return False


_STATEMENT_NOUNS = frozenset("statement briefing interview conference communique communiqué "
                             "announcement tweet post".split())


def _doers(ctx: ArticleContext, sent, si: int, triggers) -> tuple[list[AgentRef], bool]:
    out: list[AgentRef] = []
    ambiguous = False

    def add(tok):
        if tok.ent_type_ in ("DATE", "TIME", "FAC", "LOC", "CARDINAL") or (
                tok.ent_type_ == "GPE" and tok.lower_ not in STATE_NAMES) or \
                tok.lower_.rstrip("’'s") in L.CALENDAR or any(
                    _FACILITY.search(a.text) and a.pos_ == "NOUN" for a in list(tok.ancestors)[:3]
                    if a.i > tok.i):
            return
        agent = make_agent(tok, ctx, si, remember=False)
        if agent is not None and tok.pos_ == "PRON":
            agent = pronoun_attacker(ctx, si, tok, agent)
        if agent is not None and agent.name.lower() not in {a.name.lower() for a in out} \
                and agent.kind != "witness" and not _FACILITY.search(agent.name):
            out.append(agent)

    for t in triggers:
        doers_of(t, add)
    for t in sent:   # "Russian or Syrian aircraft": alternatives
        if t.lower_ == "or" and t.dep_ == "cc" and t.head.ent_type_ == "NORP":
            ambiguous = True
    return out, ambiguous


def _mentions(ctx: ArticleContext) -> list[Mention]:
    text = ctx.article.text
    published = ctx.article.published
    out: list[Mention] = []
    last_day: Optional[date] = None     # of the last incident dated to the day
    for si, sent in enumerate(ctx.doc.sents):
        kind = ctx.line_kind(sent.start_char)
        if kind in ("boilerplate", "blank", "headline") or not sent.text.strip():
            continue
        if out and out[-1].date is not None and out[-1].date.day is not None:
            last_day = out[-1].date.day
        triggers = _triggers(sent)
        figures = _summed(text, find_figures(text, sent.start_char, sent.end_char))
        if not triggers and not any(f.casualty for f in figures):
            continue
        targets = _targets(sent)
        places, vague = _places(sent)
        dates = [d for d in find_dates(text, published, sent.start_char, sent.end_char)
                 if not _reporting_date(ctx, d.span) and d.ref.earliest is not None and
                 d.ref.latest is not None and (d.ref.latest - d.ref.earliest).days <= 366]
        if not dates and last_day is not None:
            step = _step_from_last(text, sent.start_char, sent.end_char, last_day)
            if step is not None:
                dates = [step]          # "Two days later, a second strike hit ..."
        if triggers and len(dates) > 1:
            at = triggers[0].idx
            dates.sort(key=lambda d: (d.ref.precision != "day", abs(d.span.start - at)))
        killed = next((f.figure for f in figures if f.casualty == "killed"), None)
        injured = next((f.figure for f in figures if f.casualty == "injured"), None)
        if killed is None:
            killed = next((f.figure for f in figures if f.casualty is None), None)
        anaphoric = bool(_DEFINITE.search(sent.text))
        has_harm = killed is not None or injured is not None or bool(targets)
        dated = any(d.ref.precision in ("day", "month") for d in dates)
        specific = any(t.category != "civilians" for t in targets)
        aggregate = bool(re.search(r"\b(\w+) (attacks|strikes|air ?strikes|assaults)\b",
                                   sent.text)) and bool(places) and any(
            t.like_num and t.head.lemma_.lower() in L.EVENT_NOUNS for t in sent)
        if anaphoric and triggers:      # "The strike comes days after the army took the
            places = [p for p in places  # palace in Khartoum": that place is the other act's
                      if not _placed_by_other_act(ctx, p, triggers)]
        precise = [p for p in places if p.name not in vague]
        doers, ambiguous = _doers(ctx, sent, si, triggers)
        strong = bool(triggers or figures) and (has_harm or aggregate) and bool(
            precise or dated or anaphoric or aggregate or ((killed or injured) and specific))
        weak = bool(triggers) and bool(places or dates) and not strong
        extra = bool(triggers or figures) and has_harm and not strong and not weak
        if not precise and re.search(r"\b(strikes|attacks|raids|shellings|bombings)\b",
                                     sent.text) and any(
                t.dep_ == "nummod" and t.head.lemma_.lower() in L.TARGET_TERMS and
                t.lower_ not in ("one", "a", "1") for t in sent):
            continue                # "strikes on two crowded markets in the region killed
                                    # 52": several incidents summed, each told apart later
        if _COUNTING.match(sent.text):
            continue                # "It was the fourth strike on a school in a week": this
                                    # incident counted among others, no new one
        if _HABITUAL.search(sent.text) and not precise and not any(
                d.ref.precision == "day" for d in dates):
            continue                # "has repeatedly bombed schools since the coup": a practice
        if not (strong or weak or extra):
            continue
        span = tokens_span(list(sent), text) or Span(sent.start_char, sent.end_char)
        weapon = _WEAPONS.search(text, sent.start_char, sent.end_char)
        m = Mention(span=span, sent_index=si, targets=targets, places=places, vague=vague,
                    place=places[0] if places else None,
                    date=dates[0].ref if dates else None, killed=killed, injured=injured,
                    doers=doers, ambiguous=ambiguous, anaphoric=anaphoric, strong=strong,
                    weapon=weapon.group(0).lower() if weapon else None)
        m.aggregate = aggregate
        m.supplementary = extra
        m.split = bool(re.search(r"\b(strikes|attacks|raids|shellings|bombings)\b", sent.text)) \
            and not aggregate
        out.append(m)
    return out


_COUNTING = re.compile(r"\s*(it|this|that)\s+(was|is|marks|marked|became)\s+(the\s+|at\s+least\s+"
                       r"the\s+)?(\w+\s+)?(second|third|fourth|fifth|sixth|seventh|eighth|"
                       r"ninth|tenth|latest|\d+(st|nd|rd|th))\b", re.I)
_HABITUAL = re.compile(r"\b(repeatedly|routinely|systematically|regularly|time and again|"
                       r"since (the|early|late|\d{4}|\w+ \d{4})|over the (past|last)|"
                       r"in recent (weeks|months|years))\b", re.I)


_AND = re.compile(r"\s*,?\s+and\s+")


def _summed(text: str, figures: list) -> list:
    """Counts of one harm joined by "and" are one toll: "killing 30 civilians and 4
    policemen" killed 34 (ranges are left apart: their sum would say more than the text)."""
    out = []
    for f in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.casualty is not None and f.casualty == prev.casualty and \
                prev.figure.upper is None and f.figure.upper is None and \
                _AND.fullmatch(text, prev.span.end, f.span.start):
            a, b = prev.figure, f.figure
            quals = {a.qualifier, b.qualifier}
            qualifier = a.qualifier if len(quals) == 1 else (
                "at_least" if quals & {"at_least", "more_than"} and
                quals <= {"at_least", "more_than", "exact"} else "approximately")
            span = Span(prev.span.start, f.span.end)

            def add(x, y):
                return None if x is None and y is None else (x or 0) + (y or 0)
            out[-1] = FigureMention(span=span, casualty=f.casualty, number=prev.number,
                                    figure=Figure(count=a.count + b.count, qualifier=qualifier,
                                                  children=add(a.children, b.children),
                                                  women=add(a.women, b.women), span=span))
            continue
        out.append(f)
    return out


def _placed_by_other_act(ctx: ArticleContext, place: PlaceRef, triggers) -> bool:
    """Is *place* where another act of the sentence happened (its words hang on a verb that
    is not one of the attack's) rather than where the attack or its target is?"""
    toks = ctx.tokens(place.span)
    if not toks:
        return False
    ids = {t.i for t in triggers}
    inside = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in inside), toks[0])
    h, hops = top.head, 0
    while h.head.i != h.i and hops < 8:
        if h.i in ids or h.lemma_.lower() in L.TARGET_TERMS:
            return False
        if h.pos_ in ("VERB", "AUX"):
            # "The attack took place in X": the verb of the attack itself
            return not any(c.dep_ in ("nsubj", "nsubjpass") and (
                c.i in ids or c.lemma_.lower() in L.EVENT_NOUNS) for c in h.children)
        h, hops = h.head, hops + 1
    return False


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
    """Add what a further mention of the same incident says."""
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


def _shares_target(a: Attack, m: Mention) -> bool:
    cats = {t.category for t in a.targets} - {"civilians"}
    mcats = {t.category for t in m.targets} - {"civilians"}
    return not mcats or not cats or bool(cats & mcats)


def _specific_overlap(a: Attack, m: Mention) -> bool:
    cats = {t.category for t in a.targets} - {"civilians"}
    return bool(cats & ({t.category for t in m.targets} - {"civilians"}))


def _date_ok(a: Attack, m: Mention) -> bool:
    return not (a.date and m.date and a.date.day and m.date.day and a.date.day != m.date.day)


def _same_place(x: PlaceRef, y: PlaceRef) -> bool:
    kx, ky = _key(x.name), _key(y.name)
    if kx == ky:
        return True
    wx, wy = set(kx.split()), set(ky.split())
    return wx <= wy or wy <= wx or (x.within is not None and _key(x.within.name) == ky) or \
        (y.within is not None and _key(y.within.name) == kx)


class _Incidents:
    """Attacks being assembled, with what is known of how precisely each is placed."""

    def __init__(self) -> None:
        self.attacks: list[Attack] = []
        self.seen_in: list[int] = []
        self.vague: list[bool] = []
        self.weak: set[int] = set()
        self.aggregate: set[int] = set()
        self.last: Optional[int] = None

    def add(self, m: Mention, place: Optional[PlaceRef] = None) -> None:
        self.attacks.append(_new_attack(m, place=place))
        self.seen_in.append(m.sent_index)
        p = place or m.place
        self.vague.append(p is None or p.name in m.vague)
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
            return _key(a.place.name) == _key(m.place.name)
        return _same_place(a.place, m.place) or any(_same_place(a.place, p) for p in m.places
                                                    if p.name not in m.vague)

    def absorb(self, i: int, m: Mention) -> None:
        a = self.attacks[i]
        _absorb(a, m)
        if m.place is not None and m.place.name not in m.vague and (
                self.vague[i] or (m.place.within is not None and a.place is not None and
                                  _same_place(m.place.within, a.place))):
            a.place, self.vague[i] = m.place, False      # "in Gaza" ... "in Beit Hanoun"
        self.seen_in[i] = m.sent_index
        if m.strong:
            self.weak.discard(i)
        self.last = i


def find_attacks(ctx: ArticleContext, claims: list[Claim]) -> list[Attack]:
    """The incidents the article reports, in order of first mention."""
    inc = _Incidents()
    for m in _mentions(ctx):
        groups = _conj_places(ctx.doc, sorted([p for p in m.places if p.name not in m.vague],
                                              key=lambda p: p.span.start)) if m.places else []
        groups.sort(key=len, reverse=True)
        if groups and len(groups[0]) > 1:
            first, final = groups[0][0], groups[0][-1]
            if m.split and m.strong:
                # "missile strikes on the cities of Mingachevir and Terter": one per place
                for p in groups[0]:
                    inc.add(m, place=p)
                continue
            # "six attacks in Homs, Idlib and Aleppo", "the camps in Lac Vert and Mugunga"
            m.place = PlaceRef(name=ctx.article.text[first.span.start:final.span.end],
                               span=Span(first.span.start, final.span.end))
        recent = [i for i in range(len(inc.attacks) - 1, -1, -1)
                  if m.sent_index - inc.seen_in[i] <= 10 and (
                      i not in inc.aggregate or m.anaphoric or m.aggregate)]
        last = inc.last if inc.last in recent else None
        target = None
        if m.aggregate:
            target = next((i for i in recent if inc.attacks[i].place is not None and
                           _key(inc.attacks[i].place.name) == _key(m.place.name)), None) \
                if m.place is not None else None
        elif m.place is not None and m.place.name not in m.vague:
            target = next((i for i in recent if inc.attacks[i].place is not None and
                           not inc.vague[i] and inc.place_ok(i, m) and
                           _date_ok(inc.attacks[i], m)), None)
            if target is None and last is not None and last not in inc.weak and \
                    inc.vague[last] and _date_ok(inc.attacks[last], m) and \
                    (_shares_target(inc.attacks[last], m) or m.anaphoric):
                target = last
            if target is None and m.date is not None and m.date.day is not None:
                target = next((i for i in recent if inc.attacks[i].date is not None and
                               inc.attacks[i].date.day == m.date.day and
                               _specific_overlap(inc.attacks[i], m) and inc.place_ok(i, m)),
                              None)
            if target is None and m.anaphoric and last is not None and \
                    _specific_overlap(inc.attacks[last], m) and _date_ok(inc.attacks[last], m):
                target = last               # "The explosion at the Al-Ahli hospital"
                if _FACILITY.search(m.place.name):
                    inc.vague[last] = True  # the facility names the place more precisely
        elif last is not None and _date_ok(inc.attacks[last], m) and inc.place_ok(last, m) and (
                m.anaphoric or m.supplementary or
                (m.date is not None and inc.attacks[last].date is None) or
                (m.date is not None and m.date.day is not None and
                 inc.attacks[last].date is not None and inc.attacks[last].date.day == m.date.day)
                or (m.strong and m.date is None and _shares_target(inc.attacks[last], m))):
            target = last
        if target is not None:
            inc.absorb(target, m)
            continue
        if m.supplementary:
            continue                          # nothing to add it to
        inc.add(m)
    # a bare mention of an incident that nothing completed is no attack
    return [a for i, a in enumerate(inc.attacks) if i not in inc.weak]


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
        kinds = harm_kind(list(sent))
        if not ("casualty" in kinds or ("target" in kinds and kinds & {"event", "event_noun"})):
            continue
        doers, _ = _doers(ctx, sent, si, triggers)
        doers = [d for d in doers if d.kind not in ("witness", "anonymous")]
        if not doers:
            continue
        span = tokens_span(list(sent), text)
        if span is None:
            continue
        out.append(Claim(kind="allegation", span=span, source=voice, attribution="article",
                         accused=doers, sentence=si, paragraph=ctx.paragraph(span.start)))
    return out
