"""kg.extract.dates: temporal expressions found and resolved against the publication date.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from kg.extract.dates import DateMention, find_dates
from kg.model import DateRef, PartialDate, Span

WED = PartialDate(2016, 3, 2)        # a Wednesday
D = date


def only(text, pub=WED, **kwargs) -> DateMention:
    found = find_dates(text, pub, **kwargs)
    assert len(found) == 1, [(m.span.text(text), m.ref) for m in found]
    return found[0]


def resolved(text, pub=WED):
    m = only(text, pub)
    return m.span.text(text), m.ref.earliest, m.ref.latest, m.ref.precision


@pytest.mark.parametrize("text, words, first, last, precision", [
    # weekdays: the most recent such day on or before publication
    ("Shelling hit the ward on Sunday, staff said.", "on Sunday", D(2016, 2, 28), None, "day"),
    ("The ministry said Thursday that the convoy was hit.", "Thursday", D(2016, 2, 25), None,
     "day"),
    ("Drones struck the depot on Friday morning.", "on Friday morning", D(2016, 2, 26), None,
     "day"),
    ("The camp was hit late on Friday night.", "late on Friday night", D(2016, 2, 26), None,
     "day"),
    ("A mortar landed on Tuesday night near the school.", "on Tuesday night", D(2016, 3, 1),
     None, "day"),
    ("Officials met on Wednesday to count the dead.", "on Wednesday", D(2016, 3, 2), None, "day"),
    ("Rockets fell in the early hours of Sunday.", "in the early hours of Sunday",
     D(2016, 2, 28), None, "day"),
    ("Gunmen raided the clinic last Friday.", "last Friday", D(2016, 2, 26), None, "day"),
    ("The bridge was bombed on Friday last week.", "on Friday last week", D(2016, 2, 26), None,
     "day"),
    ("It was shelled on Monday of last week.", "on Monday of last week", D(2016, 2, 22), None,
     "day"),
    ("Talks resume next Monday in Geneva.", "next Monday", D(2016, 3, 7), None, "day"),
    ("Witnesses to Saturday's raid spoke to us.", "Saturday", D(2016, 2, 27), None, "day"),
    # days relative to publication
    ("Shells fell on the market last night.", "last night", D(2016, 3, 1), None, "day"),
    ("Aircraft struck the hospital overnight.", "overnight", D(2016, 3, 1), D(2016, 3, 2),
     "range"),
    ("The governor said yesterday that 12 died.", "yesterday", D(2016, 3, 1), None, "day"),
    ("The army said today that it hit no clinic.", "today", D(2016, 3, 2), None, "day"),
    ("Earlier today, residents fled the district.", "Earlier today", D(2016, 3, 2), None, "day"),
    ("It happened the day before yesterday.", "the day before yesterday", D(2016, 2, 29), None,
     "day"),
    ("Two schools were damaged in the past 24 hours.", "in the past 24 hours", D(2016, 3, 1),
     D(2016, 3, 2), "range"),
    ("The convoy was stopped three days ago.", "three days ago", D(2016, 2, 28), None, "day"),
    ("The report came out two weeks ago.", "two weeks ago", D(2016, 2, 14), D(2016, 2, 20),
     "range"),
    # days and months
    ("On February 15, shells hit two clinics.", "On February 15", D(2016, 2, 15), None, "day"),
    ("The attack of February 15, 2016 killed nine.", "February 15, 2016", D(2016, 2, 15), None,
     "day"),
    ("The attack of 15 February 2016 killed nine.", "15 February 2016", D(2016, 2, 15), None,
     "day"),
    ("It was hit on Feb. 15 by two missiles.", "on Feb. 15", D(2016, 2, 15), None, "day"),
    ("The blast on Oct. 17 destroyed the ward.", "on Oct. 17", D(2015, 10, 17), None, "day"),
    ("The attack on November 29th hit a market.", "on November 29th", D(2015, 11, 29), None,
     "day"),
    ("Taken in Homs on November 03, 2015.", "on November 03, 2015", D(2015, 11, 3), None, "day"),
    ("Clashes began on 30 September near the port.", "on 30 September", D(2015, 9, 30), None,
     "day"),
    ("The siege ended on the 3rd of May.", "on the 3rd of May", D(2015, 5, 3), None, "day"),
    ("Incident date: 2015-11-03 (local time).", "2015-11-03", D(2015, 11, 3), None, "day"),
    ("Sunday, February 28 was the worst day.", "Sunday, February 28", D(2016, 2, 28), None,
     "day"),
    ("Posted Thu 24 Dec 2015 13:15 GMT.", "Thu 24 Dec 2015", D(2015, 12, 24), None, "day"),
    ("A shell hit the school on February 15 last year.", "on February 15 last year",
     D(2015, 2, 15), None, "day"),
    ("The leap-day raid on February 29 killed two.", "on February 29", D(2016, 2, 29), None,
     "day"),
    # weeks, months, years
    ("Four camps were shelled last week.", "last week", D(2016, 2, 22), D(2016, 2, 28),
     "range"),
    ("Earlier this week, the UN called for a truce.", "Earlier this week", D(2016, 2, 29),
     D(2016, 3, 1), "range"),
    ("The depot was hit at the weekend.", "at the weekend", D(2016, 2, 27), D(2016, 2, 28),
     "range"),
    ("The minister warned last month that strikes must stop.", "last month", D(2016, 2, 1),
     D(2016, 2, 29), "month"),
    ("Strikes on clinics have doubled this month.", "this month", D(2016, 3, 1), D(2016, 3, 31),
     "month"),
    ("Earlier this month, a convoy was looted.", "Earlier this month", D(2016, 3, 1),
     D(2016, 3, 1), "day"),
    ("The group said last year that it would stop.", "last year", D(2015, 1, 1), D(2015, 12, 31),
     "year"),
    ("A similar raid occurred in 2004 in Falluja.", "in 2004", D(2004, 1, 1), D(2004, 12, 31),
     "year"),
    ("Fighting flared in March 2015 around the airport.", "in March 2015", D(2015, 3, 1),
     D(2015, 3, 31), "month"),
    ("The offensive began in May.", "in May", D(2015, 5, 1), D(2015, 5, 31), "month"),
    ("The war erupted in mid-December 2013.", "in mid-December 2013", D(2013, 12, 11),
     D(2013, 12, 20), "range"),
    ("Aid stopped in early 2015.", "in early 2015", D(2015, 1, 1), D(2015, 4, 30), "range"),
    ("The truce collapsed late last year.", "late last year", D(2015, 9, 1), D(2015, 12, 31),
     "range"),
    ("Supplies ran out by the end of January.", "the end of January", D(2016, 1, 21),
     D(2016, 1, 31), "range"),
    ("Mass graves from the 1990s were found.", "the 1990s", D(1990, 1, 1), D(1999, 12, 31),
     "range"),
    # ranges
    ("Eight hospitals were hit since September 30 last year.", "since September 30 last year",
     D(2015, 9, 30), D(2016, 3, 2), "range"),
    ("Since 30 September, 200 civilians have died.", "Since 30 September", D(2015, 9, 30),
     D(2016, 3, 2), "range"),
    ("Rebels have fought since 1972 for a homeland.", "since 1972", D(1972, 1, 1), D(2016, 3, 2),
     "range"),
    ("200 died between September 30th 2015 and November 29th 2015.",
     "between September 30th 2015 and November 29th 2015", D(2015, 9, 30), D(2015, 11, 29),
     "range"),
    ("200 died between 30 September and 29 November 2015.",
     "between 30 September and 29 November 2015", D(2015, 9, 30), D(2015, 11, 29), "range"),
    ("Sieges lasted from March to May.", "from March to May", D(2015, 3, 1), D(2015, 5, 31),
     "range"),
    ("The camp was cut off from 2014 to 2016.", "from 2014 to 2016", D(2014, 1, 1),
     D(2016, 12, 31), "range"),
    ("Raids took place on 15-17 February.", "on 15-17 February", D(2016, 2, 15), D(2016, 2, 17),
     "range"),
    ("Raids took place between 15 and 17 February.", "between 15 and 17 February",
     D(2016, 2, 15), D(2016, 2, 17), "range"),
    ("Casualties were counted up to November 29.", "up to November 29", None, D(2015, 11, 29),
     "range"),
])
def test_expressions_resolve(text, words, first, last, precision):
    assert resolved(text) == (words, first, last or first, precision)


def test_mention_fields_and_offsets():
    text = "Residents said the clinic was hit on Sunday; the army denied it on Monday."
    found = find_dates(text, WED)
    assert [m.span.text(text) for m in found] == ["on Sunday", "on Monday"]
    for m in found:
        assert isinstance(m.ref, DateRef) and m.ref.span == m.span and m.relative
        assert text[m.span.start:m.span.end] == m.span.text(text)
        assert m.ref.day == m.ref.earliest
    assert found[1].ref.earliest == D(2016, 2, 29)


def test_start_and_end_limit_the_search_and_offsets_stay_global():
    text = "On Monday the depot burned. On Tuesday the school was shelled."
    second = text.index("On Tuesday")
    m = only(text, start=second)
    assert m.span == Span(second, second + len("On Tuesday"))
    assert only(text, end=second).span.text(text) == "On Monday"


def test_absolute_dates_are_not_relative():
    assert not only("The strike of 15 February 2016 killed nine.").relative
    assert only("The strike on 15 February killed nine.").relative


def test_weekday_in_a_paper_of_that_day_is_that_day():
    sunday = PartialDate(2016, 2, 28)
    assert resolved("The ministry said on Sunday it was not involved.", sunday)[1] == D(2016, 2, 28)


def test_month_day_after_publication_is_last_year():
    pub = PartialDate(2016, 2, 10)
    assert resolved("The ceasefire of December 20 broke down.", pub)[1] == D(2015, 12, 20)
    assert resolved("The ceasefire of February 10 broke down.", pub)[1] == D(2016, 2, 10)
    assert resolved("The ceasefire of February 11 broke down.", pub)[1] == D(2015, 2, 11)


# ---- publication dates known to the month, the year, or not at all --------------------

DEC = PartialDate(2015, 12)


def test_month_only_publication_gives_ranges_for_weekdays():
    words, first, last, precision = resolved("Aircraft hit the market on Tuesday night.", DEC)
    assert (first, last, precision) == (D(2015, 12, 1), D(2015, 12, 29), "range")
    _, first, last, precision = resolved("The clinic was hit yesterday.", DEC)
    assert (first, last, precision) == (D(2015, 11, 30), D(2015, 12, 30), "range")


def test_month_only_publication_keeps_month_precision_where_it_can():
    assert resolved("The envoy warned last month.", DEC)[1:] == (
        D(2015, 11, 1), D(2015, 11, 30), "month")
    assert resolved("The envoy warned this month.", DEC)[1:] == (
        D(2015, 12, 1), D(2015, 12, 31), "month")
    assert resolved("The raid on December 20 killed four.", DEC)[1:] == (
        D(2015, 12, 20), D(2015, 12, 20), "day")
    assert resolved("The raid on November 29 killed 49.", DEC)[1:] == (
        D(2015, 11, 29), D(2015, 11, 29), "day")
    assert resolved("Strikes resumed last year.", DEC)[1:] == (
        D(2014, 1, 1), D(2014, 12, 31), "year")


def test_since_with_month_only_publication_runs_to_the_end_of_the_month():
    assert resolved("Since September 30 last year, 8 clinics were hit.", PartialDate(2016, 3)
                    )[1:] == (D(2015, 9, 30), D(2016, 3, 31), "range")


def test_year_only_publication():
    pub = PartialDate(2015)
    assert resolved("Shelling on 3 May killed two.", pub)[1] == D(2015, 5, 3)
    assert resolved("Strikes resumed last year.", pub)[1:] == (
        D(2014, 1, 1), D(2014, 12, 31), "year")


def test_without_publication_date_only_dated_expressions():
    text = ("On Sunday and on 3 May, and on 4 June 2016 and in 2004, shells fell; "
            "the rebels have fought since 1972.")
    found = find_dates(text, None)
    assert [m.span.text(text) for m in found] == ["on 4 June 2016", "in 2004", "since 1972"]
    assert (found[2].ref.earliest, found[2].ref.latest) == (D(1972, 1, 1), None)


def test_datetime_date_is_accepted_as_publication_date():
    assert resolved("It was hit on Sunday.", D(2016, 3, 2))[1] == D(2016, 2, 28)


# ---- what is not a date ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The statement was posted at 1:15 pm local time.",
    "A boy aged 16 was among the wounded.",
    "Such attacks may amount to war crimes.",
    "Protesters march on the capital every week.",
    "March on the capital, the leaflets urged.",
    "May God protect them, the nurse said.",
    "Theresa May said Britain would respond.",
    "Johnson and May discussed the strikes.",
    "Reporter April Ryan asked about the raid.",
    "The Mail on Sunday can reveal the dossier.",
    "The Sunday Times reported the claims.",
    "It was signed on Good Friday.",
    "Worshippers gathered for Friday prayers.",
    "It was a normal Sunday in the market.",
    "The clinic opens every Friday.",
    "USA Today reported the figures.",
    "The 14-month conflict has displaced thousands.",
    "Five years of war have emptied the town.",
    "The area covers 100 square kilometres.",
    "About 2000 people sheltered in the school.",
    "Resolution 2254 calls for a ceasefire.",
    "The group received $2015 in donations.",
    "Turnout rose by 20 per cent.",
    "Since then, the clinic has been closed.",
    "The ratio was 3.5 to 1.",
])
def test_not_a_date(text):
    assert find_dates(text, WED) == []


def test_time_after_a_date_is_not_part_of_it():
    text = "December 24, 2015 1:15 pm"
    assert only(text).span.text(text) == "December 24, 2015"


def test_impossible_dates_are_dropped():
    assert find_dates("It happened on 30 February.", WED) == []
    assert find_dates("It happened on 31 April 2015.", WED) == []


def test_future_since_is_dropped():
    assert find_dates("Fighting has raged since April 2023.", PartialDate(2016, 1, 5)) == []


def test_many_dates_in_one_paragraph_are_in_text_order():
    text = ("The strike on Tuesday followed raids on 28 February and last week; since "
            "January, 40 people have died, the group said today.")
    words = [m.span.text(text) for m in find_dates(text, WED)]
    assert words == ["on Tuesday", "on 28 February", "last week", "since January", "today"]


def test_fast_enough_for_every_sentence():
    sentences = [
        "The ministry said on Tuesday that 14 people were killed in the strike.",
        "Aid workers said the convoy had been stopped twice since February 3.",
        "There was no immediate comment from the army, which denies targeting civilians.",
        "Residents said the market was crowded when the shells landed.",
    ] * 250
    begin = time.perf_counter()
    for s in sentences:
        find_dates(s, WED)
    assert time.perf_counter() - begin < 1.0    # about 0.05 s on a laptop
