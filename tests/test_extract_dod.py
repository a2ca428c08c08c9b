"""DoD announcement wordings found in the fifth development set (tests/gold-dev5, hard DoD
paragraphs): each behaviour on a paragraph written for the test."""
from __future__ import annotations

from .test_extract import contracts_of, core_names, extract_text, facts


def test_awardees_with_their_numbers_after_a_comma_share_one_sentence_and_each_get_a_contract(nlp):
    # "A Inc.,* City, State, (number), and B Inc., City, State, (number), will share ...": the
    # comma before each number, and the dot of "Assoc.", do not cut the lead in two
    doc = extract_text("Tamsin Assoc. Inc.,* Ocala, Florida, (SPE7LX-16-D-0021), and Bellwether Cells Inc.,* Islip, "
                       "New York, (SPE7LX-16-D-0022), will share a $12,400,000 firm-fixed-price contract for "
                       "rechargeable batteries. The contracting activity is the Defense Logistics Agency Land and "
                       "Maritime, Columbus, Ohio.", nlp)
    assert {s: a for _, s, a in contracts_of(doc)} == {"Tamsin Assoc. Inc.": 12400000, "Bellwether Cells Inc.": 12400000}
    assert {("Tamsin Assoc. Inc.", "LOCATED_IN", "Ocala, Florida"),
            ("Bellwether Cells Inc.", "LOCATED_IN", "Islip, New York")} <= facts(doc)


def test_a_not_to_exceed_amount_written_without_hyphens_is_the_award_value(nlp):
    doc = extract_text("Quorra Networks Inc., Reston, Virginia, has been awarded a not to exceed $8,750,000 "
                       "firm-fixed-price task order (FA9101-16-F-0003) for network support. Fiscal 2016 funds in the "
                       "amount not to exceed $1,200,000 are being obligated at the time of award. Air Force Test "
                       "Center, Arnold Air Force Base, Tennessee, is the contracting activity.", nlp)
    assert contracts_of(doc) == [("Air Force Test Center", "Quorra Networks Inc.", 8750000)]


def test_a_correction_notice_gives_the_award_day_and_amount_it_restates(nlp):
    # "Correction: The contract awarded on <day>, to the X, for $N (number), should have stated ..."
    doc = extract_text("Correction: The contract awarded on Feb. 9, 2016, to the Larkspur Aero Co., for $61,250,000 "
                       "(N00019-16-C-0042), should have stated that it was for 12 trainer aircraft, not 10.",
                       nlp, date="February 12, 2016")
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert (contract.properties["supplier"], contract.properties["amount"], contract.properties["date"]) == \
        ("Larkspur Aero Co.", 61250000, "2016-02-09")


def test_a_correction_about_a_firms_contract_names_the_firm(nlp):
    doc = extract_text("CORRECTION: The contract to Dunmore Signal Inc., awarded on Jan. 4, 2016, had an incorrect "
                       "contract number. The correct number is FA8730-16-C-0011. All other information is accurate.",
                       nlp, date="January 6, 2016")
    (contract,) = [c for c in doc.entities if c.type == "Contract"]
    assert (contract.properties["supplier"], contract.properties["date"]) == ("Dunmore Signal Inc.", "2016-01-04")


def test_a_branch_named_only_inside_a_website_or_a_base_name_is_not_an_entity(nlp):
    doc = extract_text("Harlow Builders Inc., Norfolk, Virginia, is being awarded a $9,800,000 firm-fixed-price "
                       "contract for a hangar at Marine Corps Base, Camp Lejeune. This contract was competitively "
                       "procured via the Navy Electronic Commerce Online website, with three proposals received. Naval "
                       "Facilities Engineering Command, Mid-Atlantic, Norfolk, Virginia, is the contracting activity.", nlp)
    assert not core_names(doc) & {"U.S. Navy", "U.S. Marine Corps"}
    assert [e.type for e in doc.entities if e.name == "Navy Electronic Commerce Online"] == ["Other"]
    assert len(contracts_of(doc)) == 1


def test_another_countrys_forces_are_their_own_agency_not_the_us_branch(nlp):
    doc = extract_text("Falstone Avionics Ltd., Riyadh, Saudi Arabia, is being awarded a $14,000,000 contract to "
                       "support the Royal Saudi Air Force F-15 fleet and the Iraqi Air Force. Air Force Life Cycle "
                       "Management Center, Robins Air Force Base, Georgia, is the contracting activity.", nlp)
    names = core_names(doc)
    assert {"Royal Saudi Air Force", "Iraqi Air Force"} <= names and "U.S. Air Force" not in names
    assert [e.type for e in doc.entities if e.name == "Royal Saudi Air Force"] == ["Agency"]


def test_foreign_governments_a_sale_is_for_are_agencies(nlp):
    doc = extract_text("Corbel Sensors Inc., Andover, Massachusetts, is being awarded a $6,300,000 contract for radar "
                       "spares for the Navy (90 percent) and the governments of Chile, Norway and Egypt (10 percent) "
                       "under the Foreign Military Sales program, and training for the government of Qatar. Naval Sea "
                       "Systems Command, Washington, District of Columbia, is the contracting activity.", nlp)
    agencies = {e.name for e in doc.entities if e.type == "Agency"}
    assert {"Chile", "Norway", "Egypt", "government of Qatar"} <= agencies
