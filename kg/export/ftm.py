"""FollowTheMoney (FtM 4) entities out of the graph, and FtM registers into it.

**Export.** Every kg entity becomes an FtM entity of the schema in :data:`NODE_SCHEMA`, every
article an ``Article``, and every claim (one article's statement of one relation) its own FtM
link entity, so each statement keeps its source: ``proof`` points at the ``Article``,
``sourceUrl`` is the article URL, ``publisher`` the outlet, ``description`` the evidence
sentence, ``date`` the date the sentence gives (else the article's date), ``startDate`` that
date for ownerships and jobs, ``status`` ``asserted`` or ``hedged``. ``Documentation`` links
each article to the entities it mentions. Entities are built with the ``followthemoney``
library, so every value is cleaned and every entity validates; ids are
``make_entity_id("kg", <kg id>)``, stable across runs.

Denied claims are left out (an FtM link states that the relation exists), and so is
co-occurrence (``MENTIONED_WITH``) unless asked for.

**Import.** FtM JSON lines (a company register extract, a sanctions list) are mapped back
with the same tables, resolved against the graph with :class:`kg.resolve.Resolver` ("Wickr
Inc." in a register joins the extracted "Wickr"), and written as one pseudo-article per file,
``ftm:<file name>``, whose text is one readable statement per fact: every imported claim
keeps its source like an extracted one.

>>> export_ftm(store, "kg.ftm.json")                        # doctest: +SKIP
>>> import_ftm("register.ftm.json", store)                  # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model
from followthemoney.exc import InvalidData
from followthemoney.util import make_entity_id

from .. import schema
from ..errors import InputError
from ..model import Article, Document, Entity, Evidence, Mention, Relation
from ..resolve import Resolver
from ..store.base import EdgeRecord, GraphStore
from .snapshot import Snapshot, open_text, read_snapshot

# kg entity type -> FtM schema
NODE_SCHEMA = {
    "Agency": "PublicBody",
    "Company": "Company",
    "Person": "Person",
    "Organization": "Organization",
    "Contract": "Contract",
    "Product": "Asset",
    "Location": "Address",
    "Law": "Document",
    "Other": "LegalEntity",
}


@dataclass(frozen=True)
class Link:
    """How a kg relation is an FtM link: schema, the properties holding the kg source and
    target, and fixed property values that tell similar relations apart."""

    schema: str
    source: str
    target: str
    fixed: dict[str, str] = field(default_factory=dict)


# kg relation -> FtM link schema. AWARDED (buyer -> Contract) is the Contract's ``authority``.
LINKS = {
    "INVESTED_IN": Link("Ownership", "owner", "asset", {"ownershipType": "investment", "role": "investor"}),
    "OWNS": Link("Ownership", "owner", "asset"),
    "ACQUIRED": Link("Ownership", "owner", "asset", {"ownershipType": "acquisition"}),
    "SUBSIDIARY_OF": Link("Ownership", "asset", "owner", {"ownershipType": "subsidiary"}),
    "WORKS_FOR": Link("Employment", "employee", "employer"),
    "REPRESENTS": Link("Representation", "agent", "client"),
    "PAID": Link("Payment", "payer", "beneficiary"),
    "AWARDED_TO": Link("ContractAward", "contract", "supplier"),
    "PART_OF": Link("Membership", "member", "organization", {"role": "part of"}),
    "FOUNDED": Link("UnknownLink", "subject", "object", {"role": "founded"}),
    "PRODUCT_OF": Link("UnknownLink", "subject", "object", {"role": "product of"}),
    "LOCATED_IN": Link("UnknownLink", "subject", "object", {"role": "located in"}),
    "MENTIONED_WITH": Link("UnknownLink", "subject", "object", {"role": "mentioned with"}),
}
# An ownership whose asset is not an FtM Asset (an Organization, a PublicBody) is a Control.
CONTROL = {"schema": "Control", "source": "controller", "target": "controlled", "kind": "controlType"}
# Interval schemas where the claim's own date is when the relation started.
STARTS = {"Ownership", "Control", "Employment", "Membership", "Representation", "UnknownLink"}

VERBS = {
    "OWNS": "owns", "INVESTED_IN": "is an investor in", "ACQUIRED": "acquired", "SUBSIDIARY_OF": "is a subsidiary of",
    "WORKS_FOR": "works for", "REPRESENTS": "represents", "PAID": "paid", "AWARDED": "awarded",
    "AWARDED_TO": "was awarded to", "PART_OF": "is part of", "FOUNDED": "founded", "PRODUCT_OF": "is a product of",
    "LOCATED_IN": "is located in", "MENTIONED_WITH": "is linked to",
}


def ftm_id(*parts: str) -> str:
    """The FtM id of a kg thing (an entity id, or "claim"/"article"/"mention" and its key)."""
    eid = make_entity_id("kg", *parts)
    assert eid is not None  # "kg" is always a part
    return eid


# -- export --------------------------------------------------------------------------------
def export_ftm(store: GraphStore, path: str | Path, *, include_weak: bool = False) -> dict[str, Any]:
    """Write the graph of ``store`` to ``path`` (``"-"``: stdout) as FtM JSON lines.

    One entity per line (``EntityProxy.to_dict()``): articles, then entities, then
    ``Documentation`` and one link entity per claim. Returns counts per schema and what was
    left out.
    """
    entities, skipped = build_ftm(read_snapshot(store), include_weak=include_weak)
    with open_text(path, "w") as out:
        for proxy in entities:
            out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return {"format": "ftm", "path": str(path), "entities": len(entities),
            "schemata": dict(sorted(Counter(p.schema.name for p in entities).items())), "skipped": dict(skipped)}


def build_ftm(snap: Snapshot, *, include_weak: bool = False) -> tuple[list[EntityProxy], Counter]:
    """The FtM entities for a snapshot, in a stable order, and counts of claims left out."""
    skipped: Counter = Counter()
    articles: dict[str, EntityProxy] = {}
    for a in snap.articles:
        p = model.make_entity("Article")
        p.id = ftm_id("article", a["id"])
        p.add("name", a.get("title") or a["id"])
        p.add("title", a.get("title"))
        p.add("publisher", a.get("outlet"))
        p.add("publishedAt", a.get("date"))
        p.add("sourceUrl", a.get("url"))
        p.add("author", a.get("authors") or [])
        articles[a["id"]] = p
    meta = {a["id"]: a for a in snap.articles}

    nodes: dict[str, EntityProxy] = {}
    for e in snap.entities:
        p = model.make_entity(NODE_SCHEMA.get(e.type, "LegalEntity"))
        p.id = ftm_id(e.id)
        p.add("name", e.name)
        p.add("alias", [a for a in e.aliases if a != e.name])
        p.add("keywords", e.roles)
        if p.schema.is_a("Organization"):
            p.add("abbreviation", [a for a in e.aliases if re.fullmatch(r"[A-Z][A-Z0-9.&-]{1,9}", a)])
        if p.schema.name == "Address":
            p.add("full", e.name)
        if p.schema.name == "Document":
            p.add("title", e.name)
        if e.type == "Contract":
            props = e.properties
            p.add("title", props.get("title"))
            p.add("amount", props.get("amount"))
            p.add("currency", props.get("currency"))
            p.add("contractDate", props.get("date"))
            p.add("procedureNumber", props.get("identifiers") or [])
            if props.get("approximate"):
                p.add("notes", "The amount is approximate (reported as a lower bound).")
        nodes[e.id] = p

    docs: list[EntityProxy] = []
    for aid, eid in sorted(snap.mentions):
        if aid in articles and eid in nodes:
            d = model.make_entity("Documentation")
            d.id = ftm_id("mention", aid, eid)
            d.add("document", articles[aid])
            d.add("entity", nodes[eid])
            d.add("role", "mentions")
            d.add("sourceUrl", meta[aid].get("url"))
            docs.append(d)

    links: list[EntityProxy] = []
    for c in snap.claims:
        if c.status == "denied":
            skipped["denied"] += 1
            continue
        if c.type in schema.WEAK_RELATIONS and not include_weak:
            skipped["weak"] += 1
            continue
        src, tgt = nodes[c.source], nodes[c.target]
        if c.type == "AWARDED" and tgt.schema.name == "Contract":
            tgt.add("authority", src)
            link = model.make_entity("Documentation")
            link.add("document", articles[c.article_id])
            link.add("entity", tgt)
            link.add("role", f"awarded by {src.first('name')}")
        else:
            link = _link(c, src, tgt)
        link.id = ftm_id("claim", c.source, c.type, c.target, c.article_id)
        _evidence(link, c, articles[c.article_id])
        links.append(link)
    return list(articles.values()) + list(nodes.values()) + docs + links, skipped


def _fits(schema_name: str, prop: str, proxy: EntityProxy) -> bool:
    rng = model.schemata[schema_name].properties[prop].range
    return rng is None or proxy.schema.is_a(rng)


def _link(c: EdgeRecord, src: EntityProxy, tgt: EntityProxy) -> EntityProxy:
    """The FtM link entity for one claim: the mapped schema when both ends fit its ranges,
    else a Control (for ownerships), else an UnknownLink whose role names the relation."""
    spec = LINKS.get(c.type) or Link("UnknownLink", "subject", "object", {"role": _role(c.type)})
    if _fits(spec.schema, spec.source, src) and _fits(spec.schema, spec.target, tgt):
        link = model.make_entity(spec.schema)
        link.add(spec.source, src)
        link.add(spec.target, tgt)
        for k, v in spec.fixed.items():
            link.add(k, v)
        if spec.schema in ("Payment", "ContractAward"):
            link.add("amount", c.properties.get("amount"))
            link.add("currency", c.properties.get("currency"))
        return link
    if spec.schema == "Ownership":
        owner, asset = (src, tgt) if spec.source == "owner" else (tgt, src)
        if _fits("Control", "controller", owner) and _fits("Control", "controlled", asset):
            link = model.make_entity("Control")
            link.add("controller", owner)
            link.add("controlled", asset)
            link.add("controlType", spec.fixed.get("ownershipType", "ownership"))
            link.add("role", spec.fixed.get("role"))
            return link
    link = model.make_entity("UnknownLink")
    link.add("subject", src)
    link.add("object", tgt)
    link.add("role", _role(c.type))
    return link


def _role(relation: str) -> str:
    return relation.lower().replace("_", " ")


def _evidence(link: EntityProxy, c: EdgeRecord, article: EntityProxy) -> None:
    """The claim's source on its link entity: article, URL, outlet, sentence, dates, status."""
    props = c.properties
    has = link.schema.properties
    if "proof" in has:
        link.add("proof", article)
    link.add("sourceUrl", c.article.get("url"))
    link.add("publisher", c.article.get("outlet"))
    link.add("description", c.evidence)
    link.add("date", props.get("date") or c.article.get("date"))
    if props.get("date") and link.schema.name in STARTS:
        link.add("startDate", props.get("date"))
    if "status" in has:
        link.add("status", c.status)
    amount = ""
    if isinstance(props.get("amount"), (int, float)) and "amount" not in has:
        amount = ", amount reported: " + f"{props.get('currency', '')} {props['amount']:,}".strip()
    link.add("summary", f"kg {c.type} claim ({c.status}, confidence {c.confidence:g}{amount}) "
                        f"from article {c.article_id}")
    link.add("recordId", f"{c.source}|{c.type}|{c.target}|{c.article_id}")


