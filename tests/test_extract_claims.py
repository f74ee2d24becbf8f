"""Extraction of allegations and denials, one construction per test.

Every sentence here was written for these tests (invented places, people and figures, in the
style of wire copy); none is copied from the development articles.
"""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.model import Article, PartialDate
from kg.pipeline import analyse


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def run(extractor, text, published="2021-06-09", **meta):
    art = Article(text=text, path="test.txt", published=PartialDate.parse(published),
                  **meta)
    (x,) = list(analyse([art], extractor))
    return x


def quote(x, c):
    return x.article.text[c.span.start:c.span.end]


def only(x, kind):
    found = [c for c in x.claims if c.kind == kind and c.denial_kind != "non_denial"]
    assert len(found) == 1, [(c.kind, quote(x, c)) for c in x.claims]
    return found[0]


def test_indirect_speech_with_said(extractor):
    x = run(extractor, "The Norland Medical Union said government jets bombed the Saint Ilse "
                       "clinic in Varna on Monday, killing four nurses.\n")
    c = only(x, "allegation")
    assert c.source.label == "Norland Medical Union"
    assert "bombed the Saint Ilse clinic" in quote(x, c)
    assert c.attribution == "indirect"


def test_told_reporters(extractor):
    x = run(extractor, "A local doctor, Amira Haddou, told reporters that shells hit the "
                       "maternity ward of the Kesra hospital, wounding twelve patients.\n")
    c = only(x, "allegation")
    assert c.source.name == "Amira Haddou"
    assert c.source.kind == "witness" or c.source.kind == "person"


def test_according_to(extractor):
    x = run(extractor, "According to the Orlan Rights Monitor, militia fighters set fire to "
                       "a school in Tavi and killed three teachers.\n")
    c = only(x, "allegation")
    assert c.source.label == "Orlan Rights Monitor"
    assert "set fire to a school" in quote(x, c)


def test_accused_of_names_the_accused(extractor):
    x = run(extractor, "The opposition council accused the Brastovian army of shelling the "
                       "central market in Delo, where 19 civilians died.\n")
    c = only(x, "allegation")
    assert c.cue == "accuse"
    assert any("army" in (a.label or a.name).lower() for a in c.accused)


def test_quote_with_speaker_after(extractor):
    x = run(extractor, "“They fired rockets straight into the bakery queue,” said Tomas Ferro, "
                       "a resident of Lusk.\n")
    c = only(x, "allegation")
    assert c.attribution == "direct"
    assert c.source.name == "Tomas Ferro"
    assert quote(x, c).startswith("They fired rockets")


def test_quote_with_speaker_before_and_colon(extractor):
    x = run(extractor, "The camp manager, Ines Varga, said:\n\n“The drone hit the water point "
                       "where children were queueing.”\n")
    c = only(x, "allegation")
    assert c.source.name == "Ines Varga"
    assert "The drone hit the water point" in quote(x, c)


def test_in_a_report_said(extractor):
    x = run(extractor, "In a report published on Tuesday, Amnesty International said air "
                       "strikes on the town of Karso had destroyed two mosques.\n")
    c = only(x, "allegation")
    assert c.source.label == "Amnesty International"
    assert c.source.kind == "ngo"


def test_passive_alleged_to_is_unattributed(extractor):
    x = run(extractor, "Government aircraft are alleged to have bombed a convoy of aid trucks "
                       "near Palo.\n")
    c = only(x, "allegation")
    assert c.attribution == "unattributed"
    assert c.source.kind == "article"


@pytest.mark.parametrize("text, accused", [
    # the small model takes "have targeted" for an adjective of "hospitals"
    ("Brastovian and Kordanian aircraft are also alleged to have targeted hospitals in "
     "other areas of the country.\n", {"brastovian", "kordanian"}),
    ("Rebel fighters are said to have shelled homes near the river.\n", {"rebel"}),
])
def test_passive_report_blames_the_subject_of_the_report_verb(extractor, text, accused):
    x = run(extractor, text)
    c = only(x, "allegation")
    assert c.attribution == "unattributed"
    assert {a.label.lower() for a in c.accused} == accused


