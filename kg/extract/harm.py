"""What words assert about violence, and who they name as doing it.

`harm_kind` says which kinds of harm a run of tokens asserts (an attack event, casualties,
a violation, a protected target); `negated_harm` whether an attack or harm is negated ("did
not strike", "no civilians were killed"); `doers_of` which parties an attack word names as
its doer (the subject or ``by``-agent of a verb, the owner of the means: "Russian jets").
"""

from __future__ import annotations

from typing import Optional

from kg.extract import lexicon as L
from kg.extract.context import ArticleContext
from kg.extract.syntax import child, is_negated, word_set
from kg.model import AgentRef

_DOCUMENTS = frozenset("report reports statement findings study survey investigation".split())


def about_document(t) -> bool:
    """Is *t* inside a phrase about someone's document ("Amnesty's report on alleged
    violations"): what the document says is not asserted by the one who mentions it.
    Asked of the same tokens again and again: the answers are kept with the document."""
    cache = t.doc.user_data.get("kg_about_document")
    if cache is None:
        cache = t.doc.user_data["kg_about_document"] = {}
    found = cache.get(t.i)
    if found is None:
        found = cache[t.i] = _about_document_walk(t)
    return found


def _about_document_walk(t) -> bool:
    h, n = t.head, 0
    while h.i != h.head.i and n < 6:
        if h.lemma_.lower() in _DOCUMENTS and h.pos_ == "NOUN" and any(
                c.dep_ in ("poss", "compound") and (c.pos_ == "PROPN" or c.ent_type_)
                for c in h.lefts):
            return True
        h, n = h.head, n + 1
    return False


def shot_down(t) -> bool:
    """ "shot down 25 drones": an interception, not an attack on anyone."""
    return t.lemma_.lower() in ("shoot", "bring") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in t.children)


#: verbs that carry out an attack named by their object ("carried out the strike")
_CARRY_OUT = frozenset("carry conduct launch commit stage cause".split())
#: what a projectile does when it hits; its subject tells it is one
_IMPACT = frozenset("land fall explode slam crash smash tear plough plow detonate".split())
_PROJECTILES = frozenset("""missile missiles rocket rockets shell shells bomb bombs drone drones
munition munitions projectile projectiles mortar mortars grenade grenades warhead""".split())


_INTENT = frozenset("want plan intend threaten try wish hope seek".split())


def irrealis(t) -> bool:
    """Is the verb *t* only supposed, wanted or threatened ("if they want to kill me", "if
    the army strikes the town")?"""
    node = t
    for _ in range(4):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                        for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _INTENT:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def harm_kind(tokens) -> set[str]:
    """Which kinds of harm the words assert: "event" (an attack verb with its doer or
    object), "event_noun" (an attack named by a noun), "casualty", "violation", "target"."""
    kinds = set()
    for t in tokens:
        lemma, low = t.lemma_.lower(), t.lower_
        if about_document(t) or (t.pos_ == "VERB" and irrealis(t)):
            continue
        if t.pos_ in ("VERB", "AUX") and lemma in L.CASUALTY_VERBS:
            kinds.add("casualty")
        elif t.pos_ in ("VERB",) and lemma in L.ATTACK_VERBS and not is_negated(t) and \
                not shot_down(t):
            if not (t.dep_ == "amod" and t.i < t.head.i) or (
                    t.i > 0 and t.doc[t.i - 1].lemma_.lower() == "have"):
                kinds.add("event")      # not "the shelled areas"; "have targeted hospitals" is
                                        # a verb the parser may have taken for an adjective
        elif t.pos_ == "VERB" and lemma == "set" and not is_negated(t) and any(
                c.lower_ in ("fire", "ablaze", "alight") for c in t.children):
            kinds.add("event")          # "set fire to the clinic", "set the school ablaze"
        elif t.pos_ == "VERB" and lemma in ("cause", "carry", "conduct", "fire", "launch") and \
                child(t, "agent") is not None and not is_negated(t):
            kinds.add("event")          # "it was caused by a Palestinian rocket"
        elif t.pos_ == "VERB" and lemma in _CARRY_OUT \
                and not is_negated(t) and any(c.lemma_.lower() in L.EVENT_NOUNS
                                               for c in t.children if c.dep_ == "dobj"):
            kinds.add("event")          # "Russia carried out the attack"
        elif t.pos_ == "VERB" and lemma in _IMPACT and not is_negated(t) and \
                child(t, "nsubj") is not None and \
                child(t, "nsubj").lemma_.lower() in _PROJECTILES:
            kinds.add("event")          # "a missile landed on an apartment building"
        elif t.pos_ == "VERB" and lemma in ("drop", "fire", "launch", "lob", "rain") and \
                not is_negated(t) and any(c.lower_ in L.MEANS_NOUNS for c in t.children
                                           if c.dep_ == "dobj"):
            kinds.add("event")          # "jets dropped bombs on the school"
        if t.pos_ == "NOUN" and lemma in L.EVENT_NOUNS and t.dep_ == "nsubj" and \
                t.head.lemma_.lower() in ("occur", "happen", "hit", "strike", "kill", "take"):
            kinds.add("happened")       # "the attack ... occurred late on Friday"
        elif t.pos_ in ("NOUN", "PROPN") and lemma in L.EVENT_NOUNS:
            kinds.add("event_noun")
        elif lemma in L.CASUALTY_NOUNS or low in L.CASUALTY_NOUNS:
            if not (low in ("dead", "wounded", "injured") and t.pos_ == "NOUN" and
                    any(c.lower_ == "the" for c in t.lefts) and not any(
                        x.like_num for x in t.lefts)):
                kinds.add("casualty")
        elif low in ("killed", "wounded", "injured", "dead") and t.pos_ in ("ADJ", "VERB"):
            kinds.add("casualty")
        elif lemma in ("life", "lives") and t.head.lemma_.lower() in ("claim", "take", "cost",
                                                                     "lose"):
            kinds.add("casualty")       # "claimed the lives of 56 civilians"
        if lemma in L.VIOLATION_WORDS or low in L.VIOLATION_WORDS:
            kinds.add("violation")
        if low in ("cluster", "phosphorus", "incendiary", "chemical", "barrel") and \
                t.head.lemma_.lower() in L.MEANS_NOUNS | {"weapon", "weapons", "munition",
                                                         "munitions", "bomb", "bombs"}:
            kinds.add("violation")      # weapons whose use IHL restricts
        if lemma == "warning" and any(c.lower_ in ("no", "without") for c in
                                      [*t.lefts, t.head]):
            kinds.add("violation")      # attacking without warning (AP I art. 57)
        if low in L.TARGET_TERMS or lemma in L.TARGET_TERMS or (
                t.i > 0 and f"{t.doc[t.i - 1].lower_} {low}" in L.TARGET_TERMS):
            kinds.add("target")         # also two-word terms: "educational facilities"
    return kinds


