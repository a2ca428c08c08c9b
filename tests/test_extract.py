"""Extraction on real text with the real model: the seed story's facts, typing, statuses."""
from __future__ import annotations

import csv

import pytest

from kg.extract import extract_document
from kg.money import parse_date, parse_money
from kg.model import Article

from .conftest import DOD_CSV


def by_name(doc):
    return {e.name: e for e in doc.entities}


def facts(doc, include_weak=False):
    names = {e.id: e.name for e in doc.entities}
    return {(names[r.source], r.type, names[r.target]) for r in doc.relations
            if include_weak or r.type != "MENTIONED_WITH"}


def relation(doc, source, rtype, target):
    names = {e.id: e.name for e in doc.entities}
    found = [r for r in doc.relations if (names[r.source], r.type, names[r.target]) == (source, rtype, target)]
    assert found, f"no {source} -[{rtype}]-> {target}"
    return found[0]


def test_seed_agencies_are_told_from_firms_and_outlets(seed_doc):
    ents = by_name(seed_doc)
    assert ents["U.S. Customs and Border Protection"].type == "Agency"
    assert "CBP" in ents["U.S. Customs and Border Protection"].aliases
    assert ents["Department of Homeland Security"].type == "Agency"
    assert ents["Wickr"].type == "Company"  # bare spaCy calls it PERSON
    assert ents["Motherboard"].type == "Company"  # a media outlet is a company
    assert ents["Raffetto Herman Strategic Communications"].type == "Company"
    assert ents["Erik Prince"].type == "Person"
    assert ents["Emily Field"].type == "Person"
    assert ents["Wickr RAM"].type == "Product"  # not a person


def test_seed_relations_hold_the_required_facts(seed_doc):
    f = facts(seed_doc)
    assert ("U.S. Customs and Border Protection", "PART_OF", "Department of Homeland Security") in f
    assert ("Erik Prince", "INVESTED_IN", "Wickr") in f
    assert ("Erik Prince", "FOUNDED", "Blackwater") in f
    assert ("Emily Field", "WORKS_FOR", "Raffetto Herman Strategic Communications") in f
    assert ("Raffetto Herman Strategic Communications", "REPRESENTS", "Wickr") in f
    assert ("U.S. Customs and Border Protection", "PAID", "Wickr") in f
    assert ("Wickr RAM", "PRODUCT_OF", "Wickr") in f
    # the apposition "CBP, part of DHS, paid ..." must not make DHS the payer
    assert ("Department of Homeland Security", "PAID", "Wickr") not in f


def test_seed_contract_is_normalised_from_two_sentences(seed_doc):
    (contract,) = [e for e in seed_doc.entities if e.type == "Contract"
                   and e.properties.get("buyer") == "U.S. Customs and Border Protection"]
    p = contract.properties
    assert (p["amount"], p["currency"], p["date"], p["title"]) == (714600, "USD", "2020-09", "Wickr licenses and support")
    f = facts(seed_doc)
    assert ("U.S. Customs and Border Protection", "AWARDED", contract.name) in f
    assert (contract.name, "AWARDED_TO", "Wickr") in f


def test_every_relation_keeps_its_sentence_and_offsets(seed_doc):
    text = seed_doc.article.text
    for r in seed_doc.relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text
        assert r.evidence.text.strip()
    ev = relation(seed_doc, "Erik Prince", "INVESTED_IN", "Wickr").evidence.text
    assert ev.startswith("Disgraced Blackwater founder Erik Prince is an investor in Wickr")


def test_investors_carry_the_investor_role(seed_doc):
    assert "Investor" in by_name(seed_doc)["Erik Prince"].roles
    assert "Investor" not in by_name(seed_doc)["Wickr"].roles


def test_quoted_negation_does_not_deny_the_reporters_own_statement(seed_doc):
    # "we don't disclose" sits inside the quote; the firm still represents Wickr
    assert relation(seed_doc, "Raffetto Herman Strategic Communications", "REPRESENTS", "Wickr").status == "asserted"


def extract_text(text, nlp, date=""):
    return extract_document(Article(id="t", text=text, date=date), nlp)


@pytest.mark.parametrize("sentence, status", [
    ("Peter Thiel is an investor in Clearview AI, according to filings.", "asserted"),
    ("Peter Thiel is reportedly an investor in Clearview AI.", "hedged"),
    ("Peter Thiel may have been an investor in Clearview AI.", "hedged"),
    ("Peter Thiel denied that he is an investor in Clearview AI.", "denied"),
])
def test_hedged_and_denied_statements_are_not_asserted(nlp, sentence, status):
    doc = extract_text(sentence, nlp)
    assert relation(doc, "Peter Thiel", "INVESTED_IN", "Clearview AI").status == status


def test_hedged_claims_get_lower_confidence_than_asserted_ones(nlp):
    plain = relation(extract_text("Peter Thiel is an investor in Clearview AI.", nlp), "Peter Thiel", "INVESTED_IN", "Clearview AI")
    hedged = relation(extract_text("Peter Thiel is reportedly an investor in Clearview AI.", nlp), "Peter Thiel", "INVESTED_IN", "Clearview AI")
    assert hedged.confidence < plain.confidence


def test_news_style_award_becomes_a_contract(nlp):
    doc = extract_text("Immigration and Customs Enforcement awarded Clearview AI a $224,000 contract in August 2020 "
                       "for facial recognition licenses.", nlp)
    (c,) = [e for e in doc.entities if e.type == "Contract"]
    assert (c.properties["amount"], c.properties["date"]) == (224000, "2020-08")
    assert ("U.S. Immigration and Customs Enforcement", "AWARDED", c.name) in facts(doc)
    assert (c.name, "AWARDED_TO", "Clearview AI") in facts(doc)
    assert by_name(doc)["Clearview AI"].type == "Company"


def test_acquisition_and_subsidiary_appositions(nlp):
    doc = extract_text("Amazon Web Services acquired Wickr in June 2021. Venntel Inc., a subsidiary of Gravy Analytics, "
                       "sells location data.", nlp)
    f = facts(doc)
    assert ("Amazon Web Services", "ACQUIRED", "Wickr") in f
    assert ("Venntel Inc.", "SUBSIDIARY_OF", "Gravy Analytics") in f


def dod_row(index):
    with open(DOD_CSV, newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i == index:
                return row
    raise IndexError(index)


def test_dod_announcement_yields_buyer_supplier_amount_and_contract_number(nlp):
    row = dod_row(1)  # The Boeing Co., Seattle, Washington, ... Naval Air Systems Command ... (N00019-14-C-0067)
    doc = extract_text(row["announcement"], nlp, date=row["date"])
    (c,) = [e for e in doc.entities if e.type == "Contract"]
    assert c.properties["amount"] == 276261820
    assert "N00019-14-C-0067" in c.properties["identifiers"]
    assert c.properties["date"].startswith("2016-02")
    f = facts(doc)
    buyers = {s for s, t, d in f if t == "AWARDED"}
    suppliers = {d for s, t, d in f if t == "AWARDED_TO"}
    assert buyers == {"Naval Air Systems Command"}
    assert suppliers == {"The Boeing Co."} or suppliers == {"Boeing Co."}
    assert by_name(doc)["Naval Air Systems Command"].type == "Agency"


@pytest.mark.parametrize("text, expected", [
    ("$4.2 million", (4_200_000, "USD")), ("over $700,000", (700_000, "USD")), ("$714,600", (714_600, "USD")),
    ("€1.5bn", (1_500_000_000, "EUR")), ("5 million dollars", (5_000_000, "USD")), ("£300,000", (300_000, "GBP")),
])
def test_money_is_normalised_to_a_number_and_iso_currency(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("September 2020", "2020-09"), ("Sept. 3, 2020", "2020-09-03"), ("2017", "2017"), ("fiscal 2016", "2016"),
])
def test_dates_keep_the_precision_they_were_written_with(text, expected):
    assert parse_date(text) == expected


def test_extraction_json_has_the_documented_shape(seed_doc):
    d = seed_doc.to_dict()
    assert set(d) >= {"id", "title", "entities", "relations"}
    e = d["entities"][0]
    assert set(e) == {"id", "name", "type", "aliases", "roles", "properties", "mentions"}
    assert set(e["mentions"][0]) == {"start", "end", "text"}
    r = d["relations"][0]
    assert set(r) == {"source", "target", "type", "properties", "confidence", "status", "evidence"}
    assert set(r["evidence"]) == {"text", "start", "end"}
    assert r["status"] in ("asserted", "hedged", "denied")


DOD_PAGE = """CONTRACTS FOR FEB. 29, 2016

NAVY

BAE Systems Norfolk Ship Repair, Norfolk, Virginia, is being awarded a $27,500,000 modification to a previously awarded contract (N00024-15-C-4411) for maintenance of USS George Washington (CVN 73).

DEFENSE LOGISTICS AGENCY

AM General LLC, South Bend, Indiana, has been awarded a maximum $13,349,913 firm-fixed-price contract for spare parts.
"""


