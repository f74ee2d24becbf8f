"""People: the name as written (without honorifics; "Abu Samir" whole), the role given with
it, before ("International Criminal Court prosecutor Karim Khan", "Valdoria's envoy to the UN
Ivan Petrov") or after it ("Philip Luther, Director of ... at Amnesty International", "Abu
Samir, who lives nearby"), the body the role speaks for, and the kind that follows: the
body's kind; else the role's (a governor is government, a general military, a resident or a
victim's son a witness, an expert a person); a former minister speaks for himself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from kg.extract.agents.bodies import PORTFOLIOS, body_of, body_of_title
from kg.extract.agents.kinds import classify_kind
from kg.extract.agents.memory import remember_person
from kg.extract.agents.phrases import clean_name, entity
from kg.extract.agents.reading import Reading
from kg.extract.agents.words import NAME_PARTICLES, ORG_WORDS, lists
from kg.model import AgentRef, Span

WITNESS_ROLES = lists["witness_roles"]
DIPLOMATIC_ROLES = lists["diplomatic_roles"]
#: Roles that can stand with a name, and the kind they give when no body says another.
ROLE_KINDS = [("witness", WITNESS_ROLES), ("person", lists["expert_roles"]),
              ("media", lists["media_roles"]), ("military", lists["military_roles"]),
              ("government", lists["state_roles"])]
ROLE_WORDS = frozenset().union(lists["office_roles"], *(words for _, words in ROLE_KINDS))
_FORMER = lists["former_words"]
_WITNESS_VERBS = lists["witness_verbs"]
_WITNESS_WORDS = lists["witness_descriptors"] | WITNESS_ROLES | lists["heads_witness"]
_HEADS_OF_STATE = lists["heads_of_state"]
_HONORIFICS = lists["honorifics"]
#: Tokens a title before a name may hold besides nouns and names ("envoy to the UN").
_TITLE_LINKS = frozenset({"of", "for", "to", "at", "with", "the", "’s", "'s", "-", "‐"})


# --- the name ----------------------------------------------------------------------------------
def _is_title_word(t) -> bool:
    return t.lemma_.lower() in ROLE_WORDS or t.lower_ in _HONORIFICS


def _with_first_name(name_toks: list) -> list:
    """"Legesse" of "Legesse Tulu", left out of a one-word entity."""
    if len(name_toks) != 1 or name_toks[0].i == 0:
        return name_toks
    first = name_toks[0]
    prev = first.doc[first.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ == "compound" and not prev.ent_type_ and \
            prev.head.i == first.i and prev.lower_ not in ORG_WORDS and \
            not _is_title_word(prev) and prev.text[:1].isupper():
        return [prev] + name_toks
    return name_toks


def _particle(t) -> bool:
    """A lowercase particle of a name ("al-", "von der"), not "Abu" which begins one."""
    return t.text in ("-", "‐") or (t.lower_ in NAME_PARTICLES and t.text[:1].islower())


def _proper_tail(name_toks: list) -> list:
    """The last proper nouns of the entity: "Ukraine's Security Service Artem Dekhtyarenko"
    names Artem Dekhtyarenko; particles kept inside ("Ahmed al-Asiri")."""
    tail = []
    for t in reversed(name_toks):
        if t.text in ("-", "‐") or t.lower_ in NAME_PARTICLES:
            tail.insert(0, t)
            continue
        if t.pos_ != "PROPN" or t.lower_ in ORG_WORDS or t.text in ("’s", "'s"):
            break
        tail.insert(0, t)
    while tail and _particle(tail[0]):
        tail.pop(0)
    return tail if tail and len(tail) < len(name_toks) else name_toks


def _without_honorific(name: str, sp: Span) -> tuple[str, Span]:
    for title in sorted(_HONORIFICS, key=len, reverse=True):
        if name.lower().startswith(title + " ") and len(name.split()) > len(title.split()) + 1:
            return name[len(title) + 1:], Span(sp.start + len(title) + 1, sp.end)
    return name, sp


def person_name(tok) -> tuple[str, Span]:
    ent = entity(tok)
    toks = list(ent) if ent is not None else [tok]
    name_toks = [t for t in toks if t.ent_type_ == "PERSON"] or toks
    name_toks = _proper_tail(_with_first_name(name_toks))
    return _without_honorific(*clean_name(name_toks))


# --- the role ----------------------------------------------------------------------------------
@dataclass
class Role:
    tok: object                         # the role noun
    title: list                         # a title before the name: its words before the role
    former: bool = False
    phrase: object = None               # the phrase the body is named in, if not the role's


def _title_window(doc, start: int, sent_start: int) -> list:
    """The words just before a name that may be its title: "International Criminal Court
    prosecutor", "Valdoria's envoy to the UN", "Senior Hamas official"."""
    out = []
    i = start - 1
    if i > sent_start and doc[i].text == "," and _is_title_word(doc[i - 1]):
        i -= 1                          # "Foreign Minister, Sergei Lavrov"
    while i >= sent_start and len(out) < 8:
        t = doc[i]
        if t.ent_type_ == "PERSON" and t.lower_ not in _HONORIFICS:
            break
        if not (t.pos_ in ("PROPN", "NOUN", "ADJ") or t.lower_ in _TITLE_LINKS or
                t.lower_ in _FORMER):
            break
        out.insert(0, t)
        i -= 1
    while out and out[0].lower_ in _TITLE_LINKS:
        out.pop(0)                      # "(according) to Health Minister X"
    return out


