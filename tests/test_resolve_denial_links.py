"""Which allegations a denial rejects, on claims built by hand (`kg.resolve.links`).

The claims here are `kg.model` objects with their keys already set, as `kg.resolve` leaves
them before linking, so these tests hold whatever the extractor reads. Every sentence was
written for these tests (invented states, places and people); none is copied from the
development articles.
"""

from __future__ import annotations

from kg.model import AgentRef, Article, Attack, Claim, Extraction, Span
from kg.resolve.links import link_denials

KORDANIA = AgentRef("Kordania", kind="government", key="kordania", label="Kordania")
ARMY = AgentRef("the Kordanian army", kind="military", key="kordanian army",
                speaks_for=KORDANIA)
VELAN = AgentRef("Velan", kind="government", key="velan")
MINISTRY = AgentRef("the Velan health ministry", kind="government", key="velan health ministry",
                    speaks_for=VELAN)
MONITOR = AgentRef("the Orlan Monitor", kind="ngo", key="orlan monitor")
CHARITY = AgentRef("Health Without Frontiers", kind="ngo", key="health without frontiers")
AGENCY = AgentRef("the Tarsk News Agency", kind="media", key="tarsk news agency")
LEAGUE = AgentRef("the Lisk League", kind="intergovernmental", key="lisk league")
RIVAL = AgentRef("the Free Velan Brigade", kind="armed_group", key="free velan brigade")


def article(sentences: list[str], claims: list[tuple], n_attacks: int = 1) -> Extraction:
    """An extraction of *sentences* (one paragraph each) with the claims described by
    *claims* (kind, sentence, words, source, accused, attacks, extra fields), linked."""
    text, starts = "", []
    for s in sentences:
        starts.append(len(text))
        text += s + "\n\n"
    x = Extraction(article=Article(text=text, path="test.txt"))
    x.attacks = [Attack(span=Span(starts[0], starts[0] + len(sentences[0])))
                 for _ in range(n_attacks)]
    for kind, k, words, source, accused, attacks, *more in claims:
        start = text.index(words, starts[k])
        c = Claim(kind=kind, span=Span(start, start + len(words)), source=source,
                  accused=list(accused), attacks=list(attacks), sentence=k, paragraph=k,
                  denial_kind="categorical" if kind == "denial" else None)
        for name, value in (more[0] if more else {}).items():
            setattr(c, name, value)
        x.claims.append(c)
    x.claims.sort(key=lambda c: c.span.start)
    link_denials(x)
    return x


def denied(x: Extraction, words: str) -> list[str]:
    (d,) = [c for c in x.claims if c.kind == "denial" and words in c.span.text(x.article.text)]
    return sorted(x.claims[i].span.text(x.article.text) for i in d.denies)


def test_a_denial_answers_the_accusation_of_its_own_sentence():
    x = article(["Velan officials said Kordanian jets bombed the Tavi camp on Monday.",
                 "The Orlan Monitor accused the Kordanian army of shelling the camp, claims "
                 "that were rejected by the army."],
                [("allegation", 0, "Kordanian jets bombed the Tavi camp", VELAN, [KORDANIA],
                  [0]),
                 ("allegation", 1, "accused the Kordanian army of shelling the camp", MONITOR,
                  [ARMY], [0]),
                 ("denial", 1, "claims that were rejected by the army", ARMY, [ARMY], [0])])
    assert denied(x, "rejected by the army") == [
        "accused the Kordanian army of shelling the camp"]


def test_without_an_accusation_in_its_sentence_a_denial_answers_every_one_against_it():
    x = article(["Velan officials said Kordanian jets bombed the Tavi camp on Monday.",
                 "The Orlan Monitor accused the Kordanian army of shelling the camp.",
                 "The army rejected the claims."],
                [("allegation", 0, "Kordanian jets bombed the Tavi camp", VELAN, [KORDANIA],
                  [0]),
                 ("allegation", 1, "accused the Kordanian army of shelling the camp", MONITOR,
                  [ARMY], [0]),
                 ("denial", 2, "rejected the claims", ARMY, [ARMY], [0])])
    assert denied(x, "rejected the claims") == [
        "Kordanian jets bombed the Tavi camp", "accused the Kordanian army of shelling the camp"]


