"""Extraction of attacks: target, place, date, perpetrator, casualties, weapon; and how the
mentions of one incident are joined.  Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import Extractor
from kg.model import Article, PartialDate
from kg.pipeline import analyse


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def run(extractor, text, published="2021-06-09"):
    art = Article(text=text, path="t.txt",
                  published=PartialDate.parse(published) if published else None)
    (x,) = list(analyse([art], extractor))
    return x


def one_attack(x):
    assert len(x.attacks) == 1, [x.article.text[a.span.start:a.span.end] for a in x.attacks]
    return x.attacks[0]


def test_target_place_date_and_toll(extractor):
    # 9 June 2021 is a Wednesday: "on Sunday" is 6 June
    x = run(extractor, "Witnesses said warplanes struck a crowded market in the town of Sarnel "
                       "on Sunday, killing at least 31 people and wounding 40 others.\n")
    a = one_attack(x)
    assert "market" in [t.category for t in a.targets]
    assert a.place.name == "Sarnel"
    assert a.date.day == date(2021, 6, 6)
    assert (a.killed.count, a.killed.qualifier) == (31, "at_least")
    assert a.injured.count == 40


def test_month_day_without_year_is_in_the_publication_year(extractor):
    x = run(extractor, "Medics said rockets hit the Al-Nour hospital in Kavat on February 15, "
                       "wounding nine patients.\n", published="2021-03-02")
    a = one_attack(x)
    assert a.date.day == date(2021, 2, 15)
    assert "hospital" in [t.category for t in a.targets]


def test_numbers_written_as_words(extractor):
    x = run(extractor, "Officials said twenty-three civilians were killed when shells fell on "
                       "a school in Dorra on Monday.\n")
    a = one_attack(x)
    assert a.killed.count == 23


def test_perpetrator_from_the_attacking_means(extractor):
    x = run(extractor, "The health ministry said Kordan drones bombed a bakery in Plesk on "
                       "Tuesday, killing six people.\n")
    a = one_attack(x)
    assert any("kordan" in (p.key or "") for p in a.perpetrators)
    assert a.weapon and "drone" in a.weapon


def test_later_mentions_add_to_the_same_incident(extractor):
    x = run(extractor, "Shelling hit a shelter for displaced families in Orvo on Thursday, local "
                       "officials said.\n\nThe attack killed 14 people, including five "
                       "children, a medic at the scene said.\n")
    a = one_attack(x)
    assert a.place.name == "Orvo"
    assert a.killed.count == 14 and a.killed.children == 5


def test_two_incidents_in_two_places_stay_apart(extractor):
    x = run(extractor, "The monitor said an air strike destroyed homes in Tesh on Friday, "
                       "killing four civilians.\n\nSeparately, artillery hit a school in "
                       "Vardo on Saturday, wounding 11 pupils, residents said.\n")
    places = sorted(a.place.name for a in x.attacks)
    assert places == ["Tesh", "Vardo"]


def test_campaign_totals_are_not_incidents(extractor):
    x = run(extractor, "The rights group said the country's air campaign had killed more than "
                       "2,000 civilians across the country since March.\n")
    assert x.attacks == []
    assert [c.kind for c in x.claims] == ["allegation"]


def test_claims_are_linked_to_the_attack_they_report(extractor):
    x = run(extractor, "Villagers said soldiers burned the mosque in Lerro on Monday.\n\n"
                       "The army denied that its troops had entered Lerro.\n")
    a = one_attack(x)
    assert a.place.name == "Lerro"
    for c in x.claims:
        assert c.attacks == [0], (c.kind, c.attacks)


def test_no_publication_date_leaves_relative_dates_unresolved(extractor):
    x = run(extractor, "Residents said a drone hit the water station in Kolo on Sunday.\n",
            published=None)
    a = one_attack(x)
    assert a.date is None or a.date.day is None


def test_a_target_word_inside_a_body_s_name_is_not_a_target(extractor):
    x = run(extractor, "Mirelander troops struck the old market in Oldmarsh overnight, killing "
                       "3 people, according to the Protect Schools Coalition.\n")
    a = one_attack(x)
    assert "school" not in [t.category for t in a.targets]
    assert "market" in [t.category for t in a.targets]


def test_a_named_hospital_is_a_target(extractor):
    x = run(extractor, "Witnesses said jets struck the Saint Ilse Hospital in Varna on Monday, "
                       "killing 12 people.\n")
    a = one_attack(x)
    assert "hospital" in [t.category for t in a.targets]


def test_the_village_a_school_stands_in_is_not_hit(extractor):
    x = run(extractor, "Officials said a guided bomb hit a secondary school in the village of "
                       "Zarvan late on Monday, killing a teacher.\n")
    a = one_attack(x)
    assert [t.category for t in a.targets] == ["school"]
    assert a.place.name == "Zarvan"


def test_a_shelled_village_is_hit(extractor):
    x = run(extractor, "Witnesses said artillery shelled the village of Kolt on Monday, killing "
                       "two farmers.\n")
    a = one_attack(x)
    assert "residential" in [t.category for t in a.targets]


def test_educational_facilities_are_schools(extractor):
    x = run(extractor, "The monitors said rockets hit two educational facilities in Dorra on "
                       "Monday.\n")
    a = one_attack(x)
    assert "school" in [t.category for t in a.targets]


def test_one_perpetrator_named_twice_is_listed_once(extractor):
    x = run(extractor, "A Russian guided bomb hit a school in Zarvan on Monday, killing a "
                       "teacher. Russia's jets have struck the school before.\n")
    for a in x.attacks:
        keys = [p.key for p in a.perpetrators]
        assert len(keys) == len(set(keys))
    assert any(a.perpetrators for a in x.attacks)


def test_a_monitor_counting_attacks_on_educational_facilities_alleges(extractor):
    x = run(extractor, "The monitoring mission said it had verified 11 attacks on educational "
                       "facilities in the Dorra region since January.\n")
    assert [c.kind for c in x.claims] == ["allegation"]


def test_the_village_of_takes_the_whole_name(extractor):
    # a name of ordinary English words, which the tagger does not read as one name
    x = run(extractor, "Helicopters fired on a school in the village of Let Yet Kone on "
                       "Friday, killing seven children.\n")
    assert one_attack(x).place.name == "Let Yet Kone"


def test_a_practice_is_not_part_of_the_incident(extractor):
    x = run(extractor, "Jets bombed a school in Tavi on Friday, killing seven children, the "
                       "Orlan Rights Monitor said. Human rights groups have accused the army of "
                       "repeatedly bombing schools and clinics since the 2019 coup.\n")
    a = one_attack(x)
    assert [t.category for t in a.targets if t.category != "civilians"] == ["school"]
    practice = [c for c in x.claims if "repeatedly" in x.article.text[c.span.start:c.span.end]]
    assert practice and practice[0].attacks == []


@pytest.mark.parametrize("text, count, qualifier, children", [
    ("A missile struck a hospital in Tavi on Monday, killing two nurses and three "
     "patients.\n", 5, "exact", None),
    ("Jets struck a school in Tavi on Monday, killing at least 12 children and two "
     "teachers.\n", 14, "at_least", 12),
])
def test_tolls_joined_by_and_are_one_toll(extractor, text, count, qualifier, children):
    k = one_attack(run(extractor, text)).killed
    assert (k.count, k.qualifier, k.children) == (count, qualifier, children)
    assert text[k.span.start:k.span.end].startswith("killing")


def test_counting_this_strike_among_others_is_no_new_incident(extractor):
    x = run(extractor, "An air strike hit a school sheltering displaced families in Tavi on "
                       "Tuesday, killing at least 30 people, health officials said. It was the "
                       "fourth strike on a school in Kordania in a week, according to a tally "
                       "by the Orlan Rights Monitor.\n")
    a = one_attack(x)
    assert a.place.name == "Tavi"


def test_a_summary_of_several_strikes_is_not_an_incident(extractor):
    x = run(extractor, "Chadian drone strikes on two crowded markets in the Salamat region in "
                       "August killed at least 52 civilians, the monitor said. A drone strike "
                       "on the "
                       "Bure market on August 13 killed 26 people. Two days later, a second "
                       "strike hit the weekly market in the town of Debre Elias, killing 26 "
                       "more. In a statement in September, the government said claims of "
                       "civilian casualties were fabricated.\n", published="2023-11-02")
    places = {a.place.name: a.killed.count for a in x.attacks}
    # each market its own toll; the statement's month dates no incident
    assert places == {"Bure market": 26, "Debre Elias": 26}
    # "Two days later" counts from the incident dated just before
    assert [a.date.day for a in x.attacks] == [date(2023, 8, 13), date(2023, 8, 15)]
    denial = [c for c in x.claims if c.kind == "denial"]
    assert denial and denial[0].attacks == []


def test_a_capital_is_where_an_attack_happened(extractor):
    x = run(extractor, "A suicide bomber blew himself up at an education centre in a Shi'ite "
                       "neighbourhood of Kabul on Friday, killing at least 18 people, police "
                       "said. The strike comes days after the army took the palace in Tripoli, "
                       "according to Moscow and Damascus.\n")
    a = one_attack(x)
    # the capital, not the people living there, nor the place of another act, nor capitals
    # that speak for their states
    assert a.place.name == "Kabul"
    assert "school" in {t.category for t in a.targets}


def test_claiming_responsibility_names_the_doer_and_no_claim_is_no_denial(extractor):
    x = run(extractor, "A bomb killed 18 people at a school in Tavi on Friday, police said. No "
                       "group immediately claimed responsibility. On Saturday the Brastovian "
                       "Front claimed responsibility for the attack.\n")
    assert not [c for c in x.claims if c.kind == "denial"]
    claim = [c for c in x.claims if c.cue == "claim"]
    assert len(claim) == 1 and [p.key for p in claim[0].accused] == ["brastovian front"]
    assert [p.key for p in one_attack(x).perpetrators] == ["brastovian front"]


def test_a_separate_strike_the_same_day_and_a_detention_centre(extractor):
    x = run(extractor, "An air strike by the Saudi-led coalition hit a detention centre in "
                       "Saada on Friday, killing at least 70 people, aid agencies said. "
                       "Coalition spokesman Brigadier General Turki al-Maliki denied that the "
                       "coalition had targeted the prison. Save the Children said three "
                       "children were among the dead in a separate strike on a "
                       "telecommunications building in the port city of Hodeidah the same "
                       "day.\n", published="2022-01-22")
    saada, hodeidah = x.attacks
    assert (saada.place.name, hodeidah.place.name) == ("Saada", "Hodeidah")
    assert saada.date.day == hodeidah.date.day == date(2022, 1, 21)
    assert "other" in {t.category for t in saada.targets}
    assert "infrastructure" in {t.category for t in hodeidah.targets}
    (denial,) = [c for c in x.claims if c.kind == "denial"]
    # "Coalition spokesman": the coalition just named, and the state that leads it
    assert denial.source.speaks_for is not None and \
        denial.source.speaks_for.name.lower() == "saudi-led coalition"
