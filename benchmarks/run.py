"""kg's benchmark suite: ``python -m benchmarks.run [--quick] [--out results.json]``.

Four parts, each reported as a ratio against a reference measured in the same run, with the
runs interleaved, and the absolute numbers beside it (see ``docs/benchmarks.md``):

1. extraction — kg's pipeline vs bare spaCy ``nlp.pipe`` (words/s), n_process 1 and 2, and
   where kg's own time goes (per component, and a profile inside kg's components);
2. writes — ``Neo4jStore.write`` vs one MERGE statement per row vs bare UNWIND ... CREATE;
3. queries — p50/p95 of find_paths / neighbors / money on synthetic power-law graphs of
   1k/10k/100k entities in both stores, and growth from the smallest to the largest;
4. memory — peak RSS of ``kg ingest`` into the embedded store, at two corpus sizes.

Nothing here fails on a slow machine: targets are reported as met or missed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from . import common

console = Console(stderr=False)
err = Console(stderr=True)

SECTIONS = ("extraction", "memory", "writes", "queries")


def log(msg: str) -> None:
    err.print(f"[dim]{time.strftime('%H:%M:%S')}[/dim] {msg}", highlight=False)


def _fmt(x: Any, nd: int = 2) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="subsets and fewer repetitions (about 5 minutes)")
    ap.add_argument("--out", type=Path, default=None, help="JSON results file (default benchmarks/results[-quick].json)")
    ap.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    ap.add_argument("--sizes", default=None, help="synthetic graph sizes in entities (default 1000,10000,100000; quick 1000,2000)")
    ap.add_argument("--articles", type=int, default=None, help="DoD paragraphs to use (default all 2,550; quick 200)")
    ap.add_argument("--reps", type=int, default=None, help="query repetitions per size and store (default 25; quick 8)")
    ap.add_argument("--write-rounds", type=int, default=None, help="rotated rounds of the write benchmark (default 3; quick 1)")
    ap.add_argument("--write-articles", type=int, default=None, help="DoD articles written per variant (default 1280; quick 128)")
    ap.add_argument("--big-batch", type=int, default=64,
                    help="also time kg's writer with this many articles per transaction (0: skip; informational; "
                         "the timed variants use kg ingest's default, 512)")
    ap.add_argument("--timeout", type=float, default=None, help="cap on one query, seconds (default 30; quick 10)")
    ap.add_argument("--no-neo4j", action="store_true", help="skip everything that needs a Neo4j server")
    ap.add_argument("--neo4j-heap", default="1g", help="heap of each benchmark Neo4j server (100k entities get 2g, 1M 4g)")
    ap.add_argument("--workdir", type=Path, default=None, help="where SQLite files and JSONL go (default a temp dir)")
    return ap.parse_args(argv)


# -- targets ---------------------------------------------------------------------------------------
def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    out = []

    def add(name, value, op, goal, detail=""):
        ok = None if value is None else (value >= goal if op == ">=" else value <= goal)
        out.append({"target": name, "value": value, "goal": f"{op} {goal}", "met": ok, "detail": detail})

    ex = res.get("extraction")
    if ex:
        n1, n2 = ex["n1"], ex["n2"]
        add("extraction n_process=1: kg / spacy.load(model) words/s", n1["ratio_vs_spacy"], ">=", 0.8,
            f"kg {n1['variants']['kg']['words_per_s']:,.0f} vs {n1['variants']['spacy']['words_per_s']:,.0f} words/s")
        add("extraction n_process=1: kg / spaCy as kg loads it (no lemmatizer)", n1["ratio_vs_spacy_as_kg"], ">=", 0.8,
            f"kg {n1['variants']['kg']['words_per_s']:,.0f} vs {n1['variants']['spacy_as_kg']['words_per_s']:,.0f} words/s")
        add("extraction n_process=2: kg / spacy.load(model) words/s", n2["ratio_vs_spacy"], ">=", 0.8,
            f"kg {n2['variants']['kg']['words_per_s']:,.0f} vs {n2['variants']['spacy']['words_per_s']:,.0f} words/s")
    w = res.get("writes")
    if w and "speedup_vs_merge_per_row" in w:
        if "speedup_vs_merge_per_row_autocommit" in w:
            add("Neo4j writes: kg batched vs one MERGE per row, a transaction each (speed-up)",
                w["speedup_vs_merge_per_row_autocommit"], ">=", 20,
                f"{w['variants']['kg']['rows_per_s']:,.0f} vs "
                f"{w['variants']['merge_per_row_autocommit']['rows_per_s']:,.0f} rows/s")
        add("Neo4j writes: kg batched vs one MERGE per row, in kg's transactions (speed-up)",
            w["speedup_vs_merge_per_row"], ">=", 20,
            f"{w['variants']['kg']['rows_per_s']:,.0f} vs {w['variants']['merge_per_row']['rows_per_s']:,.0f} rows/s")
        add("Neo4j writes: kg batched / bare UNWIND CREATE (throughput)", w["ratio_vs_create"], ">=", 0.5,
            f"{w['variants']['kg']['rows_per_s']:,.0f} vs {w['variants']['create']['rows_per_s']:,.0f} rows/s")
    q = res.get("queries")
    if q:
        for b, g in sorted(q["growth"].get("path", {}).items()):
            add(f"find_paths p50 growth {g['from']:,}→{g['to']:,} entities ({b})", g["p50_ratio"], "<=", 3,
                f"max_hops={q['max_hops']}")
    m = res.get("memory")
    if m:
        add(f"kg ingest peak RSS, {m['big']:,} articles (MB)", m["peak_rss_mb"], "<=", 1536)
        add(f"kg ingest peak RSS flatness, {m['big']:,} vs {m['small']:,} articles", m["flatness_ratio"], "<=", 1.1,
            "ratio of peaks; 1.0 = flat")
    return out


# -- printing --------------------------------------------------------------------------------------
def print_tables(res: dict[str, Any]) -> None:
    mach = res["machine"]
    console.print(f"\n[bold]kg benchmarks[/bold] {mach['date']} — {mach['cpu_model']}, {mach['cores']} cores, "
                  f"{mach['memory_gb']} GB, Python {mach['python']}, spaCy {mach['spacy']} ({mach['spacy_model']}), "
                  f"neo4j driver {mach['neo4j_driver']}, server {mach.get('neo4j_server') or '–'}"
                  + ("  [yellow](quick)[/yellow]" if res["config"]["quick"] else ""))
    ex = res.get("extraction")
    if ex:
        t = Table(title=f"1. Extraction: {ex['articles']:,} DoD paragraphs, {ex['words']:,} words (ratios: same blocks, rotated order)")
        for c in ("n_process", "kg words/s", "spaCy words/s", "ratio", "spaCy-as-kg words/s", "ratio", "block ratio range"):
            t.add_column(c, justify="right")
        for key in ("n1", "n2"):
            r = ex[key]
            v = r["variants"]
            t.add_row(str(r["n_process"]), _fmt(v["kg"]["words_per_s"], 0), _fmt(v["spacy"]["words_per_s"], 0),
                      _fmt(r["ratio_vs_spacy"], 3), _fmt(v["spacy_as_kg"]["words_per_s"], 0),
                      _fmt(r["ratio_vs_spacy_as_kg"], 3),
                      f"{r['ratio_vs_spacy_block_range'][0]:.2f}–{r['ratio_vs_spacy_block_range'][1]:.2f}")
        console.print(t)
        c = ex["components"]
        t = Table(title=f"1b. Exclusive time per stage, ms per article ({c['articles']} articles)")
        for col in ("stage", "kg", "bare spaCy", "share of kg"):
            t.add_column(col, justify="right" if col != "stage" else "left")
        for s in c["stages"]:
            t.add_row(s["stage"], _fmt(s["kg_ms_per_article"]), _fmt(s["spacy_ms_per_article"]), f"{s['kg_share']:.1%}")
        t.add_row("[bold]total[/bold]", _fmt(c["kg_total_ms_per_article"]), _fmt(c["spacy_total_ms_per_article"]), "")
        console.print(t)
        p = ex["profile"]
        t = Table(title="1c. Inside kg's components (cProfile self time, bucketed; ms scaled to unprofiled time)")
        t.add_column("bucket")
        t.add_column("share", justify="right")
        t.add_column("≈ ms/article", justify="right")
        for b in p["buckets"][:10]:
            t.add_row(b["bucket"], f"{b['share_of_kg_components']:.1%}", _fmt(b["est_ms_per_article"], 3))
        console.print(t)
        t = Table(title="1d. Costliest calls from kg code into other code (cumulative)")
        t.add_column("callee")
        t.add_column("calls/article", justify="right")
        t.add_column("≈ ms/article", justify="right")
        t.add_column("main callers")
        for e in p["top_external_calls"][:8]:
            t.add_row(e["callee"], _fmt(e["calls_from_kg"] / p["articles"], 1), _fmt(e["est_ms_per_article"], 3),
                      ", ".join(c.split("(")[-1].rstrip(")") for c in e["main_callers"]))
        console.print(t)
        dt = p["doc_text_measured"]
        console.print(f"Doc.text measured without profiler: {dt['calls_per_article']} calls/article × {dt['ms_per_call']} ms "
                      f"= {dt['ms_per_article']} ms/article ({_fmt(dt['share_of_kg_components'], 3)} of kg's components); "
                      f"dateparser calls during extraction (cold cache): {p['parse_date_uncached_calls']}; "
                      f"article dates at read time: {ex['dates']['distinct']} distinct, {ex['dates']['first_call_ms']:.0f} ms "
                      f"first call, {ex['dates']['ms_per_distinct']:.2f} ms each after")
    m = res.get("memory")
    if m:
        t = Table(title="4. Memory: kg ingest (embedded store), peak RSS (GNU time %M)")
        for col in ("articles", "peak RSS MB", "seconds", "RSS at 10% / 50% / 100% of run (MB)", "entities", "claims"):
            t.add_column(col, justify="right")
        for n, r in sorted(m["runs"].items(), key=lambda kv: int(kv[0])):
            tl = r["rss_timeline_mb"]
            t.add_row(_fmt(int(n)), _fmt(r["peak_rss_mb"], 0), _fmt(r["seconds"], 0),
                      f"{_fmt(tl['10%'], 0)} / {_fmt(tl['50%'], 0)} / {_fmt(tl['100%'], 0)}",
                      _fmt(r["store"]["entities"]), _fmt(r["store"]["claims"]))
        console.print(t)
    w = res.get("writes")
    if w and "variants" in w:
        t = Table(title=f"2. Neo4j writes: {w['articles']:,} DoD articles, {w['rows']:,} rows "
                        f"({w['entity_rows']:,} entity + {w['mention_rows']:,} mention + {w['claim_rows']:,} claim), "
                        f"one transaction per {w['batch_articles']} articles, median of {w['rounds']} rotated rounds; "
                        "last column: kg's speed-up over the row (per-row) / kg's share of its throughput (CREATE)")
        for col in ("variant", "seconds", "rows/s", "statements", "kg speed-up over it"):
            t.add_column(col, justify="right" if col != "variant" else "left")
        v = w["variants"]
        t.add_row("kg Neo4jStore.write", _fmt(v["kg"]["seconds_median"]), _fmt(v["kg"]["rows_per_s"], 0), _fmt(w["kg_statements"]), "1")
        if "merge_per_row_autocommit" in v:
            t.add_row("one MERGE per row, a transaction each", _fmt(v["merge_per_row_autocommit"]["seconds_median"]),
                      _fmt(v["merge_per_row_autocommit"]["rows_per_s"], 0), _fmt(w["per_row_statements"]),
                      _fmt(w["speedup_vs_merge_per_row_autocommit"]))
        t.add_row("one MERGE per row, in kg's transactions", _fmt(v["merge_per_row"]["seconds_median"]),
                  _fmt(v["merge_per_row"]["rows_per_s"], 0), _fmt(w["per_row_statements"]), _fmt(w["speedup_vs_merge_per_row"]))
        t.add_row("UNWIND … CREATE", _fmt(v["create"]["seconds_median"]), _fmt(v["create"]["rows_per_s"], 0), "",
                  _fmt(w["ratio_vs_create"], 3))
        for key in v:
            if key.startswith("kg_batch"):
                t.add_row(f"kg Neo4jStore.write, {key[8:]} articles/tx (info)", _fmt(v[key]["seconds_median"]),
                          _fmt(v[key]["rows_per_s"], 0), "",
                          f"{w[key + '_speedup_vs_merge_per_row']:.2f}× per-row, {w[key + '_ratio_vs_create']:.3f} of CREATE")
        console.print(t)
    elif w:
        console.print(f"2. Neo4j writes skipped: {w.get('skipped')}")
    q = res.get("queries")
    if q:
        sizes = q["sizes"]
        t = Table(title=f"3. Queries on synthetic power-law graphs: p50 / p95 ms ({q['reps']} queries each; hub: {q['hub_reps']})")
        t.add_column("query")
        t.add_column("store")
        for n in sizes:
            t.add_column(f"{n:,}", justify="right")
        t.add_column(f"p50 growth {min(sizes):,}→{max(sizes):,}", justify="right")
        for op, per_b in q["latency"].items():
            for b, per_n in sorted(per_b.items()):
                cells = []
                for n in sizes:
                    e = per_n.get(n) or per_n.get(str(n))
                    if e:
                        to = f" ({e['timeouts']}×≥{q['timeout_s']:.0f}s)" if e["timeouts"] else ""
                        cells.append(f"{_fmt(e['p50_ms'], 1)} / {_fmt(e['p95_ms'], 1)}{to}")
                    else:
                        cells.append("–")
                g = q["growth"].get(op, {}).get(b)
                t.add_row(op, b, *cells, f"{g['p50_ratio']:.1f}×" if g else "–")
        console.print(t)
        t = Table(title="3b. Graphs and loading (kg's own writers, batches of %d articles)" % q["load_batch_articles"])
        for col in ("entities", "claims", "articles", "top degree", "median degree", "SQLite load s", "(last/first tenth)",
                    "Neo4j load s", "(last/first tenth)"):
            t.add_column(col, justify="right")
        for n in sizes:
            g, ld = q["graphs"][n], q["load"][n]
            t.add_row(_fmt(g["entities"]), _fmt(g["claims"]), _fmt(g["articles"]), _fmt(g["degree"]["max"]),
                      _fmt(g["degree"]["median"], 0), _fmt(ld.get("sqlite_s")), _fmt(ld.get("sqlite_last_vs_first_tenth")),
                      _fmt(ld.get("neo4j_s")), _fmt(ld.get("neo4j_last_vs_first_tenth")))
        console.print(t)
    t = Table(title="Targets")
    for col in ("target", "value", "goal", "met", "detail"):
        t.add_column(col)
    for x in res["targets"]:
        met = "–" if x["met"] is None else ("[green]yes[/green]" if x["met"] else "[red]no[/red]")
        t.add_row(x["target"], _fmt(x["value"], 3) if isinstance(x["value"], float) else _fmt(x["value"]), x["goal"], met, x["detail"])
    console.print(t)


# -- main ------------------------------------------------------------------------------------------
def _date_cost() -> dict[str, Any]:
    """What dateparser costs when kg reads the DoD dates (kg.corpus.iso_date), cold cache."""
    from kg.corpus import iso_date

    parse_date = common.parse_date_fn()
    dates = [r.get("date") or "" for r in common.dod_rows()]
    if parse_date is not None and hasattr(parse_date, "cache_clear"):
        parse_date.cache_clear()
    t = time.perf_counter()
    iso_date(dates[0])
    first = time.perf_counter() - t
    t = time.perf_counter()
    for d in dates:
        iso_date(d)
    rest = time.perf_counter() - t
    distinct = len(set(dates))
    return {"rows": len(dates), "distinct": distinct, "first_call_ms": round(first * 1000, 1),
            "ms_per_distinct": round(rest * 1000 / max(1, distinct - 1), 3)}


def main(argv=None) -> int:
    args = parse_args(argv)
    common.quiet_neo4j()
    quick = args.quick
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        err.print(f"unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        return 2
    sizes = [int(x) for x in (args.sizes or ("1000,2000" if quick else "1000,10000,100000")).split(",")]
    n_articles = args.articles or (200 if quick else None)
    reps = args.reps or (8 if quick else 25)
    out_path = args.out or Path(__file__).parent / ("results-quick.json" if quick else "results.json")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    started = time.perf_counter()
    res: dict[str, Any] = {
        "machine": common.machine_info(),
        "config": {"quick": quick, "sections": sections, "articles": n_articles or "all", "sizes": sizes, "reps": reps,
                   "command": "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])},
    }
    def save() -> None:
        """Write what is known so far: a long run that dies late still leaves its results."""
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(json.dumps({**res, "partial": True}, indent=2, default=str) + "\n")

    log(f"machine: {res['machine']['cpu_model']}, {res['machine']['cores']} cores, load {res['machine']['load_average_at_start']}")
    articles = common.dod_articles(n_articles)
    docs = None
    if "extraction" in sections:
        from . import extraction

        ex = extraction.run(articles, quick=quick, log=log)
        docs = ex["n1"].pop("_docs")
        ex["dates"] = _date_cost()
        res["extraction"] = ex
        save()
    if "memory" in sections:
        from . import memory

        counts = (50, 200) if quick else (500, n_articles or len(articles))
        res["memory"] = memory.run(counts, log=log, workdir=workdir / "memory")
        save()
    need_neo4j = not args.no_neo4j and ("writes" in sections or "queries" in sections)
    with common.Servers(heap=args.neo4j_heap) as servers:
        by_size: dict[int, common.Server] = {}
        if need_neo4j:
            for n in sizes if "queries" in sections else sizes[:1]:
                heap = "4g" if n >= 1_000_000 else "2g" if n >= 100_000 else args.neo4j_heap
                log(f"starting Neo4j for {n:,} entities (heap {heap})")
                srv = servers.start(f"q{n}", heap=heap)
                if srv is None:
                    log(f"[yellow]Neo4j unavailable: {servers.error}[/yellow]")
                    break
                by_size[n] = srv
            if by_size:
                st = next(iter(by_size.values())).store()
                res["machine"]["neo4j_server"] = common.neo4j_server_version(st)
                st.close()
        if "writes" in sections:
            if not by_size:
                res["writes"] = {"skipped": servers.error or "--no-neo4j"}
            else:
                from . import writes
                from kg.extract import extract_documents

                if docs is None:
                    log("writes: extracting the DoD paragraphs first (not timed)")
                    docs = list(extract_documents(articles, batch_size=64))
                resolved = writes.resolve_docs(docs)[: args.write_articles or (128 if quick else 1280)]
                res["writes"] = writes.run(resolved, next(iter(by_size.values())),
                                           rounds=args.write_rounds or (1 if quick else 3),
                                           big_batch=(args.big_batch or None) if not quick else None, log=log)
                save()
        if "queries" in sections:
            from . import queries

            res["queries"] = queries.run(sizes, by_size, reps=reps, hub_reps=2 if quick else 3,
                                         timeout_s=args.timeout or (10 if quick else 30), workdir=workdir / "queries",
                                         use_neo4j=bool(by_size), log=log)
            if not by_size:
                res["queries"]["neo4j_skipped"] = servers.error or "--no-neo4j"
    res["targets"] = targets(res)
    res["seconds"] = round(time.perf_counter() - started, 1)
    print_tables(res)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(res, indent=2, default=str) + "\n")
    log(f"wrote {out_path} ({res['seconds']:.0f}s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
