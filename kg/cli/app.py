"""The typer application and the options every command shares."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from typer.core import TyperGroup


class _Edge(TyperGroup):
    """Turns library errors into one line and a hint, at the edge (``--debug``: the traceback)."""

    def invoke(self, ctx):
        from ..errors import KgError
        from .output import err

        try:
            return super().invoke(ctx)
        except KgError as exc:
            if state["debug"]:
                raise
            err.print(f"[bold red]error:[/bold red] {exc.message}", highlight=False, markup=True, soft_wrap=True)
            if exc.hint:
                err.print(f"[dim]hint:[/dim] {exc.hint}", highlight=False, soft_wrap=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_Edge,
    name="kg",
    help=(
        "Turn news articles into an evidenced knowledge graph of agencies, firms, people and contracts, "
        "then ask how they connect.\n\n"
        "Typical session:\n\n"
        "  kg ingest corpus/\n\n"
        "  kg query path \"Erik Prince\" CBP\n\n"
        "  kg query money --buyer CBP\n\n"
        "  kg view Wickr --depth 2 -o wickr.html\n\n"
        "The graph lives in ./kg.sqlite unless --store (or KG_STORE) names another file or a Neo4j URI "
        "(bolt://, neo4j://, neo4j+s://; credentials from NEO4J_USER / NEO4J_PASSWORD)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

state = {"debug": False}

StoreOpt = Annotated[
    Optional[str],
    typer.Option("--store", "-s", help="Graph store: a file (embedded, default ./kg.sqlite) or a Neo4j URI. Env: KG_STORE.",
                 show_default=False),
]


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False) -> None:
    state["debug"] = debug


def open_store(url: str | None):
    from ..store import open_store as _open

    return _open(url)