def _title_roles(tok, sp: Span) -> list[Role]:
    """The roles in the title before a name, the offices first ("Coalition spokesman
    Brigadier General X": spokesman, then the ranks); "Prosecutor-General" is a prosecutor,
    "Major General" a general."""
    doc = tok.doc
    start = next((t.i for t in tok.sent if t.idx >= sp.start), tok.i)
    window = _title_window(doc, start, tok.sent.start)
    at = [k for k, t in enumerate(window) if t.lemma_.lower() in ROLE_WORDS]
    former = any(t.lower_ in _FORMER for t in window)
    roles = []
    for k in at:
        before = [j for j in at if j < k and k - j <= 2]
        if window[k].lower_ == "general" and before and \
                window[before[-1]].lemma_.lower() not in lists["military_roles"]:
            continue                    # "Prosecutor-General", "Attorney General"
        roles.append(Role(window[k], window[:k], former=former))
    ranks = lists["military_roles"]
    roles.sort(key=lambda r: (r.tok.lemma_.lower() in ranks, -r.tok.i))
    return roles


def _appos_role(tok) -> Optional[Role]:
    """"X, Director of ... at Amnesty International", "X, a displaced Congolese"."""
    for c in tok.children:
        if c.dep_ != "appos":
            continue
        if c.pos_ == "NOUN" or c.lemma_.lower() in ROLE_WORDS or any(
                x.lower_ in _WITNESS_WORDS for x in c.subtree):
            return Role(c, [], former=any(x.lower_ in _FORMER for x in c.lefts))
        inner = [x for x in c.subtree if x.lemma_.lower() in ROLE_WORDS]
        if inner:                       # "X, Director of the ... Programme at Amnesty"
            return Role(inner[0], [], former=any(x.lower_ in _FORMER for x in c.subtree),
                        phrase=c)
    return None


def _role_in_apposition(tok) -> Optional[Role]:
    """"the Lebanese Minister of Health, Firas Abiad, (said)": the name is in apposition to
    its role."""
    head = tok.head
    if tok.dep_ == "appos" and head.i < tok.i and head.lemma_.lower() in ROLE_WORDS:
        return Role(head, [], former=any(x.lower_ in _FORMER for x in head.lefts))
    return None


def _second_subject(tok) -> Optional[Role]:
    """"The director of Amnesty International, Philip Luther said": the parser makes the
    role a second subject of the verb."""
    if tok.dep_ != "nsubj":
        return None
    for c in tok.head.children:
        if c.dep_ == "nsubj" and c.i < tok.i and c.pos_ == "NOUN" and \
                c.right_edge.i + 1 < len(tok.doc) and tok.doc[c.right_edge.i + 1].text == ",":
            return Role(c, [])
    return None


def _roles(tok, sp: Span, role_tok) -> list[Role]:
    given = Role(role_tok, [], former=any(x.lower_ in _FORMER for x in role_tok.lefts)) \
        if role_tok is not None else None
    return [r for r in (given, _appos_role(tok), _role_in_apposition(tok),
                        *_title_roles(tok, sp), _second_subject(tok)) if r is not None]


def _witness_clause(tok) -> bool:
    """"Abu Samir, who lives nearby", "a mother who lost two sons"."""
    return any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _WITNESS_VERBS
               for c in tok.children)


def role_kind(lemma: str) -> Optional[str]:
    for kind, words in ROLE_KINDS:
        if lemma in words:
            return kind
    return None


def _is_witness(role: Optional[Role]) -> bool:
    if role is None:
        return False
    return role.tok.lemma_.lower() in WITNESS_ROLES or any(
        x.lower_ in _WITNESS_WORDS for x in role.tok.subtree if x.i <= role.tok.i)


