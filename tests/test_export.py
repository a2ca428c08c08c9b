"""Interop exports and imports (kg.export), on a real SQLite store filled by hand-built documents.

The documents below go through the same Resolver and store.write as ingested articles, so no
spaCy model is needed. One test imports the neo4j-admin CSV files into a real Neo4j and reads
them back through Neo4jStore (marked ``neo4j``).
"""
from __future__ import annotations

import csv
import json
import os
import shlex
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model as ftm_model

from kg.errors import KgError
from kg.export import export, export_ftm, export_graphml, export_jsonl, export_neo4j_csv, import_ftm, load_jsonl
from kg.export.ftm import ftm_id
from kg.model import Article, Document, Entity, Evidence, Mention, Relation
from kg.query import aggregate
from kg.resolve import Resolver
from kg.store import open_store
from kg.store.sqlite import SQLiteStore


# -- the graph -------------------------------------------------------------------------------
def _doc(article: Article, entities: list[tuple], relations: list[tuple]) -> Document:
    """entities: (local id, name, type, aliases, properties); relations: (source, type, target,
    sentence, properties, status). Mentions and evidence offsets are found in the text."""
    text = article.text
    ents = []
    for eid, name, etype, aliases, props in entities:
        at = text.find(name)
        mentions = [Mention(at, at + len(name), name)] if at >= 0 else []
        ents.append(Entity(eid, name, etype, list(aliases), [], dict(props), mentions))
    rels = []
    for s, rtype, t, sentence, props, status in relations:
        start = text.index(sentence)
        rels.append(Relation(s, t, rtype, Evidence(sentence, start, start + len(sentence)), dict(props),
                             confidence=0.2 if rtype == "MENTIONED_WITH" else 0.9, status=status, pattern="test"))
    return Document(article, ents, rels)


PAID_SENTENCE = ("U.S. Customs and Border Protection (CBP), part of the Department\nof Homeland Security, "
                 "paid \"Wickr Inc.\" $714,600, records show.")
MONEY = {"amount": 714600, "currency": "USD", "date": "2020-09"}


