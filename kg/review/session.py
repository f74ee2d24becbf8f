"""The Python API of review: make decisions, see where they stand, export and import them.

    from kg.review.session import decide, status
    with Store.open("kg-store", "w") as store:
        d = decide(store, "reject", item="id:article/3f.../allegation/120-180",
                   by="Ana", reason="a headline, not a claim")
    with Store.open("kg-store") as store:
        for row in status(store): print(row.state, row.line)

Every decision is checked against the article as stored (the words must be there, and an
item on them unless the decision adds one), then stored and applied in one write
(`Store.write_articles(..., decisions=...)`).  docs/review.md has the commands.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, TextIO

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg import iris
from kg.errors import ReviewError
from kg.model import DENIAL_KINDS, TARGET_CATEGORIES, PartialDate
from kg.namespaces import DATA_IRI, EKG, EKGR, RDF
from kg.review.apply import apply_decisions, find_items
from kg.review.decisions import (ATTACK_PROPERTIES, CLAIM_PROPERTIES, PROPERTIES, Change,
                                 Decision, conflicts, decisions_in, describe, find_anchor, now)

REVIEWER_ENV = "KG_REVIEWER"
_ARTICLE_IN_IRI = re.compile(r"/article/([0-9a-f]{16})/(allegation|denial)/(\d+)-(\d+)")
_ATTACK_IN_IRI = re.compile(r"/attack/([0-9a-f]{16})-(\d+)-(\d+)$")


def expand(value: str) -> str:
    """``id:...`` and ``ekg:...`` as full IRIs; anything else as given."""
    if value.startswith("id:"):
        return DATA_IRI + value[3:]
    if value.startswith("ekg:"):
        return str(EKG) + value[4:]
    return value


def reviewer(by: Optional[str]) -> str:
    name = (by or os.environ.get(REVIEWER_ENV) or "").strip()
    if not name:
        raise ReviewError("E644", "no reviewer named", "every decision says who made it",
                          f"give --by NAME or set {REVIEWER_ENV}")
    return name


# --- what a decision is about ---------------------------------------------------------------
@dataclass
class Target:
    sha256: str
    start: int
    end: int
    exact: str
    item: str
    article_id: str
    machine: Graph = field(repr=False, default=None)
    replaces: str = ""


def locate(store, *, item: Optional[str] = None, article: Optional[str] = None,
           quote: Optional[str] = None, start: Optional[int] = None,
           end: Optional[int] = None, kind: str = "claim") -> Target:
    """The words a decision points at: an item's IRI (its main words), or an article with a
    quote or offsets."""
    from kg.store.review import machine_output

    if item:
        full = expand(item)
        m, a = _ARTICLE_IN_IRI.search(full), _ATTACK_IN_IRI.search(full)
        if not (m or a):
            raise ReviewError("E640", f"{item} is not a claim or an attack report",
                              "claims are id:article/ID/allegation|denial/START-END..., "
                              "attack reports id:attack/ID-START-END",
                              "copy the IRI from a query's answer (kg query ...)")
        article = (m or a).group(1)
        kind = m.group(2) if m else "attack"
        start, end = (int(m.group(3)), int(m.group(4))) if m else (int(a.group(2)),
                                                                   int(a.group(3)))
        quote = None
    if not article or not store.has_article(article):
        raise ReviewError("E640", f"no article {article} in {store.path}",
                          "a decision points at the words of a stored article",
                          "list the ids with `kg store info --ids`")
    graph, _ = machine_output(store, article)
    art = iris.article_iri(article)
    text, sha = str(graph.value(art, EKG.text)), str(graph.value(art, EKG.sha256))
    try:
        start, end = find_anchor(text, quote, start, end)
    except ValueError as err:
        raise ReviewError("E640", f"cannot find the words in article {article}", str(err),
                          "give the exact words as they are in the article, or their "
                          "offsets") from None
    replaces = ""
    found = find_items(graph, start, end, kind)
    if item:
        replaces = expand(item) if URIRef(expand(item)) in found else (found and str(found[0]))
    elif found:
        replaces = str(found[0])
    return Target(sha, start, end, text[start:end], kind, article, graph, replaces or "")


# --- the values of a correction ---------------------------------------------------------------
def _agent(value: str) -> tuple[str, str]:
    """An agent's IRI and, for a name, its label: the canonical key of the name, so that
    "Russia's Defence Ministry" is the node the extractor makes of it."""
    if value.startswith(("id:", "http://", "https://")):
        return expand(value), ""
    from kg.resolve.names import canonical

    key, label, _kind, _state = canonical(value)
    return str(iris.agent_iri(key or value)), label or value


def _place(value: str) -> tuple[str, str]:
    if value.startswith(("id:", "http://", "https://")):
        return expand(value), ""
    return str(iris.place_iri(value)), value


def _offsets(text: str, value: str) -> tuple[str, str]:
    if re.fullmatch(r"\d+-\d+", value):
        return value, ""
    try:
        s, e = find_anchor(text, value, None, None)
    except ValueError as err:
        raise ReviewError("E642", f"cannot find {value!r} in the article", str(err),
                          "give the claim's words exactly, or its offsets START-END") from None
    return f"{s}-{e}", ""


def changes_from(target: Target, values: dict) -> tuple:
    """`Change`s from option values: ``{"source": ["Human Rights Watch"], "killed": ["12"]}``."""
    text = str(target.machine.value(iris.article_iri(target.article_id), EKG.text))
    allowed = ATTACK_PROPERTIES if target.item == "attack" else CLAIM_PROPERTIES
    out = []
    for prop, given in values.items():
        if not given:
            continue
        if prop not in allowed:
            raise ReviewError("E642", f"a {target.item} has no {prop} to correct",
                              f"a {target.item} has: {', '.join(allowed)}",
                              "correct claims with --kind, --source...; attacks with "
                              "--place, --date...")
        old = _old(target, prop)
        for n, raw in enumerate(given):
            value, label = _convert(prop, raw, text)
            out.append(Change(prop, value, label, old if n == 0 else ()))
    return tuple(out)


def _old(target: Target, prop: str) -> tuple:
    if not target.replaces:
        return ()
    g, node = target.machine, URIRef(target.replaces)
    vals = g.objects(node, PROPERTIES[prop])
    if prop == "kind":
        vals = [v for v in vals if v in (EKG.Allegation, EKG.Denial)]
    if prop in ("denies", "concerns"):
        return ()
    return tuple(sorted(str(v) for v in vals))


def _convert(prop: str, raw: str, text: str) -> tuple[str, str]:
    raw = raw.strip()
    bad = ReviewError("E642", f"{raw!r} is not a value for {prop}", None, None)
    if prop in ("source", "accused", "defends", "perpetrator"):
        return _agent(raw)
    if prop == "location":
        return _place(raw)
    if prop in ("denies", "concerns"):
        return _offsets(text, raw)
    if prop == "kind":
        if raw not in ("allegation", "denial"):
            bad.cause, bad.fix = "a claim is an allegation or a denial", "--kind denial"
            raise bad
        return str(EKG.Denial if raw == "denial" else EKG.Allegation), ""
    if prop == "denial_kind":
        from kg.rdf import DENIAL_KIND

        if raw not in DENIAL_KINDS:
            bad.cause, bad.fix = "not a kind of denial", "one of " + ", ".join(DENIAL_KINDS)
            raise bad
        return str(DENIAL_KIND[raw]), ""
    if prop == "attribution":
        from kg.rdf import ATTRIBUTION

        if raw not in ATTRIBUTION:
            bad.cause, bad.fix = "not an attribution", "one of " + ", ".join(ATTRIBUTION)
            raise bad
        return str(ATTRIBUTION[raw]), ""
    if prop == "target":
        from kg.rdf import TARGET_CLASS

        if raw not in TARGET_CATEGORIES:
            bad.cause, bad.fix = "not a target category", "one of " + ", ".join(
                TARGET_CATEGORIES)
            raise bad
        return str(TARGET_CLASS[raw]), ""
    if prop == "date":
        try:
            return str(PartialDate.parse(raw)), ""
        except ValueError:
            bad.cause, bad.fix = "not a date", "YYYY-MM-DD, YYYY-MM or YYYY"
            raise bad from None
    if not raw.isdigit():                       # killed, injured
        bad.cause, bad.fix = "not a number", "a whole number, such as 12"
        raise bad
    return str(int(raw)), ""


# --- deciding -------------------------------------------------------------------------------
def decide(store, action: str, *, by: Optional[str] = None, reason: str = "",
           at: Optional[str] = None, values: Optional[dict] = None, **where) -> Decision:
    """Make one decision (`kg review accept|reject|correct|add`), store it and apply it.

    *where* says what it is about (`locate`: ``item=``, or ``article=`` with ``quote=`` or
    ``start=``/``end=``, and ``kind=``); *values* the corrections (`changes_from`)."""
    target = locate(store, **where)
    if action != "add" and not target.replaces:
        raise ReviewError("E641", f"no {target.item} on the words {target.start}-{target.end} "
                          f"of article {target.article_id}",
                          f"\u201c{target.exact[:80]}\u201d carries no {target.item} now",
                          "to add one the machine missed, use `kg review add`")
    if action == "add" and target.item == "claim" and not (values or {}).get("kind"):
        raise ReviewError("E642", "an added claim needs its kind",
                          "a claim is an allegation or a denial", "give --kind denial")
    if action == "add" and target.item != "attack" and not (values or {}).get("source"):
        raise ReviewError("E642", "an added claim needs its source",
                          "every claim says who makes it", "give --source NAME")
    changes = changes_from(target, values or {})
    if action == "correct" and not changes:
        raise ReviewError("E642", "a correction changes nothing",
                          "no new value was given", "give --source, --kind, --date...")
    d = Decision(action, target.item, target.sha256, target.start, target.end, target.exact,
                 by=reviewer(by), at=at or now(), reason=reason, changes=changes,
                 replaces=target.replaces)
    store.write_articles([_machine(store, target.article_id)], decisions=[d])
    return d


# --- merging and splitting incidents ------------------------------------------------------------
_INCIDENT_REPORTS = """PREFIX ekg: <https://w3id.org/evidence-kg/ns#>
SELECT ?r WHERE { ?i ekg:report ?r } ORDER BY ?r"""
_INCIDENT_OF = """PREFIX ekg: <https://w3id.org/evidence-kg/ns#>
SELECT ?i WHERE { ?i ekg:report ?r } ORDER BY ?i"""


def _reports_of(store, value: str) -> list[str]:
    """An incident's reports, or the report itself."""
    full = expand(value)
    if "/incident/" not in full:
        return [full]
    rows = [r["r"].value for r in store.query(_INCIDENT_REPORTS, {"i": ox.NamedNode(full)})]
    if not rows:
        raise ReviewError("E640", f"no incident {value} in {store.path}",
                          "incidents are recomputed on every write",
                          "find it again with `kg query incidents_by_grade`")
    return rows


