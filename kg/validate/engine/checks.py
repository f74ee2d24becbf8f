"""The checks a validation runs, each one SPARQL query, and the results they give.

A `Check` is one constraint of one shape; a `CountsCheck` the sh:minCount and sh:maxCount
of a property shape, counted once per focus node.  `merged_checks` merges, per set of
targets, the value constraints and the counts of the property shapes on a single
predicate into one `ValuesCheck` and one `CountsQuery`: each query pays for its focus nodes
and for one index lookup per focus node, so the 116 checks of the bundled shapes run as 32
queries, and each member's results are those its own query gives.  `_results` turns rows
into `ValidationResult`s, asking the constraints' Python twins about doubtful rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional

import pyoxigraph as ox
from rdflib import URIRef

from kg.validate.engine import components as cc
from kg.validate.engine import logical as lc
from kg.validate.engine import pairs as pc
from kg.validate.engine import strings as sc
from kg.validate.engine.shapes import Shape
from kg.validate.engine.sparql_constraints import SparqlConstraint, format_message
from kg.validate.engine.terms import to_rdflib
from kg.validate.report import ValidationResult, show

if TYPE_CHECKING:  # pragma: no cover
    from kg.validate.engine.run import Context, View


# --- checks: one query each --------------------------------------------------------------

@dataclass(eq=False)
class Check:
    """One constraint of one shape, run for the focus nodes of one shape with targets."""

    root: Shape
    shape: Shape            # the root itself, or one of its sh:property shapes
    constraint: cc.Constraint

    def query(self, focus: str, ctx: Context) -> str:
        c, shape = self.constraint, self.shape
        if isinstance(c, SparqlConstraint):
            return c.query(focus)
        if c.level == "rows":
            return c.rows_query(f"{{ {focus} }}", ctx)
        start, projection = f"{{ {focus} }}", "?this"
        ctx.origins["?value"] = ctx.value_origin(shape)
        if c.level == "focus":
            tri = c.focus_tri("?this", ctx)
        elif shape.is_property_shape:
            tri = c.value_tri("?value", "?this", ctx)
            # distinct pairs first: a triple stored in many graphs is checked once
            start = (f"{{ SELECT DISTINCT ?this ?value WHERE {{ {start} "
                     f"?this {shape.path_sparql} ?value }} }}")
            projection = "?this ?value"
        else:
            tri = c.value_tri("?this", "?this", ctx)
        if ctx.doubt:
            tri = cc.Tri("true", "false")
        sure = ""
        if not tri.is_exact:
            projection += " ?sure"
            sure = f" BIND({tri.sure} AS ?sure)"
        return f"SELECT DISTINCT {projection} WHERE {{ {start} FILTER({tri.maybe}){sure} }}"


    @property
    def constraints(self) -> list:
        return [self.constraint]

    def results(self, rows, view: "View") -> Iterator[ValidationResult]:
        return _results(self, rows, view)


@dataclass(eq=False)
class CountsCheck:
    """The sh:minCount and sh:maxCount of one property shape, as one count per focus node.

    A triple stored in several graphs appears once per graph in the union, so a value many
    articles share (the label of a hospital they all name) would make the pairwise patterns
    of `CountConstraint.focus_tri` quadratic; COUNT(DISTINCT) is linear, and one query
    serves both bounds."""

    root: Shape
    shape: Shape
    counts: list            # components.CountConstraint

    @property
    def constraints(self) -> list:
        return self.counts

    def query(self, focus: str, ctx: Context) -> str:
        if ctx.doubt:       # the Python twins decide from the values
            return f"SELECT DISTINCT ?this WHERE {{ {{ {focus} }} }}"
        bad = " || ".join(f"?n {'<' if c.at_least else '>'} {c.bound}" for c in self.counts)
        return (f"SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {{ {focus} }} "
                f"OPTIONAL {{ ?this {self.shape.path_sparql} ?v }} }} "
                f"GROUP BY ?this HAVING ({bad.replace('?n', 'COUNT(DISTINCT ?v)')})")

    def results(self, rows, view: "View") -> Iterator[ValidationResult]:
        counted = "n" in [v.value for v in rows.variables]
        for row in rows:
            focus = row["this"]
            n = (int(row["n"].value) if counted
                 else len(view.values(focus, self.shape.path_sparql)))
            for c in self.counts:
                if (n < c.bound) if c.at_least else (n > c.bound):
                    yield _result(Check(self.root, self.shape, c), focus, None)


def checks_of(roots: list[Shape]) -> list:
    """One check per constraint, but one `CountsCheck` for the counts of a property shape
    (except a lone sh:minCount 1: NOT EXISTS is cheaper)."""
    out: list = []
    for root in roots:
        for shape in [root] + [p for p in root.properties if not p.deactivated]:
            live = [c for c in shape.constraints if c.level != "off"]
            counts = [c for c in live if isinstance(c, cc.CountConstraint)]
            if counts and not (len(counts) == 1 and counts[0].at_least and counts[0].bound <= 1):
                out.append(CountsCheck(root, shape, counts))
                live = [c for c in live if c not in counts]
            out.extend(Check(root, shape, c) for c in live)
    return out


def _plain(shape: Shape) -> bool:
    """A property shape whose path is one predicate (``sh:path ekg:label``)."""
    return shape.is_property_shape and isinstance(shape.path, URIRef)


@dataclass(eq=False)
class ValuesCheck:
    """The value constraints (sh:datatype, sh:class, sh:in...) of the property shapes whose
    path is a single predicate, of the root shapes with the same targets (so the same focus
    nodes), as one query over the focus nodes' triples.

    Separate checks would each look up their predicate for every focus node; here each
    focus node's triples are read once and every constraint is a column::

        SELECT ?this ?value ?m0 ?s0 ?m1 ... WHERE {
          { SELECT DISTINCT ?this ?_kg_p ?value WHERE {
              { VALUES ?this { ... } } ?this ?_kg_p ?value FILTER(?_kg_p IN (<p0>, <p1>)) } }
          BIND(IF(sameTerm(?_kg_p, <p0>), (maybe0), false) AS ?m0)  # member 0 may fail
          BIND(IF(?m0, (sure0), false) AS ?s0)               # only when maybe != sure
          ...
          FILTER(?m0 || ?m1 ...) }

    A row is a result of member *k* where ``?mk`` is true, decided as that member's own
    query would (`Check.query`): same rows, same results."""

    root: Shape             # the first member's: its focus nodes are every member's
    members: list           # Check, each on a _plain property shape, level "value"

    @property
    def shape(self) -> Shape:
        return self.root

    @property
    def constraints(self) -> list:
        return [m.constraint for m in self.members]

    def query(self, focus: str, ctx: Context) -> str:
        preds = sorted({m.shape.path_sparql for m in self.members})
        columns, binds, wanted = ["?this", "?value"], [], []
        for k, m in enumerate(self.members):
            ctx.origins["?value"] = ctx.value_origin(m.shape)
            tri = (cc.Tri("true", "false") if ctx.doubt
                   else m.constraint.value_tri("?value", "?this", ctx))
            binds.append(f"BIND(IF(sameTerm(?_kg_p, {m.shape.path_sparql}), ({tri.maybe}), "
                         f"false) AS ?m{k})")
            columns.append(f"?m{k}")
            wanted.append(f"?m{k}")
            if not tri.is_exact:
                binds.append(f"BIND(IF(?m{k}, ({tri.sure}), false) AS ?s{k})")
                columns.append(f"?s{k}")
        return (f"SELECT {' '.join(columns)} WHERE {{ "
                f"{{ SELECT DISTINCT ?this ?_kg_p ?value WHERE {{ {{ {focus} }} "
                f"?this ?_kg_p ?value FILTER(?_kg_p IN ({', '.join(preds)})) }} }} "
                f"{' '.join(binds)} FILTER({' || '.join(wanted)}) }}")

    def results(self, rows, view: "View") -> Iterator[ValidationResult]:
        names = {v.value for v in rows.variables}
        for k, m in enumerate(self.members):
            sure = f"s{k}" if f"s{k}" in names else None
            mine = [{"this": r["this"], "value": r["value"], "sure": r[sure] if sure else None}
                    for r in rows if _true(r[f"m{k}"])]
            variables = [ox.Variable("this"), ox.Variable("value")]
            variables += [ox.Variable("sure")] if sure else []
            yield from _results(m, _Fetched(variables, mine), view)


@dataclass(eq=False)
class CountsQuery:
    """The sh:minCount and sh:maxCount of the property shapes whose path is a single
    predicate, of the root shapes with the same targets, as one count per focus node and
    predicate::

        SELECT ?this ?n0 ?n1 ... WHERE {
          { SELECT ?this (COUNT(DISTINCT IF(sameTerm(?_kg_p, <p0>), ?v, ?_kg_none)) AS ?n0)
                         ...
            WHERE { { VALUES ?this { ... } }
                    OPTIONAL { ?this ?_kg_p ?v FILTER(?_kg_p IN (<p0>, <p1>)) } }
            GROUP BY ?this }
          FILTER(?n0 < 1 || ?n0 > 1 || ?n1 < 1 ...) }

    (``?_kg_none`` is never bound: COUNT skips the values of the other predicates.)  Each
    member, a `CountsCheck` or the lone ``sh:minCount 1`` of a `Check`, reports the focus
    nodes whose count breaks its bounds, as its own query would."""

    root: Shape             # the first member's: its focus nodes are every member's
    members: list           # CountsCheck or Check with a CountConstraint, on _plain shapes

    @property
    def shape(self) -> Shape:
        return self.root

    @property
    def constraints(self) -> list:
        return [c for m in self.members for c in _counts(m)]

    def query(self, focus: str, ctx: Context) -> str:
        if ctx.doubt:       # the Python twins decide from the values
            return f"SELECT DISTINCT ?this WHERE {{ {{ {focus} }} }}"
        preds = sorted({m.shape.path_sparql for m in self.members})
        counts, bad = [], []
        for k, m in enumerate(self.members):
            counts.append(f"(COUNT(DISTINCT IF(sameTerm(?_kg_p, {m.shape.path_sparql}), ?v, "
                          f"?_kg_none)) AS ?n{k})")
            bad += [f"?n{k} {'<' if c.at_least else '>'} {c.bound}" for c in _counts(m)]
        return (f"SELECT ?this {' '.join(f'?n{k}' for k in range(len(self.members)))} "
                f"WHERE {{ {{ SELECT ?this {' '.join(counts)} WHERE {{ {{ {focus} }} "
                f"OPTIONAL {{ ?this ?_kg_p ?v FILTER(?_kg_p IN ({', '.join(preds)})) }} }} "
                f"GROUP BY ?this }} FILTER({' || '.join(bad)}) }}")

    def results(self, rows, view: "View") -> Iterator[ValidationResult]:
        counted = "n0" in [v.value for v in rows.variables]
        rows = list(rows)
        for k, m in enumerate(self.members):
            for row in rows:
                focus = row["this"]
                n = (int(row[f"n{k}"].value) if counted
                     else len(view.values(focus, m.shape.path_sparql)))
                for c in _counts(m):
                    if (n < c.bound) if c.at_least else (n > c.bound):
                        yield _result(Check(m.root, m.shape, c), focus, None)


def _counts(check) -> list:
    return check.counts if isinstance(check, CountsCheck) else [check.constraint]


def _targets_key(root: Shape) -> tuple:
    """Roots with the same targets have the same focus nodes."""
    return (root.classes, frozenset(root.target_nodes), frozenset(root.subjects_of),
            frozenset(root.objects_of))


def merged_checks(checks: list) -> list:
    """*checks* with, per set of targets (``sh:targetClass ekg:Quote``...), the value
    checks and the counts of the property shapes on a single predicate merged into one
    `ValuesCheck` and one `CountsQuery` (where there are two or more to merge), whichever
    root shape they belong to; the other checks as they are."""
    out: list = []
    values: dict = {}
    counts: dict = {}
    for check in checks:
        key = _targets_key(check.root)
        if isinstance(check, CountsCheck) and _plain(check.shape):
            counts.setdefault(key, []).append(check)
        elif isinstance(check, Check) and _plain(check.shape):
            if isinstance(check.constraint, cc.CountConstraint):
                counts.setdefault(key, []).append(check)
            elif check.constraint.level == "value":
                values.setdefault(key, []).append(check)
            else:
                out.append(check)
        else:
            out.append(check)
    for key in dict.fromkeys(_targets_key(c.root) for c in checks):
        for group, kind in ((values.get(key, []), ValuesCheck),
                            (counts.get(key, []), CountsQuery)):
            out.extend([kind(group[0].root, group)] if len(group) > 1 else group)
    return out



@dataclass
class _Fetched:
    """The rows of a query, read to the end (in a worker thread)."""

    variables: list
    rows: list

    def __iter__(self):
        return iter(self.rows)


# --- results -------------------------------------------------------------------------------

def _results(check: Check, rows, view: View) -> Iterator[ValidationResult]:
    c, shape = check.constraint, check.shape
    if isinstance(c, SparqlConstraint):
        yield from _sparql_results(check, rows, view)
        return
    names = [v.value for v in rows.variables]
    if c.level == "rows":
        for row in rows:
            path = to_rdflib(row["path"]) if "path" in names else None
            value = view.ctx.restore(path if "path" in names else view.ctx.value_origin(shape),
                                     row["value"])
            yield _result(check, row["this"], value, path=path)
        return
    origin = view.ctx.value_origin(shape)
    for row in rows:
        focus = row["this"]
        value = row["value"] if "value" in names else (focus if c.level == "value" else None)
        value = view.ctx.restore(origin, value)
        if "sure" in names and not _true(row["sure"]):
            if c.level == "focus":
                values = (view.values(focus, shape.path_sparql, origin)
                          if shape.is_property_shape else [focus])
                doubtful_violates = c.py_focus(view, focus, values)
            else:
                doubtful_violates = c.py_value(view, focus, value)
            if not doubtful_violates:
                continue
        yield _result(check, focus, value)


def _true(term) -> bool:
    return isinstance(term, ox.Literal) and term.value == "true"


def _result(check: Check, focus, value, path=None, message: Optional[str] = None
            ) -> ValidationResult:
    shape = check.shape
    return ValidationResult(
        focus_node=to_rdflib(focus), severity=shape.severity,
        message=message or " / ".join(shape.messages) or generic_message(check, focus, value),
        source_shape=shape.node, path=path if path is not None else shape.path,
        value=to_rdflib(value), constraint_component=check.constraint.component)


def _sparql_results(check: Check, rows, view: View) -> Iterator[ValidationResult]:
    c, shape = check.constraint, check.shape
    names = [v.value for v in rows.variables]
    seen = set()
    for row in rows:
        bound = {n: to_rdflib(row[n]) for n in names if row[n] is not None}
        key = tuple(sorted((k, v.n3()) for k, v in bound.items()))
        if key in seen:
            continue
        seen.add(key)
        focus = row["this"]
        value = row["value"] if "value" in bound else (None if shape.is_property_shape else focus)
        path = bound.get("path")
        origin = path if c.value_origin == "path" else c.value_origin
        value = view.ctx.restore(origin if isinstance(origin, URIRef) else None, value)
        templates = sorted(set(shape.messages) | set(c.messages))
        message = " / ".join(sorted(format_message(t, bound) for t in templates))
        yield _result(check, focus, value, path=path, message=message or "(no message)")


def generic_message(check: Check, focus, value) -> str:
    """pySHACL's wording for a result of a shape without sh:message (close to it)."""
    c, shape = check.constraint, check.shape
    where = show(to_rdflib(focus)) + (f"->{show(shape.path)}" if shape.path is not None else "")
    if isinstance(c, cc.CountConstraint):
        return f"{'Less' if c.at_least else 'More'} than {c.bound} values on {where}"
    if isinstance(c, cc.ClassConstraint):
        return f"Value does not have class {show(c.cls)}"
    if isinstance(c, sc.LengthConstraint):
        return f"String length {'<' if c.at_least else '>'} {c.bound}"
    if isinstance(c, sc.LanguageInConstraint):
        return f"String language is not in {list(c.ranges)}"
    if isinstance(c, pc.ClosedConstraint):
        return (f"Node {show(to_rdflib(focus))} is closed. It cannot have value: "
                f"{show(to_rdflib(value))}")
    if isinstance(c, pc.PairSetConstraint):
        return (f"Value of {where} != {show(c.other)}" if c.equals
                else f"Value of {where} is also a value of {show(c.other)}")
    if isinstance(c, sc.UniqueLangConstraint):
        return f"More than one value of {where} shares a language tag"
    if isinstance(c, cc.DatatypeConstraint):
        return f"Value is not Literal with datatype {show(c.datatype)}"
    if isinstance(c, cc.NodeKindConstraint):
        return f"Value is not of Node Kind {show(c.kind)}"
    if isinstance(c, cc.InConstraint):
        return f"Value {show(to_rdflib(value))} not in list {[str(m) for m in c.members]}"
    if isinstance(c, cc.HasValueConstraint):
        return f"Node {where} does not contain a value in the set: ['{c.value.value}']"
    if isinstance(c, cc.PatternConstraint):
        return f"Value does not match pattern '{c.pattern}'"
    if isinstance(c, cc.RangeConstraint):
        op = cc.RANGES[c.param][1]
        return f"Value is not {op} {show(c.bound)}"
    if isinstance(c, cc.PropertyPairConstraint):
        return f"Value of {where} is not {'<=' if c.or_equal else '<'} {show(c.other)}"
    if isinstance(c, lc.LogicalConstraint):
        v = show(to_rdflib(value))
        if c.operator == "not":
            return f"Node {v} must not conform to shape {show(c.members[0].node)}"
        return f"Node {v} does not conform to {c.operator} of its shapes"
    return "(no message)"


__all__ = ["Check", "CountsCheck", "CountsQuery", "ValuesCheck", "checks_of", "generic_message",
           "merged_checks"]
