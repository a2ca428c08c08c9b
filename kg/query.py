"""Relationship questions over any :class:`~kg.store.base.GraphStore`, answered with proof.

Every answer carries the claims behind it: the sentence, the article, its outlet and date.
The logic lives here, once, above the store interface, so the embedded store and Neo4j give
the same answers. Graph algorithms use networkx on the part of the graph a question needs
(a ball of bounded radius around the entities asked about), fetched level by level.

>>> paths = find_paths(store, "Erik Prince", "CBP")        # doctest: +SKIP
>>> [hop.relation for hop in paths[0].hops]                # doctest: +SKIP
['INVESTED_IN', 'PAID']
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process

from . import schema
from .errors import KgError, NotFoundError
from .model import independent_source
from .resolve import lookup_key, matching_keys, name_keys
from .store.base import EdgeRecord, EntityRecord, GraphStore


# -- facts: claims aggregated ----------------------------------------------------------
class Sourced:
    """Counts over ``self.claims``: articles, independent sources, dates, statuses.

    ``sources`` counts the articles; ``independent_sources`` the distinct outlets behind
    them (see :func:`~kg.model.independent_source`): three corpus retellings of one ABC News
    story are three articles but one independent source. ``first_seen``/``last_seen`` are
    the earliest and latest publication dates among the articles.
    """

    claims: list[EdgeRecord]

    @property
    def statuses(self) -> dict[str, int]:
        """How many articles assert, hedge or deny it: a disputed fact shows both sides."""
        out: dict[str, int] = {}
        for c in self.claims:
            out[c.status] = out.get(c.status, 0) + 1
        return dict(sorted(out.items()))

    @property
    def sources(self) -> int:
        """How many articles state it."""
        return len({c.article_id for c in self.claims})

    @property
    def outlets(self) -> list[str]:
        """The distinct independent sources behind it, sorted (names compared ignoring case)."""
        seen: dict[str, str] = {}
        for c in self.claims:
            name = independent_source(c.article, c.article_id)
            seen.setdefault(name.casefold(), name)
        return [seen[k] for k in sorted(seen)]

    @property
    def independent_sources(self) -> int:
        return len(self.outlets)

    @property
    def first_seen(self) -> str:
        """The earliest publication date among its articles ("" when none is dated)."""
        return min((d for c in self.claims if (d := c.article.get("date") or "")), default="")

    @property
    def last_seen(self) -> str:
        return max((d for c in self.claims if (d := c.article.get("date") or "")), default="")

    def summary(self) -> dict[str, Any]:
        """The counts every answer shows next to a fact."""
        return {"sources": self.sources, "independent_sources": self.independent_sources, "outlets": self.outlets,
                "first_seen": self.first_seen, "last_seen": self.last_seen, "statuses": self.statuses}


@dataclass
class Fact(Sourced):
    """One relation, with every claim (article sentence) that supports it."""

    source: str
    type: str
    target: str
    claims: list[EdgeRecord]

    @property
    def properties(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for c in self.claims:
            for k, v in c.properties.items():
                out.setdefault(k, v)
        return out

    @property
    def confidence(self) -> float:
        """Independent sources raise confidence: 1 - Π(1 - c)."""
        p = 1.0
        for c in self.claims:
            p *= 1 - c.confidence
        return round(1 - p, 3)

    @property
    def status(self) -> str:
        statuses = {c.status for c in self.claims}
        if "asserted" in statuses:
            return "asserted" if len(statuses) == 1 else "disputed" if "denied" in statuses else "asserted"
        return "denied" if "denied" in statuses else "hedged"

    def evidence(self) -> list[dict[str, Any]]:
        return [{"text": c.evidence, "start": c.start, "end": c.end, "article_id": c.article_id,
                 "article_title": c.article.get("title", ""), "outlet": c.article.get("outlet", ""),
                 "source_outlet": c.article.get("source_outlet", ""),
                 "independent_source": independent_source(c.article, c.article_id),
                 "date": c.article.get("date", ""), "url": c.article.get("url", ""),
                 "status": c.status, "confidence": c.confidence} for c in self.claims]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "type": self.type, "target": self.target, "properties": self.properties,
                "confidence": self.confidence, "status": self.status, **self.summary(),
                "evidence": self.evidence()}


def aggregate(edges: list[EdgeRecord]) -> list[Fact]:
    groups: dict[tuple[str, str, str], list[EdgeRecord]] = defaultdict(list)
    for e in edges:
        groups[(e.source, e.type, e.target)].append(e)
    facts = [Fact(s, t, d, sorted(cl, key=lambda c: (c.article.get("date") or "", c.article_id)))
             for (s, t, d), cl in groups.items()]
    facts.sort(key=lambda f: (f.source, f.type, f.target))
    return facts


def standing(facts: list[Fact]) -> list[Fact]:
    """The facts some article does not deny. A fact one article asserts and another denies
    stays, as ``disputed``, with both claims; a fact only ever denied goes."""
    return [f for f in facts if any(c.status != "denied" for c in f.claims)]


def with_all_claims(store: GraphStore, facts: list[Fact]) -> list[Fact]:
    """``facts`` again with every claim the store holds on them, denials included: graphs are
    walked over what is asserted, but what they show of a fact is both sides of it."""
    if not facts:
        return []
    keys = {(f.source, f.type, f.target) for f in facts}
    claims = store.edges(sorted({f.source for f in facts}), sorted({f.type for f in facts}))
    return aggregate([c for c in claims if (c.source, c.type, c.target) in keys])


# -- names -------------------------------------------------------------------------------
def find_entity(store: GraphStore, name: str) -> EntityRecord:
    """The entity a user means by ``name``: an id, a name, an alias or an acronym.

    Raises :class:`NotFoundError` with close matches when nothing fits.
    """
    if ":" in name:
        hit = store.get_entities([name]).get(name)
        if hit:
            return hit
    keys = [lookup_key(name)] + sorted(name_keys(name) - {lookup_key(name)})
    for key in dict.fromkeys(k for key in keys for k in matching_keys(key)):
        hits = store.find_by_key(key)
        if hits:
            return max(hits, key=lambda e: (e.type != "Contract", e.articles, -len(e.id)))
    raise NotFoundError(f"no entity named {name!r}", suggestions=suggest(store, name))


def suggest(store: GraphStore, name: str, limit: int = 5) -> list[str]:
    choices: dict[str, str] = {}
    for e in store.list_entities():
        if e.type == "Contract":
            continue
        choices[e.name] = e.name
        for a in e.aliases:
            choices.setdefault(a, e.name)
    found = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=60)
    return list(dict.fromkeys(choices[m[0]] for m in found))[:limit]


# -- neighbourhoods ----------------------------------------------------------------------
def _relation_types(include_weak: bool, types: list[str] | None = None) -> list[str]:
    if types:
        return [schema.relation_type(t) for t in types]
    return list(schema.RELATION_TYPES if include_weak else schema.STRONG_RELATIONS)


def ball(store: GraphStore, start: list[str], radius: int, types: list[str]) -> tuple[set[str], list[EdgeRecord]]:
    """Entities within ``radius`` hops of ``start``, and the claims among them."""
    seen = set(start)
    frontier = set(start)
    edges: dict[tuple, EdgeRecord] = {}
    for _ in range(radius):
        if not frontier:
            break
        nxt: set[str] = set()
        for e in store.edges(sorted(frontier), types):
            if e.status == "denied":
                continue
            edges[e.sort_key()] = e
            for end in (e.source, e.target):
                if end not in seen:
                    nxt.add(end)
        seen |= nxt
        frontier = nxt
    return seen, [edges[k] for k in sorted(edges)]


# -- paths -------------------------------------------------------------------------------
@dataclass
class Hop:
    source: EntityRecord
    target: EntityRecord
    fact: Fact
    forward: bool  # True when the relation points from this hop's source to its target

    @property
    def relation(self) -> str:
        return self.fact.type

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source.name, "to": self.target.name, "relation": self.fact.type,
                "direction": "->" if self.forward else "<-", "fact": self.fact.to_dict()}


@dataclass
class Path:
    nodes: list[EntityRecord]
    hops: list[Hop] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"length": len(self.hops), "nodes": [n.name for n in self.nodes], "hops": [h.to_dict() for h in self.hops]}


_PREFERENCE = {t: i for i, t in enumerate(schema.RELATION_TYPES)}


def _best_fact(facts: list[Fact]) -> Fact:
    return min(facts, key=lambda f: (f.type in schema.WEAK_RELATIONS, f.status != "asserted", -f.confidence, _PREFERENCE[f.type]))


def _link_graph(adj: dict[str, set[str]], nodes: set[str] | None = None) -> nx.Graph:
    """The links read so far (among ``nodes``, if given) as a graph, edges added in a fixed
    order (ties between equally short paths then come out the same way every run)."""
    g = nx.Graph()
    g.add_edges_from(sorted((u, v) for u in (adj if nodes is None else nodes) for v in adj[u]
                            if u < v and (nodes is None or v in nodes)))
    return g


def _distances(adj: dict[str, set[str]], root: str, cutoff: int) -> dict[str, int]:
    """Hops from ``root`` to everything within ``cutoff`` over the links read so far."""
    dist, layer = {root: 0}, [root]
    for d in range(1, cutoff + 1):
        nxt = [m for n in layer for m in adj.get(n, ()) if m not in dist]
        for m in nxt:
            dist[m] = d
        layer = nxt
        if not layer:
            break
    return dist


def _on_short_paths(adj: dict[str, set[str]], src: str, dst: str, hops: int) -> set[str]:
    """The entities on some connection of at most ``hops`` hops over the links read so far:
    their distance from ``src`` plus their distance to ``dst`` is at most ``hops``."""
    from_a, to_b = _distances(adj, src, hops), _distances(adj, dst, hops)
    return {n for n, d in from_a.items() if n in to_b and d + to_b[n] <= hops}


def _enough_paths(adj: dict[str, set[str]], src: str, dst: str, k: int, hops: int, dist: list[dict[str, int]]) -> bool:
    """Whether the links read so far hold ``k`` connections of at most ``hops`` hops. With the two
    depths adding up to ``hops``, every connection that short has been read, so they are the
    ``k`` shortest and the search can stop early."""
    if not dist[0].keys() & dist[1].keys():
        return False  # the two sides have not met
    keep = _on_short_paths(adj, src, dst, hops)
    if src not in keep:
        return False
    found = 0
    for p in nx.shortest_simple_paths(_link_graph(adj, keep), src, dst):
        if len(p) - 1 > hops:
            return False
        found += 1
        if found >= k:
            return True
    return False


def _search_space(store: GraphStore, src: str, dst: str, max_hops: int, types: list[str], k: int = 3) -> nx.Graph:
    """Every link that lies on a connection of at most ``max_hops`` hops between ``src`` and ``dst``.

    The search grows from both ends, one layer at a time, each time on the side whose frontier is
    cheaper to expand (the sum of its entities' claim counts), until the two depths add up to
    ``max_hops``: then every node of such a connection is within its end's depth, and every link
    of it was read when its nearer end was expanded. The last layer needs only the links that
    reach what the other side has already seen, so only those are asked for. It stops earlier
    once ``k`` connections no longer than the two depths are known (:func:`_enough_paths`). So a
    hub — an agency with thousands of contracts — is expanded only when no cheaper side is left,
    and only identifiers are read; the evidence is fetched for the links of the answer alone.
    """
    roots = (src, dst)
    dist: list[dict[str, int]] = [{src: 0}, {dst: 0}]
    frontier: list[list[str]] = [[src], [dst]]
    depth = [0, 0]
    expanded: list[set[str]] = [set(), set()]
    adj: dict[str, set[str]] = defaultdict(set)
    cost = store.degrees([src, dst])

    def todo(side: int) -> list[str]:
        # what a side must read: not the other end (a simple path never passes through it) and
        # nothing the other side has read already (its links are known)
        return [n for n in frontier[side] if n != roots[1 - side] and n not in expanded[1 - side]]

    while depth[0] + depth[1] < max_hops and (frontier[0] or frontier[1]):
        side = min((i for i in (0, 1) if frontier[i]), key=lambda i: (sum(cost.get(n, 0) for n in todo(i)), i))
        work = todo(side)
        last = depth[0] + depth[1] + 1 == max_hops
        if work:
            # on the last layer a link matters only if it reaches the other side's ball
            among = sorted(dist[1 - side]) if last else None
            for u, v in store.adjacent(work, types, among=among):
                if u != v:
                    adj[u].add(v)
                    adj[v].add(u)
            expanded[side].update(work)
        depth[side] += 1
        frontier[side] = sorted({m for n in frontier[side] for m in adj[n]} - dist[side].keys())
        for n in frontier[side]:
            dist[side][n] = depth[side]
        if last:
            break
        if _enough_paths(adj, src, dst, k, depth[0] + depth[1], dist):
            break  # every connection this short is known already, and there are k of them
        if frontier[side]:
            cost.update(store.degrees([n for n in frontier[side] if n not in cost]))
    keep = _on_short_paths(adj, src, dst, max_hops)
    if src not in keep:
        return nx.Graph()
    return _link_graph(adj, keep)


def find_paths(store: GraphStore, a: str, b: str, *, k: int = 3, max_hops: int = 4,
               include_weak: bool = False, types: list[str] | None = None) -> list[Path]:
    """The ``k`` shortest connections from ``a`` to ``b`` of at most ``max_hops`` hops.

    Each hop carries the relation and the claims (sentences, articles) that prove it.
    Denied claims never connect anything; co-occurrence only with ``include_weak``.
    """
    src, dst = find_entity(store, a), find_entity(store, b)
    if src.id == dst.id:
        raise KgError(f"{a!r} and {b!r} are the same entity ({src.name})")
    rel_types = _relation_types(include_weak, types)
    g = _search_space(store, src.id, dst.id, max_hops, rel_types, k)
    if src.id not in g or dst.id not in g:
        return []
    paths: list[list[str]] = []
    try:
        for p in nx.shortest_simple_paths(g, src.id, dst.id):
            if len(p) - 1 > max_hops or len(paths) >= k:
                break
            paths.append(p)
    except nx.NetworkXNoPath:
        return []
    pairs = sorted({tuple(sorted((u, v))) for p in paths for u, v in zip(p, p[1:])})
    # a hop shows every claim of its relation, denials too (a disputed fact says so); a relation
    # only ever denied never connects anything
    pair_facts: dict[frozenset, list[Fact]] = defaultdict(list)
    for f in standing(aggregate(store.edges_between(pairs, rel_types))):
        pair_facts[frozenset((f.source, f.target))].append(f)
    records = store.get_entities(sorted({n for p in paths for n in p}))
    out = []
    for p in paths:
        path = Path([records[n] for n in p])
        for u, v in zip(p, p[1:]):
            fact = _best_fact(pair_facts[frozenset((u, v))])
            path.hops.append(Hop(records[u], records[v], fact, forward=fact.source == u))
        out.append(path)
    return out


# -- neighbours --------------------------------------------------------------------------
@dataclass
class Neighbor:
    entity: EntityRecord
    fact: Fact
    outgoing: bool

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.entity.name, "type": self.entity.type, "id": self.entity.id,
                "relation": self.fact.type, "direction": "->" if self.outgoing else "<-",
                "properties": self.fact.properties, **self.fact.summary(),
                "status": self.fact.status, "evidence": self.fact.evidence()}


def claim_date(claim: EdgeRecord) -> str:
    """When a claim happened: its own date (a payment's), else its article's publication date."""
    return str(claim.properties.get("date") or claim.article.get("date") or "")


def in_period(date: str, since: str | None, until: str | None) -> bool:
    """ISO prefixes compare at the coarser precision: "2020-09" is within since="2020"."""
    if since and (not date or date[:len(since)] < since[:len(date)]):
        return False
    if until and (not date or date[:len(until)] > until[:len(date)]):
        return False
    return True


class Neighbors(list):
    """The :class:`Neighbor` rows of :func:`neighbors`; ``total`` counts the neighbouring
    entities there were before ``limit`` kept the best-reported ones."""

    def __init__(self, rows=(), total: int = 0):
        super().__init__(rows)
        self.total = total


def neighbors(store: GraphStore, name: str, *, types: list[str] | None = None, relations: list[str] | None = None,
              include_weak: bool = False, min_sources: int = 1, min_outlets: int = 1, since: str | None = None,
              until: str | None = None, limit: int | None = None) -> tuple[EntityRecord, Neighbors]:
    """Everything directly connected to ``name``, with the facts that connect it.

    ``since``/``until`` (ISO prefixes) keep only claims dated in that period (see
    :func:`claim_date`); ``min_sources`` keeps facts reported by at least that many articles,
    ``min_outlets`` those reported by at least that many independent sources (outlets).
    Both count the claims left after the period filter.

    ``limit`` keeps the ``limit`` neighbouring entities with the most claims (ties by id), and
    ``.total`` of the answer says how many there were. Without other filters, a hub's claims are
    counted first and only the kept neighbours' claims (with their evidence) are read: the
    Army's 200,000 contracts cost a count, not 200,000 evidence sentences.

    >>> center, found = neighbors(store, "Wickr", min_outlets=2)   # doctest: +SKIP
    """
    center = find_entity(store, name)
    rel_types = _relation_types(include_weak, relations)
    filtered = bool(types or since or until or min_sources > 1 or min_outlets > 1)
    total = None
    if limit and not filtered:
        counts = store.neighbor_counts(center.id, rel_types)
        total = len(counts)
        if total > limit:
            keep = sorted(counts, key=lambda o: (-counts[o], o))[:limit]
            claims = store.edges_between([(center.id, o) for o in keep], rel_types)
        else:
            claims = store.edges([center.id], rel_types)
    else:
        claims = store.edges([center.id], rel_types)
    facts = aggregate([c for c in claims if in_period(claim_date(c), since, until)])
    others = store.get_entities(sorted({f.target if f.source == center.id else f.source for f in facts}))
    out = []
    for f in facts:
        other = others[f.target if f.source == center.id else f.source]
        if types and other.type not in types and not set(types) & set(other.roles):
            continue
        if f.sources < min_sources or f.independent_sources < min_outlets:
            continue
        out.append(Neighbor(other, f, f.source == center.id))
    if total is None:
        per_entity: dict[str, int] = defaultdict(int)
        for n in out:
            per_entity[n.entity.id] += len(n.fact.claims)
        total = len(per_entity)
        if limit and total > limit:
            keep = set(sorted(per_entity, key=lambda o: (-per_entity[o], o))[:limit])
            out = [n for n in out if n.entity.id in keep]
    out.sort(key=lambda n: (n.fact.type, n.entity.name))
    return center, Neighbors(out, total)


# -- money -------------------------------------------------------------------------------
@dataclass
class Payment(Sourced):
    contract: EntityRecord
    buyer: EntityRecord | None
    supplier: EntityRecord | None
    facts: list[Fact]

    @property
    def amount(self) -> float | None:
        return self.contract.properties.get("amount")

    @property
    def claims(self) -> list[EdgeRecord]:  # type: ignore[override]
        """Every claim about the deal: who awarded it, who received it."""
        return [c for f in self.facts for c in f.claims]

    @property
    def confidence(self) -> float:
        """The surest reading of the deal: the highest confidence of any sentence stating it (award
        and payment wordings 0.6-0.9, the parse's readings 0.5-0.6, the learned fallback 0.30-0.45)."""
        return max((c.confidence for c in self.claims), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        p = self.contract.properties
        return {"buyer": self.buyer.name if self.buyer else None, "supplier": self.supplier.name if self.supplier else None,
                "amount": p.get("amount"), "currency": p.get("currency"), "date": p.get("date"),
                "title": p.get("title"), "identifiers": p.get("identifiers", []), "contract": self.contract.id,
                "confidence": round(self.confidence, 2),
                **{k: v for k, v in self.summary().items() if k != "statuses"},
                "evidence": [ev for f in self.facts for ev in f.evidence()]}


def money(store: GraphStore, *, buyer: str | None = None, supplier: str | None = None,
          since: str | None = None, until: str | None = None, limit: int | None = None,
          min_confidence: float | None = None) -> list[Payment]:
    """Contracts and payments: who paid whom, how much, when, with the sentences that say so.
    Largest first; ``limit`` keeps the ``limit`` largest, reading the claims (and evidence) of
    only as many deals as it takes: a buyer's 200,000 contracts cost their amounts and dates
    (:meth:`~kg.store.base.GraphStore.deals_of`), not 400,000 evidence sentences.
    ``min_confidence`` drops deals no sentence states that surely (:attr:`Payment.confidence`)."""
    buyer_id = find_entity(store, buyer).id if buyer else None
    supplier_id = find_entity(store, supplier).id if supplier else None
    if buyer_id or supplier_id:
        deals = store.deals_of(buyer_id or supplier_id)
    else:
        deals = [(c.id, c.properties.get("amount"), c.properties.get("date")) for c in store.list_entities("Contract")]
    if not limit:
        return _payments(store, sorted(d[0] for d in deals), buyer_id, supplier_id, since, until, min_confidence)
    ranked = sorted((d for d in deals if in_period(d[2] or "", since, until)), key=lambda d: _deal_order(*d))
    out: list[Payment] = []
    step = max(limit, 100)
    for i in range(0, len(ranked), step):  # a deal may drop out (denied, someone else's, unsure): read on
        out += _payments(store, [d[0] for d in ranked[i:i + step]], buyer_id, supplier_id, since, until, min_confidence)
        if len(out) >= limit:
            break
    return out[:limit]


def _deal_order(contract_id: str, amount: float | None, date: str | None) -> tuple:
    return -(amount or 0), date or "", contract_id


def _payments(store: GraphStore, contract_ids: list[str], buyer_id: str | None, supplier_id: str | None,
              since: str | None, until: str | None, min_confidence: float | None = None) -> list[Payment]:
    facts = standing(aggregate(store.edges(contract_ids, ["AWARDED", "AWARDED_TO"])))
    by_contract: dict[str, dict[str, Any]] = defaultdict(lambda: {"facts": []})
    for f in facts:
        if f.type == "AWARDED":
            by_contract[f.target]["buyer"] = f.source
        else:
            by_contract[f.source]["supplier"] = f.target
        by_contract[f.target if f.type == "AWARDED" else f.source]["facts"].append(f)
    ids = set(by_contract) | {x.get("buyer") for x in by_contract.values()} | {x.get("supplier") for x in by_contract.values()}
    records = store.get_entities(sorted(i for i in ids if i))
    out = []
    for cid in sorted(by_contract):
        row = by_contract[cid]
        if cid not in records:
            continue
        if buyer_id and row.get("buyer") != buyer_id or supplier_id and row.get("supplier") != supplier_id:
            continue
        if not in_period(records[cid].properties.get("date") or "", since, until):
            continue
        payment = Payment(records[cid], records.get(row.get("buyer")), records.get(row.get("supplier")), row["facts"])
        if min_confidence is not None and payment.confidence < min_confidence:
            continue
        out.append(payment)
    out.sort(key=lambda p: _deal_order(p.contract.id, p.amount, p.contract.properties.get("date")))
    return out


def money_totals(payments: list[Payment], by: str = "buyer") -> list[dict[str, Any]]:
    """Totals and counts per buyer, supplier, pair or year."""
    groups: dict[tuple, dict[str, Any]] = {}
    for p in payments:
        b = p.buyer.name if p.buyer else "?"
        s = p.supplier.name if p.supplier else "?"
        year = (p.contract.properties.get("date") or "?")[:4]
        key = {"buyer": (b,), "supplier": (s,), "pair": (b, s), "year": (year,)}[by]
        cur = p.contract.properties.get("currency") or "USD"
        g = groups.setdefault(key + (cur,), {**dict(zip({"buyer": ["buyer"], "supplier": ["supplier"], "pair": ["buyer", "supplier"], "year": ["year"]}[by], key)), "currency": cur, "total": 0.0, "count": 0, "unknown_amounts": 0})
        g["count"] += 1
        if p.amount is None:
            g["unknown_amounts"] += 1
        else:
            g["total"] += p.amount
    return sorted(groups.values(), key=lambda g: (-g["total"], str(list(g.values())[0])))


# -- investors -----------------------------------------------------------------------------
def investors(store: GraphStore, name: str, *, transitive: bool = False, max_depth: int = 3) -> tuple[EntityRecord, list[dict[str, Any]]]:
    """Who invested in ``name``; with ``transitive``, also investors in its owners and parents."""
    target = find_entity(store, name)
    out: list[dict[str, Any]] = []
    seen = {target.id}
    frontier = [(target.id, [])]
    for depth in range(max_depth if transitive else 1):
        nxt = []
        for eid, via in frontier:
            for f in standing(aggregate(store.edges([eid], ["INVESTED_IN", "OWNS", "ACQUIRED", "SUBSIDIARY_OF"]))):
                if f.type in ("INVESTED_IN", "OWNS", "ACQUIRED") and f.target == eid:
                    holder = f.source
                elif f.type == "SUBSIDIARY_OF" and f.source == eid:
                    holder = f.target
                else:
                    continue
                if f.type == "INVESTED_IN":
                    out.append({"investor": holder, "in": eid, "via": via, "fact": f, "depth": depth + 1})
                if holder not in seen:
                    seen.add(holder)
                    nxt.append((holder, via + [f]))
        frontier = nxt
    records = store.get_entities(sorted({x["investor"] for x in out} | {x["in"] for x in out}))
    rows = []
    for x in out:
        inv = records[x["investor"]]
        rows.append({"investor": inv.name, "type": inv.type, "invested_in": records[x["in"]].name, "depth": x["depth"],
                     "via": [f"{f.type}" for f in x["via"]], **x["fact"].summary(), "status": x["fact"].status,
                     "evidence": x["fact"].evidence()})
    rows.sort(key=lambda r: (r["depth"], r["investor"]))
    return target, rows


def owners(store: GraphStore, name: str, *, transitive: bool = True, max_depth: int = 4) -> tuple[EntityRecord, list[dict[str, Any]]]:
    """Who owns ``name``: owners, acquirers and parent companies, and (transitively) theirs."""
    target = find_entity(store, name)
    rows: list[dict[str, Any]] = []
    seen = {target.id}
    frontier: list[tuple[str, list[str]]] = [(target.id, [])]
    for depth in range(max_depth if transitive else 1):
        nxt = []
        for eid, via in frontier:
            for f in standing(aggregate(store.edges([eid], ["OWNS", "ACQUIRED", "SUBSIDIARY_OF"]))):
                if f.type in ("OWNS", "ACQUIRED") and f.target == eid:
                    holder = f.source
                elif f.type == "SUBSIDIARY_OF" and f.source == eid:
                    holder = f.target
                else:
                    continue
                rows.append({"owner": holder, "of": eid, "relation": f.type, "depth": depth + 1, "via": via, "fact": f})
                if holder not in seen:
                    seen.add(holder)
                    nxt.append((holder, via + [eid]))
        frontier = nxt
    records = store.get_entities(sorted({r["owner"] for r in rows} | {r["of"] for r in rows} | {v for r in rows for v in r["via"]}))
    out = [{"owner": records[r["owner"]].name, "type": records[r["owner"]].type, "of": records[r["of"]].name,
            "relation": r["relation"], "depth": r["depth"], "via": [records[v].name for v in r["via"]],
            **r["fact"].summary(), "status": r["fact"].status, "evidence": r["fact"].evidence()} for r in rows]
    out.sort(key=lambda r: (r["depth"], r["owner"], r["relation"]))
    return target, out


def money_graph(store: GraphStore, payments: list[Payment]) -> dict[str, Any]:
    """Who paid whom, as a graph to draw: buyers, contracts and suppliers with the award facts."""
    facts = {(f.source, f.type, f.target): f for p in payments for f in p.facts}
    ids = {p.contract.id for p in payments} | {x.id for p in payments for x in (p.buyer, p.supplier) if x}
    return graph_dict(store, ids, [facts[k] for k in sorted(facts)])


# -- subgraphs for views -----------------------------------------------------------------
def subgraph(store: GraphStore, names: list[str], *, depth: int = 1, include_weak: bool = False) -> dict[str, Any]:
    """The neighbourhood of ``names`` as plain nodes and edges (the input of :mod:`kg.view`)."""
    start = [find_entity(store, n).id for n in names]
    ids, edges = ball(store, start, depth, _relation_types(include_weak))
    return graph_dict(store, ids, aggregate(edges))


def graph_dict(store: GraphStore, ids: set[str], facts: list[Fact]) -> dict[str, Any]:
    facts = with_all_claims(store, facts)
    records = store.get_entities(sorted(ids | {f.source for f in facts} | {f.target for f in facts}))
    nodes = [{"id": r.id, "name": r.name, "type": r.type, "roles": r.roles, "aliases": r.aliases,
              "properties": r.properties} for r in sorted(records.values(), key=lambda r: r.id)]
    edges = [{"source": f.source, "target": f.target, "type": f.type, "properties": f.properties,
              "status": f.status, **f.summary(), "evidence": f.evidence()}
             for f in facts if f.source in records and f.target in records]
    return {"nodes": nodes, "edges": edges}


def saved_result_graph(store: GraphStore, result: Any) -> dict[str, Any]:
    """A saved ``kg query ... --format json`` result as a graph to draw: every entity id and
    fact it names, with the facts among those entities re-read from the store."""
    ids: set[str] = set()
    wanted: set[tuple[str, str, str]] = set()

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            if {"source", "type", "target"} <= set(x) and isinstance(x["source"], str):
                wanted.add((x["source"], x["type"], x["target"]))
                ids.update((x["source"], x["target"]))
            for key in ("id", "contract"):
                if isinstance(x.get(key), str) and ":" in x[key]:
                    ids.add(x[key])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(result)
    known = set(store.get_entities(sorted(ids)))
    claims = [e for e in store.edges(sorted(known)) if e.source in known and e.target in known
              and (not wanted or (e.source, e.type, e.target) in wanted or e.type in ("AWARDED", "AWARDED_TO"))]
    return graph_dict(store, known, aggregate([c for c in claims if c.type not in schema.WEAK_RELATIONS]))


def path_graph(store: GraphStore, paths: list[Path]) -> tuple[dict[str, Any], list[str], list[tuple[str, str]]]:
    """Paths as a graph to draw, plus the nodes and edges to highlight."""
    facts = {(h.fact.source, h.fact.type, h.fact.target): h.fact for p in paths for h in p.hops}
    ids = {n.id for p in paths for n in p.nodes}
    g = graph_dict(store, ids, [facts[k] for k in sorted(facts)])
    nodes = sorted(ids)
    edges = sorted({(h.fact.source, h.fact.target) for p in paths[:1] for h in p.hops})
    return g, nodes, edges