def documents(semicolons: bool = True) -> list[Document]:
    """Three articles. With ``semicolons``, an alias and an author hold a ';' (neo4j-admin's
    array delimiter)."""
    a = Article(
        id="2017-prince-wickr", title="Blackwater founder backs Wickr", outlet="Example Post", date="2017-05-02",
        url="https://example.org/prince-wickr", source_outlet="Foreign Policy",
        text="Disgraced Blackwater founder Erik Prince is an investor in Wickr, Foreign Policy reported in 2017. "
             "Wickr, based in San Francisco, makes encrypted messaging apps.")
    b = Article(
        id="2021-04-09-cbp-paid-wickr", title='CBP spent $714,600 on Wickr licenses, "records show"; FOIA',
        outlet="Vice", date="2021-04-09", url="https://example.org/cbp?id=1&x=2",
        text=PAID_SENTENCE + " CBP reportedly uses Wickr RAM, a product of Wickr. "
             "Joel Wallenstrom, the chief executive of Wickr, declined to comment. Erik Prince was not asked.")
    c = Article(
        id="2021-06-25-amazon-acquires-wickr", title="Amazon buys Wickr", outlet="Example Wire", date="2021-06-25",
        url="https://example.org/amazon-wickr", authors=["A. Reporter", "B; Writer" if semicolons else "B. Writer"],
        text="Amazon has acquired Wickr. Amazon denied that it owns Paragon. AE Industrial Partners owns Paragon. "
             "Erik Prince is an investor in AE Industrial Partners. Erik Prince founded Frontier Services Group. "
             "Covington represents Amazon. Reporters cited the Freedom of Information Act.")
    return [
        _doc(a, [("e1", "Erik Prince", "Person", [], {}), ("e2", "Wickr", "Company", ["Wickr Inc."], {}),
                 ("e3", "San Francisco", "Location", [], {}), ("e4", "Foreign Policy", "Company", [], {})],
             [("e1", "INVESTED_IN", "e2", "Disgraced Blackwater founder Erik Prince is an investor in Wickr, Foreign Policy reported in 2017.", {}, "asserted"),
              ("e2", "LOCATED_IN", "e3", "Wickr, based in San Francisco, makes encrypted messaging apps.", {}, "asserted"),
              ("e1", "MENTIONED_WITH", "e4", "Disgraced Blackwater founder Erik Prince is an investor in Wickr, Foreign Policy reported in 2017.", {}, "asserted")]),
        _doc(b, [("b1", "U.S. Customs and Border Protection", "Agency", ["CBP"], {"parent": "Department of Homeland Security"}),
                 ("b2", "Department of Homeland Security", "Agency", [], {}),
                 ("b3", "Wickr Inc.", "Company", [], {}),
                 ("b4", "Wickr licenses (U.S. Customs and Border Protection → Wickr, 2020-09)", "Contract", ["70B04C20P00000123"],
                  {**MONEY, "title": "Wickr licenses", "identifiers": ["70B04C20P00000123"]}),
                 ("b5", "Wickr RAM", "Product", [], {}), ("b6", "Joel Wallenstrom", "Person", [], {}),
                 ("b7", "Erik Prince", "Person", [], {})],
             [("b1", "PART_OF", "b2", PAID_SENTENCE, {}, "asserted"),
              ("b1", "AWARDED", "b4", PAID_SENTENCE, MONEY, "asserted"),
              ("b4", "AWARDED_TO", "b3", PAID_SENTENCE, MONEY, "asserted"),
              ("b1", "PAID", "b3", PAID_SENTENCE, MONEY, "asserted"),
              ("b5", "PRODUCT_OF", "b3", "CBP reportedly uses Wickr RAM, a product of Wickr.", {}, "hedged"),
              ("b6", "WORKS_FOR", "b3", "Joel Wallenstrom, the chief executive of Wickr, declined to comment.", {}, "asserted")]),
        _doc(c, [("c1", "Amazon", "Company", ["Amazon.com; Inc." if semicolons else "Amazon.com, Inc."], {}), ("c2", "Wickr", "Company", [], {}),
                 ("c3", "Paragon", "Company", [], {}), ("c4", "Freedom of Information Act", "Law", [], {}),
                 ("c5", "Erik Prince", "Person", [], {}), ("c6", "Frontier Services Group", "Company", [], {}),
                 ("c7", "AE Industrial Partners", "Organization", [], {}), ("c8", "Covington", "Company", [], {})],
             [("c1", "ACQUIRED", "c2", "Amazon has acquired Wickr.", {}, "asserted"),
              ("c1", "OWNS", "c3", "Amazon denied that it owns Paragon.", {}, "denied"),
              ("c7", "OWNS", "c3", "AE Industrial Partners owns Paragon.", {}, "asserted"),
              ("c5", "INVESTED_IN", "c7", "Erik Prince is an investor in AE Industrial Partners.", {}, "asserted"),
              ("c5", "FOUNDED", "c6", "Erik Prince founded Frontier Services Group.", {}, "asserted"),
              ("c8", "REPRESENTS", "c1", "Covington represents Amazon.", {}, "asserted")]),
    ]


def fill(store, docs=None):
    resolver = Resolver.for_store(store)
    store.write([resolver.resolve(d) for d in docs or documents()])
    return store


@pytest.fixture
def graph(tmp_path):
    store = fill(open_store(str(tmp_path / "kg.sqlite")))
    yield store
    store.close()


@pytest.fixture
def full_graph(tmp_path):
    store = fill(SQLiteStore(tmp_path / "full.sqlite"))
    yield store
    store.close()


def test_the_hand_built_graph_is_what_the_tests_expect(graph):
    ids = {e.id for e in graph.list_entities()}
    assert {"person:erik-prince", "company:wickr", "agency:u-s-customs-and-border-protection", "law:freedom-of-information-act",
            "contract:70b04c20p00000123", "organization:ae-industrial-partners", "product:wickr-ram"} <= ids
    assert {c.type for c in graph.edges()} >= {"INVESTED_IN", "PAID", "AWARDED", "AWARDED_TO", "MENTIONED_WITH", "OWNS"}
    assert graph.get_entities(["person:erik-prince"])["person:erik-prince"].articles == 3


