"""String-based constraint components: sh:minLength, sh:maxLength, sh:languageIn,
sh:uniqueLang (sh:pattern is in `components`), each a SPARQL expression with its Python twin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal

from kg.namespaces import SH, XSD
from kg.validate.engine.components import Constraint, Tri
from kg.validate.engine.terms import sparql

if TYPE_CHECKING:  # pragma: no cover
    pass


@dataclass(eq=False)
class LengthConstraint(Constraint):
    """sh:minLength / sh:maxLength: on the string of a literal or IRI (a blank node fails)."""

    bound: int = 0
    at_least: bool = True

    def value_tri(self, v, focus, ctx):
        op = "<" if self.at_least else ">"
        return Tri.exact(f"(isBlank({v}) || STRLEN(STR({v})) {op} {self.bound})")

    def py_value(self, view, focus, value):
        if isinstance(value, ox.BlankNode):
            return True
        n = len(value.value)
        return n < self.bound if self.at_least else n > self.bound


def _length(at_least: bool):
    def read(reader, shape, param, value) -> Constraint:
        n = value.toPython() if isinstance(value, Literal) else None
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} {value.n3()} is not "
                                   "a non-negative integer")
        comp = SH.MinLengthConstraintComponent if at_least else SH.MaxLengthConstraintComponent
        return LengthConstraint(shape, comp, bound=n, at_least=at_least)
    return read


min_length, max_length = _length(True), _length(False)


@dataclass(eq=False)
class LanguageInConstraint(Constraint):
    """sh:languageIn: a literal whose language tag matches one of the ranges."""

    ranges: tuple = ()

    def value_tri(self, v, focus, ctx):
        tests = [f"langMatches(LANG({v}), {sparql(Literal(r))})" for r in self.ranges]
        return Tri.exact(f"(!isLiteral({v}) || !({' || '.join(tests) or 'false'}))")

    def py_value(self, view, focus, value):
        lang = (value.language or "").lower() if isinstance(value, ox.Literal) else ""
        return not any(lang and (r == "*" or lang == r.lower() or lang.startswith(r.lower() + "-"))
                       for r in self.ranges)


def language_in(reader, shape, param, value) -> Constraint:
    ranges = tuple(str(r) for r in reader.items(shape.node, value))
    return LanguageInConstraint(shape, SH.LanguageInConstraintComponent, ranges=ranges)



@dataclass(eq=False)
class UniqueLangConstraint(Constraint):
    """sh:uniqueLang true: no two values of the path share a language tag."""

    def focus_tri(self, focus, ctx):
        path = self.shape.path_sparql
        a, b = ctx.var("lang"), ctx.var("lang")
        return Tri.exact(f"EXISTS {{ {focus} {path} {a} . {focus} {path} {b} "
                         f"FILTER(!sameTerm({a}, {b}) && LANG({a}) != \"\" "
                         f"&& LCASE(LANG({a})) = LCASE(LANG({b}))) }}")

    def py_focus(self, view, focus, values):
        tags = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
        return len(tags) != len(set(tags))


def unique_lang(reader, shape, param, value) -> Constraint:
    if not shape.is_property_shape:
        raise reader.malformed(shape.node, "sh:uniqueLang on a node shape")
    if not isinstance(value, Literal) or value.datatype != XSD.boolean:
        raise reader.malformed(shape.node, f"sh:uniqueLang {value.n3()} is not a boolean")
    # only true turns it on: "1"^^xsd:boolean does not (W3C test uniqueLang-002)
    return UniqueLangConstraint(shape, SH.UniqueLangConstraintComponent,
                                level="focus" if str(value) == "true" else "off")



__all__ = ["LanguageInConstraint", "LengthConstraint", "UniqueLangConstraint", "language_in",
           "max_length", "min_length", "unique_lang"]
