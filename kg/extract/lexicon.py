"""Word lists the extractor's rules are built on.

Drawn from general knowledge of how news English reports speech, blame and violence (the
verbs of saying of reported-speech grammars, the vocabulary of international humanitarian
law and of conflict reporting), not from any particular article.  Lemmas are lowercase.
"""

from __future__ import annotations

import re

# --- reporting -----------------------------------------------------------------------------
#: Verbs that introduce what someone says, writes or finds (direct or indirect speech),
#: including verbs of finding and witnessing by which monitors report ("discovered").
REPORTING_VERBS = frozenset("""
say tell state add claim allege report announce warn insist maintain confirm note argue
conclude estimate describe explain believe write tweet post inform testify suggest indicate
reveal find assert declare stress emphasise emphasize charge document record detail recount
recall acknowledge admit concede contend complain agree predict cite quote publish
mention observe point reiterate repeat respond reply counter retort answer affirm
underline highlight speculate discover witness show
""".split())

#: Verbs of evaluation whose object is judged ("called the attack appalling").
EVALUATE_VERBS = frozenset("call label brand term".split())

#: Verbs of appeal: what follows is a call to act, not a claim that something happened.
CALL_VERBS = frozenset("call urge appeal demand ask plead request implore invite".split())

#: Nouns that state a denial by themselves ("stated its non-involvement").
DENIAL_NOUNS = frozenset("non-involvement noninvolvement innocence".split())

#: Verbs whose subject blames an object party ("X accused Y of ...", "X blamed Y for ...").
ACCUSE_VERBS = frozenset("accuse blame charge implicate fault".split())

#: Verbs of condemnation: the object is a wrong done by someone ("condemned the bombing").
CONDEMN_VERBS = frozenset("""
condemn denounce criticise criticize decry deplore slam censure lambast blast castigate
""".split())

#: Verbs of denial and rebuttal.
DENY_VERBS = frozenset("""
deny reject dismiss refute dispute contest rebut rebuff repudiate disown disavow
""".split())

#: Nouns that name an allegation; as the object of a denial verb they make it a denial
#: ("rejected the allegations"), after "amid"/"there were" they mark an unattributed claim.
ALLEGATION_NOUNS = frozenset("""
allegation accusation claim charge report finding conclusion assertion suggestion
account version story assessment
""".split())

#: Nouns that name a denial or excuse; rejecting one of them is an allegation, not a denial
#: ("dismissed Russia's excuses").
EXCUSE_NOUNS = frozenset("excuse denial justification explanation pretext alibi".split())

#: Words of dismissal: calling the other side's claim false ("lies", "fake information").
DISMISSAL_WORDS = frozenset("""
lie lies fake false falsehood fabricated fabrication baseless groundless untrue unfounded
provocation propaganda disinformation misinformation biased cliche cliché nonsense absurd
slander smear hoax staged fiction invented ridiculous
""".split())

#: Words that justify a strike by denying protected status ("legitimate military target").
JUSTIFICATION_PATTERNS = (
    "legitimate military", "legitimate target", "military target", "military objective",
    "terrorist target", "terrorists", "militants", "militant", "enemy fighters", "combatants",
    "hostile targets", "used by militants", "used as a base", "human shields",
    "in conformity with", "in line with international", "in accordance with international",
    "in strict conformity", "no longer a hospital", "self-defence", "self-defense",
    "only target", "only targets", "only targeted", "only strike", "only strikes",
    "only struck", "only hit", "armed elements", "command centre", "command center",
    "command post", "terrorist formations", "terrorist positions", "terrorist infrastructure",
    "militant positions", "military facilities", "military infrastructure", "weapons depot",
    "ammunition depot", "arms depot", "deployment point", "military units", "military unit",
    "troop concentrations", "military positions", "firing positions", "military equipment",
    "military base", "barracks", "military-industrial", "military industrial",
)

