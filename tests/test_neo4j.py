"""Neo4j for real: the user's own Cypher, clear faults, and a server killed mid-ingest."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time

import neo4j
import pytest
from typer.testing import CliRunner

from kg import server
from kg.cli import app
from kg.store import open_store

from .conftest import DOD_CSV, SEED, _need_neo4j, write_docs

pytestmark = pytest.mark.neo4j
runner = CliRunner()


@pytest.fixture
def neo(corpus_docs):
    _need_neo4j()
    db = open_store(os.environ["NEO4J_URI"])
    db.clear()
    write_docs(db, corpus_docs)
    yield db
    db.close()


def kg(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_graph_in_neo4j_has_labels_constraints_and_evidence_on_relationships(neo):
    with neo.driver.session() as s:
        labels = s.run("MATCH (e:Entity {id: 'person:erik-prince'}) RETURN labels(e) AS l").single()["l"]
        assert set(labels) == {"Entity", "Person", "Investor"}
        rel = s.run("MATCH (:Person {name: 'Erik Prince'})-[r:INVESTED_IN]->(w:Company) "
                    "RETURN r, w.name AS w ORDER BY r.article_id LIMIT 1").single()
        assert rel["w"].startswith("Wickr")
        assert rel["r"]["evidence"] and rel["r"]["article_id"] and rel["r"]["status"] == "asserted"
        assert rel["r"]["end"] > rel["r"]["start"] >= 0 and 0 < rel["r"]["confidence"] <= 1
        contract = s.run("MATCH (:Agency {name: 'U.S. Customs and Border Protection'})-[:AWARDED]->(c:Contract)-[:AWARDED_TO]->(:Company) "
                         "WHERE c.date = '2020-09' AND c.amount = 714600 RETURN DISTINCT c").single(strict=True)["c"]
        assert (contract["amount"], contract["currency"], contract["title"]) == (714600, "USD", "Wickr licenses and support")
        mentions = s.run("MATCH (a:Article)-[:MENTIONS]->(:Agency {name: 'Department of Homeland Security'}) RETURN count(a) AS n").single()["n"]
        assert mentions >= 3
        constraints = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
        assert {"kg_entity_id", "kg_agency_id", "kg_company_id", "kg_person_id", "kg_contract_id", "kg_article_id"} <= constraints


def test_cypher_command_reads_with_parameters(neo):
    r = kg("cypher", "MATCH (a:Agency)-[:AWARDED]->(c:Contract) WHERE c.amount >= $min RETURN a.name AS buyer, c.amount AS amount "
           "ORDER BY amount DESC", "-p", "min=700000", "-f", "json", "--store", os.environ["NEO4J_URI"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows and all(row["amount"] >= 700000 for row in rows)


def test_cypher_is_read_only_unless_write_is_given_and_the_server_refuses(neo):
    uri = os.environ["NEO4J_URI"]
    before = neo.stats()["entities"]
    # no string matching on our side: the write is hidden in a CALL subquery
    r = kg("cypher", "CALL { CREATE (:Entity {id: 'x:evil', name: 'evil', type: 'Other'}) } RETURN 1 AS one", "--store", uri)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "--write" in r.stderr
    assert neo.stats()["entities"] == before
    r = kg("cypher", "MATCH (e:Entity {id: $id}) SET e.note = $note RETURN e.note AS note", "-p", "id=person:erik-prince",
           "-p", "note=checked", "--write", "-f", "json", "--store", uri)
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"note": "checked"}]


def test_wrong_password_is_one_clear_line_without_the_password(monkeypatch):
    _need_neo4j()
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-secret-123")
    r = kg("stats", "--store", os.environ["NEO4J_URI"])
    assert r.exit_code == 1
    assert "refused the credentials" in r.stderr and "NEO4J_PASSWORD" in r.stderr
    assert "wrong-secret-123" not in r.output and "Traceback" not in r.output


def test_server_not_running_says_how_to_start_one(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-secret")
    r = kg("stats", "--store", "bolt://127.0.0.1:9")  # nothing listens on the discard port
    assert r.exit_code == 1
    assert "cannot reach Neo4j" in r.stderr and "kg neo4j start" in r.stderr
    assert "whatever-secret" not in r.output


# -- a real kill ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of our own, in a temporary home, that this module may kill."""
    server.fetch()
    home = tmp_path_factory.mktemp("neo4j-kill")
    info = server.start(home, heap="512m", timeout=180)
    yield home, info
    server.stop(home)


def _dod_jsonl(path, n):
    with open(DOD_CSV, newline="", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= n:
                break
            out.write(json.dumps({"id": f"dod-{i}", "text": row["announcement"], "date": row["date"]}) + "\n")


def _dump(info):
    """Every node and relationship with all properties, in a stable order (not the write lock:
    its version counts writes, which differ between a resumed and a clean run)."""
    with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password)) as d, d.session() as s:
        nodes = sorted(json.dumps({"labels": sorted(r["l"]), **r["p"]}, sort_keys=True, default=str)
                       for r in s.run("MATCH (n) WHERE NOT n:KgWriteLock RETURN labels(n) AS l, properties(n) AS p"))
        rels = sorted(json.dumps({"a": r["a"], "t": r["t"], "b": r["b"], **r["p"]}, sort_keys=True, default=str)
                      for r in s.run("MATCH (a)-[r]->(b) RETURN coalesce(a.id, '') AS a, type(r) AS t, b.id AS b, properties(r) AS p"))
    return nodes, rels


def _count_articles(info):
    try:
        with neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password)) as d, d.session() as s:
            return s.run("MATCH (a:Article) RETURN count(a) AS n").single()["n"]
    except neo4j.exceptions.DriverError:
        return 0


def _ingest(paths, info, env_extra=None):
    env = {**os.environ, **info.env(), "KG_STORE": info.uri}
    return subprocess.Popen([sys.executable, "-m", "kg", "ingest", *map(str, paths), "--batch-size", "8", "-f", "json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_server_killed_mid_ingest_then_restarted_gives_exactly_the_clean_graph(own_server, tmp_path):
    home, info = own_server
    corpus = tmp_path / "dod.jsonl"
    _dod_jsonl(corpus, 160)

    proc = _ingest([corpus, SEED], info)
    deadline = time.time() + 300
    while _count_articles(info) < 16 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before the server could be killed: " + proc.stderr.read()
    os.kill(info.pid, signal.SIGKILL)  # the server dies mid-ingest
    out, errs = proc.communicate(timeout=300)
    assert proc.returncode == 1, errs
    assert "Neo4j" in errs and "Traceback" not in errs and info.password not in errs

    info = server.start(home, heap="512m", timeout=180)  # restarted: same data, new port
    partial = _count_articles(info)
    assert 0 < partial < 161
    proc = _ingest([corpus, SEED], info)
    out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs
    report = json.loads(out)
    assert report["unchanged"] == partial and report["written"] == 161 - partial
    resumed = _dump(info)

    db = open_store(info.uri, user=info.user, password=info.password)
    db.clear()
    db.close()
    proc = _ingest([corpus, SEED], info)
    out, errs = proc.communicate(timeout=600)
    assert proc.returncode == 0, errs
    clean = _dump(info)
    assert len(resumed[0]) == len(clean[0]) and len(resumed[1]) == len(clean[1])
    assert resumed == clean
