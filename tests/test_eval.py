"""Extraction quality on the hand-annotated development set, against bare spaCy: a floor that
keeps the scores from falling. The numbers are in docs/extraction-quality.md."""
from __future__ import annotations

import json

import pytest

from kg.evaluate import Report, Score, evaluate, load_gold, score_document
from kg.model import Article, Document, Entity, Evidence, Relation

from .conftest import ROOT

GOLD = ROOT / "tests" / "gold"

# floors a little under the scores measured when they were set (docs/extraction-quality.md); entity floors
# raised by issue 4t (session 9)
FLOORS = {"entities": 0.93, "relations": 0.85, "contracts": 0.93}
# the second development set (tests/gold-dev2), worked on in issue 4c: floors about 0.02 under
DEV2 = ROOT / "tests" / "gold-dev2"
DEV2_FLOORS = {"entities": 0.95, "relations": 0.92, "contracts": 0.93}
# the third development set (tests/gold-dev3, news only), worked on in issue 4d: floors about 0.02 under
DEV3 = ROOT / "tests" / "gold-dev3"
DEV3_FLOORS = {"entities": 0.92, "relations": 0.90, "contracts": 0.83}  # contracts raised after issue 4t: 0.821 -> 0.850
# the fourth (news, contract-heavy) and fifth (hard DoD paragraphs) sets, worked on in session 4
# (relation floors of the first, second and fourth raised by issue 4j's roles detector)
DEV4 = ROOT / "tests" / "gold-dev4"
DEV4_FLOORS = {"entities": 0.95, "relations": 0.86, "contracts": 0.87}  # contracts raised by issue 4r: 0.878 -> 0.900, entities by 4t
DEV5 = ROOT / "tests" / "gold-dev5"
DEV5_FLOORS = {"entities": 0.92, "relations": 0.90, "contracts": 0.90}
# the sixth development set (tests/gold-dev6, news only; first score 0.821 / 0.613 / 0.273 with session 6's
# extractor), worked on in issues 4k (contracts) and 4l (entities, relations): floors about 0.02 under
# the scores then (relations raised by issue 4n: 0.667 -> 0.71; contracts by issue 4p: 0.579 -> 0.605, by 4r: -> 0.623)
DEV6 = ROOT / "tests" / "gold-dev6"
DEV6_FLOORS = {"entities": 0.94, "relations": 0.69, "contracts": 0.60}
# the seventh development set (tests/gold-dev7, news only: state and local governments, defence-technology
# firms; first score 0.825 / 0.615 / 0.267 with session 7's extractor), worked on in issues 4m-4q:
# floors about 0.02-0.03 under the scores then (raised in session 8 by issues 4o, 4p and 4q; relations and
# contracts lowered by 0.02 in session 9 when the scorer stopped crediting a "Cubic Corp." node with its
# unit Cubic Transportation Systems' facts: 0.733 -> 0.711, 0.532 -> 0.511)
DEV7 = ROOT / "tests" / "gold-dev7"
DEV7_FLOORS = {"entities": 0.93, "relations": 0.69, "contracts": 0.58}  # session 9 end: 0.956 / 0.716 / 0.604
# the ninth development set (tests/gold-dev9, news only; first score 0.802 / 0.579 / 0.338; the session 8
# engineers' scores-only check set until issues 4p and 4q read it): floors about 0.02 under the scores at
# the end of session 8 (0.818 / 0.593 / 0.394; 0.823 / 0.582 / 0.366 once the scorer matched a node to
# the gold entity written like its name, session 9)
DEV9 = ROOT / "tests" / "gold-dev9"
DEV9_FLOORS = {"entities": 0.82, "relations": 0.59, "contracts": 0.34}  # session 9 end: 0.839 / 0.589 / 0.366; session 12 (recogniser not trained on it): 0.844 / 0.615 / 0.366
# the eleventh development set (tests/gold-dev11, session 10, news only: states and cities, federal civilian
# agencies and governments abroad buying from firms; annotated blind, first score 0.866 / 0.490 / 0.231 with
# session 9's extractor, nobody has worked on it yet): floors about 0.02 under that first score
DEV11 = ROOT / "tests" / "gold-dev11"
DEV11_FLOORS = {"entities": 0.88, "relations": 0.57, "contracts": 0.22}  # session 12, the recogniser trained on it among others: 0.902 / 0.596 / 0.245
# the twelfth development set (tests/gold-dev12, session 11, news only: police and prison technology, the
# defense industry at home and abroad; annotated blind, first score 0.825 / 0.581 / 0.288 with session 10's
# extractor): floors about 0.02 under that first score
DEV12 = ROOT / "tests" / "gold-dev12"
DEV12_FLOORS = {"entities": 0.85, "relations": 0.62, "contracts": 0.30}  # session 12, the recogniser trained on it among others: 0.871 / 0.648 / 0.320
# the thirteenth and fourteenth development sets (session 12, news only: who owns and funds contractors,
# federal civilian IT; state and local buyers, allies' defence procurement; annotated blind, first scores
# 0.920 / 0.660 / 0.427 and 0.827 / 0.452 / 0.133 with session 12's extractor, the shipped recogniser not
# trained on them): floors about 0.02 under those first scores
DEV13 = ROOT / "tests" / "gold-dev13"
DEV13_FLOORS = {"entities": 0.90, "relations": 0.64, "contracts": 0.40}
DEV14 = ROOT / "tests" / "gold-dev14"
DEV14_FLOORS = {"entities": 0.80, "relations": 0.43, "contracts": 0.11}


