"""The store contract, run against every backend: the embedded store and a real Neo4j."""
from __future__ import annotations

import dataclasses

from kg.model import Article
from kg.extract import extract_document

from .conftest import write_docs


def snapshot(store):
    """Everything a user can see: entities with properties, and every claim."""
    ents = {e.id: (e.name, e.type, tuple(sorted(e.aliases)), tuple(e.roles), tuple(sorted(e.properties.items(), key=str)), e.articles)
            for e in store.list_entities()}
    claims = [(c.source, c.type, c.target, c.article_id, c.status, c.confidence, c.evidence, c.start, c.end,
               tuple(sorted(c.properties.items()))) for c in store.edges()]
    return ents, claims, [a["id"] for a in store.articles()]


def test_writing_the_same_articles_again_changes_nothing(graph, corpus_docs):
    before = snapshot(graph)
    write_docs(graph, corpus_docs)
    assert snapshot(graph) == before
    stats = graph.stats()
    assert stats["articles"] == len(corpus_docs) and stats["entities"] > 50 and stats["claims"] > 50


def test_batches_of_new_and_known_entities_leave_the_graph_one_batch_leaves(store, corpus_docs, tmp_path):
    """Writing in three batches (later ones mixing entities already written with new ones, an
    article twice in one batch, an article again) must give the graph one batch gives."""
    from kg.store import open_store

    whole = open_store(str(tmp_path / "whole.sqlite"))
    write_docs(whole, corpus_docs)
    third = len(corpus_docs) // 3
    twice = corpus_docs[third:third + 1]
    for part in (corpus_docs[:third], corpus_docs[third:2 * third] + twice + corpus_docs[:1], corpus_docs[2 * third:]):
        write_docs(store, part)
    assert snapshot(store) == snapshot(whole)
    whole.close()


def test_a_contract_whose_numbers_share_a_key_has_each_key_once(store, corpus_docs):
    """Two spellings of one contract number give one look-up key (Neo4j made two KEY_OF links)."""
    doc = next(d for d in corpus_docs if any(e.type == "Contract" for e in d.entities))
    contract = next(e for e in doc.entities if e.type == "Contract")
    twice = dataclasses.replace(contract, aliases=[*contract.aliases, "N00189-13-D-0023", "N00189-13-D-0023."])
    write_docs(store, [dataclasses.replace(doc, entities=[twice if e is contract else e for e in doc.entities])])
    found = store.find_by_key("n00189 13 d 0023")
    assert len(found) == 1 and found[0].type == "Contract"
    if hasattr(store, "driver"):
        with store.driver.session() as s:
            links = s.run("MATCH (:EntityKey {key: 'n00189 13 d 0023'})-[l:KEY_OF]->() RETURN count(l) AS n").single()["n"]
        assert links == 1


def test_the_same_entity_named_differently_across_articles_is_one_node(graph):
    cbp = graph.find_by_key("cbp")
    assert [e.name for e in cbp] == ["U.S. Customs and Border Protection"]
    assert cbp[0].articles >= 5
    wickr = [e for e in graph.find_by_key("wickr") if e.type == "Company"]
    assert len(wickr) == 1 and wickr[0].articles >= 5
    assert [e for e in graph.find_by_key("wickr inc") if e.type == "Company"] == wickr


def test_entity_types_are_labels_and_investors_have_the_role(graph):
    investors = {e.name for e in graph.list_entities("Investor")}
    assert "Erik Prince" in investors
    assert all("Investor" in e.roles for e in graph.list_entities("Investor"))
    agencies = {e.name for e in graph.list_entities("Agency")}
    assert {"U.S. Customs and Border Protection", "Department of Homeland Security"} <= agencies


def test_every_claim_keeps_evidence_article_and_offsets(graph, corpus_docs):
    texts = {d.article.id: d.article.text for d in corpus_docs}
    edges = graph.edges()
    assert edges
    for e in edges:
        assert texts[e.article_id][e.start:e.end] == e.evidence
        assert e.status in ("asserted", "hedged", "denied") and 0 < e.confidence <= 1


def test_changed_article_replaces_its_own_facts_only(graph, corpus_docs, nlp):
    seed = next(d for d in corpus_docs if d.article.id.startswith("000_"))
    others_before = [c for c in snapshot(graph)[1] if c[3] != seed.article.id]
    changed = dataclasses.replace(seed.article, text="Peter Thiel is an investor in Wickr.")
    write_docs(graph, [extract_document(changed, nlp)])
    claims = snapshot(graph)[1]
    seed_claims = [c for c in claims if c[3] == seed.article.id]
    assert [(c[0], c[1], c[2]) for c in seed_claims if c[1] != "MENTIONED_WITH"] == [("person:peter-thiel", "INVESTED_IN", "company:wickr-inc")]
    assert [c for c in claims if c[3] != seed.article.id] == others_before