def test_section_headers_are_not_mentions_but_buy_what_is_listed_under_them(nlp):
    doc = extract_text(DOD_PAGE, nlp, date="February 29, 2016")
    contracts = {c.properties["supplier"]: c for c in doc.entities if c.type == "Contract"}
    assert contracts["BAE Systems Norfolk Ship Repair"].properties["buyer"] == "U.S. Navy"
    assert contracts["AM General LLC"].properties["buyer"] == "Defense Logistics Agency"
    f = facts(doc)
    assert ("U.S. Navy", "AWARDED", contracts["BAE Systems Norfolk Ship Repair"].name) in f
    # the evidence of the award is its own sentence, not the header
    award = relation(doc, "U.S. Navy", "AWARDED", contracts["BAE Systems Norfolk Ship Repair"].name)
    assert award.evidence.text.startswith("BAE Systems Norfolk Ship Repair")


def test_ships_are_products_not_people(nlp):
    doc = extract_text(DOD_PAGE, nlp, date="2016-02-29")
    assert by_name(doc)["USS George Washington (CVN 73)"].type == "Product"
    assert not [e for e in doc.entities if e.type == "Person"]


def test_modifications_and_ceilings_are_marked(nlp):
    doc = extract_text(DOD_PAGE, nlp, date="2016-02-29")
    contracts = {c.properties["supplier"]: c.properties for c in doc.entities if c.type == "Contract"}
    assert contracts["BAE Systems Norfolk Ship Repair"]["award_type"] == "modification"
    assert contracts["BAE Systems Norfolk Ship Repair"]["identifiers"] == ["N00024-15-C-4411"]
    assert contracts["AM General LLC"]["ceiling"] is True
    assert contracts["AM General LLC"]["date"] == "2016-02-29"


def test_acronym_defined_in_text_is_used_later(nlp):
    doc = extract_text("The Defense Logistics Agency (DLA) awarded Acme Widgets Inc. a $5 million contract. "
                       "DLA said the parts would ship in March.", nlp)
    dla = by_name(doc)["Defense Logistics Agency"]
    assert "DLA" in dla.aliases and len(dla.mentions) >= 2


def test_the_company_and_a_surname_resolve_within_the_article(nlp):
    doc = extract_text("Peter Thiel co-founded Palantir Technologies. The company later won Army contracts. "
                       "Thiel is also an investor in Anduril Industries.", nlp)
    assert ("Peter Thiel", "INVESTED_IN", "Anduril Industries") in facts(doc)
    palantir = by_name(doc)["Palantir Technologies"]
    assert any(m.text == "The company" for m in palantir.mentions)


def test_subsidiary_and_venture_arm_appositions(nlp):
    doc = extract_text("Lockheed Martin Aeronautics Co., a division of Lockheed Martin Corp., builds the F-35. "
                       "In-Q-Tel, the venture arm of the Central Intelligence Agency, backed Palantir.", nlp)
    f = facts(doc)
    assert ("Lockheed Martin Aeronautics Co.", "SUBSIDIARY_OF", "Lockheed Martin Corp.") in f
    assert ("In-Q-Tel", "SUBSIDIARY_OF", "Central Intelligence Agency") in f


def test_declined_to_say_whether_is_not_an_assertion(nlp):
    doc = extract_text("Clearview AI declined to say whether Peter Thiel is an investor in Clearview AI.", nlp)
    assert relation(doc, "Peter Thiel", "INVESTED_IN", "Clearview AI").status in ("hedged", "denied")


def contracts_of(doc):
    return sorted((c.properties.get("buyer"), c.properties.get("supplier"), c.properties.get("amount"))
                  for c in doc.entities if c.type == "Contract")


def test_dod_lead_names_an_awardee_no_model_knows(nlp):
    # the name before "City, State, is being awarded" is the awardee, whatever its words;
    # a dot inside the name ("Assoc. Inc.") does not end the sentence
    doc = extract_text("Quillfeather Assoc. Inc., Dunmore, Pennsylvania, is being awarded a $4,250,000 firm-fixed-price "
                       "contract for roof repairs. Work will be performed in Dunmore, Pennsylvania. Army Corps of "
                       "Engineers, Pittsburgh, Pennsylvania, is the contracting activity (W912QR-16-C-0001).", nlp)
    assert by_name(doc)["Quillfeather Assoc. Inc."].type == "Company"
    assert ("Quillfeather Assoc. Inc.", "LOCATED_IN", "Dunmore, Pennsylvania") in facts(doc)
    assert contracts_of(doc) == [("U.S. Army Corps of Engineers Pittsburgh District", "Quillfeather Assoc. Inc.", 4250000)]


def test_dod_lead_place_is_not_swallowed_into_the_name(nlp):
    doc = extract_text("National Society of Bridge Inspectors, Washington, District of Columbia, was awarded a "
                       "$1,200,000 contract for training. Washington Headquarters Services, Arlington, Virginia, is "
                       "the contracting activity.", nlp)
    assert ("National Society of Bridge Inspectors", "LOCATED_IN", "Washington, District of Columbia") in facts(doc)
    assert contracts_of(doc) == [("Washington Headquarters Services", "National Society of Bridge Inspectors", 1200000)]


@pytest.mark.parametrize("verb", ["are each being awarded", "have each been awarded", "will share", "were awarded"])
def test_dod_multiple_awardees_each_get_a_contract(nlp, verb):
    doc = extract_text(f"Brindle Works LLC,* Tulsa, Oklahoma (W9128F-16-D-0011); Harrow Field Services Inc., Mesa, "
                       f"Arizona (W9128F-16-D-0012); and Kestrel Build JV, Provo, Utah (W9128F-16-D-0013), {verb} a "
                       f"$30,000,000 firm-fixed-price contract for runway repair. Army Corps of Engineers, Omaha, "
                       f"Nebraska, is the contracting activity.", nlp)
    suppliers = {s for _, s, _ in contracts_of(doc)}
    assert suppliers == {"Brindle Works LLC", "Harrow Field Services Inc.", "Kestrel Build JV"}
    assert {a for _, _, a in contracts_of(doc)} == {30000000}


def test_an_agency_that_has_awarded_is_not_an_awardee(nlp):
    doc = extract_text("The Defense Logistics Agency has awarded Ostrander Fuels Inc. a $2,000,000 contract.", nlp)
    assert contracts_of(doc) == [("Defense Logistics Agency", "Ostrander Fuels Inc.", 2000000)]


@pytest.mark.parametrize("closing, buyer", [
    ("The Harbor Repair Office, Bremerton, Washington, is the contracting authority.", "Harbor Repair Office"),
    ("The contracting activity is the Naval Sea System Command, Washington, District of Columbia.",
     "Naval Sea System Command"),
    ("The Supervisor of Shipbuilding, Conversion and Repair, Bath, Maine, is the contracting activity.",
     "Supervisor of Shipbuilding, Conversion and Repair"),
])
def test_dod_contracting_activity_wordings_and_unknown_bodies(nlp, closing, buyer):
    doc = extract_text("Pellworth Marine Inc., Tacoma, Washington, is being awarded a $3,100,000 modification to "
                       f"previously awarded contract N00024-15-C-4410 for hull work. {closing}", nlp)
    assert contracts_of(doc) == [(buyer, "Pellworth Marine Inc.", 3100000)]
    assert by_name(doc)[buyer].type == "Agency"


def test_dod_award_amounts_stated_after_the_lead(nlp):
    # per awardee, or for all awards combined; obligated funds are not the value
    doc = extract_text("Corvane Systems Inc., Mesa, Arizona (N66001-16-D-0101); and Tallis Group LLC, Ogden, Utah "
                       "(N66001-16-D-0102), are each being awarded a multiple award contract for radio repair. "
                       "Corvane Systems Inc. is receiving a contract for $4,400,000. Fiscal 2016 operations funds in "
                       "the amount of $10,000 are obligated on this award. The maximum dollar value for the two "
                       "contracts combined is $9,000,000. Naval Information Warfare Center Pacific, San Diego, "
                       "California, is the contracting activity.", nlp)
    assert {s: a for _, s, a in contracts_of(doc)} == {"Corvane Systems Inc.": 4400000, "Tallis Group LLC": 9000000}


def test_dod_place_without_a_closing_comma_and_a_stated_award_day(nlp):
    doc = extract_text("Marrow Creek Builders LLC, Helena, Montana was awarded a $2,300,000 contract for barracks "
                       "repair. Army Corps of Engineers, Omaha, Nebraska, is the contracting activity. "
                       "(Awarded March 3, 2016)", nlp, date="March 7, 2016")
    assert ("Marrow Creek Builders LLC", "LOCATED_IN", "Helena, Montana") in facts(doc)
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert contract.properties["date"] == "2016-03-03"


def test_dod_correction_notice_names_the_awardee_and_the_real_award_day(nlp):
    doc = extract_text("CORRECTION: The modification (P00012) awarded to Halvard Optics Inc., Tucson, Arizona, on "
                       "contract FA8650-15-C-0101 that was announced on May 2, 2016, was actually awarded on "
                       "May 3, 2016. All other information is accurate.", nlp, date="May 5, 2016")
    assert ("Halvard Optics Inc.", "LOCATED_IN", "Tucson, Arizona") in facts(doc)
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert (contract.properties["supplier"], contract.properties["date"]) == ("Halvard Optics Inc.", "2016-05-03")


