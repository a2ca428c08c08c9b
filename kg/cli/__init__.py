"""The ``kg`` command line: parse, open the store, call one library function, print.

Library errors (:class:`kg.errors.KgError`) become one line plus a hint and a non-zero
exit here, at the edge; ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import sys

from . import graph, query, server  # noqa: F401  (register the commands)
from .app import app, state


def main() -> None:
    from ..errors import KgError
    from .output import err

    try:
        app(standalone_mode=True)
    except KgError as exc:
        if state["debug"] or "--debug" in sys.argv:
            raise
        err.print(f"[bold red]error:[/bold red] {exc.message}", highlight=False, markup=True)
        if exc.hint:
            err.print(f"[dim]hint:[/dim] {exc.hint}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


__all__ = ["app", "main"]
