"""General-knowledge word lists the extractor relies on, loaded from ``data/*.yml``.

- ``agencies.yml``: U.S. federal bodies with acronyms and parents (typing: Agency).
- ``outlets.yml``: news media (typing: Company).
- ``firms.yml``: well-known firms the model mistypes ("Andreessen Horowitz", "BlackRock") (typing: Company).
- ``lexicon.yml``: corporate suffixes, agency and organisation head words, nouns that type
  the name after them ("firm", "agency"), role words, hedge and negation cues, U.S. states.

None of it names anything from the development texts that is not general knowledge.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


def _load(name: str):
    return yaml.safe_load(resources.files("kg.extract").joinpath("data", name).read_text("utf-8")) or []


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str  # Agency | Company | Organization
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    kind: str = ""


@dataclass
class Lexicon:
    entries: list[GazetteerEntry]
    by_surface: dict[str, GazetteerEntry] = field(default_factory=dict)
    company_suffixes: frozenset[str] = frozenset()
    strong_company_suffixes: frozenset[str] = frozenset()  # lowercased, for comparisons
    legal_forms: tuple[str, ...] = ()  # as written: "Inc.", "LLC", "GmbH"
    agency_strong: tuple[str, ...] = ()
    agency_weak: tuple[str, ...] = ()
    organization_words: tuple[str, ...] = ()
    company_nouns: frozenset[str] = frozenset()
    agency_nouns: frozenset[str] = frozenset()
    organization_nouns: frozenset[str] = frozenset()
    state_affiliate_groups: tuple[str, ...] = ()
    person_roles: tuple[str, ...] = ()
    hedge_cues: tuple[str, ...] = ()
    negation_cues: tuple[str, ...] = ()
    states: dict[str, tuple[str, ...]] = field(default_factory=dict)
    given_names_also_words: frozenset[str] = frozenset()  # "Jordan", "Will": a person's only before a known surname


def _words(values) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in (values or []) if str(v).strip())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    entries: list[GazetteerEntry] = []
    for row in _load("agencies.yml"):
        entries.append(GazetteerEntry(row["name"], "Agency", _words(row.get("aliases")), row.get("parent"), row.get("kind", "")))
    for row in _load("outlets.yml"):
        entries.append(GazetteerEntry(row["name"], "Company", _words(row.get("aliases")), None, "media"))
    for row in _load("firms.yml"):
        entries.append(GazetteerEntry(row["name"], "Company", _words(row.get("aliases")), None, "firm"))
    for row in _load("organizations.yml"):
        entries.append(GazetteerEntry(row["name"], "Organization", _words(row.get("aliases")), None, "organization"))
    by_surface: dict[str, GazetteerEntry] = {}
    for entry in entries:
        for surface in (entry.name, *entry.aliases):
            by_surface.setdefault(surface, entry)
    lx = _load("lexicon.yml") or {}
    states = {}
    for name, abbrs in (lx.get("us_states") or {}).items():
        states[str(name)] = _words(abbrs)
    return Lexicon(
        entries=entries,
        by_surface=by_surface,
        company_suffixes=frozenset(s.lower().rstrip(".") for s in _words(lx.get("company_suffixes"))),
        strong_company_suffixes=frozenset(s.lower().rstrip(".") for s in _words(lx.get("strong_company_suffixes"))),
        legal_forms=_words(lx.get("strong_company_suffixes")),
        agency_strong=_words(lx.get("agency_head_words_strong")),
        agency_weak=_words(lx.get("agency_head_words_weak")),
        organization_words=_words(lx.get("organization_words")),
        company_nouns=frozenset(w.lower() for w in _words(lx.get("company_nouns"))),
        agency_nouns=frozenset(w.lower() for w in _words(lx.get("agency_nouns"))),
        organization_nouns=frozenset(w.lower() for w in _words(lx.get("organization_nouns"))),
        state_affiliate_groups=_words(lx.get("state_affiliate_groups")),
        person_roles=_words(lx.get("person_roles")),
        hedge_cues=_words(lx.get("hedge_cues")),
        negation_cues=_words(lx.get("negation_cues")),
        states=states,
        given_names_also_words=frozenset(_words(lx.get("given_names_also_words"))),
    )


def text_of(doc) -> str:
    """A Doc's text, read once: spaCy rebuilds ``Doc.text`` from every token on each access,
    and kg's components read it dozens of times per article."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text
