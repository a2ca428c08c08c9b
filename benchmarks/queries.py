"""Query latency on synthetic power-law graphs of growing size, on both stores.

Each size gets its own SQLite file and its own Neo4j server, all loaded before any query
runs, so the sizes can be interleaved: repetition i runs query i on every size and store,
in an order rotated from one repetition to the next. Growth (p50 at the largest size over
p50 at the smallest) is then a ratio of numbers measured side by side.

Queries are asked by name, as a reporter types them (``kg query path "A" "B"``), so they
include the name lookup; ``lookup`` times that alone. The entities asked about are drawn
uniformly from agencies, companies, people and other bodies — mostly small firms and
people with a degree of one or two, as in real questions — and, separately, the biggest hub
(the top agency) for ``*_hub`` variants.
"""
from __future__ import annotations

import random
import signal
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .common import clear_neo4j, percentile, rotate
from .synthetic import SyntheticGraph, generate

LOAD_BATCH = 256  # articles per write when loading the synthetic graphs
MAX_HOPS = 4


class _Counting:
    """A store proxy that counts the rows a query pulled: claims from ``edges`` and
    ``edges_between``, links (no evidence) from ``adjacent``, one count per neighbour from
    ``neighbor_counts``, one (id, amount, date) per contract from ``deals_of``."""

    def __init__(self, store):
        self._store = store
        self.edges_fetched = 0
        self.calls = 0

    def edges(self, ids=None, types=None):
        out = self._store.edges(ids, types)
        self.edges_fetched += len(out)
        self.calls += 1
        return out

    def edges_between(self, pairs, types=None):
        out = self._store.edges_between(pairs, types)
        self.edges_fetched += len(out)
        self.calls += 1
        return out

    def adjacent(self, ids, types, among=None):
        out = self._store.adjacent(ids, types, among)
        self.edges_fetched += len(out)
        self.calls += 1
        return out

    def neighbor_counts(self, id, types):
        out = self._store.neighbor_counts(id, types)
        self.edges_fetched += len(out)
        self.calls += 1
        return out

    def deals_of(self, id):
        out = self._store.deals_of(id)
        self.edges_fetched += len(out)
        self.calls += 1
        return out

    def __getattr__(self, name):
        return getattr(self._store, name)


