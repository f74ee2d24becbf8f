"""Canonical keys for agents: one key per party however it is written, within an article and
across articles (kg.resolve.names, kg.resolve.agents), on `AgentRef` objects built here.

Names are invented in the style of wire copy ("Valdoria", "Orlan Rights Monitor") or are
the gazetteer's well-known bodies and states.
"""

from __future__ import annotations

import pytest

from kg.model import AgentRef
from kg.resolve.agents import chain_keys, find_acronyms, resolve_agents
from kg.resolve.names import canonical


@pytest.mark.parametrize("names, key", [
    (["Valdorian Defence Ministry", "the Valdorian Ministry of Defence",
      "the Valdorian defense ministry"], "valdorian defence ministry"),
    (["Valdoria's Ministry of Defence", "the Ministry of Defence of Valdoria",
      "Valdoria's defence ministry"], "valdoria defence ministry"),
    (["Russia's Defence Ministry", "the Russian defense ministry", "Russian MoD",
      "Ministry of Defence of the Russian Federation"], "russia defence ministry"),
    (["the Russian Ministry of Foreign Affairs", "Russia's Foreign Ministry"],
     "russia foreign ministry"),
    (["Gaza Health Ministry", "the health ministry in Gaza", "Gaza's health ministry"],
     "gaza health ministry"),
    (["Ministry of Defence", "Defence Ministry", "the MoD"], "defence ministry"),
    (["Syrian Observatory for Human Rights", "the Britain-based SOHR",
      "the London-based Syrian Observatory for Human Rights"],
     "syrian observatory for human rights"),
])
def test_every_spelling_of_a_body_has_one_key(names, key):
    assert {canonical(n)[0] for n in names} == {key}


@pytest.mark.parametrize("a, b", [
    ("Valdorian Defence Ministry", "Valdorian Foreign Ministry"),
    ("Valdorian Defence Ministry", "Kordanian Defence Ministry"),
    ("Defence Ministry", "Health Ministry"),
    ("Africa Command", "Africa"),
])
def test_different_bodies_keep_different_keys(a, b):
    assert canonical(a)[0] != canonical(b)[0]


def test_a_states_organ_speaks_for_the_state():
    key, label, kind, state = canonical("the Ministry of Defence of the Russian Federation")
    assert (label, state) == ("Russian Defence Ministry", "Russia")
    assert canonical("Defence Ministry")[3] is None     # a portfolio is no state


def agents(*names, **kinds):
    return [AgentRef(name=n, span=None, kind=kinds.get(n.replace(" ", "_"))) for n in names]


def test_one_article_joins_an_organ_named_without_its_state():
    found = agents("Valdorian Defence Ministry", "Defence Ministry", "MoD")
    resolve_agents(found, {}, scope="a1")
    assert {a.key for a in found} == {"valdorian defence ministry"}


def test_an_organ_without_its_state_stays_apart_when_two_states_have_one():
    found = agents("Valdorian Defence Ministry", "Kordanian Defence Ministry",
                   "Defence Ministry")
    resolve_agents(found, {}, scope="a1")
    assert found[2].key == "defence ministry"


def test_an_unknown_state_as_noun_and_adjective_is_one_owner():
    found = agents("Valdoria's defence ministry", "Valdorian army", "Valdorian Defence Ministry")
    resolve_agents(found, {}, scope="a1")
    assert found[0].key == found[2].key == "valdorian defence ministry"
    assert found[1].key == "valdorian army"


def test_an_acronym_joins_the_name_it_abbreviates():
    found = agents("Orlan Rights Monitor", "ORM", "AI", "Amnesty International")
    resolve_agents(found, {}, scope="a1")
    assert found[1].key == "orlan rights monitor"
    assert (found[2].key, found[2].kind) == ("amnesty international", "ngo")


def test_an_acronym_the_article_defines_comes_first():
    text = "The Orlan Ministry of Defence (MoD) said. The MoD later added."
    assert find_acronyms(text) == {"mod": "Orlan Ministry of Defence"}
    found = agents("MoD")
    resolve_agents(found, find_acronyms(text), scope="a1")
    assert found[0].key == "orlan defence ministry"


def test_a_surname_takes_the_full_name_and_a_state_never_its_organ():
    kordania = AgentRef(name="Kordania")
    ministry = AgentRef(name="Kordania's defence ministry", speaks_for=kordania)
    found = [AgentRef(name="Ilse Marno"), AgentRef(name="Marno"), ministry, kordania]
    resolve_agents(found, {}, scope="a1")
    assert found[1].key == "ilse marno"
    assert kordania.key == "kordania" and kordania.speaks_for is None
    assert chain_keys(ministry) == {"kordania defence ministry", "kordania"}


def test_a_person_takes_the_kind_only_the_bodys_name_tells():
    body = AgentRef(name="Britain-based SOHR")
    head = AgentRef(name="Rami Saleh", kind="person", role="head", speaks_for=body)
    expert = AgentRef(name="Ola Brant", kind="person", role="professor",
                      speaks_for=AgentRef(name="Tavi University"))
    resolve_agents([head, expert], {}, scope="a1")
    assert (body.key, body.kind, head.kind) == ("syrian observatory for human rights", "ngo",
                                                "ngo")
    assert expert.kind == "person"


def test_a_named_organisation_is_never_read_as_witnesses():
    found = [AgentRef(name="Doctors for Peace"), AgentRef(name="doctors", generic=True)]
    resolve_agents(found, {}, scope="a1")
    assert found[0].kind is None and found[1].kind == "witness"
    assert found[0].key == "doctors for peace" and found[1].key == "doctors in a1"
