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
    # a country is not where a firm is placed
    ("Ostara North America, the U.S. arm of Ostara Group, runs the plant.",
     None, ("Ostara North America", "LOCATED_IN", "U.S.")),
    ("The round was led by Corvid Capital, the U.S. venture firm that also led the previous round.",
     None, ("Corvid Capital", "LOCATED_IN", "U.S.")),
    # "a unit of the Chicago-based company" places the parent, not the unit
    ("Halden Systems, a subsidiary of the Chicago-based company, will build the craft.",
     None, ("Halden Systems", "LOCATED_IN", "Chicago")),
    ("Halden Systems, the Chicago-based company, will build the craft.",
     ("Halden Systems", "LOCATED_IN", "Chicago"), None),
    # a country's ministry is a national body, not a part of a body
    ("Ostara Labs sells software that fuses data from radars. Its customers include Germany's defence ministry and "
     "Britain's Ministry of Defence, and it has been working with Saab on upgrades.",
     None, ("Ministry of Defence", "PART_OF", "Britain")),
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


@pytest.mark.parametrize("text, name, kind", [
    # a role in apposition makes a person, whatever the model's label
    ("Nadia Farouk, vice president of engineering at Kestrel Dynamics, said the deal closed.", "Nadia Farouk", "Person"),
    # a name with a co-founder or chief officer of its own is a body
    ("Priya Nair, Lumora's co-founder and chief executive, said so.", "Lumora", "Company"),
    # "based in" follows a body, not a place
    ("Lumora, based in Austin, Texas, sells sensors.", "Lumora", "Company"),
    # offices and task forces are government units; a unit after an agency's possessive too
    ("The Army's Rapid Capabilities Office bought the drones.", "Rapid Capabilities Office", "Agency"),
    ("Officers from the Harbor Crimes Task Force used the tool.", "Harbor Crimes Task Force", "Agency"),
    ("The Program Executive Office for Ground Robotics tested it.", "Program Executive Office for Ground Robotics", "Agency"),
    # "a division of <firm>" is a firm, "a division of <agency>" an agency; a venture arm is a firm
    ("Lumora, a division of Harbor Systems, sells sensors.", "Lumora", "Company"),
    ("Tessera Labs, the venture arm of the Department of Energy, backed it.", "Tessera Labs", "Company"),
    # a foundation named after a firm is no product of it
    ("Quillon Inc. said the Quillon Foundation would fund schools.", "Quillon Foundation", "Organization"),
])
def test_entity_typing_from_context(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


def test_an_agencys_initials_are_the_agency(nlp):
    doc = extract_text("The Ridgeview Police Department bought the software last year. The RPD said it works.", nlp)
    (dept,) = [e for e in doc.entities if e.name == "Ridgeview Police Department"]
    assert dept.type == "Agency" and "RPD" in dept.aliases  # not a firm of its own


def test_two_statements_may_share_an_entity(nlp):
    # "A is part of B" and "B, a component of C": the second is not lost to the first match
    doc = extract_text("The Port Data Office is part of the Harbor Safety Directorate, a component of the Coast Guard.", nlp)
    found = facts(doc)
    assert ("Port Data Office", "PART_OF", "Harbor Safety Directorate") in found
    assert ("Harbor Safety Directorate", "PART_OF", "U.S. Coast Guard") in found


@pytest.mark.parametrize("text, fact, absent", [
    # a buyer is not a place inside the subject's apposition
    ("Harbor Systems, the Denver drone company, has acquired Ostara Labs.",
     ("Harbor Systems", "ACQUIRED", "Ostara Labs"), ("Denver", "ACQUIRED", "Ostara Labs")),
    ("Harbor Systems, which sells radios to police across the United States, has acquired Ostara Labs.",
     ("Harbor Systems", "ACQUIRED", "Ostara Labs"), ("United States", "ACQUIRED", "Ostara Labs")),
    # a place before "-based" is no employer
    ("Tallow Robotics makes drones. Tallow Robotics, the Denver-based company run by chief executive Laura Bennett, "
     "is growing.", ("Laura Bennett", "WORKS_FOR", "Tallow Robotics"), ("Laura Bennett", "WORKS_FOR", "Denver")),
    ("Harbor Systems sells radios. In 2019 it paid about $400 million for Ostara Labs, a Boston mapping company.",
     ("Harbor Systems", "ACQUIRED", "Ostara Labs"), None),
    ("Ostara Labs began life as a wholly owned subsidiary of Harbor Systems.",
     ("Ostara Labs", "SUBSIDIARY_OF", "Harbor Systems"), None),
    ("Mark Ellison, a former engineering director at the data company Quillon Systems, joined in May.",
     ("Mark Ellison", "WORKS_FOR", "Quillon Systems"), None),
    ("Mark Ellison, a co-founder, spent ten years at the National Security Agency and the Central Intelligence Agency.",
     ("Mark Ellison", "WORKS_FOR", "Central Intelligence Agency"), None),
])
def test_buyers_employers_and_parents_in_longer_sentences(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    if fact:
        assert fact in found
    if absent:
        assert absent not in found


def test_round_wordings_and_the_firm_a_story_opens_with(nlp):
    text = ("Ostara Labs, a Boston mapping company, has raised $40 million in a Series C round led by Granite Peak "
            "Partners. Birch Ventures came in as a new investor, joined by existing backers Alder Capital and Fenwick "
            "Partners. Laura Bennett, a co-founder and the company's chief technology officer, said the money would "
            "pay for satellites. Oakridge Capital led its Series A in 2019.")
    found = facts(extract_text(text, nlp))
    for investor in ("Granite Peak Partners", "Birch Ventures", "Alder Capital", "Fenwick Partners", "Oakridge Capital"):
        assert (investor, "INVESTED_IN", "Ostara Labs") in found
    # "the company" is the firm the story opens with, not the investor named last
    assert ("Laura Bennett", "FOUNDED", "Ostara Labs") in found
    assert ("Laura Bennett", "WORKS_FOR", "Ostara Labs") in found


@pytest.mark.parametrize("text, name, kind", [
    ("Harbor Systems bought Martin UAV, a drone maker, last year.", "Martin UAV", "Company"),
    # "the company Elon Musk founded": the noun belongs to the relative clause, not the name
    ("The award went to Ostara Labs, the company Laura Bennett founded in 2019.", "Laura Bennett", "Person"),
])
def test_more_typing_cues(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


def test_well_known_firms_named_like_people_are_firms(nlp):
    doc = extract_text("Andreessen Horowitz and BlackRock invested in the start-up, and Goldman Sachs advised it.", nlp)
    t = types(doc)
    assert t["Andreessen Horowitz"] == t["BlackRock"] == t["Goldman Sachs"] == "Company"


def test_a_well_known_firms_name_inside_a_longer_name_is_not_cut_out(nlp):
    doc = extract_text("The agency moved its files to Google Cloud Platform last year.", nlp)
    assert "Google" not in types(doc)


@pytest.mark.parametrize("text, fact, absent", [
    ("Ostara Labs, whose backers include Granite Peak Partners and Birch Ventures, declined to comment.",
     ("Birch Ventures", "INVESTED_IN", "Ostara Labs"), None),
    # the outlet reporting a round is not one of its investors
    ("Ostara Labs, a Boston mapping company, has raised $40 million in a round led by Granite Peak Partners, "
     "Harbor Wire reported on Monday.", ("Granite Peak Partners", "INVESTED_IN", "Ostara Labs"),
     ("Harbor Wire", "INVESTED_IN", "Ostara Labs")),
])
def test_investor_lists_and_their_ends(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    assert fact in found
    if absent:
        assert absent not in found


def test_a_name_with_its_own_software_or_staff_is_a_firm(nlp):
    doc = extract_text("Agencies spent $2 million on Quillon software and training last year.", nlp)
    assert types(doc).get("Quillon") == "Company"


@pytest.mark.parametrize("text, fact, absent", [
    ("Tallow Robotics sells drones to the police. Its Kestrel quadcopter maps buildings.",
     ("Kestrel", "PRODUCT_OF", "Tallow Robotics"), None),
    ("Orbital Sense Inc.'s fleet of small Lark satellites photographs farms daily.",
     ("Lark", "PRODUCT_OF", "Orbital Sense Inc."), None),
    ("Quillon Inc.'s flagship product, the Heron drone, flies for hours.", ("Heron", "PRODUCT_OF", "Quillon Inc."), None),
    # a contract named after the product is about the product, not a product statement
    ("The Army extended Quillon Inc.'s Heron drone contract.", None, None),
    ("The Government Accountability Office, Congress's watchdog, reviewed the award.",
     ("Government Accountability Office", "PART_OF", "U.S. Congress"), None),
    ("The award came from Army Futures Command, itself a command of the Army.",
     ("Army Futures Command", "PART_OF", "U.S. Army"), None),
    ("Quillon Federal LLC, a subsidiary of the Denver imaging company Quillon Inc., won the work.",
     ("Quillon Federal LLC", "SUBSIDIARY_OF", "Quillon Inc."), None),
    ("Quillon Systems, founded in 2016, is based in Maryland.", ("Quillon Systems", "LOCATED_IN", "Maryland"), None),
    ("Mark Ellison, a Quillon Systems technical fellow, led the design.",
     ("Mark Ellison", "WORKS_FOR", "Quillon Systems"), None),
    ("Laura Bennett directs the Navy's Unmanned Systems Office.", ("Laura Bennett", "WORKS_FOR", "Unmanned Systems Office"), None),
    ("Harbor Wire's Mark Ellison reported the deal first.", ("Mark Ellison", "WORKS_FOR", "Harbor Wire"), None),
    # a possessive before a product's name is no employer
    ("Tallow Robotics's app reached Apple's App Store in June.", None, ("App Store", "WORKS_FOR", "Apple")),
])
def test_products_units_places_and_staff(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    if fact:
        assert fact in found
    if absent:
        assert absent not in found


def test_local_office_titles_before_a_name(nlp):
    doc = extract_text("The Ridgeview Police Department signed the deal. Police spokesman Mark Ellison confirmed it. "
                       "The council approved it, but City Council member Laura Bennett voted no.", nlp)
    found = facts(doc)
    assert ("Mark Ellison", "WORKS_FOR", "Ridgeview Police Department") in found
    assert ("Laura Bennett", "WORKS_FOR", "City Council") in found


def test_a_surname_shared_by_two_people_stays_a_person(nlp):
    doc = extract_text("Tallow Robotics was founded by Laura Bennett and her brother Mark Bennett. Bennett started the "
                       "company in 2015. Its software, Kestrel, maps buildings.", nlp)
    assert not any(e.name == "Bennett" and e.type == "Company" for e in doc.entities)
    assert not any(r.type == "PRODUCT_OF" and doc.entity(r.target).type == "Person" for r in doc.relations)


def test_police_spokesman_works_for_the_department_the_article_names_most(nlp):
    doc = extract_text("The Ridgeview Police Department bought the software. The Ridgeview Police Department trained "
                       "officers on it, as the Harbor City Police Department had. Police spokesman Mark Ellison "
                       "confirmed the purchase.", nlp)
    assert ("Mark Ellison", "WORKS_FOR", "Ridgeview Police Department") in facts(doc)


def test_staff_named_after_their_outlets_possessive_with_any_verb(nlp):
    doc = extract_text("Harbor Wire's Mark Ellison identified the buyer.", nlp)
    assert ("Mark Ellison", "WORKS_FOR", "Harbor Wire") in facts(doc)


@pytest.mark.parametrize("text, name, kind", [
    ("Ostara Labs is backed by Granite Fund, the venture firm Laura Bennett co-founded.", "Laura Bennett", "Person"),
    ("The Harbor Privacy Project and the Civic Data Project sued the city.", "Harbor Privacy Project", "Organization"),
    ("The Army's Program Executive Office Ground Systems bought the radios.",
     "Program Executive Office Ground Systems", "Agency"),
    ("Ridgeview police said the department's Regional Intelligence Center used the tool.",
     "Regional Intelligence Center", "Agency"),
    ("Orbit Space and Lumen Space won study contracts.", "Orbit Space", "Company"),
    ("Harbor Systems acquired Area-I, a drone maker, in April.", "Area-I", "Company"),
])
def test_typing_of_relative_clauses_projects_offices_and_hyphens(nlp, text, name, kind):
    assert types(extract_text(text, nlp)).get(name) == kind


def test_a_backer_of_another_clause_is_not_the_subjects(nlp):
    doc = extract_text("Ostara Labs flew over Ridgeview once before, in a 2016 trial that was also financed by "
                       "Granite Fund.", nlp)
    assert ("Granite Fund", "INVESTED_IN", "Ostara Labs") not in facts(doc)


@pytest.mark.parametrize("text, fact", [
    ("The contract went to Lumen Robotics, the company Laura Bennett founded in 2019.",
     ("Laura Bennett", "FOUNDED", "Lumen Robotics")),
    ("Mark Ellison started Lumen Robotics in 2015 with his sister, Laura Ellison.",
     ("Laura Ellison", "FOUNDED", "Lumen Robotics")),
    ("Mark Ellison, who directs the Navy's Unmanned Systems Office, praised the test.",
     ("Mark Ellison", "WORKS_FOR", "Unmanned Systems Office")),
    ("Lumen Robotics, the Denver-based company run by chief executive Laura Bennett, sells drones.",
     ("Laura Bennett", "WORKS_FOR", "Lumen Robotics")),
    # the role in the apposition is the article's firm, whatever a later clause names
    ("Lumen Robotics sells drones. Laura Bennett, the chief executive and also a co-founder, built the company while "
     "she was an engineer at Quillon Systems.", ("Laura Bennett", "FOUNDED", "Lumen Robotics")),
])
def test_founders_and_heads_in_clauses(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact, absent", [
    ("Vantor Analytics hired Rebecca Lin, a former Microsoft executive, as its president in 2021.",
     ("Rebecca Lin", "WORKS_FOR", "Vantor Analytics"), None),
    ("Vantor Analytics co-founders Rebecca Lin and Tom Hart met at Stanford University.",
     ("Tom Hart", "FOUNDED", "Vantor Analytics"), None),
    ("The founders of Vantor Analytics, Rebecca Lin and Tom Hart, met in college.",
     ("Tom Hart", "FOUNDED", "Vantor Analytics"), None),
    # the firm inside the relative clause is not the buyer
    ("Keystone Holdings, which also owns Brightline Security, bought Vantor Analytics last year.",
     ("Keystone Holdings", "ACQUIRED", "Vantor Analytics"), ("Brightline Security", "ACQUIRED", "Vantor Analytics")),
    ("Meridian Group completed its $400 million acquisition of Vantor Analytics in March.",
     ("Meridian Group", "ACQUIRED", "Vantor Analytics"), None),
    ("Vantor Analytics, now part of Meridian Group, sells data.", ("Vantor Analytics", "SUBSIDIARY_OF", "Meridian Group"), None),
    ("Granite Peak Capital, which invested in Vantor Analytics in 2019, declined to comment.",
     ("Granite Peak Capital", "INVESTED_IN", "Vantor Analytics"), None),
    ("Vantor Analytics sells a tool called Sentinel that scans social media.", ("Sentinel", "PRODUCT_OF", "Vantor Analytics"), None),
    ("Susan Park, who teaches law at Georgetown University, studied the program.",
     ("Susan Park", "WORKS_FOR", "Georgetown University"), None),
])
def test_more_news_wordings(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    assert fact in found
    if absent:
        assert absent not in found


@pytest.mark.parametrize("text, name, kind", [
    ("The Electronic Privacy Information Center obtained the records through a lawsuit.",
     "Electronic Privacy Information Center", "Organization"),
    ("Amnesty International and the Harbor Rights Alliance published the report.", "Amnesty International", "Organization"),
    # programs and contests are not bodies
    ("Lumen Robotics won the Air Combat Evolution program last year.", "Air Combat Evolution", "Other"),
    ("Lumen Robotics won the Harbor Dogfight Trials in August.", "Harbor Dogfight Trials", "Other"),
])
def test_advocacy_groups_programs_and_contests(nlp, text, name, kind):
    got = types(extract_text(text, nlp)).get(name)
    assert got == kind or kind == "Other" and got in (None, "Other")


def test_one_parent_relation_per_pair_and_no_nationality_as_place(nlp):
    found = facts(extract_text("Researchers at the Citizen Lab, part of the University of Toronto, found the spyware. "
                               "Hanwha Vision, a South Korean camera maker, supplies the cameras.", nlp))
    assert ("Citizen Lab", "PART_OF", "University of Toronto") in found
    assert ("Citizen Lab", "SUBSIDIARY_OF", "University of Toronto") not in found
    assert not any(r == "LOCATED_IN" and t == "South Korean" for _, r, t in found)


def test_secretaries_attorneys_general_and_groups(nlp):
    doc = extract_text("The Defense Department signed the deal. Deputy Defense Secretary Laura Bennett praised it. "
                       "The Ohio attorney general's office opened an inquiry, and Attorney General Mark Ellison said "
                       "more was coming. The Harbor Privacy Project objected; Dana Whitfield, the group's "
                       "communications director, called it reckless.", nlp)
    found = facts(doc)
    assert ("Laura Bennett", "WORKS_FOR", "Department of Defense") in found
    assert ("Mark Ellison", "WORKS_FOR", "Ohio attorney general's office") in found
    assert ("Dana Whitfield", "WORKS_FOR", "Harbor Privacy Project") in found


def test_remaining_a_shareholder(nlp):
    doc = extract_text("Lumen Robotics sells drones. Mark Ellison, a co-founder, said he was ready for new work and "
                       "remained one of the company's largest shareholders.", nlp)
    assert ("Mark Ellison", "INVESTED_IN", "Lumen Robotics") in facts(doc)


@pytest.mark.parametrize("text, fact", [
    ("Nadia Kerr, the longtime and widely respected chief technology officer of Orion Metrics, left in May.",
     ("Nadia Kerr", "WORKS_FOR", "Orion Metrics")),
    ("Paul Grant took the helm of Orion Metrics in January.", ("Paul Grant", "WORKS_FOR", "Orion Metrics")),
    ("Paul Grant stepped down as chief executive of Orion Metrics last week.", ("Paul Grant", "WORKS_FOR", "Orion Metrics")),
    ("Paul Grant heads the analytics division at Orion Metrics.", ("Paul Grant", "WORKS_FOR", "Orion Metrics")),
    ("Paul Grant is the founder and chief executive of Orion Metrics.", ("Paul Grant", "FOUNDED", "Orion Metrics")),
    ("Harwell Corp., Orion Metrics' parent, declined to comment.", ("Orion Metrics", "SUBSIDIARY_OF", "Harwell Corp.")),
    ("Orion Metrics, a Boston sensor company, raised $40 million. Sequoia Capital led the round, with participation "
     "from Founders Fund.", ("Founders Fund", "INVESTED_IN", "Orion Metrics")),
])
def test_heads_founders_parents_and_rounds(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_a_generic_office_is_no_name_and_a_maker_of_a_product(nlp):
    doc = extract_text("The sheriff's office bought Cobalt. Tangent Systems, the maker of Cobalt, declined to comment.", nlp)
    assert "sheriff's office" not in types(doc)
    assert ("Cobalt", "PRODUCT_OF", "Tangent Systems") in facts(doc)
    doc = extract_text("The Cook County Sheriff's Office bought the tool.", nlp)
    assert types(doc).get("Cook County Sheriff's Office") == "Agency"


@pytest.mark.parametrize("text, fact, absent", [
    ("Halberd Group, the Chicago company that sells radios to police across the United States, has acquired "
     "Tangent Systems.", ("Halberd Group", "ACQUIRED", "Tangent Systems"), ("United States", "ACQUIRED", "Tangent Systems")),
    ("Orion Metrics bought Tangent Systems, the mapping firm Halberd Group had acquired in 2015.",
     ("Halberd Group", "ACQUIRED", "Tangent Systems"), None),
])
def test_acquirers_across_descriptions(nlp, text, fact, absent):
    found = facts(extract_text(text, nlp))
    assert fact in found
    if absent:
        assert absent not in found


def test_a_place_with_a_comma_before_the_kind_of_firm(nlp):
    doc = extract_text("Orbital Sense Inc., a Herndon, Virginia, company that tracks radio signals, raised $20 million.", nlp)
    assert ("Orbital Sense Inc.", "LOCATED_IN", "Herndon, Virginia") in facts(doc)


# --- issue 4h: employers, makers and parents in more of the forms news uses -----------------------
@pytest.mark.parametrize("text, fact", [
    # a role named before the name, with the employer after "for"/"of"
    ("A spokeswoman for Velmont Robotics, Karen Mitchell, declined to comment.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("The director of the Federal Aviation Administration, Karen Mitchell, told reporters the rule would stand.",
     ("Karen Mitchell", "WORKS_FOR", "Federal Aviation Administration")),
    # a named body used as a modifier of the role ("a Velmont vice president", "an FBI agent")
    ("Karen Mitchell, a Velmont Robotics vice president, said orders had doubled.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("Karen Mitchell, a former Federal Bureau of Investigation agent, now advises the firm.",
     ("Karen Mitchell", "WORKS_FOR", "Federal Bureau of Investigation")),
    # a capitalised title before the name
    ("FBI Director Karen Mitchell told lawmakers the bureau needed more agents.",
     ("Karen Mitchell", "WORKS_FOR", "Federal Bureau of Investigation")),
    ("Velmont Robotics President Karen Mitchell said orders had doubled.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    # "Y's head of X, Z"
    ("Velmont Robotics' head of public policy, Karen Mitchell, wrote to the council.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    # a firm's person, named after its possessive
    ("Velmont Robotics' Karen Mitchell said the robots were unarmed.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    # earlier employers after "after ... at"
    ("Karen Mitchell joined Velmont Robotics in 2019 after a decade at Boeing.",
     ("Karen Mitchell", "WORKS_FOR", "Boeing")),
    ("Karen Mitchell came to the company after 20 years in the Navy.",
     ("Karen Mitchell", "WORKS_FOR", "U.S. Navy")),
    # hired, without the role
    ("Velmont Robotics hired Karen Mitchell, a former Pentagon official, last spring.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("Karen Mitchell, now a partner at Kessler Ventures, left the agency in 2020.",
     ("Karen Mitchell", "WORKS_FOR", "Kessler Ventures")),
])
def test_roles_named_before_and_around_the_name(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, people, employer", [
    ("Velmont Robotics executives Karen Mitchell and David Harper met with the mayor.",
     ("Karen Mitchell", "David Harper"), "Velmont Robotics"),
    ("Karen Mitchell and David Harper, both engineers at Velmont Robotics, wrote the software.",
     ("Karen Mitchell", "David Harper"), "Velmont Robotics"),
    ("Karen Mitchell, Velmont Robotics' chief executive, and David Harper, its president, met with the mayor.",
     ("Karen Mitchell", "David Harper"), "Velmont Robotics"),
])
def test_names_sharing_one_role(nlp, text, people, employer):
    found = facts(extract_text(text, nlp))
    for person in people:
        assert (person, "WORKS_FOR", employer) in found


@pytest.mark.parametrize("text, absent", [
    # a country's title is no employer; a board seat is no job
    ("Karen Mitchell, the former U.S. chief technology officer, joined Velmont Robotics last year.",
     ("Karen Mitchell", "WORKS_FOR", "U.S.")),
    ("Karen Mitchell, a board member of Velmont Robotics, voted against the sale.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    # "Prince chairs" is a verb, not people named after a plural role
    ("Prince chairs Hong Kong-based Frontier Logistics Group.", ("Hong Kong", "WORKS_FOR", "Frontier Logistics Group")),
])
def test_roles_that_are_no_employment(nlp, text, absent):
    assert absent not in facts(extract_text(text, nlp))


def test_a_title_after_a_list_ends_the_list(nlp):
    # "and Harrow founder X": Harrow modifies X, it is not one more backer
    found = facts(extract_text("Its backers have included Birch Ventures and Alder Capital, and Harrow Group founder "
                               "Karen Mitchell is also an investor.", nlp))
    assert ("Karen Mitchell", "FOUNDED", "Harrow Group") in found
    assert not any(f[0] == "Harrow Group" and f[1] == "INVESTED_IN" for f in found)


@pytest.mark.parametrize("text, fact", [
    ("Police in Tulsa bought licenses from Velmont Robotics, which makes the Kestrel drone.",
     ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("The sheriff used Kestrel, a facial recognition tool from Velmont Robotics, in 40 cases.",
     ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("Investigators tested the Kestrel app from Velmont Robotics last year.",
     ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("The city signed with Velmont Robotics, maker of the Kestrel drone, in May.",
     ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("The agency bought Velmont's Kestrel, a license plate reader, in 2021.",
     ("Kestrel", "PRODUCT_OF", "Velmont")),
    # the model's one span over a plural possessive is two names
    ("The Army tested Harbor Dynamics' Osprey drone last year.", ("Osprey", "PRODUCT_OF", "Harbor Dynamics")),
    ("ICE used Orbis Analytics' Lumen platform to track phones.", ("Lumen", "PRODUCT_OF", "Orbis Analytics")),
])
def test_products_and_their_makers(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact", [
    ("Tallis Mapping, whose parent company is Harrow Group, makes maps for ports.",
     ("Tallis Mapping", "SUBSIDIARY_OF", "Harrow Group")),
    ("Tallis Mapping, which is owned by Harrow Group Inc., makes maps for ports.",
     ("Tallis Mapping", "SUBSIDIARY_OF", "Harrow Group Inc.")),
    ("The Secret Service, which falls under the Department of Homeland Security, bought the tool.",
     ("Secret Service", "PART_OF", "Department of Homeland Security")),
    ("The grant came from the Science and Technology Directorate of the Department of Homeland Security.",
     ("Science and Technology Directorate", "PART_OF", "Department of Homeland Security")),
])
def test_units_and_parents(nlp, text, fact):
    found = facts(extract_text(text, nlp))
    assert any(f[1] == fact[1] and fact[0] in f[0] and fact[2] in f[2] for f in found), found


@pytest.mark.parametrize("text, fact", [
    ("Karen Mitchell, who was named Velmont Robotics' chief executive in 2020, declined to comment.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("\"It works,\" said Karen Mitchell, who oversees procurement at the Federal Aviation Administration.",
     ("Karen Mitchell", "WORKS_FOR", "Federal Aviation Administration")),
    ("Before joining Velmont Robotics, Karen Mitchell worked at Google for a decade.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("Karen Mitchell, Velmont Robotics' top lawyer, said the suit had no merit.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("Velmont Robotics makes drones for police. Karen Mitchell, a spokeswoman, said sales rose.",
     ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics")),
    ("Karen Mitchell, a Velmont Robotics co-founder, said sales rose.",
     ("Karen Mitchell", "FOUNDED", "Velmont Robotics")),
    ("Velmont Robotics unveiled Kestrel, a drone for police, on Monday.",
     ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("Last year Velmont Robotics launched the Kestrel drone.", ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    ("The Kestrel, Velmont Robotics' newest drone, flies for an hour.", ("Kestrel", "PRODUCT_OF", "Velmont Robotics")),
    # a one-word name opening the sentence, described by a participle, is a name the tagger missed
    ("Sentry, made by Corvane Systems, flags suspicious trades.", ("Sentry", "PRODUCT_OF", "Corvane Systems")),
])
def test_more_roles_founders_and_launches(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, name", [
    ("The agency buys imagery beyond ClearView, the long-running imagery program that Orbis supplies.", "ClearView"),
    ("The contract, code-named BlueHarbor, was awarded without public announcement.", "BlueHarbor"),
    # a people named before "population", "community": no body
    ("Critics say the cameras watch the largely Muslim Uyghur population in the region.", "Muslim Uyghur"),
])
def test_programs_and_code_names_are_no_bodies(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) not in ("Company", "Agency", "Organization", "Person")


@pytest.mark.parametrize("text, fact", [
    # "the agency", "the department" in a role: the agency the article names
    ("The Federal Aviation Administration issued the rule on Monday. An agency spokeswoman, Karen Mitchell, said "
     "it would take effect in May.", ("Karen Mitchell", "WORKS_FOR", "Federal Aviation Administration")),
    ("The Denver Police Department bought the drones in March. Karen Mitchell, a department spokeswoman, said they "
     "would be used for searches.", ("Karen Mitchell", "WORKS_FOR", "Denver Police Department")),
    ("The Federal Aviation Administration issued the rule on Monday. Karen Mitchell, the agency's chief counsel, "
     "said it would take effect in May.", ("Karen Mitchell", "WORKS_FOR", "Federal Aviation Administration")),
])
def test_roles_at_the_agency_named_before(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_an_agency_role_is_not_a_firms(nlp):
    # the last body named is a firm: "an agency spokesman" is not its employee
    found = facts(extract_text("Velmont Robotics sold drones to police. An agency spokesman, Karen Mitchell, "
                               "declined to comment.", nlp))
    assert ("Karen Mitchell", "WORKS_FOR", "Velmont Robotics") not in found


# -- session 7: places, owners and founders in more of the slots reporters use -------------------
@pytest.mark.parametrize("text, fact", [
    # a firm noun with a place, said of the firm the story is about ("the Denver-based company")
    ("Corvane Systems won the contract. The Denver-based company makes drones.",
     ("Corvane Systems", "LOCATED_IN", "Denver")),
    ("Corvane Systems won the contract. Last year the Tampa firm raised $40 million.",
     ("Corvane Systems", "LOCATED_IN", "Tampa")),
    ("Lumora Robotics makes drones. The Austin-based startup raised $12 million last year.",
     ("Lumora Robotics", "LOCATED_IN", "Austin")),
    ("Corvane Systems won the contract, the California drone maker said on Tuesday.",
     ("Corvane Systems", "LOCATED_IN", "California")),
    ("The Army returned the robots to the Massachusetts company, Corvane Systems said.",
     ("Corvane Systems", "LOCATED_IN", "Massachusetts")),
    # "X's Tampa headquarters", "X, of Tampa, Florida,", a participle opening the sentence
    ("Corvane Systems' Tampa headquarters was raided.", ("Corvane Systems", "LOCATED_IN", "Tampa")),
    ("Lumora Robotics, of Boulder, Colorado, makes drones.", ("Lumora Robotics", "LOCATED_IN", "Boulder")),
    ("Founded in 2015 and based in Tampa, Corvane Systems makes drones.", ("Corvane Systems", "LOCATED_IN", "Tampa")),
    ("Based in Boulder, Colorado, Lumora Robotics sells drones to farmers.", ("Lumora Robotics", "LOCATED_IN", "Boulder")),
])
def test_places_in_more_slots(nlp, text, fact):
    got = facts(extract_text(text, nlp))
    assert any(fact[0] == a and fact[1] == b and c.startswith(fact[2]) for a, b, c in got), got


@pytest.mark.parametrize("text", [
    # "the Massachusetts company" when the story's firm and the last sentence's subject differ: no guess
    "Boston Kinetics makes robots. Harrow Robotics leased a Lynx robot from Boston Kinetics. The robot was returned "
    "to the Massachusetts company.",
    # an office is not where a firm is based
    "Corvane Systems, which has offices in Tampa and London, won the contract.",
])
def test_no_place_for_the_wrong_firm(nlp, text):
    got = facts(extract_text(text, nlp))
    assert not any(b == "LOCATED_IN" and a in ("Lynx", "Harrow Robotics", "Corvane Systems") for a, b, _ in got), got


@pytest.mark.parametrize("text, fact", [
    # a firm owned by a firm is its subsidiary, whatever sits between the words
    ("Velto Analytics, which Harrow Group owns, sells maps to police.", ("Velto Analytics", "SUBSIDIARY_OF", "Harrow Group")),
    ("Velto Analytics, the Israeli forensics firm owned by Japan's Harrow Group, sells a rival service.",
     ("Velto Analytics", "SUBSIDIARY_OF", "Harrow Group")),
    ("Velto Analytics has been owned since 2018 by Harrow Group, which paid $475 million for it.",
     ("Velto Analytics", "SUBSIDIARY_OF", "Harrow Group")),
    # a firm sold to another is bought by it, and was the seller's
    ("Harrow Group sold Velto Analytics to the private equity firm Redwood Partners in 2019.",
     ("Redwood Partners", "ACQUIRED", "Velto Analytics")),
    ("Harrow Group sold Velto Analytics to the private equity firm Redwood Partners in 2019.",
     ("Velto Analytics", "SUBSIDIARY_OF", "Harrow Group")),
    # any noun describing a firm, with a place before it
    ("Velto Analytics, a California location aggregator, sold the data.", ("Velto Analytics", "LOCATED_IN", "California")),
    ("Velto Analytics, a marketing firm in Boca Raton, Florida, sold the data.",
     ("Velto Analytics", "LOCATED_IN", "Boca Raton")),
])
def test_owners_sellers_and_described_places(nlp, text, fact):
    got = facts(extract_text(text, nlp))
    assert any(fact[0] == a and fact[1] == b and c.startswith(fact[2]) for a, b, c in got), got


@pytest.mark.parametrize("text, fact", [
    ("The Domain Watch System was developed by Harrow Group engineers working with police.",
     ("Domain Watch System", "PRODUCT_OF", "Harrow Group")),
    ("The Commerce Department added Velto Analytics and Korvo Systems, the companies behind the Predator spyware, "
     "to its list.", ("Predator", "PRODUCT_OF", "Korvo Systems")),
    ("The Army ordered 38 Typhoon jets from Harrow Group in 2020.", ("Typhoon", "PRODUCT_OF", "Harrow Group")),
    ("The ministry bought 35 Kestrel fighters built by Harrow Group.", ("Kestrel", "PRODUCT_OF", "Harrow Group")),
])
def test_products_by_their_makers_people_counts_and_kinds(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text", [
    # what a firm sells now is goods, not a firm changing hands
    "Harrow Group sells Skyhawk to the Army and to Redwood Partners.",
    # an owner that is no firm makes no subsidiary
    "Velto Analytics is owned by Dana Ruiz, its founder.",
])
def test_no_firm_sale_or_subsidiary_here(nlp, text):
    got = facts(extract_text(text, nlp))
    assert not any(b in ("ACQUIRED", "SUBSIDIARY_OF") for _, b, _ in got), got


@pytest.mark.parametrize("text, fact", [
    # a government unit "of" or owned by ('s) its parent body
    ("Much of the money came from the Science and Technology Directorate of the Department of Homeland Security.",
     ("Science and Technology Directorate", "PART_OF", "Department of Homeland Security")),
    ("The National Reconnaissance Office's Commercial Systems Program Office signed the deal.",
     ("Commercial Systems Program Office", "PART_OF", "National Reconnaissance Office")),
    # a named unit employs its director (the parent does not: see test_extract's unit test)
    ("Lena Fischer, who directs the FBI's Criminal Justice Information Services Division, said the system works.",
     ("Lena Fischer", "WORKS_FOR", "Criminal Justice Information Services Division")),
    # "whose" said through a describing noun
    ("It also bought Harlow UAV, a Texas company whose Kestrel drone takes off vertically.",
     ("Kestrel", "PRODUCT_OF", "Harlow UAV")),
    # a reporting outlet is not the firm "the New York start-up" means
    ("Federal agencies have spent $10 million on Velto Analytics, making the New York blockchain start-up the leading "
     "supplier, CoinDesk reported.", ("Velto Analytics", "LOCATED_IN", "New York")),
])
def test_units_directors_whose_and_outlets(nlp, text, fact):
    got = facts(extract_text(text, nlp))
    assert any(fact[0] in a and fact[1] == b and c.startswith(fact[2]) for a, b, c in got), got


def test_a_city_officials_title_is_not_the_story_firms(nlp):
    doc = extract_text("Velto Analytics bought the streetlights. Erik Dahl, who oversees the program as the city's "
                       "deputy chief operating officer, said the lights would keep working.", nlp)
    assert ("Erik Dahl", "WORKS_FOR", "Velto Analytics") not in facts(doc)


def test_a_plural_lower_case_first_brand_is_goods(nlp):
    doc = extract_text("Velto Analytics sells a box that can crack the passcodes of locked iPhones.", nlp)
    assert types(doc).get("iPhones") != "Company"


@pytest.mark.parametrize("text, fact, wrong", [
    # "took over as chief executive" is a job, not a purchase of the firm; "took over Y" still is one
    ("Priya Raman took over as chief executive of Kestrel Analytics in March.",
     ("Priya Raman", "WORKS_FOR", "Kestrel Analytics"), ("Priya Raman", "ACQUIRED", "Kestrel Analytics")),
    ("Dana Ruiz will take over as Velto Analytics' chief executive in January.",
     ("Dana Ruiz", "WORKS_FOR", "Velto Analytics"), ("Dana Ruiz", "ACQUIRED", "Velto Analytics")),
])
def test_taking_over_as_a_job_is_no_acquisition(nlp, text, fact, wrong):
    got = facts(extract_text(text, nlp))
    assert fact in got and wrong not in got, got


def test_taking_over_a_firm_is_still_an_acquisition(nlp):
    assert ("Boeing", "ACQUIRED", "Kestrel Analytics") in facts(extract_text("Boeing took over Kestrel Analytics in 2019.", nlp))


# -- issue 4n: founders listed with their descriptions, firms that own firms, set-off places
@pytest.mark.parametrize("text, fact", [
    ("Ostara Labs was founded by Maria Sandoval, a former Navy officer, Peter Lang, a physicist, and Dana Ruiz, "
     "an engineer.", ("Dana Ruiz", "FOUNDED", "Ostara Labs")),
    ("Ostara Labs was founded by Maria Sandoval, a former Navy officer, Peter Lang, a physicist, and Dana Ruiz, "
     "an engineer.", ("Peter Lang", "FOUNDED", "Ostara Labs")),
    ("Harrow Group already owns Tarrant Labs, the Canadian sensor maker it bought a decade ago.",
     ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Brennan Holdings already owns Quillon Systems and two smaller drone makers.",
     ("Quillon Systems", "SUBSIDIARY_OF", "Brennan Holdings")),
    ("Orvex Robotics, based in Austin, Texas, said it planned to sell the system to other cities.",
     ("Orvex Robotics", "LOCATED_IN", "Austin, Texas")),
    ("Tarrant Labs, the security firm that is majority-owned by the investment house Brennan Holdings, won the bid.",
     ("Tarrant Labs", "SUBSIDIARY_OF", "Brennan Holdings")),
    ("Tarrant Labs, the Harrow Group subsidiary, won the contract.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
])
def test_issue_4n_ties(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    ("Harrow Group does not own Tarrant Labs.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Harrow Group may one day own Tarrant Labs.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Brightwater Capital owns a stake in Tarrant Labs.", ("Tarrant Labs", "SUBSIDIARY_OF", "Brightwater Capital")),
    ("Dana Ruiz owns Tarrant Labs.", ("Tarrant Labs", "SUBSIDIARY_OF", "Dana Ruiz")),
    ("Tarrant Labs is not owned by Harrow Group.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Tarrant Labs, the U.S. subsidiary, won the contract with help from Harrow Group.",
     ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
])
def test_issue_4n_no_ties(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact", [
    ("Ostara Labs makes radars. Its backers have included Redwood Partners, Birch Capital and Dana Ruiz's "
     "investment firm, Ruiz Ventures.", ("Ruiz Ventures", "INVESTED_IN", "Ostara Labs")),
    ("Ostara Labs makes radars. Its first backer was Redwood Partners, the investment firm of Birch Capital founder "
     "Dana Ruiz.", ("Redwood Partners", "INVESTED_IN", "Ostara Labs")),
    ("Ostara Labs was founded in 2011 by Dana Ruiz and last year raised $17 million in a round led by Redwood "
     "Partners, an Austin venture firm.", ("Redwood Partners", "INVESTED_IN", "Ostara Labs")),
    ("Quillon Systems was founded in 2010, and in 2015 it acquired Zeta Labs.", ("Quillon Systems", "ACQUIRED", "Zeta Labs")),
    ("Quillon Systems said it acquired Zeta Labs in 2015.", ("Quillon Systems", "ACQUIRED", "Zeta Labs")),
])
def test_issue_4n_pronouns_and_lists(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    # the person whose firm is listed is no investor; rivals are no backers
    ("Ostara Labs makes radars. Its backers have included Redwood Partners, Birch Capital and Dana Ruiz's "
     "investment firm, Ruiz Ventures.", ("Dana Ruiz", "INVESTED_IN", "Ostara Labs")),
    ("Ostara Labs makes radars. Its rivals include Redwood Partners, Birch Capital and Quillon Systems.",
     ("Quillon Systems", "INVESTED_IN", "Ostara Labs")),
    # "it" after ", and" is the clause's own subject, not the firm named just before
    ("In February it sold its consumer businesses to Brennan Machines, and in the summer it acquired Zeta Aerospace.",
     ("Brennan Machines", "ACQUIRED", "Zeta Aerospace")),
    ("Harrow Group bought Tallis Systems, a maker of solar cells, for $80 million in 2022, and in March it agreed to "
     "take over Mynor Labs.", ("Tallis Systems", "ACQUIRED", "Mynor Labs")),
])
def test_issue_4n_no_pronoun_slips(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


def test_its_parent_is_the_parent_the_sentence_names(nlp):
    got = facts(extract_text("Tallis Systems, the services arm of Harrow Group, grew when its parent bought Zeta Labs "
                             "in 2018.", nlp))
    assert ("Harrow Group", "ACQUIRED", "Zeta Labs") in got
    assert ("Tallis Systems", "ACQUIRED", "Zeta Labs") not in got


@pytest.mark.parametrize("text, wrong", [
    ("Tallis Systems, a unit of Harrow Group, said its parent would not buy Zeta Labs.",
     ("Harrow Group", "ACQUIRED", "Zeta Labs")),
    # a business sold to an investment firm is no product of the seller
    ("Harrow Group sold Lumen Optics to the private equity firm Brennan Partners in 2019.",
     ("Lumen Optics", "PRODUCT_OF", "Harrow Group")),
])
def test_issue_4n_no_parent_or_product_slips(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


def test_which_after_a_firm_run_by_a_person_is_the_firm(nlp):
    got = facts(extract_text("Tarrant Labs is owned by Brennan Equity, the Denver investment firm run by Tom Garber, "
                             "which agreed to buy it last year from Quillon Partners for about $1.6 billion.", nlp))
    assert ("Brennan Equity", "ACQUIRED", "Tarrant Labs") in got
    assert ("Tarrant Labs", "SUBSIDIARY_OF", "Quillon Partners") in got  # (its past parent)
    assert ("Tom Garber", "ACQUIRED", "Tarrant Labs") not in got


def test_an_acquisition_not_made_does_not_join_ownership(nlp):
    got = facts(extract_text("Tarrant Labs is owned by Quillon Partners, which did not buy it.", nlp))
    assert ("Quillon Partners", "ACQUIRED", "Tarrant Labs") not in got


@pytest.mark.parametrize("text, fact", [
    ("Tarrant Labs was spun off from Harrow Group in 2015.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Tarrant Labs, which was spun out of Harrow Group in 2015, won the contract.",
     ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Harrow Group spun off Tarrant Labs in 2015.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
])
def test_issue_4n_more_parents(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    ("Harrow Group plans to spin off Tarrant Labs next year.", ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
    ("Tarrant Labs is a Denver company.", ("Tarrant Labs", "SUBSIDIARY_OF", "Denver")),
])
def test_issue_4n_no_parent(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact", [
    # a place set off inside the apposition ("the Reston, Virginia, services arm of Y") still names a unit of Y
    ("Tarrant Labs, the Reston, Virginia, services arm of Harrow Group, won the deal.",
     ("Tarrant Labs", "SUBSIDIARY_OF", "Harrow Group")),
])
def test_issue_4n_units_named_with_a_place(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_a_firm_started_by_a_founder_did_not_found_his_other_firm(nlp):
    got = facts(extract_text("Brennan Robotics was started in 2017 by Karl Weber, who co-founded the headset maker "
                             "Ostara Labs, and it has hired heavily from Harrow Group.", nlp))
    assert ("Brennan Robotics", "FOUNDED", "Ostara Labs") not in got


@pytest.mark.parametrize("text, fact, wrong", [
    # "its" after a coordinated clause whose subject is a firm ("…, and the company …") is that firm's
    ("Kestrel Space Inc. makes small rockets. Kestrel Space said sales rose. Nippon radar company Orbitas, one of its "
     "most frequent customers, has signed up for a dozen launches, and the company is counting on its larger Heron "
     "rocket to win more work.", ("Heron", "PRODUCT_OF", "Kestrel Space Inc."), ("Heron", "PRODUCT_OF", "Orbitas")),
    ("Kestrel Space Inc. makes small rockets. Kestrel Space said sales rose. Nippon radar company Orbitas, one of its "
     "biggest customers, has signed up for a dozen launches, but the company hopes its Heron rocket will win more work.",
     ("Heron", "PRODUCT_OF", "Kestrel Space Inc."), ("Heron", "PRODUCT_OF", "Orbitas")),
])
def test_its_in_a_coordinated_clause_is_that_clauses_firm(nlp, text, fact, wrong):
    got = facts(extract_text(text, nlp))
    assert fact in got
    assert wrong not in got


@pytest.mark.parametrize("text, fact", [
    # near misses: no firm opens the clause, so "its" stays the sentence's subject
    ("Harrow Group bought Brennan Labs, and its chief executive, Tom Garber, will stay.",
     ("Tom Garber", "WORKS_FOR", "Harrow Group")),
])
def test_its_without_a_firm_clause_subject(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


_TALLIS = ("Tallis Analytics builds hospital software and has won contracts in 12 states. Tallis Analytics sells its "
           "platform to clinics, and hospitals pay Tallis Analytics a fee for each report. ")


@pytest.mark.parametrize("text, fact, wrong", [
    # at the head of its sentence, "the company" continues the firm the sentence before is about (its
    # subject), over the firm the article names most
    (_TALLIS + "The reports feed a database built with Orvane Systems, a Denver analytics firm. Orvane Systems won two "
     "federal contracts this spring. The company's chief executive, Mara Lind, has defended the work.",
     ("Mara Lind", "WORKS_FOR", "Orvane Systems"), ("Mara Lind", "WORKS_FOR", "Tallis Analytics")),
    (_TALLIS + "Orvane Systems, a Denver analytics firm, bought a stake in 2019. The company said its chief executive, "
     "Mara Lind, would step down.", ("Mara Lind", "WORKS_FOR", "Orvane Systems"), ("Mara Lind", "WORKS_FOR", "Tallis Analytics")),
    # near misses: a firm named in a prepositional phrase or as an object is not what the next sentence is about
    (_TALLIS + "The reports feed a database built with Orvane Systems, a Denver analytics firm. The company's chief "
     "executive, Mara Lind, has defended the work.",
     ("Mara Lind", "WORKS_FOR", "Tallis Analytics"), ("Mara Lind", "WORKS_FOR", "Orvane Systems")),
    (_TALLIS + "Regulators fined Orvane Systems, a Denver analytics firm, last year. The company's chief executive, "
     "Mara Lind, has defended the work.",
     ("Mara Lind", "WORKS_FOR", "Tallis Analytics"), ("Mara Lind", "WORKS_FOR", "Orvane Systems")),
])
def test_the_company_continues_the_previous_sentences_subject(nlp, text, fact, wrong):
    got = facts(extract_text(text, nlp))
    assert fact in got
    assert wrong not in got


def _deals(doc):
    return {(c.properties.get("buyer"), c.properties.get("supplier")) for c in doc.entities if c.type == "Contract"}


_BRENNAN = ("Brennan Labs runs state portals. Brennan Labs builds websites for 30 states, and Brennan Labs charges a "
            "small fee. Brennan Labs was founded in 1991. ")


@pytest.mark.parametrize("text, deal, wrong", [
    # "among its customers" after a sentence about another firm: that firm's customers
    (_BRENNAN + "Harrow Group makes court software. Harrow Group itself reported revenue of $1.1 billion last year. Its "
     "software runs the courts of several states, and the Minnesota Judicial Branch is among its longest-standing customers.",
     ("Minnesota Judicial Branch", "Harrow Group"), ("Minnesota Judicial Branch", "Brennan Labs")),
    # near miss: a firm named as the object of the sentence before is not what "its" continues
    (_BRENNAN + "Regulators have praised Harrow Group. The Minnesota Judicial Branch is among its longest-standing customers.",
     ("Minnesota Judicial Branch", "Brennan Labs"), ("Minnesota Judicial Branch", "Harrow Group")),
])
def test_its_customers_are_the_previous_subjects(nlp, text, deal, wrong):
    got = _deals(extract_text(text, nlp))
    assert deal in got
    assert wrong not in got


_KESTREL = "Kestrel Drone Systems Inc. sells drones to police. Kestrel Drone Systems said the town would test its drones. "


@pytest.mark.parametrize("text, fact, wrong", [
    # "its" opening a sentence that names only people: the body the sentence before is about, of any kind
    (_KESTREL + "The Norwood Civil Liberties Union had criticised the plan. Dana Ruiz, its executive director, said the "
     "drones were intrusive.", ("Dana Ruiz", "WORKS_FOR", "Norwood Civil Liberties Union"),
     ("Dana Ruiz", "WORKS_FOR", "Kestrel Drone Systems Inc.")),
    # near miss: a person as the subject before leaves "its" to the story's firm
    (_KESTREL + "Tom Hale, the town's mayor, praised the plan. Dana Ruiz, its chief executive, said the drones were safe.",
     ("Dana Ruiz", "WORKS_FOR", "Kestrel Drone Systems Inc."), ("Dana Ruiz", "WORKS_FOR", "Tom Hale")),
])
def test_its_continues_the_body_the_previous_sentence_is_about(nlp, text, fact, wrong):
    got = facts(extract_text(text, nlp))
    assert fact in got
    assert wrong not in got


_CORVANE = ("Corvane Technologies Inc. has agreed to buy Brightfield Systems Inc. for $2 billion. Corvane makes sensors, "
            "and Corvane already owns two camera makers. ")


@pytest.mark.parametrize("text, fact, wrong", [
    # "In 2016 it bought ...": an "it" that opens its clause after a date continues the previous sentence's subject
    (_CORVANE + "Over the past five years Brightfield has pushed deeper into military hardware. In 2016 it bought Lumen "
     "Optics, a Norwegian drone maker, for $134 million.",
     ("Brightfield Systems Inc.", "ACQUIRED", "Lumen Optics"), ("Corvane Technologies Inc.", "ACQUIRED", "Lumen Optics")),
    (_CORVANE + "Brightfield has pushed deeper into military hardware. Last year it bought Lumen Optics, a Norwegian drone "
     "maker.", ("Brightfield Systems Inc.", "ACQUIRED", "Lumen Optics"), ("Corvane Technologies Inc.", "ACQUIRED", "Lumen Optics")),
])
def test_it_after_an_opening_date_continues_the_previous_subject(nlp, text, fact, wrong):
    got = facts(extract_text(text, nlp))
    assert fact in got
    # (the sentence rule's "it" is still the most-named firm: making it the previous subject there too took
    # "Harrow said it was pleased. It counts Belcourt, Harrow's venture arm, as an investor" the wrong way)
    if wrong in got:
        pytest.xfail("the sentence rule's \"it\" is the most-named firm")


def test_it_after_a_sentence_about_an_agency_is_not_the_agency_buying_a_firm(nlp):
    # near miss: an agency as the subject before does not make "it" the agency's takeover
    got = facts(extract_text(_CORVANE + "The Army has praised Brightfield Systems. In 2016 it bought Lumen Optics, a "
                             "Norwegian drone maker, for $134 million.", nlp))
    assert not any(s == "U.S. Army" and t == "ACQUIRED" for s, t, _ in got)


@pytest.mark.parametrize("text, fact", [
    # a name between an owner and a kind of goods is that owner's product, even one spaCy finds no entity in
    ("Voterra Systems won the contract. Voterra's BallotCast Z machines will be used at the polls.",
     ("BallotCast Z", "PRODUCT_OF", "Voterra Systems")),
    ("Pollworks Inc. won the deal. Its Check Pad tablets replace the state's older check-in units.",
     ("Check Pad", "PRODUCT_OF", "Pollworks Inc.")),
    ("The Army also bought Ardent UAV, a Texas company whose Q-BAT drone takes off vertically.",
     ("Q-BAT", "PRODUCT_OF", "Ardent UAV")),
])
def test_a_name_an_owner_holds_before_a_kind_of_goods_is_its_product(nlp, text, fact):
    doc = extract_text(text, nlp)
    assert types(doc)[fact[0]] == "Product"
    assert fact in facts(doc)


@pytest.mark.parametrize("text, name", [
    # a field, a place or a people before the noun is no product
    ("Kelvor Inc. said its AI tools were ready.", "AI"),
    ("Kelvor Inc. said its Texas plant would build the drones.", "Texas"),
    ("Kelvor Inc. said its Chinese drones were cheaper.", "Chinese"),
])
def test_a_field_or_place_before_a_kind_of_goods_is_no_product(nlp, text, name):
    doc = extract_text(text, nlp)
    assert types(doc).get(name) != "Product"
    assert not any(r.type == "PRODUCT_OF" for r in doc.relations)


@pytest.mark.parametrize("text, fact", [
    # "the lottery's", "the bank's": the body named last whose name ends in that noun
    ("The Ohio Lottery picked Harrow Inc. for the contract. Jane Ruiz, the lottery's acting superintendent, "
     "said the committee weighed each plan.", ("Jane Ruiz", "WORKS_FOR", "Ohio Lottery")),
    ("The Norwood Savings Bank lent the money. Tom Olm, the bank's chairman, said so.",
     ("Tom Olm", "WORKS_FOR", "Norwood Savings Bank")),
])
def test_the_head_noun_of_a_named_body_is_that_body(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_a_noun_no_named_body_ends_in_is_no_employer(nlp):
    # (near miss: "the club" names no body here, so no employer is guessed)
    doc = extract_text("The Norwood Savings Bank lent the money. Tom Olm, the club's chairman, said so.", nlp)
    assert not any(r.type == "WORKS_FOR" for r in doc.relations)


@pytest.mark.parametrize("text", [
    # the state named just before the title
    "Vermont Gov. Dana Ruiz signed the order on Tuesday. Nebraska and Oregon have similar plans.",
    # no state before the title: the one state the article names most
    "Vermont will replace its benefits system. Vermont hired Tallow Systems to build it, as Oregon did. "
    "Gov. Dana Ruiz praised the plan.",
])
def test_a_governor_works_for_the_state_the_article_names(nlp, text):
    doc = extract_text(text, nlp)
    assert ("Dana Ruiz", "WORKS_FOR", "Vermont") in facts(doc)
    assert types(doc)["Vermont"] == "Agency"


@pytest.mark.parametrize("text", [
    # two states named alike: whose governor is not said
    "Vermont and Oregon both use the system. Gov. Dana Ruiz praised it.",
    # a state that only places a city, or describes a firm, is not the state named as a government
    "Tallow Systems, an Oregon company based in Dayton, Ohio, won the work. Gov. Dana Ruiz praised it.",
])
def test_a_governor_is_not_linked_to_a_state_named_in_passing(nlp, text):
    doc = extract_text(text, nlp)
    assert not any(r.type == "WORKS_FOR" and doc.entity(r.source).name == "Dana Ruiz" for r in doc.relations)


@pytest.mark.parametrize("text, employer", [
    ("The Department for Transport signed the deal. Transport Secretary Laura Bennett praised it.",
     "Department for Transport"),
    ("The Department of National Defense bought two frigates. Defense Secretary Laura Bennett signed the order.",
     "Department of National Defense"),
    # a minister is a department's head as a secretary is; the British spelling picks the ministry over the Pentagon
    ("The Federal Ministry of Defence ordered the jets through the U.S. Department of Defense. Defence Minister "
     "Laura Bennett praised the deal.", "Federal Ministry of Defence"),
])
def test_a_department_head_titled_secretary_or_minister_works_for_the_department(nlp, text, employer):
    found = facts(extract_text(text, nlp))
    assert ("Laura Bennett", "WORKS_FOR", employer) in found
    assert not any(f[0] == "Laura Bennett" and f[1] == "WORKS_FOR" and f[2] != employer for f in found)


def test_a_department_head_is_not_linked_when_the_article_names_no_such_department(nlp):
    doc = extract_text("Tallow Rail won the franchise. Transport Secretary Laura Bennett praised it.", nlp)
    assert not any(r.type == "WORKS_FOR" and doc.entity(r.source).name == "Laura Bennett" for r in doc.relations)


@pytest.mark.parametrize("text, fact", [
    # a firm hired or paid "to build" or "to supply" a named thing makes it
    ("The Navy has chosen Harlow Dynamics to build Vireola, a supercomputer for weapons research.",
     ("Vireola", "PRODUCT_OF", "Harlow Dynamics")),
    ("The agency signed a $90 million contract with Kestrova Marine to build dozens of Tern Ray autonomous undersea "
     "vehicles for the fleet.", ("Tern Ray", "PRODUCT_OF", "Kestrova Marine")),
])
def test_a_firm_hired_to_build_a_named_thing_makes_it(nlp, text, fact):
    doc = extract_text(text, nlp)
    assert fact in facts(doc)
    assert types(doc)[fact[0]] == "Product"


@pytest.mark.parametrize("text", [
    # near misses: a place it delivers to, a contract it builds under, a person it hires
    "The Army hired Harlow Dynamics to supply Germany with trucks.",
    "Harlow Dynamics won the work to build Anvil Lake contract housing.",
    "Harlow Dynamics hired Maria Oberlin to build its sales team.",
])
def test_what_a_firm_is_hired_to_build_is_no_product_unless_named_as_goods(nlp, text):
    doc = extract_text(text, nlp)
    assert not any(r.type == "PRODUCT_OF" for r in doc.relations)


@pytest.mark.parametrize("text, name", [
    # a name between an owner and a service or a technology it sells is a product, even one spaCy finds no entity in
    ("The army relies on Harlow Inc.'s Summit cloud services.", "Summit"),
    ("Harlow Dynamics won the award. The headset relies on the company's Summit cloud services.", "Summit"),
])
def test_a_named_service_or_technology_a_firm_owns_is_a_product(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Product"


def test_a_place_before_a_firms_services_is_no_product(nlp):
    # (near miss: "its Texas services" names where, not what)
    doc = extract_text("Harlow Dynamics said its Texas services would grow.", nlp)
    assert types(doc).get("Texas") != "Product"
    assert not any(r.type == "PRODUCT_OF" for r in doc.relations)


@pytest.mark.parametrize("text, name", [
    # a name "its own" kind of goods stands beside is a product, even one spaCy finds no entity in
    ("Harlow Inc. said an intruder logged in to Keystone, its customer support portal, and took records.", "Keystone"),
    ("Orvane Space drew on the bus it designed for Skyline, its own broadband constellation, which has 700 satellites.",
     "Skyline"),
])
def test_a_name_beside_its_own_kind_of_goods_is_a_product(nlp, text, name):
    assert types(extract_text(text, nlp)).get(name) == "Product"


def test_a_person_beside_its_technology_officer_is_no_product(nlp):
    # (near miss: the noun does not end the apposition, "officer" does)
    doc = extract_text("Harlow Inc. named Ann Roe, its chief technology officer, to the board.", nlp)
    assert types(doc).get("Ann Roe") == "Person"


@pytest.mark.parametrize("text, fact", [
    # a subject's description that names two bodies or places is cut out like a shorter one
    ("Tarrant Labs, a subsidiary of the Denver-based gaming group Harrow Group, holds about 80 percent of "
     "Zeta Systems.", ("Tarrant Labs", "INVESTED_IN", "Zeta Systems")),
])
def test_a_subject_described_with_two_bodies_keeps_its_verb(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    # (near misses: the bodies inside the description are not the subject)
    ("Tarrant Labs, a subsidiary of the Denver-based gaming group Harrow Group, holds about 80 percent of "
     "Zeta Systems.", ("Harrow Group", "INVESTED_IN", "Zeta Systems")),
    ("Tarrant Labs, the Boston unit of Harrow Group, holds about 80 percent of Zeta Systems.",
     ("Harrow Group", "INVESTED_IN", "Zeta Systems")),
])
def test_bodies_inside_a_subjects_description_are_not_the_subject(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, fact", [
    # the person a firm was co-founded "with" is a founder too
    ("Karl Weber co-founded Lumen Optics with Lena Ortiz in 2012.", ("Lena Ortiz", "FOUNDED", "Lumen Optics")),
    ("Karl Weber started Lumen Optics in 2012 together with Lena Ortiz and Tom Garber.",
     ("Tom Garber", "FOUNDED", "Lumen Optics")),
    # "formed" or "created" by people is founded by them
    ("Lumen Optics was formed in 2012 by Karl Weber.", ("Karl Weber", "FOUNDED", "Lumen Optics")),
])
def test_founders_named_after_with_or_formed_by(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    # (near misses: money or help from a person, or a person's team, founds nothing)
    ("Karl Weber founded Lumen Optics with money from Lena Ortiz.", ("Lena Ortiz", "FOUNDED", "Lumen Optics")),
    ("Karl Weber founded Lumen Optics with Lena Ortiz's help.", ("Lena Ortiz", "FOUNDED", "Lumen Optics")),
    ("Lumen Optics was created by Karl Weber's team.", ("Karl Weber", "FOUNDED", "Lumen Optics")),
])
def test_no_founder_from_money_help_or_a_team(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


def test_a_firm_based_in_a_city_state_is_located_there_though_it_is_on_the_country_list(nlp):
    doc = extract_text("Varnell Logistics, a Hong Kong-based security firm, signed the deal in March.", nlp)
    assert ("Varnell Logistics", "LOCATED_IN", "Hong Kong") in facts(doc)


# -- a country named alone is a place (issue 4, recall: false entities counted) ----------------------
def test_a_country_typed_as_a_firm_becomes_the_place():
    from kg.extract.relations import _countries_are_places
    from kg.model import Entity, Evidence, Relation

    ev = Evidence("", 0, 0)
    ents = [Entity("e1", "Brazil", "Company"), Entity("e2", "Tarvik", "Product"), Entity("e3", "Venkor", "Company"),
            Entity("e4", "Georgia", "Agency")]
    rels = [Relation("e2", "e1", "PRODUCT_OF", ev), Relation("e3", "e1", "LOCATED_IN", ev),
            Relation("e1", "e3", "MENTIONED_WITH", ev), Relation("e2", "e3", "PRODUCT_OF", ev)]
    kept = {(r.source, r.type, r.target) for r in _countries_are_places(ents, rels)}
    assert ents[0].type == "Location"
    assert kept == {("e3", "LOCATED_IN", "e1"), ("e1", "MENTIONED_WITH", "e3"), ("e2", "PRODUCT_OF", "e3")}
    # near misses: a government named by its country keeps its type; a firm with a country in its name is a firm
    assert ents[3].type == "Agency"
    firm = [Entity("e1", "Brazil Venkor Ltd.", "Company")]
    _countries_are_places(firm, [])
    assert firm[0].type == "Company"
