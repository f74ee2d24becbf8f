"""A small corpus for the store and query tests, built like the pipeline builds it.

Four invented articles (none copied from the development articles):

* A (Daily Ledger, 2024-03-02): Medics United alleges that Northland struck the Riverside
  Hospital in Eastvale on 1 March 2024, at least 12 killed; the Northland Defence Ministry
  denies it (dismissal).
* B (Evening Post, 2024-03-04): witnesses say Northland's strike on the same hospital killed
  15; Colonel Ivan Pell, who speaks for the ministry, calls it a legitimate target
  (protected status) -- denying B's allegation and, across articles, A's.
* C (Daily Ledger, 2024-04-11): Southern Rights Watch alleges that the Rebel Front shelled a
  market in Southtown on 10 April 2024, 7 killed; no one denies it.
* D (Coast Gazette, 2024-04-12): unattributed reports of a school hit in Southtown in April.

Eastvale lies within West Province; Southtown within East Province.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph

from kg.model import (
    AgentRef, Article, Attack, Claim, DateRef, Extraction, Figure, PartialDate, PlaceRef, Span,
    TargetRef,
)
from kg.rdf import article_graph, entity_graph

STANDIN_ONTOLOGY = Path(__file__).resolve().parent.parent / "fixtures" / "ontology-standin.ttl"


def span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words))


def agent(text, name, key, label, kind=None, speaks_for=None, words=None):
    s = span(text, words or name) if (words or name) in text else None
    return AgentRef(name=words or name, span=s, kind=kind, speaks_for=speaks_for, key=key,
                    label=label)


def northland(text=""):
    return agent(text, "Northland", "northland", "Northland", "government")


def ministry(text=""):
    return agent(text, "Northland Defence Ministry", "northland defence ministry",
                 "Northland Defence Ministry", "military", speaks_for=northland())


WEST = PlaceRef(name="West Province", key="west province", label="West Province")
EAST = PlaceRef(name="East Province", key="east province", label="East Province")


def eastvale(text):
    return PlaceRef(name="Eastvale", span=span(text, "Eastvale"), within=WEST, key="eastvale",
                    label="Eastvale")


def southtown(text):
    return PlaceRef(name="Southtown", span=span(text, "Southtown"), within=EAST, key="southtown",
                    label="Southtown")


ATTACK_1 = "eastvale 2024-03-01 hospital"
ATTACK_2 = "southtown 2024-04-10 market"
ATTACK_3 = "southtown 2024-04 school"


def article_a() -> Extraction:
    t = ("Medics United said an air strike by Northland hit the Riverside Hospital in Eastvale "
         "on 1 March 2024, killing at least 12 people. The Northland Defence Ministry denied "
         "the report, calling it fabricated.")
    art = Article(text=t, path="fixtures/a.txt", title="Hospital struck in Eastvale",
                  publisher="Daily Ledger", url="https://ledger.example/a",
                  published=PartialDate(2024, 3, 2))
    attack = Attack(
        span=span(t, "an air strike by Northland hit the Riverside Hospital in Eastvale on "
                     "1 March 2024"),
        targets=[TargetRef("hospital", "Riverside Hospital", span(t, "Riverside Hospital"))],
        place=eastvale(t),
        date=DateRef(date(2024, 3, 1), date(2024, 3, 1), "day", span(t, "on 1 March 2024")),
        perpetrators=[northland(t)],
        killed=Figure(12, "at_least", span=span(t, "killing at least 12 people")),
        weapon="air strike", key=ATTACK_1)
    medics = agent(t, "Medics United", "medics united", "Medics United", "ngo")
    claims = [
        Claim("allegation", span(t, "an air strike by Northland hit the Riverside Hospital in "
                                    "Eastvale on 1 March 2024, killing at least 12 people"),
              source=medics, attribution="indirect", accused=[northland(t)], attacks=[0],
              cue="say"),
        Claim("denial", span(t, "denied the report, calling it fabricated"),
              source=agent(t, "Northland Defence Ministry", "northland defence ministry",
                           "Northland Defence Ministry", "military", speaks_for=northland()),
              attribution="indirect", accused=[northland()], attacks=[0], denies=[0],
              denial_kind="dismissal", rebuts=[medics], cue="deny"),
    ]
    return Extraction(art, claims, [attack], extractor="fixture")


def article_b() -> Extraction:
    t = ("Witnesses said Northland's strike on the Riverside Hospital killed 15 people. Colonel "
         "Ivan Pell, a spokesman for the Northland Defence Ministry, said the hospital was a "
         "legitimate military target.")
    art = Article(text=t, path="fixtures/b.txt", title="Toll rises after hospital strike",
                  publisher="Evening Post", published=PartialDate(2024, 3, 4))
    attack = Attack(
        span=span(t, "Northland's strike on the Riverside Hospital killed 15 people"),
        targets=[TargetRef("hospital", "Riverside Hospital", span(t, "Riverside Hospital"))],
        place=PlaceRef(name="Eastvale", within=WEST, key="eastvale", label="Eastvale"),
        perpetrators=[northland(t)], killed=Figure(15, span=span(t, "killed 15 people")),
        key=ATTACK_1)
    pell = agent(t, "Colonel Ivan Pell", "ivan pell", "Ivan Pell", "military",
                 speaks_for=ministry(t))
    witnesses = agent(t, "Witnesses", "witnesses", "Witnesses", "witness")
    claims = [
        Claim("allegation", span(t, "Northland's strike on the Riverside Hospital killed 15 "
                                    "people"),
              source=witnesses, attribution="indirect", accused=[northland(t)], attacks=[0],
              cue="say"),
        Claim("denial", span(t, "the hospital was a legitimate military target"), source=pell,
              attribution="indirect", accused=[northland()], attacks=[0], denies=[0],
              denial_kind="protected_status", rebuts=[witnesses], cue="say"),
    ]
    return Extraction(art, claims, [attack], extractor="fixture")


def article_c() -> Extraction:
    t = ("Southern Rights Watch said the Rebel Front shelled the central market in Southtown on "
         "10 April 2024, killing 7 civilians.")
    art = Article(text=t, path="fixtures/c.txt", title="Market shelled in Southtown",
                  publisher="Daily Ledger", published=PartialDate(2024, 4, 11))
    rebels = agent(t, "Rebel Front", "rebel front", "Rebel Front", "armed_group")
    attack = Attack(
        span=span(t, "the Rebel Front shelled the central market in Southtown on 10 April 2024"),
        targets=[TargetRef("market")], place=southtown(t),
        date=DateRef(date(2024, 4, 10), date(2024, 4, 10), "day", span(t, "on 10 April 2024")),
        perpetrators=[rebels], killed=Figure(7, span=span(t, "killing 7 civilians")),
        key=ATTACK_2)
    claims = [Claim("allegation", span(t, "the Rebel Front shelled the central market in "
                                          "Southtown on 10 April 2024, killing 7 civilians"),
                    source=agent(t, "Southern Rights Watch", "southern rights watch",
                                 "Southern Rights Watch", "ngo"),
                    attribution="indirect", accused=[rebels], attacks=[0], cue="say")]
    return Extraction(art, claims, [attack], extractor="fixture")


def article_d() -> Extraction:
    t = "Reports said a school in Southtown was hit by Rebel Front fire in April 2024."
    art = Article(text=t, path="fixtures/d.txt", title="Reports of school strike",
                  publisher="Coast Gazette", published=PartialDate(2024, 4, 12))
    rebels = agent(t, "Rebel Front", "rebel front", "Rebel Front", "armed_group")
    attack = Attack(
        span=span(t, "a school in Southtown was hit by Rebel Front fire in April 2024"),
        targets=[TargetRef("school")], place=southtown(t),
        date=DateRef(date(2024, 4, 1), date(2024, 4, 30), "month", span(t, "in April 2024")),
        perpetrators=[rebels], key=ATTACK_3)
    claims = [Claim("allegation", span(t, "a school in Southtown was hit by Rebel Front fire in "
                                          "April 2024"),
                    source=AgentRef(name="unnamed sources", kind="anonymous",
                                    key="unnamed sources", label="unnamed sources"),
                    attribution="unattributed", accused=[rebels], attacks=[0], cue="say")]
    return Extraction(art, claims, [attack], extractor="fixture")


def extractions() -> list[Extraction]:
    return [article_a(), article_b(), article_c(), article_d()]


def graphs() -> list[tuple[Graph, Graph]]:
    """(article graph, entity facts) per article.  The store links B's denial to A's
    allegation (same attack, same party: `kg.store.across`)."""
    return [(article_graph(x), entity_graph(x)) for x in extractions()]


def claim(g: Graph, cls):
    """The one claim of class *cls* in the article graph *g*."""
    from kg.namespaces import RDF

    (node,) = list(g.subjects(RDF.type, cls))
    return node


def ids() -> dict[str, str]:
    """Article ids by letter."""
    return {k: x.article.id for k, x in zip("ABCD", extractions())}
