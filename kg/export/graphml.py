"""GraphML for Gephi, yEd, Cytoscape and networkx: one node per entity, one edge per fact.

A *fact* is a (source, type, target) relation with every claim that supports it, as
:func:`kg.query.aggregate` builds it for queries. One edge per fact (not per claim) keeps
the picture readable: three articles saying "CBP paid Wickr" are one ``PAID`` edge with
``claims=3``, ``sources=3``, the earliest sentence as ``evidence`` and the fact's ``status``
(``asserted``, ``hedged``, ``denied`` or ``disputed``). Parallel edges of different types
between the same two entities stay apart (a multigraph; the edge id is the type).

Only scalar attributes, one type per attribute name, as Gephi and yEd expect: lists are
joined with ``"; "``, anything nested is JSON text, numbers that can be fractional are floats.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from .. import schema
from ..query import aggregate
from ..store.base import GraphStore
from .snapshot import read_snapshot

JOIN = "; "
# Always floats, so the attribute has one type whatever the graph holds.
FLOATS = {"amount", "confidence"}
# XML 1.0 cannot carry most control characters; lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export_graphml(store: GraphStore, path: str | Path, *, include_weak: bool = True) -> dict[str, Any]:
    """Write the graph of ``store`` to ``path`` as GraphML; returns counts.

    ``include_weak=False`` leaves out co-occurrence (``MENTIONED_WITH``) edges.
    """
    graph = build_graph(store, include_weak=include_weak)
    nx.write_graphml(graph, str(path), encoding="utf-8")
    return {"format": "graphml", "path": str(path), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def build_graph(store: GraphStore, *, include_weak: bool = True) -> nx.MultiDiGraph:
    """The networkx multigraph :func:`export_graphml` writes (handy in a notebook)."""
    snap = read_snapshot(store)
    g = nx.MultiDiGraph()
    nodes = {}
    for e in snap.entities:
        attrs: dict[str, Any] = {"label": e.name, "name": e.name, "type": e.type, "roles": e.roles,
                                 "aliases": e.aliases, "articles": e.articles}
        for k, v in sorted(e.properties.items()):
            attrs.setdefault(k, v)
        nodes[e.id] = attrs
    claims = snap.claims if include_weak else snap.strong_claims()
    edges = []
    for f in aggregate(claims):
        first = f.claims[0]
        attrs = {"type": f.type, "label": f.type, "claims": len(f.claims), "sources": f.sources,
                 "independent_sources": f.independent_sources, "status": f.status,
                 "confidence": f.confidence, "weak": f.type in schema.WEAK_RELATIONS,
                 "evidence": first.evidence, "article_id": first.article_id,
                 "article_title": first.article.get("title") or "", "outlet": first.article.get("outlet") or "",
                 "url": first.article.get("url") or "", "first_seen": f.first_seen, "last_seen": f.last_seen}
        for k, v in sorted(f.properties.items()):
            attrs.setdefault(k, v)
        edges.append((f.source, f.target, f.type, attrs))
    for nid, attrs in zip(nodes, _scalars(list(nodes.values()))):
        g.add_node(nid, **attrs)
    for (s, t, key, _), attrs in zip(edges, _scalars([e[3] for e in edges])):
        g.add_edge(s, t, key=key, **attrs)
    return g


def _scalars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten values to str/int/float/bool, one Python type per attribute across ``rows``."""
    flat = [{k: _flat(v) for k, v in row.items() if v is not None} for row in rows]
    types: dict[str, set[type]] = {}
    for row in flat:
        for k, v in row.items():
            types.setdefault(k, set()).add(type(v))
    cast = {k: float if k in FLOATS and ts <= {int, float} else _common(ts) for k, ts in types.items()}
    return [{k: cast[k](v) for k, v in row.items()} for row in flat]


def _flat(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value)
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set)) and all(isinstance(x, (str, int, float, bool)) for x in value):
        return _NOT_XML.sub(" ", JOIN.join(str(x) for x in value))
    return _NOT_XML.sub(" ", json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def _common(types: Iterable[type]):
    types = set(types)
    if types == {bool}:
        return bool
    if types == {int}:
        return int
    if types <= {int, float}:
        return float
    return lambda v: v if isinstance(v, str) else json.dumps(v)
