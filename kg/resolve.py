"""Entity resolution: the same real-world entity gets one stable id across articles.

Names are compared by *keys*: normalised with ``normality`` (case, accents, punctuation),
legal forms removed with ``fingerprints`` (the library behind FollowTheMoney's matching:
"Wickr Inc." and "Wickr" share a key), a leading "the" and "U.S." dropped. Every alias
(an acronym such as "CBP") is a key too. A key only matches within compatible types, so the
person "Prince" never joins a company called Prince.

Ids are readable and stable: ``company:wickr``, ``agency:u-s-customs-and-border-protection``,
``contract:<hash of buyer, supplier, amount, date>``. Once given, an id never changes.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import fingerprints
import normality

from .model import Document, Entity, Relation

# Types that may name the same thing: an unknown body may turn out to be a firm.
COMPATIBLE = {"Company": "firm", "Organization": "firm", "Other": "firm"}


def type_group(entity_type: str) -> str:
    return COMPATIBLE.get(entity_type, entity_type)


HONORIFIC = re.compile(r"^(?:mr|ms|mrs|dr|sen|rep|gen|adm|col|prof) ")
DESCRIPTORS = ("usa", "us", "worldwide", "global", "international", "america", "com", "net")


def _base(name: str) -> str:
    # "C.I.A." and "F.B.I." are the acronyms CIA and FBI
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", name.strip()):
        name = name.replace(".", "")
    base = normality.normalize(name) or ""
    return re.sub(r"^the ", "", base)


def name_keys(name: str, entity_type: str = "") -> set[str]:
    """The keys a name can be found by.

    Full keys are the normalised name (case, accents, punctuation, a leading "the", an
    honorific, a "U.S." prefix for agencies, legal forms spelled one way). *Short* keys,
    marked "~", drop the legal form and geographic descriptors ("Wickr Inc." → "~wickr",
    "Blackwater USA" → "~blackwater"). A short key may meet another name's full key ("Wickr
    Inc." is "Wickr") but never another short key, so "Prince Group" and "Prince Corporation"
    stay apart.

    >>> sorted(name_keys("Wickr Inc.", "Company"))
    ['wickr inc', '~wickr']
    >>> sorted(name_keys("U.S. Customs and Border Protection", "Agency"))
    ['customs and border protection', 'u s customs and border protection']
    """
    base = _base(name)
    if not base:
        return set()
    if entity_type in ("Person", ""):
        base = HONORIFIC.sub("", base)
    keys = {base}
    if type_group(entity_type) == "firm" or not entity_type:
        canonical = fingerprints.replace_types(base).strip()
        if canonical:
            keys.add(canonical)
        words = fingerprints.remove_types(base).split()
        while len(words) > 1 and words[-1] in DESCRIPTORS:
            words.pop()
        short = " ".join(words)
        if short and short not in keys:
            keys.add("~" + short)
    if entity_type in ("Agency", "") and (m := re.match(r"^(?:u s|us|united states) (.+)$", base)):
        keys.add(m.group(1))
    return keys


def lookup_key(name: str) -> str:
    """The key a user's query is looked up by ("cbp", "erik prince")."""
    return HONORIFIC.sub("", _base(name))


def matching_keys(key: str) -> tuple[str, ...]:
    """The index keys a key may meet: a full key meets full and short keys, a short key
    meets full keys only."""
    return (key[1:],) if key.startswith("~") else (key, "~" + key)


def make_id(entity_type: str, name: str) -> str:
    slug = normality.slugify(name, sep="-") or hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{entity_type.lower()}:{slug[:80]}"


@dataclass
class IndexEntry:
    id: str
    type: str
    name: str
    keys: set[str] = field(default_factory=set)


@dataclass
class ResolvedEntity:
    """An entity ready to write: global id, merged names, the keys it is found by."""

    id: str
    name: str
    type: str
    aliases: list[str]
    properties: dict[str, Any]
    keys: list[str]
    mentions: int


@dataclass
class ResolvedDocument:
    article: dict[str, Any]
    entities: list[ResolvedEntity]
    relations: list[Relation]
    local_ids: dict[str, str] = field(default_factory=dict)  # document-local id ("e3") -> graph id


