"""Every Cypher statement kg sends, in one place.

Values always travel as ``$parameters``. Labels and relationship types cannot be
parameters in Cypher, so the functions that need them take a name that has passed
:func:`kg.schema.entity_label` / :func:`kg.schema.relation_type` and build the statement
from it; nothing from an article or a user reaches a query string any other way.
"""
from __future__ import annotations

from .. import schema


def constraints() -> list[str]:
    """Uniqueness per entity label (and for the shared :Entity label), articles by id,
    and an index on each claim type's article id (used when an article is replaced)."""
    out = [
        "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
        "CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
        "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
        "CREATE CONSTRAINT kg_write_lock_id IF NOT EXISTS FOR (l:KgWriteLock) REQUIRE l.id IS UNIQUE",
        # name keys are looked up by value: a list property cannot be indexed element by element,
        # so each key is a node, (:EntityKey {key})-[:KEY_OF]->(:Entity), like SQLite's entity_keys
        "CREATE CONSTRAINT kg_entity_key IF NOT EXISTS FOR (x:EntityKey) REQUIRE x.key IS UNIQUE",
    ]
    for label in schema.ENTITY_TYPES:
        lab = schema.entity_label(label)
        out.append(f"CREATE CONSTRAINT kg_{lab.lower()}_id IF NOT EXISTS FOR (e:{lab}) REQUIRE e.id IS UNIQUE")
    for rel in schema.RELATION_TYPES:
        r = schema.relation_type(rel)
        out.append(f"CREATE INDEX kg_{r.lower()}_article IF NOT EXISTS FOR ()-[r:{r}]-() ON (r.article_id)")
    return out


# -- writing ---------------------------------------------------------------------------
# every writer sets this one node first: its lock, held until commit, queues the writers; its
# version tells a writer whether anyone else wrote since its own last write
WRITE_LOCK = "MERGE (l:KgWriteLock {id: 'kg'}) SET l.version = coalesce(l.version, 0) + 1 RETURN l.version AS version"

STORED_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"

TOUCHED_BY_ARTICLES = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN DISTINCT e.id AS id
"""

DELETE_ARTICLE_CLAIMS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)-[r]->(:Entity)
WHERE r.article_id = id
DELETE r
"""

DELETE_ARTICLE_MENTIONS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
DELETE m
"""

UPSERT_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row
"""


def upsert_entities(entity_type: str) -> str:
    """Merge entities of one type; the type is also a label, replacing any earlier one."""
    label = schema.entity_label(entity_type)
    others = ":".join(schema.entity_label(t) for t in schema.ENTITY_TYPES if t != label)
    return f"""
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
WITH e, row, [k IN row.keys WHERE NOT k IN coalesce(e.keys, [])] AS fresh
REMOVE e:{others}
SET e:{label}, e.name = row.name, e.type = row.type,
    e.aliases = [x IN reduce(acc = coalesce(e.aliases, []), a IN row.aliases |
                 CASE WHEN a IN acc THEN acc ELSE acc + a END) WHERE x <> row.name],
    e.keys = reduce(acc = coalesce(e.keys, []), k IN row.keys | CASE WHEN k IN acc THEN acc ELSE acc + k END),
    e.prop_keys = reduce(acc = coalesce(e.prop_keys, []), k IN row.prop_keys | CASE WHEN k IN acc THEN acc ELSE acc + k END),
    e.roles = coalesce(e.roles, [])
SET e += row.props
WITH e, fresh
UNWIND fresh AS key
MERGE (x:EntityKey {{key: key}})
CREATE (x)-[:KEY_OF]->(e)
"""


UPSERT_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {id: row.entity_id})
MERGE (a)-[m:MENTIONS]->(e)
SET m.count = row.count
"""


# the same for a batch whose articles are all new (nothing to merge with)
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {id: row.entity_id})
CREATE (a)-[:MENTIONS {count: row.count}]->(e)
"""


def create_claims(relation: str) -> str:
    """:func:`upsert_claims` for claims of new articles, which cannot exist yet."""
    return _claims(relation, "CREATE")


def upsert_claims(relation: str) -> str:
    """One relationship per (source, type, target, article): a sourced claim."""
    return _claims(relation, "MERGE")


def _claims(relation: str, verb: str) -> str:
    rel = schema.relation_type(relation)
    return f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.source}})
MATCH (t:Entity {{id: row.target}})
{verb} (s)-[r:{rel} {{article_id: row.article_id}}]->(t)
SET r += row.props
"""


DROP_ORPHANS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)<-[:MENTIONS]-(:Article)
OPTIONAL MATCH (x:EntityKey)-[:KEY_OF]->(e)
WITH collect(DISTINCT e) AS gone, collect(DISTINCT x) AS keys
FOREACH (e IN gone | DETACH DELETE e)
WITH keys
UNWIND keys AS x
WITH x WHERE NOT (x)-[:KEY_OF]->()
DELETE x
"""

