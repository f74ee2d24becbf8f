"""SHACL constraint components as SPARQL expressions, each with an exact Python twin.

Every supported parameter (``sh:minCount``, ``sh:class``, ``sh:or``...) becomes a
`Constraint` that renders itself as SPARQL for a value node held in a variable.  A
rendering is a `Tri`: two boolean SPARQL expressions that never raise an error,

* ``maybe``: true for every value that violates the constraint (and perhaps a few that do
  not), so that no violation is missed;
* ``sure``: true only for values that certainly violate it.

Where SPARQL decides exactly (``sh:class``, ``sh:minCount``, ``sh:in``...) the two are the
same expression.  Where Oxigraph and rdflib could disagree (is ``"2016-02-30"^^xsd:date``
well formed? how does ``"2016"^^xsd:gYear`` compare with a date?), ``sure`` holds only for
the plain cases and the rows in between are decided by `Constraint.py_value` /
`Constraint.py_focus`, which apply pySHACL's own rules to the rdflib form of the value.  In
valid data nearly everything is ``sure``-free and ``maybe``-false, so Python sees only the
rare doubtful value.

The combinations keep both bounds: ``sh:not S`` violates when S conforms, so its ``maybe``
is "S is not surely violated" and its ``sure`` is "S is not maybe violated"; ``sh:or``
needs every member violated (``and`` of the bounds), ``sh:and`` any (``or``).

>>> datatype_date = Tri("(!isLiteral(?v) || !COALESCE(<well formed>, false))", "!isLiteral(?v)")
>>> datatype_date.negate()            # sh:not [ sh:datatype xsd:date ]
Tri(maybe='!(!isLiteral(?v))', sure='!((!isLiteral(?v) || !COALESCE(<well formed>, false)))')
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Callable, Iterable, Optional

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from rdflib.term import XSDToPython as _RDFLIB_CONVERTERS

from kg.namespaces import RDF, RDFS, SH, XSD
from kg.store.terms import INTEGER_DATATYPES
from kg.validate.engine.terms import canonical, sparql, to_ox, to_rdflib

if TYPE_CHECKING:  # pragma: no cover
    from kg.validate.engine.run import Context, View
    from kg.validate.engine.shapes import Shape, _Reader


# --- three-valued SPARQL expressions -----------------------------------------------------

@dataclass(frozen=True)
class Tri:
    """Lower and upper bounds of "this value violates", as SPARQL boolean expressions."""

    maybe: str
    sure: str

    @classmethod
    def exact(cls, expr: str) -> "Tri":
        """An expression that cannot raise an error and decides exactly."""
        return cls(expr, expr)

    @property
    def is_exact(self) -> bool:
        return self.maybe == self.sure

    def negate(self) -> "Tri":
        return Tri(f"!({self.sure})", f"!({self.maybe})")

    @staticmethod
    def any_of(parts: list["Tri"]) -> "Tri":
        if not parts:
            return FALSE
        return Tri(_join(" || ", [p.maybe for p in parts]), _join(" || ", [p.sure for p in parts]))

    @staticmethod
    def all_of(parts: list["Tri"]) -> "Tri":
        if not parts:
            return TRUE
        return Tri(_join(" && ", [p.maybe for p in parts]), _join(" && ", [p.sure for p in parts]))


def _join(op: str, exprs: list[str]) -> str:
    return exprs[0] if len(exprs) == 1 else "(" + op.join(f"({e})" for e in exprs) + ")"


TRUE, FALSE = Tri.exact("true"), Tri.exact("false")

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: Datatypes that Oxigraph stores as xsd:integer, with the bounds of their value space.
INTEGER_TYPES: dict[URIRef, tuple[Optional[int], Optional[int]]] = {
    XSD.integer: (None, None), **{URIRef(k): v for k, v in INTEGER_DATATYPES.items()}}
_CANONICAL_INTEGER = '"^-?[0-9]+$"'
_CANONICAL_DECIMAL = '"^-?[0-9]+(\\\\.[0-9]+)?$"'
_PLAIN_DATE = '"^(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}$"'


def _safe_integer(v: str) -> str:
    return f"(DATATYPE({v}) = xsd:integer && REGEX(STR({v}), {_CANONICAL_INTEGER}))"


def _safe_number(v: str) -> str:
    """A canonical xsd:integer or xsd:decimal: rdflib reads it as the number Oxigraph does."""
    return (f"({_safe_integer(v)} || (DATATYPE({v}) = xsd:decimal "
            f"&& REGEX(STR({v}), {_CANONICAL_DECIMAL})))")


def _safe_date(v: str) -> str:
    """An xsd:date without timezone that Oxigraph reads as a date and Python's date too."""
    return (f"(DATATYPE({v}) = xsd:date && REGEX(STR({v}), {_PLAIN_DATE}) "
            f"&& COALESCE(sameTerm(xsd:date(STR({v})), {v}), false))")


