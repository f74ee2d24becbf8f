"""Gold annotations: an analyst's reading of an article (format: docs/gold-format.md).

One JSON file per article, named after it (``a.txt`` -> ``a.json``), holding the claims
(allegations and denials, with source, quote, accused, attacks, denies) and the attacks
(targets, location, date, perpetrator, casualties, quote).  Quotes are verbatim substrings of
the article; `GoldArticle.spans` finds where.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from kg.errors import InputError
from kg.model import SOURCE_KINDS, TARGET_CATEGORIES, Span


@dataclass
class GoldClaim:
    id: str
    kind: str
    source: str
    source_aliases: list[str]
    source_kind: str
    quote: str
    accused: list[str]
    attacks: list[str]
    denies: list[str]
    note: str = ""


@dataclass
class GoldAttack:
    id: str
    targets: list[str]
    location: Optional[str]
    location_aliases: list[str]
    date: Optional[str]
    perpetrator: list[str]
    killed: Optional[int]
    injured: Optional[int]
    quote: str
    note: str = ""


@dataclass
class GoldArticle:
    article: str
    claims: list[GoldClaim] = field(default_factory=list)
    attacks: list[GoldAttack] = field(default_factory=list)
    path: str = ""


_CLAIM_KEYS = ("id", "kind", "source", "source_aliases", "source_kind", "quote", "accused",
               "attacks", "denies")
_ATTACK_KEYS = ("id", "targets", "location", "location_aliases", "date", "perpetrator",
                "killed", "injured", "quote")


def _check_keys(path: Path, where: str, obj: dict, required: tuple[str, ...]) -> None:
    if not isinstance(obj, dict):
        raise InputError(path, f"{where} must be a JSON object", code="E501")
    missing = [k for k in required if k not in obj]
    if missing:
        raise InputError(path, f"{where} lacks {', '.join(missing)}",
                         fix="see docs/gold-format.md", code="E501")
    unknown = [k for k in obj if k not in required and k != "note"]
    if unknown:
        raise InputError(path, f"{where} has unknown field(s) {', '.join(unknown)}",
                         fix="see docs/gold-format.md", code="E501")


def load_gold(path: Path) -> GoldArticle:
    """Read and check one gold file; raise `InputError` naming the file and the problem."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}", code="E500") from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(path, f"not valid UTF-8 JSON: {e}", code="E500") from e
    _check_keys(path, "the top level", doc, ("article", "claims", "attacks"))
    gold = GoldArticle(article=doc["article"], path=str(path))
    for i, c in enumerate(doc["claims"]):
        _check_keys(path, f"claims[{i}]", c, _CLAIM_KEYS)
        if c["kind"] not in ("allegation", "denial"):
            raise InputError(path, f"claims[{i}]: kind {c['kind']!r} is not allegation or denial",
                             code="E502")
        if c["source_kind"] not in SOURCE_KINDS:
            raise InputError(path, f"claims[{i}]: source_kind {c['source_kind']!r} is not one "
                             f"of {', '.join(SOURCE_KINDS)}", code="E502")
        gold.claims.append(GoldClaim(**c))
    for i, a in enumerate(doc["attacks"]):
        _check_keys(path, f"attacks[{i}]", a, _ATTACK_KEYS)
        bad = [t for t in a["targets"] if t not in TARGET_CATEGORIES]
        if bad:
            raise InputError(path, f"attacks[{i}]: target(s) {', '.join(bad)} not in "
                             f"{', '.join(TARGET_CATEGORIES)}", code="E502")
        gold.attacks.append(GoldAttack(**a))
    return gold


def quote_spans(quote: str, text: str) -> list[Span]:
    """Every place *quote* occurs verbatim in *text*.

    >>> quote_spans("ab", "xabyab")
    [Span(start=1, end=3), Span(start=4, end=6)]
    """
    spans, i = [], text.find(quote)
    while i >= 0 and quote:
        spans.append(Span(i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def check_quotes(gold: GoldArticle, text: str) -> None:
    """Raise `InputError` if a gold quote is not a verbatim substring of the article."""
    for item in [*gold.claims, *gold.attacks]:
        if not quote_spans(item.quote, text):
            raise InputError(gold.path, f"{item.id}: quote not found verbatim in "
                             f"{gold.article}: {item.quote[:60]!r}",
                             fix="copy the exact characters of the article", code="E503")
