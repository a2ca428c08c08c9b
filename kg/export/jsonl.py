"""kg's own JSON lines: the whole graph, one record a line, and back.

Records, in this order, each with a ``kind``::

    {"kind": "meta", "format": "kg-jsonl", "version": 1, "mentions_complete": true, ...}
    {"kind": "article", "id", "hash", "title", "outlet", "source_outlet", "date", "url", "authors", "path"}
    {"kind": "entity", "id", "name", "type", "aliases", "roles", "properties", "keys",
     "articles", "mentions": {article_id: count}}
    {"kind": "claim", "source", "type", "target", "article_id", "properties", "confidence",
     "status", "evidence", "start", "end"}

:func:`load_jsonl` writes it back through ``store.write`` with the ids as they are (no
re-resolution: the ids already are the graph's), one article per resolved document, so a
fresh store ends up with the same entities, claims and articles. ``roles`` are recomputed by
the store from the claims, as always.

>>> export_jsonl(store, "graph.jsonl")           # doctest: +SKIP
>>> load_jsonl("graph.jsonl", open_store("copy.sqlite"))  # doctest: +SKIP
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import InputError
from ..model import Evidence, Relation
from ..resolve import ResolvedDocument, ResolvedEntity
from ..store.base import GraphStore
from .snapshot import open_text, read_snapshot

ARTICLE_FIELDS = ("id", "hash", "title", "outlet", "source_outlet", "date", "url", "authors", "path")
FORMAT = "kg-jsonl"
VERSION = 1
# Entities whose articles the export could not know (see snapshot.py) are attached here.
ORPHAN_ARTICLE = "jsonl:{name}"


def export_jsonl(store: GraphStore, path: str | Path) -> dict[str, Any]:
    """Write the whole graph of ``store`` to ``path`` (``"-"``: stdout) as kg JSON lines."""
    snap = read_snapshot(store)
    counts = {"articles": 0, "entities": 0, "claims": 0}
    mentions: dict[str, dict[str, int | None]] = defaultdict(dict)
    for (aid, eid), n in sorted(snap.mentions.items()):
        mentions[eid][aid] = n
    with open_text(path, "w") as out:
        def put(record: dict[str, Any]) -> None:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")

        put({"kind": "meta", "format": FORMAT, "version": VERSION, "mentions_complete": snap.mentions_complete})
        for a in snap.articles:
            put({"kind": "article", **{k: a.get(k, [] if k == "authors" else "")
                                       for k in ARTICLE_FIELDS}})
            counts["articles"] += 1
        for e in snap.entities:
            put({"kind": "entity", "id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "roles": e.roles,
                 "properties": e.properties, "keys": snap.keys.get(e.id, []), "articles": e.articles,
                 "mentions": mentions.get(e.id, {})})
            counts["entities"] += 1
        for c in snap.claims:
            put({"kind": "claim", "source": c.source, "type": c.type, "target": c.target, "article_id": c.article_id,
                 "properties": c.properties, "confidence": c.confidence, "status": c.status,
                 "evidence": c.evidence, "start": c.start, "end": c.end})
            counts["claims"] += 1
    return {"format": "jsonl", "path": str(path), **counts, "mentions_complete": snap.mentions_complete}


def load_jsonl(path: str | Path, store: GraphStore, *, batch_size: int = 256) -> dict[str, Any]:
    """Write a kg JSON lines file (``"-"``: stdin) into ``store``; returns counts.

    Articles already in the store with the same id are replaced, as on re-ingest. Entities
    the file lists without any article (an export from a store that could not list
    mentions) are attached to one pseudo-article ``jsonl:<file name>`` so they are kept.
    """
    articles: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, Any]] = {}
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                kind = rec["kind"]
                if kind == "meta":
                    if rec.get("format") != FORMAT:
                        raise InputError(f"{path}:{n}: not a kg JSON lines file (format {rec.get('format')!r})")
                elif kind == "article":
                    articles[rec["id"]] = rec
                elif kind == "entity":
                    entities[rec["id"]] = rec
                elif kind == "claim":
                    claims[rec["article_id"]].append(rec)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}: not a kg JSON lines record ({type(exc).__name__}: {exc})",
                                 hint="write one with `kg export --format jsonl`") from None

    members: dict[str, dict[str, int]] = defaultdict(dict)  # article -> entity -> count
    for e in entities.values():
        for aid, count in (e.get("mentions") or {}).items():
            members[aid][e["id"]] = count or 1
    for aid, recs in claims.items():
        for c in recs:
            for end in (c["source"], c["target"]):
                members[aid].setdefault(end, 1)
    orphans = sorted(eid for eid in entities if not any(eid in m for m in members.values()))
    if orphans:
        name = "stdin" if str(path) == "-" else Path(path).name
        aid = ORPHAN_ARTICLE.format(name=name)
        articles.setdefault(aid, {"id": aid, "hash": "", "title": f"entities without a known article, from {name}",
                                  "path": str(path)})
        members[aid].update({eid: 1 for eid in orphans})

    missing = sorted({eid for m in members.values() for eid in m} - set(entities))
    if missing:
        raise InputError(f"{path}: claims refer to entities the file does not list: {', '.join(missing[:5])}")
    unknown = sorted(set(claims) - set(articles))
    if unknown:
        raise InputError(f"{path}: claims refer to articles the file does not list: {', '.join(unknown[:5])}")

    docs = [_document(articles[aid], members.get(aid, {}), entities, claims.get(aid, [])) for aid in sorted(articles)]
    for i in range(0, len(docs), batch_size):
        store.write(docs[i:i + batch_size])
    return {"format": "jsonl", "path": str(path), "articles": len(docs), "entities": len(entities),
            "claims": sum(len(v) for v in claims.values()), "orphans": len(orphans)}


def _document(article: dict[str, Any], members: dict[str, int], entities: dict[str, dict[str, Any]],
              claims: list[dict[str, Any]]) -> ResolvedDocument:
    meta = {k: article.get(k, [] if k == "authors" else "")
            for k in ARTICLE_FIELDS}
    ents = [ResolvedEntity(e["id"], e["name"], schema.entity_label(e["type"]), list(e.get("aliases") or []), dict(e.get("properties") or {}),
                           list(e.get("keys") or []), members[e["id"]])
            for e in (entities[eid] for eid in sorted(members))]
    rels = [Relation(c["source"], c["target"], schema.relation_type(c["type"]), Evidence(c["evidence"], c["start"], c["end"]),
                     dict(c.get("properties") or {}), c["confidence"], c["status"], "jsonl")
            for c in claims]
    return ResolvedDocument(meta, ents, rels)