# -- import --------------------------------------------------------------------------------
@dataclass
class _Fact:
    relation: str
    source: str  # FtM id
    target: str
    ftm: EntityProxy
    properties: dict[str, Any]
    details: str = ""


def read_ftm(path: str | Path) -> tuple[dict[str, EntityProxy], list[str]]:
    """FtM entities from a JSON lines file (``"-"``: stdin), fragments with one id merged;
    and the problems with lines that could not be read."""
    entities: dict[str, EntityProxy] = {}
    problems: list[str] = []
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                proxy = model.get_proxy(json.loads(line), cleaned=False)
                if proxy.id is None:
                    raise InvalidData("no id")
                if proxy.schema.abstract:
                    raise InvalidData(f"abstract schema {proxy.schema.name}")
                if proxy.id in entities:
                    entities[proxy.id].merge(proxy)
                else:
                    entities[proxy.id] = proxy
            except (json.JSONDecodeError, InvalidData, AttributeError, TypeError, ValueError) as exc:
                problems.append(f"line {n}: {exc}")
    return entities, problems


def _kg_type(proxy: EntityProxy) -> str | None:
    s = proxy.schema
    for ftm_schema, kg_type in (("PublicBody", "Agency"), ("Company", "Company"), ("Person", "Person"),
                                ("Organization", "Organization"), ("LegalEntity", "Organization"),
                                ("Contract", "Contract"), ("Address", "Location")):
        if s.is_a(ftm_schema):
            return kg_type
    if s.name == "Asset":
        return "Product"
    return None


