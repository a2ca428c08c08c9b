"""Relationship questions on both stores, with the sentences that prove each answer."""
from __future__ import annotations

import pytest

from kg import query
from kg.errors import NotFoundError

from .conftest import write_docs

SEED_PREFIX = "000_"


def test_shortest_connection_from_erik_prince_to_cbp_runs_through_wickr_with_evidence(graph):
    paths = query.find_paths(graph, "Erik Prince", "CBP")
    best = paths[0]
    assert [n.name for n in best.nodes] == ["Erik Prince", "Wickr Inc.", "U.S. Customs and Border Protection"] \
        or [n.name for n in best.nodes] == ["Erik Prince", "Wickr", "U.S. Customs and Border Protection"]
    invest, paid = best.hops
    assert (invest.relation, invest.forward) == ("INVESTED_IN", True)
    assert (paid.relation, paid.forward) == ("PAID", False)  # CBP paid Wickr
    seed_evidence = [e for e in invest.fact.evidence() if e["article_id"].startswith(SEED_PREFIX)]
    assert seed_evidence[0]["text"].startswith("Disgraced Blackwater founder Erik Prince is an investor in Wickr")
    assert any("paid" in e["text"] for e in paid.fact.evidence())
    assert all(e["article_id"] for h in best.hops for e in h.fact.evidence())


def test_paths_are_ordered_shortest_first_and_bounded(graph):
    paths = query.find_paths(graph, "Erik Prince", "CBP", k=3, max_hops=3)
    assert 1 <= len(paths) <= 3
    lengths = [len(p.hops) for p in paths]
    assert lengths == sorted(lengths) and max(lengths) <= 3


def test_names_resolve_through_aliases_and_case(graph):
    assert query.find_entity(graph, "CBP").name == "U.S. Customs and Border Protection"
    assert query.find_entity(graph, "customs and border protection").name == "U.S. Customs and Border Protection"
    assert query.find_entity(graph, "the Department of Homeland Security").name == "Department of Homeland Security"


def test_unknown_name_suggests_close_matches(graph):
    with pytest.raises(NotFoundError) as exc:
        query.find_entity(graph, "Erik Prnce")
    assert "Erik Prince" in exc.value.suggestions


def test_money_shows_who_cbp_paid_how_much_and_when(graph):
    payments = query.money(graph, buyer="CBP")
    assert payments and all(p.buyer.name == "U.S. Customs and Border Protection" for p in payments)
    seed = [p.to_dict() for p in payments if p.to_dict()["date"] == "2020-09"]
    assert seed and seed[0]["amount"] == 714600 and seed[0]["currency"] == "USD"
    assert seed[0]["title"] == "Wickr licenses and support"
    assert seed[0]["evidence"][0]["text"]
    totals = query.money_totals(payments, "supplier")
    assert totals[0]["total"] >= 714600 and totals[0]["count"] >= 1


def test_money_date_filters(graph):
    every = query.money(graph)
    since = query.money(graph, since="2020")
    assert since and len(since) < len(every)
    assert all((p.contract.properties.get("date") or "") >= "2020" for p in since)


def test_investors_of_wickr_include_erik_prince(graph):
    target, rows = query.investors(graph, "Wickr")
    assert "Erik Prince" in {r["investor"] for r in rows}
    assert all(r["evidence"] for r in rows)


def test_neighbors_filter_by_type_and_relation(graph):
    center, found = query.neighbors(graph, "Wickr", relations=["INVESTED_IN"])
    assert found and {n.fact.type for n in found} == {"INVESTED_IN"}
    center, people = query.neighbors(graph, "Wickr", types=["Person"])
    assert people and all(n.entity.type == "Person" for n in people)


def _claims_per_neighbor(found):
    counts = {}
    for n in found:
        counts[n.entity.id] = counts.get(n.entity.id, 0) + len(n.fact.claims)
    return counts