def test_parties_named_by_common_nouns_are_this_articles_own(extractor):
    a = run(extractor, "Rebel fighters shelled homes in Tavi on Monday, residents said.\n")
    b = run(extractor, "Rebel fighters shelled a school in Orsk on Friday, residents said.\n")
    (ca,), (cb,) = a.claims, b.claims
    # two papers' "residents" and "rebels" are not one source and one party...
    assert ca.source.key != cb.source.key and ca.accused[0].key != cb.accused[0].key
    assert ca.source.key.endswith(a.article.id) and ca.source.label == "residents"
    # ... while named parties are the same node wherever they are named
    c = run(extractor, "Kordanian jets bombed a market in Tavi, the Orlan Rights Monitor said.\n")
    d = run(extractor, "The Orlan Rights Monitor said Kordanian jets hit a school in Orsk.\n")
    assert c.claims[0].source.key == d.claims[0].source.key == "orlan rights monitor"


def test_amid_claims_that_is_unattributed(extractor):
    x = run(extractor, "Investigators arrived in the region amid claims that soldiers had "
                       "looted the hospital in Vrana.\n")
    c = only(x, "allegation")
    assert c.attribution == "unattributed"
    assert "looted the hospital" in quote(x, c)


def test_statement_in_the_articles_own_voice(extractor):
    x = run(extractor, "Dozens of families were left homeless after Kordan artillery shelled "
                       "the village of Mesk on Saturday, killing five children.\n",
            publisher="The Example Herald")
    c = only(x, "allegation")
    assert c.attribution == "article"
    assert c.source.name == "The Example Herald"


def test_speech_that_asserts_no_harm_is_no_claim(extractor):
    x = run(extractor, "The foreign minister said talks on a ceasefire would resume in Geneva "
                       "next week.\n")
    assert x.claims == []


def test_categorical_denial(extractor):
    x = run(extractor, "The defence ministry denied that its aircraft had struck the market in "
                       "Solt.\n")
    d = only(x, "denial")
    assert d.denial_kind == "categorical"


def test_dismissal_of_the_evidence(extractor):
    x = run(extractor, "Rights groups said Kordan troops shelled the Asta clinic.\n\n"
                       "The Kordan defence ministry dismissed the report as “lies and "
                       "fabrications”.\n")
    d = only(x, "denial")
    assert d.denial_kind == "dismissal"
    assert d.denies == [x.claims.index(only(x, "allegation"))]


def test_a_denial_with_nothing_to_deny_is_left_out(extractor):
    # the graph's shapes require a denial to deny an allegation or concern an attack
    x = run(extractor, "A ministry spokesman dismissed the report as “lies and fabrications”.\n")
    assert [c for c in x.claims if c.kind == "denial"] == []


def test_justification_that_denies_protected_status(extractor):
    x = run(extractor, "Residents said army jets bombed a school in Berra on Monday.\n\n"
                       "The army said its jets only struck terrorist targets in Berra and that "
                       "the building was a militant command post.\n")
    d = only(x, "denial")
    assert d.denial_kind == "protected_status"


def test_non_denial_is_recorded_but_is_not_a_denial(extractor):
    x = run(extractor, "A missile hit a bridge in Vell on Monday, killing two drivers, local "
                       "officials said.\n\nThe air force has neither confirmed nor denied "
                       "responsibility for the strike.\n")
    kinds = [(c.kind, c.denial_kind) for c in x.claims]
    assert ("denial", "non_denial") in kinds
    assert not [c for c in x.claims if c.kind == "denial" and c.denial_kind != "non_denial"]


def test_denial_by_a_spokesman_defends_the_body_and_the_state(extractor):
    x = run(extractor, "Rights groups said Kordan troops burned homes in Ulva.\n\n"
                       "Pavel Ostrin, a spokesman for the Kordan Defence Ministry, denied that "
                       "troops had burned any homes.\n")
    d = only(x, "denial")
    assert d.source.name == "Pavel Ostrin"
    assert d.source.speaks_for is not None
    assert "defence ministry" in d.source.speaks_for.key
    a = only(x, "allegation")
    assert x.claims.index(a) in d.denies


