"""Query parameters, declared by variable name (grlc's and BASIL's convention).

``?_name`` is a required parameter, ``?__name`` an optional one.  A last segment gives the
value's type:

======================  =====================================================
``?_place_iri``         an IRI: ``<https://...>``, ``https://...`` or ``ekg:Hospital``
``?_min_integer``       ``xsd:integer``; also ``_positiveInteger``,
                        ``_nonNegativeInteger``, ``_decimal``, ``_double``, ``_boolean``,
                        ``_date`` (``xsd:date``, YYYY-MM-DD)
``?_day_xsd_gYear``     any datatype as ``prefix_localname``
``?_name_en``           a literal in that language (2 or 3 letters)
``?_name``              a plain string
======================  =====================================================

Typed values are read strictly: ASCII digits, no spaces around them, within the range of
the XSD type (``xsd:positiveInteger`` is 1 or more), a date as YYYY-MM-DD.  Errors quote
the value cut to 80 characters, control characters escaped.

>>> p = Parameter.from_variable("_category_iri")
>>> p.name, p.required, p.kind
('category', True, 'iri')
>>> p.term("ekg:Hospital")
<NamedNode value=https://w3id.org/evidence-kg/ns#Hospital>
>>> Parameter.from_variable("__min_sources_integer").term("2")
<Literal value=2 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> Parameter.from_variable("__min_sources_positiveInteger").term("-1")
Traceback (most recent call last):
...
kg.errors.QueryError: [E714] parameter 'min_sources' needs a positiveInteger (1 or more), not '-1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

import pyoxigraph as ox

from kg.errors import QueryError, shown
from kg.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
SHORT_TYPES = {
    "integer": XSD + "integer", "positiveInteger": XSD + "positiveInteger",
    "nonNegativeInteger": XSD + "nonNegativeInteger", "decimal": XSD + "decimal",
    "double": XSD + "double", "boolean": XSD + "boolean", "date": XSD + "date",
    "string": XSD + "string",
}
#: The XSD integer types: (least, greatest) value, None for no bound.
INTEGER_RANGES = {
    XSD + "integer": (None, None), XSD + "positiveInteger": (1, None),
    XSD + "nonNegativeInteger": (0, None), XSD + "nonPositiveInteger": (None, 0),
    XSD + "negativeInteger": (None, -1), XSD + "long": (-2**63, 2**63 - 1),
    XSD + "int": (-2**31, 2**31 - 1), XSD + "short": (-2**15, 2**15 - 1),
    XSD + "byte": (-2**7, 2**7 - 1), XSD + "unsignedLong": (0, 2**64 - 1),
    XSD + "unsignedInt": (0, 2**32 - 1), XSD + "unsignedShort": (0, 2**16 - 1),
    XSD + "unsignedByte": (0, 2**8 - 1),
}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 30
_CHECKS = {
    XSD + "decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    XSD + "double": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN"),
    XSD + "boolean": re.compile(r"true|false"),
    XSD + "date": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
}
_LANG = re.compile(r"[a-z]{2,3}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def expand_iri(value: str, what: str = "value") -> ox.NamedNode:
    """An IRI from ``<iri>``, an absolute IRI, or a prefixed name with one of our prefixes."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    else:
        m = re.fullmatch(r"([A-Za-z][\w.-]*)?:(.*)", v)
        if m and (m.group(1) or "") in PREFIXES:
            v = PREFIXES[m.group(1) or ""] + m.group(2)
        elif not _SCHEME.match(v) or (m and "/" not in v and m.group(1) not in ("urn", "mailto")):
            raise QueryError("E713", f"{what} {shown(value)} is not an IRI",
                             "give a full IRI (https://...), <...>, or a prefixed name with one "
                             "of the prefixes " + ", ".join(f"{p}:" for p in PREFIXES))
    try:
        return ox.NamedNode(v)
    except ValueError as err:
        raise QueryError("E713", f"{what} {shown(value)} is not a valid IRI",
                         str(err)[:200]) from None


