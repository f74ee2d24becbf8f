"""evidence-kg: an evidence-tracking knowledge graph of alleged attacks on protected objects.

News articles go in; an RDF graph comes out in which every allegation, denial and attack
points at the verbatim words that carry it.  The stages, one module (or package) each::

    ingest -> extract -> resolve -> rdf -> store -> validate -> query / export

`kg.pipeline` runs them top to bottom; `kg.cli` is the command line on top.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
