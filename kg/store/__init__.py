"""Storage behind one interface: an embedded SQLite file or a Neo4j server.

>>> store = open_store("kg.sqlite")          # doctest: +SKIP
>>> store = open_store("bolt://localhost:7687")  # doctest: +SKIP
"""
from __future__ import annotations

from .. import config
from .base import EdgeRecord, EntityRecord, GraphStore


def open_store(url: str | None = None, **neo4j_options) -> GraphStore:
    """Open the store at ``url`` (default: ``KG_STORE``, then ``NEO4J_URI``, then ./kg.sqlite)."""
    url = url or config.store_url()
    if config.is_neo4j_url(url):
        from .neo4j import Neo4jStore

        return Neo4jStore.connect(url, **neo4j_options)
    from .sqlite import SQLiteStore

    return SQLiteStore(url)


__all__ = ["EdgeRecord", "EntityRecord", "GraphStore", "open_store"]
