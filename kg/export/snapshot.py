"""The whole graph, read once through the :class:`~kg.store.base.GraphStore` interface.

Every exporter starts from a :class:`Snapshot`: the articles, the entities with the keys they
are found by, every claim, and which article mentions which entity. Exporters never talk to
a backend directly, so the embedded store and Neo4j export the same files.

Mentions come from ``store.mentions()`` (rows of ``(article_id, entity_id, count)``), so an
entity named in an article without a claim there stays attached to it.
"""
from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from .. import schema
from ..store.base import EdgeRecord, EntityRecord, GraphStore


@dataclass
class Snapshot:
    articles: list[dict[str, Any]]
    entities: list[EntityRecord]  # sorted by id
    keys: dict[str, list[str]]  # entity id -> resolution keys
    claims: list[EdgeRecord]  # sorted by (source, type, target, article_id)
    mentions: dict[tuple[str, str], int | None]  # (article_id, entity_id) -> count (None: unknown)
    mentions_complete: bool
    by_id: dict[str, EntityRecord] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entities}

    def strong_claims(self) -> list[EdgeRecord]:
        return [c for c in self.claims if c.type not in schema.WEAK_RELATIONS]


def read_snapshot(store: GraphStore) -> Snapshot:
    """Read everything an export needs from ``store``, in a stable order."""
    articles = sorted(store.articles(), key=lambda a: a["id"])
    entities = sorted(store.list_entities(), key=lambda e: e.id)
    keys = {e.id: sorted(e.keys) for e in store.entity_index()}
    claims = sorted(store.edges(), key=EdgeRecord.sort_key)
    mentions: dict[tuple[str, str], int | None] = {(a, e): int(n) for a, e, n in store.mentions()}
    # files written by this version always list every mention; the flag stays in the
    # format so that a reader can tell a partial file from another tool
    return Snapshot(articles, entities, keys, claims, mentions, True)


@contextlib.contextmanager
def open_text(path: str | Path, mode: str = "r") -> Iterator[IO[str]]:
    """Open ``path`` as UTF-8 text; ``"-"`` is stdin (``mode="r"``) or stdout (``mode="w"``)."""
    if str(path) == "-":
        yield sys.stdin if "r" in mode else sys.stdout
        return
    with open(path, mode, encoding="utf-8", newline="") as fh:
        yield fh
