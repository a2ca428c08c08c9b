"""`kg query ...`: relationship questions, each a thin call into kg.query."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import StoreOpt, app, open_store
from .output import Format, emit, emit_paths, err

query_app = typer.Typer(help="Ask relationship questions; every answer cites its sentences.", no_args_is_help=True)
app.add_typer(query_app, name="query")

FmtOpt = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv.")]


def _money(props: dict) -> str:
    from ..money import format_money

    return format_money(props.get("amount"), props.get("currency")) if props.get("amount") is not None else ""


def _arrow(link: dict) -> str:
    """"->" INVESTED_IN → "-[INVESTED_IN]->": the relation as seen from the entity asked about."""
    return f"-[{link['relation']}]->" if link["direction"] == "->" else f"<-[{link['relation']}]-"


def _status(fact_dict: dict) -> str:
    """"disputed (1 asserted, 1 denied)": both sides when the articles disagree."""
    counts = fact_dict.get("statuses") or {}
    if len(counts) < 2:
        return fact_dict["status"]
    return f"{fact_dict['status']} ({', '.join(f'{n} {s}' for s, n in counts.items())})"


def _sourcing(fact_dict: dict) -> dict:
    """Table columns: articles (sources), independent outlets, first and last publication date."""
    return {"status": _status(fact_dict), "sources": fact_dict["sources"], "outlets": fact_dict["independent_sources"],
            "first": fact_dict["first_seen"], "last": fact_dict["last_seen"]}


def _lead(evidence: list[dict]) -> dict:
    """The sentence a table shows: the first one that does not deny the fact (a disputed
    fact keeps its denials in the evidence, and the status column says so)."""
    return next((ev for ev in evidence if ev.get("status") != "denied"), evidence[0] if evidence else {})


def _first_evidence(fact_dict: dict) -> dict:
    ev = _lead(fact_dict["evidence"])
    return {"evidence": ev.get("text", ""), "article": ev.get("article_title") or ev.get("article_id", ""), "date": ev.get("date", "")}


@query_app.command()
def path(
    a: Annotated[str, typer.Argument(help="From this entity (name, alias or id).", show_default=False)],
    b: Annotated[str, typer.Argument(help="To this entity.", show_default=False)],
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="How many connections.")] = 3,
    max_hops: Annotated[int, typer.Option(min=1, max=8, help="Longest connection, in hops.")] = 4,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Let co-occurrence (MENTIONED_WITH) connect too.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """How is A connected to B? The shortest connections, each hop with the sentence that proves it.

    Example: kg query path "Erik Prince" CBP
    """
    from .. import query

    with open_store(store) as db:
        paths = query.find_paths(db, a, b, k=k, max_hops=max_hops, include_weak=weak)
    rows = []
    for i, p in enumerate(paths, 1):
        for j, h in enumerate(p.hops, 1):
            f = h.fact.to_dict()
            arrow = f"-[{h.relation}]->" if h.forward else f"<-[{h.relation}]-"
            rows.append({"path": i, "hop": j, "from": h.source.name, "relation": arrow, "to": h.target.name,
                         "amount": _money(f["properties"]), **_sourcing(f), **_first_evidence(f)})
    if fmt == Format.table:
        emit_paths([p.to_dict() for p in paths])
    else:
        emit(rows, fmt, data=[p.to_dict() for p in paths],
             columns=["path", "hop", "from", "relation", "to", "amount", "status", "sources", "outlets", "first", "last",
                      "evidence", "article", "date"])
    if not paths:
        raise typer.Exit(1)


@query_app.command()
def neighbors(
    name: Annotated[str, typer.Argument(help="Entity name, alias or id.", show_default=False)],
    type: Annotated[Optional[list[str]], typer.Option("--type", "-t", help="Only neighbours of this type or role (repeatable).")] = None,
    relation: Annotated[Optional[list[str]], typer.Option("--relation", "-r", help="Only these relation types (repeatable).")] = None,
    min_sources: Annotated[int, typer.Option(min=1, help="Only facts with at least this many articles behind them.")] = 1,
    min_outlets: Annotated[int, typer.Option(min=1, help="Only facts with at least this many independent sources (distinct outlets; "
                                                         "retellings of one outlet's story count once).")] = 1,
    since: Annotated[Optional[str], typer.Option(help="Only claims dated from this ISO prefix on (2020, 2020-09).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Only claims dated up to this ISO prefix.")] = None,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Include co-occurrence links.")] = False,
    limit: Annotated[int, typer.Option(min=0, help="Show the N neighbouring entities with the most claims (0: all). "
                                                   "A hub's other neighbours are counted, not read.")] = 100,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Everything directly connected to NAME, with the evidence; 'sources' counts articles,
    'outlets' independent sources, 'first'/'last' the publication dates.

    Example: kg query neighbors Wickr --min-outlets 2
    """
    from .. import query

    with open_store(store) as db:
        center, found = query.neighbors(db, name, types=type, relations=relation, include_weak=weak, min_sources=min_sources,
                                        min_outlets=min_outlets, since=since, until=until, limit=limit or None)
    shown = len({n.entity.id for n in found})
    if shown < found.total:
        err.print(f"showing the {shown:,} of {found.total:,} neighbours with the most claims; --limit 0 shows all",
                  highlight=False)
    rows = []
    for n in found:
        d = n.to_dict()
        rows.append({"relation": ("-[" if n.outgoing else "<-[") + n.fact.type + ("]->" if n.outgoing else "]-"),
                     "name": n.entity.name, "type": n.entity.type, "amount": _money(d["properties"]),
                     **_sourcing(d), **_first_evidence(d)})
    emit(rows, fmt, data={"entity": center.to_dict(), "neighbors": [n.to_dict() for n in found],
                          "neighbors_total": found.total},
         columns=["relation", "name", "type", "amount", "status", "sources", "outlets", "first", "last", "evidence", "article"],
         title=center.name)


