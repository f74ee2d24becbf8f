"""The stance of a frame: an allegation, a denial (of which kind), or neither.

Read from the cue (a verb of denying, accusing, condemning, judging or saying), from who
speaks (a party that may have struck, or an observer), and from the signals of what is said
(`kg.extract.stance.signals`):

==========================  =============================================================
what is said                reading
==========================  =============================================================
neither confirm nor deny    non-denial
"no one believed ..."       categorical denial
a verb of denial            rejecting an excuse: allegation; doubting the evidence or
                            calling it false: dismissal; with a justification: protected
                            status; else categorical
an act negated              categorical denial ("did not strike", "no strike", "nothing to
                            do with"); an observer finding no military presence rejects
                            the excuse: allegation
the evidence doubted        dismissal ("relied on unidentified witnesses", "fabricated")
a lawful strike             protected-status denial, when a party speaks ("struck an arms
                            depot", "the dead were terrorists", "followed a robust targeting
                            process")
harm, attack or violation   allegation (also an accusation, a condemnation, a judgement)
==========================  =============================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kg.extract import lexicon as L
from kg.extract.context import ArticleContext
from kg.extract.frames import Frame
from kg.extract.harm import harm_kind, negated_harm
from kg.extract.stance.signals import anchors_in, families, signals_in
from kg.extract.stance.signals import words as word_list
from kg.extract.syntax import child, word_set
from kg.gazetteer import DEMONYMS, STATE_NAMES

#: who observes a conflict rather than fights in it: the misuse they report is no excuse of
#: theirs, the soldiers they find absent reject an excuse
OBSERVERS = ("ngo", "intergovernmental", "witness", "media")
_MILITARY_PRESENCE = frozenset("""soldier soldiers fighter fighters militant militants troops
weapons weapon military combatants combatant gunmen armed rebels rebel""".split())
_CIVILIAN_VICTIMS = frozenset("""civilian civilians child children woman women family families
patient patients student students people resident residents worshipper worshippers shopper
shoppers refugee refugees""".split())


@dataclass(frozen=True)
class Reading:
    kind: str                           # allegation | denial
    denial_kind: Optional[str] = None


ALLEGATION = Reading("allegation")


def _plain(ctx: ArticleContext, frame: Frame) -> str:
    return re.sub(r"[\"“”‘’']", "", frame.content.text(ctx.article.text).lower())


def _around_cue(ctx: ArticleContext, frame: Frame) -> str:
    text = _plain(ctx, frame)
    if frame.cue_span is None:
        return text
    lo = max(0, frame.cue_span.start - 40)
    before = ctx.article.text[lo:frame.cue_span.end].lower()
    return re.sub(r"[\"“”‘’']", "", before) + " " + text


def _observer(frame: Frame) -> bool:
    """Does an observer speak (a rights group, a witness, the press), not a party that may
    have struck (a state, its army, an armed group, or media that speak for a state)?"""
    a = frame.speaker
    if a is None or a.kind not in OBSERVERS:
        return False
    while a.speaks_for is not None:
        a = a.speaks_for
        if a.kind in ("government", "military", "armed_group"):
            return False
    return True


def decide(ctx: ArticleContext, frame: Frame, accused: list) -> list[Reading]:
    """The readings of *frame*: none when it neither alleges nor denies, two when a party
    justifies its strike by the other side's misuse of the place (a denial of protection
    and an allegation of misuse).  *accused* are the parties its words blame
    (`kg.extract.claims.accused_parties`)."""
    reading = _decide(ctx, frame, accused)
    if reading is None:
        return []
    if reading.denial_kind == "protected_status" and (
            "misuse" in families(signals_in(frame.tokens)) or
            (_blames_others(frame, accused) and
             harm_kind(frame.tokens) & {"casualty", "violation"})):
        return [reading, ALLEGATION]
    if reading.denial_kind == "categorical" and _shifts_blame(frame):
        return [reading, ALLEGATION]    # "caused by the rebels themselves, not by our troops"
    return [reading]


def _blames_others(frame: Frame, accused: list) -> bool:
    """Do the words blame a party other than the speaker's own side?  (A justification
    that accuses the other side of harm, "a legitimate action against those who killed
    civilians"; a denial that shifts the blame, "the rebels shelled it themselves".)"""
    side = party_states(frame.speaker)
    return any(p.name.lower() not in side and not (party_states(p) & side) for p in accused)


_DOING = L.ATTACK_VERBS | L.CASUALTY_VERBS | {"cause", "carry", "launch", "fire", "commit"}