def test_pronoun_speaker_refers_back(extractor):
    x = run(extractor, "Lena Marsh, the head of the Children First charity, visited the camp on "
                       "Friday.\n\n“Three of our schools were hit by shellfire,” she said.\n")
    c = only(x, "allegation")
    assert c.source.name == "Lena Marsh"


def test_description_refers_back_to_a_named_body(extractor):
    x = run(extractor, "The Varna Legal Aid Centre documented the attack.\n\n"
                       "The group said police fired live rounds at a funeral, killing two "
                       "mourners.\n")
    c = only(x, "allegation")
    assert c.source.label == "Varna Legal Aid Centre"


def test_hedged_claim(extractor):
    x = run(extractor, "The observers said the strikes may amount to war crimes.\n")
    c = only(x, "allegation")
    assert c.hedged


def test_a_quotation_going_on_in_the_next_paragraph_is_one_claim(extractor):
    x = run(extractor, "The ministry said: “Soldiers shelled the clinic in Ardo.\n\n"
                       "“The shelling killed two doctors and a nurse.”\n")
    allegations = [c for c in x.claims if c.kind == "allegation"]
    assert len(allegations) == 1
    assert allegations[0].extra_spans


def test_a_paraphrase_and_a_later_quotation_are_two_claims(extractor):
    # the annotation conventions: one claim per sentence (or continuous quotation)
    x = run(extractor, "The ministry said soldiers had shelled the clinic in Ardo.\n\n"
                       "“The shelling killed two doctors,” it said.\n")
    allegations = [c for c in x.claims if c.kind == "allegation"]
    assert len(allegations) == 2
    assert {c.source.name for c in allegations} == {"ministry"}


def test_counter_attribution_is_also_a_denial(extractor):
    x = run(extractor, "Opposition medics blamed a Kordan air strike for the blast at the "
                       "hospital, while Kordan said it was caused by a misfired Ulvan rocket.\n")
    kinds = {(c.kind, c.denial_kind) for c in x.claims}
    assert ("denial", "counter_attribution") in kinds


@pytest.mark.parametrize("text", [
    "A Kordanian military source said the school in Tavi was hit by a stray rocket.\n",
    "An unnamed official said drones struck the camp in Tavi on Monday.\n",
    "Sources in the Kordanian defence ministry said jets bombed the market in Tavi.\n",
])
def test_an_unnamed_source_is_anonymous_whoever_it_works_for(extractor, text):
    c = only(run(extractor, text), "allegation")
    assert c.source.kind == "anonymous"


def test_calling_an_attack_something_is_a_judgement_not_an_appeal(extractor):
    x = run(extractor, "A UN spokesman, Tomas Vell, called the attack on the school in Tavi "
                       "“shameful and unacceptable”. The Orlan Rights Monitor called on both "
                       "sides to spare the hospital in Tavi.\n")
    c = only(x, "allegation")
    assert c.source.name == "Tomas Vell"
    # the quotation that opens inside the evidence closes inside it
    assert quote(x, c).endswith("“shameful and unacceptable”")


def test_according_to_a_title_and_name_then_a_clause(extractor):
    # the small model reads the clause as a relative clause of the name
    x = run(extractor, "According to defence ministry official Omar Vell, all of those "
                       "killed in the July 4 bombing were civilians.\n")
    c = only(x, "allegation")
    assert c.source.name == "Omar Vell"
    assert quote(x, c) == "all of those killed in the July 4 bombing were civilians"


def test_it_after_rocket_fire_is_the_fire_not_a_body(extractor):
    x = run(extractor, "Kordanian shells hit a UN school in Tavi on Monday, killing 15 people, "
                       "the Brastovian health ministry said. A Kordanian military source told "
                       "reporters that Brastovian rocket fire had been detected in the area and "
                       "that it might have fallen short and hit the school.\n")
    answer = [c for c in x.claims if c.source.name.startswith("Kordanian")]
    assert any(c.kind == "denial" and c.denial_kind == "counter_attribution"
               for c in answer), [(c.kind, c.denial_kind) for c in answer]
    blamed = {a.key for c in answer if c.kind == "allegation" for a in c.accused}
    assert blamed == {"brastovian"}            # not the military source itself