def _safe_string(v: str) -> str:
    return f"(DATATYPE({v}) = xsd:string)"


# --- constraints -------------------------------------------------------------------------

@dataclass(eq=False)
class Constraint:
    """One constraint of one shape: a component with its parameter values."""

    shape: "Shape"
    component: URIRef
    #: "value": one result per violating value node; "focus": one per focus node (no
    #: value); "rows": its own query gives the results (?this ?value, maybe ?path);
    #: "sparql": a sh:sparql constraint (run as its own query); "off": deactivated.
    level: str = "value"
    #: The shape's parameter this constraint checks (sh:minCount...), set by the reader.
    param: Optional[URIRef] = field(default=None, kw_only=True)

    def value_tri(self, v: str, focus: str, ctx: "Context") -> Tri:
        raise NotImplementedError

    def focus_tri(self, focus: str, ctx: "Context") -> Tri:
        raise NotImplementedError

    def py_value(self, view: "View", focus, value) -> bool:
        """Exactly pySHACL's verdict: does *value* (an Oxigraph term) violate?"""
        raise NotImplementedError

    def py_focus(self, view: "View", focus, values: list) -> bool:
        raise NotImplementedError

    def shapes(self) -> Iterable["Shape"]:
        """The shapes this constraint refers to (for sh:not, sh:or...)."""
        return ()


@dataclass(eq=False)
class ClassConstraint(Constraint):
    cls: URIRef = None

    def value_tri(self, v, focus, ctx):
        t = ctx.var("type")
        values = " ".join(sparql(c) for c in ctx.closure(self.cls))
        return Tri.exact(f"(isLiteral({v}) || NOT EXISTS {{ VALUES {t} {{ {values} }} "
                         f"{v} rdf:type {t} }})")

    def py_value(self, view, focus, value):
        return isinstance(value, ox.Literal) or not view.has_class(value, self.cls)


def class_(reader: "_Reader", shape: "Shape", param, value) -> Constraint:
    if not isinstance(value, URIRef):
        raise reader.malformed(shape.node, f"sh:class {value.n3()} is not an IRI")
    return ClassConstraint(shape, SH.ClassConstraintComponent, cls=value)