@pytest.fixture(scope="module")
def reports():
    return {r.system: r for r in evaluate(GOLD)}


def test_development_set_has_the_texts_the_issue_asks_for():
    texts = load_gold(GOLD)
    kinds = [t.gold["source"]["kind"] for t in texts]
    assert len(texts) >= 40 and kinds.count("dod") >= 20 and kinds.count("seed") == 1 and kinds.count("corpus") >= 12


def test_kg_scores_stay_above_their_floors(reports):
    scores = reports["kg"].scores
    for kind, floor in FLOORS.items():
        assert scores[kind].f1 >= floor, (kind, scores[kind].to_dict())


def test_kg_scores_on_the_second_development_set_stay_above_their_floors():
    (kg,) = [r for r in evaluate(DEV2, baseline=False) if r.system == "kg"]
    for kind, floor in DEV2_FLOORS.items():
        assert kg.scores[kind].f1 >= floor, (kind, kg.scores[kind].to_dict())


def test_kg_scores_on_the_third_development_set_stay_above_their_floors():
    (kg,) = [r for r in evaluate(DEV3, baseline=False) if r.system == "kg"]
    for kind, floor in DEV3_FLOORS.items():
        assert kg.scores[kind].f1 >= floor, (kind, kg.scores[kind].to_dict())


@pytest.mark.parametrize("gold, floors", [(DEV4, DEV4_FLOORS), (DEV5, DEV5_FLOORS), (DEV6, DEV6_FLOORS),
                                          (DEV7, DEV7_FLOORS), (DEV9, DEV9_FLOORS), (DEV11, DEV11_FLOORS),
                                          (DEV12, DEV12_FLOORS), (DEV13, DEV13_FLOORS), (DEV14, DEV14_FLOORS)],
                         ids=["dev4", "dev5", "dev6", "dev7", "dev9", "dev11", "dev12", "dev13", "dev14"])
def test_kg_scores_on_the_fourth_to_fourteenth_development_sets_stay_above_their_floors(gold, floors):
    (kg,) = [r for r in evaluate(gold, baseline=False) if r.system == "kg"]
    for kind, floor in floors.items():
        assert kg.scores[kind].f1 >= floor, (kind, kg.scores[kind].to_dict())


def test_scores_are_also_kept_per_kind_of_text_and_add_up(reports):
    kg = reports["kg"]
    assert set(kg.by_kind) == {"dod", "articles"}
    for kind, total in kg.scores.items():
        parts = [kg.by_kind[text][kind] for text in kg.by_kind]
        assert (sum(p.tp for p in parts), sum(p.fp for p in parts), sum(p.fn for p in parts)) == (total.tp, total.fp, total.fn)
    # DoD paragraphs have contracts in every text; the articles' contracts are scored apart
    assert kg.by_kind["dod"]["contracts"].tp > 0 and kg.by_kind["articles"]["contracts"].tp > 0


def test_kg_beats_bare_spacy_by_a_wide_margin(reports):
    kg, base = reports["kg"].scores, reports["spaCy NER (baseline)"].scores
    assert kg["entities"].f1 >= base["entities"].f1 + 0.3
    assert base["relations"].f1 == 0 and base["contracts"].f1 == 0