def test_forgetting_an_article_removes_facts_only_it_supported(graph, corpus_docs):
    seed = next(d for d in corpus_docs if d.article.id.startswith("000_"))
    seed_id = seed.article.id
    everywhere = {e.name for d in corpus_docs if d is not seed for e in d.entities}
    only_seed = sorted(e.name for e in seed.entities if e.name not in everywhere and e.type in ("Person", "Company"))
    assert only_seed  # e.g. the reporter, named only in the seed
    ids = {e.name: e.id for e in graph.list_entities() if e.name in only_seed}
    assert graph.forget(seed_id)
    assert graph.get_entities(list(ids.values())) == {}
    assert all(c.article_id != seed_id for c in graph.edges())
    assert graph.find_by_key("cbp")  # other articles still support CBP
    assert not graph.forget(seed_id)


def test_role_follows_the_evidence_when_it_goes(store, nlp):
    doc = extract_document(Article(id="a", text="Peter Thiel is an investor in Clearview AI."), nlp)
    write_docs(store, [doc])
    assert [e.name for e in store.list_entities("Investor")] == ["Peter Thiel"]
    write_docs(store, [extract_document(Article(id="a", text="Peter Thiel met Clearview AI executives."), nlp)])
    assert store.list_entities("Investor") == []


def test_stable_ids_do_not_change_when_more_articles_arrive(store, corpus_docs):
    write_docs(store, corpus_docs[:5])
    first = {e.id: e.name for e in store.list_entities()}
    write_docs(store, corpus_docs[5:])
    after = {e.id: e.name for e in store.list_entities()}
    assert all(i in after for i in first)


def test_the_outlet_an_article_retells_is_stored_with_it_and_on_its_claims(store):
    from kg.model import Document, Entity, Evidence, Mention, Relation

    text = "CBP paid Wickr."
    article = Article(id="retold", text=text, outlet="kg corpus", source_outlet="Motherboard", date="2021-04-09",
                      url="https://www.vice.com/x")
    ents = [Entity("e1", "CBP", "Agency", mentions=[Mention(0, 3, "CBP")]),
            Entity("e2", "Wickr", "Company", mentions=[Mention(9, 14, "Wickr")])]
    write_docs(store, [Document(article, ents, [Relation("e1", "e2", "PAID", Evidence(text, 0, len(text)))])])
    (stored,) = store.articles()
    assert (stored["outlet"], stored["source_outlet"]) == ("kg corpus", "Motherboard")
    (claim,) = store.edges()
    assert claim.article == {"title": "", "outlet": "kg corpus", "source_outlet": "Motherboard", "date": "2021-04-09",
                             "url": "https://www.vice.com/x"}


def test_a_store_written_before_source_outlet_existed_opens_and_keeps_its_articles(tmp_path):
    import sqlite3

    from kg.store.sqlite import SQLiteStore

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE articles (id TEXT PRIMARY KEY, hash TEXT NOT NULL, title TEXT, outlet TEXT, date TEXT, url TEXT,
                               authors TEXT, path TEXT);
        INSERT INTO articles VALUES ('a1', 'h', 'Old story', 'Example Post', '2020-01-02', 'https://example.org/a', '[]', 'a.md');
    """)
    old.commit()
    old.close()
    db = SQLiteStore(path)
    assert db.articles() == [{"id": "a1", "hash": "h", "title": "Old story", "outlet": "Example Post", "date": "2020-01-02",
                              "url": "https://example.org/a", "authors": [], "path": "a.md", "source_outlet": ""}]
    db.close()
    SQLiteStore(path).close()  # opening a migrated store again changes nothing
    assert [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(articles)")].count("source_outlet") == 1


def test_properties_with_any_name_are_written_and_read_back(store, corpus_docs):
    """Property names are data (extractors and library users choose them): names that are not
    identifiers, or that look like the writer's own fields, arrive as written."""
    doc = next(d for d in corpus_docs if d.relations)
    odd = {"odd name": "a", "tick`y": 2, "p_amount": 3, "amount": 4}
    ent = dataclasses.replace(doc.entities[0], properties={**doc.entities[0].properties, **odd})
    rel = dataclasses.replace(doc.relations[0], properties={**doc.relations[0].properties, "odd name": "b", "plain": 5})
    write_docs(store, [dataclasses.replace(doc, entities=[ent, *doc.entities[1:]], relations=[rel, *doc.relations[1:]])])
    stored = next(e for e in store.list_entities() if e.name == ent.name and e.type == ent.type)
    assert {k: stored.properties.get(k) for k in odd} == odd
    claims = [c for c in store.edges() if c.type == rel.type and c.properties.get("odd name") == "b"]
    assert len(claims) == 1 and claims[0].properties["plain"] == 5
