"""Evidence aggregated across articles, on both stores: how many articles and how many
independent outlets state a fact, when it was first and last reported, and what each article
says about it (a fact asserted in one article and denied in another shows both).

Articles are read from Markdown files by the real loader, so their front matter (``outlet``,
``source_outlet``, ``url``, ``date``) takes the same path as the corpus; their entities and
relations are given by hand, so no spaCy model is needed.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg import query
from kg.cli import app
from kg.corpus import iter_articles
from kg.model import Document, Entity, Evidence, Mention, Relation
from kg.view import render_html

from .conftest import write_docs

FRONT = {
    # two corpus retellings of one ABC News story
    "abc-1": {"outlet": "kg corpus", "source_outlet": "ABC News", "date": "2019-03-04", "url": "https://abcnews.go.com/1"},
    "abc-2": {"outlet": "kg corpus", "source_outlet": "ABC News", "date": "2020-05-06", "url": "https://abcnews.go.com/2"},
    # an outlet's own article
    "daily": {"outlet": "The Daily Example", "date": "2021-06-25", "url": "https://daily.example.net/3"},
    # no outlet: the URL's host stands for it; nothing at all: the article itself
    "hosted": {"date": "2018-01-02", "url": "https://www.Example.org/4"},
    "bare": {},
    # one says it, the other denies it
    "says": {"outlet": "Reuters", "date": "2022-02-01"},
    "denies": {"outlet": "Bloomberg", "date": "2022-03-01"},
}


def load(tmp_path, *ids):
    """The articles ``ids``, written as Markdown with their front matter and read back."""
    for aid in ids:
        front = "".join(f'{k}: "{v}"\n' for k, v in FRONT[aid].items())
        (tmp_path / f"{aid}.md").write_text(f"---\n{front}---\nplaceholder\n", encoding="utf-8")
    arts = {a.id: a for a in iter_articles([tmp_path / f"{aid}.md" for aid in ids])}
    return [arts[aid] for aid in ids]


def doc(article, *claims):
    """``claims``: (investor, company, status); the sentence for each is the article's text."""
    import dataclasses

    sentences = [f"{who} is {'not ' if status == 'denied' else ''}an investor in {what}." for who, what, status in claims]
    text = " ".join(sentences)
    article = dataclasses.replace(article, text=text)
    ents: dict[str, Entity] = {}
    rels = []
    for (who, what, status), sentence in zip(claims, sentences):
        start = text.index(sentence)
        for name, etype in ((who, "Person"), (what, "Company")):
            if name not in ents:
                at = text.index(name)
                ents[name] = Entity(f"e{len(ents) + 1}", name, etype, mentions=[Mention(at, at + len(name), name)])
        rels.append(Relation(ents[who].id, ents[what].id, "INVESTED_IN", Evidence(sentence, start, start + len(sentence)),
                             confidence=0.8, status=status, pattern="test"))
    return Document(article, list(ents.values()), rels)


def fact_about(store, who):
    _, found = query.neighbors(store, "Zephyr Labs", relations=["INVESTED_IN"])
    (n,) = [n for n in found if n.entity.name == who]
    return n.fact


NORA = ("Nora Vance", "Zephyr Labs", "asserted")
IVY = ("Ivy Chen", "Zephyr Labs", "asserted")


def test_two_corpus_articles_retelling_one_outlet_are_two_articles_but_one_outlet(store, tmp_path):
    a1, a2 = load(tmp_path, "abc-1", "abc-2")
    assert (a1.outlet, a1.source_outlet) == ("kg corpus", "ABC News")
    write_docs(store, [doc(a1, NORA), doc(a2, NORA)])
    f = fact_about(store, "Nora Vance")
    assert (f.sources, f.independent_sources, f.outlets) == (2, 1, ["ABC News"])
    assert [ev["independent_source"] for ev in f.evidence()] == ["ABC News", "ABC News"]
    assert [ev["outlet"] for ev in f.evidence()] == ["kg corpus", "kg corpus"]


def test_articles_from_different_outlets_are_independent_sources_with_first_and_last_dates(store, tmp_path):
    a1, a2, a3 = load(tmp_path, "abc-1", "abc-2", "daily")
    write_docs(store, [doc(a3, NORA), doc(a1, NORA), doc(a2, NORA)])
    f = fact_about(store, "Nora Vance")
    assert (f.sources, f.independent_sources, f.outlets) == (3, 2, ["ABC News", "The Daily Example"])
    assert (f.first_seen, f.last_seen) == ("2019-03-04", "2021-06-25")
    d = f.to_dict()
    assert (d["sources"], d["independent_sources"], d["outlets"], d["first_seen"], d["last_seen"]) == \
        (3, 2, ["ABC News", "The Daily Example"], "2019-03-04", "2021-06-25")


def test_without_an_outlet_the_url_host_then_the_article_is_the_source(store, tmp_path):
    hosted, bare = load(tmp_path, "hosted", "bare")
    write_docs(store, [doc(hosted, NORA), doc(bare, NORA)])
    f = fact_about(store, "Nora Vance")
    assert f.outlets == ["bare", "example.org"]
    assert (f.first_seen, f.last_seen) == ("2018-01-02", "2018-01-02")  # an undated article does not empty the range


