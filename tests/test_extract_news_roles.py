"""People and their employers, products and their makers, read from the parse (``kg/extract/roles.py``).

Every sentence here was written for these tests (made-up people, firms and products; real
agency names); none is copied from a development text. Many of them no relation pattern reads:
the detector finds them from the dependency parse and the entity types.
"""
from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.model import Article


def extract_text(text, nlp):
    return extract_document(Article(id="t", text=text, date="2024-03-01"), nlp)


def facts(doc, status="asserted"):
    names = {e.id: e.name for e in doc.entities}
    return {(names[r.source], r.type, names[r.target]) for r in doc.relations
            if r.type in ("WORKS_FOR", "PRODUCT_OF") and r.status == status}


def works_for(person, body):
    return (person, "WORKS_FOR", body)


def product_of(product, maker):
    return (product, "PRODUCT_OF", maker)


# -- WORKS_FOR --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # relative clauses: the verb of working, joining or leading and its object
    ("Steven Marsh, who joined Tarrant Labs in 2019 from Google, built the product.",
     [works_for("Steven Marsh", "Tarrant Labs"), works_for("Steven Marsh", "Google")]),
    ("Rachel Ortiz, who until last year led the cyber unit at the Federal Bureau of Investigation, said the threat "
     "was growing.", [works_for("Rachel Ortiz", "Federal Bureau of Investigation")]),
    ("Lena Fischer, who spent a decade at the Central Intelligence Agency before joining Harrow Dynamics, said the "
     "market was growing.", [works_for("Lena Fischer", "Central Intelligence Agency"),
                             works_for("Lena Fischer", "Harrow Dynamics")]),
    ("Marcus Lee, who was ousted from Orvex Technologies in 2020, sued the company.",
     [works_for("Marcus Lee", "Orvex Technologies")]),
    ("Lena Fischer, a former Marine who now leads sales at Harrow Dynamics, said the drones were cheap.",
     [works_for("Lena Fischer", "Harrow Dynamics")]),
    ("\"It works,\" said Lena Fischer, who directs the Center for Democracy and Technology's surveillance project.",
     [works_for("Lena Fischer", "Center for Democracy and Technology")]),
    ("Harrow Dynamics, where Lena Fischer is chief technology officer, declined to comment.",
     [works_for("Lena Fischer", "Harrow Dynamics")]),
    # verbs with a person on one side and a body on the other
    ("Tarrant Labs hired Steven Marsh away from Google in 2021.",
     [works_for("Steven Marsh", "Tarrant Labs"), works_for("Steven Marsh", "Google")]),
    ("Michael Tran spent eight years as an analyst with the National Security Agency before he moved to Ohio.",
     [works_for("Michael Tran", "National Security Agency")]),
    ("Lena Fischer worked for eight years as a lawyer at the Justice Department.",
     [works_for("Lena Fischer", "Department of Justice")]),
    ("Marcus Lee was fired by Orvex Technologies last year.", [works_for("Marcus Lee", "Orvex Technologies")]),
    ("Lena Fischer quit Harrow Dynamics in 2022 and joined a rival.", [works_for("Lena Fischer", "Harrow Dynamics")]),
    # appositions whose role is coordinated or whose employer the story implies
    ("Harrow Dynamics' founder and chief executive, Lena Fischer, said the company would grow.",
     [works_for("Lena Fischer", "Harrow Dynamics")]),
    ("Marcus Lee, a spokesman for the department, said the Department of Homeland Security reviewed the contract.",
     [works_for("Marcus Lee", "Department of Homeland Security")]),
    ("Harrow Dynamics makes radars. Lena Fischer, who has run the company's Washington office since 2020, said it "
     "would appeal.", [works_for("Lena Fischer", "Harrow Dynamics")]),
    ("Dana Whitlock, a retired Air Force colonel who now runs Harrow Dynamics' defense unit, said sales doubled.",
     [works_for("Dana Whitlock", "Harrow Dynamics")]),
    ("Dana Whitlock, who served two tours in Iraq with the Marine Corps, now runs Harrow Dynamics.",
     [works_for("Dana Whitlock", "U.S. Marine Corps"), works_for("Dana Whitlock", "Harrow Dynamics")]),
    ("Dana Whitlock, a former engineer at Harrow Dynamics who now works for the Navy, said the radar failed.",
     [works_for("Dana Whitlock", "U.S. Navy")]),
    ("Harrow Dynamics makes radars. Dana Whitlock, who was named chief executive in 2021, said sales doubled.",
     [works_for("Dana Whitlock", "Harrow Dynamics")]),
    ("Dana Whitlock took over as chief executive of Harrow Dynamics in 2020.", [works_for("Dana Whitlock", "Harrow Dynamics")]),
    ("Dana Whitlock, who became the top lawyer at the Federal Trade Commission in 2019, declined to comment.",
     [works_for("Dana Whitlock", "Federal Trade Commission")]),
    ("Dana Whitlock, who has been with Harrow Dynamics since 2015, declined to comment.",
     [works_for("Dana Whitlock", "Harrow Dynamics")]),
    ("Dana Whitlock, who has worked for Harrow Dynamics and Boeing, said the radar works.",
     [works_for("Dana Whitlock", "Boeing")]),
    ("Microsoft sells cloud services to the Army. Employees wrote to chief executive Dana Whitlock and company "
     "president Omar Reyes that they objected.",
     [works_for("Dana Whitlock", "Microsoft"), works_for("Omar Reyes", "Microsoft")]),
])
def test_jobs_the_parse_shows(nlp, text, expected):
    got = facts(extract_text(text, nlp))
    for fact in expected:
        assert fact in got, (fact, got)


