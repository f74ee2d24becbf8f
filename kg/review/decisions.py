"""Review decisions as plain objects and as RDF (one named graph each).

A `Decision` is about one item an article states: a claim or an attack report, found by the
words that carry it (the article's SHA-256, the offsets and the exact text: Web Annotation's
TextPositionSelector and TextQuoteSelector), never by an IRI the extractor made, so that it
applies again after a re-ingest or a new extractor version.

>>> d = Decision("reject", "allegation", "ab" * 32, 10, 20, "the words", by="Ana",
...              at="2026-01-02T03:04:05Z", reason="not a claim")
>>> str(d.iri).startswith("https://w3id.org/evidence-kg/id/review/")
True
>>> Decision.from_graph(d.graph(), d.iri) == d
True
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Optional

from rdflib import Graph, Literal, URIRef

from kg.custody import now
from kg.namespaces import DATA_IRI, EKG, EKGR, OA, PROV, RDF, RDFS, XSD

ACTIONS = ("accept", "reject", "correct", "add", "merge", "split")
ITEMS = ("allegation", "denial", "claim", "attack")
ACTION_IRI = {"accept": EKGR.Accept, "reject": EKGR.Reject, "correct": EKGR.Correct,
              "add": EKGR.Add, "merge": EKGR.Merge, "split": EKGR.Split}
ITEM_IRI = {"allegation": EKG.Allegation, "denial": EKG.Denial, "claim": EKG.Claim,
            "attack": EKG.Attack}
#: What a change may set: short name -> the property of the item it replaces
PROPERTIES = {
    "kind": RDF.type, "denial_kind": EKG.denialKind, "source": EKG.source,
    "accused": EKG.accused, "defends": EKG.defends, "denies": EKG.denies,
    "attribution": EKG.attribution, "concerns": EKG.concerns,
    "location": EKG.location, "date": EKG.date, "target": EKG.target,
    "perpetrator": EKG.perpetrator, "killed": EKG.killed, "injured": EKG.injured,
    "report": EKG.report,
}
CLAIM_PROPERTIES = ("kind", "denial_kind", "source", "accused", "defends", "denies",
                    "attribution", "concerns")
ATTACK_PROPERTIES = ("location", "date", "target", "perpetrator", "killed", "injured")
#: Properties whose values are literals (the rest are IRIs; "denies" and "concerns" are
#: the offsets "START-END" of the claim or attack they point at, in the same article;
#: "report", of a merge or split, the other attack report as "SHA256:START-END", with its
#: words as the change's label)
LITERAL_PROPERTIES = ("date", "killed", "injured", "denies", "concerns", "report")
_NAME = {v: k for k, v in PROPERTIES.items()}
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Change:
    """One value a correction gives a property (several values: several changes).
    *label* names a new agent or place (entity facts), *old* the machine's values."""

    prop: str
    value: str
    label: str = ""
    old: tuple = ()


