"""The data model's vocabulary, loaded from ``schema.yml``.

Entity types, role labels and relation types are data. Anything that must be written
into a query string (Neo4j labels and relationship types cannot be parameters) is
checked here first, so a value from an article or a user never becomes Cypher.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from .errors import SchemaError


@lru_cache(maxsize=1)
def _schema() -> dict:
    return yaml.safe_load(resources.files("kg").joinpath("schema.yml").read_text("utf-8"))


ENTITY_TYPES: tuple[str, ...] = tuple(_schema()["entity_types"])
ROLES: tuple[str, ...] = tuple(_schema()["roles"])
RELATION_TYPES: tuple[str, ...] = tuple(_schema()["relation_types"])
MONEY_RELATIONS: frozenset[str] = frozenset(_schema()["money_relations"])
WEAK_RELATIONS: frozenset[str] = frozenset(_schema()["weak_relations"])
STATUSES: tuple[str, ...] = tuple(_schema()["statuses"])
STRONG_RELATIONS: tuple[str, ...] = tuple(r for r in RELATION_TYPES if r not in WEAK_RELATIONS)


def allowed(relation: str, source_type: str, target_type: str) -> bool:
    """True when ``relation`` may connect an entity of ``source_type`` to one of ``target_type``."""
    spec = _schema()["relation_types"].get(relation)
    return bool(spec) and source_type in spec["source"] and target_type in spec["target"]


def entity_label(value: str) -> str:
    """Return ``value`` if it is an entity type or role, else raise: safe to put in Cypher."""
    if value in ENTITY_TYPES or value in ROLES:
        return value
    raise SchemaError(f"unknown entity type {value!r}", hint="types: " + ", ".join(ENTITY_TYPES + ROLES))


def relation_type(value: str) -> str:
    """Return ``value`` if it is a relation type, else raise: safe to put in Cypher."""
    if value in RELATION_TYPES:
        return value
    raise SchemaError(f"unknown relation type {value!r}", hint="types: " + ", ".join(RELATION_TYPES))
