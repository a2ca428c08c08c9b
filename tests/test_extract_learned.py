"""The learned contract fallback (kg.extract.learned): candidates, features, the model file, the hook."""
from __future__ import annotations

import json
import re

import pytest

from kg.extract import learned
from kg.extract.pipeline import extract_document, load_pipeline
from kg.model import Article


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _candidates(nlp, text: str) -> list[tuple[object, object, learned.Candidate, bool]]:
    sink: list = []
    learned.collect(sink)
    try:
        doc = extract_document(Article(id="t", text=text), nlp)
    finally:
        learned.collect(None)
    return [(entities[c.buyer], entities[c.supplier], c, ruled) for _d, entities, c, ruled, _status in sink], doc


def _pair(cands, buyer: str, supplier: str):
    def named(e, name):
        return any(name in n for n in [e.name, *e.aliases])
    return next(c for b, s, c, _ in cands if named(b, buyer) and named(s, supplier))


def test_features_of_a_payment(nlp):
    cands, _ = _candidates(nlp, "The Department of Energy paid Quorvant Systems Inc. $4.2 million in 2021 for grid sensors.")
    c = _pair(cands, "Department of Energy", "Quorvant")
    assert {"bt=Agency", "st=Company", "order=bs", "bslot=nsubj", "pathcue=pay", "money", "date"} <= set(c.features)
    assert c.money is not None and c.money[0] == 4_200_000
    assert c.date is not None and "2021" in c.date[0]


def test_features_of_a_prepositional_seller(nlp):
    cands, _ = _candidates(nlp, "Under the agreement, Hollin County will buy 300 body cameras from Marbrook Technologies Inc.")
    c = _pair(cands, "Hollin County", "Marbrook")
    assert "sslot=pobj:from" in c.features
    assert "pathcue=buy" in c.features


def test_hedge_and_negation_features(nlp):
    cands, _ = _candidates(nlp, "The Federal Aviation Administration did not renew its contract with Telvane Corp. in 2020.")
    c = _pair(cands, "Federal Aviation Administration", "Telvane")
    assert "neg" in c.features
    cands, _ = _candidates(nlp, "The State Department may buy licences from Orrin Analytics Inc., officials said.")
    c = _pair(cands, "State Department", "Orrin")
    assert "hedge" in c.features


def test_no_cue_and_no_amount_gives_no_candidate(nlp):
    cands, _ = _candidates(nlp, "The Department of Labor and Quorvant Systems Inc. were both mentioned in the hearing.")
    assert cands == []


def test_names_never_become_features(nlp):
    texts = [
        "The Department of Energy paid Quorvant Systems Inc. $4.2 million in 2021 for grid sensors.",
        "Pellworth Logistics Ltd. signed a $9 million deal with Brantley Aerospace Corp. to supply drones to the Navy.",
        "The city of Harrowgate awarded Ostrava Data LLC a contract for its Kestrel Vision platform.",
    ]
    for text in texts:
        cands, doc = _candidates(nlp, text)
        assert cands
        names = {w.lower() for e in doc.entities for n in [e.name, *e.aliases] for w in re.findall(r"[A-Za-z]{4,}", n)}
        names -= {"department", "energy", "city", "navy", "systems", "data", "logistics", "aerospace", "platform", "vision"}
        for _b, _s, c, _ in cands:
            words = {w for f in c.features for w in re.split(r"[=|^v:_>]", f.lower())}
            assert not words & names, (text, words & names)


def test_packaged_model_loads_and_scores():
    path = learned.Path(str(learned.resources.files("kg.extract") / "data" / learned.MODEL_FILE))
    model = learned.load_model(str(path))
    assert 0 < model.threshold < 1 and model.weights
    p = model.probability(["bslot=nsubj", "sslot=dobj", "pathcue=pay", "money"])
    assert 0.0 < p < 1.0
    assert model.probability([]) == pytest.approx(1 / (1 + 2.718281828 ** -model.bias), rel=1e-6)
    trained = model.meta["trained_on"]
    assert trained and not any("heldout" in s or "dev9" in s or s == "gold-dev5" for s in trained)
    # the weights are of general features: past the type and part-of-speech markers, nothing is capitalised
    marker = re.compile(r"(?<![A-Za-z])(?:ENT_[A-Za-z]+|ADJ|ADP|ADV|AUX|CCONJ|DET|INTJ|NOUN|NUM|PART|PRON|PROPN|PUNCT|"
                        r"SCONJ|SYM|VERB|X|SPACE|MONEY|ENT|Agency|Organization|Company|Person|Product|Location|Other|Law)"
                        r"(?![a-z])")
    assert not [f for f in model.weights if re.search("[A-Z]", marker.sub("", f))]


