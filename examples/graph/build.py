"""Build the example graphs in this folder from hand-made `kg.model` objects.

    python examples/graph/build.py        # rewrites sample.ttl and invalid/*.ttl

``sample.ttl`` is what `kg.rdf` makes of one invented article (a fictional conflict between
"Northland" and "Southland"; no real event): an attack on a hospital with a toll as stated,
an allegation in direct speech, a denial by the accused party's defence ministry that
dismisses the evidence, and a second attack with a date range and alternative perpetrators.
``kg validate examples/graph/sample.ttl`` exits 0.

Each file in ``invalid/`` breaks the sample in one way that ``kg validate`` exits 1 on:
a quote whose offsets do not match the article text, a denial that denies nothing and
concerns nothing, a negative casualty figure.  ``tests/test_examples.py`` checks that the
files are up to date with this script and with `kg.rdf`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph, Literal

from kg.model import (AgentRef, Article, Attack, Claim, DateRef, Extraction, Figure,
                      PartialDate, PlaceRef, Span, TargetRef)
from kg.namespaces import EKG, OA, XSD
from kg.rdf import extraction_graph

HERE = Path(__file__).resolve().parent

TITLE = "Field hospital in Tel Hadid hit; Northland calls reports “fake”"
TEXT = (
    f"{TITLE}\n\n"
    "At least 12 people, including three children, were killed and 20 injured when air "
    "strikes hit the Al-Amal field hospital in Tel Hadid (تل حديد) on Sunday, 14 February "
    "2016, the medical charity Médecins Sans Frontières said.\n\n"
    "“This was a deliberate attack on a hospital,” an MSF spokeswoman told reporters.\n\n"
    "Northland’s Defence Ministry dismissed the allegations as “fake information” and said "
    "its aircraft had struck “only terrorist targets”.\n\n"
    "Residents said the market in the town had been hit repeatedly by Northland or Southland "
    "aircraft since 1 February.\n"
)


def span(words: str, after: int = 0) -> Span:
    """The span of the first occurrence of *words* in the text (from *after*)."""
    start = TEXT.index(words, after)
    return Span(start, start + len(words))


def extraction() -> Extraction:
    article = Article.from_text(
        TEXT, path="examples/articles/tel-hadid.txt", title=TITLE,
        publisher="Example News Agency", url="https://news.example.org/tel-hadid-hospital",
        published=PartialDate.parse("2016-02-16"), title_span=span(TITLE))
    northland = AgentRef("Northland", key="northland", kind="government")
    southland = AgentRef("Southland", key="southland", kind="government")
    msf = AgentRef("Médecins Sans Frontières", span=span("Médecins Sans Frontières"),
                   key="medecins-sans-frontieres", kind="ngo")
    spokeswoman = AgentRef("an MSF spokeswoman", span=span("an MSF spokeswoman"),
                           key="msf-spokeswoman", kind="ngo", speaks_for=msf,
                           label="MSF spokeswoman", role="spokeswoman")
    ministry = AgentRef("Northland’s Defence Ministry", span=span("Northland’s Defence Ministry"),
                        key="northland-defence-ministry", kind="military", speaks_for=northland,
                        label="Northland Defence Ministry")
    residents = AgentRef("Residents", span=span("Residents"), key="tel-hadid-residents",
                         kind="witness", label="residents of Tel Hadid")
    region = PlaceRef("Wadi province", key="wadi-province")
    town = PlaceRef("Tel Hadid", span=span("Tel Hadid (تل حديد)"), within=region,
                    key="tel-hadid")

    first = span("At least 12 people")
    hospital_strike = Attack(
        span=Span(first.start, span("Frontières said.").end),
        targets=[TargetRef("hospital", name="Al-Amal field hospital",
                           span=span("the Al-Amal field hospital"))],
        place=town,
        date=DateRef(date(2016, 2, 14), date(2016, 2, 14), "day",
                     span("on Sunday, 14 February 2016")),
        perpetrators=[northland],
        killed=Figure(12, "at_least", children=3,
                      span=span("At least 12 people, including three children, were killed")),
        injured=Figure(20, "exact", span=span("20 injured")),
        weapon="air strikes",
        key="tel-hadid-hospital-2016-02-14",
    )
    residents_words = span("Residents said the market")
    market_strikes = Attack(
        span=Span(residents_words.start, span("since 1 February.").end),
        targets=[TargetRef("market")],
        place=town,
        date=DateRef(date(2016, 2, 1), date(2016, 2, 16), "range", span("since 1 February")),
        perpetrators=[northland, southland],
        perpetrator_ambiguous=True,
        key="tel-hadid-market-2016-02",
    )
    msf_words = span("“This was a deliberate attack on a hospital,” an MSF spokeswoman told reporters.")
    ministry_words = span("Northland’s Defence Ministry dismissed the allegations")
    claims = [
        Claim("allegation", msf_words, spokeswoman, attribution="direct",
              accused=[northland], attacks=[0], cue="tell"),
        Claim("denial", Span(ministry_words.start, span("“only terrorist targets”.").end),
              ministry, attribution="indirect", accused=[northland], attacks=[0], denies=[0],
              denial_kind="dismissal", rebuts=[msf], cue="dismiss"),
        Claim("allegation", market_strikes.span, residents, attribution="indirect",
              accused=[northland, southland], attacks=[1], hedged=False, cue="say"),
    ]
    return Extraction(article, claims=claims, attacks=[hospital_strike, market_strikes],
                      extractor="evidence-kg example builder")


def sample_graph() -> Graph:
    return extraction_graph(extraction())


def _one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def bad_quote_offsets() -> Graph:
    """The allegation's quote shifted by one character: its offsets no longer match."""
    g = sample_graph()
    allegation = next(s for s in g.subjects(EKG.reportedIn, None)
                      if (s, EKG.accused, None) in g and (s, EKG.attribution, EKG.DirectSpeech) in g)
    quote = _one(g, allegation, EKG.evidence)
    for p in (OA.start, OA.end):
        n = int(_one(g, quote, p))
        g.set((quote, p, Literal(n + 1, datatype=XSD.nonNegativeInteger)))
    return g


def denial_denies_nothing() -> Graph:
    """The denial without its ekg:denies and ekg:concerns."""
    g = sample_graph()
    denial = next(g.subjects(EKG.denialKind, None))
    g.remove((denial, EKG.denies, None))
    g.remove((denial, EKG.concerns, None))
    return g


def negative_casualty_figure() -> Graph:
    """The injured toll of the hospital strike written as -20."""
    g = sample_graph()
    figure = next(f for f in g.subjects(EKG.casualtyType, EKG.Injured))
    g.set((figure, EKG.count, Literal(-20)))
    attack = next(g.subjects(EKG.casualtyFigure, figure))
    g.set((attack, EKG.injured, Literal(-20)))
    return g


#: file name (relative to this folder) -> graph builder
GRAPHS = {
    "sample.ttl": sample_graph,
    # the articles of the example data repository (examples/data-repo, docs/ci.md)
    "../data-repo/graph/articles.ttl": sample_graph,
    "invalid/bad-quote-offsets.ttl": bad_quote_offsets,
    "invalid/denial-denies-nothing.ttl": denial_denies_nothing,
    "invalid/negative-casualty-figure.ttl": negative_casualty_figure,
}


def main() -> None:
    for name, build in GRAPHS.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build().serialize(format="longturtle", canon=True), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