def negated_harm(tokens) -> bool:
    """ "did not fire", "never targeted", "no women or children were present",
    "haven't received any reports of civilian casualties"."""
    for t in tokens:
        if t.pos_ in ("VERB", "AUX") and is_negated(t):
            lemma = t.lemma_.lower()
            sub = word_set(list(t.subtree))
            if lemma in L.ATTACK_VERBS or lemma in L.CASUALTY_VERBS:
                return True
            if lemma in ("launch", "carry", "have", "receive", "conduct", "be", "involve",
                         "use", "commit", "cause") and (
                    sub & L.EVENT_NOUNS or sub & L.CASUALTY_NOUNS or
                    sub & {"mission", "missions", "civilian", "civilians", "involvement",
                           "operation", "operations", "strike", "strikes", "raid", "raids"}):
                return True
        if t.lower_ in ("no", "never") and t.dep_ in ("det", "neg", "advmod"):
            h = t.head
            if (h.pos_ == "VERB" and h.lemma_.lower() in L.ATTACK_VERBS) or (
                    h.pos_ == "NOUN" and h.lemma_.lower() in (
                        "civilian", "woman", "child", "casualty", "victim", "death", "injury",
                        "evidence", "involvement", "role", "attack", "strike")):
                return True
    return False


_NOT_ATTACKERS = ("anonymous", "witness", "ngo", "intergovernmental", "media", "article")


def pronoun_attacker(ctx: ArticleContext, si: int, tok, agent: AgentRef
                     ) -> Optional[AgentRef]:
    """Whom "they" / "it" stands for as the doer of an attack: not the residents or officials
    who report it ("Residents said they shelled the market"), but the last armed party or
    state named before it, if any."""
    if agent.kind not in _NOT_ATTACKERS:
        return agent
    return ctx.recent(si, person=False, kinds=("military", "armed_group", "government"),
                      before=tok.idx)


def first_person(tok) -> bool:
    """"we", "us", "our", "I", but not "US" (the United States)."""
    return tok.lower_ in ("we", "us", "our", "i") and (tok.text != "US" or tok.pos_ == "PRON")