@pytest.fixture
def eager_model(tmp_path, monkeypatch):
    """A model that takes every candidate: what the hook does when the score says yes."""
    path = tmp_path / "always.json"
    path.write_text(json.dumps({"weights": {}, "bias": 5.0, "threshold": 0.5, "trained_on": []}))
    monkeypatch.setenv(learned.ENV, str(path))
    yield path


def _contracts(doc):
    out = []
    for e in doc.entities:
        if e.type == "Contract":
            rels = [r for r in doc.relations if e.id in (r.source, r.target) and r.type in ("AWARDED", "AWARDED_TO")]
            out.append((e.properties.get("buyer"), e.properties.get("supplier"), rels))
    return out


def test_off_by_default(nlp, monkeypatch):
    monkeypatch.delenv(learned.ENV, raising=False)
    assert learned.model_path() is None
    doc = extract_document(Article(id="t", text="Pellworth Logistics Ltd. signed a $9 million deal with Brantley Aerospace Corp."), nlp)
    assert not any(r.pattern == "contract.learned" for r in doc.relations)


def test_on_when_asked_and_off_when_told(monkeypatch):
    for value in ("on", "1", "yes"):
        monkeypatch.setenv(learned.ENV, value)
        assert learned.model_path().name == learned.MODEL_FILE and learned.active_model() is not None
    for value in ("off", "0", "no", "false", ""):
        monkeypatch.setenv(learned.ENV, value)
        assert learned.model_path() is None


def test_a_pair_the_rules_found_is_never_duplicated(nlp, eager_model, monkeypatch):
    import kg.extract.relations as relations

    added: list = []

    def recording(finder, doc, entities, frames):
        before = len(frames)
        learned.learned_deals(finder, doc, entities, frames)
        added.extend((entities[f.buyer].name, entities[f.supplier].name) for f in frames[before:])

    monkeypatch.setattr(relations, "learned_deals", recording)
    text = ("The Department of Energy paid Quorvant Systems Inc. $4.2 million for grid sensors. "
            "Quorvant Systems Inc. also works with Brantley Aerospace Corp. on the sensors.")
    doc = extract_document(Article(id="t", text=text), nlp)
    found = [c for c in _contracts(doc) if c[0] and "Energy" in c[0] and c[1] and "Quorvant" in c[1]]
    assert len(found) == 1
    assert not any(r.pattern == "contract.learned" for _b, _s, rels in found for r in rels)
    # the hook weighed the other pair, not the rules' one
    assert added and not any("Energy" in b and "Quorvant" in s_ for b, s_ in added)


def test_a_learned_contract_is_marked_and_under_the_rules(nlp, eager_model):
    text = "Pellworth Logistics Ltd. has worked with Brantley Aerospace Corp. on cargo drones since 2019."
    doc = extract_document(Article(id="t", text=text), nlp)
    marked = [r for r in doc.relations if r.pattern == "contract.learned"]
    assert marked
    assert all(0.3 <= r.confidence < 0.5 for r in marked)
    assert all(r.evidence.text and r.evidence.text in text for r in marked)


def test_a_hedged_or_denied_pair_is_left_to_the_rules(nlp, eager_model):
    for text in ("Zolnar Defense Inc. may sell drones to Brantley Aerospace Corp. next year, people familiar said.",
                 "Brantley Aerospace Corp. denied that it had paid Zolnar Defense Inc. for the drones."):
        doc = extract_document(Article(id="t", text=text), nlp)
        assert not any(r.pattern == "contract.learned" for r in doc.relations), text


def test_dod_announcements_are_not_read(nlp, eager_model):
    text = ("Quorvant Systems Inc., Huntsville, Alabama, has been awarded a $12,500,000 firm-fixed-price contract for "
            "radar spares. Army Contracting Command, Redstone Arsenal, Alabama, is the contracting activity "
            "(W31P4Q-16-C-0042).")
    doc = extract_document(Article(id="t", text=text), nlp)
    assert not any(r.pattern == "contract.learned" for r in doc.relations)


def test_amount_and_date_come_from_the_pairs_clause(nlp):
    text = ("The Army paid Harlow Robotics Inc. $5 million in 2017, and the Navy hired Zentrix Corp. "
            "for radar work in 2019.")
    cands, _ = _candidates(nlp, text)
    c = _pair(cands, "Navy", "Zentrix")
    assert c.money is None  # the $5 million is the Army's
    assert c.date is not None and "2019" in c.date[0]
    c = _pair(cands, "Army", "Harlow")
    assert c.money is not None and c.money[0] == 5_000_000


def test_a_founding_year_dates_no_deal(nlp):
    cands, _ = _candidates(nlp, "Velmont Security LLC, which Dara Quince founded in 1997, became a major supplier to the "
                                "Department of State.")
    c = _pair(cands, "Department of State", "Velmont")
    assert c.date is None
