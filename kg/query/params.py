"""Query parameters, declared by variable name (grlc's and BASIL's convention).

``?_name`` is a required parameter, ``?__name`` an optional one.  A last segment gives the
value's type:

======================  =====================================================
``?_place_iri``         an IRI: ``<https://...>``, ``https://...`` or ``ekg:Hospital``
``?_min_integer``       ``xsd:integer``; also ``_decimal``, ``_double``, ``_boolean``,
                        ``_date`` (``xsd:date``, YYYY-MM-DD)
``?_day_xsd_gYear``     any datatype as ``prefix_localname``
``?_name_en``           a literal in that language (2 or 3 letters)
``?_name``              a plain string
======================  =====================================================

>>> p = Parameter.from_variable("_category_iri")
>>> p.name, p.required, p.kind
('category', True, 'iri')
>>> p.term("ekg:Hospital")
<NamedNode value=https://w3id.org/evidence-kg/ns#Hospital>
>>> Parameter.from_variable("__min_sources_integer").term("2")
<Literal value=2 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
SHORT_TYPES = {
    "integer": XSD + "integer", "decimal": XSD + "decimal", "double": XSD + "double",
    "boolean": XSD + "boolean", "date": XSD + "date", "string": XSD + "string",
}
_CHECKS = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    XSD + "double": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN"),
    XSD + "boolean": re.compile(r"true|false"),
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
            raise QueryError("E713", f"{what} {value!r} is not an IRI",
                             "give a full IRI (https://...), <...>, or a prefixed name with one "
                             "of the prefixes " + ", ".join(f"{p}:" for p in PREFIXES))
    try:
        return ox.NamedNode(v)
    except ValueError as err:
        raise QueryError("E713", f"{what} {value!r} is not a valid IRI", str(err)) from None


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
            check = _CHECKS.get(self.datatype)
            v = value.strip()
            if self.datatype == XSD + "date":
                try:
                    v = date.fromisoformat(v).isoformat()
                except ValueError:
                    raise QueryError("E714", f"{what} needs a date (YYYY-MM-DD), not {value!r}") \
                        from None
            elif check is not None and not check.fullmatch(v):
                raise QueryError("E714", f"{what} needs a {self.type_label}, not {value!r}")
            if self.datatype == XSD + "integer":
                v = str(int(v))
            term = ox.Literal(v, datatype=ox.NamedNode(self.datatype))
        else:
            term = ox.Literal(value)
        if self.choices:
            allowed = [self._choice_term(c) for c in self.choices]
            if term not in allowed:
                raise QueryError("E715", f"{what} cannot be {value!r}",
                                 "the query accepts only the values its header enumerates",
                                 "use one of: " + ", ".join(self.choices))
        return term

    def _choice_term(self, choice: str):
        saved, self.choices = self.choices, []
        try:
            return self.term(choice)
        finally:
            self.choices = saved


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