def core_names(doc):
    return {e.name for e in doc.entities if e.type in ("Agency", "Company", "Organization", "Person")}


def test_dod_programs_schedules_facilities_and_work_places_are_not_organisations(nlp):
    doc = extract_text("Tarnwell Dynamics Inc., Ogden, Utah, is being awarded a $6,000,000 modification to contract "
                       "FA8224-15-C-0007 for the Risk Reduction phase of the Bomber Sustainment Program at the Ground "
                       "Operations Center, under the Federal Supply Schedule, for Lot 8 Kits. Work will be performed "
                       "in Ogden, Utah (60 percent); Chino (30 percent); and Karlskoga, Sweden (10 percent). "
                       "Air Force Sustainment Center, Hill Air Force Base, Utah, is the contracting activity.", nlp)
    assert core_names(doc) == {"Tarnwell Dynamics Inc.", "Air Force Sustainment Center"}
    assert by_name(doc)["Chino"].type == "Location"


def test_a_firm_named_only_by_spacy_stays_in_news_text(nlp):
    # the DoD-only demotion must not touch ordinary reporting
    doc = extract_text("Brightmoor Analytics sold location data to the agency, Reuters reported.", nlp)
    assert "Brightmoor Analytics" in core_names(doc)


def test_multi_word_roles_match(nlp):
    # "chief executive" used to be compiled as a literal backslash and never matched
    doc = extract_text("Orrin Labs has been led since 2019 by chief executive Dana Whitcombe.", nlp)
    assert ("Dana Whitcombe", "WORKS_FOR", "Orrin Labs") in facts(doc)


@pytest.mark.parametrize("sentence, fact", [
    ("Dana Whitcombe, a logistics veteran who previously ran Fennick Freight Inc., joined the board.",
     ("Dana Whitcombe", "WORKS_FOR", "Fennick Freight Inc.")),
    ("Orrin Labs's chief executive, Dana Whitcombe, declined to comment.", ("Dana Whitcombe", "WORKS_FOR", "Orrin Labs")),
    ("Open Ledger, a watchdog group founded by former Microsoft engineer Dana Whitcombe, filed the request.",
     ("Dana Whitcombe", "FOUNDED", "Open Ledger")),
])
def test_role_and_founder_wordings(nlp, sentence, fact):
    f = facts(extract_text(sentence, nlp))
    assert fact in f
    assert ("Microsoft", "FOUNDED", "Open Ledger") not in f


def test_its_backers_is_the_firm_the_article_is_about(nlp):
    doc = extract_text("Harrowgate Robotics makes warehouse drones. Harrowgate Robotics was founded in 2015 by two "
                       "engineers. Its chief rival is Vexa Systems Inc. Over the years its backers have included Lumen "
                       "Ventures and Corbel Capital, and the Baxter family is reportedly also an investor.", nlp)
    f = facts(doc)
    assert ("Lumen Ventures", "INVESTED_IN", "Harrowgate Robotics") in f
    assert relation(doc, "Corbel Capital", "INVESTED_IN", "Harrowgate Robotics").status == "asserted"
    assert ("Lumen Ventures", "INVESTED_IN", "Vexa Systems Inc.") not in f


def test_dod_doing_business_as_and_designation_like_names(nlp):
    doc = extract_text("Quarry Hill Corp., doing business as QH Marine,* Mobile, Alabama; and Tern-Rock JV-2, Juneau, "
                       "Alaska, will share a maximum $5,000,000 contract for pier repair. The Naval Facilities "
                       "Engineering Command, Northwest, Silverdale, Washington, is the contracting activity.", nlp)
    f = facts(doc)
    assert ("Quarry Hill Corp.", "LOCATED_IN", "Mobile, Alabama") in f
    assert ("Tern-Rock JV-2", "LOCATED_IN", "Juneau, Alaska") in f
    assert by_name(doc)["Tern-Rock JV-2"].type == "Company"


def test_news_contracts_without_an_amount_in_the_award_sentence(nlp):
    doc = extract_text("Filings posted on March 3 show that the Coast Guard awarded Ravelin Data a two-year, "
                       "sole-source extension to run its logbook software. The extension's maximum value is roughly "
                       "$12.5 million. All of the company's other listed contracts are with the Navy and the "
                       "U.S. Army. The Marshals Service began buying its data in 2018 from Ravelin Data.",
                       nlp, date="2021-03-10")
    got = contracts_of(doc)
    assert ("U.S. Coast Guard", "Ravelin Data", 12500000) in got
    assert ("U.S. Navy", "Ravelin Data", None) in got and ("U.S. Army", "Ravelin Data", None) in got
    assert ("U.S. Marshals Service", "Ravelin Data", None) in got
    # a purchase is a contract, not a payment
    assert ("U.S. Marshals Service", "PAID", "Ravelin Data") not in facts(doc)


def test_a_date_range_is_not_the_date_of_a_payment(nlp):
    doc = extract_text("Auditors estimate that the Marshals Service paid Ravelin Data about $8 million from 2014 to 2019.",
                       nlp)
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert "date" not in contract.properties


@pytest.mark.parametrize("sentence, amount", [
    ("The FBI is paying Nexlify Inc. $4.2 million for the software.", 4200000),
    ("Nexlify Inc. landed a contract worth $4.2 million with the FBI.", 4200000),
    ("Nexlify Inc.'s $4.2 million contract with the FBI runs through 2023.", 4200000),
    ("The FBI has a $4.2 million contract with Nexlify Inc.", 4200000),
    ("The FBI awarded a contract worth $4.2 million to Nexlify Inc.", 4200000),
    ("In 2021 the FBI signed a deal with Nexlify Inc. worth $4.2 million.", 4200000),
    ("Nexlify Inc. was awarded a $4.2 million contract by the FBI.", 4200000),
    ("Nexlify Inc. counts the FBI among its clients.", None),
])
def test_news_contract_wordings(nlp, sentence, amount):
    # one contract each, with the buyer: "was awarded ... by the FBI" is not also a buyer-less DoD award
    assert contracts_of(extract_text(sentence, nlp)) == [("Federal Bureau of Investigation", "Nexlify Inc.", amount)]


@pytest.mark.parametrize("sentence, buyer, amount", [
    ("Nexlify Inc.'s contract with the FBI is worth $4.2 million.", "Federal Bureau of Investigation", 4200000),
    ("The Army's $4.2 million award to Nexlify Inc. was announced Tuesday.", "U.S. Army", 4200000),
    ("Nexlify Inc. will provide training under a $4.2 million contract with the FBI.",
     "Federal Bureau of Investigation", 4200000),
    ("The FBI bought 40 drones from Nexlify Inc. for $4.2 million.", "Federal Bureau of Investigation", 4200000),
    ("Nexlify Inc. has been paid $4.2 million by the FBI.", "Federal Bureau of Investigation", 4200000),
    ("A $4.2 million FBI contract went to Nexlify Inc. last year.", "Federal Bureau of Investigation", 4200000),
    ("Nexlify Inc. won a $4.2 million Army contract.", "U.S. Army", 4200000),
    ("The FBI extended its contract with Nexlify Inc. for $4.2 million.", "Federal Bureau of Investigation", 4200000),
    ("Nexlify Inc. is under contract with the FBI.", "Federal Bureau of Investigation", None),
])
def test_more_news_contract_wordings(nlp, sentence, buyer, amount):
    assert contracts_of(extract_text(sentence, nlp)) == [(buyer, "Nexlify Inc.", amount)]


def test_dod_leads_with_ids_before_and_a_typo_semicolon(nlp):
    doc = extract_text("Pellam Data LLC, Tampa, Florida (H92222-16-D-0101) and Rook Systems Inc., Ocala, Florida "
                       "(H92222-16-D-0102) were awarded a maximum $8,000,000 contract for analysis. Quarry Mill LP; "
                       "Denton, Texas, has been awarded a $2,500,000 modification for aircrew services. Special "
                       "Operations Command, Tampa, Florida, is the contracting activity.", nlp)
    assert {s for _, s, _ in contracts_of(doc)} == {"Pellam Data LLC", "Rook Systems Inc.", "Quarry Mill LP"}


def test_a_renamed_firm_keeps_its_old_and_new_names_as_one_entity(nlp):
    doc = extract_text("Northgate Armor Group, long known as Northgate Security, will now call itself Vantor, "
                       "the company told investors on Monday. Vantor said the change was overdue.", nlp)
    firm = next(e for e in doc.entities if "Northgate Armor Group" in [e.name, *e.aliases])
    assert {"Northgate Security", "Vantor"} <= {firm.name, *firm.aliases}
    assert firm.type == "Company"


def test_started_out_as_and_is_now_called_join_names_of_one_firm(nlp):
    doc = extract_text("Ridgeline Services, the training contractor that started out as Palisade Tactical, "
                       "announced on Tuesday that it is now called Corvane.", nlp)
    firm = next(e for e in doc.entities if e.name == "Ridgeline Services")
    assert {"Palisade Tactical", "Corvane"} <= set(firm.aliases)


