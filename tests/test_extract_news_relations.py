"""News relations and entity typing in general wordings (issue 4f): each case is a sentence
written for the test, not taken from a gold text."""
from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.model import Article


def extract_text(text, nlp):
    return extract_document(Article(id="t", text=text, date="2024-03-01"), nlp)


def facts(doc):
    names = {e.id: e.name for e in doc.entities}
    return {(names[r.source], r.type, names[r.target]) for r in doc.relations
            if r.type != "MENTIONED_WITH" and r.status == "asserted"}


def types(doc):
    return {e.name: e.type for e in doc.entities}


@pytest.mark.parametrize("text, fact", [
    # a plural possessive ("Analytics'") is a possessive like "Acme's"
    ("Paul Ostrander, Orbis Analytics' general counsel, wrote to the city.",
     ("Paul Ostrander", "WORKS_FOR", "Orbis Analytics")),
    ("Jonas Pell, Verdant Systems' head of policy, said the bill was vague.",
     ("Jonas Pell", "WORKS_FOR", "Verdant Systems")),
    # past roles are roles
    ("Greg Halvorsen, who left Brightwater Security last year, now advises start-ups.",
     ("Greg Halvorsen", "WORKS_FOR", "Brightwater Security")),
    ("Helen Marsh previously worked at the National Security Agency.",
     ("Helen Marsh", "WORKS_FOR", "National Security Agency")),
    # "a lawyer with" is employment; "a lawyer for" would be representation
    ("Helen Marsh, a staff attorney with the Electronic Frontier Foundation, criticized the deal.",
     ("Helen Marsh", "WORKS_FOR", "Electronic Frontier Foundation")),
    ("Victor Chen was hired by Quillon Systems as chief financial officer.",
     ("Victor Chen", "WORKS_FOR", "Quillon Systems")),
    ("Quillon Systems named Victor Chen its chief financial officer on Tuesday.",
     ("Victor Chen", "WORKS_FOR", "Quillon Systems")),
    ("Tallow Robotics makes drones. Its co-founder is Laura Bennett, a former Army ranger who serves as the "
     "company's president.", ("Laura Bennett", "WORKS_FOR", "Tallow Robotics")),
    ("Omar Haddad, head of engineering at Kestrel Dynamics Inc., said revenue doubled.",
     ("Omar Haddad", "WORKS_FOR", "Kestrel Dynamics Inc.")),
])
def test_roles_in_their_many_forms(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact", [
    ("Sequoia Capital, one of Lumora's largest shareholders, declined to comment.",
     ("Sequoia Capital", "INVESTED_IN", "Lumora")),
    ("Granite Peak Partners holds a minority stake in Ostara Labs.",
     ("Granite Peak Partners", "INVESTED_IN", "Ostara Labs")),
    ("Redwood Peak Capital led Lumora Inc.'s $20 million Series B.",
     ("Redwood Peak Capital", "INVESTED_IN", "Lumora Inc.")),
    ("Ostara Labs has raised $50 million from investors including Granite Peak Partners and Birch Ventures.",
     ("Birch Ventures", "INVESTED_IN", "Ostara Labs")),
    ("Ostara Labs raised $12 million in a round led by Granite Peak Partners, with Birch Ventures and "
     "Alder Capital also participating.", ("Alder Capital", "INVESTED_IN", "Ostara Labs")),
    ("Ostara Labs builds radar software for ports. Mina Katz, a longtime investor, is now its chairwoman.",
     ("Mina Katz", "INVESTED_IN", "Ostara Labs")),
])
def test_investors_in_their_many_forms(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact, absent", [
    # the founders are the engineers, not the firm they came from
    ("Lumora Inc. was started in 2014 by two former Google engineers, Priya Nair and Tom Becker.",
     ("Tom Becker", "FOUNDED", "Lumora Inc."), ("Google", "FOUNDED", "Lumora Inc.")),
    ("Harbor Systems announced Monday that it would buy Lumora Inc. for $300 million.",
     ("Harbor Systems", "ACQUIRED", "Lumora Inc."), None),
    # buying products a firm sells is not buying the firm
    ("The Ridgeview Police Department bought licenses that Lumora Inc. sells to schools.",
     None, ("Ridgeview Police Department", "ACQUIRED", "Lumora Inc.")),
    ("Harbor Systems' Quillon unit sells sensors to utilities.",
     ("Quillon", "SUBSIDIARY_OF", "Harbor Systems"), None),
    ("Tallow Robotics makes drones. Its co-founder is Laura Bennett.",
     ("Laura Bennett", "FOUNDED", "Tallow Robotics"), None),
    # a place the model found is no unit
    ("The Navy signed a contract with Harbor Systems' U.K. subsidiary.",
     None, ("U.K.", "SUBSIDIARY_OF", "Harbor Systems")),
    ("The Secret Service, a Department of Homeland Security agency, bought the tool.",
     ("U.S. Secret Service", "PART_OF", "Department of Homeland Security"), None),
    ("The Denver company Ostara Labs makes radar software.",
     ("Ostara Labs", "LOCATED_IN", "Denver"), None),
])
def test_founders_buyers_parents_and_places(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    if fact:
        assert fact in found
    if absent:
        assert absent not in found


@pytest.mark.parametrize("text, product, maker", [
    ("Lumora Inc.'s flagship product, Beacon, tracks phones.", "Beacon", "Lumora Inc."),
    ("Beacon, a tool made by Lumora Inc., tracks phones.", "Beacon", "Lumora Inc."),
    ("The Beacon tool, developed by Lumora Inc., tracks phones.", "Beacon", "Lumora Inc."),
])
def test_products_named_around_their_maker(nlp, text, product, maker):
    doc = extract_text(text, nlp)
    assert (product, "PRODUCT_OF", maker) in facts(doc)
    assert types(doc)[product] == "Product"