@dataclass(eq=False)
class DatatypeConstraint(Constraint):
    """sh:datatype, on the data graph the store stands for: its literals as stored, with the
    declared integer datatype given back to the integers of a declared property
    (`kg.store.terms.DatatypeRestorer`: ``oa:start 5`` is ``"5"^^xsd:nonNegativeInteger``).
    A store that keeps what it is given (`DatatypeRestorer.keeps`) holds no well-formed
    literal of another integer type: Oxigraph would have folded it."""

    datatype: URIRef = None

    def value_tri(self, v, focus, ctx):
        dt = self.datatype
        if dt == RDFS.Literal:
            return Tri.exact(f"!isLiteral({v})")
        declared = ctx.declared_type(v)
        if declared is not None:
            return self._declared_tri(v, declared)
        if dt == XSD.integer:
            return self._integer_tri(v)
        if dt in INTEGER_TYPES:     # a stored integer is an xsd:integer here; an integer
            # too large for Oxigraph keeps its datatype: decided in Python
            return Tri("true", f"(!isLiteral({v}) || DATATYPE({v}) != {sparql(dt)})")
        d = sparql(dt)
        wrong = f"(!isLiteral({v}) || DATATYPE({v}) != {d})"
        safe = DATATYPE_SAFE.get(dt)
        if safe is not None and safe(v) == "true":
            return Tri.exact(wrong)
        if safe is None:    # rdflib has no converter: the datatype IRI is all that is checked
            if dt not in _RDFLIB_CONVERTERS or _RDFLIB_CONVERTERS[dt] is None:
                return Tri.exact(wrong)
            return Tri(f"(isLiteral({v}) || {wrong})", wrong)  # decided in Python
        return Tri(f"({wrong} || !COALESCE({safe(v)}, false))", wrong)

    def _integer_tri(self, v) -> Tri:
        """xsd:integer on an undeclared property: a canonical integer conforms; an
        xsd:integer literal in another form (ill-typed) is decided in Python."""
        ok = f"COALESCE({_safe_integer(v)}, false)"
        other = f"(!isLiteral({v}) || DATATYPE({v}) != xsd:integer)"
        return Tri(f"!{ok}", other)

    def _declared_tri(self, v, declared: URIRef) -> Tri:
        """Values of a property whose integers are of the *declared* type: an integer in
        that type's range is of that type, any other integer an xsd:integer.  (An integer
        too large for Oxigraph keeps the datatype it was written with: Python decides.)"""
        lo, hi = INTEGER_TYPES[declared]
        bounds = ([f"{v} >= {lo}"] if lo is not None else []) + \
                 ([f"{v} <= {hi}"] if hi is not None else [])
        in_range = " && ".join(bounds) or "true"
        dt, safe = self.datatype, _safe_integer(v)
        if dt not in INTEGER_TYPES:
            return Tri.exact(f"(!isLiteral({v}) || DATATYPE({v}) != {sparql(dt)})")
        other = (f"(!isLiteral({v}) || (DATATYPE({v}) != xsd:integer "
                 f"&& DATATYPE({v}) != {sparql(dt)}))")
        if dt == declared:
            return Tri(f"!COALESCE({safe} && {in_range}, false)",
                       f"({other} || COALESCE({safe} && !({in_range}), false))")
        if dt == XSD.integer:
            return Tri(f"!COALESCE({safe} && !({in_range}), false)",
                       f"({other} || COALESCE({safe} && {in_range}, false))")
        return Tri("true", f"(!isLiteral({v}) || DATATYPE({v}) != {sparql(dt)})")

    def py_value(self, view, focus, value):
        return not literal_has_datatype(to_rdflib(value), self.datatype)


_LEXICAL = {  # lexical spaces rdflib is more lenient about than XSD
    XSD.boolean: re.compile(r"true|false|1|0"),
    XSD.decimal: re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    **{t: re.compile(r"[+-]?[0-9]+") for t in INTEGER_TYPES},
}


def well_formed(v: Literal) -> bool:
    """Is *v*'s lexical form one of its datatype's (as far as rdflib knows the datatype)?"""
    lexical = _LEXICAL.get(v.datatype)
    if v.ill_typed is True or (lexical is not None and not lexical.fullmatch(str(v))):
        return False
    value, dt = v.value, v.datatype
    expected = _PYTHON_TYPES.get(dt)
    if dt in INTEGER_TYPES:
        lo, hi = INTEGER_TYPES[dt]
        return (isinstance(value, int) and not isinstance(value, bool)
                and (lo is None or value >= lo) and (hi is None or value <= hi))
    return expected is None or isinstance(value, expected)


_PYTHON_TYPES = {
    XSD.decimal: Decimal, XSD.float: float, XSD.double: float, XSD.boolean: bool,
    XSD.date: _dt.date, XSD.time: _dt.time, XSD.dateTime: _dt.datetime, XSD.string: str,
}


def literal_has_datatype(v, rule: URIRef) -> bool:
    """SHACL's sh:datatype on one rdflib value: a literal of datatype *rule* (a plain
    literal is an xsd:string, a tagged one an rdf:langString) whose lexical form is
    well formed."""
    if not isinstance(v, Literal):
        return False
    if rule == RDFS.Literal:
        return True
    dt = v.datatype or (RDF.langString if v.language else XSD.string)
    if dt != rule:
        return False
    if dt in (XSD.string, RDF.langString):
        return True
    return well_formed(v)