def test_neighbors_limit_keeps_the_best_reported_neighbours_and_counts_the_rest(graph):
    _, every = query.neighbors(graph, "Wickr")
    counts = _claims_per_neighbor(every)
    assert every.total == len(counts) > 3
    _, top = query.neighbors(graph, "Wickr", limit=3)
    kept = sorted(counts, key=lambda o: (-counts[o], o))[:3]
    assert top.total == len(counts)
    assert sorted({n.entity.id for n in top}) == sorted(kept)
    # the kept neighbours' facts are whole: every claim and its evidence, as without the limit
    assert [n.to_dict() for n in top] == [n.to_dict() for n in every if n.entity.id in kept]


def test_neighbors_limit_applies_after_the_filters(graph):
    _, people = query.neighbors(graph, "Wickr", types=["Person"])
    assert len({n.entity.id for n in people}) >= 2
    _, one = query.neighbors(graph, "Wickr", types=["Person"], limit=1)
    assert len({n.entity.id for n in one}) == 1 and one.total == len({n.entity.id for n in people})
    assert all(n.entity.type == "Person" for n in one)


def test_neighbors_of_a_hub_read_only_the_kept_neighbours_claims(graph):
    calls = []

    class Spy:
        def __getattr__(self, name):
            attr = getattr(graph, name)
            if callable(attr):
                def spied(*a, **kw):
                    calls.append((name, a))
                    return attr(*a, **kw)
                return spied
            return attr

    _, top = query.neighbors(Spy(), "Wickr", limit=2)
    names = [c[0] for c in calls]
    assert "edges" not in names and "neighbor_counts" in names
    pairs = next(a[0] for n, a in calls if n == "edges_between")
    assert len(pairs) == 2 and top.total > 2


def test_money_limit_is_the_largest_deals_of_the_whole_answer(graph):
    every = [p.to_dict() for p in query.money(graph)]
    assert len(every) > 3
    assert [p.to_dict() for p in query.money(graph, limit=3)] == every[:3]
    cbp = [p.to_dict() for p in query.money(graph, buyer="CBP")]
    assert cbp and [p.to_dict() for p in query.money(graph, buyer="CBP", limit=1)] == cbp[:1]
    since = [p.to_dict() for p in query.money(graph, since="2020")]
    assert [p.to_dict() for p in query.money(graph, since="2020", limit=2)] == since[:2]


def test_both_stores_give_the_same_answers(corpus_docs, tmp_path):
    """The embedded store and Neo4j, fed the same articles, answer identically."""
    import os

    from kg.store import open_store

    from .conftest import _need_neo4j

    _need_neo4j()
    stores = [open_store(str(tmp_path / "a.sqlite")), open_store(os.environ["NEO4J_URI"])]
    answers = []
    for s in stores:
        s.clear()
        write_docs(s, corpus_docs)
        answers.append({
            "path": [p.to_dict() for p in query.find_paths(s, "Erik Prince", "CBP")],
            "money": [p.to_dict() for p in query.money(s)],
            "neighbors": [n.to_dict() for n in query.neighbors(s, "Wickr")[1]],
            "investors": query.investors(s, "Wickr", transitive=True)[1],
            "entities": [e.to_dict() for e in s.list_entities()],
            "view": query.subgraph(s, ["CBP"], depth=2),
        })
        s.close()
    assert answers[0] == answers[1]


test_both_stores_give_the_same_answers = pytest.mark.neo4j(test_both_stores_give_the_same_answers)


# -- path search at scale -------------------------------------------------------------------
def _synthetic(store, n: int, seed: int):
    from benchmarks.synthetic import generate

    g = generate(n, seed=seed)
    for batch in g.batches(64):
        store.write(batch)
    return g


def _whole_graph(store, include_weak: bool = False):
    import networkx as nx

    types = set(query._relation_types(include_weak))
    g = nx.Graph()
    g.add_edges_from(sorted({tuple(sorted((c.source, c.target))) for c in store.edges()
                             if c.type in types and c.status != "denied" and c.source != c.target}))
    return g


