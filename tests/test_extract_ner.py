"""The fine-tuned entity recogniser (kg.extract.train_ner, KG_NER): shipped, loaded, routed, refused."""
from __future__ import annotations

import random

import pytest

from kg import config
from kg.errors import ConfigError
from kg.extract import train_ner
from kg.extract.pipeline import NER_DIR, MergedNer, NewsNer, load_pipeline

DOD = ("Lockheed Martin Corp., Fort Worth, Texas, has been awarded a $12,500,000 modification (P00012) to "
       "contract N00019-14-C-0002 for spare parts. Naval Air Systems Command, Patuxent River, Maryland, is the "
       "contracting activity.")
NEWS = "Shares of Workhorse Group fell after the Postal Service picked Oshkosh Defense, its chief executive said."


def _weights(ner) -> bytes:
    return ner.model.to_bytes()


def _record_calls(monkeypatch, slot) -> list[str]:
    """Which of the slot's two recognisers ran, in order."""
    calls: list[str] = []
    for name in ("stock", "tuned"):
        inner = getattr(slot, name)
        monkeypatch.setattr(slot, name, lambda doc, inner=inner, name=name: calls.append(name) or inner(doc))
    return calls


def test_the_tuned_recogniser_ships_with_the_package():
    assert (NER_DIR / "model").exists() and (NER_DIR / "moves").exists()
    assert "heldout" not in (NER_DIR / "TRAINED_ON").read_text()


def test_merged_is_the_default(monkeypatch):
    monkeypatch.delenv("KG_NER", raising=False)
    assert config.ner_setting()[0] == "merged"
    assert isinstance(load_pipeline().get_pipe("ner"), MergedNer)


def test_an_uncached_pipeline_is_a_private_copy_that_leaves_the_cached_one_alone(monkeypatch):
    monkeypatch.delenv("KG_NER", raising=False)
    cached = load_pipeline()
    private = load_pipeline(cached=False)
    assert private is not cached and load_pipeline() is cached
    assert private.pipe_names == cached.pipe_names
    private.remove_pipe("kg_relations_v1")  # what a benchmark does to its copy is not seen by extraction
    assert "kg_relations_v1" in load_pipeline().pipe_names


def test_tuned_setting_loads_the_fine_tuned_weights_into_the_ner_slot(monkeypatch):
    monkeypatch.setenv("KG_NER", "stock")
    stock = load_pipeline().get_pipe("ner")
    monkeypatch.setenv("KG_NER", "tuned")
    nlp = load_pipeline()
    tuned = nlp.get_pipe("ner")
    assert tuned is not stock and _weights(tuned) != _weights(stock)
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index("kg_entities_v1")
    # and it is the shipped file's weights
    fresh = nlp.create_pipe("ner", name="check", config={k: v for k, v in nlp.config["components"]["ner"].items() if k != "factory"})
    fresh.from_disk(NER_DIR, exclude=["vocab"])
    assert _weights(fresh) == _weights(tuned)


def test_an_unknown_setting_or_a_missing_directory_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_NER", "finetuned-please")
    with pytest.raises(ConfigError):
        load_pipeline()
    monkeypatch.setenv("KG_NER", "tuned")
    monkeypatch.setenv("KG_NER_DIR", str(tmp_path))
    with pytest.raises(ConfigError):
        load_pipeline()


@pytest.mark.parametrize("gold", ["tests/gold-heldout", "tests/gold-heldout3", "/x/gold-heldout8", "tests/gold-dev9"])
def test_the_trainer_refuses_held_out_and_check_sets(gold):
    with pytest.raises(SystemExit):
        train_ner.check(["tests/gold", gold])
    with pytest.raises(SystemExit):
        train_ner.main(["--out", "/nonexistent/never-written", "tests/gold", gold])


def test_training_spans_take_gold_names_and_keep_the_stock_labels_the_gold_does_not_annotate(monkeypatch):
    monkeypatch.setenv("KG_NER", "stock")
    nlp = load_pipeline()
    text = "Acme Widgets Inc. won a $5 million deal on Tuesday.\nAcme said Jane Roe leads it."
    gold = {"entities": [{"name": "Acme Widgets Inc.", "type": "Company", "aliases": ["Acme"]},
                         {"name": "Jane Roe", "type": "Person", "aliases": []}]}
    doc, tags = train_ner.annotate(nlp, text, gold)
    by = {t.text: tag for t, tag in zip(doc, tags)}
    assert by["Widgets"] == "I-ORG" and by["Roe"] == "L-PERSON"
    assert [tag for t, tag in zip(doc, tags) if t.text == "Acme"] == ["B-ORG", "U-ORG"]
    assert by["Tuesday"].endswith("DATE") and by["million"].endswith("MONEY")


class _Fixed:
    """A recogniser stand-in that sets fixed (start, end, label) token spans."""

    def __init__(self, spans):
        self.spans = spans

    def __call__(self, doc):
        from spacy.tokens import Span
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in self.spans]
        return doc


@pytest.mark.parametrize("setting, slot_type, on_news", [("news", NewsNer, ["tuned"]),
                                                          ("merged", MergedNer, ["stock", "tuned"])])
def test_dod_text_gets_the_stock_recogniser_only_and_news_the_tuned_one(monkeypatch, setting, slot_type, on_news):
    monkeypatch.setenv("KG_NER", setting)
    nlp = load_pipeline()
    slot = nlp.get_pipe("ner")
    assert isinstance(slot, slot_type) and _weights(slot.tuned) != _weights(slot.stock)
    calls = _record_calls(monkeypatch, slot)
    nlp(DOD)
    assert calls == ["stock"]
    nlp(NEWS)
    assert calls == ["stock"] + on_news


