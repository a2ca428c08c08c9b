"""Print results as a table (for people), JSON or CSV (for pipes). Nothing else prints data."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def emit(rows: list[dict[str, Any]], fmt: Format, *, columns: list[str] | None = None, title: str | None = None,
         data: Any = None) -> None:
    """``rows`` drive table and CSV output; ``data`` (default: rows) is what JSON prints."""
    if fmt == Format.json:
        sys.stdout.write(json.dumps(rows if data is None else data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == Format.csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[Text(_cell(r.get(c))) for c in columns])  # article text is never markup
    out.print(table)
    if not rows:
        err.print("[dim](no results)[/dim]")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def sourcing(fact: dict[str, Any]) -> str:
    """"disputed: 1 asserted, 1 denied; 3 articles, 2 outlets, 2019-03 – 2021-06": a fact's
    status, how many articles and independent outlets state it, and when they were published."""
    counts = fact.get("statuses") or {}
    status = fact["status"]
    if len(counts) > 1:
        status += ": " + ", ".join(f"{n} {s}" for s, n in counts.items())
    parts = [_plural(fact["sources"], "article")]
    if "independent_sources" in fact:
        parts.append(_plural(fact["independent_sources"], "outlet"))
    first, last = fact.get("first_seen") or "", fact.get("last_seen") or ""
    if first:
        parts.append(first if first == last else f"{first} \u2013 {last}")
    return f"{status}; {', '.join(parts)}"


def emit_paths(paths: list[dict[str, Any]]) -> None:
    """Connections for people: the chain on one line, then each hop's sentence and source."""
    from ..money import format_money

    if not paths:
        err.print("[dim](no connection)[/dim]")
    for i, p in enumerate(paths, 1):
        chain = Text(f"{i}. ", style="bold")
        chain.append(p["nodes"][0], style="bold")
        for h in p["hops"]:
            amount = format_money(h["fact"]["properties"].get("amount"), h["fact"]["properties"].get("currency"))
            label = h["relation"] + (f" {amount}" if amount else "")
            chain.append(f" -[{label}]-> " if h["direction"] == "->" else f" <-[{label}]- ", style="cyan")
            chain.append(h["to"], style="bold")
        out.print(chain)
        for h in p["hops"]:
            f = h["fact"]
            src, dst = (h["from"], h["to"]) if h["direction"] == "->" else (h["to"], h["from"])
            head = Text(f"   {src} -[{h['relation']}]-> {dst}", style="cyan")
            head.append(f"  ({sourcing(f)})", style="dim")
            out.print(head)
            for ev in f["evidence"][:3]:
                line = Text("     “" + ev["text"] + "”")
                source = ev.get("article_title") or ev.get("article_id")
                # who vouches for it: the outlet retold, not the corpus that retells it
                who = ev.get("independent_source") or ev.get("outlet")
                who = who if who and who != ev.get("article_id") else ""
                line.append(f" — {source}" + (f", {who}" if who else "") + (f" ({ev['date']})" if ev.get("date") else ""), style="dim")
                out.print(line)
        out.print()