def test_a_rename_never_joins_an_agency_or_a_person(nlp):
    doc = extract_text("Acme Widgets Inc., which was renamed the Department of Defense in a hoax, sued. "
                       "Bolt Dynamics Corp., formerly led by Maria Lopez, won a contract.", nlp)
    acme = next(e for e in doc.entities if e.name.startswith("Acme"))
    assert not any("Defense" in a for a in acme.aliases)
    assert "Maria Lopez" in by_name(doc) and by_name(doc)["Maria Lopez"].type == "Person"


@pytest.mark.parametrize("closing, buyer", [
    ("Headquarters Air Mobility Command Regional Contracting Center, Scott Air Force Base, Illinois, is the "
     "contracting activity.", "Headquarters Air Mobility Command Regional Contracting Center"),
    ("Marine Corps Logistics Command, Albany, Georgia, is the contracting activity.", "Marine Corps Logistics Command"),
])
def test_dod_contracting_activity_printed_fuller_than_a_known_body_keeps_its_printed_name(nlp, closing, buyer):
    doc = extract_text("Tarnwell Fabrication LLC, Dothan, Alabama, has been awarded a $6,200,000 firm-fixed-price "
                       f"contract for hangar doors. {closing}", nlp)
    assert contracts_of(doc) == [(buyer, "Tarnwell Fabrication LLC", 6200000)]
    assert by_name(doc)[buyer].type == "Agency"


def test_dod_contracting_activity_followed_by_its_city_keeps_the_known_name(nlp):
    doc = extract_text("Tarnwell Fabrication LLC, Dothan, Alabama, has been awarded a $6,200,000 firm-fixed-price "
                       "contract for hangar doors. Army Contracting Command Warren, Michigan, is the contracting "
                       "activity.", nlp)
    ((buyer, supplier, _),) = contracts_of(doc)
    assert buyer.startswith("Army Contracting Command") and "Warren" not in buyer  # the gazetteer's name, not the city


def test_dod_combined_not_to_exceed_value_after_a_comma_is_the_amount(nlp):
    doc = extract_text("Orrin Labs LLC,* Provo, Utah (FA8620-16-D-0101); and Bexley Analytics Inc., Austin, Texas "
                       "(FA8620-16-D-0102), have been awarded a combined, not-to-exceed $75,000,000 multiple award "
                       "contract for test support. Air Force Life Cycle Management Center, Wright-Patterson Air "
                       "Force Base, Ohio, is the contracting activity.", nlp)
    assert {s: a for _, s, a in contracts_of(doc)} == {"Orrin Labs LLC": 75000000, "Bexley Analytics Inc.": 75000000}


def test_dod_lead_that_is_receiving_an_amount_is_an_award(nlp):
    doc = extract_text("Garrow Food Services Inc., Norfolk, Virginia, is receiving $3,450,000 for modification "
                       "P00017 under a previously awarded contract (M00027-14-C-0002) for dining services. Marine "
                       "Corps Installations East, Camp Lejeune, North Carolina, is the contracting activity.", nlp,
                       date="June 1, 2016")
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert contract.properties["supplier"] == "Garrow Food Services Inc."
    assert contract.properties["amount"] == 3450000
    assert contract.properties["date"] == "2016-06-01"


def test_a_city_or_state_government_named_as_a_body_is_an_agency_but_not_as_a_place(nlp):
    doc = extract_text("The City of Marlow will spend $2 million on new buses. The state of Nevada gave Tolland "
                       "Transit Inc. a contract worth $400,000 in 2019. The company has an office in the City of "
                       "Reno.", nlp)
    ents = by_name(doc)
    assert ents["City of Marlow"].type == "Agency"
    assert ents["state of Nevada"].type == "Agency"
    assert "City of Reno" not in ents or ents["City of Reno"].type != "Agency"
    assert ("state of Nevada", "Tolland Transit Inc.", 400000) in contracts_of(doc)


def test_the_city_refers_to_the_city_government_named_before(nlp):
    doc = extract_text("The City of Marlow signed up for Tolland Transit's routing software last year. The city "
                       "has paid Tolland Transit more than $1.2 million so far, and the city's Department of "
                       "Transportation questioned the cost.", nlp)
    assert ("City of Marlow", "PAID", "Tolland Transit") in facts(doc)
    assert ("Department of Transportation", "PART_OF", "City of Marlow") in facts(doc)


def test_a_bare_the_start_up_means_the_firm_the_article_is_about_not_the_last_one_named(nlp):
    doc = extract_text("Quorra Labs sells flood forecasts to insurers. Quorra Labs was founded in 2015. Its "
                       "backers include Halden Ventures, a fund based in Boston. The Department of the Interior "
                       "has a $310,000 contract with the start-up.", nlp)
    assert contracts_of(doc) == [("Department of the Interior", "Quorra Labs", 310000)]


def test_the_company_never_refers_to_a_university(nlp):
    doc = extract_text("Quorra Labs sells flood forecasts. The University of Eastbrook said it had ended its pilot. "
                       "Halden Ventures has invested in the company since 2019.", nlp)
    assert ("Halden Ventures", "INVESTED_IN", "Quorra Labs") in facts(doc)


def test_money_put_into_a_firm_is_an_investment(nlp):
    doc = extract_text("Halden Ventures put $5 million into Quorra Labs in 2019.", nlp)
    assert ("Halden Ventures", "INVESTED_IN", "Quorra Labs") in facts(doc)


def test_an_abbreviated_legal_form_before_a_lowercase_word_ends_no_sentence(nlp):
    doc = extract_text("The Navy gave Tolland Transit Inc. a contract worth $400,000 in 2019.", nlp)
    assert contracts_of(doc) == [("U.S. Navy", "Tolland Transit Inc.", 400000)]


def test_has_given_a_firm_a_contract_worth_up_to_keeps_the_ceiling_over_a_later_task_order(nlp):
    doc = extract_text("The Navy's Office of Naval Research has given Quorra Labs a three-year contract worth up to "
                       "$90 million to expand its flood models. The award was announced on the evening of May 3, "
                       "2023. The first task order under the contract, for $12 million, covers two bases.", nlp)
    # the task order is an award of its own (gold README: task orders count as awards), not the contract's value
    assert [(s, a) for _, s, a in contracts_of(doc)] == [("Quorra Labs", 12000000), ("Quorra Labs", 90000000)]
    (contract,) = [c for c in doc.entities if c.type == "Contract" and c.properties["amount"] == 90000000]
    assert contract.properties["date"] == "2023-05-03"


def test_an_agency_that_chose_a_firm_for_a_contract_awarded_it(nlp):
    doc = extract_text("In March 2022, the Coast Guard chose Quorra Labs for a $14.5 million contract to map "
                       "harbors.", nlp)
    assert contracts_of(doc) == [("U.S. Coast Guard", "Quorra Labs", 14500000)]
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert contract.properties["date"] == "2022-03"


def test_a_second_contract_signed_with_it_in_the_same_sentence_is_another_award(nlp):
    doc = extract_text("The Federal Aviation Administration gave Quorra Labs a pilot contract worth $300,000 in 2017 "
                       "and later signed a $4 million contract with it.", nlp)
    dates = sorted((c.properties.get("amount"), c.properties.get("date")) for c in doc.entities if c.type == "Contract")
    assert dates == [(300000, "2017"), (4000000, None)]


def test_an_acronym_defined_in_the_text_beats_the_gazetteers_meaning(nlp):
    # "MSS" is the gazetteer's Ministry of State Security; here the text defines it
    doc = extract_text("The Army bought more licenses for the Mapping Support Suite (MSS) this year. MSS runs on "
                       "laptops.", nlp)
    ents = by_name(doc)
    assert "MSS" in ents["Mapping Support Suite"].aliases
    assert "Ministry of State Security" not in ents


def test_a_program_and_its_short_name_are_one_non_core_entity_even_when_listed_with_an_agency(nlp):
    doc = extract_text("Project Halyard, the Navy's effort to automate ship repair, started in 2019. Engineers "
                       "saw Halyard as a test case.", nlp)
    ents = by_name(doc)
    assert ents["Project Halyard"].type not in ("Agency", "Company", "Organization")
    assert "Halyard" not in ents or ents["Halyard"].type not in ("Agency", "Company")


def test_bare_head_words_title_words_and_hyphen_tails_are_not_entities(nlp):
    doc = extract_text("Deputy Defense Secretary Maria Lopez said the All-Domain Command and Control effort was "
                       "late. The Office had warned of it.", nlp)
    names = set(by_name(doc))
    assert not names & {"Defense", "Domain Command", "Control", "Office"}
    assert by_name(doc)["Maria Lopez"].type == "Person"


def test_an_office_holders_office_named_by_place_is_an_agency(nlp):
    doc = extract_text("The Marlow County State's Attorney's Office, headed by Dana Ortiz, dropped the case. The "
                       "Nevada attorney general's office declined to comment.", nlp)
    ents = by_name(doc)
    assert ents["Marlow County State's Attorney's Office"].type == "Agency"
    assert ents["Nevada attorney general's office"].type == "Agency"
    assert ("Dana Ortiz", "WORKS_FOR", "Marlow County State's Attorney's Office") in facts(doc)