#: Hedges: the speaker does not assert the claim outright.
HEDGES = frozenset("""
may might could appear appears appeared seem seems seemed likely possibly possible apparent
apparently probably suspected alleged allegedly reportedly suggest suggests
""".split())

#: Expressions of an unattributed claim: "are alleged to", "amid claims that".
PASSIVE_REPORT_VERBS = frozenset("allege understand report believe say think suspect claim".split())

#: Words marking an explicit non-denial.
NON_DENIAL = re.compile(
    r"(\b((did|does|do|would|could|has|have|had|will)\s+)?(neither|not|never|declined to|"
    r"refused to)\b|\w+n[’']t\b)[\w ]{0,16}?\bconfirm(ed|s)?\s+"
    r"(n?or)\s+"
    r"den(y|ied|ies)\b")

# --- violence and harm --------------------------------------------------------------------
#: Verbs of attack.
ATTACK_VERBS = frozenset("""
attack strike hit bomb shell target fire shoot raid storm bombard destroy loot burn raze
pound blast blow torch ransack kill massacre murder execute wound injure gun retaliate
vandalize vandalise
""".split())

#: Nouns of attack (events, and the munitions whose use is reported).
ATTACK_NOUNS = frozenset("""
attack strike airstrike air-strike bombing bombardment shelling raid explosion blast
massacre assault shell shells missile missiles rocket rockets bomb bombs barrage fire
gunfire drone incident killing killings
""".split())

#: Nouns of attack that denote an event (not a weapon).
EVENT_NOUNS = frozenset("""
attack strike airstrike air-strike bombing bombardment shelling raid explosion blast
massacre assault barrage gunfire killing killings shooting onslaught offensive
""".split())

#: Verbs of killing and wounding.
CASUALTY_VERBS = frozenset(
    "kill die perish wound injure murder massacre execute maim slaughter".split())

#: Nouns of casualties and destruction.
CASUALTY_NOUNS = frozenset("""
casualty casualties death deaths toll victim victims carnage destruction disaster tragedy
bloodshed bodies body dead
""".split())

#: Verbs and nouns of casualties and damage.
HARM_WORDS = frozenset("""
kill killed killing die died dead death deaths perish perished wound wounded wounding
injure injured injuring casualty casualties victim victims destroy destroyed destruction
damage damaged loot looted burn burned burnt murder murdered massacre carnage toll bodies
""".split())

#: Words that make a statement an allegation of a violation even without an attack verb.
VIOLATION_WORDS = frozenset("""
crime crimes violation violations genocide atrocity atrocities indiscriminate
disproportionate abuse abuses terrorize terrorise recruitment shield shields
responsibility responsible unlawful illegal deliberately deliberate torture rape abduct
abduction kidnap starve starvation besiege siege trap looting loot violate
""".split())

#: Words naming the perpetrator's means ("Russian warplanes", "Israeli fire").
MEANS_NOUNS = frozenset("""
jet jets warplane warplanes plane planes aircraft bomber bombers drone drones helicopter
helicopters artillery tank tanks missile missiles rocket rockets shell shells fire forces
explosive explosives munition munitions mine mines grenade grenades bomb bombs
force troops army military soldiers militia fighters gunmen police navy airforce
""".split())