# -- FollowTheMoney --------------------------------------------------------------------------
def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_ftm_entity_validates_and_every_claim_keeps_its_source(graph, tmp_path):
    path = tmp_path / "kg.ftm.json"
    report = export_ftm(graph, path)
    rows = read_lines(path)
    assert report["entities"] == len(rows) and report["skipped"] == {"denied": 1, "weak": 1}
    by_id = {}
    for d in rows:
        proxy = ftm_model.get_proxy(d, cleaned=False)  # cleaning again changes nothing: valid values only
        assert proxy.to_dict() == d, d
        assert not proxy.schema.abstract
        if proxy.schema.edge:
            assert proxy.get(proxy.schema.edge_source) and proxy.get(proxy.schema.edge_target), d
        by_id[proxy.id] = proxy
    assert len(by_id) == len(rows)
    for proxy in by_id.values():  # every reference resolves within the file
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id and by_id[value].schema.is_a(prop.range), (proxy.schema.name, prop.name)

    articles = {a["id"]: a for a in graph.articles()}
    for c in graph.edges():
        link = by_id.get(ftm_id("claim", c.source, c.type, c.target, c.article_id))
        if c.status == "denied" or c.type == "MENTIONED_WITH":
            assert link is None
            continue
        assert link.get("description") == [c.evidence]
        assert link.get("sourceUrl") == [articles[c.article_id]["url"]]
        assert link.get("publisher") == [articles[c.article_id]["outlet"]]
        assert link.get("proof") == [ftm_id("article", c.article_id)]
        assert link.get("date") == [c.properties.get("date") or articles[c.article_id]["date"]]
        if "status" in link.schema.properties:
            assert link.get("status") == [c.status]
    article = by_id[ftm_id("article", "2021-04-09-cbp-paid-wickr")]
    assert article.schema.name == "Article" and article.get("publishedAt") == ["2021-04-09"]
    assert article.get("sourceUrl") == ["https://example.org/cbp?id=1&x=2"]


