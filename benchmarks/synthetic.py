"""A synthetic news-and-contracts graph with realistic degree skew, as kg's resolved documents.

The shape follows what kg extracts from the DoD contract announcements (see
``docs/benchmarks.md``): a few agencies and prime contractors with huge degree, a long tail
of small firms, people and places that appear once or twice. Endpoints are drawn from Zipf
(power-law) distributions over fixed pools, so the top agency's degree grows with the graph
while the median entity keeps a degree of one or two.

>>> g = generate(1_000, seed=1)
>>> 950 <= g.entity_count <= 1_050
True
>>> g.batches(64)[0][0].entities[0].id.split(":")[0] in {"agency", "company", "person", "organization"}
True

Every document is a :class:`kg.resolve.ResolvedDocument`, so it goes straight into
``store.write`` of either backend. Nothing here touches a store or spaCy.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from kg.model import Evidence, Relation
from kg.resolve import ResolvedDocument, ResolvedEntity, make_id, name_keys

_SYLLABLES = ("ka", "lo", "vi", "ran", "te", "mo", "su", "dex", "bri", "no", "ta", "zel", "qui", "ar", "po",
              "len", "sha", "ri", "tor", "ve", "cal", "do", "mi", "nex", "gor", "pha", "lin", "tu", "bel", "cy",
              "jo", "kre")
_INDUSTRY = ("Systems", "Technologies", "Aerospace", "Defense", "Solutions", "Dynamics", "Logistics",
             "Engineering", "Labs", "Analytics", "Security", "Marine", "Construction", "Medical", "Energy")
_SUFFIX = ("Inc.", "LLC", "Corp.", "Co.", "Ltd.", "Group")
_FIRST = ("James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "William", "Elizabeth",
          "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Erik", "Karen", "Daniel", "Nancy")
_STATES = ("Virginia", "Maryland", "California", "Texas", "Florida", "Alabama", "Ohio", "Washington",
           "Colorado", "Arizona", "Georgia", "Massachusetts", "Pennsylvania", "New York", "Utah")
_AGENCIES = ("U.S. Army", "U.S. Navy", "U.S. Air Force", "Defense Logistics Agency", "U.S. Marine Corps",
             "Army Contracting Command", "Naval Sea Systems Command", "Naval Air Systems Command",
             "Air Force Life Cycle Management Center", "Defense Information Systems Agency",
             "U.S. Customs and Border Protection", "Missile Defense Agency")
_ORG_KINDS = ("University", "Institute", "Foundation", "Council", "Committee")


def _word(i: int) -> str:
    """A unique pronounceable word per non-negative integer (base-32 digits → syllables)."""
    out = []
    i += 32 * 33  # at least three syllables
    while i:
        i, d = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[d])
    return "".join(out).capitalize()


class _Zipf:
    """Draw ranks 0..n-1 with P(rank r) ∝ (r + 1) ** -a, vectorised through a cumulative table."""

    def __init__(self, n: int, a: float, rng: np.random.Generator):
        w = np.arange(1, n + 1, dtype=float) ** -a
        self.cdf = np.cumsum(w / w.sum())
        self.rng = rng
        self._buf: list[int] = []

    def __call__(self) -> int:
        if not self._buf:
            self._buf = np.minimum(np.searchsorted(self.cdf, self.rng.random(4096)), len(self.cdf) - 1).tolist()
        return self._buf.pop()


@dataclass
class _Pool:
    """Lazily named entities of one kind; an entity exists once a document mentions it."""

    kind: str  # entity type
    name_of: object  # int -> str
    made: dict[int, ResolvedEntity] = field(default_factory=dict)

    def get(self, i: int) -> ResolvedEntity:
        e = self.made.get(i)
        if e is None:
            name = self.name_of(i)
            e = self.made[i] = ResolvedEntity(make_id(self.kind, name), name, self.kind, [], {}, sorted(name_keys(name, self.kind)), 1)
        return e


@dataclass
class SyntheticGraph:
    """The generated documents plus what a benchmark needs to pick queries."""

    target: int
    docs: list[ResolvedDocument]
    entities: dict[str, ResolvedEntity]  # by id
    degree: Counter

    @property
    def entity_count(self) -> int:
        return len(self.entities)

    @property
    def claim_count(self) -> int:
        return sum(len(d.relations) for d in self.docs)

    def batches(self, size: int = 64) -> list[list[ResolvedDocument]]:
        return [self.docs[i:i + size] for i in range(0, len(self.docs), size)]

    def of_type(self, *types: str) -> list[ResolvedEntity]:
        return sorted((e for e in self.entities.values() if e.type in types), key=lambda e: e.id)

    def hubs(self, n: int = 5, types: tuple[str, ...] = ()) -> list[tuple[ResolvedEntity, int]]:
        out = []
        for eid, d in self.degree.most_common():
            e = self.entities[eid]
            if not types or e.type in types:
                out.append((e, d))
            if len(out) >= n:
                break
        return out

    def describe(self) -> dict:
        """Size and degree skew, for the report."""
        degs = np.array(sorted(self.degree.get(eid, 0) for eid in self.entities))
        types = Counter(e.type for e in self.entities.values())
        rels = Counter(r.type for d in self.docs for r in d.relations)
        return {
            "target_entities": self.target, "entities": self.entity_count, "claims": self.claim_count,
            "articles": len(self.docs), "entity_types": dict(sorted(types.items())),
            "relation_types": dict(sorted(rels.items())),
            "degree": {"median": float(np.median(degs)), "mean": round(float(degs.mean()), 2),
                       "p99": float(np.percentile(degs, 99)), "max": int(degs.max()),
                       "share_degree_le_2": round(float((degs <= 2).mean()), 3)},
            "top": [{"id": e.id, "type": e.type, "degree": d} for e, d in self.hubs(5)],
        }


def generate(n_entities: int, seed: int = 0) -> SyntheticGraph:
    """About ``n_entities`` entities (the documents stop once that many are mentioned)."""
    rng = np.random.default_rng(seed)
    n = max(n_entities, 100)
    n_agency = max(8, n // 250)
    pools = {
        "agency": _Pool("Agency", lambda i: _AGENCIES[i] if i < len(_AGENCIES) else f"{_word(i)} {('Command', 'Agency', 'Office')[i % 3]}"),
        "company": _Pool("Company", lambda i: f"{_word(i)} {_INDUSTRY[i % len(_INDUSTRY)]} {_SUFFIX[i % len(_SUFFIX)]}"),
        "person": _Pool("Person", lambda i: f"{_FIRST[i % len(_FIRST)]} {_word(i)}"),
        "location": _Pool("Location", lambda i: f"{_word(i)}, {_STATES[i % len(_STATES)]}"),
        "org": _Pool("Organization", lambda i: f"{_word(i)} {_ORG_KINDS[i % len(_ORG_KINDS)]}"),
        "product": _Pool("Product", lambda i: f"{_word(i)} {('RAM', 'Suite', 'X', 'Cloud')[i % 4]}"),
    }
    draw = {
        "agency": _Zipf(n_agency, 1.1, rng),           # the Army, the Navy ... then a long tail of offices
        "company": _Zipf(int(n * 0.8), 1.0, rng),      # Lockheed, Boeing ... then small firms met once
        "person": _Zipf(int(n * 0.5), 0.6, rng),
        "location": _Zipf(int(n * 0.2), 0.9, rng),
        "org": _Zipf(int(n * 0.1), 0.8, rng),
        "product": _Zipf(int(n * 0.1), 0.8, rng),
    }
    home = {}  # company rank -> location rank
    parent = {}  # company rank -> parent company rank (or None)

    docs: list[ResolvedDocument] = []
    entities: dict[str, ResolvedEntity] = {}
    degree: Counter = Counter()
    n_contracts = 0

    def pick(kind: str) -> tuple[int, ResolvedEntity]:
        i = draw[kind]()
        return i, pools[kind].get(i)

    while len(entities) < n:
        k = len(docs)
        ents: dict[str, ResolvedEntity] = {}
        rels: list[Relation] = []
        sentences: list[str] = []

        def rel(src: ResolvedEntity, rtype: str, tgt: ResolvedEntity, conf: float = 0.75, **props) -> None:
            if src.id == tgt.id:
                return
            for e in (src, tgt):
                ents.setdefault(e.id, e)
            text = f"{src.name} {rtype.lower().replace('_', ' ')} {tgt.name}."
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(text)
            rels.append(Relation(src.id, tgt.id, rtype, Evidence(text, start, start + len(text)), props, conf,
                                 "asserted", f"synthetic.{rtype.lower()}"))

        kind = rng.random()
        year = 2015 + int(rng.integers(0, 10))
        date = f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        if kind < 0.55:  # a contract announcement
            ai, agency = pick("agency")
            ci, company = pick("company")
            amount = float(round(np.exp(rng.normal(15, 2)), 2))
            ident = f"W{ai % 100:02d}{n_contracts:07d}"
            title = f"{_INDUSTRY[ci % len(_INDUSTRY)].lower()} support services"
            n_contracts += 1
            contract = ResolvedEntity(f"contract:{ident.lower()}", f"{ident} ({title})", "Contract", [ident],
                                      {"amount": amount, "currency": "USD", "date": date, "title": title,
                                       "identifiers": [ident]}, [ident.lower()], 1)
            rel(agency, "AWARDED", contract, 0.9, amount=amount, currency="USD", date=date)
            rel(contract, "AWARDED_TO", company, 0.9, amount=amount, currency="USD", date=date)
            if ai >= 3 and rng.random() < 0.3:
                rel(agency, "PART_OF", pools["agency"].get(ai % 3))
            li = home.setdefault(ci, draw["location"]())
            rel(company, "LOCATED_IN", pools["location"].get(li))
            if ci not in parent:
                parent[ci] = draw["company"]() if rng.random() < 0.1 else None
            if parent[ci] is not None and parent[ci] != ci:
                rel(company, "SUBSIDIARY_OF", pools["company"].get(parent[ci]))
            if rng.random() < 0.5:
                rel(agency, "MENTIONED_WITH", company, 0.2)
        elif kind < 0.65:  # a payment
            _, agency = pick("agency")
            _, company = pick("company")
            amount = float(round(np.exp(rng.normal(13, 2)), 2))
            rel(agency, "PAID", company, 0.8, amount=amount, currency="USD", date=date)
        elif kind < 0.8:  # corporate news: investments, acquisitions, products
            _, target = pick("company")
            r = rng.random()
            if r < 0.4:
                _, investor = pick("person") if rng.random() < 0.5 else pick("company")
                rel(investor, "INVESTED_IN", target, 0.7, amount=float(round(np.exp(rng.normal(14, 2)), 2)), currency="USD")
            elif r < 0.7:
                _, buyer = pick("company")
                rel(buyer, "ACQUIRED", target, 0.7)
            else:
                _, product = pick("product")
                rel(product, "PRODUCT_OF", target, 0.7)
        else:  # people and other bodies
            _, person = pick("person")
            r = rng.random()
            if r < 0.5:
                _, employer = pick("company")
                rel(person, "WORKS_FOR", employer, 0.7)
            elif r < 0.7:
                _, employer = pick("agency")
                rel(person, "WORKS_FOR", employer, 0.7)
            elif r < 0.85:
                _, org = pick("org")
                rel(person, "WORKS_FOR", org, 0.6)
                if rng.random() < 0.5:
                    _, other = pick("agency")
                    rel(org, "MENTIONED_WITH", other, 0.2)
            else:
                _, firm = pick("company")
                rel(person, "FOUNDED", firm, 0.7)
        if not rels:
            continue
        aid = f"syn-{k:07d}"
        text = " ".join(sentences)
        article = {"id": aid, "title": f"Synthetic article {k}", "outlet": "Synthetic Wire", "date": date,
                   "url": f"https://example.org/{aid}", "authors": [], "path": "",
                   "hash": hashlib.sha1(text.encode()).hexdigest()[:16]}
        for e in ents.values():
            entities.setdefault(e.id, e)
        for r in rels:
            degree[r.source] += 1
            degree[r.target] += 1
        docs.append(ResolvedDocument(article, list(ents.values()), rels))
    return SyntheticGraph(n_entities, docs, entities, degree)
