"""Cross-article resolution on the 40-article corpus, against annotated co-reference
(corpus/coref.yml): pairwise precision and recall over mentions, and no merge across types."""
from __future__ import annotations

import pytest

from kg.evaluate import evaluate_resolution
from kg.resolve import Resolver, matching_keys, name_keys

from .conftest import CORPUS


@pytest.fixture(scope="module")
def report():
    return evaluate_resolution(CORPUS, CORPUS / "coref.yml")


def test_corpus_has_forty_articles_with_annotated_mentions(report):
    assert len(list(CORPUS.glob("*.md"))) - 1 >= 40  # README.md is not an article
    assert report.mentions >= 400


def test_resolution_is_precise_and_never_merges_across_types(report):
    assert report.cross_type_merges == 0
    assert report.score.precision >= 0.99, report.false_merges[:5]


def test_resolution_recall_stays_above_its_floor(report):
    # measured 0.92 recall / 0.958 F1 when set (docs/extraction-quality.md), once renames stated
    # in an article (Blackwater → Xe → Academi) join a firm's names; the target is F1 ≥ 0.95
    assert report.score.f1 >= 0.95 and report.score.recall >= 0.91


@pytest.mark.parametrize("a, b, same", [
    (("Wickr Inc.", "Company"), ("Wickr", "Company"), True),
    (("Lockheed Martin Corp.", "Company"), ("Lockheed Martin Corporation", "Company"), True),
    (("Blackwater USA", "Company"), ("Blackwater", "Company"), True),
    (("C.I.A.", "Agency"), ("CIA", "Agency"), True),
    (("Mr. Prince", "Person"), ("Prince", "Person"), True),
    (("Prince Group", "Company"), ("Prince Corporation", "Company"), False),  # two firms, one surname
    (("Amazon", "Company"), ("Amazon Web Services", "Company"), False),
])
def test_names_meet_by_their_keys(a, b, same):
    ka, kb = name_keys(*a), name_keys(*b)
    met = any(other in kb for k in ka for other in matching_keys(k))
    assert met is same


def test_a_person_never_joins_a_company_of_the_same_name():
    from kg.model import Article, Document, Entity

    r = Resolver([])
    first = r.resolve(Document(Article(id="a", text="x"), [Entity("e1", "Prince", "Company")]))
    second = r.resolve(Document(Article(id="b", text="x"), [Entity("e1", "Prince", "Person")]))
    assert first.entities[0].id != second.entities[0].id