# --- protected objects ----------------------------------------------------------------------
#: Head nouns of protected objects, by category (see kg.model.TARGET_CATEGORIES).
TARGET_TERMS: dict[str, str] = {
    # medical care (Geneva Convention IV art. 18; AP I art. 12)
    "hospital": "hospital", "hospitals": "hospital",
    "clinic": "medical_facility", "clinics": "medical_facility",
    "medical facility": "medical_facility", "medical facilities": "medical_facility",
    "health facility": "medical_facility", "health facilities": "medical_facility",
    "health centre": "medical_facility", "health center": "medical_facility",
    "medical centre": "medical_facility", "medical center": "medical_facility",
    "field hospital": "hospital", "medical building": "medical_facility",
    "medical buildings": "medical_facility", "pharmacy": "medical_facility",
    "ambulance": "medical_facility", "ambulances": "medical_facility",
    "medical care": "medical_facility", "medical structures": "medical_facility",
    "wards": "hospital", "ward": "hospital",
    # education
    "school": "school", "schools": "school", "university": "school", "universities": "school",
    "kindergarten": "school", "college": "school", "classroom": "school",
    "educational facility": "school", "educational facilities": "school",
    "educational institution": "school", "educational institutions": "school",
    "kindergartens": "school", "colleges": "school", "education centre": "school",
    "education center": "school", "education centres": "school", "education centers": "school",
    "madrasa": "school", "madrassa": "school", "seminary": "school",
    # worship (AP I art. 53)
    "mosque": "place_of_worship", "mosques": "place_of_worship", "church": "place_of_worship",
    "churches": "place_of_worship", "synagogue": "place_of_worship",
    "temple": "place_of_worship", "monastery": "place_of_worship", "shrine": "place_of_worship",
    "cathedral": "place_of_worship",
    # markets
    "market": "market", "markets": "market", "marketplace": "market", "bazaar": "market",
    "souk": "market",
    # homes
    "home": "residential", "homes": "residential", "house": "residential",
    "houses": "residential", "residential": "residential", "apartment": "residential",
    "apartments": "residential", "residential area": "residential",
    "residential areas": "residential", "residential building": "residential",
    "residential buildings": "residential", "neighbourhood": "residential",
    "neighborhood": "residential", "village": "residential", "villages": "residential",
    "dwelling": "residential", "dwellings": "residential",
    # humanitarian relief (AP I arts. 70-71)
    "aid convoy": "aid_convoy", "convoy": "aid_convoy", "convoys": "aid_convoy",
    "aid truck": "aid_convoy", "aid trucks": "aid_convoy",
    "humanitarian convoy": "aid_convoy", "food distribution": "aid_convoy",
    "warehouse": "aid_convoy",
    # infrastructure (AP I arts. 54, 56)
    "bakery": "infrastructure", "bakeries": "infrastructure", "water": "infrastructure",
    "water station": "infrastructure", "water plant": "infrastructure",
    "power plant": "infrastructure", "power station": "infrastructure",
    "electricity": "infrastructure", "dam": "infrastructure", "bridge": "infrastructure",
    "railway station": "infrastructure", "train station": "infrastructure",
    "station": "infrastructure", "airport": "infrastructure", "grain": "infrastructure",
    "power grid": "infrastructure", "energy infrastructure": "infrastructure",
    "infrastructure": "infrastructure",
    # people (AP I art. 51)
    "civilians": "civilians", "civilian": "civilians", "people": "civilians",
    "children": "civilians", "women": "civilians", "residents": "civilians",
    "patients": "civilians", "families": "civilians", "wedding": "civilians",
    "bus": "civilians", "worshippers": "civilians", "shoppers": "civilians",
    "non-combatants": "civilians", "displaced": "civilians", "refugees": "civilians",
    "journalists": "civilians", "passengers": "civilians",
    # other protected sites
    "camp": "other", "camps": "other", "shelter": "other", "shelters": "other",
    "museum": "other", "library": "other", "orphanage": "other",
    "detention centre": "other", "detention center": "other", "prison": "other",
    "telecommunications building": "infrastructure", "telecommunications tower": "infrastructure",
}

# --- agents ------------------------------------------------------------------------------
#: Head nouns that name a spokesperson or official: "a spokesman for X", "X official".
SPOKES_NOUNS = frozenset("""
spokesman spokeswoman spokesperson spokespeople official officials representative
director head chief minister secretary ambassador envoy commander general colonel
brigadier captain lieutenant major governor president premier adviser advisor aide
coordinator researcher investigator officer leader chairman chairwoman mayor
""".split())

#: Pronouns that refer back to a speaker.
PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("it they them".split())

#: Names of days and months: never a party ("Friday's shellings", "the July 4 bombing").
CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december
""".split())
