"""Commands that build and inspect the graph: extract, ingest, forget, entities, stats, view, cypher."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import WRITE_BATCH
from ..errors import InputError, KgError
from .app import StoreOpt, app, open_store
from .output import Format, emit, err


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders (.md, .txt, .html, .jsonl).", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json: the documented extraction shape; table: a summary.")] = Format.json,
    weak: Annotated[bool, typer.Option("--cooccurrence/--no-cooccurrence", help="Include MENTIONED_WITH co-occurrence links.")] = True,
) -> None:
    """Extract entities and relations from articles and print them; writes nothing.

    The JSON shape is documented in docs/extraction-format.md:
    {"documents": [{"id", "title", "entities": [...], "relations": [...]}]}
    """
    from ..corpus import iter_articles
    from ..extract import extract_documents

    problems = []
    docs = []
    for doc in extract_documents(iter_articles(files, problems.append)):
        if not weak:
            doc.relations = [r for r in doc.relations if r.type != "MENTIONED_WITH"]
        docs.append(doc)
    for p in problems:
        err.print(f"[yellow]skipped[/yellow] {p}")
    if fmt == Format.json:
        sys.stdout.write(json.dumps({"documents": [d.to_dict() for d in docs]}, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = []
        for d in docs:
            names = {e.id: e.name for e in d.entities}
            for r in d.relations:
                rows.append({"document": d.article.id, "source": names[r.source], "relation": r.type, "target": names[r.target],
                             "status": r.status, "confidence": r.confidence, "evidence": r.evidence.text})
        emit(rows, fmt, columns=["document", "source", "relation", "target", "status", "confidence", "evidence"])
    if problems and not docs:
        raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.", show_default=False)],
    store: StoreOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles the store already holds unchanged.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per write transaction: bigger is faster, an interrupted "
                                            "run redoes at most this many.")] = WRITE_BATCH,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (each loads the model once).")] = 1,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="How to print the report.")] = Format.table,
) -> None:
    """Extract articles and write entities, relations, contracts and sources into the graph.

    Unchanged articles are skipped, so re-running is cheap and an interrupted run resumes.
    Files that cannot be read are reported and skipped; the exit code is then 2.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..ingest import count_articles, ingest as run

    total = count_articles(paths)
    with open_store(store) as db:
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TimeRemainingColumn(), TextColumn("{task.fields[name]}"), console=err, transient=False,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task("ingest", total=total, name="")
            report = run(paths, db, force=force, batch_size=batch_size, n_process=workers,
                         on_article=lambda a: bar.update(task, advance=1, name=a.id[:40]),
                         on_problem=lambda p: err.print(f"[yellow]skipped[/yellow] {p}"))
        stats = db.stats()
    data = {**report.to_dict(), "store": stats}
    rows = [{"read": report.read, "written": report.written, "unchanged": report.unchanged, "skipped": len(report.problems),
             "graph entities": stats["entities"], "graph claims": stats["claims"], "seconds": round(report.seconds, 1)}]
    emit(rows, fmt, data=data, title=f"ingested into {stats['store']}")
    if report.problems:
        raise typer.Exit(2)


@app.command()
def forget(
    article: Annotated[str, typer.Argument(help="Article id (see `kg articles`).", show_default=False)],
    store: StoreOpt = None,
) -> None:
    """Remove an article and every fact only it supported."""
    with open_store(store) as db:
        if not db.forget(article):
            raise KgError(f"no article with id {article!r}", hint="list them with `kg articles`")
    err.print(f"forgot {article}")


@app.command()
def articles(store: StoreOpt = None,
             fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table) -> None:
    """List the articles in the graph."""
    with open_store(store) as db:
        rows = db.articles()
    emit(rows, fmt, columns=["id", "date", "outlet", "source_outlet", "title", "url"])


