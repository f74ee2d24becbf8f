"""kg.extract.numbers: casualty figures with their qualifiers, children and women.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import time

import pytest

from kg.extract.numbers import FigureMention, find_figures, parse_number
from kg.model import Figure, Span


def figures(text):
    return [(m.span.text(text), m.casualty, m.figure.count, m.figure.qualifier, m.figure.upper)
            for m in find_figures(text)]


@pytest.mark.parametrize("text, expected", [
    # a casualty word after the number
    ("Officials said 212 people were killed in the raid.",
     [("212 people were killed", "killed", 212, "exact", None)]),
    ("One child perished and 14 others were wounded, the clinic said.",
     [("One child perished", "killed", 1, "exact", None),
      ("14 others were wounded", "injured", 14, "exact", None)]),
    ("Eleven Yemenis were killed and four wounded near the port.",
     [("Eleven Yemenis were killed", "killed", 11, "exact", None),
      ("four wounded", "injured", 4, "exact", None)]),
    ("Nine villagers died and 22 others were badly injured after the blast.",
     [("Nine villagers died", "killed", 9, "exact", None),
      ("22 others were badly injured", "injured", 22, "exact", None)]),
    ("Rebels say 73 killed in government air raid on Dara market.",
     [("73 killed", "killed", 73, "exact", None)]),
    ("Rescuers pulled 31 bodies from the rubble and 90 people injured were taken away.",
     [("31 bodies", "killed", 31, "exact", None),
      ("90 people injured", "injured", 90, "exact", None)]),
    ("Medics found at least 8 dead bodies in the basement.",
     [("at least 8 dead bodies", "killed", 8, "at_least", None)]),
    ("The strike left 18 people dead and more than 50 hurt.",
     [("18 people dead", "killed", 18, "exact", None),
      ("more than 50 hurt", "injured", 50, "more_than", None)]),
    ("Fourteen Bosnian civilians lost their lives in the shelling.",
     [("Fourteen Bosnian civilians lost their lives", "killed", 14, "exact", None)]),
    ("Up to 35 pilgrims are feared dead after the bombing.",
     [("Up to 35 pilgrims are feared dead", "killed", 35, "at_most", 35)]),
    ("Some 120 miners were later confirmed by the Red Cross as having been killed.",
     [("Some 120 miners were later confirmed by the Red Cross as having been killed",
       "killed", 120, "approximately", None)]),
    ("The ministry said 17 deaths and 40 injuries were recorded.",
     [("17 deaths", "killed", 17, "exact", None), ("40 injuries", "injured", 40, "exact", None)]),
    # a casualty word before the number
    ("The missile hit a bus, killing 27 passengers, most of them pilgrims, and injuring "
     "more than 80 others.",
     [("killing 27 passengers", "killed", 27, "exact", None),
      ("injuring more than 80 others", "injured", 80, "more_than", None)]),
    ("Militia fighters gunned down 11 farmers and wounded another 30.",
     [("gunned down 11 farmers", "killed", 11, "exact", None),
      ("wounded another 30", "injured", 30, "exact", None)]),
    ("The air raid killed at least 23 people and injured 64 in the camp.",
     [("killed at least 23 people", "killed", 23, "at_least", None),
      ("injured 64", "injured", 64, "exact", None)]),
    ("The blast claimed the lives of 41 worshippers.",
     [("the lives of 41 worshippers", "killed", 41, "exact", None)]),
    ("The bombing claimed 41 lives, the governor said.",
     [("41 lives", "killed", 41, "exact", None)]),
    ("In all, 41 lives were lost in the bombing.",
     [("41 lives were lost", "killed", 41, "exact", None)]),
    ("Surgeons saved 41 lives after the bombing.", []),
    ("Health officials put the death toll at 96 on Sunday.",
     [("death toll at 96", "killed", 96, "exact", None)]),
    ("The death toll from the quarry strike rose to 130 killed.",
     [("death toll from the quarry strike rose to 130 killed", "killed", 130, "exact", None)]),
    ("The number of dead has reached 64.",
     [("number of dead has reached 64", "killed", 64, "exact", None)]),
    ("Investigators exhumed the bodies of 19 men near the river.",
     [("the bodies of 19 men", "killed", 19, "exact", None)]),
    # figures joined by "and" to one that has its word
    ("The shelling killed 30 civilians and 4 policemen.",
     [("killed 30 civilians", "killed", 30, "exact", None),
      ("4 policemen", "killed", 4, "exact", None)]),
    # the object of a verb: wounded people, not sixty who wounded people
    ("Medics said they had treated 60 wounded people.",
     [("60 wounded", "injured", 60, "exact", None)]),
    # casualties of unclear kind
    ("Hospitals reported 64 casualties after the raid.",
     [("64 casualties", None, 64, "exact", None)]),
    ("The raid left 25 dead and wounded, medics said.",
     [("25 dead and wounded", None, 25, "exact", None)]),
    ("Gunmen killed and wounded 19 people at the checkpoint.",
     [("killed and wounded 19 people", None, 19, "exact", None)]),
    # a relative clause between the count and the word
    ("Officials named the at least 35 persons who have died in the camp.",
     [("at least 35 persons who have died", "killed", 35, "at_least", None)]),
    ("In the area, 11 people, whose names remain in dispute, were killed.",
     [("11 people, whose names remain in dispute, were killed", "killed", 11, "exact", None)]),
    # a second toll after an aside and a place, joined by "and"
    ("Soldiers opened fire, killing 44 people, including 20 children, in Velbo, and 179 "
     "people, including 36 children, in nearby Orsk.",
     [("killing 44 people", "killed", 44, "exact", None),
      ("179 people", "killed", 179, "exact", None)]),
])
def test_casualty_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("phrase, count, qualifier, upper", [
    ("at least 40", 40, "at_least", None), ("no fewer than 40", 40, "at_least", None),
    ("more than 40", 40, "more_than", None), ("over 40", 40, "more_than", None),
    ("upwards of 40", 40, "more_than", None), ("in excess of 40", 40, "more_than", None),
    ("nearly 40", 40, "approximately", None), ("almost 40", 40, "approximately", None),
    ("about 40", 40, "approximately", None), ("around 40", 40, "approximately", None),
    ("some 40", 40, "approximately", None), ("roughly 40", 40, "approximately", None),
    ("an estimated 40", 40, "approximately", None), ("40-odd", 40, "approximately", None),
    ("up to 40", 40, "at_most", 40), ("as many as 40", 40, "at_most", 40),
    ("no more than 40", 40, "at_most", 40), ("40 or more", 40, "at_least", None),
    ("40+", 40, "at_least", None), ("between 40 and 55", 40, "between", 55),
    ("40 to 55", 40, "between", 55), ("40-55", 40, "between", 55), ("40–55", 40, "between", 55),
    ("from 40 to 55", 40, "between", 55), ("40 or even 55", 40, "between", 55),
    ("at least 40 and as many as 55", 40, "between", 55),
    ("at least 40, and possibly as many as 55", 40, "between", 55),
    ("a dozen", 12, "approximately", None), ("two dozen", 24, "approximately", None),
    ("half a dozen", 6, "approximately", None), ("Forty", 40, "exact", None),
    ("forty-two", 42, "exact", None), ("Forty two", 42, "exact", None),
    ("one hundred and twelve", 112, "exact", None), ("two hundred", 200, "exact", None),
    ("a hundred", 100, "exact", None), ("three thousand", 3000, "exact", None),
    ("1,400", 1400, "exact", None), ("between six and eight thousand", 6000, "between", 8000),
])
def test_numbers_and_qualifiers(phrase, count, qualifier, upper):
    text = f"The raid killed {phrase} people, the monitor said."
    [m] = find_figures(text)
    assert (m.figure.count, m.figure.qualifier, m.figure.upper) == (count, qualifier, upper)
    assert m.number.text(text) == phrase
    assert m.casualty == "killed"


def test_children_and_women():
    text = "At least 52 people, including 17 children and nine women, were killed."
    [m] = find_figures(text)
    assert (m.figure.count, m.figure.children, m.figure.women) == (52, 17, 9)
    assert m.span.text(text) == text[:-1]

    text = "There were 300 villagers killed, of whom 120 were children and 85 women."
    [m] = find_figures(text)
    assert (m.figure.count, m.figure.children, m.figure.women) == (300, 120, 85)

    text = "The drone strike killed 14, among them six children."
    [m] = find_figures(text)
    assert (m.figure.count, m.figure.children) == (14, 6)

    text = "The barrel bomb killed 22 people, eight of them children, in the souk."
    [m] = find_figures(text)
    assert (m.figure.count, m.figure.children) == (22, 8)

    text = "Nine schoolchildren were killed and three women injured."
    first, second = find_figures(text)
    assert (first.figure.count, first.figure.children) == (9, 9)
    assert (second.figure.count, second.figure.women, second.casualty) == (3, 3, "injured")

    text = "It killed 40 people, most of them children."
    [m] = find_figures(text)
    assert m.figure.children is None            # "most of them": no number


def test_mention_shape_and_offsets():
    text = "Witnesses said the airstrike killed 37 people in the crowded bazaar."
    [m] = find_figures(text)
    assert isinstance(m, FigureMention) and isinstance(m.figure, Figure)
    assert m.span == Span(text.index("killed"), text.index(" in the"))
    assert m.figure.span == m.span
    assert m.number.text(text) == "37"


def test_start_and_end_limit_the_search_and_offsets_stay_global():
    text = "Six people died in Ramadi. In Hit, 14 people were wounded."
    second = text.index("In Hit")
    [m] = find_figures(text, start=second)
    assert m.span.start > second and m.span.text(text) == "14 people were wounded"
    assert [x.figure.count for x in find_figures(text, end=second)] == [6]


@pytest.mark.parametrize("text", [
    # vague quantities
    "Dozens were killed when the market was hit.",
    "The strikes have killed hundreds of civilians.",
    "Scores were wounded in the stampede.",
    "Thousands of people have died since the war began.",
    "Tens of thousands of civilians were killed, the UN says.",
    # years, dates, times
    "In 2014, the group killed civilians in the north.",
    "The 2016 offensive killed civilians, the report says.",
    "He was killed on 12 March near the border.",
    "She was killed on March 12 near the border.",
    "Shells hit at 11:45 and killed a guard.",
    # ages, durations, quantities
    "A boy aged 12 was killed by the blast.",
    "A 12-year-old was killed by the blast.",
    "The 14-month siege killed civilians every week.",
    "Five years of fighting have killed civilians.",
    "The 30-strong unit was killed or captured.",
    "The ten-man patrol came under fire and was wounded.",
    "Troops killed in an area of 100 square kilometres.",
    "The clashes killed civilians within 3 km of the camp.",
    "Prices rose 40 per cent after the killings.",
    "The killed soldiers' families got $5,000 each.",
    "They were killed by F-16 jets.",
    # parts of a group, pronouns
    "Twelve of the dead were children.",
    "Seven of whom were killed were nurses.",
    "It was one of the deadliest attacks on a clinic.",
    "No one was killed in the second strike.",
    # numbers that count something else
    "The group said 248 houses were destroyed, not that anyone was killed.",
    "Between 50 and 75 patients stayed in the ward after the killings.",
    "The shelling destroyed 3 of the 5 wells; nobody died.",
    "It was the 3rd attack this month; two guards were hurt.",
])
def test_not_a_casualty_figure(text):
    found = figures(text)
    if "two guards were hurt" in text:
        assert found == [("two guards were hurt", "injured", 2, "exact", None)]
    else:
        assert found == []


def test_figures_do_not_run_across_lines():
    text = "The convoy attack killed 9 drivers\n\nOfficials blamed the militia."
    [m] = find_figures(text)
    assert m.span.text(text) == "killed 9 drivers"


def test_parse_number():
    assert parse_number("Seventy-three") == 73
    assert parse_number("1,250") == 1250
    assert parse_number("two thousand five hundred") == 2500
    with pytest.raises(ValueError):
        parse_number("several")


def test_fast_enough_for_every_sentence():
    sentences = [
        "The ministry said on Tuesday that 14 people were killed in the strike.",
        "At least 39 people, including four children, were killed, officials said.",
        "There was no immediate comment from the army, which denies targeting civilians.",
        "Residents said the market was crowded when the shells landed.",
    ] * 250
    begin = time.perf_counter()
    for s in sentences:
        find_figures(s)
    assert time.perf_counter() - begin < 1.0    # about 0.03 s on a laptop


@pytest.mark.parametrize("text, expected", [
    ("Two air strikes killed 30 people in the town.", [("killed 30 people", 30)]),
    ("Three gunmen killed a guard at the gate.", []),
    ("Four soldiers killed two civilians at a checkpoint.", [("killed two civilians", 2)]),
    ("Four soldiers were killed at a checkpoint.", [("Four soldiers were killed", 4)]),
    ("Four soldiers killed in an ambush were buried today.", [("Four soldiers killed", 4)]),
])
def test_a_number_of_attackers_or_weapons_is_not_a_toll(text, expected):
    assert [(m.span.text(text), m.figure.count) for m in find_figures(text)] == expected