@pytest.mark.parametrize("text, expected", [
    # wordings the patterns already read stay read (the detector only adds)
    ("Karen Holt, the chief executive of Brightline Analytics, said the tool was safe.",
     works_for("Karen Holt", "Brightline Analytics")),
    ("Tarrant Labs spokeswoman Julia Brandt said the company complies with the law.",
     works_for("Julia Brandt", "Tarrant Labs")),
    ("Michael Tran and Rachel Ortiz, both engineers at Orvex Technologies, wrote the report.",
     works_for("Rachel Ortiz", "Orvex Technologies")),
    ("Steven Marsh oversees sales at Tarrant Labs.", works_for("Steven Marsh", "Tarrant Labs")),
    ("Lena Fischer, Harrow Dynamics' head of government relations, met with lawmakers.",
     works_for("Lena Fischer", "Harrow Dynamics")),
])
def test_jobs_the_patterns_read_are_kept(nlp, text, expected):
    assert expected in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, pair", [
    ("Marcus Lee, a member of the Orvex Technologies board, voted against the deal.", ("Marcus Lee", "Orvex Technologies")),
    ("Marcus Lee, who sits on the board of Orvex Technologies, voted against the deal.", ("Marcus Lee", "Orvex Technologies")),
    ("Lena Fischer served on the board of Harrow Dynamics until 2020.", ("Lena Fischer", "Harrow Dynamics")),
    ("Lena Fischer joined the board of Harrow Dynamics in 2020.", ("Lena Fischer", "Harrow Dynamics")),
    ("Marcus Lee sued Orvex Technologies in 2021.", ("Marcus Lee", "Orvex Technologies")),
    ("Marcus Lee met with Orvex Technologies executives last week.", ("Marcus Lee", "Orvex Technologies")),
    ("Marcus Lee, an investor in Orvex Technologies, praised the deal.", ("Marcus Lee", "Orvex Technologies")),
    ("Lena Fischer, who invested in Harrow Dynamics in 2019, praised the deal.", ("Lena Fischer", "Harrow Dynamics")),
    ("Marcus Lee, a lawyer for Orvex Technologies, said the suit had no merit.", ("Marcus Lee", "Orvex Technologies")),
    ("Marcus Lee, a critic of Orvex Technologies, said the tool was flawed.", ("Marcus Lee", "Orvex Technologies")),
    ("Marcus Lee told the Federal Bureau of Investigation about the breach.", ("Marcus Lee", "Federal Bureau of Investigation")),
    ("Harrow Dynamics hired Lena Fischer to lobby the Senate.", ("Lena Fischer", "Harrow Dynamics")),
    ("The lawsuit named Lena Fischer and Harrow Dynamics as defendants.", ("Lena Fischer", "Harrow Dynamics")),
    ("Lena Fischer led the protest against Harrow Dynamics.", ("Lena Fischer", "Harrow Dynamics")),
    ("Dana Whitlock, whose husband works at Harrow Dynamics, recused herself.", ("Dana Whitlock", "Harrow Dynamics")),
    ("Dana Whitlock joined Harrow Dynamics' lawsuit against the city.", ("Dana Whitlock", "Harrow Dynamics")),
    ("Dana Whitlock left Harrow Dynamics' conference early.", ("Dana Whitlock", "Harrow Dynamics")),
    ("Dana Whitlock, a former FBI informant, testified on Tuesday.", ("Dana Whitlock", "Federal Bureau of Investigation")),
    ("Harrow Dynamics' rival, led by Dana Whitlock, won the contract.", ("Dana Whitlock", "Harrow Dynamics")),
    ("Dana Whitlock, a student at Stanford University, built the app.", ("Dana Whitlock", "Stanford University")),
    ("Dana Whitlock, a spokeswoman for Senator Ron Wyden, said the bill would pass.", ("Dana Whitlock", "Senate")),
    ("Lena Fischer worked with the Federal Bureau of Investigation to track the hackers.",
     ("Lena Fischer", "Federal Bureau of Investigation")),
    ("Senator Lena Fischer, who oversees the Federal Bureau of Investigation, asked for the records.",
     ("Lena Fischer", "Federal Bureau of Investigation")),
    ("Lena Fischer directed the Justice Department to review the contract.", ("Lena Fischer", "Department of Justice")),
])
def test_no_job_here(nlp, text, pair):
    assert works_for(*pair) not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, person, body", [
    ("Brightline Analytics' chief executive, Karen Holt, said the tool was safe.", "Karen Holt", "Brightline Analytics"),
    ("The Federal Emergency Management Agency is ready. The agency's director, Okonkwo Adeyemi, told reporters so.",
     "Okonkwo Adeyemi", "Federal Emergency Management Agency"),
])
def test_a_name_in_a_job_is_a_person(nlp, text, person, body):
    doc = extract_text(text, nlp)
    assert works_for(person, body) in facts(doc)
    assert {e.name: e.type for e in doc.entities}[person] == "Person"


