"""Neo4j writes: kg's batched writer against one statement per row and against bare CREATE.

The data: the DoD paragraphs, extracted by kg and resolved by :class:`kg.resolve.Resolver`
(in order, one resolver, as ``kg ingest`` does), cut into batches of ``kg ingest``'s default
write transaction (:data:`kg.config.WRITE_BATCH`, 512 articles).

The rows: exactly the rows :meth:`kg.store.neo4j.Neo4jStore.write` sends, captured by running
it against a recording stand-in for the driver. "Rows" = entity rows (kg merges an entity
that several articles of one batch mention into one row) + MENTIONS rows + claim rows.
Article rows are written by every variant but not counted.

The variants, each on an emptied database with kg's constraints and indexes in place, one
write transaction per batch (``session.execute_write``) for all but the
auto-commit one:

- ``kg``: ``Neo4jStore.write(batch)`` — UNWIND ... MERGE, up to 5,000 rows per statement,
  plus its housekeeping (replaced claims, orphans, investor roles), row building included;
- ``merge_per_row``: kg's MERGE statements with a one-row ``$rows``, one statement (and one
  round trip) per row; no housekeeping; rows built before the clock starts (kg itself CREATEs
  the mentions and claims of a batch of new articles; the baseline MERGEs them);
- ``merge_per_row_autocommit``: the same one-row statements, each in its own auto-commit
  transaction (``session.run`` per row: the naive client loop, with no batching at all);
- ``create``: ``UNWIND $rows AS row CREATE ...`` of the same rows (relationships still
  ``MATCH`` their ends by id through the uniqueness index), no MERGE, no housekeeping; an
  entity already created by an earlier batch is not created again (CREATE cannot update).

A whole untimed round of every variant warms the server first. Rounds rotate the order of the
variants; ratios are taken within a round.
"""
from __future__ import annotations

import re
import time
from collections import defaultdict
from typing import Any

from kg.config import WRITE_BATCH as BATCH  # kg ingest's default write transaction

from .common import clear_neo4j, median, rotate


# -- capturing kg's rows ----------------------------------------------------------------------
class _Result(list):
    def consume(self):
        return None

    def single(self):
        return {"version": 0}  # the write lock's answer; nothing else kg writes reads a single row


class _Tx:
    def __init__(self, log: list):
        self.log = log

    def run(self, query, parameters=None, **kw):
        self.log.append((query, {**(parameters or {}), **kw}))
        return _Result()


class _Session:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute_write(self, work, *a, **kw):
        return work(_Tx(self.log), *a, **kw)

    def run(self, query, parameters=None, **kw):
        return _Tx(self.log).run(query, parameters, **kw)


class _Driver:
    def __init__(self):
        self.log: list = []

    def session(self, **kw):
        return _Session(self.log)


def capture(batches: list) -> list[list[tuple[str, dict]]]:
    """The statements Neo4jStore.write sends for each batch, recorded without a server."""
    from kg.store.neo4j import Neo4jStore

    store = Neo4jStore.__new__(Neo4jStore)  # no connection, no schema set-up
    store.driver, store.url, store.database = _Driver(), "capture://", None
    out = []
    for batch in batches:
        store.driver.log = []
        store.write(batch)
        out.append(store.driver.log)
    return out


def _kind(query: str) -> str | None:
    q = " ".join(query.split())
    if "UNWIND $rows" not in q:
        return None
    if "MERGE (a:Article" in q:
        return "article"
    if "MERGE (e:Entity" in q:
        return "entity"
    if "MERGE (a)-[m:MENTIONS]" in q or "CREATE (a)-[:MENTIONS" in q:
        return "mention"
    if re.search(r"(?:MERGE|CREATE) \(s\)-\[r:\w+", q):
        return "claim"
    return "other"


def _label(query: str) -> str:
    return re.search(r"SET e:(\w+)", query).group(1)


