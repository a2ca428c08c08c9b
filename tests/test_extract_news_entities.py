"""News entity typing and firm/investor/owner/place relations in general wordings (issue 4i).

Every sentence is written for the test with invented names; none is taken from a gold text."""
from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.extract.given_names import is_given_name, is_surname
from kg.model import Article


def extract_text(text, nlp):
    return extract_document(Article(id="t", text=text, date="2024-03-01"), nlp)


def types(doc):
    return {e.name: e.type for e in doc.entities}


def facts(doc):
    names = {e.id: e.name for e in doc.entities}
    return {(names[r.source], r.type, names[r.target]) for r in doc.relations
            if r.type != "MENTIONED_WITH" and r.status == "asserted"}


def test_given_names_are_general_knowledge():
    assert is_given_name("Ines") and is_given_name("Tomasz") and is_given_name("Priya")
    assert not is_given_name("Palantir") and not is_given_name("Dynamics")
    assert is_surname("Carvalho") and not is_surname("Laboratory")


# -- people spaCy's small model does not know ----------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("Ines Carvalho, who leads the drone team at Harrow Robotics, declined to comment.", "Ines Carvalho"),
    ("Marta Lindqvist joined Quillon Systems in 2019 as its head of sales.", "Marta Lindqvist"),
    ("Speaking at a conference, Nadia Okonkwo described the tool as experimental.", "Nadia Okonkwo"),
    ("Soren Halvard and Lucia Bertolini started Nimbus Analytics in 2015.", "Soren Halvard"),
    ("Kestrel Labs hired Aiko Tanabe to run its government business.", "Aiko Tanabe"),
    ("The letter was signed by Tomasz Wrona and two other engineers.", "Tomasz Wrona"),
    ("In an interview, Dagny Solberg said the cameras were never tested.", "Dagny Solberg"),
    ("Emeka Adeyemi runs the lab's computer vision group.", "Emeka Adeyemi"),
    ("The board named Ingrid Vasquez interim chief executive on Tuesday.", "Ingrid Vasquez"),
    ("Critics, including Farid Haddadi, said the contract was rushed.", "Farid Haddadi"),
])
def test_a_given_name_and_a_surname_make_a_person(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Person"


@pytest.mark.parametrize("text, name, kind", [
    ("Officials at the Austin Police Department said the pilot ended in May.", "Austin Police Department", "Agency"),
    ("General Dynamics won the contract.", "General Dynamics", "Company"),
    ("Students at Virginia Tech tested the drones.", "Virginia Tech", None),
    ("The Jordan Valley Authority bought the sensors in 2020.", "Jordan Valley Authority", "Agency"),
    ("Harrow Robotics, a drone maker, hired Dana Ruiz.", "Harrow Robotics", "Company"),
])
def test_bodies_named_after_people_or_places_stay_bodies(nlp, text, name, kind):
    got = types(extract_text(text, nlp)).get(name)
    assert got != "Person"
    if kind:
        assert got == kind


def test_a_given_name_that_is_a_word_needs_a_known_surname(nlp):
    got = types(extract_text("Protesters from Detroit Will Breathe marched downtown.", nlp))
    assert got.get("Will Breathe") != "Person"


# -- products named before their kind, or in apposition ------------------------------------
@pytest.mark.parametrize("text, name", [
    ("Police in Denver use Sentry software from Harrow Robotics.", "Sentry"),
    ("Harrow Robotics said its Kestrel drone flew for two hours.", "Kestrel"),
    ("Officers carried the Vesta body-worn camera during the pilot.", "Vesta"),
    ("Quillon Systems sells a tool called Beacon to police departments.", "Beacon"),
    ("Beacon, an analytics tool, was sold to 30 departments.", "Beacon"),
    ("Harrow Robotics unveiled Osprey, a drone for firefighters.", "Osprey"),
])
def test_products_typed_as_products(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Product"


def test_a_place_before_a_product_noun_compound_is_no_product(nlp):
    got = types(extract_text("The Boston drone maker Harrow Robotics raised money.", nlp))
    assert got.get("Boston") != "Product"