@pytest.mark.parametrize("text, expected", [
    # "that company": the firm just named; "the firm": the one the last sentence was about
    ("Anduril bought Kestrel Robotics and that company's Lynx drone in 2023.", product_of("Lynx", "Kestrel Robotics")),
    ("Harrow Dynamics praised the deal. Brightline Analytics has represented Harrow Dynamics since 2018. A former "
     "senator at the firm, Dana Whitlock, works on the account.", works_for("Dana Whitlock", "Brightline Analytics")),
])
def test_a_firm_named_by_a_common_noun(nlp, text, expected):
    assert expected in facts(extract_text(text, nlp))


def test_a_negated_or_hedged_job_keeps_its_status(nlp):
    doc = extract_text("Orvex Technologies did not hire Marcus Lee.", nlp)
    assert works_for("Marcus Lee", "Orvex Technologies") not in facts(doc)
    doc = extract_text("Harrow Dynamics reportedly hired Lena Fischer away from Boeing last year.", nlp)
    assert works_for("Lena Fischer", "Boeing") in facts(doc, "hedged")


def test_what_only_the_parse_reads_is_less_sure_than_a_pattern(nlp):
    doc = extract_text("Rachel Ortiz, who until last year led the cyber unit at the Federal Bureau of Investigation, "
                       "said the threat was growing.", nlp)
    (r,) = [r for r in doc.relations if r.type == "WORKS_FOR"]
    assert r.pattern == "parse.works_for" and r.confidence < 0.7


