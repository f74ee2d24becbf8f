"""Synthetic news text: seeded, deterministic articles for the real extractor to read.

Every word comes from the templates and vocabularies below, written for this benchmark (four
invented conflicts with their own states, armed groups, ministries, spokespeople, monitors,
towns and provinces).  An article has a headline, a dateline, an attack reported by a monitor
or a witness (target, place, date, toll, weapon, alleged perpetrator), allegations in direct
and indirect speech, denials of several kinds (categorical, dismissal, legitimate target,
counter-attribution, non-denial), later and differing casualty figures, a photo caption,
background paragraphs and the boilerplate lines of news websites.  Articles vary in length
(about 150 to 700 words) and recur on the same incidents, as a real feed does.

>>> docs = list(articles(3, seed=7))
>>> [d.file for d in docs]
['news-000000.txt', 'news-000001.txt', 'news-000002.txt']
>>> docs[0].text == list(articles(1, seed=7))[0].text     # a function of the seed
True
>>> 100 < len(docs[0].text.split()) < 1000
True
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

# --- vocabularies (invented) ----------------------------------------------------------------

CONFLICTS = [
    {
        "states": [("Varonia", "Varonian"), ("Kestria", "Kestrian")],
        "groups": ["the Free Dalmir Front", "the Northern Shield militia"],
        "provinces": ["Dalmir province", "Oskar province", "the Tesh valley"],
        "towns": ["Brevik", "Ulmora", "Sandrevo", "Kalesh", "Port Amund", "Yarrow Falls",
                  "Tirsk", "Medvar"],
        "capital": "Orlan",
    },
    {
        "states": [("Ostravel", "Ostravelian"), ("Nemeria", "Nemerian")],
        "groups": ["the Lakeside Brigades", "the Sons of Harrow"],
        "provinces": ["Harrow district", "the Lowlands region", "Cape Seren"],
        "towns": ["Velmont", "Ashkirk", "Dunmere", "Rosk", "Halvard", "Ninefields", "Cobaltin"],
        "capital": "Vessa",
    },
    {
        "states": [("Taluria", "Talurian"), ("Quorin", "Quorinese")],
        "groups": ["the Red Delta Movement", "the Eastern Patriotic Army"],
        "provinces": ["the Delta governorate", "Saffra governorate", "the Qor highlands"],
        "towns": ["Am Sefra", "Beit Lurin", "Khor Tamel", "Nadir", "Wadi Zenna", "El Marab",
                  "Qasr Lumi"],
        "capital": "Talur",
    },
    {
        "states": [("Mireland", "Mirelander"), ("Sovana", "Sovanese")],
        "groups": ["the Coastal Liberation Council", "the Iron Hills Legion"],
        "provinces": ["Greyhaven county", "the Marsh district", "Upper Sovana"],
        "towns": ["Fennick", "Larchmoor", "Stilby", "Graves End", "Oldmarsh", "Pellworth"],
        "capital": "Mirehaven",
    },
]

MONITORS = ["Frontline Health Watch", "the Civil Protection Observatory",
            "the Independent Casualty Monitor", "Doctors for the Wounded", "Rights First",
            "the Humanitarian Access Network", "Children in Conflict",
            "the Protect Schools Coalition", "the UN Office for Civilian Protection"]
MEDIA = ["The Morning Courier", "Northern Wire", "The Evening Ledger", "Crossroads News",
         "Global Desk", "The Harbour Times", "Radio Meridian"]
PEOPLE = ["Ana Rostova", "Idris Mahout", "Lena Karsk", "Tomas Veld", "Samira Oudane",
          "Pavel Dresk", "Nadia Halloran", "Jonas Brekke", "Hana Sefer", "Marco Ilves"]
ROLES = ["spokeswoman", "spokesman", "director", "field coordinator", "senior researcher"]

#: (headline word, names of the target)
TARGETS = [
    ("Hospital", ["the Al-Noor hospital", "the central hospital", "a field hospital",
                  "the children's hospital", "the main hospital"]),
    ("Clinic", ["a health clinic", "a maternity clinic", "a medical centre"]),
    ("School", ["a primary school", "a girls' school", "the town's secondary school"]),
    ("Market", ["a crowded market", "the vegetable market", "the old market"]),
    ("Mosque", ["a mosque", "the old church", "a mosque near the square"]),
    ("Homes", ["a residential building", "a block of flats", "homes in the old quarter"]),
    ("Aid convoy", ["an aid convoy", "a convoy of aid trucks", "a food distribution point"]),
    ("Civilian site", ["the water pumping station", "a power station", "a bakery"]),
    ("Camp", ["a camp for displaced people", "a shelter for displaced families"]),
]
WEAPONS = ["air strikes", "an air strike", "barrel bombs", "artillery shells", "rockets",
           "cluster munitions", "a drone strike", "mortar fire", "missiles"]
MEANS = ["warplanes", "jets", "artillery", "forces", "drones", "helicopters", "troops"]
DAY_WORDS = ["on Sunday", "on Monday", "on Tuesday", "on Wednesday", "on Thursday",
             "on Friday", "on Saturday", "early on Tuesday", "late on Friday", "overnight"]
REPORT_VERBS = ["said", "reported", "said in a statement", "told reporters",
                "said on its website", "wrote in a report", "confirmed"]
BOILERPLATE = ["Advertisement", "Share this article", "Follow us on social media",
               "Subscribe to our newsletter for daily updates",
               "Copyright {year} {publisher}. All rights reserved.",
               "Read more: {town} residents count the cost", "Related coverage",
               "Click here to read the full report"]
BACKGROUND = [
    "The fighting in {province} has displaced tens of thousands of people since the spring, "
    "and aid agencies say many families are sleeping in the open.",
    "Talks between the two governments broke down in {month}, and both sides have since "
    "stepped up their operations along the front line.",
    "Roads into {town} have been closed for weeks, and the price of bread and fuel has "
    "tripled, according to residents reached by telephone.",
    "Humanitarian workers have repeatedly called for a ceasefire to allow the evacuation of "
    "the wounded and the delivery of medicine.",
    "The town lies on the main road between {capital} and the coast, and has changed hands "
    "several times during the war.",
    "International humanitarian law forbids attacks on hospitals, schools and other civilian "
    "objects unless they are used for military purposes.",
    "Electricity and mobile networks in the area were cut for most of the week, which made "
    "it hard to confirm the details of the incident.",
    "Local officials said that schools in the district would remain closed until further "
    "notice.",
    "Residents described long queues at the only working bakery and a shortage of clean "
    "water.",
    "Satellite images published last month showed extensive damage to farmland and "
    "irrigation canals in the valley.",
    "The {province} has been cut off from the rest of the country since the bridge over the "
    "river was destroyed, and the few doctors left work in shifts around the clock.",
    "Families who fled to {capital} in the first months of the war describe a journey of "
    "several days on foot, and many of them have not been able to return.",
    "The ceasefire agreed in {month} lasted less than a week, and diplomats say there is "
    "little appetite on either side for another round of negotiations.",
    "Teachers in {town} have moved their lessons into basements and private homes, and "
    "parents say that many children have not attended school for a year.",
    "Farmers in the surrounding villages say they cannot reach their fields because of "
    "unexploded ordnance, and the harvest is expected to be the worst in a decade.",
    "The regional office of the World Food Programme said in {month} that half of the "
    "population of {province} did not have enough to eat.",
]
REACTIONS = [
    "{official} condemned the attack and said those responsible must be held to account.",
    "{official} said she was appalled by reports that {target} had been hit, and called on "
    "all parties to respect international humanitarian law.",
    "In a joint statement, several embassies in {capital} expressed concern at the growing "
    "number of attacks on medical workers.",
    "{official} urged both sides to allow safe passage for ambulances and aid convoys.",
]
OFFICIALS = ["The UN humanitarian coordinator", "The head of the regional Red Crescent",
             "A senior UN human rights official", "The European Union's envoy"]


@dataclass(frozen=True)
class NewsArticle:
    file: str
    title: str
    publisher: str
    url: str
    published: str          # ISO date
    text: str

    def manifest_entry(self) -> dict:
        return {"file": self.file, "title": self.title, "publisher": self.publisher,
                "url": self.url, "published": self.published}


@dataclass(frozen=True)
class _Incident:
    conflict: dict
    attacker: tuple[str, str]       # (state, adjective) or (group, group)
    defender: tuple[str, str]
    town: str
    province: str
    kind: str
    target: str
    weapon: str
    killed: int
    injured: int
    children: int
    day: date


def _incident(rng: random.Random) -> _Incident:
    c = rng.choice(CONFLICTS)
    sides = list(c["states"])
    rng.shuffle(sides)
    attacker = sides[0]
    if rng.random() < 0.2:
        group = rng.choice(c["groups"])
        attacker = (group, group)
    kind, names = rng.choice(TARGETS)
    killed = rng.choice([0, 2, 3, 5, 7, 9, 12, 15, 18, 21, 27, 34, 41, 56])
    return _Incident(c, attacker, sides[1], rng.choice(c["towns"]), rng.choice(c["provinces"]),
                     kind, rng.choice(names), rng.choice(WEAPONS), killed,
                     rng.randrange(0, 80), rng.randrange(0, killed + 1) if killed else 0,
                     date(2019, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365)))


def _means(inc: _Incident, rng: random.Random) -> str:
    name, adjective = inc.attacker
    if name == adjective:                       # an armed group
        return f"fighters of {name}"
    return f"{adjective} {rng.choice(MEANS)}"


def _paragraph_attack(inc, rng, monitor, day_words) -> str:
    toll = (f"At least {inc.killed} civilians were killed" if inc.killed
            else "No one was killed")
    kids = f", including {inc.children} children," if inc.children and rng.random() < 0.5 else ""
    forms = [
        f"{toll}{kids} and {inc.injured} wounded when {inc.weapon} hit {inc.target} in "
        f"{inc.town}, in {inc.province}, {day_words}, {monitor} {rng.choice(REPORT_VERBS)}.",
        f"{_means(inc, rng).capitalize()} struck {inc.target} in {inc.town} {day_words}, "
        f"killing {inc.killed or 'no'} people and wounding {inc.injured}, according to "
        f"{monitor}.",
        f"{monitor[0].upper()}{monitor[1:]} said "
        f"{inc.weapon} fired by {_means(inc, rng)} hit {inc.target} in {inc.town} "
        f"{day_words}, killing {inc.killed or 'no'} people.",
    ]
    return rng.choice(forms)


def _paragraph_direct(inc, rng, person, role, org) -> str:
    quote = rng.choice([
        f"This was a deliberate attack on {inc.target} and it may amount to a war crime",
        f"There were no fighters anywhere near {inc.target}; the people inside were patients "
        f"and their families",
        f"We saw the {rng.choice(MEANS)} circle twice before the strike",
        "Those responsible must be held to account for this attack on civilians",
    ])
    if rng.random() < 0.5:
        return f"“{quote},” said {person}, a {role} for {org}."
    return f"{person}, a {role} for {org}, told {rng.choice(MEDIA)}: “{quote}.”"


def _paragraph_indirect(inc, rng, org, published) -> str:
    name, adjective = inc.attacker
    accused = name if name == adjective else f"{adjective} forces"
    return rng.choice([
        f"{org} accused {accused} of targeting {inc.target} deliberately.",
        f"In a report published on "
        f"{inc.day + timedelta(days=rng.randrange(0, (published - inc.day).days + 1)):%d %B %Y}, "
        f"{org} said the attack on {inc.target} in {inc.town} appeared to violate the laws of "
        f"war.",
        f"{org} blamed {accused} for the strike and called for an independent investigation.",
        f"Witnesses told {org} that {accused} had shelled the area around {inc.target} for "
        f"several hours.",
    ])


def _paragraph_denial(inc, rng, day_words) -> str:
    name, adjective = inc.attacker
    if name == adjective:
        speaker = f"A spokesman for {name}"
        party = name
    else:
        speaker = rng.choice([f"The {adjective} Defence Ministry", f"The {adjective} military",
                              f"{name}'s army spokesman, Colonel {rng.choice(PEOPLE)},"])
        party = name
    other = inc.defender[0]
    return rng.choice([
        f"{speaker} denied that its forces had carried out any strike in {inc.town}.",
        f"{speaker} dismissed the reports as “fabricated propaganda”.",
        f"{speaker} said its aircraft had struck only terrorist targets in the area.",
        f"{speaker} said the building was a legitimate military target used by militants.",
        f"{speaker} rejected the allegations, saying that {other} had shelled the town itself.",
        f"{speaker} declined to confirm or deny the reports of the strike {day_words}.",
        f"{party} has denied involvement in the attack, calling the accusations baseless.",
    ])


def _paragraph_figures(inc, rng) -> str:
    later = inc.killed + rng.randrange(1, 12)
    return rng.choice([
        f"The {inc.defender[1]} health ministry later put the death toll at {later}, with "
        f"{inc.injured + rng.randrange(0, 20)} injured.",
        f"By {rng.choice(['Monday', 'Wednesday', 'the next morning'])}, rescuers had pulled "
        f"{later} bodies from the rubble, local officials said.",
        f"Hospital staff said more than {later} people had died of their wounds.",
        f"The toll could rise to about {later + 10}, the civil defence service warned.",
    ])


def _article(i: int, rng: random.Random, incidents: list[_Incident]) -> NewsArticle:
    inc = rng.choice(incidents)
    c = inc.conflict
    publisher = rng.choice(MEDIA)
    monitor = rng.choice(MONITORS)
    org = rng.choice([m for m in MONITORS if m != monitor])
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    published = inc.day + timedelta(days=rng.randrange(0, 15))
    day_words = rng.choice(DAY_WORDS)
    title = rng.choice([
        f"{inc.kind} hit in {inc.town} strike, {inc.killed} dead",
        f"Strike on {inc.target.removeprefix('the ').removeprefix('a ')} in {inc.town} "
        f"draws condemnation",
        f"{inc.defender[1]} officials say {inc.attacker[0]} bombed {inc.town}",
        f"Death toll rises after attack in {inc.province}",
    ])
    fill = {"province": inc.province, "town": inc.town, "capital": c["capital"],
            "month": published.strftime("%B"), "year": published.year, "publisher": publisher}
    lines = [title, "",
             f"{c['capital'].upper()}, {published:%d %B %Y} ({publisher}) –"
             if rng.random() < 0.6 else f"By {rng.choice(PEOPLE)}, {publisher}", ""]
    body = [_paragraph_attack(inc, rng, monitor, day_words)]
    if rng.random() < 0.7:
        body.append(_paragraph_direct(inc, rng, person, role, org))
    if rng.random() < 0.6:
        body.append(_paragraph_indirect(inc, rng, org, published))
    for _ in range(rng.choice((0, 1, 1, 2))):
        body.append(_paragraph_denial(inc, rng, day_words))
    if rng.random() < 0.5:
        body.append(_paragraph_figures(inc, rng))
    if rng.random() < 0.5:
        body.append(rng.choice(REACTIONS).format(official=rng.choice(OFFICIALS),
                                                 target=inc.target, **fill))
    if rng.random() < 0.3:
        person2, role2 = rng.choice(PEOPLE), rng.choice(ROLES)
        body.append(_paragraph_direct(inc, rng, person2, role2, monitor))
    background = rng.sample(BACKGROUND, k=rng.randint(2, 10))
    for b in background:
        body.insert(rng.randrange(1, len(body) + 1), b.format(**fill))
    if rng.random() < 0.4:       # a second, older incident of the same conflict, briefly
        old = rng.choice([x for x in incidents if x.conflict is c and x.day < inc.day]
                         or [inc])
        if old is not inc:
            body.append(_paragraph_attack(old, rng, rng.choice(MONITORS),
                                          f"on {old.day:%d %B %Y}"))
    for k in range(len(body) - 1, 1, -1):
        if rng.random() < 0.12:
            body.insert(k, rng.choice(BOILERPLATE).format(**fill))
    if rng.random() < 0.5:
        caption = (f"Photo: Smoke rises over {inc.town} after the strike "
                   f"{day_words}. ({rng.choice(MEDIA)})")
        body.insert(rng.randrange(1, len(body) + 1), caption)
    text = "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"
    for tail in rng.sample(BOILERPLATE, k=rng.randint(0, 3)):
        text += "\n" + tail.format(**fill) + "\n"
    slug = f"{i:06d}"
    return NewsArticle(file=f"news-{slug}.txt", title=title, publisher=publisher,
                       url=f"https://news.example.org/{slug}",
                       published=published.isoformat(), text=text)


def articles(n: int, seed: int = 0) -> Iterator[NewsArticle]:
    """*n* articles, about 40% more articles than incidents (so incidents recur)."""
    rng = random.Random(seed)
    incidents = [_incident(rng) for _ in range(max(1, (n * 5) // 7))]
    for i in range(n):
        yield _article(i, rng, incidents)


def write_corpus(directory: Path, n: int, seed: int = 0) -> dict:
    """Write *n* articles and their MANIFEST.json into *directory*; return counts."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    manifest, words, chars = [], 0, 0
    for a in articles(n, seed):
        (directory / a.file).write_text(a.text, encoding="utf-8")
        manifest.append(a.manifest_entry())
        words += len(a.text.split())
        chars += len(a.text)
    (directory / "MANIFEST.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return {"articles": n, "words": words, "chars": chars}