def test_a_denial_joined_to_what_a_ministry_said_is_the_ministrys(extractor):
    x = run(extractor, "A Kordanian missile struck a maternity hospital in Tavi on Monday, "
                       "killing two nurses, the regional governor, Ilse Marno, said. Kordania's "
                       "defence ministry said its forces had struck a temporary deployment "
                       "point of Brastovian units in Tavi and denied hitting civilian "
                       "facilities.\n")
    denials = [c for c in x.claims if c.kind == "denial"]
    assert denials and all("defence ministry" in c.source.label.lower() for c in denials)
    # striking a military target is a denial of the target's protection
    assert "protected_status" in {c.denial_kind for c in denials}
    assert not quote(x, denials[0]).endswith(" and")
    assert not [c for c in x.claims if c.kind == "allegation" and
                "defence ministry" in c.source.label.lower()]


def test_misuse_of_a_hospital_is_a_denial_of_its_protection(extractor):
    x = run(extractor, "Medics said a Kordanian strike hit the Saint Ilse hospital in Tavi on "
                       "Monday, killing 12 people. Kordania says the Brastovian Front uses "
                       "hospitals as command centres, a claim the group denies.\n")
    c = only(x, "denial")
    assert c.denial_kind == "protected_status" and c.source.name.startswith("Kordania")
    # the remark after the comma is not part of what Kordania says, nor a denial of its own
    assert quote(x, c) == "the Brastovian Front uses hospitals as command centres"


def test_single_quotation_marks_close_inside_the_evidence(extractor):
    x = run(extractor, "Rights groups said Kordanian jets bombed a hospital in Tavi. The "
                       "Kordanian defence ministry dismissed the accusations as ‘lies’.\n")
    assert quote(x, only(x, "denial")).endswith("as ‘lies’")


def test_a_sentence_initial_descriptor_is_not_part_of_the_name(extractor):
    x = run(extractor, "Paramilitary Rapid Support Forces shelled the Saudi Hospital in Tavi on "
                       "Saturday, killing nine patients, the WHO said. An RSF commander said his "
                       "fighters had not fired on the building.\n")
    allegation, denial = only(x, "allegation"), only(x, "denial")
    assert [a.key for a in allegation.accused] == ["rapid support forces"]
    # "his fighters" are the commander's side: the denial defends the RSF, and answers
    assert [a.key for a in denial.accused] == ["rapid support forces"]
    assert denial.denies == [x.claims.index(allegation)]


def test_a_spokesman_of_no_named_body_speaks_for_the_body_that_just_spoke(extractor):
    x = run(extractor, "Witnesses said troops burned the clinic in Tavi. The Kordanian army "
                       "said its troops had been ambushed by rebels. A spokesman, Major General "
                       "Omar Vell, said the rebels had used villagers as human shields.\n")
    c = only(x, "denial")
    assert c.source.name == "Omar Vell" and c.source.speaks_for.name == "Kordanian army"
    # the other side's human shields, offered as the reason: the target was not protected
    assert c.denial_kind == "protected_status"


def test_an_accusation_joined_to_what_the_speaker_said_is_the_speakers(extractor):
    x = run(extractor, "Witnesses said Kordanian jets bombed a school in Tavi on Friday. The "
                       "Kordanian army spokesman, Omar Vell, said troops had been fighting "
                       "rebels in the area and accused them of using villagers as human "
                       "shields.\n")
    accusation = [c for c in x.claims if "accused" in quote(x, c)]
    assert accusation and accusation[0].source.name == "Omar Vell"


def test_a_channel_airing_footage_of_the_dead_alleges_it(extractor):
    x = run(extractor, "Jets struck a school bus in Tavi on Thursday. Brastovian state "
                       "television aired footage of children killed in the attack. The ministry "
                       "published a video of the new hospital wing.\n")
    c = only(x, "allegation")
    assert c.source.name == "Brastovian state television" and c.source.kind == "media"
    assert quote(x, c) == "footage of children killed in the attack"


def test_a_weapon_the_tagger_calls_a_person_is_no_party(extractor):
    x = run(extractor, "Jets struck a school bus in Tavi on Thursday, witnesses said.\n")
    assert only(x, "allegation").accused == [] and one_attack_perpetrators(x) == []