def _rel(query: str) -> str:
    return re.search(r"(?:MERGE|CREATE) \(s\)-\[r:(\w+)", query).group(1)


def _merge_form(kind: str, query: str) -> str:
    """The MERGE statement for a row: kg creates the mentions and claims of new articles, the
    per-row baseline merges every row (it cannot know the articles are new)."""
    from kg.store import cypher

    if kind == "mention":
        return cypher.UPSERT_MENTIONS
    if kind == "claim":
        return cypher.upsert_claims(_rel(query))
    return query


def plan(captured: list) -> dict[str, Any]:
    """Per batch: the one-row statements, the CREATE statements, and the row counts."""
    per_row, create, counts = [], [], defaultdict(int)
    created: set[str] = set()
    skipped_entities = 0
    for stmts in captured:
        singles, creates = [], []
        for query, params in stmts:
            kind = _kind(query)
            if kind is None:
                continue
            rows = params["rows"]
            counts[kind] += len(rows)
            singles.extend((_merge_form(kind, query), {"rows": [r]}) for r in rows)
            if kind == "article":
                creates.append(("UNWIND $rows AS row CREATE (a:Article) SET a = row", {"rows": rows}))
            elif kind == "entity":
                fresh = [r for r in rows if r["id"] not in created]
                skipped_entities += len(rows) - len(fresh)
                created.update(r["id"] for r in fresh)
                if fresh:
                    creates.append((f"UNWIND $rows AS row CREATE (e:Entity:{_label(query)}) "
                                    "SET e = row.props, e.id = row.id, e.name = row.name, e.type = row.type, "
                                    "e.aliases = row.aliases, e.keys = row.keys, e.prop_keys = row.prop_keys, e.roles = []",
                                    {"rows": fresh}))
            elif kind == "mention":
                creates.append(("UNWIND $rows AS row MATCH (a:Article {id: row.article_id}) "
                                "MATCH (e:Entity {id: row.entity_id}) CREATE (a)-[:MENTIONS {count: row.count}]->(e)",
                                {"rows": rows}))
            elif kind == "claim":
                uniq = list({(r["source"], r["target"], r["article_id"]): r for r in rows}.values())
                creates.append((f"UNWIND $rows AS row MATCH (s:Entity {{id: row.source}}) MATCH (t:Entity {{id: row.target}}) "
                                f"CREATE (s)-[r:{_rel(query)}]->(t) SET r = row.props, r.article_id = row.article_id",
                                {"rows": uniq}))
        per_row.append(singles)
        create.append(creates)
    rows = counts["entity"] + counts["mention"] + counts["claim"]
    return {"per_row": per_row, "create": create, "rows": rows, "entity_rows": counts["entity"],
            "mention_rows": counts["mention"], "claim_rows": counts["claim"], "article_rows": counts["article"],
            "create_skipped_entity_rows": skipped_entities,
            "kg_statements": sum(len(s) for s in captured)}


# -- running -------------------------------------------------------------------------------------
def _replay(store, batches: list[list[tuple[str, dict]]]) -> None:
    def work(tx, stmts):
        for q, p in stmts:
            tx.run(q, p).consume()

    with store.driver.session(database=store.database) as s:
        for stmts in batches:
            s.execute_write(work, stmts)


def _replay_autocommit(store, batches: list[list[tuple[str, dict]]]) -> None:
    with store.driver.session(database=store.database) as s:
        for stmts in batches:
            for q, p in stmts:
                s.run(q, p).consume()


def _graph_counts(store) -> dict[str, int]:
    rows = store._read("""
        CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
        CALL () { MATCH (:Article)-[m:MENTIONS]->() RETURN count(m) AS mentions }
        CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS claims }
        RETURN entities, mentions, claims""")
    return rows[0]


