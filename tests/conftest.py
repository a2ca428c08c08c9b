"""Shared fixtures.

Store tests run once per backend: the embedded SQLite store always, and Neo4j when a
server is configured (NEO4J_URI, NEO4J_PASSWORD; `kg neo4j start` and
`eval "$(kg neo4j env)"` give you one). Without one, Neo4j tests are skipped locally; CI sets
KG_REQUIRE_NEO4J=1, which turns that skip into a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_437bc488ce69bfb1.txt"
DOD_CSV = SHARED / "data" / "dod-contracts" / "announcements_2015_2016.csv"
CORPUS = ROOT / "corpus"


def neo4j_configured() -> bool:
    return bool(os.environ.get("NEO4J_URI") and os.environ.get("NEO4J_PASSWORD"))


def _need_neo4j():
    if neo4j_configured():
        return
    if os.environ.get("KG_REQUIRE_NEO4J") == "1":
        pytest.fail("KG_REQUIRE_NEO4J=1 but NEO4J_URI/NEO4J_PASSWORD are not set (run `kg neo4j start`)")
    pytest.skip("no Neo4j server configured (kg neo4j start; eval \"$(kg neo4j env)\")")


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_doc(nlp):
    from kg.corpus import iter_articles
    from kg.extract import extract_document

    (article,) = list(iter_articles([SEED]))
    return extract_document(article, nlp)


@pytest.fixture(scope="session")
def corpus_docs(nlp):
    """Corpus articles and the seed, extracted once per test session."""
    from kg.corpus import iter_articles
    from kg.extract import extract_documents

    return list(extract_documents(iter_articles([CORPUS, SEED])))


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    """An empty store of each kind."""
    from kg.store import open_store

    if request.param == "neo4j":
        _need_neo4j()
        db = open_store(os.environ["NEO4J_URI"])
    else:
        db = open_store(str(tmp_path / "kg.sqlite"))
    db.clear()
    yield db
    db.close()


def write_docs(store, docs):
    from kg.resolve import Resolver

    resolver = Resolver.for_store(store)
    store.write([resolver.resolve(d) for d in docs])


@pytest.fixture
def graph(store, corpus_docs):
    """A store of each kind holding the corpus and the seed story."""
    write_docs(store, corpus_docs)
    return store
