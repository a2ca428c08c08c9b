"""The ``kg`` command line: parse, open the store, call one library function, print.

Library errors (:class:`kg.errors.KgError`) become one line plus a hint and a non-zero
exit at the edge (``kg.cli.app._Edge``); ``--debug`` shows the traceback instead.
"""
from __future__ import annotations

from . import graph, query, server  # noqa: F401  (register the commands)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