class Resolver:
    """Maps each document's local entities onto the graph's entities.

    Built from the store's index (``store.entity_index()``) and updated as documents are
    resolved, so a batch resolves consistently before anything is written.
    """

    def __init__(self, index: list[IndexEntry], apart: set[tuple[str, str]] | None = None):
        self.by_id: dict[str, IndexEntry] = {e.id: e for e in index}
        self.by_key: dict[tuple[str, str], str] = {}
        # reviewed decisions: (key, entity id) pairs a person said are not the same entity
        self.apart: set[tuple[str, str]] = set(apart or ())
        for e in index:
            for k in e.keys:
                self.by_key.setdefault((type_group(e.type), k), e.id)

    @classmethod
    def for_store(cls, store) -> "Resolver":
        """A resolver over ``store``'s entities and its reviewed decisions."""
        return cls.from_index(store.entity_index(), store.decisions())

    @classmethod
    def from_index(cls, index: list[IndexEntry], decisions: list[dict]) -> "Resolver":
        """A resolver over an entity index and reviewed decisions, as a store returns them."""
        return cls(index, {(d["key"], d["entity"]) for d in decisions if d["kind"] == "apart"})

    def _match(self, entity: Entity) -> str | None:
        group = type_group(entity.type)
        keys = name_keys(entity.name, entity.type)
        for alias in entity.aliases:
            keys |= name_keys(alias, entity.type)
        primary = lookup_key(entity.name)
        votes: dict[str, int] = {}
        for k in sorted(keys):
            for other in matching_keys(k):
                hit = self.by_key.get((group, other))
                if hit is not None and (k, hit) not in self.apart:  # a reviewed "apart" bans this key only
                    votes[hit] = votes.get(hit, 0) + (2 if k == primary else 1)
        if not votes:
            return None
        # the entity most keys point to, the full name counting double; ties: first in key order
        return max(votes, key=votes.get)

    def _register(self, eid: str, etype: str, name: str, keys: set[str]) -> None:
        entry = self.by_id.get(eid)
        if entry is None:
            entry = self.by_id[eid] = IndexEntry(eid, etype, name)
        keys = {k for k in keys if (k, eid) not in self.apart}
        entry.keys |= keys
        for k in keys:
            self.by_key.setdefault((type_group(etype), k), eid)

    def _new_id(self, etype: str, name: str) -> str:
        base = make_id(etype, name)
        eid, n = base, 2
        while eid in self.by_id:
            eid, n = f"{base}-{n}", n + 1
        return eid

    def resolve(self, doc: Document) -> ResolvedDocument:
        local: dict[str, str] = {}
        out: dict[str, ResolvedEntity] = {}
        for e in doc.entities:
            if e.type == "Contract":
                continue
            eid = self._match(e) or self._new_id(e.type, e.name)
            keys = name_keys(e.name, e.type)
            for alias in e.aliases:
                keys |= name_keys(alias, e.type)
            keys = {k for k in keys if (k, eid) not in self.apart}
            known = self.by_id.get(eid)
            etype = e.type
            if known is not None and known.type != e.type:
                etype = _stronger(known.type, e.type)
            self._register(eid, etype, e.name, keys)
            self.by_id[eid].type = etype
            local[e.id] = eid
            prev = out.get(eid)
            if prev is None:
                out[eid] = ResolvedEntity(eid, e.name, etype, sorted(set(e.aliases)), dict(e.properties), sorted(keys), len(e.mentions))
            else:  # two local entities that are one graph entity
                prev.aliases = sorted(set(prev.aliases) | set(e.aliases) | {e.name} - {prev.name})
                prev.keys = sorted(set(prev.keys) | keys)
                prev.mentions += len(e.mentions)
        buyers = {r.target: r.source for r in doc.relations if r.type == "AWARDED"}  # the last one wins, as before
        suppliers = {r.source: r.target for r in doc.relations if r.type == "AWARDED_TO"}
        for e in doc.entities:
            if e.type != "Contract":
                continue
            eid = self._contract_id(e, local.get(buyers.get(e.id, ""), ""), local.get(suppliers.get(e.id, ""), ""))
            self._register(eid, "Contract", e.name, set())
            local[e.id] = eid
            out[eid] = ResolvedEntity(eid, e.name, "Contract", list(e.aliases), dict(e.properties),
                                      sorted({lookup_key(i) for i in e.aliases}), max(1, len(e.mentions)))
        for ent in out.values():
            ent.name = self._display_name(ent)
        relations = [
            Relation(local[r.source], local[r.target], r.type, r.evidence, dict(r.properties), r.confidence, r.status, r.pattern)
            for r in doc.relations
            if r.source in local and r.target in local and local[r.source] != local[r.target]
        ]
        return ResolvedDocument(doc.article.meta(), list(out.values()), relations, dict(local))

    def _contract_id(self, e: Entity, buyer: str, supplier: str) -> str:
        ids = e.properties.get("identifiers") or []
        if ids:
            return "contract:" + normality.slugify(ids[0], sep="-")
        p = e.properties
        # the same parties and the same amount are the same deal, however each article dates
        # or names it; without an amount, the date and title tell deals apart
        if p.get("amount") is not None and buyer and supplier:
            basis = "|".join((buyer, supplier, str(round(float(p["amount"])))))
        else:
            basis = "|".join(str(x) for x in (buyer, supplier, p.get("amount"), p.get("date"), p.get("title")))
        return "contract:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:12]

    def _display_name(self, ent: ResolvedEntity) -> str:
        known = self.by_id.get(ent.id)
        if known is None or not known.name:
            return ent.name
        # keep the graph's name unless it was only an acronym and we now know the full one
        if _is_acronym(known.name) and not _is_acronym(ent.name):
            known.name = ent.name
        return known.name


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9.&-]{1,9}", name))


_RANK = {"Other": 0, "Organization": 1, "Company": 2}


def _stronger(a: str, b: str) -> str:
    """Of two compatible types, the more specific one (Company over Organization over Other)."""
    return a if _RANK.get(a, 3) >= _RANK.get(b, 3) else b