def _shifts_blame(frame: Frame) -> bool:
    """Does a denial also say another party did it ("it was caused by the rebels
    themselves", "the LTTE attacked them")?  An act not negated, whose doer is a party
    other than the speaker's side."""
    side = party_states(frame.speaker)
    for t in frame.tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() not in _DOING or _negated(t):
            continue
        doer = child(t, "nsubj")
        agent = child(t, "agent")
        if agent is not None:
            doer = child(agent, "pobj")
        if doer is not None and _names_party(doer) and \
                not (party_states(_Named(doer.text)) & side):
            return True
    return False


def _negated(t) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in t.children)


def _names_party(t) -> bool:
    return t.ent_type_ in ("NORP", "GPE", "ORG") or (t.pos_ == "PROPN" and t.ent_type_ != "PERSON")


class _Named:
    """A name as an agent, for `party_states`."""

    def __init__(self, name: str):
        self.name, self.speaks_for = name, None


def party_states(agent) -> set[str]:
    """The names an agent and the bodies it speaks for go by, with the states they belong to
    ("Russian troops" -> {"russian troops", "Russia"})."""
    out: set[str] = set()
    while agent is not None:
        out.add(agent.name.lower())
        for w in agent.name.replace("’", "'").split():
            w = w.lower().rstrip(".").removesuffix("'s")
            state = STATE_NAMES.get(w) or DEMONYMS.get(w)
            if state:
                out.add(state)
        agent = agent.speaks_for
    return out


def _decide(ctx: ArticleContext, frame: Frame, accused: list) -> Optional[Reading]:
    sig = signals_in(frame.tokens)
    fam = families(sig)
    if "non-denial" in fam or L.NON_DENIAL.search(_around_cue(ctx, frame)):
        return Reading("denial", "non_denial")
    if frame.negated_subject:
        return Reading("denial", "categorical")
    if frame.cue in L.DENY_VERBS:
        return _denial_verb(ctx, frame, fam)
    words = word_set(frame.tokens)
    if frame.cue in L.EVALUATE_VERBS | L.CONDEMN_VERBS and words & L.DISMISSAL_WORDS and \
            not dismissed_is_excuse(frame.tokens):
        return Reading("denial", "dismissal")   # "called the reports lies", "denounced the
                                                # act of propaganda"
    if frame.cue in L.CONDEMN_VERBS | L.EVALUATE_VERBS and "negated-act" in fam:
        return Reading("denial", "categorical")  # "denounced the lies, saying there was no
                                                 # attack"
    if frame.cue in L.ACCUSE_VERBS | L.CONDEMN_VERBS | L.EVALUATE_VERBS:
        return ALLEGATION if is_allegation(frame, accused) else None
    return _said(ctx, frame, fam, words, accused)


def _denial_verb(ctx: ArticleContext, frame: Frame, fam: set[str]) -> Optional[Reading]:
    obj = frame.obj.lemma_.lower() if frame.obj is not None else ""
    if frame.negated_cue:
        return None                     # "did not deny"
    if obj in L.EXCUSE_NOUNS:
        return ALLEGATION               # "dismissed Russia's excuses"
    if word_set(frame.tokens) & L.DISMISSAL_WORDS or "doubt" in fam or (
            obj in L.ALLEGATION_NOUNS and frame.cue in ("dismiss", "reject", "refute",
                                                        "rebut", "dispute")):
        return Reading("denial", "dismissal")
    if _justified(ctx, frame, fam):
        return Reading("denial", "protected_status")
    return Reading("denial", "categorical")


def _said(ctx: ArticleContext, frame: Frame, fam: set[str], words: set[str], accused: list
          ) -> Optional[Reading]:
    """What a verb of saying (or "according to", a quotation...) says."""
    if frame.negated_cue or is_call(frame):
        return None
    if words & L.DENIAL_NOUNS or any(n in _plain(ctx, frame) for n in L.DENIAL_NOUNS):
        return Reading("denial", "categorical")
    negated = ("negated-act" in fam or negated_harm(frame.tokens)) and not _wished(frame)
    if (negated or "doubt" in fam) and _observer(frame) and words & _MILITARY_PRESENCE:
        return ALLEGATION               # "no evidence of soldiers near the building", said
                                        # by a rights group: the excuse is rejected
    if (words & L.DISMISSAL_WORDS and not dismissed_is_excuse(frame.tokens)) or \
            "doubt" in fam:
        return Reading("denial", "dismissal")
    if negated:
        return Reading("denial", "categorical")
    if _justified(ctx, frame, fam) or ("misuse" in fam and not _observer(frame)):
        return Reading("denial", "protected_status")
    if "misuse" in fam:
        return ALLEGATION               # the other side's human shields, command posts
    if not _observer(frame) and other_cause(frame):
        return Reading("denial", "categorical")
    return ALLEGATION if is_allegation(frame, accused) else None


