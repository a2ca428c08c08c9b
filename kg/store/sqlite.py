"""The embedded store: one SQLite file, no server, durable and transactional.

SQLite (in Python's standard library) gives what a reporter's laptop needs: a single file to
copy or archive, atomic batches (an interrupted ingest leaves the previous state intact),
and several readers alongside one writer. Graph algorithms run in networkx over what
:meth:`edges` returns (see :mod:`kg.query`).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .. import schema
from ..errors import StoreError
from ..model import Document
from ..resolve import IndexEntry, ResolvedDocument, Resolver
from .base import EdgeRecord, EntityRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL, title TEXT, outlet TEXT, date TEXT, url TEXT,
    authors TEXT, path TEXT, source_outlet TEXT);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]', roles TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}', keys TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS claims (
    source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, article_id TEXT NOT NULL,
    properties TEXT NOT NULL, confidence REAL NOT NULL, status TEXT NOT NULL,
    evidence TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, pattern TEXT,
    PRIMARY KEY (source, type, target, article_id)) WITHOUT ROWID;
-- path search reads links (source, target, type, status) from these alone, never the rows
CREATE INDEX IF NOT EXISTS claims_links ON claims(source, status);
CREATE INDEX IF NOT EXISTS claims_links_in ON claims(target, status);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE TABLE IF NOT EXISTS decisions (
    kind TEXT NOT NULL, entity TEXT NOT NULL, other TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (kind, entity, other)) WITHOUT ROWID;
"""