def test_scoring_counts_type_errors_as_misses():
    gold = {"entities": [{"name": "Wickr", "type": "Company", "aliases": []}], "relations": [], "contracts": []}
    doc = Document(Article(id="t", text="Wickr"), [Entity("e1", "Wickr", "Person")])
    report = Report("x")
    score_document(doc, gold, report)
    assert report.scores["entities"].to_dict() == Score(0, 1, 1).to_dict()


def test_scoring_matches_relations_through_aliases_and_ignores_hedged_claims():
    gold = {"entities": [{"name": "Erik Prince", "type": "Person", "aliases": ["Prince"]},
                         {"name": "Wickr", "type": "Company", "aliases": ["Wickr Inc."]}],
            "relations": [{"source": "Erik Prince", "type": "INVESTED_IN", "target": "Wickr", "status": "asserted"}],
            "contracts": []}
    ev = Evidence("Prince is an investor in Wickr Inc.", 0, 36)
    doc = Document(Article(id="t", text=ev.text), [Entity("e1", "Prince", "Person"), Entity("e2", "Wickr Inc.", "Company")],
                   [Relation("e1", "e2", "INVESTED_IN", ev), Relation("e1", "e2", "FOUNDED", ev, status="hedged")])
    report = Report("x")
    score_document(doc, gold, report)
    assert (report.scores["relations"].tp, report.scores["relations"].fp, report.scores["relations"].fn) == (1, 0, 0)
    assert report.scores["entities"].f1 == 1.0


def test_gold_relations_and_contracts_written_with_an_alias_are_matched_like_their_names():
    # the gold format lets an endpoint be an entity's alias ("ACLU" for the American Civil Liberties
    # Union); predictions are named after the gold entity they match, so the gold side is too
    gold = {"entities": [{"name": "American Civil Liberties Union", "type": "Organization", "aliases": ["ACLU"]},
                         {"name": "Ada Lind", "type": "Person", "aliases": []},
                         {"name": "Defense Department", "type": "Agency", "aliases": ["Pentagon"]},
                         {"name": "Corvane", "type": "Company", "aliases": []}],
            "relations": [{"source": "Ada Lind", "type": "WORKS_FOR", "target": "ACLU"}],
            "contracts": [{"buyer": "Pentagon", "supplier": "Corvane", "amount": None, "date": None}]}
    ev = Evidence("Ada Lind of the ACLU said the Pentagon pays Corvane.", 0, 52)
    doc = Document(Article(id="t", text=ev.text),
                   [Entity("o", "ACLU", "Organization"), Entity("p", "Ada Lind", "Person"),
                    Entity("a", "Pentagon", "Agency"), Entity("f", "Corvane", "Company"),
                    Entity("c", "contract", "Contract")],
                   [Relation("p", "o", "WORKS_FOR", ev), Relation("a", "c", "AWARDED", ev), Relation("c", "f", "AWARDED_TO", ev)])
    report = Report("x")
    score_document(doc, gold, report)
    assert report.scores["relations"].to_dict() == Score(1, 0, 0).to_dict()
    assert report.scores["contracts"].to_dict() == Score(1, 0, 0).to_dict()


def test_a_contract_kg_reads_as_hedged_is_no_prediction_as_a_hedged_gold_contract_is_no_target():
    gold = {"entities": [{"name": "Defense Department", "type": "Agency", "aliases": []},
                         {"name": "Corvane", "type": "Company", "aliases": []}],
            "relations": [],
            "contracts": [{"buyer": "Defense Department", "supplier": "Corvane", "amount": None, "date": None,
                           "status": "hedged"}]}
    ev = Evidence("The Defense Department reportedly pays Corvane.", 0, 48)
    doc = Document(Article(id="t", text=ev.text),
                   [Entity("a", "Defense Department", "Agency"), Entity("f", "Corvane", "Company"),
                    Entity("c", "contract", "Contract")],
                   [Relation("a", "c", "AWARDED", ev, status="hedged"), Relation("c", "f", "AWARDED_TO", ev, status="hedged")])
    report = Report("x")
    score_document(doc, gold, report)
    assert report.scores["contracts"].to_dict() == Score(0, 0, 0).to_dict()


