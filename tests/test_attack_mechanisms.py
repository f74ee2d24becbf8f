"""The attack reader's mechanisms one by one (kg.extract.attacks): where an incident happened,
which mentions are one incident, which sentences report none, and what each mention keeps as
evidence.  Sentences written for these tests, in the style of wire copy; places, parties and
figures are invented."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.attacks import places as P
from kg.model import Article, PartialDate
from kg.pipeline import analyse


def run(extractor, text, published="2021-06-09"):
    art = Article(text=text, path="t.txt",
                  published=PartialDate.parse(published) if published else None)
    (x,) = list(analyse([art], extractor))
    return x


def placed(x) -> list:
    return sorted((a.place.name if a.place else None) for a in x.attacks)


def one_attack(x):
    assert len(x.attacks) == 1, [x.article.text[a.span.start:a.span.end] for a in x.attacks]
    return x.attacks[0]


# --- where: the most specific place the text gives, never a facility's name -----------------

def test_a_facility_names_no_place_when_the_town_is_given(extractor):
    a = one_attack(run(extractor, "The Saint Ilse hospital in the northern city of Varnel was "
                                  "bombed on Wednesday, killing 14 people, medics said.\n"))
    assert a.place.name == "Varnel"


@pytest.mark.parametrize("text, name", [
    ("The attack on Saint Orla Hospital in Khan Verel killed 3 patients on Friday.\n",
     "Khan Verel"),
    ("A missile struck an apartment block in the port of Velmara overnight, killing 21 "
     "people.\n", "Velmara"),
    ("Warplanes bombed Dorra market in North Vessland on Monday, killing 12 people.\n",
     "Dorra market"),
])
def test_a_named_facility_or_a_region_yields_to_the_town(extractor, text, name):
    assert one_attack(run(extractor, text)).place.name == name


def test_the_owner_of_the_object_hit_is_the_place(extractor):
    a = one_attack(run(extractor, "Officials said at least 18 people died in Monday's missile "
                                  "strike on Sarnel's shopping centre.\n"))
    assert a.place.name == "Sarnel"
    assert "market" in [t.category for t in a.targets]


def test_a_state_owning_a_place_is_no_place(extractor):
    a = one_attack(run(extractor, "A missile landed on an apartment building in central "
                                  "Kordania's Velmar on Sunday, medics said.\n"))
    assert a.place.name == "Velmar"


@pytest.mark.parametrize("phrase, name", [
    ("on the village Kumbareere", "Kumbareere"),
    ("on a remote village called Tessoro", "Tessoro"),
])
def test_a_settlement_and_its_name(extractor, phrase, name):
    x = run(extractor, f"Another strike on June 3 {phrase} killed a farmer, residents said.\n")
    a = one_attack(x)
    assert a.place.name == name


def test_the_name_attacked_is_the_place(extractor):
    a = one_attack(run(extractor, "Local media reported that 84 people were killed and 56 "
                                  "injured after Kordan jets attacked Velka, where hundreds "
                                  "of refugees were sleeping.\n"))
    assert a.place.name == "Velka"
    assert (a.killed.count, a.injured.count) == (84, 56)


def test_where_it_was_said_is_not_where_it_happened(extractor):
    a = one_attack(run(extractor, "Speaking to reporters in Geneva, the agency said shells "
                                  "hit a clinic in Dorra on Monday.\n"))
    assert a.place.name == "Dorra"


def test_that_region_is_the_place_named_just_before(extractor):
    x = run(extractor, "The army came under criticism after last week's operation in the town "
                       "of Varo Alto in Mesa province. In that region, 11 people, whose names "
                       "remain in dispute, were killed.\n")
    a = one_attack(x)
    assert a.place.name == "Varo Alto"
    assert a.killed.count == 11


def test_the_place_of_another_act_places_an_incident_nothing_else_places(extractor):
    a = one_attack(run(extractor, "Witnesses in Orsk described a rocket attack on a crowded "
                                  "market on Tuesday, while officials blamed the rebels.\n"))
    assert a.place.name == "Orsk"


def test_a_part_of_a_town_named_later_places_the_incident_more_precisely(extractor):
    x = run(extractor, "At least 35 people have died in Velbo as a result of air strikes "
                       "targeting a camp for displaced families, the ministry said.\n\n"
                       "The rescue service said there were many casualties in the attack on "
                       "the Tal Hamra camp, which saw tents set alight.\n")
    a = one_attack(x)
    assert a.place.name == "Tal Hamra"
    assert a.killed.count == 35


# --- which mentions are one incident; every mention is evidence -------------------------------

def test_every_mention_of_the_incident_is_its_evidence(extractor):
    text = ("Shells hit a school in Orvo on Thursday, local officials said.\n\n"
            "The attack killed 14 people, a medic said.\n\n"
            "The school had been sheltering displaced families.\n")
    a = one_attack(run(extractor, text))
    quoted = [text[s.start:s.end] for s in [a.span, *a.extra_spans]]
    assert any("Shells hit a school in Orvo" in q for q in quoted)
    assert any("The attack killed 14 people" in q for q in quoted)


def test_a_further_mention_of_the_object_hit_stays_with_its_incident(extractor):
    x = run(extractor, "Kordan warplanes struck the main hospital in Velbo on Sunday, killing "
                       "nine patients and two nurses, medics said.\n\nThe hospital had been hit "
                       "twice before this year. Doctors said the strike destroyed the emergency "
                       "ward.\n\nOn Monday, a second strike hit a school in the nearby village "
                       "of Orsk, wounding 12 children, the monitor said.\n")
    assert placed(x) == ["Orsk", "Velbo"]
    velbo = next(a for a in x.attacks if a.place.name == "Velbo")
    assert velbo.killed.count == 11 and len(velbo.extra_spans) == 2


def test_a_lede_and_its_repeat_with_the_same_toll_are_one_incident(extractor):
    x = run(extractor, "Aid workers say 56 killed in an air raid on a camp for displaced people "
                       "in Dedra.\n\nAt least 56 people have been killed in Kordania's Velland "
                       "region following an air raid on a camp for displaced people, aid "
                       "workers said on Saturday.\n")
    a = one_attack(x)
    assert a.place.name == "Dedra"


def test_a_toll_for_each_place_gives_an_incident_for_each(extractor):
    x = run(extractor, "Survivors said that on Feb. 25 soldiers opened fire, killing 44 people, "
                       "including 20 children, in Velbo, and 179 people, including 36 "
                       "children, in nearby Orsk.\n", published="2024-04-01")
    tolls = {a.place.name: a.killed.count for a in x.attacks}
    assert tolls == {"Velbo": 44, "Orsk": 179}
    assert all(a.date.day == date(2024, 2, 25) for a in x.attacks)


def test_one_toll_for_two_places_is_neither_place_s(extractor):
    x = run(extractor, "The group said jets carried out two separate raids on the towns of "
                       "Ruvo and Gelt on Tuesday, killing at least 11 civilians.\n\n"
                       "The Gelt strike killed at least eight, the group said.\n")
    tolls = {a.place.name: (a.killed.count if a.killed else None) for a in x.attacks}
    assert tolls == {"Ruvo": None, "Gelt": 8}


def test_a_date_of_another_act_does_not_date_the_incident(extractor):
    x = run(extractor, "At least 18 people died in Monday's missile strike on Sarnel's shopping "
                       "centre, officials said.\n\nOn Tuesday, investigators inspected the "
                       "remains of the shopping centre that was destroyed by a missile.\n")
    a = one_attack(x)
    assert a.date.day == date(2021, 6, 7)
    assert len(a.extra_spans) == 1


def test_a_date_telling_of_the_incident_dates_it(extractor):
    x = run(extractor, "Officials are looking into a separate incident that occurred on June 4 "
                       "in Varosh.\n\nIn that attack, 17 people were killed and nine "
                       "wounded.\n")
    a = one_attack(x)
    assert a.date.day == date(2021, 6, 4)
    assert (a.killed.count, a.injured.count) == (17, 9)


# --- what reports no incident ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Around 140 civilians have been killed by Kordan bombardment of the country since "
    "Oct. 8.\n",
    "Last year the health minister counted 67 attacks on hospitals, 40 of which were "
    "directly targeted.\n",
    "Kordania accuses Mireland of attacking civilians in the east.\n",
    "General Ivo Rask, Commander of the Aerial Assault Division, spoke to the press.\n",
    "Kordania has been accused of war crimes over its bombing of hospitals in the region.\n",
    "The army said it had killed 40 militants in air strikes on hideouts in the mountains on "
    "Sunday.\n",
    "Residents of Dalla said they had fled the shelling, which intensified on Wednesday.\n",
])
def test_totals_practices_and_names_are_no_incident(extractor, text):
    assert run(extractor, text).attacks == []


def test_the_history_of_a_place_gives_no_toll(extractor):
    a = one_attack(run(extractor, "The airstrike on Monday hit a clinic in Velmo, a village "
                                  "where in 2014 gunmen killed over 800 people.\n"))
    assert a.place.name == "Velmo"
    assert a.killed is None


def test_civilians_are_counted_apart_from_fighters(extractor):
    a = one_attack(run(extractor, "Jets struck a market in Varosh on Sunday, killing 20 soldiers "
                                  "and 4 civilians, officials said.\n"))
    assert a.killed.count == 4


def test_a_weapon_landing_on_a_building_is_an_attack(extractor):
    a = one_attack(run(extractor, "A missile landed on an apartment building in Velmar on "
                                  "Saturday, causing its partial collapse.\n"))
    assert a.place.name == "Velmar"
    assert "residential" in [t.category for t in a.targets]
    assert a.date.day == date(2021, 6, 5)


# --- the place reader on its own ---------------------------------------------------------------

def test_place_names_inside_longer_ones_are_dropped(extractor):
    doc = extractor.nlp("Shells hit the Beit Lahem neighbourhood of Varnel on Monday.")
    doc.user_data["kg_text"] = doc.text
    found = P.places(next(doc.sents))
    assert [p.name for p in found.ranked] == ["Beit Lahem", "Varnel"]
    assert found.parts == {"Beit Lahem"} and found.vague == set()


def test_places_joined_by_and_are_one_run():
    from kg.model import PlaceRef, Span
    text = "in Homs, Idlib and Aleppo, Hama province"
    spans = [(3, 7), (9, 14), (19, 25), (27, 31)]
    places = [PlaceRef(name=text[a:b], span=Span(a, b)) for a, b in spans]
    runs = P.conj_places(text, places)
    assert [[p.name for p in r] for r in runs] == [["Homs", "Idlib", "Aleppo", "Hama"]]
    places[2].within = places[3]
    runs = P.conj_places(text, places)
    assert [[p.name for p in r] for r in runs] == [["Homs", "Idlib", "Aleppo"]]


def test_the_reader_stays_linear_on_degenerate_text(extractor):
    # thousands of places or tolls in one "sentence": the reader finishes and finds at
    # most one incident (speed itself is measured in benchmarks/, not here)
    for text in [("in Orsk and " * 1500) + "shells hit a school.",
                 ("killing 4 people in Orsk, and " * 500) + "x.",
                 "Orsk’s " * 2000 + "market was hit."]:
        x = run(extractor, text)
        assert len(x.attacks) <= 1


# --- one sentence, several attacks: each its own node, its own place, no town as a party -----

def test_raids_on_two_towns_in_one_sentence_are_two_attack_nodes(extractor):
    from kg.namespaces import EKG, RDF
    from kg.rdf import extraction_graph
    from kg.resolve import resolve_article

    x = run(extractor, "Brastovian aircraft dropped cluster bombs in two separate raids on the "
                       "towns of Varnek and Toldi on Tuesday, killing 11 civilians, a rights "
                       "group said.\n\nThe Toldi strike killed at least eight, the group said.\n")
    resolve_article(x)
    assert placed(x) == ["Toldi", "Varnek"]
    assert len({a.key for a in x.attacks}) == 2
    g = extraction_graph(x)
    nodes = list(g.subjects(RDF.type, EKG.Attack))
    assert len(nodes) == 2
    assert all(len(list(g.objects(n, EKG.location))) == 1 for n in nodes)
    for a in x.attacks:      # "the Toldi strike": Toldi is where, not who
        assert "Toldi" not in [p.name for p in a.perpetrators]
    assert all("Toldi" not in [p.name for p in c.accused] for c in x.claims)
