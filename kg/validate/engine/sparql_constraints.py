"""SHACL-SPARQL constraints (``sh:sparql``): one query for all focus nodes at once.

pySHACL runs the ``sh:select`` query once per focus node with ``$this`` pre-bound.  Here the
focus nodes are joined at the start of the query's WHERE clause instead, so one query
returns every violation.  That is the same as pre-binding when ``$this`` is bound by a
triple pattern of the top-level group, which `read_sparql_constraint` checks (with rdflib's
SPARQL parser) along with SHACL's own rules: no ``MINUS``, ``VALUES`` or ``SERVICE``.  It
also refuses aggregates: the union of named graphs holds a triple once per graph that has
it, so ``COUNT`` would not count what rdflib counts.

>>> q = "SELECT $this WHERE { $this <urn:p> ?o }"
>>> inject_focus(q, "VALUES ?this { <urn:a> }")
'SELECT $this WHERE { { VALUES ?this { <urn:a> } } $this <urn:p> ?o }'
>>> format_message("{?value} is after {$issued}", {"value": "2099", "issued": "2016"})
'2099 is after 2016'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import algebra
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Node

from kg.namespaces import OWL, RDF, SH
from kg.validate.engine.components import Constraint

from kg.validate.engine.shapes import path_iris  # noqa: E402 - shapes is loaded first

if TYPE_CHECKING:  # pragma: no cover
    from kg.validate.engine.shapes import Shape, _Reader

_SPARQL_NODE_TERMS = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated, SH.name,
                      SH.description}
_FORBIDDEN = {"Minus": "MINUS", "values": "VALUES", "ServiceGraphPattern": "SERVICE",
              "AggregateJoin": "an aggregate (COUNT, SUM... and GROUP BY)"}
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_PATH_VAR = re.compile(r"([\s{}()])[$?]PATH\b")


@dataclass(eq=False)
class SparqlConstraint(Constraint):
    select: str = ""
    prefixes: dict = field(default_factory=dict)
    messages: tuple = ()
    node: Optional[Node] = None          # the sh:sparql node, for errors
    #: the property ?value is read through, when its integers have a declared datatype
    #: (an IRI), or "path" when ?path is that property
    value_origin: object = None

    def query(self, focus_pattern: str) -> str:
        """The constraint's query with *focus_pattern* (which binds ``?this``) joined in."""
        text = self.select
        if self.shape.is_property_shape:
            text = _PATH_VAR.sub(lambda m: m.group(1) + self.shape.path_sparql, text)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        return prologue + inject_focus(text, focus_pattern)


def inject_focus(select: str, focus_pattern: str) -> str:
    """*select* with ``{ focus_pattern }`` first in its WHERE clause."""
    i = _where_brace(select)
    return f"{select[:i + 1]} {{ {focus_pattern} }}{select[i + 1:]}"


def _where_brace(text: str) -> int:
    """The index of the ``{`` that opens the WHERE clause: the first one outside strings,
    IRIs and comments, which must follow the keyword WHERE."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "'\"":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            m = _IRIREF.match(text, i)
            if m:
                i = m.end()
                continue
        if c == "{":
            if not re.search(r"\bWHERE\s*$", text[:i], re.IGNORECASE):
                raise ValueError("the WHERE clause must be written with the keyword WHERE")
            return i
        i += 1
    raise ValueError("no WHERE clause")


def format_message(template: str, bindings: dict) -> str:
    """Replace ``{?name}`` and ``{$name}`` with the string value of each binding."""
    for name, value in bindings.items():
        text = str(value)
        template = template.replace("{?%s}" % name, text).replace("{$%s}" % name, text)
    return template


def _algebra_names(node) -> set[str]:
    """The names of the algebra operators anywhere in a translated query."""
    names: set[str] = set()

    def visit(n):
        if isinstance(n, algebra.CompValue):
            names.add(n.name)
            for v in n.values():
                visit(v)
        elif isinstance(n, (list, tuple)):
            for v in n:
                visit(v)
    visit(node)
    return names


def _this_in_top_bgp(node) -> bool:
    """Is ?this bound by a triple pattern reached from the query root without entering an
    OPTIONAL's right side, a UNION, a sub-SELECT, a GRAPH or an EXISTS?"""
    this = Variable("this")
    if not isinstance(node, algebra.CompValue):
        return False
    if node.name == "BGP":
        return any(this in t for t in node.triples)
    if node.name in ("SelectQuery", "Project", "Distinct", "Reduced", "Slice", "OrderBy",
                     "Filter", "Extend", "ToMultiSet"):
        return _this_in_top_bgp(node.get("p"))
    if node.name == "Join":
        return _this_in_top_bgp(node.p1) or _this_in_top_bgp(node.p2)
    if node.name == "LeftJoin":
        return _this_in_top_bgp(node.p1)
    return False