# -- PRODUCT_OF -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Corvane Systems, which makes the Sentrix license plate reader, declined to comment.",
     product_of("Sentrix", "Corvane Systems")),
    ("Corvane Systems launched Sentrix in 2019.", product_of("Sentrix", "Corvane Systems")),
    ("Sentrix was developed by Corvane Systems with funding from In-Q-Tel.", product_of("Sentrix", "Corvane Systems")),
    ("The maker of Sentrix, Corvane Systems, raised $40 million last year.", product_of("Sentrix", "Corvane Systems")),
    ("Sentrix is a product of Corvane Systems, a Virginia firm.", product_of("Sentrix", "Corvane Systems")),
    ("Harlow Robotics, the company behind the Kestrel drone, raised $20 million.", product_of("Kestrel", "Harlow Robotics")),
    ("Harlow Robotics manufactures the Kestrel quadcopter in Texas.", product_of("Kestrel", "Harlow Robotics")),
    ("The Kestrel, a small quadcopter built by Harlow Robotics, can fly for 40 minutes.",
     product_of("Kestrel", "Harlow Robotics")),
    ("The Army is testing Kestrel, which is made by Harlow Robotics.", product_of("Kestrel", "Harlow Robotics")),
    ("Harlow Robotics released a new version of Kestrel in March.", product_of("Kestrel", "Harlow Robotics")),
    ("Harlow Robotics, whose Kestrel drone is used by police, raised $20 million.", product_of("Kestrel", "Harlow Robotics")),
    ("Harlow Robotics' Kestrel has been flown by the Marine Corps since 2021.", product_of("Kestrel", "Harlow Robotics")),
    ("The Army tested a Harrow Dynamics product called Lynx.", product_of("Lynx", "Harrow Dynamics")),
    ("Harrow Dynamics, whose products include Lynx, raised $20 million.", product_of("Lynx", "Harrow Dynamics")),
    ("Harrow Dynamics' best-known product is Lynx, a counter-drone radar.", product_of("Lynx", "Harrow Dynamics")),
    ("The Navy bought Lynx from Harrow Dynamics in 2020.", product_of("Lynx", "Harrow Dynamics")),
    ("The Sentrix system, Harrow Dynamics' flagship product, costs $2,000.", product_of("Sentrix", "Harrow Dynamics")),
    ("Harrow Dynamics, the Virginia company that makes Sentrix, raised $20 million.", product_of("Sentrix", "Harrow Dynamics")),
    ("Police in Ohio used Lynx, a Harrow Dynamics product, to track phones.", product_of("Lynx", "Harrow Dynamics")),
    ("Harrow Dynamics also sells Lynx and Osprey, two cameras for police cars.", product_of("Osprey", "Harrow Dynamics")),
    ("Harrow Dynamics began selling Sentrix in 2019.", product_of("Sentrix", "Harrow Dynamics")),
    ("The deal values Sentrix maker Harrow Dynamics at $2 billion.", product_of("Sentrix", "Harrow Dynamics")),
])
def test_products_the_parse_shows(nlp, text, expected):
    got = facts(extract_text(text, nlp))
    assert expected in got, got


@pytest.mark.parametrize("text", [
    "The Army bought Kestrel drones for $2 million.",
    "Harlow Robotics sold its Kestrel unit to Brightline Analytics in 2022.",
    "Harrow Dynamics sold Lynx Labs, its radar unit, to Boeing in 2022.",
    "Harrow Dynamics bought Lynx Labs from Boeing in 2022.",
    "Harlow Robotics competes with Kestrel Dynamics for police customers.",
    "Harlow Robotics uses Amazon Web Services to host its data.",
    "The Federal Bureau of Investigation's Sentinel system was upgraded in 2012.",
    "The Army's Lynx program was canceled in 2022.",
    "Harrow Dynamics, a supplier of Kestrel Labs, raised $20 million.",
    "Harrow Ventures, launched by Harrow Dynamics in 2019, invests in start-ups.",
    "Boeing supplier Harrow Dynamics raised $20 million.",
    "Harrow Dynamics built the Navy's Sentinel network.",
    "Harrow Dynamics developed a partnership with Microsoft.",
    "Harrow Dynamics offered Boeing $2 billion for its radar unit.",
])
def test_no_product_here(nlp, text):
    assert not {f for f in facts(extract_text(text, nlp)) if f[1] == "PRODUCT_OF"}


