"""The chain of custody of an ingested file, as PROV-O in the article's graph.

    id:article/{id} prov:wasDerivedFrom id:article/{id}/file/{sha16 of the bytes} ;
        prov:wasGeneratedBy id:article/{id}/ingest ; ekg:extractor "evidence-kg 0.1.0; ..." .
    id:article/{id}/file/{...} a ekgr:SourceFile ; ekgr:fileSha256 "…" ; ekgr:byteSize 2794 ;
        ekgr:storedCopy "originals/3a/3a…" ; ekgr:capturedAt "2015-12-23T10:00:00Z"^^xsd:dateTime .
    id:article/{id}/ingest a ekgr:Ingest ; prov:used id:article/{id}/file/{...} ;
        prov:endedAtTime "2026-…Z"^^xsd:dateTime .

The text's own hash (``ekg:sha256``), the file name, the URL and the extractor are on the
article already (`kg.rdf`).  The ingest time is the time this graph was first made: an
ingest that gives the same file to the same extractor keeps it (`previous`), so re-ingesting
an unchanged article changes nothing; ``SOURCE_DATE_EPOCH`` fixes it for reproducible runs.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional

from rdflib import Graph, Literal, URIRef

from kg import iris
from kg.model import Article
from kg.namespaces import EKG, EKGR, PROV, RDF, XSD


def now() -> str:
    """The current time in UTC to the second, or ``SOURCE_DATE_EPOCH`` when it is set (the
    reproducible-builds convention: the same run gives the same bytes)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    t = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit()
         else datetime.now(timezone.utc))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def file_iri(article_id: str, raw_sha256: str) -> URIRef:
    return URIRef(f"{iris.article_iri(article_id)}/file/{raw_sha256[:16]}")


def ingest_iri(article_id: str) -> URIRef:
    return URIRef(f"{iris.article_iri(article_id)}/ingest")


def copy_path(raw_sha256: str) -> str:
    """Where a store keeps the bytes of a file, relative to its folder."""
    return f"originals/{raw_sha256[:2]}/{raw_sha256}"


def captured_literal(value) -> Optional[Literal]:
    """The metadata's ``captured`` as an ``xsd:dateTime`` (UTC) or ``xsd:date``; None when it
    is neither.

    >>> captured_literal("2015-12-23T11:00:00+01:00")
    rdflib.term.Literal('2015-12-23T10:00:00Z', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#dateTime'))
    >>> captured_literal("2015-12-23").datatype == XSD.date, captured_literal("soon")
    (True, None)
    """  # noqa: E501
    text = str(value or "").strip()
    try:
        if len(text) == 10:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return datetime_literal(t)


def datetime_literal(t: datetime) -> Literal:
    text = t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Literal(text, datatype=XSD.dateTime, normalize=False)


def custody_triples(article: Article, extractor: str, ingested: str) -> Graph:
    """The chain of custody of *article* (read from a file: `Article.raw_sha256` set),
    ingested at *ingested* (``YYYY-MM-DDTHH:MM:SSZ``) by *extractor*."""
    g = Graph()
    a = iris.article_iri(article.id)
    run = ingest_iri(article.id)
    g.add((a, PROV.wasGeneratedBy, run))
    g.add((run, RDF.type, EKGR.Ingest))
    g.add((run, PROV.endedAtTime, Literal(ingested, datatype=XSD.dateTime, normalize=False)))
    if extractor:
        g.add((run, PROV.wasAssociatedWith, URIRef(
            f"{iris.DATA_IRI}software/{iris.slug(extractor, 90)}")))
    if article.raw_sha256:
        f = file_iri(article.id, article.raw_sha256)
        g.add((a, PROV.wasDerivedFrom, f))
        g.add((run, PROV.used, f))
        g.add((f, RDF.type, EKGR.SourceFile))
        g.add((f, EKGR.fileSha256, Literal(article.raw_sha256)))
        if article.raw_size is not None:
            g.add((f, EKGR.byteSize, Literal(article.raw_size, datatype=XSD.nonNegativeInteger)))
        g.add((f, EKGR.storedCopy, Literal(copy_path(article.raw_sha256))))
        captured = captured_literal(article.notes.get("captured"))
        if captured is not None:
            g.add((f, EKGR.capturedAt, captured))
    return g