def test_a_noun_ending_the_previous_sentence_or_owning_the_name_does_not_type_it(nlp):
    doc = extract_text("Lena Ortiz runs the firm's Denver office. Brightwater filed the paperwork on Monday and "
                       "Brightwater has represented Tolland Transit since 2019.", nlp)
    ents = by_name(doc)
    assert ents["Brightwater"].type == "Company"  # not an agency because "office." ends the sentence before
    assert "Denver" not in ents or ents["Denver"].type != "Company"
    assert ("Brightwater", "REPRESENTS", "Tolland Transit") in facts(doc)


def test_a_publication_title_that_wrote_is_an_outlet_and_social_platforms_are_firms(nlp):
    doc = extract_text("The deal fell apart, Capitol Trade Report wrote. Writing on Twitter, Lena Ortiz said the "
                       "Commerce Department had put the firm on its Entity List.", nlp)
    ents = by_name(doc)
    assert ents["Capitol Trade Report"].type == "Company"
    assert ents["Twitter"].type == "Company"
    assert ents["Entity List"].type not in ("Agency", "Company", "Organization")


def test_an_apposition_takes_no_hedge_from_the_clause_after_it(nlp):
    doc = extract_text("Tolland Transit, a subsidiary of Harrow Group, declined to comment and would not say whether "
                       "it plans to bid again.", nlp)
    assert relation(doc, "Tolland Transit", "SUBSIDIARY_OF", "Harrow Group").status == "asserted"


@pytest.mark.parametrize("sentence, child, parent", [
    ("Lena Ortiz, the head of Quorra Cloud, the company's hosting business, spoke on Monday. Quorra Labs "
     "declined to comment.", None, None),
    ("Harrow Group's parent Belcourt Holdings did not respond.", "Harrow Group", "Belcourt Holdings"),
    ("Quorra bought Belcourt Holdings, the parent of the mapping firm Tallis Maps, for $40 million.", "Tallis Maps",
     "Belcourt Holdings"),
    ("The award went to Belcourt Holdings subsidiary Tallis Maps last year.", "Tallis Maps", "Belcourt Holdings"),
])
def test_subsidiary_wordings_parent_possessive_parent_of_and_attributive(nlp, sentence, child, parent):
    doc = extract_text(sentence, nlp)
    if child is None:  # "X, the company's ... business": the company is the one the text is about, not X
        assert not any(r.type == "SUBSIDIARY_OF" and r.source == r.target for r in doc.relations)
        return
    assert (child, "SUBSIDIARY_OF", parent) in facts(doc)


def test_a_unit_described_as_the_companys_business_is_its_subsidiary(nlp):
    doc = extract_text("Quorra Labs sells maps. Quorra Labs also hosts data. Lena Ortiz, the head of Belcourt Hosting, "
                       "the company's hosting business, spoke on Monday.", nlp)
    assert ("Belcourt Hosting", "SUBSIDIARY_OF", "Quorra Labs") in facts(doc)


def test_a_firm_described_as_a_city_company_is_located_there_not_owned_by_it(nlp):
    doc = extract_text("Quorra Labs bought Tallis Maps, a Portland company that makes flood maps, in 2019.", nlp)
    f = facts(doc)
    assert ("Tallis Maps", "LOCATED_IN", "Portland") in f
    assert not any(t == "SUBSIDIARY_OF" for _, t, _ in f)


def test_it_as_the_subject_of_a_purchase_is_the_sentences_own_firm(nlp):
    doc = extract_text("Harrow Group makes radios. For Quorra Labs, the deal continues a push into mapping: last year "
                       "it bought Tallis Mapping Inc.", nlp)
    assert ("Quorra Labs", "ACQUIRED", "Tallis Mapping Inc.") in facts(doc)


def test_a_percentage_holding_is_an_investment(nlp):
    doc = extract_text("Harrow Group owns roughly 7 percent of Quorra Labs.", nlp)
    assert ("Harrow Group", "INVESTED_IN", "Quorra Labs") in facts(doc)


def test_a_model_name_joining_two_listed_investors_is_split(nlp):
    doc = extract_text("Quorra Labs raised $20 million in 2018, and Quorra Labs's backers also include the venture "
                       "firms Belcourt and Northgate Capital Partners.", nlp)
    f = facts(doc)
    assert ("Belcourt", "INVESTED_IN", "Quorra Labs") in f
    assert ("Northgate Capital Partners", "INVESTED_IN", "Quorra Labs") in f


def test_the_parent_company_is_a_relation_not_a_reference(nlp):
    doc = extract_text("Quorra Labs bought Belcourt Holdings, the parent company of the mapping firm Tallis Mapping "
                       "Inc., for $40 million.", nlp)
    assert ("Tallis Mapping Inc.", "SUBSIDIARY_OF", "Belcourt Holdings") in facts(doc)


def test_the_company_is_never_the_outlet_that_reported_the_story(nlp):
    doc = extract_text("Quorra Labs will not renew its Army deal, Capitol Wire reported on Monday. Lena Ortiz, the "
                       "head of Belcourt Hosting, the company's hosting business, told staff.", nlp)
    assert ("Belcourt Hosting", "SUBSIDIARY_OF", "Quorra Labs") in facts(doc)


def test_founder_and_chief_executive_wordings_are_works_for(nlp):
    doc = extract_text("Quorra Labs was co-founded in 2012 by Lena Ortiz, its chief executive. Dana Ruiz, who founded "
                       "Tallis Mapping Inc. and runs it as president, declined to comment.", nlp)
    f = facts(doc)
    assert ("Lena Ortiz", "WORKS_FOR", "Quorra Labs") in f
    assert ("Dana Ruiz", "WORKS_FOR", "Tallis Mapping Inc.") in f


def test_it_counts_an_investor_refers_to_the_firm_the_story_opens_with(nlp):
    doc = extract_text("Quorra Labs has stopped selling to spy agencies, Capitol Wire reported. Harrow Group asked it "
                       "to stop. Quorra Labs declined to comment. Harrow Group said it was pleased. It counts Belcourt "
                       "Ventures, the venture arm of Harrow Group, as an investor.", nlp)
    assert ("Belcourt Ventures", "INVESTED_IN", "Quorra Labs") in facts(doc)


def test_a_contract_through_which_an_agency_got_access_names_its_supplier(nlp):
    doc = extract_text("The Coast Guard obtained access to the charts through a sole-source contract awarded in May "
                       "2019 to Tallis Mapping Inc. Quorra Labs bought Belcourt Holdings in a deal valued at $1 "
                       "billion.", nlp)
    assert contracts_of(doc) == [("U.S. Coast Guard", "Tallis Mapping Inc.", None)]


def test_a_lobbying_firm_representing_a_client_under_an_agreement_has_a_contract_with_it(nlp):
    doc = extract_text("Brightwater Strategies has represented Tallis Mapping Inc. since 2019 under an agreement "
                       "worth $40,000 a month.", nlp)
    assert ("Brightwater Strategies", "REPRESENTS", "Tallis Mapping Inc.") in facts(doc)
    assert contracts_of(doc) == [("Tallis Mapping Inc.", "Brightwater Strategies", 40000)]


def test_an_optional_amount_slot_is_optional_as_a_whole(nlp):
    # "{money}? ?" once made only the placeholder's closing bracket optional
    doc = extract_text("The Coast Guard signed a sole-source contract with Tallis Mapping Inc. in 2020.", nlp)
    assert contracts_of(doc) == [("U.S. Coast Guard", "Tallis Mapping Inc.", None)]


def test_a_receiving_lead_is_an_announcement_lead_so_stray_capitalised_phrases_stay_tentative(nlp):
    doc = extract_text("Garrow Food Services Inc., Norfolk, Virginia, is receiving $3,450,000 for modification P00017 "
                       "under a previously awarded contract (M00027-14-C-0002). It raises the unit price of Service "
                       "Fee Period 2 by $10,000. Marine Corps Installations East, Camp Lejeune, North Carolina, is the "
                       "contracting activity.", nlp)
    assert "Service Fee Period 2" not in by_name(doc)
    assert ("Garrow Food Services Inc.", "LOCATED_IN", "Norfolk, Virginia") in facts(doc)


def test_a_long_apposition_with_a_who_clause_is_read_around_and_within(nlp):
    doc = extract_text("Dana Ruiz, a Nevada Republican who spent 12 years in the Senate before retiring in 2018, "
                       "joined Brightwater Strategies in March 2020 as a senior adviser.", nlp)
    f = facts(doc)
    assert ("Dana Ruiz", "WORKS_FOR", "Brightwater Strategies") in f
    assert ("Dana Ruiz", "WORKS_FOR", "U.S. Senate") in f


def test_a_mayor_works_for_the_city_government_the_article_names(nlp):
    doc = extract_text("The City of Marlow will spend $2 million on buses. Mayor Dana Ruiz announced the plan on "
                       "Monday.", nlp)
    assert ("Dana Ruiz", "WORKS_FOR", "City of Marlow") in facts(doc)


def test_a_controlling_shareholder_is_an_investor(nlp):
    doc = extract_text("The state-owned Belcourt Holdings is Quorra Labs's controlling shareholder.", nlp)
    assert ("Belcourt Holdings", "INVESTED_IN", "Quorra Labs") in facts(doc)