def _kind(proxy: EntityProxy, *props: str) -> str:
    return " ".join(v.lower() for p in props if p in proxy.schema.properties for v in proxy.get(p))


def _relation(proxy: EntityProxy) -> tuple[str, str, str] | None:
    """(kg relation, FtM property of the kg source, of the kg target) for a link entity."""
    name = proxy.schema.name
    if name in ("Ownership", "Control"):
        owner, asset = ("owner", "asset") if name == "Ownership" else ("controller", "controlled")
        kind = _kind(proxy, "ownershipType", "controlType", "role")
        if "subsidiar" in kind:
            return "SUBSIDIARY_OF", asset, owner
        if "acqui" in kind:
            return "ACQUIRED", owner, asset
        if "invest" in kind:
            return "INVESTED_IN", owner, asset
        return "OWNS", owner, asset
    simple = {"Employment": ("WORKS_FOR", "employee", "employer"),
              "Directorship": ("WORKS_FOR", "director", "organization"),
              "Representation": ("REPRESENTS", "agent", "client"),
              "Payment": ("PAID", "payer", "beneficiary"),
              "ContractAward": ("AWARDED_TO", "contract", "supplier"),
              "Membership": ("PART_OF", "member", "organization")}
    if name in simple:
        return simple[name]
    if name == "UnknownLink":
        rel = _kind(proxy, "role").upper().replace(" ", "_")
        if rel in schema.RELATION_TYPES:
            return rel, "subject", "object"
    return None