def previous(store, article: Article, extractor: str) -> Optional[str]:
    """The ingest time the store holds for this article, when it was made from the same file
    by the same extractor (None otherwise)."""
    import pyoxigraph as ox

    if not store.has_article(article.id):
        return None
    from kg.store import layout

    g = layout.article_graph(article.id)
    a = ox.NamedNode(str(iris.article_iri(article.id)))

    def value(s, p):
        q = next(store.db.quads_for_pattern(s, ox.NamedNode(str(p)), None, g), None)
        return q.object.value if q is not None else None

    if value(a, EKG.extractor) != (extractor or None):
        return None
    if article.raw_sha256 and value(ox.NamedNode(str(file_iri(
            article.id, article.raw_sha256))), EKGR.fileSha256) != article.raw_sha256:
        return None
    return value(ox.NamedNode(str(ingest_iri(article.id))), PROV.endedAtTime)


def chain(store, article_id: str) -> dict:
    """The chain of custody of a stored article, for ``kg store info --article``: the file
    (name, SHA-256 of its bytes, size, the copy kept and whether it still has those bytes,
    capture time, URL), the text's SHA-256, the extractor, the ingest time, the review
    decisions about it, and the other stored versions of the same file."""
    import hashlib

    from kg.namespaces import DCTERMS, SDO

    g = store.article_graph(article_id)
    a = iris.article_iri(article_id)
    run = ingest_iri(article_id)
    out: dict = {"article": article_id, "title": _s(g.value(a, DCTERMS.title)),
                 "file_name": _s(g.value(a, EKG.fileName)), "url": _s(g.value(a, SDO.url)),
                 "text_sha256": _s(g.value(a, EKG.sha256)),
                 "extractor": _s(g.value(a, EKG.extractor)),
                 "ingested": _s(g.value(run, PROV.endedAtTime)), "files": []}
    for f in sorted(g.objects(a, PROV.wasDerivedFrom)):
        sha = _s(g.value(f, EKGR.fileSha256))
        copy = _s(g.value(f, EKGR.storedCopy))
        kept = store.path / copy if copy else None
        state = "missing"
        if kept is not None and kept.exists():
            state = ("intact" if hashlib.sha256(kept.read_bytes()).hexdigest() == sha
                     else "ALTERED")
        out["files"].append({"sha256": sha, "bytes": _s(g.value(f, EKGR.byteSize)),
                             "stored_copy": str(kept) if kept else None, "copy": state,
                             "captured": _s(g.value(f, EKGR.capturedAt))})
    out["decisions"] = _decisions(store, a)
    out["other_versions"] = _versions(store, article_id, out["file_name"], out["url"])
    return out


def _s(v) -> Optional[str]:
    return None if v is None else str(v)


def _decisions(store, article: URIRef) -> list[str]:
    from kg.review.decisions import describe
    from kg.store.review import read_decisions

    import pyoxigraph as ox

    return [describe(d) for d in read_decisions(store, ox.NamedNode(str(article)))]


_VERSIONS = """PREFIX ekg: <https://w3id.org/evidence-kg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?other ?when WHERE {
  { ?other ekg:fileName ?name } UNION { ?other schema:url ?url }
  ?other a ekg:Article .
  OPTIONAL { ?other prov:wasGeneratedBy/prov:endedAtTime ?when }
  FILTER(?other != ?self)
} ORDER BY ?when ?other"""


def _versions(store, article_id: str, name: Optional[str], url: Optional[str]) -> list:
    """Other articles read from a file of the same name or the same URL: earlier or later
    versions of it, each kept as its own article."""
    import pyoxigraph as ox

    if not name and not url:
        return []
    bindings = {"self": ox.NamedNode(str(iris.article_iri(article_id)))}
    if name:
        bindings["name"] = ox.Literal(name)
    if url:
        bindings["url"] = ox.Literal(url, datatype=ox.NamedNode(str(XSD.anyURI)))
    rows = store.query(_VERSIONS, bindings)
    return [{"article": str(r["other"].value).rsplit("/", 1)[-1],
             "ingested": r["when"].value if r["when"] is not None else None} for r in rows]


__all__ = ["now", "chain", "captured_literal", "copy_path", "custody_triples", "file_iri",
           "ingest_iri", "previous"]