class SQLiteStore:
    """A :class:`~kg.store.base.GraphStore` in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.url = str(self.path)
        self._resolver: Resolver | None = None  # see write_documents
        self._pending: Resolver | None = None
        self._version: int | None = None
        if self.path.is_dir():
            raise StoreError(f"store path is a folder: {self.path}", hint="give a file name, e.g. --store kg.sqlite")
        if not self.path.parent.exists():
            raise StoreError(f"folder for the store does not exist: {self.path.parent}", hint="create it or choose another --store")
        try:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}",
                             hint="check that the file and its folder are writable, or choose another --store") from None

    def _migrate(self) -> None:
        """Bring a store written by an older kg up to this schema, in place: columns added
        since are added empty (``kg ingest --force`` fills them from the articles)."""
        added = {"articles": {"source_outlet": "TEXT"}}
        if all(col in self._columns(table) for table, cols in added.items() for col in cols):
            return
        self.db.execute("BEGIN IMMEDIATE")  # two processes opening an old store: one migrates
        try:
            for table, cols in added.items():
                have = self._columns(table)
                for col, decl in cols.items():
                    if col not in have:
                        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {col} {decl}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _columns(self, table: str) -> set[str]:
        return {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}

    # -- writing -----------------------------------------------------------------------
    def write(self, docs: list[ResolvedDocument]) -> None:
        if docs:
            self._resolver = None
            self._write_locked(lambda: docs)

    def write_documents(self, docs: list[Document]) -> list[ResolvedDocument]:
        """Resolve ``docs`` against the graph as it is once the write lock is held, and write them:
        of two processes writing at once, each sees every entity the other wrote before."""
        if not docs:
            return []

        def resolve() -> list[ResolvedDocument]:
            # read inside the write transaction; the last write's resolver is kept while no other
            # connection has committed since (SQLite's data_version says so)
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if self._resolver is None or version != self._version:
                self._resolver, self._version = Resolver.for_store(self), version
            resolver, self._resolver = self._resolver, None  # kept only once the transaction commits
            self._pending = resolver
            return [resolver.resolve(d) for d in docs]

        self._pending = None
        out = self._write_locked(resolve)
        self._resolver, self._pending = self._pending, None
        return out

    def _write_locked(self, prepare) -> list[ResolvedDocument]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            docs = prepare()
            touched: set[str] = set()
            mentioned: set[str] = set()  # entities the replaced articles mentioned: the only ones that can be orphaned
            for doc in docs:
                touched |= self._write_one(doc, mentioned)
            self._drop_orphans(mentioned)
            self._update_roles(touched)
            self.db.execute("COMMIT")
            return docs
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK") if self.db.in_transaction else None
            raise StoreError(f"cannot write to store {self.path}: {exc}", hint="nothing from this batch was written") from None
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _write_one(self, doc: ResolvedDocument, mentioned: set[str]) -> set[str]:
        a = doc.article
        aid = a["id"]
        touched = {r[0] for r in self.db.execute("SELECT source FROM claims WHERE article_id=?", (aid,))}
        mentioned.update(r[0] for r in self.db.execute("SELECT entity_id FROM mentions WHERE article_id=?", (aid,)))
        self.db.execute("DELETE FROM claims WHERE article_id=?", (aid,))
        self.db.execute("DELETE FROM mentions WHERE article_id=?", (aid,))
        self.db.execute(
            "INSERT OR REPLACE INTO articles(id, hash, title, outlet, date, url, authors, path, source_outlet) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (aid, a["hash"], a.get("title", ""), a.get("outlet", ""), a.get("date", ""), a.get("url", ""),
             json.dumps(a.get("authors", [])), a.get("path", ""), a.get("source_outlet", "")))
        for e in doc.entities:
            row = self.db.execute("SELECT aliases, properties, keys FROM entities WHERE id=?", (e.id,)).fetchone()
            if row is None:
                aliases, props, keys = e.aliases, e.properties, e.keys
            else:
                aliases = sorted(set(json.loads(row[0])) | set(e.aliases))
                props = {**json.loads(row[1]), **e.properties}
                keys = sorted(set(json.loads(row[2])) | set(e.keys))
            aliases = [x for x in aliases if x != e.name]
            self.db.execute(
                "INSERT INTO entities(id, name, type, aliases, properties, keys) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, type=excluded.type, aliases=excluded.aliases, "
                "properties=excluded.properties, keys=excluded.keys",
                (e.id, e.name, e.type, json.dumps(aliases), json.dumps(props, sort_keys=True), json.dumps(keys)))
            self.db.executemany("INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES (?,?)", [(k, e.id) for k in keys])
            self.db.execute("INSERT INTO mentions(article_id, entity_id, count) VALUES (?,?,?)", (aid, e.id, e.mentions))
        self.db.executemany(
            "INSERT OR REPLACE INTO claims(source, type, target, article_id, properties, confidence, status, evidence, start, end, pattern) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(r.source, r.type, r.target, aid, json.dumps(r.properties, sort_keys=True), r.confidence, r.status,
              r.evidence.text, r.evidence.start, r.evidence.end, r.pattern) for r in doc.relations])
        return touched | {r.source for r in doc.relations}

    def _drop_orphans(self, candidates: set[str]) -> None:
        """Delete those of ``candidates`` no article mentions any more (only they can have lost
        their last mention: scanning every entity made each write slower as the store grew)."""
        ids = sorted(candidates)
        for i in range(0, len(ids), 400):
            chunk = ids[i:i + 400]
            marks = ",".join("?" * len(chunk))
            gone = [r[0] for r in self.db.execute(
                f"SELECT id FROM entities WHERE id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)",
                chunk)]
            if gone:
                marks = ",".join("?" * len(gone))
                self.db.execute(f"DELETE FROM entities WHERE id IN ({marks})", gone)
                self.db.execute(f"DELETE FROM entity_keys WHERE entity_id IN ({marks})", gone)

    def _update_roles(self, ids: set[str]) -> None:
        for eid in ids:
            investor = self.db.execute(
                "SELECT 1 FROM claims WHERE source=? AND type='INVESTED_IN' AND status!='denied' LIMIT 1", (eid,)).fetchone()
            self.db.execute("UPDATE entities SET roles=? WHERE id=?", (json.dumps(["Investor"] if investor else []), eid))

    def forget(self, article_id: str) -> bool:
        self._resolver = None  # the graph changes under this connection's own resolver
        if not self.db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone():
            return False
        self.db.execute("BEGIN IMMEDIATE")
        touched = {r[0] for r in self.db.execute("SELECT source FROM claims WHERE article_id=?", (article_id,))}
        mentioned = {r[0] for r in self.db.execute("SELECT entity_id FROM mentions WHERE article_id=?", (article_id,))}
        for table in ("claims", "mentions"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self._drop_orphans(mentioned)
        self._update_roles(touched)
        self.db.execute("COMMIT")
        return True

    def merge_entities(self, keep: str, drop: str) -> None:
        self._resolver = None  # the graph changes under this connection's own resolver
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for end, other in (("source", "target"), ("target", "source")):
                cols = "source, type, target, article_id, properties, confidence, status, evidence, start, end, pattern"
                picked = cols.replace(end, "?", 1)  # the same row with this end moved to ``keep``
                self.db.execute(f"INSERT OR IGNORE INTO claims({cols}) SELECT {picked} FROM claims WHERE {end}=?", (keep, drop))
                self.db.execute(f"DELETE FROM claims WHERE {end}=?", (drop,))
            self.db.execute("DELETE FROM claims WHERE source=target")
            self.db.execute("INSERT INTO mentions(article_id, entity_id, count) SELECT article_id, ?, count FROM mentions "
                            "WHERE entity_id=? ON CONFLICT(article_id, entity_id) DO UPDATE SET count=count+excluded.count", (keep, drop))
            self.db.execute("DELETE FROM mentions WHERE entity_id=?", (drop,))
            k = self.db.execute("SELECT name, aliases, keys FROM entities WHERE id=?", (keep,)).fetchone()
            d = self.db.execute("SELECT name, aliases, keys FROM entities WHERE id=?", (drop,)).fetchone()
            aliases = sorted((set(json.loads(k[1])) | set(json.loads(d[1])) | {d[0]}) - {k[0]})
            keys = sorted(set(json.loads(k[2])) | set(json.loads(d[2])))
            self.db.execute("UPDATE entities SET aliases=?, keys=? WHERE id=?", (json.dumps(aliases), json.dumps(keys), keep))
            self.db.execute("UPDATE OR IGNORE entity_keys SET entity_id=? WHERE entity_id=?", (keep, drop))
            self.db.execute("DELETE FROM entity_keys WHERE entity_id=?", (drop,))
            self.db.execute("DELETE FROM entities WHERE id=?", (drop,))
            self.db.execute("DELETE FROM decisions WHERE kind='apart' AND entity=? AND other IN (SELECT value FROM json_each(?))",
                            (keep, json.dumps(keys)))
            self.db.execute("INSERT OR REPLACE INTO decisions(kind, entity, other, at) VALUES ('merge', ?, ?, datetime('now'))", (keep, drop))
            self._update_roles({keep})
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def separate(self, entity_id: str, keys: list[str], names: list[str]) -> None:
        self._resolver = None  # the graph changes under this connection's own resolver
        self.db.execute("BEGIN IMMEDIATE")
        row = self.db.execute("SELECT aliases, keys FROM entities WHERE id=?", (entity_id,)).fetchone()
        aliases = [a for a in json.loads(row[0]) if a not in names]
        left = [k for k in json.loads(row[1]) if k not in keys]
        self.db.execute("UPDATE entities SET aliases=?, keys=? WHERE id=?", (json.dumps(aliases), json.dumps(left), entity_id))
        self.db.executemany("DELETE FROM entity_keys WHERE key=? AND entity_id=?", [(k, entity_id) for k in keys])
        self.db.executemany("INSERT OR REPLACE INTO decisions(kind, entity, other, at) VALUES ('apart', ?, ?, datetime('now'))",
                            [(entity_id, k) for k in keys])
        self.db.execute("COMMIT")

    def decisions(self) -> list[dict[str, Any]]:
        return [{"kind": r[0], "entity": r[1], ("key" if r[0] == "apart" else "other"): r[2], "at": r[3]}
                for r in self.db.execute("SELECT kind, entity, other, at FROM decisions ORDER BY at, kind, entity, other")]

    def clear(self) -> None:
        self._resolver = None  # the graph changes under this connection's own resolver
        self.db.execute("BEGIN IMMEDIATE")
        for table in ("claims", "mentions", "entity_keys", "entities", "articles", "decisions"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("COMMIT")

    # -- reading -----------------------------------------------------------------------
    def has_article(self, article_id: str, content_hash: str) -> bool:
        row = self.db.execute("SELECT hash FROM articles WHERE id=?", (article_id,)).fetchone()
        return row is not None and row[0] == content_hash

    def articles(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, hash, title, outlet, date, url, authors, path, source_outlet FROM articles ORDER BY id")
        return [{"id": r[0], "hash": r[1], "title": r[2], "outlet": r[3], "date": r[4], "url": r[5],
                 "authors": json.loads(r[6] or "[]"), "path": r[7], "source_outlet": r[8] or ""} for r in rows]

    def entity_index(self) -> list[IndexEntry]:
        return [IndexEntry(r[0], r[1], r[2], set(json.loads(r[3])))
                for r in self.db.execute("SELECT id, type, name, keys FROM entities ORDER BY id")]

    _ENTITY_SQL = ("SELECT e.id, e.name, e.type, e.aliases, e.roles, e.properties, "
                   "(SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) FROM entities e")

    def _entity(self, r) -> EntityRecord:
        return EntityRecord(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), json.loads(r[5]), r[6])

    def get_entities(self, ids: list[str]) -> dict[str, EntityRecord]:
        out: dict[str, EntityRecord] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            q = self._ENTITY_SQL + f" WHERE e.id IN ({','.join('?' * len(chunk))})"
            out.update({r[0]: self._entity(r) for r in self.db.execute(q, chunk)})
        return out

    def find_by_key(self, key: str) -> list[EntityRecord]:
        q = self._ENTITY_SQL + " WHERE e.id IN (SELECT entity_id FROM entity_keys WHERE key=?) ORDER BY e.id"
        return [self._entity(r) for r in self.db.execute(q, (key,))]

    def list_entities(self, type: str | None = None, limit: int | None = None) -> list[EntityRecord]:
        q, args = self._ENTITY_SQL, []
        if type == "Investor":
            q += " WHERE e.roles LIKE '%\"Investor\"%'"
        elif type:
            q += " WHERE e.type=?"
            args.append(type)
        q += " ORDER BY e.name, e.id"
        if limit:
            q += " LIMIT ?"
            args.append(limit)
        return [self._entity(r) for r in self.db.execute(q, args)]

    _EDGE_SELECT = ("SELECT c.source, c.target, c.type, c.article_id, c.properties, c.confidence, c.status, c.evidence, "
                    "c.start, c.end, a.title, a.outlet, a.date, a.url, a.source_outlet FROM claims c JOIN articles a ON a.id = c.article_id")

    def edges(self, ids: list[str] | None = None, types: list[str] | None = None) -> list[EdgeRecord]:
        base = self._EDGE_SELECT
        where, args = [], []
        if types is not None:
            where.append(f"c.type IN ({','.join('?' * len(types))})")
            args.extend(types)
        rows: list = []
        if ids is None:
            q = base + (" WHERE " + " AND ".join(where) if where else "")
            rows = list(self.db.execute(q, args))
        else:
            ids = list(dict.fromkeys(ids))
            seen: set[tuple] = set()
            for i in range(0, len(ids), 400):
                chunk = ids[i:i + 400]
                marks = ",".join("?" * len(chunk))
                cond = where + [f"(c.source IN ({marks}) OR c.target IN ({marks}))"]
                for r in self.db.execute(base + " WHERE " + " AND ".join(cond), args + chunk + chunk):
                    if r[:4] not in seen:
                        seen.add(r[:4])
                        rows.append(r)
        return self._edge_records(rows)

    @staticmethod
    def _edge_records(rows) -> list[EdgeRecord]:
        out = [EdgeRecord(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], r[8], r[9],
                          {"title": r[10], "outlet": r[11], "date": r[12], "url": r[13], "source_outlet": r[14] or ""})
               for r in rows]
        out.sort(key=EdgeRecord.sort_key)
        return out

    def _chunked(self, query: str, ids: list[str], args: list = (), repeat: int = 1):
        """Rows of ``query`` for ``ids`` in chunks; each ``{ids}`` in it stands for one chunk."""
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 400):
            chunk = ids[i:i + 400]
            yield from self.db.execute(query.format(ids=",".join("?" * len(chunk))), [*args, *chunk * repeat])

    def adjacent(self, ids: list[str], types: list[str], among: list[str] | None = None) -> list[tuple[str, str]]:
        types = list(types)
        t = ",".join("?" * len(types))
        keep = None if among is None else set(among)
        out: set[tuple[str, str]] = set()
        for column, other in (("source", 1), ("target", 0)):
            q = (f"SELECT DISTINCT source, target FROM claims WHERE status != 'denied' AND type IN ({t}) "
                 f"AND {column} IN ({{ids}})")
            out.update((r[0], r[1]) for r in self._chunked(q, ids, types) if keep is None or r[other] in keep)
        return sorted(out)

    DEGREE_CAP = 1000  # counting a hub's claims further would cost more than the answer is worth

    def degrees(self, ids: list[str]) -> dict[str, int]:
        # each end counted up to the cap, so asking about a hub costs no more than about anyone
        q = ("SELECT j.value, (SELECT count(*) FROM (SELECT 1 FROM claims WHERE source = j.value LIMIT ?1))"
             " + (SELECT count(*) FROM (SELECT 1 FROM claims WHERE target = j.value LIMIT ?1)) FROM json_each(?2) j")
        ids = list(dict.fromkeys(ids))
        return dict(self.db.execute(q, (self.DEGREE_CAP, json.dumps(ids))).fetchall())

    def deals_of(self, id: str) -> list[tuple[str, float | None, str | None]]:
        q = ("SELECT e.id, json_extract(e.properties, '$.amount'), json_extract(e.properties, '$.date') FROM entities e "
             "WHERE e.type = 'Contract' AND e.id IN (SELECT target FROM claims WHERE source = ?1 AND type = 'AWARDED' "
             "UNION SELECT source FROM claims WHERE target = ?1 AND type = 'AWARDED_TO') ORDER BY e.id")
        return [tuple(r) for r in self.db.execute(q, (id,))]

    def neighbor_counts(self, id: str, types: list[str]) -> dict[str, int]:
        t = ",".join("?" * len(types))
        q = (f"SELECT other, count(*) FROM (SELECT target AS other FROM claims WHERE source = ? AND type IN ({t}) "
             f"UNION ALL SELECT source FROM claims WHERE target = ? AND type IN ({t})) WHERE other != ? GROUP BY other")
        return dict(self.db.execute(q, [id, *types, id, *types, id]).fetchall())

    def edges_between(self, pairs: list[tuple[str, str]], types: list[str] | None = None) -> list[EdgeRecord]:
        types = list(types or schema.RELATION_TYPES)
        t = ",".join("?" * len(types))
        rows = []
        for a, b in sorted({tuple(sorted(p)) for p in pairs}):
            rows += self.db.execute(self._EDGE_SELECT + f" WHERE c.type IN ({t}) AND ((c.source=? AND c.target=?) OR "
                                    "(c.source=? AND c.target=?))", [*types, a, b, b, a]).fetchall()
        return self._edge_records(rows)

    def mentions(self) -> list[tuple[str, str, int]]:
        return [tuple(r) for r in self.db.execute("SELECT article_id, entity_id, count FROM mentions ORDER BY article_id, entity_id")]

    def stats(self) -> dict[str, Any]:
        count = lambda q: self.db.execute(q).fetchone()[0]  # noqa: E731
        return {
            "store": self.url,
            "articles": count("SELECT COUNT(*) FROM articles"),
            "entities": count("SELECT COUNT(*) FROM entities"),
            "claims": count("SELECT COUNT(*) FROM claims"),
            "entity_types": dict(self.db.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type").fetchall()),
            "relation_types": dict(self.db.execute("SELECT type, COUNT(*) FROM claims GROUP BY type ORDER BY type").fetchall()),
        }

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