def _load(store, graph: SyntheticGraph) -> tuple[float, float]:
    """Seconds to write the graph, and how much slower the last tenth of the batches wrote
    than the first tenth (1.0 = the write cost does not grow with the store)."""
    per = []
    for batch in graph.batches(LOAD_BATCH):
        t = time.perf_counter()
        store.write(batch)
        per.append(time.perf_counter() - t)
    k = max(1, len(per) // 10)
    return sum(per), (sum(per[-k:]) / sum(per[:k]) if sum(per[:k]) > 0 else float("nan"))


def _pick(graph: SyntheticGraph, reps: int, seed: int) -> dict[str, list]:
    rng = random.Random(seed)
    askable = graph.of_type("Agency", "Company", "Person", "Organization")
    companies = graph.of_type("Company")
    hub = graph.hubs(1, ("Agency",))[0][0]
    reps += 1  # the last one warms up, untimed
    pairs = []
    while len(pairs) < reps:
        a, b = rng.sample(askable, 2)
        pairs.append((a.name, b.name))
    return {
        "path": pairs,
        "neighbors": [rng.choice(askable).name for _ in range(reps)],
        "money": [rng.choice(companies).name for _ in range(reps)],
        "lookup": [rng.choice(askable).name for _ in range(reps)],
        "path_hub": [(hub.name, rng.choice(companies).name) for _ in range(reps)],
        "neighbors_hub": [hub.name] * reps,
        "neighbors_top100_hub": [hub.name] * reps,
        "money_hub": [hub.name] * reps,
        "money_top10_hub": [hub.name] * reps,
    }


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    # re-armed: if the exception lands somewhere that swallows it (a driver's __del__),
    # another one follows half a second later
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    raise _Timeout()


def _ops():
    from kg import query

    return {
        "path": lambda st, q: len(query.find_paths(st, q[0], q[1], k=3, max_hops=MAX_HOPS)),
        "neighbors": lambda st, q: len(query.neighbors(st, q)[1]),
        "money": lambda st, q: len(query.money(st, supplier=q)),
        "lookup": lambda st, q: query.find_entity(st, q).id and 1,
        "path_hub": lambda st, q: len(query.find_paths(st, q[0], q[1], k=3, max_hops=MAX_HOPS)),
        "neighbors_hub": lambda st, q: len(query.neighbors(st, q)[1]),
        # what `kg query neighbors` shows by default: the 100 best-reported neighbours
        "neighbors_top100_hub": lambda st, q: len(query.neighbors(st, q, limit=100)[1]),
        "money_hub": lambda st, q: len(query.money(st, buyer=q)),
        "money_top10_hub": lambda st, q: len(query.money(st, buyer=q, limit=10)),  # kg query money --buyer X --top 10
    }


def run(sizes: list[int], servers, *, reps: int, hub_reps: int, timeout_s: float = 30.0,
        workdir: Path | None = None, use_neo4j: bool = True, log=print) -> dict[str, Any]:
    from kg.store.sqlite import SQLiteStore

    tmp = Path(workdir or tempfile.mkdtemp(prefix="kg-bench-q-"))
    tmp.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"sizes": sizes, "max_hops": MAX_HOPS, "k": 3, "reps": reps, "hub_reps": hub_reps,
                           "load_batch_articles": LOAD_BATCH,
                           "timeout_s": timeout_s, "graphs": {}, "load": {}, "latency": {}, "growth": {}}
    stores: dict[int, dict[str, Any]] = {}
    picks: dict[int, dict[str, list]] = {}
    for n in sizes:
        t = time.perf_counter()
        g = generate(n, seed=n)
        gen_s = time.perf_counter() - t
        res["graphs"][n] = g.describe()
        picks[n] = _pick(g, reps, seed=n + 1)
        path = tmp / f"synthetic-{n}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        stores[n] = {"sqlite": SQLiteStore(path)}
        load = {"generate_s": round(gen_s, 2), "articles": len(g.docs), "claims": g.claim_count}
        secs, slow = _load(stores[n]["sqlite"], g)
        load["sqlite_s"], load["sqlite_last_vs_first_tenth"] = round(secs, 2), round(slow, 2)
        log(f"  queries: {n:,} entities generated ({gen_s:.1f}s), SQLite loaded in {load['sqlite_s']:.1f}s")
        srv = servers.get(n) if use_neo4j else None
        if srv is not None:
            neo = srv.store()
            clear_neo4j(neo)
            secs, slow = _load(neo, g)
            load["neo4j_s"], load["neo4j_last_vs_first_tenth"] = round(secs, 2), round(slow, 2)
            try:  # from now on the server ends a runaway read itself, so the driver is not cut mid-answer
                neo.run_cypher("CALL dbms.setConfigValue('db.transaction.timeout', $t)", {"t": f"{int(timeout_s)}s"}, write=True)
            except Exception as exc:
                log(f"  queries: could not set a server-side transaction timeout: {exc}")
            stores[n]["neo4j"] = neo
            log(f"  queries: {n:,} entities loaded into Neo4j in {load['neo4j_s']:.1f}s")
        load["sqlite_articles_per_s"] = round(len(g.docs) / load["sqlite_s"], 1)
        if "neo4j_s" in load:
            load["neo4j_articles_per_s"] = round(len(g.docs) / load["neo4j_s"], 1)
        res["load"][n] = load
        del g
    ops = _ops()
    backends = sorted({b for s in stores.values() for b in s})
    times: dict = defaultdict(list)  # (op, backend, size) -> seconds
    fetched: dict = defaultdict(list)
    results: dict = defaultdict(list)
    # warm-up: every op once on every store with a query not in the timed set
    timeouts: dict = defaultdict(int)
    errors: dict = {}
    old = signal.signal(signal.SIGALRM, _alarm)

    def call(n, b, op, q):
        """One query under a time cap; a Neo4j connection cut mid-answer is replaced."""
        st = _Counting(stores[n][b])
        t = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout_s)
            try:
                out = ops[op](st, q)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            out = None
        except Exception as exc:  # a connection left half-read by an earlier cut-off query
            signal.setitimer(signal.ITIMER_REAL, 0)
            errors[(op, b, n)] = f"{type(exc).__name__}: {exc}"[:200]
            out = None
        dt = time.perf_counter() - t
        if out is None:
            timeouts[(op, b, n)] += 1
            if b == "neo4j":
                try:
                    stores[n][b].close()
                except Exception:
                    pass
                stores[n][b] = servers[n].store()
            return timeout_s, st.edges_fetched, float("nan")
        return dt, st.edges_fetched, out

    for n in sizes:
        for b in stores[n]:
            for op in ops:
                call(n, b, op, picks[n][op][-1])
    timeouts.clear()  # the warm-up is not part of the record
    errors.clear()
    for i in range(reps):
        for n in rotate(sizes, i):
            for b in rotate(backends, i):
                if b not in stores[n]:
                    continue
                for op in ops:
                    if op.endswith("_hub") and i >= hub_reps:
                        continue
                    dt, nf, out = call(n, b, op, picks[n][op][i])
                    times[(op, b, n)].append(dt)
                    fetched[(op, b, n)].append(nf)
                    results[(op, b, n)].append(out)
        if (i + 1) % max(1, reps // 5) == 0 or i == reps - 1:
            log(f"  queries: repetition {i + 1}/{reps}")
    signal.signal(signal.SIGALRM, old)
    for (op, b, n), secs in sorted(times.items()):
        entry = res["latency"].setdefault(op, {}).setdefault(b, {})
        entry[n] = {"p50_ms": round(percentile(secs, 50) * 1000, 2), "p95_ms": round(percentile(secs, 95) * 1000, 2),
                    "n": len(secs), "edges_fetched_p50": int(percentile(fetched[(op, b, n)], 50)),
                    "results_p50": percentile([x for x in results[(op, b, n)] if x == x], 50), "timeouts": timeouts[(op, b, n)],
                    **({"error": errors[(op, b, n)]} if (op, b, n) in errors else {})}
    lo, hi = min(sizes), max(sizes)
    for op, per_backend in res["latency"].items():
        for b, per_size in per_backend.items():
            if lo in per_size and hi in per_size and per_size[lo]["p50_ms"] > 0:
                res["growth"].setdefault(op, {})[b] = {
                    "from": lo, "to": hi,
                    "p50_ratio": round(per_size[hi]["p50_ms"] / per_size[lo]["p50_ms"], 2),
                    "p95_ratio": round(per_size[hi]["p95_ms"] / per_size[lo]["p95_ms"], 2),
                }
    for s in stores.values():
        for st in s.values():
            st.close()
    res["workdir"] = str(tmp)
    return res