def _number(value: str | None) -> float | None:
    """An FtM number as kg keeps amounts: a float, as extraction writes them."""
    try:
        return float(value.replace(",", "")) if value else None
    except ValueError:
        return None


def import_ftm(path: str | Path, store: GraphStore, *, label: str = "Register", source_url: str = "",
               only_linked: bool = False) -> dict[str, Any]:
    """Write the FtM entities and links of ``path`` into ``store`` as article ``ftm:<file name>``.

    Persons, companies, organizations, public bodies, legal entities, contracts, addresses
    and assets become kg entities; ownerships, controls, directorships, employments,
    memberships, representations, payments, contract awards and contract authorities become
    claims whose evidence is a sentence such as ``"Register: Erik Prince owns Frontier
    Services Group (FtM Ownership abc123)."`` (``label`` starts it). Entities are resolved
    against the graph. ``only_linked`` keeps only entities some imported link touches.
    Re-importing the same file changes nothing; a changed file replaces its article's claims.
    """
    proxies, problems = read_ftm(path)
    if not proxies and problems:
        raise InputError(f"{path}: no FollowTheMoney entities ({problems[0]})",
                         hint="give FtM JSON lines: one {\"id\", \"schema\", \"properties\"} object per line")
    name = "stdin" if str(path) == "-" else Path(path).name
    skipped: Counter = Counter()
    nodes: dict[str, tuple[EntityProxy, str]] = {}
    for fid, p in proxies.items():
        kg_type = _kg_type(p)
        if kg_type:
            nodes[fid] = (p, kg_type)
        elif not p.schema.edge and p.schema.name not in ("Article", "Document"):
            skipped[f"schema {p.schema.name}"] += 1

    facts: list[_Fact] = []
    for fid, p in proxies.items():
        if p.schema.name == "Contract" and fid in nodes:  # the buyer is the contract's authority
            pairs = [("AWARDED", authority, fid, _money(p, "contractDate")) for authority in p.get("authority")]
        elif p.schema.edge and p.schema.name != "Documentation":
            spec = _relation(p)
            if spec is None:
                skipped[f"link {p.schema.name}"] += 1
                continue
            rel, sprop, tprop = spec
            pairs = [(rel, s, t, _link_properties(p)) for s in p.get(sprop) for t in p.get(tprop)]
        else:
            continue
        for rel, s, t, props in pairs:
            if s not in nodes or t not in nodes:
                skipped["link to an entity not in the file"] += 1
            elif not schema.allowed(rel, nodes[s][1], nodes[t][1]):
                skipped[f"{rel} from {nodes[s][1]} to {nodes[t][1]}"] += 1
            else:
                facts.append(_Fact(rel, s, t, p, props))

    used = {f.source for f in facts} | {f.target for f in facts}
    keep = [fid for fid in nodes if fid in used or not only_linked]
    text, mentions, relations = _statements(label, facts, {fid: nodes[fid] for fid in keep})
    entities = []
    for fid in keep:
        p, kg_type = nodes[fid]
        entities.append(Entity(fid, _name(p), kg_type, aliases=_aliases(p), properties=_entity_properties(p, kg_type),
                               mentions=mentions[fid]))
    article = Article(id=f"ftm:{name}", text=text, title=f"FollowTheMoney import: {name}", outlet=label,
                      url=source_url, path=str(path))
    before = {e.id for e in store.entity_index()}
    resolved = Resolver.for_store(store).resolve(Document(article, entities, relations))
    store.write([resolved])
    return {"format": "ftm", "path": str(path), "article_id": article.id, "entities": len(resolved.entities),
            "matched": sum(1 for e in resolved.entities if e.id in before), "claims": len(resolved.relations),
            "skipped": dict(sorted(skipped.items())), "problems": problems}