def read_sparql_constraint(reader: "_Reader", shape: "Shape", node: Node) -> SparqlConstraint:
    g = reader.g
    where = "its sh:sparql constraint"
    for p in set(g.predicates(node, None)):
        if p not in _SPARQL_NODE_TERMS and str(p).startswith(str(SH)):
            raise reader.unsupported(shape.node, p, f"{where} uses sh:{p.split('#')[1]}, "
                                     "which the engine does not support")
    select = reader.one(node, SH.select)
    if not isinstance(select, Literal):
        raise reader.malformed(shape.node, f"{where} has no sh:select string")
    prefixes = _prefixes(reader, shape, node)
    text = str(select)
    for name in ("currentShape", "shapesGraph"):
        if re.search(r"[$?]%s\b" % name, text):
            raise reader.unsupported(shape.node, SH.sparql, f"{where} uses ${name}")
    try:
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes.items()))
        parsed = algebra.translateQuery(parseQuery(prologue + text))
        _where_brace(text)
    except Exception as exc:
        raise reader.malformed(shape.node, f"{where}: its query does not parse: {exc}") from None
    if parsed.algebra.name != "SelectQuery":
        raise reader.malformed(shape.node, f"{where}: sh:select is not a SELECT query")
    used = _algebra_names(parsed.algebra)
    for op, what in _FORBIDDEN.items():
        if op in used or (op == "values" and re.search(r"\bVALUES\b", text, re.I)):
            raise reader.unsupported(shape.node, SH.sparql, f"{where} uses {what}")
    if not _this_in_top_bgp(parsed.algebra):
        raise reader.unsupported(shape.node, SH.sparql, f"{where} binds $this outside a triple "
                                 "pattern of its top-level group, so joining the focus nodes "
                                 "would not be the same as pre-binding them")
    if Variable("this") not in (parsed.algebra.get("PV") or []):
        raise reader.unsupported(shape.node, SH.sparql, f"{where} does not select $this, so its "
                                 "rows cannot be told apart by focus node")
    nested = _nested_this(parseQuery(prologue + text)[1].where)
    if nested:
        raise reader.unsupported(shape.node, SH.sparql, f"{where} {nested}, so joining the focus "
                                 "nodes would not be the same as pre-binding them")
    value_origin, why = _declared_values(parsed.algebra, reader.declared, shape)
    if why:
        raise reader.unsupported(shape.node, SH.sparql, f"{where} {why}; a store gives back "
                                 "the integers of those properties as xsd:integer, so the "
                                 "query could see another datatype than the data has")
    deactivated = reader.one(node, SH.deactivated)
    off = deactivated is not None and deactivated.toPython() is True
    return SparqlConstraint(
        shape, SH.SPARQLConstraintComponent, level="off" if off else "sparql", select=text,
        prefixes=prefixes, messages=tuple(sorted(str(m) for m in g.objects(node, SH.message))),
        node=node, value_origin=value_origin)


# --- what joining the focus nodes cannot reproduce ------------------------------------------

_THIS = Variable("this")


def _walk(node, skip=()):
    """Every CompValue in a parse tree or algebra, depth first (not into names in *skip*)."""
    if isinstance(node, algebra.CompValue):
        yield node
        if node.name in skip:
            return
        for v in node.values():
            yield from _walk(v, skip)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _walk(v, skip)


def _mentions(node, var: Variable, skip=("Builtin_EXISTS", "Builtin_NOTEXISTS")) -> bool:
    if node == var:
        return True
    if isinstance(node, algebra.CompValue):
        return node.name not in skip and any(_mentions(v, var, skip) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_mentions(v, var, skip) for v in node)
    return False


def _groups(node) -> list:
    """The group graph patterns directly inside *node* (not inside those groups)."""
    found = []
    for c in _walk(node, skip=("GroupGraphPatternSub",)):
        if c.name == "GroupGraphPatternSub" and c is not node:
            found.append(c)
    return found


def _nested_this(group, top: bool = True) -> Optional[str]:
    """Why joining the focus nodes at the start of the WHERE clause would not give what
    pre-binding $this gives (SHACL 5.3.1), or None.  $this may be used in triple patterns
    anywhere, and in FILTER and BIND expressions of the top-level group only: a nested group
    is evaluated before the join, where $this is unbound.  Sub-SELECTs are refused."""
    for part in group.get("part") or []:
        if part.name == "TriplesBlock":
            continue
        if any(c.name == "SubSelect" for c in _walk(part)):
            return "has a sub-SELECT"
        if part.name in ("Filter", "Bind"):
            if not top and _mentions(part.expr, _THIS):
                return "uses $this in a FILTER or BIND of a nested group"
            inner = [g for c in _walk(part.expr) if c.name in ("Builtin_EXISTS",
                                                              "Builtin_NOTEXISTS")
                     for g in [c.graph]]
        else:
            inner = _groups(part)
        for g in inner:
            why = _nested_this(g, top=False)
            if why:
                return why
    return None


