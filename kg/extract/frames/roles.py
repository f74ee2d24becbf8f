"""The roles of every cue of a document, found by the patterns of ``data/frames.json``.

One run of the patterns over the document; the matches are grouped by their cue token, so
that a frame can be assembled from the roles found for its cue: sources, contents, objects,
accused parties, and the vetoes that say a word is not used as a cue there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract import patterns


@dataclass
class Roles:
    cue: int
    found: dict = field(default_factory=dict)     # role -> [(token index, pattern id)]
    patterns: set = field(default_factory=set)

    def first(self, role: str, *pattern_prefixes: str):
        """The token index of the first *role* found (by patterns with these prefixes)."""
        for i, pid in self.found.get(role, []):
            if not pattern_prefixes or pid.startswith(pattern_prefixes):
                return i
        return None

    def all(self, role: str, *pattern_prefixes: str) -> list[int]:
        return [i for i, pid in self.found.get(role, [])
                if not pattern_prefixes or pid.startswith(pattern_prefixes)]

    @property
    def vetoed(self) -> bool:
        return any(p.startswith("veto:") for p in self.patterns)


def rules():
    return patterns.load("frames")


def cue_roles(doc) -> dict[int, Roles]:
    """Cue token index -> its roles, for the whole document (computed once per document)."""
    cached = doc.user_data.get("kg_cue_roles")
    if cached is not None:
        return cached
    out: dict[int, Roles] = {}
    for pid, nodes in rules().matches(doc):
        cue = nodes.get("cue")
        if cue is None:
            continue
        r = out.setdefault(cue, Roles(cue))
        r.patterns.add(pid)
        for role, i in nodes.items():
            if role != "cue":
                r.found.setdefault(role, []).append((i, pid))
    doc.user_data["kg_cue_roles"] = out
    return out


def cue_words() -> frozenset:
    return rules().words("cue_verbs")