def test_ftm_schemas_follow_the_mapping(graph, tmp_path):
    path = tmp_path / "kg.ftm.json"
    export_ftm(graph, path)
    by_id = {d["id"]: ftm_model.get_proxy(d) for d in read_lines(path)}

    def node(kg_id):
        return by_id[ftm_id(kg_id)]

    def claim(s, rel, t, article):
        return by_id[ftm_id("claim", s, rel, t, article)]

    assert {kg: node(kg).schema.name for kg in ("agency:u-s-customs-and-border-protection", "company:wickr", "person:erik-prince",
                                                "organization:ae-industrial-partners", "contract:70b04c20p00000123",
                                                "product:wickr-ram", "location:san-francisco", "law:freedom-of-information-act")} == {
        "agency:u-s-customs-and-border-protection": "PublicBody", "company:wickr": "Company", "person:erik-prince": "Person",
        "organization:ae-industrial-partners": "Organization", "contract:70b04c20p00000123": "Contract",
        "product:wickr-ram": "Asset", "location:san-francisco": "Address", "law:freedom-of-information-act": "Document"}
    cbp, wickr, prince = ftm_id("agency:u-s-customs-and-border-protection"), ftm_id("company:wickr"), ftm_id("person:erik-prince")
    assert "CBP" in node("agency:u-s-customs-and-border-protection").get("abbreviation")
    assert node("person:erik-prince").get("keywords") == ["Investor"]
    contract = node("contract:70b04c20p00000123")
    assert contract.get("authority") == [cbp]
    assert (contract.get("amount"), contract.get("currency"), contract.get("contractDate")) == (["714600"], ["USD"], ["2020-09"])

    paid = "2021-04-09-cbp-paid-wickr"
    award = claim("contract:70b04c20p00000123", "AWARDED_TO", "company:wickr", paid)
    assert award.schema.name == "ContractAward" and award.get("supplier") == [wickr] and award.get("amount") == ["714600"]
    payment = claim("agency:u-s-customs-and-border-protection", "PAID", "company:wickr", paid)
    assert (payment.schema.name, payment.get("payer"), payment.get("beneficiary"), payment.get("currency")) == ("Payment", [cbp], [wickr], ["USD"])
    assert claim("agency:u-s-customs-and-border-protection", "AWARDED", "contract:70b04c20p00000123", paid).schema.name == "Documentation"
    assert claim("agency:u-s-customs-and-border-protection", "PART_OF", "agency:department-of-homeland-security", paid).schema.name == "Membership"
    assert claim("person:joel-wallenstrom", "WORKS_FOR", "company:wickr", paid).get("employer") == [wickr]
    hedged = claim("product:wickr-ram", "PRODUCT_OF", "company:wickr", paid)
    assert (hedged.schema.name, hedged.get("role"), hedged.get("status")) == ("UnknownLink", ["product of"], ["hedged"])

    invest = claim("person:erik-prince", "INVESTED_IN", "company:wickr", "2017-prince-wickr")
    assert (invest.schema.name, invest.get("owner"), invest.get("asset"), invest.get("ownershipType")) == ("Ownership", [prince], [wickr], ["investment"])
    amazon = "2021-06-25-amazon-acquires-wickr"
    # an Organization is no FtM Asset: owning one is a Control
    control = claim("person:erik-prince", "INVESTED_IN", "organization:ae-industrial-partners", amazon)
    assert (control.schema.name, control.get("controller"), control.get("controlType")) == ("Control", [prince], ["investment"])
    assert claim("company:amazon", "ACQUIRED", "company:wickr", amazon).get("ownershipType") == ["acquisition"]
    assert claim("company:covington", "REPRESENTS", "company:amazon", amazon).schema.name == "Representation"
    assert claim("person:erik-prince", "FOUNDED", "company:frontier-services-group", amazon).get("role") == ["founded"]
    mention = by_id[ftm_id("mention", amazon, "company:wickr")]
    assert (mention.schema.name, mention.get("document"), mention.get("entity")) == ("Documentation", [ftm_id("article", amazon)], [wickr])


