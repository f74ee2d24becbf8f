"""The vocabularies evidence-kg writes, declared once.

`EKG` is our own ontology (``ontology/evidence-kg.ttl``); every local name used in code must
be declared here, and ``tests/test_ontology.py`` checks that the ontology defines exactly the
terms declared here.  A misspelt term raises instead of minting a new IRI:

>>> EKG.Allegation
rdflib.term.URIRef('https://w3id.org/evidence-kg/ns#Allegation')
>>> EKG.Alegation
Traceback (most recent call last):
...
AttributeError: term 'Alegation' not in namespace 'https://w3id.org/evidence-kg/ns#'

Reused vocabularies come from rdflib (`DCTERMS`, `PROV`, `SKOS`, `SDO` for schema.org, ...)
except W3C Web Annotation, which rdflib does not ship: it is `OA` here.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/evidence-kg/ns"
NS_IRI = ONTOLOGY_IRI + "#"
#: Base of every IRI minted for data (articles, claims, agents, places...); see `kg.iris`.
DATA_IRI = "https://w3id.org/evidence-kg/id/"
#: The review and custody vocabulary (`EKGR`, ``ontology/review.ttl``).
REVIEW_NS_IRI = "https://w3id.org/evidence-kg/review#"


class EKG(DefinedNamespace):
    """evidence-kg ontology terms."""

    _fail = True
    _NS = Namespace(NS_IRI)

    # --- classes -------------------------------------------------------------------------
    Article: URIRef
    Quote: URIRef
    Claim: URIRef
    Allegation: URIRef
    Denial: URIRef
    ContestedAllegation: URIRef  # defined class: an allegation some denial denies
    Agent: URIRef
    Source: URIRef
    Party: URIRef
    Attack: URIRef
    AttackOnMedicalCare: URIRef  # defined class: an attack whose target is a medical facility
    CasualtyFigure: URIRef
    Place: URIRef
    ProtectedObject: URIRef
    MedicalFacility: URIRef
    Hospital: URIRef
    MedicalTransport: URIRef
    School: URIRef
    PlaceOfWorship: URIRef
    Market: URIRef
    ResidentialBuilding: URIRef
    HumanitarianAidConvoy: URIRef
    CivilianInfrastructure: URIRef
    WaterInfrastructure: URIRef
    EnergyInfrastructure: URIRef
    FoodSupply: URIRef
    TransportInfrastructure: URIRef
    CulturalProperty: URIRef
    Shelter: URIRef
    Civilians: URIRef
    OtherProtectedObject: URIRef
    Incident: URIRef
    Match: URIRef
    Statement: URIRef
    Assessment: URIRef

    # concept schemes and their concepts (SKOS)
    SourceKindScheme: URIRef
    SourceKind: URIRef
    NGO: URIRef
    Government: URIRef
    Military: URIRef
    Intergovernmental: URIRef
    Media: URIRef
    Witness: URIRef
    ArmedGroup: URIRef
    Anonymous: URIRef
    Individual: URIRef

    DenialKindScheme: URIRef
    DenialKind: URIRef
    CategoricalDenial: URIRef
    DismissalOfEvidence: URIRef
    ProtectedStatusDenial: URIRef
    CounterAttribution: URIRef
    NonDenial: URIRef

    AttributionScheme: URIRef
    Attribution: URIRef
    DirectSpeech: URIRef
    IndirectSpeech: URIRef
    ArticleVoice: URIRef
    Unattributed: URIRef

    DatePrecisionScheme: URIRef
    DatePrecision: URIRef
    Day: URIRef
    Month: URIRef
    Year: URIRef
    DateRange: URIRef

    CasualtyTypeScheme: URIRef
    CasualtyType: URIRef
    Killed: URIRef
    Injured: URIRef

    CountQualifierScheme: URIRef
    CountQualifier: URIRef
    Exact: URIRef
    AtLeast: URIRef
    MoreThan: URIRef
    Approximately: URIRef
    AtMost: URIRef
    Between: URIRef

    ConfidenceGradeScheme: URIRef
    ConfidenceGrade: URIRef
    Acknowledged: URIRef
    Corroborated: URIRef
    SingleSource: URIRef
    PartyClaimsOnly: URIRef
    Unsourced: URIRef
    Contested: URIRef
    AttributionDisputed: URIRef
    FiguresDisputed: URIRef

    # --- object properties ---------------------------------------------------------------
    source: URIRef
    sourceMention: URIRef
    reportedIn: URIRef
    accused: URIRef
    defends: URIRef
    denies: URIRef
    concerns: URIRef
    target: URIRef
    perpetrator: URIRef
    possiblePerpetrator: URIRef
    location: URIRef
    withinPlace: URIRef
    evidence: URIRef
    speaksFor: URIRef
    sourceKind: URIRef
    denialKind: URIRef
    attribution: URIRef
    datePrecision: URIRef
    casualtyFigure: URIRef
    casualtyType: URIRef
    countQualifier: URIRef
    report: URIRef
    merge: URIRef
    matches: URIRef
    reportOf: URIRef
    madeBy: URIRef
    about: URIRef
    voice: URIRef
    partyVoice: URIRef
    independentVoice: URIRef
    givenBy: URIRef
    assessment: URIRef
    grade: URIRef
    basedOn: URIRef

    # --- datatype properties -------------------------------------------------------------
    date: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    dateText: URIRef
    killed: URIRef
    injured: URIRef
    count: URIRef
    upperCount: URIRef
    childrenCount: URIRef
    womenCount: URIRef
    weapon: URIRef
    hedged: URIRef
    reportingVerb: URIRef
    text: URIRef
    sha256: URIRef
    fileName: URIRef
    extractor: URIRef
    matchedOn: URIRef
    matchScore: URIRef
    rule: URIRef
    explanation: URIRef
    voiceCount: URIRef
    denialCount: URIRef
    killedLow: URIRef
    killedHigh: URIRef
    injuredLow: URIRef
    injuredHigh: URIRef
    firstReported: URIRef
    lastReported: URIRef


class OA(DefinedNamespace):
    """The terms of the W3C Web Annotation vocabulary that evidence-kg uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    exact: URIRef
    hasTarget: URIRef
    hasSelector: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef
    hasSource: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef


class EKGR(DefinedNamespace):
    """The review and custody vocabulary (``ontology/review.ttl``): analysts' decisions about
    what the extractor found (docs/review.md) and where an article's file came from."""

    _fail = True
    _NS = Namespace(REVIEW_NS_IRI)

    # --- decisions ---------------------------------------------------------------------------
    Decision: URIRef
    Change: URIRef
    Action: URIRef
    Accept: URIRef
    Reject: URIRef
    Correct: URIRef
    Add: URIRef
    Merge: URIRef
    Split: URIRef
    ReviewStatus: URIRef
    Unreviewed: URIRef
    Verified: URIRef
    Corrected: URIRef
    action: URIRef
    article: URIRef
    itemType: URIRef
    sha256: URIRef
    replaces: URIRef
    reason: URIRef
    change: URIRef
    property: URIRef
    newValue: URIRef
    oldValue: URIRef
    reviewStatus: URIRef
    reviewedBy: URIRef
    appliedTo: URIRef
    # --- chain of custody --------------------------------------------------------------------
    SourceFile: URIRef
    Ingest: URIRef
    fileSha256: URIRef
    byteSize: URIRef
    storedCopy: URIRef
    capturedAt: URIRef


#: Prefixes bound in every graph we serialise, in a fixed order (deterministic output).
PREFIXES: dict[str, str] = {
    "ekg": NS_IRI,
    "id": DATA_IRI,
    "oa": str(OA._NS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SDO),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "ekgr": REVIEW_NS_IRI,
}

__all__ = [
    "EKG", "EKGR", "OA", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SDO", "SH", "SKOS", "XSD",
    "ONTOLOGY_IRI", "NS_IRI", "DATA_IRI", "REVIEW_NS_IRI", "PREFIXES",
]
