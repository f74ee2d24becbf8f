"""Every IRI evidence-kg mints for data, minted here and only here, from stable content.

Articles are named by the SHA-256 of their text; claims, quotes and casualty figures by the
article and their character offsets; agents, places and incidents by canonical keys that
`kg.resolve` computes.  Re-running on the same input therefore gives the same IRIs.

>>> article_iri("0123456789abcdef")
rdflib.term.URIRef('https://w3id.org/evidence-kg/id/article/0123456789abcdef')
>>> slug("Russia’s Defence Ministry")
'russias-defence-ministry'
>>> slug("Maarat al-Numan")
'maarat-al-numan'
>>> slug("الموصل الجديدة")  # no Latin letters: a short hash keeps it stable and unique
'x-a36c9f0c48e2'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.namespaces import DATA_IRI

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(name: str, max_len: int = 60) -> str:
    """A lowercase ASCII slug of *name*; a hash when nothing Latin is left."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = _NON_ALNUM.sub("-", ascii_.lower()).strip("-")
    if not s:
        return "x-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    if len(s) > max_len:
        s = s[:max_len].rstrip("-") + "-" + hashlib.sha256(s.encode()).hexdigest()[:8]
    return s


def _iri(path: str) -> URIRef:
    return URIRef(DATA_IRI + path)


# --- named graphs ------------------------------------------------------------------------
def article_graph_iri(article_id: str) -> URIRef:
    return _iri(f"graph/article/{article_id}")


ENTITIES_GRAPH = _iri("graph/entities")
INCIDENT_GRAPH_PREFIX = DATA_IRI + "graph/incident/"


def incident_graph_iri(slug_: str) -> URIRef:
    """The derived graph of one incident (`kg.store.incidents`)."""
    return _iri(f"graph/incident/{slug_}")


ONTOLOGY_GRAPH = _iri("graph/ontology")
#: One graph per review decision (`kg.review.decisions`): ``graph/review/{digest}``
REVIEW_GRAPH_PREFIX = DATA_IRI + "graph/review/"


# --- per-article nodes ---------------------------------------------------------------------
def article_iri(article_id: str) -> URIRef:
    return _iri(f"article/{article_id}")


def quote_iri(article_id: str, start: int, end: int) -> URIRef:
    return _iri(f"article/{article_id}/quote/{start}-{end}")


def claim_iri(article_id: str, kind: str, start: int, end: int, source_key: str = "") -> URIRef:
    """A claim is named by its article, kind and evidence offsets; two claims of one kind on
    the same words (one statement attributed to two sources) are told apart by the source."""
    suffix = f"-{slug(source_key, 40)}" if source_key else ""
    return _iri(f"article/{article_id}/{kind}/{start}-{end}{suffix}")


def figure_iri(article_id: str, casualty_type: str, start: int, end: int) -> URIRef:
    return _iri(f"article/{article_id}/figure/{casualty_type}/{start}-{end}")


# --- resolved entities -------------------------------------------------------------------
def agent_iri(key: str) -> URIRef:
    return _iri(f"agent/{slug(key)}")


def place_iri(key: str) -> URIRef:
    return _iri(f"place/{slug(key)}")


def attack_iri(key: str) -> URIRef:
    return _iri(f"attack/{slug(key, 90)}")


def object_iri(key: str) -> URIRef:
    """A protected object: a named one by its name and place, an unnamed one by its attack."""
    return _iri(f"object/{slug(key, 90)}")


def incident_iri(slug_: str) -> URIRef:
    """An incident: a cluster of attack reports, named by its place, date, target and the
    hash of its first report (`kg.store.incidents.incident_slug`)."""
    return _iri(f"incident/{slug_}")