def one_attack_perpetrators(x):
    assert len(x.attacks) == 1
    return x.attacks[0].perpetrators


def test_a_government_spokesperson_named_after_the_role_speaks_for_the_government(extractor):
    x = run(extractor, "Drones hit a market in Bure in Chad, witnesses said. Government "
                       "spokesperson Omar Tulu said the claims were fabricated propaganda.\n")
    c = only(x, "denial")
    assert c.source.name == "Omar Tulu" and c.source.kind == "government"
    assert c.source.speaks_for is not None


def test_a_dateline_in_brackets_is_no_party(extractor):
    x = run(extractor, "Drone Strikes on Markets Killed Dozens\n\n(Nairobi) – Kordanian drone "
                       "strikes on a market in Bure on August 13 killed 26 civilians, the Orlan "
                       "Rights Monitor said today.\n", published="2023-11-02")
    assert [a.key for a in only(x, "allegation").accused] == ["kordanian"]


def test_state_media_speak_for_the_state_and_a_known_group_keeps_its_name(extractor):
    x = run(extractor, "Shelling by Syrian government forces hit a hospital in the town of "
                       "Sarmin on Wednesday, killing four people, the White Helmets rescue group "
                       "said. State news agency SANA reported that the army had targeted "
                       "\"terrorist positions\" in the area.\n")
    allegation, denial = only(x, "allegation"), only(x, "denial")
    assert allegation.source.label == "Syria Civil Defence" and allegation.source.kind == "ngo"
    assert denial.source.kind == "media" and denial.source.speaks_for.name == "Syria"
    assert denial.denies == [x.claims.index(allegation)]


ODESA = ("Russian missiles slammed into an apartment building in the southern port city of "
         "Odesa on Saturday, killing 20 residents, regional officials said.\n\n"
         "\"They struck while people were sleeping,\" regional governor Oleh Kiper said.\n\n"
         "Kiper said rescuers had pulled 14 bodies from the rubble.\n\n"
         "Russia's defence ministry did not comment on the strike. On Friday it said it had "
         "carried out a massive strike against military-industrial targets in Ukraine.\n\n"
         "\"We found no evidence of soldiers or weapons near the building,\" said Belkis "
         "Wille, a researcher at Human Rights Watch.\n")


def test_a_wire_story_of_a_strike_and_its_answers(extractor):
    x = run(extractor, ODESA, published="2024-03-16")
    by = {}
    for c in x.claims:
        by.setdefault(c.source.name, []).append(c)
    # a person named after the role, and later by the surname alone
    kiper = by["Oleh Kiper"]
    assert {c.source.kind for c in kiper} == {"government"} and len(kiper) == 2
    # "They struck" blames no one who merely reported it
    assert all(a.key != "regional officials" for c in x.claims for a in c.accused)
    # "it" is the ministry that did not comment, and striking military-industrial targets
    # denies the target's protection
    (ministry,) = [c for c in x.claims if "military-industrial" in quote(x, c)]
    assert ministry.source.label == "Russian Defence Ministry"
    assert (ministry.kind, ministry.denial_kind) == ("denial", "protected_status")
    # a rights group finding no soldiers rejects the excuse: an allegation, not a denial
    (hrw,) = [c for c in x.claims if "soldiers" in quote(x, c)]
    assert hrw.kind == "allegation"
    assert x.attacks[0].place.name == "Odesa"     # tagged a language by the model


def test_he_also_accused_continues_the_last_accuser(extractor):
    x = run(extractor, "John Kerry alleged that Kordanian forces struck a hospital in Tavi "
                       "overnight. Kordanian Foreign Minister Ivan Petrov said the hospital "
                       "was used by militants, Petrov added.\n\nHe also accused the two "
                       "countries of terrorising civilians, while saying nothing about the "
                       "civilians killed in Yemen.\n")
    (again,) = [c for c in x.claims if "also accused" in quote(x, c)]
    assert again.source.name == "John Kerry"
    # "saying nothing about ..." states nothing
    assert not [c for c in x.claims if quote(x, c).startswith("nothing")]