@dataclass
class Parameter:
    """One parameter of a stored query."""

    variable: str                      # the variable name without '?', e.g. "_category_iri"
    name: str                          # what users pass: --param category=...
    required: bool
    kind: str                          # "iri" or "literal"
    datatype: Optional[str] = None     # for typed literals
    language: Optional[str] = None
    default: Optional[str] = None
    choices: list[str] = field(default_factory=list)

    @classmethod
    def from_variable(cls, variable: str) -> "Parameter":
        required = not variable.startswith("__")
        parts = variable.lstrip("_").split("_")
        kind, datatype, language = "literal", None, None
        if len(parts) > 1 and parts[-1] == "iri":
            kind, parts = "iri", parts[:-1]
        elif len(parts) > 1 and parts[-1] in SHORT_TYPES:
            datatype, parts = SHORT_TYPES[parts[-1]], parts[:-1]
        elif len(parts) > 2 and parts[-2] in PREFIXES and parts[-2] not in ("id",):
            datatype, parts = PREFIXES[parts[-2]] + parts[-1], parts[:-2]
        elif len(parts) > 1 and _LANG.fullmatch(parts[-1]):
            language, parts = parts[-1], parts[:-1]
        return cls(variable, "_".join(parts), required, kind, datatype, language)

    @property
    def type_label(self) -> str:
        if self.kind == "iri":
            return "IRI"
        if self.language:
            return f"text@{self.language}"
        if self.datatype:
            for short, dt in SHORT_TYPES.items():
                if dt == self.datatype:
                    return short
            return self.datatype
        return "text"

    def term(self, value: str):
        """The RDF term for a value given on the command line (or a default)."""
        what = f"parameter {self.name!r}"
        if self.kind == "iri":
            term = expand_iri(value, what)
        elif self.language:
            term = ox.Literal(value, language=self.language)
        elif self.datatype and self.datatype != XSD + "string":
            term = ox.Literal(self._typed(value, what), datatype=ox.NamedNode(self.datatype))
        else:
            term = ox.Literal(value)
        if self.choices:
            allowed = [self._choice_term(c) for c in self.choices]
            if term not in allowed:
                raise QueryError("E715", f"{what} cannot be {shown(value)}",
                                 "the query accepts only the values its header enumerates",
                                 "use one of: " + ", ".join(self.choices))
        return term

    def _typed(self, value: str, what: str) -> str:
        """The lexical form of *value* for this parameter's datatype, or E714."""
        if self.datatype in INTEGER_RANGES:
            least, greatest = INTEGER_RANGES[self.datatype]
            if not _INTEGER.fullmatch(value):
                raise QueryError("E714", f"{what} needs {_a(self.type_label)} (digits, no "
                                 f"spaces), not {shown(value)}")
            if len(value.lstrip("+-")) > _MAX_DIGITS:
                raise QueryError("E714", f"{what} needs {_a(self.type_label)} of at most "
                                 f"{_MAX_DIGITS} digits, not {shown(value)}")
            number = int(value)
            if (least is not None and number < least) or (
                    greatest is not None and number > greatest):
                bounds = (f"{least} or more" if greatest is None else
                          f"{greatest} or less" if least is None else
                          f"from {least} to {greatest}")
                raise QueryError("E714", f"{what} needs {_a(self.type_label)} ({bounds}), "
                                 f"not {shown(value)}")
            return str(number)
        check = _CHECKS.get(self.datatype)
        if self.datatype == XSD + "date":
            try:
                if not check.fullmatch(value):
                    raise ValueError(value)
                return date.fromisoformat(value).isoformat()
            except ValueError:
                raise QueryError("E714", f"{what} needs a date (YYYY-MM-DD), not "
                                 f"{shown(value)}") from None
        if check is not None and not check.fullmatch(value):
            raise QueryError("E714", f"{what} needs {_a(self.type_label)}, not {shown(value)}")
        return value

    def _choice_term(self, choice: str):
        saved, self.choices = self.choices, []
        try:
            return self.term(choice)
        finally:
            self.choices = saved


def _a(label: str) -> str:
    return ("an " if label[:1].lower() in "aeiou" else "a ") + label


def parameters_of(variables: set[str]) -> list[Parameter]:
    """The parameters a query declares, required first, then by name."""
    params = [Parameter.from_variable(v) for v in variables if v.startswith("_")]
    names: dict[str, str] = {}
    for p in params:
        if p.name in names and names[p.name] != p.variable:
            raise QueryError("E716", f"two variables declare the parameter {p.name!r}",
                             f"?{names[p.name]} and ?{p.variable}",
                             "give each parameter one variable")
        names[p.name] = p.variable
    return sorted(params, key=lambda p: (not p.required, p.name))