def link(store, action: str, report: str, others: Iterable[str] = (), *,
         by: Optional[str] = None, reason: str = "", at: Optional[str] = None) -> Decision:
    """Merge (`action` "merge") the incident of *report* with *others* (reports or
    incidents), or split (`action` "split") *report* from *others* (by default, the other
    reports of its incident): a decision on the report's words naming the others' words."""
    first = _reports_of(store, report)[0]
    if action == "split" and not others:
        incidents = [r["i"].value for r in store.query(_INCIDENT_OF, {"r": ox.NamedNode(first)})]
        others = [m for i in incidents for m in _reports_of(store, i) if m != first]
    targets = sorted({m for o in others for m in (_reports_of(store, o)[:1] if action == "merge"
                                                  else _reports_of(store, o))} - {first})
    if not targets:
        raise ReviewError("E642", f"nothing to {action} {report} with",
                          "no other attack report was named or is in its incident",
                          "name the other report or incident")
    target = locate(store, item=first)
    if not target.replaces:
        raise ReviewError("E641", f"no attack report {report} in {store.path}", None,
                          "copy the IRI from `kg query incident_case`")
    changes = []
    for other in targets:
        t = locate(store, item=other)
        changes.append(Change("report", f"{t.sha256}:{t.start}-{t.end}", t.exact))
    d = Decision(action, "attack", target.sha256, target.start, target.end, target.exact,
                 by=reviewer(by), at=at or now(), reason=reason, changes=tuple(changes),
                 replaces=target.replaces)
    store.write_articles([_machine(store, target.article_id)], decisions=[d])
    return d