_WISHING = frozenset("hope wish pray".split())


def _wished(frame: Frame) -> bool:
    """ "I hope we were not involved", "we pray no one was hurt": a wish, not a denial."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in _WISHING and
               any(c.dep_ in ("ccomp", "xcomp") for c in t.children) for t in frame.tokens)


_CAUSING = frozenset("cause spark trigger start".split())
_DOWNING = frozenset("down intercept shoot".split())


def other_cause(frame: Frame) -> bool:
    """A party says the harm had another cause than its strike: "the detonation of stored
    ammunition caused a fire", "the missile was downed by Kordanian air defences"."""
    side = party_states(frame.speaker)
    for t in frame.tokens:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or _negated(t) or lemma not in _CAUSING | _DOWNING:
            continue
        agent = child(t, "agent")
        doer = child(agent, "pobj") if agent is not None else child(t, "nsubj")
        if doer is None:
            continue
        if lemma in _CAUSING and doer.lemma_.lower() in word_list("other_causes"):
            return True
        if lemma in _DOWNING and agent is not None and any(
                _names_party(x) and not (party_states(_Named(x.text)) & side)
                for x in doer.subtree):
            return True
    return False


def _justified(ctx: ArticleContext, frame: Frame, fam: set[str]) -> bool:
    """A strike defended as lawful: on a military object, killing armed people, with care;
    not when civilian victims are named with it ("killed militants and civilians")."""
    main = main_clause(frame.tokens)
    if word_set(main) & _CIVILIAN_VICTIMS and "casualty" in harm_kind(main):
        return _justifies_by_words(ctx, frame)      # "killed militants and civilians"
    own = [t for t in anchors_in(frame.tokens, "justification:strike") +
           anchors_in(frame.tokens, "justification:killed") if own_strike(frame, t)]
    called_military = any(x.startswith(("justification:was", "justification:as"))
                          for x in signals_in(frame.tokens))
    if own or called_military or "precaution" in fam or strikes_military(frame, main):
        return True
    return _justifies_by_words(ctx, frame)


def own_strike(frame: Frame, verb) -> bool:
    """Is the strike the speaker's side's?  Its doer unnamed (passive), a pronoun ("it",
    "we", "its jets"), or a party of the speaker's state; not another party named."""
    doer = child(verb, "nsubj")
    agent = child(verb, "agent")
    if agent is not None:
        doer = child(agent, "pobj")
    if doer is None or doer.pos_ == "PRON":
        return True
    owner = next((c for c in doer.children if c.dep_ in ("poss", "amod", "compound") and
                  (c.pos_ == "PRON" or _names_party(c))), None)
    if owner is not None and owner.pos_ == "PRON":
        return True                     # "its strikes", "our forces"
    named = owner if owner is not None else doer
    if not _names_party(named):
        return True                     # "the strike", "the operation"
    return bool(party_states(_Named(named.text)) & party_states(frame.speaker))


_BESIDE = frozenset("near beside next close adjacent around outside behind".split())


def strikes_military(frame: Frame, tokens) -> bool:
    """The speaker's strike on an object described in military words ("targeting a meeting
    between air force officials and arms suppliers"), unless the object is a protected one
    ("a hospital near a military base")."""
    military = word_list("military_objects") | word_list("military_modifiers")
    for t in tokens:
        if t.pos_ != "VERB" or t.lemma_.lower() not in word_list("strike_verbs") or \
                _negated(t) or not own_strike(frame, t):
            continue
        obj = child(t, "dobj")
        if obj is None or obj.lemma_.lower() in L.TARGET_TERMS or \
                obj.lemma_.lower() in L.MEANS_NOUNS:
            continue                    # a protected object, or the weapon itself
        beside = {x.i for c in obj.subtree if c.dep_ == "prep" and c.lower_ in _BESIDE
                  for x in c.subtree}
        if word_set([x for x in obj.subtree if x.i not in beside]) & military:
            return True
    return False


def _justifies_by_words(ctx: ArticleContext, frame: Frame) -> bool:
    """ "only strike terrorist targets", "a legitimate military action", "in conformity
    with international humanitarian law": the lexicon's phrases of justification."""
    text = _plain(ctx, frame)
    hits = [p for p in L.JUSTIFICATION_PATTERNS if p in text]
    if not hits:
        return False
    for p in hits:
        i = text.find(p)
        if re.search(r"\b(no|not|without|never)\b[\w ]*$", text[max(0, i - 25):i]):
            return False                # "with no evident military target"
    words = word_set(frame.tokens)
    kinds = harm_kind(main_clause(frame.tokens))
    lawful = bool(words & {"only", "legitimate", "conformity", "accordance", "line"})
    if ("casualty" in kinds or "violation" in kinds) and not lawful:
        return False                    # "killed civilians and militants": an accusation
    return lawful or bool(kinds & {"event", "event_noun"}) or "target" in words or \
        "targeting" in words or "target" in kinds