def test_merged_spans_keep_the_stock_places_starts_pieces_and_given_names(monkeypatch):
    monkeypatch.setenv("KG_NER", "stock")
    nlp = load_pipeline()
    text = "Shares of Workhorse Group fell in Wales, said Luiz Carlos Aguiar of Palo Alto, Calif., on Monday."
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:nlp.pipe_names.index("ner")]:
        doc = proc(doc)
    i = {t.text: t.i for t in doc}
    stock = [(i["Workhorse"], i["Group"] + 1, "ORG"), (i["Wales"], i["Wales"] + 1, "GPE"),
             (i["Luiz"], i["Aguiar"] + 1, "PERSON"), (i["Palo"], i["Alto"] + 1, "GPE"),
             (i["Calif."], i["Calif."] + 1, "GPE")]
    tuned = [(0, i["Group"] + 1, "ORG"), (i["Wales"], i["Wales"] + 1, "ORG"),
             (i["Carlos"], i["Aguiar"] + 1, "PERSON"), (i["Palo"], i["Calif."] + 1, "GPE")]
    doc = MergedNer(_Fixed(stock), _Fixed(tuned))(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Workhorse Group", "ORG"), ("Wales", "GPE"), ("Luiz Carlos Aguiar", "PERSON"), ("Palo Alto", "GPE"),
        ("Calif.", "GPE")]
    # a stock ORG the tuned model left untagged is kept
    doc = MergedNer(_Fixed([(i["Workhorse"], i["Group"] + 1, "ORG")]), _Fixed([(i["Wales"], i["Wales"] + 1, "GPE")]))(doc)
    assert [e.text for e in doc.ents] == ["Workhorse Group", "Wales"]
    # and what the stock model lacks, the tuned one adds
    doc = MergedNer(_Fixed([]), _Fixed([(i["Luiz"], i["Aguiar"] + 1, "PERSON")]))(doc)
    assert [e.text for e in doc.ents] == ["Luiz Carlos Aguiar"]


def test_merged_spans_keep_one_word_names_open_deal_names_cut_lists_and_join_offices(monkeypatch):
    monkeypatch.setenv("KG_NER", "stock")
    nlp = load_pipeline()

    def merged(text, stock, tuned):
        doc = nlp.make_doc(text)
        for _, proc in nlp.pipeline[:nlp.pipe_names.index("ner")]:
            doc = proc(doc)
        i = {t.text: t.i for t in doc}
        fix = lambda spans: [(i[a], i[b] + 1, lab) for a, b, lab in spans]
        return [(e.text, e.label_) for e in MergedNer(_Fixed(fix(stock)), _Fixed(fix(tuned)))(doc).ents]

    # a one-word name the stock model read as a person stays a PERSON (the entity layer leaves its type open)
    assert merged("Harrow sells Lynx now.", [("Lynx", "Lynx", "PERSON")], [("Lynx", "Lynx", "ORG")]) == [("Lynx", "PERSON")]
    # a deal's name before "contract" keeps the stock ORG
    assert merged("It won the Joint Storage contract.", [("Joint", "Storage", "ORG")], [("Joint", "Storage", "PRODUCT")]) \
        == [("Joint Storage", "ORG")]
    # two names listed with "and" (the stock model saw one alone) or a comma are cut
    assert merged("Ayla Kent and Lumen Bay won.", [("Lumen", "Bay", "ORG")], [("Ayla", "Bay", "ORG")]) \
        == [("Ayla Kent", "ORG"), ("Lumen Bay", "ORG")]
    assert merged("The Kestrel, Velmont Robotics' drone, flies.", [], [("Kestrel", "Robotics", "ORG")]) \
        == [("Kestrel", "ORG"), ("Velmont Robotics", "ORG")]
    assert merged("Acme, Inc. won.", [], [("Acme", "Inc.", "ORG")]) == [("Acme, Inc.", "ORG")]
    # an office "for" its subject, cut in two by the tuned model, is the stock model's one name
    assert merged("The Program Office for Ground Robotics met.", [("The", "Robotics", "ORG")],
                  [("Program", "Office", "ORG"), ("Ground", "Robotics", "ORG")]) == [("The Program Office for Ground Robotics", "ORG")]


# words that run names, titles and bodies together, as headlines and lists do
SALAD = ("Luiz Carlos Maria José Ana Jean Pierre Mary Kim Jong Li Wei Ahmed Bin Abdul Van Der Berg De La Cruz "
         "Aguiar Silva Smith Nguyen Okafor Müller Garcia Chen said met with at in and of for the The , . CEO "
         "President Gen. Sen. Founder Brazilian French Inc. Corp. LLC").split() + [
    "US Army", "Program Executive Office", "Department of Defense", "Ground Robotics", "Lockheed Martin",
    "University of Texas", "Air Force", "Raytheon Technologies", "Sao Paulo", "\n"]


def test_names_run_together_never_make_the_merged_recogniser_fail(monkeypatch):
    """A tuned person widened to a stock one's given names must not reach over a span already kept
    (spaCy refuses overlapping entities, and one article would stop a whole ingest)."""
    monkeypatch.setenv("KG_NER", "merged")
    nlp = load_pipeline()
    doc = nlp("Lockheed Martin Founder Greg Hayes said the deal was near.")
    assert "Greg Hayes" in [e.text for e in doc.ents]
    rng = random.Random(20261127)
    for _ in range(400):
        nlp(" ".join(rng.choice(SALAD) for _ in range(rng.randint(3, 40))))


def test_recogniser_settings_are_read_in_any_case(monkeypatch):
    monkeypatch.setenv("KG_NER", "Merged")
    assert config.ner_setting()[0] == "merged"
    monkeypatch.setenv("KG_NER", "STOCK ")
    assert config.ner_setting()[0] == "stock"
