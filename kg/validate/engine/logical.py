"""Shape-based constraint components: sh:not, sh:and, sh:or, sh:xone, sh:node, which check
value nodes against other shapes, keeping both bounds of `components.Tri` (``not`` swaps
them), with nested property shapes as EXISTS patterns; and their Python twins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.namespaces import SH
from kg.validate.engine.components import FALSE, TRUE, Constraint, Tri

if TYPE_CHECKING:  # pragma: no cover
    from kg.validate.engine.run import Context, View
    from kg.validate.engine.shapes import Shape


@dataclass(eq=False)
class LogicalConstraint(Constraint):
    operator: str = "node"                  # "not", "and", "or", "node"
    members: list = field(default_factory=list)

    def value_tri(self, v, focus, ctx):
        parts = [shape_violation(s, v, ctx) for s in self.members]
        if self.operator == "not":
            return Tri.any_of([p.negate() for p in parts])  # one result per sh:not, joined
        if self.operator == "or":
            return Tri.all_of(parts)
        if self.operator == "xone":
            return _xone(parts)
        return Tri.any_of(parts)                # sh:and, sh:node

    def py_value(self, view, focus, value):
        violated = [py_shape_violates(s, view, value) for s in self.members]
        if self.operator == "not":
            return not all(violated)
        if self.operator == "or":
            return all(violated)
        if self.operator == "xone":
            return violated.count(False) != 1
        return any(violated)

    def shapes(self):
        return self.members


def _xone(parts: list[Tri]) -> Tri:
    """sh:xone violates unless exactly one member conforms.  It may violate unless one
    member surely conforms and every other surely violates; it surely violates when two
    members surely conform or none may conform."""
    n = len(parts)
    if n == 0:
        return TRUE
    sure_ok = [f"!({p.maybe})" for p in parts]
    exactly_one = " || ".join(
        "(" + " && ".join([sure_ok[i]] + [f"({parts[j].sure})" for j in range(n) if j != i])
        + ")" for i in range(n))
    two = [f"({sure_ok[i]} && {sure_ok[j]})" for i in range(n) for j in range(i + 1, n)]
    none = " && ".join(f"({p.sure})" for p in parts)
    return Tri(f"!({exactly_one})", " || ".join(two + [f"({none})"]))


def _logical(operator: str, component: URIRef):
    def read(reader, shape, param, value) -> Constraint:
        nodes = [value] if operator in ("not", "node") else reader.items(shape.node, value)
        members = [reader.shape(n, shape.node) for n in nodes]
        return LogicalConstraint(shape, component, operator=operator, members=members)
    return read


not_ = _logical("not", SH.NotConstraintComponent)
and_ = _logical("and", SH.AndConstraintComponent)
or_ = _logical("or", SH.OrConstraintComponent)
xone = _logical("xone", SH.XoneConstraintComponent)
node = _logical("node", SH.NodeConstraintComponent)


def shape_violation(shape: "Shape", x: str, ctx: "Context") -> Tri:
    """Does the node in variable *x* violate *shape* (checked as its focus node)?"""
    if shape.deactivated:
        return FALSE
    with ctx.entering(shape):
        parts: list[Tri] = []
        for group in [shape] + list(shape.properties):
            for c in group.constraints:
                parts.append(_violation_at(group, c, x, ctx))
        return Tri.any_of(parts)


def _violation_at(shape: "Shape", c: Constraint, x: str, ctx: "Context") -> Tri:
    if c.level == "sparql":
        raise ctx.unsupported_nested(shape, c)
    if shape.deactivated or c.level == "off":
        return FALSE
    if c.level in ("focus", "rows"):
        return c.focus_tri(x, ctx)
    if not shape.is_property_shape:
        return c.value_tri(x, x, ctx)
    v = ctx.var("value")
    ctx.origins[v] = ctx.value_origin(shape)
    inner = c.value_tri(v, x, ctx)
    path = shape.path_sparql
    return Tri(f"EXISTS {{ {x} {path} {v} FILTER({inner.maybe}) }}",
               inner.sure if inner.sure == "false" else
               f"EXISTS {{ {x} {path} {v} FILTER({inner.sure}) }}")


def py_shape_violates(shape: "Shape", view: "View", node) -> bool:
    """pySHACL's verdict: does *node* violate *shape*?"""
    if shape.deactivated:
        return False
    for group in [shape] + list(shape.properties):
        if group.deactivated:
            continue
        values = (view.values(node, group.path_sparql, view.ctx.value_origin(group))
                  if group.is_property_shape else [node])
        for c in group.constraints:
            if c.level in ("focus", "rows") and c.py_focus(view, node, values):
                return True
            if c.level == "value" and any(c.py_value(view, node, v) for v in values):
                return True
    return False


__all__ = ["LogicalConstraint", "and_", "node", "not_", "or_", "py_shape_violates",
           "shape_violation", "xone"]
