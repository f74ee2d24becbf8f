"""The dossier's page model: plain objects read from the graph (`kg.report.read`), one per
thing a page shows.

An `Incident` groups attack reports (`Report`).  Where the store holds incidents
(``ekg:Incident`` with ``ekg:report``), an incident is that cluster; in a store without them
each attack node is an incident of its own with itself as its one report.  Grades, voices
and who gives each figure come from the graph when it holds them (`Incident.graded`,
`Incident.voices_from_graph`, `Figure.given_by`), and are otherwise counted here from the
claims (`kg.report.read.fill_incident`), so that pages show the same fields either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

#: Ontology namespace, for the few terms compared here.
EKG = "https://w3id.org/evidence-kg/ns#"
#: Data IRIs: pages are named by the path after this base (`page_path`).
DATA = "https://w3id.org/evidence-kg/id/"


@dataclass
class Quote:
    iri: str
    article: str          # article IRI
    start: int            # 0-based, end-exclusive, code points
    end: int
    exact: str


@dataclass
class Article:
    iri: str
    title: str = ""
    publisher: str = ""
    issued: str = ""      # lexical form: YYYY, YYYY-MM or YYYY-MM-DD
    url: str = ""
    sha256: str = ""
    file_name: str = ""
    text: str = ""

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def name(self) -> str:
        return self.title or self.file_name or self.id


@dataclass
class Agent:
    iri: str
    label: str = ""
    alt_labels: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)        # ekg:sourceKind IRIs
    types: list[str] = field(default_factory=list)        # Source, Party...
    speaks_for: list[str] = field(default_factory=list)   # agent IRIs

    @property
    def name(self) -> str:
        return self.label or self.iri.rsplit("/", 1)[-1]


@dataclass
class Place:
    iri: str
    label: str = ""
    within: list[str] = field(default_factory=list)
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    #: where the coordinates come from: "graph", "gazetteer", "within" (drawn at the place
    #: it is within), or "" (none)
    located_by: str = ""
    located_at: str = ""   # for "within": the IRI of the place whose position it takes

    @property
    def name(self) -> str:
        return self.label or self.iri.rsplit("/", 1)[-1]

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Claim:
    iri: str
    kind: str                       # "allegation" or "denial"
    article: str = ""
    source: str = ""                # agent IRI
    source_mention: Optional[Quote] = None
    quotes: list[Quote] = field(default_factory=list)
    attribution: str = ""           # IRI
    denial_kind: str = ""           # IRI
    hedged: bool = False
    verb: str = ""
    concerns: list[str] = field(default_factory=list)   # report IRIs
    parties: list[str] = field(default_factory=list)    # accused (allegation) / defended
    denies: list[str] = field(default_factory=list)     # allegation IRIs
    statement: str = ""             # ekg:reportOf, where the store holds statements
    denied_by: list[str] = field(default_factory=list)  # filled from `denies`

    @property
    def anchor(self) -> str:
        return anchor_of(self.iri)


@dataclass
class Figure:
    iri: str
    casualty_type: str              # IRI: ekg:Killed, ekg:Injured
    count: int
    qualifier: str = ""             # IRI
    upper: Optional[int] = None
    article: str = ""
    quote: Optional[Quote] = None
    given_by: list[str] = field(default_factory=list)   # agent IRIs, from the graph
    #: who gives it when the graph does not say: the claim whose words hold the figure's
    given_by_claim: str = ""

    @property
    def kind(self) -> str:
        return local_name(self.casualty_type).lower()


@dataclass
class Report:
    """One attack node: what one or more articles say about one attack."""

    iri: str
    articles: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)             # object IRIs
    perpetrators: list[str] = field(default_factory=list)
    possible_perpetrators: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)          # IRIs
    date_texts: list[str] = field(default_factory=list)
    earliest: list[str] = field(default_factory=list)
    latest: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    killed: list[int] = field(default_factory=list)
    injured: list[int] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)             # figure IRIs


@dataclass
class Target:
    iri: str
    label: str = ""
    classes: list[str] = field(default_factory=list)


@dataclass
class Assessment:
    iri: str
    grade: str                      # IRI of the grade concept
    rule: str = ""
    explanation: str = ""
    based_on: list[str] = field(default_factory=list)


@dataclass
class Incident:
    iri: str
    graph_label: str = ""
    reports: list[str] = field(default_factory=list)
    # gathered from the reports and claims (`kg.report.read.fill_incident`)
    articles: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)     # as the reports state them
    accused: list[str] = field(default_factory=list)          # by allegations about it
    earliest: str = ""
    latest: str = ""
    precision: str = ""          # IRI: the finest precision a report gives
    date_texts: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    allegations: list[str] = field(default_factory=list)
    denials: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)         # the words reporting it
    # confidence: from the graph where it holds grades and voices, else counted
    assessments: list[Assessment] = field(default_factory=list)
    independent_voices: list[str] = field(default_factory=list)
    party_voices: list[str] = field(default_factory=list)
    voices_from_graph: bool = False
    alleging_voices: list[str] = field(default_factory=list)  # counted here
    voice_count: Optional[int] = None
    denial_count: Optional[int] = None

    @property
    def graded(self) -> bool:
        return bool(self.assessments)

    @property
    def voices(self) -> int:
        if self.voice_count is not None:
            return self.voice_count
        if self.voices_from_graph:
            return len(self.independent_voices)
        return len(self.alleging_voices)

    @property
    def denial_total(self) -> int:
        return self.denial_count if self.denial_count is not None else len(self.denials)

    @property
    def grades(self) -> list[str]:
        return sorted({a.grade for a in self.assessments})


@dataclass
class Dossier:
    """Everything the pages show, keyed by IRI; `incidents` in date order."""

    incidents: list[Incident] = field(default_factory=list)
    reports: dict[str, Report] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)   # IRI -> label, definition
    has_incidents: bool = False      # the store holds ekg:Incident clusters
    has_grades: bool = False         # ... and grades

    def incident_of_report(self) -> dict[str, str]:
        return {r: i.iri for i in self.incidents for r in i.reports}

    def label(self, iri: str) -> str:
        """A readable name for any IRI the pages mention."""
        for table in (self.agents, self.places):
            if iri in table:
                return table[iri].name
        if iri in self.targets:
            return self.targets[iri].label or local_name(iri)
        if iri in self.articles:
            return self.articles[iri].name
        if iri in self.terms:
            return self.terms[iri][0]
        return local_name(iri)

    def definition(self, iri: str) -> str:
        return self.terms.get(iri, ("", ""))[1]


def local_name(iri: str) -> str:
    """The last segment of an IRI: after ``#``, else after the last ``/``."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def anchor_of(iri: str) -> str:
    """An HTML id for a node shown inside a page (a claim, a figure): its path, dashed.

    >>> anchor_of("https://w3id.org/evidence-kg/id/article/0f66faf7785cb8e4/allegation/10-20")
    'article-0f66faf7785cb8e4-allegation-10-20'
    """
    path = iri[len(DATA):] if iri.startswith(DATA) else _hashed(iri)
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in path)


def page_path(iri: str) -> str:
    """The file of the page about *iri*: its path under the data namespace, ``.html`` added.

    >>> page_path("https://w3id.org/evidence-kg/id/attack/ariha-2015-11-29")
    'attack/ariha-2015-11-29.html'
    >>> page_path("urn:x:elsewhere")
    'other/x-9310d1494fac6ae7.html'
    """
    if iri.startswith(DATA):
        path = iri[len(DATA):]
        if path and all(c.isalnum() or c in "-_./" for c in path) and ".." not in path \
                and not path.startswith("/"):
            return path + ".html"
    return "other/" + _hashed(iri) + ".html"


def linker(current: str):
    """A function giving the link from the page *current* to a site path (with an optional
    ``#fragment``); a bare fragment stays on the page.

    >>> linker("attack/x.html")("agent/russia.html#said"), linker("index.html")("map.html")
    ('../agent/russia.html#said', 'map.html')
    """
    import posixpath

    here = posixpath.dirname(current) or "."

    def url(target: str) -> str:
        if not target or target.startswith("#"):
            return target
        path, sep, fragment = target.partition("#")
        return posixpath.relpath(path, here) + sep + fragment
    return url


def _hashed(iri: str) -> str:
    import hashlib

    return "x-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