@dataclass(frozen=True)
class Decision:
    action: str                 # one of ACTIONS
    item: str                   # one of ITEMS
    sha256: str                 # of the article's text
    start: int
    end: int
    exact: str                  # text[start:end] when the decision was made
    by: str = ""
    at: str = ""                # ISO 8601 date-time, UTC
    reason: str = ""
    changes: tuple = field(default_factory=tuple)   # of Change
    replaces: str = ""          # the item's IRI when the decision was made

    # --- identity ----------------------------------------------------------------------------
    @property
    def article_id(self) -> str:
        return self.sha256[:16]

    @property
    def article(self) -> URIRef:
        return URIRef(f"{DATA_IRI}article/{self.article_id}")

    @property
    def key(self) -> str:
        """A digest of everything the decision says: the same decision, the same IRI."""
        text = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{DATA_IRI}review/{self.key}")

    @property
    def graph_iri(self) -> URIRef:
        return URIRef(f"{DATA_IRI}graph/review/{self.key}")

    @property
    def anchor(self) -> tuple:
        """What the decision is about: two decisions with one anchor are about one item."""
        kind = "attack" if self.item == "attack" else "claim"
        return (self.sha256, self.start, self.end, kind)

    def values(self, prop: str) -> list[Change]:
        return [c for c in self.changes if c.prop == prop]

    # --- RDF ---------------------------------------------------------------------------------
    def graph(self) -> Graph:
        """The decision as the named graph it is stored in (PROV-O and Web Annotation)."""
        from kg.rdf import count_literal, new_graph

        d = self.iri
        g = new_graph(self.graph_iri)
        target, pos, quote = URIRef(f"{d}/target"), URIRef(f"{d}/position"), URIRef(f"{d}/quote")
        reviewer = URIRef(f"{DATA_IRI}reviewer/{_slug(self.by)}")
        for t in (
            (d, RDF.type, EKGR.Decision), (d, RDF.type, PROV.Activity),
            (d, EKGR.action, ACTION_IRI[self.action]), (d, EKGR.itemType, ITEM_IRI[self.item]),
            (d, EKGR.article, self.article), (d, OA.hasTarget, target),
            (d, PROV.wasAssociatedWith, reviewer),
            (reviewer, RDF.type, PROV.Agent), (reviewer, RDFS.label, Literal(self.by)),
            (d, PROV.endedAtTime, Literal(self.at, datatype=XSD.dateTime, normalize=False)),
            (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, self.article),
            (target, EKGR.sha256, Literal(self.sha256)),
            (target, OA.hasSelector, pos), (target, OA.hasSelector, quote),
            (pos, RDF.type, OA.TextPositionSelector),
            (pos, OA.start, count_literal(self.start)), (pos, OA.end, count_literal(self.end)),
            (quote, RDF.type, OA.TextQuoteSelector), (quote, OA.exact, Literal(self.exact)),
        ):
            g.add(t)
        if self.reason:
            g.add((d, EKGR.reason, Literal(self.reason)))
        if self.replaces:
            g.add((d, EKGR.replaces, URIRef(self.replaces)))
        for n, c in enumerate(self.changes, 1):
            node = URIRef(f"{d}/change/{n}")
            g.add((d, EKGR.change, node))
            g.add((node, RDF.type, EKGR.Change))
            g.add((node, EKGR.property, PROPERTIES[c.prop]))
            g.add((node, EKGR.newValue, _value(c.prop, c.value)))
            if c.label:
                g.add((node, RDFS.label, Literal(c.label)))
            for old in c.old:
                g.add((node, EKGR.oldValue, _value(c.prop, old)))
        return g

    @classmethod
    def from_graph(cls, g: Graph, d: URIRef) -> "Decision":
        """The decision *d* of the graph *g* (raises ValueError when something is missing)."""
        def one(s, p):
            v = g.value(s, p)
            if v is None:
                raise ValueError(f"<{s}> has no {p.n3(g.namespace_manager)}")
            return v

        action = {v: k for k, v in ACTION_IRI.items()}.get(one(d, EKGR.action))
        item = {v: k for k, v in ITEM_IRI.items()}.get(one(d, EKGR.itemType))
        if action is None or item is None:
            raise ValueError(f"<{d}> has an unknown action or item type")
        target = one(d, OA.hasTarget)
        start = end = exact = None
        for sel in g.objects(target, OA.hasSelector):
            if (sel, RDF.type, OA.TextPositionSelector) in g:
                start, end = int(one(sel, OA.start)), int(one(sel, OA.end))
            elif (sel, RDF.type, OA.TextQuoteSelector) in g:
                exact = str(one(sel, OA.exact))
        if start is None or exact is None:
            raise ValueError(f"<{d}> has no text position or text quote selector")
        changes = []
        nodes = sorted(g.objects(d, EKGR.change), key=_change_order)
        for node in nodes:
            prop = _NAME.get(one(node, EKGR.property))
            if prop is None:
                raise ValueError(f"<{node}> sets a property a decision cannot set")
            label = g.value(node, RDFS.label)
            changes.append(Change(prop, str(one(node, EKGR.newValue)), str(label or ""),
                                  tuple(sorted(str(o) for o in g.objects(node, EKGR.oldValue)))))
        reviewer = one(d, PROV.wasAssociatedWith)
        return cls(action, item, str(one(target, EKGR.sha256)), start, end, exact,
                   by=str(one(reviewer, RDFS.label)), at=_utc(one(d, PROV.endedAtTime)),
                   reason=str(g.value(d, EKGR.reason) or ""), changes=tuple(changes),
                   replaces=str(g.value(d, EKGR.replaces) or ""))


def decisions_in(g: Graph) -> list[Decision]:
    """Every decision of the graph (or dataset) *g*, in time order (then by IRI)."""
    found = [Decision.from_graph(g, d) for d in set(g.subjects(RDF.type, EKGR.Decision))]
    return sorted(found, key=lambda x: (x.at, x.key))


def _change_order(node) -> tuple:
    tail = str(node).rsplit("/", 1)[-1]
    return (int(tail) if tail.isdigit() else 0, str(node))