# -- session 7: more of the slots English gives a job ------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Kestrel Analytics appointed Priya Raman chief financial officer in 2021.",
     works_for("Priya Raman", "Kestrel Analytics")),
    ("The Navy appointed Omar Haddad program manager in 2021.", works_for("Omar Haddad", "U.S. Navy")),
    ("Kestrel Analytics tapped Priya Raman to lead its government business.",
     works_for("Priya Raman", "Kestrel Analytics")),
    ("Brightline Analytics named Omar Haddad to run its federal unit in 2022.",
     works_for("Omar Haddad", "Brightline Analytics")),
    ("Department of Homeland Security officials, including Helen Okafor, met with the vendor.",
     works_for("Helen Okafor", "Department of Homeland Security")),
    ("Officials at the Department of Homeland Security, including Helen Okafor, met with the vendor.",
     works_for("Helen Okafor", "Department of Homeland Security")),
    ("Executives at Brightline Analytics, including Dana Ruiz and Omar Haddad, declined to comment.",
     works_for("Omar Haddad", "Brightline Analytics")),
    ("Helen Okafor, who works on Corvane Systems' policy team, said demand was strong.",
     works_for("Helen Okafor", "Corvane Systems")),
    ("Omar Haddad, who works in the FBI's cyber division, said the tool was useful.",
     works_for("Omar Haddad", "Federal Bureau of Investigation")),
    ("The Federal Emergency Management Agency bought drones. Agency spokeswoman Helen Okafor confirmed the purchase.",
     works_for("Helen Okafor", "Federal Emergency Management Agency")),
    ("Helen Okafor, who co-founded Corvane Systems and serves as its chief executive, said demand was strong.",
     works_for("Helen Okafor", "Corvane Systems")),
    ("Corvane Systems makes drones. Its founders include Lena Fischer, a former engineer at Google, and Marcus Lee, "
     "its chief executive.", works_for("Marcus Lee", "Corvane Systems")),
    ("Velto Analytics, whose chief executive is Dana Ruiz, raised $20 million.", works_for("Dana Ruiz", "Velto Analytics")),
    ("Dana Ruiz left the National Security Agency in 2019 to join Velto Analytics.",
     works_for("Dana Ruiz", "Velto Analytics")),
])
def test_more_job_slots(nlp, text, expected):
    got = facts(extract_text(text, nlp))
    assert expected in got, got