def main_clause(tokens) -> list:
    """The tokens of what is said without its subordinate clauses ("..., after X did Y")."""
    ids = {t.i for t in tokens}
    sub = set()
    for t in tokens:
        if t.dep_ in ("advcl", "relcl", "acl") and t.head.i in ids and t.pos_ in ("VERB", "AUX"):
            sub.update(x.i for x in t.subtree)
    return [t for t in tokens if t.i not in sub] or tokens


def is_call(frame: Frame) -> bool:
    """ "we call on both parties to ...", "must respect ...": an appeal, not a claim."""
    toks = [t for t in frame.tokens if not t.is_punct and not t.is_space]
    ids = {t.i for t in toks}
    for t in toks:
        if t.dep_ in ("ROOT", "ccomp") or t.head.i not in ids or t.head.i == t.i:
            if t.lemma_.lower() in L.CALL_VERBS and t.pos_ == "VERB":
                # but "called the attack shameful" is a judgement, not an appeal
                return not (t.lemma_.lower() in L.EVALUATE_VERBS and
                            child(t, "dobj") is not None and
                            child(t, "oprd", "xcomp", "ccomp") is not None)
            if t.pos_ == "VERB" and any(c.lower_ in ("must", "should") for c in t.children) \
                    and t.lemma_.lower() in ("respect", "protect", "spare", "allow", "stop",
                                             "ensure", "refrain", "meet", "abide"):
                return True
            break
    return False


def dismissed_is_excuse(tokens) -> bool:
    """In "claims that X only targets militants are false", the thing called false is an
    excuse: rejecting it is an accusation."""
    for t in tokens:
        if t.lemma_.lower() not in L.DISMISSAL_WORDS or t.dep_ == "amod":
            continue
        target = t.head if t.dep_ in ("acomp", "attr") else t
        if t.dep_ == "acomp":
            target = child(t.head, "nsubj", "nsubjpass") or t.head
        sub = list(target.subtree)
        if "only" in word_set(sub) or any(x.lemma_.lower() in L.EXCUSE_NOUNS for x in sub):
            return True
    return False


def is_allegation(frame: Frame, accused: list) -> bool:
    """Does what is said assert harm, an attack on a protected object, or a violation (by
    someone it blames, when it names no target)?"""
    if frame.negated_cue or is_call(frame):
        return False
    kinds = harm_kind(frame.tokens)
    if frame.cue in L.ACCUSE_VERBS:
        return bool(kinds) or (frame.cue == "blame" and bool(accused))
    if frame.cue in L.CONDEMN_VERBS or frame.cue in L.EVALUATE_VERBS:
        return bool(kinds)
    if dismissed_is_excuse(frame.tokens) or "accusation" in families(signals_in(frame.tokens)):
        return True                     # (rejecting an excuse; opening a criminal case)
    if "casualty" in kinds or "happened" in kinds:
        return True
    if "violation" in kinds:        # a principle ("violations are war crimes") is no claim
        return bool(accused) or bool(kinds & {"event", "event_noun", "target"}) or \
            names_a_party(frame.tokens) or judges_it(frame.tokens)
    if "event" in kinds:
        return "target" in kinds or bool(accused)
    return "event_noun" in kinds and "target" in kinds


def judges_it(tokens) -> bool:
    """ "it was a war crime", "this was an act of terror": a judgement of the event."""
    for t in tokens:
        if t.lemma_ == "be" and any(c.dep_ == "nsubj" and (
                c.lower_ in ("it", "this", "that") or c.lemma_.lower() in L.EVENT_NOUNS)
                for c in t.children):
            judged = [x for c in t.children if c.dep_ in ("attr", "acomp") for x in c.subtree]
            if word_set(judged) & L.VIOLATION_WORDS:
                return True
    return False


def names_a_party(tokens) -> bool:
    """Do the words name a state or organisation as an owner or an agent ("the Israelis'
    warning", "by the militia")?"""
    return any(t.ent_type_ in ("NORP", "GPE", "ORG") and (
        t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ in ("by", "from")))
        for t in tokens)


def is_hedged(frame: Frame) -> bool:
    return bool(word_set(frame.tokens) & L.HEDGES)
