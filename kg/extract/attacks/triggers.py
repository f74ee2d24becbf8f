"""Triggers: the words that may name one incident.

A trigger is a verb of attack or killing ("struck", "shelled", "were killed"), a noun of an
attack event ("air strike", "shelling", "explosion"), a weapon landing on something ("a
missile landed on ...", "shells fell on ..."), "set fire to", or a noun counting the dead
("deaths", "casualties", "bodies").  A word is no trigger when it names no single incident:
under a campaign ("its campaign of air strikes"), a practice denied with no object named
("denied targeting civilians"), a class of claims ("claims of civilian casualties"), an
interception ("shot down 25 drones"), or something that would or will happen.

Worked out once per sentence and kept with the parse: the incidents and the article's own
voice both ask.
"""

from __future__ import annotations

from kg.extract import lexicon as L
from kg.extract.attacks.vocab import CAMPAIGN, LANDING, W
from kg.extract.harm import shot_down
from kg.extract.syntax import is_negated

_DEAD_NOUNS = frozenset(("deaths", "casualties", "dead", "bodies"))
_CARING = frozenset(("treat", "handle", "cope", "care", "receive"))
_WEAPON_NOUNS = frozenset(("shells", "missiles", "rockets", "incident"))
#: munitions, which land or fall on what they hit (word forms)
_MUNITIONS = frozenset(w for w in W["weapons"] if " " not in w) - {"tank", "tanks", "helicopter",
                                                                  "helicopters", "artillery"}


def triggers(sent) -> list:
    """The tokens of *sent* that may name one incident, in text order."""
    cache = sent.doc.user_data.setdefault("kg_triggers", {})
    found = cache.get((sent.start, sent.end))
    if found is None:
        found = cache[(sent.start, sent.end)] = tuple(t.i for t in _find(sent))
    return [sent.doc[i] for i in found]


def _find(sent) -> list:
    out = []
    for t in sent:
        if not trigger_word(t):
            continue
        # the cheap tests first: this one walks the tree, for the few candidates only
        if any(a.lemma_.lower() in CAMPAIGN for a in list(t.ancestors)[:2]) or any(
                c.lemma_.lower() in CAMPAIGN for c in t.children):
            continue                    # "its campaign of air strikes": not one incident
        if _denied_practice(t):
            continue                    # "denied targeting civilians": no incident
        if t.pos_ == "NOUN" and t.head.lower_ == "of" and \
                t.head.head.lemma_.lower() in L.ALLEGATION_NOUNS and not specific(t):
            continue                    # "claims of civilian casualties were fabricated"
        out.append(t)
    return out


def specific(tok) -> bool:
    """A named or definite object ("the Tavi market", "a school in Varna"), not a class of
    people or things ("civilians", "hospitals")."""
    return any(t.pos_ == "PROPN" for t in tok.subtree) or any(
        c.lower_ in ("the", "this", "that", "a", "an") for c in tok.children if c.dep_ == "det")


_PRACTICE_CUES = L.DENY_VERBS | L.ACCUSE_VERBS


def _denied_practice(t) -> bool:
    """A verb under a denial or an accusation with no named object ("denied targeting
    civilians", "accuses Kordan of attacking civilians"): a practice, not an incident."""
    if t.pos_ != "VERB" or t.dep_ not in ("xcomp", "pcomp", "dobj", "ccomp"):
        return False
    head = t.head.lemma_.lower()
    if head not in _PRACTICE_CUES and not (head in ("of", "for") and
                                           t.head.head.lemma_.lower() in _PRACTICE_CUES):
        return False
    return not any(c.dep_ in ("dobj", "nsubjpass") and specific(c) for c in t.children)


def trigger_word(t) -> bool:
    """A verb or noun of attack or harm that may name one incident."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB":
        return _trigger_verb(t, lemma)
    if t.pos_ in ("NOUN", "PROPN") and lemma in L.EVENT_NOUNS:
        return not _in_proper_name(t)
    if t.pos_ != "NOUN":
        return False
    if t.lower_ in _WEAPON_NOUNS:
        return True
    return t.lower_ in _DEAD_NOUNS and t.head.lemma_.lower() not in _CARING


def _in_proper_name(t) -> bool:
    """"the Aerial Assault Division", "Operation Desert Strike": a word of a name."""
    if t.pos_ != "PROPN" or not t.text[:1].isupper():
        return False
    doc = t.doc
    return any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
               for j in (t.i - 1, t.i + 1)) and t.i > t.sent.start


def _trigger_verb(t, lemma: str) -> bool:
    if is_negated(t):
        return False
    if lemma == "set":
        return any(c.lower_ in ("fire", "ablaze", "alight") for c in t.children)
    if lemma in LANDING:
        return weapon_subject(t)        # "a missile landed on an apartment building"
    if lemma not in L.ATTACK_VERBS and lemma not in L.CASUALTY_VERBS:
        return False
    if shot_down(t) or any(c.lower_ in ("would", "will") for c in t.children):
        return False
    # "the wounded", "the injured": people, not an act
    return not (t.tag_ == "VBN" and any(c.lower_ == "the" and c.dep_ == "det"
                                        for c in t.children))


def weapon_subject(t) -> bool:
    """Is the subject of *t* a munition ("a missile", "two shells", "rockets")?"""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _MUNITIONS for c in t.children)
