"""The graph in other tools' formats, and back: one small module per format.

=============  =====================================  =====================================
format         out                                    in
=============  =====================================  =====================================
``ftm``        :func:`.ftm.export_ftm`                :func:`.ftm.import_ftm`
``graphml``    :func:`.graphml.export_graphml`        --
``neo4j-csv``  :func:`.neo4j_csv.export_neo4j_csv`    (``neo4j-admin database import full``)
``jsonl``      :func:`.jsonl.export_jsonl`            :func:`.jsonl.load_jsonl`
=============  =====================================  =====================================

Everything goes through the :class:`~kg.store.base.GraphStore` interface, so both backends
export the same files. Modules are imported when used: ``followthemoney`` is only needed for
``ftm``. See docs/interop.md.

>>> export(store, "graphml", "kg.graphml")      # doctest: +SKIP
{'format': 'graphml', 'path': 'kg.graphml', 'nodes': 212, 'edges': 431}
"""
from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import KgError
from ..store.base import GraphStore

# format -> (module, export function)
FORMATS: dict[str, tuple[str, str]] = {
    "ftm": ("ftm", "export_ftm"),
    "graphml": ("graphml", "export_graphml"),
    "neo4j-csv": ("neo4j_csv", "export_neo4j_csv"),
    "jsonl": ("jsonl", "export_jsonl"),
}


def export(store: GraphStore, fmt: str, path: str | Path, **options: Any) -> dict[str, Any]:
    """Export the graph of ``store`` as ``fmt`` to ``path`` (a folder for ``neo4j-csv``);
    returns what was written (counts, files)."""
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    module, function = FORMATS[fmt]
    return getattr(import_module(f".{module}", __name__), function)(store, path, **options)


# Public functions, imported from their module on first use (PEP 562).
_FUNCTIONS = {"export_ftm": "ftm", "import_ftm": "ftm", "export_graphml": "graphml",
              "export_neo4j_csv": "neo4j_csv", "export_jsonl": "jsonl", "load_jsonl": "jsonl"}


def __getattr__(name: str) -> Any:
    if name in _FUNCTIONS:
        return getattr(import_module(f".{_FUNCTIONS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "export", *_FUNCTIONS]