def _value(prop: str, value: str):
    if prop in ("killed", "injured"):
        return Literal(int(value), datatype=XSD.integer)    # kept so by the store
    if prop == "date":
        dt = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
        return Literal(value, datatype=dt)
    if prop in LITERAL_PROPERTIES:
        return Literal(value)
    return URIRef(value)


def _utc(lit) -> str:
    text = str(lit)
    return text.replace("+00:00", "Z")


def _slug(name: str) -> str:
    from kg.iris import slug

    return slug(name or "anonymous")


def check_sha256(value: str) -> bool:
    return bool(_SHA.match(value))


def conflicts(decisions: Iterable[Decision]) -> list[tuple[Decision, Decision]]:
    """Pairs of decisions about one item that cannot both hold: one rejects what the other
    keeps, or both set one property to different values (decisions by one reviewer, where
    the later revises the earlier, are not conflicts)."""
    by_anchor: dict = {}
    for d in decisions:
        if d.action in ("merge", "split"):          # about pairs of reports
            me = f"{d.sha256}:{d.start}-{d.end}"
            for c in d.changes:
                by_anchor.setdefault(tuple(sorted((me, c.value))), []).append(d)
        else:
            by_anchor.setdefault(d.anchor, []).append(d)
    out = []
    for group in by_anchor.values():
        group = sorted(set(group), key=lambda x: (x.at, x.key))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.by != b.by and _disagree(a, b):
                    out.append((a, b))
    return out


def _disagree(a: Decision, b: Decision) -> bool:
    if {a.action, b.action} & {"merge", "split"}:     # grouped by a pair of reports
        return a.action != b.action
    if (a.action == "reject") != (b.action == "reject"):
        return True
    for prop in {c.prop for c in a.changes} & {c.prop for c in b.changes}:
        if {c.value for c in a.values(prop)} != {c.value for c in b.values(prop)}:
            return True
    return False


def describe(d: Decision) -> str:
    """One line: who decided what about which words, when and why."""
    what = d.action
    if d.changes:
        what += " " + ", ".join(f"{c.prop}={_shown(c)}" for c in d.changes)
    words = d.exact if len(d.exact) <= 60 else d.exact[:57] + "..."
    why = f" ({d.reason})" if d.reason else ""
    return (f"{d.by} at {d.at}: {what} {d.item} {d.article_id} [{d.start}-{d.end}] "
            f"\u201c{words}\u201d{why}")


def _shown(c: Change) -> str:
    if c.prop == "report":                 # the other report: its article and offsets
        sha, _, span = c.value.partition(":")
        return f"{sha[:16]}[{span}]"
    return c.label or _short(c.value)


def _short(value: str) -> str:
    for base, prefix in ((DATA_IRI, "id:"), (str(EKG), "ekg:")):
        if value.startswith(base):
            return prefix + value[len(base):]
    return value


def find_anchor(text: str, quote: Optional[str], start: Optional[int], end: Optional[int]
                ) -> tuple[int, int]:
    """The offsets of the words a user points at: *start* and *end*, or the one place where
    *quote* occurs (ValueError when it occurs nowhere, or more than once without offsets),
    or *quote* at *start*.

    >>> find_anchor("a b a b", "a b", None, None)
    Traceback (most recent call last):
    ...
    ValueError: the quote occurs more than once; give its offsets (--start) too
    >>> find_anchor("a b a b", "a b", 4, None), find_anchor("a b a b", None, 2, 3)
    ((4, 7), (2, 3))
    """
    if start is not None and end is None and quote:
        end = start + len(quote)
    if start is not None and end is not None:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"offsets {start}-{end} are outside the text "
                             f"({len(text):,} characters)")
        if quote is not None and text[start:end] != quote:
            raise ValueError(f"the words at {start}-{end} are not the quote given")
        return start, end
    if not quote:
        raise ValueError("give the exact words (--quote) or their offsets (--start, --end)")
    first = text.find(quote)
    if first < 0:
        raise ValueError("the quote does not occur in the article")
    if text.find(quote, first + 1) >= 0:
        raise ValueError("the quote occurs more than once; give its offsets (--start) too")
    return first, first + len(quote)


__all__ = ["Change", "Decision", "ACTIONS", "ITEMS", "PROPERTIES", "CLAIM_PROPERTIES",
           "ATTACK_PROPERTIES", "conflicts", "decisions_in", "describe", "find_anchor", "now"]