def test_rejecting_a_source_s_accusations_about_a_topic_answers_the_ones_it_names():
    x = article(["The Orlan Monitor said Kordanian jets killed 30 civilians in Tavi.",
                 "It said Kordanian strikes may amount to war crimes.",
                 "The army also rejected the Orlan Monitor's accusations about incendiary "
                 "weapons."],
                [("allegation", 0, "Kordanian jets killed 30 civilians in Tavi", MONITOR,
                  [KORDANIA], [0]),
                 ("allegation", 1, "Kordanian strikes may amount to war crimes", MONITOR,
                  [KORDANIA], []),
                 ("allegation", 2, "the Orlan Monitor's accusations about incendiary weapons",
                  MONITOR, [], []),
                 ("denial", 2, "also rejected the Orlan Monitor's accusations", ARMY, [ARMY], [],
                  {"rebuts": [MONITOR], "denial_kind": "dismissal"})])
    assert denied(x, "also rejected") == [
        "the Orlan Monitor's accusations about incendiary weapons"]


def test_a_denial_that_goes_on_answers_what_the_speaker_answered_just_before():
    x = article(["The Orlan Monitor said Kordanian jets killed 30 civilians in Tavi.",
                 "Velan officials said Kordanian drones hit a school in Tavi, an accusation "
                 "the army denied.",
                 "The army said its forces only strike military targets."],
                [("allegation", 0, "Kordanian jets killed 30 civilians in Tavi", MONITOR,
                  [KORDANIA], [0]),
                 ("allegation", 1, "Kordanian drones hit a school in Tavi", VELAN, [KORDANIA],
                  [0]),
                 ("denial", 1, "an accusation the army denied", ARMY, [ARMY], [0]),
                 ("denial", 2, "its forces only strike military targets", ARMY, [ARMY], [0],
                  {"denial_kind": "protected_status"})])
    assert denied(x, "an accusation the army denied") == ["Kordanian drones hit a school in Tavi"]
    assert denied(x, "only strike military targets") == ["Kordanian drones hit a school in Tavi"]


def test_another_speaker_s_denial_does_not_go_on_from_it():
    x = article(["The Orlan Monitor said Kordanian jets killed 30 civilians in Tavi.",
                 "Velan officials said Kordanian drones hit a school in Tavi, an accusation "
                 "the army denied.",
                 "Kordania said its forces only strike military targets."],
                [("allegation", 0, "Kordanian jets killed 30 civilians in Tavi", MONITOR,
                  [KORDANIA], [0]),
                 ("allegation", 1, "Kordanian drones hit a school in Tavi", VELAN, [KORDANIA],
                  [0]),
                 ("denial", 1, "an accusation the army denied", ARMY, [ARMY], [0]),
                 ("denial", 2, "its forces only strike military targets", KORDANIA, [KORDANIA],
                  [0], {"denial_kind": "protected_status"})])
    assert denied(x, "only strike military targets") == [
        "Kordanian drones hit a school in Tavi", "Kordanian jets killed 30 civilians in Tavi"]


def test_the_accusers_own_reports_of_the_incident_are_answered_too():
    x = article(["The Velan health ministry said three paramedics were killed in Tavi.",
                 "It said Kordanian forces targeted the rescue team.",
                 "Health Without Frontiers said two ambulances were destroyed.",
                 "The Kordanian army said it struck fighters in Tavi."],
                [("allegation", 0, "three paramedics were killed in Tavi", MINISTRY, [], [0]),
                 ("allegation", 1, "Kordanian forces targeted the rescue team", MINISTRY,
                  [KORDANIA], [0]),
                 ("allegation", 2, "two ambulances were destroyed", CHARITY, [], [0]),
                 ("denial", 3, "it struck fighters in Tavi", ARMY, [ARMY], [0],
                  {"denial_kind": "protected_status"})])
    # the ministry blames Kordania for the incident, so its toll is part of the accusation;
    # the charity blames no one, and Kordania is already answering an accusation
    assert denied(x, "struck fighters") == [
        "Kordanian forces targeted the rescue team", "three paramedics were killed in Tavi"]


