"""Plain Python objects handed from stage to stage (no rdflib here).

`ingest` builds an `Article`; `extract` turns it into an `Extraction` (claims and attacks,
each with the `Span` of the words that carry it); `resolve` fills in canonical keys so that
the same party, place or incident gets the same IRI in every article; `rdf` turns the result
into triples.  Offsets are Python string indices into `Article.text`, the text exactly as
stored in the graph, so ``article.text[span.start:span.end]`` is always the quoted words.

>>> art = Article.from_text("Amnesty said the market was hit.", path="a.txt")
>>> span = Span(0, 7)
>>> span.text(art.text)
'Amnesty'
>>> art.id == art.sha256[:16]
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Optional

# Closed vocabularies, as plain strings.  They mirror the SKOS concept schemes of the ontology
# (`kg.rdf` maps them to IRIs) and the closed lists of the gold annotation format.
ClaimKind = Literal["allegation", "denial"]
SOURCE_KINDS = (
    "ngo", "government", "military", "intergovernmental", "media", "witness",
    "armed_group", "anonymous", "person", "article",
)
DENIAL_KINDS = ("categorical", "dismissal", "protected_status", "counter_attribution", "non_denial")
ATTRIBUTIONS = ("direct", "indirect", "article", "unattributed")
TARGET_CATEGORIES = (
    "hospital", "medical_facility", "school", "place_of_worship", "market", "residential",
    "aid_convoy", "infrastructure", "civilians", "other",
)
DATE_PRECISIONS = ("day", "month", "year", "range")
QUALIFIERS = ("exact", "at_least", "more_than", "approximately", "at_most", "between")


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year (``2015-12-24``, ``2015-12``, ``2015``).

    >>> PartialDate.parse("2015-12")
    PartialDate(year=2015, month=12, day=None)
    >>> PartialDate.parse("2015-12").precision, PartialDate.parse("2015-12").earliest
    ('month', datetime.date(2015, 12, 1))
    >>> str(PartialDate.parse("2016-02-29"))
    '2016-02-29'
    """

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        parts = value.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        nums = [int(p) for p in parts]
        result = cls(*nums)
        result.earliest  # validates month and day
        return result

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass
class Article:
    """One news article as analysed: its text (offsets refer to it) and its metadata."""

    text: str
    path: str = ""                      # where it came from (file name or URL), for messages
    title: Optional[str] = None
    publisher: Optional[str] = None
    url: Optional[str] = None
    published: Optional[PartialDate] = None
    notes: dict = field(default_factory=dict)  # descriptive metadata kept verbatim (summary...)
    title_span: Optional[Span] = None   # where the title sits in `text`, when it does
    #: the file as read, for the chain of custody (`kg.custody`): its bytes' SHA-256 and
    #: size, and the bytes themselves (copied into the store); None for text given directly
    raw_sha256: Optional[str] = None
    raw_size: Optional[int] = None
    raw: Optional[bytes] = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, **kwargs) -> "Article":
        return cls(text=text, **kwargs)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """Stable identifier: the first 16 hex digits of the SHA-256 of the text."""
        return self.sha256[:16]


@dataclass
class AgentRef:
    """A party as one article names it: a source of claims, an accused party, a perpetrator.

    `name` is the words of the article (`span` locates them) or, when the article only refers
    back ("the ministry", "he"), the name of what it refers to.  `key` is the canonical key set
    by `kg.resolve`: the same key means the same agent in every article.
    """

    name: str
    span: Optional[Span] = None
    kind: Optional[str] = None          # one of SOURCE_KINDS
    speaks_for: Optional["AgentRef"] = None   # spokesperson -> body, ministry -> state
    role: Optional[str] = None          # "spokesman", "director", ... as written
    key: Optional[str] = None
    label: Optional[str] = None         # canonical display name, set by resolve
    #: named by a common noun only ("residents", "the army", "a senior official"): unless
    #: resolution finds who it is, it is this article's, and shares no node with others
    generic: bool = False


