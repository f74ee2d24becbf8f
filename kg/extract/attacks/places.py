"""Places: where, in one sentence, an incident may have happened.

Read from the syntax, since the statistical tagger often labels small towns as people or
organisations: a name after a preposition of place ("in X", "at X", "near X"), a settlement
noun with its name ("the town of X", "X village", "the village X"), a name that owns the
target or a part of a town ("X's shopping centre"), a name before a facility noun ("Tora
market").  Each candidate gets a score, how specific and how tied to the attack it is:

- tied to the attack or its target ("a market in Ariha", "the shelling of Ganja") +3, a
  settlement or area noun with it ("the town of X", "X district") +2 or +3, a name the
  tagger knows as a place +1;
- a region ("Idlib province", "northern Gaza") or a landmark ("near X")
  -2, and *vague*: it only roughly locates;
- a facility's name ("Al-Quds hospital") -2: a facility is not a place, its name says where
  only when the sentence names no settlement.

Not places: states (too large), capitals used for governments ("Moscow said"), where
something was said ("told reporters in Geneva"), where people were taken ("transporting
the wounded to X"), parts of names ("the Middle East programme"), bodies the gazetteer
knows.  A place just followed by another ("Ariha, Idlib province", "Beit Hanoun in northern
Gaza") records it as `within`; a place with a place inside it in the same sentence ranks
below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import lexicon as L
from kg.extract.attacks.vocab import (
    AREA_NOUNS, CAMPAIGN, CAPITALS_WORDS, CARRY, COUNTRY_STARTS, COUNTRY_WORDS, DIRECTION_RE,
    FACILITY_RE, HIT_PLACE, LANDMARK_PREPS, LOCATIVE, MOTION, NOT_PLACE_ENTS, NOT_PLACE_HEADS,
    OF_PLACE_HEADS, PLACE_PREPS, REGION_RE, RULES, SOFT_ENTS, TOWN_NOUNS)
from kg.gazetteer import BODIES, STATE_NAMES
from kg.model import PlaceRef, Span

_PLACE_WORDS = AREA_NOUNS | TOWN_NOUNS
#: nouns of parts of a town: a name with one is more specific than the town's
PART_NOUNS = AREA_NOUNS - TOWN_NOUNS - {"city", "town", "village"}
_PERSONISH = ("PERSON", "ORG", "NORP")


@dataclass
class Candidate:
    toks: list
    score: int
    vague: bool = False
    facility: bool = False
    part: bool = False          # a part of a town ("the Shujaiya neighbourhood", "X camp")


def name_tokens(tok) -> list:
    """A proper name ending at *tok*: its chain of proper-noun compounds ("Beit Hanoun")."""
    toks = [tok]
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i == toks[0].i - 1:
            toks.insert(0, c)
        elif c.i == toks[0].i - 1 and c.text in ("-", "al", "Al", "el", "El"):
            toks.insert(0, c)
    while len(toks) > 1 and toks[0].text == "-":
        toks.pop(0)
    return toks


def _named(tok) -> bool:
    """Can *tok* end a place name at all?"""
    if not any(ch.isalpha() for ch in tok.text):
        return False                    # a dash or a number the tagger took for a name
    town_of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
        tok.head.head.lemma_.lower() in _PLACE_WORDS
    if town_of and tok.ent_type_ in SOFT_ENTS:
        return True                     # "the port city of Odesa", tagged a language
    named = tok.pos_ == "PROPN" or (    # "the village of Let ...", whatever its tag
        tok.text[:1].isupper() and tok.is_alpha and town_of and
        tok.head.head.lemma_.lower() in TOWN_NOUNS)
    if not named or tok.ent_type_ in NOT_PLACE_ENTS:
        return False
    return not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN")


def _a_person(tok) -> bool:
    """"according to Mohammed Amin", "the Liberation Tigers": a name of someone, not a
    place, unless a preposition of place or a place noun governs it."""
    if tok.ent_type_ not in _PERSONISH or tok.dep_ != "pobj":
        return False
    head = tok.head
    motion = head.lower_ == "to" and head.head.lemma_.lower() in MOTION
    if head.lower_ in LOCATIVE or motion or \
            head.head.lemma_.lower() in _PLACE_WORDS | L.EVENT_NOUNS:
        return False
    return tok.ent_type_ != "NORP" or tok.lower_ in STATE_NAMES


def candidate(tok):
    """A `Candidate` when *tok* ends a name of a place where an attack may have happened."""
    if not _named(tok):
        return None
    toks = name_tokens(tok)
    if any(t.ent_id_ for t in toks) or _a_person(tok):
        return None                     # a body the gazetteer knows ("Amnesty ... Report")
    if tok.dep_ == "pobj":
        cand = _after_preposition(tok, toks)
    elif tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        cand = _before_noun(tok, toks)
    elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in HIT_PLACE and tok.is_title and \
            tok.ent_type_ != "NORP" and not (tok.ent_type_ == "PERSON" and len(toks) > 1):
        cand = Candidate(toks, 3)       # "jets attacked Korisa": what was attacked
    elif tok.dep_ in ("conj", "appos") and tok.ent_type_ in ("", "GPE", "LOC", "FAC", "ORG",
                                                             "NORP", "PERSON"):
        cand = Candidate(toks, 1)       # judged with the place it is joined to
    elif tok.ent_type_ in ("GPE", "LOC", "FAC") and tok.dep_ not in ("nsubj", "poss") and \
            not (tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() not in HIT_PLACE):
        cand = Candidate(toks, 0)       # ("Kordania denied ...", "Russia's jets", "Kordania
                                        # was accused": parties; "Kharkiv was shelled": a place)
    else:
        return None
    if cand is not None and tok.ent_type_ == "GPE":
        cand.score += 1
    return cand


def _after_preposition(tok, toks):
    """"in X", "the town of X", "the shelling of X", "near X"."""
    head = tok.head
    prep, gov = head.lower_, head.head
    glow = gov.lemma_.lower()
    if prep not in PLACE_PREPS:
        return None
    if gov.pos_ == "VERB" and (glow in L.REPORTING_VERBS or glow in L.DENY_VERBS):
        return None                     # "told reporters in Geneva": where it was said
    if prep == "of" and glow not in _PLACE_WORDS | L.EVENT_NOUNS | OF_PLACE_HEADS:
        return None
    if glow in CAMPAIGN:
        return None                     # "the war in Gaza": the frame, not where it happened
    if prep == "to" and glow in CARRY:
        return None                     # "transporting the wounded to the town of Melit"
    cand = Candidate(toks, 1)
    if prep == "of" and glow in ("region", "province", "governorate", "state"):
        cand.vague = True               # "the western region of Darfur"
    if prep == "of" and glow in _PLACE_WORDS:
        cand.toks = _name_run_after(tok, toks)   # "the village of Let Yet Kone": whole
    if prep in LANDMARK_PREPS:
        cand.score, cand.vague = cand.score - 2, True
    if glow in L.TARGET_TERMS or gov.lower_ in L.TARGET_TERMS or glow in L.EVENT_NOUNS \
            or glow in L.ATTACK_VERBS or glow in _PLACE_WORDS:
        cand.score += 3
    return cand


def _name_run_after(tok, toks) -> list:
    """The capitalised words after a name, however the tagger made of them."""
    nxt = toks[-1].i + 1
    doc = tok.doc
    while nxt < tok.sent.end and doc[nxt].text[:1].isupper() and doc[nxt].is_alpha and \
            doc[nxt].pos_ not in ("ADP", "DET", "PRON", "AUX") and \
            doc[nxt].ent_type_ not in NOT_PLACE_ENTS:
        toks = toks + [doc[nxt]]
        nxt += 1
    return toks


def _name_run_before(tok, toks) -> list:
    """"Let Yet Kone village": the whole run of capitalised words before the noun."""
    while toks[0].i > tok.sent.start + 1:
        prev = tok.doc[toks[0].i - 1]
        if not (prev.is_alpha and prev.text[:1].isupper()) or prev.ent_type_ in (
                "NORP", "DATE", "TIME") or prev.pos_ in ("DET", "PRON", "ADP"):
            break
        toks = [prev] + toks
    return toks


def _before_noun(tok, toks):
    """"X village", "X district", "Tora market", "Idlib province"."""
    head = tok.head
    noun = head.lower_
    if tok.ent_type_ == "NORP" and noun in _PLACE_WORDS:
        return None                     # "a Shi'ite neighbourhood": who lives there
    if noun in _PLACE_WORDS:
        return Candidate(_name_run_before(tok, toks), 4 if noun in AREA_NOUNS else 3,
                         part=noun in PART_NOUNS)
    if FACILITY_RE.search(noun):
        name = " ".join(t.text for t in toks)
        low = name.lower()
        if low in BODIES or low in STATE_NAMES or (len(low) <= 4 and name.upper() == name):
            return None                 # "a UN school", "IDP camps": who runs it, not where
        return Candidate(toks + [head], 4, facility=True)   # "Tora market"
    if REGION_RE.search(noun):
        return Candidate(toks, 0, vague=True)                # "Idlib province"
    if head.lemma_.lower() in L.EVENT_NOUNS and tok.ent_type_ not in ("NORP", "ORG") and \
            toks[0].i > 0 and tok.doc[toks[0].i - 1].lower_ == "the":
        return Candidate(toks, 3)       # "the Gori strike": where it struck ("Kordan
                                        # bombardment": who did it)
    return None


def in_other_name(tok) -> bool:
    """Is this place name part of a title or an organisation ("Middle East programme",
    "director of the Middle East")?"""
    t, n = tok, 0
    while n < 6 and t.head.i != t.i:
        if t.dep_ not in ("compound", "amod", "nmod", "conj", "pobj", "prep", "appos"):
            return False
        t, n = t.head, n + 1
        if t.pos_ == "NOUN" and t.lemma_.lower() in _PLACE_WORDS:
            return False                # "a neighbourhood of Kabul": a place, whatever holds it
        if t.pos_ == "NOUN" and t.lemma_.lower() in NOT_PLACE_HEADS and not (
                t.lower_ in ("centre", "center") and t.text.islower()):
            return True                 # (a lower-case "detention centre" is a building)
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _clean_name(text: str, toks) -> str:
    name = text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    name = re.sub(r"^(the|The)\s+", "", name)
    return re.sub(r"[’']s$", "", name).strip(" ,.")


def _rejected(name: str, tok) -> bool:
    low = name.lower()
    if re.fullmatch(r"[A-Z]{2,4}", name) and tok.ent_type_ != "GPE":
        return True                     # "IDP", "AFP": acronyms, not places
    if not name or low in COUNTRY_WORDS or low in BODIES or low in COUNTRY_STARTS or \
            low in L.TARGET_TERMS or in_other_name(tok):
        return True
    return low in CAPITALS_WORDS and not (tok.dep_ == "pobj" and
                                          tok.head.lower_ in LOCATIVE + ("on", "of"))


def _roughly(text: str, name: str, start: int) -> bool:
    """A region ("Idlib province") or a direction ("northern Gaza", "North Kivu"): the name
    only roughly locates."""
    first, _, rest = name.partition(" ")
    return bool(REGION_RE.search(name) or DIRECTION_RE.search(text[max(0, start - 12):start])
                or (rest and DIRECTION_RE.fullmatch(first)))


@dataclass
class SentencePlaces:
    ranked: list[PlaceRef]      # the most specific and best tied to an attack first
    vague: set[str]             # names of those that only roughly locate it (a region, "near X")
    parts: set[str]             # names of parts of a town ("the Tal Sabr camp")


def places(sent) -> SentencePlaces:
    """The places *sent* names."""
    text = sent.doc.user_data["kg_text"]
    found: dict[int, tuple[int, bool, PlaceRef]] = {}
    parts: set[str] = set()
    facilities: set[str] = set()
    for tok in sent:
        cand = _joined(tok, found) if tok.dep_ in ("conj", "appos") else candidate(tok)
        if cand is None:
            continue
        name = _clean_name(text, cand.toks)
        if _rejected(name, tok):
            continue
        start = cand.toks[0].idx
        facility = cand.facility or bool(FACILITY_RE.fullmatch(cand.toks[-1].text))
        score, vague = cand.score - (2 if facility else 0), cand.vague
        if _roughly(text, name, start):
            score, vague = score - 2, True
        end = cand.toks[-1].idx + len(cand.toks[-1].text)
        found[tok.i] = (score, vague, PlaceRef(name=name, span=Span(start, end)))
        if facility:
            facilities.add(name)
        if cand.part:
            parts.add(name)
    for tok_i, ref in _pattern_places(sent, text, found):
        found[tok_i] = ref
    ranked, vague_names = _ranked(text, found, facilities)
    return SentencePlaces(ranked, vague_names, parts)


def _joined(tok, found):
    """"Homs, Idlib and Aleppo", "Ariha, Idlib province": a name joined to a place."""
    if tok.head.i not in found or tok.pos_ != "PROPN":
        return None
    base = found[tok.head.i]
    toks = name_tokens(tok)
    if tok.dep_ == "appos" and not REGION_RE.search(" ".join(t.text for t in toks)):
        return None
    return Candidate(toks, base[0] - (3 if tok.dep_ == "appos" else 0), base[1])


def _pattern_places(sent, text: str, found: dict):
    """Places the data patterns find that the syntax walk did not: "the village X",
    "X's shopping centre"."""
    for tok, toks in _pattern_names(sent):
        if tok.i in found or any(t.i in found for t in toks) or not _named(tok):
            continue
        name = _clean_name(text, toks)
        if _rejected(name, tok):
            continue
        end = toks[-1].idx + len(toks[-1].text)
        vague = _roughly(text, name, toks[0].idx)
        yield tok.i, (3 - 3 * vague, vague, PlaceRef(name=name, span=Span(toks[0].idx, end)))


def _pattern_names(sent):
    """(last token, tokens) of each name a place pattern finds, the longest per start."""
    doc, longest = sent.doc, {}
    for pid, roles in RULES.matches(sent):
        if pid in ("town-name", "town-called-name"):
            start = roles["end"] - 1     # the name: the run of proper nouns the match ends on
            while start > roles["start"] and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if roles["end"] > longest.get(start, 0):
                longest[start] = roles["end"]
        elif pid == "possessor-of-target":
            tok = doc[roles["start"]]
            if tok.dep_ == "poss" and _may_own_place(tok) and _owns_target(tok, tok.head):
                yield tok, name_tokens(tok)
    for start, end in longest.items():
        yield doc[end - 1], list(doc[start:end])


def _may_own_place(tok) -> bool:
    """A name with "'s" that may be a town: not a person ("Ahmed's house": the owner), not
    a people, not a body ("UNRWA's school": who runs it); a one-word name the tagger calls
    an organisation may be a town it does not know."""
    if tok.ent_type_ in ("PERSON", "NORP"):
        return False
    return tok.ent_type_ != "ORG" or (len(name_tokens(tok)) == 1 and not tok.is_upper)


def _owns_target(tok, obj) -> bool:
    """"Kremenchuk's shopping centre": the owner of a protected object or of a part of a
    town is where it is, unless it is a party ("Russia's jets")."""
    lemma = obj.lemma_.lower()
    if tok.lower_ in STATE_NAMES or "civilians" in (L.TARGET_TERMS.get(lemma),
                                                    L.TARGET_TERMS.get(obj.lower_)):
        return False                    # "Gaza's displaced": people, not where they were
    return lemma in L.TARGET_TERMS or obj.lower_ in L.TARGET_TERMS or lemma in _PLACE_WORDS or \
        bool(FACILITY_RE.search(obj.text))


def _outermost(found: dict) -> dict:
    """Leave out the names inside longer ones, in one pass over the names by position."""
    order = sorted(found.items(), key=lambda kv: (kv[1][2].span.start, -kv[1][2].span.end))
    out, reach = {}, -1
    for k, v in order:
        span = v[2].span
        if span.end <= reach:
            continue
        out[k] = v
        reach = max(reach, span.end)
    return out


def _ranked(text: str, found: dict, facilities: set[str]) -> tuple[list[PlaceRef], set[str]]:
    """Best first; a place another is inside ranks below it ("Ariha, Idlib province"),
    unless what is inside is a facility ("Nasser Hospital in Khan Younis")."""
    found = _outermost(found)           # "Let" inside "Let Yet Kone"
    ranked = sorted(found.values(), key=lambda x: (-x[0], x[2].span.start))
    in_text = sorted((p for _, _, p in ranked), key=lambda p: p.span.start)
    for a, b in zip(in_text, in_text[1:]):
        between = text[a.span.end:b.span.start]
        if re.fullmatch(r"[’']s\s+", between):
            b.within = b.within or a    # "West Mosul's al Jadida area": the second is inside
            continue
        listed = len(between) <= 3 and bool(re.search(
            r"\b(and|or)\b", text[b.span.end:b.span.end + 30]))
        if a.within is None and not listed and (
                len(between) <= 3 or re.fullmatch(r"\s*(\w+\s+){0,2}(in|of)\s+(the\s+)?",
                                                  between)):
            a.within = b
    within = {id(p.within) for p in in_text if p.within is not None and
              p.name not in facilities}
    # a region or a landmark comes after every precise place, even a facility's name
    ranked.sort(key=lambda x: (x[1], -x[0] + (2 if id(x[2]) in within else 0), x[2].span.start))
    return [p for _, _, p in ranked], {p.name for _, v, p in ranked if v}


def conj_places(text: str, places: list[PlaceRef]) -> list[list[PlaceRef]]:
    """Runs of places joined by "and"/"or" ("Homs, Idlib and Aleppo"), in text order; a
    place that says where the one before is ("Ariha, Idlib province") is left out."""
    groups: list[list[PlaceRef]] = []
    for p in sorted(places, key=lambda p: p.span.start):
        group = groups[-1] if groups else None
        if group is not None and (group[-1].within is p or REGION_RE.search(p.name)):
            continue
        if group is not None and p.span.start > group[-1].span.end and re.fullmatch(
                r"\s*(,|and|or|, and|,\s*and)\s*", text[group[-1].span.end:p.span.start]):
            group.append(p)
        else:
            groups.append([p])
    return groups