def _name(p: EntityProxy) -> str:
    return p.first("name") or p.first("title") or p.first("full") or p.caption or p.id or ""


def _aliases(p: EntityProxy) -> list[str]:
    main = _name(p)
    names = p.get("name") + [v for prop in ("alias", "abbreviation", "previousName") if prop in p.schema.properties
                             for v in p.get(prop)]
    return list(dict.fromkeys(n for n in names if n != main))


def _entity_properties(p: EntityProxy, kg_type: str) -> dict[str, Any]:
    props: dict[str, Any] = {"ftm_id": p.id}
    if kg_type == "Contract":
        props.update(_money(p, "contractDate"))
        if p.first("title"):
            props["title"] = p.first("title")
        ids = [v for prop in ("procedureNumber", "noticeId") for v in p.get(prop)]
        if ids:
            props["identifiers"] = ids
        return props
    for prop, key in (("country", "country"), ("jurisdiction", "jurisdiction"), ("topics", "topics")):
        if prop in p.schema.properties and p.get(prop):
            props[key] = p.get(prop)
    for prop, key in (("registrationNumber", "registration_number"), ("incorporationDate", "incorporation_date"),
                      ("birthDate", "birth_date")):
        if prop in p.schema.properties and p.first(prop):
            props[key] = p.first(prop)
    return props