def test_a_prediction_sharing_a_key_with_two_gold_entities_is_the_one_written_like_it():
    # a parent "Cubic Corp." and its unit "Cubic Transportation Systems", each also called "Cubic",
    # share a key: the parent found as "Cubic Corp." is the parent, not whichever comes first
    gold = {"entities": [{"name": "Cubic Transportation Systems", "type": "Company", "aliases": ["Cubic"]},
                         {"name": "Cubic Corp.", "type": "Company", "aliases": []}],
            "relations": [{"source": "Cubic Transportation Systems", "type": "SUBSIDIARY_OF", "target": "Cubic Corp."}],
            "contracts": []}
    ev = Evidence("Cubic Transportation Systems, a unit of Cubic Corp., won.", 0, 57)
    doc = Document(Article(id="t", text=ev.text),
                   [Entity("u", "Cubic Transportation Systems", "Company"), Entity("p", "Cubic Corp.", "Company", ["Cubic"])],
                   [Relation("u", "p", "SUBSIDIARY_OF", ev)])
    report = Report("x")
    score_document(doc, gold, report)
    assert report.scores["entities"].to_dict() == Score(2, 0, 0).to_dict()
    assert report.scores["relations"].to_dict() == Score(1, 0, 0).to_dict()


def test_breakdown_tells_which_contract_field_and_relation_type_missed():
    gold = {"entities": [{"name": "Army", "type": "Agency", "aliases": []},
                         {"name": "Anduril", "type": "Company", "aliases": []},
                         {"name": "Palmer Luckey", "type": "Person", "aliases": []}],
            "relations": [{"source": "Palmer Luckey", "type": "FOUNDED", "target": "Anduril"},
                          {"source": "Palmer Luckey", "type": "WORKS_FOR", "target": "Anduril"}],
            "contracts": [{"buyer": "Army", "supplier": "Anduril", "amount": 100.0, "date": "2024-01-02"}]}
    ev = Evidence("The Army paid Anduril $100 in 2024, said founder Palmer Luckey.", 0, 60)
    doc = Document(Article(id="t", text=ev.text, date="2024-05-05"),
                   [Entity("a", "Army", "Agency"), Entity("f", "Anduril", "Company"), Entity("p", "Palmer Luckey", "Person"),
                    Entity("c", "contract", "Contract", properties={"amount": 100.0, "date": "2024-01-01"})],
                   [Relation("a", "c", "AWARDED", ev), Relation("c", "f", "AWARDED_TO", ev),
                    Relation("p", "f", "FOUNDED", ev)])
    report = Report("x")
    score_document(doc, gold, report)
    assert report.scores["contracts"].to_dict() == Score(0, 1, 1).to_dict()  # the date is wrong
    assert report.breakdown["contracts on buyer+supplier+amount"].to_dict() == Score(1, 0, 0).to_dict()
    assert report.breakdown["contracts on buyer+supplier+date"].to_dict() == Score(0, 1, 1).to_dict()
    assert report.breakdown["relations FOUNDED"].to_dict() == Score(1, 0, 0).to_dict()
    assert report.breakdown["relations WORKS_FOR"].to_dict() == Score(0, 0, 1).to_dict()
    total = Report("all")
    total.add(report, "articles")
    assert total.breakdown_by_kind["articles"]["relations WORKS_FOR"].fn == 1


def test_eval_command_prints_both_systems(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    # a one-file gold set keeps this fast
    (tmp_path / "seed.json").write_text((GOLD / "seed-000_437bc488ce69bfb1.json").read_text("utf-8"), "utf-8")
    r = CliRunner().invoke(app, ["eval", str(tmp_path), "-f", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    systems = {row["system"] for row in json.loads(r.stdout)}
    assert systems == {"kg", "spaCy NER (baseline)"}


def test_eval_by_kind_scores_dod_paragraphs_and_articles_apart(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    for name in ("seed-000_437bc488ce69bfb1.json", "dod-row-0129.json"):
        (tmp_path / name).write_text((GOLD / name).read_text("utf-8"), "utf-8")
    r = CliRunner().invoke(app, ["eval", str(tmp_path), "--no-baseline", "--by-kind", "-f", "csv"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    systems = {line.split(",")[0] for line in r.stdout.splitlines()[1:]}
    assert systems == {"kg", "kg · articles", "kg · dod"}