def test_a_rebutted_accuser_is_not_someone_else_blamed():
    # a news agency's sentence read as blaming the league (whose report the army disputes)
    # does not make the league a suspect: the army's denial answers the league's report
    x = article(["The Kordanian army disputed a Lisk League report on the strike in Tavi.",
                 "The Tarsk News Agency said the league interviewed 200 witnesses.",
                 "The league said 19 villagers were killed at a wedding in Tavi.",
                 "The army said the dead were fighters."],
                [("denial", 0, "disputed a Lisk League report", ARMY, [ARMY], [0],
                  {"rebuts": [LEAGUE], "denial_kind": "dismissal"}),
                 ("allegation", 1, "the league interviewed 200 witnesses", AGENCY, [LEAGUE],
                  [0]),
                 ("allegation", 2, "19 villagers were killed at a wedding in Tavi", LEAGUE, [],
                  [0]),
                 ("denial", 3, "the dead were fighters", ARMY, [ARMY], [0],
                  {"denial_kind": "protected_status"})])
    assert denied(x, "disputed a Lisk League report") == [
        "19 villagers were killed at a wedding in Tavi"]
    assert denied(x, "the dead were fighters") == [
        "19 villagers were killed at a wedding in Tavi"]


def test_when_another_party_is_blamed_the_reports_naming_no_one_are_not_answered():
    x = article(["The Kordanian army said it did not fire on Tavi.",
                 "Health Without Frontiers said the clinic in Tavi was shelled.",
                 "Residents said the Free Velan Brigade shelled the clinic."],
                [("denial", 0, "it did not fire on Tavi", ARMY, [ARMY], [0]),
                 ("allegation", 1, "the clinic in Tavi was shelled", CHARITY, [], [0]),
                 ("allegation", 2, "the Free Velan Brigade shelled the clinic", MONITOR,
                  [RIVAL], [0])])
    assert denied(x, "did not fire") == []


def test_a_denial_of_the_death_toll_answers_the_figures_given_before_it():
    x = article(["Velan officials said Kordanian jets struck the Tavi market on Sunday.",
                 "Health Without Frontiers said 212 people were killed at the market.",
                 "The Kordanian army disputed the death toll, saying the market hid a depot."],
                [("allegation", 0, "Kordanian jets struck the Tavi market", VELAN, [KORDANIA],
                  [0]),
                 ("allegation", 1, "212 people were killed at the market", CHARITY, [], [0]),
                 ("denial", 2, "disputed the death toll", ARMY, [ARMY], [0],
                  {"denial_kind": "protected_status"})])
    assert denied(x, "disputed the death toll") == [
        "212 people were killed at the market", "Kordanian jets struck the Tavi market"]


def test_a_denial_defending_no_one_accused_answers_the_allegations_sharing_its_words():
    reporter = AgentRef("Mara Lind", kind="person", key="mara lind")
    x = article(["The Kordanian army said a Velan mortar round hit the school shelter.",
                 "The Orlan Monitor said 30 people died in Varna on Monday.",
                 "No one Mara Lind spoke to believed a Velan mortar round hit the shelter."],
                [("allegation", 0, "a Velan mortar round hit the school shelter", ARMY,
                  [VELAN], [0]),
                 ("allegation", 1, "30 people died in Varna on Monday", MONITOR, [], [0]),
                 ("denial", 2, "No one Mara Lind spoke to believed a Velan mortar round hit",
                  reporter, [], [0])])
    assert denied(x, "No one Mara Lind") == ["a Velan mortar round hit the school shelter"]
