"""SHACL validation compiled to SPARQL and run by Oxigraph, on a store of any size.

pySHACL evaluates each constraint node by node in Python; on a million triples that takes
half a minute, and a SPARQL-based constraint runs its query once per focus node.  Here
each constraint of ``shapes/*.ttl`` becomes one SPARQL SELECT that returns all its
violations at once, run by Oxigraph on the store itself.  The results are the same as
pySHACL's (`kg.validate.pyshacl_report`) on the same data: same focus nodes, shapes,
severities, components and values.  Tests check that on every shape case, the example
graphs and a large randomly damaged corpus.

>>> import pyoxigraph as ox
>>> from kg.resources import ontology_dir
>>> from kg.validate.engine import validate_store
>>> example = ontology_dir().parent / "examples" / "graph" / "invalid" / "denial-denies-nothing.ttl"
>>> store = ox.Store()
>>> store.load(path=str(example), format=ox.RdfFormat.TURTLE,
...            to_graph=ox.NamedNode("https://w3id.org/evidence-kg/id/graph/article/x"))
>>> [str(r.source_shape).split("#")[1] for r in validate_store(store).results]
['DenialDeniesOrConcerns']

Scope.  With ``graphs=None`` everything is validated: the union of the store's graphs
except the ontology graph (`kg.iris.ONTOLOGY_GRAPH`).  With a list of graphs (the article
graphs just ingested), only the focus nodes those graphs mention, as subject or object,
are validated, but their values and the types of their values are read from the whole
union: an article names agents of the entities graph, and a denial may deny an
allegation of another article.  The cost follows the size of the graphs, not the store.

How a constraint becomes a query, and where Python decides instead, is in `components`;
the list of supported SHACL is in `shapes`.  An unsupported term raises
`UnsupportedShapeError` when the shapes are compiled.

The data validated is the store's with the integer datatype declared for each property
given back (``oa:start 5`` is ``"5"^^xsd:nonNegativeInteger``: `kg.store.terms.DatatypeRestorer`),
which is what ``kg export`` writes.  Where the engine and pySHACL differ (ill-formed literals,
values rdflib cannot order, SPARQL type errors...) is in docs/validation-engine.md;
`kg.validate.combined` hands what the engine refuses to pySHACL.
"""

from __future__ import annotations

from typing import Iterable, Optional, Union

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.validate.engine.run import CompiledShapes, bundled
from kg.validate.engine.shapes import UnsupportedShapeError
from kg.validate.report import ValidationReport


def compile_shapes(shapes: Optional[Graph] = None, hierarchy: Optional[Graph] = None
                   ) -> CompiledShapes:
    """Compile *shapes* (default: the bundled ``shapes/*.ttl``, compiled once and cached)
    with the class *hierarchy* (default: the ontology's named classes)."""
    if shapes is None and hierarchy is None:
        return bundled()
    from kg.validate.shacl import class_hierarchy, declared_datatypes, shapes_graph
    return CompiledShapes(shapes if shapes is not None else shapes_graph(),
                          hierarchy if hierarchy is not None else class_hierarchy(),
                          restorer=declared_datatypes())


def validate_store(store: ox.Store, graphs: Optional[Iterable[Union[ox.NamedNode, URIRef]]] = None,
                   *, shapes: Optional[CompiledShapes] = None,
                   default_graph: bool = False) -> ValidationReport:
    """Validate *store* against the bundled shapes (or compiled *shapes*).

    ``graphs=None`` validates everything but the ontology graph; a list of named graphs
    validates the focus nodes those graphs mention, reading values from the whole store
    (from its default graph only with *default_graph*: see `CompiledShapes.validate`).
    """
    return (shapes or bundled()).validate(store, graphs, default_graph=default_graph)


__all__ = ["CompiledShapes", "UnsupportedShapeError", "compile_shapes", "validate_store"]