#: Per datatype, a SPARQL test that a literal of that datatype is well formed for rdflib
#: and Oxigraph alike (values that fail it are decided in Python).
DATATYPE_SAFE: dict[URIRef, Callable[[str], str]] = {
    XSD.string: lambda v: "true", RDF.langString: lambda v: "true",
    XSD.anyURI: lambda v: "true", XSD.normalizedString: lambda v: "true",
    XSD.token: lambda v: "true", XSD.language: lambda v: "true",
    XSD.boolean: lambda v: f'REGEX(STR({v}), "^(true|false)$")',
    XSD.decimal: lambda v: f"REGEX(STR({v}), {_CANONICAL_DECIMAL})",
    XSD.date: _safe_date,
}


def datatype(reader, shape, param, value) -> Constraint:
    if not isinstance(value, URIRef):
        raise reader.malformed(shape.node, f"sh:datatype {value.n3()} is not an IRI")
    if value in (XSD.dateTimeStamp, RDFS.Datatype):
        raise reader.unsupported(shape.node, SH.datatype, f"sh:datatype {value.n3()} cannot be "
                                 "checked on an Oxigraph store (it rewrites or drops the datatype)")
    return DatatypeConstraint(shape, SH.DatatypeConstraintComponent, datatype=value)


NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@dataclass(eq=False)
class NodeKindConstraint(Constraint):
    kind: URIRef = None

    def value_tri(self, v, focus, ctx):
        return Tri.exact("!" + NODE_KINDS[self.kind].format(v=v))

    def py_value(self, view, focus, value):
        kind = ("BlankNode" if isinstance(value, ox.BlankNode) else
                "Literal" if isinstance(value, ox.Literal) else "IRI")
        return kind not in str(self.kind).split("#")[1].replace("Or", " ").split()


def node_kind(reader, shape, param, value) -> Constraint:
    if value not in NODE_KINDS:
        raise reader.malformed(shape.node, f"sh:nodeKind {value.n3()} is not a node kind")
    return NodeKindConstraint(shape, SH.NodeKindConstraintComponent, kind=value)


@dataclass(eq=False)
class CountConstraint(Constraint):
    """sh:minCount / sh:maxCount: how many distinct values the path reaches."""

    bound: int = 0
    at_least: bool = True       # True: sh:minCount

    def focus_tri(self, focus, ctx):
        """As pairwise-distinct values (shapes inside sh:or, sh:not...; a shape with
        targets counts them with COUNT(DISTINCT), see run.CountsCheck)."""
        path = self.shape.path_sparql
        n = self.bound if self.at_least else self.bound + 1
        if n == 0:
            return FALSE if self.at_least else TRUE
        if n > 4:
            raise ctx.unsupported_nested(self.shape, self)
        vs = [ctx.var("v") for _ in range(n)]
        patterns = " . ".join(f"{focus} {path} {v}" for v in vs)
        distinct = [f"!sameTerm({a}, {b})" for i, a in enumerate(vs) for b in vs[i + 1:]]
        filt = f" FILTER({' && '.join(distinct)})" if distinct else ""
        exists = f"EXISTS {{ {patterns}{filt} }}"
        return Tri.exact(f"NOT {exists}" if self.at_least else exists)

    def py_focus(self, view, focus, values):
        n = len(set(values))
        return n < self.bound if self.at_least else n > self.bound


def _count(reader, shape, param, value, at_least: bool) -> Constraint:
    if not shape.is_property_shape:
        raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} on a node shape")
    n = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} {value.n3()} is not a "
                               "non-negative integer")
    comp = SH.MinCountConstraintComponent if at_least else SH.MaxCountConstraintComponent
    return CountConstraint(shape, comp, level="focus", bound=n, at_least=at_least)


def min_count(reader, shape, param, value):
    return _count(reader, shape, param, value, at_least=True)


def max_count(reader, shape, param, value):
    return _count(reader, shape, param, value, at_least=False)


RANGES = {  # parameter -> (component, SPARQL operator, the test on `compare`)
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, ">=", lambda c: c >= 0),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, ">", lambda c: c > 0),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, "<=", lambda c: c <= 0),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, "<", lambda c: c < 0),
}


@dataclass(eq=False)
class RangeConstraint(Constraint):
    bound: Literal = None

    def value_tri(self, v, focus, ctx):
        op = RANGES[self.param][1]
        family = _family(self.bound)
        if family is None:
            ok = "false"
        else:
            ok = f"({family(v)} && {v} {op} {sparql(self.bound)})"
        return Tri(f"!COALESCE({ok}, false)", f"!isLiteral({v})")

    def py_value(self, view, focus, value):
        test = RANGES[self.param][2]
        order = compare(to_rdflib(value), self.bound)
        return order is None or not test(order)