def test_evidence_speaks_for_whoever_gathered_it_and_only_then(extractor):
    x = run(extractor, "Satellite imagery analysed by the Orlan Rights Monitor shows the Tavi "
                       "market was destroyed between March 1 and March 5. Satellite imagery "
                       "shows the Vell school was destroyed.\n")
    c = only(x, "allegation")
    assert c.source.label == "Orlan Rights Monitor"
    assert quote(x, c).startswith("the Tavi market was destroyed")


def test_figures_from_a_ministry_are_the_ministrys(extractor):
    x = run(extractor, "Kordanian strikes killed 12 people at a school in Tavi on Monday, "
                       "according to figures from the Brastovian health ministry.\n")
    assert only(x, "allegation").source.name == "Brastovian health ministry"


def test_a_speaker_who_asked_not_to_be_named_and_a_fire_set_to_a_clinic(extractor):
    x = run(extractor, "A doctor at the hospital, who asked not to be named for fear of "
                       "reprisals, said militiamen set fire to the clinic in Tavi on Monday.\n")
    c = only(x, "allegation")
    # the relative clause is not part of the name; "who" is not the WHO
    assert (c.source.name, c.source.kind) == ("doctor at the hospital", "anonymous")
    assert len(x.attacks) == 1 and x.attacks[0].place.name == "Tavi"


@pytest.mark.parametrize("answer", [
    "The Kordanian defence ministry called the reports lies.",
    "The Kordanian defence ministry called the reports \"fabricated\".",
    "The Kordanian army rejected the accusations as baseless.",
])
def test_calling_the_reports_lies_dismisses_them(extractor, answer):
    x = run(extractor, "Rights groups said Kordanian jets bombed a hospital in Tavi on Monday, "
                       f"killing nine patients. {answer}\n")
    d = only(x, "denial")
    assert d.denial_kind == "dismissal" and d.denies == [0]


@pytest.mark.parametrize("text", [
    "The Orlan Rights Monitor held Kordanian forces responsible for the shelling of the "
    "Tavi market on Monday.\n",
    "The Orlan Rights Monitor attributed the strike on the Tavi school to Kordanian aircraft.\n",
    "The Orlan Rights Monitor pointed the finger at Kordanian troops for the attack on the "
    "clinic in Tavi.\n",
])
def test_idioms_of_blame(extractor, text):
    c = only(run(extractor, text), "allegation")
    assert c.source.label == "Orlan Rights Monitor"
    assert "kordanian" in {k for a in c.accused for k in (a.key, getattr(a.speaks_for, "key",
                                                                         None))}


def test_holding_talks_blames_no_one(extractor):
    assert run(extractor, "The minister held talks on the attack with the UN envoy.\n").claims == []


def test_they_who_shelled_is_the_armed_party_not_the_residents(extractor):
    x = run(extractor, "Kordanian troops entered Tavi on Monday. Residents said they shelled "
                       "the market, killing six people.\n")
    assert [a.key for a in only(x, "allegation").accused] == ["kordanian"]
    assert [p.key for p in x.attacks[0].perpetrators] == ["kordanian"]


def test_shooting_drones_down_attacks_no_one(extractor):
    x = run(extractor, "Kordania's air force said it shot down 25 of 30 drones launched by "
                       "Brastovia overnight. The city's mayor, Ivan Petrov, said debris hit a "
                       "hospital in Tavi, injuring three patients.\n")
    (c,) = x.claims
    assert "debris hit a hospital" in quote(x, c)
    assert c.source.name == "Ivan Petrov" and c.source.kind == "government"


def test_both_sides_blaming_each_other_is_an_allegation_by_each(extractor):
    x = run(extractor, "Ukrainian and Russian forces have fought over Tavi for weeks. On Monday "
                       "a market in Tavi was hit, killing 12 people. Both sides blamed each "
                       "other for the attack.\n")
    blame = [c for c in x.claims if quote(x, c).startswith("Both sides")]
    assert len(blame) == 2 and all(c.kind == "allegation" for c in blame)
    pairs = {(c.source.label, tuple(a.label for a in c.accused)) for c in blame}
    assert pairs == {("Ukraine", ("Russia",)), ("Russia", ("Ukraine",))}