UPDATE_ROLES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[r:INVESTED_IN]->(:Entity)
WHERE r.status <> 'denied'
WITH e, count(r) AS n
SET e.roles = CASE WHEN n > 0 THEN ['Investor'] ELSE [] END
FOREACH (_ IN CASE WHEN n > 0 THEN [1] ELSE [] END | SET e:Investor)
FOREACH (_ IN CASE WHEN n = 0 THEN [1] ELSE [] END | REMOVE e:Investor)
"""

DELETE_ARTICLE = "MATCH (a:Article {id: $id}) DETACH DELETE a"


def move_claims(relation: str, outgoing: bool) -> str:
    """Move one type of claim from entity $drop to entity $keep (Community edition has no
    APOC refactoring, so each type is moved by its own statement)."""
    rel = schema.relation_type(relation)
    pattern = f"(d)-[r:{rel}]->(o:Entity)" if outgoing else f"(o:Entity)-[r:{rel}]->(d)"
    new = f"(k)-[n:{rel} {{article_id: r.article_id}}]->(o)" if outgoing else f"(o)-[n:{rel} {{article_id: r.article_id}}]->(k)"
    return f"""
MATCH (k:Entity {{id: $keep}}), (d:Entity {{id: $drop}})
MATCH {pattern}
WHERE o <> k
MERGE {new}
ON CREATE SET n += properties(r)
DELETE r
"""


MOVE_MENTIONS = """
MATCH (k:Entity {id: $keep}), (d:Entity {id: $drop})
MATCH (a:Article)-[m:MENTIONS]->(d)
MERGE (a)-[n:MENTIONS]->(k)
SET n.count = coalesce(n.count, 0) + m.count
DELETE m
"""

MERGE_ENTITY_REST = """
MATCH (k:Entity {id: $keep}), (d:Entity {id: $drop})
SET k.aliases = [x IN reduce(acc = coalesce(k.aliases, []), a IN coalesce(d.aliases, []) + [d.name] |
                 CASE WHEN a IN acc THEN acc ELSE acc + a END) WHERE x <> k.name],
    k.keys = reduce(acc = coalesce(k.keys, []), x IN coalesce(d.keys, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END)
FOREACH (key IN coalesce(d.keys, []) | MERGE (x:EntityKey {key: key}) MERGE (x)-[:KEY_OF]->(k))
DETACH DELETE d
CREATE (:KgDecision {kind: 'merge', entity: $keep, other: $drop, at: toString(datetime())})
"""

FORGET_APART_FOR_KEYS = """
MATCH (k:Entity {id: $keep}), (x:KgDecision {kind: 'apart', entity: $keep})
WHERE x.other IN k.keys
DELETE x
"""

SEPARATE = """
MATCH (e:Entity {id: $id})
CALL { WITH e MATCH (x:EntityKey)-[l:KEY_OF]->(e) WHERE x.key IN $keys DELETE l }
SET e.aliases = [a IN coalesce(e.aliases, []) WHERE NOT a IN $names],
    e.keys = [k IN coalesce(e.keys, []) WHERE NOT k IN $keys]
WITH e
UNWIND $keys AS key
MERGE (d:KgDecision {kind: 'apart', entity: $id, other: key})
ON CREATE SET d.at = toString(datetime())
"""

DECISIONS = "MATCH (d:KgDecision) RETURN d.kind AS kind, d.entity AS entity, d.other AS other, d.at AS at ORDER BY at, kind, entity, other"

CLEAR_BATCH = """
MATCH (n) WHERE n:Entity OR n:Article OR n:KgDecision OR n:EntityKey
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

# -- reading ---------------------------------------------------------------------------
ARTICLE_HASH = "MATCH (a:Article {id: $id}) RETURN a.hash AS hash"

ARTICLES = "MATCH (a:Article) RETURN a {.*} AS a ORDER BY a.id"

ENTITY_INDEX = "MATCH (e:Entity) RETURN e.id AS id, e.type AS type, e.name AS name, e.keys AS keys ORDER BY e.id"

_ENTITY_RETURN = "RETURN e {.*} AS e, COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles"

GET_ENTITIES = "UNWIND $ids AS id MATCH (e:Entity {id: id}) " + _ENTITY_RETURN

FIND_BY_KEY = "MATCH (:EntityKey {key: $key})-[:KEY_OF]->(e:Entity) " + _ENTITY_RETURN + " ORDER BY e.id"

# a store written before the key nodes existed gets them once, on connect
KEY_NODES_MISSING = """
CALL { MATCH (e:Entity) RETURN count(e) AS entities }
CALL { MATCH (x:EntityKey) RETURN count(x) AS keys }
RETURN entities > 0 AND keys = 0 AS missing
"""

BUILD_KEY_NODES = """
MATCH (e:Entity)
CALL { WITH e UNWIND coalesce(e.keys, []) AS key MERGE (x:EntityKey {key: key}) MERGE (x)-[:KEY_OF]->(e) } IN TRANSACTIONS OF 1000 ROWS
"""


def list_entities(entity_type: str | None) -> str:
    label = ":" + schema.entity_label(entity_type) if entity_type else ""
    return f"MATCH (e:Entity{label}) " + _ENTITY_RETURN + " ORDER BY e.name, e.id"


_CLAIM_RETURN = """
MATCH (a:Article {id: r.article_id})
RETURN s.id AS source, t.id AS target, type(r) AS type, r {.*} AS r,
       a {.title, .outlet, .date, .url, .source_outlet} AS article
"""

# -- path search: which entities touch which, without the evidence ------------------------
# (``$types`` are relation types that passed kg.schema.relation_type)
ADJACENT = """
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r]->(t:Entity)
WHERE type(r) IN $types AND r.status <> 'denied'
RETURN DISTINCT s.id AS source, t.id AS target
UNION
UNWIND $ids AS id
MATCH (s:Entity)-[r]->(t:Entity {id: id})
WHERE type(r) IN $types AND r.status <> 'denied'
RETURN DISTINCT s.id AS source, t.id AS target
"""

# the same, keeping only links whose other end is in $among (the last layer of a path search)
ADJACENT_AMONG = """
WITH $among AS among
UNWIND $ids AS id
MATCH (s:Entity {id: id})-[r]->(t:Entity)
WHERE type(r) IN $types AND r.status <> 'denied' AND t.id IN among
RETURN DISTINCT s.id AS source, t.id AS target
UNION
WITH $among AS among
UNWIND $ids AS id
MATCH (s:Entity)-[r]->(t:Entity {id: id})
WHERE type(r) IN $types AND r.status <> 'denied' AND s.id IN among
RETURN DISTINCT s.id AS source, t.id AS target
"""

# relationships of each entity other than mentions: read from Neo4j's degree counts, a cost estimate
DEGREES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, COUNT { (e)--() } - COUNT { (e)<-[:MENTIONS]-() } AS degree
"""

# the contracts an entity awarded or received, with their amounts: a big buyer's deals ranked
# without reading a claim
DEALS_OF = """
MATCH (:Entity {id: $id})-[:AWARDED]->(c:Contract)
RETURN DISTINCT c.id AS id, c.amount AS amount, c.date AS date
UNION
MATCH (c:Contract)-[:AWARDED_TO]->(:Entity {id: $id})
RETURN DISTINCT c.id AS id, c.amount AS amount, c.date AS date
"""

# claims joining one entity to each other entity, counted without reading them (a hub's best-reported neighbours)
NEIGHBOR_COUNTS = """
MATCH (e:Entity {id: $id})-[r]-(o:Entity)
WHERE type(r) IN $types AND o <> e
RETURN o.id AS id, count(r) AS claims
"""

EDGES_BETWEEN = """
UNWIND $pairs AS pair
MATCH (s:Entity {id: pair[0]})-[r]-(t:Entity {id: pair[1]})
WHERE type(r) IN $types
WITH DISTINCT r
MATCH (s)-[r]->(t)
""" + _CLAIM_RETURN

EDGES_ALL = "MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) IN $types" + _CLAIM_RETURN

EDGES_AROUND = """
UNWIND $ids AS id
MATCH (x:Entity {id: id})-[r]-(:Entity)
WHERE type(r) IN $types
WITH DISTINCT r
MATCH (s)-[r]->(t)
""" + _CLAIM_RETURN

MENTIONS = """
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
RETURN a.id AS article_id, e.id AS entity_id, m.count AS count
ORDER BY article_id, entity_id
"""

STATS_COUNTS = """
CALL { MATCH (a:Article) RETURN count(a) AS articles }
CALL { MATCH (e:Entity) RETURN count(e) AS entities }
CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS claims }
RETURN articles, entities, claims
"""

STATS_ENTITY_TYPES = "MATCH (e:Entity) RETURN e.type AS type, count(*) AS n ORDER BY type"

STATS_RELATION_TYPES = "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS n ORDER BY type"