def _money(p: EntityProxy, date_prop: str = "date") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "amount" in p.schema.properties and (amount := _number(p.first("amount"))) is not None:
        out["amount"] = amount
        if p.first("currency"):
            out["currency"] = p.first("currency")
    date = p.first(date_prop) if date_prop in p.schema.properties else None
    date = date or (p.first("date") if "date" in p.schema.properties else None)
    if date:
        out["date"] = date
    return out


def _link_properties(p: EntityProxy) -> dict[str, Any]:
    props: dict[str, Any] = {"ftm_id": p.id}
    props.update(_money(p, "startDate"))
    for prop, key in (("role", "role"), ("percentage", "percentage"), ("endDate", "end_date")):
        if prop in p.schema.properties and p.first(prop):
            props[key] = p.first(prop)
    return props


def _statements(label: str, facts: list[_Fact], nodes: dict[str, tuple[EntityProxy, str]]):
    """The pseudo-article: one readable line per fact, then one per entity no fact names.
    Returns its text, each entity's mentions in it, and the relations with their evidence."""
    lines: list[str] = []
    mentions: dict[str, list[Mention]] = defaultdict(list)
    relations: list[Relation] = []
    offset = 0

    def add(parts: list[tuple[str, str | None]]) -> tuple[int, int]:
        nonlocal offset
        start = offset
        for text, fid in parts:
            if fid is not None:
                mentions[fid].append(Mention(offset, offset + len(text), text))
            offset += len(text)
        line = "".join(t for t, _ in parts)
        lines.append(line)
        offset += 1  # the newline
        return start, start + len(line)

    for f in sorted(facts, key=lambda f: (f.ftm.id, f.relation, f.source, f.target)):
        src, tgt = _name(nodes[f.source][0]), _name(nodes[f.target][0])
        start, end = add([(f"{label}: ", None), (src, f.source), (f" {_verb(f)} ", None), (tgt, f.target),
                          (f"{_details(f)} (FtM {f.ftm.schema.name} {f.ftm.id}).", None)])
        text = lines[-1]
        relations.append(Relation(f.source, f.target, f.relation, Evidence(text, start, end), f.properties,
                                  confidence=0.95, status="asserted", pattern="ftm." + f.ftm.schema.name))
    for fid, (p, kg_type) in sorted(nodes.items()):
        if fid not in mentions:
            add([(f"{label} lists the {kg_type.lower()} ", None), (_name(p), fid),
                 (f" (FtM {p.schema.name} {p.id}).", None)])
    return "\n".join(lines) + ("\n" if lines else ""), mentions, relations


def _verb(f: _Fact) -> str:
    """"owns", or "owns 25% of" when the register gives a share."""
    share = f.properties.get("percentage")
    if share and f.relation == "OWNS":
        return f"owns {share.rstrip('%')}% of"
    return VERBS[f.relation]


def _details(f: _Fact) -> str:
    p = f.properties
    out = []
    if p.get("percentage") and f.relation != "OWNS":
        out.append(f"holding {p['percentage'].rstrip('%')}%")
    if p.get("role") and f.relation in ("WORKS_FOR", "REPRESENTS", "OWNS"):
        out.append(f"as {p['role']}")
    if p.get("amount") is not None:
        out.append(f"{p.get('currency', '')} {p['amount']:,.2f}".removesuffix(".00").strip())
    if p.get("date"):
        out.append(("on " if f.relation in ("PAID", "AWARDED", "AWARDED_TO") else "since ") + p["date"])
    if p.get("end_date"):
        out.append(f"until {p['end_date']}")
    return (" " + ", ".join(out)) if out else ""