def test_dod_contracting_activity_listed_as_parent_comma_unit_is_not_taken_whole(nlp):
    # the fuller printed name wins only without a comma: "Parent, Unit" lists are read as before
    doc = extract_text("Harrow Medical Staffing LLC, Austin, Texas, has been awarded a $9,000,000 contract for clinic "
                       "staff. Air Force Installation Contracting Agency, 771st Enterprise Sourcing Squadron, "
                       "Wright-Patterson Air Force Base, Ohio, is the contracting activity.", nlp)
    ((buyer, supplier, amount),) = contracts_of(doc)
    assert "," not in buyer and (supplier, amount) == ("Harrow Medical Staffing LLC", 9000000)


def test_a_state_named_as_a_region_of_work_is_not_an_agency(nlp):
    doc = extract_text("Harrow Builders LLC, Erie, Pennsylvania, has been awarded a $9,000,000 contract for road work "
                       "for the state of Pennsylvania. Each of the contractors may compete. Army Corps of Engineers, "
                       "Pittsburgh, Pennsylvania, is the contracting activity.", nlp)
    assert not any(e.name.startswith("state of") for e in doc.entities)


@pytest.mark.parametrize("sentence", [
    "Brightwater Strategies registered to lobby for Tallis Mapping Inc. in 2019.",
    "Dana Ruiz registered as a foreign agent for Tallis Mapping Inc. last year.",
])
def test_registering_to_lobby_for_a_client_is_representing_it(nlp, sentence):
    doc = extract_text(sentence, nlp)
    assert any(t == "REPRESENTS" and o == "Tallis Mapping Inc." for _, t, o in facts(doc))


@pytest.mark.parametrize("sentence", [
    "The police use FloodEye, made by Quorra Labs, to watch rivers.",
    "The police praised Quorra Labs, the company that sells the FloodEye Platform, on Monday.",
])
def test_made_by_and_the_company_that_sells_name_a_products_maker(nlp, sentence):
    doc = extract_text(sentence, nlp)
    assert any(t == "PRODUCT_OF" and o == "Quorra Labs" for _, t, o in facts(doc))


def test_he_or_she_as_subject_is_the_person_named_just_before(nlp):
    doc = extract_text("Marcus Webb spent a decade in logistics. He previously ran Belcourt Holdings. Lena Ortiz is "
                       "an engineer. She founded Tallis Mapping Inc. in 2012 and later joined Quorra Labs.", nlp)
    f = facts(doc)
    assert ("Marcus Webb", "WORKS_FOR", "Belcourt Holdings") in f
    assert ("Lena Ortiz", "FOUNDED", "Tallis Mapping Inc.") in f
    assert ("Lena Ortiz", "WORKS_FOR", "Quorra Labs") in f
    assert ("Marcus Webb", "WORKS_FOR", "Quorra Labs") not in f


def test_he_or_she_with_no_person_nearby_is_left_alone(nlp):
    doc = extract_text("Dana Ruiz wrote the first report. The review took four years and cost little. The board met "
                       "twice. The chair resigned. He later joined Quorra Labs.", nlp)
    assert ("Dana Ruiz", "WORKS_FOR", "Quorra Labs") not in facts(doc)


def test_its_before_a_role_is_the_sentences_own_firm_not_one_in_an_apposition(nlp):
    doc = extract_text("Lena Ortiz, a founder of the Harrow Group reading circle, is Quorra Labs's chief executive; Dana "
                       "Ruiz serves as its chief technology officer.", nlp)
    f = facts(doc)
    assert ("Dana Ruiz", "WORKS_FOR", "Quorra Labs") in f
    assert ("Dana Ruiz", "WORKS_FOR", "Harrow Group") not in f


def test_a_name_described_as_a_firms_software_is_its_product(nlp):
    doc = extract_text("Quorra Labs has described its role as small: helping the Coast Guard use Lumen, its open-source "
                       "mapping software, to plan routes. Harrow Group sells radars along with Kestrel, Harrow Group's "
                       "flagship tool.", nlp)
    f = facts(doc)
    assert ("Lumen", "PRODUCT_OF", "Quorra Labs") in f
    assert ("Kestrel", "PRODUCT_OF", "Harrow Group") in f
    assert by_name(doc)["Lumen"].type == "Product"


def test_a_person_in_apposition_with_a_firms_title_works_for_it(nlp):
    doc = extract_text("Marcus Webb, Tallis Mapping Inc.'s chief executive, said the firm would grow.", nlp)
    assert ("Marcus Webb", "WORKS_FOR", "Tallis Mapping Inc.") in facts(doc)


def test_founders_listed_around_an_its_apposition_all_founded_the_firm(nlp):
    doc = extract_text("Tallis Mapping Inc. was founded in 2014 by Lena Ortiz, its chief executive, together with Dana "
                       "Ruiz and Marcus Webb, engineers who had met at Quorra Labs.", nlp)
    f = facts(doc)
    for person in ("Lena Ortiz", "Dana Ruiz", "Marcus Webb"):
        assert (person, "FOUNDED", "Tallis Mapping Inc.") in f


def test_co_founders_named_after_with_founded_the_firm(nlp):
    doc = extract_text("Lena Ortiz started Tallis Mapping Inc. with two other co-founders, Dana Ruiz and Marcus Webb.", nlp)
    f = facts(doc)
    assert ("Dana Ruiz", "FOUNDED", "Tallis Mapping Inc.") in f
    assert ("Marcus Webb", "FOUNDED", "Tallis Mapping Inc.") in f


def test_counted_among_its_investors_is_an_investment(nlp):
    doc = extract_text("Tallis Mapping Inc. makes drones. Tallis Mapping Inc. has counted Belcourt Capital among its "
                       "investors since 2015. Tallis Mapping Inc. counts former Harrow Group chief executive Lena Ortiz "
                       "among its backers.", nlp)
    f = facts(doc)
    assert ("Belcourt Capital", "INVESTED_IN", "Tallis Mapping Inc.") in f
    assert ("Lena Ortiz", "INVESTED_IN", "Tallis Mapping Inc.") in f
    assert ("Harrow Group", "INVESTED_IN", "Tallis Mapping Inc.") not in f


def test_a_unit_named_through_its_parents_possessive_is_the_employer(nlp):
    doc = extract_text("Lena Ortiz, who founded and ran the Coast Guard's Harbor Data Office, joined Quorra Labs.", nlp)
    f = facts(doc)
    assert ("Lena Ortiz", "WORKS_FOR", "Harbor Data Office") in f
    assert ("Lena Ortiz", "WORKS_FOR", "U.S. Coast Guard") not in f


def test_a_former_firm_executive_in_apposition_works_for_it_and_a_board_seat_does_not(nlp):
    doc = extract_text("Marcus Webb, a former Harrow Group executive, joined Quorra Labs's board. Lena Ortiz, Tallis "
                       "Mapping Inc.'s founder and chief executive, said the deal was large.", nlp)
    f = facts(doc)
    assert ("Marcus Webb", "WORKS_FOR", "Harrow Group") in f
    assert ("Marcus Webb", "WORKS_FOR", "Quorra Labs") not in f
    assert ("Lena Ortiz", "FOUNDED", "Tallis Mapping Inc.") in f
    assert ("Lena Ortiz", "WORKS_FOR", "Tallis Mapping Inc.") in f


def test_a_local_office_title_before_a_name_is_a_job_with_that_body_and_not_part_of_the_name(nlp):
    doc = extract_text("The Harlow City Council voted 6-3 to renew the deal. Council President Dana Ruiz and Councilman "
                       "Marcus Webb voted no. Police Chief Lena Ortiz of the Harlow Police Department said the tool "
                       "helped. Police Commissioner Tom Reyes agreed.", nlp)
    ents = by_name(doc)
    assert ents["Harlow City Council"].type == "Agency"
    assert {"Dana Ruiz", "Marcus Webb", "Lena Ortiz", "Tom Reyes"} <= set(ents)
    assert not any(name.startswith("Police") for name in ents)
    f = facts(doc)
    assert ("Dana Ruiz", "WORKS_FOR", "Harlow City Council") in f
    assert ("Marcus Webb", "WORKS_FOR", "Harlow City Council") in f
    assert ("Tom Reyes", "WORKS_FOR", "Harlow Police Department") in f


def test_a_corporate_title_with_no_firm_in_the_sentence_is_a_job_at_the_articles_firm(nlp):
    doc = extract_text("Tallis Mapping Inc. makes drones. Tallis Mapping Inc. has had a hard year. Marcus Webb, a "
                       "longtime adviser, became interim chief executive in May. Dana Ruiz was named chief operating "
                       "officer in June. That deal was never signed, a company spokesperson, Lena Ortiz, told Capitol "
                       "Wire. Staff signed a petition to chief executive Tom Reyes.", nlp)
    for person in ("Marcus Webb", "Dana Ruiz", "Lena Ortiz", "Tom Reyes"):
        assert relation(doc, person, "WORKS_FOR", "Tallis Mapping Inc.").status == "asserted"


def test_a_corporate_title_in_an_article_about_an_agency_is_not_guessed(nlp):
    doc = extract_text("The Army has a new drone program. Marcus Webb became chief information officer in May.", nlp)
    assert not any(t == "WORKS_FOR" for _, t, _ in facts(doc))