def compare(v, bound: Literal) -> Optional[int]:
    """-1, 0 or 1 as *v* is below, equal to or above *bound*, by rdflib's comparison of
    literal values; None when they cannot be compared (a non-literal, a string and a
    number, types rdflib cannot order), which SHACL reports as a violation."""
    if not isinstance(v, Literal) or isinstance(bound.value, str) != isinstance(v.value, str):
        return None
    try:
        if v.eq(bound):
            return 0
        if isinstance(v.value, (_dt.datetime, _dt.time)):   # by value, timezones included
            return 1 if v.value > bound.value else -1
        return 1 if v > bound else -1
    except (TypeError, NotImplementedError):
        return None


def _family(bound: Literal) -> Optional[Callable[[str], str]]:
    """The safe-value test for values compared with *bound*, when there is one."""
    dt = str(bound.datatype or XSD.string)
    if dt in (XSD_INTEGER, str(XSD.decimal)) or URIRef(dt) in INTEGER_TYPES:
        return _safe_number
    if dt == str(XSD.date) and re.fullmatch(r"\d{4}-\d\d-\d\d", str(bound)):
        return _safe_date
    if dt == str(XSD.string) and bound.language is None:
        return _safe_string
    return None


def value_range(reader, shape, param, value) -> Constraint:
    if not isinstance(value, Literal):
        raise reader.malformed(shape.node,
                               f"sh:{param.split('#')[1]} {value.n3()} is not a literal")
    return RangeConstraint(shape, RANGES[param][0], param=param, bound=value)


@dataclass(eq=False)
class PatternConstraint(Constraint):
    pattern: str = ""
    flags: str = ""

    def __post_init__(self):
        re_flags = (re.I if "i" in self.flags else 0) | (re.M if "m" in self.flags else 0)
        self.regex = re.compile(self.pattern, re_flags)

    def value_tri(self, v, focus, ctx):
        # pySHACL uses only the i and m flags; so do we.
        flags = "".join(f for f in "im" if f in self.flags)
        args = f"{sparql(Literal(self.pattern))}" + (f", {sparql(Literal(flags))}" if flags else "")
        return Tri(f"(isBlank({v}) || !COALESCE(REGEX(STR({v}), {args}), false))", f"isBlank({v})")

    def py_value(self, view, focus, value):
        if isinstance(value, ox.BlankNode):
            return True
        return not self.regex.search(str(to_rdflib(value)))


def pattern(reader, shape, param, value) -> Constraint:
    flags = reader.one(shape.node, SH.flags)
    if not isinstance(value, Literal):
        raise reader.malformed(shape.node, f"sh:pattern {value.n3()} is not a literal")
    try:
        return PatternConstraint(shape, SH.PatternConstraintComponent, pattern=str(value),
                                 flags=str(flags or "").lower())
    except re.error as exc:
        raise reader.malformed(shape.node, f"sh:pattern {value.n3()}: {exc}") from None


def _canonical_member(reader, shape, param, term: Node) -> ox.NamedNode:
    """*term* for comparison with stored values; refuse a literal that Oxigraph would store
    in another form (it would never equal a stored value, and rdflib would disagree)."""
    if isinstance(term, BNode):
        raise reader.unsupported(shape.node, param, f"a blank node ({term.n3()}) in sh:"
                                 f"{param.split('#')[1]} cannot be matched against a store")
    ox_term = to_ox(term)
    if canonical(ox_term) != ox_term:
        raise reader.unsupported(shape.node, param, f"{term.n3()} is not in the canonical form "
                                 f"{canonical(ox_term)} in which Oxigraph stores it; write that")
    return ox_term


