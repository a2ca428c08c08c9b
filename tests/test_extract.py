"""Extraction on real text with the real model: the seed story's facts, typing, statuses."""
from __future__ import annotations

import csv

import pytest

from kg.extract import extract_document
from kg.extract.money import parse_date, parse_money
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
    (contract,) = [e for e in seed_doc.entities if e.type == "Contract"]
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
