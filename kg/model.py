"""Plain data: articles, and what extraction finds in them. No I/O here.

These classes are the contract between ``corpus`` (articles in), ``extract`` (entities and
relations out), ``resolve`` (stable ids) and ``store`` (persistence). Their ``to_dict``
output is the documented JSON shape of ``kg extract --format json``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit


def content_hash(text: str) -> str:
    """A short, stable fingerprint of an article's text (used for ids and change detection)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Article:
    """One article: text plus the metadata from its front matter or JSON line."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""  # where it was published
    date: str = ""  # ISO date or prefix ("2021-06-25", "2021-06")
    url: str = ""
    authors: list[str] = field(default_factory=list)
    path: str = ""  # where it was read from: "file.md" or "file.jsonl:12"
    source_outlet: str = ""  # whose reporting it retells, when that is another outlet's

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def independent_source(self) -> str:
        return independent_source(self.meta(), self.id)

    def meta(self) -> dict[str, Any]:
        """Everything but the text."""
        d = asdict(self)
        d.pop("text")
        d["hash"] = self.hash
        return d


def independent_source(article: Mapping[str, Any], article_id: str = "") -> str:
    """Who vouches for an article: the outlet whose reporting it retells (``source_outlet``),
    else the outlet that published it, else the host of its URL (lower case, no ``www.``),
    else the article itself. Two articles with the same independent source are one source:
    the corpus's retellings of one ABC News story count once, not twice.

    >>> independent_source({"outlet": "kg corpus", "source_outlet": "ABC News"})
    'ABC News'
    >>> independent_source({"url": "https://www.Example.org/a?b=1"}, "x")
    'example.org'
    """
    for key in ("source_outlet", "outlet"):
        value = " ".join(str(article.get(key) or "").split())
        if value:
            return value
    url = str(article.get("url") or "").strip()
    if url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname or ""
        except ValueError:  # a malformed URL ("http://[x") has no host to tell
            host = ""
        host = host.rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    return str(article.get("id") or article_id)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """An entity found in one document. ``id`` is document-local ("e1") until resolved."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "properties": dict(self.properties),
            "mentions": [asdict(m) for m in self.mentions],
        }


@dataclass
class Evidence:
    """The sentence that supports a relation, with character offsets into the article text."""

    text: str
    start: int
    end: int


@dataclass
class Relation:
    source: str
    target: str
    type: str
    evidence: Evidence
    properties: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.5
    status: str = "asserted"  # asserted | hedged | denied
    pattern: str = ""  # which rule found it (for debugging and evaluation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "properties": dict(self.properties),
            "confidence": self.confidence,
            "status": self.status,
            "evidence": asdict(self.evidence),
        }


@dataclass
class Document:
    """The extraction result for one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "source_outlet": a.source_outlet,
            "date": a.date,
            "url": a.url,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)