def _declared_values(tree, declared: set, shape: "Shape") -> tuple[object, Optional[str]]:
    """(origin of ?value, reason to refuse): variables bound to the objects of a property
    with a declared integer datatype (or of a variable or path predicate) may be used for
    their value only: not joined, not in DATATYPE() (but compared with non-integer
    datatypes), not in sameTerm(), not as $this.  ?value takes back the declared datatype
    of its property: the origin is that IRI, or "path" when ?path is the predicate."""
    if not declared:
        return None, None
    triples = [t for c in _walk(tree) if c.name == "BGP" for t in c.triples]
    origin: dict = {}
    for s, p, o in triples:
        if not isinstance(o, Variable):
            continue
        if isinstance(p, Variable) and p == Variable("PATH") and shape.is_property_shape:
            p = shape.path
        if isinstance(p, URIRef):
            if str(p) in declared:
                origin.setdefault(o, set()).add(p)
        elif isinstance(p, Variable):
            origin.setdefault(o, set()).add(p)
        elif path_iris(p) & {URIRef(d) for d in declared}:
            origin.setdefault(o, set()).add(None)
    for c in _walk(tree):       # BIND (?x ... AS ?y) passes the doubt on
        if c.name == "Extend" and any(_mentions(c.expr, v, ()) for v in origin):
            origin.setdefault(c.var, set()).add(None)
    for var in origin:
        uses = sum(1 for t in triples for x in t if x == var)
        if var == _THIS:
            return None, "binds $this to such an object"
        if uses > 1:
            return None, f"joins ?{var} on the objects of such a property"
        for c in _walk(tree):
            if c.name == "Builtin_sameTerm" and _mentions([c.arg1, c.arg2], var, ()):
                return None, f"uses ?{var} in sameTerm()"
            if c.name == "RelationalExpression" and _datatype_test_ok(c, var) is False:
                return None, f"uses the DATATYPE() of ?{var}"
        if any(c.name == "Builtin_DATATYPE" and _mentions(c.arg, var, ()) for c in _walk(tree)) \
                and not _only_datatype_tests(tree, var):
            return None, f"uses the DATATYPE() of ?{var}"
    value = Variable("value")
    if value not in origin or value not in (tree.get("PV") or []):
        return None, None
    (src,) = origin[value] if len(origin[value]) == 1 else (None,)
    if isinstance(src, URIRef):
        return src, None
    if src == Variable("path") and Variable("path") in (tree.get("PV") or []):
        return "path", None
    return None, "selects as ?value an object whose property is not known"


def _is_datatype_of(node, var) -> bool:
    return isinstance(node, algebra.CompValue) and node.name == "Builtin_DATATYPE" \
        and node.arg == var


def _datatype_test_ok(rel, var) -> Optional[bool]:
    """For ``DATATYPE(?var) = <iri>`` / ``!=`` / ``IN (...)`` / ``NOT IN (...)``: True when
    no integer datatype is named (the answer does not depend on which one a value has),
    False when one is; None for any other expression."""
    if rel.get("op") is None:
        return None
    if _is_datatype_of(rel.expr, var):
        other = rel.other
    elif _is_datatype_of(rel.other, var):
        other = rel.expr
    else:
        return None
    names = other if isinstance(other, (list, tuple)) else [other]
    if not all(isinstance(n, URIRef) for n in names):
        return False
    from kg.validate.engine.components import INTEGER_TYPES
    return not any(n in INTEGER_TYPES for n in names)


def _only_datatype_tests(tree, var) -> bool:
    """Is every DATATYPE(?var) the operand of a test `_datatype_test_ok` accepts?"""
    calls = [c for c in _walk(tree) if _is_datatype_of(c, var)]
    accepted = [c for c in _walk(tree) if c.name == "RelationalExpression"
                and _datatype_test_ok(c, var)]
    covered = {id(x) for r in accepted for x in (r.expr, r.other) if _is_datatype_of(x, var)}
    return all(id(c) in covered for c in calls)


def _imports(g, holder) -> list:
    """*holder* and the ontologies it owl:imports, transitively (as found in *g*)."""
    seen, todo = [holder], [holder]
    while todo:
        for o in g.objects(todo.pop(), OWL.imports):
            if o not in seen:
                seen.append(o)
                todo.append(o)
    return seen


def _prefixes(reader: "_Reader", shape: "Shape", node: Node) -> dict[str, str]:
    """The prefixes of ``sh:prefixes``: the ``sh:declare`` of each node named (an ontology
    without declarations of its own gets those of every ontology in the graph)."""
    g = reader.g
    everywhere = [d for o in g.subjects(RDF.type, OWL.Ontology) for d in g.objects(o, SH.declare)]
    out: dict[str, str] = {}
    for holder in g.objects(node, SH.prefixes):
        declares = [d for o in _imports(g, holder) for d in g.objects(o, SH.declare)] \
            or everywhere
        for d in declares:
            prefix, ns = reader.one(d, SH.prefix), reader.one(d, SH.namespace)
            if prefix is None or ns is None:
                raise reader.malformed(shape.node, f"a sh:declare of {holder.n3()} lacks "
                                       "sh:prefix or sh:namespace")
            if out.get(str(prefix), str(ns)) != str(ns):
                raise reader.malformed(shape.node, f"prefix {prefix} is declared twice, "
                                       f"as {out[str(prefix)]} and {ns}")
            out[str(prefix)] = str(ns)
    return out


__all__ = ["SparqlConstraint", "format_message", "inject_focus", "read_sparql_constraint"]