def test_path_search_finds_as_short_connections_as_a_search_of_the_whole_graph(store):
    """The bidirectional search reads a small part of the graph; it must miss nothing a search
    of the whole graph finds: the same number of connections, of the same lengths, each hop
    proved by a claim between exactly its two entities."""
    import random

    import networkx as nx

    g = _synthetic(store, 600, seed=11)
    whole = _whole_graph(store)
    rng = random.Random(5)
    askable = [e.id for e in g.of_type("Agency", "Company", "Person", "Organization")]
    hub = g.hubs(1, ("Agency",))[0][0].id
    pairs = [tuple(rng.sample(askable, 2)) for _ in range(14)] + [(hub, rng.choice(askable)) for _ in range(4)]
    compared = 0
    for a, b in pairs:
        if a == b:
            continue
        for max_hops in (2, 4):
            expected = []
            if a in whole and b in whole and nx.has_path(whole, a, b):
                for p in nx.shortest_simple_paths(whole, a, b):
                    if len(p) - 1 > max_hops or len(expected) >= 3:
                        break
                    expected.append(len(p) - 1)
            got = query.find_paths(store, a, b, k=3, max_hops=max_hops)
            assert [len(p.hops) for p in got] == expected, (a, b, max_hops)
            compared += bool(expected)
            for p in got:
                assert (p.nodes[0].id, p.nodes[-1].id) == (a, b)
                for h in p.hops:
                    assert {h.fact.source, h.fact.target} == {h.source.id, h.target.id}
                    assert all(e["text"] and e["article_id"] for e in h.fact.evidence())
    assert compared >= 10  # most pairs are connected: the comparison was made on real paths


def test_path_search_expands_from_the_cheaper_end_and_leaves_a_hub_alone(store):
    """A short connection to a big agency is found from the small end: the agency's thousands of
    claims are never read when the budget of hops is spent on the other side."""
    g = _synthetic(store, 600, seed=11)
    hub = g.hubs(1, ("Agency",))[0][0].id
    whole = _whole_graph(store)
    near = sorted(n for n in whole[hub] if whole.degree(n) <= 3)[0]  # a small firm the agency paid

    expanded: list[str] = []

    class Watch:
        def __init__(self, inner):
            self.inner = inner

        def adjacent(self, ids, types, among=None):
            expanded.extend(ids)
            return self.inner.adjacent(ids, types, among)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    paths = query.find_paths(Watch(store), near, hub, k=1, max_hops=2)
    assert paths and len(paths[0].hops) == 1
    assert hub not in expanded and len(expanded) <= 4


def _claim_doc(aid: str, date: str, claims: list[tuple[str, str, str, str]]):
    """A resolved article stating ``(source, type, target, status)`` claims between named bodies."""
    from kg.model import Evidence, Relation
    from kg.resolve import ResolvedDocument, ResolvedEntity, make_id, name_keys

    kinds = {"Agency": "U.S. Customs and Border Protection", "Company": "Wickr Inc.", "Person": "Erik Prince"}
    ents = {t: ResolvedEntity(make_id(t, n), n, t, [], {}, sorted(name_keys(n, t)), 1) for t, n in kinds.items()}
    rels, text = [], ""
    for s, rtype, t, status in claims:
        sentence = f"{ents[s].name} {rtype.lower()} {ents[t].name} ({status})."
        rels.append(Relation(ents[s].id, ents[t].id, rtype, Evidence(sentence, len(text), len(text) + len(sentence)), {}, 0.8, status, "test"))
        text += sentence + " "
    article = {"id": aid, "title": aid, "outlet": f"Outlet {aid}", "date": date, "url": "", "authors": [], "path": "", "hash": aid}
    return ResolvedDocument(article, list(ents.values()), rels)


def test_a_path_hop_asserted_in_one_article_and_denied_in_another_shows_both(store):
    store.write([_claim_doc("a1", "2020-01-02", [("Agency", "PAID", "Company", "asserted"), ("Person", "INVESTED_IN", "Company", "asserted")]),
                 _claim_doc("a2", "2021-03-04", [("Agency", "PAID", "Company", "denied")])])
    (path,) = query.find_paths(store, "Erik Prince", "U.S. Customs and Border Protection", k=3)
    invest, paid = path.hops
    assert paid.fact.type == "PAID" and paid.fact.status == "disputed"
    assert sorted(e["status"] for e in paid.fact.evidence()) == ["asserted", "denied"]


