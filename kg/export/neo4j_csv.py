"""CSV files for ``neo4j-admin database import full``: a fresh Neo4j database in one go.

The files reproduce the layout :class:`kg.store.neo4j.Neo4jStore` writes, so ``kg`` can
query the imported database directly (``--store bolt://...``; the store adds its
constraints on first connect)::

    nodes_<Type>.csv          id:ID,name,type,:LABEL,aliases:string[],keys:string[],roles:string[],prop_keys:string[],<properties>
    nodes_Article.csv         id:ID,:LABEL,hash,title,outlet,date,url,authors:string[],path,source_outlet
    relationships_<TYPE>.csv  :START_ID,:END_ID,:TYPE,article_id,evidence,start:long,end:long,confidence:double,status,prop_keys:string[],<properties>
    relationships_MENTIONS.csv :START_ID,:END_ID,:TYPE,count:long

``:LABEL`` is ``Entity;<Type>`` (plus ``Investor``). Arrays use ``;``, neo4j-admin's default
``--array-delimiter``. neo4j-admin cannot escape the delimiter inside an element, so when a
value in an array (an alias such as "Amazon.com; Inc.") holds a ``;``, the export picks the
first of ``|``, ``¦`` that no array value holds instead, and says so in the command and the
report. Fields are quoted as RFC 4180 says (``""`` inside quotes), and evidence may span
lines, hence ``--multiline-fields=true`` in :func:`import_command`.
Entity and article ids share neo4j-admin's global id space; they cannot collide in kg (entity
ids are ``<type>:<slug>``), and the export checks.
"""
from __future__ import annotations

import csv
import json
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import KgError
from ..store.base import GraphStore
from .snapshot import read_snapshot
from ..store.neo4j import flatten_properties

ARRAY_DELIMITER = ";"
FALLBACK_DELIMITERS = ("|", "\u00a6")
ENTITY_HEADER = ["id:ID", "name", "type", ":LABEL", "aliases:string[]", "keys:string[]", "roles:string[]", "prop_keys:string[]"]
ARTICLE_HEADER = ["id:ID", ":LABEL", "hash", "title", "outlet", "date", "url", "authors:string[]", "path", "source_outlet"]
CLAIM_HEADER = [":START_ID", ":END_ID", ":TYPE", "article_id", "evidence", "start:long", "end:long", "confidence:double",
                "status", "prop_keys:string[]"]
MENTION_HEADER = [":START_ID", ":END_ID", ":TYPE", "count:long"]
# Property names the fixed columns already use; the Neo4j store never lets properties overwrite them.
RESERVED = {"id", "name", "type", "aliases", "keys", "roles", "prop_keys", "article_id", "evidence", "start", "end",
            "confidence", "status", "pattern", "count", "hash"}


def export_neo4j_csv(store: GraphStore, directory: str | Path, *, include_weak: bool = True,
                     database: str = "neo4j") -> dict[str, Any]:
    """Write the neo4j-admin CSV files for the graph of ``store`` into ``directory``.

    Returns counts, the files written and the ``neo4j-admin`` command that imports them
    (also written to ``directory/neo4j-admin-import.sh``).
    """
    snap = read_snapshot(store)
    delimiter = _delimiter(snap)
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    clash = {a["id"] for a in snap.articles} & set(snap.by_id)
    if clash:
        raise KgError(f"article and entity share an id: {sorted(clash)[0]}", hint="neo4j-admin needs unique node ids")

    nodes: list[Path] = []
    by_type: dict[str, list] = defaultdict(list)
    for e in snap.entities:
        by_type[e.type].append(e)
    for etype in sorted(by_type):
        ents = by_type[etype]
        props = _columns([e.properties for e in ents])
        rows = []
        for e in ents:
            labels = ["Entity", schema.entity_label(e.type)] + [schema.entity_label(r) for r in e.roles]
            flat = _flatten(e.properties)
            rows.append([e.id, e.name, e.type, delimiter.join(labels), _array(e.aliases, delimiter),
                         _array(snap.keys.get(e.id, []), delimiter), _array(e.roles, delimiter),
                         _array(sorted(flat), delimiter)]
                        + [_cell(flat.get(k), kind, delimiter) for k, kind in props])
        nodes.append(_write(out / f"nodes_{etype}.csv", ENTITY_HEADER + [_header(k, kind) for k, kind in props], rows))
    nodes.append(_write(out / "nodes_Article.csv", ARTICLE_HEADER, [
        [a["id"], "Article", a.get("hash", ""), a.get("title", ""), a.get("outlet", ""), a.get("date", ""),
         a.get("url", ""), _array(a.get("authors") or [], delimiter), a.get("path", ""), a.get("source_outlet", "")]
        for a in snap.articles]))

    rels: list[Path] = []
    claims = snap.claims if include_weak else snap.strong_claims()
    by_rel: dict[str, list] = defaultdict(list)
    for c in claims:
        by_rel[schema.relation_type(c.type)].append(c)
    for rtype in sorted(by_rel):
        cl = by_rel[rtype]
        props = _columns([c.properties for c in cl])
        rows = []
        for c in cl:
            flat = _flatten(c.properties)
            rows.append([c.source, c.target, rtype, c.article_id, c.evidence, c.start, c.end, c.confidence, c.status,
                         _array(sorted(flat), delimiter)] + [_cell(flat.get(k), kind, delimiter) for k, kind in props])
        rels.append(_write(out / f"relationships_{rtype}.csv", CLAIM_HEADER + [_header(k, kind) for k, kind in props], rows))
    rels.append(_write(out / "relationships_MENTIONS.csv", MENTION_HEADER, [
        [aid, eid, "MENTIONS", n if n is not None else 1] for (aid, eid), n in sorted(snap.mentions.items())]))

    command = import_command(nodes, rels, database=database, delimiter=delimiter)
    script = out / "neo4j-admin-import.sh"
    script.write_text("#!/bin/sh\n# Stop the server first; this replaces the database.\ncd \"$(dirname \"$0\")\" && "
                      + import_command([p.name for p in nodes], [p.name for p in rels], database=database,
                                       delimiter=delimiter) + "\n")
    script.chmod(0o755)
    return {"format": "neo4j-csv", "path": str(out), "nodes": len(snap.entities) + len(snap.articles),
            "relationships": len(claims) + len(snap.mentions), "files": [str(p) for p in nodes + rels],
            "mentions_complete": snap.mentions_complete, "array_delimiter": delimiter, "command": command}