def test_ftm_export_is_deterministic_and_weak_links_are_optional(graph, tmp_path):
    export_ftm(graph, tmp_path / "a.json")
    export_ftm(graph, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    report = export_ftm(graph, tmp_path / "weak.json", include_weak=True)
    assert report["skipped"] == {"denied": 1}
    weak = [d for d in read_lines(tmp_path / "weak.json") if d["properties"].get("role") == ["mentioned with"]]
    assert len(weak) == 1 and weak[0]["schema"] == "UnknownLink"


REGISTER = [
    {"id": "reg-wickr", "schema": "Company", "properties": {"name": ["Wickr Inc."], "registrationNumber": ["C3456789"],
                                                          "jurisdiction": ["us"]}},
    {"id": "reg-prince", "schema": "Person", "properties": {"name": ["Erik Prince"], "birthDate": ["1969-06-06"]}},
    {"id": "reg-fsg", "schema": "Company", "properties": {"name": ["Frontier Services Group Ltd"]}},
    {"id": "reg-joel", "schema": "Person", "properties": {"name": ["Joel Wallenstrom"]}},
    {"id": "reg-own-1", "schema": "Ownership", "properties": {"owner": ["reg-prince"], "asset": ["reg-fsg"],
                                                             "percentage": ["25"], "startDate": ["2014-01-14"]}},
    {"id": "reg-own-2", "schema": "Ownership", "properties": {"owner": ["reg-prince"], "asset": ["reg-wickr"],
                                                             "ownershipType": ["Series C investment"]}},
    {"id": "reg-dir-1", "schema": "Directorship", "properties": {"director": ["reg-joel"], "organization": ["reg-wickr"],
                                                                "role": ["Chief Executive Officer"]}},
    {"id": "reg-own-3", "schema": "Ownership", "properties": {"owner": ["reg-nobody"], "asset": ["reg-wickr"]}},
    {"id": "reg-vessel", "schema": "Vessel", "properties": {"name": ["Sea Prince"]}},
]


def write_register(path: Path, rows=REGISTER) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{not json\n", "utf-8")
    return path


def test_ftm_register_import_resolves_onto_the_graph_and_keeps_a_source(graph, tmp_path):
    wickr_before = graph.get_entities(["company:wickr"])["company:wickr"]
    path = write_register(tmp_path / "register.ftm.json")
    report = import_ftm(path, graph)
    assert report["article_id"] == "ftm:register.ftm.json"
    assert report["claims"] == 3 and report["matched"] == 4  # Wickr, Erik Prince, FSG, Joel Wallenstrom
    assert report["skipped"] == {"link to an entity not in the file": 1, "schema Vessel": 1}
    assert len(report["problems"]) == 1

    wickr = [e for e in graph.find_by_key("wickr inc") if e.type == "Company"]
    assert [e.id for e in wickr] == ["company:wickr"]
    assert wickr[0].name == wickr_before.name and wickr[0].articles == wickr_before.articles + 1
    assert wickr[0].properties["registration_number"] == "C3456789" and wickr[0].properties["ftm_id"] == "reg-wickr"

    article = next(a for a in graph.articles() if a["id"] == report["article_id"])
    assert article["outlet"] == "Register" and article["path"] == str(path)
    claims = {(c.source, c.type, c.target): c for c in graph.edges() if c.article_id == "ftm:register.ftm.json"}
    assert set(claims) == {("person:erik-prince", "OWNS", "company:frontier-services-group"),
                           ("person:erik-prince", "INVESTED_IN", "company:wickr"),
                           ("person:joel-wallenstrom", "WORKS_FOR", "company:wickr")}
    owns = claims[("person:erik-prince", "OWNS", "company:frontier-services-group")]
    assert owns.evidence == "Register: Erik Prince owns 25% of Frontier Services Group Ltd since 2014-01-14 (FtM Ownership reg-own-1)."
    assert owns.end - owns.start == len(owns.evidence) and owns.status == "asserted"
    assert owns.properties == {"ftm_id": "reg-own-1", "percentage": "25", "date": "2014-01-14"}
    assert claims[("person:joel-wallenstrom", "WORKS_FOR", "company:wickr")].evidence == \
        "Register: Joel Wallenstrom works for Wickr Inc. as Chief Executive Officer (FtM Directorship reg-dir-1)."
    # the register's fact joins the article's: one fact, two sources
    facts = {(f.source, f.type, f.target): f for f in aggregate(graph.edges(["company:wickr"]))}
    assert facts[("person:erik-prince", "INVESTED_IN", "company:wickr")].sources == 2

    before = (graph.list_entities(), graph.edges(), graph.articles())
    import_ftm(path, graph)
    assert (graph.list_entities(), graph.edges(), graph.articles()) == before


def test_a_file_that_is_not_ftm_is_a_clear_error(graph, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,company\nErik Prince,Frontier Services Group\n", "utf-8")
    before = graph.articles()
    with pytest.raises(KgError, match="no FollowTheMoney entities"):
        import_ftm(path, graph)
    assert graph.articles() == before


def test_ftm_export_imports_back_with_the_same_facts(graph, tmp_path):
    path = tmp_path / "kg.ftm.json"
    export_ftm(graph, path)
    fresh = open_store(str(tmp_path / "fresh.sqlite"))
    report = import_ftm(path, fresh, label="kg export")
    assert report["problems"] == []

    def facts(store):
        return {(c.source, c.type, c.target) for c in store.edges()
                if c.status != "denied" and c.type != "MENTIONED_WITH"}

    assert facts(fresh) == facts(graph)
    ours = {(e.id, e.name, e.type) for e in graph.list_entities() if e.type != "Law"}  # FtM Documents are not read
    assert {(e.id, e.name, e.type) for e in fresh.list_entities()} == ours
    fresh.close()


# -- GraphML ---------------------------------------------------------------------------------
def test_graphml_reads_back_with_networkx(graph, tmp_path):
    path = tmp_path / "kg.graphml"
    report = export_graphml(graph, path)
    g = nx.read_graphml(path, force_multigraph=True)
    entities = {e.id: e for e in graph.list_entities()}
    facts = aggregate(graph.edges())
    assert set(g.nodes) == set(entities) and g.number_of_nodes() == report["nodes"]
    assert g.number_of_edges() == len(facts) == report["edges"]
    for nid, attrs in g.nodes(data=True):
        e = entities[nid]
        assert (attrs["name"], attrs["label"], attrs["type"], attrs["articles"]) == (e.name, e.name, e.type, e.articles)
        assert attrs.get("aliases", "") == "; ".join(e.aliases) and attrs.get("roles", "") == "; ".join(e.roles)
    contract = g.nodes["contract:70b04c20p00000123"]
    assert (contract["amount"], contract["currency"], contract["date"], contract["title"], contract["identifiers"]) == \
        (714600.0, "USD", "2020-09", "Wickr licenses", "70B04C20P00000123")
    edges = {(s, d, a["type"]): a for s, d, a in g.edges(data=True)}
    for f in facts:
        a = edges[(f.source, f.target, f.type)]
        assert (a["claims"], a["sources"], a["status"], a["evidence"], a["article_id"]) == \
            (len(f.claims), f.sources, f.status, f.claims[0].evidence, f.claims[0].article_id)
        assert (a["independent_sources"], a["first_seen"], a["last_seen"]) == (f.independent_sources, f.first_seen, f.last_seen)
    paid = edges[("agency:u-s-customs-and-border-protection", "company:wickr", "PAID")]
    assert (paid["amount"], paid["evidence"]) == (714600.0, PAID_SENTENCE)
    assert edges[("company:amazon", "company:paragon", "OWNS")]["status"] == "denied"
    for _, _, a in g.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in a.values())

    export_graphml(graph, path, include_weak=False)
    strong = nx.read_graphml(path, force_multigraph=True)
    assert strong.number_of_edges() == len(facts) - 1
    assert all(a["type"] != "MENTIONED_WITH" for _, _, a in strong.edges(data=True))


# -- neo4j-admin CSV -------------------------------------------------------------------------
def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_neo4j_admin_csv_files_parse_with_the_right_headers(tmp_path):
    store = fill(open_store(str(tmp_path / "kg.sqlite")), documents(semicolons=False))
    out = tmp_path / "csv"
    report = export_neo4j_csv(store, out)
    assert report["array_delimiter"] == ";"
    files = sorted(p.name for p in out.glob("*.csv"))
    assert files == ["nodes_Agency.csv", "nodes_Article.csv", "nodes_Company.csv", "nodes_Contract.csv", "nodes_Law.csv",
                     "nodes_Location.csv", "nodes_Organization.csv", "nodes_Person.csv", "nodes_Product.csv",
                     "relationships_ACQUIRED.csv", "relationships_AWARDED.csv", "relationships_AWARDED_TO.csv",
                     "relationships_FOUNDED.csv", "relationships_INVESTED_IN.csv", "relationships_LOCATED_IN.csv",
                     "relationships_MENTIONED_WITH.csv", "relationships_MENTIONS.csv", "relationships_OWNS.csv",
                     "relationships_PAID.csv", "relationships_PART_OF.csv", "relationships_PRODUCT_OF.csv",
                     "relationships_REPRESENTS.csv", "relationships_WORKS_FOR.csv"]
    node_ids, entity_rows = set(), {}
    for p in out.glob("nodes_*.csv"):
        header, rows = read_csv(p)
        if p.name == "nodes_Article.csv":
            assert header == ["id:ID", ":LABEL", "hash", "title", "outlet", "date", "url", "authors:string[]", "path",
                              "source_outlet"]
            assert {r["id:ID"]: r["source_outlet"] for r in rows}["2017-prince-wickr"] == "Foreign Policy"
        else:
            assert header[:8] == ["id:ID", "name", "type", ":LABEL", "aliases:string[]", "keys:string[]", "roles:string[]",
                                  "prop_keys:string[]"]
            entity_rows.update({r["id:ID"]: r for r in rows})
        assert not node_ids & {r["id:ID"] for r in rows}
        node_ids |= {r["id:ID"] for r in rows}
    assert len(node_ids) == report["nodes"] == len(store.list_entities()) + len(store.articles())
    for e in store.list_entities():
        row = entity_rows[e.id]
        assert (row["name"], row["type"]) == (e.name, e.type)
        assert row[":LABEL"].split(";") == ["Entity", e.type, *e.roles]
        assert row["aliases:string[]"] == ";".join(e.aliases)
    assert entity_rows["person:erik-prince"][":LABEL"] == "Entity;Person;Investor"
    assert entity_rows["agency:u-s-customs-and-border-protection"]["keys:string[]"].split(";") == \
        ["cbp", "customs and border protection", "u s customs and border protection"]
    _, contracts = read_csv(out / "nodes_Contract.csv")
    assert contracts[0]["amount:long"] == "714600" and contracts[0]["identifiers:string[]"] == "70B04C20P00000123"
    _, articles = read_csv(out / "nodes_Article.csv")
    assert {a["title"] for a in articles} >= {'CBP spent $714,600 on Wickr licenses, "records show"; FOIA'}
    assert {a["authors:string[]"] for a in articles} == {"", "A. Reporter;B. Writer"}

    claims = 0
    for p in out.glob("relationships_*.csv"):
        header, rows = read_csv(p)
        rtype = p.stem.removeprefix("relationships_")
        if rtype == "MENTIONS":
            assert header == [":START_ID", ":END_ID", ":TYPE", "count:long"]
        else:
            assert header[:10] == [":START_ID", ":END_ID", ":TYPE", "article_id", "evidence", "start:long", "end:long",
                                   "confidence:double", "status", "prop_keys:string[]"]
            claims += len(rows)
        for r in rows:
            assert r[":TYPE"] == rtype and r[":START_ID"] in node_ids and r[":END_ID"] in node_ids
    assert claims == len(store.edges())
    _, paid = read_csv(out / "relationships_PAID.csv")
    assert paid[0]["evidence"] == PAID_SENTENCE  # quotes, commas and the line break survive
    assert (paid[0]["amount:long"], paid[0]["currency"], paid[0]["prop_keys:string[]"]) == ("714600", "USD", "amount;currency;date")
    assert report["command"].startswith("neo4j-admin database import full neo4j ")
    assert "'--array-delimiter=;'" in report["command"] and "--multiline-fields=true" in report["command"]
    assert (out / "neo4j-admin-import.sh").read_text().count("--nodes=") == 9
    store.close()


def test_neo4j_admin_csv_picks_another_array_delimiter_when_values_hold_a_semicolon(graph, tmp_path):
    report = export_neo4j_csv(graph, tmp_path / "csv")
    assert report["array_delimiter"] == "|" and "'--array-delimiter=|'" in report["command"]
    _, companies = read_csv(tmp_path / "csv" / "nodes_Company.csv")
    amazon = next(r for r in companies if r["id:ID"] == "company:amazon")
    assert amazon["aliases:string[]"].split("|") == ["Amazon.com; Inc."]
    keys = next(sorted(e.keys) for e in graph.entity_index() if e.id == "company:amazon")
    assert amazon["keys:string[]"].split("|") == keys and "amazon" in keys


@pytest.mark.neo4j
def test_neo4j_admin_import_gives_a_database_kg_reads_as_the_same_graph(full_graph, tmp_path):
    from kg import server
    from kg.store.neo4j import Neo4jStore

    out = tmp_path / "csv"
    report = export_neo4j_csv(full_graph, out)
    lib, java = server.fetch(), server.java_executable()
    home = tmp_path / "neo4j-home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text(f"server.directories.data={home / 'data'}\n"
                                              f"server.directories.logs={home / 'logs'}\n")
    args = shlex.split(report["command"])[1:]  # the rest of `neo4j-admin database import full ...`
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    proc = subprocess.run([java, "-cp", str(lib / "*"), server.ADMIN_CLASS, *args], env=env, cwd=out,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    try:
        info = server.start(home, heap="512m", timeout=180)
        db = Neo4jStore.connect(info.uri, user=info.user, password=info.password)
        try:
            assert db.list_entities() == full_graph.list_entities()
            assert db.edges() == full_graph.edges()
            assert [{**a, "authors": list(a["authors"])} for a in db.articles()] == full_graph.articles()
            assert sorted((e.id, sorted(e.keys)) for e in db.entity_index()) == \
                sorted((e.id, sorted(e.keys)) for e in full_graph.entity_index())
        finally:
            db.close()
    finally:
        server.stop(home)


# -- kg JSON lines ---------------------------------------------------------------------------
def test_jsonl_round_trip_gives_the_same_graph(full_graph, tmp_path):
    path = tmp_path / "kg.jsonl"
    report = export_jsonl(full_graph, path)
    kinds = [json.loads(line)["kind"] for line in path.read_text("utf-8").splitlines()]
    assert kinds.count("entity") == report["entities"] == len(full_graph.list_entities())
    assert kinds.count("claim") == report["claims"] == len(full_graph.edges())
    copy = open_store(str(tmp_path / "copy.sqlite"))
    assert load_jsonl(path, copy)["orphans"] == 0
    assert copy.list_entities() == full_graph.list_entities()
    assert copy.edges() == full_graph.edges()
    assert copy.articles() == full_graph.articles()
    assert {a["id"]: a["source_outlet"] for a in copy.articles()}["2017-prince-wickr"] == "Foreign Policy"
    assert sorted((e.id, sorted(e.keys)) for e in copy.entity_index()) == sorted((e.id, sorted(e.keys)) for e in full_graph.entity_index())
    load_jsonl(path, copy)  # loading again changes nothing
    assert copy.list_entities() == full_graph.list_entities() and copy.edges() == full_graph.edges()
    copy.close()


def test_jsonl_import_rejects_other_files(graph, tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"kind": "meta", "format": "something-else"}\n', "utf-8")
    with pytest.raises(KgError, match="not a kg JSON lines file"):
        load_jsonl(path, graph)
    path.write_text('{"kind": "claim", "source": "a:x", "target": "b:y", "type": "PAID", "article_id": "n"}\n', "utf-8")
    with pytest.raises(KgError):
        load_jsonl(path, graph)


# -- all formats -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["ftm", "graphml", "neo4j-csv", "jsonl"])
def test_an_empty_store_exports_valid_empty_files(fmt, tmp_path):
    store = open_store(str(tmp_path / "empty.sqlite"))
    report = export(store, fmt, tmp_path / "out")
    assert report["format"] == fmt
    if fmt == "graphml":
        assert nx.read_graphml(tmp_path / "out").number_of_nodes() == 0
    if fmt == "jsonl":
        copy = open_store(str(tmp_path / "copy.sqlite"))
        load_jsonl(tmp_path / "out", copy)
        assert copy.stats()["entities"] == 0
    store.close()


def test_unknown_format_is_a_clear_error(graph, tmp_path):
    with pytest.raises(KgError, match="unknown export format"):
        export(graph, "gexf", tmp_path / "x")


def test_every_backend_exports_the_same_files(store, tmp_path):
    """Exports only use the GraphStore interface: Neo4j gives the bytes SQLite gives."""
    fill(store)
    reference = fill(open_store(str(tmp_path / "reference.sqlite")))
    for fmt in ("ftm", "jsonl"):
        export(store, fmt, tmp_path / f"store.{fmt}")
        export(reference, fmt, tmp_path / f"reference.{fmt}")
        assert (tmp_path / f"store.{fmt}").read_text("utf-8") == (tmp_path / f"reference.{fmt}").read_text("utf-8"), fmt
    reference.close()