def run(resolved: list, server, *, rounds: int, big_batch: int | None = None, log=print) -> dict[str, Any]:
    """``big_batch``: also time kg's writer with that many articles per transaction (an
    informational variant: a different transaction size, so outside the targets)."""
    batches = [resolved[i:i + BATCH] for i in range(0, len(resolved), BATCH)]
    captured = capture(batches)
    p = plan(captured)
    store = server.store()
    variants = {
        "kg": lambda: [store.write(b) for b in batches],
        "merge_per_row": lambda: _replay(store, p["per_row"]),
        "merge_per_row_autocommit": lambda: _replay_autocommit(store, p["per_row"]),
        "create": lambda: _replay(store, p["create"]),
    }
    if big_batch:
        big = [resolved[i:i + big_batch] for i in range(0, len(resolved), big_batch)]
        variants[f"kg_batch{big_batch}"] = lambda: [store.write(b) for b in big]
    # warm the server (query plans, JIT, page cache) off the clock: one whole untimed round of
    # every variant — with one batch each, the first timed round still ran everything 20-90 %
    # slower than the later ones (session 5), and which variant it slowed most was luck
    for name in variants:
        clear_neo4j(store)
        variants[name]()
    seconds: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, dict] = {}
    for r in range(rounds):
        for name in rotate(list(variants), r):
            clear_neo4j(store)
            t = time.perf_counter()
            variants[name]()
            seconds[name].append(time.perf_counter() - t)
            counts[name] = _graph_counts(store)
            log(f"  writes round {r + 1}/{rounds}: {name} {seconds[name][-1]:.2f}s {counts[name]}")
    clear_neo4j(store)
    store.close()
    rows = p["rows"]
    out: dict[str, Any] = {
        "articles": len(resolved), "batches": len(batches), "batch_articles": BATCH, "rounds": rounds,
        "rows": rows, "entity_rows": p["entity_rows"], "mention_rows": p["mention_rows"], "claim_rows": p["claim_rows"],
        "article_rows_not_counted": p["article_rows"], "create_skipped_entity_rows": p["create_skipped_entity_rows"],
        "kg_statements": p["kg_statements"], "per_row_statements": sum(len(b) for b in p["per_row"]),
        "graph_after_each_variant": counts, "variants": {},
    }
    for name, secs in seconds.items():
        out["variants"][name] = {"seconds_median": round(median(secs), 3), "seconds": [round(s, 3) for s in secs],
                                 "rows_per_s": round(rows / median(secs), 1)}
    speedup = [seconds["merge_per_row"][i] / seconds["kg"][i] for i in range(rounds)]
    vs_create = [seconds["create"][i] / seconds["kg"][i] for i in range(rounds)]
    out["speedup_vs_merge_per_row"] = round(median(speedup), 2)
    out["speedup_vs_merge_per_row_rounds"] = [round(x, 2) for x in speedup]
    autocommit = [seconds["merge_per_row_autocommit"][i] / seconds["kg"][i] for i in range(rounds)]
    out["speedup_vs_merge_per_row_autocommit"] = round(median(autocommit), 2)
    out["speedup_vs_merge_per_row_autocommit_rounds"] = [round(x, 2) for x in autocommit]
    out["ratio_vs_create"] = round(median(vs_create), 3)
    out["ratio_vs_create_rounds"] = [round(x, 3) for x in vs_create]
    if big_batch:
        key = f"kg_batch{big_batch}"
        out[f"{key}_speedup_vs_merge_per_row"] = round(median(
            [seconds["merge_per_row"][i] / seconds[key][i] for i in range(rounds)]), 2)
        out[f"{key}_ratio_vs_create"] = round(median([seconds["create"][i] / seconds[key][i] for i in range(rounds)]), 3)
    out["same_graph"] = len({(c["entities"], c["claims"], c["mentions"]) for c in counts.values()}) == 1
    return out


def resolve_docs(docs: list) -> list:
    """Extracted Documents → ResolvedDocuments, one resolver in order (as kg ingest does)."""
    from kg.resolve import Resolver

    resolver = Resolver([])
    return [resolver.resolve(d) for d in docs]
