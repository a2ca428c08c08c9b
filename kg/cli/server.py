"""`kg neo4j start|stop|status|env`: a local Neo4j Community server, no Docker."""
from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from .app import app
from .output import err

neo4j_app = typer.Typer(help="Run a local Neo4j Community server (fetched from Maven Central, no Docker).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

HomeOpt = Annotated[Optional[Path], typer.Option("--home", help="Server folder (default: KG_NEO4J_HOME or ~/.cache/kg/neo4j-<version>).")]


def _exports(info) -> str:
    return "\n".join(f"export {k}={shlex.quote(str(v))}" for k, v in info.env().items())


@neo4j_app.command()
def start(home: HomeOpt = None,
          heap: Annotated[str, typer.Option(help="Java heap for the server (-Xms/-Xmx).")] = "1g",
          timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt to answer.")] = 180) -> None:
    """Start the server (fetching it with Maven on first use) and print how to connect.

    Then: eval "$(kg neo4j env)"   and every kg command uses it.
    """
    from .. import server

    info = server.start(home, heap=heap, timeout=timeout)
    err.print(f"Neo4j {info.version} is running at {info.uri} (pid {info.pid}, home {info.home})")
    err.print('connect with: eval "$(kg neo4j env)"')
    typer.echo(_exports(info))


@neo4j_app.command()
def stop(home: HomeOpt = None) -> None:
    """Stop the local server."""
    from .. import server

    err.print("stopped" if server.stop(home) else "not running")


@neo4j_app.command()
def status(home: HomeOpt = None) -> None:
    """Say whether the local server runs, and where. Exit 1 when it does not."""
    from .. import server

    info = server.status(home)
    if info is None:
        err.print("not running (start it with `kg neo4j start`)")
        raise typer.Exit(1)
    typer.echo(f"running: {info.uri} (pid {info.pid}, Neo4j {info.version}, home {info.home})")


@neo4j_app.command()
def env(home: HomeOpt = None) -> None:
    """Print shell exports (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD) for the running server."""
    from .. import server
    from ..errors import KgError

    info = server.status(home)
    if info is None:
        raise KgError("the local Neo4j server is not running", hint="start it with `kg neo4j start`")
    typer.echo(_exports(info))