def name_after_destination(tok):
    """"(envoy) to the UN Vasily Nebenzya": a diplomat's title runs on into the name, which
    the parser hangs on the destination; the head of that name, or None."""
    if tok.lemma_.lower() not in DIPLOMATIC_ROLES:
        return None
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for p in prep.children:
            if p.dep_ != "pobj" or p.pos_ != "PROPN" or p.ent_type_ in ("ORG", "GPE", "NORP"):
                continue
            before = [c for c in p.lefts if c.dep_ == "compound"]
            if any(c.ent_type_ in ("ORG", "GPE", "NORP") for c in before) and \
                    before[-1].pos_ == "PROPN" and \
                    before[-1].ent_type_ not in ("ORG", "GPE", "NORP"):
                return p
    return None


# --- the person --------------------------------------------------------------------------------
def _body(role: Role, r: Reading) -> Optional[AgentRef]:
    lemma = role.tok.lemma_.lower()
    body = body_of(role.phrase if role.phrase is not None else role.tok, r,
                   sent_to=lemma in lists["diplomatic_roles"])
    if body is None and role.title:
        body = body_of_title(role.title, r)
    return body


def _kind(role: Optional[Role], body: Optional[AgentRef]) -> str:
    if body is not None and body.kind not in (None, "anonymous"):
        return body.kind
    by_role = role_kind(role.tok.lemma_.lower()) if role is not None else None
    if body is not None:                # a body of no known kind: its kind comes later
        return "military" if by_role == "military" else "person"
    if by_role is not None:
        return by_role
    kind = classify_kind(role.tok.text) if role is not None else None
    return kind if kind not in (None, "anonymous") else "person"


def _head_of_state(agent: AgentRef, role: Role, r: Reading) -> None:
    """"President Vladimir Putin": a head of state or government named with no state speaks
    for the state the story is about."""
    lemma = role.tok.lemma_.lower()
    if r.ctx.country and (lemma in _HEADS_OF_STATE or (lemma == "minister" and any(
            t.lower_ == "prime" for t in role.title[-1:]))):
        agent.speaks_for = AgentRef(name=r.ctx.country, kind="government")
        agent.kind = "government"


def _possessive_body(tok, r: Reading) -> Optional[AgentRef]:
    """"Al Jazeera's Stefanie Dekker", "Ethiopia's government spokesperson Legesse Tulu"."""
    for c in tok.subtree:
        if c.i < tok.i and c.dep_ == "poss" and c.pos_ != "PRON":
            return r.again(c, remember=False)
    return None


_ROLE_PARTS = frozenset({"prime", "vice", "deputy", "acting", "assistant", "first"})


def role_text(tok) -> str:
    """The role as written, with its parts: "Foreign Secretary", "Secretary of State",
    "Prime Minister", "Prosecutor-General"."""
    doc, sent = tok.doc, tok.sent
    lo = tok.i
    while lo - 1 >= sent.start and (doc[lo - 1].lower_ in PORTFOLIOS or
                                    doc[lo - 1].lower_ in _ROLE_PARTS):
        lo -= 1
    hi = tok.i + 1
    if hi + 1 < sent.end and doc[hi].text in ("-", "‐") and \
            doc[hi + 1].lemma_.lower() in ROLE_WORDS:
        hi += 2                         # "Prosecutor-General"
    elif hi + 1 < sent.end and doc[hi].lower_ == "of":
        for n in (3, 2, 1):
            if hi + 1 + n <= sent.end and \
                    doc[hi + 1:hi + 1 + n].text.lower() in PORTFOLIOS:
                hi += 1 + n             # "Secretary of State"
                break
    return doc[lo:hi].text


def _decide(tok, agent: AgentRef, roles: list[Role], witness: bool, r: Reading) -> None:
    """Set the role, the body spoken for and the kind of *agent*."""
    if witness:
        agent.role = role_text(roles[0].tok) if roles else None
        agent.kind = "witness"
        return
    chosen, body = (roles[0] if roles else None), None
    for role in roles:
        if role.former:
            chosen, body = role, None
            break
        body = _body(role, r)
        if body is not None and body.name != agent.name:
            chosen = role
            break
        body = None
    agent.role = role_text(chosen.tok) if chosen is not None else None
    if chosen is not None and chosen.former:
        agent.kind = "person"           # "former Foreign Secretary Lord Owen"
        return
    if body is None:
        body = _possessive_body(tok, r)     # "Al Jazeera's Stefanie Dekker"
    agent.speaks_for = body
    agent.kind = _kind(chosen, body)
    if body is None and chosen is not None:
        _head_of_state(agent, chosen, r)


def person(tok, r: Reading, role_tok=None) -> AgentRef:
    """The person named by *tok*, with the role and the body they speak for."""
    name, sp = person_name(tok)
    agent = AgentRef(name=name, span=sp, kind=None)
    roles = _roles(tok, sp, role_tok)
    witness = _is_witness(roles[0] if roles else None) or (
        not roles and _witness_clause(tok))
    _decide(tok, agent, roles, witness, r)
    remember_person(r, agent)
    return agent
