"""The Neo4j backend: the graph where reporters can open it in Neo4j Browser or Bloom.

The driver is created by :meth:`Neo4jStore.connect` (or handed in), never deep inside.
Writes go in ``UNWIND $rows AS row MERGE ...`` batches inside one transaction per
:meth:`write` call, so a batch lands whole or not at all and re-running it changes
nothing. All Cypher is in :mod:`kg.store.cypher`.

In the database: ``(:Entity:<Type> {id, name, type, aliases, keys, roles, ...properties})``
with ``:Investor`` as a second label for investors; ``(:Article {id, title, outlet, source_outlet,
date, url, hash})-[:MENTIONS {count}]->(:Entity)``; one relationship per claim,
``(s)-[:PAID {article_id, evidence, start, end, confidence, status, pattern, amount, ...}]->(t)``.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from contextlib import contextmanager
from typing import Any

from .. import schema
from ..errors import ConfigError, StoreError
from ..model import Document
from ..resolve import IndexEntry, ResolvedDocument, Resolver
from . import cypher
from .base import EdgeRecord, EntityRecord

ROWS_PER_STATEMENT = 5000
_CLAIM_FIELDS = ("article_id", "evidence", "start", "end", "confidence", "status", "pattern", "prop_keys")
_ENTITY_FIELDS = ("id", "name", "type", "aliases", "keys", "roles", "prop_keys")


def flatten_properties(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties hold scalars and lists of scalars; anything else is stored as JSON text."""
    out = {}
    for k, v in props.items():
        if v is None:
            continue
        if isinstance(v, (str, int, float, bool)) or (isinstance(v, list) and all(isinstance(x, (str, int, float, bool)) for x in v)):
            out[k] = v
        else:
            out[k] = json.dumps(v, sort_keys=True)
    return out