def import_command(nodes: list, relationships: list, *, database: str = "neo4j", delimiter: str = ARRAY_DELIMITER) -> str:
    """The ``neo4j-admin database import full`` command line for these files (Neo4j 5)."""
    args = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination=true",
            f"--array-delimiter={delimiter}", "--multiline-fields=true"]
    args += [f"--nodes={p}" for p in nodes] + [f"--relationships={p}" for p in relationships]
    return shlex.join(str(a) for a in args)


def _flatten(props: dict[str, Any]) -> dict[str, Any]:
    """As the Neo4j store keeps properties (kg.store.neo4j.flatten_properties), minus kg's own keys."""
    return flatten_properties({k: v for k, v in props.items() if k not in RESERVED})


_KINDS = {bool: "boolean", int: "long", float: "double", str: "string"}


def _columns(props: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(property, neo4j-admin type) for every property any row has; one type per column."""
    seen: dict[str, set[str]] = defaultdict(set)
    for p in props:
        for k, v in _flatten(p).items():
            if isinstance(v, list):
                seen[k] |= {_KINDS[type(x)] + "[]" for x in v} or {"string[]"}
            else:
                seen[k].add(_KINDS[type(v)])
    cols = []
    for k in sorted(seen):
        kinds = seen[k]
        if len(kinds) == 1:
            kind = kinds.pop()
        elif kinds <= {"long", "double"}:
            kind = "double"
        elif kinds <= {"long[]", "double[]"}:
            kind = "double[]"
        elif all(x.endswith("[]") for x in kinds):
            kind = "string[]"
        else:
            kind = "string"
        cols.append((k, kind))
    return cols


def _header(key: str, kind: str) -> str:
    if any(ch in key for ch in ":,\"\n"):
        raise KgError(f"property name {key!r} cannot be a neo4j-admin column", hint="rename the property")
    return key if kind == "string" else f"{key}:{kind}"


def _delimiter(snap) -> str:
    """``;`` unless an array value holds one; then the first fallback no array value holds."""
    values: set[str] = set()
    for e in snap.entities:
        values.update(e.aliases)
        values.update(snap.keys.get(e.id, []))
        values.update(str(x) for v in e.properties.values() if isinstance(v, list) for x in v)
    for a in snap.articles:
        values.update(a.get("authors") or [])
    for c in snap.claims:
        values.update(str(x) for v in c.properties.values() if isinstance(v, list) for x in v)
    for d in (ARRAY_DELIMITER, *FALLBACK_DELIMITERS):
        if not any(d in v for v in values):
            return d
    raise KgError("every array delimiter neo4j-admin could use occurs in the data (; | \u00a6)",
                  hint="use `kg export --format jsonl` instead")


def _cell(value: Any, kind: str, delimiter: str) -> Any:
    if value is None:
        return ""
    if kind.endswith("[]"):
        return _array(value if isinstance(value, list) else [value], delimiter)
    if kind == "string" and not isinstance(value, str):
        return json.dumps(value)
    if kind == "boolean":
        return "true" if value else "false"
    return value


def _array(values: list[Any], delimiter: str) -> str:
    return delimiter.join(("true" if v else "false") if isinstance(v, bool) else str(v) for v in values if str(v) != "")


def _write(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path