def test_the_council_approving_a_contract_is_the_city_council_named_before(nlp):
    doc = extract_text("The Harlow City Council voted 6-3 to keep the cameras. The council approved a two-year, $219,500 "
                       "contract with Tallis Mapping Inc. for maintenance.", nlp)
    assert contracts_of(doc) == [("Harlow City Council", "Tallis Mapping Inc.", 219500)]


def test_an_agency_contract_worth_as_much_as_an_amount_has_that_amount(nlp):
    doc = extract_text("Tallis Mapping Inc., the Oregon drone maker, has won an Army contract worth as much as $99.8 "
                       "million to supply quadcopters.", nlp)
    assert contracts_of(doc) == [("U.S. Army", "Tallis Mapping Inc.", 99800000)]


def test_a_firm_described_by_a_that_clause_still_wins_from_a_unit_named_through_its_parent(nlp):
    doc = extract_text("Tallis Mapping Inc., a Portland start-up that labels the maps used to train robots, has won an "
                       "agreement worth nearly $25 million from the Coast Guard's Harbor Data Office.", nlp)
    assert contracts_of(doc) == [("Harbor Data Office", "Tallis Mapping Inc.", 25000000)]


def test_its_customers_include_agencies_names_them_as_buyers(nlp):
    doc = extract_text("Tallis Mapping Inc. makes flood maps. Its customers include the Air Force and the Coast Guard.", nlp)
    assert sorted(contracts_of(doc)) == [("U.S. Air Force", "Tallis Mapping Inc.", None),
                                         ("U.S. Coast Guard", "Tallis Mapping Inc.", None)]


@pytest.mark.parametrize("text, investors", [
    ("Tallis Mapping Inc. raised $40 million in a round led by Belcourt Capital, with participation from Northgate "
     "Ventures, Harrow Group and Lumen Partners.", ["Belcourt Capital", "Northgate Ventures", "Harrow Group", "Lumen Partners"]),
    ("Belcourt Capital and Northgate Ventures co-led the $20 million round in Tallis Mapping Inc.",
     ["Belcourt Capital", "Northgate Ventures"]),
    ("Tallis Mapping Inc. makes drones. Investors include Belcourt Capital and Northgate Ventures.",
     ["Belcourt Capital", "Northgate Ventures"]),
    ("Tallis Mapping Inc. makes drones. The round was led by Belcourt Capital and Northgate Ventures.",
     ["Belcourt Capital", "Northgate Ventures"]),
])
def test_investor_lists_in_funding_round_wordings(nlp, text, investors):
    f = facts(extract_text(text, nlp))
    for investor in investors:
        assert (investor, "INVESTED_IN", "Tallis Mapping Inc.") in f


def test_a_place_a_firm_is_based_in_is_a_location_and_not_the_company_referred_to(nlp):
    doc = extract_text("Tallis Mapping Inc., based in Dayton, makes planes. The company's founder, Marcus Webb, flew one.", nlp)
    assert by_name(doc)["Dayton"].type == "Location"
    f = facts(doc)
    assert ("Tallis Mapping Inc.", "LOCATED_IN", "Dayton") in f
    assert ("Marcus Webb", "FOUNDED", "Tallis Mapping Inc.") in f


def test_the_company_already_referred_to_weighs_in_later_references(nlp):
    doc = extract_text("Tallis Mapping Inc. will fly planes over the city. The company will send images to police. "
                       "Belcourt Ventures, a philanthropy, is paying for the flights. The company's founder, Marcus Webb, "
                       "flew one.", nlp)
    assert ("Marcus Webb", "FOUNDED", "Tallis Mapping Inc.") in facts(doc)


def test_a_title_the_model_reads_as_a_body_before_a_name_is_dropped(nlp):
    doc = extract_text("The mayor and his appointees, City Solicitor Dana Moore and Acting Public Works Director Marcus "
                       "Webb, voted no.", nlp)
    ents = by_name(doc)
    assert "Dana Moore" in ents and "Marcus Webb" in ents
    assert not any("Solicitor" in name or "Director" in name for name in ents)


def test_a_round_led_by_an_investor_is_no_job(nlp):
    doc = extract_text("Tallis Mapping Inc. makes drones. In 2021 it raised $170 million in a round led by Lena Ortiz.", nlp)
    f = facts(doc)
    assert ("Lena Ortiz", "INVESTED_IN", "Tallis Mapping Inc.") in f
    assert ("Lena Ortiz", "WORKS_FOR", "Tallis Mapping Inc.") not in f


def test_founders_joined_by_a_kinship_word_all_founded_the_body(nlp):
    doc = extract_text("Belcourt Ventures, the charity founded by Marcus Webb, a former trader, and his wife, Lena Webb, "
                       "paid for the study.", nlp)
    f = facts(doc)
    assert ("Marcus Webb", "FOUNDED", "Belcourt Ventures") in f
    assert ("Lena Webb", "FOUNDED", "Belcourt Ventures") in f