def _machine(store, article_id: str):
    from kg.store.review import machine_output

    return machine_output(store, article_id)


# --- where decisions stand --------------------------------------------------------------------
@dataclass
class StatusRow:
    decision: Decision
    state: str                  # "applied", "unmatched", "conflict"
    detail: str = ""

    @property
    def line(self) -> str:
        extra = f" — {self.detail}" if self.detail else ""
        return f"{self.state:9s} {describe(self.decision)}{extra}"


def status(store) -> list[StatusRow]:
    """Every decision in the store: applied (to which item), unmatched (why), and the
    conflicts between decisions about one item."""
    from kg.store.review import read_decisions

    decisions = read_decisions(store)
    by_article: dict = {}
    for d in decisions:
        by_article.setdefault(d.article_id, []).append(d)
    rows = []
    for aid in sorted(by_article):
        if not store.has_article(aid):
            rows += [StatusRow(d, "unmatched", "its article is not in the store")
                     for d in by_article[aid]]
            continue
        graph, facts = _machine(store, aid)
        _, _, outcomes = apply_decisions(graph, facts, by_article[aid])
        for o in outcomes:
            rows.append(StatusRow(o.decision, "applied" if o.applied else "unmatched",
                                  _short(str(o.item)) if o.applied else o.problem))
    for a, b in conflicts(decisions):
        rows.append(StatusRow(b, "conflict", f"with {describe(a)}"))
    return rows


