"""The store as a GraphML network, for Gephi, Cytoscape, yEd and networkx
(``kg export --format graphml``).

RDF is a graph of resources; a network tool wants nodes with attributes and edges:

* every IRI or blank node that is the subject or object of a triple whose object is not a
  literal is a **node**, with attributes ``iri``, ``label`` (its ``rdfs:label``, title, or
  the words of a quote; else its IRI's last segment) and ``type`` (its classes, prefixed
  names joined by spaces: ``ekg:Allegation``);
* every such triple but ``rdf:type`` is a directed **edge**, with attribute ``predicate``
  (``ekg:source``, ``ekg:concerns``, ``ekg:denies``...);
* every literal value becomes a node attribute named by its predicate (``ekg:killed``,
  ``oa:exact``; several values of one predicate joined by `` | ``), typed ``int`` when
  every value is an integer.

Nodes are numbered in the code-point order of their N-Triples form, edges in the order of
their triples, attribute keys by name: the same store gives the same bytes.

>>> import io; from kg.graphml import write_triples
>>> import pyoxigraph as ox
>>> s, p = ox.NamedNode("https://w3id.org/evidence-kg/id/agent/a"), ox.NamedNode(
...     "https://w3id.org/evidence-kg/ns#speaksFor")
>>> out = io.StringIO(); write_triples([(s, p, ox.NamedNode("urn:x:b"))], out)
>>> out.getvalue().count("<node "), out.getvalue().count("<edge ")
(2, 1)
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, TextIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.namespaces import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
LABELS = (PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title", PREFIXES["oa"] + "exact")
_INTEGER = re.compile(r"-?[0-9]{1,18}")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def short(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and iri[len(ns):]:
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _xml(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def write_graphml(store, out: TextIO, with_ontology: bool = True) -> None:
    """Write *store*'s public graphs, merged, as GraphML."""
    from kg.export import merged_by_subject

    write_triples((t for _, _, ts in merged_by_subject(store, with_ontology) for t in ts), out)


def write_triples(triples: Iterable[tuple], out: TextIO) -> None:
    """Write *triples* (pyoxigraph terms) as GraphML."""
    nodes: dict[str, object] = {}
    types: dict[str, set[str]] = defaultdict(set)
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    edges: list[tuple[str, str, str]] = []
    for s, p, o in triples:
        key = str(s)
        nodes[key] = s
        if isinstance(o, ox.Literal):
            values[key][p.value].append(o.value)
        elif p.value == RDF_TYPE:
            types[key].add(short(o.value))
        else:
            nodes[str(o)] = o
            edges.append((key, short(p.value), str(o)))
    ids = {k: f"n{i}" for i, k in enumerate(sorted(nodes))}
    attributes = sorted({p for v in values.values() for p in v})
    integer = {p for p in attributes
               if all(len(v.get(p, [])) <= 1 and all(_INTEGER.fullmatch(x) for x in v.get(p, []))
                      for v in values.values())}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    keys = {"iri": "d0", "label": "d1", "type": "d2"}
    for name, kid in keys.items():
        out.write(f'  <key id="{kid}" for="node" attr.name="{name}" attr.type="string"/>\n')
    for i, p in enumerate(attributes, len(keys)):
        keys[p] = f"d{i}"
        kind = "long" if p in integer else "string"
        out.write(f'  <key id="d{i}" for="node" attr.name={quoteattr(short(p))} '
                  f'attr.type="{kind}"/>\n')
    out.write('  <key id="e0" for="edge" attr.name="predicate" attr.type="string"/>\n')
    out.write('  <graph id="evidence-kg" edgedefault="directed">\n')
    for k in sorted(nodes):
        _node(out, ids[k], nodes[k], types.get(k, set()), values.get(k, {}), keys)
    for i, (a, p, b) in enumerate(sorted(set(edges))):
        out.write(f'    <edge id="e{i}" source="{ids[a]}" target="{ids[b]}">'
                  f'<data key="e0">{_xml(p)}</data></edge>\n')
    out.write("  </graph>\n</graphml>\n")


def _node(out: TextIO, nid: str, term, types: set[str], vals: dict[str, list[str]],
          keys: dict[str, str]) -> None:
    iri = term.value if isinstance(term, ox.NamedNode) else str(term)
    label = next((sorted(vals[p])[0] for p in LABELS if vals.get(p)), "")
    if not label:
        label = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    out.write(f'    <node id="{nid}">')
    out.write(f'<data key="d0">{_xml(iri)}</data><data key="d1">{_xml(label)}</data>')
    if types:
        out.write(f'<data key="d2">{_xml(" ".join(sorted(types)))}</data>')
    for p in sorted(vals):
        out.write(f'<data key="{keys[p]}">{_xml(" | ".join(sorted(vals[p])))}</data>')
    out.write("</node>\n")