def _no_declared_integers(c: Constraint, declared, members) -> None:
    """Refuse integers in sh:in / sh:hasValue on a property whose integers take back a
    declared datatype: the store cannot tell ``5`` from ``"5"^^xsd:nonNegativeInteger``."""
    integers = [m for m in members if isinstance(m, ox.Literal)
                and m.datatype.value in {str(t) for t in INTEGER_TYPES}]
    if declared and integers:
        from kg.validate.engine.shapes import UnsupportedShapeError
        raise UnsupportedShapeError(
            "E330", f"shape {c.shape.label()} compares the values of <{c.shape.path}> with the "
            f"integer {integers[0]}", cause="a store gives back that property's integers as "
            "xsd:integer, so it cannot tell which integer datatype a value was written with",
            fix="compare by value (sh:minInclusive, sh:maxInclusive) instead")


@dataclass(eq=False)
class InConstraint(Constraint):
    members: tuple = ()

    def value_tri(self, v, focus, ctx):
        _no_declared_integers(self, ctx.declared_type(v), self.members)
        if not self.members:
            return TRUE
        return Tri.exact("!(" + " || ".join(f"sameTerm({v}, {m})" for m in self.members) + ")")

    def py_value(self, view, focus, value):
        return value not in self.members


def in_(reader, shape, param, value) -> Constraint:
    members = tuple(_canonical_member(reader, shape, param, m)
                    for m in reader.items(shape.node, value))
    return InConstraint(shape, SH.InConstraintComponent, members=members)


@dataclass(eq=False)
class HasValueConstraint(Constraint):
    value: ox.NamedNode = None

    def focus_tri(self, focus, ctx):
        if self.shape.is_property_shape:
            if ctx.value_origin(self.shape) is not None:
                _no_declared_integers(self, True, [self.value])
            return Tri.exact(f"NOT EXISTS {{ {focus} {self.shape.path_sparql} {self.value} }}")
        return Tri.exact(f"!sameTerm({focus}, {self.value})")

    def py_focus(self, view, focus, values):
        return self.value not in values


def has_value(reader, shape, param, value) -> Constraint:
    return HasValueConstraint(shape, SH.HasValueConstraintComponent, level="focus",
                              value=_canonical_member(reader, shape, param, value))


@dataclass(eq=False)
class PropertyPairConstraint(Constraint):
    """sh:lessThan / sh:lessThanOrEquals: each value against every value of another
    property of the focus node."""

    other: URIRef = None
    or_equal: bool = True

    def value_tri(self, v, focus, ctx):
        o = ctx.var("other")
        op = "<=" if self.or_equal else "<"
        ok = " || ".join(f"({safe(v)} && {safe(o)} && {v} {op} {o})"
                         for safe in (_safe_number, _safe_date, _safe_string))
        return Tri(f"EXISTS {{ {focus} {sparql(self.other)} {o} FILTER(!COALESCE({ok}, false)) }}",
                   "false")

    def py_value(self, view, focus, value):
        v = to_rdflib(value)
        for other in view.values(focus, sparql(self.other)):
            if _pair_violates(v, to_rdflib(other), self.or_equal):
                return True
        return False


def _pair_violates(v, o, or_equal: bool) -> bool:
    """pySHACL's test of one pair; where pySHACL raises (a blank node, types rdflib cannot
    order) we report a violation, as the SHACL specification says."""
    if isinstance(v, BNode) or isinstance(o, BNode):
        return True

    def plain(x):
        if isinstance(x, URIRef):
            return str(x), True
        if isinstance(x, Literal) and isinstance(x.value, str):
            return x.value, True
        return x, False
    (a, a_str), (b, b_str) = plain(v), plain(o)
    if a_str != b_str:
        return True
    try:
        return not (a <= b if or_equal else a < b)
    except TypeError:
        return True


def property_pair(reader, shape, param, value) -> Constraint:
    if not shape.is_property_shape:
        raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} on a node shape")
    if not isinstance(value, URIRef):
        raise reader.malformed(shape.node, f"sh:{param.split('#')[1]} {value.n3()} is not an IRI")
    comp = (SH.LessThanOrEqualsConstraintComponent if param == SH.lessThanOrEquals
            else SH.LessThanConstraintComponent)
    return PropertyPairConstraint(shape, comp, other=value, or_equal=param == SH.lessThanOrEquals)


# --- sh:sparql ---------------------------------------------------------------------------

def sparql_constraint(reader, shape, param, value) -> Constraint:
    from kg.validate.engine.sparql_constraints import read_sparql_constraint
    return read_sparql_constraint(reader, shape, value)