@dataclass
class PlaceRef:
    name: str
    span: Optional[Span] = None
    within: Optional["PlaceRef"] = None  # Ariha within Idlib province
    key: Optional[str] = None
    label: Optional[str] = None
    # set by resolve from the gazetteer (GeoNames), when the place is found there
    geonames_id: Optional[int] = None
    country: Optional[str] = None       # ISO 3166-1 alpha-2 code
    level: Optional[str] = None         # "country" or "locality"
    latitude: Optional[float] = None
    longitude: Optional[float] = None


@dataclass
class DateRef:
    """When an attack happened, as precisely as the article says."""

    earliest: Optional[date] = None
    latest: Optional[date] = None
    precision: str = "day"              # one of DATE_PRECISIONS
    span: Optional[Span] = None         # the words ("on Sunday", "since September 30")

    @property
    def day(self) -> Optional[date]:
        """The date when it is known to the day."""
        if self.precision == "day" and self.earliest and self.earliest == self.latest:
            return self.earliest
        return None


@dataclass
class Figure:
    """A casualty figure as stated: "at least 49", "between 105 and 141", "17 ... nine wounded"."""

    count: int
    qualifier: str = "exact"            # one of QUALIFIERS
    upper: Optional[int] = None         # for "between N and M" / "as many as M"
    children: Optional[int] = None
    women: Optional[int] = None
    span: Optional[Span] = None
    #: who gives the figure (set by resolve: the source of the claim that carries its words,
    #: else the article's own voice); None when unknown
    source: Optional["AgentRef"] = None


@dataclass
class TargetRef:
    category: str                       # one of TARGET_CATEGORIES
    name: Optional[str] = None          # "Al-Ahli Arab Hospital", when the object is named
    span: Optional[Span] = None


@dataclass
class Attack:
    """An incident an article reports: what was hit, where, when, by whom, with what toll."""

    span: Span                          # the evidence: the words that report the attack
    targets: list[TargetRef] = field(default_factory=list)
    place: Optional[PlaceRef] = None
    date: Optional[DateRef] = None
    perpetrators: list[AgentRef] = field(default_factory=list)
    perpetrator_ambiguous: bool = False  # "Russian or Syrian aircraft": alternatives, not joint
    killed: Optional[Figure] = None
    injured: Optional[Figure] = None
    weapon: Optional[str] = None
    key: Optional[str] = None           # set by resolve: the incident's canonical key
    extra_spans: list[Span] = field(default_factory=list)   # further words reporting it


@dataclass
class Claim:
    """An allegation or a denial, with who makes it and the words that carry it."""

    kind: ClaimKind
    span: Span                          # the evidence: the shortest clause carrying the claim
    source: AgentRef
    attribution: str = "indirect"       # one of ATTRIBUTIONS
    accused: list[AgentRef] = field(default_factory=list)   # for a denial: parties defended
    attacks: list[int] = field(default_factory=list)        # indices into Extraction.attacks
    denies: list[int] = field(default_factory=list)         # indices into Extraction.claims
    denial_kind: Optional[str] = None   # one of DENIAL_KINDS, for denials
    rebuts: list[AgentRef] = field(default_factory=list)    # whose claims a denial rejects
    refers_back: bool = False           # a denial of "this figure", "these claims": the last said
    extra_spans: list[Span] = field(default_factory=list)   # the same statement repeated
    sentence: int = -1                  # index of the sentence it starts in (for resolution)
    fresh: bool = False                 # the text marks a further statement ("also said")
    by_reference: bool = False          # the speaker is named by "he", "the ministry"...
    continuation: bool = False          # a quotation paragraph with no cue, going on
    learned: bool = False               # found by the learned reader, not by a rule
    paragraph: int = -1                 # index of its paragraph; 0 is the first body paragraph
    hedged: bool = False                # "may amount to", "appear to", "likely"
    cue: Optional[str] = None           # the reporting or denial verb as a lemma ("say", "deny")


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    attacks: list[Attack] = field(default_factory=list)
    extractor: str = ""                 # "evidence-kg 0.1.0; spaCy model core_web_sm 3.8.0"
