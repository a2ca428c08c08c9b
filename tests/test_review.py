"""Reviewable resolution decisions on both stores: merge, split, aliases, likely duplicates —
stored in the store and re-applied by every later ingest."""
from __future__ import annotations

import pytest

from kg import review
from kg.errors import KgError
from kg.model import Article, Document, Entity, Evidence, Mention, Relation

from .conftest import write_docs


def doc(aid: str, payer: str, payee: str, payer_type: str = "Company", payee_type: str = "Company") -> Document:
    text = f"{payer} paid {payee} $5."
    ev = Evidence(text, 0, len(text))
    return Document(Article(id=aid, text=text, title=aid),
                    [Entity("e1", payer, payer_type, mentions=[Mention(0, len(payer), payer)]),
                     Entity("e2", payee, payee_type, mentions=[Mention(len(payer) + 6, len(text) - 4, payee)])],
                    [Relation("e1", "e2", "PAID", ev, {"amount": 5, "currency": "USD"}, 0.9)])


def ids(store):
    return sorted(e.id for e in store.list_entities())


def test_merge_moves_facts_and_names_and_sticks_for_later_ingests(store):
    write_docs(store, [doc("a", "Acme Widgets", "Beta LLC"), doc("b", "Acme Holdings", "Beta LLC")])
    assert len(ids(store)) == 3
    kept = review.merge(store, "Acme Widgets", "Acme Holdings")
    assert "Acme Holdings" in kept.aliases and kept.articles == 2
    assert ids(store) == ["company:acme-widgets", "company:beta-llc"]
    claims = {(c.source, c.type, c.target, c.article_id) for c in store.edges()}
    assert claims == {("company:acme-widgets", "PAID", "company:beta-llc", "a"), ("company:acme-widgets", "PAID", "company:beta-llc", "b")}
    write_docs(store, [doc("c", "Acme Holdings", "Gamma Inc.")])  # a later article: the decision holds
    assert "company:acme-holdings" not in ids(store)
    assert {c.source for c in store.edges() if c.article_id == "c"} == {"company:acme-widgets"}
    assert [d["kind"] for d in store.decisions()] == ["merge"]


def test_merge_refuses_different_kinds(store):
    write_docs(store, [doc("a", "Prince", "Beta LLC", payer_type="Person"), doc("b", "Prince Group", "Beta LLC")])
    with pytest.raises(KgError, match="different kinds"):
        review.merge(store, "person:prince", "Prince Group")


def test_split_keeps_a_name_apart_now_and_on_reingest(store):
    write_docs(store, [doc("a", "Acme Corp.", "Beta LLC"), doc("b", "Acme", "Beta LLC")])
    assert [e.name for e in store.list_entities("Company")] == ["Acme Corp.", "Beta LLC"]  # "Acme" resolved by key
    e, keys = review.split(store, "Acme Corp.", ["Acme"])
    assert keys == ["acme"] and "acme" not in review.aliases(store, "Acme Corp.")["keys"]
    write_docs(store, [doc("b", "Acme", "Beta LLC"), doc("a", "Acme Corp.", "Beta LLC")])  # re-ingest both
    names = sorted(e.name for e in store.list_entities("Company"))
    assert names == ["Acme", "Acme Corp.", "Beta LLC"]
    assert {c.article_id: c.source for c in store.edges()} == {"a": "company:acme-corp", "b": "company:acme"}
    assert review.aliases(store, "Acme Corp.")["decisions"][0]["kind"] == "apart"


def test_review_proposes_spelling_variants_and_acronyms_but_not_decided_pairs(store):
    write_docs(store, [doc("a", "Raffetto Herman Strategic Communications", "Wickr Inc."),
                       doc("b", "Rafetto Herman Strategic Communications", "Wickr Inc."),
                       doc("c", "Defense Innovation Unit", "Wickr Inc.", payer_type="Agency"),
                       doc("d", "DIU", "Wickr Inc.", payer_type="Agency")])
    pairs = {(p["keep"], p["drop"], p["why"]) for p in review.review(store)}
    assert any({k, d} == {"Raffetto Herman Strategic Communications", "Rafetto Herman Strategic Communications"} for k, d, _ in pairs)
    assert ("Defense Innovation Unit", "DIU", "acronym") in pairs
    review.split(store, "Defense Innovation Unit", ["DIU"])
    assert not any("DIU" in (k, d) for k, d, _ in {(p["keep"], p["drop"], p["why"]) for p in review.review(store)})