def test_a_relation_only_ever_denied_connects_nothing(store):
    store.write([_claim_doc("a1", "2020-01-02", [("Agency", "PAID", "Company", "denied"), ("Person", "INVESTED_IN", "Company", "asserted")])])
    assert query.find_paths(store, "Erik Prince", "U.S. Customs and Border Protection") == []


def test_money_limit_reads_the_claims_of_the_largest_deals_only(store):
    """A big buyer's largest deals: the amounts of all of its contracts are read, the claims and
    evidence of only the first hundred, and the answer is the head of the full one."""
    g = _synthetic(store, 1000, seed=11)
    hub = g.hubs(1, ("Agency",))[0][0].id
    read: list[str] = []

    class Watch:
        def __init__(self, inner):
            self.inner = inner

        def edges(self, ids=None, types=None):
            read.extend(ids or [])
            return self.inner.edges(ids, types)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    every = [p.to_dict() for p in query.money(Watch(store), buyer=hub)]
    assert len(every) > 100 and len(read) >= len(every)
    read.clear()
    assert [p.to_dict() for p in query.money(Watch(store), buyer=hub, limit=5)] == every[:5]
    assert 5 <= len(read) <= 100
    read.clear()
    whole = [p.to_dict() for p in query.money(store)]
    assert [p.to_dict() for p in query.money(Watch(store), limit=5)] == whole[:5] and len(read) <= 100


def _deal_doc(aid: str, supplier: str, amount: float, confidence: float):
    """A resolved article: CBP awarded ``supplier`` a contract of ``amount``, read at ``confidence``."""
    from kg.model import Evidence, Relation
    from kg.resolve import ResolvedDocument, ResolvedEntity, make_id, name_keys

    cbp = "U.S. Customs and Border Protection"
    buyer = ResolvedEntity(make_id("Agency", cbp), cbp, "Agency", [], {}, sorted(name_keys(cbp, "Agency")), 1)
    firm = ResolvedEntity(make_id("Company", supplier), supplier, "Company", [], {}, sorted(name_keys(supplier, "Company")), 1)
    deal = ResolvedEntity(f"contract:{aid}", f"{supplier} contract", "Contract", [], {"amount": amount, "currency": "USD",
                                                                                         "date": "2021"}, [], 1)
    sentence = f"{cbp} has worked with {supplier} for ${amount:,.0f}."
    ev = Evidence(sentence, 0, len(sentence))
    rels = [Relation(buyer.id, deal.id, "AWARDED", ev, {}, confidence, "asserted", "test"),
            Relation(deal.id, firm.id, "AWARDED_TO", ev, {}, confidence, "asserted", "test")]
    article = {"id": aid, "title": aid, "outlet": f"Outlet {aid}", "date": "2021-01-02", "url": "", "authors": [], "path": "", "hash": aid}
    return ResolvedDocument(article, [buyer, firm, deal], rels)


def test_money_shows_each_deals_confidence_and_can_drop_the_unsure_ones(store):
    store.write([_deal_doc("a1", "Wickr Inc.", 700_000, 0.9), _deal_doc("a2", "Pellworth Logistics Ltd.", 900_000, 0.42)])
    every = query.money(store, buyer="U.S. Customs and Border Protection")
    assert [(p.supplier.name, p.to_dict()["confidence"]) for p in every] == [
        ("Pellworth Logistics Ltd.", 0.42), ("Wickr Inc.", 0.9)]
    sure = query.money(store, buyer="U.S. Customs and Border Protection", min_confidence=0.5)
    assert [p.supplier.name for p in sure] == ["Wickr Inc."]
    # the largest sure deal, though a larger unsure one comes first in the ranking
    assert [p.supplier.name for p in query.money(store, min_confidence=0.5, limit=1)] == ["Wickr Inc."]
    assert query.money(store, buyer="U.S. Customs and Border Protection", min_confidence=0.95) == []
