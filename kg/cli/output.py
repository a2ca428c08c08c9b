"""Print results as a table (for people), JSON or CSV (for pipes). Nothing else prints data."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


out = Console(soft_wrap=False)
err = Console(stderr=True)


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
        table.add_row(*[_cell(r.get(c)) for c in columns])
    out.print(table)
    if not rows:
        err.print("[dim](no results)[/dim]")