def _short(iri: str) -> str:
    return "id:" + iri[len(DATA_IRI):] if iri.startswith(DATA_IRI) else iri


# --- export and import ------------------------------------------------------------------------
def decision_graphs(store) -> list[Graph]:
    return [d.graph() for d in _stored(store)]


def _stored(store) -> list[Decision]:
    from kg.store.review import read_decisions

    return read_decisions(store)


def export_decisions(decisions: Iterable[Decision], fmt: str, out: TextIO) -> None:
    """Decisions as TriG or JSON-LD (one named graph each), the same bytes for the same
    decisions."""
    graphs = sorted((d.graph() for d in decisions), key=lambda g: str(g.identifier))
    if fmt == "trig":
        from kg.namespaces import PREFIXES

        used = ("ekgr", "ekg", "id", "oa", "prov", "rdf", "rdfs", "xsd")
        for p in used:
            out.write(f"@prefix {p}: <{PREFIXES[p]}> .\n")
        for g in graphs:
            out.write(f"\n<{g.identifier}> {{\n")
            for line in sorted(f"    {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g):
                out.write(line + "\n")
            out.write("}\n")
        return
    if fmt == "jsonld":
        from rdflib import Dataset

        ds = Dataset()
        for g in graphs:
            ctx = ds.graph(g.identifier)
            for t in g:
                ctx.add(t)
        data = json.loads(ds.serialize(format="json-ld"))
        data = sorted(data, key=lambda x: x.get("@id", ""))
        for graph in data:
            graph["@graph"] = sorted(graph.get("@graph", []), key=lambda x: x.get("@id", ""))
        out.write(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        return
    raise ReviewError("E645", f"cannot write decisions as {fmt}", "the formats are trig and "
                      "jsonld", "give --format trig or --format jsonld")


def read_decision_file(path: Path) -> list[Decision]:
    """The decisions of a TriG, N-Quads or JSON-LD file, after its shapes pass
    (`shapes/review/decisions.ttl`); `ReviewError` E643 names the file and the problem."""
    from kg.errors import KgError
    from kg.resources import shapes_dir
    from kg.validate.loaders import load_graph
    from kg.validate.shacl import validate

    try:
        g = load_graph(path)
    except KgError as err:
        raise ReviewError("E643", f"cannot read the decisions in {path}", err.cause or str(err),
                          "give a TriG, N-Quads or JSON-LD file `kg review export` wrote"
                          ) from None
    shapes = Graph().parse(shapes_dir() / "review" / "decisions.ttl", format="turtle")
    report = validate([g], shapes, with_bundled=False)
    bad = [r for r in report.results if r.severity.value == "Violation"]
    if bad:
        first = bad[0]
        raise ReviewError("E643", f"{path} is not a valid decision file",
                          f"{len(bad)} violation(s) of its shapes, the first: "
                          f"<{first.focus_node}> {first.message}",
                          f"fix the file; `kg validate --shapes shapes/review {path}` lists "
                          "them all")
    try:
        return decisions_in(g)
    except ValueError as err:
        raise ReviewError("E643", f"{path} is not a valid decision file", str(err),
                          "export decisions with `kg review export`") from None


@dataclass
class ImportResult:
    added: list = field(default_factory=list)        # decisions new to the store
    known: int = 0                                   # already there
    conflicts: list = field(default_factory=list)    # (one, other) pairs


def import_decisions(store, decisions: list[Decision]) -> ImportResult:
    """Add decisions made elsewhere (`read_decision_file`) and apply them; report those that
    conflict with each other or with the store's (both kept: the later applies)."""
    stored = _stored(store)
    keys = {d.key for d in stored}
    res = ImportResult()
    for d in decisions:
        if d.key in keys:
            res.known += 1
        elif d.key not in {x.key for x in res.added}:
            res.added.append(d)
    new_keys = {d.key for d in res.added}
    res.conflicts = [(a, b) for a, b in conflicts(stored + res.added)
                     if a.key in new_keys or b.key in new_keys]
    if res.added:
        articles = sorted({d.article_id for d in res.added if store.has_article(d.article_id)})
        store.write_articles([_machine(store, a) for a in articles], decisions=res.added)
    return res


def in_store(db: ox.Store) -> int:
    """How many decisions a database holds."""
    return sum(1 for _ in db.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                                ox.NamedNode(str(EKGR.Decision)),
                                                ox.DefaultGraph()))


__all__ = ["ImportResult", "StatusRow", "Target", "decide", "export_decisions", "link",
           "import_decisions", "locate", "read_decision_file", "reviewer", "status"]
