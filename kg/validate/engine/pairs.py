"""Constraint components that give their own rows (``?this ?value``, maybe ``?path``):
sh:closed (one result per property the shape does not allow), sh:equals and sh:disjoint (one
result per value in one set and not, or also, in the other).  Inside sh:not, sh:or... each is
a boolean EXISTS pattern (`focus_tri`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.namespaces import SH, XSD
from kg.validate.engine.components import Constraint, Tri
from kg.validate.engine.terms import sparql, to_ox

if TYPE_CHECKING:  # pragma: no cover
    pass


@dataclass(eq=False)
class ClosedConstraint(Constraint):
    """sh:closed true: every property of the focus node is a sh:path of the shape's property
    shapes or one of sh:ignoredProperties; one result per other (property, value)."""

    allowed: tuple = ()

    def _outside(self, p: str) -> str:
        return f"({p} NOT IN ({', '.join(sparql(a) for a in self.allowed)}))" if self.allowed \
            else "true"

    def rows_query(self, start: str, ctx) -> str:
        return (f"SELECT DISTINCT ?this ?path ?value WHERE {{ {start} ?this ?path ?value "
                f"FILTER{self._outside('?path')} }}")

    def focus_tri(self, focus, ctx):
        p, o = ctx.var("p"), ctx.var("o")
        return Tri.exact(f"EXISTS {{ {focus} {p} {o} FILTER{self._outside(p)} }}")

    def py_focus(self, view, focus, values):
        allowed = {to_ox(a) for a in self.allowed}
        return any(p not in allowed for p in view.predicates(focus))


def closed(reader, shape, param, value) -> Constraint:
    if not isinstance(value, Literal) or value.datatype != XSD.boolean:
        raise reader.malformed(shape.node, f"sh:closed {value.n3()} is not a boolean")
    if shape.is_property_shape:
        raise reader.unsupported(shape.node, SH.closed, "sh:closed on a property shape is not "
                                 "supported")
    g = reader.g
    allowed = {g.value(p, SH.path) for p in g.objects(shape.node, SH.property)}
    ignored = reader.one(shape.node, SH.ignoredProperties)
    if ignored is not None:
        allowed |= set(reader.items(shape.node, ignored))
    allowed = tuple(sorted(a for a in allowed if isinstance(a, URIRef)))
    return ClosedConstraint(shape, SH.ClosedConstraintComponent,
                            level="rows" if str(value) == "true" else "off", allowed=allowed)


@dataclass(eq=False)
class PairSetConstraint(Constraint):
    """sh:equals (the values of the path are those of another property) and sh:disjoint
    (they share none): one result per value in one set and not (or also) in the other."""

    other: URIRef = None
    equals: bool = True

    def _parts(self, x: str, v: str) -> list[str]:
        """Group patterns binding *v* to each value of a result (their union)."""
        other = sparql(self.other)
        if not self.shape.is_property_shape:        # the value node is the focus node
            if self.equals:
                return [f"{x} {other} {v} FILTER(!sameTerm({x}, {v}))",
                        f"FILTER NOT EXISTS {{ {x} {other} {x} }} BIND({x} AS {v})"]
            return [f"{x} {other} {x} BIND({x} AS {v})"]
        path = self.shape.path_sparql
        if self.equals:
            return [f"{x} {path} {v} FILTER NOT EXISTS {{ {x} {other} {v} }}",
                    f"{x} {other} {v} FILTER NOT EXISTS {{ {x} {path} {v} }}"]
        return [f"{x} {path} {v} . {x} {other} {v}"]

    def rows_query(self, start: str, ctx) -> str:
        union = " UNION ".join(f"{{ {start} {p} }}" for p in self._parts("?this", "?value"))
        return f"SELECT DISTINCT ?this ?value WHERE {{ {union} }}"

    def focus_tri(self, focus, ctx):
        v = ctx.var("v")
        return Tri.exact(" || ".join(f"EXISTS {{ {p} }}" for p in self._parts(focus, v)))

    def py_focus(self, view, focus, values):
        others = set(view.values(focus, sparql(self.other)))
        return set(values) != others if self.equals else bool(set(values) & others)


def pair_set(reader, shape, param, value) -> Constraint:
    if not isinstance(value, URIRef):
        raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} {value.n3()} is not an IRI")
    if str(value) in reader.declared or (shape.is_property_shape and any(
            str(p) in reader.declared for p in _path_iris(shape.path))):
        raise reader.unsupported(shape.node, param, f"it compares values of <{value}> or of its "
                                 "path, whose integers a store gives back as xsd:integer")
    equals = param == SH.equals
    comp = SH.EqualsConstraintComponent if equals else SH.DisjointConstraintComponent
    return PairSetConstraint(shape, comp, level="rows", other=value, equals=equals)


def _path_iris(path):
    from kg.validate.engine.shapes import path_iris
    return path_iris(path)


__all__ = ["ClosedConstraint", "PairSetConstraint", "closed", "pair_set"]
