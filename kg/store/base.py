"""The store interface every backend implements, and the records it returns.

Backends: :mod:`kg.store.sqlite` (embedded, a single file, no server) and
:mod:`kg.store.neo4j` (a Neo4j server). The same test suite runs against both and must get
the same answers; query logic lives in :mod:`kg.query`, above this interface.

The graph's shape, on every backend:

- an entity per real-world thing: id, name, type, aliases, roles, properties, keys;
- an article per source text;
- a relation per (source, type, target, article): one sourced claim, with its evidence
  sentence and offsets, confidence and status. A fact reported by three articles is three
  claims; queries aggregate them.
- article -MENTIONS-> entity, with a count.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..model import Document
from ..resolve import IndexEntry, ResolvedDocument


@dataclass
class EntityRecord:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
                "roles": self.roles, "properties": self.properties, "articles": self.articles}


@dataclass
class EdgeRecord:
    """One claim: a relation as one article states it."""

    source: str
    target: str
    type: str
    article_id: str
    properties: dict[str, Any]
    confidence: float
    status: str
    evidence: str
    start: int
    end: int
    article: dict[str, Any] = field(default_factory=dict)  # title, outlet, source_outlet, date, url

    def sort_key(self) -> tuple:
        return (self.source, self.type, self.target, self.article_id)


@runtime_checkable
class GraphStore(Protocol):
    """What kg needs from a graph database."""

    url: str

    # writing
    def write(self, docs: list[ResolvedDocument]) -> None:
        """Write a batch of articles atomically. An article already present is replaced:
        its old claims and mentions go, entities no article mentions any more go."""

    def write_documents(self, docs: list[Document]) -> list[ResolvedDocument]:
        """Resolve extracted documents against the graph inside the write transaction (so
        concurrent writers see each other's entities) and write them atomically."""

    def forget(self, article_id: str) -> bool:
        """Remove one article and every claim only it supported."""

    def clear(self) -> None: ...

    # reviewed decisions, kept in the store and re-applied by every later ingest
    def merge_entities(self, keep: str, drop: str) -> None:
        """Make ``drop`` part of ``keep``: its claims, mentions, names and keys move over."""

    def separate(self, entity_id: str, keys: list[str], names: list[str]) -> None:
        """Take names (and their keys) away from an entity and remember that they are apart."""

    def decisions(self) -> list[dict[str, Any]]:
        """Recorded decisions: {"kind": "merge"|"apart", "entity", "key"|"other", "at"}."""

    # reading
    def has_article(self, article_id: str, content_hash: str) -> bool: ...
    def articles(self) -> list[dict[str, Any]]: ...
    def entity_index(self) -> list[IndexEntry]: ...
    def get_entities(self, ids: list[str]) -> dict[str, EntityRecord]: ...
    def find_by_key(self, key: str) -> list[EntityRecord]: ...
    def list_entities(self, type: str | None = None, limit: int | None = None) -> list[EntityRecord]: ...
    def edges(self, ids: list[str] | None = None, types: list[str] | None = None) -> list[EdgeRecord]:
        """Claims touching any of ``ids`` (all claims when None), of ``types`` (all when None)."""

    def adjacent(self, ids: list[str], types: list[str], among: list[str] | None = None) -> list[tuple[str, str]]:
        """``(source, target)`` of every pair of entities joined by a claim of one of ``types``
        that is not denied, with ``source`` or ``target`` in ``ids`` (and, given ``among``, the
        other end in ``among``); no evidence (path search)."""

    def degrees(self, ids: list[str]) -> dict[str, int]:
        """How many claims touch each entity: what expanding it would cost (path search). A store
        may stop counting past a cap (SQLite: 1,000 per end); a hub then only reads as "large"."""

    def edges_between(self, pairs: list[tuple[str, str]], types: list[str] | None = None) -> list[EdgeRecord]:
        """The claims between each pair of entities, in either direction."""

    def deals_of(self, id: str) -> list[tuple[str, float | None, str | None]]:
        """``(contract id, amount, date)`` of every contract ``id`` awarded or was awarded (any
        status), from the contracts alone: no claims, no evidence (ranks a big buyer's deals)."""

    def neighbor_counts(self, id: str, types: list[str]) -> dict[str, int]:
        """How many claims of ``types`` (any status) join ``id`` to each other entity, by the
        other's id; no evidence read (picks the best-reported neighbours of a hub)."""

    def mentions(self) -> list[tuple[str, str, int]]:
        """(article id, entity id, count) for every article that names an entity."""

    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "GraphStore": ...  # ``with open_store(url) as store:`` closes it
    def __exit__(self, *exc) -> None: ...
