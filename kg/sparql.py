"""SPARQL text, handled as tokens: read-only checks, parameters bound by VALUES, paging.

Used for the embedded store and for remote servers alike, so that both see the same query.
Parameters are never pasted into the query: a ``VALUES`` block is added at the start of the
WHERE clause, holding each value written by pyoxigraph in N-Triples syntax, from which a
value cannot escape (quotes and backslashes are escaped, IRIs are validated):

>>> import pyoxigraph as ox
>>> print(prepare('SELECT ?s WHERE { ?s ?p ?_o }', {"_o": ox.Literal('x" } ; DROP ALL ; {')}))
SELECT ?s WHERE {
VALUES (?_o) { ("x\\" } ; DROP ALL ; {") }
 ?s ?p ?_o }

A binding joins the whole WHERE clause, so a parameter must be used in the top-level group (a
FILTER inside a nested group or a subquery does not see it); every stored query is tested
with its parameters bound.

Refused unless asked for: ``SERVICE`` (pyoxigraph would fetch the URL), ``FROM`` / ``FROM
NAMED`` (some servers fetch them), and updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from kg.errors import QueryError

_TOKEN = re.compile(r'''
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*)?:
              (?:[\w\-.:%\u00B7\u00C0-\uFFFF]|\\.)*)
  | (?P<bnode>_:[\w\-.]+)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*=<>!+\-/|^?@])
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                "WITH"}


@dataclass(frozen=True)
class Token:
    kind: str
    value: str
    start: int
    end: int
    depth: int  # braces { } enclosing the token (0 = top level)
    parens: int  # parentheses ( ) enclosing it

    @property
    def upper(self) -> str:
        return self.value.upper()


def tokenize(text: str) -> list[Token]:
    """The significant tokens of *text* (no whitespace, no comments), with their nesting."""
    out: list[Token] = []
    depth = parens = 0
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:  # pragma: no cover - the pattern matches every character
            raise QueryError("E701", "cannot read the query", f"unexpected text at {pos}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "other" and value in "\"'":
            raise QueryError("E701", "cannot read the query",
                             f"a string opened at character {m.start()} is never closed",
                             "close the string, or escape the quote with a backslash")
        if value == "}" and kind == "punct":
            depth -= 1
        if value == ")" and kind == "punct":
            parens -= 1
        out.append(Token(kind, value, m.start(), m.end(), depth, parens))
        if value == "{" and kind == "punct":
            depth += 1
        if value == "(" and kind == "punct":
            parens += 1
    if depth != 0 or parens != 0:
        raise QueryError("E701", "cannot read the query",
                         "its braces or parentheses do not balance",
                         "check that every { and ( is closed")
    return out


def variables(text: str) -> set[str]:
    """The names (without ``?``) of the variables the query mentions."""
    return {t.value[1:] for t in tokenize(text) if t.kind == "var"}


def query_form(tokens: list[Token]) -> str:
    for t in tokens:
        if t.kind == "word" and t.upper not in ("PREFIX", "BASE"):
            return t.upper
    return ""


def check_read_only(tokens: list[Token], allow: Iterable[str] = ()) -> None:
    """Refuse updates, SERVICE and FROM unless *allow* names them ("update", "service", "from")."""
    allow = {a.lower() for a in allow}
    form = query_form(tokens)
    if form not in QUERY_FORMS and "update" not in allow:
        raise QueryError("E702", f"refused to run a {form or 'empty'} request",
                         "stored and ad-hoc queries are read-only (SELECT, ASK, CONSTRUCT, "
                         "DESCRIBE)", "change data with kg ingest, not with a query")
    for i, t in enumerate(tokens):
        if t.kind != "word":
            continue
        w = t.upper
        if w == "SERVICE" and "service" not in allow:
            raise QueryError("E703", "refused a query with SERVICE",
                             "it would make the query engine fetch another server's data",
                             "remove the SERVICE clause, or allow federation explicitly")
        if w == "SERVICE":
            _check_service_address(tokens[i + 1:i + 3])
        if w == "FROM" and "from" not in allow:
            raise QueryError("E704", "refused a query with FROM / FROM NAMED",
                             "queries run over all graphs of the store; some servers fetch "
                             "FROM IRIs from the web",
                             "remove FROM, and use GRAPH <...> { } to pick a graph")
        if w in UPDATE_WORDS and "update" not in allow:
            raise QueryError("E702", f"refused a query with {w}",
                             "stored and ad-hoc queries are read-only",
                             "change data with kg ingest, not with a query")


def _check_service_address(after: list[Token]) -> None:
    """An allowed SERVICE must name its server: ``SERVICE [SILENT] <iri>``, not a variable."""
    if after and after[0].kind == "word" and after[0].upper == "SILENT":
        after = after[1:]
    if after and after[0].kind == "var":
        raise QueryError("E703", f"refused SERVICE {after[0].value}",
                         "a SERVICE is run only on a server the query names: a variable "
                         "would take the address from the data",
                         "write the server's address, e.g. SERVICE <https://example.org/sparql>")


def _where_brace(tokens: list[Token]) -> Token:
    """The ``{`` that opens the query's WHERE clause."""
    form = query_form(tokens)
    seen_form = False
    after_where = False
    for t in tokens:
        if not seen_form:
            seen_form = t.kind == "word" and t.upper == form
            continue
        if t.depth != 0 or t.parens != 0:
            continue
        if t.kind == "word" and t.upper == "WHERE":
            after_where = True
        elif t.value == "{" and t.kind == "punct":
            if after_where or form in ("SELECT", "ASK", "DESCRIBE"):
                return t
    raise QueryError("E705", "cannot find the WHERE clause of the query",
                     "parameters are bound at the start of the WHERE clause",
                     "write the query as SELECT ... WHERE { ... }")


def bind(text: str, bindings: Mapping[str, object]) -> str:
    """*text* with a VALUES block binding *bindings* (name -> pyoxigraph term) at the start
    of its WHERE clause.  Every name must be a variable of the query."""
    if not bindings:
        return text
    tokens = tokenize(text)
    present = {t.value[1:] for t in tokens if t.kind == "var"}
    unknown = sorted(set(bindings) - present)
    if unknown:
        raise QueryError("E706", f"the query has no variable ?{unknown[0]}",
                         "a parameter binds a variable of the query",
                         f"use one of: {', '.join('?' + v for v in sorted(present))}")
    names = sorted(bindings)
    for n in names:
        if not re.fullmatch(r"[A-Za-z0-9_\u00B7\u00C0-\uFFFF]+", n):
            raise QueryError("E706", f"bad variable name {n!r}")
    terms = [term_text(bindings[n]) for n in names]
    brace = _where_brace(tokens)
    values = "VALUES ({}) {{ ({}) }}".format(" ".join("?" + n for n in names), " ".join(terms))
    return text[:brace.end] + "\n" + values + "\n" + text[brace.end:]


def term_text(term) -> str:
    """A pyoxigraph term in N-Triples syntax (what ``str()`` gives), checked once more."""
    import pyoxigraph as ox

    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError("E707", f"cannot bind {term!r}", "only IRIs and literals can be bound")
    return str(term)


def has_top_level(tokens: list[Token], word: str) -> bool:
    return any(t.kind == "word" and t.upper == word and t.depth == 0 and t.parens == 0
               for t in tokens)


def page(text: str, limit: int | None = None, offset: int | None = None) -> str:
    """*text* with ``LIMIT`` / ``OFFSET`` appended (integers we format, not user text)."""
    if limit is None and not offset:
        return text
    tokens = tokenize(text)
    for word in ("LIMIT", "OFFSET"):
        if has_top_level(tokens, word):
            raise QueryError("E708", f"the query has its own {word}",
                             "--limit and --offset would conflict with it",
                             f"remove {word} from the query, or do not pass --limit/--offset")
    # a trailing VALUES block after the WHERE clause must stay last
    where = _where_brace(tokens)
    close = next(t for t in tokens if t.start > where.start and t.value == "}"
                 and t.kind == "punct" and t.depth == 0)
    trailing = [t for t in tokens if t.start > close.start and t.depth == 0
                and t.kind == "word" and t.upper == "VALUES"]
    cut = trailing[0].start if trailing else len(text)
    extra = ""
    if limit is not None:
        extra += f"\nLIMIT {int(limit)}"
    if offset:
        extra += f"\nOFFSET {int(offset)}"
    return text[:cut].rstrip() + extra + "\n" + text[cut:]


def prepare(text: str, bindings: Mapping[str, object] = {}, *, allow: Iterable[str] = (),
            limit: int | None = None, offset: int | None = None) -> str:
    """Check *text* is read-only, bind *bindings*, add paging: the text to send."""
    check_read_only(tokenize(text), allow)
    return page(bind(text, bindings), limit, offset)


def syntax_error(err: Exception) -> QueryError:
    return QueryError("E709", "the query is not valid SPARQL", str(err),
                      "fix the query (the message gives line and column)")


__all__ = ["tokenize", "variables", "check_read_only", "bind", "page", "prepare", "term_text",
           "syntax_error", "Token"]