def test_an_attribution_in_the_middle_of_the_sentence_speaks_for_all_of_it(extractor):
    x = run(extractor, "The shelling killed at least nine, the Orlan Rights Monitor said, "
                       "including two nurses of the Tavi clinic.\n")
    (c,) = [c for c in x.claims if c.kind == "allegation"]
    assert c.source.label == "Orlan Rights Monitor"
    assert quote(x, c).startswith("The shelling killed at least nine")


# --- denials by another cause, by justification, without a parsed subject ---------------------

LEAD = ("Rights groups said Russian missiles hit the shopping centre in Zavodsk on Monday, "
        "killing 12 people.\n\n")


@pytest.mark.parametrize("sentence", [
    "The Russian defence ministry said the detonation of ammunition stored nearby caused a "
    "fire at the shopping centre.",
    "Russia's ambassador said the Russian missile was downed by Ukraine's air defences and "
    "fell on the building.",
])
def test_another_cause_given_by_the_accused_is_a_denial(extractor, sentence):
    x = run(extractor, LEAD + sentence + "\n")
    d = only(x, "denial")
    assert d.denial_kind == "categorical" and quote(x, d) in sentence


def test_the_victims_own_side_downing_a_missile_denies_nothing(extractor):
    x = run(extractor, LEAD + "The Ukrainian air force said the missile was downed by "
                              "Ukrainian air defences and debris fell on the building.\n")
    assert not [c for c in x.claims if c.kind == "denial"]


def test_the_dead_said_to_have_taken_part_in_operations_is_a_justification(extractor):
    x = run(extractor, LEAD + "The Russian military said both men killed in the strike had "
                              "taken part in Ukrainian operations.\n")
    d = only(x, "denial")
    assert d.denial_kind == "protected_status"


def test_a_statement_issued_saying_is_its_issuers(extractor):
    x = run(extractor, LEAD + "The Russian army issued a statement saying it had killed "
                              "militants in the strike.\n")
    d = only(x, "denial")
    assert d.source.name.lower().endswith("army") and d.denial_kind == "protected_status"


def test_a_name_the_parser_left_without_a_verb_still_speaks(extractor):
    x = run(extractor, LEAD + "Asked about the report, deputy chief of Russia's General Staff, "
                              "Colonel-General Anatoly Petrenko, told a news conference \"We "
                              "never use cluster bombs. There is no need to do so.\"\n")
    d = only(x, "denial")
    assert "Petrenko" in d.source.name


def test_a_last_line_closed_by_a_double_prime_is_body_text(extractor):
    x = run(extractor, "The alliance said its jets struck the village of Korla on Friday, killing "
                       "dozens of refugees.\n\nThe 19-nation alliance issued a statement after "
                       "an overnight review describing the village as ``a legitimate military "
                       "target.\u2033")
    d = only(x, "denial")
    assert d.denial_kind == "protected_status" and "legitimate" in quote(x, d)


def test_it_in_a_relative_clause_is_the_subject_of_its_sentence(extractor):
    x = run(extractor, "Rights Watch Kordania published a report accusing the army of killing "
                       "40 villagers in Tarno.\n\nThe government has suspended two radio "
                       "stations for covering the report, which it called \"hasty and biased.\"\n")
    d = only(x, "denial")
    assert d.source.name.lower() == "government"


def test_a_wish_is_not_a_denial(extractor):
    x = run(extractor, LEAD + "\"It's horrible, I hope we were not involved,\" the Russian envoy "
                              "said.\n\n\"We did not hit the shopping centre,\" the Russian envoy "
                              "said.\n")
    d = only(x, "denial")
    assert "did not hit" in quote(x, d)


@pytest.mark.parametrize("said", [
    "\u201cI\u2019m now on my farm, alone in an open place, if they want to kill me,\u201d said "
    "Ahmed Farah, a farmer from Zavodsk.",
])
def test_harm_only_supposed_or_wanted_is_no_allegation(extractor, said):
    x = run(extractor, LEAD + said + "\n")
    assert [quote(x, c) for c in x.claims if c.kind == "allegation" and
            quote(x, c) in said] == []
