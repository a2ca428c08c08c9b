"""Reviewable, reversible resolution decisions: merge, split, aliases, and likely duplicates.

Automatic resolution (:mod:`kg.resolve`) joins names by normalised keys. A person can
overrule it; every decision is stored in the graph store itself and re-applied by each later
ingest (a merged name's keys belong to the entity kept; a split name's keys are remembered as
*apart* from the entity, so the resolver never joins them again).

>>> merge(store, "Wickr", "Wickr Foundation")        # doctest: +SKIP
>>> split(store, "Wickr", ["Wickr Foundation"])      # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from .errors import KgError
from .query import find_entity
from .resolve import name_keys, type_group
from .store.base import EntityRecord, GraphStore


def merge(store: GraphStore, keep: str, drop: str) -> EntityRecord:
    """Make ``drop`` part of ``keep`` (names, ids or aliases). Only compatible types merge:
    a person never becomes a company."""
    a, b = find_entity(store, keep), find_entity(store, drop)
    if a.id == b.id:
        raise KgError(f"{keep!r} and {drop!r} are already one entity ({a.name})")
    if type_group(a.type) != type_group(b.type):
        raise KgError(f"will not merge {a.name} ({a.type}) with {b.name} ({b.type}): different kinds of entity",
                      hint="only companies and other organisations merge across types")
    store.merge_entities(a.id, b.id)
    return store.get_entities([a.id])[a.id]


def split(store: GraphStore, entity: str, names: list[str]) -> tuple[EntityRecord, list[str]]:
    """Declare that ``names`` do not name ``entity``: they stop resolving to it, now and in
    every later ingest. Re-ingest the articles that used them (``kg ingest --force``) to
    move their facts to a separate entity."""
    e = find_entity(store, entity)
    keys: set[str] = set()
    for n in names:
        keys |= name_keys(n, e.type)
    if not keys:
        raise KgError("no names given to split off")
    store.separate(e.id, sorted(keys), list(names))
    return store.get_entities([e.id])[e.id], sorted(keys)


def aliases(store: GraphStore, name: str) -> dict[str, Any]:
    """Every name an entity is known by, the keys the resolver finds it by, and its decisions."""
    e = find_entity(store, name)
    keys = next((sorted(x.keys) for x in store.entity_index() if x.id == e.id), [])
    decisions = [d for d in store.decisions() if d["entity"] == e.id or d.get("other") == e.id]
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "keys": keys, "decisions": decisions}


def review(store: GraphStore, *, threshold: float = 85.0, limit: int = 50) -> list[dict[str, Any]]:
    """Likely duplicates for a person to accept (``kg merge``) or reject (``kg split``):
    entities of compatible types whose normalised names are close (rapidfuzz edit-distance
    ratio: spelling variants and typos), or one of
    which is the other's acronym. Pairs already decided are not proposed again."""
    apart = {(d["entity"], d["key"]) for d in store.decisions() if d["kind"] == "apart"}
    entities = [e for e in store.list_entities() if e.type not in ("Contract", "Location")]
    index = {x.id: x.keys for x in store.entity_index()}
    out = []
    for i, a in enumerate(entities):
        for b in entities[i + 1:]:
            if type_group(a.type) != type_group(b.type):
                continue
            if any((a.id, k) in apart for k in index.get(b.id, ())) or any((b.id, k) in apart for k in index.get(a.id, ())):
                continue
            score = max((fuzz.ratio(x, y) for x in index.get(a.id, ()) for y in index.get(b.id, ())), default=0.0)
            why = "similar names"
            if _initials(a.name) == b.name.replace(".", "") or _initials(b.name) == a.name.replace(".", ""):
                score, why = max(score, 95.0), "acronym"
            if a.type == "Person" and b.type == "Person" and a.name.split()[-1] != b.name.split()[-1]:
                continue  # different surnames are different people
            if score >= threshold:
                keep, drop = (a, b) if (a.articles, len(a.name)) >= (b.articles, len(b.name)) else (b, a)
                out.append({"score": round(score, 1), "why": why, "keep": keep.name, "keep_id": keep.id, "drop": drop.name,
                            "drop_id": drop.id, "type": keep.type, "articles": [keep.articles, drop.articles]})
    out.sort(key=lambda r: (-r["score"], r["keep"], r["drop"]))
    return out[:limit]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in ("of", "and", "the"))
