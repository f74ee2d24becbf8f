"""Rules as data: word lists and spaCy patterns read from ``kg/extract/data/*.json``.

A data file holds named word lists and patterns.  A word list::

    {"id": "deny_verbs", "doc": "verbs of denial and rebuttal", "words": ["deny", ...]}

A pattern is a spaCy `Matcher` (``"matcher": "token"``) or `DependencyMatcher`
(``"matcher": "dependency"``) pattern, with what it is for and the sentences it must and must
not match, which a test runs (tests/test_patterns.py)::

    {"id": "denied-that", "matcher": "dependency", "doc": "X denied that CLAUSE",
     "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": "@deny_verbs"}}}, ...],
     "examples": {"match": ["The army denied that it shelled the school."],
                  "no_match": ["Aid was denied to the town."]}}

``"@name"`` in a pattern stands for the word list *name* of the same file or of
``lexicon.json`` (``"@a|b"`` for the union of two lists), so the vocabulary lives in one
place.  `PatternSet.matches(doc)` runs every
pattern of a file and returns ``(pattern id, {role: token index})`` pairs: for a dependency
pattern the roles are its ``RIGHT_ID`` names, for a token pattern ``"start"`` and ``"end"``.

>>> ps = PatternSet.from_data({"words": [{"id": "w", "words": ["bomb"]}], "patterns": [
...     {"id": "bomb-verb", "matcher": "token", "pattern": [{"LEMMA": {"IN": "@w"}}]}]})
>>> ps.words("w")
frozenset({'bomb'})
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Pattern:
    id: str
    matcher: str                        # "token" | "dependency"
    pattern: list
    doc: str = ""
    examples: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)   # anything else the entry says (its reading)


class PatternError(ValueError):
    """A data file that cannot be used: names the file, the entry and the problem."""


@dataclass
class PatternSet:
    name: str
    lists: dict[str, frozenset] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)
    patterns: list[Pattern] = field(default_factory=list)
    _matchers: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_data(cls, data: dict, name: str = "<data>",
                  shared: Optional[dict[str, frozenset]] = None) -> "PatternSet":
        ps = cls(name=name, lists=dict(shared or {}))
        for entry in data.get("words", []):
            ps.lists[entry["id"]] = frozenset(w.lower() for w in entry["words"])
            ps.docs[entry["id"]] = entry.get("doc", "")
        known = {"id", "matcher", "pattern", "doc", "examples"}
        for entry in data.get("patterns", []):
            if entry.get("matcher") not in ("token", "dependency"):
                raise PatternError(f"{name}: pattern {entry.get('id')!r}: matcher must be "
                                   f"'token' or 'dependency'")
            ps.patterns.append(Pattern(
                id=entry["id"], matcher=entry["matcher"],
                pattern=ps._expand(entry["pattern"], entry["id"]), doc=entry.get("doc", ""),
                examples=entry.get("examples", {}),
                meta={k: v for k, v in entry.items() if k not in known}))
        return ps

    def _expand(self, value: Any, where: str) -> Any:
        """Replace "@list" (or "@a|b", the union of lists a and b) by the words of the list
        (lowercase: match on LOWER or LEMMA)."""
        if isinstance(value, str) and value.startswith("@"):
            words: set = set()
            for name in value[1:].split("|"):
                if name not in self.lists:
                    raise PatternError(f"{self.name}: pattern {where!r}: no word list "
                                       f"{'@' + name!r}")
                words |= self.lists[name]
            return sorted(words)
        if isinstance(value, list):
            return [self._expand(v, where) for v in value]
        if isinstance(value, dict):
            return {k: self._expand(v, where) for k, v in value.items()}
        return value

    def words(self, list_id: str) -> frozenset:
        return self.lists[list_id]

    def pattern(self, pattern_id: str) -> Pattern:
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)

    def _matcher(self, vocab, kind: str):
        key = (id(vocab), kind)
        m = self._matchers.get(key)
        if m is None:
            from spacy.matcher import DependencyMatcher, Matcher

            m = (DependencyMatcher if kind == "dependency" else Matcher)(vocab)
            for p in self.patterns:
                if p.matcher == kind:
                    try:
                        m.add(p.id, [p.pattern])
                    except ValueError as e:
                        raise PatternError(f"{self.name}: pattern {p.id!r}: {e}") from e
            self._matchers[key] = m
        return m

    def matches(self, doclike) -> Iterator[tuple[str, dict[str, int]]]:
        """Every match of every pattern in *doclike* (a Doc or a Span), in text order."""
        doc = doclike.doc if hasattr(doclike, "doc") else doclike
        out = []
        for kind in ("token", "dependency"):
            if not any(p.matcher == kind for p in self.patterns):
                continue
            m = self._matcher(doc.vocab, kind)
            strings = doc.vocab.strings
            for match_id, *rest in m(doclike):
                pid = strings[match_id]
                if kind == "token":
                    start, end = rest
                    base = doclike.start if hasattr(doclike, "start") else 0
                    out.append((pid, {"start": base + start, "end": base + end}))
                else:
                    (tokens,) = rest
                    names = [n["RIGHT_ID"] for n in self.pattern(pid).pattern]
                    base = doclike.start if hasattr(doclike, "start") else 0
                    out.append((pid, {n: base + t for n, t in zip(names, tokens)}))
        out.sort(key=lambda x: (min(x[1].values()), x[0]))
        return iter(out)


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise PatternError(f"{path}: cannot read the rules: {e}") from e


@lru_cache(maxsize=None)
def lexicon() -> PatternSet:
    """The shared word lists (``data/lexicon.json``)."""
    return PatternSet.from_data(_read(DATA / "lexicon.json"), "lexicon.json")


@lru_cache(maxsize=None)
def load(name: str) -> PatternSet:
    """The rules of ``data/NAME.json``, its ``@`` references resolved against its own word
    lists and the lexicon's."""
    shared = lexicon().lists if name != "lexicon" else {}
    return PatternSet.from_data(_read(DATA / f"{name}.json"), f"{name}.json", shared)


def files() -> list[str]:
    """The names of every data file (for the test that runs their examples)."""
    return sorted(p.stem for p in DATA.glob("*.json"))