@pytest.mark.parametrize("text, fact", [
    ("Webb said the Harbor Data Office is part of the Maritime Safety Directorate, a headquarters component of the "
     "Coast Guard.", ("Maritime Safety Directorate", "PART_OF", "U.S. Coast Guard")),
    ("Coast Guard components such as the Maritime Safety Directorate share the data.",
     ("Maritime Safety Directorate", "PART_OF", "U.S. Coast Guard")),
    ("The Maritime Safety Directorate, the Coast Guard's commercial technology outfit, ran the contest.",
     ("Maritime Safety Directorate", "PART_OF", "U.S. Coast Guard")),
    ("The award is managed by the Drone Program Directorate within the Coast Guard's Maritime Safety Directorate.",
     ("Drone Program Directorate", "PART_OF", "Maritime Safety Directorate")),
])
def test_part_of_wordings_in_news_text(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_a_which_owns_clause_lists_what_the_firm_owns(nlp):
    doc = extract_text("In January, Harrow Group, which owns Tallis Mapping Inc. and Belcourt Holdings, sued Quorra Labs.", nlp)
    f = facts(doc)
    assert ("Harrow Group", "OWNS", "Tallis Mapping Inc.") in f
    assert ("Harrow Group", "OWNS", "Belcourt Holdings") in f


def test_more_employment_wordings(nlp):
    doc = extract_text("Marcus Webb, a vice president in Harrow Group's radar business, said the deal was good. Col. "
                       "Dana Ruiz, the Coast Guard's project manager for drones, agreed. Lena Ortiz, a co-founder of "
                       "Quorra Labs, has formally left the company.", nlp)
    f = facts(doc)
    assert ("Marcus Webb", "WORKS_FOR", "Harrow Group") in f
    assert ("Dana Ruiz", "WORKS_FOR", "U.S. Coast Guard") in f
    assert ("Lena Ortiz", "WORKS_FOR", "Quorra Labs") in f


@pytest.mark.parametrize("text, fact", [
    ("Tallis Mapping Inc., a data analytics company based in Reston, Virginia, sells maps.",
     ("Tallis Mapping Inc.", "LOCATED_IN", "Reston, Virginia")),
    ("Quorra Labs, a subsidiary of the mapping company Tallis Mapping Inc., shares staff with its parent.",
     ("Quorra Labs", "SUBSIDIARY_OF", "Tallis Mapping Inc.")),
    ("Quorra Labs was backed early on by Belcourt Capital, the venture arm of Harrow Group, and by Northgate Ventures.",
     ("Northgate Ventures", "INVESTED_IN", "Quorra Labs")),
    ("Marcus Webb is a partner at Belcourt Capital and earlier served as the first chief executive of Quorra Labs.",
     ("Marcus Webb", "WORKS_FOR", "Quorra Labs")),
])
def test_located_subsidiary_investor_and_job_wordings_with_descriptions(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_a_founder_title_is_not_hedged_by_the_clause_it_sits_in(nlp):
    doc = extract_text("Quorra Labs founder Marcus Webb is reportedly also an investor in Tallis Mapping Inc.", nlp)
    assert relation(doc, "Marcus Webb", "FOUNDED", "Quorra Labs").status == "asserted"
    assert relation(doc, "Marcus Webb", "INVESTED_IN", "Tallis Mapping Inc.").status == "hedged"


@pytest.mark.parametrize("text, contract", [
    ("Tallis Mapping Inc. makes drones. In March, the Coast Guard awarded it a $4 million contract for harbor maps.",
     ("U.S. Coast Guard", "Tallis Mapping Inc.", 4000000)),
    ("Tallis Mapping Inc. makes drones. Last year it won a $12 million deal from the Army.",
     ("U.S. Army", "Tallis Mapping Inc.", 12000000)),
    ("The Coast Guard wants better maps. It awarded Tallis Mapping Inc. a $5 million contract in May.",
     ("U.S. Coast Guard", "Tallis Mapping Inc.", 5000000)),
])
def test_a_contract_party_named_by_it_is_the_firm_or_agency_named_before(nlp, text, contract):
    assert contracts_of(extract_text(text, nlp)) == [contract]


def test_a_former_navy_seal_is_a_seal_not_the_navy_and_works_for_it(nlp):
    doc = extract_text("Tallis Mapping Inc. was founded by Marcus Webb, a former Navy SEAL, in 2015.", nlp)
    ents = by_name(doc)
    assert ents["Navy SEALs"].type == "Agency"
    assert "U.S. Navy" not in ents
    assert ("Marcus Webb", "WORKS_FOR", "Navy SEALs") in facts(doc)


def test_local_office_titles_are_not_part_of_a_persons_name(nlp):
    doc = extract_text("Council President Dana Ruiz, President Pro Tem Lena Ortiz and Councilman Marcus Webb voted no.", nlp)
    assert {"Dana Ruiz", "Lena Ortiz", "Marcus Webb"} <= set(by_name(doc))


@pytest.mark.parametrize("text, fact", [
    ("Tallis Mapping Inc. hired retired Army Col. Dana Ruiz as vice president of strategic engagements.",
     ("Dana Ruiz", "WORKS_FOR", "Tallis Mapping Inc.")),
    ("Marcus Webb, formerly of Harrow Group, joined the board.", ("Marcus Webb", "WORKS_FOR", "Harrow Group")),
    ("Tallis Mapping Inc., acquired by Harrow Group in 2019, makes maps.", ("Harrow Group", "ACQUIRED", "Tallis Mapping Inc.")),
    ("The Belcourt-backed start-up Quorra Labs makes drones.", ("Belcourt", "INVESTED_IN", "Quorra Labs")),
    ("Quorra Labs's lawyer, Dana Ruiz, declined to comment.", ("Dana Ruiz", "REPRESENTS", "Quorra Labs")),
    ("Marcus Webb, Tallis Mapping Inc.'s attorney, agreed.", ("Marcus Webb", "REPRESENTS", "Tallis Mapping Inc.")),
    ("Lena Ortiz, who represents Harrow Group, said nothing.", ("Lena Ortiz", "REPRESENTS", "Harrow Group")),
])
def test_hiring_past_employers_participles_and_lawyers(nlp, text, fact):
    assert fact in facts(extract_text(text, nlp))


def test_acquired_by_is_never_read_as_the_subject_acquiring(nlp):
    doc = extract_text("Tallis Mapping Inc., acquired by Harrow Group in 2019, makes maps.", nlp)
    assert ("Tallis Mapping Inc.", "ACQUIRED", "Harrow Group") not in facts(doc)


def test_its_at_a_sentence_start_is_the_previous_sentences_subject_firm(nlp):
    doc = extract_text("Tallis Mapping Inc. was bought in 2020 by Harrow Group. Its chief executive, Dana Ruiz, said "
                       "the Army awarded it a $3 million contract in 2021. Harrow Group's chief executive is Tom Reyes.", nlp)
    f = facts(doc)
    assert ("Dana Ruiz", "WORKS_FOR", "Tallis Mapping Inc.") in f
    assert ("Dana Ruiz", "WORKS_FOR", "Harrow Group") not in f
    assert ("Tom Reyes", "WORKS_FOR", "Harrow Group") in f
    assert contracts_of(doc) == [("U.S. Army", "Tallis Mapping Inc.", 3000000)]


def test_he_before_a_verb_of_saying_is_not_the_subject_of_what_is_reported(nlp):
    doc = extract_text("Marcus Webb, a spokesman for the Coast Guard, spoke on Monday. He added that it had paid Quorra "
                       "Labs $2 million last year.", nlp)
    assert not any(src == "Marcus Webb" and t == "PAID" for src, t, _ in facts(doc))


@pytest.mark.parametrize("text, contract", [
    ("Tallis Mapping Inc., a Portland company, has won a research contract from the U.S. Air Force and the Coast Guard.",
     [("U.S. Air Force", "Tallis Mapping Inc.", None), ("U.S. Coast Guard", "Tallis Mapping Inc.", None)]),
    ("Tallis Mapping Inc. also supplies flood-mapping software to the Coast Guard.",
     [("U.S. Coast Guard", "Tallis Mapping Inc.", None)]),
    ("Tallis Mapping Inc. sells maps. The Coast Guard first bought the maps in 2017 under a two-year, $1 million contract "
     "with the same vendor.", [("U.S. Coast Guard", "Tallis Mapping Inc.", 1000000)]),
])
def test_more_news_award_wordings(nlp, text, contract):
    assert contracts_of(extract_text(text, nlp)) == contract


def test_a_name_ending_in_ai_is_a_firm(nlp):
    doc = extract_text("Harbor AI makes drones. Its customers include the Coast Guard.", nlp)
    assert by_name(doc)["Harbor AI"].type == "Company"


def test_founded_in_a_year_and_runs_it_and_the_place_maker_apposition(nlp):
    doc = extract_text("Dana Ruiz, who founded Tallis Mapping Inc. in 2016 and runs it as chief executive, spoke. Quorra "
                       "Labs, the Oregon drone maker, agreed.", nlp)
    f = facts(doc)
    assert ("Dana Ruiz", "WORKS_FOR", "Tallis Mapping Inc.") in f
    assert ("Quorra Labs", "LOCATED_IN", "Oregon") in f


# -- the model's attribute ruler, matched by look-up ---------------------------------------------
def test_fast_attribute_ruler_finds_exactly_the_matchers_matches(nlp):
    """kg replaces only the ruler's match step; on real paragraphs and on the wordings its rarer
    patterns are for (contractions, "gonna", pronouns by dependency, "there is"), the matches must
    be spaCy Matcher's, in its order."""
    import spacy

    from kg.extract.attribute_rules import FastAttributeMatch

    with open(DOD_CSV, newline="", encoding="utf-8") as f:
        texts = [row["announcement"] for _, row in zip(range(150), csv.DictReader(f))]
    texts += ["I ain't gonna say it, y'all. Let's go: there is nothing to it, and you know I don't.",
              "Gotta love it. C'mon! Nothin' gets done that he didn't want; it got worse, but we'd seen it.",
              "He has had it. Does she? They do. It's not the law's fault, whether or not they're here.\n\n  \n"]
    plain = spacy.load(nlp.path, exclude=["lemmatizer"])  # the same model, its ruler untouched
    ruler = plain.get_pipe("attribute_ruler")
    fast = FastAttributeMatch(ruler)
    docs = list(plain.pipe(texts, disable=["attribute_ruler", "ner"]))
    assert all(fast(d) == ruler.match(d) for d in docs)
    assert sum(len(ruler.match(d)) for d in docs[-3:]) > 60


def test_the_pipeline_uses_the_fast_match_and_an_unknown_pattern_keeps_spacys(nlp):
    import spacy

    from kg.extract.attribute_rules import FastAttributeMatch, speed_up

    assert isinstance(nlp.get_pipe("attribute_ruler").match, FastAttributeMatch)
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})  # an operator: not a fixed sequence
    assert speed_up(blank) is False and not isinstance(ruler.match, FastAttributeMatch)


# -- relation rules tried only where their placeholders are ------------------------------------
def test_a_rule_needs_the_placeholders_every_match_holds():
    from kg.extract.relations import required_placeholders

    assert required_placeholders("{a:Person}, (?:the )?{role} (?:of|at) {b:Agency}") == (
        frozenset({"Person"}), frozenset({"Agency"}))
    # a grouped or optional slot, and slots in alternatives, are needed by no match
    assert required_placeholders("{money}? to {b:Company}") == (frozenset({"Company", "Other"}),)
    assert required_placeholders("(?:{a:Person} said|{b:Company} says)") == ()
    assert required_placeholders("{a:Person} said|{b:Company} says") == ()
    assert required_placeholders("paid {b:Company|Person} {money}") == (
        frozenset({"Company", "Person", "Other"}), frozenset({"Money"}))


def test_skipping_rules_a_sentence_cannot_match_changes_no_relation(nlp):
    import copy
    import dataclasses

    from kg.corpus import iter_articles
    from kg.extract.pipeline import _to_doc

    from .conftest import CORPUS, SEED

    finder = nlp.get_pipe("kg_relations_v1")
    docs = list(nlp.pipe((_to_doc(nlp, a) for a in iter_articles([CORPUS, SEED])), disable=["kg_relations_v1"]))
    with open(DOD_CSV, newline="", encoding="utf-8") as f:
        docs += list(nlp.pipe((_to_doc(nlp, Article(id=f"dod-{i}", text=row["announcement"]))
                               for i, row in zip(range(60), csv.DictReader(f))), disable=["kg_relations_v1"]))
    kept = [(list(d._.kg_entities), list(d._.kg_mentions)) for d in docs]

    def relations(rules):
        saved = finder._relation_rules, finder._event_rules
        finder._relation_rules = tuple(r for r in rules if r.relation)
        finder._event_rules = tuple(r for r in rules if not r.relation)
        try:
            out = []
            for d, (ents, mentions) in zip(docs, kept):
                d._.kg_entities, d._.kg_mentions = copy.deepcopy(ents), list(mentions)
                out.append([(r.source, r.type, r.target, r.status, r.pattern, r.evidence.start) for r in finder(d)._.kg_relations])
            return out
        finally:
            finder._relation_rules, finder._event_rules = saved

    assert sum(1 for r in finder.rules if r.needs) > 250
    with_needs = relations(finder.rules)
    assert with_needs == relations(tuple(dataclasses.replace(r, needs=()) for r in finder.rules))
    assert sum(map(len, with_needs)) > 200
