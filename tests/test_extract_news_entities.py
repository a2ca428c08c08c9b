"""News entity typing and firm/investor/owner/place relations in general wordings (issue 4i).

Every sentence is written for the test with invented names; none is taken from a gold text."""
from __future__ import annotations

import pytest

from kg import config
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


# -- firms, investors, owners and places ---------------------------------------------------
# Sentences in many wordings, as reporters write them; the rules read some, the parse-based
# detector (kg/extract/ties.py) the rest. Names are matched by containment ("Austin" in
# "Austin, Texas"). Known gaps are marked xfail.
GAPS = {
    "The deal makes Lumen Optics the latest company Harrow Robotics has bought.",
    "The round was led by Redwood Ventures, Lumen Optics said.",
}
if config.ner_setting()[0] == "stock":
    # the stock recogniser reads "Redwood Ventures led Lumen Optics'" as one name; the tuned one reads two
    GAPS.add("Redwood Ventures led Lumen Optics' $30 million Series B round.")
TIES = [
    ('Harrow Robotics agreed to acquire Lumen Optics for $40 million.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Quillon Systems bought Tessaly Analytics last year.',
     ('Quillon Systems', 'ACQUIRED', 'Tessaly Analytics')),
    ('Brightwater Security snapped up Corvid Labs in 2021.',
     ('Brightwater Security', 'ACQUIRED', 'Corvid Labs')),
    ('Nimbus Analytics completed its purchase of Ferrow Data in March.',
     ('Nimbus Analytics', 'ACQUIRED', 'Ferrow Data')),
    ('Ferrow Data was acquired by Nimbus Analytics in 2019.',
     ('Nimbus Analytics', 'ACQUIRED', 'Ferrow Data')),
    ('Ferrow Data, which Nimbus Analytics acquired in 2019, makes license plate readers.',
     ('Nimbus Analytics', 'ACQUIRED', 'Ferrow Data')),
    ('Ferrow Data, acquired by Nimbus Analytics in 2019, makes license plate readers.',
     ('Nimbus Analytics', 'ACQUIRED', 'Ferrow Data')),
    ("Nimbus Analytics' acquisition of Ferrow Data closed in June.",
     ('Nimbus Analytics', 'ACQUIRED', 'Ferrow Data')),
    ('Tessaly Analytics merged into Quillon Systems in 2020.',
     ('Quillon Systems', 'ACQUIRED', 'Tessaly Analytics')),
    ('The deal makes Lumen Optics the latest company Harrow Robotics has bought.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics is backed by Redwood Ventures and Stellan Capital.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics, backed by Redwood Ventures, sells cameras to police.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics raised $20 million from Redwood Ventures and Stellan Capital.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ("Lumen Optics' investors include Redwood Ventures and Stellan Capital.",
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Redwood Ventures invested $5 million in Lumen Optics in 2018.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Redwood Ventures, an early investor in Lumen Optics, declined to comment.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Stellan Capital took a minority stake in Lumen Optics.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ("Redwood Ventures led Lumen Optics' $30 million Series B round.",
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Redwood Ventures has backed Lumen Optics since 2017.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Dagny Solberg co-founded Lumen Optics in 2014.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics was founded by Dagny Solberg and Emeka Adeyemi in 2014.',
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics, founded in 2014 by Dagny Solberg, makes thermal cameras.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Dagny Solberg, the founder of Lumen Optics, said sales doubled.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Dagny Solberg, who started Lumen Optics in her garage, now runs a fund.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Emeka Adeyemi is a co-founder of Lumen Optics.',
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics co-founder Emeka Adeyemi left in 2020.',
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ('Emeka Adeyemi set up Lumen Optics after leaving the Army.',
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics, a unit of Harrow Robotics, makes cameras.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics is a subsidiary of Harrow Robotics.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics, which is owned by Harrow Robotics, makes cameras.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics became part of Harrow Robotics in 2019.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('The Office of Biometric Identity Management, part of the Department of Homeland Security, runs the database.',
     ('Office of Biometric Identity Management', 'PART_OF', 'Department of Homeland Security')),
    ('The Coast Guard is a component of the Department of Homeland Security.',
     ('U.S. Coast Guard', 'PART_OF', 'Department of Homeland Security')),
    ('Lumen Optics, an arm of Harrow Robotics, sells to police.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Federal, a division of Lumen Optics, signed the deal.',
     ('Lumen Federal', 'SUBSIDIARY_OF', 'Lumen Optics')),
    ('Lumen Optics, based in Denver, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics is headquartered in Austin, Texas.',
     ('Lumen Optics', 'LOCATED_IN', 'Austin')),
    ('The Denver-based Lumen Optics makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics, a Denver-based startup, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics, a startup in Boulder, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Boulder')),
    ('Lumen Optics of Reston, Virginia, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Reston')),
    ('Lumen Optics, which is based in Denver, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics, a Colorado company, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Colorado')),
    ('Harrow Robotics, the Ohio drone maker, said on Tuesday that it had agreed to buy Lumen Optics.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Harrow Robotics, which bought Lumen Optics in 2019 for $40 million, declined to comment.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Last year Harrow Robotics took over Lumen Optics, a camera maker in Ohio.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics was sold to Harrow Robotics in 2019.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Harrow Robotics announced Monday it would purchase rival Lumen Optics.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ("Harrow Robotics' $40 million purchase of Lumen Optics closed in June.",
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics, now owned by Harrow Robotics, sells cameras.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Harrow Robotics is the parent company of Lumen Optics.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics operates as a wholly owned subsidiary of Harrow Robotics.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics, whose backers include Redwood Ventures, sells cameras.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Redwood Ventures poured $10 million into Lumen Optics in 2018.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics counts Redwood Ventures and Stellan Capital among its investors.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ('The round was led by Redwood Ventures, Lumen Optics said.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics has raised $60 million from investors including Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Stellan Capital, which also invested in Lumen Optics, declined to comment.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ('Stellan Capital holds a 20 percent stake in Lumen Optics.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics received funding from Redwood Ventures in 2016.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Dagny Solberg, who co-founded Lumen Optics with Emeka Adeyemi in 2014, left last year.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Emeka Adeyemi launched Lumen Optics in 2014 after a decade in the Army.',
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics was started in 2014 by two former Army engineers, Dagny Solberg and Emeka Adeyemi.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ("Emeka Adeyemi, one of Lumen Optics' founders, said the firm would appeal.",
     ('Emeka Adeyemi', 'FOUNDED', 'Lumen Optics')),
    ("Lumen Optics' founder, Dagny Solberg, said the firm would appeal.",
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics, the Denver company, said it would appeal.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics, which has its headquarters in Denver, said it would appeal.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics moved its headquarters to Denver in 2020.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Boulder-based Lumen Optics makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Boulder')),
    ('Lumen Optics, a camera maker based in Boulder, Colorado, said it would appeal.',
     ('Lumen Optics', 'LOCATED_IN', 'Boulder')),
    ('The Bureau of Field Analysis, which sits within the Department of Justice, reviewed the tool.',
     ('Bureau of Field Analysis', 'PART_OF', 'Department of Justice')),
    ('The Border Patrol, an agency within Customs and Border Protection, bought the towers.',
     ('Border Patrol', 'PART_OF', 'Customs and Border Protection')),
    ('The Office of Field Review falls under the Department of Energy.',
     ('Office of Field Review', 'PART_OF', 'Department of Energy')),
    ('The Science Directorate is a branch of the National Reconnaissance Office.',
     ('Science Directorate', 'PART_OF', 'National Reconnaissance Office')),
    ('Lumen Optics makes thermal cameras for police departments. The company was founded in 2014 by Dagny Solberg.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. It is based in Denver.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics makes thermal cameras for police departments. The startup is backed by Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Its investors include Redwood Ventures and Stellan Capital.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. The firm was acquired by Harrow Robotics in 2019.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Harrow Robotics bought the company in 2019.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Dagny Solberg started the company in 2014.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. The company is headquartered in Denver.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics makes thermal cameras for police departments. The company, based in Denver, has 200 employees.',
     ('Lumen Optics', 'LOCATED_IN', 'Denver')),
    ('Lumen Optics makes thermal cameras for police departments. It became a subsidiary of Harrow Robotics in 2019.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics makes thermal cameras for police departments. Redwood Ventures led its $30 million Series B round in 2021.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. The round was led by Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. It raised $30 million last year from Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Its backers include Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Harrow Robotics agreed to buy it for $40 million.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Dagny Solberg, its founder, said sales doubled.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Dagny Solberg, who founded the company in 2014, said sales doubled.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ("Lumen Optics makes thermal cameras for police departments. The company's founder, Dagny Solberg, said sales doubled.",
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    # wordings from the parse alone
    ("Quillon Systems bought its rival Tessaly Analytics from the Corvid Group in 2018.",
     ("Tessaly Analytics", "SUBSIDIARY_OF", "Corvid Group")),
    ("Redwood Ventures came out of the deal as a Lumen Optics shareholder.",
     ("Redwood Ventures", "INVESTED_IN", "Lumen Optics")),
    ("Redwood Ventures, a fund in Boston and an early backer of Lumen Optics, declined to comment.",
     ("Redwood Ventures", "INVESTED_IN", "Lumen Optics")),
    ("The order went through Lumen Federal, a reseller of cameras to police forces and a subsidiary of Lumen Optics.",
     ("Lumen Federal", "SUBSIDIARY_OF", "Lumen Optics")),
    ("The cameras were made by a Reston-based contractor, Harrow Robotics.",
     ("Harrow Robotics", "LOCATED_IN", "Reston")),
    ("Tessaly Analytics was sold to Quillon Systems in 2019 for $12 million.",
     ("Quillon Systems", "ACQUIRED", "Tessaly Analytics")),
    ("Harrow Robotics, which has its headquarters in Dayton, declined to comment.",
     ("Harrow Robotics", "LOCATED_IN", "Dayton")),
    ("Harrow Robotics moved its headquarters to Dayton in 2021.",
     ("Harrow Robotics", "LOCATED_IN", "Dayton")),
    ("Lumen Optics began life as a wholly owned subsidiary of Harrow Robotics.",
     ("Lumen Optics", "SUBSIDIARY_OF", "Harrow Robotics")),
    ("Dagny Solberg, the former Army engineer who founded Lumen Optics, said sales doubled.",
     ("Dagny Solberg", "FOUNDED", "Lumen Optics")),
    ('Lumen Optics is funded by Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics, a Redwood Ventures portfolio company, sells cameras.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics raised $30 million in a round led by Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics raised $30 million in a round led by Redwood Ventures, with participation from Stellan Capital.',
     ('Stellan Capital', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics closed a $30 million Series B led by Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Investors in Lumen Optics include Redwood Ventures and Stellan Capital.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics has the backing of Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Its largest shareholder is Redwood Ventures.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Lumen Optics makes thermal cameras for police departments. Redwood Ventures owns a stake in the company.',
     ('Redwood Ventures', 'INVESTED_IN', 'Lumen Optics')),
    ('Harrow Robotics completed the acquisition of Lumen Optics in March.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics was bought by Harrow Robotics for $40 million.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics agreed to be acquired by Harrow Robotics.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Harrow Robotics, which acquired Lumen Optics and Ferrow Data last year, declined to comment.',
     ('Harrow Robotics', 'ACQUIRED', 'Ferrow Data')),
    ('The acquisition of Lumen Optics by Harrow Robotics closed in March.',
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ("Harrow Robotics's takeover of Lumen Optics was approved by regulators.",
     ('Harrow Robotics', 'ACQUIRED', 'Lumen Optics')),
    ('Lumen Optics, which was founded by Dagny Solberg, makes cameras.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Dagny Solberg founded Lumen Optics and later Ferrow Data.',
     ('Dagny Solberg', 'FOUNDED', 'Ferrow Data')),
    ('Lumen Optics was created in 2014 by Dagny Solberg.',
     ('Dagny Solberg', 'FOUNDED', 'Lumen Optics')),
    ('Lumen Optics, a Harrow Robotics subsidiary, makes cameras.',
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ("Harrow Robotics' subsidiary Lumen Optics makes cameras.",
     ('Lumen Optics', 'SUBSIDIARY_OF', 'Harrow Robotics')),
    ('Lumen Optics is located in Dayton, Ohio.',
     ('Lumen Optics', 'LOCATED_IN', 'Dayton')),
    ('Lumen Optics, an Ohio company, makes cameras.',
     ('Lumen Optics', 'LOCATED_IN', 'Ohio')),
]


@pytest.mark.parametrize("text, fact", [
    pytest.param(t, f, marks=pytest.mark.xfail(reason="not read yet", strict=True)) if t in GAPS else (t, f) for t, f in TIES])
def test_firm_ties_in_their_many_forms(nlp, text, fact):
    got = facts(extract_text(text, nlp))
    assert any(fact[0] in a and fact[1] == b and fact[2] in c for a, b, c in got), got


@pytest.mark.parametrize("text", [
    "Harrow Robotics is in talks to acquire Lumen Optics.",
    "Harrow Robotics considered buying Lumen Optics but walked away.",
    "Harrow Robotics failed to buy Lumen Optics in 2019.",
    "Harrow Robotics did not acquire Lumen Optics.",
    "The Army bought Osprey drones from Harrow Robotics.",
    "Lumen Optics sold cameras to Harrow Robotics in 2019.",
    "Redwood Ventures could invest in Lumen Optics next year.",
    "Lumen Optics, whose software is used by the Army, was founded in Ohio.",
    "Harrow Robotics bought drones from Lumen Optics in 2019.",
])
def test_no_tie_from_wishes_refusals_or_purchases_of_goods(nlp, text):
    got = facts(extract_text(text, nlp))
    assert not any(b in ("ACQUIRED", "INVESTED_IN", "SUBSIDIARY_OF") for _, b, _ in got), got


@pytest.mark.parametrize("text", [
    "For Chicago-based Harrow Robotics, the deal was a first.",
    "The American Civil Liberties Union of Maryland sued the city.",
    "Erik Lund, the former Navy SEAL who founded Lumen Optics, said sales doubled.",
])
def test_no_wrong_place_or_founder(nlp, text):
    got = facts(extract_text(text, nlp))
    assert not any(a.startswith("For ") or c.startswith("For ") or b == "LOCATED_IN" and "Union" in a
                   or b == "FOUNDED" and "SEAL" in a for a, b, c in got), got


@pytest.mark.parametrize("text, name, kind", [
    ("The round was led by Redwood Ventures, Orbital Ledger reported.", "Orbital Ledger", "Company"),
    ("Harrow Robotics won the contract, Defense Wire reported on Monday.", "Defense Wire", "Company"),
    ("Marta Lindqvist reported the deal first.", "Marta Lindqvist", "Person"),
])
def test_a_name_that_reports_is_an_outlet_unless_it_is_a_persons(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


@pytest.mark.parametrize("text, name", [
    ("Rafael Quintero's company makes drones.", "Rafael Quintero"),
    ("Pieter de Vries, the company's chief technology officer, built the first prototype.", "Pieter de Vries"),
    ("Oksana Melnyk, 34, said the cameras were installed without notice.", "Oksana Melnyk"),
])
def test_a_persons_name_keeps_its_reading_against_weak_firm_cues(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Person"


def test_a_place_the_model_names_is_no_person_on_a_given_name_alone(nlp):
    text = "Work will be performed in the Caribbean, Europe, and North Africa, the company said."
    got = types(extract_text(text, nlp))
    assert got.get("North Africa") != "Person" and got.get("Europe") != "Person"


@pytest.mark.parametrize("text, name", [
    ("The Border Patrol uses Corvid Sensors' ground radars along the Arizona border.", "Corvid Sensors"),
    ("Halden Imaging sold the scanners to the airport.", "Halden Imaging"),
    ("Police in Fresno bought phones cracked by Stellan Forensics.", "Stellan Forensics"),
])
def test_a_name_ending_in_what_a_firm_sells_is_a_firm(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Company"


def test_a_military_rank_split_by_the_tokenizer_is_no_name(nlp):
    doc = extract_text("Sgt. Maj. Ann Ortiz and Col. James Reed spoke to reporters about the Army's drones.", nlp)
    assert {n for n, t in types(doc).items() if t == "Person"} == {"Ann Ortiz", "James Reed"}


# -- session 7: government bodies by their general shape, places in lists, trade abbreviations ---
@pytest.mark.parametrize("text, name, kind", [
    ("Researchers said the Greek government bought the spyware in 2021.", "Greek government", "Agency"),
    ("The Chilean government and the Kenyan government signed the deal.", "Kenyan government", "Agency"),
    ("Officials said the U.S. government had paid for the tool.", "U.S. government", "Agency"),
    ("Marta Quist, a spokeswoman for the state Division of Motor Vehicles, declined to comment.",
     "Division of Motor Vehicles", "Agency"),
    ("The Oregon State Highway Patrol leased two drones last year.", "Oregon State Highway Patrol", "Agency"),
    ("The Ohio Judicial Branch signed a contract for case software.", "Ohio Judicial Branch", "Agency"),
    ("The Court of Appeal ruled the trial unlawful in 2020.", "Court of Appeal", "Agency"),
    ("The Knesset approved the budget for the purchase.", "Knesset", "Agency"),
    ("The Luftwaffe will receive the first jets in 2026.", "Luftwaffe", "Agency"),
    ("The order went to Northrop Grumman, which builds the radar.", "Northrop Grumman", "Company"),
    ("Velmora Digital, the Lyon IT services group led by chief executive Anne Roche, will integrate it.",
     "Velmora Digital", "Company"),
])
def test_bodies_by_their_general_shape(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


@pytest.mark.parametrize("text, name", [
    # a country after "in" in a list of firms is a place, not one more firm
    ("The list names Varda Systems S.A. in Greece, Varda Labs Limited in Ireland and Korvo AD in Bulgaria.", "Ireland"),
    # a trade's abbreviation is no name: "an IT services group"
    ("Velmora Digital, an IT services group, will integrate it.", "IT"),
])
def test_no_firm_from_a_place_or_a_trade(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) != "Company"


def test_a_legal_name_and_its_known_short_form_are_one_firm(nlp):
    doc = extract_text("Lockheed Martin Corp., Fort Worth, Texas, is being awarded a $10,000,000 modification. "
                       "Lockheed Martin will perform the work.", nlp)
    assert [e.name for e in doc.entities if e.type == "Company" and "Lockheed" in e.name] == ["Lockheed Martin Corp."]


@pytest.mark.parametrize("text, name", [
    # a product named with its model number before its kind keeps the number
    ("The Army bought the Switchblade 600 drone from Corvane Systems.", "Switchblade 600"),
    ("The Kestrel 4 quadcopter, made by Harlow Robotics, can fly for 40 minutes.", "Kestrel 4"),
    ("The satellites went up on a Falcon 9 rocket in December.", "Falcon 9"),
])
def test_a_model_number_is_part_of_a_products_name(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Product"


def test_a_year_before_a_product_noun_is_no_model_number(nlp):
    got = types(extract_text("The Navy ordered drones in March 2020 drone budget talks.", nlp))
    assert not any(n.endswith("2020") for n in got), got


# -- issue 4o: titles, programs and products named like firms or people ---------------------
@pytest.mark.parametrize("text, name", [
    ("The fund was announced by Chancellor Mareike Holtz in March.", "Mareike Holtz"),
    ("Last August, Superintendent Dana Whitcombe removed the scanners from the school.", "Dana Whitcombe"),
    ("Police Chief Lorena Abbott told council members the sensors work.", "Lorena Abbott"),
    ("The plan was backed by Premier Tomas Varga and his cabinet.", "Tomas Varga"),
    ("Ambassador Helena Marsh said the deal would go ahead.", "Helena Marsh"),
])
def test_a_title_before_a_name_is_no_part_of_it(nlp, text, name):
    got = types(extract_text(text, nlp))
    assert got.get(name) == "Person", got
    assert not any(n.endswith(name) and n != name and got[n] in ("Company", "Agency", "Organization") for n in got), got


@pytest.mark.parametrize("text, name", [
    ("The Navy picked Corvane for its Deep Harbor Sensing program, a competition for undersea drones.", "Deep Harbor Sensing"),
    ("Defense officials chose three teams for the Agile Swarm Evaluation program, known as ASE.", "Agile Swarm Evaluation"),
    ("The award is part of the Lunar Relay Pathfinder effort.", "Lunar Relay Pathfinder"),
])
def test_a_program_named_before_its_kind_is_no_body(nlp, text, name):
    got = types(extract_text(text, nlp))
    assert got.get(name) not in ("Company", "Person", "Agency", "Organization"), got


@pytest.mark.parametrize("text, name", [
    ("The department signed a $2 million order for Stormcrow 3 systems in 2021.", "Stormcrow 3"),
    ("The contract covered Vantor Flex cameras and five years of storage.", "Vantor Flex"),
    ("The Army handed Corvane a contract for Hailstone munitions.", "Hailstone"),
    ("Corvane built the Halden Heavy Vehicle for the Marines.", "Halden Heavy Vehicle"),
    ("The mirrors were made for the Ardent Deep Space Telescope.", "Ardent Deep Space Telescope"),
    ("Its engineers mounted lasers on Rapid Light Patrol Vehicles last year.", "Rapid Light Patrol Vehicles"),
])
def test_goods_named_like_firms_or_people_are_products(nlp, text, name):
    got = types(extract_text(text, nlp))
    assert got.get(name) in (None, "Product", "Other"), got


@pytest.mark.parametrize("text, name, kind", [
    # a firm's name before a singular mass noun is the firm's offering: the firm stays a firm
    ("Corvane Analytics, a data firm, said police use Corvane software.", "Corvane Analytics", "Company"),
    # a body's name is no title
    ("The Police Department bought the cameras.", "Police Department", None),
    ("General Dynamics won the contract.", "General Dynamics", "Company"),
])
def test_near_misses_of_titles_and_products(nlp, text, name, kind):
    got = types(extract_text(text, nlp))
    assert got.get(name) != "Person" and got.get(name) != "Product", got
    if kind:
        assert got.get(name) == kind, got


def test_a_program_job_after_a_name_leaves_the_person(nlp):
    got = types(extract_text("The Navy appointed Omar Haddad program manager in 2021.", nlp))
    assert got.get("Omar Haddad") == "Person", got


@pytest.mark.parametrize("text, name, kind", [
    # advocacy groups, charities, coalitions by the noun before or beside them
    ("The case was backed by the rights group Fairwatch.", "Fairwatch", "Organization"),
    ("Critics, including the local group Maplewood Justice Now, opposed the plan.", "Maplewood Justice Now", "Organization"),
    ("The review was done by Halvern Institute International, the Raleigh nonprofit, free of charge.",
     "Halvern Institute International", "Organization"),
    ("The standard is promoted by the Open Badge Alliance Initiative, a coalition whose members include banks.",
     "Open Badge Alliance Initiative", "Organization"),
    ("Privacy advocates, including the digital-rights group Corvwatch, warned against the system.", "Corvwatch", "Organization"),
    # a firm named like a person, listed after the noun that counts firms
    ("In February it sold its consumer businesses, Skyward Gear and Kite Lab, to a rival.", "Skyward Gear", "Company"),
    # public school systems are local government
    ("The Harlow City School District signed the contract in March.", "Harlow City School District", "Agency"),
    ("Ridgeway County Schools agreed to lease the scanners in 2022.", "Ridgeway County Schools", "Agency"),
    # a town that pays or buys is its government
    ("Tulsa has paid for the sensors since 2018.", "Tulsa", "Agency"),
    # a government website is a service
    ("The company has run Kansas.gov for the state since 2012.", "Kansas.gov", "Product"),
])
def test_organizations_school_systems_and_town_buyers(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind, types(extract_text(text, nlp))


@pytest.mark.parametrize("text, name, kind", [
    # a firm called a group by its trade stays a firm
    ("Velmora Digital, the Lyon IT services group led by Anne Roche, will integrate it.", "Velmora Digital", "Company"),
    ("The deal makes British defense group Harrowgate Systems the largest supplier.", "Harrowgate Systems", "Company"),
    # a country that buys stays a place (annotators keep countries as places unless named as a government)
    ("Germany will buy 35 jets from Lockheed Martin.", "Germany", "Location"),
    # a town that is only talked about stays a place
    ("The drones were tested in Millbrook last year.", "Millbrook", None),
])
def test_near_misses_of_organizations_and_town_buyers(nlp, text, name, kind):
    got = types(extract_text(text, nlp)).get(name)
    assert got not in ("Organization", "Agency") or got == kind, got
    if kind:
        assert got == kind, got


def test_a_brand_counted_with_a_is_a_product(nlp):
    got = types(extract_text("Corvane Labs, an Atlanta company, sells the box to police. The state police spent "
                             "$5,000 on a Stormbox in March.", nlp))
    assert got.get("Stormbox") in (None, "Product", "Other"), got
    assert got.get("Corvane Labs") == "Company", got


@pytest.mark.parametrize("text, name, kind", [
    # international bodies, rights groups and universities by general knowledge
    ("The plan was discussed at NATO headquarters in Brussels.", "NATO", "Organization"),
    ("Researchers at MIT tested the drones last spring.", "Massachusetts Institute of Technology", "Organization"),
    ("A report by Human Rights Watch criticised the purchase.", "Human Rights Watch", "Organization"),
    ("The United Nations said the sale broke the arms embargo.", "United Nations", "Organization"),
])
def test_known_organizations(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind, types(extract_text(text, nlp))


def test_a_state_affiliate_is_its_own_body_and_takes_the_short_name(nlp):
    doc = extract_text("The American Civil Liberties Union of Ohio obtained the records. Dana Ruiz, a lawyer at the "
                       "ACLU of Ohio, said the ACLU would sue.", nlp)
    orgs = [e for e in doc.entities if e.type == "Organization"]
    assert [e.name for e in orgs] == ["American Civil Liberties Union of Ohio"], [(e.name, e.aliases) for e in orgs]
    assert "ACLU of Ohio" in orgs[0].aliases and "ACLU" in orgs[0].aliases


def test_an_outlets_last_word_is_its_short_name(nlp):
    doc = extract_text("The Harlow Tribune reported the deal on Monday. The company's chief told the Tribune that "
                       "the cameras were never tested.", nlp)
    outlets = [e for e in doc.entities if "Tribune" in e.name]
    assert len(outlets) == 1, [(e.name, e.type) for e in outlets]


@pytest.mark.parametrize("text, name", [
    ("Its customers include Norway's defence ministry and several police forces.", "Norway's defence ministry"),
    ("The Kenyan interior ministry bought the phones in 2019.", "Kenyan interior ministry"),
    ("He served as a commander in Egyptian military intelligence before founding the firm.", "Egyptian military intelligence"),
    ("The Zambian government signed the deal in March.", "Zambian government"),
])
def test_national_bodies_named_in_lower_case(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Agency", types(extract_text(text, nlp))


def test_a_firms_possessive_before_ministry_names_no_body(nlp):
    got = types(extract_text("Corvane's defence ministry deal was signed in May.", nlp))
    assert "Corvane's defence ministry" not in got, got


@pytest.mark.parametrize("text, name", [
    ("Dana Ruiz, who heads the Ohio Department of Transportation, said the readers work.", "Ohio Department of Transportation"),
    ("The Texas Department of Public Safety bought the phones in 2019.", "Texas Department of Public Safety"),
    ("The Fort Collins Police Department in Colorado awarded the contract in 2014.", "Fort Collins Police Department"),
    ("The Home Office signed the deal with Corvane in May.", "Home Office"),
    ("The Royal Canadian Mounted Police tested the drones.", "Royal Canadian Mounted Police"),
])
def test_state_and_foreign_bodies(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Agency", types(extract_text(text, nlp))


def test_the_federal_body_keeps_its_name_beside_a_states(nlp):
    got = types(extract_text("The Department of Transportation and the Ohio Department of Transportation agreed.", nlp))
    assert got.get("Department of Transportation") == "Agency" and got.get("Ohio Department of Transportation") == "Agency", got


def test_a_base_named_fort_stays_a_place(nlp):
    got = types(extract_text("Work will be performed at Marine Corps Base, Camp Lejeune, and Fort Hood, Texas.", nlp))
    assert not any(n.startswith("Fort Hood") and t == "Agency" for n, t in got.items()), got


def test_a_body_listed_before_a_city_is_no_place(nlp):
    got = types(extract_text("Corvane runs fare systems for Transport for London, New York's Metropolitan "
                             "Transportation Authority and others.", nlp))
    assert got.get("Transport for London") == "Agency", got


@pytest.mark.parametrize("text, full, short", [
    ("The owners, led by the private-equity firm Harbor Peak Partners, will get shares. Harbor Peak has controlled "
     "the firm since 2019.", "Harbor Peak Partners", "Harbor Peak"),
    ("Lumen Orbital USA has agreed to buy Corvane. Lumen Orbital will pay $125 million in cash.", "Lumen Orbital USA",
     "Lumen Orbital"),
    ("The software is made by Vestra Technologies Corp., a company based in Ontario. Vestra Technologies' chief "
     "executive said it works.", "Vestra Technologies Corp.", "Vestra Technologies"),
])
def test_a_firms_name_less_its_legal_form_is_the_same_firm(nlp, text, full, short):
    doc = extract_text(text, nlp)
    firms = [e for e in doc.entities if e.type == "Company" and short in e.name]
    assert len(firms) == 1 and firms[0].name == full, [(e.name, e.aliases) for e in firms]


def test_two_firms_sharing_a_first_word_stay_apart(nlp):
    doc = extract_text("Harbor Peak Capital sold its stake to Harbor Peak Partners last year.", nlp)
    names = {e.name for e in doc.entities if e.type == "Company"}
    assert {"Harbor Peak Capital", "Harbor Peak Partners"} <= names, names


def test_a_board_of_the_authority_is_a_body(nlp):
    got = types(extract_text("The transit authority's Fiscal Oversight Board voted to approve the deal.", nlp))
    assert got.get("Fiscal Oversight Board") == "Agency", got


def test_a_center_at_a_university_is_two_bodies(nlp):
    got = types(extract_text("They pointed to a 2021 study by the Rivers Justice Center at Harlow University that found "
                             "most alerts led to nothing.", nlp))
    assert got.get("Rivers Justice Center") == "Organization" and got.get("Harlow University") == "Organization", got


def test_a_number_before_a_plural_name_counts_goods(nlp):
    got = types(extract_text("In 2020 the ministry ordered 38 Halcyon Typhoons from Corvane Aerospace.", nlp))
    assert got.get("Halcyon Typhoons") in (None, "Product", "Other"), got


@pytest.mark.parametrize("text, name, kind", [
    ("The agency picked a consortium of Marta Velis and Idaro. Marta Velis, the Lisbon IT services group led by "
     "chief executive Rui Costa, will act as integrator.", "Marta Velis", "Company"),
    ("Kessler Bauer, a German engineering group, will build the towers.", "Kessler Bauer", "Company"),
])
def test_a_trades_group_is_a_firm(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind, types(extract_text(text, nlp))


def test_a_group_of_people_is_no_firm(nlp):
    got = types(extract_text("Dana Ruiz, a group of three engineers said, built the tool.", nlp))
    assert got.get("Dana Ruiz") != "Company", got


@pytest.mark.parametrize("text", [
    "Taiwan agreed in June to buy the drones through U.S. government channels.",
    "Its sensors have flown for the Space Force and other U.S. government customers.",
])
def test_a_government_as_a_kind_is_no_body(nlp, text):
    assert "U.S. government" not in types(extract_text(text, nlp))


def test_the_government_itself_stays_a_body(nlp):
    got = types(extract_text("The U.S. government paid Corvane $3 million. Greek government officials denied it.", nlp))
    assert got.get("U.S. government") == "Agency" and got.get("Greek government") == "Agency", got


def test_a_contract_vehicle_is_no_firm(nlp):
    got = types(extract_text("Corvane won a spot on the Apex Alliant vehicle, a $50 billion governmentwide contract.", nlp))
    assert got.get("Apex Alliant") not in ("Company", "Agency", "Person", "Organization"), got


def test_the_company_goes_back_to_an_untyped_firm_the_story_is_about(nlp):
    doc = extract_text("Kestrix raised 450 million euros on Thursday, Reuters reported. Kestrix was started in 2021 by "
                       "Dana Ruiz, a former McKinsey partner. Ruiz runs the company as chief executive.", nlp)
    got = {e.name: (e.type, [m.text for m in e.mentions]) for e in doc.entities}
    assert got.get("Kestrix", (None, []))[0] == "Company", got
    assert "the company" in got["Kestrix"][1], got


def test_the_company_skips_a_name_only_seen_inside_a_longer_one(nlp):
    doc = extract_text("Agencies bought Trace X from Halvern Data Corp. Records show CBP bought Trace X in 2019. "
                       "A lawyer said the company takes privacy seriously.", nlp)
    got = {e.name: [m.text for m in e.mentions] for e in doc.entities}
    assert "the company" not in got.get("Trace", []), got


def test_a_modified_reference_takes_the_body_its_words_name(nlp):
    doc = extract_text("The Harlow Police Department signed the contract in May. The State Highway Patrol paid about "
                       "$1 million for a similar project. The deal is funded from the police department's budget.", nlp)
    got = {e.name: [m.text for m in e.mentions] for e in doc.entities}
    assert "the police department" in got.get("Harlow Police Department", []), got


@pytest.mark.parametrize("text, place, firm", [
    # a city and its Canadian province or Australian state is one place, as a city and a U.S. state is
    ("The software is made by Norvik Systems Corp., a company based in Kingston, Ontario.",
     "Kingston, Ontario", "Norvik Systems Corp."),
    ("Larkspur Aerial, based in Regina, Saskatchewan, said the drones would carry sensors.",
     "Regina, Saskatchewan", "Larkspur Aerial"),
    ("Corvane Robotics, a Geelong, Victoria, company, builds underwater drones.", "Geelong, Victoria", "Corvane Robotics"),
])
def test_a_city_and_its_province_are_one_place(nlp, text, place, firm):
    doc = extract_text(text, nlp)
    assert types(doc).get(place) == "Location"
    assert (firm, "LOCATED_IN", place) in facts(doc)


def test_a_province_name_that_is_a_given_name_stays_a_person(nlp):
    # near miss: "Victoria" opening a person's name is no place
    doc = extract_text("Victoria Hale, a spokeswoman for Larkspur Aerial, declined to comment.", nlp)
    assert types(doc).get("Victoria Hale") == "Person"


# -- firms named only by what the words around them say (issue 4t) --------------------------------
@pytest.mark.parametrize("text, name", [
    # an apposition with a city and its state before the head noun
    ("Vantor, a Herndon, Virginia, company that builds radar satellites, raised $40 million.", "Vantor"),
    ("The council approved a deal with Kestrova, the Austin, Texas, company whose cameras read plates.", "Kestrova"),
    ("Police bought the tool from Ostrel, a Palo Alto, Calif., analytics firm, in 2019.", "Ostrel"),
    ("Orlenta, a reseller of software to public agencies, handled the purchase.", "Orlenta"),
    ("The deal went through Malvik, a distributor of police radios.", "Malvik"),
    # a one-word name opening the sentence, set off by what it is or who leads it
    ("Brivex, the Boston analytics startup, said it would appeal.", "Brivex"),
    ("Corvane, led by chief executive Dana Ruiz, has won about $6 million in federal work.", "Corvane"),
    # the copula says what it is
    ("Brivex is a Boston startup that sells analytics to hospitals.", "Brivex"),
    ("Tolvara was a small defence contractor when the war began.", "Tolvara"),
    # a relative clause only said of a firm
    ("Kestrova, which makes drones for border patrols, was founded in 2019.", "Kestrova"),
    ("Ostrel, whose software reads license plates, sold it to 40 cities.", "Ostrel"),
])
def test_context_types_an_unknown_firm(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Company"


@pytest.mark.parametrize("text, name, not_kind", [
    # near misses: the same shapes with a person's role, a place, or another name's word
    ("Dana Ruiz, a Boston lawyer who represents the city, declined to comment.", "Dana Ruiz", "Company"),
    ("Marta Lindqvist, a former Navy SEAL, runs the program.", "Marta Lindqvist", "Company"),
    # the apposition ends at its clause: "business" is what he built, not what he is
    ("The firm was sold to Harlow Partners, a group of investors, and Carl Bishop, the former Navy SEAL "
     "who built the business, no longer has a stake.", "Carl Bishop", "Company"),
    ("Carl Bishop, the former Navy SEAL who built the business, no longer has a stake.", "Carl Bishop", "Company"),
    ("Soren Halvard, the engineer who founded the company, left in 2021.", "Soren Halvard", "Company"),
    ("Ines Carvalho, a Federal Bureau of Investigation agent, testified on Monday.", "Ines Carvalho", "Agency"),
    ("Brannock is a Boston suburb of about 40,000 people.", "Brannock", "Company"),
    ("Yesterday, the company said it would appeal.", "Yesterday", "Company"),
])
def test_context_cues_do_not_type_people_or_places_as_firms(nlp, text, name, not_kind):
    assert types(extract_text(text, nlp)).get(name) != not_kind


# -- places written like firms (issue 4t) ----------------------------------------------------------
@pytest.mark.parametrize("text, place", [
    ("The Westport Police Department dropped the plan. Officials said the Westport test had ended.", "Westport"),
    ("Officials in Brannock signed the contract. The Brannock Police Department will run the cameras.", "Brannock"),
    ("Cytrox, a small Skopje start-up, developed the spyware.", "Skopje"),
    ("Employees of Tallix, a Reston contractor, were interviewed.", "Reston"),
])
def test_a_place_written_like_a_firm_is_no_firm(nlp, text, place):
    assert types(extract_text(text, nlp)).get(place) not in ("Company", "Organization", "Person")


@pytest.mark.parametrize("text, body", [
    ("A contract between the Queens district attorney and Kestrova Labs was released.", "Queens district attorney"),
    ("The Harlan County sheriff bought the software in 2020.", "Harlan County sheriff"),
    ("Records show the Dorset County district attorney paid for the licences.", "Dorset County district attorney"),
])
def test_a_local_official_named_by_office_is_a_body(nlp, text, body):
    assert types(extract_text(text, nlp)).get(body) == "Agency"


@pytest.mark.parametrize("text, name, kind", [
    # near misses: a title before a name is the person's; a firm named before a firm's noun stays a firm
    ("The Queens district attorney Ana Ruiz said the contract was lawful.", "Ana Ruiz", "Person"),
    ("Malvik, a Lockheed Martin supplier, makes the fuel tanks.", "Lockheed Martin", "Company"),
    # "between A and B" lists two parties, not two of a kind
    ("A contract between the Queens district attorney and Kestrova was released.", "Kestrova", "not Agency"),
])
def test_office_and_place_cues_near_misses(nlp, text, name, kind):
    got = types(extract_text(text, nlp)).get(name)
    assert got != "Agency" if kind == "not Agency" else got == kind


# -- what a name is called, and jobs only a firm gives (issue 4t) -----------------------------------
@pytest.mark.parametrize("text, name, kind", [
    ("Investors backed a startup called Drevik in 2021.", "Drevik", "Company"),
    ("The money went to a defence contractor known as Tolvara.", "Tolvara", "Company"),
    ("The deal was signed by a man named Ostrel.", "Ostrel", "Person"),
    ("Ruiz, the chief executive of Kestrova, said the company would appeal.", "Kestrova", "Company"),
    ("Dana Ruiz, a co-founder of Kestrova, left in 2022.", "Kestrova", "Company"),
    ("The phone of Nikos Androulakis, the leader of the opposition party, was targeted in 2021.", "Nikos Androulakis",
     "Person"),
])
def test_what_a_name_is_called_types_it(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


@pytest.mark.parametrize("text, name", [
    # a program or a satellite cluster given a name is no firm
    ("The agency used a program called Nimbrel to watch social media.", "Nimbrel"),
    ("The first cluster, called Pathfinder, went up on a rocket in December 2018.", "Pathfinder"),
    # near miss: the name only modifies the firm's unit
    ("Tom Arlen, chief executive of the U.S. arm, said the plant would stay open.", "U.S."),
])
def test_a_named_scheme_or_a_modifier_is_no_firm(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) not in ("Company", "Agency", "Organization", "Person")


# -- the model's ORG alone (issue 4t) ----------------------------------------------------------------
def test_a_once_named_model_org_with_no_cue_is_kept_only_if_used(nlp):
    # "Tranche 0"-like program names, venues and peoples the model calls ORG are no firms on their own
    doc = extract_text("The satellites will be launched in 2022 as the tracking layer of what the agency calls its "
                       "Vellmark Tranche. Fans at Orvell Arena were the first to use the pass.", nlp)
    got = types(doc)
    assert got.get("Vellmark Tranche") not in ("Company",), got
    assert got.get("Orvell Arena") not in ("Company",), got


def test_a_model_org_listed_with_known_firms_is_a_firm(nlp):
    doc = extract_text("The coalition's members include Microsoft, Kestrova Systems and IBM.", nlp)
    assert types(doc).get("Kestrova Systems") == "Company"


@pytest.mark.parametrize("text, name", [
    ("Its customers have included Samsung, PayPal and Toyota.", "Toyota"),
    ("The sensors run on chips from Qualcomm.", "Qualcomm"),
    ("Verizon and AT&T sell location data to aggregators.", "AT&T"),
])
def test_the_largest_firms_are_known(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Company"


def test_a_slashed_word_pair_is_no_firm(nlp):
    doc = extract_text("The building holds headquarters and intelligence/operations (Intel/Ops) space.", nlp)
    assert types(doc).get("Intel") != "Company"


@pytest.mark.parametrize("text, name", [
    ("Rival camera makers, including Vellmar Optics, have complained that cities favour the incumbent.", "Vellmar Optics"),
    ("The agency buys from vendors such as Kestrova Systems and Orlenta Data.", "Orlenta Data"),
    # other countries' legal forms
    ("The list names Quorvex AD in North Macedonia and Quorvex Holdings Zrt in Hungary.", "Quorvex Holdings Zrt"),
    ("Its Irish arm, Kestrova Limited, holds the licences.", "Kestrova Limited"),
    ("Norvik Oyj makes the radios.", "Norvik Oyj"),
])
def test_firms_named_in_a_list_of_firms_or_by_a_foreign_legal_form(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Company"


def test_places_listed_after_a_plural_noun_are_no_firms(nlp):
    # near miss: "cities like A and B" lists places, not firms
    got = types(extract_text("Cities like Brannock and Westfield bought the cameras.", nlp))
    assert got.get("Brannock") != "Company" and got.get("Westfield") != "Company"


# -- short names (issue 4 endpoints) ------------------------------------------------------------
def test_a_model_org_word_opening_one_firms_name_is_its_short_name(nlp):
    doc = extract_text("The state chose Brixham Lottery Group to run the games. Brixham will pay the state a share. "
                       "Brixham beat two rivals.", nlp)
    assert "Brixham" not in types(doc)
    assert types(doc).get("Brixham Lottery Group") == "Company"


def test_a_short_name_with_a_cue_of_its_own_stays_a_firm_of_its_own(nlp):
    # near miss: the parent a unit is named after, typed by its own apposition
    doc = extract_text("Halvorsen Federal won the contract. Halvorsen, a software company, owns the unit. "
                       "Halvorsen declined to comment.", nlp)
    assert types(doc).get("Halvorsen") == "Company"
