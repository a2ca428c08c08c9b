"""News contracts: the wordings, coreference and dates of a reporter's prose.

Every paragraph here was written for these tests (made-up firms, real agency names); none is
copied from a development text.
"""
from __future__ import annotations

import pytest

from kg.extract import extract_document
from kg.model import Article
from kg.money import parse_date


def extract_text(text, nlp, date=""):
    return extract_document(Article(id="t", text=text, date=date), nlp)


def contracts(doc):
    return sorted((c.properties.get("buyer"), c.properties.get("supplier"), c.properties.get("amount"),
                   c.properties.get("date")) for c in doc.entities if c.type == "Contract")


# -- relative dates, read against the article's date ------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("on Tuesday", "2020-09-29"),  # the article's own weekday is that day, not a week before
    ("Monday", "2020-09-28"),
    ("last year", "2019"),
    ("earlier this year", "2020"),
    ("this month", "2020-09"),
    ("last month", "2020-08"),
    ("last week", None),  # too vague to date a deal by
    ("a year later", None),  # relative to another event, not to the article
    ("Nov. 19", "2019-11-19"),
])
def test_relative_dates_are_read_against_the_article_date(text, expected):
    assert parse_date(text, "2020-09-29") == expected


# -- supplier-side wordings with the buyer after "for" / "from" ---------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Brightwater Robotics, a drone maker founded in 2015 by two former Navy engineers, has secured a $12 million "
     "contract to build inspection drones for the U.S. Coast Guard.",
     ("U.S. Coast Guard", "Brightwater Robotics", 12000000.0)),
    ("Halvorsen Analytics has landed a blanket purchase agreement worth up to $40 million from the Federal "
     "Emergency Management Agency, the company said.",
     ("Federal Emergency Management Agency", "Halvorsen Analytics", 40000000.0)),
    ("Quillon Systems clinched a three-year, $7.5 million deal to supply translation software for the Drug "
     "Enforcement Administration.",
     ("Drug Enforcement Administration", "Quillon Systems", 7500000.0)),
])
def test_a_supplier_wins_an_award_for_a_buyer(nlp, text, expected):
    (c,) = contracts(extract_text(text, nlp))
    assert c[:3] == expected


@pytest.mark.parametrize("text, expected", [
    ("The Federal Bureau of Prisons, which runs 122 facilities, signed a two-year, $3.1 million agreement with "
     "Tarrow Health to provide telemedicine.",
     ("Federal Bureau of Prisons", "Tarrow Health", 3100000.0)),
    ("The Transportation Security Administration approved a contract worth $18 million with Ostrander Imaging "
     "for new baggage scanners.",
     ("Transportation Security Administration", "Ostrander Imaging", 18000000.0)),
])
def test_a_buyer_signs_a_deal_with_a_supplier(nlp, text, expected):
    (c,) = contracts(extract_text(text, nlp))
    assert c[:3] == expected


def test_spending_to_keep_a_product_is_not_a_payment_to_it(nlp):
    doc = extract_text("The Secret Service will spend $2 million to keep the Marlowe Systems camera network running "
                       "for another year.", nlp)
    assert contracts(doc) == []


# -- dates: the award's, not the report's -----------------------------------------------------
def test_the_date_of_a_report_does_not_date_the_deal(nlp):
    doc = extract_text("The Intercept reported in March 2022 that the Drug Enforcement Administration had bought "
                       "licenses worth $400,000 from Pellucid Labs. Procurement records list the purchase as a "
                       "June 2021 order.", nlp, date="2022-03-15")
    assert contracts(doc) == [("Drug Enforcement Administration", "Pellucid Labs", 400000.0, "2021-06")]


def test_a_vote_in_the_sentence_before_dates_the_contract(nlp):
    doc = extract_text("The Oakland City Council voted 5-3 on Tuesday to keep its gunshot sensors. The council "
                       "approved a $610,000 contract with Cordell Acoustics for two more years of service.",
                       nlp, date="2021-06-15")
    assert contracts(doc) == [("Oakland City Council", "Cordell Acoustics", 610000.0, "2021-06-15")]


def test_a_payment_so_far_takes_no_decision_date(nlp):
    doc = extract_text("The Oakland City Council voted 5-3 on June 15, 2021, to keep its gunshot sensors. The "
                       "city has paid Cordell Acoustics more than $2 million so far.", nlp, date="2021-06-20")
    assert all(c[3] is None for c in contracts(doc))


# -- "the contract" continues the deal the article is about ------------------------------------
def test_the_buyer_signed_the_contract_of_the_article_firm(nlp):
    text = ("Corvane Inc. will not bid again for the drone-imagery program once its current agreement ends, the company "
            "told employees. The Department of the Interior signed the contract in May 2019. According to Wired, "
            "the contract was worth at least $4 million and possibly as much as $6 million.")
    doc = extract_text(text, nlp, date="2020-02-01")
    assert contracts(doc) == [("Department of the Interior", "Corvane Inc.", 4000000.0, "2019-05")]


def test_a_selection_dates_the_award_and_names_the_unit_that_chose(nlp):
    text = ("Tessaly Corp. has won a $30 million contract to build a case-management system for the Department "
            "of Justice. The Bureau of Alcohol, Tobacco, Firearms and Explosives, part of the Department of "
            "Justice, picked Tessaly Corp. in October 2019 from four bidders.")
    doc = extract_text(text, nlp, date="2020-01-10")
    assert contracts(doc) == [("Bureau of Alcohol, Tobacco, Firearms and Explosives", "Tessaly Corp.", 30000000.0,
                               "2019-10")]


def test_a_selection_alone_is_no_contract(nlp):
    doc = extract_text("The Air Force picked Wendron Aerospace over two rivals, a spokesman said.", nlp)
    assert contracts(doc) == []