@app.command()
def entities(
    type: Annotated[Optional[str], typer.Option("--type", "-t", help="Agency, Company, Person, Organization, Contract, Product, Location, Law, Other, or the role Investor.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many.")] = None,
    store: StoreOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List entities, optionally of one type or role."""
    from .. import schema

    if type:
        schema.entity_label(type)
    with open_store(store) as db:
        rows = [e.to_dict() for e in db.list_entities(type, limit)]
    emit(rows, fmt, columns=["name", "type", "roles", "aliases", "articles", "id"])


@app.command()
def stats(store: StoreOpt = None, fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table) -> None:
    """Count articles, entities and claims, by type."""
    with open_store(store) as db:
        s = db.stats()
    rows = [{"what": "articles", "count": s["articles"]}, {"what": "entities", "count": s["entities"]},
            {"what": "claims", "count": s["claims"]}]
    rows += [{"what": f"entity {k}", "count": v} for k, v in s["entity_types"].items()]
    rows += [{"what": f"relation {k}", "count": v} for k, v in s["relation_types"].items()]
    emit(rows, fmt, data=s, title=s["store"])


@app.command()
def view(
    names: Annotated[Optional[list[str]], typer.Argument(help="Entities at the centre of the view.", show_default=False)] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("kg-view.html"),
    depth: Annotated[int, typer.Option(min=1, max=4, help="Hops around the entities.")] = 1,
    to: Annotated[Optional[str], typer.Option("--to", help="Draw the connections from the (first) entity to this one instead.")] = None,
    max_hops: Annotated[int, typer.Option(min=1, max=8, help="With --to: longest connection.")] = 4,
    money: Annotated[bool, typer.Option("--money", help="Draw the money flow: buyers, contracts, suppliers (with --buyer/--supplier/--since/--until).")] = False,
    buyer: Annotated[Optional[str], typer.Option(help="With --money: only this buyer.")] = None,
    supplier: Annotated[Optional[str], typer.Option(help="With --money: only this supplier.")] = None,
    since: Annotated[Optional[str], typer.Option(help="With --money: from this date (ISO prefix).")] = None,
    until: Annotated[Optional[str], typer.Option(help="With --money: up to this date (ISO prefix).")] = None,
    saved: Annotated[Optional[Path], typer.Option("--from-json", help="Draw a saved `kg query ... --format json` result.")] = None,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Include co-occurrence links.")] = False,
    store: StoreOpt = None,
) -> None:
    """Write an interactive network page that opens offline (no CDN, everything inline):
    an entity's neighbourhood, a path (--to), a money flow (--money) or a saved query result.

    Colours and shapes by type, edge labels with amounts and dates, tooltips with the
    evidence sentences, a search box and type filters; with --to, the path is highlighted.
    """
    from .. import query
    from ..view import write_html

    if not (names or money or saved):
        raise InputError("nothing to draw", hint="name an entity, or use --money or --from-json FILE")
    db = open_store(store)
    hl_nodes: list[str] = []
    hl_edges: list[tuple[str, str]] = []
    try:
        if saved:
            try:
                result = json.loads(saved.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(f"cannot read saved result {saved}: {exc}") from None
            graph, title = query.saved_result_graph(db, result), saved.name
        elif money:
            graph = query.money_graph(db, query.money(db, buyer=buyer, supplier=supplier, since=since, until=until))
            title = "money" + (f" from {buyer}" if buyer else "") + (f" to {supplier}" if supplier else "")
        elif to:
            paths = query.find_paths(db, names[0], to, max_hops=max_hops, include_weak=weak)
            if not paths:
                raise KgError(f"no connection between {names[0]!r} and {to!r} within {max_hops} hops")
            graph, hl_nodes, hl_edges = query.path_graph(db, paths)
            title = f"{paths[0].nodes[0].name} → {paths[0].nodes[-1].name}"
        else:
            graph = query.subgraph(db, names, depth=depth, include_weak=weak)
            hl_nodes, title = [query.find_entity(db, n).id for n in names], ", ".join(names)
    finally:
        db.close()
    try:
        write_html(graph, output, title=f"kg: {title}", highlight_nodes=hl_nodes, highlight_edges=hl_edges)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    err.print(f"wrote {output} ({len(graph['nodes'])} entities, {len(graph['edges'])} relations)")
    sys.stdout.write(str(output) + "\n")


@app.command()
def cypher(
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="A Cypher query; pass values with --param.", show_default=False)],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="name=value (value parsed as JSON if it can be).")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the graph.")] = False,
    store: StoreOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Run your own Cypher on a Neo4j store. Read-only unless --write: the server refuses writes.

    Example: kg cypher 'MATCH (a:Agency)-[:AWARDED]->(c:Contract) WHERE c.amount > $min RETURN a.name, c.amount' -p min=100000
    """
    params = {}
    for p in param or []:
        if "=" not in p:
            raise InputError(f"--param {p!r} is not name=value")
        k, v = p.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    with open_store(store) as db:
        if not hasattr(db, "run_cypher"):
            raise KgError("kg cypher needs a Neo4j store", hint="pass --store bolt://... or set NEO4J_URI (see `kg neo4j start`)")
        columns, rows = db.run_cypher(query_text, params, write=write)
    emit(rows, fmt, columns=columns)


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (format: tests/gold/README.md).", show_default=False)],
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also score bare spaCy NER, side by side.")] = True,
    errors: Annotated[bool, typer.Option("--errors", help="List every error (false positives and misses).")] = False,
    by_kind: Annotated[bool, typer.Option("--by-kind", help="Also score DoD paragraphs and news articles apart "
                                                            "(JSON output always has them).")] = False,
    breakdown: Annotated[bool, typer.Option("--breakdown", help="Also score relations by type, and contracts matched on "
                                            "fewer fields (buyer+supplier, +amount, +date; supplier+amount): where the "
                                            "misses come from, without listing them (safe on a held-out set).")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Score extraction against hand-annotated gold files: precision, recall and F1 for
    entities, relations and contracts, with bare spaCy NER as a baseline.

    Example: kg eval tests/gold --errors --no-baseline -f csv > errors.csv
    """
    from ..evaluate import evaluate

    reports = evaluate(gold_dir, baseline=baseline)
    rows = [{"system": r.system, "scored": kind, **score.to_dict()} for r in reports for kind, score in r.scores.items()]
    if by_kind:
        rows += [{"system": f"{r.system} · {text}", "scored": kind, **score.to_dict()}
                 for r in reports for text, scores in sorted(r.by_kind.items()) for kind, score in scores.items()]
    if breakdown:
        rows += [{"system": r.system, "scored": k, **score.to_dict()}
                 for r in reports[:1] for k, score in sorted(r.breakdown.items())]
        if by_kind:
            rows += [{"system": f"{r.system} · {text}", "scored": k, **score.to_dict()}
                     for r in reports[:1] for text, scores in sorted(r.breakdown_by_kind.items())
                     for k, score in sorted(scores.items())]
    if fmt == Format.json:
        emit(rows, fmt, data=[r.to_dict() if errors else {**r.to_dict(), "errors": len(r.errors)} for r in reports])
        return
    if errors:
        emit([{**e, "detail": e.get("name") or e.get("relation") or e.get("contract")} for e in reports[0].errors], fmt,
             columns=["text", "kind", "error", "detail", "type"], title="kg errors")
    emit(rows, fmt, columns=["system", "scored", "precision", "recall", "f1", "tp", "fp", "fn"], title=f"evaluation on {gold_dir}")


@app.command(name="export")
def export_(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ftm (FollowTheMoney JSON lines, for Aleph/OpenSanctions), graphml (Gephi, yEd), neo4j-csv (neo4j-admin import; -o is a folder), jsonl (kg's own, re-importable).")],
    output: Annotated[str, typer.Option("--output", "-o", help="File (or folder for neo4j-csv); - for standard output.")] = "-",
    weak: Annotated[bool, typer.Option("--cooccurrence/--no-cooccurrence", help="Include co-occurrence links.")] = False,
    store: StoreOpt = None,
) -> None:
    """Export the graph, with every claim's source and evidence, to another tool's format."""
    from ..export import FORMATS, export

    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    options = {} if fmt == "jsonl" else {"include_weak": weak}
    with open_store(store) as db:
        report = export(db, fmt, output, **options)
    err.print(json.dumps(report, ensure_ascii=False, default=str))


@app.command(name="import")
def import_(
    path: Annotated[str, typer.Argument(help="A FollowTheMoney JSON lines file (a register or sanctions extract), or a kg jsonl export; - for standard input.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="ftm or jsonl.")] = "ftm",
    label: Annotated[str, typer.Option(help="How imported FtM facts cite their source, e.g. 'Companies House'.")] = "Register",
    store: StoreOpt = None,
) -> None:
    """Import entities and links from FollowTheMoney (resolved against the graph's entities,
    each fact citing the file) or from a kg jsonl export."""
    from ..export import ftm, jsonl

    with open_store(store) as db:
        if fmt == "ftm":
            report = ftm.import_ftm(path, db, label=label)
        elif fmt == "jsonl":
            report = jsonl.load_jsonl(path, db)
        else:
            raise InputError(f"unknown import format {fmt!r}", hint="use ftm or jsonl")
    err.print(json.dumps(report, ensure_ascii=False, default=str))


@app.command(name="merge")
def merge_(
    keep: Annotated[str, typer.Argument(help="The entity to keep (name, alias or id).", show_default=False)],
    drop: Annotated[str, typer.Argument(help="The entity that is the same thing; it joins KEEP.", show_default=False)],
    store: StoreOpt = None,
) -> None:
    """Merge two entities that are one: facts, mentions and names move to KEEP. The decision
    is stored and applied to every later ingest."""
    from ..review import merge

    with open_store(store) as db:
        e = merge(db, keep, drop)
    err.print(f"merged into {e.name} ({e.id}); also known as: {', '.join(e.aliases) or '-'}")


@app.command(name="split")
def split_(
    entity: Annotated[str, typer.Argument(help="The entity that wrongly absorbed a name.", show_default=False)],
    names: Annotated[list[str], typer.Argument(help="Names that are NOT this entity.", show_default=False)],
    store: StoreOpt = None,
) -> None:
    """Declare that NAMES do not name ENTITY. They stop resolving to it now and in every later
    ingest; re-ingest the articles that use them (kg ingest --force) to move their facts."""
    from ..review import split

    with open_store(store) as db:
        e, keys = split(db, entity, names)
    err.print(f"{', '.join(names)} kept apart from {e.name} ({len(keys)} keys); re-ingest with --force to move their facts")


@app.command(name="aliases")
def aliases_(
    name: Annotated[str, typer.Argument(help="Entity name, alias or id.", show_default=False)],
    store: StoreOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Every name an entity is known by, the keys it is found by, and the decisions about it."""
    from ..review import aliases

    with open_store(store) as db:
        data = aliases(db, name)
    rows = [{"name": data["name"], "kind": "name"}] + [{"name": a, "kind": "alias"} for a in data["aliases"]] \
        + [{"name": k, "kind": "key"} for k in data["keys"]] \
        + [{"name": d.get("key") or d.get("other"), "kind": f"decision: {d['kind']}"} for d in data["decisions"]]
    emit(rows, fmt, data=data, columns=["name", "kind"], title=f"{data['name']} ({data['type']}, {data['id']})")


@app.command(name="review")
def review_(
    threshold: Annotated[float, typer.Option(min=0, max=100, help="Lowest similarity (0-100) to propose.")] = 85.0,
    limit: Annotated[int, typer.Option(min=1, help="At most this many pairs.")] = 50,
    store: StoreOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Likely duplicates, with scores: accept one with `kg merge KEEP DROP`, reject it with
    `kg split KEEP DROP`."""
    from ..review import review

    with open_store(store) as db:
        rows = review(db, threshold=threshold, limit=limit)
    emit(rows, fmt, columns=["score", "why", "type", "keep", "drop", "articles"], title="likely duplicates")


@app.command(name="eval-resolution")
def eval_resolution_(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles.", show_default=False)] = Path("corpus"),
    coref: Annotated[Path, typer.Option(help="Annotated mentions and their gold clusters.")] = Path("corpus/coref.yml"),
    errors: Annotated[bool, typer.Option("--errors", help="List false merges, missed merges and unresolved mentions.")] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Score cross-article entity resolution: pairwise precision, recall and F1 over annotated
    mentions, and merges across entity types (there should be none)."""
    from ..evaluate import evaluate_resolution

    report = evaluate_resolution(corpus, coref)
    data = report.to_dict()
    if errors and fmt == Format.table:
        emit(data["false_merges"], fmt, title="false merges")
        emit(data["missed_merges"], fmt, title="missed merges")
        emit(data["unresolved_mentions"], fmt, title="mentions kg did not find")
    row = {**data["pairwise"], "mentions": data["mentions"], "unresolved": data["unresolved"],
           "cross-type merges": data["cross_type_merges"]}
    emit([row], fmt, data=data if errors else {k: v for k, v in data.items() if k in ("pairwise", "mentions", "unresolved", "cross_type_merges")},
         title="cross-article resolution")