@query_app.command()
def money(
    buyer: Annotated[Optional[str], typer.Option(help="Only contracts this entity awarded or payments it made.")] = None,
    supplier: Annotated[Optional[str], typer.Option(help="Only money this entity received.")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this date (ISO prefix: 2020, 2020-09).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date (ISO prefix).")] = None,
    by: Annotated[Optional[str], typer.Option(help="Print totals grouped by buyer, supplier, pair or year instead of contracts.")] = None,
    top: Annotated[Optional[int], typer.Option(min=1, help="Only the N largest (only their claims and evidence are read; with --by, the N largest groups).")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(
        min=0.0, max=1.0, help="Only deals some sentence states at least this surely: 0.5 drops the learned "
                               "fallback's readings (0.30-0.45), keeping every rule's (0.5-0.9).")] = None,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Follow the money: who paid whom, how much, when — with the sentences that say so.

    Each deal shows its confidence, its surest sentence's: award and payment wordings 0.6-0.9, parse readings 0.5-0.6, deals only the learned fallback read 0.30-0.45 (hedged ones lower).

    Example: kg query money --buyer CBP        kg query money --by supplier --top 10 --min-confidence 0.5
    """
    from .. import query
    from ..errors import InputError

    if by and by not in ("buyer", "supplier", "pair", "year"):
        raise InputError(f"--by {by!r}: use buyer, supplier, pair or year")
    with open_store(store) as db:  # totals need every deal; a plain list only the largest
        payments = query.money(db, buyer=buyer, supplier=supplier, since=since, until=until, limit=None if by else top,
                               min_confidence=min_confidence)
    if by:
        groups = query.money_totals(payments, by)[:top]
        for g in groups:
            g["total"] = int(g["total"]) if float(g["total"]).is_integer() else g["total"]
        emit(groups, fmt, title=f"money by {by}")
        return
    payments = payments[:top]
    rows = []
    for p in payments:
        d = p.to_dict()
        rows.append({"buyer": d["buyer"], "supplier": d["supplier"], "amount": _money(d), "date": d["date"],
                     "title": d["title"], "sources": d["sources"], "outlets": d["independent_sources"],
                     "confidence": d["confidence"],
                     "evidence": _lead(d["evidence"]).get("text", ""), "article": _lead(d["evidence"]).get("article_title", "")})
    emit(rows, fmt, data=[p.to_dict() for p in payments],
         columns=["buyer", "supplier", "amount", "date", "title", "sources", "outlets", "confidence", "evidence", "article"],
         title="money")


@query_app.command()
def investors(
    name: Annotated[str, typer.Argument(help="Company or organisation.", show_default=False)],
    transitive: Annotated[bool, typer.Option(help="Also investors in its owners and parents.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Who has invested in NAME (and, with --transitive, in whoever owns it)."""
    from .. import query

    with open_store(store) as db:
        target, rows = query.investors(db, name, transitive=transitive)
    table = [{**{k: r[k] for k in ("investor", "type", "invested_in", "depth", "sources")}, "status": _status(r),
              "outlets": r["independent_sources"], "evidence": _lead(r["evidence"]).get("text", "")} for r in rows]
    emit(table, fmt, data={"entity": target.to_dict(), "investors": rows},
         columns=["investor", "type", "invested_in", "depth", "status", "sources", "outlets", "evidence"],
         title=f"investors in {target.name}")


@query_app.command()
def common(
    a: Annotated[str, typer.Argument(help="First entity.", show_default=False)],
    b: Annotated[str, typer.Argument(help="Second entity.", show_default=False)],
    relation: Annotated[Optional[list[str]], typer.Option("--relation", "-r", help="Only these relation types (repeatable).")] = None,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Let co-occurrence count.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Who do A and B both deal with? Shared neighbours, with the fact on each side."""
    from .. import analysis

    with open_store(store) as db:
        ea, eb, rows = analysis.common(db, a, b, relations=relation, include_weak=weak)
    table = [{"shared": r["name"], "type": r["type"],
              f"with {ea.name}": _arrow(r["to_a"]), f"with {eb.name}": _arrow(r["to_b"]),
              "evidence": _first_evidence(r["to_a"]["fact"])["evidence"]} for r in rows]
    emit(table, fmt, data={"a": ea.to_dict(), "b": eb.to_dict(), "common": rows}, title=f"shared by {ea.name} and {eb.name}")


@query_app.command()
def brokers(
    top: Annotated[int, typer.Option(min=1, help="How many.")] = 10,
    type: Annotated[Optional[list[str]], typer.Option("--type", "-t", help="Only entities of this type or role (repeatable).")] = None,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Let co-occurrence count.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Entities that bridge otherwise separate parts of the graph (betweenness centrality);
    'splits' says how many more pieces the graph falls into without them."""
    from .. import analysis

    with open_store(store) as db:
        rows = analysis.brokers(db, top=top, types=type, include_weak=weak)
    emit([{k: r[k] for k in ("rank", "name", "type", "betweenness", "degree", "splits")} for r in rows], fmt, data=rows,
         title="brokers")


@query_app.command()
def communities(
    min_size: Annotated[int, typer.Option(min=2, help="Smallest group to show.")] = 2,
    weak: Annotated[bool, typer.Option("--cooccurrence", help="Let co-occurrence count.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Groups of entities more connected to each other than to the rest (Louvain, fixed seed)."""
    from .. import analysis

    with open_store(store) as db:
        rows = analysis.communities(db, include_weak=weak, min_size=min_size)
    emit([{"community": r["community"], "size": r["size"], "top": [t["name"] if isinstance(t, dict) else t for t in r["top"]]}
          for r in rows], fmt, data=rows, title="communities")


@query_app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="Entity name, alias or id.", show_default=False)],
    undated: Annotated[bool, typer.Option("--undated", help="Also list facts with no date, at the end.")] = False,
    relation: Annotated[Optional[list[str]], typer.Option("--relation", "-r", help="Only these relation types (repeatable).")] = None,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """The dated facts about an entity, in order, each with its sentence and source."""
    from .. import analysis

    with open_store(store) as db:
        entity, rows = analysis.timeline(db, name, relations=relation, include_undated=undated)
    table = [{"date": r["date"], "from": r["date_source"], "relation": r["relation"], "direction": r["direction"],
              "other": r["other"]["name"], "amount": _money(r), "status": r["status"],
              "evidence": r["evidence"][0]["text"] if r["evidence"] else "", "article": r["article"].get("title") or r["article"].get("id")}
             for r in rows]
    emit(table, fmt, data={"entity": entity.to_dict(), "timeline": rows}, title=f"timeline: {entity.name}")


@query_app.command()
def owners(
    name: Annotated[str, typer.Argument(help="Company or organisation.", show_default=False)],
    direct: Annotated[bool, typer.Option("--direct", help="Only direct owners, not owners of owners.")] = False,
    store: StoreOpt = None,
    fmt: FmtOpt = Format.table,
) -> None:
    """Who owns NAME: owners, acquirers, parent companies — and, by default, who owns them."""
    from .. import query

    with open_store(store) as db:
        target, rows = query.owners(db, name, transitive=not direct)
    table = [{**{k: r[k] for k in ("owner", "type", "relation", "of", "depth", "sources")}, "status": _status(r),
              "outlets": r["independent_sources"], "evidence": _lead(r["evidence"]).get("text", "")} for r in rows]
    emit(table, fmt, data={"entity": target.to_dict(), "owners": rows}, title=f"owners of {target.name}")
