"""The kind of a source (ngo, government, military, ...) from the words of its name, role or
body: the cue lists ``kind_*`` of ``data/agents.json``.

>>> classify_kind("Russian Defence Ministry")
'military'
>>> classify_kind("Human Rights Watch")
'ngo'
>>> classify_kind("two residents")
'witness'
>>> classify_kind("Israeli military source")
'anonymous'
>>> classify_kind("UNAMA")
'intergovernmental'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from kg.extract.agents.words import kind_cues

#: The order in which the kinds' cues are tried: the first kind with a cue in the name wins.
KIND_ORDER = ("military", "intergovernmental", "ngo", "media", "witness", "armed_group",
              "government", "anonymous")
_CUES = {kind: tuple(sorted(kind_cues(kind))) for kind in KIND_ORDER}


def classify_kind(*names: str) -> Optional[str]:
    """The source kind that the words of a name, role or body suggest."""
    if any(n and (re.fullmatch(r"UN[A-Z]{2,6}", n.strip()) or re.search(r"\bWHO\b", n))
           for n in names):
        return "intergovernmental"      # the UN's missions (UNAMA, UNMISS), the WHO (not "who")
    return _classify_kind(" " + " ".join(n.lower() for n in names if n) + " ")


@lru_cache(maxsize=4096)
def _classify_kind(text: str) -> Optional[str]:
    """`classify_kind` of the lowercased words, padded with spaces (a few hundred distinct
    names recur across articles: cached)."""
    text = text.replace("’", "'").replace(",", " ").replace("(", " ").replace(")", " ")
    head = text.split(" of ")[0].split(" for ")[0].split(" in ")[0]
    if re.match(r" (the )?(un|u\.n\.|united nations|unicef|unhcr|unrwa|who|ocha) ", text):
        return "intergovernmental"
    if re.search(r" (unnamed|anonymous|unidentified) ", text) or re.search(
            r" (source|sources) $", head):
        return "anonymous"      # "an Israeli military source", "an unnamed activist"
    if any(f" {w} " in head + " " for w in ("ministry", "government", "administration",
                                              "office", "prosecutor", "president")):
        if any(w in head for w in ("defence", "defense", "military")) and \
                "administration" not in head:
            return "military"
        return "government"
    for kind in KIND_ORDER:
        for cue in _CUES[kind]:
            if (" " + cue.strip() + " ") in text or (len(cue) > 5 and cue in text):
                return kind
    return None