def test_min_outlets_keeps_facts_that_enough_independent_outlets_report(store, tmp_path):
    a1, a2, a3 = load(tmp_path, "abc-1", "abc-2", "daily")
    # Nora: two retellings of one ABC News story; Ivy: ABC News and The Daily Example
    write_docs(store, [doc(a1, NORA, IVY), doc(a2, NORA), doc(a3, IVY)])
    names = lambda **kw: sorted(n.entity.name for n in query.neighbors(store, "Zephyr Labs", **kw)[1])  # noqa: E731
    assert names(min_sources=2) == ["Ivy Chen", "Nora Vance"]
    assert names(min_outlets=2) == ["Ivy Chen"]
    assert names(min_outlets=3) == []

    r = CliRunner().invoke(app, ["query", "neighbors", "Zephyr Labs", "--min-outlets", "2", "-f", "json", "--store", store.url],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    (ivy,) = json.loads(r.stdout)["neighbors"]
    assert (ivy["name"], ivy["sources"], ivy["independent_sources"], ivy["outlets"]) == \
        ("Ivy Chen", 2, 2, ["ABC News", "The Daily Example"])
    r = CliRunner().invoke(app, ["query", "neighbors", "Zephyr Labs", "-f", "csv", "--store", store.url], catch_exceptions=False)
    rows = {row.split(",")[1]: row for row in r.stdout.splitlines()[1:]}
    header = r.stdout.splitlines()[0].split(",")
    assert header[:9] == ["relation", "name", "type", "amount", "status", "sources", "outlets", "first", "last"]
    assert rows["Nora Vance"].split(",")[5:9] == ["2", "1", "2019-03-04", "2020-05-06"]


def test_a_fact_asserted_in_one_article_and_denied_in_another_shows_both(store, tmp_path):
    says, denies = load(tmp_path, "says", "denies")
    write_docs(store, [doc(says, NORA), doc(denies, ("Nora Vance", "Zephyr Labs", "denied"))])
    f = fact_about(store, "Nora Vance")
    assert (f.status, f.statuses) == ("disputed", {"asserted": 1, "denied": 1})
    assert [(ev["independent_source"], ev["status"]) for ev in f.evidence()] == [("Reuters", "asserted"), ("Bloomberg", "denied")]
    # the investors answer keeps the fact, with both sides
    _, rows = query.investors(store, "Zephyr Labs")
    assert [(r["investor"], r["status"], r["statuses"]) for r in rows] == [("Nora Vance", "disputed", {"asserted": 1, "denied": 1})]
    # so does the view: a neighbourhood is walked over what is asserted, but shows the denial too
    (edge,) = query.subgraph(store, ["Zephyr Labs"])["edges"]
    assert (edge["status"], [ev["status"] for ev in edge["evidence"]]) == ("disputed", ["asserted", "denied"])
    assert "1 asserted, 1 denied \u00b7 2 articles, 2 outlets, 2022-02-01 \u2013 2022-03-01" in render_html(query.subgraph(store, ["Zephyr Labs"]))


def test_a_fact_only_ever_denied_is_no_investment(store, tmp_path):
    (denies,) = load(tmp_path, "denies")
    write_docs(store, [doc(denies, ("Nora Vance", "Zephyr Labs", "denied"), IVY)])
    _, rows = query.investors(store, "Zephyr Labs")
    assert [r["investor"] for r in rows] == ["Ivy Chen"]


def test_the_view_shows_articles_outlets_and_dates_of_each_relation(store, tmp_path):
    a1, a2, a3 = load(tmp_path, "abc-1", "abc-2", "daily")
    write_docs(store, [doc(a1, NORA, IVY), doc(a2, NORA), doc(a3, NORA)])
    graph = query.subgraph(store, ["Zephyr Labs"])
    by_name = {e["source"]: e for e in graph["edges"]}
    nora = by_name["person:nora-vance"]
    assert (nora["sources"], nora["independent_sources"], nora["first_seen"], nora["last_seen"]) == (3, 2, "2019-03-04", "2021-06-25")
    page = render_html(graph)
    assert "3 articles, 2 outlets, 2019-03-04 \u2013 2021-06-25" in page
    assert "1 article, 1 outlet, 2019-03-04" in page  # Ivy Chen


def test_corpus_facts_count_the_outlets_they_retell_not_the_corpus(graph):
    facts = query.aggregate(graph.edges())
    assert facts and all(1 <= f.independent_sources <= f.sources for f in facts)
    assert not any("kg corpus" in f.outlets for f in facts)
    _, founded = query.neighbors(graph, "Erik Prince", relations=["FOUNDED"], min_outlets=3)
    blackwater = next(n.fact for n in founded if n.entity.name.startswith("Blackwater"))
    assert {"ABC News", "Associated Press"} <= set(blackwater.outlets)
    assert blackwater.first_seen == "2009-02-13" and blackwater.last_seen > blackwater.first_seen
    for p in query.money(graph, buyer="CBP"):
        d = p.to_dict()
        assert 1 <= d["independent_sources"] <= d["sources"] and len(d["outlets"]) == d["independent_sources"]


@pytest.mark.parametrize("meta, expected", [
    ({"outlet": "kg corpus", "source_outlet": "ABC News"}, "ABC News"),
    ({"outlet": " The  Post "}, "The Post"),
    ({"url": "https://www.Example.org/a?b=1"}, "example.org"),
    ({"url": "example.org/x"}, "example.org"),
    ({"url": "http://[broken"}, "the-id"),
    ({}, "the-id"),
])
def test_the_independent_source_of_an_article(meta, expected):
    from kg.model import independent_source

    assert independent_source(meta, "the-id") == expected