@pytest.mark.parametrize("text, wrong", [
    # "its" after an earlier "its" is the story's firm, not the employer named in between
    ("Corvane Systems makes drones. Its founders include Lena Fischer, a former engineer at Google, and Marcus Lee, "
     "its chief executive.", works_for("Marcus Lee", "Google")),
    # the subject of the pronoun's clause owns what "its" names
    ("Corvane Systems flies drones. The Defense Advanced Research Projects Agency picked it for its Skyfall program.",
     product_of("Skyfall", "Corvane Systems")),
    # people a firm hires to act for it are not on its staff, "tapped ... to lobby"
    ("Corvane Systems tapped Omar Haddad to lobby the Pentagon.", works_for("Omar Haddad", "Corvane Systems")),
])
def test_no_job_or_product_from_the_wrong_its(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


# -- issue 4n: more product nouns, names listed before a product noun, "whose", "under the name",
# "where" clauses; and the near misses that must stay silent
@pytest.mark.parametrize("text, expected", [
    ("Kestrel Dynamics, the maker of the Harrier loitering munition, said on Tuesday it would expand its plant.",
     [product_of("Harrier", "Kestrel Dynamics")]),
    ("Voltan Systems also sells its Puma and Osprey surveillance drones to the Army and the Marine Corps.",
     [product_of("Puma", "Voltan Systems"), product_of("Osprey", "Voltan Systems")]),
    ("Orvex Robotics, the Texas drone maker whose Falcon X9 won the Army competition, declined to comment.",
     [product_of("Falcon X9", "Orvex Robotics")]),
    ("The software was developed with Purdue University and is marketed by Orvex Robotics under the name "
     "Sentinel Vision.", [product_of("Sentinel Vision", "Orvex Robotics")]),
    ("The technology was developed at Carnegie Mellon University, where computer science professor Dana Whitlock "
     "leads the research.", [works_for("Dana Whitlock", "Carnegie Mellon University")]),
    ("The tool came out of Brightline Analytics, where Omar Haddad worked as a data scientist until 2021.",
     [works_for("Omar Haddad", "Brightline Analytics")]),
])
def test_issue_4n_products_and_jobs(nlp, text, expected):
    got = facts(extract_text(text, nlp))
    for fact in expected:
        assert fact in got, got


@pytest.mark.parametrize("text, wrong", [
    # a "where" clause about a visit, a talk or a departure is no job
    ("The drone was shown at Carnegie Mellon University, where Senator Dana Whitlock spoke on Tuesday.",
     works_for("Dana Whitlock", "Carnegie Mellon University")),
    ("The drone was tested at Brightline Analytics, where Lena Fischer watched the demonstration.",
     works_for("Lena Fischer", "Brightline Analytics")),
    # a thing sold under another firm's name is still not the buyer's product
    ("The Army bought Osprey drones from Voltan Systems.", product_of("Osprey", "U.S. Army")),
    # "its" drones sold by another firm: the owner named by "its" is the subject's only when it is the seller
    ("Voltan Systems resells the Navy's Puma and Osprey surveillance drones.", product_of("Puma", "Voltan Systems")),
    # a list of people with their jobs is not a title before a name
    ("Ostara Labs was founded by Maria Sandoval, a former Navy officer, Peter Lang, a physicist, and Dana Ruiz.",
     works_for("Peter Lang", "U.S. Navy")),
])
def test_issue_4n_near_misses(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, expected", [
    # a set-off clause keeps its own status: the hedge belongs to the sentence's predicate
    ("Lena Fischer, who has been Harrow Dynamics' chief executive since 2017, is expected to keep running the business.",
     works_for("Lena Fischer", "Harrow Dynamics")),
])
def test_a_set_off_clause_is_not_hedged_by_the_predicate(nlp, text, expected):
    assert expected in facts(extract_text(text, nlp))


def test_a_set_off_clause_with_its_own_source_stays_hedged(nlp):
    text = "Lena Fischer, who ran Harrow Dynamics, according to people familiar with the matter, declined to comment."
    assert works_for("Lena Fischer", "Harrow Dynamics") not in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, expected", [
    ("Within weeks of leaving the Census Bureau, Karen Holt was working for Palantir Technologies.",
     works_for("Karen Holt", "U.S. Census Bureau")),
    ("Harrow Group makes radars. The company also sells Sentrix, a data analytics platform, to police.",
     product_of("Sentrix", "Harrow Group")),
    ("The agency bought licenses for Sentrix from Harrow Group.", product_of("Sentrix", "Harrow Group")),
])
def test_issue_4n_leaving_licences_and_described_products(nlp, text, expected):
    assert expected in facts(extract_text(text, nlp))


@pytest.mark.parametrize("text, wrong", [
    ("Within weeks of meeting the Census Bureau, Karen Holt was working for Palantir Technologies.",
     works_for("Karen Holt", "U.S. Census Bureau")),
    # a firm sold is no product, whatever describes it
    ("Harrow Group sold Brennan Labs, its software unit, to Quillon Partners.", product_of("Brennan Labs", "Harrow Group")),
    ("The agency bought data from Harrow Group.", product_of("data", "Harrow Group")),
])
def test_issue_4n_leaving_licences_near_misses(nlp, text, wrong):
    assert wrong not in facts(extract_text(text, nlp))
