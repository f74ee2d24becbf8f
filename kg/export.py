"""Exports of the store that other tools read unchanged, byte for byte the same every time.

Formats (`FORMATS`):

* ``nquads`` and ``trig``: every public graph under its name (the ontology, the entities,
  one graph per article, one per incident), graphs in IRI order;
* ``ntriples`` and ``turtle``: the merge of those graphs, each triple once;
* ``rdfxml``: the merge as RDF/XML (Oxigraph's writer, subjects in code-point order);
* ``jsonld``: the named graphs as JSON-LD (through rdflib; for small stores); RDF lists
  (``owl:unionOf``...) keep their order;
* ``graphml``: the merge as a network for Gephi and Cytoscape (`kg.graphml`);
* ``incidents-csv``: not RDF: one row per incident (date and precision, place and
  coordinates, targets, alleged perpetrators, lowest and highest figures, grades, voices,
  denials, reports, first and last report), for spreadsheets.

Determinism: the same store gives the same bytes.  Lines (N-Triples, N-Quads) are sorted;
Turtle and TriG list subjects, then predicates (``a`` first), then objects, in code-point
order of their N-Triples form.  Literals are Oxigraph's canonical forms with the datatypes
docs/design.md declares (``xsd:nonNegativeInteger`` offsets and counts; see
`kg.store.terms`).  Prefixed names are used only where the local name is plain
(letters, digits, ``_``, ``-``), so the Turtle reads the same in every parser, old ones too.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from collections import defaultdict
from typing import Iterable, Iterator, TextIO

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.store import layout

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "rdfxml", "graphml",
           "incidents-csv")
RDF_FORMATS = FORMATS[:6]
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt",
            "jsonld": ".jsonld", "rdfxml": ".rdf", "graphml": ".graphml", "incidents-csv": ".csv"}
#: File extension -> format, for ``kg export -o FILE`` (each format's own, and aliases).
BY_SUFFIX = {**{v: k for k, v in SUFFIXES.items()}, ".turtle": "turtle", ".json": "jsonld",
             ".xml": "rdfxml", ".owl": "rdfxml"}
RDF_TYPE = PREFIXES["rdf"] + "type"
_PLAIN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


# --- terms -----------------------------------------------------------------------------------
def iri_text(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _PLAIN_LOCAL.fullmatch(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return str(ox.NamedNode(iri))


def term_text(t) -> str:
    """A term in Turtle: prefixed names where safe, N-Triples syntax otherwise."""
    if isinstance(t, ox.NamedNode):
        return iri_text(t.value)
    if isinstance(t, ox.Literal):
        if t.language or t.datatype.value == PREFIXES["xsd"] + "string":
            return str(t)
        return f"{ox.Literal(t.value)}^^{iri_text(t.datatype.value)}"
    return str(t)  # blank node: _:label


# --- what to write ---------------------------------------------------------------------------
def merged_triples(store, with_ontology: bool) -> Iterator[tuple]:
    """The default graph (the merge of the public graphs), datatypes as declared."""
    db = store.db
    ontology_only = _ontology_only(store, with_ontology)
    quads = store._restorer.quads(db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    for q in quads:
        t = (q.subject, q.predicate, q.object)
        if t not in ontology_only:
            yield t


def _ontology_only(store, with_ontology: bool) -> set:
    """Without the ontology: the triples only the ontology graph holds."""
    db = store.db
    ontology_only: set = set()
    if not with_ontology:
        for q in db.quads_for_pattern(None, None, None, layout.ONTOLOGY_GRAPH):
            t = (q.subject, q.predicate, q.object)
            if not any(g.graph_name not in (ox.DefaultGraph(), layout.ONTOLOGY_GRAPH)
                       and layout.is_public_graph(g.graph_name.value)
                       for g in db.quads_for_pattern(*t, None)):
                ontology_only.add(t)
    return ontology_only


def merged_by_subject(store, with_ontology: bool) -> Iterator[tuple[str, object, list]]:
    """`merged_triples` one subject at a time, ``(key, subject, triples)`` in code-point order
    of the key (the subject's N-Triples form): only the subjects are held in memory, each
    subject's triples are read by index when its turn comes."""
    db = store.db
    ontology_only = _ontology_only(store, with_ontology)
    seen = {q.subject for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    subjects = {str(s): s for s in seen}
    del seen
    for key in sorted(subjects):
        s = subjects[key]
        quads = store._restorer.quads(db.quads_for_pattern(s, None, None, ox.DefaultGraph()))
        triples = [t for t in ((q.subject, q.predicate, q.object) for q in quads)
                   if t not in ontology_only]
        if triples:
            yield key, s, triples


def _graphs(store, with_ontology: bool) -> Iterator[tuple[ox.NamedNode, list]]:
    names = sorted(store.graph_names(with_ontology=with_ontology), key=lambda g: g.value)
    for g in names:
        yield g, [(q.subject, q.predicate, q.object) for q in store.quads(g)]


# --- writers ---------------------------------------------------------------------------------
def _prefixes(out: TextIO) -> None:
    for prefix, ns in PREFIXES.items():
        out.write(f"@prefix {prefix}: <{ns}> .\n")


def _turtle_body(triples: Iterable[tuple], out: TextIO, indent: str = "") -> None:
    by_subject: dict = defaultdict(list)
    subjects: dict = {}
    for t in triples:
        key = str(t[0])
        subjects[key] = t[0]
        by_subject[key].append(t)
    for key in sorted(by_subject):
        _subject_block(subjects[key], by_subject[key], out, indent)


def _subject_block(subject, triples: list[tuple], out: TextIO, indent: str = "") -> None:
    """One subject with its predicates (``a`` first) and objects, sorted."""
    preds: dict = defaultdict(list)
    for _, p, o in triples:
        preds[p.value].append(o)
    out.write(f"\n{indent}{term_text(subject)}\n")
    order = sorted(preds, key=lambda p: (p != RDF_TYPE, p))
    for i, p in enumerate(order):
        verb = "a" if p == RDF_TYPE else iri_text(p)
        rendered = [term_text(o) for o in sorted(preds[p], key=str)]
        end = " ;" if i < len(order) - 1 else " ."
        if len(rendered) == 1:
            out.write(f"{indent}    {verb} {rendered[0]}{end}\n")
        else:
            out.write(f"{indent}    {verb}\n")
            for j, r in enumerate(rendered):
                sep = " ," if j < len(rendered) - 1 else end
                out.write(f"{indent}        {r}{sep}\n")


def write_turtle(store, out: TextIO, with_ontology: bool = True) -> None:
    _prefixes(out)
    for _, subject, triples in merged_by_subject(store, with_ontology):
        _subject_block(subject, triples, out)


def write_trig(store, out: TextIO, with_ontology: bool = True) -> None:
    _prefixes(out)
    for g, triples in _graphs(store, with_ontology):
        out.write(f"\n{str(g)} {{\n")
        _turtle_body(triples, out, indent="    ")
        out.write("}\n")


def write_ntriples(store, out: TextIO, with_ontology: bool = True) -> None:
    # lines in code-point order: by subject (a subject's N-Triples form never ends where
    # another's goes on with a character before the space), then within each subject
    for _, _, triples in merged_by_subject(store, with_ontology):
        out.writelines(sorted(f"{s} {p} {o} .\n" for s, p, o in triples))


def write_nquads(store, out: TextIO, with_ontology: bool = True) -> None:
    for g, triples in _graphs(store, with_ontology):
        out.writelines(sorted(f"{s} {p} {o} {g} .\n" for s, p, o in triples))


def write_jsonld(store, out: TextIO, with_ontology: bool = True) -> None:
    from kg.store.terms import to_rdflib
    from rdflib import Dataset

    ds = Dataset()
    for g, triples in _graphs(store, with_ontology):
        graph = ds.graph(to_rdflib(g))
        for s, p, o in triples:
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    with warnings.catch_warnings():  # rdflib's own deprecations, not ours to fix
        warnings.simplefilter("ignore", DeprecationWarning)
        text = ds.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    data = json.loads(text)
    out.write(json.dumps(_canonical_json(data), ensure_ascii=False, indent=1, sort_keys=True))
    out.write("\n")


def _canonical_json(value, ordered: bool = False):
    """JSON with every list sorted (rdflib's order follows Python's set order), except the
    members of an RDF list (``@list``), whose order is their meaning."""
    if isinstance(value, dict):
        return {k: _canonical_json(v, ordered=k == "@list") for k, v in value.items()}
    if isinstance(value, list) and ordered:
        return [_canonical_json(v) for v in value]
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def write_rdfxml(store, out: TextIO, with_ontology: bool = True) -> None:
    triples = (ox.Triple(*t) for _, _, ts in merged_by_subject(store, with_ontology) for t in ts)
    text = ox.serialize(triples, format=ox.RdfFormat.RDF_XML,
                        prefixes=dict(PREFIXES)).decode("utf-8")
    out.write(text if text.endswith("\n") else text + "\n")


def write_graphml(store, out: TextIO, with_ontology: bool = True) -> None:
    from kg.graphml import write_graphml as write

    write(store, out, with_ontology=with_ontology)


_INCIDENTS = """
PREFIX ekg: <https://w3id.org/evidence-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?i ?p ?o ?olabel ?cls WHERE {
  ?i a ekg:Incident ; ?p ?o .
  FILTER(?p IN (rdfs:label, ekg:earliestDate, ekg:latestDate, ekg:datePrecision, ekg:location,
                ekg:target, ekg:perpetrator, ekg:possiblePerpetrator, ekg:killedLow,
                ekg:killedHigh, ekg:injuredLow, ekg:injuredHigh, ekg:grade, ekg:voiceCount,
                ekg:denialCount, ekg:report, ekg:firstReported, ekg:lastReported))
  OPTIONAL { ?o rdfs:label ?olabel }
  OPTIONAL { ?o a ?cls . FILTER(?p = ekg:target) }
}"""
_COORDS = """PREFIX schema: <https://schema.org/>
SELECT ?pl ?lat ?lon WHERE { ?pl schema:latitude ?lat ; schema:longitude ?lon }"""
INCIDENT_COLUMNS = (
    "incident", "label", "date_from", "date_to", "date_precision", "place", "latitude",
    "longitude", "targets", "alleged_perpetrators", "killed_low", "killed_high",
    "injured_low", "injured_high", "grades", "independent_voices", "denials", "reports",
    "first_reported", "last_reported")


def incident_rows(store) -> list[dict]:
    """One dict per incident, the columns of `INCIDENT_COLUMNS`, sorted by incident."""
    rows: dict = {}
    for s in store.db.query(_INCIDENTS):
        row = rows.setdefault(s["i"].value, defaultdict(set))
        p = s["p"].value.rsplit("#", 1)[-1]
        o = s["o"]
        value = o.value if isinstance(o, ox.Literal) else o.value
        if p in ("location", "perpetrator", "possiblePerpetrator", "grade", "datePrecision"):
            value = (s["olabel"].value if s["olabel"] is not None and p != "grade"
                     else o.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
            if p == "location":
                row["_place_iri"].add(o.value)
        if p == "target":
            if s["cls"] is None or not s["cls"].value.startswith(PREFIXES["ekg"]):
                continue
            value = s["cls"].value.rsplit("#", 1)[-1]
        row[p].add(value)
    coords = {}
    if rows:
        for s in store.db.query(_COORDS):
            coords[s["pl"].value] = (s["lat"].value, s["lon"].value)
    return [_incident_row(iri, rows[iri], coords) for iri in sorted(rows)]


def _one(values: set) -> str:
    return min(values) if values else ""


def _incident_row(iri: str, r: dict, coords: dict) -> dict:
    lat, lon = coords.get(_one(r["_place_iri"]), ("", ""))
    return {
        "incident": iri, "label": _one(r["label"]), "date_from": _one(r["earliestDate"]),
        "date_to": _one(r["latestDate"]), "date_precision": _one(r["datePrecision"]),
        "place": _one(r["location"]), "latitude": lat, "longitude": lon,
        "targets": "; ".join(sorted(r["target"])),
        "alleged_perpetrators": "; ".join(sorted(r["perpetrator"] | r["possiblePerpetrator"])),
        "killed_low": _one(r["killedLow"]), "killed_high": _one(r["killedHigh"]),
        "injured_low": _one(r["injuredLow"]), "injured_high": _one(r["injuredHigh"]),
        "grades": "; ".join(sorted(r["grade"])), "independent_voices": _one(r["voiceCount"]),
        "denials": _one(r["denialCount"]), "reports": str(len(r["report"])),
        "first_reported": _one(r["firstReported"]), "last_reported": _one(r["lastReported"]),
    }


def write_incidents_csv(store, out: TextIO, with_ontology: bool = True) -> None:
    """One row per incident, for spreadsheets (comma-separated, UTF-8, one line per row,
    quoted where needed); *with_ontology* does not apply."""
    import csv

    w = csv.DictWriter(out, fieldnames=INCIDENT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in incident_rows(store):
        w.writerow(row)


WRITERS = {"turtle": write_turtle, "trig": write_trig, "ntriples": write_ntriples,
           "nquads": write_nquads, "jsonld": write_jsonld, "rdfxml": write_rdfxml,
           "graphml": write_graphml, "incidents-csv": write_incidents_csv}


def export(store, fmt: str, out: TextIO, *, with_ontology: bool = True) -> None:
    """Write the store to *out* (a text stream; write it as UTF-8) in *fmt*."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    WRITERS[fmt](store, out, with_ontology=with_ontology)


def export_text(store, fmt: str, *, with_ontology: bool = True) -> str:
    buf = io.StringIO()
    export(store, fmt, buf, with_ontology=with_ontology)
    return buf.getvalue()


__all__ = ["BY_SUFFIX", "FORMATS", "RDF_FORMATS", "SUFFIXES", "export", "export_text"]