@contextmanager
def _errors(action: str, hint: str | None = None):
    """Driver and server errors become one StoreError line; never a traceback, never a password."""
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        yield
    except Neo4jError as exc:
        raise StoreError(f"Neo4j refused to {action.split()[0]}: {exc.message or exc.code}", hint=hint) from None
    except (DriverError, OSError) as exc:
        raise StoreError(f"lost the connection to Neo4j while trying to {action} it ({type(exc).__name__})",
                         hint=(hint + "; " if hint else "") + "is the server running? (kg neo4j status)") from None


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``bolt://user:secret@host:7687`` → ``("bolt://host:7687", "user", "secret")``. The driver
    takes credentials only as ``auth``, and kg prints store URLs, so a URL never keeps them."""
    from urllib.parse import unquote

    scheme, sep, rest = url.partition("://")
    netloc, slash, path = rest.partition("/")
    if not sep or "@" not in netloc:
        return url, None, None
    userinfo, _, host = netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return f"{scheme}://{host}{slash}{path}", unquote(user) or None, unquote(password) if colon else None


def _chunks(rows: list, size: int = ROWS_PER_STATEMENT):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class Neo4jStore:
    """A :class:`~kg.store.base.GraphStore` on a Neo4j 5 server."""

    def __init__(self, driver, url: str, database: str | None = None):
        self.driver = driver
        self.url = url
        self.database = database
        # the resolver of the last write, kept while no other write reached the graph since
        # (every kg write bumps the version on the write-lock node)
        self._resolver: Resolver | None = None
        self._pending: Resolver | None = None  # the resolver of the transaction in flight
        self._version: int | None = None
        self._ensure_schema()

    @classmethod
    def connect(cls, url: str | None = None, *, user: str | None = None, password: str | None = None,
                database: str | None = None) -> "Neo4jStore":
        """Connect with explicit settings or ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``.

        Fails with one clear line (never showing the password) when the server is down or
        refuses the credentials.
        """
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

        url = url or os.environ.get("NEO4J_URI")
        if not url:
            raise ConfigError("no Neo4j server given", hint="set NEO4J_URI, or run `kg neo4j start` and `eval \"$(kg neo4j env)\"`")
        url, url_user, url_password = split_credentials(url)
        password = password if password is not None else url_password
        user = user or url_user or os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        if not password:
            raise ConfigError(f"no password for Neo4j at {url}",
                              hint="set NEO4J_PASSWORD (for a server from `kg neo4j start`: eval \"$(kg neo4j env)\")")
        database = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            # server notifications ("label does not exist yet") are not the user's business
            driver = neo4j.GraphDatabase.driver(url, auth=(user, password), connection_timeout=10,
                                                notifications_min_severity="OFF")
            driver.verify_connectivity()
        except AuthError:
            raise StoreError(f"Neo4j at {url} refused the credentials for user {user!r}",
                             hint="check NEO4J_USER and NEO4J_PASSWORD (for a server from `kg neo4j start`: eval \"$(kg neo4j env)\")") from None
        except Neo4jError as exc:  # Neo.ClientError.Security.AuthenticationRateLimit after three wrong passwords
            if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                raise StoreError(f"Neo4j at {url} is refusing logins for user {user!r} after too many wrong passwords",
                                 hint="check NEO4J_USER and NEO4J_PASSWORD, then try again in a few seconds") from None
            raise StoreError(f"Neo4j at {url} refused the connection: {exc.message or exc.code}") from None
        except (ServiceUnavailable, OSError, ConfigurationError, ValueError) as exc:
            raise StoreError(f"cannot reach Neo4j at {url}: {type(exc).__name__}",
                             hint="start a local server with `kg neo4j start`, or set NEO4J_URI to a running one") from None
        return cls(driver, url, database)

    # -- plumbing ----------------------------------------------------------------------
    def _session(self, read: bool = False):
        import neo4j

        return self.driver.session(database=self.database,
                                   default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS)

    def _read(self, query: str, **params) -> list[dict[str, Any]]:
        with _errors("read from"), self._session(read=True) as s:
            return s.execute_read(lambda tx: [r.data() for r in tx.run(query, params)])

    def _ensure_schema(self) -> None:
        from neo4j.exceptions import Neo4jError

        try:
            with self._session() as s:
                for stmt in cypher.constraints():
                    s.run(stmt).consume()
                if s.run(cypher.KEY_NODES_MISSING).single()["missing"]:
                    s.run(cypher.BUILD_KEY_NODES).consume()
        except Neo4jError as exc:
            raise StoreError(f"cannot set up the kg schema in Neo4j: {exc.message or exc.code}") from None

    # -- writing -----------------------------------------------------------------------
    def write(self, docs: list[ResolvedDocument]) -> None:
        if docs:
            self._write_locked(lambda tx, version: docs)

    def write_documents(self, docs: list[Document]) -> list[ResolvedDocument]:
        """Resolve ``docs`` against the graph as it is once the write lock is held, and write them:
        of two processes writing at once, each sees every entity the other wrote before."""
        if not docs:
            return []

        def resolve(tx, version: int) -> list[ResolvedDocument]:
            if self._resolver is None or self._version is None or version != self._version + 1:
                self._resolver = Resolver.from_index(self._index_entries(tx.run(cypher.ENTITY_INDEX)),
                                                     self._decision_dicts(tx.run(cypher.DECISIONS)))
            resolver, self._resolver = self._resolver, None  # kept only once this transaction commits
            out = [resolver.resolve(d) for d in docs]
            self._pending = resolver
            return out

        return self._write_locked(resolve)

    def _write_locked(self, prepare) -> list[ResolvedDocument]:
        """One transaction: take kg's write lock (one node every writer updates, so writers
        queue instead of deadlocking), prepare the documents, write them."""

        def work(tx):
            version = tx.run(cypher.WRITE_LOCK).single()["version"]
            docs = prepare(tx, version)
            ids, articles, entities, mentions, claims = self._rows(docs)
            # an article written before is replaced: its claims and mentions go first
            stored = [r["id"] for r in tx.run(cypher.STORED_ARTICLES, ids=ids)]
            before = []
            if stored:
                before = [r["id"] for r in tx.run(cypher.TOUCHED_BY_ARTICLES, ids=stored)]
                tx.run(cypher.DELETE_ARTICLE_CLAIMS, ids=stored).consume()
                tx.run(cypher.DELETE_ARTICLE_MENTIONS, ids=stored).consume()
            for chunk in _chunks(articles):
                tx.run(cypher.UPSERT_ARTICLES, rows=chunk).consume()
            by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for row in entities.values():
                by_type[row["type"]].append(row)
            for etype in sorted(by_type):
                for chunk in _chunks(by_type[etype]):
                    tx.run(cypher.upsert_entities(etype), rows=chunk).consume()
            # a batch of new articles has no mentions or claims yet: they are created, not merged
            for chunk in _chunks(mentions):
                tx.run(cypher.UPSERT_MENTIONS if stored else cypher.CREATE_MENTIONS, rows=chunk).consume()
            for rtype in sorted(claims):
                for chunk in _chunks(claims[rtype]):
                    tx.run(cypher.upsert_claims(rtype) if stored else cypher.create_claims(rtype), rows=chunk).consume()
            if before:
                tx.run(cypher.DROP_ORPHANS, ids=before).consume()
            # roles follow INVESTED_IN claims: only their sources, and entities that may have lost one
            touched = sorted(set(before) | {r["source"] for r in claims.get("INVESTED_IN", [])})
            if touched:
                tx.run(cypher.UPDATE_ROLES, ids=touched).consume()
            return docs, version

        self._pending = None
        with _errors("write to", hint="nothing from this batch was written; run the same command again to resume"), \
                self._session() as s:
            docs, version = s.execute_write(work)
        self._resolver, self._version, self._pending = self._pending, version, None
        return docs

    @staticmethod
    def _rows(docs: list[ResolvedDocument]):
        ids = list(dict.fromkeys(d.article["id"] for d in docs))
        articles = []
        entities: dict[str, dict[str, Any]] = {}  # by id; a later document's type wins, as in SQLite
        # one mention per (article, entity) and one claim per (source, type, target, article), as
        # the MERGEs would leave them: later rows' values win
        mentions: dict[tuple[str, str], dict[str, Any]] = {}
        claims: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = defaultdict(dict)
        for d in docs:
            a = dict(d.article)
            a["authors"] = list(a.get("authors") or [])
            articles.append({k: v for k, v in a.items() if v is not None})
            for e in d.entities:
                props = flatten_properties(e.properties)
                row = entities.get(e.id)
                if row is None:
                    entities[e.id] = {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                                      "keys": list(e.keys), "props": props, "prop_keys": sorted(props)}
                else:
                    row.update(name=e.name, type=e.type, props={**row["props"], **props})
                    row["prop_keys"] = sorted(row["props"])
                    row["aliases"] = sorted(set(row["aliases"]) | set(e.aliases))
                    row["keys"] = sorted(set(row["keys"]) | set(e.keys))
                mentions[d.article["id"], e.id] = {"article_id": d.article["id"], "entity_id": e.id, "count": e.mentions}
            for r in d.relations:
                rel_props = flatten_properties(r.properties)
                props = {**rel_props, "evidence": r.evidence.text, "start": r.evidence.start, "end": r.evidence.end,
                         "confidence": r.confidence, "status": r.status, "pattern": r.pattern,
                         "prop_keys": sorted(rel_props)}
                key = (r.source, r.target, d.article["id"])
                row = claims[r.type].get(key)
                if row is None:
                    claims[r.type][key] = {"source": r.source, "target": r.target, "article_id": d.article["id"],
                                           "props": props}
                else:  # SET r += row.props, twice
                    row["props"] = {**row["props"], **props}
        return (ids, articles, entities, list(mentions.values()),
                {t: list(rows.values()) for t, rows in claims.items()})

    def forget(self, article_id: str) -> bool:
        if not self._read(cypher.ARTICLE_HASH, id=article_id):
            return False

        def work(tx):
            tx.run(cypher.WRITE_LOCK).consume()
            before = [r["id"] for r in tx.run(cypher.TOUCHED_BY_ARTICLES, ids=[article_id])]
            tx.run(cypher.DELETE_ARTICLE_CLAIMS, ids=[article_id]).consume()
            tx.run(cypher.DELETE_ARTICLE, id=article_id).consume()
            tx.run(cypher.DROP_ORPHANS, ids=before).consume()
            tx.run(cypher.UPDATE_ROLES, ids=before).consume()

        with _errors("write to"), self._session() as s:
            s.execute_write(work)
        return True

    def merge_entities(self, keep: str, drop: str) -> None:
        def work(tx):
            tx.run(cypher.WRITE_LOCK).consume()
            for rel in schema.RELATION_TYPES:
                for outgoing in (True, False):
                    tx.run(cypher.move_claims(rel, outgoing), keep=keep, drop=drop).consume()
            tx.run(cypher.MOVE_MENTIONS, keep=keep, drop=drop).consume()
            tx.run(cypher.MERGE_ENTITY_REST, keep=keep, drop=drop).consume()
            tx.run(cypher.FORGET_APART_FOR_KEYS, keep=keep).consume()
            tx.run(cypher.UPDATE_ROLES, ids=[keep]).consume()

        with _errors("write to"), self._session() as s:
            s.execute_write(work)

    def separate(self, entity_id: str, keys: list[str], names: list[str]) -> None:
        with _errors("write to"), self._session() as s:
            s.execute_write(lambda tx: (tx.run(cypher.WRITE_LOCK).consume(),
                                        tx.run(cypher.SEPARATE, id=entity_id, keys=list(keys), names=list(names)).consume()))

    def decisions(self) -> list[dict[str, Any]]:
        return self._decision_dicts(self._read(cypher.DECISIONS))

    @staticmethod
    def _decision_dicts(rows) -> list[dict[str, Any]]:
        return [{"kind": r["kind"], "entity": r["entity"], ("key" if r["kind"] == "apart" else "other"): r["other"], "at": r["at"]}
                for r in rows]

    def clear(self) -> None:
        self._resolver = None
        with _errors("write to"), self._session() as s:
            s.execute_write(lambda tx: tx.run(cypher.WRITE_LOCK).consume())
            while s.execute_write(lambda tx: tx.run(cypher.CLEAR_BATCH, limit=10_000).single()["deleted"]):
                pass

    # -- reading -----------------------------------------------------------------------
    def has_article(self, article_id: str, content_hash: str) -> bool:
        rows = self._read(cypher.ARTICLE_HASH, id=article_id)
        return bool(rows) and rows[0]["hash"] == content_hash

    def articles(self) -> list[dict[str, Any]]:
        out = []
        for r in self._read(cypher.ARTICLES):
            a = r["a"]
            out.append({k: a.get(k, "" if k != "authors" else [])
                        for k in ("id", "hash", "title", "outlet", "date", "url", "authors", "path", "source_outlet")})
        return out

    def entity_index(self) -> list[IndexEntry]:
        return self._index_entries(self._read(cypher.ENTITY_INDEX))

    @staticmethod
    def _index_entries(rows) -> list[IndexEntry]:
        return [IndexEntry(r["id"], r["type"], r["name"], set(r["keys"] or [])) for r in rows]

    @staticmethod
    def _entity(row: dict[str, Any]) -> EntityRecord:
        e = row["e"]
        props = {k: e[k] for k in e.get("prop_keys") or [] if k in e}
        return EntityRecord(e["id"], e["name"], e["type"], list(e.get("aliases") or []), list(e.get("roles") or []),
                            props, row["articles"])

    def get_entities(self, ids: list[str]) -> dict[str, EntityRecord]:
        if not ids:
            return {}
        return {r["e"]["id"]: self._entity(r) for r in self._read(cypher.GET_ENTITIES, ids=list(dict.fromkeys(ids)))}

    def find_by_key(self, key: str) -> list[EntityRecord]:
        return [self._entity(r) for r in self._read(cypher.FIND_BY_KEY, key=key)]

    def list_entities(self, type: str | None = None, limit: int | None = None) -> list[EntityRecord]:
        q = cypher.list_entities(type)
        if limit:
            q += " LIMIT $limit"
        return [self._entity(r) for r in self._read(q, limit=limit)]

    def edges(self, ids: list[str] | None = None, types: list[str] | None = None) -> list[EdgeRecord]:
        types = [schema.relation_type(t) for t in (types or schema.RELATION_TYPES)]
        if ids is None:
            rows = self._read(cypher.EDGES_ALL, types=types)
        else:
            rows = self._read(cypher.EDGES_AROUND, ids=list(dict.fromkeys(ids)), types=types)
        return self._edge_records(rows)

    @staticmethod
    def _edge_records(rows: list[dict[str, Any]]) -> list[EdgeRecord]:
        out = []
        for row in rows:
            r = row["r"]
            props = {k: r[k] for k in r.get("prop_keys") or [] if k in r}
            art = row["article"]
            out.append(EdgeRecord(row["source"], row["target"], row["type"], r["article_id"], props, r["confidence"],
                                  r["status"], r["evidence"], r["start"], r["end"],
                                  {k: art.get(k) or "" for k in ("title", "outlet", "date", "url", "source_outlet")}))
        out.sort(key=EdgeRecord.sort_key)
        return out

    def adjacent(self, ids: list[str], types: list[str], among: list[str] | None = None) -> list[tuple[str, str]]:
        types = [schema.relation_type(t) for t in types]
        if among is None:
            rows = self._read(cypher.ADJACENT, ids=list(dict.fromkeys(ids)), types=types)
        else:
            rows = self._read(cypher.ADJACENT_AMONG, ids=list(dict.fromkeys(ids)), types=types, among=list(among))
        return sorted({(r["source"], r["target"]) for r in rows})

    def degrees(self, ids: list[str]) -> dict[str, int]:
        return {r["id"]: r["degree"] for r in self._read(cypher.DEGREES, ids=list(dict.fromkeys(ids)))}

    def deals_of(self, id: str) -> list[tuple[str, float | None, str | None]]:
        return sorted((r["id"], r["amount"], r["date"]) for r in self._read(cypher.DEALS_OF, id=id))

    def neighbor_counts(self, id: str, types: list[str]) -> dict[str, int]:
        types = [schema.relation_type(t) for t in types]
        return {r["id"]: r["claims"] for r in self._read(cypher.NEIGHBOR_COUNTS, id=id, types=types)}

    def edges_between(self, pairs: list[tuple[str, str]], types: list[str] | None = None) -> list[EdgeRecord]:
        types = [schema.relation_type(t) for t in (types or schema.RELATION_TYPES)]
        pairs = sorted({tuple(sorted(p)) for p in pairs})
        return self._edge_records(self._read(cypher.EDGES_BETWEEN, pairs=[list(p) for p in pairs], types=types))

    def mentions(self) -> list[tuple[str, str, int]]:
        return [(r["article_id"], r["entity_id"], r["count"]) for r in self._read(cypher.MENTIONS)]

    def stats(self) -> dict[str, Any]:
        counts = self._read(cypher.STATS_COUNTS)[0]
        return {
            "store": self.url,
            "articles": counts["articles"],
            "entities": counts["entities"],
            "claims": counts["claims"],
            "entity_types": {r["type"]: r["n"] for r in self._read(cypher.STATS_ENTITY_TYPES)},
            "relation_types": {r["type"]: r["n"] for r in self._read(cypher.STATS_RELATION_TYPES)},
        }

    # -- the user's own Cypher -----------------------------------------------------------
    def run_cypher(self, query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> tuple[list[str], list[dict[str, Any]]]:
        """Run a user's query. Read-only unless ``write``: the server itself refuses writes
        in a read transaction, whatever the query text says."""
        from neo4j.exceptions import Neo4jError

        def work(tx):
            result = tx.run(query, params or {})
            rows = [r.data() for r in result]
            return list(result.keys()), rows

        try:
            with self._session(read=not write) as s:
                return s.execute_write(work) if write else s.execute_read(work)
        except Neo4jError as exc:
            hint = "add --write to allow changes" if "write" in (exc.message or "").lower() and not write else None
            raise StoreError(f"Neo4j: {exc.message or exc.code}", hint=hint) from None

    def close(self) -> None:
        self.driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