def doers_of(tok, add) -> None:
    """Pass to *add* the parties a word of attack names as doing it: the subject or
    ``by``-agent of a verb ("Russia struck", "struck by Israeli fire"); for a noun, the names
    that modify it and its ``by``-phrase ("Russian air strikes", "attacks by the militia")."""
    if tok.pos_ == "VERB":
        s, head = child(tok, "nsubj"), tok
        if tok.dep_ == "amod" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() == "have":
            head = tok.doc[tok.i - 1]   # "to have targeted hospitals", parsed as an adjective
            s = child(head, "nsubj")
        while s is None and head.head.i != head.i and child(head, "nsubjpass") is None and (
                head.dep_ == "conj" or (head.dep_ == "xcomp" and head.head.lemma_.lower() in (
                    "seem", "appear", "continue", "keep", "begin", "start", "resume"))):
            head = head.head            # "strikes seem to have attacked", "hit X and killed"
            s = child(head, "nsubj")
        if s is None and head.dep_ == "xcomp" and head.tag_ in ("VB", "VBN") and \
                head.head.lemma_.lower() in L.PASSIVE_REPORT_VERBS:
            s = child(head.head, "nsubjpass")    # "rebels are alleged to have shelled"
        if s is not None:
            add_doer(s, add)
        ag = child(tok, "agent")
        if ag is not None and child(ag, "pobj") is not None:
            add_doer(child(ag, "pobj"), add)
        return
    for c in tok.lefts:
        for m in c.subtree:
            if m.dep_ == "compound" and m.head.pos_ == "PROPN":
                continue                # "Prime" in "Prime Minister Abiy Ahmed's forces"
            if names_target(m, tok):
                continue                # "the Al-Ahli hospital blast": the target's name
            if (m.dep_ in ("poss", "amod", "compound", "nmod") or (
                    m.dep_ == "conj" and m.head.dep_ in ("amod", "compound"))) and \
                    party_word(m):
                add(m)                  # also "Syrian" in "Russian and Syrian aircraft"
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "by" and child(c, "pobj") is not None:
            add_doer(child(c, "pobj"), add)


def party_word(tok) -> bool:
    """A name or an adjective of a name that can stand for a party ("Kordan", "Brastovian"),
    even when the tagger does not know it."""
    if tok.ent_type_ in ("NORP", "GPE", "ORG") or tok.pos_ == "PROPN":
        return tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
    if tok.pos_ != "ADJ" or not tok.text[:1].isupper() or tok.lower_ in L.CALENDAR:
        return False
    # first in its sentence, a capital says nothing ("Heavy shelling"), unless the word is
    # paired with a party's ("Brastovian and Kordanian aircraft")
    return tok.i > tok.sent.start or any(c.dep_ == "conj" and party_word(c)
                                         for c in tok.children)


_PARTY_NOUNS = frozenset("rebel militia insurgent jihadist government army military regime "
                         "paramilitary".split())


def names_target(m, head) -> bool:
    """Whether *m*, a word before *head*, is part of the name of a target ("Al-Ahli" in
    "the Al-Ahli hospital blast") rather than the party doing it."""
    nxt = m.doc[m.i + 1] if m.i + 1 < len(m.doc) else None
    return (m.head.i != head.i and m.head.lemma_.lower() in L.TARGET_TERMS) or (
        m.pos_ == "PROPN" and nxt is not None and nxt.i < head.i and
        nxt.lemma_.lower() in L.TARGET_TERMS)


_THINGS = frozenset("fire rocket missile shell bomb projectile munition strike".split())


def thing_before(tok):
    """The weapon or strike of an earlier clause of the same sentence that "it" stands for."""
    for t in reversed(tok.sent[:tok.i - tok.sent.start]):
        if t.pos_ == "NOUN" and t.lemma_.lower() in _THINGS and t.dep_ in (
                "nsubj", "nsubjpass", "dobj"):
            return t
    return None


def add_doer(tok, add) -> None:
    """A doer phrase: a named party ("Russia"), or means owned by one ("Russian jets")."""
    if tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
        thing = thing_before(tok)
        if thing is not None:           # "rocket fire was detected ... it fell short": the
            add_doer(thing, add)       # fire's owner, not whoever "it" would be as a body
            return
    means = tok.lemma_.lower() in L.MEANS_NOUNS and tok.lemma_.lower() not in _PARTY_NOUNS \
        and tok.lemma_.lower() not in ("force", "troops", "army", "military", "militia")
    if (tok.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or tok.pos_ == "PROPN" or
            tok.lower_ in ("they", "it", "its", "their")) and not (means and tok.pos_ == "NOUN"):
        add(tok)                        # ("Jets struck ...", tagged a person: no party)
        for c in tok.children:
            if c.dep_ == "conj" and (c.ent_type_ in ("GPE", "ORG", "NORP") or c.pos_ == "PROPN"):
                add(c)
        return
    for c in tok.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and not names_target(c, tok) and (
                party_word(c) or c.lower_ in ("its", "their") or
                c.lemma_.lower() in _PARTY_NOUNS):  # "a rebel rocket", "government jets"
            add(c)
            for cc in c.children:
                if cc.dep_ == "conj" and (cc.ent_type_ in ("NORP", "GPE", "ORG") or
                                          cc.pos_ == "PROPN"):
                    add(cc)
            return
    if tok.lemma_.lower() in ("force", "troops", "army", "military", "regime", "government",
                              "militia", "rebel", "fighter", "paramilitary"):
        add(tok)
